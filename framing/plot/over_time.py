"""Figures over time: a measure by group per period with its interval (:func:`trend`), and when each group took
up each slogan family (:func:`slogan_timeline`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import COLUMN_WIDTH, TEXT_PT, legend_outside, new_axes, require_columns, shorten, style_axes
from .colors import hue_colors, palette_colors

__all__ = ["trend", "slogan_timeline"]


def _as_timestamps(values: pd.Series, column: str, func: str) -> pd.Series:
    """Dates of a column of Timestamps, pandas Periods (their first day) or date strings."""
    if isinstance(values.dtype, pd.PeriodDtype):
        return values.dt.start_time
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    values = values.map(lambda v: v.start_time if isinstance(v, pd.Period) else v)
    try:
        return pd.to_datetime(values, format="mixed")
    except (ValueError, TypeError) as err:
        raise ValueError(f"{func}: column {column!r} holds values that are not dates or periods: {err}") from None


def _date_axis(ax):
    """Dates on the x axis, labelled as briefly as their range allows (2025, Jun, 17 ...)."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _draw_events(ax, events) -> None:
    """A dashed vertical line at each event's date, its label written up along the line."""
    for when, label in dict(events).items():
        try:
            day = pd.Timestamp(when)
        except (ValueError, TypeError):
            raise ValueError(f"trend: events key {when!r} is not a date (write it as '2025-06-17')") from None
        ax.axvline(day, color="0.35", linestyle="--", linewidth=0.9, zorder=1)
        ax.text(day, 0.98, f" {label}", transform=ax.get_xaxis_transform(), rotation=90, ha="right", va="top",
                fontsize=TEXT_PT, color="0.25")


def trend(data=None, x: str = "period", y: str = "value", hue: str | None = "group", *,
          ci: tuple[str, str] | None = ("ci_low", "ci_high"), events=None, ax=None, palette=None,
          height: float | None = None, aspect: float | None = None, **kwargs):
    """A measure over time: one line per group, its interval as a band, events as labelled vertical lines.

    Parameters
    ----------
    data : DataFrame
        One feature of :func:`framing.trends` (``group, period, feature, value,
        ci_low, ci_high, n_docs, n_words``), or any table with the ``x``, ``y``
        and ``hue`` columns. A table of several features raises a ValueError
        naming them: draw one at a time.
    x : str
        Period column: Timestamps, pandas Periods (drawn at their first day)
        or date strings.
    y : str
        The value drawn.
    hue : str or None
        Group column, one line and colour each (:func:`group_colors`); None
        for one line.
    ci : (str, str) or None
        Low and high interval columns, drawn as a band; NaN intervals (small
        periods) leave a gap, and an interval with a gap on both sides is a
        vertical bar. None draws no band.
    events : dict, optional
        ``{"2025-06-17": "Astana summit"}``: a dashed vertical line at each
        date, labelled.
    ax : matplotlib Axes, optional
    palette : dict or seaborn palette, optional
        Group colours; default :func:`group_colors`.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        One line per group (``ax.lines``, then one per event), one band per
        group with intervals in two adjacent periods (``ax.collections``, a
        PolyCollection; a lone interval is a LineCollection), an event's label as a
        text; the legend right of the axes when there are several groups.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import plot
    >>> table = pd.DataFrame({"group": ["state_media"] * 3 + ["think_tank"] * 3,
    ...                       "period": list(pd.period_range("2025-05", periods=3, freq="M")) * 2,
    ...                       "feature": "mutual_respect", "value": [1.0, 3.0, 2.0, 0.5, 0.6, 1.5],
    ...                       "ci_low": [0.5, 2.0, 1.0, 0.1, 0.2, 1.0], "ci_high": [1.5, 4.0, 3.0, 0.9, 1.0, 2.0]})
    >>> ax = plot.trend(table, events={"2025-06-17": "Astana summit"})
    >>> len(ax.lines), len(ax.collections), ax.texts[0].get_text()
    (3, 2, ' Astana summit')
    """
    need = [x, y, hue] + (list(ci) if ci is not None else [])
    df = require_columns(data, need, "trend")
    if ci is not None and len(ci) != 2:
        raise ValueError(f"trend: ci= takes the low and high interval columns, e.g. ('ci_low', 'ci_high'), not {ci!r}")
    if "feature" in df.columns and df["feature"].nunique() > 1:
        names = ", ".join(map(repr, pd.unique(df["feature"])[:8]))
        raise ValueError(f"trend: data holds {df['feature'].nunique()} features ({names}); draw one at a time, "
                         "e.g. data[data['feature'] == 'mutual_respect']")
    if df.empty:
        raise ValueError("trend: nothing to draw: the table has no rows")
    df = df.assign(_when=_as_timestamps(df[x], x, "trend"))
    keys = ["_when"] + ([hue] if hue else [])
    twice = df[df.duplicated(keys, keep=False)]
    if len(twice):
        first = twice.iloc[0]
        raise ValueError(f"trend: {len(twice)} rows share a {x} and {hue or 'line'} (e.g. {first[x]!s}"
                         + (f", {first[hue]!s}" if hue else "") + "); keep one row per period and group")
    levels = list(pd.unique(df[hue])) if hue else [None]
    colors = hue_colors(levels, palette) if hue else {None: palette_colors(1)[0]}
    ax = new_axes(ax, COLUMN_WIDTH, 3.2, height, aspect)
    kwargs.setdefault("linewidth", 1.6)
    handles = []
    for g in levels:
        part = (df[df[hue] == g] if hue else df).sort_values("_when")
        when = part["_when"].to_numpy()
        kwargs_g = {"marker": "o", "markersize": 3.5, **kwargs} if len(part) <= 30 else kwargs
        (line,) = ax.plot(when, part[y].to_numpy(dtype=float), color=colors[g], label=str(g) if hue else None,
                          zorder=3, **kwargs_g)
        handles.append(line)
        if ci is not None:
            lo, hi = part[ci[0]].to_numpy(dtype=float), part[ci[1]].to_numpy(dtype=float)
            ok = np.isfinite(lo) & np.isfinite(hi)
            joined = ok & (np.r_[False, ok[:-1]] | np.r_[ok[1:], False])  # next to another interval
            if joined.any():
                ax.fill_between(when, np.where(ok, lo, 0.0), np.where(ok, hi, 0.0), where=joined, color=colors[g],
                                alpha=0.2, linewidth=0, zorder=2)
            alone = ok & ~joined  # a band needs two periods: an interval between gaps is a bar
            if alone.any():
                ax.vlines(when[alone], lo[alone], hi[alone], colors=[colors[g]], alpha=0.35, linewidth=4, zorder=2)
    if events:
        _draw_events(ax, events)
    _date_axis(ax)
    ax.set_xlabel(x)
    feature = df["feature"].iat[0] if "feature" in df.columns else None
    ax.set_ylabel(str(feature) if y == "value" and feature is not None else y)
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    if hue and len(levels) > 1:
        legend_outside(ax, handles, hue)
    style_axes(ax)
    return ax


