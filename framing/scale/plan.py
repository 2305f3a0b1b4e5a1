"""The plan of a run: settings, input files, their slices (shards), and the records of a slice.

A JSON Lines file is cut at line ends into slices of about ``partition_size``
lines, a Parquet file into runs of whole row groups; each slice knows the line
and record numbers it starts at, so that cleaning numbers lines, pages and
``doc_id`` values as :func:`~framing.read_corpus` does over the whole file.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..ingest.readers import ID_COLUMNS, TEXT_COLUMNS, Problem, decode, pick_field, split_lines
from ..measures import measures

__all__ = ["STEPS", "DEFAULT_STEPS", "RECORD_SUFFIXES", "PART_TABLES", "WHOLE_TABLES", "ReuseParams", "Options",
           "Shard", "input_files", "scan_jsonl", "plan_file", "record_chunks", "record_ids", "article_frames"]

# cleaning, then each measure's scale_step (framing.measures), in the order the steps were added
STEPS = ("clean", "slogans", "frames", "sentiment", "minhash", "terms")
DEFAULT_STEPS = STEPS
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
# tables written by the per-partition pass, in the order a user meets them: the corpus's, then each measure's
PART_TABLES = ("articles", "removed", "problems", "line_map", *(t for m in measures() for t in m.part_tables))
# tables of the whole corpus, made from the written parts after the per-partition pass
WHOLE_TABLES = tuple(t for m in measures() for t in m.scale_tables)


@dataclass(frozen=True)
class ReuseParams:
    """Passage reuse settings, those of :func:`framing.reuse.reuse_pairs` (same defaults).

    Passages (``level``: sentences or paragraphs) of at least ``min_words``
    words are sets of word ``shingle``-grams; their datasketch MinHash
    signatures (``num_perm`` permutations, ``seed``) are banded with
    :func:`framing.reuse.lsh_params` for ``threshold``, and candidate pairs are
    kept when the exact Jaccard similarity of their shingle sets reaches
    ``threshold``. A passage found in more than ``max_group`` places is paired
    through its first occurrence only.
    """

    level: str = "sentence"
    threshold: float = 0.5
    num_perm: int = 128
    shingle: int = 3
    min_words: int = 5
    max_group: int = 100
    seed: int = 1


@dataclass(frozen=True)
class Options:
    """The settings of a run that every partition task needs (see :func:`~framing.scale.analyze_parquet`)."""

    steps: tuple[str, ...]
    text_column: str | None
    id_column: str | None
    lexicon: object
    outlets: object
    frame_schemes: tuple[str, ...]
    sentiment_level: str
    sentiment_lexicon: str
    reuse: ReuseParams


@dataclass(frozen=True)
class Shard:
    """One task's slice of one input file."""

    path: str
    source_file: str
    fmt: str
    prefix: str
    file_index: int
    task: int
    start: int = 0  # jsonl: byte offset; parquet: first row group
    end: int = -1  # jsonl: byte offset (exclusive); parquet: last row group (exclusive)
    first_line: int = 1  # jsonl: line number of the first line; parquet/csv: 1
    first_record: int = 0  # records (non-blank lines, rows) before this slice in the file
    bom: bool = False
    ordinal: int = 0  # place of the slice among all slices, in corpus order
    dup_first: dict = field(default_factory=dict, hash=False)  # record id -> line of its first use


