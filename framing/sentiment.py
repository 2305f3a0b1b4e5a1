"""Sentiment with NLTK's VADER, offline, at sentence, paragraph and article level, and toward actors.

The VADER lexicon comes from the ``vadersentiment`` package (no download): at
first use it is copied, without its trailing blank line, into
``sentiment/vader_lexicon.zip`` of a framing-owned ``nltk_data`` folder that is
added to ``nltk.data.path`` (NLTK 3.10 loads lexicons only through that path,
not from absolute file names).

``lexicon="vader+diplomatic"`` adds an opt-in domain extension
(``lexicons/vader_diplomatic.yaml``): VADER has no entries for the vocabulary of
diplomatic prose and reads "Protectionism and unilateralism will surely
backfire." as positive (+0.44: it knows only "surely").

Examples
--------
>>> score_text("Protectionism and unilateralism will surely backfire.")["compound"] > 0
True
>>> score_text("Protectionism and unilateralism will surely backfire.",
...            lexicon="vader+diplomatic")["compound"] < 0
True
"""

from __future__ import annotations

import os
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .lexicon import diplomatic_terms, load_actors
from .reuse import deduplicated
from .stats import MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals

__all__ = ["actor_matcher", "LEXICONS", "SENTIMENT_COLUMNS", "POS_THRESHOLD", "NEG_THRESHOLD", "cache_dir",
           "nltk_data_dir", "diplomatic_terms", "analyzer", "score_text", "sentiment_scores", "actor_mentions",
           "actor_sentiment", "validate_vader"]

LEXICONS = ("vader", "vader+diplomatic")
SENTIMENT_COLUMNS = ["doc_id", "sent_id", "target", "compound", "pos", "neu", "neg"]
POS_THRESHOLD = 0.05  # VADER's recommended thresholds for positive / negative
NEG_THRESHOLD = -0.05


