"""How far coders agree, and how far framing's measures agree with them.

:func:`agreement` reads a coded sheet back (a bad code stops it with the file, line and column),
computes Krippendorff's alpha between the coders of each variable, and scores the measure's own
output (the answer key) against the coders' majority: precision, recall and F1 for slogans and
frames, Pearson's r for sentiment, each with a bootstrap interval over units.

Examples
--------
>>> import pandas as pd
>>> sheet = pd.DataFrame({"unit_id": ["u1", "u2", "u3", "u4"],
...                       "slogan_present__a": [1, 0, 1, 0], "slogan_present__b": [1, 0, 1, 1]})
>>> key = pd.DataFrame({"unit_id": ["u1", "u2", "u3", "u4"], "slogan_present": [1, 0, 0, 0]})
>>> t = agreement(sheet, key, n_boot=200)
>>> t[["measure", "n_units", "n_coders", "metric", "value", "precision", "recall"]].values.tolist()
[['slogan_present', 4, 2, 'f1', 0.6666666666666666, 1.0, 0.5]]
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from .codes import MIXED_FRAME, NO_FRAME, NO_SLOGAN, Variable, allowed_codes, coder_column, parse_code, variables

__all__ = ["AGREEMENT_COLUMNS", "TIES", "CodingError", "read_coded_sheet", "krippendorff_alpha", "human_majority",
           "classification_scores", "pearson_scores", "agreement"]

AGREEMENT_COLUMNS = ["measure", "n_units", "n_coders", "alpha", "alpha_level", "metric", "value", "ci_low",
                     "ci_high", "precision", "recall", "n_compared"]
TIES = ("drop", "first")


class CodingError(ValueError):
    """A coded sheet or answer key that cannot be read: the message names the file, line and column."""


def _read_csv(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """All cells as strings, and the line each row starts on (a quoted cell may span lines)."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise CodingError(f"{path}: cannot be read ({e.strerror})") from None
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
            if header is None:
                raise CodingError(f"{path}: the file is empty; a coded sheet starts with a header line")
            rows, lines = [], []
            start = reader.line_num + 1
            for rec in reader:
                if any(x.strip() for x in rec):
                    if len(rec) != len(header):
                        raise CodingError(f"{path}, line {start}: {len(rec)} fields where the header has "
                                          f"{len(header)} (an unquoted comma in a cell?)")
                    rows.append(rec)
                    lines.append(start)
                start = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as e:
            raise CodingError(f"{path}, line {reader.line_num}: not a UTF-8 CSV file ({e})") from None
    return pd.DataFrame(rows, columns=[h.strip() for h in header], dtype=object), lines


def read_coded_sheet(sheet) -> tuple[pd.DataFrame, list[str]]:
    """A coded sheet and where each of its rows is, for error messages.

    Parameters
    ----------
    sheet : str, Path or DataFrame
        A sheet written by :func:`~framing.coding.coding_sheet` with the coders'
        columns filled in.

    Returns
    -------
    frame : DataFrame
        The sheet as read (CSV cells as strings).
    where : list of str
        For each row, ``"<file>, line <n>"`` (the 1-based line of the CSV file the
        row starts on) or ``"row <n>"`` of a DataFrame.
    """
    if isinstance(sheet, pd.DataFrame):
        frame, where = sheet.reset_index(drop=True), [f"the coded sheet, row {i}" for i in range(1, len(sheet) + 1)]
        name = "the coded sheet"
    else:
        path = Path(sheet)
        frame, lines = _read_csv(path)
        where, name = [f"{path}, line {n}" for n in lines], str(path)
    if "unit_id" not in frame.columns:
        raise CodingError(f"{name}: no 'unit_id' column (columns: {', '.join(map(str, frame.columns))})")
    ids = frame["unit_id"].astype(str).str.strip()
    dup = ids[ids.duplicated()]
    if len(dup):
        raise CodingError(f"{where[dup.index[0]]}, column 'unit_id': unit {dup.iloc[0]!r} appears twice")
    return frame.assign(unit_id=ids), where


