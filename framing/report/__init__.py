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

One module a part: :mod:`~framing.report.tables` (CSV files, tables as shown),
:mod:`~framing.report.manifest` (what reproduces the numbers, the constructed
sample), :mod:`~framing.report.figures` and :mod:`~framing.report.sections`
(the summary and the sections of ``report.html``); the page and the folder
are written here.

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
import json
import os
import shutil
from pathlib import Path
from .._version import __version__
from ..comparison import Comparison, Steps
from ..stats import document_groups
from .figures import (ALL_FIGURE_FORMATS, FIGURE_DPI, FIGURE_FORMATS, FIGURES, checked_figure_formats, draw_figures,
                      figure_pngs, interval_method, save_figures, top_trend_feature)
from .manifest import (PACKAGES, SAMPLE_FIGURE_NOTE, SAMPLE_NOTICE, corpus_hash, input_files, is_constructed_sample,
                       lexicon_versions, mark_constructed, package_versions, reproducibility_manifest, sha256_file,
                       write_manifest)
from .sections import MAX_REPORT_ARTICLES, articles_html, main_differences, report_sections, report_summary
from .tables import (COLUMN_FORMATS, COLUMN_LABELS, FLOAT_FORMAT, INTERVAL_COLUMNS, MAX_REPORT_ROWS, SORT_KEYS,
                     canonical_table, count_phrase, formatted_table, latex_table, write_csv)

__all__ = ["FLOAT_FORMAT", "MAX_REPORT_ROWS", "MAX_REPORT_ARTICLES", "PACKAGES", "SORT_KEYS",
           "canonical_table", "write_csv", "latex_table", "formatted_table", "corpus_hash", "input_files",
           "lexicon_versions", "package_versions", "reproducibility_manifest", "write_manifest",
           "SAMPLE_NOTICE", "SAMPLE_FIGURE_NOTE", "is_constructed_sample", "mark_constructed", "FIGURE_DPI",
           "FIGURE_FORMATS", "ALL_FIGURE_FORMATS", "FIGURES", "draw_figures", "figure_pngs", "COLUMN_LABELS",
           "INTERVAL_COLUMNS", "COLUMN_FORMATS", "main_differences", "top_trend_feature", "interval_method", "report_html", "write_report"]


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
        title=title, summary=f"{count_phrase(n_art, 'article')} and {count_phrase(len(a) - n_art, 'comment')}, "
                             f"{int(a['n_words'].sum()):,} words, {count_phrase(n_groups, 'group')} by {by}",
        constructed=SAMPLE_NOTICE if is_constructed_sample(comparison) else "",
        overview=report_summary(comparison), sections=report_sections(comparison, figs), articles=articles_html(corpus),
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
    figure_formats = checked_figure_formats(figure_formats)  # a bad format fails before anything is written
    final = Path(out)
    final.mkdir(parents=True, exist_ok=True)
    # everything is written beside --out first and moved in when complete: an interrupted or failed
    # run leaves --out as it was (or, if stopped while moving in, a manifest that says "incomplete"),
    # never new tables beside an old report
    out = final.parent / f".{final.name}.incomplete-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    try:
        steps = Steps(progress, 3)
        try:
            steps.step("tables")
            tables = {name: write_csv(df, out / f"{name}.csv", sort_by=SORT_KEYS.get(name))
                      for name, df in sorted(comparison.tables.items())}
            steps.done()
            steps.step("figures")
            (out / "figures").mkdir(exist_ok=True)
            figures, written = save_figures(comparison, out / "figures", formats=figure_formats)
            fig_paths = {name: next(p for p in paths if p.suffix == ".png") for name, paths in written.items()}
            fig_files = [p for paths in written.values() for p in paths]
            steps.done()
            steps.step("manifest and report")
            stamps = {"started": started, "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                      "step_seconds": comparison.seconds}
            manifest = reproducibility_manifest(comparison, inputs=inputs,
                                                outputs={p.name: sha256_file(p) for p in tables.values()},
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
