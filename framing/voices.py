"""Who gets quoted: quotations and attributed statements with speakers and affiliation types.

:func:`quotes` finds, in every article, direct quotations and reported speech
with the person, body or document they are attributed to, what the text says
about that speaker, and an affiliation type from ``lexicons/affiliations.yaml``
(see :mod:`framing.affiliations`). :func:`voices_by` counts the types per group
of outlets, with Wilson intervals and the most quoted speakers.

How (rule-based, no model: textacy's quotation extraction needs a spaCy model
and NLTK's taggers need downloaded data, neither available offline, so the
grammar of news attribution is written out here). Quotation marks are paired by
:func:`framing.quotes.quote_spans`; text inside them is masked before the
attribution patterns are read, so a verb or a name inside a quotation never
attributes it. Sentences are those of ``corpus.sentences``
(:func:`framing.text.sentence_spans`).

Attribution patterns (``pattern`` column), with a reporting verb such as *said,
told, noted, stressed, pointed out, stated, argued, explained, wrote* (and, when
a quotation, a *that* clause or the end of the clause follows, *added,
highlighted, called, described, agreed, reported*; a passive "was reported"
never attributes):

- ``"X said"``: the speaker before the verb — ``"…," Ruiz said``, ``Ruiz said that
  …``, ``X, a researcher at Y, noted that …``, ``Officials in Bishkek say …``;
- ``"said X"``: the speaker after the verb — ``"…," said Berg``, ``…, said Tom
  Berg, a farmer near Osh``;
- ``"according to X"`` (also *in the words of X*); it gives way to a verb
  pattern in the same sentence when it names an outlet or document (``X noted
  …, according to CNBC``: X speaks, CNBC is the conduit);
- ``"X, saying"``: a participle (*saying, adding, noting* …) followed by *that*
  or a quotation belongs to the earlier speaker of the sentence, else to its
  subject;
- ``"X: quote"``: a quotation opened by a colon after the sentence's subject
  (``A Bishkek-based economist … was blunter: "…"``);
- ``continuation``: a quotation of at least ``min_words`` words in a sentence
  without attribution continues the speaker of the sentence before it in the
  same paragraph (``"…," Sun said. "…"``) when it opens its sentence, carries
  its sentence's verb (``The letter "expresses the concerns of …"``) or when
  the writer's words before it refer back to that speaker (a pronoun, their
  name, their noun or state: ``Astana plans to expand its fleet 'from 17 to 34
  vessels.'``); a noun phrase in quotation marks inside the writer's own clause
  (``Banners promised "…"``, ``But this framing ignores "…"``) is a mention or
  a scare quote, not the last speaker's words;
- ``transcript``: ``Name: text`` turns of a press-conference transcript (two
  turns at least). The asker's turns (``Q:``, ``Question:``, ``Reporter:``, or
  a journalist or news outlet such as ``AFP:``) are ``kind="question"``: a
  reporter asking is not a source the outlet quotes, and :func:`voices_by`
  leaves questions out. ``A:``/``Answer:`` turns are the answerer's
  (``resolution="answerer"``): the person most often named as a speaker of the
  transcript, else the last one named before it or in the page title;
- ``unattributed``: a speech-like quotation (capitalised, ending in
  punctuation, ``min_words`` long) nobody is named for; a title or formula in
  capitals (``promoted "Mutual Respect, Mutual Trust And Win-Win Cooperation."``,
  a book's title) is nobody's speech.

The writer's own words are not attributed: ``It says very little about …``
(what a source leaves out), ``answered questions``, and what follows ``, but
this framing …`` (or *this claim*, *this view* …, or *we*/*I*) after a
reported statement. Documents are sources like ``the report``: ``documents
show that …`` attributes to the documents, which speak for whoever released
them, not for an outlet that saw them (``documents seen by Reuters``).

Speakers (``resolution`` column): a full ``name`` with the description around
it (title before the name, appositive after it) is remembered for the article;
a ``short_name`` ("Xu", "Smith") resolves to the last full mention holding that
token, a misspelt one (``fuzzy``, difflib ratio ≥ 0.8) to the closest surname;
a ``pronoun`` (he, she, it, they) to the most recent mention of a fitting
entity before it (gender learnt from earlier pronouns); a ``nominal`` ("the
ambassador", "the Kazakh diplomat", "the report") to the most recent
speaker whose description contains that noun (and that state); a state, capital
or leader of ``lexicons/actors.yaml`` speaks for its state (a leader opening a
sentence, "Xi Jinping spoke …", is remembered for later pronouns). Unnamed sources
("local officials", "industry data", "one company") keep their noun phrase as
the speaker; several listed together ("officials, entrepreneurs and scholars")
are one group whose kinds are typed one by one (``mixed_group`` when they
differ, :func:`framing.affiliations.group_affiliation`). A bare "the company"
(or *the firm*, *the bank* …) is no name but points back: to the company named
before it ("China Railway Group", "Nvidia" in "Nvidia CEO Jensen Huang"), else
it is unresolved like "it" (speaker None, typed ``business`` by its noun); a
named company speaks for itself ("Huawei said"). An age ("a 45-year-old
engineer") introduces a person but is no affiliation.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([{"text": '"Trade is growing," said Ana Ruiz, a researcher at a university. '
...                                 'She added that "ties are deep."'}])
>>> q = quotes(c)
>>> q[["speaker", "affiliation_type", "pattern", "resolution"]].values.tolist()
[['Ana Ruiz', 'independent_expert', 'said X', 'name'], ['Ana Ruiz', 'independent_expert', 'X said', 'pronoun']]
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right, insort
from functools import lru_cache
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .affiliations import (AffiliationLexicon, affiliation_of, group_affiliation, load_affiliations,
                           organisation_in, state_of)
from .lexicon import load_outlets
from .quotes import quote_spans
from .stats import MIN_DOCS, MIN_WORDS, document_groups, interval_note, wilson_interval
from .text import count_words

__all__ = ["QUOTE_COLUMNS", "quotes", "voices_by"]

QUOTE_COLUMNS = ["doc_id", "speaker", "affiliation", "affiliation_type", "quote", "verb", "start", "end",
                 "para_id", "sent_id", "kind", "pattern", "speaker_text", "speaker_start", "speaker_end",
                 "speaker_kind", "resolution", "description", "cue", "country", "former"]

_SAY = (r"said|says|say|told|tells|tell|noted|notes|stressed|stresses|stated|argued|argues|explained|"
        r"explains|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|remarked|pointed out|points out|warned|warns|"
        r"urged|urges|insisted|insists|acknowledged|asserted|asserts|claimed|claims|declared|wrote|writes|observed|"
        r"commented|cautioned|countered|recalled|summari[sz]ed|affirmed|reiterated|contended|conceded|"
        r"replied|responded|answered|hypothesi[sz]ed|believes|believed|(?:was |were )?quoted as saying")
_WEAK = (r"highlighted|highlights|called|calls|described|describes|expressed|hoped|hopes|talked about|spoke of|"
         r"spoke about|agreed|agree|agrees|confirmed|mentioned|revealed|announced|announces|asked|estimated|"
         r"recommended|proposed|welcomed|praised|criticized|criticised|questioned|accused|continued|concluded|"
         r"maintained|predicted|observed|suggested|suggests|reported|reports|added|adds|admitted")
_PART = (r"saying|adding|noting|stressing|arguing|explaining|emphasi[sz]ing|insisting|warning|pointing out|stating|"
         r"hypothesi[sz]ing|urging|suggesting|cautioning|asserting|claiming|declaring|observing|recalling|"
         r"acknowledging|describing|calling")
_VERB_RE = re.compile(rf"\b(?:(?P<say>{_SAY})|(?P<weak>{_WEAK})|(?P<part>{_PART}))\b")
_ACCORDING_RE = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the words of|[Aa]s quoted by)\s+")
_CLAUSE_END = re.compile(r"\s*(?:(?:on|in|last|this|earlier|late|early)\s+[\w-]+(?:\s+[\w-]+)?)?\s*[.;]?\s*$")
_TITLE_BEFORE = re.compile(r"\b(?:titled|entitled|named|dubbed|themed|headlined|slogan)\s*[,:]?\s*$", re.I)
_INVERTIBLE = {"said", "says", "added", "adds", "noted", "notes", "stressed", "explained", "continued", "wrote",
               "writes", "asked", "recalled", "stated", "argued", "insisted", "warned", "concluded", "observed",
               "reported", "told", "remarked", "declared", "emphasized", "emphasised", "underlined", "replied"}
_BE = {"was", "were", "is", "are", "been", "be", "being", "am"}
_SKIP_BEFORE_VERB = {"also", "further", "then", "later", "recently", "once", "again", "previously", "earlier",
                     "repeatedly", "publicly", "has", "have", "had", "would", "will", "has also", "had also",
                     "reportedly", "separately", "simply", "only", "often", "frequently", "had earlier", "even",
                     "first", "never", "always", "additionally", "likewise", "subsequently", "today", "yesterday",
                     "openly", "privately", "jokingly", "flatly", "bluntly", "recently"}
_BOUNDARY_WORDS = {"that", "and", "but", "while", "as", "when", "because", "where", "which", "whom", "although",
                   "though", "after", "before", "since", "if", "so", "whereas", "than", "yet", "until", "unless"}
_PRE_BOUNDARY_WORDS = _BOUNDARY_WORDS | {"or", "including", "included", "include", "includes", "with", "by",
                                         "from", "featured", "features", "feature", "for", "between", "among",
                                         "to", "of", "about", "at", "on", "in", "during", "against", "toward",
                                         "towards", "over", "via", "through", "per", "into", "onto", "upon"}
_CONNECTORS = {"of", "and", "for", "in", "at", "from", "with", "on", "under", "to", "the", "near", "across", "by"}
_TITLE_NAME_RE = re.compile(r"(?P<title>(?:[A-Z][\w-]*\s+){0,3}(?:Spokesperson|Spokesman|Spokeswoman|Minister|"
                            r"Ambassador|President|Secretary|Chairman|Director|CEO|Governor|Mayor)\s+)"
                            r"(?P<name>(?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)"
                            r"(?=['\u2019]s\b|\s+(?:at|on|in|to|says|said|meets|visits)\b|[:,]|$)")
_DOC_INTRO_RE = re.compile(r"\b(?P<verb>released|published|issued|unveiled|launched)\s+(?:a|an|its|the|their)\s+"
                           r"(?:[\w-]+\s+){0,3}?(?P<doc>report|study|survey|white paper|statement|index)\b")
# "ASTANA, June 22 (Xinhua) -- ", "BEIJING, June 17, 2025 /PRNewswire/ -- "
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'\-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]*\)|/[^/]+/)?\s*"
                       r"(?:--|\u2014|\u2013|-)\s*")
_LIST_WORDS = ("like", "such as")  # "former diplomats like Jane Doe": the category describes the name
_APPOS_STOP = {"according", "adding", "saying", "noting", "stressing", "as", "while", "which", "when", "after",
               "before", "but", "and", "or", "so", "because", "although", "though", "if", "in", "on", "at",
               "during", "speaking", "referring", "citing", "despite", "since", "for", "with", "this", "that",
               "these", "those", "it", "he", "she", "they", "we", "i", "there", "however", "meanwhile", "who",
               "whose", "whom", "where", "to", "by", "from", "though", "then", "also", "too", "said", "says"}
_ADVERBIAL = re.compile(r"^(?:for (?:example|instance|his part|her part|their part|its part)|however|meanwhile|"
                        r"in turn|too|though|also|moreover|similarly|in (?:an|a) (?:interview|statement|speech)\b.*|"
                        r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|by contrast|in contrast|"
                        r"likewise|again|instead|nevertheless|meanwhile|for his or her part)$", re.I)
_FINITE = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may",
           "might", "must", "do", "does", "did", "shall"}
_PRONOUNS = {"he": ("person", "m"), "she": ("person", "f"), "it": ("thing", None), "they": ("plural", None)}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "one", "some", "several", "many", "two",
                "three", "four", "other", "another", "its", "their", "his", "her", "our"}
_DOC_HEADS = {"report", "reports", "study", "studies", "statement", "statements", "survey", "data", "document",
              "documents", "paper", "papers", "declaration", "communique", "communiqué", "resolution", "analysis",
              "letter", "article", "editorial", "commentary", "review", "figures", "statistics", "account",
              "notice", "post", "release", "readout", "transcript", "memo", "memorandum", "plan", "assessment",
              "poll", "index", "bulletin", "website", "record", "records", "minutes", "white"}
_GROUP_HEADS = {"staff", "media", "police", "people", "personnel", "public", "crew", "team", "panel", "side",
                "sides", "authorities", "management", "leadership", "administration", "government", "press"}
_POSTMOD = re.compile(r"\s+(?:released|titled|entitled|published|issued|adopted|on|in|at|from|that|which|who|"
                      r"with|by|for|near|across|attending|working|based|(?:seen|reviewed|obtained|viewed|leaked|"
                      r"cited|shown|signed|prepared|drafted|dated|circulated|submitted|filed)\s+(?:by|to|in|at|on|"
                      r"with|during|last|this|earlier)\b)\b.*$")
# who only handled a document ("documents seen by Reuters") is no owner it speaks for
_CONDUIT = re.compile(r"\s+(?:seen|reviewed|obtained|viewed|leaked|cited|shown|circulated)\b.*$")
# a generic singular body ("the company said") points back to one named before: an anaphor, not a name
_BODY_NOUNS = {"company", "firm", "corporation", "enterprise", "bank", "conglomerate", "lender", "carmaker",
               "automaker", "startup"}
_COMPANY_RE = re.compile(r"(?<![\w-])(?:[A-Z][\w&'\u2019.-]*\s+){1,5}(?:Company|Corporation|Corp\.?|Group|Holdings?|"
                         r"Bank|Inc\.?|Ltd\.?|LLC|PLC|JSC|Co\.)(?![\w-])")
# "documents show that …": a document's evidence verb attributes like "the report says", to documents only
_EVIDENCE_RE = re.compile(r"\b(?:show|shows|showed|indicate|indicates|indicated)\b")
# words that may stand before the cue of an unnamed group in a list ("local officials, Chinese entrepreneurs and ...")
_GROUP_MODIFIERS = {"local", "foreign", "senior", "junior", "independent", "young", "ordinary", "regional", "western",
                    "other", "some", "many", "several", "few", "private", "state", "industry", "government", "business",
                    "top", "leading", "retired", "former", "national", "international", "european", "asian"}
# "says little about …", "said nothing of …": the writer describes what a source covers, nobody is quoted
_CONTENT_OBJECT = re.compile(r"\s+(?:(?:very|relatively|surprisingly|remarkably|rather|so|too)\s+)?(?:little|nothing|"
                             r"much|less|more|a\s+lot|a\s+great\s+deal|something|anything)\s+(?:about|of|on|"
                             r"regarding|concerning)\b", re.I)
# ", but this framing ignores …": the writer's own comment on the statement ends it
_WRITER_TURN = re.compile(r"\s*[,;\u2014\u2013]\s*(?:but|yet|however|though|although)\s*,?\s+(?:(?:this|that|these|"
                          r"those|such)\s+(?:[\w-]+\s+){0,2}?(?:framing|frame|claim|view|argument|narrative|picture|"
                          r"account|assessment|reading|interpretation|story|rhetoric|language|portrayal|"
                          r"characteri[sz]ation|optimism|conclusion|line)s?\b|(?:we|I)\s)", re.I)
_AGE = re.compile(r"\b\d{1,3}[-\s]years?[-\s]old\b")
# transcript turns by whoever asks ("Q:", "Reporter:") and answers ("A:")
_QUESTION_LABELS = {"q", "question", "questioner", "reporter", "journalist", "correspondent"}
_ANSWER_LABELS = {"a", "answer"}
_NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el", "le", "la", "du", "dos", "di",
                   "ben", "ter"}
_ORG_WORDS = set("""university institute institutes academy council center centre ministry agency administration
department commission bank company corporation group association foundation school college forum program programme
office party committee guard service society endowment workshop workshops chamber authority embassy customs summit
initiative railway railways road corridor partnership express route town city province region district port sea river
mountains mountain plateau republic federation union organization organisation news daily times post tv radio press
network declaration treaty spirit vision station zone park expo fair conference dialogue format week year years day
mall house hall square street avenue airport bridge highway tunnel line pipeline plant project fund bureau court army
navy forces force inc ltd llc co corp international global world national state states cooperation security
studies affairs development research strategic economic policy""".split())
_STOP = set("""the a an this that these those in on at for with by from of and but or as while when after before since
during under over meanwhile moreover however yet still also so speaking looking according its their his her our we
i he she they it there here dear ladies distinguished friends thank today yesterday tomorrow first second third
finally overall similarly indeed besides once moving both all each every some many more most such other another no
not new old former then now mr mrs ms dr prof sir madam excellency his her your my chinese american european western
eastern northern southern central asian asia europe africa eurasia caucasus middle east west north south pacific
caspian gulf arctic atlantic indo""".split())
_MONTHS = set("""january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "madam": "f", "sir": "m"}
_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019.\-]*")
_TRANSCRIPT_RE = re.compile(r"^(?P<name>[A-Z][^:\n]{0,60}?):\s+(?P<body>\S[^\n]*)$", re.M)


