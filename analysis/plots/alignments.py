"""Charts of notebook 03 (country alignments), each drawn from a table computed in
``analysis.countries`` (``mentions.mentions_table``, ``comparison.coverage_summary``,
``comparison.bloc_size_table``, ``record.alignment_matrix``); the notebook saves each chart
beside its table with ``style.save_chart``."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..countries.record import LETTER_AGAINST
from .style import OKABE_ITO, data_label, data_labels, source_colors

NAMED_COLOR = OKABE_ITO["bluish_green"]
UNNAMED_COLOR = "#DDDDDD"
#: The list of named countries printed inside a coverage bar is longer than a label.
NAMES_LABEL_CHARS = 240

#: Cell values of the alignment matrix: code, label, colour (legend order).
MATRIX_CODES = {
    "": ("not listed", "#FFFFFF"),
    "against": ("joined the critical statement", OKABE_ITO["blue"]),
    "yes": ("voted yes (hold a debate)", OKABE_ITO["sky_blue"]),
    "abstain": ("abstained", OKABE_ITO["grey"]),
    "support_withdrawn": ("signed, then withdrew", OKABE_ITO["reddish_purple"]),
    "no": ("voted no (no debate)", OKABE_ITO["vermillion"]),
    "support": ("joined the statement backing China", OKABE_ITO["orange"]),
}


def plot_mentions(table: pd.DataFrame, article_labels: dict[str, str]) -> plt.Figure:
    """Horizontal grouped bars: mentions of each country in each article."""
    articles = list(article_labels)
    colors = source_colors(articles)
    n = len(table)
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.32 * max(n, 1) * max(1, len(articles) / 2)))
    height = 0.8 / max(len(articles), 1)
    y = np.arange(n)
    for i, aid in enumerate(articles):
        ax.barh(y + (i - (len(articles) - 1) / 2) * height, table[aid], height=height,
                color=colors[aid], label=data_label(article_labels[aid]))
    ax.set_yticks(y, data_labels(table["country"]))
    ax.invert_yaxis()
    ax.set_xlabel("mentions (count; names, abbreviations, demonyms, capitals)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Which countries each article mentions, and how often", loc="left")
    ax.legend(frameon=False, loc="lower right")
    return fig


def plot_coverage(summary: pd.DataFrame) -> plt.Figure:
    """One horizontal bar per bloc: named (green) and not named (grey), names printed beside."""
    fig, ax = plt.subplots(figsize=(9, 2.6))
    y = np.arange(len(summary))
    ax.barh(y, summary["named"], color=NAMED_COLOR, label="named in the articles")
    ax.barh(y, summary["not_named"], left=summary["named"], color=UNNAMED_COLOR, label="not named")
    for yi, row in zip(y, summary.itertuples()):
        ax.text(row.listed + 0.5, yi, f"{row.named} of {row.listed}", va="center", fontsize=9)
        if row.named:
            ax.text(0.3, yi + 0.42, data_label(row.named_countries, NAMES_LABEL_CHARS), va="center", fontsize=7.5,
                    color="#333333")
    ax.set_yticks(y, data_labels(summary["bloc"]))
    ax.invert_yaxis()
    ax.set_xlim(0, max(summary["listed"].max(), 1) * 1.15)
    ax.set_xlabel("signatory countries (count)")
    ax.set_title("Of the signatories of the July 2019 letters, how many the articles name", loc="left")
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    return fig


def plot_bloc_sizes(table: pd.DataFrame) -> plt.Figure:
    """Horizontal bars, one per (letter, count): documented in blue/orange, stated in green."""
    labels = [f"{data_label(letter)} — {data_label(count)}"
              for letter, count in zip(table["letter"], table["count_of"])]
    colors = [
        NAMED_COLOR if not c.startswith("documented")
        else (OKABE_ITO["blue"] if s == LETTER_AGAINST else OKABE_ITO["orange"])
        for c, s in zip(table["count_of"], table["statement_id"])
    ]
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.45 * len(table)))
    y = np.arange(len(table))
    ax.barh(y, table["n"], color=colors)
    for yi, n in zip(y, table["n"]):
        ax.text(n + 0.5, yi, str(n), va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("countries (count)")
    ax.set_title("Size of each July 2019 letter: as the articles state it and as documented", loc="left")
    ax.legend(handles=[
        Patch(color=OKABE_ITO["blue"], label="documented, letter against"),
        Patch(color=OKABE_ITO["orange"], label="documented, counter-letter"),
        Patch(color=NAMED_COLOR, label="stated in an article"),
    ], frameon=False, loc="lower right", fontsize=8)
    return fig


def plot_alignment_matrix(matrix: pd.DataFrame, named: set[str] = frozenset()) -> plt.Figure:
    """The matrix as coloured cells; countries the articles name in bold, marked ●."""
    columns = [c for c in matrix.columns if c not in ("country", "iso3")]
    codes = list(MATRIX_CODES)
    values = matrix[columns].apply(lambda col: col.map(codes.index)).to_numpy()
    cmap = ListedColormap([MATRIX_CODES[c][1] for c in codes])
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(7.5, 1.8 + 0.125 * n))
    ax.pcolormesh(values, cmap=cmap, vmin=-0.5, vmax=len(codes) - 0.5, edgecolors="#EEEEEE", linewidth=0.3)
    ax.set_xticks(np.arange(len(columns)) + 0.5, data_labels(columns), rotation=40, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    labels = [f"● {data_label(c)}" if iso in named else data_label(c)
              for c, iso in zip(matrix["country"], matrix["iso3"])]
    ax.set_yticks(np.arange(n) + 0.5, labels, fontsize=6.5)
    for tick, iso in zip(ax.get_yticklabels(), matrix["iso3"]):
        if iso in named:
            tick.set_fontweight("bold")
    ax.set_ylim(n, 0)
    ax.set_ylabel("country (● = named in the articles)")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(facecolor=MATRIX_CODES[c][1], edgecolor="#999999", label=MATRIX_CODES[c][0])
                       for c in codes], loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    ax.set_title("Who joined which statement on Xinjiang, 2019–2022 (documented record)", loc="left", pad=90)
    return fig


#: Colours of a source's side on a country (``countries.sources.sides_by_source``).
SIDE_COLORS = {
    "against": (OKABE_ITO["blue"], "placed against (critical of China)"),
    "support": (OKABE_ITO["orange"], "placed in support (backing China)"),
    "mixed": (OKABE_ITO["reddish_purple"], "placed on both sides"),
    "other": (OKABE_ITO["grey"], "withdrew / abstained only"),
}
#: Colours of the verdicts of ``check_positions`` (stacked in this order).
VERDICT_COLORS = {
    "agrees": (OKABE_ITO["bluish_green"], "agrees with the record"),
    "contradicts": (OKABE_ITO["vermillion"], "contradicts the record"),
    "no list": (OKABE_ITO["sky_blue"], "statement with no published list"),
    "n/a": ("#CCCCCC", "event the record does not hold"),
}
#: Source names on the charts of many sources are cut shorter than other labels.
SOURCE_LABEL_CHARS = 32


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def plot_source_mentions(by_source: pd.DataFrame, sources: list[str], countries: list[str]) -> plt.Figure:
    """A grid of countries (rows, in the order given) × sources (columns): colour = share of
    the source's articles that name the country, number = its name mentions in that source
    (``countries.sources.mentions_by_source``; blank = not named)."""
    cells = by_source[by_source["source"].isin(sources) & by_source["iso3"].isin(countries)]
    share = cells.pivot(index="iso3", columns="source", values="share_of_articles").reindex(
        index=countries, columns=sources)
    count = cells.pivot(index="iso3", columns="source", values="n_mentions").reindex(index=countries, columns=sources)
    names = dict(zip(by_source["iso3"], by_source["country"]))
    sizes = dict(zip(by_source["source"], by_source["source_articles"]))
    fig, ax = plt.subplots(figsize=(2.6 + 0.55 * max(len(sources), 2), 1.8 + 0.3 * max(len(countries), 1)))
    image = ax.imshow(share.to_numpy(dtype=float), cmap="cividis_r", vmin=0, vmax=1, aspect="auto")
    for (i, j), n in np.ndenumerate(count.to_numpy(dtype=float)):
        if not np.isnan(n):
            light = share.iat[i, j] > 0.55
            ax.text(j, i, _number(n), ha="center", va="center", fontsize=7, color="white" if light else "black")
    ax.set_xticks(np.arange(len(sources)),
                  [f"{data_label(s, SOURCE_LABEL_CHARS)} ({sizes.get(s, 0)})" for s in sources],
                  rotation=40, ha="right", fontsize=8)
    ax.set_yticks(np.arange(len(countries)), data_labels([names.get(c, c) for c in countries]), fontsize=8)
    ax.set_xlabel("source (articles in the corpus)")
    ax.set_ylabel("country named")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("share of the source's articles naming it (0–1)")
    ax.set_title("Which countries each source names: share of its articles (colour), name mentions (number)",
                 loc="left", fontsize=10)
    fig.tight_layout()
    return fig


def plot_source_placements(chart: pd.DataFrame, sources: list[str], countries: list[str]) -> plt.Figure:
    """Two panels sharing the sources (rows): left, the side each source places each country on
    (colour; number = placements); right, its placements by verdict against the record, with the
    agreement rate (agrees / (agrees + contradicts)).  ``chart``: ``placement_chart_frame``."""
    sides = chart[chart["panel"] == "side"]
    record = chart[chart["panel"] == "record"].pivot(index="source", columns="measure", values="value")
    record = record.reindex(index=sources, columns=[*VERDICT_COLORS, "checkable", "agreement_rate"])
    names = dict(zip(sides["iso3"], sides["country"]))
    n, m = max(len(sources), 1), max(len(countries), 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(4.0 + 0.42 * m + 4.5, 3.2 + 0.36 * n), sharey=True,
                                      gridspec_kw={"width_ratios": [max(m, 3), 6]})
    col = {c: j for j, c in enumerate(countries)}
    row = {s: i for i, s in enumerate(sources)}
    for cell in sides.itertuples():
        color = SIDE_COLORS.get(cell.measure, SIDE_COLORS["other"])[0]
        i, j = row[cell.source], col[cell.iso3]
        left.add_patch(plt.Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, color=color))
        left.text(j, i, _number(cell.value), ha="center", va="center", fontsize=7,
                  color="black" if cell.measure in ("support", "other") else "white")
    left.set_xlim(-0.5, m - 0.5)
    left.set_ylim(n - 0.5, -0.5)
    left.set_xticks(np.arange(len(countries)), data_labels([names.get(c, c) for c in countries]),
                    rotation=40, ha="right", fontsize=8)
    left.set_yticks(np.arange(len(sources)), data_labels(sources, SOURCE_LABEL_CHARS), fontsize=8)
    left.set_xlabel("country placed (most placed first)")
    left.set_ylabel("source")
    left.set_title("Side each source places each country on (number = placements)", loc="left", fontsize=10)
    left.grid(False)
    y = np.arange(len(sources))
    start = np.zeros(len(sources))
    for verdict, (color, label) in VERDICT_COLORS.items():
        values = record[verdict].fillna(0).to_numpy(dtype=float)
        right.barh(y, values, left=start, color=color, label=label, height=0.7)
        start += values
    top = max(float(start.max()) if len(start) else 0.0, 1.0)
    for yi, total, rate, checkable in zip(y, start, record["agreement_rate"], record["checkable"].fillna(0)):
        text = "none checkable" if np.isnan(rate) else f"{rate:.0%} agree (of {checkable:.0f})"
        right.text(total + 0.02 * top, yi, text, va="center", fontsize=8)
    right.set_xlim(0, top * 1.45)
    right.set_xlabel("placements (count)")
    right.set_title("Placements set beside the record", loc="left", fontsize=10)
    handles = [Patch(color=c, label=label) for c, label in SIDE_COLORS.values()]
    handles += [Patch(color=c, label=label) for c, label in VERDICT_COLORS.values()]
    height = fig.get_figheight()
    # the legend sits above the figure's bottom edge, leaving room for the caption under it
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 0.3 / height))
    fig.suptitle("Which sources place which countries on which side, and how often the record agrees",
                 x=0.01, ha="left", fontsize=12)
    fig.tight_layout(rect=(0, 0.95 / height, 1, 1 - 0.1 / height))
    return fig
