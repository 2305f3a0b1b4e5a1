"""The Corpus: clean articles with provenance, and an audit of everything removed.

:func:`read_corpus` turns pages on disk into a :class:`Corpus`; every later
step of framing is a pure function of a Corpus.

Examples
--------
>>> import framing
>>> corpus = framing.load_sample_corpus()
>>> corpus.articles[["doc_id", "publisher", "original_source"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import json
import re
from collections import Counter, defaultdict
from contextlib import contextmanager
from functools import cached_property, lru_cache
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ._version import __version__
from .ingest.dates import find_dates, parse_date, publication_date
from .ingest.headlines import ranked_lines
from .ingest.lines import BYLINE_RE, classify_line
from .ingest.linemodel import load_line_model, page_decisions
from .ingest.metadata import load_sidecars
from .ingest.provenance import find_provenance
from .ingest.readers import (MIN_STORY_WORDS, Page, Problem, check_columns, discover, html_story_heads,
                             html_text_spans, read_file, story_meta)
from .ingest.repeats import line_counts, outlet_boilerplate, outlet_of
from .ingest.segment import segment_lines
from .lexicon import host_of, load_outlets
from .text import count_words, paragraph_spans, sentence_spans

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
# positions in the line-map and removed rows, which are built as lists (cheaper than dicts per span)
_LM_UNIT, _LM_LINE_NO, _LM_START, _LM_END, _LM_DOC, _LM_FIELD, _LM_REASON = 2, 3, 4, 5, 6, 7, 8
_RM_IDX = 5
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
    """A typed table from row dicts or from equal-length row lists in ``columns`` order
    (items beyond the columns are ignored)."""
    if rows and isinstance(rows[0], dict):
        rows = [[r.get(c) for c in columns] for r in rows]
    # one object array, sliced by column: ten times cheaper than per-column lists or zip(*rows)
    table = np.array(rows, dtype=object) if rows else np.empty((0, len(columns)), dtype=object)
    return pd.DataFrame({c: _typed(c, table[:, i]) for i, c in enumerate(columns)})


class _PendingTable:
    """Rows kept as lists until the table is first asked for (see :attr:`Corpus.line_map`)."""

    __slots__ = ("rows", "columns")

    def __init__(self, rows: list, columns: list[str]):
        self.rows, self.columns = rows, columns

    def build(self) -> pd.DataFrame:
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
        ``user_<name>``.
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
        if isinstance(self._line_map, _PendingTable):
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
                if v is not None and not isinstance(v, str) and c not in ("n_words", "line_start", "line_end"):
                    r[c] = None if pd.isna(v) else str(v)
        articles = typed_frame(rows, ARTICLE_COLUMNS)
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


# ---------------------------------------------------------------- building

def _site_key(page: Page, sidecar: dict) -> str | None:
    return sidecar.get("publisher") or page.meta.get("publisher")


def _site_repeats(pages: list[Page], sidecars: dict[str, dict]) -> dict[str, set[str]]:
    """Normalised short lines that recur on two or more pages of the same site."""
    by_site: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        if p.is_record:
            continue
        key = _site_key(p, sidecars.get(p.source_file, {}))
        if key:
            by_site[key].append(p)
    out: dict[str, set[str]] = {}
    for site, group in by_site.items():
        if len(group) < 2:
            continue
        counts: Counter = Counter()
        for p in group:
            counts.update({re.sub(r"\s+", " ", s).strip().casefold() for s in p.lines if 0 < len(s.split()) <= 12})
        out[site] = {k for k, v in counts.items() if v >= 2}
    return out


def _date_from_text(text: str) -> str | None:
    """The first date of day precision written in the first 200 characters of ``text``
    (:func:`framing.ingest.dates.find_dates`: English, German, French, Spanish, Russian forms)."""
    return next((m.iso for m in find_dates([text[:200]]) if m.precision == "day"), None)


@lru_cache(maxsize=10_000)
def _iso_date(written: str) -> str | None:
    """ISO date of a written date ("June 22, 2025", "Updated: 22.06.2025, 14:05"), as precise as it
    is written (:func:`framing.ingest.dates.parse_date`, else the first date found in it)."""
    iso, _ = parse_date(written)
    if iso is None:
        found = find_dates([written])
        iso = found[0].iso if found else None
    return iso


def _with_precision(arts: list[dict]) -> None:
    """Every article's ``published`` as an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) with its
    ``published_precision`` (day, month, year): a sidecar's "2025-06" is a month. A value that
    is no date stays as given, without a precision."""
    for a in arts:
        value = a.get("published")
        if value is None or a.get("published_precision") is not None:
            continue
        iso, precision = parse_date(value)
        if iso is not None:
            a["published"], a["published_precision"] = iso, precision


def _found_headline(page: Page, sidecar: dict, decisions, drafts, by_art, line_map: list[list], removed: list[list],
                    art_rows: list[list], n_words: Counter) -> tuple[int | None, int | None]:
    """A text page's first article takes the line the headline model ranks first
    (:func:`framing.ingest.headlines.find_headline`) as its title, in place of the
    segmenter's, unless a sidecar or the page names the title. Returns (first article,
    its title line), the title line anchoring the page's date.

    The line moves into the title field only from ``removed`` or from the top of the
    article's text (a headline the line model kept as story text); the segmenter's title
    goes to ``removed`` saying so. A line elsewhere (another article's, the middle of the
    story) stays where it is, and so does the segmenter's title.
    """
    first_of = {k: min(i for parts in by_art[k].values() for i, _ in parts) for k in by_art}
    stories = [k for k in by_art if drafts[k].kind == "article"]
    if not stories:
        return None, None
    first = min(stories, key=first_of.__getitem__)
    titles = by_art[first].get("title", [])
    title_line = titles[0][0] if titles else None
    if decisions is None or not decisions.scored or sidecar.get("title") or page.meta.get("title"):
        return first, title_line
    lines = page.lines
    ranked = ranked_lines(lines, decisions.p, url=sidecar.get("url") or page.meta.get("url"),
                          threshold=decisions.threshold)
    if not ranked:
        return first, title_line
    h = ranked[0][0]
    if h in {i for i, _ in titles} or classify_line(lines[h]).role == "body":
        # a sentence of the story is never made its headline. (Keeping the segmenter's headline when
        # the model ranks it second, or refusing a line below the story's start, cost 5 and 8 points
        # of titles on the public pages; the generated pages in the model's training teach it widgets.)
        return first, title_line
    body = by_art[first].get("body", [])
    rows = [m for m in line_map if m[_LM_UNIT] == h]
    if len(rows) != 1 or rows[0][_LM_START] != 0 or rows[0][_LM_END] != len(lines[h]):
        return first, title_line
    row = rows[0]
    if row[_LM_FIELD] is None:  # removed: its removed row goes
        at = next((j for j in range(len(removed) - 1, -1, -1) if removed[j][_RM_IDX] == h), None)
        if at is None:
            return first, title_line
        del removed[at]
        if row[_LM_DOC] is None:
            art_rows.append(row)
    elif row[_LM_DOC] == first and row[_LM_FIELD] == "text" and body and body[0][0] == h:
        del body[0]  # the story's first line was its headline
        n_words[first] -= classify_line(lines[h]).n_tokens
    else:
        return first, title_line
    reason = f"not the headline (the headline model chose line {page.line_nos[h]})"
    old = {i for i, _ in titles}
    for m in line_map:
        if m[_LM_DOC] == first and m[_LM_FIELD] == "title" and m[_LM_UNIT] in old:
            m[_LM_FIELD], m[_LM_REASON] = None, reason
            i = m[_LM_UNIT]
            removed.append([page.source_file, page.line_nos[i], lines[i][m[_LM_START]:m[_LM_END]].strip(), reason,
                            m[-1], i])
    row[_LM_DOC], row[_LM_FIELD], row[_LM_REASON] = first, "title", None
    by_art[first]["title"] = [(h, lines[h].strip())]
    return first, h


def _process_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None, page_no: int = 0,
                  doc_prefix: str = "", first_no: int = 1, decisions=None,
                  boilerplate: dict[str, dict[str, int]] | None = None):
    """Clean and segment one page; returns (article dicts, removed rows, line-map rows).

    Removed rows are ``[source_file, line_no, text, reason, line index]`` and line-map rows
    follow LINE_MAP_COLUMNS. The page's articles, in page order, get the doc_ids
    ``f"{doc_prefix}#{n}"`` for n from ``first_no`` on."""
    lines = page.lines
    outlet = outlet_of(page.meta, sidecar) if boilerplate else None
    pieces, drafts, blank = segment_lines(lines, outlets=outlets, site_repeats=site_repeats,
                                          main_mask=page.main_mask, is_record=page.is_record, tags=page.tags,
                                          decisions=decisions, outlet=outlet,
                                          outlet_repeats=boilerplate.get(outlet) if outlet else None)
    probs = decisions.p if decisions is not None and decisions.scored else [None] * len(lines)
    by_art: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    removed = []
    line_map = []
    art_rows = []  # line-map rows naming a draft, to be given its doc_id
    source_file, line_nos = page.source_file, page.line_nos
    n_words: Counter = Counter()
    # blank lines come from the segmenter as indices; their rows are merged in line order:
    # before each piece and, at the closing None, up to the end of the page
    next_blank = iter(blank + [len(lines)]).__next__
    b = next_blank()
    for p in chain(pieces, (None,)):
        upto = len(lines) if p is None else p.idx
        while b < upto:
            line_map.append([source_file, page_no, b, line_nos[b], 0, len(lines[b]), None, None, "blank line", None])
            removed.append([source_file, line_nos[b], "", "blank line", None, b])
            b = next_blank()
        if p is None:
            break
        text = lines[p.idx][p.start:p.end]
        if p.dest == "removed":
            row = [source_file, page_no, p.idx, line_nos[p.idx], p.start, p.end, p.art, None, p.reason, probs[p.idx]]
            line_map.append(row)
            if p.art is not None:
                art_rows.append(row)
            removed.append([source_file, line_nos[p.idx], text.strip(), p.reason or "removed", probs[p.idx], p.idx])
        else:
            row = [source_file, page_no, p.idx, line_nos[p.idx], p.start, p.end, p.art,
                   "text" if p.dest == "body" else p.dest, None, probs[p.idx]]
            line_map.append(row)
            art_rows.append(row)
            by_art[p.art][p.dest].append((p.idx, text.strip()))
            if p.dest in ("body", "comment"):
                # a whole line's word count comes with its (cached) classification
                line = lines[p.idx]
                n_words[p.art] += classify_line(line).n_tokens if p.end - p.start == len(line) \
                    else count_words(text)
    page_date, first_story = None, None
    if page.fmt == "txt" and not page.is_record and by_art:
        first_story, title_line = _found_headline(page, sidecar, decisions, drafts, by_art, line_map, removed,
                                                  art_rows, n_words)
        if first_story is not None and not (sidecar.get("published") or page.meta.get("published")):
            page_date = publication_date(lines, title_line, url=sidecar.get("url") or page.meta.get("url"))
    arts = []
    page_meta = dict(page.meta)
    has_items = any(d.outlet for d in drafts)
    removed_by_idx = defaultdict(list)
    for r in removed:
        if r[2]:  # blank lines carry nothing for provenance
            removed_by_idx[r[_RM_IDX]].append(r[2])
    first_of = {k: min(i for parts in by_art[k].values() for i, _ in parts) for k in by_art}
    order = sorted(by_art, key=first_of.__getitem__)
    next_first = {k: first_of[nxt] for k, nxt in zip(order, order[1:])}
    for k in order:
        d = drafts[k]
        parts = by_art[k]
        first_i, last_i = first_of[k], max(i for v in parts.values() for i, _ in v)
        title = " ".join(t for _, t in parts.get("title", []))
        body = [t for _, t in parts.get("body", [])] + [t for _, t in parts.get("comment", [])]
        notes = [t for _, t in parts.get("note", [])]
        span_end = next_first.get(k, len(lines))  # the next article's first line
        span_removed = [t for i in range(first_i, span_end) for t in removed_by_idx.get(i, [])]
        if page.is_record and not title:
            title = page_meta.get("title", "")
        byline = None
        if parts.get("byline"):
            m = BYLINE_RE.match(parts["byline"][0][1])
            byline = m.group(1).strip() if m else parts["byline"][0][1]
        byline = byline or page_meta.get("byline")
        row = {
            "source_file": page.source_file, "kind": d.kind, "text": "\n\n".join(body),
            "captions": "\n".join(t for _, t in parts.get("caption", [])) or None,
            "notes": "\n".join(notes) or None, "byline": byline,
            "line_start": page.line_nos[first_i], "line_end": page.line_nos[last_i],
            "encoding": page.encoding, "format": page.fmt, "record_id": page_meta.get("record_id"),
            "sidecar_notes": sidecar.get("sidecar_notes"), "n_words": n_words[k],
        }
        if d.kind == "comment":
            row.update(title="", original_source="reader", original_source_type="reader_comment",
                       source_type="reader_comment",
                       provenance="reader comment (informal paragraph at the end of the page)",
                       publisher=outlets.canonical(sidecar.get("publisher") or page_meta.get("publisher")),
                       published=sidecar.get("published") or page_meta.get("published"),
                       url=sidecar.get("url") or page_meta.get("url"), via=None)
            arts.append(row)
            continue
        prov = find_provenance(title, body, notes + span_removed, outlets)
        row["title"] = title
        if prov.title is not None and prov.title != title:
            row["title"] = prov.title
            _cut_title_suffix(line_map, removed, lines, page, k, title[len(prov.title):].strip())
        page_publisher, publisher_note = _page_publisher(sidecar, page_meta, outlets, prov.publisher_hint)
        if d.outlet:
            publisher = outlets.canonical(d.outlet)
            source_type = outlets.source_type(publisher)
            via = page_publisher if page_publisher != publisher else None
        else:
            publisher = page_publisher
            source_type = sidecar.get("source_type") or page_meta.get("source_type") \
                or outlets.source_type(publisher)
            via = None
        # precedence: record columns, then the sidecar (unless the page holds several outlets' items),
        # then the text, then the publisher itself
        declared = page_meta.get("original_source") if page.is_record else None
        if declared is None and not has_items:
            declared = sidecar.get("original_source")
        if declared:
            original = outlets.canonical(declared)
            origin = "record" if page.is_record and page_meta.get("original_source") else "sidecar"
            provenance = origin
            if prov.original_source:
                agree = outlets.canonical(prov.original_source) == original
                provenance += f"; text {'agrees' if agree else 'disagrees'}: {prov.cue}"
        elif prov.original_source:
            original, provenance = prov.original_source, prov.cue
        elif publisher:
            original, provenance = publisher, "no cue in the text; assumed to be the publisher"
        else:
            original, provenance = None, "unknown: no cue in the text and no publisher"
        if prov.speech and original == prov.original_source:
            original_type = "official_statement"
        elif original is not None and original == publisher:
            original_type = source_type
        else:
            original_type = outlets.source_type(original)
        row.update(
            publisher=publisher, source_type=source_type, via=via, original_source=original,
            original_source_type=original_type,
            provenance=f"{provenance}; {publisher_note}" if publisher_note and publisher == page_publisher else provenance,
            published=sidecar.get("published") or page_meta.get("published"),
            url=sidecar.get("url") or page_meta.get("url") or _wire_url(span_removed),
        )
        if row["published"] is None:
            if k == first_story and page_date is not None:  # the date written nearest the page's headline
                row["published"], row["published_precision"] = page_date.iso, page_date.precision
            elif first_story is not None and parts.get("title"):  # a later story: a date by its own headline
                t = parts["title"][0][0]
                near = [m for m in find_dates(lines, start=t - 3, stop=t + 6) if m.precision == "day"]
                if near:
                    best = min(near, key=lambda m: (abs(m.line - t), m.line < t))
                    row["published"], row["published_precision"] = best.iso, "day"
            if row["published"] is None:
                row["published"] = _date_from_text(body[0] if body else "")
        arts.append(row)
    # articles and comments are in page order (order sorts drafts by their first line)
    doc_ids = {k: f"{doc_prefix}#{first_no + pos}" for pos, k in enumerate(order)}
    for a, k in zip(arts, order):
        a["doc_id"] = doc_ids[k]
    for m in art_rows:
        m[_LM_DOC] = doc_ids.get(m[_LM_DOC])
    return arts, removed, line_map


_HTML_OUTSIDE = "outside main content (trafilatura)"
_HTML_ABOVE = "above the stories of a multi-story page"


def _process_html_page(page: Page, sidecar: dict, outlets, site_repeats: set[str] | None = None, page_no: int = 0,
                       doc_prefix: str = "", first_no: int = 1, decisions=None,
                       boilerplate: dict[str, dict[str, int]] | None = None):
    """An HTML page that trafilatura read (``page.main_text``): its articles, removed rows and line-map rows.

    The page is one article whose text is trafilatura's main text (less its
    first lines where they repeat the title or are a time stamp or byline) and
    whose title, byline, site name, URL and date are trafilatura's metadata (a
    sidecar still wins). Only a page whose main text holds several stories,
    each a headline with a time stamp, byline or wire dateline over its own
    text (:func:`framing.ingest.readers.html_story_heads`: a live blog, a
    listing), gives one article per story, built from the parts of its blocks
    that are in the main text. Every visible block is accounted for: its parts
    in the article text are ``text`` spans
    (:func:`framing.ingest.readers.html_text_spans`); a block outside it that
    prints the title, the byline or a figure caption goes to that field, a time
    stamp to ``removed`` as "timestamp", the rest to ``removed`` as "outside
    main content (trafilatura)". The original source is found as on text pages.
    ``site_repeats``, ``decisions`` and ``boilerplate`` are not used
    (trafilatura's verdict on the HTML stands). Returns what
    :func:`_process_page` returns.
    """
    lines, tags, meta = page.lines, page.tags or [""] * len(page.lines), page.meta
    page_title = meta.get("title", "")
    paragraphs = [p.strip() for p in page.main_text.split("\n") if p.strip()]
    # trafilatura's text often opens with the headline, a time stamp, a byline: they are the
    # article's title, date and byline, not its text
    header: dict[str, str] = {}
    while len(paragraphs) > 1 and len(header) < 4:
        first = " ".join(paragraphs[0].split())
        if "title" not in header.values() and page_title and first in page_title \
                and len(first) >= 0.6 * len(page_title):
            header[first] = "title"
        elif role := story_meta(first):
            header[first] = role
        else:
            break
        del paragraphs[0]
    spans = html_text_spans(lines, "\n".join(paragraphs))
    in_text = [any(ok for _, _, ok in sp) for sp in spans]
    heads = html_story_heads(lines, tags, in_text)
    # stories: (first block, end block, headline block or None, time stamp and byline blocks)
    if not heads:
        stories = [(0, len(lines), None, ())]
    else:
        starts = [h.start for h in heads] + [len(lines)]
        stories = [(h.start, starts[k + 1], h.head, h.meta) for k, h in enumerate(heads)]
        intro_words = sum(len(lines[i].split()) for i in range(starts[0]) if in_text[i])
        if intro_words >= MIN_STORY_WORDS:  # a live blog's summary above its posts
            stories.insert(0, (0, starts[0], None, ()))
    removed, line_map, arts = [], [], []
    sf = page.source_file

    def drop(i: int, s: int, e: int, reason: str) -> None:
        line_map.append([sf, page_no, i, page.line_nos[i], s, e, None, None, reason, None])
        removed.append([sf, page.line_nos[i], lines[i][s:e].strip(), reason, None, i])

    def keep(i: int, s: int, e: int, fld: str, art: int) -> None:
        line_map.append([sf, page_no, i, page.line_nos[i], s, e, art, fld, None, None])

    if heads and stories[0][0] > 0:
        for i in range(stories[0][0]):
            drop(i, 0, len(lines[i]), _HTML_ABOVE)
    for k, (lo, hi, head, story_meta_blocks) in enumerate(stories):
        title = lines[head] if head is not None else page_title
        byline = None if heads else meta.get("byline") or next(
            (m.group(1).strip() for h, r in header.items() if r == "byline" and (m := BYLINE_RE.match(h))), None)
        published, captions, body = None, [], []
        title_block, byline_block, n_removed, n_mapped = head, None, len(removed), len(line_map)
        for i in range(lo, hi):
            line = lines[i]
            role = story_meta(line) if i in story_meta_blocks else None
            if i == head:
                keep(i, 0, len(line), "title", k)
            elif role == "byline" and byline is None and (m := BYLINE_RE.match(line)):
                byline, byline_block = m.group(1).strip(), i
                keep(i, 0, len(line), "byline", k)
            elif role is not None:
                published = published or _story_date(line)
                drop(i, 0, len(line), classify_line(line).reason or role)
            elif in_text[i]:
                parts = []
                for s, e, ok in spans[i]:
                    if ok:
                        keep(i, s, e, "text", k)
                        parts.append(line[s:e].strip())
                    else:
                        drop(i, s, e, _HTML_OUTSIDE)
                body.append(" ".join(parts))
            elif title_block is None and title and line in title and len(line) >= 0.6 * len(title):
                title_block = i
                keep(i, 0, len(line), "title", k)
            elif header.get(line) == "timestamp":
                drop(i, 0, len(line), classify_line(line).reason or "timestamp")
            elif tags[i] == "figcaption":
                captions.append(line)
                keep(i, 0, len(line), "caption", k)
            elif byline and byline_block is None and byline in line and len(line.split()) <= 12:
                byline_block = i
                keep(i, 0, len(line), "byline", k)
            else:
                drop(i, 0, len(line), _HTML_OUTSIDE)
        mapped = [m[_LM_UNIT] for m in line_map[n_mapped:] if m[_LM_DOC] == k]
        # furniture of the story's span (a "SOURCE ..." line, a disclaimer), for provenance
        start = min(mapped, default=hi)
        extra = [r[2] for r in removed[n_removed:] if r[_RM_IDX] >= start and r[2]]
        if not heads:
            body = paragraphs
        text = "\n\n".join(body)
        # a dateline opens the first paragraph of running text, below a time stamp trafilatura may keep
        lead = next((j for j, p in enumerate(body[:4]) if classify_line(p).role == "body"), 0)
        prov = find_provenance(title, body[lead:], body[:lead] + extra, outlets)
        row = _html_article(page, sidecar, outlets, prov, title, text, extra)
        if prov.title is not None and prov.title != title:
            _cut_title_suffix(line_map, removed, lines, page, k, title[len(prov.title):].strip())
        row.update(
            kind="article", byline=byline, captions="\n".join(captions) or None, notes=None,
            published=sidecar.get("published") or published or meta.get("published") or _date_from_text(text),
            line_start=page.line_nos[min(mapped, default=lo)] if page.line_nos else None,
            line_end=page.line_nos[max(mapped, default=hi - 1)] if page.line_nos else None,
            doc_id=f"{doc_prefix}#{first_no + len(arts)}", art=k,
        )
        arts.append(row)
    doc_ids = {a.pop("art"): a["doc_id"] for a in arts}
    for m in line_map:
        if m[_LM_DOC] is not None:
            m[_LM_DOC] = doc_ids.get(m[_LM_DOC])
    return arts, removed, line_map


def _story_date(line: str) -> str | None:
    """The ISO day of a story's time stamp that names its year ("14:05" alone names no day)."""
    return _iso_date(line) if re.search(r"\b\d{4}\b", line) else None


def _html_article(page: Page, sidecar: dict, outlets, prov, title: str, text: str, extra: list[str]) -> dict:
    """Article fields of one story of an HTML page: who published it and who wrote it."""
    meta = page.meta
    publisher, publisher_note = _page_publisher(sidecar, meta, outlets, prov.publisher_hint)
    source_type = sidecar.get("source_type") or meta.get("source_type") or outlets.source_type(publisher)
    declared = sidecar.get("original_source")
    if declared:
        original, provenance = outlets.canonical(declared), "sidecar"
        if prov.original_source:
            agree = outlets.canonical(prov.original_source) == original
            provenance += f"; text {'agrees' if agree else 'disagrees'}: {prov.cue}"
    elif prov.original_source:
        original, provenance = prov.original_source, prov.cue
    elif publisher:
        original, provenance = publisher, "no cue in the text; assumed to be the publisher"
    else:
        original, provenance = None, "unknown: no cue in the text and no publisher"
    if prov.speech and original == prov.original_source:
        original_type = "official_statement"
    elif original is not None and original == publisher:
        original_type = source_type
    else:
        original_type = outlets.source_type(original)
    return {
        "source_file": page.source_file, "title": prov.title if prov.title is not None else title, "text": text,
        "publisher": publisher, "source_type": source_type, "via": None, "original_source": original,
        "original_source_type": original_type,
        "provenance": f"{provenance}; {publisher_note}" if publisher_note else provenance,
        "url": sidecar.get("url") or meta.get("url") or _wire_url(extra),
        "n_words": count_words(text), "encoding": page.encoding, "format": page.fmt,
        "record_id": meta.get("record_id"), "sidecar_notes": sidecar.get("sidecar_notes"),
    }


def _page_publisher(sidecar: dict, meta: dict, outlets, text_hint: str | None) -> tuple[str | None, str | None]:
    """The page's publisher and, when it came from the URL, a note saying so.

    A declared publisher (sidecar, record column, HTML site name) wins; then the
    outlet whose listed domain is the longest suffix of the page's domain or URL
    host; then a hint in the text; then the host itself, as written, which the
    outlets lexicon does not know (its source type stays unknown).
    """
    declared = sidecar.get("publisher") or meta.get("publisher")
    if declared:
        return outlets.canonical(declared), None
    host = host_of(meta.get("domain")) or host_of(sidecar.get("url") or meta.get("url"))
    listed = outlets.by_domain(host) if host else None
    if listed:
        return listed[0].name, f"publisher from URL domain {listed[1]}"
    if text_hint:
        return text_hint, None
    if host and not _reserved_host(host):
        return host, f"publisher from URL domain {host} (not in the outlets lexicon)"
    return None, None


def _reserved_host(host: str) -> bool:
    """Domains reserved for documentation and testing (RFC 2606, RFC 6761): never a publisher."""
    labels = host.split(".")
    return ".".join(labels[-2:]) in ("example.com", "example.org", "example.net") or \
        labels[-1] in ("example", "test", "invalid", "localhost")


def _cut_title_suffix(line_map: list[list], removed: list[list], lines: list[str], page: Page, art: int,
                      suffix: str) -> None:
    """Move a source suffix ("-Xinhua") out of the title span into ``removed``."""
    for m in reversed(line_map):
        if m[_LM_DOC] == art and m[_LM_FIELD] == "title":
            line = lines[m[_LM_UNIT]]
            pos = line.rfind(suffix, m[_LM_START], m[_LM_END])
            if pos < 0:
                return
            cut = len(line[:pos].rstrip(" -–—|:"))
            reason = "source suffix in the title (used as original_source)"
            cut_row = list(m)
            cut_row[_LM_START], cut_row[_LM_DOC], cut_row[_LM_FIELD], cut_row[_LM_REASON] = cut, None, None, reason
            line_map.append(cut_row)
            removed.append([page.source_file, m[_LM_LINE_NO], line[cut:m[_LM_END]].strip(), reason, m[-1],
                            m[_LM_UNIT]])
            m[_LM_END] = cut
            return


_VIEW_ORIGINAL = re.compile(r"view original content", re.I)


def _wire_url(lines: list[str]) -> str | None:
    for line in lines:
        if "original" in line.lower() and _VIEW_ORIGINAL.search(line):
            m = re.search(r"https?://\S+", line)
            if m:
                return m.group(0).rstrip(".")
    return None


def _remove_page(page: Page, page_no: int, reason: str) -> tuple[list[list], list[list]]:
    """Removed rows and line-map rows for a page kept out whole (its lines are not lost)."""
    removed, line_map = [], []
    for unit, (no, line) in enumerate(zip(page.line_nos, page.lines)):
        removed.append([page.source_file, no, line.strip(), reason, None, unit])
        line_map.append([page.source_file, page_no, unit, no, 0, len(line), None, None, reason, None])
    return removed, line_map


def doc_prefixes(pages: list[Page]) -> tuple[dict[str, str], list[Problem]]:
    """The ``doc_id`` prefix of each source file (its stem, or its path where stems clash) and a problem per clash."""
    stems: dict[str, list[str]] = defaultdict(list)
    for sf in dict.fromkeys(p.source_file for p in pages):
        stems[Path(sf).stem].append(sf)
    prefixes, problems = {}, []
    for stem, files in stems.items():
        if len(files) == 1:
            prefixes[files[0]] = stem
            continue
        for sf in files:
            prefixes[sf] = Path(sf).as_posix()
        problems.append(Problem(", ".join(files), "duplicate id",
                                f"files {', '.join(files)} share the stem {stem!r}; their doc_ids use the "
                                f"file path instead (e.g. '{files[0]}#1')", "warning"))
    return prefixes, problems


def read_corpus(paths: str | Path | Iterable[str | Path], metadata: str | Path | None = None, *,
                outlets: str | Path | Iterable[str | Path] | None = None, strict: bool = False,
                line_model="default", text_column: str | None = None, columns: dict | None = None,
                sep: str | None = None, boilerplate: dict[str, dict[str, int]] | None = None) -> Corpus:
    """Read scraped pages into a clean, segmented Corpus with provenance.

    Parameters
    ----------
    paths : path, glob, or list of them
        Folders (searched recursively), files or glob patterns of ``.txt``,
        ``.html``/``.htm``, ``.jsonl`` and ``.csv`` files. A ``sources.csv`` or
        ``sources.yaml`` inside a folder is read as its metadata sidecar.
    metadata : path, optional
        A sidecar (CSV or YAML) naming files and their ``publisher,
        source_type, original_source, published, url``. Sidecar values win
        over what the text suggests.
    outlets : path or list of paths, optional
        User outlet lexicons extending ``lexicons/outlets.yaml``.
    strict : bool, default False
        Raise :class:`CorpusError` listing every problem instead of recording
        them in ``Corpus.problems``.
    line_model : LineModel, "default" or None
        What decides which lines of a text page are its main text: the line
        model shipped with framing (:func:`framing.ingest.linemodel.load_line_model`,
        learned from public labelled pages), one of your own
        (:func:`framing.ingest.linemodel.fit_line_model`), or None for the
        furniture rules alone. HTML pages are read by trafilatura and records
        (JSONL/CSV) are one article each, whatever this says.
    text_column : str, optional
        The column (or JSON key) of record files that holds the article text,
        when it is none of the names read by default (``text``, ``body``,
        ``content``, ``article``, ``full_text``, ``maintext``, ...; the README
        lists every column read and what it becomes).
    columns : dict, optional
        Other fields by column name, e.g. ``{"published": "pub_time",
        "publisher": "source_name"}``; fields: ``text``, ``id``, ``title``,
        ``publisher``, ``source_type``, ``original_source``, ``published``,
        ``url``, ``byline``, ``domain``, ``language``.
    sep : str, optional
        The field separator of CSV files; sniffed from the header row (``,``
        ``;`` tab ``|``) when not given, and recorded in ``corpus.info``.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> corpus = read_corpus(sample_corpus_path())
    >>> sorted(corpus.articles["kind"].unique())
    ['article', 'comment']
    """
    with _gc_paused():
        return _read_corpus(paths, metadata, outlets=outlets, strict=strict, line_model=line_model,
                            read_options={"text_column": text_column, "columns": check_columns(columns), "sep": sep},
                            boilerplate=boilerplate)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while tables are built.

    Ingestion creates millions of small lists and strings and no reference cycles;
    the collector's full passes over that growing heap cost about a sixth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_MODEL_BATCH = 500  # pages whose lines the line model scores in one call


def _page_decisions(pages: list[Page], line_model) -> dict[int, object]:
    """What is main text, per page (by index in ``pages``): the line model's decisions for text
    pages and for HTML pages where trafilatura found no main text. An HTML page with trafilatura's
    main text needs none: it is that article (:func:`_process_html_page`)."""
    out: dict[int, object] = {}
    if line_model is None:
        return out
    if isinstance(line_model, str):
        if line_model != "default":
            raise ValueError(f"line_model must be a LineModel, 'default' or None, not {line_model!r}")
        line_model = load_line_model()
    # text pages, and HTML pages where trafilatura found no main text: the line model decides
    todo = [k for k, p in enumerate(pages)
            if (p.fmt == "txt" or p.main_mask is not None) and k not in out and not p.is_record
            and not p.meta.get("unparsed")]
    for b in range(0, len(todo), _MODEL_BATCH):
        batch = todo[b:b + _MODEL_BATCH]
        nonblank = [[line for line in pages[k].lines if line.strip()] for k in batch]
        for k, probs in zip(batch, line_model.probabilities(nonblank)):
            out[k] = page_decisions(pages[k].lines, probs, line_model)
    return out


def _read_corpus(paths, metadata, *, outlets, strict: bool, line_model="default",
                 read_options: dict | None = None, boilerplate=None) -> Corpus:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [str(p) for p in paths]
    known = load_outlets(outlets)
    files, sidecar_paths, problems = discover(paths)
    if metadata is not None:
        sidecar_paths = [Path(metadata)] + [p for p in sidecar_paths if p.resolve() != Path(metadata).resolve()]
    sidecars, more = load_sidecars(sidecar_paths, [f.source_file for f in files])
    problems += more
    pages: list[Page] = []
    separators: dict[str, str] = {}
    for f in files:
        pp, pr = read_file(f, **(read_options or {}))
        pages += pp
        problems += pr
        if pp and pp[0].fmt == "csv" and "csv_separator" in pp[0].meta:
            separators[f.source_file] = pp[0].meta["csv_separator"]
    prefixes, more = doc_prefixes(pages)
    problems += more
    repeats = _site_repeats(pages, sidecars)
    if boilerplate is None:
        boilerplate = outlet_boilerplate(line_counts(pages, sidecars))
    decisions = _page_decisions(pages, line_model)
    articles, removed, line_map = [], [], []
    counters: Counter = Counter()
    user_names: dict[str, None] = {}  # the user's own columns, in order of first appearance
    page_numbers: Counter = Counter()
    seen_ids: dict[tuple[str, str], int] = {}
    for k, page in enumerate(pages):
        sidecar = sidecars.get(page.source_file, {})
        page_no = page_numbers[page.source_file]
        page_numbers[page.source_file] += 1
        if page.meta.get("unparsed"):
            rem, lmap = _remove_page(page, page_no, "unreadable record (see problems)")
            removed += rem
            line_map += lmap
            continue
        rid = page.meta.get("record_id")
        if rid is not None:
            key = (page.source_file, rid)
            if key in seen_ids:
                problems.append(Problem(page.source_file, "duplicate id",
                                        f"{page.source_file}, line {page.line_nos[0]}: record id {rid!r} already "
                                        f"used at line {seen_ids[key]}; record kept in 'removed'", "warning",
                                        page.line_nos[0]))
                rem, lmap = _remove_page(page, page_no, f"duplicate record id {rid!r}")
                removed += rem
                line_map += lmap
                continue
            seen_ids[key] = page.line_nos[0]
        site = _site_key(page, sidecar)
        try:
            # an HTML page with trafilatura's main text is that article; the rest are segmented
            process = _process_html_page if page.main_text else _process_page
            arts, rem, lmap = process(page, sidecar, known, repeats.get(site) if site else None, page_no,
                                      prefixes[page.source_file], counters[page.source_file] + 1,
                                      decisions.get(k), boilerplate)
        except Exception as exc:  # a bug on one odd page must not lose the corpus, nor the page's lines
            problems.append(Problem(page.source_file, "processing error",
                                    f"{page.source_file}: could not be cleaned ({type(exc).__name__}: {exc}); "
                                    "its lines are in 'removed'", "error"))
            rem, lmap = _remove_page(page, page_no, "page could not be processed (see problems)")
            removed += rem
            line_map += lmap
            continue
        dec = decisions.get(k)
        if dec is not None and dec.fallback:
            first, last = page.line_nos[dec.fallback[0]], page.line_nos[dec.fallback[-1]]
            problems.append(Problem(page.source_file, "uncertain story",
                                    f"{page.source_file}: no line reached the {dec.model}'s threshold "
                                    f"({dec.threshold:.2f}); kept its most likely block, lines {first}-{last} "
                                    "(check the article)", "warning", first))
        if not any(a["kind"] == "article" for a in arts) and any(map(str.strip, page.lines)):
            where = f"{page.source_file}, line {page.line_nos[0]}" if page.is_record else page.source_file
            problems.append(Problem(page.source_file, "no story found",
                                    f"{where}: no story found (no run of main text); every line is "
                                    "in 'removed' with its reason", "warning",
                                    page.line_nos[0] if page.is_record else None))
        _with_precision(arts)
        _with_user_columns(arts, page.meta, sidecar, user_names)
        counters[page.source_file] += len(arts)
        articles += arts
        line_map += lmap
        removed += rem
    if strict and problems:
        raise CorpusError(f"{len(problems)} problem(s) reading the corpus:\n" +
                          "\n".join(f"- {p.message}" for p in problems))
    info = {"inputs": paths, "metadata": str(metadata) if metadata else None}
    if separators:
        info["csv_separators"] = separators
    if read_options and any(read_options.values()):
        info["read_options"] = {k: v for k, v in read_options.items() if v}
    return Corpus(
        typed_frame(articles, ARTICLE_COLUMNS + list(user_names)),
        typed_frame(removed, REMOVED_COLUMNS),
        typed_frame([vars(p) for p in problems], PROBLEM_COLUMNS),
        _PendingTable(line_map, LINE_MAP_COLUMNS),
        info,
    )


def _with_user_columns(arts: list[dict], meta: dict, sidecar: dict, names: dict[str, None]) -> None:
    """Give each article of a page its language and the user's own columns of its record and its
    sidecar row (the sidecar wins); a name that is an article column gets :data:`USER_PREFIX`.
    The column names are added to ``names`` in order of first appearance."""
    user = {**meta.get("user_columns", {}), **sidecar.get("user_columns", {})}
    user = {USER_PREFIX + k if k in _ARTICLE_COLUMN_SET else k: v for k, v in user.items()}
    names.update(dict.fromkeys(user))
    for a in arts:
        a["language"] = meta.get("language") or sidecar.get("language")
        a.update(user)


def sample_corpus_path() -> Path:
    """Folder of the bundled sample corpus (constructed pages written by the framing authors)."""
    return Path(str(resources.files("framing").joinpath("data", "sample")))


def load_sample_corpus() -> Corpus:
    """The bundled sample corpus, read with :func:`read_corpus`.

    Ten short pages written by the framing authors in the styles of state
    media, an aggregator, a PR wire, a news app, independent analysis, a think
    tank, a newsletter with a reader comment, an official HTML page, a cp1252
    newspaper page and a JSONL export. They are constructed examples, not real
    reporting.

    Examples
    --------
    >>> corpus = load_sample_corpus()
    >>> (corpus.articles["kind"] == "comment").any()
    True
    """
    return read_corpus(sample_corpus_path())
