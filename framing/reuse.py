"""Text reuse: near-duplicate passages, who reprints whom, and how much is said in unison.

A wire story reprinted by five outlets is one voice, not five. This module finds
reused passages (sentences or paragraphs) across the articles of a
:class:`~framing.Corpus` with MinHash LSH over word shingles (datasketch), tells an
exact reprint from an edited one, and builds on the pairs:

- :func:`reuse_pairs` — near-duplicate passage pairs with exact and estimated
  Jaccard similarity, both publishers, offsets and a ``kind``;
- :func:`syndication_graph` — a networkx DiGraph of who reprints whom, from the
  articles' provenance and the reuse evidence;
- :func:`message_discipline` — the share of each group's sentences that recur in
  at least two publishers, with Wilson intervals;
- :func:`syndicated_stories` and :func:`collapse_syndicated` — one row per story,
  counted under its originator: the semantics of ``dedupe="collapse"``.

Examples
--------
>>> from framing import Corpus
>>> corpus = Corpus.from_frame([
...     {"text": "Freight trains on the new line now cross the border in three hours.", "publisher": "A"},
...     {"text": "Freight trains on the new line now cross the border in just three hours.", "publisher": "B"}])
>>> reuse_pairs(corpus)[["doc_id_a", "doc_id_b", "kind", "edit_words"]].values.tolist()
[['doc#1', 'doc#2', 'edited', 1]]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
import pandas as pd

from .ingest.datelines import CREDIT_CUES, wire_credit
from .lexicon import load_outlets
from .stats import MIN_DOCS, MIN_WORDS, document_groups, interval_note, wilson_interval
from .text import WORD_RE, count_words

REUSE_COLUMNS = [
    "doc_id_a", "doc_id_b", "passage_a", "passage_b", "similarity", "publisher_a", "publisher_b",
    # beyond the DESIGN.md contract, in this order
    "similarity_est", "kind", "edit_words", "longest_run", "original_source_a", "original_source_b",
    "start_a", "end_a", "start_b", "end_b", "text_a", "text_b",
]
KINDS = ("exact", "near_exact", "edited", "paraphrase", "shared_phrase", "pull_quote")
LEVELS = ("sentence", "paragraph")
STORY_COLUMNS = ["doc_id", "story_id", "kept", "originator", "coverage", "n_copies"]
DISCIPLINE_COLUMNS = ["group", "n_docs", "n_sentences", "n_recurring", "share", "ci_low", "ci_high", "by", "ci_note"]

# kinds that say "the same passage"; shared phrases and repeats inside one article do not
_PASSAGE_KINDS = ("exact", "near_exact", "edited", "paraphrase")

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_FNV_PRIME = np.uint64(0x100000001B3)


def _norm_text(text: str) -> str:
    """Text as a reader compares it: NFKC, straight quotes, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def _words(text: str) -> list[str]:
    """Case-folded words; curly apostrophes are straight ones (str.replace: translate is 10x slower)."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
                           .casefold())


# ---------------------------------------------------------------- hashing and MinHash


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finalizer: datasketch's "affine32" scheme pre-mixes every input hash with it
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _window_hashes(flat: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every run of ``k`` consecutive word hashes (FNV-1a over word hashes)."""
    n = len(flat)
    padded = np.concatenate([flat, np.zeros(k - 1, dtype=np.uint64)])
    h = np.full(n, np.uint64(0xCBF29CE484222325))
    for j in range(k):
        h = (h ^ padded[j:j + n]) * _FNV_PRIME
    return h ^ (h >> np.uint64(29))


