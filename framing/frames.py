"""Frames: which frames each article or paragraph uses, by dictionary, by embeddings, or learnt.

Two schemes live in ``lexicons/frames.yaml``: ``policy``, the 15 generic
frames of the Policy Frames Codebook / Media Frames Corpus (Boydstun et al.
2014; Card et al. 2015), and ``relationship``, frames of cooperation
narratives (partnership, connectivity, great-power competition, governance
critique, ...).

- :func:`frame_scores` with ``method="dictionary"`` counts each frame's terms
  (the phrase matcher of the slogans module); with ``method="embedding"`` it
  measures the cosine similarity of each paragraph to the mean embedding of
  the frame's seed phrases (a distributed dictionary representation, Garten et
  al. 2018) with the packaged MiniLM model.
- :func:`frame_terms` says which terms drove each frame in each group, and
  :func:`dominant_frames` names each unit's dominant frame ("mixed" or "none"
  where no frame leads clearly), also relative to the corpus' own average;
  ``frame_profile(..., relative=True)`` reads group means against it. A frame
  is not the topic: the lexicon's cues are framing language, each group with
  its ``why`` (:func:`validate_frame_lexicon` checks a frames file).
- :class:`FrameClassifier` learns frames from hand-coded examples (TF-IDF or
  embeddings + one-vs-rest logistic regression); :func:`cross_validate_frames`
  reports per-frame and micro/macro F1.

Examples
--------
>>> import framing
>>> from framing.frames import frame_scores
>>> scores = frame_scores(framing.load_sample_corpus(), scheme="relationship")
>>> scores.columns[:6].tolist()
['doc_id', 'scheme', 'frame', 'hits', 'per_1k', 'score']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils.validation import check_is_fitted

from .lexicon import load_lexicon
from .matching import PhraseMatcher

__all__ = ["FRAME_COLUMNS", "SCHEMES", "Cue", "Frame", "load_frames", "FRAME_KEYS", "CUE_KEYS",
           "validate_frame_lexicon_text", "validate_frame_lexicon", "DOMINANT_MARGIN", "DOMINANT_MIN_HITS",
           "dictionary_hits", "embedding_similarity", "frame_scores", "frame_profile", "dominant_frames",
           "frame_terms", "TEXT_LEVELS", "LEVEL_RATIO", "text_level", "SentenceEmbedder", "FrameClassifier",
           "cross_validate_frames"]

FRAME_COLUMNS = ["doc_id", "scheme", "frame", "hits", "per_1k", "score", "dominant", "label"]
SCHEMES = ("policy", "relationship")


class Cue(NamedTuple):
    """A group of a frame's terms and why they signal the frame."""

    why: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """One frame of a scheme.

    ``terms`` holds every dictionary term of the frame (a flat ``terms`` list
    and the terms of its ``cues``); ``cues`` keeps the groups with their ``why``.
    """

    id: str
    label: str
    terms: tuple[str, ...]
    seeds: tuple[str, ...]
    semeval: str | None = None
    description: str = ""
    cues: tuple[Cue, ...] = ()


@lru_cache(maxsize=8)
def load_frames(scheme: str = "relationship", path: str | None = None) -> tuple[Frame, ...]:
    """The frames of one scheme from ``lexicons/frames.yaml`` (or a user file of that form).

    Examples
    --------
    >>> dev = {f.id: f for f in load_frames("relationship")}["development_modernization"]
    >>> "digital" in dev.terms, "out of poverty" in dev.terms
    (False, True)
    >>> dev.cues[2].why.split(":")[0]
    'Better lives'
    """
    lex = load_lexicon(path or "frames")
    for sch in lex.get("schemes") or []:
        if sch.get("id") == scheme:
            frames = []
            for f in sch.get("frames") or []:
                cues = tuple(Cue(str(c.get("why", "")).strip(), tuple(str(t) for t in c.get("terms") or ()))
                             for c in f.get("cues") or () if isinstance(c, dict))
                terms = tuple(str(t) for t in f.get("terms") or ()) + tuple(t for c in cues for t in c.terms)
                frames.append(Frame(id=str(f["id"]), label=str(f.get("label", f["id"])), terms=terms,
                                    seeds=tuple(str(t) for t in f.get("seeds") or ()), semeval=f.get("semeval"),
                                    description=str(f.get("description", "")), cues=cues))
            return tuple(frames)
    known = [s.get("id") for s in lex.get("schemes") or []]
    raise KeyError(f"no frame scheme {scheme!r} (schemes: {', '.join(map(str, known))})")


