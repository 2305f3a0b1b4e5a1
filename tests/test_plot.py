"""framing.plot: each figure draws what its table holds, into a given Axes, and names a missing column;
figures fit a 7-inch column at 8 pt and up, nothing is cut off, and groups keep one colour-blind-safe colour."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from framing import plot  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _segments(ax) -> int:
    """Number of CI line segments drawn with hlines (LineCollections)."""
    from matplotlib.collections import LineCollection

    return sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))


# ---------------------------------------------------------------- tables as framing returns them

@pytest.fixture
def by_group():
    # TopicResult.by_group columns; topic 2 varies most between groups, then 0, then 1, then 3
    shares = {("A", 0): 0.5, ("B", 0): 0.2, ("C", 0): 0.3, ("A", 1): 0.3, ("B", 1): 0.3, ("C", 1): 0.2,
              ("A", 2): 0.0, ("B", 2): 0.5, ("C", 2): 0.4, ("A", 3): 0.2, ("B", 3): 0.0, ("C", 3): 0.1}
    rows = [{"group": g, "topic": t, "topic_label": f"{t}: term{t}a, term{t}b, a rather long third term {t}",
             "n_paragraphs": 1, "group_paragraphs": 10, "share": s, "ci_low": s / 2, "ci_high": s * 1.5,
             "n_docs": 5, "by": "source_type"} for (g, t), s in shares.items()]
    return pd.DataFrame(rows)


@pytest.fixture
def topic_info():
    return pd.DataFrame({"topic": [-1, 0, 1, 2], "size": [4, 30, 20, 10],
                         "label": ["outliers", "0: gas, pipeline, energy", "1: rail, freight, corridor",
                                   "2: students, workshops, luban"],
                         "terms": ["x, y", "gas, pipeline, energy, turkmenistan", "rail, freight, corridor",
                                   "students, workshops, luban, universities, exchanges"],
                         "weights": ["0.1, 0.05", "0.30, 0.20, 0.10, 0.05", "0.25, 0.15, 0.10",
                                     "0.40, 0.30, 0.20, 0.10, 0.05"]})


@pytest.fixture
def rates():
    # slogan_rates columns; family "c" has no match in any group and is left out
    rows = []
    for g, n_words in (("state_media", 2000), ("think_tank", 4000)):
        for fam, label, count in (("a", "Mutual respect", 4 if g == "state_media" else 1),
                                  ("b", "Win-win", 0 if g == "state_media" else 2), ("c", "Unused", 0)):
            rows.append({"group": g, "feature": fam, "count": count, "n_words": n_words, "n_docs": 3,
                         "per_1k": 1000 * count / n_words, "ci_low": 0.0, "ci_high": 1.0, "label": label})
    return pd.DataFrame(rows)


@pytest.fixture
def profile():
    # frame_profile columns: 2 groups x 3 frames, one group of one document (NaN interval)
    rows = []
    for g, n in (("state_media", 4), ("think_tank", 1)):
        for k, (frame, label) in enumerate((("connect", "Connectivity"), ("risk", "Dependency and risk"),
                                            ("friend", "Historical friendship"))):
            m = 0.1 * (k + 1) + (0.05 if g == "think_tank" else 0.0)
            rows.append({"group": g, "frame": frame, "label": label, "n_docs": n, "mean_score": m,
                         "ci_low": m - 0.05 if n > 1 else np.nan, "ci_high": m + 0.05 if n > 1 else np.nan,
                         "share_dominant": 0.5, "by": "source_type"})
    return pd.DataFrame(rows)


@pytest.fixture
def actors():
    # actor_sentiment columns: 5 rows, two without an interval
    return pd.DataFrame({"group": ["state_media", "state_media", "think_tank", "think_tank", "newspaper"],
                         "actor": ["china", "united_states", "china", "united_states", "china"],
                         "label": ["China", "United States", "China", "United States", "China"],
                         "n_sentences": [10, 4, 8, 3, 1], "n_docs": [4, 2, 3, 1, 1],
                         "compound": [0.6, -0.2, 0.1, -0.5, 0.3],
                         "ci_low": [0.4, -0.5, -0.1, np.nan, np.nan], "ci_high": [0.8, 0.1, 0.3, np.nan, np.nan]})


# ---------------------------------------------------------------- topic_heatmap

def test_topic_heatmap_draws_every_topic_and_group(by_group):
    ax = plot.topic_heatmap(by_group, top=None)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A (n=5)", "B (n=5)", "C (n=5)"]  # n per group
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    # short labels: the id and the whole terms that fit in 32 characters
    assert ylabels == ["0: term0a, term0b", "1: term1a, term1b", "2: term2a, term2b", "3: term3a, term3b"]
    cells = ax.collections[0].get_array().reshape(4, 3)
    assert cells[2].tolist() == [0.0, 0.5, 0.4]  # topic 2's shares for A, B, C
    texts = np.array([t.get_text() for t in ax.texts]).reshape(4, 3)
    assert texts[0].tolist() == ["50%", "20%", "30%"]  # annotated shares
    assert texts[2, 0] == "" and texts[3, 1] == ""  # a zero share is a blank cell, not "0%"
    assert _png(ax.figure).startswith(PNG)


def test_topic_heatmap_colour_bar_is_in_the_unit_of_the_cells(by_group):
    ax = plot.topic_heatmap(by_group)
    cbar = ax.collections[0].colorbar
    ax.figure.draw_without_rendering()
    ticks = [t.get_text() for t in cbar.ax.get_yticklabels() if t.get_text()]
    assert ticks and all(t.endswith("%") for t in ticks)  # cells say "20%", so does the bar
    assert cbar.ax.get_ylabel() == "share of the group's paragraphs"
    ax = plot.topic_heatmap(by_group, fmt=".2f")
    ax.figure.draw_without_rendering()
    assert not any(t.get_text().endswith("%") for t in ax.collections[0].colorbar.ax.get_yticklabels())


def test_topic_heatmap_top_keeps_topics_that_vary_most(by_group):
    ax = plot.topic_heatmap(by_group, top=2)
    assert [t.get_text()[:2] for t in ax.get_yticklabels()] == ["2:", "0:"]


def test_topic_heatmap_into_given_axes(by_group):
    fig, (left, right) = plt.subplots(1, 2)
    assert plot.topic_heatmap(by_group, ax=right) is right
    assert len(right.get_yticklabels()) == 4 and not left.has_data()


def test_topic_heatmap_names_missing_column(by_group):
    with pytest.raises(KeyError, match="topic_heatmap: data has no column 'share'"):
        plot.topic_heatmap(by_group.drop(columns="share"))


# ---------------------------------------------------------------- topic_terms

def test_topic_terms_grid_has_one_panel_per_topic(topic_info):
    grid = plot.topic_terms(topic_info, n_terms=4)
    import seaborn as sns

    assert isinstance(grid, sns.FacetGrid)
    axes = [ax for ax in grid.axes.flat if ax.has_data()]
    assert len(axes) == 3  # outliers left out
    # titled with the topic's id and the whole terms that fit over the bars
    assert [ax.get_title() for ax in axes] == ["0: gas, pipeline", "1: rail, freight", "2: students, workshops"]
    assert [len(ax.patches) for ax in axes] == [4, 3, 4]
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["gas", "pipeline", "energy", "turkmenistan"]
    assert axes[2].patches[0].get_width() == pytest.approx(0.40)
    assert _png(grid.figure).startswith(PNG)


def test_topic_terms_one_topic_into_given_axes(topic_info):
    fig, ax = plt.subplots()
    assert plot.topic_terms(topic_info, topics=2, ax=ax) is ax
    assert len(ax.patches) == 5 and ax.get_title() == "2: students, workshops, luban"
    with pytest.raises(ValueError, match="ax= draws one topic; got 2"):
        plot.topic_terms(topic_info, topics=[0, 1], ax=ax)
    with pytest.raises(ValueError, match="no topic"):
        plot.topic_terms(topic_info, topics=7)


def test_topic_terms_names_missing_column(topic_info):
    with pytest.raises(KeyError, match="topic_terms: data has no column 'weights'"):
        plot.topic_terms(topic_info.drop(columns="weights"))


# ---------------------------------------------------------------- slogan_heatmap

def test_slogan_heatmap_rates_in_the_unit_of_the_table(rates):
    # regression: the heatmap multiplied per_1k by 10 and said "per 10,000 words" beside a table per 1,000
    ax = plot.slogan_heatmap(rates)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mutual respect", "Win-win"]  # unused left out
    assert [t.get_text() for t in ax.get_xticklabels()] == ["state_media (n=3)", "think_tank (n=3)"]
    # 4 matches in 2,000 words = 2 per 1,000; 2 in 4,000 = 0.5: the table's own numbers
    assert ax.collections[0].get_array().reshape(2, 2).tolist() == [[2.0, 0.25], [0.0, 0.5]]
    assert ax.collections[0].colorbar.ax.get_ylabel() == "per 1,000 words"
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["2.0", "0.2", "", "0.5"]  # the zero cell is blank


def test_slogan_heatmap_reads_the_unit_from_a_per_column_or_attrs(rates):
    per_10k = rates.assign(per_1k=rates["per_1k"] * 10)
    for table in (per_10k.assign(per=10_000), per_10k.assign(per="per 10,000 words")):
        ax = plot.slogan_heatmap(table)
        assert ax.collections[0].get_array().reshape(2, 2).tolist() == [[20.0, 2.5], [0.0, 5.0]]  # not rescaled
        assert ax.collections[0].colorbar.ax.get_ylabel() == "per 10,000 words"
    # slogan_rates(..., per=10_000) names its rate column per_10k
    named = per_10k.rename(columns={"per_1k": "per_10k"})
    for table in (named, named.assign(per=10_000)):
        ax = plot.slogan_heatmap(table)
        assert ax.collections[0].get_array().max() == pytest.approx(20.0)
        assert ax.collections[0].colorbar.ax.get_ylabel() == "per 10,000 words"
    per_10k.attrs["per"] = 10_000
    ax = plot.slogan_heatmap(per_10k)
    assert ax.collections[0].get_array().max() == pytest.approx(20.0)
    assert ax.collections[0].colorbar.ax.get_ylabel() == "per 10,000 words"
    with pytest.raises(ValueError, match="per 1,000, 10,000 words"):
        plot.slogan_heatmap(pd.concat([rates.assign(per=1000), per_10k.assign(per=10_000)]))


def test_slogan_heatmap_rescales_only_when_asked_and_says_so(rates):
    ax = plot.slogan_heatmap(rates, per=10_000)
    assert ax.collections[0].get_array().reshape(2, 2).tolist() == [[20.0, 2.5], [0.0, 5.0]]
    assert ax.collections[0].colorbar.ax.get_ylabel() == "per 10,000 words"
    ax = plot.slogan_heatmap(rates.assign(per=10_000), per=1000)  # 2 per 10,000 words is 0.2 per 1,000
    assert ax.collections[0].get_array().max() == pytest.approx(0.2)


def test_slogan_heatmap_drops_groups_without_slogans_and_names_them(rates):
    silent = pd.DataFrame([{**r, "group": "newsletter", "count": 0, "per_1k": 0.0, "n_docs": 2}
                           for r in rates[rates["group"] == "think_tank"].to_dict("records")])
    tiny = rates.assign(per_1k=np.where(rates["per_1k"] == 0.25, 0.02, rates["per_1k"]))
    ax = plot.slogan_heatmap(pd.concat([tiny, silent]))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["state_media (n=3)", "think_tank (n=3)"]
    assert "not shown, no slogan: newsletter (n=2)" in ax.get_xlabel()
    assert "<0.1" in [t.get_text() for t in ax.texts]  # a rate that rounds to zero is not a blank
    assert "0.0" not in [t.get_text() for t in ax.texts]


def test_slogan_heatmap_into_given_axes_per_1k(rates):
    fig, ax = plt.subplots()
    assert plot.slogan_heatmap(rates, ax=ax, per=1000, drop_empty=False) is ax
    assert len(ax.get_yticklabels()) == 3
    assert ax.collections[0].get_array().max() == pytest.approx(2.0)


def test_slogan_heatmap_names_missing_column(rates):
    with pytest.raises(KeyError, match="'per_1k'"):
        plot.slogan_heatmap(rates.drop(columns="per_1k"))
    with pytest.raises(KeyError, match="'doc_share'"):
        plot.slogan_heatmap(rates, hue="doc_share")


# ---------------------------------------------------------------- frame_profile

def _dots(ax):
    from matplotlib.collections import PathCollection

    return [c for c in ax.collections if isinstance(c, PathCollection)]


def test_frame_profile_dots_and_intervals(profile):
    ax = plot.frame_profile(profile)
    dots = _dots(ax)
    assert [len(c.get_offsets()) for c in dots] == [3, 3]  # one dot per row, one collection per group
    xs = sorted(round(float(x), 3) for c in dots for x in c.get_offsets()[:, 0])
    assert xs == sorted(profile["mean_score"].round(3))
    assert _segments(ax) == 3  # the one-document group has no interval
    # frames ordered by their mean share, largest first
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Historical friendship", "Dependency and risk",
                                                           "Connectivity"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["state_media (n=4)", "think_tank (n=1)"]
    assert ax.get_title(loc="left") == "Frames by source_type"
    assert ax.get_xticks() == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])  # a 0-1 share axis
    assert ax.get_xlim()[0] <= 0 and ax.get_xlim()[1] >= 1
    assert plot.frame_profile(profile, title="").get_title(loc="left") == ""


def test_frame_intervals_cross_no_other_groups_dot(profile):
    # regression: CI lines were drawn across the bars; now each lies on its own group's row only
    ax = plot.frame_profile(profile.assign(ci_low=profile["mean_score"] - 0.05,
                                           ci_high=profile["mean_score"] + 0.05))
    from matplotlib.collections import LineCollection

    dots = {tuple(c.get_facecolor()[0]): c.get_offsets() for c in _dots(ax)}
    for lines in (c for c in ax.collections if isinstance(c, LineCollection)):
        color = tuple(lines.get_color()[0])
        for (x0, y0), (x1, _) in lines.get_segments():
            for other, offsets in dots.items():
                on_row = np.isclose(offsets[:, 1], y0)
                if other == color:
                    assert on_row.sum() == 1 and x0 <= offsets[on_row, 0][0] <= x1
                else:
                    assert not on_row.any()


def test_frame_profile_into_given_axes(profile):
    fig, ax = plt.subplots()
    assert plot.frame_profile(profile[profile["group"] == "state_media"], ax=ax) is ax
    assert sum(len(c.get_offsets()) for c in _dots(ax)) == 3 and _segments(ax) == 3


def test_frame_profile_names_missing_column(profile):
    with pytest.raises(KeyError, match="frame_profile: data has no column 'ci_low'"):
        plot.frame_profile(profile.drop(columns="ci_low"))


# ---------------------------------------------------------------- actor_sentiment

def test_actor_sentiment_dots_and_intervals(actors):
    ax = plot.actor_sentiment(actors)
    dots = _dots(ax)
    assert len(dots) == 3  # one per group
    xs = sorted(x for c in dots for x in c.get_offsets()[:, 0])
    assert xs == sorted(actors["compound"])
    assert _segments(ax) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["China", "United States"]
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"n={v}" for v in actors["n_sentences"])  # n per dot


def test_actor_sentiment_axis_is_fitted_to_the_data_with_0_and_n_inside():
    # regression: the axis was fixed at -1..1 when the data spanned -0.1..0.3
    table = pd.DataFrame({"group": ["state_media", "think_tank", "state_media", "think_tank"],
                          "label": ["China", "China", "Russia", "Russia"], "n_sentences": [120, 8, 15, 2],
                          "compound": [0.2, 0.05, 0.1, 0.3], "ci_low": [-0.1, 0.0, 0.05, np.nan],
                          "ci_high": [0.25, 0.1, 0.15, np.nan]})
    ax = plot.actor_sentiment(table)
    lo, hi = ax.get_xlim()
    assert -0.2 < lo <= -0.1 and 0.3 < hi < 0.7  # fitted, with room for the n labels
    assert all(-1 <= t <= 1 and lo <= t <= hi for t in ax.get_xticks())
    positive = plot.actor_sentiment(table.assign(compound=table["compound"] + 0.3, ci_low=np.nan, ci_high=np.nan))
    assert positive.get_xlim()[0] <= 0  # 0 is always on the axis
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    for t in ax.texts:  # every n inside the axes
        ext = t.get_window_extent(renderer)
        assert box.x0 - 1 <= ext.x0 and ext.x1 <= box.x1 + 1
    assert ax.get_legend().get_window_extent(renderer).x0 >= box.x1  # the legend is outside the data
    assert plot.actor_sentiment(table, xlim=(-1, 1)).get_xlim() == (-1.0, 1.0)


def test_actor_sentiment_into_given_axes(actors):
    fig, ax = plt.subplots()
    assert plot.actor_sentiment(actors, ax=ax, hue=None) is ax
    assert ax.get_legend() is None


def test_actor_sentiment_names_missing_column(actors):
    with pytest.raises(KeyError, match="actor_sentiment: data has no column 'compound'"):
        plot.actor_sentiment(actors.drop(columns="compound"))


def test_data_is_required():
    with pytest.raises(TypeError, match="data="):
        plot.frame_profile()


# ---------------------------------------------------------------- with the real tables

def test_figures_from_the_real_tables(sample_corpus):
    from framing.frames import frame_profile, frame_scores
    from framing.sentiment import actor_sentiment
    from framing.slogans import slogan_rates

    rates = slogan_rates(sample_corpus, n_boot=100)
    ax = plot.slogan_heatmap(rates)
    used = rates.groupby("feature")["count"].sum()
    assert len(ax.get_yticklabels()) == int((used > 0).sum())
    # groups that use no slogan are left out of the heatmap and named under it
    assert len(ax.get_xticklabels()) == int((rates.groupby("group")["count"].sum() > 0).sum())
    prof = frame_profile(frame_scores(sample_corpus), sample_corpus, n_boot=100)
    ax = plot.frame_profile(prof)
    assert sum(len(c.get_offsets()) for c in _dots(ax)) == len(prof)
    assert _segments(ax) == int(prof["ci_low"].notna().sum())
    table = actor_sentiment(sample_corpus, n_boot=100)
    ax = plot.actor_sentiment(table)
    assert len(ax.get_yticklabels()) == table["label"].nunique()
    assert _segments(ax) == int(table["ci_low"].notna().sum())


@pytest.fixture(scope="module")
def sample_topics(sample_corpus):
    from framing.topics import fit_topics

    return fit_topics(sample_corpus, embedding="tfidf")


def test_topic_figures_from_a_fitted_result(sample_topics):
    real = sample_topics.topic_info[sample_topics.topic_info["topic"] >= 0]
    ax = plot.topic_heatmap(sample_topics, top=None)  # a TopicResult: grouped by source_type
    assert len(ax.get_yticklabels()) == sample_topics.assignments["topic"].nunique()
    grid = plot.topic_terms(sample_topics, max_topics=5)
    assert sum(ax.has_data() for ax in grid.axes.flat) == min(5, len(real))


def test_plotly_figure_of_the_kept_model(sample_topics):
    import plotly.graph_objects as go

    fig = sample_topics.plotly("barchart", top_n_topics=4)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 4 and all(t.type == "bar" for t in fig.data)
    titles = [a.text for a in fig.layout.annotations]
    info = sample_topics.topic_info
    real = info[info["topic"] >= 0]
    assert titles[0] == real.loc[real["size"].idxmax(), "label"]  # our labels, largest topic first
    assert len(set(titles)) == 4 and set(titles) <= set(info["label"])
    # names kept whole by the vectorizer are shown restored, as in topic_info
    words = {w.strip() for t in fig.data for w in t.y}
    assert not any("qxq" in w or "qyq" in w for w in words)
    with pytest.raises(ValueError, match="kind must be one of"):
        sample_topics.plotly("sunburst")


def test_docstring_examples_run():
    import doctest
    import importlib
    import pkgutil

    import framing.plot

    # framing.plot is a package: its figures' examples are in its modules
    names = ["framing.plot"] + [m.name for m in pkgutil.iter_modules(framing.plot.__path__, "framing.plot.")]
    results = [doctest.testmod(importlib.import_module(name)) for name in names]
    assert sum(r.attempted for r in results) >= 10 and sum(r.failed for r in results) == 0


# ---------------------------------------------------------------- distinctive_terms

@pytest.fixture
def terms():
    # distinctive_terms columns: two groups, five terms each; two significant in group "a"
    rows = []
    for g in ("a", "b"):
        for k, (term, z) in enumerate((("corridor", 3.0), ("pipeline", 2.0), ("the", 0.1), ("risk", -1.5),
                                       ("rights", -2.5))):
            z = z if g == "a" else -z
            rows.append({"group": g, "term": term, "count_group": 10 + k, "count_rest": 5 * k, "z": z,
                         "p_adj": 0.01 if abs(z) >= 2 and g == "a" else 0.5})
    return pd.DataFrame(rows)


def test_distinctive_terms_one_group(terms):
    ax = plot.distinctive_terms(terms, group="a", n_labels=2)
    from matplotlib.collections import PathCollection

    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in dots] == [2, 3]  # 2 grey, then 3 in colour (p_adj < 0.05)
    assert sorted(t.get_text() for t in ax.texts) == ["corridor", "pipeline", "rights", "risk"]
    # frequency = count_group + count_rest, on a log axis
    xs = sorted(float(x) for c in dots for x in c.get_offsets()[:, 0])
    assert xs == [10.0, 16.0, 22.0, 28.0, 34.0] and ax.get_xscale() == "log"
    assert ax.get_title() == "a"


def test_distinctive_terms_grid_and_given_axes(terms):
    import seaborn as sns

    grid = plot.distinctive_terms(terms, n_labels=1)
    assert isinstance(grid, sns.FacetGrid)
    panels = [ax for ax in grid.axes.flat if ax.has_data()]
    assert [ax.get_title() for ax in panels] == ["a", "b"]
    assert [sorted(t.get_text() for t in ax.texts) for ax in panels] == [["corridor", "rights"], ["corridor", "rights"]]
    fig, ax = plt.subplots()
    assert plot.distinctive_terms(terms[terms["group"] == "b"], ax=ax) is ax
    with pytest.raises(ValueError, match="ax= draws one group; got 2"):
        plot.distinctive_terms(terms, ax=ax)
    with pytest.raises(ValueError, match="no group 'c'"):
        plot.distinctive_terms(terms, group="c")


def test_distinctive_terms_names_missing_column(terms):
    with pytest.raises(KeyError, match="distinctive_terms: data has no column 'count_rest'"):
        plot.distinctive_terms(terms.drop(columns="count_rest"))


def test_distinctive_terms_from_the_real_table(sample_corpus):
    from framing.keyness import distinctive_terms

    table = distinctive_terms(sample_corpus, by="source_type")
    grid = plot.distinctive_terms(table, n_labels=3)
    assert sum(ax.has_data() for ax in grid.axes.flat) == table["group"].nunique()


# ---------------------------------------------------------------- syndication_network

@pytest.fixture
def graph():
    import networkx as nx

    g = nx.DiGraph(direction="reprinter -> originator")
    for name, kind in (("The Star", "newspaper"), ("Xinhua", "state_media"), ("Steppe Wire", "aggregator"),
                       ("PR Newswire", "pr_wire"), ("People's Daily", "state_media"), ("Lonely Blog", "newsletter")):
        g.add_node(name, source_type=kind)
    g.add_edge("The Star", "Xinhua", n_articles=3)
    g.add_edge("Steppe Wire", "Xinhua", n_articles=1)
    g.add_edge("PR Newswire", "People's Daily", n_articles=2)
    return g


def test_syndication_network_draws_nodes_arrows_and_counts(graph):
    ax = plot.syndication_network(graph)
    nodes = ax.collections[0]
    assert len(nodes.get_offsets()) == 5  # the outlet with no edge is left out
    assert len(ax.patches) == 3  # one arrow per edge
    texts = {t.get_text() for t in ax.texts}
    assert {"The Star", "Xinhua", "People's Daily", "3", "2", "1"} <= texts and "Lonely Blog" not in texts
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["aggregator", "newspaper", "pr_wire",
                                                                   "state_media"]
    widths = sorted(p.get_linewidth() for p in ax.patches)
    assert widths[0] < widths[-1]  # three reprints draw a thicker arrow than one


def test_syndication_network_from_edge_table_into_given_axes(graph):
    edges = pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)])
    fig, ax = plt.subplots()
    assert plot.syndication_network(edges, ax=ax) is ax
    assert len(ax.patches) == 3 and len(ax.collections[0].get_offsets()) == 5
    ax2 = plot.syndication_network(graph, keep_isolated=True)
    assert len(ax2.collections[0].get_offsets()) == 6
    with pytest.raises(KeyError, match="syndication_network: data has no column 'target'"):
        plot.syndication_network(edges.drop(columns="target"))


def test_an_edge_of_undetermined_direction_has_no_arrow_and_is_counted_in_the_legend(graph):
    graph.add_edge("Lonely Blog", "The Star", n_articles=1, basis="reuse", direction_basis="undetermined",
                   directed=False)
    ax = plot.syndication_network(graph)
    heads = sorted(type(p.get_arrowstyle()).__name__ for p in ax.patches)
    assert len(heads) == 4 and heads.count("Curve") == 1  # "-": a line without a head; the others "-|>"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "1 edge of undetermined direction"
    # from a table without the directed column: an edge resting on reuse of undetermined direction
    edges = pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)])
    ax2 = plot.syndication_network(edges.drop(columns="directed"))
    assert ax2.get_legend().get_texts()[-1].get_text() == "1 edge of undetermined direction"


def test_syndication_network_from_the_real_graph(sample_corpus):
    from framing.reuse import syndication_graph

    g = syndication_graph(sample_corpus)
    ax = plot.syndication_network(g)
    assert len(ax.patches) == g.number_of_edges()
    assert len(ax.collections[0].get_offsets()) == sum(1 for n in g.nodes if g.degree(n) > 0)
    assert _png(ax.figure).startswith(PNG)


def _label_boxes(ax, texts):
    renderer = ax.figure.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts]


def _overlapping(boxes):
    return [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1:] if p.overlaps(q)]


@pytest.mark.parametrize("which", ["fixture", "sample"])
def test_syndication_labels_do_not_overlap_and_counts_are_visible(graph, sample_corpus, which):
    # regression: node names were drawn over each other ("China Daily", "Steppe Wire Digest", "Xinhua")
    # and the counts on the arrows were 7 pt, without a background
    if which == "sample":
        from framing.reuse import syndication_graph

        graph = syndication_graph(sample_corpus)
    ax = plot.syndication_network(graph)
    ax.figure.draw_without_rendering()
    names = {str(v) for v in graph.nodes}
    node_labels = [t for t in ax.texts if t.get_text() in names]
    counts = [t for t in ax.texts if t.get_text() not in names]
    assert len(node_labels) == sum(1 for v in graph.nodes if graph.degree(v) > 0)
    assert len(counts) == graph.number_of_edges()
    assert _overlapping(_label_boxes(ax, node_labels + counts)) == []
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.figure.bbox
    for t in node_labels:  # inside the figure, and clear of every node
        ext = t.get_window_extent(renderer)
        assert frame.x0 <= ext.x0 and ext.x1 <= frame.x1 and frame.y0 <= ext.y0 and ext.y1 <= frame.y1
    nodes = ax.transData.transform(ax.collections[0].get_offsets())
    for t in node_labels:
        ext = t.get_window_extent(renderer)
        assert not any(ext.x0 < x < ext.x1 and ext.y0 < y < ext.y1 for x, y in nodes)
    for t in counts:  # the counts on the arrows: 8 pt and up, on a white box
        assert t.get_fontsize() >= 8 and t.get_bbox_patch().get_facecolor()[:3] == (1, 1, 1)


# ---------------------------------------------------------------- colours

# Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), "A physiologically-based
# model for simulation of color vision deficiency", IEEE TVCG 15(6), severity 1.0 matrices, applied to
# linear sRGB (as colorspacious' "sRGB1+CVD" does); distances as CIEDE2000 in CIELAB (D65).
MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.148602],
                            [0.004733, 0.691367, 0.303900]]),
}
# Pairs of distinct colours closer than this are hard to tell apart in a small legend swatch; 10 is
# about four times the just-noticeable difference (~2.3).
MIN_DELTA_E = 10.0


def _lab(color, kind="normal"):
    from matplotlib.colors import to_rgb

    c = np.array(to_rgb(color))
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    if kind != "normal":
        linear = np.clip(MACHADO[kind] @ linear, 0, 1)
    xyz = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                    [0.0193339, 0.1191920, 0.9503041]]) @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e2000(lab1, lab2):
    """CIEDE2000 (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180 if abs(h2 - h1) != 180 else h2 - h1
    d_l, d_c, d_h = L2 - L1, c2 - c1, 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    l_bar, c_bar = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_bar = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_bar = (h1 + h2) / 2
    else:
        h_bar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    r_t = (-2 * np.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7))
           * np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2)))))
    return float(np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)))


