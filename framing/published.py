"""The publication date of an article: a real date with its precision, written back as precise as it was given.

``corpus.articles["published"]`` is a ``datetime64[ns]`` column (naive: the
date as the page wrote it, no time zone) holding the **first instant of the
period** the date names, and ``published_precision`` says which period that
is: ``"day"``, ``"month"`` or ``"year"``. A page dated only "2025-06" is the
month of June 2025, stored as ``2025-06-01`` with precision ``"month"`` — not
the 1st of June. An undated article has ``NaT`` and a missing precision.

* :func:`published_dates`: written dates (ISO strings, "June 22, 2025",
  timestamps, ``datetime`` objects) -> the two columns; a value that is no
  date raises an error naming the column, the value and the row;
* :func:`dated_articles`: an articles table with its ``published`` column
  made a date (what every :class:`~framing.Corpus` does with its articles);
* :func:`published_text`: the dates as ISO text cut to their precision
  (``2025-06-17``, ``2025-06``, ``2025``), as the CSV tables show them;
* :func:`with_published_text`: a table with its ``published`` column as that
  text, for writing (:func:`framing.report.write_csv` does this);
* :func:`published_end`: the first instant after each date's period, so that
  ``[published, published_end)`` is the span an article may have appeared in;
* :func:`period_starts`: the period of a frequency (week, month, ...) each date
  certainly falls in, never a guess for a date coarser than the period.

Examples
--------
>>> dates, precision = published_dates(["2025-06-17", "2025-06", None])
>>> dates.dt.strftime("%Y-%m-%d").tolist()[:2], precision.tolist()
(['2025-06-17', '2025-06-01'], ['day', 'month', <NA>])
>>> published_text(dates, precision).tolist()
['2025-06-17', '2025-06', None]
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

__all__ = ["PRECISIONS", "published_dates", "dated_articles", "published_text", "with_published_text",
           "published_end", "period_starts"]

PRECISIONS = ("day", "month", "year")
_FLOOR = {"day": "D", "month": "M", "year": "Y"}  # numpy datetime units of each precision
_TEXT_LENGTH = {"day": 10, "month": 7, "year": 4}  # ISO text of each precision: YYYY-MM-DD, YYYY-MM, YYYY
# an ISO date as a sidecar, a record or a feed writes it, perhaps with a time (the day as written is kept)
_ISO = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?)?)?)?\s*")


def _iso_parts(text: str) -> tuple[str, str] | None:
    """``(YYYY-MM-DD of the period's start, precision)`` of an ISO-written date, else None."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year, month, day = m.groups()
    if day is not None:
        return f"{year}-{month}-{day}", "day"
    if month is not None:
        return f"{year}-{month}-01", "month"
    return f"{year}-01-01", "year"


def _written_parts(text: str) -> tuple[str, str] | None:
    """Any written date ("June 22, 2025", "19. November 2019"): dateparser, as ingestion reads them;
    else the one date a labelled value holds ("Updated: 2022-03-07 17:49", "Published: Mar 12, 2022
    10:35 PM"), found as in a page's text. Two different dates in one value are no date."""
    # ingest.dates imports PRECISIONS from here: looked up on first use, not at import, to avoid a cycle
    from .ingest.dates import find_dates, parse_date

    iso, precision = parse_date(text)
    if iso is None:
        found = {(m.iso, m.precision) for m in find_dates([text])}
        if len(found) != 1:
            return None
        iso, precision = found.pop()
    return _iso_parts(iso)


def _where(row: int, ids) -> str:
    return f"row {row + 1}" + (f" (doc_id {ids[row]!r})" if ids is not None else "")


def published_dates(values, precision=None, *, column: str = "published", ids=None) -> tuple[pd.Series, pd.Series]:
    """Publication dates as ``datetime64[ns]`` (each period's first instant) with their precision.

    Parameters
    ----------
    values : sequence or Series
        Dates as written: ISO text (``"2025-06-17"``, ``"2025-06"``, ``"2025"``,
        ``"2025-06-17T10:31:00+05:00"`` — the day as written, the time dropped),
        other written dates (``"June 22, 2025"``, read by dateparser as
        :func:`framing.ingest.dates.parse_date` reads them), ``datetime``,
        ``date``, ``Timestamp`` or ``datetime64`` values (precision ``day``; a
        time zone is dropped, the local day kept); missing values and blank
        text are undated.
    precision : sequence or Series, optional
        ``"day"``, ``"month"`` or ``"year"`` for each value, where known (a
        missing entry is read from the value's form: ``"2025-06"`` is a month).
        A date is moved to the start of its period: ``2025-06-17`` of
        precision ``month`` becomes ``2025-06-01``.
    column : str
        The column's name, for errors.
    ids : sequence, optional
        The rows' ``doc_id``, for errors.

    Returns
    -------
    dates : Series of datetime64[ns]
        ``NaT`` where undated.
    precision : Series of string
        ``<NA>`` where undated.

    Raises
    ------
    ValueError
        Naming the column, the value and its row, for a value that is not a
        date, or a precision other than day, month or year.

    Examples
    --------
    >>> d, p = published_dates(["June 22, 2025", "2025"])
    >>> d.tolist(), p.tolist()
    ([Timestamp('2025-06-22 00:00:00'), Timestamp('2025-01-01 00:00:00')], ['day', 'year'])
    >>> published_dates(["soon"], ids=["a#1"])
    Traceback (most recent call last):
    ...
    ValueError: column 'published', row 1 (doc_id 'a#1'): 'soon' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)
    """
    index = values.index if isinstance(values, pd.Series) else None
    raw = pd.Series(values, index=index)
    n = len(raw)
    ids = None if ids is None else list(ids)
    given = (pd.Series([None] * n, dtype="object") if precision is None
             else pd.Series(precision, dtype="object").reset_index(drop=True))
    if len(given) != n:
        raise ValueError(f"{len(given)} precisions for {n} values of column {column!r}")
    given = np.array([None if pd.isna(p) else p for p in given], dtype=object)
    for row, p in enumerate(given):
        if p is not None and p not in PRECISIONS:
            raise ValueError(f"column '{column}_precision', {_where(row, ids)}: {p!r} is not a precision "
                             f"(one of {', '.join(PRECISIONS)})")
    starts = np.full(n, None, dtype=object)
    found = np.full(n, None, dtype=object)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw.dt.tz_localize(None) if getattr(raw.dtype, "tz", None) is not None else raw
        ok = stamps.notna().to_numpy()
        starts[ok] = np.datetime_as_string(stamps[ok].to_numpy().astype("datetime64[D]"), unit="D")
        found[ok] = "day"
    else:
        parsed: dict[str, tuple[str, str] | None] = {}
        for row, v in enumerate(raw.to_numpy(dtype=object)):
            if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
                continue
            if isinstance(v, (dt.date, np.datetime64)):  # datetime, date, Timestamp
                ts = pd.Timestamp(v)
                starts[row], found[row] = f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d}", "day"
                continue
            text = str(v)
            if not text.strip():
                continue
            if text not in parsed:
                parsed[text] = _iso_parts(text) or _written_parts(text)
            if parsed[text] is None:
                raise ValueError(f"column {column!r}, {_where(row, ids)}: {text!r} is not a date "
                                 "(write YYYY-MM-DD, YYYY-MM or YYYY)")
            starts[row], found[row] = parsed[text]
    prec = np.array([None if s is None else g or f for s, g, f in zip(starts, given, found)], dtype=object)
    days = pd.to_datetime(pd.Series(starts, dtype="object"), format="%Y-%m-%d", errors="coerce")
    bad = days.isna().to_numpy() & (prec != None)  # noqa: E711  "2025-13-45": the right form, no such day
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ValueError(f"column {column!r}, {_where(row, ids)}: {raw.iat[row]!r} is not a date (no such day)")
    out = days.to_numpy().astype("datetime64[ns]")
    for p, unit in _FLOOR.items():
        sel = prec == p
        if sel.any() and p != "day":
            out[sel] = out[sel].astype(f"datetime64[{unit}]").astype("datetime64[ns]")
    dates = pd.Series(out, index=index, name=column)
    return dates, pd.Series(pd.array(prec, dtype="string"), index=index, name=f"{column}_precision")