FRAME_KEYS = {"id", "label", "semeval", "description", "cues", "terms", "seeds"}
CUE_KEYS = {"why", "terms"}


def validate_frame_lexicon_text(text: str, origin: str) -> list[str]:
    """Problems of a frames YAML, each as ``"file, line N: what is wrong"`` (empty list: valid).

    Checks the header keys; that every scheme and frame has an ``id`` (a
    frame's unique within its scheme) and every frame a ``label``; that every
    frame has terms (``cues`` or a flat ``terms`` list); that every cue group
    is a mapping with a ``why`` sentence and a list of ``terms``; that no key
    is unknown; and that no term, as the matcher normalises it, is in two
    frames of one scheme.

    Examples
    --------
    >>> lines = ["name: f", "version: '1'", "description: d", "citation: c", "license: CC0-1.0",
    ...          "schemes:", "  - id: s", "    frames:",
    ...          "      - {id: a, label: A, cues: [{why: 'Both sides gain.', terms: [win-win]}]}",
    ...          "      - {id: b, label: B, cues: [{terms: [Win Win, x]}]}"]
    >>> for problem in validate_frame_lexicon_text("\\n".join(lines), "f.yaml"):
    ...     print(problem)
    f.yaml, line 10: a cue group of frame 'b' has no 'why'
    f.yaml, line 10: term 'Win Win' is in two frames of scheme 's': 'b' and 'a' (line 9)
    """
    import yaml

    from .lexicon import REQUIRED_KEYS
    from .matching import normalize

    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        return [f"{origin}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}"]
    if not isinstance(root, yaml.MappingNode):
        return [f"{origin}: expected a mapping with 'schemes' at the top level"]

    def line(node) -> str:
        return f"{origin}, line {node.start_mark.line + 1}"

    def fields(node) -> dict:
        return {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}

    def scalar(node) -> str:
        return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""

    problems: list[str] = []
    top = fields(root)
    problems += [f"{origin}: missing required key {k!r}" for k in REQUIRED_KEYS if k not in top]
    schemes = top.get("schemes")
    if not isinstance(schemes, yaml.SequenceNode) or not schemes.value:
        return problems + [f"{origin}: 'schemes' must be a non-empty list"]
    for snode in schemes.value:
        sid = scalar(fields(snode).get("id"))
        if not sid:
            problems.append(f"{line(snode)}: a scheme without an 'id'")
        frames = fields(snode).get("frames")
        if not isinstance(frames, yaml.SequenceNode) or not frames.value:
            problems.append(f"{line(snode)}: scheme {sid!r} has no frames")
            continue
        ids: dict[str, int] = {}
        home: dict[str, tuple[str, int]] = {}
        for fnode in frames.value:
            f = fields(fnode)
            fid = scalar(f.get("id"))
            if not fid:
                problems.append(f"{line(fnode)}: a frame of scheme {sid!r} without an 'id'")
                fid = f"<frame at line {fnode.start_mark.line + 1}>"
            elif fid in ids:
                problems.append(f"{line(fnode)}: frame id {fid!r} already used at line {ids[fid]}")
            ids.setdefault(fid, fnode.start_mark.line + 1)
            if not scalar(f.get("label")):
                problems.append(f"{line(fnode)}: frame {fid!r} has no 'label'")
            for knode in (k for k, _ in fnode.value) if isinstance(fnode, yaml.MappingNode) else ():
                if knode.value not in FRAME_KEYS:
                    problems.append(f"{line(knode)}: unknown key {knode.value!r} in frame {fid!r}")
            term_nodes = []
            if isinstance(f.get("terms"), yaml.SequenceNode):
                term_nodes += f["terms"].value
            cues = f.get("cues")
            if cues is not None and not isinstance(cues, yaml.SequenceNode):
                problems.append(f"{line(cues)}: 'cues' of frame {fid!r} must be a list of groups")
            for cnode in cues.value if isinstance(cues, yaml.SequenceNode) else []:
                c = fields(cnode)
                if not isinstance(cnode, yaml.MappingNode):
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} must be a mapping with "
                                    "'why' and 'terms'")
                    continue
                for k, _ in cnode.value:
                    if k.value not in CUE_KEYS:
                        problems.append(f"{line(k)}: unknown key {k.value!r} in a cue group of frame {fid!r}")
                if not scalar(c.get("why")):
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} has no 'why'")
                if not isinstance(c.get("terms"), yaml.SequenceNode) or not c["terms"].value:
                    problems.append(f"{line(cnode)}: a cue group of frame {fid!r} has no terms")
                else:
                    term_nodes += c["terms"].value
            if not term_nodes:
                problems.append(f"{line(fnode)}: frame {fid!r} has no terms ('cues' or 'terms')")
            for tnode in term_nodes:
                term = scalar(tnode)
                if not term:
                    problems.append(f"{line(tnode)}: empty or non-text term in frame {fid!r}")
                    continue
                key = " ".join(normalize(term).split())
                other = home.setdefault(key, (fid, tnode.start_mark.line + 1))
                if other[0] != fid:
                    problems.append(f"{line(tnode)}: term {term!r} is in two frames of scheme {sid!r}: "
                                    f"{fid!r} and {other[0]!r} (line {other[1]})")
    return problems


