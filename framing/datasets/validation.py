"""The labelled validation sets in ``../shared/validation`` (read in place, never copied) and the
frame-detection evaluation on SemEval-2023 Task 3 that VALIDATION.md reports.

Examples
--------
>>> texts, labels, ids = load_semeval_frames("../shared/validation/semeval2023_task3_en")  # doctest: +SKIP
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from ..corpus import Corpus
from ..frames import cross_validate_frames, frame_scores, load_frames
from ..lexicon import load_lexicon, load_outlets

__all__ = ["load_semeval_frames", "HEADLINE_OUTLETS", "load_headlines", "evaluate_semeval_frames"]


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
    """The day (UTC) of each of the mixed timestamp formats of the headlines file (the first date
    when a Global Times stamp reads ``Published: ... Updated: ...``), NaT where there is none."""
    clean = (raw.astype(str).str.replace(r"^\s*(?:Published|Updated):\s*", "", regex=True)
             .str.replace(r"\s*Updated:.*$", "", regex=True))
    stamps = pd.to_datetime(clean, format="mixed", utc=True, errors="coerce")
    return stamps.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")


def load_headlines(path: str | Path, *, outlets=None):
    """The state-media vs BBC headlines (``outlet, section, timestamp_raw, headline``) as a Corpus.

    One article per headline: ``title`` and ``text`` are the headline (white
    space collapsed),
    ``publisher`` the outlet's canonical name (``xinhuanet`` -> ``Xinhua``),
    ``source_type`` from ``lexicons/outlets.yaml`` (``state_media`` for CGTN,
    Xinhua, Global Times and China Daily; ``broadcaster`` for the BBC),
    ``published`` the day (UTC, precision ``day``) of the file's mixed timestamp formats,
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


def evaluate_semeval_frames(semeval: str | Path, *, embedding: bool = True) -> dict:
    """Frame detection on SemEval-2023 Task 3 (English, 14 MFC frames, multi-label): micro and macro F1.

    Methods, each against the articles' gold frames:

    - ``dictionary``: ``frame_scores(method="dictionary", scheme="policy")``; an
      article has a frame when the frame holds at least 10% of the article's
      frame-term hits and at least 2 hits (a fixed rule, set before looking at
      these data);
    - ``embedding``: ``frame_scores(method="embedding", scheme="policy")``; an
      article has the frames whose mean similarity is within 0.02 of its best
      frame, plus the best;
    - ``classifier``: :class:`framing.frames.FrameClassifier`, 5-fold
      cross-validated (:func:`framing.frames.cross_validate_frames`, seed 0),
      with the ``majority`` and ``random`` baselines on the same folds.

    Parameters
    ----------
    semeval : str or Path
        The folder of the English task-3 data (``train-labels-frames.txt`` and
        ``train-articles/``).
    embedding : bool, default True
        Run the embedding method (encodes every paragraph with MiniLM: minutes
        on a CPU).

    Returns
    -------
    dict
        ``n_articles``, ``frames``, ``frames_lexicon_version``, ``methods``
        (name -> ``micro_f1, macro_f1, seconds``), ``dictionary_per_frame`` and
        ``classifier_per_frame`` (frame -> ``precision, recall, f1, support``).

    Examples
    --------
    >>> res = evaluate_semeval_frames("../shared/validation/semeval2023_task3_en")  # doctest: +SKIP
    >>> round(res["methods"]["classifier"]["micro_f1"], 2)                          # doctest: +SKIP
    0.69
    """
    # sklearn.metrics is needed by this evaluation alone
    from sklearn.metrics import f1_score, precision_recall_fscore_support
    from sklearn.preprocessing import MultiLabelBinarizer

    texts, labels, ids = load_semeval_frames(semeval)
    frames = load_frames("policy")
    to_label = {f.id: f.semeval for f in frames if f.semeval}
    mlb = MultiLabelBinarizer(classes=sorted(to_label.values()))
    Y = mlb.fit_transform(labels)
    corpus = Corpus.from_frame([{"text": t, "doc_id": i} for t, i in zip(texts, ids)], doc_id="doc_id")
    out: dict = {"n_articles": len(texts), "frames": list(mlb.classes_),
                 "frames_lexicon_version": load_lexicon("frames")["version"], "methods": {}}

    def record(name, P, seconds):
        out["methods"][name] = {"micro_f1": float(f1_score(Y, P, average="micro", zero_division=0)),
                                "macro_f1": float(f1_score(Y, P, average="macro", zero_division=0)),
                                "seconds": round(seconds, 1)}

    t0 = time.perf_counter()
    d = frame_scores(corpus, scheme="policy", method="dictionary")
    d = d[d["frame"].isin(to_label)]
    d = d.assign(label=d["frame"].map(to_label), pred=(d["score"] >= 0.10) & (d["hits"] >= 2))
    P = d.pivot(index="doc_id", columns="label", values="pred").reindex(index=ids, columns=mlb.classes_)
    P = P.fillna(False).to_numpy().astype(int)
    record("dictionary", P, time.perf_counter() - t0)
    p, r, f, n = precision_recall_fscore_support(Y, P, zero_division=0)
    out["dictionary_per_frame"] = {c: {"precision": round(float(p[j]), 3), "recall": round(float(r[j]), 3),
                                       "f1": round(float(f[j]), 3), "support": int(n[j])}
                                   for j, c in enumerate(mlb.classes_)}

    if embedding:
        t0 = time.perf_counter()
        e = frame_scores(corpus, scheme="policy", method="embedding")
        e = e[e["frame"].isin(to_label)].assign(label=lambda x: x["frame"].map(to_label))
        S = e.pivot(index="doc_id", columns="label", values="score").reindex(index=ids, columns=mlb.classes_)
        S = S.to_numpy()
        P = (S >= S.max(axis=1, keepdims=True) - 0.02).astype(int)
        record("embedding", P, time.perf_counter() - t0)

    t0 = time.perf_counter()
    cv = cross_validate_frames(texts, labels, cv=5, random_state=0)
    seconds = time.perf_counter() - t0
    for method in ("classifier", "majority", "random"):
        rows = cv[(cv["method"] == method)].set_index("frame")
        out["methods"][method] = {"micro_f1": float(rows.loc["(micro)", "f1"]),
                                  "macro_f1": float(rows.loc["(macro)", "f1"]),
                                  "seconds": round(seconds, 1) if method == "classifier" else None}
    out["classifier_per_frame"] = {
        r.frame: {"precision": round(r.precision, 3), "recall": round(r.recall, 3), "f1": round(r.f1, 3),
                  "support": int(r.support)}
        for r in cv[(cv["method"] == "classifier") & ~cv["frame"].str.startswith("(")].itertuples()}
    return out
