"""Static figures, seaborn-style, for the tidy tables framing returns.

Every function takes the table a framing function returns as ``data`` with
column names as keyword defaults, draws into ``ax`` (a new figure sized to
the data when ``ax`` is None) and returns the matplotlib ``Axes``;
:func:`topic_terms` over several topics and :func:`distinctive_terms` over
several groups return a seaborn ``FacetGrid``. None calls ``plt.show()`` or
changes global style, so the figures survive ``nbconvert``; save them with
:func:`save_figure` (PNG, SVG and PDF with embedded fonts). A table without
a needed column raises a ``KeyError`` that names the column.

Sizes are for print: a new figure is at most 7 inches wide (a page-wide
column) and no text in it is smaller than 8 pt at that size, so it can be
printed as it is or shown on a projector. ``height`` (inches) and ``aspect``
(width / height) set another size, as in seaborn. Groups have the same
colour in every figure (:func:`group_colors`), from a palette that stays
distinguishable with colour-vision deficiencies.

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
:func:`group_colors`        group names                                     dict name -> colour
:func:`save_figure`         an Axes, Figure or FacetGrid                    list of paths
==========================  ==============================================  ===================

Examples
--------
>>> import framing
>>> from framing import plot
>>> from framing.slogans import slogan_rates
>>> ax = plot.slogan_heatmap(slogan_rates(framing.load_sample_corpus(), n_boot=200))
>>> plot.save_figure(ax, "figures/slogans")  # doctest: +SKIP
[PosixPath('figures/slogans.png'), PosixPath('figures/slogans.svg'), PosixPath('figures/slogans.pdf')]
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["figure_of", "COLUMN_WIDTH", "GROUP_PALETTE", "MIN_FONT_SIZE", "SOURCE_TYPE_COLORS",
           "UNKNOWN_COLOR", "actor_sentiment", "distinctive_terms", "frame_profile", "group_colors",
           "save_figure", "slogan_heatmap", "syndication_network", "topic_heatmap", "topic_terms"]

#: Widest default figure, in inches: a page-wide column of a journal (and 16:9 on a projector).
COLUMN_WIDTH = 7.0
#: No text of a figure at its default size is smaller than this, in points.
MIN_FONT_SIZE = 8.0
_TICK, _TEXT, _LABEL, _TITLE = 8.0, 8.0, 9.0, 10.0  # font sizes, points
_CHAR_IN = 0.062  # mean width of a character at 8 pt, inches (DejaVu Sans): to size figures before drawing

# ---------------------------------------------------------------- colours

#: One colour per source type of ``lexicons/outlets.yaml``, the same in every figure. Okabe & Ito's
#: eight colours (2008) and four of Paul Tol's dark tones, chosen so that every pair stays at least
#: 10 CIEDE2000 units apart for normal vision and simulated deuteranopia, protanopia and tritanopia
#: (Machado et al. 2009), grey for "unknown" included (tests/test_plot.py checks it). Yellow, the
#: weakest on white, goes to the rarest type.
SOURCE_TYPE_COLORS = {
    "state_media": "#D55E00",                  # vermillion
    "state_affiliated_think_tank": "#CC79A7",  # reddish purple
    "think_tank": "#009E73",                   # bluish green
    "aggregator": "#56B4E9",                   # sky blue
    "pr_wire": "#E69F00",                      # orange
    "newspaper": "#0072B2",                    # blue
    "news_agency": "#332288",                  # indigo
    "broadcaster": "#225555",                  # dark teal
    "analysis_magazine": "#AA3377",            # purple
    "newsletter": "#663333",                   # dark brown
    "official_statement": "#000000",           # black
    "reader_comment": "#F0E442",               # yellow
}
#: Colour of a missing or "unknown" group.
UNKNOWN_COLOR = "#BBBBBB"
#: The same twelve colours in the order other groups (publishers, say) take them, by sorted name.
GROUP_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#AA3377",
                 "#332288", "#225555", "#663333", "#F0E442")


def _is_unknown(name) -> bool:
    return name is None or (isinstance(name, float) and np.isnan(name)) or str(name).strip().lower() in {
        "", "unknown", "nan", "none", "<na>"}


def group_colors(groups, *, palette=None) -> dict:
    """A colour for each group, the same in every figure and every run.

    A source type of ``lexicons/outlets.yaml`` always has its colour of
    :data:`SOURCE_TYPE_COLORS`; a missing or ``"unknown"`` group is grey; any
    other group (a publisher, say) takes the colours of :data:`GROUP_PALETTE`
    not used by a source type in ``groups``, by sorted name (past twelve they
    repeat: draw fewer groups, or facet). Pass the result as ``palette=`` to
    keep a publisher's colour when a figure shows only some of the groups.

    Parameters
    ----------
    groups : iterable
        Group names, in any order, repeats allowed.
    palette : dict, optional
        Colours that override these, by group name.

    Returns
    -------
    dict
        group -> colour as ``"#RRGGBB"``, in the order of first appearance.

    Examples
    --------
    >>> from framing import plot
    >>> plot.group_colors(["think_tank", "state_media", "unknown"])
    {'think_tank': '#009E73', 'state_media': '#D55E00', 'unknown': '#BBBBBB'}
    >>> plot.group_colors(["Xinhua", "The Star"])
    {'Xinhua': '#E69F00', 'The Star': '#0072B2'}
    """
    names = list(dict.fromkeys(groups))
    taken = {SOURCE_TYPE_COLORS[str(g)] for g in names if str(g) in SOURCE_TYPE_COLORS}
    free = [c for c in GROUP_PALETTE if c not in taken] or list(GROUP_PALETTE)
    others = sorted({str(g) for g in names if str(g) not in SOURCE_TYPE_COLORS and not _is_unknown(g)})
    other = {g: free[i % len(free)] for i, g in enumerate(others)}
    out = {}
    for g in names:
        if palette and g in palette:
            out[g] = palette[g]
        elif str(g) in SOURCE_TYPE_COLORS:
            out[g] = SOURCE_TYPE_COLORS[str(g)]
        else:
            out[g] = UNKNOWN_COLOR if _is_unknown(g) else other[str(g)]
    return out


def _hue_colors(levels, palette=None) -> dict:
    """level -> colour: :func:`group_colors` (a dict ``palette`` overrides it), or a seaborn palette in order."""
    if palette is None or isinstance(palette, dict):
        return group_colors(levels, palette=palette)
    import seaborn as sns

    return dict(zip(levels, sns.color_palette(palette, n_colors=len(levels))))


def _palette(n: int, palette=None) -> list:
    import seaborn as sns

    return sns.color_palette(palette, n_colors=n)


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


def _figsize(width: float, height: float, size_height=None, aspect=None) -> tuple[float, float]:
    """The default (width at most :data:`COLUMN_WIDTH`, height) unless ``height``/``aspect`` set it."""
    width = min(width, COLUMN_WIDTH)
    if size_height is not None and aspect is not None:
        return float(size_height) * float(aspect), float(size_height)
    if size_height is not None:
        return width, float(size_height)
    if aspect is not None:
        return width, width / float(aspect)
    return width, height


def _new_axes(ax, width: float, height: float, size_height=None, aspect=None):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=_figsize(width, height, size_height, aspect), layout="constrained")[1]


def _style(ax):
    """Print sizes (points) for the ticks and axis labels of ``ax``: readable at 7 inches wide."""
    ax.tick_params(labelsize=_TICK)
    ax.xaxis.label.set_fontsize(_LABEL)
    ax.yaxis.label.set_fontsize(_LABEL)


def _short(label, width: int = 48) -> str:
    return textwrap.shorten(str(label), width=width, placeholder="…")


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
    return out if len(out) <= width else _short(out, width) if " " in out[len(prefix):] else out[:width - 1] + "…"


def _with_n(df: pd.DataFrame, key: str, levels, n: str | None) -> dict:
    """level -> ``"state_media (n=12)"`` from column ``n`` (the first value per level), or the name alone."""
    if not n or n not in df.columns:
        return {g: str(g) for g in levels}
    counts = df.groupby(key, sort=False)[n].max()
    out = {}
    for g in levels:
        v = counts.get(g, np.nan)
        out[g] = f"{g} (n={int(v):,})" if pd.notna(v) else str(g)
    return out


def _legend(ax, handles, title):
    """A legend outside the data, right of the axes (constrained layout makes room for it)."""
    return ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0,
                     frameon=False, fontsize=_TEXT, title_fontsize=_TEXT, handletextpad=0.3)


def _cell_texts(wide: pd.DataFrame, fmt: str) -> np.ndarray:
    """Cell annotations: blank for zero (and NaN); ``<0.1`` (``<1%``) for a value that rounds to zero."""
    m = re.search(r"\.(\d+)([f%])", fmt)
    digits, kind = (int(m.group(1)), m.group(2)) if m else (1, "f")
    smallest = 10.0 ** -(digits + (2 if kind == "%" else 0))
    zero = format(0.0, fmt)
    out = np.full(wide.shape, "", dtype=object)
    for (i, j), v in np.ndenumerate(wide.to_numpy(dtype=float)):
        if np.isfinite(v) and v != 0:
            s = format(v, fmt)
            out[i, j] = s if s not in (zero, format(-0.0, fmt)) else "<" + format(smallest, fmt)
    return out


def _heatmap(wide: pd.DataFrame, ax, *, annot, fmt: str, cmap, cbar_label: str, xlabel: str, ylabel: str,
             row_labels, col_labels, percent: bool = False, height=None, aspect=None, **kwargs):
    import seaborn as sns

    if not wide.size:  # nothing to show (no slogan in any group, say): a clear error, not seaborn's
        raise ValueError(f"nothing to draw: the {ylabel.lower() or 'rows'} by {xlabel.lower() or 'columns'} "
                         "table is empty")
    nrow, ncol = wide.shape
    label_in = max(len(s) for s in row_labels) * _CHAR_IN + 0.45
    cbar_in = 0.95
    cell_w = min(0.6, max(0.22, (COLUMN_WIDTH - label_in - cbar_in) / ncol))
    col_in = max(len(s) for s in col_labels) * _CHAR_IN * 0.72 + 0.25 + 0.16 * (xlabel.count("\n") + 1)
    ax = _new_axes(ax, label_in + ncol * cell_w + cbar_in, 0.35 + 0.2 * nrow + col_in, height, aspect)
    if annot is None:
        annot = wide.size <= 400 and cell_w >= 0.3
    if annot is True:
        annot, fmt = _cell_texts(wide, fmt), ""
    cbar_kws = {"label": cbar_label, **kwargs.pop("cbar_kws", {})}
    if percent:
        from matplotlib.ticker import PercentFormatter

        cbar_kws.setdefault("format", PercentFormatter(1.0, decimals=0))
    kwargs.setdefault("vmin", 0)
    sns.heatmap(wide, ax=ax, annot=annot, fmt=fmt, cmap=cmap, linewidths=0.5, cbar_kws=cbar_kws,
                annot_kws={"fontsize": _TEXT, **kwargs.pop("annot_kws", {})}, xticklabels=list(col_labels),
                yticklabels=list(row_labels), **kwargs)
    ax.set_yticks(np.arange(nrow) + 0.5, list(row_labels), rotation=0)
    ax.set_xticks(np.arange(ncol) + 0.5, list(col_labels), rotation=45, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _style(ax)
    cbar = ax.collections[0].colorbar
    if cbar is not None:
        cbar.ax.tick_params(labelsize=_TICK)
        cbar.ax.yaxis.label.set_fontsize(_LABEL)
    return ax


def _drop_empty(wide: pd.DataFrame, used: pd.DataFrame | None = None):
    """``wide`` without the rows and columns that are zero (or NaN) throughout; the columns left out."""
    used = wide if used is None else used
    nonzero = used.fillna(0).astype(float) != 0
    return wide.loc[nonzero.any(axis=1), nonzero.any(axis=0)], [c for c in wide.columns if not nonzero[c].any()]


def _dropped_note(dropped, labels: dict, what: str) -> str:
    if not dropped:
        return ""
    return "\n".join(textwrap.wrap(f"not shown, {what}: " + ", ".join(labels.get(c, str(c)) for c in dropped), 70))


def _fit_texts_x(ax, texts, anchors, clamp=None):
    """Widen the x limits so that each text, written beside its anchor x (data), lies inside the axes."""
    if not texts:
        return
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()  # runs the layout: the axes' final size
        renderer = fig.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        a, b = ax.get_xlim()
        px = ax.transData.transform(np.column_stack([anchors, np.zeros(len(anchors))]))[:, 0]
        reach = np.array([t.get_window_extent(renderer).x1 for t in texts]) - px + 3.0  # pixels right of anchor
        width = box.width
        if np.all(px + reach <= box.x1 + 0.5) or width <= 0:
            break
        reach = np.minimum(reach, 0.8 * width)
        b = max(b, float(np.max(a + (np.asarray(anchors) - a) * width / (width - reach))))
        ax.set_xlim(a, b)
    if clamp is not None:  # no tick past the scale's own ends (-1 and 1 for VADER), nor past the view
        a, b = ax.get_xlim()
        ticks = [t for t in ax.get_xticks() if max(clamp[0], a) - 1e-9 <= t <= min(clamp[1], b) + 1e-9]
        ax.set_xticks(ticks)
        ax.set_xlim(a, b)


def _bbox_overlap(a, b) -> float:
    """Overlap area of two boxes (x0, y0, x1, y1)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


