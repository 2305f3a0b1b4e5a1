"""The HTML route (issue 19): an HTML page is trafilatura's article, whole.

A page gives one article whose text is ``trafilatura.extract``'s main text and whose
title, date, byline, site name and URL are trafilatura's metadata; only a page whose
main text holds several stories (a live blog, a listing: headline + time stamp, byline
or wire dateline + text, each) is split. Every visible block is in the article or in
``removed``. The pages below are written for these tests (constructed, not real
reporting); the last test reads the public pages of ``../shared/validation/extraction``.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pandas as pd
import pytest
import trafilatura

from conftest import shared_path
from framing import read_corpus
from framing.ingest import readers
from framing.ingest.readers import TRAFILATURA_OPTIONS, html_story_heads, html_text_spans
from framing.published import published_text
from helpers import assert_conservation, norm

OUTSIDE = "outside main content (trafilatura)"

SINGLE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Kazakhstan and China open new border crossing - Steppe Wire</title>
<meta name="author" content="Aigerim Seitkali">
<meta property="og:site_name" content="Steppe Wire">
<meta property="og:title" content="Kazakhstan and China open new border crossing">
<meta property="article:published_time" content="2025-06-22T09:15:00+05:00">
<link rel="canonical" href="https://steppewire.example.com/world/border-crossing">
</head>
<body>
<header><div class="logo">Steppe Wire</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div class="cookie"><p>We use cookies to improve your experience on our site.</p><button>Accept</button></div>
<main>
<article>
<h1>Kazakhstan and China open new border crossing</h1>
<p class="byline">By Aigerim Seitkali</p>
<p class="date">June 22, 2025</p>
<p>ASTANA, June 22 (Xinhua) -- Kazakhstan and China opened a new road border crossing on Sunday, the third along their shared frontier, officials of both countries said at a ceremony near the village of Bakhty.</p>
<h2>Trade on the rise</h2>
<p>Trade between the two countries reached a record last year, driven by exports of grain, oil and metals from Kazakhstan and of machinery and cars from China, according to customs figures released in January.</p>
<h2>More crossings planned</h2>
<p>The two governments plan to open two more crossings by 2030 and to expand the railway terminals at Khorgos and Dostyk, where freight trains now wait for days during the busiest months of the year.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Uzbekistan signs gas deal with China</a></li><li><a href="/b">Kyrgyz railway project enters second phase</a></li></ul></aside>
</main>
<footer><p>Copyright © 2025 Steppe Wire. All rights reserved.</p></footer>
</body>
</html>
"""

LIVE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Live: China-Central Asia summit in Astana | Steppe Wire</title>
<meta property="og:site_name" content="Steppe Wire">
<meta name="date" content="2025-06-17">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/live">Live</a></li></ul></nav>
<main>
<article class="liveblog">
<h1>Live: China-Central Asia summit in Astana</h1>
<p>Follow our reporters in Astana as the leaders of China and the five Central Asian states meet for the second summit of their format.</p>
<div class="post">
<p class="time">June 17, 2025 16:40</p>
<h2>Astana Declaration signed by all six leaders</h2>
<p>The six heads of state signed the Astana Declaration in the Palace of Independence on Tuesday afternoon, committing their governments to closer cooperation in trade, transport and energy over the next decade.</p>
<p>The declaration also sets up a permanent secretariat in Xi'an, which is to prepare the next summit in two years.</p>
</div>
<div class="post">
<p class="time">June 16, 2025 18:05</p>
<h2>Rail freight deal expected to double container traffic</h2>
<p>Officials from Kazakhstan and China said a new rail freight agreement would double the number of container trains crossing the border at Khorgos by the end of the decade, easing a bottleneck that has held back trade.</p>
</div>
<div class="post">
<p class="time">June 16, 2025 09:30</p>
<h2>Leaders arrive for the first day of talks</h2>
<p>Motorcades carrying the presidents of Uzbekistan, Kyrgyzstan, Tajikistan and Turkmenistan arrived at the venue shortly after nine, ahead of a closed-door session on regional security and water management.</p>
</div>
</article>
</main>
<footer><p>Copyright © 2025 Steppe Wire. All rights reserved.</p><p><a href="/privacy">Privacy</a> | <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""

LISTING = """<!DOCTYPE html>
<html lang="en">
<head><title>Central Asia | Steppe Wire</title><meta property="og:site_name" content="Steppe Wire"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main>
<h1>Central Asia</h1>
<section class="stories">
<article>
<h2>Uzbekistan signs gas deal with China</h2>
<p class="byline">By Dilnoza Karimova</p>
<p>TASHKENT, June 20 (Xinhua) -- Uzbekistan signed a twenty-year agreement to supply natural gas to China on Friday, the state energy company said, in a deal that also covers a new compressor station on the border.</p>
</article>
<article>
<h2>Kyrgyz railway project enters second phase</h2>
<p class="byline">By Bakyt Osmonov</p>
<p>BISHKEK, June 19 (Kabar) -- Work on the China-Kyrgyzstan-Uzbekistan railway entered its second phase on Thursday, with tunnelling crews starting on the mountain section south of Jalal-Abad, the transport ministry said.</p>
</article>
<article>
<h2>Tajik students head to Chinese universities</h2>
<p class="byline">By Firuza Rahimova</p>
<p>DUSHANBE, June 18 (Xinhua) -- More than two thousand Tajik students will start degree courses at Chinese universities this autumn, twice as many as five years ago, the education ministry said on Wednesday.</p>
</article>
</section>
</main>
<footer><p>Copyright © 2025 Steppe Wire.</p></footer>
</body>
</html>
"""


