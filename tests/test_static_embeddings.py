"""Static embeddings distilled from MiniLM: shape, determinism, the on-disk model and vector caches, topics."""

from __future__ import annotations

import json

import numpy as np
import pytest

from framing import embeddings
from framing.embeddings import cache_path, embed, load_static, static_model_dir
from framing.sentiment import cache_dir
from framing.topics import fit_topics

# our own sentences: two pairs on one subject each, and one on an unrelated subject
RAIL_A = "Freight trains from Xi'an reached the Kazakh border crossing in record time this spring."
RAIL_B = "Cargo trains on the railway to Kazakhstan cleared the border faster than ever before."
GAS_A = "The new gas pipeline will carry more natural gas from Turkmenistan to China next year."
GAS_B = "Turkmen natural gas exports to China will grow when the pipeline's fourth line opens."
SPORT = "The home side scored twice in extra time to win the football cup final."


@pytest.fixture(scope="session")
def static_model():
    # distilled once into the test cache folder ($FRAMING_CACHE), then reused by every later session
    return load_static()


def test_static_vectors_have_the_documented_shape_and_are_deterministic(static_model):
    texts = [RAIL_A, GAS_A, SPORT, ""]
    a = embed(texts, model="static", cache=False)
    b = embed(texts, model="static", cache=False)
    assert a.shape == (4, 256) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a[:3], axis=1), 1.0, atol=1e-5)
    assert not a[3].any()  # no tokens, no direction


def test_plain_model2vec_loads_the_distilled_model(static_model):
    from model2vec import StaticModel

    plain = StaticModel.from_pretrained(static_model_dir())
    assert plain.dim == 256 and len(plain.tokens) == 30522
    assert np.allclose(plain.encode([RAIL_A, SPORT]), embed([RAIL_A, SPORT], model="static", cache=False), atol=1e-6)


def test_similar_paragraphs_are_closer_than_unrelated_ones(static_model):
    v = dict(zip(["rail_a", "rail_b", "gas_a", "gas_b", "sport"],
                 embed([RAIL_A, RAIL_B, GAS_A, GAS_B, SPORT], model="static", cache=False)))
    cos = lambda x, y: float(v[x] @ v[y])  # noqa: E731 - rows are unit length
    assert cos("rail_a", "rail_b") > max(cos("rail_a", "gas_a"), cos("rail_a", "sport"))
    assert cos("gas_a", "gas_b") > max(cos("gas_a", "rail_b"), cos("gas_a", "sport"))


def test_model_is_kept_in_the_framing_cache_and_not_distilled_again(static_model, monkeypatch):
    folder = static_model_dir()
    assert folder.parent.parent == cache_dir()
    weights = folder / "model.safetensors"
    before = weights.stat().st_mtime_ns
    record = json.loads((folder / "framing_static.json").read_text(encoding="utf-8"))
    assert record["key"] == folder.name and record["pca_dims"] == 256

    def fail(*args, **kwargs):
        raise AssertionError("distilled again although the model is in the cache")

    monkeypatch.setattr(embeddings, "distil_static", fail)
    embeddings._read_static.cache_clear()
    again = load_static()
    assert weights.stat().st_mtime_ns == before
    assert np.array_equal(again.embedding, static_model.embedding)


def test_a_different_source_model_is_distilled_into_a_new_folder(static_model, monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    monkeypatch.setattr(embeddings, "_static_key", lambda *args: "feedfacefeedface")
    calls = []

    def distil(*args, **kwargs):
        calls.append(args)
        return static_model

    monkeypatch.setattr(embeddings, "distil_static", distil)
    embeddings._read_static.cache_clear()
    load_static()
    load_static()
    embeddings._read_static.cache_clear()
    load_static()
    assert len(calls) == 1
    assert static_model_dir() == tmp_path / "static" / "minilm-feedfacefeedface"
    assert (static_model_dir() / "model.safetensors").exists()
    # vectors cached for one distillation are never read for another
    assert "feedfacefeedface" in cache_path("static").name
    embeddings._read_static.cache_clear()


def test_static_vectors_are_cached_by_text(static_model, monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    monkeypatch.setattr(embeddings, "load_static", lambda *args: static_model)  # the model, from the usual cache
    first = embed([RAIL_A, GAS_A], model="static")
    assert cache_path("static").exists()

    def fail(*args, **kwargs):
        raise AssertionError("encoded again although the vectors are cached")

    monkeypatch.setattr(embeddings, "_encode", fail)
    assert np.array_equal(embed([GAS_A, RAIL_A], model="static"), first[::-1])


def test_static_topics_on_the_shared_corpus_are_reproducible(static_model, shared_corpus):
    first = fit_topics(shared_corpus, embedding="static", random_state=0)
    again = fit_topics(shared_corpus, embedding="static", random_state=0)
    assert first.params["embedding"] == "static"
    assert (first.topic_info["topic"] >= 0).sum() >= 4
    assert np.array_equal(first.assignments["topic"].to_numpy(), again.assignments["topic"].to_numpy())
    assert first.topic_info.equals(again.topic_info)
    assert np.allclose(first.assignments["probability"], again.assignments["probability"])
