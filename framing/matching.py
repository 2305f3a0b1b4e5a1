"""Fast, forgiving phrase matching with Aho-Corasick.

:class:`PhraseMatcher` finds many phrases at once in one pass over a text
(pyahocorasick), insensitive to case, hyphens vs spaces vs en/em dashes,
straight vs curly apostrophes and quotes, British vs American spelling
(``neighbourliness``/``neighborliness``) and simple plural inflection; it
respects word boundaries and resolves overlapping phrases to the longest
match.

How: the text is normalised by length-preserving character maps only
(``str.lower`` and ``str.translate``), so a match's offsets are offsets in the
original text and no per-token Python work is done outside the matches. The
spelling and inflection variants are generated on the phrase side, once, when
the automaton is built.

Examples
--------
>>> m = PhraseMatcher({"good-neighborliness": "good_neighbourliness", "win-win cooperation": "win_win"})
>>> [(h.key, h.text) for h in m.find("Good–neighbourliness and WIN-WIN cooperation.")]
[('good_neighbourliness', 'Good–neighbourliness'), ('win_win', 'WIN-WIN cooperation')]
"""

from __future__ import annotations

import itertools
import re
from typing import Iterable, Mapping, NamedTuple

__all__ = ["normalize", "phrase_variants", "Hit", "PhraseMatcher"]

# Length-preserving normalisation: every dash or hyphen is a space, every quote straight.
_REPLACEMENTS = (
    ("\n", " "), ("\t", " "), ("\r", " "), ("-", " "), ("/", " "), ("\u2013", " "), ("\u2014", " "),
    ("\u2010", " "), ("\u2011", " "), ("\u2012", " "), ("\u2015", " "), ("\u2212", " "), ("\u00ad", " "),
    ("\u00a0", " "), ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2032", "'"), ("`", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u00ab", '"'), ("\u00bb", '"'),
)

# British -> American spellings of words that occur in political vocabulary; the
# regular -ise/-isation and -our families are handled by the rules below.
_SPELLING = {
    "centre": "center", "centres": "centers", "defence": "defense", "offence": "offense",
    "programme": "program", "programmes": "programs", "labour": "labor", "favour": "favor",
    "favourable": "favorable", "honour": "honor", "neighbour": "neighbor", "neighbours": "neighbors",
    "neighbourly": "neighborly", "neighbourliness": "neighborliness", "neighbouring": "neighboring",
    "neighbourhood": "neighborhood", "behaviour": "behavior", "endeavour": "endeavor", "harbour": "harbor",
    "colour": "color", "vigour": "vigor", "rumour": "rumor", "fibre": "fiber", "theatre": "theater",
    "catalogue": "catalog", "dialogue": "dialog", "practise": "practice", "licence": "license",
    "judgement": "judgment", "travelling": "traveling", "travelled": "traveled", "fulfil": "fulfill",
    "enrol": "enroll", "counselling": "counseling", "modelling": "modeling", "jewellery": "jewelry",
}
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations)$")
_IZE = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations)$")
_NOT_ISE = {"rise", "wise", "precise", "concise", "otherwise", "exercise", "advertise", "enterprise", "compromise",
            "promise", "premise", "surprise", "supervise", "televise", "revise", "comprise", "expertise", "devise",
            "franchise", "merchandise", "disguise", "raise", "praise", "noise", "poise", "cruise", "arise"}


def normalize(text: str) -> str:
    """Lower case, dashes and hyphens to spaces, quotes straightened; same length as ``text``.

    Examples
    --------
    >>> normalize("Win–Win ‘Cooperation’")
    "win win 'cooperation'"
    """
    low = text.lower()
    if len(low) != len(text):  # a few characters ('İ') lengthen when lowered: lower one by one
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # a chain of str.replace (each a C-speed scan, skipped when absent) is ~10x faster than
    # str.translate with a mapping table, which looks every character up in a dict
    for old, new in _REPLACEMENTS:
        if old in low:
            low = low.replace(old, new)
    return low


def _spelling_variants(token: str) -> set[str]:
    out = {token}
    us = {v: k for k, v in _SPELLING.items()}
    if token in _SPELLING:
        out.add(_SPELLING[token])
    if token in us:
        out.add(us[token])
    m = _IZE.match(token)
    if m:
        out.add(f"{m.group(1)}is{m.group(2)}")
    m = _ISE.match(token)
    if m and f"{m.group(1)}ise" not in _NOT_ISE:
        out.add(f"{m.group(1)}iz{m.group(2)}")
    return out


def _plurals(token: str) -> set[str]:
    if len(token) < 3 or not token.isalpha():
        return set()
    if token.endswith(("s", "x", "z", "ch", "sh")):
        return {token + "es"}
    if token.endswith("y") and token[-2] not in "aeiou":
        return {token[:-1] + "ies"}
    return {token + "s"}


def phrase_variants(phrase: str, max_variants: int = 64) -> list[str]:
    """Normalised spelling and plural variants of a phrase (the phrase itself first).

    Examples
    --------
    >>> phrase_variants("good-neighborliness")[:2]
    ['good neighborliness', 'good neighbourliness']
    >>> "shared futures" in phrase_variants("shared future")
    True
    """
    tokens = re.sub(r"\s+", " ", normalize(phrase)).strip().split(" ")
    options = [sorted(_spelling_variants(t), key=lambda v: (v != t, v)) for t in tokens]
    last = options[-1]
    options[-1] = last + sorted({p for t in last for p in _plurals(t)} - set(last))
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*options), max_variants):
        v = " ".join(combo)
        if v not in out:
            out.append(v)
    return out


