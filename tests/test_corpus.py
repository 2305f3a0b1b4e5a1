"""The Corpus object: immutability, lossless save/load, paragraphs and sentences, the line map."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import framing
from framing import Corpus, read_corpus
from framing.corpus import ARTICLE_COLUMNS, REMOVED_COLUMNS
from framing.text import count_words, paragraph_spans, split_sentences

DESIGN_ARTICLE_COLUMNS = ["doc_id", "source_file", "kind", "title", "text", "publisher", "original_source",
                          "provenance", "source_type", "published", "url", "byline", "n_words"]


def test_schema_follows_design(sample_corpus):
    assert sample_corpus.articles.columns.tolist()[:13] == DESIGN_ARTICLE_COLUMNS
    # then the sidecar's own column, 'notes', which is also an article column: user_notes
    assert sample_corpus.articles.columns.tolist() == ARTICLE_COLUMNS + ["user_notes"]
    # the design's four columns first; then the line model's probability that the line is main text
    assert sample_corpus.removed.columns.tolist()[:4] == ["source_file", "line_no", "text", "reason"]
    assert sample_corpus.removed.columns.tolist() == REMOVED_COLUMNS == ["source_file", "line_no", "text",
                                                                          "reason", "p_main"]
    assert sample_corpus.paragraphs.columns.tolist()[:3] == ["doc_id", "para_id", "text"]
    assert sample_corpus.sentences.columns.tolist() == ["doc_id", "para_id", "sent_id", "text", "start", "end"]
    assert sample_corpus.articles["doc_id"].is_unique


def test_corpus_is_immutable(sample_corpus):
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample_corpus._articles = None
    a = sample_corpus.articles
    a.loc[0, "title"] = "changed"
    a["new"] = 1
    assert sample_corpus.articles.loc[0, "title"] != "changed"
    assert "new" not in sample_corpus.articles.columns


def test_doc_ids_are_stable_across_runs():
    first = framing.load_sample_corpus().articles[["doc_id", "title"]]
    second = framing.load_sample_corpus().articles[["doc_id", "title"]]
    pd.testing.assert_frame_equal(first, second)
    assert first["doc_id"].str.match(r"^[\w.-]+#\d+$").all()


def test_save_and_load_are_lossless(sample_corpus, tmp_path):
    sample_corpus.save(tmp_path / "c")
    back = Corpus.load(tmp_path / "c")
    for name in ("articles", "removed", "problems", "line_map", "paragraphs", "sentences"):
        pd.testing.assert_frame_equal(getattr(sample_corpus, name), getattr(back, name))
    with pytest.raises(FileNotFoundError, match="not a saved corpus"):
        Corpus.load(tmp_path)


def test_n_words_and_word_count():
    assert count_words("Win-win cooperation, isn't it? 94.8 billion") == 6
    assert count_words("") == 0


def test_sentence_splitting_without_punkt_data():
    text = ("The U.S. envoy met Mr. Li in Washington, D.C. on Feb. 4. He said \"yes.\" "
            "H.E. Xi Jinping spoke next. Trade rose 5.4 percent.")
    assert split_sentences(text) == [
        "The U.S. envoy met Mr. Li in Washington, D.C. on Feb. 4.",
        'He said "yes."',
        "H.E. Xi Jinping spoke next.",
        "Trade rose 5.4 percent.",
    ]
    assert split_sentences("HEADING\nFirst line. Second line.") == ["HEADING", "First line.", "Second line."]


def test_long_one_line_paragraphs_are_chunked_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(200))
    spans = paragraph_spans(text, max_chars=300)
    assert len(spans) > 10
    assert all(e - s <= 300 for s, e in spans)
    assert "".join(text[s:e] + " " for s, e in spans).split() == text.split()


def test_every_removed_row_is_in_the_line_map(sample_corpus):
    lm = sample_corpus.line_map
    assert len(lm[lm["doc_id"].isna()]) == len(sample_corpus.removed)
    kept = lm[lm["doc_id"].notna()]
    assert set(kept["doc_id"]) == set(sample_corpus.articles["doc_id"])


def test_empty_corpus(tmp_path):
    corpus = read_corpus(tmp_path)
    assert len(corpus) == 0
    assert corpus.paragraphs.empty and corpus.sentences.empty
    assert corpus.summary().empty
    assert "0 articles" in repr(corpus)
