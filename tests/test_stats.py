"""Intervals that can be trusted, and the one rule for "higher than" (issue 14, statistics)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import framing.stats
from framing.compare import MIN_GROUP_DOCS, MIN_GROUP_WORDS
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


def test_docstring_examples():
    assert doctest.testmod(framing.stats).failed == 0


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
