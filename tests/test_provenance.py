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
