"""Two groups against each other: a difference with its outlet-clustered interval and a permutation p-value.

:func:`contrast` resamples each group's outlets as :func:`~framing.stats.cluster_bootstrap`
does, tests the difference by exchanging whole outlets between the two groups,
and adjusts the p-values across features (Benjamini–Hochberg, scipy's
``false_discovery_control``).
"""

from __future__ import annotations

import numpy as np

from .clusters import MIN_CLUSTERS, group_rng, two_stage_sums

__all__ = ["contrast"]


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
            sums = two_stage_sums(X, units[m], n_boot, group_rng(random_state, name))
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

