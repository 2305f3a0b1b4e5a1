"""The tables of a :class:`~framing.corpus.Corpus`: their column schemas, typed construction, the
tables derived from the articles (paragraphs, sentences, outlets, summary), articles from a user's
frame, and the Parquet files a saved corpus is.

:class:`~framing.corpus.Corpus` holds the tables and delegates here; every function is a pure
function of DataFrames (``save_tables`` and ``load_tables`` aside, which write and read them).

Examples
--------
>>> arts = articles_from_frame([{"text": "One line.\\n\\nTwo lines."}])
>>> paragraph_table(arts)[["doc_id", "para_id", "text"]].values.tolist()
[['doc#1', 1, 'One line.'], ['doc#1', 2, 'Two lines.']]
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._version import __version__
from .lexicon import host_of
from .published import published_dates
from .text import count_words, glued_boundaries, paragraph_spans, sentence_spans

__all__ = ["ARTICLE_COLUMNS", "USER_PREFIX", "REMOVED_COLUMNS", "LINE_MAP_COLUMNS", "PROBLEM_COLUMNS",
           "PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "typed_frame", "PendingTable", "paragraph_table",
           "sentence_table", "sentence_repair_table", "unknown_outlet_table", "summary_table",
           "articles_from_frame", "save_tables", "load_tables"]

ARTICLE_COLUMNS = [
    "doc_id", "source_file", "kind", "title", "text", "publisher", "original_source", "provenance",
    "source_type", "published", "url", "byline", "n_words",
    # beyond the DESIGN.md contract, in this order
    "original_source_type", "via", "captions", "notes", "line_start", "line_end", "encoding", "format",
    "record_id", "sidecar_notes", "published_precision", "language",
]
# a user's column named like one of these is carried as "user_<name>"
USER_PREFIX = "user_"
_ARTICLE_COLUMN_SET = frozenset(ARTICLE_COLUMNS)
# beyond the DESIGN.md contract: p_main, the line model's probability that the line is main text
# (missing where no model judged it: blank lines, records, HTML, which trafilatura reads)
REMOVED_COLUMNS = ["source_file", "line_no", "text", "reason", "p_main"]
LINE_MAP_COLUMNS = ["source_file", "page", "unit", "line_no", "start", "end", "doc_id", "field", "reason", "p_main"]
PROBLEM_COLUMNS = ["source_file", "problem", "message", "severity", "line_no"]
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "text", "start", "end"]
SENTENCE_COLUMNS = ["doc_id", "para_id", "sent_id", "text", "start", "end"]

_INT_COLUMNS = frozenset(("n_words", "line_start", "line_end", "para_id", "sent_id", "start", "end", "page", "unit"))
_FLOAT_COLUMNS = frozenset(("p_main",))
_TABLE_FILES = ("articles", "removed", "problems")


def _typed(col: str, values: np.ndarray) -> np.ndarray | pd.api.extensions.ExtensionArray:
    if col in _INT_COLUMNS:
        return values.astype("int64")
    if col in _FLOAT_COLUMNS:
        return pd.array([None if v is None else round(float(v), 4) for v in values], dtype="Float64")
    if col == "line_no":
        try:  # line numbers are ints or None: eight times faster than pandas' check of each object
            return pd.array(values.astype("int64"), dtype="Int64")
        except (TypeError, ValueError):
            return pd.array(values, dtype="Int64")
    return pd.array(values, dtype="string")


def typed_frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """A table of the corpus' column types from rows.

    Parameters
    ----------
    rows : list of dict or list of list
        Row dicts, or equal-length row lists in ``columns`` order (items beyond
        the columns are ignored).
    columns : list of str
        The table's columns, e.g. :data:`ARTICLE_COLUMNS`.

    Returns
    -------
    DataFrame
        Counts and offsets as ``int64``, ``line_no`` as ``Int64``, ``p_main``
        as ``Float64`` rounded to 4 places, everything else as ``string``.

    Examples
    --------
    >>> typed_frame([{"doc_id": "a#1", "para_id": 1}], ["doc_id", "para_id"]).dtypes.astype(str).tolist()
    ['string', 'int64']
    """
    if rows and isinstance(rows[0], dict):
        rows = [[r.get(c) for c in columns] for r in rows]
    # one object array, sliced by column: ten times cheaper than per-column lists or zip(*rows)
    table = np.array(rows, dtype=object) if rows else np.empty((0, len(columns)), dtype=object)
    return pd.DataFrame({c: _typed(c, table[:, i]) for i, c in enumerate(columns)})


class PendingTable:
    """Rows kept as lists until the table is first asked for (see :attr:`Corpus.line_map`).

    Parameters
    ----------
    rows : list of list
        Rows in ``columns`` order.
    columns : list of str
        The table's columns.
    """

    __slots__ = ("rows", "columns")

    def __init__(self, rows: list, columns: list[str]):
        self.rows, self.columns = rows, columns

    def build(self) -> pd.DataFrame:
        """The table, typed by :func:`typed_frame`."""
        return typed_frame(self.rows, self.columns)


def paragraph_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs of the articles (:func:`framing.text.paragraph_spans`).

    Returns
    -------
    DataFrame
        ``doc_id, para_id, text, start, end`` (offsets into the article text).
    """
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        for k, (s, e) in enumerate(paragraph_spans(str(text)), start=1):
            rows.append({"doc_id": doc_id, "para_id": k, "text": text[s:e], "start": s, "end": e})
    return typed_frame(rows, PARAGRAPH_COLUMNS)


