"""Ingestion throughput: generated ~10 KB pages through ``framing.read_corpus``.

Generates text pages with :mod:`framing.synth` (all layouts in turn) and HTML
renderings of the same pages into a temporary folder, then measures in this one
process, pinned to one core:

* ``read_corpus`` on the text pages: pages/s (wall clock and per CPU-second of this
  process) and MB/s, the median of 3 timed runs
  after one warm-up run;
* building ``corpus.paragraphs`` and ``corpus.sentences`` (sentence splitting) on
  the corpus of each timed run, median of 3;
* peak memory of the ingest call: the growth of ``ru_maxrss`` over the warm-up run
  and the tracemalloc peak of one extra (untimed) run;
* ``read_corpus`` on the HTML pages (trafilatura + lxml), the same way.

Usage::

    python benchmarks/bench_ingest.py --pages 2000 --html-pages 300 --out results.json
    python benchmarks/bench_ingest.py --pages 500 --profile   # adds a cProfile summary
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity on this platform)"


# one core for every thread pool, set before numpy/pyarrow start theirs
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
PINNING = _pin_one_core()

import framing  # noqa: E402
from _common import provenance, write_results  # noqa: E402
from framing import read_corpus  # noqa: E402
from framing.ingest.lines import _classify_cached  # noqa: E402
from framing.synth import LAYOUTS, make_corpus, make_html_page  # noqa: E402


def _clear_caches() -> None:
    """The line-classification cache off (the line model's features are computed per batch of
    pages, each distinct line once, and keep nothing between calls)."""
    _classify_cached.cache_clear()


def _maxrss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def measure_ingest(folder: Path, n_pages: int, runs: int = 3, sentences: bool = True) -> dict:
    """Warm-up, memory and timed runs of ``read_corpus(folder)``."""
    size = _folder_bytes(folder)
    rss0 = _maxrss_mib()
    _clear_caches()
    t0 = time.perf_counter()
    corpus = read_corpus(folder)
    warmup_s = time.perf_counter() - t0
    rss_delta = _maxrss_mib() - rss0
    n_articles = int((corpus.articles["kind"] == "article").sum())
    n_comments = int((corpus.articles["kind"] == "comment").sum())
    n_problems = len(corpus.problems)
    del corpus

    _clear_caches()
    tracemalloc.start()
    read_corpus(folder)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    times, cpu_times, para_times, sent_times, n_sentences = [], [], [], [], 0
    for _ in range(runs):
        # every timed run starts cold: the line-classification cache only helps within a run,
        # where furniture repeats across the pages of a site, never from an earlier run
        _clear_caches()
        t0, c0 = time.perf_counter(), time.process_time()
        corpus = read_corpus(folder)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
        if sentences:
            t0 = time.perf_counter()
            paragraphs = corpus.paragraphs
            para_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sents = corpus.sentences  # paragraphs are cached by now: this is the sentence splitting alone
            sent_times.append(time.perf_counter() - t0)
            n_sentences = len(sents)
            n_paragraphs = len(paragraphs)
        del corpus
    med = statistics.median(times)
    out = {
        "pages": n_pages, "bytes": size, "articles": n_articles, "comments": n_comments, "problems": n_problems,
        "warmup_s": round(warmup_s, 3), "runs_s": [round(t, 3) for t in times], "median_s": round(med, 3),
        "pages_per_s": round(n_pages / med, 1), "mb_per_s": round(size / 1e6 / med, 3),
        # CPU seconds of this process: what another job on the same core cannot inflate
        "cpu_runs_s": [round(t, 3) for t in cpu_times],
        "pages_per_cpu_s": round(n_pages / statistics.median(cpu_times), 1),
        "maxrss_delta_mib": round(rss_delta, 1), "tracemalloc_peak_mib": round(traced_peak / 2**20, 1),
    }
    if sentences:
        ps, ss = statistics.median(para_times), statistics.median(sent_times)
        out.update(paragraphs=n_paragraphs, sentences=n_sentences, paragraphs_median_s=round(ps, 3),
                   sentences_median_s=round(ss, 3), sentences_per_s=round(n_sentences / ss, 1),
                   sentences_pages_per_s=round(n_pages / (ps + ss), 1))
    return out


def profile_ingest(folder: Path, top: int = 15) -> str:
    """cProfile of one ``read_corpus`` run, top entries by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    read_corpus(folder)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000, help="text pages to generate (default 2000)")
    ap.add_argument("--html-pages", type=int, default=300, help="HTML pages to generate (default 300; 0 skips)")
    ap.add_argument("--page-chars", type=int, default=10_000, help="approximate size of a page (default 10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="bench_ingest_results.json", help="JSON file for the results")
    ap.add_argument("--profile", action="store_true", help="print a cProfile summary of one text ingest")
    args = ap.parse_args(argv)

    results: dict = {"benchmark": "ingest", **provenance()}
    results["machine"].update(cores_used=1, pinning=PINNING)
    results.update({
        "framing_version": framing.__version__,
        "page_chars": args.page_chars, "layouts": list(LAYOUTS), "seed": args.seed,
    })
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        text_dir = Path(tmp) / "text"
        t0 = time.perf_counter()
        pages = make_corpus(text_dir, args.pages, seed=args.seed, target_chars=args.page_chars)
        results["generate_s"] = round(time.perf_counter() - t0, 2)
        print(f"generated {len(pages)} text pages ({_folder_bytes(text_dir) / 1e6:.1f} MB) "
              f"in {results['generate_s']} s; measuring ({PINNING}) ...", flush=True)
        results["text"] = measure_ingest(text_dir, len(pages))
        if args.profile:
            results["text_profile"] = profile_ingest(text_dir)
        if args.html_pages:
            html_dir = Path(tmp) / "html"
            html_dir.mkdir()
            rng = random.Random(args.seed)
            for i, page in enumerate(pages[: args.html_pages]):
                (html_dir / f"page_{i:05d}.html").write_text(make_html_page(page, rng), encoding="utf-8")
            print(f"generated {min(args.html_pages, len(pages))} HTML pages "
                  f"({_folder_bytes(html_dir) / 1e6:.1f} MB); measuring ...", flush=True)
            results["html"] = measure_ingest(html_dir, min(args.html_pages, len(pages)), sentences=False)
            # ru_maxrss is the process's peak: HTML is measured after the text pages, so its delta only
            # shows memory beyond the peak the text runs reached; the tracemalloc peak is its own
            results["html"]["maxrss_note"] = "growth beyond the peak of the earlier text runs"

    rows = [("text pages", results["text"])] + ([("HTML pages", results["html"])] if "html" in results else [])
    print()
    print(f"{'input':<12}{'pages':>7}{'MB':>7}{'median s':>10}{'pages/s':>10}{'/CPU-s':>8}{'MB/s':>8}"
          f"{'maxrss+ MiB':>13}{'traced MiB':>12}")
    for name, r in rows:
        print(f"{name:<12}{r['pages']:>7}{r['bytes'] / 1e6:>7.1f}{r['median_s']:>10.2f}{r['pages_per_s']:>10.1f}"
              f"{r['pages_per_cpu_s']:>8.0f}"
              f"{r['mb_per_s']:>8.2f}{r['maxrss_delta_mib']:>13.1f}{r['tracemalloc_peak_mib']:>12.1f}")
    t = results["text"]
    print(f"\nparagraphs: {t['paragraphs']} in {t['paragraphs_median_s']:.2f} s; sentences: {t['sentences']} in "
          f"{t['sentences_median_s']:.2f} s ({t['sentences_per_s']:.0f} sentences/s, "
          f"{t['sentences_pages_per_s']:.0f} pages/s for paragraphs + sentences)")
    print(f"articles: {t['articles']}, comments: {t['comments']}, problems: {t['problems']}")
    if args.profile:
        print("\n" + results["text_profile"])
    if args.out:
        write_results(args.out, results)
        print(f"\nwrote {args.out}")
    return results


if __name__ == "__main__":
    main()
