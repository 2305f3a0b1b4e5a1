"""Lexicon loading: packaged data, user extension, and clear errors."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from framing import LexiconError, load_lexicon, load_outlets, read_corpus


def test_outlets_lexicon_has_metadata_and_enough_outlets():
    lex = load_lexicon("outlets")
    for key in ("name", "version", "description", "citation", "license"):
        assert lex[key]
    assert len(lex["outlets"]) >= 40
    outlets = load_outlets()
    for name, kind in [("Xinhua", "state_media"), ("People's Daily", "state_media"), ("PR Newswire", "pr_wire"),
                       ("Xinhua Institute", "state_affiliated_think_tank"), ("The Diplomat", "analysis_magazine"),
                       ("Atlantic Council", "think_tank"), ("Nabka News", "aggregator"), ("Daily8", "aggregator")]:
        assert outlets.source_type(name) == kind, name


def test_aliases_and_case_sensitive_acronyms():
    outlets = load_outlets()
    assert outlets.canonical("Xinhua News Agency") == "Xinhua"
    assert outlets.canonical("PRNewswire") == "PR Newswire"
    assert outlets.canonical("Some Blog") == "Some Blog"
    found = [o.name for _, _, o in outlets.find("He told AP and the Xinhua Institute, not the ap team.")]
    assert found == ["Associated Press", "Xinhua Institute"]


def test_user_outlets_extend_the_packaged_ones(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\n"
                    "outlets:\n  - name: Steppe Wire Digest\n    aliases: [SWD]\n    source_type: aggregator\n")
    outlets = load_outlets(user)
    assert outlets.source_type("SWD") == "aggregator"
    assert outlets.source_type("Xinhua") == "state_media"
    page = tmp_path / "p" / "a.txt"
    page.parent.mkdir()
    page.write_text("Rail grows\n\n" + "The new rail line opened on Monday and carried its first freight. " * 5)
    (tmp_path / "p" / "sources.csv").write_text("file,publisher\na.txt,SWD\n")
    art = read_corpus(tmp_path / "p", outlets=user).articles.iloc[0]
    assert art["publisher"] == "Steppe Wire Digest" and art["source_type"] == "aggregator"


@pytest.mark.parametrize("content, message", [
    ("name: x\nversion: 1\n  bad: [", "line"),
    ("name: x\nversion: 1\n", "missing required key(s): description, citation, license"),
    ("- just a list", "expected a mapping"),
])
def test_bad_lexicon_files_name_file_and_problem(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_unknown_packaged_lexicon():
    with pytest.raises(LexiconError, match="no packaged lexicon named 'nope'"):
        load_lexicon("nope")


# ---------------------------------------------------------------- names that are common words

COMMON_WORD_SENTENCES = [
    "The troops moved at dawn and reached the border by noon.",
    "She was the star of the show for a decade.",
    "An independent review found no fault with the tender.",
    "Rallies filled the nation's capital on Sunday.",
    "Express delivery now reaches Almaty in two days.",
    "Mint leaves and green tea were served to the guests.",
    "The economist said growth would slow next year.",
    "China's foreign policy in Central Asia is pragmatic.",
    "The diplomat, who spoke on condition of anonymity, declined to comment.",
    "The guardian of the child signed the form.",
    "In tough economic times the times we live in look grim; the sun rose over the Hindu temple.",
    "India today is the fastest-growing large economy, and Pakistan today still lags.",
    "Central Asia plus Japan met in Tokyo; the Irrawaddy flooded; the Atlantic was calm.",
    "Officials pledged more media outreach, a neutral Turkmenistan and a new outlook.",
]


@pytest.mark.parametrize("sentence", COMMON_WORD_SENTENCES)
def test_common_words_in_ordinary_sentences_name_no_outlet(sentence):
    assert load_outlets().find(sentence) == []


def test_outlets_kept_out_of_running_text_are_known_by_domain_and_declared_name():
    outlets = load_outlets()
    for name, kind in [("Dawn", "newspaper"), ("The Hindu", "newspaper"), ("The Independent", "newspaper"),
                       ("USA Today", "newspaper"), ("The Nation", "newspaper"), ("Mint", "newspaper"),
                       ("The Star", "newspaper"), ("CNA", "broadcaster"), ("The Economist", "analysis_magazine")]:
        assert outlets.canonical(name) == name and outlets.source_type(name) == kind, name
    assert outlets.canonical("dawn") == "Dawn" and outlets.get("the hindu").name == "The Hindu"
    assert outlets.by_domain("https://www.dawn.com/news/1913742/x")[0].name == "Dawn"
    assert outlets.get("Dawn").match_in_text is False and outlets.get("Dawn").text_names == ()


def test_a_list_of_names_limits_what_is_searched_in_text():
    outlets = load_outlets()
    mint = outlets.get("Mint")
    assert mint.text_names == ("Livemint", "livemint.com")
    assert [o.name for _, _, o in outlets.find("Livemint reported the deal; mint tea followed.")] == ["Mint"]
    found = [o.name for _, _, o in outlets.find("As USA TODAY and The Daily Telegraph reported, the USA today ...")]
    assert found == ["USA Today", "The Daily Telegraph"]
    # names that are ordinary prose only in lower case still match in their exact case
    assert [o.name for _, _, o in outlets.find("The Economist and The Diplomat said so.")] == \
        ["The Economist", "The Diplomat"]


def test_a_record_from_dawn_gets_its_publisher_but_at_dawn_is_no_provenance_cue(tmp_path):
    from framing.ingest.provenance import find_provenance

    body = ("Officials released at dawn a report on trade with Central Asia, which grew by a third. "
            "The figures cover rail freight, pipelines and new border crossings opened this year. ") * 3
    assert find_provenance("Trade grows", [body], [], load_outlets()).original_source is None
    searched = tmp_path / "searched.yaml"  # the same entry without the flag: "at dawn" would be the cue
    searched.write_text("name: d\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\noutlets:\n"
                        "  - name: Dawn\n    source_type: newspaper\n", encoding="utf-8")
    assert find_provenance("Trade grows", [body], [], load_outlets(searched)).cue == "report released by 'dawn'"
    records = tmp_path / "export.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"title": "Trade grows", "text": body, "url": "https://www.dawn.com/news/1"},
        {"title": "Trade grows again", "text": body, "domain": "dawn.com"},
        {"title": "Trade grows once more", "text": body, "publisher": "Dawn"},
    ]) + "\n", encoding="utf-8")
    arts = read_corpus(records).articles
    assert arts["publisher"].tolist() == ["Dawn"] * 3
    assert arts["source_type"].tolist() == ["newspaper"] * 3
    # no cue: the original source is assumed to be the publisher, not found in "at dawn"
    assert arts["original_source"].tolist() == ["Dawn"] * 3
    assert arts["provenance"].str.startswith("no cue in the text").all()


@pytest.mark.parametrize("host, name, kind", [
    ("english.news.cn", "Xinhua", "state_media"), ("www.news.cn", "Xinhua", "state_media"),
    ("xinhuanet.com", "Xinhua", "state_media"), ("epaper.dawn.com", "Dawn", "newspaper"),
    ("https://timesofindia.indiatimes.com/world/x.cms", "The Times of India", "newspaper"),
    ("economictimes.indiatimes.com", "The Economic Times", "newspaper"),
    ("www.indiatimes.com", "Indiatimes", "newspaper"), ("yahoo.com", "Yahoo News", "aggregator"),
    ("sg.news.yahoo.com", "Yahoo News", "aggregator"), ("uk.finance.yahoo.com", "Yahoo Finance", "aggregator"),
    ("ru.sputnik.kz", "Sputnik", "state_media"), ("tass.ru", "TASS", "state_media"),
    ("www.rg.ru", "Rossiyskaya Gazeta", "state_media"), ("tdh.gov.tm", "Turkmenistan Today", "state_media"),
    ("dunyo.info", "Dunyo", "state_media"), ("en.qstheory.cn", "Qiushi", "state_media"),
    ("epaper.gmw.cn", "Guangming Daily", "state_media"), ("en.yna.co.kr", "Yonhap News Agency", "news_agency"),
    ("www.thehindu.com", "The Hindu", "newspaper"), ("tribune.com.pk", "The Express Tribune", "newspaper"),
    ("www.thedailystar.net", "The Daily Star", "newspaper"),
    ("www.bssnews.net", "Bangladesh Sangbad Sangstha", "state_media"),
    ("kathmandupost.com", "The Kathmandu Post", "newspaper"), ("www.channelnewsasia.com", "CNA", "broadcaster"),
    ("www.efe.com", "EFE", "news_agency"), ("www.ansa.it", "ANSA", "news_agency"),
    ("www.newsnow.co.uk", "NewsNow", "aggregator"), ("m.dailyhunt.in", "Dailyhunt", "aggregator"),
    ("www.accessnewswire.com", "Accesswire", "pr_wire"), ("www.usatoday.com", "USA Today", "newspaper"),
])
def test_new_domains_resolve_with_and_without_subdomains(host, name, kind):
    outlet, _ = load_outlets().by_domain(host)
    assert (outlet.name, outlet.source_type) == (name, kind)


def test_the_outlets_the_issue_names_are_listed_with_domains():
    outlets = load_outlets()
    for name in ["Xinhua", "People's Daily", "China Daily", "CGTN", "Global Times", "CCTV", "China News Service",
                 "Guangming Daily", "Qiushi", "ECNS", "TASS", "RIA Novosti", "RT", "Sputnik", "Interfax",
                 "Rossiyskaya Gazeta", "Kommersant", "Kazinform", "Kabar", "Khovar", "TDH", "UzA", "Dunyo", "Trend",
                 "AKIpress", "24.kg", "Tengrinews", "Kun.uz", "Gazeta.uz", "The Astana Times",
                 "Times of Central Asia", "PTI", "IANS", "ANI", "APP", "BSS", "UNB", "Dawn", "The Express Tribune",
                 "The News International", "Geo News", "The Hindu", "Times of India", "Indian Express", "NDTV",
                 "The Daily Star", "Kathmandu Post", "Antara", "Bernama", "VNA", "PNA", "Thai PBS",
                 "Straits Times", "CNA", "Jakarta Post", "South China Morning Post", "Reuters", "AP", "AFP",
                 "Bloomberg", "dpa", "EFE", "ANSA", "Kyodo", "Yonhap", "New York Times", "Washington Post",
                 "Wall Street Journal", "The Guardian", "Financial Times", "The Times", "The Telegraph",
                 "The Independent", "USA Today", "The Economist", "BBC", "CNN", "Al Jazeera", "DW", "France 24",
                 "VOA", "RFE/RL", "Yahoo News", "MSN", "Google News", "NewsNow", "NewsBreak", "Ground News",
                 "Daily Hunt", "Inshorts", "Flipboard", "SmartNews", "PR Newswire", "Business Wire",
                 "GlobeNewswire", "Accesswire", "EIN Presswire"]:
        outlet = outlets.get(name)
        assert outlet is not None and outlet.source_type and outlet.domains, name


# ---------------------------------------------------------------- validation

def test_the_packaged_outlets_validate_and_stay_sorted():
    from framing.cli import main
    from framing.lexicon import validate_outlets

    path = resources.files("framing.lexicons").joinpath("outlets.yaml")
    assert validate_outlets(str(path)) == []
    assert main(["lexicon", "validate", str(path)]) == 0
    entries = load_lexicon("outlets")["outlets"]
    assert len(entries) >= 400
    keys = [(e["source_type"], e["name"].casefold()) for e in entries]
    assert keys == sorted(keys)


BAD_OUTLETS = """name: mine
version: '1'
description: d
citation: c
license: CC0-1.0
outlets:
  - name: Steppe Daily
    aliases: [Steppe]
    match_in_text: [Steppe Times]
    source_type: newspaper
    country: KAZ
    domains: [steppe.kz, "https://steppe.kz/news"]
  - name: Steppe Times
    aliases: [steppe]
    match_in_text: maybe
    source_type: blog
    ownership: family
    colour: blue
    domains: [steppe.kz]
