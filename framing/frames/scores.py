"""Frame scores per article or paragraph: dictionary hits or embedding similarity, and the
terms that drove each frame.

The ``dominant`` column follows the rule of :func:`framing.frames.profiles.dominant_mask`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..embeddings import embed
from ..matching import PhraseMatcher
from ..reuse import deduplicated
from ..stats import document_groups
from ..text import count_words
from .profiles import DOMINANT_MARGIN, DOMINANT_MIN_HITS, dominant_mask
from .schemes import load_frames

__all__ = ["FRAME_COLUMNS", "dictionary_hits", "embedding_similarity", "frame_scores", "frame_terms"]

FRAME_COLUMNS = ["doc_id", "scheme", "frame", "hits", "per_1k", "score", "dominant", "label"]


@lru_cache(maxsize=8)
def _matcher(scheme: str, path: str | None) -> PhraseMatcher:
    frames = load_frames(scheme, path)
    phrases = {}
    for f in frames:
        for t in f.terms:
            phrases.setdefault(t, f.id)
    return PhraseMatcher(phrases)


def _units(corpus, level: str) -> pd.DataFrame:
    if level == "article":
        a = corpus.articles
        return pd.DataFrame({"doc_id": a["doc_id"], "text": a["text"].astype(str), "n_words": a["n_words"]})
    if level == "paragraph":
        p = corpus.paragraphs
        return pd.DataFrame({"doc_id": p["doc_id"], "para_id": p["para_id"], "text": p["text"].astype(str),
                             "n_words": [count_words(t) for t in p["text"]]})
    raise ValueError(f"level must be 'article' or 'paragraph', got {level!r}")


def dictionary_hits(texts, scheme: str = "relationship", path: str | None = None) -> np.ndarray:
    """Frame term hits per text: an array of shape (n_texts, n_frames)."""
    frames = load_frames(scheme, path)
    index = {f.id: j for j, f in enumerate(frames)}
    matcher = _matcher(scheme, path)
    out = np.zeros((len(texts), len(frames)), dtype=np.int64)
    for i, t in enumerate(texts):
        for h in matcher.find(str(t)):
            out[i, index[h.key]] += 1
    return out


@lru_cache(maxsize=8)
def _seed_vectors(scheme: str, path: str | None) -> np.ndarray:
    frames = load_frames(scheme, path)
    vecs = []
    for f in frames:
        seeds = list(f.seeds) or list(f.terms[:10]) or [f.label]
        v = embed(seeds).mean(axis=0)
        vecs.append(v / np.linalg.norm(v))
    return np.vstack(vecs)


def embedding_similarity(texts, scheme: str = "relationship", path: str | None = None) -> np.ndarray:
    """Cosine similarity of each text to each frame's seed centroid, shape (n_texts, n_frames)."""
    if len(texts) == 0:
        return np.zeros((0, len(load_frames(scheme, path))))
    return embed(list(texts)) @ _seed_vectors(scheme, path).T


