"""The measure registry: each fact listed once, and the scale-out's map and combine equal to the whole-corpus call.

``combine([compute(part) for part in parts]) == compute(whole)`` on 20 literal articles cut into three
partitions, for each measure :mod:`framing.scale` spreads over partitions (beside the cluster test of
tests/test_scale.py, which runs the same kernels on a LocalCluster).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing.report.sections as report_sections
from framing import Corpus
from framing.measures import CORPUS_TABLES, FIGURES, MEASURES, SORT_KEYS, added_counts, measures, table_names
from framing.report import SORT_KEYS as REPORT_SORT_KEYS
from framing.report import FIGURES as REPORT_FIGURES
from framing.scale import PART_TABLES, STEPS, WHOLE_TABLES
from framing.scale.rates import poisson_rate_table
from framing.slogan_lexicon import load_slogan_lexicon
from framing.slogans import slogan_rates

_TEXTS = [
    ("state_media", "Xinhua", "Both sides stressed mutual respect and mutual trust. The talks went well."),
    ("state_media", "Xinhua", "A community with a shared future was the theme. Mutual respect guides the partners."),
    ("state_media", "CGTN", "Officials praised mutual benefit and win-win cooperation on the new railway."),
    ("state_media", "CGTN", "The dry port handles trains around the clock, a sign of mutual benefit."),
    ("state_media", "Global Times", "Critics were wrong, the paper said: mutual trust is growing every year."),
    ("state_media", "Global Times", "The minister spoke of mutual respect. Trade rose by a fifth last year."),
    ("state_media", "Xinhua", "Leaders signed twelve agreements on energy, transport and education."),
    ("newspaper", "Daily Steppe", "The railway deal is costly and the debt worries many economists."),
    ("newspaper", "Daily Steppe", "\u201cWe want mutual respect,\u201d the ambassador said at the forum."),
    ("newspaper", "Daily Steppe", "Farmers fear the new border rules will hurt their exports badly."),
    ("newspaper", "Almaty Herald", "The government praised the summit; opposition parties were silent."),
    ("newspaper", "Almaty Herald", "Prices of fuel rose again, and drivers blamed the new taxes."),
    ("newspaper", "Almaty Herald", "Officials spoke of mutual benefit, but the contracts remain secret."),
    ("newspaper", "Tashkent Times", "A new school opened in the capital with money from abroad."),
    ("think_tank", "Steppe Institute", "Our report finds mutual trust between the states is shallow."),
    ("think_tank", "Steppe Institute", "Security cooperation grew, while economic ties lagged behind."),
    ("think_tank", "Eurasia Forum", "The community with a shared future slogan hides real disputes."),
    ("think_tank", "Eurasia Forum", "Water disputes on the rivers could threaten regional stability."),
    ("think_tank", "Eurasia Forum", "Mutual respect is a phrase, not a policy, the analysts argue."),
    ("think_tank", "Steppe Institute", "Debt, corruption and weak courts worry foreign investors."),
]
ROWS = [{"doc_id": f"lit#{i}", "source_type": st, "publisher": pub, "text": text}
        for i, (st, pub, text) in enumerate(_TEXTS, start=1)]
CUTS = [(0, 7), (7, 14), (14, 20)]  # three partitions of 7, 7 and 6 articles


@pytest.fixture(scope="module")
def whole():
    return Corpus.from_frame(ROWS, doc_id="doc_id")


@pytest.fixture(scope="module")
def parts():
    return [Corpus.from_frame(ROWS[a:b], doc_id="doc_id") for a, b in CUTS]


# ---------------------------------------------------------------- each fact once

def test_every_table_has_one_measure_and_its_sort_keys_are_the_reports():
    names = table_names()
    assert len(names) == len(set(names)) == len(CORPUS_TABLES) + sum(len(m.tables) for m in measures())
    assert SORT_KEYS == {n: keys for n, keys in SORT_KEYS.items()} and REPORT_SORT_KEYS is SORT_KEYS
    assert set(SORT_KEYS) == set(names) - {"groups"}
    assert SORT_KEYS["slogan_rates"] == ["voice", "group", "feature"] == MEASURES["slogans"].sort_keys("slogan_rates")
    assert MEASURES["over_time"].sort_keys("trends_voices") == ["group", "period", "feature"]


def test_each_figure_draws_a_table_of_its_own_measure_and_each_section_has_a_page_part():
    assert REPORT_FIGURES is FIGURES
    assert [f[0] for f in FIGURES][:3] == ["slogans", "frames", "actor_sentiment"]
    for m in measures():
        assert all(f.table in m.tables for f in m.figures), m.name
    assert len({f[0] for f in FIGURES}) == len(FIGURES)
    flagged = {f.name: (f.rate, f.significant_only, f.graph) for m in measures() for f in m.figures
               if f.rate or f.significant_only or f.graph}
    assert flagged == {"slogans": (True, False, None), "trend_slogans": (True, False, None),
                       "distinctive_terms": (False, True, None), "syndication": (False, False, "syndication")}


def test_each_difference_of_the_summary_is_a_table_of_its_own_measure():
    listed = [(m.name, d.table) for m in measures() for d in m.differences]
    assert all(table in MEASURES[name].tables for name, table in listed)
    assert sorted(t for _, t in listed) == ["actor_sentiment", "frame_profile", "message_discipline",
                                            "slogan_rates", "topics_by_group", "voices_by"]
    assert {m.section for m in measures() if m.section} == set(report_sections._SECTIONS)


def test_compare_runs_the_measures_in_registry_order_and_over_time_only_with_a_frequency():
    assert [m.step for m in measures()] == ["slogans", "frames", "sentiment", "topics", "distinctive terms",
                                            "reuse", "voices", "over time", "differences"]
    assert not MEASURES["over_time"].wanted({"freq": None}) and MEASURES["over_time"].wanted({"freq": "M"})
    assert MEASURES["slogans"].wanted({})


def test_the_scale_steps_and_tables_are_the_registrys():
    assert set(STEPS) == {"clean"} | {m.scale_step for m in measures() if m.scale_step}
    assert PART_TABLES == ("articles", "removed", "problems", "line_map", "slogan_matches", "frames", "sentiment",
                           "actor_mentions", "passages", "minhash")
    assert WHOLE_TABLES == ("slogan_rates", "term_counts", "distinctive_terms", "reuse_pairs")


# ---------------------------------------------------------------- map and combine

def test_slogan_rate_sums_of_the_partitions_add_up_to_those_of_the_whole(whole, parts):
    m = MEASURES["slogans"]
    combined = m.combine([m.compute(p, by="source_type", n_boot=40) for p in parts])
    full = m.compute(whole, by="source_type", n_boot=40)
    assert sorted(combined) == sorted(full) == ["newspaper", "state_media", "think_tank"]
    for group, sums in full.items():
        assert sorted(combined[group]) == sorted(sums)
        for key, value in sums.items():
            assert np.array_equal(np.asarray(combined[group][key]), np.asarray(value)), (group, key)
    lex = load_slogan_lexicon()
    respect = lex.ids.index("mutual_respect")
    # three state-media articles say "mutual respect", two of them as attributed speech ("stressed", "spoke
    # of"): one use in their own voice; the newspaper's one is a quotation
    assert full["state_media"]["n_docs"] == 7 and full["state_media"]["count"][respect] == 1
    assert full["newspaper"]["count"][respect] == 0 and full["think_tank"]["count"][respect] == 1
    quoted = m.combine([m.compute(p, by="source_type", voice="quoted", n_boot=40) for p in parts])
    assert quoted["state_media"]["count"][respect] == 2 and quoted["newspaper"]["count"][respect] == 1
    # the rate table made from the combined sums is the one made from the whole corpus's, and its counts
    # are those of slogan_rates
    table = poisson_rate_table(combined, lex, "source_type", "own")
    pd.testing.assert_frame_equal(table, poisson_rate_table(full, lex, "source_type", "own"))
    exact = slogan_rates(whole, by="source_type", voice="own", n_boot=40, ci_method="document")
    key = ["group", "feature"]
    assert table.sort_values(key)["count"].tolist() == exact.sort_values(key)["count"].tolist()


@pytest.mark.parametrize("name, options", [("frames", {"scheme": "relationship"}),
                                           ("frames", {"scheme": "policy"}),
                                           ("sentiment", {"level": "sentence"})])
def test_per_document_measures_of_the_partitions_are_those_of_the_whole(whole, parts, name, options):
    m = MEASURES[name]
    full = m.compute(whole, **options)
    assert full["doc_id"].nunique() == 20
    pd.testing.assert_frame_equal(m.combine([m.compute(p, **options) for p in parts]), full)


def test_term_counts_of_the_partitions_add_up_to_those_of_the_whole(whole, parts):
    m = MEASURES["distinctive_terms"]
    full = m.compute(whole.articles, by="source_type")
    combined = m.combine([m.compute(p.articles, by="source_type") for p in parts])
    pd.testing.assert_frame_equal(combined, full)
    # "mutual" seven times in state media, twice in each other group; "respect" three times in state media
    assert full.loc["mutual"].to_dict() == {"newspaper": 2, "state_media": 7, "think_tank": 2}
    assert full.loc["respect"].to_dict() == {"newspaper": 1, "state_media": 3, "think_tank": 1}


def test_added_counts_fills_a_group_missing_from_a_partition():
    a = pd.DataFrame({"x": [1, 0]}, index=pd.Index(["port", "rail"], name="term"))
    b = pd.DataFrame({"y": [2]}, index=pd.Index(["rail"], name="term"))
    out = added_counts([b, a])
    assert out.columns.tolist() == ["x", "y"] and out.index.tolist() == ["port", "rail"]
    assert out.to_numpy().tolist() == [[1, 0], [0, 2]] and (out.dtypes == "int64").all()
