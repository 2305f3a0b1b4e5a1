"""Slogan lifecycles: when each group first and last used each slogan family, when it peaked, how long
after the originator, and how many uses came through syndicated copies.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([
...     {"text": "Both sides pledged mutual respect.", "source_type": "state_media", "published": "2025-06-02"},
...     {"text": "Mutual respect was the theme of the forum.", "source_type": "think_tank",
...      "published": "2025-06-12"}])
>>> life = slogan_lifecycle(c, reuse=False)
>>> life[["family", "group", "n_uses", "lag_days"]].values.tolist()
[['mutual_respect', 'state_media', 1, nan], ['mutual_respect', 'think_tank', 1, 10.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..published import dated_articles, period_starts
from ..reuse import syndicated_stories
from ..reuse.articles import known
from .matches import lexicon_of, slogan_matches
from .rates import VOICES, article_groups, family_names, in_voice

__all__ = ["LIFECYCLE_COLUMNS", "copied_articles", "slogan_lifecycle"]

LIFECYCLE_COLUMNS = ["family", "group", "n_uses", "n_docs", "first_use", "last_use", "peak_period", "peak_uses",
                     "lag_days", "n_syndicated", "n_own", "label"]

def copied_articles(corpus, reuse=None) -> set:
    """The doc_ids of articles that are copies of another article.

    An article is a copy when its ``original_source`` and its ``publisher``
    are both known and differ (a reprint by provenance: a dateline, a credit,
    a sidecar; a page of unknown publisher is not known to be a reprint),
    or when the project's reuse detection finds it a copy of a story whose
    kept copy is another article (:func:`framing.reuse.syndicated_stories`:
    most of the words of each lie in sentences found again in the other; the
    copy kept is the originator's own, else the earliest with a full date).
    One shared sentence does not make an article a copy: two outlets quoting
    the same speech both write their own story.

    Parameters
    ----------
    corpus : Corpus
    reuse : DataFrame or False, optional
        Sentence-level :func:`framing.reuse.reuse_pairs` (what ``compare``
        computes), or a :func:`~framing.reuse.syndicated_stories` table; None
        computes the pairs; False uses provenance alone.

    Returns
    -------
    set of str

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Trade grew.", "publisher": "The Star", "original_source": "Xinhua"},
    ...                        {"text": "Trade grew.", "publisher": "Xinhua", "original_source": "Xinhua"}])
    >>> sorted(copied_articles(c, reuse=False))
    ['doc#1']
    """
    arts = corpus.articles
    copies = set()
    if {"original_source", "publisher"} <= set(arts.columns):
        for doc, source, publisher in zip(arts["doc_id"], arts["original_source"], arts["publisher"]):
            source, publisher = known(source), known(publisher)
            if source is not None and publisher is not None and source != publisher:
                copies.add(doc)
    if reuse is False:
        return copies
    if isinstance(reuse, pd.DataFrame) and {"story_id", "kept"} <= set(reuse.columns):
        stories = reuse
    else:
        stories = syndicated_stories(corpus, pairs=reuse)
    copied = stories[~stories["kept"].astype(bool) & (stories["doc_id"] != stories["story_id"])]
    return copies | set(copied["doc_id"].astype(str))


def slogan_lifecycle(corpus, *, by: str = "source_type", originator: str | None = "state_media", freq: str = "M",
                     lexicon=None, reuse=None, matches: pd.DataFrame | None = None,
                     voice: str = "all") -> pd.DataFrame:
    """When each group took up each slogan family, when it peaked, and how many uses were copies.

    For every slogan family used at least once in a dated article and every
    group of ``by``: the first and last day of use, the period of ``freq``
    with the most uses, how many days after the first use by the
    ``originator`` group the group first used it, and how many of its uses are
    in syndicated copies (:func:`copied_articles`) rather than in its own
    writing. Uses are the counted matches of :func:`slogan_matches` (not
    inside a name, not in a repeated passage), in ``voice``.

    Dates are ``published`` with its precision (:mod:`framing.published`;
    text dates are read by :func:`framing.published.dated_articles`). A date
    known only to the month or the year counts as the first day of it for
    ``first_use``, ``last_use`` and ``lag_days`` (an article "of June 2025"
    counts as of 1 June: a lag from it may be up to a month short); it counts
    towards ``peak_period`` only where its whole month or year lies in one
    period of ``freq`` (never spread over periods, never guessed), and the uses
    left out are counted in ``attrs["coarse_uses"]``. Undated articles are left
    out and counted in ``attrs["undated"]`` (their uses in
    ``attrs["undated_uses"]``).

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        Article column that groups the documents (missing values: ``"unknown"``).
    originator : str or None, default "state_media"
        The group lags are measured from; must be a group of ``by``. None: no lags.
    freq : str, default "M"
        pandas period frequency of ``peak_period``: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.
    lexicon : SloganLexicon or path, optional
        Default: the packaged slogan lexicon.
    reuse : DataFrame or False, optional
        Sentence-level :func:`framing.reuse.reuse_pairs` already computed (as
        ``compare`` does), or a :func:`framing.reuse.syndicated_stories` table;
        None computes them; False counts only reprints named by provenance as
        copies.
    matches : DataFrame, optional
        :func:`slogan_matches` of this corpus already computed (uncounted rows,
        if present, are left out).
    voice : {"all", "own", "quoted"}, default "all"
        Which uses count: all, only in the outlet's own voice, only quoted.

    Returns
    -------
    DataFrame
        One row per family and group, families in order of first use, groups
        within a family in order of first use (groups that never used it last):

        - ``family`` (id), ``group``;
        - ``n_uses``, ``n_docs`` — uses, and articles with a use;
        - ``first_use``, ``last_use`` — days (NaT if never used);
        - ``peak_period`` — the ``freq`` period with most uses (the earliest on
          a tie; a pandas Period), ``peak_uses`` its uses;
        - ``lag_days`` — days from the originator's first use to this group's
          (negative: the group used it first); NaN for the originator itself
          and where either never used the family;
        - ``n_syndicated`` — uses in articles that are copies of another
          article, ``n_own`` — the rest (``n_syndicated + n_own == n_uses``);
        - ``label`` — the family's readable name.

        ``attrs``: ``by, originator, freq, voice, undated, undated_uses,
        coarse_uses``.

    Examples
    --------
    >>> import framing
    >>> life = slogan_lifecycle(framing.load_sample_corpus(), freq="W")
    >>> life.columns[:6].tolist()
    ['family', 'group', 'n_uses', 'n_docs', 'first_use', 'last_use']
    >>> bool((life["n_syndicated"] + life["n_own"] == life["n_uses"]).all())
    True
    """
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    arts = corpus.articles
    groups = article_groups(arts, by)  # a KeyError naming the usable columns when `by` is not one
    if originator is not None and originator not in set(groups):
        raise ValueError(f"originator {originator!r} is not a {by} of this corpus (its {by} values: "
                         f"{', '.join(sorted(set(groups)))}); pass one of them, or originator=None")
    lex = lexicon_of(lexicon)
    m = slogan_matches(corpus, lex) if matches is None else matches
    if {"in_name", "repeat"} <= set(m.columns):
        m = m[~(m["in_name"].astype(bool) | m["repeat"].astype(bool))]
    m = in_voice(m, voice)
    dated = dated_articles(arts)
    if "published" in dated.columns:
        day = dated["published"].dt.floor("D")
        period = period_starts(dated["published"], dated["published_precision"], freq).dt.to_period(freq)
    else:
        day = pd.Series(pd.NaT, index=arts.index, dtype="datetime64[ns]")
        period = period_starts(day, None, freq).dt.to_period(freq)
    docs = pd.DataFrame({"doc_id": arts["doc_id"].to_numpy(), "group": groups.to_numpy(),
                         "day": day.to_numpy(), "period": period.to_numpy()})
    uses = m[["doc_id", "family"]].merge(docs, on="doc_id", how="inner", validate="many_to_one")
    undated = uses["day"].isna()
    attrs = {"by": by, "originator": originator, "freq": freq, "voice": voice,
             "undated": int(day.isna().sum()), "undated_uses": int(undated.sum())}
    uses = uses[~undated].copy()
    attrs["coarse_uses"] = int(uses["period"].isna().sum())
    copies = copied_articles(corpus, reuse) if len(uses) else set()
    uses["copy"] = uses["doc_id"].isin(copies)

    names = family_names(lex)
    families = uses.groupby("family", sort=False)["day"].min()
    lex_order = {f: i for i, f in enumerate(names)}
    families = sorted(families.index, key=lambda f: (families[f], lex_order.get(f, len(lex_order)), f))
    all_groups = sorted(set(docs.loc[docs["day"].notna(), "group"]))
    stats = uses.groupby(["family", "group"]).agg(n_uses=("doc_id", "size"), n_docs=("doc_id", "nunique"),
                                                  first_use=("day", "min"), last_use=("day", "max"),
                                                  n_syndicated=("copy", "sum"))
    per_period = uses.dropna(subset=["period"]).groupby(["family", "group", "period"]).size()
    rows = []
    for f in families:
        start = stats.loc[(f, originator), "first_use"] if (f, originator) in stats.index else pd.NaT
        block = []
        for g in all_groups:
            s = stats.loc[(f, g)] if (f, g) in stats.index else None
            n_uses = int(s["n_uses"]) if s is not None else 0
            first = s["first_use"] if s is not None else pd.NaT
            peak, peak_uses = pd.NaT, 0
            if (f, g) in per_period.index.droplevel(2):
                counts = per_period.loc[(f, g)].sort_index()
                peak, peak_uses = counts.idxmax(), int(counts.max())  # idxmax: the earliest of tied periods
            lag = (first - start) / pd.Timedelta(days=1) if g != originator and pd.notna(first) and pd.notna(
                start) else np.nan
            n_syn = int(s["n_syndicated"]) if s is not None else 0
            block.append({"family": f, "group": g, "n_uses": n_uses, "n_docs": int(s["n_docs"]) if s is not None
                          else 0, "first_use": first, "last_use": s["last_use"] if s is not None else pd.NaT,
                          "peak_period": peak, "peak_uses": peak_uses, "lag_days": float(lag),
                          "n_syndicated": n_syn, "n_own": n_uses - n_syn, "label": names.get(f, (f, ""))[0]})
        block.sort(key=lambda r: (pd.isna(r["first_use"]), r["first_use"] if pd.notna(r["first_use"])
                                  else pd.Timestamp.max, r["group"]))
        rows.extend(block)
    out = pd.DataFrame(rows, columns=LIFECYCLE_COLUMNS)
    for col in ("n_uses", "n_docs", "peak_uses", "n_syndicated", "n_own"):
        out[col] = out[col].astype("int64")
    for col in ("first_use", "last_use"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[ns]")
    out["lag_days"] = out["lag_days"].astype("float64")
    out["peak_period"] = pd.PeriodIndex(out["peak_period"], freq=freq) if len(out) else pd.PeriodIndex(
        [], freq=freq)
    out.attrs.update(attrs)
    return out
