"""Words over time: term and framing rates per source and period, the terms whose rate
changes most across periods, and keyness before vs after a date.

Each verb reuses the package's own: phrases are found by ``phrases.find_phrases``, framing
by ``framing.framing_matches``, term counts by ``counts.count_terms`` and keyness by
``keyness.keyness``; the period (``periods.place_articles``) or the side of a cut date
(``periods.side_of_cut``) is one more grouping column.  Rates are per ``RATE_BASE``
(10,000) tokens; every rate comes with the counts it rests on (``n``, ``n_articles``,
``n_articles_with``), so a rate from three articles is not read as a trend.

Change across periods
---------------------
``changing_terms`` scores each term by the log-likelihood G² of its counts against the
period's token totals over the ``k`` periods (a 2 x k table: the term / every other token,
by period; Dunning 1993 generalised to k columns)::

    E_p = T_p * n / N          (T_p tokens in period p, n the term's count, N all tokens)
    G2  = 2 * sum_p [ O_p ln(O_p / E_p) + (T_p - O_p) ln((T_p - O_p) / (T_p - E_p)) ]

with ``k - 1`` degrees of freedom.  A high G² says the term's rate is uneven across
periods (a burst, a rise, a fall), not which way; ``peak_period`` and the rates say that.
Like keyness it grows with the counts, so read it as a ranking; with one period there is
nothing to compare and the result is empty.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy.special import xlogy
from scipy.stats import chi2

from ..config import PER_TEN_THOUSAND
from .codes import codes
from .counts import count_terms
from .framing import framing_matches
from .keyness import KEYNESS_COLUMNS, keyness
from .phrases import find_phrases, phrase_tokens
from .periods import count_by_period, side_of_cut

RATE_BASE = PER_TEN_THOUSAND
ALL_SOURCES = "all sources"
RATE_COLUMNS = ["source", "period", "label", "n", "n_articles_with", "n_articles", "total_tokens", "rate_per_10k"]
CHANGE_COLUMNS = ["term", "n", "n_periods", "g2", "df", "p_value", "peak_period", "peak_rate_per_10k",
                  "low_period", "low_rate_per_10k"]


def with_article_column(tokens: pd.DataFrame, frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``tokens`` with ``frame``'s per-article ``column`` (a categorical in sorted order;
    missing where the article has none), joined on ``article_id`` by codes."""
    article, ids = codes(tokens["article_id"])
    first = frame.drop_duplicates("article_id")
    per_article = pd.Series(first[column].to_numpy(), index=pd.Index(first["article_id"].astype("str")))
    value, categories = codes(per_article.reindex(pd.Index(ids, dtype="str")))
    code = np.where(article >= 0, np.append(value, -1)[article], -1)
    return tokens.assign(**{column: pd.Categorical.from_codes(code, categories=pd.Index(categories, dtype="str"))})


def sentences_with(tokens: pd.DataFrame, phrases) -> pd.DataFrame:
    """The tokens of the sentences holding the first word of any of ``phrases`` (a phrase,
    a list, or a mapping phrase -> label): all ``find_phrases`` can match, since a match
    never crosses a sentence, found by codes before the slower phrase scan."""
    if isinstance(phrases, str):
        phrases = [phrases]
    words = [phrase_tokens(p) for p in phrases]
    word, vocabulary = codes(tokens["norm"])
    hit = np.append(vocabulary.isin([w[0] for w in words]), False)[word]
    if max(map(len, words), default=1) == 1:  # single words: a match is the token itself
        return tokens[hit]
    article, _ = codes(tokens["article_id"])
    sentence = article.astype(np.int64) * (int(tokens["sentence_id"].max()) + 1 if len(tokens) else 1) + tokens["sentence_id"].to_numpy()
    keep = np.isin(sentence, np.unique(sentence[hit]))
    return tokens[keep]


