"""dedupe="collapse" on the measures: a syndicated story counts once, under its originator."""

from __future__ import annotations

import pytest

from framing import Corpus
from framing.frames import frame_profile, frame_scores
from framing.reuse import deduplicated
from framing.sentiment import actor_sentiment
from framing.slogans import slogan_rates
from framing.topics import fit_topics

# our own constructed wire story, printed by its originator and reprinted twice
STORY = ("China and Kazakhstan pledged mutual respect and win-win cooperation on Tuesday as a new freight "
         "corridor opened. Officials said the route would cut transit times to the Caspian ports by a third. "
         "Kazakhstan welcomed the agreement and praised China for its support.")
OTHER = ("A think tank note argued that the corridor's costs remain unclear and that win-win claims deserve "
         "scrutiny. The United States was not mentioned in the agreement, the note said.")


@pytest.fixture(scope="module")
def corpus():
    rows = [{"text": STORY, "publisher": "Xinhua", "source_type": "state_media"},
            {"text": STORY, "publisher": "The Star", "source_type": "aggregator", "original_source": "Xinhua"},
            {"text": STORY, "publisher": "Nabka News", "source_type": "aggregator", "original_source": "Xinhua"},
            {"text": OTHER, "publisher": "Atlantic Council", "source_type": "think_tank"}]
    return Corpus.from_frame(rows)


def test_deduplicated_rejects_unknown_values(corpus):
    with pytest.raises(ValueError, match="dedupe must be one of"):
        deduplicated(corpus, "merge")


def test_deduplicated_is_idempotent(corpus):
    once = deduplicated(corpus, "collapse")
    assert deduplicated(once, "collapse") is once
    assert len(once.articles) == 2


def test_slogan_rates_count_the_reprinted_story_once(corpus):
    none = slogan_rates(corpus, by="source_type", n_boot=50).set_index(["group", "feature"])
    collapsed = slogan_rates(corpus, by="source_type", dedupe="collapse", n_boot=50).set_index(["group", "feature"])
    assert none.loc[("aggregator", "win_win"), "count"] == 2
    assert "aggregator" not in collapsed.index.get_level_values("group")
    assert collapsed.loc[("state_media", "win_win"), "count"] == 1
    assert collapsed.loc[("state_media", "win_win"), "n_docs"] == 1


def test_frame_profile_leaves_out_dropped_copies(corpus):
    scores = frame_scores(corpus)
    none = frame_profile(scores, corpus, n_boot=50)
    collapsed = frame_profile(scores, corpus, dedupe="collapse", n_boot=50)
    assert set(none["group"]) == {"aggregator", "state_media", "think_tank"}
    assert set(collapsed["group"]) == {"state_media", "think_tank"}
    assert (collapsed["n_docs"] == 1).all()


def test_actor_sentiment_counts_each_story_once(corpus):
    none = actor_sentiment(corpus, n_boot=50)
    collapsed = actor_sentiment(corpus, dedupe="collapse", n_boot=50)
    n_none = none.groupby("actor")["n_docs"].sum()
    n_collapsed = collapsed.groupby("actor")["n_docs"].sum()
    assert n_none["kazakhstan"] == 3
    assert n_collapsed["kazakhstan"] == 1


def test_topic_shares_leave_out_dropped_copies(sample_corpus):
    result = fit_topics(sample_corpus, embedding="tfidf")
    collapsed_corpus = deduplicated(sample_corpus, "collapse")
    shares = result.by_group("publisher", dedupe="collapse", n_boot=50)
    kept = set(collapsed_corpus.articles["doc_id"])
    expected = result.assignments[result.assignments["doc_id"].isin(kept)]
    assert shares.groupby("group")["group_paragraphs"].first().sum() == len(expected)
    assert set(shares["topic"]) == set(result.assignments["topic"])
    # the aggregator's reprint of a Xinhua commentary moves to Xinhua
    assert "Steppe Wire Digest" in set(result.by_group("publisher", n_boot=50)["group"])
    assert "Steppe Wire Digest" not in set(shares["group"])
