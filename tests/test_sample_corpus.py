"""The bundled sample corpus (constructed pages) against its hand-written ground truth.

``tests/data/sample_expected.yaml`` lists, per page, the articles a careful reader would
extract, with snippets that must (and must not) be in each body. A reprint's
``original_source`` of null means "no originator other than the publisher", so either
null or the publisher is accepted there.
"""

from __future__ import annotations

import pandas as pd
import pytest

from framing import sample_corpus_path
from helpers import assert_conservation, norm


def val(x):
    """None for a missing value (pandas NA), else the value."""
    return None if x is None or x is pd.NA or x != x else x

EXPECTED_FILES = [
    "01_state_media_multi.txt", "02_aggregator_reprint.txt", "03_pr_wire_release.txt",
    "04_news_app_multi.txt", "05_independent_analysis.txt", "06_think_tank_summary.txt",
    "07_newsletter_comment.txt", "08_official_statement.html", "09_newspaper_cp1252.txt",
    "10_records.jsonl",
]


def test_sample_covers_every_expected_file(sample_expected, sample_corpus):
    assert sorted(sample_expected["files"]) == EXPECTED_FILES
    assert sorted(sample_corpus.articles["source_file"].unique()) == EXPECTED_FILES
    assert sample_corpus.problems.empty, sample_corpus.problems.to_string()


def test_sample_covers_every_outlet_type(sample_corpus):
    types = set(sample_corpus.articles["source_type"].dropna())
    assert {"state_media", "aggregator", "pr_wire", "analysis_magazine", "think_tank", "newsletter",
            "official_statement", "newspaper", "reader_comment"} <= types


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_sample_page_matches_ground_truth(name, sample_expected, sample_corpus):
    spec = sample_expected["files"][name]
    a = sample_corpus.articles
    a = a[a["source_file"] == name]
    arts = a[a["kind"] == "article"].reset_index(drop=True)
    comments = a[a["kind"] == "comment"].reset_index(drop=True)
    assert len(arts) == spec["n_articles"]
    assert len(comments) == spec["n_comments"]
    for k, exp in enumerate(spec.get("articles", [])):
        got = arts.loc[k]
        text = norm(got["text"])
        titles = exp.get("title_any", [exp.get("title")])
        assert (val(got["title"]) or None) in titles
        assert val(got["publisher"]) == exp.get("publisher")
        allowed = exp.get("original_source_any", [exp.get("original_source")])
        if None in allowed:
            allowed = allowed + [val(got["publisher"])]
        assert val(got["original_source"]) in allowed
        if "byline" in exp:
            assert got["byline"] == exp["byline"]
        if "published" in exp and exp["published"]:
            assert str(got["published"]).startswith(exp["published"])
        for snippet in exp.get("captions", []):
            assert norm(snippet) in norm(val(got["captions"]) or ""), snippet
            assert norm(snippet) not in text
        for snippet in exp.get("editor_notes", []):
            assert norm(snippet) in norm(val(got["notes"]) or ""), snippet
            assert norm(snippet) not in text
        for snippet in exp.get("must_contain", []) + exp.get("must_contain_unescaped", []):
            assert norm(snippet) in text, snippet
        for snippet in exp.get("must_not_contain", []):
            assert norm(snippet) not in text, snippet
    for k, exp in enumerate(spec.get("comments", [])):
        for snippet in exp["must_contain"]:
            assert norm(snippet) in norm(comments.loc[k, "text"])
    for snippet in spec.get("chrome_snippets", []):
        for text in a["text"]:
            assert norm(snippet) not in norm(text), snippet


@pytest.mark.parametrize("name", [n for n in EXPECTED_FILES if not n.endswith(".html")])
def test_sample_page_conservation(name, sample_corpus):
    assert_conservation(sample_corpus, sample_corpus_path() / name, name)


def test_html_blocks_are_accounted_for(sample_corpus):
    """HTML input lines are the page's visible text blocks; each is kept or removed with a reason."""
    assert_conservation(sample_corpus, sample_corpus_path() / "08_official_statement.html",
                        "08_official_statement.html")
    removed = sample_corpus.removed
    html_removed = removed[removed["source_file"] == "08_official_statement.html"]
    assert (html_removed["reason"] == "outside main content (trafilatura)").any()


def test_cp1252_page_is_decoded_and_recorded(sample_corpus):
    a = sample_corpus.articles.set_index("source_file")
    assert a.loc["09_newspaper_cp1252.txt", "encoding"] == "cp1252"
    assert "Jürgen" in a.loc["09_newspaper_cp1252.txt", "text"]
    assert "\r" not in a.loc["09_newspaper_cp1252.txt", "text"]


def test_sample_is_labelled_constructed():
    readme = (sample_corpus_path() / "README.md").read_text(encoding="utf-8")
    assert "constructed" in readme.lower()
    sidecar = (sample_corpus_path() / "sources.csv").read_text(encoding="utf-8")
    rows = sidecar.strip().splitlines()[1:]
    assert rows and all("Constructed example" in r for r in rows)
