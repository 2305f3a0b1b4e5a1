"""Who gets quoted: attribution patterns, speaker resolution, affiliation types, the lexicon, voices by group.

The constructed sentences are our own wording. The shared corpus is read from ../shared at run
time; assertions there name speakers, types and institutions only, never the pages' sentences.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Corpus, LexiconError
from framing.affiliations import (affiliation_of, load_affiliations, packaged_path, validate_affiliations)
from framing.voices import QUOTE_COLUMNS, quotes, voices_by


def one(text: str, **meta) -> pd.DataFrame:
    return quotes(Corpus.from_frame([{"text": text, **meta}]))


def by_speaker(q: pd.DataFrame) -> dict:
    return {s: g for s, g in q.groupby("speaker")}


# ------------------------------------------------------------------ attribution patterns

def test_columns_follow_the_design_schema_and_offsets_point_into_the_text():
    text = '"The new bridge will open in May," Karim Osmonov said.'
    q = one(text)
    assert q.columns.tolist() == QUOTE_COLUMNS
    assert QUOTE_COLUMNS[:8] == ["doc_id", "speaker", "affiliation", "affiliation_type", "quote", "verb", "start",
                                 "end"]
    r = q.iloc[0]
    assert text[r.start:r.end] == r.quote == '"The new bridge will open in May,"'
    assert text[r.speaker_start:r.speaker_end] == "Karim Osmonov"
    assert (r.doc_id, r.sent_id, r.para_id, r.kind) == ("doc#1", 1, 1, "direct")


@pytest.mark.parametrize("text, speaker, pattern, verb, kind", [
    ('"Trucks will save a whole day," Karim Osmonov said.', "Karim Osmonov", "X said", "said", "direct"),
    ('"We will bake more bread," said Lena Kim, a trainee at a bakery.', "Lena Kim", "said X", "said", "direct"),
    ("Deputy Minister Aibek Sultanov said that the talks were useful and friendly.", "Aibek Sultanov", "X said",
     "said", "reported"),
    ("According to Mira Lund, a professor at Uppsala University, the plan is sound in most respects.", "Mira Lund",
     "according to X", "According to", "reported"),
    ("Chen Hao, chief executive of a logistics company, told reporters that demand was strong.", "Chen Hao",
     "X said", "told", "reported"),
    ("Nadia Petrova noted that repayment terms are rarely published.", "Nadia Petrova", "X said", "noted",
     "reported"),
    ("Nadia Petrova stressed that the loans carry risks for small states.", "Nadia Petrova", "X said", "stressed",
     "reported"),
    ("Nadia Petrova pointed out that few loans are ever published.", "Nadia Petrova", "X said", "pointed out",
     "reported"),
    ("Nadia Petrova stated that the contracts would be reviewed.", "Nadia Petrova", "X said", "stated", "reported"),
    ('"Costs keep rising," Nadia Petrova added.', "Nadia Petrova", "X said", "added", "direct"),
    ("The plan will take ten years to finish, Nadia Petrova said.", "Nadia Petrova", "X said", "said", "reported"),
    ("Nadia Petrova opened the forum, saying that water is the real constraint.", "Nadia Petrova", "X, saying",
     "saying", "reported"),
    ("Nadia Petrova expressed the hope that the talks would resume soon.", "Nadia Petrova", "X said", "expressed",
     "reported"),
    ('Local state television described the fair as "the biggest in years."', "Local state television", "X said",
     "described", "direct"),
])
def test_each_attribution_pattern(text, speaker, pattern, verb, kind):
    q = one(text)
    assert len(q) == 1, q[["speaker", "quote"]]
    r = q.iloc[0]
    assert (r.speaker, r.pattern, r.verb, r.kind) == (speaker, pattern, verb, kind)


def test_reported_statement_is_the_clause_not_the_attribution():
    q = one("Chen Hao, chief executive of a logistics company, told reporters that demand was strong.")
    assert q.loc[0, "quote"] == "demand was strong."
    q = one("The plan will take ten years to finish, Nadia Petrova said.")
    assert q.loc[0, "quote"] == "The plan will take ten years to finish"


def test_colon_and_continuation_and_partial_quotes():
    q = one('A local shopkeeper, who gave only her first name, was blunt: "Nobody asked us about the market."')
    assert q.loc[0, ["pattern", "speaker", "affiliation_type"]].tolist() == ["X: quote", "local shopkeeper",
                                                                             "ordinary_person"]
    q = one('"The line will carry grain to the port," said Ilya Sokolov. "Tests begin in autumn, and trains follow."')
    assert q["pattern"].tolist() == ["said X", "continuation"] and q["speaker"].nunique() == 1
    # a short quotation inside an attributed sentence is the speaker's (a partial quote)
    q = one("Ilya Sokolov said the line was 'a lifeline' for the valley.")
    assert q["quote"].tolist() == ["'a lifeline'"] and q.loc[0, "speaker"] == "Ilya Sokolov"


def test_what_is_not_a_voice():
    assert one('Critics call the deal a "win-win" arrangement in name only.').empty  # scare quote
    assert one("No casualties were reported after the storm.").empty  # passive
    assert one("Beijing's model stresses patience over speed.").empty  # not a source
    assert one("As noted earlier, trade grew in both directions last year.").empty
    assert one("It is worth noting that trade grew in both directions.").empty
    # a title in quotation marks belongs to the noun phrase; the document is the speaker
    q = one('A report titled "Roads to Tomorrow: A Study of Trade" said traffic would keep growing.')
    assert q["speaker"].tolist() == ["report"] and q.loc[0, "speaker_kind"] == "document"
    assert q.loc[0, "kind"] == "reported" and '"' not in q.loc[0, "quote"]
    # a verb inside a quotation never attributes it
    q = one('"The minister said nothing new," Aliya Serik said.')
    assert q["speaker"].tolist() == ["Aliya Serik"]


def test_outlet_as_conduit_gives_way_to_the_speaker():
    q = one('Dana Ormanova noted that the price "is not final," according to CNBC.')
    assert q["speaker"].tolist() == ["Dana Ormanova"]
    q = one("Grain exports grew by a tenth, according to CNBC.")
    assert q.loc[0, ["speaker", "affiliation_type", "speaker_kind"]].tolist() == ["CNBC", "media", "organisation"]


def test_transcript_turns():
    text = ("Reporter: What will the ministry do next?\nLin Wen: We will keep working with all partners.\n"
            "Reporter: Any dates for the visit?\nLin Wen: I have nothing to announce at the moment.")
    q = one(text)
    assert q["pattern"].eq("transcript").all() and q["speaker"].tolist() == ["Reporter", "Lin Wen"] * 2
    assert q.loc[1, "quote"] == "We will keep working with all partners."
    assert q.loc[0, "affiliation_type"] == "media"
    # one "Name: text" line is not a transcript
    assert one("Note: the figures are provisional and may change.").empty


_WORDS = st.sampled_from(["said", "says", "told", "according to", "He", "she", "it", "the", "Anna Berg", "Berg",
                          "a researcher", "at", "University", ",", ".", ":", '"', "'", "\u201c", "\u201d",
                          "officials", "noted that", "saying that", "the ambassador", "(", ")", "\n", "Xi", "CNBC"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_any_text_gives_valid_rows(words):
    text = " ".join(words)
    q = one(text)
    assert q.columns.tolist() == QUOTE_COLUMNS
    for r in q.itertuples():
        assert 0 <= r.start < r.end <= len(text) and text[r.start:r.end] == r.quote
        assert r.affiliation_type in load_affiliations().types


# ------------------------------------------------------------------ resolving speakers

def test_short_names_and_pronouns_resolve_to_the_last_full_mention():
    text = ('Karim Osmonov, a farmer near Osh, said the harvest was poor. "We lost half the wheat," he said. '
            '"Prices will fall," Osmonov added.')
    q = one(text)
    assert q["speaker"].tolist() == ["Karim Osmonov"] * 3
    assert q["resolution"].tolist() == ["name", "pronoun", "short_name"]
    assert q["affiliation_type"].eq("ordinary_person").all()
    assert q["speaker_text"].tolist() == ["Karim Osmonov", "he", "Osmonov"]


def test_pronoun_gender_learnt_from_earlier_pronouns():
    text = ('Ana Ruiz, an economist at a private bank, said prices would rise. "Rents are up too," she added. '
            'Tom Berg, a farmer near the river, said the harvest was poor. "We lost half the wheat," he said. '
            '"Costs will keep climbing," she said.')
    q = one(text)
    direct = q[q.kind == "direct"]
    assert direct["speaker"].tolist() == ["Ana Ruiz", "Tom Berg", "Ana Ruiz"]
    assert direct["resolution"].tolist() == ["pronoun"] * 3


def test_two_people_with_one_surname_token_each_get_their_own_quotes():
    text = ('"Water is scarce," said Li Wei, a researcher at the Chinese Academy of Social Sciences. '
            '"Costs are high," said Liu Yang, a manager at a trading company. "Demand is up," Li said.')
    q = by_speaker(one(text))
    assert len(q["Li Wei"]) == 2 and len(q["Liu Yang"]) == 1
    assert q["Li Wei"]["affiliation_type"].eq("state_affiliated_researcher").all()
    assert q["Liu Yang"]["affiliation_type"].iloc[0] == "business"


def test_misspelt_short_name_resolves_by_similarity():
    text = ('Gulmira Abdrakhmanova, a researcher at a university in Almaty, spoke first. '
            '"Water is the real constraint," Abdrakhmanova said. "Canals are old," Abdrakhmanva added.')
    q = one(text)
    assert q["speaker"].eq("Gulmira Abdrakhmanova").all()
    assert q["resolution"].tolist() == ["short_name", "fuzzy"]


def test_nominal_references_follow_the_description_and_the_state():
    q = one("Kazakhstan's Ambassador to France Arman Kassenov met investors. "
            '"Our door is open to investors," the ambassador said.', publisher="The Diplomat")
    assert q.loc[0, ["speaker", "resolution", "affiliation_type"]].tolist() == ["Arman Kassenov", "nominal",
                                                                                "foreign_official"]
    q = one('Uzbek envoy Dilshod Rakhimov and Kazakh envoy Erlan Idrissov spoke. '
            '"We want more flights between our capitals," the Kazakh diplomat said.')
    assert q.loc[0, "speaker"] == "Erlan Idrissov"


def test_a_report_speaks_for_the_institution_that_released_it():
    q = one("The Steppe Institute, a state-run think tank, released a report on Monday. "
            "The report said water use in the valley would double by 2040.")
    assert q.loc[0, ["speaker", "speaker_kind", "resolution", "affiliation_type"]].tolist() == [
        "Steppe Institute report", "document", "nominal", "state_affiliated_researcher"]


def test_unknown_speakers():
    q = one('"It will rain all week," she said.')  # no antecedent
    assert q.loc[0, ["speaker_kind", "resolution", "affiliation_type"]].tolist() == ["unresolved", "unresolved",
                                                                                     "unknown"]
    assert pd.isna(q.loc[0, "speaker"])
    q = one('"Prices are going up again this month," said Marat Ospanov.')  # a name and nothing else
    assert q.loc[0, ["speaker", "affiliation_type", "description"]].tolist() == ["Marat Ospanov", "unknown", ""]
    q = one('The market opened at dawn. "Nobody told us the stalls would move to the new site."')
    assert q.loc[0, ["pattern", "speaker_kind", "affiliation_type"]].tolist() == ["unattributed", "unattributed",
                                                                                  "unknown"]


def test_unnamed_sources_keep_their_noun_phrase():
    q = one("Local officials said the plant employs about 300 workers from nearby towns.")
    assert q.loc[0, ["speaker", "speaker_kind", "affiliation_type"]].tolist() == ["Local officials", "group",
                                                                                  "government_official"]
    q = one("Industry analysts said cheaper batteries would keep exports competitive.")
    assert q.loc[0, "affiliation_type"] == "independent_expert"
    q = one("The deputy chairman of the railway company said freight would grow by a tenth.")
    assert q.loc[0, "affiliation_type"] == "business"


# ------------------------------------------------------------------ affiliation types

@pytest.mark.parametrize("description, reference, expected", [
    ("Kazakhstan's Ambassador to the U.S.", "US", "foreign_official"),
    ("the deputy chief of mission of Uzbekistan in Washington", "US", "foreign_official"),
    ("Chinese Foreign Ministry spokesperson", "CN", "government_official"),
    ("Chinese Foreign Ministry spokesperson", "US", "foreign_official"),
    ("Chinese Foreign Ministry spokesperson", None, "government_official"),  # reference unknown
    ("a researcher at the China Institute of International Studies", None, "state_affiliated_researcher"),
    ("an expert at a state-run think tank", None, "state_affiliated_researcher"),
    ("a researcher with a university in northeast China", None, "state_affiliated_researcher"),  # by_country
    ("a researcher with a university in Almaty", None, "independent_expert"),
    ("a senior fellow at the Atlantic Council", None, "independent_expert"),  # via lexicons/outlets.yaml
    ("chief executive of a logistics company", None, "business"),
    ("a company official", None, "business"),  # the workplace outranks the weak title
    ("a longtime journalist with Voice of America", None, "media"),
    ("19-year-old trainee", None, "ordinary_person"),
    ("", None, "unknown"),
])
def test_affiliation_types(description, reference, expected):
    assert affiliation_of(description, reference=reference).type == expected


def test_former_posts_count_only_without_a_current_one():
    a = affiliation_of("former U.S. ambassador to Kyrgyzstan", reference="US")
    assert (a.type, a.former, a.country) == ("government_official", True, "united_states")
    a = affiliation_of(["former officials", "currently a senior fellow at the Atlantic Council"], reference="US")
    assert (a.type, a.former, a.organisation) == ("independent_expert", True, "Atlantic Council")
    assert affiliation_of("a senior fellow at the Atlantic Council").former is False


def test_states_and_leaders_speak_for_their_state():
    assert affiliation_of("", speaker="Beijing", reference="US").type == "foreign_official"
    q = one('President Kassym-Jomart Tokayev opened the forum. "Our doors are open," Tokayev said.',
            publisher="Kazinform")
    assert q.loc[0, ["speaker", "affiliation_type", "country"]].tolist() == ["Kassym-Jomart Tokayev",
                                                                            "government_official", "kazakhstan"]


def test_home_overrides_the_outlet_country():
    text = "Chinese Foreign Ministry spokesperson Lin Wen said on Monday that the talks went well."
    c = Corpus.from_frame([{"text": text, "publisher": "The Diplomat"}])
    assert quotes(c).loc[0, "affiliation_type"] == "foreign_official"  # The Diplomat: US
    assert quotes(c, home="CN").loc[0, "affiliation_type"] == "government_official"
    assert quotes(c, home="china").loc[0, "affiliation_type"] == "government_official"


# ------------------------------------------------------------------ the lexicon

def test_packaged_lexicon_is_valid_and_complete():
    assert validate_affiliations(packaged_path()) == []
    lex = load_affiliations()
    assert set(lex.types) == {"government_official", "foreign_official", "state_affiliated_researcher",
                              "independent_expert", "business", "media", "ordinary_person", "mixed_group",
                              "unknown"}
    for key in ("name", "version", "description", "citation", "license"):
        assert getattr(lex, key)
    table = lex.to_frame()
    assert table["line"].gt(0).all() and table["type"].isin(lex.types).all()


BAD = """name: mine
version: "1"
description: test
citation: none
license: CC0-1.0
cues:
  - type: harbour_boss
    phrases: [harbour master]
  - type: business
    colour: blue
    phrases: [dock owner]
  - type: business
    kind: gadget
    country: atlantis
    phrases: [dock owner, ""]
