"""A fresh process loads only what its step needs and says what it waits for (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from framing.lexicon import REQUIRED_KEYS, read_lexicon_yaml, compose, safe_load

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_tfidf_topic_fit_imports_no_torch_and_says_what_it_waits_for():
    seen = _run("""
import json, sys
from framing import load_sample_corpus
from framing.topics import fit_topics
said = []
corpus = load_sample_corpus()
fit = fit_topics(corpus, embedding="tfidf", progress=said.append)
heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
# what bertopic set aside while the torch stack was left out comes back on first use
from bertopic.backend import MultiModalBackend
import bertopic._save_utils as save_utils
print(json.dumps({"said": said, "heavy": heavy, "topics": int(fit.topic_info.shape[0]),
                  "backend": MultiModalBackend.__module__, "has_torch": bool(save_utils._has_torch),
                  "torch_now": "torch" in sys.modules}))
""")
    assert seen["heavy"] == []
    assert seen["topics"] > 0
    assert seen["said"][0] in ("loading the topic model (first use in this process)",
                               "compiling UMAP and pynndescent (first run on this machine, 1-2 minutes)")
    assert any(s.startswith("embedding ") for s in seen["said"])
    assert any(s.startswith("clustering ") for s in seen["said"])
    assert seen["backend"] == "bertopic.backend._multimodal" and seen["has_torch"] and seen["torch_now"]


def test_the_fast_yaml_loader_reads_every_packaged_lexicon_as_pyyaml_does():
    files = sorted((ROOT / "lexicons").glob("*.yaml")) + sorted((ROOT / "framing").rglob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert safe_load(text) == yaml.safe_load(text), path.name
        fast, slow = compose(text), yaml.compose(text)
        assert (fast.start_mark.line, fast.end_mark.line) == (slow.start_mark.line, slow.end_mark.line), path.name


def test_a_yaml_error_is_pyyamls_own_and_a_lexicon_is_a_fresh_copy_each_time():
    bad = "families:\n  - id: a\n    phrases: [x\n"
    with pytest.raises(yaml.YAMLError) as ours:
        safe_load(bad)
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.safe_load(bad)
    assert str(ours.value) == str(theirs.value)
    text = "".join(f"{key}: t\n" for key in REQUIRED_KEYS) + "families:\n  - id: a\n    phrases: [x]\n"
    first = read_lexicon_yaml(text, "t.yaml")
    first["families"].append({"id": "changed"})
    assert read_lexicon_yaml(text, "t.yaml")["families"] == [{"id": "a", "phrases": ["x"]}]


def test_framing_warm_compiles_the_topic_model_and_says_where(capsys):
    from framing.cli import main
    from framing.topics import jit_cache_is_warm, numba_cache_folder

    assert main(["warm"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("framing: topic model ") and str(numba_cache_folder()) in said
    assert jit_cache_is_warm()