def dated_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """An articles table whose ``published`` is a date column with ``published_precision`` beside it.

    The table itself when it is so already (or has no ``published``
    column); otherwise a copy, the dates parsed by :func:`published_dates`
    (a precision already in ``published_precision`` is kept).

    Examples
    --------
    >>> a = dated_articles(pd.DataFrame({"doc_id": ["a#1"], "published": ["2025-06"]}))
    >>> str(a["published"].dtype), a["published_precision"].tolist()
    ('datetime64[ns]', ['month'])
    """
    if "published" not in articles.columns:
        return articles
    typed = articles["published"].dtype == "datetime64[ns]"
    if typed and "published_precision" in articles.columns:
        return articles
    precision = articles["published_precision"] if "published_precision" in articles.columns else None
    ids = articles["doc_id"].tolist() if "doc_id" in articles.columns else None
    dates, prec = published_dates(articles["published"], precision, ids=ids)
    out = articles.copy()
    out["published"] = dates.to_numpy()
    out["published_precision"] = prec.array
    return out


def published_text(dates, precision=None) -> pd.Series:
    """Dates as ISO text as precise as they were given: ``2025-06-17``, ``2025-06`` or ``2025``.

    Parameters
    ----------
    dates : Series of datetime64
    precision : Series, optional
        ``day`` (the default for a missing entry of a dated row), ``month`` or ``year``.

    Returns
    -------
    Series of object
        Text, None where undated.

    Examples
    --------
    >>> published_text(pd.Series(pd.to_datetime(["2025-06-01", None])), ["month", None]).tolist()
    ['2025-06', None]
    """
    dates = pd.Series(dates)
    values = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    text = np.datetime_as_string(values, unit="D").astype(object)
    prec = (np.full(len(dates), "day", dtype=object) if precision is None
            else pd.Series(precision, dtype="object").fillna("day").to_numpy(dtype=object))
    for p, k in _TEXT_LENGTH.items():
        sel = prec == p
        if k != 10 and sel.any():
            text[sel] = [t[:k] for t in text[sel]]
    text[pd.isna(values)] = None
    return pd.Series(text, index=dates.index, name=dates.name, dtype=object)


