"""Kept so that ``framing.slogan_lexicon`` still imports: the slogan lexicon is :mod:`framing.lexicon.slogans`.

:func:`validate_lexicon` checks a lexicon file of any kind (:mod:`framing.lexicon.checks`).
"""

from .lexicon.checks import OTHER_LEXICON_KEYS, validate_lexicon
from .lexicon.slogans import (FAMILY_KEYS, NAME_KEYS, TOP_KEYS, Family, ProperNames, SloganLexicon,
                              load_slogan_lexicon, node_line, phrase_keys, resources_path, validate_lexicon_text,
                              validate_slogans)

__all__ = ["node_line", "FAMILY_KEYS", "OTHER_LEXICON_KEYS", "TOP_KEYS", "NAME_KEYS", "ProperNames", "Family",
           "SloganLexicon", "phrase_keys", "validate_lexicon_text", "validate_lexicon", "validate_slogans",
           "resources_path", "load_slogan_lexicon"]
