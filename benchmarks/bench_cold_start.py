"""What a user waits for in a fresh process: ``framing analyze`` on the sample, the first topic fit, a bare
``import bertopic``.

Every figure is the wall time of a new Python process (each run pays the imports and model loads a
restarted kernel pays), after one untimed warm-up run of each that fills the file cache and numba's
compiled-code cache, as a machine that has run ``make demo`` once has them. Three runs each by default;
the minimum and the median are reported.

Usage::

    python benchmarks/bench_cold_start.py --repeat 3 --out benchmarks/results/cold_start.json

Measured (issue 20): the first ``fit_topics`` of the sample in a fresh process against a bare
``import bertopic`` in a fresh process of the same run, and ``framing analyze framing/data/sample`` (default
options: MiniLM embeddings, PNG figures) end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import provenance, write_results  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "framing" / "data" / "sample"

# each snippet prints one JSON line of its own timings (seconds from the start of the process's work)
_IMPORT_BERTOPIC = """
import json, time
t = time.perf_counter()
import bertopic
print(json.dumps({"import_bertopic": time.perf_counter() - t}))
"""

_FIT_TOPICS = """
import json, time
t0 = time.perf_counter()
from framing import load_sample_corpus
from framing.topics import fit_topics
corpus = load_sample_corpus()
t1 = time.perf_counter()
fit_topics(corpus, embedding={embedding!r})
t2 = time.perf_counter()
fit_topics(corpus, embedding={embedding!r})
t3 = time.perf_counter()
print(json.dumps({{"import_framing_and_read": t1 - t0, "first_fit": t2 - t1, "second_fit": t3 - t2}}))
"""


def _env() -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", MPLBACKEND="Agg", PYTHONHASHSEED="0")
    return env


def _python(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _analyze(args: list[str]) -> float:
    framing = Path(sys.executable).with_name("framing")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([str(framing), "analyze", str(SAMPLE), "--out", tmp, "--quiet", *args],
                       capture_output=True, text=True, env=_env(), check=True)
        return time.perf_counter() - start


def _summary(values: list[float]) -> dict:
    return {"min": round(min(values), 2), "median": round(statistics.median(values), 2),
            "runs": [round(v, 2) for v in values]}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--embedding", default="minilm", choices=["minilm", "static", "tfidf"],
                        help="embedding of the fit_topics runs (analyze runs both minilm and static)")
    parser.add_argument("--out", default=None, help="results JSON")
    args = parser.parse_args(argv)

    fit_code = _FIT_TOPICS.format(embedding=args.embedding)
    # warm-up (untimed): the file cache, numba's compiled code, the static model's distillation
    _python(_IMPORT_BERTOPIC)
    _python(fit_code)
    _analyze([])

    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):  # interleaved, so that a burst of other work on the machine hits all alike
        runs.setdefault("import_bertopic", []).append(_python(_IMPORT_BERTOPIC)["import_bertopic"])
        fit = _python(fit_code)
        for key in ("first_fit", "second_fit"):
            runs.setdefault(key, []).append(fit[key])
        runs.setdefault("analyze_minilm", []).append(_analyze([]))
        runs.setdefault("analyze_static", []).append(_analyze(["--embedding", "static"]))
    results = {**provenance(), "repeat": args.repeat, "fit_embedding": args.embedding,
               "seconds": {k: _summary(v) for k, v in runs.items()}}
    sec = results["seconds"]
    results["first_fit_vs_import_bertopic"] = round(sec["first_fit"]["median"] / sec["import_bertopic"]["median"], 2)
    print(json.dumps(results, indent=2))
    write_results(args.out, results)
    return results


if __name__ == "__main__":
    main()
