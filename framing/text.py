"""Words, paragraphs and sentences, without downloaded models.

NLTK's punkt *data* is not available offline, so sentences are split with an
untrained :class:`nltk.tokenize.punkt.PunktSentenceTokenizer` given a curated
list of news abbreviations (``U.S.``, ``D.C.``, ``Feb.``, ``H.E.`` ...). That
keeps NLTK's well-tested boundary logic (quotes after full stops, decimals,
initials) and adds what its training would have learnt. NLTK is the reference;
the sentences are found by a hand-written equivalent that gives the same spans
5 to 17 times faster (see :func:`sentence_spans`).

Examples
--------
>>> split_sentences("The U.S. envoy met Mr. Li on Feb. 4. Trade rose 5.4 percent.")
['The U.S. envoy met Mr. Li on Feb. 4.', 'Trade rose 5.4 percent.']
>>> count_words("Win-win cooperation, isn't it?")
4
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["WORD_RE", "count_words", "count_words_in_tokens", "glued_boundaries", "sentence_spans",
           "split_sentences", "paragraph_spans"]

# letter/digit runs joined by inner hyphens or apostrophes, and numbers with decimal points ("94.8")
WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+|(?<=\d)[.,]\d+)*")

# Abbreviations a trained punkt model would know (lower case, no final dot).
_ABBREVIATIONS = """
u.s u.k u.n u.s.a e.u d.c h.e p.r.c u.a.e s.a.r no nos vol vols fig figs art arts
mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st sr jr amb pres
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
inc ltd co corp bros dept univ assn est approx vs etc e.g i.e cf al ca
mt ft km kg bn mln tn sq
""".split()

_ABBREV_SET = frozenset(a.rstrip(".") for a in _ABBREVIATIONS)
_ABBREV_TYPES = frozenset(_ABBREVIATIONS)  # punkt's abbrev_types
_BREAK_RE = re.compile(r"\n\s*\n|\n")
_LINE_RE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _tokenizer():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_ABBREV_TYPES)
    return PunktSentenceTokenizer(params)


# ---------------------------------------------------------------------------------------------------
# Sentence boundaries: NLTK's punkt, by hand
#
# With our parameters (abbreviations only: no collocations, no sentence starters, no orthographic
# context) punkt's decisions on one line reduce to a few rules, written out in _fast_text_spans. Every
# step mirrors a method of nltk/tokenize/punkt.py (NLTK 3.10, whose patterns run on the regex module:
# its \s is _SPACE):
#
# - candidates (_match_potential_end_contexts): a "." "?" or "!" followed by punctuation of
#   _NON_WORD or by white space and a token. Candidates with no ASCII white space between them form
#   one cluster; only its last one is decided, on the context "word before + mark + what follows",
#   the word before running back to the last ASCII white space (string.whitespace: a no-break space
#   does not end it) or to the cluster's start.
# - the decision (text_contains_sentbreak): the context holds a sentence break before its last token.
#   "?" and "!" are tokens of their own and always breaks. After a "." the token before it decides:
#   an abbreviation is no break, another word is; an initial ("J.") or a number ("2.") is a break
#   unless the next token is lower case or punctuation (_ortho_heuristic without orthographic data
#   says "not a sentence starter"), and an initial is no break before an upper-case word either. A
#   later token of the context can also hold a break ("Dr. Who?!"), hence the check of the next
#   token's inner marks. Any context outside these shapes goes to NLTK itself, and its answer is
#   cached.
# - a sentence ends after the candidate and the next starts at the next token
#   (_slices_from_text); closing quotes and brackets at the start of a sentence move to the one
#   before (_realign_boundaries: _REALIGN_RE is its pattern).
#
# Why by hand: NLTK builds token objects and runs several patterns for every candidate; this is 5 to
# 17 times faster (short paragraphs to news pages), and sentence splitting is what every
# sentence-level step and every slogan's sent_id pay for (issue 20).
#
# _PUNKT_FINGERPRINT pins the NLTK code and patterns these rules were read from; with any other NLTK
# every line goes to NLTK (slower, same spans). tests/test_text_tokens.py compares the two on every
# line of the shared validation pages and on generated text.

# the regex module's \s (NLTK's patterns run on it): Python's str.isspace() less \x1c-\x1f
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NON_WORD = ")\";}\\]*:@'({\\[\u2018\u2019\u201c\u201d\xab\xbb!?"
# punkt's period_context_re (group 1: the next token), over a whole text: the white space after a
# candidate does not cross a line break. The last alternative (group 2) is no candidate: a mark
# before a capitalised word with no space between, where _GLUED_RE may match ("areas.China").
_CANDIDATE_RE = re.compile(f"[.?!](?:(?=[{_NON_WORD}]|[{_SPACE.replace(chr(10), '')}]+([^{_SPACE}]+))"
                           "|(?=[A-Z\u00c0-\u00d6\u00d8-\u00de][a-z\u00df-\u00ff])())")
_SENT_END_RE = re.compile(r"[.?!]")
_DOT_DASH = re.compile(r"[.-]")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_PUNKT_PUNCTUATION = (";", ":", ",", ".", "!", "?")  # PunktSentenceTokenizer.PUNCTUATION
_REALIGN_FIRST = "\"')]}\u2018\u2019\u201c\u201d\xab\xbb"
# punkt's re_boundary_realignment, applied to a line's text from pos to endpos (no line break)
_REALIGN_RE = re.compile(f"[{re.escape(_REALIGN_FIRST)}]+?(?:[{_SPACE}]+|(?=--)|$)")
_BREAK, _ABBR, _INITIAL, _NUMBER_WORD, _OTHER = range(5)
_PUNKT_FINGERPRINT = "eae2d3e25809c6d4"  # _punkt_fingerprint() of NLTK 3.10.4


def _punkt_fingerprint() -> str:
    """Hash of the NLTK punkt code and patterns that :func:`_fast_text_spans` reproduces."""
    import hashlib
    import inspect

    from nltk.tokenize import punkt

    tok, lang = punkt.PunktSentenceTokenizer, punkt.PunktLanguageVars
    parts = [inspect.getsource(f) for f in (
        tok._slices_from_text, tok._match_potential_end_contexts, tok._get_last_whitespace_index,
        tok._realign_boundaries, tok.text_contains_sentbreak, tok._annotate_tokens, tok._second_pass_annotation,
        tok._ortho_heuristic, punkt.PunktBaseClass._first_pass_annotation, punkt.PunktBaseClass._tokenize_words,
        lang._re_sent_end_chars.fget, lang._re_non_word_chars.fget, lang.period_context_re,
        lang._word_tokenizer_re, lang.word_tokenize)]
    # the sources and formats, not the compiled patterns: those list a set's items in hash order
    parts += [lang._period_context_fmt, lang._word_tokenize_fmt, lang._re_word_start, lang._re_multi_char_punct,
              lang.re_boundary_realignment.pattern, repr(lang.sent_end_chars), repr(tok.PUNCTUATION)]
    parts += [getattr(punkt.PunktToken, name).pattern for name in ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL")]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _fast_path_matches_nltk() -> bool:
    try:
        return _punkt_fingerprint() == _PUNKT_FINGERPRINT
    except Exception:  # noqa: BLE001 - NLTK internals moved: use NLTK itself
        return False


class _Bounded(dict):
    """A cache that forgets everything when it holds ``limit`` entries."""

    def __init__(self, compute, limit: int):
        super().__init__()
        self._compute, self._limit = compute, limit

    def __missing__(self, key):
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value


def _word_kind(word: str) -> int:
    """How punkt's annotation treats ``word + "."`` (the word before a full stop, no white space)."""
    if not word:
        return _BREAK  # "." alone is a break
    if word.isalpha() or all(part.isalpha() for part in _DOT_DASH.split(word)):  # "Li", "U.S", "ex-Gov"
        low = word.lower()
        if low in _ABBREV_TYPES or low.split("-")[-1] in _ABBREV_TYPES:
            return _ABBR
        return _INITIAL if len(word) == 1 else _BREAK
    if _NUMBER.fullmatch(word):  # "2", "5.4", "1,200"
        return _NUMBER_WORD
    return _OTHER


