"""Attribution patterns: who said what, sentence by sentence.

With a reporting verb of ``lexicons/voices.yaml`` (a ``weak`` one only
before *that*, a colon, a quotation or the end of its clause; a passive "was
reported" never attributes):

- ``"X said"``: the speaker before the verb (:meth:`SpeakerPhrases.before_verb`);
- ``"said X"``: the speaker after it (:meth:`SpeakerPhrases.after_verb`);
- ``"according to X"`` (also *in the words of X*); it gives way to a verb
  pattern of the same sentence when it names an outlet or document;
- ``"X, saying"``: a participle followed by *that* or a quotation belongs to
  the subject of the sentence;
- ``"documents show that …"``: a document's evidence verb attributes to the document.

Examples
--------
>>> from framing.affiliations import load_affiliations
>>> from framing.lexicon import load_outlets
>>> from framing.voices.spans import ArticleText
>>> from framing.voices.speakers import SpeakerResolver
>>> text = "Trade will grow, Ana Ruiz said on Monday."
>>> doc = ArticleText(text, [(1, 1, 0, len(text))])
>>> found = AttributionFinder(SpeakerResolver(doc, load_affiliations(), load_outlets())).attributions()
>>> [(a.speaker.key, a.verb, a.pattern) for a in found]
[('Ana Ruiz', 'said', 'X said')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import Speaker
from .names import bare
from .speakers import POSTMODIFIER_RE, SpeakerResolver
from .words import ACCORDING_RE, VERB_RE, WORDS

__all__ = ["ADVERBIAL_RE", "Attribution", "SpeakerPhrases", "AttributionFinder"]

#: An adverbial that may stand between a speaker and the verb, or open a sentence ("In a statement, ...").
ADVERBIAL_RE = re.compile(r"^(?:for (?:example|instance|his part|her part|their part|its part)|however|meanwhile|"
                          r"in turn|too|though|also|moreover|similarly|in (?:an|a) (?:interview|statement|speech)\b.*|"
                          r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|by contrast|in contrast|"
                          r"likewise|again|instead|nevertheless|meanwhile|for his or her part)$", re.I)
_CLAUSE_END = re.compile(r"\s*(?:(?:on|in|last|this|earlier|late|early)\s+[\w-]+(?:\s+[\w-]+)?)?\s*[.;]?\s*$")
# "documents show that …": a document's evidence verb attributes like "the report says", to documents only
_EVIDENCE_RE = re.compile(r"\b(?:show|shows|showed|indicate|indicates|indicated)\b")
# "says little about …", "said nothing of …": the writer describes what a source covers, nobody is quoted
_CONTENT_OBJECT = re.compile(r"\s+(?:(?:very|relatively|surprisingly|remarkably|rather|so|too)\s+)?(?:little|nothing|"
                             r"much|less|more|a\s+lot|a\s+great\s+deal|something|anything)\s+(?:about|of|on|"
                             r"regarding|concerning)\b", re.I)


@dataclass
class Attribution:
    """A speaker attributed in sentence ``sent`` by the words at ``tag`` (start, end), with its verb and pattern."""

    sent: int
    tag: tuple[int, int]
    speaker: Speaker
    verb: str
    pattern: str


class SpeakerPhrases:
    """The speaker of a reporting verb: the noun phrase after it, before it, or the sentence's subject.

    Parameters
    ----------
    resolver : SpeakerResolver
    """

    def __init__(self, resolver: SpeakerResolver):
        self.resolver = resolver
        self.doc = resolver.doc

    def after_verb(self, k, lo, hi, vs, ve, verb) -> Attribution | None:
        """``"…," said Berg``: the speaker after an invertible verb at ``vs:ve`` of sentence ``k``."""
        masked = self.doc.masked
        if verb not in WORDS.invertible:
            return None
        pre = masked[lo:vs].rstrip()
        if pre and pre[-1] not in ",#:" and not pre.endswith("--"):
            return None
        m = re.match(r"\s+", masked[ve:hi])
        s0 = ve + (m.end() if m else 0)
        nxt = re.match(r"[\w'\u2019-]+", masked[s0:hi])
        if not nxt:
            return None
        w = nxt.group(0)
        if not (w[0].isupper() or w.lower() in {"the", "a", "an", "he", "she", "one"}) or \
                w.lower() in WORDS.stop_words - {"the", "a", "an", "he", "she"} or w in {"On", "In", "At", "That"}:
            return None
        np_end = self.doc.np_end(s0, hi)
        app, app_end = self.resolver.descriptions.appositive(np_end, hi)
        sp = self.resolver.speaker_from(s0, np_end, app)
        if not sp:
            return None
        return Attribution(k, (vs, max(np_end, app_end)), sp, verb, "said X")

    def before_verb(self, k, lo, hi, vs, ve, verb, found) -> Attribution | None:
        """``Ruiz said``, ``X, a researcher at Y, noted``: the speaker before the verb at ``vs:ve``."""
        doc, masked = self.doc, self.doc.masked
        pos = vs
        while True:  # skip adverbs and auxiliaries: "has also said", "Xu, for example, highlighted"
            m = doc.word_before(lo, pos)
            if m and m.group(1).lower() in WORDS.skip_before_verb:
                pos = m.start(1)
                continue
            break
        start = doc.chunk_start(lo, pos)
        description = ""
        hops = 0
        while not masked[start:pos].strip(" ,") and start > lo and hops < 3:
            hops += 1
            sep = masked[start - 1]
            if sep.isalpha():  # coordination: "agreed that …, but warned that"
                if found:
                    return None
                sp = self.sentence_subject(lo, vs)
                return Attribution(k, (sp.start, ve), sp, verb, "X said") if sp else None
            if sep != ",":
                return None
            prev_end = start - 1
            prev_start = doc.chunk_start(lo, prev_end, frozenset())  # an appositive may hold "and"
            chunk = masked[prev_start:prev_end].strip()
            if ADVERBIAL_RE.match(chunk):
                pos, start = prev_start, doc.chunk_start(lo, prev_start)
                if masked[prev_start - 1:prev_start] == ",":
                    pos = prev_start - 1
                    start = doc.chunk_start(lo, pos)
                continue
            first = chunk.split()[0] if chunk.split() else ""
            if chunk and (first[:1].islower() or first.lower() in {"a", "an", "the"}) and \
                    first.lower() not in WORDS.appositive_stops and len(chunk.split()) <= 30:
                description = doc.text[prev_start:prev_end].strip()
                pos = prev_start - 1 if masked[prev_start - 1:prev_start] == "," else prev_start
                start = doc.chunk_start(lo, pos)
                continue
            pos, start = prev_end, prev_start
            break
        if not masked[start:pos].strip(" ,"):
            return None
        # "Documents show the company said": the speaker starts after a document's evidence verb
        for ev in _EVIDENCE_RE.finditer(masked, max(start, pos - 200), pos):  # a speaker is short
            start = ev.end()
        if not masked[start:pos].strip(" ,"):
            return None
        group = self.coordinated_group(lo, start, pos, description)
        if group is not None:
            return Attribution(k, (group.start, ve), group, verb, "X said")
        # a title before the speaker at the start of the sentence: "A senior official, Rebecca Lowell, said"
        sp = self.resolver.speaker_from(start, pos, description)
        if sp is None:
            return None
        if sp.resolution == "name" and masked[start - 1:start] == "," and sp.kind == "person":
            pre = doc.text[doc.chunk_start(lo, start - 1):start - 1].strip()
            if pre and pre.split()[0].lower() in {"a", "an", "the"} and self.resolver.descriptions.has_cue(pre) \
                    and sp.key:
                self.resolver.registry.entities[sp.key].descriptions.append(
                    re.sub(r"^(?:a|an|the)\s+", "", pre, flags=re.I))
        return Attribution(k, (sp.start, ve), sp, verb, "X said")

    def _group_np(self, s: int, e: int) -> bool:
        """``masked[s:e]`` is a short unnamed noun phrase ending in a cue ("local officials", "scholars")."""
        if e - s > 100:  # four words at most, found without splitting a run-on sentence
            return False
        np_text = self.doc.masked[s:e].strip(" ,")
        words = np_text.split()
        if not words or len(words) > 4 or "#" in np_text:
            return False
        hits = self.resolver.descriptions.lex.matcher.find(np_text)
        if not hits or hits[-1].end < len(np_text):
            return False
        title_words = self.resolver.names.title_words
        for w in np_text[:hits[-1].start].split():
            low = w.lower()
            if not (low in WORDS.determiners or low in WORDS.group_modifiers or low in title_words
                    or (w[:1].isupper() and not VERB_RE.fullmatch(low))):
                return False  # "The minister met farmers and officials said": a clause, not a list
        return True

    def coordinated_group(self, lo: int, start: int, pos: int, description: str) -> Speaker | None:
        """Unnamed sources listed together ("officials, entrepreneurs and scholars say"): one group speaker.

        Each listed kind is kept in the entity's ``members`` and typed alone
        (:func:`framing.affiliations.group_affiliation`): a group of several
        types is a ``mixed_group``, never the type of its last noun.
        """
        doc, masked = self.doc, self.doc.masked
        w = max(lo, start - 16)  # a window: a run-on sentence asks this for each of its verbs
        conj = re.search(r"(?:,\s*|\s+)(?:and|or)\s*$", masked[w:start])
        if not conj or not self._group_np(start, pos):
            return None
        members = [(start, pos)]
        sep = w + conj.start()
        while True:
            s0 = doc.chunk_start(lo, sep)
            if not self._group_np(s0, sep):
                break
            members.insert(0, (s0, sep))
            w = max(lo, s0 - 8)
            comma = re.search(r",\s*$", masked[w:s0])
            if not comma:
                break
            sep = w + comma.start()
        if len(members) < 2:
            return None
        raw = masked[members[0][0]:pos]
        np_start = members[0][0] + len(raw) - len(raw.lstrip(" ,"))
        np_end = pos - (len(raw) - len(raw.rstrip(" ,")))
        shown = doc.text[np_start:np_end]
        registry = self.resolver.registry
        key = registry.register(re.sub(r"^(?:the|a|an)\s+", "", shown, flags=re.I), np_start, [shown, description],
                                kind="group")
        registry.entities[key].members = tuple(doc.text[s:e].strip(" ,") for s, e in members)
        return Speaker(key, "group", "unnamed", shown, np_start, np_end, description)

    def sentence_subject(self, lo: int, hi: int) -> Speaker | None:
        """The first person named (or pronoun) in ``masked[lo:hi]``: the subject of a participle."""
        masked, names = self.doc.masked, self.resolver.names
        for m in re.finditer(r"\b(?:He|She|he|she|They|they)\b", masked[lo:hi]):
            first_pronoun = lo + m.start()
            break
        else:
            first_pronoun = hi
        for run in names.cap_runs(lo, first_pronoun):
            prefix, name = names.split_name(run)
            if name and names.is_person_name(name, prefix) and \
                    (len(name) > 1 or self.resolver.registry.known_token(bare(name[0][2]))):
                app, _ = self.resolver.descriptions.appositive(name[-1][1], hi)
                return self.resolver.speaker_from(name[0][0], name[-1][1], app)
        if first_pronoun < hi:
            word = re.compile(r"\w+").match(masked, first_pronoun).group(0)  # "they," is "they"
            return self.resolver.registry.pronoun(word.lower(), word, first_pronoun, first_pronoun + len(word))
        return None

    def clause_subject(self, lo: int, hi: int) -> Speaker | None:
        """The subject of "A Bishkek-based economist, who …, was blunter: \"…\"" (before its verb)."""
        masked = self.doc.masked
        m = re.search(r"[,:;]", masked[lo:hi])
        end = lo + m.start() if m else hi
        for w in re.finditer(r"\S+", masked[lo:end]):
            if w.group(0).lower() in WORDS.finite_verbs or VERB_RE.fullmatch(w.group(0)):
                end = lo + w.start()
                break
        return self.resolver.speaker_from(lo, end) if masked[lo:end].strip() else None


class AttributionFinder:
    """Every attribution of one article, sentence by sentence (transcript turns left to their rows).

    Parameters
    ----------
    resolver : SpeakerResolver
        Reads each pattern's noun phrase; its registry remembers the speakers in text order, so
        the sentences must be read in order and once.
    """

    def __init__(self, resolver: SpeakerResolver):
        self.phrases = SpeakerPhrases(resolver)
        self.resolver, self.doc = resolver, resolver.doc

    def attributions(self) -> list[Attribution]:
        """The attributions of every sentence, in sentence order, one per speaker and sentence."""
        out: list[Attribution] = []
        transcript = self.doc.transcript_paragraphs()
        for k, (para_id, _, lo, hi) in enumerate(self.doc.sents):
            if para_id in transcript:
                continue
            found = self._verbs(k, lo, hi)
            found.extend(self._according(k, lo, hi))
            found.extend(self._evidence(k, lo, hi, found))
            out.extend(_merged(found))
        return out

    def _verbs(self, k: int, lo: int, hi: int) -> list[Attribution]:
        masked = self.doc.masked
        found: list[Attribution] = []
        for m in VERB_RE.finditer(masked[lo:hi]):
            vs, ve = lo + m.start(), lo + m.end()
            verb = m.group(0)
            before = self.doc.token_before(lo, vs)
            if before and before.lower() in WORDS.passive_auxiliaries and "quoted" not in verb:
                continue  # passive: "had been reported"
            if m.group("part"):
                if before and before.lower() in {"worth", "without"}:
                    continue
                if not re.match(r"\s*(?:that\b|#|:)", masked[ve:hi]):
                    continue
                if found:
                    continue  # "…, adding that": the speaker already attributed in this sentence
                sp = self.phrases.sentence_subject(lo, vs)
                if sp:
                    found.append(Attribution(k, (sp.start, ve), sp, verb, "X, saying"))
                continue
            weak = bool(m.group("weak"))
            rest = masked[ve:hi]
            if _CONTENT_OBJECT.match(rest) or (verb in ("answered", "responded", "replied") and re.match(
                    r"\s+(?:to\s+)?(?:[\w'\u2019-]+\s+){0,2}?(?:questions?|queries)\b", rest)):
                continue  # "It says very little about debt", "answered questions": nobody is quoted
            # a weak verb reports speech before "that", a colon or a quotation, or at the end of the
            # sentence ("…, Reuters reported on Friday.")
            if weak and not (re.search(r"^\s*(?:[\w'\u2019-]+\s+){0,3}?that\b|^\s*:|#", rest)
                             or _CLAUSE_END.match(rest)):  # "expressed the hope that"
                continue
            att = self.phrases.after_verb(k, lo, hi, vs, ve, verb) or \
                self.phrases.before_verb(k, lo, hi, vs, ve, verb, found)
            if att:
                found.append(att)
        return found

    def _according(self, k: int, lo: int, hi: int) -> list[Attribution]:
        found = []
        for m in ACCORDING_RE.finditer(self.doc.masked[lo:hi]):
            s0 = lo + m.end()
            np_end = self.doc.np_end(s0, hi)
            app, app_end = self.resolver.descriptions.appositive(np_end, hi)
            sp = self.resolver.speaker_from(s0, np_end, app)
            if sp and (sp.key or sp.description):  # "according to the company", unresolved, is a business
                found.append(Attribution(k, (lo + m.start(), max(np_end, app_end)), sp, m.group(0).strip(),
                                         "according to X"))
        return found

    def _evidence(self, k: int, lo: int, hi: int, found: list[Attribution]) -> list[Attribution]:
        """"documents show that …", "the data indicate that …": sources, attributed as "the report says"."""
        masked = self.doc.masked
        out = []
        for m in _EVIDENCE_RE.finditer(masked[lo:hi]):
            vs, ve = lo + m.start(), lo + m.end()
            if not re.match(r"\s+that\b", masked[ve:hi]):
                continue
            subject = POSTMODIFIER_RE.sub("", masked[self.doc.chunk_start(lo, vs):vs].strip(" ,")).split()
            if not subject or re.sub(r"[^\w-]", "", subject[-1]).lower() not in WORDS.document_heads:
                continue  # "the show that …", "Emails obtained by The Hill show that …": no document heads it
            att = self.phrases.before_verb(k, lo, hi, vs, ve, m.group(0), found + out)
            if att and att.speaker.kind == "document":
                out.append(att)
        return out


def _conduit(a: Attribution) -> bool:
    return (a.pattern == "according to X" and a.speaker.kind != "person") or a.verb in ("reported", "reports")


def _merged(found: list[Attribution]) -> list[Attribution]:
    """One attribution per speaker, in text order; an outlet or "according to" a body yields to a speaker."""
    speakers = [a for a in found if not _conduit(a)]
    keep = []
    for a in found:
        if speakers and _conduit(a):
            continue  # "X noted …, according to CNBC", "…, US media reported": the outlet is the conduit
        if any(b.speaker.key == a.speaker.key for b in keep):
            continue
        keep.append(a)
    return sorted(keep, key=lambda a: a.tag[0])
