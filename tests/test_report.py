"""`framing analyze`: deterministic CSV tables and manifest, a self-contained report, escaped texts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

import pytest

from framing import Corpus, sample_corpus_path
from framing.cli import main
from framing.comparison import compare
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
    assert "share_vs_corpus" in frames and "frame_terms.csv" in frames and "top terms" in frames


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
    assert '<th scope="col" class="num">per 1,000 words</th>' in slogans  # the table header over the rates
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
    from framing.comparison import Comparison
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


# ------------------------------------------------------------------ issue 14: what the report says first, and how

def _tables(page: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(section heading, headers, rows of cell texts) of every table of a report."""
    from lxml import html

    doc = html.fromstring(page)
    out = []
    for table in doc.iter("table"):
        section = table.getparent()
        while section is not None and section.tag != "section":
            section = section.getparent()
        heading = section.findtext("h2") if section is not None else ""
        headers = [th.text_content() for th in table.iter("th")]
        rows = [[td.text_content() for td in tr.iter("td")] for tr in table.iter("tr")]
        out.append((heading, headers, [r for r in rows if r]))
    return out


def test_report_opens_with_a_summary_and_puts_the_audit_after_the_measures(sample_report):
    # issue 14: the report opened on the removal reasons; a reader wants to know first what is compared
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings[0] == "Summary"
    measures = ["Slogans", "Frames", "Sentiment toward actors", "Topics", "Voices"]
    assert max(headings.index(h) for h in measures) < headings.index("Ingestion audit") \
        < headings.index("Provenance") < headings.index("Articles")
    summary = _section(page, "Summary")
    assert "groups of documents by source_type" in summary  # what is compared
    assert "the bundled sample corpus (constructed texts)" in summary and "6,894 words" in summary  # which corpus
    assert "per 1,000 words" in summary and "95% outlet-clustered bootstrap intervals" in summary  # which unit
    assert "none for a group of fewer than 3 publishers, 5 documents or 2,000 words" in summary  # issue 16
    groups = next(rows for heading, headers, rows in _tables(page) if heading == "Summary")
    assert len(groups) == 10 and ["newspaper", "4", "1,688"] == groups[4][:3]  # documents per group
    # every sample group is small: no interval, so no difference is claimed
    assert "No clear difference: every group here has fewer than 5 documents or 2,000 words" in summary
    assert '<ul class="differences">' not in summary
    assert "Read with care" in summary and "Small groups by source_type" in summary  # compare().warnings


def _two_group_corpus(slogan_in_both: bool) -> Corpus:
    words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
             "quebec romeo sierra tango").split()

    def text(i: int, slogan: bool) -> str:
        sentences = []
        for k in range(30):
            s = " ".join(words[(i * 7 + k * 3 + j) % len(words)] for j in range(12)).capitalize() + "."
            sentences.append(("Both sides praised win-win cooperation in the talks " + s) if slogan and k % 6 == 0
                             else s)
        return " ".join(sentences)

    rows = [{"text": text(i, True), "source_type": "state_media", "publisher": f"S{i}"} for i in range(6)]
    rows += [{"text": text(i + 10, slogan_in_both), "source_type": "newspaper", "publisher": f"N{i}"}
             for i in range(6)]
    return Corpus.from_frame(rows)


def test_summary_names_a_difference_only_where_the_intervals_separate():
    from framing.report import main_differences

    # six documents and 2,000+ words per group: intervals; the slogan in one group only separates them
    result = compare(_two_group_corpus(slogan_in_both=False), topics=False, n_boot=200)
    diffs = main_differences(result)
    slogan = diffs[diffs["measure"] == "slogan_rates"]
    assert slogan["higher"].tolist() == ["state_media"] and slogan["lower"].tolist() == [["newspaper"]]
    summary = _section(report_html(result, figures={}), "Summary")
    assert "Slogan family &#39;Win-win&#39; in own voice: state_media 12.50 per 1,000 words [" in summary
    assert "higher than newspaper 0.00 per 1,000 words [0.00, " in summary and "No clear difference" not in summary
    # the same slogan in both groups: the intervals overlap, nothing is called higher
    same = compare(_two_group_corpus(slogan_in_both=True), topics=False, n_boot=200)
    assert main_differences(same).query("measure == 'slogan_rates'").empty
    assert "Win-win" not in _section(report_html(same, figures={}), "Summary")


