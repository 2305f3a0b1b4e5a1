"""Recurring formulations: who repeats which slogans, how often, and in whose voice.

Functions take a :class:`~framing.Corpus` and return tidy tables keyed by
``doc_id`` (matches) or by ``group, feature`` (rates):

- :func:`slogan_matches` — every match of every slogan family, with its sentence
  and whether it is quoted (a direct quotation or attributed speech);
- :func:`slogan_rates` — count, words, documents, rate per 1,000 words with a
  document bootstrap CI, and the share of documents using each family;
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
import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .matching import PhraseMatcher, normalize, phrase_variants
from .quotes import voice_at, voice_spans
from .slogan_lexicon import SloganLexicon, load_slogan_lexicon
from .stats import document_groups, group_bootstrap, wilson_interval
from .text import WORD_RE, sentence_spans

MATCH_COLUMNS = ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted", "voice", "sent_id"]
RATE_COLUMNS = ["group", "feature", "count", "n_words", "n_docs", "per_1k", "ci_low", "ci_high",
                "docs_with", "doc_share", "doc_share_low", "doc_share_high", "label", "origin", "by", "voice"]
VOICES = ("own", "all", "quoted")


def _lexicon(lexicon) -> SloganLexicon:
    if isinstance(lexicon, SloganLexicon):
        return lexicon
    return load_slogan_lexicon(lexicon)


def _matches_in_text(doc_id, text: str, matcher: PhraseMatcher) -> list[dict]:
    hits = matcher.find(text)
    if not hits:
        return []
    sents = sentence_spans(text)
    starts = [s for s, _ in sents]
    voices = voice_spans(text, sents)
    rows = []
    for h in hits:
        k = bisect_right(starts, h.start) - 1
        s, e = sents[k] if k >= 0 else (0, len(text))
        voice = voice_at(voices, h.start, h.end)
        rows.append({"doc_id": doc_id, "family": h.key, "phrase": h.phrase, "matched": h.text, "start": h.start,
                     "end": h.end, "sentence": text[s:e], "quoted": voice != "own", "voice": voice,
                     "sent_id": k + 1})
    return rows


def slogan_matches(corpus, lexicon=None) -> pd.DataFrame:
    """Every slogan match in the article texts.

    Parameters
    ----------
    corpus : Corpus
    lexicon : SloganLexicon, path, dict or list, optional
        Default: the packaged ``lexicons/slogans.yaml``; a path or list extends it
        (see :func:`~framing.slogan_lexicon.load_slogan_lexicon`).

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase`` (the lexicon phrase), ``matched`` (the text as
        written), ``start, end`` (offsets in the article text), ``sentence``,
        ``quoted`` (inside a direct quotation or attributed speech), ``voice``
        (``own``, ``quote`` or ``attributed``) and ``sent_id``.

    Notes
    -----
    Matching is insensitive to case, hyphens and dashes, curly quotes,
    British/American spelling and simple plurals; respects word boundaries;
    takes the longest of overlapping phrases once; and counts each member of
    an enumeration ("mutual respect, trust and benefit" gives three).
    """
    lex = _lexicon(lexicon)
    matcher = lex.matcher
    rows: list[dict] = []
    a = corpus.articles
    for doc_id, text in zip(a["doc_id"], a["text"]):
        rows += _matches_in_text(doc_id, str(text), matcher)
    df = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "sent_id": "int64", "quoted": "bool"})


def _groups(articles: pd.DataFrame, by: str) -> pd.Series:
    """Group label per article row, aligned with ``articles``."""
    return pd.Series(document_groups(articles, by).to_numpy(), index=articles.index)


def slogan_rates(corpus, by: str = "source_type", voice: str = "own", *, lexicon=None, matches=None,
                 dedupe: str = "none", n_boot: int = 2000, ci: float = 0.95, random_state: int = 0) -> pd.DataFrame:
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
        Precomputed :func:`slogan_matches` output, to avoid matching twice.
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated`).
    n_boot, ci, random_state
        Document bootstrap settings; the same seed gives the same intervals.

    Returns
    -------
    DataFrame
        One row per (group, family), zeros included: ``group, feature`` (family
        id), ``count, n_words, n_docs, per_1k, ci_low, ci_high`` (rate per
        1,000 words and its bootstrap CI), ``docs_with, doc_share,
        doc_share_low, doc_share_high`` (documents using the family, share and
        Wilson CI), ``label, origin, by, voice``.
    """
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
    from .reuse import deduplicated

    corpus = deduplicated(corpus, dedupe)
    lex = _lexicon(lexicon)
    m = slogan_matches(corpus, lex) if matches is None else matches
    if voice == "own":
        m = m[~m["quoted"]]
    elif voice == "quoted":
        m = m[m["quoted"]]
    a = corpus.articles
    groups = _groups(a, by)
    fam_ids = lex.ids
    counts = (pd.crosstab(m["doc_id"], m["family"]) if len(m) else pd.DataFrame())
    counts = counts.reindex(index=a["doc_id"], columns=fam_ids, fill_value=0).to_numpy()
    words = a["n_words"].to_numpy()
    labels = {f.id: f.label for f in lex.families}
    origins = {f.id: f.origin for f in lex.families}
    rows = []
    for g in sorted(groups.unique()):
        mask = (groups == g).to_numpy()
        rate, lo, hi = group_bootstrap(counts[mask], words[mask], per=1000.0, n_boot=n_boot, ci=ci,
                                       random_state=random_state)
        with_doc = (counts[mask] > 0).sum(axis=0)
        n_docs = int(mask.sum())
        slo, shi = wilson_interval(with_doc, np.full(len(fam_ids), n_docs), ci=ci)
        for j, fid in enumerate(fam_ids):
            rows.append({"group": g, "feature": fid, "count": int(counts[mask, j].sum()),
                         "n_words": int(words[mask].sum()), "n_docs": n_docs, "per_1k": rate[j],
                         "ci_low": lo[j], "ci_high": hi[j], "docs_with": int(with_doc[j]),
                         "doc_share": with_doc[j] / n_docs if n_docs else np.nan, "doc_share_low": slo[j],
                         "doc_share_high": shi[j], "label": labels[fid], "origin": origins[fid], "by": by,
                         "voice": voice})
    return pd.DataFrame(rows, columns=RATE_COLUMNS)


