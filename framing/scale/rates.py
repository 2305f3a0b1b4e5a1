"""Slogan rates of a whole partitioned corpus: exact on the driver, or a Poisson bootstrap on the cluster.

The Poisson path is the map and the combine of the slogan measure
(:mod:`framing.slogans.sums`, :data:`framing.measures.MEASURES`): each
partition's per-group sums (:func:`poisson_group_sums`: documents, words,
counts, documents with a use, and the Poisson-weighted replicate sums) add up
across partitions (:func:`add_group_sums`) to the sums of the whole corpus, from which
:func:`poisson_rate_table` makes the :func:`~framing.slogans.slogan_rates`
table with the rows :func:`~framing.slogans.rate_rows` builds for both.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..slogan_lexicon import SloganLexicon
from ..slogans import RATE_COLUMNS, VOICES, family_names, rate_rows, slogan_rates
from ..slogans.sums import add_group_sums, poisson_group_sums, poisson_weights
from ..stats import finish_rate_table, wilson_interval
from .measures import slogan_lexicon_of
from .parts import dask_scheduler, part_files, read_parts

__all__ = ["poisson_weights", "poisson_group_sums", "add_group_sums", "poisson_rate_table",
           "scaled_slogan_rates"]


def _poisson_part(name: str, out: str, by: str, voice: str, families: list[str], n_boot: int,
                  random_state: int) -> dict:
    """:func:`poisson_group_sums` of one written part."""
    root = Path(out)
    articles = pd.read_parquet(root / "articles" / name, columns=["doc_id", "n_words", by])
    matches = pd.read_parquet(root / "slogan_matches" / name, columns=["doc_id", "family", "quoted"])
    return poisson_group_sums(articles, matches, by, voice, families, n_boot, random_state)


def poisson_rate_table(sums: dict, lexicon: SloganLexicon, by: str, voice: str, ci: float = 0.95) -> pd.DataFrame:
    """The :func:`~framing.slogans.slogan_rates` table (per 1,000 words) from a corpus's :func:`add_group_sums`.

    Counts, rates and document shares are those of ``slogan_rates``; the rate
    intervals are quantiles of the Poisson bootstrap replicates, under the
    same interval rules (:func:`framing.stats.finish_rate_table`).
    """
    families = lexicon.ids
    alpha = (1 - ci) / 2
    rows = []
    for g in sorted(sums):
        s = sums[g]
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = 1000.0 * s["count"] / s["n_words"] if s["n_words"] > 0 else np.full(len(families), np.nan)
            boot = 1000.0 * s["boot_c"] / s["boot_w"][:, None]
        if s["n_docs"] >= 2 and s["n_words"] > 0:
            lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
        else:
            lo = hi = np.full(len(families), np.nan)
        slo, shi = wilson_interval(s["docs_with"], np.full(len(families), s["n_docs"]), ci=ci)
        rows += rate_rows(g, families, family_names(lexicon), counts=s["count"], n_words=int(s["n_words"]),
                          n_docs=s["n_docs"], rate=rate, ci_low=lo, ci_high=hi, docs_with=s["docs_with"],
                          share_low=slo, share_high=shi, by=by, voice=voice, per=1000, notes=[""] * len(families))
    # the same interval rules as slogan_rates: none for small groups, no zero-width intervals
    return finish_rate_table(pd.DataFrame(rows, columns=RATE_COLUMNS), per=1000.0, ci=ci)


def scaled_slogan_rates(out_dir, by: str | list[str] = "source_type", voice: str = "own", *, method: str = "auto",
                        lexicon=None, n_boot: int = 2000, ci: float = 0.95, random_state: int = 0,
                        exact_limit: int = 50_000, client=None) -> pd.DataFrame:
    """:func:`~framing.slogans.slogan_rates` for a corpus written by :func:`analyze_parquet`.

    Only numbers leave the partitions: per-document slogan counts and words
    (``method="bootstrap"``) or per-group sums of Poisson-weighted counts and
    words (``method="poisson"``); texts never do.

    Parameters
    ----------
    out_dir : path
        Output folder of :func:`analyze_parquet` with ``articles`` and ``slogan_matches``.
    by, voice, lexicon, n_boot, ci, random_state
        As for :func:`~framing.slogans.slogan_rates`; ``by`` may list several columns.
    method : {"auto", "bootstrap", "poisson"}
        ``bootstrap`` gathers each document's counts, words and group on the
        driver and calls :func:`~framing.slogans.slogan_rates` itself: the
        same table, intervals included, as on one machine. Its multinomial
        bootstrap holds an ``n_boot x n_docs`` matrix per group, so beyond
        some 50,000 documents ``poisson`` is the way: counts, rates and
        document shares are the same, and the CIs come from a Poisson
        bootstrap (:func:`poisson_weights`) whose replicate sums are added up
        across partitions on the cluster. ``auto`` picks ``bootstrap`` up to
        ``exact_limit`` documents.
    client : distributed.Client or address, optional
        Where the ``poisson`` sums run (default: Dask's current scheduler).

    Returns
    -------
    DataFrame
        The :func:`~framing.slogans.slogan_rates` columns, for each ``by``. The
        intervals resample documents (``ci_method="document"``, both methods);
        outlet-clustered intervals are those of ``slogan_rates`` on one machine.
    """
    import pyarrow.parquet as pq

    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    if method not in ("auto", "bootstrap", "poisson"):
        raise ValueError(f"method must be 'auto', 'bootstrap' or 'poisson', got {method!r}")
    root = Path(out_dir)
    names = [p.name for p in part_files(root, "articles") if (root / "slogan_matches" / p.name).exists()]
    if not names:
        raise FileNotFoundError(f"{out_dir}: no articles with slogan_matches (run analyze_parquet with 'slogans')")
    bys = [by] if isinstance(by, str) else list(by)
    n_docs = sum(pq.ParquetFile(root / "articles" / n).metadata.num_rows for n in names)
    if method == "auto":
        method = "bootstrap" if n_docs <= exact_limit else "poisson"
    lex = slogan_lexicon_of(lexicon)
    tables = []
    if method == "bootstrap":
        a = read_parts([root / "articles" / n for n in names], ["doc_id", "n_words", *bys])
        m = read_parts([root / "slogan_matches" / n for n in names], ["doc_id", "family", "quoted"])
        numbers = Corpus(a, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
        for b in bys:
            tables.append(slogan_rates(numbers, by=b, voice=voice, lexicon=lex, matches=m, n_boot=n_boot, ci=ci,
                                       random_state=random_state, ci_method="document"))
        return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    import dask.bag as db

    for b in bys:
        bag = db.from_sequence(names, npartitions=len(names)).map(_poisson_part, str(root), b, voice, lex.ids,
                                                                   n_boot, random_state)
        with dask_scheduler(client) as get:
            sums = bag.fold(add_group_sums, add_group_sums, initial={}).compute(scheduler=get)
        tables.append(poisson_rate_table(sums, lex, b, voice, ci))
    return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
