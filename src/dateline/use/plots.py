"""Charts of the aggregates in ``dateline.use.analysis``, written as PNG or SVG files.

Figures are built with matplotlib's object API on its Agg canvas: no display,
no global pyplot state. The file extension chooses the format.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from ..errors import UsageError
from .analysis import QUAD_CLASSES

FILE_FORMATS = {".png": "png", ".svg": "svg"}
# Cooperation above the axis in greens, conflict below in reds (the usual event-data view).
QUAD_COLOURS = {
    "verbal_cooperation": "#a1d99b",
    "material_cooperation": "#31a354",
    "verbal_conflict": "#fc9272",
    "material_conflict": "#de2d26",
}
GOLDSTEIN_RANGE = (-10.0, 10.0)
GOLDSTEIN_COLOURS = "RdYlGn"


def plot_series(frame: pd.DataFrame, path: str | Path, *, title: str = "") -> Path:
    """Cooperation and conflict per period (stacked counts) over the Goldstein sum."""
    path = Path(path)
    file_format = _file_format(path)
    _require_rows(frame)
    figure = Figure(figsize=(10, 6), layout="constrained")
    counts, goldstein = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    periods = pd.to_datetime(frame["period"])
    width = _bar_width(periods)
    names = list(QUAD_CLASSES.values())
    for sign, stacked in ((1, names[:2]), (-1, names[2:])):
        bottom = pd.Series(0, index=frame.index)
        for name in stacked:
            heights = sign * frame[name]
            label = name.replace("_", " ")
            counts.bar(
                periods, heights, width, bottom=bottom, color=QUAD_COLOURS[name], label=label
            )
            bottom = bottom + heights
    counts.axhline(0, color="black", linewidth=0.8)
    counts.set_ylabel("events (conflict below 0)")
    counts.legend(loc="upper left", fontsize="small", ncols=2)
    counts.set_title(title or "Cooperation and conflict")
    goldstein.plot(periods, frame["goldstein"], color="#3182bd", marker="o", markersize=3)
    goldstein.axhline(0, color="black", linewidth=0.8)
    goldstein.set_ylabel("Goldstein sum")
    figure.savefig(path, format=file_format)
    return path


def plot_network(
    frame: pd.DataFrame, path: str | Path, *, title: str = "", max_edges: int = 40
) -> Path:
    """Actors on a circle; an arrow per dyad, as wide as its event count and coloured by
    its mean Goldstein score (red conflict, green cooperation). Only the ``max_edges``
    heaviest dyads are drawn, so that a large network stays readable."""
    path = Path(path)
    file_format = _file_format(path)
    _require_rows(frame)
    frame = frame.nlargest(max_edges, "events", keep="first")
    figure = Figure(figsize=(9, 9), layout="constrained")
    axes = figure.subplots()
    positions = _circle_layout(frame)
    colours = colormaps[GOLDSTEIN_COLOURS]
    norm = Normalize(*GOLDSTEIN_RANGE)
    heaviest = frame["events"].max()
    for edge in frame.itertuples():
        arrow = FancyArrowPatch(
            positions[edge.source],
            positions[edge.target],
            connectionstyle="arc3,rad=0.15",
            arrowstyle="-|>",
            mutation_scale=14,
            linewidth=0.8 + 6 * edge.events / heaviest,
            color=colours(norm(edge.goldstein_mean)),
            shrinkA=14,
            shrinkB=14,
        )
        axes.add_patch(arrow)
    weights = _node_weights(frame)
    for name, (x, y) in positions.items():
        axes.scatter([x], [y], s=120 + 900 * weights[name] / max(weights.values()), color="#636363")
        # Labels sit outside the circle, away from the arrows.
        axes.annotate(
            name,
            (x, y),
            xytext=(24 * x, 24 * y),
            textcoords="offset points",
            ha="center",
            va="center",
            fontweight="bold",
        )
    figure.colorbar(
        ScalarMappable(norm=norm, cmap=colours), ax=axes, shrink=0.6, label="mean Goldstein score"
    )
    axes.set_xlim(-1.3, 1.3)
    axes.set_ylim(-1.3, 1.3)
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_title(title or "Actor network (width: events)")
    figure.savefig(path, format=file_format)
    return path


def _file_format(path: Path) -> str:
    try:
        return FILE_FORMATS[path.suffix.lower()]
    except KeyError:
        raise UsageError(f"{path}: charts are written as .png or .svg") from None


def _require_rows(frame: pd.DataFrame) -> None:
    if frame.empty:
        raise UsageError("no events match the filters: nothing to draw")


def _bar_width(periods: pd.Series) -> float:
    """Bars nearly as wide as the gap between periods (in days, matplotlib's date unit)."""
    if len(periods) < 2:
        return 20.0
    return 0.8 * (periods.iloc[1] - periods.iloc[0]).days


def _node_weights(frame: pd.DataFrame) -> dict[str, int]:
    weights: dict[str, int] = {}
    for edge in frame.itertuples():
        for node in (edge.source, edge.target):
            weights[node] = weights.get(node, 0) + int(edge.events)
    return weights


def _circle_layout(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Nodes on the unit circle, the busiest first, so that the layout is deterministic."""
    weights = _node_weights(frame)
    nodes = sorted(weights, key=lambda n: (-weights[n], n))
    step = 2 * math.pi / len(nodes)
    angles = {n: math.pi / 2 - i * step for i, n in enumerate(nodes)}
    return {n: (math.cos(a), math.sin(a)) for n, a in angles.items()}
