"""`framing analyze`: deterministic CSV tables and manifest, a self-contained report, escaped texts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from framing import Corpus, sample_corpus_path
from framing.cli import main
from framing.compare import compare
from framing.report import canonical_table, corpus_hash, report_html, reproducibility_manifest, write_csv

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ('Officials met in Astana. <script>document.title="pwned"</script> The talks went on. '
           '<img src=x onerror="alert(1)"> Trade grew & "partners" agreed.')


def _without_timestamps(path: Path) -> dict:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.pop("timestamps")
    return manifest


def test_analyze_writes_the_design_tables(sample_report):
    expected = {"articles", "removed", "problems", "slogan_matches", "slogan_rates", "frames", "frame_profile",
                "frame_terms", "sentiment", "actor_sentiment", "topics", "topic_info", "topics_by_group"}
    written = {p.stem for p in sample_report.glob("*.csv")}
    assert expected <= written, sorted(expected - written)
    design = {  # DESIGN.md table schemas: these columns come first
        "slogan_matches": ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted"],
        "slogan_rates": ["group", "feature", "count", "n_words", "n_docs", "per_1k", "ci_low", "ci_high"],
        "frames": ["doc_id", "scheme", "frame", "hits", "per_1k", "score"],
        "frame_terms": ["group", "scheme", "frame", "label", "term", "hits", "n_docs", "share_of_frame_hits"],
        "sentiment": ["doc_id", "sent_id", "target", "compound", "pos", "neu", "neg"],
        "topics": ["doc_id", "para_id", "topic", "topic_label", "probability"],
        "removed": ["source_file", "line_no", "text", "reason"],
    }
    for name, cols in design.items():
        header = pd.read_csv(sample_report / f"{name}.csv", nrows=0).columns.tolist()
        assert header[:len(cols)] == cols, name
    rates = pd.read_csv(sample_report / "slogan_rates.csv")
    assert set(rates["voice"]) == {"own", "quoted"}
    # rows are sorted on their keys
    keys = rates[["voice", "group", "feature"]].astype(str).agg("\x00".join, axis=1)
    assert keys.is_monotonic_increasing
    articles = pd.read_csv(sample_report / "articles.csv")
    assert len(articles) == 18 and articles["doc_id"].is_monotonic_increasing
    assert len(list((sample_report / "figures").glob("*.png"))) >= 4


def test_manifest_records_what_reproduces_the_numbers(sample_report):
    m = json.loads((sample_report / "manifest.json").read_text(encoding="utf-8"))
    assert m["offline"] is True and m["parameters"]["by"] == "source_type"
    assert m["random_seeds"]["bootstrap"] == 0 and m["parameters"]["random_state"] == 0
    assert re.fullmatch(r"[0-9a-f]{64}", m["corpus"]["sha256"])
    assert m["corpus"]["n_articles"] == 17 and m["corpus"]["n_comments"] == 1
    assert "01_state_media_multi.txt" in {f["file"] for f in m["corpus"]["inputs"]}
    lexicons = {x["name"]: x for x in m["lexicons"]}
    assert {"slogans", "frames", "actors", "outlets", "vader_lexicon"} <= set(lexicons)
    assert all(re.fullmatch(r"[0-9a-f]{64}", x["sha256"]) and x["version"] for x in lexicons.values())
    assert m["packages"]["framing"] and m["packages"]["pandas"] and m["packages"]["bertopic"]
    assert m["outputs"]["slogan_rates.csv"] and set(m["timestamps"]) >= {"started", "finished"}
    # everything that varies between runs is under "timestamps" only
    text = json.dumps({k: v for k, v in m.items() if k != "timestamps"})
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)


def test_two_runs_give_byte_identical_tables_and_manifest(sample_report, tmp_path):
    # the second run is a fresh process with another hash seed, so set and dict order cannot leak in
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run([sys.executable, "-m", "framing.cli", "analyze", str(sample_corpus_path()), "--out",
                          str(out), "--quiet"], check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.stdout == "" and "step/s" not in run.stderr  # --quiet: no summary, no progress bar
    first = sorted(p.name for p in sample_report.glob("*.csv"))
    assert first == sorted(p.name for p in out.glob("*.csv"))
    differing = [n for n in first if (sample_report / n).read_bytes() != (out / n).read_bytes()]
    assert not differing
    assert _without_timestamps(sample_report / "manifest.json") == _without_timestamps(out / "manifest.json")
    # and apart from timestamps the files are the same bytes
    strip = re.compile(rb'\n  "timestamps": \{.*?\n  \}', re.S)
    assert strip.sub(b"", (sample_report / "manifest.json").read_bytes()) == \
        strip.sub(b"", (out / "manifest.json").read_bytes())


def test_report_is_self_contained_and_escapes_the_sample_script(sample_report):
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    # the sample's official statement quotes an injection attempt: it must show as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # no network fetch
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert 'name="viewport"' in page
    assert len(re.findall(r'<img src="data:image/png;base64,', page)) >= 4
    for heading in ("Ingestion audit", "Provenance", "Slogans", "Frames", "Sentiment toward actors", "Topics",
                    "Distinctive terms", "Reprints and syndication", "Voices", "Articles", "Reproducibility"):
        assert f"<h2>{heading}</h2>" in page
    # five figures: no distinctive term passes the test on the sample, so that scatter is left out
    assert len(re.findall(r'<img src="data:image/png;base64,', page)) == 5
    assert "Small groups by source_type" in page and "think_tank (1 document, 622 words)" in page
    # the frames section reads each group against the corpus average and names the terms behind each frame
    frames = page[page.index("<h2>Frames</h2>"):page.index("<h2>Sentiment toward actors</h2>")]
    assert "share_vs_corpus" in frames and "frame_terms.csv" in frames and "top_terms" in frames


def test_hostile_article_shows_as_text_in_every_place(tmp_path):
    rows = [{"text": HOSTILE, "title": "<script>alert('t')</script>", "publisher": '"><b>Pub</b>',
             "source_type": "newspaper"},
            {"text": "Mutual respect and win-win cooperation.", "title": "Plain", "publisher": "B",
             "source_type": "state_media"}]
    corpus = Corpus.from_frame(rows)
    result = compare(corpus, embedding="tfidf", n_boot=50)
    assert any("Topics left out" in n for n in result.notes)  # two paragraphs cannot make topics
    page = report_html(result)
    assert "<script" not in page.lower() and "<img src=x" not in page and "<b>Pub</b>" not in page
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page or \
        "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;Pub&lt;/b&gt;" in page


def test_write_csv_is_independent_of_row_order(tmp_path):
    df = pd.DataFrame({"group": ["b", "a", "a", None], "feature": ["x", "y", "x", "z"],
                       "per_1k": [1 / 3, 2.0, 1e-9, float("nan")], "n": [3, 1, 2, 4]})
    write_csv(df, tmp_path / "a.csv", sort_by=["group", "feature"])
    write_csv(df.sample(frac=1, random_state=3), tmp_path / "b.csv", sort_by=["group", "feature"])
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_text() == ("group,feature,per_1k,n\na,x,1e-09,2\na,y,2,1\nb,x,0.333333,3\n"
                                                ",z,,4\n")
    assert canonical_table(df, ["n"])["n"].tolist() == [1, 2, 3, 4]


def test_corpus_hash_follows_the_texts_not_the_row_order():
    a = Corpus.from_frame([{"text": "One.", "doc_id": "a"}, {"text": "Two.", "doc_id": "b"}], doc_id="doc_id")
    b = Corpus.from_frame([{"text": "Two.", "doc_id": "b"}, {"text": "One.", "doc_id": "a"}], doc_id="doc_id")
    c = Corpus.from_frame([{"text": "One.", "doc_id": "a"}, {"text": "Two!", "doc_id": "b"}], doc_id="doc_id")
    assert corpus_hash(a) == corpus_hash(b) != corpus_hash(c)


def test_manifest_without_an_analysis(sample_corpus):
    m = reproducibility_manifest(corpus=sample_corpus, params={"random_state": 7})
    assert m["random_seeds"]["topics_umap"] == 7 and m["corpus"]["n_words"] == 6894
    assert m["timestamps"] == {} and m["notes"] == []


def test_progress_bar_and_summary_without_quiet(sample_corpus, tmp_path, capsys):
    saved = tmp_path / "saved"
    sample_corpus.save(saved)  # a saved corpus folder is read back, not re-ingested
    assert main(["analyze", str(saved), "--out", str(tmp_path / "o"), "--embedding", "tfidf"]) == 0
    out, err = capsys.readouterr()
    assert "tables (CSV)" in out and "Report: " in out and "note: Small groups by source_type" in out
    assert "step" in err and "topics" in err  # the tqdm bar names each step as it runs


def test_cli_errors_name_the_problem(tmp_path, capsys):
    assert main(["analyze", str(sample_corpus_path()), "--out", str(tmp_path / "o"), "--by", "outlet",
                 "--quiet"]) == 2
    assert "cannot group by 'outlet'" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["analyze", str(empty), "--out", str(tmp_path / "o2"), "--quiet"]) == 2
    assert "no article found" in capsys.readouterr().err


def test_dedupe_collapse_is_recorded(tmp_path):
    out = tmp_path / "collapsed"
    assert main(["analyze", str(sample_corpus_path()), "--out", str(out), "--dedupe", "collapse",
                 "--embedding", "tfidf", "--quiet"]) == 0
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["parameters"]["dedupe"] == "collapse" and m["parameters"]["embedding"] == "tfidf"
    # the measures ran on the collapsed corpus (reprints moved to their originator), reuse on the pages as found
    assert m["corpus"]["analysed_sha256"] != m["corpus"]["sha256"]
    articles = pd.read_csv(out / "articles.csv")
    assert "publisher_as_found" in articles.columns
    assert len(pd.read_csv(out / "syndication.csv")) > 0


def _section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 5)
    return page[start:end if end > 0 else None]


def test_report_states_one_rate_unit_and_which_rows_have_no_interval(sample_report):
    # issue 14: the heatmap caption said "per 10,000 words" above a table of rates per 1,000 (57.8 vs 5.78)
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    slogans = _section(page, "Slogans")
    assert "per 10,000" not in page and "10,000 words" not in page
    assert "Slogan families per 1,000 words in each group" in slogans  # the figure caption
    assert '<th scope="col">per 1,000 words</th>' in slogans  # the table header over the rates
    assert "too few documents" in slogans  # ci_note: why a row has no interval
    assert "groups of fewer than 5 documents or 2,000 words" in _section(page, "Frames")
    rates = pd.read_csv(sample_report / "slogan_rates.csv")
    assert (rates["per"] == 1000).all() and rates["ci_low"].isna().all()  # every sample group is small


def test_report_says_plainly_when_no_term_is_distinctive(sample_report):
    # issue 14: the quick start and the report listed stop words as "distinctive" though none passed the test
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    terms = _section(page, "Distinctive terms")
    assert "no term passes the test for any group" in terms and "adjusted p &lt; 0.05" in terms
    assert "<table" not in terms and "<img" not in terms
    assert "Distinctive terms: no term passes the test" in page[:page.index("<h2>Distinctive terms</h2>")]
    written = pd.read_csv(sample_report / "distinctive_terms.csv", keep_default_na=False)
    assert not written["significant"].any()
    assert not set(written["term"]) & {"not", "be", "is", "said", "from", "i", "the"}  # stop words left out


def test_report_lists_only_terms_that_pass(tmp_path):
    from framing.compare import Comparison
    from framing.keyness import distinctive_terms

    corpus = Corpus.from_frame([{"text": "Officials met.", "title": "T", "source_type": "a"}])
    counts = pd.DataFrame({"a": [300, 5, 5000, 40], "b": [10, 290, 5000, 40]}, index=["tax", "wage", "other", "x"])
    terms = distinctive_terms(counts)
    result = Comparison(corpus=corpus, input_corpus=corpus, params={"by": "source_type"},
                        tables={"articles": corpus.articles, "removed": corpus.removed, "problems": corpus.problems,
                                "distinctive_terms": terms})
    section = _section(report_html(result, figures={}), "Distinctive terms")
    assert "<td>tax</td>" in section and "<td>wage</td>" in section
    assert "<td>other</td>" not in section and "<td>x</td>" not in section
    assert "no term passes" not in section
