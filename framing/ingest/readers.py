"""Finding input files, decoding them, and turning each into numbered lines.

Every format ends as :class:`Page` objects: numbered text lines plus the
metadata the file itself carries. Text dumps are read line by line; HTML is
reduced to its visible text blocks (numbered by their source line) with
trafilatura marking the main content; JSONL and CSV give one page per record.
Problems (empty, binary, unsupported, undecodable, duplicate ids) become
:class:`Problem` rows and never stop the rest of the corpus.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
SIDECAR_NAMES = {"sources.csv", "sources.yaml", "sources.yml"}

TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "maintext")
ID_COLUMNS = ("id", "doc_id", "article_id", "stories_id", "guid")
META_ALIASES = {
    "title": ("title", "headline"),
    "publisher": ("publisher", "outlet", "media_name", "source", "sitename", "site_name"),
    "source_type": ("source_type",),
    "original_source": ("original_source", "originator"),
    "published": ("published", "publish_date", "date", "published_at", "pubdate"),
    "url": ("url", "link"),
    "byline": ("byline", "author", "authors"),
}


@dataclass
class Problem:
    """A file (or record) that could not be read as given."""

    source_file: str
    problem: str
    message: str
    severity: str = "error"  # "error": skipped; "warning": loaded with a caveat
    line_no: int | None = None


@dataclass
class Page:
    """Numbered lines of one page, before cleaning."""

    source_file: str
    path: Path
    fmt: str
    encoding: str
    line_nos: list[int]
    lines: list[str]
    meta: dict = field(default_factory=dict)
    is_record: bool = False
    main_mask: list[bool] | None = None  # HTML: which blocks trafilatura kept
    tags: list[str] | None = None  # HTML: the tag of each block


@dataclass
class InputFile:
    path: Path
    source_file: str  # display name, relative to the folder given


def discover(paths: Iterable[str | Path]) -> tuple[list[InputFile], list[Path], list[Problem]]:
    """Expand folders and globs into input files and sidecars.

    Returns the corpus files (sorted, stable), the sidecar files found beside
    them, and problems for paths that match nothing or have unsupported types.
    """
    files: list[InputFile] = []
    sidecars: list[Path] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()

    def add(p: Path, display: str) -> None:
        # the same file reached twice (a folder and a glob, a symlink) is read once; os.stat
        # (Path.stat), because os.DirEntry.stat() leaves st_ino and st_dev at 0 on Windows
        st = p.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        if p.name.lower() in SIDECAR_NAMES:
            sidecars.append(p)
        elif p.name.startswith(".") or _is_documentation(p):
            return
        elif p.suffix.lower() not in SUPPORTED:
            problems.append(
                Problem(display, "unsupported", f"{display}: unsupported file type {p.suffix or '(none)'!r}, "
                        f"skipped; supported: {', '.join(sorted(SUPPORTED))}", "warning")
            )
        else:
            files.append(InputFile(p, display))

    for raw in paths:
        raw = str(raw)
        p = Path(raw)
        if p.is_dir():
            for parts, path in _folder_files(p):
                add(Path(path), "/".join(parts))
        elif p.is_file():
            add(p, p.name)
        else:
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                problems.append(Problem(raw, "not found", f"{raw}: no such file, folder or glob match"))
            for m in matches:
                mp = Path(m)
                if mp.is_file():
                    add(mp, mp.name)
    return files, sidecars, problems


def _folder_files(folder: Path) -> list[tuple[tuple[str, ...], str]]:
    """Files under ``folder`` outside hidden folders, not hidden themselves, as (relative
    path parts, path), in the order of ``sorted(folder.rglob("*"))``.

    Written with :func:`os.scandir` because ``Path.rglob`` followed by ``is_file``,
    ``relative_to`` and ``resolve`` cost several system calls and Path objects per file
    (27 µs a file, 3% of ingesting a 10 KB page). Like ``rglob``, it does not descend
    into symlinked folders and keeps symlinked files.
    """
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(path: str, prefix: tuple[str, ...]) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, prefix + (entry.name,))
                elif entry.is_file():
                    found.append((prefix + (entry.name,), entry.path))

    walk(str(folder), ())
    found.sort(key=lambda item: item[0])
    return found


def _is_documentation(p: Path) -> bool:
    """README/LICENSE files that describe a corpus folder are not pages."""
    stem = p.stem.upper()
    return stem.startswith(("README", "LICENSE", "LICENCE", "NOTICE")) and p.suffix.lower() in ("", ".md", ".rst")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    # count control bytes by deleting everything else (C speed, unlike a Python loop over bytes)
    control = len(head.translate(None, _NOT_CONTROL))
    return control > 0.1 * max(len(head), 1)


_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode(data: bytes, source_file: str) -> tuple[str | None, str, list[Problem]]:
    """Decode bytes: UTF-8 (with or without BOM), else cp1252, else latin-1.

    A file that is mostly UTF-8 but holds a few invalid bytes is decoded as
    UTF-8 with replacement characters and reported as a warning, since
    re-reading it as cp1252 would garble every correct multibyte character.

    Returns ``(text, encoding, problems)``; ``text`` is None for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            data = data[3:]
    if _looks_binary(data):
        return None, "binary", [Problem(source_file, "binary", f"{source_file}: looks like a binary file "
                                        "(NUL or control bytes); not read")]
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        line = data[:first_bad].count(b"\n") + 1
        return text, "utf-8", [Problem(source_file, "undecodable bytes",
                                       f"{source_file}: {bad} byte(s) are not valid UTF-8 (first at line {line}); "
                                       "replaced with U+FFFD", severity="warning", line_no=line)]
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252"), "cp1252", []
    return data.decode("latin-1"), "latin-1", []


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF all end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_file(inp: InputFile) -> tuple[list[Page], list[Problem]]:
    """Read one input file into pages (several for JSONL/CSV), with problems."""
    name = inp.source_file
    try:
        data = inp.path.read_bytes()
    except OSError as exc:
        return [], [Problem(name, "unreadable", f"{name}: cannot be read: {exc.strerror or exc}")]
    if not data or data.isspace():  # data.strip() would copy the file
        return [], [Problem(name, "empty", f"{name}: file is empty")]
    text, encoding, problems = decode(data, name)
    if text is None:
        return [], problems
    suffix = inp.path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            lines = split_lines(text)
            pages = [Page(name, inp.path, "txt", encoding, list(range(1, len(lines) + 1)), lines)]
        elif suffix in HTML_SUFFIXES:
            pages = [read_html(text, inp, encoding)]
        elif suffix == ".csv":
            pages, more = read_csv_records(text, inp, encoding)
            problems += more
        else:
            pages, more = read_jsonl_records(text, inp, encoding)
            problems += more
    except Exception as exc:  # a parser bug or exotic input must not abort the corpus
        problems.append(Problem(name, "parse error", f"{name}: could not be parsed ({type(exc).__name__}: {exc})"))
        return [], problems
    if not any(line.strip() for page in pages for line in page.lines) and not problems:
        problems.append(Problem(name, "empty", f"{name}: no text found"))
    return pages, problems