def frame_scores(corpus, scheme: str = "relationship", level: str = "article", *, method: str = "dictionary",
                 path: str | None = None, margin: float | None = None,
                 min_hits: int = DOMINANT_MIN_HITS) -> pd.DataFrame:
    """Frame scores per article or paragraph.

    Parameters
    ----------
    corpus : Corpus
    scheme : {"relationship", "policy"}
    level : {"article", "paragraph"}
    method : {"dictionary", "embedding"}
    path : str, optional
        A user frames YAML of the same form.
    margin : float, optional
        How far the top frame's ``score`` must lead the runner-up's for it
        to be ``dominant``: 0.10 (ten points of the unit's frame hits) for the
        dictionary, 0 (any lead) for the embedding method.
    min_hits : int, default 2
        Dictionary: the fewest hits a dominant frame has; one word makes no
        dominant frame.

    Returns
    -------
    DataFrame
        One row per (unit, frame): ``doc_id, scheme, frame, hits, per_1k,
        score, dominant, label`` (``para_id`` after ``doc_id`` at paragraph
        level). Dictionary: ``hits`` are term matches, ``per_1k`` their rate
        per 1,000 words, ``score`` the frame's share of the unit's hits.
        Embedding: ``score`` is the cosine similarity to the frame's seeds;
        ``hits`` counts the unit's paragraphs nearest to that frame (1/0 at
        paragraph level) and ``per_1k`` is NaN. ``dominant`` marks the
        unit's dominant frame, if it has one (see Notes).

    Notes
    -----
    A unit has a dominant frame when its top frame leads the runner-up by at
    least ``margin`` (and, for the dictionary, has ``min_hits`` hits); a tie,
    a narrow lead or a single hit leaves every ``dominant`` False, which
    :func:`dominant_frames` reports as "mixed" (or "none" without hits). The
    rule reads one unit at a time, so it cannot tell a frame from a corpus'
    subject: on a corpus all about one subject, read the frame against the
    corpus average with ``dominant_frames(scores, relative=True)`` or
    ``frame_profile(..., relative=True)``, and check which terms drove a
    frame with :func:`frame_terms`.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "A debt trap? No: win-win cooperation and mutual trust."},
    ...                        {"text": "Win-win cooperation, they say; critics see a debt trap."}])
    >>> s = frame_scores(c)
    >>> s[s["dominant"]][["doc_id", "frame", "hits", "score"]].round(2).values.tolist()
    [['doc#1', 'partnership_mutual_benefit', 2, 0.67]]
    >>> s[(s["doc_id"] == "doc#2") & (s["hits"] > 0)]["score"].tolist()  # a tie: no frame dominates
    [0.5, 0.5]
    """
    if method not in ("dictionary", "embedding"):
        raise ValueError(f"method must be 'dictionary' or 'embedding', got {method!r}")
    frames = load_frames(scheme, path)
    if level == "article" and method == "embedding":
        paras = _units(corpus, "paragraph")
        sims = embedding_similarity(paras["text"].tolist(), scheme, path)
        ids = corpus.articles["doc_id"].tolist()
        order = {d: i for i, d in enumerate(ids)}
        score = np.zeros((len(ids), len(frames)))
        hits = np.zeros((len(ids), len(frames)), dtype=np.int64)
        weights = np.zeros(len(ids))
        nearest = sims.argmax(axis=1) if len(sims) else np.array([], dtype=int)
        for k, d in enumerate(paras["doc_id"]):
            i = order[d]
            w = max(paras["n_words"].iat[k], 1)
            score[i] += w * sims[k]
            weights[i] += w
            hits[i, nearest[k]] += 1
        score = np.divide(score, weights[:, None], out=np.zeros_like(score), where=weights[:, None] > 0)
        units = pd.DataFrame({"doc_id": ids})
        per_1k = np.full(score.shape, np.nan)
    else:
        units = _units(corpus, level)
        texts = units["text"].tolist()
        if method == "dictionary":
            hits = dictionary_hits(texts, scheme, path)
            words = units["n_words"].to_numpy(dtype=float)[:, None]
            per_1k = np.divide(1000 * hits, words, out=np.zeros(hits.shape), where=words > 0)
            total = hits.sum(axis=1, keepdims=True)
            score = np.divide(hits, total, out=np.zeros(hits.shape), where=total > 0)
        else:
            score = embedding_similarity(texts, scheme, path)
            hits = np.zeros(score.shape, dtype=np.int64)
            if len(score):
                hits[np.arange(len(score)), score.argmax(axis=1)] = 1
            per_1k = np.full(score.shape, np.nan)
    if method == "dictionary":
        dominant = dominant_mask(score, hits, margin=DOMINANT_MARGIN if margin is None else margin,
                                 min_hits=min_hits)[0]
    else:
        dominant = dominant_mask(score, None, margin=0.0 if margin is None else margin, min_hits=0)[0]
    n_units, n_frames = score.shape
    out = pd.DataFrame({
        "doc_id": np.repeat(units["doc_id"].to_numpy(), n_frames),
        "scheme": scheme,
        "frame": np.tile([f.id for f in frames], n_units),
        "hits": hits.ravel(),
        "per_1k": per_1k.ravel(),
        "score": score.ravel(),
        "dominant": dominant.ravel(),
        "label": np.tile([f.label for f in frames], n_units),
    })
    if "para_id" in units.columns:
        out.insert(1, "para_id", np.repeat(units["para_id"].to_numpy(), n_frames))
    return out


