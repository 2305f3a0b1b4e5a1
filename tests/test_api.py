"""The public API: a flat top level (DESIGN's names there), ``__all__`` in every module, no module hidden
by a function of the same name (issue 15)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import framing

PACKAGE = Path(framing.__file__).parent


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="framing.")
                  if not m.name.rpartition(".")[2].startswith("_"))


def test_the_top_level_holds_the_names_design_gives_and_each_is_what_it_says():
    design = ["slogan_matches", "slogan_rates", "frame_scores", "sentiment_scores", "reuse_pairs",
              "load_sample_corpus", "read_corpus", "compare", "fit_topics", "distinctive_terms"]
    assert set(design) <= set(framing.__all__)
    assert framing.__all__[0] == "__version__" and framing.__all__[1:] == sorted(framing.__all__[1:])
    for name in framing.__all__:
        assert hasattr(framing, name), name
    assert framing.slogan_rates.__module__.startswith("framing.slogans")
    assert framing.fit_topics.__module__ == "framing.topics"


def test_compare_is_the_function_and_comparison_its_module():
    assert callable(framing.compare) and not isinstance(framing.compare, types.ModuleType)
    module = importlib.import_module("framing.comparison")
    assert framing.compare is module.compare and framing.comparison is module
    # code written when the module was framing.compare still imports from it, and the function stays
    from framing.compare import Comparison, compare  # noqa: F401

    assert compare is framing.compare and not isinstance(framing.compare, types.ModuleType)


@pytest.mark.parametrize("name", _modules())
def test_every_module_says_what_it_exports_and_defines_it(name):
    module = importlib.import_module(name)
    if isinstance(getattr(module, "__path__", None), list) and not hasattr(module, "__all__"):
        pytest.fail(f"{name} (a package) has no __all__")
    assert hasattr(module, "__all__"), name
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), f"{name}: a name twice in __all__"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not have: {missing}"
    # every public function and class defined in the module is exported (a new one must be added)
    source = Path(module.__file__).read_text(encoding="utf-8")
    defined = [node.name for node in ast.parse(source).body
               if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")]
    unlisted = [n for n in defined if n not in exported]
    assert not unlisted, f"{name}: public but not in __all__: {unlisted}"
