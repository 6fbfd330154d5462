"""Charts for notebook 01 (term frequency): top terms per source, lexical dispersion.

Sized by the number of sources S, decided by ``term_chart_kind``: with up to
``SMALL_MULTIPLES_MAX`` sources every source gets its own bar panel (readable side by
side); with more, panels would be too narrow to read, so a heatmap shows the largest
``MAX_HEATMAP_SOURCES`` sources (rows) against the corpus's most frequent terms
(columns), rate per 1,000 tokens in each cell.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import OKABE_ITO, data_label, data_labels, source_colors

MAX_DISPERSION_ARTICLES = 12
#: Most sources drawn as side-by-side panels; more sources get a heatmap.
SMALL_MULTIPLES_MAX = 6
#: Most sources (rows) of a heatmap, and of the dispersion summary.
MAX_HEATMAP_SOURCES = 30
MAX_SUMMARY_SOURCES = 12


def term_chart_kind(n_sources: int) -> str:
    """"panels" (one bar panel per source) for up to ``SMALL_MULTIPLES_MAX`` sources,
    else "heatmap"."""
    return "panels" if n_sources <= SMALL_MULTIPLES_MAX else "heatmap"


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
    """Lexical dispersion: one panel per article of ``articles`` (give the few chosen
    ones, e.g. ``context.choose_articles``; at most the first ``MAX_DISPERSION_ARTICLES``),
    a row per term, a tick at each occurrence's position (0 = start, 1 = end), coloured
    by source.  Articles with none of the terms keep an empty, labelled panel."""
    shown = articles.sort_values("article_id", kind="stable").head(MAX_DISPERSION_ARTICLES)
    if shown.empty:
        fig, ax = plt.subplots(figsize=(8, 1.6))
        ax.text(0.5, 0.5, "no article to draw (none uses the key terms, or none was chosen)",
                transform=ax.transAxes, ha="center", va="center", color="#666666")
        ax.set(xlim=(0, 1), yticks=[], xlabel="position in the article (0 = first token, 1 = last token)")
        fig.suptitle(title)
        fig.tight_layout()
        return fig
    colors = source_colors(list(dict.fromkeys(shown["source"])))
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


def plot_term_heatmap(
    counts: pd.DataFrame, sources: list[str], terms: list[str], title: str, value: str = "rate_per_1000",
    label: str = "occurrences per 1,000 tokens",
) -> plt.Figure:
    """Sources (rows, the first ``MAX_HEATMAP_SOURCES`` of ``sources``) x ``terms``
    (columns) of a ``count_terms(by="source")`` frame, coloured by ``value`` (0 where a
    source never uses the term), with a colour bar."""
    shown = list(sources)[:MAX_HEATMAP_SOURCES]
    grid = (
        counts[counts["source"].isin(shown) & counts["term"].isin(terms)]
        .pivot_table(index="source", columns="term", values=value, aggfunc="sum", fill_value=0.0)
        .reindex(index=shown, columns=terms, fill_value=0.0)
    )
    fig, ax = plt.subplots(figsize=(1.2 + 0.36 * len(terms) + 2.5, 1.4 + 0.3 * len(shown)))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="viridis", interpolation="nearest")
    ax.set_xticks(range(len(terms)), data_labels(terms, 30), rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(shown)), data_labels(shown, 40), fontsize=8)
    ax.set(xlabel="term (the corpus's most frequent)", ylabel="source (largest first)")
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    more = len(sources) - len(shown)
    fig.suptitle(title + (f" ({len(shown)} largest sources; {more} more not drawn)" if more > 0 else ""),
                 x=0.01, ha="left")
    fig.tight_layout()
    return fig


#: Colours of the first, middle and last third (Okabe-Ito, ordered light to dark).
THIRD_COLORS = [OKABE_ITO["sky_blue"], OKABE_ITO["bluish_green"], OKABE_ITO["blue"]]


def plot_dispersion_summary(summary: pd.DataFrame, sources: list[str], terms: list[str], title: str) -> plt.Figure:
    """One panel per term; in it, one stacked bar per source (the first
    ``MAX_SUMMARY_SOURCES`` of ``sources``): the shares of the term's occurrences in the
    first, middle and last third of the articles (a ``dispersion_summary`` frame), and
    the number of occurrences at the bar's end.  A source that never uses the term
    keeps an empty row."""
    shown = list(sources)[:MAX_SUMMARY_SOURCES]
    ncols = min(4, max(len(terms), 1))
    nrows = int(np.ceil(len(terms) / ncols)) if terms else 1
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True,
                             figsize=(3.2 * ncols + 1.5, (0.26 * len(shown) + 0.9) * nrows + 0.6))
    y = np.arange(len(shown))
    for ax, term in zip(axes.flat, terms):
        data = summary[summary["term"] == term].set_index("source").reindex(shown)
        left = np.zeros(len(shown))
        for name, color in zip(["first", "middle", "last"], THIRD_COLORS):
            share = data[f"share_{name}"].fillna(0).to_numpy(dtype=float)
            ax.barh(y, share, left=left, color=color, height=0.75, label=f"{name} third")
            left += share
        for i, n in enumerate(data["n"].fillna(0).astype(int)):
            ax.text(1.02, i, f"{n:,}", va="center", fontsize=7, color="#333333")
        ax.set_title(data_label(term), fontsize=10)
        ax.set_xlim(0, 1.25)
        ax.set_xticks([0, 0.5, 1])
    for ax in axes.flat[len(terms):]:
        ax.set_visible(False)
    axes[0][0].set_yticks(y, data_labels(shown, 30))
    axes[0][0].set_ylim(len(shown) - 0.5, -0.5)
    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[-1]:
        ax.set_xlabel("share of occurrences")
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper right", ncols=3, fontsize=8, frameon=False)
    more = len(sources) - len(shown)
    fig.suptitle(title + (f" ({len(shown)} largest sources; {more} more in the table)" if more > 0 else ""),
                 x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig
