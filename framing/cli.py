"""Command line: ``framing ingest PATH... --out DIR`` and the analysis commands.

Examples
--------
.. code-block:: console

   $ framing ingest ../shared/corpus/china_central_asia --out build/ingest
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import plot
from ._version import __version__
from .affiliations import validate_affiliations
from .comparison import compare
from .corpus import Corpus, CorpusError
from .frames import dominant_frames, frame_profile, frame_scores
from .ingest.pipeline import read_corpus
from .ingest.readers import RECORD_FIELDS
from .lexicon import LexiconError, validate_outlets
from .measures import MEASURES, SORT_KEYS
from .published import period_starts
from .report import write_csv, write_report
from .scale import STEPS, analyze_parquet
from .sentiment import actor_mentions, actor_sentiment, sentiment_scores
from .slogan_lexicon import load_slogan_lexicon, validate_lexicon
from .slogans import candidate_slogans, slogan_matches, slogan_rates
from .topics import fit_topics, jit_cache_is_warm, numba_cache_folder, warm

__all__ = ["read_options", "cmd_ingest", "load_corpus_arg", "cmd_slogans", "cmd_frames", "cmd_sentiment",
           "cmd_topics", "cmd_analyze", "cmd_analyze_large", "cmd_lexicon_validate", "cmd_outlets_suggest",
           "cmd_warm", "build_parser", "main"]


def _summary_text(corpus) -> str:
    summary = corpus.summary()
    with pd.option_context("display.width", 200, "display.max_colwidth", 40, "display.max_rows", 200):
        return summary.to_string(index=False)


def _column_arg(value: str) -> tuple[str, str]:
    """``FIELD=NAME`` of --column, the field checked against the fields a column can give."""
    field, sep, name = value.partition("=")
    field, name = field.strip(), name.strip()
    if not sep or not field or not name:
        raise argparse.ArgumentTypeError(f"--column {value!r}: write FIELD=NAME, e.g. published=pub_time")
    if field not in RECORD_FIELDS:
        raise argparse.ArgumentTypeError(f"--column {value!r}: unknown field {field!r}; fields: "
                                         f"{', '.join(RECORD_FIELDS)}")
    return field, name


def _sep_arg(value: str) -> str:
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        raise argparse.ArgumentTypeError(f"--sep {value!r}: one character, or tab, comma, semicolon, pipe")
    return value


def _add_read_args(q: argparse.ArgumentParser) -> None:
    q.add_argument("--text-column", help="record files (CSV, JSON, Parquet): the column holding the article text")
    q.add_argument("--column", action="append", type=_column_arg, default=[], metavar="FIELD=NAME",
                   help="record files: the column of another field, e.g. published=pub_time (repeatable)")
    q.add_argument("--sep", type=_sep_arg, help="CSV field separator (default: sniffed from the header row)")


def read_options(args: argparse.Namespace) -> dict:
    """The record-reading options of a command line, as read_corpus takes them."""
    return {"text_column": getattr(args, "text_column", None), "columns": dict(getattr(args, "column", []) or []),
            "sep": getattr(args, "sep", None)}


def _write(table, out: Path, name: str) -> Path:
    """``out/<name>.csv`` as ``framing analyze`` writes the table of that name (one row order, one float
    format, dates at their precision: :func:`framing.report.write_csv`, the table's sort keys from
    :data:`framing.measures.SORT_KEYS`)."""
    return write_csv(table, out / f"{name}.csv", sort_by=SORT_KEYS.get(name))


def _write_measure(measure: str, tables: dict, out: Path) -> list[str]:
    """Write a command's tables of ``measure`` (:func:`_write`) in the order :data:`framing.measures.MEASURES`
    lists that measure's tables, and return their names; a name the registry does not give the measure is an error,
    so the command line and ``framing analyze`` cannot name one table two ways."""
    listed = MEASURES[measure].tables
    unknown = [name for name in tables if name not in listed]
    if unknown:
        raise KeyError(f"{unknown} are not tables of the measure {measure!r} ({', '.join(listed)})")
    names = [name for name in listed if name in tables]
    for name in names:
        _write(tables[name], out, name)
    return names


def _wrote(out: Path, names, notes: dict | None = None, also=()) -> str:
    """The closing line of a command, after a blank line: ``Wrote out/a.csv (note), b.csv, c.png``."""
    notes = notes or {}
    files = [f"{name}.csv" + (f" ({notes[name]})" if name in notes else "") for name in names]
    return f"\nWrote {out}/" + ", ".join([*files, *also])


def _print_table(table: pd.DataFrame, columns: list[str], digits: int | None = None, **display) -> None:
    """Print some columns of a table without its index, 200 characters wide (``display``: more pandas
    display options, e.g. ``max_colwidth=90``)."""
    shown = table[columns] if digits is None else table[columns].round(digits)
    options = [x for key, value in {"width": 200, **display}.items() for x in (f"display.{key}", value)]
    with pd.option_context(*options):
        print(shown.to_string(index=False))


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        corpus = read_corpus(args.paths, metadata=args.metadata, outlets=args.outlets, strict=args.strict,
                             **read_options(args))
    except CorpusError as exc:
        print(f"framing ingest: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = corpus.articles
    _write(articles, out, "articles")
    articles.to_parquet(out / "articles.parquet", index=False)
    _write(corpus.removed, out, "removed")
    _write(corpus.problems, out, "problems")
    _write(corpus.line_map, out, "line_map")
    corpus.save(out / "corpus")
    if not args.quiet:
        n_art = int((articles["kind"] == "article").sum())
        print(f"{n_art} articles and {len(articles) - n_art} comments from "
              f"{articles['source_file'].nunique()} files; {len(corpus.removed)} lines removed "
              f"(see removed.csv), {len(corpus.problems)} problems (see problems.csv)\n")
        print(_summary_text(corpus))
        problems = corpus.problems
        if len(problems):
            print("\nProblems:")
            for msg in problems["message"]:
                print(f"  - {msg}")
        print(f"\nWrote {out}/articles.csv, articles.parquet, removed.csv, problems.csv, line_map.csv "
              f"and the corpus folder {out}/corpus")
    return 0


def _corpus_and_out(args: argparse.Namespace):
    """The corpus a command works on and its output folder (created)."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return load_corpus_arg(args.corpus, args.metadata, **read_options(args)), out


