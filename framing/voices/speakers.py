"""From a noun phrase to a speaker: names, short names, pronouns, nouns, bodies, documents and states.

:class:`SpeakerResolver` reads the noun phrase an attribution pattern gives
(``masked[start:end]``) and returns a :class:`~framing.voices.mentions.Speaker`:
a full ``name`` is remembered with its description; a ``short_name`` or a
misspelt one (``fuzzy``) resolves to a full mention; a ``pronoun`` or a
definite noun (``nominal``) points back; an unnamed source ("local officials",
"industry data") keeps its noun phrase (``unnamed``); a state, capital or
leader of ``lexicons/actors.yaml`` speaks for its state. :func:`register_introductions`
remembers, before any attribution is read, every name the article introduces
with a title or an appositive.

Examples
--------
>>> from framing.affiliations import load_affiliations
>>> from framing.lexicon import load_outlets
>>> from framing.voices.spans import ArticleText
>>> doc = ArticleText("The ambassador said it.", [(1, 1, 0, 23)])
>>> resolver = SpeakerResolver(doc, load_affiliations(), load_outlets())
>>> sp = resolver.speaker_from(0, 14)
>>> sp.key, sp.kind, sp.resolution
('ambassador', 'person', 'unnamed')
"""

from __future__ import annotations

import difflib
import re

from ..affiliations import organisation_in
from .mentions import PRONOUNS, Antecedents, EntityRegistry, Speaker
from .names import DescriptionReader, NameReader, bare, leader_name
from .spans import ArticleText, tokens
from .words import WORDS

__all__ = ["POSTMODIFIER_RE", "SpeakerResolver", "register_introductions"]

#: What follows the head of a noun phrase ("the report released on Monday", "documents seen by Reuters").
POSTMODIFIER_RE = re.compile(r"\s+(?:released|titled|entitled|published|issued|adopted|on|in|at|from|that|which|who|"
                             r"with|by|for|near|across|attending|working|based|(?:seen|reviewed|obtained|viewed|"
                             r"leaked|cited|shown|signed|prepared|drafted|dated|circulated|submitted|filed)\s+(?:by|"
                             r"to|in|at|on|with|during|last|this|earlier)\b)\b.*$")
# who only handled a document ("documents seen by Reuters") is no owner it speaks for
_CONDUIT = re.compile(r"\s+(?:seen|reviewed|obtained|viewed|leaked|cited|shown|circulated)\b.*$")
_TITLE_NAME_RE = re.compile(rf"(?P<title>(?:[A-Z][\w-]*\s+){{0,3}}(?:{WORDS.alternation('title_heads')})\s+)"
                            r"(?P<name>(?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)"
                            r"(?=['\u2019]s\b|\s+(?:at|on|in|to|says|said|meets|visits)\b|[:,]|$)")
_DOC_INTRO_RE = re.compile(r"\b(?P<verb>released|published|issued|unveiled|launched)\s+(?:a|an|its|the|their)\s+"
                           r"(?:[\w-]+\s+){0,3}?(?P<doc>report|study|survey|white paper|statement|index)\b")
_AGE = re.compile(r"\b\d{1,3}[-\s]years?[-\s]old\b")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


