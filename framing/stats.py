"""Uncertainty for corpus measures: document-level bootstrap of rates and Wilson intervals for shares.

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

__all__ = ["MIN_DOCS", "MIN_WORDS", "bootstrap_rates", "document_groups", "group_bootstrap", "wilson_interval",
           "poisson_interval", "interval_note", "group_intervals", "compare_estimates", "rate_column",
           "unit_label", "finish_rate_table", "MIN_CLUSTERS", "CI_METHODS", "ci_method_for", "document_clusters",
           "few_outlets_note", "cluster_bootstrap", "contrast"]

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


# ---------------------------------------------------------------- outlets as clusters

MIN_CLUSTERS = 3
"""Fewest clusters (outlets) a group needs for an outlet-clustered interval."""


CI_METHODS = ("outlet", "document")
"""How a rate, share or mean by group gets its interval: ``outlet`` resamples the outlets of each group,
then the documents of each outlet drawn (:func:`cluster_bootstrap`); ``document`` resamples documents."""


def ci_method_for(by: str, articles, ci_method: str | None = None, *, cluster: str = "publisher") -> str:
    """The interval method of a measure grouped by ``by``: ``ci_method`` checked, or the default.

    The default is ``"outlet"`` when the grouping is coarser than the outlet
    (``by`` is not ``cluster``: several publishers per source type, country or
    owner, and an outlet's articles are not independent of each other), and
    ``"document"`` when grouping by the outlet itself, or when no article has
    a ``cluster`` (nothing to cluster by).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["a#1"], "publisher": ["Steppe Daily"], "source_type": ["newspaper"]})
    >>> ci_method_for("source_type", a), ci_method_for("publisher", a), ci_method_for("publisher", a, "outlet")
    ('outlet', 'document', 'outlet')
    """
    if ci_method is None:
        known = cluster in articles.columns and bool(articles[cluster].notna().any())
        return "outlet" if by != cluster and known else "document"
    if ci_method not in CI_METHODS:
        raise ValueError(f"ci_method must be one of {CI_METHODS} (or None for the default), got {ci_method!r}")
    if ci_method == "outlet" and cluster not in articles.columns:
        raise KeyError(f"ci_method='outlet' needs the outlet of every article: no column {cluster!r} in "
                       "corpus.articles")
    return ci_method


def document_clusters(articles, cluster: str = "publisher"):
    """The outlet (cluster) of each document, indexed by ``doc_id``, for outlet-clustered intervals.

    An article without a ``cluster`` value is an outlet of its own, named after
    its source file (the stories of one saved page come from one site), or its
    ``doc_id`` when it has none: lumping every unnamed article into one
    "unknown" outlet would invent a cluster.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["p#1", "p#2", "q#1", "r#1"], "publisher": ["A", None, None, None],
    ...                   "source_file": ["p.txt", "p.txt", "p.txt", ""]})
    >>> document_clusters(a).tolist()
    ['A', 'unknown:p.txt', 'unknown:p.txt', 'unknown:r#1']
    """
    import pandas as pd

    ids = articles["doc_id"].astype(str)
    own = (articles["source_file"].astype(object) if "source_file" in articles else pd.Series(None, index=ids.index))
    own = own.where(own.notna() & (own.astype(str) != ""), ids)
    col = articles[cluster].astype(object) if cluster in articles else pd.Series(None, index=ids.index)
    out = col.where(col.notna(), "unknown:" + own.astype(str)).astype(str)
    return pd.Series(out.to_numpy(), index=ids.to_numpy())


def few_outlets_note(n_clusters: int, min_clusters: int = MIN_CLUSTERS) -> str:
    """Why a row has no outlet-clustered interval (the ``ci_note``).

    Examples
    --------
    >>> few_outlets_note(2)
    'too few outlets (2 < 3): no outlet-clustered interval'
    """
    return f"too few outlets ({n_clusters} < {min_clusters}): no outlet-clustered interval"


def _group_rng(random_state, group) -> np.random.Generator:
    """One generator per group, seeded by ``random_state`` and the group's name: a group's intervals
    do not depend on which other groups are there, and two groups never share a random stream."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None:
        return np.random.default_rng()
    import zlib

    return np.random.default_rng([int(random_state), zlib.crc32(str(group).encode("utf-8"))])


