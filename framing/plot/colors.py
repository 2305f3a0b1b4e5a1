"""Group colours: the same colour for a group in every figure, distinguishable with colour-vision deficiencies."""

from __future__ import annotations

import numpy as np

__all__ = ["GROUP_PALETTE", "SOURCE_TYPE_COLORS", "UNKNOWN_COLOR", "group_colors", "hue_colors",
           "palette_colors"]

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


def hue_colors(levels, palette=None) -> dict:
    """level -> colour: :func:`group_colors` (a dict ``palette`` overrides it), or a seaborn palette in order."""
    if palette is None or isinstance(palette, dict):
        return group_colors(levels, palette=palette)
    import seaborn as sns

    return dict(zip(levels, sns.color_palette(palette, n_colors=len(levels))))


def palette_colors(n: int, palette=None) -> list:
    """``n`` colours of a seaborn palette (None: the current one)."""
    import seaborn as sns

    return sns.color_palette(palette, n_colors=n)