def load_corpus_arg(path: str, metadata: str | None = None, **options):
    """A saved corpus folder (from ``framing ingest`` or ``Corpus.save``), or pages to ingest
    (``options``: read_corpus's text_column, columns, sep)."""
    p = Path(path)
    for candidate in (p, p / "corpus"):
        if (candidate / "articles.parquet").exists() and (candidate / "removed.parquet").exists():
            return Corpus.load(candidate)
    return read_corpus(path, metadata=metadata, **options)


def cmd_slogans(args: argparse.Namespace) -> int:
    try:
        lexicon = load_slogan_lexicon(args.lexicon) if args.lexicon else load_slogan_lexicon()
    except LexiconError as exc:
        print(f"framing slogans: {exc}", file=sys.stderr)
        return 2
    corpus, out = _corpus_and_out(args)
    matches = slogan_matches(corpus, lexicon)
    rates = slogan_rates(corpus, by=args.by, voice=args.voice, lexicon=lexicon, matches=matches,
                         random_state=args.seed)
    cands = candidate_slogans(corpus, by=args.by, lexicon=lexicon, min_docs=args.min_docs,
                              min_publishers=args.min_publishers)
    written = _write_measure("slogans", {"slogan_matches": matches, "slogan_rates": rates,
                                         "candidate_slogans": cands}, out)
    if not args.quiet:
        print(f"{len(matches)} slogan matches ({int(matches['quoted'].sum())} quoted or attributed) in "
              f"{matches['doc_id'].nunique()} of {len(corpus.articles)} documents; lexicon {lexicon.name} "
              f"{lexicon.version}\n")
        top = rates[rates["count"] > 0].sort_values("per_1k", ascending=False).head(15)
        _print_table(top, ["group", "feature", "count", "per_1k", "ci_low", "ci_high", "doc_share"], 2)
        print(_wrote(out, written, {"slogan_rates": f"{args.voice} voice, by {args.by}",
                                    "candidate_slogans": f"{len(cands)} candidates"}))
    return 0


