"""compare(): every measure by group in one call, with plain warnings for small groups."""

from __future__ import annotations

import pytest

from framing.comparison import Comparison, compare, group_sizes
from framing.measures import CORPUS_TABLES, measures

TABLES = {"groups", "articles", "removed", "problems", "slogan_matches", "slogan_rates", "candidate_slogans",
          "frames", "frame_profile", "frame_terms", "sentiment", "actor_mentions", "actor_sentiment",
          "distinctive_terms", "reuse", "syndication", "message_discipline", "quotes", "voices_by"}


@pytest.fixture(scope="module")
def sample_comparison(sample_corpus):
    return compare(sample_corpus, by="source_type", embedding="tfidf", n_boot=200)


@pytest.fixture(scope="module")
def shared_comparisons(shared_corpus):
    return {d: compare(shared_corpus, by="source_type", dedupe=d, topics=False, n_boot=200)
            for d in ("none", "collapse")}


def test_every_table_is_there(sample_comparison):
    assert TABLES | {"topic_info", "topics", "topics_by_group"} <= set(sample_comparison.tables)
    assert sample_comparison.slogan_rates is sample_comparison.tables["slogan_rates"]
    with pytest.raises(AttributeError, match="no table 'slogans'"):
        sample_comparison.slogans


def test_the_tables_are_those_the_measure_registry_lists(sample_comparison):
    # without freq= the over-time step does not run; every other measure makes all its tables, in its step;
    # line_map is framing ingest's, not compare's
    listed = {m.step: set(m.tables) for m in measures() if m.name != "over_time"}
    assert set(sample_comparison.tables) == set(CORPUS_TABLES) - {"line_map"} | set().union(*listed.values())
    assert list(sample_comparison.seconds) == ["ingestion audit", *listed]


def test_group_tables_share_one_grouping(sample_comparison):
    groups = set(sample_comparison.groups["group"])
    assert set(sample_comparison.slogan_rates["group"]) == groups
    assert set(sample_comparison.frame_profile["group"]) <= groups
    assert set(sample_comparison.topics_by_group["group"]) <= groups
    assert set(sample_comparison.distinctive_terms["group"]) <= groups
    assert sample_comparison.groups["n_docs"].sum() == len(sample_comparison.articles)


def test_frame_terms_and_the_corpus_relative_profile(sample_comparison):
    terms, frames = sample_comparison.frame_terms, sample_comparison.frames
    assert set(terms["scheme"]) == {"relationship", "policy"}
    assert set(terms["group"]) <= set(sample_comparison.groups["group"])
    # the terms of each group and frame add up to the frame's hits in that group's articles
    groups = sample_comparison.articles.set_index("doc_id")["source_type"].fillna("unknown")
    hits = frames.assign(group=frames["doc_id"].map(groups)).groupby(["scheme", "group", "frame"])["hits"].sum()
    assert terms.groupby(["scheme", "group", "frame"])["hits"].sum().to_dict() == hits[hits > 0].to_dict()
    prof = sample_comparison.frame_profile
    assert {"corpus_mean", "share_vs_corpus", "vs_corpus_low", "vs_corpus_high"} <= set(prof.columns)
    used = prof[prof["corpus_mean"] > 0]
    for _, sub in used.groupby(["scheme", "frame"]):  # ratios, weighted by documents, average to 1
        assert (sub["n_docs"] * sub["share_vs_corpus"]).sum() / sub["n_docs"].sum() == pytest.approx(1.0)


def test_intervals_come_with_the_rates(sample_comparison):
    rates = sample_comparison.slogan_rates
    ok = rates["ci_low"].notna()
    assert (rates.loc[ok, "ci_low"] <= rates.loc[ok, "per_1k"] + 1e-12).all()
    assert (rates.loc[ok, "per_1k"] <= rates.loc[ok, "ci_high"] + 1e-12).all()
    assert (rates.loc[~ok, "ci_note"] != "").all()  # a row without interval says why
    assert (rates["per"] == 1000).all() and sample_comparison.params["rates_per_words"] == 1000


# the estimate columns of every table with intervals
CI_TABLES = {"slogan_rates": "per_1k", "frame_profile": "mean_score", "actor_sentiment": "compound",
             "topics_by_group": "share", "voices_by": "share", "message_discipline": "share"}


