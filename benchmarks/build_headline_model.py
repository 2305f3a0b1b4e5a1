"""Build the headline model that framing ships, from the public labelled pages.

Reads the 983 text dumps of ``../shared/validation/extraction`` and, as labels, the titles
that trafilatura's ``extract_metadata`` finds in their HTML (``metadata_trafilatura.json``,
silver labels: a few are a site's name rather than the headline). A dump line is the
headline when its lower-cased, punctuation-free text matches the title with a
``difflib.SequenceMatcher`` ratio of at least 0.8.

The line features (:func:`framing.ingest.headlines.headline_features`) use the line
model's main-text probabilities. The shipped line model was fitted on these very pages, so
the features here are computed from *out-of-fold* probabilities: the line model's own
site-grouped cross-validation (``build_line_model.cross_validate``, the same five folds),
cached in ``build/headline_line_oof.json`` (it takes 10-40 minutes on two cores).

With ``--cv`` the alternatives are compared in site-grouped cross-validation (the same
folds; no site in both training and test pages): the first line of the page, a logistic
regression, a LightGBM per-line classifier and the LambdaRank ranker
(:class:`~framing.ingest.headlines.HeadlineRanker`), each for pages without and with a URL,
and each scored with the dump's file name (as ``read_corpus`` reads a file) and without it.
Then the two rankers (pages without a URL; with one) are fitted on all pages and written to
``framing/data/headline_model``. Deterministic: the same data give the same files.

Usage::

    python benchmarks/build_headline_model.py --cv
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from _common import provenance, write_results
from _extraction import EXTRACTION, ROOT, data_fingerprint, load_pages

sys.path.insert(0, str(ROOT))
from framing.ingest.headlines import (FEATURES, NAME_FEATURES, HeadlineModel, HeadlineRanker,  # noqa: E402
                                      headline_features, headline_model_path, page_lines)

VERSION = "1"
MATCH = 0.8  # SequenceMatcher ratio from which a line (or an article title) is the title
THRESHOLD = 0.4  # the line model's threshold (framing/data/line_model)
N_SPLITS = 5
RANKER_PARAMS = {"n_estimators": 200, "learning_rate": 0.05, "num_leaves": 15, "min_child_samples": 20,
                 "random_state": 0}
URL_COLUMNS = [FEATURES.index(f) for f in ("has_url", "slug_in_line", "line_in_slug")]
NAME_COLUMNS = [FEATURES.index(f) for f in NAME_FEATURES]
# The project's generated pages (framing.synth, the line model's training seeds, apart from the
# tests'): exact truth for layouts the public set has few of (multi-story state-media and news-app
# pages, a headline among "latest posts" widgets, an agency suffix "| CGTN"). They are only ever
# in the training folds: the cross-validated figures are on the public pages alone.
SYNTH_PAGES_PER_LAYOUT = 25
_PUNCT = re.compile(r"[^\w\s]")


def norm_title(s: str | None) -> str:
    """Lower-cased, punctuation-free, single-spaced: how titles are compared."""
    return " ".join(_PUNCT.sub(" ", str(s or "").lower()).split())


def title_match(a: str | None, b: str | None) -> bool:
    a, b = norm_title(a), norm_title(b)
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= MATCH


def silver(folder: Path = EXTRACTION) -> dict[str, dict]:
    return json.loads((folder / "metadata_trafilatura.json").read_text(encoding="utf-8"))


def oof_line_probabilities(pages, folder: Path, cache: Path, workers: int) -> list[np.ndarray]:
    """Each page's main-text probabilities from the line model of the fold that did not see it."""
    fingerprint = data_fingerprint(folder)
    if cache.exists():
        stored = json.loads(cache.read_text())
        if stored.get("names") == [p.name for p in pages] and stored.get("data_sha256") == fingerprint:
            return [np.asarray(v, dtype=np.float64) for v in stored["probs"]]
    from build_line_model import cross_validate, labelled_data, synth_data

    print("out-of-fold line-model probabilities: fitting the line model's CV folds ...", flush=True)
    lpages, labels, weights, term_weights = labelled_data(folder, ROOT / "build" / "line_model_labels.json", workers)
    probs, *_ = cross_validate(lpages, labels, weights, term_weights, synth_data(), N_SPLITS, None, workers)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"names": [p.name for p in pages], "data_sha256": fingerprint,
                                 "probs": [[round(float(x), 5) for x in pr] for pr in probs]}))
    return [np.asarray(pr, dtype=np.float64) for pr in probs]