_DIRECTIONS = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
               (0, -1, "center", "top"), (0.7, 0.7, "left", "bottom"), (-0.7, 0.7, "right", "bottom"),
               (0.7, -0.7, "left", "top"), (-0.7, -0.7, "right", "top"))


def _place_labels(ax, labels, radius_pt: float, obstacles=(), lines=(), rings=(2.0, 7.0, 14.0, 24.0)):
    """Put each annotation of ``labels`` (offset from its anchor in points) where it overlaps nothing.

    Tries eight directions around the anchor at growing distances and keeps the first position that
    overlaps no label placed before, no marker (a box of ``radius_pt`` around each anchor) and none
    of ``obstacles`` (artists), inside the axes; else the position that overlaps least. Lines
    (``lines``: patches such as arrows, followed along their path) count too, a little less.
    Deterministic: the same figure gives the same placement.
    """
    if not labels:
        return
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        scale = fig.dpi / 72.0
        frame = ax.get_window_extent(renderer)
        anchors = ax.transData.transform(np.array([t.xy for t in labels], dtype=float))
        r = radius_pt * scale
        markers = [(x - r, y - r, x + r, y + r) for x, y in anchors]
        fixed = [tuple(o.get_window_extent(renderer).extents) for o in obstacles]
        dots = []
        for line in lines:  # a line as a row of small boxes along its path, in display coordinates
            verts = line.get_transform().transform(line.get_path().vertices)
            for a, b in zip(verts[:-1], verts[1:]):
                for f in np.linspace(0, 1, max(2, int(np.hypot(*(b - a)) / 2) + 1)):
                    x, y = a + f * (b - a)
                    dots.append((x - 1.5, y - 1.5, x + 1.5, y + 1.5))
        placed, moved = [], False
        for i, t in enumerate(labels):
            ext = t.get_window_extent(renderer)
            w, h = ext.width, ext.height
            others = fixed + placed + [m for k, m in enumerate(markers) if k != i]
            best = None
            for ring in rings:
                for dx, dy, ha, va in _DIRECTIONS:
                    ox, oy = dx * (radius_pt + ring), dy * (radius_pt + ring)
                    x = anchors[i][0] + ox * scale
                    y = anchors[i][1] + oy * scale
                    x0 = x if ha == "left" else x - w if ha == "right" else x - w / 2
                    y0 = y if va == "bottom" else y - h if va == "top" else y - h / 2
                    box = (x0, y0, x0 + w, y0 + h)
                    cost = sum(_bbox_overlap(box, o) for o in others)
                    cost += 0.5 * sum(_bbox_overlap(box, o) for o in dots)
                    inside = _bbox_overlap(box, tuple(frame.extents))
                    cost += 10.0 * (w * h - inside)
                    if best is None or cost < best[0] - 1e-9:
                        best = (cost, (ox, oy), ha, va, box)
                if best[0] <= 0:
                    break
            cost, offset, ha, va, box = best
            if tuple(t.xyann) != offset or t.get_ha() != ha or t.get_va() != va:
                moved = True
            t.xyann = offset
            t.set_ha(ha)
            t.set_va(va)
            placed.append(box)
        if not moved:
            return


