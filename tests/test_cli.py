"""`framing ingest` writes the DESIGN.md tables and prints a summary."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from framing.cli import main


def test_ingest_writes_tables_and_summary(shared_corpus_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(shared_corpus_dir), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "12 articles and 1 comments from 5 files" in printed
    assert "Nabka News" in printed and "People's Daily" in printed
    for name in ("articles.csv", "articles.parquet", "removed.csv", "problems.csv", "line_map.csv"):
        assert (out / name).exists(), name
    articles = pd.read_csv(out / "articles.csv")
    assert articles.columns[:13].tolist() == ["doc_id", "source_file", "kind", "title", "text", "publisher",
                                              "original_source", "provenance", "source_type", "published",
                                              "url", "byline", "n_words"]
    removed = pd.read_csv(out / "removed.csv")
    assert removed.columns.tolist() == ["source_file", "line_no", "text", "reason"]
    assert pd.read_parquet(out / "articles.parquet").shape == articles.shape


def test_ingest_strict_fails_with_message(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "o"), "--strict"]) == 2
    assert "empty.txt: file is empty" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path):
    exe = [sys.executable, "-m", "framing.cli", "--version"]
    result = subprocess.run(exe, capture_output=True, text=True, check=True)
    assert result.stdout.startswith("framing ")
