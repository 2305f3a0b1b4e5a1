"""Figures to files: PNG, SVG and PDF with embedded fonts, the same bytes on every run (:func:`save_figure`)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["figure_of", "save_figure"]


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