def test_report_tables_read_as_tables(sample_report):
    # issue 14: raw column names (ci_low, per_1k), %.3g precision varying within a column, rows of zeros
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    tables = _tables(page)
    headers = {h for _, hs, _ in tables for h in hs}
    assert not headers & {"ci_low", "ci_high", "per_1k", "n_docs", "mean_score", "ci_note", "doc_share",
                          "share_vs_corpus", "vs_corpus_low", "n_sentences", "top_terms", "affiliation_type"}
    assert {"95% CI", "per 1,000 words", "documents", "mean share", "why no interval"} <= headers
    number = re.compile(r"[+-]?\d[\d,]*(?:\.(\d+))?%?")
    for heading, hs, rows in tables:
        for j, name in enumerate(hs):
            decimals = set()
            for row in rows:
                for part in re.findall(r"[^\[\], ]+", row[j]) if row[j].startswith("[") else [row[j]]:
                    m = number.fullmatch(part)
                    if m and not re.search(r"[A-Za-z]", row[j]):
                        decimals.add(len(m.group(1) or ""))
            assert len(decimals) <= 1, f"{heading}: column {name!r} mixes precisions {sorted(decimals)}"
    frames = next(rows for heading, hs, rows in tables if heading == "Frames" and "mean share" in hs)
    share = next(hs for heading, hs, _ in tables if heading == "Frames" and "mean share" in hs).index("mean share")
    assert frames and all(r[share] != "0.00" for r in frames)  # a frame a group never uses is not a row
    assert "that are 0 throughout not shown" in _section(page, "Frames")
    interval = next(hs for heading, hs, _ in tables if heading == "Slogans").index("95% CI")
    assert all(r[interval] == "" for r in next(rows for h, _, rows in tables if h == "Slogans"))  # small groups


def test_the_constructed_sample_says_so_at_the_top_and_on_every_figure(sample_report, sample_corpus):
    from framing.report import SAMPLE_FIGURE_NOTE, draw_figures

    page = (sample_report / "report.html").read_text(encoding="utf-8")
    banner = page.index('class="constructed"')
    assert banner < page.index("<h2>Summary</h2>")
    assert "These are constructed texts, not real reporting" in page[banner:page.index("<h2>Summary</h2>")]
    result = compare(sample_corpus, topics=False, n_boot=50)
    drawn = list(draw_figures(result))
    assert len(drawn) >= 4
    for name, fig, _, _ in drawn:
        title = fig._suptitle
        assert title is not None and title.get_text().startswith(SAMPLE_FIGURE_NOTE), name
        assert title.get_fontsize() >= 8
        fig.canvas.draw()  # the note is inside the figure
        box = title.get_window_extent()
        assert box.y1 <= fig.bbox.y1 + 0.5 and box.x0 >= -0.5 and box.x1 <= fig.bbox.x1 + 0.5, name
    import matplotlib.pyplot as plt

    plt.close("all")


def test_other_corpora_carry_no_sample_notice(tmp_path, sample_corpus, shared_corpus):
    from framing import read_corpus
    from framing.report import draw_figures, is_constructed_sample

    assert is_constructed_sample(sample_corpus)
    sample_corpus.save(tmp_path / "saved")  # a saved and reloaded sample still is the sample
    assert is_constructed_sample(Corpus.load(tmp_path / "saved"))
    import shutil

    shutil.copytree(sample_corpus_path(), tmp_path / "copy")  # so is a copy of its folder, or one page of it
    assert is_constructed_sample(read_corpus(tmp_path / "copy"))
    assert is_constructed_sample(read_corpus(tmp_path / "copy" / "05_independent_analysis.txt"))
    (tmp_path / "edited").mkdir()  # a page of the same name with other text is not
    (tmp_path / "edited" / "05_independent_analysis.txt").write_text("Officials met in Astana on Monday.\n")
    assert not is_constructed_sample(read_corpus(tmp_path / "edited"))
    assert not is_constructed_sample(shared_corpus)
    assert not is_constructed_sample(Corpus.from_frame([{"text": "Officials met."}]))
    result = compare(_two_group_corpus(slogan_in_both=False), topics=False, n_boot=50)
    assert 'class="constructed"' not in report_html(result, figures={})
    import matplotlib.pyplot as plt

    for name, fig, _, _ in draw_figures(result):
        assert fig._suptitle is None, name
    plt.close("all")


def test_figures_at_150_dpi_as_png_with_the_captions_the_figures_need(sample_report):
    from PIL import Image

    for name in ("slogans", "frames", "actor_sentiment"):
        with Image.open(sample_report / "figures" / f"{name}.png") as im:
            assert round(im.info["dpi"][0]) == 150, name
            assert im.size[0] > 800, name  # a 7-inch figure at 110 dpi was 770 px
    # vector files only on request (they tripled the figures' time): none written, none linked
    assert not list((sample_report / "figures").glob("*.svg")) and not list((sample_report / "figures").glob("*.pdf"))
    page = (sample_report / "report.html").read_text(encoding="utf-8")
    assert "figures/slogans.svg" not in page and "figures/slogans.pdf" not in page
    assert "groups that use none are named under the figure" in _section(page, "Slogans")
    assert "n beside each dot: sentences naming the actor" in _section(page, "Sentiment toward actors")


