"""Ingestion of the five real pages in ../shared/corpus/china_central_asia (read from there, never copied).

The expectations are those of the foundation issue: how many articles each page holds, who
published and who wrote each, and that no site chrome is left in a body while no paragraph
of a story is lost.
"""

from __future__ import annotations

import pytest

from helpers import assert_conservation

FILES = {
    "000": "000_49e4d0dd88731e1e.txt",
    "001": "001_a0c397767aaa292e.txt",
    "002": "002_cd6645f52d07bb93.txt",
    "003": "003_0bb23bcd69b33b04.txt",
    "004": "004_a6fdd763e5ae9b92.txt",
}


def _page_lines(corpus_dir, key) -> list[str]:
    """The raw lines of a page: expected titles and snippets are read from the page, not copied here."""
    return [line.strip() for line in (corpus_dir / FILES[key]).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _arts(corpus, key, kind="article"):
    a = corpus.articles
    return a[(a["source_file"] == FILES[key]) & (a["kind"] == kind)].reset_index(drop=True)


def test_article_counts_per_page(shared_corpus):
    counts = {k: len(_arts(shared_corpus, k)) for k in FILES}
    assert counts == {"000": 4, "001": 1, "002": 1, "003": 5, "004": 1}
    assert len(_arts(shared_corpus, "004", "comment")) == 1
    assert shared_corpus.problems.empty


def test_state_media_page_splits_appended_stories(shared_corpus, shared_corpus_dir):
    a = _arts(shared_corpus, "000")
    lines = _page_lines(shared_corpus_dir, "000")
    assert a.loc[0, "title"] == lines[0]
    assert a.loc[1, "title"].startswith("Chinese FM calls for")
    assert a.loc[2, "title"].startswith("China is 'not behind'")
    assert a.loc[3, "title"].startswith("With China’s permission")
    # subheads stay inside their story
    assert "ENHANCED CONNECTIVITY" in a.loc[0, "text"] and "SHARED PROSPERITY" in a.loc[0, "text"]
    assert a.loc[0, "text"].rstrip().endswith("e-commerce, Li added.")
    assert "Guo Jiakun" not in a.loc[0, "text"] and "Guo Jiakun" in a.loc[1, "text"]
    assert (a["source_type"] == "state_media").all()


def test_aggregator_reprint_is_clean(shared_corpus, shared_corpus_dir):
    a = _arts(shared_corpus, "001")
    art = a.iloc[0]
    breadcrumb = next(line for line in _page_lines(shared_corpus_dir, "001") if line.startswith("Home » "))
    assert art["publisher"] == "Nabka News"
    assert art["original_source"] == "Xinhua"
    assert art["title"] == breadcrumb.split("» ", 1)[1].removesuffix("-Xinhua")
    assert art["byline"] == "Serik Korzhumbayev"
    text = art["text"]
    for chrome in ["Subscribe", "Facebook", "Related Posts", "What's Hot", "Gujranwala", "Source link",
                   "Leave A Reply", "nabkanews", "NabkaNews", "Mins Read", "Type above", "Home »"]:
        assert chrome not in text, chrome
    assert text.startswith("In the heart of Eurasia") or text.startswith("China’s engagement")
    assert text.rstrip().endswith("reimagined for a modern world.")
    headings = [line for line in _page_lines(shared_corpus_dir, "001") if line.isupper() and len(line) > 15]
    assert len(headings) >= 4
    for heading in headings:
        assert heading in text
    assert art["captions"].count("(Xinhua/") == 2 and "(Photo by Roman/Xinhua)" in art["captions"]
    assert "(Xinhua/" not in text
    assert art["notes"].startswith("Editor’s note") and "Xinhua News Agency" in art["notes"]


def test_pr_wire_release(shared_corpus):
    art = _arts(shared_corpus, "002").iloc[0]
    assert art["publisher"] == "PR Newswire"
    assert art["original_source"] == "People's Daily"
    assert "People's Daily" in art["provenance"]
    assert "View original content" not in art["text"] and "SOURCE People's Daily" not in art["text"]
    assert "(Photo by Qu Pei/People's Daily)" in art["captions"]
    assert art["text"].rstrip().endswith("is becoming ever more solid.")


def test_news_app_page_items(shared_corpus):
    a = _arts(shared_corpus, "003")
    assert a["publisher"].tolist() == ["The Diplomat", "The Star", "The Star", "The Star", "IOL News"]
    assert a["original_source"].tolist()[1:4] == ["Xinhua"] * 3
    assert a.loc[0, "original_source"] == "The Diplomat"
    assert (a["via"] == "Daily8").all()
    speech = a.loc[4, "text"]
    for ui in ["Video Player", "Unmute", "modal window", "Transparency", "Dropshadow", "Advertisement"]:
        assert ui not in speech, ui
    # the speech keeps both sides of the cut player text
    assert "blooming ever more brightly." in speech
    assert "Friends, Our cooperation is" in speech
    assert speech.rstrip().endswith("Thank you.")
    assert "Image: VCG" in a.loc[4, "captions"] and "Image: VCG" not in speech
    for art in a["text"]:
        assert "Download" not in art and "app-store" not in art and "time6 days ago" not in art


def test_newsletter_with_comment(shared_corpus, shared_corpus_dir):
    art = _arts(shared_corpus, "004").iloc[0]
    comment = _arts(shared_corpus, "004", "comment").iloc[0]
    assert art["original_source"] == "Xinhua Institute"
    assert "puppet" not in art["text"]
    assert "puppet" in comment["text"]
    assert comment["source_type"] == "reader_comment"
    last_article_line = _page_lines(shared_corpus_dir, "004")[-2]  # the last line is the reader comment
    assert art["text"].rstrip().endswith(last_article_line)
    assert "I Achievements" in art["text"] and "II Challenges" in art["text"]


def test_no_paragraph_of_a_story_is_lost(shared_corpus, shared_corpus_dir):
    """Every line of every page that is at least a sentence long and not furniture is in an article."""
    removed = shared_corpus.removed
    long_removed = removed[removed["text"].str.split().str.len() >= 12]
    # the only long removed lines are widget teasers, site self-description, app and wire prompts,
    # the player text, and a repeated standfirst (kept at its second place)
    allowed = ("widget", "app-download", "wire footer", "embedded media-player", "repeated paragraph",
               "subscription", "navigation", "footer", "repeated title")
    bad = long_removed[~long_removed["reason"].str.startswith(allowed)]
    assert bad.empty, bad.to_string()


@pytest.mark.parametrize("key", sorted(FILES))
def test_every_line_is_accounted_for(shared_corpus, shared_corpus_dir, key):
    assert_conservation(shared_corpus, shared_corpus_dir / FILES[key], FILES[key])


def test_removed_reasons_are_specific(shared_corpus):
    reasons = set(shared_corpus.removed["reason"])
    assert {"blank line", "navigation menu", "share/social bar", "photo caption"} - reasons == {"photo caption"}
    assert any(r.startswith("widget") for r in reasons)
    assert all(isinstance(r, str) and r for r in reasons)


def test_paragraphs_and_sentences(shared_corpus):
    paras = shared_corpus.paragraphs
    sents = shared_corpus.sentences
    assert 100 <= len(paras) <= 200
    assert list(sents.columns) == ["doc_id", "para_id", "sent_id", "text", "start", "end"]
    texts = shared_corpus.articles.set_index("doc_id")["text"]
    sample = sents.sample(50, random_state=0)
    for row in sample.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    # one-line stories of the news-app page are cut into paragraph-sized chunks
    speech_id = shared_corpus.articles.query("publisher == 'IOL News'")["doc_id"].iloc[0]
    assert (paras["doc_id"] == speech_id).sum() >= 8
    assert paras["text"].str.len().max() <= 1600
