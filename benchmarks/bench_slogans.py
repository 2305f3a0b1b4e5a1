"""Slogan matching throughput: framing's matcher vs GNU grep vs a compiled ``re`` alternation.

All three look for the same phrase list (the packaged lexicon's phrases with their
spelling and plural variants) in the same news-like text, on one core:

- ``framing``: :class:`framing.matching.PhraseMatcher` over documents of ~5 KB
  (normalisation, Aho-Corasick, word-boundary and case checks included);
- ``framing+voice``: :func:`framing.slogans.slogan_matches`-style work, i.e. the
  matcher plus sentence and quotation context for every document with a match
  (``matches_in_text``: every column of the matches table; goal: at least a quarter of
  grep's throughput);
- ``grep``: ``LC_ALL=C grep -F -o -i -f phrases.txt`` (the practical ceiling; the C
  locale is grep at its best: ``-i`` in a UTF-8 locale is many times slower);
- ``re``: one compiled ``re`` alternation with word boundaries, ``re.IGNORECASE``.

The text is made by sampling sentences of the bundled sample corpus (written by us)
into ~5 KB documents until the target size is reached, so slogans occur at a
realistic density.

Usage::

    python benchmarks/bench_slogans.py --mb 100 --out benchmarks/results/slogans.json
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")


def make_documents(target_mb: float, seed: int = 0) -> list[str]:
    import framing
    from framing.text import split_sentences

    corpus = framing.load_sample_corpus()
    sentences = [s for t in corpus.articles["text"] for s in split_sentences(t) if len(s) > 20]
    rng = random.Random(seed)
    docs, size, target = [], 0, int(target_mb * 1_000_000)
    while size < target:
        paras = []
        doc_len = 0
        while doc_len < 5000:
            para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
            paras.append(para)
            doc_len += len(para) + 2
        doc = "\n\n".join(paras)
        docs.append(doc)
        size += len(doc.encode("utf-8")) + 1
    return docs


def _cpu() -> float:
    """CPU seconds of this process and its finished children (grep)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn, repeat: int = 3):
    """Median wall-clock and CPU seconds of ``repeat`` runs, and the result of the last.

    The CPU time is the steadier figure on a shared machine."""
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        c0, t0 = _cpu(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    return sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="megabytes of text (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per method; the median is reported")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    from _common import provenance, write_results

    from framing.matching import phrase_variants
    from framing.slogan_lexicon import load_slogan_lexicon
    from framing.slogans.matches import matches_in_text

    lex = load_slogan_lexicon()
    matcher = lex.matcher
    docs = make_documents(args.mb)
    text = "\n".join(docs)
    nbytes = len(text.encode("utf-8"))
    mb = nbytes / 1e6
    variants = sorted({v for f in lex.families for p in f.phrases for v in phrase_variants(p)}, key=len,
                      reverse=True)
    results: dict = {
        **provenance(),
        "megabytes": round(mb, 1), "documents": len(docs), "phrases": len(variants),
        "families": len(lex.families), "methods": {},
    }

    def run_framing():
        return sum(len(matcher.find(d)) for d in docs)

    def run_framing_voice():
        return sum(len(matches_in_text(i, d, matcher)) for i, d in enumerate(docs))

    with tempfile.TemporaryDirectory() as tmp:
        tpath = Path(tmp) / "text.txt"
        tpath.write_text(text, encoding="utf-8")
        ppath = Path(tmp) / "phrases.txt"
        ppath.write_text("\n".join(variants) + "\n", encoding="utf-8")

        def run_grep():
            out = subprocess.run(["grep", "-F", "-o", "-i", "-f", str(ppath), str(tpath)], capture_output=True,
                                 env={**os.environ, "LC_ALL": "C"}, check=False)
            return out.stdout.count(b"\n")

        pattern = re.compile(r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", r"[\s\-–—]+") for v in variants)
                             + r")\b", re.IGNORECASE)

        def run_re():
            return sum(1 for _ in pattern.finditer(text))

        for name, fn, repeat in [("grep", run_grep, args.repeat), ("framing", run_framing, args.repeat),
                                 ("framing+voice", run_framing_voice, args.repeat), ("re", run_re, 1)]:
            seconds, cpu, n = timed(fn, repeat)
            results["methods"][name] = {"seconds": round(seconds, 3), "mb_per_s": round(mb / seconds, 1),
                                        "cpu_seconds": round(cpu, 3), "cpu_mb_per_s": round(mb / cpu, 1),
                                        "matches": int(n), "runs": repeat}
            print(f"{name:14s} {seconds:8.2f} s  {mb / seconds:8.1f} MB/s  (CPU {cpu:7.2f} s {mb / cpu:7.1f} MB/s)"
                  f"  {n:>9,d} matches", flush=True)
    methods = results["methods"]
    ratio = methods["framing"]["mb_per_s"] / methods["grep"]["mb_per_s"]
    results["framing_vs_grep"] = round(ratio, 2)
    print(f"framing / grep throughput: {ratio:.2f} (goal: at least 0.5)")
    ratio = methods["framing+voice"]["mb_per_s"] / methods["grep"]["mb_per_s"]
    cpu_ratio = methods["framing+voice"]["cpu_mb_per_s"] / methods["grep"]["cpu_mb_per_s"]
    results["voice_vs_grep"] = round(ratio, 2)
    results["voice_vs_grep_cpu"] = round(cpu_ratio, 2)
    print(f"framing+voice / grep throughput: {ratio:.2f}, in CPU time {cpu_ratio:.2f} (goal: at least 0.25)")
    write_results(args.out, results)
    return results


if __name__ == "__main__":
    main()
