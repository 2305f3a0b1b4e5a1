"""Coding sheets: a stratified sample of sentences or articles for human coders, and the answer key.

:func:`coding_sheet` draws the sample, computes what framing's own measures say of each unit
(the answer key, kept out of the coders' sheet) and writes three files: the sheet as CSV with a
blank column per coded variable and coder, the same sheet as HTML a coder can print, and the key.

Examples
--------
>>> import framing
>>> from framing.coding import coding_sheet
>>> cs = coding_sheet(framing.load_sample_corpus(), n=6, random_state=1)
>>> cs.sheet.columns[:6].tolist()
['unit_id', 'doc_id', 'sent_id', 'stratum', 'text', 'slogan_present__coder1']
>>> "vader_compound" in cs.sheet.columns, "vader_compound" in cs.key.columns
(False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..frames import dominant_frames, frame_scores, load_frames
from ..sentiment import score_text, sentiment_scores
from ..slogans import slogan_matches
from ..slogans.matches import lexicon_of
from ..text import count_words
from .codes import MEASURES, NO_FRAME, NO_SLOGAN, SENTIMENT_SCALE, allowed_codes, coder_column, variables

__all__ = ["ALLOCATIONS", "UNITS", "CodingSheet", "stratum_sizes", "draw_units", "answer_key", "coding_sheet",
           "sheet_html", "coder_names"]

ALLOCATIONS = ("equal", "proportional")
UNITS = ("sentence", "article")
SENTENCE_MIN_WORDS = 5  # shorter "sentences" are mostly headings and datelines, not statements to code


@dataclass(frozen=True)
class CodingSheet:
    """A drawn coding sheet and its answer key.

    Attributes
    ----------
    sheet : DataFrame
        What the coders see, one row per unit: ``unit_id, doc_id`` (``sent_id`` for
        sentences), ``stratum, text``, then a blank column ``<variable>__<coder>``
        per coded variable and coder (e.g. ``slogan_present__coder1``).
    key : DataFrame
        The measures' own output for each unit, not shown to coders: ``unit_id, doc_id``
        (``sent_id``), ``stratum, text``, then by measure ``slogan_present`` (1/0),
        ``slogan_family`` (the first family used, or "none"), ``slogan_families`` (all
        families used, ``;``-separated); ``frame`` (the dominant frame, "mixed" or
        "none") and ``frame_scheme``; ``vader_compound``.
    unit : {"sentence", "article"}
    measures : tuple of str
    coders : tuple of str
    scheme : str
        The frame scheme of the ``frame`` codes.
    files : tuple of Path
        ``<path>.csv``, ``<path>.html`` and ``<path>.key.csv`` when written.
    """

    sheet: pd.DataFrame
    key: pd.DataFrame
    unit: str
    measures: tuple
    coders: tuple
    scheme: str = "relationship"
    files: tuple = field(default=())


def coder_names(coders) -> tuple[str, ...]:
    """``coder1, coder2, ...`` for a number, or the names given (letters, digits and single underscores)."""
    if isinstance(coders, (int, np.integer)):
        if coders < 1:
            raise ValueError(f"coders must be at least 1, got {coders}")
        return tuple(f"coder{i}" for i in range(1, int(coders) + 1))
    names = tuple(str(c) for c in coders)
    bad = [c for c in names if not re.fullmatch(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*", c)]
    if bad or len(set(names)) != len(names) or not names:
        raise ValueError(f"coder names must be distinct words of letters and digits (no '__'), got {list(names)}")
    return names


def stratum_sizes(sizes: dict, n: int, allocation: str = "equal") -> dict:
    """How many units to draw from each stratum.

    Parameters
    ----------
    sizes : dict
        Units available per stratum.
    n : int
        Units to draw in all (all of them when there are fewer).
    allocation : {"equal", "proportional"}
        ``equal``: the same number from every stratum, a stratum with fewer units
        giving all it has and the rest going to the others (so that small outlet
        types are read as closely as large ones); ``proportional``: in proportion to the
        stratum's size, rounded by largest remainder (Hamilton's method).

    Returns
    -------
    dict
        Units per stratum, summing to ``min(n, sum(sizes))``; on a tie the larger
        stratum, then the first in sorted order, gets the extra unit.

    Examples
    --------
    >>> stratum_sizes({"a": 2, "b": 10, "c": 10}, 10)
    {'a': 2, 'b': 4, 'c': 4}
    >>> stratum_sizes({"a": 2, "b": 10, "c": 8}, 10, "proportional")
    {'a': 1, 'b': 5, 'c': 4}
    """
    if allocation not in ALLOCATIONS:
        raise ValueError(f"allocation must be one of {ALLOCATIONS}, got {allocation!r}")
    total = sum(sizes.values())
    n = min(int(n), total)
    order = sorted(sizes, key=lambda s: (-sizes[s], str(s)))
    out = {s: 0 for s in sizes}
    if allocation == "proportional":
        quota = {s: n * sizes[s] / total for s in sizes} if total else {}
        out.update({s: int(np.floor(q)) for s, q in quota.items()})
        rest = n - sum(out.values())
        for s in sorted(order, key=lambda s: -(quota[s] - out[s]))[:rest]:  # stable: ties keep `order`
            out[s] += 1
        return out
    left = n
    while left:
        open_ = [s for s in order if out[s] < sizes[s]]
        share = max(left // len(open_), 1)
        for s in open_:
            give = min(share, sizes[s] - out[s], left)
            out[s] += give
            left -= give
            if not left:
                break
    return out


def draw_units(corpus, n: int = 100, *, unit: str = "sentence", stratify: str | None = "source_type",
               allocation: str = "equal", min_words: int | None = None, random_state=0) -> pd.DataFrame:
    """A stratified random sample of a corpus' sentences or articles, in random order.

    Parameters
    ----------
    corpus : Corpus
    n : int
        Units to draw.
    unit : {"sentence", "article"}
        Sentences as :attr:`Corpus.sentences` splits them (:func:`framing.text.sentence_spans`).
    stratify : str or None
        The article column whose values are the strata (missing: "unknown"); None for
        a simple random sample.
    allocation : {"equal", "proportional"}
        See :func:`stratum_sizes`.
    min_words : int, optional
        Units with fewer words are not drawn: 5 for sentences (headings, datelines), 1 for
        articles.
    random_state : int or Generator

    Returns
    -------
    DataFrame
        ``unit_id`` (``u001, u002, ...`` in sheet order), ``doc_id``, ``sent_id`` (sentences
        only), ``stratum, text``.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    a = corpus.articles
    if stratify is not None and stratify not in a.columns:
        raise KeyError(f"stratify: no article column {stratify!r} (columns: {', '.join(map(str, a.columns))})")
    strata = (a[stratify].astype("object").where(a[stratify].notna(), "unknown").astype(str)
              if stratify is not None else pd.Series("all", index=a.index))
    stratum_of = dict(zip(a["doc_id"], strata))
    if unit == "sentence":
        units = corpus.sentences[["doc_id", "sent_id", "text"]]
        floor = SENTENCE_MIN_WORDS if min_words is None else min_words
    else:
        units = a[["doc_id", "text"]]
        floor = 1 if min_words is None else min_words
    units = units.assign(text=units["text"].astype(str).str.strip()).reset_index(drop=True)
    units = units[[count_words(t) >= floor for t in units["text"]]].reset_index(drop=True)
    units.insert(units.columns.get_loc("text"), "stratum", units["doc_id"].map(stratum_of).astype(str))
    rng = np.random.default_rng(random_state)
    groups = {s: g.index.to_numpy() for s, g in units.groupby("stratum", sort=True)}
    sizes = stratum_sizes({s: len(ix) for s, ix in groups.items()}, n, allocation)
    picked = np.concatenate([rng.choice(groups[s], size=k, replace=False) for s, k in sizes.items()]
                            or [np.array([], dtype=int)])
    out = units.loc[rng.permutation(picked)].reset_index(drop=True)
    width = max(3, len(str(len(out))))
    out.insert(0, "unit_id", [f"u{i:0{width}d}" for i in range(1, len(out) + 1)])
    return out.astype({"doc_id": "object", "text": "object"})