@dataclass
class _Entity:
    key: str
    kind: str = "person"  # person | organisation | group | document | state
    descriptions: list[str] = field(default_factory=list)
    gender: str | None = None
    tokens: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # the kinds of speaker of a coordinated unnamed group, each typed alone


@dataclass
class _Speaker:
    key: str | None
    kind: str
    resolution: str
    surface: str
    start: int
    end: int
    description: str = ""


@dataclass
class _Attribution:
    sent: int
    tag: tuple[int, int]
    speaker: _Speaker
    verb: str
    pattern: str


_WORD_BEFORE_RE = re.compile(r"([\w'\u2019]+)\s*$")


@lru_cache(maxsize=16)
def _chunk_pattern(words: frozenset) -> re.Pattern:
    # parentheses are not boundaries: "former Ambassador to Chile (2001 to 2004) Jane Doe"
    pattern = r"[,;:#\u2014\u2013\"]|\s--\s"
    if words:
        pattern += r"|(?<!\w)(?:" + "|".join(sorted(words)) + r")(?!\w)"
    return re.compile(pattern)


def _mask(text: str, spans: list[tuple[int, int]], char: str = "#") -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = char * (e - s)
    return "".join(chars)


def _tokens(text: str, lo: int = 0, hi: int | None = None):
    hi = len(text) if hi is None else hi
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text, lo, hi)]


def _title_case(text: str) -> bool:
    """A title or formula written in capitals ("The War Within", "Mutual Respect, Mutual Trust"), not speech."""
    # the words a sentence does not capitalise anyway (not its first ones), of more than three letters
    words = [m.group(1) for m in re.finditer(r"(?<![.!?:]\s)(?<!^)\b([^\W\d_][\w'\u2019-]*)", text.strip())]
    long = [w for w in words if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) > 0.75 * len(long)


def _bare(tok: str) -> str:
    tok = tok.rstrip(".") if not re.search(r"\.\w", tok) else tok
    return re.sub(r"['\u2019]s$", "", tok)


