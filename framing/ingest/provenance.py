"""Who wrote it: textual cues that name an article's original source.

A reprint carries its originator's framing, so each article gets an
``original_source`` and the cue that established it (``provenance``). Cues are
tried strongest first:

1. a wire dateline (:func:`~framing.ingest.datelines.parse_dateline`):
   ``ASTANA, June 22 (Xinhua) --``, ``MOSCOW, June 17. /TASS/.``,
   ``ASTANA. June 17. KAZINFORM –``, ``NEW DELHI [India], June 17 (ANI):``,
   ``Beijing, June 17 (IANS)``, ``BEIJING (Reuters) -``; a press-release wire's
   mark (``/PRNewswire/ --``) names the publisher instead;
2. press-release wording, ``/PRNewswire/ -- A report by <outlet>:`` and
   a closing ``SOURCE <outlet>`` line;
3. a closing wire credit (:func:`~framing.ingest.datelines.closing_credit`):
   ``(Xinhua)`` ending the last paragraph, ``— Reuters``, ``Source: TASS``,
   ``With inputs from PTI``, ``(Reporting by ...; Editing by ...)``;
4. a title suffix naming a known outlet, ``... in new era-Xinhua``;
5. a disclaimer, ``... do not necessarily represent the views of <outlet>``;
6. republication notes, ``This article was originally published by X``, ``Source: X``;
7. a report release, ``<outlet> has released a report``;
8. a full-text heading, ``Full text of the speech by President <name>``.

Outlet names are canonicalised with the outlets lexicon, which also says which
names are agencies' credits; an unknown agency-like name in a dated dateline
(``KUWAIT, June 17 (KUNA) --``) is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .datelines import closing_credit, parse_dateline

__all__ = ["PR_WIRES", "Provenance", "title_suffix", "find_provenance"]

PR_WIRES = {
    "prnewswire": "PR Newswire", "pr newswire": "PR Newswire", "businesswire": "Business Wire",
    "business wire": "Business Wire", "globenewswire": "GlobeNewswire", "globe newswire": "GlobeNewswire",
    "accesswire": "ACCESSWIRE", "einpresswire": "EIN Presswire", "newswire": "Newswire",
}
_PR_MARK = re.compile(r"/\s*(PRNewswire|PR Newswire|Business ?Wire|GlobeNewswire|Globe Newswire|ACCESSWIRE|"
                      r"EINPresswire|EIN Presswire)(?:-[A-Z]+)?\s*/", re.I)
_REPORT_FROM = re.compile(r"^\s*(?:An?|The)\s+(?:report|article|commentary|story|feature|editorial)\s+"
                          r"(?:from|by)\s+(?P<src>[^:.]{2,60})[:.]", re.I)
_SOURCE_LINE = re.compile(r"^\s*SOURCE\s*:?\s+(?P<src>[A-Z][^\n]{1,60}?)\s*$")
_REPUBLISHED = re.compile(
    r"\b(?:this (?:article|story|piece|commentary) (?:was |is )?(?:originally |first )?(?:published|appeared)|"
    r"originally (?:published|appeared)|first (?:published|appeared)|republished (?:with permission )?from|"
    r"reprinted (?:with permission )?from)\s+(?:in|on|by|at|from)?\s*(?P<src>[A-Z][\w'’&. -]{1,60}?)"
    r"(?:\s+on\s|\s+under\s|[.,;(]|$)", re.I)
# words without which _REPUBLISHED cannot match: most lines searched are furniture or body text
_REPUBLISHED_NEEDLES = ("publish", "appeared", "reprinted")
_SOURCE_PREFIX = re.compile(r"^\s*(?:Source|Sources|Credit)\s*:\s*(?P<src>[A-Z][\w'’&. /-]{1,60}?)\s*$")
_DISCLAIMER = re.compile(
    r"\bdo(?:es)?\s+not\s+necessarily\s+(?:reflect|represent)\s+(?:the\s+)?(?:views?|positions?|opinions?|"
    r"editorial (?:position|stance)s?)\s+of\s+(?:the\s+)?(?P<src>[A-Z][\w'’&. -]{1,60}?)\s*[.■]?\s*$", re.I)
_RELEASE = re.compile(r"\b(?:released|published|issued|unveiled|launched)\b[^.]{0,40}\breport\b|"
                      r"\breport\b[^.]{0,40}\b(?:released|published|issued)\s+by\b", re.I)
_SPEECH = re.compile(
    r"^(?:full text|full transcript|text)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:speech|remarks|address|statement|keynote speech|toast)\s+(?:by|of|from)\s+(?P<who>.+?)"
    r"(?:\s+(?:at|to|on|during|before|in)\s+.*)?$", re.I)
_TITLE_WORDS = {
    "chinese", "kazakh", "russian", "u.s.", "us", "american", "french", "president", "premier", "vice",
    "prime", "minister", "foreign", "secretary", "general", "chairman", "h.e.", "his", "her", "excellency",
    "state", "councilor", "councillor", "spokesperson", "spokesman", "ambassador", "king", "queen", "chancellor",
    "uzbek", "kyrgyz", "tajik", "turkmen", "british", "german", "of", "the", "and", "mr.", "ms.", "dr.",
}


@dataclass
class Provenance:
    original_source: str | None
    cue: str | None
    publisher_hint: str | None = None
    speech: bool = False
    title: str | None = None  # the title with a source suffix removed


def _speaker(who: str) -> str:
    tokens = who.strip().split()
    keep: list[str] = []
    for t in reversed(tokens):
        if t.lower() in _TITLE_WORDS or not t[:1].isupper():
            break
        keep.append(t)
    return " ".join(reversed(keep)) or who.strip()


_TITLE_SUFFIX = re.compile(r"\s*(?:[-–—|:]|\s-\s)\s*([A-Z][\w'’&. ]{1,40})\s*$")
_LEAD_DASH = re.compile(r"\s(?:--|—|–)\s")
_FIRST_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def title_suffix(title: str, outlets) -> tuple[str, str] | None:
    """``("clean title", "Outlet")`` if the title ends with a known outlet as source suffix."""
    if not title or outlets is None:
        return None
    m = _TITLE_SUFFIX.search(title)
    if not m:
        return None
    outlet = outlets.get(m.group(1).strip())
    if outlet is None:
        return None
    return title[: m.start()].rstrip(" -–—|:"), outlet.name


def find_provenance(title: str, paragraphs: list[str], extra_lines: list[str], outlets) -> Provenance:
    """Find the original source of one article.

    Parameters
    ----------
    title : str
        The article's title as found.
    paragraphs : list of str
        Its body paragraphs, in order.
    extra_lines : list of str
        Other lines of its span: notes, removed furniture (``SOURCE ...`` lines,
        disclaimers).
    outlets : Outlets
        The outlets lexicon.

    Examples
    --------
    >>> from framing.lexicon import load_outlets
    >>> p = find_provenance("Trade grows", ["ASTANA, June 22 (Xinhua) -- Trade grew."], [], load_outlets())
    >>> print(p.original_source, "|", p.cue)
    Xinhua | dateline '(Xinhua)' in "ASTANA, June 22 (Xinhua) --"
    >>> find_provenance("Trade grows", ["Trade grew.", "Exports rose. (Xinhua)"], [], load_outlets()).cue
    "closing credit '(Xinhua)'"
    """
    canon = outlets.canonical if outlets is not None else (lambda s: s)
    first = paragraphs[0].strip() if paragraphs else ""
    publisher_hint = None
    suffix = title_suffix(title, outlets) if title else None
    clean_title = suffix[0] if suffix else None

    dateline = parse_dateline(first, outlets)
    if dateline is not None:
        if not dateline.wire:
            return Provenance(dateline.agency, dateline.cue, publisher_hint, title=clean_title)
        wire = dateline.agency
        if not dateline.known:
            wire = PR_WIRES.get(wire.lower().replace(" ", ""), PR_WIRES.get(wire.lower(), wire))
        publisher_hint = canon(wire)
    pm = _PR_MARK.search(first[:200])
    if pm and publisher_hint is None:
        publisher_hint = canon(PR_WIRES.get(pm.group(1).lower().replace(" ", ""), pm.group(1)))
    after_dash = _LEAD_DASH.split(first, maxsplit=1)
    lead = after_dash[1] if len(after_dash) == 2 else first
    rm = _REPORT_FROM.match(lead)
    if rm:
        src = rm.group("src").strip()
        return Provenance(canon(src), f"'{rm.group(0).strip()}'", publisher_hint, title=clean_title)
    for line in reversed(extra_lines + paragraphs[-2:]):
        sm = _SOURCE_LINE.match(line.strip())
        if sm:
            return Provenance(canon(sm.group("src")), f"'SOURCE {sm.group('src').strip()}' line", publisher_hint,
                              title=clean_title)
    credit = closing_credit(paragraphs, extra_lines, outlets)
    if credit is not None:
        return Provenance(credit.agency, credit.cue, publisher_hint, title=clean_title)
    if suffix:
        return Provenance(suffix[1], f"title suffix '{title[len(clean_title):].strip()}'", publisher_hint,
                          title=clean_title)
    for line in extra_lines + paragraphs[-3:]:
        dm = _DISCLAIMER.search(line.strip()) if "necessarily" in line.lower() else None
        if dm:
            src = dm.group("src").strip()
            known = outlets.get(src) if outlets is not None else None
            if known is not None or len(src.split()) <= 5:
                return Provenance(canon(src), f"disclaimer names '{src}'", publisher_hint)
    for line in extra_lines + paragraphs[:1] + paragraphs[-3:]:
        line = line.strip()
        low = line.lower()
        for rx, label in ((_REPUBLISHED, "republication note"), (_SOURCE_PREFIX, "'Source:' line")):
            if rx is _REPUBLISHED and not any(n in low for n in _REPUBLISHED_NEEDLES):
                continue
            rm2 = rx.search(line)
            if rm2:
                src = rm2.group("src").strip()
                if outlets is None or outlets.get(src) is not None:
                    return Provenance(canon(src), f"{label} names '{src}'", publisher_hint)
    if first and outlets is not None:
        sentence = _FIRST_SENTENCE_END.split(lead, maxsplit=1)[0]
        rel = _RELEASE.search(sentence)
        if rel:
            found = [(s, e, o) for s, e, o in outlets.find(sentence) if s < rel.start() + 40]
            if found:
                s, e, o = max(found, key=lambda x: (x[1] - x[0], x[0]))
                return Provenance(o.name, f"report released by '{sentence[s:e]}'", publisher_hint)
    if title:
        sp = _SPEECH.match(title.strip())
        if sp:
            who = _speaker(sp.group("who"))
            return Provenance(who, f"full text of a speech by {who}", publisher_hint, speech=True)
    return Provenance(None, None, publisher_hint, title=clean_title)
