"""Names in news text: person names told from titles, bodies and places, and what is said about them.

A name is the longest tail of a run of capitalised words whose words are
name-like: not a stop word, month, word of a body's name (``lexicons/voices.yaml``),
title (``lexicons/affiliations.yaml``), acronym or state of
``lexicons/actors.yaml`` ("Beijing-Central"). A description is the title before a name
("Foreign Ministry spokesperson") or the appositive after it (", a researcher
at X,") when it holds an affiliation cue.

Examples
--------
>>> leader_name("Xi")
'Xi Jinping'
>>> bare("Ruiz's")
'Ruiz'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_actors
from .spans import ArticleText, tokens
from .words import ACCORDING_RE, VERB_RE, WORDS

__all__ = ["bare", "single_token_aliases", "leader_name", "NameReader", "DescriptionReader"]



def bare(tok: str) -> str:
    """A token without its final full stop (not an abbreviation's) and its possessive ``'s``."""
    tok = tok.rstrip(".") if not re.search(r"\.\w", tok) else tok
    return re.sub(r"['\u2019]s$", "", tok)


@lru_cache(maxsize=1)
def single_token_aliases() -> frozenset[str]:
    """One-word states, capitals, demonyms and leaders' surnames of the actors lexicon."""
    return frozenset(a for actor in load_actors().entries for a in actor.names if " " not in a)


@lru_cache(maxsize=1)
def _leaders() -> dict[str, str]:
    leaders: dict[str, str] = {}
    not_person = WORDS.organisation_words | WORDS.stop_words | WORDS.not_person_words
    for actor in load_actors().entries:
        for a in actor.names:
            toks = a.split()
            # a person's full name: two or three capitalised words, none of them a title or a body
            if 2 <= len(toks) <= 4 and all(t[:1].isupper() for t in toks) and not any(
                    t.lower() in not_person for t in toks):
                for t in toks:
                    leaders.setdefault(t, a)
    return leaders


def leader_name(alias: str) -> str | None:
    """The full name a leader's one-word alias stands for ("Xi" -> "Xi Jinping"), else None."""
    return _leaders().get(alias)


class NameReader:
    """Person names in the (masked) text of one article.

    Parameters
    ----------
    doc : ArticleText
    title_words : set of str
        Lower-case titles of the affiliation lexicon ("minister", "ambassador").
    """

    def __init__(self, doc: ArticleText, title_words):
        self.doc = doc
        self.title_words = title_words
        self.actor_single = single_token_aliases()

    def name_like(self, tok: str) -> bool:
        """Whether ``tok`` may be a word of a person's name."""
        word = bare(tok)
        low = word.lower()
        if not word or not word[0].isupper() or low in WORDS.stop_words or low in WORDS.months or \
                low in WORDS.organisation_words:
            return False
        if low in self.title_words or (len(word) > 1 and word.isupper()) or re.search(r"\.\w|\d", word):
            return False
        parts = word.split("-")
        if len(parts) > 1 and any(p in self.actor_single or p.lower() in WORDS.stop_words for p in parts):
            return False  # "Beijing-Central", "China-Kyrgyzstan-Uzbekistan"
        return word.replace("-", "").replace("'", "").replace("\u2019", "").isalpha()

    def cap_runs(self, lo: int, hi: int):
        """Runs of capitalised tokens separated by single spaces, as lists of (start, end, token)."""
        masked = self.doc.masked
        run: list = []
        for s, e, tok in tokens(masked, lo, hi):
            cap = tok[0].isupper()
            joined = run and masked[run[-1][1]:s] == " "
            if cap and (joined or not run):
                run.append((s, e, tok))
            elif not cap and joined and tok in WORDS.name_particles:
                run.append((s, e, tok))
            else:
                if run:
                    yield run
                run = [(s, e, tok)] if cap else []
        if run:
            yield run

    def split_name(self, run):
        """(prefix tokens, name tokens) of a capitalised run: the name is its longest name-like tail."""
        particles = WORDS.name_particles
        while run and run[-1][2] in particles:
            run = run[:-1]
        name: list = []
        for i in range(len(run) - 1, -1, -1):
            s, e, tok = run[i]
            if tok in particles and name:
                name.insert(0, run[i])
                continue
            possessive = bool(re.search(r"['\u2019]s$", tok))
            if not self.name_like(tok) or (possessive and name) or len(name) >= 4:
                break
            name.insert(0, run[i])
        while name and name[0][2] in particles:
            name = name[1:]
        before = self.doc.masked[max(0, run[0][0] - 5):run[0][0]]
        if len(name) >= 3 and len(name) == len(run) and re.search(r"\b(?:of|for|to)\s$", before):
            name = name[1:]  # "Minister of Agriculture Serik Omarov", "Ambassador to France Arman …"
        return run[:len(run) - len(name)], name

    def is_person_name(self, name, prefix) -> bool:
        """Whether the name tokens (after ``prefix``) name a person, not a state or a place."""
        words = [bare(t) for _, _, t in name]
        if not words:
            return False
        if all(w in self.actor_single for w in words):
            # "Kazakhstan", "Beijing" are places; "President Xi" is a person
            return bool(prefix) and bare(prefix[-1][2]).lower() in self.title_words
        return True

    @staticmethod
    def honorific_gender(prefix) -> str | None:
        """The gender an honorific ending ``prefix`` gives ("Mrs" -> ``"f"``), else None."""
        for _, _, tok in prefix[-1:]:
            return WORDS.honorifics.get(tok.lower())
        return None


class DescriptionReader:
    """What an article says about a speaker: a title before the name, an appositive after it.

    Parameters
    ----------
    doc : ArticleText
    lexicon : AffiliationLexicon
    outlets : Outlets
    """

    def __init__(self, doc: ArticleText, lexicon, outlets):
        self.doc = doc
        self.lex = lexicon
        self.outlets = outlets

    def has_cue(self, text: str) -> bool:
        """Whether ``text`` holds an affiliation cue or names a known outlet or body."""
        return bool(text.strip()) and (bool(self.lex.matcher.find(text)) or bool(self.outlets.find(text)))

    @staticmethod
    def clean_pre(desc: str) -> str:
        """A title before a name without its article and a trailing "like" ("experts like")."""
        desc = desc.strip()
        for w in WORDS.list_words:
            if desc.endswith(" " + w) or desc == w:
                desc = desc[: -len(w)].strip()
        return re.sub(r"^(?:the|a|an)\s+", "", desc).strip(" ,")

    def pre_description(self, lo: int, name_start: int) -> str:
        """The title or description right before the name at ``name_start``, else ``""``."""
        start = self.doc.chunk_start(lo, name_start, WORDS.description_boundaries - {"to", "of", "at", "on", "in"})
        desc = self.clean_pre(self.doc.masked[start:name_start])
        if len(desc.split()) > 14 or not self.has_cue(desc):
            return ""
        last = desc.split()[-1]
        tail_cue = any(h.end >= len(desc) - 1 for h in self.lex.matcher.find(desc))
        if not (tail_cue or last[:1].isupper() or last.endswith(")")):
            return ""  # "the official launch of the first Beijing-…": the cue does not describe the name
        return self.clean_pre(self.doc.text[start:name_start])

    def appositive(self, pos: int, hi: int) -> tuple[str, int]:
        """The appositive after ``pos`` (", a researcher at X,") and where it ends; ``("", pos)`` if none."""
        masked = self.doc.masked
        m = re.match(r"\s*,\s+", masked[pos:hi])
        if not m:
            return "", pos
        start = pos + m.end()
        first = re.match(r"[\w'\u2019-]+", masked[start:hi])
        if not first or first.group(0).lower() in WORDS.appositive_stops or VERB_RE.fullmatch(first.group(0)):
            return "", pos
        end = start
        chunks = re.split(r"(?=[,;:#\u2014\u2013\"])", masked[start:hi])
        for i, chunk in enumerate(chunks):
            body = chunk.lstrip(",").strip()
            if i == 0:
                end = start + len(chunk)
                continue
            prev = masked[start:end].rstrip()
            words = re.findall(r"[\w'\u2019.-]+", body)
            # an institution name with commas ("Institute of Russian, Eastern European and Central Asian
            # Studies under ...") continues the appositive; a clause with a verb does not
            continues = (chunk.startswith(",") and body[:1].isupper() and prev[-1:].isalpha()
                         and prev.split()[-1][:1].isupper()
                         and not any(w.lower() in WORDS.finite_verbs or VERB_RE.fullmatch(w) for w in words)
                         and not ACCORDING_RE.match(body))
            if not continues:
                break
            end += len(chunk)
        desc = masked[start:end].strip()
        head = re.split(r"\s(?:who|which|that|whose)\s", desc)[0]
        if not desc or len(desc.split()) > 30 or VERB_RE.search(head) or \
                any(w in WORDS.finite_verbs for w in head.split()):
            return "", pos  # "In Kyrgyzstan, Chinese companies are helping …" is a clause, not an appositive
        return self.doc.text[start:end].strip(), end