_WORD_KINDS = _Bounded(_word_kind, 200_000)
_CONTEXT_BREAKS = _Bounded(lambda context: _tokenizer().text_contains_sentbreak(context), 200_000)


def _rare_break(text: str, m: re.Match, p: int) -> bool:
    """Is the full stop of candidate ``m`` in ``text`` (the word before it starting at ``p``) a
    sentence break, for a word that is not plainly one (see the comment above)?"""
    ms = m.start()
    kind = _WORD_KINDS[text[p:ms]]
    n = m.start(1)
    if n >= 0:
        ne = m.end(1)
        if _SENT_END_RE.search(text, n, ne - 1):  # a later token of the context may be a break
            kind = _OTHER
        next_char = text[n]
    else:
        ne = ms + 2
        next_char = text[ms + 1]  # a _NON_WORD mark: a token of its own
    if kind == _ABBR:
        return False
    if kind != _OTHER:  # an initial or a number
        if n >= 0 and next_char in ";:,.!?":  # the next token may be longer than the mark
            kind = _OTHER
        elif next_char in _PUNKT_PUNCTUATION or next_char.islower():
            return False
        elif kind == _INITIAL and next_char.isupper():
            return False
        else:
            return True
    return _CONTEXT_BREAKS[text[p:ne]]


