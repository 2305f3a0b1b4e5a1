"""Measures over time (framing.trends): tiny literal corpora with hand-computed series, the date-precision
rule, a constructed trend, a property of the intervals, and weekly slogan series of 37,815 real headlines."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import Corpus
from framing.datasets.validation import load_headlines
from framing.sentiment import score_text
from framing.slogans import slogan_rates
from framing.topics import TopicResult
from framing.over_time import TREND_COLUMNS, period_starts, trends

NO_MIN = {"min_docs": 2, "min_words": 0}  # intervals for tiny cells, where a test needs them
T = pd.Timestamp


def cell(table, group, period, feature) -> pd.Series:
    rows = table[(table["group"] == group) & (table["period"] == T(period)) & (table["feature"] == feature)]
    assert len(rows) == 1, (group, period, feature, len(rows))
    return rows.iloc[0]


# ---------------------------------------------------------------- slogans, weeks and months

SLOGAN_ROWS = [  # 2025-06-02 is a Monday: weeks run Monday to Sunday
    {"text": "They praised win-win cooperation and mutual respect.", "source_type": "state_media",
     "published": "2025-06-02"},                                           # 7 words: win_win 1, mutual_respect 1
    {"text": "Win-win cooperation was the word.", "source_type": "state_media", "published": "2025-06-08"},  # 5, Sun
    {"text": "Talks went on today.", "source_type": "state_media", "published": "2025-06-16"},            # 4 words
    {"text": "Talks went on today.", "source_type": "newspaper", "published": "2025-06-03"},              # 4 words
]


def test_weekly_slogan_rates_counts_and_words_by_hand():
    t = trends(Corpus.from_frame(SLOGAN_ROWS), "slogans", freq="W", n_boot=200)
    assert t.columns.tolist() == TREND_COLUMNS
    first = cell(t, "state_media", "2025-06-02", "win_win")  # Monday 2 and Sunday 8 June: one week
    assert (first["n_docs"], first["n_words"], first["count"]) == (2, 12, 2)
    assert first["value"] == pytest.approx(1000 * 2 / 12)
    assert cell(t, "state_media", "2025-06-02", "mutual_respect")["value"] == pytest.approx(1000 / 12)
    # the week with no document is there, empty; the next week has a document without slogans
    gap = cell(t, "state_media", "2025-06-09", "win_win")
    assert gap["n_docs"] == 0 and np.isnan(gap["value"]) and gap["ci_note"] == "no documents in this period"
    last = cell(t, "state_media", "2025-06-16", "win_win")
    assert (last["n_docs"], last["n_words"], last["value"]) == (1, 4, 0.0)
    assert sorted(t.loc[t["group"] == "newspaper", "period"].unique()) == [T("2025-06-02")]
    # every family of the lexicon in every cell; two documents are too few for an interval by default
    n_families = t["feature"].nunique()
    assert len(t) == n_families * 4 and t["ci_low"].isna().all()
    assert t.attrs["undated"] == 0 and t.attrs["freq"] == "W" and t.attrs["measure"] == "slogans"


def test_monthly_periods_and_their_boundary():
    rows = SLOGAN_ROWS + [{"text": "Win-win cooperation was the word.", "source_type": "state_media",
                           "published": "2025-07-01"}]
    t = trends(Corpus.from_frame(rows), "slogans", freq="M", n_boot=200)
    june = cell(t, "state_media", "2025-06-01", "win_win")
    assert (june["n_docs"], june["n_words"], june["count"]) == (3, 16, 2)
    assert june["value"] == pytest.approx(125.0)
    july = cell(t, "state_media", "2025-07-01", "win_win")
    assert (july["n_docs"], july["value"]) == (1, 200.0)
    # a window of periods: the month that holds its start (a mid-July day) to the one that holds its end
    late = trends(Corpus.from_frame(rows), "slogans", freq="M", start="2025-07-15", end="2025-12-31", n_boot=200)
    assert late["period"].unique().tolist() == [T("2025-07-01")] and late.attrs["outside"] == 4
    # Monday 30 June and Tuesday 1 July: two months, one week
    two = Corpus.from_frame([{"text": "Talks.", "published": "2025-06-30"},
                             {"text": "Talks.", "published": "2025-07-01"}])
    assert period_starts(two.articles["published"], two.articles["published_precision"], "W").tolist() == \
        [T("2025-06-30")] * 2
    assert period_starts(two.articles["published"], two.articles["published_precision"], "M").tolist() == \
        [T("2025-06-01"), T("2025-07-01")]


# ---------------------------------------------------------------- the precision rule

PRECISION_ROWS = [
    {"text": "Win-win cooperation was the word.", "source_type": "state_media", "published": "2025-06"},     # month
    {"text": "Talks went on today.", "source_type": "state_media", "published": "2025-06-20"},              # day
    {"text": "Talks went on today.", "source_type": "state_media", "published": "2025"},                    # year
    {"text": "Talks went on today.", "source_type": "state_media", "published": None},                      # none
]


def test_a_month_counts_in_a_month_and_is_undated_in_weeks():
    corpus = Corpus.from_frame(PRECISION_ROWS)
    with pytest.warns(UserWarning, match=r"2 of 4 documents left out as undated \(1 without a date, 1 dated more"):
        monthly = trends(corpus, "slogans", freq="M", n_boot=200)
    june = cell(monthly, "state_media", "2025-06-01", "win_win")
    assert (june["n_docs"], june["n_words"], june["count"]) == (2, 9, 1)
    assert monthly.attrs["undated"] == 2
    assert monthly.attrs["undated_reasons"] == {"no date": 1, "date coarser than a period": 1}
    assert monthly.attrs["undated_by_group"] == {"state_media": 2}
    with pytest.warns(UserWarning, match="3 of 4 documents left out"):
        weekly = trends(corpus, "slogans", freq="W", n_boot=200)
    # only the day-dated document is in a week (Monday 16 June to Sunday 22 June), and no use of the slogan
    assert weekly["period"].unique().tolist() == [T("2025-06-16")]
    week = cell(weekly, "state_media", "2025-06-16", "win_win")
    assert (week["n_docs"], week["count"]) == (1, 0)
    assert weekly.attrs["undated_reasons"] == {"no date": 1, "date coarser than a period": 2}
    with pytest.warns(UserWarning, match="2 of 4"):
        quarterly = trends(corpus, "slogans", freq="Q", n_boot=200)
    assert cell(quarterly, "state_media", "2025-04-01", "win_win")["n_docs"] == 2
    with pytest.warns(UserWarning, match="1 of 4"):
        yearly = trends(corpus, "slogans", freq="Y", n_boot=200)
    assert cell(yearly, "state_media", "2025-01-01", "win_win")["n_docs"] == 3


def test_a_bad_frequency_says_so():
    with pytest.raises(ValueError, match="not a pandas period frequency"):
        trends(Corpus.from_frame(SLOGAN_ROWS), "slogans", freq="fortnightly")
    with pytest.raises(ValueError, match="measure must be one of"):
        trends(Corpus.from_frame(SLOGAN_ROWS), "slogan")


# ---------------------------------------------------------------- a constructed trend

FILLER = "Officials from both countries met in the capital on Monday to discuss trade and transport links today."
WITH_SLOGAN = ("Officials from both countries met in the capital on Monday and praised win-win cooperation in "
               "transport today.")


def trend_rows() -> list[dict]:
    """Six weeks of ten 17-word articles; from week 3, five of each week's ten use "win-win cooperation" once."""
    rows = []
    for week in range(6):
        monday = T("2025-06-02") + pd.Timedelta(weeks=week)
        for k in range(10):
            uses = week >= 2 and k < 5
            rows.append({"text": WITH_SLOGAN if uses else FILLER, "source_type": "state_media",
                         "published": monday + pd.Timedelta(days=k % 7)})
    return rows


