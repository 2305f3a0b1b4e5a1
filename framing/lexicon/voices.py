"""The words of quotation attribution (``lexicons/voices.yaml``), read and checked with lines.

The lexicon holds the reporting verbs and the function words, heads and name
words the attribution grammar of :mod:`framing.voices` reads, and the titles,
company and organisation heads its patterns are built from. The grammar itself
(which words may stand where) is code, in :mod:`framing.voices`;
:mod:`framing.voices.words` re-exports :class:`VoiceWords` and
:func:`voice_words`.

Examples
--------
>>> words = voice_words()
>>> "said" in words.say and "stated" in words.invertible
True
>>> words.alternation("company_heads").split("|")[:2]
['Corporation', 'Holdings']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .reader import REQUIRED_KEYS, check_file, node_line, read_checked, top_level

__all__ = ["VERB_KEYS", "SET_KEYS", "TUPLE_KEYS", "MOVED_KEYS", "VoiceWords", "validate_voices_text", "validate_voices",
           "voice_words"]

#: The lists of ``reporting_verbs``, in the order of :class:`VoiceWords`.
VERB_KEYS = ("say", "weak", "participle", "invertible")
#: Top-level word lists read as sets.
SET_KEYS = ("passive_auxiliaries", "skip_before_verb", "clause_boundaries", "description_boundaries",
            "name_connectors", "appositive_stops", "finite_verbs", "determiners", "document_heads", "group_heads",
            "body_nouns", "group_modifiers", "question_labels", "answer_labels", "name_particles",
            "organisation_words", "stop_words", "months", "not_person_words")
#: Top-level word lists read in their order.
TUPLE_KEYS = ("list_words", "title_heads", "company_heads", "organisation_heads")
_MAP_KEYS = ("honorifics", "noun_classes")
#: Lists that were code before framing 2026.12 (a user's older voices file lacks them): optional in a
#: user file, taken from the packaged lexicon when absent.
MOVED_KEYS = ("title_heads", "company_heads", "organisation_heads", "not_person_words")


@dataclass(frozen=True)
class VoiceWords:
    """The word lists of ``lexicons/voices.yaml``: verbs in their order, the other lists as sets.

    ``description_boundaries`` holds the lexicon's list together with
    ``clause_boundaries`` (a title before a name ends at either).
    """

    say: tuple[str, ...]
    weak: tuple[str, ...]
    participle: tuple[str, ...]
    invertible: frozenset[str]
    passive_auxiliaries: frozenset[str]
    skip_before_verb: frozenset[str]
    clause_boundaries: frozenset[str]
    description_boundaries: frozenset[str]
    name_connectors: frozenset[str]
    appositive_stops: frozenset[str]
    finite_verbs: frozenset[str]
    determiners: frozenset[str]
    document_heads: frozenset[str]
    group_heads: frozenset[str]
    body_nouns: frozenset[str]
    group_modifiers: frozenset[str]
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    name_particles: frozenset[str]
    organisation_words: frozenset[str]
    stop_words: frozenset[str]
    months: frozenset[str]
    list_words: tuple[str, ...]
    honorifics: dict[str, str]
    noun_classes: dict[str, tuple[str, ...]]
    title_heads: tuple[str, ...] = ()
    company_heads: tuple[str, ...] = ()
    organisation_heads: tuple[str, ...] = ()
    not_person_words: frozenset[str] = frozenset()

    def alternation(self, key: str) -> str:
        """A regular-expression alternation of the words of list ``key``, escaped, the longest first.

        Longest first: where one word begins another ("Corp", "Corp.") the
        longer is tried first, as a greedy optional suffix would be.
        """
        return "|".join(re.escape(w) for w in sorted(getattr(self, key), key=len, reverse=True))


def validate_voices_text(text: str, origin: str) -> list[str]:
    """Problems of an attribution-words lexicon's YAML text, each as ``"file, line N: what is wrong"``.

    Every list of :data:`VERB_KEYS` (under ``reporting_verbs``), :data:`SET_KEYS`
    and :data:`TUPLE_KEYS` must be a non-empty list of texts (those of :data:`MOVED_KEYS` may be
    left out: the packaged lists are used) (a bare ``on`` or
    ``no`` is read by YAML as true/false and must be quoted); ``honorifics``
    maps words to ``m`` or ``f`` and ``noun_classes`` nouns to lists of stems.

    Examples
    --------
    >>> head = "name: v\\nversion: '1'\\ndescription: d\\ncitation: c\\nlicense: CC0-1.0\\n"
    >>> problems = validate_voices_text(head + "months: [may, on]\\n", "v.yaml")
    >>> problems[0], len(problems)
    ('v.yaml: passive_auxiliaries is missing', 22)
    >>> [p for p in problems if "line" in p]
    ["v.yaml, line 6: months: 'on' is read as a bool, not a word (quote it)"]
    """
    data, top, problems = top_level(text, origin, (*REQUIRED_KEYS, "reporting_verbs", *SET_KEYS, *TUPLE_KEYS,
                                                   *_MAP_KEYS), list_known=False)
    if data is None:
        return problems

    def mapping(fields: dict, key: str, form: str) -> dict:
        if key not in fields:
            problems.append(f"{origin}: {key} is missing")
            return {}
        node = fields[key][1]
        if node.id != "mapping" or not node.value:
            problems.append(f"{origin}, line {node_line(node)}: {key} must be a non-empty mapping of {form}")
            return {}
        return {k.value: (k, v) for k, v in node.value}

    def words(fields: dict, key: str, where: str = "") -> None:
        if key not in fields:
            problems.append(f"{origin}: {where}{key} is missing")
            return
        node = fields[key][1]
        if node.id != "sequence" or not node.value:
            problems.append(f"{origin}, line {node_line(node)}: {where}{key} must be a non-empty list of words")
            return
        for w in node.value:
            if w.id != "scalar" or not str(w.value).strip():
                problems.append(f"{origin}, line {node_line(w)}: {where}{key}: an empty or non-text entry")
            elif not w.tag.endswith(":str"):
                problems.append(f"{origin}, line {node_line(w)}: {where}{key}: {w.value!r} is read as a "
                                f"{w.tag.rsplit(':', 1)[-1]}, not a word (quote it)")

    for key in SET_KEYS + TUPLE_KEYS:
        if key in top or key not in MOVED_KEYS:
            words(top, key)
    verbs = mapping(top, "reporting_verbs", ", ".join(VERB_KEYS))
    for key in VERB_KEYS if verbs else ():
        words(verbs, key, "reporting_verbs.")
    for key, (knode, vnode) in mapping(top, "honorifics", "word: m or f").items():
        if vnode.id != "scalar" or vnode.value not in ("m", "f"):
            problems.append(f"{origin}, line {node_line(vnode)}: honorifics.{key} must be m or f")
    classes = mapping(top, "noun_classes", "noun: [stems]")
    for key in classes:
        words(classes, key, "noun_classes.")
    return problems


def validate_voices(path: str | Path) -> list[str]:
    """Problems found in an attribution-words lexicon file (empty list: valid).

    Examples
    --------
    >>> from framing.lexicon import packaged_file
    >>> validate_voices(packaged_file("voices"))
    []
    """
    return check_file(path, validate_voices_text)


def voice_words(path: str | Path | None = None) -> VoiceWords:
    """The attribution words of ``lexicons/voices.yaml`` (or a user file ``path``), read and checked once.

    Returns
    -------
    VoiceWords

    Raises
    ------
    LexiconError
        Listing every problem with file, line and list (see :func:`validate_voices_text`).
    """
    return _voice_words(str(path) if path else "voices")


@lru_cache(maxsize=4)
def _voice_words(source: str) -> VoiceWords:
    data = read_checked(source, validate_voices_text)
    if any(k not in data for k in MOVED_KEYS):
        packaged = _voice_words("voices")
        data = {**{k: getattr(packaged, k) for k in MOVED_KEYS}, **data}
    verbs = data["reporting_verbs"]
    sets = {k: frozenset(data[k]) for k in SET_KEYS}
    sets["description_boundaries"] |= sets["clause_boundaries"]
    return VoiceWords(say=tuple(verbs["say"]), weak=tuple(verbs["weak"]), participle=tuple(verbs["participle"]),
                      invertible=frozenset(verbs["invertible"]), **{k: tuple(data[k]) for k in TUPLE_KEYS},
                      honorifics={str(k): str(v) for k, v in data["honorifics"].items()},
                      noun_classes={str(k): tuple(v) for k, v in data["noun_classes"].items()}, **sets)
