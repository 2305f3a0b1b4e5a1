"""framing.scale on a 2-worker LocalCluster gives the single-process tables, exactly.

Two runs share one cluster (two processes, one thread each):

- clean articles: the shared corpus (read with read_corpus) plus 5,000 generated
  articles (framing.synth.make_articles_table) in three Parquet shards, against
  Corpus.from_frame over the same rows and the single-machine functions;
- raw records: generated scraped pages in JSON Lines files (with a blank line, a
  bad line, a record without text, CRLF line ends and a record id reused in a
  later slice) cleaned by the cluster, against read_corpus over the same files.
"""

from __future__ import annotations

import json
import logging
import random

import numpy as np
import pandas as pd
import pytest

from framing import Corpus, read_corpus
from framing.frames import frame_scores
from framing.keyness import distinctive_terms
from framing.published import published_text
from framing.reuse import reuse_pairs
from framing.scale import (ReuseParams, analyze_parquet, passage_minhash, poisson_weights, read_result,
                           scaled_slogan_rates)
from framing.scale.plan import scan_jsonl
from framing.sentiment import actor_mentions, sentiment_scores
from framing.slogans import slogan_matches, slogan_rates
from framing.synth import make_articles_table, make_page

PARAGRAPH_REUSE = ReuseParams(level="paragraph", threshold=0.8)
REUSE_KEYS = ["doc_id_a", "passage_a", "doc_id_b", "passage_b"]
REUSE_COLS = ["doc_id_a", "doc_id_b", "passage_a", "passage_b", "similarity", "publisher_a", "publisher_b",
              "similarity_est"]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
        yield c


