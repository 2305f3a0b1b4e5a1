"""Frame detection on SemEval-2023 Task 3 (English, 433 articles, 14 MFC frames, multi-label).

Compares, with micro and macro F1 over the 14 frames:

- ``dictionary``: ``frame_scores(method="dictionary", scheme="policy")``; an article
  has a frame when the frame holds at least 10% of the article's frame-term hits and
  at least 2 hits (a fixed rule, set before looking at these data);
- ``embedding``: ``frame_scores(method="embedding", scheme="policy")`` (MiniLM
  paragraphs vs seed centroids); an article has the frames whose mean similarity
  is within 0.02 of its best frame, plus the best (a fixed rule);
- ``classifier``: :class:`framing.frames.FrameClassifier` (TF-IDF + one-vs-rest
  logistic regression), 5-fold cross-validated, with the majority and random
  baselines on the same folds.

The evaluation is :func:`framing.datasets.validation.evaluate_semeval_frames`
(tests/test_frames.py pins its figures); this script records them.

Usage::

    python benchmarks/validate_frames.py --semeval ../shared/validation/semeval2023_task3_en \
        --out benchmarks/results/frames_validation.json
"""

from __future__ import annotations

import argparse

import numpy as np

from framing.datasets.validation import evaluate_semeval_frames


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semeval", default="../shared/validation/semeval2023_task3_en")
    parser.add_argument("--no-embedding", action="store_true")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    from _common import provenance, write_results

    res = evaluate_semeval_frames(args.semeval, embedding=not args.no_embedding)
    res.update(provenance())
    for name, m in res["methods"].items():
        print(f"{name:12s} micro F1 {m['micro_f1']:.3f}  macro F1 {m['macro_f1']:.3f}")
    write_results(args.out, res)
    return res


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
