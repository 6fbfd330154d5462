"""The diverging keyness bars (a ``measures.keyness.top_keyness`` frame)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .style import data_label, data_labels


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
