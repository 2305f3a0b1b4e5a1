"""The outlets lexicon (``lexicons/outlets.yaml``): names, aliases, source types, domains, credits.

:func:`load_outlets` reads the packaged file, extended or replaced by user files
of the same form; :func:`validate_outlets` lists the problems of a file with
their lines.

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
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from .reader import REQUIRED_KEYS, LexiconError, check_file, load_lexicon, top_level

__all__ = ["OUTLET_KEYS", "OWNERSHIP", "Outlet", "Outlets", "host_of", "validate_outlets_text", "validate_outlets",
           "load_outlets"]

OUTLET_KEYS = ("name", "aliases", "case_sensitive_aliases", "case_sensitive_name", "match_in_text", "source_type",
               "country", "ownership", "domains", "credits", "signoffs")
OWNERSHIP = ("state", "state_affiliated", "private", "public_service", "non_profit", "cooperative", "unknown")


def _fold(text: str) -> str:
    """Case- and apostrophe-insensitive key used to look names up."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).strip().casefold()


@dataclass(frozen=True)
class Outlet:
    """One entry of the outlets lexicon.

    Attributes
    ----------
    match_in_text : bool or tuple of str
        Which of the outlet's names :meth:`Outlets.find` looks for in running text:
        ``True`` (all of them), ``False`` (none: the outlet is known only by its
        domains and as a declared publisher or source name) or the tuple of those
        that are searched. Names that are common words ("Dawn", "The Hindu") must
        not turn "at dawn" into a provenance cue.
    credits : tuple of str or None
        The names the outlet signs its copy with in datelines and closing
        credits (``(TASS)``, ``/TASS/``, ``KAZINFORM –``, ``— Reuters``), as
        written there; None where the file does not say (a ``news_agency`` then
        signs with its name and aliases, see :mod:`framing.ingest.datelines`).
    signoffs : tuple of str
        Openers of a closing line that only this outlet's copy carries
        (Reuters: ``(Reporting by ...; Editing by ...)``).
    """

    name: str
    source_type: str | None
    country: str | None = None
    ownership: str | None = None
    aliases: tuple[str, ...] = ()
    case_sensitive_aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    case_sensitive_name: bool = False
    match_in_text: bool | tuple[str, ...] = True
    credits: tuple[str, ...] | None = None
    signoffs: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, the aliases and the case-sensitive aliases, in that order."""
        return (self.name, *self.aliases, *self.case_sensitive_aliases)

    @property
    def text_names(self) -> tuple[str, ...]:
        """The names :meth:`Outlets.find` searches for in running text."""
        if self.match_in_text is True:
            return self.names
        if self.match_in_text is False:
            return ()
        return tuple(n for n in self.names if n in self.match_in_text)


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
        by_key, by_case = self._idx.by_key, self._idx.by_case
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

        Longest alias wins where two overlap; matches respect word boundaries. Only
        the names an entry allows in running text (``match_in_text``) are searched:
        an outlet called "Dawn" is known by its domain and as a declared publisher,
        never from "at dawn" in a sentence.

        Examples
        --------
        >>> from framing.lexicon import load_outlets
        >>> [o.name for _, _, o in load_outlets().find("Xinhua reported it at dawn.")]
        ['Xinhua']
        """
        idx = self._idx
        found = []
        for m in idx.pattern.finditer(text):
            s = m.group(0)
            outlet = idx.text_case.get(s) or idx.text_key.get(_fold(s))
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


class _Index(NamedTuple):
    by_key: dict[str, Outlet]  # folded name or alias -> outlet (lookups of declared names)
    by_case: dict[str, Outlet]  # exact-case names and acronyms -> outlet
    text_key: dict[str, Outlet]  # the same two, limited to the names searched in running text
    text_case: dict[str, Outlet]
    pattern: re.Pattern


