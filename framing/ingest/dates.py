"""Dates written on a page: found by pattern, parsed by ``dateparser``, with their precision.

A news page prints its publication date in one of a few common forms: "Nov. 19, 2019",
"19 November 2019", "19. November 2019", "19 novembre 2019", "19 de noviembre de 2019",
"19 ноября 2019 г.", "2019-11-19", "11/19/2019", "19.11.2019". Regular expressions here
only find *where* such a date may be written (the month names come from dateparser's own
locale data); the `dateparser <https://dateparser.readthedocs.io>`_ library parses each
span and says how precise it is: a day, a month ("November 2019", "2025-06") or a year
("2025"). Relative dates ("3 hours ago") are not read: they need the day the page was
saved, which a dump does not record.

* :func:`parse_date`: one written date (a sidecar or record value) -> ``(iso, precision)``;
* :func:`find_dates`: every date written in a page's lines, as :class:`DateMention`;
* :func:`date_from_url`: the date path of a URL (``/2019/11/19/``);
* :func:`iso_date`: an ISO string as precise as its precision allows.

Which of a page's dates is its publication date is chosen by
:func:`framing.ingest.headlines.page_metadata` (near the headline, not an update).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple, Sequence

from ..published import PRECISIONS
from .linefeatures import stoplist_language

__all__ = ["LANGUAGES", "PRECISIONS", "DateMention", "iso_date", "parse_date", "find_dates", "date_from_url",
           "NEAR_HEADLINE", "PublicationDate", "publication_date"]

#: The languages whose month names are looked for and parsed by default.
LANGUAGES = ("en", "de", "fr", "es", "ru")
# years a publication date can have: not a product number or a far-off plan
MIN_YEAR, MAX_YEAR = 1990, 2100

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


class DateMention(NamedTuple):
    """A date written on a page.

    Attributes
    ----------
    line : int
        Index of the line (in the list given to :func:`find_dates`).
    start, end : int
        Character offsets of the date in the line.
    text : str
        The date as written.
    iso : str
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (see :func:`iso_date`).
    precision : str
        ``"day"``, ``"month"`` or ``"year"``.
    """

    line: int
    start: int
    end: int
    text: str
    iso: str
    precision: str


def iso_date(value, precision: str) -> str:
    """An ISO date string cut to its precision.

    Examples
    --------
    >>> import datetime
    >>> iso_date(datetime.date(2019, 11, 19), "month")
    '2019-11'
    """
    s = value.isoformat()[:10]
    return {"day": s, "month": s[:7], "year": s[:4]}[precision]


@lru_cache(maxsize=None)
def _parser(languages: tuple[str, ...], date_order: str | None):
    from dateparser.date import DateDataParser

    settings = {
        # absolute dates only: relative ones ("yesterday", "3 hours ago") and bare timestamps
        # depend on when the page was saved, which a dump does not say
        "PARSERS": ["custom-formats", "absolute-time"],
        # without a year a date would be completed from today's: not deterministic
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": False,
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    return DateDataParser(languages=list(languages), settings=settings)


@lru_cache(maxsize=20_000)
def _parse(text: str, languages: tuple[str, ...], date_order: str | None) -> tuple[str | None, str | None]:
    try:
        data = _parser(languages, date_order).get_date_data(text)
    except (ValueError, OverflowError, TypeError, OSError):
        return None, None
    when, period = data.date_obj, data.period
    if when is None or not MIN_YEAR <= when.year <= MAX_YEAR:
        return None, None
    precision = period if period in PRECISIONS else "day"  # "time": a day with its hour
    return iso_date(when, precision), precision


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)|\d{8}")
_DOTTED = re.compile(r"\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*")
_YEAR_ONLY = re.compile(r"\s*(\d{4})\s*")
_ISO_LIKE = re.compile(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


def parse_date(text, languages: Sequence[str] = LANGUAGES, *, date_order: str | None = None
               ) -> tuple[str | None, str | None]:
    """Parse one written date into an ISO string and its precision.

    Parameters
    ----------
    text : str
        A date as written: ``"Nov. 19, 2019"``, ``"19. November 2019"``, ``"2025-06"``,
        ``"2019-11-19T10:31:00Z"``, ``"2025"``.
    languages : sequence of str
        dateparser language codes tried for month names (default :data:`LANGUAGES`:
        English, German, French, Spanish, Russian).
    date_order : str, optional
        ``"MDY"``, ``"DMY"`` or ``"YMD"`` for all-number dates such as ``03/04/2019``;
        by default that of the first language that reads the text (English: month first).

    Returns
    -------
    tuple
        ``(iso, precision)``: ``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, and
        ``precision`` ``"day"``, ``"month"`` or ``"year"``; ``(None, None)`` when the text
        is not an absolute date of the years 1990-2100.

    Examples
    --------
    >>> parse_date("Nov. 19, 2019")
    ('2019-11-19', 'day')
    >>> parse_date("19 ноября 2019 г.")
    ('2019-11-19', 'day')
    >>> parse_date("2025-06")
    ('2025-06', 'month')
    >>> parse_date("2025")
    ('2025', 'year')
    >>> parse_date("3 hours ago")
    (None, None)
    """
    if text is None:
        return None, None
    s = str(text).strip()
    if not s or len(s) > 80 or not _FOUR_DIGITS.search(s):
        return None, None  # no year written out ("Nov 19" would be read as November 2019)
    m = _YEAR_ONLY.fullmatch(s)
    if m:  # dateparser reads a lone year as December of it
        year = int(m.group(1))
        return (m.group(1), "year") if MIN_YEAR <= year <= MAX_YEAR else (None, None)
    try:  # a full ISO timestamp ("2019-11-19T10:31:00+01:00"), as record files give them
        if len(s) > 10 and s[4] == "-" and s[:4].isdigit():
            when = datetime.fromisoformat(s.replace("Z", "+00:00"))
            if MIN_YEAR <= when.year <= MAX_YEAR:
                return when.date().isoformat(), "day"
    except ValueError:
        pass
    m = _ISO_LIKE.fullmatch(s)
    if m:
        if m.group(3) and len(s) <= 10:  # 2019-11-19: the standard library reads it exactly
            try:
                day = date.fromisoformat(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
            except ValueError:
                return None, None
            return (day.isoformat(), "day") if MIN_YEAR <= day.year <= MAX_YEAR else (None, None)
        date_order = "YMD"
    elif date_order is None and _DOTTED.fullmatch(s):
        date_order = "DMY"  # 03.04.2019: day first wherever it is written
    return _parse(s, tuple(languages), date_order)


# ------------------------------------------------------------------ finding dates in lines

@lru_cache(maxsize=None)
def _month_names(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Lower-cased month name or abbreviation -> the languages that write it (dateparser's locale data)."""
    from dateparser.languages.loader import default_loader

    out: dict[str, list[str]] = {}
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for key in _MONTH_KEYS:
            for name in info.get(key, []):
                name = name.lower().rstrip(".")
                if len(name) >= 3 and not any(c.isdigit() for c in name):
                    out.setdefault(name, []).append(lang)
    return {k: tuple(v) for k, v in out.items()}


