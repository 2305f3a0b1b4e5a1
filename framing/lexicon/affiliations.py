"""The affiliation lexicon (``lexicons/affiliations.yaml``): cues that type a speaker, checked with lines.

Each cue group has a ``type`` (government official, independent expert, ...),
a ``kind`` (title, institution, workplace), optional ``weak``, ``country`` and
``by_country``, and its ``phrases``; ``outlet_types`` maps the source types of
``lexicons/outlets.yaml`` to affiliation types and ``countries`` ISO codes to
actor ids of ``lexicons/actors.yaml``. A user file of the same form extends or
replaces the packaged lexicon; a malformed one raises :class:`LexiconError`
naming the file and line of every problem. :mod:`framing.affiliations` types
descriptions with it and re-exports every name.

Examples
--------
>>> lex = load_affiliations()
>>> lex.cues[0].type in lex.types
True
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from ..matching import PhraseMatcher, normalize
from .actors import load_actors
from .outlets import load_outlets
from .reader import (REQUIRED_KEYS, LexiconError, check_file, compose, node_line, packaged_file, raise_problems,
                     top_level)
from .slogans import phrase_keys

__all__ = ["TYPES", "KINDS", "CUE_KEYS", "TOP_KEYS", "Cue", "AffiliationLexicon", "validate_affiliations_text",
           "validate_affiliations", "packaged_path", "load_affiliations"]

TYPES = ("government_official", "foreign_official", "state_affiliated_researcher", "independent_expert",
         "business", "media", "ordinary_person", "mixed_group", "unknown")
KINDS = ("title", "institution", "workplace")
CUE_KEYS = {"type", "kind", "weak", "country", "by_country", "phrases", "notes"}
TOP_KEYS = set(REQUIRED_KEYS) | {"types", "countries", "outlet_types", "former", "cues", "replace"}
_WEIGHT = {"institution": 3, "title": 2, "workplace": 2}


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

def validate_affiliations_text(text: str, origin: str, *, known_types=None) -> tuple[list[str], dict | None]:
    """Problems of an affiliation lexicon's YAML text, each as ``"file, line N: what is wrong"``.

    ``known_types`` are types defined elsewhere (the packaged lexicon when a
    user file extends it).
    """
    # YAML syntax (with its line), a mapping, the required header keys
    data, top, problems = top_level(text, origin, sorted(TOP_KEYS))
    if data is None:
        return problems, None
    types = set(known_types or ()) | set((data.get("types") or {}).keys())
    if not types:
        types = set(TYPES)
    actors = set(load_actors().ids)

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
    raise_problems(problems, path)
    return _from_mapping(data, compose(text)), bool(data.get("replace"))


def validate_affiliations(path: str | Path) -> list[str]:
    """Problems found in an affiliation lexicon file (empty list: valid).

    Examples
    --------
    >>> validate_affiliations(packaged_path())
    []
    """
    return check_file(path, lambda text, origin: validate_affiliations_text(text, origin, known_types=TYPES)[0])


def packaged_path() -> Path:
    """Path of the packaged ``lexicons/affiliations.yaml``."""
    return packaged_file("affiliations")


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
