"""The learned line classifier: a real estimator, a shipped model that loads, stories never lost."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from framing import read_corpus
from framing.ingest.linefeatures import densest_block, feature_names, page_feature_matrix, stoplist_language
from framing.ingest.linemodel import (LineClassifier, LineModel, LineTermScorer, fit_line_model, line_model_path,
                                      lines_in_text, load_line_model, page_decisions)

from helpers import assert_conservation


@parametrize_with_checks([LineClassifier(n_estimators=10)], expected_failed_checks=lambda est: {
    # LightGBM's histogram bins depend on the rows it sees, so a row repeated k times and a row of
    # weight k give slightly different trees: equal in expectation, not bit for bit
    "check_sample_weight_equivalence_on_dense_data": "LightGBM bins rows, weights are not repeats",
})
def test_line_classifier_is_a_scikit_learn_estimator(estimator, check):
    check(estimator)


def _toy_pages(n: int = 12):
    rng = np.random.default_rng(0)
    story = ["The ministers met in Astana on Tuesday and agreed to expand rail links, officials said.",
             "Trade between the two countries grew by a fifth last year, according to customs data.",
             "Analysts said the new corridor would cut delivery times for exporters by several days."]
    furniture = ["Home", "News", "Sport", "Share on Facebook", "Copyright 2025 Example Media. All rights reserved."]
    pages, labels, sites = [], [], []
    for k in range(n):
        body = list(rng.permutation(story))
        lines = furniture[:3] + body + furniture[3:]
        pages.append(lines)
        labels.append([0, 0, 0, 1, 1, 1, 0, 0])
        sites.append(f"site{k % 4}")
    return pages, labels, sites


def test_fitted_line_model_separates_story_from_furniture_and_round_trips(tmp_path):
    pages, labels, sites = _toy_pages()
    model = fit_line_model(pages, labels, sites=sites, n_splits=2, term_params={"min_sites": 2},
                           classifier_params={"n_estimators": 20, "min_child_samples": 5},
                           info={"version": "test"})
    p = model.page_probabilities(pages[0])
    assert p[3:6].min() > p[[0, 1, 2, 6, 7]].max()
    a = model.save(tmp_path / "a")
    model.save(tmp_path / "b")
    for name in ("line_model.json.gz", "line_model_trees.txt.gz"):  # the same model gives the same bytes
        assert (a / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    again = LineModel.load(a)
    np.testing.assert_allclose(again.page_probabilities(pages[0]), p, atol=1e-6)
    assert again.name == "line model test"


def test_loading_a_model_for_other_features_fails_with_the_folder_named(tmp_path):
    pages, labels, sites = _toy_pages()
    d = fit_line_model(pages, labels, sites=sites, n_splits=2, term_params={"min_sites": 2},
                       classifier_params={"n_estimators": 5, "min_child_samples": 5}).save(tmp_path / "m")
    payload = json.loads(gzip.decompress((d / "line_model.json.gz").read_bytes()))
    payload["features"] = payload["features"][:-1]
    (d / "line_model.json.gz").write_bytes(gzip.compress(json.dumps(payload).encode()))
    with pytest.raises(ValueError, match="other features"):
        LineModel.load(d)
    with pytest.raises(FileNotFoundError, match="no line model here"):
        LineModel.load(tmp_path / "nowhere")


def test_shipped_model_is_small_documented_and_cross_validated():
    model = load_line_model()
    info = model.info
    assert info["n_pages"] == 983 and len(info["data_sha256"]) == 64
    assert info["threshold_from"] == "cross-validation" and info["cv_f1"] >= 0.90
    assert 0.2 <= model.threshold <= 0.7
    assert sum(f.stat().st_size for f in line_model_path().iterdir()) < 3_000_000
    assert model.classifier.n_features_in_ == len(feature_names()) + 10


def test_term_scorer_vocabulary_needs_several_sites():
    lines = ["Share on Facebook", "Talks resumed on Monday, the minister said."] * 2 + ["Kommentare von Lesern"]
    y = [0, 1, 0, 1, 0]
    m = LineTermScorer(min_sites=2).fit(lines, y, groups=["a", "a", "b", "b", "c"])
    assert "share" in m.vocabulary_ and "kommentare" not in m.vocabulary_


def test_features_have_fixed_width_and_see_the_densest_block():
    lines = ["Menu", "Home"] + ["A long line of running text that ends as a sentence should end."] * 3 + ["Footer"]
    X = page_feature_matrix(lines)
    assert X.shape == (6, len(feature_names()))
    col = feature_names().index("in_dense_block")
    assert X[:, col].tolist() == [0, 0, 1, 1, 1, 0]
    assert densest_block(np.array([-1.0, -2.0])) == (0, 1)  # all against: the least bad single row
    assert densest_block(np.array([2.0, -1.0, 2.0, -5.0, 1.0])) == (0, 3)
    assert page_feature_matrix([]).shape == (0, len(feature_names()))


@pytest.mark.parametrize("lines, language", [
    (["Die Regierung hat am Montag die neuen Pläne vorgestellt und die Kritik war groß."], "German"),
    (["Le gouvernement a présenté lundi les nouveaux plans, et la critique a été vive."], "French"),
    (["El gobierno presentó el lunes los nuevos planes y las críticas fueron duras."], "Spanish"),
    (["Правительство в понедельник представило новые планы, и критика была острой."], "Russian"),
    (["The government presented the new plans on Monday and the criticism was sharp."], "English"),
])
def test_stopwords_are_language_aware(lines, language):
    assert stoplist_language(lines) == language
    col = feature_names().index("stopword_share")
    assert page_feature_matrix(lines)[0, col] > 0.2


def test_lines_in_text_aligns_rewrapped_text():
    lines = ["Menu", "The talks in Astana ended on Friday with a joint statement on rail.", "Home"]
    assert lines_in_text(lines, "The talks in Astana ended on Friday\nwith a joint statement on rail.").tolist() == [0, 1, 0]


class _Unsure:
    """A stand-in model that is unsure of every line: probabilities just under its threshold."""

    threshold = 0.5
    name = "line model stub"

    def probabilities(self, pages):
        return [np.full(len(lines), 0.3) for lines in pages]


def test_an_unsure_model_keeps_the_story_and_says_so(tmp_path):
    story = " ".join(["The ministers met in Astana on Tuesday and agreed to expand rail links."] * 2)
    path = tmp_path / "page.txt"
    path.write_text("Home\nNews\n\nRail links\n\n" + story + "\n\n" + story.replace("Tuesday", "Friday") + "\n")
    corpus = read_corpus(path, line_model=_Unsure())
    arts = corpus.articles[corpus.articles["kind"] == "article"]
    assert len(arts) == 1 and "agreed to expand rail links" in arts["text"].iloc[0]
    problems = corpus.problems
    assert (problems["problem"] == "uncertain story").sum() == 1
    assert "page.txt" in problems["message"].iloc[0] and "0.50" in problems["message"].iloc[0]
    assert_conservation(corpus, path, "page.txt")


def test_a_page_without_a_story_is_a_problem_not_silence(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Home\nNews\nSport\nWeather\nContact us\nPrivacy policy\n")
    corpus = read_corpus(path)
    assert (corpus.articles["kind"] == "article").sum() == 0
    row = corpus.problems[corpus.problems["problem"] == "no story found"]
    assert len(row) == 1 and "menu.txt" in row["message"].iloc[0]
    assert len(corpus.removed) == 6
    assert corpus.removed["reason"].str.len().gt(0).all()
    assert_conservation(corpus, path, "menu.txt")


def test_page_decisions_fall_back_to_the_most_likely_block():
    model = load_line_model()
    lines = ["Menu", "", "A story of twelve words that ends the way a sentence does, really."]
    d = page_decisions(lines, [0.1, model.threshold - 0.05], model)
    assert d.p[1] is None and d.kept(2) and not d.kept(0) and d.fallback == (2,)
    d = page_decisions(lines, [0.1, model.threshold + 0.05], model)
    assert d.fallback == () and d.kept(2)


# lines that stress the vectorised features: astral and combining characters, separators, URLs in
# either case, sentence marks that touch ("ab. cd. e"), digits inside words, odd white space
_TRICKY = [
    "𝐁𝐨𝐥𝐝 text with emoji 😀 and more words here, ok.",
    "“Quoted” – dash | sep » next › x / y · z • w - v",
    "ab. cd. ef. g and then U.S. officials left. Next day it rained!  Really? Yes.",
    "ǅungla İstanbul ß ﬁ ŉ Άλφα ΣΟΦΟΣ Ωμέγα straße",
    "12:30 | 3 Dec 2024",
    "Visit HTTP://EXAMPLE.COM or www.example.org, mail a@b.cc",
    "WWW.SHOUTING.COM",
    "…", "a...", "Ends with a quote.”", "covid19 g20 x_y 2024 ½ ²",
    "\u00a0non-breaking\u00a0space\u2009thin\u3000wide ",
    "Кирилл Иванов сказал, что переговоры продолжатся в понедельник. Так.",
    "零 中文 句子。", "x" * 300, "\ud800 lone surrogate", "tab\tseparated\tvalues here",
]


def _scalar_shape(text: str) -> list[float]:
    """The shape features of one line with plain str methods: what the vectorised code must equal."""
    from framing.ingest.linefeatures import _SENTENCE_MARK, _SEPARATORS, _URL_RE, ROLES, SHAPE_FEATURES
    from framing.ingest.lines import TIMESTAMP_RE, classify_line

    s = text.strip()
    words = s.split()
    nw, nc = len(words), len(s)
    letters, upper, digits = (sum(map(f, s)) for f in (str.isalpha, str.isupper, str.isdigit))
    blanks = nc - len("".join(words))
    core = s.rstrip("\"”’'»)]") or s
    ell = core.endswith(("...", "\u2026"))
    info = classify_line(text)
    v = [np.log1p(nw), np.log1p(nc), core.endswith(tuple(".!?\u2026")) and not ell, core.endswith(":"), ell,
         core[-1].isalnum(), s[0].isupper(), info.bullet or info.numbered,
         sum(w[0].isupper() for w in words) / nw, upper / letters if letters else 0.0, digits / nc,
         (nc - letters - digits - blanks) / nc, min((nc - blanks) / nw, 30.0), s.count(",") / nw,
         min(len(_SENTENCE_MARK.findall(s)), 10), min(len(_SEPARATORS.findall(s)), 10),
         ("http" in s or "www." in s or "@" in s) and bool(_URL_RE.search(s)),
         nw <= 12 and bool(TIMESTAMP_RE.match(s)), min(sum(map(s.count, "\"“”«»„")), 10), nw >= 10]
    roles = [float(info.role == r) for r in ROLES]
    if not any(roles):
        roles[ROLES.index("short")] = 1.0
    assert len(v) + len(roles) == len(SHAPE_FEATURES)
    return [float(x) for x in v] + roles


def test_vectorised_line_features_equal_per_line_str_methods():
    from framing.ingest.linefeatures import _stopword_table, _TOKEN_RE, line_table, STOPLIST_LANGUAGES

    table = line_table(_TRICKY)
    expected = np.array([_scalar_shape(t) for t in _TRICKY])
    np.testing.assert_allclose(table.shape, expected, rtol=0, atol=1e-12)
    index, bits = _stopword_table()
    for k, t in enumerate(_TRICKY):
        tokens = _TOKEN_RE.findall(t.strip().lower())
        assert table.n_tokens[k] == len(tokens), t
        want = sum((bits[index.get(tok, 0)] for tok in tokens), np.zeros(len(STOPLIST_LANGUAGES)))
        assert table.stop_counts[k].tolist() == want.astype(int).tolist(), t


def test_features_of_a_page_do_not_depend_on_the_pages_beside_it():
    from framing.ingest.linefeatures import PageBatch

    pages = _toy_pages(3)[0] + [_TRICKY, ["Menu"] * 4, ["One line only."]]
    batch = PageBatch(pages)
    stacked = batch.rows.split(batch.feature_matrix())
    for lines, rows in zip(pages, stacked):
        alone = page_feature_matrix(lines)
        np.testing.assert_allclose(alone, rows, rtol=0, atol=1e-12)
        # the ranks bit for bit: they break ties between equal floats, which sums must not perturb
        assert np.array_equal(alone[:, -4:], rows[:, -4:])


def test_term_scores_equal_the_sparse_term_vector_product():
    model = load_line_model()
    terms = model.terms
    lines = _TRICKY + ["Share on Facebook", "All rights reserved", "Read more news about news", "ab ab ab"]
    dense = terms._matrix(lines) @ terms.coef_ + terms.intercept_
    np.testing.assert_allclose(terms.line_scores(lines), dense, rtol=0, atol=1e-12)
    assert terms.line_score("Share on Facebook") == pytest.approx(dense[len(_TRICKY)])
