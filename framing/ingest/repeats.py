"""Outlet boilerplate: short lines one outlet prints in many of its articles.

Sign-up prompts ("Get the Newsletter", "Enjoying this article? Click here to
subscribe ..."), "Advertisement", share and app prompts survive a scraper or a
news API's text field in every article of an outlet. Left in, they rank among
that outlet's distinctive terms and show up as text reuse. A line is treated as
the outlet's boilerplate when

- it has at most :data:`MAX_WORDS` words,
- it occurs (case and spacing aside) in at least :data:`MIN_ARTICLES` articles
  (pages or records) of the *same* outlet — repetition within one outlet, not
  across outlets: a wire sentence reprinted by five outlets once each is reuse,
  not boilerplate — and
- its words do not read as story text: the term scorer of the shipped line model
  (:class:`framing.ingest.linemodel.LineTermScorer`, fitted on 983 real pages
  of 941 sites) gives it a probability of main text below :data:`MAX_P_MAIN`.

The last test keeps the stock sentences that outlets do repeat as story text
("The Belt and Road Initiative was proposed by China in 2013." scores 0.36,
"Get the Newsletter" 0.03). The cut 0.15 was chosen on the public pages of
``../shared/validation/extraction`` with site-grouped, out-of-fold term scores:
below it lie 2.8% of the short lines that hold main text and 33% of the short
boilerplate lines; the repetition supplies the rest of the evidence.

Counting is a sum over articles, so the same lines are found whether the corpus
is read at once (:func:`framing.read_corpus`) or partition by partition
(:mod:`framing.scale` sums :func:`line_counts` of each partition and hands the
result of :func:`outlet_boilerplate` to every partition's cleaning).

Examples
--------
>>> counts = pd.DataFrame({"outlet": ["Daily A"] * 2, "line": ["get the newsletter", "ministers met on monday."],
...                        "n_articles": [4, 4]})
>>> outlet_boilerplate(counts)
{'Daily A': {'get the newsletter': 4}}
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd

from ..lexicon import host_of
from .linemodel import load_line_model

__all__ = ["MAX_WORDS", "MIN_ARTICLES", "MAX_P_MAIN", "COUNT_COLUMNS", "line_key", "outlet_of", "line_counts",
           "outlet_boilerplate"]

MAX_WORDS = 20
MIN_ARTICLES = 3
MAX_P_MAIN = 0.15
COUNT_COLUMNS = ["outlet", "line", "n_articles"]


def line_key(line: str) -> str:
    """A line as it is compared: case-folded, runs of white space as one space."""
    return " ".join(line.split()).casefold()


def outlet_of(meta: dict, sidecar: dict | None = None) -> str | None:
    """The outlet a page's repetitions are counted under: its declared publisher
    (sidecar first, then the record's or page's own), else the host of its domain
    or URL; None when there is neither."""
    sidecar = sidecar or {}
    declared = sidecar.get("publisher") or meta.get("publisher")
    if isinstance(declared, str) and declared.strip():
        return declared.strip()
    return host_of(meta.get("domain")) or host_of(sidecar.get("url") or meta.get("url"))


def line_counts(pages: Iterable, sidecars: dict[str, dict] | None = None) -> pd.DataFrame:
    """How many pages of each outlet hold each short line.

    Parameters
    ----------
    pages : iterable of Page
        Pages or records as :func:`framing.ingest.readers.read_file` gives them.
    sidecars : dict, optional
        Sidecar metadata by ``source_file``.

    Returns
    -------
    DataFrame
        ``outlet, line, n_articles``: every line of at most :data:`MAX_WORDS`
        words (as :func:`line_key` gives it), counted once per page. Tables of
        several partitions add up: sum ``n_articles`` by ``outlet, line``.
    """
    sidecars = sidecars or {}
    counts: Counter = Counter()
    for page in pages:
        if page.meta.get("unparsed"):
            continue
        outlet = outlet_of(page.meta, sidecars.get(page.source_file))
        if outlet is None:
            continue
        keys = {line_key(s) for s in page.lines if 0 < len(s.split()) <= MAX_WORDS}
        counts.update((outlet, k) for k in keys)
    if not counts:
        return pd.DataFrame({c: pd.Series([], dtype="int64" if c == "n_articles" else object) for c in COUNT_COLUMNS})
    (outlets, lines), n = zip(*counts.keys()), list(counts.values())
    return pd.DataFrame({"outlet": outlets, "line": lines, "n_articles": np.array(n, dtype=np.int64)})


def outlet_boilerplate(counts: pd.DataFrame, *, min_articles: int = MIN_ARTICLES,
                       max_p_main: float = MAX_P_MAIN, terms=None) -> dict[str, dict[str, int]]:
    """The lines that are an outlet's boilerplate, from :func:`line_counts` tables.

    Parameters
    ----------
    counts : DataFrame
        ``outlet, line, n_articles``; rows of the same ``(outlet, line)`` are summed.
    min_articles : int, default 3
        Articles of one outlet a line must occur in.
    max_p_main : float, default 0.15
        A repeated line whose words give at least this probability of main text
        is kept as story text.
    terms : LineTermScorer, optional
        The term scorer (default: the shipped line model's).

    Returns
    -------
    dict
        outlet -> {line (as :func:`line_key` gives it): number of its articles holding it}.
    """
    if counts.empty:
        return {}
    summed = counts.groupby(["outlet", "line"], sort=True)["n_articles"].sum()
    summed = summed[summed >= min_articles]
    if summed.empty:
        return {}
    if terms is None:
        terms = load_line_model().terms
    lines = summed.index.get_level_values("line").tolist()
    p_main = terms.predict_proba(lines)[:, 1]
    out: dict[str, dict[str, int]] = {}
    for (outlet, line), n, p in zip(summed.index, summed.to_numpy(), p_main):
        if p < max_p_main:
            out.setdefault(outlet, {})[line] = int(n)
    return out
