"""The corpus overview chart: articles per source, tokens per article and sentence lengths
per source, for any number of articles (distributions, never one mark per article once
there are many)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .style import PALETTE, add_caption, data_labels

#: Most sources drawn (the largest; the caption counts the rest).
MAX_SOURCES = 20
#: A source with at most this many articles also gets one dot per article.
MAX_DOTS = 40


def plot_sizes(summary: pd.DataFrame, lengths: pd.DataFrame, sources: list[str] | None = None,
               note: str = "") -> plt.Figure:
    """Three panels, one row per source of ``sources`` (at most ``MAX_SOURCES``; give them
    largest first, e.g. ``overview.largest_sources``; default: as they first appear in
    ``summary``): articles per source (bars), tokens per article (box, and a dot per
    article when a source has few) and tokens per sentence (box, whiskers at the 5th
    and 95th percentiles, no outlier dots).  ``note``: a sentence added to the caption (e.g.
    that ``lengths`` come from a sample)."""
    sources = list(dict.fromkeys(summary["source"])) if sources is None else list(sources)
    shown = sources[:MAX_SOURCES]
    color = PALETTE[0]  # one colour: the row says the source, and 20 sources would cycle any palette
    labels = data_labels(shown, 40)
    fig, (bars, articles, sentences) = plt.subplots(
        1, 3, figsize=(12, 1.2 + 0.38 * len(shown)), sharey=True, gridspec_kw={"width_ratios": [1, 1.6, 1.6]}
    )
    per_article = [summary.loc[summary["source"] == s, "n_tokens"].to_numpy() for s in shown]
    per_sentence = [lengths.loc[lengths["source"] == s, "tokens"].to_numpy() for s in shown]
    y = np.arange(len(shown))
    bars.barh(y, [len(v) for v in per_article], color=color)
    bars.set(title="Articles", xlabel="articles")
    bars.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    for ax, data, title, xlabel in [
        (articles, per_article, "Article length", "tokens per article"),
        (sentences, per_sentence, "Sentence length", "tokens per sentence"),
    ]:
        ax.boxplot(data, positions=y, orientation="horizontal", whis=(5, 95), showfliers=False, widths=0.6,
                   medianprops={"color": "black"}, boxprops={"color": "#555555"})
        ax.set(title=title, xlabel=xlabel)
    for i, values in enumerate(per_article):
        if len(values) <= MAX_DOTS:
            jitter = (np.arange(len(values)) % 5 - 2) * 0.06 if len(values) > 1 else np.zeros(1)  # deterministic spread
            articles.scatter(values, i + jitter, s=18, alpha=0.7, color=color, zorder=3)
    bars.set_yticks(y, labels)
    bars.set_ylim(len(shown) - 0.5, -0.5)
    fig.suptitle("How many articles per source, and how long are they?", x=0.01, ha="left", fontsize=12)
    more = len(sources) - len(shown)
    add_caption(
        fig,
        "Source: the corpus after cleaning (notebook 00). Tokens are words and numbers; punctuation excluded. "
        "Boxes: quartiles and median; whiskers: 5th-95th percentile; dots: one per article when a source has "
        f"{MAX_DOTS} or fewer." + (f" The {len(shown)} largest sources; {more} more not drawn." if more > 0 else "") + note,
    )
    fig.tight_layout()
    return fig