def _subset(corpus, doc_ids) -> Corpus:
    a = corpus.articles
    return Corpus(a[a["doc_id"].isin(set(doc_ids))].reset_index(drop=True), corpus.removed, corpus.problems,
                  info=dict(corpus.info))


def _slogan_key(corpus, units: pd.DataFrame, unit: str, lexicon) -> pd.DataFrame:
    m = slogan_matches(_subset(corpus, units["doc_id"]), lexicon, uncounted=True)
    # a phrase inside an organisation's name is no use of the slogan; one in a repeated passage is
    m = m[~m["in_name"]].sort_values(["doc_id", "start"], kind="stable")
    if unit == "sentence":
        s = corpus.sentences
        s = s[s["doc_id"].isin(set(units["doc_id"]))]
        bounds = {d: (g["start"].to_numpy(), g["sent_id"].to_numpy()) for d, g in s.groupby("doc_id", sort=False)}
        m = m.assign(unit_sent=[bounds[d][1][np.searchsorted(bounds[d][0], p, side="right") - 1]
                                for d, p in zip(m["doc_id"], m["start"])])
        keys = list(zip(units["doc_id"], units["sent_id"]))
        by = ["doc_id", "unit_sent"]
    else:
        keys = list(units["doc_id"])
        by = "doc_id"
    families = {k: list(dict.fromkeys(g["family"])) for k, g in m.groupby(by, sort=False)}
    used = [families.get(k, []) for k in keys]
    return pd.DataFrame({"slogan_present": [int(bool(f)) for f in used],
                         "slogan_family": [f[0] if f else NO_SLOGAN for f in used],
                         "slogan_families": [";".join(f) for f in used]})