def test_colour_difference_and_simulation_match_their_references():
    # Sharma et al. (2005), table 1, pairs 1, 7 and 17
    assert _delta_e2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert _delta_e2000((50.0, 0.0, 0.0), (50.0, -1.0, 2.0)) == pytest.approx(2.3669, abs=1e-4)
    assert _delta_e2000((50.0, 2.5, 0.0), (73.0, 25.0, -18.0)) == pytest.approx(27.1492, abs=1e-4)
    assert _lab("#FF0000") == pytest.approx([53.24, 80.09, 67.20], abs=0.02)  # sRGB red in CIELAB
    for kind in MACHADO:  # greys stay grey
        assert _lab("#777777", kind) == pytest.approx(_lab("#777777"), abs=0.05)


@pytest.mark.parametrize("kind", ["normal", "deuteranopia", "protanopia", "tritanopia"])
def test_group_palette_stays_distinguishable_with_colour_vision_deficiencies(kind):
    colors = [*plot.SOURCE_TYPE_COLORS.values(), plot.UNKNOWN_COLOR]
    assert len(set(colors)) == len(colors) and set(plot.GROUP_PALETTE) == set(plot.SOURCE_TYPE_COLORS.values())
    labs = [_lab(c, kind) for c in colors]
    closest = min(_delta_e2000(labs[i], labs[j]) for i in range(len(labs)) for j in range(i + 1, len(labs)))
    assert closest >= MIN_DELTA_E


