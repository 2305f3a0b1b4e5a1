"""Slogans on the five real pages: who carries the official formulations, and in whose voice."""

from __future__ import annotations

import pytest

from framing.slogan_lexicon import load_slogan_lexicon
from framing.slogans import slogan_matches, slogan_rates
from framing.stats import MIN_DOCS, MIN_WORDS

COOPERATION = {"mutual_respect", "mutual_trust", "mutual_benefit", "mutual_assistance", "community_shared_future",
               "win_win", "belt_and_road", "high_quality_development", "people_to_people_exchanges",
               "good_neighborliness", "china_central_asia_spirit", "silk_road_spirit", "common_development"}


@pytest.fixture(scope="module")
def matches(shared_corpus):
    return slogan_matches(shared_corpus)


def _doc(shared_corpus, **query):
    a = shared_corpus.articles
    for k, v in query.items():
        a = a[a[k] == v]
    return a["doc_id"].tolist()


def test_speech_and_star_reprints_carry_most_official_formulations(shared_corpus, matches):
    lex_origin = matches["family"].map({f.id: f.origin for f in load_slogan_lexicon().families})
    official = matches[lex_origin == "official_chinese_formulation"]
    per_doc = official.groupby("doc_id").size()
    speech = _doc(shared_corpus, publisher="IOL News")[0]
    assert per_doc.idxmax() == speech
    star = _doc(shared_corpus, publisher="The Star")
    top = set(per_doc.sort_values(ascending=False).index[:6])
    assert speech in top and len(set(star) & set(per_doc.index)) == 3


def test_diplomat_quotes_the_mutuals_and_speaks_its_own_vocabulary(shared_corpus, matches):
    dip = _doc(shared_corpus, publisher="The Diplomat")[0]
    m = matches[matches["doc_id"] == dip]
    mutuals = m[m["family"].isin(["mutual_respect", "mutual_trust", "mutual_benefit"])]
    assert len(mutuals) == 3 and mutuals["quoted"].all()
    own = set(m.loc[~m["quoted"], "family"])
    assert {"critical_minerals", "authoritarian"} <= own
    transactional = m[m["family"] == "transactional"]
    assert len(transactional) >= 1 and transactional["quoted"].all()


def test_unbalanced_gfoeller_quote_does_not_flip_the_paragraph(shared_corpus, matches):
    dip = _doc(shared_corpus, publisher="The Diplomat")[0]
    m = matches[matches["doc_id"] == dip]
    # 'authoritarian Tajikistan' comes after the unclosed quote in the same paragraph: still own voice
    assert not m.loc[m["family"] == "authoritarian", "quoted"].any()


def test_appended_stories_carry_no_cooperation_formulations(shared_corpus, matches):
    appended = _doc(shared_corpus, source_file="000_49e4d0dd88731e1e.txt")[1:]
    assert len(appended) == 3
    assert not matches[matches["doc_id"].isin(appended) & matches["family"].isin(COOPERATION)].shape[0]


def test_rates_by_source_type(shared_corpus, matches):
    rates = slogan_rates(shared_corpus, by="source_type", voice="own", matches=matches, n_boot=300)
    r = rates.set_index(["group", "feature"])
    assert r.loc[("newspaper", "community_shared_future"), "count"] >= 3
    assert r.loc[("analysis_magazine", "mutual_respect"), "count"] == 0  # quoted only
    too_few = (rates["n_docs"] < MIN_DOCS) | (rates["n_words"] < MIN_WORDS)
    assert rates.loc[too_few, "ci_low"].isna().all()  # too few documents: no interval, rather than a fake one
    r2 = rates[~too_few]
    assert r2["ci_low"].notna().all()
    assert rates.loc[too_few, "ci_note"].str.contains("too few").all()
    assert (r2["ci_low"] <= r2["per_1k"] + 1e-9).all() and (r2["per_1k"] <= r2["ci_high"] + 1e-9).all()
