"""The notebooks: committed without outputs, free of third-party text, and each runs without a cell error.

Each notebook is executed in a fresh kernel with papermill (which raises on the first failing cell), in a
temporary working folder; the case study runs on the real pages of ../shared.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_case_study_china_central_asia.ipynb", "03_media_literacy_lesson.ipynb",
         "04_reproducible_paper.ipynb"]


def _execute(name: str, tmp_path: Path, **parameters):
    import papermill as pm

    # the kernel runs in tmp_path: a relative cache path would give it an empty cache (and recompile numba)
    os.environ["FRAMING_CACHE"] = str(Path(os.environ.get("FRAMING_CACHE", ROOT / ".cache" / "test")).resolve())
    out = tmp_path / name
    pm.execute_notebook(str(NOTEBOOKS / name), str(out), parameters=parameters, cwd=str(tmp_path),
                        progress_bar=False, log_output=False)
    return nbformat.read(out, as_version=4)


def _text_outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append(o["text"])
            elif "data" in o:
                parts.append(o["data"].get("text/plain", "") + o["data"].get("text/markdown", ""))
    return "\n".join(parts)


def test_the_four_notebooks_are_committed_without_outputs():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code, name
        for cell in code:
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: a cell has outputs"


def test_parameters_cells_and_collapsed_answers():
    for name in NAMES[1:]:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
    case = nbformat.read(NOTEBOOKS / NAMES[1], as_version=4)
    params = next(c for c in case.cells if "parameters" in c.metadata.get("tags", [])).source
    for name in ("corpus_path", "by", "dedupe"):
        assert re.search(rf"^{name} = ", params, re.M), name
    lesson = nbformat.read(NOTEBOOKS / NAMES[2], as_version=4)
    answers = [c for c in lesson.cells if "answer" in c.metadata.get("tags", [])]
    assert len(answers) >= 2
    assert all(c.metadata["jupyter"]["source_hidden"] and c.metadata["jupyter"]["outputs_hidden"] for c in answers)


def test_no_third_party_text_in_the_notebooks(shared_corpus):
    # sentences of the real pages are read at run time; none may be written into a notebook
    sources = "\n".join(c.source for name in NAMES for c in nbformat.read(NOTEBOOKS / name, as_version=4).cells)
    squash = " ".join(sources.split())
    sentences = [" ".join(s.split()) for s in shared_corpus.sentences["text"] if len(s.split()) >= 8]
    assert len(sentences) > 100
    copied = [s for s in sentences if s in squash]
    assert not copied, copied[:3]


@pytest.mark.slow
def test_quickstart_runs(tmp_path):
    nb = _execute(NAMES[0], tmp_path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 10
    assert all(c.execution_count for c in code)
    images = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
    assert images >= 4
    # issue 14: the quick start ended on stop words ("not, be, is" vs "said, from, i") listed as distinctive
    text = _text_outputs(nb)
    assert "Distinctive terms: no term passes the test for any group" in text
    last = code[-1].outputs[-1]["data"]["text/plain"]
    assert not re.search(r"\b(?:not|be|is|said|from|i)\b", last.split("\n", 1)[-1])


@pytest.mark.slow
def test_case_study_runs_on_the_shared_corpus(tmp_path):
    corpus = shared_path("corpus", "china_central_asia")
    nb = _execute(NAMES[1], tmp_path, corpus_path=str(corpus))
    text = _text_outputs(nb)
    assert "12 articles and 1 comments" in text
    assert text.count("Reading:") >= 8  # a plain-language reading after each measure
    assert "too few to generalise" in text
    # issue 14: "higher" only where 95% intervals separate; the shared corpus' groups are too small for any
    assert "no clear difference" in text and "use the lexicon's slogans most" not in text
    assert "intervals apart" not in text and "mostly '" not in text
    assert "Distinctive terms: no term passes the test" in text or "Every group has terms that pass" in text


@pytest.mark.slow
def test_lesson_runs(tmp_path):
    nb = _execute(NAMES[2], tmp_path)
    text = _text_outputs(nb)
    assert "We compare 01_state_media_multi#1 (state_media) with 05_independent_analysis#1" in text
    assert "Stories written by Xinhua appear on these pages" in text


@pytest.mark.slow
def test_paper_exports_figures_tables_and_manifest(tmp_path):
    nb = _execute(NAMES[3], tmp_path, out_dir="paper")
    out = tmp_path / "paper"
    for stem in ("figure1_slogans", "figure2_frames", "figure3_actor_sentiment"):
        assert (out / f"{stem}.png").read_bytes()[:4] == b"\x89PNG"
        assert "<svg" in (out / f"{stem}.svg").read_text(encoding="utf-8")
    for stem in ("table1_corpus", "table2_slogan_rates", "table3_frame_profile", "table4_actor_sentiment",
                 "table5_distinctive_terms"):
        assert (out / f"{stem}.csv").stat().st_size > 0
        tex = (out / f"{stem}.tex").read_text(encoding="utf-8")
        # table 5 lists only terms that pass the test: on the sample, none
        assert tex.startswith("\\begin{table}") and ("state\\_media" in tex or stem.startswith("table5"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["offline"] is True and manifest["random_seeds"]["bootstrap"] == 0
    # issue 14: the generated paragraph named a "highest" group on 1-4 documents; now only separated intervals
    text = _text_outputs(nb)
    assert "was highest in" not in text and "lowest in" not in text
    assert "own-voice slogan use showed no clear difference between groups" in text  # every sample group is small
    assert "No term was distinctive of any group" in text
    table2 = (out / "table2_slogan_rates.tex").read_text(encoding="utf-8")
    assert "per 1,000 words" in table2 and "fewer than 5 documents or 2,000 words" in table2
