"""Cutting a page into articles and comments, accounting for every line.

The segmenter walks the classified lines of a page with two states: inside an
article, or inside site chrome (the page header, a widget block, the footer).
An article starts where a headline-like line is followed by body paragraphs
(the headline may sit a few furniture lines above the body: post meta, share
bars, a caption), or where a news-app page repeats an item's title around an
outlet/time-stamp block. Inside an article, a new headline followed by body
text starts the next story when the text that follows is about something else
(low word overlap with the story so far) or opens with a wire dateline; an
all-caps or numbered line is a subhead and stays. Widget headers, share bars
after the body, "Source link", comment forms, footers and app prompts close the
article. Reader comments are informal paragraphs at the tail of a page or
under a comment header.

Every non-blank line, and every part of one, ends as exactly one :class:`Piece`:
article text, title, caption, note, byline, comment, or removed with a reason.
Blank lines, about two in five lines of a scraped page, get no Piece:
:func:`segment_lines` returns their indices, and the caller records them as
removed "blank line" without carrying them through every step.

The walk itself is :class:`~framing.ingest.boundaries.Segmenter`; :class:`Piece`,
:class:`Draft` and :class:`LineDecisions` are defined in :mod:`~framing.ingest.drafts`.
This module prepares the lines (the line model's verdict, menus, news-app items,
repeated furniture) and, after the walk, cuts inline furniture, repeated paragraphs,
reader comments and teaser lists out of the articles.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from operator import attrgetter
from dataclasses import replace

from .boundaries import Segmenter, content_words, informal_score
from .drafts import OUTSIDE_REASON, Draft, LineDecisions, Piece, is_model_reason
from .inline import leading_caption_span, player_ui_spans
from .lines import LineInfo, classify_line
from .repeats import line_key

__all__ = ["Piece", "Draft", "LineDecisions", "informal_score", "segment_lines"]

_norm = line_key


_ITEM_LABEL_MAX_WORDS = 8


def _repeated_title_items(lines: list[str], infos: list[LineInfo], labels: dict[int, str], outlets
                          ) -> dict[int, str | None]:
    """News-app items: a title line repeated around an outlet/time-stamp block."""
    items: dict[int, str | None] = {}
    n = len(lines)
    resume = 0  # lines before this index belong to an item already found
    for i in [i for i, info in enumerate(infos) if info.role == "title"]:
        if i < resume or i in labels:
            continue
        info = infos[i]
        key = _norm(lines[i])
        # equal normalised text implies an equal word count, which is free to compare
        copies = [j for j in range(i + 1, min(n, i + 15)) if infos[j].n_words == info.n_words
                  and infos[j].role != "blank" and _norm(lines[j]) == key]
        if not copies:
            continue
        last = copies[-1]
        nxt = next((j for j in range(last + 1, n) if infos[j].role != "blank"), None)
        if nxt is None or infos[nxt].role != "body":
            continue
        # an item's lines between the title and its copy are labels (outlet, time, category); running
        # text there means the title was only printed twice (breadcrumb and headline, say) on a story
        if any(infos[j].n_words > _ITEM_LABEL_MAX_WORDS for j in range(i + 1, last) if j not in copies):
            continue
        outlet = None
        for j in range(i + 1, last):
            if infos[j].role == "blank":
                continue
            if j in copies:
                labels[j] = "repeated title"
                continue
            text = lines[j].strip().lstrip("•·-* ").strip()
            known = outlets.get(text) if outlets is not None else None
            if infos[j].role == "timestamp":
                labels[j] = "item time stamp"
            elif known is not None or (outlet is None and not infos[j].bullet and 1 <= infos[j].n_words <= 5):
                if outlet is None:
                    outlet = known.name if known is not None else text
                labels[j] = "item outlet label (used as publisher)"
            else:
                labels[j] = "item category label"
        labels[last] = "repeated title"
        items[i] = outlet
        resume = last + 1
    return items


def _bullet_menus(infos: list[LineInfo], labels: dict[int, str]) -> None:
    run: list[int] = []

    def flush():
        if len(run) >= 3:
            for j in run:
                if infos[j].role in ("short", "title", "chrome", "zone"):
                    labels.setdefault(j, "navigation menu")
        run.clear()

    for i, info in enumerate(infos):
        if info.role == "blank":
            continue
        if info.bullet and info.n_words <= 5:
            run.append(i)
        elif run:
            flush()
    flush()


def _page_repeats(lines: list[str], infos: list[LineInfo], labels: dict[int, str]) -> None:
    keys = {i: _norm(lines[i]) for i, info in enumerate(infos)
            if info.role in ("short", "title") and info.n_words <= 6 and i not in labels}
    counts = Counter(keys.values())
    for i, key in keys.items():
        if counts[key] >= 2 and not lines[i].strip().endswith((",", ".", ";", ":")):
            labels[i] = "repeated page furniture"


def _split_inline(lines: list[str], pieces: list[Piece]) -> list[Piece]:
    """Cut player-UI runs and leading captions out of body pieces."""
    out: list[Piece] = []
    for p in pieces:
        if p.dest != "body" or p.end - p.start < 40:
            out.append(p)
            continue
        line = lines[p.idx]
        cuts: list[tuple[int, int, str]] = []
        cap = leading_caption_span(line) if len(line) > 200 else None
        if cap:
            cuts.append(cap)
        cuts += player_ui_spans(line)
        if not cuts:
            out.append(p)
            continue
        pos = p.start
        for s, e, reason in sorted(cuts):
            if s < pos:
                continue
            if line[pos:s].strip():
                out.append(Piece(p.idx, pos, s, "body", None, p.art))
            dest = "caption" if reason == "photo caption" else "removed"
            out.append(Piece(p.idx, s, e, dest, reason if dest == "removed" else None,
                             p.art if dest == "caption" else None))
            pos = e
        if line[pos:p.end].strip():
            out.append(Piece(p.idx, pos, p.end, "body", None, p.art))
        elif pos < p.end:
            out.append(Piece(p.idx, pos, p.end, "removed", "whitespace", None))
    return out


def _duplicate_paragraphs(lines: list[str], infos: list[LineInfo], pieces: list[Piece]) -> None:
    """A paragraph printed twice in one article (standfirst, pull quote): keep the later copy."""
    # Equal normalised text implies an equal count of whitespace tokens, which whole lines
    # already carry: only pieces sharing an article and a count are normalised and compared.
    groups: dict[tuple[int, int], list[Piece]] = {}
    for p in pieces:
        # normalising never lengthens a span, so short spans need no key
        if p.dest == "body" and p.art is not None and p.end - p.start >= 60:
            line = lines[p.idx]
            n = infos[p.idx].n_words if p.start == 0 and p.end == len(line) else len(line[p.start:p.end].split())
            groups.setdefault((p.art, n), []).append(p)
    for group in groups.values():
        if len(group) < 2:
            continue
        keyed = [(key, p) for p in group if len(key := _norm(lines[p.idx][p.start:p.end])) >= 60]
        last_seen = {key: p for key, p in keyed}
        for key, p in keyed:
            keep = last_seen[key]
            if keep is not p:
                p.dest, p.reason, p.art = ("removed", f"repeated paragraph (kept its copy at line index {keep.idx})",
                                           None)


def _comments(lines: list[str], pieces: list[Piece], drafts: list[Draft]) -> None:
    """Informal paragraphs at the tail of the page's last article become comments."""
    if not drafts:
        return
    last_art = len(drafts) - 1
    body = [p for p in pieces if p.art == last_art and p.dest == "body"]
    if len(body) < 2:
        return
    if informal_score(lines[body[-1].idx][body[-1].start:body[-1].end]) < 2:
        return  # the context term adds at most 1: no comment possible, skip the word counts
    context = Counter(chain.from_iterable(content_words(lines[p.idx][p.start:p.end]) for p in body[:-1]))
    tail: list[Piece] = []
    for p in reversed(body):
        text = lines[p.idx][p.start:p.end]
        if informal_score(text, context) >= 3 and len(body) - len(tail) > 1:
            tail.append(p)
        else:
            break
    for p in reversed(tail):
        drafts.append(Draft(kind="comment", first_idx=p.idx, last_idx=p.idx))
        p.dest, p.art = "comment", len(drafts) - 1
        drafts[last_art].n_body -= 1