class SpeakerResolver:
    """Resolves the noun phrases of one article's attributions to speakers, remembering them.

    Parameters
    ----------
    doc : ArticleText
    lexicon : AffiliationLexicon
    outlets : Outlets

    Attributes
    ----------
    names : NameReader
    descriptions : DescriptionReader
    registry : EntityRegistry
        The article's speakers so far: every resolution adds a mention.
    """

    def __init__(self, doc: ArticleText, lexicon, outlets):
        self.doc = doc
        self.outlets = outlets
        self.names = NameReader(doc, lexicon.title_words)
        self.descriptions = DescriptionReader(doc, lexicon, outlets)
        self.registry = EntityRegistry()
        self.antecedents = Antecedents(doc, self.names, self.registry, lexicon, outlets)

    def speaker_from(self, start: int, end: int, description: str = "") -> Speaker | None:
        """Resolve the noun phrase ``masked[start:end]`` to a speaker (None: no speaker there)."""
        raw = self.doc.masked[start:end]
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
        shown = self.doc.text[start:end]  # as written (titles in quotation marks unmasked)
        low = np_text.lower()
        words = low.split()
        if words[-1] in WORDS.finite_verbs or words[-1] in {"the", "a", "an", "of", "to", "in", "not", "also"}:
            return None
        if any(w in WORDS.finite_verbs for w in words[:-1]):
            return None
        if low in PRONOUNS:
            return self.registry.pronoun(low, np_text, start, end)
        if low in {"i", "we", "you", "one", "us", "me"}:
            return None
        toks = tokens(self.doc.masked, start, end)
        if not toks:
            return None
        # outlets and named bodies: "Xinhua", "CNBC", "Reuters", "the Ministry of Science"
        found = self.outlets.find(np_text)
        lead_det = len(np_text) - len(_ARTICLE.sub("", np_text))
        if found and found[-1][1] >= len(np_text.rstrip(".")) - 2 and found[-1][0] <= lead_det:
            key = self.registry.register(found[-1][2].name, start, [shown, description], kind="organisation")
            return Speaker(key, "organisation", "name", shown, start, end, description)
        named = self._name_at_end(start, end, toks, shown, description)
        if named is not None:
            return named
        content = [t for _, _, t in toks if t.lower() not in WORDS.determiners]
        if content and content[0][0].isupper() and any(bare(t).lower() in WORDS.organisation_words and t[0].isupper()
                                                       for _, _, t in toks) and not self._common_head(toks):
            org = organisation_in(shown, self.outlets) or shown
            key = self.registry.register(_ARTICLE.sub("", org), start, [shown, description], kind="organisation")
            return Speaker(key, "organisation", "name", shown, start, end, description)
        return self._nominal(np_text, start, end, description)

    def _name_at_end(self, start: int, end: int, toks, shown: str, description: str) -> Speaker | None:
        """The person or state named at the end of the phrase ("Foreign Minister Wang Yi", "Astana"), else None."""
        names = self.names
        runs = list(names.cap_runs(start, end))
        tail = runs[-1] if runs and runs[-1][-1][1] >= end - 1 else None
        if tail and len(toks) == 1 and tail[0][0] == self.doc.sentence_start(start) and bare(tail[0][2]) not in \
                names.actor_single and not self.registry.known_token(bare(tail[0][2])) and \
                (tail[0][2].endswith("s") or self.descriptions.has_cue(tail[0][2])):
            return None  # "Forecasters said", "Experts said": a plural noun opening the sentence
        if not tail:
            return None
        prefix, name = names.split_name(tail)
        before = self.doc.masked[start:name[0][0]].split()[-1:] if name else []
        if before and before[0] in WORDS.name_connectors:
            name = []  # "Manufacturers in Shenzhen", "the Ministry of Science and Higher Education"
        if name and names.is_person_name(name, prefix):
            n0 = name[0][0]
            pre = _ARTICLE.sub("", self.doc.text[start:n0].strip(" ,"))
            full = " ".join(bare(t) for _, _, t in name)
            sp = self._named(full, n0, end, shown, [pre, description], names.honorific_gender(prefix))
            sp.start = start  # the whole noun phrase, title included
            return sp
        if len(tail) == 1 and not prefix and bare(tail[0][2]) in names.actor_single and len(toks) == 1:
            return self._state(bare(tail[0][2]), shown, start, end, description)
        return None

    def _common_head(self, toks) -> bool:
        """"Company documents", "Ministry officials": a common noun heads the phrase, not a body's name."""
        last = bare(toks[-1][2])
        return last[:1].islower() and (last.lower() in WORDS.document_heads or last.lower() in WORDS.group_heads
                                       or self.descriptions.has_cue(last))

    def _named(self, full: str, pos: int, end: int, surface: str, descriptions, gender=None) -> Speaker:
        registry = self.registry
        entities = registry.entities
        toks = full.split()
        if full in entities:
            key = registry.register(full, pos, descriptions, gender=gender)
            return Speaker(key, entities[key].kind, "name", surface, pos, end, descriptions[-1])
        if len(toks) == 1:
            cands = [k for k, e in entities.items() if e.kind in ("person", "organisation", "state")
                     and toks[0] in e.tokens and k != full]
            if cands:
                key = registry.best_candidate(cands, pos)
                registry.register(key, pos, descriptions)
                return Speaker(key, entities[key].kind, "short_name", surface, pos, end, descriptions[-1])
            close = [k for k, e in entities.items() if e.kind == "person" and len(toks[0]) >= 5
                     and any(difflib.SequenceMatcher(None, toks[0], t).ratio() >= 0.8 and t[0] == toks[0][0]
                             for t in e.tokens)]
            if close:
                key = registry.best_candidate(close, pos)
                registry.register(key, pos, descriptions)
                return Speaker(key, "person", "fuzzy", surface, pos, end, descriptions[-1])
            # a company or body named earlier in someone's description ("Acme CEO Jane Doe" makes "Acme said" a company)
            for ent in entities.values():
                for d in ent.descriptions:
                    if re.search(rf"(?<!\w){re.escape(toks[0])}(?!\w)", d):
                        key = registry.register(toks[0], pos, [d] + list(descriptions), kind="organisation")
                        return Speaker(key, "organisation", "name", surface, pos, end, descriptions[-1])
            if toks[0] in self.names.actor_single:
                return self._state(toks[0], surface, pos, end, descriptions[-1])
        key = registry.register(registry.canonical(full), pos, descriptions, gender=gender)
        return Speaker(key, entities[key].kind, "name" if key == full else "short_name", surface, pos, end,
                       descriptions[-1])

    def _state(self, alias: str, surface: str, start: int, end: int, description: str) -> Speaker:
        person = leader_name(alias)
        if person:
            key = self.registry.register(self.registry.canonical(person) if alias not in self.registry.entities
                                         else alias, start, [description], kind="person")
            return Speaker(key, "person", "name", surface, start, end, description)
        key = self.registry.register(alias, start, [description], kind="state")
        return Speaker(key, "state", "name", surface, start, end, description)

    def _nominal(self, np_text: str, start: int, end: int, description: str) -> Speaker | None:
        words = np_text.split()
        definite = words[0].lower() in {"the", "this", "that"}
        label = POSTMODIFIER_RE.sub("", np_text)
        core = [w for w in label.split() if w.lower() not in WORDS.determiners]
        if not core:
            return None
        # "deputy chairman of the company": the head is before the first "of" after the first word
        # ("one of the provisions of ...", once "one" is dropped as a determiner, starts with "of")
        head_words = core[:core.index("of", 1)] if "of" in core[1:] else core
        head = re.sub(r"[^\w-]", "", head_words[-1]).lower()
        if not head or head in WORDS.finite_verbs or head in WORDS.stop_words - {"staff"} and \
                head not in WORDS.group_heads:
            return None
        shown = self.doc.text[start:end]
        if definite and head in WORDS.body_nouns and (len(core) == 1 or (len(core) == 2 and core[0][:1].isupper())):
            # "the company said": the company named before, else unresolved like "it" (typed by its noun)
            key = self.antecedents.body(start)
            if key:
                self.registry.register(key, start, [shown], kind="organisation")
                return Speaker(key, "organisation", "nominal", shown, start, end, description)
            if len(core) == 1:
                return Speaker(None, "unresolved", "unresolved", shown, start, end, shown)
        if definite and not head.endswith("s"):
            key = self.antecedents.nominal(head, np_text, start)
            if key:
                self.registry.add_mention(start, key)
                return Speaker(key, self.registry.entities[key].kind, "nominal", shown, start, end, description)
        if not (head in WORDS.document_heads or head in WORDS.group_heads or self.descriptions.has_cue(np_text)):
            return None  # "Beijing's model stresses …": not a source
        kind = ("document" if head in WORDS.document_heads else
                "group" if head in WORDS.group_heads or (head.endswith("s") and not head.endswith("ss")) else
                "organisation" if head in WORDS.organisation_words | {"company", "firm", "ministry", "government",
                                                                      "embassy"}
                else "person")
        # a document speaks for whoever released it, not for an outlet that saw it ("seen by Reuters")
        typed = _CONDUIT.sub("", shown) if kind == "document" else shown
        key = self.registry.register(" ".join(core), start, [typed, description], kind=kind)
        return Speaker(key, kind, "unnamed", shown, start, end, description)