"""


def test_the_validator_names_file_line_and_problem(tmp_path, capsys):
    from framing.cli import main
    from framing.lexicon import validate_outlets

    path = tmp_path / "mine.yaml"
    path.write_text(BAD_OUTLETS, encoding="utf-8")
    problems = validate_outlets(path)
    expected = [
        (9, "match_in_text names 'Steppe Times', which is not the name or an alias"),
        (11, "has country 'KAZ', not a two-letter"),
        (12, "'https://steppe.kz/news' is not a host name"),
        (14, "'steppe' of outlet 'Steppe Times' already names outlet 'Steppe Daily'"),
        (15, "match_in_text must be true, false or a list"),
        (16, "unknown source_type 'blog'"),
        (17, "unknown ownership 'family'"),
        (18, "unknown key 'colour'"),
        (19, "domain 'steppe.kz' of outlet 'Steppe Times' is already listed for 'Steppe Daily'"),
    ]
    for line, what in expected:
        assert any(p.startswith(f"{path}, line {line}: ") and what in p for p in problems), (line, what, problems)
    assert len(problems) == len(expected)
    assert main(["lexicon", "validate", str(path)]) == 1
    assert "problem(s)" in capsys.readouterr().out


@pytest.mark.parametrize("entries, message", [
    ("  - name: A\n    aliases: [Same]\n  - name: B\n    aliases: [same]\n", "'same' of outlet 'B' already names"),
    ("  - name: A\n    match_in_text: [B]\n", "match_in_text names 'B'"),
])
def test_the_loader_refuses_an_alias_of_two_outlets_and_a_bad_match_in_text(tmp_path, entries, message):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\noutlets:\n" + entries,
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_outlets(path)


# ---------------------------------------------------------------- credits and sign-offs (issue 19)

CREDIT_OUTLETS = """name: mine
version: '1'
description: d
citation: c
license: CC0-1.0
outlets:
  - name: Steppe Agency
    source_type: state_media
    credits: [STA, Steppe]
    signoffs: [Filed by]
  - name: Steppe Daily
    aliases: [sta]
    source_type: newspaper
    credits: yes
  - name: Valley Wire
    source_type: news_agency
    credits: [Valley]
    signoffs: [filed by]
