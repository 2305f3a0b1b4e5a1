"""A line scored by its own words: the term half of the line model.

:class:`LineTermScorer` is a logistic regression on the words and word pairs of
a line (:func:`line_terms`), over a vocabulary of terms that occur on at least
``min_sites`` different web sites of the training pages. :mod:`framing.ingest.linemodel`
stacks it under :class:`~framing.ingest.linemodel.LineClassifier` and re-exports
both names.

Examples
--------
>>> sorted(line_terms("Share this"))
['share', 'share this', 'this']
"""

from __future__ import annotations

import re
from itertools import repeat

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .linefeatures import WordRuns

__all__ = ["line_terms", "LineTermScorer"]

# sklearn's default token pattern: runs of two or more word characters
_TERM_RE = re.compile(r"(?u)\b\w\w+\b")


def line_terms(text: str) -> frozenset[str]:
    """The lower-cased words (2+ characters) and adjacent word pairs of a line.

    Examples
    --------
    >>> sorted(line_terms("Read more news"))
    ['more', 'more news', 'news', 'read', 'read more']
    """
    words = _TERM_RE.findall(text.lower())
    return frozenset(words).union(a + " " + b for a, b in zip(words, words[1:]))


class LineTermScorer(ClassifierMixin, BaseEstimator):
    """Logistic regression on the terms of a line (binary, L2-normalised term vector).

    Parameters
    ----------
    min_sites : int, default 3
        A term enters the vocabulary when it occurs on at least this many sites
        of the training data (``groups`` in :meth:`fit`).
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.

    Attributes
    ----------
    vocabulary_ : dict
        Term -> column.
    coef_ : ndarray of shape (n_terms,)
    intercept_ : float
    classes_ : ndarray

    Examples
    --------
    >>> lines = ["Share on Facebook", "The minister said talks would resume on Monday."] * 3
    >>> m = LineTermScorer(min_sites=1).fit(lines, [0, 1] * 3)
    >>> m.predict(["Share on Twitter", "Talks would resume, the minister said."]).tolist()
    [0, 1]
    """

    def __init__(self, min_sites: int = 3, C: float = 1.0):
        self.min_sites = min_sites
        self.C = C

    def _matrix(self, X):
        import scipy.sparse as sp

        vocab = self.vocabulary_
        rows, cols = [], []
        for i, text in enumerate(X):
            for t in line_terms(str(text)):
                j = vocab.get(t)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(X), len(vocab)))
        norms = np.sqrt(np.asarray(m.sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.diags(1.0 / norms) @ m

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit on line texts ``X`` with labels ``y`` (1 = main text); ``groups``: the site of each line."""
        from sklearn.linear_model import LogisticRegression

        X = [str(t) for t in X]
        y = np.asarray(y)
        groups = np.arange(len(X)) if groups is None else np.asarray(groups)
        sites: dict[str, set] = {}
        for text, g in zip(X, groups):
            for t in line_terms(text):
                sites.setdefault(t, set()).add(g)
        terms = sorted(t for t, s in sites.items() if len(s) >= self.min_sites)
        self.vocabulary_ = {t: j for j, t in enumerate(terms)}
        lr = LogisticRegression(C=self.C, solver="liblinear", max_iter=300)
        lr.fit(self._matrix(X), y, sample_weight=sample_weight)
        self.classes_ = lr.classes_
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        return self

    def decision_function(self, X) -> np.ndarray:
        """Log-odds of main text, per line."""
        check_is_fitted(self, "coef_")
        return self.line_scores([str(t) for t in X])

    def _term_index(self):
        """The vocabulary as word ids: unigram column per word, sorted bigram codes and their columns."""
        if getattr(self, "_index_for", None) is not self.vocabulary_:
            words: dict[str, int] = {}
            pairs = []
            for term in self.vocabulary_:
                for w in term.split(" "):
                    words.setdefault(w, len(words))
            unigram = np.full(len(words), -1, dtype=np.int64)
            for term, j in self.vocabulary_.items():
                if " " in term:
                    a, b = term.split(" ")
                    pairs.append((words[a] * len(words) + words[b], j))
                else:
                    unigram[words[term]] = j
            pairs.sort()
            codes = np.array([c for c, _ in pairs], dtype=np.int64)
            cols = np.array([j for _, j in pairs], dtype=np.int64)
            self._index = (words, unigram, codes, cols)
            self._index_for = self.vocabulary_
        return self._index

    def line_scores(self, texts: list[str], words: WordRuns | None = None) -> np.ndarray:
        """:meth:`decision_function` of many lines, vectorised over their words.

        The same value as the L2-normalised binary term vector times ``coef_``:
        the sum of the coefficients of the line's distinct terms over the square
        root of their number, computed from word ids without building the sparse
        matrix (ingestion scores every distinct line of a corpus). ``words``: the
        lines' :class:`~framing.ingest.linefeatures.WordRuns`, when at hand.
        """
        n = len(texts)
        vocab_words, unigram, codes, cols = self._term_index()
        words = WordRuns([t.lower() for t in texts]) if words is None else words
        # terms are words of two or more characters (sklearn's token pattern), pairs of adjacent ones
        long = np.fromiter(map(len, words.runs), dtype=np.int64, count=len(words.runs)) >= 2
        owner = words.owner[long]
        ids = np.fromiter(map(vocab_words.get, words.runs, repeat(-1)), dtype=np.int64,
                          count=len(words.runs))[long]
        known = ids >= 0
        uni_line, uni_col = owner[known], unigram[ids[known]]
        ok = uni_col >= 0
        uni_line, uni_col = uni_line[ok], uni_col[ok]
        both = known[:-1] & known[1:] & (owner[:-1] == owner[1:])
        code = ids[:-1][both] * len(vocab_words) + ids[1:][both]
        at = np.searchsorted(codes, code)
        found = at < len(codes)
        found[found] = codes[at[found]] == code[found]
        line = np.concatenate([uni_line, owner[:-1][both][found]])
        col = np.concatenate([uni_col, cols[at[found]]])
        # a term counts once per line (binary term vector)
        width = max(len(self.coef_), 1)
        pair = np.sort(line * width + col)
        pair = pair[np.concatenate([[True], pair[1:] != pair[:-1]])] if len(pair) else pair
        line, col = pair // width, pair % width
        n_terms = np.bincount(line, minlength=n)
        total = np.bincount(line, weights=self.coef_[col], minlength=n)
        return np.divide(total, np.sqrt(n_terms), out=np.zeros(n), where=n_terms > 0) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        d = self.decision_function(X)
        p = 1.0 / (1.0 + np.exp(-d))
        return np.column_stack([1 - p, p])

    def predict(self, X) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def line_score(self, text: str) -> float:
        """:meth:`decision_function` of one line."""
        return float(self.line_scores([text])[0])
