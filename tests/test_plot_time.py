"""framing.plot.trend and framing.plot.slogan_timeline: a line and a band per group, events as labelled lines,
one row per slogan family, and clear errors for tables they cannot draw."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection, PolyCollection  # noqa: E402

from framing import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _trends(periods) -> pd.DataFrame:
    # framing.trends columns, one feature: state_media over three periods, think_tank over two (no interval
    # in its first: too few documents)
    rows = []
    for g, values, lows, highs in (("state_media", [1.0, 3.0, 2.0], [0.5, 2.0, 1.0], [1.5, 4.0, 3.0]),
                                   ("think_tank", [0.5, 0.6], [np.nan, 0.2], [np.nan, 1.0])):
        for p, v, lo, hi in zip(periods, values, lows, highs):
            rows.append({"group": g, "period": p, "feature": "mutual_respect", "value": v, "ci_low": lo,
                         "ci_high": hi, "n_docs": 4, "n_words": 400})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("periods", [
    list(pd.period_range("2025-05", periods=3, freq="M")),  # pandas Periods
    list(pd.date_range("2025-05-01", periods=3, freq="MS")),  # Timestamps
    ["2025-05-01", "2025-06-01", "2025-07-01"],  # text
], ids=["period", "timestamp", "text"])
def test_trend_draws_a_line_and_a_band_per_group_at_its_dates(periods):
    ax = plot.trend(_trends(periods))
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [line.get_label() for line in ax.lines] == ["state_media", "think_tank"]
    xs = [mdates.num2date(x).strftime("%Y-%m-%d") for x in ax.lines[0].get_xdata(orig=False)]
    assert xs == ["2025-05-01", "2025-06-01", "2025-07-01"]  # a Period is drawn at its first day
    assert ax.lines[1].get_ydata().tolist() == [0.5, 0.6]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    # state_media's band spans its three periods from 0.5 to 4.0; think_tank has one interval, with no
    # other beside it: a vertical bar from 0.2 to 1.0
    assert len(bands) == 1
    ys = bands[0].get_paths()[0].vertices[:, 1]
    assert ys.min() == 0.5 and ys.max() == 4.0
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(bars) == 1 and [s[:, 1].tolist() for s in bars[0].get_segments()] == [[0.2, 1.0]]
    assert ax.get_ylabel() == "mutual_respect"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["state_media", "think_tank"]
    assert ax.lines[0].get_color().upper() == plot.SOURCE_TYPE_COLORS["state_media"]


def test_trend_marks_events_with_a_labelled_vertical_line():
    data = _trends(list(pd.period_range("2025-05", periods=3, freq="M")))
    ax = plot.trend(data, events={"2025-06-17": "Astana summit", "2025-05-20": "Forum"})
    assert len(ax.lines) == 4  # two groups, two events
    event_x = sorted(mdates.num2date(line.get_xdata(orig=False)[0]).strftime("%Y-%m-%d") for line in ax.lines[2:])
    assert event_x == ["2025-05-20", "2025-06-17"]
    assert sorted(t.get_text().strip() for t in ax.texts) == ["Astana summit", "Forum"]
    with pytest.raises(ValueError, match="events key 'summit day' is not a date"):
        plot.trend(data, events={"summit day": "Astana summit"})


def test_trend_without_hue_or_interval_and_into_a_given_axes():
    data = _trends(list(pd.period_range("2025-05", periods=3, freq="M")))
    one = data[data["group"] == "state_media"]
    _, given = plt.subplots()
    ax = plot.trend(one, hue=None, ci=None, ax=given)
    assert ax is given and len(ax.lines) == 1 and not ax.collections and ax.get_legend() is None


def test_trend_says_what_it_cannot_draw():
    data = _trends(list(pd.period_range("2025-05", periods=3, freq="M")))
    several = pd.concat([data, data.assign(feature="win_win")])
    with pytest.raises(ValueError, match=r"2 features \('mutual_respect', 'win_win'\); draw one at a time"):
        plot.trend(several)
    with pytest.raises(KeyError, match="trend: data has no column 'ci_low'"):
        plot.trend(data.drop(columns="ci_low"))
    with pytest.raises(ValueError, match="rows share a period and group"):
        plot.trend(pd.concat([data, data]).assign(feature="mutual_respect"))
    with pytest.raises(ValueError, match="column 'period' holds values that are not dates"):
        plot.trend(data.assign(period="week three"))
    with pytest.raises(ValueError, match="nothing to draw"):
        plot.trend(data.iloc[:0])


@pytest.fixture
def lifecycle():
    # slogan_lifecycle columns: win_win used first (1 June), mutual_respect from 3 June; think_tank never
    # used win_win
    rows = [
        ("mutual_respect", "Mutual respect", "state_media", "2025-06-03", "2025-06-20"),
        ("mutual_respect", "Mutual respect", "think_tank", "2025-06-10", "2025-06-10"),
        ("win_win", "Win-win", "state_media", "2025-06-01", "2025-06-12"),
        ("win_win", "Win-win", "newspaper", "2025-06-04", "2025-06-30"),
        ("win_win", "Win-win", "think_tank", None, None),
    ]
    df = pd.DataFrame(rows, columns=["family", "label", "group", "first_use", "last_use"])
    df["first_use"] = pd.to_datetime(df["first_use"])
    df["last_use"] = pd.to_datetime(df["last_use"])
    df.attrs["by"] = "source_type"
    return df


def test_slogan_timeline_has_a_row_per_family_and_a_dot_and_line_per_group(lifecycle):
    ax = plot.slogan_timeline(lifecycle)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Win-win", "Mutual respect"]  # by first use
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    spans = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(dots) == len(spans) == 3  # state_media, newspaper, think_tank
    assert sum(len(c.get_offsets()) for c in dots) == 4  # the never-used row draws nothing
    by_group = {c.get_label(): c for c in dots}
    first = sorted(mdates.num2date(x).strftime("%m-%d") for x, _ in by_group["state_media"].get_offsets())
    assert first == ["06-01", "06-03"]
    segs = spans[0].get_segments()  # state_media: first to last use
    ends = sorted((mdates.num2date(s[0][0]).strftime("%m-%d"), mdates.num2date(s[1][0]).strftime("%m-%d"))
                  for s in segs)
    assert ends == [("06-01", "06-12"), ("06-03", "06-20")]
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "source_type"
    assert [t.get_text() for t in legend.get_texts()] == ["state_media", "newspaper", "think_tank"]


def test_slogan_timeline_says_what_it_cannot_draw(lifecycle):
    with pytest.raises(KeyError, match="slogan_timeline: data has no column 'first_use'"):
        plot.slogan_timeline(lifecycle.drop(columns="first_use"))
    with pytest.raises(ValueError, match="no family was used in a dated article"):
        plot.slogan_timeline(lifecycle.assign(first_use=pd.NaT))


def test_slogan_timeline_draws_slogan_lifecycle_output():
    from framing import Corpus
    from framing.slogans import slogan_lifecycle

    c = Corpus.from_frame([
        {"text": "The agency hailed win-win cooperation in energy.", "source_type": "state_media",
         "published": "2025-03-01"},
        {"text": "Mutual respect and win-win cooperation were the themes.", "source_type": "think_tank",
         "published": "2025-03-11"}])
    ax = plot.slogan_timeline(slogan_lifecycle(c, reuse=False))
    assert len(ax.get_yticklabels()) == 2 and len([c for c in ax.collections if isinstance(c, PathCollection)]) == 2
