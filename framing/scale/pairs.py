"""Reused passages of a whole partitioned corpus: LSH bands shuffled across partitions, then exact Jaccard.

Built from the kernel of :mod:`framing.reuse.minhash`: the partitions' passages
carry the signatures and shingles :func:`~framing.scale.passage_minhash` made
with it; here their band keys (:func:`~framing.reuse.minhash.band_keys`) are
shuffled so that candidates meet wherever they were, each candidate is checked
with the exact Jaccard similarity, and identical passages are paired as
``reuse_pairs`` pairs them (:func:`~framing.reuse.minhash.pairs_in_runs`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from ..reuse.minhash import band_keys, estimated_jaccard, jaccard, lsh_params, pairs_in_runs
from ..reuse.pairs import REUSE_COLUMNS as ALL_REUSE_COLUMNS
from .parts import part_files, pq_rows, write_part, write_partitions
from .plan import ReuseParams

__all__ = ["REUSE_COLUMNS", "scaled_reuse_pairs"]

# the contract's columns and the MinHash estimate: kinds, edits and texts need the articles (reuse_pairs)
REUSE_COLUMNS = ALL_REUSE_COLUMNS[:ALL_REUSE_COLUMNS.index("similarity_est") + 1]
_PASSAGE_COLUMNS = ["doc_id", "passage", "publisher", "order"]


def _band_rows(groups: pd.DataFrame, b: int, r: int) -> pd.DataFrame:
    """One row per (group, band): the band's key (:func:`~framing.reuse.minhash.band_keys`)."""
    n = len(groups)
    sig = np.frombuffer(b"".join(groups["signature"]), dtype=np.uint32).reshape(n, -1) if n else \
        np.zeros((0, b * r), dtype=np.uint32)
    return pd.DataFrame({"band": np.tile(np.arange(b, dtype=np.int64), n),
                         "key": band_keys(sig, b, r).ravel().view(np.int64),
                         "group": np.repeat(groups["group"].to_numpy(dtype=np.int64), b)})


def _bucket_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Every pair of distinct groups sharing a (band, key) bucket, ``g < h``."""
    rows = df[["band", "key", "group"]].drop_duplicates()
    bucket = rows.groupby(["band", "key"], sort=False).ngroup().to_numpy()
    ij = pairs_in_runs(bucket)
    group = rows["group"].to_numpy(dtype=np.int64)
    g, h = group[ij[:, 0]], group[ij[:, 1]]
    return pd.DataFrame({"g": np.minimum(g, h), "h": np.maximum(g, h)}).drop_duplicates()


def _jaccard(df: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Exact Jaccard similarity of the shingle sets and the MinHash estimate; pairs at ``threshold`` or more."""
    sim, est = np.zeros(len(df)), np.zeros(len(df))
    for k, (sa, sb, ga, gb) in enumerate(zip(df["shingles_g"], df["shingles_h"], df["signature_g"],
                                             df["signature_h"])):
        sim[k] = jaccard(set(np.frombuffer(sa, dtype=np.uint64).tolist()),
                         set(np.frombuffer(sb, dtype=np.uint64).tolist()))
        est[k] = estimated_jaccard(np.frombuffer(ga, dtype=np.uint32), np.frombuffer(gb, dtype=np.uint32))
    keep = sim >= threshold
    return pd.DataFrame({"g": df["g"].to_numpy()[keep], "h": df["h"].to_numpy()[keep], "similarity": sim[keep],
                         "similarity_est": est[keep]})


def _same_sequence_pairs(passages: pd.DataFrame, max_group: int) -> pd.DataFrame:
    """Passages of one word sequence paired: all pairs, or the first with each other in a group over ``max_group``.

    ``passages`` holds whole groups (shuffled on ``group``).
    """
    ordered = passages.sort_values("order", kind="stable")
    ij = pairs_in_runs(ordered["group"].to_numpy(dtype=np.int64), max_group)
    sides = [ordered[_PASSAGE_COLUMNS].iloc[ij[:, k]].reset_index(drop=True).add_suffix(f"_{s}")
             for k, s in enumerate("ab")]
    return pd.concat(sides, axis=1).assign(similarity=1.0, similarity_est=1.0)


def _oriented(df: pd.DataFrame) -> pd.DataFrame:
    """Passage pairs with ``a`` before ``b`` in corpus order, in the reuse-pairs columns."""
    swap = (df["order_a"] > df["order_b"]).to_numpy()
    out = {}
    for col in _PASSAGE_COLUMNS:
        a, b = df[f"{col}_a"].to_numpy(), df[f"{col}_b"].to_numpy()
        out[f"{col}_a"], out[f"{col}_b"] = np.where(swap, b, a), np.where(swap, a, b)
    res = pd.DataFrame({**out, "similarity": df["similarity"].to_numpy(dtype=float),
                        "similarity_est": df["similarity_est"].to_numpy(dtype=float)})
    for col in ("doc_id_a", "doc_id_b", "publisher_a", "publisher_b"):
        res[col] = pd.array([None if pd.isna(v) else str(v) for v in res[col]], dtype="string")
    return res.astype({"passage_a": "int64", "passage_b": "int64", "order_a": "int64", "order_b": "int64"})


