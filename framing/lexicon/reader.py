"""Reading a lexicon's YAML: libyaml's fast parser, the node tree with lines, the required header.

Every lexicon (packaged or a user file) is read here: :func:`load_lexicon` by
packaged name or path, :func:`read_lexicon_yaml` from text, parsed once per
process and text; :func:`compose` gives the node tree whose marks the
validators turn into ``"file, line N: ..."`` (:func:`node_line`,
:func:`yaml_problem`). :mod:`framing.lexicon` re-exports every name.

Examples
--------
>>> from framing.lexicon import load_lexicon
>>> load_lexicon("outlets")["name"]
'outlets'
>>> read_lexicon_yaml("name: x", "mine.yaml")
Traceback (most recent call last):
...
framing.lexicon.reader.LexiconError: mine.yaml: missing required key(s): version, description, citation, license
>>> yaml_problem(yaml.YAMLError("bad"), "mine.yaml")
'mine.yaml: invalid YAML: bad'
"""

from __future__ import annotations

import copy
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["REQUIRED_KEYS", "LexiconError", "safe_load", "compose", "node_line", "checked_id", "yaml_problem",
           "packaged_file",
           "raise_problems", "check_file", "read_checked", "read_lexicon_yaml", "top_level", "read_source", "load_lexicon"]

REQUIRED_KEYS = ("name", "version", "description", "citation", "license")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the problem."""


# libyaml's C parser reads the packaged lexicons about 10 times faster than PyYAML's pure-Python one, to
# the same values and the same node lines; PyYAML built without libyaml falls back to its own parser
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """``yaml.safe_load`` with libyaml's C parser where PyYAML has it, the same values.

    On a YAML error the text is parsed again by PyYAML's own parser, so that the
    error (its message and its line) is the one ``yaml.safe_load`` raises.
    """
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return yaml.safe_load(text)


def compose(text: str):
    """``yaml.compose`` (the node tree, with line marks) with libyaml's C parser where PyYAML has it."""
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        return yaml.compose(text)


def node_line(node) -> int:
    """The 1-based line of a YAML node (for problems written as ``file, line N: ...``)."""
    return node.start_mark.line + 1


def checked_id(value: str | None, node, ids: dict[str, int], where: str, problems: list[str], *, kind: str,
               missing: str) -> str:
    """An entry's id, checked against the ids seen before it (``ids``: id -> first line, updated).

    A missing id adds ``where: missing`` to ``problems`` and names the entry by its line
    ("<frame at line 12>"); a repeated one adds ``where: <kind> id '<id>' already used at line N``.

    Examples
    --------
    >>> problems = []
    >>> node = compose("[{id: a}, {id: a}]").value[1]
    >>> checked_id("a", node, {"a": 1}, "f.yaml, line 1", problems, kind="frame", missing="a frame without an 'id'")
    'a'
    >>> problems
    ["f.yaml, line 1: frame id 'a' already used at line 1"]
    """
    if not value:
        problems.append(f"{where}: {missing}")
        value = f"<{kind} at line {node_line(node)}>"
    elif value in ids:
        problems.append(f"{where}: {kind} id {value!r} already used at line {ids[value]}")
    ids.setdefault(value, node_line(node))
    return value


def yaml_problem(exc: yaml.YAMLError, origin: str) -> str:
    """A YAML syntax error as ``"file, line N: invalid YAML: what"`` (the line the parser stopped at)."""
    mark = getattr(exc, "problem_mark", None)
    where = f", line {mark.line + 1}" if mark is not None else ""
    return f"{origin}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}"


def packaged_file(name: str) -> Path:
    """Path of the packaged lexicon ``lexicons/{name}.yaml`` (whether or not it exists)."""
    return Path(str(resources.files("framing.lexicons").joinpath(f"{name}.yaml")))


def raise_problems(problems: list[str], origin) -> None:
    """Raise one :class:`LexiconError` listing every problem of ``origin``; nothing if there are none."""
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in {origin}:\n" + "\n".join(f"- {p}" for p in problems))


def check_file(path, check_text) -> list[str]:
    """The problems ``check_text(text, origin)`` finds in the file at ``path``, or that it is missing."""
    path = Path(path)
    if not path.exists():
        return [f"{path}: file not found"]
    return check_text(path.read_text(encoding="utf-8-sig"), str(path))