def _named_files(raw: str) -> list[tuple[Path, str]]:
    """Files of a folder (recursively, named relative to it), a file, or a glob (named by file name)."""
    p = Path(raw)
    if p.is_dir():
        return [(c, c.relative_to(p).as_posix()) for c in sorted(p.rglob("*"))
                if c.is_file() and not any(x.startswith(".") for x in c.relative_to(p).parts)]
    matches = [p] if p.is_file() else [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
    return [(m, m.name) for m in matches if m.is_file()]


def input_files(inputs) -> list[tuple[Path, str, str]]:
    """``(path, source_file, format)`` per shard, named as :func:`framing.read_corpus` names files."""
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    out, seen = [], set()
    for path, display in (f for raw in map(str, inputs) for f in _named_files(raw)):
        fmt = RECORD_SUFFIXES.get(path.suffix.lower())
        if fmt and path.resolve() not in seen and not path.name.startswith("."):
            seen.add(path.resolve())
            out.append((path, display, fmt))
    if not out:
        raise FileNotFoundError(f"no Parquet, JSON Lines or CSV shards match {', '.join(map(str, inputs))} "
                                f"(suffixes: {', '.join(sorted(RECORD_SUFFIXES))})")
    return out


def _count_lines(chunk: bytes) -> int:
    """Lines as :func:`framing.ingest.readers.split_lines` counts them in a slice ending at a line end."""
    lone_cr = chunk.count(b"\r") - chunk.count(b"\r\n")
    n = chunk.count(b"\n") + lone_cr
    if chunk and not chunk.endswith((b"\n", b"\r")):
        n += 1
    return n


def _count_records(chunk: bytes) -> int:
    return sum(1 for line in chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n") if line.strip())


def scan_jsonl(path: str, partition_size: int) -> dict:
    """Byte ranges of about ``partition_size`` lines each, cut at line ends, with their first line numbers."""
    ranges, lines_in, start, pos, line_no, records, size = [], [], 0, 0, 1, 0, 0
    nonblank = False
    bom = False
    with open(path, "rb") as fh:
        first = True
        for raw in fh:
            if first:
                bom, first = raw.startswith(b"\xef\xbb\xbf"), False
            lines_in.append(raw)
            size += 1
            pos += len(raw)
            if size >= partition_size:
                chunk = b"".join(lines_in)
                nonblank = nonblank or bool(chunk.strip())
                ranges.append((start, pos, line_no, records))
                line_no += _count_lines(chunk)
                records += _count_records(chunk)
                start, lines_in, size = pos, [], 0
        if lines_in:
            chunk = b"".join(lines_in)
            nonblank = nonblank or bool(chunk.strip())
            ranges.append((start, pos, line_no, records))
    return {"ranges": ranges, "empty": not nonblank, "bom": bom}


def _plan_parquet(path: str, partition_size: int) -> dict:
    """Runs of whole row groups of about ``partition_size`` rows (a task never splits a row group)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    ranges, start, rows, first_row, total = [], 0, 0, 0, 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if rows and rows + n > partition_size:
            ranges.append((start, g, 1, first_row))
            start, rows, first_row = g, 0, total
        rows += n
        total += n
    if rows or not ranges:
        ranges.append((start, meta.num_row_groups, 1, first_row))
    return {"ranges": ranges, "empty": total == 0, "bom": False}


def plan_file(item: tuple[str, str], partition_size: int) -> dict:
    """The slices of one ``(path, format)`` input: ``{"ranges", "empty", "bom"}`` (:func:`scan_jsonl`)."""
    path, fmt = item
    if fmt == "jsonl":
        return scan_jsonl(path, partition_size)
    if fmt == "parquet":
        return _plan_parquet(path, partition_size)
    return {"ranges": [(0, -1, 1, 0)], "empty": not Path(path).read_bytes().strip(), "bom": False}


# ---------------------------------------------------------------- reading a shard

def _slice_bytes(shard: Shard) -> bytes:
    with open(shard.path, "rb") as fh:
        fh.seek(shard.start)
        return fh.read() if shard.end < 0 else fh.read(shard.end - shard.start)


def _parquet_batches(shard: Shard, chunk_rows: int):
    import pyarrow.parquet as pq

    groups = list(range(shard.start, shard.end))
    if groups:
        yield from pq.ParquetFile(shard.path).iter_batches(batch_size=chunk_rows, row_groups=groups)


def _as_text_field(record, text_column: str | None):
    """A record with ``text_column`` as its ``text`` (the other text-like fields dropped), for read_corpus."""
    if not text_column or not isinstance(record, dict):
        return record
    out = {k: v for k, v in record.items() if str(k).lower() not in TEXT_COLUMNS}
    out["text"] = record.get(text_column)
    return out


def record_chunks(shard: Shard, chunk_rows: int, text_column: str | None = None):
    """``(first_line, first_record, data)`` per chunk of a slice: JSON Lines bytes of its records.

    A Parquet row becomes one JSON line whose line number is the row number, so
    that cleaning, messages and the line map count rows as they count the lines
    of a JSONL file.
    """
    if shard.fmt == "parquet":
        first = shard.first_record
        for batch in _parquet_batches(shard, chunk_rows):
            rows = batch.to_pylist()
            yield first + 1, first, "".join(json.dumps(_as_text_field(r, text_column), default=str,
                                                       ensure_ascii=False) + "\n" for r in rows).encode()
            first += len(rows)
        return
    data = _slice_bytes(shard)
    if text_column and shard.fmt == "jsonl":
        lines = []
        for raw in data.splitlines(keepends=True):
            try:
                lines.append(json.dumps(_as_text_field(json.loads(raw), text_column), ensure_ascii=False).encode()
                             + raw[len(raw.rstrip(b"\r\n")):])
            except ValueError:
                lines.append(raw)
        data = b"".join(lines)
    yield shard.first_line, shard.first_record, data


def record_ids(data: bytes, first_line: int, fmt: str) -> list[tuple[str, int]]:
    """``(record id, line)`` of the records of a chunk that read_corpus checks for duplicate ids.

    Those are the records with a text and an id, picked as the record readers pick them.
    """
    if fmt == "csv":
        return []  # a CSV file is one slice: read_corpus sees all its ids at once
    text, _, _ = decode(data, "")
    out = []
    for i, raw in enumerate(split_lines(text or ""), start=first_line):
        if raw.strip():
            try:
                record = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and pick_field(record, TEXT_COLUMNS) is not None:
                rid = pick_field(record, ID_COLUMNS)
                if rid is not None:
                    out.append((rid, i))
    return out


def article_frames(shard: Shard, opts: Options, chunk_rows: int):
    """Already clean articles of a slice, with their ``doc_id``: ``(frame, problems)`` per chunk."""
    text = opts.text_column or "text"

    def with_ids(df: pd.DataFrame, first: int) -> pd.DataFrame:
        if text not in df.columns:
            raise KeyError(f"{shard.source_file}: no text column {text!r} (columns: {', '.join(map(str, df.columns))})")
        col = opts.id_column or ("doc_id" if "doc_id" in df.columns else None)
        if col is None:
            return df.assign(doc_id=[f"{shard.prefix}#{first + k + 1}" for k in range(len(df))])
        if col not in df.columns:
            raise KeyError(f"{shard.source_file}: no id column {col!r} (columns: {', '.join(map(str, df.columns))})")
        return df.assign(doc_id=df[col].astype(str))

    if shard.fmt == "parquet":
        first = shard.first_record
        for batch in _parquet_batches(shard, chunk_rows):
            df = batch.to_pandas()
            yield with_ids(df, first), []
            first += len(df)
        return
    if shard.fmt == "csv":
        df = pd.read_csv(shard.path, dtype=str, keep_default_na=False, na_values=[""])
        for k in range(0, max(len(df), 1), chunk_rows):
            yield with_ids(df.iloc[k:k + chunk_rows].reset_index(drop=True), k), []
        return
    decoded, _, problems = decode(_slice_bytes(shard), shard.source_file)
    records, positions = [], []
    position = shard.first_record
    for i, raw in enumerate(split_lines(decoded or ""), start=shard.first_line):
        if not raw.strip():
            continue
        position += 1
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(Problem(shard.source_file, "bad record", f"{shard.source_file}, line {i}: not valid "
                                    f"JSON ({exc.msg}); record skipped", "warning", i))
            continue
        records.append(rec if isinstance(rec, dict) else {text: str(rec)})
        positions.append(position)
    df = pd.DataFrame(records) if records else pd.DataFrame({text: pd.Series([], dtype=object)})
    if not (opts.id_column or "doc_id" in df.columns):
        df["doc_id"] = [f"{shard.prefix}#{k}" for k in positions]
    yield with_ids(df, 0), problems
