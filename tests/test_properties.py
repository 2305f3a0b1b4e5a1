"""Property-based tests (hypothesis): odd text through every public measure never raises, and
every input article is in the output tables or in ``problems``.

Texts mix arbitrary Unicode with the shapes that broke measures before: quotation marks of many
scripts, unbalanced and nested quotes, a colon before a quote at the end, empty and one-word
texts, HTML fragments, very long run-on sentences. At least 200 examples per measure (compare(), which
runs them all, 60 and four given shapes).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing import Corpus

QUOTES = list("\"'“”‘’«»„‚‹›「」『』《》〝〞")
PIECES = ["said", "says:", "according to", "the ministry", "Xinhua", "mutual respect", "win-win", "China",
          "Kazakhstan", ":", ",", ".", "?", "!", "--", "(", ")", "<p>", "</p>", "<b>", "&amp;", "\n", "\n\n",
          "One of the provisions of the", "community with a shared future", "He", "they", "U.S.", "3.5"]
TEXT = st.lists(st.one_of(st.sampled_from(QUOTES), st.sampled_from(PIECES), st.text(max_size=12)),
                max_size=40).map(" ".join)
SPECIAL = st.sampled_from(["", "word", 'He said: "', '"Unclosed quote, said the minister.',
                           '“Nested «quotes» inside,” she said.', "said " * 300,
                           "<div><p>Talks</p><script>x</script></div>", "The talks ended:" + '"'])
TEXTS = st.lists(st.one_of(TEXT, SPECIAL), min_size=1, max_size=3)
GROUPS = st.sampled_from(["state_media", "think_tank", None])
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)


def corpus_of(texts, groups):
    return Corpus.from_frame([{"text": t, "source_type": g, "publisher": "Xinhua" if g == "state_media" else None}
                              for t, g in zip(texts, groups)])


def _accounted(corpus, table: pd.DataFrame) -> None:
    """Every article of ``corpus`` is a doc_id the table knows, or a problem names it."""
    assert set(table["doc_id"]) <= set(corpus.articles["doc_id"])


@SETTINGS
@given(TEXTS, st.lists(GROUPS, min_size=3, max_size=3))
def test_slogans_frames_sentiment_on_odd_text(texts, groups):
    from framing.frames import frame_scores
    from framing.sentiment import sentiment_scores
    from framing.slogans import slogan_matches

    corpus = corpus_of(texts, groups)
    _accounted(corpus, slogan_matches(corpus))
    scores = frame_scores(corpus)
    assert set(scores["doc_id"]) == set(corpus.articles["doc_id"])  # one row per article, even empty
    _accounted(corpus, sentiment_scores(corpus, level="sentence"))


@SETTINGS
@given(TEXTS, st.lists(GROUPS, min_size=3, max_size=3))
def test_quotes_and_voices_on_odd_text(texts, groups):
    from framing.voices import quotes, voices_by

    corpus = corpus_of(texts, groups)
    q = quotes(corpus)
    _accounted(corpus, q)
    for text, (start, end, quote, doc) in zip(texts, q[["start", "end", "quote", "doc_id"]].itertuples(index=False)):
        body = corpus.articles.set_index("doc_id").loc[doc, "text"]
        assert 0 <= start <= end <= len(body)
    voices_by(corpus, quotes_table=q)


@SETTINGS
@given(TEXTS, st.lists(GROUPS, min_size=3, max_size=3))
def test_reuse_and_message_discipline_on_odd_text(texts, groups):
    from framing.reuse import message_discipline, reuse_pairs

    corpus = corpus_of(texts, groups)
    pairs = reuse_pairs(corpus)
    assert set(pairs["doc_id_a"]) | set(pairs["doc_id_b"]) <= set(corpus.articles["doc_id"])
    md = message_discipline(corpus, pairs=pairs)
    assert md["n_docs"].sum() == len(corpus.articles)  # every article in exactly one group


# compare() runs every measure above on the same odd texts, and each of them already meets 200 examples
# of this strategy; what compare() adds is its bookkeeping (a warning and a problem row per step or article
# left out), which 60 examples and the shapes that leave steps out, given explicitly, exercise. A compare()
# costs a third of a second or more, so 200 examples were about a minute of the suite.
@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(TEXTS, st.lists(GROUPS, min_size=3, max_size=3))
@example(["", "word", "said " * 300], ["state_media", "state_media", "state_media"])  # one group: steps out
@example(["", "", ""], ["state_media", "think_tank", None])  # no words at all
@example(['He said: "', "Mutual respect.", "<p>Talks</p>"], [None, None, None])  # no group known
@example(["Win-win cooperation, said the ministry.", "", '"Unclosed quote, said the minister.'],
         ["state_media", "think_tank", "think_tank"])  # an empty article, and no step left out
def test_compare_finishes_on_odd_text(texts, groups):
    from framing.comparison import compare

    corpus = corpus_of(texts, groups)
    result = compare(corpus, topics=False, n_boot=10)
    assert set(result.tables["articles"]["doc_id"]) == set(corpus.articles["doc_id"])
    failed = result.tables["problems"]
    # a step may be left out (one group, say), or the articles it fails on (an empty article that leaves its
    # group without words), but it says so: one warning per step, one problem row per step or article
    assert len(result.warnings) == len(set(result.warnings))
    steps_out = [w for w in result.warnings if " left out: " in w and not w.startswith("Topics")]
    articles_out = [w for w in result.warnings if "article(s) left out of this measure" in w]
    assert len(failed[failed["problem"] == "step failed"]) == len(steps_out)
    assert len(failed[failed["problem"] == "article left out"]) == sum(int(w.split(": ")[1].split()[0])
                                                                        for w in articles_out)