def _write(folder: Path, name: str, html: str) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html_route")
    for name, html in (("single.html", SINGLE), ("live.html", LIVE), ("listing.html", LISTING)):
        _write(folder, name, html)
    return folder, read_corpus(folder)


def _articles(corpus, name):
    return corpus.articles[corpus.articles["source_file"] == name].reset_index(drop=True)


def test_single_story_page_is_trafilaturas_article(pages):
    _, corpus = pages
    arts = _articles(corpus, "single.html")
    assert len(arts) == 1  # its two subheads do not split it (the old route split single stories)
    a = arts.loc[0]
    paragraphs = [p for p in trafilatura.extract(SINGLE, **TRAFILATURA_OPTIONS).splitlines() if p.strip()]
    # trafilatura's text opens with the headline and the date line: they are the title and the
    # date, the rest is the text
    assert paragraphs[0] == a["title"] == "Kazakhstan and China open new border crossing"
    assert paragraphs[1] == "June 22, 2025"
    assert a["text"] == "\n\n".join(paragraphs[2:])
    assert "Trade on the rise" in a["text"] and "More crossings planned" in a["text"]
    assert a["published"] == pd.Timestamp("2025-06-22") and a["published_precision"] == "day"
    assert a["byline"] == "Aigerim Seitkali"
    assert a["publisher"] == "Steppe Wire"
    assert a["url"] == "https://steppewire.example.com/world/border-crossing"
    assert a["format"] == "html" and a["kind"] == "article"
    assert not corpus.problems["source_file"].eq("single.html").any()


def test_provenance_from_a_dateline_in_html(pages):
    _, corpus = pages
    a = _articles(corpus, "single.html").loc[0]
    assert a["original_source"] == "Xinhua"
    assert "dateline" in a["provenance"] and "(Xinhua)" in a["provenance"]
    assert a["publisher"] == "Steppe Wire" and a["publisher"] != a["original_source"]


def test_every_block_is_in_the_article_or_removed(pages):
    folder, corpus = pages
    for name in ("single.html", "live.html", "listing.html"):
        assert_conservation(corpus, folder / name, name)
    lm = corpus.line_map
    lm = lm[lm["source_file"] == "single.html"]
    page, _ = readers.read_file(readers.InputFile(folder / "single.html", "single.html"))
    field_of = {page[0].lines[u]: f for u, f in zip(lm["unit"], lm["field"])}
    assert field_of["Kazakhstan and China open new border crossing"] == "title"
    assert field_of["By Aigerim Seitkali"] == "byline"
    removed = corpus.removed[corpus.removed["source_file"] == "single.html"]
    reasons = dict(zip(removed["text"], removed["reason"]))
    for chrome in ("Home", "We use cookies to improve your experience on our site.", "Related stories",
                   "Uzbekistan signs gas deal with China", "Copyright © 2025 Steppe Wire. All rights reserved."):
        assert reasons[chrome] == OUTSIDE
    assert reasons["June 22, 2025"] == "timestamp"
    assert removed["p_main"].isna().all()


def test_live_blog_is_split_into_its_posts(pages):
    _, corpus = pages
    arts = _articles(corpus, "live.html")
    assert arts["title"].tolist() == [
        "Live: China-Central Asia summit in Astana",  # the summary above the posts, under the page's title
        "Astana Declaration signed by all six leaders",
        "Rail freight deal expected to double container traffic",
        "Leaders arrive for the first day of talks",
    ]
    assert published_text(arts["published"]).tolist() == ["2025-06-17", "2025-06-17", "2025-06-16", "2025-06-16"]
    assert arts["doc_id"].tolist() == ["live#1", "live#2", "live#3", "live#4"]
    assert "permanent secretariat in Xi'an" in arts.loc[1, "text"]
    assert "Khorgos" in arts.loc[2, "text"] and "Xi'an" not in arts.loc[2, "text"]
    assert arts["text"].map(lambda t: "June 1" not in t).all()  # the time stamps are not text
    removed = corpus.removed[corpus.removed["source_file"] == "live.html"]
    assert (removed.loc[removed["text"] == "June 16, 2025 09:30", "reason"] == "timestamp").all()


