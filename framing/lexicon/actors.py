"""The actors lexicon (``lexicons/actors.yaml``): states and blocs, their labels and aliases.

Every reader of actors goes through :func:`load_actors`: actor sentiment (its
phrase matcher), the affiliation lexicon's checks (its ids), and the voices
(one-word aliases and leaders' names). A user file of the same form replaces
the packaged one where a function takes ``actors=``.

Examples
--------
>>> actors = load_actors()
>>> actors.labels["china"], "Astana" in actors.get("kazakhstan").aliases
('China', True)
>>> [h.key for h in actors.matcher.find("Beijing and Astana signed it.")]
['china', 'kazakhstan']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..matching import PhraseMatcher, normalize
from .reader import REQUIRED_KEYS, check_file, node_line, read_checked, top_level

__all__ = ["ACTOR_KEYS", "Actor", "Actors", "validate_actors_text", "validate_actors", "load_actors"]

ACTOR_KEYS = ("id", "label", "aliases")


@dataclass(frozen=True)
class Actor:
    """One actor: its id, display label and aliases as written in the lexicon."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The label, then the aliases: every name the actor is found by."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Actors:
    """The actors of a lexicon, in file order."""

    entries: tuple[Actor, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.entries)

    @property
    def labels(self) -> dict[str, str]:
        """Actor id -> display label."""
        return {a.id: a.label for a in self.entries}

    def get(self, actor_id: str) -> Actor:
        for a in self.entries:
            if a.id == actor_id:
                return a
        raise KeyError(f"no actor {actor_id!r} (actors: {', '.join(self.ids)})")

    @cached_property
    def matcher(self) -> PhraseMatcher:
        """A phrase matcher from every name to its actor id; the first actor listing a name keeps it.

        Names are matched as written (no plural or spelling variants), see the
        notes of ``lexicons/actors.yaml``.
        """
        phrases: dict[str, str] = {}
        for a in self.entries:
            for name in a.names:
                phrases.setdefault(name, a.id)
        return PhraseMatcher(phrases, variants=False)


def validate_actors_text(text: str, origin: str) -> list[str]:
    """Problems of an actors lexicon's YAML text, each as ``"file, line N: what is wrong"``.

    Checks the header; that ``actors`` is a non-empty list of mappings with
    only ``id, label, aliases``; that every ``id`` is a unique snake_case
    identifier, ``label`` a text and ``aliases`` a list of non-empty texts; and
    that no name (as the matcher folds it) belongs to two actors.

    Examples
    --------
    >>> head = "name: a\\nversion: '1'\\ndescription: d\\ncitation: c\\nlicense: CC0-1.0\\n"
    >>> validate_actors_text(head + "actors:\\n  - {id: x, label: X, aliases: [Ex]}\\n"
    ...                      "  - {id: y, label: Y, aliases: [ex]}\\n", "a.yaml")
    ["a.yaml, line 8: alias 'ex' of actor 'y' already names actor 'x' (line 7)"]
    """
    data, top, problems = top_level(text, origin, (*REQUIRED_KEYS, "actors"))
    if data is None:
        return problems
    entries = top.get("actors", (None, None))[1]
    if not (entries is not None and entries.id == "sequence" and entries.value):
        where = f"{origin}, line {node_line(entries)}" if entries is not None else origin
        return problems + [f"{where}: 'actors' must be a non-empty list of actors"]
    ids: dict[str, int] = {}
    homes: dict[str, tuple[str, int]] = {}
    for node in entries.value:
        at = f"{origin}, line {node_line(node)}"
        if node.id != "mapping":
            problems.append(f"{at}: an actor must be a mapping with {', '.join(ACTOR_KEYS)}")
            continue
        fields = {k.value: (k, v) for k, v in node.value}
        id_node = fields.get("id", (None, None))[1]
        actor = id_node.value if id_node is not None and id_node.id == "scalar" else ""
        if not re.fullmatch(r"[a-z][a-z0-9_]*", actor):
            problems.append(f"{at}: actor id {actor or '(none)'!r} is not a snake_case identifier")
        elif actor in ids:
            problems.append(f"{at}: actor id {actor!r} is already used at line {ids[actor]}")
        ids.setdefault(actor, node_line(node))
        for key, (knode, _) in fields.items():
            if key not in ACTOR_KEYS:
                problems.append(f"{origin}, line {node_line(knode)}: actor {actor!r} has unknown key {key!r} "
                                f"(known: {', '.join(ACTOR_KEYS)})")
        names = []
        if "label" in fields:
            label = fields["label"][1]
            if label.id != "scalar" or not str(label.value).strip():
                problems.append(f"{origin}, line {node_line(label)}: actor {actor!r}: label must be a text")
            else:
                names.append(label)
        if "aliases" in fields:
            aliases = fields["aliases"][1]
            if aliases.id != "sequence" or not all(a.id == "scalar" and str(a.value).strip() for a in aliases.value):
                problems.append(f"{origin}, line {node_line(aliases)}: actor {actor!r}: aliases must be a list of "
                                "non-empty texts")
            else:
                names += aliases.value
        for name in names:
            first = homes.setdefault(" ".join(normalize(name.value).split()), (actor, node_line(name)))
            if first[0] != actor:
                problems.append(f"{origin}, line {node_line(name)}: alias {name.value!r} of actor {actor!r} "
                                f"already names actor {first[0]!r} (line {first[1]})")
    return problems


def validate_actors(path: str | Path) -> list[str]:
    """Problems found in an actors lexicon file (empty list: valid).

    Examples
    --------
    >>> from framing.lexicon import packaged_file
    >>> validate_actors(packaged_file("actors"))
    []
    """
    return check_file(path, validate_actors_text)


def load_actors(path: str | Path | None = None) -> Actors:
    """The actors of ``lexicons/actors.yaml``, or of a user file (or packaged name) ``path``.

    Parameters
    ----------
    path : str or Path, optional
        A user YAML of the same form; default the packaged lexicon.

    Returns
    -------
    Actors
        Read and checked once per process and path.

    Raises
    ------
    LexiconError
        Listing every problem with file and line (see :func:`validate_actors_text`).
    """
    return _load_actors(str(path) if path else "actors")


@lru_cache(maxsize=8)
def _load_actors(source: str) -> Actors:
    data = read_checked(source, validate_actors_text)
    return Actors(tuple(Actor(id=str(a["id"]), label=str(a.get("label", a["id"])),
                              aliases=tuple(str(x) for x in a.get("aliases") or ()))
                        for a in data["actors"]))