def test_the_old_palette_fails_the_same_check():
    # regression: with tab10 in sorted order, analysis_magazine (orange) and state_media (olive) were one
    # yellow under deuteranopia; the check above would have caught it
    import seaborn as sns

    tab10 = sns.color_palette("tab10")
    assert _delta_e2000(_lab(tab10[1], "deuteranopia"), _lab(tab10[8], "deuteranopia")) < 4
    state, magazine = plot.SOURCE_TYPE_COLORS["state_media"], plot.SOURCE_TYPE_COLORS["analysis_magazine"]
    assert _delta_e2000(_lab(state, "deuteranopia"), _lab(magazine, "deuteranopia")) >= MIN_DELTA_E


def test_group_colors_are_fixed_per_source_type_and_stable():
    from framing.lexicon import load_outlets

    assert set(load_outlets().source_types) <= set(plot.SOURCE_TYPE_COLORS)  # every known type has its colour
    one = plot.group_colors(["think_tank", "state_media", "unknown", "Xinhua"])
    two = plot.group_colors(["Xinhua", "state_media", "pr_wire", "think_tank", None])
    assert one["state_media"] == two["state_media"] == plot.SOURCE_TYPE_COLORS["state_media"]
    assert one["think_tank"] == two["think_tank"]
    assert one["unknown"] == two[None] == plot.UNKNOWN_COLOR
    assert one["Xinhua"] not in {one["think_tank"], one["state_media"]}
    publishers = plot.group_colors(["The Star", "Xinhua", "Astana Times"])  # others: by sorted name
    assert list(publishers.values()) == [plot.GROUP_PALETTE[1], plot.GROUP_PALETTE[2], plot.GROUP_PALETTE[0]]
    assert plot.group_colors(["b", "a"], palette={"a": "#123456"})["a"] == "#123456"


