"""Static figures, seaborn-style, for the tidy tables framing returns.

Every function takes the table a framing function returns as ``data`` with
column names as keyword defaults, draws into ``ax`` (a new figure sized to
the data when ``ax`` is None) and returns the matplotlib ``Axes``;
:func:`topic_terms` over several topics and :func:`distinctive_terms` over
several groups return a seaborn ``FacetGrid``. None calls ``plt.show()`` or
changes global style, so the figures survive ``nbconvert`` and save with
``ax.figure.savefig(...)``. A table without a
needed column raises a ``KeyError`` that names the column.

==========================  ==============================================  ===================
function                    data                                            returns
==========================  ==============================================  ===================
:func:`topic_heatmap`       ``TopicResult.by_group()``                      Axes
:func:`topic_terms`         ``TopicResult.topic_info``                      FacetGrid (or Axes)
:func:`slogan_heatmap`      :func:`framing.slogans.slogan_rates`            Axes
:func:`frame_profile`       :func:`framing.frames.frame_profile`            Axes
:func:`actor_sentiment`     :func:`framing.sentiment.actor_sentiment`       Axes
:func:`distinctive_terms`   :func:`framing.keyness.distinctive_terms`       FacetGrid (or Axes)
:func:`syndication_network` :func:`framing.reuse.syndication_graph`         Axes
==========================  ==============================================  ===================

Examples
--------
>>> import framing
>>> from framing import plot
>>> from framing.slogans import slogan_rates
>>> ax = plot.slogan_heatmap(slogan_rates(framing.load_sample_corpus(), n_boot=200))
>>> ax.figure.savefig("slogans.png")  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

__all__ = ["actor_sentiment", "distinctive_terms", "frame_profile", "slogan_heatmap", "syndication_network",
           "topic_heatmap", "topic_terms"]


# ---------------------------------------------------------------- helpers

def _require(data, columns, func: str) -> pd.DataFrame:
    """``data`` as a DataFrame with every column in ``columns``, or a KeyError naming the missing ones."""
    if data is None:
        raise TypeError(f"{func}: pass the table to plot as data=")
    df = pd.DataFrame(data)
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        raise KeyError(f"{func}: data has no column {', '.join(map(repr, missing))} "
                       f"(columns: {', '.join(map(str, df.columns))})")
    return df


def _new_axes(ax, width: float, height: float):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")[1]


def _short(label, width: int = 48) -> str:
    return textwrap.shorten(str(label), width=width, placeholder="…")


def _palette(n: int, palette=None) -> list:
    import seaborn as sns

    return sns.color_palette(palette, n_colors=n)


def _heatmap(wide: pd.DataFrame, ax, *, annot, fmt: str, cmap, cbar_label: str, xlabel: str, ylabel: str,
             label_width: int, **kwargs):
    import seaborn as sns

    if not wide.size:  # nothing to show (no slogan in any group, say): a clear error, not seaborn's
        raise ValueError(f"nothing to draw: the {ylabel.lower() or 'rows'} by {xlabel.lower() or 'columns'} "
                         "table is empty")
    ax = _new_axes(ax, 2.5 + 1.1 * wide.shape[1] + 0.07 * label_width, 2.2 + 0.36 * wide.shape[0])
    if annot is None:
        annot = wide.size <= 400
    sns.heatmap(wide, ax=ax, annot=annot, fmt=fmt, cmap=cmap, linewidths=0.5,
                cbar_kws={"label": cbar_label}, **kwargs)
    ax.set_yticks(np.arange(wide.shape[0]) + 0.5, [_short(v, label_width) for v in wide.index], rotation=0)
    ax.set_xticks(np.arange(wide.shape[1]) + 0.5, [str(v) for v in wide.columns], rotation=30, ha="right")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def _dodged(df: pd.DataFrame, y: str, hue: str | None, width: float = 0.8):
    """Row positions for categories ``y`` dodged by ``hue``: (positions, y order, hue order, bar height)."""
    y_order = list(pd.unique(df[y]))
    hue_order = list(pd.unique(df[hue])) if hue else [None]
    k = len(hue_order)
    h = width / k
    base = df[y].map({v: i for i, v in enumerate(y_order)}).to_numpy(dtype=float)
    if hue:
        slot = df[hue].map({v: j for j, v in enumerate(hue_order)}).to_numpy(dtype=float)
        base = base - width / 2 + h / 2 + slot * h
    return base, y_order, hue_order, h


def _by_hue(df: pd.DataFrame, hue: str | None, hue_order: list, palette):
    """(level, row mask, colour) for each level of ``hue`` (one level, every row, when hue is None)."""
    colors = _palette(len(hue_order), palette)
    for j, g in enumerate(hue_order):
        yield g, ((df[hue] == g).to_numpy() if hue else np.ones(len(df), bool)), colors[j]


def _ci_lines(ax, pos, df: pd.DataFrame, mask, ci_low: str, ci_high: str, color):
    """Horizontal interval lines for the rows in ``mask``; NaN intervals draw nothing."""
    lo = df.loc[mask, ci_low].to_numpy(dtype=float)
    hi = df.loc[mask, ci_high].to_numpy(dtype=float)
    ok = np.isfinite(lo) & np.isfinite(hi)
    if ok.any():
        ax.hlines(pos[mask][ok], lo[ok], hi[ok], colors=[color], linewidth=1.4)


def _finish_categorical(ax, y_order, hue, hue_order, xlabel, ylabel, label_width):
    ax.set_yticks(np.arange(len(y_order)), [_short(v, label_width) for v in y_order])
    ax.set_ylim(len(y_order) - 0.5, -0.5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if hue and len(hue_order) > 1:
        ax.legend(title=hue, loc="best", fontsize="small")


# ---------------------------------------------------------------- topics

def _topic_table(data):
    return data.by_group() if hasattr(data, "by_group") and not isinstance(data, pd.DataFrame) else data


def topic_heatmap(data=None, *, x: str = "group", y: str = "topic_label", hue: str = "share", top: int | None = 30,
                  ax=None, annot: bool | None = None, fmt: str = ".0%", cmap="rocket_r", label_width: int = 48,
                  **kwargs):
    """Share of each group's paragraphs in each topic, as a topic × group heatmap.

    Parameters
    ----------
    data : DataFrame or TopicResult
        ``TopicResult.by_group()`` (a TopicResult is grouped by ``source_type``).
    x, y : str
        Columns for the groups (columns of the heatmap) and the topics (rows).
    hue : str
        Column giving the colour of each cell.
    top : int or None
        Show only the ``top`` topics whose share varies most between groups
        (largest max − min), in that order; None shows every topic in topic order.
    ax : matplotlib Axes, optional
    annot : bool, optional
        Print the shares in the cells; default when there are at most 400 cells.
    fmt, cmap, **kwargs
        Passed to :func:`seaborn.heatmap`.
    label_width : int
        Topic labels are shortened to this many characters.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.topics import fit_topics
    >>> result = fit_topics(framing.load_sample_corpus(), embedding="tfidf")  # doctest: +SKIP
    >>> ax = plot.topic_heatmap(result.by_group("publisher"), top=15)         # doctest: +SKIP
    """
    df = _require(_topic_table(data), [x, y, hue], "topic_heatmap")
    order_col = "topic" if "topic" in df.columns else y
    wide = df.pivot_table(index=[order_col, y] if order_col != y else y, columns=x, values=hue, aggfunc="first")
    if order_col != y:
        wide = wide.droplevel(0)
    if top is not None and len(wide) > top:
        spread = (wide.max(axis=1) - wide.min(axis=1)).to_numpy()
        wide = wide.iloc[np.argsort(-spread, kind="stable")[:top]]
    return _heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=hue, xlabel=x, ylabel="topic",
                    label_width=label_width, **kwargs)


def _topic_terms_long(df: pd.DataFrame) -> pd.DataFrame:
    """topic_info (comma-separated ``terms`` and ``weights``) as one row per (topic, term)."""
    rows = []
    for rec in df.to_dict("records"):
        terms = [t for t in str(rec["terms"]).split(", ") if t]
        weights = [float(w) for w in str(rec["weights"]).split(", ") if w]
        for rank, (term, weight) in enumerate(zip(terms, weights), start=1):
            rows.append({"topic": rec["topic"], "label": rec.get("label", str(rec["topic"])), "rank": rank,
                         "term": term, "weight": weight})
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])


def _bars(data, x, y, color=None, ax=None, **kwargs):
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    ax.barh(np.arange(len(data)), data[x].to_numpy(), color=color)
    ax.set_yticks(np.arange(len(data)), data[y].tolist())
    ax.set_ylim(len(data) - 0.5, -0.5)


def topic_terms(data=None, *, x: str = "weight", y: str = "term", topics=None, n_terms: int = 8,
                max_topics: int = 12, col_wrap: int = 4, height: float = 2.4, ax=None, color=None, **kwargs):
    """Top terms of topics as horizontal bars of their c-TF-IDF weights.

    Parameters
    ----------
    data : DataFrame or TopicResult
        ``TopicResult.topic_info`` (``topic, label, terms, weights``; terms and
        weights comma-separated) or a long table with ``topic`` and the ``x``
        and ``y`` columns.
    x, y : str
        Bar length (the weight) and bar label (the term).
    topics : int or list of int, optional
        The topics to draw; default the ``max_topics`` largest, outliers (-1) left out.
    n_terms : int
        Terms per topic.
    col_wrap, height : FacetGrid layout (several topics).
    ax : matplotlib Axes, optional
        Draw one topic into this Axes.
    color, **kwargs
        Bar colour; other keyword arguments go to :class:`seaborn.FacetGrid`.

    Returns
    -------
    seaborn.FacetGrid or matplotlib.axes.Axes
        A FacetGrid with one Axes per topic (titled with the topic label) for
        several topics; the Axes for one topic (a single ``topics`` value, or
        ``ax=`` given, which needs exactly one topic).

    Examples
    --------
    >>> from framing import plot
    >>> grid = plot.topic_terms(result.topic_info)         # doctest: +SKIP
    >>> grid.savefig("topic_terms.png")                    # doctest: +SKIP
    >>> ax = plot.topic_terms(result.topic_info, topics=3) # doctest: +SKIP
    """
    import seaborn as sns

    if hasattr(data, "topic_info") and not isinstance(data, pd.DataFrame):
        data = data.topic_info
    df = _require(data, ["topic"], "topic_terms")
    if x not in df.columns or y not in df.columns:
        df = _topic_terms_long(_require(df, ["terms", "weights"], "topic_terms"))
    df = _require(df, [x, y], "topic_terms")
    if "label" not in df.columns:
        df = df.assign(label=df["topic"].astype(str))
    single = np.isscalar(topics)
    if topics is None:
        sizes = (data.set_index("topic")["size"] if "size" in data.columns else df.groupby("topic").size())
        topics = [t for t in sizes.sort_values(ascending=False, kind="stable").index if t != -1][:max_topics]
    topics = [topics] if single else list(topics)
    unknown = sorted(set(topics) - set(df["topic"]))
    if unknown:
        raise ValueError(f"topic_terms: no topic {unknown} in the data")
    df = df[df["topic"].isin(topics)]
    df = df.groupby("topic", sort=False).head(n_terms)
    if ax is not None or single:
        if len(topics) != 1:
            raise ValueError(f"topic_terms: ax= draws one topic; got {len(topics)} (pass topics=<id>)")
        ax = _new_axes(ax, 4.0, 0.6 + 0.3 * len(df))
        _bars(df, x, y, color=color or _palette(1)[0], ax=ax)
        ax.set_title(_short(df["label"].iat[0], 60))
        ax.set_xlabel("c-TF-IDF weight" if x == "weight" else x)
        return ax
    labels = {t: _short(lab, 40) for t, lab in zip(df["topic"], df["label"])}
    df = df.assign(panel=df["topic"].map(labels))
    order = [labels[t] for t in topics]
    grid = sns.FacetGrid(df, col="panel", col_order=order, col_wrap=min(col_wrap, len(order)), sharey=False,
                         sharex=False, height=height, aspect=1.3, **kwargs)
    grid.map_dataframe(_bars, x=x, y=y, color=color or _palette(1)[0])
    grid.set_titles("{col_name}", size="small")
    grid.set_axis_labels("c-TF-IDF weight" if x == "weight" else x, "")
    grid.tight_layout()
    return grid


# ---------------------------------------------------------------- slogans, frames, sentiment

def slogan_heatmap(data=None, *, x: str = "group", y: str = "label", hue: str = "per_1k", per: float = 10_000,
                   drop_empty: bool = True, ax=None, annot: bool | None = None, fmt: str = ".1f", cmap="mako_r",
                   label_width: int = 40, **kwargs):
    """Slogan family × group heatmap of rates per ``per`` words.

    Parameters
    ----------
    data : DataFrame
        :func:`framing.slogans.slogan_rates` output.
    x, y : str
        Columns for the groups (heatmap columns) and the families (rows;
        ``label`` is the readable family name, ``feature`` its id).
    hue : str
        Cell value; ``per_1k`` is rescaled to rates per ``per`` words.
    per : float
        Words the rate is given per (slogans are rare: 10,000 gives readable numbers).
    drop_empty : bool
        Leave out families no group uses (a ``count`` of zero everywhere).
    ax, annot, fmt, cmap, label_width, **kwargs
        As for :func:`topic_heatmap`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.slogans import slogan_rates
    >>> ax = plot.slogan_heatmap(slogan_rates(framing.load_sample_corpus(), n_boot=200), per=1000)
    >>> ax.get_ylabel()
    'slogan family'
    """
    df = _require(data, [x, y, hue] + (["count"] if drop_empty else []), "slogan_heatmap")
    if drop_empty:
        used = df.groupby(y)["count"].sum()
        df = df[df[y].isin(used.index[used > 0])]
    scale = per / 1000.0 if hue == "per_1k" else 1.0
    wide = df.assign(_value=df[hue].astype(float) * scale).pivot_table(index=y, columns=x, values="_value",
                                                                        aggfunc="first", sort=False)
    label = f"per {per:,.0f} words" if hue == "per_1k" else hue
    return _heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=label, xlabel=x,
                    ylabel="slogan family", label_width=label_width, **kwargs)


def frame_profile(data=None, *, x: str = "mean_score", y: str = "label", hue: str | None = "group",
                  ci_low: str = "ci_low", ci_high: str = "ci_high", ax=None, palette=None, label_width: int = 36,
                  **kwargs):
    """Mean frame score per group as horizontal bars with their bootstrap CIs.

    Parameters
    ----------
    data : DataFrame
        :func:`framing.frames.frame_profile` output (``group, frame, label,
        mean_score, ci_low, ci_high``).
    x, y, hue : str
        Bar length, frame (one row of bars each) and group (one colour each;
        None for one bar per frame).
    ci_low, ci_high : str
        Interval columns; NaN intervals (one-document groups) draw no line.
    ax, palette : optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar patch per row of ``data``; CI lines as LineCollections.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.frames import frame_profile, frame_scores
    >>> corpus = framing.load_sample_corpus()
    >>> prof = frame_profile(frame_scores(corpus), corpus, n_boot=200)
    >>> ax = plot.frame_profile(prof)
    >>> len(ax.patches) == len(prof)
    True
    """
    df = _require(data, [x, y, hue, ci_low, ci_high], "frame_profile")
    pos, y_order, hue_order, h = _dodged(df, y, hue)
    ax = _new_axes(ax, 7.0, 1.0 + 0.28 * len(y_order) * max(1, min(len(hue_order), 4)))
    for g, mask, color in _by_hue(df, hue, hue_order, palette):
        ax.barh(pos[mask], df.loc[mask, x].to_numpy(dtype=float), height=h * 0.95, color=color,
                label=str(g) if hue else None, **kwargs)
        _ci_lines(ax, pos, df, mask, ci_low, ci_high, "0.15")
    _finish_categorical(ax, y_order, hue, hue_order, "mean frame score" if x == "mean_score" else x, "frame",
                        label_width)
    return ax


def actor_sentiment(data=None, *, x: str = "compound", y: str = "label", hue: str | None = "group",
                    ci_low: str = "ci_low", ci_high: str = "ci_high", ax=None, palette=None, label_width: int = 30,
                    **kwargs):
    """Mean sentiment toward each actor per group, as dots with bootstrap CIs.

    Parameters
    ----------
    data : DataFrame
        :func:`framing.sentiment.actor_sentiment` output (``group, actor, label,
        compound, ci_low, ci_high``).
    x, y, hue : str
        Dot position (mean VADER compound, -1 to 1), actor (one row each) and
        group (one colour each, dodged).
    ci_low, ci_high : str
        Interval columns; NaN intervals (one-document groups) draw no line.
    ax, palette : optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per group (one dot per row), CI lines as
        LineCollections, a dotted line at 0.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.sentiment import actor_sentiment
    >>> table = actor_sentiment(framing.load_sample_corpus(), n_boot=200)
    >>> ax = plot.actor_sentiment(table)
    >>> [float(v) for v in ax.get_xlim()]
    [-1.0, 1.0]
    """
    df = _require(data, [x, y, hue, ci_low, ci_high], "actor_sentiment")
    pos, y_order, hue_order, _ = _dodged(df, y, hue, width=0.6)
    ax = _new_axes(ax, 6.5, 1.0 + 0.22 * len(y_order) * max(1, min(len(hue_order), 4)))
    ax.axvline(0, color="0.6", linestyle=":", linewidth=1)
    kwargs.setdefault("s", 28)
    for g, mask, color in _by_hue(df, hue, hue_order, palette):
        _ci_lines(ax, pos, df, mask, ci_low, ci_high, color)
        ax.scatter(df.loc[mask, x].to_numpy(dtype=float), pos[mask], color=color, zorder=3,
                   label=str(g) if hue else None, **kwargs)
    ax.set_xlim(-1.0, 1.0)
    _finish_categorical(ax, y_order, hue, hue_order, "mean compound sentiment" if x == "compound" else x,
                        "actor", label_width)
    return ax


# ---------------------------------------------------------------- distinctive terms, syndication

def _terms_panel(data, x, y, n_labels, alpha, color=None, ax=None, **kwargs):
    """Frequency vs z of one group's terms; the ``n_labels`` most distinctive terms on each side labelled."""
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    freq = data[x].to_numpy(dtype=float)
    z = data[y].to_numpy(dtype=float)
    sig = (data["p_adj"].to_numpy(dtype=float) < alpha) if "p_adj" in data.columns else np.ones(len(data), bool)
    ax.scatter(freq[~sig], z[~sig], s=8, color="0.75", linewidths=0, label="not significant")
    ax.scatter(freq[sig], z[sig], s=12, color=color, linewidths=0, label=f"p_adj < {alpha}")
    ax.set_xscale("log")
    ax.axhline(0, color="0.6", linewidth=0.8)
    order = np.argsort(-z, kind="stable")
    top = [i for i in order if z[i] > 0][:n_labels]
    bottom = [i for i in order[::-1] if z[i] < 0][:n_labels]
    for i, c in [(i, color) for i in top] + [(i, "0.35") for i in bottom]:
        ax.annotate(str(data["term"].iat[i]), (freq[i], z[i]), xytext=(3, 0), textcoords="offset points",
                    fontsize="x-small", color=c, va="center")


