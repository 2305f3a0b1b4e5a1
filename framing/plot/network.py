"""Who reprints whom, as a network of outlets (:func:`syndication_network`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import COLUMN_WIDTH, LABEL_PT, TEXT_PT, TITLE_PT, new_axes, require_columns
from ._labels import place_labels
from .colors import hue_colors

__all__ = ["syndication_network"]


def _directed(attrs) -> bool:
    """Whether a syndication edge's direction is known (see :func:`syndication_network`)."""
    directed = attrs.get("directed")
    if directed is not None and not pd.isna(directed):
        return bool(directed)
    return not (attrs.get("basis") == "reuse" and attrs.get("direction_basis") == "undetermined")


def _network_layout(graph, seed: int) -> dict:
    """Node positions: each connected part laid out on its own (spring layout, edges about 1 long), the
    parts packed in rows, largest first, so that small parts do not crowd round the large one."""
    import networkx as nx

    und = nx.Graph(graph.to_undirected(as_view=True))
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(und)), key=lambda c: (-len(c), str(c[0])))
    blocks = []
    for nodes in parts:
        if len(nodes) == 1:
            xy = np.zeros((1, 2))
        elif len(nodes) == 2:
            xy = np.array([[0.0, 0.5], [0.0, -0.5]])  # one above the other: room for the labels beside
        else:
            sub = und.subgraph(nodes)
            p = nx.spring_layout(sub, seed=seed, iterations=200)
            xy = np.array([p[v] for v in nodes], dtype=float)
            lengths = [np.linalg.norm(p[u] - p[v]) for u, v in sub.edges]
            xy = (xy - xy.mean(axis=0)) / (np.median(lengths) or 1.0) * 1.1
        xy = xy - xy.min(axis=0)
        blocks.append((nodes, xy, xy.max(axis=0)))
    gap = 1.6
    total = sum((w + gap) * (h + gap) for _, _, (w, h) in blocks)
    row_width = max(max(w for _, _, (w, _) in blocks), 1.6 * np.sqrt(total))
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for nodes, xy, (w, h) in blocks:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        for v, (a, b) in zip(nodes, xy):
            pos[v] = np.array([x + a, y - b])
        x += w + gap
        row_h = max(row_h, h)
    return pos


