"""The frame schemes of ``lexicons/frames.yaml``: loading them and checking a frames file.

:mod:`framing.frames` re-exports every name (``framing.frames.schemes`` too).

A scheme is a tuple of :class:`Frame`, each with its dictionary terms and its cue groups
(:class:`Cue`: terms with the ``why`` that makes them framing language).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from ..matching import normalize
from .reader import REQUIRED_KEYS, check_file, checked_id, compose, load_lexicon, node_line, yaml_problem

__all__ = ["SCHEMES", "Cue", "Frame", "load_frames", "FRAME_KEYS", "CUE_KEYS", "validate_frame_lexicon_text",
           "validate_frame_lexicon"]

SCHEMES = ("policy", "relationship")


class Cue(NamedTuple):
    """A group of a frame's terms and why they signal the frame."""

    why: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """One frame of a scheme.

    ``terms`` holds every dictionary term of the frame (a flat ``terms`` list
    and the terms of its ``cues``); ``cues`` keeps the groups with their ``why``.
    """

    id: str
    label: str
    terms: tuple[str, ...]
    seeds: tuple[str, ...]
    semeval: str | None = None
    description: str = ""
    cues: tuple[Cue, ...] = ()


@lru_cache(maxsize=8)
def load_frames(scheme: str = "relationship", path: str | None = None) -> tuple[Frame, ...]:
    """The frames of one scheme from ``lexicons/frames.yaml`` (or a user file of that form).

    Examples
    --------
    >>> dev = {f.id: f for f in load_frames("relationship")}["development_modernization"]
    >>> "digital" in dev.terms, "out of poverty" in dev.terms
    (False, True)
    >>> dev.cues[2].why.split(":")[0]
    'Better lives'
    """
    lex = load_lexicon(path or "frames")
    for sch in lex.get("schemes") or []:
        if sch.get("id") == scheme:
            frames = []
            for f in sch.get("frames") or []:
                cues = tuple(Cue(str(c.get("why", "")).strip(), tuple(str(t) for t in c.get("terms") or ()))
                             for c in f.get("cues") or () if isinstance(c, dict))
                terms = tuple(str(t) for t in f.get("terms") or ()) + tuple(t for c in cues for t in c.terms)
                frames.append(Frame(id=str(f["id"]), label=str(f.get("label", f["id"])), terms=terms,
                                    seeds=tuple(str(t) for t in f.get("seeds") or ()), semeval=f.get("semeval"),
                                    description=str(f.get("description", "")), cues=cues))
            return tuple(frames)
    known = [s.get("id") for s in lex.get("schemes") or []]
    raise KeyError(f"no frame scheme {scheme!r} (schemes: {', '.join(map(str, known))})")


FRAME_KEYS = {"id", "label", "semeval", "description", "cues", "terms", "seeds"}
CUE_KEYS = {"why", "terms"}


