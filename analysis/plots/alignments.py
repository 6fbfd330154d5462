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

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..countries.record import LETTER_AGAINST, LETTER_SUPPORT, STATEMENT_INFO, july_2019_letters
from .style import OKABE_ITO, source_colors

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


#: Mention kinds that *name* a country (as ``analysis.countries.COUNTED_KINDS`` and its gold).
NAME_KINDS = ("name", "abbreviation")


def country_mentions_only(mentions: pd.DataFrame, kinds: tuple[str, ...] | None = NAME_KINDS) -> pd.DataFrame:
    """Mentions of a country (a three-letter ``iso3``, not a bloc such as the EU) of the given
    kinds (``None`` = every kind, demonyms and capitals included)."""
    if mentions is None or mentions.empty or "iso3" not in mentions:
        return pd.DataFrame(columns=["article_id", "iso3", "country", "kind"])
    keep = mentions["iso3"].fillna("").astype("str").str.fullmatch(r"[A-Z]{3}")
    if "is_bloc" in mentions:
        keep &= ~mentions["is_bloc"].astype(bool)
    if kinds is not None and "kind" in mentions:
        keep &= mentions["kind"].isin(kinds)
    return mentions[keep].reset_index(drop=True)


def named_countries(mentions: pd.DataFrame) -> set[str]:
    """ISO3 codes the articles *name* (name or abbreviation; no demonyms, capitals, titles, blocs)."""
    return set(country_mentions_only(mentions)["iso3"])


#: Cues that an article talks about the July 2019 letters (a heuristic gate, shown with evidence).
_LETTER_CUES = [
    re.compile(r"\b(?:22|37|twenty-two|thirty-seven)\s+(?:[A-Za-z-]+\s+)?(?:countries|nations|states|signatories)\b", re.I),
    re.compile(r"\bletters?\b.*\bHuman Rights Council\b|\bHuman Rights Council\b.*\bletters?\b", re.I),
    re.compile(r"\bletters?\b.*\bJuly\b.*\b2019\b|\bJuly\b.*\b2019\b.*\bletters?\b", re.I),
]


def july_2019_evidence(corpus) -> pd.DataFrame:
    """Sentences that suggest an article talks about the July 2019 letters (a number of
    22 or 37 countries, or a letter with the Human Rights Council or July 2019):
    article_id, sentence_id, sentence.  Empty if no article does."""
    rows = []
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    for sent in corpus.sentences.itertuples():
        sentence = texts[sent.article_id][sent.start:sent.end]
        if any(cue.search(sentence) for cue in _LETTER_CUES):
            rows.append((sent.article_id, sent.sentence_id, " ".join(sentence.split())))
    frame = pd.DataFrame(rows, columns=["article_id", "sentence_id", "sentence"])
    return frame.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)


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
    BLOC_22: "signatories of the letter against China's policy",
    BLOC_37: "original signatories of the counter-letter (Qatar included)",
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


def coverage_sentence(summary: pd.DataFrame, subject: str = "the articles") -> str:
    """"the articles name k of 22 … and m of 37 …" from ``coverage_summary``."""
    parts = []
    for row in summary.itertuples():
        names = f": {row.named_countries}" if row.named else ""
        parts.append(f"{row.named} of the {row.listed} {BLOC_PHRASES.get(row.bloc, row.bloc)}{names}")
    verb = "name" if subject.endswith("s") else "names"
    return f"{subject} {verb} " + "; and ".join(parts)


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
    if "noun_phrase" in stated:
        stated["count_of"] += ": " + stated["noun_phrase"] + " (" + stated["sentences"] + ")"
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


# --------------------------------------------------------------------------- record per country


