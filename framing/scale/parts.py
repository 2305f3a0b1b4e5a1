"""Part files: how :func:`~framing.scale.analyze_parquet` writes its tables and reads them back.

Every table is a folder of Parquet parts, one per partition task (or per
partition of a Dask DataFrame), written whole or not at all, named so that
sorting the names gives corpus order.
"""

from __future__ import annotations

import resource
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

__all__ = ["write_part", "part_name", "peak_rss_mb", "dask_scheduler", "part_files", "read_result",
           "read_parts", "write_partitions", "pq_rows"]

def write_part(df: pd.DataFrame, path: Path) -> None:
    """One part file, written whole or not at all (a re-run task overwrites it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    df.reset_index(drop=True).to_parquet(tmp, index=False)
    tmp.replace(path)


def part_name(shard, chunk: int) -> str:
    """The part file name of a chunk of a slice (:class:`~framing.scale.plan.Shard`): corpus order sorts by name."""
    return f"part-{shard.file_index:05d}-{shard.task:06d}-{chunk:04d}.parquet"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


@contextmanager
def dask_scheduler(client):
    """What ``dask.compute(scheduler=...)`` needs: a client's ``get`` (an address is connected to for the
    call and let go after), or None for Dask's default scheduler."""
    if client is None:
        yield None
    elif isinstance(client, str):
        from distributed import Client

        with Client(client, set_as_default=False) as connected:
            yield connected.get
    else:
        yield client.get


def part_files(root: Path, table: str) -> list[Path]:
    """The part files of a written table, in corpus order."""
    return sorted((root / table).glob("*.parquet"))


def read_result(out_dir, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table written by :func:`analyze_parquet`, as a pandas DataFrame (its parts in corpus order).

    For tables too large for memory, read the folder with
    ``dask.dataframe.read_parquet(Path(out_dir) / name)`` instead.

    Parameters
    ----------
    out_dir : path
        The output folder of :func:`analyze_parquet`.
    name : str
        A table: ``articles, removed, problems, line_map, slogan_matches,
        slogan_rates, frames, sentiment, actor_mentions, minhash, reuse_pairs,
        term_counts``.
    columns : list of str, optional
        Read only these columns.
    """
    files = part_files(Path(out_dir), name)
    if not files:
        have = sorted(p.name for p in Path(out_dir).iterdir() if p.is_dir() and not p.name.startswith("_")) \
            if Path(out_dir).is_dir() else []
        raise FileNotFoundError(f"{out_dir}: no table {name!r} (tables: {', '.join(have) or 'none'})")
    return read_parts(files, columns)


def read_parts(files, columns=None) -> pd.DataFrame:
    """Part files as one DataFrame, a column empty in some parts given the dtype the others have."""
    frames = [pd.read_parquet(f, columns=columns) for f in files]
    if len(frames) == 1:
        return frames[0]
    # a part where a column is empty or all None has it as object: give it the dtype the other parts have
    dtypes: dict = {}
    for f in frames:
        for c in f.columns:
            if not (f[c].dtype == object and f[c].isna().all()):
                dtypes.setdefault(c, f[c].dtype)
    for f in frames:
        for c, dt in dtypes.items():
            if f[c].dtype != dt and f[c].dtype == object and f[c].isna().all():
                f[c] = f[c].astype(dt)
    return pd.concat(frames, ignore_index=True)


def write_partitions(ddf, target: Path, client) -> None:
    """Each partition of a Dask DataFrame as one part file, written on the workers by :func:`write_part`."""
    import dask

    writes = [dask.delayed(write_part)(part, target / f"part-{i:05d}.parquet")
              for i, part in enumerate(ddf.to_delayed())]
    with dask_scheduler(client) as get:
        dask.compute(*writes, scheduler=get)

def pq_rows(path) -> int:
    """Rows of a Parquet file, from its metadata."""
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows
