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
from bisect import bisect_right

from .text import sentence_spans

_OPEN_DOUBLE = "\u201c\u201e\u00ab"
_CLOSE_DOUBLE = "\u201d\u00bb"
_MAX_QUOTE = 1500
_QUOTE_CHARS = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb]")

REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|stated|states|argued|argues|"
    r"explained|explains|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|remarked|highlighted|"
    r"pointed out|warned|urged|insisted|acknowledged|asserted|claimed|declared|announced|believes|"
    r"believed|wrote|writes|talked about|spoke of|called for|calls for|hopes|hoped|according to|"
    r"quoted as saying|in the words of)\b",
    re.IGNORECASE,
)


def _is_opening_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\"“—–-:;,") and (after.isalnum() or after in "\"“[")


def _is_closing_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() or before in ".,!?;:)]\"”%") and (after.isspace() or after in ".,;:!?)]\"”—–-"
                                                                  or i + 1 == len(text))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations, quote marks included.

    Examples
    --------
    >>> quote_spans('He said: "We agree." Then Kazakhstan\\'s envoy left.')
    [(9, 20)]
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p0 = para.start()
        ptext = para.group(0)
        if not any(q in ptext for q in "\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb"):
            continue
        stack: list[tuple[int, str]] = []
        straight_open: int | None = None
        for m in _QUOTE_CHARS.finditer(ptext):
            i, ch = m.start(), m.group(0)
            if ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    spans.append((p0 + straight_open, p0 + i + 1))
                    straight_open = None
            elif ch in _OPEN_DOUBLE:
                stack.append((i, "d"))
            elif ch in _CLOSE_DOUBLE:
                if stack and stack[-1][1] == "d":
                    s, _ = stack.pop()
                    spans.append((p0 + s, p0 + i + 1))
            else:
                if ch != "\u2019" and _is_opening_single(ptext, i):
                    stack.append((i, "s"))
                elif ch != "\u2018" and _is_closing_single(ptext, i) and stack and stack[-1][1] == "s":
                    s, _ = stack.pop()
                    spans.append((p0 + s, p0 + i + 1))
        unclosed = stack + ([(straight_open, "d")] if straight_open is not None else [])
        if unclosed:
            # unbalanced: quote to the end of the sentence the mark opens
            sents = sentence_spans(ptext)
            starts = [s for s, _ in sents]
            for s, _ in unclosed:
                k = bisect_right(starts, s) - 1
                end = sents[k][1] if 0 <= k < len(sents) else len(ptext)
                spans.append((p0 + s, p0 + min(end, s + _MAX_QUOTE)))
    spans = [(s, e) for s, e in spans if e - s <= _MAX_QUOTE + 2]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def voice_spans(text: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Spans in another voice than the outlet's: ``quote`` and ``attributed`` speech.

    A sentence with a reporting verb or "according to" is attributed speech as
    a whole; quotations inside it stay ``quote``. ``sentences`` may pass
    precomputed :func:`~framing.text.sentence_spans`.
    """
    quotes = quote_spans(text)
    out = [(s, e, "quote") for s, e in quotes]
    for s, e in (sentences if sentences is not None else sentence_spans(text)):
        if REPORTING.search(text, s, e):
            out.append((s, e, "attributed"))
    return sorted(out)


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
