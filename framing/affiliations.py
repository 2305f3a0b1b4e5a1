"""Whom a quoted speaker speaks for: the affiliation lexicon and the typing of a description.

A news text describes its sources: "Chinese Foreign Ministry spokesperson ...",
"..., a researcher with the China Institute of International Studies", "local
officials". :func:`affiliation_of` reads such a description and gives an
affiliation type from ``lexicons/affiliations.yaml`` (government official,
foreign official, state-affiliated researcher, independent expert, business,
media, ordinary person, mixed group, unknown), the cue that decided it, the
organisation named, the speaker's country and whether the post is a former one.
:func:`group_affiliation` types unnamed sources listed together ("officials,
entrepreneurs and scholars"): one type if they share it, else ``mixed_group``.

Named institutions come from two places: the think tanks, state media and
official sources of ``lexicons/outlets.yaml`` (their ``source_type`` maps to a
type through the lexicon's ``outlet_types``) and the institutions listed in the
affiliation lexicon itself. A user file of the same form extends or replaces
the packaged lexicon; a malformed one raises :class:`~framing.lexicon.LexiconError`
naming the file and line of every problem.

Examples
--------
>>> affiliation_of("Kazakhstan's Ambassador to the U.S.", reference="US").type
'foreign_official'
>>> a = affiliation_of("deputy head of a studies office at the Chinese Academy of Social Sciences")
>>> a.type, a.organisation
('state_affiliated_researcher', 'Chinese Academy of Social Sciences')
>>> affiliation_of("former U.S. ambassador to Kyrgyzstan", reference="US")[::4]
('government_official', True)
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from .lexicon import REQUIRED_KEYS, LexiconError, read_lexicon_yaml, load_lexicon, load_outlets
from .matching import PhraseMatcher, normalize
from .slogan_lexicon import node_line, phrase_keys

__all__ = ["TYPES", "KINDS", "CUE_KEYS", "TOP_KEYS", "Cue", "Affiliation", "AffiliationLexicon",
           "validate_affiliations_text", "validate_affiliations", "packaged_path", "load_affiliations",
           "state_of", "organisation_in", "affiliation_of", "group_affiliation"]

TYPES = ("government_official", "foreign_official", "state_affiliated_researcher", "independent_expert",
         "business", "media", "ordinary_person", "mixed_group", "unknown")
KINDS = ("title", "institution", "workplace")
CUE_KEYS = {"type", "kind", "weak", "country", "by_country", "phrases", "notes"}
TOP_KEYS = set(REQUIRED_KEYS) | {"types", "countries", "outlet_types", "former", "cues", "replace"}
_WEIGHT = {"institution": 3, "title": 2, "workplace": 2}

# an organisation's name: capitalised words ending in (or joined by "of/for/and" to) a head word
_ORG_HEAD = (r"(?:University|Institutes?|Academy|Council|Cent(?:er|re)|Ministry|Agency|Administration|Department|"
             r"Commission|Bank|Company|Corporation|Group|Association|Foundation|School|College|Forum|Program(?:me)?|"
             r"Office|Party|Committee|Guard|Service|Society|Endowment|Workshop|Chamber|Authority|Embassy|Customs)")
_CAP = r"[A-Z][\w'\u2019&.\-]*"
_ORG_RE = re.compile(rf"(?:{_CAP}\s+)*{_ORG_HEAD}(?:\s+(?:of|for|on|and|under)(?:\s+the)?(?:\s+{_CAP})+)*")


@dataclass(frozen=True)
class Cue:
    """One cue phrase of the lexicon and what it says about a speaker."""

    phrase: str
    type: str
    kind: str = "title"
    weak: bool = False
    country: str | None = None
    by_country: tuple[tuple[str, str], ...] = ()
    line: int = 0

    @property
    def weight(self) -> int:
        return 1 if self.weak else _WEIGHT.get(self.kind, 2)


class Affiliation(NamedTuple):
    """What a description says about a speaker (see :func:`affiliation_of`)."""

    type: str
    cue: str
    organisation: str
    country: str | None
    former: bool


@dataclass(frozen=True)
class AffiliationLexicon:
    """Cues mapped to affiliation types, with the type vocabulary and country codes.

    Attributes
    ----------
    name, version, description, citation, license : str
    types : dict
        Type -> definition.
    cues : tuple of Cue
    countries : dict
        ISO 3166-1 alpha-2 code (as in ``lexicons/outlets.yaml``) -> actor id.
    outlet_types : dict
        Outlet ``source_type`` -> affiliation type.
    former : tuple of str
        Words that make a post a former one ("former", "ex").
    """

    name: str
    version: str
    cues: tuple[Cue, ...]
    types: dict = field(default_factory=dict, hash=False, compare=False)
    countries: dict = field(default_factory=dict, hash=False, compare=False)
    outlet_types: dict = field(default_factory=dict, hash=False, compare=False)
    former: tuple[str, ...] = ()
    description: str = ""
    citation: str = ""
    license: str = ""

    @cached_property
    def matcher(self) -> PhraseMatcher:
        return PhraseMatcher({c.phrase: str(i) for i, c in enumerate(self.cues)})

    @cached_property
    def _former_words(self) -> frozenset[str]:
        return frozenset(w for f in self.former for w in normalize(f).split())

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Lower-cased words of the title cues: they precede a name but are not part of it."""
        glue = {"the", "of", "to", "in", "and", "for", "a", "an", "on", "at", "s", "un"}
        return frozenset(w for c in self.cues if c.kind != "institution" for w in normalize(c.phrase).split()
                         if w not in glue)

    def extend(self, other: "AffiliationLexicon") -> "AffiliationLexicon":
        """Cues of ``other`` replace packaged cues with the same phrase and add new ones."""
        mine = {" ".join(normalize(c.phrase).split()) for c in other.cues}
        kept = tuple(c for c in self.cues if " ".join(normalize(c.phrase).split()) not in mine)
        return dataclasses.replace(
            self, name=f"{self.name}+{other.name}", version=f"{self.version}+{other.version}",
            cues=other.cues + kept, types={**self.types, **other.types},
            countries={**self.countries, **other.countries},
            outlet_types={**self.outlet_types, **other.outlet_types},
            former=tuple(dict.fromkeys(self.former + other.former)))

    def country_id(self, code: str | None) -> str | None:
        """Actor id for an ISO code or actor id; unknown ISO codes come back lower-cased."""
        if code is None or (isinstance(code, float)) or not str(code).strip():
            return None
        code = str(code).strip()
        return self.countries.get(code.upper(), code.lower())

    def to_frame(self):
        """One row per cue: ``phrase, type, kind, weak, country, line``."""
        import pandas as pd

        return pd.DataFrame([{"phrase": c.phrase, "type": c.type, "kind": c.kind, "weak": c.weak,
                              "country": c.country, "line": c.line} for c in self.cues])