def distinctive_terms(data=None, *, x: str | None = None, y: str = "z", group=None, n_labels: int = 10,
                      alpha: float = 0.05, col_wrap: int = 3, height: float = 3.4, ax=None, color=None, **kwargs):
    """Distinctive terms as a static scattertext-like view: frequency against z, top terms labelled.

    Parameters
    ----------
    data : DataFrame
        :func:`framing.keyness.distinctive_terms` output (``group, term,
        count_group, count_rest, z, p_adj``).
    x : str, optional
        Horizontal position (log scale); default the term's frequency in all
        compared groups, ``count_group + count_rest``.
    y : str
        Vertical position: ``z`` (positive: the group uses the term more than the rest).
    group : str, optional
        Draw this group only (an Axes); default every group, one panel each.
    n_labels : int
        Label the ``n_labels`` terms of highest z (in colour) and of lowest z (grey).
    alpha : float
        Terms with ``p_adj < alpha`` are drawn in colour, the others grey.
    col_wrap, height : FacetGrid layout (several groups).
    ax : matplotlib Axes, optional
        Draw one group into this Axes.
    color, **kwargs
        Colour of the significant terms; other keyword arguments go to :class:`seaborn.FacetGrid`.

    Returns
    -------
    matplotlib.axes.Axes or seaborn.FacetGrid
        The Axes for one group (``group=`` given, one group in the data, or
        ``ax=``); a FacetGrid with one panel per group otherwise.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.keyness import distinctive_terms
    >>> terms = distinctive_terms(framing.load_sample_corpus(), by="source_type")
    >>> ax = plot.distinctive_terms(terms, group="state_media", n_labels=5)
    >>> len(ax.texts) <= 10
    True
    """
    import seaborn as sns

    need = ["group", "term", y] + (["count_group", "count_rest"] if x is None else [x])
    df = _require(data, need, "distinctive_terms")
    if x is None:
        x = "frequency"
        df = df.assign(frequency=df["count_group"] + df["count_rest"])
    groups = list(pd.unique(df["group"]))
    if group is not None:
        if group not in groups:
            raise ValueError(f"distinctive_terms: no group {group!r} in the data "
                             f"(groups: {', '.join(map(str, groups))})")
        groups = [group]
    color = color or _palette(1)[0]
    xlabel = "frequency (all compared groups)" if x == "frequency" else x
    if ax is not None or len(groups) == 1:
        if len(groups) != 1:
            raise ValueError(f"distinctive_terms: ax= draws one group; got {len(groups)} (pass group=...)")
        ax = _new_axes(ax, 6.0, 4.5)
        _terms_panel(df[df["group"] == groups[0]], x, y, n_labels, alpha, color=color, ax=ax)
        ax.set_title(str(groups[0]))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(y)
        return ax
    grid = sns.FacetGrid(df, col="group", col_order=groups, col_wrap=min(col_wrap, len(groups)), height=height,
                         aspect=1.3, sharey=False, **kwargs)
    grid.map_dataframe(_terms_panel, x=x, y=y, n_labels=n_labels, alpha=alpha, color=color)
    grid.set_titles("{col_name}")
    grid.set_axis_labels(xlabel, y)
    grid.tight_layout()
    return grid


