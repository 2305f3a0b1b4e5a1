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
line describe it among the page's non-blank lines. Pages come in batches
(:class:`PageBatch`): each distinct line text of a batch is described once (site
furniture recurs on every page of a site), with numpy over the characters of all
of them (:func:`line_table`), and the page features of all pages are computed
together (:meth:`PageBatch.feature_matrix`). Hand-written rather than a
scikit-learn vectoriser because the features are counts of character classes per
line, which no library computes over many lines at once; the tests hold them equal
to the plain per-line ``str`` methods.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat

import numpy as np

from .lines import TIMESTAMP_RE, classify_line

__all__ = ["window_mean", "shifted", "STOPLIST_LANGUAGES", "ROLES", "SHAPE_FEATURES", "PAGE_FEATURES",
           "feature_names", "WordRuns", "LineTable", "line_table", "PageRows", "densest_block", "PageBatch",
           "page_feature_matrix", "stoplist_language"]

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
def _stopword_table() -> tuple[dict[str, int], np.ndarray]:
    """Token -> row of a table of the stoplist languages it belongs to (jusText's lists, loaded
    once); row 0, for every other token, is all zeros."""
    import justext

    masks: dict[str, int] = {}
    for bit, lang in enumerate(STOPLIST_LANGUAGES):
        for w in justext.get_stoplist(lang):
            masks[w] = masks.get(w, 0) | (1 << bit)
    distinct = sorted(set(masks.values()))
    row = {m: k + 1 for k, m in enumerate(distinct)}
    bits = np.zeros((len(distinct) + 1, len(STOPLIST_LANGUAGES)))
    bits[1:] = (np.array(distinct, dtype=np.int64)[:, None] >> np.arange(len(STOPLIST_LANGUAGES))) & 1
    return {w: row[m] for w, m in masks.items()}, bits


_RUN_RE = re.compile(r"\w+")


class WordRuns:
    """The runs of word characters (``\\w+``) of lower-cased lines, flattened: one regular
    expression pass that serves both the stopword counts (runs of letters) and the term
    scorer (words of two or more characters and their pairs).

    Attributes
    ----------
    runs : list of str
        All runs, line after line.
    counts : ndarray
        Runs per line.
    owner : ndarray
        The line of each run.
    """

    __slots__ = ("runs", "counts", "owner")

    def __init__(self, lowered: list[str]):
        per_line = [_RUN_RE.findall(s) for s in lowered]
        self.counts = np.fromiter(map(len, per_line), dtype=np.int64, count=len(per_line))
        self.runs = list(chain.from_iterable(per_line))
        self.owner = np.repeat(np.arange(len(per_line)), self.counts)


_QUOTES = "\"“”«»„"
_ELLIPSES = ("...", "\u2026")
_ROLE_SLOT = {r: len(SHAPE_FEATURES) - len(ROLES) + k for k, r in enumerate(ROLES)}
_SHORT_SLOT = _ROLE_SLOT["short"]

# character classes, one bit each, for the counts per line (see _char_codes); _LOWER is the letter
# class of _SENTENCE_MARK, _SEP the characters one of which every match of _SEPARATORS holds
_ALPHA, _UPPER, _DIGIT, _SPACE, _QUOTE, _PUNCT, _SEP, _LOWER = (1 << k for k in range(8))


def _char_code(c: str) -> int:
    o = ord(c)
    return (_ALPHA * c.isalpha() | _UPPER * c.isupper() | _DIGIT * c.isdigit() | _SPACE * c.isspace()
            | _QUOTE * (c in _QUOTES) | _PUNCT * (c in ".!?") | _SEP * (c in "|»›/·•–-")
            | _LOWER * (97 <= o <= 122 or 0xE0 <= o <= 0x24F or 0x430 <= o <= 0x44F))


