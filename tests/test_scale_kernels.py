"""framing.scale's map/combine steps, without a cluster: combining the partitions' results gives the whole's.

Each whole-corpus table of :mod:`framing.scale` is a map over partitions and a
combine; here both run in-process on 20 generated articles cut into three
partitions, and the combined result must equal the single-machine one exactly.
The 2-worker cluster test (tests/test_scale.py) checks the same on Dask.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import Corpus
from framing.reuse import band_candidates, lsh_params, reuse_pairs
from framing.reuse.minhash import member_pairs, pairs_in_runs
from framing.scale import ReuseParams, passage_minhash
from framing.scale.pairs import _band_rows, _bucket_pairs, _jaccard, _oriented, _same_sequence_pairs
from framing.scale.rates import add_group_sums, poisson_group_sums, poisson_rate_table
from framing.slogan_lexicon import load_slogan_lexicon
from framing.slogans import slogan_matches, slogan_rates
from framing.synth import make_articles_table

CUTS = [0, 6, 13, 20]
SIDES = ["doc_id", "passage", "publisher", "order"]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_frame(make_articles_table(20, seed=3).assign(kind="article"), doc_id="doc_id")


def partitions(corpus: Corpus) -> list[Corpus]:
    a = corpus.articles
    return [Corpus.from_frame(a.iloc[CUTS[k]:CUTS[k + 1]], doc_id="doc_id") for k in range(len(CUTS) - 1)]


# ---------------------------------------------------------------- passage reuse

def minhash_parts(corpus: Corpus, params: ReuseParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The map: each partition's passages and signatures, with its place in corpus order."""
    maps = [passage_minhash(p, params, order_base=k << 32) for k, p in enumerate(partitions(corpus))]
    passages = pd.concat([m[0] for m in maps], ignore_index=True)
    groups = pd.concat([m[1] for m in maps], ignore_index=True).drop_duplicates(subset=["group"])
    return passages, groups.reset_index(drop=True)


def combined_pairs(passages: pd.DataFrame, groups: pd.DataFrame, params: ReuseParams) -> pd.DataFrame:
    """The combine of scaled_reuse_pairs, run in pandas: bands, buckets, exact Jaccard, member pairs."""
    b, r = lsh_params(params.threshold, params.num_perm)
    candidates = _bucket_pairs(_band_rows(groups, b, r))
    sig = groups[["group", "signature", "shingles"]]
    for s in ("g", "h"):
        candidates = candidates.merge(sig.rename(columns={"group": s, "signature": f"signature_{s}",
                                                          "shingles": f"shingles_{s}"}), on=s)
    group_pairs = _jaccard(candidates, params.threshold)
    cols = [*SIDES, "group"]
    cross = group_pairs.merge(passages[cols].add_suffix("_a"), left_on="g", right_on="group_a") \
        .merge(passages[cols].add_suffix("_b"), left_on="h", right_on="group_b")
    keep = [f"{c}_{s}" for c in SIDES for s in "ab"] + ["similarity", "similarity_est"]
    same = _same_sequence_pairs(passages, params.max_group)
    return _oriented(pd.concat([cross[keep], same[keep]], ignore_index=True))


def test_passage_minhash_of_partitions_is_that_of_the_whole(corpus):
    params = ReuseParams()
    passages, groups = minhash_parts(corpus, params)
    whole_passages, whole_groups = passage_minhash(corpus, params)
    cols = ["doc_id", "passage", "publisher", "group"]
    pd.testing.assert_frame_equal(passages[cols], whole_passages[cols])
    by_group = whole_groups.set_index("group").loc[groups["group"]].reset_index()
    pd.testing.assert_frame_equal(groups, by_group)


def test_bucket_pairs_are_the_band_candidates(corpus):
    params = ReuseParams()
    _, groups = passage_minhash(corpus, params)
    b, r = lsh_params(params.threshold, params.num_perm)
    sig = np.frombuffer(b"".join(groups["signature"]), dtype=np.uint32).reshape(len(groups), -1)
    ids = groups["group"].to_numpy()
    expected = {tuple(sorted((ids[i], ids[j]))) for i, j in band_candidates(sig, b, r).tolist()}
    found = set(map(tuple, _bucket_pairs(_band_rows(groups, b, r))[["g", "h"]].to_numpy().tolist()))
    assert found == expected and len(found) > 20


@pytest.mark.parametrize("params", [ReuseParams(), ReuseParams(level="paragraph", threshold=0.3)])
def test_combined_reuse_pairs_are_those_of_the_whole(corpus, params):
    passages, groups = minhash_parts(corpus, params)
    combined = combined_pairs(passages, groups, params)
    whole = reuse_pairs(corpus, level=params.level, threshold=params.threshold)
    keys = ["doc_id_a", "passage_a", "doc_id_b", "passage_b"]
    cols = [*keys, "similarity", "publisher_a", "publisher_b", "similarity_est"]
    got = combined[cols].sort_values(keys, kind="mergesort").reset_index(drop=True)
    want = whole[cols].sort_values(keys, kind="mergesort").reset_index(drop=True)
    assert len(want) > 20
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_same_sequence_pairs_follow_max_group():
    passages = pd.DataFrame({"doc_id": list("abcdef"), "passage": 1, "publisher": None,
                             "order": [5, 1, 4, 2, 3, 0], "group": [7, 7, 7, 9, 9, 8]})
    pairs = _same_sequence_pairs(passages, max_group=2)
    got = sorted(zip(pairs["order_a"], pairs["order_b"]))
    # group 7 has 3 places (> 2): its first place (order 1) with each other; group 9 all pairs; 8 none
    assert got == [(1, 4), (1, 5), (2, 3)]
    assert member_pairs([1, 4, 5], first_g=True) == [(1, 4), (1, 5)]
    assert pairs_in_runs(np.array([7, 7, 7]), max_run=2).tolist() == [[0, 1], [0, 2]]


# ---------------------------------------------------------------- slogan rates

def test_poisson_sums_of_partitions_add_up_to_the_whole(corpus):
    lex = load_slogan_lexicon()
    parts = partitions(corpus)
    sums = {}
    for p in parts:
        sums = add_group_sums(sums, poisson_group_sums(p.articles, slogan_matches(p, lex), "source_type", "own",
                                                       lex.ids, n_boot=200))
    whole = poisson_group_sums(corpus.articles, slogan_matches(corpus, lex), "source_type", "own", lex.ids,
                               n_boot=200)
    assert sums.keys() == whole.keys()
    for g in whole:
        for k, v in whole[g].items():
            np.testing.assert_array_equal(sums[g][k], v)
    pd.testing.assert_frame_equal(poisson_rate_table(sums, lex, "source_type", "own"),
                                  poisson_rate_table(whole, lex, "source_type", "own"))


def test_poisson_rates_share_the_rows_of_slogan_rates(corpus):
    lex = load_slogan_lexicon()
    sums = poisson_group_sums(corpus.articles, slogan_matches(corpus, lex), "publisher", "all", lex.ids, n_boot=200)
    poisson = poisson_rate_table(sums, lex, "publisher", "all")
    exact = slogan_rates(corpus, by="publisher", voice="all", lexicon=lex, n_boot=200)
    same = ["group", "feature", "count", "n_words", "n_docs", "per_1k", "docs_with", "doc_share", "doc_share_low",
            "doc_share_high", "label", "origin", "by", "voice", "per"]
    assert list(poisson.columns) == list(exact.columns)
    pd.testing.assert_frame_equal(poisson[same], exact[same])
