"""Slogan matching on literal texts with hand-counted expectations, one normalisation rule at a time."""

from __future__ import annotations

import random
import re
import sys
from bisect import bisect_right

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Corpus, load_sample_corpus
from framing import quotes as Q
from framing.slogans import matches as S
from framing import text as T
from framing.lexicon import LexiconError
from framing.slogan_lexicon import load_slogan_lexicon, validate_lexicon
from framing.slogans import (LexiconVectorizer, candidate_slogans, highlight, kwic, slogan_matches,
                             slogan_rates)


def families(text: str, lexicon=None) -> list[str]:
    m = slogan_matches(Corpus.from_frame([{"text": text}]), lexicon)
    return m["family"].tolist()


def test_packaged_lexicon_is_valid_and_large_enough():
    lex = load_slogan_lexicon()
    assert len(lex.families) >= 30
    assert lex.name == "slogans" and lex.version and lex.citation and lex.license
    assert validate_lexicon("lexicons/slogans.yaml") == []
    origins = {f.origin for f in lex.families}
    assert {"official_chinese_formulation", "western_policy_discourse"} <= origins
    assert any("doublethink" in f.sources for f in lex.families)


@pytest.mark.parametrize("text, expected", [
    ("MUTUAL RESPECT matters.", ["mutual_respect"]),                              # case
    ("win-win cooperation; win win cooperation; win–win cooperation; win—win cooperation.", ["win_win"] * 4),
    ("Good-neighbourliness and good neighborliness.", ["good_neighborliness"] * 2),  # British/American
    ("A mutually beneficial deal.", ["mutual_benefit"]),                          # wording variant
    ("Nations with shared futures.", ["community_shared_future"]),                # plural
    ("Mutual respectful ties, bring the BRIdge.", []),                            # word boundaries
    ("The BRI grew; the bri did not.", ["belt_and_road"]),                        # acronym only in capitals
    ("We need mutual respect, mutual trust, mutual benefit.", ["mutual_respect", "mutual_trust", "mutual_benefit"]),
    ("We need mutual respect, trust and benefit.", ["mutual_respect", "mutual_trust", "mutual_benefit"]),
    ("Let us forge a community with a shared future for mankind.", ["community_shared_future"]),  # longest, once
    ("Human Rights Watch said human rights matter.", ["human_rights"]),          # excluded context
])
def test_normalisation_rules(text, expected):
    assert families(text) == expected


def test_apostrophes_straight_and_curly():
    lex = {"xian_declaration": ["Xi'an Declaration"]}
    assert families("The Xi’an Declaration and the Xi'an declaration.", lex) == ["xian_declaration"] * 2


def test_quoted_and_attributed_voice():
    text = ("The president praised ‘mutual respect, mutual trust and mutual benefit’ in his toast. "
            "Critical minerals dominate the agenda. \"Win-win cooperation is key,\" he said. "
            "The ties rest on mutual trust, said Li. Analysts see great-power competition.")
    m = slogan_matches(Corpus.from_frame([{"text": text}]))
    got = list(zip(m["family"], m["voice"]))
    assert got == [("mutual_respect", "quote"), ("mutual_trust", "quote"), ("mutual_benefit", "quote"),
                   ("critical_minerals", "own"), ("win_win", "quote"), ("mutual_trust", "attributed"),
                   ("great_power_competition", "own")]
    assert m["quoted"].tolist() == [True, True, True, False, True, True, False]


def test_unbalanced_quote_degrades_to_its_sentence():
    # Regression: the Gfoeller quote on page 003 opens and never closes; it must not quote the
    # whole paragraph.
    text = ("Gfoeller said, 'I welcome a more transactional approach from them. "
            "Critical minerals remain central to the talks. Authoritarian rule persists.")
    m = slogan_matches(Corpus.from_frame([{"text": text}]))
    assert dict(zip(m["family"], m["voice"])) == {"transactional": "quote", "critical_minerals": "own",
                                                   "authoritarian": "own"}


