"""Recurring formulations: who repeats which slogans, how often, and in whose voice.

Functions take a :class:`~framing.Corpus` and return tidy tables keyed by
``doc_id`` (matches) or by ``group, feature`` (rates):

- :func:`slogan_matches` — every use of every slogan family, with its sentence
  and whether it is quoted (a direct quotation or attributed speech); a phrase
  inside an organisation's name or in a repeated passage is not a use;
- :func:`slogan_rates` — count, words, documents, rate per 1,000 words (``per=``
  another unit) with a document bootstrap CI, and the share of documents using
  each family; :func:`slogan_totals` the same for all families together;
- :func:`kwic` — keyword in context;
- :func:`highlight` — HTML with each family marked in its own colour;
- :class:`LexiconVectorizer` — document × family counts as a scikit-learn transformer;
- :func:`candidate_slogans` — recurring phrases not yet in the lexicon.

Examples
--------
>>> import framing
>>> from framing.slogans import slogan_matches, slogan_rates
>>> corpus = framing.load_sample_corpus()
>>> m = slogan_matches(corpus)
>>> m.columns[:8].tolist()
['doc_id', 'family', 'phrase', 'matched', 'start', 'end', 'sentence', 'quoted']
>>> rates = slogan_rates(corpus, by="source_type", voice="own")
"""

from __future__ import annotations

import html
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .matching import PhraseMatcher, normalize, phrase_variants
from .quotes import _VoiceFinder
from .slogan_lexicon import ProperNames, SloganLexicon, load_slogan_lexicon
from .stats import MIN_DOCS, MIN_WORDS, document_groups, group_intervals, interval_note, wilson_interval
from .text import WORD_RE, sentence_spans

MATCH_COLUMNS = ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted", "voice", "sent_id"]
RATE_COLUMNS = ["group", "feature", "count", "n_words", "n_docs", "per_1k", "ci_low", "ci_high",
                "docs_with", "doc_share", "doc_share_low", "doc_share_high", "label", "origin", "by", "voice",
                "per", "ci_note"]
UNCOUNTED_COLUMNS = ["in_name", "name", "repeat"]
VOICES = ("own", "all", "quoted")

# a word as written in a name or title: hyphen- or dash-joined parts, apostrophes inside
_WORD = r"[^\W_][\w'\u2019]*(?:[-\u2010\u2011\u2012\u2013][^\W_][\w'\u2019]*)*"
_NAME_WORD = re.compile(_WORD)
# the next word, separated by spaces (a name) or by ", " or ": " (a title)
_NEXT = re.compile(rf"(?P<punct>[,:])?[ \t\u00a0]+(?P<word>{_WORD})")
_SPACES = " \t\u00a0"
_WORD_CHARS = "'\u2019-\u2010\u2011\u2012\u2013_"
_MAX_RUN = 12  # words looked at on each side of a match
_KEY_STRIP = " .,;:!?\"'()[]\u2026"


def _lexicon(lexicon) -> SloganLexicon:
    if isinstance(lexicon, SloganLexicon):
        return lexicon
    return load_slogan_lexicon(lexicon)


def _passage_key(passage: str) -> str:
    """A sentence as compared for repeats: normalised, spaces collapsed, outer punctuation off."""
    return " ".join(normalize(passage).split()).strip(_KEY_STRIP)


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "\u2019s", "'", "\u2019"))


_Context = tuple  # ((normalised word, capitalised and 4+ letters), ...) on one side of a match


def _side(words) -> _Context:
    return tuple((normalize(w), len(w) >= 4 and _capitalised(w)) for w in words)


def _same_title(a: tuple[_Context, _Context], b: tuple[_Context, _Context]) -> bool:
    """Do two title contexts of the same phrase agree, next to the match, on three or more
    capitalised words? (Where the runs end varies: "... Together on Monday", "... Together was".)"""
    shared = 0
    for side_a, side_b in zip(a, b):
        for (wa, big), (wb, _) in zip(side_a, side_b):
            if wa != wb:
                break
            shared += big
    return shared >= 3


def _previous_word(text: str, p: int) -> tuple[str, bool, int] | None:
    """The word before position ``p`` as ``(word, spaced, start)``, like :data:`_NEXT` backwards
    (a backward scan: a regex search anchored at ``p`` would try every start before it)."""
    i = p
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    if i == p or i == 0:
        return None
    spaced = text[i - 1] not in ",:"
    if not spaced:
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in _WORD_CHARS):
        j -= 1
    word = text[j:i]
    if not word or _NAME_WORD.fullmatch(word) is None:
        return None
    return word, spaced, j