@lru_cache(maxsize=1)
def _bmp_codes() -> np.ndarray:
    """The class bits of every character of the Basic Multilingual Plane (built once, ~30 ms)."""
    return np.array([_char_code(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def _char_codes(joined: str) -> np.ndarray:
    """Class bits of each character of ``joined``: str.isalpha/isupper/isdigit/isspace, exactly."""
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    astral = np.flatnonzero(cp >= 0x10000)
    if len(astral):  # rare: emoji, mathematical letters
        codes = _bmp_codes()[np.where(cp >= 0x10000, 0, cp)]
        for i in astral:
            codes[i] = _char_code(chr(int(cp[i])))
        return codes
    return _bmp_codes()[cp]


def _line_counts(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per line (lines are non-empty and begin at ``starts``), how many of its characters are flagged."""
    return np.add.reduceat(flags.view(np.uint8), starts, dtype=np.int64)


def _sentence_marks(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, stripped: list[str]) -> np.ndarray:
    """``len(_SENTENCE_MARK.findall(line))`` per line, from the character classes.

    A match is two letters of the class, a full stop, ! or ?, white space and one
    more character: every such punctuation mark is a match unless it lies within
    the previous one (``"ab. cd. e"``); the few lines where two candidates touch
    are left to the regular expression.
    """
    n = len(starts)
    p = np.flatnonzero(codes & _PUNCT)
    line = np.searchsorted(starts, p, side="right") - 1
    ok = (p - 2 >= starts[line]) & (p + 1 < ends[line])
    p, line = p[ok], line[ok]
    ok = ((codes[p - 1] & codes[p - 2] & _LOWER) > 0) & ((codes[p + 1] & _SPACE) > 0)
    p, line = p[ok], line[ok]
    counts = np.bincount(line, minlength=n)
    if len(p) > 1:
        nonspace = np.flatnonzero(~(codes & _SPACE).astype(bool))
        end = nonspace[np.searchsorted(nonspace, p + 1)]  # the \S that closes the match
        touching = (line[1:] == line[:-1]) & (p[1:] - 2 <= end[:-1])
        for k in np.unique(line[1:][touching]):
            counts[k] = len(_SENTENCE_MARK.findall(stripped[k]))
    return counts


class LineTable:
    """The page-independent facts about distinct line texts, computed for all at once.

    Attributes
    ----------
    shape : ndarray of shape (n, len(SHAPE_FEATURES))
        :data:`SHAPE_FEATURES` of each line.
    stop_counts : ndarray of shape (n, len(STOPLIST_LANGUAGES))
        Tokens of the line in each language's stoplist.
    n_tokens : ndarray of shape (n,)
        Word tokens (runs of letters) of the line.
    key : ndarray of shape (n,)
        Equal for lines that are equal up to case and spacing (repetition on a page).
    """

    __slots__ = ("shape", "stop_counts", "n_tokens", "key")

    def __init__(self, shape, stop_counts, n_tokens, key):
        self.shape, self.stop_counts, self.n_tokens, self.key = shape, stop_counts, n_tokens, key


def line_table(texts: list[str], words: WordRuns | None = None) -> LineTable:
    """:class:`LineTable` of non-blank line texts.

    Vectorised with numpy over the characters of all lines (the same values as
    computing each line alone with str methods, ~20x faster): a
    shape feature is a count of character classes or of regular-expression
    matches per line, so every count is one pass over the joined text.

    Examples
    --------
    >>> t = line_table(["The talks ended on Friday, officials said.", "Home"])
    >>> t.shape[:, SHAPE_FEATURES.index("ends_sentence")].tolist()
    [1.0, 0.0]
    """
    n = len(texts)
    stripped = [t.strip() for t in texts]
    words = WordRuns([s.lower() for s in stripped]) if words is None else words
    if any(not s for s in stripped):
        raise ValueError("line_table: blank lines carry no features; leave them out")
    shape = np.zeros((n, len(SHAPE_FEATURES)))
    if n == 0:
        return LineTable(shape, np.zeros((0, len(STOPLIST_LANGUAGES)), np.int64), np.zeros(0), np.zeros(0, np.int64))
    n_chars = np.fromiter(map(len, stripped), dtype=np.int64, count=n)
    ends = np.cumsum(n_chars)
    starts = ends - n_chars
    codes = _char_codes("".join(stripped))
    space = (codes & _SPACE).astype(bool)
    # a word starts at a non-space character after a space, or at the start of a (stripped) line
    word_start = ~space
    word_start[1:] &= space[:-1]
    word_start[starts] = True
    upper = (codes & _UPPER).astype(bool)
    letters, upper_n, digits, blanks = (_line_counts((codes & bit).astype(bool), starts)
                                        for bit in (_ALPHA, _UPPER, _DIGIT, _SPACE))
    n_words = _line_counts(word_start, starts)
    cap_words = _line_counts(word_start & upper, starts)
    quotes = _line_counts((codes & _QUOTE).astype(bool), starts)
    commas = np.fromiter((s.count(",") for s in stripped), dtype=np.int64, count=n)
    # the same float as the scalar code's np.log1p(int), then the page features' np.expm1
    shape[:, 0] = np.log1p(n_words)
    shape[:, 1] = np.log1p(n_chars)
    cores = [s.rstrip(_CLOSERS) or s for s in stripped]
    ellipsis = np.fromiter((c.endswith(_ELLIPSES) for c in cores), dtype=bool, count=n)
    shape[:, 2] = np.fromiter((c.endswith(_SENTENCE_END) for c in cores), dtype=bool, count=n) & ~ellipsis
    shape[:, 3] = np.fromiter((c.endswith(":") for c in cores), dtype=bool, count=n)
    shape[:, 4] = ellipsis
    shape[:, 5] = np.fromiter((c[-1].isalnum() for c in cores), dtype=bool, count=n)
    shape[:, 6] = (codes[starts] & _UPPER).astype(bool)
    infos = [classify_line(t) for t in texts]
    shape[:, 7] = np.fromiter((i.bullet or i.numbered for i in infos), dtype=bool, count=n)
    shape[:, 8] = cap_words / n_words
    shape[:, 9] = np.divide(upper_n, letters, out=np.zeros(n), where=letters > 0)
    shape[:, 10] = digits / n_chars
    shape[:, 11] = (n_chars - letters - digits - blanks) / n_chars
    shape[:, 12] = np.minimum((n_chars - blanks) / n_words, 30.0)
    shape[:, 13] = commas / n_words
    shape[:, 14] = np.minimum(_sentence_marks(codes, starts, ends, stripped), 10)
    # separators only on lines that hold a separator character
    sep = np.flatnonzero(_line_counts((codes & _SEP).astype(bool), starts))
    shape[sep, 15] = np.minimum([len(_SEPARATORS.findall(stripped[i])) for i in sep], 10)
    # the pattern only where a plain (case-sensitive) substring allows it: it is slow to scan
    hint = [i for i, s in enumerate(stripped) if "http" in s or "www." in s or "@" in s]
    shape[hint, 16] = [bool(_URL_RE.search(stripped[i])) for i in hint]
    short = np.flatnonzero(n_words <= 12)
    shape[short, 17] = [bool(TIMESTAMP_RE.match(stripped[i])) for i in short]
    shape[:, 18] = np.minimum(quotes, 10)
    shape[:, 19] = n_words >= 10
    shape[np.arange(n), [_ROLE_SLOT.get(i.role, _SHORT_SLOT) for i in infos]] = 1.0

    stop_counts, n_tokens = _stopword_counts(words, n)
    keys: dict[str, int] = {}
    key = np.fromiter((keys.setdefault(" ".join(s.split()).casefold(), len(keys)) for s in stripped),
                      dtype=np.int64, count=n)
    return LineTable(shape, stop_counts, n_tokens, key)


def _stopword_counts(words: WordRuns, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per line, its tokens (runs of letters) in each language's stoplist, and its number of tokens."""
    import scipy.sparse as sp

    runs, owner = words.runs, words.owner
    index, bits = _stopword_table()
    rows = np.fromiter(map(index.get, runs, repeat(0)), dtype=np.int64, count=len(runs))
    letters = np.fromiter(map(str.isalpha, runs), dtype=bool, count=len(runs))
    n_tokens = np.bincount(owner[letters], minlength=n).astype(np.float64)
    rows[~letters] = 0
    # a run with digits or "_" holds zero or more runs of letters: split it the way the tokens are defined
    extra_owner, extra_rows = [], []
    for k in np.flatnonzero(~letters):
        for tok in _TOKEN_RE.findall(runs[k]):
            extra_owner.append(owner[k])
            extra_rows.append(index.get(tok, 0))
    if extra_owner:
        np.add.at(n_tokens, extra_owner, 1.0)
        owner = np.concatenate([owner, extra_owner])
        rows = np.concatenate([rows, extra_rows])
    hit = rows > 0
    m = sp.csr_matrix((np.ones(int(hit.sum())), (owner[hit], rows[hit])), shape=(n, len(bits)))
    return np.rint(np.asarray(m @ bits)).astype(np.int64), n_tokens


class PageRows:
    """Where each page's rows lie when the rows of many pages are stacked.

    Parameters
    ----------
    lengths : sequence of int
        Rows per page, in order.

    Attributes
    ----------
    page : ndarray
        The page of each row.
    pos : ndarray
        The row's place on its page (0 = first).
    first, stop : ndarray
        Per row, the stacked index of its page's first row and one past its last.
    starts : ndarray
        Per page, the stacked index of its first row.
    """

    def __init__(self, lengths):
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.page = np.repeat(np.arange(len(self.lengths)), self.lengths)
        self.first = self.starts[self.page]
        self.stop = self.first + self.lengths[self.page]
        self.n = len(self.page)
        self.pos = np.arange(self.n) - self.first

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        """The rows of ``x``, page by page."""
        return np.split(x, np.cumsum(self.lengths)[:-1]) if len(self.lengths) else []

    def page_sums(self, x: np.ndarray) -> np.ndarray:
        """Sum of ``x`` over each page's rows (0 for a page without rows)."""
        c = np.concatenate([np.zeros((1,) + x.shape[1:]), np.cumsum(x, axis=0)])
        return c[self.starts + self.lengths] - c[self.starts]


def window_mean(x: np.ndarray, w: int, rows: PageRows | None = None) -> np.ndarray:
    """Mean of ``x`` over rows i-w..i+w (clipped to the page), for every column."""
    rows = PageRows([len(x)]) if rows is None else rows
    # cumulative sums restart on each page, so that a page's means are the same floats whatever
    # pages it is stacked with (features are ranked, and ranks break ties between equal floats)
    c = np.zeros((rows.n + len(rows.lengths), x.shape[1]))
    for k in np.flatnonzero(rows.lengths):
        s0, m = rows.starts[k], rows.lengths[k]
        np.cumsum(x[s0:s0 + m], axis=0, out=c[s0 + k + 1:s0 + k + 1 + m])
    idx = np.arange(rows.n)
    lo = np.maximum(idx - w, rows.first)
    hi = np.minimum(idx + w + 1, rows.stop)
    shift = rows.page  # page k's sums start at row starts[k] + k of c
    return (c[hi + shift] - c[lo + shift]) / (hi - lo)[:, None]


def shifted(x: np.ndarray, k: int, fill: float = -1.0, rows: PageRows | None = None) -> np.ndarray:
    """Rows of ``x`` moved by ``k`` (row i gets row i+k); ``fill`` beyond the page."""
    rows = PageRows([len(x)]) if rows is None else rows
    out = np.full_like(x, fill)
    ok = (rows.pos + k >= 0) & (rows.first + rows.pos + k < rows.stop)
    out[ok] = x[np.flatnonzero(ok) + k]
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


class PageBatch:
    """The non-blank lines of many pages, each distinct text once.

    Parameters
    ----------
    pages : list of list of str
        Each page's non-blank lines, in order.

    Attributes
    ----------
    texts : list of str
        The distinct line texts.
    line_ids : ndarray
        For each stacked row (page after page), its text's index in ``texts``.
    rows : PageRows
    words : WordRuns
        Of ``texts``, lower-cased.
    table : LineTable
        Of ``texts``.
    """

    def __init__(self, pages: list[list[str]]):
        index: dict[str, int] = {}
        ids = [index.setdefault(t, len(index)) for lines in pages for t in lines]
        self.texts = list(index)
        self.line_ids = np.array(ids, dtype=np.int64)
        self.rows = PageRows([len(lines) for lines in pages])
        self.words = WordRuns([t.strip().lower() for t in self.texts])
        self.table = line_table(self.texts, self.words)

    def feature_matrix(self) -> np.ndarray:
        """The :func:`feature_names` columns of every stacked row."""
        rows, t, ids = self.rows, self.table, self.line_ids
        n = rows.n
        if n == 0:
            return np.zeros((0, len(feature_names())))
        base = t.shape[ids]
        n_tok = t.n_tokens[ids]
        counts = t.stop_counts[ids]
        # each page's language: the stoplist that covers most of its tokens
        lang = np.argmax(rows.page_sums(counts), axis=1)
        stop_counts = counts[np.arange(n), lang[rows.page]].astype(np.float64)
        page_tok = rows.page_sums(n_tok)
        page_stop = np.divide(rows.page_sums(stop_counts), page_tok, out=np.zeros(len(page_tok)),
                              where=page_tok > 0)
        stop_share = np.divide(stop_counts, n_tok, out=np.zeros(n), where=n_tok > 0)

        n_words = np.expm1(base[:, _SHAPE_INDEX["log_words"]])
        page_words = rows.page_sums(n_words)
        total_words = page_words[rows.page]
        m = rows.lengths[rows.page]
        idx = rows.pos
        page = np.zeros((n, len(PAGE_FEATURES)))
        page[:, 0] = stop_share
        page[:, 1] = idx / np.maximum(m - 1, 1)
        page[:, 2] = np.log1p(idx)
        page[:, 3] = np.log1p(m - 1 - idx)
        cum = np.cumsum(n_words)
        page[:, 4] = (cum - n_words - (cum - n_words)[rows.first]) / np.maximum(total_words, 1.0)
        nonempty = rows.lengths > 0
        max_words = np.zeros(len(rows.lengths))
        max_words[nonempty] = np.maximum.reduceat(n_words, rows.starts[nonempty])
        page[:, 5] = n_words / np.maximum(max_words[rows.page], 1.0)
        page[:, 6] = np.log1p(m)
        page[:, 7] = np.log1p(total_words)
        # repetition of a line (up to case and spacing) on its page
        pair = rows.page * (int(t.key.max()) + 1 if len(t.key) else 1) + t.key[ids]
        _, inverse, reps = np.unique(pair, return_inverse=True, return_counts=True)
        page[:, 8] = np.log(reps[inverse])
        running = (base[:, _SHAPE_INDEX["ends_sentence"]] > 0) & (n_words >= 5)
        weights = np.where(running, n_words, -(n_words + 1.0))
        block = np.zeros((len(rows.lengths), 2), dtype=np.int64)
        for k in np.flatnonzero(nonempty):
            s0 = rows.starts[k]
            block[k] = densest_block(weights[s0:s0 + rows.lengths[k]])
        start, stop = block[rows.page, 0], block[rows.page, 1]
        page[:, 9] = (idx >= start) & (idx < stop)
        dist = np.where(idx < start, start - idx, np.where(idx >= stop, idx - stop + 1, 0))
        page[:, 10] = np.log1p(dist)
        page[:, 11] = rows.page_sums(np.where(page[:, 9] > 0, n_words, 0.0))[rows.page] / np.maximum(total_words, 1.0)
        page[:, 12] = page_stop[rows.page]
        nb = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _NEIGHBOUR]], stop_share])
        neighbours = [shifted(nb, k, rows=rows) for k in _OFFSETS]
        wb = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _WINDOW]], stop_share])
        windows = [window_mean(wb, w, rows) for w in _WINDOWS]
        rel = np.column_stack([base[:, [_SHAPE_INDEX[f] for f in _RELATIVE]], stop_share])
        means = (rows.page_sums(rel) / np.maximum(rows.lengths, 1)[:, None])[rows.page]
        w5 = windows[0]
        ranked = np.column_stack([base[:, _SHAPE_INDEX["log_words"]], stop_share, w5[:, 0], w5[:, len(_WINDOW)]])
        ranks = np.empty_like(ranked)
        for j in range(ranked.shape[1]):
            # stable: equal values rank in page order
            order = np.lexsort((ranked[:, j], rows.page))
            ranks[order, j] = np.arange(n) - rows.first[order]
        ranks = (ranks + 0.5) / m[:, None]
        return np.hstack([base, page] + neighbours + windows + [means, ranks])


