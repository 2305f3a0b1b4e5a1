"""Text reuse: near-duplicate passages, who reprints whom, and how much is said in unison.

A wire story reprinted by five outlets is one voice, not five. This package finds
reused passages (sentences or paragraphs) across the articles of a
:class:`~framing.Corpus` with MinHash LSH over word shingles (datasketch), tells an
exact reprint from an edited one, and builds on the pairs:

- :func:`reuse_pairs` — near-duplicate passage pairs with exact and estimated
  Jaccard similarity, both publishers, offsets and a ``kind``
  (:mod:`~framing.reuse.pairs`);
- :func:`syndication_graph` — a networkx DiGraph of who reprints whom, from the
  articles' provenance and the reuse evidence (:mod:`~framing.reuse.syndication`);
- :func:`message_discipline` — the share of each group's sentences that recur in
  at least two publishers, with Wilson intervals (:mod:`~framing.reuse.discipline`);
- :func:`syndicated_stories` and :func:`collapse_syndicated` — one row per story,
  counted under its originator: the semantics of ``dedupe="collapse"``
  (:mod:`~framing.reuse.dedupe`).

The shingles, signatures, LSH bands and similarities all of them rest on, and
which :mod:`framing.scale` computes over partitions, are in
:mod:`~framing.reuse.minhash`.

Examples
--------
>>> from framing import Corpus
>>> corpus = Corpus.from_frame([
...     {"text": "Freight trains on the new line now cross the border in three hours.", "publisher": "A"},
...     {"text": "Freight trains on the new line now cross the border in just three hours.", "publisher": "B"}])
>>> reuse_pairs(corpus)[["doc_id_a", "doc_id_b", "kind", "edit_words"]].values.tolist()
[['doc#1', 'doc#2', 'edited', 1]]
"""

from .dedupe import DEDUPE, STORY_COLUMNS, collapse_syndicated, deduplicated, syndicated_stories
from .discipline import DISCIPLINE_COLUMNS, message_discipline
from .minhash import (band_candidates, band_keys, estimated_jaccard, hashes_32, jaccard, lsh_params, member_pairs,
                      minhash_signatures, pairs_in_runs, passage_words, shingle_hashes, word_hashes)
from .pairs import (KINDS, LEVELS, PASSAGE_KINDS, REUSE_COLUMNS, PassageIndex, passage_clusters, passage_table,
                    reuse_pairs)
from .syndication import syndication_graph

__all__ = [
    "DEDUPE", "DISCIPLINE_COLUMNS", "KINDS", "LEVELS", "PASSAGE_KINDS", "REUSE_COLUMNS", "STORY_COLUMNS",
    "PassageIndex", "band_candidates", "band_keys", "collapse_syndicated", "deduplicated", "estimated_jaccard",
    "hashes_32", "jaccard", "lsh_params", "member_pairs", "message_discipline", "minhash_signatures",
    "pairs_in_runs", "passage_clusters", "passage_table", "passage_words", "reuse_pairs", "shingle_hashes",
    "syndicated_stories", "syndication_graph", "word_hashes",
]
