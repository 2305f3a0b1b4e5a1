"""What a topic fit needs from its libraries: numba's compiled-code cache for UMAP, bertopic without torch.

:func:`enable_numba_cache` gives UMAP's and pynndescent's numba functions a file
cache in the framing cache folder, so that only the first fit on a machine
compiles them; :func:`import_bertopic` imports BERTopic without the torch stack
for ``static`` and ``tfidf`` embeddings; :func:`quiet_libraries` silences the
libraries' warnings and progress bars during a fit. :func:`framing.topics.fit_topics`
uses all three.

Examples
--------
>>> from framing.topic_runtime import numba_cache_folder
>>> numba_cache_folder().name  # doctest: +SKIP
'numba'
"""

from __future__ import annotations

import importlib.abc
import inspect
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from .sentiment import cache_dir

__all__ = ["numba_cache_folder", "jit_cache_is_warm", "enable_numba_cache", "import_bertopic", "quiet_libraries"]


# the modules of umap-learn and pynndescent whose numba functions a fit compiles (not umap.plot,
# umap.parametric_umap, umap.aligned_umap: optional extras that warn on import)
_JIT_MODULES = ("umap.distances", "umap.layouts", "umap.sparse", "umap.spectral", "umap.umap_", "umap.utils",
                "pynndescent.distances", "pynndescent.graph_utils", "pynndescent.pynndescent_",
                "pynndescent.rp_trees", "pynndescent.sparse", "pynndescent.sparse_nndescent", "pynndescent.utils")


_JIT_PACKAGES = ("umap", "pynndescent")


@contextmanager
def _njit_cached_for_umap():
    """While umap and pynndescent are imported, their ``numba.njit`` functions declared without
    ``cache=`` get numba's file cache.

    ``umap.utils.tau_rand_int`` and ``tau_rand`` are declared with a signature, so
    numba compiles them when ``umap.utils`` is imported, before
    :func:`enable_numba_cache` can reach their dispatchers: 0.3-0.5 s in every
    process. Functions of other packages are decorated as they ask; the original
    ``numba.njit`` is back when the block ends.
    """
    import numba

    original = numba.njit

    def ours(func) -> bool:
        return str(getattr(func, "__module__", "")).partition(".")[0] in _JIT_PACKAGES

    def njit(*args, **kwargs):
        if "cache" in kwargs:
            return original(*args, **kwargs)
        if args and inspect.isfunction(args[0]):  # @numba.njit without arguments
            return original(*args, cache=ours(args[0]), **kwargs)

        def decorate(func):
            return original(*args, cache=True, **kwargs)(func) if ours(func) else original(*args, **kwargs)(func)

        return decorate

    numba.njit = njit
    try:
        yield
    finally:
        numba.njit = original


def numba_cache_folder() -> Path:
    """The folder of numba's compiled-code cache: ``$NUMBA_CACHE_DIR``, else framing's cache folder."""
    return Path(os.environ.get("NUMBA_CACHE_DIR") or cache_dir() / "numba")


def jit_cache_is_warm() -> bool:
    """Whether UMAP's compiled functions are in the numba cache (else the next fit compiles them, 1-2 minutes)."""
    return any(numba_cache_folder().glob("umap_*/umap_.*.nbi")) and any(
        numba_cache_folder().glob("pynndescent_*/*.nbi"))


def enable_numba_cache() -> None:
    """Compile UMAP's and pynndescent's numba functions once per machine, not once per process.

    Many of them are declared without ``cache=True`` (``umap.utils.fast_knn_indices``,
    ``smooth_knn_dist``, the layout epochs ...), so a fresh process compiled them
    again on its first fit: about 20 s on 2 cores, whatever the cache folder. Each
    such dispatcher gets numba's file cache here, in the framing cache folder
    (``numba.config.CACHE_DIR`` is read when numba is imported, so it is set on the
    module as well as in the environment). Where umap is not imported yet, it is
    imported here with :func:`_njit_cached_for_umap`, so that the functions numba
    compiles at import are cached too.
    """
    import importlib

    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_dir() / "numba"))
    import numba
    from numba.core.caching import NullCache
    from numba.core.dispatcher import Dispatcher

    if not numba.config.CACHE_DIR:
        numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]
    if "umap" not in sys.modules:
        with _njit_cached_for_umap():
            try:
                importlib.import_module("umap")
            except ImportError:  # pragma: no cover - a declared dependency; fit_topics says what to install
                pass
    for name in _JIT_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module a later release renamed: its functions compile as before
            continue
        for value in vars(module).values():
            if isinstance(value, Dispatcher) and isinstance(value._cache, NullCache):
                value.enable_caching()


