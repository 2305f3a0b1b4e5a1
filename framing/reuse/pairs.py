"""Near-duplicate passage pairs across (and within) the articles of a corpus, and their clusters.

:func:`reuse_pairs` indexes a corpus's sentences or paragraphs with the kernel
of :mod:`framing.reuse.minhash` and tells an exact reprint from an edited one;
:func:`passage_clusters` reads the pairs back as clusters of near-duplicates,
which :func:`~framing.reuse.message_discipline` and
:func:`~framing.reuse.syndicated_stories` count.

Examples
--------
>>> from framing import Corpus
>>> copies = Corpus.from_frame([{"text": "Crews on the new line now work around the clock, officials said."}] * 2)
>>> passage_clusters(reuse_pairs(copies))[["doc_id", "cluster"]].values.tolist()
[['doc#1', 0], ['doc#2', 0]]
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from .minhash import (band_candidates, estimated_jaccard, hashes_32, jaccard, lsh_params, member_pairs,
                      minhash_signatures, passage_words, shingle_hashes, word_hashes)

__all__ = ["REUSE_COLUMNS", "KINDS", "LEVELS", "PASSAGE_KINDS", "passage_table", "PassageIndex", "reuse_pairs",
           "max_group_of", "passage_clusters"]

REUSE_COLUMNS = [
    "doc_id_a", "doc_id_b", "passage_a", "passage_b", "similarity", "publisher_a", "publisher_b",
    # beyond the DESIGN.md contract, in this order
    "similarity_est", "kind", "edit_words", "longest_run", "original_source_a", "original_source_b",
    "start_a", "end_a", "start_b", "end_b", "text_a", "text_b",
]
KINDS = ("exact", "near_exact", "edited", "paraphrase", "shared_phrase", "pull_quote")
LEVELS = ("sentence", "paragraph")
PASSAGE_KINDS = ("exact", "near_exact", "edited", "paraphrase")
"""The kinds that say "the same passage"; shared phrases and repeats inside one article do not."""

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _norm_text(text: str) -> str:
    """Text as a reader compares it: NFKC, straight quotes, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def passage_table(corpus, level: str) -> tuple[pd.DataFrame, str]:
    """The passages of ``level`` (``corpus.sentences`` or ``corpus.paragraphs``) and their id column."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return (corpus.sentences, "sent_id") if level == "sentence" else (corpus.paragraphs, "para_id")


# ---------------------------------------------------------------- passages


class PassageIndex:
    """The passages of one level: word ids, groups of identical word sequences, shingles.

    Passages with the same word sequence (case and punctuation aside) form one
    group; a group is indexed once, through its first passage.
    """

    def __init__(self, corpus, level: str, min_words: int, shingle: int):
        from array import array

        table, pid = passage_table(corpus, level)
        vocab: defaultdict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__  # a new word gets the next id
        word_id = vocab.__getitem__
        codes = array("q")
        lengths, keep, group = [], [], []
        group_of: dict[bytes, int] = {}
        for i, text in enumerate(table["text"].tolist()):
            w = passage_words(text)
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
        self.word_hashes = word_hashes(vocab)
        self.shingle_hashes, self.shingle_offsets = shingle_hashes(*self.rep_hashes(np.arange(len(self.reps))), shingle)
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
        return jaccard(self.shingle_set(g), self.shingle_set(h))

    def norm_text(self, i: int) -> str:
        s = self._norm.get(i)
        if s is None:
            s = self._norm[i] = _norm_text(self.text[i])
        return s



def _group_clusters(p: PassageIndex, similar: dict[tuple[int, int], float],
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


def _phrase_candidates(p: PassageIndex, min_run: int, max_group: int, label: np.ndarray,
                       large: np.ndarray) -> set[tuple[int, int]]:
    """Group pairs sharing a run of ``min_run`` words (an exact n-gram index).

    A large cluster of near-duplicates takes part through the first of its
    groups sharing the run; two groups of one large cluster are not paired.
    """
    long = np.flatnonzero(p.lengths[p.reps] >= min_run)
    if len(long) < 2:
        return set()
    hashes, offsets = shingle_hashes(*p.rep_hashes(long), min_run)
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
    p = PassageIndex(corpus, level, max(int(min_words), 1), int(shingle))
    sig = minhash_signatures(hashes_32(p.shingle_hashes), p.shingle_offsets, num_perm=num_perm, seed=seed)
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
            est = estimated_jaccard(sig[g], sig[h])
            if phrase and run < min_run:
                continue  # a hash collision, not a shared run
        shorter = min(p.n_words(g), p.n_words(h))
        members_h = None if g == h else p.members[h]
        for i, j in member_pairs(p.members[g], members_h, first_g=bool(large[g]), first_h=bool(large[h])):
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


def max_group_of(pairs: pd.DataFrame, pair_kwargs: dict) -> int:
    """The ``max_group`` the pairs were found with: as passed, else as recorded on them, else the default."""
    return int(pair_kwargs.get("max_group", pairs.attrs.get("max_group", 100)))


# ---------------------------------------------------------------- clusters of near-duplicates


def passage_clusters(pairs: pd.DataFrame, max_group: int = 100) -> pd.DataFrame:
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
    >>> passage_clusters(reuse_pairs(c))[["doc_id", "cluster", "size"]].values.tolist()
    [['doc#1', 0, 3], ['doc#2', 0, 3], ['doc#3', 0, 3]]
    >>> passage_clusters(reuse_pairs(c, max_group=2), max_group=2)["large"].tolist()
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
    passage_kind = linking["kind"].isin(PASSAGE_KINDS).to_numpy()
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