# ---------------------------------------------------------------- topics

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
    df = _require(_topic_table(data), [x, y, hue], "topic_heatmap")
    order_col = "topic" if "topic" in df.columns else y
    wide = df.pivot_table(index=[order_col, y] if order_col != y else y, columns=x, values=hue, aggfunc="first")
    if order_col != y:
        wide = wide.droplevel(0)
    dropped = []
    if drop_empty:
        wide, dropped = _drop_empty(wide)
    if top is not None and len(wide) > top:
        spread = (wide.max(axis=1) - wide.min(axis=1)).to_numpy()
        wide = wide.iloc[np.argsort(-spread, kind="stable")[:top]]
    names = _with_n(df, x, list(wide.columns) + dropped, n)
    xlabel = x + (" (n = documents)" if n and n in df.columns else "")
    note = _dropped_note(dropped, names, "no paragraph in these topics")
    percent = str(fmt).endswith("%")
    cbar_label = "share of the group's paragraphs" if hue == "share" else hue
    return _heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=cbar_label,
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
    ax.set_yticks(np.arange(len(data)), [_short(v, label_width) for v in data[y]])
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # three numbers fit under a narrow panel
    _style(ax)


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
    xlabel = "c-TF-IDF weight" if x == "weight" else x
    if ax is not None or single:
        if len(topics) != 1:
            raise ValueError(f"topic_terms: ax= draws one topic; got {len(topics)} (pass topics=<id>)")
        ax = _new_axes(ax, 4.0, 0.8 + 0.2 * len(df), height, aspect)
        _bars(df, x, y, color=color or _palette(1)[0], ax=ax)
        ax.set_title(_short(df["label"].iat[0], 60), fontsize=_TITLE)
        ax.set_xlabel(xlabel)
        _style(ax)
        return ax
    ncol = min(col_wrap, len(topics))
    aspect = 1.2 if aspect is None else aspect
    height = COLUMN_WIDTH / ncol / aspect if height is None else height
    fits = max(12, int(0.6 * height * aspect / _CHAR_IN))  # a title no wider than the bars under it
    labels = {t: _short_topic(lab, fits) for t, lab in zip(df["topic"], df["label"])}
    df = df.assign(panel=df["topic"].map(labels))
    order = [labels[t] for t in topics]
    grid = sns.FacetGrid(df, col="panel", col_order=order, col_wrap=ncol, sharey=False, sharex=False,
                         height=height, aspect=aspect, **kwargs)
    grid.map_dataframe(_bars, x=x, y=y, color=color or _palette(1)[0])
    grid.set_titles("{col_name}", size=_TEXT)
    grid.set_axis_labels(xlabel, "")
    for panel in grid.axes.flat:
        _style(panel)
    grid.tight_layout()
    return grid


