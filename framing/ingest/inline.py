"""Furniture inside a line: embedded video-player text and leading captions.

Scrapers that flatten a page often glue a story into one line together with the
strings of an embedded media player ("Play", "Mute", "Current Time 0:00",
"Fullscreen", caption and colour settings ...) or start it with the photo caption. These
functions find such runs by the player's user-interface vocabulary — the
strings of the common web players (video.js, JW Player), which are the same on
every site that embeds them — and by caption credit patterns.

Each function returns spans ``(start, end, reason)`` to remove or set aside.
"""

from __future__ import annotations

import re

__all__ = ["player_ui_spans", "leading_caption_span"]

# Words that start a player or ad overlay inside running text (each cue alone is short and common
# to many players; a run of interface words must follow for anything to be cut).
_TRIGGER = re.compile(
    r"\bVideo Player\b|\bPlay Video\b|\bmodal window\b|\bdialog window\b|\bModal Dialog\b|"
    r"\bCurrent Time \d|\bStream Type\b|\bUnmute\b|\bAdvertisement(?=\s+(?:Next|Skip|Stay|Close|Continue))",
)

# Tokens of player user interfaces and ad overlays (lower case, alphabetical).
_UI_VOCAB = frozenset(
    """
    a ad advertisement all and area audio auto background beginning behind black blue cancel caps caption
    captions casual chapters close color continue copy current currently cyan default depressed descriptions
    dialog done drop drop-shadow dropshadow duration edge edges embed end escape family font full fullscreen
    green hd in is live loaded loading loop magenta modal monospace mute next non-fullscreen none normal now of
    off on opacity opaque opens outline pause picture-in-picture play playback player proportional quality
    raised rate red remaining replay reset restore sans-serif screen script seek selected semi-transparent
    serif settings shadow share size skip small speed stay stream style subtitles text the this time to track
    transparency transparent type uniform unmute up url values video volume watching white will window
    x yellow × ✕
    """.split()
)
# literal parts of _TRIGGER, one of which a line must contain: a plain alternation of literals is
# searched far faster than _TRIGGER's lookaheads and word boundaries on every body line
_TRIGGER_NEEDLES = re.compile("|".join(map(re.escape, (
    "Video Player", "Play Video", "modal window", "dialog window", "Modal Dialog", "Current Time ", "Stream Type",
    "Unmute", "Advertisement"))))
_TOKEN = re.compile(r"\S+")
_NUMERIC = re.compile(r"^[-:/%\d.x,]+$|^-?\d+:\d+$|^\d+%$")
_TRAILING_STOP = frozenset("is to of and the a in on this will all up now".split())


def player_ui_spans(line: str) -> list[tuple[int, int, str]]:
    """Spans of embedded media-player interface text in ``line``.

    Examples
    --------
    >>> s = "Trade grew. Video Player loading. Play Mute Current Time 0:00 Fullscreen Close ✕ We met."
    >>> [(s[a:b]) for a, b, _ in player_ui_spans(s)]
    ['Video Player loading. Play Mute Current Time 0:00 Fullscreen Close ✕']
    """
    spans: list[tuple[int, int, str]] = []
    if not _TRIGGER_NEEDLES.search(line):
        return spans
    pos = 0
    while True:
        m = _TRIGGER.search(line, pos)
        if not m:
            break
        tokens = list(_TOKEN.finditer(line, m.start()))
        run_end = m.start()
        last_good = None
        count = 0

        def is_ui(tok) -> bool:
            word = tok.group(0).strip(".,:;!?()\"'").lower()
            return word == "" or word in _UI_VOCAB or bool(_NUMERIC.match(word))

        for k, t in enumerate(tokens):
            word = t.group(0).strip(".,:;!?()\"'").lower()
            # one unknown word inside a run of interface words (a player's own label) stays in the run
            if is_ui(t) or (count >= 4 and len(tokens) > k + 3 and all(is_ui(x) for x in tokens[k + 1:k + 4])):
                count += 1
                if word not in _TRAILING_STOP:
                    last_good = t
                continue
            break
        if last_good is not None:
            # a capitalised interface word followed by ordinary lower-case text starts the next
            # sentence ("Fullscreen Small traders in Osh ..."): give it back to the story
            kept = [t for t in tokens if t.start() < last_good.end()]
            while len(kept) > 4:
                tok = kept[-1].group(0)
                nxt_i = tokens.index(kept[-1]) + 1
                nxt = tokens[nxt_i].group(0) if nxt_i < len(tokens) else ""
                if tok[:1].isupper() and tok[1:].islower() and tok.isalpha() and nxt[:1].islower() \
                        and not is_ui(tokens[nxt_i]):
                    kept.pop()
                else:
                    break
            last_good = kept[-1]
            run_end = last_good.end()
        if count >= 4 and run_end > m.start():
            if spans and m.start() - spans[-1][1] <= 2:
                spans[-1] = (spans[-1][0], run_end, spans[-1][2])
            else:
                spans.append((m.start(), run_end, "embedded media-player text"))
        pos = max(run_end, m.end())
    return spans


_LEADING_CAPTION = re.compile(
    r"^(?P<cap>[A-Z][^\n]{10,300}?[.!]?\s+(?:Image|Photo|Picture|Credit|Photograph)s?\s*:\s*"
    r"[A-Z][\w&.'’-]*(?:/[\w&.'’-]+)*)\s+(?=[A-Z\"“])"
)


def leading_caption_span(line: str) -> tuple[int, int, str] | None:
    """The span of a photo caption glued to the start of a long line, if any.

    Examples
    --------
    >>> s = "Cotton bales at a depot near Tashkent, May 5. Photo: AFP The forum opened with a minute of silence."
    >>> a, b, _ = leading_caption_span(s)
    >>> s[a:b]
    'Cotton bales at a depot near Tashkent, May 5. Photo: AFP'
    """
    if ":" not in line or not any(w in line for w in ("Image", "Photo", "Picture", "Credit")):
        return None  # the pattern's lazy prefix is costly to try on every long line
    m = _LEADING_CAPTION.match(line)
    if not m:
        return None
    return (0, m.end("cap"), "photo caption")