def test_a_slogan_that_appears_in_week_3_at_a_known_rate():
    t = trends(Corpus.from_frame(trend_rows()), "slogans", freq="W", n_boot=1000, **NO_MIN)
    ww = t[t["feature"] == "win_win"].set_index("period")
    assert ww["n_docs"].tolist() == [10] * 6 and ww["n_words"].tolist() == [170] * 6
    assert ww["count"].tolist() == [0, 0, 5, 5, 5, 5]
    assert ww["value"].tolist() == pytest.approx([0, 0] + [1000 * 5 / 170] * 4)
    # before week 3: no use in 170 words, the one-sided exact Poisson bound -ln(0.05) / 170 words
    assert (ww["ci_low"].iloc[:2] == 0).all()
    assert ww["ci_high"].iloc[:2].tolist() == pytest.approx([1000 * -np.log(0.05) / 170] * 2)
    # from week 3: every resample of ten documents has some use unless it draws none of the five
    assert (ww["ci_low"].iloc[2:] > 0).all()
    assert ww.index[ww["value"] > 0].min() == T("2025-06-16")


def test_a_cell_is_the_snapshot_measure_of_that_period():
    rows = trend_rows()
    t = trends(Corpus.from_frame(rows), "slogans", freq="W", n_boot=500, random_state=3, **NO_MIN)
    week3 = Corpus.from_frame([r for r in rows if T("2025-06-16") <= r["published"] < T("2025-06-23")])
    snap = slogan_rates(week3, n_boot=500, random_state=3, **NO_MIN).set_index("feature")
    mine = t[t["period"] == T("2025-06-16")].set_index("feature")
    for col, snap_col in (("value", "per_1k"), ("ci_low", "ci_low"), ("ci_high", "ci_high"), ("count", "count"),
                          ("n_words", "n_words"), ("n_docs", "n_docs"), ("ci_note", "ci_note")):
        assert mine[col].tolist() == snap.loc[mine.index, snap_col].tolist(), col


