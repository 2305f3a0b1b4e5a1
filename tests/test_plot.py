"""framing.plot: each figure draws what its table holds, into a given Axes, and names a missing column."""

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
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C"]
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ylabels) == 4 and ylabels[0].startswith("0: term0a")
    assert all(len(s) <= 48 for s in ylabels)  # long labels shortened, still readable
    cells = ax.collections[0].get_array().reshape(4, 3)
    assert cells[2].tolist() == [0.0, 0.5, 0.4]  # topic 2's shares for A, B, C
    assert ax.texts and ax.texts[1].get_text() == "20%"  # annotated shares
    assert _png(ax.figure).startswith(PNG)


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
    assert [ax.get_title() for ax in axes] == ["0: gas, pipeline, energy", "1: rail, freight, corridor",
                                              "2: students, workshops, luban"]
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

def test_slogan_heatmap_rates_per_10k_words(rates):
    ax = plot.slogan_heatmap(rates)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mutual respect", "Win-win"]  # unused left out
    assert [t.get_text() for t in ax.get_xticklabels()] == ["state_media", "think_tank"]
    # 4 matches in 2,000 words = 20 per 10,000; 2 in 4,000 = 5
    assert ax.collections[0].get_array().reshape(2, 2).tolist() == [[20.0, 2.5], [0.0, 5.0]]
    assert ax.collections[0].colorbar.ax.get_ylabel() == "per 10,000 words"


def test_slogan_heatmap_into_given_axes_per_1k(rates):
    fig, ax = plt.subplots()
    assert plot.slogan_heatmap(rates, ax=ax, per=1000, drop_empty=False) is ax
    assert len(ax.get_yticklabels()) == 3
    assert ax.collections[0].get_array().max() == pytest.approx(2.0)


def test_slogan_heatmap_names_missing_column(rates):
    with pytest.raises(KeyError, match="'per_1k'"):
        plot.slogan_heatmap(rates.drop(columns="per_1k"))


# ---------------------------------------------------------------- frame_profile

def test_frame_profile_bars_and_intervals(profile):
    ax = plot.frame_profile(profile)
    assert len(ax.patches) == 6
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == sorted(profile["mean_score"].round(3))
    assert _segments(ax) == 3  # the one-document group has no interval
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Connectivity", "Dependency and risk",
                                                           "Historical friendship"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["state_media", "think_tank"]


def test_frame_profile_into_given_axes(profile):
    fig, ax = plt.subplots()
    assert plot.frame_profile(profile[profile["group"] == "state_media"], ax=ax) is ax
    assert len(ax.patches) == 3 and _segments(ax) == 3


def test_frame_profile_names_missing_column(profile):
    with pytest.raises(KeyError, match="frame_profile: data has no column 'ci_low'"):
        plot.frame_profile(profile.drop(columns="ci_low"))


# ---------------------------------------------------------------- actor_sentiment

def test_actor_sentiment_dots_and_intervals(actors):
    ax = plot.actor_sentiment(actors)
    from matplotlib.collections import PathCollection

    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(dots) == 3  # one per group
    xs = sorted(x for c in dots for x in c.get_offsets()[:, 0])
    assert xs == sorted(actors["compound"])
    assert _segments(ax) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["China", "United States"]
    assert [float(v) for v in ax.get_xlim()] == [-1.0, 1.0]


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
    assert len(ax.get_xticklabels()) == rates["group"].nunique()
    prof = frame_profile(frame_scores(sample_corpus), sample_corpus, n_boot=100)
    ax = plot.frame_profile(prof)
    assert len(ax.patches) == len(prof)
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

    import framing.plot

    result = doctest.testmod(framing.plot)
    assert result.attempted >= 10 and result.failed == 0


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
