"""Line classification on literal lines, one rule at a time."""

from __future__ import annotations

import pytest

from framing.ingest.lines import classify_line


@pytest.mark.parametrize("line, role, reason", [
    ("", "blank", "blank line"),
    ("Share Facebook Twitter Pinterest LinkedIn Email WhatsApp Copy Link", "chrome", "share/social bar"),
    ("Share: LinkedIn | X | Email", "chrome", "share/social bar"),
    ("Subscribe to our newsletter and never miss our latest news", "chrome", "subscription prompt"),
    ("Related Posts", "zone", "widget: related or recommended links"),
    ("Most Popular", "zone", "widget: related or recommended links"),
    ("Latest news with #China-CentralAsia", "zone", "widget: related or recommended links"),
    ("© 2025 Example News. All rights reserved.", "zone", "footer: copyright"),
    ("Get Started Now: Download the App", "zone", "app-download prompt"),
    ("Source link", "zone", "link stub"),
    ("Leave A Reply Cancel Reply", "zone", "comment form"),
    ("Home » Politics » A headline here", "chrome", "breadcrumb"),
    ("adminBy adminJune 20, 2025No Comments4 Mins Read", "chrome", "post meta"),
    ("June 15, 2025", "timestamp", "timestamp"),
    ("17.06.25 10:14 Uhr", "timestamp", "timestamp"),
    ("time11 hours ago", "timestamp", "timestamp"),
    ("Workers inspect a pipeline in Horgos, Feb. 4, 2021. (Xinhua/Ding Lei)", "caption", "photo caption"),
    ("A trainee attends a session. (Photo by Qu Pei/People's Daily)", "caption", "photo caption"),
    ("Editor's note: the author is a Kazakh journalist.", "note", "editor's note"),
    ("ENHANCED CONNECTIVITY", "heading", None),
    ("2. Connectivity", "heading", None),
    ("China, Central Asia embrace new cooperation opportunities", "title", None),
])
def test_classify_line(line, role, reason):
    info = classify_line(line)
    assert info.role == role
    assert info.reason == reason


def test_byline():
    assert classify_line("By Helena Marsh").role == "byline"
    assert classify_line("by Serik Korzhumbayev").role == "byline"


@pytest.mark.parametrize("line", [
    "More than 20 countries joined the initiative last year.",
    "Comments by the minister were welcomed by business groups in Almaty.",
    "The law on copyright was amended to protect local musicians and writers.",
    "Kazakhstan agreed to subscribe to the initiative during the visit of the president.",
    '"Our mutually beneficial cooperation is delivering tangible benefits," Xu added.',
])
def test_sentences_that_mention_furniture_words_stay_body(line):
    assert classify_line(line).role == "body"


def test_quote_ending_paragraph_is_not_a_headline():
    assert classify_line('He said the route would open soon, "and we are ready."').role == "body"