def syndication_network(data=None, *, hue: str = "source_type", weight: str = "n_articles", ax=None,
                        keep_isolated: bool = False, seed: int = 0, palette=None, height: float | None = None,
                        aspect: float | None = None, **kwargs):
    """Who reprints whom: outlets as nodes, arrows from reprinter to originator, with counts.

    An edge whose direction is undetermined (``directed=False``: the two outlets
    share text, but which one copied is unknown) is a dashed line without an
    arrow, and the legend says how many there are. Node labels are placed
    beside their node where they overlap no other label, node or count.

    Parameters
    ----------
    data : networkx.DiGraph or DataFrame
        :func:`framing.reuse.syndication_graph`, or its edges as a table with
        ``source, target`` and edge attributes. Without a ``directed``
        attribute, an edge whose only ``basis`` is ``reuse`` and whose
        ``direction_basis`` is ``undetermined`` is undetermined.
    hue : str
        Node attribute that colours the nodes (:func:`group_colors`; a legend
        names each value).
    weight : str
        Edge attribute that sets the arrow width and the number printed on it
        (1 where an edge lacks it).
    ax : matplotlib Axes, optional
    keep_isolated : bool
        Also draw outlets with no edge (left out by default).
    seed : int
        Seed of the spring layout: the same graph gives the same picture.
    palette : dict or seaborn palette, optional
        Node colours by ``hue`` value; default :func:`group_colors`.
    height, aspect : float, optional
        Size of a new figure (``ax`` None): height in inches and width / height,
        as in seaborn. One alone keeps the default width (at most 7 in).
    **kwargs
        Passed to :func:`networkx.draw_networkx_nodes`.

    Returns
    -------
    matplotlib.axes.Axes
        Nodes as one PathCollection, one arrow patch per edge (undetermined
        ones without a head), a text per node and per edge.

    Examples
    --------
    >>> import framing
    >>> from framing import plot
    >>> from framing.reuse import syndication_graph
    >>> graph = syndication_graph(framing.load_sample_corpus())
    >>> ax = plot.syndication_network(graph)
    >>> len(ax.patches) == graph.number_of_edges()
    True
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    if isinstance(data, nx.Graph):
        graph = data.copy()
    else:
        df = require_columns(data, ["source", "target"], "syndication_network")
        graph = nx.from_pandas_edgelist(df, "source", "target", edge_attr=True, create_using=nx.DiGraph)
    if not keep_isolated:
        graph.remove_nodes_from([v for v in list(graph.nodes) if graph.degree(v) == 0])
    pos = _network_layout(graph, seed) if graph.number_of_nodes() else {}
    if pos:
        span = np.ptp(np.array(list(pos.values())), axis=0) + 2.5
        default_h = float(np.clip(COLUMN_WIDTH * span[1] / span[0], 3.0, 5.5)) + 0.8
    else:
        default_h = 3.0
    ax = new_axes(ax, COLUMN_WIDTH, default_h, height, aspect)
    ax.set_axis_off()
    if not graph.number_of_nodes():
        ax.set_title("no syndication found", fontsize=TITLE_PT)
        return ax
    kinds = [str(graph.nodes[v].get(hue) or "unknown") for v in graph.nodes]
    levels = sorted(set(kinds))
    colors = hue_colors(levels, palette)
    node_size = kwargs.pop("node_size", 260)
    kwargs.setdefault("edgecolors", "0.2")
    kwargs.setdefault("linewidths", 0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=[colors[k] for k in kinds], node_size=node_size, **kwargs)
    w = {e: float(graph.edges[e].get(weight, 1) or 1) for e in graph.edges}
    undetermined = [e for e in graph.edges if not _directed(graph.edges[e])]
    skip = set(undetermined)
    directed = [e for e in graph.edges if e not in skip]
    for edges, head, style in ((directed, "-|>", "solid"), (undetermined, "-", "dashed")):
        if edges:
            nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=edges, width=[0.8 + 0.8 * np.sqrt(w[e]) for e in edges],
                                   arrows=True, arrowstyle=head, arrowsize=12, edge_color="0.45", style=style,
                                   node_size=node_size, connectionstyle="arc3,rad=0.08")
    counts = nx.draw_networkx_edge_labels(
        graph, pos, ax=ax, edge_labels={e: f"{w[e]:g}" for e in graph.edges}, font_size=TEXT_PT, font_weight="bold",
        rotate=False, node_size=node_size, connectionstyle="arc3,rad=0.08",
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "0.45", "linewidth": 0.6})
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[k], markeredgecolor="0.2", label=k)
               for k in levels]
    if undetermined:
        n = len(undetermined)
        handles.append(Line2D([], [], linestyle="--", color="0.4",
                              label=f"{n} edge{'s' if n != 1 else ''} of undetermined direction"))
    ax.legend(handles=handles, title=hue, fontsize=TEXT_PT, title_fontsize=TEXT_PT, loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncol=min(3, len(handles)), frameon=False, columnspacing=1.2)
    xy = np.array(list(pos.values()))
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    pad = np.maximum(0.12 * (hi - lo), 0.6)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_title(f"reprinter \u2192 originator ({weight} on the arrows)", fontsize=LABEL_PT)
    order = sorted(graph.nodes, key=lambda v: (-graph.degree(v), str(v)))
    labels = [ax.annotate(str(v), pos[v], xytext=(0, 0), textcoords="offset points", fontsize=TEXT_PT,
                          ha="center", va="center", zorder=4) for v in order]
    place_labels(ax, labels, radius_pt=np.sqrt(node_size) / 2, obstacles=list(counts.values()),
                  lines=list(ax.patches))
    return ax
