"""Wire credits: the datelines and closing credits that name the agency a story comes from.

A wire story says who wrote it in one of a few house styles, at its start or at
its end. This module reads them with one small grammar, composed of named
regular-expression pieces for the place and the date and a few lines of Python
for the agency mark that follows::

    dateline := CITY [", " REGION | " [" COUNTRY "]"] [("," | ".") DATE ["."]] MARK [END]
    MARK     := "(" AGENCY ")" | "/" AGENCY "/" | AGENCY         (a bare AGENCY only after a DATE)
    END      := "--" | "—" | "–" | "-" | ":" | "."
    closing  := "(" AGENCY ")" | DASH AGENCY | "Source: " AGENCY | "With inputs from " AGENCY
              | "(" SIGNOFF " by ...; ...)"

which covers, among others::

    ASTANA, June 22 (Xinhua) --           MOSCOW, June 17. /TASS/.
    ASTANA. June 17. KAZINFORM –          NEW DELHI [India], June 17 (ANI):
    Beijing, June 17 (IANS) Trade ...     New Delhi, Jun 17 (PTI) Trade ...
    ISLAMABAD, June 17 (APP):             BEIJING (Reuters) -        WASHINGTON (AP) —
    ... the last sentence. (Xinhua)       — Reuters       Source: TASS       With inputs from PTI
    (Reporting by Ann Lee; Editing by Tom Hay)

``CITY`` is one to four words in capitals or title case (``NEW DELHI``, ``Nur-Sultan``,
``Rio de Janeiro``), never a function word that opens a sentence ("In Beijing");
``DATE`` is an English month name or abbreviation with a day (either order, an
optional year and weekday) or ``17.06.2025``.

Which names are agencies comes from the outlets lexicon, never from a list in
code: an outlet's ``credits`` (the names it signs with, see
``lexicons/outlets.yaml``; a ``news_agency`` without the key signs with its name
and aliases) and its ``signoffs`` (openers of a closing line only its copy
carries, Reuters' ``(Reporting by ...)``). How sure the shape is decides what it
may name:

- a dateline with a date and a closing dash: a credit, any known outlet, or an
  unknown agency-like name (``(KUNA)``), kept as written; a press-release wire
  (``/PRNewswire/``, ``(BUSINESS WIRE)``, or an unknown name between slashes) is
  the page's publisher, not the story's author;
- a dateline without a dash (``(IANS) Trade ...``): a credit or a known outlet;
- a dateline without a date (``BEIJING (Reuters) -``), a bare agency
  (``KAZINFORM –``) and every closing credit: a credit only.

So "In Beijing (China) - the talks ..." is no dateline, and a user who adds an
agency with its ``credits`` to an outlets file adds its credit.

Examples
--------
>>> from framing.lexicon import load_outlets
>>> d = parse_dateline("MOSCOW, June 17. /TASS/. Talks began.", load_outlets())
>>> (d.agency, d.written, d.text, d.city, d.date)
('TASS', '/TASS/', 'MOSCOW, June 17. /TASS/.', 'MOSCOW', 'June 17')
>>> print(d.cue)
dateline '/TASS/' in "MOSCOW, June 17. /TASS/."
>>> closing_credit(["Trade grew.", "(Reporting by Ann Lee; Editing by Tom Hay)"], [], load_outlets()).agency
'Reuters'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Credit", "CREDIT_CUES", "credit_names", "parse_dateline", "closing_credit", "wire_credit"]

# the cues of find_provenance that rest on a wire credit (framing.reuse reads them back)
CREDIT_CUES = ("dateline '", "closing credit '")

# ---------------------------------------------------------------- the pieces of the grammar

_MONTH = (r"(?i:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
          r"sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?![\w])")
_WEEKDAY = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?![\w])"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"\d{4}(?!\d)"
_DATE = (rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|"
         rf"\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR})")
# a word of a place name: capitals or title case, hyphens and apostrophes inside (Nur-Sultan, Xi'an, St.)
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"(?!{_MONTH}|{_WEEKDAY})(?:S[Tt]\.|[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*)"
_CITY = rf"{_WORD}(?:\s+(?:(?:de|da|del|des|do|dos|es|el|al|la|le|am|an|upon)\s+)?{_WORD}){{0,3}}"
_REGION = rf",\s*(?P<region>{_WORD}(?:\s+{_WORD}){{0,2}})|\s*\[(?P<country>[^\[\]\n]{{2,30}})\]"
_HEAD = re.compile(rf"\s*(?P<city>{_CITY})(?:{_REGION})?(?:\s*[,.]\s+(?P<date>{_DATE})\.?)?")

_PAREN = re.compile(r"\s*\(\s*(?P<tok>[^()\n]{1,60}?)\s*\)")
_SLASH = re.compile(r"\s*/\s*(?P<tok>[^/\n]{1,60}?)\s*/")
_BARE = re.compile(r"[,.]?\s+(?P<tok>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3})")
_END = re.compile(r"\s*(?:(?P<dash>--|—|–|-|:)(?=\s|$|[\"“‘'A-Z])|(?P<dot>\.)(?=\s|$))")
_AFTER = re.compile(r"\s|$")

# words that open a sentence, not a place: "In Beijing, June 17, Xinhua reported ..."
_NOT_CITY = frozenset(
    "in on at by for from as since until after before during last this next today yesterday tomorrow the a an "
    "and but or when while here there meanwhile also then earlier later of to with between like unlike "
    "according speaking updated published posted photo video file".split())
# agency-like: capitalised words (Kuwait News Agency, KUNA, Agencia EFE), no digits-only, no sentence
_CREDIBLE = re.compile(r"[A-Z][\w&.'’\-]*(?:\s+(?:[A-Z&][\w&.'’\-]*|of|and|de|la|el|al|for|du|des)){0,5}")
_NOT_AGENCY = frozenset("updated photo photos video file gmt utc local time".split())
_QUOTES = str.maketrans("", "", "«»“”\"„")
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")

# a closing credit follows the last sentence (or stands alone): "... on Friday. (Xinhua)", "... on Friday. — AFP";
# "... Press Trust of India (PTI)." glosses a name in a sentence and is no credit
_AFTER_SENTENCE = r"(?:^|(?<=[.!?\"”’■]))\s*"
_TAIL = r"\s*[.■]?\s*$"  # what may follow a closing credit: a full stop, an end-of-story mark
_NAMES = r"[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3}?"
_OPENER = r"(?P<opener>[A-Z][a-z]+(?:\s+[a-z]+){0,2}?\s+by)"  # Reporting by, Additional reporting by
_CLOSE_PAREN = re.compile(rf"{_AFTER_SENTENCE}\(\s*(?P<tok>[^()\n]{{1,40}}?)\s*\){_TAIL}")
_CLOSE_DASH = re.compile(rf"{_AFTER_SENTENCE}(?:--|—|–|-)\s?(?P<tok>{_NAMES}){_TAIL}")
_CLOSE_SOURCE = re.compile(rf"^\(?\s*(?i:source|sources|credit|courtesy)\s*:\s*(?P<tok>[^()\n]{{1,40}}?)\s*\)?{_TAIL}")
_CLOSE_INPUTS = re.compile(rf"(?:^|(?<=[\s.(]))(?i:with\s+(?:additional\s+)?inputs?\s+from)\s+"
                           rf"(?P<tok>[^()\n]{{1,60}}?)\s*\)?{_TAIL}")
_SIGNOFF = re.compile(rf"^(?P<open>\()?\s*{_OPENER}\s+[^()\n]{{1,300}}?(?(open)\)|){_TAIL}")
_SIGNOFF_IN_PARA = re.compile(rf"\({_OPENER}\s+[^()\n]{{1,300}}\){_TAIL}")
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|/|&|\band\b)\s*")


@dataclass(frozen=True)
class Credit:
    """A wire credit: who a story says wrote it, and where it says so.

    Attributes
    ----------
    agency : str
        The outlet credited: its canonical name in the outlets lexicon, else the
        name as written.
    written : str
        The credit as written: ``(Xinhua)``, ``/TASS/``, ``KAZINFORM``,
        ``— Reuters``, ``Source: TASS``, ``With inputs from PTI``.
    text : str
        The whole dateline (``MOSCOW, June 17. /TASS/.``) or closing line.
    place : str
        ``"dateline"`` or ``"closing credit"``.
    known : bool
        Whether the outlets lexicon knows the agency.
    wire : bool
        A press-release wire (``/PRNewswire/``): the page's publisher, not the
        story's author.
    end : int
        For a dateline, the offset in the paragraph where the story begins.
    city, date : str or None
        A dateline's place and date as written.
    """

    agency: str
    written: str
    text: str
    place: str
    known: bool = True
    wire: bool = False
    end: int = 0
    city: str | None = None
    date: str | None = None

    @property
    def cue(self) -> str:
        """The provenance cue: ``dateline '(Xinhua)' in "ASTANA, June 22 (Xinhua) --"``."""
        if self.place == "dateline":
            return f"dateline '{self.written}' in \"{self.text}\""
        text = self.text if len(self.text) <= 90 else self.text[:87] + "..."
        return f"closing credit '{text}'"


# ---------------------------------------------------------------- agencies from the lexicon


def credit_names(outlet) -> tuple[str, ...]:
    """The names an outlet signs its copy with in datelines and credits.

    Its ``credits`` where the lexicon lists them; else, for a ``news_agency``,
    its name and aliases without domains (``(AFP)`` read as ``AFP``); else none.

    Examples
    --------
    >>> from framing.lexicon import load_outlets
    >>> out = load_outlets()
    >>> credit_names(out.get("TASS")), credit_names(out.get("China Daily"))
    (('TASS', 'ITAR-TASS'), ())
    >>> credit_names(out.get("AFP"))[:3]
    ('AFP', 'Agence France-Presse', 'Agence France Presse')
    """
    if outlet.credits is not None:
        return outlet.credits
    if outlet.source_type != "news_agency":
        return ()
    domains = {d.lower() for d in outlet.domains}
    names = [outlet.name]
    for alias in (*outlet.aliases, *outlet.case_sensitive_aliases):
        alias = alias.strip().strip("()").lstrip("-").strip()
        if alias and alias.lower() not in domains and not _HOST.fullmatch(alias):
            names.append(alias)
    return tuple(dict.fromkeys(names))


class _Index:
    """Credits and sign-offs of one Outlets object, for lookups by the written token."""

    def __init__(self, outlets):
        self.exact: dict[str, object] = {}
        self.upper: dict[str, object] = {}
        self.signoffs: dict[str, object] = {}
        for o in outlets.entries if outlets is not None else ():
            for name in credit_names(o):
                self.exact.setdefault(name, o)
                self.upper.setdefault(name.upper(), o)
            for phrase in o.signoffs:
                self.signoffs.setdefault(" ".join(phrase.split()).casefold(), o)

    def credit(self, token: str):
        """The outlet a written credit names: exactly as listed, or in capitals."""
        found = self.exact.get(token)
        if found is None and token.isupper():
            found = self.upper.get(token)
        return found


_INDEXES: dict[int, tuple[object, _Index]] = {}


def _index(outlets) -> _Index:
    # an Outlets object is immutable, and a corpus is read with one: built once per object
    hit = _INDEXES.get(id(outlets))
    if hit is not None and hit[0] is outlets:
        return hit[1]
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    idx = _Index(outlets)
    _INDEXES[id(outlets)] = (outlets, idx)
    return idx


def _clean(token: str) -> str:
    return " ".join(token.translate(_QUOTES).split())


def _resolve(token: str, outlets, *, strict: bool, slash: bool = False) -> tuple[str, bool, bool] | None:
    """``(agency, known, wire)`` for a written agency token, or None if it names none.

    ``strict``: only a credit of the lexicon. Otherwise also a press-release
    wire, any known outlet, or an agency-like unknown name (between slashes:
    taken as the wire that carried a release).
    """
    t = _clean(token)
    if not t:
        return None
    found = _index(outlets).credit(t)
    if found is not None:
        return found.name, True, False
    known = outlets.get(t) if outlets is not None else None
    if known is None and outlets is not None:
        known = outlets.get(re.sub(r"-[A-Za-z]+$", "", t))  # /PRNewswire-AsiaNet/
        known = known if known is not None and known.source_type == "pr_wire" else None
    if known is not None and known.source_type == "pr_wire":
        return known.name, True, True
    if strict:
        return None
    if known is not None:
        return known.name, True, False
    if slash:
        return t, False, True
    words = t.split()
    if (len(t) > 40 or not _CREDIBLE.fullmatch(t) or t.casefold() in _NOT_AGENCY
            or re.fullmatch(_MONTH + r"|" + _WEEKDAY, t) or any(w.casefold() in _NOT_AGENCY for w in words)):
        return None
    return t, False, False


# ---------------------------------------------------------------- datelines


def parse_dateline(paragraph: str, outlets) -> Credit | None:
    """The wire dateline opening a paragraph, or None.

    Parameters
    ----------
    paragraph : str
        An article's first paragraph (or any text that may open with a dateline).
    outlets : Outlets or None
        The outlets lexicon: which names are agencies' credits. With None only
        the dated forms with a dash are read, their agency kept as written.

    Returns
    -------
    Credit or None
        ``place="dateline"``; ``end`` is where the story text begins. A
        press-release wire's mark gives ``wire=True``.

    Examples
    --------
    >>> from framing.lexicon import load_outlets
    >>> out = load_outlets()
    >>> for text in ["ASTANA. June 17. KAZINFORM – Trade grew.", "NEW DELHI [India], June 17 (ANI): Trade grew.",
    ...              "Beijing, June 17 (IANS) Trade grew.", "WASHINGTON (AP) — Trade grew."]:
    ...     d = parse_dateline(text, out)
    ...     print(d.agency, "|", d.text, "|", text[d.end:])
    Kazinform | ASTANA. June 17. KAZINFORM – | Trade grew.
    Asian News International | NEW DELHI [India], June 17 (ANI): | Trade grew.
    Indo-Asian News Service | Beijing, June 17 (IANS) | Trade grew.
    Associated Press | WASHINGTON (AP) — | Trade grew.
    >>> parse_dateline("In Beijing (China) - the talks went on.", out) is None
    True
    """
    if not paragraph:
        return None
    head = _HEAD.match(paragraph)
    if head is None:
        return None
    city = head.group("city")
    if city.split()[0].casefold() in _NOT_CITY:
        return None
    dated = head.group("date") is not None
    pos = head.end()
    mark, slash = _PAREN.match(paragraph, pos), False
    if mark is None:
        mark, slash = _SLASH.match(paragraph, pos), True
    if mark is not None:
        token = mark.group("tok")
        written = f"/{_clean(token)}/" if slash else f"({_clean(token)})"
        end = _END.match(paragraph, mark.end())
        if not dated:
            # no date: only an agency's own credit, and a dash or a colon (or /TASS/.) after it
            if end is None or (end.group("dot") and not slash):
                return None
            found = _resolve(token, outlets, strict=True)
        elif end is not None:
            found = _resolve(token, outlets, strict=False, slash=slash)
        elif _AFTER.match(paragraph, mark.end()):
            found = _resolve(token, outlets, strict=False)
            found = found if found is not None and found[1] else None  # no dash: a known name only
        else:
            return None
        stop = end.end() if end is not None else mark.end()
    else:
        if not dated:
            return None
        found, written, stop = _bare_agency(paragraph, pos, outlets)
    if found is None:
        return None
    agency, known, wire = found
    return Credit(agency=agency, written=written, text=paragraph[:stop].strip(), place="dateline", known=known,
                  wire=wire, end=stop + len(paragraph[stop:]) - len(paragraph[stop:].lstrip()), city=city,
                  date=head.group("date"))


def _bare_agency(paragraph: str, pos: int, outlets):
    """A bare credit after a date (``KAZINFORM –``, ``AZERTAC``): the longest credit that ends the dateline."""
    bare = _BARE.match(paragraph, pos)
    if bare is None:
        return None, None, 0
    start = bare.start("tok")
    words = list(re.finditer(r"\S+", bare.group("tok")))
    for k in range(len(words), 0, -1):
        stop = start + words[k - 1].end()
        stop -= paragraph[start:stop].endswith(".")  # KAZINFORM. The president ...
        token = paragraph[start:stop]
        found = _resolve(token, outlets, strict=True)
        if found is None or found[2]:
            continue
        end = _END.match(paragraph, stop)
        if end is not None:
            return found, token, end.end()
        if token.isupper() and _AFTER.match(paragraph, stop):  # AZERTAC: a credit in capitals ends it
            return found, token, stop
    return None, None, 0


# ---------------------------------------------------------------- credits at the end


def closing_credit(paragraphs: list[str], extra_lines: list[str], outlets) -> Credit | None:
    """The agency credited at the end of an article, or None.

    Read, last first: ``(Xinhua)`` or ``— Reuters`` ending the last paragraph;
    ``Source: TASS``, ``With inputs from PTI`` or an outlet's sign-off
    (``(Reporting by ...; Editing by ...)``) ending one of the last two
    paragraphs or on a line of ``extra_lines`` (notes and furniture removed from
    the article). Only credits of the lexicon count: a photo caption's
    ``(Xinhua/Li Ming)`` or an unknown name is not one.

    Parameters
    ----------
    paragraphs : list of str
        The article's body paragraphs, in order.
    extra_lines : list of str
        Other lines of its span.
    outlets : Outlets

    Returns
    -------
    Credit or None
        ``place="closing credit"``.

    Examples
    --------
    >>> from framing.lexicon import load_outlets
    >>> out = load_outlets()
    >>> [closing_credit(["Trade grew.", last], [], out).agency for last in
    ...  ["The fair ends on Friday. (Xinhua)", "The fair ends on Friday. — AFP", "With inputs from PTI"]]
    ['Xinhua', 'AFP', 'Press Trust of India']
    >>> closing_credit(["Li met Wang. - Xinhua said nothing"], [], out) is None
    True
    """
    if outlets is None:
        return None
    body = [p.strip() for p in paragraphs if p and p.strip()]
    if body:
        last = body[-1]
        for rx in (_CLOSE_PAREN, _CLOSE_DASH):
            m = rx.search(last)
            if m is not None:
                found = _resolve(m.group("tok"), outlets, strict=True)
                if found is not None and not found[2]:
                    return Credit(found[0], m.group(0).strip().rstrip(".■ "), m.group(0).strip(), "closing credit")
    for line in [*reversed(body[-2:]), *(x.strip() for x in extra_lines)]:
        found = _closing_line(line, outlets)
        if found is not None:
            return found
    return None


def _closing_line(line: str, outlets) -> Credit | None:
    """A ``Source:``, ``With inputs from`` or sign-off credit ending ``line``."""
    if not line or len(line) > 2000:
        return None
    m = _CLOSE_SOURCE.match(line) if ":" in line else None
    if m is not None:
        found = _resolve(m.group("tok"), outlets, strict=True)
        if found is not None and not found[2]:
            return Credit(found[0], m.group(0).strip().strip("()").rstrip(".■ "), m.group(0).strip(),
                          "closing credit")
    m = _CLOSE_INPUTS.search(line) if "from" in line.lower() else None
    if m is not None:
        for name in _SPLIT_NAMES.split(m.group("tok").strip().rstrip(".")):
            found = _resolve(name, outlets, strict=True)
            if found is not None and not found[2]:
                text = m.group(0).strip().strip("()").rstrip(".■ ")
                return Credit(found[0], text, text, "closing credit")
    if " by " in line:
        m = _SIGNOFF.match(line) or _SIGNOFF_IN_PARA.search(line)
        # a sign-off names people ("Reporting by Ann Lee"), in parentheses or with a second role after ";"
        if m is not None and m.group(0).split(" by ", 1)[1][:1].isupper() and (
                m.group(0).strip().startswith("(") or ";" in m.group(0)):
            owner = _index(outlets).signoffs.get(" ".join(m.group("opener").split()).casefold())
            if owner is not None:
                text = m.group(0).strip().rstrip(".■ ")
                return Credit(owner.name, text, text, "closing credit")
    return None


def wire_credit(text: str, outlets) -> Credit | None:
    """The wire credit of an article's text: its opening dateline, else its closing credit.

    ``text`` is the article's text, paragraphs separated by blank lines (as in
    ``Corpus.articles``). A press-release wire's dateline names the publisher,
    not the author: it is no credit here.

    Examples
    --------
    >>> from framing.lexicon import load_outlets
    >>> wire_credit("BEIJING (Reuters) - Trade grew.\\n\\nIt grew again.", load_outlets()).agency
    'Reuters'
    >>> wire_credit("Trade grew.\\n\\nIt grew again. (Xinhua)", load_outlets()).cue
    "closing credit '(Xinhua)'"
    """
    if not text:
        return None
    first = text.split("\n\n", 1)[0].strip()
    found = parse_dateline(first, outlets)
    if found is not None and not found.wire:
        return found
    return closing_credit(text.rsplit("\n\n", 2)[-2:], [], outlets)
