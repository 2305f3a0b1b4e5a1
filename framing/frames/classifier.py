"""Frames learnt from hand-coded examples: :class:`FrameClassifier` (TF-IDF or MiniLM embeddings and
one-vs-rest logistic regression) and :func:`cross_validate_frames`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils.validation import check_is_fitted
from ..embeddings import embed
from ..text import count_words

__all__ = ["TEXT_LEVELS", "LEVEL_RATIO", "text_level", "SentenceEmbedder", "FrameClassifier", "cross_validate_frames"]

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
    return float(np.median([count_words(str(x)) for x in X])) if len(X) else float("nan")


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """Texts to MiniLM sentence embeddings (:func:`framing.embeddings.embed`), as a pipeline step.

    Nothing is learnt: ``fit`` only checks its input. The embeddings are
    read from framing's on-disk cache when the same texts were embedded before.
    """

    def fit(self, X, y=None):
        return self

    def transform(self, X) -> np.ndarray:
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