def _neighbours(text: str, start: int, end: int, joins) -> tuple[list, list]:
    """Capitalised words and joins next to ``[start, end)`` on its line, nearest first, as
    ``(word, spaced)``: ``spaced`` when only spaces separate it from the run (else ", " or ": ")."""
    sides: tuple[list, list] = ([], [])
    for side in (0, 1):
        p = start if side == 0 else end
        out = sides[side]
        while len(out) < _MAX_RUN:
            if side == 0:
                prev = _previous_word(text, p)
                if prev is None:
                    break
                word, spaced, q = prev
            else:
                m = _NEXT.match(text, p)
                if m is None:
                    break
                word, spaced, q = m.group("word"), not m.group("punct"), m.end()
            if not (_capitalised(word) or word.lower() in joins) or \
                    not spaced and (not _capitalised(word) or word.lower() in joins):
                break
            if side == 0 and _possessive(word):  # "China's Belt and Road": the owner is not in the name
                break
            out.append((word, spaced))
            if side == 1 and _possessive(word):
                break
            p = q
    return sides


def _trimmed(words: list, joins) -> list:
    """A side of a run without the joins at its far end ("the", "of")."""
    n = len(words)
    while n and words[n - 1][0].lower() in joins:
        n -= 1
    return words[:n]


def _name_and_title(text: str, start: int, end: int, names: ProperNames,
                    quote: tuple[int, int] | None) -> tuple[str, tuple[_Context, _Context] | None]:
    """The organisation name a capitalised match lies in (``""``: none), and the title it is
    part of as ``(words before, words after)`` the match, nearest first (``None``: none),
    for a match at ``[start, end)``.

    A title is a quotation (``quote``, quote marks included) in title case, or an unquoted
    run of capitalised words that may go on over ", " and ": "; either way with at least
    three capitalised words of four letters or more besides the match.
    """
    joins = names.joins
    own = _NAME_WORD.findall(text, start, end)
    if not own or not all(_capitalised(w) or w.lower() in joins for w in own):
        return "", None
    left, right = _neighbours(text, start, end, joins)
    name = ""
    if names:
        # the name: the run as far as words are separated by spaces only
        nl = _trimmed(list(itertools.takewhile(lambda x: x[1], left)), joins)
        nr = _trimmed(list(itertools.takewhile(lambda x: x[1], right)), joins)
        seq = [w for w, _ in reversed(nl)] + own + [w for w, _ in nr]
        first_after = len(nl) + len(own)
        heads, links = names.heads, names.head_links
        for k in (*range(len(nl)), *range(first_after, len(seq))):
            w = normalize(seq[k])
            w = w[:-2] if w.endswith("'s") else w.rstrip("'")
            if w in heads and (k == len(seq) - 1 or seq[k + 1].lower() in links):
                name = " ".join(seq)
                break
    if quote is not None:
        before = _side(_NAME_WORD.findall(text, quote[0], start)[::-1])
        after = _side(_NAME_WORD.findall(text, end, quote[1]))
        big = sum(b for _, b in before + after)
        long_words = sum(len(w) >= 4 for w in _NAME_WORD.findall(text, quote[0], start)) + \
            sum(len(w) >= 4 for w in _NAME_WORD.findall(text, end, quote[1]))
        if big >= 3 and big >= 0.8 * long_words:
            return name, (before, after)
    before, after = _side(w for w, _ in _trimmed(left, joins)), _side(w for w, _ in _trimmed(right, joins))
    if sum(b for _, b in before + after) >= 3:
        return name, (before, after)
    return name, None


