"""The report's tables: CSV files byte for byte the same for the same data, and tables as people read them.

:func:`write_csv` writes a table with rows in a fixed order (:data:`SORT_KEYS`, each
table's sort keys as :data:`framing.measures.MEASURES` lists them; :func:`canonical_table`)
and floats in one format (:data:`FLOAT_FORMAT`);
:func:`display_table` gives a table as the HTML report shows it (readable
headers, :data:`COLUMN_LABELS`; one precision per column, :data:`COLUMN_FORMATS`;
intervals as ``[low, high]``, :data:`INTERVAL_COLUMNS`), and
:func:`latex_table` and :func:`formatted_table` the same for a manuscript and a
notebook.

Examples
--------
>>> import pandas as pd
>>> formatted_table(pd.DataFrame({"group": ["a"], "n_docs": [1200]})).to_dict("list")
{'group': ['a'], 'documents': ['1,200']}
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..measures import SORT_KEYS
from ..published import with_published_text
from ..stats import unit_label

__all__ = ["FLOAT_FORMAT", "MAX_REPORT_ROWS", "SORT_KEYS", "canonical_table", "write_csv", "latex_table",
           "formatted_table", "rate_unit", "count_phrase", "COLUMN_LABELS", "INTERVAL_COLUMNS", "COLUMN_FORMATS",
           "format_value", "display_table"]

FLOAT_FORMAT = "%.6g"
MAX_REPORT_ROWS = 40

# ---------------------------------------------------------------- deterministic files

def _sort_key(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        return col
    return col.astype("string")


def canonical_table(table: pd.DataFrame, sort_by: list[str] | None = None) -> pd.DataFrame:
    """Rows in a fixed order (``sort_by`` first, then every other column) with a fresh index.

    A date ``published`` column is written as precisely as it was given (``2025-06`` for a month:
    :func:`framing.published.with_published_text`)."""
    df = with_published_text(table).copy()
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: isinstance(v, (list, tuple, set, dict))).any():
            df[c] = df[c].map(lambda v: json.dumps(sorted(v) if isinstance(v, set) else v, sort_keys=True,
                                                   default=str) if isinstance(v, (list, tuple, set, dict)) else v)
    keys = [c for c in (sort_by or []) if c in df.columns]
    keys += [c for c in df.columns if c not in keys]
    if len(df) and keys:
        df = df.sort_values(keys, kind="mergesort", na_position="last", key=_sort_key)
    return df.reset_index(drop=True)


def write_csv(table: pd.DataFrame, path: str | Path, *, sort_by: list[str] | None = None) -> Path:
    """Write a table as UTF-8 CSV, byte for byte the same for the same data.

    Rows are sorted (:func:`canonical_table`), floats written with ``%.6g``,
    missing values as empty fields, lines end in ``\\n``.
    """
    path = Path(path)
    canonical_table(table, sort_by).to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n",
                                           encoding="utf-8")
    return path


_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in str(text))


def latex_table(table: pd.DataFrame, *, caption: str, label: str, columns: list[str] | None = None,
                top: int | None = 15, file: str | None = None, labels: dict | None = None,
                formats: dict | None = None, ci_format: str = ".2f") -> str:
    r"""A LaTeX table that fits a page: the first ``top`` rows, readable headers, one interval column.

    Headers and number formats are those of the HTML report (one precision
    per column); ``ci_low, ci_high`` become one column ``95% CI`` written
    ``[low, high]`` (``--`` where a group has no interval). The rules are
    ``booktabs``'s (``\toprule``, ``\midrule``, ``\bottomrule``): the
    manuscript needs ``\usepackage{booktabs}``. When rows are left out, the
    caption says how many and names ``file``, where all of them are (write it
    with :func:`write_csv`).

    Parameters
    ----------
    table : DataFrame
        Rows in the order to show.
    caption, label : str
        ``\caption`` (plain text: LaTeX specials are escaped) and ``\label``.
    columns : list of str, optional
        Columns to show, in order (default all).
    top : int or None
        Rows shown; None for all.
    file : str, optional
        The CSV file that holds every row, named in the caption.
    labels, formats : dict, optional
        Headers and Python format specs by column, over the report's.

    Returns
    -------
    str
        ``\begin{table}`` ... ``\end{table}``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["state_media", "newspaper"], "per_1k": [4.2, 0.5],
    ...                   "ci_low": [3.1, 0.1], "ci_high": [5.3, 0.9]})
    >>> print("\n".join(latex_table(t, caption="Rates.", label="tab:rates").splitlines()[7:10]))
    group & per 1,000 words & 95\% CI \\
    \midrule
    state\_media & 4.20 & {[3.10, 5.30]} \\
    """
    shown = display_table(table, columns, max_rows=top if top is not None else len(table) + 1, labels=labels,
                           formats=formats, ci_format=ci_format)
    n, k = len(table), len(shown["rows"])
    if k < n:
        caption = caption.rstrip() + f" The first {k} of {n} rows" + (f"; all of them in {file}." if file else ".")
    align = "".join("r" if num else "l" for num in shown["numeric"])

    def cell(value: str, numeric: bool) -> str:
        if value == "" and numeric:
            return "--"
        text = _latex_escape(value)
        return "{" + text + "}" if text.startswith("[") else text  # "[" after \\ would be read as its option

    lines = ["\\begin{table}[htbp]", "\\centering", "\\small",
             f"\\caption{{{_latex_escape(caption)}}}", f"\\label{{{label}}}",
             f"\\begin{{tabular}}{{{align}}}", "\\toprule",
             " & ".join(_latex_escape(h) for h in shown["columns"]) + " \\\\", "\\midrule"]
    lines += [" & ".join(cell(v, num) for v, num in zip(row, shown["numeric"])) + " \\\\" for row in shown["rows"]]
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}"]
    return "\n".join(lines) + "\n"


def formatted_table(table: pd.DataFrame, columns: list[str] | None = None, *, top: int | None = None,
                    labels: dict | None = None, formats: dict | None = None, ci_format: str = ".2f") -> pd.DataFrame:
    """A table as the report shows it: readable headers, one precision per column, ``[low, high]`` intervals.

    For display in a notebook: the values are strings (an empty one where a
    group has no interval). Arguments as for :func:`latex_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["a", "b"], "per_1k": [4.2, 0.5], "ci_low": [3.1, None], "ci_high": [5.3, None]})
    >>> formatted_table(t).to_dict("list")
    {'group': ['a', 'b'], 'per 1,000 words': ['4.20', '0.50'], '95% CI': ['[3.10, 5.30]', '']}
    """
    shown = display_table(table, columns, max_rows=top if top is not None else len(table) + 1, labels=labels,
                           formats=formats, ci_format=ci_format)
    return pd.DataFrame(shown["rows"], columns=shown["columns"])


def rate_unit(rates: pd.DataFrame) -> float:
    """Words per which a rates table counts: its ``per`` column or ``attrs``, else 1,000 (``per_1k``)."""
    if "per" in rates and len(rates) and pd.notna(rates["per"].iat[0]):
        return rates["per"].iat[0]
    return rates.attrs.get("per", 1000)


def count_phrase(n: int, noun: str) -> str:
    """``"1 comment"``, ``"3 comments"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


#: Readable headers for the columns of framing's tables in the report (the CSV files keep the names).
COLUMN_LABELS = {
    "group": "group", "doc_id": "document", "n_docs": "documents", "n_words": "words", "n_publishers": "publishers",
    "count": "uses", "doc_share": "share of documents", "ci_note": "why no interval", "mean_score": "mean share",
    "share_vs_corpus": "vs corpus average", "share_dominant": "dominant in", "n_sentences": "sentences",
    "compound": "mean tone (-1 to 1)", "size": "paragraphs", "terms": "top terms", "top_terms": "top terms",
    "count_group": "uses in group", "count_rest": "uses elsewhere", "p_adj": "adjusted p", "hits": "hits",
    "similarity": "similarity", "doc_id_a": "document A", "publisher_a": "publisher A", "doc_id_b": "document B",
    "publisher_b": "publisher B", "text_a": "passage", "source": "reprinter", "target": "originator",
    "n_articles": "articles", "n_shared_sentences": "shared sentences", "basis": "evidence",
    "directed": "direction known", "n_recurring": "recurring sentences", "share": "share",
    "affiliation_type": "voice type", "n": "quoted", "total": "all quoted", "top_speakers": "most quoted",
    "source_file": "file", "original_source": "original source", "source_type": "source type",
    "provenance": "provenance cue", "reason": "reason", "lines": "lines", "scheme": "scheme", "voice": "voice",
}
#: Pairs of interval columns shown as one ``[low, high]`` column.
INTERVAL_COLUMNS = {("ci_low", "ci_high"): "95% CI", ("vs_corpus_low", "vs_corpus_high"): "95% CI (vs corpus)"}
#: One format per column (Python format specs; "p": a p-value, three decimals or "<0.001").
COLUMN_FORMATS = {"mean_score": ".2f", "share_vs_corpus": ".2f", "vs_corpus_low": ".2f", "vs_corpus_high": ".2f",
                  "share_dominant": ".0%", "doc_share": ".0%", "compound": "+.2f", "share": ".0%",
                  "similarity": ".2f", "z": ".1f", "p_adj": "p", "share_of_frame_hits": ".0%"}


_RATE_COLUMN = re.compile(r"per_(\d+(?:\.\d+)?)([km]?)")


def _auto_format(col: pd.Series) -> str:
    """One format for a whole column: thousands for integers, else decimals fitted to its largest value."""
    if pd.api.types.is_bool_dtype(col):
        return "bool"
    if pd.api.types.is_integer_dtype(col):
        return ",.0f"
    if not pd.api.types.is_numeric_dtype(col):
        return "str"
    v = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    v = v[np.isfinite(v)]
    if not len(v) or np.all(v == np.round(v)):
        return ",.0f"
    top = float(np.max(np.abs(v)))
    return ",.1f" if top >= 100 else ".2f" if top >= 1 else ".3f"


def format_value(value, spec: str) -> str:
    """One cell as text: ``spec`` a Python format spec, or "bool", "str", "p"; empty where missing."""
    if value is None or value is pd.NA or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(map(str, value))
    if spec == "bool" or isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if spec == "str" or isinstance(value, str):
        return str(value)
    if spec == "p":
        return "<0.001" if float(value) < 0.001 else f"{float(value):.3f}"
    try:
        return format(float(value) if "f" in spec or "%" in spec else value, spec)
    except (TypeError, ValueError):
        return str(value)


def display_table(df: pd.DataFrame, columns: list[str] | None = None, *, sort_by=None, ascending=True,
                   max_rows: int = MAX_REPORT_ROWS, file: str | None = None, caption: str = "",
                   labels: dict | None = None, formats: dict | None = None, ci_format: str = ".2f",
                   hide_zero: list[str] | None = None) -> dict:
    """A table for the report: readable headers, one format per column, ``[low, high]`` intervals.

    ``hide_zero`` names columns: a row that is 0 in all of them is left out
    (the note says how many); every row stays in ``file``.
    """
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    if sort_by:  # tables from modules still in flux may lack a column: sort on those present
        asc = ascending if isinstance(ascending, list) else [ascending] * len(sort_by)
        keys = [(c, a) for c, a in zip(sort_by, asc) if c in df.columns]
        if keys:
            df = df.sort_values([c for c, _ in keys], ascending=[a for _, a in keys], kind="mergesort")
    d = df[cols]
    hidden = 0
    zero_cols = [c for c in (hide_zero or []) if c in d.columns]
    if zero_cols and len(d):
        values = d[zero_cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        zero = (values == 0).all(axis=1)
        hidden = int(zero.sum())
        d = d[~zero]
    shown = d.head(max_rows)
    names = {**COLUMN_LABELS, **(labels or {})}
    specs = {**COLUMN_FORMATS, **(formats or {})}
    headers, columns_out, numeric = [], [], []
    paired = {hi: lo for lo, hi in INTERVAL_COLUMNS}
    for c in cols:
        if c in paired and paired[c] in cols:
            continue  # shown with its lower bound
        pair = next(((lo, hi) for lo, hi in INTERVAL_COLUMNS if lo == c and hi in cols), None)
        if pair:
            spec = specs.get(c, ci_format)
            lo, hi = shown[pair[0]].tolist(), shown[pair[1]].tolist()
            columns_out.append([f"[{format_value(a, spec)}, {format_value(b, spec)}]" if format_value(a, spec) and format_value(b, spec) else ""
                                for a, b in zip(lo, hi)])
            headers.append(names.get(INTERVAL_COLUMNS[pair], INTERVAL_COLUMNS[pair]))
            numeric.append(True)
            continue
        per = _RATE_COLUMN.fullmatch(str(c))
        if per and c not in names:  # per_1k -> "per 1,000 words": the header states the unit
            names[c] = unit_label(float(per.group(1)) * {"": 1, "k": 1e3, "m": 1e6}[per.group(2)])
            specs.setdefault(c, ".2f")
        spec = specs.get(c) or _auto_format(d[c])
        columns_out.append([format_value(v, spec) for v in shown[c].tolist()])
        headers.append(names.get(c, str(c).replace("_", " ")))
        numeric.append(spec not in ("str", "bool"))
    rows = [list(r) for r in zip(*columns_out)] if columns_out else []
    total = len(d)
    note = f"first {len(shown)} of {total} rows" if total > len(shown) else f"{count_phrase(total, 'row')}"
    if hidden:
        note += f" ({count_phrase(hidden, 'row')} that {'is' if hidden == 1 else 'are'} 0 throughout not shown)"
    if file:
        note += f"; every row in {file}"
    return {"columns": headers, "rows": rows, "numeric": numeric, "caption": caption, "note": note}
