"""The per-article steps of one partition: each a small :class:`~framing.Corpus` handed to the measures.

A partition's articles (cleaned here, or read as clean) get their final
``doc_id`` values and go through the very functions a single machine runs
(:func:`~framing.slogans.slogan_matches`, :func:`~framing.frames.frame_scores`,
:func:`~framing.sentiment.sentiment_scores`, ...), plus the passages and
MinHash signatures :func:`~framing.scale.scaled_reuse_pairs` joins across
partitions (:func:`passage_minhash`).
"""

from __future__ import annotations

import hashlib
import os
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import LINE_MAP_COLUMNS, PROBLEM_COLUMNS, REMOVED_COLUMNS, Corpus, typed_frame
from ..reuse.minhash import hashes_32, minhash_signatures, passage_words, shingle_hashes, word_hashes
from ..frames import frame_scores
from ..measures import measures
from ..reuse.pairs import passage_table
from ..sentiment import actor_mentions, sentiment_scores
from ..slogan_lexicon import SloganLexicon, load_slogan_lexicon
from ..slogans import slogan_matches
from .parts import part_name, peak_rss_mb, write_part
from .plan import Options, ReuseParams, Shard, article_frames

__all__ = ["slogan_lexicon_of", "passage_minhash", "analyze_part", "analyze_clean_shard"]

@lru_cache(maxsize=8)
def _slogan_lexicon(lexicon):
    return load_slogan_lexicon(lexicon)


def slogan_lexicon_of(lex):
    """A slogan lexicon as given, or loaded once per worker process from its path(s) (None: the packaged one)."""
    if isinstance(lex, SloganLexicon):
        return lex
    return _slogan_lexicon(tuple(map(str, lex)) if isinstance(lex, (list, tuple)) else lex)


def passage_minhash(corpus, params: ReuseParams = ReuseParams(), *, order_base: int = 0):
    """Passages and their MinHash signatures, made as :func:`framing.reuse.reuse_pairs` makes them.

    Parameters
    ----------
    corpus : Corpus
    params : ReuseParams
    order_base : int
        Added to each passage's row number to give ``order`` (its place in the
        whole corpus when the corpus is one partition of a larger one).

    Returns
    -------
    passages : DataFrame
        One row per passage of at least ``params.min_words`` words: ``doc_id,
        passage`` (``sent_id`` or ``para_id``), ``publisher``, ``group`` (a
        64-bit hash of its case-folded word sequence: passages with the same
        words share it), ``order``.
    groups : DataFrame
        One row per distinct word sequence: ``group, n_words, signature``
        (``num_perm`` uint32 values as bytes, datasketch's ``hashvalues``) and
        ``shingles`` (the sorted 64-bit shingle hashes, for exact Jaccard).

    Examples
    --------
    >>> from framing import Corpus
    >>> c = Corpus.from_frame([{"text": "The dry port now handles trains around the clock."}])
    >>> passages, groups = passage_minhash(c)
    >>> len(passages), len(groups["signature"].iat[0])
    (1, 512)
    """
    table, pid = passage_table(corpus, params.level)
    a = corpus.articles
    publisher = dict(zip(a["doc_id"], a["publisher"].astype(object).where(a["publisher"].notna(), None)))
    rows, words_of = [], {}
    for i, (doc, passage, text) in enumerate(zip(table["doc_id"], table[pid], table["text"])):
        w = passage_words(str(text))
        if len(w) < max(int(params.min_words), 1):
            continue
        key = int.from_bytes(hashlib.blake2b("\x1f".join(w).encode("utf-8"), digest_size=8).digest(), "little",
                             signed=True)
        rows.append((str(doc), int(passage), publisher.get(doc), key, order_base + i))
        words_of.setdefault(key, w)
    passages = pd.DataFrame(rows, columns=["doc_id", "passage", "publisher", "group", "order"]).astype(
        {"passage": "int64", "group": "int64", "order": "int64"})
    keys = list(words_of)
    vocab: dict[str, int] = {}
    flat = [vocab.setdefault(t, len(vocab)) for k in keys for t in words_of[k]]
    lengths = np.array([len(words_of[k]) for k in keys], dtype=np.int64)
    sh, off = shingle_hashes(word_hashes(vocab)[np.asarray(flat, dtype=np.int64)], lengths, int(params.shingle))
    sig = np.ascontiguousarray(minhash_signatures(hashes_32(sh), off, num_perm=params.num_perm, seed=params.seed)) \
        if keys else np.zeros((0, params.num_perm), dtype=np.uint32)
    groups = pd.DataFrame({"group": np.asarray(keys, dtype=np.int64), "n_words": lengths,
                           "signature": pd.Series([row.tobytes() for row in sig], dtype=object),
                           "shingles": pd.Series([np.unique(sh[off[k]:off[k + 1]]).tobytes() for k in range(len(keys))],
                                                 dtype=object)})
    return passages, groups