def scaled_reuse_pairs(out_dir, params: ReuseParams = ReuseParams(), *, client=None) -> Path:
    """Reused passages across the whole corpus, from per-partition MinHash signatures.

    The ``minhash`` parts hold each partition's distinct passages (word
    sequences) with their signatures and shingle hashes, the ``passages`` parts
    where each occurs. On the cluster: distinct sequences are deduplicated
    across partitions, cut into LSH bands (:func:`framing.reuse.lsh_params`),
    and a shuffle on the band keys brings candidates together wherever they
    were; candidates are kept when the exact Jaccard similarity reaches
    ``params.threshold``; then the pairs of sequences become pairs of
    passages, and identical passages pair with each other (a sequence found in
    more than ``params.max_group`` places through its first occurrence only).
    This is :func:`framing.reuse.reuse_pairs`'s procedure, so the pairs and
    similarities are the same, with one exception: where near-duplicate
    passages (not only identical ones) form a cluster of more than
    ``params.max_group`` places, ``reuse_pairs`` links the cluster along a
    spanning tree (one pair per passage) while this function still lists every
    pair of its distinct sequences — a superset with the same similarities.

    Returns
    -------
    Path
        The ``reuse_pairs`` folder: ``doc_id_a, doc_id_b, passage_a,
        passage_b, similarity, publisher_a, publisher_b, similarity_est``
        (``a`` before ``b`` in corpus order; ``kind``, edit counts and texts
        are left to ``reuse_pairs`` on the articles concerned).
    """
    import dask.dataframe as dd

    root = Path(out_dir)
    target = root / "reuse_pairs"
    shutil.rmtree(target, ignore_errors=True)
    passage_files, group_files = part_files(root, "passages"), part_files(root, "minhash")
    empty = pd.DataFrame({c: pd.Series([], dtype="int64" if c.startswith("passage") else
                                       ("float64" if c.startswith("similarity") else "string")) for c in REUSE_COLUMNS})
    if not passage_files or sum(pq_rows(f) for f in passage_files) == 0:
        write_part(empty, target / "part-00000.parquet")
        return target
    b, r = lsh_params(params.threshold, params.num_perm)
    groups = dd.read_parquet([str(f) for f in group_files]).drop_duplicates(subset=["group"])
    band_meta = _band_rows(groups._meta, b, r)
    bands = groups.map_partitions(_band_rows, b, r, meta=band_meta)
    candidates = bands.shuffle(on=["band", "key"]).map_partitions(_bucket_pairs, meta=_bucket_pairs(band_meta))
    candidates = candidates.drop_duplicates()
    sig = groups[["group", "signature", "shingles"]]
    for side in ("g", "h"):
        candidates = candidates.merge(sig.rename(columns={"group": side, "signature": f"signature_{side}",
                                                          "shingles": f"shingles_{side}"}), on=side, how="inner")
    group_pairs = candidates.map_partitions(_jaccard, params.threshold,
                                            meta=pd.DataFrame({"g": pd.Series([], dtype="int64"),
                                                               "h": pd.Series([], dtype="int64"),
                                                               "similarity": pd.Series([], dtype="float64"),
                                                               "similarity_est": pd.Series([], dtype="float64")}))
    passages = dd.read_parquet([str(f) for f in passage_files])
    stats = passages.groupby("group")["order"].agg(["size", "min"]).rename(columns={"size": "n", "min": "first"})
    members = passages.merge(stats, left_on="group", right_index=True)
    # a sequence in more than max_group places meets other sequences through its first place only
    pooled = members[(members["n"] <= params.max_group) | (members["order"] == members["first"])]
    cols = [*_PASSAGE_COLUMNS, "group"]

    def side(df, s: str):
        return df[cols].rename(columns={c: f"{c}_{s}" for c in cols})

    cross = group_pairs.merge(side(pooled, "a"), left_on="g", right_on="group_a") \
        .merge(side(pooled, "b"), left_on="h", right_on="group_b")
    same = passages.shuffle(on="group").map_partitions(
        _same_sequence_pairs, params.max_group, meta=_same_sequence_pairs(passages._meta, params.max_group))
    keep = [f"{c}_{s}" for c in _PASSAGE_COLUMNS for s in "ab"] + ["similarity", "similarity_est"]
    pairs = dd.concat([cross[keep], same[keep]])
    meta = _oriented(pairs._meta)
    oriented = pairs.map_partitions(_oriented, meta=meta)
    write_partitions(oriented[REUSE_COLUMNS], target, client)
    return target
