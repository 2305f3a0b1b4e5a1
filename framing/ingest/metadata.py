"""Metadata sidecars: ``sources.csv`` or YAML mapping files to page-level metadata.

A sidecar row names a file and any of ``publisher, source_type,
original_source, published, url``; its other columns (``party``, ``country`` ...)
become columns of the articles, and are listed in ``sidecar_notes`` too. Sidecar
values describe the whole page and win over what the text suggests; the
per-article values found in the text fill what a page-level row cannot know.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from .readers import Problem, decode

__all__ = ["SIDECAR_FIELDS", "load_sidecars"]

SIDECAR_FIELDS = ("publisher", "source_type", "original_source", "published", "url")


def _rows_from_file(path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(str(path), "unreadable sidecar", f"{path}: cannot be read: {exc}")]
    text, _, problems = decode(data, name)
    if text is None:
        return [], problems
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text.replace("\r\n", "\n")))
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "file" not in fields:
            return [], [Problem(str(path), "bad sidecar", f"{path}: sidecar has no 'file' column "
                                f"(columns: {', '.join(fields) or 'none'})")]
        rows = []
        for i, row in enumerate(reader, start=2):
            rows.append((i, {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}))
        return rows, problems
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        return [], [Problem(str(path), "bad sidecar", f"{path}{where}: invalid YAML: {exc}")]
    rows = []
    if isinstance(doc, dict) and "files" in doc:
        doc = doc["files"]
    if isinstance(doc, dict):
        for i, (file, values) in enumerate(doc.items(), start=1):
            values = dict(values or {})
            values["file"] = file
            rows.append((i, {str(k).lower(): "" if v is None else str(v) for k, v in values.items()}))
    elif isinstance(doc, list):
        for i, values in enumerate(doc, start=1):
            if isinstance(values, dict):
                rows.append((i, {str(k).lower(): "" if v is None else str(v) for k, v in values.items()}))
    else:
        problems.append(Problem(str(path), "bad sidecar", f"{path}: expected a mapping of file names or a list"))
    return rows, problems


def load_sidecars(paths: list[Path], source_files: list[str]) -> tuple[dict[str, dict], list[Problem]]:
    """Read sidecars and match their rows to the input files.

    Returns ``{source_file: {field: value}}`` (empty values dropped) and
    problems: unreadable sidecars, rows naming files that are not among the
    inputs, and files named twice.
    """
    by_name: dict[str, list[str]] = {}
    for sf in source_files:
        by_name.setdefault(sf, []).append(sf)
        by_name.setdefault(Path(sf).name, []).append(sf)
    table: dict[str, dict] = {}
    origin: dict[str, str] = {}
    problems: list[Problem] = []
    for path in paths:
        rows, more = _rows_from_file(Path(path))
        problems += more
        for row_no, row in rows:
            file = (row.get("file") or "").strip()
            where = f"{Path(path).name}, {'row' if Path(path).suffix.lower() == '.csv' else 'entry'} {row_no}"
            if not file:
                problems.append(Problem(str(path), "bad sidecar row", f"{where}: no file name", "warning", row_no))
                continue
            targets = list(dict.fromkeys(by_name.get(file) or by_name.get(Path(file).name) or []))
            if not targets:
                problems.append(Problem(str(path), "sidecar names missing file",
                                        f"{where}: names {file!r}, which is not among the input files",
                                        "warning", row_no))
                continue
            values = {k: v for k, v in row.items() if k in SIDECAR_FIELDS and v}
            notes = {k: v for k, v in row.items() if k not in SIDECAR_FIELDS and k != "file" and v}
            if notes:
                values["sidecar_notes"] = "; ".join(f"{k}: {v}" for k, v in notes.items())
                values["user_columns"] = notes  # each also a column of the articles (party, country ...)
            for target in targets:
                if target in table:
                    problems.append(Problem(str(path), "duplicate sidecar row",
                                            f"{where}: {file!r} is already described by {origin[target]}; "
                                            "the later row wins", "warning", row_no))
                table[target] = values
                origin[target] = where
    return table, problems
