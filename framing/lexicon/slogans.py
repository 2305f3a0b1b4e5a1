"""The slogan lexicon: families of phrases, loaded and validated with file and line.

A lexicon is YAML with ``name, version, description, citation, license`` and a
list of ``families``; each family has ``id, label, origin, notes, phrases`` and
optional ``exclude`` (contexts in which its phrases do not count) and
``sources`` (citation keys). An optional top-level ``proper_names`` says how
to recognise the name of an organisation, inside which a match is not a use
of the slogan (:class:`ProperNames`). A CSV with columns ``family, label, origin,
phrase`` (one row per phrase; optional ``notes, exclude``) works too. A user
lexicon extends the packaged one (same family id: the user family replaces it)
or, with ``replace: true`` in its YAML or ``replace=True``, replaces it
(proper-name words are added to the packaged ones, or replace them).

Examples
--------
>>> lex = load_slogan_lexicon()
>>> lex.family("mutual_respect").label
'Mutual respect'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Iterable

import yaml

from ..matching import PhraseMatcher, normalize, phrase_variants
from .reader import REQUIRED_KEYS, LexiconError, checked_id, compose, node_line, packaged_file, safe_load, yaml_problem

__all__ = ["node_line", "FAMILY_KEYS", "TOP_KEYS", "NAME_KEYS", "ProperNames", "Family", "SloganLexicon",
           "phrase_keys", "validate_lexicon_text", "validate_slogans", "resources_path", "load_slogan_lexicon"]

FAMILY_KEYS = {"id", "label", "origin", "notes", "phrases", "exclude", "sources"}
TOP_KEYS = set(REQUIRED_KEYS) | {"families", "origins", "sources", "replace", "proper_names"}
NAME_KEYS = ("institution_words", "joins", "head_links")


@dataclass(frozen=True)
class ProperNames:
    """How to recognise the proper name of an organisation around a match.

    A name is a run of capitalised words on one line, separated by spaces and
    joined by lower-case ``joins`` ("Center for Belt and Road Studies"). A
    match inside such a run is in a name when, outside the match, the run has
    an ``institution_words`` word that ends the run or is followed by one of
    ``head_links`` ("Center for ...", "... Research Institute").

    Attributes
    ----------
    institution_words, joins, head_links : tuple of str
        As written in the lexicon, lower case.
    heads : frozenset of str
        ``institution_words`` with their spelling variants and plurals.
    """

    institution_words: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()
    head_links: tuple[str, ...] = ()

    @cached_property
    def heads(self) -> frozenset:
        return frozenset(v for w in self.institution_words for v in phrase_variants(w))

    def __bool__(self) -> bool:
        return bool(self.institution_words)

    def union(self, other: "ProperNames") -> "ProperNames":
        def merged(a, b):
            return tuple(dict.fromkeys(a + b))
        return ProperNames(*(merged(getattr(self, k), getattr(other, k)) for k in NAME_KEYS))


@dataclass(frozen=True)
class Family:
    """One slogan family: an id, a label, where it comes from, and its phrases."""

    id: str
    label: str
    origin: str
    phrases: tuple[str, ...]
    notes: str = ""
    exclude: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SloganLexicon:
    """A versioned set of slogan families.

    Attributes
    ----------
    name, version, description, citation, license : str
    families : tuple of Family
    origins : dict
        Origin vocabulary with definitions.
    names : ProperNames
        How to recognise organisation names (empty: matches are never in a name).
    """

    name: str
    version: str
    families: tuple[Family, ...]
    description: str = ""
    citation: str = ""
    license: str = ""
    origins: dict = field(default_factory=dict, hash=False, compare=False)
    names: ProperNames = field(default_factory=ProperNames)

    def family(self, family_id: str) -> Family:
        for f in self.families:
            if f.id == family_id:
                return f
        raise KeyError(f"no family {family_id!r} in lexicon {self.name!r}")

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.families]

    @cached_property
    def matcher(self) -> PhraseMatcher:
        phrases = {p: f.id for f in self.families for p in f.phrases}
        excludes = {f.id: f.exclude for f in self.families if f.exclude}
        return PhraseMatcher(phrases, excludes=excludes)

    def extend(self, other: "SloganLexicon") -> "SloganLexicon":
        """Families of ``other`` replace same-id families and add new ones."""
        ids = {f.id for f in other.families}
        fams = tuple(f for f in self.families if f.id not in ids) + other.families
        origins = {**self.origins, **other.origins}
        return replace(self, name=f"{self.name}+{other.name}", version=f"{self.version}+{other.version}",
                       families=fams, origins=origins, names=self.names.union(other.names))

    def to_frame(self):
        """One row per phrase: ``family, label, origin, phrase``."""
        import pandas as pd

        return pd.DataFrame([{"family": f.id, "label": f.label, "origin": f.origin, "phrase": p}
                             for f in self.families for p in f.phrases])


def phrase_keys(pnode: yaml.SequenceNode, origin: str, problems: list[str], context: str = ""):
    """``(node, key)`` for each usable phrase of a YAML phrase list, ``key`` normalised for
    duplicate checks; an empty or non-text phrase is reported in ``problems`` instead."""
    for ph in pnode.value:
        if not isinstance(ph, yaml.ScalarNode) or not str(ph.value).strip():
            problems.append(f"{origin}, line {node_line(ph)}: empty or non-text phrase{context}")
            continue
        yield ph, " ".join(normalize(ph.value).split())


def validate_lexicon_text(text: str, origin: str) -> tuple[list[str], dict | None]:
    """Problems of a YAML slogan lexicon, each as ``"file, line N: what is wrong"``."""
    problems: list[str] = []
    try:
        root = compose(text)
        data = safe_load(text)
    except yaml.YAMLError as exc:
        return [yaml_problem(exc, origin)], None
    if not isinstance(data, dict) or root is None or not isinstance(root, yaml.MappingNode):
        return [f"{origin}: expected a mapping with 'families' at the top level"], None
    top = {k.value: (k, v) for k, v in root.value}
    for key in REQUIRED_KEYS:
        if key not in top:
            problems.append(f"{origin}: missing required key {key!r}")
    for key, (knode, _) in top.items():
        if key not in TOP_KEYS:
            problems.append(f"{origin}, line {node_line(knode)}: unknown key {key!r}")
    if "proper_names" in top:
        problems += _validate_names(*top["proper_names"], origin)
    if "families" not in top:
        problems.append(f"{origin}: no 'families'")
        return problems, data
    fam_node = top["families"][1]
    if not isinstance(fam_node, yaml.SequenceNode):
        problems.append(f"{origin}, line {node_line(fam_node)}: 'families' must be a list")
        return problems, data
    origins = set((data.get("origins") or {}).keys())
    phrase_home: dict[str, tuple[str, int]] = {}
    ids: dict[str, int] = {}
    for fnode in fam_node.value:
        if not isinstance(fnode, yaml.MappingNode):
            problems.append(f"{origin}, line {node_line(fnode)}: a family must be a mapping")
            continue
        fields = {k.value: (k, v) for k, v in fnode.value}
        fid = fields.get("id", (None, None))[1]
        where = f"{origin}, line {node_line(fnode)}"
        fid_value = checked_id(fid.value if isinstance(fid, yaml.ScalarNode) else None, fnode, ids, where, problems,
                               kind="family", missing="family without an 'id'")
        for key, (knode, _) in fields.items():
            if key not in FAMILY_KEYS:
                problems.append(f"{origin}, line {node_line(knode)}: unknown key {key!r} in family {fid_value!r}")
        for key in ("label", "origin"):
            if key not in fields:
                problems.append(f"{where}: family {fid_value!r} has no {key!r}")
        if "origin" in fields and origins and fields["origin"][1].value not in origins:
            problems.append(f"{origin}, line {node_line(fields['origin'][1])}: family {fid_value!r} has unknown "
                            f"origin {fields['origin'][1].value!r} (known: {', '.join(sorted(origins))})")
        pnode = fields.get("phrases", (None, None))[1]
        if pnode is None or not isinstance(pnode, yaml.SequenceNode) or not pnode.value:
            problems.append(f"{where}: family {fid_value!r} is empty (no phrases)")
            continue
        for ph, key in phrase_keys(pnode, origin, problems, f" in family {fid_value!r}"):
            if key in phrase_home and phrase_home[key][0] != fid_value:
                other, line = phrase_home[key]
                problems.append(f"{origin}, line {node_line(ph)}: phrase {ph.value!r} is in two families: "
                                f"{fid_value!r} and {other!r} (line {line})")
            phrase_home.setdefault(key, (fid_value, node_line(ph)))
    return problems, data


def _validate_names(key, node, origin: str) -> list[str]:
    """Problems of a ``proper_names`` section: lists of single lower-case words."""
    where = f"{origin}, line {node_line(key)}"
    if not isinstance(node, yaml.MappingNode):
        return [f"{where}: 'proper_names' must be a mapping with {', '.join(NAME_KEYS)}"]
    problems: list[str] = []
    lists: dict[str, list[str]] = {}
    for knode, vnode in node.value:
        if knode.value not in NAME_KEYS:
            problems.append(f"{origin}, line {node_line(knode)}: unknown key {knode.value!r} in 'proper_names' "
                            f"(known: {', '.join(NAME_KEYS)})")
            continue
        if not isinstance(vnode, yaml.SequenceNode):
            problems.append(f"{origin}, line {node_line(vnode)}: proper_names {knode.value!r} must be a list of words")
            continue
        words = lists.setdefault(knode.value, [])
        for w in vnode.value:
            text = str(w.value).strip() if isinstance(w, yaml.ScalarNode) else ""
            if text and len(text.split()) == 1 and text == text.lower():
                words.append(text)
            else:
                problems.append(f"{origin}, line {node_line(w)}: proper_names {knode.value!r} takes single lower-case "
                                f"words, got {text or '(empty)'!r}")
    if not lists:
        problems.append(f"{where}: 'proper_names' lists none of {', '.join(NAME_KEYS)}")
    stray = [w for w in lists.get("head_links", []) if w not in lists.get("joins", [])]
    if stray:
        problems.append(f"{where}: proper_names head_links {', '.join(map(repr, stray))} are not in 'joins'")
    return problems


def _names_from(data) -> ProperNames:
    data = data if isinstance(data, dict) else {}
    return ProperNames(*(tuple(str(w).strip().lower() for w in data.get(k) or ()) for k in NAME_KEYS))


def _from_mapping(data: dict) -> SloganLexicon:
    fams = []
    for f in data.get("families") or []:
        fams.append(Family(
            id=str(f["id"]), label=str(f.get("label", f["id"])), origin=str(f.get("origin", "")),
            phrases=tuple(str(p).strip() for p in f.get("phrases") or ()),
            notes=str(f.get("notes") or "").strip(), exclude=tuple(str(p) for p in f.get("exclude") or ()),
            sources=tuple(str(s) for s in f.get("sources") or ()),
        ))
    return SloganLexicon(name=str(data.get("name", "")), version=str(data.get("version", "")), families=tuple(fams),
                         description=str(data.get("description", "")).strip(),
                         citation=str(data.get("citation", "")).strip(), license=str(data.get("license", "")),
                         origins=dict(data.get("origins") or {}), names=_names_from(data.get("proper_names")))


def _from_csv(text: str, origin: str) -> tuple[list[str], SloganLexicon | None]:
    reader = csv.DictReader(io.StringIO(text))
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in ("family", "phrase") if c not in cols]
    if missing:
        return [f"{origin}: CSV lexicon needs columns family and phrase (missing {', '.join(missing)})"], None
    problems: list[str] = []
    fams: dict[str, dict] = {}
    home: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(reader, start=2):
        row = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
        fid, phrase = row.get("family", ""), row.get("phrase", "")
        if not fid or not phrase:
            problems.append(f"{origin}, line {line}: row needs a family and a phrase")
            continue
        key = " ".join(normalize(phrase).split())
        if key in home and home[key][0] != fid:
            problems.append(f"{origin}, line {line}: phrase {phrase!r} is in two families: {fid!r} and "
                            f"{home[key][0]!r} (line {home[key][1]})")
        home.setdefault(key, (fid, line))
        fam = fams.setdefault(fid, {"id": fid, "label": row.get("label") or fid, "origin": row.get("origin", ""),
                                    "notes": row.get("notes", ""), "phrases": [], "exclude": []})
        fam["phrases"].append(phrase)
        if row.get("exclude"):
            fam["exclude"].append(row["exclude"])
    data = {"name": Path(origin).stem, "version": "user", "families": list(fams.values())}
    return problems, _from_mapping(data)


def validate_slogans(path: str | Path) -> list[str]:
    """Problems found in a slogan lexicon file, YAML or CSV (empty list: valid).

    :func:`framing.lexicon.validate` (``kind="slogans"``) calls it; a file of
    another kind goes to :func:`framing.lexicon.validate_lexicon`.

    Examples
    --------
    >>> validate_slogans(resources_path("slogans"))
    []
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file not found"]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _from_csv(text, str(path))[0]
    return validate_lexicon_text(text, str(path))[0]


