"""The near-duplicate kernel: words, shingles, MinHash signatures, LSH bands, Jaccard, member pairs.

Every passage comparison of the package is made of these functions:
:func:`framing.reuse.reuse_pairs` on one machine and :mod:`framing.scale`'s
partitioned passes over a cluster call the same ones, so both see the same
shingles, signatures, band keys and similarities.

Examples
--------
>>> words = passage_words("The dry port now handles trains around the clock.")
>>> hashes, offsets = shingle_hashes(word_hashes(words), [len(words)], 3)
>>> len(hashes), offsets.tolist()
(7, [0, 7])
"""

from __future__ import annotations

import unicodedata

import numpy as np

from ..text import WORD_RE

__all__ = ["FNV_OFFSET", "FNV_PRIME", "passage_words", "word_hashes", "shingle_hashes", "hashes_32",
           "minhash_signatures", "pairs_in_runs", "band_keys", "band_candidates", "lsh_params", "jaccard",
           "estimated_jaccard", "member_pairs"]

FNV_OFFSET = np.uint64(0xCBF29CE484222325)
FNV_PRIME = np.uint64(0x100000001B3)


def passage_words(text: str) -> list[str]:
    """Case-folded words; curly apostrophes are straight ones (str.replace: translate is 10x slower)."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
                           .casefold())


def word_hashes(words) -> np.ndarray:
    """datasketch's 64-bit SHA-1 hash of each word (UTF-8), as uint64."""
    from datasketch.hashfunc import sha1_hash64

    return np.array([sha1_hash64(w.encode("utf-8")) for w in words], dtype=np.uint64)


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finalizer: datasketch's "affine32" scheme pre-mixes every input hash with it
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _window_hashes(flat: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every run of ``k`` consecutive word hashes (FNV-1a over word hashes)."""
    n = len(flat)
    padded = np.concatenate([flat, np.zeros(k - 1, dtype=np.uint64)])
    h = np.full(n, FNV_OFFSET)
    for j in range(k):
        h = (h ^ padded[j:j + n]) * FNV_PRIME
    return h ^ (h >> np.uint64(29))


def shingle_hashes(flat: np.ndarray, lengths, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Word ``k``-shingle hashes of passages given as one flat array of word hashes and their lengths.

    Returns the shingle hashes, flat, and the offsets of each passage's segment.
    A passage of fewer than ``k`` words is one shingle of all its words.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    n_sh = np.maximum(lengths - k + 1, 1)
    offsets = np.concatenate([[0], np.cumsum(n_sh)])
    # start position of every shingle in the flat word array
    pos = np.repeat(starts, n_sh) + (np.arange(offsets[-1]) - np.repeat(offsets[:-1], n_sh))
    hashes = _window_hashes(flat, k)[pos]
    for q in np.flatnonzero(lengths < k):  # the window ran into the next passage: hash its own words only
        own = flat[starts[q]:starts[q] + lengths[q]]
        hashes[offsets[q]] = _window_hashes(own, len(own))[0]
    return hashes, offsets


def hashes_32(h64: np.ndarray) -> np.ndarray:
    """64-bit hashes folded to the 32 bits a MinHash permutation takes (high half XOR low half)."""
    return ((h64 >> np.uint64(32)) ^ (h64 & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def minhash_signatures(hashes: np.ndarray, offsets: np.ndarray, *, num_perm: int = 128,
                       seed: int = 1) -> np.ndarray:
    """datasketch MinHash signatures of many sets at once.

    Set ``i`` holds the 32-bit values ``hashes[offsets[i]:offsets[i+1]]``. Row
    ``i`` of the result equals the ``hashvalues`` of
    ``datasketch.MinHash(num_perm, seed, hashfunc=int)`` after
    ``update_batch`` with that set (the "affine32" scheme, the same seeded
    permutations). It is computed in NumPy chunks because one ``update_batch``
    call per passage costs tens of microseconds of Python overhead, which is
    most of the time on 300,000 sentences.

    Returns
    -------
    ndarray of uint32, shape (n_sets, num_perm)
        (column-major: each permutation's values are contiguous)

    Examples
    --------
    >>> from datasketch import MinHash
    >>> m = MinHash(num_perm=16, seed=3, hashfunc=int)
    >>> m.update_batch([5, 9, 12])
    >>> sig = minhash_signatures(np.array([5, 9, 12], dtype=np.uint32), np.array([0, 3]), num_perm=16, seed=3)
    >>> bool((sig[0] == m.hashvalues).all())
    True
    """
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    offsets = np.asarray(offsets, dtype=np.int64)
    if np.any(np.diff(offsets) <= 0):
        raise ValueError("every set needs at least one hash value")
    hv = _fmix32(np.asarray(hashes[offsets[0]:offsets[-1]], dtype=np.uint32))
    starts = offsets[:-1] - offsets[0]
    # one permutation at a time over all sets: the working array stays in cache, 7x faster than (n, num_perm)
    out = np.empty((num_perm, len(starts)), dtype=np.uint32)
    work = np.empty_like(hv)
    if len(starts):
        for k in range(num_perm):
            np.multiply(hv, a[k], out=work)
            work += b[k]
            out[k] = np.minimum.reduceat(work, starts)
    return out.T


def pairs_in_runs(keys: np.ndarray, max_run: int | None = None) -> np.ndarray:
    """All pairs ``(i, j)``, ``i < j``, of positions with equal ``keys``, as an (n, 2) array.

    A run of more than ``max_run`` equal keys gives only the pairs of its first
    position (the smallest) with each other one.

    Examples
    --------
    >>> pairs_in_runs(np.array([7, 3, 7, 7])).tolist()
    [[0, 2], [0, 3], [2, 3]]
    >>> pairs_in_runs(np.array([7, 3, 7, 7]), max_run=2).tolist()
    [[0, 2], [0, 3]]
    """
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    lengths = np.diff(np.r_[starts, len(sk)])
    capped = lengths > max_run if max_run is not None else np.zeros(len(lengths), dtype=bool)
    out = []
    for length in np.unique(lengths[(lengths >= 2) & ~capped]):
        first = starts[(lengths == length) & ~capped]
        iu, ju = np.triu_indices(int(length), 1)
        out.append(np.stack([order[(first[:, None] + iu).ravel()], order[(first[:, None] + ju).ravel()]], axis=1))
    if capped.any():
        n_rest = lengths[capped] - 1
        first = np.repeat(starts[capped], n_rest)
        rest = first + 1 + np.arange(n_rest.sum()) - np.repeat(np.cumsum(n_rest) - n_rest, n_rest)
        out.append(np.stack([order[first], order[rest]], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    return np.sort(pairs, axis=1)


def band_keys(signatures: np.ndarray, b: int, r: int) -> np.ndarray:
    """A 64-bit key of each row's ``r`` values in each of ``b`` bands: equal bands, equal keys.

    Returns
    -------
    ndarray of uint64, shape (n, b)
        FNV-1a over band ``i``'s values ``signatures[:, i*r:(i+1)*r]``. A
        collision only adds a candidate, which the exact Jaccard then rejects,
        so sorting keys finds every pair ``MinHashLSH``'s dict of bands finds.
    """
    n = len(signatures)
    keys = np.empty((n, b), dtype=np.uint64)
    for i in range(b):
        key = np.full(n, FNV_OFFSET)
        for j in range(i * r, (i + 1) * r):
            key = (key ^ signatures[:, j].astype(np.uint64)) * FNV_PRIME
        keys[:, i] = key
    return keys


def band_candidates(signatures: np.ndarray, b: int, r: int, max_bucket: int | None = None) -> np.ndarray:
    """Pairs of rows that agree on all ``r`` values of at least one of ``b`` bands.

    The candidate pairs of a ``datasketch.MinHashLSH`` with ``params=(b, r)``
    holding these signatures (its ``query`` of every row; a test checks they
    are the same), found by sorting each band's keys (:func:`band_keys`)
    instead of one Python dict operation per row and band, which dominates at
    a few hundred thousand sentences.

    Parameters
    ----------
    signatures : ndarray, shape (n, b * r)
    b, r : int
        Bands and rows per band (:func:`lsh_params`).
    max_bucket : int, optional
        A bucket (rows agreeing on one band) of more than this many rows gives
        only the pairs of its first row with each other one, not all of its
        pairs: a passage printed in hundreds of lightly different versions
        would otherwise give a number of candidates quadratic in its versions.
        None (default): all pairs, as ``MinHashLSH``.

    Returns
    -------
    ndarray of int64, shape (n_pairs, 2)
        Unique pairs ``(i, j)`` with ``i < j``, sorted.

    Examples
    --------
    >>> sig = np.array([[1, 2], [1, 2], [1, 2], [5, 6]], dtype=np.uint32)
    >>> band_candidates(sig, 1, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    >>> band_candidates(sig, 1, 2, max_bucket=2).tolist()
    [[0, 1], [0, 2]]
    """
    n = len(signatures)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    keys = band_keys(signatures, b, r)
    codes = []
    for i in range(b):
        pairs = pairs_in_runs(keys[:, i], max_bucket)
        codes.append(pairs[:, 0] * n + pairs[:, 1])
    code = np.unique(np.concatenate(codes))
    return np.stack([code // n, code % n], axis=1)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for a threshold: datasketch's choice, weighted towards recall.

    Every candidate is verified with the exact Jaccard similarity, so a false
    positive costs a set comparison while a false negative is a lost pair:
    false negatives weigh 0.9, false positives 0.1 (``MinHashLSH(weights=...)``).
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
    return lsh.b, lsh.r


def jaccard(a: set, b: set) -> float:
    """Exact Jaccard similarity of two shingle sets.

    Examples
    --------
    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def estimated_jaccard(signature_a: np.ndarray, signature_b: np.ndarray) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of equal signature values."""
    return float((signature_a == signature_b).mean())


def member_pairs(members_g: list[int], members_h: list[int] | None = None, *, first_g: bool = False,
                 first_h: bool = False) -> list[tuple[int, int]]:
    """Passage pairs of two groups of identical passages, or within one (``members_h`` None).

    Every pair, or, for a group flagged ``first_*`` (a large cluster, see
    :func:`framing.reuse.reuse_pairs`'s ``max_group``), only those through its
    first passage. Members are passage numbers in corpus order; each pair is
    ``(smaller, larger)``.

    Examples
    --------
    >>> member_pairs([0, 4, 6]), member_pairs([0, 4, 6], first_g=True)
    ([(0, 4), (0, 6), (4, 6)], [(0, 4), (0, 6)])
    >>> member_pairs([0, 4], [2, 5], first_h=True)
    [(0, 2), (2, 4)]
    """
    if members_h is None:
        if first_g:
            return [(members_g[0], j) for j in members_g[1:]]
        return [(i, j) for k, i in enumerate(members_g) for j in members_g[k + 1:]]
    mg = members_g[:1] if first_g else members_g
    mh = members_h[:1] if first_h else members_h
    return [(min(i, j), max(i, j)) for i in mg for j in mh]