class _Article:
    """Attribution of the quotations of one article (the state of one pass)."""

    def __init__(self, text: str, sentences: list[tuple[int, int, int, int]], *, title: str, lexicon, outlets,
                 min_words: int):
        self.text = text
        self.sents = sentences  # (para_id, sent_id, start, end)
        self.starts = [s[2] for s in sentences]
        self.quotes = quote_spans(text)
        # a title in quotation marks ("a report titled \"…\"") is part of a noun phrase, not speech
        self.titles = {q for q in self.quotes if _TITLE_BEFORE.search(text[max(0, q[0] - 30):q[0]])}
        self.masked = _mask(text, [q for q in self.quotes if q not in self.titles])
        self.masked = _mask(self.masked, list(self.titles), "x")
        self._boundaries: dict = {}  # (lo, pattern) -> phrase boundaries, see _chunk_start
        self.lex = lexicon
        self.outlets = outlets
        self.min_words = min_words
        self.title = title or ""
        self.entities: dict[str, _Entity] = {}
        self.mentions: list[tuple[int, str]] = []
        self.leaders: list[tuple[int, str]] = []  # (position, full name) of leaders opening a sentence
        self._title_words = lexicon.title_words
        self._actor_single = _single_token_aliases()

    # ---------------------------------------------------------------- names
    def _name_like(self, tok: str) -> bool:
        bare = _bare(tok)
        low = bare.lower()
        if not bare or not bare[0].isupper() or low in _STOP or low in _MONTHS or low in _ORG_WORDS:
            return False
        if low in self._title_words or (len(bare) > 1 and bare.isupper()) or re.search(r"\.\w|\d", bare):
            return False
        parts = bare.split("-")
        if len(parts) > 1 and any(p in self._actor_single or p.lower() in _STOP for p in parts):
            return False  # "Beijing-Central", "China-Kyrgyzstan-Uzbekistan"
        return bare.replace("-", "").replace("'", "").replace("\u2019", "").isalpha()

    def _cap_runs(self, lo: int, hi: int):
        """Runs of capitalised tokens separated by single spaces, as lists of (start, end, token)."""
        run: list = []
        for s, e, tok in _tokens(self.masked, lo, hi):
            cap = tok[0].isupper()
            joined = run and self.masked[run[-1][1]:s] == " "
            if cap and (joined or not run):
                run.append((s, e, tok))
            elif not cap and joined and tok in _NAME_PARTICLES:
                run.append((s, e, tok))
            else:
                if run:
                    yield run
                run = [(s, e, tok)] if cap else []
        if run:
            yield run

    def _split_name(self, run):
        """(prefix tokens, name tokens) of a capitalised run: the name is its longest name-like tail."""
        while run and run[-1][2] in _NAME_PARTICLES:
            run = run[:-1]
        name: list = []
        for i in range(len(run) - 1, -1, -1):
            s, e, tok = run[i]
            if tok in _NAME_PARTICLES and name:
                name.insert(0, run[i])
                continue
            possessive = bool(re.search(r"['\u2019]s$", tok))
            if not self._name_like(tok) or (possessive and name) or len(name) >= 4:
                break
            name.insert(0, run[i])
        while name and name[0][2] in _NAME_PARTICLES:
            name = name[1:]
        before = self.masked[max(0, run[0][0] - 5):run[0][0]]
        if len(name) >= 3 and len(name) == len(run) and re.search(r"\b(?:of|for|to)\s$", before):
            name = name[1:]  # "Minister of Agriculture Serik Omarov", "Ambassador to France Arman …"
        return run[:len(run) - len(name)], name

    def _is_person_name(self, name, prefix) -> bool:
        words = [_bare(t) for _, _, t in name]
        if not words:
            return False
        if all(w in self._actor_single for w in words):
            # "Kazakhstan", "Beijing" are places; "President Xi" is a person
            return bool(prefix) and _bare(prefix[-1][2]).lower() in self._title_words
        return True

    # ---------------------------------------------------------------- descriptions
    def _has_cue(self, text: str) -> bool:
        return bool(text.strip()) and (bool(self.lex.matcher.find(text)) or bool(self.outlets.find(text)))

    def _word_before(self, lo: int, pos: int):
        """The match of the word that ends ``masked[lo:pos]`` (white space after it allowed), or None.

        Searched in the last 200 characters only (a sentence with thousands of
        verbs asks this for each), and from ``lo`` when the window cannot tell.
        """
        w = max(lo, pos - 200)
        m = _WORD_BEFORE_RE.search(self.masked, w, pos)
        if w > lo and ((m and m.start(1) == w) or (not m and not self.masked[w:pos].strip())):
            m = _WORD_BEFORE_RE.search(self.masked, lo, pos)
        return m

    def _token_before(self, lo: int, pos: int) -> str | None:
        """The last white-space separated token of ``masked[lo:pos]`` (``split()[-1]``), or None."""
        w = max(lo, pos - 200)
        tokens = self.masked[w:pos].split()
        if w > lo and (len(tokens) < 2 and (not tokens or not self.masked[w - 1].isspace())):
            tokens = self.masked[lo:pos].split()
        return tokens[-1] if tokens else None

    def _chunk_start(self, lo: int, pos: int, words=_BOUNDARY_WORDS) -> int:
        """Start of the phrase that ends at ``pos``: after the last punctuation or boundary word.

        The boundaries of the text from ``lo`` are found once and looked up by
        position (a sentence with thousands of reporting verbs asks for thousands
        of phrase starts); only the last 64 characters before ``pos`` are scanned
        anew, since a boundary word that ``pos`` cuts may match there alone.
        """
        pattern = _chunk_pattern(frozenset(words or ()))
        key = (lo, pattern.pattern)
        ends = self._boundaries.get(key)
        if ends is None:
            ends = self._boundaries[key] = [(m.start(), m.end()) for m in pattern.finditer(self.masked, lo)]
        w = max(lo, pos - 64)
        cut = lo
        # the last boundary that starts before the window, from the scan from lo
        k = bisect_right(ends, (w, -1)) - 1
        if k >= 0 and ends[k][1] <= pos:
            cut = ends[k][1]
        # the window, with the text ending at pos as the phrase does (endpos)
        for m in pattern.finditer(self.masked, w, pos):
            cut = max(cut, m.end())
        return cut

    @staticmethod
    def _clean_pre(desc: str) -> str:
        desc = desc.strip()
        for w in _LIST_WORDS:
            if desc.endswith(" " + w) or desc == w:
                desc = desc[: -len(w)].strip()
        return re.sub(r"^(?:the|a|an)\s+", "", desc).strip(" ,")

    def _pre_description(self, lo: int, name_start: int) -> str:
        start = self._chunk_start(lo, name_start, _PRE_BOUNDARY_WORDS - {"to", "of", "at", "on", "in"})
        desc = self._clean_pre(self.masked[start:name_start])
        if len(desc.split()) > 14 or not self._has_cue(desc):
            return ""
        last = desc.split()[-1]
        tail_cue = any(h.end >= len(desc) - 1 for h in self.lex.matcher.find(desc))
        if not (tail_cue or last[:1].isupper() or last.endswith(")")):
            return ""  # "the official launch of the first Beijing-…": the cue does not describe the name
        return self._clean_pre(self.text[start:name_start])

    def _appositive(self, pos: int, hi: int) -> tuple[str, int]:
        """The appositive after ``pos`` (", a researcher at X,") and where it ends; ``("", pos)`` if none."""
        m = re.match(r"\s*,\s+", self.masked[pos:hi])
        if not m:
            return "", pos
        start = pos + m.end()
        first = re.match(r"[\w'\u2019-]+", self.masked[start:hi])
        if not first or first.group(0).lower() in _APPOS_STOP or _VERB_RE.fullmatch(first.group(0)):
            return "", pos
        end = start
        chunks = re.split(r"(?=[,;:#\u2014\u2013\"])", self.masked[start:hi])
        for i, chunk in enumerate(chunks):
            body = chunk.lstrip(",").strip()
            if i == 0:
                end = start + len(chunk)
                continue
            prev = self.masked[start:end].rstrip()
            words = re.findall(r"[\w'\u2019.-]+", body)
            # an institution name with commas ("Institute of Russian, Eastern European and Central Asian
            # Studies under ...") continues the appositive; a clause with a verb does not
            continues = (chunk.startswith(",") and body[:1].isupper() and prev[-1:].isalpha()
                         and prev.split()[-1][:1].isupper()
                         and not any(w.lower() in _FINITE or _VERB_RE.fullmatch(w) for w in words)
                         and not _ACCORDING_RE.match(body))
            if not continues:
                break
            end += len(chunk)
        desc = self.masked[start:end].strip()
        head = re.split(r"\s(?:who|which|that|whose)\s", desc)[0]
        if not desc or len(desc.split()) > 30 or _VERB_RE.search(head) or any(w in _FINITE for w in head.split()):
            return "", pos  # "In Kyrgyzstan, Chinese companies are helping …" is a clause, not an appositive
        return self.text[start:end].strip(), end

    # ---------------------------------------------------------------- registry
    def _register(self, name: str, pos: int, descriptions=(), kind: str = "person", gender=None) -> str:
        key = name
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = _Entity(key, kind, [], gender, tuple(name.split()))
        for d in descriptions:
            if d and d not in ent.descriptions:
                ent.descriptions.append(d)
        if gender and not ent.gender:
            ent.gender = gender
        insort(self.mentions, (pos, key))
        return key

    def introductions(self):
        """Names introduced with a title or an appositive, anywhere in the article (and its title)."""
        for lo, hi in [(s[2], s[3]) for s in self.sents]:
            for run in self._cap_runs(lo, hi):
                prefix, name = self._split_name(run)
                if name and not prefix and not self.masked[lo:name[0][0]].strip() and \
                        not re.search(r"['\u2019]s$", name[-1][2]):
                    # a leader of lexicons/actors.yaml as the subject of a sentence ("Xi Jinping spoke at the
                    # summit. He called for …"): a person a pronoun with no other antecedent points to
                    full = " ".join(_bare(t) for _, _, t in name)
                    leader = _leader_name(full.split()[0])
                    if leader and (full == leader or (len(name) == 1 and full in self._actor_single)):
                        self.leaders.append((name[0][0], leader))
                if not name or not self._is_person_name(name, prefix):
                    continue
                n0, n1 = name[0][0], name[-1][1]
                pre = self._pre_description(lo, n0)
                app, _ = self._appositive(n1 if not re.search(r"['\u2019]s$", name[-1][2]) else hi, hi)
                # an age introduces a person ("21-year-old Dana Suleimenova", "X, the 84-year-old head of …")
                # for later pronouns, but says nothing about whom they speak for
                age = re.search(r"\b\d{1,3}[-\s]years?[-\s]old\s+$", self.masked[max(lo, n0 - 20):n0])
                aged = age or _AGE.search(app)
                if app and not self._has_cue(app) and not aged:
                    app = ""
                if age and not pre:
                    pre = age.group(0).strip()  # kept in the description, typed as nothing
                if pre or app or aged:
                    full = " ".join(_bare(t) for _, _, t in name)
                    self._register(self._canonical(full, n0), n0, [pre, app], gender=self._honorific(prefix))
        if self.title:  # "Foreign Ministry Spokesperson Gao Yuning's Regular Press Conference"
            for m in _TITLE_NAME_RE.finditer(self.title):
                self._register(m.group("name"), -1, [m.group("title").strip()])
        for m in _DOC_INTRO_RE.finditer(self.masked):
            # "the Institute released a report": "the report" later speaks for the Institute
            lo, verb = self._sentence_start(m.start("verb")), m.start("verb")
            # the owner: the last comma-separated part of the subject naming an institution
            cuts = [lo] + [lo + c.end() for c in re.finditer(r"[,;:#]", self.masked[lo:verb])]
            for cut in reversed(cuts):
                org = organisation_in(self.text[cut:verb], self.outlets)
                if org:
                    owner = self.text[cut:verb].strip(" ,")
                    head = m.group("doc").lower()
                    self._register(f"{org} {head}", m.start("doc"), [f"{head} of {owner}"], kind="document")
                    break

    def short_mentions(self):
        """Every later occurrence of a registered name's tokens (for pronoun resolution)."""
        for key, ent in list(self.entities.items()):
            if ent.kind != "person":
                continue
            for tok in set(ent.tokens):
                for m in re.finditer(rf"(?<![\w-]){re.escape(tok)}(?![\w-])", self.masked):
                    self.mentions.append((m.start(), key))
        self.mentions.sort()

    def _honorific(self, prefix) -> str | None:
        for _, _, tok in prefix[-1:]:
            return _HONORIFIC_GENDER.get(tok.lower())
        return None

    def _known_token(self, tok: str) -> bool:
        return any(tok in e.tokens for e in self.entities.values())

    def _canonical(self, name: str, pos: int) -> str:
        """A name already registered under a longer form ("Xu" -> "Xu Xiaotian") keeps that key."""
        if name in self.entities:
            return name
        toks = name.split()
        for key, ent in self.entities.items():
            if ent.kind == "person" and len(toks) < len(ent.tokens) and all(t in ent.tokens for t in toks):
                return key
        return name

    def _last_mention(self, pos: int, accept) -> str | None:
        i = bisect_right(self.mentions, (pos, "")) - 1
        while i >= 0:
            key = self.mentions[i][1]
            if accept(self.entities[key]):
                return key
            i -= 1
        return None

    # ---------------------------------------------------------------- speakers
    def speaker_from(self, start: int, end: int, description: str = "") -> _Speaker | None:
        """Resolve the noun phrase ``masked[start:end]`` to a speaker."""
        raw = self.masked[start:end]
        lead = len(raw) - len(raw.lstrip(" ,"))
        np_text = raw.strip(" ,")
        if np_text.endswith(")"):  # "Jane Doe (2001 to 2004)": the bracket is not the name
            np_text = re.sub(r"\s*\([^()]*\)$", "", np_text).strip(" ,")
        conj = re.match(r"(?:But|And|Yet|So|Still|Now|Then)\s+(?=[\w\u201c\"'])", np_text)
        if conj:  # "But the report … says": the conjunction opens the sentence, not the speaker
            lead += conj.end()
            np_text = np_text[conj.end():]
        start += lead
        end = start + len(np_text)
        # split(None, 12): a phrase of more than 12 words is no speaker, found without splitting all of it
        if not np_text or "#" in np_text or len(np_text.split(None, 12)) > 12:
            return None
        shown = self.text[start:end]  # as written (titles in quotation marks unmasked)
        low = np_text.lower()
        words = low.split()
        if words[-1] in _FINITE or words[-1] in {"the", "a", "an", "of", "to", "in", "not", "also"}:
            return None
        if any(w in _FINITE for w in words[:-1]):
            return None
        if low in _PRONOUNS:
            return self._pronoun(low, np_text, start, end)
        if low in {"i", "we", "you", "one", "us", "me"}:
            return None
        toks = _tokens(self.masked, start, end)
        if not toks:
            return None
        # outlets and named bodies: "Xinhua", "CNBC", "Reuters", "the Ministry of Science"
        found = self.outlets.find(np_text)
        lead_det = len(np_text) - len(re.sub(r"^(?:the|a|an)\s+", "", np_text, flags=re.I))
        if found and found[-1][1] >= len(np_text.rstrip(".")) - 2 and found[-1][0] <= lead_det:
            o = found[-1][2]
            key = self._register(o.name, start, [shown, description], kind="organisation")
            return _Speaker(key, "organisation", "name", shown, start, end, description)
        runs = list(self._cap_runs(start, end))
        tail = runs[-1] if runs and runs[-1][-1][1] >= end - 1 else None
        if tail and len(toks) == 1 and tail[0][0] == self._sentence_start(start) and _bare(tail[0][2]) not in \
                self._actor_single and not self._known_token(_bare(tail[0][2])) and \
                (tail[0][2].endswith("s") or self._has_cue(tail[0][2])):
            tail = None  # "Forecasters said", "Experts said": a plural noun opening the sentence
        if tail:
            prefix, name = self._split_name(tail)
            before = self.masked[start:name[0][0]].split()[-1:] if name else []
            if before and before[0] in _CONNECTORS:
                name = []  # "Manufacturers in Shenzhen", "the Ministry of Science and Higher Education"
            if name and self._is_person_name(name, prefix):
                n0 = name[0][0]
                pre = self.text[start:n0].strip(" ,")
                pre = re.sub(r"^(?:the|a|an)\s+", "", pre, flags=re.I)
                full = " ".join(_bare(t) for _, _, t in name)
                sp = self._named(full, n0, end, shown, [pre, description], self._honorific(prefix))
                sp.start = start  # the whole noun phrase, title included
                return sp
            if len(tail) == 1 and not prefix and _bare(tail[0][2]) in self._actor_single and len(toks) == 1:
                return self._state(_bare(tail[0][2]), shown, start, end, description)
        content = [t for _, _, t in toks if t.lower() not in _DETERMINERS]
        if content and content[0][0].isupper() and any(_bare(t).lower() in _ORG_WORDS and t[0].isupper()
                                                       for _, _, t in toks) and not self._common_head(toks):
            org = organisation_in(shown, self.outlets) or shown
            key = self._register(re.sub(r"^(?:the|a|an)\s+", "", org, flags=re.I), start, [shown, description],
                                 kind="organisation")
            return _Speaker(key, "organisation", "name", shown, start, end, description)
        return self._nominal(np_text, start, end, description)

    def _common_head(self, toks) -> bool:
        """"Company documents", "Ministry officials": a common noun heads the phrase, not a body's name."""
        last = _bare(toks[-1][2])
        return last[:1].islower() and (last.lower() in _DOC_HEADS or last.lower() in _GROUP_HEADS
                                       or self._has_cue(last))

    def _sentence_start(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        return self.sents[i][2] if i >= 0 else 0

    def _named(self, full: str, pos: int, end: int, surface: str, descriptions, gender=None) -> _Speaker:
        toks = full.split()
        if full in self.entities:
            key = self._register(full, pos, descriptions, gender=gender)
            return _Speaker(key, self.entities[key].kind, "name", surface, pos, end, descriptions[-1])
        if len(toks) == 1:
            cands = [k for k, e in self.entities.items() if e.kind in ("person", "organisation", "state")
                     and toks[0] in e.tokens and k != full]
            if cands:
                key = self._best_candidate(cands, pos)
                self._register(key, pos, descriptions)
                return _Speaker(key, self.entities[key].kind, "short_name", surface, pos, end, descriptions[-1])
            close = [k for k, e in self.entities.items() if e.kind == "person" and len(toks[0]) >= 5
                     and any(difflib.SequenceMatcher(None, toks[0], t).ratio() >= 0.8 and t[0] == toks[0][0]
                             for t in e.tokens)]
            if close:
                key = self._best_candidate(close, pos)
                self._register(key, pos, descriptions)
                return _Speaker(key, "person", "fuzzy", surface, pos, end, descriptions[-1])
            # a company or body named earlier in someone's description ("Acme CEO Jane Doe" makes "Acme said" a company)
            for ent in self.entities.values():
                for d in ent.descriptions:
                    if re.search(rf"(?<!\w){re.escape(toks[0])}(?!\w)", d):
                        key = self._register(toks[0], pos, [d] + list(descriptions), kind="organisation")
                        return _Speaker(key, "organisation", "name", surface, pos, end, descriptions[-1])
            if toks[0] in self._actor_single:
                return self._state(toks[0], surface, pos, end, descriptions[-1])
        key = self._register(self._canonical(full, pos), pos, descriptions, gender=gender)
        return _Speaker(key, self.entities[key].kind, "name" if key == full else "short_name", surface, pos, end,
                        descriptions[-1])

    def _best_candidate(self, keys, pos: int) -> str:
        before = [(p, k) for p, k in self.mentions if k in keys and p < pos]
        if before:
            return max(before)[1]
        after = [(p, k) for p, k in self.mentions if k in keys]
        return min(after)[1] if after else keys[0]

    def _state(self, alias: str, surface: str, start: int, end: int, description: str) -> _Speaker:
        person = _leader_name(alias)
        if person:
            key = self._register(self._canonical(person, start) if alias not in self.entities else alias, start,
                                 [description], kind="person")
            return _Speaker(key, "person", "name", surface, start, end, description)
        key = self._register(alias, start, [description], kind="state")
        return _Speaker(key, "state", "name", surface, start, end, description)

    def _pronoun(self, low: str, surface: str, start: int, end: int) -> _Speaker:
        kind, gender = _PRONOUNS[low]
        if kind == "person":
            key = self._last_mention(start, lambda e: e.kind == "person" and e.gender in (None, gender))
            i = bisect_right(self.leaders, (start, ""))
            if key is None and i:  # no one else to point to: the leader who opened a sentence before
                pos, leader = self.leaders[i - 1]
                key = self._register(self._canonical(leader, pos), pos, kind="person")
        elif kind == "thing":
            key = self._last_mention(start, lambda e: e.kind in ("organisation", "document", "state"))
        else:
            key = self._last_mention(start, lambda e: e.kind in ("group", "organisation", "state"))
        if key is None:
            return _Speaker(None, "unresolved", "unresolved", surface, start, end)
        ent = self.entities[key]
        if gender and not ent.gender:
            ent.gender = gender
        insort(self.mentions, (start, key))
        return _Speaker(key, ent.kind, "pronoun", surface, start, end)

    def _nominal(self, np_text: str, start: int, end: int, description: str) -> _Speaker | None:
        words = np_text.split()
        definite = words[0].lower() in {"the", "this", "that"}
        label = _POSTMOD.sub("", np_text)
        core = [w for w in label.split() if w.lower() not in _DETERMINERS]
        if not core:
            return None
        # "deputy chairman of the company": the head is before the first "of" after the first word
        # ("one of the provisions of ...", once "one" is dropped as a determiner, starts with "of")
        head_words = core[:core.index("of", 1)] if "of" in core[1:] else core
        head = re.sub(r"[^\w-]", "", head_words[-1]).lower()
        if not head or head in _FINITE or head in _STOP - {"staff"} and head not in _GROUP_HEADS:
            return None
        if definite and head in _BODY_NOUNS and (len(core) == 1 or (len(core) == 2 and core[0][:1].isupper())):
            # "the company said": the company named before, else unresolved like "it" (typed by its noun)
            shown = self.text[start:end]
            key = self._body_antecedent(start)
            if key:
                self._register(key, start, [shown], kind="organisation")
                return _Speaker(key, "organisation", "nominal", shown, start, end, description)
            if len(core) == 1:
                return _Speaker(None, "unresolved", "unresolved", shown, start, end, shown)
        if definite and not head.endswith("s"):
            key = self._nominal_reference(head, np_text, start)
            if key:
                insort(self.mentions, (start, key))
                return _Speaker(key, self.entities[key].kind, "nominal", self.text[start:end], start, end,
                                description)
        if not (head in _DOC_HEADS or head in _GROUP_HEADS or self._has_cue(np_text)):
            return None  # "Beijing's model stresses …": not a source
        kind = ("document" if head in _DOC_HEADS else
                "group" if head in _GROUP_HEADS or (head.endswith("s") and not head.endswith("ss")) else
                "organisation" if head in _ORG_WORDS | {"company", "firm", "ministry", "government", "embassy"}
                else "person")
        name = " ".join(core)
        shown = self.text[start:end]
        # a document speaks for whoever released it, not for an outlet that saw it ("seen by Reuters")
        typed = _CONDUIT.sub("", shown) if kind == "document" else shown
        key = self._register(name, start, [typed, description], kind=kind)
        return _Speaker(key, kind, "unnamed", shown, start, end, description)

    def _body_antecedent(self, pos: int) -> str | None:
        """The company that "the company" at ``pos`` points back to: the last one named before it.

        A registered organisation described as a business, a capitalised name
        ending in Company, Group, Corporation, Bank, Inc ... ("China Railway
        Group"), or the company in a speaker's title ("Nvidia CEO Jensen Huang").
        """
        best: tuple[int, str] | None = None
        lo = max(0, pos - 3000)
        for m in _COMPANY_RE.finditer(self.masked, lo, pos):
            name = re.sub(r"^(?:The|A|An)\s+", "", m.group(0)).strip()
            if len(name.split()) >= 2:  # "The Group" alone names nothing
                best = (m.start(), name)
        i = bisect_right(self.mentions, (pos, ""))
        for p, key in (self.mentions[j] for j in range(i - 1, max(-1, i - 51), -1)):  # the last 50 mentions
            if best is not None and p <= best[0]:
                break
            ent = self.entities[key]
            if ent.kind == "organisation":
                if affiliation_of(list(ent.descriptions) + [key], lexicon=self.lex,
                                  outlets=self.outlets).type == "business":
                    best = (p, key)
                    break
            elif ent.kind == "person":
                for d in ent.descriptions:
                    for h in self.lex.matcher.find(d):
                        cue = self.lex.cues[int(h.key)]
                        run = re.search(r"((?:[A-Z][\w&.'\u2019-]*\s+){1,3})$", d[:h.start])
                        if cue.type == "business" and cue.kind == "title" and run and \
                                all(self._name_like(t) for t in run.group(1).split()):
                            best = (p, re.sub(r"['\u2019]s$", "", run.group(1).strip()))
                            break
                    if best is not None and best[0] == p:
                        break
                if best is not None and best[0] == p:
                    break
        return best[1] if best else None

    def _nominal_reference(self, head: str, np_text: str, pos: int) -> str | None:
        country = state_of(np_text)
        cls = _NOUN_CLASSES.get(head)

        def accept(ent: _Entity) -> bool:
            desc = " ".join(ent.descriptions).lower()
            if country and state_of(" ".join(ent.descriptions)) not in (None, country):
                return False
            if ent.kind in ("person", "organisation", "document") and re.search(rf"\b{re.escape(head)}s?\b", desc):
                return True
            return bool(cls) and any(re.search(rf"\b{c}", desc) for c in cls)

        return self._last_mention(pos, accept)

    # ---------------------------------------------------------------- attributions
    def attributions(self) -> list[_Attribution]:
        out: list[_Attribution] = []
        transcript = self._transcript_paragraphs()
        for k, (para_id, _, lo, hi) in enumerate(self.sents):
            if para_id in transcript:
                continue
            found: list[_Attribution] = []
            ms = self.masked[lo:hi]
            for m in _VERB_RE.finditer(ms):
                vs, ve = lo + m.start(), lo + m.end()
                verb = m.group(0)
                before = self._token_before(lo, vs)
                if before and before.lower() in _BE and "quoted" not in verb:
                    continue  # passive: "had been reported"
                if m.group("part"):
                    if before and before.lower() in {"worth", "without"}:
                        continue
                    if not re.match(r"\s*(?:that\b|#|:)", self.masked[ve:hi]):
                        continue
                    if found:
                        continue  # "…, adding that": the speaker already attributed in this sentence
                    sp = self._sentence_subject(lo, vs)
                    if sp:
                        found.append(_Attribution(k, (sp.start, ve), sp, verb, "X, saying"))
                    continue
                weak = bool(m.group("weak"))
                rest = self.masked[ve:hi]
                if _CONTENT_OBJECT.match(rest) or (verb in ("answered", "responded", "replied") and re.match(
                        r"\s+(?:to\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?:questions?|queries)\b", rest)):
                    continue  # "It says very little about debt", "answered questions": nobody is quoted
                # a weak verb reports speech before "that", a colon or a quotation, or at the end of the
                # sentence ("…, Reuters reported on Friday.")
                if weak and not (re.search(r"^\s*(?:[\w'\u2019-]+\s+){0,3}?that\b|^\s*:|#", rest)
                                 or _CLAUSE_END.match(rest)):  # "expressed the hope that"
                    continue
                att = self._inverted(k, lo, hi, vs, ve, verb) or self._subject(k, lo, hi, vs, ve, verb, found)
                if att:
                    found.append(att)
            for m in _ACCORDING_RE.finditer(ms):
                s0 = lo + m.end()
                np_end = self._np_end(s0, hi)
                app, app_end = self._appositive(np_end, hi)
                sp = self.speaker_from(s0, np_end, app)
                if sp and (sp.key or sp.description):  # "according to the company", unresolved, is a business
                    found.append(_Attribution(k, (lo + m.start(), max(np_end, app_end)), sp, m.group(0).strip(),
                                              "according to X"))
            for m in _EVIDENCE_RE.finditer(ms):
                # "documents show that …", "the data indicate that …": sources, attributed as "the report says"
                vs, ve = lo + m.start(), lo + m.end()
                if not re.match(r"\s+that\b", self.masked[ve:hi]):
                    continue
                subject = _POSTMOD.sub("", self.masked[self._chunk_start(lo, vs):vs].strip(" ,")).split()
                if not subject or re.sub(r"[^\w-]", "", subject[-1]).lower() not in _DOC_HEADS:
                    continue  # "the show that …", "Emails obtained by The Hill show that …": no document heads it
                att = self._subject(k, lo, hi, vs, ve, m.group(0), found)
                if att and att.speaker.kind == "document":
                    found.append(att)
            found = self._merge(found)
            out.extend(found)
        return out

    @staticmethod
    def _conduit(a: _Attribution) -> bool:
        return (a.pattern == "according to X" and a.speaker.kind != "person") or a.verb in ("reported", "reports")

    def _merge(self, found: list[_Attribution]) -> list[_Attribution]:
        speakers = [a for a in found if not self._conduit(a)]
        keep = []
        for a in found:
            if speakers and self._conduit(a):
                continue  # "X noted …, according to CNBC", "…, US media reported": the outlet is the conduit
            if any(b.speaker.key == a.speaker.key for b in keep):
                continue
            keep.append(a)
        return sorted(keep, key=lambda a: a.tag[0])

    def _np_end(self, s0: int, hi: int) -> int:
        m = re.search(r"[,;:.#\u2014\u2013](?:\s|$)|[;#]|\s--\s|\.$", self.masked[s0:hi])
        return s0 + m.start() if m else hi

    def _inverted(self, k, lo, hi, vs, ve, verb) -> _Attribution | None:
        if verb not in _INVERTIBLE:
            return None
        pre = self.masked[lo:vs].rstrip()
        if pre and pre[-1] not in ",#:" and not pre.endswith("--"):
            return None
        after = self.masked[ve:hi]
        m = re.match(r"\s+", after)
        s0 = ve + (m.end() if m else 0)
        nxt = re.match(r"[\w'\u2019-]+", self.masked[s0:hi])
        if not nxt:
            return None
        w = nxt.group(0)
        if not (w[0].isupper() or w.lower() in {"the", "a", "an", "he", "she", "one"}) or w.lower() in _STOP - {
                "the", "a", "an", "he", "she"} or w in {"On", "In", "At", "That"}:
            return None
        np_end = self._np_end(s0, hi)
        app, app_end = self._appositive(np_end, hi)
        sp = self.speaker_from(s0, np_end, app)
        if not sp:
            return None
        return _Attribution(k, (vs, max(np_end, app_end)), sp, verb, "said X")

    def _subject(self, k, lo, hi, vs, ve, verb, found) -> _Attribution | None:
        pos = vs
        while True:  # skip adverbs and auxiliaries: "has also said", "Xu, for example, highlighted"
            m = self._word_before(lo, pos)
            if m and m.group(1).lower() in _SKIP_BEFORE_VERB:
                pos = m.start(1)
                continue
            break
        start = self._chunk_start(lo, pos)
        description = ""
        hops = 0
        while not self.masked[start:pos].strip(" ,") and start > lo and hops < 3:
            hops += 1
            sep = self.masked[start - 1]
            if sep.isalpha():  # coordination: "agreed that …, but warned that"
                if found:
                    return None
                sp = self._sentence_subject(lo, vs)
                return _Attribution(k, (sp.start, ve), sp, verb, "X said") if sp else None
            if sep != ",":
                return None
            prev_end = start - 1
            prev_start = self._chunk_start(lo, prev_end, frozenset())  # an appositive may hold "and"
            chunk = self.masked[prev_start:prev_end].strip()
            shown = self.text[prev_start:prev_end].strip()
            if _ADVERBIAL.match(chunk):
                pos, start = prev_start, self._chunk_start(lo, prev_start)
                if self.masked[prev_start - 1:prev_start] == ",":
                    pos = prev_start - 1
                    start = self._chunk_start(lo, pos)
                continue
            first = chunk.split()[0] if chunk.split() else ""
            if chunk and (first[:1].islower() or first.lower() in {"a", "an", "the"}) and \
                    first.lower() not in _APPOS_STOP and len(chunk.split()) <= 30:
                description = shown
                pos = prev_start - 1 if self.masked[prev_start - 1:prev_start] == "," else prev_start
                start = self._chunk_start(lo, pos)
                continue
            pos, start = prev_end, prev_start
            break
        if not self.masked[start:pos].strip(" ,"):
            return None
        # "Documents show the company said": the speaker starts after a document's evidence verb
        for ev in _EVIDENCE_RE.finditer(self.masked, max(start, pos - 200), pos):  # a speaker is short
            start = ev.end()
        if not self.masked[start:pos].strip(" ,"):
            return None
        group = self._coordinated_group(lo, start, pos, description)
        if group is not None:
            return _Attribution(k, (group.start, ve), group, verb, "X said")
        # a title before the speaker at the start of the sentence: "A senior official, Rebecca Lowell, said"
        sp = self.speaker_from(start, pos, description)
        if sp is None:
            return None
        if sp.resolution == "name" and self.masked[start - 1:start] == "," and sp.kind == "person":
            pstart = self._chunk_start(lo, start - 1)
            pre = self.text[pstart:start - 1].strip()
            if pre and pre.split()[0].lower() in {"a", "an", "the"} and self._has_cue(pre) and sp.key:
                self.entities[sp.key].descriptions.append(re.sub(r"^(?:a|an|the)\s+", "", pre, flags=re.I))
        return _Attribution(k, (sp.start, ve), sp, verb, "X said")

    def _group_np(self, s: int, e: int) -> bool:
        """``masked[s:e]`` is a short unnamed noun phrase ending in a cue ("local officials", "scholars")."""
        if e - s > 100:  # four words at most, found without splitting a run-on sentence
            return False
        np_text = self.masked[s:e].strip(" ,")
        words = np_text.split()
        if not words or len(words) > 4 or "#" in np_text:
            return False
        hits = self.lex.matcher.find(np_text)
        if not hits or hits[-1].end < len(np_text):
            return False
        for w in np_text[:hits[-1].start].split():
            low = w.lower()
            if not (low in _DETERMINERS or low in _GROUP_MODIFIERS or low in self._title_words
                    or (w[:1].isupper() and not _VERB_RE.fullmatch(low))):
                return False  # "The minister met farmers and officials said": a clause, not a list
        return True

    def _coordinated_group(self, lo: int, start: int, pos: int, description: str) -> _Speaker | None:
        """Unnamed sources listed together ("officials, entrepreneurs and scholars say"): one group speaker.

        Each listed kind is kept in the entity's ``members`` and typed alone
        (:func:`framing.affiliations.group_affiliation`): a group of several
        types is a ``mixed_group``, never the type of its last noun.
        """
        w = max(lo, start - 16)  # a window: a run-on sentence asks this for each of its verbs
        conj = re.search(r"(?:,\s*|\s+)(?:and|or)\s*$", self.masked[w:start])
        if not conj or not self._group_np(start, pos):
            return None
        members = [(start, pos)]
        sep = w + conj.start()
        while True:
            s0 = self._chunk_start(lo, sep)
            if not self._group_np(s0, sep):
                break
            members.insert(0, (s0, sep))
            w = max(lo, s0 - 8)
            comma = re.search(r",\s*$", self.masked[w:s0])
            if not comma:
                break
            sep = w + comma.start()
        if len(members) < 2:
            return None
        raw = self.masked[members[0][0]:pos]
        np_start = members[0][0] + len(raw) - len(raw.lstrip(" ,"))
        np_end = pos - (len(raw) - len(raw.rstrip(" ,")))
        shown = self.text[np_start:np_end]
        key = self._register(re.sub(r"^(?:the|a|an)\s+", "", shown, flags=re.I), np_start, [shown, description],
                             kind="group")
        self.entities[key].members = tuple(self.text[s:e].strip(" ,") for s, e in members)
        return _Speaker(key, "group", "unnamed", shown, np_start, np_end, description)

    def _sentence_subject(self, lo: int, hi: int) -> _Speaker | None:
        """The first person named (or pronoun) in ``masked[lo:hi]``: the subject of a participle."""
        for m in re.finditer(r"\b(?:He|She|he|she|They|they)\b", self.masked[lo:hi]):
            first_pronoun = lo + m.start()
            break
        else:
            first_pronoun = hi
        for run in self._cap_runs(lo, first_pronoun):
            prefix, name = self._split_name(run)
            if name and self._is_person_name(name, prefix) and (len(name) > 1 or self._known_token(_bare(name[0][2]))):
                n0 = name[0][0]
                app, _ = self._appositive(name[-1][1], hi)
                return self.speaker_from(n0, name[-1][1], app)
        if first_pronoun < hi:
            word = re.compile(r"\w+").match(self.masked, first_pronoun).group(0)  # "they," is "they"
            return self._pronoun(word.lower(), word, first_pronoun, first_pronoun + len(word))
        return None

    def _clause_subject(self, lo: int, hi: int) -> _Speaker | None:
        """The subject of "A Bishkek-based economist, who …, was blunter: \"…\"" (before its verb)."""
        m = re.search(r"[,:;]", self.masked[lo:hi])
        end = lo + m.start() if m else hi
        words = list(re.finditer(r"\S+", self.masked[lo:end]))
        for w in words:
            if w.group(0).lower() in _FINITE or _VERB_RE.fullmatch(w.group(0)):
                end = lo + w.start()
                break
        return self.speaker_from(lo, end) if self.masked[lo:end].strip() else None

    def _transcript_paragraphs(self) -> dict[int, tuple[int, int, int]]:
        """``para_id -> (name_start, name_end, body_start)`` of ``Name: text`` turns (two or more)."""
        turns = {}
        para_start: dict[int, int] = {}
        for para_id, _, lo, _ in self.sents:
            para_start.setdefault(para_id, lo)
        for para_id, lo in para_start.items():
            line_end = self.text.find("\n", lo)
            line = self.text[lo: line_end if line_end >= 0 else len(self.text)]
            m = _TRANSCRIPT_RE.match(line)
            if not m:
                continue
            name = m.group("name")
            words = name.split()
            if len(words) > 6 or not all(w[0].isupper() or w in {"of", "the", "and"} for w in words):
                continue
            if words[0].lower() in _STOP and name.lower() not in _ANSWER_LABELS:
                continue
            turns[para_id] = (lo, lo + m.end("name"), lo + m.start("body"))
        return turns if len(turns) >= 2 else {}

    # ---------------------------------------------------------------- rows
    def rows(self):
        self.introductions()
        self.short_mentions()
        atts = self.attributions()
        by_sent: dict[int, list[_Attribution]] = {}
        for a in atts:
            by_sent.setdefault(a.sent, []).append(a)
        assigned: dict[int, list[tuple[int, int]]] = {}
        spoken_in: dict[int, _Attribution] = {}
        for a in atts:
            spoken_in.setdefault(a.sent, a)
        out = []
        for qs, qe in self.quotes:
            ks = [i for i, (_, _, s, e) in enumerate(self.sents) if s < qe and qs < e]
            if not ks or (qs, qe) in self.titles:
                continue  # a title: the report titled "…"
            cands = [a for i in ks for a in by_sent.get(i, []) if not (a.tag[0] <= qs and qe <= a.tag[1])]
            if cands:
                best = min(cands, key=lambda a: max(a.tag[0] - qe, qs - a.tag[1], 0))
                assigned.setdefault(id(best), []).append((qs, qe))
                out.append(self._row(best, qs, qe, "direct", best.pattern))
                continue
            qtext = self.text[qs:qe]
            inner = qtext.strip("\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb ")
            speechlike = count_words(inner) >= self.min_words and re.search(r"[.!?,;]$", inner)
            k0 = ks[0]
            lo = self.sents[k0][2]
            if self.masked[lo:qs].rstrip().endswith(":"):
                sp = self._clause_subject(lo, qs)
                if sp is not None:
                    att = _Attribution(k0, (sp.start, sp.end), sp, ":", "X: quote")
                    spoken_in[k0] = att
                    out.append(self._row(att, qs, qe, "direct", "X: quote"))
                    continue
            # a quotation inside the writer's own clause ("But this framing ignores \"…\"", "Banners promised
            # \"…\"") is a mention or a scare quote: it does not continue the last speaker, and a title or
            # formula in capitals ("The summit promoted \"Mutual Respect, Mutual Trust\"") is nobody's speech
            before = self.masked[lo:qs].strip()
            opens = not before or bool(re.fullmatch(r"(?:and|but|still|yet|so|then|also|now|indeed)\W*", before,
                                                    re.I))
            prev = spoken_in.get(k0 - 1)
            if prev and self.sents[k0 - 1][0] == self.sents[k0][0] and speechlike and \
                    (opens or self._paraphrases(before, prev.speaker, inner)):
                cont = _Attribution(k0, prev.tag, prev.speaker, prev.verb, "continuation")
                spoken_in[k0] = cont
                out.append(self._row(cont, qs, qe, "direct", "continuation"))
                continue
            if speechlike and inner[:1].isupper() and not _title_case(inner):
                sp = _Speaker(None, "unattributed", "none", "", -1, -1)
                out.append(self._row(_Attribution(k0, (qs, qs), sp, "", "unattributed"), qs, qe, "direct",
                                     "unattributed"))
        for a in atts:
            if id(a) in assigned:
                continue
            lo, hi = self.sents[a.sent][2], self.sents[a.sent][3]
            left = (lo, a.tag[0])
            right = (a.tag[1], hi)
            s, e = max(left, right, key=lambda se: len(self.masked[se[0]:se[1]].split()))
            head = self.masked[left[0]:left[1]].strip(" ,")
            if (s, e) == left and (_ADVERBIAL.match(head) or re.search(r"\bthat$", head)):
                s, e = right  # "In a statement, the company said …", "Documents show that the company said …"
            seg = self.text[s:e]
            # "told reporters on Monday that …": the statement starts after "that"
            lead = re.match(r"[\s,:;\u2014\u2013-]*(?:[\w'\u2019.-]+\s+){0,6}?that\s+", seg) if s == right[0] else None
            if lead:
                s += lead.end()
            if s >= a.tag[1]:
                turn = _WRITER_TURN.search(self.masked, s, e)
                if turn:
                    e = turn.start()  # "… claims that A, but this framing ignores B": B is the writer's
            dateline = _DATELINE.match(self.text, s, e)
            if dateline:
                s = dateline.end()
            seg = self.text[s:e]
            s += len(seg) - len(seg.lstrip(" ,:;\u2014\u2013-"))
            seg = self.text[s:e]
            e = s + len(seg.rstrip(" ,;:\u2014\u2013-"))
            if count_words(self.text[s:e]) < 3:
                continue
            out.append(self._row(a, s, e, "reported", a.pattern))
        out.extend(self._transcript_rows())
        out.sort(key=lambda r: (r["start"], r["end"]))
        return out

    def _paraphrases(self, before: str, speaker: _Speaker, inner: str = "") -> bool:
        """Whether the writer's words ``before`` a quotation ``inner`` go on paraphrasing ``speaker``.

        A partial quotation inside the writer's sentence continues the speaker of
        the sentence before when it carries the sentence's verb ("The letter
        \"expresses the concerns of …\"") or when the writer's words refer back
        to the speaker: a pronoun, a token of their name, the noun they were
        called by, their state ("Astana plans to expand its fleet 'from 17 to 34
        vessels'"). A writer's contrast ("But this framing ignores …") never does;
        a noun phrase the writer's verb takes ("Banners promised \"mutual
        respect\"") does not either.
        """
        if re.match(r"(?:but|yet|however|still)\b", before, re.I) or _WRITER_TURN.match(", " + before):
            return False
        words = re.findall(r"[\w'\u2019-]+", inner)
        if words and words[0][:1].islower() and (any(w.lower() in _FINITE for w in words)
                                                 or words[0].endswith(("es", "ed"))
                                                 or (len(words) > 1 and words[1].endswith("ed"))):
            return True  # the quotation is a clause of the speaker's own: "… \"are essential to us\""
        if re.search(r"\b(?:he|she|his|her|him|they|their|them|it|its)\b", before, re.I):
            return True
        ent = self.entities.get(speaker.key) if speaker.key else None
        if ent is None:
            return False
        if any(re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", before) for t in ent.tokens):
            return True
        noun = speaker.surface.split()[-1].lower() if speaker.surface else ""
        if noun and len(noun) > 2 and re.search(rf"\b{re.escape(noun)}\b", before, re.I):
            return True
        country = state_of(" ; ".join(ent.descriptions)) or state_of(ent.key)
        return bool(country) and state_of(before) == country

    def _transcript_rows(self) -> list[dict]:
        """Rows of the ``Name: text`` turns; the asker's turns are flagged ``_question``.

        ``Q:``/``Question:`` turns are a reporter's (speaker unknown); ``A:``/``Answer:``
        turns are the answerer's: the person most often named as a speaker of
        the transcript, else the last person named before it (the page title
        "Spokesperson Wang Wenbin's Regular Press Conference" counts).
        """
        turns = self._transcript_paragraphs()
        labels = {p: self.text[n0:n1].strip() for p, (n0, n1, _) in turns.items()}
        speakers = {}
        for para_id, (n0, n1, _) in turns.items():
            low = labels[para_id].lower()
            if low in {"q", "question", "questioner"}:
                speakers[para_id] = _Speaker(None, "unresolved", "unresolved", labels[para_id], n0, n1, "reporter")
            elif low not in _ANSWER_LABELS:
                speakers[para_id] = self.speaker_from(n0, n1)
        if any(lab.lower() in _ANSWER_LABELS for lab in labels.values()):
            named = [sp.key for p, sp in speakers.items() if sp is not None and sp.kind == "person" and sp.key
                     and labels[p].lower() not in _QUESTION_LABELS]
            first = min(n0 for n0, _, _ in turns.values())
            key = max(named, key=named.count) if named else self._last_mention(first, lambda e: e.kind == "person")
            for para_id, (n0, n1, _) in turns.items():
                if labels[para_id].lower() in _ANSWER_LABELS:
                    speakers[para_id] = (_Speaker(key, self.entities[key].kind, "answerer", labels[para_id], n0, n1)
                                         if key else _Speaker(None, "unresolved", "unresolved", labels[para_id], n0,
                                                              n1))
        rows = []
        for para_id, (n0, n1, b0) in turns.items():
            sp = speakers.get(para_id)
            if sp is None:
                continue
            k = next(i for i, s in enumerate(self.sents) if s[0] == para_id)
            end = max(s[3] for s in self.sents if s[0] == para_id)
            row = self._row(_Attribution(k, (n0, n1), sp, ":", "transcript"), b0, end, "transcript", "transcript")
            row["_question"] = labels[para_id].lower() in _QUESTION_LABELS
            rows.append(row)
        return rows

    def _row(self, a: _Attribution, s: int, e: int, kind: str, pattern: str) -> dict:
        para_id, sent_id, _, _ = self.sents[a.sent]
        sp = a.speaker
        ent = self.entities.get(sp.key) if sp.key else None
        descriptions = list(ent.descriptions) if ent else ([sp.description] if sp.description else [])
        return {"doc_id": None, "speaker": sp.key, "quote": self.text[s:e], "verb": a.verb, "start": s, "end": e,
                "para_id": para_id, "sent_id": sent_id, "kind": kind, "pattern": pattern,
                "speaker_text": sp.surface, "speaker_start": sp.start, "speaker_end": sp.end,
                "speaker_kind": sp.kind, "resolution": sp.resolution if pattern != "continuation" else "continuation",
                "description": " ; ".join(d for d in descriptions if d), "_members": ent.members if ent else ()}


_NOUN_CLASSES = {
    "diplomat": ("ambassador", "chief of mission", "envoy", "consul", "diplomat", "chargé", "attach"),
    "envoy": ("ambassador", "envoy", "chief of mission"),
    "official": ("official", "minister", "spokes", "ambassador", "secretary", "chief of mission", "customs",
                 "ministry", "government", "department"),
    "expert": ("research", "expert", "fellow", "professor", "scholar", "analyst", "institute", "academy"),
    "researcher": ("research", "fellow", "scholar", "institute", "academy"),
    "scholar": ("research", "fellow", "scholar", "professor", "institute", "academy", "university"),
    "analyst": ("analyst", "research", "fellow", "expert"),
    "executive": ("ceo", "chief executive", "executive", "founder", "chairman", "director", "manager", "company"),
    "minister": ("minister",),
    "spokesperson": ("spokes",), "spokesman": ("spokes",), "spokeswoman": ("spokes",),
}


_LEADERS: dict[str, str] | None = None
_SINGLE: frozenset[str] | None = None


def _actor_aliases():
    from .lexicon import load_lexicon

    return [(a["id"], [str(a.get("label", a["id"]))] + [str(x) for x in a.get("aliases") or []])
            for a in load_lexicon("actors").get("actors") or []]


def _single_token_aliases() -> frozenset[str]:
    """One-word states, capitals, demonyms and leaders' surnames of the actors lexicon."""
    global _SINGLE
    if _SINGLE is None:
        _SINGLE = frozenset(a for _, aliases in _actor_aliases() for a in aliases if " " not in a)
    return _SINGLE


def _leader_name(alias: str) -> str | None:
    """The full name a leader's one-word alias stands for ("Xi" -> "Xi Jinping"), else None."""
    global _LEADERS
    if _LEADERS is None:
        _LEADERS = {}
        for _, aliases in _actor_aliases():
            for a in aliases:
                toks = a.split()
                # a person's full name: two or three capitalised words, none of them a title or a body
                if 2 <= len(toks) <= 4 and all(t[:1].isupper() for t in toks) and not any(
                        t.lower() in _ORG_WORDS | _STOP | {"president", "prime", "minister", "republic", "kyrgyz",
                                                           "russian", "federation", "white"} for t in toks):
                    for t in toks:
                        _LEADERS.setdefault(t, a)
    return _LEADERS.get(alias)


def _reference(article: dict, outlets) -> str | None:
    for col in ("original_source", "publisher"):
        value = article.get(col)
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            continue
        outlet = outlets.get(str(value))
        if outlet is not None and outlet.country:
            return outlet.country
    return None


def quotes(corpus, *, affiliations=None, outlets=None, home: str | None = None, min_words: int = 4) -> pd.DataFrame:
    """Direct quotations and attributed statements, with speakers and affiliation types.

    Parameters
    ----------
    corpus : Corpus
    affiliations : path or AffiliationLexicon, optional
        A user affiliation lexicon extending ``lexicons/affiliations.yaml``
        (see :func:`framing.affiliations.load_affiliations`).
    outlets : Outlets, optional
        Known outlets and institutions (default :func:`framing.lexicon.load_outlets`).
    home : str, optional
        The reference country for every article (ISO code such as ``"CN"`` or
        an actor id such as ``"china"``): officials of other states are
        ``foreign_official``. Default: each article's original source's country,
        else its publisher's (``lexicons/outlets.yaml``); where neither is
        known, officials are ``government_official``.
    min_words : int
        Shortest quotation (in words) that counts without an attribution in its
        own sentence (continuations, unattributed speech); shorter ones are
        scare quotes or titles.

    Returns
    -------
    DataFrame
        One row per quotation or statement, in text order:

        - ``doc_id``; ``speaker`` (canonical name, or the noun phrase of an
          unnamed source; None when unresolved or unattributed)
        - ``affiliation`` (the organisation named, else the deciding cue),
          ``affiliation_type`` (see ``lexicons/affiliations.yaml``)
        - ``quote`` (the text; quotation marks included for direct quotes),
          ``verb``, ``start``, ``end`` (character offsets in the article text)
        - ``para_id``, ``sent_id`` (of the attribution's sentence)
        - ``kind``: ``direct`` | ``reported`` | ``transcript`` | ``question`` (a
          journalist's turn in a transcript; not counted by :func:`voices_by`)
        - ``pattern``: ``X said`` | ``said X`` | ``according to X`` |
          ``X, saying`` | ``X: quote`` | ``continuation`` | ``transcript`` |
          ``unattributed``
        - ``speaker_text``, ``speaker_start``, ``speaker_end``: the speaker as
          written at the attribution ("he", "the ambassador")
        - ``speaker_kind``: ``person`` | ``organisation`` | ``group`` |
          ``document`` | ``state`` | ``unresolved`` | ``unattributed``
        - ``resolution``: ``name`` | ``short_name`` | ``fuzzy`` | ``pronoun`` |
          ``nominal`` | ``unnamed`` | ``continuation`` | ``answerer`` |
          ``unresolved`` | ``none``
        - ``description`` (everything the article says about the speaker,
          ``" ; "``-joined), ``cue``, ``country`` (actor id), ``former`` (the
          description names a former official post)

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "According to Lin Bo, an official with the Ministry of Commerce, "
    ...                                 "exports of machinery rose.", "publisher": "Xinhua"}])
    >>> quotes(c)[["speaker", "affiliation", "affiliation_type", "kind"]].values.tolist()
    [['Lin Bo', 'Ministry of Commerce', 'government_official', 'reported']]
    """
    lex = load_affiliations(affiliations) if not isinstance(affiliations, AffiliationLexicon) else affiliations
    outlets = outlets or load_outlets()
    arts = corpus.articles
    sents = corpus.sentences
    by_doc = {d: list(zip(g["para_id"], g["sent_id"], g["start"], g["end"]))
              for d, g in sents.groupby("doc_id", sort=False)}
    rows = []
    for art in arts.to_dict("records"):
        doc_id = art["doc_id"]
        text = art.get("text") or ""
        if not text or doc_id not in by_doc:
            continue
        title = art.get("title")
        article = _Article(text, by_doc[doc_id], title=title if isinstance(title, str) else "", lexicon=lex,
                           outlets=outlets, min_words=min_words)
        reference = home or _reference(art, outlets)
        typed: dict = {}
        for r in article.rows():
            members = r.pop("_members", ())
            key = (r["speaker"], r["description"], members)
            if key not in typed:
                typed[key] = (group_affiliation(members, reference=reference, lexicon=lex, outlets=outlets)
                              if members else
                              affiliation_of(r["description"], reference=reference, speaker=r["speaker"],
                                             lexicon=lex, outlets=outlets))
            aff = typed[key]
            r.update(doc_id=doc_id, affiliation=aff.organisation or aff.cue, affiliation_type=aff.type,
                     cue=aff.cue, country=aff.country, former=aff.former)
            # a journalist's turn in a transcript asks; the outlet does not quote the media as a source
            if r["kind"] == "transcript" and (r.pop("_question", False) or aff.type == "media"):
                r["kind"] = "question"
            r.pop("_question", None)
            rows.append(r)
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "former": "bool"}) if len(df) else df


