"""Topics: BERTopic on paragraphs, offline and reproducible, with topics by outlet group.

:func:`fit_topics` wraps BERTopic with explicit UMAP, HDBSCAN and CountVectorizer
models whose parameters scale with the number of paragraphs (so five pages give
several topics, not one outlier blob), embeddings computed offline
(``"minilm"``: the packaged all-MiniLM-L6-v2; ``"static"``: a model2vec-style
static model distilled once from it and kept in the framing cache folder, about
two orders of magnitude faster on a CPU but only in loose agreement with MiniLM;
``"tfidf"``: TF-IDF + truncated SVD, for installs without torch), and fixed
random states, so that the same corpus and parameters give the same assignments
on every run. UMAP's numba functions are compiled once into a framing cache
folder (``NUMBA_CACHE_DIR``), so only the first fit on a machine pays the
compilation (``framing warm`` pays it ahead, as ``make venv``
does). With ``"static"`` or ``"tfidf"`` embeddings neither torch nor
sentence-transformers is imported (both in :mod:`framing.topic_runtime`).

Examples
--------
>>> import framing
>>> from framing.topics import fit_topics
>>> result = fit_topics(framing.load_sample_corpus(), embedding="tfidf")  # doctest: +SKIP
>>> result.topic_info.columns[:4].tolist()                                # doctest: +SKIP
['topic', 'size', 'label', 'terms']
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .datasets.sample import load_sample_corpus
from .embeddings import embed, load_minilm, static_model_dir
from .reuse import deduplicated
from .stats import MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals
from .text import paragraph_spans
from .topic_runtime import enable_numba_cache, import_bertopic, jit_cache_is_warm, numba_cache_folder, quiet_libraries

__all__ = ["MIN_PARAGRAPHS", "EMBEDDINGS", "NEWS_STOPWORDS", "PROTECTED", "numba_cache_folder",
           "jit_cache_is_warm", "topic_vectorizer", "readable_term", "paragraph_embeddings", "TopicResult",
           "fit_topics", "warm"]

MIN_PARAGRAPHS = 20
EMBEDDINGS = ("minilm", "static", "tfidf")
# news furniture words that carry no topic; English stop words are added by the vectorizer
NEWS_STOPWORDS = frozenset("""said says say told according also would could year years percent per cent
mr ms including include includes new one two three first last week month day monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october
november december time times way well like just many much made make makes""".split())
# multi-word names kept whole in topic terms
PROTECTED = ("belt and road", "china-central asia", "central asia", "ren'ai jiao", "south china sea",
             "security council", "silk road", "united states", "european union", "xi jinping")


def _scaled_params(n: int) -> dict:
    """UMAP/HDBSCAN parameters for ``n`` paragraphs: small corpora get small neighbourhoods."""
    return {
        "n_neighbors": int(min(15, max(5, round(math.sqrt(n) / 1.5)))),
        "n_components": int(min(5, max(2, n // 20))),
        "min_cluster_size": int(min(30, max(4, round(n / 35)))),
        "min_samples": int(min(10, max(1, round(n / 150)))),
    }


# BERTopic strips every character but letters, digits and spaces before computing c-TF-IDF,
# so names are protected with letter-only markers and restored for display
_MARKERS = (("qxq", " "), ("qyq", "-"), ("qzq", "'"))


def _protect(text: str) -> str:
    low = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    low = re.sub(r"'s\b", "", low)
    for phrase in PROTECTED:
        if phrase in low:
            low = low.replace(phrase, phrase.replace(" ", "qxq"))
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", "qyq", low)
    return re.sub(r"(?<=[a-z])'(?=[a-z])", "qzq", low)


def readable_term(term: str) -> str:
    """A topic term as the reader should see it: the markers that kept a name whole restored.

    >>> readable_term("centralqxqasia")
    'central asia'
    """
    for marker, char in _MARKERS:
        term = term.replace(marker, char)
    return term


def topic_vectorizer(min_df: int = 1):
    """CountVectorizer for topic terms (texts already protected by :func:`_protect`)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    return CountVectorizer(lowercase=True, token_pattern=r"(?u)\b[^\W\d_][\w]*[^\W_]\b",
                           stop_words=sorted(ENGLISH_STOP_WORDS | NEWS_STOPWORDS), ngram_range=(1, 2),
                           min_df=min_df)


