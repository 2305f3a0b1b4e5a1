"""HTML pages: their visible text blocks, trafilatura's main text and metadata, and the
stories of a multi-story page.

:func:`read_html` makes a :class:`~framing.ingest.files.Page` whose lines are the page's
blocks (:func:`html_blocks`) and whose ``main_text`` is trafilatura's article;
:func:`html_text_spans` says which parts of each block that text holds, and
:func:`html_story_heads` where the stories of a live blog or a listing begin.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .files import InputFile, Page
from .linemodel import lines_in_text
from .lines import DATELINE_RE, classify_line

__all__ = ["html_blocks", "TRAFILATURA_OPTIONS", "read_html", "html_text_spans", "MIN_STORY_WORDS", "story_meta",
           "HtmlStory", "html_story_heads"]

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption", "blockquote", "pre",
    "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "table", "tr", "figure",
    "dd", "dt", "dl", "form", "address", "caption", "body", "title", "label", "button", "option",
}
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def html_blocks(html: str, noscript: bool = False) -> list[tuple[int, str, str]]:
    """Visible text blocks of an HTML page as ``(source_line, tag, text)``.

    A block is the text an element shows outside its own block-level children,
    so nested layouts yield each visible string once. Inline elements are joined
    as a browser joins them (``Trade <b>grew</b>,`` reads ``Trade grew,``);
    whitespace is collapsed and the text normalised to NFC, as trafilatura's
    output is. ``noscript=True`` reads ``<noscript>`` content too (what a
    browser without scripts shows).

    Examples
    --------
    >>> html_blocks("<body><nav>Home</nav><p>Trade <b>grew</b>, officials said.</p></body>")
    [(1, 'nav', 'Home'), (1, 'p', 'Trade grew, officials said.')]
    """
    import lxml.html

    root = lxml.html.document_fromstring(html)
    blocks: list[tuple[int, str, str]] = []
    invisible = _INVISIBLE - {"noscript"} if noscript else _INVISIBLE

    def add(el, tag: str, parts: list[str]) -> None:
        own = _norm("".join(parts))
        if own:
            blocks.append((el.sourceline or 0, tag, unicodedata.normalize("NFC", own)))

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in invisible:
            return
        parts: list[str] = [el.text or ""]
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in _BLOCK_TAGS or ctag in invisible or ctag == "noscript":
                add(el, tag, parts)
                parts = []
                walk(child)
            elif ctag == "br":
                parts.append("\n")
            elif ctag:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        add(el, tag, parts)

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


# trafilatura's own options, chosen on the 983 public pages of ../shared/validation/extraction
# (BENCHMARKS.md, "HTML pages: trafilatura's article"): comments left out and tables kept score
# F1 0.926 there; favor_precision 0.922, favor_recall 0.920, tables left out 0.922, comments kept 0.922
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "include_images": False,
                       "favor_precision": False, "favor_recall": False}
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])", re.I)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_html(text: str, inp: InputFile, encoding: str) -> Page:
    """An HTML page: its visible blocks, trafilatura's main text and metadata.

    ``trafilatura.bare_extraction`` (options :data:`TRAFILATURA_OPTIONS`) gives
    the main text, which becomes the page's article (``Page.main_text``), and the
    metadata: title, author (``byline``), site name (``publisher``), canonical URL
    (``url``), date (``published``, ISO ``YYYY-MM-DD``, found by htmldate) and
    language (trafilatura's, else the page's ``<html lang>``). The blocks
    (:func:`html_blocks`) are the page's lines, so that every visible string is
    accounted for in the article or in ``removed``. Where trafilatura finds no
    main text, ``main_mask`` is all False and the line model reads the blocks.

    Examples
    --------
    >>> html = ("<html lang='en'><head><title>Talks end in Astana</title>"
    ...         "<meta name='date' content='2025-06-22'></head><body><nav>Home</nav><article>"
    ...         "<h1>Talks end in Astana</h1><p>ASTANA, June 22 (Xinhua) -- The talks ended on Sunday "
    ...         "with a joint statement on trade, transport and energy links between the six "
    ...         "countries, officials said.</p></article></body></html>")
    >>> from pathlib import Path
    >>> page = read_html(html, InputFile(Path("talks.html"), "talks.html"), "utf-8")
    >>> page.meta["title"], page.meta["published"], page.meta["language"]
    ('Talks end in Astana', '2025-06-22', 'en')
    >>> page.lines[0], page.main_text.splitlines()[-1][:24]
    ('Home', 'ASTANA, June 22 (Xinhua)')
    """
    import trafilatura
    from trafilatura.utils import normalize_unicode

    doc = trafilatura.bare_extraction(text, with_metadata=True, **TRAFILATURA_OPTIONS)
    found = (doc.as_dict() if hasattr(doc, "as_dict") else doc) or {}
    # trafilatura.extract() normalises its output to NFC; bare_extraction's text is not yet
    main = normalize_unicode(found.get("text") or "").strip()
    lines, line_nos, tags = [], [], []
    # a page whose whole body sits in <noscript> (scripts build it) is read as a browser without scripts shows it
    for line_no, tag, block in html_blocks(text) or (html_blocks(text, noscript=True) if main else []):
        if tag == "title":  # an SVG's <title> in the body: not shown
            continue
        lines.append(block)
        line_nos.append(line_no)
        tags.append(tag)
    meta = {}
    for src, dst in (("title", "title"), ("author", "byline"), ("sitename", "publisher"), ("url", "url")):
        value = _norm(str(found.get(src) or ""))
        if value:
            meta[dst] = value
    date = _ISO_DAY.match(str(found.get("date") or ""))
    if date:
        meta["published"] = date.group(0)
    lang = found.get("language") or (m.group(1).lower() if (m := _HTML_LANG.search(text[:5000])) else None)
    if lang:
        meta["language"] = lang
    return Page(inp.source_file, inp.path, "html", encoding, line_nos, lines, meta,
                main_mask=None if main else [False] * len(lines), tags=tags, main_text=main or None)


def html_text_spans(lines: list[str], text: str) -> list[list[tuple[int, int, bool]]]:
    """Which parts of each block of a page an extractor's output ``text`` holds.

    A block is in the text when :func:`framing.ingest.linemodel.lines_in_text`
    says so (its text, or most of its four-word shingles: extractors re-join,
    re-space and trim what they keep). Of such a block, the whole block when the
    text holds it verbatim, else the runs of at least two words that
    :class:`difflib.SequenceMatcher` aligns with the text, widened character by
    character, are ``True`` spans; everything else is a ``False`` span. The
    spans of a block are in order and cover each of its non-blank characters
    once; a ``True`` span, whitespace collapsed, is a substring of the text.

    Examples
    --------
    >>> html_text_spans(["Home", '"Trade grew," she said in Astana on Friday.'],
    ...                 "Trade grew, she said in Astana on Friday.")
    [[(0, 4, False)], [(0, 1, False), (1, 12, True), (12, 13, False), (13, 43, True)]]
    """
    from difflib import SequenceMatcher

    flat = _norm(text)
    inside = lines_in_text(lines, text) if flat else [0] * len(lines)
    matcher, word_starts = None, []
    out = []
    for line, hit in zip(lines, inside):
        if not hit or not line.strip():
            out.append([(0, len(line), False)] if line.strip() else [])
            continue
        if _norm(line) in flat:
            out.append([(0, len(line), True)])
            continue
        if matcher is None:  # built once per page, and only for a page that needs it
            words = flat.split(" ")
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(words)
            pos = 0
            for w in words:
                word_starts.append(pos)
                pos += len(w) + 1
        out.append(_aligned_spans(line, flat, matcher, word_starts))
    return out


_MIN_CHAR_RUN = 5  # characters a match between two aligned word runs needs (not a stray "e " or ", ")


def _aligned_spans(line: str, flat: str, matcher, word_starts: list[int]) -> list[tuple[int, int, bool]]:
    from difflib import SequenceMatcher

    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    matcher.set_seq1([line[s:e] for s, e in tokens])
    runs = [(tokens[i][0], tokens[i + n - 1][1], word_starts[j], word_starts[j + n - 1] + len(matcher.b[j + n - 1]))
            for i, j, n in matcher.get_matching_blocks() if n >= 2]
    kept = []  # (start, end) in the line, (start, end) in the text
    for k, (s, e, ts, te) in enumerate(runs):
        # extractors trim quote marks and re-join words, so a run often goes on inside the next word
        lo, tlo = (kept[-1][0][1], kept[-1][1][1]) if kept else (0, 0)
        hi = runs[k + 1][0] if k + 1 < len(runs) else len(line)
        while s > lo and ts > tlo and line[s - 1] == flat[ts - 1]:
            s, ts = s - 1, ts - 1
        while e < hi and te < len(flat) and line[e] == flat[te]:
            e, te = e + 1, te + 1
        kept.append(((s, e), (ts, te)))
    if not kept:
        return [(0, len(line), False)]
    # what lies between two runs is matched character by character against what lies between
    # them in the text ('"Trade grew,"' against 'Trade grew,'), near the runs at the ends
    spans, pos, tpos = [], 0, max(0, kept[0][1][0] - 2 * kept[0][0][0] - 20)
    for (s, e), (ts, te) in kept + [((len(line), len(line)), (None, None))]:
        if ts is None:
            ts = min(len(flat), tpos + 2 * (len(line) - pos) + 20)
        if line[pos:s].strip():
            base = pos
            for a, _, n in SequenceMatcher(None, line[base:s], flat[tpos:ts], autojunk=False).get_matching_blocks():
                if n >= _MIN_CHAR_RUN and line[base + a:base + a + n].strip():
                    if line[pos:base + a].strip():
                        spans.append((pos, base + a, False))
                    spans.append((base + a, base + a + n, True))
                    pos = base + a + n
            if line[pos:s].strip():
                spans.append((pos, s, False))
        if e > s:
            spans.append((s, e, True))
        pos, tpos = e, te
    return spans


_CLOCK = re.compile(r"^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$", re.I)
_STORY_HEAD_TAGS = frozenset(("h1", "h2", "h3", "h4"))
MIN_STORY_WORDS = 20  # main-text words under a headline for it to open a story of a multi-story page
_PARAGRAPH_WORDS = 8  # a block of the main text this long is a paragraph, not a label


def story_meta(line: str) -> str | None:
    """``"byline"`` or ``"timestamp"`` for a line that signs or dates a story, else None.

    Examples
    --------
    >>> story_meta("By Aigerim Seitkali"), story_meta("14:05 BST"), story_meta("Trade grew.")
    ('byline', 'timestamp', None)
    """
    role = classify_line(line).role
    if role in ("byline", "timestamp"):
        return role
    return "timestamp" if _CLOCK.match(line.strip()) else None


class HtmlStory(NamedTuple):
    """One story of a multi-story HTML page: its first block, its headline block, its time stamp
    and byline blocks."""

    start: int
    head: int
    meta: tuple[int, ...]


def html_story_heads(lines: list[str], tags: list[str], in_text: list[bool]) -> list[HtmlStory]:
    """The stories of a multi-story HTML page (a live blog, a listing); [] for a page of one story.

    A story opens at a headline block (``h1``-``h4``) over at least
    :data:`MIN_STORY_WORDS` words of main text (``in_text``: what trafilatura
    kept) before the next headline, when the headline is signed or dated and in
    the main text itself (a time stamp or byline block right above it, where
    live blogs print the time, or below it before its first paragraph), or when
    its text opens with a wire dateline (``TASHKENT, June 20 (Xinhua) --``;
    trafilatura often drops the headlines of a listing but keeps the stories). A
    page is split only when it holds two or more such stories: the subheads of
    one article have neither, and a forum thread's or a comment section's
    author names are not in trafilatura's main text.

    Examples
    --------
    >>> body = ("The talks ended on Sunday with a joint statement on trade, transport and energy links "
    ...         "between the six countries, officials said.")
    >>> lines = ["Live: summit day two", "10:05", "Leaders arrive", body, "12:30", "Statement signed", body]
    >>> html_story_heads(lines, ["h1", "p", "h2", "p", "p", "h2", "p"], [True] * 7)
    [HtmlStory(start=1, head=2, meta=(1,)), HtmlStory(start=4, head=5, meta=(4,))]
    >>> html_story_heads(lines[:4], ["h1", "p", "h2", "p"], [True] * 4)
    []
    """
    def paragraph(j: int) -> bool:
        return in_text[j] and len(lines[j].split()) >= _PARAGRAPH_WORDS

    heads = [i for i, t in enumerate(tags) if t in _STORY_HEAD_TAGS]
    bounds = heads + [len(lines)]
    stories = []
    for k, h in enumerate(heads):
        end = bounds[k + 1]
        above, below = [], []
        for j in range(h - 1, max(h - 3, bounds[k - 1] if k else -1), -1):
            if story_meta(lines[j]):
                above.insert(0, j)
            elif paragraph(j):
                break
        for j in range(h + 1, min(h + 4, end)):
            if story_meta(lines[j]):
                below.append(j)
            elif paragraph(j):
                break
        body = [j for j in range(h + 1, end) if in_text[j] and j not in below]
        dateline = bool(body) and DATELINE_RE.match(lines[body[0]]) is not None
        signed = in_text[h] and bool(above or below)
        if (signed or dateline) and sum(len(lines[j].split()) for j in body) >= MIN_STORY_WORDS:
            stories.append(HtmlStory(above[0] if above else h, h, tuple(above + below)))
    return stories if len(stories) >= 2 else []
