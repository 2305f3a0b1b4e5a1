"""Finding input files, decoding them, and turning each into numbered lines.

Every format ends as :class:`Page` objects: numbered text lines plus the
metadata the file itself carries. Text dumps are read line by line; HTML is
reduced to its visible text blocks (numbered by their source line) and carries
trafilatura's main text and metadata; JSONL and CSV give one page per record.
Problems (empty, binary, unsupported, undecodable, duplicate ids) become
:class:`Problem` rows and never stop the rest of the corpus.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

__all__ = ["pick_field", "TEXT_SUFFIXES", "HTML_SUFFIXES", "RECORD_SUFFIXES", "SUPPORTED", "SIDECAR_NAMES", "CSV_SEPARATORS",
           "TEXT_COLUMNS", "ID_COLUMNS", "META_ALIASES", "RECORD_FIELDS", "record_suffix", "Problem", "Page",
           "InputFile", "discover", "decode", "decode_html", "split_lines", "read_file", "check_columns",
           "read_jsonl_records", "read_json_records", "sniff_separator", "read_csv_records",
           "read_parquet_records", "html_blocks", "TRAFILATURA_OPTIONS", "read_html", "html_text_spans",
           "MIN_STORY_WORDS", "story_meta", "HtmlStory", "html_story_heads"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet",
                   ".jsonl.gz", ".ndjson.gz", ".json.gz", ".csv.gz", ".tsv.gz"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
SIDECAR_NAMES = {"sources.csv", "sources.yaml", "sources.yml"}
CSV_SEPARATORS = (",", ";", "\t", "|")

TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "maintext", "article_text", "fulltext")
ID_COLUMNS = ("id", "doc_id", "article_id", "stories_id", "guid", "_id", "uuid")
META_ALIASES = {
    "title": ("title", "headline"),
    "publisher": ("publisher", "outlet", "media_name", "source", "sitename", "site_name", "source_name"),
    "source_type": ("source_type",),
    "original_source": ("original_source", "originator"),
    "published": ("published", "publish_date", "date", "published_at", "pubdate", "published_date",
                  "date_published", "publication_date", "pub_date", "created_at", "datetime"),
    "url": ("url", "link", "canonical_url"),
    "byline": ("byline", "author", "authors", "creator"),
    "domain": ("domain", "clean_url", "source_domain", "site"),
    "language": ("language", "lang"),
}
# the fields a user may name a column for (``columns={"published": "pub_time"}``)
RECORD_FIELDS = ("text", "id") + tuple(META_ALIASES)


def record_suffix(path: Path) -> str:
    """The format suffix of a file name, with ``.gz`` kept: ``"a.csv.gz"`` -> ``".csv.gz"``."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix + ".gz"
    return path.suffix.lower()


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
    main_mask: list[bool] | None = None  # HTML without trafilatura text: all False (the line model decides)
    tags: list[str] | None = None  # HTML: the tag of each block
    main_text: str | None = None  # HTML: trafilatura's main text (the page's article)


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
        try:
            st = p.stat()
        except OSError as exc:  # a symlink loop, a link into an unreadable folder
            problems.append(Problem(display, "unreadable", f"{display}: cannot be read ({_os_reason(exc)}); skipped"))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        if p.name.lower() in SIDECAR_NAMES:
            sidecars.append(p)
        elif _is_documentation(p):
            return
        elif p.name.startswith("."):
            problems.append(Problem(display, "hidden", f"{display}: hidden file (name starts with '.'), not read",
                                    "warning"))
        elif record_suffix(p) not in SUPPORTED:
            problems.append(
                Problem(display, "unsupported", f"{display}: unsupported file type {record_suffix(p) or '(none)'!r}, "
                        f"skipped; supported: {', '.join(sorted(SUPPORTED))}", "warning")
            )
        else:
            files.append(InputFile(p, display))

    for raw in paths:
        raw = str(raw)
        p = Path(raw)
        if p.is_dir():
            found, skipped = _folder_files(p)
            problems.extend(skipped)
            for parts, path in found:
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


