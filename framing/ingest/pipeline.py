"""The ingestion driver: pages on disk to a :class:`~framing.corpus.Corpus`.

:func:`read_corpus` finds the files and sidecars (:mod:`~framing.ingest.readers`,
:mod:`~framing.ingest.metadata`), learns each outlet's boilerplate
(:mod:`~framing.ingest.repeats`), lets the line model judge the lines of text pages
(:mod:`~framing.ingest.linemodel`), then cleans and segments every page
(:mod:`~framing.ingest.segment`) and dates and attributes its articles, keeping
every input line in an article field or in ``removed`` with its reason.

Examples
--------
>>> from framing.datasets import sample_corpus_path
>>> corpus = read_corpus(sample_corpus_path())
>>> corpus.articles.columns[:3].tolist()
['doc_id', 'source_file', 'kind']
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Iterable

from ..corpus import (ARTICLE_COLUMNS, LINE_MAP_COLUMNS, PROBLEM_COLUMNS, REMOVED_COLUMNS, USER_PREFIX, Corpus,
                      CorpusError, PendingTable, typed_frame)
from ..lexicon import host_of, load_outlets
from ..published import published_dates, published_text
from ..text import count_words
from .dates import find_dates, parse_date, publication_date
from .headlines import ranked_lines
from .lines import BYLINE_RE, classify_line
from .linemodel import load_line_model, page_decisions
from .metadata import load_sidecars
from .provenance import find_provenance
from .readers import (MIN_STORY_WORDS, Page, Problem, check_columns, discover, html_story_heads, html_text_spans,
                      read_file, story_meta)
from .repeats import line_counts, outlet_boilerplate, outlet_of
from .segment import segment_lines

__all__ = ["doc_prefixes", "read_corpus"]

_ARTICLE_NAMES = frozenset(ARTICLE_COLUMNS)
# positions in the line-map and removed rows, which are built as lists (cheaper than dicts per span)
_LM_UNIT, _LM_LINE_NO, _LM_START, _LM_END, _LM_DOC, _LM_FIELD, _LM_REASON = 2, 3, 4, 5, 6, 7, 8
_RM_IDX = 5
_ENUMERATED = re.compile(r"\s*(?:\d{1,2}[.)]|[IVX]{1,4}[.)]?)\s")  # "1. Solar", "2) Wind", "II Challenges"


def _site_key(page: Page, sidecar: dict) -> str | None:
    return sidecar.get("publisher") or page.meta.get("publisher")


def _site_repeats(pages: list[Page], sidecars: dict[str, dict]) -> dict[str, set[str]]:
    """Normalised short lines that recur on two or more pages of the same site."""
    by_site: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        if p.is_record:
            continue
        key = _site_key(p, sidecars.get(p.source_file, {}))
        if key:
            by_site[key].append(p)
    out: dict[str, set[str]] = {}
    for site, group in by_site.items():
        if len(group) < 2:
            continue
        counts: Counter = Counter()
        for p in group:
            counts.update({re.sub(r"\s+", " ", s).strip().casefold() for s in p.lines if 0 < len(s.split()) <= 12})
        out[site] = {k for k, v in counts.items() if v >= 2}
    return out


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


def _with_precision(arts: list[dict], problems: list) -> None:
    """Every article's ``published`` as an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) with its
    ``published_precision`` (day, month, year): a sidecar's "2025-06" is a month. A value that
    is no date leaves the article undated, with a problem naming the file, line and value (the
    corpus holds ``published`` as dates: :mod:`framing.published`)."""
    for a in arts:
        value = a.get("published")
        if value is None or a.get("published_precision") is not None:
            continue
        iso, precision = parse_date(value)
        if iso is None:  # an ISO date outside the years a page's date is looked for in (1990-2100)
            try:
                dates, precisions = published_dates([value])
            except ValueError:
                where = a.get("source_file") or "?"
                if a.get("line_start"):
                    where += f", line {a['line_start']}"
                problems.append(Problem(a.get("source_file"), "bad date",
                                        f"{where}: published {value!r} is not a date; the article is left "
                                        "undated (write YYYY-MM-DD, YYYY-MM or YYYY)", "warning",
                                        a.get("line_start") or None))
                a["published"] = None
                continue
            iso, precision = published_text(dates, precisions).iat[0], precisions.iat[0]
        if iso is not None:
            a["published"], a["published_precision"] = iso, precision


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
    title, or as a sentence of a story (``classify_line`` role "body"), stays where it is.
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
    h = ranked[0][0]
    if h in {i for i, _ in titles} or classify_line(lines[h]).role == "body":
        # a sentence of the story is never made its headline. (Keeping the segmenter's headline when
        # the model ranks it second, or refusing a line below the story's start, cost 5 and 8 points
        # of titles on the public pages; the generated pages in the model's training teach it widgets.)
        return first, title_line
    rows = [m for m in line_map if m[_LM_UNIT] == h]
    if len(rows) != 1 or rows[0][_LM_START] != 0 or rows[0][_LM_END] != len(lines[h]):
        return first, title_line
    row = rows[0]
    if row[_LM_FIELD] is None:  # removed: its removed row goes
        at = next((j for j in range(len(removed) - 1, -1, -1) if removed[j][_RM_IDX] == h), None)
        if at is None:
            return first, title_line
        del removed[at]
        if row[_LM_DOC] is None:
            art_rows.append(row)
    elif row[_LM_FIELD] == "text" and row[_LM_DOC] in stories:
        # a headline the line model kept as story text: at the top of the story, or below lines
        # that the page prints first (a teaser, a photo credit, a site's own name)
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
    by_art[first]["title"] = [(h, lines[h].strip())]
    return first, h


def _process_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None, page_no: int = 0,
                  doc_prefix: str = "", first_no: int = 1, decisions=None,
                  boilerplate: dict[str, dict[str, int]] | None = None):
    """Clean and segment one page; returns (article dicts, removed rows, line-map rows).

    Removed rows are ``[source_file, line_no, text, reason, line index]`` and line-map rows
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
        page_publisher, publisher_note = _page_publisher(sidecar, page_meta, outlets, prov.publisher_hint)
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
        original, provenance, original_type = _original_source(declared, origin, prov, publisher, source_type,
                                                                outlets)
        row.update(
            publisher=publisher, source_type=source_type, via=via, original_source=original,
            original_source_type=original_type,
            provenance=f"{provenance}; {publisher_note}" if publisher_note and publisher == page_publisher else provenance,
            published=sidecar.get("published") or page_meta.get("published"),
            url=sidecar.get("url") or page_meta.get("url") or _wire_url(span_removed),
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


def _process_html_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None = None, page_no: int = 0,
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
    :func:`_process_page` returns.
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


def _original_source(declared: str | None, origin: str, prov, publisher: str | None, source_type: str | None,
                     outlets) -> tuple[str | None, str, str | None]:
    """Who wrote an article, how we know, and its type: ``(original_source, provenance, original_source_type)``.

    A declared original source (``origin`` says where it was declared) wins, with a note of whether the
    text's cue agrees; then the text's cue; then the publisher itself.
    """
    if declared:
        original, provenance = outlets.canonical(declared), origin
        if prov.original_source:
            agree = outlets.canonical(prov.original_source) == original
            provenance += f"; text {'agrees' if agree else 'disagrees'}: {prov.cue}"
    elif prov.original_source:
        original, provenance = prov.original_source, prov.cue
    elif publisher:
        original, provenance = publisher, "no cue in the text; assumed to be the publisher"
    else:
        original, provenance = None, "unknown: no cue in the text and no publisher"
    if prov.speech and original == prov.original_source:
        original_type = "official_statement"
    elif original is not None and original == publisher:
        original_type = source_type
    else:
        original_type = outlets.source_type(original)
    return original, provenance, original_type


def _html_article(page: Page, sidecar: dict, outlets, prov, title: str, text: str, extra: list[str]) -> dict:
    """Article fields of one story of an HTML page: who published it and who wrote it."""
    meta = page.meta
    publisher, publisher_note = _page_publisher(sidecar, meta, outlets, prov.publisher_hint)
    source_type = sidecar.get("source_type") or meta.get("source_type") or outlets.source_type(publisher)
    original, provenance, original_type = _original_source(sidecar.get("original_source"), "sidecar", prov,
                                                            publisher, source_type, outlets)
    return {
        "source_file": page.source_file, "title": prov.title if prov.title is not None else title, "text": text,
        "publisher": publisher, "source_type": source_type, "via": None, "original_source": original,
        "original_source_type": original_type,
        "provenance": f"{provenance}; {publisher_note}" if publisher_note else provenance,
        "url": sidecar.get("url") or meta.get("url") or _wire_url(extra),
        "n_words": count_words(text), "encoding": page.encoding, "format": page.fmt,
        "record_id": meta.get("record_id"), "sidecar_notes": sidecar.get("sidecar_notes"),
    }


def _page_publisher(sidecar: dict, meta: dict, outlets, text_hint: str | None) -> tuple[str | None, str | None]:
    """The page's publisher and, when it came from the URL, a note saying so.

    A declared publisher (sidecar, record column, HTML site name) wins; then the
    outlet whose listed domain is the longest suffix of the page's domain or URL
    host; then a hint in the text; then the host itself, as written, which the
    outlets lexicon does not know (its source type stays unknown).
    """
    declared = sidecar.get("publisher") or meta.get("publisher")
    if declared:
        return outlets.canonical(declared), None
    host = host_of(meta.get("domain")) or host_of(sidecar.get("url") or meta.get("url"))
    listed = outlets.by_domain(host) if host else None
    if listed:
        return listed[0].name, f"publisher from URL domain {listed[1]}"
    if text_hint:
        return text_hint, None
    if host and not _reserved_host(host):
        return host, f"publisher from URL domain {host} (not in the outlets lexicon)"
    return None, None


def _reserved_host(host: str) -> bool:
    """Domains reserved for documentation and testing (RFC 2606, RFC 6761): never a publisher."""
    labels = host.split(".")
    return ".".join(labels[-2:]) in ("example.com", "example.org", "example.net") or \
        labels[-1] in ("example", "test", "invalid", "localhost")


def _cut_title_suffix(line_map: list[list], removed: list[list], lines: list[str], page: Page, art: int,
                      suffix: str) -> None:
    """Move a source suffix ("-Xinhua") out of the title span into ``removed``."""
    for m in reversed(line_map):
        if m[_LM_DOC] == art and m[_LM_FIELD] == "title":
            line = lines[m[_LM_UNIT]]
            pos = line.rfind(suffix, m[_LM_START], m[_LM_END])
            if pos < 0:
                return
            cut = len(line[:pos].rstrip(" -–—|:"))
            reason = "source suffix in the title (used as original_source)"
            cut_row = list(m)
            cut_row[_LM_START], cut_row[_LM_DOC], cut_row[_LM_FIELD], cut_row[_LM_REASON] = cut, None, None, reason
            line_map.append(cut_row)
            removed.append([page.source_file, m[_LM_LINE_NO], line[cut:m[_LM_END]].strip(), reason, m[-1],
                            m[_LM_UNIT]])
            m[_LM_END] = cut
            return


_VIEW_ORIGINAL = re.compile(r"view original content", re.I)


def _wire_url(lines: list[str]) -> str | None:
    for line in lines:
        if "original" in line.lower() and _VIEW_ORIGINAL.search(line):
            m = re.search(r"https?://\S+", line)
            if m:
                return m.group(0).rstrip(".")
    return None


def _remove_page(page: Page, page_no: int, reason: str) -> tuple[list[list], list[list]]:
    """Removed rows and line-map rows for a page kept out whole (its lines are not lost)."""
    removed, line_map = [], []
    for unit, (no, line) in enumerate(zip(page.line_nos, page.lines)):
        removed.append([page.source_file, no, line.strip(), reason, None, unit])
        line_map.append([page.source_file, page_no, unit, no, 0, len(line), None, None, reason, None])
    return removed, line_map


def doc_prefixes(pages: list[Page]) -> tuple[dict[str, str], list[Problem]]:
    """The ``doc_id`` prefix of each source file (its stem, made unique where two files share one),
    and a problem for each clash resolved. ``framing.scale`` numbers documents with the same prefixes."""
    stems: dict[str, list[str]] = defaultdict(list)
    for sf in dict.fromkeys(p.source_file for p in pages):
        stems[Path(sf).stem].append(sf)
    prefixes, problems = {}, []
    for stem, files in stems.items():
        if len(files) == 1:
            prefixes[files[0]] = stem
            continue
        for sf in files:
            prefixes[sf] = Path(sf).as_posix()
        problems.append(Problem(", ".join(files), "duplicate id",
                                f"files {', '.join(files)} share the stem {stem!r}; their doc_ids use the "
                                f"file path instead (e.g. '{files[0]}#1')", "warning"))
    return prefixes, problems


def read_corpus(paths: str | Path | Iterable[str | Path], metadata: str | Path | None = None, *,
                outlets: str | Path | Iterable[str | Path] | None = None, strict: bool = False,
                line_model="default", text_column: str | None = None, columns: dict | None = None,
                sep: str | None = None, boilerplate: dict[str, dict[str, int]] | None = None) -> Corpus:
    """Read scraped pages into a clean, segmented Corpus with provenance.

    Parameters
    ----------
    paths : path, glob, or list of them
        Folders (searched recursively), files or glob patterns of ``.txt``,
        ``.html``/``.htm``, ``.jsonl`` and ``.csv`` files. A ``sources.csv`` or
        ``sources.yaml`` inside a folder is read as its metadata sidecar.
    metadata : path, optional
        A sidecar (CSV or YAML) naming files and their ``publisher,
        source_type, original_source, published, url``. Sidecar values win
        over what the text suggests.
    outlets : path or list of paths, optional
        User outlet lexicons extending ``lexicons/outlets.yaml``.
    strict : bool, default False
        Raise :class:`CorpusError` listing every problem instead of recording
        them in ``Corpus.problems``.
    line_model : LineModel, "default" or None
        What decides which lines of a text page are its main text: the line
        model shipped with framing (:func:`framing.ingest.linemodel.load_line_model`,
        learned from public labelled pages), one of your own
        (:func:`framing.ingest.linemodel.fit_line_model`), or None for the
        furniture rules alone. HTML pages are read by trafilatura and records
        (JSONL/CSV) are one article each, whatever this says.
    text_column : str, optional
        The column (or JSON key) of record files that holds the article text,
        when it is none of the names read by default (``text``, ``body``,
        ``content``, ``article``, ``full_text``, ``maintext``, ...; the README
        lists every column read and what it becomes).
    columns : dict, optional
        Other fields by column name, e.g. ``{"published": "pub_time",
        "publisher": "source_name"}``; fields: ``text``, ``id``, ``title``,
        ``publisher``, ``source_type``, ``original_source``, ``published``,
        ``url``, ``byline``, ``domain``, ``language``.
    sep : str, optional
        The field separator of CSV files; sniffed from the header row (``,``
        ``;`` tab ``|``) when not given, and recorded in ``corpus.info``.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> from framing.datasets import sample_corpus_path
    >>> corpus = read_corpus(sample_corpus_path())
    >>> sorted(corpus.articles["kind"].unique())
    ['article', 'comment']
    """
    with _gc_paused():
        return _read_corpus(paths, metadata, outlets=outlets, strict=strict, line_model=line_model,
                            read_options={"text_column": text_column, "columns": check_columns(columns), "sep": sep},
                            boilerplate=boilerplate)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while tables are built.

    Ingestion creates millions of small lists and strings and no reference cycles;
    the collector's full passes over that growing heap cost about a sixth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_MODEL_BATCH = 500  # pages whose lines the line model scores in one call


def _page_decisions(pages: list[Page], line_model) -> dict[int, object]:
    """What is main text, per page (by index in ``pages``): the line model's decisions for text
    pages and for HTML pages where trafilatura found no main text. An HTML page with trafilatura's
    main text needs none: it is that article (:func:`_process_html_page`)."""
    out: dict[int, object] = {}
    if line_model is None:
        return out
    if isinstance(line_model, str):
        if line_model != "default":
            raise ValueError(f"line_model must be a LineModel, 'default' or None, not {line_model!r}")
        line_model = load_line_model()
    # text pages, and HTML pages where trafilatura found no main text: the line model decides
    todo = [k for k, p in enumerate(pages)
            if (p.fmt == "txt" or p.main_mask is not None) and k not in out and not p.is_record
            and not p.meta.get("unparsed")]
    for b in range(0, len(todo), _MODEL_BATCH):
        batch = todo[b:b + _MODEL_BATCH]
        nonblank = [[line for line in pages[k].lines if line.strip()] for k in batch]
        for k, probs in zip(batch, line_model.probabilities(nonblank)):
            out[k] = page_decisions(pages[k].lines, probs, line_model)
    return out


def _read_corpus(paths, metadata, *, outlets, strict: bool, line_model="default",
                 read_options: dict | None = None, boilerplate=None) -> Corpus:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [str(p) for p in paths]
    known = load_outlets(outlets)
    files, sidecar_paths, problems = discover(paths)
    if metadata is not None:
        sidecar_paths = [Path(metadata)] + [p for p in sidecar_paths if p.resolve() != Path(metadata).resolve()]
    sidecars, more = load_sidecars(sidecar_paths, [f.source_file for f in files])
    problems += more
    pages: list[Page] = []
    separators: dict[str, str] = {}
    for f in files:
        pp, pr = read_file(f, **(read_options or {}))
        pages += pp
        problems += pr
        if pp and pp[0].fmt == "csv" and "csv_separator" in pp[0].meta:
            separators[f.source_file] = pp[0].meta["csv_separator"]
    prefixes, more = doc_prefixes(pages)
    problems += more
    repeats = _site_repeats(pages, sidecars)
    if boilerplate is None:
        boilerplate = outlet_boilerplate(line_counts(pages, sidecars))
    decisions = _page_decisions(pages, line_model)
    articles, removed, line_map = [], [], []
    counters: Counter = Counter()
    user_names: dict[str, None] = {}  # the user's own columns, in order of first appearance
    page_numbers: Counter = Counter()
    seen_ids: dict[tuple[str, str], int] = {}
    for k, page in enumerate(pages):
        sidecar = sidecars.get(page.source_file, {})
        page_no = page_numbers[page.source_file]
        page_numbers[page.source_file] += 1
        if page.meta.get("unparsed"):
            rem, lmap = _remove_page(page, page_no, "unreadable record (see problems)")
            removed += rem
            line_map += lmap
            continue
        rid = page.meta.get("record_id")
        if rid is not None:
            key = (page.source_file, rid)
            if key in seen_ids:
                problems.append(Problem(page.source_file, "duplicate id",
                                        f"{page.source_file}, line {page.line_nos[0]}: record id {rid!r} already "
                                        f"used at line {seen_ids[key]}; record kept in 'removed'", "warning",
                                        page.line_nos[0]))
                rem, lmap = _remove_page(page, page_no, f"duplicate record id {rid!r}")
                removed += rem
                line_map += lmap
                continue
            seen_ids[key] = page.line_nos[0]
        site = _site_key(page, sidecar)
        try:
            # an HTML page with trafilatura's main text is that article; the rest are segmented
            process = _process_html_page if page.main_text else _process_page
            arts, rem, lmap = process(page, sidecar, known, repeats.get(site) if site else None, page_no,
                                      prefixes[page.source_file], counters[page.source_file] + 1,
                                      decisions.get(k), boilerplate)
        except Exception as exc:  # a bug on one odd page must not lose the corpus, nor the page's lines
            problems.append(Problem(page.source_file, "processing error",
                                    f"{page.source_file}: could not be cleaned ({type(exc).__name__}: {exc}); "
                                    "its lines are in 'removed'", "error"))
            rem, lmap = _remove_page(page, page_no, "page could not be processed (see problems)")
            removed += rem
            line_map += lmap
            continue
        dec = decisions.get(k)
        if dec is not None and dec.fallback:
            first, last = page.line_nos[dec.fallback[0]], page.line_nos[dec.fallback[-1]]
            problems.append(Problem(page.source_file, "uncertain story",
                                    f"{page.source_file}: no line reached the {dec.model}'s threshold "
                                    f"({dec.threshold:.2f}); kept its most likely block, lines {first}-{last} "
                                    "(check the article)", "warning", first))
        if not any(a["kind"] == "article" for a in arts) and any(map(str.strip, page.lines)):
            where = f"{page.source_file}, line {page.line_nos[0]}" if page.is_record else page.source_file
            problems.append(Problem(page.source_file, "no story found",
                                    f"{where}: no story found (no run of main text); every line is "
                                    "in 'removed' with its reason", "warning",
                                    page.line_nos[0] if page.is_record else None))
        _with_precision(arts, problems)
        _with_user_columns(arts, page.meta, sidecar, user_names)
        counters[page.source_file] += len(arts)
        articles += arts
        line_map += lmap
        removed += rem
    if strict and problems:
        raise CorpusError(f"{len(problems)} problem(s) reading the corpus:\n" +
                          "\n".join(f"- {p.message}" for p in problems))
    info = {"inputs": paths, "metadata": str(metadata) if metadata else None}
    if separators:
        info["csv_separators"] = separators
    if read_options and any(read_options.values()):
        info["read_options"] = {k: v for k, v in read_options.items() if v}
    return Corpus(
        typed_frame(articles, ARTICLE_COLUMNS + list(user_names)),
        typed_frame(removed, REMOVED_COLUMNS),
        typed_frame([vars(p) for p in problems], PROBLEM_COLUMNS),
        PendingTable(line_map, LINE_MAP_COLUMNS),
        info,
    )


def _with_user_columns(arts: list[dict], meta: dict, sidecar: dict, names: dict[str, None]) -> None:
    """Give each article of a page its language and the user's own columns of its record and its
    sidecar row (the sidecar wins); a name that is an article column gets :data:`USER_PREFIX`.
    The column names are added to ``names`` in order of first appearance."""
    user = {**meta.get("user_columns", {}), **sidecar.get("user_columns", {})}
    user = {USER_PREFIX + k if k in _ARTICLE_NAMES else k: v for k, v in user.items()}
    names.update(dict.fromkeys(user))
    for a in arts:
        a["language"] = meta.get("language") or sidecar.get("language")
        a.update(user)
