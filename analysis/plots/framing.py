"""The framing chart: each phrase's share of its concept's mentions, per source (a
``measures.framing.framing_rates`` frame), as one heatmap that stays readable at 20
sources: a column per source, a row per phrase, phrases grouped by concept."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import data_label, data_labels

#: Longest source name / phrase drawn on an axis.
LABEL_CHARS = 28


def plot_framing(rates: pd.DataFrame, by: str = "source", cmap: str = "cividis") -> plt.Figure:
    """Heatmap of each phrase's share (%) of its concept's mentions: columns the groups (in
    the frame's order), rows the phrases some group uses (lexicon order), grouped by
    concept (named on the right, white lines between concepts).  A grey cell: the group
    never names the concept.  Shares are written in the cells."""
    used = rates.groupby("phrase", sort=False)["n"].sum()
    phrases = rates[["concept", "phrase"]].drop_duplicates()
    phrases = phrases[phrases["phrase"].map(used) > 0].reset_index(drop=True)
    groups = list(pd.unique(rates[by]))
    wide = rates.set_index(["phrase", by])["share"].unstack(by)
    values = 100 * wide.reindex(index=phrases["phrase"], columns=groups).to_numpy(dtype="float64")
    n_rows, n_cols = values.shape
    height = max(4.0, 0.3 * n_rows + 3.4)  # inches: cells, source names, colour bar
    fig, ax = plt.subplots(figsize=(max(6.5, 0.55 * n_cols + 4.5), height))
    ax.set_facecolor("#DDDDDD")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    for i in range(n_rows):
        for j in range(n_cols):
            if not np.isnan(values[i, j]):
                ax.text(j, i, f"{values[i, j]:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] < 55 else "black")
    ax.set_yticks(range(n_rows), data_labels(phrases["phrase"], LABEL_CHARS), fontsize=8)
    ax.set_xticks(range(n_cols), data_labels(groups, LABEL_CHARS), rotation=60, ha="right", fontsize=8)
    concepts = phrases["concept"].to_numpy()
    edges = np.flatnonzero(concepts[1:] != concepts[:-1]) + 1
    for edge in edges:
        ax.axhline(edge - 0.5, color="white", linewidth=3)
    for start, stop in zip(np.r_[0, edges], np.r_[edges, n_rows]):
        ax.text(n_cols - 0.5 + 0.15, (start + stop - 1) / 2, data_label(concepts[start], LABEL_CHARS),
                ha="left", va="center", fontsize=9, fontweight="bold")
    ax.set_xlabel(by)
    ax.set_ylabel("phrase (grouped by concept)")
    ax.spines[["top", "right"]].set_visible(True)
    fig.colorbar(image, ax=ax, location="bottom", shrink=0.6, aspect=30, pad=min(0.5, 1.6 / (height - 2.0)),
                 label="share of the concept's mentions (%)")
    fig.tight_layout()
    return fig
