"""Real exports and bad input: read as they are, every bad part a problem, never an abort.

Each case below failed at 6d7bbbf (issue 18's trial): it crashed, aborted the corpus, or lost data
without a word. ``tests/data/api_export.csv`` is written by us in the shape of a news-API export
(``;``-separated, text in ``summary``, URL in ``link``, no publisher column).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from framing import read_corpus
from framing.cli import main
from framing.published import published_text

DATA = Path(__file__).parent / "data"
STORY = ("The ministers met in Astana on Tuesday and agreed to expand rail links between the two countries, "
         "officials said after the talks.")


def problems_of(corpus, kind: str) -> pd.DataFrame:
    return corpus.problems[corpus.problems["problem"] == kind]


# ------------------------------------------------------------------ input as people have it

def test_a_semicolon_export_reads_with_its_text_column_and_a_sniffed_separator():
    corpus = read_corpus(DATA / "api_export.csv", text_column="summary")
    arts = corpus.articles
    assert len(arts) == 3 and corpus.problems.empty  # one article per row, the quoted newline inside one
    assert corpus.info["csv_separators"] == {"api_export.csv": ";"}
    assert published_text(arts["published"], arts["published_precision"]).tolist() == ["2025-06-02", "2025-06-03",
                                                                                   "2025-06-04"]
    assert "Freight volumes" in arts["text"].iloc[0]
    # publisher from the URL's domain: a listed outlet by its longest listed suffix, else the host
    assert arts["publisher"].tolist() == ["The Diplomat", "Xinhua", "unlisted-daily.kz"]
    assert arts["source_type"].iloc[0] == "analysis_magazine" and pd.isna(arts["source_type"].iloc[2])
    assert "publisher from URL domain thediplomat.com" in arts["provenance"].iloc[0]
    assert "not in the outlets lexicon" in arts["provenance"].iloc[2]


def test_an_export_without_a_known_text_column_gives_one_clear_error_and_keeps_every_row():
    corpus = read_corpus(DATA / "api_export.csv")
    assert corpus.articles.empty
    assert len(corpus.problems) == 1  # one problem for the file, not one per row
    message = corpus.problems["message"].iloc[0]
    for needle in ("'summary'", "'link'", "text, body, content", "--text-column", "';'"):
        assert needle in message
    assert len(corpus.removed) == 3  # every row is in 'removed', none lost


def test_the_command_line_takes_text_column_column_and_sep(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(DATA / "api_export.csv"), "--out", str(out), "--text-column", "summary",
                 "--column", "domain=clean_url", "--sep", "semicolon", "--quiet"]) == 0
    arts = pd.read_csv(out / "articles.csv")
    assert len(arts) == 3 and arts["publisher"].iloc[1] == "Xinhua"
    with pytest.raises(SystemExit):
        main(["ingest", str(DATA / "api_export.csv"), "--out", str(out), "--column", "colour=summary"])
    assert "unknown field 'colour'" in capsys.readouterr().err


def test_named_columns_are_checked():
    with pytest.raises(ValueError, match="unknown field"):
        read_corpus(DATA / "api_export.csv", columns={"colour": "summary"})


@pytest.mark.parametrize("name", ["a.tsv", "a.json", "a.parquet", "a.csv.gz", "a.jsonl.gz"])
def test_more_record_formats(tmp_path, name):
    rows = [{"text": STORY, "title": "Talks", "date_published": "2025-06-01"},
            {"text": STORY.replace("Tuesday", "Friday"), "title": "More talks", "date_published": "2025-06-02"}]
    path = tmp_path / name
    if name == "a.tsv":
        pd.DataFrame(rows).to_csv(path, sep="\t", index=False)
    elif name == "a.json":
        path.write_text(json.dumps(rows))
    elif name == "a.parquet":
        pd.DataFrame(rows).to_parquet(path)
    elif name == "a.csv.gz":
        path.write_bytes(gzip.compress(pd.DataFrame(rows).to_csv(index=False).encode()))
    else:
        path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    corpus = read_corpus(path)
    assert corpus.problems.empty, corpus.problems["message"].tolist()
    assert corpus.articles["published"].tolist() == [pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-02")]
    assert corpus.articles["title"].tolist() == ["Talks", "More talks"]


# ------------------------------------------------------------------ aborts that must not happen

def test_a_symlink_loop_and_a_dangling_link_beside_good_pages(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    corpus = read_corpus(tmp_path)
    assert corpus.articles["source_file"].tolist() == ["good.txt"]
    kinds = dict(zip(corpus.problems["source_file"], corpus.problems["problem"]))
    assert kinds["a.txt"] == kinds["b.txt"] == "unreadable"
    assert kinds["dangling.txt"] == "broken link"


def test_an_unreadable_subfolder_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(STORY)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = read_corpus(tmp_path)
    assert corpus.articles["source_file"].tolist() == ["good.txt"]
    row = problems_of(corpus, "unreadable").iloc[0]
    assert row["source_file"] == "locked" and "Permission denied" in row["message"]


# ------------------------------------------------------------------ silent loss that must not happen

def test_a_csv_field_over_csv_s_default_limit_is_read(tmp_path):
    long_text = " ".join([STORY] * 1200)  # ~150,000 characters, over csv.field_size_limit()'s 131,072
    pd.DataFrame([{"text": long_text}, {"text": STORY}]).to_csv(tmp_path / "big.csv", index=False)
    corpus = read_corpus(tmp_path / "big.csv")
    assert len(corpus.articles) == 2 and corpus.problems.empty
    assert corpus.articles["n_words"].iloc[0] > 20_000


def test_a_row_wider_than_the_header_is_a_problem_not_a_shifted_record(tmp_path):
    (tmp_path / "r.csv").write_text(f'text,publisher\n"{STORY}",Daily\nTrade grew, officials said,Daily\n')
    corpus = read_corpus(tmp_path / "r.csv")
    assert len(corpus.articles) == 1
    bad = problems_of(corpus, "bad record")
    assert bad["line_no"].tolist() == [3] and "3 fields, the header has 2" in bad["message"].iloc[0]
    assert corpus.removed["line_no"].tolist() == [3]


@pytest.mark.parametrize("line, kind", [('["not", "an", "object"]', "array"), ("42", "number"), ('"x"', "string")])
def test_a_jsonl_line_that_is_not_an_object_is_a_problem(tmp_path, line, kind):
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": STORY}) + "\n" + line + "\n")
    corpus = read_corpus(tmp_path / "r.jsonl")
    assert len(corpus.articles) == 1
    bad = problems_of(corpus, "bad record")
    assert bad["line_no"].tolist() == [2] and f"a JSON {kind}, not an object" in bad["message"].iloc[0]
    assert corpus.removed["line_no"].tolist() == [2]


def test_hidden_files_are_said_not_skipped_in_silence(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / ".draft.txt").write_text(STORY)
    corpus = read_corpus(tmp_path)
    assert problems_of(corpus, "hidden")["source_file"].tolist() == [".draft.txt"]


# ------------------------------------------------------------------ messages that say what happened

@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, codec):
    data = STORY.replace("Astana", "Astana (Астана)").encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "p.txt").write_bytes(data)
    corpus = read_corpus(tmp_path)
    assert corpus.problems.empty
    assert "Астана" in corpus.articles["text"].iloc[0]
    assert corpus.articles["encoding"].iloc[0].startswith(codec[:6])


def test_a_stray_nul_byte_is_dropped_and_located(tmp_path):
    data = (STORY + "\n").encode()
    (tmp_path / "p.txt").write_bytes(data[:40] + b"\x00" + data[40:])
    corpus = read_corpus(tmp_path)
    assert len(corpus.articles) == 1 and corpus.articles["text"].iloc[0] == STORY
    row = problems_of(corpus, "NUL bytes").iloc[0]
    assert "byte offset 40" in row["message"] and row["severity"] == "warning"


def test_an_empty_text_cell_is_not_called_a_missing_column(tmp_path):
    (tmp_path / "r.csv").write_text(f'text,title\n"{STORY}",A\n,B\n')
    corpus = read_corpus(tmp_path / "r.csv")
    msg = problems_of(corpus, "no text")["message"].iloc[0]
    assert "text column 'text' is empty" in msg and "line 3" in msg


def test_a_records_own_columns_become_article_columns(tmp_path):
    rows = [{"text": STORY, "party": "green", "Section": "World", "notes": "checked", "score": 3},
            {"text": STORY.replace("Tuesday", "Friday"), "party": "blue", "tags": ["a", "b"]}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY + "\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,publisher,country\nb.txt,Xinhua,CN\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    arts = corpus.articles.set_index("source_file")
    # as text, in order of first appearance; 'notes' is an article column, so the user's is user_notes
    assert list(corpus.articles.columns[-6:]) == ["party", "Section", "user_notes", "score", "tags", "country"]
    assert arts.loc["a.jsonl", "party"].tolist() == ["green", "blue"]
    assert arts.loc["a.jsonl", "score"].tolist()[0] == "3" and arts.loc["a.jsonl", "tags"].tolist()[1] == '["a", "b"]'
    assert arts.loc["b.txt", "country"] == "CN" and pd.isna(arts.loc["b.txt", "party"])
    # any of them groups a measure
    from framing.keyness import distinctive_terms
    from framing.slogans import slogan_rates

    assert set(slogan_rates(corpus, by="party")["group"]) == {"green", "blue", "unknown"}
    assert set(distinctive_terms(corpus, by="country", stop_words=None)["group"]) == {"CN", "unknown"}


def test_a_frames_own_columns_keep_their_dtypes():
    from framing import Corpus

    corpus = Corpus.from_frame([{"text": STORY, "party": "D", "year": 2012},
                                {"text": STORY, "party": "R", "year": 2016}])
    assert corpus.articles["party"].tolist() == ["D", "R"] and corpus.articles["year"].dtype == "int64"


def test_the_readme_lists_every_column_read():
    import re

    from framing.ingest.readers import ID_COLUMNS, META_ALIASES, TEXT_COLUMNS

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- record-columns")[1].split("<!-- /record-columns -->")[0]
    table = {}
    for row in block.splitlines():
        m = re.match(r"\| `(\w+)`[^|]* \| (.+) \|$", row)
        if m:
            table[m.group(1)] = [c.strip() for c in m.group(2).split(",")]
    expected = {"text": list(TEXT_COLUMNS), "id": list(ID_COLUMNS)} | {k: list(v) for k, v in META_ALIASES.items()}
    assert table == expected


# ------------------------------------------------------------------ one bad step never stops a run

QUOTE_CRASH = 'One of the provisions of the agreement says: "Both parties will comply with every clause."'


def _one_group_corpus():
    from framing import Corpus

    rows = [{"text": f"{STORY} Mutual respect and win-win cooperation were stressed on day {i}.",
             "publisher": "Xinhua", "source_type": "state_media", "title": f"Talks {i}"} for i in range(4)]
    rows.append({"text": QUOTE_CRASH, "publisher": "Xinhua", "source_type": "state_media", "title": "Provisions"})
    return Corpus.from_frame(rows)


def test_compare_leaves_out_a_step_that_cannot_run_and_says_so():
    from framing.comparison import compare

    result = compare(_one_group_corpus(), topics=False, n_boot=50)
    assert "distinctive_terms" not in result.tables  # one group: nothing to contrast
    assert any(w.startswith("Distinctive terms left out") and "two groups" in w for w in result.warnings)
    failed = result.tables["problems"]
    assert failed.loc[failed["problem"] == "step failed", "message"].str.contains("distinctive terms").all()
    for name in ("slogan_rates", "frames", "sentiment", "quotes", "reuse"):
        assert name in result.tables  # the other steps ran
    assert len(result.tables["quotes"]) >= 1  # the sentence that crashed voices at 6d7bbbf
    with pytest.raises(ValueError, match="two groups"):
        compare(_one_group_corpus(), topics=False, n_boot=50, strict=True)


def test_analyze_on_one_group_finishes_and_writes_its_report(tmp_path):
    rows = [{"text": f"{STORY} Day {i}.", "publisher": "Xinhua", "source_type": "state_media"} for i in range(3)]
    rows.append({"text": QUOTE_CRASH, "publisher": "Xinhua", "source_type": "state_media"})
    (tmp_path / "one.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "one.jsonl"), "--out", str(out), "--embedding", "tfidf", "--quiet"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Distinctive terms left out" in html
    assert (out / "quotes.csv").exists() and (out / "manifest.json").exists()


def test_duplicate_ids_in_a_frame_are_a_clear_error_not_a_pandas_one():
    from framing import Corpus

    rows = [{"id": "a", "text": STORY}, {"id": "b", "text": STORY}, {"id": "a", "text": STORY + " Again."}]
    with pytest.raises(ValueError, match=r"id column 'id': 1 value\(s\) used more than once, e.g. 'a' in rows 0, 2"):
        Corpus.from_frame(rows, doc_id="id")
    with pytest.raises(KeyError, match="no id column 'uid'"):
        Corpus.from_frame(rows, doc_id="uid")


def test_a_group_whose_only_article_has_no_words_is_left_out_of_the_contrast_not_the_run():
    from framing import Corpus
    from framing.comparison import compare

    corpus = Corpus.from_frame([{"text": STORY, "source_type": "state_media"},
                                {"text": STORY + " Talks resume.", "source_type": "state_media"},
                                {"text": "...", "source_type": "think_tank"}])
    result = compare(corpus, topics=False, n_boot=20)
    assert any("think_tank" in w and "no words" in w for w in result.warnings)
    assert {"slogan_rates", "frames", "sentiment"} <= set(result.tables)


def test_analyze_of_two_tiny_records_without_slogans_writes_its_report(tmp_path):
    (tmp_path / "t.jsonl").write_text(json.dumps({"text": "Trade grew.", "publisher": "Xinhua"}) + "\n" +
                                      json.dumps({"text": "Rain fell.", "publisher": "The Diplomat"}) + "\n")
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "t.jsonl"), "--out", str(out), "--embedding", "tfidf", "--quiet"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest.get("status", "complete") != "incomplete" and (out / "report.html").exists()


def test_message_discipline_of_an_empty_text_is_a_row_not_a_key_error():
    from framing import Corpus
    from framing.reuse import message_discipline

    md = message_discipline(Corpus.from_frame([{"text": ""}]))
    assert md["n_sentences"].tolist() == [0]


def test_a_heatmap_with_nothing_to_show_says_so():
    from framing.plot import slogan_heatmap

    empty = pd.DataFrame({"label": ["mutual respect"], "group": ["state_media"], "per_1k": [float("nan")],
                          "count": [0]})
    with pytest.raises(ValueError, match="nothing to draw"):
        slogan_heatmap(empty)


# ------------------------------------------------------------------ text repaired, with a record

@pytest.mark.parametrize("glued, first, second", [
    ("China will cooperate in many areas.China will build new roads.", "in many areas.", "China will"),
    ("Debts rose this month.The bank said so.", "this month.", "The bank"),
    ("They owe large debts.Advertisement", "large debts.", "Advertisement"),
    ("Was it worth it?Yes, officials said.", "worth it?", "Yes,"),
    ("Die Pläne wurden vorgestellt.Über die Kosten schwieg man.", "vorgestellt.", "Über die"),
])
def test_glued_sentence_boundaries_are_split(glued, first, second):
    from framing.text import split_sentences

    sents = split_sentences(glued)
    assert len(sents) == 2 and sents[0].endswith(first) and sents[1].startswith(second)


@pytest.mark.parametrize("text", [
    "The U.S.Army and the U.K. signed.", "Growth was 3.5 percent, e.g.Tuesday.", "J.R.R.Tolkien wrote it.",
    "See example.com and www.Example.org/News.Html today.", "Mail press@agency.Org now.",
    "McDonald's and the iPhone.", "Russia vs.Ukraine was the match.", "Call window.Promise=e in code.",
    "The fe.views.adverts.SkyLeftTop block.", "Read the ads.ArtEnde module.",
])
def test_abbreviations_decimals_domains_initials_and_code_are_not_split(text):
    from framing.text import glued_boundaries

    assert glued_boundaries(text) == []


def test_repairs_are_recorded_and_found_on_public_pages():
    from framing import Corpus
    from framing.text import glued_boundaries

    text = "Ties grew in many areas.China will build roads. It rained.Then it stopped."
    corpus = Corpus.from_frame([{"text": text}])
    assert len(corpus.sentences) == 4
    assert corpus.info["glued_sentence_boundaries"] == {"boundaries": 2, "articles": 1}
    assert corpus.sentence_repairs()["position"].tolist() == [text.index("China"), text.index("Then")]
    # real pages: every repair sits between a lower-case letter and a full stop, ! or ?, and a capital
    from conftest import shared_path

    found = 0
    for page in sorted(shared_path("validation", "extraction", "pages").iterdir()):
        text = page.read_bytes().decode("utf-8", "replace")
        for i in glued_boundaries(text):
            found += 1
            assert text[i - 1] in ".!?" and text[i - 2].islower() and text[i].isupper()
            lo = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
            token = text[lo:i + 40].split()[0].strip(".,;:!?)]\"'\u201d")
            assert "://" not in token and "@" not in token and token.count(".") <= 1, token
    assert found > 50  # 168 on 98 of the 983 pages when this was written (BENCHMARKS.md)


# ------------------------------------------------------------------ outlet boilerplate

_PROMPTS = ["Get the Newsletter",
            "Enjoying this article? Click here to subscribe for full access. Just $5 a month.",
            "Advertisement"]
_STORIES = ["The ministers met in Astana on Tuesday and agreed to expand rail links between the two countries.",
            "Officials in Tashkent said the new power plant would open next spring after long delays.",
            "Exporters in Almaty reported a sharp rise in grain shipments to western China this quarter.",
            "A delegation from Bishkek visited the dry port at Khorgos to study its customs procedures.",
            "The bank said it would lend more to small firms building solar farms across the region."]
_STOCK = "The Belt and Road Initiative was proposed by China in 2013."


def _boilerplate_records(tmp_path, n: int = 5) -> Path:
    rows = []
    for i, story in enumerate(_STORIES[:n]):
        # outlet A prints its sign-up prompts and a stock background sentence in every article;
        # outlet B's article carries a wire sentence that every outlet prints once each
        rows.append({"publisher": "Daily A", "text": "\n".join([story, _PROMPTS[0], _STOCK, _PROMPTS[1], _PROMPTS[2]])})
        rows.append({"publisher": f"Paper {i}", "text": _STORIES[(i + 1) % 5] + "\n" + _PROMPTS[1]})
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_lines_one_outlet_repeats_in_its_articles_are_removed_with_their_count(tmp_path):
    corpus = read_corpus(_boilerplate_records(tmp_path))
    arts = corpus.articles.set_index("publisher")
    for prompt in _PROMPTS:
        assert prompt not in "\n".join(arts.loc["Daily A", "text"])
    # the furniture rules name two of the prompts; the third reads as a sentence and is found by its repetition
    reasons = corpus.removed.drop_duplicates("text").set_index("text")["reason"]
    assert reasons[_PROMPTS[0]] == "subscription prompt" and reasons[_PROMPTS[2]] == "advertisement"
    assert reasons[_PROMPTS[1]] == "repeated in 5 articles of Daily A"
    assert (corpus.removed["reason"] == "repeated in 5 articles of Daily A").sum() == 5
    # a stock sentence that reads as story text stays, and so does each story
    assert all(_STOCK in t for t in arts.loc["Daily A", "text"])
    assert all(t.startswith(s) for t, s in zip(arts.loc["Daily A", "text"], _STORIES))
    # the same line once in each of five outlets is not any outlet's boilerplate
    others = arts.drop(index="Daily A")
    assert others["text"].str.endswith(_PROMPTS[1]).all()
    # every input line is in an article or in 'removed' (nothing lost)
    kept = sum(t.count("\n\n") + 1 for t in corpus.articles["text"])
    assert kept + len(corpus.removed) == 5 * 5 + 5 * 2


def test_outlet_boilerplate_needs_three_articles_and_can_be_turned_off(tmp_path):
    two = read_corpus(_boilerplate_records(tmp_path, n=2))
    assert not two.removed["reason"].str.startswith("repeated in").any()
    off = read_corpus(_boilerplate_records(tmp_path), boilerplate={})
    assert not off.removed["reason"].str.startswith("repeated in").any()
    assert off.articles["text"].str.contains(_PROMPTS[1], regex=False).all()


def test_a_record_that_is_only_boilerplate_keeps_its_lines(tmp_path):
    rows = [{"publisher": "Daily A", "text": f"{s}\n{_PROMPTS[1]}"} for s in _STORIES[:3]]
    rows.append({"publisher": "Daily A", "text": _PROMPTS[1]})
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.articles["text"].tolist()[-1] == _PROMPTS[1]
    assert (corpus.removed["reason"] == "repeated in 4 articles of Daily A").sum() == 3


def test_a_record_with_no_story_left_is_a_problem_not_a_silent_gap(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": _STORIES[0]}) + "\n" + json.dumps({"text": "Get the Newsletter"}) + "\n",
                    encoding="utf-8")
    corpus = read_corpus(path)
    assert len(corpus.articles) == 1 and corpus.removed["line_no"].tolist() == [2]
    problem = problems_of(corpus, "no story found")
    assert problem["line_no"].tolist() == [2] and "a.jsonl, line 2" in problem["message"].iloc[0]


def test_outlet_boilerplate_of_partitions_adds_up_to_the_whole():
    from framing.ingest.readers import Page
    from framing.ingest.repeats import line_counts, outlet_boilerplate

    pages = [Page("f.jsonl", Path("f.jsonl"), "jsonl", "utf-8", [i, i], [s, "Get the Newsletter"],
                  {"url": "https://www.daily-a.kz/news/1"}, is_record=True) for i, s in enumerate(_STORIES)]
    whole = outlet_boilerplate(line_counts(pages))
    parts = outlet_boilerplate(pd.concat([line_counts(pages[:2]), line_counts(pages[2:])]))
    assert whole == parts == {"daily-a.kz": {"get the newsletter": 5}}


# ------------------------------------------------------------------ output folders never mixed

def _comparison():
    from framing.comparison import compare

    return compare(_one_group_corpus(), topics=False, n_boot=20)


def test_a_failed_report_leaves_the_output_folder_as_it_was(tmp_path, monkeypatch):
    import framing.report as report

    out = tmp_path / "out"
    report.write_report(_comparison(), out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "report_html", broken)
    with pytest.raises(RuntimeError):
        report.write_report(_comparison(), out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left behind


def test_a_later_run_with_fewer_tables_removes_the_earlier_ones_and_keeps_other_files(tmp_path):
    from framing.report import write_report

    out = tmp_path / "out"
    result = _comparison()
    result.tables["topic_info"] = pd.DataFrame({"topic": [0], "name": ["rail"]})
    write_report(result, out)
    (out / "my_notes.txt").write_text("mine")
    assert (out / "topic_info.csv").exists()
    paths = write_report(_comparison(), out)
    assert not (out / "topic_info.csv").exists()  # not written by this run: gone, not stale
    assert (out / "my_notes.txt").read_text() == "mine"  # what the user put there stays
    manifest = json.loads(paths["manifest"].read_text())
    assert "status" not in manifest and "topic_info.csv" not in manifest["outputs"]
    assert all((out / name).exists() for name in manifest["outputs"])


# ------------------------------------------------------------------ unknown outlets in plain sight

def test_unknown_outlets_are_listed_warned_about_and_can_be_filled_in(tmp_path):
    import yaml

    from framing.comparison import compare

    corpus = read_corpus(DATA / "api_export.csv", text_column="summary")
    unknown = corpus.unknown_outlets()
    assert unknown.to_dict("records") == [{"publisher": "unlisted-daily.kz", "domain": "unlisted-daily.kz",
                                           "documents": 1}]
    # 1 of 3 articles without a source type: more than 10%, so the comparison says so
    warnings = compare(corpus, topics=False, n_boot=20).warnings
    assert any("1 of 3 articles (33%) have no source type" in w and "unlisted-daily.kz (1)" in w for w in warnings)
    stub = tmp_path / "my_outlets.yaml"
    assert main(["outlets", "suggest", str(DATA / "api_export.csv"), "--text-column", "summary",
                 "--out", str(stub)]) == 0
    data = yaml.safe_load(stub.read_text())
    assert [o["name"] for o in data["outlets"]] == ["unlisted-daily.kz"]
    data["outlets"][0]["source_type"] = "newspaper"
    stub.write_text(yaml.safe_dump(data))
    filled = read_corpus(DATA / "api_export.csv", text_column="summary", outlets=stub)
    assert filled.articles["source_type"].tolist() == ["analysis_magazine", "state_media", "newspaper"]
    assert filled.unknown_outlets().empty


def test_no_warning_when_nearly_every_source_type_is_known():
    from framing import Corpus
    from framing.comparison import unknown_outlet_notes

    rows = [{"text": STORY, "publisher": "Xinhua", "source_type": "state_media"}] * 9 + [
        {"text": STORY, "publisher": "Steppe Daily"}]
    assert unknown_outlet_notes(Corpus.from_frame(rows)) == []  # 10%: not above the line


def test_an_article_that_breaks_a_measure_leaves_that_measure_only(monkeypatch):
    from framing import Corpus
    from framing.comparison import compare
    from framing.voices.attribution import AttributionFinder

    real = AttributionFinder.attributions

    def attributions(self):
        if "ODD" in self.doc.text:
            raise RuntimeError("a bug on odd input")
        return real(self)

    monkeypatch.setattr(AttributionFinder, "attributions", attributions)
    rows = [{"text": f"The minister said that trade grew by {i} percent, officials said in Astana.",
             "source_type": "state_media" if i % 2 else "think_tank"} for i in range(8)]
    rows.append({"text": 'ODD. The spokesman said: "We will build more roads next year."', "source_type": "think_tank"})
    corpus = Corpus.from_frame(rows)
    odd = corpus.articles["doc_id"].iloc[-1]
    result = compare(corpus, topics=False, n_boot=10)
    problems = result.tables["problems"]
    row = problems[problems["problem"] == "article left out"].iloc[0]
    assert (row["doc_id"], row["step"]) == (odd, "voices") and "a bug on odd input" in row["message"]
    assert odd not in set(result.tables["quotes"]["doc_id"]) and len(result.tables["quotes"]) >= 8
    assert odd in set(result.tables["sentiment"]["doc_id"])  # the other measures keep it
    assert any(w.startswith("Voices: 1 article(s) left out") for w in result.warnings)
