"""Text placed where it fits: widen an axis for texts beside their points, move labels off each other."""

from __future__ import annotations

import numpy as np

__all__ = ["fit_texts_x", "place_labels"]


def fit_texts_x(ax, texts, anchors, clamp=None):
    """Widen the x limits so that each text, written beside its anchor x (data), lies inside the axes."""
    if not texts:
        return
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()  # runs the layout: the axes' final size
        renderer = fig.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        a, b = ax.get_xlim()
        px = ax.transData.transform(np.column_stack([anchors, np.zeros(len(anchors))]))[:, 0]
        reach = np.array([t.get_window_extent(renderer).x1 for t in texts]) - px + 3.0  # pixels right of anchor
        width = box.width
        if np.all(px + reach <= box.x1 + 0.5) or width <= 0:
            break
        reach = np.minimum(reach, 0.8 * width)
        b = max(b, float(np.max(a + (np.asarray(anchors) - a) * width / (width - reach))))
        ax.set_xlim(a, b)
    if clamp is not None:  # no tick past the scale's own ends (-1 and 1 for VADER), nor past the view
        a, b = ax.get_xlim()
        ticks = [t for t in ax.get_xticks() if max(clamp[0], a) - 1e-9 <= t <= min(clamp[1], b) + 1e-9]
        ax.set_xticks(ticks)
        ax.set_xlim(a, b)


def _bbox_overlap(a, b) -> float:
    """Overlap area of two boxes (x0, y0, x1, y1)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


_DIRECTIONS = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
               (0, -1, "center", "top"), (0.7, 0.7, "left", "bottom"), (-0.7, 0.7, "right", "bottom"),
               (0.7, -0.7, "left", "top"), (-0.7, -0.7, "right", "top"))


def place_labels(ax, labels, radius_pt: float, obstacles=(), lines=(), rings=(2.0, 7.0, 14.0, 24.0)):
    """Put each annotation of ``labels`` (offset from its anchor in points) where it overlaps nothing.

    Tries eight directions around the anchor at growing distances and keeps the first position that
    overlaps no label placed before, no marker (a box of ``radius_pt`` around each anchor) and none
    of ``obstacles`` (artists), inside the axes; else the position that overlaps least. Lines
    (``lines``: patches such as arrows, followed along their path) count too, a little less.
    Deterministic: the same figure gives the same placement.
    """
    if not labels:
        return
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        scale = fig.dpi / 72.0
        frame = ax.get_window_extent(renderer)
        anchors = ax.transData.transform(np.array([t.xy for t in labels], dtype=float))
        r = radius_pt * scale
        markers = [(x - r, y - r, x + r, y + r) for x, y in anchors]
        fixed = [tuple(o.get_window_extent(renderer).extents) for o in obstacles]
        dots = []
        for line in lines:  # a line as a row of small boxes along its path, in display coordinates
            verts = line.get_transform().transform(line.get_path().vertices)
            for a, b in zip(verts[:-1], verts[1:]):
                for f in np.linspace(0, 1, max(2, int(np.hypot(*(b - a)) / 2) + 1)):
                    x, y = a + f * (b - a)
                    dots.append((x - 1.5, y - 1.5, x + 1.5, y + 1.5))
        placed, moved = [], False
        for i, t in enumerate(labels):
            ext = t.get_window_extent(renderer)
            w, h = ext.width, ext.height
            others = fixed + placed + [m for k, m in enumerate(markers) if k != i]
            best = None
            for ring in rings:
                for dx, dy, ha, va in _DIRECTIONS:
                    ox, oy = dx * (radius_pt + ring), dy * (radius_pt + ring)
                    x = anchors[i][0] + ox * scale
                    y = anchors[i][1] + oy * scale
                    x0 = x if ha == "left" else x - w if ha == "right" else x - w / 2
                    y0 = y if va == "bottom" else y - h if va == "top" else y - h / 2
                    box = (x0, y0, x0 + w, y0 + h)
                    cost = sum(_bbox_overlap(box, o) for o in others)
                    cost += 0.5 * sum(_bbox_overlap(box, o) for o in dots)
                    inside = _bbox_overlap(box, tuple(frame.extents))
                    cost += 10.0 * (w * h - inside)
                    if best is None or cost < best[0] - 1e-9:
                        best = (cost, (ox, oy), ha, va, box)
                if best[0] <= 0:
                    break
            cost, offset, ha, va, box = best
            if tuple(t.xyann) != offset or t.get_ha() != ha or t.get_va() != va:
                moved = True
            t.xyann = offset
            t.set_ha(ha)
            t.set_va(va)
            placed.append(box)
        if not moved:
            return
