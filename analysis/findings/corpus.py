"""Notebook 00's findings: what the corpus holds and what cleaning removed, in a few lines
whatever the number of articles and sources (lists end in "and N more")."""
from __future__ import annotations

import pandas as pd


def listing(items: list[str], limit: int = 3) -> str:
    """"a, b and c", or "a, b, c and 1,240 more" when there are more than ``limit``."""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit:,} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "none"


def corpus_findings(sources: pd.DataFrame, limit: int = 3) -> list[str]:
    """Lines from ``overview.source_summary`` (largest source first): totals, the largest
    sources, and the spread of article lengths."""
    n_articles, n_tokens = int(sources["articles"].sum()), int(sources["tokens"].sum())
    largest = [f"{r.source} ({r.articles:,} article{'s' if r.articles != 1 else ''})" for r in sources.itertuples()]
    lines = [
        f"- The corpus holds {n_articles:,} article{'s' if n_articles != 1 else ''} from {len(sources):,} "
        f"source{'s' if len(sources) != 1 else ''}: {n_tokens:,} tokens in {int(sources['sentences'].sum()):,} sentences.",
        f"- By number of articles: {listing(largest, limit)}.",
    ]
    return lines


def length_findings(summary: pd.DataFrame) -> list[str]:
    """One line from ``overview.article_summary``: median and range of article length."""
    tokens = summary["n_tokens"]
    if len(summary) == 1:
        return [f"- The one article has {int(tokens.iloc[0]):,} tokens."]
    return [
        f"- Articles have {tokens.median():,.0f} tokens at the median "
        f"(from {int(tokens.min()):,} to {int(tokens.max()):,})."
    ]


def cleaning_findings(by_source: pd.DataFrame, n_articles: int, limit: int = 3) -> list[str]:
    """Lines from ``overview.removal_by_source``: lines removed in total and the rules
    that removed the most."""
    if by_source.empty:
        return ["- Cleaning removed no line."]
    rules = by_source.groupby("rule", sort=True).agg(lines=("lines", "sum"), articles=("articles", "sum"))
    rules = rules.reset_index().sort_values(["lines", "rule"], ascending=[False, True], kind="stable")
    named = [f"{r.rule} ({r.lines:,} line{'s' if r.lines != 1 else ''} in {r.articles:,} "
             f"article{'s' if r.articles != 1 else ''})" for r in rules.itertuples()]
    total = int(by_source["lines"].sum())
    return [f"- Cleaning removed {total:,} line{'s' if total != 1 else ''} from the {n_articles:,} "
            f"article{'s' if n_articles != 1 else ''}; by rule: {listing(named, limit)}."]


def variant_lines(variants: pd.DataFrame, limit: int = 5) -> list[str]:
    """Lines from ``overview.variant_usage``: the most used non-canonical spellings (by
    tokens), at most ``limit``, then how many more."""
    rows = variants[variants["is_variant"]].sort_values(
        ["n", "source", "canonical", "spelling"], ascending=[False, True, True, True], kind="stable"
    )
    if rows.empty:
        return ["- No source uses a spelling listed as a variant in data/variants.csv."]
    lines = [
        f"- {r.source} writes '{r.canonical}' as '{r.spelling}' in {r.n:,} of its {r.family_n:,} uses ({r.share:.0%})."
        for r in rows.head(limit).itertuples()
    ]
    if len(rows) > limit:
        lines.append(f"- ... and {len(rows) - limit:,} more variant spellings by source (table above).")
    return lines
