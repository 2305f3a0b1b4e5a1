"""The ``clean`` step: :func:`~framing.read_corpus` on each slice, with the facts of the whole corpus.

Cleaning needs two facts beyond a slice: each outlet's boilerplate lines,
counted over all slices (:func:`count_shard_lines`, :func:`summed_boilerplate`),
and the record ids used in earlier slices of the same file. A slice is then
cleaned as the whole file would be (:func:`clean_shard`).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from ..corpus import read_corpus
from ..ingest.readers import discover, read_file
from ..ingest.repeats import MIN_ARTICLES, line_counts, outlet_boilerplate
from .parts import dask_scheduler, part_files, part_name, peak_rss_mb, write_part
from .plan import Options, Shard, record_chunks, record_ids

__all__ = ["count_shard_lines", "summed_boilerplate", "clean_shard"]

def _written_chunk(tmp: str, shard: Shard, data: bytes, padding: list[bytes] = ()) -> str:
    """Write a chunk of records to ``tmp`` under the shard's name (Parquet rows as JSON lines); its display name."""
    shown = shard.source_file + (".jsonl" if shard.fmt == "parquet" else "")
    target = Path(tmp, shown)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(b"".join(p + b"\n" for p in padding))
        fh.write(data)
    return shown


def count_shard_lines(shard: Shard, out: str, opts: Options, chunk_rows: int) -> None:
    """Pass 0 of ``clean``: the short lines of each outlet in a slice (:func:`framing.ingest.repeats.line_counts`),
    written as ``_work/line_counts`` for :func:`summed_boilerplate`."""
    frames = []
    for _, _, data in record_chunks(shard, chunk_rows, opts.text_column):
        with tempfile.TemporaryDirectory(prefix="framing-scale-") as tmp:
            _written_chunk(tmp, shard, data)
            files, _, _ = discover([tmp])
            frames += [line_counts(read_file(f)[0]) for f in files]
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
    """``read_corpus`` on one chunk of records, with the line numbers, page numbers and ids of the whole file.

    The chunk is written to a temporary file of the shard's name, after
    ``first_line - 1`` padding lines: blank ones (read_corpus skips them) and,
    at the line of its first use, a stand-in for each record id that an earlier
    slice already used, so read_corpus treats later uses as duplicates as it
    would in the whole file. Rows from the padding are then dropped, and
    article numbers restart at 1 for this chunk (:func:`analyze_part` adds
    the articles of the file's earlier chunks).
    """
    with tempfile.TemporaryDirectory(prefix="framing-scale-") as tmp:
        earlier = {rid: line for rid, line in shard.dup_first.items() if line < first_line}
        padding = [b""] * (first_line - 1)
        for rid, line in earlier.items():
            padding[line - 1] = json.dumps({"id": rid, "text": "-"}).encode()
        # Parquet rows are read as the JSON lines they were turned into
        shown = _written_chunk(tmp, shard, data, padding)
        corpus = read_corpus(tmp, outlets=opts.outlets, boilerplate=boilerplate or {})
    articles, removed, line_map, problems = corpus.articles, corpus.removed, corpus.line_map, corpus.problems
    keep = articles["line_start"] >= first_line
    n_padding = int((~keep).sum())
    articles = articles[keep].reset_index(drop=True)
    removed = removed[removed["line_no"] >= first_line].reset_index(drop=True)
    line_map = line_map[line_map["line_no"] >= first_line].reset_index(drop=True)
    line_map["page"] += first_record - len(earlier)
    # whole-file problems ("file is empty", "no text found") are the plan's to report
    problems = problems[(problems["problem"] != "empty") & ~(problems["line_no"] < first_line).fillna(False)].copy()

    def local(ids: pd.Series) -> pd.Series:
        num = ids.str.rsplit("#", n=1).str[1].astype("int64") - n_padding
        return (shard.prefix + "#" + num.astype(str)).astype(ids.dtype)

    if len(articles):
        articles["doc_id"] = local(articles["doc_id"])
        mapped = line_map["doc_id"].notna()
        line_map.loc[mapped, "doc_id"] = local(line_map.loc[mapped, "doc_id"])
    if shard.fmt == "parquet":
        articles["format"] = pd.array(["parquet"] * len(articles), dtype=articles["format"].dtype)
        for table in (articles, removed, line_map, problems):
            table["source_file"] = table["source_file"].replace(shown, shard.source_file)
        problems["message"] = problems["message"].str.replace(shown, shard.source_file, n=1, regex=False)
    if shard.bom:  # the file's BOM sits in its first slice only
        articles["encoding"] = articles["encoding"].replace("utf-8", "utf-8-sig")
    return articles, removed, line_map, problems.reset_index(drop=True)


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
