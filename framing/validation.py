"""Readers for the labelled validation sets in ``../shared/validation`` (read in place, never copied).

Examples
--------
>>> texts, labels, ids = load_semeval_frames("../shared/validation/semeval2023_task3_en")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["load_semeval_frames", "HEADLINE_OUTLETS", "load_headlines"]


def load_semeval_frames(folder: str | Path) -> tuple[list[str], list[list[str]], list[str]]:
    """SemEval-2023 Task 3 (English) articles and their frame labels.

    Returns ``(texts, labels, ids)``: the article texts (title on line 1), the
    list of frame labels of each, and the article ids; articles without a
    label line are left out.
    """
    folder = Path(folder)
    labels: dict[str, list[str]] = {}
    for line in (folder / "train-labels-frames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            labels[parts[0].strip()] = [x for x in parts[1].strip().split(",") if x]
    texts, out_labels, ids = [], [], []
    for art_id in sorted(labels):
        path = folder / "train-articles" / f"article{art_id}.txt"
        if path.exists():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
            out_labels.append(labels[art_id])
            ids.append(art_id)
    return texts, out_labels, ids


# outlet keys used in the headlines file -> canonical names in lexicons/outlets.yaml
HEADLINE_OUTLETS = {"bbc": "BBC", "cgtn": "CGTN", "xinhuanet": "Xinhua", "globaltimes": "Global Times",
                    "chinadaily": "China Daily"}


def _headline_dates(raw):
    """ISO dates from the mixed timestamp formats of the headlines file (the first date when
    a Global Times stamp reads ``Published: ... Updated: ...``)."""
    import pandas as pd

    clean = (raw.astype(str).str.replace(r"^\s*(?:Published|Updated):\s*", "", regex=True)
             .str.replace(r"\s*Updated:.*$", "", regex=True))
    stamps = pd.to_datetime(clean, format="mixed", utc=True, errors="coerce")
    return stamps.dt.strftime("%Y-%m-%d").where(stamps.notna(), None)


def load_headlines(path: str | Path, *, outlets=None):
    """The state-media vs BBC headlines (``outlet, section, timestamp_raw, headline``) as a Corpus.

    One article per headline: ``title`` and ``text`` are the headline (white
    space collapsed),
    ``publisher`` the outlet's canonical name (``xinhuanet`` -> ``Xinhua``),
    ``source_type`` from ``lexicons/outlets.yaml`` (``state_media`` for CGTN,
    Xinhua, Global Times and China Daily; ``broadcaster`` for the BBC),
    ``published`` the ISO date parsed from the file's mixed timestamp formats,
    ``original_source`` the publisher (a headline carries no provenance cue),
    ``notes`` the site section (``UK``, ``WORLD``, ``CHINA``) and ``doc_id``
    ``<file stem>#<row>``. Headlines are single short paragraphs: fit topics on
    them with ``fit_topics(corpus, level="article", min_words=3)``. The BBC
    headlines come from its UK and WORLD sections, the state media's from CHINA
    and WORLD: compare ``notes == "WORLD"`` alone to set home news aside.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    outlets : Outlets, optional
        Outlet lexicon (default: the packaged one); outlets it does not know keep
        their key as publisher and get no source type.

    Raises
    ------
    KeyError
        Naming the file and the missing column.

    Examples
    --------
    >>> c = load_headlines("../shared/validation/headlines/state_media_vs_bbc_2022.csv")  # doctest: +SKIP
    >>> c.articles.groupby("source_type").size().to_dict()                               # doctest: +SKIP
    {'broadcaster': 3398, 'state_media': 34417}
    >>> from framing.topics import fit_topics
    >>> shares = fit_topics(c, level="article", min_words=3, embedding="tfidf").by_group("publisher")  # doctest: +SKIP
    """
    import pandas as pd

    from .corpus import Corpus
    from .lexicon import load_outlets

    path = Path(path)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("outlet", "headline") if c not in df.columns]
    if missing:
        raise KeyError(f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(df.columns)})")
    lex = load_outlets() if outlets is None else outlets
    keys = df["outlet"].str.strip()
    names = {k: HEADLINE_OUTLETS.get(k.lower()) or lex.canonical(k) or k for k in keys.unique()}
    publisher = keys.map(names)
    headline = df["headline"].str.split().str.join(" ")  # a few headlines carry line breaks
    frame = pd.DataFrame({
        "doc_id": [f"{path.stem}#{i}" for i in range(1, len(df) + 1)],
        "title": headline, "text": headline, "publisher": publisher, "original_source": publisher,
        "provenance": "no cue in the text; assumed to be the publisher",
        "source_type": publisher.map({n: lex.source_type(n) for n in names.values()}),
        "published": _headline_dates(df["timestamp_raw"]) if "timestamp_raw" in df.columns else None,
        "notes": df["section"] if "section" in df.columns else None,
        "source_file": path.name, "record_id": [str(i) for i in range(1, len(df) + 1)], "format": "csv"})
    return Corpus.from_frame(frame, doc_id="doc_id")
