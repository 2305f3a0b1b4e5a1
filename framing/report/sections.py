"""The report's text: the summary at its top, one section per measure, and the articles.

:func:`main_differences` finds the differences between groups whose 95%
intervals separate; :func:`report_summary` opens the report with them;
:func:`report_sections` gives each measure's text, figures and tables, then
the ingestion audit and provenance; :func:`articles_html` the articles with
their slogans marked.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..comparison import Comparison
from ..keyness import ALPHA, no_distinctive_terms_note
from ..measures import MEASURES, measures
from ..published import with_published_text
from ..slogans import highlight
from ..stats import (MIN_CLUSTERS, MIN_DOCS, MIN_WORDS, compare_estimates, document_groups, rate_column,
                     unit_label)
from .figures import interval_method
from .manifest import is_constructed_sample
from .tables import MAX_REPORT_ROWS, count_phrase, display_table, format_value, rate_unit

__all__ = ["MAX_REPORT_ARTICLES", "main_differences", "report_summary", "report_sections", "articles_html"]

MAX_REPORT_ARTICLES = 300


def _top_frame_terms(terms: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """``group, label, hits, top_terms`` for the relationship scheme: each frame's ``top`` terms with
    their hits ("cooperation 12, win win 3"), frames with the most hits first within a group."""
    rel = terms[terms["scheme"] == "relationship"] if "scheme" in terms else terms
    rows = []
    for (group, label), sub in rel.groupby(["group", "label"], sort=True):
        sub = sub.sort_values(["hits", "term"], ascending=[False, True], kind="mergesort")
        rows.append({"group": group, "label": label, "hits": int(sub["hits"].sum()),
                     "top_terms": ", ".join(f"{r.term} {r.hits}" for r in sub.head(top).itertuples())})
    out = pd.DataFrame(rows, columns=["group", "label", "hits", "top_terms"])
    return out.sort_values(["group", "hits", "label"], ascending=[True, False, True], kind="mergesort")


# ---------------------------------------------------------------- the summary

def main_differences(comparison: "Comparison") -> pd.DataFrame:
    """The differences between groups that hold up: 95% intervals that do not overlap.

    For each measure with intervals (own-voice slogan rates, relationship
    frames, tone toward actors, topic shares, quoted voices, message
    discipline) and each of its features, a group is "higher" than another
    only where :func:`framing.stats.compare_estimates` says so. Groups
    without an interval (fewer than ``min_docs`` documents or ``min_words``
    words) take part in none.

    Returns
    -------
    DataFrame
        ``measure, feature, higher, lower`` (list of groups), ``gap`` (the
        space between the intervals over the feature's range, for ranking:
        widest first) and ``text``, one plain sentence.

    Examples
    --------
    >>> import framing
    >>> from framing.comparison import compare
    >>> main_differences(compare(framing.load_sample_corpus(), topics=False, n_boot=50)).empty  # all small
    True
    """
    rows = []
    for d in (d for m in measures() for d in m.differences):
        table, keep, feature, est, what, spec = d.table, d.keep, d.feature, d.estimate, d.what, d.spec
        t = comparison.tables.get(table)
        if t is None or not len(t) or not {"group", "ci_low", "ci_high"} <= set(t.columns):
            continue
        for col, value in keep.items():
            if col in t:
                t = t[t[col] == value]
        unit = ""
        if est is None:
            per = rate_unit(t)
            est, unit = rate_column(per), " " + unit_label(per)
        if est not in t or (feature and feature not in t):
            continue
        t = t[t["ci_low"].notna() & t["ci_high"].notna()]
        for key, sub in (t.groupby(feature, sort=True) if feature else [(None, t)]):
            if len(sub) < 2:
                continue
            sub = sub.sort_values([est, "group"], ascending=[False, True], kind="mergesort")
            lo, hi = sub["ci_low"].to_numpy(dtype=float), sub["ci_high"].to_numpy(dtype=float)
            span = max(float(np.nanmax(hi) - np.nanmin(lo)), 1e-12)
            shown = [f"{g} {format_value(v, spec)}{unit} [{format_value(a, spec)}, {format_value(b, spec)}]"
                     for g, v, a, b in zip(sub["group"], sub[est], lo, hi)]
            for i, group in enumerate(sub["group"]):
                verdict = compare_estimates(lo[i], hi[i], lo, hi)
                lower = [j for j in range(len(sub)) if j != i and verdict[j] == "higher"]
                if not lower:
                    continue
                names = [shown[j] for j in lower[:3]] + ([f"{len(lower) - 3} more"] if len(lower) > 3 else [])
                name = what.format(str(key).replace("_", " ")) if feature else what
                rows.append({"measure": table, "feature": key, "higher": group,
                             "lower": [sub["group"].iat[j] for j in lower],
                             "gap": (lo[i] - max(hi[j] for j in lower)) / span,
                             "text": f"{name[:1].upper()}{name[1:]}: {shown[i]}, higher than "
                                     + "; ".join(names) + "."})
    out = pd.DataFrame(rows, columns=["measure", "feature", "higher", "lower", "gap", "text"])
    return out.sort_values(["gap", "text"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _inputs_named(corpus) -> str:
    inputs = (getattr(corpus, "info", None) or {}).get("inputs")
    if not inputs or inputs == "from_frame":
        return "a table of records"
    names = [str(x) for x in ([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)]
    names = [Path(x).name or x for x in names]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def report_summary(comparison: "Comparison", max_differences: int = 8) -> dict:
    """What is compared, documents per group, the differences that hold up, and the caveats."""
    params = comparison.params
    by = params.get("by", "source_type")
    a = comparison.corpus.articles
    source = comparison.input_corpus if comparison.input_corpus is not None else comparison.corpus
    n_art = int((a["kind"] == "article").sum())
    where = ("the bundled sample corpus (constructed texts)" if is_constructed_sample(comparison)
             else _inputs_named(source))
    min_docs, min_words = params.get("min_docs", MIN_DOCS), params.get("min_words", MIN_WORDS)
    rates = comparison.tables.get("slogan_rates")
    unit = unit_label(rate_unit(rates) if rates is not None else params.get("rates_per_words", 1000))
    dedupe = params.get("dedupe", "none")
    facts = [("compared", f"groups of documents by {by}"),
             ("corpus", f"{count_phrase(n_art, 'article')} and {count_phrase(len(a) - n_art, 'comment')}, "
                        f"{int(a['n_words'].sum()):,} words, from {where}"),
             ("unit", f"rates {unit}; shares and means as each table says; 95% {interval_method(comparison)} "
                      "intervals ("
                      + ("the publishers of each group resampled, then their articles: an outlet's articles are "
                         f"not independent), none for a group of fewer than {MIN_CLUSTERS} publishers, "
                         if params.get("ci_method") == "outlet" else
                         "articles resampled), none for a group of fewer than ")
                      + f"{min_docs} documents or {min_words:,} words")]
    if dedupe == "collapse":
        facts.append(("reprints", "a syndicated story counted once, under its originator (dedupe=collapse)"))
    groups = comparison.tables.get("groups")
    if groups is None or not len(groups) or "n_docs" not in groups:
        g = document_groups(a, by)
        groups = (pd.DataFrame({"group": g.to_numpy(), "n_words": a["n_words"].to_numpy()})
                  .groupby("group", sort=True).agg(n_docs=("n_words", "size"), n_words=("n_words", "sum"))
                  .reset_index())
        groups["small"] = (groups["n_docs"] < min_docs) | (groups["n_words"] < min_words)
    groups = groups.assign(intervals=np.where(groups["small"], "none: too few documents or words",
                                              "95% bootstrap"))
    if params.get("ci_method") == "outlet" and "n_publishers" in groups:
        few = ~groups["small"] & (groups["n_publishers"] < MIN_CLUSTERS)
        groups.loc[few, "intervals"] = f"none: fewer than {MIN_CLUSTERS} publishers"
    table = display_table(groups, ["group", "n_docs", "n_words", "n_publishers", "intervals"],
                           max_rows=MAX_REPORT_ROWS, file="groups.csv" if "groups" in comparison.tables else None,
                           labels={"group": by}, caption=f"Documents per group ({by})")
    diffs = main_differences(comparison)
    n_small = int(groups["small"].sum())
    if len(diffs):
        none = ""
    elif n_small == len(groups):
        none = (f"No clear difference: every group here has fewer than {min_docs} documents or {min_words:,} words, "
                "so no group gets an interval and none can be called higher than another. The numbers below "
                "describe these documents only.")
    else:
        none = ("No clear difference: on no measure does one group's 95% interval lie apart from another's"
                + (f" ({n_small} of {len(groups)} groups are too small for an interval)" if n_small else "") + ".")
    return {"facts": facts, "groups": table, "differences": diffs["text"].head(max_differences).tolist(),
            "more_differences": max(0, len(diffs) - max_differences), "no_difference": none,
            "caveats": list(comparison.notes)}


# ---------------------------------------------------------------- sections

def _slogans_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "slogan_rates" not in t:
        return None
    by = comparison.params.get("by")
    r = t["slogan_rates"]
    per = rate_unit(r)
    rate = rate_column(per)
    unit = unit_label(per)
    # the header states the unit of the numbers under it (issue 14: "per 10,000" over rates per 1,000)
    used = r[r["count"] > 0].rename(columns={rate: unit})
    return {"id": "slogans", "title": "Slogans",
            "text": f"Recurring official formulations from the slogan lexicon, by {by}, {unit}. 'own' "
                    "counts the outlet's own voice; 'quoted' counts quotations and attributed speech.",
            "figures": fig("slogans"),
            "tables": [display_table(used, ["voice", "group", "label", "count", "n_docs", unit,
                                             "ci_low", "ci_high", "doc_share", "ci_note"],
                                      sort_by=["voice", unit], ascending=[True, False],
                                      file="slogan_rates.csv", labels={"label": "slogan family"},
                                      formats={unit: ".2f"}, ci_format=".2f",
                                      caption=f"Families used at least once: rates {unit} ({rate} in "
                                              f"slogan_rates.csv) with 95% {interval_method(comparison)} "
                                              "intervals; "
                                              "a row without one says why")]}


def _frames_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "frame_profile" not in t:
        return None
    tables = [display_table(t["frame_profile"], ["scheme", "group", "label", "n_docs", "mean_score", "ci_low",
                                                  "ci_high", "share_vs_corpus", "vs_corpus_low",
                                                  "vs_corpus_high", "share_dominant", "ci_note"],
                             sort_by=["scheme", "group", "mean_score"], ascending=[False, True, False],
                             file="frame_profile.csv", labels={"label": "frame"}, ci_format=".2f",
                             hide_zero=["mean_score"],
                             caption="Mean share per group (frames a group never uses left out); 'vs corpus "
                                     "average' is that mean over the corpus average (1 = as the corpus does)")]
    if "frame_terms" in t:
        tables.append(display_table(_top_frame_terms(t["frame_terms"]), max_rows=120, file="frame_terms.csv",
                                     labels={"label": "frame"},
                                     caption="The terms that drove each frame (relationship scheme), by "
                                             "group: a frame carried by one term may be measuring a subject"))
    return {"id": "frames", "title": "Frames",
            "text": "How articles present the relationship (partnership, connectivity, competition, "
                    "critique ...), measured by each frame's share of the frame vocabulary an article "
                    "uses. On a corpus about one subject every group leans to that subject's frames: "
                    "compare groups with their share against the corpus average (share_vs_corpus), and "
                    "check which terms drove a frame.",
            "figures": fig("frames"), "tables": tables}


def _sentiment_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "actor_sentiment" not in t:
        return None
    return {"id": "sentiment", "title": "Sentiment toward actors",
            "text": "VADER sentiment of the sentences that name each actor. A dictionary method: "
                    "it reads tone, not stance.", "figures": fig("actor_sentiment"),
            "tables": [display_table(t["actor_sentiment"], ["group", "label", "n_sentences", "n_docs",
                                                             "compound", "ci_low", "ci_high", "ci_note"],
                                      file="actor_sentiment.csv", labels={"label": "actor"},
                                      ci_format="+.2f")]}


def _topics_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "topic_info" not in t:
        return None
    return {"id": "topics", "title": "Topics",
            "text": "Paragraph topics found by BERTopic (offline embeddings, fixed seed), and each "
                    "group's share of them: what one group covers and another leaves out.",
            "figures": fig("topics"),
            "tables": [display_table(t["topic_info"], ["topic", "size", "terms"], file="topic_info.csv")]}


def _terms_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "distinctive_terms" not in t:
        return None
    d = t["distinctive_terms"]
    alpha = d.attrs.get("alpha", comparison.params.get("distinctive_terms", {}).get("alpha", ALPHA))
    # only terms that pass the test are shown: the top of a ranking where nothing passes is noise
    passing = d[(d["p_adj"] < alpha) & (d["z"] > 0)] if len(d) else d
    top = passing[passing["rank"] <= 8] if "rank" in passing else passing
    none = no_distinctive_terms_note(d, alpha) if len(d) else ""
    text = ("Words each group uses more than the others (log-odds with an informative Dirichlet prior, "
            "Monroe et al. 2008; stop words left out; p-values adjusted for multiple testing, "
            f"Benjamini-Hochberg). Only terms with adjusted p < {alpha:g} are listed. For a group of one "
            "document they are simply that document's vocabulary.")
    if none:
        text += " " + none
    tables = [] if not len(top) else [
        display_table(top, ["group", "rank", "term", "count_group", "count_rest", "z", "p_adj"],
                       sort_by=["group", "rank"], max_rows=120, file="distinctive_terms.csv",
                       caption=f"Up to eight distinctive terms of each group (adjusted p < {alpha:g}); "
                               "every term tested is in distinctive_terms.csv")]
    return {"id": "terms", "title": "Distinctive terms", "text": text,
            "figures": fig("distinctive_terms"), "tables": tables}


def _reuse_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "reuse" not in t and "syndication" not in t:
        return None
    tables = []
    if "reuse" in t:
        tables.append(display_table(t["reuse"], ["kind", "similarity", "doc_id_a", "publisher_a", "doc_id_b",
                                                  "publisher_b", "text_a"], sort_by=["similarity", "doc_id_a"],
                                     ascending=[False, True], file="reuse.csv",
                                     caption="Near-duplicate passages"))
    if "syndication" in t:
        s = t["syndication"]
        undetermined = int((~s["directed"].astype(bool)).sum()) if "directed" in s and len(s) else 0
        tables.append(display_table(s, ["source", "target", "n_articles", "n_shared_sentences", "basis",
                                         "directed"], sort_by=["directed", "source", "target"],
                                     ascending=[False, True, True], file="syndication.csv",
                                     caption="Who reprints whom (the reprinter carries the originator's text)"
                                             + (f"; {count_phrase(undetermined, 'link')} of {len(s)} with no known "
                                                "direction (the two share text, but which one copied is "
                                                "undetermined), counted apart at the end"
                                                if undetermined else "")))
    text = ("Passages that appear, word for word or nearly, in more than one article (MinHash "
            "near-duplicates), and who carries whose text. Five reprints of one wire story are one voice, "
            "not five.")
    if "message_discipline" in t:
        m = t["message_discipline"]
        none = sorted(map(str, m.loc[m["n_recurring"] == 0, "group"])) if "n_recurring" in m else []
        if len(m) and len(none) == len(m):
            text += (" Message discipline: no sentence of any group recurs in two or more publishers "
                     "(message_discipline.csv).")
        else:
            tables.append(display_table(m, ["group", "n_docs", "n_sentences", "n_recurring", "share", "ci_low",
                                             "ci_high", "ci_note"], hide_zero=["n_recurring"], ci_format=".0%",
                                         file="message_discipline.csv",
                                         caption="Share of sentences that recur in two or more publishers"
                                                 + (f"; none recur in {', '.join(none)}" if none else "")))
    return {"id": "reuse", "title": "Reprints and syndication", "text": text,
            "figures": fig("syndication"), "tables": tables}


def _voices_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    if "voices_by" not in t:
        return None
    by = comparison.params.get("by")
    v = t["voices_by"]
    tables = [display_table(v, ["group", "affiliation_type", "n", "total", "share", "ci_low", "ci_high",
                                 "top_speakers", "ci_note"], file="voices_by.csv", hide_zero=["n"],
                             ci_format=".0%", caption=f"Who is quoted, by {by} (types quoted at least once)")]
    if "quotes" in t:
        tables.append(display_table(t["quotes"], ["doc_id", "speaker", "affiliation", "affiliation_type",
                                                   "verb", "quote"],
                                     file="quotes.csv", caption="Quotations and attributed statements"))
    return {"id": "voices", "title": "Voices",
            "text": "Who gets quoted, and as what: direct quotations and attributed statements with "
                    "the speaker's affiliation type (from the description in the text).",
            "figures": [], "tables": tables}


# each measure's section (framing.measures.Measure.section), in the registry's order
def report_sections(comparison: "Comparison", figures: dict) -> list[dict]:
    """Each section of the report after the summary: ``id, title, text, figures, tables``."""
    t = comparison.tables
    fig = lambda name: [figures[name]] if name in figures else []  # noqa: E731
    secs = [section for m in measures() if m.section
            for section in [_SECTIONS[m.section](t, comparison, fig)] if section is not None]
    a = t["articles"]
    # the audit comes after the measures: it is how to check them, not what they found
    removed = t["removed"]
    reasons = removed.groupby("reason").size().rename("lines").reset_index() if len(removed) else \
        pd.DataFrame(columns=["reason", "lines"])
    tables = [display_table(reasons, sort_by=["lines", "reason"], ascending=[False, True], file="removed.csv",
                             caption="Lines removed from the pages, by reason")]
    if len(t["problems"]):
        tables.append(display_table(t["problems"], ["source_file", "severity", "message"], file="problems.csv",
                                     caption="Files that could not be read as given"))
    secs.append({"id": "audit", "title": "Ingestion audit",
                 "text": f"{len(removed):,} input lines are not in any article (menus, share bars, footers, "
                         f"widgets, blank lines ...). Each is listed with its reason in removed.csv; "
                         f"{count_phrase(len(t['problems']), 'file problem')}.",
                 "figures": [], "tables": tables})
    secs.append({"id": "provenance", "title": "Provenance",
                 "text": "Who published each article, who originally wrote it, and the textual cue that says so.",
                 "figures": [], "tables": [display_table(
                     a, ["doc_id", "publisher", "original_source", "source_type", "provenance", "n_words"],
                     max_rows=MAX_REPORT_ARTICLES, file="articles.csv")]})
    return secs


def _over_time_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    """Each measure by group and period (``compare(freq=...)``, ``framing analyze --by-time``)."""
    over_time = MEASURES["over_time"]
    names = [k for k in over_time.tables if k in t]
    if not names:
        return None
    first = next(t[k] for k in sorted(t) if k.startswith("trends_"))
    freq, undated = first.attrs.get("freq", comparison.params.get("freq")), first.attrs.get("undated", 0)
    text = (f"Each measure by {comparison.params.get('by', 'group')} and period ({freq}): every period from a "
            "group's first dated article to its last, an empty period included (no value). An article dated only "
            "to a month counts in a period only when the whole month lies in it, never spread over weeks; "
            f"{count_phrase(undated, 'article')} without a date or dated more coarsely than a period "
            f"{'is' if undated == 1 else 'are'} left out. The figures show one feature each; the tables hold "
            "all of them.")
    counts = [{"table": f"{k}.csv", "rows": len(t[k]), "features": t[k]["feature"].nunique(),
               "periods": t[k]["period"].nunique()} for k in names]
    table = display_table(pd.DataFrame(counts), file=None, caption="Tables over time")
    return {"id": "over_time", "title": "Over time", "text": text,
            "figures": [f for figure in over_time.figures for f in fig(figure.name)], "tables": [table]}


def _differences_section(t: dict, comparison: "Comparison", fig) -> dict | None:
    """Pairs of groups on each slogan family, frame and topic: the difference, its interval and p-value."""
    if "difference" not in t:
        return None
    d = t["difference"]
    outlet = comparison.params.get("ci_method") == "outlet"
    text = ("Each pair of groups with enough documents and words for an interval, on each slogan family (own "
            "voice, per 1,000 words), frame (mean share) and topic (share of paragraphs): the difference (group A "
            f"minus group B) with its 95% {interval_method(comparison)} interval, and a permutation p-value that "
            f"exchanges whole {'publishers' if outlet else 'articles'} between the two groups, Benjamini-Hochberg "
            "adjusted across the features of each measure and pair (adjusted p). Smallest adjusted p first; "
            "every pair and feature is in difference.csv.")
    if not len(d):
        return {"id": "differences", "title": "Differences between groups", "figures": [], "tables": [],
                "text": text + " No pair is compared here: fewer than two groups have enough documents and words."}
    table = display_table(d.assign(abs_difference=d["difference"].abs()),
                           ["measure", "feature", "group_a", "group_b", "difference", "ci_low", "ci_high", "p_value",
                            "p_adj", "ci_note"], sort_by=["p_adj", "abs_difference"], ascending=[True, False],
                           file="difference.csv", hide_zero=["difference"],
                           labels={"group_a": "group A", "group_b": "group B", "p_value": "p"},
                           formats={"difference": ".3g", "p_value": "p"}, ci_format=".3g",
                           caption="Differences between pairs of groups (features neither group uses left out)")
    return {"id": "differences", "title": "Differences between groups", "text": text, "figures": [],
            "tables": [table]}


# each measure's section (framing.measures.Measure.section), built in the registry's order
_SECTIONS = {"slogans": _slogans_section, "frames": _frames_section, "sentiment": _sentiment_section,
             "topics": _topics_section, "terms": _terms_section, "reuse": _reuse_section, "voices": _voices_section,
             "over_time": _over_time_section, "differences": _differences_section}


def articles_html(corpus, limit: int = MAX_REPORT_ARTICLES) -> list[dict]:
    """The first ``limit`` articles for the report: title, metadata line and text with slogans marked."""
    out = []
    for _, row in with_published_text(corpus.articles.head(limit)).iterrows():
        # highlight() escapes the text itself and adds only <mark> spans: the template marks it safe
        body = highlight(row, title="").html
        title = row["title"] if pd.notna(row["title"]) and row["title"] else "(no title)"
        out.append({"doc_id": row["doc_id"], "title": title,
                    "meta": " · ".join(str(row[c]) for c in ("publisher", "original_source", "source_type",
                                                             "published") if pd.notna(row[c]) and row[c]),
                    "n_words": int(row["n_words"]), "body": body})
    return out
