"""Intervals of one group: document bootstrap of rates, exact fallbacks, and the rules for leaving one out.

Words within an article are not independent draws (an outlet that uses a
slogan once tends to use it again), so rates per 1,000 words get confidence
intervals by resampling *documents* with replacement and recomputing the
ratio of summed counts to summed words — the cluster bootstrap. It is written
with NumPy (multinomial document weights, one matrix product for all
features) because scipy.stats.bootstrap resamples one statistic of
independent observations and would need a Python loop per feature.

Intervals that cannot be trusted are not given (:func:`group_intervals`): a
group below :data:`MIN_DOCS` documents or :data:`MIN_WORDS` words gets its
estimate without an interval and a note saying why, and a bootstrap that
shows no spread (every resample the same value: a feature no document uses,
or documents that all use it at the same rate) falls back to an exact
interval instead of a zero-width one. :func:`compare_estimates` is the one
rule by which framing's texts call one estimate higher than another.

Examples
--------
>>> import numpy as np
>>> counts = np.array([[2, 0], [0, 1], [1, 0]])
>>> words = np.array([100, 200, 100])
>>> rate, lo, hi = bootstrap_rates(counts, words, n_boot=500, random_state=0)
>>> rate.round(2).tolist()
[7.5, 2.5]
"""

from __future__ import annotations

import numpy as np

from .clusters import MIN_CLUSTERS, cluster_bootstrap, few_outlets_note

__all__ = ["MIN_DOCS", "MIN_WORDS", "bootstrap_rates", "document_groups", "group_bootstrap", "wilson_interval",
           "poisson_interval", "interval_note", "group_intervals", "compare_estimates", "rate_column",
           "unit_label", "finish_rate_table"]

MIN_DOCS = 5
"""Fewest documents a group needs for a confidence interval (and not to be called small)."""
MIN_WORDS = 2000
"""Fewest words a group needs for a confidence interval (and not to be called small)."""


def bootstrap_rates(counts: np.ndarray, words: np.ndarray, *, n_boot: int = 2000, ci: float = 0.95,
                    random_state: int | np.random.Generator | None = 0, per: float = 1000.0):
    """Rates per ``per`` words with percentile CIs from a document bootstrap.

    Parameters
    ----------
    counts : array, shape (n_docs, n_features)
        Feature counts per document.
    words : array, shape (n_docs,)
        Words per document.
    n_boot : int
        Bootstrap replicates.
    ci : float
        Confidence level of the percentile interval.
    random_state : int or Generator
        Seed: the same seed gives the same intervals.

    Returns
    -------
    rate, ci_low, ci_high : arrays of shape (n_features,)
        With no documents or no words, all three are NaN.
    """
    counts = np.asarray(counts, dtype=float)
    words = np.asarray(words, dtype=float)
    if counts.ndim == 1:
        counts = counts[:, None]
    n_docs, n_feat = counts.shape
    total_words = words.sum()
    if n_docs == 0 or total_words <= 0:
        nan = np.full(n_feat, np.nan)
        return nan, nan.copy(), nan.copy()
    rate = per * counts.sum(axis=0) / total_words
    rng = np.random.default_rng(random_state)
    weights = rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot).astype(float)
    boot_words = weights @ words
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = per * (weights @ counts) / boot_words[:, None]
    alpha = (1 - ci) / 2
    # the same quantiles; nanquantile only where a resample has no words (ten times slower)
    lo, hi = (np.nanquantile if np.isnan(boot).any() else np.quantile)(boot, [alpha, 1 - alpha], axis=0)
    return rate, lo, hi


def document_groups(articles, by: str):
    """The group of each document, indexed by ``doc_id``; missing values become ``"unknown"``.

    Raises a KeyError naming the usable columns when ``by`` is not a column of the articles.
    """
    if by not in articles.columns:
        usable = [c for c in articles.columns if c not in ("doc_id", "text", "title", "n_words", "line_start",
                                                           "line_end", "provenance", "captions", "notes")]
        raise KeyError(f"cannot group by {by!r}: not a column of corpus.articles (its columns: "
                       f"{', '.join(map(str, usable))})")
    col = articles[by].astype("object")
    return col.where(col.notna(), "unknown").astype(str).set_axis(articles["doc_id"].to_numpy())