_D = r"(?:[12]\d|3[01]|0?[1-9])"
_M = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:19\d\d|2[01]\d\d)"


@lru_cache(maxsize=None)
def _date_pattern(languages: tuple[str, ...]) -> re.Pattern:
    names = sorted(_month_names(languages), key=len, reverse=True)
    month = r"(?P<month{k}>" + "|".join(map(re.escape, names)) + r")\b\.?"
    m1, m2, m3 = (month.format(k=k) for k in (1, 2, 3))
    of = r"(?:\s+(?:de|del)\s+|\s+)"  # "19 de noviembre de 2019"
    return re.compile(
        # 19 November 2019, 19. November 2019, 19 novembre 2019, 1er novembre 2019, 19 ноября 2019 г.
        rf"(?P<dmy>\b{_D}(?:\.|st|nd|rd|th|er)?(?:\s+de)?\s*{m1},?{of}{_Y}\b(?:\s*г\.)?)"
        # Nov. 19, 2019; November 19th, 2019
        rf"|(?P<mdy>\b{m2}\s*{_D}(?:st|nd|rd|th)?,?\s+{_Y}\b)"
        # 2019-11-19, 2019/11/19, 2019.11.19 (one separator throughout)
        rf"|(?P<ymd>\b{_Y}(?P<s1>[-/.]){_M}(?P=s1){_D}\b)"
        # 19.11.2019, 11/19/2019, 19-11-2019
        rf"|(?P<num>\b\d{{1,2}}(?P<s2>[-/.])\d{{1,2}}(?P=s2){_Y}\b)"
        # November 2019, noviembre de 2019 (a month)
        rf"|(?P<my>\b{m3},?{of}{_Y}\b)",
        re.IGNORECASE,
    )


