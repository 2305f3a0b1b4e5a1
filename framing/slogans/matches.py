"""Slogan matches: every use of every slogan family in the article texts, and in whose voice.

A phrase inside an organisation's name or in a repeated passage is found but
not counted as a use (:func:`slogan_matches`, ``uncounted=True`` shows them).

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([{"text": "The talks rest on mutual respect. Officials said so."}])
>>> slogan_matches(c)[["family", "matched", "quoted"]].values.tolist()
[['mutual_respect', 'mutual respect', False]]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

import pandas as pd

from ..matching import PhraseMatcher, normalize
from ..quotes import VoiceFinder
from ..slogan_lexicon import ProperNames, SloganLexicon, load_slogan_lexicon
from ..text import sentence_spans

__all__ = ["MATCH_COLUMNS", "UNCOUNTED_COLUMNS", "lexicon_of", "matches_in_text", "counted_rows",
           "match_frame", "slogan_matches"]

MATCH_COLUMNS = ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted", "voice", "sent_id"]
UNCOUNTED_COLUMNS = ["in_name", "name", "repeat"]

# a word as written in a name or title: hyphen- or dash-joined parts, apostrophes inside
_WORD = r"[^\W_][\w'\u2019]*(?:[-\u2010\u2011\u2012\u2013][^\W_][\w'\u2019]*)*"
_NAME_WORD = re.compile(_WORD)
# the next word, separated by spaces (a name) or by ", " or ": " (a title)
_NEXT = re.compile(rf"(?P<punct>[,:])?[ \t\u00a0]+(?P<word>{_WORD})")
_SPACES = " \t\u00a0"
_WORD_CHARS = "'\u2019-\u2010\u2011\u2012\u2013_"
_MAX_RUN = 12  # words looked at on each side of a match
_KEY_STRIP = " .,;:!?\"'()[]\u2026"


def lexicon_of(lexicon) -> SloganLexicon:
    """A :class:`~framing.slogan_lexicon.SloganLexicon` as given, or loaded (None: the packaged one)."""
    if isinstance(lexicon, SloganLexicon):
        return lexicon
    return load_slogan_lexicon(lexicon)


def _passage_key(passage: str) -> str:
    """A sentence as compared for repeats: normalised, spaces collapsed, outer punctuation off."""
    return " ".join(normalize(passage).split()).strip(_KEY_STRIP)


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "\u2019s", "'", "\u2019"))


_Context = tuple  # ((normalised word, capitalised and 4+ letters), ...) on one side of a match


def _side(words) -> _Context:
    return tuple((normalize(w), len(w) >= 4 and _capitalised(w)) for w in words)


def _same_title(a: tuple[_Context, _Context], b: tuple[_Context, _Context]) -> bool:
    """Do two title contexts of the same phrase agree, next to the match, on three or more
    capitalised words? (Where the runs end varies: "... Together on Monday", "... Together was".)"""
    shared = 0
    for side_a, side_b in zip(a, b):
        for (wa, big), (wb, _) in zip(side_a, side_b):
            if wa != wb:
                break
            shared += big
    return shared >= 3


def _previous_word(text: str, p: int) -> tuple[str, bool, int] | None:
    """The word before position ``p`` as ``(word, spaced, start)``, like :data:`_NEXT` backwards
    (a backward scan: a regex search anchored at ``p`` would try every start before it)."""
    i = p
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    if i == p or i == 0:
        return None
    spaced = text[i - 1] not in ",:"
    if not spaced:
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in _WORD_CHARS):
        j -= 1
    word = text[j:i]
    if not word or _NAME_WORD.fullmatch(word) is None:
        return None
    return word, spaced, j


def _neighbours(text: str, start: int, end: int, joins) -> tuple[list, list]:
    """Capitalised words and joins next to ``[start, end)`` on its line, nearest first, as
    ``(word, spaced)``: ``spaced`` when only spaces separate it from the run (else ", " or ": ")."""
    sides: tuple[list, list] = ([], [])
    for side in (0, 1):
        p = start if side == 0 else end
        out = sides[side]
        while len(out) < _MAX_RUN:
            if side == 0:
                prev = _previous_word(text, p)
                if prev is None:
                    break
                word, spaced, q = prev
            else:
                m = _NEXT.match(text, p)
                if m is None:
                    break
                word, spaced, q = m.group("word"), not m.group("punct"), m.end()
            if not (_capitalised(word) or word.lower() in joins) or \
                    not spaced and (not _capitalised(word) or word.lower() in joins):
                break
            if side == 0 and _possessive(word):  # "China's Belt and Road": the owner is not in the name
                break
            out.append((word, spaced))
            if side == 1 and _possessive(word):
                break
            p = q
    return sides


def _trimmed(words: list, joins) -> list:
    """A side of a run without the joins at its far end ("the", "of")."""
    n = len(words)
    while n and words[n - 1][0].lower() in joins:
        n -= 1
    return words[:n]


def _name_and_title(text: str, start: int, end: int, names: ProperNames,
                    quote: tuple[int, int] | None) -> tuple[str, tuple[_Context, _Context] | None]:
    """The organisation name a capitalised match lies in (``""``: none), and the title it is
    part of as ``(words before, words after)`` the match, nearest first (``None``: none),
    for a match at ``[start, end)``.

    A title is a quotation (``quote``, quote marks included) in title case, or an unquoted
    run of capitalised words that may go on over ", " and ": "; either way with at least
    three capitalised words of four letters or more besides the match.
    """
    joins = names.joins
    own = _NAME_WORD.findall(text, start, end)
    if not own or not all(_capitalised(w) or w.lower() in joins for w in own):
        return "", None
    left, right = _neighbours(text, start, end, joins)
    name = ""
    if names:
        # the name: the run as far as words are separated by spaces only
        nl = _trimmed(list(itertools.takewhile(lambda x: x[1], left)), joins)
        nr = _trimmed(list(itertools.takewhile(lambda x: x[1], right)), joins)
        seq = [w for w, _ in reversed(nl)] + own + [w for w, _ in nr]
        first_after = len(nl) + len(own)
        heads, links = names.heads, names.head_links
        for k in (*range(len(nl)), *range(first_after, len(seq))):
            w = normalize(seq[k])
            w = w[:-2] if w.endswith("'s") else w.rstrip("'")
            if w in heads and (k == len(seq) - 1 or seq[k + 1].lower() in links):
                name = " ".join(seq)
                break
    if quote is not None:
        before = _side(_NAME_WORD.findall(text, quote[0], start)[::-1])
        after = _side(_NAME_WORD.findall(text, end, quote[1]))
        big = sum(b for _, b in before + after)
        long_words = sum(len(w) >= 4 for w in _NAME_WORD.findall(text, quote[0], start)) + \
            sum(len(w) >= 4 for w in _NAME_WORD.findall(text, end, quote[1]))
        if big >= 3 and big >= 0.8 * long_words:
            return name, (before, after)
    before, after = _side(w for w, _ in _trimmed(left, joins)), _side(w for w, _ in _trimmed(right, joins))
    if sum(b for _, b in before + after) >= 3:
        return name, (before, after)
    return name, None


def matches_in_text(doc_id, text: str, matcher: PhraseMatcher, names: ProperNames | None = None) -> list[dict]:
    """Every match in ``text``, uncounted ones included, with ``in_name, name, repeat`` (see
    :func:`slogan_matches`); ``names`` defaults to the packaged lexicon's."""
    hits = matcher.find(text)
    if not hits:
        return []
    if names is None:
        names = load_slogan_lexicon().names
    # sent_id counts the sentences before a match: split every line up to the last match's
    # (a line's sentences do not depend on the lines after it)
    last_line_end = text.find("\n", max(h.end for h in hits))
    sents = sentence_spans(text if last_line_end < 0 else text[:last_line_end])
    starts = [s for s, _ in sents]
    voices = VoiceFinder(text, sents, starts)  # quotes and reporting verbs only where a match is
    rows = []
    first_copy: dict[int, int] = {}  # sentence -> the first sentence identical to it
    by_length: dict[int, list[int]] = {}  # words in a sentence -> first copies of that length
    keys: dict[int, str] = {}
    titles: dict[str, list] = {}  # normalised match -> title contexts met so far

    def key(j: int) -> str:
        if j not in keys:
            keys[j] = _passage_key(text[sents[j][0]:sents[j][1]] if j >= 0 else text)
        return keys[j]

    voice_of = voices.voice
    for h in hits:
        start, end, matched = h.start, h.end, h.text
        k = bisect_right(starts, start) - 1
        s, e = sents[k] if k >= 0 else (0, len(text))
        sentence = text[s:e]
        voice = voice_of(start, end, k)
        first = first_copy.get(k)
        if first is None:
            # normalised keys only for sentences as long as an earlier one: copies have equal word counts
            same_length = by_length.setdefault(len(sentence.split()), [])
            first = first_copy[k] = next((j for j in same_length if key(j) == key(k)), k) if same_length else k
            if first == k:
                same_length.append(k)
        repeat = first != k
        name = ""
        if _capitalised(matched):  # names and titles are written with capitals
            quote = voices.quote_around(start, end) if voice == "quote" else None
            name, title = _name_and_title(text, start, end, names, quote)
            if title is not None:
                earlier = titles.setdefault(normalize(matched), [])
                repeat = repeat or any(_same_title(title, t) for t in earlier)
                earlier.append(title)
        rows.append({"doc_id": doc_id, "family": h.key, "phrase": h.phrase, "matched": matched, "start": start,
                     "end": end, "sentence": sentence, "quoted": voice != "own", "voice": voice,
                     "sent_id": k + 1, "in_name": bool(name), "name": name, "repeat": repeat})
    return rows


