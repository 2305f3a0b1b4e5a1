"""Measures over time (:func:`framing.trends`): slogans, frames, sentiment, voices, topics per group and period.

:func:`trends` puts every article in a period of its ``published`` date
(weeks, months, quarters, years: a pandas frequency) and measures each group
in each period with the same estimates and document-bootstrap intervals as
the snapshot measures (:func:`framing.stats.group_intervals`), in one tidy
table ``group, period, feature, value, ci_low, ci_high, n_docs, n_words``.

A date is only as precise as the page gave it (``published_precision``): an
article dated "2025-06" is counted in a month, a quarter or a year, which the
whole of June falls in, but in no week, since it may belong to any of five.
Such articles, and undated ones, are left out, never spread over periods or
put in the first one: the table's ``attrs["undated"]`` counts them and a
warning says so.

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([
...     {"text": "Win-win cooperation was the word.", "source_type": "state_media", "published": "2025-06-02"},
...     {"text": "Talks went on.", "source_type": "state_media", "published": "2025-06-10"}])
>>> t = trends(c, "slogans", freq="W", n_boot=200)
>>> t[t["feature"] == "win_win"][["period", "value", "n_docs", "n_words"]].values.tolist()
[[Timestamp('2025-06-02 00:00:00'), 200.0, 1, 5], [Timestamp('2025-06-09 00:00:00'), 0.0, 1, 3]]
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .affiliations import load_affiliations
from .frames import dominant_frames, frame_scores, load_frames
from .published import period_starts
from .reuse import deduplicated
from .sentiment import actor_matcher, actor_mentions, sentiment_scores
from .slogans import VOICES, family_counts, family_names, in_voice, slogan_matches
from .slogans.matches import lexicon_of
from .stats import MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals
from .voices import quotes

__all__ = ["MEASURES", "TREND_COLUMNS", "period_starts", "trends"]

MEASURES = ("slogans", "frames", "sentiment", "voices", "topics")
TREND_COLUMNS = ["group", "period", "feature", "value", "ci_low", "ci_high", "n_docs", "n_words", "count", "label",
                 "ci_method", "ci_note"]


@dataclass
class _Block:
    """Per-document numerators (``values``, one column per feature) and denominators (``totals``)
    of features measured together: one :func:`group_intervals` call per group and period."""

    features: list
    labels: dict
    values: np.ndarray
    totals: np.ndarray
    kind: str
    per: float = 1.0
    bounds: tuple = (0.0, 1.0)
    units_only: bool = False  # only documents with a unit (a sentence naming the actor, a voice) count
    counts: np.ndarray | None = field(default=None)  # what ``count`` sums, where not ``values``
    unit: str = "documents"  # of a block with units_only, what a document may lack ("voices")


def trends(corpus, measure: str, by: str = "source_type", freq: str = "W", *, dedupe: str = "none",
           ci: float = 0.95, per: float = 1000, random_state: int = 0, lexicon=None, voice: str = "own",
           scheme: str = "relationship", statistic: str = "dominant", sentiment_lexicon: str = "vader", actors=None,
           unit: str = "speakers", topics=None, tables: dict | None = None, start=None, end=None,
           n_boot: int = 2000,
           min_docs: int = MIN_DOCS, min_words: int = MIN_WORDS, ci_method: str | None = None,
           **options) -> pd.DataFrame:
    """A measure per group and period, with document-bootstrap intervals.

    Parameters
    ----------
    corpus : Corpus
        Its ``published`` dates place the articles in periods.
    measure : {"slogans", "frames", "sentiment", "voices", "topics"}
        What ``value`` is, per ``feature``:

        - ``slogans``: uses of each slogan family per ``per`` words
          (:func:`framing.slogans.slogan_matches` in ``voice``, as
          :func:`~framing.slogans.slogan_rates` counts them; ``lexicon``);
        - ``frames``: with ``statistic="dominant"``, the share of documents
          whose dominant frame (:func:`framing.frames.dominant_frames` of
          :func:`~framing.frames.frame_scores` of ``scheme``) is each frame,
          ``mixed`` or ``none``; with ``"score"``, the mean frame score
          (:func:`~framing.frames.frame_profile`'s ``mean_score``);
        - ``sentiment``: feature ``overall``, the mean VADER compound of the
          documents (each the mean of its sentences,
          :func:`framing.sentiment.sentiment_scores`); and one feature per
          actor (``actors`` lexicon; ``actors=False`` leaves them out), the
          mean compound of the sentences naming it
          (:func:`~framing.sentiment.actor_sentiment`'s ``compound``);
        - ``voices``: the share of the voices quoted (distinct speakers per
          article with ``unit="speakers"``, else every quotation) of each
          affiliation type (:func:`framing.voices.voices_by`'s ``share``);
        - ``topics``: the share of the paragraphs (the units ``topics`` was
          fitted on) in each topic (:meth:`framing.topics.TopicResult.by_group`'s ``share``).
    by : str, default "source_type"
        A column of ``corpus.articles``.
    freq : str, default "W"
        A pandas period frequency: ``"D"``, ``"W"`` (Monday to Sunday),
        ``"M"``, ``"Q"``, ``"Y"``.
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.deduplicated`), as every measure does.
    ci : float
        Confidence level.
    per : float, default 1000
        Slogans: words per which uses are counted.
    random_state : int
        Seed of every bootstrap: the same seed gives the same table.
    lexicon : optional
        Slogans: the slogan lexicon (:func:`~framing.slogans.slogan_matches`).
    voice : {"own", "all", "quoted"}
        Slogans: which uses count (:func:`~framing.slogans.slogan_rates`).
    scheme, statistic : str
        Frames: the scheme, and ``"dominant"`` or ``"score"`` (above).
    sentiment_lexicon : {"vader", "vader+diplomatic"}
    actors : path or False, optional
        Sentiment: a user actors YAML (default the packaged one), or False.
    unit : {"speakers", "quotes"}
        Voices: what is counted.
    topics : TopicResult
        Topics: a model fitted on this corpus (:func:`framing.fit_topics`).
    tables : dict, optional
        The measure's per-document tables already computed on this corpus with
        the same options, as :func:`framing.compare` holds them, so they are not
        computed again: ``slogan_matches`` (:func:`~framing.slogans.slogan_matches`),
        ``frames`` (:func:`~framing.frames.frame_scores` of ``scheme``),
        ``sentiment`` (sentence level) and ``actor_mentions``, ``quotes``.
    start, end : date or str, optional
        Only the periods from the one that holds ``start`` to the one that
        holds ``end`` (e.g. ``"2022-03-01"``, ``"2022-08-31"``); documents of
        other periods are counted in ``attrs["outside"]``.
    n_boot : int
        Bootstrap replicates.
    min_docs, min_words : int
        A cell (group and period) with fewer documents or words gets its
        value without an interval, and a ``ci_note`` saying why
        (:func:`framing.stats.group_intervals`).
    ci_method : {"outlet", "document"}, optional
        How each cell's interval is made (:func:`framing.stats.ci_method_for`):
        by default ``"outlet"`` (outlets resampled within the cell, then their
        documents; a cell of fewer than 3 outlets has no interval) unless
        ``by="publisher"``, where documents are resampled.
    **options
        Frames: passed to :func:`~framing.frames.frame_scores` (``method``,
        ``path``, ``margin``); voices: to :func:`framing.voices.quotes`
        (``affiliations``, ``outlets``, ``home``).

    Returns
    -------
    DataFrame
        One row per group, period and feature: ``group``; ``period``, the
        first instant of the period (``datetime64[ns]``: Monday 00:00 of a
        week, the 1st of a month; ``pd.PeriodIndex(t["period"],
        freq=t.attrs["freq"])`` gives the periods); ``feature`` (family,
        frame, ``overall`` or actor, affiliation type, topic id), ``value``,
        ``ci_low, ci_high``; ``n_docs, n_words`` (the documents of the cell
        that carry the unit: all of them for slogans and frames, those with
        a sentence for ``overall``, naming the actor, with a voice, or with
        topic paragraphs, and their words); ``count`` (slogan uses,
        documents a frame dominates, voices, paragraphs; the number of
        scores a mean averages); ``label`` and ``ci_note`` (``""`` for a
        bootstrap interval, else why there is none or which exact interval
        replaced it), ``ci_method``. Every period from a group's first to its last is
        there: one without documents has ``n_docs`` 0 and a NaN value.
        Rows are sorted by group, period, then feature in the measure's
        order.

        ``attrs``: ``measure, by, freq, per, dedupe``; ``undated``, the
        number of documents left out as undated (no date, or a date coarser
        than a period, see :func:`period_starts`), ``undated_by_group``
        (dict) and ``undated_reasons`` (``{"no date": n, "date coarser than
        a period": m}``); ``outside``, documents outside ``start``..``end``.

    Warns
    -----
    UserWarning
        When documents are left out as undated, with their number and why.

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "Mutual respect.", "publisher": "A", "published": "2025-06"},
    ...                        {"text": "Mutual trust.", "publisher": "A", "published": "2025-06-20"}])
    >>> t = trends(c, "slogans", by="publisher", freq="M", n_boot=100)
    >>> t.attrs["undated"], int(t["n_docs"].iat[0])
    (0, 2)
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    corpus = deduplicated(corpus, dedupe)
    a = corpus.articles
    groups = document_groups(a, by).to_numpy()
    method = ci_method_for(by, a, ci_method)
    clusters = document_clusters(a).to_numpy() if method == "outlet" else None
    periods = period_starts(a["published"], a["published_precision"], freq).to_numpy()
    undated = np.isnat(periods)
    no_date = a["published"].isna().to_numpy()
    outside = np.zeros(len(a), dtype=bool)
    if start is not None:
        outside |= ~undated & (periods < pd.Period(pd.Timestamp(start), freq).start_time.to_datetime64())
    if end is not None:
        outside |= ~undated & (periods > pd.Period(pd.Timestamp(end), freq).start_time.to_datetime64())
    attrs = {"measure": measure, "by": by, "freq": freq, "per": per, "dedupe": dedupe, "ci_method": method,
             "undated": int(undated.sum()),
             "undated_by_group": {str(g): int(n) for g, n in zip(*np.unique(groups[undated], return_counts=True))},
             "undated_reasons": {"no date": int(no_date.sum()),
                                 "date coarser than a period": int((undated & ~no_date).sum())},
             "outside": int(outside.sum())}
    if undated.any():
        warnings.warn(f"trends: {attrs['undated']} of {len(a)} documents left out as undated "
                      f"({attrs['undated_reasons']['no date']} without a date, "
                      f"{attrs['undated_reasons']['date coarser than a period']} dated more coarsely than a "
                      f"{freq!r} period, e.g. a month in weeks); see the table's attrs['undated']",
                      UserWarning, stacklevel=2)
    blocks = _blocks(corpus, measure, per=per, lexicon=lexicon, voice=voice, scheme=scheme, statistic=statistic,
                     sentiment_lexicon=sentiment_lexicon, actors=actors, unit=unit, topics=topics, options=options,
                     tables=tables or {})
    keep = ~undated & ~outside
    words = a["n_words"].to_numpy(dtype=float)
    table = _cell_table(blocks, groups[keep], periods[keep], words[keep], keep,
                        None if clusters is None else clusters[keep], freq=freq, ci=ci, n_boot=n_boot,
                        random_state=random_state, min_docs=min_docs, min_words=min_words)
    table["ci_method"] = method
    table.attrs.update(attrs)
    return table


def _blocks(corpus, measure: str, *, per, lexicon, voice, scheme, statistic, sentiment_lexicon, actors, unit, topics,
            options, tables: dict) -> list[_Block]:
    """The measure's per-document numerators and denominators, aligned with ``corpus.articles``."""
    a = corpus.articles
    ids = a["doc_id"]
    if measure == "slogans":
        if voice not in VOICES:
            raise ValueError(f"voice must be one of {VOICES}, got {voice!r}")
        lex = lexicon_of(lexicon)
        matches = tables["slogan_matches"] if "slogan_matches" in tables else slogan_matches(corpus, lex)
        counts = family_counts(in_voice(matches, voice), ids, lex.ids)
        labels = {f: label for f, (label, _) in family_names(lex).items()}
        return [_Block(list(lex.ids), labels, counts, a["n_words"].to_numpy(dtype=float), "rate", per=float(per))]
    if measure == "frames":
        return [_frame_block(corpus, scheme, statistic, options, tables.get("frames"))]
    if measure == "sentiment":
        return _sentiment_blocks(corpus, sentiment_lexicon, actors, tables.get("sentiment"),
                                 tables.get("actor_mentions"))
    if measure == "voices":
        return [_voice_block(corpus, unit, options, tables.get("quotes"))]
    if topics is None:
        raise ValueError("measure 'topics' needs topics=: a TopicResult fitted on this corpus (framing.fit_topics)")
    return [_topic_block(ids, topics)]


def _crosstab(doc_ids: pd.Series, keys: pd.Series, ids, features: list) -> np.ndarray:
    """Documents (in ``ids`` order) × features: how many rows of each feature each document has."""
    if not len(doc_ids):
        return np.zeros((len(ids), len(features)))
    table = pd.crosstab(doc_ids.to_numpy(), keys.to_numpy())
    return table.reindex(index=list(ids), columns=features, fill_value=0).to_numpy(dtype=float)


def _frame_block(corpus, scheme: str, statistic: str, options: dict, scores: pd.DataFrame | None) -> _Block:
    if statistic not in ("dominant", "score"):
        raise ValueError(f"statistic must be 'dominant' or 'score', got {statistic!r}")
    scores = frame_scores(corpus, scheme, **options) if scores is None else scores
    frames = load_frames(scheme, options.get("path"))
    labels = {f.id: f.label for f in frames}
    ids = corpus.articles["doc_id"]
    ones = np.ones(len(ids))
    if statistic == "score":
        wide = scores.pivot_table(index="doc_id", columns="frame", values="score", aggfunc="first")
        values = wide.reindex(index=list(ids), columns=list(labels)).fillna(0.0).to_numpy(dtype=float)
        # embedding similarities lie in [-1, 1], dictionary shares in [0, 1]
        bounds = (-1.0, 1.0) if (values < 0).any() else (0.0, 1.0)
        return _Block(list(labels), labels, values, ones, "mean", bounds=bounds, counts=ones[:, None])
    dom = dominant_frames(scores)
    features = list(labels) + ["mixed", "none"]
    labels.update(mixed="mixed", none="none")
    return _Block(features, labels, _crosstab(dom["doc_id"], dom["dominant"], ids, features), ones, "share")


def _sentiment_blocks(corpus, lexicon: str, actors, sents: pd.DataFrame | None,
                      mentions: pd.DataFrame | None) -> list[_Block]:
    ids = corpus.articles["doc_id"]
    sents = sentiment_scores(corpus, "sentence", lexicon=lexicon) if sents is None else sents
    # each document's mean over its sentences (sentiment_scores' article level), averaged over documents
    per_doc = sents.groupby("doc_id")["compound"].mean().reindex(list(ids))
    has = per_doc.notna().to_numpy().astype(float)
    blocks = [_Block(["overall"], {"overall": "overall"}, per_doc.fillna(0.0).to_numpy()[:, None], has, "mean",
                     bounds=(-1.0, 1.0), units_only=True, counts=has[:, None], unit="sentences")]
    if actors is False:
        return blocks
    path = str(actors) if actors else None
    if mentions is None:
        mentions = actor_mentions(corpus, actors=path, lexicon=lexicon, sentences=sents)
    _, labels = actor_matcher(path)
    for actor, sub in mentions.groupby("target", sort=True):
        sums = sub.groupby("doc_id")["compound"].agg(["sum", "size"]).reindex(list(ids), fill_value=0)
        n = sums["size"].to_numpy(dtype=float)
        # the mean over sentences is a ratio of per-document sums: documents are resampled, not sentences
        blocks.append(_Block([actor], {actor: labels.get(actor, actor)}, sums[["sum"]].to_numpy(dtype=float), n,
                             "mean", bounds=(-1.0, 1.0), units_only=True, counts=n[:, None],
                             unit=f"sentences naming {labels.get(actor, actor)}"))
    return blocks


def _voice_block(corpus, unit: str, options: dict, q: pd.DataFrame | None) -> _Block:
    if unit not in ("speakers", "quotes"):
        raise ValueError(f"unit must be 'speakers' or 'quotes', got {unit!r}")
    q = quotes(corpus, **options) if q is None else q
    if "kind" in q:
        q = q[q["kind"] != "question"]  # as voices_by: a reporter asking at a press conference is no voice
    if unit == "speakers":
        q = q.assign(who=q["speaker"].where(q["speaker"].notna(), "(unattributed)")).drop_duplicates(["doc_id", "who"])
    lex = load_affiliations(options["affiliations"]) if options.get("affiliations") is not None \
        else load_affiliations()
    types = list(dict.fromkeys(list(lex.types) + sorted(set(q["affiliation_type"].dropna()))))
    values = _crosstab(q["doc_id"], q["affiliation_type"], corpus.articles["doc_id"], types)
    return _Block(types, {t: t for t in types}, values, values.sum(axis=1), "share", units_only=True, unit="voices")


def _topic_block(ids: pd.Series, topics) -> _Block:
    a = topics.assignments
    a = a[a["doc_id"].isin(set(ids))]
    features = [int(t) for t in sorted(topics.assignments["topic"].unique())]
    labels = dict(zip(topics.topic_info["topic"], topics.topic_info["label"]))
    values = _crosstab(a["doc_id"], a["topic"].astype(int), ids, features)
    return _Block(features, {t: labels.get(t, str(t)) for t in features}, values, values.sum(axis=1), "share",
                  units_only=True, unit="paragraphs with a topic")


def _cell_table(blocks: list[_Block], groups: np.ndarray, periods: np.ndarray, words: np.ndarray, keep: np.ndarray,
                clusters: np.ndarray | None, *, freq: str, **interval_options) -> pd.DataFrame:
    """One row per group, period and feature of every block (documents already restricted to ``keep``)."""
    blocks = [_Block(b.features, b.labels, b.values[keep], b.totals[keep], b.kind, b.per, b.bounds, b.units_only,
                     None if b.counts is None else b.counts[keep], b.unit) for b in blocks]
    cells = pd.Series(np.arange(len(groups))).groupby([groups, periods], sort=True).indices if len(groups) else {}
    parts: dict[str, list] = {c: [] for c in TREND_COLUMNS}
    for g in sorted(set(groups)):
        mine = periods[groups == g]
        grid = pd.period_range(pd.Timestamp(mine.min()), pd.Timestamp(mine.max()), freq=freq).start_time
        for p in grid.to_numpy(dtype="datetime64[ns]"):
            rows = cells.get((g, p), np.array([], dtype=int))
            for b in blocks:
                for col, values in _cell_rows(b, g, p, rows, words, clusters, **interval_options).items():
                    parts[col].append(values)
    if not parts["value"]:
        return pd.DataFrame({c: [] for c in TREND_COLUMNS})
    out = pd.DataFrame({c: np.concatenate(v) for c, v in parts.items()})
    out["period"] = out["period"].astype("datetime64[ns]")
    out["feature"] = out["feature"].infer_objects()  # topic ids stay numbers
    return out


def _cell_rows(b: _Block, group, period, rows: np.ndarray, words: np.ndarray, clusters: np.ndarray | None,
               **interval_options) -> dict:
    """The columns of one group and period of a block, one entry per feature."""
    values, totals = b.values[rows], b.totals[rows]
    counts = (b.values if b.counts is None else b.counts)[rows]
    w = words[rows]
    outlets = None if clusters is None else clusters[rows]
    if b.units_only:
        has = totals > 0
        values, totals, counts, w = values[has], totals[has], counts[has], w[has]
        outlets = None if outlets is None else outlets[has]
    n_docs, n_feat = len(totals), len(b.features)
    if n_docs == 0:
        what = "documents" if not len(rows) else b.unit
        nan = np.full(n_feat, np.nan)
        est, lo, hi, note = nan, nan, nan, [f"no {what} in this period"] * n_feat
    else:
        est, lo, hi, note = group_intervals(values, totals, kind=b.kind, per=b.per, n_words=float(w.sum()),
                                            bounds=b.bounds, clusters=outlets, **interval_options)
    count = np.broadcast_to(counts.sum(axis=0) if n_docs else np.zeros(counts.shape[1]), (n_feat,))
    features = np.empty(n_feat, dtype=object)
    features[:] = b.features
    return {"group": np.full(n_feat, group, dtype=object), "period": np.full(n_feat, period),
            "feature": features, "value": est, "ci_low": lo, "ci_high": hi,
            "n_docs": np.full(n_feat, n_docs, dtype=np.int64), "n_words": np.full(n_feat, int(w.sum()), dtype=np.int64),
            "count": count.astype(np.int64),
            "label": np.array([b.labels.get(f, str(f)) for f in b.features], dtype=object),
            "ci_method": np.full(n_feat, "", dtype=object), "ci_note": np.array(note, dtype=object)}
