"""Furniture inside a line: embedded video-player text and leading captions.

Scrapers that flatten a page often glue a story into one line together with the
strings of an embedded media player ("Video Player is loading. Play Video Play
Unmute Current Time 0:00 ...") or start it with the photo caption. These
functions find such runs by the player's user-interface vocabulary — the
strings of the common web players (video.js, JW Player), which are the same on
every site that embeds them — and by caption credit patterns.

Each function returns spans ``(start, end, reason)`` to remove or set aside.
"""

from __future__ import annotations

import re

_TRIGGER = re.compile(
    r"Video Player is loading|Play Video|This is a modal window|Beginning of dialog window|"
    r"Close Modal Dialog|End of dialog window|Current Time \d|Stream Type LIVE|Unmute\b|"
    r"Advertisement(?=\s+(?:Next|Skip|Stay|Close|Continue))",
)

# Tokens of player user interfaces and ad overlays (lower case).
_UI_VOCAB = frozenset(
    """video player is loading play pause unmute mute current time duration loaded stream type live seek to
    currently behind remaining this a modal window beginning of dialog escape will cancel and close the text
    color white black red green blue yellow magenta cyan transparency opaque semi-transparent transparent
    background font size edge style none raised depressed uniform dropshadow family proportional sans-serif
    monospace serif casual script small caps reset restore all settings default values done end
    advertisement next stay ✕ × x skip ad replay fullscreen full screen non-fullscreen captions subtitles
    off on selected opens chapters descriptions audio track quality auto hd volume picture-in-picture
    playback rate speed normal share embed copy url up now loop settings dialog continue watching in
    the opacity caption area drop shadow drop-shadow window. edges outline""".split()
)
_TOKEN = re.compile(r"\S+")
_NUMERIC = re.compile(r"^[-:/%\d.x,]+$|^-?\d+:\d+$|^\d+%$")
_TRAILING_STOP = frozenset("is to of and the a in on this will all up now".split())


def player_ui_spans(line: str) -> list[tuple[int, int, str]]:
    """Spans of embedded media-player interface text in ``line``.

    Examples
    --------
    >>> s = "Trade grew. Video Player is loading. Play Video Play Unmute Current Time 0:00 Close ✕ We met."
    >>> [(s[a:b]) for a, b, _ in player_ui_spans(s)]
    ['Video Player is loading. Play Video Play Unmute Current Time 0:00 Close ✕']
    """
    spans: list[tuple[int, int, str]] = []
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
    >>> s = "City view of Astana, May 2, 2024. Image: VCG The speech began with thanks to the hosts of the summit."
    >>> a, b, _ = leading_caption_span(s)
    >>> s[a:b]
    'City view of Astana, May 2, 2024. Image: VCG'
    """
    m = _LEADING_CAPTION.match(line)
    if not m:
        return None
    return (0, m.end("cap"), "photo caption")