# ---------------------------------------------------------------- the other measures

FRAME_ROWS = [
    {"text": "A debt trap? No: win-win cooperation and mutual trust.", "published": "2025-06-02"},   # partnership 2/3
    {"text": "Win-win cooperation, they say; critics see a debt trap.", "published": "2025-06-03"},  # a tie: mixed
    {"text": "Talks went on today.", "published": "2025-06-04"},                                   # no frame: none
]


def test_frame_shares_of_dominant_frames_and_mean_scores():
    corpus = Corpus.from_frame([{**r, "source_type": "state_media"} for r in FRAME_ROWS])
    t = trends(corpus, "frames", freq="W", n_boot=200).set_index("feature")
    assert t.loc[["partnership_mutual_benefit", "mixed", "none"], "value"].tolist() == pytest.approx([1 / 3] * 3)
    assert t.loc[["partnership_mutual_benefit", "mixed", "none"], "count"].tolist() == [1, 1, 1]
    assert t["value"].sum() == pytest.approx(1.0) and (t["n_docs"] == 3).all()
    scores = trends(corpus, "frames", freq="W", statistic="score", n_boot=200).set_index("feature")
    assert scores.loc["partnership_mutual_benefit", "value"] == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)
    assert scores.loc["dependency_risk", "value"] == pytest.approx((1 / 3 + 1 / 2 + 0) / 3)
    assert "mixed" not in scores.index


def test_sentiment_overall_is_the_mean_of_article_means_and_toward_an_actor_of_its_sentences():
    rows = [{"text": "China welcomed the good deal. Talks went on today.", "published": "2025-06-02"},
            {"text": "Officials praised China.", "published": "2025-06-03"},
            {"text": "Great progress. Terrible delays.", "published": "2025-06-04"}]
    t = trends(Corpus.from_frame(rows), "sentiment", by="kind", freq="W", n_boot=200).set_index("feature")
    c = {s: score_text(s)["compound"] for s in ("China welcomed the good deal.", "Talks went on today.",
                                                 "Officials praised China.", "Great progress.", "Terrible delays.")}
    # VADER: 0.6486, 0.0, 0.4939, 0.7845, -0.4767
    doc_means = [(c["China welcomed the good deal."] + c["Talks went on today."]) / 2, c["Officials praised China."],
                 (c["Great progress."] + c["Terrible delays."]) / 2]
    assert t.loc["overall", "value"] == pytest.approx(np.mean(doc_means))
    assert (t.loc["overall", "n_docs"], t.loc["overall", "count"]) == (3, 3)
    china = t.loc["china"]
    assert china["value"] == pytest.approx((c["China welcomed the good deal."] + c["Officials praised China."]) / 2)
    assert (china["n_docs"], china["count"], china["label"]) == (2, 2, "China")
    assert trends(Corpus.from_frame(rows), "sentiment", freq="W", actors=False, n_boot=200)["feature"].tolist() == \
        ["overall"]


