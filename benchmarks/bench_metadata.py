"""Titles and dates from text dumps: how often framing gets them right on the public pages.

The 983 dumps of ``../shared/validation/extraction/pages`` with trafilatura's metadata from
their HTML as silver labels (``metadata_trafilatura.json``; a few titles are a site's name).

* **title right**: the lower-cased, punctuation-free title of *any* article of the page
  matches the silver title with a ``difflib.SequenceMatcher`` ratio of at least 0.8;
* **date right**: an article of the page has the silver date's calendar day as ``published``;
* **ceilings**: the share of dumps that hold the silver title as one of their lines, and that
  print the silver date in a form :func:`framing.ingest.dates.find_dates` reads.

Everything is out of fold (the line model's five site-grouped folds; no site in both training
and test pages): the headline rankers of each fold are fitted on the other folds' pages with
out-of-fold line-model probabilities (``build_headline_model.py``). The runs through
``read_corpus`` use each fold's headline model on that fold's pages and, in place of the
shipped line model (which saw every page), the same out-of-fold line-model probabilities
(:class:`OutOfFoldLines`); once more with the shipped line model, in-sample there, as before
(stated in the results). They read the dumps under their own file names (which the rankers
compare with each line), with and without a sidecar's URL, and once more copied under hash
names (no name to go by).

Usage::

    python benchmarks/bench_metadata.py                       # everything, writes results/metadata.json
    python benchmarks/bench_metadata.py --framing-only --out F # read_corpus as installed (e.g. at HEAD)
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _common import provenance, write_results
from _extraction import EXTRACTION, ROOT, load_pages

RANKER = "LightGBM LambdaRank (lines of a page compared)"
_PUNCT = re.compile(r"[^\w\s]")


def _norm(s) -> str:
    return " ".join(_PUNCT.sub(" ", str(s or "").lower()).split())


def _match(a, b) -> bool:
    import difflib

    a, b = _norm(a), _norm(b)
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def corpus_figures(articles, meta: dict, names: list[str]) -> dict:
    """Title right and date right over ``names`` from an articles table."""
    by_file: dict[str, list] = {}
    from framing.published import published_text

    shown = published_text(articles["published"], articles["published_precision"])  # ISO text at its precision
    for sf, title, pub in zip(articles["source_file"], articles["title"], shown):
        by_file.setdefault(Path(str(sf)).name, []).append((title, pub))
    t = d = 0
    for n in names:
        arts = by_file.get(n, [])
        t += any(_match(title, meta[n].get("title")) for title, _ in arts)
        day = (meta[n].get("date") or "")[:10]
        d += bool(day) and any(isinstance(p, str) and p[:10] == day for _, p in arts)
    return {"title_right": round(t / len(names), 4), "date_right": round(d / len(names), 4), "n_pages": len(names)}


def framing_only(folder: Path) -> dict:
    """read_corpus over the dumps as they are (no sidecar), with whatever framing is importable."""
    import framing

    meta = json.loads((folder / "metadata_trafilatura.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    corpus = framing.read_corpus(folder / "pages")
    out = corpus_figures(corpus.articles, meta, sorted(meta))
    out.update(framing=str(Path(framing.__file__).parent), read_s=round(time.perf_counter() - t0, 1))
    return out


def _sidecar(pages, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "url"])
        for p in pages:
            w.writerow([p.name, p.url])
    return path


def _key(line: str) -> str:
    return line.strip().strip("\ufeff")


class OutOfFoldLines:
    """The shipped line model, but answering each public page's main-text probabilities with the
    ones of the line-model fold that did not see it, so that ``read_corpus`` is out of fold on
    these pages in its text as in its headline. A page not among them (none is expected) gets the
    shipped model's, counted in ``n_not_found``."""

    def __init__(self, pages, probs):
        from framing.ingest.linemodel import load_line_model

        self.model = load_line_model()
        self.threshold, self.name = self.model.threshold, "line model, out of fold"
        self.by_lines = {}
        for p, pr in zip(pages, probs):
            # load_pages keeps a line that is only a byte-order mark; read_corpus drops the mark
            keep = [k for k, line in enumerate(p.lines) if _key(line)]
            self.by_lines[tuple(_key(p.lines[k]) for k in keep)] = np.asarray(pr)[keep]
        self.n_not_found = 0

    def probabilities(self, pages: list[list[str]]) -> list[np.ndarray]:
        out = []
        for lines in pages:
            keep = [k for k, line in enumerate(lines) if _key(line)]
            found = self.by_lines.get(tuple(_key(lines[k]) for k in keep))
            if found is None:
                self.n_not_found += 1
                out.append(self.model.probabilities([lines])[0])
                continue
            probs = np.zeros(len(lines))
            probs[keep] = found
            out.append(probs)
        return out


