"""The corpus overview chart: article and sentence lengths."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import add_caption, data_label, source_colors


def plot_sizes(summary: pd.DataFrame, lengths: pd.DataFrame) -> plt.Figure:
    """Tokens per article (bars) and tokens per sentence (strip of dots) side by side."""
    colors = source_colors(list(dict.fromkeys(summary["source"])))
    labels = [f"{data_label(a)}\n{data_label(s)}" for a, s in zip(summary["article_id"], summary["source"])]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.9 + 0.7 * len(summary)), sharey=True)
    left.barh(labels, summary["n_tokens"], color=[colors[s] for s in summary["source"]])
    left.set(title="Article length", xlabel="tokens (words and numbers)")
    for y, aid in enumerate(summary["article_id"]):
        x = lengths.loc[lengths["article_id"] == aid, "tokens"]
        right.scatter(x, [y] * len(x), alpha=0.6, color=colors[summary["source"].iloc[y]], s=25)
    right.set(title="Sentence length", xlabel="tokens per sentence")
    left.invert_yaxis()
    fig.suptitle("How long are the articles and their sentences?", x=0.01, ha="left", fontsize=12)
    add_caption(fig, "Source: the corpus after cleaning (notebook 00). Tokens are words and numbers; punctuation excluded.")
    fig.tight_layout()
    return fig