def counted_rows(rows: list[dict]) -> list[dict]:
    """The match rows that count as uses (not inside a name, not in a repeated passage)."""
    return [r for r in rows if not (r["in_name"] or r["repeat"])]


def match_frame(rows: list[dict], uncounted: bool) -> pd.DataFrame:
    """The :func:`slogan_matches` table of match rows: counted ones only, or all with the three flags."""
    if uncounted:
        df = pd.DataFrame(rows, columns=MATCH_COLUMNS + UNCOUNTED_COLUMNS)
        df = df.astype({"in_name": "bool", "repeat": "bool", "name": "object"})
    else:
        df = pd.DataFrame(counted_rows(rows), columns=MATCH_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "sent_id": "int64", "quoted": "bool"})


def slogan_matches(corpus, lexicon=None, *, uncounted: bool = False) -> pd.DataFrame:
    """Every use of a slogan in the article texts, each counted once per article.

    Parameters
    ----------
    corpus : Corpus
    lexicon : SloganLexicon, path, dict or list, optional
        Default: the packaged ``lexicons/slogans.yaml``; a path or list extends it
        (see :func:`~framing.slogan_lexicon.load_slogan_lexicon`).
    uncounted : bool, default False
        Also return the matches that are not counted as uses (inside an
        organisation's name, or in a repeated passage), flagged in three more
        columns; for checking the rules, e.g. with :func:`kwic`.

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase`` (the lexicon phrase), ``matched`` (the text as
        written), ``start, end`` (offsets in the article text), ``sentence``,
        ``quoted`` (inside a direct quotation or attributed speech), ``voice``
        (``own``, ``quote`` or ``attributed``) and ``sent_id``. With
        ``uncounted=True`` also ``in_name`` (inside an organisation's name),
        ``name`` (that name, else ``""``) and ``repeat`` (in a later copy of a
        passage); a row with either flag is not a use.

    Notes
    -----
    Matching is insensitive to case, hyphens and dashes, curly quotes,
    British/American spelling and simple plurals; respects word boundaries;
    takes the longest of overlapping phrases once; and counts each member of
    an enumeration ("mutual respect, trust and benefit" gives three).

    What counts as a use:

    - Only ``text`` is searched, not the ``title`` column (a headline that the
      page also carries inside its text is counted there, like any sentence).
    - A match inside the proper name of an organisation ("the
      Center for Belt and Road Studies in Osh", "the Win-Win Cooperation Fund") is not
      a use: a run of capitalised words with an institution word of the
      lexicon's ``proper_names`` outside the match (see
      :class:`~framing.slogan_lexicon.ProperNames`). A slogan that is itself
      the whole name ("the Belt and Road Initiative") is a use.
    - A repeated passage is counted once per article: the matches in a
      sentence identical to an earlier sentence of the article (ignoring case,
      spacing, quote and dash styles and outer punctuation: a standfirst
      repeated in the body), and in a later copy of a title (a quotation in
      title case, or an unquoted run of capitalised words, with at least three
      capitalised words of four letters or more besides the match, and the
      copies agreeing on three such words next to it: a report title cited
      five times) are not counted again.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Win-win cooperation, said the head of the Win-Win Cooperation Fund."}])
    >>> len(slogan_matches(c)), len(slogan_matches(c, uncounted=True))
    (1, 2)
    """
    lex = lexicon_of(lexicon)
    matcher = lex.matcher
    rows: list[dict] = []
    a = corpus.articles
    for doc_id, text in zip(a["doc_id"], a["text"]):
        rows += matches_in_text(doc_id, str(text), matcher, lex.names)
    return match_frame(rows, uncounted)