def through_framing_oof(rows, pages, folder: Path, meta: dict, with_url: bool, hashed_names: bool = False,
                        line_model="default") -> dict:
    """read_corpus on each fold's pages with that fold's headline model (trained on the others)
    and ``line_model`` (:class:`OutOfFoldLines` for one out of fold); with ``hashed_names`` each
    dump is read from a copy named by a hash of its name (a name that says nothing about the page)."""
    import hashlib
    import shutil

    import framing
    import framing.ingest.headlines as headlines
    from build_headline_model import fit_ranker, folds

    by_name = {p.name: p for p in pages}
    all_articles = []
    original = headlines.load_headline_model
    try:
        for train, test in folds(rows):
            model = headlines.HeadlineModel({"text": fit_ranker([rows[i] for i in train], False),
                                             "url": fit_ranker([rows[i] for i in train], True)})
            headlines.load_headline_model = lambda model=model: model
            files = [folder / "pages" / rows[i].name for i in test]
            with tempfile.TemporaryDirectory() as tmp:
                side = _sidecar([by_name[rows[i].name] for i in test], Path(tmp) / "sources.csv") if with_url else None
                if hashed_names:
                    renamed = {hashlib.sha1(f.name.encode()).hexdigest() + ".txt": f.name for f in files}
                    (Path(tmp) / "pages").mkdir()
                    for new, old in renamed.items():
                        shutil.copyfile(folder / "pages" / old, Path(tmp) / "pages" / new)
                    files = [Path(tmp) / "pages" / new for new in renamed]
                articles = framing.read_corpus(files, metadata=side, line_model=line_model).articles
                if hashed_names:
                    articles["source_file"] = [renamed[Path(str(sf)).name] for sf in articles["source_file"]]
                all_articles.append(articles)
    finally:
        headlines.load_headline_model = original
    import pandas as pd

    return corpus_figures(pd.concat(all_articles), meta, [r.name for r in rows])


