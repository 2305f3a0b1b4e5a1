"""Whose voice: direct quotations and attributed speech in news text.

A slogan inside a quotation, or in a sentence attributed to a speaker ("…, said
Xu", "according to the report"), is the speaker's voice, not the outlet's.
:func:`voice_spans` marks both so that measures can separate an outlet's own
voice from the voices it reports.

Real pages have unbalanced quotation marks. Quotes are paired within a
paragraph only; an opening mark that never closes quotes to the end of its own
sentence, not to the end of the paragraph. Single quotes are told apart from
apostrophes by their neighbours (``Kazakhstan's`` has letters on both sides).
No library covers this offline for English news (textacy's triples need a
spaCy model), so it is written here.

Examples
--------
>>> text = "The forum praised 'mutual respect' in Astana. Trade grew."
>>> [(text[s:e], kind) for s, e, kind in voice_spans(text)]
[("'mutual respect'", 'quote')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .text import sentence_spans

__all__ = ["VoiceFinder", "REPORTING", "quote_spans", "voice_spans", "voice_at"]

_OPEN_DOUBLE = "\u201c\u201e\u00ab"
_CLOSE_DOUBLE = "\u201d\u00bb"
_MAX_QUOTE = 1500
_QUOTE_CHARS = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb]")
_LINE_RE = re.compile(r"[^\n]+")

REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|stated|states|argued|argues|"
    r"explained|explains|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|remarked|highlighted|"
    r"pointed out|warned|urged|insisted|acknowledged|asserted|claimed|declared|announced|believes|"
    r"believed|wrote|writes|talked about|spoke of|called for|calls for|hopes|hoped|according to|"
    r"quoted as saying|in the words of)\b",
    re.IGNORECASE,
)


def _reporting_phrases() -> list[str]:
    """The phrases of :data:`REPORTING`, with ``[sz]`` spelt out."""
    body = REPORTING.pattern
    assert body.startswith(r"\b(?:") and body.endswith(r")\b"), body
    out = []
    for phrase in body[len(r"\b(?:"):-len(r")\b")].split("|"):
        variants = [phrase.replace("[sz]", "s"), phrase.replace("[sz]", "z")] if "[sz]" in phrase else [phrase]
        assert all(re.fullmatch("[a-z]+(?: [a-z]+)*", v) for v in variants), phrase
        out += variants
    return out


def _trie_pattern(phrases: list[str]) -> str:
    """One alternation of ``phrases`` factored by common prefixes ("a(?:dd(?:ed|s)|...)")."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not parts:
            return ""
        out = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{out})?" if "" in node else out

    return emit(trie)


# REPORTING matches where this does: the same phrases and flags, factored so that a position that
# starts no phrase fails after one test instead of fifty (twice as fast).
_REPORTING_FAST = re.compile(r"\b" + _trie_pattern(_reporting_phrases()) + r"\b", re.IGNORECASE)
# A match of a phrase holds its longest word (its key) as a run of ASCII letters with no letter
# either side, unless it uses one of the four other characters that re.IGNORECASE lets an ASCII
# letter match (İ ı ſ K). Such runs are the words left by: ASCII letters in lower case, every other
# character (non-ASCII ones are encoded as "?", one byte each) a space. A sentence without a key
# cannot match, and a match starts at most _KEY_LEAD characters before the first key.
_KEYS = {p: max(p.split(), key=len) for p in _reporting_phrases()}
_REPORTING_KEYS = frozenset(k.encode("ascii") for k in _KEYS.values())
_KEY_LEAD = max(p.index(k) for p, k in _KEYS.items())
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_LETTERS_ONLY = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def _reported(text: str, start: int, end: int) -> bool:
    """``REPORTING.search(text, start, end) is not None``, three times faster."""
    part = text[start:end]
    if part.isascii() or _FOLDS_TO_ASCII.search(part) is None:
        words = part.encode("ascii", "replace").translate(_LETTERS_ONLY)
        keys = _REPORTING_KEYS.intersection(words.split())
        if not keys:
            return False
        start += max(0, min(words.find(k) for k in keys) - _KEY_LEAD)
    return _REPORTING_FAST.search(text, start, end) is not None


def _is_opening_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\"“—–-:;,") and (after.isalnum() or after in "\"“[")


def _is_closing_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() or before in ".,!?;:)]\"”%") and (after.isspace() or after in ".,;:!?)]\"”—–-"
                                                                  or i + 1 == len(text))


