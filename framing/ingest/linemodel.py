"""The learned line classifier: which lines of a text dump are the page's main text.

Two fitted parts, both scikit-learn estimators, stacked:

* :class:`LineTermScorer` (:mod:`framing.ingest.lineterms`) scores a line by its own words: a logistic regression
  on the words and word pairs of the line, over a vocabulary of terms that occur
  on at least ``min_sites`` different web sites of the training pages (a term of
  one site's furniture cannot generalise to another site, "Newsletter",
  "Kommentare", "All rights reserved" do);
* :class:`LineClassifier` decides from the numeric features of
  :mod:`framing.ingest.linefeatures` plus that score on the line and its
  neighbours (:func:`term_context_features`).

:class:`LineModel` holds both, the decision threshold and where the model came
from, and gives the probability that each line of a page is main text
(:meth:`LineModel.page_probabilities`). The model shipped with framing is built
by ``benchmarks/build_line_model.py`` from the public labelled pages in
``../shared/validation/extraction`` and loaded with :func:`load_line_model`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .drafts import LineDecisions
from .linefeatures import PageBatch, PageRows, densest_block, feature_names, shifted, window_mean
from .lines import classify_line
from .lineterms import LineTermScorer, line_terms
from .shipped import check_model_features, fitted_rows, model_file, write_gzip

__all__ = ["line_terms", "LineTermScorer", "TERM_CONTEXT", "term_context_features", "line_model_feature_names",
           "LineClassifier", "LineModel", "line_model_path", "load_line_model", "fit_line_model",
           "lines_in_text", "page_decisions"]

TERM_CONTEXT = ("term_score",) + tuple(f"term_score@{k:+d}" for k in (-3, -2, -1, 1, 2, 3)) + tuple(
    f"term_score~{w}" for w in (2, 5, 10))


def term_context_features(scores: np.ndarray, rows: PageRows | None = None) -> np.ndarray:
    """A page's line term scores, those of the lines 1-3 above and below, and their means
    over windows of 2, 5 and 10 lines each side (columns :data:`TERM_CONTEXT`).

    ``rows`` tells where each page lies when ``scores`` holds the rows of many.

    Examples
    --------
    >>> term_context_features(np.array([1.0, -1.0])).shape
    (2, 10)
    """
    x = np.asarray(scores, dtype=np.float64)[:, None]
    rows = PageRows([len(x)]) if rows is None else rows
    return np.hstack([x] + [shifted(x, k, rows=rows) for k in (-3, -2, -1, 1, 2, 3)]
                     + [window_mean(x, w, rows) for w in (2, 5, 10)])


_BUILD = "build_line_model.py"  # the script that builds the shipped model, in benchmarks/

def line_model_feature_names() -> list[str]:
    """Columns of the matrix :class:`LineClassifier` is fitted on."""
    return feature_names() + list(TERM_CONTEXT)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class LineClassifier(ClassifierMixin, BaseEstimator):
    """Main text or not, from a line's numeric features: the mean of two probabilities.

    A gradient-boosted tree ensemble (LightGBM) finds interactions ("a long
    line, but far from the page's block of running text"); a logistic regression
    on standardised features is the steadier, linear half. In site-grouped
    cross-validation on the public pages their mean beat either alone (see
    BENCHMARKS.md). LightGBM rather than scikit-learn's own boosting because its
    fitted trees save as a versioned text format that later releases read, so the
    shipped model is data, not a pickle tied to one scikit-learn version.

    Parameters
    ----------
    n_estimators, learning_rate, num_leaves, min_child_samples, reg_lambda
        LightGBM's settings.
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    random_state : int, default 0

    Attributes
    ----------
    booster_ : lightgbm.Booster
    lr_coef_, lr_intercept_, scale_mean_, scale_std_ : ndarray
        The logistic regression over ``(X - scale_mean_) / scale_std_``.
    classes_ : ndarray of shape (2,)
    n_features_in_ : int

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3)); y = (X[:, 0] > 0).astype(int)
    >>> clf = LineClassifier(n_estimators=20).fit(X, y)
    >>> float((clf.predict(X) == y).mean()) > 0.9
    True
    """

    def __init__(self, n_estimators: int = 200, learning_rate: float = 0.1, num_leaves: int = 63,
                 min_child_samples: int = 50, reg_lambda: float = 1.0, C: float = 1.0, random_state: int = 0):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.reg_lambda = reg_lambda
        self.C = C
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        import lightgbm
        from sklearn.linear_model import LogisticRegression
        from sklearn.utils.multiclass import check_classification_targets, type_of_target
        from sklearn.utils.validation import _check_sample_weight, check_X_y

        X, y = check_X_y(X, y, dtype=np.float64)
        check_classification_targets(y)
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError("Only binary classification is supported. The type of the target is "
                             f"{type_of_target(y)} ({len(self.classes_)} classes).")
        w = _check_sample_weight(sample_weight, X, ensure_non_negative=True)
        if not w.sum() > 0:
            raise ValueError("sample weights are all zero: nothing to fit")
        self.n_features_in_ = X.shape[1]
        self.scale_mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.scale_std_ = np.where(std > 0, std, 1.0)
        lr = LogisticRegression(C=self.C, max_iter=2000)
        lr.fit((X - self.scale_mean_) / self.scale_std_, y_idx, sample_weight=w / w.mean())
        self.lr_coef_ = lr.coef_.ravel().copy()
        self.lr_intercept_ = float(lr.intercept_[0])
        gbm = lightgbm.LGBMClassifier(
            n_estimators=self.n_estimators, learning_rate=self.learning_rate, num_leaves=self.num_leaves,
            min_child_samples=self.min_child_samples, reg_lambda=self.reg_lambda, random_state=self.random_state,
            deterministic=True, force_row_wise=True, n_jobs=1, verbose=-1)
        gbm.fit(X, y_idx, sample_weight=w)
        self.booster_ = gbm.booster_
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def predict_proba(self, X) -> np.ndarray:
        X = fitted_rows(self, X)
        # (X - mean) / std @ coef, without two temporary copies of X
        coef = self.lr_coef_ / self.scale_std_
        p_lr = _sigmoid(X @ coef + (self.lr_intercept_ - self.scale_mean_ @ coef))
        p_gbm = self.booster_.predict(X, num_threads=1)
        p = (p_lr + p_gbm) / 2
        return np.column_stack([1 - p, p])

    def predict(self, X) -> np.ndarray:
        positive = self.predict_proba(X)[:, 1] > 0.5
        return self.classes_[positive.astype(int)]


class LineModel:
    """The fitted line model: term scorer, classifier, threshold and provenance.

    Parameters
    ----------
    terms : LineTermScorer
        Fitted.
    classifier : LineClassifier
        Fitted on :func:`line_model_feature_names` columns.
    threshold : float
        A line is main text when its probability is at least this.
    info : dict
        Where the model came from: version, training data, cross-validated figures.

    Examples
    --------
    >>> model = load_line_model()
    >>> p = model.page_probabilities(["Home", "News", "Sport",
    ...     "The ministers met in Astana on Tuesday and agreed to expand rail links, officials said.",
    ...     "Copyright 2025 Example Media. All rights reserved."])
    >>> bool(p[3] > p[0]) and bool(p[3] > p[4])
    True
    """

    def __init__(self, terms: LineTermScorer, classifier: LineClassifier, threshold: float = 0.5,
                 info: dict | None = None):
        self.terms = terms
        self.classifier = classifier
        self.threshold = float(threshold)
        self.info = dict(info or {})

    @property
    def name(self) -> str:
        """Short name for removal reasons, e.g. ``'line model 1'``."""
        return f"line model {self.info.get('version', '?')}"

    def __repr__(self) -> str:
        return f"<LineModel {self.info.get('version', '?')}: threshold {self.threshold:.2f}>"

    def page_features(self, lines: list[str]) -> np.ndarray:
        """The classifier's feature matrix of a page's non-blank lines."""
        return self.batch_features(PageBatch([lines]))

    def batch_features(self, batch: PageBatch) -> np.ndarray:
        """The classifier's feature matrix of every stacked row of ``batch``."""
        scores = self.terms.line_scores(batch.texts, batch.words)[batch.line_ids]
        return np.hstack([batch.feature_matrix(), term_context_features(scores, batch.rows)])

    def page_probabilities(self, lines: list[str]) -> np.ndarray:
        """Probability that each of a page's non-blank lines is main text."""
        return self.probabilities([lines])[0]

    def probabilities(self, pages: list[list[str]]) -> list[np.ndarray]:
        """:meth:`page_probabilities` of many pages, with one call of the classifier
        (it has a fixed cost per call) and each distinct line's features computed once."""
        batch = PageBatch(pages)
        if batch.rows.n == 0:
            return [np.zeros(0) for _ in pages]
        return batch.rows.split(self.classifier.predict_proba(self.batch_features(batch))[:, 1])

    # ------------------------------------------------------------ persistence
    def save(self, directory: str | Path) -> Path:
        """Write the model as ``line_model.json.gz`` (terms, linear part, threshold, info)
        and ``line_model_trees.txt.gz`` (LightGBM's text format) in ``directory``."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        t, c = self.terms, self.classifier
        terms = sorted(t.vocabulary_, key=t.vocabulary_.__getitem__)
        payload = {
            "format": 1, "threshold": self.threshold, "info": self.info,
            "features": line_model_feature_names(),
            "terms": {"min_sites": t.min_sites, "C": t.C, "vocabulary": terms,
                      "coef": [round(float(v), 6) for v in t.coef_], "intercept": t.intercept_},
            "classifier": {"params": c.get_params(), "classes": c.classes_.tolist(),
                           "lr_coef": c.lr_coef_.tolist(), "lr_intercept": c.lr_intercept_,
                           "scale_mean": c.scale_mean_.tolist(), "scale_std": c.scale_std_.tolist()},
        }
        write_gzip(d / "line_model.json.gz", json.dumps(payload, sort_keys=True))
        write_gzip(d / "line_model_trees.txt.gz", c.booster_.model_to_string())
        return d

    @classmethod
    def load(cls, directory: str | Path) -> "LineModel":
        """Read a model written by :meth:`save`."""
        import lightgbm

        payload = json.loads(model_file(directory, "line_model.json.gz", "line", _BUILD))
        trees = model_file(directory, "line_model_trees.txt.gz", "line", _BUILD).decode("utf-8")
        check_model_features(payload, line_model_feature_names(), directory, "line", _BUILD)
        tp = payload["terms"]
        terms = LineTermScorer(min_sites=tp["min_sites"], C=tp["C"])
        terms.vocabulary_ = {w: j for j, w in enumerate(tp["vocabulary"])}
        terms.coef_ = np.asarray(tp["coef"], dtype=np.float64)
        terms.intercept_ = float(tp["intercept"])
        terms.classes_ = np.array([0, 1])
        cp = payload["classifier"]
        clf = LineClassifier(**cp["params"])
        clf.classes_ = np.asarray(cp["classes"])
        clf.lr_coef_ = np.asarray(cp["lr_coef"])
        clf.lr_intercept_ = float(cp["lr_intercept"])
        clf.scale_mean_ = np.asarray(cp["scale_mean"])
        clf.scale_std_ = np.asarray(cp["scale_std"])
        clf.n_features_in_ = len(clf.scale_mean_)
        clf.booster_ = lightgbm.Booster(model_str=trees)
        return cls(terms, clf, payload["threshold"], payload["info"])


def line_model_path() -> Path:
    """Folder of the line model shipped with framing."""
    return Path(str(resources.files("framing").joinpath("data", "line_model")))


@lru_cache(maxsize=1)
def load_line_model() -> LineModel:
    """The line model shipped with framing (built from ``../shared/validation/extraction``)."""
    return LineModel.load(line_model_path())


def fit_line_model(pages: list[list[str]], labels: list, *, sites: list[str], weights: list | None = None,
                   term_weights: list | None = None, threshold: float = 0.5, n_splits: int = 5,
                   term_params: dict | None = None, classifier_params: dict | None = None,
                   info: dict | None = None, return_oof: bool = False):
    """Fit a :class:`LineModel` on labelled pages (stacked, as it is used).

    The term scorer's scores that the classifier learns from are out of fold
    (each page's from a scorer fitted without its site), so that the classifier
    learns how far to trust a score on a page the scorer has not seen. The
    shipped term scorer is then refitted on every page.

    Parameters
    ----------
    pages : list of list of str
        Each page's non-blank lines.
    labels : list of array-like of int
        Per page, 1 where a line is main text, 0 where not.
    sites : list of str
        The site of each page: folds never split a site.
    weights, term_weights : list of array-like, optional
        Per-line sample weights for the classifier and the term scorer.
    threshold : float
        Stored as the model's decision threshold.
    n_splits : int
        Folds for the out-of-fold term scores.
    term_params, classifier_params : dict, optional
        Parameters of :class:`LineTermScorer` and :class:`LineClassifier`.
    info : dict, optional
        Provenance stored with the model.
    return_oof : bool
        Also return the out-of-fold term scores per page.

    Returns
    -------
    LineModel, or (LineModel, list of ndarray) with ``return_oof``
    """
    from sklearn.model_selection import GroupKFold

    n = len(pages)
    labels = [np.asarray(y, dtype=np.int64) for y in labels]
    weights = [np.ones(len(p)) for p in pages] if weights is None else [np.asarray(w, float) for w in weights]
    term_weights = weights if term_weights is None else [np.asarray(w, float) for w in term_weights]
    sites = np.asarray(sites)

    def flat(idx, per_page):
        return np.concatenate([per_page[i] for i in idx]) if len(idx) else np.zeros(0)

    def fit_terms(idx):
        idx = [i for i in idx if len(pages[i])]
        texts = [t for i in idx for t in pages[i]]
        groups = [sites[i] for i in idx for _ in pages[i]]
        return LineTermScorer(**(term_params or {})).fit(texts, flat(idx, labels), sample_weight=flat(idx, term_weights),
                                                         groups=groups)

    oof: list[np.ndarray] = [np.zeros(0)] * n
    for train, test in GroupKFold(n_splits).split(np.zeros(n), groups=sites):
        scorer = fit_terms(train)
        for i in test:
            oof[i] = scorer.decision_function(pages[i]) if len(pages[i]) else np.zeros(0)
    terms = fit_terms(range(n))
    keep = [i for i in range(n) if len(pages[i])]
    batch = PageBatch([pages[i] for i in keep])
    X = np.hstack([batch.feature_matrix(), term_context_features(flat(keep, oof), batch.rows)])
    clf = LineClassifier(**(classifier_params or {}))
    clf.fit(X, flat(keep, labels), sample_weight=flat(keep, weights))
    model = LineModel(terms, clf, threshold, info)
    return (model, oof) if return_oof else model


_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")


def lines_in_text(lines: list[str], text: str, *, min_words: int = 4, share: float = 0.6) -> np.ndarray:
    """Which lines of a page an extractor's output ``text`` contains (1) or not (0).

    A line of at least ``min_words`` words is in the text when the text contains
    it, or when at least ``share`` of its four-word shingles occur in the text
    (extractors re-join and re-space lines). A shorter line counts only when the
    text contains it and a neighbouring line is in the text: short strings
    ("Home", "2") occur anywhere.

    Examples
    --------
    >>> lines_in_text(["Menu", "The talks in Astana ended on Friday.", "Ended", "Contact us"],
    ...               "The talks in Astana ended on Friday. Ended").tolist()
    [0, 1, 1, 0]
    """
    norm_text = _SPACE_RE.sub(" ", text).strip().lower()
    words = _WORD_RE.findall(norm_text)
    shingles = {tuple(words[i:i + 4]) for i in range(len(words) - 3)}
    first = []
    for line in lines:
        low = _SPACE_RE.sub(" ", line).strip().lower()
        w = _WORD_RE.findall(low)
        if len(w) >= min_words:
            if low in norm_text:
                first.append(1)
                continue
            own = {tuple(w[i:i + 4]) for i in range(len(w) - 3)}
            first.append(int(bool(own) and len(own & shingles) / len(own) >= share))
        else:
            first.append(2 if low and low in norm_text else 0)  # 2: short, in the text
    out = np.array([1 if v == 1 else 0 for v in first], dtype=np.int64)
    for i, v in enumerate(first):
        if v == 2:
            prev = first[i - 1] if i > 0 else 0
            nxt = first[i + 1] if i + 1 < len(first) else 0
            out[i] = int(prev == 1 or nxt == 1 or (prev == 2 and nxt == 1))
    return out


def page_decisions(lines: list[str], probabilities, model: LineModel):
    """The :class:`~framing.ingest.segment.LineDecisions` of a page.

    ``probabilities`` are the model's, for the page's non-blank lines in order.
    When no line reaches the threshold but the page holds running text, the
    page's most likely block (the densest run of probability above half the
    page's highest) is kept rather than losing the page: ``fallback`` lists it.

    Examples
    --------
    >>> d = page_decisions(["Menu", "", "A story of twelve words that ends the way a sentence does."],
    ...                    [0.1, 0.3], load_line_model())
    >>> d.p[1] is None, d.kept(2), d.fallback
    (True, True, (2,))
    """
    probs = np.asarray(probabilities, dtype=np.float64)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    p: list[float | None] = [None] * len(lines)
    for i, q in zip(nonblank, probs):
        p[i] = float(q)
    fallback: tuple = ()
    if len(probs) and not (probs >= model.threshold).any():
        start, stop = densest_block(probs - probs.max() / 2)
        block = nonblank[start:stop]
        if any(classify_line(lines[i]).n_words >= 10 and classify_line(lines[i]).ends_terminal for i in block):
            fallback = tuple(block)
    return LineDecisions(tuple(p), model.threshold, model.name, fallback)
