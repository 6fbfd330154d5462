"""The sentences notebook 04 prints about coverage over time, computed from its frames."""
from __future__ import annotations

import pandas as pd

from .positions import count_noun

#: Fewer dated articles than this: say there is no trend to read.
FEW_DATED = 3


def dating_findings(periods: pd.DataFrame, unit: str) -> list[str]:
    """How many articles could be placed in a ``unit``, and why the others could not."""
    placed = int(periods["period"].notna().sum())
    reasons = periods.loc[periods["period"].isna(), "undated_reason"].value_counts().sort_index()
    why = "; ".join(f"{n:,} {reason}" for reason, n in reasons.items())
    lines = [f"- {placed:,} of {count_noun(len(periods), 'article')} can be placed in a {unit}"
             + (f"; {len(periods) - placed:,} undated at that precision ({why})." if why else ".")]
    if placed == 0:
        lines.append("- No article can be placed in time, so nothing here changes over time.")
    elif placed < FEW_DATED:
        lines.append(f"- Only {count_noun(placed, 'article')} can be placed in time: there is no trend to read here; "
                     "the charts show what there is.")
    return lines


def attention_findings(att: pd.DataFrame, k: int = 5) -> list[str]:
    """The busiest period, and for the ``k`` largest sources their busiest period and
    their share of all placed articles."""
    per_period = att.groupby("period", sort=True)["n_articles"].sum()
    if per_period.sum() == 0:
        return ["- No article can be placed in a period, so attention over time cannot be shown."]
    busiest = per_period.sort_values(ascending=False, kind="stable").index[0]
    lines = [f"- The busiest period is {busiest} with {count_noun(int(per_period[busiest]), 'article')} "
             f"({per_period[busiest] / per_period.sum():.0%} of the {int(per_period.sum()):,} placed) "
             f"over {count_noun(len(per_period), 'period')}."]
    per_source = att.groupby("source", sort=True)["n_articles"].sum().sort_values(ascending=False, kind="stable")
    for source in per_source.index[:k]:
        rows = att[att["source"] == source].sort_values(["n_articles", "period"], ascending=[False, True], kind="stable")
        top = rows.iloc[0]
        used = int((rows["n_articles"] > 0).sum())
        if used == 0:
            lines.append(f"- {source}: no article placed in a period.")
            continue
        lines.append(f"- {source}: {count_noun(int(per_source[source]), 'placed article')} in {used} of "
                     f"{count_noun(len(rows), 'period')}, most in {top['period']} ({top['n_articles']} of "
                     f"{int(per_period[top['period']])}, {top['share']:.0%}).")
    if len(per_source) > k:
        lines.append(f"- ... and {len(per_source) - k:,} smaller sources (see 04_attention.csv).")
    return lines


def rate_findings(rates: pd.DataFrame, labels: list[str], min_articles: int) -> list[str]:
    """Per named phrase (``rates`` pooled over sources): first period used and its peak,
    with the counts the peak rests on."""
    if rates.empty:
        return ["- No dated article, so the named terms cannot be followed over time."]
    lines = []
    for label in labels:
        rows = rates[rates["label"] == label]
        used = rows[rows["n"] > 0]
        if used.empty:
            lines.append(f"- '{label}' is never used in the dated articles.")
            continue
        solid = used[used["n_articles"] >= min_articles]
        pool = solid if not solid.empty else used
        peak = pool.sort_values(["rate_per_10k", "period"], ascending=[False, True], kind="stable").iloc[0]
        where = (f"highest rate among periods of at least {min_articles} articles" if not solid.empty
                 else f"highest rate (every period using it has fewer than {min_articles} articles: not a trend)")
        lines.append(f"- '{label}': used in {count_noun(len(used), 'period')}, first {used['period'].min()}, last "
                     f"{used['period'].max()}; {where}: {peak['period']}, {peak['rate_per_10k']:.3g} per 10,000 tokens "
                     f"({count_noun(int(peak['n']), 'use')} in {peak['n_articles_with']} of "
                     f"{count_noun(int(peak['n_articles']), 'article')}).")
    return lines


def change_findings(changing: pd.DataFrame, k: int = 5) -> list[str]:
    """The terms whose rate varies most across periods (``changing_terms``)."""
    if changing.empty:
        return ["- Fewer than two periods hold articles: no term can change over time here."]
    return ["- Terms whose rate varies most across periods (G²): " + "; ".join(
        f"{r.term} (peak {r.peak_period}, {r.peak_rate_per_10k:.1f} per 10k; low {r.low_period}, "
        f"{r.low_rate_per_10k:.1f})" for r in changing.head(k).itertuples()) + "."]