def _paragraph_quote_spans(ptext: str, sentences=None) -> list[tuple[int, int]]:
    """:func:`quote_spans` of one paragraph (a line: quotes never cross a line break).

    ``quote_spans(text)`` is these spans of each line of ``text``, shifted by the
    line's start; a caller that needs the quotes of a few lines only (a slogan's
    voice) computes just those. ``sentences``: a function that gives
    ``sentence_spans(ptext)`` faster (needed for an unclosed quote only).
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    straight_open: int | None = None
    for m in _QUOTE_CHARS.finditer(ptext):
        i, ch = m.start(), m.group(0)
        if ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i + 1))
                straight_open = None
        elif ch in _OPEN_DOUBLE:
            stack.append((i, "d"))
        elif ch in _CLOSE_DOUBLE:
            if stack and stack[-1][1] == "d":
                s, _ = stack.pop()
                spans.append((s, i + 1))
        elif 0 < i < len(ptext) - 1 and ptext[i - 1].isalnum() and ptext[i + 1].isalnum():
            continue  # an apostrophe ("Kazakhstan's"): neither opens nor closes
        else:
            if ch != "\u2019" and _is_opening_single(ptext, i):
                stack.append((i, "s"))
            elif ch != "\u2018" and _is_closing_single(ptext, i) and stack and stack[-1][1] == "s":
                s, _ = stack.pop()
                spans.append((s, i + 1))
    unclosed = stack + ([(straight_open, "d")] if straight_open is not None else [])
    if unclosed:
        # unbalanced: quote to the end of the sentence the mark opens
        sents = sentence_spans(ptext) if sentences is None else sentences()
        starts = [s for s, _ in sents]
        for s, _ in unclosed:
            k = bisect_right(starts, s) - 1
            end = sents[k][1] if 0 <= k < len(sents) else len(ptext)
            spans.append((s, min(end, s + _MAX_QUOTE)))
    spans = [(s, e) for s, e in spans if e - s <= _MAX_QUOTE + 2]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations, quote marks included.

    Examples
    --------
    >>> quote_spans('He said: "We agree." Then Kazakhstan\\'s envoy left.')
    [(9, 20)]
    """
    spans: list[tuple[int, int]] = []
    for para in _LINE_RE.finditer(text):
        p0 = para.start()
        spans += [(p0 + s, p0 + e) for s, e in _paragraph_quote_spans(para.group(0))]
    return spans


def voice_spans(text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Spans in another voice than the outlet's: ``quote`` and ``attributed`` speech.

    A sentence with a reporting verb or "according to" is attributed speech as
    a whole; quotations inside it stay ``quote``. ``sentences`` may pass
    precomputed :func:`~framing.text.sentence_spans`.
    """
    quotes = quote_spans(text)
    out = [(s, e, "quote") for s, e in quotes]
    for s, e in (sentences if sentences is not None else sentence_spans(text)):
        if _reported(text, s, e):
            out.append((s, e, "attributed"))
    return sorted(out)


class VoiceFinder:
    """``voice_at(voice_spans(text, sentences), start, end)``, computed only where it is asked for.

    A quotation lies within one line and an attributed span is one sentence, so the voice
    of a (non-empty) span needs the quotes of its own line and the reporting verbs of the
    one sentence that can hold it: a document with a few slogans is not searched whole.
    Both are cached, per line and per sentence. ``sentences`` must be
    ``sentence_spans(text)`` (sorted, disjoint, and those of each line are the line's own).
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], starts: list[int] | None = None):
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _ in sentences] if starts is None else starts
        self._line = (0, -1, len(text))  # the last line asked about: start, end, first quote mark
        self._quotes: dict[int, list[tuple[int, int]]] = {}  # line start -> its quotations
        self._attributed: dict[int, bool] = {}

    def _quotes_before(self, start: int) -> list[tuple[int, int]]:
        """The quotations of the line holding ``start``; none when no quote mark comes before it
        on the line (a quotation starts with one)."""
        text = self.text
        lo, hi, first = self._line
        if not lo <= start < hi:  # another line (spans come in order: each line is found once)
            lo = text.rfind("\n", 0, start) + 1
            hi = text.find("\n", start)
            hi = len(text) if hi < 0 else hi
            mark = _QUOTE_CHARS.search(text, lo, hi)
            first = hi if mark is None else mark.start()
            self._line = lo, hi, first
        if first > start:
            return []
        quotes = self._quotes.get(lo)
        if quotes is None:
            def line_sentences():  # those of the text that lie in the line
                sents = self.sentences[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
                return [(s - lo, e - lo) for s, e in sents]

            quotes = self._quotes[lo] = [(lo + s, lo + e) for s, e in
                                         _paragraph_quote_spans(text[lo:hi], line_sentences)]
        return quotes

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation holding ``[start, end)``, else None."""
        for s, e in self._quotes_before(start):
            if s > start:
                break
            if end <= e:
                return s, e
        return None

    def voice(self, start: int, end: int, k: int | None = None) -> str:
        """``"quote"``, ``"attributed"`` or ``"own"``; ``k``: the index of the last sentence
        starting at or before ``start`` when the caller knows it."""
        for s, e in self._quotes_before(start):
            if s > start:
                break
            if end <= e:
                return "quote"
        if k is None:
            k = bisect_right(self.starts, start) - 1
        if k < 0 or end > self.sentences[k][1]:
            return "own"
        found = self._attributed.get(k)
        if found is None:
            s, e = self.sentences[k]
            found = self._attributed[k] = _reported(self.text, s, e)
        return "attributed" if found else "own"


def voice_at(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``"quote"``, ``"attributed"`` or ``"own"`` for the text span ``[start, end)``."""
    found = "own"
    for s, e, kind in spans:
        if s <= start and end <= e:
            if kind == "quote":
                return "quote"
            found = "attributed"
        elif s > end:
            break
    return found
