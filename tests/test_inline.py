"""Furniture inside a line: player text and glued captions."""

from framing.ingest.inline import leading_caption_span, player_ui_spans

PLAYER = ("Video Player is loading. Play Video Play Unmute Current Time 0:00 / Duration -:- Loaded : 0% "
          "Stream Type LIVE Seek to live, currently behind live LIVE Remaining Time - 0:00 This is a modal "
          "window. Beginning of dialog window. Escape will cancel and close the window. Text Color White Black "
          "Opacity Opaque Font Size 50% 75% 100% Reset Done Close Modal Dialog End of dialog window. "
          "Advertisement Next Stay Close ✕")


def test_player_text_is_cut_out_whole():
    line = "The path is widening. " + PLAYER + " The path of our cooperation is steady."
    spans = player_ui_spans(line)
    assert len(spans) == 1
    s, e, reason = spans[0]
    assert line[s:e] == PLAYER
    assert reason == "embedded media-player text"


def test_no_player_text_in_ordinary_prose():
    line = "The ambassador said the video of the meeting would play on state television, and close ties matter."
    assert player_ui_spans(line) == []


def test_leading_caption():
    line = ("City view of Astana, the capital of Kazakhstan, July 3, 2024. Image: VCG Championing the "
            "China-Central Asia Spirit " + "word " * 60)
    s, e, reason = leading_caption_span(line)
    assert line[s:e] == "City view of Astana, the capital of Kazakhstan, July 3, 2024. Image: VCG"
    assert leading_caption_span("The summit opened in Astana on Tuesday with " + "word " * 60) is None