def cmd_frames(args: argparse.Namespace) -> int:
    corpus, out = _corpus_and_out(args)
    scores = frame_scores(corpus, scheme=args.scheme, level=args.level, method=args.method)
    tables = {"frames": scores}
    if args.level == "article":
        tables["frame_profile"] = frame_profile(scores, corpus, by=args.by, random_state=args.seed)
    written = _write_measure("frames", tables, out)
    if not args.quiet:
        # "mixed" (no frame leads clearly) and "none" (no frame hits) are counted too
        dom = dominant_frames(scores).groupby("label").size().sort_values(ascending=False)
        print(f"{args.scheme} frames, {args.method} method, {args.level} level: dominant frame counts")
        print(dom.to_string())
        print(_wrote(out, written, {"frame_profile": f"by {args.by}"}))
    return 0


def cmd_sentiment(args: argparse.Namespace) -> int:
    corpus, out = _corpus_and_out(args)
    sentences = sentiment_scores(corpus, level="sentence", lexicon=args.lexicon)
    scores = sentences if args.level == "sentence" else sentiment_scores(corpus, level=args.level,
                                                                          lexicon=args.lexicon)
    mentions = actor_mentions(corpus, lexicon=args.lexicon, sentences=sentences)
    actors = actor_sentiment(corpus, by=args.by, lexicon=args.lexicon, mentions=mentions, random_state=args.seed)
    written = _write_measure("sentiment", {"sentiment": scores, "actor_mentions": mentions,
                                           "actor_sentiment": actors}, out)
    if not args.quiet:
        _print_table(actors, ["group", "label", "n_sentences", "n_docs", "compound", "ci_low", "ci_high"], 3)
        print(_wrote(out, written, {"sentiment": f"{args.level} level, {args.lexicon}",
                                    "actor_sentiment": f"by {args.by}"}))
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    corpus, out = _corpus_and_out(args)
    try:
        result = fit_topics(corpus, level=args.level, embedding=args.embedding, random_state=args.seed)
    except ValueError as exc:
        print(f"framing topics: {exc}", file=sys.stderr)
        return 2
    by_group = result.by_group(args.by, random_state=args.seed)
    written = _write_measure("topics", {"topic_info": result.topic_info, "topics": result.assignments,
                                        "topics_by_group": by_group}, out)
    _topic_figures(result, by_group, out)
    if not args.quiet:
        _print_table(result.topic_info, ["topic", "size", "terms"], max_colwidth=90)
        print(_wrote(out, written, {"topics_by_group": f"by {args.by}"},
                     also=("topics_by_group.png", "topic_terms.png")))
    return 0


def _topic_figures(result, by_group, out: Path) -> None:
    """topics_by_group.png and topic_terms.png, drawn off-screen (Agg)."""
    import matplotlib  # only the commands that draw pay for matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plot.topic_heatmap(by_group)
    ax.figure.savefig(out / "topics_by_group.png", dpi=120)
    plt.close(ax.figure)
    if (result.topic_info["topic"] >= 0).any():
        grid = plot.topic_terms(result.topic_info)
        grid.figure.savefig(out / "topic_terms.png", dpi=120)
        plt.close(grid.figure)