def krippendorff_alpha(codes, level: str = "nominal") -> float:
    """Krippendorff's alpha of a coders x units table of codes, with the ``krippendorff`` package.

    Parameters
    ----------
    codes : array-like, shape (n_coders, n_units)
        Codes as numbers (NaN: not coded) or, for ``level="nominal"``, any hashable
        values (None: not coded).
    level : {"nominal", "ordinal", "interval", "ratio"}

    Returns
    -------
    float
        NaN where alpha is undefined: fewer than two codes on every unit, or one
        value only (no disagreement is possible, so none can be expected).

    Examples
    --------
    >>> krippendorff_alpha([[1, 0, 1, 1], [1, 0, 1, 1]])
    1.0
    """
    import krippendorff

    table = np.asarray(codes, dtype=object)
    if table.ndim != 2:
        raise ValueError(f"codes must be a coders x units table, got shape {table.shape}")
    missing = np.array([[v is None or (isinstance(v, float) and np.isnan(v)) for v in row] for row in table],
                       dtype=bool).reshape(table.shape)
    values = sorted({v for v, m in zip(table.ravel(), missing.ravel()) if not m}, key=str)
    if level == "nominal":
        index = {v: i for i, v in enumerate(values)}
        data = np.array([[np.nan if m else index[v] for v, m in zip(row, mrow)] for row, mrow in zip(table, missing)],
                        dtype=float).reshape(table.shape)
    else:
        data = np.where(missing, np.nan, table).astype(float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    data = data[:, pairable]
    if data.shape[1] == 0 or len(np.unique(data[~np.isnan(data)])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def human_majority(codes, kind: str, ties: str = "drop"):
    """The coders' code of each unit: the most frequent code, or the mean on the sentiment scale.

    Parameters
    ----------
    codes : array-like, shape (n_units, n_coders)
        Parsed codes; None or NaN where a coder left a unit blank.
    kind : {"binary", "nominal", "interval"}
    ties : {"drop", "first"}
        When two codes are equally frequent: ``drop`` gives the unit no majority
        (it is left out of the comparison with the measure, and counted in no
        score), ``first`` takes the code of the first coder (in column order) among
        the tied ones, as an adjudicator would.

    Returns
    -------
    list
        One code per unit, None where there is no code or (``drop``) no majority.

    Examples
    --------
    >>> human_majority([[1, 1, 0], [1, 0, None], [None, None, None]], "binary")
    [1.0, None, None]
    >>> human_majority([[1, 0], [0, 1]], "binary", ties="first")
    [1.0, 0.0]
    >>> human_majority([[-1, 2], [1, None]], "interval")
    [0.5, 1.0]
    """
    if ties not in TIES:
        raise ValueError(f"ties must be one of {TIES}, got {ties!r}")
    out = []
    for row in codes:
        given = [v for v in row if v is not None and not (isinstance(v, float) and np.isnan(v))]
        if not given:
            out.append(None)
        elif kind == "interval":
            out.append(float(np.mean(given)))
        else:
            counts = {v: given.count(v) for v in dict.fromkeys(given)}  # first-seen order: coder order
            top = max(counts.values())
            leaders = [v for v, k in counts.items() if k == top]
            if kind == "binary":
                leaders = [float(v) for v in leaders]
            out.append(leaders[0] if len(leaders) == 1 or ties == "first" else None)
    return out


def _boot_weights(n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """How often each unit is drawn in each bootstrap replicate: shape (n_boot, n)."""
    return rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)


def _prf(weights: np.ndarray, truth: np.ndarray, pred: np.ndarray, labels: list):
    """Macro precision, recall and F1 over ``labels`` for each row of unit weights.

    Hand-written rather than sklearn.metrics.precision_recall_fscore_support so that the
    2,000 bootstrap replicates are one matrix product; the point estimate matches sklearn's
    (``average="macro"``, ``labels`` those present, ``zero_division=0``), checked in the tests.
    A label absent from a replicate (no true, no predicted unit) is left out of its average.
    """
    t = np.stack([truth == lab for lab in labels], axis=1).astype(float)
    p = np.stack([pred == lab for lab in labels], axis=1).astype(float)
    tp, fp, fn = weights @ (t * p), weights @ ((1 - t) * p), weights @ (t * (1 - p))
    present = (tp + fp + fn) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(present, 2 * tp / (2 * tp + fp + fn), 0.0)
        k = present.sum(axis=1)
        return tuple(np.where(k > 0, (m * present).sum(axis=1) / k, np.nan) for m in (precision, recall, f1))


def _interval(boot: np.ndarray, ci: float) -> tuple[float, float]:
    if not np.isfinite(boot).any():
        return float("nan"), float("nan")
    lo, hi = np.nanquantile(boot, [(1 - ci) / 2, 1 - (1 - ci) / 2])
    return float(lo), float(hi)


def classification_scores(truth, pred, *, kind: str = "binary", n_boot: int = 2000, ci: float = 0.95,
                          random_state=0) -> dict:
    """Precision, recall and F1 of ``pred`` (the measure) against ``truth`` (the coders), F1 with a bootstrap CI.

    Parameters
    ----------
    truth, pred : sequence
        One code per unit. Binary codes are 0/1 with 1 the positive class. Nominal
        codes are category ids; precision, recall and F1 are averaged over the
        categories either side uses (macro average), leaving out "none" and
        "mixed": a unit coded "none" and measured as a frame is a false positive of
        that frame, and the other way round a false negative.
    kind : {"binary", "nominal"}
    n_boot, ci, random_state
        Percentile interval of F1 from ``n_boot`` resamples of the units.

    Returns
    -------
    dict
        ``precision, recall, value`` (F1), ``ci_low, ci_high``; NaN where the
        coders and the measure use no positive class or category at all.

    Examples
    --------
    >>> s = classification_scores([1, 1, 0, 0], [1, 0, 0, 1])
    >>> s["precision"], s["recall"], s["value"]
    (0.5, 0.5, 0.5)
    """
    truth, pred = np.asarray(truth, dtype=object), np.asarray(pred, dtype=object)
    if kind == "binary":
        truth, pred = truth.astype(float), pred.astype(float)
        labels = [1.0]
    else:
        labels = sorted((set(truth) | set(pred)) - {NO_FRAME, NO_SLOGAN, MIXED_FRAME}, key=str)
    nan = {"precision": np.nan, "recall": np.nan, "value": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    n = len(truth)
    if n == 0 or not labels:
        return nan
    precision, recall, f1 = (float(x[0]) for x in _prf(np.ones((1, n)), truth, pred, labels))
    if kind == "binary" and not ((truth == 1) | (pred == 1)).any():
        return nan
    boot = _prf(_boot_weights(n, n_boot, np.random.default_rng(random_state)), truth, pred, labels)[2]
    lo, hi = _interval(boot, ci) if n > 1 else (np.nan, np.nan)
    return {"precision": precision, "recall": recall, "value": f1, "ci_low": lo, "ci_high": hi}


def pearson_scores(x, y, *, n_boot: int = 2000, ci: float = 0.95, random_state=0) -> dict:
    """Pearson's r of ``x`` and ``y`` (scipy.stats.pearsonr) with a percentile bootstrap CI over units.

    Returns
    -------
    dict
        ``value, ci_low, ci_high``; NaN with fewer than 3 units or a constant side.

    Examples
    --------
    >>> round(pearson_scores([1, 2, 3, 4], [1, 3, 2, 4])["value"], 3)
    0.8
    """
    from scipy.stats import pearsonr

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    nan = {"value": np.nan, "ci_low": np.nan, "ci_high": np.nan}
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return nan
    r = float(pearsonr(x, y).statistic)
    # the replicates' moments as matrix products, not 2,000 calls of pearsonr
    w = _boot_weights(len(x), n_boot, np.random.default_rng(random_state)) / len(x)
    mx, my = w @ x, w @ y
    cov = w @ (x * y) - mx * my
    with np.errstate(invalid="ignore", divide="ignore"):
        boot = cov / np.sqrt((w @ (x * x) - mx ** 2) * (w @ (y * y) - my ** 2))
    boot[~np.isfinite(boot)] = np.nan
    lo, hi = _interval(np.clip(boot, -1, 1), ci)
    return {"value": r, "ci_low": lo, "ci_high": hi}


def _coders(frame: pd.DataFrame, v: Variable) -> list[str]:
    prefix = coder_column(v, "")
    return [c[len(prefix):] for c in frame.columns if str(c).startswith(prefix) and len(c) > len(prefix)]


def _parsed(frame, where, v: Variable, coders, categories) -> list[list]:
    """Codes of ``v``: one list per unit, one code per coder; a bad code raises a CodingError with its place."""
    out = []
    for i in range(len(frame)):
        row = []
        for c in coders:
            col = coder_column(v, c)
            try:
                row.append(parse_code(v, frame.at[i, col], categories))
            except ValueError as e:
                raise CodingError(f"{where[i]} (unit {frame.at[i, 'unit_id']}), column {col!r}: {e}") from None
        out.append(row)
    return out


def _families_given_presence(family: list[list], present: list[list], frame, where, coders) -> list[list]:
    """A blank family where the coder said 0 is "none"; a family where they said 0, or "none" where 1, is an error."""
    out = []
    for i, (fam, pres) in enumerate(zip(family, present)):
        row = []
        for c, f, p in zip(coders, fam, pres):
            contradiction = (p == 0 and f not in (None, NO_SLOGAN)) or (p == 1 and f == NO_SLOGAN)
            if contradiction:
                raise CodingError(f"{where[i]} (unit {frame.at[i, 'unit_id']}), column "
                                  f"{coder_column('slogan_family', c)!r}: {f!r} contradicts "
                                  f"{coder_column('slogan_present', c)} = {int(p)}")
            row.append(NO_SLOGAN if f is None and p == 0 else f)
        out.append(row)
    return out


def _read_key(key, sheet) -> pd.DataFrame | None:
    if key is None and not isinstance(sheet, pd.DataFrame):
        stem = Path(sheet)
        candidate = stem.with_name(stem.name[:-4] + ".key.csv") if stem.name.endswith(".csv") else None
        key = candidate if candidate is not None and candidate.exists() else None
    if key is None:
        return None
    if isinstance(key, pd.DataFrame):
        frame = key.reset_index(drop=True)
        name = "the key"
    else:
        frame = _read_csv(Path(key))[0]
        name = str(key)
    if "unit_id" not in frame.columns:
        raise CodingError(f"{name}: no 'unit_id' column; an answer key is the <path>.key.csv of coding_sheet")
    frame = frame.assign(unit_id=frame["unit_id"].astype(str).str.strip())
    frame.attrs["name"] = name
    return frame


def _matched_key(frame: pd.DataFrame, where, key: pd.DataFrame) -> pd.DataFrame:
    """The key's row of each unit of the sheet; the same text on both sides where both have one."""
    name = key.attrs.get("name", "the key")
    k = key.drop_duplicates("unit_id").set_index("unit_id")
    missing = [i for i, u in enumerate(frame["unit_id"]) if u not in k.index]
    if missing:
        i = missing[0]
        raise CodingError(f"{where[i]}: unit {frame.at[i, 'unit_id']!r} is not in {name} "
                          f"({len(missing)} unit(s) missing): the key of another sheet?")
    k = k.loc[frame["unit_id"]].reset_index()
    if "text" in frame.columns and "text" in k.columns:
        differs = [i for i in range(len(frame)) if " ".join(str(frame.at[i, "text"]).split())
                   != " ".join(str(k.at[i, "text"]).split())]
        if differs:
            i = differs[0]
            raise CodingError(f"{where[i]}, column 'text': unit {frame.at[i, 'unit_id']!r} has another text in "
                              f"{name} ({len(differs)} unit(s) differ): the sheet and the key were drawn apart")
    return k


def agreement(sheet, key=None, *, n_boot: int = 2000, ci: float = 0.95, random_state=0, ties: str = "drop",
              scheme: str | None = None, frames_path: str | None = None, slogan_lexicon=None,
              sentiment_level: str = "interval") -> pd.DataFrame:
    """Agreement between coders (Krippendorff's alpha) and of each measure with the coders' majority.

    Parameters
    ----------
    sheet : str, Path or DataFrame
        The coded sheet: :func:`~framing.coding.coding_sheet`'s CSV with the columns
        ``<variable>__<coder>`` filled in (1/0 for ``slogan_present``, an id of the
        lists for ``slogan_family`` and ``frame``, -2 to 2 for ``sentiment``; blank:
        not coded). A blank ``slogan_family`` where the coder wrote ``slogan_present``
        0 reads as "none".
    key : str, Path or DataFrame, optional
        The answer key (``<path>.key.csv``). Default: the ``.key.csv`` beside a sheet
        read from ``<path>.csv``, if there is one; without a key only alpha is computed.
    n_boot, ci, random_state
        The percentile bootstrap over units of the measure's score.
    ties : {"drop", "first"}
        A unit whose coders split evenly (see :func:`human_majority`): left out of the
        comparison with the measure (``drop``), or settled by the first coder.
    scheme, frames_path : str, optional
        The frames the ``frame`` codes name: the key's ``frame_scheme``, else "relationship".
    slogan_lexicon : optional
        The slogan lexicon the ``slogan_family`` codes name (default: the packaged one).
    sentiment_level : {"interval", "ordinal"}
        Krippendorff's level of measurement of the -2..2 sentiment codes.

    Returns
    -------
    DataFrame
        One row per coded variable: ``measure`` (the variable: ``slogan_present,
        slogan_family, frame, sentiment``), ``n_units`` (units with a code),
        ``n_coders`` (coders with a code), ``alpha`` (Krippendorff's alpha, NaN
        where undefined), ``alpha_level``, ``metric`` (``f1``: macro-averaged over
        the families or frames for nominal codes; ``pearson_r``: VADER's compound
        against the coders' mean), ``value, ci_low, ci_high`` (the metric and its
        bootstrap interval), ``precision, recall`` (NaN for sentiment),
        ``n_compared`` (units with a majority code and a key value).

    Raises
    ------
    CodingError
        A code that is not one (``"yes"`` for 0/1, a frame not in the lexicon, a
        sentiment outside -2..2), with the file, its 1-based line and the column; a
        unit missing from the key.
    """
    if sentiment_level not in ("interval", "ordinal"):
        raise ValueError(f"sentiment_level must be 'interval' or 'ordinal', got {sentiment_level!r}")
    frame, where = read_coded_sheet(sheet)
    key_frame = _read_key(key, sheet)
    matched = _matched_key(frame, where, key_frame) if key_frame is not None else None
    if scheme is None:
        schemes = key_frame["frame_scheme"].dropna().unique() if key_frame is not None and \
            "frame_scheme" in key_frame.columns else []
        scheme = str(schemes[0]) if len(schemes) else "relationship"
    coded = {v.name: (v, _coders(frame, v)) for v in variables() if _coders(frame, v)}
    if not coded:
        raise CodingError(f"{where[0].rsplit(',', 1)[0] if where else 'the coded sheet'}: no coder columns "
                          "(<variable>__<coder>, e.g. slogan_present__coder1)")
    parsed = {}
    for name, (v, coders) in coded.items():
        parsed[name] = _parsed(frame, where, v, coders, allowed_codes(
            v, scheme=scheme, frames_path=frames_path, slogan_lexicon=slogan_lexicon))
    if "slogan_family" in parsed and "slogan_present" in parsed:
        fam_coders, pres_coders = coded["slogan_family"][1], coded["slogan_present"][1]
        common = [c for c in fam_coders if c in pres_coders]
        present = [[row[pres_coders.index(c)] if c in common else None for c in fam_coders]
                   for row in parsed["slogan_present"]]
        parsed["slogan_family"] = _families_given_presence(parsed["slogan_family"], present, frame, where,
                                                           fam_coders)
    rows = []
    for name, (v, coders) in coded.items():
        codes = parsed[name]
        level = sentiment_level if v.kind == "interval" else v.alpha_level
        has = [any(c is not None for c in row) for row in codes]
        row = {"measure": name, "n_units": int(sum(has)),
               "n_coders": sum(any(r[j] is not None for r in codes) for j in range(len(coders))),
               "alpha": krippendorff_alpha(np.array(codes, dtype=object).T.reshape(len(coders), -1), level),
               "alpha_level": level, "metric": v.metric}
        scores = {"value": np.nan, "ci_low": np.nan, "ci_high": np.nan, "precision": np.nan, "recall": np.nan}
        n_compared = 0
        if matched is not None and v.key in matched.columns:
            majority = human_majority(codes, v.kind, ties)
            measured = matched[v.key].to_numpy(dtype=object)
            ok = [m is not None and not pd.isna(k) and str(k).strip() != "" for m, k in zip(majority, measured)]
            truth = [m for m, o in zip(majority, ok) if o]
            pred = [k for k, o in zip(measured, ok) if o]
            n_compared = len(truth)
            if v.kind == "interval":
                scores.update(pearson_scores(pred, truth, n_boot=n_boot, ci=ci, random_state=random_state))
            else:
                pred = [float(p) for p in pred] if v.kind == "binary" else [str(p).strip().lower() for p in pred]
                scores.update(classification_scores(truth, pred, kind=v.kind, n_boot=n_boot, ci=ci,
                                                    random_state=random_state))
        rows.append({**row, **scores, "n_compared": n_compared})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
