"""Outlet-clustered intervals in the measures and compare() (issue 16): ci_method, the warning for groups
of fewer than 3 outlets, and the difference table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import Corpus
from framing.comparison import few_outlet_notes, pairwise_differences
from framing.stats import ci_method_for, document_clusters, group_intervals

FILLER = " Officials met in the capital." + " Trade grew." * 60  # 125 words of no slogan


def _docs(group: str, outlets: dict) -> list[dict]:
    """``{publisher: [win-win uses per document]}`` -> records of 125 + 3 words per use (each use its own
    sentence: a sentence said twice in one article counts once)."""
    said = ("Win-win cooperation first. ", "Win-win cooperation again. ", "Win-win cooperation still. ")
    return [{"text": "".join(said[:k]) + FILLER, "publisher": p, "source_type": group}
            for p, uses in outlets.items() for k in uses]


@pytest.fixture(scope="module")
def three_and_two():
    # state media: three outlets of two documents; newspapers: two outlets of three documents
    rows = _docs("state_media", {"A": [1, 1], "B": [2, 2], "C": [3, 3]})
    rows += _docs("newspaper", {"D": [0, 0, 1], "E": [0, 0, 0]})
    return Corpus.from_frame(rows)


def test_the_default_method_follows_the_grouping(three_and_two):
    a = three_and_two.articles
    assert ci_method_for("source_type", a) == "outlet"
    assert ci_method_for("publisher", a) == "document"
    assert ci_method_for("publisher", a, "outlet") == "outlet"
    # nothing to cluster by: no article has a publisher
    assert ci_method_for("source_type", a.assign(publisher=None)) == "document"
    with pytest.raises(ValueError, match="ci_method must be one of"):
        ci_method_for("source_type", a, "article")
    with pytest.raises(KeyError, match="no column 'publisher'"):
        ci_method_for("source_type", a.drop(columns="publisher"), "outlet")


def test_three_outlets_exact_rate_and_an_interval_two_get_none(three_and_two):
    words = three_and_two.articles.groupby("source_type")["n_words"].sum().to_dict()
    # 1+1+2+2+3+3 = 12 uses in 6 documents of 128..134 words; 1 use in the newspapers' 6 documents
    assert words == {"state_media": 6 * 125 + 3 * 12, "newspaper": 6 * 125 + 3 * 1}
    r = framing.slogan_rates(three_and_two, n_boot=400, min_docs=2, min_words=0)
    r = r[r["feature"] == "win_win"].set_index("group")
    state, news = r.loc["state_media"], r.loc["newspaper"]
    assert state["per_1k"] == pytest.approx(1000 * 12 / 786)
    assert state["ci_method"] == "outlet" and state["ci_note"] == ""
    # every replicate is a ratio of sums of these documents: within the lowest and highest document rate
    assert 1000 * 1 / 128 - 1e-9 <= state["ci_low"] <= state["per_1k"] <= state["ci_high"] <= 1000 * 3 / 134 + 1e-9
    assert news["per_1k"] == pytest.approx(1000 * 1 / 753)
    assert np.isnan(news["ci_low"]) and np.isnan(news["ci_high"])
    assert news["ci_note"] == "too few outlets (2 < 3): no outlet-clustered interval"
    doc = framing.slogan_rates(three_and_two, n_boot=400, min_docs=2, min_words=0, ci_method="document")
    doc = doc[doc["feature"] == "win_win"].set_index("group")
    assert (doc["ci_method"] == "document").all() and doc.loc["newspaper", "ci_low"] < doc.loc["newspaper", "per_1k"]
    assert doc.loc["state_media", "per_1k"] == state["per_1k"]  # the method changes the interval only


def test_the_warning_says_why_in_plain_words(three_and_two):
    assert few_outlet_notes(three_and_two.articles, "source_type") == [
        "source_type 'newspaper' has 2 outlets: no outlet-clustered interval (needs 3); use ci_method='document' "
        "to treat its articles as independent"]
    cmp = framing.compare(three_and_two, topics=False, n_boot=100, min_docs=2, min_words=0)
    assert cmp.params["ci_method"] == "outlet"
    assert few_outlet_notes(three_and_two.articles, "source_type")[0] in cmp.warnings
    quiet = framing.compare(three_and_two, topics=False, n_boot=100, min_docs=2, min_words=0, ci_method="document")
    assert not any("outlet-clustered" in w for w in quiet.warnings)


def test_an_article_without_publisher_is_an_outlet_of_its_own_file():
    a = pd.DataFrame({"doc_id": ["p#1", "p#2", "q#1", "r#1"], "publisher": ["A", None, None, None],
                      "source_file": ["p.html", "p.html", "q.html", None]})
    assert document_clusters(a).to_dict() == {"p#1": "A", "p#2": "unknown:p.html", "q#1": "unknown:q.html",
                                              "r#1": "unknown:r#1"}


def test_pairwise_differences_hand_computed():
    # s: outlets a, b, c at 4, 6, 8 per 1,000 words (6 overall); n: 0, 2, 0 (2/3): difference 16/3.
    # Three outlets against three split 20 ways; the observed split and its mirror are the most extreme: p = 0.1
    docs = pd.DataFrame({"group": ["s"] * 3 + ["n"] * 3, "publisher": list("abcdef"),
                         "win_win": [2, 3, 4, 0, 1, 0], "debt_trap": [0, 0, 0, 1, 1, 1], "n_words": [500] * 6})
    d = pairwise_differences(docs, ["win_win", "debt_trap"], groups=["s", "n"], total="n_words", per=1000,
                             n_boot=300, measure="slogan_rates")
    assert d.columns[[0, -2, -1]].tolist() == ["measure", "ci_method", "ci_note"]
    row = d.set_index("feature").loc["win_win"]
    assert row["difference"] == pytest.approx(16 / 3) and row["a"] == pytest.approx(6.0)
    assert row["p_value"] == pytest.approx(0.1) and row["permutation"] == "exact"
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]
    # debt_trap: 0 against 2 in every outlet; BH over the two features: both p = 0.1, adjusted 0.1
    assert d.set_index("feature").loc["debt_trap", "difference"] == pytest.approx(-2.0)
    assert d["p_adj"].tolist() == pytest.approx([0.1, 0.1])
    three = pairwise_differences(docs.assign(group=list("xxyyzz")), "win_win", groups=["x", "y", "z"],
                                 total="n_words", per=1000, n_boot=50)
    assert three[["group_a", "group_b"]].values.tolist() == [["x", "y"], ["x", "z"], ["y", "z"]]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(4, 9), min_size=3, max_size=6), st.integers(0, 10_000))
def test_outlet_intervals_are_never_narrower_with_strong_outlet_effects(sizes, seed):
    # each outlet has its own level (10, 20, 30 ...) and its documents scatter by at most 1 around it
    rng = np.random.default_rng(seed)
    levels = 10.0 * (1 + rng.permutation(len(sizes)))
    values = np.concatenate([lv + rng.uniform(-1, 1, n) for lv, n in zip(levels, sizes)])
    outlets = np.repeat([f"o{i}" for i in range(len(sizes))], sizes)
    ones = np.ones(len(values))
    kw = {"kind": "mean", "bounds": (0.0, 100.0), "min_docs": 2, "min_words": 0, "n_boot": 400,
          "random_state": seed}
    est_o, lo_o, hi_o, note_o = group_intervals(values[:, None], ones, clusters=outlets, **kw)
    est_d, lo_d, hi_d, note_d = group_intervals(values[:, None], ones, **kw)
    assert note_o == note_d == [""]
    assert est_o[0] == pytest.approx(values.mean()) and est_o[0] == est_d[0]
    for lo, hi in ((lo_o, hi_o), (lo_d, hi_d)):
        assert lo[0] <= est_o[0] <= hi[0]
    assert hi_o[0] - lo_o[0] >= hi_d[0] - lo_d[0]


@pytest.fixture(scope="module")
def synthetic_corpus():
    from framing.datasets.synthetic import make_articles_table

    return Corpus.from_frame(make_articles_table(160, seed=2).to_dict("records"))


CI_TABLES = ("slogan_rates", "frame_profile", "actor_sentiment", "voices_by")


@pytest.mark.parametrize("method", ["outlet", "document"])
def test_compare_end_to_end_both_ways(synthetic_corpus, method):
    cmp = framing.compare(synthetic_corpus, topics=False, n_boot=200, ci_method=method)
    outlets = synthetic_corpus.articles.groupby("source_type")["publisher"].nunique()
    few = set(outlets[outlets < 3].index)
    assert few and set(outlets.index) - few  # the corpus has groups of both kinds
    for name in CI_TABLES:
        t = cmp.tables[name]
        assert (t["ci_method"] == method).all(), name
        rows = t[t["group"].isin(few)]
        outlet_notes = rows["ci_note"].str.startswith("too few outlets")
        if method == "outlet":  # no interval; why: too few outlets, or (first) too few documents or words
            assert rows[["ci_low", "ci_high"]].isna().all().all(), name
            assert rows["ci_note"].str.startswith("too few").all() and outlet_notes.any(), name
        else:
            assert not outlet_notes.any() and rows["ci_low"].notna().any(), name
    assert any(w.startswith("source_type ") and "outlet-clustered" in w for w in cmp.warnings) == (method == "outlet")
    d = cmp.difference
    assert (d["ci_method"] == method).all() and set(d["measure"]) >= {"slogan_rates", "frame_profile:relationship"}
    assert np.allclose(d["difference"], d["a"] - d["b"])
    assert ((d["p_value"] > 0) & (d["p_value"] <= 1)).all()
    # the difference table's group statistics are the rate table's estimates
    rates = cmp.slogan_rates[cmp.slogan_rates["voice"] == "own"].set_index(["group", "feature"])["per_1k"]
    s = d[d["measure"] == "slogan_rates"]
    assert np.allclose(s["a"], rates.reindex(list(zip(s["group_a"], s["feature"]))).to_numpy())
    units = d.drop_duplicates("group_a").set_index("group_a")["n_clusters_a"]
    expect = outlets if method == "outlet" else synthetic_corpus.articles.groupby("source_type").size()
    assert units.to_dict() == expect.reindex(units.index).to_dict()
    ok = d.dropna(subset=["ci_low"])
    assert len(ok) and ((ok["ci_low"] <= ok["difference"] + 1e-9) & (ok["difference"] <= ok["ci_high"] + 1e-9)).all()


def test_grouping_by_publisher_defaults_to_documents(synthetic_corpus):
    cmp = framing.compare(synthetic_corpus, by="publisher", topics=False, n_boot=100)
    assert cmp.params["ci_method"] == "document" and (cmp.slogan_rates["ci_method"] == "document").all()
