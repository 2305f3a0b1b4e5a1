"""Whom a quoted speaker speaks for: the affiliation lexicon and the typing of a description.

A news text describes its sources: "Chinese Foreign Ministry spokesperson ...",
"..., a researcher with the China Institute of International Studies", "local
officials". :func:`affiliation_of` reads such a description and gives an
affiliation type from ``lexicons/affiliations.yaml`` (government official,
foreign official, state-affiliated researcher, independent expert, business,
media, ordinary person, mixed group, unknown), the cue that decided it, the
organisation named, the speaker's country and whether the post is a former one.
:func:`group_affiliation` types unnamed sources listed together ("officials,
entrepreneurs and scholars"): one type if they share it, else ``mixed_group``.

Named institutions come from two places: the think tanks, state media and
official sources of ``lexicons/outlets.yaml`` (their ``source_type`` maps to a
type through the lexicon's ``outlet_types``) and the institutions listed in the
affiliation lexicon itself. A user file of the same form extends or replaces
the packaged lexicon; a malformed one raises :class:`~framing.lexicon.LexiconError`
naming the file and line of every problem.

Examples
--------
>>> affiliation_of("Kazakhstan's Ambassador to the U.S.", reference="US").type
'foreign_official'
>>> a = affiliation_of("deputy head of a studies office at the Chinese Academy of Social Sciences")
>>> a.type, a.organisation
('state_affiliated_researcher', 'Chinese Academy of Social Sciences')
>>> affiliation_of("former U.S. ambassador to Kyrgyzstan", reference="US")[::4]
('government_official', True)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import load_actors, load_outlets, voice_words
from .lexicon.affiliations import (CUE_KEYS, KINDS, TOP_KEYS, TYPES, AffiliationLexicon, Cue, load_affiliations,
                                   packaged_path, validate_affiliations, validate_affiliations_text)
from .matching import normalize

__all__ = ["TYPES", "KINDS", "CUE_KEYS", "TOP_KEYS", "Cue", "Affiliation", "AffiliationLexicon",
           "validate_affiliations_text", "validate_affiliations", "packaged_path", "load_affiliations",
           "state_of", "organisation_in", "affiliation_of", "group_affiliation"]

# an organisation's name: capitalised words ending in (or joined by "of/for/and" to) a head word
_ORG_HEAD = f"(?:{voice_words().alternation('organisation_heads')})"
_CAP = r"[A-Z][\w'\u2019&.\-]*"
_ORG_RE = re.compile(rf"(?:{_CAP}\s+)*{_ORG_HEAD}(?:\s+(?:of|for|on|and|under)(?:\s+the)?(?:\s+{_CAP})+)*")


class Affiliation(NamedTuple):
    """What a description says about a speaker (see :func:`affiliation_of`)."""

    type: str
    cue: str
    organisation: str
    country: str | None
    former: bool


# ------------------------------------------------------------------ typing a description

def state_of(text: str) -> str | None:
    """The actor id (``lexicons/actors.yaml``) of the first state, capital or leader named in ``text``."""
    hits = load_actors().matcher.find(text) if text else []
    return hits[0].key if hits else None


def _is_former(norm: str, start: int, words: frozenset[str]) -> bool:
    before = re.split(r"[,;(]|\band\b|\bcurrently\b|\bnow\b", norm[max(0, start - 60):start])[-1].split()
    return any(w in words for w in before[-5:])


def organisation_in(text: str, outlets=None) -> str:
    """The first institution named in ``text``: a known outlet or think tank, else a capitalised
    name ending in a head word (University, Institute, Ministry, ...); ``""`` if none."""
    outlets = outlets or load_outlets()
    found = outlets.find(text)
    m = _ORG_RE.search(text)
    if found and (m is None or found[0][0] <= m.start()):
        return found[0][2].name
    # "Kazakhstan's Maqsut Narikbayev University": the owner's possessive is not part of the name
    return re.sub(r"^(?:The\s+|\S+['\u2019]s\s+)+", "", m.group(0).strip()) if m else ""


def affiliation_of(description, *, reference: str | None = None, speaker: str | None = None,
                   lexicon: AffiliationLexicon | None = None, outlets=None) -> Affiliation:
    """The affiliation type a speaker's description points to.

    Parameters
    ----------
    description : str or list of str
        What the text says about the speaker (titles, appositives); several
        descriptions of one person are read together.
    reference : str, optional
        The article's own country (ISO code or actor id): an official of another
        state is a ``foreign_official``. Unknown: every official is a
        ``government_official``.
    speaker : str, optional
        The speaker's name: a state, capital or leader of ``lexicons/actors.yaml``
        ("Beijing", "Xi") speaks for that state.
    lexicon : AffiliationLexicon, optional
        Default :func:`load_affiliations`.
    outlets : Outlets, optional
        Default :func:`~framing.lexicon.load_outlets`.

    Returns
    -------
    Affiliation
        ``type, cue, organisation, country, former``: the cue (or institution)
        that decided, the organisation named (``""`` if none), the speaker's
        country (actor id or None) and whether the description names a former
        official post ("former U.S. ambassador"): current posts decide the type,
        a former post decides only when there is no current one.
    """
    lex = lexicon or load_affiliations()
    outlets = outlets or load_outlets()
    text = " ; ".join(d for d in description if d) if isinstance(description, (list, tuple)) else (description or "")
    norm = normalize(text)
    hits = []  # (start, end, type, weight, country, by_country, label, is_institution)
    institutions = []
    for s, e, outlet in outlets.find(text):
        t = lex.outlet_types.get(outlet.source_type or "")
        if t:
            institutions.append((s, e))
            hits.append((s, e, t, 3, lex.country_id(outlet.country), (), outlet.name, True))
    for h in lex.matcher.find(text):
        if any(s < h.end and h.start < e for s, e in institutions):
            continue
        cue = lex.cues[int(h.key)]
        hits.append((h.start, h.end, cue.type, cue.weight, cue.country, cue.by_country, h.text,
                     cue.kind == "institution"))
    hits.sort(key=lambda h: h[0])
    country = next((h[4] for h in hits if h[4]), None) or state_of(text) or (state_of(speaker) if speaker else None)
    former_words = lex._former_words
    flagged = [(h, _is_former(norm, h[0], former_words)) for h in hits]
    current = [h for h, f in flagged if not f]
    former_hits = [h for h, f in flagged if f]
    pool = current or former_hits
    if not pool:
        organisation = organisation_in(text, outlets) if text else ""
        kind = "government_official" if speaker and state_of(speaker) else "unknown"
        return Affiliation(_relative(kind, country, lex.country_id(reference)), "", organisation, country,
                           False)
    scores: dict[str, int] = {}
    first: dict[str, tuple] = {}
    for h in pool:
        t = dict(h[5]).get(country, h[2]) if country else h[2]
        scores[t] = scores.get(t, 0) + h[3]
        best = first.get(t)
        if best is None or h[3] > best[3]:
            first[t] = h
    t = max(scores, key=lambda k: (scores[k], -first[k][0]))
    decided = first[t]
    organisation = decided[6] if decided[7] else organisation_in(text, outlets)
    former = any(h[2] in ("government_official", "foreign_official") for h in former_hits)
    return Affiliation(_relative(t, country, lex.country_id(reference)), decided[6], organisation, country, former)


def group_affiliation(members, *, reference: str | None = None, lexicon: AffiliationLexicon | None = None,
                      outlets=None) -> Affiliation:
    """The affiliation of unnamed sources listed together ("officials, entrepreneurs and scholars").

    Each member is typed alone with :func:`affiliation_of`. Members of one
    type give that type; members of several types give ``mixed_group`` (the
    text does not say who said what), with the members' cues joined as the cue.
    Members without a cue do not count.

    Examples
    --------
    >>> group_affiliation(["officials", "entrepreneurs", "scholars"])[:2]
    ('mixed_group', 'officials, entrepreneurs, scholars')
    >>> group_affiliation(["officials", "diplomats"]).type
    'government_official'
    """
    lex = lexicon or load_affiliations()
    outlets = outlets or load_outlets()
    members = [m for m in members if m]
    typed = [affiliation_of(m, reference=reference, lexicon=lex, outlets=outlets) for m in members]
    known = [a for a in typed if a.type != "unknown"]
    if len({a.type for a in known}) > 1:
        countries = {a.country for a in known}
        return Affiliation("mixed_group", ", ".join(a.cue for a in known), "",
                           countries.pop() if len(countries) == 1 else None, False)
    return affiliation_of(members, reference=reference, lexicon=lex, outlets=outlets)


def _relative(t: str, country: str | None, reference: str | None) -> str:
    if t == "government_official" and country and reference and country != reference:
        return "foreign_official"
    return t
