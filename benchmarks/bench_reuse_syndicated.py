"""Text reuse on a heavily syndicated corpus: how the reuse steps scale with the number of articles.

A handful of wire stories, each reprinted by dozens to hundreds of outlets, is the worst case
for pairwise reuse detection: a passage printed in k places gives up to k(k-1)/2 pairs, and the
copies of one story differ by datelines and light edits, so they are not one identical passage
but many near-identical ones. The corpus generated here (see :func:`make_syndicated_corpus`):

- ``n`` articles; 5 wire stories from 3 wire services (pseudo-words with Zipf frequencies, as
  in ``bench_reuse.py``), 3-5 paragraphs of 2-4 sentences each;
- the originator's own page of each story, then 80% of the articles are reprints of one of the
  five (so each story has about 0.16 n copies: 16 at n = 100, 256 at n = 1,600): exact (45%),
  near-exact (10%: case and punctuation changed), edited (35%: one word inserted, dropped or
  replaced in 3 sentences of 10) or truncated (10%: last paragraph dropped); 60% get a wire
  dateline (``ASTANA, June 2 (Xinhua) --``) before the first sentence, half name the originator
  as ``original_source``;
- the other 20% are the outlets' own stories, one in four quoting one sentence of a wire story.

Timed (wall and CPU seconds) at each size: :func:`framing.reuse.reuse_pairs` (sentence level,
defaults), :func:`~framing.reuse.syndication_graph`, :func:`~framing.reuse.message_discipline`
and :func:`~framing.reuse.syndicated_stories` given the pairs, :func:`~framing.reuse.collapse_syndicated`
given the stories, and ``deduplicated(corpus, "collapse")`` end to end (what
``framing.compare(corpus, dedupe="collapse")`` runs before its measures; compare's "reuse" step is
``reuse_pairs`` + ``syndication_graph`` + ``message_discipline``); with ``--compare``, also
``framing.compare(corpus, by="source_type", dedupe="collapse", topics=False)`` whole, with its
per-step seconds. The exponent ``b`` of ``time = a n^b`` is fitted by least squares on log-log
over all sizes and between each two consecutive ones. Story grouping is checked against the
generator's truth (pairwise recall and precision of "same story").

Usage (``--out`` adds the run under its ``--label`` and keeps the other runs in the file)::

    python benchmarks/bench_reuse_syndicated.py --label after --sizes 100 200 400 800 1600 3200 6400 \\
        --out benchmarks/results/reuse_syndicated.json
    python benchmarks/bench_reuse_syndicated.py --sizes 400 --profile   # cProfile of each step

The "before" figures of BENCHMARKS.md come from the same script run with ``PYTHONPATH``
pointing at a copy of the package whose ``reuse.py`` is that of commit f557099.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reuse import CITIES, MONTHS, _edit, _near_exact, _render, _Writer  # noqa: E402

WIRES = ["Xinhua", "Wire Service A", "Wire Service B"]
TYPES = ["newspaper", "aggregator", "state_media", "pr_wire", "analysis_magazine"]


def make_syndicated_corpus(n_articles: int, seed: int = 0, n_stories: int = 5, reprint_share: float = 0.8,
                           n_publishers: int = 400):
    """Articles (dicts for ``Corpus.from_frame``) and each article's story (``None`` for own stories).

    Returns ``(records, story_of)``. ``story_of[doc_id]`` is the wire story an article
    carries whole, or None for an outlet's own story; truncated reprints are marked
    ``(story, "truncated")``: they lack a paragraph, so a 0.8 coverage rule may or may
    not merge them.
    """
    rng = np.random.default_rng(seed)
    writer = _Writer(rng)
    publishers = [f"Outlet {i:03d}" for i in range(n_publishers)]
    pub_type = {p: TYPES[i % len(TYPES)] for i, p in enumerate(publishers)}
    stories = []
    for s in range(n_stories):
        paras = [[writer.sentence() for _ in range(int(rng.integers(2, 5)))] for _ in range(int(rng.integers(3, 6)))]
        stories.append({"paras": paras, "wire": WIRES[s % len(WIRES)], "day": np.datetime64("2025-03-01") + 7 * s})
    records, story_of = [], {}

    def add(doc_id, paras_text, publisher, source_type, original_source, published, label):
        records.append({"doc_id": doc_id, "text": "\n\n".join(" ".join(p) for p in paras_text),
                        "publisher": publisher, "source_type": source_type, "original_source": original_source,
                        "published": published})
        story_of[doc_id] = label

    for s, st in enumerate(stories):  # the originators' own pages
        add(f"wire{s}/{st['wire']}", [[_render(w) for w in p] for p in st["paras"]], st["wire"], "state_media",
            st["wire"], str(st["day"]), s)
    k = 0
    while len(records) < n_articles:
        k += 1
        publisher = publishers[int(rng.integers(0, n_publishers))]
        if rng.random() < reprint_share:
            s = int(rng.integers(0, n_stories))
            st = stories[s]
            mode = rng.choice(["exact", "near_exact", "edited", "truncated"], p=[0.45, 0.1, 0.35, 0.1])
            paras = st["paras"][:-1] if mode == "truncated" else st["paras"]
            body = []
            for pi, para in enumerate(paras):
                sents = []
                for words in para:
                    if mode == "near_exact" and rng.random() < 0.5:
                        text = _near_exact(words, rng)
                    elif mode == "edited" and rng.random() < 0.3:
                        text = _render(_edit(words, rng, writer))
                    else:
                        text = _render(words)
                    sents.append(text)
                body.append(sents)
            if rng.random() < 0.6:
                body[0][0] = (f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {int(rng.integers(1, 29))} "
                              f"({st['wire']}) -- {body[0][0]}")
            named = st["wire"] if rng.random() < 0.5 else None
            add(f"reprint{k:05d}/{publisher}", body, publisher, pub_type[publisher], named,
                str(st["day"] + int(rng.integers(0, 4))), (s, "truncated") if mode == "truncated" else s)
        else:
            body = [[_render(writer.sentence()) for _ in range(int(rng.integers(2, 5)))]
                    for _ in range(int(rng.integers(2, 5)))]
            if rng.random() < 0.25:  # quotes one wire sentence inside its own reporting
                st = stories[int(rng.integers(0, n_stories))]
                para = st["paras"][int(rng.integers(0, len(st["paras"])))]
                body[-1].append(_render(para[int(rng.integers(0, len(para)))]))
            add(f"own{k:05d}/{publisher}", body, publisher, pub_type[publisher], None,
                str(np.datetime64("2025-03-01") + int(rng.integers(0, 60))), None)
    return records, story_of


def _timed(fn, profile: bool = False, label: str = ""):
    prof = cProfile.Profile() if profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    out = fn()
    if prof:
        prof.disable()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if prof:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(18)
        print(f"---- profile of {label}\n{s.getvalue()}", flush=True)
    return out, {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def story_quality(stories, story_of: dict) -> dict:
    """Pairwise recall and precision of "same story" against the generator's truth.

    Truncated reprints are left out of both sides: whether a copy without its last
    paragraph reaches the 0.8 coverage rule depends on the paragraph's length.
    """
    # an own story is a story of its own; a truncated reprint is left out
    whole = {d: (s if s is not None else ("own", d)) for d, s in story_of.items() if not isinstance(s, tuple)}
    by_story: dict = {}
    for d, s in whole.items():
        by_story.setdefault(s, []).append(d)
    found = dict(zip(stories["doc_id"], stories["story_id"]))
    # counted without enumerating pairs: sizes of the (true story, found story) cells
    true_pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_story.values())
    cells: dict = {}
    found_sizes: dict = {}
    for d, sid in found.items():
        if d in whole:
            found_sizes[sid] = found_sizes.get(sid, 0) + 1
            cells[(whole[d], sid)] = cells.get((whole[d], sid), 0) + 1
    hit = sum(c * (c - 1) // 2 for c in cells.values())
    merged = sum(c * (c - 1) // 2 for c in found_sizes.values())
    return {"true_copy_pairs": true_pairs, "merged_copy_pairs": merged,
            "recall": round(hit / max(true_pairs, 1), 4), "precision": round(hit / max(merged, 1), 4),
            "articles_after_collapse": int(stories["kept"].sum())}


def fit_exponent(sizes, times) -> float | None:
    """Least-squares slope of log(time) on log(n)."""
    x, y = np.log(np.asarray(sizes, float)), np.log(np.maximum(np.asarray(times, float), 1e-4))
    if len(x) < 2:
        return None
    return round(float(np.polyfit(x, y, 1)[0]), 2)


STEPS = ["reuse_pairs", "syndication_graph", "message_discipline", "syndicated_stories", "collapse_syndicated",
         "compare_reuse_step", "deduplicated_collapse"]


def run_size(n: int, seed: int, profile: bool, with_compare: bool = False) -> dict:
    from framing import Corpus
    from framing.reuse import (collapse_syndicated, deduplicated, message_discipline, reuse_pairs,
                               syndicated_stories, syndication_graph)

    records, story_of = make_syndicated_corpus(n, seed=seed)
    corpus = Corpus.from_frame(records, doc_id="doc_id")
    _ = corpus.sentences, corpus.paragraphs  # split once, outside the timings
    res = {"articles": n, "sentences": len(corpus.sentences), "words": int(corpus.articles["n_words"].sum())}
    pairs, res["reuse_pairs"] = _timed(lambda: reuse_pairs(corpus), profile, "reuse_pairs")
    res["pairs"] = len(pairs)
    res["pair_kinds"] = {k: int(v) for k, v in pairs["kind"].value_counts().items()}
    graph, res["syndication_graph"] = _timed(lambda: syndication_graph(corpus, pairs=pairs), profile,
                                             "syndication_graph")
    res["graph_edges"] = graph.number_of_edges()
    md, res["message_discipline"] = _timed(lambda: message_discipline(corpus, pairs=pairs), profile,
                                           "message_discipline")
    res["recurring_sentences"] = int(md["n_recurring"].sum())
    stories, res["syndicated_stories"] = _timed(lambda: syndicated_stories(corpus, pairs=pairs), profile,
                                                "syndicated_stories")
    _, res["collapse_syndicated"] = _timed(lambda: collapse_syndicated(corpus, stories=stories), profile,
                                           "collapse_syndicated")
    res["compare_reuse_step"] = {k: round(sum(res[s][k] for s in ("reuse_pairs", "syndication_graph",
                                                                   "message_discipline")), 3)
                                 for k in ("wall_s", "cpu_s")}
    _, res["deduplicated_collapse"] = _timed(lambda: deduplicated(corpus, "collapse"), profile,
                                             "deduplicated_collapse")
    res["stories"] = story_quality(stories, story_of)
    if with_compare:
        from framing.comparison import compare

        t0 = time.perf_counter()
        result = compare(corpus, by="source_type", dedupe="collapse", topics=False, n_boot=50)
        res["compare_collapse"] = {"wall_s": round(time.perf_counter() - t0, 3), "steps_s": result.seconds}
    return res


def warm_up() -> None:
    """Run every step once on a tiny corpus, so that imports and lexicon loading are not timed."""
    from framing import Corpus
    from framing.reuse import deduplicated, message_discipline, reuse_pairs, syndication_graph

    records, _ = make_syndicated_corpus(30, seed=99)
    corpus = Corpus.from_frame(records, doc_id="doc_id")
    pairs = reuse_pairs(corpus)
    syndication_graph(corpus, pairs=pairs)
    message_discipline(corpus, pairs=pairs)
    deduplicated(corpus, "collapse")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800, 1600])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of each step (slower)")
    parser.add_argument("--compare", action="store_true",
                        help='also time framing.compare(corpus, by="source_type", dedupe="collapse", topics=False)')
    parser.add_argument("--label", default="run", help="name of this run in the results (before, after ...)")
    parser.add_argument("--out", help="add this run to the JSON results here (other labels are kept)")
    args = parser.parse_args(argv)

    from _common import provenance

    import framing

    warm_up()
    results = {"label": args.label, **provenance(), "framing_version": framing.__version__,
               "reuse_module": framing.reuse.__file__, "seed": args.seed, "sizes": {}}
    for n in args.sizes:
        res = run_size(n, args.seed, args.profile, args.compare)
        results["sizes"][str(n)] = res
        print(f"n={n}: {res['sentences']} sentences, {res['pairs']} pairs; "
              + ", ".join(f"{s} {res[s]['wall_s']} s" for s in STEPS) + f"; stories {res['stories']}"
              + (f"; compare {res['compare_collapse']}" if args.compare else ""), flush=True)
    sizes = [int(n) for n in results["sizes"]]
    cpu = {s: [results["sizes"][str(n)][s]["cpu_s"] for n in sizes] for s in STEPS}
    results["exponent"] = {s: fit_exponent(sizes, cpu[s]) for s in STEPS}
    # the slope between each two consecutive sizes: where the growth changes
    results["local_exponent"] = {f"{a}-{b}": {s: fit_exponent([a, b], cpu[s][i:i + 2]) for s in STEPS}
                                 for i, (a, b) in enumerate(zip(sizes, sizes[1:]))}
    print(f"fitted exponent b of cpu time = a n^b: {results['exponent']}")
    if args.out:
        path = Path(args.out)
        saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        saved = {"benchmark": "reuse_syndicated", "runs": {}, **saved}
        saved["runs"][args.label] = results
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