def _matches_in_text(doc_id, text: str, matcher: PhraseMatcher, names: ProperNames | None = None) -> list[dict]:
    """Every match in ``text``, uncounted ones included, with ``in_name, name, repeat`` (see
    :func:`slogan_matches`); ``names`` defaults to the packaged lexicon's."""
    hits = matcher.find(text)
    if not hits:
        return []
    if names is None:
        names = load_slogan_lexicon().names
    # sent_id counts the sentences before a match: split every line up to the last match's
    # (a line's sentences do not depend on the lines after it)
    last_line_end = text.find("\n", max(h.end for h in hits))
    sents = sentence_spans(text if last_line_end < 0 else text[:last_line_end])
    starts = [s for s, _ in sents]
    voices = _VoiceFinder(text, sents, starts)  # quotes and reporting verbs only where a match is
    rows = []
    first_copy: dict[int, int] = {}  # sentence -> the first sentence identical to it
    by_length: dict[int, list[int]] = {}  # words in a sentence -> first copies of that length
    keys: dict[int, str] = {}
    titles: dict[str, list] = {}  # normalised match -> title contexts met so far

    def key(j: int) -> str:
        if j not in keys:
            keys[j] = _passage_key(text[sents[j][0]:sents[j][1]] if j >= 0 else text)
        return keys[j]

    voice_of = voices.voice
    for h in hits:
        start, end, matched = h.start, h.end, h.text
        k = bisect_right(starts, start) - 1
        s, e = sents[k] if k >= 0 else (0, len(text))
        sentence = text[s:e]
        voice = voice_of(start, end, k)
        first = first_copy.get(k)
        if first is None:
            # normalised keys only for sentences as long as an earlier one: copies have equal word counts
            same_length = by_length.setdefault(len(sentence.split()), [])
            first = first_copy[k] = next((j for j in same_length if key(j) == key(k)), k) if same_length else k
            if first == k:
                same_length.append(k)
        repeat = first != k
        name = ""
        if _capitalised(matched):  # names and titles are written with capitals
            quote = voices.quote_around(start, end) if voice == "quote" else None
            name, title = _name_and_title(text, start, end, names, quote)
            if title is not None:
                earlier = titles.setdefault(normalize(matched), [])
                repeat = repeat or any(_same_title(title, t) for t in earlier)
                earlier.append(title)
        rows.append({"doc_id": doc_id, "family": h.key, "phrase": h.phrase, "matched": matched, "start": start,
                     "end": end, "sentence": sentence, "quoted": voice != "own", "voice": voice,
                     "sent_id": k + 1, "in_name": bool(name), "name": name, "repeat": repeat})
    return rows


def _counted(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not (r["in_name"] or r["repeat"])]


def _match_frame(rows: list[dict], uncounted: bool) -> pd.DataFrame:
    if uncounted:
        df = pd.DataFrame(rows, columns=MATCH_COLUMNS + UNCOUNTED_COLUMNS)
        df = df.astype({"in_name": "bool", "repeat": "bool", "name": "object"})
    else:
        df = pd.DataFrame(_counted(rows), columns=MATCH_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "sent_id": "int64", "quoted": "bool"})


def slogan_matches(corpus, lexicon=None, *, uncounted: bool = False) -> pd.DataFrame:
    """Every use of a slogan in the article texts, each counted once per article.

    Parameters
    ----------
    corpus : Corpus
    lexicon : SloganLexicon, path, dict or list, optional
        Default: the packaged ``lexicons/slogans.yaml``; a path or list extends it
        (see :func:`~framing.slogan_lexicon.load_slogan_lexicon`).
    uncounted : bool, default False
        Also return the matches that are not counted as uses (inside an
        organisation's name, or in a repeated passage), flagged in three more
        columns; for checking the rules, e.g. with :func:`kwic`.

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase`` (the lexicon phrase), ``matched`` (the text as
        written), ``start, end`` (offsets in the article text), ``sentence``,
        ``quoted`` (inside a direct quotation or attributed speech), ``voice``
        (``own``, ``quote`` or ``attributed``) and ``sent_id``. With
        ``uncounted=True`` also ``in_name`` (inside an organisation's name),
        ``name`` (that name, else ``""``) and ``repeat`` (in a later copy of a
        passage); a row with either flag is not a use.

    Notes
    -----
    Matching is insensitive to case, hyphens and dashes, curly quotes,
    British/American spelling and simple plurals; respects word boundaries;
    takes the longest of overlapping phrases once; and counts each member of
    an enumeration ("mutual respect, trust and benefit" gives three).

    What counts as a use:

    - Only ``text`` is searched, not the ``title`` column (a headline that the
      page also carries inside its text is counted there, like any sentence).
    - A match inside the proper name of an organisation ("director of the
      Center for Belt and Road Studies", "the Win-Win Cooperation Fund") is not
      a use: a run of capitalised words with an institution word of the
      lexicon's ``proper_names`` outside the match (see
      :class:`~framing.slogan_lexicon.ProperNames`). A slogan that is itself
      the whole name ("the Belt and Road Initiative") is a use.
    - A repeated passage is counted once per article: the matches in a
      sentence identical to an earlier sentence of the article (ignoring case,
      spacing, quote and dash styles and outer punctuation: a standfirst
      repeated in the body), and in a later copy of a title (a quotation in
      title case, or an unquoted run of capitalised words, with at least three
      capitalised words of four letters or more besides the match, and the
      copies agreeing on three such words next to it: a report title cited
      five times) are not counted again.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Win-win cooperation, said the head of the Win-Win Cooperation Fund."}])
    >>> len(slogan_matches(c)), len(slogan_matches(c, uncounted=True))
    (1, 2)
    """
    lex = _lexicon(lexicon)
    matcher = lex.matcher
    rows: list[dict] = []
    a = corpus.articles
    for doc_id, text in zip(a["doc_id"], a["text"]):
        rows += _matches_in_text(doc_id, str(text), matcher, lex.names)
    return _match_frame(rows, uncounted)


