"""What each line of a scraped page looks like, judged by general evidence.

Each line gets a :class:`LineInfo`: its shape (length, words, terminal
punctuation, capitalisation, bullets, stopword share) and, where a rule fires,
a role (site chrome with its reason, caption, byline, editor's note,
timestamp, heading). The rules use the evidence boilerplate-removal research
relies on (jusText, Kohlschütter et al.'s boilerpipe): line length and shape,
link-list and bullet runs, stopword density, position, repetition across pages
of one site, and the small closed vocabulary of page furniture ("Share",
"Subscribe", "Related posts", "© 2025", "Download the app") that is the same
on every site. No rule names a particular site.

jusText and trafilatura implement this for HTML, where tags and link density
carry most of the signal; plain-text dumps have neither, so the line-level
rules are written here and the HTML path still uses trafilatura.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..text import WORD_RE, count_words_in_tokens

__all__ = ["STOPWORDS", "SOCIAL", "SOCIAL_NETWORKS", "ZONE_RULES", "LINE_RULES", "TIMESTAMP_RE", "BYLINE_RE",
           "CAPTION_RE", "NOTE_RE", "NUMBERED_RE", "BULLET_RE", "ELLIPSIS_END_RE", "WIRE_SOURCE_RE",
           "TERMINAL", "DATELINE_RE", "LineInfo", "classify_line"]

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself also said says would could may might must shall""".split()
)

SOCIAL = frozenset(
    """share shares facebook twitter x pinterest linkedin tumblr email e-mail whatsapp copy link instagram
    vimeo youtube telegram reddit threads flipboard google news print weibo wechat vk mail tiktok rss sms
    messenger mastodon bluesky snapchat pocket digg line qzone douban follow us on (twitter) tweet""".split()
)
SOCIAL_NETWORKS = frozenset(
    """facebook twitter pinterest linkedin tumblr whatsapp instagram vimeo youtube telegram reddit threads
    flipboard weibo wechat vk tiktok messenger mastodon bluesky snapchat email share tweet""".split()
)

_I = re.IGNORECASE

# Furniture that ends an article or opens a block of site chrome: (reason, pattern, max words).
ZONE_RULES: list[tuple[str, re.Pattern, int]] = [
    ("widget: related or recommended links", re.compile(
        r"^(related( posts| articles| stories| news| content| coverage| links| publications| reading)?|"
        r"more (from|on|stories|news|in|like this)\b.*|recommended( for you| stories| reading)?|"
        r"read (next|more|also)|also read|further reading|see also|you (may|might) also like|"
        r"(most )?popular( posts| stories| now)?|recent (posts|stories|articles)|"
        r"latest( news| posts| stories| articles| updates| headlines)?( (with|on|in|about|from) .*)?|"
        r"top (posts|stories|news|headlines|picks)|most (read|viewed|shared|commented|popular)|"
        r"trending( now| stories| topics)?|what'?s (hot|new|trending)|don'?t miss|our picks|"
        r"editor'?s (picks|choice)|in case you missed it|more on this( story| topic)?|about us|"
        r"explore more|hot topics|must read)\s*:?$", _I), 8),
    ("comment form", re.compile(
        r"^(add a comment|leave a (reply|comment)|post a comment|cancel reply|leave a reply cancel reply|"
        r"(\d+ )?comments?( \(\d+\))?|join the (discussion|conversation)|reader comments|"
        r"(show|view|load) (all )?comments)\s*:?$", _I), 8),
    ("footer: copyright", re.compile(r"^(©|\(c\)\s*\d{4}|copyright\b)|©\s*\d{4}|all rights reserved|"
                                     r"^designed by\b|^powered by\b", _I), 20),
    ("app-download prompt", re.compile(
        r"download (the|our)?\s*(\w+\s)?app\b|\bapp[- ]?store\b|google play|play[- ]?store|"
        r"^get started now\b", _I), 60),
    ("link stub", re.compile(r"^(source link|read more|continue reading|read the full (story|article)|"
                             r"click here\b.*|originally published at .*https?://\S+|"
                             r"(watch|listen to|view|download|see) (the )?(full )?(recording|video|replay|podcast|"
                             r"slides|event|livestream|webcast)( here)?)$", _I), 15),
    ("share prompt", re.compile(r"^(share|print|email) (this|the) (article|story|post|page|report)\b", _I), 8),
    ("wire footer", re.compile(r"view original content|to download multimedia:|^(media )?contacts?:?\s*$", _I), 40),
]