def group_bootstrap(counts: np.ndarray, totals: np.ndarray, *, per: float = 1.0, **kwargs):
    """:func:`bootstrap_rates` for one group, with NaN intervals for fewer than two documents,
    where resampling shows no uncertainty. ``per=1`` gives a ratio of sums (a mean, a share).

    The measures use :func:`group_intervals`, which also leaves out intervals below
    :data:`MIN_DOCS` documents or :data:`MIN_WORDS` words and never returns a zero-wide one."""
    rate, lo, hi = bootstrap_rates(counts, totals, per=per, **kwargs)
    if len(np.asarray(totals)) < 2:
        lo, hi = np.full_like(rate, np.nan), np.full_like(rate, np.nan)
    return rate, lo, hi


def wilson_interval(successes, totals, ci: float = 0.95):
    """Wilson score interval for proportions (statsmodels ``proportion_confint``).

    Returns ``(low, high)`` arrays; NaN where the total is zero, and exactly 0
    (1) as the low (high) end for 0 (n) successes out of n.

    Examples
    --------
    >>> low, high = wilson_interval([0, 5], [10, 10])
    >>> float(low[0]), round(float(high[1]), 3)
    (0.0, 0.763)
    """
    from statsmodels.stats.proportion import proportion_confint

    successes = np.asarray(successes, dtype=float)
    totals = np.asarray(totals, dtype=float)
    low = np.full(successes.shape, np.nan)
    high = np.full(successes.shape, np.nan)
    ok = totals > 0
    if ok.any():
        lo, hi = proportion_confint(successes[ok], totals[ok], alpha=1 - ci, method="wilson")
        # the closed form leaves rounding dust (6.9e-18) at 0 successes and 1 - 1e-16 at n of n
        low[ok] = np.where(successes[ok] == 0, 0.0, lo)
        high[ok] = np.where(successes[ok] == totals[ok], 1.0, hi)
    return low, high