def slogan_timeline(lifecycle=None, *, ax=None, palette=None, label_width: int = 36, height: float | None = None,
                    aspect: float | None = None, **kwargs):
    """When each group took up each slogan family: one row per family, a dot at each group's first use
    and a line on to its last use.

    Parameters
    ----------
    lifecycle : DataFrame
        :func:`framing.slogans.slogan_lifecycle` output (``family, group,
        first_use, last_use``; ``label`` names the rows when present). Groups
        that never used a family are not drawn; families are rows in order of
        first use, the groups of a row in order of their first use.
    ax : matplotlib Axes, optional
    palette : dict or seaborn palette, optional
        Group colours; default :func:`group_colors`.
    label_width : int
        Family labels are shortened to this many characters.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
        Per group, one scatter collection (a dot per family it used) and one
        LineCollection (first to last use); the legend right of the axes.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.slogans import slogan_lifecycle
    >>> life = slogan_lifecycle(framing.load_sample_corpus())
    >>> ax = plot.slogan_timeline(life)
    >>> len(ax.get_yticklabels()) == life.loc[life["n_uses"] > 0, "family"].nunique()
    True
    """
    df = require_columns(lifecycle, ["family", "group", "first_use", "last_use"], "slogan_timeline")
    df = df.assign(first_use=pd.to_datetime(df["first_use"]), last_use=pd.to_datetime(df["last_use"]))
    df = df[df["first_use"].notna()]
    if df.empty:
        raise ValueError("slogan_timeline: nothing to draw: no family was used in a dated article")
    df = df.assign(last_use=df["last_use"].fillna(df["first_use"]))
    families = list(df.groupby("family", sort=False)["first_use"].min().sort_values(kind="stable").index)
    groups = list(df.groupby("group", sort=False)["first_use"].min().sort_values(kind="stable").index)
    row = {f: i for i, f in enumerate(families)}
    slot = {g: j for j, g in enumerate(groups)}
    pitch = 0.7 / len(groups)  # the groups of one family share 0.7 of its row
    pos = df["family"].map(row).to_numpy(dtype=float) - 0.35 + pitch / 2 + df["group"].map(slot).to_numpy() * pitch
    labels = df.drop_duplicates("family").set_index("family")["label"] if "label" in df.columns else None
    # at most 10 in tall: a figure for a page; more families than fit are better drawn a few at a time
    default_h = min(10.0, 1.0 + len(families) * max(0.26, 0.04 * len(groups) + 0.1))
    ax = new_axes(ax, COLUMN_WIDTH, default_h, height, aspect)
    colors = hue_colors(groups, palette)
    for i in range(0, len(families), 2):
        ax.axhspan(i - 0.5, i + 0.5, color="0.94", zorder=0, linewidth=0)
    kwargs.setdefault("s", 22)
    kwargs.setdefault("edgecolors", "0.15")
    kwargs.setdefault("linewidths", 0.5)
    handles = []
    for g in groups:
        mask = (df["group"] == g).to_numpy()
        ax.hlines(pos[mask], df.loc[mask, "first_use"].to_numpy(), df.loc[mask, "last_use"].to_numpy(),
                  colors=[colors[g]], linewidth=1.6, zorder=2)
        handles.append(ax.scatter(df.loc[mask, "first_use"].to_numpy(), pos[mask], color=colors[g], zorder=3,
                                  label=str(g), **kwargs))
    names = [labels.get(f, f) if labels is not None else f for f in families]
    ax.set_yticks(np.arange(len(families)), [shorten(v, label_width) for v in names])
    ax.set_ylim(len(families) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    _date_axis(ax)
    ax.grid(axis="x", color="0.85", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("first use (dot) to last use")
    ax.set_ylabel("slogan family")
    if len(groups) > 1:
        legend_outside(ax, handles, str((getattr(lifecycle, "attrs", None) or {}).get("by", "group")))
    style_axes(ax)
    return ax