def test_match_columns_and_offsets():
    text = "Both sides uphold win-win cooperation. Trade grew."
    m = slogan_matches(Corpus.from_frame([{"text": text}]))
    row = m.iloc[0]
    assert text[row.start:row.end] == row.matched == "win-win cooperation"
    assert row.sentence == "Both sides uphold win-win cooperation."
    assert m.columns[:8].tolist() == ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted"]


def _toy_corpus():
    return Corpus.from_frame([
        {"text": "Mutual respect. " + "word " * 98, "source_type": "state_media"},          # 100 words, 1
        {"text": "Mutual respect and mutual respect. " + "word " * 95, "source_type": "state_media"},  # 100, 2
        {"text": "Nothing here. " + "word " * 98, "source_type": "think_tank"},
        {"text": "He said: \"mutual respect\". " + "word " * 96, "source_type": "think_tank"},
    ])


def test_rates_hand_computed():
    rates = slogan_rates(_toy_corpus(), by="source_type", voice="own", n_boot=500)
    r = rates[rates["feature"] == "mutual_respect"].set_index("group")
    assert r.loc["state_media", "count"] == 3
    assert r.loc["state_media", "n_words"] == 200
    assert r.loc["state_media", "per_1k"] == pytest.approx(15.0)
    assert r.loc["state_media", "docs_with"] == 2 and r.loc["state_media", "doc_share"] == 1.0
    assert r.loc["think_tank", "count"] == 0          # the quoted use is not the outlet's voice
    # two documents, 200 words: the rate without an interval (issue 14), unless asked for
    assert r[["ci_low", "ci_high", "doc_share_low", "doc_share_high"]].isna().all().all()
    assert r.loc["state_media", "ci_note"] == "too few documents (2 < 5) and words (200 < 2,000): no interval"
    loose = slogan_rates(_toy_corpus(), voice="own", n_boot=500, min_docs=2, min_words=0)
    r = loose[loose["feature"] == "mutual_respect"].set_index("group")
    assert r.loc["state_media", "ci_low"] <= 15.0 <= r.loc["state_media", "ci_high"]
    all_voices = slogan_rates(_toy_corpus(), voice="all", n_boot=200)
    assert all_voices.set_index(["group", "feature"]).loc[("think_tank", "mutual_respect"), "count"] == 1
    # every (group, family) pair, zeros included
    assert len(rates) == 2 * len(load_slogan_lexicon().families)


def test_rates_are_seeded():
    a = slogan_rates(_toy_corpus(), n_boot=300, random_state=1)
    b = slogan_rates(_toy_corpus(), n_boot=300, random_state=1)
    pd.testing.assert_frame_equal(a, b)


def test_bootstrap_against_direct_resampling():
    from framing.stats import bootstrap_rates
    counts = np.array([[3], [0], [1], [5], [0], [2]])
    words = np.array([100, 120, 90, 300, 80, 150])
    rate, lo, hi = bootstrap_rates(counts, words, n_boot=4000, random_state=3)
    # reference: a plain loop resampling documents with replacement
    rng = np.random.default_rng(7)
    ref = []
    for _ in range(4000):
        idx = rng.integers(0, 6, 6)
        ref.append(1000 * counts[idx, 0].sum() / words[idx].sum())
    assert rate[0] == pytest.approx(1000 * 11 / 840)
    assert lo[0] == pytest.approx(np.quantile(ref, 0.025), abs=1.5)
    assert hi[0] == pytest.approx(np.quantile(ref, 0.975), abs=1.5)


def test_kwic_family_and_phrase():
    c = Corpus.from_frame([{"text": "one two three mutual respect four five six"}])
    k = kwic(c, "mutual_respect", window=2)
    assert k[["left", "matched", "right"]].values.tolist() == [["two three", "mutual respect", "four five"]]
    assert kwic(c, "three mutual", window=1)["matched"].tolist() == ["three mutual"]


def test_highlight_escapes_and_marks():
    h = highlight("<script>alert(1)</script> mutual respect & win-win cooperation")
    assert "<script>" not in h.html and "&lt;script&gt;" in h.html
    assert h.html.count("<mark") == 2
    assert "Mutual respect" in h.html  # legend label
    assert h._repr_html_() == h.html


