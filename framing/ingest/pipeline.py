"""The ingestion driver: pages on disk to a :class:`~framing.corpus.Corpus`.

:func:`read_corpus` finds the files and sidecars (:mod:`~framing.ingest.readers`,
:mod:`~framing.ingest.metadata`), learns each outlet's boilerplate
(:mod:`~framing.ingest.repeats`), lets the line model judge the lines of text pages
(:mod:`~framing.ingest.linemodel`), then cleans and segments every page
(:mod:`~framing.ingest.segment`) and dates and attributes its articles
(:mod:`~framing.ingest.pages`), keeping every input line in an article field or in
``removed`` with its reason.

Examples
--------
>>> from framing.datasets import sample_corpus_path
>>> corpus = read_corpus(sample_corpus_path())
>>> corpus.articles.columns[:3].tolist()
['doc_id', 'source_file', 'kind']
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from ..corpus import (ARTICLE_COLUMNS, LINE_MAP_COLUMNS, PROBLEM_COLUMNS, REMOVED_COLUMNS, USER_PREFIX, Corpus,
                      CorpusError, PendingTable, typed_frame)
from ..lexicon import load_outlets
from ..published import published_dates, published_text
from .dates import parse_date
from .linemodel import load_line_model, page_decisions
from .metadata import load_sidecars
from .pages import process_html_page, process_page
from .readers import Page, Problem, check_columns, discover, read_file
from .repeats import line_counts, outlet_boilerplate

__all__ = ["doc_prefixes", "read_corpus", "clean_pages"]

_ARTICLE_NAMES = frozenset(ARTICLE_COLUMNS)


def _site_key(page: Page, sidecar: dict) -> str | None:
    return sidecar.get("publisher") or page.meta.get("publisher")


def _site_repeats(pages: list[Page], sidecars: dict[str, dict]) -> dict[str, set[str]]:
    """Normalised short lines that recur on two or more pages of the same site."""
    by_site: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        if p.is_record:
            continue
        key = _site_key(p, sidecars.get(p.source_file, {}))
        if key:
            by_site[key].append(p)
    out: dict[str, set[str]] = {}
    for site, group in by_site.items():
        if len(group) < 2:
            continue
        counts: Counter = Counter()
        for p in group:
            counts.update({re.sub(r"\s+", " ", s).strip().casefold() for s in p.lines if 0 < len(s.split()) <= 12})
        out[site] = {k for k, v in counts.items() if v >= 2}
    return out


def _with_precision(arts: list[dict], problems: list) -> None:
    """Every article's ``published`` as an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) with its
    ``published_precision`` (day, month, year): a sidecar's "2025-06" is a month. A value that
    is no date leaves the article undated, with a problem naming the file, line and value (the
    corpus holds ``published`` as dates: :mod:`framing.published`)."""
    for a in arts:
        value = a.get("published")
        if value is None or a.get("published_precision") is not None:
            continue
        iso, precision = parse_date(value)
        if iso is None:  # an ISO date outside the years a page's date is looked for in (1990-2100)
            try:
                dates, precisions = published_dates([value])
            except ValueError:
                where = a.get("source_file") or "?"
                if a.get("line_start"):
                    where += f", line {a['line_start']}"
                problems.append(Problem(a.get("source_file"), "bad date",
                                        f"{where}: published {value!r} is not a date; the article is left "
                                        "undated (write YYYY-MM-DD, YYYY-MM or YYYY)", "warning",
                                        a.get("line_start") or None))
                a["published"] = None
                continue
            iso, precision = published_text(dates, precisions).iat[0], precisions.iat[0]
        if iso is not None:
            a["published"], a["published_precision"] = iso, precision


def _remove_page(page: Page, page_no: int, reason: str) -> tuple[list[list], list[list]]:
    """Removed rows and line-map rows for a page kept out whole (its lines are not lost)."""
    removed, line_map = [], []
    for unit, (no, line) in enumerate(zip(page.line_nos, page.lines)):
        removed.append([page.source_file, no, line.strip(), reason, None, unit])
        line_map.append([page.source_file, page_no, unit, no, 0, len(line), None, None, reason, None])
    return removed, line_map


def doc_prefixes(pages: list[Page]) -> tuple[dict[str, str], list[Problem]]:
    """The ``doc_id`` prefix of each source file (its stem, made unique where two files share one),
    and a problem for each clash resolved. ``framing.scale`` numbers documents with the same prefixes."""
    stems: dict[str, list[str]] = defaultdict(list)
    for sf in dict.fromkeys(p.source_file for p in pages):
        stems[Path(sf).stem].append(sf)
    prefixes, problems = {}, []
    for stem, files in stems.items():
        if len(files) == 1:
            prefixes[files[0]] = stem
            continue
        for sf in files:
            prefixes[sf] = Path(sf).as_posix()
        problems.append(Problem(", ".join(files), "duplicate id",
                                f"files {', '.join(files)} share the stem {stem!r}; their doc_ids use the "
                                f"file path instead (e.g. '{files[0]}#1')", "warning"))
    return prefixes, problems


def read_corpus(paths: str | Path | Iterable[str | Path], metadata: str | Path | None = None, *,
                outlets: str | Path | Iterable[str | Path] | None = None, strict: bool = False,
                line_model="default", text_column: str | None = None, columns: dict | None = None,
                sep: str | None = None, boilerplate: dict[str, dict[str, int]] | None = None) -> Corpus:
    """Read scraped pages into a clean, segmented Corpus with provenance.

    Parameters
    ----------
    paths : path, glob, or list of them
        Folders (searched recursively), files or glob patterns of ``.txt``,
        ``.html``/``.htm``, ``.jsonl`` and ``.csv`` files. A ``sources.csv`` or
        ``sources.yaml`` inside a folder is read as its metadata sidecar.
    metadata : path, optional
        A sidecar (CSV or YAML) naming files and their ``publisher,
        source_type, original_source, published, url``. Sidecar values win
        over what the text suggests.
    outlets : path or list of paths, optional
        User outlet lexicons extending ``lexicons/outlets.yaml``.
    strict : bool, default False
        Raise :class:`CorpusError` listing every problem instead of recording
        them in ``Corpus.problems``.
    line_model : LineModel, "default" or None
        What decides which lines of a text page are its main text: the line
        model shipped with framing (:func:`framing.ingest.linemodel.load_line_model`,
        learned from public labelled pages), one of your own
        (:func:`framing.ingest.linemodel.fit_line_model`), or None for the
        furniture rules alone. HTML pages are read by trafilatura and records
        (JSONL/CSV) are one article each, whatever this says.
    text_column : str, optional
        The column (or JSON key) of record files that holds the article text,
        when it is none of the names read by default (``text``, ``body``,
        ``content``, ``article``, ``full_text``, ``maintext``, ...; the README
        lists every column read and what it becomes).
    columns : dict, optional
        Other fields by column name, e.g. ``{"published": "pub_time",
        "publisher": "source_name"}``; fields: ``text``, ``id``, ``title``,
        ``publisher``, ``source_type``, ``original_source``, ``published``,
        ``url``, ``byline``, ``domain``, ``language``.
    sep : str, optional
        The field separator of CSV files; sniffed from the header row (``,``
        ``;`` tab ``|``) when not given, and recorded in ``corpus.info``.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> from framing.datasets import sample_corpus_path
    >>> corpus = read_corpus(sample_corpus_path())
    >>> sorted(corpus.articles["kind"].unique())
    ['article', 'comment']
    """
    with _gc_paused():
        return _read_corpus(paths, metadata, outlets=outlets, strict=strict, line_model=line_model,
                            read_options={"text_column": text_column, "columns": check_columns(columns), "sep": sep},
                            boilerplate=boilerplate)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while tables are built.

    Ingestion creates millions of small lists and strings and no reference cycles;
    the collector's full passes over that growing heap cost about a sixth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_MODEL_BATCH = 500  # pages whose lines the line model scores in one call


def _page_decisions(pages: list[Page], line_model) -> dict[int, object]:
    """What is main text, per page (by index in ``pages``): the line model's decisions for text
    pages and for HTML pages where trafilatura found no main text. An HTML page with trafilatura's
    main text needs none: it is that article (:func:`~framing.ingest.pages.process_html_page`)."""
    out: dict[int, object] = {}
    if line_model is None:
        return out
    if isinstance(line_model, str) and line_model != "default":
        raise ValueError(f"line_model must be a LineModel, 'default' or None, not {line_model!r}")
    # text pages, and HTML pages where trafilatura found no main text: the line model decides
    todo = [k for k, p in enumerate(pages)
            if (p.fmt == "txt" or p.main_mask is not None) and k not in out and not p.is_record
            and not p.meta.get("unparsed")]
    if todo and isinstance(line_model, str):  # records alone need no model loaded
        line_model = load_line_model()
    for b in range(0, len(todo), _MODEL_BATCH):
        batch = todo[b:b + _MODEL_BATCH]
        nonblank = [[line for line in pages[k].lines if line.strip()] for k in batch]
        for k, probs in zip(batch, line_model.probabilities(nonblank)):
            out[k] = page_decisions(pages[k].lines, probs, line_model)
    return out


def _read_corpus(paths, metadata, *, outlets, strict: bool, line_model="default",
                 read_options: dict | None = None, boilerplate=None) -> Corpus:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [str(p) for p in paths]
    known = load_outlets(outlets)  # a bad lexicon fails before any file is read
    files, sidecar_paths, problems = discover(paths)
    if metadata is not None:
        sidecar_paths = [Path(metadata)] + [p for p in sidecar_paths if p.resolve() != Path(metadata).resolve()]
    sidecars, more = load_sidecars(sidecar_paths, [f.source_file for f in files])
    problems += more
    pages: list[Page] = []
    separators: dict[str, str] = {}
    for f in files:
        pp, pr = read_file(f, **(read_options or {}))
        pages += pp
        problems += pr
        if pp and pp[0].fmt == "csv" and "csv_separator" in pp[0].meta:
            separators[f.source_file] = pp[0].meta["csv_separator"]
    tables = _cleaned_rows(pages, problems, sidecars=sidecars, known=known, boilerplate=boilerplate,
                           line_model=line_model)
    if strict and problems:
        raise CorpusError(f"{len(problems)} problem(s) reading the corpus:\n" +
                          "\n".join(f"- {p.message}" for p in problems))
    info = {"inputs": paths, "metadata": str(metadata) if metadata else None}
    if separators:
        info["csv_separators"] = separators
    if read_options and any(read_options.values()):
        info["read_options"] = {k: v for k, v in read_options.items() if v}
    return _corpus(*tables, problems, info)


def clean_pages(pages: list[Page], *, problems: Iterable[Problem] = (), sidecars: dict[str, dict] | None = None,
                outlets: str | Path | Iterable[str | Path] | None = None,
                boilerplate: dict[str, dict[str, int]] | None = None, line_model="default",
                prefixes: dict[str, str] | None = None, first_page_no: int = 0, first_article_no: int = 1,
                seen_ids: dict[tuple[str, str], int] | None = None) -> Corpus:
    """Clean and segment pages (as :func:`~framing.ingest.readers.read_file` gives them) into a Corpus.

    :func:`read_corpus` is this over the pages of every file it finds. ``framing.scale``
    cleans a slice of a file with it, given what the slice cannot see of the rest of
    the file: where its numbering starts and which record ids came before.

    Parameters
    ----------
    pages : list of Page
        In corpus order; the pages of one file are numbered in the order given.
    problems : iterable of Problem, optional
        Problems met in reading the pages, which head the problems table.
    sidecars : dict, optional
        Sidecar metadata by ``source_file`` (:func:`~framing.ingest.metadata.load_sidecars`).
    outlets : path or list of paths, optional
        User outlet lexicons, as for :func:`read_corpus`.
    boilerplate : dict, optional
        Each outlet's boilerplate lines (:func:`~framing.ingest.repeats.outlet_boilerplate`); default:
        those counted over ``pages``.
    line_model : LineModel, "default" or None
        As for :func:`read_corpus` (records never need one).
    prefixes : dict, optional
        The ``doc_id`` prefix of each ``source_file``; default: :func:`doc_prefixes` of ``pages``
        (with a problem for each clash).
    first_page_no, first_article_no : int
        Where the page numbers (``line_map.page``, from 0) and the article numbers of ``doc_id``
        (from 1) of each file start: the pages and articles of the file before these pages.
    seen_ids : dict, optional
        ``{(source_file, record id): line}``: record ids already used before these pages, each
        with the line of its first use; a record reusing one is a duplicate (kept in ``removed``).

    Returns
    -------
    Corpus
        Its ``info`` is empty (:func:`read_corpus` records the inputs there).

    Examples
    --------
    >>> from pathlib import Path
    >>> from framing.ingest.readers import InputFile, read_bytes
    >>> data = b'{"id": "a", "text": "First story."}\\n{"id": "b", "text": "Second story."}\\n'
    >>> pages, problems = read_bytes(data, InputFile(Path("feed.jsonl"), "feed.jsonl"), first_line=7)
    >>> part = clean_pages(pages, problems=problems, first_page_no=5, first_article_no=3,
    ...                    seen_ids={("feed.jsonl", "a"): 2})
    >>> part.articles[["doc_id", "line_start", "record_id"]].values.tolist()
    [['feed#3', 8, 'b']]
    >>> part.problems["message"].tolist()
    ["feed.jsonl, line 7: record id 'a' already used at line 2; record kept in 'removed'"]
    """
    problems = list(problems)
    if prefixes is not None:
        missing = sorted({p.source_file for p in pages} - set(prefixes))
        if missing:  # a bad call, not a bad page: said at once, not as each page's processing error
            raise ValueError(f"prefixes has no doc_id prefix for {', '.join(map(repr, missing))}")
    with _gc_paused():
        tables = _cleaned_rows(pages, problems, sidecars=sidecars or {}, known=load_outlets(outlets),
                               boilerplate=boilerplate,
                               line_model=line_model, prefixes=prefixes, first_page_no=first_page_no,
                               first_article_no=first_article_no, seen_ids=seen_ids)
        return _corpus(*tables, problems, {})


def _corpus(articles: list[dict], removed: list[list], line_map: list[list], user_names: list[str],
            problems: list[Problem], info: dict) -> Corpus:
    return Corpus(
        typed_frame(articles, ARTICLE_COLUMNS + user_names),
        typed_frame(removed, REMOVED_COLUMNS),
        typed_frame([vars(p) for p in problems], PROBLEM_COLUMNS),
        PendingTable(line_map, LINE_MAP_COLUMNS),
        info,
    )


def _cleaned_rows(pages: list[Page], problems: list[Problem], *, sidecars: dict[str, dict], known,
                  boilerplate, line_model, prefixes: dict[str, str] | None = None, first_page_no: int = 0,
                  first_article_no: int = 1, seen_ids: dict | None = None):
    """The rows of :func:`clean_pages`: ``(articles, removed, line_map, user column names)``; the
    problems met are added to ``problems``."""
    if prefixes is None:
        prefixes, more = doc_prefixes(pages)
        problems += more
    repeats = _site_repeats(pages, sidecars)
    if boilerplate is None:
        boilerplate = outlet_boilerplate(line_counts(pages, sidecars))
    decisions = _page_decisions(pages, line_model)
    articles, removed, line_map = [], [], []
    counters: Counter = Counter()  # articles of each file before this page
    user_names: dict[str, None] = {}  # the user's own columns, in order of first appearance
    page_numbers: Counter = Counter()
    seen_ids = dict(seen_ids or {})
    for k, page in enumerate(pages):
        sidecar = sidecars.get(page.source_file, {})
        page_no = page_numbers[page.source_file] + first_page_no
        page_numbers[page.source_file] += 1
        if page.meta.get("unparsed"):
            rem, lmap = _remove_page(page, page_no, "unreadable record (see problems)")
            removed += rem
            line_map += lmap
            continue
        rid = page.meta.get("record_id")
        if rid is not None:
            key = (page.source_file, rid)
            if key in seen_ids:
                problems.append(Problem(page.source_file, "duplicate id",
                                        f"{page.source_file}, line {page.line_nos[0]}: record id {rid!r} already "
                                        f"used at line {seen_ids[key]}; record kept in 'removed'", "warning",
                                        page.line_nos[0]))
                rem, lmap = _remove_page(page, page_no, f"duplicate record id {rid!r}")
                removed += rem
                line_map += lmap
                continue
            seen_ids[key] = page.line_nos[0]
        site = _site_key(page, sidecar)
        try:
            # an HTML page with trafilatura's main text is that article; the rest are segmented
            process = process_html_page if page.main_text else process_page
            arts, rem, lmap = process(page, sidecar, known, repeats.get(site) if site else None, page_no,
                                      prefixes[page.source_file], counters[page.source_file] + first_article_no,
                                      decisions.get(k), boilerplate)
        except Exception as exc:  # a bug on one odd page must not lose the corpus, nor the page's lines
            problems.append(Problem(page.source_file, "processing error",
                                    f"{page.source_file}: could not be cleaned ({type(exc).__name__}: {exc}); "
                                    "its lines are in 'removed'", "error"))
            rem, lmap = _remove_page(page, page_no, "page could not be processed (see problems)")
            removed += rem
            line_map += lmap
            continue
        dec = decisions.get(k)
        if dec is not None and dec.fallback:
            first, last = page.line_nos[dec.fallback[0]], page.line_nos[dec.fallback[-1]]
            problems.append(Problem(page.source_file, "uncertain story",
                                    f"{page.source_file}: no line reached the {dec.model}'s threshold "
                                    f"({dec.threshold:.2f}); kept its most likely block, lines {first}-{last} "
                                    "(check the article)", "warning", first))
        if not any(a["kind"] == "article" for a in arts) and any(map(str.strip, page.lines)):
            where = f"{page.source_file}, line {page.line_nos[0]}" if page.is_record else page.source_file
            problems.append(Problem(page.source_file, "no story found",
                                    f"{where}: no story found (no run of main text); every line is "
                                    "in 'removed' with its reason", "warning",
                                    page.line_nos[0] if page.is_record else None))
        _with_precision(arts, problems)
        _with_user_columns(arts, page.meta, sidecar, user_names)
        counters[page.source_file] += len(arts)
        articles += arts
        line_map += lmap
        removed += rem
    return articles, removed, line_map, list(user_names)


def _with_user_columns(arts: list[dict], meta: dict, sidecar: dict, names: dict[str, None]) -> None:
    """Give each article of a page its language and the user's own columns of its record and its
    sidecar row (the sidecar wins); a name that is an article column gets :data:`USER_PREFIX`.
    The column names are added to ``names`` in order of first appearance."""
    user = {**meta.get("user_columns", {}), **sidecar.get("user_columns", {})}
    user = {USER_PREFIX + k if k in _ARTICLE_NAMES else k: v for k, v in user.items()}
    names.update(dict.fromkeys(user))
    for a in arts:
        a["language"] = meta.get("language") or sidecar.get("language")
        a.update(user)
