"""Validation against human coders (issue 16): coding sheets, reading coded sheets back, agreement."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing.coding import (CodingError, agreement, classification_scores, coded_sample_path, coding_sheet,
                            human_majority, krippendorff_alpha, pearson_scores, stratum_sizes)

# Six sentences of five words or more in three outlet types; what the measures say of them is known.
TEXTS = {
    "state_media": "Mutual respect and win-win cooperation guide our ties. The weather was fine in Astana today.",
    "newspaper": "Critics warn of a debt trap in the region. Officials opened a new railway line on Monday.",
    "think_tank": "The terrible flood destroyed many homes and crops. Experts discussed trade at length yesterday.",
}
SLOGAN_FAMILY = {"Mutual respect and win-win cooperation guide our ties.": "mutual_respect",
                 "Critics warn of a debt trap in the region.": "debt_trap"}


@pytest.fixture(scope="module")
def tiny():
    return Corpus.from_frame([{"text": t, "source_type": s} for s, t in TEXTS.items()])


def _fill(path, codes: dict[str, dict]):
    """Write codes into a sheet CSV: ``codes[column][text] = code``."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, by_text in codes.items():
        sheet[column] = [str(by_text.get(t, "")) for t in sheet["text"]]
    sheet.to_csv(path, index=False)


# ------------------------------------------------------------------ Krippendorff's alpha

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
# University of Pennsylvania (https://repository.upenn.edu/asc_papers/43), section E: 4 observers x 12 units
# with missing values; the paper gives alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval) and 0.797
# (ratio). The krippendorff package's docstring repeats the nominal, ordinal and ratio figures.
PUBLISHED = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
             [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
             [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
             [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]


@pytest.mark.parametrize("level, published", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849),
                                              ("ratio", 0.797)])
def test_alpha_reproduces_krippendorffs_worked_example(level, published):
    data = [[np.nan if v is None else float(v) for v in row] for row in PUBLISHED]
    assert round(krippendorff_alpha(data, level), 3) == published


def test_alpha_on_tiny_tables_computed_by_hand():
    assert krippendorff_alpha([[1, 0, 1, 1], [1, 0, 1, 1]]) == 1.0
    assert krippendorff_alpha([["a", "b", None], ["a", "b", "c"]]) == 1.0  # the lone "c" is not pairable
    # 2 coders x 4 units, [1,1,0,0] and [1,0,0,0]: coincidences o00=4, o01=o10=1, o11=2; n0=5, n1=3, n=8;
    # D_o = 2/8, D_e = 2*5*3/(8*7) = 30/56; alpha = 1 - (2/8)/(30/56) = 8/15
    assert krippendorff_alpha([[1, 1, 0, 0], [1, 0, 0, 0]]) == pytest.approx(8 / 15)
    assert np.isnan(krippendorff_alpha([[1, 1], [1, 1]]))  # one value only: no disagreement to expect
    assert np.isnan(krippendorff_alpha([[1, 0, 1]]))  # one coder: nothing pairable


# ------------------------------------------------------------------ majority and scores

def test_majority_rule_and_ties():
    codes = [["a", "a", "b"], ["a", "b", None], [None, None, None], ["b", "a"]]
    assert human_majority(codes, "nominal") == ["a", None, None, None]
    assert human_majority(codes, "nominal", ties="first") == ["a", "a", None, "b"]
    assert human_majority([[2, -1, None]], "interval") == [0.5]
    with pytest.raises(ValueError, match="ties"):
        human_majority(codes, "nominal", ties="coin")


def test_binary_scores_by_hand():
    # tp=1 (unit 1), fn=1 (unit 2), fp=1 (unit 4): precision = recall = F1 = 1/2
    s = classification_scores([1, 1, 0, 0], [1, 0, 0, 1], n_boot=500)
    assert (s["precision"], s["recall"], s["value"]) == (0.5, 0.5, 0.5)
    assert np.isnan(classification_scores([0, 0], [0, 0])["value"])  # no positive either side


