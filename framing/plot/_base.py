"""What every figure shares: print sizes, a table with the columns a figure needs, a new Axes, labels."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

__all__ = ["COLUMN_WIDTH", "MIN_FONT_SIZE", "TICK_PT", "TEXT_PT", "LABEL_PT", "TITLE_PT", "CHAR_IN",
           "require_columns", "new_axes", "style_axes", "shorten", "names_with_n", "legend_outside"]

#: Widest default figure, in inches: a page-wide column of a journal (and 16:9 on a projector).
COLUMN_WIDTH = 7.0
#: No text of a figure at its default size is smaller than this, in points.
MIN_FONT_SIZE = 8.0
TICK_PT, TEXT_PT, LABEL_PT, TITLE_PT = 8.0, 8.0, 9.0, 10.0  # font sizes, points
CHAR_IN = 0.062  # mean width of a character at 8 pt, inches (DejaVu Sans): to size figures before drawing


def require_columns(data, columns, func: str) -> pd.DataFrame:
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


def new_axes(ax, width: float, height: float, size_height=None, aspect=None):
    """``ax``, or the Axes of a new figure of the default size (see :func:`_figsize`), constrained layout."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=_figsize(width, height, size_height, aspect), layout="constrained")[1]


def style_axes(ax):
    """Print sizes (points) for the ticks and axis labels of ``ax``: readable at 7 inches wide."""
    ax.tick_params(labelsize=TICK_PT)
    ax.xaxis.label.set_fontsize(LABEL_PT)
    ax.yaxis.label.set_fontsize(LABEL_PT)


def shorten(label, width: int = 48) -> str:
    """``label`` as text of at most ``width`` characters, cut at a word and ended with an ellipsis."""
    return textwrap.shorten(str(label), width=width, placeholder="…")



def names_with_n(df: pd.DataFrame, key: str, levels, n: str | None) -> dict:
    """level -> ``"state_media (n=12)"`` from column ``n`` (the first value per level), or the name alone."""
    if not n or n not in df.columns:
        return {g: str(g) for g in levels}
    counts = df.groupby(key, sort=False)[n].max()
    out = {}
    for g in levels:
        v = counts.get(g, np.nan)
        out[g] = f"{g} (n={int(v):,})" if pd.notna(v) else str(g)
    return out


def legend_outside(ax, handles, title):
    """A legend outside the data, right of the axes (constrained layout makes room for it)."""
    return ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0,
                     frameon=False, fontsize=TEXT_PT, title_fontsize=TEXT_PT, handletextpad=0.3)
