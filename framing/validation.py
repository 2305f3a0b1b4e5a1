"""Readers for the labelled validation sets in ``../shared/validation`` (read in place, never copied).

Examples
--------
>>> texts, labels, ids = load_semeval_frames("../shared/validation/semeval2023_task3_en")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path


def load_semeval_frames(folder: str | Path) -> tuple[list[str], list[list[str]], list[str]]:
    """SemEval-2023 Task 3 (English) articles and their frame labels.

    Returns ``(texts, labels, ids)``: the article texts (title on line 1), the
    list of frame labels of each, and the article ids; articles without a
    label line are left out.
    """
    folder = Path(folder)
    labels: dict[str, list[str]] = {}
    for line in (folder / "train-labels-frames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            labels[parts[0].strip()] = [x for x in parts[1].strip().split(",") if x]
    texts, out_labels, ids = [], [], []
    for art_id in sorted(labels):
        path = folder / "train-articles" / f"article{art_id}.txt"
        if path.exists():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
            out_labels.append(labels[art_id])
            ids.append(art_id)
    return texts, out_labels, ids