def test_voice_shares_per_period():
    rows = [{"text": '"We are ready," said Lin Bo, a spokesperson for the ministry.', "published": "2025-06-02"},
            {"text": '"Prices will rise," said Anna Weber, an economist at Nazarbayev University.',
             "published": "2025-06-03"},
            {"text": '"Trade is growing," said Lin Bo, a spokesperson for the ministry. '
                     '"We are pleased," Lin Bo added.', "published": "2025-06-04"},
            {"text": "Talks went on today.", "published": "2025-06-05"}]
    corpus = Corpus.from_frame(rows)
    speakers = trends(corpus, "voices", by="kind", freq="W", n_boot=200).set_index("feature")
    # distinct speakers per article: Lin Bo, Anna Weber, Lin Bo; the article without a voice is not counted
    types = ["government_official", "independent_expert"]
    assert speakers.loc[types, "value"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert speakers.loc[types, "count"].tolist() == [2, 1]
    assert (speakers["n_docs"] == 3).all()
    quoted = trends(corpus, "voices", by="kind", freq="W", unit="quotes", n_boot=200).set_index("feature")
    assert quoted.loc[types, "value"].tolist() == pytest.approx([3 / 4, 1 / 4])


def test_topic_shares_of_paragraphs():
    corpus = Corpus.from_frame([{"text": "Rail talks.\n\nWater talks.", "published": "2025-06-02"},
                                {"text": "Rail talks.", "published": "2025-06-03"},
                                {"text": "Water again.", "published": "2025-06-09"}])
    fitted = TopicResult(
        topic_info=pd.DataFrame({"topic": [0, 1], "size": [2, 2], "label": ["0_rail", "1_water"],
                                 "terms": ["rail", "water"], "weights": ["1", "1"]}),
        assignments=pd.DataFrame({"doc_id": ["doc#1", "doc#1", "doc#2", "doc#3"], "para_id": [1, 2, 1, 1],
                                  "topic": [0, 1, 0, 1], "topic_label": ["0_rail", "1_water", "0_rail", "1_water"],
                                  "probability": [1.0] * 4}),
        representative=pd.DataFrame(), params={})
    t = trends(corpus, "topics", by="kind", freq="W", topics=fitted, n_boot=200)
    first = t[t["period"] == T("2025-06-02")].set_index("feature")
    assert first["value"].tolist() == pytest.approx([2 / 3, 1 / 3]) and first["count"].tolist() == [2, 1]
    assert first["label"].tolist() == ["0_rail", "1_water"] and (first["n_docs"] == 2).all()
    assert t[t["period"] == T("2025-06-09")]["value"].tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match="needs topics="):
        trends(corpus, "topics")


def test_collapse_counts_a_syndicated_story_once_under_its_originator():
    story = "Freight volumes at the dry port rose by a third this spring. Crews now work around the clock."
    corpus = Corpus.from_frame([
        {"text": story, "publisher": "Xinhua", "source_type": "state_media", "published": "2025-06-02"},
        {"text": story, "publisher": "The Star", "original_source": "Xinhua", "published": "2025-06-03"}])
    plain = trends(corpus, "slogans", by="publisher", n_boot=200)
    assert plain.groupby("group")["n_docs"].first().to_dict() == {"The Star": 1, "Xinhua": 1}
    collapsed = trends(corpus, "slogans", by="publisher", dedupe="collapse", n_boot=200)
    assert collapsed.groupby("group")["n_docs"].first().to_dict() == {"Xinhua": 1}
    assert collapsed.attrs["dedupe"] == "collapse"


def test_trends_is_in_the_flat_api():
    assert framing.trends is trends and "trends" in framing.__all__