def test_nominal_scores_match_sklearn_macro_average():
    from sklearn.metrics import precision_recall_fscore_support

    truth = ["a", "a", "b", "none", "c", "b", "mixed", "a"]
    pred = ["a", "b", "b", "a", "none", "b", "c", "a"]
    s = classification_scores(truth, pred, kind="nominal", n_boot=200)
    # sklearn.metrics.precision_recall_fscore_support(truth, pred, labels=["a","b","c"], average="macro",
    #                                                 zero_division=0)
    p, r, f, _ = precision_recall_fscore_support(truth, pred, labels=["a", "b", "c"], average="macro",
                                                 zero_division=0)
    assert (s["precision"], s["recall"], s["value"]) == pytest.approx((p, r, f))
    # by hand: a: tp 2, fp 1, fn 1 -> P 2/3, R 2/3; b: tp 2, fp 1, fn 0 -> P 2/3, R 1; c: tp 0 -> 0, 0
    assert s["precision"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s["recall"] == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_pearson_matches_scipy():
    from scipy.stats import pearsonr

    x, y = [0.1, 0.5, -0.3, 0.9, 0.0, -0.7], [1, 1, -1, 2, 0, -1]
    s = pearson_scores(x, y, n_boot=500)
    assert s["value"] == pytest.approx(pearsonr(x, y).statistic)
    assert np.isnan(pearson_scores([1, 2, 3], [0, 0, 0])["value"])


@pytest.mark.parametrize("seed", range(8))
def test_bootstrap_intervals_contain_the_point_estimate(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 80))
    truth = rng.integers(0, 2, n)
    pred = np.where(rng.random(n) < 0.75, truth, 1 - truth)
    s = classification_scores(truth, pred, n_boot=1000, random_state=seed)
    assert s["ci_low"] <= s["value"] <= s["ci_high"] and s["ci_low"] < s["ci_high"]
    labels = np.array(["p", "q", "none", "r"])
    t, p = labels[rng.integers(0, 4, n)], labels[rng.integers(0, 4, n)]
    p = np.where(rng.random(n) < 0.6, t, p)
    s = classification_scores(t, p, kind="nominal", n_boot=1000, random_state=seed)
    assert s["ci_low"] <= s["value"] <= s["ci_high"]
    x = rng.normal(size=n)
    s = pearson_scores(x, x + rng.normal(size=n), n_boot=1000, random_state=seed)
    assert s["ci_low"] <= s["value"] <= s["ci_high"] and -1 <= s["ci_low"] < s["ci_high"] <= 1


# ------------------------------------------------------------------ sampling

def test_stratum_sizes_equal_and_proportional():
    assert stratum_sizes({"a": 2, "b": 10, "c": 10}, 10) == {"a": 2, "b": 4, "c": 4}  # a gives all it has
    assert stratum_sizes({"a": 5, "b": 5, "c": 5}, 7) == {"a": 3, "b": 2, "c": 2}  # extra unit: first in order
    assert stratum_sizes({"a": 2, "b": 10, "c": 8}, 10, "proportional") == {"a": 1, "b": 5, "c": 4}
    assert stratum_sizes({"a": 2, "b": 3}, 50) == {"a": 2, "b": 3}  # fewer units than asked: all of them
    with pytest.raises(ValueError, match="allocation"):
        stratum_sizes({"a": 1}, 1, "random")


def test_sample_is_stratified_and_reproducible(sample_corpus):
    cs = coding_sheet(sample_corpus, n=30, random_state=3)
    counts = cs.sheet["stratum"].value_counts()
    types = sample_corpus.articles["source_type"].dropna().unique()
    assert set(counts.index) == set(types)
    # equal allocation: the one-sentence stratum gives its one, the other strata differ by at most one
    assert counts["reader_comment"] == 1 and counts.drop("reader_comment").max() - counts.min() <= 4
    assert counts.drop("reader_comment").max() - counts.drop("reader_comment").min() <= 1
    assert counts.sum() == 30 and cs.sheet["unit_id"].tolist()[:2] == ["u001", "u002"]
    again = coding_sheet(sample_corpus, n=30, random_state=3)
    pd.testing.assert_frame_equal(cs.sheet, again.sheet)
    other = coding_sheet(sample_corpus, n=30, random_state=4)
    assert other.sheet["text"].tolist() != cs.sheet["text"].tolist()
    prop = coding_sheet(sample_corpus, n=30, allocation="proportional", random_state=3)
    assert prop.sheet["stratum"].value_counts()["newspaper"] > counts["newspaper"]  # the largest stratum
    # every drawn sentence is a sentence of the corpus' own splitter
    sents = set(zip(sample_corpus.sentences["doc_id"], sample_corpus.sentences["sent_id"],
                    sample_corpus.sentences["text"].str.strip()))
    assert set(zip(cs.sheet["doc_id"], cs.sheet["sent_id"], cs.sheet["text"])) <= sents


