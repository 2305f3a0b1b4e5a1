"""Packaging: the two dependency lists agree, lexicons ship as package data, the set-up is two commands."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"pytorch": "torch", "distributed": "dask"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pypi = {_name(d) for d in project["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = set(), set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        elif _name(dep) not in ("python", "pip"):
            conda.add(CONDA_TO_PYPI.get(_name(dep), _name(dep)))
    assert conda | pip == pypi, (f"only in pyproject: {sorted(pypi - conda - pip)}; "
                                 f"only in environment.yml: {sorted((conda | pip) - pypi)}")
    assert not conda & pip


def test_required_stack_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(d) for d in project["dependencies"]}
    assert {"jupyterlab", "scikit-learn", "nltk", "seaborn", "bertopic"} <= names


def test_lexicons_are_package_data():
    files = {p.name for p in resources.files("framing.lexicons").iterdir()}
    assert "outlets.yaml" in files


def test_readme_gives_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    makefile = (ROOT / "Makefile").read_text()
    assert "torch==2.13.0" in makefile and "-m venv" in makefile


def test_every_subpackage_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "framing").rglob("__init__.py")}
    assert on_disk <= listed, f"not in [tool.setuptools] packages: {sorted(on_disk - listed)}"
