"""Outlet-clustered intervals at corpus scale: ``framing.stats.cluster_bootstrap`` must give 2,000
two-stage replicates (outlets, then their documents) over 100,000 documents in < 10 s on 2 cores
(issue 16).

Documents are simulated: outlets of very unequal size (log-normal: a few wires with thousands of
articles, many outlets with a handful), six outlet types, words per document log-normal, counts
Poisson with an outlet effect. Times the one-feature rate, ten features at once, and
``framing.stats.contrast`` of two types over ten features (bootstrap + 9,999 outlet permutations).

Usage::

    python benchmarks/bench_cluster_bootstrap.py --out benchmarks/results/cluster_bootstrap.json
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from _common import provenance, write_results  # noqa: E402

from framing.stats import cluster_bootstrap, contrast  # noqa: E402


def simulate(n_docs: int, n_outlets: int, n_features: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0, 1.5, n_outlets)
    size = np.maximum(1, np.round(weight / weight.sum() * n_docs)).astype(int)
    outlet = np.repeat(np.arange(n_outlets), size)[:n_docs]
    n = len(outlet)
    words = np.round(rng.lognormal(6, 0.6, n)).astype(int) + 20
    data = {"publisher": [f"outlet{o}" for o in outlet], "source_type": [f"type{o % 6}" for o in outlet],
            "n_words": words}
    for f in range(n_features):
        rate = rng.gamma(2, 1.5, n_outlets)[outlet] / 1000  # per word, varying by outlet
        data[f"feature{f}"] = rng.poisson(rate * words)
    return pd.DataFrame(data)


def _time(fn, runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--outlets", type=int, default=400)
    ap.add_argument("--n-boot", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    df = simulate(args.docs, args.outlets, 10)
    sizes = df["publisher"].value_counts()
    feats = [f"feature{f}" for f in range(10)]
    cases = {
        "1 feature": lambda: cluster_bootstrap(df["feature0"], df["n_words"], df["publisher"], df["source_type"],
                                               n_boot=args.n_boot, per=1000),
        "10 features": lambda: cluster_bootstrap(df[feats], df["n_words"], df["publisher"], df["source_type"],
                                                 n_boot=args.n_boot, per=1000),
        "contrast, 10 features": lambda: contrast(df, "type0", "type1", value=feats, total="n_words", per=1000,
                                                  n_boot=args.n_boot),
    }
    results = {"benchmark": "cluster_bootstrap", **provenance(),
               "data": {"documents": len(df), "outlets": int(len(sizes)), "groups": int(df["source_type"].nunique()),
                        "largest_outlet": int(sizes.iloc[0]), "median_outlet": float(sizes.median()),
                        "n_boot": args.n_boot}, "cases": {}}
    print(f"{len(df):,} documents, {len(sizes)} outlets (largest {sizes.iloc[0]:,}, median {sizes.median():g}), "
          f"6 groups, {args.n_boot:,} replicates, one core")
    for name, fn in cases.items():
        fn()  # warm-up: imports, page faults
        wall, cpu = _time(fn, args.repeat)
        results["cases"][name] = {"median_wall_s": round(wall, 2), "median_cpu_s": round(cpu, 2)}
        print(f"{name:>22}: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    write_results(args.out, results)
    return results


if __name__ == "__main__":
    main()
