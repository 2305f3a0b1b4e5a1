"""Data sets, in the manner of ``sklearn.datasets``: the bundled sample, generated pages and tables, and
readers of the labelled validation sets.

- :mod:`~framing.datasets.sample`: :func:`load_sample_corpus`, :func:`sample_corpus_path`;
- :mod:`~framing.datasets.synthetic`: :func:`make_page`, :func:`make_corpus`,
  :func:`make_html_page`, :func:`make_articles_table` (pages built from
  :mod:`~framing.datasets.pools` in the layouts of :mod:`~framing.datasets.layouts`);
- :mod:`~framing.datasets.validation`: :func:`load_semeval_frames`,
  :func:`load_headlines`, :func:`evaluate_semeval_frames`.

Examples
--------
>>> from framing.datasets import make_articles_table
>>> len(make_articles_table(3))
3
"""

from .sample import load_sample_corpus, sample_corpus_path
from .synthetic import make_articles_table, make_corpus, make_html_page, make_page
from .validation import evaluate_semeval_frames, load_headlines, load_semeval_frames

__all__ = ["evaluate_semeval_frames", "layouts", "load_headlines", "load_sample_corpus", "load_semeval_frames",
           "make_articles_table", "make_corpus", "make_html_page", "make_page", "pools", "sample",
           "sample_corpus_path", "synthetic", "validation"]