# ------------------------------------------------------------------ validation

def _actor_ids() -> set[str]:
    return {a["id"] for a in load_lexicon("actors").get("actors") or []}


def validate_affiliations_text(text: str, origin: str, *, known_types=None) -> tuple[list[str], dict | None]:
    """Problems of an affiliation lexicon's YAML text, each as ``"file, line N: what is wrong"``.

    ``known_types`` are types defined elsewhere (the packaged lexicon when a
    user file extends it).
    """
    try:  # YAML syntax (with its line), a mapping, the required header keys
        data = read_lexicon_yaml(text, origin)
    except LexiconError as exc:
        return [str(exc)], None
    problems: list[str] = []
    top = {k.value: (k, v) for k, v in yaml.compose(text).value}
    for key, (knode, _) in top.items():
        if key not in TOP_KEYS:
            problems.append(f"{origin}, line {node_line(knode)}: unknown key {key!r} "
                            f"(known: {', '.join(sorted(TOP_KEYS))})")
    types = set(known_types or ()) | set((data.get("types") or {}).keys())
    if not types:
        types = set(TYPES)
    actors = _actor_ids()

    def check(node, what, field, allowed, hint="known"):
        if not isinstance(node, yaml.ScalarNode) or node.value not in allowed:
            value = node.value if isinstance(node, yaml.ScalarNode) else "a non-text value"
            problems.append(f"{origin}, line {node_line(node)}: {what} has unknown {field} {value!r} "
                            f"({hint}: {', '.join(sorted(allowed))})")

    def check_type(node, what):
        check(node, what, "type", types)

    def check_actor(node, what):
        check(node, what, "country", actors, "use an actor id of lexicons/actors.yaml")

    def pairs(node, name, form):
        if isinstance(node, yaml.MappingNode):
            return node.value
        problems.append(f"{origin}, line {node_line(node)}: {name!r} must be a mapping of {form}")
        return []

    if "types" in top:
        pairs(top["types"][1], "types", "type: definition")
    for k, v in pairs(top["countries"][1], "countries", "ISO code: actor id") if "countries" in top else []:
        if not re.fullmatch(r"[A-Z]{2}", str(k.value)):
            problems.append(f"{origin}, line {node_line(k)}: {k.value!r} is not a two-letter ISO country code")
        check_actor(v, f"country code {k.value!r}")
    source_types = set(load_outlets().source_types)
    for k, v in pairs(top["outlet_types"][1], "outlet_types", "source_type: type") if "outlet_types" in top else []:
        check(k, "outlet_types", "source_type", source_types)
        check_type(v, f"outlet type {k.value!r}")
    if "former" in top and not isinstance(top["former"][1], yaml.SequenceNode):
        problems.append(f"{origin}, line {node_line(top['former'][1])}: 'former' must be a list of words")
    if "cues" not in top:
        problems.append(f"{origin}: no 'cues'")
        return problems, data
    cues_node = top["cues"][1]
    if not isinstance(cues_node, yaml.SequenceNode) or not cues_node.value:
        problems.append(f"{origin}, line {node_line(cues_node)}: 'cues' must be a non-empty list of cue groups")
        return problems, data
    home: dict[str, int] = {}
    for gnode in cues_node.value:
        where = f"{origin}, line {node_line(gnode)}"
        if not isinstance(gnode, yaml.MappingNode):
            problems.append(f"{where}: a cue group must be a mapping with type and phrases")
            continue
        fields = {k.value: (k, v) for k, v in gnode.value}
        for key, (knode, _) in fields.items():
            if key not in CUE_KEYS:
                problems.append(f"{origin}, line {node_line(knode)}: unknown key {key!r} in a cue group "
                                f"(known: {', '.join(sorted(CUE_KEYS))})")
        if "type" not in fields:
            problems.append(f"{where}: cue group without a 'type'")
        else:
            check_type(fields["type"][1], "cue group")
        if "kind" in fields:
            kind = fields["kind"][1]
            if not isinstance(kind, yaml.ScalarNode) or kind.value not in KINDS:
                problems.append(f"{origin}, line {node_line(kind)}: unknown kind "
                                f"{getattr(kind, 'value', kind)!r} (known: {', '.join(KINDS)})")
        if "weak" in fields and not (isinstance(fields["weak"][1], yaml.ScalarNode)
                                     and fields["weak"][1].value in ("true", "false", "True", "False")):
            problems.append(f"{origin}, line {node_line(fields['weak'][1])}: 'weak' must be true or false")
        if "country" in fields and fields["country"][1].value not in (None, "null", ""):
            check_actor(fields["country"][1], "cue group")
        for k, v in pairs(fields["by_country"][1], "by_country", "actor id: type") if "by_country" in fields else []:
            check_actor(k, "by_country")
            check_type(v, f"by_country {k.value!r}")
        pnode = fields.get("phrases", (None, None))[1]
        if not isinstance(pnode, yaml.SequenceNode) or not pnode.value:
            problems.append(f"{where}: cue group has no phrases (a non-empty list)")
            continue
        for ph, key in phrase_keys(pnode, origin, problems):
            if key in home:
                problems.append(f"{origin}, line {node_line(ph)}: phrase {ph.value!r} is already listed at line "
                                f"{home[key]}")
            home.setdefault(key, node_line(ph))
    return problems, data