def _slogan_tables(corpus, opts: Options, order_base: int) -> tuple:
    return (slogan_matches(corpus, slogan_lexicon_of(opts.lexicon)),)


def _frame_tables(corpus, opts: Options, order_base: int) -> tuple:
    return (pd.concat([frame_scores(corpus, scheme=s) for s in opts.frame_schemes], ignore_index=True),)


def _sentiment_tables(corpus, opts: Options, order_base: int) -> tuple:
    scores = sentiment_scores(corpus, level=opts.sentiment_level, lexicon=opts.sentiment_lexicon)
    sentences = scores if opts.sentiment_level == "sentence" else None
    return scores, actor_mentions(corpus, lexicon=opts.sentiment_lexicon, sentences=sentences)


def _minhash_tables(corpus, opts: Options, order_base: int) -> tuple:
    return passage_minhash(corpus, opts.reuse, order_base=order_base)


# each step's partition tables, in the order of its measure's part_tables
_PART_STEPS = {"slogans": _slogan_tables, "frames": _frame_tables, "sentiment": _sentiment_tables,
               "minhash": _minhash_tables}


def _measure(corpus, name: str, root: Path, opts: Options, order_base: int) -> dict:
    """Run the per-article steps on one small corpus and write their tables (each measure's
    ``part_tables`` in :data:`framing.measures.MEASURES`); returns row counts."""
    counts = {}
    for m in measures():
        if m.part_tables and m.scale_step in opts.steps:
            for table, df in zip(m.part_tables, _PART_STEPS[m.scale_step](corpus, opts, order_base), strict=True):
                write_part(df, root / table / name)
                counts[table] = len(df)
    return counts


def _renumber(ids: pd.Series, offset: int) -> pd.Series:
    if offset == 0 or not len(ids):
        return ids
    parts = ids.str.rsplit("#", n=1)
    return (parts.str[0] + "#" + (parts.str[1].astype("int64") + offset).astype(str)).astype(ids.dtype)


def analyze_part(part: dict, out: str, opts: Options) -> dict:
    """Phase 2 of ``clean`` (final doc ids) and the per-article measures of one part."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    root = Path(out)
    name = part["name"]
    articles = pd.read_parquet(root / "_work" / "articles" / name)
    line_map = pd.read_parquet(root / "_work" / "line_map" / name)
    offset = part["offset"]
    articles["doc_id"] = _renumber(articles["doc_id"], offset)
    mapped = line_map["doc_id"].notna()
    line_map.loc[mapped, "doc_id"] = _renumber(line_map.loc[mapped, "doc_id"], offset)
    write_part(articles, root / "articles" / name)
    write_part(line_map, root / "line_map" / name)
    corpus = Corpus(articles, typed_frame([], REMOVED_COLUMNS), typed_frame([], PROBLEM_COLUMNS),
                    typed_frame([], LINE_MAP_COLUMNS))
    counts = {"articles": len(articles), **_measure(corpus, name, root, opts, part["order_base"])}
    return {"name": name, "counts": counts, "cpu_s": time.process_time() - cpu0,
            "wall_s": time.perf_counter() - t0, "pid": os.getpid(), "peak_rss_mb": peak_rss_mb()}


def analyze_clean_shard(shard: Shard, out: str, opts: Options, chunk_rows: int) -> list[dict]:
    """The per-article measures of a slice of already clean articles (no ``clean`` step)."""
    root = Path(out)
    results = []
    for chunk, (df, problems) in enumerate(article_frames(shard, opts, chunk_rows)):
        cpu0, t0 = time.process_time(), time.perf_counter()
        name = part_name(shard, chunk)
        corpus = Corpus.from_frame(df, text=opts.text_column or "text", doc_id="doc_id")
        write_part(corpus.articles, root / "articles" / name)
        write_part(typed_frame([vars(p) for p in problems], PROBLEM_COLUMNS), root / "problems" / name)
        counts = {"articles": len(corpus), **_measure(corpus, name, root, opts,
                                                       (shard.ordinal << 32) + (chunk << 24))}
        results.append({"name": name, "counts": counts, "cpu_s": time.process_time() - cpu0,
                        "wall_s": time.perf_counter() - t0, "pid": os.getpid(), "peak_rss_mb": peak_rss_mb()})
    return results
