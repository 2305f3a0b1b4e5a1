"""Topic figures: topic shares by group (:func:`topic_heatmap`) and topic terms (:func:`topic_terms`)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._base import (CHAR_IN, COLUMN_WIDTH, TEXT_PT, TITLE_PT, names_with_n, new_axes, require_columns, shorten,
                    style_axes)
from ._heatmap import draw_heatmap, dropped_note, without_empty
from .colors import palette_colors

__all__ = ["topic_heatmap", "topic_terms"]


def _short_topic(label, width: int = 32) -> str:
    """``"3: mutual, mutual benefit, trust mutual"`` as its id and the whole terms that fit in ``width``."""
    m = re.match(r"\s*(-?\d+):\s*(.*)", str(label))
    prefix, rest = (m.group(1) + ": ", m.group(2)) if m else ("", str(label))
    terms = [t.strip() for t in rest.split(",") if t.strip()]
    out = prefix + (terms[0] if terms else "")
    for t in terms[1:]:
        if len(out) + 2 + len(t) > width:
            break
        out += ", " + t
    return out if len(out) <= width else shorten(out, width) if " " in out[len(prefix):] else out[:width - 1] + "…"


def _topic_table(data):
    return data.by_group() if hasattr(data, "by_group") and not isinstance(data, pd.DataFrame) else data


def topic_heatmap(data=None, *, x: str = "group", y: str = "topic_label", hue: str = "share", top: int | None = 30,
                  ax=None, annot: bool | None = None, fmt: str = ".0%", cmap="rocket_r", label_width: int = 32,
                  n: str | None = "n_docs", drop_empty: bool = True, height: float | None = None,
                  aspect: float | None = None, **kwargs):
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
        Print the values in the cells (blank where zero); default when there
        are at most 400 cells and they are wide enough.
    fmt : str
        Format of the cell values; the colour bar shows the same unit (``%``
        formats give a percent colour bar).
    cmap, **kwargs
        Passed to :func:`seaborn.heatmap`.
    label_width : int
        Topic labels keep their id and the whole terms that fit in this many characters.
    n : str or None
        Column with each group's number of documents, shown as ``"state_media (n=12)"``.
    drop_empty : bool
        Leave out topics and groups that are zero throughout (the groups left
        out are named under the figure).
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).

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
    df = require_columns(_topic_table(data), [x, y, hue], "topic_heatmap")
    order_col = "topic" if "topic" in df.columns else y
    wide = df.pivot_table(index=[order_col, y] if order_col != y else y, columns=x, values=hue, aggfunc="first")
    if order_col != y:
        wide = wide.droplevel(0)
    dropped = []
    if drop_empty:
        wide, dropped = without_empty(wide)
    if top is not None and len(wide) > top:
        spread = (wide.max(axis=1) - wide.min(axis=1)).to_numpy()
        wide = wide.iloc[np.argsort(-spread, kind="stable")[:top]]
    names = names_with_n(df, x, list(wide.columns) + dropped, n)
    xlabel = x + (" (n = documents)" if n and n in df.columns else "")
    note = dropped_note(dropped, names, "no paragraph in these topics")
    percent = str(fmt).endswith("%")
    cbar_label = "share of the group's paragraphs" if hue == "share" else hue
    return draw_heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=cbar_label,
                        xlabel=xlabel + ("\n" + note if note else ""), ylabel="topic",
                        row_labels=[_short_topic(v, label_width) for v in wide.index],
                        col_labels=[names[c] for c in wide.columns], percent=percent, height=height, aspect=aspect,
                        **kwargs)


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


def _bars(data, x, y, color=None, ax=None, label_width: int = 18, **kwargs):
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    ax = ax or plt.gca()
    ax.barh(np.arange(len(data)), data[x].to_numpy(), color=color)
    ax.set_yticks(np.arange(len(data)), [shorten(v, label_width) for v in data[y]])
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # three numbers fit under a narrow panel
    style_axes(ax)


def topic_terms(data=None, *, x: str = "weight", y: str = "term", topics=None, n_terms: int = 8,
                max_topics: int = 12, col_wrap: int = 3, height: float | None = None, aspect: float | None = None,
                ax=None, color=None, **kwargs):
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
    col_wrap : int
        Panels per row (several topics).
    height, aspect : float, optional
        Several topics: the height (inches) and width / height of each panel,
        as in :class:`seaborn.FacetGrid`; by default the panels of a row fill 7
        inches. One topic: the size of a new figure.
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
    >>> plot.save_figure(grid, "topic_terms")              # doctest: +SKIP
    >>> ax = plot.topic_terms(result.topic_info, topics=3) # doctest: +SKIP
    """
    import seaborn as sns

    if hasattr(data, "topic_info") and not isinstance(data, pd.DataFrame):
        data = data.topic_info
    df = require_columns(data, ["topic"], "topic_terms")
    if x not in df.columns or y not in df.columns:
        df = _topic_terms_long(require_columns(df, ["terms", "weights"], "topic_terms"))
    df = require_columns(df, [x, y], "topic_terms")
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
    xlabel = "c-TF-IDF weight" if x == "weight" else x
    if ax is not None or single:
        if len(topics) != 1:
            raise ValueError(f"topic_terms: ax= draws one topic; got {len(topics)} (pass topics=<id>)")
        ax = new_axes(ax, 4.0, 0.8 + 0.2 * len(df), height, aspect)
        _bars(df, x, y, color=color or palette_colors(1)[0], ax=ax)
        ax.set_title(shorten(df["label"].iat[0], 60), fontsize=TITLE_PT)
        ax.set_xlabel(xlabel)
        style_axes(ax)
        return ax
    ncol = min(col_wrap, len(topics))
    aspect = 1.2 if aspect is None else aspect
    height = COLUMN_WIDTH / ncol / aspect if height is None else height
    fits = max(12, int(0.6 * height * aspect / CHAR_IN))  # a title no wider than the bars under it
    labels = {t: _short_topic(lab, fits) for t, lab in zip(df["topic"], df["label"])}
    df = df.assign(panel=df["topic"].map(labels))
    order = [labels[t] for t in topics]
    grid = sns.FacetGrid(df, col="panel", col_order=order, col_wrap=ncol, sharey=False, sharex=False,
                         height=height, aspect=aspect, **kwargs)
    grid.map_dataframe(_bars, x=x, y=y, color=color or palette_colors(1)[0])
    grid.set_titles("{col_name}", size=TEXT_PT)
    grid.set_axis_labels(xlabel, "")
    for panel in grid.axes.flat:
        style_axes(panel)
    grid.tight_layout()
    return grid
