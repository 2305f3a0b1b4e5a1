"""Cleaning and segmenting one page into its articles, every line accounted for.

:func:`process_page` segments a text page (:func:`framing.ingest.segment.segment_lines`),
gives its first story the headline model's title line and dates and attributes every
article; :func:`process_html_page` makes a page that trafilatura read into its article (or
the stories of a live blog or listing). Both return the page's article rows, its removed
rows and its line-map rows, which :func:`framing.read_corpus` (:mod:`~framing.ingest.pipeline`)
gathers into the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain

from ..text import count_words
from .dates import find_dates, parse_date, publication_date
from .headlinefeatures import line_key
from .headlines import ranked_lines
from .lines import BYLINE_RE, classify_line
from .origins import original_source_of, publisher_of, wire_url
from .provenance import find_provenance
from .readers import MIN_STORY_WORDS, Page, html_story_heads, html_text_spans, story_meta
from .repeats import outlet_of
from .segment import segment_lines

__all__ = ["process_page", "process_html_page"]

# positions in the line-map and removed rows, which are built as lists (cheaper than dicts per span)
_LM_UNIT, _LM_LINE_NO, _LM_START, _LM_END, _LM_DOC, _LM_FIELD, _LM_REASON = 2, 3, 4, 5, 6, 7, 8
_RM_IDX = 5
_ENUMERATED = re.compile(r"\s*(?:\d{1,2}[.)]|[IVX]{1,4}[.)]?)\s")  # "1. Solar", "2) Wind", "II Challenges"


def _date_from_text(text: str) -> str | None:
    """The first date of day precision written in the first 200 characters of ``text``
    (:func:`framing.ingest.dates.find_dates`: English, German, French, Spanish, Russian forms)."""
    return next((m.iso for m in find_dates([text[:200]]) if m.precision == "day"), None)


@lru_cache(maxsize=10_000)
def _iso_date(written: str) -> str | None:
    """ISO date of a written date ("June 22, 2025", "Updated: 22.06.2025, 14:05"), as precise as it
    is written (:func:`framing.ingest.dates.parse_date`, else the first date found in it)."""
    iso, _ = parse_date(written)
    if iso is None:
        found = find_dates([written])
        iso = found[0].iso if found else None
    return iso


def _found_headline(page: Page, sidecar: dict, decisions, drafts, by_art, line_map: list[list], removed: list[list],
                    art_rows: list[list], n_words: Counter) -> tuple[int | None, int | None]:
    """A text page's first article takes the line the headline model ranks first
    (:func:`framing.ingest.headlines.find_headline`) as its title, in place of the
    segmenter's, unless a sidecar or the page names the title. Returns (first article,
    its title line), the title line anchoring the page's date.

    The line moves into the title field from ``removed`` or from the text of a story (a
    headline the line model kept as story text, at the top of the story or below lines the
    page prints first); it becomes the title of the story it was in, and that story's own
    title goes to ``removed`` saying so. A line the segmenter reads as another article's
    title, or a sentence of a story's text (``classify_line`` role "body"), stays where it is.
    A breadcrumb ranked first gives its last step (:func:`_breadcrumb_step`).
    Returns the story given the title and its title line, the line anchoring the page's date.
    """
    first_of = {k: min(i for parts in by_art[k].values() for i, _ in parts) for k in by_art}
    stories = [k for k in by_art if drafts[k].kind == "article"]
    if not stories:
        return None, None
    first = min(stories, key=first_of.__getitem__)
    titles = by_art[first].get("title", [])
    title_line = titles[0][0] if titles else None
    if decisions is None or not decisions.scored or sidecar.get("title") or page.meta.get("title"):
        return first, title_line
    lines = page.lines
    # a saved page is often named after its title or slug; a record file's name says nothing of each record
    ranked = ranked_lines(lines, decisions.p, url=sidecar.get("url") or page.meta.get("url"),
                          threshold=decisions.threshold, name=None if page.is_record else page.source_file)
    if not ranked:
        return first, title_line
    h, start = _breadcrumb_step(lines, ranked[0][0])
    if h in {i for i, _ in titles}:
        return first, title_line
    rows = [m for m in line_map if m[_LM_UNIT] == h]
    if len(rows) != 1 or rows[0][_LM_START] != 0 or rows[0][_LM_END] != len(lines[h]):
        return first, title_line
    row = rows[0]
    if start and row[_LM_FIELD] is not None:
        return first, title_line  # a breadcrumb the line model kept as story text is left there whole
    if row[_LM_FIELD] is None:  # removed: its removed row goes, or keeps the trail before a breadcrumb's step
        at = next((j for j in range(len(removed) - 1, -1, -1) if removed[j][_RM_IDX] == h), None)
        if at is None:
            return first, title_line
        if start:
            removed[at][2] = lines[h][:start].strip()
            trail, row = row, list(row)
            trail[_LM_END] = row[_LM_START] = start
            line_map.append(row)
            art_rows.append(row)
        else:
            del removed[at]
            if row[_LM_DOC] is None:
                art_rows.append(row)
    elif row[_LM_FIELD] == "text" and row[_LM_DOC] in stories and classify_line(lines[h]).role != "body":
        # a headline the line model kept as story text: at the top of the story, or below lines
        # that the page prints first (a teaser, a photo credit, a site's own name). A sentence of the
        # story is never made its headline (a removed line shaped like one may be: "Will Trump Write
        # His Own Memoir?"). Keeping the segmenter's headline when the model ranks it second, or
        # refusing a line below the story's start, cost 5 and 8 points of titles on the public pages;
        # the generated pages in the model's training teach it widgets.
        first = row[_LM_DOC]
        body = by_art[first]["body"]
        at = next((j for j, (i, _) in enumerate(body) if i == h), None)
        if at is None:
            return first, title_line
        if at and _ENUMERATED.match(lines[h]) and any(_ENUMERATED.match(t) for j, (_, t) in enumerate(body) if j != at):
            return first, title_line  # a numbered section heading of the story, beside its siblings
        del body[at]
        n_words[first] -= classify_line(lines[h]).n_tokens
        titles = by_art[first].get("title", [])
    else:
        return first, title_line
    reason = f"not the headline (the headline model chose line {page.line_nos[h]})"
    old = {i for i, _ in titles}
    for m in line_map:
        if m[_LM_DOC] == first and m[_LM_FIELD] == "title" and m[_LM_UNIT] in old:
            m[_LM_FIELD], m[_LM_REASON] = None, reason
            i = m[_LM_UNIT]
            removed.append([page.source_file, page.line_nos[i], lines[i][m[_LM_START]:m[_LM_END]].strip(), reason,
                            m[-1], i])
    row[_LM_DOC], row[_LM_FIELD], row[_LM_REASON] = first, "title", None
    by_art[first]["title"] = [(h, lines[h][start:].strip())]
    return first, h


_TRAIL = re.compile(r"\s*[»›>]\s*|\s+[|/]\s+")  # the separators of lines.py's breadcrumb rule


def _breadcrumb_step(lines: list[str], h: int) -> tuple[int, int]:
    """The headline a breadcrumb ("Home » Recipes » Peanut Butter Truffles") names as its last
    step: ``(line, start)``, the line that prints the step alone (the nearest) if the page has
    one, else the breadcrumb line and where the step starts in it. Any other line: ``(h, 0)``."""
    if classify_line(lines[h]).reason != "breadcrumb":
        return h, 0
    steps = _TRAIL.split(lines[h].rstrip())
    step = line_key(steps[-1]) if len(steps) >= 2 else ""
    if not step:
        return h, 0
    alone = [j for j, line in enumerate(lines) if j != h and line and line_key(line) == step]
    if alone:
        return min(alone, key=lambda j: (abs(j - h), j)), 0
    return h, len(lines[h].rstrip()) - len(steps[-1])


def process_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None, page_no: int = 0,
                 doc_prefix: str = "", first_no: int = 1, decisions=None,
                 boilerplate: dict[str, dict[str, int]] | None = None):
    """Clean and segment one page; returns (article dicts, removed rows, line-map rows).

    Removed rows are ``[source_file, line_no, text, reason, p_main, line index]`` and line-map rows
    follow LINE_MAP_COLUMNS. The page's articles, in page order, get the doc_ids
    ``f"{doc_prefix}#{n}"`` for n from ``first_no`` on."""
    lines = page.lines
    outlet = outlet_of(page.meta, sidecar) if boilerplate else None
    pieces, drafts, blank = segment_lines(lines, outlets=outlets, site_repeats=site_repeats,
                                          main_mask=page.main_mask, is_record=page.is_record, tags=page.tags,
                                          decisions=decisions, outlet=outlet,
                                          outlet_repeats=boilerplate.get(outlet) if outlet else None)
    probs = decisions.p if decisions is not None and decisions.scored else [None] * len(lines)
    by_art: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    removed = []
    line_map = []
    art_rows = []  # line-map rows naming a draft, to be given its doc_id
    source_file, line_nos = page.source_file, page.line_nos
    n_words: Counter = Counter()
    # blank lines come from the segmenter as indices; their rows are merged in line order:
    # before each piece and, at the closing None, up to the end of the page
    next_blank = iter(blank + [len(lines)]).__next__
    b = next_blank()
    for p in chain(pieces, (None,)):
        upto = len(lines) if p is None else p.idx
        while b < upto:
            line_map.append([source_file, page_no, b, line_nos[b], 0, len(lines[b]), None, None, "blank line", None])
            removed.append([source_file, line_nos[b], "", "blank line", None, b])
            b = next_blank()
        if p is None:
            break
        text = lines[p.idx][p.start:p.end]
        if p.dest == "removed":
            row = [source_file, page_no, p.idx, line_nos[p.idx], p.start, p.end, p.art, None, p.reason, probs[p.idx]]
            line_map.append(row)
            if p.art is not None:
                art_rows.append(row)
            removed.append([source_file, line_nos[p.idx], text.strip(), p.reason or "removed", probs[p.idx], p.idx])
        else:
            row = [source_file, page_no, p.idx, line_nos[p.idx], p.start, p.end, p.art,
                   "text" if p.dest == "body" else p.dest, None, probs[p.idx]]
            line_map.append(row)
            art_rows.append(row)
            by_art[p.art][p.dest].append((p.idx, text.strip()))
            if p.dest in ("body", "comment"):
                # a whole line's word count comes with its (cached) classification
                line = lines[p.idx]
                n_words[p.art] += classify_line(line).n_tokens if p.end - p.start == len(line) \
                    else count_words(text)
    page_date, first_story = None, None
    if page.fmt == "txt" and not page.is_record and by_art:
        first_story, title_line = _found_headline(page, sidecar, decisions, drafts, by_art, line_map, removed,
                                                  art_rows, n_words)
        if first_story is not None and not (sidecar.get("published") or page.meta.get("published")):
            page_date = publication_date(lines, title_line, url=sidecar.get("url") or page.meta.get("url"))
    arts = []
    page_meta = dict(page.meta)
    has_items = any(d.outlet for d in drafts)
    removed_by_idx = defaultdict(list)
    for r in removed:
        if r[2]:  # blank lines carry nothing for provenance
            removed_by_idx[r[_RM_IDX]].append(r[2])
    first_of = {k: min(i for parts in by_art[k].values() for i, _ in parts) for k in by_art}
    order = sorted(by_art, key=first_of.__getitem__)
    next_first = {k: first_of[nxt] for k, nxt in zip(order, order[1:])}
    for k in order:
        d = drafts[k]
        parts = by_art[k]
        first_i, last_i = first_of[k], max(i for v in parts.values() for i, _ in v)
        title = " ".join(t for _, t in parts.get("title", []))
        body = [t for _, t in parts.get("body", [])] + [t for _, t in parts.get("comment", [])]
        notes = [t for _, t in parts.get("note", [])]
        span_end = next_first.get(k, len(lines))  # the next article's first line
        span_removed = [t for i in range(first_i, span_end) for t in removed_by_idx.get(i, [])]
        if page.is_record and not title:
            title = page_meta.get("title", "")
        byline = None
        if parts.get("byline"):
            m = BYLINE_RE.match(parts["byline"][0][1])
            byline = m.group(1).strip() if m else parts["byline"][0][1]
        byline = byline or page_meta.get("byline")
        row = {
            "source_file": page.source_file, "kind": d.kind, "text": "\n\n".join(body),
            "captions": "\n".join(t for _, t in parts.get("caption", [])) or None,
            "notes": "\n".join(notes) or None, "byline": byline,
            "line_start": page.line_nos[first_i], "line_end": page.line_nos[last_i],
            "encoding": page.encoding, "format": page.fmt, "record_id": page_meta.get("record_id"),
            "sidecar_notes": sidecar.get("sidecar_notes"), "n_words": n_words[k],
        }
        if d.kind == "comment":
            row.update(title="", original_source="reader", original_source_type="reader_comment",
                       source_type="reader_comment",
                       provenance="reader comment (informal paragraph at the end of the page)",
                       publisher=outlets.canonical(sidecar.get("publisher") or page_meta.get("publisher")),
                       published=sidecar.get("published") or page_meta.get("published"),
                       url=sidecar.get("url") or page_meta.get("url"), via=None)
            arts.append(row)
            continue
        prov = find_provenance(title, body, notes + span_removed, outlets)
        row["title"] = title
        if prov.title is not None and prov.title != title:
            row["title"] = prov.title
            _cut_title_suffix(line_map, removed, lines, page, k, title[len(prov.title):].strip())
        page_publisher, publisher_note = publisher_of(sidecar, page_meta, outlets, prov.publisher_hint)
        if d.outlet:
            publisher = outlets.canonical(d.outlet)
            source_type = outlets.source_type(publisher)
            via = page_publisher if page_publisher != publisher else None
        else:
            publisher = page_publisher
            source_type = sidecar.get("source_type") or page_meta.get("source_type") \
                or outlets.source_type(publisher)
            via = None
        # precedence: record columns, then the sidecar (unless the page holds several outlets' items),
        # then the text, then the publisher itself
        declared = page_meta.get("original_source") if page.is_record else None
        if declared is None and not has_items:
            declared = sidecar.get("original_source")
        origin = "record" if page.is_record and page_meta.get("original_source") else "sidecar"
        original, provenance, original_type = original_source_of(declared, origin, prov, publisher, source_type,
                                                                 outlets)
        row.update(
            publisher=publisher, source_type=source_type, via=via, original_source=original,
            original_source_type=original_type,
            provenance=f"{provenance}; {publisher_note}" if publisher_note and publisher == page_publisher else provenance,
            published=sidecar.get("published") or page_meta.get("published"),
            url=sidecar.get("url") or page_meta.get("url") or wire_url(span_removed),
        )
        if row["published"] is None:
            if k == first_story and page_date is not None:  # the date written nearest the page's headline
                row["published"], row["published_precision"] = page_date.iso, page_date.precision
            elif first_story is not None and parts.get("title"):  # a later story: a date by its own headline
                t = parts["title"][0][0]
                near = [m for m in find_dates(lines, start=t - 3, stop=t + 6) if m.precision == "day"]
                if near:
                    best = min(near, key=lambda m: (abs(m.line - t), m.line < t))
                    row["published"], row["published_precision"] = best.iso, "day"
            if row["published"] is None:
                row["published"] = _date_from_text(body[0] if body else "")
        arts.append(row)
    # articles and comments are in page order (order sorts drafts by their first line)
    doc_ids = {k: f"{doc_prefix}#{first_no + pos}" for pos, k in enumerate(order)}
    for a, k in zip(arts, order):
        a["doc_id"] = doc_ids[k]
    for m in art_rows:
        m[_LM_DOC] = doc_ids.get(m[_LM_DOC])
    return arts, removed, line_map


_HTML_OUTSIDE = "outside main content (trafilatura)"
_HTML_ABOVE = "above the stories of a multi-story page"


def process_html_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None = None, page_no: int = 0,
                      doc_prefix: str = "", first_no: int = 1, decisions=None,
                      boilerplate: dict[str, dict[str, int]] | None = None):
    """An HTML page that trafilatura read (``page.main_text``): its articles, removed rows and line-map rows.

    The page is one article whose text is trafilatura's main text (less its
    first lines where they repeat the title or are a time stamp or byline) and
    whose title, byline, site name, URL and date are trafilatura's metadata (a
    sidecar still wins). Only a page whose main text holds several stories,
    each a headline with a time stamp, byline or wire dateline over its own
    text (:func:`framing.ingest.readers.html_story_heads`: a live blog, a
    listing), gives one article per story, built from the parts of its blocks
    that are in the main text. Every visible block is accounted for: its parts
    in the article text are ``text`` spans
    (:func:`framing.ingest.readers.html_text_spans`); a block outside it that
    prints the title, the byline or a figure caption goes to that field, a time
    stamp to ``removed`` as "timestamp", the rest to ``removed`` as "outside
    main content (trafilatura)". The original source is found as on text pages.
    ``site_repeats``, ``decisions`` and ``boilerplate`` are not used
    (trafilatura's verdict on the HTML stands). Returns what
    :func:`process_page` returns.
    """
    lines, tags, meta = page.lines, page.tags or [""] * len(page.lines), page.meta
    page_title = meta.get("title", "")
    paragraphs = [p.strip() for p in page.main_text.split("\n") if p.strip()]
    # trafilatura's text often opens with the headline, a time stamp, a byline: they are the
    # article's title, date and byline, not its text
    header: dict[str, str] = {}
    while len(paragraphs) > 1 and len(header) < 4:
        first = " ".join(paragraphs[0].split())
        if "title" not in header.values() and page_title and first in page_title \
                and len(first) >= 0.6 * len(page_title):
            header[first] = "title"
        elif role := story_meta(first):
            header[first] = role
        else:
            break
        del paragraphs[0]
    spans = html_text_spans(lines, "\n".join(paragraphs))
    in_text = [any(ok for _, _, ok in sp) for sp in spans]
    heads = html_story_heads(lines, tags, in_text)
    # stories: (first block, end block, headline block or None, time stamp and byline blocks)
    if not heads:
        stories = [(0, len(lines), None, ())]
    else:
        starts = [h.start for h in heads] + [len(lines)]
        stories = [(h.start, starts[k + 1], h.head, h.meta) for k, h in enumerate(heads)]
        intro_words = sum(len(lines[i].split()) for i in range(starts[0]) if in_text[i])
        if intro_words >= MIN_STORY_WORDS:  # a live blog's summary above its posts
            stories.insert(0, (0, starts[0], None, ()))
    removed, line_map, arts = [], [], []
    sf = page.source_file

    def drop(i: int, s: int, e: int, reason: str) -> None:
        line_map.append([sf, page_no, i, page.line_nos[i], s, e, None, None, reason, None])
        removed.append([sf, page.line_nos[i], lines[i][s:e].strip(), reason, None, i])

    def keep(i: int, s: int, e: int, fld: str, art: int) -> None:
        line_map.append([sf, page_no, i, page.line_nos[i], s, e, art, fld, None, None])

    if heads and stories[0][0] > 0:
        for i in range(stories[0][0]):
            drop(i, 0, len(lines[i]), _HTML_ABOVE)
    for k, (lo, hi, head, story_meta_blocks) in enumerate(stories):
        title = lines[head] if head is not None else page_title
        byline = None if heads else meta.get("byline") or next(
            (m.group(1).strip() for h, r in header.items() if r == "byline" and (m := BYLINE_RE.match(h))), None)
        published, captions, body = None, [], []
        title_block, byline_block, n_removed, n_mapped = head, None, len(removed), len(line_map)
        for i in range(lo, hi):
            line = lines[i]
            role = story_meta(line) if i in story_meta_blocks else None
            if i == head:
                keep(i, 0, len(line), "title", k)
            elif role == "byline" and byline is None and (m := BYLINE_RE.match(line)):
                byline, byline_block = m.group(1).strip(), i
                keep(i, 0, len(line), "byline", k)
            elif role is not None:
                published = published or _story_date(line)
                drop(i, 0, len(line), classify_line(line).reason or role)
            elif in_text[i]:
                parts = []
                for s, e, ok in spans[i]:
                    if ok:
                        keep(i, s, e, "text", k)
                        parts.append(line[s:e].strip())
                    else:
                        drop(i, s, e, _HTML_OUTSIDE)
                body.append(" ".join(parts))
            elif title_block is None and title and line in title and len(line) >= 0.6 * len(title):
                title_block = i
                keep(i, 0, len(line), "title", k)
            elif header.get(line) == "timestamp":
                drop(i, 0, len(line), classify_line(line).reason or "timestamp")
            elif tags[i] == "figcaption":
                captions.append(line)
                keep(i, 0, len(line), "caption", k)
            elif byline and byline_block is None and byline in line and len(line.split()) <= 12:
                byline_block = i
                keep(i, 0, len(line), "byline", k)
            else:
                drop(i, 0, len(line), _HTML_OUTSIDE)
        mapped = [m[_LM_UNIT] for m in line_map[n_mapped:] if m[_LM_DOC] == k]
        # furniture of the story's span (a "SOURCE ..." line, a disclaimer), for provenance
        start = min(mapped, default=hi)
        extra = [r[2] for r in removed[n_removed:] if r[_RM_IDX] >= start and r[2]]
        if not heads:
            body = paragraphs
        text = "\n\n".join(body)
        # a dateline opens the first paragraph of running text, below a time stamp trafilatura may keep
        lead = next((j for j, p in enumerate(body[:4]) if classify_line(p).role == "body"), 0)
        prov = find_provenance(title, body[lead:], body[:lead] + extra, outlets)
        row = _html_article(page, sidecar, outlets, prov, title, text, extra)
        if prov.title is not None and prov.title != title:
            _cut_title_suffix(line_map, removed, lines, page, k, title[len(prov.title):].strip())
        row.update(
            kind="article", byline=byline, captions="\n".join(captions) or None, notes=None,
            published=sidecar.get("published") or published or meta.get("published") or _date_from_text(text),
            line_start=page.line_nos[min(mapped, default=lo)] if page.line_nos else None,
            line_end=page.line_nos[max(mapped, default=hi - 1)] if page.line_nos else None,
            doc_id=f"{doc_prefix}#{first_no + len(arts)}", art=k,
        )
        arts.append(row)
    doc_ids = {a.pop("art"): a["doc_id"] for a in arts}
    for m in line_map:
        if m[_LM_DOC] is not None:
            m[_LM_DOC] = doc_ids.get(m[_LM_DOC])
    return arts, removed, line_map


def _story_date(line: str) -> str | None:
    """The ISO day of a story's time stamp that names its year ("14:05" alone names no day)."""
    return _iso_date(line) if re.search(r"\b\d{4}\b", line) else None


def _html_article(page: Page, sidecar: dict, outlets, prov, title: str, text: str, extra: list[str]) -> dict:
    """Article fields of one story of an HTML page: who published it and who wrote it."""
    meta = page.meta
    publisher, publisher_note = publisher_of(sidecar, meta, outlets, prov.publisher_hint)
    source_type = sidecar.get("source_type") or meta.get("source_type") or outlets.source_type(publisher)
    original, provenance, original_type = original_source_of(sidecar.get("original_source"), "sidecar", prov,
                                                             publisher, source_type, outlets)
    return {
        "source_file": page.source_file, "title": prov.title if prov.title is not None else title, "text": text,
        "publisher": publisher, "source_type": source_type, "via": None, "original_source": original,
        "original_source_type": original_type,
        "provenance": f"{provenance}; {publisher_note}" if publisher_note else provenance,
        "url": sidecar.get("url") or meta.get("url") or wire_url(extra),
        "n_words": count_words(text), "encoding": page.encoding, "format": page.fmt,
        "record_id": meta.get("record_id"), "sidecar_notes": sidecar.get("sidecar_notes"),
    }


def _cut_title_suffix(line_map: list[list], removed: list[list], lines: list[str], page: Page, art: int,
                      suffix: str) -> None:
    """Move a source suffix ("-Xinhua") out of the title span into ``removed``."""
    for m in reversed(line_map):
        if m[_LM_DOC] == art and m[_LM_FIELD] == "title":
            line = lines[m[_LM_UNIT]]
            pos = line.rfind(suffix, m[_LM_START], m[_LM_END])
            if pos < 0:
                return
            cut = max(len(line[:pos].rstrip(" -–—|:")), m[_LM_START])  # the span may start mid-line
            reason = "source suffix in the title (used as original_source)"
            cut_row = list(m)
            cut_row[_LM_START], cut_row[_LM_DOC], cut_row[_LM_FIELD], cut_row[_LM_REASON] = cut, None, None, reason
            line_map.append(cut_row)
            removed.append([page.source_file, m[_LM_LINE_NO], line[cut:m[_LM_END]].strip(), reason, m[-1],
                            m[_LM_UNIT]])
            m[_LM_END] = cut
            return