def kwic(corpus, family_or_phrase: str, window: int = 10, *, lexicon=None) -> pd.DataFrame:
    """Keyword in context for a slogan family id or any phrase.

    Parameters
    ----------
    corpus : Corpus
    family_or_phrase : str
        A family id of the lexicon (``"mutual_respect"``) or a phrase, matched
        with the same forgiving rules.
    window : int
        Words of context on each side.

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase, left, matched, right, voice, quoted, start, end``.
    """
    lex = _lexicon(lexicon)
    if family_or_phrase in lex.ids:
        m = slogan_matches(corpus, lex)
        m = m[m["family"] == family_or_phrase]
    else:
        matcher = PhraseMatcher({family_or_phrase: family_or_phrase})
        rows = []
        for doc_id, text in zip(corpus.articles["doc_id"], corpus.articles["text"]):
            rows += _matches_in_text(doc_id, str(text), matcher)
        m = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    texts = corpus.articles.set_index("doc_id")["text"]
    out = []
    for r in m.itertuples():
        text = texts[r.doc_id]
        left_words = list(WORD_RE.finditer(text, max(0, r.start - 40 * window), r.start))[-window:]
        right_words = list(WORD_RE.finditer(text, r.end, r.end + 40 * window))[:window]
        left = text[left_words[0].start():r.start] if left_words else ""
        right = text[r.end:right_words[-1].end()] if right_words else ""
        out.append({"doc_id": r.doc_id, "family": r.family, "phrase": r.phrase,
                    "left": " ".join(left.split()), "matched": r.matched, "right": " ".join(right.split()),
                    "voice": r.voice, "quoted": r.quoted, "start": r.start, "end": r.end})
    return pd.DataFrame(out, columns=["doc_id", "family", "phrase", "left", "matched", "right", "voice", "quoted",
                                      "start", "end"])


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
        Displays as HTML in a notebook; ``.html`` holds the markup.

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
    rows = _matches_in_text(doc, text, lex.matcher)
    colors = dict(zip(lex.ids, _palette(len(lex.ids))))
    labels = {f.id: f.label for f in lex.families}
    parts, pos = [], 0
    for r in rows:
        parts.append(html.escape(text[pos:r["start"]]))
        style = f"background:{colors[r['family']]}55;border-bottom:2px solid {colors[r['family']]}"
        if r["quoted"]:
            style += ";font-style:italic"
        tip = html.escape(f"{labels[r['family']]} ({r['voice']} voice)", quote=True)
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
        Which matches to count.

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
            for r in _matches_in_text(i, str(doc), self.lexicon_.matcher):
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