# bertopic.backend imports its optional backends under try/except ModuleNotFoundError, and its multimodal
# one imports sentence-transformers, hence transformers and torch: 3-5 s of a bare ``import bertopic`` that
# a static or TF-IDF fit never uses
_TORCH_STACK = ("sentence_transformers", "transformers", "torch")


class _LeaveOut(importlib.abc.MetaPathFinder):
    """A finder that says the given top-level packages (and their modules) are not installed."""

    def __init__(self, names):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r} (left out while bertopic loads)",
                                      name=fullname)
        return None


def import_bertopic(embedding: str):
    """``bertopic.BERTopic``; for ``static`` and ``tfidf`` embeddings without importing the torch stack.

    Those of sentence-transformers, transformers and torch that are not imported
    yet are left out while bertopic loads (its multimodal backend then reads as
    not installed, which framing never uses; its other figures and methods import
    sentence-transformers when called). A later ``minilm`` fit in the same process
    imports them as usual.
    """
    absent = [m for m in _TORCH_STACK if m not in sys.modules]
    if "bertopic" in sys.modules or embedding == "minilm" or not absent:
        from bertopic import BERTopic

        return BERTopic
    finder = _LeaveOut(absent)
    sys.meta_path.insert(0, finder)
    try:
        from bertopic import BERTopic
    finally:
        sys.meta_path.remove(finder)
    _restore_left_out()
    return BERTopic


class _Deferred:
    """Stands for a module that is imported when one of its attributes is first read."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr):
        import importlib

        return getattr(importlib.import_module(self._name), attr)


def _restore_left_out() -> None:
    """Give bertopic back what it set aside while the torch stack was left out, loaded on first use.

    ``bertopic.backend.MultiModalBackend`` (a stand-in saying "not installed") and
    ``bertopic._save_utils``' torch (``_has_torch`` false: no ``pytorch``
    serialization) are made to import the real thing when first used.
    """
    from importlib.util import find_spec

    backend = sys.modules.get("bertopic.backend")
    stand_in = vars(backend).get("MultiModalBackend") if backend is not None else None
    if stand_in is not None and type(stand_in).__name__ == "NotInstalled" and find_spec("sentence_transformers"):
        del backend.MultiModalBackend

        def __getattr__(name):
            if name == "MultiModalBackend":
                from bertopic.backend._multimodal import MultiModalBackend

                backend.MultiModalBackend = MultiModalBackend
                return MultiModalBackend
            raise AttributeError(f"module 'bertopic.backend' has no attribute {name!r}")

        backend.__getattr__ = __getattr__
    save_utils = sys.modules.get("bertopic._save_utils")
    if save_utils is not None and not getattr(save_utils, "_has_torch", True) and find_spec("torch"):
        save_utils.torch = _Deferred("torch")
        save_utils._has_torch = True


@contextmanager
def quiet_libraries(embedding: str | None = None):
    """Silence the warnings, log lines and progress bars of the libraries a topic fit runs.

    BERTopic logs "Using a custom list of topic assignments ..." on every
    ``update_topics``; tqdm warns "IProgress not found" when first imported in
    Jupyter; transformers draws a "Loading weights" bar when MiniLM loads; UMAP
    and numba issue deprecation notices. None of it tells a reader anything:
    a fit that fails raises. Warnings issued by framing's own modules still show.
    """
    import logging
    import warnings

    bertopic_log = logging.getLogger("BERTopic")
    was_disabled = bertopic_log.disabled
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.filterwarnings("default", module=r"framing(\.|$)")
        hf_logging = None
        if embedding == "minilm" or "transformers" in sys.modules:
            try:  # importing transformers imports tqdm.auto, which warns in Jupyter: inside the filter
                from transformers.utils import logging as hf_logging
            except Exception:  # noqa: BLE001 - no transformers (tfidf installs): no bar to hide
                hf_logging = None
        bars = hf_logging.is_progress_bar_enabled() if hf_logging is not None else False
        bertopic_log.disabled = True
        if bars:
            hf_logging.disable_progress_bar()
        try:
            yield
        finally:
            bertopic_log.disabled = was_disabled
            if bars:
                hf_logging.enable_progress_bar()