def paragraph_embeddings(texts: list[str], embedding: str = "minilm", random_state: int = 0) -> np.ndarray:
    """Embeddings of paragraphs: ``minilm`` or ``static`` (cached, offline) or ``tfidf`` (TF-IDF + SVD, no torch).

    ``static`` is distilled from MiniLM on first use and then loaded from the
    cache folder (:func:`framing.embeddings.load_static`); ``minilm`` and
    ``static`` vectors are cached by text hash, so a re-fit encodes nothing.
    """
    if embedding in ("minilm", "static"):
        return embed(texts, model=embedding)
    if embedding == "tfidf":
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        X = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
        k = int(max(2, min(100, X.shape[1] - 1, X.shape[0] - 1)))
        return normalize(TruncatedSVD(n_components=k, random_state=random_state).fit_transform(X))
    raise ValueError(f"embedding must be one of {EMBEDDINGS}, got {embedding!r}")


def _embedding_message(embedding: str, n: int, level: str) -> str:
    """What embedding ``n`` units waits for: a model load on first use, a distillation on a fresh machine."""
    if embedding == "minilm":
        if not load_minilm.cache_info().currsize:
            return f"embedding {n} {level}s (loading MiniLM: first use in this process)"
    elif embedding == "static":
        try:
            if not (static_model_dir() / "model.safetensors").exists():
                return (f"embedding {n} {level}s (distilling the static model from MiniLM: first use on this "
                        "machine, about a minute)")
        except (ImportError, OSError):  # the embedding step says what is missing
            pass
    return f"embedding {n} {level}s"


