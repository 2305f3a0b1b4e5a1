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
* with ``--html``: ``trafilatura.extract`` on the original HTML (comments left
  out, tables kept), and ``read_corpus`` on the HTML (framing's HTML route: one
  article per page whose text is trafilatura's main text, several only on a
  multi-story page; the shipped line model only where trafilatura finds no main
  text). For the HTML route also: the share of pages where an article's title
  and date are right against ``metadata_trafilatura.json`` (trafilatura's own
  metadata: silver labels, see ``_extraction.metadata_scores``) and HTML pages
  per second on one core (the process pinned to one CPU while ``read_corpus``
  runs; wall-clock and CPU time);
* with ``--trafilatura-options``: ``trafilatura.extract`` on the HTML with each
  set of its own options in :data:`TRAFILATURA_SWEEP` (how
  ``framing.ingest.readers.TRAFILATURA_OPTIONS`` was chosen);
* with ``--no-cv`` (no fold models needed): the text dumps read with the
  *shipped* line model instead of the fold models. Its F1 is in-sample (the
  model was fitted on these pages): use it for titles, dates and article counts,
  not as the text route's score.

Also: pages with no article, articles per page (median, mean, max) and the
pages that gave more than one. A page's language is the stoplist language that
covers most of its tokens (``framing.ingest.linefeatures.stoplist_language``).

Usage::

    python benchmarks/build_line_model.py --cv          # fold models first (about 10 minutes on 2 cores)
    python benchmarks/bench_extraction.py --html --out benchmarks/results/extraction.json
    python benchmarks/bench_extraction.py --html --no-cv --out benchmarks/results/extraction_html.json
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from _common import provenance, write_results
from _extraction import (EXTRACTION, ROOT, data_fingerprint, load_pages, metadata_scores, silver_metadata,
                         snippet_scores, trafilatura_text)

sys.path.insert(0, str(ROOT))
from framing import read_corpus  # noqa: E402
from framing.ingest.linefeatures import stoplist_language  # noqa: E402
from framing.ingest.linemodel import LineModel  # noqa: E402
from framing.published import published_text  # noqa: E402

LANGUAGES_SHOWN = 6  # languages with their own row; the rest are pooled as "other"
# trafilatura's own precision/recall options, compared with --trafilatura-options
TRAFILATURA_SWEEP = {
    "comments off, tables on (framing)": {"include_comments": False, "include_tables": True},
    "defaults (comments on)": {},
    "favor_precision": {"include_comments": False, "include_tables": True, "favor_precision": True},
    "favor_recall": {"include_comments": False, "include_tables": True, "favor_recall": True},
    "tables off": {"include_comments": False, "include_tables": False},
    "favor_recall, tables off": {"include_comments": False, "include_tables": False, "favor_recall": True},
    "fast (no fallback extractors)": {"include_comments": False, "include_tables": True, "fast": True},
}


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


def corpus_metadata(corpus, key) -> tuple[dict[str, list], dict[str, list]]:
    """Titles and dates of each page's articles, by page name (``key`` maps a source file to it)."""
    arts = corpus.articles[corpus.articles["kind"] == "article"]
    titles, dates = defaultdict(list), defaultdict(list)
    shown = published_text(arts["published"], arts["published_precision"])  # "2019-11-19", "2019-11"
    for sf, title, published in zip(arts["source_file"], arts["title"], shown):
        titles[key(sf)].append(None if pd.isna(title) else str(title))
        dates[key(sf)].append(published)
    return dict(titles), dict(dates)


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


def framing_text_shipped(folder: Path, names: list[str]):
    """The text dumps read with the shipped line model (fitted on these pages: in-sample)."""
    corpus = read_corpus([str(folder / "pages" / n) for n in names])
    return corpus_kept(corpus, names) + corpus_metadata(corpus, lambda sf: Path(sf).name)


def framing_html(folder: Path, names: list[str]):
    """``read_corpus`` on the pages' HTML, on one core: kept text, article counts, problems,
    titles, dates and the wall-clock and CPU seconds of ``read_corpus``."""
    stem = {Path(n).stem + ".html": n for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            data = gzip.open(folder / "html" / (Path(name).stem + ".html.gz"), "rb").read()
            (Path(tmp) / (Path(name).stem + ".html")).write_bytes(data)
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cores)})  # one core, as `taskset -c 0` would
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            corpus = read_corpus(tmp)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        finally:
            os.sched_setaffinity(0, cores)
    kept, counts, problems = corpus_kept(corpus, list(stem))
    titles, dates = corpus_metadata(corpus, lambda sf: stem[Path(sf).name])
    return ({stem[k]: v for k, v in kept.items()}, {stem[k]: v for k, v in counts.items()}, problems,
            titles, dates, seconds, cpu)