def validate_frame_lexicon(path: str | Path) -> list[str]:
    """Problems found in a frames lexicon file (empty list: valid).

    Examples
    --------
    >>> from framing.slogan_lexicon import resources_path
    >>> validate_frame_lexicon(resources_path("frames"))
    []
    """
    path = Path(path)
    if not path.exists():
        return [f"{path}: file not found"]
    return validate_frame_lexicon_text(path.read_text(encoding="utf-8-sig"), str(path))


@lru_cache(maxsize=8)
def _matcher(scheme: str, path: str | None) -> PhraseMatcher:
    frames = load_frames(scheme, path)
    phrases = {}
    for f in frames:
        for t in f.terms:
            phrases.setdefault(t, f.id)
    return PhraseMatcher(phrases)


def _units(corpus, level: str) -> pd.DataFrame:
    from .text import count_words

    if level == "article":
        a = corpus.articles
        return pd.DataFrame({"doc_id": a["doc_id"], "text": a["text"].astype(str), "n_words": a["n_words"]})
    if level == "paragraph":
        p = corpus.paragraphs
        return pd.DataFrame({"doc_id": p["doc_id"], "para_id": p["para_id"], "text": p["text"].astype(str),
                             "n_words": [count_words(t) for t in p["text"]]})
    raise ValueError(f"level must be 'article' or 'paragraph', got {level!r}")


DOMINANT_MARGIN = 0.10
DOMINANT_MIN_HITS = 2


def _dominant(score: np.ndarray, hits: np.ndarray | None, *, margin: float, min_hits: int):
    """Which frame of each row dominates: ``(mask, top, lead)``.

    ``top`` is each row's highest-scoring frame (the first on a tie) and ``lead`` its score minus
    the runner-up's. A row has a dominant frame when the lead is positive (no tie) and at least
    ``margin``, and (with ``hits``) the top frame has at least ``min_hits`` hits.
    """
    n, k = score.shape
    rows = np.arange(n)
    if n == 0 or k == 0:
        return np.zeros(score.shape, dtype=bool), np.zeros(n, dtype=int), np.zeros(n)
    order = np.argsort(-score, axis=1, kind="stable")
    top = order[:, 0]
    lead = score[rows, top] - (score[rows, order[:, 1]] if k > 1 else 0.0)
    ok = (lead > 0) & (lead >= margin - 1e-12)  # a share lead of 0.5 - 0.4 is 0.0999...
    if hits is not None:
        ok &= hits[rows, top] >= min_hits
    mask = np.zeros(score.shape, dtype=bool)
    mask[rows[ok], top[ok]] = True
    return mask, top, lead


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
    from .embeddings import embed

    frames = load_frames(scheme, path)
    vecs = []
    for f in frames:
        seeds = list(f.seeds) or list(f.terms[:10]) or [f.label]
        v = embed(seeds).mean(axis=0)
        vecs.append(v / np.linalg.norm(v))
    return np.vstack(vecs)


def embedding_similarity(texts, scheme: str = "relationship", path: str | None = None) -> np.ndarray:
    """Cosine similarity of each text to each frame's seed centroid, shape (n_texts, n_frames)."""
    from .embeddings import embed

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
        dominant = _dominant(score, hits, margin=DOMINANT_MARGIN if margin is None else margin, min_hits=min_hits)[0]
    else:
        dominant = _dominant(score, None, margin=0.0 if margin is None else margin, min_hits=0)[0]
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


