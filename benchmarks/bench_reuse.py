"""Text-reuse detection at scale: 20,000 generated articles with injected reprints.

Articles are generated here, with their ground truth, so that recall and precision can
be reported, not only time:

- words are pseudo-words (``kelomar``, ``tavinu``; 20,000 types, Zipf-distributed like
  the words of news text), so two unrelated articles share no sentence by chance
  beyond what word frequencies give;
- a share of the articles are stories reprinted by 1-5 other publishers. Each reprint
  is an exact copy, a near-exact copy (case and punctuation changed, words kept) or an
  edited copy (in three sentences of ten, one word inserted, dropped or replaced); half
  get a wire dateline before the first sentence and one in ten drops its last paragraph;
  half name the originator as ``original_source``;
- one article in fifty repeats one of its own sentences as a pull quote.

Every sentence carries a label (story, sentence); two sentences are a true reuse pair
when they carry the same label. Reported:

- time (wall and CPU) and peak memory of :func:`framing.reuse.reuse_pairs` at sentence
  level (index: shingles, MinHash signatures, LSH insertion; query: LSH look-ups, exact
  Jaccard, classification), of the sentence splitting it needs, and of
  :func:`framing.reuse.syndicated_stories` given the pairs;
- recall over the true pairs whose exact Jaccard is at least the threshold (what LSH
  can miss), recall over all injected pairs (edits can push a pair below the
  threshold), precision (found pairs that are true), and the pairwise recall and
  precision of the story grouping used by ``collapse_syndicated``.

Usage::

    python benchmarks/bench_reuse.py --articles 20000 --out benchmarks/results/reuse.json
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections import defaultdict
from itertools import combinations

import numpy as np
import pandas as pd

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ka", "lo", "ri", "sha", "chi", "tho"]
CITIES = ["ASTANA", "TASHKENT", "BISHKEK", "DUSHANBE", "ASHGABAT", "BEIJING", "ALMATY", "URUMQI"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September"]


def _vocabulary(rng: np.random.Generator, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        k = int(rng.integers(2, 5))
        words.add("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), k)))
    return sorted(words)


class _Writer:
    def __init__(self, rng: np.random.Generator, n_words: int = 20_000, zipf: float = 1.05):
        self.rng = rng
        self.vocab = np.array(_vocabulary(rng, n_words), dtype=object)
        w = 1.0 / np.arange(1, n_words + 1) ** zipf
        self.cdf = np.cumsum(w / w.sum())

    def words(self, n: int) -> list[str]:
        return list(self.vocab[np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), len(self.vocab) - 1)])

    def sentence(self) -> list[str]:
        return self.words(int(self.rng.integers(8, 31)))


def _render(words: list[str]) -> str:
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


def _near_exact(words: list[str], rng) -> str:
    """Same words, different typography: a comma and an upper-case word."""
    w = list(words)
    i = int(rng.integers(1, len(w)))
    w[i] = w[i].upper() if rng.random() < 0.5 else w[i] + ","
    return _render(w)


def _edit(words: list[str], rng, writer: _Writer) -> list[str]:
    w = list(words)
    i = int(rng.integers(0, len(w)))
    op = rng.integers(0, 3)
    new = writer.words(1)[0]
    if op == 0:
        w.insert(i, new)
    elif op == 1 and len(w) > 8:
        del w[i]
    else:
        w[i] = new
    return w


def make_reuse_corpus(n_articles: int = 20_000, seed: int = 0, reprint_share: float = 0.12,
                      pull_quote_share: float = 0.02, n_publishers: int = 300):
    """Articles (a list of dicts for ``Corpus.from_frame``) and the label of every sentence.

    Returns ``(records, labels)`` where ``labels[doc_id]`` lists, for each sentence of the
    article in order, the ``(story, sentence)`` it was made from.
    """
    rng = np.random.default_rng(seed)
    writer = _Writer(rng)
    publishers = [f"Outlet {i:03d}" for i in range(n_publishers)]
    types = ["state_media", "newspaper", "aggregator", "pr_wire", "think_tank", "analysis_magazine"]
    pub_type = {p: types[i % len(types)] for i, p in enumerate(publishers)}
    records, labels = [], {}
    story = 0
    while len(records) < n_articles:
        n_paras = int(rng.integers(3, 7))
        paras = [[writer.sentence() for _ in range(int(rng.integers(2, 6)))] for _ in range(n_paras)]
        originator = publishers[int(rng.integers(0, n_publishers))]
        n_reprints = int(rng.integers(1, 6)) if rng.random() < reprint_share else 0
        others = [p for p in rng.choice(publishers, size=n_reprints + 1, replace=False) if p != originator]
        copies = [("original", originator)] + [(str(rng.choice(["exact", "near_exact", "edited"])), p)
                                               for p in others[:n_reprints]]
        day = np.datetime64("2025-01-01") + int(rng.integers(0, 330))
        for k, (mode, publisher) in enumerate(copies):
            if len(records) >= n_articles:
                break
            doc_id = f"story{story:05d}/{publisher}"
            keep = paras if mode == "original" or rng.random() >= 0.1 else paras[:-1]
            body = []  # paragraphs as lists of (sentence text, label)
            for pi, para in enumerate(keep):
                sentences = []
                for si, words in enumerate(para):
                    if mode == "near_exact" and rng.random() < 0.5:
                        text = _near_exact(words, rng)
                    elif mode == "edited" and rng.random() < 0.3:
                        text = _render(_edit(words, rng, writer))
                    else:
                        text = _render(words)
                    if pi == 0 and si == 0 and mode != "original" and rng.random() < 0.5:
                        text = (f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {int(rng.integers(1, 29))} "
                                f"({originator}) -- {text}")
                    sentences.append((text, (story, pi, si)))
                body.append(sentences)
            if rng.random() < pull_quote_share:
                pi = int(rng.integers(0, len(keep)))
                si = int(rng.integers(0, len(keep[pi])))
                body.insert(int(rng.integers(1, len(body) + 1)), [(_render(keep[pi][si]), (story, pi, si))])
            named = mode == "original" or rng.random() < 0.5
            records.append({"doc_id": doc_id, "text": "\n\n".join(" ".join(t for t, _ in para) for para in body),
                            "publisher": publisher,
                            "source_type": pub_type[publisher],
                            "original_source": originator if named else None,
                            "published": str(day + (int(rng.integers(0, 4)) if k else 0))})
            labels[doc_id] = [lab for para in body for _, lab in para]
        story += 1
    return records, labels


def true_pairs(labels: dict) -> set:
    """Pairs of ((doc, sent_id), (doc, sent_id)) that carry the same label, in sorted order."""
    by_label = defaultdict(list)
    for doc, labs in labels.items():
        for k, lab in enumerate(labs, start=1):
            by_label[lab].append((doc, k))
    return {tuple(sorted(pair)) for places in by_label.values() if len(places) > 1
            for pair in combinations(places, 2)}


class PeakRSS:
    """Peak resident memory of this process while the block runs (sampled every 20 ms)."""

    def __enter__(self):
        import psutil

        self._proc = psutil.Process()
        self.start = self.peak = self._proc.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._proc.memory_info().rss)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)


def stages(corpus, threshold: float) -> dict:
    """CPU seconds of the steps inside reuse_pairs, run one by one (index, then query)."""
    from framing.reuse import PassageIndex, band_candidates, hashes_32, lsh_params, minhash_signatures

    out = {}
    c0 = time.process_time()
    passages = PassageIndex(corpus, "sentence", 5, 3)
    out["words_and_shingles"] = time.process_time() - c0
    c0 = time.process_time()
    sig = minhash_signatures(hashes_32(passages.shingle_hashes), passages.shingle_offsets)
    out["minhash_signatures"] = time.process_time() - c0
    c0 = time.process_time()
    cand = band_candidates(sig, *lsh_params(threshold, 128))
    out["lsh_banding"] = time.process_time() - c0
    c0 = time.process_time()
    kept = sum(passages.jaccard(g, h) >= threshold for g, h in cand.tolist())
    out["exact_jaccard"] = time.process_time() - c0
    out = {k: round(v, 2) for k, v in out.items()}
    out.update(distinct_passages=len(passages.reps), candidates=len(cand), candidates_kept=int(kept))
    return out


def timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    with PeakRSS() as mem:
        result = fn()
    return result, {"wall_s": round(time.perf_counter() - t0, 2), "cpu_s": round(time.process_time() - c0, 2),
                    "peak_rss_mib": round(mem.peak / 2**20, 1),
                    "rss_growth_mib": round((mem.peak - mem.start) / 2**20, 1)}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    from _common import provenance, write_results

    import framing
    from framing import Corpus
    from framing.reuse import reuse_pairs, syndicated_stories

    results = {"benchmark": "reuse", **provenance(), "framing_version": framing.__version__,
               "articles": args.articles, "seed": args.seed, "threshold": args.threshold,
               "threads": os.environ.get("OMP_NUM_THREADS", "default")}
    t0 = time.perf_counter()
    records, labels = make_reuse_corpus(args.articles, seed=args.seed)
    corpus = Corpus.from_frame(records, doc_id="doc_id")
    results["generate_s"] = round(time.perf_counter() - t0, 2)
    sents, results["sentences_step"] = timed(lambda: corpus.sentences)
    n_words = int(corpus.articles["n_words"].sum())
    results.update(sentences=len(sents), words=n_words)
    # the generator's sentences must be the splitter's, or the labels would not line up
    split = sents.groupby("doc_id", sort=False).size()
    expected = pd.Series({d: len(v) for d, v in labels.items()})
    mismatched = int((split.reindex(expected.index).fillna(0) != expected).sum())
    results["label_mismatched_docs"] = mismatched
    print(f"{args.articles} articles, {len(sents)} sentences, {n_words} words; generated in "
          f"{results['generate_s']} s, split in {results['sentences_step']['wall_s']} s", flush=True)

    pairs, results["reuse_pairs"] = timed(lambda: reuse_pairs(corpus, threshold=args.threshold))
    print(f"reuse_pairs: {len(pairs)} pairs in {results['reuse_pairs']}", flush=True)
    results["stages_cpu_s"] = stages(corpus, args.threshold)
    print(f"stages (CPU s): {results['stages_cpu_s']}", flush=True)
    para, results["reuse_pairs_paragraph"] = timed(lambda: reuse_pairs(corpus, level="paragraph",
                                                                       threshold=args.threshold))
    results["reuse_pairs_paragraph"].update(paragraphs=len(corpus.paragraphs), pairs=len(para))
    print(f"reuse_pairs at paragraph level: {len(para)} pairs in {results['reuse_pairs_paragraph']}", flush=True)
    stories, results["syndicated_stories"] = timed(lambda: syndicated_stories(corpus, pairs=pairs))

    truth = true_pairs(labels)
    found = {tuple(sorted(((a, int(pa)), (b, int(pb)))))
             for a, pa, b, pb in pairs[["doc_id_a", "passage_a", "doc_id_b", "passage_b"]].itertuples(index=False)}
    # the true pairs whose exact Jaccard reaches the threshold: what a perfect index would return
    from framing.reuse import PassageIndex

    passages = PassageIndex(corpus, "sentence", 5, 3)
    place = {(d, int(s)): i for i, (d, s) in enumerate(zip(passages.doc_id, passages.passage))}
    reachable = {pr for pr in truth if pr[0] in place and pr[1] in place
                 and (passages.group[place[pr[0]]] == passages.group[place[pr[1]]]
                      or passages.jaccard(passages.group[place[pr[0]]], passages.group[place[pr[1]]])
                      >= args.threshold)}
    hit = found & truth
    results["quality"] = {
        "true_pairs": len(truth), "true_pairs_over_threshold": len(reachable), "found_pairs": len(found),
        "recall_over_threshold": round(len(found & reachable) / max(len(reachable), 1), 4),
        "recall_all_injected": round(len(hit) / max(len(truth), 1), 4),
        "precision": round(len(hit) / max(len(found), 1), 4),
        "kinds": pairs["kind"].value_counts().to_dict(),
    }
    story_of = {d: d.split("/")[0] for d in labels}
    true_same = {tuple(sorted(p)) for docs in pd.Series(list(story_of)).groupby(
        pd.Series(list(story_of.values()))).agg(list) for p in combinations(docs, 2)}
    grouped = stories.groupby("story_id")["doc_id"].agg(list)
    found_same = {tuple(sorted(p)) for docs in grouped for p in combinations(docs, 2)}
    results["stories"] = {
        "true_copy_pairs": len(true_same), "merged_copy_pairs": len(found_same),
        "recall": round(len(found_same & true_same) / max(len(true_same), 1), 4),
        "precision": round(len(found_same & true_same) / max(len(found_same), 1), 4),
        "articles_after_collapse": int(stories["kept"].sum()),
    }
    total = results["sentences_step"]["wall_s"] + results["reuse_pairs"]["wall_s"]
    results["split_plus_pairs_wall_s"] = round(total, 2)
    print(f"quality: {results['quality']}")
    print(f"stories: {results['stories']} in {results['syndicated_stories']}")
    print(f"sentence splitting + reuse_pairs: {total:.1f} s wall")
    write_results(args.out, results)
    return results


if __name__ == "__main__":
    main()
