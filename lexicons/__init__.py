"""Lexicons shipped with framing (YAML data, loaded with importlib.resources).

This folder is installed as the package ``framing.lexicons``; see
:func:`framing.lexicons_io.load_lexicon`.
"""