def _frame_key(corpus, units: pd.DataFrame, unit: str, scheme: str, frames_path) -> pd.DataFrame:
    if unit == "sentence":
        # one cue word is all the evidence a sentence has: the article rule's two hits would leave most "mixed"
        c = Corpus.from_frame(units[["unit_id", "text"]], doc_id="unit_id")
        dom = dominant_frames(frame_scores(c, scheme, path=frames_path, min_hits=1), min_hits=1)
        ids = units["unit_id"]
    else:
        dom = dominant_frames(frame_scores(_subset(corpus, units["doc_id"]), scheme, path=frames_path))
        ids = units["doc_id"]
    frame = dom.set_index("doc_id")["dominant"].reindex(ids).fillna(NO_FRAME).to_numpy()
    return pd.DataFrame({"frame": frame, "frame_scheme": scheme})


def _sentiment_key(corpus, units: pd.DataFrame, unit: str) -> pd.DataFrame:
    if unit == "sentence":
        compound = [score_text(t)["compound"] for t in units["text"]]
    else:
        s = sentiment_scores(_subset(corpus, units["doc_id"]), level="article").set_index("doc_id")
        compound = s["compound"].reindex(units["doc_id"]).to_numpy()
    return pd.DataFrame({"vader_compound": np.asarray(compound, dtype=float)})


def answer_key(corpus, units: pd.DataFrame, measures=MEASURES, *, unit: str = "sentence",
               scheme: str = "relationship", frames_path: str | None = None, slogan_lexicon=None) -> pd.DataFrame:
    """What framing's measures say of each drawn unit (the columns of :attr:`CodingSheet.key`).

    Slogans: :func:`framing.slogans.slogan_matches` on the unit's article, a match
    inside an organisation's name left out, each match placed in its sentence by
    its offset. Frames: :func:`framing.frames.dominant_frames` of
    :func:`framing.frames.frame_scores` (dictionary), on the article, or on the
    sentence alone with one hit enough for a dominant frame. Sentiment: VADER's
    compound score of the sentence, or the mean over the article's sentences
    (:func:`framing.sentiment.sentiment_scores`).
    """
    units = units.reset_index(drop=True)
    parts = [units]
    measures = [v.measure for v in variables(measures)]
    if "slogans" in measures:
        parts.append(_slogan_key(corpus, units, unit, slogan_lexicon))
    if "frames" in measures:
        parts.append(_frame_key(corpus, units, unit, scheme, frames_path))
    if "sentiment" in measures:
        parts.append(_sentiment_key(corpus, units, unit))
    return pd.concat(parts, axis=1)


