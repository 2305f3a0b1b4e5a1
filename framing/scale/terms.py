"""Term counts of a whole partitioned corpus, summed with a Dask groupby, and its distinctive terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from ..keyness import distinctive_terms, term_counts
from .parts import part_files, read_result, write_partitions

__all__ = ["summed_term_counts", "scaled_distinctive_terms"]

def _part_term_counts(path: str, bys: tuple[str, ...]) -> pd.DataFrame:
    """:func:`framing.keyness.term_counts` of one part, long: ``by, group, term, count`` (non-zero counts)."""
    a = pd.read_parquet(path, columns=["doc_id", "text", *bys])
    frames = []
    for b in bys:
        wide = term_counts(a, by=b)
        long = wide.reset_index().melt(id_vars="term", var_name="group", value_name="count")
        long = long[long["count"] > 0]
        frames.append(pd.DataFrame({"by": b, "group": long["group"].astype(str).to_numpy(),
                                    "term": long["term"].astype(str).to_numpy(),
                                    "count": long["count"].to_numpy(dtype=np.int64)}))
    return pd.concat(frames, ignore_index=True) if frames else _TERM_META.copy()


_TERM_META = pd.DataFrame({"by": pd.Series([], dtype="string"), "group": pd.Series([], dtype="string"),
                           "term": pd.Series([], dtype="string"), "count": pd.Series([], dtype="int64")})


def summed_term_counts(out_dir, by: str | list[str] = "source_type", *, client=None) -> Path:
    """Term counts per group summed over all partitions, written as ``term_counts/`` (Parquet).

    Each partition counts its articles' words with
    :func:`framing.keyness.term_counts` (its tokens, lower-casing and quote
    handling); a Dask groupby then sums the counts by ``(by, group, term)``,
    so neither texts nor a partition's vocabulary travel to the driver.

    Returns
    -------
    Path
        The ``term_counts`` folder: ``by, group, term, count`` (non-zero counts),
        the input of :func:`scaled_distinctive_terms`.
    """
    import dask.dataframe as dd

    root = Path(out_dir)
    paths = [str(p) for p in part_files(root, "articles")]
    if not paths:
        raise FileNotFoundError(f"{out_dir}: no articles table")
    bys = (by,) if isinstance(by, str) else tuple(by)
    counts = dd.from_map(_part_term_counts, paths, bys=bys, meta=_TERM_META, enforce_metadata=False)
    summed = counts.groupby(["by", "group", "term"], sort=False)["count"].sum(split_out=max(1, len(paths) // 8))
    target = root / "term_counts"
    shutil.rmtree(target, ignore_errors=True)
    write_partitions(summed.reset_index(), target, client)
    return target


def scaled_distinctive_terms(out_dir, by: str = "source_type", **kwargs) -> pd.DataFrame:
    """:func:`framing.keyness.distinctive_terms` from the summed ``term_counts`` of a run.

    The term × group table is built from the summed counts (its size is the
    vocabulary times the groups, not the corpus) and handed to
    ``distinctive_terms`` as a count table, so the statistics are those of the
    single-machine call on the whole corpus. ``kwargs`` go to
    ``distinctive_terms`` (``method``, ``groups``, ``prior``, ``min_count``, ...).
    """
    counts = read_result(out_dir, "term_counts")
    counts = counts[counts["by"] == by]
    if counts.empty:
        raise ValueError(f"{out_dir}: no term counts grouped by {by!r} (run with by={by!r} and the 'terms' step)")
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(sorted(wide.columns), axis=1).astype("int64").sort_index()
    wide.columns.name = None
    return distinctive_terms(wide, by=by, **kwargs)
