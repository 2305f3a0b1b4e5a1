"""Distinctive terms: which words and phrases set one group of outlets apart from the others.

:func:`distinctive_terms` compares each group with the rest of the corpus (or, with
``groups=[a, b]``, two groups with each other) and returns one tidy row per
(group, term) with counts, rates, an effect size, a z-score and p-values adjusted
for the thousands of terms tested at once.

The default method is the weighted log-odds ratio with an informative Dirichlet
prior of Monroe, Colaresi & Quinn (2008), "Fightin' Words", *Political Analysis*
16(4): 372–403. It shrinks the log-odds of rare words towards the corpus-wide
rate, so a word used three times by one outlet does not outrank one used three
hundred times, and divides by the estimate's standard deviation. Pearson's
chi-squared and Dunning's (1993) log-likelihood G² on the 2 × 2 table of each
term are there for comparison with the corpus-linguistics literature.

The statistics are a few vectorised NumPy lines (validated against the scores
of scattertext 0.2.2, see VALIDATION.md) rather than a scattertext dependency,
which would pull in its own corpus model and, for phrases, spaCy.

By default function words are not counted (``stop_words="news"``: scikit-learn's
English list plus the reporting verbs and contractions of news prose, "said",
"told", "according", "it's"), since "not, be, is" against "said, from, i" says
how a text is written, not what sets an outlet apart; and every row says
whether the term passes the test (``significant``: adjusted p below ``alpha``).
Show only those: with a few documents per group, often none does, and the top
of the ranking is then noise. ``stop_words=None`` counts every token (the
reference settings of scattertext, VALIDATION.md).

Examples
--------
>>> import framing
>>> from framing.keyness import distinctive_terms
>>> terms = distinctive_terms(framing.load_sample_corpus(), by="source_type")
>>> terms.columns.tolist()[:6]
['group', 'term', 'count_group', 'count_rest', 'per_1k_group', 'per_1k_rest']
>>> top = terms[terms["significant"] & (terms["rank"] <= 10)]  # up to ten distinctive terms per group
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .matching import normalize
from .slogan_lexicon import SloganLexicon, load_slogan_lexicon

__all__ = ["METHODS", "VARIANCES", "COLUMNS", "ALPHA", "NEWS_FUNCTION_WORDS", "TOKEN_PATTERN",
           "NEWS_TOKEN_PATTERN", "term_tokens", "term_counts", "log_odds_dirichlet", "distinctive_terms",
           "no_distinctive_terms_note"]

METHODS = ("log_odds_dirichlet", "chi2", "log_likelihood")
VARIANCES = ("full", "monroe")
COLUMNS = ["group", "term", "count_group", "count_rest", "per_1k_group", "per_1k_rest", "log_odds", "variance",
           "z", "p", "p_adj", "rank", "significant"]
ALPHA = 0.05  # adjusted p below which a term is reported as distinctive

# Words of news prose that say how a story is told, not what it says: reporting verbs, modal
# verbs, honorifics and the contractions TOKEN_PATTERN keeps whole (scikit-learn's English list
# has "not", "be", "is", "from", "i", but not "said" or "it's").
NEWS_FUNCTION_WORDS = frozenset("""said says say saying told tell tells according also just like would could
should might must may can will shall mr mrs ms dr s t it's that's there's here's he's she's we're they're
you're i'm i've we've they've you've i'd we'd they'd i'll we'll they'll don't doesn't didn't isn't aren't
wasn't weren't won't can't couldn't wouldn't shouldn't haven't hasn't hadn't let's""".split())

# Runs of letters, digits and apostrophes with at least one letter or digit, after
# lower-casing and straightening quotes: on ASCII text the same tokens as the
# regex `[a-z0-9']+` of the keyness reference (apostrophe-only runs never occur
# there), but Unicode-aware ("türkiye") and with curly apostrophes read as straight
# ones ("xi’s" -> "xi's"). Hyphens split, as in the reference.
TOKEN_PATTERN = r"'*[^\W_](?:[^\W_]|')*"
# For news: dotted abbreviations stay whole ("u.s.", "u.n.") instead of leaving "u" and "s"
# among the most distinctive terms; otherwise TOKEN_PATTERN. compare() uses this one.
NEWS_TOKEN_PATTERN = r"(?:[^\W\d_]\.){2,}|" + TOKEN_PATTERN