@dataclass
class TopicResult:
    """Tidy tables of a topic model fitted on paragraphs.

    Attributes
    ----------
    topic_info : DataFrame
        ``topic, size, label, terms`` (top terms, comma-separated), ``weights``
        (their c-TF-IDF weights); topic -1 is HDBSCAN's outliers.
    assignments : DataFrame
        ``doc_id, para_id, topic, topic_label, probability``.
    representative : DataFrame
        ``topic, rank, doc_id, para_id, text``: the paragraphs nearest each topic.
    params : dict
        Every parameter, the package versions and the number of outliers
        reassigned, for a reproducibility manifest.
    model : BERTopic
        The fitted model (for BERTopic's own interactive figures).
    """

    topic_info: pd.DataFrame
    assignments: pd.DataFrame
    representative: pd.DataFrame
    params: dict
    articles: pd.DataFrame = field(repr=False, default=None)
    model: object = field(repr=False, default=None)
    corpus: object = field(repr=False, default=None)

    def by_group(self, by: str = "source_type", *, dedupe: str = "none", n_boot: int = 2000, ci: float = 0.95,
                 random_state: int = 0, min_docs: int | None = None, min_words: int | None = None,
                 ci_method: str | None = None) -> pd.DataFrame:
        """Share of each group's paragraphs in each topic, with bootstrap CIs.

        ``dedupe="collapse"`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated` of the fitted corpus): the
        paragraphs of dropped copies are left out of the shares.

        A group with fewer than ``min_docs`` documents or ``min_words`` words
        (default :data:`framing.stats.MIN_DOCS`, :data:`framing.stats.MIN_WORDS`)
        gets its shares without intervals. Where the bootstrap has no spread (a
        topic none of the group's paragraphs is in, or all of them) the interval
        is the Wilson interval of the group's paragraphs
        (:func:`framing.stats.group_intervals`, ``kind="share"``), not ``[0, 0]``.

        ``ci_method="outlet"`` resamples each group's publishers, then their
        documents (:func:`framing.stats.cluster_bootstrap`; no interval from
        fewer than 3 publishers); ``"document"`` resamples documents. Default
        (:func:`framing.stats.ci_method_for`): ``outlet`` unless ``by="publisher"``.

        Returns
        -------
        DataFrame
            ``group, topic, topic_label, n_paragraphs, group_paragraphs, share,
            ci_low, ci_high, n_docs, by, ci_method, ci_note``; ``ci_note`` is ``""`` for a
            bootstrap interval, else why there is none or what replaced it.
        """
        articles, a = self.articles, self.assignments
        if dedupe != "none":
            if self.corpus is None:
                raise ValueError("dedupe needs the fitted corpus: this TopicResult was not made by fit_topics")
            articles = deduplicated(self.corpus, dedupe).articles
            a = a[a["doc_id"].isin(articles["doc_id"])]
        a = a.assign(group=a["doc_id"].map(document_groups(articles, by)).fillna("unknown"))
        ci_method = ci_method_for(by, articles, ci_method)
        outlets = document_clusters(articles) if ci_method == "outlet" else None
        topics = sorted(self.assignments["topic"].unique())  # every topic, also under dedupe
        labels = dict(zip(self.topic_info["topic"], self.topic_info["label"]))
        words = (pd.Series(articles["n_words"].to_numpy(), index=articles["doc_id"].to_numpy())
                 if "n_words" in articles else None)
        limits = {"min_docs": MIN_DOCS if min_docs is None else min_docs,
                  "min_words": MIN_WORDS if min_words is None else min_words}
        rows = []
        for g, sub in a.groupby("group", sort=True):
            counts = pd.crosstab(sub["doc_id"], sub["topic"]).reindex(columns=topics, fill_value=0)
            C = counts.to_numpy(dtype=float)
            tot = C.sum(axis=1)
            n_docs = len(C)
            n_words = float(words.reindex(counts.index).sum()) if words is not None else None
            share, lo, hi, note = group_intervals(C, tot, kind="share", n_words=n_words, n_boot=n_boot, ci=ci,
                                                  random_state=random_state, **limits,
                                                  clusters=None if outlets is None else counts.index.map(outlets))
            for j, t in enumerate(topics):
                rows.append({"group": g, "topic": int(t), "topic_label": labels.get(t, str(t)),
                             "n_paragraphs": int(C[:, j].sum()), "group_paragraphs": int(tot.sum()),
                             "share": share[j], "ci_low": lo[j], "ci_high": hi[j], "n_docs": n_docs, "by": by,
                             "ci_method": ci_method, "ci_note": note[j]})
        return pd.DataFrame(rows)

    def over_time(self, freq: str = "M", by: str | None = None, *, dedupe: str = "none", **options) -> pd.DataFrame:
        """Each topic's frequency, share (with intervals) and words per period, and per group of ``by``.

        BERTopic's ``topics_over_time``, by class too: see
        :func:`framing.topics_time.topics_over_time` for the parameters and the table.

        >>> result.over_time("W", by="publisher")  # doctest: +SKIP
        """
        # topics_time imports readable_term from here: looked up on first use to avoid a cycle
        from .topics_time import topics_over_time

        return topics_over_time(self, freq, by, dedupe=dedupe, **options)

    def unit_texts(self, protected: bool = False) -> list[str]:
        """The texts of the fitted units (paragraphs, or articles at ``para_id`` 0), in ``assignments`` order.

        ``protected=True`` gives them as the model's vectorizer read them (names
        kept whole, lower case), as BERTopic's methods that take ``docs`` need them.
        """
        if self.articles is None:
            raise ValueError("this TopicResult keeps no articles (fit_topics keeps them): no unit texts")
        texts = dict(zip(self.articles["doc_id"], self.articles["text"].astype(str)))
        docs = [texts[d] if p == 0 else texts[d][slice(*paragraph_spans(texts[d])[p - 1])]
                for d, p in zip(self.assignments["doc_id"], self.assignments["para_id"])]
        return [_protect(t) for t in docs] if protected else docs

    def plotly(self, kind: str = "topics", **kwargs):
        """BERTopic's interactive plotly figure of the kept model (static figures: :mod:`framing.plot`).

        Parameters
        ----------
        kind : {"topics", "barchart", "heatmap", "hierarchy", "documents"}
            Calls ``model.visualize_<kind>(**kwargs)``. ``documents`` places the
            fitted units at their UMAP coordinates (first two principal axes
            when UMAP kept more than two), with their texts on hover.

        Returns
        -------
        plotly.graph_objects.Figure

        Examples
        --------
        >>> fig = result.plotly("barchart", top_n_topics=6)  # doctest: +SKIP
        >>> fig.write_html("topics.html")                    # doctest: +SKIP
        """
        kinds = ("topics", "barchart", "heatmap", "hierarchy", "documents")
        if kind not in kinds:
            raise ValueError(f"kind must be one of {kinds}, got {kind!r}")
        if self.model is None:
            raise ValueError("this TopicResult keeps no fitted model (fit_topics keeps it)")
        try:
            import plotly  # noqa: F401
        except ImportError as exc:  # pragma: no cover - bertopic depends on plotly
            raise ImportError("interactive topic figures need plotly: pip install plotly") from exc
        kwargs.setdefault("custom_labels", True)
        if kind != "documents":
            return getattr(self.model, f"visualize_{kind}")(**kwargs)
        from sklearn.decomposition import PCA

        docs = self.unit_texts()
        xy = np.asarray(self.model.umap_model.embedding_)
        if xy.shape[1] > 2:
            xy = PCA(n_components=2, random_state=0).fit_transform(xy)
        return self.model.visualize_documents(docs, topics=kwargs.pop("topics", None), reduced_embeddings=xy,
                                              **kwargs)