"""


def test_credits_and_signoffs_are_read_and_validated(tmp_path):
    from framing.lexicon import validate_outlets

    outlets = load_outlets()
    assert outlets.get("TASS").credits == ("TASS", "ITAR-TASS")
    assert outlets.get("Reuters").credits is None and "Reporting by" in outlets.get("Reuters").signoffs
    assert outlets.get("AA") is None  # a credit is read only in a credit's place, not as a name
    path = tmp_path / "mine.yaml"
    path.write_text(CREDIT_OUTLETS, encoding="utf-8")
    problems = validate_outlets(path)
    expected = [
        (12, "'sta' of outlet 'Steppe Daily' already names outlet 'Steppe Agency'"),
        (14, "credits must be a list of non-empty texts"),
        (18, "sign-off 'filed by' of outlet 'Valley Wire' is already listed for 'Steppe Agency'"),
    ]
    for line, what in expected:
        assert any(p.startswith(f"{path}, line {line}: ") and what in p for p in problems), (line, what, problems)
    assert len(problems) == len(expected)


@pytest.mark.parametrize("entries, message", [
    ("  - name: A\n    credits: [Same]\n  - name: B\n    aliases: [same]\n", "'same' of outlet 'B' already names"),
    ("  - name: A\n    credits: yes\n", "credits must be a list"),
])
def test_the_loader_refuses_a_credit_of_two_outlets_and_a_credit_that_is_no_list(tmp_path, entries, message):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\noutlets:\n" + entries,
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_outlets(path)
