"""Article rows as the reuse measures read them: known values, full dates, whose words they carry.

Examples
--------
>>> known("  "), known("Xinhua"), voice({"publisher": "The Star", "original_source": "Xinhua"})
(None, 'Xinhua', 'Xinhua')
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

__all__ = ["known", "article_records", "full_date", "voice"]


def known(value) -> str | None:
    """``value`` as a string, or None when it is missing or blank."""
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def article_records(articles: pd.DataFrame) -> dict[str, dict]:
    """Article rows by doc_id, in corpus order, with missing values as None."""
    return {r["doc_id"]: {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
            for r in articles.to_dict("records")}


def full_date(value, precision=None) -> pd.Timestamp | None:
    """The day of a publication date given to the day, else None.

    ``value`` is an article's ``published``: a date (with ``precision``, its
    ``published_precision``: only ``"day"`` or a missing precision gives a day)
    or ISO text (``YYYY-MM-DD...``; ``"2025-06"`` is no day).

    Examples
    --------
    >>> full_date(pd.Timestamp("2025-06-01"), "month") is None, full_date("2025-06-17")
    (True, Timestamp('2025-06-17 00:00:00'))
    """
    if isinstance(value, pd.Timestamp):
        # "2025-06" says nothing about which of two June articles came first
        return None if value is pd.NaT or known(precision) not in (None, "day") else value.normalize()
    value = known(value)
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return None
    return _day(value[:10])


@lru_cache(maxsize=65536)
def _day(text: str) -> pd.Timestamp | None:
    # pd.to_datetime costs ~100 us a call, and a corpus has few distinct days
    ts = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
    return None if pd.isna(ts) else ts


def voice(row: dict) -> str | None:
    """Whose words an article carries: its original source, else its publisher."""
    return known(row.get("original_source")) or known(row.get("publisher"))