def _groups(articles: pd.DataFrame, by: str) -> pd.Series:
    """Group label per article row, aligned with ``articles``."""
    return pd.Series(document_groups(articles, by).to_numpy(), index=articles.index)


def slogan_rates(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                 dedupe: str = "none", per: float = 1000, n_boot: int = 2000, ci: float = 0.95, random_state: int = 0,
                 min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS) -> pd.DataFrame:
    """Slogan use per group: counts, rates per 1,000 words with CIs, and document shares.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        A column of ``corpus.articles``: ``source_type``, ``publisher``,
        ``original_source``, ...
    voice : {"own", "all", "quoted"}
        ``own`` counts only matches in the outlet's own voice (not inside a
        quotation or attributed speech); ``quoted`` only the others.
    lexicon : optional
        As for :func:`slogan_matches`.
    matches : DataFrame, optional
        Precomputed :func:`slogan_matches` output, to avoid matching twice
        (rows flagged ``in_name`` or ``repeat`` are left out).
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated`).
    per : float, default 1000
        The unit of the rate: words per which uses are counted. The rate column
        is named after it (:func:`framing.stats.rate_column`): ``per_1k`` for
        1,000 (the schema's column), ``per_10k`` for 10,000; the ``per`` column
        and ``attrs["per"]`` say it too, so figures and captions can state the
        unit of the numbers they show (:func:`framing.stats.unit_label`).
    n_boot, ci, random_state
        Document bootstrap settings; the same seed gives the same intervals.
    min_docs, min_words : int
        A group with fewer documents or words gets its rates without intervals
        (NaN ``ci_low, ci_high, doc_share_low, doc_share_high``) and a
        ``ci_note`` saying so (:func:`framing.stats.group_intervals`).

    Returns
    -------
    DataFrame
        One row per (group, family), zeros included: ``group, feature`` (family
        id), ``count, n_words, n_docs, per_1k, ci_low, ci_high`` (rate per
        1,000 words and its bootstrap CI), ``docs_with, doc_share,
        doc_share_low, doc_share_high`` (documents using the family, share and
        Wilson CI), ``label, origin, by, voice``, ``per`` (the unit: words per
        which the rate counts) and ``ci_note`` (``""`` for a bootstrap interval;
        otherwise why there is none, or which exact interval replaced a
        bootstrap without spread: a family no document uses gets ``[0, upper]``,
        the one-sided exact Poisson bound, never ``[0, 0]``).

    Examples
    --------
    >>> import framing
    >>> r = slogan_rates(framing.load_sample_corpus(), per=10_000, n_boot=200)
    >>> r.columns[5], int(r["per"].iat[0]), r.attrs["per"]
    ('per_10k', 10000, 10000)
    """
    corpus, lex, m = _counted_matches(corpus, voice, lexicon, matches, dedupe)
    a = corpus.articles
    counts = family_counts(m, a["doc_id"], lex.ids)
    return _rate_table(counts, a, by, lex.ids, family_names(lex), voice=voice, per=per, n_boot=n_boot, ci=ci,
                       random_state=random_state, min_docs=min_docs, min_words=min_words)


def family_counts(matches: pd.DataFrame, doc_ids, families: list) -> np.ndarray:
    """Document × family match counts: one row per ``doc_ids`` entry, one column per family id, zeros included.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "c"], "family": ["f1", "f2", "f1"]})
    >>> family_counts(m, ["a", "b", "c"], ["f1", "f2"]).tolist()
    [[1, 1], [0, 0], [1, 0]]
    """
    counts = (pd.crosstab(matches["doc_id"], matches["family"]) if len(matches) else pd.DataFrame())
    return counts.reindex(index=doc_ids, columns=families, fill_value=0).to_numpy()


def family_names(lexicon: SloganLexicon) -> dict[str, tuple[str, str]]:
    """``(label, origin)`` of each family id of a slogan lexicon."""
    return {f.id: (f.label, f.origin) for f in lexicon.families}


