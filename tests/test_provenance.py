"""Provenance cues, strongest first, on literal texts."""

from __future__ import annotations

import pytest

from framing.ingest.provenance import find_provenance
from framing.lexicon import load_outlets

OUT = load_outlets()


@pytest.mark.parametrize("title, paras, extra, source, cue_part", [
    ("Trade grows", ["ASTANA, June 22 (Xinhua) -- Trade grew by a fifth."], [], "Xinhua", "dateline"),
    ("Rail deal", ["BEIJING, June 17, 2025 /PRNewswire/ -- A report from People's Daily: On April 29 work began."],
     [], "People's Daily", "A report from People's Daily"),
    ("Rail deal", ["Work began on the tunnels in April, officials said."], ["SOURCE People's Daily"],
     "People's Daily", "SOURCE"),
    ("China, Central Asia solidify partnership in new era-Xinhua", ["Trade grew."], [], "Xinhua", "title suffix"),
    ("A view", ["Trade grew."], ["The views expressed in this article are those of the author and do not "
                                "necessarily reflect the positions of Xinhua News Agency."], "Xinhua", "disclaimer"),
    ("Report", ["Xinhua’s think tank arm, the Xinhua Institute, released a report on Sunday on trade."], [],
     "Xinhua Institute", "report released"),
    ("Full text of keynote speech by Chinese President Xi Jinping at the second China-Central Asia Summit",
     ["Your Excellency, friends."], [], "Xi Jinping", "speech"),
    ("Markets", ["This article was originally published by The Diplomat on May 2."], [], "The Diplomat",
     "republication"),
])
def test_cues(title, paras, extra, source, cue_part):
    p = find_provenance(title, paras, extra, OUT)
    assert p.original_source == source
    assert cue_part.lower() in p.cue.lower()


def test_pr_wire_marker_names_the_publisher():
    p = find_provenance("x", ["BEIJING, June 17, 2025 /PRNewswire/ -- A report from People's Daily: text."], [], OUT)
    assert p.publisher_hint == "PR Newswire"


def test_title_suffix_needs_a_known_outlet():
    p = find_provenance("Gujranwala, Faisalabad shine in summer games – Sport", ["Text."], [], OUT)
    assert p.original_source is None and p.title is None


def test_quoted_researchers_are_not_a_source():
    p = find_provenance("Trains", ["The route is busy, said a researcher with the China Institute of "
                                   "International Studies."], [], OUT)
    assert p.original_source is None
