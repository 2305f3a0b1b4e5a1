"""Who reprints whom: a directed graph from reprinter to originator, from provenance and reuse.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([{"text": "Trade grew by a fifth in the first half of the year.",
...                         "publisher": "The Star", "original_source": "Xinhua"}])
>>> list(syndication_graph(c).edges(data="basis"))
[('The Star', 'Xinhua', 'provenance')]
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..ingest.datelines import CREDIT_CUES, wire_credit
from ..lexicon import load_outlets
from .articles import article_records, full_date, known, voice
from .pairs import reuse_pairs

__all__ = ["syndication_graph"]


def _credited(row: dict) -> str | None:
    """The agency an article's wire credit names (a dateline or a closing credit), else None.

    Taken from its ``provenance`` where ingestion found the credit (with the
    outlets files the corpus was read with), else read from its text with the
    packaged outlets lexicon (a corpus built from a table has no provenance cues).
    """
    cue = known(row.get("provenance"))
    if cue is not None and cue.startswith(CREDIT_CUES):
        return known(row.get("original_source"))
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
    names_a = {canon(known(a.get("publisher"))), canon(known(a.get("original_source")))} - {None}
    names_b = {canon(known(b.get("publisher"))), canon(known(b.get("original_source")))} - {None}
    a_credits_b, b_credits_a = credit_a in names_b, credit_b in names_a
    if a_credits_b != b_credits_a:
        return (b, a) if a_credits_b else (a, b)
    if credit_a is not None and credit_a == credit_b:
        own_a, own_b = canon(known(a.get("publisher"))) == credit_a, canon(known(b.get("publisher"))) == credit_a
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
    own_a = known(a.get("publisher")) is not None and a.get("publisher") == a.get("original_source")
    own_b = known(b.get("publisher")) is not None and b.get("publisher") == b.get("original_source")
    if own_a != own_b and voice(a) == voice(b):
        return (a, b, "provenance") if own_a else (b, a, "provenance")
    da = full_date(a.get("published"), a.get("published_precision"))
    db = full_date(b.get("published"), b.get("published_precision"))
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
    rows = article_records(arts)
    order = {d: i for i, d in enumerate(rows)}
    graph = nx.DiGraph(direction="reprinter -> originator")
    evidence: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"docs": set(), "sentences": set(), "phrases": set(), "basis": set(), "direction": set()})

    for doc, r in rows.items():
        pub, orig, via = known(r.get("publisher")), known(r.get("original_source")), known(r.get("via"))
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
        u, v = voice(copy), voice(source)
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
        for name, role in ((known(r.get("publisher")), "published"), (known(r.get("original_source")), "originated")):
            if name is None:
                continue
            if name not in graph:
                graph.add_node(name, source_type=None, n_published=0, n_originated=0)
            graph.nodes[name][f"n_{role}"] += 1
            st = known(r.get("source_type") if role == "published" else r.get("original_source_type"))
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

