"""Shared fixtures. Tests that need ../shared fail loudly when it is missing."""

from __future__ import annotations

import hashlib
import os
import pickle
import warnings
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))

warnings.filterwarnings("ignore", message="Truth-testing of elements", category=FutureWarning)

# Caches (VADER lexicon folder, embeddings, numba) go to the repository's ignored .cache/,
# never to the user's home; nothing is downloaded.
os.environ.setdefault("FRAMING_CACHE", str(ROOT / ".cache" / "test"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")


def shared_path(*parts: str) -> Path:
    """A path under ../shared; fails the test (never skips) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: these tests need ../shared beside the repository "
                    "(or FRAMING_SHARED pointing at it)")
    return path


def source_fingerprint(*inputs: Path) -> str:
    """A hash of framing's source and data files and of the given input files or folders: any change to
    the code, a shipped model or the inputs gives a new key, so a cached result is never stale."""
    h = hashlib.sha256()
    package = ROOT / "framing"
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in inputs:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for p in files:
        h.update(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:20]


def cached_result(name: str, key: str, compute):
    """``compute()``, kept on disk (``.cache/test/results``, git-ignored) under ``name`` and ``key``.

    For the slowest tests' inputs (marked ``slow``): the first run, as in CI, computes them and the test
    asserts on them; a later run with the same :func:`source_fingerprint` reads them back. Only inputs
    are cached: every test still computes and asserts what it checks from them.
    """
    folder = Path(os.environ["FRAMING_CACHE"]) / "results"
    path = folder / f"{name}-{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.pkl"):  # one version per name: the key changes with every edit
        old.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
    return value


@pytest.fixture(scope="session")
def shared_corpus_dir() -> Path:
    return shared_path("corpus", "china_central_asia")


@pytest.fixture(scope="session")
def shared_corpus(shared_corpus_dir):
    from framing import read_corpus

    return read_corpus(shared_corpus_dir)


@pytest.fixture(scope="session")
def sample_corpus():
    from framing import load_sample_corpus

    return load_sample_corpus()


@pytest.fixture(scope="session")
def sample_expected() -> dict:
    return yaml.safe_load((ROOT / "tests" / "data" / "sample_expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory) -> Path:
    """Output folder of ``framing analyze`` on the bundled sample corpus (run once per session)."""
    from framing import sample_corpus_path
    from framing.cli import main

    out = tmp_path_factory.mktemp("analyze") / "sample"
    assert main(["analyze", str(sample_corpus_path()), "--out", str(out), "--quiet"]) == 0
    return out
