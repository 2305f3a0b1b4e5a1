"""Sentiment with NLTK's VADER: offline set-up, levels, actors, and the paper's validation figures."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

from conftest import shared_path
from framing import Corpus
from framing.sentiment import (actor_mentions, actor_sentiment, nltk_data_dir, score_text, sentiment_scores,
                               validate_vader)


def test_vader_lexicon_is_installed_from_the_package_without_network():
    root = nltk_data_dir()
    zpath = root / "sentiment" / "vader_lexicon.zip"
    with zipfile.ZipFile(zpath) as zf:
        text = zf.read("vader_lexicon/vader_lexicon.txt").decode("utf-8")
    assert not text.endswith("\n") and len(text.splitlines()) > 7000
    assert score_text("This is a good, great day!")["compound"] > 0.5


def test_levels():
    c = Corpus.from_frame([{"text": "Trade is great. Debt is a terrible trap.\n\nNothing else."},
                           {"text": "A neutral line."}])
    s = sentiment_scores(c, level="sentence")
    assert s.columns[:7].tolist() == ["doc_id", "sent_id", "target", "compound", "pos", "neu", "neg"]
    assert len(s) == 4 and s["compound"].iloc[0] > 0 and s["compound"].iloc[1] < 0
    p = sentiment_scores(c, level="paragraph")
    assert len(p) == 3
    a = sentiment_scores(c, level="article").set_index("doc_id")
    assert a.loc["doc#1", "n_sentences"] == 3
    assert a.loc["doc#1", "compound"] == pytest.approx(s.loc[s.doc_id == "doc#1", "compound"].mean())
    assert a.loc["doc#1", "share_positive"] == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="level"):
        sentiment_scores(c, level="word")


def test_actor_sentiment_hand_computed():
    c = Corpus.from_frame([
        {"text": "Beijing is a wonderful partner. Washington made a terrible mistake.", "source_type": "a"},
        {"text": "China offers great help. Kazakhstan and China agree.", "source_type": "a"},
        {"text": "The Chinese side was awful.", "source_type": "b"},
    ])
    m = actor_mentions(c)
    assert set(m["target"]) == {"china", "united_states", "kazakhstan"}
    both = m[m["text"] == "Kazakhstan and China agree."]
    assert sorted(both["target"]) == ["china", "kazakhstan"]
    res = actor_sentiment(c, by="source_type", n_boot=200).set_index(["group", "actor"])
    china_a = m[(m.target == "china") & m.doc_id.isin(["doc#1", "doc#2"])]["compound"].mean()
    assert res.loc[("a", "china"), "compound"] == pytest.approx(china_a)
    assert res.loc[("a", "china"), "n_sentences"] == 3 and res.loc[("a", "china"), "n_docs"] == 2
    assert res.loc[("b", "china"), "compound"] < 0 and np.isnan(res.loc[("b", "china"), "ci_low"])
    # issue 14: two documents get the mean and no interval, with a note saying why
    assert np.isnan(res.loc[("a", "china"), "ci_low"]) and np.isnan(res.loc[("a", "china"), "ci_high"])
    assert res.loc[("a", "china"), "ci_note"].startswith("too few documents (2 < 5)")
    assert res.columns[-1] == "ci_note"


def test_actor_sentiment_intervals_from_enough_documents_never_zero_width():
    filler = " The delegation then visited the new station and the school nearby." * 45
    tones = ["China is a wonderful partner.", "China made a terrible mistake.", "China offers great help.",
             "China was awful in the talks.", "China is a good friend.", "China signed the deal."]
    c = Corpus.from_frame([{"text": t + filler, "source_type": "a"} for t in tones]
                          + [{"text": "China signed the deal." + filler, "source_type": "n"}] * 6)
    res = actor_sentiment(c, n_boot=500).set_index(["group", "actor"])
    a = res.loc[("a", "china")]
    assert a["n_docs"] == 6 and a["ci_note"] == "" and a["ci_low"] < a["compound"] < a["ci_high"]
    # six documents all neutral toward China: the bootstrap has no spread; the interval is widened by the
    # exact bound on the share of documents that could differ, on VADER's -1..1 scale, not [0, 0]
    n = res.loc[("n", "china")]
    assert n["compound"] == 0
    assert (n["ci_low"], n["ci_high"]) == pytest.approx((-(1 - 0.05 ** (1 / 6)), 1 - 0.05 ** (1 / 6)))
    assert n["ci_note"] == "all 6 documents alike: exact bound on how many could differ"


def test_vader_reproduces_the_paper_on_nyt_editorials():
    # Hutto & Gilbert (2014), Table 4, NYT editorials: r = 0.492, 3-class F1 = 0.55.
    path = shared_path("validation", "vader", "nytEditorialSnippets_GroundTruth.txt")
    res = validate_vader(path)
    assert res["n"] == 5190
    assert res["pearson_r"] == pytest.approx(0.490, abs=0.005)
    assert res["f1_weighted"] == pytest.approx(0.544, abs=0.01)


def test_diplomatic_extension_fixes_backfire_and_does_not_hurt_nyt():
    s = "Protectionism and unilateralism will surely backfire on those who choose them."
    assert score_text(s)["compound"] > 0
    assert score_text(s, lexicon="vader+diplomatic")["compound"] < 0
    path = shared_path("validation", "vader", "nytEditorialSnippets_GroundTruth.txt")
    plain = validate_vader(path)
    ext = validate_vader(path, lexicon="vader+diplomatic")
    assert ext["pearson_r"] >= plain["pearson_r"] - 0.01