_YEAR_IN = re.compile(r"(?:19|2[01])\d\d")  # every pattern holds a year: most lines are passed over


@lru_cache(maxsize=20_000)
def _parse_numeric(span: str, order: str) -> tuple[str | None, str | None]:
    """An all-number date (``19.11.2019``, ``11/19/2019``, ``2019-11-19``) read by dateutil in
    the order given: a hundred times faster than dateparser, which these need no locale for."""
    from dateutil import parser

    try:
        when = parser.parse(span, dayfirst=order == "DMY", yearfirst=order == "YMD")
    except (ValueError, OverflowError):
        return None, None
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        return None, None
    return when.date().isoformat(), "day"


def _numeric_order(span: str, sep: str, page_order: str) -> str | None:
    """The date order of an all-number date: fixed by a part above 12, else the page's."""
    a, b, _ = (int(x) for x in span.split(sep))
    if a > 12 and b <= 12:
        return "DMY"
    if b > 12 and a <= 12:
        return "MDY"
    if a > 12 and b > 12:
        return None
    return "DMY" if sep == "." else page_order  # 19.11.2019: day first wherever it is written


def find_dates(lines: Sequence[str], languages: Sequence[str] = LANGUAGES, *,
               date_order: str | None = None, start: int = 0, stop: int | None = None) -> list[DateMention]:
    """Every absolute date written in ``lines``, in page order.

    Parameters
    ----------
    lines : sequence of str
        The page's lines (blank ones are skipped, indices count them).
    languages : sequence of str
        dateparser language codes whose month names are looked for (default
        :data:`LANGUAGES`).
    date_order : str, optional
        ``"MDY"`` or ``"DMY"`` for all-number dates whose parts are both 12 or less
        (``03/04/2019``); default: month first on an English page (by its stopwords,
        :func:`framing.ingest.linefeatures.stoplist_language`), day first elsewhere.
        Dates written with dots (``19.11.2019``) are always read day first.
    start, stop : int, optional
        Look only at ``lines[start:stop]`` (indices still count from the page's first line).

    Returns
    -------
    list of DateMention
        ``line, start, end, text, iso, precision``.

    Examples
    --------
    >>> [(d.line, d.iso, d.precision) for d in find_dates(
    ...     ["Talks resume", "Von Anna Weber, 19. November 2019", "Archiv: Oktober 2019"])]
    [(1, '2019-11-19', 'day'), (2, '2019-10', 'month')]
    """
    langs = tuple(languages)
    pattern = _date_pattern(langs)
    names = _month_names(langs)
    order = date_order
    out: list[DateMention] = []
    start = max(0, start)
    stop = len(lines) if stop is None else min(stop, len(lines))
    for i in range(start, stop):
        line = lines[i]
        if not line or not _YEAR_IN.search(line):
            continue
        for m in pattern.finditer(line):
            span = m.group(0)
            if m.group("num"):
                if order is None:
                    order = _page_date_order(lines)
                how = _numeric_order(span, m.group("s2"), order)
                if how is None:
                    continue
                iso, precision = _parse_numeric(span, how)
            elif m.group("ymd"):
                iso, precision = _parse_numeric(span, "YMD")
            else:
                month = next(m.group(g) for g in ("month1", "month2", "month3") if m.group(g))
                if m.group("my") and len(month) < 4 and month.islower():
                    continue  # "we set 2019 goals", "you may 2019": a word, not a month
                iso, precision = _parse(span, names.get(month.lower().rstrip("."), langs), None)
            if iso is not None:
                out.append(DateMention(i, m.start(), m.end(), span, iso, precision))
    return out


def _page_date_order(lines: Sequence[str]) -> str:
    return "MDY" if stoplist_language(list(lines)) == "English" else "DMY"


# ------------------------------------------------------------------ URLs

_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?:(?P=sep)(?P<d>0[1-9]|[12]\d|3[01]))?(?!\d)")