def keyness_findings(table: pd.DataFrame, cut: str, sides: pd.DataFrame, k: int = 5) -> list[str]:
    """Key terms after vs before ``cut`` (``period_keyness`` rows of all sources), with the
    number of articles on each side."""
    n = sides["side"].value_counts()
    count = f"{count_noun(int(n.get('before', 0)), 'article')} before, {int(n.get('after', 0)):,} after"
    pooled = table[table["source"] == "all sources"]
    if pooled.empty:
        return [f"- Before vs after {cut}: {count}; keyness needs articles on both sides, so it is skipped."]
    after = pooled[pooled["g2"] > 0].head(k)
    before = pooled[pooled["g2"] < 0].sort_values(["g2", "term"], kind="stable").head(k)
    fmt = lambda rows: ", ".join(f"{r.term} ({r.n_target:,} vs {r.n_reference:,})" for r in rows.itertuples()) or "none"  # noqa: E731
    significant = int((pooled["p_adjusted"] < 0.05).sum())
    per_source = table.loc[table["source"] != "all sources", "source"].nunique()
    return [f"- Before vs after {cut} ({count}): words more frequent after: {fmt(after)}; "
            f"more frequent before: {fmt(before)} (after vs before counts); {significant} of {len(pooled)} "
            f"tested terms have adjusted p < 0.05; {per_source} sources have articles on both sides."]


def framing_findings(framing: pd.DataFrame, cut: str) -> list[str]:
    """Per concept, its leading phrase before and after the date ``cut``, from
    ``framing_over_time(..., by=None)`` run with each article's side of the cut as its
    period (``side_of_cut``, ``side`` renamed ``period``)."""
    lines = []
    sides = set(framing["period"])
    for concept in dict.fromkeys(framing["concept"]):
        parts = []
        for side in ("before", "after"):
            here = framing[(framing["period"] == side) & (framing["concept"] == concept)]
            total = int(here["n"].sum())
            if side not in sides:
                parts.append(f"no article dated {side} {cut}")
            elif total == 0:
                parts.append(f"not named {side} {cut}")
            else:
                ranked = here.sort_values("n", ascending=False, kind="stable")
                best = ranked.iloc[0]
                tied = ranked.loc[(ranked["n"] == best["n"]) & (ranked["label"] != best["label"]), "label"].tolist()
                tie = f", tied with {', '.join(repr(t) for t in tied)}" if tied else ""
                parts.append(f"'{best['label']}' {side} {cut} ({best['n']} of {count_noun(total, 'mention')}{tie})")
        if any(p.startswith("'") for p in parts):
            lines.append(f"- '{concept}' is named most often as " + "; ".join(parts) + ".")
    return lines or ["- No framing phrase occurs in the articles dated before or after the cut."]


def country_findings(named: pd.DataFrame, min_articles: int, k: int = 3) -> list[str]:
    """The ``k`` countries named in most dated articles, and the period of at least
    ``min_articles`` articles (any period if none has so many) in which the largest share
    of articles names each (``with_period_share`` of ``count_by_period`` of mentions)."""
    named = named[named["n_articles"] > 0]
    if named.empty:
        return ["- No dated article names a country."]
    totals = named.groupby("country", sort=True)["n_articles"].sum().sort_values(ascending=False, kind="stable")
    parts = []
    for country in totals.index[:k]:
        rows = named[named["country"] == country]
        solid = rows[rows["articles_in_period"] >= min_articles]
        peak = (solid if not solid.empty else rows).sort_values(["share_of_articles", "period"], ascending=[False, True],
                                                                kind="stable").iloc[0]
        parts.append(f"{country} ({count_noun(int(totals[country]), 'article')}; highest share in {peak['period']}, "
                     f"{peak['n_articles']} of {count_noun(int(peak['articles_in_period']), 'article')})")
    return ["- Countries named in most dated articles: " + "; ".join(parts) + "."]


def placement_findings(placed: pd.DataFrame, n_read: int, n_total: int) -> list[str]:
    """Placements (a country on a side) per period, from ``count_by_period`` of
    ``country_positions`` rows, and how many articles were read."""
    if n_total == 0:
        return ["- No dated article, so no placement can be put in time."]
    read = (f"{n_read:,} of {n_total:,} dated articles read" if n_read < n_total
            else f"{count_noun(n_total, 'dated article')} read, all of them")
    if placed.empty:
        return [f"- No dated article places a country on a side ({read})."]
    sides = placed.groupby("position", sort=True)["n"].sum()
    first, last = placed["period"].min(), placed["period"].max()
    return [f"- Placements of countries on a side ({read}): " + ", ".join(f"{n:,} {p}" for p, n in sides.items())
            + f", from {first} to {last}."]
