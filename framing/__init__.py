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

from . import plot  # figures; matplotlib is imported on first use
from ._version import __version__
from .compare import Comparison, compare
from .corpus import Corpus, CorpusError, load_sample_corpus, read_corpus, sample_corpus_path
from .keyness import distinctive_terms
from .lexicon import LexiconError, load_lexicon, load_outlets
from .reuse import collapse_syndicated, message_discipline, reuse_pairs, syndication_graph
# framing.voices.quotes stays in its module: a top-level ``quotes`` would hide the framing.quotes module
from .voices import voices_by

__all__ = [
    "__version__",
    "Comparison",
    "Corpus",
    "CorpusError",
    "LexiconError",
    "collapse_syndicated",
    "compare",
    "distinctive_terms",
    "load_lexicon",
    "load_outlets",
    "load_sample_corpus",
    "message_discipline",
    "plot",
    "read_corpus",
    "reuse_pairs",
    "sample_corpus_path",
    "syndication_graph",
    "voices_by",
]