def _face(collection):
    return tuple(np.round(collection.get_facecolor()[0][:3], 4))


def test_the_same_group_has_the_same_colour_in_every_figure(profile, actors, graph):
    from matplotlib.colors import to_rgb

    want = {g: tuple(np.round(to_rgb(plot.SOURCE_TYPE_COLORS[g]), 4)) for g in ("state_media", "think_tank",
                                                                                  "newspaper")}
    frames = plot.frame_profile(profile)
    assert {c.get_label().split(" (")[0]: _face(c) for c in _dots(frames)} == {
        g: want[g] for g in ("state_media", "think_tank")}
    sentiment = plot.actor_sentiment(actors.iloc[::-1])  # other groups, in another order
    assert {c.get_label(): _face(c) for c in _dots(sentiment)} == want
    network = plot.syndication_network(graph)
    legend = {t.get_text(): tuple(np.round(to_rgb(h.get_color()), 4))
              for t, h in zip(network.get_legend().get_texts(), network.get_legend().legend_handles)}
    assert legend["state_media"] == want["state_media"] and legend["newspaper"] == want["newspaper"]
    names = {str(v): graph.nodes[v]["source_type"] for v in graph.nodes if graph.degree(v)}
    node_colors = [tuple(np.round(c[:3], 4)) for c in network.collections[0].get_facecolor()]
    assert {k: c for k, c in zip([names[v] for v in names], node_colors) if k in want} == {
        "state_media": want["state_media"], "newspaper": want["newspaper"]}
    assert plot.frame_profile(profile, palette="Greys")  # a seaborn palette still works


