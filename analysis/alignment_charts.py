"""Tables and charts for notebook 03 (country alignments).

Every ``*_table`` function returns the frame a chart is drawn from; every ``plot_*``
function draws one chart from that frame and returns the figure (the notebook saves both
with ``analysis.charts.save_chart``).  Inputs:

* ``mentions``: one row per country mention (``article_id``, ``iso3``, ``country``, ``kind``
  ...), as ``analysis.countries.country_mentions`` returns it; rows without a three-letter
  ``iso3`` (blocs such as the EU) are left out of the per-country tables.
* ``record``: ``analysis.alignments.load_alignments()``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .alignments import LETTER_AGAINST, LETTER_SUPPORT, STATEMENT_INFO, july_2019_letters
from .charts import OKABE_ITO, source_colors

NAMED_COLOR = OKABE_ITO["bluish_green"]
UNNAMED_COLOR = "#DDDDDD"

#: Cell values of the alignment matrix: code, label, colour, score (+ critical / − backing China).
MATRIX_CODES = {
    "": ("not listed", "#FFFFFF", 0),
    "against": ("joined the critical statement", OKABE_ITO["blue"], 1),
    "yes": ("voted yes (hold a debate)", OKABE_ITO["sky_blue"], 1),
    "abstain": ("abstained", OKABE_ITO["grey"], 0),
    "support_withdrawn": ("signed, then withdrew", OKABE_ITO["reddish_purple"], 0),
    "no": ("voted no (no debate)", OKABE_ITO["vermillion"], -1),
    "support": ("joined the statement backing China", OKABE_ITO["orange"], -1),
}


def country_mentions_only(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that name a country (a three-letter ``iso3``), not a bloc."""
    if mentions is None or mentions.empty or "iso3" not in mentions:
        return pd.DataFrame(columns=["article_id", "iso3", "country", "kind"])
    keep = mentions["iso3"].fillna("").astype("str").str.fullmatch(r"[A-Z]{3}")
    return mentions[keep].reset_index(drop=True)


# --------------------------------------------------------------------------- mentions