def _shingles(flat: np.ndarray, lengths: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Word ``k``-shingle hashes of passages given as one flat array of word hashes and their lengths.

    Returns the shingle hashes, flat, and the offsets of each passage's segment.
    A passage of fewer than ``k`` words is one shingle of all its words.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    n_sh = np.maximum(lengths - k + 1, 1)
    offsets = np.concatenate([[0], np.cumsum(n_sh)])
    # start position of every shingle in the flat word array
    pos = np.repeat(starts, n_sh) + (np.arange(offsets[-1]) - np.repeat(offsets[:-1], n_sh))
    hashes = _window_hashes(flat, k)[pos]
    for q in np.flatnonzero(lengths < k):  # the window ran into the next passage: hash its own words only
        own = flat[starts[q]:starts[q] + lengths[q]]
        hashes[offsets[q]] = _window_hashes(own, len(own))[0]
    return hashes, offsets


def _to_32(h64: np.ndarray) -> np.ndarray:
    return ((h64 >> np.uint64(32)) ^ (h64 & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def minhash_signatures(hashes: np.ndarray, offsets: np.ndarray, *, num_perm: int = 128,
                       seed: int = 1) -> np.ndarray:
    """datasketch MinHash signatures of many sets at once.

    Set ``i`` holds the 32-bit values ``hashes[offsets[i]:offsets[i+1]]``. Row
    ``i`` of the result equals the ``hashvalues`` of
    ``datasketch.MinHash(num_perm, seed, hashfunc=int)`` after
    ``update_batch`` with that set (the "affine32" scheme, the same seeded
    permutations). It is computed in NumPy chunks because one ``update_batch``
    call per passage costs tens of microseconds of Python overhead, which is
    most of the time on 300,000 sentences.

    Returns
    -------
    ndarray of uint32, shape (n_sets, num_perm)
        (column-major: each permutation's values are contiguous)

    Examples
    --------
    >>> from datasketch import MinHash
    >>> m = MinHash(num_perm=16, seed=3, hashfunc=int)
    >>> m.update_batch([5, 9, 12])
    >>> sig = minhash_signatures(np.array([5, 9, 12], dtype=np.uint32), np.array([0, 3]), num_perm=16, seed=3)
    >>> bool((sig[0] == m.hashvalues).all())
    True
    """
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    offsets = np.asarray(offsets, dtype=np.int64)
    if np.any(np.diff(offsets) <= 0):
        raise ValueError("every set needs at least one hash value")
    hv = _fmix32(np.asarray(hashes[offsets[0]:offsets[-1]], dtype=np.uint32))
    starts = offsets[:-1] - offsets[0]
    # one permutation at a time over all sets: the working array stays in cache, 7x faster than (n, num_perm)
    out = np.empty((num_perm, len(starts)), dtype=np.uint32)
    work = np.empty_like(hv)
    if len(starts):
        for k in range(num_perm):
            np.multiply(hv, a[k], out=work)
            work += b[k]
            out[k] = np.minimum.reduceat(work, starts)
    return out.T


# ---------------------------------------------------------------- passages


class _Passages:
    """The passages of one level: word ids, groups of identical word sequences, shingles.

    Passages with the same word sequence (case and punctuation aside) form one
    group; a group is indexed once, through its first passage.
    """

    def __init__(self, corpus, level: str, min_words: int, shingle: int):
        from array import array

        from datasketch.hashfunc import sha1_hash64

        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        table = corpus.sentences if level == "sentence" else corpus.paragraphs
        pid = "sent_id" if level == "sentence" else "para_id"
        vocab: defaultdict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__  # a new word gets the next id
        word_id = vocab.__getitem__
        codes = array("q")
        lengths, keep, group = [], [], []
        group_of: dict[bytes, int] = {}
        for i, text in enumerate(table["text"].tolist()):
            w = _words(text)
            if len(w) < min_words:
                continue
            ids = array("q", map(word_id, w))
            codes.extend(ids)
            lengths.append(len(ids))
            keep.append(i)
            group.append(group_of.setdefault(ids.tobytes(), len(group_of)))
        t = table.iloc[keep]
        self.doc_id = t["doc_id"].astype(str).to_numpy(dtype=object)
        self.passage = t[pid].to_numpy(dtype=np.int64)
        self.text = t["text"].astype(str).tolist()
        self.start = t["start"].to_numpy(dtype=np.int64)
        self.end = t["end"].to_numpy(dtype=np.int64)
        self.codes = np.frombuffer(codes, dtype=np.int64) if len(codes) else np.zeros(0, dtype=np.int64)
        self.lengths = np.array(lengths, dtype=np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(self.lengths)]).astype(np.int64)
        self.group = np.array(group, dtype=np.int64)
        order = np.argsort(self.group, kind="stable")
        bounds = np.flatnonzero(np.diff(self.group[order])) + 1
        self.members: list[list[int]] = [m.tolist() for m in np.split(order, bounds)] if len(order) else []
        self.reps = np.array([m[0] for m in self.members], dtype=np.int64)
        self.word_hashes = np.array([sha1_hash64(w.encode("utf-8")) for w in vocab], dtype=np.uint64)
        self.shingle_hashes, self.shingle_offsets = _shingles(*self.rep_hashes(np.arange(len(self.reps))), shingle)
        self._sets: dict[int, set] = {}
        self._norm: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.doc_id)

    def words(self, g: int) -> tuple:
        r = self.reps[g]
        return tuple(self.codes[self.offsets[r]:self.offsets[r + 1]].tolist())

    def n_words(self, g: int) -> int:
        return int(self.lengths[self.reps[g]])

    def rep_hashes(self, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Word hashes of the groups' passages, flat, and their lengths."""
        reps = self.reps[groups]
        lengths = self.lengths[reps]
        starts = self.offsets[reps]
        within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self.word_hashes[self.codes[np.repeat(starts, lengths) + within]], lengths

    def shingle_set(self, g: int) -> set:
        s = self._sets.get(g)
        if s is None:
            s = self._sets[g] = set(self.shingle_hashes[self.shingle_offsets[g]:self.shingle_offsets[g + 1]].tolist())
        return s

    def jaccard(self, g: int, h: int) -> float:
        a, b = self.shingle_set(g), self.shingle_set(h)
        inter = len(a & b)
        return inter / (len(a) + len(b) - inter)

    def norm_text(self, i: int) -> str:
        s = self._norm.get(i)
        if s is None:
            s = self._norm[i] = _norm_text(self.text[i])
        return s


def _pairs_in_runs(keys: np.ndarray, max_run: int | None = None) -> np.ndarray:
    """All pairs ``(i, j)``, ``i < j``, of positions with equal ``keys``, as an (n, 2) array.

    A run of more than ``max_run`` equal keys gives only the pairs of its first
    position (the smallest) with each other one.
    """
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    lengths = np.diff(np.r_[starts, len(sk)])
    capped = lengths > max_run if max_run is not None else np.zeros(len(lengths), dtype=bool)
    out = []
    for length in np.unique(lengths[(lengths >= 2) & ~capped]):
        first = starts[(lengths == length) & ~capped]
        iu, ju = np.triu_indices(int(length), 1)
        out.append(np.stack([order[(first[:, None] + iu).ravel()], order[(first[:, None] + ju).ravel()]], axis=1))
    if capped.any():
        n_rest = lengths[capped] - 1
        first = np.repeat(starts[capped], n_rest)
        rest = first + 1 + np.arange(n_rest.sum()) - np.repeat(np.cumsum(n_rest) - n_rest, n_rest)
        out.append(np.stack([order[first], order[rest]], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    return np.sort(pairs, axis=1)


def band_candidates(signatures: np.ndarray, b: int, r: int, max_bucket: int | None = None) -> np.ndarray:
    """Pairs of rows that agree on all ``r`` values of at least one of ``b`` bands.

    The candidate pairs of a ``datasketch.MinHashLSH`` with ``params=(b, r)``
    holding these signatures (its ``query`` of every row; a test checks they
    are the same), found by sorting each band instead of one Python dict
    operation per row and band, which dominates at a few hundred thousand
    sentences.

    Parameters
    ----------
    signatures : ndarray, shape (n, b * r)
    b, r : int
        Bands and rows per band (:func:`lsh_params`).
    max_bucket : int, optional
        A bucket (rows agreeing on one band) of more than this many rows gives
        only the pairs of its first row with each other one, not all of its
        pairs: a passage printed in hundreds of lightly different versions
        would otherwise give a number of candidates quadratic in its versions.
        None (default): all pairs, as ``MinHashLSH``.

    Returns
    -------
    ndarray of int64, shape (n_pairs, 2)
        Unique pairs ``(i, j)`` with ``i < j``, sorted.

    Examples
    --------
    >>> sig = np.array([[1, 2], [1, 2], [1, 2], [5, 6]], dtype=np.uint32)
    >>> band_candidates(sig, 1, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    >>> band_candidates(sig, 1, 2, max_bucket=2).tolist()
    [[0, 1], [0, 2]]
    """
    n = len(signatures)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    codes = []
    for i in range(b):
        # a 64-bit hash of the band's r values: a collision only adds a candidate, which the exact
        # Jaccard then rejects, so sorting hashes finds every pair MinHashLSH's dict of bands finds
        key = np.full(n, np.uint64(0xCBF29CE484222325))
        for j in range(i * r, (i + 1) * r):
            key = (key ^ signatures[:, j].astype(np.uint64)) * _FNV_PRIME
        pairs = _pairs_in_runs(key, max_bucket)
        codes.append(pairs[:, 0] * n + pairs[:, 1])
    code = np.unique(np.concatenate(codes))
    return np.stack([code // n, code % n], axis=1)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for a threshold: datasketch's choice, weighted towards recall.

    Every candidate is verified with the exact Jaccard similarity, so a false
    positive costs a set comparison while a false negative is a lost pair:
    false negatives weigh 0.9, false positives 0.1 (``MinHashLSH(weights=...)``).
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
    return lsh.b, lsh.r


def _group_clusters(p: _Passages, similar: dict[tuple[int, int], float],
                    max_group: int) -> tuple[np.ndarray, np.ndarray]:
    """Clusters of near-duplicate groups: connected by similar pairs; and which hold over ``max_group`` places.

    Returns each group's cluster label and whether its cluster is *large* (more
    than ``max_group`` passages in all its groups).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(p.members)
    gh = np.array(list(similar), dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(gh)), (gh[:, 0], gh[:, 1])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    places = np.bincount(label, weights=np.array([len(m) for m in p.members], dtype=np.float64))
    return label, places[label] > max_group


def _spanning_parents(similar: dict[tuple[int, int], float], label: np.ndarray, large: np.ndarray) -> np.ndarray:
    """Each group's parent in a breadth-first tree of its large cluster's similar pairs; -1 for none.

    The tree grows from the cluster's first group (the one with the earliest
    passage), visiting neighbours in corpus order: every version similar to the
    first is linked to it, the others through the fewest steps.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import breadth_first_order

    n = len(label)
    parent = np.full(n, -1, dtype=np.int64)
    in_large = np.flatnonzero(large)
    if not len(in_large):
        return parent
    gh = np.array([e for e in similar if large[e[0]]], dtype=np.int64).reshape(-1, 2)
    _, first = np.unique(label[in_large], return_index=True)
    roots = in_large[first]  # groups are numbered in corpus order: the smallest comes first
    # one search for all clusters, from a virtual node n linked to every cluster's first group
    rows = np.concatenate([gh[:, 0], gh[:, 1], np.full(len(roots), n)])
    cols = np.concatenate([gh[:, 1], gh[:, 0], roots])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + 1, n + 1)).tocsr()
    graph.sort_indices()
    _, pred = breadth_first_order(graph, n, directed=True, return_predecessors=True)
    pred = pred[:n]
    linked = large & (pred >= 0) & (pred < n)
    parent[linked] = pred[linked]
    return parent


def _phrase_candidates(p: _Passages, min_run: int, max_group: int, label: np.ndarray,
                       large: np.ndarray) -> set[tuple[int, int]]:
    """Group pairs sharing a run of ``min_run`` words (an exact n-gram index).

    A large cluster of near-duplicates takes part through the first of its
    groups sharing the run; two groups of one large cluster are not paired.
    """
    long = np.flatnonzero(p.lengths[p.reps] >= min_run)
    if len(long) < 2:
        return set()
    hashes, offsets = _shingles(*p.rep_hashes(long), min_run)
    owner = np.repeat(long, np.diff(offsets))
    table = pd.DataFrame({"h": hashes, "g": owner}).drop_duplicates()
    # a large cluster counts once per run, as its first group: negative labels keep small groups apart
    table["unit"] = np.where(large[table["g"]], label[table["g"]], -1 - table["g"])
    table = table.sort_values(["h", "g"], kind="stable").drop_duplicates(["h", "unit"])
    table = table[table.duplicated("h", keep=False)]
    out: set[tuple[int, int]] = set()
    for _, gs in table.groupby("h", sort=False)["g"]:
        gs = gs.tolist()
        if len(gs) > max_group:  # a stock phrase: link its places through the first only
            out.update((gs[0], h) for h in gs[1:])
        else:
            out.update((g, h) for i, g in enumerate(gs) for h in gs[i + 1:])
    return out


def _diff(a: tuple, b: tuple) -> tuple[int, int]:
    """Words changed (the larger side of each replace/insert/delete) and the longest common run."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in m.get_opcodes() if op != "equal")
    run = max((blk.size for blk in m.get_matching_blocks()), default=0)
    return edits, run


def _member_pairs(p: _Passages, g: int, h: int, first_g: bool, first_h: bool) -> list[tuple[int, int]]:
    """Passage pairs of two groups (or within one, ``g == h``): all, or through a group's first passage."""
    if g == h:
        mg = p.members[g]
        if first_g:
            return [(mg[0], j) for j in mg[1:]]
        return [(i, j) for k, i in enumerate(mg) for j in mg[k + 1:]]
    mg = p.members[g][:1] if first_g else p.members[g]
    mh = p.members[h][:1] if first_h else p.members[h]
    return [(min(i, j), max(i, j)) for i in mg for j in mh]


def reuse_pairs(corpus, level: str = "sentence", threshold: float = 0.5, *, num_perm: int = 128,
                shingle: int = 3, min_words: int = 5, max_edit: float = 0.2, min_run: int | None = None,
                max_group: int = 100, seed: int = 1) -> pd.DataFrame:
    """Near-duplicate passages across (and within) the articles of a corpus.

    Passages (sentences or paragraphs) are compared as sets of word
    ``shingle``-grams (case-folded words of :data:`framing.text.WORD_RE`, so
    punctuation and case do not count). Candidates come from MinHash LSH:
    datasketch ``MinHash`` signatures with ``num_perm`` seeded permutations
    (:func:`minhash_signatures`), banded with datasketch ``MinHashLSH``'s
    parameters for ``threshold`` (:func:`lsh_params`, weighted towards recall);
    the buckets are found by sorting each band (:func:`band_candidates`, the
    same candidates as ``MinHashLSH.query``). Each candidate is kept when its
    exact Jaccard similarity is at least ``threshold``. Passages with the same
    word sequence are indexed once.

    Parameters
    ----------
    corpus : Corpus
    level : {"sentence", "paragraph"}
        The passages compared: ``corpus.sentences`` or ``corpus.paragraphs``.
    threshold : float, default 0.5
        Smallest exact Jaccard similarity of the shingle sets reported.
    num_perm : int, default 128
        MinHash permutations (more: better candidate recall, slower).
    shingle : int, default 3
        Words per shingle.
    min_words : int, default 5
        Shorter passages ("Thank you.", "However, challenges remain.") are not
        indexed: they recur by chance, not by copying.
    max_edit : float, default 0.2
        A pair counts as ``edited`` (not ``paraphrase``) when at most this
        share of the shorter passage's words (and at least one word) is
        inserted, deleted or replaced.
    min_run : int, optional
        Also report pairs that share a verbatim run of at least this many
        words while their similarity is below ``threshold`` (kind
        ``shared_phrase``): a quoted clause of a speech inside a reworded
        sentence. Off by default; 8 is a useful value.
    max_group : int, default 100
        A passage found in more than this many places, counting its
        near-duplicates (boilerplate, a wire story reprinted by hundreds of
        outlets), is linked through representatives instead of in every pair:
        the passages of such a *large cluster* (identical word sequences and
        the near-duplicates linking them) give one pair per passage but the
        first, a spanning tree: each identical copy is paired with the first
        place of its word sequence, and each word sequence, through its first
        place, with the first sequence (in corpus order) it is similar to,
        growing breadth-first from the cluster's first place. A passage printed
        in ``k`` places thus gives ``k - 1`` pairs, not ``k (k - 1) / 2``;
        clusters are the same (:func:`message_discipline` and
        :func:`syndicated_stories` use them as clusters), but a pair of two
        copies both linked to the first place is not listed. LSH buckets of
        more than ``max_group`` distinct passages are likewise checked against
        their first passage only (``band_candidates(max_bucket=)``), and with
        ``min_run`` a large cluster shares a phrase through the first of its
        sequences carrying it. Clusters of at most ``max_group`` places (all of
        an ordinary corpus but boilerplate) give all their pairs.
    seed : int, default 1
        Seed of the MinHash permutations; the same seed gives the same table.

    Returns
    -------
    DataFrame
        One row per pair of passages, ``a`` before ``b`` in corpus order:

        - ``doc_id_a, doc_id_b`` — the articles;
        - ``passage_a, passage_b`` — ``sent_id`` or ``para_id`` within them;
        - ``similarity`` — exact Jaccard similarity of the shingle sets;
        - ``publisher_a, publisher_b``;
        - ``similarity_est`` — the MinHash estimate of the same (1.0 for
          passages with the same words, which share a signature);
        - ``kind`` — ``exact`` (the same text after Unicode, quote and space
          normalisation), ``near_exact`` (the same words; case or punctuation
          differ), ``edited`` (a small edit: a few words inserted, dropped or
          changed, see ``max_edit``), ``paraphrase`` (similar, but reworded
          beyond a small edit), ``shared_phrase`` (only a verbatim run of
          ``min_run`` words in common) or ``pull_quote`` (both passages in the
          same article: a pull quote, a repeated standfirst);
        - ``edit_words`` — words inserted, deleted or replaced (larger side
          of each change) between the two word sequences;
        - ``longest_run`` — the longest verbatim run of words in common;
        - ``original_source_a, original_source_b``;
        - ``start_a, end_a, start_b, end_b`` — character offsets in the
          article texts;
        - ``text_a, text_b`` — the passages.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([
    ...     {"text": "The dry port now handles trains around the clock. It opened in May.", "publisher": "A"},
    ...     {"text": "The dry port now handles trains around the clock. Crews say so.", "publisher": "B"}])
    >>> reuse_pairs(c)[["doc_id_a", "passage_a", "doc_id_b", "passage_b", "kind"]].values.tolist()
    [['doc#1', 1, 'doc#2', 1, 'exact']]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    if shingle < 1 or num_perm < 2 or max_group < 1:
        raise ValueError("shingle and max_group must be at least 1, num_perm at least 2")
    if min_run is not None and min_run < 2:
        raise ValueError(f"min_run must be at least 2 words, not {min_run!r}")
    p = _Passages(corpus, level, max(int(min_words), 1), int(shingle))
    sig = minhash_signatures(_to_32(p.shingle_hashes), p.shingle_offsets, num_perm=num_perm, seed=seed)
    similar: dict[tuple[int, int], float] = {}
    for g, h in band_candidates(sig, *lsh_params(threshold, num_perm), max_bucket=max_group).tolist():
        sim = p.jaccard(g, h)
        if sim >= threshold:
            similar[(g, h)] = sim
    label, large = _group_clusters(p, similar, max_group)
    parent = _spanning_parents(similar, label, large)
    group_pairs: dict[tuple[int, int], tuple[float, str | None]] = {}
    for g in range(len(p.members)):
        if len(p.members[g]) > 1:
            group_pairs[(g, g)] = (1.0, None)
    for (g, h), sim in similar.items():
        if not large[g] or parent[h] == g or parent[g] == h:
            group_pairs[(g, h)] = (sim, None)
    if min_run is not None:
        for g, h in sorted(_phrase_candidates(p, int(min_run), max_group, label, large)):
            if (g, h) not in group_pairs and not (large[g] and label[g] == label[h]):
                group_pairs[(g, h)] = (p.jaccard(g, h), "shared_phrase")

    arts = corpus.articles.set_index("doc_id")
    publisher = arts["publisher"].astype(object).where(arts["publisher"].notna(), None).to_dict()
    original = arts["original_source"].astype(object).where(arts["original_source"].notna(), None).to_dict()
    rows = []
    for (g, h), (sim, phrase) in group_pairs.items():
        if g == h:
            edits, run, est = 0, p.n_words(g), 1.0
        else:
            edits, run = _diff(p.words(g), p.words(h))
            est = float((sig[g] == sig[h]).mean())
            if phrase and run < min_run:
                continue  # a hash collision, not a shared run
        shorter = min(p.n_words(g), p.n_words(h))
        for i, j in _member_pairs(p, g, h, bool(large[g]), bool(large[h])):
            same_doc = p.doc_id[i] == p.doc_id[j]
            if same_doc:
                if phrase:
                    continue
                kind = "pull_quote"
            elif phrase:
                kind = phrase
            elif g == h:
                kind = "exact" if p.norm_text(i) == p.norm_text(j) else "near_exact"
            else:
                kind = "edited" if edits <= max(1, max_edit * shorter) else "paraphrase"
            rows.append((i, j, sim, est, kind, edits, run))
    rows.sort()
    idx_a = np.array([r[0] for r in rows], dtype=np.int64)
    idx_b = np.array([r[1] for r in rows], dtype=np.int64)
    doc_a, doc_b = p.doc_id[idx_a], p.doc_id[idx_b]
    out = pd.DataFrame({
        "doc_id_a": doc_a, "doc_id_b": doc_b,
        "passage_a": p.passage[idx_a], "passage_b": p.passage[idx_b],
        "similarity": [r[2] for r in rows],
        "publisher_a": [publisher.get(d) for d in doc_a], "publisher_b": [publisher.get(d) for d in doc_b],
        "similarity_est": [r[3] for r in rows], "kind": [r[4] for r in rows],
        "edit_words": [r[5] for r in rows], "longest_run": [r[6] for r in rows],
        "original_source_a": [original.get(d) for d in doc_a],
        "original_source_b": [original.get(d) for d in doc_b],
        "start_a": p.start[idx_a], "end_a": p.end[idx_a], "start_b": p.start[idx_b], "end_b": p.end[idx_b],
        "text_a": [p.text[i] for i in idx_a], "text_b": [p.text[j] for j in idx_b],
    }, columns=REUSE_COLUMNS)
    for col in ("doc_id_a", "doc_id_b", "publisher_a", "publisher_b", "kind", "original_source_a",
                "original_source_b", "text_a", "text_b"):
        out[col] = out[col].astype("string")
    for col in ("passage_a", "passage_b", "edit_words", "longest_run", "start_a", "end_a", "start_b", "end_b"):
        out[col] = out[col].astype("int64")
    for col in ("similarity", "similarity_est"):
        out[col] = out[col].astype("float64")
    out.attrs["max_group"] = int(max_group)  # which clusters the consumers of the pairs take whole
    return out


def _max_group_of(pairs: pd.DataFrame, pair_kwargs: dict) -> int:
    """The ``max_group`` the pairs were found with: as passed, else as recorded on them, else the default."""
    return int(pair_kwargs.get("max_group", pairs.attrs.get("max_group", 100)))


# ---------------------------------------------------------------- who reprints whom


def _known(value) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def _records(articles: pd.DataFrame) -> dict[str, dict]:
    """Article rows by doc_id, in corpus order, with missing values as None."""
    return {r["doc_id"]: {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
            for r in articles.to_dict("records")}


def _full_date(value) -> pd.Timestamp | None:
    value = _known(value)
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return None  # "2025-06" says nothing about which of two June articles came first
    return _day(value[:10])


@lru_cache(maxsize=65536)
def _day(text: str) -> pd.Timestamp | None:
    # pd.to_datetime costs ~100 us a call, and a corpus has few distinct days
    ts = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
    return None if pd.isna(ts) else ts


def _voice(row: dict) -> str | None:
    """Whose words an article carries: its original source, else its publisher."""
    return _known(row.get("original_source")) or _known(row.get("publisher"))


def _credited(row: dict) -> str | None:
    """The agency an article's wire credit names (a dateline or a closing credit), else None.

    Taken from its ``provenance`` where ingestion found the credit (with the
    outlets files the corpus was read with), else read from its text with the
    packaged outlets lexicon (a corpus built from a table has no provenance cues).
    """
    cue = _known(row.get("provenance"))
    if cue is not None and cue.startswith(CREDIT_CUES):
        return _known(row.get("original_source"))
    found = wire_credit(row.get("text") or "", load_outlets())
    return None if found is None or not found.known else found.agency


def _credit_direction(a: dict, b: dict, credit_a: str | None, credit_b: str | None) -> tuple[dict, dict] | None:
    """``(source, copy)`` where a wire credit says which of two articles is the originator's, else None.

    One side credits an agency that is the other side's publisher or original
    source; or both credit the same agency and exactly one was published by it.
    """
    if credit_a is None and credit_b is None:
        return None
    canon = load_outlets().canonical
    names_a = {canon(_known(a.get("publisher"))), canon(_known(a.get("original_source")))} - {None}
    names_b = {canon(_known(b.get("publisher"))), canon(_known(b.get("original_source")))} - {None}
    a_credits_b, b_credits_a = credit_a in names_b, credit_b in names_a
    if a_credits_b != b_credits_a:
        return (b, a) if a_credits_b else (a, b)
    if credit_a is not None and credit_a == credit_b:
        own_a, own_b = canon(_known(a.get("publisher"))) == credit_a, canon(_known(b.get("publisher"))) == credit_a
        if own_a != own_b:
            return (a, b) if own_a else (b, a)
    return None


def _source_of(a: dict, b: dict, credit_a: str | None = None,
               credit_b: str | None = None) -> tuple[dict, dict, str]:
    """Which of two articles sharing passages is the source: ``(source, copy, basis)``.

    In order: a speech or statement is quoted, not the reverse; a wire credit
    (``credit_a``, ``credit_b``: the agency each article credits, see
    :func:`_credited`) naming the other side's publisher or original source, or
    the same agency on both sides, one its own page, points to the credited
    originator; the originator's own page comes before another publisher's copy
    of the same story; the earlier full publication date; otherwise undetermined
    (the earlier in corpus order is taken as the source).
    """
    off_a = a.get("original_source_type") == "official_statement"
    off_b = b.get("original_source_type") == "official_statement"
    if off_a != off_b:
        return (a, b, "official statement") if off_a else (b, a, "official statement")
    credited = _credit_direction(a, b, credit_a, credit_b)
    if credited is not None:
        return (*credited, "credit")
    own_a = _known(a.get("publisher")) is not None and a.get("publisher") == a.get("original_source")
    own_b = _known(b.get("publisher")) is not None and b.get("publisher") == b.get("original_source")
    if own_a != own_b and _voice(a) == _voice(b):
        return (a, b, "provenance") if own_a else (b, a, "provenance")
    da, db = _full_date(a.get("published")), _full_date(b.get("published"))
    if da is not None and db is not None and da != db:
        return (a, b, "date") if da < db else (b, a, "date")
    return a, b, "undetermined"


def syndication_graph(corpus, pairs: pd.DataFrame | None = None, **pair_kwargs):
    """Who reprints whom: a directed graph from reprinter to originator.

    Edges point **from the outlet that reprints or reuses to the originator**
    (``u -> v``: "u carries v's text"). They come from three kinds of evidence:

    - ``provenance``: an article published by ``u`` whose ``original_source`` is
      ``v`` (a dateline, a title suffix, a republication note, a sidecar);
    - ``via``: an item found on aggregator ``u`` (its ``via``) from publisher ``v``;
    - ``reuse``: sentences shared by articles of two different voices (an
      article's voice is its ``original_source``, else its publisher); the edge
      goes from the copy's voice to the source's voice. Which one is the source
      is settled, in order, by an official statement (a speech is quoted, not
      the reverse), by a wire credit (``credit``: one article's dateline or
      closing credit names the other's publisher or original source, or both
      credit the same agency and one is its own page: the credited originator
      is the source, whatever the timestamps say), by provenance (the
      originator's own page comes first), by the earlier full publication date,
      else left ``undetermined`` (the earlier article in corpus order is then
      taken as the source, and the edge is marked ``directed=False``).

    A Xinhua story reprinted by The Star that quotes a speech gives
    ``The Star -> Xinhua`` (provenance) and ``Xinhua -> <speaker>`` (reuse).
    A passage printed in more than ``max_group`` places (see :func:`reuse_pairs`)
    is paired along a spanning tree grown from its first place, so its copies
    give reuse evidence towards that first place (and their tree neighbours),
    not towards each of the other copies.
    Reader comments and articles without a known publisher add no provenance edge.

    Parameters
    ----------
    corpus : Corpus
    pairs : DataFrame, optional
        Sentence-level :func:`reuse_pairs`; computed with ``pair_kwargs`` when None.
        Pull quotes are ignored; ``shared_phrase`` rows count as phrases.

    Returns
    -------
    networkx.DiGraph
        Graph attributes ``direction = "reprinter -> originator"`` and
        ``n_undetermined`` (edges whose direction is undetermined). Node
        attributes: ``source_type`` (as published, else as originator),
        ``n_published`` (articles it published), ``n_originated`` (articles
        naming it as original source). Edge attributes: ``n_articles`` (the
        reprinter's articles carrying the originator's text), ``n_shared_sentences``
        (their sentences found again, near-duplicate, in the originator's
        articles; 0 when the original is not in the corpus),
        ``n_shared_phrases`` (sentences sharing only a phrase), ``basis``
        (``"provenance"``, ``"via"``, ``"reuse"`` or several joined by ``+``),
        ``direction_basis`` (for reuse edges: how the direction was settled:
        ``official statement``, ``credit``, ``provenance``, ``date``,
        ``undetermined``, or several joined by ``+``), ``directed`` (False for
        an edge resting only on reuse whose direction is undetermined: the two
        outlets share text, but which one copied is unknown; count and draw
        these apart), ``doc_ids`` (the reprinter's articles).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Trade grew by a fifth in the first half of the year.",
    ...                         "publisher": "The Star", "original_source": "Xinhua"}])
    >>> g = syndication_graph(c)
    >>> list(g.edges(data="n_articles"))
    [('The Star', 'Xinhua', 1)]
    """
    import networkx as nx

    arts = corpus.articles
    arts = arts[arts["kind"].astype(str) != "comment"] if "kind" in arts else arts
    rows = _records(arts)
    order = {d: i for i, d in enumerate(rows)}
    graph = nx.DiGraph(direction="reprinter -> originator")
    evidence: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"docs": set(), "sentences": set(), "phrases": set(), "basis": set(), "direction": set()})

    for doc, r in rows.items():
        pub, orig, via = _known(r.get("publisher")), _known(r.get("original_source")), _known(r.get("via"))
        if pub and orig and pub != orig:
            e = evidence[(pub, orig)]
            e["docs"].add(doc)
            e["basis"].add("provenance")
        if via and pub and via != pub:
            e = evidence[(via, pub)]
            e["docs"].add(doc)
            e["basis"].add("via")

    if pairs is None:
        pairs = reuse_pairs(corpus, level="sentence", **pair_kwargs)
    cross = pairs[(pairs["doc_id_a"] != pairs["doc_id_b"]) & (pairs["kind"] != "pull_quote")]
    cross = cross[cross["doc_id_a"].isin(list(rows)) & cross["doc_id_b"].isin(list(rows))]
    # which article is the copy depends on the two articles only: settled once per pair of articles
    settled = {}
    credits: dict[str, str | None] = {}  # the agency each article credits, read once per article
    for da, db in cross[["doc_id_a", "doc_id_b"]].drop_duplicates().itertuples(index=False):
        a, b = (rows[da], rows[db]) if order[da] < order[db] else (rows[db], rows[da])
        for r in (a, b):
            if r["doc_id"] not in credits:
                credits[r["doc_id"]] = _credited(r)
        source, copy, how = _source_of(a, b, credits[a["doc_id"]], credits[b["doc_id"]])
        u, v = _voice(copy), _voice(source)
        if u is not None and v is not None and u != v:
            settled[(da, db)] = (u, v, copy["doc_id"], how)
    for da, db, pa, pb, kind in zip(*(cross[c].tolist() for c in ("doc_id_a", "doc_id_b", "passage_a", "passage_b",
                                                                   "kind"))):
        found = settled.get((da, db))
        if found is None:
            continue
        u, v, copy, how = found
        e = evidence[(u, v)]
        e["docs"].add(copy)
        e["phrases" if kind == "shared_phrase" else "sentences"].add((copy, pa if copy == da else pb))
        e["basis"].add("reuse")
        e["direction"].add(how)

    for r in rows.values():
        for name, role in ((_known(r.get("publisher")), "published"), (_known(r.get("original_source")), "originated")):
            if name is None:
                continue
            if name not in graph:
                graph.add_node(name, source_type=None, n_published=0, n_originated=0)
            graph.nodes[name][f"n_{role}"] += 1
            st = _known(r.get("source_type") if role == "published" else r.get("original_source_type"))
            if st and (role == "published" or graph.nodes[name]["source_type"] is None):
                graph.nodes[name]["source_type"] = st
    for (u, v), e in sorted(evidence.items()):
        for name in (u, v):
            if name not in graph:
                graph.add_node(name, source_type=None, n_published=0, n_originated=0)
        graph.add_edge(u, v, n_articles=len(e["docs"]), n_shared_sentences=len(e["sentences"]),
                       n_shared_phrases=len(e["phrases"] - e["sentences"]), basis="+".join(sorted(e["basis"])),
                       direction_basis="+".join(sorted(e["direction"])) or None,
                       directed=not (e["basis"] == {"reuse"} and e["direction"] == {"undetermined"}),
                       doc_ids=tuple(sorted(e["docs"], key=order.get)))
    graph.graph["n_undetermined"] = sum(not d for *_, d in graph.edges(data="directed"))
    untyped = [n for n, t in graph.nodes(data="source_type") if t is None]
    if untyped:  # an aggregator known only as the page an item was found on
        outlets = load_outlets()
        for name in untyped:
            graph.nodes[name]["source_type"] = outlets.source_type(name)
    return graph


# ---------------------------------------------------------------- saying the same thing


def _passage_clusters(pairs: pd.DataFrame, max_group: int = 100) -> pd.DataFrame:
    """Clusters of near-duplicate passages: the connected groups of :func:`reuse_pairs`.

    Passages linked by pairs of kinds ``exact, near_exact, edited, paraphrase``
    form clusters (pull quotes and shared phrases do not link). A cluster of
    more than ``max_group`` passages, which :func:`reuse_pairs` links through
    representatives (a spanning tree that may pass through a pull quote), is
    *large*: it is taken whole, with the pull quotes inside it.

    Parameters
    ----------
    pairs : DataFrame
        :func:`reuse_pairs` of one level.
    max_group : int, default 100
        The ``max_group`` the pairs were found with.

    Returns
    -------
    DataFrame
        One row per linked passage: ``doc_id, passage, cluster`` (an integer
        label, the same for the passages of one cluster), ``large`` (bool),
        ``size`` (passages in the cluster).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Freight trains on the new line now cross the border in three hours."}] * 3)
    >>> _passage_clusters(reuse_pairs(c))[["doc_id", "cluster", "size"]].values.tolist()
    [['doc#1', 0, 3], ['doc#2', 0, 3], ['doc#3', 0, 3]]
    >>> _passage_clusters(reuse_pairs(c, max_group=2), max_group=2)["large"].tolist()
    [True, True, True]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    linking = pairs[pairs["kind"] != "shared_phrase"]
    m = len(linking)
    doc_code, doc_names = pd.factorize(np.concatenate([linking["doc_id_a"].astype(str).to_numpy(dtype=object),
                                                       linking["doc_id_b"].astype(str).to_numpy(dtype=object)]))
    passages = np.concatenate([linking["passage_a"].to_numpy(dtype=np.int64),
                               linking["passage_b"].to_numpy(dtype=np.int64)])
    # one integer per (article, passage): far faster to factorize than a MultiIndex of tuples
    stride = int(passages.max(initial=0)) + 1
    codes, node_keys = pd.factorize(doc_code.astype(np.int64) * stride + passages)
    n = len(node_keys)
    node_doc = np.asarray(doc_names, dtype=object)[node_keys // stride]
    node_passage = node_keys % stride
    a, b = codes[:m], codes[m:]

    def components(keep: np.ndarray) -> np.ndarray:
        graph = coo_matrix((np.ones(int(keep.sum())), (a[keep], b[keep])), shape=(n, n))
        return connected_components(graph, directed=False)[1]

    whole = components(np.ones(m, dtype=bool))
    size = np.bincount(whole, minlength=n)[whole] if n else np.zeros(0, dtype=np.int64)
    large = size > max_group
    passage_kind = linking["kind"].isin(_PASSAGE_KINDS).to_numpy()
    own = components(passage_kind)
    # passages linked only as pull quotes, outside large clusters, are in no cluster
    linked = np.zeros(n, dtype=bool)
    linked[a[passage_kind]] = linked[b[passage_kind]] = True
    keep = linked | large
    label = np.where(large, own.max(initial=-1) + 1 + whole, own)
    label = pd.factorize(label[keep])[0]  # 0, 1, ... in order of first appearance
    size = np.where(large, size, np.bincount(own, minlength=n)[own] if n else size)[keep]
    out = pd.DataFrame({"doc_id": pd.array(node_doc[keep], dtype="string"),
                        "passage": node_passage[keep].astype(np.int64),
                        "cluster": label.astype(np.int64), "large": large[keep], "size": size.astype(np.int64)})
    return out


def message_discipline(corpus, by: str = "source_type", *, pairs: pd.DataFrame | None = None,
                       min_publishers: int = 2, across: str = "publisher", min_words: int = 5,
                       ci: float = 0.95, min_docs: int = MIN_DOCS, min_group_words: int = MIN_WORDS,
                       **pair_kwargs) -> pd.DataFrame:
    """Share of each group's sentences that recur in at least two publishers.

    Sentences linked by near-duplicate pairs (:func:`reuse_pairs` kinds
    ``exact, near_exact, edited, paraphrase``; not pull quotes or shared phrases)
    form clusters; a sentence *recurs* when its cluster spans at least
    ``min_publishers`` distinct values of ``across``. A high share means a
    group's text is made of formulations also printed elsewhere: message
    discipline, or syndication. A cluster of more than ``max_group`` passages
    (the ``max_group`` of :func:`reuse_pairs`: passed here, else recorded in
    ``pairs.attrs``, else 100), whose pairs link it through representatives,
    is taken whole, pull quotes included.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        Article column to group by (``publisher``, ``original_source``, ...).
    pairs : DataFrame, optional
        Sentence-level :func:`reuse_pairs`; computed with ``pair_kwargs`` (and
        ``min_words``) when None.
    min_publishers : int, default 2
    across : str, default "publisher"
        Whose distinct values count as separate outlets; an article without one
        counts as its source file (its own doc_id when it has none).
    min_words : int, default 5
        Sentences shorter than this (never indexed) are left out of the denominator.
    ci : float, default 0.95
        Level of the Wilson score interval. Sentences of one article are not
        independent, so read the interval as a lower bound on the uncertainty.
    min_docs, min_group_words : int
        A group of fewer articles or words (default :data:`framing.stats.MIN_DOCS`,
        :data:`framing.stats.MIN_WORDS`) gets its share without an interval.

    Returns
    -------
    DataFrame
        ``group, n_docs, n_sentences, n_recurring, share, ci_low, ci_high, by,
        ci_note`` (``""``, or why there is no interval).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([
    ...     {"text": "Both sides agreed to open two new border crossings. Talks went on.", "publisher": "A",
    ...      "source_type": "state_media"},
    ...     {"text": "Both sides agreed to open two new border crossings.", "publisher": "B",
    ...      "source_type": "newspaper"}])
    >>> message_discipline(c)[["group", "n_sentences", "n_recurring"]].values.tolist()
    [['newspaper', 1, 1], ['state_media', 1, 1]]
    """
    arts = corpus.articles
    groups = document_groups(arts, by)
    if across not in arts.columns:
        raise KeyError(f"cannot count outlets by {across!r}: not a column of corpus.articles")
    own = arts["source_file"].astype(object).where(arts["source_file"].fillna("") != "", arts["doc_id"])
    outlet = arts[across].astype(object).where(arts[across].notna(), "unknown:" + own.astype(str))
    outlet = dict(zip(arts["doc_id"].astype(str), outlet.astype(str)))
    if pairs is None:
        pairs = reuse_pairs(corpus, level="sentence", min_words=min_words, **pair_kwargs)
    clusters = _passage_clusters(pairs, _max_group_of(pairs, pair_kwargs))
    outlets = clusters["doc_id"].map(lambda d: outlet.get(d, d))
    span = outlets.groupby(clusters["cluster"].to_numpy()).transform("nunique").to_numpy()
    span_of = dict(zip(zip(clusters["doc_id"], clusters["passage"].tolist()), span.tolist()))
    sents = corpus.sentences
    # a boolean array, not a list: an empty list would select no columns and lose doc_id
    sents = sents[np.array([count_words(t) >= min_words for t in sents["text"].astype(str)], dtype=bool)]
    recurring = [span_of.get((str(d), int(s)), 0) >= min_publishers for d, s in zip(sents["doc_id"], sents["sent_id"])]
    table = pd.DataFrame({"group": groups.reindex(sents["doc_id"].astype(str).to_numpy()).to_numpy(),
                          "doc_id": sents["doc_id"].astype(str).to_numpy(), "recurring": recurring})
    docs = groups.groupby(groups.to_numpy()).size()
    agg = table.groupby("group").agg(n_sentences=("recurring", "size"), n_recurring=("recurring", "sum"))
    out = pd.DataFrame({"group": docs.index.astype(str), "n_docs": docs.to_numpy()})
    out = out.merge(agg, left_on="group", right_index=True, how="left").fillna({"n_sentences": 0, "n_recurring": 0})
    out[["n_sentences", "n_recurring"]] = out[["n_sentences", "n_recurring"]].astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = out["n_recurring"] / out["n_sentences"].replace(0, np.nan)
    k, n = out["n_recurring"].to_numpy(), out["n_sentences"].to_numpy()
    low, high = wilson_interval(k, n, ci=ci)
    # the Wilson bounds are exactly 0 at k = 0 and 1 at k = n; statsmodels leaves residue (6.9e-18 for 0 of 50)
    out["ci_low"] = np.where((k == 0) & (n > 0), 0.0, low)
    out["ci_high"] = np.where((k == n) & (n > 0), 1.0, high)
    out["by"] = by
    words = pd.Series(arts["n_words"].to_numpy()).groupby(groups.to_numpy()).sum()
    out["ci_note"] = [interval_note(int(d), float(words.get(g, 0)), min_docs=min_docs, min_words=min_group_words)
                      for g, d in zip(out["group"], out["n_docs"])]
    out.loc[out["ci_note"] != "", ["ci_low", "ci_high"]] = np.nan
    return out.sort_values("group", kind="stable").reset_index(drop=True)[DISCIPLINE_COLUMNS]


# ---------------------------------------------------------------- one story, one voice


class _ClusterCopies:
    """Articles that are copies of each other through large clusters of near-duplicate sentences.

    In a large cluster the pairs are a spanning tree, so "this sentence is found
    again in that article" is read from the clusters: an article shares with
    another the words of its sentences in large clusters the other also has a
    sentence in. Articles with the same set of large clusters form a *class*;
    ``words_shared(a, b)`` is then a lookup of ``(a, class of b)``, and the
    articles of two classes that are copies of each other both ways
    (``min_coverage`` counting these words only) are linked through one node
    per pair of classes, ``("class pair", X, Y)``, in ``edges``: one edge per
    article and class, not one per pair of articles. Copies that reach
    ``min_coverage`` only with the words of other, smaller clusters are left to
    the caller's pairs.
    """

    def __init__(self, large: pd.DataFrame, docs: list[str], sent_words: dict, doc_words: Counter,
                 min_coverage: float):
        from scipy.sparse import coo_matrix

        self.index = {d: i for i, d in enumerate(docs)}
        self.edges: list[tuple] = []
        self.shared: dict[tuple[int, int], float] = {}
        rows = large[large["doc_id"].isin(list(self.index))]
        self.class_of = np.full(len(docs), -1, dtype=np.int64)
        if rows.empty:
            return
        r = rows["doc_id"].map(self.index).to_numpy(dtype=np.int64)
        c, _ = pd.factorize(rows["cluster"])
        shape = (len(docs), int(c.max()) + 1)
        w = np.array([sent_words.get((d, p), 0) for d, p in zip(rows["doc_id"], rows["passage"].tolist())],
                     dtype=np.float64)
        words = coo_matrix((w, (r, c)), shape=shape).tocsr()  # duplicate entries add up
        present = coo_matrix((np.ones(len(r)), (r, c)), shape=shape).tocsr()
        present.sort_indices()
        has = np.diff(present.indptr) > 0
        sets = [present.indices[present.indptr[i]:present.indptr[i + 1]].tobytes() for i in np.flatnonzero(has)]
        self.class_of[has] = pd.factorize(pd.Series(sets, dtype=object))[0]
        n_classes = int(self.class_of.max()) + 1
        member = coo_matrix((np.ones(int(has.sum())), (np.flatnonzero(has), self.class_of[has])),
                            shape=(len(docs), n_classes)).tocsr()
        class_sets = (member.T @ present).tocsr()
        class_sets.data[:] = 1.0
        shared = (words @ class_sets.T).tocoo()  # words of article a in clusters class Y has
        self.shared = dict(zip(zip(shared.row.tolist(), shared.col.tolist()), shared.data.tolist()))
        total = np.array([doc_words.get(d, 0) for d in docs], dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            good = (total[shared.row] > 0) & (shared.data / total[shared.row] >= min_coverage)
        a, y = shared.row[good], shared.col[good]
        x = self.class_of[a]
        # how many articles of class X are copies enough of class Y, looked up the other way round
        keys, n_good = np.unique(x * n_classes + y, return_counts=True)
        at = np.minimum(np.searchsorted(keys, y * n_classes + x), max(len(keys) - 1, 0))
        back = np.where(keys[at] == y * n_classes + x, n_good[at], 0) if len(keys) else np.zeros(0, dtype=np.int64)
        both = np.where(x == y, back >= 2, back > 0)
        lo, hi = np.minimum(x, y)[both], np.maximum(x, y)[both]
        self.edges = [(docs[i], ("class pair", int(p), int(q))) for i, p, q in zip(a[both].tolist(), lo.tolist(),
                                                                                  hi.tolist())]

    def words_shared(self, a: str, b: str) -> float:
        """Words of article ``a`` in large clusters that article ``b`` also has a sentence in."""
        i, j = self.index.get(a), self.index.get(b)
        if i is None or j is None or self.class_of[j] < 0:
            return 0.0
        return self.shared.get((i, int(self.class_of[j])), 0.0)


def syndicated_stories(corpus, *, pairs: pd.DataFrame | None = None, min_coverage: float = 0.8,
                       min_words: int = 5, **pair_kwargs) -> pd.DataFrame:
    """Which articles are copies of the same story, and which copy stands for it.

    Two articles are copies of one story when at least ``min_coverage`` of the
    words of **each** lie in sentences found again (near-duplicate, see
    :func:`reuse_pairs`) in the other; stories are the connected groups of
    copies. A truncated reprint or an article quoting a whole release inside its
    own reporting is therefore not merged (lower ``min_coverage`` to merge it).

    Each story has an **originator**: the original source most often named by
    its copies' provenance (an ``original_source`` other than the publisher);
    failing that, the publisher of the copy that stands for it. The copy kept
    is, in order: one published by the originator itself, the earliest with a
    full publication date, the longest, the first in corpus order. Reader
    comments are never merged.

    In a *large cluster* of near-duplicate sentences (more than ``max_group``
    places: passed here, else recorded in ``pairs.attrs``, else 100), whose
    pairs :func:`reuse_pairs` lists as a spanning tree, a sentence counts as
    found again in every article with a sentence in the same cluster: similar
    through the cluster, if not always directly. Articles with the same set of
    large clusters are compared as one class, so a story reprinted hundreds of
    times takes time linear in its copies, not in their pairs.

    Parameters
    ----------
    corpus : Corpus
    pairs : DataFrame, optional
        Sentence-level :func:`reuse_pairs`; computed with ``pair_kwargs`` when None.
    min_coverage : float, default 0.8
    min_words : int, default 5
        Sentences shorter than this are not indexed and do not count in coverage.

    Returns
    -------
    DataFrame
        One row per article: ``doc_id``, ``story_id`` (the doc_id of the copy
        kept), ``kept`` (bool), ``originator``, ``coverage`` (share of the
        article's words found again in the kept copy; 1.0 for the kept copy),
        ``n_copies`` (articles in the story).

    Examples
    --------
    >>> from framing import Corpus
    >>> story = "Freight volumes at the dry port rose by a third this spring. Crews now work around the clock."
    >>> c = Corpus.from_frame([{"text": story, "publisher": "Xinhua"},
    ...                        {"text": story, "publisher": "The Star", "original_source": "Xinhua"}])
    >>> syndicated_stories(c)[["doc_id", "story_id", "kept"]].values.tolist()
    [['doc#1', 'doc#1', True], ['doc#2', 'doc#1', False]]
    """
    import networkx as nx

    if not 0 < min_coverage <= 1:
        raise ValueError(f"min_coverage must be in (0, 1], not {min_coverage!r}")
    arts = corpus.articles
    by_id = _records(arts)
    order = {d: i for i, d in enumerate(by_id)}
    sents = corpus.sentences
    sent_words = {(d, int(s)): n for d, s, t in zip(sents["doc_id"], sents["sent_id"], sents["text"])
                  if (n := count_words(t)) >= min_words}
    doc_words: Counter = Counter()
    for (d, _), n in sent_words.items():
        doc_words[d] += n
    if pairs is None:
        pairs = reuse_pairs(corpus, level="sentence", min_words=min_words, **pair_kwargs)
    clusters = _passage_clusters(pairs, _max_group_of(pairs, pair_kwargs))
    large = clusters[clusters["large"]]
    in_large = set(zip(large["doc_id"], large["passage"].tolist()))
    links = pairs[pairs["kind"].isin(_PASSAGE_KINDS)]
    matched: dict[tuple[str, str], set] = defaultdict(set)
    for a, pa, b, pb in zip(*(links[c].tolist() for c in ("doc_id_a", "passage_a", "doc_id_b", "passage_b"))):
        if (a, pa) in in_large:
            continue  # both ends are in one large cluster, counted as a cluster below
        matched[(a, b)].add(pa)
        matched[(b, a)].add(pb)
    mergeable = [d for d, r in by_id.items() if r.get("kind") != "comment"]
    through_clusters = _ClusterCopies(large, mergeable, sent_words, doc_words, min_coverage)

    def coverage(a: str, b: str) -> float:
        total = doc_words.get(a, 0)
        small = sum(sent_words.get((a, s), 0) for s in matched.get((a, b), ()))
        return (small + through_clusters.words_shared(a, b)) / total if total else 0.0

    graph = nx.Graph()
    graph.add_nodes_from(by_id)
    for a, b in matched:
        if order[a] < order[b] and by_id[a].get("kind") != "comment" and by_id[b].get("kind") != "comment":
            if coverage(a, b) >= min_coverage and coverage(b, a) >= min_coverage:
                graph.add_edge(a, b)
    # copies through large clusters meet at a node standing for their two sets of clusters
    graph.add_edges_from(through_clusters.edges)

    def rank(d: str, originator: str | None):
        r = by_id[d]
        date = _full_date(r.get("published"))
        return (0 if originator and r.get("publisher") == originator else 1,
                date if date is not None else pd.Timestamp.max, -int(r.get("n_words") or 0), order[d])

    out = []
    for comp in nx.connected_components(graph):
        members = sorted((d for d in comp if d in order), key=order.get)
        # original sources named by provenance, first-named first: most_common keeps that order on ties
        named = Counter(by_id[d]["original_source"] for d in members
                        if _known(by_id[d].get("original_source"))
                        and by_id[d].get("original_source") != by_id[d].get("publisher"))
        originator = named.most_common(1)[0][0] if named else None
        kept = min(members, key=lambda d: rank(d, originator))
        if originator is None:
            originator = _voice(by_id[kept]) if len(members) == 1 else _known(by_id[kept].get("publisher"))
        for d in members:
            out.append({"doc_id": d, "story_id": kept, "kept": d == kept, "originator": originator,
                        "coverage": 1.0 if d == kept else coverage(d, kept), "n_copies": len(members)})
    table = pd.DataFrame(out, columns=STORY_COLUMNS)
    table = table.sort_values("doc_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    table["kept"] = table["kept"].astype(bool)
    table["n_copies"] = table["n_copies"].astype("int64")
    table["coverage"] = table["coverage"].astype("float64")
    for col in ("doc_id", "story_id", "originator"):
        table[col] = table[col].astype("string")
    return table


def collapse_syndicated(corpus, *, stories: pd.DataFrame | None = None, reattribute: bool = True,
                        **story_kwargs):
    """The corpus with each syndicated story counted once, under its originator.

    This is what ``dedupe="collapse"`` means for every measure (slogan rates,
    frames, sentiment, topics): run the measure on the returned corpus instead
    of the original one, and five reprints of a wire story count as one
    article in the originator's voice, not as five voices.

    Contract
    --------
    - Copies of one story (see :func:`syndicated_stories`) become **one row**:
      the copy kept there, with its ``doc_id``, text, paragraphs and sentences
      unchanged. The other copies are dropped from ``articles`` (and so from
      ``paragraphs`` and ``sentences``). ``removed``, ``problems`` and
      ``line_map`` are those of the input corpus.
    - With ``reattribute=True`` (default) every kept row whose story has an
      originator other than its publisher is moved to the originator:
      ``publisher`` becomes the originator and ``source_type`` the originator's
      type (the row's ``original_source_type`` when its ``original_source`` is
      the originator, else the outlets lexicon's type, else unchanged). This
      applies to single reprints too: a Xinhua story printed only by The Star
      counts as Xinhua's. The values as found stay in ``publisher_as_found``
      and ``source_type_as_found``. Rows without a known originator, and reader
      comments, are left as they are.
    - Added columns: ``merged_doc_ids`` (the dropped copies, ``"; "``-joined,
      ``<NA>`` when none), ``n_copies`` (1 + copies dropped), ``reprinted_by``
      (``"; "``-joined publishers other than the originator that carried the
      story, ``<NA>`` when none), ``publisher_as_found``, ``source_type_as_found``.
    - ``info["collapsed"]`` holds ``{"merged_into": {dropped doc_id: kept doc_id}, ...}``
      with the settings used. The input corpus is not changed.

    Parameters
    ----------
    corpus : Corpus
    stories : DataFrame, optional
        :func:`syndicated_stories` of this corpus; computed with ``story_kwargs``
        (``min_coverage``, ``pairs``, ``threshold`` ...) when None.
    reattribute : bool, default True
        Move kept rows to their originator (see above); False only merges copies.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> from framing import Corpus
    >>> story = "Freight volumes at the dry port rose by a third this spring. Crews now work around the clock."
    >>> c = Corpus.from_frame([{"text": story, "publisher": "Xinhua", "source_type": "state_media"},
    ...                        {"text": story, "publisher": "The Star", "original_source": "Xinhua"},
    ...                        {"text": story, "publisher": "Nabka News", "original_source": "Xinhua"}])
    >>> collapsed = collapse_syndicated(c)
    >>> collapsed.articles[["doc_id", "publisher", "n_copies", "merged_doc_ids"]].values.tolist()
    [['doc#1', 'Xinhua', 3, 'doc#2; doc#3']]
    """
    from .corpus import Corpus

    if stories is None:
        stories = syndicated_stories(corpus, **story_kwargs)
    arts = corpus.articles
    missing = set(arts["doc_id"].astype(str)) - set(stories["doc_id"].astype(str))
    if missing:
        raise ValueError(f"stories do not cover {len(missing)} article(s) of the corpus, e.g. {sorted(missing)[0]!r}: "
                         "pass syndicated_stories(corpus) of this same corpus")
    st = stories.set_index(stories["doc_id"].astype(str))
    doc = arts["doc_id"].astype(str)
    story_of = st["story_id"].astype(str).reindex(doc).to_numpy()
    publishers = dict(zip(doc, arts["publisher"]))
    merged = defaultdict(list)
    carriers = defaultdict(list)
    for d, story in zip(doc, story_of):
        if d != story:
            merged[story].append(d)
        carriers[story].append(publishers[d])
    keep = (doc.to_numpy() == story_of)
    out = arts[keep].copy()
    kept_ids = out["doc_id"].astype(str)
    originator = st["originator"].reindex(kept_ids)
    out["merged_doc_ids"] = pd.array(["; ".join(merged[d]) or None for d in kept_ids], dtype="string")
    out["n_copies"] = np.array([1 + len(merged[d]) for d in kept_ids], dtype=np.int64)
    out["reprinted_by"] = pd.array(
        ["; ".join(dict.fromkeys(str(p) for p in carriers[d] if _known(p) and p != originator.get(d))) or None
         for d in kept_ids], dtype="string")
    out["publisher_as_found"] = out["publisher"]
    out["source_type_as_found"] = out["source_type"]
    if reattribute:
        outlets = load_outlets()
        for i, d in zip(out.index, kept_ids):
            orig = _known(originator.get(d))
            if orig is None or _known(out.at[i, "kind"]) == "comment" or _known(out.at[i, "publisher"]) == orig:
                continue
            if _known(out.at[i, "original_source"]) == orig and _known(out.at[i, "original_source_type"]):
                new_type = out.at[i, "original_source_type"]
            else:
                new_type = outlets.source_type(orig) or out.at[i, "source_type"]
            out.at[i, "publisher"] = orig
            out.at[i, "source_type"] = new_type
    info = {**corpus.info, "collapsed": {
        "merged_into": {m: story for story, ms in merged.items() for m in ms},
        "reattribute": reattribute, **{k: v for k, v in story_kwargs.items() if k != "pairs"}}}
    return Corpus(out.reset_index(drop=True), corpus.removed, corpus.problems, corpus.line_map, info)


DEDUPE = ("none", "collapse")


def deduplicated(corpus, dedupe: str = "none"):
    """The corpus a measure counts under ``dedupe``.

    ``"none"`` returns ``corpus`` itself; ``"collapse"`` returns
    :func:`collapse_syndicated` of it (each syndicated story once, under its
    originator), or ``corpus`` itself when it is already collapsed. Every
    measure with a ``dedupe`` argument (slogan rates, frame profiles, actor
    sentiment, topic shares, :func:`framing.compare.compare`) goes through here.

    Examples
    --------
    >>> from framing import Corpus
    >>> story = "Freight volumes at the dry port rose by a third this spring. Crews now work around the clock."
    >>> c = Corpus.from_frame([{"text": story, "publisher": "Xinhua", "source_type": "state_media"},
    ...                        {"text": story, "publisher": "The Star", "original_source": "Xinhua"}])
    >>> len(deduplicated(c, "none").articles), len(deduplicated(c, "collapse").articles)
    (2, 1)
    """
    if dedupe not in DEDUPE:
        raise ValueError(f"dedupe must be one of {DEDUPE}, got {dedupe!r}")
    if dedupe == "none" or "collapsed" in corpus.info:
        return corpus
    return collapse_syndicated(corpus)