# ---------------------------------------------------------------- records

def _pick(record: dict, names: Iterable[str]) -> str | None:
    lower = {str(k).lower(): k for k in record}
    for n in names:
        if n in lower:
            v = record[lower[n]]
            if v is None:
                continue
            if isinstance(v, list):
                v = ", ".join(str(x) for x in v)
            v = str(v).strip()
            if v and v.lower() != "nan":
                return v
    return None


def _record_page(record: dict, inp: InputFile, encoding: str, line_no: int, fmt: str,
                 text_column: str | None) -> tuple[Page | None, Problem | None]:
    name = inp.source_file
    cols = (text_column,) if text_column else TEXT_COLUMNS
    text = _pick(record, cols)
    if text is None:
        return None, Problem(name, "no text", f"{name}, line {line_no}: record has no text column "
                             f"(looked for {', '.join(cols)})", severity="warning", line_no=line_no)
    meta = {k: _pick(record, aliases) for k, aliases in META_ALIASES.items()}
    meta = {k: v for k, v in meta.items() if v}
    rid = _pick(record, ID_COLUMNS)
    if rid is not None:
        meta["record_id"] = rid
    lines = split_lines(text)
    return Page(name, inp.path, fmt, encoding, [line_no] * len(lines), lines, meta, is_record=True), None


