"""`framing ingest` writes the DESIGN.md tables and prints a summary."""

from __future__ import annotations

import subprocess
import sys

from pathlib import Path

import pandas as pd
import pytest

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
    assert removed.columns.tolist() == ["source_file", "line_no", "text", "reason", "p_main"]
    # the line model's probability on every removed line of a text page, and its name in the reason
    model_rows = removed[removed["reason"].str.contains("line model", regex=False)]
    assert len(model_rows) and model_rows["p_main"].between(0, 1).all()
    assert pd.read_parquet(out / "articles.parquet").shape == articles.shape


def test_ingest_strict_fails_with_message(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "o"), "--strict"]) == 2
    assert "empty.txt: file is empty" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path):
    exe = [sys.executable, "-m", "framing.cli", "--version"]
    result = subprocess.run(exe, capture_output=True, text=True, check=True)
    assert result.stdout.startswith("framing ")


def test_slogans_frames_sentiment_commands(shared_corpus_dir, tmp_path, capsys):
    ing = tmp_path / "ing"
    assert main(["ingest", str(shared_corpus_dir), "--out", str(ing), "--quiet"]) == 0
    assert main(["slogans", str(ing), "--out", str(tmp_path / "s")]) == 0
    m = pd.read_csv(tmp_path / "s" / "slogan_matches.csv")
    assert m.columns[:8].tolist() == ["doc_id", "family", "phrase", "matched", "start", "end", "sentence", "quoted"]
    r = pd.read_csv(tmp_path / "s" / "slogan_rates.csv")
    assert r.columns[:8].tolist() == ["group", "feature", "count", "n_words", "n_docs", "per_1k", "ci_low",
                                      "ci_high"]
    assert (tmp_path / "s" / "candidate_slogans.csv").exists()
    # each command writes its tables as framing analyze does: one row order, one float format
    from framing import Corpus
    from framing.report import SORT_KEYS, write_csv
    from framing.slogans import slogan_rates

    again = write_csv(slogan_rates(Corpus.load(ing / "corpus"), by="source_type", voice="own", random_state=0),
                      tmp_path / "again.csv", sort_by=SORT_KEYS["slogan_rates"])
    assert again.read_bytes() == (tmp_path / "s" / "slogan_rates.csv").read_bytes()
    assert main(["frames", str(ing), "--out", str(tmp_path / "f"), "--quiet"]) == 0
    f = pd.read_csv(tmp_path / "f" / "frames.csv")
    assert f.columns[:6].tolist() == ["doc_id", "scheme", "frame", "hits", "per_1k", "score"]
    assert main(["sentiment", str(ing), "--out", str(tmp_path / "e"), "--quiet"]) == 0
    s = pd.read_csv(tmp_path / "e" / "sentiment.csv")
    assert s.columns[:7].tolist() == ["doc_id", "sent_id", "target", "compound", "pos", "neu", "neg"]
    assert (tmp_path / "e" / "actor_sentiment.csv").exists()


def test_a_command_writes_only_tables_its_measure_lists_in_the_registry_order(tmp_path):
    from framing.cli import _write_measure

    one = pd.DataFrame({"doc_id": ["d1"], "scheme": ["relationship"], "frame": ["partnership"]})
    prof = pd.DataFrame({"scheme": ["relationship"], "group": ["state_media"], "frame": ["partnership"]})
    assert _write_measure("frames", {"frame_profile": prof, "frames": one}, tmp_path) == ["frames", "frame_profile"]
    assert (tmp_path / "frames.csv").read_text().splitlines()[0] == "doc_id,scheme,frame"
    with pytest.raises(KeyError, match="'frame_scores'.*frames, frame_profile, frame_terms"):
        _write_measure("frames", {"frame_scores": one}, tmp_path)


def test_lexicon_validate_command(tmp_path, capsys):
    assert main(["lexicon", "validate", "lexicons/slogans.yaml", "lexicons/frames.yaml"]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: b\nversion: '1'\ndescription: d\ncitation: c\nlicense: x\nfamilies:\n"
                   "  - id: a\n    label: A\n    origin: o\n    phrases: []\n")
    assert main(["lexicon", "validate", str(bad)]) == 1
    assert "line 7: family 'a' is empty" in capsys.readouterr().out


def test_lexicon_validate_routes_affiliation_lexicons(tmp_path, capsys):
    assert main(["lexicon", "validate", "lexicons/affiliations.yaml"]) == 0
    assert "lexicons/affiliations.yaml: OK" in capsys.readouterr().out
    bad = tmp_path / "aff.yaml"
    bad.write_text(Path("lexicons/affiliations.yaml").read_text(encoding="utf-8") + "\nsurprise: 1\n",
                   encoding="utf-8")
    assert main(["lexicon", "validate", str(bad)]) == 1
    assert "unknown key 'surprise'" in capsys.readouterr().out
