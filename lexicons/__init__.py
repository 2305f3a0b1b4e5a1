"""Lexicons shipped with framing (YAML data, loaded with importlib.resources).

This folder is installed as the package ``framing.lexicons``; it holds data only.
:mod:`framing.lexicon` reads, loads and validates every file (:func:`framing.lexicon.load_lexicon`,
:func:`framing.lexicon.validate`).
"""

__all__: list[str] = []