# n-grams do not run across line breaks or punctuation other than apostrophes, hyphens and
# slashes, which normalize() has already made spaces ("... cooperation. The ...")
_CHUNK_RE = re.compile(r"[^\w\s']+")


def term_tokens(text: str, token_pattern: str = TOKEN_PATTERN) -> list[str]:
    """The lower-cased word tokens of ``text`` that :func:`distinctive_terms` counts.

    Examples
    --------
    >>> term_tokens("Xi’s win-win Cooperation, 2024.")
    ["xi's", 'win', 'win', 'cooperation', '2024']
    """
    return re.findall(token_pattern, normalize(text))


def _ngrams(text: str, ngram_range: tuple[int, int], token_pattern: str, stop: frozenset) -> list[str]:
    lo, hi = ngram_range
    if hi == 1:
        toks = term_tokens(text, token_pattern)
        return [t for t in toks if t not in stop] if stop else toks
    out: list[str] = []
    chunks = (c for line in text.split("\n") for c in _CHUNK_RE.split(normalize(line)))
    for chunk in chunks:
        toks = re.findall(token_pattern, chunk)
        for n in range(lo, hi + 1):
            for i in range(len(toks) - n + 1):
                if stop and (toks[i] in stop or toks[i + n - 1] in stop):
                    continue
                out.append(" ".join(toks[i:i + n]))
    return out


def _stop_words(stop_words) -> frozenset:
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words not in ("english", "news"):
            raise ValueError(f"stop_words={stop_words!r}: use 'news', 'english', a list of words, or None")
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS) | (NEWS_FUNCTION_WORDS if stop_words == "news" else frozenset())
    return frozenset(w.lower() for w in stop_words)


def _check_ngram_range(ngram_range) -> tuple[int, int]:
    try:
        lo, hi = (int(x) for x in ngram_range)
    except (TypeError, ValueError):
        raise ValueError(f"ngram_range={ngram_range!r}: expected two integers (min_n, max_n)") from None
    if not 1 <= lo <= hi:
        raise ValueError(f"ngram_range={ngram_range!r}: need 1 <= min_n <= max_n")
    return lo, hi