def sentence_table(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The sentences of the articles' paragraphs (:func:`framing.text.sentence_spans`).

    Returns
    -------
    sentences : DataFrame
        ``doc_id, para_id, sent_id, text, start, end``; ``sent_id`` runs through the
        article, offsets are into the article text.
    glued : dict
        ``{"boundaries": n, "articles": n}``: the sentence boundaries that lost their space
        and were split at, and the articles they are in.

    Examples
    --------
    >>> arts = articles_from_frame([{"text": "Talks ended.Both sides spoke. Then nothing."}])
    >>> sents, glued = sentence_table(arts, paragraph_table(arts))
    >>> sents["text"].tolist(), glued
    (['Talks ended.', 'Both sides spoke.', 'Then nothing.'], {'boundaries': 1, 'articles': 1})
    """
    rows = []
    texts = dict(zip(articles["doc_id"], articles["text"]))
    glued: list[int] = []
    glued_docs: set = set()
    for doc_id, para_id, ps, pe in zip(paragraphs["doc_id"], paragraphs["para_id"],
                                       paragraphs["start"], paragraphs["end"]):
        text = texts[doc_id]
        k = 0
        n_glued = len(glued)
        spans = sentence_spans(text[ps:pe], glued)
        if len(glued) > n_glued:
            glued_docs.add(doc_id)
        for s, e in spans:
            k += 1
            rows.append({"doc_id": doc_id, "para_id": para_id, "sent_id": k,
                         "text": text[ps + s: ps + e], "start": ps + s, "end": ps + e})
    df = typed_frame(rows, SENTENCE_COLUMNS)
    # sentence ids run through the article, not per paragraph
    if len(df):
        df["sent_id"] = df.groupby("doc_id").cumcount().astype("int64") + 1
    return df, {"boundaries": len(glued), "articles": len(glued_docs)}


def sentence_repair_table(articles: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The sentence boundaries that lost their space (:func:`framing.text.glued_boundaries`).

    Returns
    -------
    DataFrame
        ``doc_id``, ``position`` (of the next sentence's first letter in the article
        text) and ``context`` (30 characters either side, within the paragraph).
    """
    rows = []
    texts = dict(zip(articles["doc_id"], articles["text"]))
    for doc_id, ps, pe in zip(paragraphs["doc_id"], paragraphs["start"], paragraphs["end"]):
        text = texts[doc_id]
        for i in glued_boundaries(text[ps:pe]):
            rows.append({"doc_id": doc_id, "position": ps + i,
                         "context": text[max(ps, ps + i - 30):ps + i + 30]})
    return pd.DataFrame(rows, columns=["doc_id", "position", "context"])


def unknown_outlet_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Publishers of articles (not comments) without a source type.

    Returns
    -------
    DataFrame
        ``publisher`` (None: no publisher at all), ``domain`` (the most common URL
        host of its articles), ``documents``, most documents first.
    """
    arts = articles[articles["kind"] == "article"]
    arts = arts[arts["source_type"].isna()]
    rows = []
    for pub, g in arts.groupby(arts["publisher"].astype("object").where(arts["publisher"].notna(), None),
                               dropna=False, sort=False):
        hosts = g["url"].map(host_of).dropna()
        rows.append({"publisher": pub, "domain": hosts.mode().iloc[0] if len(hosts) else None,
                     "documents": len(g)})
    out = pd.DataFrame(rows, columns=["publisher", "domain", "documents"])
    return out.sort_values(["documents", "publisher"], ascending=[False, True], na_position="last",
                           ignore_index=True)


def summary_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per file, kind, publisher, original source and source type (missing as "—").

    Returns
    -------
    DataFrame
        ``source_file, kind, publisher, original_source, source_type, n_docs, n_words``.
    """
    keys = ["source_file", "kind", "publisher", "original_source", "source_type"]
    a = articles[keys + ["n_words"]].astype({k: "object" for k in keys}).fillna({k: "—" for k in keys})
    out = a.groupby(keys, sort=False).agg(n_docs=("n_words", "size"), n_words=("n_words", "sum"))
    return out.reset_index()


def _ids_of(df: pd.DataFrame, doc_id: str | None) -> list[str]:
    """The articles' ids: the ``doc_id`` column's, checked unique, or ``doc#1, doc#2, ...``."""
    if doc_id is None:
        return [f"doc#{i}" for i in range(1, len(df) + 1)]
    if doc_id not in df.columns:
        raise KeyError(f"no id column {doc_id!r} in the data (columns: {', '.join(map(str, df.columns))})")
    ids = df[doc_id].astype(str)
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        rows_of = ", ".join(map(str, dup.index[dup == first][:5]))
        raise ValueError(f"id column {doc_id!r}: {dup.nunique()} value(s) used more than once, e.g. "
                         f"{first!r} in rows {rows_of}; every article needs its own id (or leave doc_id "
                         "out to number the rows doc#1, doc#2, ...)")
    return ids.tolist()


def articles_from_frame(data, *, text: str = "text", doc_id: str | None = None) -> pd.DataFrame:
    """The articles table of :meth:`framing.corpus.Corpus.from_frame` (see there).

    Parameters
    ----------
    data : DataFrame or list of dicts
        One row per article: a text column plus any of the article columns.
    text : str
        Name of the text column.
    doc_id : str, optional
        Column holding stable ids; default ``doc#1, doc#2, ...``.

    Returns
    -------
    DataFrame
        :data:`ARTICLE_COLUMNS`, then the user's own columns with their dtypes
        (one named like an article column as ``user_<name>``).

    Examples
    --------
    >>> articles_from_frame([{"body": "Mutual respect.", "party": "A"}], text="body")[
    ...     ["doc_id", "n_words", "party"]].values.tolist()
    [['doc#1', 2, 'A']]
    """
    df = pd.DataFrame(data).reset_index(drop=True)
    if text not in df.columns:
        raise KeyError(f"no text column {text!r} in the data (columns: {', '.join(map(str, df.columns))})")
    ids = _ids_of(df, doc_id)
    dated = published_dates(df["published"], df.get("published_precision"), ids=ids) \
        if "published" in df.columns else None
    rows = []
    for i, rec in enumerate(df.to_dict("records"), start=1):
        body = "" if pd.isna(rec[text]) else str(rec[text])
        row = {c: rec.get(c) for c in ARTICLE_COLUMNS if c in rec}
        row.update(text=body, doc_id=str(rec[doc_id]) if doc_id else f"doc#{i}", n_words=count_words(body))
        row.setdefault("kind", "article")
        row.setdefault("source_file", "")
        row.setdefault("line_start", 0)
        row.setdefault("line_end", 0)
        row.setdefault("format", "frame")
        rows.append(row)
    for r in rows:
        for c in ARTICLE_COLUMNS:
            v = r.get(c)
            if c in ("published", "published_precision"):
                r[c] = None  # set below, as dates
            elif v is not None and not isinstance(v, str) and c not in ("n_words", "line_start", "line_end"):
                r[c] = None if pd.isna(v) else str(v)
    articles = typed_frame(rows, ARTICLE_COLUMNS)
    if dated is not None:
        articles["published"], articles["published_precision"] = dated[0].to_numpy(), dated[1].array
    # the user's own columns (party, section ...) come along with their dtypes
    own = [c for c in df.columns if c not in _ARTICLE_COLUMN_SET and c not in (text, doc_id)]
    for c in own:
        articles[USER_PREFIX + c if str(c) in _ARTICLE_COLUMN_SET else c] = df[c].to_numpy()
    return articles


def save_tables(directory: str | Path, articles: pd.DataFrame, removed: pd.DataFrame, problems: pd.DataFrame,
                line_map: pd.DataFrame, info: dict) -> Path:
    """Write a corpus' tables as Parquet files plus ``corpus.json`` (``info`` and the framing version).

    Returns
    -------
    Path
        The directory, created if need be.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    for name, table in zip(_TABLE_FILES + ("line_map",), (articles, removed, problems, line_map)):
        table.to_parquet(d / f"{name}.parquet", index=False)
    (d / "corpus.json").write_text(json.dumps({"framing_version": __version__, **info}, indent=2,
                                              sort_keys=True, default=str), encoding="utf-8")
    return d


def load_tables(directory: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Read the tables :func:`save_tables` wrote.

    Returns
    -------
    tuple
        ``articles, removed, problems, line_map, info``; an empty line map and info where
        their files are missing.

    Raises
    ------
    FileNotFoundError
        Naming the directory and the table files it lacks.
    """
    d = Path(directory)
    missing = [f"{n}.parquet" for n in _TABLE_FILES if not (d / f"{n}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"{d}: not a saved corpus (missing {', '.join(missing)})")
    info = json.loads((d / "corpus.json").read_text(encoding="utf-8")) if (d / "corpus.json").exists() else {}
    info.pop("framing_version", None)
    line_map = pd.read_parquet(d / "line_map.parquet") if (d / "line_map.parquet").exists() else \
        typed_frame([], LINE_MAP_COLUMNS)
    articles, removed, problems = (pd.read_parquet(d / f"{n}.parquet") for n in _TABLE_FILES)
    return articles, removed, problems, line_map, info
