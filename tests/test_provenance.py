"""Provenance cues, strongest first, on literal texts."""

from __future__ import annotations

import pytest

from framing.ingest.provenance import find_provenance
from framing.lexicon import load_outlets

OUT = load_outlets()


@pytest.mark.parametrize("title, paras, extra, source, cue_part", [
    ("Trade grows", ["ASTANA, June 22 (Xinhua) -- Trade grew by a fifth."], [], "Xinhua", "dateline"),
    ("Rail deal", ["TASHKENT, May 9, 2025 /PRNewswire/ -- A report by People's Daily: Work began in spring."],
     [], "People's Daily", "A report by People's Daily"),
    ("Rail deal", ["Work began on the tunnels in April, officials said."], ["SOURCE People's Daily"],
     "People's Daily", "SOURCE"),
    ("Freight trains link Kashgar and Osh-Xinhua", ["Trade grew."], [], "Xinhua", "title suffix"),
    ("A view", ["Trade grew."], ["Opinions in this commentary belong to its writer and do not necessarily "
                                "represent the views of Xinhua News Agency."], "Xinhua", "disclaimer"),
    ("Report", ["Late on Monday the Xinhua Institute, a research arm of the agency, has released a new report "
                "on trade."], [], "Xinhua Institute", "report released"),
    ("Full text of the address by Kazakh President Kassym-Jomart Tokayev at the investment forum",
     ["Dear guests, friends."], [], "Kassym-Jomart Tokayev", "speech"),
    ("Markets", ["This article was originally published by The Diplomat on May 2."], [], "The Diplomat",
     "republication"),
])
def test_cues(title, paras, extra, source, cue_part):
    p = find_provenance(title, paras, extra, OUT)
    assert p.original_source == source
    assert cue_part.lower() in p.cue.lower()


def test_pr_wire_marker_names_the_publisher():
    p = find_provenance("x", ["TASHKENT, May 9, 2025 /PRNewswire/ -- A report by People's Daily: text."], [], OUT)
    assert p.publisher_hint == "PR Newswire"


def test_title_suffix_needs_a_known_outlet():
    p = find_provenance("Local side wins the regional cup final – Sport", ["Text."], [], OUT)
    assert p.original_source is None and p.title is None


def test_quoted_researchers_are_not_a_source():
    p = find_provenance("Trains", ["The route is busy, said a China Institute of International Studies "
                                   "researcher."], [], OUT)
    assert p.original_source is None


# ---------------------------------------------------------------- wire credits (issue 19)

from framing.ingest.datelines import closing_credit, credit_names, parse_dateline, wire_credit  # noqa: E402

BODY = "Officials said the new rail link would open in the autumn."


@pytest.mark.parametrize("dateline, agency", [
    # CITY, DATE (AGENCY) -- with each dash, and a colon
    ("ASTANA, June 22 (Xinhua) --", "Xinhua"),
    ("KUALA LUMPUR, June 17 (Bernama) —", "Bernama"),
    ("SEOUL, June 17 (Yonhap) –", "Yonhap News Agency"),
    ("Rio de Janeiro, June 17 (AFP) -", "AFP"),
    ("ISLAMABAD, June 17 (APP):", "Associated Press of Pakistan"),
    # a region or a bracketed country between city and date
    ("NEW DELHI [India], June 17 (ANI):", "Asian News International"),
    ("BAKU, Azerbaijan, June 17 (Trend) -", "Trend News Agency"),
    # no dash after the agency
    ("Beijing, June 17 (IANS)", "Indo-Asian News Service"),
    ("New Delhi, Jun 17 (PTI)", "Press Trust of India"),
    # no date
    ("BEIJING (Reuters) -", "Reuters"),
    ("WASHINGTON (AP) —", "Associated Press"),
    ("Jakarta (ANTARA) -", "Antara News Agency"),
    ("Hanoi (VNA) -", "Vietnam News Agency"),
    ("BISHKEK (AKIpress) -", "AKIpress"),
    ("ANKARA (AA) -", "Anadolu Agency"),
    ("Washington (CNN) —", "CNN"),
    # the agency between slashes
    ("MOSCOW, June 17. /TASS/.", "TASS"),
    ("Bishkek, June 17 /Kabar/.", "Kabar News Agency"),
    ("DUSHANBE, 17.06.2025 /NIAT «Khovar»/.", "Khovar"),
    # CITY. DATE. AGENCY – and a bare agency in capitals
    ("ASTANA. June 17. KAZINFORM –", "Kazinform"),
    ("Baku, June 17, AZERTAC", "Azertac"),
    ("ASTANA, June 17. KAZINFORM.", "Kazinform"),
    # weekdays, years, day-month order, abbreviations, St.
    ("PARIS, Monday, June 17, 2025 (AFP) -", "AFP"),
    ("Nur-Sultan, 17 June 2025 (Kazinform) -", "Kazinform"),
    ("TASHKENT, Sept. 3 (UzA) --", "UzA"),
    ("ST. PETERSBURG, Jun 17 (TASS) -", "TASS"),
    ("MANILA, June 17 (PNA) --", "Philippine News Agency"),
    ("TOKYO, June 17 (Kyodo) --", "Kyodo News"),
])
def test_each_dateline_form_names_its_agency(dateline, agency):
    p = find_provenance("Rail link", [f"{dateline} {BODY}"], [], OUT)
    assert p.original_source == agency
    assert p.cue.startswith("dateline '") and f'"{dateline}"' in p.cue
    d = parse_dateline(f"{dateline} {BODY}", OUT)
    assert d.text == dateline and f"{dateline} {BODY}"[d.end:] == BODY