def _two_stage_sums(X: np.ndarray, clusters, n_boot: int, rng: np.random.Generator,
                    chunk: int = 1 << 21) -> np.ndarray:
    """Column sums of ``X`` (n_docs, k) over ``n_boot`` two-stage resamples: clusters with replacement,
    then, for every cluster drawn, its documents with replacement. Returns shape (n_boot, k).

    Clusters of equal size are drawn together (one vectorised draw per size and chunk); the Python
    loop runs over distinct cluster sizes, never over replicates or documents."""
    _, inv = np.unique(np.asarray(clusters), return_inverse=True)
    inv = inv.ravel()
    order = np.argsort(inv, kind="stable")
    Xs = X[order]
    sizes = np.bincount(inv)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    n_cl, k = len(sizes), X.shape[1]
    # stage 1: how often each replicate draws each cluster
    draws = np.empty((n_boot, n_cl), dtype=np.int64)
    block = max(1, chunk // n_cl)
    for b in range(0, n_boot, block):
        nb = min(block, n_boot - b)
        picks = rng.integers(0, n_cl, size=(nb, n_cl)) + (np.arange(nb) * n_cl)[:, None]
        draws[b:b + nb] = np.bincount(picks.ravel(), minlength=nb * n_cl).reshape(nb, n_cl)
    columns = [np.ascontiguousarray(Xs[:, j]) for j in range(k)]  # a gather per column: X[idx] is 20x slower
    out = np.zeros((n_boot, k))
    for m in np.unique(sizes):
        cs = np.flatnonzero(sizes == m)
        if m == 1:  # nothing to resample inside
            out += draws[:, cs] @ Xs[starts[cs]]
            continue
        rr, cc = np.nonzero(draws[:, cs])
        times = draws[rr, cs[cc]]
        rep = np.repeat(rr, times)  # one entry per cluster drawn: its replicate and its first document
        first = np.repeat(starts[cs[cc]], times)
        step = max(1, chunk // int(m))
        for i in range(0, len(rep), step):
            # stage 2: m documents with replacement for each cluster drawn
            idx = rng.integers(0, m, size=(min(step, len(rep) - i), int(m)), dtype=np.uint32)
            doc = idx + first[i:i + step, None]
            for j in range(k):
                sums = np.take(columns[j], doc).sum(axis=1)
                out[:, j] += np.bincount(rep[i:i + step], weights=sums, minlength=n_boot)
    return out


def _as_features(values) -> tuple[np.ndarray, list | None]:
    """``values`` as a float matrix (n_docs, n_features) and the feature names (None for a 1-D input)."""
    import pandas as pd

    if isinstance(values, pd.DataFrame):
        return values.to_numpy(dtype=float), [str(c) for c in values.columns]
    v = np.asarray(values, dtype=float)
    if v.ndim == 1:
        return v[:, None], None
    return v, list(range(v.shape[1]))


def cluster_bootstrap(values, totals=None, clusters=None, groups=None, *, n_boot: int = 2000, ci: float = 0.95,
                      random_state: int | np.random.Generator | None = 0, per: float = 1.0,
                      min_clusters: int = MIN_CLUSTERS):
    """A ratio of sums per group with a two-stage cluster-bootstrap interval: outlets, then their documents.

    The statistic of a group is ``per * sum(values) / sum(totals)`` over its
    documents: a rate (counts over words, ``per=1000``), a share (successes over
    trials) or a mean (``totals`` of 1, the default). Documents of one outlet are
    not independent (an outlet that uses a slogan tends to use it in every
    article), so the interval resamples, within each group, the clusters
    (outlets) with replacement and then the documents of each drawn cluster
    with replacement, and takes percentiles of the recomputed statistic.

    Parameters
    ----------
    values : array (n_docs,) or (n_docs, n_features), or DataFrame
        Per document: counts, successes or values to sum; a DataFrame's columns
        name the features.
    totals : array (n_docs,), optional
        Per document: words, trials; default 1 (a mean of ``values``).
    clusters : array (n_docs,)
        The cluster (outlet, ``publisher``) of each document.
    groups : array (n_docs,), optional
        The group (``source_type``) of each document; default one group ``"all"``.
    n_boot : int
        Bootstrap replicates.
    ci : float
        Confidence level of the percentile interval.
    random_state : int or Generator
        Seed: the same seed gives the same intervals. Each group draws from its
        own stream (seeded by ``random_state`` and its name), so a group's
        interval does not depend on the other groups.
    per : float
        Multiplier of the ratio (1000: per 1,000 words).
    min_clusters : int, default 3
        A group with fewer clusters gets its estimate with NaN ``se, ci_low,
        ci_high`` and a ``ci_note``: resampling one or two outlets says nothing
        about the outlets not in the corpus.

    Returns
    -------
    DataFrame
        One row per group (and feature, for 2-D ``values``), groups sorted:
        ``group``, ``feature`` (2-D only), ``estimate``, ``se`` (standard
        deviation of the replicates), ``ci_low, ci_high``, ``n_docs``,
        ``n_clusters`` and ``ci_note`` (``""``, or why there is no interval).

    Notes
    -----
    Resampling the documents inside each drawn outlet as well adds the
    within-outlet variance a second time (Davison & Hinkley 1997, sec. 3.8):
    the interval is slightly conservative, negligibly so where outlets differ
    strongly, which is when clustering matters. Against the cluster-robust
    standard error of a mean (statsmodels OLS with ``cov_type="cluster"``) the
    bootstrap standard error agrees within a few per cent on simulated outlets
    (``tests/test_stats.py``). The work is one vectorised draw per distinct
    cluster size: 2,000 replicates of 100,000 documents take seconds
    (``BENCHMARKS.md``).

    Examples
    --------
    >>> counts = np.array([1, 0, 2, 3, 5, 4, 0, 1, 0, 0, 6, 7])
    >>> words = np.full(12, 500)
    >>> outlets = ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"]
    >>> types = ["state"] * 6 + ["indep"] * 6
    >>> t = cluster_bootstrap(counts, words, outlets, types, per=1000, n_boot=500)
    >>> t[["group", "estimate", "n_clusters"]].values.tolist()
    [['indep', 4.666666666666667, 3], ['state', 5.0, 3]]
    >>> bool((t["ci_low"] <= t["estimate"]).all() and (t["estimate"] <= t["ci_high"]).all())
    True
    """
    import pandas as pd

    V, names = _as_features(values)
    n_docs = V.shape[0]
    T = np.ones(n_docs) if totals is None else np.asarray(totals, dtype=float).ravel()
    if clusters is None:
        raise ValueError("cluster_bootstrap needs the cluster (outlet) of every document: clusters=")
    C = np.asarray(clusters, dtype=object).ravel()
    G = np.full(n_docs, "all", dtype=object) if groups is None else np.asarray(groups, dtype=object).ravel()
    for name, arr in (("totals", T), ("clusters", C), ("groups", G)):
        if len(arr) != n_docs:
            raise ValueError(f"{name} has {len(arr)} entries for {n_docs} documents")
    if not (np.isfinite(V).all() and np.isfinite(T).all()):
        raise ValueError("values and totals must be finite numbers (drop or fill the documents without one)")
    alpha = (1 - ci) / 2
    rows = []
    for g in sorted(pd.unique(G), key=str):
        mask = G == g
        X = np.column_stack([T[mask], V[mask]])
        n_cl = len(pd.unique(C[mask]))
        total = X[:, 0].sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            est = per * X[:, 1:].sum(axis=0) / total
        nan = np.full(V.shape[1], np.nan)
        se, lo, hi, note = nan, nan, nan, ""
        if n_cl < min_clusters:
            note = f"too few outlets ({n_cl} < {min_clusters}): no interval"
        else:
            sums = _two_stage_sums(X, C[mask], n_boot, _group_rng(random_state, g))
            with np.errstate(invalid="ignore", divide="ignore"):
                boot = per * sums[:, 1:] / sums[:, [0]]
            se = np.nanstd(boot, axis=0, ddof=1)
            lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
        for j in range(V.shape[1]):
            row = {"group": g}
            if names is not None:
                row["feature"] = names[j]
            row.update(estimate=est[j], se=se[j], ci_low=lo[j], ci_high=hi[j], n_docs=int(mask.sum()),
                       n_clusters=n_cl, ci_note=note)
            rows.append(row)
    cols = ["group"] + (["feature"] if names is not None else []) + ["estimate", "se", "ci_low", "ci_high",
                                                                   "n_docs", "n_clusters", "ci_note"]
    return pd.DataFrame(rows, columns=cols)


def _permutation_p(S: np.ndarray, T: np.ndarray, in_a: np.ndarray, observed: np.ndarray, n_perm: int,
                   rng: np.random.Generator, per: float, chunk: int = 1 << 21) -> tuple[np.ndarray, str]:
    """Two-sided permutation p-values of a difference of ratios, permuting the group labels of clusters.

    ``S`` (n_clusters, n_features) and ``T`` (n_clusters,) are cluster sums; ``in_a`` marks the
    clusters of group a. Every assignment is enumerated when there are at most ``n_perm + 1``.
    Random relabellings are drawn in blocks of about ``chunk`` labels (the same draws as in one block:
    documents as units would otherwise need an ``n_perm x n_documents`` matrix)."""
    from itertools import combinations
    from math import comb

    n, n_a = len(T), int(in_a.sum())
    exact = comb(n, n_a) <= n_perm + 1
    tol = 1e-12 * np.maximum(1.0, np.abs(observed))
    hits = np.zeros(S.shape[1])

    def count(labels):
        sa, ta = labels @ S, labels @ T
        sb, tb = S.sum(axis=0) - sa, T.sum() - ta
        with np.errstate(invalid="ignore", divide="ignore"):
            diff = per * (sa / ta[:, None] - sb / tb[:, None])
        return (np.abs(diff) >= np.abs(observed) - tol).sum(axis=0)

    if exact:
        labels = np.zeros((comb(n, n_a), n), dtype=float)
        for r, idx in enumerate(combinations(range(n), n_a)):
            labels[r, list(idx)] = 1.0
        return count(labels) / len(labels), "exact"
    row = in_a.astype(float)
    block = max(1, chunk // max(n, 1))
    for start in range(0, n_perm, block):
        hits += count(rng.permuted(np.tile(row, (min(block, n_perm - start), 1)), axis=1))
    return (1 + hits) / (1 + n_perm), "random"


def contrast(data, a, b, *, value, total: str | None = None, cluster: str = "publisher",
             group: str = "source_type", per: float = 1.0, n_boot: int = 2000, n_perm: int = 9999,
             ci: float = 0.95, random_state: int | None = 0, min_clusters: int = MIN_CLUSTERS):
    """Group ``a`` against group ``b``: the difference of a ratio of sums, its outlet-clustered CI,
    an outlet-level permutation p-value, Benjamini–Hochberg adjusted across features.

    Parameters
    ----------
    data : DataFrame
        One row per document: the ``group`` and ``cluster`` columns, the
        ``value`` column(s) and the ``total`` column.
    a, b : str
        The two groups (values of ``data[group]``); other groups are left out.
    value : str or list of str
        Column(s) to sum: each is a feature (slogan family counts, a frame's
        hits, a sentiment score).
    total : str, optional
        Column of the denominators (``n_words`` for rates); default 1 per
        document, which makes each statistic a mean (a share for 0/1 values).
    cluster : str, default "publisher"
        The column of the clusters: the outlet, whose documents are not
        independent of each other.
    group : str, default "source_type"
    per : float
        Multiplier (1000 for rates per 1,000 words).
    n_boot : int
        Replicates of the two-stage cluster bootstrap (:func:`cluster_bootstrap`),
        drawn independently in each group.
    n_perm : int
        Random permutations of the outlets' group labels; when there are at
        most ``n_perm + 1`` ways to split the outlets, every one is used and
        the p-value is exact.
    ci : float
    random_state : int
    min_clusters : int, default 3
        Below this many outlets in either group there is no interval (NaN and a
        ``ci_note``); the permutation p-value is still given (it stays valid,
        and is never small with few outlets).

    Returns
    -------
    DataFrame
        One row per feature: ``feature``, ``a`` and ``b`` (the two groups'
        statistics), ``difference`` (a - b), ``ci_low, ci_high`` (its
        percentile interval), ``p_value`` (two-sided: the share of outlet
        relabellings with an absolute difference at least the observed one),
        ``p_adj`` (Benjamini–Hochberg across the features), then ``group_a,
        group_b, n_docs_a, n_docs_b, n_clusters_a, n_clusters_b``,
        ``permutation`` (``exact`` or ``random``) and ``ci_note``.

    Notes
    -----
    The permutation test exchanges whole outlets between the two groups,
    which is the null hypothesis "outlet type makes no difference beyond
    outlet-to-outlet variation"; a document-level test would count every
    article of a prolific outlet as independent evidence. An outlet with
    documents in both groups (a publisher that is some of its articles'
    ``original_source``) enters as two units, one per group.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({
    ...     "publisher": ["p1", "p1", "p2", "p2", "p3", "p3", "q1", "q1", "q2", "q2", "q3", "q3"],
    ...     "source_type": ["state"] * 6 + ["indep"] * 6,
    ...     "win_win": [3, 2, 4, 3, 2, 5, 0, 1, 0, 0, 1, 0],
    ...     "debt_trap": [0, 0, 1, 0, 0, 0, 2, 1, 0, 3, 1, 1],
    ...     "n_words": [400, 350, 500, 420, 300, 600, 450, 500, 380, 620, 410, 390]})
    >>> t = contrast(docs, "state", "indep", value=["win_win", "debt_trap"], total="n_words",
    ...              per=1000, n_boot=500)
    >>> t[["feature", "difference", "p_value", "permutation"]].round(3).values.tolist()
    [['win_win', 6.666, 0.1, 'exact'], ['debt_trap', -2.52, 0.1, 'exact']]

    Three outlets against three can be split 20 ways: the observed split and its
    mirror image are the most extreme, so p = 2 / 20 is the smallest p-value this
    design can give, however large the difference.
    """
    import pandas as pd
    from scipy.stats import false_discovery_control

    cols = [value] if isinstance(value, str) else list(value)
    need = [group, cluster, *cols] + ([total] if total else [])
    missing = [c for c in need if c not in data.columns]
    if missing:
        raise KeyError(f"contrast: no column {', '.join(map(repr, missing))} in the data "
                       f"(columns: {', '.join(map(str, data.columns))})")
    g = data[group].astype(object)
    found = set(g.dropna().unique())
    for name in (a, b):
        if name not in found:
            raise ValueError(f"contrast: no document of group {name!r} in column {group!r} "
                             f"(groups: {', '.join(sorted(map(str, found)))})")
    if a == b:
        raise ValueError("contrast: a and b must be two different groups")
    sub = data[g.isin([a, b])]
    V = sub[cols].to_numpy(dtype=float)
    T = np.ones(len(sub)) if total is None else sub[total].to_numpy(dtype=float)
    if not (np.isfinite(V).all() and np.isfinite(T).all()):
        raise ValueError("contrast: values and totals must be finite numbers")
    labels = sub[group].astype(object).to_numpy()
    # an outlet found in both groups is two units, one per group
    units = pd.Series(labels).astype(str).str.cat(sub[cluster].astype(object).astype(str).to_numpy(), sep="\x1f")
    units = units.to_numpy()
    stats, alpha = {}, (1 - ci) / 2
    for name in (a, b):
        m = labels == name
        X = np.column_stack([T[m], V[m]])
        n_cl = len(pd.unique(units[m]))
        with np.errstate(invalid="ignore", divide="ignore"):
            est = per * X[:, 1:].sum(axis=0) / X[:, 0].sum()
        boot = None
        if n_cl >= min_clusters:
            sums = _two_stage_sums(X, units[m], n_boot, _group_rng(random_state, name))
            with np.errstate(invalid="ignore", divide="ignore"):
                boot = per * sums[:, 1:] / sums[:, [0]]
        stats[name] = (est, boot, int(m.sum()), n_cl)
    (est_a, boot_a, nd_a, nc_a), (est_b, boot_b, nd_b, nc_b) = stats[a], stats[b]
    diff = est_a - est_b
    if boot_a is not None and boot_b is not None:
        lo, hi = np.nanquantile(boot_a - boot_b, [alpha, 1 - alpha], axis=0)
        note = ""
    else:
        lo = hi = np.full(len(cols), np.nan)
        small = [f"{n} ({c})" for n, c in ((a, nc_a), (b, nc_b)) if c < min_clusters]
        note = f"too few outlets in {' and '.join(small)} (< {min_clusters}): no interval"
    codes, uniq = pd.factorize(units)
    S = np.zeros((len(uniq), len(cols)))
    np.add.at(S, codes, V)
    Tc = np.bincount(codes, weights=T, minlength=len(uniq))
    in_a = np.zeros(len(uniq), dtype=bool)
    in_a[codes[labels == a]] = True
    rng = np.random.default_rng(None if random_state is None else [int(random_state), 1])
    p, how = _permutation_p(S, Tc, in_a, diff, n_perm, rng, per)
    p = np.where(np.isfinite(diff), p, np.nan)
    p_adj = np.full(len(cols), np.nan)
    ok = np.isfinite(p)
    if ok.any():
        p_adj[ok] = false_discovery_control(p[ok], method="bh")
    return pd.DataFrame({"feature": cols, "a": est_a, "b": est_b, "difference": diff, "ci_low": lo, "ci_high": hi,
                         "p_value": p, "p_adj": p_adj, "group_a": a, "group_b": b, "n_docs_a": nd_a,
                         "n_docs_b": nd_b, "n_clusters_a": nc_a, "n_clusters_b": nc_b, "permutation": how,
                         "ci_note": note})
