"""The lexicons: one YAML reader, a loader and a validator per kind, one :func:`validate`.

Lexicons are data: YAML files with ``name, version, description, citation,
license`` and their entries. The packaged ones live in the ``framing.lexicons``
package (the top-level ``lexicons/`` folder of the repository); a user file of
the same form can replace or extend any of them. Every file is read by
:mod:`~framing.lexicon.reader` (libyaml's parser, node lines for messages).
One module per kind, each with its loader and validator:
:mod:`~framing.lexicon.outlets`, :mod:`~framing.lexicon.slogans`,
:mod:`~framing.lexicon.frames`, :mod:`~framing.lexicon.actors`,
:mod:`~framing.lexicon.affiliations`, :mod:`~framing.lexicon.voices`
(attribution words) and :mod:`~framing.lexicon.vader`;
:func:`validate` (``kind``) and :func:`validate_lexicon` (any file) in
:mod:`~framing.lexicon.checks`. Names two kinds share (``Cue``, ``CUE_KEYS``)
stay in their modules.

Examples
--------
>>> from framing.lexicon import load_outlets, validate
>>> outlets = load_outlets()
>>> outlets.canonical("Xinhua News Agency")
'Xinhua'
>>> outlets.source_type("People's Daily")
'state_media'
>>> validate("outlets")
[]
"""

from .actors import ACTOR_KEYS, Actor, Actors, load_actors, validate_actors, validate_actors_text
from .affiliations import (AffiliationLexicon, load_affiliations, packaged_path, validate_affiliations,
                           validate_affiliations_text)
from .checks import KINDS, OTHER_LEXICON_KEYS, PACKAGED, kind_of, validate, validate_lexicon
from .frames import Frame, load_frames, validate_frame_lexicon, validate_frame_lexicon_text
from .outlets import (OUTLET_KEYS, OWNERSHIP, Outlet, Outlets, host_of, load_outlets, validate_outlets,
                      validate_outlets_text)
from .reader import (REQUIRED_KEYS, LexiconError, compose, load_lexicon, node_line, packaged_file, raise_problems,
                     read_lexicon_yaml, read_source, safe_load, yaml_problem)
from .slogans import Family, ProperNames, SloganLexicon, load_slogan_lexicon, validate_slogans
from .vader import diplomatic_terms, validate_diplomatic, validate_diplomatic_text
from .voices import VoiceWords, validate_voices, validate_voices_text, voice_words

__all__ = [
    # reading
    "REQUIRED_KEYS", "LexiconError", "safe_load", "compose", "node_line", "yaml_problem", "packaged_file",
    "raise_problems", "read_lexicon_yaml", "read_source", "load_lexicon",
    # checking any kind
    "KINDS", "PACKAGED", "OTHER_LEXICON_KEYS", "validate", "kind_of", "validate_lexicon",
    # outlets
    "OUTLET_KEYS", "OWNERSHIP", "Outlet", "Outlets", "host_of", "validate_outlets_text", "validate_outlets",
    "load_outlets",
    # actors
    "ACTOR_KEYS", "Actor", "Actors", "validate_actors_text", "validate_actors", "load_actors",
    # slogans, frames, affiliations
    "Family", "ProperNames", "SloganLexicon", "validate_slogans", "load_slogan_lexicon", "Frame", "load_frames",
    "validate_frame_lexicon_text", "validate_frame_lexicon", "AffiliationLexicon", "validate_affiliations_text",
    "validate_affiliations", "packaged_path", "load_affiliations",
    # attribution words, VADER extension
    "VoiceWords", "validate_voices_text", "validate_voices", "voice_words", "diplomatic_terms",
    "validate_diplomatic_text", "validate_diplomatic",
]