# ---------------------------------------------------------------- slogans, frames, sentiment

_RATE_COLUMN = re.compile(r"per_(\d+(?:\.\d+)?)([km]?)")  # per_1k, per_10k, per_100, per_1m


def _rate_column(df: pd.DataFrame) -> str:
    """The column holding the rates of a slogan_rates table: ``per_1k``, or ``per_10k`` and the like."""
    found = [c for c in df.columns if isinstance(c, str) and _RATE_COLUMN.fullmatch(c)]
    return "per_1k" if "per_1k" in found or not found else found[0]


def _column_per(column: str) -> float | None:
    """Words per which a rate column counts, from its name: ``per_10k`` -> 10,000."""
    m = _RATE_COLUMN.fullmatch(str(column))
    return float(m.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[m.group(2)] if m else None


def _parse_per(value) -> float | None:
    """Words a rate is given per: ``1000``, ``"1,000 words"``, ``"per 10,000 words"``, ``"10k"``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*([kK])?", str(value))
    if not m:
        raise ValueError(f"cannot read the unit of the rates from per={value!r} (expected a number of words)")
    return float(m.group(1).replace(",", "")) * (1000.0 if m.group(2) else 1.0)


def _data_per(df: pd.DataFrame, attrs: dict) -> float | None:
    """The words the table's rates are per: its ``per`` column (one value), else ``attrs["per"]``."""
    if "per" in df.columns:
        units = sorted({u for u in (_parse_per(v) for v in pd.unique(df["per"].dropna())) if u is not None})
        if len(units) > 1:
            raise ValueError(f"slogan_heatmap: the rates are per {', '.join(f'{u:,g}' for u in units)} words; "
                             "draw one unit at a time")
        if units:
            return units[0]
    return _parse_per(attrs.get("per")) if "per" in attrs else None


def slogan_heatmap(data=None, *, x: str = "group", y: str = "label", hue: str | None = None, per: float | None = None,
                   drop_empty: bool = True, ax=None, annot: bool | None = None, fmt: str = ".1f", cmap="mako_r",
                   label_width: int = 40, n: str | None = "n_docs", height: float | None = None,
                   aspect: float | None = None, **kwargs):
    """Slogan family × group heatmap of rates, in the unit of the table.

    Parameters
    ----------
    data : DataFrame
        :func:`framing.slogans.slogan_rates` output.
    x, y : str
        Columns for the groups (heatmap columns) and the families (rows;
        ``label`` is the readable family name, ``feature`` its id).
    hue : str, optional
        Cell value: a rate (default the table's rate column, ``per_1k`` or
        ``per_10k`` and the like; ``ci_low``, ``ci_high``) or another column.
    per : float, optional
        Show the rates per this many words: rescaled from the table's unit and
        labelled so. Default: the table's own unit, read from its ``per``
        column or ``data.attrs["per"]``, else from the rate column's name
        (``per_1k``: 1,000 words); a rate is never rescaled unless asked.
    drop_empty : bool
        Leave out families no group uses and groups that use none (a ``count``
        of zero throughout); the groups left out are named under the figure.
    ax, annot, fmt, cmap, label_width : optional
        As for :func:`topic_heatmap`; zero cells are blank.
    n : str or None
        Column with each group's number of documents, shown as ``"state_media (n=12)"``.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :func:`seaborn.heatmap`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.slogans import slogan_rates
    >>> ax = plot.slogan_heatmap(slogan_rates(framing.load_sample_corpus(), n_boot=200))
    >>> ax.collections[0].colorbar.ax.get_ylabel()
    'per 1,000 words'
    """
    attrs = dict(getattr(data, "attrs", None) or {})
    if hue is None:
        hue = _rate_column(_require(data, [], "slogan_heatmap"))
    df = _require(data, [x, y, hue] + (["count"] if drop_empty else []), "slogan_heatmap")
    rate_col = _rate_column(df)
    rate = hue in (rate_col, "ci_low", "ci_high") or _column_per(hue) is not None
    unit = (_data_per(df, attrs) or _column_per(rate_col if hue in ("ci_low", "ci_high") else hue) or 1000.0
            ) if rate else None
    shown = float(per) if (rate and per is not None) else unit
    scale = shown / unit if rate else 1.0
    wide = df.assign(_value=df[hue].astype(float) * scale).pivot_table(index=y, columns=x, values="_value",
                                                                        aggfunc="first", sort=False)
    dropped = []
    if drop_empty:
        used = df.pivot_table(index=y, columns=x, values="count", aggfunc="sum", sort=False)
        wide, dropped = _drop_empty(wide, used.reindex(index=wide.index, columns=wide.columns))
    names = _with_n(df, x, list(wide.columns) + dropped, n)
    xlabel = x + (" (n = documents)" if n and n in df.columns else "")
    note = _dropped_note(dropped, names, "no slogan")
    label = f"per {shown:,.0f} words" if rate else hue
    return _heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=label,
                    xlabel=xlabel + ("\n" + note if note else ""), ylabel="slogan family",
                    row_labels=[_short(v, label_width) for v in wide.index],
                    col_labels=[names[c] for c in wide.columns], height=height, aspect=aspect, **kwargs)


