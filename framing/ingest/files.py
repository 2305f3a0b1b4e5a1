"""Finding input files and decoding them: the first step of reading a corpus.

:func:`discover` expands folders and globs into :class:`InputFile` objects and sidecars;
:func:`decode` and :func:`decode_html` turn bytes into text (byte-order marks, UTF-8,
cp1252, latin-1; stray NUL bytes and binary files reported); :func:`split_lines` numbers
lines as an editor does. Every format ends as :class:`Page` objects, and what cannot be
read as a :class:`Problem` (see :mod:`framing.ingest.readers`).
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

__all__ = ["TEXT_SUFFIXES", "HTML_SUFFIXES", "RECORD_SUFFIXES", "SUPPORTED", "SIDECAR_NAMES", "record_suffix",
           "Problem", "Page", "InputFile", "discover", "decode", "decode_html", "split_lines"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet",
                   ".jsonl.gz", ".ndjson.gz", ".json.gz", ".csv.gz", ".tsv.gz"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
SIDECAR_NAMES = {"sources.csv", "sources.yaml", "sources.yml"}


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


def decode(data: bytes, source_file: str, *, first_line: int = 1,
           first_byte: int = 0) -> tuple[str | None, str, list[Problem]]:
    """Decode bytes: UTF-16 or UTF-32 with a byte-order mark, UTF-8 (with or without BOM),
    else cp1252, else latin-1. A few stray NUL bytes are dropped with a warning
    naming the first one's byte offset; many make the file binary.

    A file that is mostly UTF-8 but holds a few invalid bytes is decoded as
    UTF-8 with replacement characters and reported as a warning, since
    re-reading it as cp1252 would garble every correct multibyte character.

    ``first_line`` and ``first_byte`` are the line number and byte offset in its file of the start of
    ``data`` (a slice of a file), for the line and offset a problem names.

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
        line = data[:first].count(b"\n") + first_line
        problems.append(Problem(source_file, "NUL bytes", f"{source_file}: {nuls} NUL byte(s) removed (first at byte "
                                f"offset {first_byte + first}, line {line})", "warning", line_no=line))
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
        line = data[:first_bad].count(b"\n") + first_line
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