def _breaks(text: str, kinds, candidate, start: int, stop: int) -> bool:
    """Whether the decided candidate (its mark at ``stop``, its word from ``start``) ends a sentence."""
    return text[stop] != "." or kinds[text[start:stop]] == _BREAK or _rare_break(text, candidate, start)


def _fast_text_spans(text: str, glued_hints: list[int] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, line by line, equal to NLTK's ``span_tokenize`` of each line
    with our parameters (see the comment above); no glued boundaries, but the positions of the
    marks where :data:`_GLUED_RE` may find one go to ``glued_hints``."""
    if "." not in text and "?" not in text and "!" not in text:  # a heading, a menu: its lines
        return [(b.start(), b.start() + n) for b in _LINE_RE.finditer(text) if (n := len(b.group(0).rstrip()))]
    other_space = "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text
    kinds = _WORD_KINDS
    spans: list[tuple[int, int]] = []
    done = 0  # the lines before this offset are in spans
    ls = le = -1  # the current line
    slices: list[tuple[int, int]] = []  # its sentences so far, before realignment
    last = prev_start = prev_stop = 0
    prev = None  # the last candidate seen, not decided yet
    for m in itertools.chain(_CANDIDATE_RE.finditer(text), (None,)):
        if m is None:
            ms = len(text)
        elif m.lastindex == 2:
            if glued_hints is not None:
                glued_hints.append(m.start())
            continue
        else:
            ms = m.start()
        if ms >= le:  # a line's first candidate, or the end: finish the line before
            if prev is not None:
                if _breaks(text, kinds, prev, prev_start, prev_stop):
                    slices.append((last, prev_stop + 1))
                    n = prev.start(1)
                    last = n if n >= 0 else prev_stop + 1
                    realign = realign or text[last] in _REALIGN_FIRST
                end = le if le > ls and not text[le - 1].isspace() else ls + len(text[ls:le].rstrip())
                if realign:
                    slices.append((last, end))
                    _realigned(text, slices, spans)
                else:  # nothing to realign: the sentences as they are (those before the last are not empty)
                    spans += slices
                    if end > last:
                        spans.append((last, end))
            if m is None:
                break
            ls = text.rfind("\n", done, ms) + 1 or done
            if ls > done + 1:  # lines without candidates
                for b in _LINE_RE.finditer(text, done, ls):
                    end = len(b.group(0).rstrip())
                    if end:
                        spans.append((b.start(), b.start() + end))
            le = text.find("\n", ms)
            le = done = len(text) if le < 0 else le
            slices = []
            last = prev_start = prev_stop = ls
            prev = None
            realign = False  # whether a sentence of the line starts with a closing quote or bracket
        j = text.rfind(" ", prev_stop, ms)
        if other_space:
            j = max(j, text.rfind("\t", prev_stop, ms), text.rfind("\r", prev_stop, ms),
                    text.rfind("\x0b", prev_stop, ms), text.rfind("\x0c", prev_stop, ms))
        start = j + 1 if j > prev_stop else prev_start
        if prev is not None and prev_stop <= start:  # prev is the last candidate of its cluster
            if _breaks(text, kinds, prev, prev_start, prev_stop):
                slices.append((last, prev_stop + 1))
                n = prev.start(1)
                last = n if n >= 0 else prev_stop + 1
                realign = realign or text[last] in _REALIGN_FIRST
        prev, prev_start, prev_stop = m, start, ms
    for b in _LINE_RE.finditer(text, done):
        end = len(b.group(0).rstrip())
        if end:
            spans.append((b.start(), b.start() + end))
    return spans


def _realigned(text: str, slices: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    """Append ``slices`` (the sentences of one line) to ``spans`` as punkt's ``_realign_boundaries``
    leaves them: closing quotes and brackets that open a sentence belong to the one before."""
    realign = 0
    s1, e1 = slices[0]
    for s2, e2 in itertools.islice(slices, 1, None):
        s1 += realign
        realign = 0
        if s2 < e2 and text[s2] in _REALIGN_FIRST:
            r = _REALIGN_RE.match(text, s2, e2)
            if r:
                spans.append((s1, s2 + len(r.group(0).rstrip())))
                realign = r.end() - s2
                s1, e1 = s2, e2
                continue
        if e1 > s1:
            spans.append((s1, e1))
        s1, e1 = s2, e2
    s1 += realign
    if e1 > s1:
        spans.append((s1, e1))


def _fast_line_spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line (no line break), equal to NLTK's ``span_tokenize``."""
    return _fast_text_spans(line)


def _nltk_line_spans(line: str) -> list[tuple[int, int]]:
    """The reference: NLTK's spans of one line."""
    return list(_tokenizer().span_tokenize(line))


def _line_spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans of one line: the fast path where it was checked against this NLTK, else NLTK."""
    if _fast_path_matches_nltk():
        return _fast_line_spans(line)
    return _nltk_line_spans(line)


class _TokenWordCounts(dict):
    """Words per whitespace-separated token, computed on first sight.

    A word never contains whitespace, so the words of a text are the words of its
    tokens; tokens recur by Zipf's law, so looking most of them up is about four
    times faster than running the pattern over every character again. Bounded:
    cleared when it holds a million tokens.
    """

    def __missing__(self, token: str) -> int:
        if len(self) >= 1_000_000:
            self.clear()
        n = self[token] = len(WORD_RE.findall(token))
        return n


_TOKEN_WORDS = _TokenWordCounts()


def count_words(text: str) -> int:
    """Number of words (letter/digit runs, joined by inner hyphens or apostrophes).

    This one definition is used for every ``n_words`` and per-1,000-word rate.
    It equals ``len(WORD_RE.findall(text))``.
    """
    return sum(map(_TOKEN_WORDS.__getitem__, text.split()))


def count_words_in_tokens(tokens) -> int:
    """:func:`count_words` of a text already split on whitespace (``text.split()``)."""
    return sum(map(_TOKEN_WORDS.__getitem__, tokens))


# "areas.China", "month.The": a full stop (or ! ?) between two lower-case letters and a capitalised
# word, with no space, is a sentence boundary that scraping lost. Not one: a token with "://",
# "www." or "@" (URLs, mail), a lower-case abbreviation ("vs.The"), a capital before the stop
# ("U.S.China", "J.R.R.Tolkien": the pattern cannot match), and, as a look at the 293 candidates
# on the 983 public pages of ../shared/validation/extraction showed, code and brand names: tokens
# with two or more dots, with code characters, or a camel-case word after the stop.
_GLUED_RE = re.compile(r"(?<=[a-z\u00df-\u00f6\u00f8-\u00ff]{2}[.!?])(?=[A-Z\u00c0-\u00d6\u00d8-\u00de][a-z\u00df-\u00ff])")
_GLUED_SKIP = re.compile(r"://|www\.|@")
_CODE_CHARS = re.compile(r"[=(){}\[\]<>;/\\_]")
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z]")


def glued_boundaries(text: str) -> list[int]:
    """Positions in ``text`` where a sentence ends with no space before the next
    ("in many areas.China will build ..."): the index of the next sentence's first letter.

    Examples
    --------
    >>> text = "Ties grew in many areas.China will build roads. See example.com or the U.S.Army."
    >>> [text[i:i + 5] for i in glued_boundaries(text)]
    ['China']
    """
    out = []
    for m in _GLUED_RE.finditer(text):
        i = m.start()
        lo = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
        hi = len(text) if (sp := re.search(r"\s", text[i:i + 200])) is None else i + sp.start()
        token = text[lo:hi]
        word = re.search(r"([^\W\d_]+)[.!?]$", text[lo:i])
        if (_GLUED_SKIP.search(token) or (word and word.group(1).lower() in _ABBREV_SET)
                or token.strip(".,;:!?)]\"'\u201d").count(".") >= 2  # fe.views.adverts, Theorie.Organisation.Praxis
                or _CODE_CHARS.search(token) or _CAMEL.match(text, i)):  # window.Promise=e, ads.ArtEnde
            continue
        out.append(i)
    return out


def sentence_spans(text: str, glued: list[int] | None = None) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    Line breaks always end a sentence (a heading is not glued to the next
    paragraph), and so does a boundary that lost its space
    (:func:`glued_boundaries`: "areas.China"); their positions are appended to
    ``glued`` when it is given. Within a line the boundaries are those of NLTK's
    :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` with the abbreviations
    above, found by hand-written code that gives the same spans 5 to 17 times
    faster (NLTK is the reference: tests compare the two on every line of the
    shared validation pages and on generated text; with an NLTK whose punkt
    code differs from the one the rules were read from, NLTK itself is used).

    Examples
    --------
    >>> text = "Mr. Li met H.E. Tokayev on Feb. 4.\\nTrade rose 5.4 percent!"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Mr. Li met H.E. Tokayev on Feb. 4.', 'Trade rose 5.4 percent!']
    """
    if not _fast_path_matches_nltk():
        return _sentence_spans_by_line(text, glued, _nltk_line_spans)
    hints: list[int] = []
    spans = _fast_text_spans(text, hints)
    line_start = -1
    for hint in hints:  # rare: apply the cuts of the lines they are in
        if hint < line_start or not _GLUED_RE.match(text, hint + 1):
            continue
        line_start = text.rfind("\n", 0, hint) + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        cuts = [line_start + c for c in glued_boundaries(text[line_start:line_end])]
        line_start = line_end
        if glued is not None:
            glued.extend(cuts)
        for c in cuts:
            k = bisect_right(spans, (c, len(text) + 1)) - 1
            if k >= 0 and spans[k][0] < c < spans[k][1]:
                spans[k:k + 1] = [(spans[k][0], c), (c, spans[k][1])]
    return spans


def _sentence_spans_by_line(text: str, glued: list[int] | None, line_spans) -> list[tuple[int, int]]:
    """:func:`sentence_spans` with ``line_spans(line)`` giving the punkt spans of each line."""
    spans: list[tuple[int, int]] = []
    for block in _LINE_RE.finditer(text):
        pos = block.start()
        line = block.group(0)
        cuts = glued_boundaries(line) if "." in line or "!" in line or "?" in line else []
        if glued is not None:
            glued.extend(pos + c for c in cuts)
        for s, e in line_spans(line):
            for c in cuts:
                if s < c < e:
                    spans.append((pos + s, pos + c))
                    s = c
            spans.append((pos + s, pos + e))
    return spans


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def paragraph_spans(text: str, max_chars: int = 1200) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of an article text.

    Paragraphs are the lines of the text. A scraped page often delivers a whole
    story as one line; such an over-long line is cut at sentence boundaries into
    chunks of at most about ``max_chars`` characters, so that paragraph-level
    measures (topics, frames) see paragraph-sized units.
    """
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        if len(line) <= max_chars:
            spans.append((m.start(), m.end()))
            continue
        start = None
        end = None
        for s, e in _line_spans(line):
            if start is None:
                start = s
            elif e - start > max_chars and end is not None:
                spans.append((m.start() + start, m.start() + end))
                start = s
            end = e
        if start is not None:
            spans.append((m.start() + start, m.start() + end))
    return spans
