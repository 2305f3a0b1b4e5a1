"""Slogans as features and as candidates: document x family counts for scikit-learn, and recurring phrases not
yet in the lexicon."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..ingest.lines import STOPWORDS
from ..matching import normalize, phrase_variants
from .matches import counted_rows, lexicon_of, matches_in_text
from .rates import VOICES, article_groups

__all__ = ["LexiconVectorizer", "candidate_slogans"]

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
        self.lexicon_ = lexicon_of(self.lexicon)
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
            for r in counted_rows(matches_in_text(i, str(doc), self.lexicon_.matcher, self.lexicon_.names)):
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
    lex = lexicon_of(lexicon)
    lex_forms = {v for f in lex.families for p in f.phrases for v in phrase_variants(p)}
    publishers = a[publisher_column].astype("object").where(a[publisher_column].notna(), a["source_file"])
    pub_codes = pd.factorize(publishers)[0]
    groups = article_groups(a, by)
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