def page_feature_matrix(lines: list[str]) -> np.ndarray:
    """Feature matrix of a page's non-blank lines (rows in page order; see :func:`feature_names`).

    Parameters
    ----------
    lines : list of str
        The page's non-blank lines, in order.

    Returns
    -------
    ndarray of shape (len(lines), len(feature_names()))

    Examples
    --------
    >>> X = page_feature_matrix(["Menu", "Home", "A long sentence of running text ends here, as it should."])
    >>> X.shape == (3, len(feature_names()))
    True
    """
    return PageBatch([lines]).feature_matrix()


def stoplist_language(lines: list[str]) -> str | None:
    """The stoplist language (:data:`STOPLIST_LANGUAGES`) whose stopwords cover most of the
    tokens of ``lines``, the way the features pick a page's language; None without tokens.

    Examples
    --------
    >>> stoplist_language(["Die Regierung hat am Montag die neuen Pläne vorgestellt, und die Kritik war groß."])
    'German'
    """
    texts = [t for t in lines if t.strip()]
    if not texts:
        return None
    per_lang = _stopword_counts(WordRuns([t.strip().lower() for t in texts]), len(texts))[0].sum(axis=0)
    return STOPLIST_LANGUAGES[int(np.argmax(per_lang))] if per_lang.max() else None
