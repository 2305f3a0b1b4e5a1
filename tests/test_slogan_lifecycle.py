"""framing.slogans.slogan_lifecycle: first and last use, peak period, lag after the originator and syndicated
uses, by family and group, on sentences we wrote with dates and counts worked out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing.published import published_text
from framing.slogans import copied_articles, slogan_lifecycle, slogan_matches

RESPECT_AND_WIN = ("Officials pledged mutual respect at the border talks. "
                   "The partners praised win-win cooperation in trade.")
ENVOY = "The envoy spoke warmly of mutual respect between the two nations."


@pytest.fixture(scope="module")
def corpus():
    # mutual_respect: state_media 06-02, 06-20; newspaper 06-05 (a credited reprint of doc#1), 06-22 (an
    # uncredited reprint of doc#2), and one undated; think_tank 06-15 and "2025-07" (known to the month).
    # win_win: state_media 06-02, newspaper 06-05 (the reprint of doc#1).
    rows = [
        {"text": RESPECT_AND_WIN, "publisher": "Xinhua", "original_source": "Xinhua", "source_type": "state_media",
         "published": "2025-06-02"},
        {"text": ENVOY, "publisher": "Xinhua", "original_source": "Xinhua", "source_type": "state_media",
         "published": "2025-06-20"},
        {"text": RESPECT_AND_WIN, "publisher": "The Star", "original_source": "Xinhua", "source_type": "newspaper",
         "published": "2025-06-05"},
        {"text": "Analysts argue that mutual respect is a slogan with a long history in the region.",
         "publisher": "Kestrel", "source_type": "think_tank", "published": "2025-06-15"},
        {"text": "Mutual respect remained the watchword of the long summer of talks.", "publisher": "Kestrel",
         "source_type": "think_tank", "published": "2025-07", "published_precision": "month"},
        {"text": "Mutual respect was mentioned once by the visiting minister.", "publisher": "Daily Planet",
         "source_type": "newspaper", "published": None},
        {"text": ENVOY, "publisher": "Daily Planet", "source_type": "newspaper", "published": "2025-06-22"},
    ]
    return Corpus.from_frame(rows)


def _row(table, family, group) -> dict:
    hit = table[(table["family"] == family) & (table["group"] == group)]
    assert len(hit) == 1, (family, group)
    return hit.iloc[0].to_dict()


def test_first_last_peak_lag_and_copies_by_hand(corpus):
    life = slogan_lifecycle(corpus, freq="M")
    assert set(life["family"]) == {"mutual_respect", "win_win"}
    assert set(life["group"]) == {"state_media", "newspaper", "think_tank"}
    sm = _row(life, "mutual_respect", "state_media")
    assert (sm["n_uses"], sm["n_docs"], sm["n_syndicated"], sm["n_own"]) == (2, 2, 0, 2)
    assert (sm["first_use"], sm["last_use"]) == (pd.Timestamp("2025-06-02"), pd.Timestamp("2025-06-20"))
    assert sm["peak_period"] == pd.Period("2025-06", "M") and sm["peak_uses"] == 2
    assert np.isnan(sm["lag_days"])  # the originator itself
    news = _row(life, "mutual_respect", "newspaper")
    # the undated article is left out; both dated ones are copies: by provenance, and by reuse (a later
    # article with the same words as doc#2, no credit)
    assert (news["n_uses"], news["n_docs"], news["n_syndicated"], news["n_own"]) == (2, 2, 2, 0)
    assert (news["first_use"], news["last_use"]) == (pd.Timestamp("2025-06-05"), pd.Timestamp("2025-06-22"))
    assert news["lag_days"] == 3.0
    tank = _row(life, "mutual_respect", "think_tank")
    # "2025-07" counts as 1 July; June and July have one use each: the earlier period is the peak
    assert (tank["first_use"], tank["last_use"]) == (pd.Timestamp("2025-06-15"), pd.Timestamp("2025-07-01"))
    assert tank["peak_period"] == pd.Period("2025-06", "M") and tank["peak_uses"] == 1
    assert tank["lag_days"] == 13.0 and (tank["n_syndicated"], tank["n_own"]) == (0, 2)
    win = _row(life, "win_win", "newspaper")
    assert (win["n_uses"], win["n_syndicated"], win["lag_days"]) == (1, 1, 3.0)
    never = _row(life, "win_win", "think_tank")  # a group that never used it: a row with NaN lag
    assert never["n_uses"] == 0 and pd.isna(never["first_use"]) and pd.isna(never["peak_period"])
    assert np.isnan(never["lag_days"]) and never["peak_uses"] == 0
    assert life.attrs["undated"] == 1 and life.attrs["undated_uses"] == 1 and life.attrs["coarse_uses"] == 0
    assert (life["n_syndicated"] + life["n_own"] == life["n_uses"]).all()
    # groups within a family in order of first use, never-used last
    assert life[life["family"] == "win_win"]["group"].tolist() == ["state_media", "newspaper", "think_tank"]


def test_a_month_date_is_not_put_in_a_week(corpus):
    life = slogan_lifecycle(corpus, freq="W")
    tank = _row(life, "mutual_respect", "think_tank")
    # 15 June 2025 is a Sunday: the week 9-15 June; "2025-07" spans five weeks and counts in none
    assert tank["peak_period"] == pd.Period("2025-06-15", "W") and tank["peak_uses"] == 1
    assert tank["last_use"] == pd.Timestamp("2025-07-01")  # first and last use still take its first day
    assert life.attrs["coarse_uses"] == 1 and str(life["peak_period"].dtype) == "period[W-SUN]"


def test_without_reuse_only_credited_reprints_are_copies(corpus):
    life = slogan_lifecycle(corpus, reuse=False)
    news = _row(life, "mutual_respect", "newspaper")
    assert (news["n_syndicated"], news["n_own"]) == (1, 1)
    assert copied_articles(corpus, reuse=False) == {"doc#3"}
    assert copied_articles(corpus) == {"doc#3", "doc#7"}


def test_precomputed_matches_and_stories_give_the_same_table(corpus):
    from framing.reuse import reuse_pairs, syndicated_stories

    pairs = reuse_pairs(corpus)
    a = slogan_lifecycle(corpus, reuse=pairs, matches=slogan_matches(corpus, uncounted=True))
    b = slogan_lifecycle(corpus, reuse=syndicated_stories(corpus, pairs=pairs))
    pd.testing.assert_frame_equal(a, b)
    assert a.columns.tolist() == framing.slogans.LIFECYCLE_COLUMNS


def test_a_group_before_the_originator_has_a_negative_lag():
    c = Corpus.from_frame([
        {"text": "Think tanks wrote of win-win cooperation first.", "source_type": "think_tank",
         "published": "2025-03-01"},
        {"text": "The agency hailed win-win cooperation in energy.", "source_type": "state_media",
         "published": "2025-03-11"}])
    life = slogan_lifecycle(c, reuse=False)
    assert _row(life, "win_win", "think_tank")["lag_days"] == -10.0
    assert life["group"].tolist() == ["think_tank", "state_media"]
    assert np.isnan(slogan_lifecycle(c, reuse=False, originator=None)["lag_days"]).all()


def test_text_dates_give_the_same_table_as_the_corpus_date_column(corpus):
    # the corpus holds datetime64 with published_precision; a plain table of ISO text is read the same way
    arts = corpus.articles.copy()
    assert str(arts["published"].dtype) == "datetime64[ns]"
    arts["published"] = published_text(arts["published"], arts["published_precision"]).to_numpy()
    arts = arts.drop(columns="published_precision")
    as_text = SimpleNamespace(articles=arts)
    a = slogan_lifecycle(corpus, reuse=False)
    b = slogan_lifecycle(as_text, reuse=False, matches=slogan_matches(corpus))
    pd.testing.assert_frame_equal(a, b)


def test_bad_arguments_say_what_to_pass(corpus):
    with pytest.raises(ValueError, match="originator 'state media' is not a source_type.*newspaper"):
        slogan_lifecycle(corpus, originator="state media", reuse=False)
    with pytest.raises(KeyError, match="cannot group by 'party'"):
        slogan_lifecycle(corpus, by="party", reuse=False)
    with pytest.raises(ValueError, match="freq 'fortnight' is not a pandas period frequency"):
        slogan_lifecycle(corpus, freq="fortnight", reuse=False)
    with pytest.raises(ValueError, match="voice must be one of"):
        slogan_lifecycle(corpus, voice="mine", reuse=False)
    arts = pd.DataFrame({"doc_id": ["a"], "source_type": ["state_media"], "published": ["2025-06"],
                         "published_precision": ["week"]})
    with pytest.raises(ValueError, match="'week' is not a precision"):
        slogan_lifecycle(SimpleNamespace(articles=arts), reuse=False, matches=slogan_matches(corpus))


def test_a_corpus_without_dates_has_an_empty_table():
    c = Corpus.from_frame([{"text": "Mutual respect.", "source_type": "state_media"}])
    life = slogan_lifecycle(c, reuse=False)
    assert life.empty and life.columns.tolist() == framing.slogans.LIFECYCLE_COLUMNS
    assert life.attrs["undated"] == 1 and life.attrs["undated_uses"] == 1
