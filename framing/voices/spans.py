"""An article's text as the attribution reads it: sentences, quotations masked, phrase boundaries.

Text inside quotation marks (:func:`framing.quotes.quote_spans`) is masked
with ``#`` before any pattern is read, so a verb or a name inside a quotation
never attributes it; a title in quotation marks (``a report titled "…"``) is
masked with ``x``, as part of the noun phrase around it.

Examples
--------
>>> doc = ArticleText('"We agree," Ruiz said.', [(1, 1, 0, 22)])
>>> doc.masked
'###########  Ruiz said.'
>>> doc.chunk_start(0, 18)
11
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..quotes import quote_spans
from .words import WORDS

__all__ = ["ArticleText", "mask", "tokens", "title_case"]

_TITLE_BEFORE = re.compile(r"\b(?:titled|entitled|named|dubbed|themed|headlined|slogan)\s*[,:]?\s*$", re.I)
_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019.\-]*")
_WORD_BEFORE_RE = re.compile(r"([\w'\u2019]+)\s*$")
_TRANSCRIPT_RE = re.compile(r"^(?P<name>[A-Z][^:\n]{0,60}?):\s+(?P<body>\S[^\n]*)$", re.M)


@lru_cache(maxsize=16)
def _chunk_pattern(words: frozenset) -> re.Pattern:
    # parentheses are not boundaries: "former Ambassador to Chile (2001 to 2004) Jane Doe"
    pattern = r"[,;:#\u2014\u2013\"]|\s--\s"
    if words:
        pattern += r"|(?<!\w)(?:" + "|".join(sorted(words)) + r")(?!\w)"
    return re.compile(pattern)


def mask(text: str, spans: list[tuple[int, int]], char: str = "#") -> str:
    """``text`` with every character of ``spans`` replaced by ``char`` (offsets kept)."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = char * (e - s)
    return "".join(chars)


def tokens(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """The word tokens of ``text[lo:hi]`` as ``(start, end, token)``."""
    hi = len(text) if hi is None else hi
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text, lo, hi)]


def title_case(text: str) -> bool:
    """A title or formula written in capitals ("The War Within", "Mutual Respect, Mutual Trust"), not speech."""
    # the words a sentence does not capitalise anyway (not its first ones), of more than three letters
    words = [m.group(1) for m in re.finditer(r"(?<![.!?:]\s)(?<!^)\b([^\W\d_][\w'\u2019-]*)", text.strip())]
    long = [w for w in words if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) > 0.75 * len(long)


class ArticleText:
    """One article's text, its sentences and quotations, and look-ups by position in it.

    Parameters
    ----------
    text : str
    sentences : list of (para_id, sent_id, start, end)

    Attributes
    ----------
    quotes : list of (start, end)
        The quotations, titles included.
    titles : set of (start, end)
        Quotations that are a title in a noun phrase (``titled "…"``).
    masked : str
        ``text`` with quotations masked by ``#`` and titles by ``x``.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int, int, int]]):
        self.text = text
        self.sents = sentences  # (para_id, sent_id, start, end)
        self.starts = [s[2] for s in sentences]
        self.quotes = quote_spans(text)
        # a title in quotation marks ("a report titled \"…\"") is part of a noun phrase, not speech
        self.titles = {q for q in self.quotes if _TITLE_BEFORE.search(text[max(0, q[0] - 30):q[0]])}
        self.masked = mask(text, [q for q in self.quotes if q not in self.titles])
        self.masked = mask(self.masked, list(self.titles), "x")
        self._boundaries: dict = {}  # (lo, pattern) -> phrase boundaries, see chunk_start

    def sentence_start(self, pos: int) -> int:
        """Start of the sentence holding ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        return self.sents[i][2] if i >= 0 else 0

    def word_before(self, lo: int, pos: int):
        """The match of the word that ends ``masked[lo:pos]`` (white space after it allowed), or None.

        Searched in the last 200 characters only (a sentence with thousands of
        verbs asks this for each), and from ``lo`` when the window cannot tell.
        """
        w = max(lo, pos - 200)
        m = _WORD_BEFORE_RE.search(self.masked, w, pos)
        if w > lo and ((m and m.start(1) == w) or (not m and not self.masked[w:pos].strip())):
            m = _WORD_BEFORE_RE.search(self.masked, lo, pos)
        return m

    def token_before(self, lo: int, pos: int) -> str | None:
        """The last white-space separated token of ``masked[lo:pos]`` (``split()[-1]``), or None."""
        w = max(lo, pos - 200)
        found = self.masked[w:pos].split()
        if w > lo and (len(found) < 2 and (not found or not self.masked[w - 1].isspace())):
            found = self.masked[lo:pos].split()
        return found[-1] if found else None

    def chunk_start(self, lo: int, pos: int, words=WORDS.clause_boundaries) -> int:
        """Start of the phrase that ends at ``pos``: after the last punctuation or boundary word.

        The boundaries of the text from ``lo`` are found once and looked up by
        position (a sentence with thousands of reporting verbs asks for thousands
        of phrase starts); only the last 64 characters before ``pos`` are scanned
        anew, since a boundary word that ``pos`` cuts may match there alone.
        """
        pattern = _chunk_pattern(frozenset(words or ()))
        key = (lo, pattern.pattern)
        ends = self._boundaries.get(key)
        if ends is None:
            ends = self._boundaries[key] = [(m.start(), m.end()) for m in pattern.finditer(self.masked, lo)]
        w = max(lo, pos - 64)
        cut = lo
        # the last boundary that starts before the window, from the scan from lo
        k = bisect_right(ends, (w, -1)) - 1
        if k >= 0 and ends[k][1] <= pos:
            cut = ends[k][1]
        # the window, with the text ending at pos as the phrase does (endpos)
        for m in pattern.finditer(self.masked, w, pos):
            cut = max(cut, m.end())
        return cut

    def np_end(self, s0: int, hi: int) -> int:
        """End of the noun phrase that starts at ``s0``: the next punctuation, else ``hi``."""
        m = re.search(r"[,;:.#\u2014\u2013](?:\s|$)|[;#]|\s--\s|\.$", self.masked[s0:hi])
        return s0 + m.start() if m else hi

    def transcript_paragraphs(self) -> dict[int, tuple[int, int, int]]:
        """``para_id -> (name_start, name_end, body_start)`` of ``Name: text`` turns (two or more)."""
        turns = {}
        para_start: dict[int, int] = {}
        for para_id, _, lo, _ in self.sents:
            para_start.setdefault(para_id, lo)
        for para_id, lo in para_start.items():
            line_end = self.text.find("\n", lo)
            line = self.text[lo: line_end if line_end >= 0 else len(self.text)]
            m = _TRANSCRIPT_RE.match(line)
            if not m:
                continue
            name = m.group("name")
            words = name.split()
            if len(words) > 6 or not all(w[0].isupper() or w in {"of", "the", "and"} for w in words):
                continue
            if words[0].lower() in WORDS.stop_words and name.lower() not in WORDS.answer_labels:
                continue
            turns[para_id] = (lo, lo + m.end("name"), lo + m.start("body"))
        return turns if len(turns) >= 2 else {}