def mentions_table(mentions: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Mentions per country per article (wide: one column per article, plus ``total``),
    sorted by total (descending), then country name."""
    rows = country_mentions_only(mentions)
    if rows.empty:
        return pd.DataFrame(columns=["country", "iso3", *article_ids, "total"])
    wide = pd.crosstab([rows["country"], rows["iso3"]], rows["article_id"])
    wide = wide.reindex(columns=article_ids, fill_value=0)
    wide["total"] = wide.sum(axis=1)
    wide = wide.reset_index()
    wide.columns.name = None
    return wide.sort_values(["total", "country"], ascending=[False, True], kind="stable").reset_index(drop=True)


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
                color=colors[aid], label=article_labels[aid])
    ax.set_yticks(y, table["country"])
    ax.invert_yaxis()
    ax.set_xlabel("mentions (count; names, abbreviations, demonyms, capitals)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Which countries each article mentions, and how often", loc="left")
    ax.legend(frameon=False, loc="lower right")
    return fig


# --------------------------------------------------------------------------- coverage


BLOC_22 = "the 22 (letter against)"
BLOC_37 = "the 37 (counter-letter, 12 Jul)"
BLOC_PHRASES = {
    BLOC_22: "signatories of the letter of 22 against China's policy",
    BLOC_37: "original signatories of the counter-letter, Qatar included,",
}


def coverage_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """The 22 signatories of the letter against and the 37 original signatories of the
    counter-letter, each with ``named`` (any article mentions it), ``n_mentions`` and
    ``articles``; sorted by bloc, named first, then country."""
    letters = july_2019_letters()
    blocs = {
        BLOC_22: letters["group"] == "against",
        BLOC_37: letters["group"].isin(["supports", "withdrew"]),
    }
    rows = country_mentions_only(mentions)
    counts = rows.groupby("iso3").size()
    where = rows.groupby("iso3")["article_id"].agg(lambda s: ", ".join(sorted(set(s))))
    frames = []
    for bloc, mask in blocs.items():
        part = letters.loc[mask, ["country", "iso3", "group"]].copy()
        part.insert(0, "bloc", bloc)
        part["n_mentions"] = [int(counts.get(i, 0)) for i in part["iso3"]]
        part["named"] = part["n_mentions"] > 0
        part["articles"] = [str(where.get(i, "")) for i in part["iso3"]]
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["_bloc"] = out["bloc"].map({b: i for i, b in enumerate(blocs)})
    out = out.sort_values(["_bloc", "named", "country"], ascending=[True, False, True], kind="stable")
    return out.drop(columns="_bloc").reset_index(drop=True)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per bloc: ``listed``, ``named``, ``not_named`` and the names the articles use."""
    rows = []
    for bloc, part in coverage.groupby("bloc", sort=False):
        named = part[part["named"]]
        rows.append({
            "bloc": bloc, "listed": len(part), "named": len(named), "not_named": len(part) - len(named),
            "named_countries": ", ".join(named["country"]),
        })
    return pd.DataFrame(rows, columns=["bloc", "listed", "named", "not_named", "named_countries"])


def coverage_sentence(summary: pd.DataFrame) -> str:
    """"the articles name k of 22 … and m of 37 …" from ``coverage_summary``."""
    parts = []
    for row in summary.itertuples():
        names = f" ({row.named_countries})" if row.named else ""
        parts.append(f"{row.named} of the {row.listed} {BLOC_PHRASES.get(row.bloc, row.bloc)}{names}")
    return "the articles name " + " and ".join(parts)


def plot_coverage(summary: pd.DataFrame) -> plt.Figure:
    """One horizontal bar per bloc: named (green) and not named (grey), names printed beside."""
    fig, ax = plt.subplots(figsize=(9, 2.6))
    y = np.arange(len(summary))
    ax.barh(y, summary["named"], color=NAMED_COLOR, label="named in the articles")
    ax.barh(y, summary["not_named"], left=summary["named"], color=UNNAMED_COLOR, label="not named")
    for yi, row in zip(y, summary.itertuples()):
        ax.text(row.listed + 0.5, yi, f"{row.named} of {row.listed}", va="center", fontsize=9)
        if row.named:
            ax.text(0.3, yi + 0.42, row.named_countries, va="center", fontsize=7.5, color="#333333")
    ax.set_yticks(y, summary["bloc"])
    ax.invert_yaxis()
    ax.set_xlim(0, max(summary["listed"].max(), 1) * 1.15)
    ax.set_xlabel("signatory countries (count)")
    ax.set_title("Of the signatories of the July 2019 letters, how many the articles name", loc="left")
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    return fig


# --------------------------------------------------------------------------- bloc sizes


def documented_bloc_sizes() -> pd.DataFrame:
    """The documented sizes of the July 2019 letters: original signatories and as issued."""
    letters = july_2019_letters()
    n = letters["group"].value_counts()
    return pd.DataFrame(
        [
            (LETTER_AGAINST, "letter against (8 Jul 2019)", "documented: signatories", int(n.get("against", 0))),
            (LETTER_SUPPORT, "counter-letter (12 Jul 2019)", "documented: original signatories (12 Jul)",
             int(n.get("supports", 0) + n.get("withdrew", 0))),
            (LETTER_SUPPORT, "counter-letter (12 Jul 2019)", "documented: in the document as issued",
             int(n.get("supports", 0) + n.get("supports (joined later)", 0))),
        ],
        columns=["statement_id", "letter", "count_of", "n"],
    )


def bloc_size_table(stated: pd.DataFrame) -> pd.DataFrame:
    """Stated sizes (``statement_id``, ``article_id``, ``n``) beside the documented ones."""
    documented = documented_bloc_sizes()
    letter_names = dict(zip(documented["statement_id"], documented["letter"]))
    if stated is None or stated.empty:
        return documented
    stated = stated[stated["statement_id"].isin(letter_names)].copy()
    stated["letter"] = stated["statement_id"].map(letter_names)
    stated["count_of"] = "stated in article " + stated["article_id"].astype("str")
    out = pd.concat([documented, stated[documented.columns]], ignore_index=True)
    order = {sid: i for i, sid in enumerate(STATEMENT_INFO)}
    out["_s"] = out["statement_id"].map(order)
    out["_k"] = ~out["count_of"].str.startswith("documented")
    out = out.sort_values(["_s", "_k"], kind="stable").drop(columns=["_s", "_k"])
    return out.drop_duplicates().reset_index(drop=True)


def plot_bloc_sizes(table: pd.DataFrame) -> plt.Figure:
    """Horizontal bars, one per (letter, count): documented in blue/orange, stated in green."""
    labels = table["letter"] + " — " + table["count_of"]
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


# --------------------------------------------------------------------------- matrix


def alignment_matrix(record: pd.DataFrame) -> pd.DataFrame:
    """Countries × statements (columns in date order, short labels), cells = position
    ('' = not listed).  Rows are ordered so blocs are visible: by score (+1 critical
    statement or yes, −1 backing China or no), then by how many statements list the
    country, then by the first statement that lists it, then by name."""
    order = list(STATEMENT_INFO)
    labels = {sid: info[3] for sid, info in STATEMENT_INFO.items()}
    present = [sid for sid in order if sid in set(record["statement_id"])]
    wide = record.pivot(index=["country", "iso3"], columns="statement_id", values="position")
    wide = wide.reindex(columns=present).fillna("").astype("str")
    score = wide.apply(lambda col: col.map(lambda v: MATRIX_CODES[v][2])).sum(axis=1)
    listed = (wide != "").sum(axis=1)
    first = (wide != "").values.argmax(axis=1)
    keys = pd.DataFrame({"score": score.values, "listed": listed.values, "first": first,
                         "name": wide.index.get_level_values("country")}, index=wide.index)
    keys = keys.sort_values(["score", "listed", "first", "name"], ascending=[False, False, True, True],
                            kind="stable")
    wide = wide.loc[keys.index].rename(columns=labels).reset_index()
    wide.columns.name = None
    return wide


def plot_alignment_matrix(matrix: pd.DataFrame, named: set[str] = frozenset()) -> plt.Figure:
    """The matrix as coloured cells; countries the articles name in bold, marked ●."""
    columns = [c for c in matrix.columns if c not in ("country", "iso3")]
    codes = list(MATRIX_CODES)
    values = matrix[columns].apply(lambda col: col.map(codes.index)).to_numpy()
    cmap = ListedColormap([MATRIX_CODES[c][1] for c in codes])
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(7.5, 1.8 + 0.125 * n))
    ax.pcolormesh(values, cmap=cmap, vmin=-0.5, vmax=len(codes) - 0.5, edgecolors="#EEEEEE", linewidth=0.3)
    ax.set_xticks(np.arange(len(columns)) + 0.5, columns, rotation=40, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    labels = [f"● {c}" if iso in named else c for c, iso in zip(matrix["country"], matrix["iso3"])]
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