def test_the_cue_quotes_the_dateline_and_its_credit():
    p = find_provenance("Talks", [f"MOSCOW, June 17. /TASS/. {BODY}"], [], OUT)
    assert p.cue == 'dateline \'/TASS/\' in "MOSCOW, June 17. /TASS/."'
    d = parse_dateline(f"NEW DELHI [India], June 17 (ANI): {BODY}", OUT)
    assert (d.city, d.date, d.written) == ("NEW DELHI", "June 17", "(ANI)")


def _credited_outlets():
    return [(o, name) for o in OUT.entries for name in credit_names(o)]


@pytest.mark.parametrize("outlet, name", _credited_outlets(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_credit_of_the_lexicon_reads_in_a_dateline(outlet, name):
    # the widest house style: CITY, DATE (AGENCY) --; and the undated one, which needs a credit
    for dateline in (f"CAPITAL CITY, June 17 ({name}) --", f"CAPITAL CITY ({name}) -"):
        found = parse_dateline(f"{dateline} {BODY}", OUT)
        assert found is not None and found.agency == outlet.name, dateline


def test_the_agencies_of_the_issue_all_sign_their_copy():
    for name in ("TASS", "Kazinform", "ANI", "IANS", "PTI", "APP", "Reuters", "AP", "Xinhua", "AFP", "Kabar",
                 "Khovar", "UzA", "Trend", "AKIpress", "Anadolu", "Yonhap", "Kyodo", "Antara", "Bernama", "VNA",
                 "PNA"):
        found = parse_dateline(f"CAPITAL, June 17 ({name}) -- {BODY}", OUT)
        assert found is not None and found.known and credit_names(OUT.get(found.agency)), name


def test_an_unknown_agency_in_a_full_dateline_is_kept_as_written():
    p = find_provenance("Oil", [f"KUWAIT, June 17 (KUNA) -- {BODY}"], [], OUT)
    assert p.original_source == "KUNA" and "dateline" in p.cue
    # without the date or the dash the shape is too weak for a name the lexicon does not know
    assert parse_dateline(f"KUWAIT (KUNA) - {BODY}", OUT) is None
    assert parse_dateline(f"KUWAIT, June 17 (KUNA) {BODY}", OUT) is None


@pytest.mark.parametrize("text", [
    "In Beijing (China) - the talks went on late into the night.",
    "Beijing (China) - the talks went on late into the night.",
    "In Beijing, June 17, Xinhua reported that the talks went on.",
    "The meeting (AP) - as the minister called it - went well.",
    "Moscow, June 17 (Tuesday) - talks went on.",
    "Beijing, June 17 (local time) - talks went on.",
    "LONDON, June 17 (Reuters Photo) - talks went on.",
    "Beijing, June 17 (Xinhua/Li Ming) - a photo of the port.",
    "ASTANA – Universities in Kazakhstan and China are launching new programmes.",
    "CCTV: The second summit concluded in Astana yesterday.",
    "Kazakhstan (the largest economy of the region) - and its neighbours - agreed.",
    "On June 17 (Monday) - the ministers met.",
    "ASTANA, June 22 -- Trade grew by a fifth.",
    "Astana, June 17. Kazinform reported that trade grew.",
])
def test_ordinary_sentences_are_no_dateline(text):
    assert parse_dateline(text, OUT) is None
    assert find_provenance("Talks", [text], [], OUT).original_source is None


def test_a_press_release_wire_names_the_publisher_not_the_author():
    p = find_provenance("Acme", [f"NEW YORK, June 17, 2025 (BUSINESS WIRE) -- {BODY}"], [], OUT)
    assert p.original_source is None and p.publisher_hint == "Business Wire"
    d = parse_dateline("TASHKENT, May 9, 2025 /PRNewswire-AsiaNet/ -- A report.", OUT)
    assert d.wire and d.agency == "PR Newswire"


@pytest.mark.parametrize("paras, extra, agency, written", [
    ([BODY, "The fair ends on Friday. (Xinhua)"], [], "Xinhua", "(Xinhua)"),
    ([BODY, "The fair ends on Friday.", "(Xinhua)"], [], "Xinhua", "(Xinhua)"),
    ([BODY, "The fair ends on Friday. — Reuters"], [], "Reuters", "— Reuters"),
    ([BODY, "The fair ends on Friday.--AFP"], [], "AFP", "--AFP"),
    ([BODY, "The fair ends on Friday.", "Source: TASS"], [], "TASS", "Source: TASS"),
    ([BODY, "The fair ends on Friday."], ["Source: TASS"], "TASS", "Source: TASS"),
    ([BODY, "The fair ends on Friday. (With inputs from PTI)"], [], "Press Trust of India", "With inputs from PTI"),
    ([BODY, "With inputs from IANS and ANI"], [], "Indo-Asian News Service", "With inputs from IANS and ANI"),
    ([BODY, "The fair ends on Friday.", "(Reporting by Olzhas Auyezov in Almaty; Editing by Mark Heinrich)"], [],
     "Reuters", "(Reporting by Olzhas Auyezov in Almaty; Editing by Mark Heinrich)"),
    ([BODY, "The fair ends on Friday."], ["Additional reporting by Ann Lee; Writing by Tom Hay"], "Reuters",
     "Additional reporting by Ann Lee; Writing by Tom Hay"),
])
def test_end_of_article_credits(paras, extra, agency, written):
    p = find_provenance("Fair", paras, extra, OUT)
    assert p.original_source == agency and p.cue == f"closing credit '{written}'"


@pytest.mark.parametrize("paras, extra", [
    ([BODY, "The deal was reported by the Press Trust of India (PTI)."], []),
    ([BODY, "A crane lifts a container at the port. (Xinhua/Li Ming)"], []),
    ([BODY, "The ship has stayed there for 25 years, Xinhua said."], []),
    ([BODY, "The fair ends on Friday. (Tuesday)"], []),
    ([BODY, "With inputs from agencies"], []),
    ([BODY, "He left the room - AP"], []),
    ([BODY, "(Reporting by our correspondent)"], []),
    ([BODY, "The fair ends on Friday."], ["A crane at the port. (Xinhua)"]),  # a caption's photo credit
])
def test_closing_lines_that_are_no_credit(paras, extra):
    assert closing_credit(paras, extra, OUT) is None


def test_a_dateline_outranks_a_closing_credit_which_outranks_a_title_suffix():
    assert find_provenance("Talks-Xinhua", [f"MOSCOW, June 17. /TASS/. {BODY}", "Talks ended. (AFP)"], [],
                           OUT).original_source == "TASS"
    p = find_provenance("Talks-Xinhua", [BODY, "Talks ended. (AFP)"], [], OUT)
    assert p.original_source == "AFP" and p.title == "Talks"
    # press-release wording outranks a closing credit
    p = find_provenance("x", [f"TASHKENT, May 9, 2025 /PRNewswire/ -- A report by People's Daily: {BODY}",
                              "Talks ended. (Xinhua)"], [], OUT)
    assert p.original_source == "People's Daily" and p.publisher_hint == "PR Newswire"


def test_wire_credit_reads_an_article_text():
    assert wire_credit(f"BEIJING (Reuters) - {BODY}\n\nTalks ended.", OUT).agency == "Reuters"
    assert wire_credit(f"{BODY}\n\nTalks ended.\n\n(Xinhua)", OUT).agency == "Xinhua"
    assert wire_credit(f"TASHKENT, May 9, 2025 /PRNewswire/ -- {BODY}", OUT) is None
    assert wire_credit(BODY, OUT) is None and wire_credit("", OUT) is None


def test_a_user_outlets_file_adding_an_agency_adds_its_credit(tmp_path):
    user = tmp_path / "agencies.yaml"
    user.write_text(
        "name: agencies\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\noutlets:\n"
        "  - name: Kuwait News Agency\n    case_sensitive_aliases: [KUNA]\n    source_type: state_media\n"
        "    credits: [KUNA]\n"
        "  - name: Steppe Wire\n    source_type: news_agency\n    signoffs: [Filed by]\n"
        "  - name: Valley Herald\n    source_type: newspaper\n", encoding="utf-8")
    mine = load_outlets(user)
    undated = f"KUWAIT (KUNA) - {BODY}"
    assert find_provenance("Oil", [undated], [], OUT).original_source is None
    p = find_provenance("Oil", [undated], [], mine)
    assert p.original_source == "Kuwait News Agency" and p.cue == 'dateline \'(KUNA)\' in "KUWAIT (KUNA) -"'
    assert find_provenance("Oil", [BODY, "Prices rose. (KUNA)"], [], mine).original_source == "Kuwait News Agency"
    # a news agency signs with its name by default, and its own sign-off
    assert parse_dateline(f"ALMATY (Steppe Wire) - {BODY}", mine).agency == "Steppe Wire"
    assert closing_credit([BODY, "(Filed by Ann Lee; Editing by Tom Hay)"], [], mine).agency == "Steppe Wire"
    # an outlet of another type signs with nothing unless its entry says so
    assert parse_dateline(f"ALMATY (Valley Herald) - {BODY}", mine) is None