def with_published_text(table: pd.DataFrame) -> pd.DataFrame:
    """The table with a date ``published`` column written as :func:`published_text` (at its precision).

    Other tables, and a ``published`` column that is text already, come back as they are.

    Examples
    --------
    >>> t = pd.DataFrame({"published": pd.to_datetime(["2025-06-01"]), "published_precision": ["month"]})
    >>> with_published_text(t)["published"].tolist()
    ['2025-06']
    """
    if "published" not in table.columns or not pd.api.types.is_datetime64_any_dtype(table["published"].dtype):
        return table
    out = table.copy()
    out["published"] = published_text(table["published"], table.get("published_precision")).to_numpy()
    return out


def published_end(dates, precision) -> pd.Series:
    """The first instant after each date's period: the next day, month or year (``NaT`` where undated).

    Examples
    --------
    >>> d, p = published_dates(["2025-06-17", "2025-06", "2025"])
    >>> published_end(d, p).dt.strftime("%Y-%m-%d").tolist()
    ['2025-06-18', '2025-07-01', '2026-01-01']
    """
    dates = pd.Series(dates)
    values = dates.to_numpy().astype("datetime64[ns]")
    prec = pd.Series(precision, dtype="object").fillna("day").to_numpy(dtype=object)
    end = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    for p, unit in _FLOOR.items():
        sel = prec == p
        if sel.any():
            end[sel] = (values[sel].astype(f"datetime64[{unit}]") + 1).astype("datetime64[ns]")
    end[np.isnat(values)] = np.datetime64("NaT")
    return pd.Series(end, index=dates.index)


def period_starts(published, precision, freq: str = "W") -> pd.Series:
    """The first instant of the period each date certainly falls in, ``NaT`` where there is none.

    A date of precision day, month or year spans that day, month or year
    (:func:`framing.published.published_end`); it is in a period of ``freq``
    only when the whole span is: a month in ``"M"``, ``"Q"`` or ``"Y"``, never
    in ``"W"`` (it may be any of four or five weeks).

    Parameters
    ----------
    published : Series of datetime64
        ``corpus.articles["published"]``.
    precision : Series
        ``corpus.articles["published_precision"]``.
    freq : str
        A pandas period frequency: ``"D"``, ``"W"`` (weeks Monday to Sunday),
        ``"M"``, ``"Q"``, ``"Y"``, or any other (``"W-WED"``, ``"2W"`` is not one).

    Returns
    -------
    Series of datetime64[ns]

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2025-06-17", "2025-06-01"]))
    >>> period_starts(d, ["day", "month"], "W").tolist()
    [Timestamp('2025-06-16 00:00:00'), NaT]
    >>> period_starts(d, ["day", "month"], "M").dt.strftime("%Y-%m-%d").tolist()
    ['2025-06-01', '2025-06-01']
    """
    published = pd.Series(published).astype("datetime64[ns]")
    try:
        periods = pd.PeriodIndex(published, freq=freq)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"freq {freq!r} is not a pandas period frequency (e.g. 'D', 'W', 'M', 'Q', 'Y'): {exc}") \
            from None
    starts = periods.start_time
    ends = (periods + 1).start_time  # the next period's first instant
    span_end = published_end(published, pd.Series(precision, index=published.index)).to_numpy()
    inside = ~periods.isna() & (span_end <= ends.to_numpy())
    return pd.Series(np.where(inside, starts.to_numpy(), np.datetime64("NaT")), index=published.index,
                     dtype="datetime64[ns]")
