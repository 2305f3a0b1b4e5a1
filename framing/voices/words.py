"""The words of quotation attribution, read once from ``lexicons/voices.yaml``.

The lexicon holds the reporting verbs and the function words, heads and name
words the attribution grammar reads; this module checks its form and builds the
reporting-verb pattern from it. The grammar itself (which words may stand
where) is code, in the other modules of :mod:`framing.voices`.

Examples
--------
>>> words = voice_words()
>>> "said" in words.say and "stated" in words.invertible
True
>>> VERB_RE.search("as the minister pointed out").group("say")
'pointed out'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import LexiconError, load_lexicon

__all__ = ["VoiceWords", "voice_words", "WORDS", "VERB_RE", "ACCORDING_RE"]

_ORIGIN = "lexicons/voices.yaml"
_VERB_KEYS = ("say", "weak", "participle", "invertible")
_SET_KEYS = ("passive_auxiliaries", "skip_before_verb", "clause_boundaries", "description_boundaries",
             "name_connectors", "appositive_stops", "finite_verbs", "determiners", "document_heads", "group_heads",
             "body_nouns", "group_modifiers", "question_labels", "answer_labels", "name_particles",
             "organisation_words", "stop_words", "months")


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


def _word_list(node: dict, key: str, where: str) -> list[str]:
    value = node.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{_ORIGIN}: {where}{key} must be a non-empty list of words")
    return value


def _word_map(node: dict, key: str) -> dict:
    value = node.get(key)
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"{_ORIGIN}: {key} must be a non-empty mapping")
    return value


@lru_cache(maxsize=1)
def voice_words() -> VoiceWords:
    """The packaged attribution words (``lexicons/voices.yaml``), read and checked once per process.

    Returns
    -------
    VoiceWords

    Raises
    ------
    LexiconError
        If a list is missing, empty or holds something other than words.
    """
    data = load_lexicon("voices")
    verbs = data.get("reporting_verbs")
    if not isinstance(verbs, dict):
        raise LexiconError(f"{_ORIGIN}: reporting_verbs must be a mapping of {', '.join(_VERB_KEYS)}")
    lists = {k: _word_list(verbs, k, "reporting_verbs.") for k in _VERB_KEYS}
    sets = {k: frozenset(_word_list(data, k, "")) for k in _SET_KEYS}
    sets["description_boundaries"] |= sets["clause_boundaries"]
    honorifics = {str(k): str(v) for k, v in _word_map(data, "honorifics").items()}
    classes = {str(k): tuple(_word_list(data["noun_classes"], k, "noun_classes."))
               for k in _word_map(data, "noun_classes")}
    return VoiceWords(say=tuple(lists["say"]), weak=tuple(lists["weak"]), participle=tuple(lists["participle"]),
                      invertible=frozenset(lists["invertible"]), list_words=tuple(_word_list(data, "list_words", "")),
                      honorifics=honorifics, noun_classes=classes, **sets)


WORDS = voice_words()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in words)


#: A reporting verb, in the group of its kind (``say``, ``weak`` or ``part``).
VERB_RE = re.compile(rf"\b(?:(?P<say>{_alternation(WORDS.say)})|(?P<weak>{_alternation(WORDS.weak)})|"
                     rf"(?P<part>{_alternation(WORDS.participle)}))\b")
#: "according to X" and its kin, up to the speaker.
ACCORDING_RE = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the words of|[Aa]s quoted by)\s+")
