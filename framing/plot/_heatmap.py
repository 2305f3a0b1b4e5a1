"""The heatmap the topic and slogan figures share: cells sized to the page, blank zeros, dropped rows named."""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd

from ._base import CHAR_IN, COLUMN_WIDTH, LABEL_PT, TEXT_PT, TICK_PT, new_axes, style_axes

__all__ = ["draw_heatmap", "without_empty", "dropped_note"]


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


def draw_heatmap(wide: pd.DataFrame, ax, *, annot, fmt: str, cmap, cbar_label: str, xlabel: str, ylabel: str,
                 row_labels, col_labels, percent: bool = False, height=None, aspect=None, **kwargs):
    """``wide`` (rows × columns) as a seaborn heatmap sized for the page, its ticks and colour bar in print sizes."""
    import seaborn as sns

    if not wide.size:  # nothing to show (no slogan in any group, say): a clear error, not seaborn's
        raise ValueError(f"nothing to draw: the {ylabel.lower() or 'rows'} by {xlabel.lower() or 'columns'} "
                         "table is empty")
    nrow, ncol = wide.shape
    label_in = max(len(s) for s in row_labels) * CHAR_IN + 0.45
    cbar_in = 0.95
    cell_w = min(0.6, max(0.22, (COLUMN_WIDTH - label_in - cbar_in) / ncol))
    col_in = max(len(s) for s in col_labels) * CHAR_IN * 0.72 + 0.25 + 0.16 * (xlabel.count("\n") + 1)
    ax = new_axes(ax, label_in + ncol * cell_w + cbar_in, 0.35 + 0.2 * nrow + col_in, height, aspect)
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
                annot_kws={"fontsize": TEXT_PT, **kwargs.pop("annot_kws", {})}, xticklabels=list(col_labels),
                yticklabels=list(row_labels), **kwargs)
    ax.set_yticks(np.arange(nrow) + 0.5, list(row_labels), rotation=0)
    ax.set_xticks(np.arange(ncol) + 0.5, list(col_labels), rotation=45, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    style_axes(ax)
    cbar = ax.collections[0].colorbar
    if cbar is not None:
        cbar.ax.tick_params(labelsize=TICK_PT)
        cbar.ax.yaxis.label.set_fontsize(LABEL_PT)
    return ax


def without_empty(wide: pd.DataFrame, used: pd.DataFrame | None = None):
    """``wide`` without the rows and columns that are zero (or NaN) throughout; the columns left out."""
    used = wide if used is None else used
    nonzero = used.fillna(0).astype(float) != 0
    return wide.loc[nonzero.any(axis=1), nonzero.any(axis=0)], [c for c in wide.columns if not nonzero[c].any()]


def dropped_note(dropped, labels: dict, what: str) -> str:
    """``"not shown, <what>: a, b"`` wrapped at 70 characters, or ``""`` when nothing was dropped."""
    if not dropped:
        return ""
    return "\n".join(textwrap.wrap(f"not shown, {what}: " + ", ".join(labels.get(c, str(c)) for c in dropped), 70))