"""


def test_bad_lexicon_names_file_and_line(tmp_path):
    path = tmp_path / "bad_affiliations.yaml"
    path.write_text(BAD, encoding="utf-8")
    problems = validate_affiliations(path)
    text = "\n".join(problems)
    assert f"{path}, line 7: cue group has unknown type 'harbour_boss'" in text
    assert f"{path}, line 10: unknown key 'colour'" in text
    assert f"{path}, line 13: unknown kind 'gadget'" in text
    assert f"{path}, line 14: cue group has unknown country 'atlantis'" in text
    assert f"{path}, line 15: phrase 'dock owner' is already listed at line 11" in text
    assert f"{path}, line 15: empty or non-text phrase" in text
    with pytest.raises(LexiconError, match=r"6 problem\(s\) in .*bad_affiliations.yaml"):
        load_affiliations(path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\ncues: [\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken.yaml, line \d+: invalid YAML"):
        load_affiliations(broken)
    with pytest.raises(LexiconError, match="not found"):
        load_affiliations(tmp_path / "missing.yaml")


def test_user_lexicon_extends_or_replaces(tmp_path):
    user = tmp_path / "ports.yaml"
    user.write_text("""name: ports
version: "1"
description: port jobs
citation: ours
license: CC0-1.0
cues:
  - type: government_official
    phrases: [harbour master]
  - type: business
    phrases: [professor]
