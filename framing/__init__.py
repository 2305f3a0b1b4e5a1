"""framing: narrative and framing analysis of news, Jupyter-first.

Turn scraped pages into clean articles with provenance, then measure slogans,
frames, topics and sentiment, and compare groups of outlets with honest
statistics.

Examples
--------
>>> import framing
>>> corpus = framing.load_sample_corpus()
>>> corpus.articles.columns[:4].tolist()
['doc_id', 'source_file', 'kind', 'title']
"""

import sys as _sys

from . import comparison, plot  # plot: matplotlib is imported on first use
from ._version import __version__
from .coding import agreement, coding_sheet
from .comparison import Comparison, compare
from .corpus import Corpus, CorpusError
from .datasets.sample import load_sample_corpus, sample_corpus_path
from .frames import FrameClassifier, dominant_frames, frame_profile, frame_scores, frame_terms
from .keyness import distinctive_terms
from .ingest.pipeline import read_corpus
from .lexicon import LexiconError, load_lexicon, load_outlets
from .reuse import collapse_syndicated, message_discipline, reuse_pairs, syndication_graph
from .sentiment import actor_sentiment, sentiment_scores
from .slogans import slogan_lifecycle, slogan_matches, slogan_rates
from .stats import contrast
from .topics import TopicResult, fit_topics
from .over_time import trends
# framing.voices.quotes stays in its module: a top-level ``quotes`` would hide the framing.quotes module
from .voices import voices_by

# The module of ``compare`` is ``framing.comparison``: ``framing.compare`` is the function. Code written
# when the module had that name (``from framing.compare import Comparison``) still imports from it.
_sys.modules[__name__ + ".compare"] = comparison
# ``framing.trends`` is the function; its module is ``framing.over_time`` (a module of the same name would be
# hidden by it), which ``from framing.trends import ...`` also reaches
_sys.modules[__name__ + ".trends"] = _sys.modules[__name__ + ".over_time"]

__all__ = [
    "__version__",
    "Comparison",
    "Corpus",
    "CorpusError",
    "FrameClassifier",
    "LexiconError",
    "TopicResult",
    "actor_sentiment",
    "agreement",
    "coding_sheet",
    "collapse_syndicated",
    "compare",
    "comparison",
    "contrast",
    "distinctive_terms",
    "dominant_frames",
    "fit_topics",
    "frame_profile",
    "frame_scores",
    "frame_terms",
    "load_lexicon",
    "load_outlets",
    "load_sample_corpus",
    "message_discipline",
    "plot",
    "read_corpus",
    "reuse_pairs",
    "sample_corpus_path",
    "sentiment_scores",
    "slogan_lifecycle",
    "slogan_matches",
    "slogan_rates",
    "syndication_graph",
    "trends",
    "voices_by",
]
