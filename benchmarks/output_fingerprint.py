"""Fingerprints of every output a user gets, to show a refactoring changed none of them (issue 15).

Runs, in this order, and prints one SHA-256 per output table:

- ``framing analyze`` on the bundled sample (default options) and on ``../shared/corpus``: every CSV
  (``manifest.json`` and ``report.html`` hold timestamps and are left out; the report's tables are
  the CSVs);
- ``framing.scale.analyze_parquet`` on a 2-worker LocalCluster over 1,200 generated articles in two
  Parquet shards with every step, and over generated raw pages (JSON Lines) with ``clean``: each
  table read back, sorted on all its columns and written as CSV (Parquet files carry writer metadata).

Usage::

    python benchmarks/output_fingerprint.py --out /tmp/before.json     # on the commit before
    python benchmarks/output_fingerprint.py --compare /tmp/before.json # after: lists what differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _analyze(corpus: Path, label: str) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "framing.cli", "analyze", str(corpus), "--out", tmp, "--quiet"],
                       check=True, env=env, cwd=ROOT)
        return {f"{label}/{p.name}": _sha(p.read_bytes()) for p in sorted(Path(tmp).glob("*.csv"))}


def _scale() -> dict:
    import json as _json
    import random

    from distributed import Client, LocalCluster

    from framing.scale import analyze_parquet, read_result
    from framing.synth import make_articles_table, make_page

    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        tmp = Path(tmp)
        rows = make_articles_table(1200, seed=3).assign(kind="article")
        (tmp / "shards").mkdir()
        for k, part in enumerate((rows.iloc[:500], rows.iloc[500:])):
            part.to_parquet(tmp / "shards" / f"news_{k}.parquet", index=False, row_group_size=300)
        (tmp / "raw").mkdir()
        with open(tmp / "raw" / "pages.jsonl", "w", encoding="utf-8") as fh:
            rng = random.Random(5)
            for i in range(300):
                fh.write(_json.dumps({"id": f"p{i}", "text": make_page(rng).text,
                                      "publisher": f"outlet{i % 7}"}) + "\n")
        runs = {"scale_articles": (str(tmp / "shards" / "*.parquet"),
                                   ["slogans", "frames", "sentiment", "minhash", "terms"]),
                "scale_raw": (str(tmp / "raw" / "*.jsonl"), ["clean", "slogans", "sentiment", "minhash"])}
        for label, (glob, steps) in runs.items():
            result = analyze_parquet(glob, tmp / label, steps=steps, client=client, partition_size=250)
            for name in sorted(result.tables):
                table = read_result(tmp / label, name).astype(object).map(_cell)
                table = table.sort_values(list(table.columns), kind="mergesort").reset_index(drop=True)
                out[f"{label}/{name}"] = _sha(table.to_csv(index=False).encode("utf-8"))
    return out


def _cell(value) -> str:
    """A table cell as text: bytes (MinHash signatures) as hex, arrays as their items."""
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if hasattr(value, "tolist") and not isinstance(value, str):
        return repr(value.tolist())
    return str(value)


def fingerprint() -> dict:
    prints = {}
    prints.update(_analyze(ROOT / "framing" / "data" / "sample", "sample"))
    prints.update(_analyze(ROOT.parent / "shared" / "corpus", "shared"))
    prints.update(_scale())
    return prints


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the fingerprints here (JSON)")
    parser.add_argument("--compare", help="fingerprints of the commit before (JSON): list the differences")
    args = parser.parse_args(argv)
    prints = fingerprint()
    if args.out:
        Path(args.out).write_text(json.dumps(prints, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | prints.keys() if before.get(k) != prints.get(k))
        for key in differ:
            print(f"differs: {key} ({before.get(key, 'absent')} -> {prints.get(key, 'absent')})")
        print(f"{len(prints)} outputs, {len(differ)} differ")
        return 1 if differ else 0
    print(json.dumps(prints, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