def frame_profile(scores: pd.DataFrame, corpus, by: str = "source_type", *, dedupe: str = "none",
                  relative: bool = False, n_boot: int = 2000, ci: float = 0.95,
                  random_state: int = 0, min_docs: int | None = None, min_words: int | None = None,
                  ci_method: str | None = None) -> pd.DataFrame:
    """Mean frame score per group with bootstrap CIs (article-level scores in).

    ``dedupe="collapse"`` counts a syndicated story once, under its originator
    (:func:`framing.reuse.collapse_syndicated`): the scores of dropped copies are left out.

    With ``relative=True`` each group's mean is also read against the corpus'
    own average: on a corpus all about one subject, every group "mostly" uses
    that subject's frame, and what sets a group apart is how much more or less
    of a frame it uses than the corpus does.

    A group with fewer than ``min_docs`` documents or ``min_words`` words
    (default :data:`framing.stats.MIN_DOCS`, :data:`framing.stats.MIN_WORDS`)
    gets its means without intervals; ``ci_note`` says why. Where the bootstrap
    shows no spread (no document of the group uses the frame) the interval is
    ``[0, u]`` with ``u = 1 - (1 - ci)^(1/n_docs)``, the exact bound on the share
    of documents that could use it (:func:`framing.stats.group_intervals`,
    ``kind="mean"``), not ``[0, 0]``.

    ``ci_method`` (``"outlet"`` or ``"document"``, default by
    :func:`framing.stats.ci_method_for`: ``outlet`` unless ``by="publisher"``)
    says what the interval resamples: each group's publishers, then their
    articles (:func:`framing.stats.cluster_bootstrap`; none for a group of fewer
    than 3 publishers), or articles as if independent. The interval of
    ``share_vs_corpus`` resamples articles either way.

    Returns
    -------
    DataFrame
        ``group, frame, label, n_docs, mean_score, ci_low, ci_high,
        share_dominant, by, ci_method, ci_note``; ``share_dominant`` is the share of the group's
        documents that the frame dominates (:func:`frame_scores`, Notes);
        ``ci_note`` is ``""`` for a bootstrap interval, else why there is none
        or what replaced it.
        With ``relative=True`` also ``corpus_mean`` (the frame's mean score
        over all documents, each counted once), ``share_vs_corpus`` (the
        group's ``mean_score`` over ``corpus_mean``: 1 is the corpus average,
        2 twice it; NaN where the corpus never uses the frame) and its
        interval ``vs_corpus_low, vs_corpus_high`` (documents resampled
        within every group and the ratio recomputed, so the corpus mean
        varies with the group's own documents; NaN where ``ci_low`` is; where
        the group never uses the frame, ``[0, ci_high / corpus_mean]``).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([
    ...     {"text": "Win-win cooperation and mutual trust.", "source_type": "state_media"},
    ...     {"text": "Mutual benefit and a modernization drive.", "source_type": "state_media"},
    ...     {"text": "A debt trap and economic leverage, not mutual benefit.", "source_type": "newspaper"}])
    >>> p = frame_profile(frame_scores(c), c, relative=True, n_boot=200)
    >>> p = p[p["frame"] == "partnership_mutual_benefit"]
    >>> p[["group", "mean_score", "share_vs_corpus"]].round(2).values.tolist()
    [['newspaper', 0.33, 0.55], ['state_media', 0.75, 1.23]]
    """
    from .reuse import deduplicated
    from .stats import MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals

    min_docs = MIN_DOCS if min_docs is None else min_docs
    min_words = MIN_WORDS if min_words is None else min_words
    if dedupe != "none":
        corpus = deduplicated(corpus, dedupe)
        scores = scores[scores["doc_id"].isin(corpus.articles["doc_id"])]
    groups = document_groups(corpus.articles, by)
    ci_method = ci_method_for(by, corpus.articles, ci_method)
    outlets = document_clusters(corpus.articles) if ci_method == "outlet" else None
    words = pd.Series(corpus.articles["n_words"].to_numpy(), index=corpus.articles["doc_id"].to_numpy())
    df = scores.assign(group=scores["doc_id"].map(groups).fillna("unknown"))
    bounds = (-1.0, 1.0) if (df["score"] < 0).any() else (0.0, 1.0)  # embedding similarities, else shares
    rows = []
    for (g, frame), sub in df.groupby(["group", "frame"], sort=True):
        vals = sub["score"].to_numpy(dtype=float)
        n_words = float(words.reindex(sub["doc_id"].unique()).sum())
        mean, lo, hi, note = group_intervals(vals[:, None], np.ones(len(vals)), kind="mean", bounds=bounds,
                                             n_words=n_words, min_docs=min_docs, min_words=min_words, n_boot=n_boot,
                                             ci=ci, random_state=random_state,
                                             clusters=None if outlets is None else sub["doc_id"].map(outlets))
        rows.append({"group": g, "frame": frame, "label": sub["label"].iat[0], "n_docs": len(vals),
                     "mean_score": mean[0], "ci_low": lo[0], "ci_high": hi[0],
                     "share_dominant": sub["dominant"].mean(), "by": by, "ci_method": ci_method,
                     "ci_note": note[0]})
    out = pd.DataFrame(rows)
    if relative and len(out):
        rel = _relative_to_corpus(df, n_boot=n_boot, ci=ci, random_state=random_state)
        out = out.drop(columns="by").merge(rel, on=["group", "frame"], how="left")
        out["by"] = by
        out["ci_method"] = out.pop("ci_method")
        out["ci_note"] = out.pop("ci_note")  # the last column, as without relative=True
        # the ratio's interval follows the mean's: none for a small group; for a frame the group never
        # uses (the bootstrap has no spread) the mean's upper bound over the corpus mean
        none = out["ci_low"].isna()
        out.loc[none, ["vs_corpus_low", "vs_corpus_high"]] = np.nan
        flat = ~none & out["corpus_mean"].gt(0) & ~(out["vs_corpus_high"] - out["vs_corpus_low"] > 1e-12)
        out.loc[flat, "vs_corpus_low"] = out.loc[flat, "ci_low"] / out.loc[flat, "corpus_mean"]
        out.loc[flat, "vs_corpus_high"] = out.loc[flat, "ci_high"] / out.loc[flat, "corpus_mean"]
    return out


