"""Boilerplate removal on public labelled pages: framing against simple baselines.

On ``../shared/validation/extraction`` (983 real pages as text dumps, with the
snippets each page's main text must and must not contain; trafilatura's own
metric, see ``_extraction.snippet_scores``), prints precision, recall and F1,
per language and overall, for

* ``keep all``: every line;
* ``>= 10 words``: lines of at least ten words;
* ``jusText``: ``justext.justext`` with its default settings on the page's lines
  wrapped as ``<p>`` paragraphs, with the stoplist of the page's language (its
  language-independent mode where no stoplist language is found);
* ``framing (CV)``: ``framing.read_corpus`` with the fold models that
  ``build_line_model.py --cv`` left in ``build/line_model_cv``: each page is
  cleaned by a model fitted without any page of its site, at the threshold chosen
  on the other folds' out-of-fold probabilities. A page's kept text is
  the text of all its ``kind="article"`` rows;
* with ``--html``: ``trafilatura.extract`` on the original HTML, and
  ``read_corpus`` on the HTML (framing's HTML path: trafilatura's verdict, the
  shipped line model only where trafilatura finds no main text).

Also: pages with no article, articles per page (median, mean, max) and the
pages that gave more than one. A page's language is the stoplist language that
covers most of its tokens (``framing.ingest.linefeatures.stoplist_language``).

Usage::

    python benchmarks/build_line_model.py --cv          # fold models first (about 10 minutes on 2 cores)
    python benchmarks/bench_extraction.py --html --out benchmarks/results/extraction.json
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from _common import provenance, write_results
from _extraction import EXTRACTION, ROOT, data_fingerprint, load_pages, snippet_scores, trafilatura_text

sys.path.insert(0, str(ROOT))
from framing import read_corpus  # noqa: E402
from framing.ingest.linefeatures import stoplist_language  # noqa: E402
from framing.ingest.linemodel import LineModel  # noqa: E402

LANGUAGES_SHOWN = 6  # languages with their own row; the rest are pooled as "other"


def justext_text(lines: list[str], language: str | None) -> str:
    """jusText (default settings) on the lines as paragraphs."""
    import justext

    doc = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines) + "</body></html>"
    if language in (None, "unknown"):  # jusText's language-independent mode (its documentation)
        paras = justext.justext(doc.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                encoding="utf-8")
    else:
        paras = justext.justext(doc.encode("utf-8"), justext.get_stoplist(language), encoding="utf-8")
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def corpus_kept(corpus, names) -> tuple[dict[str, str], dict[str, int], Counter]:
    """Kept text and article count per source file, and the problems by kind."""
    arts = corpus.articles[corpus.articles["kind"] == "article"]
    kept = {name: "" for name in names}
    counts = {name: 0 for name in names}
    for name, group in arts.groupby("source_file"):
        key = Path(name).name
        kept[key] = "\n".join(group["text"])
        counts[key] = len(group)
    return kept, counts, Counter(corpus.problems["problem"])


def _fold_job(job):
    fold_dir, paths, threshold = job
    model = LineModel.load(fold_dir)
    if threshold is not None:
        model.threshold = threshold
    t0 = time.perf_counter()
    corpus = read_corpus(paths, line_model=model)
    return corpus_kept(corpus, [Path(p).name for p in paths]) + (time.perf_counter() - t0,)


def framing_cv(folder: Path, cv_dir: Path, workers: int, results: Path):
    folds = sorted(cv_dir.glob("fold*"))
    if not folds:
        raise SystemExit(f"{cv_dir}: no fold models; run benchmarks/build_line_model.py --cv first")
    # each fold's decision threshold as build_line_model.py chose it on the other folds' pages, so no
    # page is cleaned with a threshold selected on its own labels
    cv = json.loads(results.read_text())["cv"]["folds"] if results.exists() else []
    chosen = {f"fold{f['fold']}": f.get("threshold_chosen_on_other_folds") for f in cv}
    jobs = [(d, [str(folder / "pages" / n) for n in json.loads((d / "test_pages.json").read_text())],
             chosen.get(d.name)) for d in folds]
    kept, counts, problems, seconds = {}, {}, Counter(), 0.0
    with ProcessPoolExecutor(workers) as ex:
        for k, c, pr, s in ex.map(_fold_job, jobs):
            kept.update(k)
            counts.update(c)
            problems.update(pr)
            seconds += s
    return kept, counts, problems, seconds


def framing_html(folder: Path, names: list[str]):
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            data = gzip.open(folder / "html" / (Path(name).stem + ".html.gz"), "rb").read()
            (Path(tmp) / (Path(name).stem + ".html")).write_bytes(data)
        t0 = time.perf_counter()
        corpus = read_corpus(tmp)
        seconds = time.perf_counter() - t0
    kept, counts, problems = corpus_kept(corpus, [Path(n).stem + ".html" for n in names])
    return ({n: kept[Path(n).stem + ".html"] for n in names}, {n: counts[Path(n).stem + ".html"] for n in names},
            problems, seconds)


def _traf_job(args):
    folder, name = args
    return trafilatura_text(folder, name)


def article_stats(counts: dict[str, int]) -> dict:
    values = list(counts.values())
    return {"pages_without_article": sum(v == 0 for v in values), "median_articles": statistics.median(values),
            "mean_articles": round(statistics.fmean(values), 3), "max_articles": max(values),
            "pages_with_several": sum(v > 1 for v in values)}


def table(methods: dict[str, dict[str, str]], pages, langs: dict[str, str]) -> dict:
    """Scores per method, overall and per language."""
    by_lang = defaultdict(list)
    for p in pages:
        by_lang[langs[p.name]].append(p)
    shown = [lang for lang, _ in Counter(langs.values()).most_common(LANGUAGES_SHOWN)]
    groups = {"all": pages} | {lang: by_lang[lang] for lang in shown}
    other = [p for p in pages if langs[p.name] not in shown]
    if other:
        groups["other"] = other
    return {g: {m: snippet_scores(kept, ps) for m, kept in methods.items()} for g, ps in groups.items()}


def print_tables(scores: dict, stats: dict) -> None:
    methods = list(next(iter(scores.values())))
    print("| pages | " + " | ".join(methods) + " |")
    print("|---|" + "---|" * len(methods))
    for group, row in scores.items():
        n = next(iter(row.values()))["n_pages"]
        cells = [f"{s['precision']:.3f} / {s['recall']:.3f} / **{s['f1']:.3f}**" for s in row.values()]
        print(f"| {group} ({n}) | " + " | ".join(cells) + " |")
    print("\n(precision / recall / F1)\n")
    for method, st in stats.items():
        print(f"{method}: {st}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=EXTRACTION)
    ap.add_argument("--cv-dir", type=Path, default=ROOT / "build" / "line_model_cv")
    ap.add_argument("--cv-results", type=Path, default=ROOT / "benchmarks" / "results" / "line_model.json",
                    help="build_line_model.py's results, for the thresholds chosen per fold")
    ap.add_argument("--html", action="store_true", help="also trafilatura and framing on the HTML")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    pages = load_pages(args.data)
    names = [p.name for p in pages]
    langs = {p.name: stoplist_language(p.lines) or "unknown" for p in pages}
    methods = {
        "keep all": {p.name: "\n".join(p.lines) for p in pages},
        ">= 10 words": {p.name: "\n".join(line for line in p.lines if len(line.split()) >= 10) for p in pages},
    }
    t0 = time.perf_counter()
    methods["jusText"] = {p.name: justext_text(p.lines, langs[p.name]) for p in pages}
    timings = {"jusText_s": round(time.perf_counter() - t0, 1)}
    kept, counts, problems, seconds = framing_cv(args.data, args.cv_dir, args.workers, args.cv_results)
    methods["framing (CV)"] = kept
    timings["framing_cv_read_corpus_s"] = round(seconds, 1)
    stats = {"framing (CV)": article_stats(counts) | {"problems": dict(problems)}}
    if args.html:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as ex:
            traf = list(ex.map(_traf_job, [(args.data, n) for n in names], chunksize=8))
        timings["trafilatura_html_s"] = round(time.perf_counter() - t0, 1)
        methods["trafilatura (HTML)"] = dict(zip(names, traf))
        h_kept, h_counts, h_problems, h_seconds = framing_html(args.data, names)
        methods["framing (HTML)"] = h_kept
        timings["framing_html_read_corpus_s"] = round(h_seconds, 1)
        stats["framing (HTML)"] = article_stats(h_counts) | {"problems": dict(h_problems)}
    scores = table(methods, pages, langs)
    print_tables(scores, stats)
    if args.out:
        write_results(args.out, {"provenance": provenance(), "data_sha256": data_fingerprint(args.data),
                                 "cv_dir": str(args.cv_dir), "scores": scores, "articles": stats,
                                 "languages": dict(Counter(langs.values())), "timings": timings})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