def _from_mapping(data: dict, root: yaml.Node | None) -> AffiliationLexicon:
    lines: dict[tuple[int, int], int] = {}
    if root is not None:  # remember each phrase's line for error messages and to_frame()
        top = {k.value: v for k, v in root.value}
        for gi, g in enumerate(top["cues"].value):
            phrases = {k.value: v for k, v in g.value}.get("phrases")
            for pi, p in enumerate(phrases.value if phrases is not None else []):
                lines[(gi, pi)] = node_line(p)
    cues = []
    for gi, g in enumerate(data.get("cues") or []):
        by_country = tuple(sorted((str(k), str(v)) for k, v in (g.get("by_country") or {}).items()))
        for pi, p in enumerate(g.get("phrases") or []):
            cues.append(Cue(phrase=str(p).strip(), type=str(g["type"]), kind=str(g.get("kind") or "title"),
                            weak=bool(g.get("weak", False)), country=g.get("country"), by_country=by_country,
                            line=lines.get((gi, pi), 0)))
    return AffiliationLexicon(
        name=str(data.get("name", "")), version=str(data.get("version", "")), cues=tuple(cues),
        types=dict(data.get("types") or {}),
        countries={str(k): str(v) for k, v in (data.get("countries") or {}).items()},
        outlet_types=dict(data.get("outlet_types") or {}), former=tuple(str(f) for f in data.get("former") or ()),
        description=str(data.get("description", "")).strip(), citation=str(data.get("citation", "")).strip(),
        license=str(data.get("license", "")))


