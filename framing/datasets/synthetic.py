"""Synthetic scraped pages with known ground truth, and clean article tables, for tests and benchmarks.

Each generated page imitates one family of scraped layouts: a WordPress
aggregator wrapped in menus and widgets, a state-media page with unrelated
stories appended, a news-app list of items, a PR-wire release, a newsletter
without blank lines and with a reader comment, or a plain story. All text is
built from small pools of sentences (:mod:`framing.datasets.pools`: China–Central
Asia cooperation for main stories; weather, sport, technology and health for
the stories appended to them), so pages differ without being real reporting.
The layouts are :mod:`framing.datasets.layouts`.

Alongside the text, every :class:`SynthPage` carries what a careful human
reader would say about it: each story's title, body paragraphs (subheads
included, in order), captions, notes, byline, publisher and original source
where the text states them, each reader comment, and the lines of site chrome
that belong to no article.

Examples
--------
>>> import random
>>> page = make_page(random.Random(3), layout="state_multi", n_stories=2)
>>> len(page.articles)
2
>>> page.articles[0].title in page.text
True
"""

from __future__ import annotations

import html
import random
from pathlib import Path
from typing import Sequence

from .layouts import BUILDERS, LAYOUTS, PageLines, SynthArticle, SynthPage, random_date
from .pools import FOOTER_MENU, MAIN_TOPICS, MENU, OTHER_TOPICS, SITES, TOPICS, Sentences, sentence_pool

__all__ = ["LAYOUTS", "MAIN_TOPICS", "OTHER_TOPICS", "SynthArticle", "SynthPage", "sentence_pool", "make_page",
           "make_corpus", "make_html_page", "make_articles_table"]


def make_page(rng: random.Random, layout: str | None = None, n_stories: int | None = None,
              target_chars: int | None = None) -> SynthPage:
    """Generate one synthetic scraped page with its ground truth.

    Parameters
    ----------
    rng : random.Random
        Source of randomness; the same seed gives the same page.
    layout : str, optional
        One of :data:`LAYOUTS`; drawn at random when omitted.

        - ``"wordpress"``: menu bullets, subscribe prompt, headline/date
          widget, breadcrumb, title (often with a source suffix), post meta,
          share bar, photo caption, byline, body with ALL-CAPS subheads,
          "Source link", "Related Posts", comment form, copyright footer.
        - ``"state_multi"``: a China–Central Asia story, then 1-3 unrelated
          stories (weather, sport, technology, health), each with its title.
        - ``"news_app"``: items of title twice, outlet, time stamp, bullet
          category and outlet, title again, one-line body (some with a wire
          dateline, some with embedded video-player text).
        - ``"pr_wire"``: a ``/PRNewswire/ -- A report from ...:`` release
          ending in ``SOURCE ...``.
        - ``"newsletter"``: no blank lines, roman-numeral heads, numbered
          subheads, ``-`` bullets, optionally informal reader comments.
        - ``"plain"``: title and paragraphs.
    n_stories : int, optional
        Number of stories (comments not counted). Only ``state_multi`` (1-4)
        and ``news_app`` (1 or more) hold several; other layouts accept 1.
    target_chars : int, optional
        Pad the main story (news_app: add items) until the page is about this
        many characters long.

    Returns
    -------
    SynthPage

    Examples
    --------
    >>> import random
    >>> page = make_page(random.Random(0), layout="news_app", n_stories=3)
    >>> [a.kind for a in page.articles]
    ['article', 'article', 'article']
    >>> all(a.publisher for a in page.articles)
    True
    >>> big = make_page(random.Random(1), layout="plain", target_chars=10_000)
    >>> 9_000 < len(big.text) < 12_000
    True
    """
    layout = layout or rng.choice(LAYOUTS)
    if layout not in BUILDERS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if n_stories is None:
        n_stories = {"state_multi": rng.randint(2, 4), "news_app": rng.randint(3, 6)}.get(layout, 1)
    limits = {"state_multi": (1, 1 + len(OTHER_TOPICS)), "news_app": (1, 1000)}.get(layout, (1, 1))
    if not limits[0] <= n_stories <= limits[1]:
        raise ValueError(f"layout {layout!r} holds {limits[0]}-{limits[1]} stories, not {n_stories}")
    newline = "\r\n" if rng.random() < 0.3 else "\n"
    gaps = "none" if layout == "newsletter" else rng.choice(("one", "one", "two", "mixed", "none"))
    final_newline = rng.random() < 0.9
    state = rng.getstate()

    def build(extra: int) -> SynthPage:
        rng.setstate(state)
        out = PageLines(rng, gaps)
        truths, more = BUILDERS[layout](rng, out, n_stories, extra)
        return SynthPage(out.text(newline, final_newline), tuple(truths), tuple(out.chrome), layout, newline,
                         more.get("site"), tuple(more.get("related", ())))

    page = build(0)
    extra = 0
    for _ in range(3):  # padding shifts later random draws, so the length is approached in steps
        if not target_chars or len(page.text) >= target_chars * 0.97:
            break
        extra += target_chars - len(page.text)
        page = build(extra)
    return page


