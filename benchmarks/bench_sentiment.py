"""VADER sentence scoring throughput on one core (NLTK's SentimentIntensityAnalyzer).

Scores the 5,190 NYT editorial snippets of ../shared/validation/vader (read in place)
several times over, with the plain lexicon and with the diplomatic extension.

Usage::

    python benchmarks/bench_sentiment.py --out benchmarks/results/sentiment.json
"""

from __future__ import annotations

import argparse
import time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/validation/vader/nytEditorialSnippets_GroundTruth.txt")
    parser.add_argument("--repeat", type=int, default=4, help="passes over the sentences")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    from _common import provenance, write_results

    from framing.sentiment import analyzer

    sentences = [line.split("\t", 2)[2].strip() for line in open(args.data, encoding="utf-8", errors="replace")
                 if line.count("\t") >= 2]
    res = {**provenance(), "sentences": len(sentences) * args.repeat, "lexicons": {}}
    for lexicon in ("vader", "vader+diplomatic"):
        sia = analyzer(lexicon)
        sia.polarity_scores("warm up")
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for s in sentences:
                sia.polarity_scores(s)
        secs = time.perf_counter() - t0
        rate = len(sentences) * args.repeat / secs
        res["lexicons"][lexicon] = {"seconds": round(secs, 2), "sentences_per_s": round(rate)}
        print(f"{lexicon:18s} {rate:8.0f} sentences/s ({secs:.1f} s)")
    write_results(args.out, res)


if __name__ == "__main__":
    main()
