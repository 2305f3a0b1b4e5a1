"""Synthetic scraped pages with known ground truth: the module is :mod:`framing.datasets.synthetic`.

Kept so that ``from framing.synth import make_page`` goes on working.
"""

from .datasets.synthetic import (LAYOUTS, MAIN_TOPICS, OTHER_TOPICS, SynthArticle, SynthPage, make_articles_table,
                                 make_corpus, make_html_page, make_page, sentence_pool)

__all__ = ["LAYOUTS", "MAIN_TOPICS", "OTHER_TOPICS", "SynthArticle", "SynthPage", "sentence_pool", "make_page",
           "make_corpus", "make_html_page", "make_articles_table"]