def _row_order(df: pd.DataFrame, y: str, x: str, order):
    if order is None:
        return list(pd.unique(df[y]))
    if isinstance(order, str):
        if order != "share":
            raise ValueError(f"order must be 'share', None or a list of {y} values, got {order!r}")
        means = df.groupby(y, sort=False)[x].mean()
        return list(means.sort_values(ascending=False, kind="stable").index)
    return list(order)


def _title(df: pd.DataFrame, what: str) -> str:
    """``"Frames by source_type (relationship scheme)"`` from the table's ``by`` and ``scheme`` columns."""
    def one(col):
        vals = pd.unique(df[col].dropna()) if col in df.columns else []
        return str(vals[0]) if len(vals) == 1 else None

    by, scheme = one("by"), one("scheme")
    return what + (f" by {by}" if by else "") + (f" ({scheme} scheme)" if scheme else "")


def frame_profile(data=None, *, x: str = "mean_score", y: str = "label", hue: str | None = "group",
                  ci_low: str = "ci_low", ci_high: str = "ci_high", ax=None, palette=None, label_width: int = 36,
                  order="share", n: str | None = "n_docs", title: str | None = None, height: float | None = None,
                  aspect: float | None = None, **kwargs):
    """Mean frame share per group: a dot per group and frame with its bootstrap CI.

    Frames are rows, ordered by their mean share over the groups (largest
    first); within a row each group has its own line, so no interval crosses
    another group's dot. The share axis runs from 0 to 1 (a frame score
    outside it, from the embedding method, gets an axis fitted to the data).

    Parameters
    ----------
    data : DataFrame
        :func:`framing.frames.frame_profile` output (``group, frame, label,
        n_docs, mean_score, ci_low, ci_high``).
    x, y, hue : str
        Dot position, frame (one row each) and group (one colour each, as in
        :func:`group_colors`; None for one dot per frame).
    ci_low, ci_high : str
        Interval columns; NaN intervals (small groups) draw no line.
    ax : matplotlib Axes, optional
    palette : dict or seaborn palette, optional
        Group colours; default :func:`group_colors`.
    label_width : int
        Frame labels are shortened to this many characters.
    order : "share", None or list
        Row order: by mean share, as in the data, or the ``y`` values given.
    n : str or None
        Column with each group's number of documents, shown in the legend as
        ``"state_media (n=12)"``.
    title : str, optional
        Default ``"Frames by <by> (<scheme> scheme)"``; ``""`` for none.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per group (one dot per row of ``data``); CI
        lines as LineCollections; the legend right of the axes.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.frames import frame_profile, frame_scores
    >>> corpus = framing.load_sample_corpus()
    >>> prof = frame_profile(frame_scores(corpus), corpus, n_boot=200)
    >>> ax = plot.frame_profile(prof)
    >>> from matplotlib.collections import PathCollection
    >>> sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)) == len(prof)
    True
    >>> [float(t) for t in ax.get_xticks()]
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    """
    df = _require(data, [x, y, hue, ci_low, ci_high], "frame_profile")
    y_order = _row_order(df, y, x, order)
    df = df[df[y].isin(y_order)]
    hue_order = list(pd.unique(df[hue])) if hue else [None]
    k = len(hue_order)
    pitch = 0.7 / k  # rows of one frame share 0.7 of its band
    row = df[y].map({v: i for i, v in enumerate(y_order)}).to_numpy(dtype=float)
    slot = df[hue].map({v: j for j, v in enumerate(hue_order)}).to_numpy(dtype=float) if hue else np.zeros(len(df))
    pos = row - 0.35 + pitch / 2 + slot * pitch
    ax = _new_axes(ax, 7.0, 1.1 + len(y_order) * max(0.32, 0.065 * k + 0.14), height, aspect)
    colors = _hue_colors(hue_order, palette) if hue else {None: _palette(1)[0]}
    names = _with_n(df, hue, hue_order, n) if hue else {None: None}
    for i in range(0, len(y_order), 2):
        ax.axhspan(i - 0.5, i + 0.5, color="0.94", zorder=0, linewidth=0)
    kwargs.setdefault("s", 22 if k <= 4 else 14)
    kwargs.setdefault("edgecolors", "0.15")
    kwargs.setdefault("linewidths", 0.5)
    handles = []
    for g in hue_order:
        mask = (df[hue] == g).to_numpy() if hue else np.ones(len(df), bool)
        _ci_lines(ax, pos, df, mask, ci_low, ci_high, colors[g])
        handles.append(ax.scatter(df.loc[mask, x].to_numpy(dtype=float), pos[mask], color=colors[g], zorder=3,
                                  label=names[g], **kwargs))
    values = df[[x, ci_low, ci_high]].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if values.size and values.min() >= 0 and values.max() <= 1:
        ax.set_xlim(-0.02, 1.02)  # a dot at 0 or 1 is drawn whole
        ax.set_xticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        xlabel = "mean share of the frame cues" if x == "mean_score" else x
    else:
        lo, hi = (min(0.0, values.min()), max(0.0, values.max())) if values.size else (0.0, 1.0)
        pad = 0.05 * (hi - lo or 1.0)
        ax.set_xlim(lo - pad, hi + pad)
        xlabel = "mean frame score" if x == "mean_score" else x
    ax.set_yticks(np.arange(len(y_order)), [_short(v, label_width) for v in y_order])
    ax.set_ylim(len(y_order) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="0.85", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("frame")
    if hue and k > 1:
        _legend(ax, handles, hue + (" (n = documents)" if n and n in df.columns else ""))
    title = _title(df, "Frames") if title is None else title
    if title:
        ax.set_title(title, fontsize=_TITLE, loc="left")
    _style(ax)
    return ax


def _ci_lines(ax, pos, df: pd.DataFrame, mask, ci_low: str, ci_high: str, color):
    """Horizontal interval lines for the rows in ``mask``; NaN intervals draw nothing."""
    lo = df.loc[mask, ci_low].to_numpy(dtype=float)
    hi = df.loc[mask, ci_high].to_numpy(dtype=float)
    ok = np.isfinite(lo) & np.isfinite(hi)
    if ok.any():
        ax.hlines(pos[mask][ok], lo[ok], hi[ok], colors=[color], linewidth=1.4, zorder=2)


def actor_sentiment(data=None, *, x: str = "compound", y: str = "label", hue: str | None = "group",
                    ci_low: str = "ci_low", ci_high: str = "ci_high", ax=None, palette=None, label_width: int = 30,
                    n: str | None = "n_sentences", xlim=None, height: float | None = None,
                    aspect: float | None = None, **kwargs):
    """Mean sentiment toward each actor per group, as dots with bootstrap CIs and their n.

    Each actor is a band of rows, one row per group that names it, with the
    number of sentences the mean rests on printed beside the dot. The axis is
    fitted to the data (0 always included, never past -1 or 1).

    Parameters
    ----------
    data : DataFrame
        :func:`framing.sentiment.actor_sentiment` output (``group, actor, label,
        n_sentences, compound, ci_low, ci_high``).
    x, y, hue : str
        Dot position (mean VADER compound, -1 to 1), actor (one band each) and
        group (one colour each, as in :func:`group_colors`).
    ci_low, ci_high : str
        Interval columns; NaN intervals (small groups) draw no line.
    ax : matplotlib Axes, optional
    palette : dict or seaborn palette, optional
        Group colours; default :func:`group_colors`.
    label_width : int
        Actor labels are shortened to this many characters.
    n : str or None
        Column printed beside each dot as ``n=12`` (sentences naming the actor); None for none.
    xlim : (float, float), optional
        Axis limits, e.g. ``(-1, 1)`` for the whole VADER range.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per group (one dot per row), CI lines as
        LineCollections, a dotted line at 0, the n of each dot as a text, the
        legend right of the axes.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.sentiment import actor_sentiment
    >>> table = actor_sentiment(framing.load_sample_corpus(), n_boot=200)
    >>> ax = plot.actor_sentiment(table)
    >>> lo, hi = ax.get_xlim()
    >>> bool(lo <= 0 <= hi and lo >= -1)
    True
    """
    df = _require(data, [x, y, hue, ci_low, ci_high], "actor_sentiment")
    df = df[np.isfinite(df[x].to_numpy(dtype=float))]
    y_order = list(pd.unique(df[y]))
    hue_order = list(pd.unique(df[hue])) if hue else [None]
    rank = {g: j for j, g in enumerate(hue_order)}
    pos = np.zeros(len(df))
    centres, bands, cursor, gap = [], [], 0.0, 0.7
    yv = df[y].to_numpy()
    hv = df[hue].to_numpy() if hue else np.full(len(df), None)
    for v in y_order:
        idx = np.flatnonzero(yv == v)
        idx = idx[np.argsort([rank[h] for h in hv[idx]], kind="stable")]
        pos[idx] = cursor + np.arange(len(idx))
        centres.append(cursor + (len(idx) - 1) / 2)
        bands.append((cursor - 0.5 - gap / 2, cursor + len(idx) - 0.5 + gap / 2))
        cursor += len(idx) + gap
    ax = _new_axes(ax, 7.0, 1.0 + 0.135 * max(cursor, 2.0), height, aspect)
    colors = _hue_colors(hue_order, palette) if hue else {None: _palette(1)[0]}
    for i, (a, b) in enumerate(bands):
        if i % 2 == 0:
            ax.axhspan(a, b, color="0.94", zorder=0, linewidth=0)
    ax.axvline(0, color="0.5", linestyle=":", linewidth=1, zorder=1)
    kwargs.setdefault("s", 22)
    kwargs.setdefault("edgecolors", "0.15")
    kwargs.setdefault("linewidths", 0.5)
    handles = []
    for g in hue_order:
        mask = (hv == g) if hue else np.ones(len(df), bool)
        _ci_lines(ax, pos, df, mask, ci_low, ci_high, colors[g])
        handles.append(ax.scatter(df.loc[mask, x].to_numpy(dtype=float), pos[mask], color=colors[g], zorder=3,
                                  label=str(g) if hue else None, **kwargs))
    values = df[[x, ci_low, ci_high]].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if xlim is not None:
        ax.set_xlim(*xlim)
    else:
        lo, hi = (min(0.0, values.min()), max(0.0, values.max())) if values.size else (-1.0, 1.0)
        pad = 0.06 * ((hi - lo) or 1.0)
        ax.set_xlim(max(-1.0, lo - pad), min(1.0, hi + pad))
    ax.set_yticks(centres, [_short(v, label_width) for v in y_order])
    ax.set_ylim(cursor - gap / 2, -0.5 - gap / 2)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(("mean compound sentiment" if x == "compound" else x)
                  + ("; n = sentences naming the actor" if n == "n_sentences" and n in df.columns
                     else f"; n = {n}" if n and n in df.columns else ""))
    ax.set_ylabel("actor")
    if hue and len(hue_order) > 1:
        _legend(ax, handles, hue)
    _style(ax)
    if n and n in df.columns:
        ends = np.fmax(df[x].to_numpy(dtype=float), df[ci_high].to_numpy(dtype=float))
        texts = [ax.annotate(f"n={int(v):,}" if pd.notna(v) else "", (e, p), xytext=(4, 0),
                             textcoords="offset points", va="center", fontsize=_TEXT, color="0.3")
                 for v, e, p in zip(df[n], ends, pos)]
        if xlim is None:  # widen the axis to the right until every n is inside it
            _fit_texts_x(ax, texts, ends, clamp=(-1.0, 1.0))
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
    ax.scatter(freq[sig], z[sig], s=14, color=color, edgecolors="0.15", linewidths=0.3, label=f"p_adj < {alpha}")
    ax.set_xscale("log")
    ax.axhline(0, color="0.6", linewidth=0.8)
    order = np.argsort(-z, kind="stable")
    top = [i for i in order if z[i] > 0][:n_labels]
    bottom = [i for i in order[::-1] if z[i] < 0][:n_labels]
    for i, c in [(i, "0.1") for i in top] + [(i, "0.45") for i in bottom]:
        ax.annotate(str(data["term"].iat[i]), (freq[i], z[i]), xytext=(3, 0), textcoords="offset points",
                    fontsize=_TEXT, color=c, va="center")
    _style(ax)


def _spread_term_labels(ax):
    """Move the term labels of a panel apart (after the figure's layout is done)."""
    _place_labels(ax, list(ax.texts), radius_pt=2.0, rings=(1.0, 4.0, 8.0, 13.0, 19.0))


def distinctive_terms(data=None, *, x: str | None = None, y: str = "z", group=None, n_labels: int = 10,
                      alpha: float = 0.05, col_wrap: int = 3, height: float | None = None,
                      aspect: float | None = None, ax=None, color=None, palette=None, **kwargs):
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
        Label the ``n_labels`` terms of highest z (dark) and of lowest z (grey).
    alpha : float
        Terms with ``p_adj < alpha`` are drawn in colour, the others grey.
    col_wrap : int
        Panels per row (several groups).
    height, aspect : float, optional
        Several groups: the height (inches) and width / height of each panel,
        as in :class:`seaborn.FacetGrid`; by default the panels of a row fill 7
        inches. One group: the size of a new figure.
    ax : matplotlib Axes, optional
        Draw one group into this Axes.
    color, palette : optional
        Colour of the significant terms: one for all panels, or by group
        (default :func:`group_colors`, the group's colour in every figure).
    **kwargs
        Passed to :class:`seaborn.FacetGrid`.

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
    colors = {g: color for g in groups} if color is not None else _hue_colors(groups, palette)
    xlabel = "frequency (all compared groups)" if x == "frequency" else x
    if ax is not None or len(groups) == 1:
        if len(groups) != 1:
            raise ValueError(f"distinctive_terms: ax= draws one group; got {len(groups)} (pass group=...)")
        ax = _new_axes(ax, 6.0, 4.5, height, aspect)
        _terms_panel(df[df["group"] == groups[0]], x, y, n_labels, alpha, color=colors[groups[0]], ax=ax)
        ax.set_title(str(groups[0]), fontsize=_TITLE)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(y)
        _style(ax)
        _spread_term_labels(ax)
        return ax
    ncol = min(col_wrap, len(groups))
    aspect = 1.15 if aspect is None else aspect
    height = COLUMN_WIDTH / ncol / aspect if height is None else height
    grid = sns.FacetGrid(df, col="group", col_order=groups, col_wrap=ncol, height=height, aspect=aspect,
                         sharey=False, **kwargs)
    for g in groups:
        _terms_panel(df[df["group"] == g], x, y, n_labels, alpha, color=colors[g], ax=grid.axes_dict[g])
    grid.set_titles("{col_name}", size=_LABEL)
    grid.set_axis_labels(xlabel, y)
    for panel in grid.axes.flat:
        _style(panel)
    grid.tight_layout()
    for g in groups:
        _spread_term_labels(grid.axes_dict[g])
    return grid


def _directed(attrs) -> bool:
    """Whether a syndication edge's direction is known (see :func:`syndication_network`)."""
    directed = attrs.get("directed")
    if directed is not None and not pd.isna(directed):
        return bool(directed)
    return not (attrs.get("basis") == "reuse" and attrs.get("direction_basis") == "undetermined")


def _network_layout(graph, seed: int) -> dict:
    """Node positions: each connected part laid out on its own (spring layout, edges about 1 long), the
    parts packed in rows, largest first, so that small parts do not crowd round the large one."""
    import networkx as nx

    und = nx.Graph(graph.to_undirected(as_view=True))
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(und)), key=lambda c: (-len(c), str(c[0])))
    blocks = []
    for nodes in parts:
        if len(nodes) == 1:
            xy = np.zeros((1, 2))
        elif len(nodes) == 2:
            xy = np.array([[0.0, 0.5], [0.0, -0.5]])  # one above the other: room for the labels beside
        else:
            sub = und.subgraph(nodes)
            p = nx.spring_layout(sub, seed=seed, iterations=200)
            xy = np.array([p[v] for v in nodes], dtype=float)
            lengths = [np.linalg.norm(p[u] - p[v]) for u, v in sub.edges]
            xy = (xy - xy.mean(axis=0)) / (np.median(lengths) or 1.0) * 1.1
        xy = xy - xy.min(axis=0)
        blocks.append((nodes, xy, xy.max(axis=0)))
    gap = 1.6
    total = sum((w + gap) * (h + gap) for _, _, (w, h) in blocks)
    row_width = max(max(w for _, _, (w, _) in blocks), 1.6 * np.sqrt(total))
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for nodes, xy, (w, h) in blocks:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        for v, (a, b) in zip(nodes, xy):
            pos[v] = np.array([x + a, y - b])
        x += w + gap
        row_h = max(row_h, h)
    return pos