def country_record(record: pd.DataFrame, iso3s: set[str] | list[str]) -> pd.DataFrame:
    """Per country (of ``iso3s`` that appear in the record): how many critical statements it
    joined (``n_against``), how many statements backing China (``n_support``, withdrawn
    signatures excluded), its 2022 HRC vote, and a ``camp``: ``critical``, ``backing China``,
    ``both`` or ``vote only``.  Sorted by camp, then country."""
    rows = record[record["iso3"].isin(set(iso3s))]
    columns = ["country", "iso3", "n_against", "n_support", "withdrew", "vote_2022", "camp"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(["country", "iso3"])
    out = pd.DataFrame({
        "n_against": grouped["position"].agg(lambda p: int((p == "against").sum())),
        "n_support": grouped["position"].agg(lambda p: int((p == "support").sum())),
        "withdrew": grouped["position"].agg(lambda p: bool((p == "support_withdrawn").any())),
        "vote_2022": grouped.apply(lambda g: ", ".join(g.loc[g["side"] == "vote", "position"]), include_groups=False),
    }).reset_index()
    camp = np.select(
        [(out["n_against"] > 0) & (out["n_support"] > 0), out["n_against"] > 0, out["n_support"] > 0],
        ["both", "critical", "backing China"], default="vote only",
    )
    out["camp"] = camp
    order = {"critical": 0, "backing China": 1, "both": 2, "vote only": 3}
    out["_c"] = out["camp"].map(order)
    out = out.sort_values(["_c", "country"], kind="stable").drop(columns="_c")
    return out[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- as told vs record

#: ``analysis.stance`` event that can refer to the July 2019 letters.
LETTER_EVENT = "letter"
_TOLD_TO_GROUPS = {
    "against": {"against"},
    "support": {"supports", "supports (joined later)", "withdrew"},
}


def stated_letter_sizes(stated: pd.DataFrame, article_ids: set[str] | list[str]) -> pd.DataFrame:
    """``stance.stated_bloc_sizes`` rows about a letter, from the given articles, as
    ``statement_id, article_id, n`` (+ ``noun_phrase``, ``sentences``): a stated size on the
    critical side is read as the letter of 22, on the supporting side as the counter-letter."""
    columns = ["statement_id", "article_id", "n", "noun_phrase", "sentences"]
    if stated is None or stated.empty:
        return pd.DataFrame(columns=columns)
    rows = stated[(stated["event"] == LETTER_EVENT) & stated["article_id"].isin(set(article_ids))
                  & stated["position"].isin(["against", "support"])].copy()
    rows["statement_id"] = np.where(rows["position"] == "against", LETTER_AGAINST, LETTER_SUPPORT)
    rows["n"] = rows["size"].astype("int64")
    rows["noun_phrase"] = np.where(rows["approximate"], "≈ ", "") + rows["noun_phrase"].astype("str")
    grouped = rows.groupby(["statement_id", "article_id", "n", "noun_phrase"], sort=True)["sentence_id"]
    out = grouped.agg(lambda s: ", ".join(f"s{i}" for i in sorted(s))).rename("sentences").reset_index()
    return out[columns]


def compare_with_record(told: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Each side an article places a country on (``stance.country_alignments``) beside the
    record: for the ``letter`` event, the country's July 2019 group and ``matches``
    (``yes``/``no``); for events the record holds no list for, ``matches`` is ``n/a``.
    ``camp_2019_2022`` is the country's camp over all documented statements."""
    columns = ["article_id", "sentence_id", "country", "iso3", "event", "position", "record_july_2019",
               "matches", "camp_2019_2022", "evidence"]
    if told is None or told.empty:
        return pd.DataFrame(columns=columns)
    letters = july_2019_letters(record).set_index("iso3")
    camps = country_record(record, set(told["iso3"])).set_index("iso3")["camp"]
    out = told.copy()
    out["country"] = [letters["country"].get(i, c) for i, c in zip(out["iso3"], out["country"])]
    blocs = out["is_bloc"].astype(bool) if "is_bloc" in out else pd.Series(False, index=out.index)
    out["record_july_2019"] = [
        "a bloc: not in the record" if bloc else letters["group"].get(i, "signed neither letter")
        for i, bloc in zip(out["iso3"], blocs)
    ]
    matches = []
    for event, position, group in zip(out["event"], out["position"], out["record_july_2019"]):
        if event != LETTER_EVENT or position not in _TOLD_TO_GROUPS:
            matches.append("n/a")
        else:
            matches.append("yes" if group in _TOLD_TO_GROUPS[position] else "no")
    out["matches"] = matches
    out["camp_2019_2022"] = [camps.get(i, "not in the record") for i in out["iso3"]]
    out = out.sort_values(["article_id", "sentence_id", "iso3"], kind="stable")
    return out[columns].reset_index(drop=True)
