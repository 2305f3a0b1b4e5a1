"""Every pair of groups compared: differences with outlet-clustered intervals and permutation p-values.

:func:`pairwise_differences` runs :func:`framing.stats.contrast` for each pair
of groups; :func:`difference_table` builds the ``difference`` table of
:func:`framing.comparison.compare` from the per-document numbers behind its
slogan rates, frame shares and topic shares.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"group": ["s"] * 3 + ["n"] * 3, "publisher": list("abcdef"),
...                      "share": [1, 1, 0, 0, 0, 1]})
>>> d = pairwise_differences(docs, "share", groups=["s", "n"], n_boot=200)
>>> d[["measure", "group_a", "group_b", "a", "b"]].round(3).values.tolist()
[['', 's', 'n', 0.667, 0.333]]
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from .slogans import family_counts, in_voice
from .stats import contrast, document_clusters, document_groups

if TYPE_CHECKING:  # for the annotations only: comparison imports this module
    from .comparison import Comparison

__all__ = ["MAX_DIFFERENCE_GROUPS", "DIFFERENCE_PERMUTATIONS", "pairwise_differences", "difference_table"]

MAX_DIFFERENCE_GROUPS = 10  # pairs of at most this many groups (45 pairs) in compare's difference table
# random relabellings per pair and measure (p-values in steps of 1/2,000: fine for BH over a few dozen features)
DIFFERENCE_PERMUTATIONS = 1999


def pairwise_differences(data: pd.DataFrame, value, *, groups: list, total: str | None = None,
                         group: str = "group", cluster: str = "publisher", per: float = 1.0,
                         measure: str = "", ci_method: str = "outlet", **kwargs) -> pd.DataFrame:
    """:func:`framing.stats.contrast` for every pair of ``groups``, one table.

    Pairs (not each group against the rest) because the groups compared are few
    and a reader asks "state media against newspapers", not "against everyone
    else". Benjamini-Hochberg runs across the features of one pair and measure,
    as :func:`~framing.stats.contrast` does.

    Parameters
    ----------
    data : DataFrame
        One row per document: ``group``, ``cluster``, the ``value`` column(s), ``total``.
    value : str or list of str
        The features.
    groups : list
        The groups to pair, in order: ``a`` is the earlier of each pair.
    measure : str
        Written in the ``measure`` column.
    ci_method : {"outlet", "document"}
        Written in the ``ci_method`` column: with ``document``, pass a ``cluster``
        column that is unique per document (documents are the units resampled
        and permuted).
    **kwargs
        ``per``, ``n_boot``, ``n_perm``, ``random_state``, ... of :func:`~framing.stats.contrast`.

    Returns
    -------
    DataFrame
        ``measure``, then the columns of :func:`~framing.stats.contrast`, with
        ``ci_method`` before the last (``ci_note``).

    Examples
    --------
    >>> docs = pd.DataFrame({"group": ["s"] * 3 + ["n"] * 3, "publisher": list("abcdef"),
    ...                      "win_win": [2, 3, 4, 0, 1, 0], "n_words": [500] * 6})
    >>> d = pairwise_differences(docs, "win_win", groups=["s", "n"], total="n_words", per=1000, n_boot=200)
    >>> d[["group_a", "group_b", "difference", "p_value"]].round(3).values.tolist()
    [['s', 'n', 5.333, 0.1]]
    """
    parts = [contrast(data, a, b, value=value, total=total, cluster=cluster, group=group, per=per, **kwargs)
             for a, b in combinations(groups, 2)]
    if not parts:
        cols = ["feature", "a", "b", "difference", "ci_low", "ci_high", "p_value", "p_adj", "group_a", "group_b",
                "n_docs_a", "n_docs_b", "n_clusters_a", "n_clusters_b", "permutation", "ci_note"]
        out = pd.DataFrame(columns=cols)
    else:
        out = pd.concat(parts, ignore_index=True)
    out.insert(0, "measure", measure)
    out.insert(len(out.columns) - 1, "ci_method", ci_method)
    return out


def difference_table(result: Comparison, by: str, ci_method: str, **kwargs) -> pd.DataFrame:
    """Every pair of groups large enough for intervals, on the per-document numbers behind slogan rates
    (own voice, per 1,000 words), frame shares (each scheme) and topic shares.

    Parameters
    ----------
    result : Comparison
        The comparison so far: its ``groups`` table and whichever of ``slogan_rates``
        (with ``slogan_matches``), ``frames`` and ``topics`` it holds. Notes on groups
        left out are appended to ``result.warnings``.
    by : str
        The grouping column of the articles.
    ci_method : {"outlet", "document"}
        The units resampled and permuted: outlets, or documents.
    **kwargs
        ``n_boot``, ``n_perm``, ``random_state``, ... of :func:`framing.stats.contrast`.

    Returns
    -------
    DataFrame
        The tables of :func:`pairwise_differences` for each measure, one after another.
    """
    t, arts = result.tables, result.corpus.articles
    sizes = t["groups"]
    named = sizes[~sizes["small"] & (sizes["group"] != "unknown")].sort_values(["n_docs", "group"],
                                                                              ascending=[False, True])
    if len(named) > MAX_DIFFERENCE_GROUPS:
        left = sorted(named["group"].iloc[MAX_DIFFERENCE_GROUPS:].astype(str))
        result.warnings.append(f"Differences between groups: only the {MAX_DIFFERENCE_GROUPS} largest groups are "
                               f"paired; left out: {', '.join(left)}.")
    groups = sorted(named["group"].head(MAX_DIFFERENCE_GROUPS))
    if len(groups) < 2:
        result.warnings.append("Differences between groups: fewer than two groups have enough documents and words "
                               "for an interval, so no pair is compared (the difference table is empty).")
    ids = arts["doc_id"].astype(str)
    docs = pd.DataFrame({"group": document_groups(arts, by).to_numpy(), "n_words": arts["n_words"].to_numpy(),
                         "unit": document_clusters(arts).to_numpy() if ci_method == "outlet" else ids.to_numpy()},
                        index=ids.to_numpy())
    common = {"groups": groups, "group": "group", "cluster": "unit", "ci_method": ci_method, **kwargs}
    parts = []
    if "slogan_rates" in t:
        m = t["slogan_matches"]
        if {"in_name", "repeat"} <= set(m.columns):
            m = m[~(m["in_name"].astype(bool) | m["repeat"].astype(bool))]
        families = list(dict.fromkeys(t["slogan_rates"]["feature"]))
        counts = pd.DataFrame(family_counts(in_voice(m, "own"), docs.index, families), index=docs.index,
                              columns=families)
        parts.append(pairwise_differences(docs.join(counts), families, total="n_words", per=1000,
                                          measure="slogan_rates", **common))
    if "frames" in t:
        for scheme, sub in t["frames"].groupby("scheme", sort=False):
            wide = sub.pivot_table(index="doc_id", columns="frame", values="score", aggfunc="mean")
            wide = wide.reindex(docs.index).fillna(0.0)
            parts.append(pairwise_differences(docs.join(wide), list(wide.columns),
                                              measure=f"frame_profile:{scheme}", **common))
    if "topics" in t:
        wide = pd.crosstab(t["topics"]["doc_id"].astype(str), t["topics"]["topic"]).reindex(docs.index, fill_value=0)
        wide.columns = [str(c) for c in wide.columns]
        parts.append(pairwise_differences(docs.join(wide).assign(paragraphs=wide.sum(axis=1)), list(wide.columns),
                                          total="paragraphs", measure="topics_by_group", **common))
    return pd.concat(parts, ignore_index=True) if parts else pairwise_differences(docs, [], **{**common, "groups": []})