def _relative_to_corpus(df: pd.DataFrame, *, n_boot: int, ci: float, random_state: int) -> pd.DataFrame:
    """``group, frame, corpus_mean, share_vs_corpus, vs_corpus_low, vs_corpus_high`` (see frame_profile)."""
    wide = df.pivot_table(index="doc_id", columns="frame", values="score", aggfunc="mean", fill_value=0.0)
    groups = df.drop_duplicates("doc_id").set_index("doc_id")["group"].reindex(wide.index).to_numpy()
    S = wide.to_numpy(dtype=float)
    n_total = len(S)
    corpus_mean = S.mean(axis=0)
    rng = np.random.default_rng(random_state)
    names = sorted(set(groups))
    boot_means, boot_corpus = {}, np.zeros((n_boot, S.shape[1]))
    for g in names:
        X = S[groups == g]
        # each group resampled within itself: the corpus mean of a replicate is that of its groups
        weights = rng.multinomial(len(X), np.full(len(X), 1.0 / len(X)), size=n_boot)
        boot_means[g] = weights @ X / len(X)
        boot_corpus += len(X) * boot_means[g]
    boot_corpus /= n_total
    alpha = (1 - ci) / 2
    used = corpus_mean > 0  # a frame the corpus never uses has no ratio
    rows = []
    for g in names:
        X = S[groups == g]
        ratio, lo, hi = (np.full(S.shape[1], np.nan) for _ in range(3))
        ratio[used] = X.mean(axis=0)[used] / corpus_mean[used]
        if len(X) >= 2 and used.any():
            with np.errstate(invalid="ignore", divide="ignore"):
                boot = boot_means[g][:, used] / boot_corpus[:, used]
            lo[used], hi[used] = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
        rows += [{"group": g, "frame": frame, "corpus_mean": corpus_mean[j], "share_vs_corpus": ratio[j],
                  "vs_corpus_low": lo[j], "vs_corpus_high": hi[j]} for j, frame in enumerate(wide.columns)]
    return pd.DataFrame(rows)