_KEEP_ROLES = frozenset(("body", "short", "title", "heading"))
_SHAPE_LABELS = frozenset(("navigation menu", "repeated page furniture"))


def _apply_decisions(infos: list[LineInfo], decisions: LineDecisions
                     ) -> tuple[list[LineInfo], frozenset[int], LineDecisions]:
    """Roles as the line model decides them.

    The furniture rules stay in charge of what they name precisely (share bars,
    cookie and app prompts, copyright lines, captions, bylines, time stamps); the
    model decides the rest. A kept line is body text whatever its shape (an
    ingredient list, a subhead); a line the model removes is page furniture with
    the model's reason, except a headline-shaped line, which stays a candidate
    headline for the story below it, and an all-caps or numbered subhead between
    two kept lines, which stays in its story. Returns the new roles, the indices of
    the prose lines below the page's last kept line (body until the reader-comment
    test has seen them) and the decisions with the subheads added.
    """
    out = list(infos)
    present = [i for i in range(len(infos)) if decisions.p[i] is not None]
    subheads: set[int] = set()
    run: list[int] = []
    seen_kept = False
    for i in present:  # runs of at most two headings between kept lines
        if decisions.kept(i):
            if seen_kept and 0 < len(run) <= 2 and all(infos[j].role == "heading" for j in run):
                subheads.update(run)
            run, seen_kept = [], True
        else:
            run.append(i)
    if subheads:
        decisions = replace(decisions, subheads=frozenset(subheads))
    last_kept = max((i for i in range(len(infos)) if decisions.kept(i)), default=-1)
    tail = []
    for i, info in enumerate(infos):
        if decisions.p[i] is None or info.role not in _KEEP_ROLES:
            continue
        if decisions.kept(i):
            if info.role != "body" and info.role != "title":  # a kept headline may still open a story
                out[i] = info.with_role("body")
        elif info.role == "title":
            out[i] = info.with_role("title", decisions.reason(i))
        elif info.role in ("body", "short") and 0 <= last_kept < i and info.n_words >= 6:
            tail.append(i)  # prose, or an unpunctuated chat line: body until the comment test
            if info.role == "short":
                out[i] = info.with_role("body")
        else:
            out[i] = info.with_role("chrome", decisions.reason(i))
    return out, frozenset(tail), decisions


