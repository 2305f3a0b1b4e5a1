"""The speakers an article names, where it mentions them, and what its pronouns and nouns point back to.

An :class:`EntityRegistry` holds, for one article, every speaker met so far
(keyed by canonical name) and the positions of their mentions. A pronoun (he,
she, it, they) resolves to the most recent mention of a fitting entity (gender
learnt from earlier pronouns and honorifics); a leader opening a sentence is
remembered for a later "he" with no other antecedent. :class:`Antecedents`
resolves a definite noun ("the ambassador", "the company") to the speaker it
points back to.

Examples
--------
>>> reg = EntityRegistry()
>>> reg.register("Ana Ruiz", 0, ["a researcher"], gender="f")
'Ana Ruiz'
>>> reg.pronoun("she", "She", 40, 43).key
'Ana Ruiz'
>>> reg.canonical("Ruiz")
'Ana Ruiz'
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from ..affiliations import affiliation_of, state_of
from .names import NameReader
from .spans import ArticleText
from .words import WORDS

__all__ = ["PRONOUNS", "Entity", "Speaker", "EntityRegistry", "Antecedents"]

#: pronoun -> (the kind of entity it points to, gender)
PRONOUNS = {"he": ("person", "m"), "she": ("person", "f"), "it": ("thing", None), "they": ("plural", None)}
# "Nvidia CEO Jensen Huang", "China Railway Group": a company named before "the company"
_COMPANY_RE = re.compile(rf"(?<![\w-])(?:[A-Z][\w&'\u2019.-]*\s+){{1,5}}(?:{WORDS.alternation('company_heads')})"
                         r"(?![\w-])")


@dataclass
class Entity:
    """A speaker of one article: a person, organisation, group, document or state."""

    key: str
    kind: str = "person"  # person | organisation | group | document | state
    descriptions: list[str] = field(default_factory=list)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # the kinds of speaker of a coordinated unnamed group, each typed alone


@dataclass
class Speaker:
    """A speaker as found at one attribution: its entity's key, how it was resolved, where it is written."""

    key: str | None
    kind: str
    resolution: str
    surface: str
    start: int
    end: int
    description: str = ""


class EntityRegistry:
    """The entities of one article and the positions of their mentions, in text order."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.mentions: list[tuple[int, str]] = []
        self.leaders: list[tuple[int, str]] = []  # (position, full name) of leaders opening a sentence

    def register(self, name: str, pos: int, descriptions=(), kind: str = "person", gender=None) -> str:
        """Record a mention of ``name`` at ``pos`` (creating its entity) and return its key."""
        key = name
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key, kind, [], gender, tuple(name.split()))
        for d in descriptions:
            if d and d not in ent.descriptions:
                ent.descriptions.append(d)
        if gender and not ent.gender:
            ent.gender = gender
        self.add_mention(pos, key)
        return key

    def add_mention(self, pos: int, key: str) -> None:
        """Record one more mention of the registered ``key`` at ``pos``."""
        insort(self.mentions, (pos, key))

    def known_token(self, tok: str) -> bool:
        """Whether ``tok`` is a word of a registered name."""
        return any(tok in e.tokens for e in self.entities.values())

    def canonical(self, name: str) -> str:
        """A name already registered under a longer form ("Xu" -> "Xu Xiaotian") keeps that key."""
        if name in self.entities:
            return name
        toks = name.split()
        for key, ent in self.entities.items():
            if ent.kind == "person" and len(toks) < len(ent.tokens) and all(t in ent.tokens for t in toks):
                return key
        return name

    def last_mention(self, pos: int, accept) -> str | None:
        """The key of the last entity mentioned before ``pos`` that ``accept(entity)`` takes, else None."""
        i = bisect_right(self.mentions, (pos, "")) - 1
        while i >= 0:
            key = self.mentions[i][1]
            if accept(self.entities[key]):
                return key
            i -= 1
        return None

    def best_candidate(self, keys, pos: int) -> str:
        """Of ``keys``, the one mentioned last before ``pos``, else first after it."""
        before = [(p, k) for p, k in self.mentions if k in keys and p < pos]
        if before:
            return max(before)[1]
        after = [(p, k) for p, k in self.mentions if k in keys]
        return min(after)[1] if after else keys[0]

    def add_short_mentions(self, masked: str) -> None:
        """Every occurrence of a registered person's name tokens in ``masked`` counts as a mention."""
        for key, ent in list(self.entities.items()):
            if ent.kind != "person":
                continue
            for tok in set(ent.tokens):
                for m in re.finditer(rf"(?<![\w-]){re.escape(tok)}(?![\w-])", masked):
                    self.mentions.append((m.start(), key))
        self.mentions.sort()

    def pronoun(self, low: str, surface: str, start: int, end: int) -> Speaker:
        """The speaker the pronoun ``low`` at ``start`` points to (``unresolved`` when none fits)."""
        kind, gender = PRONOUNS[low]
        if kind == "person":
            key = self.last_mention(start, lambda e: e.kind == "person" and e.gender in (None, gender))
            i = bisect_right(self.leaders, (start, ""))
            if key is None and i:  # no one else to point to: the leader who opened a sentence before
                pos, leader = self.leaders[i - 1]
                key = self.register(self.canonical(leader), pos, kind="person")
        elif kind == "thing":
            key = self.last_mention(start, lambda e: e.kind in ("organisation", "document", "state"))
        else:
            key = self.last_mention(start, lambda e: e.kind in ("group", "organisation", "state"))
        if key is None:
            return Speaker(None, "unresolved", "unresolved", surface, start, end)
        ent = self.entities[key]
        if gender and not ent.gender:
            ent.gender = gender
        self.add_mention(start, key)
        return Speaker(key, ent.kind, "pronoun", surface, start, end)


