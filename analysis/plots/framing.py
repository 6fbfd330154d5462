"""The framing chart: each phrase's share of its concept's mentions, per source (a
``measures.framing.framing_rates`` frame)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import data_label, data_labels, source_colors


def plot_framing(rates: pd.DataFrame, by: str = "source", ncols: int = 2) -> plt.Figure:
    """One panel per concept: each phrase's share of the concept's mentions, one bar per
    group (colours from ``style.source_colors``).  Phrases no group uses are left out."""
    groups = list(pd.unique(rates[by]))
    colors = source_colors(groups)
    concepts = list(pd.unique(rates["concept"]))
    nrows = int(np.ceil(len(concepts) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.0 * nrows), squeeze=False)
    height = 0.8 / max(len(groups), 1)
    for ax, concept in zip(axes.flat, concepts):
        part = rates[rates["concept"] == concept]
        used = part.groupby("phrase", sort=False)["n"].sum()
        phrases = [p for p in pd.unique(part["phrase"]) if used[p] > 0]
        y = np.arange(len(phrases))
        for i, g in enumerate(groups):
            rows = part[part[by] == g].set_index("phrase").reindex(phrases)
            ax.barh(y + i * height, 100 * rows["share"].fillna(0).to_numpy(), height, color=colors[g],
                    label=data_label(g))
        ax.set_yticks(y + height * (len(groups) - 1) / 2, data_labels(phrases))
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_title(data_label(concept))
        ax.set_xlabel("share of the concept's mentions (%)")
    for ax in list(axes.flat)[len(concepts):]:
        ax.set_visible(False)
    fig.tight_layout()
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(groups), frameon=False)
    return fig