_HEADLINE_ROLES = frozenset(("title", "heading", "short"))


def _teasers(lines: list[str], pieces: list[Piece]) -> None:
    """Runs of two or more removed headline-shaped lines are teaser lists ("related stories",
    "latest news"): their reasons say so. Applied after segmentation, so it never takes a
    headline from the story below it; only lines the model or the segmenter removed qualify."""
    def teaser(p: Piece) -> bool:
        info = classify_line(lines[p.idx])  # the line's own shape, before the model's verdict
        return (p.dest == "removed" and p.start == 0 and p.end >= len(lines[p.idx].rstrip())
                and info.role in _HEADLINE_ROLES and info.n_words >= 3 and p.reason is not None
                and (is_model_reason(p.reason) or p.reason.startswith("headline without a story")))

    run: list[Piece] = []
    last_idx = -2
    for p in pieces + [None]:
        if p is not None and p.start > 0:
            continue
        if p is not None and teaser(p) and (not run or p.idx == last_idx + 1 or _only_blank_between(lines, last_idx, p.idx)):
            run.append(p)
            last_idx = p.idx
            continue
        if len(run) >= 2:
            for q in run:
                q.reason = f"teaser/related links; {q.reason}"
        run = [p] if p is not None and teaser(p) else []
        last_idx = p.idx if run else -2


def _only_blank_between(lines: list[str], a: int, b: int) -> bool:
    return all(not lines[i].strip() for i in range(a + 1, b))