class Antecedents:
    """What a definite noun points back to: "the company" to a company, "the diplomat" to a diplomat.

    Parameters
    ----------
    doc : ArticleText
    names : NameReader
    registry : EntityRegistry
    lexicon : AffiliationLexicon
    outlets : Outlets
    """

    def __init__(self, doc: ArticleText, names: NameReader, registry: EntityRegistry, lexicon, outlets):
        self.doc = doc
        self.names = names
        self.registry = registry
        self.lex = lexicon
        self.outlets = outlets

    def body(self, pos: int) -> str | None:
        """The company that "the company" at ``pos`` points back to: the last one named before it.

        A registered organisation described as a business, a capitalised name
        ending in Company, Group, Corporation, Bank, Inc ... ("China Railway
        Group"), or the company in a speaker's title ("Nvidia CEO Jensen Huang").
        """
        best: tuple[int, str] | None = None
        lo = max(0, pos - 3000)
        for m in _COMPANY_RE.finditer(self.doc.masked, lo, pos):
            name = re.sub(r"^(?:The|A|An)\s+", "", m.group(0)).strip()
            if len(name.split()) >= 2:  # "The Group" alone names nothing
                best = (m.start(), name)
        mentions, entities = self.registry.mentions, self.registry.entities
        i = bisect_right(mentions, (pos, ""))
        for p, key in (mentions[j] for j in range(i - 1, max(-1, i - 51), -1)):  # the last 50 mentions
            if best is not None and p <= best[0]:
                break
            ent = entities[key]
            if ent.kind == "organisation":
                if affiliation_of(list(ent.descriptions) + [key], lexicon=self.lex,
                                  outlets=self.outlets).type == "business":
                    best = (p, key)
                    break
            elif ent.kind == "person":
                company = self._company_in_title(ent)
                if company:
                    best = (p, company)
                    break
        return best[1] if best else None

    def _company_in_title(self, ent: Entity) -> str | None:
        """The company before a business title in a person's description ("Nvidia" of "Nvidia CEO")."""
        for d in ent.descriptions:
            for h in self.lex.matcher.find(d):
                cue = self.lex.cues[int(h.key)]
                run = re.search(r"((?:[A-Z][\w&.'\u2019-]*\s+){1,3})$", d[:h.start])
                if cue.type == "business" and cue.kind == "title" and run and \
                        all(self.names.name_like(t) for t in run.group(1).split()):
                    return re.sub(r"['\u2019]s$", "", run.group(1).strip())
        return None

    def nominal(self, head: str, np_text: str, pos: int) -> str | None:
        """The last speaker before ``pos`` whose description holds ``head`` or its class (and state)."""
        country = state_of(np_text)
        cls = WORDS.noun_classes.get(head)

        def accept(ent: Entity) -> bool:
            desc = " ".join(ent.descriptions).lower()
            if country and state_of(" ".join(ent.descriptions)) not in (None, country):
                return False
            if ent.kind in ("person", "organisation", "document") and re.search(rf"\b{re.escape(head)}s?\b", desc):
                return True
            return bool(cls) and any(re.search(rf"\b{c}", desc) for c in cls)

        return self.registry.last_mention(pos, accept)
