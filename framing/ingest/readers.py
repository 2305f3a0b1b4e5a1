"""Finding input files, decoding them, and turning each into numbered lines.

Every format ends as :class:`Page` objects: numbered text lines plus the
metadata the file itself carries. Text dumps are read line by line; HTML is
reduced to its visible text blocks (numbered by their source line) and carries
trafilatura's main text and metadata; JSONL and CSV give one page per record.
Problems (empty, binary, unsupported, undecodable, duplicate ids) become
:class:`Problem` rows and never stop the rest of the corpus.

:func:`read_file` picks the route by format; the routes are in
:mod:`~framing.ingest.files` (discovery, encodings, text lines),
:mod:`~framing.ingest.records` (JSONL, JSON, CSV/TSV, Parquet) and
:mod:`~framing.ingest.htmlpages` (HTML and trafilatura), and every name of theirs
below is importable from here too.
"""

from __future__ import annotations

import gzip
import zlib

from .files import (HTML_SUFFIXES, RECORD_SUFFIXES, SIDECAR_NAMES, SUPPORTED, TEXT_SUFFIXES, InputFile, Page,
                    Problem, decode, decode_html, discover, record_suffix, split_lines)
from .htmlpages import (MIN_STORY_WORDS, TRAFILATURA_OPTIONS, HtmlStory, html_blocks, html_story_heads,
                        html_text_spans, read_html, story_meta)
from .records import (CSV_SEPARATORS, ID_COLUMNS, META_ALIASES, RECORD_FIELDS, TEXT_COLUMNS, check_columns,
                      pick_field, read_csv_records, read_json_records, read_jsonl_records, read_parquet_records,
                      sniff_separator)

__all__ = ["pick_field", "TEXT_SUFFIXES", "HTML_SUFFIXES", "RECORD_SUFFIXES", "SUPPORTED", "SIDECAR_NAMES", "CSV_SEPARATORS",
           "TEXT_COLUMNS", "ID_COLUMNS", "META_ALIASES", "RECORD_FIELDS", "record_suffix", "Problem", "Page",
           "InputFile", "discover", "decode", "decode_html", "split_lines", "read_file", "read_bytes", "check_columns",
           "read_jsonl_records", "read_json_records", "sniff_separator", "read_csv_records",
           "read_parquet_records", "html_blocks", "TRAFILATURA_OPTIONS", "read_html", "html_text_spans",
           "MIN_STORY_WORDS", "story_meta", "HtmlStory", "html_story_heads"]


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
    return read_bytes(data, inp, text_column=text_column, columns=columns, sep=sep)


def read_bytes(data: bytes, inp: InputFile, *, suffix: str | None = None, first_line: int = 1,
               first_byte: int = 0, text_column: str | None = None, columns: dict | None = None,
               sep: str | None = None) -> tuple[list[Page], list[Problem]]:
    """Pages of the bytes of a file, or of a slice of one, with problems (:func:`read_file` reads a
    file's bytes with it).

    Parameters
    ----------
    data : bytes
        The file's bytes (gzip-compressed where ``suffix`` ends in ``.gz``).
    inp : InputFile
        The file they come from: its ``source_file`` names the pages and problems.
    suffix : str, optional
        The format, as :func:`~framing.ingest.files.record_suffix` gives it (``".jsonl"``); default:
        that of ``inp.path``. ``framing.scale`` reads Parquet rows turned into JSON lines as ``".jsonl"``.
    first_line, first_byte : int, default 1 and 0
        The line number and byte offset in its file of the start of ``data``: a slice of a text or
        JSON Lines file starting at line 5,001 is numbered as in the whole file.
    text_column, columns, sep
        As for :func:`framing.read_corpus` (record files).

    Examples
    --------
    >>> from pathlib import Path
    >>> pages, problems = read_bytes(b'{"id": "a", "text": "Hello."}\\n', InputFile(Path("f.jsonl"), "f.jsonl"),
    ...                              first_line=41)
    >>> pages[0].line_nos, pages[0].meta["record_id"], problems
    ([41], 'a', [])
    """
    name = inp.source_file
    suffix = suffix or record_suffix(inp.path)
    if first_line != 1 and suffix not in TEXT_SUFFIXES | {".jsonl", ".ndjson"}:
        raise ValueError(f"{name}: first_line={first_line}: only text and JSON Lines files are read in slices "
                         f"(not {suffix!r})")
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
    text, encoding, problems = (decode_html(data, name) if suffix in HTML_SUFFIXES
                                else decode(data, name, first_line=first_line, first_byte=first_byte))
    if text is None:
        return [], problems
    try:
        if suffix in TEXT_SUFFIXES:
            lines = split_lines(text)
            pages = [Page(name, inp.path, "txt", encoding, list(range(first_line, first_line + len(lines))), lines)]
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
            pages, more = read_jsonl_records(text, inp, encoding, **options, first_line=first_line)
            problems += more
    except Exception as exc:  # a parser bug or exotic input must not abort the corpus
        problems.append(Problem(name, "parse error", f"{name}: could not be parsed ({type(exc).__name__}: {exc})"))
        return [], problems
    if not any(line.strip() for page in pages for line in page.lines) and not problems:
        problems.append(Problem(name, "empty", f"{name}: no text found"))
    return pages, problems
