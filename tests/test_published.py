"""``published`` as a real date with its precision: parsed where a corpus is built, written back as given."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from framing import Corpus, read_corpus
from framing.published import dated_articles, published_dates, published_end, published_text
from framing.report import write_csv
from framing.reuse.articles import full_date

STORY = ("Officials from the five Central Asian states and China resumed talks on sharing the water of the "
         "Syr Darya on Monday, the foreign ministry said in a statement issued in Astana.")


def test_from_frame_parses_text_and_datetimes_to_the_first_instant_of_their_period():
    c = Corpus.from_frame([
        {"text": "a", "published": "2025-06-17"},
        {"text": "b", "published": "2025-06"},
        {"text": "c", "published": "2025"},
        {"text": "d", "published": "2025-06-17T23:30:00+05:00"},  # the day as written, not moved to UTC
        {"text": "e", "published": dt.date(2024, 2, 29)},
        {"text": "f", "published": pd.Timestamp("2024-03-01 10:31")},
        {"text": "g", "published": None},
        {"text": "h", "published": ""},
        {"text": "i", "published": "June 22, 2025"},
    ])
    a = c.articles
    assert str(a["published"].dtype) == "datetime64[ns]"
    assert a["published_precision"].tolist() == ["day", "month", "year", "day", "day", "day", pd.NA, pd.NA, "day"]
    assert published_text(a["published"], a["published_precision"]).tolist() == [
        "2025-06-17", "2025-06", "2025", "2025-06-17", "2024-02-29", "2024-03-01", None, None, "2025-06-22"]
    # each date is the first instant of its period: a month its 1st, a time of day dropped
    assert a["published"].iloc[[1, 2, 5]].tolist() == [pd.Timestamp("2025-06-01"), pd.Timestamp("2025-01-01"),
                                                      pd.Timestamp("2024-03-01")]


def test_a_given_precision_moves_the_date_to_its_period_start():
    c = Corpus.from_frame(pd.DataFrame({"text": ["a", "b"], "published": pd.to_datetime(["2025-06-17", "2025-06-17"]),
                                        "published_precision": ["month", None]}))
    a = c.articles
    assert a["published"].tolist() == [pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-17")]
    assert a["published_precision"].tolist() == ["month", "day"]


def test_a_value_that_is_no_date_names_the_column_value_and_row():
    with pytest.raises(ValueError, match=r"column 'published', row 2 \(doc_id 'b'\): 'next week' is not a date"):
        Corpus.from_frame([{"id": "a", "text": "x", "published": "2025-06-01"},
                           {"id": "b", "text": "y", "published": "next week"}], doc_id="id")
    with pytest.raises(ValueError, match=r"row 1: '2025-02-30' is not a date \(no such day\)"):
        published_dates(["2025-02-30"])
    with pytest.raises(ValueError, match=r"column 'published_precision', row 1: 'week' is not a precision"):
        published_dates(["2025-06-01"], ["week"])


def test_text_at_precision_and_the_end_of_each_span():
    d, p = published_dates(["2025-06-17", "2025-06", "2024", None])
    assert published_text(d, p).tolist() == ["2025-06-17", "2025-06", "2024", None]
    assert published_end(d, p).tolist()[:3] == [pd.Timestamp("2025-06-18"), pd.Timestamp("2025-07-01"),
                                                pd.Timestamp("2025-01-01")]
    assert pd.isna(published_end(d, p).iloc[3])


def test_a_saved_corpus_with_text_dates_loads_with_dates(tmp_path):
    c = Corpus.from_frame([{"text": "a", "published": "2025-06"}])
    c.save(tmp_path / "c")
    assert Corpus.load(tmp_path / "c").articles["published"].tolist() == [pd.Timestamp("2025-06-01")]
    # a corpus saved before dates were dates: text in the Parquet file
    old = c.articles.assign(published="2025-06", published_precision=None)
    assert dated_articles(old)["published_precision"].tolist() == ["month"]


def test_csv_tables_show_the_date_as_precisely_as_it_was_given(tmp_path):
    c = Corpus.from_frame([{"text": "a", "published": "2025-06"}, {"text": "b", "published": "2025-06-17"},
                           {"text": "c"}])
    path = write_csv(c.articles[["doc_id", "published", "published_precision"]], tmp_path / "a.csv")
    assert path.read_text().splitlines() == ["doc_id,published,published_precision", "doc#1,2025-06,month",
                                             "doc#2,2025-06-17,day", "doc#3,,"]


def test_read_corpus_leaves_a_bad_sidecar_date_undated_with_a_problem(tmp_path):
    (tmp_path / "a.txt").write_text("Water talks resume\n\n" + STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Water talks resume\n\n" + STORY, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,published\na.txt,soon after the summit\nb.txt,1985-06\n")
    corpus = read_corpus(tmp_path)
    a = corpus.articles.set_index("source_file")
    assert pd.isna(a.loc["a.txt", "published"]) and pd.isna(a.loc["a.txt", "published_precision"])
    # an ISO date outside the years a page's own date is looked for in is still a date
    assert (a.loc["b.txt", "published"], a.loc["b.txt", "published_precision"]) == (pd.Timestamp("1985-06-01"),
                                                                                      "month")
    bad = corpus.problems[corpus.problems["problem"] == "bad date"]
    assert bad["message"].str.contains("a.txt").all() and bad["message"].str.contains("'soon after the summit'").all()
    assert len(bad) == 1


def test_full_date_is_a_day_only_for_day_precision():
    assert full_date(pd.Timestamp("2025-06-01"), "month") is None
    assert full_date(pd.Timestamp("2025-06-01"), "day") == pd.Timestamp("2025-06-01")
    assert full_date(pd.NaT, None) is None
    assert full_date("2025-06") is None and full_date("2025-06-17") == pd.Timestamp("2025-06-17")


def test_a_labelled_date_in_a_named_column_is_read_and_two_dates_are_not():
    dates, precision = published_dates(["Updated: 2022-03-07 17:49", "Published: Mar 12, 2022 10:35 PM",
                                        "16:35, 05-May-2022"])
    assert dates.dt.strftime("%Y-%m-%d").tolist() == ["2022-03-07", "2022-03-12", "2022-05-05"]
    assert precision.tolist() == ["day"] * 3
    with pytest.raises(ValueError, match="'from 2022-03-07 to 2022-03-09' is not a date"):
        published_dates(["from 2022-03-07 to 2022-03-09"])