def in_voice(matches: pd.DataFrame, voice: str) -> pd.DataFrame:
    """The matches counted under ``voice``: ``own`` (not quoted), ``quoted``, or ``all``."""
    if voice == "own":
        return matches[~matches["quoted"]]
    if voice == "quoted":
        return matches[matches["quoted"]]
    return matches


def rate_rows(group, features: list, families: dict, *, counts, n_words: int, n_docs: int, rate, ci_low, ci_high,
              docs_with, share_low, share_high, by: str, voice: str, per, notes) -> list[dict]:
    """The rows of one group in a :func:`slogan_rates` table, one per feature, from the group's sums.

    Parameters
    ----------
    group
        The group's label.
    features : list
        Feature (family) ids, in column order.
    families : dict
        ``(label, origin)`` of each feature (:func:`family_names`).
    counts, docs_with : array
        Per feature: matches, and documents with at least one.
    n_words, n_docs : int
        Words and documents of the group.
    rate, ci_low, ci_high, share_low, share_high, notes : array
        Per feature: the rate and its interval, the document share's interval, the ``ci_note``.
    by, voice, per
        Written as they are.

    Returns
    -------
    list of dict
        Keys: the columns of :data:`RATE_COLUMNS`.
    """
    return [{"group": group, "feature": fid, "count": int(counts[j]), "n_words": n_words, "n_docs": n_docs,
             "per_1k": rate[j], "ci_low": ci_low[j], "ci_high": ci_high[j], "docs_with": int(docs_with[j]),
             "doc_share": docs_with[j] / n_docs if n_docs else np.nan, "doc_share_low": share_low[j],
             "doc_share_high": share_high[j], "label": families[fid][0], "origin": families[fid][1], "by": by,
             "voice": voice, "per": per, "ci_note": notes[j]} for j, fid in enumerate(features)]


def _counted_matches(corpus, voice: str, lexicon, matches, dedupe: str):
    """``(corpus, lexicon, matches)``: the corpus after ``dedupe`` and its counted matches in ``voice``."""
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    from .reuse import deduplicated

    corpus = deduplicated(corpus, dedupe)
    lex = _lexicon(lexicon)
    m = slogan_matches(corpus, lex) if matches is None else matches
    if {"in_name", "repeat"} <= set(m.columns):
        m = m[~(m["in_name"].astype(bool) | m["repeat"].astype(bool))]
    return corpus, lex, in_voice(m, voice)


def _rate_table(counts: np.ndarray, articles: pd.DataFrame, by: str, features: list, families: dict, *,
                voice: str, per: float, n_boot: int, ci: float, random_state: int, min_docs: int,
                min_words: int) -> pd.DataFrame:
    """The rates table of :func:`slogan_rates` from document × feature counts aligned with ``articles``."""
    from .stats import rate_column

    groups = _groups(articles, by)
    words = articles["n_words"].to_numpy()
    per = int(per) if float(per).is_integer() else float(per)
    rows = []
    for g in sorted(groups.unique()):
        mask = (groups == g).to_numpy()
        n_docs, n_words = int(mask.sum()), int(words[mask].sum())
        rate, lo, hi, notes = group_intervals(counts[mask], words[mask], kind="rate", per=float(per), n_boot=n_boot,
                                              ci=ci, random_state=random_state, min_docs=min_docs,
                                              min_words=min_words)
        with_doc = (counts[mask] > 0).sum(axis=0)
        slo, shi = wilson_interval(with_doc, np.full(len(features), n_docs), ci=ci)
        if interval_note(n_docs, n_words, min_docs=min_docs, min_words=min_words):
            slo, shi = np.full(len(features), np.nan), np.full(len(features), np.nan)
        rows += rate_rows(g, features, families, counts=counts[mask].sum(axis=0), n_words=n_words, n_docs=n_docs,
                          rate=rate, ci_low=lo, ci_high=hi, docs_with=with_doc, share_low=slo, share_high=shi,
                          by=by, voice=voice, per=per, notes=notes)
    out = pd.DataFrame(rows, columns=RATE_COLUMNS).rename(columns={"per_1k": rate_column(per)})
    out.attrs["per"] = per
    return out


