"""The words of quotation attribution, read once from ``lexicons/voices.yaml``, and the patterns built from them.

The lexicon (:mod:`framing.lexicon.voices`) holds the reporting verbs and the
function words, heads and name words the attribution grammar reads; this
module builds the reporting-verb pattern from them. The grammar itself (which
words may stand where) is code, in the other modules of :mod:`framing.voices`.

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

from ..lexicon import VoiceWords, voice_words

__all__ = ["VoiceWords", "voice_words", "WORDS", "VERB_RE", "ACCORDING_RE"]

WORDS = voice_words()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in words)


#: A reporting verb, in the group of its kind (``say``, ``weak`` or ``part``).
VERB_RE = re.compile(rf"\b(?:(?P<say>{_alternation(WORDS.say)})|(?P<weak>{_alternation(WORDS.weak)})|"
                     rf"(?P<part>{_alternation(WORDS.participle)}))\b")
#: "according to X" and its kin, up to the speaker.
ACCORDING_RE = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the words of|[Aa]s quoted by)\s+")
