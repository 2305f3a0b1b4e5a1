"""The ``clean`` step: :func:`~framing.read_corpus`'s cleaning on each slice, with the facts of the whole corpus.

A slice's records are read with the file's line numbers
(:func:`~framing.ingest.readers.read_bytes`) and cleaned by
:func:`~framing.ingest.pipeline.clean_pages`, the function read_corpus cleans
every page with. Cleaning needs two facts beyond a slice: each outlet's
boilerplate lines, counted over all slices (:func:`count_shard_lines`,
:func:`summed_boilerplate`), and the record ids used in earlier slices of the
same file. A slice is then cleaned as the whole file would be (:func:`clean_shard`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd

from ..ingest.pipeline import clean_pages
from ..ingest.readers import InputFile, Page, Problem, read_bytes
from ..ingest.repeats import MIN_ARTICLES, line_counts, outlet_boilerplate
from .parts import dask_scheduler, part_files, part_name, peak_rss_mb, write_part
from .plan import Options, Shard, record_chunks, record_ids

__all__ = ["count_shard_lines", "summed_boilerplate", "clean_shard"]


def _chunk_pages(shard: Shard, first_line: int, data: bytes) -> tuple[list[Page], list[Problem]]:
    """The records of a chunk (JSON Lines bytes, or the CSV file) as pages, numbered as in the whole file."""
    # Parquet rows come as the JSON lines they were turned into, named by their file
    suffix = ".csv" if shard.fmt == "csv" else ".jsonl"
    return read_bytes(data, InputFile(Path(shard.path), shard.source_file), suffix=suffix, first_line=first_line,
                      first_byte=shard.start if shard.fmt == "jsonl" else 0)


def count_shard_lines(shard: Shard, out: str, opts: Options, chunk_rows: int) -> None:
    """Pass 0 of ``clean``: the short lines of each outlet in a slice (:func:`framing.ingest.repeats.line_counts`),
    written as ``_work/line_counts`` for :func:`summed_boilerplate`."""
    frames = [line_counts(_chunk_pages(shard, first_line, data)[0])
              for first_line, _, data in record_chunks(shard, chunk_rows, opts.text_column)]
    counts = pd.concat(frames, ignore_index=True) if frames else line_counts([])
    counts = counts.groupby(["outlet", "line"], sort=True, as_index=False)["n_articles"].sum()
    write_part(counts, Path(out) / "_work" / "line_counts" / part_name(shard, 0))


def summed_boilerplate(root: Path, client) -> dict[str, dict[str, int]]:
    """:func:`framing.ingest.repeats.outlet_boilerplate` of the line counts of all slices, summed with a Dask
    groupby; only lines in enough articles to qualify reach the driver."""
    import dask.dataframe as dd

    paths = [str(p) for p in part_files(root / "_work", "line_counts")]
    if not paths:
        return {}
    counts = dd.read_parquet(paths)
    summed = counts.groupby(["outlet", "line"], sort=False)["n_articles"].sum(split_out=max(1, len(paths) // 8))
    with dask_scheduler(client) as get:
        frequent = summed[summed >= MIN_ARTICLES].compute(scheduler=get)
    return outlet_boilerplate(frequent.reset_index())


def _clean_chunk(shard: Shard, first_line: int, first_record: int, data: bytes, opts: Options,
                 boilerplate: dict | None = None):
    """:func:`~framing.ingest.pipeline.clean_pages` on one chunk of records, with the line numbers, page
    numbers and record ids of the whole file.

    Its pages are numbered from ``first_record``, and the record ids that an
    earlier slice of the file used first (``shard.dup_first``) are taken as
    seen, so that their later uses are duplicates as in the whole file.
    Article numbers start at 1 for this chunk (:func:`analyze_part` adds the
    articles of the file's earlier chunks).
    """
    pages, problems = _chunk_pages(shard, first_line, data)
    # whole-file problems ("file is empty", "no text found") are the plan's to report
    problems = [p for p in problems if p.problem != "empty"]
    seen = {(shard.source_file, rid): line for rid, line in shard.dup_first.items() if line < first_line}
    corpus = clean_pages(pages, problems=problems, outlets=opts.outlets, boilerplate=boilerplate or {},
                         line_model=None, prefixes={shard.source_file: shard.prefix}, first_page_no=first_record,
                         seen_ids=seen)
    articles, removed, line_map, problems = corpus.articles, corpus.removed, corpus.line_map, corpus.problems
    if shard.fmt == "parquet":
        articles["format"] = pd.array(["parquet"] * len(articles), dtype=articles["format"].dtype)
    if shard.bom:  # the file's BOM sits in its first slice only
        articles["encoding"] = articles["encoding"].replace("utf-8", "utf-8-sig")
    return articles, removed, line_map, problems


def clean_shard(shard: Shard, out: str, opts: Options, chunk_rows: int,
                 boilerplate: dict | None = None) -> list[dict]:
    """Pass 1 of ``clean``: clean a slice and write its tables (article numbers local to each chunk), with
    the outlets' boilerplate lines counted over all slices."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    root = Path(out)
    parts = []
    for chunk, (first_line, first_record, data) in enumerate(record_chunks(shard, chunk_rows, opts.text_column)):
        articles, removed, line_map, problems = _clean_chunk(shard, first_line, first_record, data, opts,
                                                             boilerplate)
        name = part_name(shard, chunk)
        write_part(articles, root / "_work" / "articles" / name)
        write_part(line_map, root / "_work" / "line_map" / name)
        write_part(removed, root / "removed" / name)
        write_part(problems, root / "problems" / name)
        ids = record_ids(data, first_line, shard.fmt)
        if ids:
            write_part(pd.DataFrame({"source_file": shard.source_file, "record_id": [r for r, _ in ids],
                                     "line_no": [x for _, x in ids], "task": shard.task,
                                     "slice_start": first_line}),
                       root / "_work" / "record_ids" / name)
        parts.append({"name": name, "file_index": shard.file_index, "n_articles": len(articles),
                      "removed": len(removed), "problems": len(problems), "line_map": len(line_map)})
    if parts:
        parts[0].update(cpu_s=time.process_time() - cpu0, wall_s=time.perf_counter() - t0, pid=os.getpid(),
                        peak_rss_mb=peak_rss_mb())
    return parts