def dominant_frames(scores: pd.DataFrame, *, relative: bool = False, margin: float | None = None,
                    min_hits: int = DOMINANT_MIN_HITS) -> pd.DataFrame:
    """The dominant frame of each article or paragraph, or "mixed" or "none".

    The rule: a unit's frames are ranked by ``score`` (with ``relative=True``,
    by ``score`` minus the frame's mean score over all units of ``scores``:
    the corpus' own average). The top frame is the unit's dominant frame when
    it leads the runner-up by at least ``margin`` (0.10, ten points of the
    unit's frame hits, for dictionary scores; 0 for embedding scores, which
    have a NaN ``per_1k``), has at least ``min_hits`` hits (dictionary), and,
    read relatively, is above the corpus average. Otherwise the unit is
    "mixed"; a unit with no frame hits is "none". Without ``relative`` this is
    the ``dominant`` column of :func:`frame_scores` (with its defaults).

    On a corpus all about one subject, that subject's frame tops most
    articles; read relatively, an article's dominant frame is the one it uses
    most *beyond what the corpus usually does*.

    Parameters
    ----------
    scores : DataFrame
        :func:`frame_scores` output (any level, one or both schemes).
    relative : bool
        Rank frames by their excess over the corpus average.
    margin : float, optional
    min_hits : int, default 2

    Returns
    -------
    DataFrame
        One row per unit and scheme: ``doc_id`` (and ``para_id``), ``scheme,
        dominant`` (a frame id, "mixed" or "none"), ``label`` (the frame's
        label, or "mixed"/"none"), ``top_frame`` (the highest-ranked frame even
        when it does not dominate; missing for "none"), ``lead`` (its score, or
        excess, minus the runner-up's) and ``hits`` (the unit's frame hits).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([
    ...     {"text": "Out of poverty, a modernization drive, economic growth and win-win cooperation."},
    ...     {"text": "Modernization, economic growth and prosperity."},
    ...     {"text": "Economic growth and modernization, through win-win cooperation and mutual trust."}])
    >>> s = frame_scores(c)
    >>> dominant_frames(s)["dominant"].tolist()
    ['development_modernization', 'development_modernization', 'mixed']
    >>> dominant_frames(s, relative=True)["dominant"].tolist()
    ['mixed', 'development_modernization', 'partnership_mutual_benefit']
    """
    keys = ["doc_id", "para_id"] if "para_id" in scores.columns else ["doc_id"]
    out = []
    for scheme, sub in scores.groupby("scheme", sort=False):
        units = sub[keys].drop_duplicates()
        frames = sub["frame"].drop_duplicates().tolist()
        labels = sub.drop_duplicates("frame").set_index("frame")["label"]
        index = pd.MultiIndex.from_frame(units) if len(keys) > 1 else pd.Index(units["doc_id"])
        score = sub.pivot_table(index=keys, columns="frame", values="score", aggfunc="first")
        score = score.reindex(index=index, columns=frames).fillna(0.0).to_numpy(dtype=float)
        hits = sub.pivot_table(index=keys, columns="frame", values="hits", aggfunc="first")
        hits = hits.reindex(index=index, columns=frames).fillna(0).to_numpy()
        embedding = bool(sub["per_1k"].isna().all())
        value = score - score.mean(axis=0) if relative else score
        m = (0.0 if embedding else DOMINANT_MARGIN) if margin is None else margin
        mask, top, lead = _dominant(value, None if embedding else hits, margin=m, min_hits=min_hits)
        rows = np.arange(len(value))
        has = mask.any(axis=1) & (value[rows, top] > 0 if relative else True)
        none = (score == 0).all(axis=1) if embedding else hits.sum(axis=1) == 0
        top_ids = np.asarray(frames, dtype=object)[top] if len(frames) else np.full(len(rows), None, dtype=object)
        dominant = np.where(none, "none", np.where(has, top_ids, "mixed"))
        res = units.reset_index(drop=True).assign(scheme=scheme, dominant=dominant)
        res["label"] = [labels.get(d, d) for d in dominant]
        res["top_frame"] = np.where(none, None, top_ids)
        res["lead"] = np.where(none, np.nan, lead)
        res["hits"] = hits.sum(axis=1)
        out.append(res)
    if not out:
        return pd.DataFrame(columns=keys + ["scheme", "dominant", "label", "top_frame", "lead", "hits"])
    return pd.concat(out, ignore_index=True)


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
    from .reuse import deduplicated
    from .stats import document_groups

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


# ---------------------------------------------------------------- supervised

# median words of a text at each level, at most: a sentence, a paragraph, else an article
TEXT_LEVELS = (("sentence", 40), ("paragraph", 150), ("article", float("inf")))
LEVEL_RATIO = 4.0  # predict warns when the median length differs from training by this factor or more


def text_level(median_words: float) -> str:
    """``"sentence"``, ``"paragraph"`` or ``"article"`` for texts of this median length in words.

    Examples
    --------
    >>> text_level(22), text_level(80), text_level(540)
    ('sentence', 'paragraph', 'article')
    """
    return next(name for name, most in TEXT_LEVELS if median_words <= most)


