"""The checker: ``country_positions`` and ``country_mentions`` against a gold set, per article style.

    from analysis.countries.scoring import score_gold_set
    result = score_gold_set()          # data/gold/positions (the development gold set)
    result.positions                   # precision / recall / F1 of positions per style and "all"
    result.mentions                    # the same for name-mention counts (states only)
    result.disagreements               # every position the reader adds or misses, with its sentence

or on the command line: ``python -m analysis score-positions [--gold DIR] [--record DIR]``.

A gold folder holds ``articles/`` (a corpus ``load_corpus`` reads), ``styles.csv`` (article_id,
style), ``positions.csv`` (article_id, iso3, position, event, ...) and ``mentions.csv``
(article_id, iso3, n_name_mentions).  A position is right when article, country, position and
event all agree (an unresolved event is the empty string).  Mentions are counted per article
and state (blocs and territories are not states: ``mentions.country_mentions_only``); true
positives are the smaller of the two counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..corpus import load_corpus
from .mentions import compare_counts, country_mentions, country_mentions_only
from .reading import country_positions

GOLD_DIR = DATA_DIR / "gold" / "positions"
KEY = ["article_id", "iso3", "position", "event"]
SCORE_COLUMNS = ["style", "articles", "n_gold", "n_predicted", "true_pos", "false_pos", "false_neg", "precision",
                 "recall", "f1"]


@dataclass
class GoldScores:
    positions: pd.DataFrame
    mentions: pd.DataFrame
    disagreements: pd.DataFrame
    mention_disagreements: pd.DataFrame
    predicted: pd.DataFrame


def _ratios(table: pd.DataFrame) -> pd.DataFrame:
    tp = table["true_pos"].astype(float)
    table["precision"] = (tp / table["n_predicted"].where(table["n_predicted"] > 0)).astype(float)
    table["recall"] = (tp / table["n_gold"].where(table["n_gold"] > 0)).astype(float)
    table["f1"] = (2 * table["precision"] * table["recall"] / (table["precision"] + table["recall"])).astype(float)
    return table


def _by_style(counts: pd.DataFrame, styles: pd.DataFrame) -> pd.DataFrame:
    """Sum per-article counts (n_gold, n_predicted, true_pos, ...) per style, plus "all"."""
    sums = ["n_gold", "n_predicted", "true_pos", "false_pos", "false_neg"]
    counts = styles.merge(counts, on="article_id", how="left").fillna({c: 0 for c in sums})
    per = counts.groupby("style", sort=True).agg(articles=("article_id", "nunique"), **{c: (c, "sum") for c in sums})
    per = per.reset_index()
    total = pd.DataFrame([{"style": "all", "articles": counts["article_id"].nunique(),
                           **{c: counts[c].sum() for c in sums}}])
    out = pd.concat([per, total], ignore_index=True)
    out[["articles", *sums]] = out[["articles", *sums]].astype("int64")
    return _ratios(out)[SCORE_COLUMNS]


def score_positions(predicted: pd.DataFrame, gold: pd.DataFrame, styles: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of (article, country, position, event) per style and overall."""
    pred = predicted[KEY].astype(str).drop_duplicates()
    want = gold[KEY].astype(str).drop_duplicates()
    both = want.merge(pred, on=KEY, how="outer", indicator=True)
    per = both.groupby("article_id")["_merge"].agg(
        n_gold=lambda m: int((m != "right_only").sum()), n_predicted=lambda m: int((m != "left_only").sum()),
        true_pos=lambda m: int((m == "both").sum()), false_pos=lambda m: int((m == "right_only").sum()),
        false_neg=lambda m: int((m == "left_only").sum()),
    ).reset_index()
    return _by_style(per, styles[["article_id", "style"]].astype(str))


def position_disagreements(predicted: pd.DataFrame, gold: pd.DataFrame, styles: pd.DataFrame) -> pd.DataFrame:
    """Every position the reader adds (``added``) or misses (``missed``): style, article_id,
    iso3, position, event, with the reader's rule and sentence for an added one and the gold
    action for a missed one."""
    pred = predicted.astype({c: str for c in KEY})
    want = gold.astype({c: str for c in KEY}).drop_duplicates(KEY)
    both = want.merge(pred.drop_duplicates(KEY), on=KEY, how="outer", indicator=True, suffixes=("_gold", ""))
    rows = both[both["_merge"] != "both"].copy()
    rows["kind"] = rows["_merge"].map({"left_only": "missed", "right_only": "added"}).astype(str)
    rows = rows.merge(styles[["article_id", "style"]].astype(str), on="article_id", how="left")
    for column in ("rule", "evidence", "action"):
        if column not in rows:
            rows[column] = ""
    rows["gold_action"] = rows["action_gold"] if "action_gold" in rows else ""
    columns = ["kind", "style", "article_id", "iso3", "position", "event", "rule", "gold_action", "evidence"]
    rows = rows.fillna({c: "" for c in columns})
    return rows[columns].sort_values(["article_id", "kind", "iso3"], kind="stable").reset_index(drop=True)


def score_mentions(mentions: pd.DataFrame, gold: pd.DataFrame, styles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-style scores, per article and state rows where the counts differ) for name mentions."""
    table = compare_counts(country_mentions_only(mentions), gold)
    per = table.groupby("article_id", as_index=False)[["n_gold", "n_predicted", "true_pos", "false_pos",
                                                        "false_neg"]].sum()
    differ = table[(table["false_pos"] > 0) | (table["false_neg"] > 0)].reset_index(drop=True)
    return _by_style(per, styles[["article_id", "style"]].astype(str)), differ


def score_gold_set(gold_dir: Path | str = GOLD_DIR, record=None) -> GoldScores:
    """Run ``country_positions`` and ``country_mentions`` on a gold folder and score them."""
    gold_dir = Path(gold_dir)
    corpus = load_corpus(gold_dir / "articles")
    styles = pd.read_csv(gold_dir / "styles.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(gold_dir / "positions.csv", dtype=str, keep_default_na=False)
    gold_mentions = pd.read_csv(gold_dir / "mentions.csv", dtype={"article_id": str, "iso3": str})
    predicted = country_positions(corpus, record)
    mention_scores, mention_rows = score_mentions(country_mentions(corpus), gold_mentions, styles)
    return GoldScores(
        positions=score_positions(predicted, gold, styles),
        mentions=mention_scores,
        disagreements=position_disagreements(predicted, gold, styles),
        mention_disagreements=mention_rows,
        predicted=predicted,
    )
