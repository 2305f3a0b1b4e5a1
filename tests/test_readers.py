"""Reading files: encodings, line ends, formats, sidecars, and bad input that must not abort a corpus."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing import CorpusError, read_corpus
from framing.ingest.readers import decode, split_lines

STORY = ("China and Kazakhstan opened a new rail terminal on Monday, officials said at the ceremony.\n\n"
         "The terminal will handle twenty trains a day and cut waiting times at the border by half.\n")


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_split_lines_numbers_like_an_editor():
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    assert split_lines("a\n\nb") == ["a", "", "b"]


@pytest.mark.parametrize("data, encoding", [
    ("Café “quoted” – dash\n".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "Café\n".encode("utf-8"), "utf-8-sig"),
    ("Café “quoted” – dash\n".encode("cp1252"), "cp1252"),
    (b"Caf\xe9 \x81 byte\n", "latin-1"),  # 0x81 is undefined in cp1252
])
def test_decode_detects_and_records_encoding(data, encoding):
    text, enc, problems = decode(data, "f.txt")
    assert enc == encoding
    assert problems == []
    assert text.startswith("Caf")


def test_mostly_utf8_file_with_bad_bytes_is_a_warning_not_a_loss():
    data = "Café is good.\n".encode("utf-8") + b"bad \xff byte\n"
    text, enc, problems = decode(data, "f.txt")
    assert enc == "utf-8" and "\ufffd" in text and "Café" in text
    assert problems[0].severity == "warning" and "line 2" in problems[0].message


def test_crlf_and_cp1252_page(tmp_path):
    write(tmp_path / "page.txt", STORY.replace("\n", "\r\n").replace("officials", "“officials”").encode("cp1252"))
    corpus = read_corpus(tmp_path)
    art = corpus.articles.iloc[0]
    assert art["encoding"] == "cp1252"
    assert "“officials”" in art["text"] and "\r" not in art["text"]


def test_bad_files_become_problems_and_the_rest_loads(tmp_path):
    write(tmp_path / "good.txt", STORY.encode())
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", b"\n  \n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02PNG\x00" * 50)
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    corpus = read_corpus([tmp_path, tmp_path / "missing_dir"])
    assert corpus.articles["source_file"].tolist() == ["good.txt"]
    probs = corpus.problems.set_index("source_file")
    assert probs.loc["empty.txt", "problem"] == "empty"
    assert probs.loc["blank.txt", "problem"] == "empty"
    assert probs.loc["binary.txt", "problem"] == "binary"
    assert "unsupported file type '.pdf'" in probs.loc["notes.pdf", "message"]
    assert any("no such file" in m for m in corpus.problems["message"])
    for msg in corpus.problems["message"]:
        assert msg.split(":")[0]  # every message names the file first


def test_strict_mode_raises_one_error_listing_all_problems(tmp_path):
    write(tmp_path / "good.txt", STORY.encode())
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "binary.txt", b"\x00" * 100)
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path, strict=True)
    assert "empty.txt" in str(info.value) and "binary.txt" in str(info.value)


def test_sidecar_rows_naming_missing_files_are_reported(tmp_path):
    write(tmp_path / "a.txt", STORY.encode())
    (tmp_path / "sources.csv").write_text("file,publisher,source_type\na.txt,The Star,newspaper\n"
                                          "ghost.txt,Nobody,newspaper\n")
    corpus = read_corpus(tmp_path)
    art = corpus.articles.iloc[0]
    assert art["publisher"] == "The Star" and art["source_type"] == "newspaper"
    msg = corpus.problems.loc[corpus.problems["problem"] == "sidecar names missing file", "message"].iloc[0]
    assert "ghost.txt" in msg and "row 3" in msg


def test_yaml_sidecar_and_sidecar_wins_over_text(tmp_path):
    write(tmp_path / "a.txt", ("Trade grows\n\nASTANA, June 22 (Xinhua) -- " + STORY).encode())
    meta = tmp_path / "meta.yaml"
    meta.write_text("a.txt:\n  publisher: Nabka News\n  original_source: People's Daily\n  published: 2025-06-23\n")
    art = read_corpus(tmp_path / "a.txt", metadata=meta).articles.iloc[0]
    assert art["publisher"] == "Nabka News"
    assert art["original_source"] == "People's Daily"
    assert art["provenance"].startswith("sidecar; text disagrees: dateline '(Xinhua)'")
    assert art["published"] == pd.Timestamp("2025-06-23")


def test_jsonl_records_with_metadata_bad_json_and_duplicate_ids(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "One", "text": STORY, "publisher": "Reuters", "date": "2025-01-02"}),
        "{not json",
        json.dumps({"id": "a1", "title": "Dup", "text": STORY}),
        json.dumps({"id": "a2", "headline": "Two", "body": STORY, "source_type": "newspaper"}),
        json.dumps({"id": "a3", "title": "No text"}),
    ]
    (tmp_path / "recs.jsonl").write_text("\n".join(lines) + "\n")
    corpus = read_corpus(tmp_path)
    a = corpus.articles
    assert a["doc_id"].tolist() == ["recs#1", "recs#2"]
    assert a["title"].tolist() == ["One", "Two"]
    assert a.loc[0, "publisher"] == "Reuters" and a.loc[0, "published"] == pd.Timestamp("2025-01-02")
    assert a.loc[0, "source_type"] == "news_agency"
    assert a["record_id"].tolist() == ["a1", "a2"]
    kinds = set(corpus.problems["problem"])
    assert {"bad record", "duplicate id", "no text"} <= kinds
    # nothing lost: the bad, duplicate and empty records are in `removed`
    removed = corpus.removed
    assert set(removed["line_no"].astype(int)) >= {2, 3, 5}


def test_csv_records(tmp_path):
    (tmp_path / "recs.csv").write_text('title,text,outlet\nOne,"' + STORY.replace('"', '""') + '",The Diplomat\n')
    a = read_corpus(tmp_path).articles
    assert len(a) == 1 and a.loc[0, "publisher"] == "The Diplomat" and a.loc[0, "line_start"] == 2


def test_duplicate_file_stems_get_distinct_doc_ids(tmp_path):
    (tmp_path / "x").mkdir()
    write(tmp_path / "a.txt", STORY.encode())
    write(tmp_path / "x" / "a.txt", STORY.encode())
    corpus = read_corpus(tmp_path)
    ids = corpus.articles["doc_id"].tolist()
    assert len(set(ids)) == 2 and "a.txt#1" in ids and "x/a.txt#1" in ids
    assert "duplicate id" in set(corpus.problems["problem"])


def test_globs_and_readme_files(tmp_path):
    write(tmp_path / "a.txt", STORY.encode())
    write(tmp_path / "b.txt", STORY.encode())
    (tmp_path / "README.md").write_text("# about this corpus")
    corpus = read_corpus(str(tmp_path / "a*.txt"))
    assert corpus.articles["source_file"].tolist() == ["a.txt"]
    assert read_corpus(tmp_path).problems.empty  # a README describing the folder is not a page


def test_discover_walks_folders_in_path_order_and_reports_hidden_and_skips_documentation(tmp_path):
    from framing.ingest.readers import discover

    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", "A.txt", "a.b/x.txt", ".hidden.txt", ".git/config.txt",
                "a/.cache/y.txt", "README.md", "notes.docx"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(STORY)
    files, sidecars, problems = discover([tmp_path])
    # the order of sorted Path objects (part by part), which earlier versions used
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.txt"))
                if not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]
    assert [f.source_file for f in files] == expected == ["A.txt", "a/b/c.txt", "a/z.txt", "a.b/x.txt", "b.txt"]
    assert sidecars == []
    # nothing skipped in silence: hidden files and folders are said (as warnings), not read
    assert sorted((p.source_file, p.problem, p.severity) for p in problems) == [
        (".git", "hidden", "warning"), (".hidden.txt", "hidden", "warning"), ("a/.cache", "hidden", "warning"),
        ("notes.docx", "unsupported", "warning")]


def test_a_file_reached_twice_is_read_once(tmp_path):
    from framing.ingest.readers import discover

    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "story.txt"
    page.write_text(STORY)
    (tmp_path / "pages" / "link.txt").symlink_to(page)
    files, _, _ = discover([tmp_path / "pages", page, str(tmp_path / "pages" / "*.txt")])
    assert [f.source_file for f in files] == ["link.txt"]  # the folder's first name for it wins
    assert len(read_corpus(tmp_path / "pages").articles) == 1


def test_html_blocks_join_inline_elements_as_a_browser_does():
    # regression (issue 19): inline children were joined with spaces ("Trade grew ,"), so a block
    # was rarely found verbatim in trafilatura's text
    from framing.ingest.readers import html_blocks

    html = "<body><p>Trade <b>grew</b>, offi<span>cials</span> said.<br>Next line</p><svg><text>x</text></svg></body>"
    assert [b for _, _, b in html_blocks(html)] == ["Trade grew, officials said. Next line"]


def test_html_page_carries_trafilaturas_text_and_metadata(tmp_path):
    from framing.ingest.readers import InputFile, read_file

    html = ("<html lang='de-AT'><head><title>Gespräche in Astana enden | Steppe Wire</title>"
            "<meta property='article:published_time' content='2025-06-22T23:30:00+05:00'>"
            "<meta name='author' content='Aigerim Seitkali'><meta property='og:site_name' content='Steppe Wire'>"
            "</head><body><nav><a href='/'>Start</a></nav><article><h1>Gespräche in Astana enden</h1><p>Die Gespräche "
            "endeten am Sonntag mit einer gemeinsamen Erklärung über Handel, Verkehr und Energie zwischen den sechs "
            "Ländern, sagten Beamte am Abend vor Journalisten in der Hauptstadt.</p></article></body></html>")
    path = write(tmp_path / "a.html", html.encode("utf-8"))
    (page,), problems = read_file(InputFile(path, "a.html"))
    assert not problems
    assert page.meta == {"title": "Gespräche in Astana enden", "byline": "Aigerim Seitkali",
                         "publisher": "Steppe Wire", "published": "2025-06-22", "language": "de"}
    assert "Die Gespräche endeten am Sonntag" in page.main_text
    assert page.lines == ["Start", "Gespräche in Astana enden", page.lines[-1]]
    assert page.main_mask is None  # the line model does not read a page that trafilatura read
