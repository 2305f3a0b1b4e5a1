"""Reading frame scores: the dominant frame of each unit (the rule :func:`~framing.frames.frame_scores` applies
too) and each group's mean scores, also against the corpus' own average.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from ..reuse import deduplicated
from ..stats import MIN_DOCS, MIN_WORDS, ci_method_for, document_clusters, document_groups, group_intervals

__all__ = ["DOMINANT_MARGIN", "DOMINANT_MIN_HITS", "dominant_mask", "frame_profile", "dominant_frames"]

DOMINANT_MARGIN = 0.10
DOMINANT_MIN_HITS = 2


def dominant_mask(score: np.ndarray, hits: np.ndarray | None, *, margin: float, min_hits: int):
    """Which frame of each row dominates: ``(mask, top, lead)``.

    ``top`` is each row's highest-scoring frame (the first on a tie) and ``lead`` its score minus
    the runner-up's. A row has a dominant frame when the lead is positive (no tie) and at least
    ``margin``, and (with ``hits``) the top frame has at least ``min_hits`` hits.
    """
    n, k = score.shape
    rows = np.arange(n)
    if n == 0 or k == 0:
        return np.zeros(score.shape, dtype=bool), np.zeros(n, dtype=int), np.zeros(n)
    order = np.argsort(-score, axis=1, kind="stable")
    top = order[:, 0]
    lead = score[rows, top] - (score[rows, order[:, 1]] if k > 1 else 0.0)
    ok = (lead > 0) & (lead >= margin - 1e-12)  # a share lead of 0.5 - 0.4 is 0.0999...
    if hits is not None:
        ok &= hits[rows, top] >= min_hits
    mask = np.zeros(score.shape, dtype=bool)
    mask[rows[ok], top[ok]] = True
    return mask, top, lead


def frame_profile(scores: pd.DataFrame, corpus, by: str = "source_type", *, dedupe: str = "none",
                  relative: bool = False, n_boot: int = 2000, ci: float = 0.95,
                  random_state: int = 0, min_docs: int | None = None, min_words: int | None = None,
                  ci_method: str | None = None) -> pd.DataFrame:
    """Mean frame score per group with bootstrap CIs (article-level scores in).

    ``dedupe="collapse"`` counts a syndicated story once, under its originator
    (:func:`framing.reuse.collapse_syndicated`): the scores of dropped copies are left out.

    With ``relative=True`` each group's mean is also read against the corpus'
    own average: on a corpus all about one subject, every group "mostly" uses
    that subject's frame, and what sets a group apart is how much more or less
    of a frame it uses than the corpus does.

    A group with fewer than ``min_docs`` documents or ``min_words`` words
    (default :data:`framing.stats.MIN_DOCS`, :data:`framing.stats.MIN_WORDS`)
    gets its means without intervals; ``ci_note`` says why. Where the bootstrap
    shows no spread (no document of the group uses the frame) the interval is
    ``[0, u]`` with ``u = 1 - (1 - ci)^(1/n_docs)``, the exact bound on the share
    of documents that could use it (:func:`framing.stats.group_intervals`,
    ``kind="mean"``), not ``[0, 0]``.

    ``ci_method`` (``"outlet"`` or ``"document"``, default by
    :func:`framing.stats.ci_method_for`: ``outlet`` unless ``by="publisher"``)
    says what the interval resamples: each group's publishers, then their
    articles (:func:`framing.stats.cluster_bootstrap`; none for a group of fewer
    than 3 publishers), or articles as if independent. The interval of
    ``share_vs_corpus`` resamples articles either way.

    Returns
    -------
    DataFrame
        ``group, frame, label, n_docs, mean_score, ci_low, ci_high,
        share_dominant, by, ci_method, ci_note``; ``share_dominant`` is the share of the group's
        documents that the frame dominates (:func:`frame_scores`, Notes);
        ``ci_note`` is ``""`` for a bootstrap interval, else why there is none
        or what replaced it.
        With ``relative=True`` also ``corpus_mean`` (the frame's mean score
        over all documents, each counted once), ``share_vs_corpus`` (the
        group's ``mean_score`` over ``corpus_mean``: 1 is the corpus average,
        2 twice it; NaN where the corpus never uses the frame) and its
        interval ``vs_corpus_low, vs_corpus_high`` (documents resampled
        within every group and the ratio recomputed, so the corpus mean
        varies with the group's own documents; NaN where ``ci_low`` is; where
        the group never uses the frame, ``[0, ci_high / corpus_mean]``).

    Examples
    --------
    >>> from framing import Corpus
    >>> from framing.frames import frame_scores
    >>> c = Corpus.from_frame([
    ...     {"text": "Win-win cooperation and mutual trust.", "source_type": "state_media"},
    ...     {"text": "Mutual benefit and a modernization drive.", "source_type": "state_media"},
    ...     {"text": "A debt trap and economic leverage, not mutual benefit.", "source_type": "newspaper"}])
    >>> p = frame_profile(frame_scores(c), c, relative=True, n_boot=200)
    >>> p = p[p["frame"] == "partnership_mutual_benefit"]
    >>> p[["group", "mean_score", "share_vs_corpus"]].round(2).values.tolist()
    [['newspaper', 0.33, 0.55], ['state_media', 0.75, 1.23]]
    """
    min_docs = MIN_DOCS if min_docs is None else min_docs
    min_words = MIN_WORDS if min_words is None else min_words
    if dedupe != "none":
        corpus = deduplicated(corpus, dedupe)
        scores = scores[scores["doc_id"].isin(corpus.articles["doc_id"])]
    groups = document_groups(corpus.articles, by)
    ci_method = ci_method_for(by, corpus.articles, ci_method)
    outlets = document_clusters(corpus.articles) if ci_method == "outlet" else None
    words = pd.Series(corpus.articles["n_words"].to_numpy(), index=corpus.articles["doc_id"].to_numpy())
    df = scores.assign(group=scores["doc_id"].map(groups).fillna("unknown"))
    bounds = (-1.0, 1.0) if (df["score"] < 0).any() else (0.0, 1.0)  # embedding similarities, else shares
    rows = []
    for (g, frame), sub in df.groupby(["group", "frame"], sort=True):
        vals = sub["score"].to_numpy(dtype=float)
        n_words = float(words.reindex(sub["doc_id"].unique()).sum())
        mean, lo, hi, note = group_intervals(vals[:, None], np.ones(len(vals)), kind="mean", bounds=bounds,
                                             n_words=n_words, min_docs=min_docs, min_words=min_words, n_boot=n_boot,
                                             ci=ci, random_state=random_state,
                                             clusters=None if outlets is None else sub["doc_id"].map(outlets))
        rows.append({"group": g, "frame": frame, "label": sub["label"].iat[0], "n_docs": len(vals),
                     "mean_score": mean[0], "ci_low": lo[0], "ci_high": hi[0],
                     "share_dominant": sub["dominant"].mean(), "by": by, "ci_method": ci_method,
                     "ci_note": note[0]})
    out = pd.DataFrame(rows)
    if relative and len(out):
        rel = _relative_to_corpus(df, n_boot=n_boot, ci=ci, random_state=random_state)
        out = out.drop(columns="by").merge(rel, on=["group", "frame"], how="left")
        out["by"] = by
        out["ci_method"] = out.pop("ci_method")
        out["ci_note"] = out.pop("ci_note")  # the last column, as without relative=True
        # the ratio's interval follows the mean's: none for a small group; for a frame the group never
        # uses (the bootstrap has no spread) the mean's upper bound over the corpus mean
        none = out["ci_low"].isna()
        out.loc[none, ["vs_corpus_low", "vs_corpus_high"]] = np.nan
        flat = ~none & out["corpus_mean"].gt(0) & ~(out["vs_corpus_high"] - out["vs_corpus_low"] > 1e-12)
        out.loc[flat, "vs_corpus_low"] = out.loc[flat, "ci_low"] / out.loc[flat, "corpus_mean"]
        out.loc[flat, "vs_corpus_high"] = out.loc[flat, "ci_high"] / out.loc[flat, "corpus_mean"]
    return out


def _relative_to_corpus(df: pd.DataFrame, *, n_boot: int, ci: float, random_state: int) -> pd.DataFrame:
    """``group, frame, corpus_mean, share_vs_corpus, vs_corpus_low, vs_corpus_high`` (see frame_profile)."""
    wide = df.pivot_table(index="doc_id", columns="frame", values="score", aggfunc="mean", fill_value=0.0)
    groups = df.drop_duplicates("doc_id").set_index("doc_id")["group"].reindex(wide.index).to_numpy()
    S = wide.to_numpy(dtype=float)
    n_total = len(S)
    corpus_mean = S.mean(axis=0)
    rng = np.random.default_rng(random_state)
    names = sorted(set(groups))
    boot_means, boot_corpus = {}, np.zeros((n_boot, S.shape[1]))
    for g in names:
        X = S[groups == g]
        # each group resampled within itself: the corpus mean of a replicate is that of its groups
        weights = rng.multinomial(len(X), np.full(len(X), 1.0 / len(X)), size=n_boot)
        boot_means[g] = weights @ X / len(X)
        boot_corpus += len(X) * boot_means[g]
    boot_corpus /= n_total
    alpha = (1 - ci) / 2
    used = corpus_mean > 0  # a frame the corpus never uses has no ratio
    rows = []
    for g in names:
        X = S[groups == g]
        ratio, lo, hi = (np.full(S.shape[1], np.nan) for _ in range(3))
        ratio[used] = X.mean(axis=0)[used] / corpus_mean[used]
        if len(X) >= 2 and used.any():
            with np.errstate(invalid="ignore", divide="ignore"):
                boot = boot_means[g][:, used] / boot_corpus[:, used]
            lo[used], hi[used] = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
        rows += [{"group": g, "frame": frame, "corpus_mean": corpus_mean[j], "share_vs_corpus": ratio[j],
                  "vs_corpus_low": lo[j], "vs_corpus_high": hi[j]} for j, frame in enumerate(wide.columns)]
    return pd.DataFrame(rows)


def dominant_frames(scores: pd.DataFrame, *, relative: bool = False, margin: float | None = None,
                    min_hits: int = DOMINANT_MIN_HITS) -> pd.DataFrame:
    """The dominant frame of each article or paragraph, or "mixed" or "none".

    The rule: a unit's frames are ranked by ``score`` (with ``relative=True``,
    by ``score`` minus the frame's mean score over all units of ``scores``:
    the corpus' own average). The top frame is the unit's dominant frame when
    it leads the runner-up by at least ``margin`` (0.10, ten points of the
    unit's frame hits, for dictionary scores; 0 for embedding scores, which
    have a NaN ``per_1k``), has at least ``min_hits`` hits (dictionary), and,
    read relatively, is above the corpus average. Otherwise the unit is
    "mixed"; a unit with no frame hits is "none". Without ``relative`` this is
    the ``dominant`` column of :func:`frame_scores` (with its defaults).

    On a corpus all about one subject, that subject's frame tops most
    articles; read relatively, an article's dominant frame is the one it uses
    most *beyond what the corpus usually does*.

    Parameters
    ----------
    scores : DataFrame
        :func:`frame_scores` output (any level, one or both schemes).
    relative : bool
        Rank frames by their excess over the corpus average.
    margin : float, optional
    min_hits : int, default 2

    Returns
    -------
    DataFrame
        One row per unit and scheme: ``doc_id`` (and ``para_id``), ``scheme,
        dominant`` (a frame id, "mixed" or "none"), ``label`` (the frame's
        label, or "mixed"/"none"), ``top_frame`` (the highest-ranked frame even
        when it does not dominate; missing for "none"), ``lead`` (its score, or
        excess, minus the runner-up's) and ``hits`` (the unit's frame hits).

    Examples
    --------
    >>> from framing import Corpus
    >>> from framing.frames import frame_scores
    >>> c = Corpus.from_frame([
    ...     {"text": "Out of poverty, a modernization drive, economic growth and win-win cooperation."},
    ...     {"text": "Modernization, economic growth and prosperity."},
    ...     {"text": "Economic growth and modernization, through win-win cooperation and mutual trust."}])
    >>> s = frame_scores(c)
    >>> dominant_frames(s)["dominant"].tolist()
    ['development_modernization', 'development_modernization', 'mixed']
    >>> dominant_frames(s, relative=True)["dominant"].tolist()
    ['mixed', 'development_modernization', 'partnership_mutual_benefit']
    """
    keys = ["doc_id", "para_id"] if "para_id" in scores.columns else ["doc_id"]
    out = []
    for scheme, sub in scores.groupby("scheme", sort=False):
        units = sub[keys].drop_duplicates()
        frames = sub["frame"].drop_duplicates().tolist()
        labels = sub.drop_duplicates("frame").set_index("frame")["label"]
        index = pd.MultiIndex.from_frame(units) if len(keys) > 1 else pd.Index(units["doc_id"])
        score = sub.pivot_table(index=keys, columns="frame", values="score", aggfunc="first")
        score = score.reindex(index=index, columns=frames).fillna(0.0).to_numpy(dtype=float)
        hits = sub.pivot_table(index=keys, columns="frame", values="hits", aggfunc="first")
        hits = hits.reindex(index=index, columns=frames).fillna(0).to_numpy()
        embedding = bool(sub["per_1k"].isna().all())
        value = score - score.mean(axis=0) if relative else score
        m = (0.0 if embedding else DOMINANT_MARGIN) if margin is None else margin
        mask, top, lead = dominant_mask(value, None if embedding else hits, margin=m, min_hits=min_hits)
        rows = np.arange(len(value))
        has = mask.any(axis=1) & (value[rows, top] > 0 if relative else True)
        none = (score == 0).all(axis=1) if embedding else hits.sum(axis=1) == 0
        top_ids = np.asarray(frames, dtype=object)[top] if len(frames) else np.full(len(rows), None, dtype=object)
        dominant = np.where(none, "none", np.where(has, top_ids, "mixed"))
        res = units.reset_index(drop=True).assign(scheme=scheme, dominant=dominant)
        res["label"] = [labels.get(d, d) for d in dominant]
        res["top_frame"] = np.where(none, None, top_ids)
        res["lead"] = np.where(none, np.nan, lead)
        res["hits"] = hits.sum(axis=1)
        out.append(res)
    if not out:
        return pd.DataFrame(columns=keys + ["scheme", "dominant", "label", "top_frame", "lead", "hits"])
    return pd.concat(out, ignore_index=True)
