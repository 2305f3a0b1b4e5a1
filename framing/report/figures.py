"""The report's figures: which :mod:`framing.plot` figure each table gives, drawn, captioned and saved.

:data:`FIGURES` lists them with the captions a reader needs (each measure's figures, as
:data:`framing.measures.MEASURES` gives them: ``(name, table, rows to keep,
framing.plot function, title, caption)``);
:func:`draw_figures` draws each that the comparison's tables allow (one colour
per group in every figure), :func:`figure_pngs` gives them as PNG bytes and
:func:`save_figures` writes them as files.

Examples
--------
>>> [name for name, *_ in FIGURES][:3]
['slogans', 'frames', 'actor_sentiment']
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .. import plot
from ..comparison import Comparison
from ..measures import FIGURES, measures
from ..plot import save_figure
from ..stats import MIN_CLUSTERS, MIN_DOCS, MIN_WORDS, document_groups, unit_label
from .manifest import is_constructed_sample, mark_constructed
from .tables import rate_unit

__all__ = ["FIGURE_DPI", "FIGURE_FORMATS", "ALL_FIGURE_FORMATS", "FIGURES", "interval_method", "top_trend_feature",
           "draw_figures", "figure_pngs", "checked_figure_formats", "save_figures"]

#: Resolution of the report's figures: a 7-inch figure is 1,050 px wide, sharp on a phone held close.
FIGURE_DPI = 150
#: Files written for each figure by :func:`write_report` by default: the PNG the report embeds. SVG and
#: PDF (for print) on request; they tripled the time the figures took (the PDF's embedded fonts most of it).
FIGURE_FORMATS = ("png",)
#: Every format :func:`write_report` can write (``figure_formats``).
ALL_FIGURE_FORMATS = ("png", "svg", "pdf")


def interval_method(comparison: "Comparison") -> str:
    """How the comparison's intervals were made, in words for captions.

    Examples
    --------
    >>> from framing.comparison import Comparison
    >>> interval_method(Comparison(None, params={"ci_method": "outlet"}))
    'outlet-clustered bootstrap'
    """
    return ("outlet-clustered bootstrap" if comparison.params.get("ci_method") == "outlet"
            else "document-bootstrap")


def _group_names(comparison: "Comparison") -> list:
    groups = comparison.tables.get("groups")
    if groups is not None and "group" in groups:
        return list(groups["group"])
    by = comparison.params.get("by", "source_type")
    a = comparison.corpus.articles
    return sorted(pd.unique(document_groups(a, by))) if by in a.columns else []


def top_trend_feature(trend: pd.DataFrame):
    """The feature of a :func:`framing.trends` table drawn in the report: the one counted most over all
    groups and periods ("mixed" and "none" frames aside, unless nothing else is counted)."""
    counts = trend.groupby("feature", sort=False)["count"].sum()
    named = counts.drop([f for f in ("mixed", "none") if f in counts.index])
    counts = named if len(named) and named.max() > 0 else counts
    return counts.idxmax()


def draw_figures(comparison: "Comparison"):
    """Draw each figure :mod:`framing.plot` can make from the comparison.

    Groups keep one colour in every figure (:func:`framing.plot.group_colors`
    over all the comparison's groups, publishers included), and every figure
    drawn from the bundled sample says so at its top (:func:`mark_constructed`).
    A figure that cannot be drawn is left out with a note in
    ``comparison.warnings``.

    Yields
    ------
    tuple
        ``(name, figure, title, caption)``; the caller closes the figure.
    """
    import inspect

    import matplotlib.pyplot as plt  # matplotlib only once figures are drawn

    params = comparison.params
    small = (f"groups of fewer than {params.get('min_docs', MIN_DOCS)} documents or "
             f"{params.get('min_words', MIN_WORDS):,} words"
             + (f" or {MIN_CLUSTERS} publishers" if params.get("ci_method") == "outlet" else ""))
    palette = plot.group_colors(_group_names(comparison))  # a publisher's colour is the same in every figure
    constructed = is_constructed_sample(comparison)
    for figure in (f for m in measures() for f in m.figures):
        name, func, title, caption, keep = figure.name, figure.plot, figure.title, figure.caption, figure.keep
        data = comparison.tables.get(figure.table)
        if data is None or not len(data):
            continue
        for col, value in keep.items():
            data = data[data[col] == value]
        if func == "trend" and "feature" not in keep:
            data = data[data["feature"] == top_trend_feature(data)]
        if not len(data):  # e.g. no own-voice slogan in a tiny corpus
            continue
        if figure.significant_only and "significant" in data and not data["significant"].any():
            continue  # no term passes the test: the section says so, and a labelled scatter would not
        if figure.graph:  # e.g. the network, drawn from the graph, which carries node types
            data = comparison.graphs[figure.graph]
        per = rate_unit(data) if figure.rate else None
        caption = caption.format(unit=unit_label(per or 1000), small=small, method=interval_method(comparison),
                                 feature=data["label"].iat[0] if func == "trend" else "",
                                 freq=params.get("freq"),
                                 alpha=data.attrs.get("alpha", 0.05) if hasattr(data, "attrs") else 0.05)
        draw = getattr(plot, func)
        kwargs = {"per": per} if per and func != "trend" else {}  # the figure in the table's unit
        if "palette" in inspect.signature(draw).parameters and not figure.graph:
            kwargs["palette"] = palette
        before = set(plt.get_fignums())
        try:
            ax = draw(data, **kwargs)
            fig = ax.figure if hasattr(ax, "figure") else ax.fig  # an Axes, or a seaborn grid
            if constructed:
                mark_constructed(fig)
        except Exception as exc:  # one figure that cannot be drawn never loses the report
            for num in set(plt.get_fignums()) - before:
                plt.close(num)
            comparison.warnings.append(f"Figure '{title}' left out: {type(exc).__name__}: {exc}")
            continue
        yield name, fig, title, caption


def figure_pngs(comparison: "Comparison", *, dpi: int = FIGURE_DPI) -> dict[str, dict]:
    """Each figure :mod:`framing.plot` can draw from the comparison, as PNG bytes.

    Parameters
    ----------
    comparison : Comparison
    dpi : int
        150 by default: a 7-inch figure is 1,050 pixels wide, so its 8 pt text
        stays legible where the report shows it at a phone's full width.

    Returns
    -------
    dict
        name -> ``title, caption, png`` for the slogan heatmap, frame
        profiles, actor sentiment, topics by group, distinctive terms and the
        syndication network, each where its table is not empty.
    """
    import matplotlib.pyplot as plt

    out = {}
    for name, fig, title, caption in draw_figures(comparison):
        try:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            plt.close(fig)
        out[name] = {"title": title, "caption": caption, "png": buf.getvalue()}
    return out


def checked_figure_formats(formats) -> tuple[str, ...]:
    """The formats to write, PNG first (the report embeds it) and each once; a clear error for another."""
    formats = (formats,) if isinstance(formats, str) else tuple(formats or ())
    wanted = [str(f).lower().lstrip(".") for f in formats]
    unknown = sorted(set(wanted) - set(ALL_FIGURE_FORMATS))
    if unknown:
        raise ValueError(f"figure_formats: unknown format(s) {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(ALL_FIGURE_FORMATS)}")
    return tuple(dict.fromkeys(["png", *wanted]))


def save_figures(comparison: "Comparison", folder: Path, *, dpi: int = FIGURE_DPI,
                  formats=FIGURE_FORMATS) -> tuple[dict, dict]:
    """Every figure into ``folder`` as PNG and the other ``formats`` (:func:`framing.plot.save_figure`).

    Returns the figures as :func:`figure_pngs` gives them (with ``file``, the
    PNG's path relative to the report) and name -> paths written.
    """
    import matplotlib.pyplot as plt  # matplotlib only once figures are drawn

    formats = checked_figure_formats(formats)
    figures, paths = {}, {}
    for name, fig, title, caption in draw_figures(comparison):
        try:
            written = save_figure(fig, folder / name, formats=formats, dpi=dpi)
        finally:
            plt.close(fig)
        png = next(p for p in written if p.suffix == ".png")
        figures[name] = {"title": title, "caption": caption, "png": png.read_bytes(),
                         "file": f"{folder.name}/{png.name}",
                         "other_files": [f"{folder.name}/{p.name}" for p in written if p.suffix != ".png"]}
        paths[name] = written
    return figures, paths
