"""Record files (JSONL, JSON, CSV/TSV, Parquet): one :class:`~framing.ingest.files.Page` per record.

Which column gives which field is decided once per file (the names of
:data:`TEXT_COLUMNS`, :data:`ID_COLUMNS` and :data:`META_ALIASES`, or the ones the
user names); the user's other columns travel with the record. A record that cannot
be read is a :class:`~framing.ingest.files.Problem` and its line stays in 'removed'.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterable

from .files import InputFile, Page, Problem, split_lines

__all__ = ["CSV_SEPARATORS", "TEXT_COLUMNS", "ID_COLUMNS", "META_ALIASES", "RECORD_FIELDS", "pick_field",
           "check_columns", "read_jsonl_records", "read_json_records", "sniff_separator", "read_csv_records",
           "read_parquet_records"]

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
                       columns: dict | None = None, *, first_line: int = 1):
    """One page per JSON object line; a line that is not an object is a problem, kept in 'removed'.
    Lines are numbered from ``first_line`` (a slice of a file, numbered as in the file)."""
    name = inp.source_file

    def records():
        for i, raw in enumerate(split_lines(text), start=first_line):
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
