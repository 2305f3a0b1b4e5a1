"""The public labelled pages of ``../shared/validation/extraction``: reading, labelling, scoring.

Used by ``build_line_model.py`` (which fits the shipped line model) and
``bench_extraction.py`` (which measures it). Nothing here is copied from the data
set; it is read from ``../shared`` at run time.

* :func:`load_pages`: each page's non-blank dump lines, its site (registered
  domain; for web.archive.org copies, the archived site), its snippets;
* :func:`line_labels`: which dump lines are main text: the lines that
  ``trafilatura.extract`` keeps from the page's HTML (aligned by text), overruled by
  the page's own ``with``/``without`` snippets where those fall on a line;
* :func:`snippet_scores`: trafilatura's evaluation metric (a ``with`` snippet found
  in the kept text is a true positive, one missed a false negative; a ``without``
  snippet found is a false positive);
* :func:`silver_metadata` and :func:`metadata_scores`: the share of pages whose
  title and date an extractor finds, against ``metadata_trafilatura.json``:
  trafilatura's own ``extract_metadata`` output, silver labels made by a program
  (the one framing's HTML route uses), not by people.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION = ROOT.parent / "shared" / "validation" / "extraction"

_WS = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


def norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def site_of(url: str) -> str:
    """Registered domain of a page's URL; an archive.org copy counts as the site it archived."""
    from courlan import extract_domain

    m = re.search(r"web\.archive\.org/web/[^/]+/(.+)$", url)
    if m:
        url = m.group(1)
        if not url.startswith("http"):
            url = "http://" + url
    return extract_domain(url) or url


@dataclass
class LabelledPage:
    name: str  # file name in pages/
    site: str
    lines: list[str]  # non-blank lines, in order
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    url: str = ""


def require_data(folder: Path = EXTRACTION) -> Path:
    if not (folder / "expected.json").exists():
        raise SystemExit(f"{folder}: the labelled extraction pages are not there (../shared/validation/extraction)")
    return folder


def load_pages(folder: Path = EXTRACTION) -> list[LabelledPage]:
    """The pages with their snippets, sorted by file name."""
    folder = require_data(folder)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(expected):
        e = expected[name]
        raw = (folder / "pages" / name).read_bytes().decode("utf-8", errors="replace")
        lines = [line for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
        pages.append(LabelledPage(name, site_of(e.get("url", name)), lines, list(e["with"]), list(e["without"]),
                                  e.get("url", "")))
    return pages


def data_fingerprint(folder: Path = EXTRACTION) -> str:
    """SHA-256 over expected.json and every dump and HTML file, in name order."""
    h = hashlib.sha256()
    for p in [folder / "expected.json"] + sorted((folder / "pages").iterdir()) + sorted((folder / "html").iterdir()):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def trafilatura_text(folder: Path, name: str) -> str:
    """``trafilatura.extract`` on the page's original HTML (comments excluded, tables kept)."""
    import trafilatura

    html = gzip.open(folder / "html" / (Path(name).stem + ".html.gz"), "rb").read()
    try:
        return trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    except Exception:  # an extractor failure leaves the page unlabelled by it
        return ""


def snippet_line_labels(page: LabelledPage) -> np.ndarray:
    """1 for lines holding a ``with`` snippet, 0 for ``without``, -1 for the rest
    (``with`` wins a tie; a snippet across lines marks each line it touches)."""
    out = np.full(len(page.lines), -1, dtype=np.int64)
    normed = [norm(line).lower() for line in page.lines]
    joined = " ".join(normed)
    starts = np.cumsum([0] + [len(t) + 1 for t in normed])
    for snippets, value in ((page.without, 0), (page.with_, 1)):
        for s in snippets:
            sn = norm(s).lower()
            if not sn:
                continue
            hit = [i for i, t in enumerate(normed) if sn in t]
            if not hit:
                pos = joined.find(sn)
                if pos >= 0:
                    hit = [i for i in range(len(normed)) if starts[i] < pos + len(sn) and starts[i] + len(normed[i]) > pos]
            for i in hit:
                out[i] = value
    return out


def snippet_scores(kept: dict[str, str], pages: list[LabelledPage]) -> dict:
    """Precision, recall and F1 of the snippet metric, and pages with nothing kept."""
    tp = fn = fp = 0
    empty = 0
    for page in pages:
        text = norm(kept.get(page.name, ""))
        empty += not text
        for s in page.with_:
            if norm(s) in text:
                tp += 1
            else:
                fn += 1
        fp += sum(norm(s) in text for s in page.without)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f = 2 * p * r / max(p + r, 1e-12)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pages_without_text": empty,
            "n_pages": len(pages)}


def silver_metadata(folder: Path = EXTRACTION) -> dict[str, dict]:
    """Per page (dump file name): the title, date, author and site name that trafilatura's
    ``extract_metadata`` finds in its HTML. Silver labels: a program's output, not a person's."""
    return json.loads((require_data(folder) / "metadata_trafilatura.json").read_text(encoding="utf-8"))


_PUNCT = re.compile(r"[^\w\s]")


def title_key(title: str | None) -> str:
    """A title lower-cased, without punctuation, whitespace collapsed."""
    return norm(_PUNCT.sub(" ", (title or "").lower()))


def title_right(found: str | None, silver: str | None) -> bool:
    """difflib's ratio of the two :func:`title_key` values is at least 0.8."""
    from difflib import SequenceMatcher

    a, b = title_key(found), title_key(silver)
    return bool(a and b) and SequenceMatcher(None, a, b).ratio() >= 0.8


def date_right(found: str | None, silver: str | None) -> bool:
    """The same calendar day (both read as ISO ``YYYY-MM-DD...``)."""
    return bool(found and silver) and str(found)[:10] == str(silver)[:10]


def metadata_scores(titles: dict[str, list], dates: dict[str, list], silver: dict[str, dict]) -> dict:
    """Share of pages where any article's title (date) is right, over the pages with a silver title (date)."""
    with_title = [n for n in silver if silver[n].get("title")]
    with_date = [n for n in silver if silver[n].get("date")]
    t = sum(any(title_right(x, silver[n]["title"]) for x in titles.get(n, [])) for n in with_title)
    d = sum(any(date_right(x, silver[n]["date"]) for x in dates.get(n, [])) for n in with_date)
    return {"title_right": t, "pages_with_silver_title": len(with_title),
            "title_right_share": round(t / max(len(with_title), 1), 4),
            "date_right": d, "pages_with_silver_date": len(with_date),
            "date_right_share": round(d / max(len(with_date), 1), 4)}