def sheet_html(cs: CodingSheet, *, slogan_lexicon=None, frames_path: str | None = None) -> str:
    """The coders' sheet as a printable HTML page: instructions, each unit's text with the codes to fill
    (no outlet, stratum or answer key: they could colour the codes), then the lists of slogan families
    and frames the codes name."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("framing", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined)
    vs = variables(cs.measures)

    notes = {}  # what helps a coder recognise a code: a family's phrases, a frame's description
    if "slogans" in cs.measures:
        notes.update({f.id.lower(): "; ".join(f.phrases[:4]) for f in lexicon_of(slogan_lexicon).families})
    if "frames" in cs.measures:
        notes.update({f.id.lower(): f.description for f in load_frames(cs.scheme, frames_path)})
    lists = []
    for v in vs:
        codes = allowed_codes(v, scheme=cs.scheme, frames_path=frames_path, slogan_lexicon=slogan_lexicon)
        if codes:
            lists.append({"name": v.name, "codes": [(c, label, notes.get(c, "")) for c, label in codes.items()]})
    scale = [f"{p:+d}" if p else "0" for p in SENTIMENT_SCALE]
    return env.get_template("coding_sheet.html.j2").render(
        units=cs.sheet[["unit_id", "text"]].to_dict("records"), variables=vs, lists=lists, scale=scale,
        unit=cs.unit, n=len(cs.sheet))


def coding_sheet(corpus, measures=MEASURES, *, n: int = 100, unit: str = "sentence",
                 stratify: str | None = "source_type", allocation: str = "equal", random_state=0,
                 path: str | Path | None = None, coders=2, scheme: str = "relationship",
                 frames_path: str | None = None, slogan_lexicon=None, min_words: int | None = None) -> CodingSheet:
    """Draw a sample of sentences or articles for human coders, with framing's answers kept apart.

    Parameters
    ----------
    corpus : Corpus
    measures : sequence of {"slogans", "frames", "sentiment"}
        What the coders code: slogans (``slogan_present`` 1/0 and ``slogan_family``),
        frames (``frame``: a frame id, "mixed" or "none") and sentiment
        (``sentiment``: -2 to +2).
    n : int, default 100
        Units to draw.
    unit : {"sentence", "article"}
    stratify : str or None, default "source_type"
        Article column whose values are the strata.
    allocation : {"equal", "proportional"}, default "equal"
        Units per stratum (:func:`stratum_sizes`): equal over-samples small outlet
        types, so that each is checked; proportional mirrors the corpus.
    random_state : int or Generator
        The same seed draws the same units in the same order.
    path : str or Path, optional
        Where to write ``<path>.csv`` (the sheet), ``<path>.html`` (the same sheet
        to print, with instructions and the code lists) and ``<path>.key.csv``
        (the answer key; not for the coders).
    coders : int or sequence of str, default 2
        How many coders (``coder1, coder2``), or their names.
    scheme, frames_path : str
        The frame scheme (and optional user frames YAML) of the frame codes.
    slogan_lexicon : SloganLexicon, path, dict or list, optional
        The slogan lexicon (default: the packaged one).
    min_words : int, optional
        See :func:`draw_units`.

    Returns
    -------
    CodingSheet
        ``.sheet`` (what the coders fill), ``.key`` (the measures' output per unit)
        and ``.files`` (the written files).

    See Also
    --------
    framing.coding.agreement : reads the coded sheet back and scores coders and measures.

    Examples
    --------
    >>> import framing
    >>> cs = coding_sheet(framing.load_sample_corpus(), ["sentiment"], n=4, coders=["ann", "bo"])
    >>> cs.sheet.columns[-2:].tolist()
    ['sentiment__ann', 'sentiment__bo']
    """
    measures = tuple(dict.fromkeys([measures] if isinstance(measures, str) else measures))
    vs = variables(measures)
    names = coder_names(coders)
    units = draw_units(corpus, n, unit=unit, stratify=stratify, allocation=allocation, min_words=min_words,
                       random_state=random_state)
    key = answer_key(corpus, units, measures, unit=unit, scheme=scheme, frames_path=frames_path,
                     slogan_lexicon=slogan_lexicon)
    sheet = units.copy()
    for v in vs:
        for c in names:
            sheet[coder_column(v, c)] = pd.Series([""] * len(sheet), dtype="object")
    cs = CodingSheet(sheet, key, unit, measures, names, scheme)
    if path is None:
        return cs
    stem = Path(path)
    stem = stem.with_suffix("") if stem.suffix.lower() == ".csv" else stem
    stem.parent.mkdir(parents=True, exist_ok=True)
    files = (stem.with_name(stem.name + ".csv"), stem.with_name(stem.name + ".html"),
             stem.with_name(stem.name + ".key.csv"))
    sheet.to_csv(files[0], index=False, encoding="utf-8")
    files[1].write_text(sheet_html(cs, slogan_lexicon=slogan_lexicon, frames_path=frames_path), encoding="utf-8")
    key.to_csv(files[2], index=False, encoding="utf-8")
    return CodingSheet(sheet, key, unit, measures, names, scheme, files)