def date_rules(pages, meta: dict, headline_of: dict[str, int | None]) -> dict:
    """Date right for the ways of choosing a page's date that were compared (headline out of fold)."""
    from framing.ingest.dates import date_from_url, find_dates

    upd = re.compile(r"updated|aktualisiert|geändert|mis à jour|actualisé|modifié|actualizado|обновлено", re.I)
    mentions = {p.name: find_dates(p.lines) for p in pages}

    def nearest(ms, h, before, after, lines, skip_updated=False):
        c = [m for m in ms if m.precision == "day" and h - before <= m.line <= h + after
             and not (skip_updated and upd.search(lines[m.line]))]
        return min(c, key=lambda m: (abs(m.line - h), m.line < h)).iso if c else None

    def first_day(ms):
        return next((m.iso for m in ms if m.precision == "day"), None)

    rules = {"first date on the page": lambda p, ms, h: first_day(ms),
             "URL date only": lambda p, ms, h: date_from_url(p.url)[0]}
    for before, after in ((0, 3), (3, 5), (5, 10), (10, 20)):
        for skip in (False, True):
            name = f"nearest the headline (-{before}/+{after} lines){', not updated' if skip else ''}, else first date"
            rules[name] = (lambda p, ms, h, b=before, a=after, s=skip:
                           (nearest(ms, h, b, a, p.lines, s) if h is not None else None) or first_day(ms))
    out = {}
    for name, rule in rules.items():
        for with_url in (False, True) if "URL" not in name else (True,):
            ok = 0
            for p in pages:
                d = rule(p, mentions[p.name], headline_of.get(p.name))
                if d is None and with_url:
                    d = date_from_url(p.url)[0]
                ok += d is not None and d == (meta[p.name].get("date") or "")[:10]
            out[name + (", else URL" if with_url and "URL" not in name else "")] = round(ok / len(pages), 4)
    ceiling = sum(any(m.iso == (meta[p.name].get("date") or "")[:10] for m in mentions[p.name]) for p in pages)
    out["ceiling: the silver date is printed in a form find_dates reads"] = round(ceiling / len(pages), 4)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=EXTRACTION)
    ap.add_argument("--framing-only", action="store_true", help="only read_corpus over the dumps as installed")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "metadata.json")
    ap.add_argument("--head", type=Path, default=None,
                    help="a --framing-only result of framing before this change, to report beside")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    if args.framing_only:
        res = {"provenance": provenance(), **framing_only(args.data)}
        write_results(args.out, res)
        print(json.dumps(res, indent=1))
        return 0

    sys.path.insert(0, str(ROOT))  # not for --framing-only, which measures the framing on the path
    from build_headline_model import cross_validate, page_rows, share_right, silver

    t0 = time.perf_counter()
    pages = load_pages(args.data)
    by_name = {p.name: p for p in pages}
    meta = silver(args.data)
    rows = page_rows(args.data, None, args.workers)
    results = {"provenance": provenance(), "data": str(args.data), "n_pages": len(rows),
               "labels": "trafilatura extract_metadata on each page's HTML (silver)",
               "ceiling_title_is_a_line": round(float(np.mean([r.y.any() for r in rows])), 4)}
    cv = cross_validate(rows)
    results["title_right_line_cv"] = {m: {k: share_right(v, rows, by_name, meta) for k, v in by.items()}
                                      for m, by in cv.items()}
    print(json.dumps(results["title_right_line_cv"], indent=1), flush=True)
    results["date_right_rules"] = {
        "headline without URL": date_rules(pages, meta, cv[RANKER]["text"]),
    }
    print(json.dumps(results["date_right_rules"], indent=1), flush=True)
    from build_headline_model import oof_line_probabilities

    lines_oof = OutOfFoldLines(pages, oof_line_probabilities(pages, args.data, ROOT / "build" / "headline_line_oof.json",
                                                             args.workers))
    results["through_read_corpus_oof"] = {
        "note": "each fold's headline model on its test pages, the line model's out-of-fold probabilities",
        "without URL": through_framing_oof(rows, pages, args.data, meta, False, line_model=lines_oof),
        "with URL (sidecar)": through_framing_oof(rows, pages, args.data, meta, True, line_model=lines_oof),
        "without URL, hash file names": through_framing_oof(rows, pages, args.data, meta, False, hashed_names=True,
                                                             line_model=lines_oof),
        "pages without out-of-fold line probabilities": lines_oof.n_not_found,
    }
    results["through_read_corpus_oof_headline"] = {
        "note": "each fold's headline model on its test pages; the shipped line model (in-sample on these pages)",
        "without URL": through_framing_oof(rows, pages, args.data, meta, False),
    }
    results["through_read_corpus_shipped"] = {
        "note": "the shipped headline model, fitted on these pages: in-sample, not an estimate",
        **framing_only(args.data)}
    if args.head and args.head.exists():
        results["framing_before"] = json.loads(args.head.read_text())
    results["total_s"] = round(time.perf_counter() - t0, 1)
    write_results(args.out, results)
    print(json.dumps({k: v for k, v in results.items() if k.startswith("through") or k == "framing_before"},
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
