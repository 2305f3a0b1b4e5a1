"""Text reuse: passage pairs and their kinds, the syndication graph, message discipline, collapse.

Unit tests use short texts written for this file; the shared-corpus tests read the five real
pages from ../shared at run time and assert only names and counts, never their sentences.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from framing import Corpus
from framing.reuse import (KINDS, REUSE_COLUMNS, band_candidates, collapse_syndicated, lsh_params,
                           message_discipline, minhash_signatures, reuse_pairs, syndicated_stories,
                           syndication_graph)

RAIL = "The new rail link carried more than two thousand containers in its first month of service."
FRUIT = "Local farmers now send fresh fruit to eastern markets within a week."
OTHER = "A small museum in the old town opened a room about the caravan trade."


def _kinds_corpus() -> Corpus:
    return Corpus.from_frame([
        # the originator, with a pull quote: FRUIT repeated as its own paragraph
        {"text": f"{RAIL} {FRUIT}\n\n{FRUIT}\n\n{OTHER}", "publisher": "Xinhua", "original_source": "Xinhua",
         "published": "2025-06-01"},
        {"text": RAIL, "publisher": "The Star", "original_source": "Xinhua", "published": "2025-06-02"},
        # the same words; a comma, capitals and no full stop
        {"text": "THE new rail link carried more than two thousand containers, in its first month of service",
         "publisher": "Nabka News", "published": "2025-06-02"},
        # one word inserted
        {"text": "Local farmers now send fresh fruit to the eastern markets within a week.",
         "publisher": "Daily Mirror", "published": "2025-06-03"},
        # the lead reworded around a kept core
        {"text": "Officials said the new rail link carried more than two thousand containers in its first month.",
         "publisher": "Steppe Post", "published": "2025-06-03"},
        # only a nine-word run in common
        {"text": "Cooperatives say local farmers now send fresh fruit to eastern cities by lorry instead.",
         "publisher": "Valley Times", "published": "2025-06-04"},
        {"text": "Snow closed the mountain pass for two days and traffic was diverted through the valley.",
         "publisher": "Weather Desk", "published": "2025-06-04"},
    ])


@pytest.fixture(scope="module")
def kinds_pairs():
    return reuse_pairs(_kinds_corpus(), min_run=8)


def test_columns_and_dtypes(kinds_pairs):
    assert kinds_pairs.columns.tolist() == REUSE_COLUMNS
    assert set(kinds_pairs["kind"]) <= set(KINDS)
    assert kinds_pairs["passage_a"].dtype == "int64" and kinds_pairs["similarity"].dtype == "float64"


def test_each_kind_is_told_apart(kinds_pairs):
    found = {(a, pa, b, pb): k for a, pa, b, pb, k in
             kinds_pairs[["doc_id_a", "passage_a", "doc_id_b", "passage_b", "kind"]].itertuples(index=False)}
    assert found == {
        ("doc#1", 1, "doc#2", 1): "exact",
        ("doc#1", 1, "doc#3", 1): "near_exact",
        ("doc#2", 1, "doc#3", 1): "near_exact",
        ("doc#1", 1, "doc#5", 1): "paraphrase",
        ("doc#2", 1, "doc#5", 1): "paraphrase",
        ("doc#3", 1, "doc#5", 1): "paraphrase",
        ("doc#1", 2, "doc#1", 3): "pull_quote",
        ("doc#1", 2, "doc#4", 1): "edited",
        ("doc#1", 3, "doc#4", 1): "edited",
        ("doc#1", 2, "doc#6", 1): "shared_phrase",
        ("doc#1", 3, "doc#6", 1): "shared_phrase",  # doc#4's inserted word leaves it only 7 words in a row
    }


def test_similarity_edits_and_offsets_by_hand(kinds_pairs):
    row = kinds_pairs[(kinds_pairs["doc_id_a"] == "doc#1") & (kinds_pairs["passage_a"] == 2)
                      & (kinds_pairs["doc_id_b"] == "doc#4")].iloc[0]
    # 10 and 11 word trigrams; the inserted "the" breaks 2 of the first and makes 3 new: 8 / (10 + 11 - 8)
    assert row["similarity"] == pytest.approx(8 / 13)
    assert row["edit_words"] == 1 and row["longest_run"] == 7
    assert abs(row["similarity_est"] - row["similarity"]) < 0.2
    text = _kinds_corpus().articles.set_index("doc_id")["text"]
    assert text["doc#1"][row["start_a"]:row["end_a"]] == FRUIT == row["text_a"]
    assert text["doc#4"][row["start_b"]:row["end_b"]] == row["text_b"]
    exact = kinds_pairs[kinds_pairs["kind"] == "exact"].iloc[0]
    assert (exact["similarity"], exact["similarity_est"], exact["edit_words"]) == (1.0, 1.0, 0)
    assert (exact["publisher_a"], exact["publisher_b"]) == ("Xinhua", "The Star")


def test_threshold_and_phrases_are_opt_in():
    pairs = reuse_pairs(_kinds_corpus())
    assert "shared_phrase" not in set(pairs["kind"])
    strict = reuse_pairs(_kinds_corpus(), threshold=0.9)
    assert set(strict["kind"]) == {"exact", "near_exact", "pull_quote"}


def test_paragraph_level():
    c = Corpus.from_frame([{"text": f"{RAIL} {FRUIT}\n\n{OTHER}"}, {"text": f"{OTHER}\n\n{RAIL} {FRUIT}"}])
    pairs = reuse_pairs(c, level="paragraph")
    assert pairs[["passage_a", "passage_b", "kind"]].values.tolist() == [[1, 2, "exact"], [2, 1, "exact"]]


def test_boilerplate_is_paired_through_its_first_place():
    c = Corpus.from_frame([{"text": f"{OTHER} Story {i} follows here."} for i in range(5)])
    assert len(reuse_pairs(c)) == 10
    capped = reuse_pairs(c, max_group=2)
    assert len(capped) == 4 and set(capped["doc_id_a"]) == {"doc#1"}


def test_short_passages_are_not_indexed():
    c = Corpus.from_frame([{"text": "Thank you very much. " + RAIL}, {"text": "Thank you very much. " + OTHER}])
    assert reuse_pairs(c).empty
    assert len(reuse_pairs(c, min_words=3)) == 1


def test_bad_arguments_name_the_problem():
    c = _kinds_corpus()
    with pytest.raises(ValueError, match="level must be one of sentence, paragraph"):
        reuse_pairs(c, level="word")
    with pytest.raises(ValueError, match="threshold"):
        reuse_pairs(c, threshold=0)
    with pytest.raises(KeyError, match="not a column"):
        message_discipline(c, by="outlet")


def test_empty_and_single_corpus():
    assert reuse_pairs(Corpus.from_frame([{"text": RAIL}])).empty
    assert reuse_pairs(Corpus.from_frame([{"text": "Short."}])).columns.tolist() == REUSE_COLUMNS


# ---------------------------------------------------------------- MinHash and LSH against datasketch


def test_signatures_equal_datasketch_minhash():
    from datasketch import MinHash

    rng = np.random.default_rng(0)
    sets = [rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32) for n in (1, 5, 40, 300)]
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])])
    sig = minhash_signatures(np.concatenate(sets), offsets, num_perm=64, seed=7)
    for row, values in zip(sig, sets):
        m = MinHash(num_perm=64, seed=7, hashfunc=int)
        m.update_batch(values.tolist())
        assert (row == m.hashvalues).all()


def test_band_candidates_equal_minhashlsh_queries():
    from datasketch import MinHash, MinHashLSH

    rng = np.random.default_rng(1)
    base = [set(rng.integers(0, 10_000, 30).tolist()) for _ in range(40)]
    sets = base + [set(list(s)[:24]) | set(rng.integers(0, 10_000, 6).tolist()) for s in base[:20]]
    values = [np.array(sorted(s), dtype=np.uint32) for s in sets]
    offsets = np.concatenate([[0], np.cumsum([len(v) for v in values])])
    sig = minhash_signatures(np.concatenate(values), offsets, num_perm=128, seed=1)
    b, r = lsh_params(0.5, 128)
    lsh = MinHashLSH(num_perm=128, params=(b, r))
    minhashes = [MinHash(seed=1, hashvalues=row, scheme="affine32") for row in sig]
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    expected = {(i, j) for i, m in enumerate(minhashes) for j in lsh.query(m) if j > i}
    assert len(expected) >= 20  # the 20 edited copies at least
    assert {tuple(p) for p in band_candidates(sig, b, r).tolist()} == expected


def test_same_output_in_fresh_processes_with_other_hash_seeds(sample_corpus):
    code = ("import framing, hashlib; from framing.reuse import reuse_pairs; "
            "p = reuse_pairs(framing.load_sample_corpus(), min_run=8); "
            "print(hashlib.sha256(p.to_csv().encode()).hexdigest(), len(p))")
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                check=True).stdout.strip())
    assert len(outs) == 1
    here = reuse_pairs(sample_corpus, min_run=8)
    assert int(outs.pop().split()[1]) == len(here) > 0
    pd.testing.assert_frame_equal(here, reuse_pairs(sample_corpus, min_run=8))


def test_seed_changes_estimates_not_exact_similarities():
    c = _kinds_corpus()
    a, b = reuse_pairs(c, seed=1), reuse_pairs(c, seed=2)
    pd.testing.assert_series_equal(a["similarity"], b["similarity"])
    assert not np.allclose(a["similarity_est"], b["similarity_est"])


# ---------------------------------------------------------------- graph


def test_graph_direction_from_provenance_via_and_date():
    c = Corpus.from_frame([
        {"text": f"{RAIL} {OTHER}", "publisher": "Steppe Post", "published": "2025-06-01"},
        {"text": f"{RAIL} {FRUIT}", "publisher": "Valley Times", "published": "2025-06-05"},
        {"text": FRUIT, "publisher": "The Star", "original_source": "Xinhua", "via": "Daily8",
         "published": "2025-06-06"},
    ])
    g = syndication_graph(c)
    assert g.graph["direction"] == "reprinter -> originator"
    # the later article carries the earlier one's sentence; no provenance says which, the dates do
    e = g.edges["Valley Times", "Steppe Post"]
    assert (e["basis"], e["direction_basis"], e["n_articles"], e["n_shared_sentences"]) == ("reuse", "date", 1, 1)
    assert not g.has_edge("Steppe Post", "Valley Times")
    assert g.edges["The Star", "Xinhua"]["basis"] == "provenance"
    assert g.edges["Daily8", "The Star"]["basis"] == "via"
    # The Star's item voices Xinhua and shares FRUIT with Valley Times' earlier article: Xinhua is the copy
    assert g.edges["Xinhua", "Valley Times"]["direction_basis"] == "date"
    assert g.nodes["The Star"]["n_published"] == 1 and g.nodes["Xinhua"]["n_originated"] == 1


def test_graph_undetermined_direction_is_said():
    c = Corpus.from_frame([{"text": RAIL, "publisher": "A"}, {"text": RAIL, "publisher": "B"}])
    g = syndication_graph(c)
    assert list(g.edges(data="direction_basis")) == [("B", "A", "undetermined")]


def test_a_wire_credit_beats_the_timestamps():
    # The Star's copy carries Xinhua's dateline and is stamped a day before Xinhua's own page (time zones,
    # a scraper's date): the credit, not the date, says who copied whom
    c = Corpus.from_frame([
        {"text": f"BEIJING, June 17 (Xinhua) -- {RAIL}", "publisher": "The Star", "published": "2025-06-16"},
        {"text": f"BEIJING, June 17 (Xinhua) -- {RAIL}", "publisher": "Xinhua", "published": "2025-06-17"},
        # a closing credit naming the other side's publisher, against the dates again
        {"text": f"{FRUIT}\n\nThe fair ends on Friday. — Reuters", "publisher": "Valley Times",
         "published": "2025-06-01"},
        {"text": f"{FRUIT}\n\nThe fair ends on Friday.", "publisher": "Reuters", "published": "2025-06-02"},
    ])
    g = syndication_graph(c)
    e = g.edges["The Star", "Xinhua"]
    assert (e["basis"], e["direction_basis"], e["directed"]) == ("reuse", "credit", True)
    assert not g.has_edge("Xinhua", "The Star")
    assert g.edges["Valley Times", "Reuters"]["direction_basis"] == "credit"
    assert g.graph["n_undetermined"] == 0


def test_credits_of_two_different_agencies_leave_the_direction_to_the_dates():
    c = Corpus.from_frame([
        {"text": f"MOSCOW, June 17. /TASS/. {RAIL}", "publisher": "Steppe Post", "published": "2025-06-02"},
        {"text": f"BEIJING (Reuters) - {RAIL}", "publisher": "Valley Times", "published": "2025-06-01"},
    ])
    assert list(syndication_graph(c).edges(data="direction_basis")) == [("Steppe Post", "Valley Times", "date")]


def test_edges_of_undetermined_direction_are_counted_apart():
    from framing.comparison import edges_table

    c = Corpus.from_frame([{"text": RAIL, "publisher": "A"}, {"text": RAIL, "publisher": "B"},
                           {"text": FRUIT, "publisher": "The Star", "original_source": "Xinhua"}])
    g = syndication_graph(c)
    assert g.graph["n_undetermined"] == 1
    table = edges_table(g).set_index(["source", "target"])
    assert table.loc[("B", "A"), "directed"] == False  # noqa: E712 (numpy bool)
    assert table.loc[("The Star", "Xinhua"), "directed"] == True  # noqa: E712


# ---------------------------------------------------------------- message discipline


def test_message_discipline_counts_and_wilson_interval():
    c = Corpus.from_frame([
        {"text": f"{RAIL} {FRUIT} {OTHER}", "publisher": "Xinhua", "source_type": "state_media"},
        {"text": f"{RAIL} Snow closed the high pass for two whole days.", "publisher": "The Star",
         "source_type": "newspaper"},
        {"text": f"{FRUIT} {FRUIT}", "publisher": "Xinhua", "source_type": "state_media"},
    ])
    md = message_discipline(c, min_docs=1, min_group_words=0).set_index("group")  # intervals, to check them
    # state media: RAIL (also at The Star) recurs; FRUIT is only ever Xinhua's; OTHER is alone
    assert md.loc["state_media", ["n_docs", "n_sentences", "n_recurring"]].tolist() == [2, 5, 1]
    assert md.loc["newspaper", ["n_sentences", "n_recurring"]].tolist() == [2, 1]
    # reference: statsmodels.stats.proportion.proportion_confint(1, 5, alpha=0.05, method="wilson")
    assert md.loc["state_media", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0362, 0.6245], abs=1e-4)
    assert md.loc["state_media", "share"] == pytest.approx(0.2)
    # by default a group of two short articles gets the share without an interval (issue 14)
    plain = message_discipline(c).set_index("group")
    assert plain[["ci_low", "ci_high"]].isna().all().all() and plain.columns[-1] == "ci_note"
    assert plain.loc["state_media", "ci_note"].startswith("too few documents (2 < 5) and words")
    by_pub = message_discipline(c, by="publisher", min_publishers=1).set_index("group")
    assert by_pub.loc["Xinhua", "n_recurring"] == 4  # with one publisher enough, FRUIT's three copies count


# ---------------------------------------------------------------- one story, one voice


def _syndicated() -> Corpus:
    story = f"{RAIL} {FRUIT} {OTHER}"
    edited = story.replace("fresh fruit to eastern", "fresh fruit to the eastern")
    return Corpus.from_frame([
        {"text": "Snow closed the mountain pass for two days and traffic went through the valley.",
         "publisher": "Weather Desk", "source_type": "newspaper"},
        {"text": edited, "publisher": "The Star", "original_source": "Xinhua", "source_type": "newspaper",
         "original_source_type": "state_media", "published": "2025-06-03"},
        {"text": story, "publisher": "Xinhua", "original_source": "Xinhua", "source_type": "state_media",
         "published": "2025-06-01"},
        {"text": "ASTANA, June 2 (Xinhua) -- " + story, "publisher": "Nabka News", "source_type": "aggregator",
         "published": "2025-06-02"},
        # carries the story but adds as much of its own: not a copy
        {"text": story + " Traders in the bazaar expect prices for imported tools to fall again this winter. "
                 "Several families have opened small shops selling spare parts near the station.",
         "publisher": "Steppe Post", "source_type": "newspaper"},
        {"text": FRUIT + " " + RAIL, "kind": "comment", "publisher": "Xinhua", "source_type": "reader_comment"},
    ])


def test_stories_group_copies_under_the_originator():
    st = syndicated_stories(_syndicated()).set_index("doc_id")
    assert st.loc[["doc#2", "doc#3", "doc#4"], "story_id"].tolist() == ["doc#3"] * 3
    assert st.loc["doc#3", "kept"] and not st.loc["doc#2", "kept"]
    assert (st.loc[["doc#2", "doc#4"], "coverage"] >= 0.8).all()
    assert st.loc["doc#3", "originator"] == "Xinhua" and st.loc["doc#3", "n_copies"] == 3
    assert st.loc["doc#5", "story_id"] == "doc#5"  # over a third of its words are its own
    assert st.loc["doc#6", "story_id"] == "doc#6"  # comments are never merged


def test_collapse_keeps_the_originator_and_records_the_merge():
    c = _syndicated()
    before = c.articles.copy()
    out = collapse_syndicated(c)
    pd.testing.assert_frame_equal(c.articles, before)  # the input is unchanged
    a = out.articles.set_index("doc_id")
    assert a.index.tolist() == ["doc#1", "doc#3", "doc#5", "doc#6"]
    assert a.loc["doc#3", "merged_doc_ids"] == "doc#2; doc#4" and a.loc["doc#3", "n_copies"] == 3
    assert a.loc["doc#3", "reprinted_by"] == "The Star; Nabka News"
    assert a.loc["doc#3", "publisher"] == "Xinhua" and a.loc["doc#3", "source_type"] == "state_media"
    assert out.info["collapsed"]["merged_into"] == {"doc#2": "doc#3", "doc#4": "doc#3"}
    assert set(out.sentences["doc_id"]) == {"doc#1", "doc#3", "doc#5", "doc#6"}
    assert pd.isna(a.loc["doc#1", "merged_doc_ids"]) and a.loc["doc#1", "n_copies"] == 1


def test_collapse_without_the_originators_page_moves_the_story_to_it():
    c = Corpus.from_frame([
        {"text": f"{RAIL} {FRUIT}", "publisher": "The Star", "original_source": "Xinhua",
         "source_type": "newspaper", "original_source_type": "state_media", "published": "2025-06-03"},
        {"text": f"{RAIL} {FRUIT}", "publisher": "Nabka News", "original_source": "Xinhua",
         "source_type": "aggregator", "published": "2025-06-02"},
    ])
    a = collapse_syndicated(c).articles
    assert a[["doc_id", "publisher", "source_type", "publisher_as_found", "reprinted_by"]].values.tolist() == [
        ["doc#2", "Xinhua", "state_media", "Nabka News", "The Star; Nabka News"]]
    kept = collapse_syndicated(c, reattribute=False).articles
    assert kept[["doc_id", "publisher", "n_copies"]].values.tolist() == [["doc#2", "Nabka News", 2]]


def test_collapse_rejects_stories_of_another_corpus():
    with pytest.raises(ValueError, match="stories do not cover"):
        collapse_syndicated(_syndicated(), stories=syndicated_stories(Corpus.from_frame([{"text": RAIL}])))


# ---------------------------------------------------------------- the shared corpus


@pytest.fixture(scope="module")
def shared_pairs(shared_corpus):
    return reuse_pairs(shared_corpus, min_run=8)


def _speech(corpus) -> pd.Series:
    a = corpus.articles
    speech = a[a["original_source_type"] == "official_statement"]
    assert len(speech) == 1
    return speech.iloc[0]


def test_the_speech_is_found_by_its_provenance(shared_corpus):
    speech = _speech(shared_corpus)
    assert (speech["publisher"], speech["original_source"]) == ("IOL News", "Xi Jinping")


def test_star_items_link_to_xinhua_and_to_the_speech(shared_corpus, shared_pairs):
    a = shared_corpus.articles
    star = a.loc[a["publisher"] == "The Star", "doc_id"].tolist()
    assert len(star) == 3 and set(a.loc[a["publisher"] == "The Star", "original_source"]) == {"Xinhua"}
    speech = _speech(shared_corpus)["doc_id"]
    links = shared_pairs[shared_pairs["doc_id_a"].isin(star) & (shared_pairs["doc_id_b"] == speech)]
    assert set(links["doc_id_a"]) == set(star)  # every item reproduces at least part of a speech sentence
    kinds = dict(zip(links["doc_id_a"], links["kind"]))
    assert sorted(kinds.values()) == ["edited", "paraphrase", "shared_phrase"]
    sentences = shared_corpus.sentences.set_index(["doc_id", "sent_id"])["text"]
    for row in links.itertuples():  # linked at sentence level: both ends are sentences of the corpus
        assert sentences[(row.doc_id_a, row.passage_a)] == row.text_a
        assert sentences[(speech, row.passage_b)] == row.text_b
    edited = links[links["kind"] == "edited"].iloc[0]
    assert edited["edit_words"] == 1 and "Min-Ning Town" in edited["text_a"] and "Min-Ning Town" in edited["text_b"]
    para = links[links["kind"] == "paraphrase"].iloc[0]
    assert "China-Central Asia Spirit" in para["text_a"] and para["longest_run"] >= 20
    phrase = links[links["kind"] == "shared_phrase"].iloc[0]
    assert phrase["similarity"] < 0.5 and phrase["longest_run"] >= 8
    # at the default settings (no phrase matching) two of the three reproduce a speech sentence
    default = reuse_pairs(shared_corpus)
    assert set(default.loc[default["doc_id_b"] == speech, "doc_id_a"]) < set(star)
    assert len(set(default.loc[default["doc_id_b"] == speech, "doc_id_a"])) == 2


def test_shared_syndication_graph(shared_corpus, shared_pairs):
    g = syndication_graph(shared_corpus, pairs=shared_pairs)
    e = g.edges["The Star", "Xinhua"]
    assert e["n_articles"] == 3 and "provenance" in e["basis"]
    assert g.edges["Nabka News", "Xinhua"]["basis"] == "provenance"
    assert g.has_edge("PR Newswire", "People's Daily") and g.has_edge("IOL News", "Xi Jinping")
    assert g.edges["Daily8", "The Star"]["basis"] == "via"
    speech_edge = g.edges["Xinhua", "Xi Jinping"]
    assert speech_edge["direction_basis"] == "official statement" and speech_edge["n_articles"] == 3
    assert speech_edge["n_shared_sentences"] == 2 and speech_edge["n_shared_phrases"] == 1
    assert nx.has_path(g, "The Star", "Xi Jinping")
    assert not g.has_edge("Xi Jinping", "Xinhua")


def test_shared_pull_quote(shared_corpus, shared_pairs):
    pq = shared_pairs[shared_pairs["kind"] == "pull_quote"]
    assert pq["publisher_a"].tolist() == ["Nabka News"]
    assert pq.iloc[0]["similarity"] == 1.0


def test_shared_message_discipline(shared_corpus):
    md = message_discipline(shared_corpus, min_docs=1, min_group_words=0).set_index("group")
    # the two reproduced speech sentences, in The Star's items and in the speech: all newspapers
    assert md.loc["newspaper", "n_recurring"] == 4
    assert md.drop(index="newspaper")["n_recurring"].sum() == 0
    assert (md["ci_low"] <= md["share"]).all() and (md["share"] <= md["ci_high"]).all()


def test_shared_collapse_counts_reprints_under_their_originators(shared_corpus):
    out = collapse_syndicated(shared_corpus)
    a = out.articles
    assert len(a) == len(shared_corpus.articles)  # no article here is a whole copy of another
    star = a[a["publisher_as_found"] == "The Star"]
    assert set(star["publisher"]) == {"Xinhua"} and set(star["source_type"]) == {"state_media"}
    speech = a[a["publisher_as_found"] == "IOL News"].iloc[0]
    assert (speech["publisher"], speech["source_type"]) == ("Xi Jinping", "official_statement")
    assert a.loc[a["publisher_as_found"] == "Nabka News", "publisher"].tolist() == ["Xinhua"]
    assert json.dumps(out.info["collapsed"]["merged_into"]) == "{}"


def test_articles_without_publisher_count_as_separate_outlets():
    # no publisher and no source file (Corpus.from_frame): each article is its own outlet
    c = Corpus.from_frame([{"text": RAIL, "source_type": "x"}, {"text": RAIL, "source_type": "x"}])
    assert message_discipline(c)["n_recurring"].tolist() == [2]


# ---------------------------------------------------------------- passages in hundreds of places


def test_band_candidates_link_a_huge_bucket_through_its_first_row():
    sig = np.array([[7, 7]] * 5 + [[1, 2], [1, 2]], dtype=np.uint32)
    assert len(band_candidates(sig, 1, 2)) == 10 + 1
    capped = band_candidates(sig, 1, 2, max_bucket=4)
    assert capped.tolist() == [[0, 1], [0, 2], [0, 3], [0, 4], [5, 6]]  # a bucket of 2 keeps its pair


def _reprinted(n_exact: int = 6) -> Corpus:
    """RAIL printed by Xinhua, reprinted exactly, with a dateline and edited; FRUIT beside it as a pull quote."""
    rows = [{"text": f"{RAIL}\n\n{FRUIT}\n\n{FRUIT}", "publisher": "Xinhua", "original_source": "Xinhua",
             "published": "2025-06-01"}]
    rows += [{"text": f"{RAIL}\n\n{FRUIT}", "publisher": f"Outlet {i}", "published": "2025-06-02"}
             for i in range(n_exact)]
    rows += [{"text": "ASTANA, June 2 (Xinhua) -- " + RAIL, "publisher": "Dateline Daily", "published": "2025-06-03"},
             {"text": RAIL.replace("first month", "first full month"), "publisher": "Edited Post",
              "published": "2025-06-03"}]
    return Corpus.from_frame(rows)


def test_a_large_cluster_is_paired_along_a_spanning_tree():
    c = _reprinted()
    every = reuse_pairs(c)
    tree = reuse_pairs(c, max_group=3)
    rail = tree[tree["text_a"].str.startswith("The new rail") | tree["text_b"].str.startswith("The new rail")]
    # 9 places of RAIL: 36 pairs in all, 8 along the tree, every one through Xinhua's first sentence
    assert len(every[every["text_a"].str.contains("rail link")]) == 36
    assert len(rail) == 8 and set(zip(rail["doc_id_a"], rail["passage_a"])) == {("doc#1", 1)}
    assert dict(zip(rail["publisher_b"], rail["kind"]))["Edited Post"] == "edited"
    assert dict(zip(rail["publisher_b"], rail["kind"]))["Dateline Daily"] == "paraphrase"
    # FRUIT: 8 places (7 articles and the pull quote), 7 pairs, not 28
    assert len(tree) == 8 + 7 and (tree["kind"] == "pull_quote").sum() == 1
    assert tree.attrs["max_group"] == 3
    # shared phrases never link two versions of one large cluster
    assert "shared_phrase" not in set(reuse_pairs(c, max_group=3, min_run=8)["kind"])


def test_a_large_cluster_is_one_cluster_for_discipline_and_stories():
    c = _reprinted()
    every, tree = reuse_pairs(c), reuse_pairs(c, max_group=3)
    pd.testing.assert_frame_equal(message_discipline(c, by="publisher", pairs=tree),
                                  message_discipline(c, by="publisher", pairs=every))
    # the pull quote is linked only through Xinhua's other FRUIT paragraph: still one cluster, and recurring
    md = message_discipline(c, by="publisher", pairs=tree).set_index("group")
    assert md.loc["Xinhua", ["n_sentences", "n_recurring"]].tolist() == [3, 3]
    stories = syndicated_stories(c, pairs=tree)
    pd.testing.assert_frame_equal(stories, syndicated_stories(c, pairs=every))
    assert stories.groupby("story_id")["doc_id"].agg(list).to_dict() == {
        "doc#1": [f"doc#{i}" for i in range(1, 8)], "doc#8": ["doc#8", "doc#9"]}  # the two one-sentence copies
    # max_group as passed wins over the one the pairs record: read as complete, the tree merges nothing
    assert syndicated_stories(c, pairs=tree, max_group=100)["n_copies"].max() == 1


def test_large_cluster_reuse_evidence_points_to_the_first_place():
    c = _reprinted()
    g = syndication_graph(c, pairs=reuse_pairs(c, max_group=3))
    reuse_edges = {(u, v) for u, v, basis in g.edges(data="basis") if "reuse" in basis}
    assert reuse_edges == {(f"Outlet {i}", "Xinhua") for i in range(6)} | {("Dateline Daily", "Xinhua"),
                                                                           ("Edited Post", "Xinhua")}
    assert g.edges["Outlet 0", "Xinhua"]["n_shared_sentences"] == 2
    every = syndication_graph(c)
    assert every.has_edge("Outlet 1", "Outlet 0")  # all pairs: a reprinter "carries" another by the date
    assert not g.has_edge("Outlet 1", "Outlet 0")


SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
PLACES = ["ASTANA", "TASHKENT", "BISHKEK", "DUSHANBE", "ALMATY"]


def _wire_corpus(n_articles: int = 320, seed: int = 3):
    """Two wire stories reprinted by ~130 outlets each (exact, dateline, one word edited), and own stories."""
    rng = np.random.default_rng(seed)
    vocab = sorted({"".join(rng.choice(SYLLABLES, int(rng.integers(2, 4)))) for _ in range(3000)})

    def sentence():
        return list(rng.choice(vocab, int(rng.integers(14, 24))))

    def render(words):
        return " ".join([words[0].capitalize(), *words[1:]]) + "."

    stories = [[[sentence() for _ in range(3)] for _ in range(3)] for _ in range(2)]
    rows, truth = [], {}
    for s, paras in enumerate(stories):
        rows.append({"doc_id": f"wire{s}", "text": "\n\n".join(" ".join(map(render, p)) for p in paras),
                     "publisher": "Xinhua", "original_source": "Xinhua", "published": "2025-05-01"})
        truth[f"wire{s}"] = f"wire{s}"
    while len(rows) < n_articles:
        k = len(rows)
        if rng.random() < 0.85:
            s = int(rng.integers(0, 2))
            body = [[list(w) for w in p] for p in stories[s]]
            if rng.random() < 0.4:  # one word replaced in one sentence (not the first, which may get a dateline)
                w = body[int(rng.integers(1, 3))][int(rng.integers(0, 3))]
                w[int(rng.integers(0, len(w)))] = str(rng.choice(vocab))
            text = "\n\n".join(" ".join(map(render, p)) for p in body)
            if rng.random() < 0.5:
                text = f"{rng.choice(PLACES)}, May {int(rng.integers(1, 29))} (Xinhua) -- " + text
            truth[f"copy{k}"] = f"wire{s}"
            rows.append({"doc_id": f"copy{k}", "text": text, "publisher": f"Outlet {k}",
                         "published": "2025-05-02"})
        else:
            truth[f"own{k}"] = f"own{k}"
            rows.append({"doc_id": f"own{k}", "text": " ".join(render(sentence()) for _ in range(5)),
                         "publisher": f"Outlet {k}", "published": "2025-05-02"})
    return Corpus.from_frame(rows, doc_id="doc_id"), truth


def test_a_heavily_syndicated_corpus_groups_every_copy_under_the_wire_story():
    corpus, truth = _wire_corpus()
    pairs = reuse_pairs(corpus)
    n_sentences = len(corpus.sentences)
    copies = pd.Series(truth).value_counts()
    assert copies.min() == 1 and (copies.drop([s for s in copies.index if s.startswith("own")]) > 100).all()
    # each story sentence is in > 100 places: linked along spanning trees, fewer pairs than sentences
    assert pairs.attrs["max_group"] == 100 and len(pairs) < n_sentences
    stories = syndicated_stories(corpus, pairs=pairs)
    assert dict(zip(stories["doc_id"], stories["story_id"])) == truth
    kept = stories[stories["kept"]]
    assert sorted(kept.loc[kept["n_copies"] > 1, "doc_id"]) == ["wire0", "wire1"]
    assert (kept.loc[kept["n_copies"] > 1, "originator"] == "Xinhua").all()
    assert (stories["coverage"] >= 0.8).all()
    collapsed = collapse_syndicated(corpus, stories=stories)
    assert len(collapsed.articles) == sum(1 for d in truth if d.startswith("own")) + 2
    md = message_discipline(corpus, pairs=pairs)
    own = sum(5 for d in truth if d.startswith("own"))
    assert md["n_sentences"].sum() == n_sentences
    # every story sentence recurs but an edited one LSH may miss (one here, at Jaccard 0.6); no own sentence does
    assert n_sentences - own - 3 <= md["n_recurring"].sum() <= n_sentences - own
