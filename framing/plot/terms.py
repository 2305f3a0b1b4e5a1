"""Distinctive terms: frequency against z, the most distinctive terms labelled (:func:`distinctive_terms`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import COLUMN_WIDTH, LABEL_PT, TEXT_PT, TITLE_PT, new_axes, require_columns, style_axes
from ._labels import place_labels
from .colors import hue_colors

__all__ = ["distinctive_terms"]


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
                    fontsize=TEXT_PT, color=c, va="center")
    style_axes(ax)


def _spread_term_labels(ax):
    """Move the term labels of a panel apart (after the figure's layout is done)."""
    place_labels(ax, list(ax.texts), radius_pt=2.0, rings=(1.0, 4.0, 8.0, 13.0, 19.0))


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
    df = require_columns(data, need, "distinctive_terms")
    if x is None:
        x = "frequency"
        df = df.assign(frequency=df["count_group"] + df["count_rest"])
    groups = list(pd.unique(df["group"]))
    if group is not None:
        if group not in groups:
            raise ValueError(f"distinctive_terms: no group {group!r} in the data "
                             f"(groups: {', '.join(map(str, groups))})")
        groups = [group]
    colors = {g: color for g in groups} if color is not None else hue_colors(groups, palette)
    xlabel = "frequency (all compared groups)" if x == "frequency" else x
    if ax is not None or len(groups) == 1:
        if len(groups) != 1:
            raise ValueError(f"distinctive_terms: ax= draws one group; got {len(groups)} (pass group=...)")
        ax = new_axes(ax, 6.0, 4.5, height, aspect)
        _terms_panel(df[df["group"] == groups[0]], x, y, n_labels, alpha, color=colors[groups[0]], ax=ax)
        ax.set_title(str(groups[0]), fontsize=TITLE_PT)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(y)
        style_axes(ax)
        _spread_term_labels(ax)
        return ax
    ncol = min(col_wrap, len(groups))
    aspect = 1.15 if aspect is None else aspect
    height = COLUMN_WIDTH / ncol / aspect if height is None else height
    grid = sns.FacetGrid(df, col="group", col_order=groups, col_wrap=ncol, height=height, aspect=aspect,
                         sharey=False, **kwargs)
    for g in groups:
        _terms_panel(df[df["group"] == g], x, y, n_labels, alpha, color=colors[g], ax=grid.axes_dict[g])
    grid.set_titles("{col_name}", size=LABEL_PT)
    grid.set_axis_labels(xlabel, y)
    for panel in grid.axes.flat:
        style_axes(panel)
    grid.tight_layout()
    for g in groups:
        _spread_term_labels(grid.axes_dict[g])
    return grid
