"""LexiconVectorizer is a real scikit-learn estimator.

``parametrize_with_checks`` skips every data check for estimators that take raw text
(it warns "Can't test estimator ... requires input of type string", as for CountVectorizer),
so the API checks that do apply are run here by name, and the data checks that matter for a
vectorizer (pickling, idempotent fit, sample order and subset invariance, fit_transform) are
written out on text input.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.utils import estimator_checks as ec

from framing.slogans import LexiconVectorizer

DOCS = ["Mutual respect, mutual trust and win-win cooperation.", "A debt trap, said critics.",
        "Nothing to see here.", "Great-power competition over critical minerals.",
        "Building a community with a shared future for mankind."]

API_CHECKS = ["check_no_attributes_set_in_init", "check_parameters_default_constructible",
              "check_get_params_invariance", "check_set_params", "check_estimator_cloneable",
              "check_estimator_repr", "check_estimators_unfitted", "check_mixin_order", "check_valid_tag_types",
              "check_do_not_raise_errors_in_init_or_set_params", "check_estimator_tags_renamed"]


@pytest.mark.parametrize("check_name", API_CHECKS)
def test_sklearn_api_checks(check_name):
    getattr(ec, check_name)("LexiconVectorizer", LexiconVectorizer())


def test_tags_declare_text_input():
    tags = LexiconVectorizer().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array


def test_unfitted_and_bad_input():
    with pytest.raises(NotFittedError):
        LexiconVectorizer().transform(DOCS)
    with pytest.raises(ValueError, match="string object received"):
        LexiconVectorizer().fit("one string")
    with pytest.raises(ValueError, match="numeric array"):
        LexiconVectorizer().fit(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="voice"):
        LexiconVectorizer(voice="loud").fit(DOCS)


def test_pickle_clone_idempotent_fit_transform():
    vec = LexiconVectorizer().fit(DOCS)
    X = vec.transform(DOCS).toarray()
    assert np.array_equal(pickle.loads(pickle.dumps(vec)).transform(DOCS).toarray(), X)
    assert np.array_equal(clone(vec).fit(DOCS).transform(DOCS).toarray(), X)
    assert np.array_equal(vec.fit(DOCS).transform(DOCS).toarray(), X)
    assert np.array_equal(LexiconVectorizer().fit_transform(DOCS).toarray(), X)
    assert X.shape == (5, len(vec.get_feature_names_out()))


def test_sample_order_and_subset_invariance():
    vec = LexiconVectorizer().fit(DOCS)
    X = vec.transform(DOCS).toarray()
    order = [3, 1, 4, 0, 2]
    assert np.array_equal(vec.transform([DOCS[i] for i in order]).toarray(), X[order])
    assert np.array_equal(vec.transform(DOCS[:2]).toarray(), X[:2])


def test_in_a_pipeline():
    docs = ["mutual respect and win-win cooperation", "great-power competition and debt trap",
            "win-win cooperation for a shared future", "a debt trap and authoritarian rule"]
    pipe = make_pipeline(LexiconVectorizer(), LogisticRegression()).fit(docs, [1, 0, 1, 0])
    assert pipe.predict(["mutual benefit and win-win results"]).tolist() == [1]
