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


def _summary_text(corpus) -> str:
    summary = corpus.summary()
    with pd.option_context("display.width", 200, "display.max_colwidth", 40, "display.max_rows", 200):
        return summary.to_string(index=False)


def cmd_ingest(args: argparse.Namespace) -> int:
    from .corpus import CorpusError, read_corpus

    try:
        corpus = read_corpus(args.paths, metadata=args.metadata, outlets=args.outlets, strict=args.strict)
    except CorpusError as exc:
        print(f"framing ingest: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = corpus.articles
    articles.to_csv(out / "articles.csv", index=False)
    articles.to_parquet(out / "articles.parquet", index=False)
    corpus.removed.to_csv(out / "removed.csv", index=False)
    corpus.problems.to_csv(out / "problems.csv", index=False)
    corpus.line_map.to_csv(out / "line_map.csv", index=False)
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


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

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
    p.set_defaults(func=cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` command."""
    warnings.filterwarnings("ignore", category=FutureWarning, module="trafilatura")
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
