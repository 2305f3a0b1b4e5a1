"""Kept so that ``framing.lexicon_yaml`` still imports: the reader is :mod:`framing.lexicon.reader`."""

from .lexicon.reader import REQUIRED_KEYS, LexiconError, compose, load_lexicon, read_lexicon_yaml, safe_load

__all__ = ["REQUIRED_KEYS", "LexiconError", "safe_load", "compose", "read_lexicon_yaml", "load_lexicon"]
