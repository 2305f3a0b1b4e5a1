"""Dots with intervals by group: frame shares (:func:`frame_profile`) and sentiment toward actors
(:func:`actor_sentiment`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import (TEXT_PT, TITLE_PT, legend_outside, names_with_n, new_axes, require_columns, shorten,
                    style_axes)
from ._labels import fit_texts_x
from .colors import hue_colors, palette_colors

__all__ = ["frame_profile", "actor_sentiment"]


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
    df = require_columns(data, [x, y, hue, ci_low, ci_high], "frame_profile")
    y_order = _row_order(df, y, x, order)
    df = df[df[y].isin(y_order)]
    hue_order = list(pd.unique(df[hue])) if hue else [None]
    k = len(hue_order)
    pitch = 0.7 / k  # rows of one frame share 0.7 of its band
    row = df[y].map({v: i for i, v in enumerate(y_order)}).to_numpy(dtype=float)
    slot = df[hue].map({v: j for j, v in enumerate(hue_order)}).to_numpy(dtype=float) if hue else np.zeros(len(df))
    pos = row - 0.35 + pitch / 2 + slot * pitch
    ax = new_axes(ax, 7.0, 1.1 + len(y_order) * max(0.32, 0.065 * k + 0.14), height, aspect)
    colors = hue_colors(hue_order, palette) if hue else {None: palette_colors(1)[0]}
    names = names_with_n(df, hue, hue_order, n) if hue else {None: None}
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
    ax.set_yticks(np.arange(len(y_order)), [shorten(v, label_width) for v in y_order])
    ax.set_ylim(len(y_order) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="0.85", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("frame")
    if hue and k > 1:
        legend_outside(ax, handles, hue + (" (n = documents)" if n and n in df.columns else ""))
    title = _title(df, "Frames") if title is None else title
    if title:
        ax.set_title(title, fontsize=TITLE_PT, loc="left")
    style_axes(ax)
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
    df = require_columns(data, [x, y, hue, ci_low, ci_high], "actor_sentiment")
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
    ax = new_axes(ax, 7.0, 1.0 + 0.135 * max(cursor, 2.0), height, aspect)
    colors = hue_colors(hue_order, palette) if hue else {None: palette_colors(1)[0]}
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
    ax.set_yticks(centres, [shorten(v, label_width) for v in y_order])
    ax.set_ylim(cursor - gap / 2, -0.5 - gap / 2)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(("mean compound sentiment" if x == "compound" else x)
                  + ("; n = sentences naming the actor" if n == "n_sentences" and n in df.columns
                     else f"; n = {n}" if n and n in df.columns else ""))
    ax.set_ylabel("actor")
    if hue and len(hue_order) > 1:
        legend_outside(ax, handles, hue)
    style_axes(ax)
    if n and n in df.columns:
        ends = np.fmax(df[x].to_numpy(dtype=float), df[ci_high].to_numpy(dtype=float))
        texts = [ax.annotate(f"n={int(v):,}" if pd.notna(v) else "", (e, p), xytext=(4, 0),
                             textcoords="offset points", va="center", fontsize=TEXT_PT, color="0.3")
                 for v, e, p in zip(df[n], ends, pos)]
        if xlim is None:  # widen the axis to the right until every n is inside it
            fit_texts_x(ax, texts, ends, clamp=(-1.0, 1.0))
    return ax