def _directed(attrs) -> bool:
    """Whether a syndication edge's direction is known (see :func:`syndication_network`)."""
    directed = attrs.get("directed")
    if directed is not None and not pd.isna(directed):
        return bool(directed)
    return not (attrs.get("basis") == "reuse" and attrs.get("direction_basis") == "undetermined")


def syndication_network(data=None, *, hue: str = "source_type", weight: str = "n_articles", ax=None,
                        keep_isolated: bool = False, seed: int = 0, palette=None, **kwargs):
    """Who reprints whom: outlets as nodes, arrows from reprinter to originator, with counts.

    An edge whose direction is undetermined (``directed=False``: the two outlets
    share text, but which one copied is unknown) is a dashed line without an
    arrow, and the legend says how many there are.

    Parameters
    ----------
    data : networkx.DiGraph or DataFrame
        :func:`framing.reuse.syndication_graph`, or its edges as a table with
        ``source, target`` and edge attributes. Without a ``directed``
        attribute, an edge whose only ``basis`` is ``reuse`` and whose
        ``direction_basis`` is ``undetermined`` is undetermined.
    hue : str
        Node attribute that colours the nodes (a legend names each value).
    weight : str
        Edge attribute that sets the arrow width and the number printed on it
        (1 where an edge lacks it).
    ax : matplotlib Axes, optional
    keep_isolated : bool
        Also draw outlets with no edge (left out by default).
    seed : int
        Seed of the spring layout: the same graph gives the same picture.
    palette, **kwargs
        Node colours; other keyword arguments go to :func:`networkx.draw_networkx_nodes`.

    Returns
    -------
    matplotlib.axes.Axes
        Nodes as one PathCollection, one arrow patch per edge (undetermined
        ones without a head), a text per node and per edge.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.reuse import syndication_graph
    >>> graph = syndication_graph(framing.load_sample_corpus())
    >>> ax = plot.syndication_network(graph)
    >>> len(ax.patches) == graph.number_of_edges()
    True
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    if isinstance(data, nx.Graph):
        graph = data.copy()
    else:
        df = _require(data, ["source", "target"], "syndication_network")
        graph = nx.from_pandas_edgelist(df, "source", "target", edge_attr=True, create_using=nx.DiGraph)
    if not keep_isolated:
        graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    ax = _new_axes(ax, 7.5, 6.0)
    ax.set_axis_off()
    if not graph.number_of_nodes():
        ax.set_title("no syndication found")
        return ax
    pos = nx.spring_layout(graph, seed=seed, k=1.5 / np.sqrt(graph.number_of_nodes()))
    kinds = [str(graph.nodes[n].get(hue) or "unknown") for n in graph.nodes]
    levels = sorted(set(kinds))
    colors = dict(zip(levels, _palette(len(levels), palette)))
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=[colors[k] for k in kinds], node_size=kwargs.pop(
        "node_size", 500), **kwargs)
    w = {e: float(graph.edges[e].get(weight, 1) or 1) for e in graph.edges}
    undetermined = [e for e in graph.edges if not _directed(graph.edges[e])]
    skip = set(undetermined)
    directed = [e for e in graph.edges if e not in skip]
    for edges, head, style in ((directed, "-|>", "solid"), (undetermined, "-", "dashed")):
        if edges:
            nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, width=[1.0 + np.sqrt(w[e]) for e in edges],
                                   arrows=True, arrowstyle=head, arrowsize=14, edge_color="0.4", style=style,
                                   node_size=500, connectionstyle="arc3,rad=0.08")
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    nx.draw_networkx_edge_labels(graph, pos, ax=ax, edge_labels={e: f"{w[e]:g}" for e in graph.edges},
                                 font_size=7, connectionstyle="arc3,rad=0.08")
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[k], label=k) for k in levels]
    if undetermined:
        n = len(undetermined)
        handles.append(Line2D([], [], linestyle="--", color="0.4",
                              label=f"{n} edge{'s' if n != 1 else ''} of undetermined direction"))
    ax.legend(handles=handles, title=hue, fontsize="small", loc="best")
    ax.margins(0.15)
    ax.set_title(f"reprinter \u2192 originator ({weight} on the arrows)", fontsize="small")
    return ax