# ---------------------------------------------------------------- a property of the intervals

SENTENCES = ["Win-win cooperation is one aim.", "They spoke of win-win results.", "A win-win outcome was promised."]


@st.composite
def dated_corpora(draw):
    n = draw(st.integers(2, 14))
    rows = []
    for _ in range(n):
        uses = draw(st.integers(0, 3))
        filler = " ".join(["officials"] * draw(st.integers(1, 25)))
        rows.append({"text": " ".join(SENTENCES[:uses] + [filler + "."]),
                     "source_type": draw(st.sampled_from(["state_media", "newspaper"])),
                     "published": T("2025-06-02") + pd.Timedelta(days=draw(st.integers(0, 20)))})
    return Corpus.from_frame(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=dated_corpora(), seed=st.integers(0, 1000))
def test_every_interval_contains_its_estimate(corpus, seed):
    t = trends(corpus, "slogans", freq="W", n_boot=200, random_state=seed, **NO_MIN)
    has = t["ci_low"].notna()
    assert (t.loc[has, "ci_low"] <= t.loc[has, "value"] + 1e-12).all()
    assert (t.loc[has, "value"] <= t.loc[has, "ci_high"] + 1e-12).all()
    # and a cell of two or more documents always gets one (the thresholds lowered)
    assert has[t["n_docs"] >= 2].all()


# ---------------------------------------------------------------- 37,815 real headlines

HEADLINES = ("validation", "headlines", "state_media_vs_bbc_2022.csv")
# headlines per outlet in the two weeks, as raw_weeks() counts them in the raw file (the BBC's are from other months)
EXPECTED_DOCS = {"2022-03-21": {"Xinhua": 372, "CGTN": 465, "BBC": 0},
                 "2022-05-30": {"Xinhua": 386, "CGTN": 503, "BBC": 0}}
