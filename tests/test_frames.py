"""Frames: dictionary and embedding scores, the classifier, and the SemEval-2023 validation figures."""

from __future__ import annotations

import pytest

from conftest import shared_path
from framing import Corpus
from framing.frames import FrameClassifier, cross_validate_frames, frame_scores, frame_profile, load_frames


def test_frame_lexicon_schemes():
    policy = load_frames("policy")
    assert len(policy) == 15 and sum(f.semeval is not None for f in policy) == 14
    rel = {f.id for f in load_frames("relationship")}
    assert {"partnership_mutual_benefit", "great_power_competition", "governance_rights_critique",
            "connectivity_infrastructure", "dependency_risk"} <= rel and len(rel) == 11
    with pytest.raises(KeyError, match="no frame scheme"):
        load_frames("nope")


def test_dictionary_scores_hand_counted():
    c = Corpus.from_frame([{"text": "The railway and the new highway opened. Human rights groups objected."}])
    s = frame_scores(c, scheme="relationship").set_index("frame")
    assert s.columns.tolist()[:6] == ["doc_id", "scheme", "hits", "per_1k", "score", "dominant"]
    assert s.loc["connectivity_infrastructure", "hits"] == 2
    assert s.loc["governance_rights_critique", "hits"] == 1
    assert s.loc["connectivity_infrastructure", "per_1k"] == pytest.approx(1000 * 2 / 11)
    assert s.loc["connectivity_infrastructure", "score"] == pytest.approx(2 / 3)
    assert s.loc["connectivity_infrastructure", "dominant"] and not s.loc["governance_rights_critique", "dominant"]
    assert s["score"].sum() == pytest.approx(1.0)


def test_paragraph_level_and_empty_units():
    c = Corpus.from_frame([{"text": "The railway opened.\n\nNothing here at all."}])
    s = frame_scores(c, scheme="relationship", level="paragraph")
    assert s.columns[:3].tolist() == ["doc_id", "para_id", "scheme"]
    para2 = s[s["para_id"] == 2]
    assert para2["hits"].sum() == 0 and not para2["dominant"].any()


def test_shared_corpus_frames(shared_corpus):
    s = frame_scores(shared_corpus, scheme="relationship")
    a = shared_corpus.articles.set_index("doc_id")
    rate = s.pivot(index="doc_id", columns="frame", values="per_1k")
    diplomat = a.index[a["publisher"] == "The Diplomat"][0]
    official = list(a.index[a["publisher"].isin(["The Star", "IOL News"])])
    # the analysis piece leads every article on great-power competition and governance critique
    assert rate["great_power_competition"].idxmax() == diplomat
    assert rate["governance_rights_critique"].idxmax() == diplomat
    # the speech and the reprints lead it on partnership and development
    for doc in official:
        assert rate.loc[doc, "partnership_mutual_benefit"] > rate.loc[diplomat, "partnership_mutual_benefit"]
        assert rate.loc[doc, "development_modernization"] > rate.loc[diplomat, "development_modernization"]
    assert rate.loc[official, "connectivity_infrastructure"].mean() > 0
    prof = frame_profile(s, shared_corpus, by="publisher", n_boot=200)
    assert {"group", "frame", "mean_score", "ci_low", "ci_high"} <= set(prof.columns)


def test_embedding_method_same_shape(shared_corpus):
    d = frame_scores(shared_corpus, scheme="relationship")
    e = frame_scores(shared_corpus, scheme="relationship", method="embedding")
    assert e.columns.tolist() == d.columns.tolist() and len(e) == len(d)
    assert e["score"].between(-1, 1).all() and e["per_1k"].isna().all()
    # each article's paragraphs are each nearest to exactly one frame
    hits = e.groupby("doc_id")["hits"].sum()
    paras = shared_corpus.paragraphs.groupby("doc_id").size()
    assert (hits == paras.reindex(hits.index)).all()


def test_classifier_learns_and_reports():
    texts = ["tax jobs wages economy", "court judge ruling law", "jobs economy growth tax",
             "judge law court appeal", "economy tax market jobs", "law ruling court judge"] * 3
    labels = [["Economic"], ["Legality"]] * 9
    clf = FrameClassifier().fit(texts, labels)
    assert clf.predict_labels(["the court and the judge"]) == [["Legality"]]
    assert clf.predict(["tax and jobs"]).shape == (1, 2)
    cv = cross_validate_frames(texts, labels, cv=3)
    micro = cv[(cv.frame == "(micro)")].set_index("method")["f1"]
    assert micro["classifier"] == pytest.approx(1.0) and micro["classifier"] > micro["random"]


def test_semeval_validation_figures():
    """Pinned figures of VALIDATION.md (SemEval-2023 Task 3, 433 articles, 5-fold CV, seed 0)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from validate_frames import evaluate

    # embedding=True encodes ~9k paragraphs with MiniLM once (about 2-3 minutes on 2 CPU cores;
    # cached in .cache/ afterwards)
    res = evaluate(shared_path("validation", "semeval2023_task3_en"), embedding=True)["methods"]
    assert res["classifier"]["micro_f1"] == pytest.approx(0.685, abs=0.02)
    assert res["classifier"]["macro_f1"] == pytest.approx(0.526, abs=0.02)
    assert res["dictionary"]["micro_f1"] == pytest.approx(0.555, abs=0.02)
    assert res["majority"]["micro_f1"] == pytest.approx(0.372, abs=0.01)
    assert res["embedding"]["micro_f1"] == pytest.approx(0.397, abs=0.02)
    assert res["embedding"]["macro_f1"] == pytest.approx(0.313, abs=0.02)
    assert res["embedding"]["macro_f1"] > max(res["majority"]["macro_f1"], res["random"]["macro_f1"])
    for metric in ("micro_f1", "macro_f1"):
        assert res["classifier"][metric] > max(res["majority"][metric], res["random"][metric])
        assert res["dictionary"][metric] > max(res["majority"][metric], res["random"][metric])