def sorted_frame(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.sort_values(keys, kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------- clean articles: shared corpus + 5,000 generated

@pytest.fixture(scope="module")
def article_rows(shared_corpus) -> pd.DataFrame:
    # the text and metadata columns (line numbers and word counts are the cleaning's, not inputs)
    shared = shared_corpus.articles[["doc_id", "source_file", "kind", "title", "text", "publisher",
                                     "original_source", "provenance", "source_type", "published", "url", "byline"]]
    # dates as a Parquet file of records gives them: text (a real date column reads the same)
    shared = shared.assign(published=published_text(shared["published"], shared_corpus.articles["published_precision"]))
    generated = make_articles_table(5000, seed=8).assign(kind="article")
    return pd.concat([shared, generated], ignore_index=True)


@pytest.fixture(scope="module")
def articles_run(article_rows, client, tmp_path_factory):
    shards = tmp_path_factory.mktemp("shards")
    cuts = [0, 1500, 3500, len(article_rows)]
    for k in range(3):
        article_rows.iloc[cuts[k]:cuts[k + 1]].to_parquet(shards / f"news_{k}.parquet", index=False,
                                                         row_group_size=700)
    out = tmp_path_factory.mktemp("articles_out")
    result = analyze_parquet(str(shards / "*.parquet"), out, steps=["slogans", "frames", "sentiment", "minhash",
                                                                   "terms"],
                             client=client, partition_size=700, frame_schemes=("relationship", "policy"),
                             reuse=PARAGRAPH_REUSE)
    return result, Corpus.from_frame(article_rows, doc_id="doc_id")


def test_articles_run_writes_partitions_on_two_workers(articles_run, article_rows):
    result, _ = articles_run
    assert result.workers == 2
    assert result.n_articles == len(article_rows) > 5000
    assert result.n_parts >= 8  # three files in row groups of 700 rows
    assert set(result.tasks["pid"]) and len(set(result.tasks["pid"])) == 2  # both workers did work
    manifest = json.loads((result.out_dir / "manifest.json").read_text())
    assert manifest["n_articles"] == result.n_articles and manifest["workers"] == 2


def test_per_article_tables_identical(articles_run):
    result, ref = articles_run
    out = result.out_dir
    pd.testing.assert_frame_equal(read_result(out, "articles"), ref.articles)
    pd.testing.assert_frame_equal(read_result(out, "slogan_matches"), slogan_matches(ref))
    frames = pd.concat([frame_scores(ref, scheme="relationship"), frame_scores(ref, scheme="policy")],
                       ignore_index=True)
    pd.testing.assert_frame_equal(sorted_frame(read_result(out, "frames"), ["scheme", "doc_id", "frame"]),
                                  sorted_frame(frames, ["scheme", "doc_id", "frame"]))
    sentences = sentiment_scores(ref)
    pd.testing.assert_frame_equal(read_result(out, "sentiment"), sentences)
    pd.testing.assert_frame_equal(read_result(out, "actor_mentions"), actor_mentions(ref, sentences=sentences))


def test_shared_pages_measured_as_on_one_machine(articles_run, shared_corpus):
    result, _ = articles_run
    got = read_result(result.out_dir, "slogan_matches")
    got = got[got["doc_id"].isin(shared_corpus.articles["doc_id"])].reset_index(drop=True)
    expected = slogan_matches(shared_corpus)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected)


def test_slogan_rates_from_per_document_counts_identical(articles_run):
    result, ref = articles_run
    expected = slogan_rates(ref, by="source_type", ci_method="document")  # the partitions resample documents
    pd.testing.assert_frame_equal(read_result(result.out_dir, "slogan_rates"), expected)


def test_poisson_rates_match_counts_and_bootstrap_intervals(articles_run, client):
    result, ref = articles_run
    exact = slogan_rates(ref, by="source_type", ci_method="document")
    poisson = scaled_slogan_rates(result.out_dir, by="source_type", method="poisson", client=client)
    same = ["group", "feature", "count", "n_words", "n_docs", "per_1k", "docs_with", "doc_share",
            "doc_share_low", "doc_share_high", "label", "origin", "by", "voice"]
    pd.testing.assert_frame_equal(poisson[same], exact[same])
    # a group of one document has no interval, in either method
    pd.testing.assert_series_equal(poisson["ci_low"].isna(), exact["ci_low"].isna())
    used = (exact["count"] > 0) & exact["ci_low"].notna()
    assert used.sum() >= 10
    p, e = poisson[used], exact[used]
    assert ((p["ci_low"] <= p["per_1k"]) & (p["per_1k"] <= p["ci_high"])).all()
    width = (e["ci_high"] - e["ci_low"]).to_numpy()
    # two bootstraps of the same documents: interval ends agree to a small fraction of the interval's width
    assert np.max(np.abs(p["ci_low"].to_numpy() - e["ci_low"].to_numpy()) / width) < 0.15
    assert np.max(np.abs(p["ci_high"].to_numpy() - e["ci_high"].to_numpy()) / width) < 0.15


def test_distinctive_terms_from_summed_counts_identical(articles_run):
    result, ref = articles_run
    got = read_result(result.out_dir, "distinctive_terms")
    assert (got["by"] == "source_type").all()
    pd.testing.assert_frame_equal(got.drop(columns="by"), distinctive_terms(ref, by="source_type"))


def test_reuse_pairs_from_banding_across_partitions_identical(articles_run):
    result, ref = articles_run
    expected = reuse_pairs(ref, level="paragraph", threshold=0.8)
    got = read_result(result.out_dir, "reuse_pairs")
    assert len(expected) > 50
    pd.testing.assert_frame_equal(sorted_frame(got[REUSE_COLS], REUSE_KEYS),
                                  sorted_frame(expected[REUSE_COLS], REUSE_KEYS))
    # pairs of articles in different shards (so in different partitions) were found too
    row = {d: i for i, d in enumerate(ref.articles["doc_id"])}
    shard = np.searchsorted([1500, 3500], [[row[d] for d in got[c]] for c in ("doc_id_a", "doc_id_b")], side="right")
    assert (shard[0] != shard[1]).sum() > 10


def test_minhash_signatures_are_the_single_process_ones(articles_run):
    result, ref = articles_run
    passages, groups = passage_minhash(ref, PARAGRAPH_REUSE)
    got_p = read_result(result.out_dir, "passages")
    pd.testing.assert_frame_equal(got_p[["doc_id", "passage", "group"]], passages[["doc_id", "passage", "group"]])
    got_g = read_result(result.out_dir, "minhash").drop_duplicates("group")
    merged = groups.merge(got_g, on="group", suffixes=("", "_scaled"))
    assert len(merged) == len(groups)
    assert (merged["signature"] == merged["signature_scaled"]).all()


# ---------------------------------------------------------------- raw records: cleaning as read_corpus

def _page_records(prefix: str, n: int, seed: int) -> list[dict]:
    out = []
    for i in range(n):
        page = make_page(random.Random(f"{seed}:{i}"))
        out.append({"id": f"{prefix}{i}", "text": page.text, "publisher": page.site or "Xinhua",
                    "published": f"2025-06-{1 + i % 28:02d}"})
    return out


@pytest.fixture(scope="module")
def records_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("records")
    a = _page_records("a", 60, 1)
    a[47]["id"] = "a3"  # the id of a record 44 lines earlier, in an earlier slice
    lines = [json.dumps(r) for r in a]
    lines.insert(10, "")
    lines.insert(22, "{not json")
    lines.insert(30, json.dumps({"id": "empty", "text": "", "publisher": "Xinhua"}))
    with open(d / "feed_a.jsonl", "w", encoding="utf-8", newline="") as fh:
        fh.write("".join(line + ("\r\n" if k % 3 == 0 else "\n") for k, line in enumerate(lines)))
    with open(d / "feed_b.jsonl", "w", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in _page_records("b", 40, 2)))
    return d


