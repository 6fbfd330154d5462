"""Framing: which of the competing names for the same thing each source uses.

``data/framing_lexicon.csv`` (editable; columns ``concept``, ``phrase``, ``note``) maps
each concept -- the Chinese state, the facilities, the people, the acts -- to the
phrases sources use for it.  Phrases are matched by ``phrases.find_phrases`` on the
folded token form (so "Uighurs" matches "Uyghurs"), leftmost-longest and without
overlap: a "re-education camps" match is not also a bare "camps" match, and "Chinese
Communist Party" is not also "Communist Party".  The lexicon's row order is the
display order.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DATA_DIR, PER_TEN_THOUSAND
from .phrases import find_phrases, phrase_tokens

LEXICON_FILE = DATA_DIR / "framing_lexicon.csv"
LEXICON_COLUMNS = ["concept", "phrase", "note"]


def load_framing_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """The framing lexicon (default ``data/framing_lexicon.csv``), checked.

    Every row needs a concept and a phrase; a phrase (after folding) may appear only
    once, since a match must belong to one concept.  ``note`` is optional.
    """
    path = Path(path) if path is not None else LEXICON_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ["concept", "phrase"] if c not in table]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
    if "note" not in table:
        table["note"] = ""
    table = table[LEXICON_COLUMNS].apply(lambda s: s.str.strip())
    blank = table.index[(table["concept"] == "") | (table["phrase"] == "")]
    if len(blank):
        raise ValueError(f"{path.name}: line {blank[0] + 2} has a blank concept or phrase")
    folded = table["phrase"].map(lambda p: " ".join(phrase_tokens(p)))
    dupes = sorted(folded[folded.duplicated()].unique())
    if dupes:
        raise ValueError(f"{path.name}: phrase(s) listed twice (after folding): {', '.join(dupes)}")
    return table.reset_index(drop=True)


def framing_matches(tokens: pd.DataFrame, lexicon: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every lexicon match: ``find_phrases`` rows plus ``concept`` (and ``source`` when
    ``articles`` is given), ordered by article and position."""
    matches = find_phrases(tokens, list(lexicon["phrase"]), articles=articles)
    out = matches.merge(lexicon[["phrase", "concept"]], on="phrase", how="left", validate="many_to_one")
    if articles is not None:
        out = out.merge(articles[["article_id", "source"]], on="article_id", how="left", validate="many_to_one")
    return out


def framing_rates(
    tokens: pd.DataFrame,
    lexicon: pd.DataFrame,
    by: str = "source",
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per group x lexicon phrase: how often the group uses it, within its concept.

    ``tokens`` needs the ``by`` column (join ``source`` with ``counts.add_source``) or
    ``articles`` to join it.  One row per group and phrase, zero rows included:
    ``n`` (matches), ``concept_n`` (matches of any phrase of the concept in the group),
    ``share`` (``n / concept_n``: the phrase's share of the concept's mentions; NaN when
    the group never names the concept), ``total_tokens`` and ``rate_per_10k``.
    Groups sorted; concepts and phrases in lexicon order.
    """
    if by not in tokens and articles is not None:
        tokens = tokens.merge(articles[["article_id", by]], on="article_id", how="left", validate="many_to_one")
    if by not in tokens:
        raise KeyError(f"tokens frame has no {by!r} column; give articles= to join it")
    totals = tokens.groupby(by, sort=True).size().rename("total_tokens")
    matches = framing_matches(tokens, lexicon)
    group_of = tokens.drop_duplicates("article_id").set_index("article_id")[by]
    matches[by] = matches["article_id"].map(group_of)
    counts = matches.groupby([by, "phrase"], sort=False).size()
    grid = pd.MultiIndex.from_product([totals.index, range(len(lexicon))], names=[by, "_row"]).to_frame(index=False)
    grid = grid.merge(lexicon.reset_index(names="_row")[["_row", "concept", "phrase"]], on="_row")
    keys = list(zip(grid[by], grid["phrase"]))
    grid["n"] = np.array([counts.get(k, 0) for k in keys], dtype="int64")
    grid["total_tokens"] = grid[by].map(totals).astype("int64")
    return rates_from_counts(grid, by)


def rates_from_counts(grid: pd.DataFrame, by: str) -> pd.DataFrame:
    """The last step of ``framing_rates``, shared with combining partitions' counts: from one
    row per group and lexicon phrase (``by``, ``_row`` (the phrase's lexicon row), ``concept``,
    ``phrase``, ``n``, ``total_tokens``), the concept totals, shares and rates, sorted."""
    grid["concept_n"] = grid.groupby([by, "concept"], sort=False)["n"].transform("sum").astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        grid["share"] = np.where(grid["concept_n"] > 0, grid["n"] / grid["concept_n"].where(grid["concept_n"] > 0), np.nan)
    grid["rate_per_10k"] = PER_TEN_THOUSAND * grid["n"] / grid["total_tokens"]
    grid = grid.sort_values([by, "_row"], kind="stable").drop(columns="_row").reset_index(drop=True)
    return grid[[by, "concept", "phrase", "n", "concept_n", "share", "total_tokens", "rate_per_10k"]]


def share_table(rates: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """``framing_rates`` as a wide table: rows (concept, phrase) in lexicon order, one
    column per group holding the share of the concept's mentions in percent."""
    wide = rates.set_index(["concept", "phrase", by])["share"].unstack(by)
    order = pd.MultiIndex.from_frame(rates[["concept", "phrase"]].drop_duplicates())
    return (100 * wide.reindex(order)).rename_axis(columns=by)


def leading_phrases(rates: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """Per group and concept, the most used phrase (ties: lexicon order; ``tied_with``
    lists the other phrases with the same count) and its share; concepts a group never
    names are left out."""
    used = rates[rates["concept_n"] > 0]
    order = used.assign(_o=np.arange(len(used)))
    best = order.sort_values([by, "concept", "n", "_o"], ascending=[True, True, False, True], kind="stable")
    peak = best.groupby([by, "concept"], sort=False)["n"].transform("max")
    ties = best[best["n"] == peak].groupby([by, "concept"], sort=False)["phrase"].agg(list)
    best = best.groupby([by, "concept"], sort=False).head(1).copy()
    best["tied_with"] = [", ".join(p for p in ties[(g, c)] if p != first)
                         for g, c, first in zip(best[by], best["concept"], best["phrase"])]
    concept_order = {c: i for i, c in enumerate(pd.unique(rates["concept"]))}
    best = best.assign(_c=best["concept"].map(concept_order)).sort_values([by, "_c"], kind="stable")
    return best[[by, "concept", "phrase", "n", "concept_n", "share", "tied_with"]].reset_index(drop=True)
