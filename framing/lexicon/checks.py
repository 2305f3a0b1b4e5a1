"""One check for every kind of lexicon: :func:`validate` by kind, :func:`validate_lexicon` by file.

Each kind has its validator, next to its loader: problems come back as
``"file, line N: what is wrong"`` and name the field (``source_type``,
``phrases``, ``why``, ``aliases``, ``reporting_verbs.say``, ``terms``, ...).

Examples
--------
>>> [kind for kind in KINDS if validate(kind)]
[]
>>> kind_of(packaged_file("vader_diplomatic"))
'vader'
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .actors import validate_actors
from .affiliations import validate_affiliations
from .frames import validate_frame_lexicon
from .outlets import validate_outlets
from .reader import packaged_file, safe_load
from .slogans import validate_slogans
from .vader import validate_diplomatic
from .voices import validate_voices

__all__ = ["KINDS", "PACKAGED", "OTHER_LEXICON_KEYS", "validate", "kind_of", "validate_lexicon"]

#: The kinds of lexicon and their validators (each takes a path, returns the problems).
_VALIDATORS = {"outlets": validate_outlets, "slogans": validate_slogans, "frames": validate_frame_lexicon,
               "actors": validate_actors, "affiliations": validate_affiliations, "voices": validate_voices,
               "vader": validate_diplomatic}
KINDS = tuple(_VALIDATORS)
#: Kind -> the packaged file's name in ``lexicons/``.
PACKAGED = {**{k: k for k in KINDS}, "vader": "vader_diplomatic"}
#: A top-level key that only one kind has -> that kind (a slogan lexicon has ``families``).
OTHER_LEXICON_KEYS = {"schemes": "frames", "cues": "affiliations", "outlet_types": "affiliations",
                      "outlets": "outlets", "actors": "actors", "reporting_verbs": "voices", "terms": "vader",
                      "overrides": "vader"}


def validate(kind: str, path: str | Path | None = None) -> list[str]:
    """Problems of a lexicon of ``kind``: the packaged one, or the file at ``path``.

    Parameters
    ----------
    kind : {"outlets", "slogans", "frames", "actors", "affiliations", "voices", "vader"}
    path : str or Path, optional
        A user file of that kind (a slogan lexicon may be a CSV); default the
        packaged ``lexicons/`` file.

    Returns
    -------
    list of str
        One ``"file, line N: what is wrong"`` per problem, naming the field;
        empty when the file is valid.

    Raises
    ------
    ValueError
        For an unknown ``kind``.

    Examples
    --------
    >>> validate("actors")
    []
    >>> validate("frames", "missing.yaml")
    ['missing.yaml: file not found']
    """
    if kind not in _VALIDATORS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return _VALIDATORS[kind](packaged_file(PACKAGED[kind]) if path is None else path)


def kind_of(path: str | Path) -> str:
    """The kind of the lexicon file at ``path``, from its top-level keys.

    A CSV, a file with ``families``, and a file that cannot be read or told
    apart are ``"slogans"`` (whose validator says what is wrong).
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return "slogans"
    try:
        data = safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "slogans"
    if not isinstance(data, dict) or "families" in data:
        return "slogans"
    return next((kind for key, kind in OTHER_LEXICON_KEYS.items() if key in data), "slogans")


def validate_lexicon(path: str | Path) -> list[str]:
    """Problems found in a lexicon file of any kind (empty list: valid); see :func:`kind_of`.

    Examples
    --------
    >>> validate_lexicon(packaged_file("slogans"))
    []
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file not found"]
    return validate(kind_of(path), path)
