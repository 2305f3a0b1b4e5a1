"""The frame schemes of ``lexicons/frames.yaml``, kept here under their old path: see :mod:`framing.lexicon.frames`."""

from ..lexicon.frames import (CUE_KEYS, FRAME_KEYS, SCHEMES, Cue, Frame, load_frames, validate_frame_lexicon,
                              validate_frame_lexicon_text)

__all__ = ["SCHEMES", "Cue", "Frame", "load_frames", "FRAME_KEYS", "CUE_KEYS", "validate_frame_lexicon_text",
           "validate_frame_lexicon"]