def make_corpus(directory: str | Path, n_pages: int, seed: int = 0,
                layouts: Sequence[str] | None = None, target_chars: int | None = None) -> list[SynthPage]:
    """Write ``n_pages`` generated pages as ``page_00000.txt`` ... into ``directory``.

    Parameters
    ----------
    directory : path
        Folder to write into (created if missing).
    n_pages : int
        Number of pages.
    seed : int, default 0
        Seed; page ``i`` is generated from ``random.Random(f"{seed}:{i}")``, so a
        page does not depend on how many pages come before it.
    layouts : sequence of str, optional
        Layouts to draw from (default: all of :data:`LAYOUTS`, in turn).
    target_chars : int, optional
        Passed to :func:`make_page`.

    Returns
    -------
    list of SynthPage
        The pages in file order; the truth stays in memory, nothing else is written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pages = make_corpus(d, 4, seed=1)
    ...     sorted(p.name for p in Path(d).iterdir())[:2]
    ['page_00000.txt', 'page_00001.txt']
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    layouts = list(layouts or LAYOUTS)
    pages = []
    for i in range(n_pages):
        rng = random.Random(f"{seed}:{i}")
        page = make_page(rng, layouts[i % len(layouts)], target_chars=target_chars)
        # newline="" keeps "\r\n" exactly as generated
        with open(d / f"page_{i:05d}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(page.text)
        pages.append(page)
    return pages


def make_html_page(page: SynthPage, rng: random.Random | None = None) -> str:
    """An HTML rendering of a generated page: nav, one ``<article>`` per story, aside, footer.

    Stories get ``<h1>`` titles, ``<p>`` paragraphs, ``<h2>`` subheads and
    ``<figure>``/``<figcaption>`` captions; the page's widget headlines become
    an ``<aside>`` of links; reader comments sit in a comments section.

    Parameters
    ----------
    page : SynthPage
    rng : random.Random, optional
        Varies the menu; a fixed seed by default.

    Returns
    -------
    str

    Examples
    --------
    >>> import random
    >>> page = make_page(random.Random(2), layout="plain")
    >>> "<h1>" + html.escape(page.articles[0].title) + "</h1>" in make_html_page(page)
    True
    """
    rng = rng or random.Random(0)
    esc = html.escape
    site = page.site or rng.choice(SITES)
    parts = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
             f"<title>{esc(page.stories[0].title if page.stories else site)} | {esc(site)}</title>",
             "</head>", "<body>", "<header>", f"<div class=\"site-name\">{esc(site)}</div>", "<nav><ul>"]
    parts += [f"<li><a href=\"/{m.lower().replace(' ', '-')}/\">{esc(m)}</a></li>" for m in rng.sample(MENU, 6)]
    parts += ["</ul></nav>", "</header>", "<main>"]
    for a in page.stories:
        parts.append("<article>")
        parts.append(f"<h1>{esc(a.title)}</h1>")
        if a.byline:
            parts.append(f"<p class=\"byline\">By {esc(a.byline)}</p>")
        for cap in a.captions:
            parts.append(f"<figure><img src=\"photo.jpg\" alt=\"\"><figcaption>{esc(cap)}</figcaption></figure>")
        for p in a.paragraphs:
            head = p.isupper() or (len(p.split()) <= 6 and not p.endswith((".", "?", "!", "\"")))
            parts.append(f"<h2>{esc(p)}</h2>" if head else f"<p>{esc(p)}</p>")
        for n in a.notes:
            parts.append(f"<p class=\"note\"><em>{esc(n)}</em></p>")
        parts.append("</article>")
    if page.comments:
        parts.append("<section class=\"comments\"><h3>Comments</h3>")
        parts += [f"<div class=\"comment\"><p>{esc(c.paragraphs[0])}</p></div>" for c in page.comments]
        parts.append("</section>")
    parts.append("</main>")
    related = page.related or tuple(rng.choice(TOPICS[t].titles) for t in rng.sample(OTHER_TOPICS, 3))
    parts.append("<aside><h3>Related Posts</h3><ul>")
    parts += [f"<li><a href=\"/news/{i}/\">{esc(t)}</a></li>" for i, t in enumerate(related)]
    parts.append("</ul></aside>")
    parts += ["<footer>", "<ul>"]
    parts += [f"<li><a href=\"/{m.lower().replace(' ', '-')}/\">{esc(m)}</a></li>" for m in FOOTER_MENU]
    parts += ["</ul>", f"<p>© 2025 {esc(site)}. All rights reserved.</p>", "</footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- clean article table

_TABLE_PUBLISHERS = (
    ("Xinhua", "state_media"), ("People's Daily", "state_media"), ("China Daily", "state_media"),
    ("CGTN", "state_media"), ("Kazinform", "state_media"), ("The Diplomat", "analysis_magazine"),
    ("Eurasianet", "analysis_magazine"), ("Astana Times", "newspaper"), ("Gazeta.uz", "newspaper"),
    ("The Star", "newspaper"), ("PR Newswire", "pr_wire"), ("Nabka News", "aggregator"),
)
_SLOGAN_SENTENCES = (
    "Both sides vowed to build a closer China-Central Asia community with a shared future.",
    "Officials hailed the projects as examples of win-win cooperation.",
    "The talks reaffirmed the spirit of mutual respect, good-neighbourliness and mutual benefit.",
    "Speakers said high-quality Belt and Road cooperation had delivered real benefits to ordinary people.",
)


def make_articles_table(n: int, seed: int = 0) -> "pandas.DataFrame":  # noqa: F821
    """A table of ``n`` clean synthetic articles, as if already ingested.

    State media and PR-wire rows use official phrases more often than the
    others; aggregator and PR-wire rows are often reprints of a state outlet.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int, default 0
        Seed; the same seed gives the same table.

    Returns
    -------
    DataFrame
        ``doc_id`` (``synth_000000#1`` ...), ``text`` (paragraphs separated by a
        blank line), ``publisher``, ``source_type``, ``original_source`` and
        ``published`` (ISO date), all strings.

    Examples
    --------
    >>> df = make_articles_table(5, seed=1)
    >>> df.columns.tolist()
    ['doc_id', 'text', 'publisher', 'source_type', 'original_source', 'published']
    >>> df["doc_id"].is_unique
    True
    """
    import pandas as pd

    rng = random.Random(seed)
    pools = {t: Sentences(rng, t).pool for t in MAIN_TOPICS + OTHER_TOPICS + ("general",)}
    rows = []
    for i in range(n):
        publisher, source_type = rng.choice(_TABLE_PUBLISHERS)
        original = publisher
        if source_type in ("aggregator", "pr_wire") and rng.random() < 0.7:
            original = rng.choice(("Xinhua", "People's Daily", "China Daily"))
        official = source_type in ("state_media", "pr_wire") or original != publisher
        main = rng.random() < 0.8
        topics = rng.sample(MAIN_TOPICS, rng.randint(1, 3)) if main else [rng.choice(OTHER_TOPICS)]
        paras = []
        for t in (["general"] if main else []) + topics:
            for _ in range(rng.randint(1, 3)):
                sents = rng.sample(pools[t], rng.randint(2, 4))
                if main and rng.random() < (0.35 if official else 0.05):
                    sents.insert(rng.randint(0, len(sents)), rng.choice(_SLOGAN_SENTENCES))
                paras.append(" ".join(sents))
        y, m, d = random_date(rng)
        rows.append({"doc_id": f"synth_{i:06d}#1", "text": "\n\n".join(paras), "publisher": publisher,
                     "source_type": source_type, "original_source": original,
                     "published": f"{y}-{m:02d}-{d:02d}"})
    return pd.DataFrame(rows, columns=["doc_id", "text", "publisher", "source_type", "original_source",
                                       "published"]).astype("string")
