"""The features of a text dump's lines that tell its headline: where each line stands relative
to the story (the line model's probabilities), its shape and role, what follows it, whether
it recurs on the page, how many of its words the story repeats, and how much of it the URL's
slug and the dump's file name spell (:data:`FEATURES`, :data:`NAME_FEATURES`).

:func:`page_lines` gives a page's non-blank lines with their main-text probabilities and
:func:`headline_features` the candidate lines and their features, which the rankers of
:mod:`framing.ingest.headlines` score.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from .linefeatures import densest_block
from .linemodel import load_line_model
from .lines import classify_line

__all__ = ["MAX_WORDS", "MAX_CHARS", "FEATURES", "NAME_FEATURES", "line_key", "url_slug_words", "file_name_words",
           "PageLines", "page_lines", "headline_features"]

#: Lines longer than this are never a headline.
MAX_WORDS, MAX_CHARS = 40, 300
_ROLES = ("title", "short", "body", "heading", "byline", "timestamp", "chrome", "zone", "caption", "note")
_DIST_BINS = ((-1, -1), (-2, -2), (-5, -3), (-15, -6), (-10_000, -16), (0, 0), (1, 5), (6, 10_000))

FEATURES = (
    "d_first_main", "log_abs_d", "before_first_main", *(f"d_{a}_{b}" for a, b in _DIST_BINS),
    "log_main_before", "rel_position", "log_index",
    "p_self", "p_prev", "p_next", "p_next3_max", "p_next5_mean", "log_p_rank_near_main",
    "log_words", "log_chars", "ends_sentence", "ends_colon", "cap_word_share", "all_caps", "digit_share",
    "symbol_share", "has_separator", "starts_digit", "has_year", "byline_word",
    *(f"role_{r}" for r in _ROLES),
    "byline_or_date_next", "byline_or_date_before",
    "log_repeats", "first_occurrence", "in_longer_line", "holds_shorter_line",
    "main_overlap", "lede_overlap",
    "d_block", "log_abs_d_block", "in_block", "d_next_main", "log_main_words_after", "log_main_words_before",
    "main_weight", "heads_block", "heads_first_main", "log_titles_to_block",
    "log_content_words", "first_high_overlap", "log_earlier_as_high",
    "has_url", "slug_in_line", "line_in_slug",
    *(f"{name}_{k:+d}" for k in (-2, -1, 1, 2)
      for name in ("log_words", "ends_sentence", "role_title", "p", "overlap", "marker", "same_run")),
    "has_name", "name_in_line", "line_in_name", "name_last_in_line",
)
# features also given as the line's rank among the page's candidates (0: the highest), so that
# one line is scored against the others of its page
_RANKED = ("main_overlap", "lede_overlap", "p_self", "log_chars", "cap_word_share", "log_main_words_after",
           "log_main_words_before", "name_in_line", "line_in_name")
FEATURES = FEATURES + tuple(f"rank_{f}" for f in _RANKED)
_RANKED_COLS = [FEATURES.index(f) for f in _RANKED]
#: The columns that come from the page's file name (0 without an informative one).
NAME_FEATURES = ("has_name", "name_in_line", "line_in_name", "name_last_in_line", "rank_name_in_line",
                 "rank_line_in_name")

_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ")
# "By", "Von", "Par", "Por", "От", "Author:": the opening word of a byline in five languages
_BYLINE_WORD = re.compile(r"^(?:by|von|par|por|от|автор|author|autor|auteur|text|written by)\b[:\s]", re.I)
_SYMBOLS = frozenset("|/\\<>[]{}()=+*#@&%$€£»«›‹•·_~^")


def line_key(text: str) -> str:
    """A line's words, lower-cased and single-spaced, punctuation left out: the key by which lines are
    compared with each other (a headline printed again in a breadcrumb or a share line).

    Examples
    --------
    >>> line_key("Home » Peanut Butter Truffles!")
    'home peanut butter truffles'
    """
    return " ".join(_WORD.findall(text.lower()))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and not w.isdigit()}


def url_slug_words(url: str | None) -> set[str]:
    """The words of a URL's path (the slug: ``/2019/11/19/talks-resume-in-astana``), lower-cased,
    numbers and the host left out.

    Examples
    --------
    >>> sorted(url_slug_words("https://example.org/news/2019/11/19/talks-resume-in-astana.html"))
    ['astana', 'html', 'news', 'resume', 'talks']
    """
    if not url:
        return set()
    m = re.search(r"web\.archive\.org/web/[^/]+/(.+)$", url)
    if m:  # an archived copy: the archived page's path
        url = m.group(1)
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", str(url), flags=re.I).split("?")[0].split("#")[0]
    return {w for w in _WORD.findall(path.lower()) if len(w) >= 3 and not w.isdigit()}


# a file name that is a hash, a number or a UUID says nothing about the page
_HASH_NAME = re.compile(r"^(?:[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f-]{27,}|\d+)$", re.I)
_GENERIC_NAME_WORDS = frozenset({"www", "com", "org", "net", "html", "htm", "php", "aspx", "index", "page",
                                 "article", "txt", "text", "dump", "copy", "untitled", "document", "download"})
# umlauts and the like as file names and URLs spell them ("Bürgermeisterwahl" -> "buergermeisterwahl")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "ł": "l"})


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def file_name_words(name: str | None) -> list[str]:
    """The words of a dump's file name, in order: lower-cased, accents and umlauts spelled
    in ASCII (ä as ae), numbers, words under three letters and words such as "www" or
    "html" left out; none for a name that is a hash, a number or a UUID.

    Dumps are often named after their page: a browser saves a page under its ``<title>``
    ("Talks resume in Astana - Example News.txt"), a scraper under its site and a word of
    its URL ("example.org-astana.txt").

    Examples
    --------
    >>> file_name_words("dumps/tagesschau.de-Bürgermeisterwahl.txt")
    ['tagesschau', 'buergermeisterwahl']
    >>> file_name_words("0afd671fc2b64f3caa83a91537e8d343.txt")
    []
    """
    if not name:
        return []
    stem = re.sub(r"\.(?:txt|text|md|html?|xml|json|dump)$", "", Path(str(name)).name, flags=re.I)
    if _HASH_NAME.match(re.sub(r"[\s_.-]", "", stem)):
        return []
    return [w for w in _WORD.findall(_fold(stem))
            if len(w) >= 3 and not w.isdigit() and w not in _GENERIC_NAME_WORDS]


def _name_features(texts: list[str], cands: list[int], name: str | None) -> np.ndarray:
    """Per candidate: has_name, the share of the name's words the line spells, the share of
    the line's words the name holds, whether the line spells the name's last word (the URL
    keyword of "site-keyword" names). All 0 when no candidate spells any word of the name, so
    that a name unrelated to the text changes nothing."""
    out = np.zeros((len(cands), 4))
    words = file_name_words(name)
    if not words or not cands:
        return out
    long_words = [w for w in words if len(w) >= 4] or words
    joined = "".join(words)
    # substrings of the line's letters, not words: names run words together ("oranger-wasserstoff",
    # "epidemischenLage")
    for k, i in enumerate(cands):
        line_words = _WORD.findall(_fold(texts[i]))
        letters = "".join(line_words)
        own = [w for w in line_words if len(w) >= 4 and not w.isdigit()]
        out[k, 1] = sum(w in letters for w in long_words) / len(long_words)
        out[k, 2] = sum(w in joined for w in own) / len(own) if own else 0.0
        out[k, 3] = float(words[-1] in letters)
    if out[:, 1:].any():
        out[:, 0] = 1.0
    else:
        out[:] = 0.0
    return out


def _shape(text: str) -> tuple[float, ...]:
    s = text.strip()
    words = s.split()
    n_chars = max(len(s), 1)
    caps = sum(1 for w in words if w[:1].isupper())
    letters = "".join(filter(str.isalpha, s))
    upper = sum(map(str.isupper, letters))
    return (
        math.log1p(len(words)), math.log1p(len(s)),
        float(s.endswith((".", "!", "?", "。"))), float(s.endswith(":")),
        caps / len(words) if words else 0.0,
        float(len(letters) >= 4 and upper / len(letters) > 0.9),
        sum(map(str.isdigit, s)) / n_chars,
        sum(map(_SYMBOLS.__contains__, s)) / n_chars,
        float(any(sep in s for sep in _SEPARATORS)),
        float(s[:1].isdigit()),
        float(bool(_YEAR.search(s))),
        float(bool(_BYLINE_WORD.match(s))),
    )


class PageLines(NamedTuple):
    """A page's non-blank lines with the line model's probabilities (see :func:`headline_features`)."""

    index: list[int]  # position of each non-blank line in the lines given
    texts: list[str]
    p_main: np.ndarray
    first_main: int  # position (among the non-blank lines) of the first main-text line


def page_lines(lines: Sequence[str], p_main=None, threshold: float | None = None) -> PageLines:
    """The non-blank lines of a page with their main-text probabilities.

    ``p_main`` is aligned with ``lines`` (None for blank lines, as
    :class:`~framing.ingest.segment.LineDecisions` holds them) or with the non-blank
    lines only; without it the shipped line model scores the page.
    """
    index = [i for i, line in enumerate(lines) if line and line.strip()]
    texts = [lines[i] for i in index]
    if p_main is None:
        model = load_line_model()
        probs = model.page_probabilities(texts) if texts else np.zeros(0)
        threshold = model.threshold if threshold is None else threshold
    else:
        p_main = list(p_main)
        if len(p_main) == len(lines) and len(lines) != len(texts):
            p_main = [p_main[i] for i in index]
        probs = np.array([0.0 if q is None else float(q) for q in p_main], dtype=np.float64)
        if len(probs) != len(texts):
            raise ValueError(f"p_main has {len(probs)} values for {len(lines)} lines ({len(texts)} non-blank)")
    if threshold is None:
        threshold = load_line_model().threshold
    above = np.flatnonzero(probs >= threshold)
    first = int(above[0]) if len(above) else (int(np.argmax(probs)) if len(probs) else 0)
    return PageLines(index, texts, probs, first)


def headline_features(page: PageLines, url: str | None = None, threshold: float = 0.4, *,
                      name: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate lines of a page and their features (:data:`FEATURES`).

    Parameters
    ----------
    page : PageLines
        From :func:`page_lines`.
    url : str, optional
        The page's URL, whose slug is compared with each line (features ``slug_*``,
        0 with ``has_url`` 0 when not given).
    threshold : float
        The main-text probability above which a line counts as story text (for the
        overlap features).
    name : str, optional
        The dump's file name or path, whose words (:func:`file_name_words`) are compared
        with each line (:data:`NAME_FEATURES`; all 0 without a name, with a name that is a
        hash, or with one that no line spells).

    Returns
    -------
    candidates : ndarray of int
        Positions among the page's non-blank lines of the lines that may be a headline
        (at most :data:`MAX_WORDS` words and :data:`MAX_CHARS` characters).
    X : ndarray of shape (n_candidates, len(FEATURES))
    """
    texts, probs, fm = page.texts, page.p_main, page.first_main
    n = len(texts)
    infos = [classify_line(t) for t in texts]
    cands = [i for i, info in enumerate(infos)
             if 0 < info.n_words <= MAX_WORDS and info.n_chars <= MAX_CHARS]
    if not cands:
        return np.zeros(0, dtype=np.int64), np.zeros((0, len(FEATURES)))
    normed = [line_key(t) for t in texts]
    counts: dict[str, int] = {}
    first_at: dict[str, int] = {}
    for i, s in enumerate(normed):
        counts[s] = counts.get(s, 0) + 1
        first_at.setdefault(s, i)
    main = probs >= threshold
    main_before = np.concatenate([[0], np.cumsum(main)])
    main_idx = np.flatnonzero(main)
    words_of: dict[int, set[str]] = {}

    def content(i: int) -> set[str]:
        if i not in words_of:
            words_of[i] = _content_words(texts[i])
        return words_of[i]

    main_words: dict[str, int] = {}
    for i in main_idx:
        for w in content(i):
            main_words[w] = main_words.get(w, 0) + 1
    dated = [bool(_YEAR.search(t)) and sum(c.isdigit() for c in t) >= 6 for t in texts]
    marker = [info.role in ("byline", "timestamp") or d or bool(_BYLINE_WORD.match(t.strip()))
              for info, d, t in zip(infos, dated, texts)]
    n_words = np.array([info.n_words for info in infos], dtype=np.float64)
    main_w = np.where(main, n_words, 0.0)
    cum_w = np.concatenate([[0.0], np.cumsum(main_w)])
    # the page's densest run of story text (Finn et al.'s body-text extraction on lines): the
    # first main-text line is often a stray one above the menus, the block is the story
    block, block_end = densest_block((probs - threshold) * np.log1p(n_words)) if n else (0, 0)
    near = [i for i in range(max(0, fm - 20), min(n, fm + 3))]
    near_neg = sorted(-probs[i] for i in near)
    slug = url_slug_words(url)
    # longer lines that may hold a candidate (the <title> line, a breadcrumb): one joined text
    joined = "\n".join(f" {s} " for s in normed)
    phrases = {s for s in normed if s.count(" ") >= 2}  # lines of three words or more
    phrase_starts = {p.split(" ", 1)[0] for p in phrases}
    phrase_sizes = sorted({p.count(" ") + 1 for p in phrases})
    # the shape of every line, for the neighbours' features
    # share of a line's words that the story (other lines) repeats: for the candidates and their neighbours
    overlap = np.zeros(n)
    for i in sorted({j for i in cands for j in range(i - 2, i + 3) if 0 <= j < n}):
        own = content(i) if infos[i].n_words <= 60 else set()
        if own:
            seen = 1 if main[i] else 0
            overlap[i] = sum(1 for w in own if main_words.get(w, 0) > seen) / len(own)
    base = np.column_stack([
        np.log1p(n_words), [float(t.rstrip().endswith((".", "!", "?"))) for t in texts],
        [float(info.role == "title") for info in infos], probs, overlap, np.array(marker, dtype=float),
    ]) if n else np.zeros((0, 6))
    head_block, head_first = _title_above(infos, probs, threshold, block), _title_above(infos, probs, threshold, fm)
    title_role = np.concatenate([[0], np.cumsum([info.role == "title" for info in infos])])
    n_own = np.zeros(n, dtype=np.int64)
    n_own[cands] = [len(content(i)) for i in cands]
    high = [i for i in cands if overlap[i] >= 0.5 and n_own[i] >= 3]
    # per candidate: earlier candidates of two or more words whose overlap is at least as high
    c_ov, c_ok = overlap[cands], n_own[cands] >= 2
    earlier = np.tril((c_ov[None, :] >= c_ov[:, None]) & c_ok[None, :], k=-1).sum(axis=1)
    rows = []
    for c, i in enumerate(cands):
        info, s = infos[i], normed[i]
        d = i - fm
        own = content(i)
        lede = set()
        for j in main_idx[np.searchsorted(main_idx, i + 1):][:5]:
            lede |= content(j)
        line_words = set(_WORD.findall(texts[i].lower()))
        in_longer = holds_shorter = 0.0
        if s.count(" ") >= 1:
            in_longer = float(joined.count(f" {s} ") > counts[s])
            w = s.split()
            holds_shorter = float(any(" ".join(w[a:a + k]) in phrases for a in range(len(w)) if w[a] in phrase_starts
                                      for k in phrase_sizes if a + k <= len(w) - (a == 0)))
        rank = bisect_left(near_neg, -probs[i])  # lines near the story start more likely main text
        db = i - block
        nxt = np.searchsorted(main_idx, i + 1)
        d_next = int(main_idx[nxt] - i) if nxt < len(main_idx) else 100
        row = [
            max(-50, min(20, d)), math.log1p(abs(d)), float(d < 0),
            *(float(a <= d <= b) for a, b in _DIST_BINS),
            math.log1p(main_before[i]), i / max(n - 1, 1), math.log1p(i),
            probs[i], probs[i - 1] if i > 0 else 0.0, probs[i + 1] if i + 1 < n else 0.0,
            float(probs[i + 1:i + 4].max()) if i + 1 < n else 0.0,
            float(probs[i + 1:i + 6].mean()) if i + 1 < n else 0.0,
            math.log1p(rank),
            *_shape(texts[i]),
            *(float(info.role == r) for r in _ROLES),
            float(any(marker[i + 1:i + 4])), float(any(marker[max(0, i - 2):i])),
            math.log1p(counts[s] - 1), float(first_at[s] == i), in_longer, holds_shorter,
            overlap[i], len(own & lede) / len(own) if own else 0.0,
            max(-50, min(50, db)), math.log1p(abs(db)), float(block <= i < block_end), math.log1p(d_next),
            math.log1p(cum_w[min(n, i + 11)] - cum_w[i + 1]), math.log1p(cum_w[i] - cum_w[max(0, i - 10)]),
            math.fsum(math.log1p(main_words.get(w, 0)) for w in own) / len(own) if own else 0.0,  # set: any order
            float(i == head_block), float(i == head_first),
            math.log1p(abs(title_role[block] - title_role[i + 1]) if i < block else 0),
            math.log1p(n_own[i]), float(bool(high) and high[0] == i),
            math.log1p(earlier[c]),
            float(bool(slug)),
            len(slug & line_words) / len(slug) if slug else 0.0,
            len(own & slug) / len(own) if slug and own else 0.0,
        ]
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n:
                # same_run: no story line between the two (a headline and its dek, kicker or byline)
                between = main[min(i, j) + 1:max(i, j)].any() or (main[j] and k < 0)
                row.extend([*base[j], float(not between)])
            else:
                row.extend([0.0] * 6 + [0.0])
        rows.append(row)
    X = np.hstack([np.asarray(rows, dtype=np.float64), _name_features(texts, cands, name)])
    # rank among the candidates, highest first, ties sharing the best rank; on a log scale
    ranked = X[:, _RANKED_COLS]
    ranks = (ranked[None, :, :] > ranked[:, None, :]).sum(axis=1)
    return np.asarray(cands, dtype=np.int64), np.hstack([X, np.log1p(ranks)])


def _title_above(infos, probs, threshold: float, start: int) -> int:
    """The headline a reader sees above line ``start``: the nearest title-shaped line
    above it, walking over bylines, time stamps, captions and other short furniture (-1: none)."""
    for j in range(start - 1, max(-1, start - 9), -1):
        info = infos[j]
        if info.role == "title" and not info.teaser:
            return j
        if info.role == "body" or probs[j] >= threshold or info.n_words > 30:
            return -1
    return -1
