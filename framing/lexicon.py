"""Loading and validating the YAML lexicons that ship with framing.

Lexicons are data: YAML files with ``name, version, description, citation,
license`` and their entries. The packaged ones live in the ``framing.lexicons``
package (the top-level ``lexicons/`` folder of the repository) and load with
:mod:`importlib.resources`; a user file of the same form can replace or extend
any of them.

Examples
--------
>>> from framing.lexicon import load_outlets
>>> outlets = load_outlets()
>>> outlets.canonical("Xinhua News Agency")
'Xinhua'
>>> outlets.source_type("People's Daily")
'state_media'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

import yaml

REQUIRED_KEYS = ("name", "version", "description", "citation", "license")


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the problem."""


def _read_yaml(text: str, origin: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:  # the mark gives the line the parser stopped at
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{origin}{where}: invalid YAML: {problem}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: expected a mapping at the top level, got {type(data).__name__}")
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise LexiconError(f"{origin}: missing required key(s): {', '.join(missing)}")
    return data


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
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise LexiconError(f"{path}: lexicon file not found")
        return _read_yaml(path.read_text(encoding="utf-8"), str(path))
    resource = resources.files("framing.lexicons").joinpath(f"{name_or_path}.yaml")
    if not resource.is_file():
        available = sorted(
            p.name[:-5] for p in resources.files("framing.lexicons").iterdir() if p.name.endswith(".yaml")
        )
        raise LexiconError(f"no packaged lexicon named {name_or_path!r} (available: {', '.join(available)})")
    return _read_yaml(resource.read_text(encoding="utf-8"), f"lexicons/{name_or_path}.yaml")


def _fold(text: str) -> str:
    """Case- and apostrophe-insensitive key used to look names up."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().casefold()


@dataclass(frozen=True)
class Outlet:
    """One entry of the outlets lexicon."""

    name: str
    source_type: str | None
    country: str | None = None
    ownership: str | None = None
    aliases: tuple[str, ...] = ()
    case_sensitive_aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    case_sensitive_name: bool = False


@dataclass(frozen=True)
class Outlets:
    """Known outlets: canonical names, aliases, types, and a name finder.

    Built from ``lexicons/outlets.yaml`` (and optional user files) by
    :func:`load_outlets`.
    """

    entries: tuple[Outlet, ...]
    source_types: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    @cached_property
    def _idx(self):
        # computed once per Outlets object; hashing the frozen entries on every lookup was costly
        return _index(self)

    @cached_property
    def _lookups(self) -> dict[str, Outlet | None]:
        # names recur on every page of a site: remember each answer (bounded, see get)
        return {}

    def get(self, name: str | None) -> Outlet | None:
        """The outlet a name or alias refers to, or None if unknown."""
        if not name:
            return None
        lookups = self._lookups
        if name in lookups:
            return lookups[name]
        found = self._lookup(name)
        if len(lookups) < 100_000:
            lookups[name] = found
        return found

    def _lookup(self, name: str) -> Outlet | None:
        key = _fold(name)
        by_key, by_case, _ = self._idx
        if name.strip() in by_case:
            return by_case[name.strip()]
        if key in by_key:
            return by_key[key]
        # "Xinhua News Agency (Xinhua)", "the Xinhua Institute": drop articles and dots
        key2 = re.sub(r"^(the)\s+", "", key).rstrip(".")
        return by_key.get(key2)

    @cached_property
    def _domains(self) -> dict[str, Outlet]:
        table: dict[str, Outlet] = {}
        for o in self.entries:
            for d in o.domains:
                table.setdefault(d.lower().strip().lstrip(".").removeprefix("www."), o)
        return table

    def by_domain(self, host: str | None) -> tuple[Outlet, str] | None:
        """The outlet whose listed domain is the longest suffix of ``host`` (a host name or URL),
        with that domain; None when no listed domain matches.

        ``www.``, ``edition.`` and any other subdomain fall away one label at a time, so
        ``news.yahoo.com`` matches an outlet listing it before one listing ``yahoo.com``.

        Examples
        --------
        >>> from framing.lexicon import load_outlets
        >>> load_outlets().by_domain("https://english.news.cn/20250601/x.html")[0].name
        'Xinhua'
        """
        host = host_of(host)
        if not host:
            return None
        labels = host.split(".")
        for k in range(len(labels) - 1):
            candidate = ".".join(labels[k:])
            if candidate in self._domains:
                return self._domains[candidate], candidate
        return None

    def canonical(self, name: str | None) -> str | None:
        """Canonical display name for ``name``; unknown names are returned stripped."""
        if name is None:
            return None
        outlet = self.get(name)
        if outlet:
            return outlet.name
        return " ".join(str(name).split()) or None

    def source_type(self, name: str | None) -> str | None:
        """The ``source_type`` of a known outlet, else None."""
        outlet = self.get(name)
        return outlet.source_type if outlet else None

    def find(self, text: str) -> list[tuple[int, int, Outlet]]:
        """All non-overlapping outlet mentions in ``text`` as ``(start, end, outlet)``.

        Longest alias wins where two overlap; matches respect word boundaries.
        """
        _, _, pattern = self._idx
        by_key, by_case, _ = self._idx
        found = []
        for m in pattern.finditer(text):
            s = m.group(0)
            outlet = by_case.get(s) or by_key.get(_fold(s))
            if outlet is not None:
                found.append((m.start(), m.end(), outlet))
        return found

    def extend(self, other: "Outlets") -> "Outlets":
        """A new Outlets where entries of ``other`` replace same-named ones."""
        names = {o.name for o in other.entries}
        kept = tuple(o for o in self.entries if o.name not in names)
        types = dict(self.source_types)
        types.update(other.source_types)
        return Outlets(kept + other.entries, types)


def host_of(url_or_host: str | None) -> str | None:
    """The lower-cased host name of a URL (or of a bare host such as ``www.example.com``),
    without a port or a leading ``www.``; None for nothing usable.

    Examples
    --------
    >>> host_of("https://www.TheDiplomat.com:443/2024/01/x")
    'thediplomat.com'
    >>> host_of("example.org")
    'example.org'
    """
    from urllib.parse import urlsplit

    if not isinstance(url_or_host, str) or not url_or_host.strip():  # None, NaN, pd.NA
        return None
    text = url_or_host.strip()
    host = urlsplit(text if "//" in text else "//" + text).hostname
    if not host or "." not in host:
        return None
    return host.lower().rstrip(".").removeprefix("www.")


@lru_cache(maxsize=16)
def _index(outlets: Outlets):
    by_key: dict[str, Outlet] = {}
    by_case: dict[str, Outlet] = {}
    names: list[str] = []
    for o in outlets.entries:
        for alias in (o.name, *o.aliases):
            by_key.setdefault(_fold(alias), o)
            if alias == o.name and o.case_sensitive_name:
                by_case.setdefault(alias, o)
            else:
                names.append(alias)
        for alias in o.case_sensitive_aliases:
            by_case.setdefault(alias, o)
    insensitive = sorted({re.escape(n).replace("'", "['\u2019]") for n in names}, key=len, reverse=True)
    sensitive = sorted({re.escape(n) for n in by_case}, key=len, reverse=True)
    parts = []
    if insensitive:
        parts.append(r"(?i:" + "|".join(insensitive) + ")")
    if sensitive:
        parts.append("|".join(sensitive))
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(parts or ["(?!x)x"]) + r")(?![\w])")
    return by_key, by_case, pattern


def _outlets_from_mapping(data: dict, origin: str) -> Outlets:
    types = data.get("source_types") or {}
    entries = []
    for i, raw in enumerate(data.get("outlets") or [], start=1):
        if not isinstance(raw, dict) or not raw.get("name"):
            raise LexiconError(f"{origin}: outlet #{i} has no 'name'")
        st = raw.get("source_type")
        if types and st is not None and st not in types:
            raise LexiconError(
                f"{origin}: outlet {raw['name']!r} has unknown source_type {st!r} "
                f"(known: {', '.join(sorted(types))})"
            )
        entries.append(
            Outlet(
                name=str(raw["name"]),
                source_type=st,
                country=raw.get("country"),
                ownership=raw.get("ownership"),
                aliases=tuple(str(a) for a in raw.get("aliases") or ()),
                case_sensitive_aliases=tuple(str(a) for a in raw.get("case_sensitive_aliases") or ()),
                domains=tuple(str(d) for d in raw.get("domains") or ()),
                case_sensitive_name=bool(raw.get("case_sensitive_name", False)),
            )
        )
    return Outlets(tuple(entries), dict(types))


@lru_cache(maxsize=8)
def _load_outlets_cached(extra: tuple[str, ...]) -> Outlets:
    base = _outlets_from_mapping(load_lexicon("outlets"), "lexicons/outlets.yaml")
    for path in extra:
        user = load_lexicon(path)
        if user.get("replace"):
            base = _outlets_from_mapping(user, path)
        else:
            base = base.extend(_outlets_from_mapping(user, path))
    return base


def load_outlets(extra: str | Path | Iterable[str | Path] | None = None) -> Outlets:
    """Load the packaged outlets lexicon, optionally extended by user files.

    Parameters
    ----------
    extra : path or list of paths, optional
        User YAML files of the same form as ``lexicons/outlets.yaml``. Their
        entries replace packaged entries of the same ``name`` and add new ones;
        a file with ``replace: true`` replaces the packaged list entirely.

    Returns
    -------
    Outlets

    Examples
    --------
    >>> load_outlets().source_type("PR Newswire")
    'pr_wire'
    """
    if extra is None:
        paths: tuple[str, ...] = ()
    elif isinstance(extra, (str, Path)):
        paths = (str(extra),)
    else:
        paths = tuple(str(p) for p in extra)
    return _load_outlets_cached(paths)