def test_key_holds_the_measures_and_the_sheet_does_not(tiny, tmp_path):
    cs = coding_sheet(tiny, n=6, path=tmp_path / "tiny")
    key = cs.key.set_index("text")
    assert len(key) == 6
    for text, family in SLOGAN_FAMILY.items():
        assert key.loc[text, "slogan_present"] == 1 and key.loc[text, "slogan_family"] == family
    assert key.loc["Mutual respect and win-win cooperation guide our ties.", "slogan_families"] == \
        "mutual_respect;win_win"
    assert (key.drop(index=list(SLOGAN_FAMILY))["slogan_present"] == 0).all()
    assert key.loc["The terrible flood destroyed many homes and crops.", "vader_compound"] < -0.5
    assert key.loc["Critics warn of a debt trap in the region.", "frame"] == "dependency_risk"
    measure_columns = {"slogan_family", "slogan_families", "slogan_present", "frame", "frame_scheme",
                       "vader_compound"}
    files = {p.name for p in cs.files}
    assert files == {"tiny.csv", "tiny.html", "tiny.key.csv"}
    written = pd.read_csv(tmp_path / "tiny.csv", dtype=str, keep_default_na=False)
    assert not measure_columns & set(written.columns) and not measure_columns & set(cs.sheet.columns)
    coder_columns = [c for c in written.columns if "__" in c]
    assert coder_columns == [f"{v}__coder{i}" for v in ("slogan_present", "slogan_family", "frame", "sentiment")
                             for i in (1, 2)]
    assert (written[coder_columns] == "").all().all()
    html = (tmp_path / "tiny.html").read_text(encoding="utf-8")
    for text in written["text"]:
        assert text in html
    assert "dependency_risk" in html and "debt trap" in html  # the code lists, with a family's phrases
    for hidden in ("state_media", "newspaper#", "doc#", "vader", "compound"):
        assert hidden not in html, hidden  # no stratum, document or answer the coder could lean on
    assert pd.read_csv(tmp_path / "tiny.key.csv")["slogan_present"].sum() == 2


# ------------------------------------------------------------------ the round trip