def _traf_job(args):
    folder, name = args
    c0 = time.process_time()
    return trafilatura_text(folder, name), time.process_time() - c0


# a trailing " | Site name" or " - Site name" (at most six words), for the title-suffix comparison
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+(?:\S+\s+){0,5}\S+\s*$")


def _sweep_job(args):
    import trafilatura

    folder, name = args
    html = gzip.open(folder / "html" / (Path(name).stem + ".html.gz"), "rb").read()
    out = {}
    for label, options in TRAFILATURA_SWEEP.items():
        try:
            out[label] = trafilatura.extract(html, **options) or ""
        except Exception:  # as trafilatura_text: a failure leaves the page without text
            out[label] = ""
    return out


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
    ap.add_argument("--trafilatura-options", action="store_true",
                    help="also trafilatura.extract with each option set of TRAFILATURA_SWEEP")
    ap.add_argument("--no-cv", action="store_true",
                    help="read the text dumps with the shipped line model (in-sample) instead of the fold models")
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
    metadata = {}
    if args.no_cv:
        t0 = time.perf_counter()
        kept, counts, problems, titles, dates = framing_text_shipped(args.data, names)
        timings["framing_text_shipped_read_corpus_s"] = round(time.perf_counter() - t0, 1)
        text_route = "framing (text, shipped model, in-sample)"
        metadata[text_route] = metadata_scores(titles, dates, silver_metadata(args.data))
    else:
        kept, counts, problems, seconds = framing_cv(args.data, args.cv_dir, args.workers, args.cv_results)
        timings["framing_cv_read_corpus_s"] = round(seconds, 1)
        text_route = "framing (CV)"
    methods[text_route] = kept
    stats = {text_route: article_stats(counts) | {"problems": dict(problems)}}
    if args.html:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as ex:
            traf = list(ex.map(_traf_job, [(args.data, n) for n in names], chunksize=8))
        timings["trafilatura_html_s"] = round(time.perf_counter() - t0, 1)
        timings["trafilatura_html_cpu_s"] = round(sum(c for _, c in traf), 1)
        timings["trafilatura_html_pages_per_cpu_s"] = round(len(names) / timings["trafilatura_html_cpu_s"], 1)
        methods["trafilatura (HTML)"] = {n: t for n, (t, _) in zip(names, traf)}
        h_kept, h_counts, h_problems, titles, dates, h_seconds, h_cpu = framing_html(args.data, names)
        methods["framing (HTML)"] = h_kept
        timings["framing_html_read_corpus_s"] = round(h_seconds, 1)
        timings["framing_html_read_corpus_cpu_s"] = round(h_cpu, 1)
        timings["framing_html_pages_per_s_one_core"] = round(len(names) / h_seconds, 1)
        timings["framing_html_pages_per_cpu_s"] = round(len(names) / h_cpu, 1)
        stats["framing (HTML)"] = article_stats(h_counts) | {"problems": dict(h_problems)}
        metadata["framing (HTML)"] = metadata_scores(titles, dates, silver_metadata(args.data))
        # would cutting a site-name suffix off trafilatura's title help? (the silver titles are trafilatura's own)
        cut = {n: [_SITE_SUFFIX.sub("", t) if t else t for t in ts] for n, ts in titles.items()}
        metadata["framing (HTML), site-name suffix cut"] = metadata_scores(cut, dates, silver_metadata(args.data))
    sweep = {}
    if args.trafilatura_options:
        with ProcessPoolExecutor(args.workers) as ex:
            texts = list(ex.map(_sweep_job, [(args.data, n) for n in names], chunksize=8))
        sweep = {label: snippet_scores({n: t[label] for n, t in zip(names, texts)}, pages)
                 for label in TRAFILATURA_SWEEP}
        for label, sc in sweep.items():
            print(f"trafilatura.extract, {label}: P {sc['precision']:.4f} R {sc['recall']:.4f} F1 {sc['f1']:.4f}, "
                  f"{sc['pages_without_text']} pages without text")
    scores = table(methods, pages, langs)
    print_tables(scores, stats)
    for method, m in metadata.items():
        print(f"{method}: title right {m['title_right']}/{m['pages_with_silver_title']} "
              f"({m['title_right_share']:.3f}), date right {m['date_right']}/{m['pages_with_silver_date']} "
              f"({m['date_right_share']:.3f}) (silver labels: trafilatura's own metadata)")
    print(timings)
    if args.out:
        write_results(args.out, {"provenance": provenance(), "data_sha256": data_fingerprint(args.data),
                                 "cv_dir": None if args.no_cv else str(args.cv_dir), "scores": scores,
                                 "articles": stats, "metadata_vs_trafilatura_silver": metadata,
                                 "trafilatura_options": {"options": TRAFILATURA_SWEEP, "scores": sweep},
                                 "languages": dict(Counter(langs.values())), "timings": timings})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
