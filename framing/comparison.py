"""Outlets side by side: every measure of a corpus, by group, in one call.

:func:`compare` runs the measures of the other modules (slogan rates, frame
profiles, actor sentiment, topics by group, distinctive terms, text reuse and
syndication, voices) on one corpus with one grouping, one ``dedupe`` choice and
one seed, and returns a :class:`Comparison` of tidy tables with their
intervals. It re-implements none of them: each table is what the module's own
function returns.

Small samples are this field's everyday reality, so the comparison says
plainly which groups are too small to stand for their kind of outlet
(:attr:`Comparison.warnings`).

Examples
--------
>>> import framing
>>> from framing.comparison import compare
>>> cmp = compare(framing.load_sample_corpus(), by="source_type", topics=False, n_boot=200)
>>> cmp.slogan_rates.columns[:4].tolist()
['group', 'feature', 'count', 'n_words']
>>> cmp.groups.columns.tolist()
['group', 'n_docs', 'n_words', 'n_publishers', 'small']
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from .differences import DIFFERENCE_PERMUTATIONS, MAX_DIFFERENCE_GROUPS, pairwise_differences
from .measures import FRAME_SCHEMES, SLOGAN_VOICES, ComparisonRun, edges_table, measures
from .reuse import deduplicated
from .stats import MIN_CLUSTERS, MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups

__all__ = ["MIN_GROUP_DOCS", "MIN_GROUP_WORDS", "MAX_DIFFERENCE_GROUPS", "DIFFERENCE_PERMUTATIONS", "Comparison", "Steps", "group_sizes",
           "UNKNOWN_SOURCE_TYPE_SHARE", "unknown_outlet_notes", "small_group_notes", "few_outlet_notes",
           "pairwise_differences", "edges_table", "compare"]

# one threshold for "small group" warnings and for intervals left out (framing.stats.group_intervals)
MIN_GROUP_DOCS = MIN_DOCS
MIN_GROUP_WORDS = MIN_WORDS


@dataclass
class Comparison:
    """The tables of one comparison, and what produced them.

    Tables are reached as attributes (``cmp.slogan_rates``) or by name
    (``cmp.tables["slogan_rates"]``).

    Attributes
    ----------
    corpus : Corpus
        The corpus the group measures were computed on (after
        ``dedupe="collapse"``, the collapsed one).
    input_corpus : Corpus
        The corpus as given; reuse and syndication are measured on it, since
        collapsing first would hide the reprints they find.
    tables : dict of str to DataFrame
        ``groups`` (documents, words and publishers per group), ``articles,
        removed, problems, slogan_matches, slogan_rates`` (own and quoted voice),
        ``candidate_slogans, frames, frame_profile`` (relationship and policy
        schemes, with each group's share against the corpus average),
        ``frame_terms`` (which terms drove each frame in each group),
        ``sentiment, actor_mentions, actor_sentiment, topic_info, topics,
        topic_representatives, topics_by_group, distinctive_terms, reuse,
        syndication, message_discipline, quotes, voices_by`` and
        ``difference`` (every pair of groups compared on slogan rates, frame
        shares and topic shares: :func:`pairwise_differences`). The rates,
        shares and means say in a ``ci_method`` column how their interval was
        made (``outlet`` or ``document``).
    params : dict
        Every parameter that changes a number.
    warnings : list of str
        Plain-language cautions: small groups, steps left out and why.
    seconds : dict of str to float
        Wall time of each step.
    graphs : dict
        ``syndication``: the networkx graph of who reprints whom.
    """

    corpus: object
    tables: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)
    input_corpus: object = None
    graphs: dict = field(default_factory=dict)

    def __getattr__(self, name: str):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Comparison has no table {name!r}; tables: {', '.join(sorted(tables))}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.__dict__.get("tables", {})))

    @property
    def notes(self) -> list:
        """The warnings (the name :mod:`framing.report` uses)."""
        return self.warnings

    def __repr__(self) -> str:
        by = self.params.get("by")
        return (f"Comparison(by={by!r}, dedupe={self.params.get('dedupe')!r}, groups={len(self.tables.get('groups', []))}, "
                f"tables={sorted(self.tables)}, warnings={len(self.warnings)})")


class Steps:
    """A tqdm bar over named steps (or a no-op when ``progress`` is false); pass a bar to extend it."""

    def __init__(self, progress, total: int):
        from tqdm import tqdm

        self.own = not hasattr(progress, "update")
        self.bar = tqdm(total=total, unit="step", disable=not progress, leave=False, file=sys.stderr) \
            if self.own else progress
        if not self.own:
            self.bar.total = (self.bar.total or 0) + total
            self.bar.refresh()

    def step(self, name: str):
        self.bar.set_description(name)
        return self

    def done(self):
        self.bar.update(1)

    def close(self):
        if self.own:
            self.bar.close()


def group_sizes(articles: pd.DataFrame, by: str, *, min_docs: int = MIN_GROUP_DOCS,
                min_words: int = MIN_GROUP_WORDS) -> pd.DataFrame:
    """Documents, words and publishers per group, and whether the group is small.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a#1", "b#1"], "source_type": ["think_tank", "think_tank"],
    ...                   "publisher": ["A", "B"], "n_words": [640, 900]})
    >>> group_sizes(a, "source_type").values.tolist()
    [['think_tank', 2, 1540, 2, True]]
    """
    groups = document_groups(articles, by)
    df = pd.DataFrame({"group": groups.to_numpy(), "n_words": articles["n_words"].to_numpy(),
                       "publisher": articles["publisher"].to_numpy() if "publisher" in articles else None})
    out = df.groupby("group", sort=True).agg(n_docs=("n_words", "size"), n_words=("n_words", "sum"),
                                             n_publishers=("publisher", "nunique")).reset_index()
    out["small"] = (out["n_docs"] < min_docs) | (out["n_words"] < min_words)
    return out.astype({"n_docs": "int64", "n_words": "int64", "n_publishers": "int64"})


def _without(corpus, doc_ids: set):
    """``corpus`` without the articles ``doc_ids`` (doc_ids kept, unlike ``Corpus.from_frame``)."""
    if not doc_ids:
        return corpus
    arts = corpus.articles
    return type(corpus)(arts[~arts["doc_id"].isin(doc_ids)].reset_index(drop=True), corpus.removed,
                        corpus.problems, corpus.line_map, dict(corpus.info))


_ISOLATION_RUNS = 48  # step runs spent looking for the articles a failure comes from


def _failing_articles(run, corpus) -> dict[str, str]:
    """The articles a step fails on, each alone, found by bisection: {doc_id: error}.

    ``run(excluded)`` runs the step without the articles ``excluded`` and raises as
    the step does. Empty when the failure is not one of single articles (a corpus
    of one group fails on every half), or when finding them would take more than
    48 runs: then the whole step is left out.
    """
    ids = sorted(corpus.articles["doc_id"])
    everything = set(ids)
    budget = [_ISOLATION_RUNS]
    found: dict[str, str] = {}

    def error_on(keep: list[str]) -> str | None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _OutOfRuns
        try:
            run(everything - set(keep))
            return None
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    def search(part: list[str]) -> None:
        err = error_on(part)
        if err is None:
            return
        if len(part) == 1:
            found[part[0]] = err
            return
        half = len(part) // 2
        search(part[:half])
        search(part[half:])

    try:
        half = len(ids) // 2
        search(ids[:half])
        search(ids[half:])
        if not found or len(found) > len(ids) // 2 or error_on(sorted(everything - set(found))) is not None:
            return {}
    except _OutOfRuns:
        return {}
    return found


class _OutOfRuns(Exception):
    pass


UNKNOWN_SOURCE_TYPE_SHARE = 0.10  # above this share of articles without a source type, the report says so


def unknown_outlet_notes(corpus) -> list[str]:
    """A warning when more than 10% of the articles have no source type (empty if not).

    Examples
    --------
    >>> from framing import Corpus
    >>> unknown_outlet_notes(Corpus.from_frame([{"text": "Talks went well.", "publisher": "Steppe Daily"}]))[0][:40]
    '1 of 1 articles (100%) have no source ty'
    """
    arts = corpus.articles[corpus.articles["kind"] == "article"]
    n, unknown = len(arts), int(arts["source_type"].isna().sum())
    if not n or unknown / n <= UNKNOWN_SOURCE_TYPE_SHARE:
        return []
    unknown_table = corpus.unknown_outlets()
    top = unknown_table.head(5)
    names = ", ".join(f"{p if p is not None else '(no publisher)'} ({d})" for p, d in zip(top["publisher"], top["documents"]))
    return [f"{unknown} of {n} articles ({unknown / n:.0%}) have no source type, so a comparison by source type "
            f"leaves them out; their publishers are not in the outlets lexicon: {names}"
            f"{' ...' if len(unknown_table) > 5 else ''}. List them with corpus.unknown_outlets(); "
            "`framing outlets suggest CORPUS --out my_outlets.yaml` writes a stub to fill in and pass back "
            "with --outlets."]


def small_group_notes(articles: pd.DataFrame, by: str, *, min_docs: int = MIN_GROUP_DOCS,
                      min_words: int = MIN_GROUP_WORDS) -> list[str]:
    """A plain warning naming the groups too small to stand for their kind of outlet (empty if none).

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a#1"], "source_type": ["think_tank"], "n_words": [640]})
    >>> small_group_notes(a, "source_type")[0][:60]
    'Small groups by source_type: think_tank (1 document, 640 wor'
    """
    sizes = group_sizes(articles, by, min_docs=min_docs, min_words=min_words)
    small = [f"{r.group} ({r.n_docs} document{'s' if r.n_docs != 1 else ''}, {r.n_words:,} words)"
             for r in sizes.itertuples() if r.small]
    if not small:
        return []
    return [f"Small groups by {by}: {'; '.join(small)}. With fewer than {min_docs} documents or "
            f"{min_words:,} words, a group's figures describe those documents, not that kind of outlet in "
            "general, and they come without confidence intervals (ci_note says so): an interval from so few "
            "documents would look more precise than it is."]


def few_outlet_notes(articles: pd.DataFrame, by: str, *, min_clusters: int | None = None) -> list[str]:
    """A plain warning naming the groups with too few outlets for an outlet-clustered interval (empty if none).

    An article without a publisher counts as an outlet of its own source file
    (:func:`framing.stats.document_clusters`).

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a#1", "b#1", "c#1"], "source_type": ["think_tank", "think_tank", "wire"],
    ...                   "publisher": ["A", "B", "C"]})
    >>> print(few_outlet_notes(a, "source_type")[0])
    source_type 'think_tank' has 2 outlets, 'wire' 1: no outlet-clustered interval (needs 3); use ci_method='document' to treat their articles as independent
    """
    need = MIN_CLUSTERS if min_clusters is None else min_clusters
    counts = (pd.DataFrame({"group": document_groups(articles, by).to_numpy(),
                            "outlet": document_clusters(articles).to_numpy()})
              .groupby("group", sort=True)["outlet"].nunique())
    few = [(g, int(n)) for g, n in counts.items() if n < need]
    if not few:
        return []
    named = ", ".join(f"{g!r} {n}" if i else f"{g!r} has {n} outlet{'s' if n != 1 else ''}"
                      for i, (g, n) in enumerate(few))
    return [f"{by} {named}: no outlet-clustered interval (needs {need}); use ci_method='document' to treat "
            f"{'their' if len(few) > 1 else 'its'} articles as independent"]


def compare(corpus, by: str = "source_type", *, dedupe: str = "none", embedding: str = "minilm",
            topics: bool = True, random_state: int = 0, n_boot: int = 2000, sentiment_lexicon: str = "vader",
            min_docs: int = MIN_GROUP_DOCS, min_words: int = MIN_GROUP_WORDS, progress=False,
            strict: bool = False, ci_method: str | None = None, freq: str | None = None) -> Comparison:
    """Every measure of ``corpus`` by group, side by side.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "source_type"
        Grouping column of ``corpus.articles`` (``source_type``, ``publisher``,
        ``original_source``, ...).
    dedupe : {"none", "collapse"}
        ``collapse`` counts a syndicated story once, under its originator
        (:func:`framing.reuse.collapse_syndicated`), so that five reprints do not
        look like five voices. Reuse itself is measured on the corpus as given.
    embedding : {"minilm", "static", "tfidf"}
        Paragraph embeddings for topics (see :func:`framing.topics.fit_topics`).
    topics : bool, default True
        Fit topics (the slowest step); a corpus too small for a topic model
        gets a warning instead.
    random_state : int
        Seed of every bootstrap and of the topic model.
    n_boot : int
        Bootstrap replicates of every interval.
    ci_method : {"outlet", "document"}, optional
        How rates, shares and means by group get their intervals, and how the
        ``difference`` table resamples and permutes: ``outlet`` resamples each
        group's publishers, then their articles
        (:func:`framing.stats.cluster_bootstrap`), since an outlet's articles
        are not independent draws; ``document`` resamples articles. Default
        (:func:`framing.stats.ci_method_for`): ``outlet`` when ``by`` is coarser
        than the outlet (not ``"publisher"``), else ``document``. With
        ``outlet``, a group of fewer than 3 publishers gets no interval, and
        :attr:`Comparison.warnings` names it. Message discipline keeps its
        Wilson interval.
    sentiment_lexicon : {"vader", "vader+diplomatic"}
    min_docs, min_words : int
        Groups below either are named in :attr:`Comparison.warnings`, and their
        rates, shares and means come without confidence intervals (a ``ci_note``
        column says so): :data:`framing.stats.MIN_DOCS` and
        :data:`framing.stats.MIN_WORDS` by default, one threshold for both.
    freq : str, optional
        A pandas period frequency (``"W"``, ``"M"``, ``"Q"``, ``"Y"``): adds the
        measures over time by group (:func:`framing.trends`, the same ``by``,
        ``ci_method``, seed and minimum sizes) as the tables ``trends_slogans``
        (own voice), ``trends_frames`` (relationship scheme, share of articles
        each frame dominates), ``trends_sentiment``, ``trends_voices`` and,
        with topics, ``trends_topics``. Articles without a date, or dated more
        coarsely than a period, are left out and :attr:`Comparison.warnings`
        says how many.
    progress : bool or tqdm
        Show a progress bar (or advance the one given).
    strict : bool, default False
        Raise when a step fails. By default a step that cannot run (distinctive
        terms on a corpus of one group, a bug on odd input) is left out: its
        tables are missing, ``warnings`` says why and ``tables["problems"]`` has a
        "step failed" row; the other steps run.

    Returns
    -------
    Comparison
    """
    document_groups(corpus.articles, by)  # a clear KeyError before any work
    ci_method = ci_method_for(by, corpus.articles, ci_method)
    result = Comparison(corpus=corpus, input_corpus=corpus)
    result.params = {"by": by, "dedupe": dedupe, "embedding": embedding if topics else None,
                     "random_state": random_state, "n_boot": n_boot, "ci": 0.95,
                     "sentiment_lexicon": sentiment_lexicon, "slogan_voices": list(SLOGAN_VOICES),
                     "frame_schemes": list(FRAME_SCHEMES), "frame_method": "dictionary",
                     "min_docs": min_docs, "min_words": min_words, "rates_per_words": 1000, "ci_method": ci_method,
                     "freq": freq,
                     "difference_permutations": DIFFERENCE_PERMUTATIONS,
                     "distinctive_terms": {"stop_words": "news", "alpha": 0.05, "correction": "fdr_bh"}}
    t = result.tables
    run = ComparisonRun(result, corpus, by, ci_method, n_boot=n_boot, random_state=random_state, min_docs=min_docs,
                        min_words=min_words, sentiment_lexicon=sentiment_lexicon, topics=topics,
                        embedding=embedding, freq=freq)

    def audit():
        c = result.corpus = deduplicated(corpus, dedupe)
        t["groups"] = group_sizes(c.articles, by, min_docs=min_docs, min_words=min_words)
        t["articles"], t["removed"], t["problems"] = c.articles, corpus.removed, corpus.problems
        result.warnings.extend(small_group_notes(c.articles, by, min_docs=min_docs, min_words=min_words))
        result.warnings.extend(unknown_outlet_notes(c))
        if ci_method == "outlet":
            result.warnings.extend(few_outlet_notes(c.articles, by))

    # the audit comes first and stops the comparison when it fails; then each measure of the registry
    named = (("ingestion audit", audit),
             *((m.step, partial(m.run, run)) for m in measures() if m.wanted(result.params)))

    def on_subset(func, bad: set):
        """Run a step on the articles outside ``bad`` (the deduplicated and the published corpus)."""
        saved = result.corpus, run.published
        result.corpus, run.published = _without(saved[0], bad), _without(saved[1], bad)
        try:
            func()
        finally:
            result.corpus, run.published = saved

    steps = Steps(progress, len(named))
    run.progress = lambda doing: steps.step(doing)
    failed = []
    try:
        for name, func in named:
            steps.step(name)
            start = time.perf_counter()
            before, noted = set(t), len(result.warnings)

            def undo():  # a half-written step, or a trial run, leaves no table and no note behind
                for key in set(t) - before:
                    del t[key]
                del result.warnings[noted:]

            def trial(ids, func=func, undo=undo):
                try:
                    on_subset(func, ids)
                finally:
                    undo()

            try:
                func()
            except Exception as exc:  # one measure that cannot run (one group, a bug) never loses the others
                if strict or name == "ingestion audit":
                    raise
                undo()
                bad = _failing_articles(trial, result.corpus)
                if bad:
                    texts = result.corpus.articles.set_index("doc_id")
                    result.warnings.append(f"{name[0].upper() + name[1:]}: {len(bad)} article(s) left out of this "
                                           f"measure after an error on each ({', '.join(sorted(bad))}; see problems)")
                    failed += [{"source_file": texts.loc[d, "source_file"], "problem": "article left out",
                                "message": f"compare: the {name} step failed on {d} ({err}); the article is left "
                                           f"out of {name} only; text begins {str(texts.loc[d, 'text'])[:60]!r}",
                                "severity": "warning", "line_no": None, "doc_id": d, "step": name}
                               for d, err in sorted(bad.items())]
                    on_subset(func, set(bad))
                else:
                    result.warnings.append(f"{name[0].upper() + name[1:]} left out: {type(exc).__name__}: "
                                           f"{exc.args[0] if exc.args else exc}")
                    failed.append({"source_file": None, "problem": "step failed",
                                   "message": f"compare: the {name} step failed ({type(exc).__name__}: {exc}); "
                                              "its tables are not in the result", "severity": "error",
                                   "line_no": None, "doc_id": None, "step": name})
            result.seconds[name] = round(time.perf_counter() - start, 3)
            steps.done()
    finally:
        steps.close()
    if failed:
        t["problems"] = pd.concat([t["problems"], pd.DataFrame(failed)], ignore_index=True)
    return result