def segment_lines(lines: list[str], *, infos: list[LineInfo] | None = None, outlets=None,
                  site_repeats: set[str] | None = None, main_mask: list[bool] | None = None,
                  is_record: bool = False, tags: list[str] | None = None,
                  decisions: LineDecisions | None = None, outlet: str | None = None,
                  outlet_repeats: dict[str, int] | None = None) -> tuple[list[Piece], list[Draft], list[int]]:
    """Segment the lines of one page into article/comment drafts and pieces.

    Parameters
    ----------
    lines : list of str
        The page's lines.
    infos : list of LineInfo, optional
        Precomputed :func:`classify_line` results.
    outlets : Outlets, optional
        Known outlets, to recognise outlet labels of news-app items.
    site_repeats : set of str, optional
        Normalised lines that recur on other pages of the same site.
    main_mask : list of bool, optional
        For HTML: False where trafilatura judged a block outside the main content.
    is_record : bool
        The page is one record of a JSONL/CSV file: one article, no segmentation.
    tags : list of str, optional
        For HTML: the tag of each block; ``figcaption`` is a caption, ``h1`` a
        headline and ``h2``-``h6`` subheads, whatever their shape.
    decisions : LineDecisions, optional
        The line model's verdict on each line: it decides what is main text,
        and the furniture rules keep only what they name precisely.
    outlet : str, optional
        The outlet of the page, named in the reason of ``outlet_repeats`` removals.
    outlet_repeats : dict, optional
        The outlet's boilerplate lines (:func:`framing.ingest.repeats.outlet_boilerplate`):
        line key -> number of the outlet's articles holding it. They are removed
        ("repeated in N articles of <outlet>") unless they are all the page has.

    Returns
    -------
    pieces : list of Piece
        The spans of the non-blank lines, sorted by line index and start.
    drafts : list of Draft
        The articles and comments the pieces' ``art`` refers to.
    blank : list of int
        Indices of the blank lines, in order.
    """
    infos = list(map(classify_line, lines)) if infos is None else list(infos)
    if tags is not None:
        forced = {"figcaption": ("caption", "photo caption"), "h1": ("title", None)}
        for i, tag in enumerate(tags):
            role = forced.get(tag) or (("heading", None) if tag in ("h2", "h3", "h4", "h5", "h6") else None)
            if role and infos[i].role not in ("blank", "chrome", "zone"):
                infos[i] = infos[i].with_role(*role)
    tail: frozenset[int] = frozenset()
    if decisions is not None and not is_record:
        infos, tail, decisions = _apply_decisions(infos, decisions)
    else:
        decisions = None
    labels: dict[int, str] = {}
    if main_mask is not None and decisions is None:
        for i, keep in enumerate(main_mask):
            if not keep and infos[i].role != "blank":
                labels[i] = f"{OUTSIDE_REASON} (trafilatura)"
    if site_repeats:
        for i, info in enumerate(infos):
            if info.role in ("short", "title", "timestamp") and info.n_words <= 12 and _norm(lines[i]) in site_repeats:
                labels.setdefault(i, "repeated on other pages of the same site")
    if outlet_repeats:
        # lines the furniture rules name already keep their more precise reason
        open_lines = [i for i, info in enumerate(infos) if info.role not in ("blank", "chrome", "zone")]
        hits = {i: n for i in open_lines if (n := outlet_repeats.get(line_key(lines[i])))}
        if hits and len(hits) < len(open_lines):
            for i, n in hits.items():
                labels.setdefault(i, f"repeated in {n} articles of {outlet}")
    item_starts: dict[int, str | None] = {}
    if not is_record:
        _bullet_menus(infos, labels)
        item_starts = _repeated_title_items(lines, infos, labels, outlets)
        _page_repeats(lines, infos, labels)
        for i in item_starts:
            labels.pop(i, None)
    if decisions is not None:
        # what the line model keeps, the guesses from shape alone (a run of short bullets is a
        # menu, a short line printed twice is furniture) do not take away; they still name what it
        # removes. News-app item structure and repetition across pages of a site (evidence the
        # model cannot see) stay in charge.
        for i in [i for i in labels if decisions.kept(i) and labels[i] in _SHAPE_LABELS]:
            del labels[i]
        for i, reason in labels.items():
            if not decisions.kept(i) and is_model_reason(infos[i].reason):
                labels[i] = f"{reason}; {infos[i].reason}"
    seg = Segmenter(lines, infos, labels, item_starts, is_record, decisions, tail)
    seg.run()
    pieces = _split_inline(lines, seg.pieces)
    _duplicate_paragraphs(lines, infos, pieces)
    if not is_record:
        _comments(lines, pieces, seg.drafts)
    if tail:
        # prose below the last kept line that is not a reader comment goes back to removed, except
        # the first line of a news-app item that has no other text (a repeated-title block is
        # evidence the model cannot see)
        item_text: dict[int, int] = {}
        for p in pieces:
            if p.dest == "body" and p.art is not None and seg.drafts[p.art].first_idx in item_starts:
                if p.idx not in tail:
                    item_text[p.art] = -1
                else:
                    item_text.setdefault(p.art, p.idx)
        keep = {idx for idx in item_text.values() if idx >= 0}
        for p in pieces:
            if p.idx in tail and p.dest == "body" and p.idx not in keep:
                art = p.art
                p.dest, p.reason, p.art = "removed", seg.in_zone(p.idx, decisions.reason(p.idx)), None
                if art is not None:
                    seg.drafts[art].n_body -= 1
    # drafts that ended with no body (a headline over furniture) give their lines back
    with_body = {p.art for p in pieces if p.dest == "body"}
    empty = {k for k, d in enumerate(seg.drafts) if d.kind == "article" and k not in with_body}
    for p in pieces:
        if p.art in empty:
            p.dest, p.reason, p.art = "removed", f"headline without a story ({p.dest})", None
    pieces.sort(key=attrgetter("idx", "start"))
    if decisions is not None:
        _teasers(lines, pieces)
    return pieces, seg.drafts, seg.blank