def _median_words(X) -> float:
    from .text import count_words

    return float(np.median([count_words(str(x)) for x in X])) if len(X) else float("nan")


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Texts to MiniLM sentence embeddings (:func:`framing.embeddings.embed`), as a pipeline step.

    Nothing is learnt: ``fit`` only checks its input. The embeddings are read
    from framing's on-disk cache when the same texts were embedded before.
    """

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
        from .embeddings import embed

        return embed([str(x) for x in X])

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier: a :class:`~sklearn.pipeline.Pipeline` of TF-IDF (or MiniLM
    embeddings) and one-vs-rest logistic regression.

    Parameters
    ----------
    features : {"tfidf", "embedding"}
    C : float
        Inverse regularisation strength of the logistic regressions.
    class_weight : {"balanced", None}
        Rare frames get more weight with "balanced".
    max_features : int
        TF-IDF vocabulary size.
    ngram_range : tuple
        TF-IDF n-grams.
    threshold : float
        Probability above which a frame is predicted.

    Attributes
    ----------
    classes_ : ndarray of str
        Frame labels, in column order of ``predict``.
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted steps: ``features`` (a ``TfidfVectorizer`` or
        :class:`SentenceEmbedder`) and ``classify`` (``OneVsRestClassifier`` of
        ``LogisticRegression``).
    label_binarizer_ : sklearn.preprocessing.MultiLabelBinarizer or None
        How label lists became columns (None when ``y`` was an indicator matrix).
    level_ : {"sentence", "paragraph", "article"}
        The text level it was trained on (``fit(..., level=)``, else from the
        median training length, :func:`text_level`).
    train_words_ : float
        Median words of the training texts.

    Notes
    -----
    Frames learnt at one text level do not transfer to another: trained on the
    433 SemEval-2023 articles, the classifier labelled the 523 sentences of FrAC
    with accuracy 0.124, below the majority class (0.187), where the
    dictionary reached 0.444 (VALIDATION.md). ``predict`` warns (a
    ``UserWarning`` naming both levels) when the texts it is given are 4 times
    shorter or longer, in median words, than the training texts.

    Examples
    --------
    >>> clf = FrameClassifier().fit(["tax and jobs", "court ruling", "jobs report", "judge sentenced"],
    ...                             [["Economic"], ["Legality"], ["Economic"], ["Legality"]])
    >>> clf.classes_.tolist()
    ['Economic', 'Legality']
    """

    def __init__(self, features: str = "tfidf", C: float = 4.0, class_weight: str | None = "balanced",
                 max_features: int = 50000, ngram_range: tuple[int, int] = (1, 2), threshold: float = 0.5):
        self.features = features
        self.C = C
        self.class_weight = class_weight
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.threshold = threshold

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # a sequence of texts
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    def _pipeline(self) -> Pipeline:
        if self.features == "embedding":
            features = SentenceEmbedder()
        else:
            features = TfidfVectorizer(max_features=self.max_features, ngram_range=self.ngram_range,
                                       sublinear_tf=True, min_df=2, stop_words="english")
        classify = OneVsRestClassifier(LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000))
        return Pipeline([("features", features), ("classify", classify)])

    def fit(self, X, y, *, level: str | None = None):
        """Learn frames from texts ``X`` and their labels ``y``.

        ``y`` is a list of label lists (``[["Economic"], ["Legality", "Political"]]``)
        or a binary indicator matrix (n_samples, n_frames). ``level``
        (``"sentence"``, ``"paragraph"`` or ``"article"``) names the text level
        of ``X``; by default it is read from the median length.
        """
        if self.features not in ("tfidf", "embedding"):
            raise ValueError(f"features must be 'tfidf' or 'embedding', got {self.features!r}")
        levels = [name for name, _ in TEXT_LEVELS]
        if level is not None and level not in levels:
            raise ValueError(f"level must be one of {levels} or None, got {level!r}")
        X = [str(x) for x in X]
        y = list(y)
        if len(y) and isinstance(y[0], (list, tuple, set, frozenset)):
            self.label_binarizer_ = MultiLabelBinarizer()
            Y = self.label_binarizer_.fit_transform(y)
            self.classes_ = np.asarray(self.label_binarizer_.classes_, dtype=object)
        else:
            Y = np.asarray(y)
            if Y.ndim != 2:
                raise ValueError("y must be a list of label lists or a binary indicator matrix (n_samples, n_frames)")
            Y = Y.astype(int)
            self.label_binarizer_ = None
            self.classes_ = np.asarray([str(i) for i in range(Y.shape[1])], dtype=object)
        self.train_words_ = _median_words(X)
        self.level_ = level or text_level(self.train_words_)
        self.pipeline_ = self._pipeline().fit(X, Y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Probability of each frame per text, columns in ``classes_`` order."""
        check_is_fitted(self, "pipeline_")
        X = [str(x) for x in X]
        self._check_level(X)
        return self.pipeline_.predict_proba(X)

    def _check_level(self, X) -> None:
        import warnings

        trained = getattr(self, "train_words_", float("nan"))
        median = _median_words(X)
        if not (trained > 0 and median > 0):
            return
        if max(trained / median, median / trained) >= LEVEL_RATIO:
            warnings.warn(
                f"FrameClassifier was trained on {self.level_}-level texts (median {trained:.0f} words) and is "
                f"predicting {text_level(median)}-level texts (median {median:.0f} words): frames learnt at one "
                "level do not transfer to another (trained on SemEval articles, it labelled FrAC sentences "
                "below the majority class; VALIDATION.md). Train on labelled texts of the level you predict, "
                "or use the dictionary (frame_scores).", UserWarning, stacklevel=3)

    def predict(self, X) -> np.ndarray:
        """Binary indicator matrix, columns in ``classes_`` order."""
        return (self.predict_proba(X) >= self.threshold).astype(int)

    def predict_labels(self, X) -> list[list[str]]:
        """Predicted frame labels per text."""
        return [[c for c, v in zip(self.classes_, row) if v] for row in self.predict(X)]


def _per_frame_report(Y_true: np.ndarray, Y_pred: np.ndarray, classes, method: str) -> pd.DataFrame:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(Y_true, Y_pred, zero_division=0)
    rows = [{"method": method, "frame": c, "precision": p[j], "recall": r[j], "f1": f[j], "support": int(s[j])}
            for j, c in enumerate(classes)]
    for avg in ("micro", "macro"):
        rows.append({"method": method, "frame": f"({avg})",
                     "precision": precision_recall_fscore_support(Y_true, Y_pred, average=avg, zero_division=0)[0],
                     "recall": precision_recall_fscore_support(Y_true, Y_pred, average=avg, zero_division=0)[1],
                     "f1": f1_score(Y_true, Y_pred, average=avg, zero_division=0), "support": int(Y_true.sum())})
    return pd.DataFrame(rows)


def cross_validate_frames(texts, labels, estimator: FrameClassifier | None = None, *, cv: int = 5,
                          random_state: int = 0, baselines: bool = True) -> pd.DataFrame:
    """K-fold cross-validated per-frame and micro/macro precision, recall and F1.

    Parameters
    ----------
    texts : list of str
    labels : list of label lists
    estimator : FrameClassifier, optional
    cv : int
        Folds (shuffled with ``random_state``).
    baselines : bool
        Also report the majority baseline (each frame predicted as in the
        majority of training documents) and the random baseline (each frame
        drawn with its training prevalence, seeded).

    Returns
    -------
    DataFrame
        ``method, frame, precision, recall, f1, support``; rows ``(micro)`` and
        ``(macro)`` hold the averages over frames of the out-of-fold predictions.
    """
    from sklearn.base import clone
    from sklearn.model_selection import KFold
    from sklearn.preprocessing import MultiLabelBinarizer

    texts = [str(t) for t in texts]
    mlb = MultiLabelBinarizer()
    Y = mlb.fit_transform(labels)
    classes = mlb.classes_
    est = estimator if estimator is not None else FrameClassifier()
    preds = {"classifier": np.zeros_like(Y)}
    if baselines:
        preds["majority"] = np.zeros_like(Y)
        preds["random"] = np.zeros_like(Y)
    rng = np.random.default_rng(random_state)
    for train, test in KFold(cv, shuffle=True, random_state=random_state).split(texts):
        model = clone(est).fit([texts[i] for i in train], Y[train])
        preds["classifier"][test] = model.predict([texts[i] for i in test])
        if baselines:
            prevalence = Y[train].mean(axis=0)
            preds["majority"][test] = (prevalence > 0.5).astype(int)
            preds["random"][test] = (rng.random((len(test), Y.shape[1])) < prevalence).astype(int)
    return pd.concat([_per_frame_report(Y, P, classes, m) for m, P in preds.items()], ignore_index=True)
