"""Saying the same thing: the share of each group's sentences that recur in at least two outlets.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([
...     {"text": "Both sides agreed to open two new border crossings.", "publisher": "A", "source_type": "wire"},
...     {"text": "Both sides agreed to open two new border crossings.", "publisher": "B", "source_type": "wire"}])
>>> message_discipline(c)[["group", "n_sentences", "n_recurring"]].values.tolist()
[['wire', 2, 2]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import MIN_DOCS, MIN_WORDS, document_groups, interval_note, wilson_interval
from ..text import count_words
from .pairs import max_group_of, passage_clusters, reuse_pairs

__all__ = ["DISCIPLINE_COLUMNS", "message_discipline"]

DISCIPLINE_COLUMNS = ["group", "n_docs", "n_sentences", "n_recurring", "share", "ci_low", "ci_high", "by", "ci_note"]

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
    clusters = passage_clusters(pairs, max_group_of(pairs, pair_kwargs))
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
    out["ci_low"], out["ci_high"] = wilson_interval(k, n, ci=ci)
    out["by"] = by
    words = pd.Series(arts["n_words"].to_numpy()).groupby(groups.to_numpy()).sum()
    out["ci_note"] = [interval_note(int(d), float(words.get(g, 0)), min_docs=min_docs, min_words=min_group_words)
                      for g, d in zip(out["group"], out["n_docs"])]
    out.loc[out["ci_note"] != "", ["ci_low", "ci_high"]] = np.nan
    return out.sort_values("group", kind="stable").reset_index(drop=True)[DISCIPLINE_COLUMNS]