def fit_topics(corpus, level: str = "paragraph", embedding: str = "minilm", *, random_state: int = 0,
               n_neighbors: int | None = None, n_components: int | None = None,
               min_cluster_size: int | None = None, min_samples: int | None = None,
               reduce_outliers: bool = True, top_n_words: int = 8, min_words: int = 5,
               progress=None) -> TopicResult:
    """Fit BERTopic on the paragraphs of a corpus, offline and reproducibly.

    Parameters
    ----------
    corpus : Corpus
    level : {"paragraph", "article"}
        The unit that gets a topic. ``"article"`` fits whole article texts
        (``para_id`` 0 in the assignments): the natural unit for headlines and
        other one-paragraph documents (MiniLM reads only the first 256 tokens of
        a long article).
    embedding : {"minilm", "static", "tfidf"}
        ``static`` is the fast choice for large corpora (see ``BENCHMARKS.md``
        for its speed and its agreement with ``minilm``).
    random_state : int
        Seeds UMAP and the SVD: same corpus and parameters, same topics.
    n_neighbors, n_components, min_cluster_size, min_samples : int, optional
        Default: scaled with the number of paragraphs (see ``params`` of the result).
    reduce_outliers : bool
        Reassign outlier paragraphs to their nearest topic by c-TF-IDF; how many
        is reported in ``params["outliers_reassigned"]``.
    min_words : int
        Units with fewer words are left out (counted in ``params["n_too_short"]``);
        3 keeps short headlines such as "Moscow stock market reopens".
    progress : callable, optional
        Called with a short description of what the fit is doing or waiting for
        (``"loading the topic model (first use in this process)"``, ``"compiling
        UMAP (first run on this machine, 1-2 minutes)"``, ``"embedding 120
        paragraphs"`` ...), for a progress bar (``framing analyze`` shows it).

    Raises
    ------
    ValueError
        With fewer than 20 paragraphs, saying how many are needed.
    """
    if level not in ("paragraph", "article"):
        raise ValueError(f"level must be 'paragraph' or 'article', got {level!r}")
    units = corpus.paragraphs if level == "paragraph" else corpus.articles[["doc_id", "text"]].assign(para_id=0)
    long_enough = units["text"].astype(str).str.split().str.len() >= min_words
    paras = units[long_enough].reset_index(drop=True)
    n = len(paras)
    if n < MIN_PARAGRAPHS:
        raise ValueError(f"fit_topics needs at least {MIN_PARAGRAPHS} {level}s of {min_words}+ words; "
                         f"this corpus has {n}")
    say = progress if callable(progress) else (lambda message: None)
    # BERTopic, UMAP, transformers and tqdm print warnings and progress bars that are noise in a notebook
    # (issue 14): silenced here, at their source, for every caller
    with quiet_libraries(embedding):
        # a cold process waits seconds here, a cold machine minutes: say which, not a bar sitting at 0
        if not jit_cache_is_warm():
            say("compiling UMAP and pynndescent (first run on this machine, 1-2 minutes)")
        elif "bertopic" not in sys.modules:
            say("loading the topic model (first use in this process)")
        enable_numba_cache()
        try:
            BERTopic = import_bertopic(embedding)
            from hdbscan import HDBSCAN
            from umap import UMAP
        except ImportError as exc:  # pragma: no cover - declared dependencies
            raise ImportError("topics need bertopic, umap-learn and hdbscan: pip install bertopic") from exc
        params = _scaled_params(n)
        for key, value in (("n_neighbors", n_neighbors), ("n_components", n_components),
                           ("min_cluster_size", min_cluster_size), ("min_samples", min_samples)):
            if value is not None:
                params[key] = int(value)
        texts = paras["text"].astype(str).tolist()
        say(_embedding_message(embedding, n, level))
        emb = paragraph_embeddings(texts, embedding, random_state)
        say(f"clustering {n} {level}s")
        umap_model = UMAP(n_neighbors=params["n_neighbors"], n_components=params["n_components"], min_dist=0.0,
                          metric="cosine", random_state=random_state, low_memory=True)
        hdbscan_model = HDBSCAN(min_cluster_size=params["min_cluster_size"], min_samples=params["min_samples"],
                                metric="euclidean", cluster_selection_method="eom", prediction_data=False,
                                # hdbscan's default of 4 worker processes costs ~0.9 GB more than 2 cores can use
                                core_dist_n_jobs=min(4, os.cpu_count() or 1))
        model = BERTopic(embedding_model=None, umap_model=umap_model, hdbscan_model=hdbscan_model,
                         vectorizer_model=topic_vectorizer(), top_n_words=top_n_words, calculate_probabilities=False,
                         verbose=False)
        protected = [_protect(t) for t in texts]  # for the topic terms only; embeddings use the real text
        topics, _ = model.fit_transform(protected, embeddings=emb)
        topics = np.asarray(topics)
        n_outliers = int((topics == -1).sum())
        reassigned = 0
        if reduce_outliers and n_outliers and len(set(topics) - {-1}) >= 1:
            new = np.asarray(model.reduce_outliers(protected, topics, strategy="c-tf-idf", threshold=0.0))
            reassigned = int(((topics == -1) & (new != -1)).sum())
            topics = new
            model.update_topics(protected, topics=topics.tolist(), vectorizer_model=topic_vectorizer(),
                                top_n_words=top_n_words)
    # similarity of each paragraph to its topic's centroid stands in for a probability
    prob = np.zeros(n)
    centroids = {}
    for t in sorted(set(topics)):
        c = emb[topics == t].mean(axis=0)
        centroids[t] = c / (np.linalg.norm(c) or 1.0)
    for i, t in enumerate(topics):
        prob[i] = float(emb[i] @ centroids[t]) / (np.linalg.norm(emb[i]) or 1.0)
    info_rows, labels = [], {}
    for t in sorted(set(topics)):
        words = model.get_topic(int(t)) or []
        terms = [readable_term(w) for w, _ in words[:top_n_words]]
        label = "outliers" if t == -1 else f"{t}: " + ", ".join(terms[:3])
        labels[t] = label
        info_rows.append({"topic": int(t), "size": int((topics == t).sum()), "label": label,
                          "terms": ", ".join(terms), "weights": ", ".join(f"{s:.3f}" for _, s in words[:top_n_words])})
    topic_info = pd.DataFrame(info_rows)
    # BERTopic's own figures (TopicResult.plotly) then show the names restored, with our labels
    model.topic_representations_ = {t: [(readable_term(w), s) for w, s in words]
                                    for t, words in model.topic_representations_.items()}
    model.set_topic_labels({int(t): label for t, label in labels.items()})
    assignments = pd.DataFrame({"doc_id": paras["doc_id"], "para_id": paras["para_id"], "topic": topics.astype(int),
                                "topic_label": [labels[t] for t in topics], "probability": prob})
    rep_rows = []
    for t in sorted(set(topics)):
        idx = np.where(topics == t)[0]
        best = idx[np.argsort(-prob[idx], kind="stable")][:3]
        for rank, i in enumerate(best, start=1):
            rep_rows.append({"topic": int(t), "rank": rank, "doc_id": paras["doc_id"].iat[i],
                             "para_id": int(paras["para_id"].iat[i]), "text": texts[i]})
    import bertopic
    import hdbscan
    import sklearn
    import umap

    params.update({"embedding": embedding, "random_state": random_state, "level": level, "n_paragraphs": n,
                   "min_words": min_words, "n_too_short": int((~long_enough).sum()),
                   "outliers_before_reduction": n_outliers, "outliers_reassigned": reassigned,
                   "reduce_outliers": reduce_outliers, "versions": {
                       "bertopic": bertopic.__version__, "umap-learn": umap.__version__,
                       "hdbscan": getattr(hdbscan, "__version__", "unknown"), "scikit-learn": sklearn.__version__,
                       "numpy": np.__version__}})
    return TopicResult(topic_info, assignments, pd.DataFrame(rep_rows), params, corpus.articles, model, corpus)


def warm(embedding: str = "tfidf") -> float:
    """Fit topics once on the bundled sample, so that UMAP's numba functions are compiled into the cache.

    ``make venv`` runs it (``framing warm``), so that the first
    ``framing analyze`` after installing does not compile for a minute or two.
    Returns the seconds it took.
    """
    import time

    start = time.perf_counter()
    fit_topics(load_sample_corpus(), embedding=embedding)
    return time.perf_counter() - start