# Furniture that is removed where it stands: (reason, pattern, max words).
LINE_RULES: list[tuple[str, re.Pattern, int]] = [
    ("navigation", re.compile(
        r"^(close menu|open menu|menu|main menu|skip to (main )?content|search|search for:?|home|log ?in|"
        r"sign in|register|back to top|toggle navigation|navigation|sections|edition|close|open)$", _I), 4),
    ("navigation", re.compile(r"(press|hit) (enter|esc)\b|type (above|here) and press", _I), 20),
    ("breadcrumb", re.compile(r"^(home|news|start)\s*[»›>|/]|\s[»›]\s", _I), 30),
    ("subscription prompt", re.compile(
        r"^(subscribe|sign up|never miss|stay (updated|informed|tuned)|get the latest|join our|unsubscribe)\b|"
        r"^get (the|our) .{0,40}\b(headlines|news|stories|updates|newsletter)\b|"
        # anywhere in a line that is not a sentence ("Newsletter: subscribe for daily briefings!")
        r"^(?!.*\.\s*$).*(\bsubscribe\b|\bsign up\b|\bnever miss\b|\bstay (updated|informed|tuned)\b|"
        r"\bget the latest\b|\bjoin our (mailing list|newsletter)\b|\bin your inbox\b)", _I), 15),
    ("social follow prompt", re.compile(r"^follow us\b|^follow (on|@)", _I), 8),
    ("footer: legal links", re.compile(r"privacy policy|terms (of|and) (use|service|conditions)|cookie (policy|"
                                       r"settings|preferences)|\bdmca\b|^contact us$|^advertise with", _I), 12),
    ("cookie notice", re.compile(r"\b(we|this (site|website)) uses? cookies\b|accept (all )?cookies", _I), 40),
    ("advertisement", re.compile(r"^(advertisement|advertising|sponsored( content)?|ad|ads|promoted|"
                                 r"story continues below( advertisement)?)$", _I), 4),
    ("post meta", re.compile(r"\d+\s*mins?\s*read\b|\bmin(ute)?s? read\b|\bno comments\b|\bcomments? off\b", _I), 20),
    ("tags", re.compile(r"^(tags?|topics?|keywords?|filed under|categories)\s*:", _I), 30),
    ("page fragment", re.compile(r"^(logo|#+|[■□▪•·|…*=_~-]+|\W{1,3}|img|image|photo|video|audio|"
                                 r"app-?store\s*play-?store|play|pause|loading\.*)$", _I), 2),
]

# Substrings without which a rule's pattern cannot match (looked for in the lower-cased line):
# they spare the case-insensitive regular expressions most body lines. A few ``in`` tests per
# rule beat one Aho-Corasick pass: rules are preselected by word count, so a long line
# meets only the few rules that allow long lines.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "footer: copyright": ("©", "(c)", "copyright", "all rights reserved", "designed by", "powered by"),
    "app-download prompt": ("app", "play", "get started now"),
    "link stub": ("source link", "read", "continue", "click", "originally", "watch", "listen", "view", "download",
                  "see"),
    "wire footer": ("view original content", "to download multimedia", "contact"),
    "breadcrumb": ("»", "›", ">", "|", "/"),
    "subscription prompt": ("subscri", "sign up", "never miss", "stay ", "get the", "get our", "join our", "inbox"),
    "footer: legal links": ("privacy policy", "terms of", "terms and", "cookie", "dmca", "contact us",
                            "advertise with"),
    "cookie notice": ("cookie",),
    "post meta": ("read", "comment"),
    "tags": (":",),
}
_NOTE_NEEDLES = ("note", "disclaimer", "correction", "expressed", "necessarily")  # for NOTE_RE


TIMESTAMP_RE = re.compile(
    r"^(time|published|updated|posted|last updated|date)?\s*:?\s*(on\s+)?("
    r"\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+.*\d{4}.*|"
    r"[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}(,?\s+\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?(\s*[a-z]{2,4})?)?|"
    r"\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}(,?\s+\d{1,2}:\d{2})?|"
    r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(\s*,?\s*\d{1,2}:\d{2}(:\d{2})?(\s*(uhr|[ap]\.?m\.?|gmt|utc|[a-z]{3}))?)?|"
    r"today|yesterday|just now)\s*$", _I)

