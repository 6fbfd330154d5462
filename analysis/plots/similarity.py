"""The source x source similarity heatmap (a ``measures.tfidf.source_similarity_matrix``)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import data_labels

#: Longest source name drawn on an axis (longer names end in "…").
LABEL_CHARS = 28
#: Cells are annotated with their value up to this many sources.
ANNOTATE_UP_TO = 20


def plot_source_similarity(square: pd.DataFrame, cmap: str = "cividis") -> plt.Figure:
    """Heatmap of a square source x source similarity frame (perceptually uniform colour
    map from 0 to the largest off-diagonal value, rounded up to 0.05, so differences
    between sources stay visible; the diagonal, 1 by definition, is left blank).  Values
    are written in the cells up to ``ANNOTATE_UP_TO`` sources; names cut to
    ``LABEL_CHARS`` characters."""
    n = len(square)
    values = square.to_numpy(dtype="float64").copy()
    np.fill_diagonal(values, np.nan)
    top = max(np.ceil(np.nanmax(values, initial=0.0) * 20) / 20, 0.05)
    side = max(4.5, 0.42 * n + 2.6)
    fig, ax = plt.subplots(figsize=(side + 2.0, side))
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=top)
    ax.set_xticks(range(n), data_labels(square.columns, LABEL_CHARS), rotation=90, fontsize=8)
    ax.set_yticks(range(n), data_labels(square.index, LABEL_CHARS), fontsize=8)
    if n <= ANNOTATE_UP_TO:
        for i in range(n):
            for j in range(n):
                if i != j:
                    dark = values[i, j] < 0.55 * top
                    ax.text(j, i, f"{values[i, j]:.2f}", ha="center", va="center", fontsize=7 if n > 8 else 9,
                            color="white" if dark else "black")
    ax.set_xlabel("source")
    ax.set_ylabel("source")
    ax.spines[["top", "right"]].set_visible(True)
    fig.colorbar(image, ax=ax, shrink=0.8, label="cosine of the mean TF-IDF vectors")
    fig.tight_layout()
    return fig