def cache_dir() -> Path:
    """framing's cache folder: ``$FRAMING_CACHE``, else ``$XDG_CACHE_HOME/framing``, else ``~/.cache/framing``."""
    env = os.environ.get("FRAMING_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


def nltk_data_dir() -> Path:
    """The framing-owned nltk_data folder holding the VADER lexicon, created on first use."""
    root = cache_dir() / "nltk_data"
    target = root / "sentiment" / "vader_lexicon.zip"
    if not target.exists():
        try:
            source = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
            text = source.read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover - a declared dependency
            raise ImportError("framing's sentiment needs the VADER lexicon from the vadersentiment package: "
                              "pip install vadersentiment") from exc
        # NLTK's parser chokes on the file's trailing blank line
        lines = [line for line in text.splitlines() if line.strip()]
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".zip.tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("vader_lexicon/vader_lexicon.txt", "\n".join(lines))
        tmp.replace(target)
    return root


@lru_cache(maxsize=4)
def analyzer(lexicon: str = "vader"):
    """A cached NLTK ``SentimentIntensityAnalyzer`` for ``"vader"`` or ``"vader+diplomatic"``."""
    if lexicon not in LEXICONS:
        raise ValueError(f"lexicon must be one of {LEXICONS}, got {lexicon!r}")
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = str(nltk_data_dir())
    if root not in nltk.data.path:
        nltk.data.path.append(root)
    sia = SentimentIntensityAnalyzer()
    if lexicon == "vader+diplomatic":
        sia.lexicon = {**sia.lexicon, **diplomatic_terms()}
    return sia


def score_text(text: str, lexicon: str = "vader") -> dict[str, float]:
    """VADER scores of one text: ``compound, pos, neu, neg``."""
    return analyzer(lexicon).polarity_scores(text)


def _sentence_rows(corpus, lexicon: str) -> pd.DataFrame:
    sia = analyzer(lexicon)
    sents = corpus.sentences
    scores = [sia.polarity_scores(t) for t in sents["text"]]
    df = sents[["doc_id", "para_id", "sent_id", "text", "start", "end"]].copy()
    for k in ("compound", "pos", "neu", "neg"):
        df[k] = np.array([s[k] for s in scores], dtype=float)
    return df


def sentiment_scores(corpus, level: str = "sentence", *, lexicon: str = "vader") -> pd.DataFrame:
    """VADER sentiment at sentence, paragraph or article level.

    Parameters
    ----------
    corpus : Corpus
    level : {"sentence", "paragraph", "article"}
    lexicon : {"vader", "vader+diplomatic"}

    Returns
    -------
    DataFrame
        ``sentence``: ``doc_id, sent_id, target`` (None), ``compound, pos, neu,
        neg``, then ``para_id, text``. ``paragraph``: VADER on each paragraph,
        ``doc_id, para_id, compound, pos, neu, neg, text``. ``article``: the mean
        of the sentence scores, ``doc_id, compound, pos, neu, neg, n_sentences,
        share_positive, share_negative`` (compound >= 0.05 / <= -0.05).
    """
    if level == "sentence":
        df = _sentence_rows(corpus, lexicon)
        df["target"] = None
        return df[SENTIMENT_COLUMNS + ["para_id", "text"]].reset_index(drop=True)
    if level == "paragraph":
        sia = analyzer(lexicon)
        paras = corpus.paragraphs
        scores = [sia.polarity_scores(t) for t in paras["text"]]
        out = paras[["doc_id", "para_id"]].copy()
        for k in ("compound", "pos", "neu", "neg"):
            out[k] = np.array([s[k] for s in scores], dtype=float)
        out["text"] = paras["text"]
        return out.reset_index(drop=True)
    if level == "article":
        df = _sentence_rows(corpus, lexicon)
        df["positive"] = df["compound"] >= POS_THRESHOLD
        df["negative"] = df["compound"] <= NEG_THRESHOLD
        agg = df.groupby("doc_id", sort=False).agg(
            compound=("compound", "mean"), pos=("pos", "mean"), neu=("neu", "mean"), neg=("neg", "mean"),
            n_sentences=("compound", "size"), share_positive=("positive", "mean"),
            share_negative=("negative", "mean"))
        ids = corpus.articles["doc_id"]
        return agg.reindex(ids).reset_index().rename(columns={"index": "doc_id"}).fillna({"n_sentences": 0}) \
            .astype({"n_sentences": "int64"})
    raise ValueError(f"level must be 'sentence', 'paragraph' or 'article', got {level!r}")


# ---------------------------------------------------------------- actors

def actor_matcher(path: str | None):
    """The phrase matcher of the actors lexicon at ``path`` (the packaged one for None) and its labels
    (actor id -> label), both from :func:`~framing.lexicon.load_actors`, built once."""
    actors = load_actors(path)
    return actors.matcher, actors.labels


def actor_mentions(corpus, *, actors: str | Path | None = None, lexicon: str = "vader",
                   sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences that mention each actor, with their VADER scores.

    ``sentences`` may pass ``sentiment_scores(corpus, level="sentence", lexicon=...)``
    already computed, so the sentences are not scored twice.

    Returns
    -------
    DataFrame
        The sentiment schema with ``target`` = actor id: ``doc_id, sent_id,
        target, compound, pos, neu, neg``, then ``para_id, text, mentions``
        (how often the actor is named in the sentence). A sentence naming two
        actors gives one row for each.
    """
    matcher, _ = actor_matcher(str(actors) if actors else None)
    df = _sentence_rows(corpus, lexicon) if sentences is None else sentences
    rows = []
    for r in df.itertuples(index=False):
        hits = matcher.find(r.text)
        if not hits:
            continue
        counts: dict[str, int] = {}
        for h in hits:
            counts[h.key] = counts.get(h.key, 0) + 1
        for target, n in counts.items():
            rows.append({"doc_id": r.doc_id, "sent_id": r.sent_id, "target": target, "compound": r.compound,
                         "pos": r.pos, "neu": r.neu, "neg": r.neg, "para_id": r.para_id, "text": r.text,
                         "mentions": n})
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS + ["para_id", "text", "mentions"])


def actor_sentiment(corpus, by: str = "source_type", *, actors: str | Path | None = None, lexicon: str = "vader",
                    n_boot: int = 2000, ci: float = 0.95, random_state: int = 0,
                    mentions: pd.DataFrame | None = None, dedupe: str = "none", min_docs: int | None = None,
                    min_words: int | None = None, ci_method: str | None = None) -> pd.DataFrame:
    """Mean sentiment of the sentences mentioning each actor, per group, with bootstrap CIs.

    Parameters
    ----------
    corpus : Corpus
    by : str
        A column of ``corpus.articles``.
    actors : path, optional
        A user actors YAML (default ``lexicons/actors.yaml``).
    lexicon : {"vader", "vader+diplomatic"}
    n_boot, ci, random_state
        Documents are resampled (sentences of one article are not independent).
    mentions : DataFrame, optional
        Precomputed :func:`actor_mentions`.
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated`).
    min_docs, min_words : int, optional
        Fewest documents naming the actor, and words in them, for an interval
        (default :data:`framing.stats.MIN_DOCS`, :data:`framing.stats.MIN_WORDS`).
    ci_method : {"outlet", "document"}, optional
        ``outlet`` resamples the publishers naming the actor in each group, then
        their documents (:func:`framing.stats.cluster_bootstrap`; no interval
        from fewer than 3 publishers); ``document`` resamples documents.
        Default (:func:`framing.stats.ci_method_for`): ``outlet`` unless
        ``by="publisher"``.

    Returns
    -------
    DataFrame
        ``group, actor, label, n_sentences, n_docs, compound, ci_low, ci_high,
        share_positive, share_negative, by, lexicon, ci_method, ci_note``; CIs are NaN
        below ``min_docs`` documents or ``min_words`` words, and ``ci_note``
        says why (``""`` for a bootstrap interval). Where every document gives
        the same mean (all neutral, say) the bootstrap has no spread and the
        interval is widened by the exact bound on the share of documents that
        could differ (:func:`framing.stats.group_intervals`, ``kind="mean"``).
    """
    corpus = deduplicated(corpus, dedupe)
    m = actor_mentions(corpus, actors=actors, lexicon=lexicon) if mentions is None else mentions
    if dedupe != "none":
        m = m[m["doc_id"].isin(corpus.articles["doc_id"])]
    _, labels = actor_matcher(str(actors) if actors else None)
    groups = document_groups(corpus.articles, by)
    words = pd.Series(corpus.articles["n_words"].to_numpy(), index=corpus.articles["doc_id"].to_numpy())
    limits = {"min_docs": MIN_DOCS if min_docs is None else min_docs,
              "min_words": MIN_WORDS if min_words is None else min_words}
    m = m.assign(group=m["doc_id"].map(groups).fillna("unknown"))
    ci_method = ci_method_for(by, corpus.articles, ci_method)
    outlets = document_clusters(corpus.articles) if ci_method == "outlet" else None
    rows = []
    for (g, actor), sub in m.groupby(["group", "target"], sort=True):
        per_doc = sub.groupby("doc_id")["compound"].agg(["sum", "size"])
        # the mean over sentences is a ratio of per-document sums: resample documents, not sentences
        mean, lo, hi, note = group_intervals(per_doc[["sum"]].to_numpy(), per_doc["size"].to_numpy(), kind="mean",
                                             bounds=(-1.0, 1.0), n_words=float(words.reindex(per_doc.index).sum()),
                                             n_boot=n_boot, ci=ci, random_state=random_state, **limits,
                                             clusters=None if outlets is None else per_doc.index.map(outlets))
        rows.append({"group": g, "actor": actor, "label": labels.get(actor, actor), "n_sentences": len(sub),
                     "n_docs": len(per_doc), "compound": mean[0], "ci_low": lo[0], "ci_high": hi[0],
                     "share_positive": (sub["compound"] >= POS_THRESHOLD).mean(),
                     "share_negative": (sub["compound"] <= NEG_THRESHOLD).mean(), "by": by, "lexicon": lexicon,
                     "ci_method": ci_method, "ci_note": note[0]})
    return pd.DataFrame(rows, columns=["group", "actor", "label", "n_sentences", "n_docs", "compound", "ci_low",
                                       "ci_high", "share_positive", "share_negative", "by", "lexicon", "ci_method",
                                       "ci_note"])


# ---------------------------------------------------------------- validation

def validate_vader(path: str | Path, *, lexicon: str = "vader") -> dict[str, float]:
    """Reproduce VADER's validation on a ground-truth file (``id \\t mean \\t text``).

    Returns Pearson r between compound scores and the human means, and the
    3-class (positive / neutral / negative, thresholds ±0.05 on both) weighted
    F1, as in Hutto & Gilbert (2014), Table 4.
    """
    from scipy.stats import pearsonr
    from sklearn.metrics import f1_score

    rows = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append((float(parts[1]), "\t".join(parts[2:])))
    truth = np.array([r[0] for r in rows])
    sia = analyzer(lexicon)
    pred = np.array([sia.polarity_scores(t)["compound"] for _, t in rows])

    def classes(x):
        return np.where(x >= POS_THRESHOLD, 1, np.where(x <= NEG_THRESHOLD, -1, 0))

    r = pearsonr(pred, truth)[0]
    f1 = f1_score(classes(truth), classes(pred), average="weighted")
    return {"n": len(rows), "pearson_r": float(r), "f1_weighted": float(f1), "lexicon": lexicon}