def test_small_groups_get_no_interval_in_any_table(sample_comparison):
    # issue 14: 95% intervals from 2-3 documents looked precise; one threshold for the warning and the tables
    small = set(sample_comparison.groups.query("small")["group"])
    assert small == set(sample_comparison.groups["group"])  # the sample: every group is small
    for name, estimate in CI_TABLES.items():
        t = sample_comparison.tables[name]
        assert "ci_note" in t.columns, name
        rows = t[t["group"].isin(small)]
        assert len(rows) and rows[["ci_low", "ci_high"]].isna().all().all(), name
        assert rows["ci_note"].str.startswith("too few").all(), name
        assert rows[estimate].notna().any(), name  # the estimate stays


def test_large_groups_get_intervals_that_never_collapse(shared_corpus):
    # the shared pages by kind: 12 articles (8,226 words) get intervals, never of zero width (a zero count
    # gets [0, upper]); the one reader comment gets none
    cmp = compare(shared_corpus, by="kind", topics=False, n_boot=200)
    assert cmp.groups.set_index("group")["small"].to_dict() == {"article": False, "comment": True}
    rates = cmp.slogan_rates
    big = rates[rates["group"].isin(cmp.groups.query("~small")["group"])]
    assert len(big) and big[["ci_low", "ci_high"]].notna().all().all()
    assert (big["ci_high"] > big["ci_low"]).all()
    assert (big.loc[big["count"] == 0, "ci_low"] == 0).all()
    assert big.loc[big["count"] == 0, "ci_note"].str.startswith("no use in").all()
    prof = cmp.frame_profile
    ok = prof[prof["group"].isin(big["group"])]
    assert (ok["ci_high"] > ok["ci_low"]).all()


def test_small_groups_are_named_plainly(sample_comparison):
    (warning,) = [w for w in sample_comparison.warnings if w.startswith("Small groups")]
    assert "think_tank (1 document" in warning
    assert "describe those documents, not that kind of outlet" in warning
    assert "without confidence intervals" in warning
    assert sample_comparison.groups.set_index("group").loc["think_tank", "small"]


def test_group_sizes_thresholds(sample_corpus):
    sizes = group_sizes(sample_corpus.articles, "source_type", min_docs=1, min_words=0)
    assert not sizes["small"].any()
    sizes = group_sizes(sample_corpus.articles, "source_type", min_docs=100)
    assert sizes["small"].all()


def test_unknown_grouping_fails_before_any_work(sample_corpus):
    with pytest.raises(KeyError, match="cannot group by 'outlet'"):
        compare(sample_corpus, by="outlet")


def test_unknown_dedupe_is_an_error(sample_corpus):
    with pytest.raises(ValueError, match="dedupe must be one of"):
        compare(sample_corpus, dedupe="merge", topics=False)


def test_collapse_moves_reprints_to_their_originator(shared_comparisons):
    none, collapsed = shared_comparisons["none"], shared_comparisons["collapse"]
    assert isinstance(collapsed, Comparison)
    star = none.articles["publisher"] == "The Star"
    assert star.sum() == 3
    assert not (collapsed.articles["publisher"] == "The Star").any()
    # their Xinhua originator now carries them: state media gains the three items
    n_none = none.groups.set_index("group")["n_docs"]
    n_collapsed = collapsed.groups.set_index("group")["n_docs"]
    assert n_collapsed["state_media"] >= n_none.get("state_media", 0) + 3
    # reuse is measured on the corpus as published either way
    assert len(collapsed.reuse) == len(none.reuse)


def test_syndication_links_the_star_to_xinhua(shared_comparisons):
    edges = shared_comparisons["none"].syndication
    star = edges[(edges["source"] == "The Star") & (edges["target"] == "Xinhua")]
    assert len(star) == 1 and int(star["n_articles"].iat[0]) == 3


def test_distinctive_terms_keep_dotted_abbreviations_whole(shared_comparisons):
    terms = set(shared_comparisons["none"].distinctive_terms["term"])
    assert "u.s." in terms
    assert not {"u", "s"} & terms