@pytest.fixture(scope="module")
def records_run(records_dir, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("records_out")
    result = analyze_parquet(str(records_dir / "*.jsonl"), out, steps=["clean", "slogans", "sentiment", "minhash"],
                             client=client, partition_size=20)
    return result, read_corpus(str(records_dir / "*.jsonl"))


def test_cleaning_tables_identical_to_read_corpus(records_run):
    result, ref = records_run
    out = result.out_dir
    assert result.n_parts >= 5
    pd.testing.assert_frame_equal(read_result(out, "articles"), ref.articles)
    pd.testing.assert_frame_equal(read_result(out, "removed"), ref.removed)
    pd.testing.assert_frame_equal(read_result(out, "line_map"), ref.line_map)
    keys = ["source_file", "line_no", "problem", "message"]
    problems = ref.problems
    assert {"bad record", "no text", "duplicate id"} <= set(problems["problem"])
    # outlet boilerplate is counted over all slices before any is cleaned (issue 18)
    assert ref.removed["reason"].str.startswith("repeated in ").sum() > 0
    pd.testing.assert_frame_equal(sorted_frame(read_result(out, "problems"), keys), sorted_frame(problems, keys))


def test_measures_of_cleaned_records_identical(records_run):
    result, ref = records_run
    out = result.out_dir
    pd.testing.assert_frame_equal(read_result(out, "slogan_matches"), slogan_matches(ref))
    pd.testing.assert_frame_equal(read_result(out, "sentiment"), sentiment_scores(ref))
    expected = reuse_pairs(ref)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(sorted_frame(read_result(out, "reuse_pairs")[REUSE_COLS], REUSE_KEYS),
                                  sorted_frame(expected[REUSE_COLS], REUSE_KEYS))


def test_parquet_rows_cleaned_like_jsonl_lines(tmp_path, client):
    records = _page_records("c", 45, 3)
    (tmp_path / "jsonl").mkdir()
    (tmp_path / "parquet").mkdir()
    with open(tmp_path / "jsonl" / "feed_c.jsonl", "w", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in records))
    pd.DataFrame(records).to_parquet(tmp_path / "parquet" / "feed_c.parquet", index=False, row_group_size=15)
    result = analyze_parquet(tmp_path / "parquet", tmp_path / "out", steps=["clean"], client=client,
                             partition_size=15)
    ref = read_corpus(tmp_path / "jsonl")
    expected = ref.articles.assign(source_file="feed_c.parquet", format="parquet").astype(
        {"source_file": "string", "format": "string"})
    assert result.n_parts == 3
    pd.testing.assert_frame_equal(read_result(result.out_dir, "articles"), expected)
    pd.testing.assert_frame_equal(read_result(result.out_dir, "removed"),
                                  ref.removed.assign(source_file="feed_c.parquet").astype({"source_file": "string"}))


def test_cli_analyze_large_on_a_running_scheduler(records_dir, client, tmp_path):
    from framing.cli import main

    out = tmp_path / "cli_out"
    code = main(["analyze-large", str(records_dir / "feed_b.jsonl"), "--out", str(out), "--scheduler",
                 client.scheduler.address, "--steps", "clean,slogans", "--partition-size", "15", "--quiet"])
    assert code == 0
    pd.testing.assert_frame_equal(read_result(out, "articles"), read_corpus(records_dir / "feed_b.jsonl").articles)
    assert (out / "slogan_rates").is_dir() and not (out / "frames").exists()
    # a second run into the same folder is refused unless asked
    assert main(["analyze-large", str(records_dir / "feed_b.jsonl"), "--out", str(out), "--scheduler",
                 client.scheduler.address, "--steps", "clean", "--quiet"]) == 2


# ---------------------------------------------------------------- pieces without a cluster

def test_poisson_weights_depend_only_on_the_document():
    ids = [f"d#{i}" for i in range(400)]
    w = poisson_weights(ids, 500, random_state=3)
    again = poisson_weights(ids[::-1][:50], 500, random_state=3)
    np.testing.assert_array_equal(w[:, 399:349:-1], again)
    assert abs(w.mean() - 1) < 0.02 and abs(w.var() - 1) < 0.05  # Poisson(1)
    assert not np.array_equal(w, poisson_weights(ids, 500, random_state=4))


def test_jsonl_slices_start_at_the_right_lines(tmp_path):
    from framing.ingest.readers import split_lines

    raw = b'{"a": 1}\r\n\n{"a": 2}\r{"a": 3}\n\n\n{"a": 4}\r\n{"a": 5}'
    (tmp_path / "x.jsonl").write_bytes(raw)
    plan = scan_jsonl(str(tmp_path / "x.jsonl"), 2)
    lines = split_lines(raw.decode())
    for start, end, first_line, first_record in plan["ranges"]:
        piece = split_lines(raw[start:end].decode())
        assert piece == lines[first_line - 1:first_line - 1 + len(piece)]
        assert first_record == sum(1 for line in lines[:first_line - 1] if line.strip())
    assert plan["ranges"][-1][1] == len(raw) and not plan["empty"]


def test_bad_calls_fail_clearly(tmp_path):
    with pytest.raises(ValueError, match="unknown step"):
        analyze_parquet(str(tmp_path / "*.parquet"), tmp_path / "out", steps=["slogans", "topics"])
    with pytest.raises(FileNotFoundError, match="no Parquet, JSON Lines or CSV shards"):
        analyze_parquet(str(tmp_path / "*.parquet"), tmp_path / "out")
    pd.DataFrame({"text": ["Win-win cooperation."]}).to_parquet(tmp_path / "a.parquet")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_text("{}")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        analyze_parquet(str(tmp_path / "*.parquet"), tmp_path / "out")