def date_from_url(url: str | None) -> tuple[str | None, str | None]:
    """The date in a URL's path: ``/2019/11/19/`` (a day), ``/2019/11/`` (a month),
    ``/2019-11-19-slug``, ``/20191119/``.

    Returns
    -------
    tuple
        ``(iso, precision)`` as :func:`parse_date` gives them, or ``(None, None)``.

    Examples
    --------
    >>> date_from_url("https://example.org/news/2019/11/19/talks-resume/")
    ('2019-11-19', 'day')
    >>> date_from_url("https://example.org/2019/11/talks-resume")
    ('2019-11', 'month')
    >>> date_from_url("https://example.org/news/talks-resume-1234567")
    (None, None)
    """
    if not url:
        return None, None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", str(url), flags=re.I).split("?")[0].split("#")[0]
    for m in _URL_DATE.finditer(path):
        sep = m.group("sep")
        # a month without a day only as a path of its own (/2019/11/), not digits in a slug
        if m.group("d") is None and sep != "/":
            continue
        written = f"{m.group('y')}-{m.group('m')}" + (f"-{m.group('d')}" if m.group("d") else "")
        iso, precision = parse_date(written)
        if iso is not None:
            return iso, precision
    return None, None


# ------------------------------------------------------------------ the publication date

# How far from the headline (in lines: before, after) a date counts as the page's own. Chosen on
# the public pages (benchmarks/bench_metadata.py): the nearest date within 3 lines above and 5
# below, else the page's first date, else the URL's, was right on 66% of them.
NEAR_HEADLINE = (3, 5)


class PublicationDate(NamedTuple):
    """A page's publication date and where it was read (see :func:`publication_date`)."""

    iso: str | None
    precision: str | None
    line: int | None  # the line it is written on (None: from the URL, or none found)
    source: str | None  # "text" (near the headline), "text (first date)", "url"


def publication_date(lines: Sequence[str], headline: int | None = None, *, url: str | None = None,
                     languages: Sequence[str] = LANGUAGES, near: tuple[int, int] = NEAR_HEADLINE
                     ) -> PublicationDate:
    """The publication date of a page: the date written nearest its headline, else its first date.

    The rule was chosen by measurement on 983 public pages (see ``BENCHMARKS.md``,
    "Titles and dates from text dumps"): a date of day precision within
    ``near = (before, after)`` lines of the headline (the nearest; at equal distance the
    one below), else the first date of day precision on the page, else the date in
    the URL's path (:func:`date_from_url`). Skipping dates on lines that say
    "updated" did not help there, so it is not done.

    Parameters
    ----------
    lines : sequence of str
        The page's lines.
    headline : int, optional
        Index of the headline's line (:func:`framing.ingest.headlines.find_headline`).
    url : str, optional
        The page's URL, the last resort.
    languages : sequence of str
        As in :func:`find_dates`.
    near : tuple of int
        Lines above and below the headline searched first.

    Returns
    -------
    PublicationDate
        ``iso, precision, line, source``; all None when no date is found.

    Examples
    --------
    >>> publication_date(["Updated 2 March 2020", "Talks resume", "19 November 2019", "Story ..."],
    ...                  headline=1)
    PublicationDate(iso='2019-11-19', precision='day', line=2, source='text')
    >>> publication_date(["Talks resume"], 0, url="https://example.org/2019/11/19/talks")
    PublicationDate(iso='2019-11-19', precision='day', line=None, source='url')
    """
    langs = tuple(languages)
    if headline is not None:
        days = [m for m in find_dates(lines, langs, start=headline - near[0], stop=headline + near[1] + 1)
                if m.precision == "day"]
        if days:
            best = min(days, key=lambda m: (abs(m.line - headline), m.line < headline))
            return PublicationDate(best.iso, best.precision, best.line, "text")
    # the first date of the page: lines are read until one holds a day (parsing is the costly part)
    for i in range(len(lines)):
        days = [m for m in find_dates(lines, langs, start=i, stop=i + 1) if m.precision == "day"]
        if days:
            return PublicationDate(days[0].iso, "day", i, "text (first date)")
    iso, precision = date_from_url(url)
    if iso is not None:
        return PublicationDate(iso, precision, None, "url")
    return PublicationDate(None, None, None, None)