def test_listing_is_split_at_its_datelines(pages):
    _, corpus = pages
    arts = _articles(corpus, "listing.html")
    assert arts["title"].tolist() == ["Uzbekistan signs gas deal with China",
                                      "Kyrgyz railway project enters second phase",
                                      "Tajik students head to Chinese universities"]
    assert arts["byline"].tolist() == ["Dilnoza Karimova", "Bakyt Osmonov", "Firuza Rahimova"]
    assert arts.loc[0, "original_source"] == "Xinhua" and arts.loc[2, "original_source"] == "Xinhua"
    assert "(Kabar)" in arts.loc[1, "provenance"]
    assert arts.loc[1, "text"].startswith("BISHKEK, June 19 (Kabar) --")
    removed = corpus.removed[corpus.removed["source_file"] == "listing.html"]
    assert removed.loc[removed["text"] == "Central Asia", "reason"].tolist() == \
        ["above the stories of a multi-story page"]


BODY = ("The talks ended on Sunday with a joint statement on trade, transport and energy links "
        "between the six countries, officials said.")


def test_subheads_without_time_stamps_do_not_split():
    lines = ["Talks end", "June 22, 2025", BODY, "Trade", BODY, "Energy", BODY]
    tags = ["h1", "p", "p", "h2", "p", "h2", "p"]
    assert html_story_heads(lines, tags, [True] * 7) == []


def test_author_headings_outside_the_main_text_do_not_split():
    # a forum thread or comment section: each post under the author's name and a date
    lines = ["Thread title", "Aliya", "Sep 18, 2020", BODY, "Timur", "Sep 21, 2020", BODY]
    tags = ["h1", "h4", "div", "div", "h4", "div", "div"]
    in_text = [True, False, False, True, False, False, True]
    assert html_story_heads(lines, tags, in_text) == []
    assert len(html_story_heads(lines, tags, [True] * 7)) == 2


def test_text_spans_cover_each_block_once():
    text = "Trade grew, she said in Astana on Friday.\nThe talks ended."
    spans = html_text_spans(["Menu", '"Trade grew," she said in Astana on Friday. (pdf)', "The talks ended."], text)
    assert spans[0] == [(0, 4, False)]
    assert spans[2] == [(0, 16, True)]
    line = '"Trade grew," she said in Astana on Friday. (pdf)'
    kept = [line[s:e].strip() for s, e, ok in spans[1] if ok]
    assert kept == ["Trade grew,", "she said in Astana on Friday."]  # not the quote marks, not "(pdf)"
    assert all(norm(k) in norm(text) for k in kept)
    assert "".join(line[s:e] for s, e, _ in spans[1]).replace(" ", "") == line.replace(" ", "")


def test_page_whose_body_is_in_noscript(tmp_path):
    html = SINGLE.replace("<body>", "<body><noscript>").replace("</body>", "</noscript></body>")
    path = _write(tmp_path, "noscript.html", html)
    corpus = read_corpus(path)
    assert len(corpus.articles) == 1 and corpus.problems.empty
    assert "Bakhty" in corpus.articles.loc[0, "text"]
    assert_conservation(corpus, path, "noscript.html")


def test_page_without_trafilatura_text_goes_to_the_line_model(tmp_path, monkeypatch):
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    path = _write(tmp_path, "single.html", SINGLE)
    corpus = read_corpus(path)
    assert_conservation(corpus, path, "single.html")
    assert len(corpus.articles) == 1
    assert "Bakhty" in corpus.articles.loc[0, "text"]
    assert corpus.removed["reason"].str.startswith("not main text (line model").any()


def test_public_pages_give_trafilaturas_article(tmp_path):
    """On a fixed sample of the public pages (single-story pages): one article each, whose text is
    trafilatura's, whose title and date are trafilatura's metadata (the silver labels are
    trafilatura's own output), every block accounted for."""
    folder = shared_path("validation", "extraction")
    silver = json.loads((folder / "metadata_trafilatura.json").read_text(encoding="utf-8"))
    names = random.Random(19).sample(sorted(silver), 40)
    for name in names:
        data = gzip.open(folder / "html" / (Path(name).stem + ".html.gz"), "rb").read()
        (tmp_path / (Path(name).stem + ".html")).write_bytes(data)
    corpus = read_corpus(tmp_path)
    arts = corpus.articles.set_index("source_file")
    assert corpus.articles["source_file"].is_unique and len(arts) == len(names)
    for name in names:
        html_name = Path(name).stem + ".html"
        a = arts.loc[html_name]
        page, _ = readers.read_file(readers.InputFile(tmp_path / html_name, html_name))
        text = norm(page[0].main_text)
        assert norm(a["text"]), html_name
        assert text.endswith(norm(a["text"])), html_name  # at most the headline, date, byline lines left it
        if silver[name].get("title"):
            assert a["title"] == norm(silver[name]["title"]), html_name
        if silver[name].get("date"):
            assert a["published"] == pd.Timestamp(silver[name]["date"][:10]), html_name
        assert_conservation(corpus, tmp_path / html_name, html_name)