def read_jsonl_records(text: str, inp: InputFile, encoding: str, text_column: str | None = None):
    pages, problems = [], []
    for i, raw in enumerate(split_lines(text), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(Problem(inp.source_file, "bad record", f"{inp.source_file}, line {i}: not valid JSON "
                                    f"({exc.msg}); record skipped", severity="warning", line_no=i))
            pages.append(Page(inp.source_file, inp.path, "jsonl", encoding, [i], [raw], {"unparsed": True},
                              is_record=True))
            continue
        if not isinstance(record, dict):
            record = {"text": str(record)}
        page, problem = _record_page(record, inp, encoding, i, "jsonl", text_column)
        if problem:
            problems.append(problem)
            page = Page(inp.source_file, inp.path, "jsonl", encoding, [i], [raw], {"unparsed": True},
                        is_record=True)
        pages.append(page)
    return pages, problems


def read_csv_records(text: str, inp: InputFile, encoding: str, text_column: str | None = None):
    pages, problems = [], []
    reader = csv.DictReader(io.StringIO(text.replace("\r\n", "\n")))
    line = 1
    for record in reader:
        line_no = line + 1  # spreadsheet row number: the header is row 1
        line = reader.line_num
        page, problem = _record_page(record, inp, encoding, line_no, "csv", text_column)
        if problem:
            problems.append(problem)
            raw = ",".join(str(v) for v in record.values() if v)
            page = Page(inp.source_file, inp.path, "csv", encoding, [line_no], [raw], {"unparsed": True},
                        is_record=True)
        pages.append(page)
    return pages, problems


# ---------------------------------------------------------------- HTML

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "blockquote", "pre",
    "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "table", "tr", "figure",
    "dd", "dt", "dl", "form", "address", "caption", "body", "title", "label", "button", "option",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def html_blocks(html: str) -> list[tuple[int, str, str]]:
    """Visible text blocks of an HTML page as ``(source_line, tag, text)``.

    A block is the text an element shows outside its own block-level children,
    so nested layouts yield each visible string once.
    """
    import lxml.html

    root = lxml.html.document_fromstring(html)
    blocks: list[tuple[int, str, str]] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _INVISIBLE:
            return
        parts: list[str] = [el.text or ""]
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in _BLOCK_TAGS or ctag in _INVISIBLE:
                own = _norm(" ".join(parts))
                if own:
                    blocks.append((el.sourceline or 0, tag, own))
                parts = []
                walk(child)
            elif ctag == "br":
                parts.append("\n")
            elif ctag:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        own = _norm(" ".join(parts))
        if own:
            blocks.append((el.sourceline or 0, tag, own))

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


def read_html(text: str, inp: InputFile, encoding: str) -> Page:
    """Visible blocks of an HTML page, with trafilatura's verdict on each.

    trafilatura finds the main content and the metadata (title, author, date,
    site name, URL); blocks outside its main text are marked so the cleaner
    removes them with the reason "outside main content (trafilatura)".
    """
    import trafilatura

    from .linemodel import lines_in_text

    # one pass gives both the main text and the metadata
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, favor_recall=True, only_with_metadata=False)
    meta_raw = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    main = meta_raw.get("text") or ""
    main_norm = _norm(main)
    blocks = html_blocks(text)
    lines, line_nos, tags = [], [], []
    title = _norm(meta_raw.get("title") or "")
    for line_no, tag, block in blocks:
        if tag == "title":
            continue
        lines.append(block)
        line_nos.append(line_no)
        tags.append(tag)
    # trafilatura re-joins and re-spaces what it keeps: a block is in when its text or most of its
    # four-word shingles are, and a short one only beside a block that is in ("Home" occurs anywhere)
    aligned = lines_in_text(lines, main) if main_norm else [0] * len(lines)
    mask = [bool(a) or tag == "figcaption" or (tag == "h1" and block == title)
            for block, tag, a in zip(lines, tags, aligned)]
    meta = {}
    if title:
        meta["title"] = title
    for src, dst in (("author", "byline"), ("sitename", "publisher"), ("url", "url")):
        if meta_raw.get(src):
            meta[dst] = str(meta_raw[src])
    published = _html_meta_date(text)
    if published:
        meta["published"] = published
    return Page(inp.source_file, inp.path, "html", encoding, line_nos, lines, meta, main_mask=mask, tags=tags)


_META_DATE = re.compile(
    r"<meta[^>]+(?:name|property|itemprop)=[\"'](?:date|article:published_time|pubdate|publishdate|"
    r"datePublished|dc\.date|og:published_time)[\"'][^>]*content=[\"']([^\"']+)[\"']", re.I)


def _html_meta_date(html: str) -> str | None:
    """A publication date declared in the page's meta tags (not guessed)."""
    m = _META_DATE.search(html)
    return m.group(1)[:10] if m else None