def voices_by(corpus, by: str = "source_type", *, quotes_table: pd.DataFrame | None = None, unit: str = "speakers",
              top: int = 3, ci: float = 0.95, min_docs: int = MIN_DOCS, min_group_words: int = MIN_WORDS,
              **kwargs) -> pd.DataFrame:
    """Who gets quoted by which group: affiliation types per group, with Wilson intervals.

    Parameters
    ----------
    corpus : Corpus
    by : str
        A column of ``corpus.articles`` (``source_type``, ``publisher``,
        ``original_source`` ...).
    quotes_table : DataFrame, optional
        Precomputed :func:`quotes` (else computed with ``**kwargs``).
    unit : {"speakers", "quotes"}
        Count distinct speakers per article (a voice quoted six times in one
        story counts once) or every quotation/statement.
    top : int
        How many of the most quoted speakers to list per group and type.
    ci : float
        Confidence level of the Wilson score interval on each share.
    min_docs, min_group_words : int
        A group of fewer articles or words (default :data:`framing.stats.MIN_DOCS`,
        :data:`framing.stats.MIN_WORDS`) gets its shares without intervals
        and a ``ci_note`` saying so (``min_words`` is the quotation length of
        :func:`quotes`).

    Returns
    -------
    DataFrame
        One row per group and affiliation type (types never quoted in a group
        included, with zero): ``group, affiliation_type, n, total, share,
        ci_low, ci_high, n_docs, top_speakers, by, unit, ci_note``. ``n`` counts the
        unit, ``total`` the group's units, ``n_docs`` the group's articles with
        such a voice, ``top_speakers`` is ``"Name (count); ..."``. The Wilson
        interval treats voices as independent; voices in one article are not
        quite, so read narrow intervals from few articles with care.
        Questions of a transcript (``kind == "question"``: a reporter or news
        outlet asking at a press conference) are not voices and are left out.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": '"We are ready," said Lin Bo, a spokesperson for the ministry.',
    ...                         "source_type": "state_media"}])
    >>> v = voices_by(c)
    >>> v.loc[v.n > 0, ["group", "affiliation_type", "n", "share"]].values.tolist()
    [['state_media', 'government_official', 1, 1.0]]
    """
    if unit not in ("speakers", "quotes"):
        raise ValueError(f"unit must be 'speakers' or 'quotes', got {unit!r}")
    q = quotes(corpus, **kwargs) if quotes_table is None else quotes_table
    if "kind" in q:
        q = q[q["kind"] != "question"]  # a journalist asking at a press conference is no voice the outlet quotes
    groups = document_groups(corpus.articles, by)
    q = q.assign(group=q["doc_id"].map(groups).fillna("unknown"),
                 who=q["speaker"].where(q["speaker"].notna(), "(unattributed)"))
    if unit == "speakers":
        units = q.drop_duplicates(["doc_id", "who"])
    else:
        units = q
    lex = load_affiliations(kwargs.get("affiliations")) if kwargs.get("affiliations") is not None \
        else load_affiliations()
    types = list(dict.fromkeys(list(lex.types) + sorted(set(units["affiliation_type"].dropna()))))
    all_groups = sorted(set(groups.unique()) | set(units["group"].unique()))
    rows = []
    for g in all_groups:
        sub = units[units["group"] == g]
        total = len(sub)
        for t in types:
            st = sub[sub["affiliation_type"] == t]
            counts = q[(q["group"] == g) & (q["affiliation_type"] == t)]["who"].value_counts()
            tops = "; ".join(f"{name} ({n})" for name, n in counts.head(top).items())
            rows.append({"group": g, "affiliation_type": t, "n": len(st), "total": total,
                         "n_docs": st["doc_id"].nunique(), "top_speakers": tops})
    out = pd.DataFrame(rows, columns=["group", "affiliation_type", "n", "total", "n_docs", "top_speakers"])
    low, high = wilson_interval(out["n"].to_numpy(), out["total"].to_numpy(), ci=ci)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(out["total"] > 0, out["n"] / out["total"].where(out["total"] > 0, 1), np.nan)
    # statsmodels' Wilson bound for 0 of 3 comes out as 5.6e-17, a hair above the share
    low = np.where(np.isnan(share), low, np.minimum(low, share))
    high = np.where(np.isnan(share), high, np.maximum(high, share))
    out.insert(4, "share", share)
    out.insert(5, "ci_low", low)
    out.insert(6, "ci_high", high)
    out["by"] = by
    out["unit"] = unit
    # a group of few articles or words: the share without an interval (voices of one article are not independent)
    arts = corpus.articles
    size = pd.DataFrame({"group": groups.to_numpy(), "n_words": arts["n_words"].to_numpy()}).groupby("group")
    docs_of, words_of = size.size(), size["n_words"].sum()
    out["ci_note"] = [interval_note(int(docs_of.get(g, 0)), float(words_of.get(g, 0)), min_docs=min_docs,
                                    min_words=min_group_words) for g in out["group"]]
    out.loc[out["ci_note"] != "", ["ci_low", "ci_high"]] = np.nan
    return out[["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high", "n_docs", "top_speakers",
                "by", "unit", "ci_note"]]
