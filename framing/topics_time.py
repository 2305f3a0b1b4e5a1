"""Topics over time (:meth:`framing.topics.TopicResult.over_time`): BERTopic's ``topics_over_time``, by class too.

Per topic and period (and group of ``by``, which BERTopic lacks: its issue
#701) the table gives the topic's ``frequency``, the fitted units (paragraphs,
or articles of a fit with ``level="article"``) assigned to it in that period,
as BERTopic's ``topics_over_time`` counts them; its ``share`` of the period's
units with a document-bootstrap interval; and its ``words`` in that period.

The numbers are :func:`framing.trends` with ``measure="topics"``, so that the
periods, the rule for coarse dates (a month-dated article is in no week) and
the intervals are those of every other measure over time. The words are
BERTopic's own: ``model.topics_over_time`` on the fitted texts with each
unit's period as its timestamp, one call per group, so that a topic's words
in a period of a group come from the c-TF-IDF of that group's units in that
period (averaged with the topic's global c-TF-IDF, as BERTopic does unless
``global_tuning`` is off).

BERTopic's other option, ``evolution_tuning`` (average with the previous
period's c-TF-IDF), is off by default here though on in BERTopic: up to
bertopic 0.17.4 at least, its average is written into a copy and lost
(BERTopic issue #2370), so it changes no word, yet it took 95 of the 167
seconds of the weekly words by outlet of 37,815 headlines in 379 topics.

Examples
--------
>>> import framing
>>> result = framing.fit_topics(framing.load_sample_corpus(), embedding="tfidf")  # doctest: +SKIP
>>> result.over_time("W", by="source_type").columns.tolist()                       # doctest: +SKIP
['topic', 'topic_label', 'group', 'period', 'frequency', 'share', 'ci_low', 'ci_high', 'n_units', 'n_docs', \
'words', 'ci_note']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .corpus import Corpus
from .over_time import period_starts, trends
from .reuse import deduplicated
from .stats import document_groups
from .topics import readable_term

__all__ = ["TOPIC_TIME_COLUMNS", "topics_over_time"]

TOPIC_TIME_COLUMNS = ["topic", "topic_label", "group", "period", "frequency", "share", "ci_low", "ci_high", "n_units",
                      "n_docs", "words", "ci_note"]
_WHOLE = "_whole_corpus"  # the one group of ``by=None``
# BERTopic orders its timestamps: units outside the group's periods are given one after all of them,
# so that they do not enter any period's words nor the previous period's that evolution tuning averages with
_AFTER_ALL = pd.Timestamp.max


def topics_over_time(result, freq: str = "M", by: str | None = None, *, dedupe: str = "none",
                     global_tuning: bool = True, evolution_tuning: bool = False, ci: float = 0.95,
                     n_boot: int = 2000, random_state: int = 0, start=None, end=None, min_docs: int | None = None,
                     min_words: int | None = None) -> pd.DataFrame:
    """Each topic's frequency, share and words per period, and per group of ``by``.

    Parameters
    ----------
    result : TopicResult
        A fit of :func:`framing.fit_topics`, which keeps the corpus (its
        ``published`` dates place the units in periods) and the model (for the
        words).
    freq : str, default "M"
        A pandas period frequency: ``"D"``, ``"W"`` (Monday to Sunday),
        ``"M"``, ``"Q"``, ``"Y"`` (:func:`framing.over_time.period_starts`).
    by : str, optional
        A column of ``corpus.articles``: one series per group. None: the
        whole corpus, as BERTopic's ``topics_over_time``.
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator.
    global_tuning : bool, default True
        BERTopic's: average a topic's c-TF-IDF in a period with its global
        one (False: only words of the period's units).
    evolution_tuning : bool, default False
        BERTopic's: average it with the previous period's of the same group
        (off: see the module's note on BERTopic issue #2370).
    ci, n_boot, random_state, start, end : optional
        As in :func:`framing.trends`.
    min_docs, min_words : int, optional
        A cell with fewer documents or words gets no interval (default
        :data:`framing.stats.MIN_DOCS`, :data:`framing.stats.MIN_WORDS`).

    Returns
    -------
    DataFrame
        One row per topic, group and period (every period from a group's
        first to its last, topics with no unit there included), sorted by
        group, period and topic: ``topic, topic_label``; ``group`` (only with
        ``by``); ``period`` (the period's first instant); ``frequency``, the
        units of the topic in the period; ``share``, ``frequency / n_units``
        with ``ci_low, ci_high`` (documents resampled); ``n_units``, the
        period's units in any topic; ``n_docs``, its documents with a unit;
        ``words``, the topic's top five words in the period, comma-separated
        as BERTopic gives them (NaN where the topic has no unit, or the result
        keeps no model); ``ci_note`` as in :func:`framing.trends`.

        ``attrs``: those of :func:`framing.trends` (``freq``, ``undated`` ...),
        ``by``, and ``unit`` (``"paragraph"`` or ``"article"``: what
        ``frequency`` counts).

    Warns
    -----
    UserWarning
        When documents are left out as undated (:func:`framing.trends`).
    """
    if result.corpus is None:
        raise ValueError("over_time needs the corpus the topics were fitted on, whose dates place the units in "
                         "periods: this TopicResult keeps none (fit_topics keeps it as .corpus)")
    corpus, column = result.corpus, by
    if by is None:
        column = _WHOLE
        corpus = Corpus(corpus.articles.assign(**{_WHOLE: "all"}), corpus.removed, corpus.problems, info=corpus.info)
    limits = {k: v for k, v in (("min_docs", min_docs), ("min_words", min_words)) if v is not None}
    t = trends(corpus, "topics", by=column, freq=freq, dedupe=dedupe, topics=result, ci=ci, n_boot=n_boot,
               random_state=random_state, start=start, end=end, **limits)
    table = t.rename(columns={"feature": "topic", "label": "topic_label", "count": "frequency", "value": "share"})
    table["topic"] = table["topic"].astype(int)
    table["n_units"] = table.groupby(["group", "period"])["frequency"].transform("sum").astype(np.int64)
    words = _period_words(result, corpus, column, freq, dedupe, table, evolution_tuning, global_tuning)
    table = table.merge(words, on=["group", "period", "topic"], how="left")
    table = table[TOPIC_TIME_COLUMNS if by is not None else [c for c in TOPIC_TIME_COLUMNS if c != "group"]]
    table.attrs.update(t.attrs)
    table.attrs.update(by=by, unit=result.params.get("level", "paragraph"))
    table.attrs.pop("measure", None)
    table.attrs.pop("per", None)
    return table.reset_index(drop=True)


def _period_words(result, corpus, by: str, freq: str, dedupe: str, table: pd.DataFrame, evolution_tuning: bool,
                  global_tuning: bool) -> pd.DataFrame:
    """``group, period, topic, words``: BERTopic's ``topics_over_time`` of each group's units in its periods."""
    empty = pd.DataFrame({"group": pd.Series(dtype=object), "period": pd.Series(dtype="datetime64[ns]"),
                          "topic": pd.Series(dtype=int), "words": pd.Series(dtype=object)})
    model = result.model
    if model is None or table.empty:
        return empty
    a = result.assignments
    topics = a["topic"].to_numpy(dtype=int)
    n_topics = len(np.unique(topics))
    if getattr(model, "c_tf_idf_", None) is None or model.c_tf_idf_.shape[0] != n_topics:
        raise ValueError(f"the kept model has {getattr(model, 'c_tf_idf_', np.empty((0,))).shape[0]} topic "
                         f"representations but the assignments {n_topics} topics: were topics changed after the fit?")
    articles = deduplicated(corpus, dedupe).articles
    period = period_starts(articles["published"], articles["published_precision"], freq).set_axis(articles["doc_id"])
    unit_period = a["doc_id"].map(period).to_numpy(dtype="datetime64[ns]")  # NaT: undated, or left out by dedupe
    unit_group = a["doc_id"].map(document_groups(articles, by)).to_numpy(dtype=object)
    cells = set(zip(table["group"], table["period"].to_numpy(dtype="datetime64[ns]")))  # inside start..end
    docs = np.array(result.unit_texts(protected=True), dtype=object)
    # BERTopic's global tuning takes the global c-TF-IDF row of a topic by its rank among the topics of the
    # documents passed: every topic must be among them, so one unit of each goes after all periods too
    first_of_topic = ~pd.Series(topics).duplicated().to_numpy()
    in_cell = np.array([(gg, p) in cells for gg, p in zip(unit_group, unit_period)], dtype=bool)
    parts = []
    for g in sorted(set(table["group"])):
        mine = in_cell & (unit_group == g)
        passed = mine | first_of_topic
        stamps = [pd.Timestamp(p) if m else _AFTER_ALL for p, m in zip(unit_period[passed], mine[passed])]
        out = model.topics_over_time(docs[passed].tolist(), stamps, topics=topics[passed].tolist(),
                                     evolution_tuning=evolution_tuning, global_tuning=global_tuning)
        out = out[out["Timestamp"] != _AFTER_ALL]
        parts.append(pd.DataFrame({
            "group": g, "period": pd.to_datetime(out["Timestamp"]).astype("datetime64[ns]").to_numpy(),
            "topic": out["Topic"].astype(int).to_numpy(),
            "words": [", ".join(readable_term(w) for w in str(s).split(", ")) for s in out["Words"]]}))
    return pd.concat(parts, ignore_index=True) if parts else empty