def test_svg_and_pdf_figures_on_request_linked_from_the_report(sample_corpus, tmp_path):
    from framing.report import write_report

    result = compare(sample_corpus, topics=False, n_boot=20)
    paths = write_report(result, tmp_path / "out", figure_formats=("pdf", "svg"))
    figures = tmp_path / "out" / "figures"
    for ext in ("png", "svg", "pdf"):  # PNG always: the report embeds it
        assert (figures / f"slogans.{ext}").stat().st_size > 1000, ext
    assert {p.suffix for p in paths["figure_files"]} == {".png", ".svg", ".pdf"}
    page = paths["report"].read_text(encoding="utf-8")
    assert '<a href="figures/slogans.svg">SVG</a>' in page and '<a href="figures/slogans.pdf">PDF</a>' in page
    with pytest.raises(ValueError, match="unknown format.*'eps'"):
        write_report(result, tmp_path / "other", figure_formats=("png", "eps"))
    assert not (tmp_path / "other").exists() or not any((tmp_path / "other").iterdir())


def test_publishers_keep_their_colour_in_every_figure(sample_corpus, monkeypatch):
    import matplotlib.pyplot as plt

    from framing import plot
    from framing.report import draw_figures

    import functools

    result = compare(sample_corpus, by="publisher", topics=False, n_boot=50)
    seen = {}
    for func in ("frame_profile", "actor_sentiment"):
        original = getattr(plot, func)

        @functools.wraps(original)  # the same signature: palette= included
        def spy(data, *args, _original=original, _name=func, **kwargs):
            seen[_name] = kwargs.get("palette")
            return _original(data, *args, **kwargs)

        monkeypatch.setattr(plot, func, spy)
    list(draw_figures(result))
    plt.close("all")
    expected = plot.group_colors(result.groups["group"])
    assert seen == {"frame_profile": expected, "actor_sentiment": expected}


def test_syndication_table_counts_undetermined_directions_apart():
    from framing.comparison import Comparison

    corpus = Corpus.from_frame([{"text": "Officials met.", "title": "T", "source_type": "newspaper"}])
    edges = pd.DataFrame({"source": ["The Star", "Daily A", "Daily B"], "target": ["Xinhua", "Daily B", "Daily A"],
                          "n_articles": [3, 1, 1], "n_shared_sentences": [0, 4, 4],
                          "basis": ["provenance", "reuse", "reuse"], "directed": [True, False, False]})
    result = Comparison(corpus=corpus, input_corpus=corpus, params={"by": "source_type"},
                        tables={"articles": corpus.articles, "removed": corpus.removed, "problems": corpus.problems,
                                "syndication": edges})
    page = report_html(result, figures={})
    section = _section(page, "Reprints and syndication")
    assert "2 links of 3 with no known direction" in section
    headers, rows = next((hs, rows) for heading, hs, rows in _tables(page) if heading == "Reprints and syndication")
    assert headers[-1] == "direction known"
    assert [r[-1] for r in rows] == ["yes", "no", "no"]  # determined first, the undetermined apart at the end


def test_latex_table_fits_a_page():
    from framing.report import latex_table

    t = pd.DataFrame({"group": ["state_media", "news_paper & co", "pr_wire"], "label": ["Win-win", "50% off", "x"],
                      "per_1k": [4.2, 0.5, 1.25], "ci_low": [3.1, None, 0.2], "ci_high": [5.3, None, 2.0]})
    tex = latex_table(t, caption="Rates per 1,000 words.", label="tab:rates", top=2, file="rates.csv",
                      labels={"label": "slogan family"})
    lines = tex.splitlines()
    assert lines[:3] == ["\\begin{table}[htbp]", "\\centering", "\\small"]
    assert "\\caption{Rates per 1,000 words. The first 2 of 3 rows; all of them in rates.csv.}" in lines
    assert "\\label{tab:rates}" in lines and "\\begin{tabular}{llrr}" in lines
    assert {"\\toprule", "\\midrule", "\\bottomrule"} <= set(lines)  # booktabs
    assert "group & slogan family & per 1,000 words & 95\\% CI \\\\" in lines
    assert "state\\_media & Win-win & 4.20 & {[3.10, 5.30]} \\\\" in lines
    assert "news\\_paper \\& co & 50\\% off & 0.50 & -- \\\\" in lines
    assert "pr\\_wire" not in tex
