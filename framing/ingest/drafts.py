"""What segmenting a page produces and reads: :class:`Piece` (a span of a line and where it
went), :class:`Draft` (an article or comment being assembled) and :class:`LineDecisions`
(the line model's verdict on each line, with the removal reasons it writes).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Piece", "Draft", "OUTSIDE_REASON", "is_model_reason", "LineDecisions"]


@dataclass(slots=True)
class Piece:
    """A span of one input line and where it went."""

    idx: int
    start: int
    end: int
    dest: str  # removed | title | body | caption | note | byline | comment
    reason: str | None = None
    art: int | None = None


@dataclass(slots=True)
class Draft:
    """An article or comment being assembled from pieces."""

    kind: str = "article"
    outlet: str | None = None  # outlet named in a news-app item block
    first_idx: int = 0
    last_idx: int = 0
    n_body: int = 0


_MODEL_REASON = "not main text"
#: the removal reason of a line outside trafilatura's main text (with the model named after it)
OUTSIDE_REASON = "outside main content"


def is_model_reason(reason: str | None) -> bool:
    """True for a removal reason written by :class:`LineDecisions` (model score or trafilatura verdict)."""
    return reason is not None and (reason.startswith(_MODEL_REASON) or reason.startswith(OUTSIDE_REASON))


@dataclass(frozen=True)
class LineDecisions:
    """The line model's verdict on one page (see :mod:`framing.ingest.linemodel`).

    ``p`` holds, per line, the probability that it is main text (None for blank
    lines); a line is kept when ``p >= threshold``. ``model`` names the model in
    removal reasons; ``fallback`` lists lines kept although below the threshold
    (the page's most likely block, when no line reached it).
    """

    p: tuple
    threshold: float
    model: str = "line model"
    fallback: tuple = ()
    subheads: frozenset = frozenset()  # short headings between kept lines, kept with their story
    scored: bool = True  # False: p is a yes/no verdict (trafilatura's on HTML), not a probability

    def kept(self, i: int) -> bool:
        p = self.p[i]
        return p is not None and (p >= self.threshold or i in self.fallback or i in self.subheads)

    def reason(self, i: int) -> str:
        if not self.scored:
            return f"{OUTSIDE_REASON} ({self.model})"
        return f"{_MODEL_REASON} ({self.model}, p={self.p[i]:.2f})"