def frame_terms(corpus, scheme: str = "relationship", by: str | None = "source_type", *, path: str | None = None,
                dedupe: str = "none") -> pd.DataFrame:
    """Which cues drove each frame: dictionary hits per group, frame and term.

    A frame's score is only as good as its terms. When one term supplies most
    of a frame's hits ("digital" for development, say), the frame is measuring
    a subject, not a way of presenting it: read the term's sentences (e.g.
    ``framing.slogans.kwic``) before reporting the frame.

    Parameters
    ----------
    corpus : Corpus
    scheme : {"relationship", "policy"}
    by : str or None
        Article column to group by; None gives one group, "all".
    path : str, optional
        A user frames YAML of the same form.
    dedupe : {"none", "collapse"}
        "collapse" counts a syndicated story once, under its originator.

    Returns
    -------
    DataFrame
        One row per group, frame and term with at least one hit: ``group,
        scheme, frame, label, term`` (the lexicon's term as written; its plural
        and spelling variants count for it), ``hits`` (matches in the group's
        articles, as counted by :func:`frame_scores`), ``n_docs`` (articles
        with at least one) and ``share_of_frame_hits`` (``hits`` over the
        frame's hits in the group). Sorted by group, frame and falling hits.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Win-win cooperation, mutual trust, more cooperation."},
    ...                        {"text": "Cooperation, and a debt trap."}])
    >>> t = frame_terms(c, by=None)
    >>> t[["frame", "term", "hits"]].values.tolist()[:2]
    [['dependency_risk', 'debt trap', 1], ['partnership_mutual_benefit', 'cooperation', 2]]
    >>> t.loc[t["frame"] == "partnership_mutual_benefit", ["term", "n_docs", "share_of_frame_hits"]].values.tolist()
    [['cooperation', 2, 0.5], ['mutual trust', 1, 0.25], ['win win cooperation', 1, 0.25]]
    """
    columns = ["group", "scheme", "frame", "label", "term", "hits", "n_docs", "share_of_frame_hits"]
    if dedupe != "none":
        corpus = deduplicated(corpus, dedupe)
    a = corpus.articles
    groups = document_groups(a, by) if by else pd.Series("all", index=a["doc_id"].to_numpy(), dtype=object)
    matcher = _matcher(scheme, path)
    found = [(d, h.key, h.phrase) for d, t in zip(a["doc_id"], a["text"].astype(str)) for h in matcher.find(t)]
    if not found:
        return pd.DataFrame(columns=columns)
    hits = pd.DataFrame(found, columns=["doc_id", "frame", "term"])
    hits["group"] = hits["doc_id"].map(groups).to_numpy()
    out = (hits.groupby(["group", "frame", "term"], sort=True)
           .agg(hits=("doc_id", "size"), n_docs=("doc_id", "nunique")).reset_index())
    out["share_of_frame_hits"] = out["hits"] / out.groupby(["group", "frame"])["hits"].transform("sum")
    labels = {f.id: f.label for f in load_frames(scheme, path)}
    out = out.assign(scheme=scheme, label=out["frame"].map(labels))
    out = out.sort_values(["group", "frame", "hits", "term"], ascending=[True, True, False, True], kind="mergesort")
    return out[columns].reset_index(drop=True)
