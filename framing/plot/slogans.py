"""Slogan figures: slogan family × group rates (:func:`slogan_heatmap`)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._base import names_with_n, require_columns, shorten
from ._heatmap import draw_heatmap, dropped_note, without_empty

__all__ = ["slogan_heatmap"]

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
        hue = _rate_column(require_columns(data, [], "slogan_heatmap"))
    df = require_columns(data, [x, y, hue] + (["count"] if drop_empty else []), "slogan_heatmap")
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
        wide, dropped = without_empty(wide, used.reindex(index=wide.index, columns=wide.columns))
    names = names_with_n(df, x, list(wide.columns) + dropped, n)
    xlabel = x + (" (n = documents)" if n and n in df.columns else "")
    note = dropped_note(dropped, names, "no slogan")
    label = f"per {shown:,.0f} words" if rate else hue
    return draw_heatmap(wide, ax, annot=annot, fmt=fmt, cmap=cmap, cbar_label=label,
                        xlabel=xlabel + ("\n" + note if note else ""), ylabel="slogan family",
                        row_labels=[shorten(v, label_width) for v in wide.index],
                        col_labels=[names[c] for c in wide.columns], height=height, aspect=aspect, **kwargs)
