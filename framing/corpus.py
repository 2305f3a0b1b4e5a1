"""The Corpus: clean articles with provenance, and an audit of everything removed.

This module holds the :class:`Corpus` container and the column schemas of its
tables; :func:`framing.read_corpus` (:mod:`framing.ingest.pipeline`) turns
pages on disk into a Corpus, and every later step of framing is a pure
function of one.

Examples
--------
>>> import framing
>>> corpus = framing.load_sample_corpus()
>>> corpus.articles[["doc_id", "publisher", "original_source"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from ._version import __version__
from .lexicon import host_of
from .published import dated_articles, published_dates
from .text import count_words, paragraph_spans, sentence_spans

__all__ = ["ARTICLE_COLUMNS", "USER_PREFIX", "REMOVED_COLUMNS", "LINE_MAP_COLUMNS", "PROBLEM_COLUMNS",
           "PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "CorpusError", "typed_frame", "PendingTable", "Corpus",
           "read_corpus", "sample_corpus_path", "load_sample_corpus"]

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


class CorpusError(ValueError):
    """Raised by ``read_corpus(..., strict=True)``; lists every problem."""


_INT_COLUMNS = frozenset(("n_words", "line_start", "line_end", "para_id", "sent_id", "start", "end", "page", "unit"))
_FLOAT_COLUMNS = frozenset(("p_main",))


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


@dataclass(frozen=True)
class Corpus:
    """An immutable collection of articles with their audit trail.

    Attributes
    ----------
    articles : DataFrame
        One row per article or comment: ``doc_id, source_file, kind
        (article|comment), title, text, publisher, original_source, provenance,
        source_type, published, url, byline, n_words``, then
        ``original_source_type`` (type of the original source), ``via`` (the
        aggregator page an item was found on, when the item names its own
        outlet), ``captions`` and ``notes`` (set aside from the body),
        ``line_start, line_end`` (input lines spanned), ``encoding, format,
        record_id, sidecar_notes, published_precision, language``, then the
        user's own columns of record files and sidecars (``party``,
        ``section`` ...), as text; one named like an article column comes as
        ``user_<name>``. ``published`` is a ``datetime64[ns]`` date, the
        first instant of the day, month or year that ``published_precision``
        names (a page dated "2025-06" is June, stored as 2025-06-01; see
        :mod:`framing.published`); CSV tables write it as precise as it was
        given (``2025-06``).
    removed : DataFrame
        Every input line (or part of a line) that is not in an article field:
        ``source_file, line_no, text, reason``.
    problems : DataFrame
        Files or records that could not be read as given: ``source_file,
        problem, message, severity (error|warning), line_no``.
    paragraphs : DataFrame
        ``doc_id, para_id, text, start, end`` (offsets into the article text).
    sentences : DataFrame
        ``doc_id, para_id, sent_id, text, start, end`` (offsets into the article text).

    line_map : DataFrame
        Where every part of every input line went; see :attr:`line_map`.

    Every table is returned as a new DataFrame, so changing it leaves the
    corpus as it was.
    """

    _articles: pd.DataFrame
    _removed: pd.DataFrame
    _problems: pd.DataFrame
    _line_map: pd.DataFrame = field(default_factory=lambda: typed_frame([], LINE_MAP_COLUMNS))
    info: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        # every corpus, however built (read_corpus, from_frame, load, a measure's subset), holds its
        # publication dates as dates; a table that has them so already is kept as it is
        object.__setattr__(self, "_articles", dated_articles(self._articles))

    @property
    def articles(self) -> pd.DataFrame:
        return self._articles.copy(deep=False)

    @property
    def removed(self) -> pd.DataFrame:
        return self._removed.copy(deep=False)

    @property
    def problems(self) -> pd.DataFrame:
        return self._problems.copy(deep=False)

    @property
    def line_map(self) -> pd.DataFrame:
        """Where every part of every input line went (the ingestion audit).

        One row per span of an input unit (a text line, an HTML block, a line of
        a record's text): ``source_file, page`` (record number within the file,
        0 for page files), ``unit`` (0-based line or block index), ``line_no``,
        ``start, end`` (character offsets in the unit), ``doc_id`` and
        ``field`` (title, text, caption, note, byline, comment) for kept spans,
        or ``reason`` for removed ones.

        :func:`read_corpus` builds this table on first use: it has a row for
        every span of every input line, and most analyses never read it.
        """
        return self._line_map_frame().copy(deep=False)

    def _line_map_frame(self) -> pd.DataFrame:
        if isinstance(self._line_map, PendingTable):
            object.__setattr__(self, "_line_map", self._line_map.build())
        return self._line_map

    @cached_property
    def _paragraphs(self) -> pd.DataFrame:
        rows = []
        for doc_id, text in zip(self._articles["doc_id"], self._articles["text"]):
            for k, (s, e) in enumerate(paragraph_spans(str(text)), start=1):
                rows.append({"doc_id": doc_id, "para_id": k, "text": text[s:e], "start": s, "end": e})
        return typed_frame(rows, PARAGRAPH_COLUMNS)

    @property
    def paragraphs(self) -> pd.DataFrame:
        return self._paragraphs.copy(deep=False)

    @cached_property
    def _sentences(self) -> pd.DataFrame:
        rows = []
        texts = dict(zip(self._articles["doc_id"], self._articles["text"]))
        glued: list[int] = []
        glued_docs: set = set()
        for doc_id, para_id, ps, pe in zip(self._paragraphs["doc_id"], self._paragraphs["para_id"],
                                           self._paragraphs["start"], self._paragraphs["end"]):
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
        self.info["glued_sentence_boundaries"] = {"boundaries": len(glued), "articles": len(glued_docs)}
        return df

    def sentence_repairs(self) -> pd.DataFrame:
        """The sentence boundaries that lost their space ("areas.China") and that
        :attr:`sentences` splits at (:func:`framing.text.glued_boundaries`): ``doc_id``,
        ``position`` (of the next sentence's first letter in the article text) and
        ``context``. Their number is in ``info["glued_sentence_boundaries"]`` once
        :attr:`sentences` has been built.
        """
        from .text import glued_boundaries

        rows = []
        texts = dict(zip(self._articles["doc_id"], self._articles["text"]))
        for doc_id, ps, pe in zip(self._paragraphs["doc_id"], self._paragraphs["start"], self._paragraphs["end"]):
            text = texts[doc_id]
            for i in glued_boundaries(text[ps:pe]):
                rows.append({"doc_id": doc_id, "position": ps + i,
                             "context": text[max(ps, ps + i - 30):ps + i + 30]})
        return pd.DataFrame(rows, columns=["doc_id", "position", "context"])

    @property
    def sentences(self) -> pd.DataFrame:
        return self._sentences.copy(deep=False)

    def __len__(self) -> int:
        return len(self._articles)

    def __repr__(self) -> str:
        n_art = int((self._articles["kind"] == "article").sum()) if len(self._articles) else 0
        return (f"<Corpus: {n_art} articles, {len(self._articles) - n_art} comments from "
                f"{self._articles['source_file'].nunique()} files; {len(self._removed)} removed lines, "
                f"{len(self._problems)} problems>")

    def unknown_outlets(self) -> pd.DataFrame:
        """Publishers of articles that have no source type: what ``lexicons/outlets.yaml`` (or
        your ``outlets=`` files) does not know. A comparison by source type leaves these
        articles out; ``framing outlets suggest`` writes a stub to fill in.

        Returns
        -------
        DataFrame
            ``publisher`` (None: no publisher at all), ``domain`` (the most common URL
            host of its articles), ``documents``, most documents first.

        Examples
        --------
        >>> Corpus.from_frame([{"text": "Talks went well.", "publisher": "Steppe Daily",
        ...                     "url": "https://www.steppedaily.kz/a"}]).unknown_outlets().to_dict("records")
        [{'publisher': 'Steppe Daily', 'domain': 'steppedaily.kz', 'documents': 1}]
        """
        arts = self._articles[self._articles["kind"] == "article"]
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

    def summary(self) -> pd.DataFrame:
        """Articles per file, publisher, original source and source type.

        Returns
        -------
        DataFrame
            ``source_file, kind, publisher, original_source, source_type, n_docs, n_words``.
        """
        keys = ["source_file", "kind", "publisher", "original_source", "source_type"]
        a = self._articles[keys + ["n_words"]].astype({k: "object" for k in keys}).fillna({k: "—" for k in keys})
        out = a.groupby(keys, sort=False).agg(n_docs=("n_words", "size"), n_words=("n_words", "sum"))
        return out.reset_index()

    @classmethod
    def from_frame(cls, data, *, text: str = "text", doc_id: str | None = None) -> "Corpus":
        """A corpus from already clean texts (no cleaning or segmentation).

        Parameters
        ----------
        data : DataFrame or list of dicts
            One row per article: a text column plus any of the article columns
            (``title, publisher, original_source, source_type, published, ...``).
        text : str
            Name of the text column.
        doc_id : str, optional
            Column holding stable ids; default ``doc#1, doc#2, ...``.

        Other columns (``party``, ``section`` ...) are kept as columns of the
        articles, with their dtypes, so that any of them can group a measure
        (``by="party"``).

        ``published`` may hold ISO text (``"2025-06-17"``, ``"2025-06"``,
        ``"2025"``), other written dates, or ``datetime`` values, with an
        optional ``published_precision`` column; it becomes a date column
        (:func:`framing.published.published_dates`), and a value that is no
        date raises a ValueError naming the column, the value and the row.

        Examples
        --------
        >>> c = Corpus.from_frame([{"text": "Mutual respect.", "source_type": "state_media"}])
        >>> c.articles[["doc_id", "n_words"]].values.tolist()
        [['doc#1', 2]]
        """
        df = pd.DataFrame(data).reset_index(drop=True)
        if text not in df.columns:
            raise KeyError(f"no text column {text!r} in the data (columns: {', '.join(map(str, df.columns))})")
        if doc_id is not None:
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
        ids = df[doc_id].astype(str).tolist() if doc_id else [f"doc#{i}" for i in range(1, len(df) + 1)]
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
        return cls(articles, typed_frame([], REMOVED_COLUMNS), typed_frame([], PROBLEM_COLUMNS),
                   typed_frame([], LINE_MAP_COLUMNS), {"inputs": "from_frame"})

    def save(self, directory: str | Path) -> Path:
        """Write the corpus as Parquet tables plus ``corpus.json``; lossless with :meth:`load`."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        self._articles.to_parquet(d / "articles.parquet", index=False)
        self._removed.to_parquet(d / "removed.parquet", index=False)
        self._problems.to_parquet(d / "problems.parquet", index=False)
        self._line_map_frame().to_parquet(d / "line_map.parquet", index=False)
        (d / "corpus.json").write_text(json.dumps({"framing_version": __version__, **self.info}, indent=2,
                                                  sort_keys=True, default=str), encoding="utf-8")
        return d

    @classmethod
    def load(cls, directory: str | Path) -> "Corpus":
        """Read a corpus written by :meth:`save`."""
        d = Path(directory)
        missing = [n for n in ("articles.parquet", "removed.parquet", "problems.parquet") if not (d / n).exists()]
        if missing:
            raise FileNotFoundError(f"{d}: not a saved corpus (missing {', '.join(missing)})")
        info = json.loads((d / "corpus.json").read_text(encoding="utf-8")) if (d / "corpus.json").exists() else {}
        info.pop("framing_version", None)
        line_map = pd.read_parquet(d / "line_map.parquet") if (d / "line_map.parquet").exists() else \
            typed_frame([], LINE_MAP_COLUMNS)
        return cls(pd.read_parquet(d / "articles.parquet"), pd.read_parquet(d / "removed.parquet"),
                   pd.read_parquet(d / "problems.parquet"), line_map, info)


def __getattr__(name: str):
    # read_corpus and the sample build a Corpus, so their modules import this one: they are looked up on
    # first use here, which keeps ``from framing.corpus import read_corpus`` working without a cycle
    if name == "read_corpus":
        from .ingest.pipeline import read_corpus

        return read_corpus
    if name in ("sample_corpus_path", "load_sample_corpus"):
        from .datasets import sample

        return getattr(sample, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