def resources_path(name: str) -> Path:
    """Path of a packaged lexicon file."""
    return packaged_file(name)


def _load_one(source) -> tuple[SloganLexicon, bool]:
    if isinstance(source, SloganLexicon):
        return source, False
    if isinstance(source, dict) and "families" not in source:
        # {family_id: [phrases]} for quick experiments
        fams = [{"id": k, "label": k, "origin": "user", "phrases": list(v)} for k, v in source.items()]
        return _from_mapping({"name": "user", "version": "user", "families": fams}), False
    path = Path(source)
    if not path.exists():
        raise LexiconError(f"{path}: lexicon file not found")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        problems, lex = _from_csv(text, str(path))
        data = {}
    else:
        problems, data = validate_lexicon_text(text, str(path))
        lex = _from_mapping(data) if data else None
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(f"- {p}" for p in problems))
    return lex, bool((data or {}).get("replace"))


_DEFAULT: SloganLexicon | None = None


def load_slogan_lexicon(extra=None, *, replace: bool = False) -> SloganLexicon:
    """The packaged slogan lexicon, optionally extended or replaced by user lexicons.

    Parameters
    ----------
    extra : path, SloganLexicon, dict, or list of them, optional
        User lexicons (YAML or CSV files, or ``{family_id: [phrases]}``).
    replace : bool
        Use only the user lexicon(s), not the packaged one.

    Raises
    ------
    LexiconError
        Listing every problem with file and line.
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT, _ = _load_one(resources_path("slogans"))
    if extra is None:
        return _DEFAULT
    sources: Iterable = extra if isinstance(extra, (list, tuple)) else [extra]
    lex = None if replace else _DEFAULT
    for src in sources:
        user, user_replaces = _load_one(src)
        lex = user if (lex is None or user_replaces) else lex.extend(user)
    return lex