# ---------------------------------------------------------------- sizes, fonts, nothing cut off

@pytest.fixture(scope="module")
def real_tables(sample_corpus, sample_topics):
    from framing.frames import frame_profile, frame_scores
    from framing.keyness import distinctive_terms
    from framing.reuse import syndication_graph
    from framing.sentiment import actor_sentiment
    from framing.slogans import slogan_lifecycle, slogan_rates

    return {"slogan_heatmap": slogan_rates(sample_corpus, n_boot=50),
            "frame_profile": frame_profile(frame_scores(sample_corpus), sample_corpus, n_boot=50),
            "actor_sentiment": actor_sentiment(sample_corpus, n_boot=50),
            "topic_heatmap": sample_topics.by_group("source_type"),
            "topic_terms": sample_topics.topic_info,
            "distinctive_terms": distinctive_terms(sample_corpus, by="source_type"),
            "syndication_network": syndication_graph(sample_corpus),
            "slogan_timeline": slogan_lifecycle(sample_corpus, freq="W"),
            "trend": _weekly_trend()}


def _weekly_trend() -> pd.DataFrame:
    # framing.trends columns, one feature, three groups over twelve weeks
    weeks = pd.period_range("2025-04-07", periods=12, freq="W")
    rows = [{"group": g, "period": w, "feature": "mutual_respect", "value": v, "ci_low": v * 0.6,
             "ci_high": v * 1.5, "n_docs": 10, "n_words": 4000}
            for k, g in enumerate(("state_media", "think_tank", "newspaper"))
            for i, w in enumerate(weeks) for v in [1.0 + k + np.sin(i / 2.0)]]
    return pd.DataFrame(rows)