def _read(path: Path, known_types=None) -> tuple[AffiliationLexicon, bool]:
    if not path.exists():
        raise LexiconError(f"{path}: affiliation lexicon file not found")
    text = path.read_text(encoding="utf-8-sig")
    problems, data = validate_affiliations_text(text, str(path), known_types=known_types)
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(f"- {p}" for p in problems))
    return _from_mapping(data, yaml.compose(text)), bool(data.get("replace"))


def validate_affiliations(path: str | Path) -> list[str]:
    """Problems found in an affiliation lexicon file (empty list: valid).

    Examples
    --------
    >>> validate_affiliations(packaged_path())
    []
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file not found"]
    return validate_affiliations_text(path.read_text(encoding="utf-8-sig"), str(path), known_types=TYPES)[0]


def packaged_path() -> Path:
    """Path of the packaged ``lexicons/affiliations.yaml``."""
    return Path(str(resources.files("framing.lexicons").joinpath("affiliations.yaml")))


@lru_cache(maxsize=1)
def _packaged() -> AffiliationLexicon:
    return _read(packaged_path())[0]


def load_affiliations(extra=None, *, replace: bool = False) -> AffiliationLexicon:
    """The packaged affiliation lexicon, optionally extended or replaced by a user file.

    Parameters
    ----------
    extra : path or AffiliationLexicon, optional
        A user YAML of the same form as ``lexicons/affiliations.yaml``. Its cues
        replace packaged cues with the same phrase and add new ones; with
        ``replace: true`` in the file (or ``replace=True``) it is used alone.
    replace : bool

    Raises
    ------
    LexiconError
        Listing every problem with file and line.

    Examples
    --------
    >>> lex = load_affiliations()
    >>> sorted(lex.types)[:2]
    ['business', 'foreign_official']
    """
    base = _packaged()
    if extra is None:
        return base
    if isinstance(extra, AffiliationLexicon):
        user, user_replaces = extra, False
    else:
        user, user_replaces = _read(Path(extra), known_types=tuple(base.types))
    if replace or user_replaces:
        # the cues are the user's alone; the vocabularies it leaves out come from the packaged lexicon
        return dataclasses.replace(
            user, types=user.types or dict(base.types), countries=user.countries or dict(base.countries),
            outlet_types=user.outlet_types or dict(base.outlet_types), former=user.former or base.former)
    return base.extend(user)


# ------------------------------------------------------------------ typing a description

@lru_cache(maxsize=1)
def _actors():
    from .sentiment import actor_matcher  # the actors lexicon's matcher, shared with actor sentiment

    return actor_matcher(None)[0]


def state_of(text: str) -> str | None:
    """The actor id (``lexicons/actors.yaml``) of the first state, capital or leader named in ``text``."""
    hits = _actors().find(text) if text else []
    return hits[0].key if hits else None


def _is_former(norm: str, start: int, words: frozenset[str]) -> bool:
    before = re.split(r"[,;(]|\band\b|\bcurrently\b|\bnow\b", norm[max(0, start - 60):start])[-1].split()
    return any(w in words for w in before[-5:])


def organisation_in(text: str, outlets=None) -> str:
    """The first institution named in ``text``: a known outlet or think tank, else a capitalised
    name ending in a head word (University, Institute, Ministry, ...); ``""`` if none."""
    outlets = outlets or load_outlets()
    found = outlets.find(text)
    m = _ORG_RE.search(text)
    if found and (m is None or found[0][0] <= m.start()):
        return found[0][2].name
    # "Kazakhstan's Maqsut Narikbayev University": the owner's possessive is not part of the name
    return re.sub(r"^(?:The\s+|\S+['\u2019]s\s+)+", "", m.group(0).strip()) if m else ""


def affiliation_of(description, *, reference: str | None = None, speaker: str | None = None,
                   lexicon: AffiliationLexicon | None = None, outlets=None) -> Affiliation:
    """The affiliation type a speaker's description points to.

    Parameters
    ----------
    description : str or list of str
        What the text says about the speaker (titles, appositives); several
        descriptions of one person are read together.
    reference : str, optional
        The article's own country (ISO code or actor id): an official of another
        state is a ``foreign_official``. Unknown: every official is a
        ``government_official``.
    speaker : str, optional
        The speaker's name: a state, capital or leader of ``lexicons/actors.yaml``
        ("Beijing", "Xi") speaks for that state.
    lexicon : AffiliationLexicon, optional
        Default :func:`load_affiliations`.
    outlets : Outlets, optional
        Default :func:`~framing.lexicon.load_outlets`.

    Returns
    -------
    Affiliation
        ``type, cue, organisation, country, former``: the cue (or institution)
        that decided, the organisation named (``""`` if none), the speaker's
        country (actor id or None) and whether the description names a former
        official post ("former U.S. ambassador"): current posts decide the type,
        a former post decides only when there is no current one.
    """
    lex = lexicon or load_affiliations()
    outlets = outlets or load_outlets()
    text = " ; ".join(d for d in description if d) if isinstance(description, (list, tuple)) else (description or "")
    norm = normalize(text)
    hits = []  # (start, end, type, weight, country, by_country, label, is_institution)
    institutions = []
    for s, e, outlet in outlets.find(text):
        t = lex.outlet_types.get(outlet.source_type or "")
        if t:
            institutions.append((s, e))
            hits.append((s, e, t, 3, lex.country_id(outlet.country), (), outlet.name, True))
    for h in lex.matcher.find(text):
        if any(s < h.end and h.start < e for s, e in institutions):
            continue
        cue = lex.cues[int(h.key)]
        hits.append((h.start, h.end, cue.type, cue.weight, cue.country, cue.by_country, h.text,
                     cue.kind == "institution"))
    hits.sort(key=lambda h: h[0])
    country = next((h[4] for h in hits if h[4]), None) or state_of(text) or (state_of(speaker) if speaker else None)
    former_words = lex._former_words
    flagged = [(h, _is_former(norm, h[0], former_words)) for h in hits]
    current = [h for h, f in flagged if not f]
    former_hits = [h for h, f in flagged if f]
    pool = current or former_hits
    if not pool:
        organisation = organisation_in(text, outlets) if text else ""
        kind = "government_official" if speaker and state_of(speaker) else "unknown"
        return Affiliation(_relative(kind, country, lex.country_id(reference)), "", organisation, country,
                           False)
    scores: dict[str, int] = {}
    first: dict[str, tuple] = {}
    for h in pool:
        t = dict(h[5]).get(country, h[2]) if country else h[2]
        scores[t] = scores.get(t, 0) + h[3]
        best = first.get(t)
        if best is None or h[3] > best[3]:
            first[t] = h
    t = max(scores, key=lambda k: (scores[k], -first[k][0]))
    decided = first[t]
    organisation = decided[6] if decided[7] else organisation_in(text, outlets)
    former = any(h[2] in ("government_official", "foreign_official") for h in former_hits)
    return Affiliation(_relative(t, country, lex.country_id(reference)), decided[6], organisation, country, former)


def group_affiliation(members, *, reference: str | None = None, lexicon: AffiliationLexicon | None = None,
                      outlets=None) -> Affiliation:
    """The affiliation of unnamed sources listed together ("officials, entrepreneurs and scholars").

    Each member is typed alone with :func:`affiliation_of`. Members of one
    type give that type; members of several types give ``mixed_group`` (the
    text does not say who said what), with the members' cues joined as the cue.
    Members without a cue do not count.

    Examples
    --------
    >>> group_affiliation(["officials", "entrepreneurs", "scholars"])[:2]
    ('mixed_group', 'officials, entrepreneurs, scholars')
    >>> group_affiliation(["officials", "diplomats"]).type
    'government_official'
    """
    lex = lexicon or load_affiliations()
    outlets = outlets or load_outlets()
    members = [m for m in members if m]
    typed = [affiliation_of(m, reference=reference, lexicon=lex, outlets=outlets) for m in members]
    known = [a for a in typed if a.type != "unknown"]
    if len({a.type for a in known}) > 1:
        countries = {a.country for a in known}
        return Affiliation("mixed_group", ", ".join(a.cue for a in known), "",
                           countries.pop() if len(countries) == 1 else None, False)
    return affiliation_of(members, reference=reference, lexicon=lex, outlets=outlets)


def _relative(t: str, country: str | None, reference: str | None) -> str:
    if t == "government_official" and country and reference and country != reference:
        return "foreign_official"
    return t