def slogan_totals(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                  dedupe: str = "none", per: float = 1000, n_boot: int = 2000, ci: float = 0.95,
                  random_state: int = 0, min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS) -> pd.DataFrame:
    """All slogan families together, per group: the columns of :func:`slogan_rates`, ``feature`` ``"all"``.

    The rate a sentence such as "group A uses the lexicon's slogans more than
    group B" is about, with its interval (compare with
    :func:`framing.stats.compare_estimates`). Parameters as for :func:`slogan_rates`.

    Examples
    --------
    >>> import framing
    >>> t = slogan_totals(framing.load_sample_corpus(), n_boot=200)
    >>> t["feature"].unique().tolist()
    ['all']
    """
    corpus, lex, m = _counted_matches(corpus, voice, lexicon, matches, dedupe)
    m = m[m["family"].isin(lex.ids)]
    a = corpus.articles
    counts = m["doc_id"].value_counts().reindex(a["doc_id"], fill_value=0).to_numpy()[:, None]
    return _rate_table(counts, a, by, ["all"], {"all": ("all slogan families", "")}, voice=voice, per=per,
                       n_boot=n_boot, ci=ci, random_state=random_state, min_docs=min_docs, min_words=min_words)


def kwic(corpus, family_or_phrase: str, window: int = 10, *, lexicon=None, uncounted: bool = False) -> pd.DataFrame:
    """Keyword in context for a slogan family id or any phrase.

    Parameters
    ----------
    corpus : Corpus
    family_or_phrase : str
        A family id of the lexicon (``"mutual_respect"``) or a phrase, matched
        with the same forgiving rules.
    window : int
        Words of context on each side.
    uncounted : bool, default False
        Also show the matches :func:`slogan_matches` does not count (in an
        organisation's name, in a repeated passage), with its three flag columns.

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase, left, matched, right, voice, quoted, start, end``
        (and ``in_name, name, repeat`` with ``uncounted=True``).
    """
    lex = _lexicon(lexicon)
    if family_or_phrase in lex.ids:
        m = slogan_matches(corpus, lex, uncounted=uncounted)
        m = m[m["family"] == family_or_phrase]
    else:
        matcher = PhraseMatcher({family_or_phrase: family_or_phrase})
        rows = []
        for doc_id, text in zip(corpus.articles["doc_id"], corpus.articles["text"]):
            rows += _matches_in_text(doc_id, str(text), matcher, lex.names)
        m = _match_frame(rows, uncounted)
    texts = corpus.articles.set_index("doc_id")["text"]
    out = []
    for r in m.itertuples():
        text = texts[r.doc_id]
        # the scanned stretch starts and ends on white space: a word cut by the stretch is never shown
        # in part (issue 14: "...ed by the principles of" began mid-word)
        lo, hi = max(0, r.start - 40 * window), min(len(text), r.end + 40 * window)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        left_words = list(WORD_RE.finditer(text, lo, r.start))[-window:]
        right_words = list(WORD_RE.finditer(text, r.end, hi))[:window]
        left = text[left_words[0].start():r.start] if left_words else ""
        right = text[r.end:right_words[-1].end()] if right_words else ""
        out.append({"doc_id": r.doc_id, "family": r.family, "phrase": r.phrase,
                    "left": " ".join(left.split()), "matched": r.matched, "right": " ".join(right.split()),
                    "voice": r.voice, "quoted": r.quoted, "start": r.start, "end": r.end,
                    **({c: getattr(r, c) for c in UNCOUNTED_COLUMNS} if uncounted else {})})
    return pd.DataFrame(out, columns=["doc_id", "family", "phrase", "left", "matched", "right", "voice", "quoted",
                                      "start", "end"] + (UNCOUNTED_COLUMNS if uncounted else []))


