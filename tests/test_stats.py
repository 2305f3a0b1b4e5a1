"""Intervals that can be trusted, and the one rule for "higher than" (issue 14, statistics)."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pytest

from framing.comparison import MIN_GROUP_DOCS, MIN_GROUP_WORDS
from framing.stats import (MIN_DOCS, MIN_WORDS, compare_estimates, finish_rate_table, group_intervals, interval_note,
                           poisson_interval, rate_column, unit_label)


def test_one_threshold_for_small_group_warnings_and_intervals():
    assert (MIN_GROUP_DOCS, MIN_GROUP_WORDS) == (MIN_DOCS, MIN_WORDS) == (5, 2000)
    assert interval_note(5, 2000) == ""
    assert interval_note(4, 9000) == "too few documents (4 < 5): no interval"
    assert interval_note(9, 1999) == "too few words (1,999 < 2,000): no interval"
    assert interval_note(2, 900).startswith("too few documents (2 < 5) and words (900 < 2,000)")
    assert interval_note(2, None, min_docs=2) == ""


def test_two_documents_get_an_estimate_and_no_interval():
    # issue 14: [0.284, 0.308] from 2 documents looked precise
    counts, words = np.array([[3], [2]]), np.array([1000, 800])
    rate, lo, hi, note = group_intervals(counts, words, per=1000)
    assert rate[0] == pytest.approx(1000 * 5 / 1800)
    assert np.isnan(lo[0]) and np.isnan(hi[0])
    assert note == ["too few documents (2 < 5) and words (1,800 < 2,000): no interval"]
    # enough words is not enough: documents too
    _, lo, _, note = group_intervals(np.array([[3], [2]]), np.array([5000, 5000]), per=1000)
    assert np.isnan(lo[0]) and note[0].startswith("too few documents (2 < 5)")


def test_zero_count_with_enough_documents_is_one_sided_poisson_not_zero_width():
    # 6 documents, 3,000 words, no use: the bootstrap gives [0, 0]; the rule of three gives [0, 3 / 3000]
    counts, words = np.zeros((6, 1)), np.full(6, 500)
    rate, lo, hi, note = group_intervals(counts, words, per=1000)
    assert rate[0] == 0 and lo[0] == 0
    assert hi[0] == pytest.approx(1000 * -np.log(0.05) / 3000)  # 0.9986 per 1,000 words
    assert note[0] == "no use in 6 documents: one-sided exact Poisson bound"


def test_non_zero_count_never_collapses_to_zero_width():
    # every document uses the feature at the same rate: each resample gives 2 per 1,000 words
    counts, words = np.full((6, 1), 1.0), np.full(6, 500)
    rate, lo, hi, note = group_intervals(counts, words, per=1000)
    assert rate[0] == pytest.approx(2.0)
    # reference: statsmodels.stats.rates.confint_poisson(6, 3000, method="exact-c"), times 1,000
    assert (lo[0], hi[0]) == pytest.approx((0.733965, 4.353158), abs=1e-6)
    assert lo[0] < rate[0] < hi[0]
    assert note[0] == "exact Poisson interval: the document bootstrap shows no spread"


def test_shares_and_means_fall_back_honestly():
    # a topic none of 6 documents' 30 paragraphs is in: Wilson [0, 3.84 / 33.84], not [0, 0]
    C = np.zeros((6, 1))
    share, lo, hi, note = group_intervals(C, np.full(6, 5), kind="share")
    assert (share[0], lo[0]) == (0, 0) and hi[0] == pytest.approx(1.959964 ** 2 / (30 + 1.959964 ** 2), abs=1e-5)
    assert note[0].startswith("none in 6 documents: Wilson")
    # a frame no document uses: the mean share lies below the exact bound on the share of documents using it
    mean, lo, hi, note = group_intervals(np.zeros((6, 1)), np.ones(6), kind="mean", bounds=(0, 1))
    assert (mean[0], lo[0]) == (0, 0) and hi[0] == pytest.approx(1 - 0.05 ** (1 / 6))
    # sentiment all neutral, on -1..1: symmetric widening
    mean, lo, hi, note = group_intervals(np.zeros((6, 1)), np.full(6, 3), kind="mean", bounds=(-1, 1))
    assert lo[0] == pytest.approx(-hi[0]) and hi[0] > 0 and note[0].startswith("all 6 documents alike")
    # with spread, the bootstrap interval stands, without note
    counts = np.array([[0], [1], [3], [0], [2], [5]])
    rate, lo, hi, note = group_intervals(counts, np.full(6, 400), per=1000)
    assert lo[0] < rate[0] < hi[0] and note == [""]


def test_poisson_interval_matches_statsmodels():
    # reference: statsmodels.stats.rates.confint_poisson(k, 2000, method="exact-c")
    from statsmodels.stats.rates import confint_poisson

    lo, hi = poisson_interval([1, 4, 30], [2000, 2000, 2000])
    for j, k in enumerate([1, 4, 30]):
        assert (lo[j], hi[j]) == pytest.approx(confint_poisson(k, 2000, method="exact-c"), rel=1e-9)
    lo, hi = poisson_interval([0], [0])
    assert np.isnan(lo[0]) and np.isnan(hi[0])


@pytest.mark.parametrize("a, b, verdict", [
    ((0.30, 0.45), (0.10, 0.25), "higher"),
    ((0.10, 0.25), (0.30, 0.45), "lower"),
    ((0.284, 0.308), (0.29, 0.35), "no clear difference"),   # overlapping
    ((0.20, 0.30), (0.30, 0.40), "no clear difference"),     # touching is not separate
    ((float("nan"), float("nan")), (0.1, 0.2), "no clear difference"),  # a small group has no interval
    ((0.2, 0.4), (0.0, 0.0), "higher"),                      # against a fixed value
])
def test_compare_estimates(a, b, verdict):
    assert compare_estimates(*a, *b) == verdict
    assert compare_estimates(*b, *a) == {"higher": "lower", "lower": "higher"}.get(verdict, verdict)


def test_compare_estimates_elementwise():
    out = compare_estimates([0.5, 0.1, np.nan], [0.6, 0.2, np.nan], [0.1, 0.15, 0.0], [0.2, 0.3, 1.0])
    assert out.tolist() == ["higher", "no clear difference", "no clear difference"]


def test_units():
    assert [rate_column(p) for p in (1000, 10_000, 100, 1_000_000, 250)] == [
        "per_1k", "per_10k", "per_100", "per_1m", "per_250"]
    assert unit_label(1000) == "per 1,000 words" and unit_label(10_000) == "per 10,000 words"
    with pytest.raises(ValueError, match="per"):
        rate_column(0)


@pytest.mark.parametrize("module", ["framing.stats", "framing.stats.intervals", "framing.stats.clusters",
                                    "framing.stats.contrasts"])
def test_docstring_examples(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_finish_rate_table_applies_the_same_rules_to_intervals_made_elsewhere():
    # for framing.scale's Poisson bootstrap: a rates table with intervals for every group of two or more
    # documents, finished, has the NaN pattern and notes that slogan_rates gives by default
    import pandas as pd

    from framing import Corpus
    from framing.slogans import slogan_rates

    rows = [{"text": "Mutual respect guides the talks. " + "word " * 395, "source_type": "big"}] * 6
    rows += [{"text": "Win-win cooperation. " + "word " * 300, "source_type": "small"}] * 2
    c = Corpus.from_frame(rows)
    default = slogan_rates(c, n_boot=300)
    loose = slogan_rates(c, n_boot=300, min_docs=2, min_words=0)
    # as a plain bootstrap gives it: intervals for the small group too, and zero-wide ones where the
    # bootstrap has no spread ([0, 0] for unused families; every "big" document at the same rate)
    raw = loose.drop(columns=["per", "ci_note"])
    flat = loose["ci_note"] != ""
    assert flat.any() and raw["ci_low"].notna().all()
    raw.loc[flat, "ci_low"] = raw.loc[flat, "ci_high"] = raw.loc[flat, "per_1k"]
    finished = finish_rate_table(raw)
    assert finished.columns.tolist() == default.columns.tolist()
    pd.testing.assert_series_equal(finished["ci_low"].isna(), default["ci_low"].isna())
    pd.testing.assert_series_equal(finished["doc_share_low"].isna(), default["doc_share_low"].isna())
    assert finished["ci_note"].tolist() == default["ci_note"].tolist()
    pd.testing.assert_frame_equal(finished[["ci_low", "ci_high"]], default[["ci_low", "ci_high"]])


# ---------------------------------------------------------------- outlet-clustered uncertainty (issue 16)

import pandas as pd  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from framing.stats import bootstrap_rates, cluster_bootstrap, contrast, two_stage_sums  # noqa: E402


def _outlets(rng, n_outlets, sizes=(10, 80), between=1.0, within=1.0):
    """Simulated documents of ``n_outlets`` outlets: a value with an outlet effect (sd ``between``)."""
    size = rng.integers(*sizes, n_outlets)
    outlet = np.repeat(np.arange(n_outlets), size)
    y = rng.normal(0, between, n_outlets)[outlet] + rng.normal(0, within, len(outlet))
    return y, outlet


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cluster_bootstrap_se_matches_cluster_robust_se(seed):
    # reference: statsmodels OLS of y on a constant, cov_type="cluster" (CR1, groups = outlet):
    #   sm.OLS(y, np.ones(len(y))).fit(cov_type="cluster", cov_kwds={"groups": outlet}).bse[0]
    # (here 0.1697, 0.1818, 0.1832 for seeds 1-3; bootstrap SE 0.1664, 0.1777, 0.1804: ratios 0.98-0.985)
    import statsmodels.api as sm

    y, outlet = _outlets(np.random.default_rng(seed), 40)
    ref = sm.OLS(y, np.ones(len(y))).fit(cov_type="cluster", cov_kwds={"groups": outlet}).bse[0]
    t = cluster_bootstrap(y, None, outlet, None, n_boot=2000, random_state=seed)
    assert t["estimate"].iat[0] == pytest.approx(y.mean())
    assert t["se"].iat[0] == pytest.approx(ref, rel=0.15)
    # the document bootstrap ignores the outlets and is far too narrow here
    _, lo, hi = bootstrap_rates(y, np.ones(len(y)), per=1.0, n_boot=2000)
    assert (hi[0] - lo[0]) < 0.5 * (t["ci_high"].iat[0] - t["ci_low"].iat[0])


def test_two_stage_draws_whole_outlets_then_their_documents():
    # X = identity: column d sums the weight of document d in each replicate
    clusters = np.array([0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 4, 4])
    n = len(clusters)
    sums = two_stage_sums(np.eye(n), clusters, 4000, np.random.default_rng(0))
    for c in np.unique(clusters):
        docs = clusters == c
        m = docs.sum()
        per_cluster = sums[:, docs].sum(axis=1)
        # a cluster drawn k times contributes exactly k * m documents
        assert np.allclose(per_cluster % m, 0)
    # every document is drawn once per replicate on average; no document is favoured
    assert sums.mean(axis=0) == pytest.approx(np.ones(n), abs=0.08)
    # 5 clusters drawn with replacement: the total is 5 draws of cluster sizes, not always n
    assert sums.sum(axis=1).std() > 0


def test_cluster_bootstrap_table():
    counts = np.array([[1, 0], [0, 0], [2, 1], [3, 0], [5, 2], [4, 0], [0, 1], [1, 1]])
    words = np.full(8, 500)
    outlets = ["a", "a", "b", "b", "c", "c", "d", "d"]
    types = ["state"] * 6 + ["indep"] * 2
    t = cluster_bootstrap(pd.DataFrame(counts, columns=["mr", "dt"]), words, outlets, types, per=1000,
                          n_boot=300)
    assert t.columns.tolist() == ["group", "feature", "estimate", "se", "ci_low", "ci_high", "n_docs",
                                  "n_clusters", "ci_note"]
    state = t[t["group"] == "state"].set_index("feature")
    assert state.loc["mr", "estimate"] == pytest.approx(1000 * 15 / 3000)
    assert state.loc["dt", "estimate"] == pytest.approx(1000 * 3 / 3000)
    # one outlet: an estimate, no interval, and a note saying why
    indep = t[t["group"] == "indep"]
    assert indep["ci_low"].isna().all() and indep["se"].isna().all()
    assert indep["ci_note"].iat[0] == "too few outlets (1 < 3): no interval"
    # deterministic, and a group's interval does not depend on the other groups
    again = cluster_bootstrap(pd.DataFrame(counts[:6], columns=["mr", "dt"]), words[:6], outlets[:6], types[:6],
                              per=1000, n_boot=300)
    pd.testing.assert_frame_equal(again, t[t["group"] == "state"].reset_index(drop=True))
    with pytest.raises(ValueError, match="clusters has 3 entries for 8 documents"):
        cluster_bootstrap(counts, words, ["a", "b", "c"], types)


STRONG_OUTLETS = st.tuples(st.integers(4, 12), st.integers(5, 30), st.integers(0, 10_000))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(STRONG_OUTLETS)
def test_outlet_intervals_contain_the_estimate_and_are_never_narrower_than_document_intervals(case):
    n_outlets, docs, seed = case
    rng = np.random.default_rng(seed)
    size = rng.integers(5, docs + 1, n_outlets)
    outlet = np.repeat(np.arange(n_outlets), size)
    # strong outlet effects: each outlet has its own rate per word, from 1 to 20 per 1,000
    rate = rng.uniform(1, 20, n_outlets)[outlet] / 1000
    words = rng.integers(200, 1200, len(outlet))
    counts = rng.poisson(rate * words)
    t = cluster_bootstrap(counts, words, outlet, None, per=1000, n_boot=400, random_state=seed)
    est, lo, hi = t["estimate"].iat[0], t["ci_low"].iat[0], t["ci_high"].iat[0]
    assert lo <= est <= hi
    _, dlo, dhi = bootstrap_rates(counts, words, n_boot=400, random_state=seed)
    assert hi - lo >= dhi[0] - dlo[0]


def _contrast_docs(rng, shift=0.0):
    rows = []
    for kind, n_out, base in (("state", 8, 6.0 + shift), ("indep", 9, 6.0)):
        for j in range(n_out):
            outlet_rate = rng.gamma(4, base / 4)
            for _ in range(rng.integers(3, 15)):
                w = int(rng.integers(300, 900))
                rows.append({"source_type": kind, "publisher": f"{kind}{j}", "n_words": w,
                             "win_win": rng.poisson(outlet_rate * w / 1000),
                             "debt_trap": rng.poisson(2.0 * w / 1000)})
    return pd.DataFrame(rows)


def test_contrast_difference_interval_and_outlet_permutation():
    docs = _contrast_docs(np.random.default_rng(5), shift=12.0)
    t = contrast(docs, "state", "indep", value=["win_win", "debt_trap"], total="n_words", per=1000,
                 n_boot=1000, n_perm=1999)
    assert t.columns.tolist()[:8] == ["feature", "a", "b", "difference", "ci_low", "ci_high", "p_value", "p_adj"]
    row = t.set_index("feature")
    st_ = docs[docs.source_type == "state"]
    assert row.loc["win_win", "a"] == pytest.approx(1000 * st_.win_win.sum() / st_.n_words.sum())
    assert row.loc["win_win", "difference"] == pytest.approx(row.loc["win_win", "a"] - row.loc["win_win", "b"])
    assert row.loc["win_win", "ci_low"] > 0 and row.loc["win_win", "p_value"] < 0.01
    assert row.loc["debt_trap", "ci_low"] < 0 < row.loc["debt_trap", "ci_high"]
    assert row.loc["debt_trap", "p_value"] > 0.05
    # Benjamini-Hochberg across the features (reference: statsmodels multipletests(p, method="fdr_bh"))
    from statsmodels.stats.multitest import multipletests

    assert t["p_adj"].to_numpy() == pytest.approx(multipletests(t["p_value"], method="fdr_bh")[1])
    assert (t["n_clusters_a"].iat[0], t["n_clusters_b"].iat[0]) == (8, 9)
    assert t["permutation"].iat[0] == "random"


def test_contrast_permutes_outlets_not_documents():
    # two outlets per group, many documents each: a document-level test would call this certain;
    # at the outlet level there are 6 splits, and the observed one and its mirror give p = 2/6
    rows = [{"source_type": g, "publisher": p, "x": x, "n": 1}
            for g, p, x in (("a", "a1", 5.0), ("a", "a2", 6.0), ("b", "b1", 1.0), ("b", "b2", 2.0))
            for _ in range(50)]
    t = contrast(pd.DataFrame(rows), "a", "b", value="x")
    assert t["difference"].iat[0] == pytest.approx(4.0)
    assert t["p_value"].iat[0] == pytest.approx(2 / 6) and t["permutation"].iat[0] == "exact"
    assert np.isnan(t["ci_low"].iat[0]) and "too few outlets in a (2) and b (2)" in t["ci_note"].iat[0]
    with pytest.raises(ValueError, match="no document of group 'c'"):
        contrast(pd.DataFrame(rows), "a", "c", value="x")
    with pytest.raises(KeyError, match="no column 'words'"):
        contrast(pd.DataFrame(rows), "a", "b", value="x", total="words")
