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
:func:`trend`               :func:`framing.trends` (one feature)            Axes
:func:`slogan_timeline`     :func:`framing.slogans.slogan_lifecycle`        Axes
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

# one module per figure or family of figures; _base, _heatmap and _labels hold what they share
from ._base import COLUMN_WIDTH, MIN_FONT_SIZE
from .colors import GROUP_PALETTE, SOURCE_TYPE_COLORS, UNKNOWN_COLOR, group_colors
from .network import syndication_network
from .over_time import slogan_timeline, trend
from .profiles import actor_sentiment, frame_profile
from .saving import figure_of, save_figure
from .slogans import slogan_heatmap
from .terms import distinctive_terms
from .topics import topic_heatmap, topic_terms

__all__ = ["figure_of", "COLUMN_WIDTH", "GROUP_PALETTE", "MIN_FONT_SIZE", "SOURCE_TYPE_COLORS",
           "UNKNOWN_COLOR", "actor_sentiment", "distinctive_terms", "frame_profile", "group_colors",
           "save_figure", "slogan_heatmap", "slogan_timeline", "syndication_network", "topic_heatmap", "topic_terms",
           "trend"]