def test_round_trip_with_codes_computed_by_hand(tiny, tmp_path):
    cs = coding_sheet(tiny, ["slogans", "frames", "sentiment"], n=6, path=tmp_path / "s")
    mutual, weather = "Mutual respect and win-win cooperation guide our ties.", "The weather was fine in Astana today."
    debt, rail = "Critics warn of a debt trap in the region.", "Officials opened a new railway line on Monday."
    flood, trade = "The terrible flood destroyed many homes and crops.", "Experts discussed trade at length yesterday."
    frames = dict(zip(cs.key["text"], cs.key["frame"]))
    sentiment1 = {mutual: 1, weather: 1, debt: -1, rail: 1, flood: -2, trade: 0}
    _fill(cs.files[0], {
        "slogan_present__coder1": {mutual: 1, debt: 1, rail: 1, weather: 0, flood: 0, trade: 0},
        "slogan_present__coder2": {mutual: 1, debt: 0, rail: 1, weather: 0, flood: 0, trade: 0},
        "slogan_family__coder1": {mutual: "mutual_respect", debt: "debt_trap", rail: "connectivity"},
        "slogan_family__coder2": {mutual: "Mutual_Respect", rail: "connectivity"},  # case is not a code
        "frame__coder1": frames, "frame__coder2": frames,
        "sentiment__coder1": sentiment1, "sentiment__coder2": {**sentiment1, flood: -1},
    })
    table = agreement(cs.files[0], n_boot=500).set_index("measure")  # the key beside the sheet
    assert list(table.columns) == ["n_units", "n_coders", "alpha", "alpha_level", "metric", "value", "ci_low",
                                   "ci_high", "precision", "recall", "n_compared"]
    present = table.loc["slogan_present"]
    # coders: [1,0,1,1,0,0] and [1,0,0,1,0,0] (mutual, weather, debt, rail, flood, trade); the debt unit is a
    # tie and is dropped; majority on the other five [1,0,1,0,0] against the key [1,0,0,0,0]: tp 1, fn 1, fp 0
    assert (present["n_units"], present["n_coders"], present["n_compared"]) == (6, 2, 5)
    assert (present["precision"], present["recall"], present["value"]) == pytest.approx((1.0, 0.5, 2 / 3))
    # alpha: o11 = 4, o00 = 6, o01 = o10 = 1, n1 = 5, n0 = 7, n = 12: 1 - (2/12) / (2*5*7/(12*11)) = 24/35
    assert present["alpha"] == pytest.approx(24 / 35) and present["alpha_level"] == "nominal"
    family = table.loc["slogan_family"]
    # majority: mutual_respect, none (weather, flood, trade: coders said 0), tie (debt), connectivity (rail);
    # key: mutual_respect, none, none: mutual_respect tp 1; connectivity fn 1 -> P (1 + 0)/2, R (1 + 0)/2
    assert family["n_compared"] == 5 and family["precision"] == pytest.approx(0.5)
    assert family["recall"] == pytest.approx(0.5) and family["value"] == pytest.approx(0.5)
    frame = table.loc["frame"]
    assert frame["alpha"] == 1.0 and frame["value"] == 1.0 and frame["n_compared"] == 6
    senti = table.loc["sentiment"]
    # interval alpha: D_o = 2*1^2/12; values sum 1, squares 13: D_e = (2*12*13 - 2*1^2)/(12*11) = 310/132
    assert senti["alpha"] == pytest.approx(1 - (2 / 12) / (310 / 132)) and senti["alpha_level"] == "interval"
    key = cs.key.set_index("text")["vader_compound"]
    texts = [mutual, weather, debt, rail, flood, trade]
    human = [1, 1, -1, 1, -1.5, 0]
    from scipy.stats import pearsonr

    assert senti["metric"] == "pearson_r" and senti["value"] == pytest.approx(pearsonr(key[texts], human)[0])
    for _, row in table.iterrows():
        if np.isfinite(row["ci_low"]):
            assert row["ci_low"] <= row["value"] <= row["ci_high"]
    # the same from DataFrames, and without the key: alpha only
    frame_only = agreement(pd.read_csv(cs.files[0], dtype=str, keep_default_na=False), cs.key, n_boot=500)
    assert frame_only.set_index("measure").loc["slogan_present", "value"] == pytest.approx(2 / 3)
    no_key = agreement(pd.read_csv(cs.files[0], dtype=str, keep_default_na=False)).set_index("measure")
    assert no_key.loc["slogan_present", "alpha"] == pytest.approx(24 / 35)
    assert no_key["value"].isna().all() and (no_key["n_compared"] == 0).all()


# ------------------------------------------------------------------ bad codes

@pytest.fixture
def coded(tiny, tmp_path):
    cs = coding_sheet(tiny, n=6, path=tmp_path / "c")
    _fill(cs.files[0], {"slogan_present__coder1": {t: 0 for t in cs.sheet["text"]}})
    return cs


