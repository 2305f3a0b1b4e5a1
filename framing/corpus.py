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

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .corpus_tables import (ARTICLE_COLUMNS, LINE_MAP_COLUMNS, PARAGRAPH_COLUMNS, PROBLEM_COLUMNS, REMOVED_COLUMNS,
                            SENTENCE_COLUMNS, USER_PREFIX, PendingTable, articles_from_frame, load_tables,
                            paragraph_table, save_tables, sentence_repair_table, sentence_table, summary_table,
                            typed_frame, unknown_outlet_table)
from .published import dated_articles

__all__ = ["ARTICLE_COLUMNS", "USER_PREFIX", "REMOVED_COLUMNS", "LINE_MAP_COLUMNS", "PROBLEM_COLUMNS",
           "PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "CorpusError", "typed_frame", "PendingTable", "Corpus",
           "read_corpus", "sample_corpus_path", "load_sample_corpus"]


class CorpusError(ValueError):
    """Raised by ``read_corpus(..., strict=True)``; lists every problem."""


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
        return paragraph_table(self._articles)

    @property
    def paragraphs(self) -> pd.DataFrame:
        return self._paragraphs.copy(deep=False)

    @cached_property
    def _sentences(self) -> pd.DataFrame:
        df, self.info["glued_sentence_boundaries"] = sentence_table(self._articles, self._paragraphs)
        return df

    def sentence_repairs(self) -> pd.DataFrame:
        """The sentence boundaries that lost their space ("areas.China") and that
        :attr:`sentences` splits at (:func:`framing.text.glued_boundaries`): ``doc_id``,
        ``position`` (of the next sentence's first letter in the article text) and
        ``context``. Their number is in ``info["glued_sentence_boundaries"]`` once
        :attr:`sentences` has been built.
        """
        return sentence_repair_table(self._articles, self._paragraphs)

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
        return unknown_outlet_table(self._articles)

    def summary(self) -> pd.DataFrame:
        """Articles per file, publisher, original source and source type.

        Returns
        -------
        DataFrame
            ``source_file, kind, publisher, original_source, source_type, n_docs, n_words``.
        """
        return summary_table(self._articles)

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
        return cls(articles_from_frame(data, text=text, doc_id=doc_id), typed_frame([], REMOVED_COLUMNS),
                   typed_frame([], PROBLEM_COLUMNS), typed_frame([], LINE_MAP_COLUMNS), {"inputs": "from_frame"})

    def save(self, directory: str | Path) -> Path:
        """Write the corpus as Parquet tables plus ``corpus.json``; lossless with :meth:`load`."""
        return save_tables(directory, self._articles, self._removed, self._problems, self._line_map_frame(),
                           self.info)

    @classmethod
    def load(cls, directory: str | Path) -> "Corpus":
        """Read a corpus written by :meth:`save`."""
        return cls(*load_tables(directory))


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
