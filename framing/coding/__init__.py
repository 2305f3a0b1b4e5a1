"""Validation against human coders: coding sheets, and agreement of coders and measures.

A dictionary measure is believed once it agrees with people who read the texts. The round trip:

1. :func:`coding_sheet` draws a stratified sample of sentences or articles and writes a sheet
   for the coders (CSV with a blank column per coded variable and coder, and a printable
   HTML page with the instructions), and, apart, the answer key: what framing's slogan, frame
   and sentiment measures say of each unit;
2. the coders fill their columns;
3. :func:`agreement` reads the coded sheet back (a bad code is reported with its file, line and
   column) and gives, per coded variable, Krippendorff's alpha between the coders and the
   measure's precision, recall and F1 (slogans, frames) or Pearson's r (sentiment) against
   the coders' majority, with bootstrap intervals.

:func:`coded_sample_path` is a small sheet of sentences of the bundled sample corpus, coded by
the framing developers for demonstration.

Examples
--------
>>> import framing
>>> from framing.coding import agreement, coded_sample_path, coding_sheet
>>> cs = coding_sheet(framing.load_sample_corpus(), n=40, random_state=0)
>>> table = agreement(coded_sample_path(), cs.key, n_boot=200)
>>> table["measure"].tolist()
['slogan_present', 'slogan_family', 'frame', 'sentiment']
"""

from importlib import resources
from pathlib import Path

from .agreement import (AGREEMENT_COLUMNS, CodingError, agreement, classification_scores, human_majority,
                        krippendorff_alpha, pearson_scores, read_coded_sheet)
from .codes import MEASURES, SENTIMENT_SCALE, Variable, allowed_codes, variables
from .sheet import CodingSheet, coding_sheet, draw_units, stratum_sizes

__all__ = ["AGREEMENT_COLUMNS", "MEASURES", "SENTIMENT_SCALE", "CodingError", "CodingSheet", "Variable",
           "agreement", "allowed_codes", "classification_scores", "coded_sample_path", "coding_sheet",
           "draw_units", "human_majority", "krippendorff_alpha", "pearson_scores", "read_coded_sheet",
           "stratum_sizes", "variables"]


def coded_sample_path() -> Path:
    """The bundled coded sheet: 40 sentences of the sample corpus, coded by the framing developers.

    Drawn by ``coding_sheet(load_sample_corpus(), n=40, random_state=0)`` and coded by two of the
    framing developers reading each sentence, for demonstration only: the developers wrote the
    sample texts and know the lexicons, which no independent coder would.
    """
    return Path(str(resources.files("framing").joinpath("data", "coding", "sample_sentences_coded.csv")))
