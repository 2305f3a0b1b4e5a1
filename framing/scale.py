"""Scale out: the per-article measures over millions of articles with Dask.

:func:`analyze_parquet` reads Parquet or JSON Lines shards, runs the chosen
per-article steps partition by partition on a Dask cluster and writes
partitioned Parquet with the same tables (and dtypes) the single-machine
functions return. Each partition is a small :class:`~framing.Corpus` handed to
those very functions (:func:`~framing.slogans.slogan_matches`,
:func:`~framing.frames.frame_scores`, :func:`~framing.sentiment.sentiment_scores`,
...), so the results are the same by construction; ``doc_id`` values are the
ones :func:`~framing.read_corpus` gives the same files. Nothing collects the
corpus to the driver: workers read their own slice of a shard and write their
own part files, and the driver only sees counts.

Steps
-----
``clean``
    Each row is a raw record (a scraped page or a JSONL export line): it is
    cleaned as :func:`~framing.read_corpus` cleans a record of a ``.jsonl`` file
    and written as ``articles``, ``removed``, ``problems`` and ``line_map``.
    Without ``clean`` each row is an already clean article
    (:meth:`~framing.Corpus.from_frame`).
``slogans``
    ``slogan_matches``, then ``slogan_rates`` for the whole corpus from
    per-document counts and words (:func:`scaled_slogan_rates`).
``frames``
    ``frames`` (dictionary method, one table for the chosen schemes).
``sentiment``
    ``sentiment`` (VADER, sentence level by default) and ``actor_mentions``.
``minhash``
    ``passages`` (sentences of five words or more) and ``minhash`` (their
    datasketch MinHash signatures and shingle hashes, made with
    :mod:`framing.reuse`'s shingling and parameters), then ``reuse_pairs``
    from LSH banding joined across partitions (:func:`scaled_reuse_pairs`):
    the pairs :func:`framing.reuse.reuse_pairs` finds.
``terms``
    ``term_counts``: :func:`framing.keyness.term_counts` per partition,
    summed with a Dask groupby (:func:`summed_term_counts`), and
    ``distinctive_terms`` from the summed counts
    (:func:`scaled_distinctive_terms`).

Whole-corpus tables (slogan rates, term counts, distinctive terms, reuse
pairs) are computed from the written tables after the per-partition pass;
the ``scaled_*`` functions recompute them with other settings without
touching the texts again.

Clusters
--------
``client=None`` starts a :class:`distributed.LocalCluster` with one
single-threaded worker process per core (the measures are pure Python, so
processes, not threads, run them in parallel). An address string or a
:class:`distributed.Client` uses a running cluster, for example one started on
a Slurm cluster with the optional ``dask-jobqueue`` package (not a framing
dependency)::

    from dask_jobqueue import SLURMCluster
    from distributed import Client
    from framing.scale import analyze_parquet

    cluster = SLURMCluster(cores=16, processes=16, memory="32GB", walltime="02:00:00",
                           queue="normal", account="my-project",
                           job_script_prologue=["source ~/framing/.venv/bin/activate",
                                                "export FRAMING_CACHE=$HOME/.cache/framing"])
    cluster.scale(jobs=4)                    # 4 nodes x 16 single-threaded workers
    client = Client(cluster)
    result = analyze_parquet("/scratch/news/*.parquet", "/scratch/news-framing", client=client)

Examples
--------
>>> from framing.scale import analyze_parquet, read_result  # doctest: +SKIP
>>> result = analyze_parquet("shards/*.parquet", "out", steps=["slogans", "frames"], workers=2)  # doctest: +SKIP
>>> read_result("out", "slogan_rates").head()  # doctest: +SKIP
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import resource
import shutil
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

STEPS = ("clean", "slogans", "frames", "sentiment", "minhash", "terms")
DEFAULT_STEPS = STEPS
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
# tables written by the per-partition pass, in the order a user meets them
PART_TABLES = ("articles", "removed", "problems", "line_map", "slogan_matches", "frames", "sentiment",
               "actor_mentions", "passages", "minhash")
REUSE_COLUMNS = ["doc_id_a", "doc_id_b", "passage_a", "passage_b", "similarity", "publisher_a", "publisher_b",
                 "similarity_est"]


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
class _Options:
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
class _Shard:
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


# ---------------------------------------------------------------- inputs and plan

def _named_files(raw: str) -> list[tuple[Path, str]]:
    """Files of a folder (recursively, named relative to it), a file, or a glob (named by file name)."""
    p = Path(raw)
    if p.is_dir():
        return [(c, c.relative_to(p).as_posix()) for c in sorted(p.rglob("*"))
                if c.is_file() and not any(x.startswith(".") for x in c.relative_to(p).parts)]
    matches = [p] if p.is_file() else [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
    return [(m, m.name) for m in matches if m.is_file()]


def _input_files(inputs) -> list[tuple[Path, str, str]]:
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


def _scan_jsonl(path: str, partition_size: int) -> dict:
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


def _plan_file(item: tuple[str, str], partition_size: int) -> dict:
    path, fmt = item
    if fmt == "jsonl":
        return _scan_jsonl(path, partition_size)
    if fmt == "parquet":
        return _plan_parquet(path, partition_size)
    return {"ranges": [(0, -1, 1, 0)], "empty": not Path(path).read_bytes().strip(), "bom": False}


# ---------------------------------------------------------------- reading a shard

def _slice_bytes(shard: _Shard) -> bytes:
    with open(shard.path, "rb") as fh:
        fh.seek(shard.start)
        return fh.read() if shard.end < 0 else fh.read(shard.end - shard.start)


def _parquet_batches(shard: _Shard, chunk_rows: int):
    import pyarrow.parquet as pq

    groups = list(range(shard.start, shard.end))
    if groups:
        yield from pq.ParquetFile(shard.path).iter_batches(batch_size=chunk_rows, row_groups=groups)


def _as_text_field(record, text_column: str | None):
    """A record with ``text_column`` as its ``text`` (the other text-like fields dropped), for read_corpus."""
    from .ingest.readers import TEXT_COLUMNS

    if not text_column or not isinstance(record, dict):
        return record
    out = {k: v for k, v in record.items() if str(k).lower() not in TEXT_COLUMNS}
    out["text"] = record.get(text_column)
    return out


def _record_chunks(shard: _Shard, chunk_rows: int, text_column: str | None = None):
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


def _record_ids(data: bytes, first_line: int, fmt: str) -> list[tuple[str, int]]:
    """``(record id, line)`` of the records of a chunk that read_corpus checks for duplicate ids.

    Those are the records with a text and an id, picked as the record readers pick them.
    """
    from .ingest.readers import ID_COLUMNS, TEXT_COLUMNS, _pick, decode, split_lines

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
            if isinstance(record, dict) and _pick(record, TEXT_COLUMNS) is not None:
                rid = _pick(record, ID_COLUMNS)
                if rid is not None:
                    out.append((rid, i))
    return out


def _article_frames(shard: _Shard, opts: _Options, chunk_rows: int):
    """Already clean articles of a slice, with their ``doc_id``: ``(frame, problems)`` per chunk."""
    from .ingest.readers import Problem, decode, split_lines

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


# ---------------------------------------------------------------- cleaning: read_corpus on each slice

def _written_chunk(tmp: str, shard: _Shard, data: bytes, padding: list[bytes] = ()) -> str:
    """Write a chunk of records to ``tmp`` under the shard's name (Parquet rows as JSON lines); its display name."""
    shown = shard.source_file + (".jsonl" if shard.fmt == "parquet" else "")
    target = Path(tmp, shown)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(b"".join(p + b"\n" for p in padding))
        fh.write(data)
    return shown