class PageRows:
    """One page's candidate lines: positions, features (with and without the URL, with and
    without the file name), labels."""

    synth = False

    def __init__(self, page, probs, title: str | None, file_name: str | None = None):
        self.name, self.site, self.url = page.name, page.site, page.url
        pl = page_lines(page.lines, probs, THRESHOLD)
        self.index, self.texts = pl.index, pl.texts
        self.cands, self.X_url = headline_features(pl, page.url, THRESHOLD, name=file_name)
        self.X_text = self.X_url.copy()
        self.X_text[:, URL_COLUMNS] = 0.0  # as headline_features gives them without a URL
        self.y = np.array([title_match(pl.texts[i], title) for i in self.cands], dtype=bool)

    def X(self, url: bool, name: bool = True) -> np.ndarray:
        X = self.X_url if url else self.X_text
        if not name:
            X = X.copy()
            X[:, NAME_COLUMNS] = 0.0  # as headline_features gives them without a file name
        return X


def page_rows(folder: Path = EXTRACTION, cache: Path | None = None, workers: int = 2):
    pages = load_pages(folder)
    meta = silver(folder)
    probs = oof_line_probabilities(pages, folder, cache or ROOT / "build" / "headline_line_oof.json", workers)
    return [PageRows(p, pr, meta.get(p.name, {}).get("title"), p.name) for p, pr in zip(pages, probs)]


def synth_rows() -> list[PageRows]:
    """Generated pages (the line model's training seeds) labelled with their first story's headline,
    scored by the shipped line model."""
    import random
    from types import SimpleNamespace

    from framing.ingest.linemodel import load_line_model
    from framing.synth import LAYOUTS, make_page

    pages, titles = [], []
    for layout in LAYOUTS:
        for seed in range(SYNTH_PAGES_PER_LAYOUT):
            page = make_page(random.Random(f"train:{layout}:{seed}"), layout)
            lines = [line for line in page.text.splitlines() if line.strip()]
            first = next((a for a in page.articles if a.kind == "article"), None)
            pages.append(SimpleNamespace(name=f"synth:{layout}:{seed}", site="framing.synth", url="", lines=lines))
            titles.append(first.title if first else None)
    probs = load_line_model().probabilities([p.lines for p in pages])
    rows = [PageRows(p, pr, t) for p, pr, t in zip(pages, probs, titles)]
    for r in rows:
        r.synth = True
    return rows


_SYNTH: list = []


def folds(rows) -> list[tuple[np.ndarray, np.ndarray]]:
    """The line model's folds: GroupKFold by site over the pages in name order."""
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(N_SPLITS).split(np.zeros(len(rows)), groups=[r.site for r in rows]))


def fit_ranker(rows, url: bool, synth: bool = True) -> HeadlineRanker:
    """A ranker fitted on the pages whose title is one of their lines and the generated pages,
    each page twice: with its file name and without one (the generated pages have none)."""
    if synth and not _SYNTH:
        _SYNTH.extend(synth_rows())
    use = [r for r in list(rows) + (_SYNTH if synth else []) if r.y.any()]
    # each page also without its file name: trained only with names, the ranker lost 2-3 points on
    # pages that have none (a hash name, a string), trained so it loses none. The generated pages
    # (no name) come twice too, to keep their weight (at half of it, 2 of their 314 cases fail)
    pairs = [(r, True) for r in use] + [(r, False) for r in use]
    X = np.vstack([r.X(url, name) for r, name in pairs])
    y = np.concatenate([r.y for r, _ in pairs]).astype(int)
    groups = np.concatenate([np.full(len(r.y), k) for k, (r, _) in enumerate(pairs)])
    return HeadlineRanker(**RANKER_PARAMS).fit(X, y, groups=groups)


class _PerLine:
    """A per-line classifier (no page context) for the comparison."""

    def __init__(self, kind: str):
        self.kind = kind

    def fit(self, rows, url: bool):
        if not _SYNTH:
            _SYNTH.extend(synth_rows())
        use = [r for r in list(rows) + _SYNTH if r.y.any()]
        X = np.vstack([r.X(url) for r in use])
        y = np.concatenate([r.y for r in use]).astype(int)
        if self.kind == "logistic":
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            self.m = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=3000)).fit(X, y)
        else:
            import lightgbm

            self.m = lightgbm.LGBMClassifier(n_estimators=200, learning_rate=0.05, num_leaves=15,
                                             min_child_samples=20, random_state=0, deterministic=True,
                                             force_row_wise=True, n_jobs=1, verbose=-1).fit(X, y)
        return self

    def decision_function(self, X):
        return self.m.predict_proba(X)[:, 1]