def _folder_files(folder: Path) -> tuple[list[tuple[tuple[str, ...], str]], list[Problem]]:
    """Files under ``folder`` as (relative path parts, path), in the order of
    ``sorted(folder.rglob("*"))``, and a problem for each entry not followed.

    Written with :func:`os.scandir` because ``Path.rglob`` followed by ``is_file``,
    ``relative_to`` and ``resolve`` cost several system calls and Path objects per file
    (27 µs a file, 3% of ingesting a 10 KB page). Like ``rglob``, it does not descend
    into symlinked folders (so a loop of links cannot trap it) and keeps symlinked
    files. Hidden folders (``.git``), unreadable folders, broken links and links that
    loop are reported, never followed; a hidden file is passed on (and reported there).
    """
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[Problem] = []

    def walk(path: str, prefix: tuple[str, ...]) -> None:
        shown = "/".join(prefix) or str(folder)
        try:
            entries = list(os.scandir(path))
        except OSError as exc:
            problems.append(Problem(shown, "unreadable", f"{shown}: folder cannot be read ({_os_reason(exc)}); "
                                    "its files are not in the corpus"))
            return
        for entry in entries:
            parts = prefix + (entry.name,)
            rel = "/".join(parts)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith("."):
                        problems.append(Problem(rel, "hidden", f"{rel}: hidden folder (name starts with '.'), "
                                                "not read", "warning"))
                    else:
                        walk(entry.path, parts)
                elif entry.is_file():
                    found.append((parts, entry.path))
                elif entry.is_symlink() and not entry.is_dir():
                    # a link to a folder is skipped as rglob skips it; a dangling one is said
                    problems.append(Problem(rel, "broken link", f"{rel}: symbolic link to "
                                            f"{os.readlink(entry.path)!r}, which does not exist; skipped", "warning"))
            except OSError as exc:  # a link that loops (ELOOP), an entry that vanished
                problems.append(Problem(rel, "unreadable", f"{rel}: cannot be read ({_os_reason(exc)}); skipped"))

    walk(str(folder), ())
    found.sort(key=lambda item: item[0])
    return found, problems


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


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


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode(data: bytes, source_file: str) -> tuple[str | None, str, list[Problem]]:
    """Decode bytes: UTF-16 or UTF-32 with a byte-order mark, UTF-8 (with or without BOM),
    else cp1252, else latin-1. A few stray NUL bytes are dropped with a warning
    naming the first one's byte offset; many make the file binary.

    A file that is mostly UTF-8 but holds a few invalid bytes is decoded as
    UTF-8 with replacement characters and reported as a warning, since
    re-reading it as cp1252 would garble every correct multibyte character.

    Returns ``(text, encoding, problems)``; ``text`` is None for binary data.
    """
    for bom, codec in _BOMS:  # UTF-32 before UTF-16: the UTF-32-LE mark begins with UTF-16-LE's
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            bad = text.count("\ufffd")
            return text, codec, ([Problem(source_file, "undecodable bytes", f"{source_file}: {bad} character(s) "
                                          f"are not valid {codec.upper()}; replaced with U+FFFD", "warning")]
                                 if bad else [])
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            data = data[3:]
    problems: list[Problem] = []
    nuls = data.count(0)
    if nuls and nuls <= max(1, len(data) // 100) and not _looks_binary(data.replace(b"\x00", b"")):
        # a few stray NUL bytes in a text file (a bad export, a truncated write): drop them, say where
        first = data.index(0)
        line = data[:first].count(b"\n") + 1
        problems.append(Problem(source_file, "NUL bytes", f"{source_file}: {nuls} NUL byte(s) removed (first at byte "
                                f"offset {first}, line {line})", "warning", line_no=line))
        data = data.replace(b"\x00", b"")
    elif _looks_binary(data):
        return None, "binary", [Problem(source_file, "binary", f"{source_file}: looks like a binary file "
                                        f"({'NUL' if nuls else 'control'} bytes"
                                        f"{f', first NUL at byte offset {data.index(0)}' if nuls else ''}); "
                                        "not read (UTF-16 or UTF-32 text needs a byte-order mark)")]
    try:
        return data.decode("utf-8"), "utf-8", problems
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        line = data[:first_bad].count(b"\n") + 1
        return text, "utf-8", problems + [Problem(source_file, "undecodable bytes",
                                       f"{source_file}: {bad} byte(s) are not valid UTF-8 (first at line {line}); "
                                       "replaced with U+FFFD", severity="warning", line_no=line)]
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252"), "cp1252", problems
    return data.decode("latin-1"), "latin-1", problems


def decode_html(data: bytes, source_file: str) -> tuple[str | None, str, list[Problem]]:
    """Decode an HTML page as trafilatura decodes it: a byte-order mark or valid UTF-8 first, else
    the encoding its detector names (the page's declared charset among the evidence), else
    :func:`decode`. Reading the bytes as trafilatura does keeps the page's blocks equal to the text
    trafilatura extracts from them; a page that mixes encodings otherwise becomes U+FFFD here and
    accented letters there.

    Examples
    --------
    >>> page = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'
    >>> decode_html(page.encode("windows-1251"), "a.html")[:2]
    ('<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>', 'cp1251')
    """
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.startswith(b"\xef\xbb\xbf"):
        return decode(data, source_file)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    from trafilatura.utils import detect_encoding

    for guess in detect_encoding(data):
        try:
            text = data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            continue
        if "\x00" not in text:
            return text, guess, []
    return decode(data, source_file)


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF all end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_file(inp: InputFile, *, text_column: str | None = None, columns: dict | None = None,
              sep: str | None = None) -> tuple[list[Page], list[Problem]]:
    """Read one input file into pages (several for records: CSV, TSV, JSON, JSONL, Parquet),
    with problems. ``text_column``, ``columns`` and ``sep`` apply to record files
    (see :func:`framing.read_corpus`)."""
    name = inp.source_file
    try:
        data = inp.path.read_bytes()
    except OSError as exc:
        return [], [Problem(name, "unreadable", f"{name}: cannot be read: {exc.strerror or exc}")]
    suffix = record_suffix(inp.path)
    if suffix.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            return [], [Problem(name, "unreadable", f"{name}: not a valid gzip file ({exc}); not read")]
        suffix = suffix[:-3]
    if not data or data.isspace():  # data.strip() would copy the file
        return [], [Problem(name, "empty", f"{name}: file is empty")]
    options = {"text_column": text_column, "columns": columns}
    if suffix == ".parquet":
        try:
            pages, problems = read_parquet_records(data, inp, **options)
        except Exception as exc:  # pyarrow's errors for a damaged file are many
            return [], [Problem(name, "parse error", f"{name}: not a readable Parquet file "
                                f"({type(exc).__name__}: {exc})")]
        return pages, problems
    text, encoding, problems = decode_html(data, name) if suffix in HTML_SUFFIXES else decode(data, name)
    if text is None:
        return [], problems
    try:
        if suffix in TEXT_SUFFIXES:
            lines = split_lines(text)
            pages = [Page(name, inp.path, "txt", encoding, list(range(1, len(lines) + 1)), lines)]
        elif suffix in HTML_SUFFIXES:
            pages = [read_html(text, inp, encoding)]
        elif suffix in (".csv", ".tsv"):
            pages, more = read_csv_records(text, inp, encoding, sep=sep or ("\t" if suffix == ".tsv" else None),
                                           **options)
            problems += more
        elif suffix == ".json":
            pages, more = read_json_records(text, inp, encoding, **options)
            problems += more
        else:
            pages, more = read_jsonl_records(text, inp, encoding, **options)
            problems += more
    except Exception as exc:  # a parser bug or exotic input must not abort the corpus
        problems.append(Problem(name, "parse error", f"{name}: could not be parsed ({type(exc).__name__}: {exc})"))
        return [], problems
    if not any(line.strip() for page in pages for line in page.lines) and not problems:
        problems.append(Problem(name, "empty", f"{name}: no text found"))
    return pages, problems


# ---------------------------------------------------------------- records

def pick_field(record: dict, names: Iterable[str]) -> str | None:
    """The first of ``names`` (any case) with a non-blank value in ``record``, as a stripped string (lists joined)."""
    lower = {str(k).lower(): k for k in record}
    for n in names:
        n = n.lower()
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


def _cell_text(value) -> str | None:
    """A record value as text: lists and objects as JSON, None, NaN and blank as None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value).strip()
    return text or None


def check_columns(columns: dict | None) -> dict:
    """``columns`` ({field: column name}) checked against :data:`RECORD_FIELDS`."""
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(RECORD_FIELDS))
    if unknown:
        raise ValueError(f"columns: unknown field(s) {', '.join(map(repr, unknown))}; the fields a column can "
                         f"be named for are {', '.join(RECORD_FIELDS)}")
    return columns


class _Layout:
    """Which column of a record file gives which field, decided once per file."""

    def __init__(self, text_column: str | None, columns: dict | None):
        columns = check_columns(columns)
        if text_column:
            columns["text"] = text_column
        self.text = (columns["text"],) if "text" in columns else TEXT_COLUMNS
        self.id = (columns["id"],) if "id" in columns else ID_COLUMNS
        self.meta = {k: (columns[k],) if k in columns else aliases for k, aliases in META_ALIASES.items()}
        self.named = "text" in columns
        # every column framing reads for a field of its own (all aliases, named or not); the rest are the
        # user's own columns (party, section, country ...), carried into the articles as they are
        self.known = {c.lower() for c in (*TEXT_COLUMNS, *ID_COLUMNS, *columns.values(),
                                          *(a for aliases in META_ALIASES.values() for a in aliases))}

    def user_columns(self, record: dict) -> dict[str, str]:
        """The record's own columns that are no field of framing's, as text (empty values left out)."""
        out = {}
        for key, value in record.items():
            if key is None or str(key).lower() in self.known:
                continue
            text = _cell_text(value)
            if text is not None:
                out[str(key)] = text
        return out

    def text_columns_in(self, header: Iterable[str]) -> list[str]:
        low = {str(h).lower() for h in header if h is not None}
        return [c for c in self.text if c.lower() in low]

    def missing_text_message(self, name: str, header: list[str]) -> str:
        found = ", ".join(repr(str(h)) for h in header if h is not None) or "none"
        if self.named:
            return (f"{name}: no column {self.text[0]!r} (the text column named); columns found: {found}")
        return (f"{name}: no text column: columns found: {found}; a text column is read under one of the names "
                f"{', '.join(TEXT_COLUMNS)}: name yours with text_column='...' (command line: --text-column NAME)")


def _record_page(record: dict, inp: InputFile, encoding: str, line_no: int, fmt: str,
                 layout: _Layout) -> tuple[Page | None, Problem | None]:
    name = inp.source_file
    text = pick_field(record, layout.text)
    if text is None:
        present = layout.text_columns_in(record)
        what = (f"its text column {present[0]!r} is empty" if present
                else f"it has no text column (looked for {', '.join(layout.text)})")
        return None, Problem(name, "no text", f"{name}, line {line_no}: record skipped: {what}",
                             severity="warning", line_no=line_no)
    meta = {k: pick_field(record, aliases) for k, aliases in layout.meta.items()}
    meta = {k: v for k, v in meta.items() if v}
    rid = pick_field(record, layout.id)
    if rid is not None:
        meta["record_id"] = rid
    user = layout.user_columns(record)
    if user:
        meta["user_columns"] = user
    lines = split_lines(text)
    return Page(name, inp.path, fmt, encoding, [line_no] * len(lines), lines, meta, is_record=True), None


def _unparsed(inp: InputFile, fmt: str, encoding: str, line_no: int, raw: str) -> Page:
    """A record that could not be read, kept whole so that its line is in 'removed'."""
    return Page(inp.source_file, inp.path, fmt, encoding, [line_no], [raw], {"unparsed": True}, is_record=True)


def _records_to_pages(records, inp: InputFile, encoding: str, fmt: str, layout: _Layout):
    """Pages of ``(line_no, record, raw)`` triples; ``record`` None: unparsed, with its problem."""
    pages, problems = [], []
    for line_no, record, raw, problem in records:
        if record is not None:
            page, problem = _record_page(record, inp, encoding, line_no, fmt, layout)
            if page is not None:
                pages.append(page)
                continue
        if problem is not None:  # None: the file's one problem says why
            problems.append(problem)
        pages.append(_unparsed(inp, fmt, encoding, line_no, raw))
    return pages, problems


def read_jsonl_records(text: str, inp: InputFile, encoding: str, text_column: str | None = None,
                       columns: dict | None = None):
    """One page per JSON object line; a line that is not an object is a problem, kept in 'removed'."""
    name = inp.source_file

    def records():
        for i, raw in enumerate(split_lines(text), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield i, None, raw, Problem(name, "bad record", f"{name}, line {i}: not valid JSON ({exc.msg}); "
                                            "record skipped", severity="warning", line_no=i)
                continue
            if not isinstance(record, dict):
                yield i, None, raw, Problem(name, "bad record", f"{name}, line {i}: a JSON {_json_type(record)}, "
                                            "not an object; record skipped", severity="warning", line_no=i)
                continue
            yield i, record, raw, None

    return _records_to_pages(records(), inp, encoding, "jsonl", _Layout(text_column, columns))


def read_json_records(text: str, inp: InputFile, encoding: str, text_column: str | None = None,
                      columns: dict | None = None):
    """A JSON file: an array of objects (record k numbered k, from 1), or one object."""
    name = inp.source_file
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = split_lines(text)
        return ([Page(name, inp.path, "json", encoding, list(range(1, len(lines) + 1)), lines, {"unparsed": True},
                      is_record=True)],
                [Problem(name, "parse error", f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}); "
                         "not read", line_no=exc.lineno)])
    items = data if isinstance(data, list) else [data]

    def records():
        for k, record in enumerate(items, start=1):
            if isinstance(record, dict):
                yield k, record, "", None
            else:
                yield k, None, json.dumps(record, ensure_ascii=False)[:1000], Problem(
                    name, "bad record", f"{name}, record {k}: a JSON {_json_type(record)}, not an object; "
                    "record skipped", severity="warning", line_no=k)

    return _records_to_pages(records(), inp, encoding, "json", _Layout(text_column, columns))


def _json_type(value) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__)


def sniff_separator(text: str) -> str:
    """The field separator of a delimited file, from its header row: the one of
    :data:`CSV_SEPARATORS` that occurs most often there (``,`` on a tie).

    The header rather than :class:`csv.Sniffer` on a sample: news exports hold
    long quoted texts with newlines, on which the sniffer guesses wrong; a header
    is one short regular row.

    Examples
    --------
    >>> sniff_separator("title;summary;link\\nA;B;C\\n")
    ';'
    """
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {c: header.count(c) for c in CSV_SEPARATORS}
    best = max(CSV_SEPARATORS, key=lambda c: (counts[c], c == ","))
    return best if counts[best] else ","


def read_csv_records(text: str, inp: InputFile, encoding: str, text_column: str | None = None,
                     columns: dict | None = None, sep: str | None = None):
    """One page per row of a delimited file (separator sniffed when not given; no field size limit).

    A file without a text column gives one problem naming the columns found and
    how to name the text column; every row is still kept, in 'removed'. A row with
    more fields than the header (an unquoted separator inside a field) is a
    problem, not a silently shifted record.
    """
    name = inp.source_file
    layout = _Layout(text_column, columns)
    sep = sep or sniff_separator(text)
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # csv's default, 131,072 characters, is less than a long article
    try:
        reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=sep)
        # with the line each row starts on (spreadsheet numbering: the header is row 1; a quoted
        # field with newlines spans several lines)
        rows, line_nos, line = [], [], 1
        for row in reader:
            rows.append(row)
            line_nos.append(line)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)
    pages: list[Page] = []
    problems: list[Problem] = []
    if not rows:
        return pages, problems
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    has_text = bool(layout.text_columns_in(header))
    if not has_text:
        problems.append(Problem(name, "no text column", layout.missing_text_message(name, header)
                                + f" (separator {_sep_name(sep)})", line_no=1))

    def records():
        for row, line_no in zip(rows[1:], line_nos[1:]):
            if not row:  # a blank line
                continue
            raw = sep.join(row)
            if not has_text:
                yield line_no, None, raw, None
            elif len(row) > len(header):
                yield line_no, None, raw, Problem(
                    name, "bad record", f"{name}, line {line_no}: {len(row)} fields, the header has {len(header)} "
                    f"(an unquoted {_sep_name(sep)} inside a field?); record kept in 'removed': quote the field, "
                    "or give the separator (sep=, --sep)", severity="warning", line_no=line_no)
            else:
                yield line_no, dict(zip(header, row)), raw, None

    pages, more = _records_to_pages(records(), inp, encoding, "csv", layout)
    for page in pages:
        page.meta["csv_separator"] = sep
    return pages, problems + more


def _sep_name(sep: str) -> str:
    return {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}.get(sep, repr(sep))


def read_parquet_records(data: bytes, inp: InputFile, text_column: str | None = None, columns: dict | None = None):
    """One page per row of a Parquet file (row k numbered k, from 1), read with pyarrow."""
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(data))
    rows = table.to_pylist()

    def records():
        for k, row in enumerate(rows, start=1):
            yield k, {str(c): v for c, v in row.items()}, "", None

    layout = _Layout(text_column, columns)
    problems = []
    if not layout.text_columns_in(table.column_names):
        problems.append(Problem(inp.source_file, "no text column",
                                layout.missing_text_message(inp.source_file, table.column_names), line_no=1))
        return [_unparsed(inp, "parquet", "parquet", k, "") for k in range(1, len(rows) + 1)], problems
    pages, more = _records_to_pages(records(), inp, "parquet", "parquet", layout)
    return pages, problems + more


# ---------------------------------------------------------------- HTML

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "blockquote", "pre",
    "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "table", "tr", "figure",
    "dd", "dt", "dl", "form", "address", "caption", "body", "title", "label", "button", "option",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def html_blocks(html: str, noscript: bool = False) -> list[tuple[int, str, str]]:
    """Visible text blocks of an HTML page as ``(source_line, tag, text)``.

    A block is the text an element shows outside its own block-level children,
    so nested layouts yield each visible string once. Inline elements are joined
    as a browser joins them (``Trade <b>grew</b>,`` reads ``Trade grew,``);
    whitespace is collapsed and the text normalised to NFC, as trafilatura's
    output is. ``noscript=True`` reads ``<noscript>`` content too (what a
    browser without scripts shows).

    Examples
    --------
    >>> html_blocks("<body><nav>Home</nav><p>Trade <b>grew</b>, officials said.</p></body>")
    [(1, 'nav', 'Home'), (1, 'p', 'Trade grew, officials said.')]
    """
    import lxml.html

    root = lxml.html.document_fromstring(html)
    blocks: list[tuple[int, str, str]] = []
    invisible = _INVISIBLE - {"noscript"} if noscript else _INVISIBLE

    def add(el, tag: str, parts: list[str]) -> None:
        own = _norm("".join(parts))
        if own:
            blocks.append((el.sourceline or 0, tag, unicodedata.normalize("NFC", own)))

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in invisible:
            return
        parts: list[str] = [el.text or ""]
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in _BLOCK_TAGS or ctag in invisible or ctag == "noscript":
                add(el, tag, parts)
                parts = []
                walk(child)
            elif ctag == "br":
                parts.append("\n")
            elif ctag:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        add(el, tag, parts)

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


# trafilatura's own options, chosen on the 983 public pages of ../shared/validation/extraction
# (BENCHMARKS.md, "HTML pages: trafilatura's article"): comments left out and tables kept score
# F1 0.926 there; favor_precision 0.922, favor_recall 0.920, tables left out 0.922, comments kept 0.922
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "include_images": False,
                       "favor_precision": False, "favor_recall": False}
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])", re.I)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_html(text: str, inp: InputFile, encoding: str) -> Page:
    """An HTML page: its visible blocks, trafilatura's main text and metadata.

    ``trafilatura.bare_extraction`` (options :data:`TRAFILATURA_OPTIONS`) gives
    the main text, which becomes the page's article (``Page.main_text``), and the
    metadata: title, author (``byline``), site name (``publisher``), canonical URL
    (``url``), date (``published``, ISO ``YYYY-MM-DD``, found by htmldate) and
    language (trafilatura's, else the page's ``<html lang>``). The blocks
    (:func:`html_blocks`) are the page's lines, so that every visible string is
    accounted for in the article or in ``removed``. Where trafilatura finds no
    main text, ``main_mask`` is all False and the line model reads the blocks.

    Examples
    --------
    >>> html = ("<html lang='en'><head><title>Talks end in Astana</title>"
    ...         "<meta name='date' content='2025-06-22'></head><body><nav>Home</nav><article>"
    ...         "<h1>Talks end in Astana</h1><p>ASTANA, June 22 (Xinhua) -- The talks ended on Sunday "
    ...         "with a joint statement on trade, transport and energy links between the six "
    ...         "countries, officials said.</p></article></body></html>")
    >>> page = read_html(html, InputFile(Path("talks.html"), "talks.html"), "utf-8")
    >>> page.meta["title"], page.meta["published"], page.meta["language"]
    ('Talks end in Astana', '2025-06-22', 'en')
    >>> page.lines[0], page.main_text.splitlines()[-1][:24]
    ('Home', 'ASTANA, June 22 (Xinhua)')
    """
    import trafilatura
    from trafilatura.utils import normalize_unicode

    doc = trafilatura.bare_extraction(text, with_metadata=True, **TRAFILATURA_OPTIONS)
    found = (doc.as_dict() if hasattr(doc, "as_dict") else doc) or {}
    # trafilatura.extract() normalises its output to NFC; bare_extraction's text is not yet
    main = normalize_unicode(found.get("text") or "").strip()
    lines, line_nos, tags = [], [], []
    # a page whose whole body sits in <noscript> (scripts build it) is read as a browser without scripts shows it
    for line_no, tag, block in html_blocks(text) or (html_blocks(text, noscript=True) if main else []):
        if tag == "title":  # an SVG's <title> in the body: not shown
            continue
        lines.append(block)
        line_nos.append(line_no)
        tags.append(tag)
    meta = {}
    for src, dst in (("title", "title"), ("author", "byline"), ("sitename", "publisher"), ("url", "url")):
        value = _norm(str(found.get(src) or ""))
        if value:
            meta[dst] = value
    date = _ISO_DAY.match(str(found.get("date") or ""))
    if date:
        meta["published"] = date.group(0)
    lang = found.get("language") or (m.group(1).lower() if (m := _HTML_LANG.search(text[:5000])) else None)
    if lang:
        meta["language"] = lang
    return Page(inp.source_file, inp.path, "html", encoding, line_nos, lines, meta,
                main_mask=None if main else [False] * len(lines), tags=tags, main_text=main or None)


def html_text_spans(lines: list[str], text: str) -> list[list[tuple[int, int, bool]]]:
    """Which parts of each block of a page an extractor's output ``text`` holds.

    A block is in the text when :func:`framing.ingest.linemodel.lines_in_text`
    says so (its text, or most of its four-word shingles: extractors re-join,
    re-space and trim what they keep). Of such a block, the whole block when the
    text holds it verbatim, else the runs of at least two words that
    :class:`difflib.SequenceMatcher` aligns with the text, widened character by
    character, are ``True`` spans; everything else is a ``False`` span. The
    spans of a block are in order and cover each of its non-blank characters
    once; a ``True`` span, whitespace collapsed, is a substring of the text.

    Examples
    --------
    >>> html_text_spans(["Home", '"Trade grew," she said in Astana on Friday.'],
    ...                 "Trade grew, she said in Astana on Friday.")
    [[(0, 4, False)], [(0, 1, False), (1, 12, True), (12, 13, False), (13, 43, True)]]
    """
    from difflib import SequenceMatcher

    from .linemodel import lines_in_text

    flat = _norm(text)
    inside = lines_in_text(lines, text) if flat else [0] * len(lines)
    matcher, word_starts = None, []
    out = []
    for line, hit in zip(lines, inside):
        if not hit or not line.strip():
            out.append([(0, len(line), False)] if line.strip() else [])
            continue
        if _norm(line) in flat:
            out.append([(0, len(line), True)])
            continue
        if matcher is None:  # built once per page, and only for a page that needs it
            words = flat.split(" ")
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(words)
            pos = 0
            for w in words:
                word_starts.append(pos)
                pos += len(w) + 1
        out.append(_aligned_spans(line, flat, matcher, word_starts))
    return out


_MIN_CHAR_RUN = 5  # characters a match between two aligned word runs needs (not a stray "e " or ", ")


def _aligned_spans(line: str, flat: str, matcher, word_starts: list[int]) -> list[tuple[int, int, bool]]:
    from difflib import SequenceMatcher

    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    matcher.set_seq1([line[s:e] for s, e in tokens])
    runs = [(tokens[i][0], tokens[i + n - 1][1], word_starts[j], word_starts[j + n - 1] + len(matcher.b[j + n - 1]))
            for i, j, n in matcher.get_matching_blocks() if n >= 2]
    kept = []  # (start, end) in the line, (start, end) in the text
    for k, (s, e, ts, te) in enumerate(runs):
        # extractors trim quote marks and re-join words, so a run often goes on inside the next word
        lo, tlo = (kept[-1][0][1], kept[-1][1][1]) if kept else (0, 0)
        hi = runs[k + 1][0] if k + 1 < len(runs) else len(line)
        while s > lo and ts > tlo and line[s - 1] == flat[ts - 1]:
            s, ts = s - 1, ts - 1
        while e < hi and te < len(flat) and line[e] == flat[te]:
            e, te = e + 1, te + 1
        kept.append(((s, e), (ts, te)))
    if not kept:
        return [(0, len(line), False)]
    # what lies between two runs is matched character by character against what lies between
    # them in the text ('"Trade grew,"' against 'Trade grew,'), near the runs at the ends
    spans, pos, tpos = [], 0, max(0, kept[0][1][0] - 2 * kept[0][0][0] - 20)
    for (s, e), (ts, te) in kept + [((len(line), len(line)), (None, None))]:
        if ts is None:
            ts = min(len(flat), tpos + 2 * (len(line) - pos) + 20)
        if line[pos:s].strip():
            base = pos
            for a, _, n in SequenceMatcher(None, line[base:s], flat[tpos:ts], autojunk=False).get_matching_blocks():
                if n >= _MIN_CHAR_RUN and line[base + a:base + a + n].strip():
                    if line[pos:base + a].strip():
                        spans.append((pos, base + a, False))
                    spans.append((base + a, base + a + n, True))
                    pos = base + a + n
            if line[pos:s].strip():
                spans.append((pos, s, False))
        if e > s:
            spans.append((s, e, True))
        pos, tpos = e, te
    return spans


_CLOCK = re.compile(r"^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$", re.I)
_STORY_HEAD_TAGS = frozenset(("h1", "h2", "h3", "h4"))
MIN_STORY_WORDS = 20  # main-text words under a headline for it to open a story of a multi-story page
_PARAGRAPH_WORDS = 8  # a block of the main text this long is a paragraph, not a label


def story_meta(line: str) -> str | None:
    """``"byline"`` or ``"timestamp"`` for a line that signs or dates a story, else None.

    Examples
    --------
    >>> story_meta("By Aigerim Seitkali"), story_meta("14:05 BST"), story_meta("Trade grew.")
    ('byline', 'timestamp', None)
    """
    from .lines import classify_line

    role = classify_line(line).role
    if role in ("byline", "timestamp"):
        return role
    return "timestamp" if _CLOCK.match(line.strip()) else None


class HtmlStory(NamedTuple):
    """One story of a multi-story HTML page: its first block, its headline block, its time stamp
    and byline blocks."""

    start: int
    head: int
    meta: tuple[int, ...]


def html_story_heads(lines: list[str], tags: list[str], in_text: list[bool]) -> list[HtmlStory]:
    """The stories of a multi-story HTML page (a live blog, a listing); [] for a page of one story.

    A story opens at a headline block (``h1``-``h4``) over at least
    :data:`MIN_STORY_WORDS` words of main text (``in_text``: what trafilatura
    kept) before the next headline, when the headline is signed or dated and in
    the main text itself (a time stamp or byline block right above it, where
    live blogs print the time, or below it before its first paragraph), or when
    its text opens with a wire dateline (``TASHKENT, June 20 (Xinhua) --``;
    trafilatura often drops the headlines of a listing but keeps the stories). A
    page is split only when it holds two or more such stories: the subheads of
    one article have neither, and a forum thread's or a comment section's
    author names are not in trafilatura's main text.

    Examples
    --------
    >>> body = ("The talks ended on Sunday with a joint statement on trade, transport and energy links "
    ...         "between the six countries, officials said.")
    >>> lines = ["Live: summit day two", "10:05", "Leaders arrive", body, "12:30", "Statement signed", body]
    >>> html_story_heads(lines, ["h1", "p", "h2", "p", "p", "h2", "p"], [True] * 7)
    [HtmlStory(start=1, head=2, meta=(1,)), HtmlStory(start=4, head=5, meta=(4,))]
    >>> html_story_heads(lines[:4], ["h1", "p", "h2", "p"], [True] * 4)
    []
    """
    from .lines import DATELINE_RE

    def paragraph(j: int) -> bool:
        return in_text[j] and len(lines[j].split()) >= _PARAGRAPH_WORDS

    heads = [i for i, t in enumerate(tags) if t in _STORY_HEAD_TAGS]
    bounds = heads + [len(lines)]
    stories = []
    for k, h in enumerate(heads):
        end = bounds[k + 1]
        above, below = [], []
        for j in range(h - 1, max(h - 3, bounds[k - 1] if k else -1), -1):
            if story_meta(lines[j]):
                above.insert(0, j)
            elif paragraph(j):
                break
        for j in range(h + 1, min(h + 4, end)):
            if story_meta(lines[j]):
                below.append(j)
            elif paragraph(j):
                break
        body = [j for j in range(h + 1, end) if in_text[j] and j not in below]
        dateline = bool(body) and DATELINE_RE.match(lines[body[0]]) is not None
        signed = in_text[h] and bool(above or below)
        if (signed or dateline) and sum(len(lines[j].split()) for j in body) >= MIN_STORY_WORDS:
            stories.append(HtmlStory(above[0] if above else h, h, tuple(above + below)))
    return stories if len(stories) >= 2 else []
