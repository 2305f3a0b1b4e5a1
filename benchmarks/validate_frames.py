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

Usage::

    python benchmarks/validate_frames.py --semeval ../shared/validation/semeval2023_task3_en \
        --out benchmarks/results/frames_validation.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np


def evaluate(semeval: str | Path, *, embedding: bool = True) -> dict:
    from sklearn.metrics import f1_score, precision_recall_fscore_support
    from sklearn.preprocessing import MultiLabelBinarizer

    from framing import Corpus
    from framing.frames import cross_validate_frames, frame_scores, load_frames
    from framing.lexicon import load_lexicon
    from framing.validation import load_semeval_frames

    texts, labels, ids = load_semeval_frames(semeval)
    frames = load_frames("policy")
    to_label = {f.id: f.semeval for f in frames if f.semeval}
    mlb = MultiLabelBinarizer(classes=sorted(to_label.values()))
    Y = mlb.fit_transform(labels)
    corpus = Corpus.from_frame([{"text": t, "doc_id": i} for t, i in zip(texts, ids)], doc_id="doc_id")
    out: dict = {"n_articles": len(texts), "frames": list(mlb.classes_),
                 "frames_lexicon_version": load_lexicon("frames")["version"], "methods": {}}

    def record(name, P, seconds):
        out["methods"][name] = {"micro_f1": float(f1_score(Y, P, average="micro", zero_division=0)),
                                "macro_f1": float(f1_score(Y, P, average="macro", zero_division=0)),
                                "seconds": round(seconds, 1)}

    t0 = time.perf_counter()
    d = frame_scores(corpus, scheme="policy", method="dictionary")
    d = d[d["frame"].isin(to_label)]
    d = d.assign(label=d["frame"].map(to_label), pred=(d["score"] >= 0.10) & (d["hits"] >= 2))
    P = d.pivot(index="doc_id", columns="label", values="pred").reindex(index=ids, columns=mlb.classes_)
    P = P.fillna(False).to_numpy().astype(int)
    record("dictionary", P, time.perf_counter() - t0)
    p, r, f, n = precision_recall_fscore_support(Y, P, zero_division=0)
    out["dictionary_per_frame"] = {c: {"precision": round(float(p[j]), 3), "recall": round(float(r[j]), 3),
                                       "f1": round(float(f[j]), 3), "support": int(n[j])}
                                   for j, c in enumerate(mlb.classes_)}

    if embedding:
        t0 = time.perf_counter()
        e = frame_scores(corpus, scheme="policy", method="embedding")
        e = e[e["frame"].isin(to_label)].assign(label=lambda x: x["frame"].map(to_label))
        S = e.pivot(index="doc_id", columns="label", values="score").reindex(index=ids, columns=mlb.classes_)
        S = S.to_numpy()
        P = (S >= S.max(axis=1, keepdims=True) - 0.02).astype(int)
        record("embedding", P, time.perf_counter() - t0)

    t0 = time.perf_counter()
    cv = cross_validate_frames(texts, labels, cv=5, random_state=0)
    seconds = time.perf_counter() - t0
    for method in ("classifier", "majority", "random"):
        rows = cv[(cv["method"] == method)].set_index("frame")
        out["methods"][method] = {"micro_f1": float(rows.loc["(micro)", "f1"]),
                                  "macro_f1": float(rows.loc["(macro)", "f1"]),
                                  "seconds": round(seconds, 1) if method == "classifier" else None}
    out["classifier_per_frame"] = {
        r.frame: {"precision": round(r.precision, 3), "recall": round(r.recall, 3), "f1": round(r.f1, 3),
                  "support": int(r.support)}
        for r in cv[(cv["method"] == "classifier") & ~cv["frame"].str.startswith("(")].itertuples()}
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semeval", default="../shared/validation/semeval2023_task3_en")
    parser.add_argument("--no-embedding", action="store_true")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    from _common import provenance, write_results

    res = evaluate(args.semeval, embedding=not args.no_embedding)
    res.update(provenance())
    for name, m in res["methods"].items():
        print(f"{name:12s} micro F1 {m['micro_f1']:.3f}  macro F1 {m['macro_f1']:.3f}")
    write_results(args.out, res)
    return res


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