WIN_WIN = re.compile(r"\bwin[\s\-\u2010\u2011\u2013\u2014]?win\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def weekly_headlines():
    corpus = load_headlines(shared_path(*HEADLINES))
    return trends(corpus, "slogans", by="publisher", freq="W", voice="all", n_boot=200)


def raw_weeks() -> pd.DataFrame:
    """The raw CSV with the Monday of each headline's week for three outlets, read here with pandas alone."""
    raw = pd.read_csv(shared_path(*HEADLINES), dtype=str, keep_default_na=False)
    formats = {"xinhuanet": ("Xinhua", r"^(\d{4}-\d{2}-\d{2}) ", "%Y-%m-%d"),         # 2022-04-02 23:59:03
               "bbc": ("BBC", r"^(\d{4}-\d{2}-\d{2})T", "%Y-%m-%d"),                 # 2022-08-05T00:27:34.000Z
               "cgtn": ("CGTN", r"^\d{2}:\d{2}, (\d{2}-\w{3}-\d{4})$", "%d-%b-%Y")}  # 12:31, 26-Feb-2022
    parts = []
    for key, (name, pattern, fmt) in formats.items():
        sub = raw[raw["outlet"] == key].copy()
        day = pd.to_datetime(sub["timestamp_raw"].str.extract(pattern)[0], format=fmt)
        assert day.notna().all(), key
        sub["outlet_name"] = name
        sub["monday"] = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
        parts.append(sub)
    return pd.concat(parts)


@pytest.mark.parametrize("week", ["2022-03-21", "2022-05-30"])
def test_weekly_headline_series_match_a_count_from_the_raw_file(weekly_headlines, week):
    t = weekly_headlines
    assert set(t["group"]) == {"BBC", "CGTN", "China Daily", "Global Times", "Xinhua"}
    assert t.attrs["undated"] == 0
    raw = raw_weeks()
    in_week = raw[raw["monday"] == T(week)]
    for outlet in ("Xinhua", "CGTN", "BBC"):
        mine = cell(t, outlet, week, "win_win")
        theirs = in_week[in_week["outlet_name"] == outlet]
        assert mine["n_docs"] == len(theirs) == EXPECTED_DOCS[week][outlet], outlet
        assert mine["count"] == theirs["headline"].str.count(WIN_WIN).sum(), outlet
        if len(theirs):
            assert mine["value"] == pytest.approx(1000 * mine["count"] / mine["n_words"])
    assert cell(t, "Xinhua", week, "win_win")["count"] == 2  # the two weeks chosen: Xinhua's most win-win


# ---------------------------------------------------------------- outlet-clustered intervals

def _outlet_rows(n_outlets: int) -> list[dict]:
    """Six articles in one week of one source type, spread over ``n_outlets`` publishers."""
    texts = ["They praised win-win cooperation today.", "Talks went on today in the capital.",
             "Win-win cooperation and mutual respect.", "Officials met again on Tuesday.",
             "A win-win deal was signed.", "Markets were calm on Friday."]
    return [{"text": t, "source_type": "state_media", "publisher": f"Outlet {i % n_outlets}",
             "published": "2025-06-03"} for i, t in enumerate(texts)]


def test_coarse_groups_get_outlet_clustered_intervals_and_none_below_three_outlets():
    three = trends(Corpus.from_frame(_outlet_rows(3)), "slogans", freq="W", n_boot=200, **NO_MIN)
    c = cell(three, "state_media", "2025-06-02", "win_win")
    assert three.attrs["ci_method"] == "outlet" and c["ci_method"] == "outlet"
    assert c["value"] == pytest.approx(1000 * 3 / 32)  # 3 uses in 5 + 6 + 5 + 5 + 5 + 5 words
    assert c["ci_low"] <= c["value"] <= c["ci_high"] and c["ci_note"] == ""
    two = trends(Corpus.from_frame(_outlet_rows(2)), "slogans", freq="W", n_boot=200, **NO_MIN)
    c2 = cell(two, "state_media", "2025-06-02", "win_win")
    assert np.isnan(c2["ci_low"]) and "too few outlets (2 < 3)" in c2["ci_note"]
    doc = trends(Corpus.from_frame(_outlet_rows(2)), "slogans", freq="W", n_boot=200, ci_method="document",
                 **NO_MIN)
    c3 = cell(doc, "state_media", "2025-06-02", "win_win")
    assert c3["ci_method"] == "document" and c3["ci_low"] < c3["value"] < c3["ci_high"]
    # by the outlet itself, documents are resampled
    assert trends(Corpus.from_frame(_outlet_rows(3)), "slogans", by="publisher", freq="W",
                  n_boot=50).attrs["ci_method"] == "document"


# ---------------------------------------------------------------- in compare, the report and the CLI

def test_compare_report_and_cli_add_the_measures_over_time(tmp_path, capsys):
    from framing.cli import main
    from framing.datasets.synthetic import make_articles_table
    from framing.report import write_report

    corpus = Corpus.from_frame(make_articles_table(80))
    r = framing.compare(corpus, topics=False, freq="M", n_boot=50)
    for m in ("slogans", "frames", "sentiment", "voices"):
        assert r.tables[f"trends_{m}"].columns.tolist() == TREND_COLUMNS, m
    assert "trends_topics" not in r.tables and r.params["freq"] == "M"
    direct = trends(r.corpus, "slogans", by="source_type", freq="M", n_boot=50, random_state=0,
                    ci_method=r.params["ci_method"], min_docs=r.params["min_docs"], min_words=r.params["min_words"])
    pd.testing.assert_frame_equal(r.tables["trends_slogans"], direct)
    assert "trends_slogans" not in framing.compare(corpus, topics=False, n_boot=20).tables  # only when asked
    paths = write_report(r, tmp_path / "out")
    written = pd.read_csv(paths["tables"]["trends_slogans"])
    assert len(written) == len(direct) and written["period"].str.fullmatch(r"\d{4}-\d{2}-01").all()
    assert {"trend_slogans", "trend_frames", "trend_sentiment"} <= set(paths["figures"])
    assert 'id="over_time"' in paths["report"].read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["analyze", str(tmp_path), "--out", str(tmp_path / "x"), "--by-time", "fortnight"])
    assert "--by-time 'fortnight': a pandas period frequency" in capsys.readouterr().err
