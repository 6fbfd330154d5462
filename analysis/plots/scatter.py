"""Point labels that do not overlap (adjustText, deterministic settings) and the
two-source frequency scatter that needs them."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from adjustText import adjust_text

from .style import data_label

#: A fixed iteration budget (no time limit), so the layout is the same on every run.
ITERATIONS = 500


def label_points(ax: plt.Axes, x, y, labels, fontsize: float = 8, **text_kwargs) -> list:
    """Label points ``(x, y)`` with ``labels`` and move the labels apart with adjustText
    (fixed ``ITERATIONS``, no time limit); returns the text objects."""
    texts = [ax.text(xi, yi, data_label(s), fontsize=fontsize, **text_kwargs) for xi, yi, s in zip(x, y, labels)]
    if texts:
        adjust_text(texts, x=np.asarray(x, float), y=np.asarray(y, float), ax=ax, iter_lim=ITERATIONS,
                    time_lim=None, expand=(1.3, 1.6), force_text=(0.5, 1.0), force_static=(0.3, 0.6),
                    arrowprops={"arrowstyle": "-", "color": "#666666", "lw": 0.5})
    return texts


def texts_overlap(texts: list, ax: plt.Axes) -> bool:
    """True when any two label bounding boxes overlap (after drawing)."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def plot_frequency_scatter(frame: pd.DataFrame, target: str, reference: str,
                           colors: tuple[str, str] = ("#0072B2", "#E69F00")) -> plt.Figure:
    """Rate in ``target`` (x) against rate in ``reference`` (y), per 10,000 tokens, log
    axes; a ``scatter_frame`` frame.  Terms off the diagonal are used more by one side;
    the ``labelled`` ones are coloured by where they are key."""
    target, reference = data_label(target), data_label(reference)
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    plain = frame[~frame["labelled"]]
    key = frame[frame["labelled"]]
    ax.scatter(plain["x_plot"], plain["y_plot"], s=12, color="#999999", alpha=0.5, linewidths=0, label="other terms")
    for direction, color, name in [("target", colors[0], target), ("reference", colors[1], reference)]:
        part = key[key["direction"] == direction]
        ax.scatter(part["x_plot"], part["y_plot"], s=22, color=color, label=f"key in {name}")
    low = min(frame["x_plot"].min(), frame["y_plot"].min()) * 0.5
    high = max(frame["x_plot"].max(), frame["y_plot"].max()) * 1.6
    ax.plot([low, high], [low, high], color="#333333", linewidth=0.8, linestyle="--", label="equal rate")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xlabel(f"rate in {target} (per 10,000 tokens, log scale)")
    ax.set_ylabel(f"rate in {reference} (per 10,000 tokens, log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4, fontsize=8, frameon=False)
    spots = coincident_labels(key)
    label_points(ax, spots["x_plot"], spots["y_plot"], spots["label"])
    fig.tight_layout()
    return fig


def coincident_labels(frame: pd.DataFrame, x: str = "x_plot", y: str = "y_plot", label: str = "term") -> pd.DataFrame:
    """One label per distinct point: terms drawn at the same place (same counts) are
    joined with ", " (sorted), so no two labels start on top of each other."""
    grouped = frame.sort_values(label, kind="stable").groupby([x, y], sort=True)[label].agg(", ".join)
    return grouped.rename("label").reset_index()
