"""Charts for notebook 01 (term frequency): top terms per source, lexical dispersion."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import data_label, data_labels, source_colors

MAX_DISPERSION_ARTICLES = 12


def plot_top_terms(
    top: pd.DataFrame,
    sources: list[str],
    title: str,
    value: str = "rate_per_1000",
    xlabel: str = "occurrences per 1,000 tokens",
    row: str | None = None,
) -> plt.Figure:
    """Horizontal bars of ``value`` per term, one panel per source (and per ``row`` value
    if given), all panels on one shared x scale.  A panel with no terms says so."""
    rows = list(dict.fromkeys(top[row])) if row else [None]
    rows = rows or [None]
    colors = source_colors(sources)
    per_panel = max(1, int(top.groupby(([row] if row else []) + ["source"]).size().max()) if len(top) else 1)
    fig, axes = plt.subplots(
        len(rows), len(sources), sharex=True, squeeze=False,
        figsize=(3.6 * len(sources) + 0.8, (0.25 * per_panel + 0.9) * len(rows) + 0.4),
    )
    for i, r in enumerate(rows):
        for j, source in enumerate(sources):
            ax = axes[i][j]
            data = top[(top["source"] == source) & ((top[row] == r) if row else True)]
            ax.barh(range(len(data)), data[value], color=colors[source], height=0.8)
            ax.set_yticks(range(len(data)), data_labels(data["term"]))
            ax.set_ylim(per_panel - 0.5, -0.5)  # same bar height in every panel
            label = data_label(source) if r is None else f"{data_label(source)}\n{data_label(r)}"
            ax.set_title(label, fontsize=10)
            if data.empty:
                ax.text(0.5, 0.5, "no terms", transform=ax.transAxes, ha="center", va="center", color="#666666")
                ax.set_yticks([])
            ax.tick_params(axis="y", labelsize=9)
            if i == len(rows) - 1:
                ax.set_xlabel(xlabel)
    if top.empty:
        axes[0][0].set_xlim(0, 1)  # no bars: avoid a meaningless negative axis
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_dispersion(disp: pd.DataFrame, articles: pd.DataFrame, terms: list[str], title: str) -> plt.Figure:
    """Lexical dispersion: one panel per article (the first ``MAX_DISPERSION_ARTICLES``),
    a row per term, a tick at each occurrence's position (0 = start, 1 = end), coloured
    by source.  Articles with none of the terms keep an empty, labelled panel."""
    shown = articles.sort_values("article_id", kind="stable").head(MAX_DISPERSION_ARTICLES)
    colors = source_colors(sorted(articles["source"].unique()))
    fig, axes = plt.subplots(
        len(shown), 1, sharex=True, squeeze=False, figsize=(8, (0.22 * len(terms) + 0.7) * len(shown) + 0.6)
    )
    for ax, article in zip(axes[:, 0], shown.itertuples()):
        data = disp[disp["article_id"] == article.article_id]
        y = data["term"].map({t: i for i, t in enumerate(terms)})
        ax.scatter(data["position"], y, marker="|", s=120, color=colors[article.source], linewidths=1.5)
        ax.set_yticks(range(len(terms)), data_labels(terms), fontsize=8)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.02)
        ax.set_title(f"{data_label(article.article_id)} — {data_label(article.source)}", fontsize=10, loc="left")
        if data.empty:
            ax.text(0.5, 0.5, "none of the key terms", transform=ax.transAxes, ha="center", va="center", color="#666666")
        ax.grid(axis="y", color="#eeeeee")
    axes[-1, 0].set_xlabel("position in the article (0 = first token, 1 = last token)")
    more = len(articles) - len(shown)
    fig.suptitle(title + (f" (first {len(shown)} articles; {more} more not drawn)" if more > 0 else ""))
    fig.tight_layout()
    return fig
