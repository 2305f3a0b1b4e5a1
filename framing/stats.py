"""Uncertainty for corpus measures: document-level bootstrap of rates and Wilson intervals for shares.

Words within an article are not independent draws (an outlet that uses a
slogan once tends to use it again), so rates per 1,000 words get confidence
intervals by resampling *documents* with replacement and recomputing the
ratio of summed counts to summed words — the cluster bootstrap. It is written
with NumPy (multinomial document weights, one matrix product for all
features) because scipy.stats.bootstrap resamples one statistic of
independent observations and would need a Python loop per feature.

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
    lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
    return rate, lo, hi


def document_groups(articles, by: str):
    """The group of each document, indexed by ``doc_id``; missing values become ``"unknown"``.

    Raises a KeyError naming the usable columns when ``by`` is not a column of the articles.
    """
    if by not in articles.columns:
        raise KeyError(f"cannot group by {by!r}: not a column of corpus.articles "
                       f"(try one of source_type, publisher, original_source, source_file, kind)")
    col = articles[by].astype("object")
    return col.where(col.notna(), "unknown").astype(str).set_axis(articles["doc_id"].to_numpy())


def group_bootstrap(counts: np.ndarray, totals: np.ndarray, *, per: float = 1.0, **kwargs):
    """:func:`bootstrap_rates` for one group, with NaN intervals for fewer than two documents,
    where resampling shows no uncertainty. ``per=1`` gives a ratio of sums (a mean, a share)."""
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