def test_lexicon_vectorizer_counts():
    vec = LexiconVectorizer().fit(["x"])
    X = vec.transform(["mutual respect, mutual trust", "nothing", "\"win-win cooperation\", he said"])
    names = vec.get_feature_names_out().tolist()
    dense = X.toarray()
    assert dense[0, names.index("mutual_respect")] == 1 and dense[0, names.index("mutual_trust")] == 1
    assert dense[1].sum() == 0
    own = LexiconVectorizer(voice="own").fit(["x"]).transform(["\"win-win cooperation\", he said"])
    assert own.sum() == 0


def test_user_lexicon_extends_and_reports_problems(tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text("family,label,origin,phrase\nsteppe_spirit,Steppe spirit,user,spirit of the steppe\n")
    lex = load_slogan_lexicon(user)
    assert "steppe_spirit" in lex.ids and "mutual_respect" in lex.ids
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: b\nversion: '1'\ndescription: d\ncitation: c\nlicense: x\nfamilies:\n"
                   "  - id: a\n    label: A\n    origin: o\n    phrases: [win win]\n"
                   "  - id: b\n    label: B\n    origin: o\n    phrases: []\n"
                   "  - id: c\n    label: C\n    origin: o\n    colour: red\n    phrases: [Win-Win]\n")
    problems = validate_lexicon(bad)
    assert f"{bad}, line 11: family 'b' is empty (no phrases)" in problems
    assert f"{bad}, line 18: unknown key 'colour' in family 'c'" in problems
    assert f"{bad}, line 19: phrase 'Win-Win' is in two families: 'c' and 'a' (line 10)" in problems
    with pytest.raises(LexiconError, match="bad.yaml"):
        load_slogan_lexicon(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nfamilies: [\n")
    assert "invalid YAML" in validate_lexicon(broken)[0] and "line" in validate_lexicon(broken)[0]


def test_candidate_slogans_finds_a_new_formulation():
    rows = []
    before = ["Officials praised", "Speakers hailed", "The minister cited", "Editors celebrated", "Envoys invoked",
              "The report extolled"]
    after = ["at the fair", "during the visit", "in Astana", "on Friday", "before lunch", "at the summit"]
    think = ["Analysts weighed grain prices", "Experts reviewed water policy", "Scholars debated rail tariffs",
             "Lawyers examined mining law", "Engineers assessed power grids", "Consultants studied visa rules"]
    for i in range(6):
        rows.append({"text": f"{before[i]} the golden bridge of friendship {after[i]}. Trade grew.",
                     "source_type": "state_media", "publisher": f"Outlet {i % 3}"})
        rows.append({"text": f"{think[i]}. Trade grew.", "source_type": "think_tank", "publisher": f"Tank {i % 2}"})
    cands = candidate_slogans(Corpus.from_frame(rows), by="source_type", min_docs=3, min_publishers=2)
    top = cands.iloc[0]
    assert top["phrase"] == "golden bridge of friendship"
    assert top["top_group"] == "state_media" and top["docs_in_top"] == 6 and top["p_value"] < 0.01
    # used everywhere, so not concentrated in one group
    assert cands.set_index("phrase").loc["trade grew", "p_value"] == 1.0
    assert not cands["phrase"].str.match(r"^(the|of|and|in)\b").any()


# ---------------------------------------------------------------- issue 14: what counts as a use

@pytest.mark.parametrize("text, expected", [
    # Regression (issue 14): a phrase inside an organisation's name is not a use of the slogan
    ("Aibek Nurlanov, who runs the Center for Belt and Road Studies in Osh, spoke.", []),
    ("The Centre for Belt and Road Studies opened.", []),                      # British spelling of the head
    ("He heads the Win-Win Cooperation Fund.", []),                            # name ends in the head word
    ("The Community of Shared Future Research Institute met.", []),
    ("The Belt and Road Forum for International Cooperation opened.", []),    # head followed by "for"
    ("BRI International Green Development Coalition members met.", []),
    ("Win-win cooperation, said the head of the Win-Win Cooperation Fund.", ["win_win"]),  # the use counts
    ("The Belt and Road Initiative grew.", ["belt_and_road"]),                # the slogan is the whole name
    ("China's Belt and Road Initiative grew.", ["belt_and_road"]),            # an owner is no institution
    ("The Global Development Initiative and the BRI.", ["global_development_initiative", "belt_and_road"]),
    ("Belt and Road Boosts Bank Lending", ["belt_and_road"]),  # a headline: "Bank" heads no name here
])
def test_phrase_inside_an_institution_name_is_not_a_use(text, expected):
    assert families(text) == expected


def test_institution_name_with_a_user_phrase():
    # the "China-Central Asia Cooperation Forum Secretariat", with a user family for the phrase
    lex = {"cca_cooperation": ["China-Central Asia cooperation"]}
    text = "The China-Central Asia Cooperation Forum Secretariat said China–Central Asia cooperation grows."
    assert families(text, lex) == ["cca_cooperation"]


def test_uncounted_matches_are_shown_on_request_with_the_reason():
    text = ("Win-win cooperation, said the head of the Win-Win Cooperation Fund.\n"
            "Win-win cooperation, said the head of the Win-Win Cooperation Fund.")
    c = Corpus.from_frame([{"text": text}])
    assert len(slogan_matches(c)) == 1
    m = slogan_matches(c, uncounted=True)
    assert m.columns.tolist()[-3:] == ["in_name", "name", "repeat"]
    assert m[["in_name", "name", "repeat"]].values.tolist() == [
        [False, "", False], [True, "Win-Win Cooperation Fund", False],
        [False, "", True], [True, "Win-Win Cooperation Fund", True]]
    k = kwic(c, "win_win", window=3, uncounted=True)
    assert k["in_name"].tolist() == [False, True, False, True] and len(kwic(c, "win_win")) == 1
    h = highlight(text)
    assert h.html.count("<mark") == 4 and h.html.count("dotted") == 3 and "not counted" in h.html


REPORT = "Upholding the China-Central Asia Spirit: Gains, Tasks and Horizons"  # a title we made up


@pytest.mark.parametrize("text, n", [
    # Regression (issue 14): a standfirst repeated in the body is one use (the copy has an en dash)
    ("China and Kazakhstan pledged win-win cooperation.\n\nASTANA -- Officials met. China and Kazakhstan "
     "pledged win–win cooperation. They praised win-win cooperation again.", 2),
    # an identical sentence counts once; the same slogan twice in one sentence counts twice
    ("Win-win cooperation matters.\nWin-win cooperation matters!", 1),
    ("Win-win cooperation and more win-win cooperation.", 2),
    # a report title cited three times, quoted, then once more without quotes, plus one own use
    (f'The report "{REPORT}" came out. The report "{REPORT}" says trade grew. According to '
     f'"{REPORT}", ties deepened. It is called {REPORT} in full. The China-Central Asia Spirit guides us.', 2),
    # an unquoted title whose capitalised run ends differently each time
    ("Xinhua published Building Win-Win Cooperation Across Eurasia Together on Monday. Building Win-Win "
     "Cooperation Across Eurasia Together was praised. Win-win cooperation is good.", 2),
    # the spirit named in different sentences is used each time
    ("The China-Central Asia Spirit guides us. Our plans follow the China-Central Asia Spirit.", 2),
])
def test_repeated_passage_counts_once_per_article(text, n):
    assert len(slogan_matches(Corpus.from_frame([{"text": text}]))) == n


def test_repeats_are_per_article_and_rates_leave_uncounted_out():
    standfirst = "Both sides uphold mutual respect."
    c = Corpus.from_frame([
        {"text": f"{standfirst}\n{standfirst} " + "word " * 90, "source_type": "state_media"},   # 100 words, 1 use
        {"text": f"{standfirst} " + "word " * 95, "source_type": "state_media"},                # 100 words, 1 use
        {"text": "The Mutual Respect Foundation met. " + "word " * 95, "source_type": "think_tank"},  # 0
    ])
    assert slogan_matches(c)["doc_id"].value_counts().to_dict() == {c.articles["doc_id"][0]: 1,
                                                                    c.articles["doc_id"][1]: 1}
    rates = slogan_rates(c, voice="all", n_boot=100).set_index(["group", "feature"])
    assert rates.loc[("state_media", "mutual_respect"), "count"] == 2
    assert rates.loc[("state_media", "mutual_respect"), "per_1k"] == pytest.approx(10.0)
    assert rates.loc[("think_tank", "mutual_respect"), "count"] == 0
    flagged = slogan_matches(c, uncounted=True)
    assert len(flagged) == 4
    same = slogan_rates(c, voice="all", matches=flagged, n_boot=100).set_index(["group", "feature"])
    assert same.loc[("state_media", "mutual_respect"), "count"] == 2
    vec = LexiconVectorizer().fit(["x"])
    j = vec.get_feature_names_out().tolist().index("mutual_respect")
    assert vec.transform(c.articles["text"]).toarray()[:, j].tolist() == [1, 1, 0]


def test_institution_words_are_lexicon_data(tmp_path):
    names = load_slogan_lexicon().names
    assert {"center", "institute", "forum", "fund", "studies", "secretariat"} <= set(names.institution_words)
    assert "initiative" not in names.institution_words   # the Belt and Road Initiative is the slogan
    assert {"centre", "programme", "organisation", "institutes"} <= names.heads
    head = "name: b\nversion: '1'\ndescription: d\ncitation: c\nlicense: x\n"
    family = "families:\n  - id: a\n    label: A\n    origin: o\n    phrases: [steppe spirit]\n"
    bad = tmp_path / "names.yaml"
    bad.write_text(head + "proper_names:\n  institution_words: [Institute, think tank]\n  joins: [of]\n"
                   "  head_links: [for]\n  colour: red\n" + family)
    problems = validate_lexicon(bad)
    assert problems == [
        f"{bad}, line 7: proper_names 'institution_words' takes single lower-case words, got 'Institute'",
        f"{bad}, line 7: proper_names 'institution_words' takes single lower-case words, got 'think tank'",
        f"{bad}, line 10: unknown key 'colour' in 'proper_names' (known: institution_words, joins, head_links)",
        f"{bad}, line 6: proper_names head_links 'for' are not in 'joins'"]
    user = tmp_path / "mine.yaml"
    user.write_text(head + "proper_names:\n  institution_words: [caravanserai]\n" + family)
    lex = load_slogan_lexicon(user)
    assert "caravanserai" in lex.names.institution_words and "institute" in lex.names.institution_words
    assert families("The Steppe Spirit Caravanserai opened. The steppe spirit lives.", user) == ["a"]
    assert families("The Steppe Spirit Caravanserai opened.", load_slogan_lexicon(user, replace=True)) == []


_USES = ["Mutual respect guides the talks.", "The visit rests on mutual respect.", "Trade grows with mutual respect."]


def _corpus_of(n_docs: int, uses: list[int], words: int = 400, group: str = "state_media"):
    """Documents of ``words`` words with ``uses[i]`` distinct own-voice sentences using mutual respect (a
    repeated sentence would count once)."""
    return [{"text": " ".join(_USES[:k]) + " " + "word " * (words - sum(len(u.split()) for u in _USES[:k])),
             "source_type": group} for k in uses[:n_docs]]


def test_rate_unit_is_carried_in_the_column_name_the_per_column_and_attrs():
    # issue 14: the heatmap said "per 10,000 words" and the table "per 1,000" (57.8 vs 5.78)
    c = _toy_corpus()
    default = slogan_rates(c, n_boot=50)
    assert default.columns[5] == "per_1k" and (default["per"] == 1000).all() and default.attrs["per"] == 1000
    ten = slogan_rates(c, per=10_000, n_boot=50)
    assert ten.columns.tolist() == [{"per_1k": "per_10k"}.get(c, c) for c in default.columns]
    assert (ten["per"] == 10_000).all() and ten.attrs["per"] == 10_000
    got = ten.set_index(["group", "feature"]).loc[("state_media", "mutual_respect")]
    assert got["per_10k"] == pytest.approx(150.0)  # 3 uses in 200 words
    pd.testing.assert_series_equal(ten["per_10k"], 10 * default["per_1k"], check_names=False)
    assert slogan_rates(c, per=100, n_boot=50).columns[5] == "per_100"


def test_small_groups_get_no_interval_and_large_ones_never_a_zero_width_one():
    rows = _corpus_of(6, [1, 2, 0, 1, 3, 1]) + _corpus_of(2, [2, 2], group="think_tank")
    rates = slogan_rates(Corpus.from_frame(rows), n_boot=500).set_index(["group", "feature"])
    big = rates.loc[("state_media", "mutual_respect")]
    assert big["n_docs"] == 6 and big["n_words"] == 2400 and big["ci_note"] == ""
    assert big["ci_low"] < big["per_1k"] < big["ci_high"]
    assert big["doc_share_low"] < big["doc_share"] <= big["doc_share_high"]
    small = rates.loc[("think_tank", "mutual_respect")]
    assert np.isnan(small["ci_low"]) and np.isnan(small["ci_high"]) and np.isnan(small["doc_share_low"])
    assert small["per_1k"] == pytest.approx(5.0) and small["ci_note"].startswith("too few documents (2 < 5)")
    # a family state media never uses: [0, upper], the one-sided Poisson bound, not [0, 0]
    unused = rates.loc[("state_media", "win_win")]
    assert unused["count"] == 0 and unused["ci_low"] == 0
    assert unused["ci_high"] == pytest.approx(1000 * 2.995732 / 2400, rel=1e-6)
    assert unused["ci_note"] == "no use in 6 documents: one-sided exact Poisson bound"
    # every document at the same rate: the bootstrap shows no spread; exact Poisson instead
    same = slogan_rates(Corpus.from_frame(_corpus_of(5, [1] * 5)), n_boot=200).set_index("feature")
    row = same.loc["mutual_respect"]
    assert row["ci_low"] < row["per_1k"] < row["ci_high"] and row["ci_note"].startswith("exact Poisson")


def test_slogan_totals_sum_the_families():
    from framing.slogans import slogan_totals

    rows = _corpus_of(6, [1, 2, 0, 1, 3, 1]) + _corpus_of(2, [2, 2], group="think_tank")
    c = Corpus.from_frame(rows)
    tot = slogan_totals(c, n_boot=200).set_index("group")
    rates = slogan_rates(c, n_boot=50)
    assert tot["count"].to_dict() == rates.groupby("group")["count"].sum().to_dict()
    assert tot.loc["state_media", "per_1k"] == pytest.approx(1000 * 8 / 2400)
    assert tot.loc["state_media", "ci_low"] < tot.loc["state_media", "per_1k"] < tot.loc["state_media", "ci_high"]
    assert np.isnan(tot.loc["think_tank", "ci_low"])
    assert (tot["feature"] == "all").all() and tot.reset_index().columns.tolist() == rates.columns.tolist()


# ---------------------------------------------------------------------------------------------------
# Issue 20: quote-aware matching at matching speed. matches_in_text splits sentences by hand (tested
# equal to NLTK in test_text_tokens.py) and looks for quotes and reporting verbs only on the lines and
# sentences that hold a match; the rows must be those of the whole-text computation it replaced.


def _reference_matches(doc_id, text, matcher, names):
    """matches_in_text as it was: NLTK's sentences, voice_spans of the whole text, voice_at."""
    hits = matcher.find(text)
    if not hits:
        return []
    sents = T._sentence_spans_by_line(text, None, T._nltk_line_spans)
    starts = [s for s, _ in sents]
    voices = [(s, e, "quote") for s, e in Q.quote_spans(text)]
    voices = sorted(voices + [(s, e, "attributed") for s, e in sents if Q.REPORTING.search(text, s, e)])
    rows, first_copy, by_length, keys, titles = [], {}, {}, {}, {}
    for h in hits:
        k = bisect_right(starts, h.start) - 1
        s, e = sents[k] if k >= 0 else (0, len(text))
        voice = Q.voice_at(voices, h.start, h.end)
        if k not in first_copy:
            same_length = by_length.setdefault(len(text[s:e].split()), [])
            if same_length:
                for j in (k, *same_length):
                    if j not in keys:
                        keys[j] = S._passage_key(text[sents[j][0]:sents[j][1]] if j >= 0 else text)
            first_copy[k] = next((j for j in same_length if keys[j] == keys[k]), k)
            if first_copy[k] == k:
                same_length.append(k)
        repeat = first_copy[k] != k
        name = ""
        if S._capitalised(h.text):
            quote = next(((qs, qe) for qs, qe, kind in voices if qs <= h.start and kind == "quote"
                          and h.end <= qe), None) if voice == "quote" else None
            name, title = S._name_and_title(text, h.start, h.end, names, quote)
            if title is not None:
                earlier = titles.setdefault(S.normalize(h.text), [])
                repeat = repeat or any(S._same_title(title, t) for t in earlier)
                earlier.append(title)
        rows.append({"doc_id": doc_id, "family": h.key, "phrase": h.phrase, "matched": h.text, "start": h.start,
                     "end": h.end, "sentence": text[s:e], "quoted": voice != "own", "voice": voice,
                     "sent_id": k + 1, "in_name": bool(name), "name": name, "repeat": repeat})
    return rows


def test_matches_equal_the_whole_text_computation_on_real_pages():
    sample = [str(t) for t in load_sample_corpus().articles["text"]]
    texts = list(sample)
    for parts in [("validation", "extraction", "pages"), ("validation", "semeval2023_task3_en", "train-articles"),
                  ("corpus", "china_central_asia")]:
        texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(shared_path(*parts).glob("*.txt"))]
    # and documents like benchmarks/bench_slogans.py's: the sample's sentences shuffled into paragraphs
    sentences = [x for t in sample for x in T.split_sentences(t) if len(x) > 20]
    rng = random.Random(20)
    texts += ["\n\n".join(" ".join(rng.choices(sentences, k=rng.randint(2, 5))) for _ in range(12)) for _ in range(150)]
    lex = load_slogan_lexicon()
    n = voices = 0
    for i, text in enumerate(texts):
        rows = S.matches_in_text(i, text, lex.matcher, lex.names)
        assert rows == _reference_matches(i, text, lex.matcher, lex.names), i
        n += len(rows)
        voices += sum(r["voice"] != "own" for r in rows)
    assert n > 2000 and voices > 500


_VOICE_TEXT = st.lists(st.sampled_from(
    ["He", "said", "SAID", "says", "ſaid", "ſays", "told", "according to", "in the words of", "pointed out",
     "emphasized", "emphasised", "said_", "2said", "unsaid", "Kazakhstan's", "win-win", "mutual respect", "Li",
     "'", '"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", ".", "?", ",", ":", " ", " ", " ",
     "\n", "\u00a0", "İ", "ı", "K", "é"]), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(_VOICE_TEXT, st.data())
def test_voice_of_a_span_equals_voice_at_of_the_whole_text(text, data):
    sents = T.sentence_spans(text)
    spans = Q.voice_spans(text, sents)
    finder = Q.VoiceFinder(text, sents)
    for s, e in sents:
        assert Q._reported(text, s, e) == (Q.REPORTING.search(text, s, e) is not None)
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        assert finder.voice(start, end) == Q.voice_at(spans, start, end)
        quote = next(((qs, qe) for qs, qe, kind in spans if qs <= start and kind == "quote" and end <= qe), None)
        assert finder.quote_around(start, end) == quote


def test_reported_equals_the_reporting_pattern_on_every_shared_sentence():
    n = found = 0
    for parts in [("validation", "extraction", "pages"), ("validation", "semeval2023_task3_en", "train-articles")]:
        for f in sorted(shared_path(*parts).glob("*.txt")):
            text = f.read_text(encoding="utf-8", errors="replace")
            for s, e in T.sentence_spans(text):
                want = Q.REPORTING.search(text, s, e) is not None
                assert Q._reported(text, s, e) == want, text[s:e]
                n += 1
                found += want
    assert n > 250_000 and found > 5000


def test_only_four_characters_match_an_ascii_letter_ignoring_case():
    # _reported's shortcut assumes it (Python's re, Unicode case folding)
    letter = re.compile("[a-z]", re.IGNORECASE)
    others = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert others == set(Q._FOLDS_TO_ASCII.pattern[1:-1])
