"""The paragraph similarity heatmap (a ``measures.tfidf.similarity_grid``)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import data_label, data_labels


def plot_similarity_heatmap(grid: pd.DataFrame, label_a: str, label_b: str, cmap: str = "cividis") -> plt.Figure:
    """Heatmap of a ``similarity_grid`` (perceptually uniform colour map from 0 to the
    largest cosine, rounded up to 0.05, so weak similarities stay visible)."""
    fig, ax = plt.subplots(figsize=(0.42 * grid.shape[1] + 2.5, 0.32 * grid.shape[0] + 1.8))
    top = max(np.ceil(np.nanmax(grid.to_numpy(), initial=0.0) * 20) / 20, 0.05)
    image = ax.imshow(grid.to_numpy(), cmap=cmap, vmin=0, vmax=top, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), data_labels(grid.columns), rotation=90, fontsize=8)
    ax.set_yticks(range(grid.shape[0]), data_labels(grid.index), fontsize=8)
    ax.set_xlabel(f"paragraphs of {data_label(label_b)}")
    ax.set_ylabel(f"paragraphs of {data_label(label_a)}")
    ax.spines[["top", "right"]].set_visible(True)
    fig.colorbar(image, ax=ax, label="cosine similarity of TF-IDF vectors (0 = no shared term)")
    return fig
