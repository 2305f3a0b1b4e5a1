"""Words, paragraphs and sentences, without downloaded models.

NLTK's punkt *data* is not available offline, so sentences are split with an
untrained :class:`nltk.tokenize.punkt.PunktSentenceTokenizer` given a curated
list of news abbreviations (``U.S.``, ``D.C.``, ``Feb.``, ``H.E.`` ...). That
keeps NLTK's well-tested boundary logic (quotes after full stops, decimals,
initials) and adds what its training would have learnt.

Examples
--------
>>> split_sentences("The U.S. envoy met Mr. Li on Feb. 4. Trade rose 5.4 percent.")
['The U.S. envoy met Mr. Li on Feb. 4.', 'Trade rose 5.4 percent.']
>>> count_words("Win-win cooperation, isn't it?")
4
"""

from __future__ import annotations

import re
from functools import lru_cache

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
_BREAK_RE = re.compile(r"\n\s*\n|\n")


@lru_cache(maxsize=1)
def _tokenizer():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


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
    ``glued`` when it is given.
    """
    spans: list[tuple[int, int]] = []
    tok = _tokenizer()
    pos = 0
    for block in re.finditer(r"[^\n]+", text):
        pos = block.start()
        line = block.group(0)
        cuts = glued_boundaries(line) if "." in line or "!" in line or "?" in line else []
        if glued is not None:
            glued.extend(pos + c for c in cuts)
        for s, e in tok.span_tokenize(line):
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
        for s, e in _tokenizer().span_tokenize(line):
            if start is None:
                start = s
            elif e - start > max_chars and end is not None:
                spans.append((m.start() + start, m.start() + end))
                start = s
            end = e
        if start is not None:
            spans.append((m.start() + start, m.start() + end))
    return spans
