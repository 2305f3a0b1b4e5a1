"""Slogan rates as a map and a combine: per-group sums of a part of a corpus, which add up to the whole's.

:func:`slogan_rate_sums` (the map: :func:`poisson_group_sums` of one part)
gives each group's documents, words, counts, documents with a use, and the
Poisson-weighted replicate sums (:func:`poisson_weights`); :func:`summed_group_sums`
(the combine, :func:`add_group_sums` over the parts) gives those of the whole
corpus, however it was cut. :func:`framing.scale.scaled_slogan_rates` runs them
on a Dask cluster and :func:`framing.scale.rates.poisson_rate_table` makes the rate table.

Examples
--------
>>> import framing
>>> corpus = framing.load_sample_corpus()
>>> half = len(corpus.articles) // 2
>>> parts = [framing.Corpus.from_frame(corpus.articles.iloc[s], doc_id="doc_id") for s in (slice(0, half),
...                                                                                        slice(half, None))]
>>> whole = slogan_rate_sums(corpus, n_boot=20)
>>> summed = summed_group_sums([slogan_rate_sums(p, n_boot=20) for p in parts])
>>> all((summed[g]["boot_c"] == whole[g]["boot_c"]).all() for g in whole)
True
"""

from __future__ import annotations

import hashlib
from functools import reduce

import numpy as np
import pandas as pd

from ..stats import document_groups
from .matches import lexicon_of, slogan_matches
from .rates import family_counts, in_voice

__all__ = ["poisson_weights", "poisson_group_sums", "add_group_sums", "slogan_rate_sums", "summed_group_sums"]

_POISSON_CDF = np.cumsum([np.exp(-1.0) / np.prod(np.arange(1, k + 1, dtype=float)) for k in range(40)])


def _mix64(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def poisson_weights(doc_ids, n_boot: int, random_state: int = 0) -> np.ndarray:
    """Poisson(1) bootstrap weights, shape ``(n_boot, n_docs)``, a pure function of each ``doc_id``.

    The Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012)
    replaces the multinomial draw of the ordinary bootstrap, which needs all
    documents in one place, by an independent Poisson(1) count per document and
    replicate. Drawing it from a hash of the ``doc_id`` makes the replicates
    the same however the corpus is partitioned, so per-partition sums of
    weighted counts add up to the replicates of the whole corpus.

    Examples
    --------
    >>> w = poisson_weights(["a#1", "a#2"], 4)
    >>> w.shape, bool((w == poisson_weights(["a#2"], 4)[:, [0]]).all(axis=0)[1])
    ((4, 2), True)
    """
    seeds = np.array([int.from_bytes(hashlib.blake2b(f"{random_state}\x00{d}".encode("utf-8"),
                                                     digest_size=8).digest(), "little") for d in doc_ids],
                     dtype=np.uint64)
    with np.errstate(over="ignore"):
        steps = np.arange(1, n_boot + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = _mix64(seeds[None, :] + steps[:, None])
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return np.searchsorted(_POISSON_CDF, u, side="right").astype(np.float64)


def poisson_group_sums(articles: pd.DataFrame, matches: pd.DataFrame, by: str, voice: str, families: list[str],
                       n_boot: int, random_state: int = 0) -> dict:
    """Per-group sums of one partition (the map of the Poisson path): what :func:`add_group_sums` adds up.

    Parameters
    ----------
    articles : DataFrame
        ``doc_id, n_words`` and ``by``.
    matches : DataFrame
        Counted :func:`~framing.slogans.slogan_matches`: ``doc_id, family, quoted``.
    by, voice
        As for :func:`~framing.slogans.slogan_rates`.
    families : list of str
        Family ids, in column order.
    n_boot, random_state
        Replicates of :func:`poisson_weights`.

    Returns
    -------
    dict
        Group label -> ``n_docs, n_words, count, docs_with`` (per family),
        ``boot_c`` (``n_boot x`` families) and ``boot_w`` (``n_boot``):
        the weighted sums of counts and words.
    """
    counts = family_counts(in_voice(matches, voice), articles["doc_id"], families).astype(float)
    words = articles["n_words"].to_numpy(dtype=float)
    groups = document_groups(articles, by).to_numpy()
    sums = {}
    for g in np.unique(groups):
        mask = groups == g
        w = poisson_weights(articles["doc_id"].to_numpy()[mask], n_boot, random_state)
        sums[g] = {"n_docs": int(mask.sum()), "n_words": float(words[mask].sum()),
                   "count": counts[mask].sum(axis=0), "docs_with": (counts[mask] > 0).sum(axis=0),
                   "boot_c": w @ counts[mask], "boot_w": w @ words[mask]}
    return sums


def add_group_sums(x: dict, y: dict) -> dict:
    """Two partitions' :func:`poisson_group_sums` added up, group by group (the combine)."""
    out = dict(x)
    for g, s in y.items():
        out[g] = {k: out[g][k] + v for k, v in s.items()} if g in out else s
    return out


def slogan_rate_sums(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                     n_boot: int = 2000, random_state: int = 0) -> dict:
    """:func:`poisson_group_sums` of a corpus (or one part of it): the map of slogan rates.

    ``matches`` (:func:`~framing.slogans.slogan_matches` of the corpus) are found when not given.
    """
    lex = lexicon_of(lexicon)
    matches = slogan_matches(corpus, lex) if matches is None else matches
    return poisson_group_sums(corpus.articles, matches, by, voice, lex.ids, n_boot, random_state)


def summed_group_sums(parts) -> dict:
    """The :func:`slogan_rate_sums` of the parts of a corpus added up: those of the whole (the combine)."""
    return reduce(add_group_sums, parts, {})