def _figure(out):
    return out.figure if hasattr(out, "figure") else out.fig


FUNCTIONS = ["slogan_heatmap", "frame_profile", "actor_sentiment", "topic_heatmap", "topic_terms",
             "distinctive_terms", "syndication_network", "trend", "slogan_timeline"]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_default_figures_fit_a_7_inch_column_at_8_pt_and_nothing_is_cut_off(real_tables, name):
    # regression: figure 1 of the paper was 16.3 x 11.6 in, its 10 pt text 4 pt once printed 7 in wide
    from matplotlib.text import Text

    fig = _figure(getattr(plot, name)(real_tables[name]))
    width, height = fig.get_size_inches()
    assert width <= plot.COLUMN_WIDTH + 1e-9 and height <= 11
    fig.draw_without_rendering()
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    small = sorted({(t.get_text()[:20], t.get_fontsize()) for t in texts if t.get_fontsize() < plot.MIN_FONT_SIZE})
    assert small == []
    renderer = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(renderer)  # everything drawn, in inches
    assert tight.x0 >= -0.01 and tight.y0 >= -0.01 and tight.x1 <= width + 0.01 and tight.y1 <= height + 0.01
    frame = fig.bbox
    for t in texts:  # and text by text, in pixels
        ext = t.get_window_extent(renderer)
        if ext.width and t.get_text() not in {"", " "} and t.axes is not None and t in t.axes.texts:
            assert frame.x0 - 1 <= ext.x0 and ext.x1 <= frame.x1 + 1 and frame.y0 - 1 <= ext.y0
            assert ext.y1 <= frame.y1 + 1, t.get_text()


