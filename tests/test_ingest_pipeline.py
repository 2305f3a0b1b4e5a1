"""The record-level entry point of ingestion: slices of a file read and cleaned apart give the file's tables.

``framing.scale`` cleans each slice of a JSON Lines file with
:func:`framing.ingest.readers.read_bytes` and :func:`framing.ingest.pipeline.clean_pages`;
here two slices of an eight-line file, given where their numbering starts and the ids seen
before, give exactly what :func:`framing.read_corpus` gives for the whole file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing import read_corpus
from framing.ingest.pipeline import clean_pages
from framing.ingest.readers import InputFile, read_bytes, read_file
from framing.ingest.repeats import line_counts, outlet_boilerplate

RECORDS = [
    {"id": "a1", "text": "The minister opened the new port on Monday.\n\nTrade grew by a tenth.\nFollow us on WeChat",
     "publisher": "Xinhua"},
    {"id": "a2", "text": "Rain fell across the north for a third day.\nFollow us on WeChat", "publisher": "Xinhua"},
    {"id": "a3", "text": "", "publisher": "Xinhua"},
    {"id": "a4", "text": "Farmers said the harvest would be late this year.", "publisher": "Xinhua"},
    {"id": "a1", "text": "A reused id: this record is kept in removed.", "publisher": "Xinhua"},
    {"id": "a5", "text": "The council approved a budget for new schools.", "publisher": "Xinhua"},
]
# lines 1-4 (CRLF ends): a1, a2, a blank line, a line that is no JSON; lines 5-8: a3 (no text), a4, a1 again, a5
LINES = [json.dumps(RECORDS[0]), json.dumps(RECORDS[1]), "", "{not json"] + [json.dumps(r) for r in RECORDS[2:]]
FIRST = "".join(line + "\r\n" for line in LINES[:4]).encode()
SECOND = "".join(line + "\n" for line in LINES[4:]).encode()


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_bytes(FIRST + SECOND)
    return path


def test_two_slices_cleaned_apart_give_the_tables_of_the_whole_file(feed):
    whole = read_corpus(feed)
    inp = InputFile(feed, "feed.jsonl")
    boilerplate = outlet_boilerplate(line_counts(read_file(inp)[0]))  # counted over the whole file, as read_corpus
    pages, problems = read_bytes(FIRST, inp)
    first = clean_pages(pages, problems=problems, boilerplate=boilerplate)
    pages, problems = read_bytes(SECOND, inp, first_line=5)
    # before line 5: 3 records (pages 0-2; the blank line is none), 2 articles, and id a1 at line 1
    second = clean_pages(pages, problems=problems, boilerplate=boilerplate, first_page_no=3, first_article_no=3,
                         seen_ids={("feed.jsonl", "a1"): 1})

    assert second.articles["doc_id"].tolist() == ["feed#3", "feed#4"]
    assert second.articles["line_start"].tolist() == [6, 8]
    assert second.line_map["page"].unique().tolist() == [3, 4, 5, 6]
    assert second.problems["message"].tolist() == [
        "feed.jsonl, line 5: record skipped: its text column 'text' is empty",
        "feed.jsonl, line 7: record id 'a1' already used at line 1; record kept in 'removed'"]
    for table in ("articles", "removed", "line_map", "problems"):
        joined = pd.concat([getattr(first, table), getattr(second, table)], ignore_index=True)
        pd.testing.assert_frame_equal(joined, getattr(whole, table), obj=table)
    assert whole.articles["doc_id"].tolist() == ["feed#1", "feed#2", "feed#3", "feed#4"]


def test_a_slice_is_read_with_the_files_line_numbers():
    inp = InputFile(Path("feed.jsonl"), "feed.jsonl")
    data = b'\n{"id": "x", "text": "Port\x00 news."}\n'
    pages, problems = read_bytes(data, inp, first_line=10, first_byte=500)
    assert [p.line_nos for p in pages] == [[11]] and pages[0].lines == ["Port news."]
    assert [(p.problem, p.line_no) for p in problems] == [("NUL bytes", 11)]
    assert problems[0].message == "feed.jsonl: 1 NUL byte(s) removed (first at byte offset 526, line 11)"  # 500 + 26
    pages, _ = read_bytes(b"one\ntwo\n", InputFile(Path("dump.txt"), "dump.txt"), first_line=3)
    assert pages[0].line_nos == [3, 4]
    with pytest.raises(ValueError, match="feed.csv: first_line=2"):
        read_bytes(b"text\nhello\n", InputFile(Path("feed.csv"), "feed.csv"), first_line=2)


def test_clean_pages_names_a_file_that_prefixes_leaves_out():
    from pathlib import Path

    from framing.ingest.pipeline import clean_pages
    from framing.ingest.readers import InputFile, read_bytes

    pages, _ = read_bytes(b'{"id": "a", "text": "First story."}\n', InputFile(Path("feed.jsonl"), "feed.jsonl"))
    with pytest.raises(ValueError, match="no doc_id prefix for 'feed.jsonl'"):
        clean_pages(pages, prefixes={"other.jsonl": "other"})