def _count_shard_lines(shard: _Shard, out: str, opts: _Options, chunk_rows: int) -> None:
    """Pass 0 of ``clean``: the short lines of each outlet in a slice (:func:`framing.ingest.repeats.line_counts`),
    written as ``_work/line_counts`` for :func:`_summed_boilerplate`."""
    import tempfile

    from .ingest.readers import discover, read_file
    from .ingest.repeats import line_counts

    frames = []
    for _, _, data in _record_chunks(shard, chunk_rows, opts.text_column):
        with tempfile.TemporaryDirectory(prefix="framing-scale-") as tmp:
            _written_chunk(tmp, shard, data)
            files, _, _ = discover([tmp])
            frames += [line_counts(read_file(f)[0]) for f in files]
    counts = pd.concat(frames, ignore_index=True) if frames else line_counts([])
    counts = counts.groupby(["outlet", "line"], sort=True, as_index=False)["n_articles"].sum()
    _write(counts, Path(out) / "_work" / "line_counts" / _part_name(shard, 0))


def _summed_boilerplate(root: Path, client) -> dict[str, dict[str, int]]:
    """:func:`framing.ingest.repeats.outlet_boilerplate` of the line counts of all slices, summed with a Dask
    groupby; only lines in enough articles to qualify reach the driver."""
    import dask.dataframe as dd

    from .ingest.repeats import MIN_ARTICLES, outlet_boilerplate

    paths = [str(p) for p in _parts(root / "_work", "line_counts")]
    if not paths:
        return {}
    counts = dd.read_parquet(paths)
    summed = counts.groupby(["outlet", "line"], sort=False)["n_articles"].sum(split_out=max(1, len(paths) // 8))
    with _scheduler(client) as get:
        frequent = summed[summed >= MIN_ARTICLES].compute(scheduler=get)
    return outlet_boilerplate(frequent.reset_index())


def _clean_chunk(shard: _Shard, first_line: int, first_record: int, data: bytes, opts: _Options,
                 boilerplate: dict | None = None):
    """``read_corpus`` on one chunk of records, with the line numbers, page numbers and ids of the whole file.

    The chunk is written to a temporary file of the shard's name, after
    ``first_line - 1`` padding lines: blank ones (read_corpus skips them) and,
    at the line of its first use, a stand-in for each record id that an earlier
    slice already used, so read_corpus treats later uses as duplicates as it
    would in the whole file. Rows from the padding are then dropped, and
    article numbers restart at 1 for this chunk (:func:`_analyze_part` adds
    the articles of the file's earlier chunks).
    """
    import tempfile

    from .corpus import read_corpus

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


# ---------------------------------------------------------------- writing parts

def _write(df: pd.DataFrame, path: Path) -> None:
    """One part file, written whole or not at all (a re-run task overwrites it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    df.reset_index(drop=True).to_parquet(tmp, index=False)
    tmp.replace(path)


def _part_name(shard: _Shard, chunk: int) -> str:
    return f"part-{shard.file_index:05d}-{shard.task:06d}-{chunk:04d}.parquet"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _clean_shard(shard: _Shard, out: str, opts: _Options, chunk_rows: int,
                 boilerplate: dict | None = None) -> list[dict]:
    """Pass 1 of ``clean``: clean a slice and write its tables (article numbers local to each chunk), with
    the outlets' boilerplate lines counted over all slices."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    root = Path(out)
    parts = []
    for chunk, (first_line, first_record, data) in enumerate(_record_chunks(shard, chunk_rows, opts.text_column)):
        articles, removed, line_map, problems = _clean_chunk(shard, first_line, first_record, data, opts,
                                                             boilerplate)
        name = _part_name(shard, chunk)
        _write(articles, root / "_work" / "articles" / name)
        _write(line_map, root / "_work" / "line_map" / name)
        _write(removed, root / "removed" / name)
        _write(problems, root / "problems" / name)
        ids = _record_ids(data, first_line, shard.fmt)
        if ids:
            _write(pd.DataFrame({"source_file": shard.source_file, "record_id": [r for r, _ in ids],
                                 "line_no": [x for _, x in ids], "task": shard.task,
                                 "slice_start": first_line}),
                   root / "_work" / "record_ids" / name)
        parts.append({"name": name, "file_index": shard.file_index, "n_articles": len(articles),
                      "removed": len(removed), "problems": len(problems), "line_map": len(line_map)})
    if parts:
        parts[0].update(cpu_s=time.process_time() - cpu0, wall_s=time.perf_counter() - t0, pid=os.getpid(),
                        peak_rss_mb=_peak_rss_mb())
    return parts


# ---------------------------------------------------------------- per-article measures

@lru_cache(maxsize=8)
def _slogan_lexicon(lexicon):
    from .slogan_lexicon import load_slogan_lexicon

    return load_slogan_lexicon(lexicon)


def _lexicon_of(lex):
    from .slogan_lexicon import SloganLexicon

    if isinstance(lex, SloganLexicon):
        return lex
    return _slogan_lexicon(tuple(map(str, lex)) if isinstance(lex, (list, tuple)) else lex)


def passage_minhash(corpus, params: ReuseParams = ReuseParams(), *, order_base: int = 0):
    """Passages and their MinHash signatures, made as :func:`framing.reuse.reuse_pairs` makes them.

    Parameters
    ----------
    corpus : Corpus
    params : ReuseParams
    order_base : int
        Added to each passage's row number to give ``order`` (its place in the
        whole corpus when the corpus is one partition of a larger one).

    Returns
    -------
    passages : DataFrame
        One row per passage of at least ``params.min_words`` words: ``doc_id,
        passage`` (``sent_id`` or ``para_id``), ``publisher``, ``group`` (a
        64-bit hash of its case-folded word sequence: passages with the same
        words share it), ``order``.
    groups : DataFrame
        One row per distinct word sequence: ``group, n_words, signature``
        (``num_perm`` uint32 values as bytes, datasketch's ``hashvalues``) and
        ``shingles`` (the sorted 64-bit shingle hashes, for exact Jaccard).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "The dry port now handles trains around the clock."}])
    >>> passages, groups = passage_minhash(c)
    >>> len(passages), len(groups["signature"].iat[0])
    (1, 512)
    """
    from datasketch.hashfunc import sha1_hash64

    from .reuse.minhash import hashes_32, minhash_signatures, passage_words, shingle_hashes

    table = corpus.sentences if params.level == "sentence" else corpus.paragraphs
    pid = "sent_id" if params.level == "sentence" else "para_id"
    a = corpus.articles
    publisher = dict(zip(a["doc_id"], a["publisher"].astype(object).where(a["publisher"].notna(), None)))
    rows, words_of = [], {}
    for i, (doc, passage, text) in enumerate(zip(table["doc_id"], table[pid], table["text"])):
        w = passage_words(str(text))
        if len(w) < max(int(params.min_words), 1):
            continue
        key = int.from_bytes(hashlib.blake2b("\x1f".join(w).encode("utf-8"), digest_size=8).digest(), "little",
                             signed=True)
        rows.append((str(doc), int(passage), publisher.get(doc), key, order_base + i))
        words_of.setdefault(key, w)
    passages = pd.DataFrame(rows, columns=["doc_id", "passage", "publisher", "group", "order"]).astype(
        {"passage": "int64", "group": "int64", "order": "int64"})
    keys = list(words_of)
    vocab: dict[str, int] = {}
    flat = [vocab.setdefault(t, len(vocab)) for k in keys for t in words_of[k]]
    word_hashes = np.array([sha1_hash64(t.encode("utf-8")) for t in vocab], dtype=np.uint64)
    lengths = np.array([len(words_of[k]) for k in keys], dtype=np.int64)
    sh, off = shingle_hashes(word_hashes[np.asarray(flat, dtype=np.int64)], lengths, int(params.shingle))
    sig = np.ascontiguousarray(minhash_signatures(hashes_32(sh), off, num_perm=params.num_perm, seed=params.seed)) \
        if keys else np.zeros((0, params.num_perm), dtype=np.uint32)
    groups = pd.DataFrame({"group": np.asarray(keys, dtype=np.int64), "n_words": lengths,
                           "signature": pd.Series([row.tobytes() for row in sig], dtype=object),
                           "shingles": pd.Series([np.unique(sh[off[k]:off[k + 1]]).tobytes() for k in range(len(keys))],
                                                 dtype=object)})
    return passages, groups


def _measure(corpus, name: str, root: Path, opts: _Options, order_base: int) -> dict:
    """Run the per-article steps on one small corpus and write their tables; returns row counts."""
    counts = {}

    def put(table: str, df: pd.DataFrame) -> None:
        _write(df, root / table / name)
        counts[table] = len(df)

    if "slogans" in opts.steps:
        from .slogans import slogan_matches

        put("slogan_matches", slogan_matches(corpus, _lexicon_of(opts.lexicon)))
    if "frames" in opts.steps:
        from .frames import frame_scores

        put("frames", pd.concat([frame_scores(corpus, scheme=s) for s in opts.frame_schemes], ignore_index=True))
    if "sentiment" in opts.steps:
        from .sentiment import actor_mentions, sentiment_scores

        scores = sentiment_scores(corpus, level=opts.sentiment_level, lexicon=opts.sentiment_lexicon)
        put("sentiment", scores)
        sentences = scores if opts.sentiment_level == "sentence" else None
        put("actor_mentions", actor_mentions(corpus, lexicon=opts.sentiment_lexicon, sentences=sentences))
    if "minhash" in opts.steps:
        passages, groups = passage_minhash(corpus, opts.reuse, order_base=order_base)
        put("passages", passages)
        put("minhash", groups)
    return counts


def _renumber(ids: pd.Series, offset: int) -> pd.Series:
    if offset == 0 or not len(ids):
        return ids
    parts = ids.str.rsplit("#", n=1)
    return (parts.str[0] + "#" + (parts.str[1].astype("int64") + offset).astype(str)).astype(ids.dtype)


def _analyze_part(part: dict, out: str, opts: _Options) -> dict:
    """Phase 2 of ``clean`` (final doc ids) and the per-article measures of one part."""
    from .corpus import Corpus, LINE_MAP_COLUMNS, PROBLEM_COLUMNS, REMOVED_COLUMNS, _frame

    cpu0, t0 = time.process_time(), time.perf_counter()
    root = Path(out)
    name = part["name"]
    articles = pd.read_parquet(root / "_work" / "articles" / name)
    line_map = pd.read_parquet(root / "_work" / "line_map" / name)
    offset = part["offset"]
    articles["doc_id"] = _renumber(articles["doc_id"], offset)
    mapped = line_map["doc_id"].notna()
    line_map.loc[mapped, "doc_id"] = _renumber(line_map.loc[mapped, "doc_id"], offset)
    _write(articles, root / "articles" / name)
    _write(line_map, root / "line_map" / name)
    corpus = Corpus(articles, _frame([], REMOVED_COLUMNS), _frame([], PROBLEM_COLUMNS), _frame([], LINE_MAP_COLUMNS))
    counts = {"articles": len(articles), **_measure(corpus, name, root, opts, part["order_base"])}
    return {"name": name, "counts": counts, "cpu_s": time.process_time() - cpu0,
            "wall_s": time.perf_counter() - t0, "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb()}


def _analyze_clean_shard(shard: _Shard, out: str, opts: _Options, chunk_rows: int) -> list[dict]:
    """The per-article measures of a slice of already clean articles (no ``clean`` step)."""
    from .corpus import PROBLEM_COLUMNS, Corpus, _frame

    root = Path(out)
    results = []
    for chunk, (df, problems) in enumerate(_article_frames(shard, opts, chunk_rows)):
        cpu0, t0 = time.process_time(), time.perf_counter()
        name = _part_name(shard, chunk)
        corpus = Corpus.from_frame(df, text=opts.text_column or "text", doc_id="doc_id")
        _write(corpus.articles, root / "articles" / name)
        _write(_frame([vars(p) for p in problems], PROBLEM_COLUMNS), root / "problems" / name)
        counts = {"articles": len(corpus), **_measure(corpus, name, root, opts,
                                                       (shard.ordinal << 32) + (chunk << 24))}
        results.append({"name": name, "counts": counts, "cpu_s": time.process_time() - cpu0,
                        "wall_s": time.perf_counter() - t0, "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb()})
    return results


# ---------------------------------------------------------------- whole-corpus statistics

@contextmanager
def _scheduler(client):
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


def _parts(root: Path, table: str) -> list[Path]:
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
    files = _parts(Path(out_dir), name)
    if not files:
        have = sorted(p.name for p in Path(out_dir).iterdir() if p.is_dir() and not p.name.startswith("_")) \
            if Path(out_dir).is_dir() else []
        raise FileNotFoundError(f"{out_dir}: no table {name!r} (tables: {', '.join(have) or 'none'})")
    return _read_parts(files, columns)


def _read_parts(files, columns=None) -> pd.DataFrame:
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


def _voice_filter(m: pd.DataFrame, voice: str) -> pd.DataFrame:
    if voice == "own":
        return m[~m["quoted"]]
    if voice == "quoted":
        return m[m["quoted"]]
    return m


def _poisson_part(name: str, out: str, by: str, voice: str, fam_ids: list[str], n_boot: int,
                  random_state: int) -> dict:
    """Per-group sums of (Poisson-weighted) counts and words of one part."""
    from .stats import document_groups

    root = Path(out)
    a = pd.read_parquet(root / "articles" / name, columns=["doc_id", "n_words", by])
    m = _voice_filter(pd.read_parquet(root / "slogan_matches" / name, columns=["doc_id", "family", "quoted"]), voice)
    counts = (pd.crosstab(m["doc_id"], m["family"]) if len(m) else pd.DataFrame())
    counts = counts.reindex(index=a["doc_id"], columns=fam_ids, fill_value=0).to_numpy(dtype=float)
    words = a["n_words"].to_numpy(dtype=float)
    groups = document_groups(a, by).to_numpy()
    out_stats = {}
    for g in np.unique(groups):
        mask = groups == g
        w = poisson_weights(a["doc_id"].to_numpy()[mask], n_boot, random_state)
        out_stats[g] = {"n_docs": int(mask.sum()), "n_words": float(words[mask].sum()),
                        "count": counts[mask].sum(axis=0), "docs_with": (counts[mask] > 0).sum(axis=0),
                        "boot_c": w @ counts[mask], "boot_w": w @ words[mask]}
    return out_stats


def _add_stats(x: dict, y: dict) -> dict:
    out = dict(x)
    for g, s in y.items():
        out[g] = {k: out[g][k] + v for k, v in s.items()} if g in out else s
    return out


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
        The :func:`~framing.slogans.slogan_rates` columns, for each ``by``.
    """
    import pyarrow.parquet as pq

    from .slogans import RATE_COLUMNS, VOICES, slogan_rates
    from .stats import finish_rate_table, wilson_interval

    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    if method not in ("auto", "bootstrap", "poisson"):
        raise ValueError(f"method must be 'auto', 'bootstrap' or 'poisson', got {method!r}")
    root = Path(out_dir)
    names = [p.name for p in _parts(root, "articles") if (root / "slogan_matches" / p.name).exists()]
    if not names:
        raise FileNotFoundError(f"{out_dir}: no articles with slogan_matches (run analyze_parquet with 'slogans')")
    bys = [by] if isinstance(by, str) else list(by)
    n_docs = sum(pq.ParquetFile(root / "articles" / n).metadata.num_rows for n in names)
    if method == "auto":
        method = "bootstrap" if n_docs <= exact_limit else "poisson"
    lex = _lexicon_of(lexicon)
    tables = []
    if method == "bootstrap":
        from .corpus import Corpus

        a = _read_parts([root / "articles" / n for n in names], ["doc_id", "n_words", *bys])
        m = _read_parts([root / "slogan_matches" / n for n in names], ["doc_id", "family", "quoted"])
        numbers = Corpus(a, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
        for b in bys:
            tables.append(slogan_rates(numbers, by=b, voice=voice, lexicon=lex, matches=m, n_boot=n_boot, ci=ci,
                                       random_state=random_state))
        return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    import dask.bag as db

    fam_ids = lex.ids
    labels = {f.id: f.label for f in lex.families}
    origins = {f.id: f.origin for f in lex.families}
    alpha = (1 - ci) / 2
    for b in bys:
        bag = db.from_sequence(names, npartitions=len(names)).map(_poisson_part, str(root), b, voice, fam_ids,
                                                                   n_boot, random_state)
        with _scheduler(client) as get:
            stats = bag.fold(_add_stats, _add_stats, initial={}).compute(scheduler=get)
        rows = []
        for g in sorted(stats):
            s = stats[g]
            with np.errstate(invalid="ignore", divide="ignore"):
                rate = 1000.0 * s["count"] / s["n_words"] if s["n_words"] > 0 else np.full(len(fam_ids), np.nan)
                boot = 1000.0 * s["boot_c"] / s["boot_w"][:, None]
            if s["n_docs"] >= 2 and s["n_words"] > 0:
                lo, hi = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
            else:
                lo = hi = np.full(len(fam_ids), np.nan)
            slo, shi = wilson_interval(s["docs_with"], np.full(len(fam_ids), s["n_docs"]), ci=ci)
            for j, fid in enumerate(fam_ids):
                rows.append({"group": g, "feature": fid, "count": int(s["count"][j]), "n_words": int(s["n_words"]),
                             "n_docs": s["n_docs"], "per_1k": rate[j], "ci_low": lo[j], "ci_high": hi[j],
                             "docs_with": int(s["docs_with"][j]), "doc_share": s["docs_with"][j] / s["n_docs"],
                             "doc_share_low": slo[j], "doc_share_high": shi[j], "label": labels[fid],
                             "origin": origins[fid], "by": b, "voice": voice})
        # the same interval rules as slogan_rates: none for small groups, no zero-width intervals
        tables.append(finish_rate_table(pd.DataFrame(rows, columns=RATE_COLUMNS), per=1000.0, ci=ci))
    return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]


def _write_partitions(ddf, target: Path, client) -> None:
    """Each partition of a Dask DataFrame as one part file, written on the workers by :func:`_write`."""
    import dask

    writes = [dask.delayed(_write)(part, target / f"part-{i:05d}.parquet") for i, part in enumerate(ddf.to_delayed())]
    with _scheduler(client) as get:
        dask.compute(*writes, scheduler=get)


def _part_term_counts(path: str, bys: tuple[str, ...]) -> pd.DataFrame:
    """:func:`framing.keyness.term_counts` of one part, long: ``by, group, term, count`` (non-zero counts)."""
    from .keyness import term_counts

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
    paths = [str(p) for p in _parts(root, "articles")]
    if not paths:
        raise FileNotFoundError(f"{out_dir}: no articles table")
    bys = (by,) if isinstance(by, str) else tuple(by)
    counts = dd.from_map(_part_term_counts, paths, bys=bys, meta=_TERM_META, enforce_metadata=False)
    summed = counts.groupby(["by", "group", "term"], sort=False)["count"].sum(split_out=max(1, len(paths) // 8))
    target = root / "term_counts"
    shutil.rmtree(target, ignore_errors=True)
    _write_partitions(summed.reset_index(), target, client)
    return target


def scaled_distinctive_terms(out_dir, by: str = "source_type", **kwargs) -> pd.DataFrame:
    """:func:`framing.keyness.distinctive_terms` from the summed ``term_counts`` of a run.

    The term × group table is built from the summed counts (its size is the
    vocabulary times the groups, not the corpus) and handed to
    ``distinctive_terms`` as a count table, so the statistics are those of the
    single-machine call on the whole corpus. ``kwargs`` go to
    ``distinctive_terms`` (``method``, ``groups``, ``prior``, ``min_count``, ...).
    """
    from .keyness import distinctive_terms

    counts = read_result(out_dir, "term_counts")
    counts = counts[counts["by"] == by]
    if counts.empty:
        raise ValueError(f"{out_dir}: no term counts grouped by {by!r} (run with by={by!r} and the 'terms' step)")
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(sorted(wide.columns), axis=1).astype("int64").sort_index()
    wide.columns.name = None
    return distinctive_terms(wide, by=by, **kwargs)


def _band_rows(groups: pd.DataFrame, b: int, r: int) -> pd.DataFrame:
    """One row per (group, band): a 64-bit hash of the band's ``r`` values (equal bands, equal keys)."""
    n = len(groups)
    sig = np.frombuffer(b"".join(groups["signature"]), dtype=np.uint32).reshape(n, -1) if n else \
        np.zeros((0, b * r), dtype=np.uint32)
    key = np.full((n, b), np.uint64(0xCBF29CE484222325))
    with np.errstate(over="ignore"):
        for j in range(r):  # FNV-1a over the band's values; a collision only adds a candidate
            key = (key ^ sig[:, j::r][:, :b].astype(np.uint64)) * np.uint64(0x100000001B3)
    return pd.DataFrame({"band": np.tile(np.arange(b, dtype=np.int64), n), "key": key.ravel().view(np.int64),
                         "group": np.repeat(groups["group"].to_numpy(dtype=np.int64), b)})


def _bucket_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Every pair of distinct groups sharing a (band, key) bucket, ``g < h``."""
    g, h = [], []
    for _, members in df.groupby(["band", "key"], sort=False)["group"]:
        ids = np.unique(members.to_numpy())
        if len(ids) > 1:
            i, j = np.triu_indices(len(ids), 1)
            g.append(ids[i])
            h.append(ids[j])
    cat = (lambda xs: np.concatenate(xs) if xs else np.zeros(0, dtype=np.int64))
    return pd.DataFrame({"g": cat(g), "h": cat(h)}).drop_duplicates()


def _jaccard(df: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Exact Jaccard similarity of the shingle sets and the MinHash estimate; pairs at ``threshold`` or more."""
    sim, est = np.zeros(len(df)), np.zeros(len(df))
    for k, (sa, sb, ga, gb) in enumerate(zip(df["shingles_g"], df["shingles_h"], df["signature_g"],
                                             df["signature_h"])):
        a, b = np.frombuffer(sa, dtype=np.uint64), np.frombuffer(sb, dtype=np.uint64)
        inter = len(np.intersect1d(a, b, assume_unique=True))
        sim[k] = inter / (len(a) + len(b) - inter)
        est[k] = float((np.frombuffer(ga, dtype=np.uint32) == np.frombuffer(gb, dtype=np.uint32)).mean())
    keep = sim >= threshold
    return pd.DataFrame({"g": df["g"].to_numpy()[keep], "h": df["h"].to_numpy()[keep], "similarity": sim[keep],
                         "similarity_est": est[keep]})


def _oriented(df: pd.DataFrame) -> pd.DataFrame:
    """Passage pairs with ``a`` before ``b`` in corpus order, in the reuse-pairs columns."""
    swap = (df["order_a"] > df["order_b"]).to_numpy()
    out = {}
    for col in ("doc_id", "passage", "publisher", "order"):
        a, b = df[f"{col}_a"].to_numpy(), df[f"{col}_b"].to_numpy()
        out[f"{col}_a"], out[f"{col}_b"] = np.where(swap, b, a), np.where(swap, a, b)
    res = pd.DataFrame({**out, "similarity": df["similarity"].to_numpy(dtype=float),
                        "similarity_est": df["similarity_est"].to_numpy(dtype=float)})
    for col in ("doc_id_a", "doc_id_b", "publisher_a", "publisher_b"):
        res[col] = pd.array([None if pd.isna(v) else str(v) for v in res[col]], dtype="string")
    return res.astype({"passage_a": "int64", "passage_b": "int64", "order_a": "int64", "order_b": "int64"})


def scaled_reuse_pairs(out_dir, params: ReuseParams = ReuseParams(), *, client=None) -> Path:
    """Reused passages across the whole corpus, from per-partition MinHash signatures.

    The ``minhash`` parts hold each partition's distinct passages (word
    sequences) with their signatures and shingle hashes, the ``passages`` parts
    where each occurs. On the cluster: distinct sequences are deduplicated
    across partitions, cut into LSH bands (:func:`framing.reuse.lsh_params`),
    and a shuffle on the band keys brings candidates together wherever they
    were; candidates are kept when the exact Jaccard similarity reaches
    ``params.threshold``; then the pairs of sequences become pairs of
    passages, and identical passages pair with each other (a sequence found in
    more than ``params.max_group`` places through its first occurrence only).
    This is :func:`framing.reuse.reuse_pairs`'s procedure, so the pairs and
    similarities are the same, with one exception: where near-duplicate
    passages (not only identical ones) form a cluster of more than
    ``params.max_group`` places, ``reuse_pairs`` links the cluster along a
    spanning tree (one pair per passage) while this function still lists every
    pair of its distinct sequences — a superset with the same similarities.

    Returns
    -------
    Path
        The ``reuse_pairs`` folder: ``doc_id_a, doc_id_b, passage_a,
        passage_b, similarity, publisher_a, publisher_b, similarity_est``
        (``a`` before ``b`` in corpus order; ``kind``, edit counts and texts
        are left to ``reuse_pairs`` on the articles concerned).
    """
    import dask.dataframe as dd

    from .reuse import lsh_params

    root = Path(out_dir)
    target = root / "reuse_pairs"
    shutil.rmtree(target, ignore_errors=True)
    passage_files, group_files = _parts(root, "passages"), _parts(root, "minhash")
    empty = pd.DataFrame({c: pd.Series([], dtype="int64" if c.startswith("passage") else
                                       ("float64" if c.startswith("similarity") else "string")) for c in REUSE_COLUMNS})
    if not passage_files or sum(pq_rows(f) for f in passage_files) == 0:
        _write(empty, target / "part-00000.parquet")
        return target
    b, r = lsh_params(params.threshold, params.num_perm)
    groups = dd.read_parquet([str(f) for f in group_files]).drop_duplicates(subset=["group"])
    band_meta = _band_rows(groups._meta, b, r)
    bands = groups.map_partitions(_band_rows, b, r, meta=band_meta)
    candidates = bands.shuffle(on=["band", "key"]).map_partitions(_bucket_pairs, meta=_bucket_pairs(band_meta))
    candidates = candidates.drop_duplicates()
    sig = groups[["group", "signature", "shingles"]]
    for side in ("g", "h"):
        candidates = candidates.merge(sig.rename(columns={"group": side, "signature": f"signature_{side}",
                                                          "shingles": f"shingles_{side}"}), on=side, how="inner")
    group_pairs = candidates.map_partitions(_jaccard, params.threshold,
                                            meta=pd.DataFrame({"g": pd.Series([], dtype="int64"),
                                                               "h": pd.Series([], dtype="int64"),
                                                               "similarity": pd.Series([], dtype="float64"),
                                                               "similarity_est": pd.Series([], dtype="float64")}))
    passages = dd.read_parquet([str(f) for f in passage_files])
    stats = passages.groupby("group")["order"].agg(["size", "min"]).rename(columns={"size": "n", "min": "first"})
    members = passages.merge(stats, left_on="group", right_index=True)
    pooled = members[(members["n"] <= params.max_group) | (members["order"] == members["first"])]
    cols = ["doc_id", "passage", "publisher", "order", "group"]

    def side(df, s: str):
        return df[cols].rename(columns={c: f"{c}_{s}" for c in cols})

    # pairs of different word sequences: every member with every member (big groups: the first only)
    cross = group_pairs.merge(side(pooled, "a"), left_on="g", right_on="group_a") \
        .merge(side(pooled, "b"), left_on="h", right_on="group_b")
    # the same word sequence: all pairs in a small group, the first with each other member in a big one
    small = members[(members["n"] >= 2) & (members["n"] <= params.max_group)]
    same_small = side(small, "a").merge(side(small, "b"), left_on="group_a", right_on="group_b")
    same_small = same_small[same_small["order_a"] < same_small["order_b"]]
    big = members[members["n"] > params.max_group]
    same_big = side(big[big["order"] == big["first"]], "a").merge(
        side(big[big["order"] != big["first"]], "b"), left_on="group_a", right_on="group_b")
    same = dd.concat([same_small, same_big]).assign(similarity=1.0, similarity_est=1.0)
    keep = [f"{c}_{s}" for c in ("doc_id", "passage", "publisher", "order") for s in "ab"] + \
        ["similarity", "similarity_est"]
    pairs = dd.concat([cross[keep], same[keep]])
    meta = _oriented(pairs._meta)
    oriented = pairs.map_partitions(_oriented, meta=meta)
    _write_partitions(oriented[REUSE_COLUMNS], target, client)
    return target


def pq_rows(path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


# ---------------------------------------------------------------- the driver

class _cluster:
    """A client for the run: the one given, one connected to an address, or a new LocalCluster (closed after)."""

    def __init__(self, client, workers: int | None, memory_limit):
        self.given, self.workers, self.memory_limit = client, workers, memory_limit
        self.owned = []

    def __enter__(self):
        from distributed import Client, LocalCluster

        if self.given is None:
            n = self.workers or os.cpu_count() or 1
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   memory_limit=self.memory_limit, dashboard_address=":0",
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
            self.owned = [client, cluster]
            return client
        if isinstance(self.given, str):
            client = Client(self.given)
            self.owned = [client]
            return client
        return self.given

    def __exit__(self, *exc):
        for obj in self.owned:
            obj.close()


@dataclass
class ScaleResult:
    """What :func:`analyze_parquet` wrote, and how the run went.

    Attributes
    ----------
    out_dir : Path
    tables : dict of str to Path
        Each written table's folder of Parquet parts.
    n_articles : int
    n_parts : int
        Partitions processed.
    workers : int
        Workers of the cluster.
    seconds : dict
        Wall time of each phase (``plan``, ``clean``, ``measures``, ``slogan_rates``,
        ``term_counts``, ``reuse_pairs``) and ``total``.
    tasks : DataFrame
        One row per partition task: ``name, cpu_s, wall_s, pid, peak_rss_mb``
        (the worker process's peak resident memory so far).
    """

    out_dir: Path
    tables: dict
    n_articles: int
    n_parts: int
    workers: int
    seconds: dict
    tasks: pd.DataFrame

    def read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One table as a pandas DataFrame (see :func:`read_result`)."""
        return read_result(self.out_dir, name, columns)

    def __repr__(self) -> str:
        return (f"<ScaleResult: {self.n_articles} articles in {self.n_parts} parts on {self.workers} workers, "
                f"{self.seconds.get('total', 0):.1f} s; tables: {', '.join(self.tables)}>")


def _prepare_out(root: Path, overwrite: bool) -> None:
    names = list(PART_TABLES) + ["slogan_rates", "term_counts", "reuse_pairs", "distinctive_terms", "_work"]
    used = [n for n in names if (root / n).exists()] + (["manifest.json"] if (root / "manifest.json").exists() else [])
    if used and not overwrite:
        raise FileExistsError(f"{root} already holds results ({', '.join(used)}); pass overwrite=True "
                              "(--overwrite) to replace them")
    for n in used:
        p = root / n
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    root.mkdir(parents=True, exist_ok=True)


def _cross_slice_duplicates(root: Path, client) -> dict[tuple[int, int], dict]:
    """Record ids first used in an earlier slice of their file: ``{(source_file, task): {id: first line}}``."""
    import dask
    import dask.dataframe as dd

    files = _parts(root, "_work/record_ids")
    if not files:
        return {}
    ids = dd.read_parquet([str(p) for p in files])
    first = ids.groupby(["source_file", "record_id"])["line_no"].min().rename("first_use").reset_index()
    late = ids.merge(first, on=["source_file", "record_id"])
    late = late[(late["line_no"] > late["first_use"]) & (late["first_use"] < late["slice_start"])]
    (todo,) = dask.compute(late[["source_file", "task", "record_id", "first_use"]], scheduler=client.get)
    out: dict = {}
    for r in todo.itertuples(index=False):
        out.setdefault((r.source_file, int(r.task)), {})[str(r.record_id)] = int(r.first_use)
    return out


def analyze_parquet(input_glob, out_dir, steps=DEFAULT_STEPS, client=None, partition_size: int = 2000, *,
                    text_column: str | None = None, id_column: str | None = None, workers: int | None = None,
                    memory_limit="auto", by: str | list[str] = "source_type", voice: str = "own",
                    lexicon=None, outlets=None, frame_schemes=("relationship",),
                    sentiment_level: str = "sentence", sentiment_lexicon: str = "vader",
                    reuse: ReuseParams = ReuseParams(), rate_method: str = "auto", n_boot: int = 2000,
                    random_state: int = 0, whole_corpus: bool = True, overwrite: bool = False,
                    keep_work: bool = False) -> ScaleResult:
    """Run the per-article measures over Parquet or JSON Lines shards on a Dask cluster.

    Parameters
    ----------
    input_glob : str, path or list of them
        Shards: ``.parquet``, ``.jsonl``/``.ndjson`` or ``.csv`` files, folders
        (searched recursively) or glob patterns. Each row (line) is one record
        with a text column plus metadata (``title, publisher, source_type,
        original_source, published, url, byline``, ``id``...).
    out_dir : path
        Output folder; one sub-folder of Parquet parts per table.
    steps : sequence of str
        Any of ``clean, slogans, frames, sentiment, minhash, terms`` (see the
        module notes). Without ``clean`` the rows are taken as clean articles.
    client : distributed.Client, str or None
        A client, a scheduler address (``"tcp://10.0.0.5:8786"``), or None for
        a new LocalCluster of ``workers`` single-threaded processes.
    partition_size : int
        Records per task (Parquet: whole row groups up to this many rows, so
        write shards with row groups of about this size). Memory per worker
        grows with it.
    text_column : str, optional
        With ``clean``: the record field holding the page text (default, as
        :func:`~framing.read_corpus`: the first of ``text, body, content,
        article, full_text, maintext``). Without: the article text column
        (default ``text``).
    id_column : str, optional
        Without ``clean``: the column of stable article ids (default
        ``doc_id`` where there is one, else ``<file stem>#<record number>``).
    workers, memory_limit
        Size of the LocalCluster started when ``client`` is None (default:
        one worker per core; memory split evenly).
    by, voice, lexicon, n_boot, random_state, rate_method
        Slogan rates (:func:`scaled_slogan_rates`); ``by`` also groups
        ``term_counts``. ``lexicon`` also sets the slogan matches.
    outlets : path or list of paths, optional
        As for :func:`~framing.read_corpus` (``clean``): user outlet lexicons.
    frame_schemes : sequence of str
        Schemes scored by :func:`~framing.frames.frame_scores` (dictionary method).
    sentiment_level, sentiment_lexicon
        As for :func:`~framing.sentiment.sentiment_scores`.
    reuse : ReuseParams
        Passage reuse settings (``minhash``): level, threshold, shingles...
    whole_corpus : bool
        After the per-partition pass, compute the whole-corpus tables
        (``slogan_rates``, ``term_counts`` and ``distinctive_terms``,
        ``reuse_pairs``); False leaves them to :func:`scaled_slogan_rates`,
        :func:`summed_term_counts`, :func:`scaled_distinctive_terms` and
        :func:`scaled_reuse_pairs`, which read the written tables.
    overwrite : bool
        Replace results already in ``out_dir`` (refused by default).
    keep_work : bool
        Keep ``out_dir/_work`` (intermediate parts) for inspection.

    Returns
    -------
    ScaleResult
        Paths of the tables, counts, timings and per-task CPU time and memory.

    Notes
    -----
    Results are those of the single-machine functions: ``read_corpus`` over
    the same ``.jsonl`` files (with ``clean``) or ``Corpus.from_frame`` over
    the same rows, then ``slogan_matches``, ``frame_scores``,
    ``sentiment_scores``... Cleaning needs two facts of the whole corpus, so
    it runs in three passes: the first counts each outlet's short lines in
    every slice (summed with a Dask groupby into the outlets' boilerplate
    lines, :mod:`framing.ingest.repeats`); the second cleans each slice with
    them and counts its articles; the third numbers the articles (record-level
    ``doc_id`` values count articles through the whole file) and runs the
    measures. A record id already used in an earlier slice of its file is
    found with a Dask groupby and its slice cleaned again, as ``read_corpus``
    would. JSON Lines slices are decoded one by one: files must be UTF-8 (as
    JSON Lines requires) to get ``read_corpus``'s encodings exactly.

    Examples
    --------
    >>> result = analyze_parquet("shards/*.jsonl", "out", workers=2)  # doctest: +SKIP
    >>> result.read("slogan_rates").head()  # doctest: +SKIP
    """
    from .corpus import PROBLEM_COLUMNS, _doc_prefixes, _frame
    from .ingest.readers import Problem

    steps = tuple(dict.fromkeys(steps))
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(map(repr, unknown))}; choose from {', '.join(STEPS)}")
    if sentiment_level not in ("sentence", "paragraph", "article"):
        raise ValueError(f"sentiment_level must be 'sentence', 'paragraph' or 'article', got {sentiment_level!r}")
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    files = _input_files(input_glob)
    root = Path(out_dir)
    _prepare_out(root, overwrite)
    opts = _Options(steps=steps, text_column=text_column, id_column=id_column,
                    lexicon=tuple(map(str, lexicon)) if isinstance(lexicon, list) else lexicon,
                    outlets=outlets, frame_schemes=tuple(frame_schemes), sentiment_level=sentiment_level,
                    sentiment_lexicon=sentiment_lexicon, reuse=reuse)
    seconds: dict = {}
    t_start = time.perf_counter()
    import dask.bag as db

    def run(func, items, *args) -> list:
        if not items:
            return []
        bag = db.from_sequence(items, npartitions=len(items)).map(func, *args)
        return bag.compute(scheduler=cl.get)

    with _cluster(client, workers, memory_limit) as cl:
        n_workers = len(cl.scheduler_info().get("workers", {}))
        # -- plan: slices of every file (JSON Lines are scanned for line ends on the workers)
        t0 = time.perf_counter()
        plans = run(_plan_file, [(str(p), fmt) for p, _, fmt in files], partition_size)
        problems = [Problem(sf, "empty", f"{sf}: file is empty") for (_, sf, _), pl in zip(files, plans)
                    if pl["empty"]]
        live = [(f, pl) for f, pl in zip(files, plans) if not pl["empty"]]
        prefixes, more = _doc_prefixes([SimpleNamespace(source_file=sf) for (_, sf, _), _ in live])
        problems += more
        _write(_frame([vars(p) for p in problems], PROBLEM_COLUMNS), root / "problems" / "part-plan.parquet")
        shards = []
        for (path, sf, fmt), pl in live:
            index = files.index((path, sf, fmt))
            for task, (start, end, first_line, first_record) in enumerate(pl["ranges"]):
                shards.append(_Shard(str(path), sf, fmt, prefixes[sf], index, task, start, end, first_line,
                                     first_record, pl["bom"], len(shards)))
        seconds["plan"] = time.perf_counter() - t0
        # -- clean (three passes) or read clean articles, then the per-article measures
        t0 = time.perf_counter()
        if "clean" in steps:
            run(_count_shard_lines, shards, str(root), opts, partition_size)
            boilerplate = _summed_boilerplate(root, cl)
            parts = [p for ps in run(_clean_shard, shards, str(root), opts, partition_size, boilerplate) for p in ps]
            redo = _cross_slice_duplicates(root, cl)
            if redo:
                again = [replace(s, dup_first=redo[(s.source_file, s.task)]) for s in shards
                         if (s.source_file, s.task) in redo]
                fixed = {p["name"]: p for ps in run(_clean_shard, again, str(root), opts, partition_size,
                                                    boilerplate) for p in ps}
                parts = [fixed.get(p["name"], p) for p in parts]
            seconds["clean"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            offsets: dict[int, int] = {}
            for k, p in enumerate(parts):
                p["order_base"] = k << 32
                p["offset"] = offsets.get(p["file_index"], 0)
                offsets[p["file_index"]] = p["offset"] + p["n_articles"]
            clean_tasks = [{k: p.get(k) for k in ("name", "cpu_s", "wall_s", "pid", "peak_rss_mb")}
                           for p in parts if "cpu_s" in p]
            results = run(_analyze_part, parts, str(root), opts)
        else:
            clean_tasks = []
            results = [r for rs in run(_analyze_clean_shard, shards, str(root), opts, partition_size) for r in rs]
        seconds["measures"] = time.perf_counter() - t0
        n_articles = sum(r["counts"]["articles"] for r in results)
        # -- whole-corpus statistics from the parts
        if "slogans" in steps and whole_corpus:
            t0 = time.perf_counter()
            rates = scaled_slogan_rates(root, by=by, voice=voice, method=rate_method, lexicon=opts.lexicon,
                                        n_boot=n_boot, random_state=random_state, client=cl)
            _write(rates, root / "slogan_rates" / "part-0.parquet")
            seconds["slogan_rates"] = time.perf_counter() - t0
        if "terms" in steps and whole_corpus:
            t0 = time.perf_counter()
            summed_term_counts(root, by=by, client=cl)
            for b in [by] if isinstance(by, str) else by:
                try:
                    terms = scaled_distinctive_terms(root, by=b)
                except ValueError as exc:  # fewer than two groups: nothing to compare
                    warnings.warn(f"distinctive terms by {b!r} skipped: {exc}", stacklevel=2)
                    continue
                _write(terms.assign(by=b), root / "distinctive_terms" / f"part-{b}.parquet")
            seconds["term_counts"] = time.perf_counter() - t0
        if "minhash" in steps and whole_corpus:
            t0 = time.perf_counter()
            scaled_reuse_pairs(root, reuse, client=cl)
            seconds["reuse_pairs"] = time.perf_counter() - t0
    if not keep_work:
        shutil.rmtree(root / "_work", ignore_errors=True)
    seconds["total"] = time.perf_counter() - t_start
    tables = {n: root / n for n in list(PART_TABLES) + ["slogan_rates", "term_counts", "distinctive_terms",
                                                        "reuse_pairs"] if (root / n).is_dir()}
    task_cols = ["name", "phase", "cpu_s", "wall_s", "pid", "peak_rss_mb"]
    tasks = pd.DataFrame([{**t, "phase": "clean"} for t in clean_tasks] +
                         [{**{k: r[k] for k in ("name", "cpu_s", "wall_s", "pid", "peak_rss_mb")}, "phase": "measures"}
                          for r in results], columns=task_cols)
    manifest = {
        "framing_version": __import__("framing").__version__, "inputs": [sf for _, sf, _ in files],
        "steps": list(steps), "partition_size": partition_size, "workers": n_workers, "n_articles": n_articles,
        "n_parts": len(results), "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "options": {"text_column": text_column, "id_column": id_column, "by": by, "voice": voice,
                    "frame_schemes": list(frame_schemes), "sentiment_level": sentiment_level,
                    "sentiment_lexicon": sentiment_lexicon, "reuse": vars(reuse), "rate_method": rate_method,
                    "n_boot": n_boot, "random_state": random_state,
                    "lexicon": None if lexicon is None else str(lexicon)},
        "tables": {n: sum(r["counts"].get(n, 0) for r in results) for n in PART_TABLES if n in tables},
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")
    return ScaleResult(root, tables, n_articles, len(results), n_workers, seconds, tasks)
