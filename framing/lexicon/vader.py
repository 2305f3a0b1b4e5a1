"""The diplomatic extension of VADER (``lexicons/vader_diplomatic.yaml``): valences, checked with lines.

``terms`` gives valences to words VADER's lexicon lacks, ``overrides`` new
values for words it has; both on VADER's -4..+4 scale, keyed by single
lower-case tokens as VADER splits them. :mod:`framing.sentiment` adds them to
VADER for ``lexicon="vader+diplomatic"``.

Examples
--------
>>> diplomatic_terms()["hegemonism"], diplomatic_terms()["surely"]
(-2.2, 0.0)
"""

from __future__ import annotations

from pathlib import Path

from .reader import REQUIRED_KEYS, check_file, node_line, read_lexicon_yaml, read_source, top_level

__all__ = ["VALENCE_KEYS", "VALENCE_RANGE", "validate_diplomatic_text", "validate_diplomatic", "diplomatic_terms"]

VALENCE_KEYS = ("terms", "overrides")
VALENCE_RANGE = (-4.0, 4.0)  # VADER's own scale


def validate_diplomatic_text(text: str, origin: str) -> list[str]:
    """Problems of a VADER extension's YAML text, each as ``"file, line N: what is wrong"``.

    ``terms`` and ``overrides`` (at least one) map single lower-case tokens to
    numbers within :data:`VALENCE_RANGE`; no token is listed twice, in one
    mapping or across both.

    Examples
    --------
    >>> head = "name: v\\nversion: '1'\\ndescription: d\\ncitation: c\\nlicense: CC0-1.0\\n"
    >>> for problem in validate_diplomatic_text(head + "terms:\\n  win-win: 1.5\\n  Hegemony: -9\\n", "v.yaml"):
    ...     print(problem)
    v.yaml, line 8: terms: 'Hegemony' is not a lower-case token
    v.yaml, line 8: terms.Hegemony: -9 is outside -4..+4
    """
    data, top, problems = top_level(text, origin, (*REQUIRED_KEYS, *VALENCE_KEYS))
    if data is None:
        return problems
    if not any(k in top for k in VALENCE_KEYS):
        return problems + [f"{origin}: neither 'terms' nor 'overrides'"]
    seen: dict[str, tuple[str, int]] = {}
    low, high = VALENCE_RANGE
    for key in VALENCE_KEYS:
        if key not in top:
            continue
        node = top[key][1]
        if node.id != "mapping" or not node.value:
            problems.append(f"{origin}, line {node_line(node)}: {key!r} must be a non-empty mapping of token: valence")
            continue
        for knode, vnode in node.value:
            at, token = f"{origin}, line {node_line(knode)}", str(knode.value)
            if not token.strip() or token != token.lower() or len(token.split()) != 1:
                problems.append(f"{at}: {key}: {token!r} is not a lower-case token")
            try:
                value = float(vnode.value) if vnode.id == "scalar" and vnode.tag.endswith((":int", ":float")) \
                    else None
            except ValueError:
                value = None
            if value is None:
                problems.append(f"{at}: {key}.{token}: valence {getattr(vnode, 'value', '')!r} is not a number")
            elif not low <= value <= high:
                problems.append(f"{at}: {key}.{token}: {vnode.value} is outside {low:g}..+{high:g}")
            first = seen.setdefault(token.lower(), (key, node_line(knode)))
            if first != (key, node_line(knode)):
                problems.append(f"{at}: {key}: {token!r} is already listed in {first[0]} (line {first[1]})")
    return problems


def validate_diplomatic(path: str | Path) -> list[str]:
    """Problems found in a VADER extension file (empty list: valid).

    Examples
    --------
    >>> from framing.lexicon import packaged_file
    >>> validate_diplomatic(packaged_file("vader_diplomatic"))
    []
    """
    return check_file(path, validate_diplomatic_text)


def diplomatic_terms() -> dict[str, float]:
    """The domain extension's valences (new terms and overrides), from ``lexicons/vader_diplomatic.yaml``."""
    lex = read_lexicon_yaml(*read_source("vader_diplomatic"))
    terms = {str(k).lower(): float(v) for k, v in (lex.get("terms") or {}).items()}
    terms.update({str(k).lower(): float(v) for k, v in (lex.get("overrides") or {}).items()})
    return terms