def register_introductions(resolver: SpeakerResolver, title: str = "") -> None:
    """Remember the names introduced with a title or an appositive, anywhere in the article and its title.

    Also remembers leaders of ``lexicons/actors.yaml`` who open a sentence
    (for later pronouns) and documents an institution released ("the
    Institute released a report": "the report" later speaks for it).
    """
    doc, names, descs, registry = resolver.doc, resolver.names, resolver.descriptions, resolver.registry
    masked = doc.masked
    for lo, hi in [(s[2], s[3]) for s in doc.sents]:
        for run in names.cap_runs(lo, hi):
            prefix, name = names.split_name(run)
            if name and not prefix and not masked[lo:name[0][0]].strip() and \
                    not re.search(r"['\u2019]s$", name[-1][2]):
                # a leader of lexicons/actors.yaml as the subject of a sentence ("Xi Jinping spoke at the
                # summit. He called for …"): a person a pronoun with no other antecedent points to
                full = " ".join(bare(t) for _, _, t in name)
                leader = leader_name(full.split()[0])
                if leader and (full == leader or (len(name) == 1 and full in names.actor_single)):
                    registry.leaders.append((name[0][0], leader))
            if not name or not names.is_person_name(name, prefix):
                continue
            n0, n1 = name[0][0], name[-1][1]
            pre = descs.pre_description(lo, n0)
            app, _ = descs.appositive(n1 if not re.search(r"['\u2019]s$", name[-1][2]) else hi, hi)
            # an age introduces a person ("21-year-old Dana Suleimenova", "X, the 84-year-old head of …")
            # for later pronouns, but says nothing about whom they speak for
            age = re.search(r"\b\d{1,3}[-\s]years?[-\s]old\s+$", masked[max(lo, n0 - 20):n0])
            aged = age or _AGE.search(app)
            if app and not descs.has_cue(app) and not aged:
                app = ""
            if age and not pre:
                pre = age.group(0).strip()  # kept in the description, typed as nothing
            if pre or app or aged:
                full = " ".join(bare(t) for _, _, t in name)
                registry.register(registry.canonical(full), n0, [pre, app], gender=names.honorific_gender(prefix))
    if title:  # "Foreign Ministry Spokesperson Gao Yuning's Regular Press Conference"
        for m in _TITLE_NAME_RE.finditer(title):
            registry.register(m.group("name"), -1, [m.group("title").strip()])
    for m in _DOC_INTRO_RE.finditer(masked):
        # "the Institute released a report": "the report" later speaks for the Institute
        lo, verb = doc.sentence_start(m.start("verb")), m.start("verb")
        # the owner: the last comma-separated part of the subject naming an institution
        cuts = [lo] + [lo + c.end() for c in re.finditer(r"[,;:#]", masked[lo:verb])]
        for cut in reversed(cuts):
            org = organisation_in(doc.text[cut:verb], resolver.outlets)
            if org:
                owner = doc.text[cut:verb].strip(" ,")
                head = m.group("doc").lower()
                registry.register(f"{org} {head}", m.start("doc"), [f"{head} of {owner}"], kind="document")
                break
