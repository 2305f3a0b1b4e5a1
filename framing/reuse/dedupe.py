"""One story, one voice: which articles are copies of one story, and the corpus with each counted once.

:func:`deduplicated` is what every measure's ``dedupe`` argument goes through.

Examples
--------
>>> from framing import Corpus
>>> wire = "Crews on the new line now work around the clock, officials said on Monday."
>>> c = Corpus.from_frame([{"text": wire, "publisher": "Xinhua"}, {"text": wire, "publisher": "The Star"}])
>>> len(deduplicated(c, "collapse").articles)
1
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..lexicon import load_outlets
from ..text import count_words
from .articles import article_records, full_date, known, voice
from .pairs import PASSAGE_KINDS, max_group_of, passage_clusters, reuse_pairs

__all__ = ["STORY_COLUMNS", "syndicated_stories", "collapse_syndicated", "DEDUPE", "deduplicated"]

STORY_COLUMNS = ["doc_id", "story_id", "kept", "originator", "coverage", "n_copies"]


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
    by_id = article_records(arts)
    order = {d: i for i, d in enumerate(by_id)}
    sents = corpus.sentences
    sent_words = {(d, int(s)): n for d, s, t in zip(sents["doc_id"], sents["sent_id"], sents["text"])
                  if (n := count_words(t)) >= min_words}
    doc_words: Counter = Counter()
    for (d, _), n in sent_words.items():
        doc_words[d] += n
    if pairs is None:
        pairs = reuse_pairs(corpus, level="sentence", min_words=min_words, **pair_kwargs)
    clusters = passage_clusters(pairs, max_group_of(pairs, pair_kwargs))
    large = clusters[clusters["large"]]
    in_large = set(zip(large["doc_id"], large["passage"].tolist()))
    links = pairs[pairs["kind"].isin(PASSAGE_KINDS)]
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
        date = full_date(r.get("published"), r.get("published_precision"))
        return (0 if originator and r.get("publisher") == originator else 1,
                date if date is not None else pd.Timestamp.max, -int(r.get("n_words") or 0), order[d])

    out = []
    for comp in nx.connected_components(graph):
        members = sorted((d for d in comp if d in order), key=order.get)
        # original sources named by provenance, first-named first: most_common keeps that order on ties
        named = Counter(by_id[d]["original_source"] for d in members
                        if known(by_id[d].get("original_source"))
                        and by_id[d].get("original_source") != by_id[d].get("publisher"))
        originator = named.most_common(1)[0][0] if named else None
        kept = min(members, key=lambda d: rank(d, originator))
        if originator is None:
            originator = voice(by_id[kept]) if len(members) == 1 else known(by_id[kept].get("publisher"))
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
        ["; ".join(dict.fromkeys(str(p) for p in carriers[d] if known(p) and p != originator.get(d))) or None
         for d in kept_ids], dtype="string")
    out["publisher_as_found"] = out["publisher"]
    out["source_type_as_found"] = out["source_type"]
    if reattribute:
        outlets = load_outlets()
        for i, d in zip(out.index, kept_ids):
            orig = known(originator.get(d))
            if orig is None or known(out.at[i, "kind"]) == "comment" or known(out.at[i, "publisher"]) == orig:
                continue
            if known(out.at[i, "original_source"]) == orig and known(out.at[i, "original_source_type"]):
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
