"""Data sets, in the manner of ``sklearn.datasets``.

- :mod:`~framing.datasets.sample`: :func:`load_sample_corpus`, :func:`sample_corpus_path`.

Examples
--------
>>> from framing.datasets import sample_corpus_path
>>> sample_corpus_path().name
'sample'
"""

from .sample import load_sample_corpus, sample_corpus_path

__all__ = ["load_sample_corpus", "sample", "sample_corpus_path"]