class Hit(NamedTuple):
    """One match: the key it belongs to, the lexicon phrase, and where it is."""

    key: str
    phrase: str
    start: int
    end: int
    text: str


class PhraseMatcher:
    """Aho-Corasick matcher for many phrases, each mapped to a key (a family id).

    Parameters
    ----------
    phrases : mapping of phrase -> key
        Phrases as written in a lexicon. A phrase written in capitals
        (``BRI``, ``OBOR``) matches only in capitals.
    variants : bool, default True
        Also match British/American spellings and simple plurals.
    excludes : mapping of key -> list of phrases, optional
        Longer contexts in which a key's phrases do not count (``human rights
        watch`` for ``human_rights``).
    """

    def __init__(self, phrases: Mapping[str, str], *, variants: bool = True,
                 excludes: Mapping[str, Iterable[str]] | None = None):
        try:
            import ahocorasick
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ImportError("framing's phrase matcher needs pyahocorasick: pip install pyahocorasick") from exc
        self._automaton = ahocorasick.Automaton()
        self._case_sensitive: dict[str, str] = {}
        self.phrases = dict(phrases)
        seen: dict[str, tuple[str, str]] = {}
        for phrase, key in self.phrases.items():
            exact = phrase.strip()
            forms = phrase_variants(exact) if variants and not exact.isupper() else [normalize(exact)]
            for form in forms:
                seen.setdefault(form, (key, phrase))
            if exact.isupper() and len(exact) <= 8:
                self._case_sensitive[normalize(exact)] = exact
        self._exclude: list[tuple[str, str]] = []
        for key, contexts in (excludes or {}).items():
            for ctx in contexts:
                for form in phrase_variants(ctx):
                    if form not in seen:
                        seen[form] = ("__exclude__", key)
        for form, value in seen.items():
            self._automaton.add_word(form, (len(form), value[0], value[1]))
        self._automaton.make_automaton()
        self._heads = self._enumeration_heads()

    def _enumeration_heads(self) -> dict[str, dict[str, tuple[str, str]]]:
        """Phrases "HEAD TAIL" that share a head word: "mutual respect", "mutual trust"."""
        by_head: dict[str, dict[str, tuple[str, str]]] = {}
        for phrase, key in self.phrases.items():
            toks = normalize(phrase).split()
            if len(toks) == 2:
                by_head.setdefault(toks[0], {})[toks[1]] = (key, phrase)
        heads = {h: tails for h, tails in by_head.items() if len(tails) >= 2}
        self._head_of = {phrase: toks for phrase in self.phrases
                         if len(toks := normalize(phrase).split()) == 2 and toks[0] in heads}
        return heads

    def find(self, text: str) -> list[Hit]:
        """All matches in ``text``, leftmost-longest, non-overlapping, on word boundaries."""
        norm = normalize(text)
        n = len(norm)
        # all candidates on word boundaries, then leftmost-longest selection: letting the
        # automaton pick the longest first (iter_long) would let a candidate that fails the
        # boundary test hide a valid shorter one ("the west" in "the western countries")
        cands = []
        for end_idx, (length, key, phrase) in self._automaton.iter(norm):
            start = end_idx - length + 1
            end = end_idx + 1
            if (start > 0 and (norm[start - 1].isalnum() or norm[start - 1] == "_")) or \
                    (end < n and (norm[end].isalnum() or norm[end] == "_")):
                continue
            if key != "__exclude__":
                form = norm[start:end]
                if form in self._case_sensitive and text[start:end] != self._case_sensitive[form]:
                    continue
            cands.append((start, -end, key, phrase))
        cands.sort()
        hits: list[Hit] = []
        pos = 0
        excluded_until = -1
        for start, neg_end, key, phrase in cands:
            end = -neg_end
            if start < pos:
                continue
            if key == "__exclude__":
                excluded_until = max(excluded_until, end)
                pos = end
                continue
            if start < excluded_until:
                continue
            hits.append(Hit(key, phrase, start, end, text[start:end]))
            pos = end
        if self._heads and any(h.phrase in self._head_of for h in hits):
            hits = self._add_elliptical(text, norm, hits)
        return hits

    _ELLIPSIS = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)([a-z]+)")

    def _add_elliptical(self, text: str, norm: str, hits: list[Hit]) -> list[Hit]:
        """'mutual respect, trust and benefit' also counts 'mutual trust' and 'mutual benefit'."""
        out: list[Hit] = []
        taken = {(h.start, h.end) for h in hits}
        for h in hits:
            out.append(h)
            toks = self._head_of.get(h.phrase)
            if toks is None:
                continue
            tails = self._heads[toks[0]]
            pos = h.end
            while True:
                m = self._ELLIPSIS.match(norm, pos)
                if not m or m.group(1) not in tails:
                    break
                key, phrase = tails[m.group(1)]
                s, e = m.start(1), m.end(1)
                if (s, e) not in taken and not any(x.start <= s < x.end for x in hits):
                    out.append(Hit(key, phrase, s, e, text[s:e]))
                pos = e
        out.sort(key=lambda x: x.start)
        return out
