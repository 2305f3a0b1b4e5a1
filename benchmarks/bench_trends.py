"""Weekly slogan series by outlet over the 37,815 headlines of ``../shared/validation/headlines``, in seconds.

One call, ``framing.trends(corpus, "slogans", by="publisher", freq="W")`` (default 2,000 bootstrap
replicates per outlet and week), timed after loading the corpus; the time includes matching the
slogans (``slogan_matches``) and every interval. Wall-clock and CPU seconds, median of ``--repeat`` runs.

Usage::

    python benchmarks/bench_trends.py [--repeat 3] [--out benchmarks/results/trends.json]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

from _common import provenance, write_results

ROOT = Path(__file__).resolve().parents[1]
HEADLINES = ROOT.parent / "shared" / "validation" / "headlines" / "state_media_vs_bbc_2022.csv"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument("--out", help="write the figures here (JSON)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore")
    import framing
    from framing.datasets.validation import load_headlines

    if not HEADLINES.exists():
        raise SystemExit(f"{HEADLINES} is missing: this benchmark needs ../shared beside the repository")
    t0 = time.perf_counter()
    corpus = load_headlines(HEADLINES)
    load_s = time.perf_counter() - t0
    walls, cpus = [], []
    for _ in range(args.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        table = framing.trends(corpus, "slogans", by="publisher", freq="W", n_boot=args.n_boot)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    wall, cpu = sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2]
    results = {**provenance(), "documents": len(corpus), "rows": len(table),
               "cells": int(table.groupby(["group", "period"]).ngroups), "n_boot": args.n_boot,
               "load_seconds": round(load_s, 2), "trends_seconds_wall": round(wall, 2),
               "trends_seconds_cpu": round(cpu, 2)}
    print(f"trends(slogans, by=publisher, freq=W) over {len(corpus):,} headlines: {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU (median of {args.repeat}; {results['cells']:,} outlet-weeks, {len(table):,} rows; "
          f"loading took {load_s:.1f} s)")
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
