"""Keyness charts: the diverging bars of one comparison (a ``measures.keyness.top_keyness``
frame) and small multiples of each source's key terms against the rest."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .style import data_label, data_labels

#: At most this many panels in ``plot_key_terms`` (the notebook passes the largest sources).
MAX_PANELS = 12


def plot_keyness(top: pd.DataFrame, colors: tuple[str, str] = ("#0072B2", "#E69F00"), by: str = "g2"):
    """Diverging bars of a ``top_keyness`` frame: over-used terms to the right (blue),
    under-used (i.e. the reference's key terms) to the left (orange), largest at the top."""
    frame = top.sort_values([by, "term"], ascending=[True, True], kind="stable").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(frame) + 1.6))
    bar_colors = [colors[0] if v > 0 else colors[1] for v in frame[by]]
    ax.barh(range(len(frame)), frame[by], color=bar_colors)
    ax.set_yticks(range(len(frame)), data_labels(frame["term"]))
    ax.axvline(0, color="#333333", linewidth=0.8)
    target, reference = data_label(frame["target"].iloc[0]), data_label(frame["reference"].iloc[0])
    ax.set_xlabel(f"signed G² (log-likelihood; + = more frequent in {target})")
    ax.legend(handles=[Patch(color=colors[0], label=f"key in {target}"), Patch(color=colors[1], label=f"key in {reference}")],
              loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def plot_key_terms(top: pd.DataFrame, sources: list[str], by: str = "g2", ncols: int = 3,
                   color: str = "#0072B2") -> plt.Figure:
    """Small multiples: one panel per source (in the order given, at most ``MAX_PANELS``),
    bars of its top terms against the rest (``top``: rows of a stacked ``keyness`` table,
    ``target`` naming the source), largest at the top; x axes shared."""
    if len(sources) > MAX_PANELS:
        raise ValueError(f"at most {MAX_PANELS} panels; pass the largest sources")
    k = int(top.groupby("target").size().max()) if len(top) else 1
    ncols = max(1, min(ncols, len(sources)))
    nrows = int(np.ceil(len(sources) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, (0.22 * k + 0.9) * nrows + 0.4), squeeze=False,
                             sharex=True)
    for ax, source in zip(axes.flat, sources):
        part = top[top["target"] == source].sort_values([by, "term"], ascending=[True, False], kind="stable")
        ax.barh(range(len(part)), part[by], color=color)
        ax.set_yticks(range(len(part)), data_labels(part["term"], 24), fontsize=8)
        ax.set_ylim(-0.6, k - 0.4)
        ax.set_title(data_label(source, 34), fontsize=9)
        ax.tick_params(axis="x", labelsize=8, labelbottom=True)
        ax.set_xlabel("G² against the rest (log-likelihood)" if by == "g2" else f"{by} against the rest", fontsize=8)
    for ax in list(axes.flat)[len(sources):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
