"""The driver of a run: :func:`analyze_parquet` plans the slices, runs each pass on the cluster, writes the tables."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from .._version import __version__
from ..corpus import PROBLEM_COLUMNS, typed_frame
from ..ingest.pipeline import doc_prefixes
from ..ingest.readers import Problem
from .clean import clean_shard, count_shard_lines, summed_boilerplate
from .measures import analyze_clean_shard, analyze_part
from .pairs import scaled_reuse_pairs
from .parts import part_files, read_result, write_part
from .plan import (DEFAULT_STEPS, PART_TABLES, STEPS, WHOLE_TABLES, Options, ReuseParams, Shard, input_files,
                   plan_file)
from .rates import scaled_slogan_rates
from .terms import scaled_distinctive_terms, summed_term_counts

__all__ = ["ScaleResult", "analyze_parquet"]

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
    names = [*PART_TABLES, *WHOLE_TABLES, "_work"]
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

    files = part_files(root, "_work/record_ids")
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
    steps = tuple(dict.fromkeys(steps))
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(map(repr, unknown))}; choose from {', '.join(STEPS)}")
    if sentiment_level not in ("sentence", "paragraph", "article"):
        raise ValueError(f"sentiment_level must be 'sentence', 'paragraph' or 'article', got {sentiment_level!r}")
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    files = input_files(input_glob)
    root = Path(out_dir)
    _prepare_out(root, overwrite)
    opts = Options(steps=steps, text_column=text_column, id_column=id_column,
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
        plans = run(plan_file, [(str(p), fmt) for p, _, fmt in files], partition_size)
        problems = [Problem(sf, "empty", f"{sf}: file is empty") for (_, sf, _), pl in zip(files, plans)
                    if pl["empty"]]
        live = [(f, pl) for f, pl in zip(files, plans) if not pl["empty"]]
        prefixes, more = doc_prefixes([SimpleNamespace(source_file=sf) for (_, sf, _), _ in live])
        problems += more
        write_part(typed_frame([vars(p) for p in problems], PROBLEM_COLUMNS), root / "problems" / "part-plan.parquet")
        shards = []
        for (path, sf, fmt), pl in live:
            index = files.index((path, sf, fmt))
            for task, (start, end, first_line, first_record) in enumerate(pl["ranges"]):
                shards.append(Shard(str(path), sf, fmt, prefixes[sf], index, task, start, end, first_line,
                                     first_record, pl["bom"], len(shards)))
        seconds["plan"] = time.perf_counter() - t0
        # -- clean (three passes) or read clean articles, then the per-article measures
        t0 = time.perf_counter()
        if "clean" in steps:
            run(count_shard_lines, shards, str(root), opts, partition_size)
            boilerplate = summed_boilerplate(root, cl)
            parts = [p for ps in run(clean_shard, shards, str(root), opts, partition_size, boilerplate) for p in ps]
            redo = _cross_slice_duplicates(root, cl)
            if redo:
                again = [replace(s, dup_first=redo[(s.source_file, s.task)]) for s in shards
                         if (s.source_file, s.task) in redo]
                fixed = {p["name"]: p for ps in run(clean_shard, again, str(root), opts, partition_size,
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
            results = run(analyze_part, parts, str(root), opts)
        else:
            clean_tasks = []
            results = [r for rs in run(analyze_clean_shard, shards, str(root), opts, partition_size) for r in rs]
        seconds["measures"] = time.perf_counter() - t0
        n_articles = sum(r["counts"]["articles"] for r in results)
        # -- whole-corpus statistics from the parts
        if "slogans" in steps and whole_corpus:
            t0 = time.perf_counter()
            rates = scaled_slogan_rates(root, by=by, voice=voice, method=rate_method, lexicon=opts.lexicon,
                                        n_boot=n_boot, random_state=random_state, client=cl)
            write_part(rates, root / "slogan_rates" / "part-0.parquet")
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
                write_part(terms.assign(by=b), root / "distinctive_terms" / f"part-{b}.parquet")
            seconds["term_counts"] = time.perf_counter() - t0
        if "minhash" in steps and whole_corpus:
            t0 = time.perf_counter()
            scaled_reuse_pairs(root, reuse, client=cl)
            seconds["reuse_pairs"] = time.perf_counter() - t0
    if not keep_work:
        shutil.rmtree(root / "_work", ignore_errors=True)
    seconds["total"] = time.perf_counter() - t_start
    tables = {n: root / n for n in (*PART_TABLES, *WHOLE_TABLES) if (root / n).is_dir()}
    task_cols = ["name", "phase", "cpu_s", "wall_s", "pid", "peak_rss_mb"]
    tasks = pd.DataFrame([{**t, "phase": "clean"} for t in clean_tasks] +
                         [{**{k: r[k] for k in ("name", "cpu_s", "wall_s", "pid", "peak_rss_mb")}, "phase": "measures"}
                          for r in results], columns=task_cols)
    manifest = {
        "framing_version": __version__, "inputs": [sf for _, sf, _ in files],
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