@dataclass(frozen=True)
class HighlightedText:
    """HTML of a text with slogan families marked; shows itself in Jupyter."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _palette(n: int) -> list[str]:
    import seaborn as sns

    return sns.color_palette("husl", max(n, 1)).as_hex()


def highlight(article_or_text, *, lexicon=None, title: str | None = None) -> HighlightedText:
    """Mark each slogan family in its own colour, with a legend; all text is HTML-escaped.

    Parameters
    ----------
    article_or_text : str, Series (a row of ``corpus.articles``) or one-row DataFrame
    lexicon : optional
        As for :func:`slogan_matches`.
    title : str, optional
        A heading; for an article row, its title.

    Returns
    -------
    HighlightedText
        Displays as HTML in a notebook; ``.html`` holds the markup. Matches that
        are not counted (in an organisation's name, in a repeated passage; see
        :func:`slogan_matches`) are only underlined with dots.

    Examples
    --------
    >>> h = highlight("Both sides uphold mutual respect and <b>win-win cooperation</b>.")
    >>> "&lt;b&gt;" in h.html and "<mark" in h.html
    True
    """
    if isinstance(article_or_text, pd.DataFrame):
        article_or_text = article_or_text.iloc[0]
    if isinstance(article_or_text, pd.Series):
        text = str(article_or_text.get("text", ""))
        if title is None and isinstance(article_or_text.get("title"), str):
            title = article_or_text.get("title")
        doc = article_or_text.get("doc_id")
    else:
        text, doc = str(article_or_text), None
    lex = _lexicon(lexicon)
    rows = _matches_in_text(doc, text, lex.matcher, lex.names)
    colors = dict(zip(lex.ids, _palette(len(lex.ids))))
    labels = {f.id: f.label for f in lex.families}
    parts, pos = [], 0
    for r in rows:
        parts.append(html.escape(text[pos:r["start"]]))
        style = f"background:{colors[r['family']]}55;border-bottom:2px solid {colors[r['family']]}"
        if r["quoted"]:
            style += ";font-style:italic"
        tip = f"{labels[r['family']]} ({r['voice']} voice)"
        if r["in_name"] or r["repeat"]:
            style = f"border-bottom:2px dotted {colors[r['family']]}"
            tip += f"; not counted: {'in the name ' + r['name'] if r['in_name'] else 'repeated passage'}"
        tip = html.escape(tip, quote=True)
        parts.append(f'<mark style="{style}" title="{tip}">{html.escape(text[r["start"]:r["end"]])}</mark>')
        pos = r["end"]
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n\n", "</p><p>").replace("\n", "<br>")
    used = list(dict.fromkeys(r["family"] for r in rows))
    legend = "".join(
        f'<span style="background:{colors[f]}55;border-bottom:2px solid {colors[f]};padding:0 4px;'
        f'margin-right:6px">{html.escape(labels[f])}</span>' for f in used) or "<em>no slogans found</em>"
    head = f"<h4>{html.escape(title)}</h4>" if title else ""
    markup = (f'<div class="framing-highlight">{head}<div style="font-size:90%;margin-bottom:6px">{legend}'
              f'<span style="margin-left:8px;color:#666">(italic: quoted or attributed)</span></div>'
              f"<p>{body}</p></div>")
    return HighlightedText(markup)


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Document × slogan-family counts, as a scikit-learn transformer.

    Parameters
    ----------
    lexicon : SloganLexicon, path, dict or None
        The lexicon (default: the packaged one).
    voice : {"all", "own", "quoted"}
        Which matches to count (uses as :func:`slogan_matches` counts them).

    Attributes
    ----------
    lexicon_ : SloganLexicon
    feature_names_out_ : ndarray of str
        Family ids, in lexicon order.

    Examples
    --------
    >>> vec = LexiconVectorizer().fit(["mutual respect and win-win cooperation"])
    >>> X = vec.transform(["Mutual respect, mutual trust."])
    >>> int(X.sum())
    2
    """

    def __init__(self, lexicon=None, voice: str = "all"):
        self.lexicon = lexicon
        self.voice = voice

    def fit(self, raw_documents, y=None):
        if self.voice not in VOICES:
            raise ValueError(f"voice must be one of {VOICES}, got {self.voice!r}")
        self._check_documents(raw_documents)
        self.lexicon_ = _lexicon(self.lexicon)
        self.feature_names_out_ = np.asarray(self.lexicon_.ids, dtype=object)
        return self

    @staticmethod
    def _check_documents(raw_documents):
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        if isinstance(raw_documents, np.ndarray) and raw_documents.dtype.kind in "biufc":
            raise ValueError("LexiconVectorizer expects text documents, got a numeric array.")

    def transform(self, raw_documents):
        from scipy import sparse

        check_is_fitted(self, "lexicon_")
        self._check_documents(raw_documents)
        index = {f: j for j, f in enumerate(self.feature_names_out_)}
        rows, cols, vals = [], [], []
        n = 0
        for i, doc in enumerate(raw_documents):
            n = i + 1
            for r in _counted(_matches_in_text(i, str(doc), self.lexicon_.matcher, self.lexicon_.names)):
                if self.voice == "own" and r["quoted"] or self.voice == "quoted" and not r["quoted"]:
                    continue
                rows.append(i)
                cols.append(index[r["family"]])
                vals.append(1)
        return sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(index)), dtype=np.int64)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "lexicon_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


_STOP = None


def _stopwords() -> frozenset:
    global _STOP
    if _STOP is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        from .ingest.lines import STOPWORDS
        _STOP = frozenset(ENGLISH_STOP_WORDS) | STOPWORDS
    return _STOP