def _alternation(names: Iterable[str], *, fold: bool) -> str:
    """A regular expression for any of ``names``, the longest that fits first, built as a trie.

    A plain alternation of several hundred names is tried name by name at every
    position of a text; the trie tries each prefix once. With ``fold`` (the pattern
    is used case-insensitively) letters are merged by case and a straight apostrophe
    also matches a curly one.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            if fold:
                ch = "'" if ch == "\u2019" else (ch.lower() if len(ch.lower()) == 1 else ch)
            node = node.setdefault(ch, {})
        node[None] = {}

    def emit(node: dict) -> str:
        branches = [("['\u2019]" if fold and ch == "'" else re.escape(ch)) + emit(child)
                    for ch, child in node.items() if ch is not None]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # ending here is tried last: the longest name that fits wins, as greedy as the old sorted alternation
        return f"(?:{body})?" if None in node else body

    return emit(trie)


@lru_cache(maxsize=16)
def _index(outlets: Outlets) -> _Index:
    by_key: dict[str, Outlet] = {}
    by_case: dict[str, Outlet] = {}
    text_key: dict[str, Outlet] = {}
    text_case: dict[str, Outlet] = {}
    names: set[str] = set()
    for o in outlets.entries:
        in_text = set(o.text_names)
        for alias in (o.name, *o.aliases):
            by_key.setdefault(_fold(alias), o)
            exact = alias == o.name and o.case_sensitive_name
            if exact:
                by_case.setdefault(alias, o)
            if alias not in in_text:
                continue
            if exact:
                text_case.setdefault(alias, o)
            else:
                text_key.setdefault(_fold(alias), o)
                names.add(alias)
        for alias in o.case_sensitive_aliases:
            by_case.setdefault(alias, o)
            if alias in in_text:
                text_case.setdefault(alias, o)
    parts = []
    if names:
        parts.append(r"(?i:" + _alternation(names, fold=True) + ")")
    if text_case:
        parts.append(_alternation(text_case, fold=False))
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(parts or ["(?!x)x"]) + r")(?![\w])")
    return _Index(by_key, by_case, text_key, text_case, pattern)


def _match_in_text(raw: dict, names: tuple[str, ...]) -> bool | tuple[str, ...] | str:
    """The entry's ``match_in_text`` as stored on :class:`Outlet`, or a message saying what is wrong."""
    value = raw.get("match_in_text", True)
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        unknown = [v for v in value if v not in names]
        if unknown:
            return (f"match_in_text names {', '.join(map(repr, unknown))}, which is not the name or an alias "
                    "of this outlet")
        return tuple(value)
    return "match_in_text must be true, false or a list of the outlet's own names and aliases"


def _outlets_from_mapping(data: dict, origin: str) -> Outlets:
    types = data.get("source_types") or {}
    entries = []
    owner: dict[str, str] = {}
    for i, raw in enumerate(data.get("outlets") or [], start=1):
        if not isinstance(raw, dict) or not raw.get("name"):
            raise LexiconError(f"{origin}: outlet #{i} has no 'name'")
        st = raw.get("source_type")
        if types and st is not None and st not in types:
            raise LexiconError(
                f"{origin}: outlet {raw['name']!r} has unknown source_type {st!r} "
                f"(known: {', '.join(sorted(types))})"
            )
        for key in ("credits", "signoffs"):
            if raw.get(key) is not None and not isinstance(raw[key], list):
                raise LexiconError(f"{origin}: outlet {raw['name']!r}: {key} must be a list of texts")
        outlet = Outlet(
            name=str(raw["name"]),
            source_type=st,
            country=raw.get("country"),
            ownership=raw.get("ownership"),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            case_sensitive_aliases=tuple(str(a) for a in raw.get("case_sensitive_aliases") or ()),
            domains=tuple(str(d) for d in raw.get("domains") or ()),
            case_sensitive_name=bool(raw.get("case_sensitive_name", False)),
            credits=None if raw.get("credits") is None else tuple(str(c) for c in raw["credits"]),
            signoffs=tuple(str(s) for s in raw.get("signoffs") or ()),
        )
        in_text = _match_in_text(raw, outlet.names)
        if isinstance(in_text, str):
            raise LexiconError(f"{origin}: outlet {outlet.name!r}: {in_text}")
        for alias in (*outlet.names, *(outlet.credits or ())):
            other = owner.setdefault(_fold(alias), outlet.name)
            if other != outlet.name:
                raise LexiconError(f"{origin}: {alias!r} of outlet {outlet.name!r} already names outlet {other!r}")
        entries.append(replace(outlet, match_in_text=in_text))
    return Outlets(tuple(entries), dict(types))


