"""Readers for the labelled validation sets: the module is :mod:`framing.datasets.validation`.

Kept so that ``from framing.validation import load_headlines`` goes on working.
"""

from .datasets.validation import HEADLINE_OUTLETS, evaluate_semeval_frames, load_headlines, load_semeval_frames

__all__ = ["load_semeval_frames", "HEADLINE_OUTLETS", "load_headlines", "evaluate_semeval_frames"]
