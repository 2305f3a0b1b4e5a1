"""Line classification on literal lines, one rule at a time."""

from __future__ import annotations

import pytest

from framing.ingest.lines import classify_line


@pytest.mark.parametrize("line, role, reason", [
    ("", "blank", "blank line"),
    ("Share Facebook Twitter Pinterest LinkedIn Email WhatsApp Copy Link", "chrome", "share/social bar"),
    ("Share: LinkedIn | X | Email", "chrome", "share/social bar"),
    ("Subscribe for our morning briefing on the region", "chrome", "subscription prompt"),
    ("Related Posts", "zone", "widget: related or recommended links"),
    ("Most Popular", "zone", "widget: related or recommended links"),
    ("Latest news with #China-CentralAsia", "zone", "widget: related or recommended links"),
    ("© 2025 Example News. All rights reserved.", "zone", "footer: copyright"),
    ("Stay in the loop: download our app", "zone", "app-download prompt"),
    ("Source link", "zone", "link stub"),
    ("Leave A Reply Cancel Reply", "zone", "comment form"),
    ("Home » Politics » A headline here", "chrome", "breadcrumb"),
    ("adminBy adminJune 20, 2025No Comments4 Mins Read", "chrome", "post meta"),
    ("June 15, 2025", "timestamp", "timestamp"),
    ("21.05.25 08:40 Uhr", "timestamp", "timestamp"),
    ("time11 hours ago", "timestamp", "timestamp"),
    ("Engineers check a compressor near Shymkent, May 8, 2025. (Xinhua/Li Wen)", "caption", "photo caption"),
    ("A student welds a pipe joint. (Photo by Wang Lu/People's Daily)", "caption", "photo caption"),
    ("Editor's note: the author is a Kazakh journalist.", "note", "editor's note"),
    ("ENHANCED CONNECTIVITY", "heading", None),
    ("2. Connectivity", "heading", None),
    ("Kazakh wheat reaches Chinese ports by a new rail route", "title", None),
])
def test_classify_line(line, role, reason):
    info = classify_line(line)
    assert info.role == role
    assert info.reason == reason


def test_byline():
    assert classify_line("By Helena Marsh").role == "byline"
    assert classify_line("by Daniyar Sultanbekov").role == "byline"


@pytest.mark.parametrize("line", [
    "More than 20 countries joined the initiative last year.",
    "Comments by the minister were welcomed by business groups in Almaty.",
    "The law on copyright was amended to protect local musicians and writers.",
    "Kazakhstan agreed to subscribe to the initiative during the visit of the president.",
    '"The new corridor saves exporters a week on every shipment," Sadykov added.',
])
def test_sentences_that_mention_furniture_words_stay_body(line):
    assert classify_line(line).role == "body"


def test_quote_ending_paragraph_is_not_a_headline():
    assert classify_line('He said the route would open soon, "and we are ready."').role == "body"