def validate_frame_lexicon_text(text: str, origin: str) -> list[str]:
    """Problems of a frames YAML, each as ``"file, line N: what is wrong"`` (empty list: valid).

    Checks the header keys; that every scheme and frame has an ``id`` (a
    frame's unique within its scheme) and every frame a ``label``; that every
    frame has terms (``cues`` or a flat ``terms`` list); that every cue group
    is a mapping with a ``why`` sentence and a list of ``terms``; that no key
    is unknown; and that no term, as the matcher normalises it, is in two
    frames of one scheme.

    Examples
    --------
    >>> lines = ["name: f", "version: '1'", "description: d", "citation: c", "license: CC0-1.0",
    ...          "schemes:", "  - id: s", "    frames:",
    ...          "      - {id: a, label: A, cues: [{why: 'Both sides gain.', terms: [win-win]}]}",
    ...          "      - {id: b, label: B, cues: [{terms: [Win Win, x]}]}"]
    >>> for problem in validate_frame_lexicon_text("\\n".join(lines), "f.yaml"):
    ...     print(problem)
    f.yaml, line 10: a cue group of frame 'b' has no 'why'
    f.yaml, line 10: term 'Win Win' is in two frames of scheme 's': 'b' and 'a' (line 9)
    """
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        return [yaml_problem(exc, origin)]
    if not isinstance(root, yaml.MappingNode):
        return [f"{origin}: expected a mapping with 'schemes' at the top level"]

    def line(node) -> str:
        return f"{origin}, line {node_line(node)}"

    def fields(node) -> dict:
        return {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}

    def scalar(node) -> str:
        return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""

    problems: list[str] = []
    top = fields(root)
    problems += [f"{origin}: missing required key {k!r}" for k in REQUIRED_KEYS if k not in top]
    schemes = top.get("schemes")
    if not isinstance(schemes, yaml.SequenceNode) or not schemes.value:
        return problems + [f"{origin}: 'schemes' must be a non-empty list"]
    for snode in schemes.value:
        sid = scalar(fields(snode).get("id"))
        if not sid:
            problems.append(f"{line(snode)}: a scheme without an 'id'")
        frames = fields(snode).get("frames")
        if not isinstance(frames, yaml.SequenceNode) or not frames.value:
            problems.append(f"{line(snode)}: scheme {sid!r} has no frames")
            continue
        ids: dict[str, int] = {}
        home: dict[str, tuple[str, int]] = {}
        for fnode in frames.value:
            f = fields(fnode)
            fid = checked_id(scalar(f.get("id")), fnode, ids, line(fnode), problems, kind="frame",
                             missing=f"a frame of scheme {sid!r} without an 'id'")
            if not scalar(f.get("label")):
                problems.append(f"{line(fnode)}: frame {fid!r} has no 'label'")
            for knode in (k for k, _ in fnode.value) if isinstance(fnode, yaml.MappingNode) else ():
                if knode.value not in FRAME_KEYS:
                    problems.append(f"{line(knode)}: unknown key {knode.value!r} in frame {fid!r}")
            term_nodes = []
            if isinstance(f.get("terms"), yaml.SequenceNode):
                term_nodes += f["terms"].value
            cues = f.get("cues")
            if cues is not None and not isinstance(cues, yaml.SequenceNode):
                problems.append(f"{line(cues)}: 'cues' of frame {fid!r} must be a list of groups")
            for cnode in cues.value if isinstance(cues, yaml.SequenceNode) else []:
                c = fields(cnode)
                if not isinstance(cnode, yaml.MappingNode):
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} must be a mapping with "
                                    "'why' and 'terms'")
                    continue
                for k, _ in cnode.value:
                    if k.value not in CUE_KEYS:
                        problems.append(f"{line(k)}: unknown key {k.value!r} in a cue group of frame {fid!r}")
                if not scalar(c.get("why")):
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} has no 'why'")
                if not isinstance(c.get("terms"), yaml.SequenceNode) or not c["terms"].value:
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} has no terms")
                else:
                    term_nodes += c["terms"].value
            if not term_nodes:
                problems.append(f"{line(fnode)}: frame {fid!r} has no terms ('cues' or 'terms')")
            for tnode in term_nodes:
                term = scalar(tnode)
                if not term:
                    problems.append(f"{line(tnode)}: empty or non-text term in frame {fid!r}")
                    continue
                key = " ".join(normalize(term).split())
                other = home.setdefault(key, (fid, node_line(tnode)))
                if other[0] != fid:
                    problems.append(f"{line(tnode)}: term {term!r} is in two frames of scheme {sid!r}: "
                                    f"{fid!r} and {other[0]!r} (line {other[1]})")
    return problems


def validate_frame_lexicon(path: str | Path) -> list[str]:
    """Problems found in a frames lexicon file (empty list: valid).

    Examples
    --------
    >>> from framing.lexicon import packaged_file
    >>> validate_frame_lexicon(packaged_file("frames"))
    []
    """
    return check_file(path, validate_frame_lexicon_text)