def _set(path, line_of_unit: str, column: str, value: str) -> int:
    """Put ``value`` in ``column`` of the unit's row; return the 1-based line the row starts on."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet.loc[sheet["unit_id"] == line_of_unit, column] = value
    sheet.to_csv(path, index=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(line_of_unit + ","))


@pytest.mark.parametrize("column, value, says", [
    ("slogan_present__coder2", "yes", "write 1 (yes), 0 (no) or leave it blank"),
    ("frame__coder1", "friendship", "not a code of frame"),
    ("sentiment__coder2", "3", "outside the sentiment scale"),
    ("sentiment__coder1", "0.5", "outside the sentiment scale"),
    ("slogan_family__coder2", "harmony", "not a code of slogan_family"),
    ("slogan_family__coder1", "win_win", "contradicts slogan_present__coder1 = 0"),
])
def test_a_bad_code_names_file_line_and_column(coded, column, value, says):
    line = _set(coded.files[0], "u004", column, value)
    with pytest.raises(CodingError) as e:
        agreement(coded.files[0], n_boot=50)
    message = str(e.value)
    assert f"{coded.files[0]}, line {line} (unit u004), column '{column}'" in message
    assert repr(value) in message and says in message


def test_line_numbers_count_the_lines_of_multiline_texts(tmp_path, sample_corpus):
    cs = coding_sheet(sample_corpus, ["sentiment"], n=5, unit="article", path=tmp_path / "a", random_state=2)
    assert cs.sheet["text"].iloc[:-1].str.contains("\n").any()  # article texts span lines in the CSV
    last = cs.sheet["unit_id"].iloc[-1]
    line = _set(cs.files[0], last, "sentiment__coder1", "positive")
    assert line > len(cs.sheet) + 1
    with pytest.raises(CodingError, match=rf"a\.csv, line {line} \(unit {last}\), column 'sentiment__coder1'"):
        agreement(cs.files[0], n_boot=50)


def test_other_bad_sheets_say_what_is_wrong(coded, tmp_path):
    sheet = pd.read_csv(coded.files[0], dtype=str, keep_default_na=False)
    with pytest.raises(CodingError, match=r"the coded sheet, row 2 \(unit u002\), column 'sentiment__coder1'"):
        agreement(sheet.assign(sentiment__coder1=["", "-3", "", "", "", ""]), n_boot=50)
    with pytest.raises(CodingError, match="unit 'u006' is not in the key"):
        agreement(sheet, coded.key.iloc[:5], n_boot=50)
    with pytest.raises(CodingError, match="has another text in the key"):
        agreement(sheet, coded.key.assign(text=coded.key["text"].str.upper()), n_boot=50)
    with pytest.raises(CodingError, match="no coder columns"):
        agreement(sheet[["unit_id", "text"]], n_boot=50)
    with pytest.raises(CodingError, match="no 'unit_id' column"):
        agreement(sheet.drop(columns="unit_id"), n_boot=50)
    broken = tmp_path / "broken.csv"
    broken.write_text("unit_id,slogan_present__coder1\nu1,1\nu2,0,1\n", encoding="utf-8")
    with pytest.raises(CodingError, match=r"broken\.csv, line 3: 3 fields where the header has 2"):
        agreement(broken, n_boot=50)


# ------------------------------------------------------------------ the bundled coded sample

def test_bundled_coded_sample_is_the_sheet_coding_sheet_draws(sample_corpus):
    coded = pd.read_csv(coded_sample_path(), dtype=str, keep_default_na=False)
    cs = coding_sheet(sample_corpus, n=40, random_state=0)
    assert coded["unit_id"].tolist() == cs.sheet["unit_id"].tolist()
    assert coded["text"].tolist() == cs.sheet["text"].tolist()
    for c in ("slogan_present", "frame", "sentiment"):  # both passes coded every unit
        assert (coded[[f"{c}__coder1", f"{c}__coder2"]] != "").all().all(), c
    readme = (coded_sample_path().parent / "README.md").read_text(encoding="utf-8")
    assert "coded by the framing developers for demonstration" in readme
    table = agreement(coded_sample_path(), cs.key, n_boot=300).set_index("measure")
    assert list(table.index) == ["slogan_present", "slogan_family", "frame", "sentiment"]
    assert (table["n_units"] == 40).all() and (table["n_coders"] == 2).all()
    # the passes differ on frames more than on slogans, and agree on the tone's direction
    assert table.loc["frame", "alpha"] < table.loc["slogan_family", "alpha"] <= 1
    assert 0.5 < table.loc["sentiment", "alpha"] < 1 and table.loc["sentiment", "value"] > 0


def test_flat_api():
    assert framing.coding_sheet is coding_sheet and framing.agreement is agreement
    assert {"coding_sheet", "agreement"} <= set(framing.__all__)
    assert re.match(r"Draw a sample", coding_sheet.__doc__)