BYLINE_RE = re.compile(
    r"^(?i:by|written by|text by|words by|reporting by)\s*:?\s+"
    r"((?:[A-Z][\w.'’-]*|de|van|von|al|bin|el|la|le|and|&)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|el|la|le|"
    r"and|&|,)){0,7})\s*$"
)
CAPTION_RE = re.compile(
    r"\((?:[^()]*\b(?:photo|photos|file photo|image|picture|pictured|credit|video still|screenshot)\b[^()]*|"
    r"[A-Z][^()/]{0,40}/[A-Z][^()]{1,40}|(?:Xinhua|AFP|AP|Reuters|VCG|Getty Images|IC|CFP|EPA|Sputnik|TASS))\)\s*[.■]?$|"
    r"^(?:photo|image|picture|file photo|pictured|caption|credit)s?\s*:|"
    r"\b(?:photo|image|picture|credit)s?:\s*[A-Z][\w&./' -]{0,40}$",
    _I,
)
NOTE_RE = re.compile(
    r"^\(?\s*(?:editor'?s?[’']?s?\s+note|ed\.?\s+note|note to (?:readers|editors)|disclaimer|correction)\b|"
    r"\b(?:views|opinions)\s+expressed\b.*\b(?:author|writer|contributor)s?\b|"
    r"\bdo(?:es)? not necessarily (?:reflect|represent)\b",
    _I,
)
NUMBERED_RE = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,5})(?:[.)]\s*|\s+)(?=[A-Z])")
BULLET_RE = re.compile(r"^\s*(?:[•·▪►◦‣●○■□*]|-(?=\S)|–|—)\s*")
ELLIPSIS_END_RE = re.compile(r"(?:\.\.\.|…)\s*$")
WIRE_SOURCE_RE = re.compile(r"^SOURCE:?\s+[A-Z][\w'’&.-]*(\s+[\w'’&.-]+){0,7}$")
_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]|:\s+[A-Z][a-z]+\s.*[.?!]$")
TERMINAL = tuple(".!?;:\"”’'»)]")
DATELINE_RE = re.compile(
    r"^([A-Z][A-Za-z .'’-]{1,40}|[A-Z][A-Z .'’-]{1,40}),\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?)\s*(?:\(([^()]{2,60})\)\s*)?(?:/([^/]{2,40})/\s*)?(?:--|—|–|-)\s")


class LineInfo(NamedTuple):
    """Shape and role of one line (shared between equal lines: use :meth:`with_role` to change it)."""

    text: str
    n_words: int
    n_chars: int
    role: str  # blank, chrome, zone, caption, byline, note, timestamp, heading, body, title, short
    reason: str | None = None
    bullet: bool = False
    numbered: bool = False
    ends_terminal: bool = False
    stopword_share: float = 0.0
    teaser: bool = False
    n_tokens: int = 0  # words as framing.text.count_words counts them (n_words counts whitespace tokens)

    @property
    def is_body(self) -> bool:
        return self.role == "body"

    @property
    def titleish(self) -> bool:
        return self.role == "title"

    def with_role(self, role: str, reason: str | None = None) -> "LineInfo":
        """A copy with another role and reason."""
        return self._replace(role=role, reason=reason)


# The furniture rules applicable to a line of n words (n <= 60, the largest limit), in order:
# looping over the few that apply is cheaper than testing every limit on every line.
_MAX_RULE_WORDS = max(limit for _, _, limit in ZONE_RULES + LINE_RULES)
_RULES_BY_WORDS = [
    tuple((role, reason, rx, _NEEDLES.get(reason))
          for role, rules in (("zone", ZONE_RULES), ("chrome", LINE_RULES))
          for reason, rx, limit in rules if n <= limit)
    for n in range(_MAX_RULE_WORDS + 1)
]


_CAPTION_STARTS = ("photo", "image", "picture", "file photo", "pictured", "caption", "credit")
_CAPTION_WORDS = ("photo", "image", "picture", "credit")


