"""Charts for notebook 04 (coverage over time): attention per source and period, rates of
named terms over time as small multiples, and period heatmaps (terms, framing, countries).

Every chart stays readable at any corpus size: the notebook pools sources beyond the
largest few (``measures.periods.group_sources``) and passes top-k rows, and period tick
labels are thinned to at most ``MAX_TICKS``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .style import PALETTE, data_label, data_labels

#: At most this many period labels on an axis (every k-th period is labelled).
MAX_TICKS = 24
#: Small multiples per row.
PANELS_PER_ROW = 3
LINE_STYLES = ("-", "--", ":")
HEATMAP = "cividis"


def _period_ticks(ax, periods: list[str], axis: str = "x") -> None:
    step = max(1, int(np.ceil(len(periods) / MAX_TICKS)))
    at = list(range(0, len(periods), step))
    labels = [data_label(periods[i]) for i in at]
    if axis == "x":
        ax.set_xticks(at, labels, rotation=90 if len(periods) > 8 else 0, fontsize=8)
    else:
        ax.set_yticks(at, labels, fontsize=8)


def line_styles(sources: list[str]) -> dict[str, tuple[str, str]]:
    """A (colour, line style) per source: the eight palette colours, then dashed, then dotted."""
    return {s: (PALETTE[i % len(PALETTE)], LINE_STYLES[(i // len(PALETTE)) % len(LINE_STYLES)])
            for i, s in enumerate(sources)}


def plot_attention(att: pd.DataFrame, sources: list[str], title: str, unit: str) -> plt.Figure:
    """Two panels over the periods of an ``attention`` frame: articles per period stacked by
    source, and a heatmap of each source's share of the period's articles."""
    periods = list(dict.fromkeys(att["period"]))
    counts = att.pivot(index="source", columns="period", values="n_articles").reindex(index=sources, columns=periods)
    shares = att.pivot(index="source", columns="period", values="share").reindex(index=sources, columns=periods)
    fig, (top, bottom) = plt.subplots(
        2, 1, sharex=True, figsize=(max(7.5, 0.22 * len(periods) + 4), 3.2 + 0.3 * len(sources) + 0.6),
        gridspec_kw={"height_ratios": [3.2, 0.3 * len(sources) + 0.6]})
    styles = line_styles(sources)
    base = np.zeros(len(periods))
    for source in sources:
        values = counts.loc[source].fillna(0).to_numpy(dtype=float)
        top.bar(range(len(periods)), values, bottom=base, color=styles[source][0], width=0.85,
                hatch=None if styles[source][1] == "-" else "//", label=data_label(source), edgecolor="white", linewidth=0.3)
        base += values
    top.set_ylabel(f"articles per {unit}")
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    image = bottom.imshow(shares.to_numpy(dtype=float), aspect="auto", cmap=HEATMAP, vmin=0, vmax=1, interpolation="nearest")
    bottom.set_yticks(range(len(sources)), data_labels(sources), fontsize=8)
    _period_ticks(bottom, periods)
    bottom.set_xlabel(f"{unit} (UTC)")
    cax = bottom.inset_axes([1.01, 0.0, 0.015, 1.0])  # outside the axes, so both panels keep one width
    fig.colorbar(image, cax=cax, label="share of the period's articles")
    top.set_title(title)
    if not periods:
        top.text(0.5, 0.5, "no dated article", transform=top.transAxes, ha="center", va="center", color="#666666")
    fig.tight_layout()
    return fig


def plot_rates_over_time(rates: pd.DataFrame, labels: list[str], sources: list[str], title: str,
                         min_articles: int = 5, unit: str = "period") -> plt.Figure:
    """Small multiples, one panel per label: the rate per 10,000 tokens per period, a line
    per source; a point resting on fewer than ``min_articles`` articles is drawn hollow."""
    periods = sorted(rates["period"].unique())
    rows = int(np.ceil(max(len(labels), 1) / PANELS_PER_ROW))
    columns = min(max(len(labels), 1), PANELS_PER_ROW)
    fig, axes = plt.subplots(rows, columns, squeeze=False, sharex=True,
                             figsize=(max(4.2 * columns, 0.12 * len(periods) * columns), 2.8 * rows + 1.2))
    styles = line_styles(sources)
    position = {p: i for i, p in enumerate(periods)}
    for ax, label in zip(axes.ravel(), labels):
        for source in sources:
            data = rates[(rates["label"] == label) & (rates["source"] == source)]
            x = data["period"].map(position).to_numpy()
            colour, style = styles[source]
            ax.plot(x, data["rate_per_10k"], color=colour, linestyle=style, linewidth=1.2)
            solid = (data["n_articles"] >= min_articles).to_numpy()
            ax.scatter(x[solid], data["rate_per_10k"].to_numpy()[solid], color=colour, s=14, zorder=3)
            ax.scatter(x[~solid], data["rate_per_10k"].to_numpy()[~solid], facecolors="white", edgecolors=colour,
                       s=14, zorder=3)
        ax.set_title(data_label(label), fontsize=10)
        if not (rates.loc[rates["label"] == label, "n"] > 0).any():
            ax.text(0.5, 0.5, "not used", transform=ax.transAxes, ha="center", va="center", color="#666666")
        ax.set_ylabel("per 10,000 tokens", fontsize=8)
        ax.set_ylim(bottom=0)
        _period_ticks(ax, periods)
    for ax in axes.ravel()[len(labels):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel(f"{unit} (UTC)", fontsize=8)
    handles = [Line2D([], [], color=styles[s][0], linestyle=styles[s][1], label=data_label(s)) for s in sources]
    handles.append(Line2D([], [], color="#666666", marker="o", markerfacecolor="white", linestyle="",
                          label=f"fewer than {min_articles} articles"))
    legend_rows = int(np.ceil(len(handles) / 4))
    height = fig.get_figheight()
    fig.set_figheight(height + 0.2 * legend_rows)
    fig.legend(handles=handles, loc="lower center", ncol=min(4, len(handles)), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.0))
    fig.suptitle(title)
    fig.tight_layout(rect=(0, (0.2 * legend_rows + 0.15) / fig.get_figheight(), 1, 1))
    return fig


def plot_period_heatmap(frame: pd.DataFrame, row: str, value: str, title: str, colorbar: str,
                        rows: list[str] | None = None, unit: str = "period") -> plt.Figure:
    """A heatmap of ``value`` with one row per ``row`` value (in ``rows`` order, else first
    seen) and one column per period (sorted); missing cells are left blank."""
    periods = sorted(frame["period"].unique())
    rows = rows if rows is not None else list(dict.fromkeys(frame[row]))
    grid = frame.pivot_table(index=row, columns="period", values=value, aggfunc="first").reindex(index=rows, columns=periods)
    fig, ax = plt.subplots(figsize=(max(6.5, 0.22 * len(periods) + 4), 0.28 * len(rows) + 1.8))
    values = grid.to_numpy(dtype=float)
    top = np.nanmax(values) if np.isfinite(values).any() else 1.0
    image = ax.imshow(values, aspect="auto", cmap=HEATMAP, vmin=0, vmax=top if top > 0 else 1.0, interpolation="nearest")
    ax.set_yticks(range(len(rows)), data_labels(rows), fontsize=8)
    _period_ticks(ax, periods)
    ax.set_xlabel(f"{unit} (UTC)")
    fig.colorbar(image, ax=ax, label=colorbar, fraction=0.04, pad=0.01)
    ax.set_title(title)
    if not rows or not periods:
        ax.text(0.5, 0.5, "nothing to draw", transform=ax.transAxes, ha="center", va="center", color="#666666")
    fig.tight_layout()
    return fig
