"""Slogan rates per group: counts, rates per 1,000 words with intervals, and the share of documents using each family.

Examples
--------
>>> import framing
>>> r = slogan_rates(framing.load_sample_corpus(), by="source_type", n_boot=200)
>>> r.columns[:6].tolist()
['group', 'feature', 'count', 'n_words', 'n_docs', 'per_1k']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..reuse import deduplicated
from ..slogan_lexicon import SloganLexicon
from ..stats import (MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals,
                     interval_note, rate_column, wilson_interval)
from .matches import lexicon_of, slogan_matches

__all__ = ["RATE_COLUMNS", "VOICES", "article_groups", "slogan_rates", "family_counts", "family_names",
           "in_voice", "rate_rows", "slogan_totals"]

RATE_COLUMNS = ["group", "feature", "count", "n_words", "n_docs", "per_1k", "ci_low", "ci_high",
                "docs_with", "doc_share", "doc_share_low", "doc_share_high", "label", "origin", "by", "voice",
                "ci_method", "per", "ci_note"]
VOICES = ("own", "all", "quoted")


def article_groups(articles: pd.DataFrame, by: str) -> pd.Series:
    """Group label per article row, aligned with ``articles``."""
    return pd.Series(document_groups(articles, by).to_numpy(), index=articles.index)


def slogan_rates(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                 dedupe: str = "none", per: float = 1000, n_boot: int = 2000, ci: float = 0.95, random_state: int = 0,
                 min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS, ci_method: str | None = None) -> pd.DataFrame:
    """Slogan use per group: counts, rates per 1,000 words with CIs, and document shares.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        A column of ``corpus.articles``: ``source_type``, ``publisher``,
        ``original_source``, ...
    voice : {"own", "all", "quoted"}
        ``own`` counts only matches in the outlet's own voice (not inside a
        quotation or attributed speech); ``quoted`` only the others.
    lexicon : optional
        As for :func:`slogan_matches`.
    matches : DataFrame, optional
        Precomputed :func:`slogan_matches` output, to avoid matching twice
        (rows flagged ``in_name`` or ``repeat`` are left out).
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated`).
    per : float, default 1000
        The unit of the rate: words per which uses are counted. The rate column
        is named after it (:func:`framing.stats.rate_column`): ``per_1k`` for
        1,000 (the schema's column), ``per_10k`` for 10,000; the ``per`` column
        and ``attrs["per"]`` say it too, so figures and captions can state the
        unit of the numbers they show (:func:`framing.stats.unit_label`).
    n_boot, ci, random_state
        Bootstrap settings; the same seed gives the same intervals.
    min_docs, min_words : int
        A group with fewer documents or words gets its rates without intervals
        (NaN ``ci_low, ci_high, doc_share_low, doc_share_high``) and a
        ``ci_note`` saying so (:func:`framing.stats.group_intervals`).
    ci_method : {"outlet", "document"}, optional
        How the rate intervals are made (:func:`framing.stats.ci_method_for`):
        ``outlet`` resamples each group's publishers, then their documents
        (:func:`framing.stats.cluster_bootstrap`; a group of fewer than 3
        publishers gets no interval); ``document`` resamples documents as if
        independent. Default: ``outlet`` unless ``by="publisher"``. The
        document shares keep their Wilson interval.

    Returns
    -------
    DataFrame
        One row per (group, family), zeros included: ``group, feature`` (family
        id), ``count, n_words, n_docs, per_1k, ci_low, ci_high`` (rate per
        1,000 words and its bootstrap CI), ``docs_with, doc_share,
        doc_share_low, doc_share_high`` (documents using the family, share and
        Wilson CI), ``label, origin, by, voice``, ``per`` (the unit: words per
        which the rate counts), ``ci_method`` (``outlet`` or ``document``: how
        ``ci_low, ci_high`` were made) and ``ci_note`` (``""`` for a bootstrap interval;
        otherwise why there is none, or which exact interval replaced a
        bootstrap without spread: a family no document uses gets ``[0, upper]``,
        the one-sided exact Poisson bound, never ``[0, 0]``).

    Examples
    --------
    >>> import framing
    >>> r = slogan_rates(framing.load_sample_corpus(), per=10_000, n_boot=200)
    >>> r.columns[5], int(r["per"].iat[0]), r.attrs["per"]
    ('per_10k', 10000, 10000)
    """
    corpus, lex, m = _counted_matches(corpus, voice, lexicon, matches, dedupe)
    a = corpus.articles
    counts = family_counts(m, a["doc_id"], lex.ids)
    return _rate_table(counts, a, by, lex.ids, family_names(lex), voice=voice, per=per, n_boot=n_boot, ci=ci,
                       random_state=random_state, min_docs=min_docs, min_words=min_words, ci_method=ci_method)


def family_counts(matches: pd.DataFrame, doc_ids, families: list) -> np.ndarray:
    """Document × family match counts: one row per ``doc_ids`` entry, one column per family id, zeros included.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "c"], "family": ["f1", "f2", "f1"]})
    >>> family_counts(m, ["a", "b", "c"], ["f1", "f2"]).tolist()
    [[1, 1], [0, 0], [1, 0]]
    """
    counts = (pd.crosstab(matches["doc_id"], matches["family"]) if len(matches) else pd.DataFrame())
    return counts.reindex(index=doc_ids, columns=families, fill_value=0).to_numpy()


def family_names(lexicon: SloganLexicon) -> dict[str, tuple[str, str]]:
    """``(label, origin)`` of each family id of a slogan lexicon."""
    return {f.id: (f.label, f.origin) for f in lexicon.families}


def in_voice(matches: pd.DataFrame, voice: str) -> pd.DataFrame:
    """The matches counted under ``voice``: ``own`` (not quoted), ``quoted``, or ``all``."""
    if voice == "own":
        return matches[~matches["quoted"]]
    if voice == "quoted":
        return matches[matches["quoted"]]
    return matches


def rate_rows(group, features: list, families: dict, *, counts, n_words: int, n_docs: int, rate, ci_low, ci_high,
              docs_with, share_low, share_high, by: str, voice: str, per, notes,
              ci_method: str = "document") -> list[dict]:
    """The rows of one group in a :func:`slogan_rates` table, one per feature, from the group's sums.

    Parameters
    ----------
    group
        The group's label.
    features : list
        Feature (family) ids, in column order.
    families : dict
        ``(label, origin)`` of each feature (:func:`family_names`).
    counts, docs_with : array
        Per feature: matches, and documents with at least one.
    n_words, n_docs : int
        Words and documents of the group.
    rate, ci_low, ci_high, share_low, share_high, notes : array
        Per feature: the rate and its interval, the document share's interval, the ``ci_note``.
    by, voice, per, ci_method
        Written as they are.

    Returns
    -------
    list of dict
        Keys: the columns of :data:`RATE_COLUMNS`.
    """
    return [{"group": group, "feature": fid, "count": int(counts[j]), "n_words": n_words, "n_docs": n_docs,
             "per_1k": rate[j], "ci_low": ci_low[j], "ci_high": ci_high[j], "docs_with": int(docs_with[j]),
             "doc_share": docs_with[j] / n_docs if n_docs else np.nan, "doc_share_low": share_low[j],
             "doc_share_high": share_high[j], "label": families[fid][0], "origin": families[fid][1], "by": by,
             "voice": voice, "ci_method": ci_method, "per": per, "ci_note": notes[j]} for j, fid in enumerate(features)]


def _counted_matches(corpus, voice: str, lexicon, matches, dedupe: str):
    """``(corpus, lexicon, matches)``: the corpus after ``dedupe`` and its counted matches in ``voice``."""
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    corpus = deduplicated(corpus, dedupe)
    lex = lexicon_of(lexicon)
    m = slogan_matches(corpus, lex) if matches is None else matches
    if {"in_name", "repeat"} <= set(m.columns):
        m = m[~(m["in_name"].astype(bool) | m["repeat"].astype(bool))]
    return corpus, lex, in_voice(m, voice)


def _rate_table(counts: np.ndarray, articles: pd.DataFrame, by: str, features: list, families: dict, *,
                voice: str, per: float, n_boot: int, ci: float, random_state: int, min_docs: int,
                min_words: int, ci_method: str | None) -> pd.DataFrame:
    """The rates table of :func:`slogan_rates` from document × feature counts aligned with ``articles``."""
    groups = article_groups(articles, by)
    words = articles["n_words"].to_numpy()
    ci_method = ci_method_for(by, articles, ci_method)
    outlets = document_clusters(articles).to_numpy() if ci_method == "outlet" else None
    per = int(per) if float(per).is_integer() else float(per)
    rows = []
    for g in sorted(groups.unique()):
        mask = (groups == g).to_numpy()
        n_docs, n_words = int(mask.sum()), int(words[mask].sum())
        rate, lo, hi, notes = group_intervals(counts[mask], words[mask], kind="rate", per=float(per), n_boot=n_boot,
                                              ci=ci, random_state=random_state, min_docs=min_docs,
                                              min_words=min_words,
                                              clusters=None if outlets is None else outlets[mask])
        with_doc = (counts[mask] > 0).sum(axis=0)
        slo, shi = wilson_interval(with_doc, np.full(len(features), n_docs), ci=ci)
        if interval_note(n_docs, n_words, min_docs=min_docs, min_words=min_words):
            slo, shi = np.full(len(features), np.nan), np.full(len(features), np.nan)
        rows += rate_rows(g, features, families, counts=counts[mask].sum(axis=0), n_words=n_words, n_docs=n_docs,
                          rate=rate, ci_low=lo, ci_high=hi, docs_with=with_doc, share_low=slo, share_high=shi,
                          by=by, voice=voice, per=per, notes=notes, ci_method=ci_method)
    out = pd.DataFrame(rows, columns=RATE_COLUMNS).rename(columns={"per_1k": rate_column(per)})
    out.attrs["per"] = per
    return out


def slogan_totals(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                  dedupe: str = "none", per: float = 1000, n_boot: int = 2000, ci: float = 0.95,
                  random_state: int = 0, min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS,
                  ci_method: str | None = None) -> pd.DataFrame:
    """All slogan families together, per group: the columns of :func:`slogan_rates`, ``feature`` ``"all"``.

    The rate a sentence such as "group A uses the lexicon's slogans more than
    group B" is about, with its interval (compare with
    :func:`framing.stats.compare_estimates`). Parameters as for :func:`slogan_rates`.

    Examples
    --------
    >>> import framing
    >>> t = slogan_totals(framing.load_sample_corpus(), n_boot=200)
    >>> t["feature"].unique().tolist()
    ['all']
    """
    corpus, lex, m = _counted_matches(corpus, voice, lexicon, matches, dedupe)
    m = m[m["family"].isin(lex.ids)]
    a = corpus.articles
    counts = m["doc_id"].value_counts().reindex(a["doc_id"], fill_value=0).to_numpy()[:, None]
    return _rate_table(counts, a, by, ["all"], {"all": ("all slogan families", "")}, voice=voice, per=per,
                       n_boot=n_boot, ci=ci, random_state=random_state, min_docs=min_docs, min_words=min_words,
                       ci_method=ci_method)
