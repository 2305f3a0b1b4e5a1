"""The measures of a comparison, listed once: what each computes, its tables, figures and report section.

A :class:`Measure` says everything the rest of the package needs to know
about one measure: the step of :func:`framing.compare` that fills its tables
(``run``), each table's sort keys (the CSV row order of
:func:`framing.report.write_csv`), the figures of the report drawn from them,
the report section, and, for the measures :mod:`framing.scale` spreads over
partitions, its step there, the tables it writes per partition and for the
whole corpus, and the map and combine that make the whole corpus's numbers
from the partitions' (``compute``, ``combine``:
``combine([compute(part) for part in parts]) == compute(whole)``).

:data:`MEASURES` lists them in the order :func:`~framing.comparison.compare`
runs them; :func:`framing.report.write_report`, :mod:`framing.report.figures`,
:mod:`framing.report.sections`, the command line and :mod:`framing.scale`
iterate it, so a new measure is one entry here (and its section's text in
:mod:`framing.report.sections`). The corpus's own tables, which the ingestion
audit writes before any measure runs, are :data:`CORPUS_TABLES`.

Examples
--------
>>> [m.name for m in measures()][:3]
['slogans', 'frames', 'sentiment']
>>> MEASURES["slogans"].sort_keys("slogan_rates")
['voice', 'group', 'feature']
>>> [m.scale_step for m in measures() if m.combine is not None]
['slogans', 'frames', 'sentiment', 'terms']
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from types import MappingProxyType

import pandas as pd

from .differences import DIFFERENCE_PERMUTATIONS, difference_table
from .frames import frame_profile, frame_scores, frame_terms
from .keyness import NEWS_TOKEN_PATTERN, distinctive_terms, no_distinctive_terms_note, term_counts
from .over_time import trends
from .reuse import message_discipline, reuse_pairs, syndication_graph
from .sentiment import actor_mentions, actor_sentiment, sentiment_scores
from .slogans import candidate_slogans, slogan_matches, slogan_rates
from .slogans.sums import slogan_rate_sums, summed_group_sums
from .topics import fit_topics
from .voices import quotes, voices_by

__all__ = ["SLOGAN_VOICES", "FRAME_SCHEMES", "TREND_MEASURES", "CORPUS_TABLES", "Figure", "Difference", "Measure",
           "ComparisonRun", "edges_table", "concat_rows", "added_counts", "MEASURES", "measures", "table_names",
           "SORT_KEYS", "FIGURES"]

SLOGAN_VOICES = ("own", "quoted")  # the voices compare() rates slogans in
FRAME_SCHEMES = ("relationship", "policy")  # the frame schemes compare() scores
TREND_MEASURES = ("slogans", "frames", "sentiment", "voices", "topics")  # framing.trends kinds, compare(freq=)

#: The corpus's tables (written by the ingestion audit before any measure runs) and their sort keys;
#: ``groups`` (documents, words and publishers per group) is sorted on all its columns.
CORPUS_TABLES = MappingProxyType({
    "articles": ("doc_id",),
    "removed": ("source_file", "line_no", "reason", "text"),
    "line_map": ("source_file", "page", "unit", "start"),
    "problems": ("source_file", "line_no", "problem"),
    "groups": None,
})


@dataclass(frozen=True)
class Figure:
    """A figure of the report: the :mod:`framing.plot` function ``plot`` drawn from the rows of ``table``
    that ``keep`` selects, with its title and caption (filled in with ``{unit}``, ``{method}``,
    ``{small}``, ``{feature}``, ``{freq}`` and ``{alpha}`` by :func:`framing.report.draw_figures`).

    ``rate``: the table holds rates, drawn (and ``{unit}`` named) in the table's unit;
    ``significant_only``: not drawn when no row is ``significant``; ``graph``: drawn from
    ``Comparison.graphs[graph]`` (which carries its own node colours) once ``table`` has rows."""

    name: str
    table: str
    keep: Mapping
    plot: str
    title: str
    caption: str
    rate: bool = False
    significant_only: bool = False
    graph: str | None = None


@dataclass(frozen=True)
class Difference:
    """A table :func:`framing.report.main_differences` compares groups in: the rows ``keep`` selects,
    one comparison per value of ``feature`` (None: the whole table), on the column ``estimate`` (None:
    the table's rate column), described as ``what`` (``{}``: the feature) with values formatted ``spec``."""

    table: str
    keep: Mapping
    feature: str | None
    estimate: str | None
    what: str
    spec: str


@dataclass(frozen=True)
class Measure:
    """One measure: its step in :func:`~framing.comparison.compare`, its tables, figures, section and scale-out.

    Attributes
    ----------
    name : str
        Registry key.
    step : str
        The step's name in compare's progress bar, ``Comparison.seconds`` and warnings.
    run : callable
        ``run(ComparisonRun)``: fills the tables of one comparison.
    tables : mapping of str to tuple or None
        The tables the step makes, in order, each with the columns its rows
        are sorted on before the others (:func:`framing.report.canonical_table`).
    figures : tuple of Figure
    differences : tuple of Difference
        The tables whose group differences the report's summary states.
    section : str or None
        The id of its section of ``report.html`` (:func:`framing.report.report_sections`).
    needs : str or None
        A parameter of compare that must be given for the step to run (``freq``).
    scale_step : str or None
        Its step of :func:`framing.scale.analyze_parquet`.
    part_tables, scale_tables : tuple of str
        The tables the scale-out writes per partition and for the whole corpus.
    compute, combine : callable or None
        The map and the combine of the scale-out: ``compute(corpus, **options)``
        of a partition (the same call as on the whole corpus) and
        ``combine(list of compute results)``, which gives ``compute`` of the
        corpus the partitions make up.
    """

    name: str
    step: str
    run: Callable
    tables: Mapping
    figures: tuple = ()
    differences: tuple = ()
    section: str | None = None
    needs: str | None = None
    scale_step: str | None = None
    part_tables: tuple = ()
    scale_tables: tuple = ()
    compute: Callable | None = None
    combine: Callable | None = None

    def sort_keys(self, table: str) -> list[str] | None:
        """The columns ``table``'s rows are sorted on first (None: all columns, in order)."""
        keys = self.tables[table]
        return None if keys is None else list(keys)

    def wanted(self, params: Mapping) -> bool:
        """Whether compare runs the step with these parameters."""
        return self.needs is None or params.get(self.needs) is not None


def _no_progress(doing: str) -> None:
    return None


@dataclass
class ComparisonRun:
    """What the steps of one :func:`~framing.comparison.compare` call share.

    ``result`` is the :class:`~framing.comparison.Comparison` being filled: its
    ``corpus`` is the one the group measures run on (after ``dedupe``),
    ``published`` the corpus as given (reuse is measured on it).
    """

    result: object
    published: object
    by: str
    ci_method: str
    n_boot: int = 2000
    random_state: int = 0
    min_docs: int = 0
    min_words: int = 0
    sentiment_lexicon: str = "vader"
    topics: bool = True
    embedding: str = "minilm"
    freq: str | None = None
    progress: Callable = _no_progress
    fitted_topics: list = field(default_factory=list)

    @property
    def corpus(self):
        return self.result.corpus

    @property
    def tables(self) -> dict:
        return self.result.tables

    @property
    def boot(self) -> dict:
        return {"n_boot": self.n_boot, "random_state": self.random_state, "ci_method": self.ci_method}

    @property
    def limits(self) -> dict:
        return {"min_docs": self.min_docs, "min_words": self.min_words}

    @property
    def limits_wilson(self) -> dict:
        return {"min_docs": self.min_docs, "min_group_words": self.min_words}  # min_words is taken there


def edges_table(graph) -> pd.DataFrame:
    """A networkx graph as a table: ``source, target`` plus the edge attributes."""
    rows = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    return pd.DataFrame(rows)


def concat_rows(parts) -> pd.DataFrame:
    """Per-document tables of the parts of a corpus, one after the other: the combine of a per-document measure."""
    return pd.concat(list(parts), ignore_index=True)


def added_counts(parts) -> pd.DataFrame:
    """Term × group count tables (:func:`framing.keyness.term_counts`) of the parts of a corpus, added up.

    The in-memory form of the Dask groupby-sum of :func:`framing.scale.summed_term_counts`.

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1, 0]}, index=pd.Index(["port", "rail"], name="term"))
    >>> b = pd.DataFrame({"x": [2], "y": [1]}, index=pd.Index(["rail"], name="term"))
    >>> added_counts([a, b]).to_dict("index")
    {'port': {'x': 1, 'y': 0}, 'rail': {'x': 2, 'y': 1}}
    """
    total = reduce(lambda x, y: x.add(y, fill_value=0), parts)
    total = total.reindex(sorted(total.columns), axis=1).fillna(0).astype("int64").sort_index()
    total.index.name = "term"
    return total


# ---------------------------------------------------------------- compare's steps

def _slogans(run: ComparisonRun) -> None:
    c, t = run.corpus, run.tables
    t["slogan_matches"] = slogan_matches(c)
    t["slogan_rates"] = pd.concat([slogan_rates(c, by=run.by, voice=v, matches=t["slogan_matches"], **run.boot,
                                                **run.limits) for v in SLOGAN_VOICES], ignore_index=True)
    t["candidate_slogans"] = candidate_slogans(c, by=run.by)


def _frames(run: ComparisonRun) -> None:
    scores, profiles, terms = [], [], []
    for scheme in FRAME_SCHEMES:
        s = frame_scores(run.corpus, scheme=scheme)
        scores.append(s)
        profiles.append(frame_profile(s, run.corpus, by=run.by, relative=True, **run.boot, **run.limits)
                        .assign(scheme=scheme))
        terms.append(frame_terms(run.corpus, scheme=scheme, by=run.by))
    run.tables["frames"] = pd.concat(scores, ignore_index=True)
    run.tables["frame_profile"] = pd.concat(profiles, ignore_index=True)
    run.tables["frame_terms"] = pd.concat(terms, ignore_index=True)


def _sentiment(run: ComparisonRun) -> None:
    c, t, lexicon = run.corpus, run.tables, run.sentiment_lexicon
    t["sentiment"] = sentiment_scores(c, level="sentence", lexicon=lexicon)
    t["actor_mentions"] = actor_mentions(c, lexicon=lexicon, sentences=t["sentiment"])
    t["actor_sentiment"] = actor_sentiment(c, by=run.by, lexicon=lexicon, mentions=t["actor_mentions"],
                                           **run.boot, **run.limits)


def _topics(run: ComparisonRun) -> None:
    if not run.topics:
        return
    t, result = run.tables, run.result
    try:
        # a cold process waits for the topic model to load (a cold machine for UMAP to compile): the bar says so
        fitted = fit_topics(run.corpus, embedding=run.embedding, random_state=run.random_state,
                            progress=lambda doing: run.progress(f"topics: {doing}"))
    except ValueError as exc:
        result.warnings.append(f"Topics left out: {exc}.")
        return
    t["topic_info"], t["topics"] = fitted.topic_info, fitted.assignments
    t["topic_representatives"] = fitted.representative
    t["topics_by_group"] = fitted.by_group(run.by, **run.boot, **run.limits)
    run.fitted_topics.append(fitted)
    result.params["topic_model"] = {k: v for k, v in fitted.params.items() if k != "versions"}


def _distinctive(run: ComparisonRun) -> None:
    # stop words and news function words left out (the default); only significant terms are distinctive
    run.tables["distinctive_terms"] = distinctive_terms(run.corpus, by=run.by, token_pattern=NEWS_TOKEN_PATTERN)
    note = no_distinctive_terms_note(run.tables["distinctive_terms"])
    if note:
        run.result.warnings.append(note)


def _reuse(run: ComparisonRun) -> None:
    # measured on the corpus as published: collapsing first would hide the reprints found here
    c, t = run.published, run.tables
    t["reuse"] = reuse_pairs(c)
    run.result.graphs["syndication"] = syndication_graph(c, pairs=t["reuse"])
    t["syndication"] = edges_table(run.result.graphs["syndication"])
    t["message_discipline"] = message_discipline(c, by=run.by, pairs=t["reuse"], **run.limits_wilson)


def _voices(run: ComparisonRun) -> None:
    run.tables["quotes"] = quotes(run.corpus)
    run.tables["voices_by"] = voices_by(run.corpus, by=run.by, quotes_table=run.tables["quotes"], **run.boot,
                                        **run.limits_wilson)


def _over_time(run: ComparisonRun) -> None:
    t, corpus = run.tables, run.corpus
    # the per-document tables the steps above made are reused, not computed again
    done = {k: t[k] for k in ("slogan_matches", "sentiment", "actor_mentions", "quotes") if k in t}
    if "frames" in t:
        done["frames"] = t["frames"][t["frames"]["scheme"] == "relationship"]
    opts = {"by": run.by, "freq": run.freq, "tables": done, **run.boot, **run.limits}
    extra = {"sentiment": {"sentiment_lexicon": run.sentiment_lexicon},
             "topics": {"topics": run.fitted_topics[0]} if run.fitted_topics else {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the undated articles are counted once, below
        for kind in TREND_MEASURES:
            if kind != "topics" or run.fitted_topics:  # topics over time need the fitted topic model
                t[f"trends_{kind}"] = trends(corpus, kind, **opts, **extra.get(kind, {}))
    a = t["trends_slogans"].attrs
    if a["undated"]:
        why = a["undated_reasons"]
        run.result.warnings.append(f"Over time: {a['undated']} of {len(corpus.articles)} articles are left "
                                   f"out of the trends ({why['no date']} without a date, "
                                   f"{why['date coarser than a period']} dated more coarsely than a "
                                   f"{run.freq!r} period).")


def _differences(run: ComparisonRun) -> None:
    run.tables["difference"] = difference_table(run.result, run.by, run.ci_method, n_boot=run.n_boot,
                                                random_state=run.random_state, n_perm=DIFFERENCE_PERMUTATIONS)


# ---------------------------------------------------------------- the registry

def _tables(**keys) -> Mapping:
    return MappingProxyType({name: tuple(k) if k is not None else None for name, k in keys.items()})


_TREND_KEYS = ("group", "period", "feature")

_MEASURES = (
    Measure(
        "slogans", "slogans", _slogans, section="slogans",
        tables=_tables(slogan_matches=("doc_id", "start", "end", "family"),
                       slogan_rates=("voice", "group", "feature"), candidate_slogans=("phrase",)),
        figures=(Figure("slogans", "slogan_rates", MappingProxyType({"voice": "own"}), "slogan_heatmap",
                        "Slogans by group",
                        "Slogan families {unit} in each group's own voice (quotations and attributed speech left "
                        "out); families no group uses are not shown, and groups that use none are named under "
                        "the figure. 95% {method} intervals are in the table below and in slogan_rates.csv (none "
                        "for {small}).", rate=True),),
        differences=(Difference("slogan_rates", MappingProxyType({"voice": "own"}), "label", None,
                                "slogan family '{}' in own voice", ".2f"),),
        scale_step="slogans", part_tables=("slogan_matches",), scale_tables=("slogan_rates",),
        compute=slogan_rate_sums, combine=summed_group_sums),
    Measure(
        "frames", "frames", _frames, section="frames",
        tables=_tables(frames=("scheme", "doc_id", "frame"), frame_profile=("scheme", "group", "frame"),
                       frame_terms=("scheme", "group", "frame", "term")),
        figures=(Figure("frames", "frame_profile", MappingProxyType({"scheme": "relationship"}), "frame_profile",
                        "Frames by group",
                        "Mean share of each article's frame vocabulary (relationship scheme), with 95% {method} "
                        "intervals. No interval: {small}."),),
        differences=(Difference("frame_profile", MappingProxyType({"scheme": "relationship"}), "label",
                                "mean_score", "frame '{}' (mean share)", ".2f"),),
        scale_step="frames", part_tables=("frames",), compute=frame_scores, combine=concat_rows),
    Measure(
        "sentiment", "sentiment", _sentiment, section="sentiment",
        tables=_tables(sentiment=("doc_id", "sent_id"), actor_mentions=("doc_id", "sent_id", "target"),
                       actor_sentiment=("group", "actor")),
        figures=(Figure("actor_sentiment", "actor_sentiment", MappingProxyType({}), "actor_sentiment",
                        "Sentiment toward actors",
                        "Mean VADER compound score (-1 to +1) of the sentences naming each actor, with 95% "
                        "{method} intervals (none for {small}); n beside each dot: sentences naming the actor. "
                        "Diplomatic prose reads as positive almost everywhere: compare groups, not absolute "
                        "values."),),
        differences=(Difference("actor_sentiment", MappingProxyType({}), "label", "compound",
                                "tone toward {} (VADER, -1 to 1)", "+.2f"),),
        scale_step="sentiment", part_tables=("sentiment", "actor_mentions"), compute=sentiment_scores,
        combine=concat_rows),
    Measure(
        "topics", "topics", _topics, section="topics",
        tables=_tables(topic_info=("topic",), topics=("doc_id", "para_id"), topic_representatives=("topic", "rank"),
                       topics_by_group=("group", "topic")),
        figures=(Figure("topics", "topics_by_group", MappingProxyType({}), "topic_heatmap", "Topics by group",
                        "Share of each group's paragraphs in each topic (BERTopic). Topics are clusters the model "
                        "found; their labels are their top terms."),),
        differences=(Difference("topics_by_group", MappingProxyType({}), "topic_label", "share",
                                "topic '{}' (share of paragraphs)", ".0%"),)),
    Measure(
        "distinctive_terms", "distinctive terms", _distinctive, section="terms",
        tables=_tables(distinctive_terms=("group", "term")),
        figures=(Figure("distinctive_terms", "distinctive_terms", MappingProxyType({}), "distinctive_terms",
                        "Distinctive terms",
                        "Terms each group uses more than the others: log-odds with an informative Dirichlet prior "
                        "(Monroe et al. 2008) against frequency, stop words left out; the highest z-scores are "
                        "labelled. Only the terms in the table below pass the test (Benjamini-Hochberg adjusted "
                        "p < {alpha:g}).", significant_only=True),),
        scale_step="terms", scale_tables=("term_counts", "distinctive_terms"), compute=term_counts,
        combine=added_counts),
    Measure(
        # the scale-out's combine is the LSH join of framing.scale.scaled_reuse_pairs (a Dask shuffle)
        "reuse", "reuse", _reuse, section="reuse",
        tables=_tables(reuse=("doc_id_a", "doc_id_b", "passage_a", "passage_b"), syndication=("source", "target"),
                       message_discipline=("group",)),
        figures=(Figure("syndication", "syndication", MappingProxyType({}), "syndication_network",
                        "Who reprints whom",
                        "Publishers and the originators whose stories they reprint (arrows), with counts; a "
                        "dashed line without an arrow joins two outlets that share text where which one copied is "
                        "undetermined.", graph="syndication"),),
        differences=(Difference("message_discipline", MappingProxyType({}), None, "share",
                                "sentences that recur in other publishers (share)", ".0%"),),
        scale_step="minhash", part_tables=("passages", "minhash"), scale_tables=("reuse_pairs",)),
    Measure(
        "voices", "voices", _voices, section="voices",
        tables=_tables(quotes=("doc_id", "start", "end"), voices_by=("group",)),
        differences=(Difference("voices_by", MappingProxyType({}), "affiliation_type", "share",
                                "quoted voices of type {} (share)", ".0%"),)),
    Measure(
        "over_time", "over time", _over_time, section="over_time", needs="freq",
        tables=_tables(**{f"trends_{kind}": _TREND_KEYS for kind in TREND_MEASURES}),
        figures=(Figure("trend_slogans", "trends_slogans", MappingProxyType({}), "trend", "Slogans over time",
                        "The most used slogan family, \u201c{feature}\u201d, {unit} in each group's own voice per "
                        "period ({freq}), with 95% {method} intervals (none for {small} in a period). Every family "
                        "is in trends_slogans.csv.", rate=True),
                 Figure("trend_frames", "trends_frames", MappingProxyType({}), "trend", "Frames over time",
                        "Share of each group's articles whose dominant frame (relationship scheme) is the most "
                        "frequent one, \u201c{feature}\u201d, per period ({freq}), with 95% {method} intervals. "
                        "Every frame is in trends_frames.csv."),
                 Figure("trend_sentiment", "trends_sentiment", MappingProxyType({"feature": "overall"}), "trend",
                        "Sentiment over time",
                        "Mean VADER compound score (-1 to +1) of each group's articles per period ({freq}), with "
                        "95% {method} intervals; sentiment toward each actor is in trends_sentiment.csv."))),
    Measure(
        "differences", "differences", _differences, section="differences",
        tables=_tables(difference=("measure", "group_a", "group_b", "feature"))),
)

#: The measures by name, in the order compare runs them.
MEASURES = MappingProxyType({m.name: m for m in _MEASURES})


def measures() -> tuple[Measure, ...]:
    """The measures, in the order :func:`~framing.comparison.compare` runs them."""
    return _MEASURES


def table_names() -> tuple[str, ...]:
    """Every table a comparison can hold: the corpus's, then each measure's, in order."""
    return (*CORPUS_TABLES, *(name for m in _MEASURES for name in m.tables))


#: Rows of each table are sorted on these columns before writing (then on all the others), so the
#: files do not depend on dict order, hash seeds or groupby internals.
SORT_KEYS = {name: list(keys) for name, keys in
             [*CORPUS_TABLES.items(), *((n, k) for m in _MEASURES for n, k in m.tables.items())]
             if keys is not None}

#: The report's figures: ``(name, table, rows to keep, framing.plot function, title, caption)``.
FIGURES = tuple((f.name, f.table, dict(f.keep), f.plot, f.title, f.caption) for m in _MEASURES for f in m.figures)
