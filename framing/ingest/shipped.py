"""What the two models framing ships (the line model, the headline model) share: the check of the
rows they score, and their files (gzip that gives the same bytes for the same model; the
error that says how to rebuild a missing or outdated one).

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_gzip(folder / "trees.txt.gz", "tree 1")
>>> model_file(folder, "trees.txt.gz", "line", "build_line_model.py")
b'tree 1'
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
from sklearn.utils.validation import check_array, check_is_fitted

__all__ = ["fitted_rows", "write_gzip", "model_file", "check_model_features"]


def fitted_rows(estimator, X) -> np.ndarray:
    """``X`` as a float64 array, once ``estimator`` (with a LightGBM ``booster_``) is fitted and if
    ``X`` has the number of columns it was fitted on (sklearn's message otherwise).

    Examples
    --------
    >>> from framing.ingest.linemodel import LineClassifier
    >>> clf = LineClassifier(n_estimators=2, min_child_samples=1).fit([[0.0], [1.0]] * 4, [0, 1] * 4)
    >>> fitted_rows(clf, [[0.5, 1.0]])
    Traceback (most recent call last):
    ...
    ValueError: X has 2 features, but LineClassifier is expecting 1 features as input
    """
    check_is_fitted(estimator, "booster_")
    X = check_array(X, dtype=np.float64)
    if X.shape[1] != estimator.n_features_in_:
        raise ValueError(f"X has {X.shape[1]} features, but {type(estimator).__name__} is expecting "
                         f"{estimator.n_features_in_} features as input")
    return X


def write_gzip(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) gzipped at ``path``; mtime=0: the same model gives the same bytes."""
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def model_file(directory: str | Path, name: str, what: str, script: str) -> bytes:
    """The bytes of the file ``name`` of a model folder (decompressed when it ends in ``.gz``).

    Raises
    ------
    FileNotFoundError
        Naming the folder, the missing file and ``benchmarks/<script>``, which builds the ``what`` model.
    """
    d = Path(directory)
    try:
        raw = (d / name).read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{d}: no {what} model here (missing {name}); build one with "
                                f"benchmarks/{script}") from None
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def check_model_features(payload: dict, features: list[str], directory: str | Path, what: str, script: str) -> None:
    """Raise a ValueError unless a model's description (format 1) lists ``features``, the ones this
    version of framing computes, saying that ``benchmarks/<script>`` rebuilds the ``what`` model."""
    if payload.get("format") != 1 or payload.get("features") != list(features):
        raise ValueError(f"{Path(directory)}: the {what} model was built for other features than this version of "
                         f"framing computes; rebuild it with benchmarks/{script}")
