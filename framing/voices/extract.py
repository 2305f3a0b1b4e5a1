"""The per-article driver: quotations and statements of an article as rows, and :func:`quotes` over a corpus.

Each quotation goes to the attribution of its sentence nearest to it; one
without goes on the speaker of the sentence before (``continuation``), to the
subject of a colon that opens it (``"X: quote"``), or to nobody
(``unattributed``) when it reads as speech. An attribution no quotation took
gives a ``reported`` statement: the longer side of its sentence. ``Name: text``
turns of a transcript are rows of their own. Each row's speaker is then typed
by :func:`framing.affiliations.affiliation_of`.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([{"text": 'Ana Ruiz, a researcher, said "ties are deep and growing." '
...                                 '"They will last for decades."'}])
>>> quotes(c)[["speaker", "pattern", "kind"]].values.tolist()
[['Ana Ruiz', 'X said', 'direct'], ['Ana Ruiz', 'continuation', 'direct']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..affiliations import AffiliationLexicon, affiliation_of, group_affiliation, load_affiliations, state_of
from ..lexicon import load_outlets
from ..text import count_words
from .attribution import ADVERBIAL_RE, Attribution, AttributionFinder
from .mentions import Entity, Speaker
from .spans import ArticleText, title_case
from .speakers import SpeakerResolver, register_introductions
from .words import WORDS

__all__ = ["QUOTE_COLUMNS", "ArticleQuotes", "quotes"]

QUOTE_COLUMNS = ["doc_id", "speaker", "affiliation", "affiliation_type", "quote", "verb", "start", "end",
                 "para_id", "sent_id", "kind", "pattern", "speaker_text", "speaker_start", "speaker_end",
                 "speaker_kind", "resolution", "description", "cue", "country", "former"]

# "ASTANA, June 22 (Xinhua) -- ", "BEIJING, June 17, 2025 /PRNewswire/ -- "
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'\-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]*\)|/[^/]+/)?\s*"
                       r"(?:--|\u2014|\u2013|-)\s*")
# ", but this framing ignores …": the writer's own comment on the statement ends it
_WRITER_TURN = re.compile(r"\s*[,;\u2014\u2013]\s*(?:but|yet|however|though|although)\s*,?\s+(?:(?:this|that|these|"
                          r"those|such)\s+(?:[\w-]+\s+){0,2}?(?:framing|frame|claim|view|argument|narrative|picture|"
                          r"account|assessment|reading|interpretation|story|rhetoric|language|portrayal|"
                          r"characteri[sz]ation|optimism|conclusion|line)s?\b|(?:we|I)\s)", re.I)


class ArticleQuotes:
    """The quotation and statement rows of one article (one pass: speakers are remembered as it reads).

    Parameters
    ----------
    text : str
    sentences : list of (para_id, sent_id, start, end)
    title : str
        The page title (a transcript's speaker may be named there).
    lexicon : AffiliationLexicon
    outlets : Outlets
    min_words : int
        Shortest quotation that counts without an attribution in its sentence.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int, int, int]], *, title: str, lexicon, outlets,
                 min_words: int):
        self.doc = ArticleText(text, sentences)
        self.resolver = SpeakerResolver(self.doc, lexicon, outlets)
        self.registry = self.resolver.registry
        self.finder = AttributionFinder(self.resolver)
        self.title = title or ""
        self.min_words = min_words

    def rows(self) -> list[dict]:
        """One dict per quotation or statement, in text order (``doc_id`` and affiliation left to fill)."""
        register_introductions(self.resolver, self.title)
        self.registry.add_short_mentions(self.doc.masked)
        atts = self.finder.attributions()
        out, assigned = self._direct_rows(atts)
        for a in atts:
            if id(a) not in assigned:
                row = self._reported_row(a)
                if row is not None:
                    out.append(row)
        out.extend(self._transcript_rows())
        out.sort(key=lambda r: (r["start"], r["end"]))
        return out

    def _direct_rows(self, atts: list[Attribution]) -> tuple[list[dict], set[int]]:
        """Rows of the quotations, and the ids of the attributions they took."""
        doc = self.doc
        by_sent: dict[int, list[Attribution]] = {}
        for a in atts:
            by_sent.setdefault(a.sent, []).append(a)
        assigned: set[int] = set()
        spoken_in: dict[int, Attribution] = {}
        for a in atts:
            spoken_in.setdefault(a.sent, a)
        out = []
        for qs, qe in doc.quotes:
            ks = [i for i, (_, _, s, e) in enumerate(doc.sents) if s < qe and qs < e]
            if not ks or (qs, qe) in doc.titles:
                continue  # a title: the report titled "…"
            cands = [a for i in ks for a in by_sent.get(i, []) if not (a.tag[0] <= qs and qe <= a.tag[1])]
            if cands:
                best = min(cands, key=lambda a: max(a.tag[0] - qe, qs - a.tag[1], 0))
                assigned.add(id(best))
                out.append(self._row(best, qs, qe, "direct", best.pattern))
                continue
            inner = doc.text[qs:qe].strip("\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb ")
            speechlike = count_words(inner) >= self.min_words and re.search(r"[.!?,;]$", inner)
            k0 = ks[0]
            lo = doc.sents[k0][2]
            if doc.masked[lo:qs].rstrip().endswith(":"):
                sp = self.finder.phrases.clause_subject(lo, qs)
                if sp is not None:
                    att = Attribution(k0, (sp.start, sp.end), sp, ":", "X: quote")
                    spoken_in[k0] = att
                    out.append(self._row(att, qs, qe, "direct", "X: quote"))
                    continue
            # a quotation inside the writer's own clause ("But this framing ignores \"…\"", "Banners promised
            # \"…\"") is a mention or a scare quote: it does not continue the last speaker, and a title or
            # formula in capitals ("The summit promoted \"Mutual Respect, Mutual Trust\"") is nobody's speech
            before = doc.masked[lo:qs].strip()
            opens = not before or bool(re.fullmatch(r"(?:and|but|still|yet|so|then|also|now|indeed)\W*", before,
                                                    re.I))
            prev = spoken_in.get(k0 - 1)
            if prev and doc.sents[k0 - 1][0] == doc.sents[k0][0] and speechlike and \
                    (opens or _paraphrases(before, prev.speaker, inner, self.registry.entities)):
                cont = Attribution(k0, prev.tag, prev.speaker, prev.verb, "continuation")
                spoken_in[k0] = cont
                out.append(self._row(cont, qs, qe, "direct", "continuation"))
                continue
            if speechlike and inner[:1].isupper() and not title_case(inner):
                sp = Speaker(None, "unattributed", "none", "", -1, -1)
                out.append(self._row(Attribution(k0, (qs, qs), sp, "", "unattributed"), qs, qe, "direct",
                                     "unattributed"))
        return out, assigned

    def _reported_row(self, a: Attribution) -> dict | None:
        """The statement an attribution no quotation took reports: the longer side of its sentence."""
        doc = self.doc
        lo, hi = doc.sents[a.sent][2], doc.sents[a.sent][3]
        left = (lo, a.tag[0])
        right = (a.tag[1], hi)
        s, e = max(left, right, key=lambda se: len(doc.masked[se[0]:se[1]].split()))
        head = doc.masked[left[0]:left[1]].strip(" ,")
        if (s, e) == left and (ADVERBIAL_RE.match(head) or re.search(r"\bthat$", head)):
            s, e = right  # "In a statement, the company said …", "Documents show that the company said …"
        seg = doc.text[s:e]
        # "told reporters on Monday that …": the statement starts after "that"
        lead = re.match(r"[\s,:;\u2014\u2013-]*(?:[\w'\u2019.-]+\s+){0,6}?that\s+", seg) if s == right[0] else None
        if lead:
            s += lead.end()
        if s >= a.tag[1]:
            turn = _WRITER_TURN.search(doc.masked, s, e)
            if turn:
                e = turn.start()  # "… claims that A, but this framing ignores B": B is the writer's
        dateline = _DATELINE.match(doc.text, s, e)
        if dateline:
            s = dateline.end()
        seg = doc.text[s:e]
        s += len(seg) - len(seg.lstrip(" ,:;\u2014\u2013-"))
        seg = doc.text[s:e]
        e = s + len(seg.rstrip(" ,;:\u2014\u2013-"))
        if count_words(doc.text[s:e]) < 3:
            return None
        return self._row(a, s, e, "reported", a.pattern)

    def _transcript_rows(self) -> list[dict]:
        """Rows of the ``Name: text`` turns; the asker's turns are flagged ``_question``.

        ``Q:``/``Question:`` turns are a reporter's (speaker unknown); ``A:``/``Answer:``
        turns are the answerer's: the person most often named as a speaker of
        the transcript, else the last person named before it (the page title
        "Spokesperson Wang Wenbin's Regular Press Conference" counts).
        """
        doc = self.doc
        turns = doc.transcript_paragraphs()
        labels = {p: doc.text[n0:n1].strip() for p, (n0, n1, _) in turns.items()}
        speakers = {}
        for para_id, (n0, n1, _) in turns.items():
            low = labels[para_id].lower()
            if low in {"q", "question", "questioner"}:
                speakers[para_id] = Speaker(None, "unresolved", "unresolved", labels[para_id], n0, n1, "reporter")
            elif low not in WORDS.answer_labels:
                speakers[para_id] = self.resolver.speaker_from(n0, n1)
        if any(lab.lower() in WORDS.answer_labels for lab in labels.values()):
            named = [sp.key for p, sp in speakers.items() if sp is not None and sp.kind == "person" and sp.key
                     and labels[p].lower() not in WORDS.question_labels]
            first = min(n0 for n0, _, _ in turns.values())
            key = max(named, key=named.count) if named else \
                self.registry.last_mention(first, lambda e: e.kind == "person")
            for para_id, (n0, n1, _) in turns.items():
                if labels[para_id].lower() in WORDS.answer_labels:
                    speakers[para_id] = (Speaker(key, self.registry.entities[key].kind, "answerer", labels[para_id],
                                                 n0, n1)
                                         if key else Speaker(None, "unresolved", "unresolved", labels[para_id], n0,
                                                             n1))
        rows = []
        for para_id, (n0, n1, b0) in turns.items():
            sp = speakers.get(para_id)
            if sp is None:
                continue
            k = next(i for i, s in enumerate(doc.sents) if s[0] == para_id)
            end = max(s[3] for s in doc.sents if s[0] == para_id)
            row = self._row(Attribution(k, (n0, n1), sp, ":", "transcript"), b0, end, "transcript", "transcript")
            row["_question"] = labels[para_id].lower() in WORDS.question_labels
            rows.append(row)
        return rows

    def _row(self, a: Attribution, s: int, e: int, kind: str, pattern: str) -> dict:
        para_id, sent_id, _, _ = self.doc.sents[a.sent]
        sp = a.speaker
        ent = self.registry.entities.get(sp.key) if sp.key else None
        descriptions = list(ent.descriptions) if ent else ([sp.description] if sp.description else [])
        return {"doc_id": None, "speaker": sp.key, "quote": self.doc.text[s:e], "verb": a.verb, "start": s, "end": e,
                "para_id": para_id, "sent_id": sent_id, "kind": kind, "pattern": pattern,
                "speaker_text": sp.surface, "speaker_start": sp.start, "speaker_end": sp.end,
                "speaker_kind": sp.kind, "resolution": sp.resolution if pattern != "continuation" else "continuation",
                "description": " ; ".join(d for d in descriptions if d), "_members": ent.members if ent else ()}


def _paraphrases(before: str, speaker: Speaker, inner: str, entities: dict[str, Entity]) -> bool:
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
    if words and words[0][:1].islower() and (any(w.lower() in WORDS.finite_verbs for w in words)
                                             or words[0].endswith(("es", "ed"))
                                             or (len(words) > 1 and words[1].endswith("ed"))):
        return True  # the quotation is a clause of the speaker's own: "… \"are essential to us\""
    if re.search(r"\b(?:he|she|his|her|him|they|their|them|it|its)\b", before, re.I):
        return True
    ent = entities.get(speaker.key) if speaker.key else None
    if ent is None:
        return False
    if any(re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", before) for t in ent.tokens):
        return True
    noun = speaker.surface.split()[-1].lower() if speaker.surface else ""
    if noun and len(noun) > 2 and re.search(rf"\b{re.escape(noun)}\b", before, re.I):
        return True
    country = state_of(" ; ".join(ent.descriptions)) or state_of(ent.key)
    return bool(country) and state_of(before) == country


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
        article = ArticleQuotes(text, by_doc[doc_id], title=title if isinstance(title, str) else "", lexicon=lex,
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