def _freq_arg(value: str) -> str:
    try:
        period_starts(pd.Series([], dtype="datetime64[ns]"), [], value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--by-time {value!r}: a pandas period frequency, e.g. W, M, Q or Y")
    return value


def cmd_analyze(args: argparse.Namespace) -> int:
    import datetime as dt
    import logging

    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    silenced = logging.root.manager.disable
    if args.quiet:  # libraries' warnings too (BERTopic resets its own logger's level on every fit)
        logging.disable(logging.WARNING)
    try:
        return _analyze(args, started)
    finally:
        logging.disable(silenced)


def _analyze(args: argparse.Namespace, started: str) -> int:
    from tqdm import tqdm

    with tqdm(total=1, unit="step", disable=args.quiet, leave=False, file=sys.stderr) as bar:
        bar.set_description("reading pages")
        if len(args.corpus) == 1:
            corpus = load_corpus_arg(args.corpus[0], args.metadata, **read_options(args))
        else:
            corpus = read_corpus(args.corpus, metadata=args.metadata, **read_options(args))
        bar.update(1)
        if not len(corpus.articles):
            print(f"framing analyze: no article found in {', '.join(args.corpus)}", file=sys.stderr)
            return 2
        try:
            result = compare(corpus, by=args.by, dedupe=args.dedupe, embedding=args.embedding,
                             random_state=args.seed, progress=bar, ci_method=args.ci_method, freq=args.by_time)
        except (KeyError, ImportError) as exc:
            print(f"framing analyze: {exc.args[0] if exc.args else exc}", file=sys.stderr)
            return 2
        paths = write_report(result, args.out, inputs=corpus.info.get("inputs") or args.corpus, progress=bar,
                             started=started, figure_formats=args.figure_formats)
    if not args.quiet:
        for note in result.notes:
            print(f"note: {note}")
        formats = "/".join(dict.fromkeys(p.suffix[1:].upper() for p in paths["figure_files"])) or "PNG"
        print(f"Wrote {len(paths['tables'])} tables (CSV), {len(paths['figures'])} figures ({formats}) and "
              f"{paths['manifest'].name} to {args.out}/")
        print(f"Report: {paths['report']}")
    return 0


def cmd_analyze_large(args: argparse.Namespace) -> int:
    steps = [x for part in args.steps for x in part.split(",") if x] if args.steps else list(STEPS)
    try:
        result = analyze_parquet(args.input, args.out, steps=steps, client=args.scheduler, workers=args.workers,
                                 partition_size=args.partition_size, by=args.by, random_state=args.seed,
                                 overwrite=args.overwrite)
    except (FileNotFoundError, FileExistsError, ValueError, KeyError) as exc:
        print(f"framing analyze-large: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"{result.n_articles} articles in {result.n_parts} partitions on {result.workers} workers, "
              f"{result.seconds['total']:.1f} s ({result.n_articles / max(result.seconds['total'], 1e-9):.0f} "
              f"articles/s)")
        print(f"Wrote {result.out_dir}/: {', '.join(result.tables)} (Parquet parts) and manifest.json")
    return 0


def _lexicon_validator(path: str):
    """The validator for a lexicon file: affiliation lexicons have ``cues``, outlet lexicons
    ``outlets``; slogan lexicons (``families``) and frame lexicons (``schemes``) go to the slogan
    validator, which hands frame files on, as it does unreadable files (it reports why)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return validate_lexicon
    if isinstance(data, dict) and "families" not in data and {"cues", "outlet_types"} & set(data):
        return validate_affiliations
    if isinstance(data, dict) and "families" not in data and "outlets" in data:
        return validate_outlets
    return validate_lexicon


def cmd_lexicon_validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        problems = _lexicon_validator(path)(path)
        if problems:
            status = 1
            print(f"{path}: {len(problems)} problem(s)")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"{path}: OK")
    return status


def cmd_warm(args: argparse.Namespace) -> int:
    was_warm = jit_cache_is_warm()
    seconds = warm(args.embedding)
    print(f"framing: topic model {'already compiled' if was_warm else 'compiled'} in {numba_cache_folder()} "
          f"({seconds:.1f} s)")
    return 0


def cmd_outlets_suggest(args: argparse.Namespace) -> int:
    import yaml

    corpus = load_corpus_arg(args.corpus, args.metadata, **read_options(args))
    unknown = corpus.unknown_outlets()
    unknown = unknown[unknown["publisher"].notna()]
    entries = [{"name": str(pub), "source_type": None, "country": None, "ownership": "unknown",
                "aliases": [], "domains": [dom] if dom else []}
               for pub, dom in zip(unknown["publisher"], unknown["domain"])]
    header = ("# Outlets that framing's lexicon does not know, from " + str(args.corpus) + ".\n"
              "# Fill in source_type (one of the keys of source_types in lexicons/outlets.yaml), country\n"
              "# (ISO 3166-1 alpha-2) and ownership, then pass this file back: --outlets " + str(args.out) + "\n"
              "# Documents per publisher: " + ", ".join(f"{p} {d}" for p, d in zip(unknown["publisher"],
                                                                                  unknown["documents"])) + "\n")
    stub = {"name": "my_outlets", "version": "0.1",
            "description": f"Outlets of {args.corpus} that lexicons/outlets.yaml does not list.",
            "citation": "Filled in by the user from the outlets' own about pages and ownership records.",
            "license": "CC0-1.0", "outlets": entries}
    body = yaml.safe_dump(stub, sort_keys=False, allow_unicode=True)
    Path(args.out).write_text(header + body, encoding="utf-8")
    print(f"Wrote {len(entries)} unknown publishers to {args.out}; fill in their source_type and pass it "
          f"back with --outlets {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description="Narrative and framing analysis of news.")
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="clean and segment scraped pages into articles with provenance",
                       description="Read pages (.txt, .html, .jsonl, .csv; folders and globs), remove site "
                                   "chrome, split multi-story pages, find provenance, and write the tables.")
    p.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    p.add_argument("--metadata", help="sidecar CSV/YAML: file -> publisher, source_type, original_source, ...")
    p.add_argument("--outlets", action="append", help="a user outlets YAML extending lexicons/outlets.yaml")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--strict", action="store_true", help="fail on any unreadable file instead of reporting it")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    _add_read_args(p)
    p.set_defaults(func=cmd_ingest)

    def analysis(name: str, func, help: str, description: str | None = None, *,
                 nargs: str | None = None) -> argparse.ArgumentParser:
        """A subcommand reading a corpus and writing tables: the arguments they all share."""
        q = sub.add_parser(name, help=help, description=description or help)
        q.add_argument("corpus", nargs=nargs,
                       help="a saved corpus folder (framing ingest --out), or pages/folders to ingest")
        q.add_argument("--out", required=True, help="output folder")
        q.add_argument("--by", default="source_type", help="grouping column (default: source_type)")
        q.add_argument("--metadata", help="sidecar for pages to ingest")
        q.add_argument("--seed", type=int, default=0, help="bootstrap (and model) seed")
        q.add_argument("--quiet", action="store_true", help="print nothing on success")
        _add_read_args(q)
        q.set_defaults(func=func)
        return q

    p = analysis("slogans", cmd_slogans, "slogan matches, rates by group with CIs, and candidate new slogans",
                 "Match the slogan lexicon in a corpus and write slogan_matches.csv, slogan_rates.csv and "
                 "candidate_slogans.csv.")
    p.add_argument("--voice", default="own", choices=["own", "all", "quoted"],
                   help="count the outlet's own voice (default), all matches, or quoted ones only")
    p.add_argument("--lexicon", action="append", help="a user slogan lexicon (YAML/CSV) extending the default")
    p.add_argument("--min-docs", type=int, default=3, help="candidate slogans: minimum documents")
    p.add_argument("--min-publishers", type=int, default=2, help="candidate slogans: minimum publishers")

    p = analysis("frames", cmd_frames, "frame scores per article or paragraph, and frame profiles by group")
    p.add_argument("--scheme", default="relationship", choices=["relationship", "policy"])
    p.add_argument("--level", default="article", choices=["article", "paragraph"])
    p.add_argument("--method", default="dictionary", choices=["dictionary", "embedding"])

    p = analysis("sentiment", cmd_sentiment, "VADER sentiment and sentiment toward actors")
    p.add_argument("--level", default="sentence", choices=["sentence", "paragraph", "article"])
    p.add_argument("--lexicon", default="vader", choices=["vader", "vader+diplomatic"])

    p = analysis("topics", cmd_topics, "BERTopic on paragraphs, offline and reproducible; topics by group")
    p.add_argument("--embedding", default="minilm", choices=["minilm", "static", "tfidf"],
                   help="minilm: the packaged sentence model; static: distilled from it, far faster on CPU; "
                        "tfidf: no torch")
    p.add_argument("--level", default="paragraph", choices=["paragraph", "article"],
                   help="the unit that gets a topic (article: headlines and other one-paragraph documents)")

    p = analysis("analyze", cmd_analyze, "every measure at once: CSV tables, figures, manifest and an HTML report",
                 "Read pages (or a saved corpus), run every measure, and write the tables as CSV, the figures "
                 "as PNG (--figure-formats png svg pdf for print files too), manifest.json and one "
                 "self-contained report.html. --quiet also hides the progress bar.", nargs="+")
    p.add_argument("--dedupe", default="none", choices=["none", "collapse"],
                   help="collapse: count a syndicated story once, under its originator")
    p.add_argument("--ci-method", choices=["outlet", "document"], default=None,
                   help="intervals: outlet resamples each group's publishers, then their articles; document "
                        "resamples articles (default: outlet, or document with --by publisher)")
    p.add_argument("--embedding", default="minilm", choices=["minilm", "static", "tfidf"],
                   help="topic embeddings (see framing topics)")
    p.add_argument("--by-time", metavar="FREQ", type=_freq_arg, default=None,
                   help="add each measure over time by group, per period of FREQ (W weeks, M months, Q, Y): "
                        "trends_*.csv and an 'Over time' section")
    p.add_argument("--figure-formats", nargs="+", default=["png"], choices=["png", "svg", "pdf"],
                   metavar="FORMAT", help="files of each figure: png (default; the report embeds it), svg, pdf; "
                                          "e.g. --figure-formats png svg pdf (about three times slower)")

    p = sub.add_parser("analyze-large", help="the per-article measures over Parquet/JSONL shards with Dask",
                       description="Run cleaning, slogans, frames, sentiment, reuse signatures and term counts "
                                   "partition by partition on a Dask cluster (a LocalCluster, or --scheduler) and "
                                   "write partitioned Parquet with the single-machine tables.")
    p.add_argument("input", nargs="+", help="Parquet/JSONL/CSV shards: files, folders or glob patterns")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (default: start a LocalCluster)")
    p.add_argument("--workers", type=int, help="LocalCluster worker processes (default: one per core)")
    p.add_argument("--steps", nargs="+", help="steps, space- or comma-separated (default: clean slogans frames "
                                               "sentiment minhash terms; without clean rows are clean articles)")
    p.add_argument("--partition-size", type=int, default=2000, help="records per task (default 2000)")
    p.add_argument("--by", default="source_type", help="grouping column for rates and terms (default: source_type)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    p.add_argument("--overwrite", action="store_true", help="replace results already in --out")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_analyze_large)

    p = sub.add_parser("outlets", help="outlet lexicon tools")
    osub = p.add_subparsers(dest="outlets_command", required=True)
    q = osub.add_parser("suggest", help="a YAML stub of the corpus's unknown publishers, to fill in",
                        description="Write the publishers that lexicons/outlets.yaml does not know, in its format, "
                                    "for you to fill in (source_type, country, ownership) and pass back with "
                                    "--outlets.")
    q.add_argument("corpus", help="a saved corpus folder, or pages/records to ingest")
    q.add_argument("--out", required=True, help="the YAML file to write")
    q.add_argument("--metadata", help="sidecar for pages to ingest")
    _add_read_args(q)
    q.set_defaults(func=cmd_outlets_suggest)

    p = sub.add_parser("lexicon", help="lexicon tools")
    lsub = p.add_subparsers(dest="lexicon_command", required=True)
    v = lsub.add_parser("validate", help="check lexicon files; report problems with file and line")
    v.add_argument("files", nargs="+")
    v.set_defaults(func=cmd_lexicon_validate)

    p = sub.add_parser("warm", help="compile the topic model's numba code once on this machine (make venv runs it)",
                       description="Fit topics once on the bundled sample, so that UMAP's and pynndescent's "
                                   "numba functions are compiled into framing's cache folder and the first "
                                   "analysis does not wait 1-2 minutes for them.")
    p.add_argument("--embedding", default="tfidf", choices=["minilm", "static", "tfidf"])
    p.set_defaults(func=cmd_warm)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` command."""
    warnings.filterwarnings("ignore", category=FutureWarning, module="trafilatura")
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