def _caption_possible(s: str, low: str) -> bool:
    """Whether CAPTION_RE can match the stripped line ``s`` (``low`` lower-cased): it ends
    in a parenthesis, starts with a caption word, or holds "photo:" and the like. Most
    body lines contain a parenthesis somewhere; few end in one."""
    end = s[:-1].rstrip() if s[-1] in ".■" else s
    return (end.endswith(")") or low.startswith(_CAPTION_STARTS)
            or (":" in s and any(w in low for w in _CAPTION_WORDS)))


def _social_bar(words: list[str]) -> bool:
    """At least 80% of the (non-empty, stripped, lower-cased) words are share/social words,
    and one names a network."""
    if not words or len(words) > 25:
        return False
    # more non-social words than 20% of all words rules a line out: most lines fail on the first ones
    allowed = 0.2 * len(words)
    low, other = [], 0
    for w in words:
        w = w.lower().strip(".,:|()")
        if not w:
            continue
        if w not in SOCIAL:
            other += 1
            if other > allowed:
                return False
        low.append(w)
    if not low:
        return False
    return (len(low) - other) / len(low) >= 0.8 and any(w in SOCIAL_NETWORKS for w in low)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.9


@lru_cache(maxsize=100_000)
def classify_line(text: str) -> LineInfo:
    """Classify one line by its shape and by the closed vocabulary of page furniture.

    Results are cached by line text (site furniture recurs on every page of a
    site); the returned :class:`LineInfo` is immutable and shared.

    Examples
    --------
    >>> classify_line("Share Facebook Twitter LinkedIn Email").reason
    'share/social bar'
    >>> classify_line("June 15, 2025").role
    'timestamp'
    """
    s = text.strip()
    if not s:
        return LineInfo(text, 0, 0, "blank", "blank line")
    words = s.split()
    n_words = len(words)
    n_chars = len(s)
    bullet = bool(BULLET_RE.match(s))
    numbered = bool(NUMBERED_RE.match(s)) and not bullet
    terminal = s.endswith(TERMINAL)

    # counted here, where the line is split anyway: article word counts are sums of these
    n_tokens = count_words_in_tokens(words)

    def info(role: str, reason: str | None = None, teaser: bool = False, stopword_share: float = 0.0) -> LineInfo:
        return LineInfo(text, n_words, n_chars, role, reason, bullet, numbered, terminal, stopword_share, teaser,
                        n_tokens)

    if _social_bar(words):
        return info("chrome", "share/social bar")
    if n_words <= 10 and WIRE_SOURCE_RE.match(s):
        return info("zone", "wire source line (used as original_source)")
    low = s.lower()
    if n_words <= _MAX_RULE_WORDS:
        for role, reason, rx, needles in _RULES_BY_WORDS[n_words]:
            if needles is not None:
                for needle in needles:
                    if needle in low:
                        break
                else:
                    continue
            if rx.search(s):
                return info(role, reason)
    if n_words <= 12 and TIMESTAMP_RE.match(s):
        return info("timestamp", "timestamp")
    if n_words <= 10 and BYLINE_RE.match(s):
        return info("byline")
    if n_words <= 80 and _caption_possible(s, low) and CAPTION_RE.search(s):
        return info("caption", "photo caption")
    if n_words <= 80 and any(needle in low for needle in _NOTE_NEEDLES) and NOTE_RE.search(s):
        return info("note", "editor's note")
    teaser = s.endswith(("...", "…"))  # ELLIPSIS_END_RE on a stripped line
    if n_words <= 14 and (numbered or _all_caps(s)) and not s.endswith("."):
        return info("heading", teaser=teaser)
    core = s.rstrip("\"”’'»)]")
    title_end = not core.endswith((".", ",", ";", ":", "…")) and (core == s or not core.endswith(("!", "?")))
    if (3 <= n_words <= 30 and n_chars <= 250 and title_end and not bullet and not numbered
            and not _INNER_SENTENCE.search(core)
            and (s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'")):
        return info("title", teaser=teaser)
    if n_words > 30 or (terminal and n_words >= 15):
        return info("body", teaser=teaser)
    if terminal and n_words >= 6:
        # stopword share only where it decides: a short sentence vs a terse label
        toks = [m.group(0).lower() for m in WORD_RE.finditer(s)]
        share = sum(1 for t in toks if t in STOPWORDS) / len(toks) if toks else 0.0
        return info("body" if share >= 0.15 else "short", teaser=teaser, stopword_share=share)
    return info("short", teaser=teaser)


_classify_cached = classify_line  # the cache, for benchmarks that clear it