def candidate_slogans(corpus, by: str = "source_type", *, min_docs: int = 3, min_publishers: int = 2,
                      ngram_range: tuple[int, int] = (2, 5), lexicon=None, max_candidates: int = 200,
                      publisher_column: str = "publisher") -> pd.DataFrame:
    """Recurring 2–5-word phrases not in the lexicon, ranked by how concentrated they are in one group.

    A candidate appears in at least ``min_docs`` documents from at least
    ``min_publishers`` publishers, does not start or end with a stopword, and is
    neither a lexicon phrase nor part of one (nor contains one). Of nested
    candidates with the same documents, only the longest is kept. For each, the
    group whose documents use it most (as a share of the group's documents) is
    tested against all other documents with a one-sided Fisher exact test;
    p-values are Benjamini–Hochberg adjusted.

    Returns
    -------
    DataFrame
        ``phrase, n_words, n_docs, n_publishers, top_group, docs_in_top, top_share,
        rest_share, lift, odds_ratio, p_value, p_adj, example``, most
        concentrated first.
    """
    from scipy.stats import fisher_exact
    from sklearn.feature_extraction.text import CountVectorizer
    from statsmodels.stats.multitest import multipletests

    a = corpus.articles
    cols = ["phrase", "n_words", "n_docs", "n_publishers", "top_group", "docs_in_top", "top_share", "rest_share",
            "lift", "odds_ratio", "p_value", "p_adj", "example"]
    if len(a) < min_docs:
        return pd.DataFrame(columns=cols)
    texts = [normalize(t) for t in a["text"].astype(str)]
    vec = CountVectorizer(ngram_range=ngram_range, binary=True, min_df=min_docs, lowercase=False,
                          token_pattern=r"(?u)\b[^\W\d_][\w']*\b")
    try:
        X = vec.fit_transform(texts).tocsc()
    except ValueError:  # no n-gram reaches min_docs
        return pd.DataFrame(columns=cols)
    terms = vec.get_feature_names_out()
    stop = _stopwords()
    lex = _lexicon(lexicon)
    lex_forms = {v for f in lex.families for p in f.phrases for v in phrase_variants(p)}
    publishers = a[publisher_column].astype("object").where(a[publisher_column].notna(), a["source_file"])
    pub_codes = pd.factorize(publishers)[0]
    groups = _groups(a, by)
    gcodes, gnames = pd.factorize(groups)
    gsize = np.bincount(gcodes, minlength=len(gnames))
    keep = []
    for j, term in enumerate(terms):
        toks = term.split()
        if toks[0] in stop or toks[-1] in stop or all(t in stop for t in toks):
            continue
        padded = f" {term} "
        if any(f" {form} " in padded or padded in f" {form} " for form in lex_forms):
            continue
        docs = X.indices[X.indptr[j]:X.indptr[j + 1]]
        if len(set(pub_codes[docs])) < min_publishers:
            continue
        keep.append((j, term, docs))
    # maximal phrases: drop a candidate contained in a longer one with the same documents
    by_docs: dict[tuple, list[str]] = {}
    for j, term, docs in keep:
        by_docs.setdefault(tuple(docs), []).append(term)
    rows = []
    for j, term, docs in keep:
        if any(other != term and f" {term} " in f" {other} " for other in by_docs[tuple(docs)]):
            continue
        per_group = np.bincount(gcodes[docs], minlength=len(gnames))
        shares = per_group / np.maximum(gsize, 1)
        top = int(np.argmax(shares))
        in_top, n_top = int(per_group[top]), int(gsize[top])
        out_rest, n_rest = int(len(docs) - in_top), int(len(a) - n_top)
        odds, p = fisher_exact([[in_top, n_top - in_top], [out_rest, n_rest - out_rest]], alternative="greater")
        rest_share = out_rest / n_rest if n_rest else np.nan
        example_doc = a["text"].iloc[docs[0]]
        m = re.search(r"[\W_]+".join(map(re.escape, term.split())), example_doc, re.IGNORECASE)
        example = ""
        if m:
            example = " ".join(example_doc[max(0, m.start() - 60):m.end() + 60].split())
        rows.append({"phrase": term, "n_words": len(term.split()), "n_docs": len(docs),
                     "n_publishers": len(set(pub_codes[docs])), "top_group": gnames[top], "docs_in_top": in_top,
                     "top_share": shares[top], "rest_share": rest_share,
                     "lift": shares[top] / rest_share if rest_share else np.inf, "odds_ratio": odds,
                     "p_value": p, "example": example})
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "p_adj"])
    if len(out):
        out["p_adj"] = multipletests(out["p_value"], method="fdr_bh")[1]
        out = out.sort_values(["p_value", "n_docs", "n_words", "phrase"], ascending=[True, False, False, True])
    else:
        out["p_adj"] = []
    return out[cols].head(max_candidates).reset_index(drop=True)