def read_checked(name_or_path: str, check_text) -> dict:
    """A lexicon (packaged name or path) as :func:`load_lexicon` reads it, after ``check_text`` found no problem.

    Raises
    ------
    LexiconError
        Listing every problem ``check_text(text, origin)`` found (see :func:`raise_problems`).
    """
    text, origin = read_source(name_or_path)
    raise_problems(check_text(text, origin), origin)
    return read_lexicon_yaml(text, origin)


@lru_cache(maxsize=32)
def _parsed(text: str):
    return safe_load(text)


def read_lexicon_yaml(text: str, origin: str) -> dict:
    """A lexicon's YAML ``text`` as a fresh dict, or a :class:`LexiconError` naming ``origin`` and the line."""
    try:
        # a lexicon is read by several steps (and hashed into the manifest): parsed once per process and text,
        # each caller getting its own copy to change as it likes
        data = copy.deepcopy(_parsed(text))
    except yaml.YAMLError as exc:  # the mark gives the line the parser stopped at
        raise LexiconError(yaml_problem(exc, origin)) from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected a mapping at the top level, got {type(data).__name__}")
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise LexiconError(f"{origin}: missing required key(s): {', '.join(missing)}")
    return data


def top_level(text: str, origin: str, known, *, list_known: bool = True) -> tuple[dict | None, dict, list[str]]:
    """A lexicon's YAML text read for its validator: the data, the top-level keys and their unknown ones.

    Returns
    -------
    data : dict or None
        :func:`read_lexicon_yaml` of the text; None when it cannot be read.
    top : dict
        ``key -> (key node, value node)`` (empty when the text cannot be read).
    problems : list of str
        ``"file, line N: unknown key 'x' (known: a, b)"`` for each key not in ``known``
        (the known keys in the order given; not named when ``list_known`` is false), or the
        one problem that stopped the reading.

    Examples
    --------
    >>> head = "name: a\\nversion: '1'\\ndescription: d\\ncitation: c\\nlicense: CC0-1.0\\n"
    >>> data, top, problems = top_level(head + "colour: red\\n", "a.yaml", (*REQUIRED_KEYS, "actors"))
    >>> data["colour"], list(top)[-1], problems
    ('red', 'colour', ["a.yaml, line 6: unknown key 'colour' (known: name, version, description, citation, license, actors)"])
    >>> top_level("- a", "a.yaml", REQUIRED_KEYS)
    (None, {}, ['a.yaml: expected a mapping at the top level, got list'])
    """
    try:
        data = read_lexicon_yaml(text, origin)
    except LexiconError as exc:
        return None, {}, [str(exc)]
    top = {k.value: (k, v) for k, v in compose(text).value}
    named = f" (known: {', '.join(known)})" if list_known else ""
    return data, top, [f"{origin}, line {node_line(knode)}: unknown key {key!r}{named}"
                       for key, (knode, _) in top.items() if key not in known]


def load_lexicon(name_or_path: str | Path) -> dict:
    """Load a lexicon by packaged name (``"outlets"``) or from a YAML file path.

    Parameters
    ----------
    name_or_path : str or Path
        The name of a packaged lexicon (file stem in ``lexicons/``) or a path to
        a user YAML file of the same form.

    Returns
    -------
    dict
        The parsed YAML, with at least ``name, version, description, citation,
        license``.

    Raises
    ------
    LexiconError
        If the file is missing, is not valid YAML, or lacks a required key. The
        message names the file (and the line for YAML syntax errors).

    Examples
    --------
    >>> lex = load_lexicon("outlets")
    >>> lex["name"]
    'outlets'
    """
    return read_lexicon_yaml(*read_source(name_or_path))


def read_source(name_or_path: str | Path) -> tuple[str, str]:
    """``(text, origin)`` of a packaged lexicon (by name) or a YAML file (by path).

    ``origin`` is what messages name: ``lexicons/NAME.yaml`` or the path as given.

    Raises
    ------
    LexiconError
        If the file is missing or no packaged lexicon has that name.
    """
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise LexiconError(f"{path}: lexicon file not found")
        return path.read_text(encoding="utf-8"), str(path)
    resource = resources.files("framing.lexicons").joinpath(f"{name_or_path}.yaml")
    if not resource.is_file():
        available = sorted(
            p.name[:-5] for p in resources.files("framing.lexicons").iterdir() if p.name.endswith(".yaml")
        )
        raise LexiconError(f"no packaged lexicon named {name_or_path!r} (available: {', '.join(available)})")
    return resource.read_text(encoding="utf-8"), f"lexicons/{name_or_path}.yaml"
