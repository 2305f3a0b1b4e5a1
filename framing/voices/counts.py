"""Who gets quoted by which group of outlets: affiliation types per group, with Wilson intervals.

See :func:`voices_by`; the voices are those of :func:`framing.voices.quotes`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..affiliations import load_affiliations
from ..stats import (MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals,
                     interval_note, wilson_interval)
from .extract import quotes

__all__ = ["voices_by"]


def voices_by(corpus, by: str = "source_type", *, quotes_table: pd.DataFrame | None = None, unit: str = "speakers",
              top: int = 3, ci: float = 0.95, min_docs: int = MIN_DOCS, min_group_words: int = MIN_WORDS,
              ci_method: str | None = None, n_boot: int = 2000, random_state: int = 0, **kwargs) -> pd.DataFrame:
    """Who gets quoted by which group: affiliation types per group, with outlet-clustered or Wilson intervals.

    Parameters
    ----------
    corpus : Corpus
    by : str
        A column of ``corpus.articles`` (``source_type``, ``publisher``,
        ``original_source`` ...).
    quotes_table : DataFrame, optional
        Precomputed :func:`quotes` (else computed with ``**kwargs``).
    unit : {"speakers", "quotes"}
        Count distinct speakers per article (a voice quoted six times in one
        story counts once) or every quotation/statement.
    top : int
        How many of the most quoted speakers to list per group and type.
    ci : float
        Confidence level of the interval on each share.
    min_docs, min_group_words : int
        A group of fewer articles or words (default :data:`framing.stats.MIN_DOCS`,
        :data:`framing.stats.MIN_WORDS`) gets its shares without intervals
        and a ``ci_note`` saying so (``min_words`` is the quotation length of
        :func:`quotes`).
    ci_method : {"outlet", "document"}, optional
        ``outlet``: a two-stage bootstrap of the share, publishers of the group
        resampled, then their articles with voices
        (:func:`framing.stats.cluster_bootstrap`; no interval from fewer than 3
        publishers, a Wilson interval where the bootstrap has no spread);
        ``document``: the Wilson score interval, which treats the voices as
        independent. Default (:func:`framing.stats.ci_method_for`): ``outlet``
        unless ``by="publisher"``.
    n_boot, random_state : int
        Replicates and seed of the ``outlet`` bootstrap.

    Returns
    -------
    DataFrame
        One row per group and affiliation type (types never quoted in a group
        included, with zero): ``group, affiliation_type, n, total, share,
        ci_low, ci_high, n_docs, top_speakers, by, unit, ci_method, ci_note``. ``n`` counts the
        unit, ``total`` the group's units, ``n_docs`` the group's articles with
        such a voice, ``top_speakers`` is ``"Name (count); ..."``. The Wilson
        interval (``ci_method="document"``) treats voices as independent; voices
        in one article are not quite, so read narrow intervals from few articles
        with care.
        Questions of a transcript (``kind == "question"``: a reporter or news
        outlet asking at a press conference) are not voices and are left out.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": '"We are ready," said Lin Bo, a spokesperson for the ministry.',
    ...                         "source_type": "state_media"}])
    >>> v = voices_by(c)
    >>> v.loc[v.n > 0, ["group", "affiliation_type", "n", "share"]].values.tolist()
    [['state_media', 'government_official', 1, 1.0]]
    """
    if unit not in ("speakers", "quotes"):
        raise ValueError(f"unit must be 'speakers' or 'quotes', got {unit!r}")
    q = quotes(corpus, **kwargs) if quotes_table is None else quotes_table
    if "kind" in q:
        q = q[q["kind"] != "question"]  # a journalist asking at a press conference is no voice the outlet quotes
    groups = document_groups(corpus.articles, by)
    q = q.assign(group=q["doc_id"].map(groups).fillna("unknown"),
                 who=q["speaker"].where(q["speaker"].notna(), "(unattributed)"))
    if unit == "speakers":
        units = q.drop_duplicates(["doc_id", "who"])
    else:
        units = q
    lex = load_affiliations(kwargs.get("affiliations")) if kwargs.get("affiliations") is not None \
        else load_affiliations()
    types = list(dict.fromkeys(list(lex.types) + sorted(set(units["affiliation_type"].dropna()))))
    all_groups = sorted(set(groups.unique()) | set(units["group"].unique()))
    rows = []
    for g in all_groups:
        sub = units[units["group"] == g]
        total = len(sub)
        for t in types:
            st = sub[sub["affiliation_type"] == t]
            counts = q[(q["group"] == g) & (q["affiliation_type"] == t)]["who"].value_counts()
            tops = "; ".join(f"{name} ({n})" for name, n in counts.head(top).items())
            rows.append({"group": g, "affiliation_type": t, "n": len(st), "total": total,
                         "n_docs": st["doc_id"].nunique(), "top_speakers": tops})
    out = pd.DataFrame(rows, columns=["group", "affiliation_type", "n", "total", "n_docs", "top_speakers"])
    ci_method = ci_method_for(by, corpus.articles, ci_method)
    low, high = wilson_interval(out["n"].to_numpy(), out["total"].to_numpy(), ci=ci)
    notes = [""] * len(out)
    if ci_method == "outlet":
        low, high, notes = _outlet_intervals(out, units, types, document_clusters(corpus.articles), ci=ci,
                                             n_boot=n_boot, random_state=random_state)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(out["total"] > 0, out["n"] / out["total"].where(out["total"] > 0, 1), np.nan)
    # statsmodels' Wilson bound for 0 of 3 comes out as 5.6e-17, a hair above the share
    low = np.where(np.isnan(share), low, np.minimum(low, share))
    high = np.where(np.isnan(share), high, np.maximum(high, share))
    out.insert(4, "share", share)
    out.insert(5, "ci_low", low)
    out.insert(6, "ci_high", high)
    out["by"] = by
    out["unit"] = unit
    out["ci_method"] = ci_method
    # a group of few articles or words: the share without an interval (voices of one article are not independent)
    arts = corpus.articles
    size = pd.DataFrame({"group": groups.to_numpy(), "n_words": arts["n_words"].to_numpy()}).groupby("group")
    docs_of, words_of = size.size(), size["n_words"].sum()
    small = [interval_note(int(docs_of.get(g, 0)), float(words_of.get(g, 0)), min_docs=min_docs,
                           min_words=min_group_words) for g in out["group"]]
    out["ci_note"] = [s or note for s, note in zip(small, notes)]
    out.loc[np.array([bool(s) for s in small], dtype=bool), ["ci_low", "ci_high"]] = np.nan
    return out[["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high", "n_docs", "top_speakers",
                "by", "unit", "ci_method", "ci_note"]]


def _outlet_intervals(out: pd.DataFrame, units: pd.DataFrame, types: list, outlets: pd.Series, *, ci: float,
                      n_boot: int, random_state: int):
    """Per row of ``out``: the two-stage (outlet, article) bootstrap interval of the share and its note."""
    low, high = np.full(len(out), np.nan), np.full(len(out), np.nan)
    notes = [""] * len(out)
    at = {(g, t): i for i, (g, t) in enumerate(zip(out["group"], out["affiliation_type"]))}
    for g, sub in units.groupby("group", sort=True):
        counts = pd.crosstab(sub["doc_id"], sub["affiliation_type"]).reindex(columns=types, fill_value=0)
        C = counts.to_numpy(dtype=float)
        # no thresholds here: voices_by applies its own (the group's articles and words) afterwards
        _, lo, hi, note = group_intervals(C, C.sum(axis=1), kind="share", min_docs=0, min_words=0, ci=ci,
                                          n_boot=n_boot, random_state=random_state,
                                          clusters=counts.index.map(outlets))
        for j, t in enumerate(types):
            i = at[(g, t)]
            low[i], high[i], notes[i] = lo[j], hi[j], note[j]
    for g in set(out["group"]) - set(units["group"]):
        for t in types:
            notes[at[(g, t)]] = "no voice quoted: no interval"
    return low, high, notes