def _table(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if hasattr(data, "articles"):  # a Corpus
        return data.articles
    raise TypeError(f"expected a Corpus, a DataFrame of texts or a term × group count table, "
                    f"got {type(data).__name__}")


def _is_count_table(df: pd.DataFrame, text: str) -> bool:
    if text in df.columns:
        return False
    numeric = [c for c in df.columns if c != "term"]
    return bool(numeric) and all(pd.api.types.is_numeric_dtype(df[c]) for c in numeric)


def _select_groups(names: list[str], groups, where: str) -> list[str]:
    if groups is None:
        return names
    groups = [str(g) for g in ([groups] if isinstance(groups, str) else groups)]
    missing = [g for g in groups if g not in names]
    if missing:
        raise ValueError(f"group {missing[0]!r} not found in {where} (groups: {', '.join(names)})")
    return list(dict.fromkeys(groups))


def term_counts(data, by: str = "source_type", *, text: str = "text", groups=None,
                ngram_range: tuple[int, int] = (1, 1), token_pattern: str = TOKEN_PATTERN, stop_words="news",
                slogans=None) -> pd.DataFrame:
    """Term × group counts: the table :func:`distinctive_terms` tests.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus (its ``articles``) or any table with a text column and a group column.
    by : str
        The group column (``source_type``, ``publisher``, ``original_source``, ``party`` ...).
        Missing values form the group ``"unknown"``.
    text : str
        The text column.
    groups : list of str, optional
        Keep only the documents of these groups, in this order (default: all, sorted).
    ngram_range : (min_n, max_n)
        Word n-grams to count; ``(1, 1)`` counts words, ``(1, 3)`` also two- and
        three-word phrases. Phrases do not cross sentence or clause punctuation.
    token_pattern : str
        Regular expression for a token, applied to the lower-cased text with
        straightened quotes (:func:`term_tokens`).
    stop_words : "news" (default), "english", list of str or None
        Leave out terms that begin or end with one of these words (for words:
        the stop words themselves); ``"english"`` is scikit-learn's list,
        ``"news"`` that list plus :data:`NEWS_FUNCTION_WORDS` (said, told,
        according, it's ...); ``None`` counts every token.
    slogans : bool, SloganLexicon, path, dict or list, optional
        Also count the phrases of the slogan lexicon (``True``: the packaged one;
        otherwise as :func:`~framing.slogan_lexicon.load_slogan_lexicon` accepts).
        They are found as :func:`~framing.slogans.slogan_matches` finds them
        (variants, plurals) and counted under the lexicon phrase's tokens; an
        n-gram with the same tokens gives way to it. Every occurrence counts,
        as for words: unlike ``slogan_matches``, a phrase inside an
        organisation's name or in a repeated passage is not left out, since
        these are term frequencies, not uses of a slogan.

    Returns
    -------
    DataFrame
        Index ``term``, one integer column per group.
    """
    df = _table(data)
    missing = [c for c in (text, by) if c not in df.columns]
    if missing:
        what = "text" if missing[0] == text else "group"
        raise KeyError(f"no {what} column {missing[0]!r} in the data (columns: {', '.join(map(str, df.columns))})")
    lo_hi = _check_ngram_range(ngram_range)
    stop = _stop_words(stop_words)
    labels = df[by].astype("object")
    labels = labels.where(labels.notna(), "unknown").astype(str)
    names = _select_groups(sorted(labels.unique()), groups, f"column {by!r}")
    texts = df[text].astype("object").where(df[text].notna(), "").astype(str)
    counters = {g: Counter() for g in names}
    phrase_counters = {g: Counter() for g in names}
    matcher = _slogan_matcher(slogans)
    for label, body in zip(labels, texts):
        if label not in counters:
            continue
        counters[label].update(_ngrams(body, lo_hi, token_pattern, stop))
        if matcher is not None:
            phrase_counters[label].update(" ".join(term_tokens(h.phrase, token_pattern)) for h in matcher.find(body))
    phrases = set().union(*phrase_counters.values())
    for g, c in counters.items():  # a lexicon phrase replaces the n-gram with the same tokens
        for t in phrases:
            c[t] = phrase_counters[g][t]
    out = pd.DataFrame(counters, columns=names).fillna(0).astype("int64")
    out.index.name = "term"
    return out.sort_index()


def _slogan_matcher(slogans):
    if slogans is None or slogans is False:
        return None

    if isinstance(slogans, SloganLexicon):
        return slogans.matcher
    return load_slogan_lexicon(None if slogans is True else slogans).matcher


def _count_table(df: pd.DataFrame, groups) -> pd.DataFrame:
    if "term" in df.columns:
        df = df.set_index("term")
    counts = df.copy()
    counts.columns = [str(c) for c in counts.columns]
    counts = counts[_select_groups(list(counts.columns), groups, "the count table's columns")]
    vals = counts.to_numpy(dtype=float)
    if not np.isfinite(vals).all() or (vals < 0).any():
        bad = counts.columns[(~np.isfinite(vals) | (vals < 0)).any(axis=0)][0]
        raise ValueError(f"count column {bad!r} holds negative, missing or infinite values")
    counts.index = counts.index.astype(str)
    if counts.index.duplicated().any():
        raise ValueError(f"term {counts.index[counts.index.duplicated()][0]!r} appears twice in the count table")
    return counts[vals.sum(axis=1) > 0]


def _prior(prior, counts: pd.DataFrame, prior_scale) -> np.ndarray:
    if isinstance(prior, str):
        if prior != "corpus":
            raise ValueError(f"prior={prior!r}: use 'corpus', a number, or a term -> count mapping")
        alpha = counts.sum(axis=1).to_numpy(dtype=float)
    elif np.isscalar(prior):
        if not prior > 0:
            raise ValueError(f"prior={prior!r}: a constant prior must be positive (Monroe et al. use 0.01)")
        alpha = np.full(len(counts), float(prior))
    elif isinstance(prior, (Mapping, pd.Series)):
        alpha = pd.Series(prior, dtype=float).reindex(counts.index).fillna(0.0).to_numpy()
        if (alpha <= 0).any():
            lacking = counts.index[alpha <= 0]
            raise ValueError(f"the prior gives no weight to {len(lacking)} term(s), e.g. {lacking[0]!r}: "
                             "add them, or add a small constant to every term")
    else:
        raise TypeError(f"prior: expected 'corpus', a number or a term -> count mapping, got {type(prior).__name__}")
    if prior_scale is not None:
        if not prior_scale > 0:
            raise ValueError(f"prior_scale={prior_scale!r}: must be positive")
        alpha = alpha * (float(prior_scale) / alpha.sum())
    return alpha


def log_odds_dirichlet(y_i, y_j, alpha, *, variance: str = "full") -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio of each term in ``y_i`` against ``y_j`` and its variance.

    Monroe, Colaresi & Quinn (2008), with prior counts ``alpha``:
    ``delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))``.
    ``variance="monroe"`` is the paper's approximation ``1/(y_iw + a_w) + 1/(y_jw + a_w)``;
    ``"full"`` (default) adds the two complement terms ``1/(n_i + a_0 - y_iw - a_w) + ...``,
    as scattertext does (they matter only for very frequent words). ``z = delta / sqrt(variance)``.

    Examples
    --------
    >>> delta, var = log_odds_dirichlet([10, 0], [0, 10], [10, 10])
    >>> (delta / var ** 0.5).round(3).tolist()
    [2.531, -2.531]
    """
    y_i, y_j, a = (np.asarray(x, dtype=float) for x in (y_i, y_j, alpha))
    n_i, n_j, a_0 = y_i.sum(), y_j.sum(), a.sum()
    rest_i, rest_j = n_i + a_0 - y_i - a, n_j + a_0 - y_j - a
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + a) / rest_i) - np.log((y_j + a) / rest_j)
        var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
        if variance == "full":
            var = var + 1.0 / rest_i + 1.0 / rest_j
    return delta, var


def _two_by_two(y_g: np.ndarray, y_r: np.ndarray, method: str):
    """Chi-squared or G² (1 df, no continuity correction) of each term's 2 × 2 table, signed z,
    and the Haldane-corrected sample log odds ratio with Woolf's variance as the effect size."""
    from scipy.stats import power_divergence

    n_g, n_r = y_g.sum(), y_r.sum()
    obs = np.column_stack([y_g, n_g - y_g, y_r, n_r - y_r])
    total = y_g + y_r
    n = n_g + n_r
    exp = np.column_stack([total * n_g, (n - total) * n_g, total * n_r, (n - total) * n_r]) / n
    lam = "pearson" if method == "chi2" else "log-likelihood"
    stat, p = power_divergence(obs, exp, ddof=2, axis=1, lambda_=lam)
    z = np.sign(obs[:, 0] - exp[:, 0]) * np.sqrt(stat)
    h = obs + 0.5
    log_odds = np.log(h[:, 0] * h[:, 3] / (h[:, 1] * h[:, 2]))
    return log_odds, (1.0 / h).sum(axis=1), z, p


