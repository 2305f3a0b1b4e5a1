"""Frames: which frames each article or paragraph uses, by dictionary, by embeddings, or learnt.

Two schemes live in ``lexicons/frames.yaml``: ``policy``, the 15 generic
frames of the Policy Frames Codebook / Media Frames Corpus (Boydstun et al.
2014; Card et al. 2015), and ``relationship``, frames of cooperation
narratives (partnership, connectivity, great-power competition, governance
critique, ...).

- :func:`frame_scores` with ``method="dictionary"`` counts each frame's terms
  (the phrase matcher of the slogans module); with ``method="embedding"`` it
  measures the cosine similarity of each paragraph to the mean embedding of
  the frame's seed phrases (a distributed dictionary representation, Garten et
  al. 2018) with the packaged MiniLM model.
- :func:`frame_terms` says which terms drove each frame in each group, and
  :func:`dominant_frames` names each unit's dominant frame ("mixed" or "none"
  where no frame leads clearly), also relative to the corpus' own average;
  ``frame_profile(..., relative=True)`` reads group means against it. A frame
  is not the topic: the lexicon's cues are framing language, each group with
  its ``why`` (:func:`validate_frame_lexicon` checks a frames file).
- :class:`FrameClassifier` learns frames from hand-coded examples (TF-IDF or
  embeddings + one-vs-rest logistic regression); :func:`cross_validate_frames`
  reports per-frame and micro/macro F1.

One module each: :mod:`~framing.frames.schemes` (the lexicon's frames),
:mod:`~framing.frames.scores`, :mod:`~framing.frames.profiles` (dominant frames, group
profiles) and :mod:`~framing.frames.classifier`.

Examples
--------
>>> import framing
>>> from framing.frames import frame_scores
>>> scores = frame_scores(framing.load_sample_corpus(), scheme="relationship")
>>> scores.columns[:6].tolist()
['doc_id', 'scheme', 'frame', 'hits', 'per_1k', 'score']
"""

from .classifier import (LEVEL_RATIO, TEXT_LEVELS, FrameClassifier, SentenceEmbedder, cross_validate_frames,
                         text_level)
from .profiles import DOMINANT_MARGIN, DOMINANT_MIN_HITS, dominant_frames, frame_profile
from .schemes import (CUE_KEYS, FRAME_KEYS, SCHEMES, Cue, Frame, load_frames, validate_frame_lexicon,
                      validate_frame_lexicon_text)
from .scores import FRAME_COLUMNS, dictionary_hits, embedding_similarity, frame_scores, frame_terms

__all__ = ["FRAME_COLUMNS", "SCHEMES", "Cue", "Frame", "load_frames", "FRAME_KEYS", "CUE_KEYS",
           "validate_frame_lexicon_text", "validate_frame_lexicon", "DOMINANT_MARGIN", "DOMINANT_MIN_HITS",
           "dictionary_hits", "embedding_similarity", "frame_scores", "frame_profile", "dominant_frames",
           "frame_terms", "TEXT_LEVELS", "LEVEL_RATIO", "text_level", "SentenceEmbedder", "FrameClassifier",
           "cross_validate_frames"]
