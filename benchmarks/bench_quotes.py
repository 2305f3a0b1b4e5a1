"""Quote attribution on run-on sentences: ``framing.voices.quotes`` must stay linear in the
number of reporting verbs of a sentence (issue 18: 1.2 / 5.4 / 14.6 s for 500 / 1,000 / 2,000
clauses at 6d7bbbf, and more than 10 s for ``"said " * 10000``).

Usage::

    python benchmarks/bench_quotes.py --out benchmarks/results/quotes.json
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

from _common import provenance, write_results  # noqa: E402
from framing import Corpus  # noqa: E402
from framing.voices import quotes  # noqa: E402

CLAUSE = "the minister said that trade grew, "  # our own wording


def _time(text: str, runs: int = 3) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        corpus = Corpus.from_frame([{"text": text}])
        t0 = time.perf_counter()
        n = len(quotes(corpus))
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    _time("Officials said the talks went well, and the minister said so too.", runs=1)  # lexicons loaded
    cases = {f"{n} clauses": "Officials met. " + CLAUSE * n + "and talks ended." for n in (500, 1000, 2000, 4000)}
    cases['"said " * 10000'] = "said " * 10000
    results = {"benchmark": "quotes", **provenance(), "cases": {}}
    for name, text in cases.items():
        seconds, n = _time(text)
        results["cases"][name] = {"chars": len(text), "median_s": round(seconds, 3), "quotes": n}
        print(f"{name:>18}: {len(text):>7} chars, {seconds:.3f} s")
    write_results(args.out, results)
    return results


if __name__ == "__main__":
    main()
