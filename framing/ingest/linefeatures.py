"""Numeric features of the lines of a page, for the learned line classifier.

A text dump has no tags and no link density, so what tells main text from page
furniture is the shape of a line and, above all, the shape of its neighbourhood:
running text sits among long lines that end in full stops and are dense in
function words; menus, teasers and footers sit among short, capitalised,
unpunctuated lines. The features follow boilerplate-removal research on text
(jusText's stopword density and length classes, Kohlschütter et al.'s shallow
text features, Finn et al.'s body-text extraction as a densest block):

* the line's own shape (:data:`SHAPE_FEATURES`): length, final punctuation,
  capitalisation, digits, symbols, separators, and the furniture rules of
  :mod:`framing.ingest.lines` as flags;
* its place on the page: relative position, share of the page's words above it,
  length relative to the page's longest line, repetition within the page, and
  whether it lies in the page's densest block of running text;
* stopword density in the page's own language (jusText's stoplists, which
  trafilatura already installs: no download), for the line and its neighbours;
* the same shape features of the lines one to three above and below, and means
  over windows of 5, 10 and 20 lines each side.

Blank lines carry no evidence and are left out of the sequence: the features of a
line describe it among the page's non-blank lines. Everything a page needs is
computed with numpy over all its lines at once; the per-line part is cached by
line text, since site furniture recurs on every page of a site.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from .lines import LineInfo, TIMESTAMP_RE, classify_line

# Languages whose stoplists are looked up: the large European languages and a few more that
# news corpora often hold. A page's language is the one whose stopwords cover most of its tokens.
STOPLIST_LANGUAGES = (
    "English", "German", "French", "Spanish", "Russian", "Italian", "Portuguese", "Dutch", "Polish",
    "Czech", "Swedish", "Danish", "Norwegian_Bokmal", "Finnish", "Turkish", "Ukrainian", "Greek",
    "Hungarian", "Romanian", "Indonesian", "Catalan", "Croatian", "Kazakh", "Uzbek",
)

ROLES = ("chrome", "zone", "caption", "byline", "note", "timestamp", "heading", "title", "body", "short")

SHAPE_FEATURES = (
    "log_words", "log_chars", "ends_sentence", "ends_colon", "ends_ellipsis", "ends_open", "starts_upper",
    "starts_bullet", "cap_word_share", "upper_char_share", "digit_share", "symbol_share", "mean_word_len",
    "comma_rate", "inner_sentences", "separators", "has_url", "date_like", "quote_marks", "long_line",
) + tuple(f"role_{r}" for r in ROLES)

# The shape features carried to the neighbouring lines and windows (with the stopword share).
_NEIGHBOUR = ("log_words", "ends_sentence", "cap_word_share", "symbol_share", "long_line", "role_title",
              "role_body", "role_chrome", "role_short", "separators")
_WINDOW = ("log_words", "ends_sentence", "long_line", "symbol_share", "cap_word_share")
# features also given relative to the page: the page's mean, and the line's rank on the page
_RELATIVE = ("log_words", "ends_sentence", "cap_word_share", "symbol_share", "long_line")
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (5, 10, 20)

PAGE_FEATURES = (
    "stopword_share", "rel_position", "log_lines_before", "log_lines_after", "words_before_share",
    "rel_words_to_max", "log_page_lines", "log_page_words", "repeats_in_page", "in_dense_block",
    "block_distance", "block_share", "page_stopword_share",
)


def feature_names() -> list[str]:
    """Names of the columns of :func:`page_feature_matrix`, in order.

    Examples
    --------
    >>> names = feature_names()
    >>> names[:3]
    ['log_words', 'log_chars', 'ends_sentence']
    >>> len(names) == len(set(names))
    True
    """
    names = list(SHAPE_FEATURES) + list(PAGE_FEATURES)
    nb = list(_NEIGHBOUR) + ["stopword_share"]
    names += [f"{f}@{o:+d}" for o in _OFFSETS for f in nb]
    names += [f"{f}~{w}" for w in _WINDOWS for f in list(_WINDOW) + ["stopword_share"]]
    names += [f"{f}:page_mean" for f in list(_RELATIVE) + ["stopword_share"]]
    names += ["log_words:rank", "stopword_share:rank", "log_words~5:rank", "stopword_share~5:rank"]
    return names


_SHAPE_INDEX = {f: i for i, f in enumerate(SHAPE_FEATURES)}
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_URL_RE = re.compile(r"https?://|www\.|\S+@\S+\.\w", re.I)
_SEPARATORS = re.compile(r"\s[|»›/·•–-]\s|\s\|\s?|»|›")
_SENTENCE_MARK = re.compile(r"[a-z\u00e0-\u024f\u0430-\u044f]{2}[.!?]\s+\S")
_SENTENCE_END = tuple(".!?\u2026")
_CLOSERS = "\"”’'»)]"


@lru_cache(maxsize=1)
def _stopword_masks() -> dict[str, int]:
    """Token -> bit mask of the stoplist languages it belongs to (jusText's lists, loaded once)."""
    import justext

    masks: dict[str, int] = {}
    for bit, lang in enumerate(STOPLIST_LANGUAGES):
        for w in justext.get_stoplist(lang):
            masks[w] = masks.get(w, 0) | (1 << bit)
    return masks


class LineShape:
    """The cached, page-independent facts about one line's text."""

    __slots__ = ("vector", "masks", "n_tokens", "key")

    def __init__(self, vector: list[float], masks: np.ndarray, key: str):
        self.vector = vector
        self.masks = masks
        self.n_tokens = len(masks)
        self.key = key


@lru_cache(maxsize=200_000)
def line_shape(text: str) -> LineShape:
    """Shape features of one non-blank line (see :data:`SHAPE_FEATURES`), with the stoplist
    masks of its tokens.

    Examples
    --------
    >>> s = line_shape("The talks ended on Friday, officials said.")
    >>> s.vector[SHAPE_FEATURES.index("ends_sentence")]
    1.0
    """
    return _line_shape(text, classify_line(text))


_ROLE_SLOT = {r: len(SHAPE_FEATURES) - len(ROLES) + k for k, r in enumerate(ROLES)}
_QUOTES = "\"“”«»„"
_ELLIPSES = ("...", "\u2026")
_log1p = np.log1p


def _line_shape(text: str, info: LineInfo) -> LineShape:
    s = text.strip()
    words = s.split()
    n_words = len(words)
    n_chars = len(s)
    letters = sum(map(str.isalpha, s))
    upper = sum(map(str.isupper, s))
    digits = sum(map(str.isdigit, s))
    joined = "".join(words)
    blanks = n_chars - len(joined)
    core = s.rstrip(_CLOSERS) or s
    ellipsis = core.endswith(_ELLIPSES)
    v = [
        float(_log1p(n_words)), float(_log1p(n_chars)),
        float(core.endswith(_SENTENCE_END) and not ellipsis), float(core.endswith(":")), float(ellipsis),
        float(core[-1].isalnum()), float(s[0].isupper()), float(info.bullet or info.numbered),
        sum(map(str.isupper, (w[0] for w in words))) / n_words,
        upper / letters if letters else 0.0,
        digits / n_chars,
        (n_chars - letters - digits - blanks) / n_chars,
        min(len(joined) / n_words, 30.0),
        s.count(",") / n_words,
        float(min(len(_SENTENCE_MARK.findall(s)), 10)),
        float(min(len(_SEPARATORS.findall(s)), 10)),
        float(("http" in s or "www." in s or "@" in s) and bool(_URL_RE.search(s))),
        float(n_words <= 12 and bool(TIMESTAMP_RE.match(s))),
        float(min(sum(map(s.count, _QUOTES)), 10)),
        float(n_words >= 10),
    ] + [0.0] * len(ROLES)
    v[_ROLE_SLOT.get(info.role, _ROLE_SLOT["short"])] = 1.0
    table = _stopword_masks()
    tokens = _TOKEN_RE.findall(s.lower())
    masks = np.array([table.get(t, 0) for t in tokens], dtype=np.int64)
    return LineShape(v, masks, " ".join(words).casefold())


_BITS = np.arange(len(STOPLIST_LANGUAGES), dtype=np.int64)


def _window_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Mean of ``x`` over rows i-w..i+w (clipped to the page), for every column."""
    n = len(x)
    c = np.vstack([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def _shifted(x: np.ndarray, k: int, fill: float = -1.0) -> np.ndarray:
    """Rows of ``x`` moved by ``k`` (row i gets row i+k); ``fill`` beyond the page."""
    out = np.full_like(x, fill)
    n = len(x)
    if k > 0 and k < n:
        out[:n - k] = x[k:]
    elif k < 0 and -k < n:
        out[-k:] = x[:n + k]
    return out


def densest_block(weights: np.ndarray) -> tuple[int, int]:
    """The contiguous run of rows with the largest sum of ``weights``, as (start, stop).

    Finn, Kushmerick & Smyth's body-text extraction (2001) on lines: running text
    counts for, furniture against. Kadane's maximum subarray with cumulative sums.

    Examples
    --------
    >>> densest_block(np.array([-1.0, 5, 3, -2, 4, -9, 1]))
    (1, 5)
    """
    if len(weights) == 0:
        return 0, 0
    c = np.concatenate([[0.0], np.cumsum(weights)])
    # index of the running minimum of c[:j], for every j
    run_min = np.minimum.accumulate(c)
    is_new_min = np.concatenate([[True], c[1:] < run_min[:-1]])
    low_idx = np.maximum.accumulate(np.where(is_new_min, np.arange(len(c)), 0))
    gain = c[1:] - run_min[:-1]
    stop = int(np.argmax(gain)) + 1
    start = int(low_idx[stop - 1])
    return start, stop


def page_feature_matrix(lines: list[str], shapes: list[LineShape] | None = None) -> np.ndarray:
    """Feature matrix of a page's non-blank lines (rows in page order; see :func:`feature_names`).

    Parameters
    ----------
    lines : list of str
        The page's non-blank lines, in order.
    shapes : list of LineShape, optional
        Their :func:`line_shape` results, when already at hand.

    Returns
    -------
    ndarray of shape (len(lines), len(feature_names()))

    Examples
    --------
    >>> X = page_feature_matrix(["Menu", "Home", "A long sentence of running text ends here, as it should."])
    >>> X.shape == (3, len(feature_names()))
    True
    """
    shapes = [line_shape(t) for t in lines] if shapes is None else shapes
    n = len(shapes)
    n_feat = len(feature_names())
    if n == 0:
        return np.zeros((0, n_feat))
    base = np.array([s.vector for s in shapes])
    n_tok = np.array([s.n_tokens for s in shapes], dtype=np.float64)
    all_masks = np.concatenate([s.masks for s in shapes]) if n_tok.sum() else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(n), n_tok.astype(np.int64))
    # the page's language: the stoplist that covers most of its tokens
    if len(all_masks):
        per_lang = ((all_masks[:, None] >> _BITS) & 1).sum(axis=0)
        bit = int(np.argmax(per_lang))
        hits = (all_masks >> bit) & 1
        stop_counts = np.bincount(owner, weights=hits, minlength=n)
        page_stop = float(hits.sum()) / len(all_masks)
    else:
        stop_counts = np.zeros(n)
        page_stop = 0.0
    stop_share = np.divide(stop_counts, n_tok, out=np.zeros(n), where=n_tok > 0)

    n_words = np.expm1(base[:, _SHAPE_INDEX["log_words"]])
    total_words = n_words.sum()
    idx = np.arange(n)
    page = np.zeros((n, len(PAGE_FEATURES)))
    page[:, 0] = stop_share
    page[:, 1] = idx / max(n - 1, 1)
    page[:, 2] = np.log1p(idx)
    page[:, 3] = np.log1p(n - 1 - idx)
    page[:, 4] = (np.cumsum(n_words) - n_words) / max(total_words, 1.0)
    page[:, 5] = n_words / max(n_words.max(), 1.0)
    page[:, 6] = np.log1p(n)
    page[:, 7] = np.log1p(total_words)
    keys = [s.key for s in shapes]
    counts = Counter(keys)
    page[:, 8] = np.log([counts[k] for k in keys])
    running = (base[:, _SHAPE_INDEX["ends_sentence"]] > 0) & (n_words >= 5)
    start, stop = densest_block(np.where(running, n_words, -(n_words + 1.0)))
    page[start:stop, 9] = 1.0
    dist = np.where(idx < start, start - idx, np.where(idx >= stop, idx - stop + 1, 0))
    page[:, 10] = np.log1p(dist)
    page[:, 11] = n_words[start:stop].sum() / max(total_words, 1.0)
    page[:, 12] = page_stop
    nb = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _NEIGHBOUR]], stop_share])
    shifted = [_shifted(nb, k) for k in _OFFSETS]
    wb = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _WINDOW]], stop_share])
    windows = [_window_mean(wb, w) for w in _WINDOWS]
    rel = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _RELATIVE]], stop_share])
    means = np.broadcast_to(rel.mean(axis=0), rel.shape)
    w5 = windows[0]
    ranked = np.column_stack([base[:, _SHAPE_INDEX["log_words"]], stop_share, w5[:, 0], w5[:, len(_WINDOW)]])
    ranks = (np.argsort(np.argsort(ranked, axis=0, kind="stable"), axis=0, kind="stable") + 0.5) / n
    return np.hstack([base, page] + shifted + windows + [means, ranks])


def stoplist_language(lines: list[str]) -> str | None:
    """The stoplist language (:data:`STOPLIST_LANGUAGES`) whose stopwords cover most of the
    tokens of ``lines``, the way the features pick a page's language; None without tokens.

    Examples
    --------
    >>> stoplist_language(["Die Regierung hat am Montag die neuen Pläne vorgestellt, und die Kritik war groß."])
    'German'
    """
    masks = [line_shape(t).masks for t in lines if t.strip()]
    all_masks = np.concatenate(masks) if masks else np.zeros(0, dtype=np.int64)
    if not len(all_masks):
        return None
    per_lang = ((all_masks[:, None] >> _BITS) & 1).sum(axis=0)
    return STOPLIST_LANGUAGES[int(np.argmax(per_lang))] if per_lang.max() else None
