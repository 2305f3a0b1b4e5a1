"""Topics over time (TopicResult.over_time): frequencies and shares of a hand-built result by hand, the same
numbers as framing.trends, and the words of a small real fit against BERTopic's own topics_over_time."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from framing import Corpus
from framing.over_time import period_starts, trends
from framing.topics import TopicResult, fit_topics, readable_term
from framing.topics_time import TOPIC_TIME_COLUMNS

T = pd.Timestamp
NO_MIN = {"min_docs": 2, "min_words": 0}

# 2025-06-02 is a Monday. Paragraphs (units) and their topics:
#   doc#1  A  2 June     0, 1        doc#3  A  10 June   1
#   doc#2  A  4 June     0           doc#4  B  3 June    1, 1, 0
#   doc#5  B  "2025-06" (a month: in no week)            0
ROWS = [{"text": "Rail links grow.\n\nWater talks stall.", "publisher": "A", "published": "2025-06-02"},
        {"text": "Rail freight doubles.", "publisher": "A", "published": "2025-06-04"},
        {"text": "Water quotas set.", "publisher": "A", "published": "2025-06-10"},
        {"text": "Water shortages.\n\nWater rationing.\n\nRail repairs.", "publisher": "B",
         "published": "2025-06-03"},
        {"text": "Rail plans.", "publisher": "B", "published": "2025-06"}]
UNITS = [("doc#1", 1, 0), ("doc#1", 2, 1), ("doc#2", 1, 0), ("doc#3", 1, 1), ("doc#4", 1, 1), ("doc#4", 2, 1),
         ("doc#4", 3, 0), ("doc#5", 1, 0)]


@pytest.fixture(scope="module")
def by_hand() -> TopicResult:
    corpus = Corpus.from_frame(ROWS)
    doc_ids, para_ids, topics = zip(*UNITS)
    labels = {0: "0: rail", 1: "1: water"}
    assignments = pd.DataFrame({"doc_id": doc_ids, "para_id": para_ids, "topic": topics,
                                "topic_label": [labels[t] for t in topics], "probability": 1.0})
    info = pd.DataFrame({"topic": [0, 1], "size": [4, 4], "label": [labels[0], labels[1]], "terms": ["rail", "water"],
                         "weights": ["1", "1"]})
    return TopicResult(info, assignments, pd.DataFrame(), {"level": "paragraph"}, corpus.articles, None, corpus)


def row(table, period, topic, group=None) -> pd.Series:
    sel = (table["period"] == T(period)) & (table["topic"] == topic)
    if group is not None:
        sel &= table["group"] == group
    assert sel.sum() == 1, (period, topic, group)
    return table[sel].iloc[0]


def test_weekly_frequencies_and_shares_by_group_by_hand(by_hand):
    with pytest.warns(UserWarning, match="1 of 5 documents left out as undated"):
        t = by_hand.over_time("W", by="publisher", n_boot=300, **NO_MIN)
    assert t.columns.tolist() == TOPIC_TIME_COLUMNS
    expected = {  # (group, week, topic): frequency, share, units of the cell, documents of the cell
        ("A", "2025-06-02", 0): (2, 2 / 3, 3, 2), ("A", "2025-06-02", 1): (1, 1 / 3, 3, 2),
        ("A", "2025-06-09", 0): (0, 0.0, 1, 1), ("A", "2025-06-09", 1): (1, 1.0, 1, 1),
        ("B", "2025-06-02", 0): (1, 1 / 3, 3, 1), ("B", "2025-06-02", 1): (2, 2 / 3, 3, 1)}
    assert len(t) == len(expected)
    for (group, week, topic), (freq, share, units, docs) in expected.items():
        r = row(t, week, topic, group)
        assert (r["frequency"], r["n_units"], r["n_docs"]) == (freq, units, docs), (group, week, topic)
        assert r["share"] == pytest.approx(share)
    assert row(t, "2025-06-02", 1, "A")["topic_label"] == "1: water"
    # A's first week has two documents: an interval around its share; B's one document gets none
    a0 = row(t, "2025-06-02", 0, "A")
    assert a0["ci_low"] <= a0["share"] <= a0["ci_high"] and a0["ci_low"] < a0["ci_high"]
    assert np.isnan(row(t, "2025-06-02", 0, "B")["ci_low"])
    assert t["words"].isna().all()  # a result without a model has no words
    assert t.attrs["undated"] == 1 and t.attrs["unit"] == "paragraph" and t.attrs["by"] == "publisher"


def test_monthly_without_groups_is_one_series(by_hand):
    t = by_hand.over_time("M", n_boot=300)
    assert "group" not in t.columns and t.attrs["by"] is None and t.attrs["undated"] == 0
    # June holds every unit, the month-dated one too: topic 0 in 4 of 8, topic 1 in 4 of 8, from 5 documents
    assert t["period"].tolist() == [T("2025-06-01")] * 2 and t["topic"].tolist() == [0, 1]
    assert t["frequency"].tolist() == [4, 4] and t["n_units"].tolist() == [8, 8] and t["n_docs"].tolist() == [5, 5]
    assert t["share"].tolist() == pytest.approx([0.5, 0.5])


def test_the_numbers_are_those_of_trends(by_hand):
    with pytest.warns(UserWarning):
        mine = by_hand.over_time("W", by="publisher", n_boot=300, random_state=4, dedupe="collapse", **NO_MIN)
    with pytest.warns(UserWarning):
        theirs = trends(by_hand.corpus, "topics", by="publisher", freq="W", topics=by_hand, n_boot=300,
                        random_state=4, dedupe="collapse", **NO_MIN)
    for col, their_col in (("share", "value"), ("ci_low", "ci_low"), ("ci_high", "ci_high"),
                           ("frequency", "count"), ("ci_note", "ci_note")):
        pd.testing.assert_series_equal(mine[col], theirs[their_col], check_names=False, check_dtype=False)


def test_without_the_corpus_it_says_what_is_missing(by_hand):
    bare = TopicResult(by_hand.topic_info, by_hand.assignments, pd.DataFrame(), {})
    with pytest.raises(ValueError, match="needs the corpus the topics were fitted on"):
        bare.over_time("W")


# ---------------------------------------------------------------- a small real fit

@pytest.fixture(scope="module")
def sample_topics(sample_corpus):
    return fit_topics(sample_corpus, embedding="tfidf")


def dated_units(result, freq: str) -> pd.DataFrame:
    """The fitted units with the period of their article (NaT: dated more coarsely than ``freq``) and group."""
    a = result.corpus.articles
    period = period_starts(a["published"], a["published_precision"], freq).set_axis(a["doc_id"])
    units = result.assignments.assign(text=result.unit_texts(protected=True),
                                      period=result.assignments["doc_id"].map(period),
                                      group=result.assignments["doc_id"].map(a.set_index("doc_id")["source_type"]))
    return units[units["period"].notna()]


def test_words_and_frequencies_are_bertopics_own(sample_topics):
    # a month holds every unit of the sample: BERTopic's own call on the fitted texts gets what over_time passes
    t = sample_topics.over_time("M", n_boot=200)
    units = dated_units(sample_topics, "M")
    assert len(units) == len(sample_topics.assignments) and units["period"].nunique() == 1
    own = sample_topics.model.topics_over_time(units["text"].tolist(), units["period"].tolist(),
                                               topics=units["topic"].tolist())
    own_words = {int(tp): ", ".join(readable_term(w) for w in words.split(", ")) for tp, words in
                 zip(own["Topic"], own["Words"])}
    assert t.set_index("topic")["words"].to_dict() == own_words
    assert t.set_index("topic")["frequency"].to_dict() == dict(zip(own["Topic"], own["Frequency"]))
    assert t["frequency"].tolist() == units["topic"].value_counts().reindex(t["topic"]).tolist()


def test_words_of_a_group_in_a_week_come_from_its_units_of_that_week(sample_topics):
    # without BERTopic's tuning a topic's words in a cell are c-TF-IDF terms of the cell's units alone (which
    # of the tied terms, BERTopic's unstable sort decides: so the test checks where each word comes from)
    with pytest.warns(UserWarning, match="left out as undated"):
        t = sample_topics.over_time("W", by="source_type", n_boot=200, global_tuning=False, evolution_tuning=False)
    units = dated_units(sample_topics, "W")
    assert set(t["group"]) == set(units["group"])
    analyze = sample_topics.model.vectorizer_model.build_analyzer()
    present = t[t["frequency"] > 0]
    assert t.loc[t["frequency"] == 0, "words"].isna().all() and present["words"].notna().all()
    for r in present.itertuples():
        cell = units[(units["group"] == r.group) & (units["period"] == r.period) & (units["topic"] == r.topic)]
        assert len(cell) == r.frequency
        # BERTopic keeps only ASCII letters, digits and spaces before counting ("café" -> "caf")
        own = {term for text in cell["text"] for term in
               analyze(re.sub(r"[^A-Za-z0-9 ]+", "", text.replace("\n", " ")))}
        terms = {readable_term(term) for term in own}
        unigrams = {readable_term(term) for term in own if " " not in term}  # "central asia" is one
        for word in filter(None, r.words.split(", ")):
            # a bigram may also span two of the units BERTopic joins into one text
            spans = any(word[:i] in unigrams and word[i + 1:] in unigrams for i, c in enumerate(word) if c == " ")
            assert word in terms or spans, (r.group, r.period, r.topic, word)