@pytest.mark.parametrize("name", ["slogan_heatmap", "frame_profile", "actor_sentiment", "topic_heatmap",
                                  "syndication_network", "trend", "slogan_timeline"])
def test_height_and_aspect_set_the_size_as_in_seaborn(real_tables, name):
    func, data = getattr(plot, name), real_tables[name]
    assert tuple(func(data, height=3, aspect=2).figure.get_size_inches()) == (6.0, 3.0)
    assert tuple(func(data, height=4).figure.get_size_inches()) == (plot.COLUMN_WIDTH, 4.0)  # default width
    assert tuple(func(data, aspect=2).figure.get_size_inches()) == (plot.COLUMN_WIDTH, plot.COLUMN_WIDTH / 2)


def test_facet_figures_take_height_and_aspect_per_panel(real_tables):
    grid = plot.distinctive_terms(real_tables["distinctive_terms"], col_wrap=2, height=2, aspect=1.5)
    assert grid.figure.get_size_inches()[0] == pytest.approx(6.0)
    grid = plot.topic_terms(real_tables["topic_terms"], max_topics=3)
    assert grid.figure.get_size_inches()[0] == pytest.approx(plot.COLUMN_WIDTH)


# ---------------------------------------------------------------- save_figure

def test_save_figure_writes_png_svg_and_pdf_with_embedded_truetype_fonts(tmp_path, rates, topic_info):
    import matplotlib

    before = matplotlib.rcParams["pdf.fonttype"]
    ax = plot.slogan_heatmap(rates)
    paths = plot.save_figure(ax, tmp_path / "figs" / "figure1")
    assert [p.name for p in paths] == ["figure1.png", "figure1.svg", "figure1.pdf"]
    png, svg, pdf = (p.read_bytes() for p in paths)
    assert png.startswith(PNG) and b"<svg" in svg and pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType (Type 42) fonts embedded, not Type 3
    assert matplotlib.rcParams["pdf.fonttype"] == before  # set for the call only
    again = plot.save_figure(ax.figure, tmp_path / "again", formats=("pdf", "svg", "png"))
    assert [p.read_bytes() for p in again] == [pdf, svg, png]  # no time stamp: the same bytes on a rerun
    grid = plot.topic_terms(topic_info)
    assert plot.save_figure(grid, tmp_path / "grid", formats="pdf")[0].read_bytes().startswith(b"%PDF")
    with pytest.raises(TypeError, match="Figure, Axes or seaborn grid"):
        plot.save_figure("not a figure", tmp_path / "x")
