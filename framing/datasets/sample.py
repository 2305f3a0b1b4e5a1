"""The bundled sample corpus: ten constructed pages written by the framing authors.

Examples
--------
>>> sample_corpus_path().name
'sample'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..corpus import Corpus
from ..ingest.pipeline import read_corpus

__all__ = ["sample_corpus_path", "load_sample_corpus"]


def sample_corpus_path() -> Path:
    """Folder of the bundled sample corpus (constructed pages written by the framing authors).

    Returns
    -------
    Path
    """
    return Path(str(resources.files("framing").joinpath("data", "sample")))


def load_sample_corpus() -> Corpus:
    """The bundled sample corpus, read with :func:`~framing.ingest.pipeline.read_corpus`.

    Ten short pages written by the framing authors in the styles of state
    media, an aggregator, a PR wire, a news app, independent analysis, a think
    tank, a newsletter with a reader comment, an official HTML page, a cp1252
    newspaper page and a JSONL export. They are constructed examples, not real
    reporting.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> corpus = load_sample_corpus()
    >>> (corpus.articles["kind"] == "comment").any()
    True
    """
    return read_corpus(sample_corpus_path())
