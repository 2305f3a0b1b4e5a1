"""Topics: BERTopic on paragraphs, offline, reproducible, and meaningful on five pages."""

from __future__ import annotations

import numpy as np
import pytest

from framing import Corpus
from framing.topics import fit_topics


@pytest.fixture(scope="module")
def shared_topics(shared_corpus):
    return fit_topics(shared_corpus, embedding="minilm", random_state=0)


def _main_topic(result, doc_id):
    a = result.assignments
    return a[a["doc_id"] == doc_id]["topic"].value_counts().idxmax()


def test_five_pages_give_several_topics_not_one_blob(shared_topics):
    info = shared_topics.topic_info
    real = info[info["topic"] >= 0]
    assert len(real) >= 8
    assert real["size"].max() <= 0.25 * real["size"].sum()
    assert shared_topics.params["outliers_reassigned"] == shared_topics.params["outliers_before_reduction"]
    terms = " | ".join(real["terms"])
    for word in ("railway", "gas", "nvidia", "philippines", "critical"):
        assert word in terms, word
    # names stay whole in the topic terms
    assert "china-central asia" in terms or "china-kyrgyzstan-uzbekistan" in terms


def test_stories_and_voices_fall_in_separate_topics(shared_topics, shared_corpus):
    a = shared_corpus.articles.set_index("doc_id")
    page000 = [d for d in a.index if d.startswith("000_")]
    ai, scs = page000[2], page000[3]
    main = page000[0]
    assert _main_topic(shared_topics, ai) != _main_topic(shared_topics, main)
    assert _main_topic(shared_topics, scs) not in {_main_topic(shared_topics, main), _main_topic(shared_topics, ai)}
    diplomat = a.index[a["publisher"] == "The Diplomat"][0]
    speech = a.index[a["publisher"] == "IOL News"][0]
    assert _main_topic(shared_topics, diplomat) != _main_topic(shared_topics, speech)


def test_same_corpus_same_topics(shared_corpus, shared_topics):
    again = fit_topics(shared_corpus, embedding="minilm", random_state=0)
    assert (again.assignments["topic"].to_numpy() == shared_topics.assignments["topic"].to_numpy()).all()
    assert again.topic_info.equals(shared_topics.topic_info)
    assert {"bertopic", "umap-learn", "hdbscan"} <= set(shared_topics.params["versions"])


def test_by_group_shares(shared_topics):
    g = shared_topics.by_group("source_type", n_boot=200)
    sums = g.groupby("group")["share"].sum()
    assert np.allclose(sums, 1.0)
    multi = g[g["ci_low"].notna()]
    assert (multi["ci_low"] <= multi["share"] + 1e-9).all() and (multi["share"] <= multi["ci_high"] + 1e-9).all()
    assert g.loc[g["n_docs"] < 5, ["ci_low", "ci_high"]].isna().all().all()  # issue 14: no interval from 1-4 docs
    assert g.loc[g["n_docs"] < 5, "ci_note"].str.startswith("too few documents").all()


def test_by_group_intervals_small_groups_and_no_zero_width():
    # issue 14, without fitting a model: group a has 6 documents of 3 paragraphs, all in topic 0; b has 2
    import pandas as pd

    from framing.topics import TopicResult

    docs = [f"a#{i}" for i in range(6)] + ["b#0", "b#1"]
    articles = pd.DataFrame({"doc_id": docs, "source_type": ["a"] * 6 + ["b"] * 2, "n_words": 400})
    assignments = pd.DataFrame({"doc_id": np.repeat(docs, 3), "para_id": np.tile([0, 1, 2], 8),
                                "topic": [0] * 18 + [0, 1, 1, 1, 0, 1], "probability": 1.0})
    info = pd.DataFrame({"topic": [0, 1], "label": ["zero", "one"]})
    res = TopicResult(info, assignments, pd.DataFrame(), {}, articles)
    g = res.by_group("source_type", n_boot=300).set_index(["group", "topic"])
    assert g.columns[-1] == "ci_note"
    # every paragraph of a in topic 0: Wilson on 18 of 18 paragraphs, not [1, 1]; topic 1: [0, upper], not [0, 0]
    # reference: statsmodels.stats.proportion.proportion_confint(18, 18, method="wilson")
    assert g.loc[("a", 0), ["share", "ci_high"]].tolist() == [1.0, 1.0]
    assert g.loc[("a", 0), "ci_low"] == pytest.approx(0.8241, abs=1e-4)
    assert g.loc[("a", 1), ["share", "ci_low"]].tolist() == [0.0, 0.0]
    assert g.loc[("a", 1), "ci_high"] == pytest.approx(0.1759, abs=1e-4)
    assert g.loc[("a", 1), "ci_note"] == "none in 6 documents: Wilson interval"
    assert g.loc["b", ["ci_low", "ci_high"]].isna().all().all()
    assert g.loc[("b", 1), "share"] == pytest.approx(4 / 6)


def test_tfidf_embedding_needs_no_model(sample_corpus):
    res = fit_topics(sample_corpus, embedding="tfidf")
    assert len(res.assignments) == res.params["n_paragraphs"]
    assert res.assignments.columns.tolist() == ["doc_id", "para_id", "topic", "topic_label", "probability"]


def test_too_small_corpus_says_how_many_paragraphs_are_needed():
    small = Corpus.from_frame([{"text": "One paragraph with several words in it."}] * 3)
    with pytest.raises(ValueError, match="at least 20 paragraphs.*has 3"):
        fit_topics(small)


def test_topics_command(shared_corpus_dir, tmp_path):
    import pandas as pd

    from framing.cli import main
    assert main(["topics", str(shared_corpus_dir), "--out", str(tmp_path), "--quiet"]) == 0
    info = pd.read_csv(tmp_path / "topic_info.csv")
    assert info.columns[:4].tolist() == ["topic", "size", "label", "terms"]
    assign = pd.read_csv(tmp_path / "topics.csv")  # the name framing analyze gives the table
    assert assign.columns.tolist() == ["doc_id", "para_id", "topic", "topic_label", "probability"]
    assert (tmp_path / "topics_by_group.csv").exists()
    from matplotlib.image import imread

    for name in ("topics_by_group.png", "topic_terms.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
        height, width = imread(tmp_path / name).shape[:2]
        assert height > 200 and width > 200, name
