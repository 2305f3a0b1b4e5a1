"""Shared fixtures. Tests that need ../shared fail loudly when it is missing."""

from __future__ import annotations

import os
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
