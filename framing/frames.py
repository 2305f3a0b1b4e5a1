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

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .lexicon import load_lexicon
from .matching import PhraseMatcher

FRAME_COLUMNS = ["doc_id", "scheme", "frame", "hits", "per_1k", "score", "dominant", "label"]
SCHEMES = ("policy", "relationship")


@dataclass(frozen=True)
class Frame:
    id: str
    label: str
    terms: tuple[str, ...]
    seeds: tuple[str, ...]
    semeval: str | None = None
    description: str = ""


@lru_cache(maxsize=8)
def load_frames(scheme: str = "relationship", path: str | None = None) -> tuple[Frame, ...]:
    """The frames of one scheme from ``lexicons/frames.yaml`` (or a user file of that form)."""
    lex = load_lexicon(path or "frames")
    for sch in lex.get("schemes") or []:
        if sch.get("id") == scheme:
            return tuple(Frame(id=str(f["id"]), label=str(f.get("label", f["id"])),
                               terms=tuple(str(t) for t in f.get("terms") or ()),
                               seeds=tuple(str(t) for t in f.get("seeds") or ()), semeval=f.get("semeval"),
                               description=str(f.get("description", "")))
                         for f in sch.get("frames") or [])
    known = [s.get("id") for s in lex.get("schemes") or []]
    raise KeyError(f"no frame scheme {scheme!r} (schemes: {', '.join(map(str, known))})")


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


def _dominant(scores: np.ndarray, active: np.ndarray) -> np.ndarray:
    top = scores.max(axis=1, keepdims=True)
    return (scores == top) & active & (top > 0)


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
                 path: str | None = None) -> pd.DataFrame:
    """Frame scores per article or paragraph.

    Parameters
    ----------
    corpus : Corpus
    scheme : {"relationship", "policy"}
    level : {"article", "paragraph"}
    method : {"dictionary", "embedding"}
    path : str, optional
        A user frames YAML of the same form.

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
        top-scoring frame(s) of a unit.
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
        active = weights[:, None] > 0
    else:
        units = _units(corpus, level)
        texts = units["text"].tolist()
        if method == "dictionary":
            hits = dictionary_hits(texts, scheme, path)
            words = units["n_words"].to_numpy(dtype=float)[:, None]
            per_1k = np.divide(1000 * hits, words, out=np.zeros(hits.shape), where=words > 0)
            total = hits.sum(axis=1, keepdims=True)
            score = np.divide(hits, total, out=np.zeros(hits.shape), where=total > 0)
            active = hits > 0
        else:
            score = embedding_similarity(texts, scheme, path)
            hits = np.zeros(score.shape, dtype=np.int64)
            if len(score):
                hits[np.arange(len(score)), score.argmax(axis=1)] = 1
            per_1k = np.full(score.shape, np.nan)
            active = np.ones(score.shape, dtype=bool)
    dominant = _dominant(score, active)
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
                  n_boot: int = 2000, ci: float = 0.95, random_state: int = 0) -> pd.DataFrame:
    """Mean frame score per group with document-bootstrap CIs (article-level scores in).

    ``dedupe="collapse"`` counts a syndicated story once, under its originator
    (:func:`framing.reuse.collapse_syndicated`): the scores of dropped copies are left out.

    Returns
    -------
    DataFrame
        ``group, frame, label, n_docs, mean_score, ci_low, ci_high,
        share_dominant, by``.
    """
    from .reuse import deduplicated
    from .stats import document_groups, group_bootstrap

    if dedupe != "none":
        corpus = deduplicated(corpus, dedupe)
        scores = scores[scores["doc_id"].isin(corpus.articles["doc_id"])]
    df = scores.assign(group=scores["doc_id"].map(document_groups(corpus.articles, by)).fillna("unknown"))
    rows = []
    for (g, frame), sub in df.groupby(["group", "frame"], sort=True):
        vals = sub["score"].to_numpy(dtype=float)
        mean, lo, hi = group_bootstrap(vals[:, None], np.ones(len(vals)), n_boot=n_boot, ci=ci,
                                         random_state=random_state)
        rows.append({"group": g, "frame": frame, "label": sub["label"].iat[0], "n_docs": len(vals),
                     "mean_score": mean[0], "ci_low": lo[0], "ci_high": hi[0],
                     "share_dominant": sub["dominant"].mean(), "by": by})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- supervised


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier: TF-IDF (or MiniLM embeddings) + one-vs-rest logistic regression.

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

    def _encode_y(self, y):
        from sklearn.preprocessing import MultiLabelBinarizer

        y = list(y)
        if len(y) and isinstance(y[0], (list, tuple, set, frozenset)):
            self._mlb = MultiLabelBinarizer()
            Y = self._mlb.fit_transform(y)
            return Y, np.asarray(self._mlb.classes_, dtype=object)
        Y = np.asarray(y)
        if Y.ndim != 2:
            raise ValueError("y must be a list of label lists or a binary indicator matrix (n_samples, n_frames)")
        return Y.astype(int), np.asarray([str(i) for i in range(Y.shape[1])], dtype=object)

    def _features(self, X, fit: bool):
        X = [str(x) for x in X]
        if self.features == "embedding":
            from .embeddings import embed

            return embed(X)
        if fit:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self.vectorizer_ = TfidfVectorizer(max_features=self.max_features, ngram_range=self.ngram_range,
                                               sublinear_tf=True, min_df=2, stop_words="english")
            return self.vectorizer_.fit_transform(X)
        return self.vectorizer_.transform(X)

    def fit(self, X, y):
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        if self.features not in ("tfidf", "embedding"):
            raise ValueError(f"features must be 'tfidf' or 'embedding', got {self.features!r}")
        Y, self.classes_ = self._encode_y(y)
        F = self._features(X, fit=True)
        self.model_ = OneVsRestClassifier(LogisticRegression(C=self.C, class_weight=self.class_weight,
                                                             max_iter=2000))
        self.model_.fit(F, Y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "model_")
        return self.model_.predict_proba(self._features(X, fit=False))

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
