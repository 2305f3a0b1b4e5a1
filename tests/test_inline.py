"""Furniture inside a line: player text and glued captions."""

from framing.ingest.inline import leading_caption_span, player_ui_spans

# Our own string in the shape of a web player's interface text (no page's text is copied).
PLAYER = ("Video Player loading. Play Mute Current Time 0:00 / Duration 4:10 Loaded: 0% Stream Type LIVE "
          "Quality Auto HD Captions Off Settings Font Size 100% Text Color White Opacity Opaque Reset Done "
          "Fullscreen Share Embed Copy URL Advertisement Skip Close ✕")


def test_player_text_is_cut_out_whole():
    line = "Freight volumes keep rising. " + PLAYER + " The new terminal opens in March."
    spans = player_ui_spans(line)
    assert len(spans) == 1
    s, e, reason = spans[0]
    assert line[s:e] == PLAYER
    assert reason == "embedded media-player text"


def test_no_player_text_in_ordinary_prose():
    line = "The ambassador said the video of the meeting would play on state television, and close ties matter."
    assert player_ui_spans(line) == []


def test_leading_caption():
    line = ("Cranes load containers at the dry port near Khorgos, May 5, 2025. Image: VCG Opening the "
            "Logistics Forum " + "word " * 60)
    s, e, reason = leading_caption_span(line)
    assert line[s:e] == "Cranes load containers at the dry port near Khorgos, May 5, 2025. Image: VCG"
    assert leading_caption_span("The summit opened in Astana on Tuesday with " + "word " * 60) is None