def distinctive_terms(data, by: str = "source_type", *, method: str = "log_odds_dirichlet", text: str = "text",
                      groups=None, ngram_range: tuple[int, int] = (1, 1), token_pattern: str = TOKEN_PATTERN,
                      stop_words="news", slogans=None, prior="corpus", prior_scale: float | None = None,
                      variance: str = "full", min_count: int = 1, correction: str | None = "fdr_bh",
                      alpha: float = ALPHA) -> pd.DataFrame:
    """The terms that distinguish each group from the rest, with z-scores and adjusted p-values.

    Parameters
    ----------
    data : Corpus, DataFrame of texts, or term × group count table
        A corpus; a table with a ``text`` column and a ``by`` column; or counts
        with terms as the index (or a ``term`` column) and one numeric column per
        group, such as :func:`term_counts` returns.
    by : str
        Group column of the texts (ignored for a count table).
    method : {"log_odds_dirichlet", "chi2", "log_likelihood"}
        Weighted log-odds with a Dirichlet prior (Monroe et al. 2008), Pearson's
        chi-squared, or Dunning's log-likelihood G², each term's 2 × 2 table of
        group vs rest with 1 df and no continuity correction.
    text, groups, ngram_range, token_pattern, stop_words, slogans
        What to count; see :func:`term_counts` (by default no stop words or
        news function words: ``stop_words="news"``; ``None`` for every token, as
        scattertext counts). With ``groups=[a, b]`` the two groups are compared
        with each other only.
    prior : "corpus", float or mapping
        Log-odds only. ``"corpus"``: the informative prior, ``a_w`` = the term's
        count in all compared groups together; a number: the same ``a_w`` for
        every term (uninformative; Monroe et al. use 0.01); a mapping term -> count:
        a background corpus (every counted term needs a positive weight).
    prior_scale : float, optional
        Rescale the prior to total ``a_0 = prior_scale`` (scattertext's
        ``scale_type="word"``, ``sigma``); the default keeps it as given.
    variance : {"full", "monroe"}
        Log-odds only; see :func:`log_odds_dirichlet`.
    min_count : int
        Report only terms used at least this often in all compared groups together;
        the rest still count in the totals but not in the multiple-testing correction.
    correction : str or None
        ``statsmodels.stats.multitest.multipletests`` method, applied per group
        (each group vs the rest is one family of tests); default Benjamini–Hochberg.
    alpha : float, default 0.05
        A term is ``significant`` when its ``p_adj`` is below ``alpha``. Report
        only those terms (``terms[terms["significant"]]``), and say so when a
        group has none: its top-ranked terms are then not evidence of a
        difference (with a few short documents per group, nothing passes).

    Returns
    -------
    DataFrame
        One row per (group, term), groups in order and terms by rank:

        - ``group``, ``term``;
        - ``count_group``, ``count_rest``: uses in the group and in the other compared groups;
        - ``per_1k_group``, ``per_1k_rest``: the same per 1,000 counted terms;
        - ``log_odds``: the effect size, positive when the group uses the term more:
          ``delta_w`` for the log-odds method, otherwise the sample log odds ratio
          with 0.5 added to each cell;
        - ``variance``: its variance (for chi2 / G², Woolf's);
        - ``z``: ``log_odds / sqrt(variance)`` for the log-odds method, the signed
          square root of the statistic for chi2 / G²;
        - ``p``: two-sided p-value; ``p_adj``: after ``correction``;
        - ``rank``: 1 for the term with the highest ``z`` in the group;
        - ``significant``: ``p_adj < alpha`` (either direction: a significant
          term with negative ``z`` is one the group uses less than the rest).

        ``attrs`` records the method, prior, ``alpha``, the number of counted
        terms per group (``totals``) and of significant terms with positive
        ``z`` per group (``n_significant``).

    Raises
    ------
    KeyError
        When the text or group column is missing (the message names it).
    ValueError
        When a requested group is absent, fewer than two groups remain, or a
        group has no words.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"party": ["a", "a", "b"],
    ...                      "text": ["tax cuts now", "tax relief", "fair wages now"]})
    >>> t = distinctive_terms(docs, by="party")
    >>> t[t["rank"] == 1][["group", "term", "count_group", "count_rest"]].values.tolist()
    [['a', 'tax', 2, 0], ['b', 'fair', 1, 0]]
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r}: choose one of {', '.join(METHODS)}")
    if variance not in VARIANCES:
        raise ValueError(f"variance={variance!r}: choose one of {', '.join(VARIANCES)}")
    df = _table(data)
    if _is_count_table(df, text):
        counts = _count_table(df, groups)
    else:
        counts = term_counts(df, by, text=text, groups=groups, ngram_range=ngram_range, token_pattern=token_pattern,
                             stop_words=stop_words, slogans=slogans)
    names = list(counts.columns)
    if len(names) < 2:
        raise ValueError(f"distinctive terms need at least two groups to compare, got {len(names)} "
                         f"({', '.join(names) or 'none'}); group by another column than {by!r}?")
    y = counts.to_numpy(dtype=float)
    totals = y.sum(axis=0)
    if (totals == 0).any():
        raise ValueError(f"group {names[int(np.argmax(totals == 0))]!r} has no words to count")
    prior_counts = _prior(prior, counts, prior_scale) if method == "log_odds_dirichlet" else None
    keep = y.sum(axis=1) >= min_count
    terms = counts.index.to_numpy()[keep]
    frames = []
    for k, g in enumerate(names):
        y_g = y[:, k]
        y_r = y.sum(axis=1) - y_g
        if method == "log_odds_dirichlet":
            delta, var = log_odds_dirichlet(y_g, y_r, prior_counts, variance=variance)
            z = delta / np.sqrt(var)
            from scipy.stats import norm

            p = 2 * norm.sf(np.abs(z))
        else:
            delta, var, z, p = _two_by_two(y_g, y_r, method)
        part = pd.DataFrame({"group": g, "term": terms, "count_group": y_g[keep].astype("int64"),
                             "count_rest": y_r[keep].astype("int64"),
                             "per_1k_group": 1000 * y_g[keep] / totals[k],
                             "per_1k_rest": 1000 * y_r[keep] / (totals.sum() - totals[k]),
                             "log_odds": delta[keep], "variance": var[keep], "z": z[keep], "p": p[keep]})
        part["p_adj"] = _adjust(part["p"].to_numpy(), correction)
        part = part.sort_values(["z", "count_group", "term"], ascending=[False, False, True], kind="mergesort")
        part["rank"] = np.arange(1, len(part) + 1)
        part["significant"] = part["p_adj"].to_numpy() < alpha
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)[COLUMNS]
    passing = out[out["significant"] & (out["z"] > 0)].groupby("group").size()
    out.attrs.update(method=method, by=by, prior=prior if isinstance(prior, (str, float, int)) else "mapping",
                     prior_scale=prior_scale, variance=variance, correction=correction, alpha=alpha,
                     totals=dict(zip(names, totals.astype("int64").tolist())),
                     n_significant={g: int(passing.get(g, 0)) for g in names})
    return out


def no_distinctive_terms_note(terms: pd.DataFrame, alpha: float | None = None) -> str:
    """A plain sentence naming the groups for which no term passes the test (``""`` when every group has one).

    Examples
    --------
    >>> import pandas as pd
    >>> t = distinctive_terms(pd.DataFrame({"g": ["a", "b"], "text": ["tax cuts", "fair wages"]}), by="g")
    >>> no_distinctive_terms_note(t)[:62]
    'Distinctive terms: no term passes the test for any group (Benj'
    """
    alpha = terms.attrs.get("alpha", ALPHA) if alpha is None else alpha
    groups = list(dict.fromkeys(terms["group"])) if len(terms) else list(terms.attrs.get("totals", {}))
    sig = terms["p_adj"].lt(alpha) & terms["z"].gt(0) if len(terms) else pd.Series([], dtype=bool)
    have = set(terms.loc[sig, "group"]) if len(terms) else set()
    none = [g for g in groups if g not in have]
    if not none:
        return ""
    correction = terms.attrs.get("correction", "fdr_bh")
    test = (f"{'Benjamini-Hochberg' if correction == 'fdr_bh' else correction or 'unadjusted'} "
            f"{'adjusted ' if correction else ''}p < {alpha:g}")
    if len(none) == len(groups):
        return (f"Distinctive terms: no term passes the test for any group ({test}); the highest-ranked terms "
                "are not evidence that the groups differ in vocabulary (too few or too short documents, or no "
                "difference).")
    return (f"Distinctive terms: no term passes the test ({test}) for {', '.join(map(str, none))}; their "
            "highest-ranked terms are not evidence of a difference.")


def _adjust(p: np.ndarray, correction: str | None) -> np.ndarray:
    if correction is None or len(p) == 0:
        return p.copy()
    from statsmodels.stats.multitest import multipletests

    return multipletests(p, method=correction)[1]