def validate_outlets_text(text: str, origin: str) -> list[str]:
    """Problems of an outlets lexicon's YAML text, each as ``"file, line N: what is wrong"``.

    Checks the header, the keys of every entry, its ``source_type`` (against the
    file's ``source_types``, else the packaged ones), ``ownership``, ``country``,
    ``domains``, ``case_sensitive_name``, ``match_in_text``, ``credits`` and
    ``signoffs``, and that no name, alias, credit, sign-off or domain belongs to
    two outlets.
    """
    data, top, problems = top_level(text, origin, sorted((*REQUIRED_KEYS, "source_types", "outlets", "replace")))
    if data is None:
        return problems

    def at(node) -> str:
        return f"{origin}, line {node.start_mark.line + 1}"

    if not isinstance(data.get("outlets"), list) or not data["outlets"]:
        where = at(top["outlets"][1]) if "outlets" in top else origin
        return problems + [f"{where}: 'outlets' must be a non-empty list of outlets"]
    types = data.get("source_types") or load_outlets().source_types
    names: dict[str, tuple[str, int]] = {}
    domains: dict[str, tuple[str, int]] = {}
    entries: dict[str, int] = {}
    signoffs: dict[str, tuple[str, int]] = {}
    for node, raw in zip(top["outlets"][1].value, data["outlets"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
            problems.append(f"{at(node)}: an outlet must be a mapping with a 'name'")
            continue
        fields = {k.value: v for k, v in node.value}
        what = f"outlet {raw['name']!r}"
        line_of = {key: at(fields.get(key, node)) for key in OUTLET_KEYS}
        if raw["name"] in entries:
            problems.append(f"{at(node)}: {what} is listed twice (first at line {entries[raw['name']]})")
        entries.setdefault(raw["name"], node.start_mark.line + 1)
        for knode, _ in node.value:
            if knode.value not in OUTLET_KEYS:
                problems.append(f"{at(knode)}: {what} has unknown key {knode.value!r} "
                                f"(known: {', '.join(OUTLET_KEYS)})")
        st = raw.get("source_type")
        if st is not None and st not in types:
            problems.append(f"{line_of['source_type']}: {what} has unknown source_type {st!r} "
                            f"(known: {', '.join(sorted(types))})")
        if raw.get("ownership") is not None and raw["ownership"] not in OWNERSHIP:
            problems.append(f"{line_of['ownership']}: {what} has unknown ownership {raw['ownership']!r} "
                            f"(known: {', '.join(OWNERSHIP)})")
        if raw.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", str(raw["country"])):
            problems.append(f"{line_of['country']}: {what} has country {raw['country']!r}, not a two-letter "
                            "ISO 3166-1 code (or null)")
        if not isinstance(raw.get("case_sensitive_name", False), bool):
            problems.append(f"{line_of['case_sensitive_name']}: {what}: case_sensitive_name must be true or "
                            "false")
        lists = {}
        for key in ("aliases", "case_sensitive_aliases", "domains", "credits", "signoffs"):
            value = raw.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"{line_of[key]}: {what}: {key} must be a list of non-empty texts")
                value = []
            lists[key] = value
        own = (raw["name"], *lists["aliases"], *lists["case_sensitive_aliases"])
        in_text = _match_in_text(raw, own)
        if isinstance(in_text, str):
            problems.append(f"{line_of['match_in_text']}: {what}: {in_text}")
        kinds = ("name",) + ("aliases",) * len(lists["aliases"]) + \
            ("case_sensitive_aliases",) * len(lists["case_sensitive_aliases"])
        credits = [c for c in lists["credits"] if _fold(c) not in {_fold(n) for n in own}]
        for alias, kind in zip((*own, *credits), (*kinds, *("credits",) * len(credits))):
            first = names.setdefault(_fold(alias), (raw["name"], node.start_mark.line + 1))
            if first[0] != raw["name"]:
                problems.append(f"{line_of[kind]}: {alias!r} of {what} already names outlet {first[0]!r} "
                                f"(line {first[1]})")
        for phrase in lists["signoffs"]:
            first = signoffs.setdefault(_fold(phrase), (raw["name"], node.start_mark.line + 1))
            if first[0] != raw["name"]:
                problems.append(f"{line_of['signoffs']}: sign-off {phrase!r} of {what} is already listed for "
                                f"{first[0]!r} (line {first[1]})")
        for domain in lists["domains"]:
            host = domain.lower().strip().removeprefix("www.")
            if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", host):
                problems.append(f"{line_of['domains']}: {what}: {domain!r} is not a host name "
                                "(no scheme, path or port: 'news.cn')")
            first = domains.setdefault(host, (raw["name"], node.start_mark.line + 1))
            if first[0] != raw["name"]:
                problems.append(f"{line_of['domains']}: domain {domain!r} of {what} is already listed for "
                                f"{first[0]!r} (line {first[1]})")
    return problems


def validate_outlets(path: str | Path) -> list[str]:
    """Problems found in an outlets lexicon file (empty list: valid).

    Parameters
    ----------
    path : str or Path
        ``lexicons/outlets.yaml`` or a user file of the same form.

    Returns
    -------
    list of str
        One ``"file, line N: what is wrong"`` per problem.

    Examples
    --------
    >>> from framing.lexicon import packaged_file
    >>> validate_outlets(packaged_file("outlets"))
    []
    """
    return check_file(path, validate_outlets_text)


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
