"""Scale out: the per-article measures over millions of articles with Dask.

:func:`analyze_parquet` reads Parquet or JSON Lines shards, runs the chosen
per-article steps partition by partition on a Dask cluster and writes
partitioned Parquet with the same tables (and dtypes) the single-machine
functions return. Each partition is a small :class:`~framing.Corpus` handed to
those very functions (:func:`~framing.slogans.slogan_matches`,
:func:`~framing.frames.frame_scores`, :func:`~framing.sentiment.sentiment_scores`,
...), so the results are the same by construction; ``doc_id`` values are the
ones :func:`~framing.read_corpus` gives the same files. Nothing collects the
corpus to the driver: workers read their own slice of a shard and write their
own part files, and the driver only sees counts.

Steps
-----
``clean``
    Each row is a raw record (a scraped page or a JSONL export line): it is
    cleaned as :func:`~framing.read_corpus` cleans a record of a ``.jsonl`` file
    and written as ``articles``, ``removed``, ``problems`` and ``line_map``.
    Without ``clean`` each row is an already clean article
    (:meth:`~framing.Corpus.from_frame`).
``slogans``
    ``slogan_matches``, then ``slogan_rates`` for the whole corpus from
    per-document counts and words (:func:`scaled_slogan_rates`).
``frames``
    ``frames`` (dictionary method, one table for the chosen schemes).
``sentiment``
    ``sentiment`` (VADER, sentence level by default) and ``actor_mentions``.
``minhash``
    ``passages`` (sentences of five words or more) and ``minhash`` (their
    datasketch MinHash signatures and shingle hashes, made with
    :mod:`framing.reuse`'s shingling and parameters), then ``reuse_pairs``
    from LSH banding joined across partitions (:func:`scaled_reuse_pairs`):
    the pairs :func:`framing.reuse.reuse_pairs` finds.
``terms``
    ``term_counts``: :func:`framing.keyness.term_counts` per partition,
    summed with a Dask groupby (:func:`summed_term_counts`), and
    ``distinctive_terms`` from the summed counts
    (:func:`scaled_distinctive_terms`).

Whole-corpus tables (slogan rates, term counts, distinctive terms, reuse
pairs) are computed from the written tables after the per-partition pass;
the ``scaled_*`` functions recompute them with other settings without
touching the texts again.

Clusters
--------
``client=None`` starts a :class:`distributed.LocalCluster` with one
single-threaded worker process per core (the measures are pure Python, so
processes, not threads, run them in parallel). An address string or a
:class:`distributed.Client` uses a running cluster, for example one started on
a Slurm cluster with the optional ``dask-jobqueue`` package (not a framing
dependency)::

    from dask_jobqueue import SLURMCluster
    from distributed import Client
    from framing.scale import analyze_parquet

    cluster = SLURMCluster(cores=16, processes=16, memory="32GB", walltime="02:00:00",
                           queue="normal", account="my-project",
                           job_script_prologue=["source ~/framing/.venv/bin/activate",
                                                "export FRAMING_CACHE=$HOME/.cache/framing"])
    cluster.scale(jobs=4)                    # 4 nodes x 16 single-threaded workers
    client = Client(cluster)
    result = analyze_parquet("/scratch/news/*.parquet", "/scratch/news-framing", client=client)

Layout
------
:mod:`~framing.scale.plan` (settings, input slices), :mod:`~framing.scale.clean`
(``read_corpus`` per slice), :mod:`~framing.scale.measures` (the per-article
steps of a partition), :mod:`~framing.scale.rates`, :mod:`~framing.scale.terms`
and :mod:`~framing.scale.pairs` (the whole-corpus tables),
:mod:`~framing.scale.parts` (part files), :mod:`~framing.scale.driver`
(:func:`analyze_parquet`).

Examples
--------
>>> from framing.scale import analyze_parquet, read_result  # doctest: +SKIP
>>> result = analyze_parquet("shards/*.parquet", "out", steps=["slogans", "frames"], workers=2)  # doctest: +SKIP
>>> read_result("out", "slogan_rates").head()  # doctest: +SKIP
"""

from .driver import ScaleResult, analyze_parquet
from .measures import passage_minhash
from .pairs import REUSE_COLUMNS, scaled_reuse_pairs
from .parts import pq_rows, read_result
from .plan import DEFAULT_STEPS, PART_TABLES, RECORD_SUFFIXES, STEPS, WHOLE_TABLES, ReuseParams
from .rates import poisson_weights, scaled_slogan_rates
from .terms import scaled_distinctive_terms, summed_term_counts

__all__ = [
    "DEFAULT_STEPS", "PART_TABLES", "RECORD_SUFFIXES", "REUSE_COLUMNS", "STEPS", "ReuseParams", "ScaleResult",
    "analyze_parquet", "passage_minhash", "poisson_weights", "pq_rows", "read_result", "scaled_distinctive_terms",
    "scaled_reuse_pairs", "scaled_slogan_rates", "summed_term_counts", "WHOLE_TABLES",
]