""", encoding="utf-8")
    text = '"Ships wait three days," said Olga Berg, the harbour master at Aktau.'
    c = Corpus.from_frame([{"text": text}])
    assert quotes(c).loc[0, "affiliation_type"] == "unknown"
    assert quotes(c, affiliations=user).loc[0, "affiliation_type"] == "government_official"
    extended = load_affiliations(user)
    assert affiliation_of("a professor", lexicon=extended).type == "business"  # the user's cue replaces ours
    assert affiliation_of("an economist", lexicon=extended).type == "independent_expert"  # ours still there
    alone = load_affiliations(user, replace=True)
    assert affiliation_of("an economist", lexicon=alone).type == "unknown"
    assert set(alone.types) == set(load_affiliations().types)


# ------------------------------------------------------------------ voices by group

def test_voices_by_counts_shares_and_wilson_intervals():
    rows = [{"text": '"We are ready," said Lin Bo, a spokesperson for the ministry. "Talks go on," Lin said.',
             "source_type": "state_media"},
            {"text": '"Loans carry risks," said Ana Ruiz, an economist. Local officials said the plant would open.',
             "source_type": "newspaper"},
            {"text": "Nothing was said here by anyone at all.", "source_type": "newspaper"}]
    c = Corpus.from_frame(rows)
    v = voices_by(c, min_docs=1, min_group_words=0)  # intervals for these tiny groups, to check them
    assert v.columns.tolist() == ["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high", "n_docs",
                                  "top_speakers", "by", "unit", "ci_method", "ci_note"]
    assert set(v["affiliation_type"]) >= set(load_affiliations().types)  # zero rows kept
    got = v.set_index(["group", "affiliation_type"])
    assert got.loc[("state_media", "government_official"), ["n", "total"]].tolist() == [1, 1]  # one voice, twice
    assert got.loc[("state_media", "government_official"), "top_speakers"] == "Lin Bo (2)"
    news = got.loc[("newspaper", "independent_expert")]
    assert (news.n, news.total, news.share, news.n_docs) == (1, 2, 0.5, 1)
    # reference: statsmodels.stats.proportion.proportion_confint(1, 2, alpha=0.05, method="wilson")
    assert (news.ci_low, news.ci_high) == pytest.approx((0.0945312, 0.9054688), abs=1e-6)
    # by default a group of one or two short articles gets its shares without intervals (issue 14)
    plain = voices_by(c)
    assert plain[["ci_low", "ci_high"]].isna().all().all()
    assert plain.set_index(["group", "affiliation_type"]).loc[("newspaper", "independent_expert"), "ci_note"] == (
        "too few documents (2 < 5) and words (23 < 2,000): no interval")
    quotes_unit = voices_by(c, unit="quotes").set_index(["group", "affiliation_type"])
    assert quotes_unit.loc[("state_media", "government_official"), "n"] == 2
    with pytest.raises(ValueError, match="unit"):
        voices_by(c, unit="words")
    with pytest.raises(KeyError, match="cannot group by"):
        voices_by(c, by="nonsense")


# ------------------------------------------------------------------ the shared corpus

@pytest.fixture(scope="module")
def shared_quotes(shared_corpus):
    return quotes(shared_corpus)


def doc_of(corpus, **where) -> str:
    a = corpus.articles
    for col, value in where.items():
        a = a[a[col] == value]
    assert len(a) >= 1, where
    return a["doc_id"].iloc[0]


def test_shared_offsets_and_sentences(shared_corpus, shared_quotes):
    texts = shared_corpus.articles.set_index("doc_id")["text"]
    for r in shared_quotes.itertuples():
        assert texts[r.doc_id][r.start:r.end] == r.quote
    sents = shared_corpus.sentences.set_index(["doc_id", "sent_id"])
    for r in shared_quotes.itertuples():
        assert (r.doc_id, r.sent_id) in sents.index


def test_shared_diplomat_officials_and_experts_are_typed(shared_corpus, shared_quotes):
    doc = doc_of(shared_corpus, publisher="The Diplomat")
    q = shared_quotes[shared_quotes.doc_id == doc]
    first = q.groupby("speaker").first()
    # the ambassador and the deputy chief of mission are foreign officials (the magazine is US-based)
    assert first.loc["Yerzhan Ashikbayev", "affiliation_type"] == "foreign_official"
    assert first.loc["Yerzhan Ashikbayev", "country"] == "kazakhstan"
    assert "ambassador" in first.loc["Yerzhan Ashikbayev", "cue"].lower()
    assert first.loc["Alisher Akhmedov", "affiliation_type"] == "foreign_official"
    assert first.loc["Alisher Akhmedov", "cue"] == "deputy chief of mission"
    assert first.loc["Alisher Akhmedov", "country"] == "uzbekistan"
    # former officials: a former U.S. ambassador, and a former official now at a think tank
    assert first.loc["Tatiana Gfoeller", ["affiliation_type", "former"]].tolist() == ["government_official", True]
    assert first.loc["Lisa Curtis", ["affiliation_type", "former"]].tolist() == ["independent_expert", True]
    assert "Center for a New American Security" in first.loc["Lisa Curtis", "affiliation"]
    assert first.loc["Miras Zhiyenbayev", "affiliation_type"] == "independent_expert"
    assert first.loc["Navbahor Imamova", "affiliation_type"] == "media"
    # short references: a nominal, a misspelt surname, "she"
    res = q.groupby("speaker")["resolution"].apply(set)
    assert "nominal" in res["Yerzhan Ashikbayev"]
    assert "fuzzy" in res["Alisher Akhmedov"]
    assert "pronoun" in res["Lisa Curtis"] and "pronoun" in res["Tatiana Gfoeller"]
    assert q["speaker"].value_counts().index[0] == "Yerzhan Ashikbayev"  # the most quoted voice
    assert not q["speaker"].isna().any()


def test_shared_state_media_quotes_state_affiliated_researchers(shared_corpus, shared_quotes):
    doc = doc_of(shared_corpus, original_source="People's Daily")  # the People's Daily report on PR Newswire
    q = shared_quotes[shared_quotes.doc_id == doc].groupby("speaker").first()
    assert set(q.index) == {"Yang Jin", "Xu Tao"}
    assert q["affiliation_type"].eq("state_affiliated_researcher").all()
    assert q.loc["Yang Jin", "affiliation"] == "Chinese Academy of Social Sciences"
    story = doc_of(shared_corpus, source_type="state_media")  # the state-media page's main story
    s = shared_quotes[shared_quotes.doc_id == story].groupby("speaker").first()
    assert s.loc["Li Ziguo", "affiliation_type"] == "state_affiliated_researcher"
    assert s.loc["Xu Xiaotian", "affiliation_type"] == "state_affiliated_researcher"  # a PRC university
    assert s.loc["Liu Zhanyuan", "affiliation_type"] == "government_official"
    assert s.loc["Yuan Li", "affiliation_type"] == "business"
    # the reprinted Xinhua items quote the Xinhua Institute's report
    star = shared_quotes[shared_quotes.doc_id.isin(
        shared_corpus.articles.loc[shared_corpus.articles.publisher == "The Star", "doc_id"])]
    assert star["affiliation"].eq("Xinhua Institute").all() and star["speaker_kind"].eq("document").all()
    assert star["affiliation_type"].eq("state_affiliated_researcher").all()


def test_shared_voices_by_source_type(shared_corpus, shared_quotes):
    v = voices_by(shared_corpus, quotes_table=shared_quotes, min_docs=1, min_group_words=0, ci_method="document")
    v = v.set_index(["group", "affiliation_type"])
    assert v.loc[("analysis_magazine", "foreign_official"), "n"] == 3
    assert v.loc[("pr_wire", "state_affiliated_researcher"), "share"] == 1.0
    assert v.loc[("state_media", "state_affiliated_researcher"), "n"] >= 2
    assert v.loc[("state_media", "foreign_official"), "n"] == 0
    ok = v["total"] > 0
    assert (v.loc[ok, "ci_low"] <= v.loc[ok, "share"]).all() and (v.loc[ok, "share"] <= v.loc[ok, "ci_high"]).all()
    shares = v.loc[ok].groupby(level="group")["share"].sum()
    assert np.allclose(shares, 1.0)


# ------------------------------------------------------------------ the bundled sample corpus

def test_sample_corpus_voices(sample_corpus):
    q = quotes(sample_corpus)
    first = q.groupby("speaker").first()
    assert first.loc["Zhao Wenqing", "affiliation_type"] == "state_affiliated_researcher"
    assert first.loc["Sun Lihua", "affiliation_type"] == "state_affiliated_researcher"
    assert first.loc["Firuza Nazarova", "affiliation_type"] == "ordinary_person"
    assert first.loc["Marat Zhunusov", "affiliation_type"] == "foreign_official"  # in a US magazine
    assert first.loc["Rebecca Lowell", "affiliation_type"] == "government_official"
    assert first.loc["Li Guoqiang", "affiliation_type"] == "business"
    assert first.loc["Daniel Okafor", ["affiliation_type", "former"]].tolist() == ["government_official", True]
    assert first.loc["Gao Yuning", ["affiliation_type", "pattern"]].tolist() == ["government_official", "transcript"]
    assert first.loc["Bishkek-based economist", "pattern"] == "X: quote"
    # "she" after a new speaker's introduction goes to her, not to the researcher quoted before
    pron = q[(q.resolution == "pronoun") & (q.speaker == "Aziza Rakhimova")]
    assert len(pron) == 1
    v = voices_by(sample_corpus, quotes_table=q).set_index(["group", "affiliation_type"])
    assert v.loc[("official_statement", "government_official"), "n"] == 1
    assert v.loc[("state_media", "state_affiliated_researcher"), "n"] >= 2


@pytest.mark.parametrize("text", [
    'One of the provisions of the agreement says: "Both parties will comply."',
    'Some of the officials of the ministry said: "The talks went well."',
    'Of the delegates, several said: "We agree with every word of the plan."',
])
def test_a_noun_phrase_that_starts_with_of_after_a_determiner_is_no_crash(text):
    # "one of the provisions of ...": with "one" dropped as a determiner the phrase starts with "of"
    q = one(text)
    assert len(q) == 1
    assert q["quote"].iloc[0].strip('"“” .') in text


# ------------------------------------------------------------------ issue 14: voices (our own sentences, real shapes)

def test_issue14_unnamed_sources_of_several_kinds_are_a_mixed_group_not_an_expert():
    # "officials, entrepreneurs and scholars say" was typed as an independent expert (the last noun only)
    q = one("Officials, entrepreneurs and scholars say the new road has cut travel times in half.")
    assert q.loc[0, ["speaker", "speaker_kind", "affiliation_type"]].tolist() == [
        "Officials, entrepreneurs and scholars", "group", "mixed_group"]
    q = one("Local officials, traders, and farmers said the market would move to the new site in May.")
    assert q.loc[0, ["speaker", "affiliation_type"]].tolist() == ["Local officials, traders, and farmers",
                                                                  "mixed_group"]
    # one kind listed twice keeps its type; a clause before "and" is no list
    q = one("Officials and diplomats said the border crossing would reopen next week.")
    assert q.loc[0, ["speaker", "affiliation_type"]].tolist() == ["Officials and diplomats", "government_official"]
    q = one("The minister met farmers and officials said the talks went well.")
    assert q.loc[0, ["speaker", "affiliation_type"]].tolist() == ["officials", "government_official"]


def test_issue14_an_age_is_no_affiliation():
    # "a 45-year-old engineer" gave the affiliation "year-old"; an age outweighed a post
    q = one("A 45-year-old engineer said the plant would need more water this summer.")
    assert q.loc[0, ["affiliation", "affiliation_type"]].tolist() == ["engineer", "ordinary_person"]
    assert affiliation_of("a 52-year-old official").type == "government_official"
    assert affiliation_of("a 45-year-old").type == "unknown"
    # an age still introduces the person later pronouns point to
    q = one('21-year-old Dinara Ospanova spoke first. "Prices are up again this week," she said.')
    assert q.loc[0, ["speaker", "resolution", "affiliation_type"]].tolist() == ["Dinara Ospanova", "pronoun",
                                                                                "unknown"]


def test_issue14_generic_company_and_documents_are_not_named_speakers():
    # "the company" points back to the company named before ...
    q = one("China Railway Group opened a plant in Tashkent. The company said the plant would employ 500 people.")
    assert q.loc[0, ["speaker", "speaker_kind", "resolution", "affiliation_type"]].tolist() == [
        "China Railway Group", "organisation", "nominal", "business"]
    q = one("Nvidia CEO Jensen Huang visited Beijing on Monday. The company said demand in China was strong.")
    assert q.loc[0, ["speaker", "affiliation_type"]].tolist() == ["Nvidia", "business"]
    # ... and with none named it is unresolved, like "it" (still a business by its noun), never a speaker "company"
    q = one("The company said the plant would employ 500 people from nearby towns.")
    assert pd.isna(q.loc[0, "speaker"])
    assert q.loc[0, ["speaker_kind", "affiliation_type"]].tolist() == ["unresolved", "business"]
    assert one("Huawei said the network would be ready next year.").loc[0, "speaker"] == "Huawei"  # named: speaks
    # documents are sources, like "the report": document speakers, owned only by whoever released them
    q = one("Documents seen by Reuters say the loan was repaid two years early.")
    assert q.loc[0, ["speaker", "speaker_kind", "affiliation_type"]].tolist() == ["Documents", "document", "unknown"]
    q = one("Company documents say the loan was repaid two years early.")
    assert q.loc[0, ["speaker", "speaker_kind"]].tolist() == ["Company documents", "document"]
    q = one("Customs documents show that grain exports doubled in the first half of the year.")
    assert q.loc[0, ["speaker", "speaker_kind", "verb", "quote"]].tolist() == [
        "Customs documents", "document", "show", "grain exports doubled in the first half of the year."]
    q = one("Documents show the company said demand was strong.")
    assert q["speaker_text"].tolist() == ["the company"]


def test_issue14_a_newsletters_own_criticism_is_not_the_reports():
    text = ('The report, released Tuesday by the Steppe Institute, claims that "trade has tripled since 2015." '
            'But this framing ignores "the debts that come with every new loan."')
    assert one(text, source_type="newsletter")["quote"].tolist() == ['"trade has tripled since 2015."']
    q = one("The report, released Tuesday by the Steppe Institute, claims that trade has tripled, but this framing "
            "ignores the debts that come with it.")
    assert q["quote"].tolist() == ["trade has tripled"]
    q = one("The Steppe Institute released a report on Tuesday. The report claims that trade has tripled. "
            "It says very little about the debts that come with it.")
    assert q["quote"].tolist() == ["trade has tripled."]
    # a partial quotation that goes on paraphrasing the speaker still continues them
    q = one('"We will build new ports," Arman Seitov said. Moreover, his ministry plans to double the fleet '
            '"within the next five years."')
    assert q["pattern"].tolist() == ["X said", "continuation"]


def test_issue14_journalists_questions_in_a_transcript_are_not_quoted_media():
    title = "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on June 3"
    for text in ["Q: What will the ministry do next?\nA: We will keep working with all partners.\n"
                 "Q: Any dates for the visit?\nA: I have nothing to announce at the moment.",
                 "Question: What will the ministry do next?\nWang Wenbin: We will keep working with all partners.\n"
                 "AFP: Any dates for the visit?\nWang Wenbin: I have nothing to announce at the moment."]:
        c = Corpus.from_frame([{"text": text, "title": title, "source_type": "official_statement"}])
        q = quotes(c)
        assert q["kind"].tolist() == ["question", "transcript"] * 2
        answers = q[q.kind == "transcript"]
        assert answers["speaker"].eq("Wang Wenbin").all()
        assert answers["affiliation_type"].eq("government_official").all()
        v = voices_by(c, quotes_table=q).set_index("affiliation_type")
        assert v.loc["media", "n"] == 0 and v.loc["government_official", ["n", "total"]].tolist() == [1, 1]
    q = one("Reporter: What will the ministry do next?\nLin Wen: We will keep working with all partners.\n"
            "Reporter: Any dates for the visit?\nLin Wen: I have nothing to announce at the moment.")
    assert q["kind"].tolist() == ["question", "transcript"] * 2


def test_issue14_a_speakers_own_formula_in_quotation_marks_is_theirs():
    q = one('Xi Jinping spoke at the summit. He called for "mutual respect, mutual trust and win-win cooperation".')
    assert q.loc[0, ["speaker", "resolution", "quote"]].tolist() == [
        "Xi Jinping", "pronoun", '"mutual respect, mutual trust and win-win cooperation"']
    q = one('Xi Jinping spoke at the summit. He proposed the "four-point" vision for the region.')
    assert q["speaker"].tolist() == ["Xi Jinping"]
    assert one('Xi proposed the "four-point" vision for the region.')["speaker"].tolist() == ["Xi Jinping"]
    # scare quotes in the writer's own clause are nobody's quotation
    q = one('Ruiz said the leaders met in Astana. Banners promised "mutual respect, mutual trust and win-win '
            'cooperation."')
    assert q["pattern"].tolist() == ["X said"]
    assert one('The summit promoted "Mutual Respect, Mutual Trust And Win-Win Cooperation."').empty


def test_issue14_a_pronoun_with_a_comma_before_a_participle_is_no_crash():
    # found on real news text while checking issue 14: "They, saying that …" raised KeyError('they,')
    q = one("The delegates met in Astana. They, saying that the talks had failed, left the hall early.")
    assert q["pattern"].tolist() == ["X, saying"] and q.loc[0, "speaker_text"] == "They"


# ------------------------------------------------------------------ the attribution words

def test_the_attribution_words_are_a_lexicon_read_once():
    from framing.lexicon import REQUIRED_KEYS, load_lexicon
    from framing.voices.words import VERB_RE, voice_words

    assert all(key in load_lexicon("voices") for key in REQUIRED_KEYS)
    words = voice_words()
    assert words is voice_words()
    assert words.say[:3] == ("said", "says", "say") and "said" in words.invertible
    assert words.clause_boundaries <= words.description_boundaries
    assert VERB_RE.fullmatch("was quoted as saying").group("say") and VERB_RE.fullmatch("emphasising").group("part")


def test_a_malformed_attribution_lexicon_is_named_with_its_line(tmp_path):
    import yaml

    from framing.lexicon import load_lexicon
    from framing.voices.words import voice_words

    bad = dict(load_lexicon("voices"), finite_verbs="was were")
    text = yaml.safe_dump(bad, sort_keys=False, allow_unicode=True)
    line = text.splitlines().index("finite_verbs: was were") + 1
    path = tmp_path / "voices.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=f"{path}, line {line}: finite_verbs must be a non-empty list"):
        voice_words(path)
