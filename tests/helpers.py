"""Checks shared by several test modules."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from framing.ingest.readers import InputFile, read_file

FIELD_COLUMN = {"title": "title", "text": "text", "caption": "captions", "note": "notes", "byline": "byline",
                "comment": "text"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def assert_conservation(corpus, path: Path, source_file: str) -> None:
    """Every non-blank character of every input unit of ``path`` is in exactly one span
    of the line map, kept spans are in their article field, removed spans are in ``removed``."""
    pages, _ = read_file(InputFile(Path(path), source_file))
    lm = corpus.line_map
    lm = lm[lm["source_file"] == source_file]
    articles = corpus.articles.set_index("doc_id")
    removed = corpus.removed
    removed = removed[removed["source_file"] == source_file]
    removed_keys = set(zip(removed["line_no"].astype(int), removed["text"].map(norm)))
    for page_no, page in enumerate(pages):
        spans = lm[lm["page"] == page_no]
        by_unit = {u: g.sort_values("start") for u, g in spans.groupby("unit")}
        for unit, line in enumerate(page.lines):
            if not line.strip():
                continue
            assert unit in by_unit, f"{source_file} unit {unit} ({line[:60]!r}) is nowhere"
            covered = [False] * len(line)
            for row in by_unit[unit].itertuples():
                for k in range(row.start, row.end):
                    assert not covered[k], f"{source_file} unit {unit}: overlapping spans at {k}"
                    covered[k] = True
                piece = norm(line[row.start:row.end])
                if not piece:
                    continue
                if pd.isna(row.doc_id):
                    assert (int(row.line_no), piece) in removed_keys, \
                        f"{source_file} line {row.line_no}: removed span {piece[:60]!r} not in removed"
                else:
                    value = articles.loc[row.doc_id, FIELD_COLUMN[row.field]]
                    value = "" if pd.isna(value) else norm(str(value))
                    if row.field == "byline":
                        assert value and value in piece, f"byline {value!r} not from {piece!r}"
                    else:
                        assert piece in value, (f"{source_file} line {row.line_no}: {piece[:60]!r} "
                                                f"not in {row.doc_id}.{row.field}")
            missing = [k for k, ch in enumerate(line) if not ch.isspace() and not covered[k]]
            assert not missing, f"{source_file} unit {unit}: characters {missing[:5]} not accounted for"