def poisson_interval(counts, exposure, *, ci: float = 0.95, per: float = 1.0):
    """Exact interval for a Poisson rate: ``count / exposure * per``.

    For a count ``k > 0`` the two-sided exact (Garwood) interval, from chi-squared
    quantiles; for ``k = 0`` the one-sided ``[0, -ln(1 - ci)]`` (the "rule of three"
    at 95%: no use in ``n`` words bounds the rate below ``3 / n``). NaN where the
    exposure is zero. Used where the document bootstrap shows no spread.

    Examples
    --------
    >>> low, high = poisson_interval([0, 4], [1000, 2000], per=1000)
    >>> [round(float(x), 3) for x in (low[0], high[0], low[1], high[1])]
    [0.0, 2.996, 0.545, 5.121]
    """
    from scipy.stats import chi2

    k = np.atleast_1d(np.asarray(counts, dtype=float))
    e = np.broadcast_to(np.asarray(exposure, dtype=float), k.shape)
    alpha = 1 - ci
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(k > 0, chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
        high = np.where(k > 0, chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2, -np.log(alpha))
        scale = np.where(e > 0, per / np.where(e > 0, e, 1.0), np.nan)
    return low * scale, high * scale


def interval_note(n_docs: int, n_words: float | None = None, *, min_docs: int = MIN_DOCS,
                  min_words: int = MIN_WORDS) -> str:
    """Why a group gets no interval: ``""`` when it has enough documents and words.

    Examples
    --------
    >>> interval_note(3, 1540)
    'too few documents (3 < 5) and words (1,540 < 2,000): no interval'
    >>> interval_note(12, 5000)
    ''
    """
    docs = n_docs < min_docs
    words = n_words is not None and not np.isnan(n_words) and n_words < min_words
    if docs and words:
        return (f"too few documents ({n_docs} < {min_docs}) and words ({int(n_words):,} < {min_words:,}): "
                "no interval")
    if docs:
        return f"too few documents ({n_docs} < {min_docs}): no interval"
    if words:
        return f"too few words ({int(n_words):,} < {min_words:,}): no interval"
    return ""


def _bounded_fallback(value: float, n: int, ci: float, bounds: tuple[float, float]) -> tuple[float, float]:
    """All ``n`` documents give the same ``value`` of a variable within ``bounds``: the share of documents
    that could differ is at most ``u = 1 - (1 - ci) ** (1 / n)`` (exact one-sided bound for 0 of n), so the
    mean lies within ``u`` of the way from ``value`` to either bound."""
    u = 1 - (1 - ci) ** (1 / n)
    return value - u * (value - bounds[0]), value + u * (bounds[1] - value)


def group_intervals(counts: np.ndarray, totals: np.ndarray, *, kind: str = "rate", per: float = 1.0,
                    n_words: float | None = None, bounds: tuple[float, float] = (0.0, 1.0),
                    min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS, ci: float = 0.95, clusters=None,
                    min_clusters: int | None = None, **kwargs):
    """Estimates of one group with bootstrap CIs (documents, or outlets then documents), or no interval
    where none can be trusted.

    Parameters
    ----------
    counts : array, shape (n_docs, n_features)
        Per document: event counts (``kind="rate"``), successes (``"share"``) or
        sums of a bounded value (``"mean"``).
    totals : array, shape (n_docs,)
        Per document: words, trials, or observations.
    kind : {"rate", "share", "mean"}
        What the ratio of sums is, which decides the fallback when the bootstrap
        shows no spread (all resamples equal, e.g. a feature no document uses):
        ``rate`` — the exact Poisson interval of the summed count over the summed
        totals (:func:`poisson_interval`; ``[0, upper]`` for a zero count);
        ``share`` — the Wilson interval of summed successes of summed trials;
        ``mean`` — every document gives the same value ``v``: the mean lies
        within ``u = 1 - (1 - ci)^(1/n_docs)`` (the share of documents that could
        differ, exact one-sided bound) of the way from ``v`` to either of ``bounds``.
    per : float
        Multiplier of the ratio (1000: per 1,000 words).
    n_words : float, optional
        The group's words, checked against ``min_words`` (default: the sum of
        ``totals`` for ``kind="rate"``, else not checked).
    bounds : (low, high)
        Range of the variable averaged by ``kind="mean"``.
    min_docs, min_words : int
        Below either (:data:`MIN_DOCS`, :data:`MIN_WORDS`, the thresholds of
        :func:`framing.comparison.small_group_notes`) the estimate comes without an
        interval: two or three documents resampled give intervals that look
        precise and are not.
    ci : float
    clusters : array (n_docs,), optional
        The outlet of each document (:func:`document_clusters`): given, the
        interval is the two-stage cluster bootstrap of :func:`cluster_bootstrap`
        (``ci_method="outlet"``), and a group of fewer than ``min_clusters``
        outlets gets none (:func:`few_outlets_note`); else documents are
        resampled (:func:`bootstrap_rates`, ``ci_method="document"``).
    min_clusters : int, optional
        Default :data:`MIN_CLUSTERS`.
    **kwargs
        ``n_boot``, ``random_state`` of :func:`bootstrap_rates` and :func:`cluster_bootstrap`.

    Returns
    -------
    estimate, ci_low, ci_high : arrays of shape (n_features,)
    note : list of str
        Per feature: ``""`` for a bootstrap interval, else what was done
        instead ("too few documents (3 < 5): no interval", "too few outlets
        (2 < 3): no outlet-clustered interval", "exact Poisson interval: the
        document bootstrap shows no spread", ...).

    Examples
    --------
    >>> counts = np.array([[1, 0]] * 6)
    >>> rate, lo, hi, note = group_intervals(counts, np.full(6, 500), per=1000)
    >>> rate.tolist(), round(float(hi[1]), 2), note[1][:13]
    ([2.0, 0.0], 1.0, 'no use in 6 d')
    """
    counts = np.asarray(counts, dtype=float)
    totals = np.asarray(totals, dtype=float)
    if counts.ndim == 1:
        counts = counts[:, None]
    n_docs, n_feat = counts.shape
    if n_words is None and kind == "rate":
        n_words = float(totals.sum())
    note = interval_note(n_docs, n_words, min_docs=min_docs, min_words=min_words)
    if clusters is None:
        est, lo, hi = bootstrap_rates(counts, totals, per=per, ci=ci, **kwargs)
        n_cl, method = None, "document"
    else:
        min_clusters = MIN_CLUSTERS if min_clusters is None else min_clusters
        clusters = np.asarray(clusters, dtype=object).ravel()
        n_cl, method = len(set(clusters.tolist())), "outlet"
        with np.errstate(invalid="ignore", divide="ignore"):  # as bootstrap_rates: NaN without documents or words
            est = per * counts.sum(axis=0) / totals.sum() if n_docs and totals.sum() > 0 else np.full(n_feat, np.nan)
        lo = hi = np.full(n_feat, np.nan)
        if not note and n_docs >= 2 and n_cl >= min_clusters:
            t = cluster_bootstrap(counts, totals, clusters, per=per, ci=ci, min_clusters=min_clusters, **kwargs)
            lo, hi = np.array(t["ci_low"], dtype=float), np.array(t["ci_high"], dtype=float)
    if note or n_docs < 2 or (n_cl is not None and n_cl < min_clusters):
        nan = np.full(n_feat, np.nan)
        if not note:
            note = (f"{n_docs} document(s): nothing to resample, no interval" if n_docs < 2 else
                    few_outlets_note(n_cl, min_clusters))
        return est, nan, nan.copy(), [note] * n_feat
    notes = [""] * n_feat
    flat = ~(hi - lo > 1e-12 * np.maximum(1.0, np.abs(est)))  # no spread (NaN ends count as none)
    if flat.any():
        k, n = counts.sum(axis=0), totals.sum()
        if kind == "rate":  # one call for every flat feature: most slogan families go unused in a small cell
            lo[flat], hi[flat] = poisson_interval(k[flat], n, ci=ci, per=per)
        for j in np.flatnonzero(flat):
            if kind == "rate":
                notes[j] = (f"no use in {n_docs} documents: one-sided exact Poisson bound" if k[j] == 0 else
                            f"exact Poisson interval: the {method} bootstrap shows no spread")
            elif kind == "share":
                (lo[j],), (hi[j],) = wilson_interval([k[j]], [n], ci=ci)
                lo[j], hi[j] = lo[j] * per, hi[j] * per
                notes[j] = (f"none in {n_docs} documents: Wilson interval" if k[j] == 0 else
                            f"Wilson interval: the {method} bootstrap shows no spread")
            elif kind == "mean":
                lo[j], hi[j] = _bounded_fallback(est[j], n_docs, ci, bounds)
                notes[j] = (f"none in {n_docs} documents: one-sided exact bound" if est[j] == bounds[0] == 0 else
                            f"all {n_docs} documents alike: exact bound on how many could differ")
            else:
                raise ValueError(f"kind must be 'rate', 'share' or 'mean', got {kind!r}")
    return est, lo, hi, notes


def compare_estimates(a_low, a_high, b_low, b_high):
    """Is estimate *a* higher or lower than *b*? Only where their intervals separate.

    The one rule by which framing's texts (report, notebooks) write "higher than":
    the 95% intervals do not overlap. Otherwise — overlapping intervals, or an
    estimate without interval (a small group) — there is "no clear difference".
    Non-overlap is a conservative test (two intervals can overlap a little
    while the difference is significant), which suits a sentence a reader
    will repeat. A fixed value (0, or 1 for a ratio to the corpus average) is
    an interval of zero width: ``compare_estimates(lo, hi, 0, 0)``.

    Parameters
    ----------
    a_low, a_high, b_low, b_high : float or array-like

    Returns
    -------
    str or ndarray of str
        ``"higher"``, ``"lower"`` or ``"no clear difference"`` (elementwise for arrays).

    Examples
    --------
    >>> compare_estimates(0.30, 0.45, 0.10, 0.25)
    'higher'
    >>> compare_estimates(0.284, 0.308, 0.29, 0.35)
    'no clear difference'
    >>> compare_estimates(float("nan"), float("nan"), 0.1, 0.2)
    'no clear difference'
    """
    a_lo, a_hi, b_lo, b_hi = (np.asarray(x, dtype=float) for x in (a_low, a_high, b_low, b_high))
    with np.errstate(invalid="ignore"):
        out = np.where(a_lo > b_hi, "higher", np.where(a_hi < b_lo, "lower", "no clear difference"))
    return str(out) if out.ndim == 0 else out.astype(object)


def rate_column(per: float = 1000) -> str:
    """The column name of a rate per ``per`` words: ``per_1k`` (the default), ``per_10k``, ``per_100``, ``per_1m``.

    Examples
    --------
    >>> rate_column(1000), rate_column(10_000), rate_column(100), rate_column(1_000_000)
    ('per_1k', 'per_10k', 'per_100', 'per_1m')
    """
    per = float(per)
    if not per > 0:
        raise ValueError(f"per must be a positive number of words, got {per!r}")
    if per % 1_000_000 == 0:
        return f"per_{per / 1_000_000:g}m"
    if per % 1000 == 0:
        return f"per_{per / 1000:g}k"
    return f"per_{per:g}"


def unit_label(per: float = 1000) -> str:
    """The unit of a rate per ``per`` words in words, for captions and axis labels.

    Examples
    --------
    >>> unit_label(1000), unit_label(10_000)
    ('per 1,000 words', 'per 10,000 words')
    """
    return f"per {float(per):,.0f} words"


def finish_rate_table(table, *, per: float | None = None, ci: float = 0.95, min_docs: int = MIN_DOCS,
                      min_words: int = MIN_WORDS):
    """Apply the interval rules of :func:`group_intervals` to a rates table whose intervals were made elsewhere.

    For a table with the columns of :func:`framing.slogans.slogan_rates` built by
    other code (:mod:`framing.scale`'s Poisson bootstrap over partitions): rows of
    a group below ``min_docs`` documents or ``min_words`` words lose their
    intervals (``ci_low, ci_high`` and, where present, ``doc_share_low,
    doc_share_high``); an interval of zero width becomes the exact Poisson one
    (``[0, upper]`` for a zero count); ``per`` and ``ci_note`` are filled in,
    as :func:`~framing.slogans.slogan_rates` fills them.

    Parameters
    ----------
    table : DataFrame
        ``count, n_words, n_docs, ci_low, ci_high`` and a rate column
        (:func:`rate_column`).
    per : float, optional
        Words per which the rates count (default: the ``per`` column, else 1,000).

    Returns
    -------
    DataFrame
        A copy, with ``per`` and ``ci_note`` (added at the end when missing).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["a", "b"], "count": [0, 3], "n_words": [3000, 900], "n_docs": [6, 2],
    ...                   "per_1k": [0.0, 3.3], "ci_low": [0.0, 1.0], "ci_high": [0.0, 6.0]})
    >>> finish_rate_table(t)[["ci_low", "ci_high"]].round(3).values.tolist()
    [[0.0, 0.999], [nan, nan]]
    """
    out = table.copy()
    if per is None:
        per = float(out["per"].dropna().iat[0]) if "per" in out and out["per"].notna().any() else 1000.0
    out["per"] = int(per) if float(per).is_integer() else float(per)
    notes = [interval_note(int(d), float(w), min_docs=min_docs, min_words=min_words)
             for d, w in zip(out["n_docs"], out["n_words"])]
    small = np.array([bool(n) for n in notes], dtype=bool)
    lo, hi = out["ci_low"].to_numpy(dtype=float).copy(), out["ci_high"].to_numpy(dtype=float).copy()
    flat = ~small & ~(hi - lo > 1e-12 * np.maximum(1.0, np.abs(out[rate_column(per)].to_numpy(dtype=float))))
    flat &= (out["n_words"].to_numpy(dtype=float) > 0) & (out["n_docs"].to_numpy() >= 2)  # one document: no interval
    if flat.any():
        k = out["count"].to_numpy(dtype=float)[flat]
        lo[flat], hi[flat] = poisson_interval(k, out["n_words"].to_numpy(dtype=float)[flat], ci=ci, per=per)
        for i, kk, d in zip(np.flatnonzero(flat), k, out["n_docs"].to_numpy()[flat]):
            notes[i] = (f"no use in {int(d)} documents: one-sided exact Poisson bound" if kk == 0 else
                        "exact Poisson interval: the document bootstrap shows no spread")
    single = out["n_docs"].to_numpy() < 2
    lo[small | single], hi[small | single] = np.nan, np.nan
    out["ci_low"], out["ci_high"] = lo, hi
    for col in ("doc_share_low", "doc_share_high"):
        if col in out:
            out.loc[small, col] = np.nan
    out["ci_note"] = notes
    return out