class _Ranker:
    def fit(self, rows, url: bool):
        self.m = fit_ranker(rows, url)
        return self

    def decision_function(self, X):
        return self.m.decision_function(X)


METHODS = {"logistic regression (per line)": lambda: _PerLine("logistic"),
           "LightGBM classifier (per line)": lambda: _PerLine("gbm"),
           "LightGBM LambdaRank (lines of a page compared)": _Ranker}


def cross_validate(rows, methods=METHODS) -> dict:
    """Out-of-fold headline choice per page for each method, with and without the URL.

    Returns ``{method: {key: {page name: line index in page.lines or None}}}`` with the keys
    "text" (the file name, no URL), "url" (the file name and the URL) and the same with ", no
    file name" (the pages as if read from a string), plus the baseline ``first line`` (the
    page's first non-blank line).
    """
    out: dict = {"first line": {"text": {r.name: r.index[0] if r.index else None for r in rows}}}
    splits = folds(rows)
    for method, make in methods.items():
        out[method] = {}
        for url in (False, True):
            chosen: dict[bool, dict] = {True: {}, False: {}}
            for train, test in splits:
                m = make().fit([rows[i] for i in train], url)
                for i in test:
                    r = rows[i]
                    for name in (True, False):
                        best = int(np.argmax(m.decision_function(r.X(url, name)))) if len(r.cands) else None
                        chosen[name][r.name] = r.index[int(r.cands[best])] if best is not None else None
            key = "url" if url else "text"
            out[method][key], out[method][key + ", no file name"] = chosen[True], chosen[False]
            print(f"{method}, {'with' if url else 'without'} URL: done", flush=True)
    return out


def share_right(chosen: dict[str, int | None], rows, pages_by_name, meta) -> float:
    ok = sum(1 for r in rows if chosen.get(r.name) is not None
             and title_match(pages_by_name[r.name].lines[chosen[r.name]], meta[r.name].get("title")))
    return round(ok / len(rows), 4)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=EXTRACTION)
    ap.add_argument("--out", type=Path, default=headline_model_path())
    ap.add_argument("--cv", action="store_true", help="compare the methods in site-grouped CV first")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "headline_line_oof.json")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--results", type=Path, default=None, help="write the figures here as JSON")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rows = page_rows(args.data, args.cache, args.workers)
    pages = {p.name: p for p in load_pages(args.data)}
    meta = silver(args.data)
    results = {"provenance": provenance(), "version": VERSION, "data_sha256": data_fingerprint(args.data),
               "n_pages": len(rows), "pages_with_title_line": int(sum(r.y.any() for r in rows)),
               "ranker_params": RANKER_PARAMS, "features": list(FEATURES)}
    if args.cv:
        cv = cross_validate(rows)
        results["cv_title_right"] = {m: {k: share_right(v, rows, pages, meta) for k, v in by.items()}
                                     for m, by in cv.items()}
        for m, by in results["cv_title_right"].items():
            print(f"{m}: " + ", ".join(f"{k} {v:.3f}" for k, v in by.items()))
    info = {"version": VERSION, "built": dt.date.today().isoformat(), "data": "shared/validation/extraction",
            "data_sha256": results["data_sha256"], "n_pages": len(rows),
            "labels": "trafilatura extract_metadata titles (silver), SequenceMatcher ratio >= 0.8",
            "line_probabilities": "out of fold (the line model's site-grouped CV)",
            "cv_title_right": results.get("cv_title_right", {}).get("LightGBM LambdaRank (lines of a page compared)")}
    model = HeadlineModel({"text": fit_ranker(rows, False), "url": fit_ranker(rows, True)}, info)
    model.save(args.out)
    results["model_files"] = {p.name: p.stat().st_size for p in sorted(args.out.iterdir())}
    results["total_s"] = round(time.perf_counter() - t0, 1)
    write_results(args.results, results)
    print(f"wrote {args.out} in {results['total_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