def _group_totals(articles: pd.DataFrame, periods: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Per (source, period): placed articles and their tokens (``articles.n_tokens``)."""
    placed = periods.loc[periods["period"].notna(), ["article_id", "source", "period"]]
    sizes = articles[["article_id", "n_tokens"]].astype({"article_id": "str"})
    joined = placed.merge(sizes, on="article_id", how="left")
    if by is None:
        joined["source"] = ALL_SOURCES
    out = joined.groupby(["source", "period"], sort=True).agg(
        n_articles=("article_id", "size"), total_tokens=("n_tokens", "sum")).reset_index()
    return out.astype({"n_articles": "int64", "total_tokens": "int64"})


def rates_over_time(matches: pd.DataFrame, articles: pd.DataFrame, periods: pd.DataFrame,
                    labels: list[str], by: str | None = "source") -> pd.DataFrame:
    """Matches (rows with ``article_id`` and ``label``) per source, period and label, zeros
    included for every (source, period) with placed articles: ``RATE_COLUMNS``.  ``by`` None
    pools the sources as ``"all sources"``.  Sorted by source, period, then ``labels`` order."""
    totals = _group_totals(articles, periods, by)
    counted = count_by_period(matches, periods, ["label"], by="source" if by else None)
    if by is None:
        counted = counted.assign(source=ALL_SOURCES)
    grid = totals.merge(pd.DataFrame({"label": pd.Series(labels, dtype="str")}), how="cross")
    out = grid.merge(counted.rename(columns={"n_articles": "n_articles_with"}), on=["source", "period", "label"], how="left")
    out[["n", "n_articles_with"]] = out[["n", "n_articles_with"]].fillna(0).astype("int64")
    out["rate_per_10k"] = RATE_BASE * out["n"] / out["total_tokens"].where(out["total_tokens"] > 0)
    order = out["label"].map({label: i for i, label in enumerate(labels)})
    out = out.assign(_o=order).sort_values(["source", "period", "_o"], kind="stable")
    return out[RATE_COLUMNS].reset_index(drop=True)


def term_rates(tokens: pd.DataFrame, articles: pd.DataFrame, periods: pd.DataFrame, phrases,
               by: str | None = "source") -> pd.DataFrame:
    """How often each phrase (a word or several; a list, or a mapping phrase -> label as in
    ``find_phrases``) is used per source and period: ``RATE_COLUMNS``."""
    if isinstance(phrases, str):
        phrases = [phrases]
    labels = list(dict.fromkeys(phrases.values() if isinstance(phrases, Mapping) else phrases))
    matches = find_phrases(sentences_with(tokens, phrases), phrases)
    return rates_over_time(matches, articles, periods, labels, by)


def framing_over_time(tokens: pd.DataFrame, articles: pd.DataFrame, periods: pd.DataFrame,
                      lexicon: pd.DataFrame, by: str | None = "source") -> pd.DataFrame:
    """Framing phrases per source and period (``RATE_COLUMNS``, ``label`` = the phrase) with
    ``concept``, ``concept_n`` (matches of any phrase of the concept in that source and
    period) and ``share`` (``n / concept_n``; NaN when the concept is not named)."""
    matches = framing_matches(sentences_with(tokens, list(lexicon["phrase"])), lexicon).assign(label=lambda m: m["phrase"])
    out = rates_over_time(matches, articles, periods, list(lexicon["phrase"]), by)
    out = out.merge(lexicon[["phrase", "concept"]].rename(columns={"phrase": "label"}), on="label", how="left")
    out["concept_n"] = out.groupby(["source", "period", "concept"], sort=False)["n"].transform("sum").astype("int64")
    out["share"] = out["n"] / out["concept_n"].where(out["concept_n"] > 0)
    return out[["source", "period", "concept", "label", "n", "concept_n", "share", "n_articles_with", "n_articles",
                "total_tokens", "rate_per_10k"]]


def pool_sources(rates: pd.DataFrame) -> pd.DataFrame:
    """A ``term_rates`` or ``framing_over_time`` frame per source pooled into ``"all
    sources"``: counts, articles and tokens summed per period and label (the sources'
    articles are disjoint), rates, ``concept_n`` and ``share`` recomputed.  Equal to running
    the verb with ``by=None``, without matching the phrases again."""
    keys = ["period", "concept", "label"] if "concept" in rates else ["period", "label"]
    summed = ["n", "n_articles_with", "n_articles", "total_tokens"]
    order = rates.drop_duplicates("label")["label"].reset_index(drop=True)
    out = rates.groupby(keys, sort=False)[summed].sum().reset_index()
    out = out.assign(_o=out["label"].map({label: i for i, label in enumerate(order)}))
    out = out.sort_values(["period", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    out.insert(0, "source", ALL_SOURCES)
    out["rate_per_10k"] = RATE_BASE * out["n"] / out["total_tokens"].where(out["total_tokens"] > 0)
    if "concept" in rates:
        out["concept_n"] = out.groupby(["period", "concept"], sort=False)["n"].transform("sum").astype("int64")
        out["share"] = out["n"] / out["concept_n"].where(out["concept_n"] > 0)
    return out[list(rates.columns)].astype({c: "int64" for c in summed})


def period_g2(observed: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """G² of each row of ``observed`` (terms x periods) against the period ``totals`` (module docstring)."""
    observed = np.asarray(observed, dtype="float64")
    totals = np.asarray(totals, dtype="float64")[None, :]
    n = observed.sum(axis=1, keepdims=True)
    expected = totals * n / totals.sum()
    rest, rest_expected = totals - observed, totals - expected
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (xlogy(observed, observed) - xlogy(observed, expected)
                  + xlogy(rest, rest) - xlogy(rest, rest_expected)).sum(axis=1)
    return np.maximum(g2, 0.0)


def changing_terms(counts: pd.DataFrame, periods_order: list[str] | None = None, k: int = 10,
                   min_count: int = 5) -> pd.DataFrame:
    """The ``k`` terms whose rate changes most across periods, from ``count_terms(...,
    by="period")``: ``CHANGE_COLUMNS`` (module docstring), by G² descending, ties by term.
    Only terms seen at least ``min_count`` times in all are scored."""
    totals = counts.groupby("period", sort=True)["total_tokens"].first()
    if periods_order is not None:
        totals = totals.reindex([p for p in periods_order if p in totals.index])
    if len(totals) < 2:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    pooled = counts.groupby("term", sort=True)["n"].sum()
    kept = pooled.index[pooled >= min_count]
    subset = counts[counts["term"].isin(kept)]
    matrix = subset.pivot_table(index="term", columns="period", values="n", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(columns=totals.index, fill_value=0)
    g2 = period_g2(matrix.to_numpy(), totals.to_numpy())
    rates = RATE_BASE * matrix.to_numpy() / totals.to_numpy()[None, :]
    out = pd.DataFrame({"term": pd.array(matrix.index, dtype="str"), "n": matrix.sum(axis=1).to_numpy().astype("int64"),
                        "n_periods": (matrix.to_numpy() > 0).sum(axis=1).astype("int64"), "g2": g2,
                        "df": np.full(len(matrix), len(totals) - 1, dtype="int64")})
    out["p_value"] = chi2.sf(out["g2"], df=len(totals) - 1)
    labels = np.asarray(totals.index, dtype=object)
    out["peak_period"] = pd.array(labels[rates.argmax(axis=1)] if len(out) else [], dtype="str")
    out["peak_rate_per_10k"] = rates.max(axis=1) if len(out) else []
    out["low_period"] = pd.array(labels[rates.argmin(axis=1)] if len(out) else [], dtype="str")
    out["low_rate_per_10k"] = rates.min(axis=1) if len(out) else []
    out = out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").head(k)
    return out[CHANGE_COLUMNS].reset_index(drop=True)


def period_keyness(tokens: pd.DataFrame, articles: pd.DataFrame, cut, sources: list[str] | None = None,
                   min_count: int = 2, correction: str = "fdr_bh") -> pd.DataFrame:
    """Keyness of ``after`` the date ``cut`` against ``before`` it (``keyness`` with the side
    as the group, target ``after``), overall (``source`` = ``"all sources"``) and for each of
    ``sources`` (default: every source) that has articles on both sides.  Articles on
    neither side (no date, an interval holding the cut) are left out.  Columns: ``source``
    then ``KEYNESS_COLUMNS``; stacked in the order all sources, then ``sources``."""
    sides = side_of_cut(articles, cut)
    tokens = with_article_column(tokens, sides, "side")
    tokens = with_article_column(tokens, sides, "source")
    counts = count_terms(tokens, by=["source", "side"])
    sizes = counts.drop_duplicates(["source", "side"]).groupby("side")["total_tokens"].sum()
    pooled = counts.groupby(["side", "term"], sort=True, observed=True)["n"].sum().reset_index()
    pooled["total_tokens"] = pooled["side"].map(sizes).astype("int64")
    tables = []
    for source, frame in [(ALL_SOURCES, pooled), *((s, counts[counts["source"] == s]) for s in
                                                  (sources if sources is not None else sorted(sides["source"].unique())))]:
        if set(frame["side"]) != {"before", "after"}:
            continue
        table = keyness(frame, "after", group="side", total="total_tokens", min_count=min_count, correction=correction)
        tables.append(table.assign(source=source))
    if not tables:
        return pd.DataFrame(columns=["source", *KEYNESS_COLUMNS])
    out = pd.concat(tables, ignore_index=True)
    return out[["source", *KEYNESS_COLUMNS]].astype({"source": "str"})



def keyness_summary(table: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """One row per source of a ``period_keyness`` frame: ``after`` and ``before`` (its ``k``
    most over-used terms each way by G², with their after/before counts), ``n_tested`` and
    ``n_significant`` (adjusted p < 0.05).  Sources in the frame's order."""
    rows = []
    for source, part in table.groupby("source", sort=False):
        up = part[part["g2"] > 0].head(k)
        down = part[part["g2"] < 0].sort_values(["g2", "term"], kind="stable").head(k)
        rows.append({"source": source,
                     "after": ", ".join(f"{r.term} ({r.n_target}/{r.n_reference})" for r in up.itertuples()),
                     "before": ", ".join(f"{r.term} ({r.n_target}/{r.n_reference})" for r in down.itertuples()),
                     "n_tested": len(part), "n_significant": int((part["p_adjusted"] < 0.05).sum())})
    return pd.DataFrame(rows, columns=["source", "after", "before", "n_tested", "n_significant"])