def syndication_network(data=None, *, hue: str = "source_type", weight: str = "n_articles", ax=None,
                        keep_isolated: bool = False, seed: int = 0, palette=None, height: float | None = None,
                        aspect: float | None = None, **kwargs):
    """Who reprints whom: outlets as nodes, arrows from reprinter to originator, with counts.

    An edge whose direction is undetermined (``directed=False``: the two outlets
    share text, but which one copied is unknown) is a dashed line without an
    arrow, and the legend says how many there are. Node labels are placed
    beside their node where they overlap no other label, node or count.

    Parameters
    ----------
    data : networkx.DiGraph or DataFrame
        :func:`framing.reuse.syndication_graph`, or its edges as a table with
        ``source, target`` and edge attributes. Without a ``directed``
        attribute, an edge whose only ``basis`` is ``reuse`` and whose
        ``direction_basis`` is ``undetermined`` is undetermined.
    hue : str
        Node attribute that colours the nodes (:func:`group_colors`; a legend
        names each value).
    weight : str
        Edge attribute that sets the arrow width and the number printed on it
        (1 where an edge lacks it).
    ax : matplotlib Axes, optional
    keep_isolated : bool
        Also draw outlets with no edge (left out by default).
    seed : int
        Seed of the spring layout: the same graph gives the same picture.
    palette : dict or seaborn palette, optional
        Node colours by ``hue`` value; default :func:`group_colors`.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :func:`networkx.draw_networkx_nodes`.

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
        graph.remove_nodes_from([v for v in list(graph.nodes) if graph.degree(v) == 0])
    pos = _network_layout(graph, seed) if graph.number_of_nodes() else {}
    if pos:
        span = np.ptp(np.array(list(pos.values())), axis=0) + 2.5
        default_h = float(np.clip(COLUMN_WIDTH * span[1] / span[0], 3.0, 5.5)) + 0.8
    else:
        default_h = 3.0
    ax = _new_axes(ax, COLUMN_WIDTH, default_h, height, aspect)
    ax.set_axis_off()
    if not graph.number_of_nodes():
        ax.set_title("no syndication found", fontsize=_TITLE)
        return ax
    kinds = [str(graph.nodes[v].get(hue) or "unknown") for v in graph.nodes]
    levels = sorted(set(kinds))
    colors = _hue_colors(levels, palette)
    node_size = kwargs.pop("node_size", 260)
    kwargs.setdefault("edgecolors", "0.2")
    kwargs.setdefault("linewidths", 0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=[colors[k] for k in kinds], node_size=node_size, **kwargs)
    w = {e: float(graph.edges[e].get(weight, 1) or 1) for e in graph.edges}
    undetermined = [e for e in graph.edges if not _directed(graph.edges[e])]
    skip = set(undetermined)
    directed = [e for e in graph.edges if e not in skip]
    for edges, head, style in ((directed, "-|>", "solid"), (undetermined, "-", "dashed")):
        if edges:
            nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, width=[0.8 + 0.8 * np.sqrt(w[e]) for e in edges],
                                   arrows=True, arrowstyle=head, arrowsize=12, edge_color="0.45", style=style,
                                   node_size=node_size, connectionstyle="arc3,rad=0.08")
    counts = nx.draw_networkx_edge_labels(
        graph, pos, ax=ax, edge_labels={e: f"{w[e]:g}" for e in graph.edges}, font_size=_TEXT, font_weight="bold",
        rotate=False, node_size=node_size, connectionstyle="arc3,rad=0.08",
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "0.45", "linewidth": 0.6})
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[k], markeredgecolor="0.2", label=k)
               for k in levels]
    if undetermined:
        n = len(undetermined)
        handles.append(Line2D([], [], linestyle="--", color="0.4",
                              label=f"{n} edge{'s' if n != 1 else ''} of undetermined direction"))
    ax.legend(handles=handles, title=hue, fontsize=_TEXT, title_fontsize=_TEXT, loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncol=min(3, len(handles)), frameon=False, columnspacing=1.2)
    xy = np.array(list(pos.values()))
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum(0.12 * (hi - lo), 0.6)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_title(f"reprinter \u2192 originator ({weight} on the arrows)", fontsize=_LABEL)
    order = sorted(graph.nodes, key=lambda v: (-graph.degree(v), str(v)))
    labels = [ax.annotate(str(v), pos[v], xytext=(0, 0), textcoords="offset points", fontsize=_TEXT,
                          ha="center", va="center", zorder=4) for v in order]
    _place_labels(ax, labels, radius_pt=np.sqrt(node_size) / 2, obstacles=list(counts.values()),
                  lines=list(ax.patches))
    return ax


# ---------------------------------------------------------------- saving

def figure_of(obj):
    """The matplotlib Figure of a Figure, an Axes or a seaborn grid."""
    from matplotlib.figure import Figure, SubFigure

    if isinstance(obj, (Figure, SubFigure)):
        return obj
    fig = getattr(obj, "figure", None) or getattr(obj, "fig", None)
    if fig is None:
        raise TypeError(f"save_figure: expected a matplotlib Figure, Axes or seaborn grid, got {type(obj).__name__}")
    return fig


def save_figure(fig_or_ax, path_stem, formats=("png", "svg", "pdf"), *, dpi: int = 300, **kwargs) -> list[Path]:
    """Save a figure as PNG, SVG and PDF beside each other, the same bytes on every run.

    PDF and PostScript embed their fonts as TrueType (Type 42), which journals
    and editors accept and which keep the text searchable; this is set for the
    call only (no global style change). Time stamps are left out.

    Parameters
    ----------
    fig_or_ax : Figure, Axes or seaborn grid
    path_stem : str or Path
        Path without the extension: ``"figures/fig1"`` gives ``figures/fig1.png``, ...
        Missing folders are made.
    formats : str or sequence of str
        Extensions understood by :meth:`matplotlib.figure.Figure.savefig`.
    dpi : int
        Resolution of raster formats.
    **kwargs
        Passed to :meth:`~matplotlib.figure.Figure.savefig`.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.slogans import slogan_rates
    >>> ax = plot.slogan_heatmap(slogan_rates(framing.load_sample_corpus(), n_boot=200))
    >>> plot.save_figure(ax, "out/figure1", formats=("pdf", "png"))  # doctest: +SKIP
    [PosixPath('out/figure1.pdf'), PosixPath('out/figure1.png')]
    """
    import matplotlib.pyplot as plt

    fig = figure_of(fig_or_ax)
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None},
                "ps": {"CreationDate": None}, "eps": {"CreationDate": None}}
    paths = []
    # A constrained layout moves a little on each draw at another resolution: let it settle, then hold it
    # while saving, so that every format shows the same layout and a rerun gives the same bytes.
    engine = fig.get_layout_engine()
    fig.draw_without_rendering()
    fig.draw_without_rendering()
    if engine is not None:
        fig.set_layout_engine("none")
    try:
        with plt.rc_context({"pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "framing"}):
            for fmt in formats:
                fmt = fmt.lstrip(".").lower()
                path = stem.with_name(f"{stem.name}.{fmt}")
                fig.savefig(path, format=fmt, dpi=dpi, **{"metadata": metadata.get(fmt), **kwargs})
                paths.append(path)
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    return paths
