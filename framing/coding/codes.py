"""What a human coder codes for each measure: the variables, their codes and their instructions.

One :class:`Variable` per coded column family of a coding sheet (``<name>__<coder>``):
:func:`variables` gives those of the measures asked for, :func:`parse_code` reads one cell
of a coded sheet (``None`` for a blank) or says in words what is wrong with it.

Examples
--------
>>> [v.name for v in variables(("slogans", "sentiment"))]
['slogan_present', 'slogan_family', 'sentiment']
>>> parse_code(variables(["sentiment"])[0], " -1 ")
-1.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from ..frames import load_frames
from ..slogans.matches import lexicon_of

__all__ = ["MEASURES", "SENTIMENT_SCALE", "NO_SLOGAN", "NO_FRAME", "MIXED_FRAME", "Variable", "variables",
           "parse_code", "coder_column", "allowed_codes"]

MEASURES = ("slogans", "frames", "sentiment")
SENTIMENT_SCALE = (-2, -1, 0, 1, 2)
NO_SLOGAN = "none"
NO_FRAME = "none"
MIXED_FRAME = "mixed"


@dataclass(frozen=True)
class Variable:
    """One coded variable.

    Attributes
    ----------
    name : str
        The column stem: coders fill ``<name>__<coder>``.
    measure : {"slogans", "frames", "sentiment"}
        The measure it checks.
    kind : {"binary", "nominal", "interval"}
        Binary codes are 0/1, nominal ones a category id, interval ones a point of
        :data:`SENTIMENT_SCALE`.
    key : str
        The answer key's column holding the measure's own output for it.
    metric : {"f1", "pearson_r"}
        How the measure is scored against the human majority.
    instruction : str
        What the coder is asked, printed on the sheet.
    """

    name: str
    measure: str
    kind: str
    key: str
    metric: str
    instruction: str

    @property
    def alpha_level(self) -> str:
        """Krippendorff's level of measurement: nominal for binary and nominal codes, interval for the scale."""
        return "interval" if self.kind == "interval" else "nominal"


_VARIABLES = (
    Variable("slogan_present", "slogans", "binary", "slogan_present", "f1",
             "1 if the text uses a slogan of the list below as a phrase of its own or in a quotation "
             "(not as part of an organisation's name, such as a 'Belt and Road Institute'), 0 if not."),
    Variable("slogan_family", "slogans", "nominal", "slogan_family", "f1",
             f"The id of the first slogan family the text uses (list below); '{NO_SLOGAN}' or blank when "
             "slogan_present is 0."),
    Variable("frame", "frames", "nominal", "frame", "f1",
             "The id of the frame the text mostly uses (list below); 'mixed' when two or more frames weigh "
             f"about equally, '{NO_FRAME}' when it uses none."),
    Variable("sentiment", "sentiment", "interval", "vader_compound", "pearson_r",
             "The tone of the text as written, whoever it is about: -2 very negative, -1 negative, 0 neutral "
             "or balanced, 1 positive, 2 very positive."),
)


def variables(measures=MEASURES) -> list[Variable]:
    """The coded variables of ``measures``, in sheet order.

    Raises
    ------
    ValueError
        For a measure that is not one of :data:`MEASURES`.
    """
    if isinstance(measures, str):
        measures = (measures,)
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measure(s) {unknown}: choose from {', '.join(MEASURES)}")
    return [v for v in _VARIABLES if v.measure in measures]


def coder_column(variable: Variable | str, coder: str) -> str:
    """The sheet column of one coder's codes of one variable: ``<variable>__<coder>``."""
    return f"{getattr(variable, 'name', variable)}__{coder}"


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number(value):
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def parse_code(variable: Variable, value, categories=None):
    """One cell of a coded sheet as a code, or ``None`` for a blank.

    Parameters
    ----------
    variable : Variable
    value : str, number or None
        The cell as read (CSV cells are strings).
    categories : collection of str, optional
        The allowed ids of a nominal variable (lower case).

    Returns
    -------
    float (binary and interval codes), str (nominal codes, stripped, lower case) or None

    Raises
    ------
    ValueError
        Saying what the value is not and which codes are allowed (the caller adds
        the file, row and column).
    """
    if _blank(value):
        return None
    if variable.kind == "binary":
        x = _number(value)
        if x not in (0.0, 1.0):
            raise ValueError(f"{value!r} is not a code of {variable.name}: write 1 (yes), 0 (no) or leave it blank")
        return x
    if variable.kind == "interval":
        x = _number(value)
        if x is None or x not in SENTIMENT_SCALE:
            scale = ", ".join(f"{p:+d}" if p else "0" for p in SENTIMENT_SCALE)
            raise ValueError(f"{value!r} is outside the {variable.name} scale: write one of {scale} "
                             "or leave it blank")
        return x
    code = str(value).strip().lower()
    if categories is not None and code not in categories:
        known = sorted(categories)
        shown = ", ".join(known[:12]) + (f" ... ({len(known)} in all)" if len(known) > 12 else "")
        raise ValueError(f"{value!r} is not a code of {variable.name}: write one of {shown}")
    return code


def allowed_codes(variable: Variable, *, scheme: str = "relationship", frames_path: str | None = None,
                  slogan_lexicon=None) -> dict[str, str] | None:
    """The codes a nominal variable allows, each with its label; ``None`` for binary and interval ones.

    Parameters
    ----------
    variable : Variable
    scheme, frames_path : str
        The frame scheme (and optional user frames YAML) of ``frame`` codes.
    slogan_lexicon : SloganLexicon, path, dict or list, optional
        The slogan lexicon of ``slogan_family`` codes (default: the packaged one).

    Examples
    --------
    >>> codes = allowed_codes(variables(["frames"])[0])
    >>> codes["mixed"], "partnership_mutual_benefit" in codes
    ('two or more frames about equally', True)
    """
    if variable.name == "slogan_family":
        lex = lexicon_of(slogan_lexicon)
        return {NO_SLOGAN: "no slogan", **{f.id.lower(): f.label for f in lex.families}}
    if variable.name == "frame":
        return {**{f.id.lower(): f.label for f in load_frames(scheme, frames_path)},
                MIXED_FRAME: "two or more frames about equally", NO_FRAME: "no frame"}
    return None
