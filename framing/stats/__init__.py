"""Uncertainty for corpus measures: document-level bootstrap of rates, Wilson intervals for shares,
outlet-clustered intervals and contrasts between groups.

Words within an article are not independent draws (an outlet that uses a
slogan once tends to use it again), so rates per 1,000 words get confidence
intervals by resampling *documents* with replacement, and where groups are
coarser than the outlet, by resampling outlets and then their documents.

One module each: :mod:`~framing.stats.intervals` (the bootstrap of one group,
exact fallbacks, the rules that leave an interval out, :func:`compare_estimates`),
:mod:`~framing.stats.clusters` (outlets as clusters: :func:`cluster_bootstrap`,
:func:`ci_method_for`) and :mod:`~framing.stats.contrasts` (:func:`contrast`:
a difference, its interval and an outlet-permutation p-value).

Examples
--------
>>> from framing.stats import cluster_bootstrap, group_intervals
>>> group_intervals.__module__, cluster_bootstrap.__module__
('framing.stats.intervals', 'framing.stats.clusters')
"""

from .clusters import (CI_METHODS, MIN_CLUSTERS, ci_method_for, cluster_bootstrap, document_clusters,
                       few_outlets_note, two_stage_sums)
from .contrasts import contrast
from .intervals import (MIN_DOCS, MIN_WORDS, bootstrap_rates, compare_estimates, document_groups,
                        finish_rate_table, group_bootstrap, group_intervals, interval_note, poisson_interval,
                        rate_column, unit_label, wilson_interval)

__all__ = ["MIN_DOCS", "MIN_WORDS", "bootstrap_rates", "document_groups", "group_bootstrap", "wilson_interval",
           "poisson_interval", "interval_note", "group_intervals", "compare_estimates", "rate_column",
           "unit_label", "finish_rate_table", "MIN_CLUSTERS", "CI_METHODS", "ci_method_for", "document_clusters",
           "few_outlets_note", "cluster_bootstrap", "contrast"]
