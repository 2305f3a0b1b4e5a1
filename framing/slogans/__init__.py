"""Recurring formulations: who repeats which slogans, how often, and in whose voice.

Functions take a :class:`~framing.Corpus` and return tidy tables keyed by
``doc_id`` (matches) or by ``group, feature`` (rates):

- :func:`slogan_matches` — every use of every slogan family, with its sentence
  and whether it is quoted (a direct quotation or attributed speech); a phrase
  inside an organisation's name or in a repeated passage is not a use;
- :func:`slogan_rates` — count, words, documents, rate per 1,000 words (``per=``
  another unit) with a document bootstrap CI, and the share of documents using
  each family; :func:`slogan_totals` the same for all families together;
- :func:`kwic` — keyword in context;
- :func:`highlight` — HTML with each family marked in its own colour;
- :func:`slogan_lifecycle` — when each group first and last used each family, its peak
  period, the lag after the originator group, and the uses in syndicated copies;
- :class:`LexiconVectorizer` — document × family counts as a scikit-learn transformer;
- :func:`candidate_slogans` — recurring phrases not yet in the lexicon.

Examples
--------
>>> import framing
>>> from framing.slogans import slogan_matches, slogan_rates
>>> corpus = framing.load_sample_corpus()
>>> m = slogan_matches(corpus)
>>> m.columns[:8].tolist()
['doc_id', 'family', 'phrase', 'matched', 'start', 'end', 'sentence', 'quoted']
>>> rates = slogan_rates(corpus, by="source_type", voice="own")
"""

from .discovery import LexiconVectorizer, candidate_slogans
from .lifecycle import LIFECYCLE_COLUMNS, copied_articles, slogan_lifecycle
from .matches import MATCH_COLUMNS, UNCOUNTED_COLUMNS, slogan_matches
from .rates import (RATE_COLUMNS, VOICES, family_counts, family_names, in_voice, rate_rows, slogan_rates,
                    slogan_totals)
from .reading import HighlightedText, highlight, kwic

__all__ = [
    "LIFECYCLE_COLUMNS", "MATCH_COLUMNS", "RATE_COLUMNS", "UNCOUNTED_COLUMNS", "VOICES",
    "HighlightedText", "LexiconVectorizer", "candidate_slogans", "copied_articles", "family_counts", "family_names",
    "highlight", "in_voice", "kwic", "rate_rows", "slogan_lifecycle", "slogan_matches",
    "slogan_rates", "slogan_totals",
]
