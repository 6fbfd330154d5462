"""Notebook 01's word lists and findings: the story's key terms, the names used for
the Chinese state, and plain-text findings computed from the term frames."""
from __future__ import annotations

import pandas as pd

from ..measures.story import KEY_TERMS, STATE_NAMES  # noqa: F401 - notebook 01 imports them from here

#: Each name's family: the ruling party, or the country/government.
NAME_FAMILY = {
    "Chinese Communist Party": "party",
    "Communist Party": "party",
    "CCP": "party",
    "Communist government": "party",
    "China": "state",
    "Chinese government": "state",
    "Chinese state": "state",
    "Beijing": "state",
}


def _quoted(terms: list[str]) -> str:
    quoted = [f"'{t}'" for t in terms]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def top_term_findings(counts: pd.DataFrame, what: str = "content word", max_ties: int = 3) -> list[str]:
    """One line per source of a ``count_terms(by="source")`` frame: its rank-1 term(s),
    naming at most ``max_ties`` tied terms; a source whose terms all occur once says so."""
    lines = []
    for source, group in counts.groupby("source", sort=True):
        top = group[group["rank"] == 1]
        row = top.iloc[0]
        if row["n"] < 2:
            lines.append(f"- {source} uses no {what} more than once.")
            continue
        terms = top["term"].tolist()
        named = _quoted(terms) if len(terms) <= max_ties else (
            ", ".join(f"'{t}'" for t in terms[:max_ties]) + f" and {len(terms) - max_ties:,} more"
        )
        verb, each = ("are", " each") if len(terms) > 1 else ("is", "")
        plural = "s" if len(terms) > 1 else ""
        lines.append(
            f"- {source}'s most frequent {what}{plural} {verb} {named} "
            f"({row['n']:,} times{each}, {row['rate_per_1000']:.1f} per 1,000 tokens)."
        )
    return lines


def naming_findings(names: pd.DataFrame) -> list[str]:
    """Lines from ``count_phrases(tokens, STATE_NAMES)``: party names vs state names per source."""
    if names["n"].sum() == 0:
        return ["- No source names the Chinese state with any of the listed names."]
    family = names.assign(family=names["label"].map(NAME_FAMILY))
    lines = []
    for source, group in family.groupby("source", sort=True):
        used = group[group["n"] > 0]
        detail = ", ".join(f"{r.label} {r.n:,}" for r in used.itertuples()) or "none"
        party = int(group.loc[group["family"] == "party", "n"].sum())
        state = int(group.loc[group["family"] == "state", "n"].sum())
        lines.append(
            f"- {source} names the ruling party {party:,} times and China / its government {state:,} "
            f"times ({detail})."
        )
    return lines


def overlap_findings(overlap: pd.DataFrame) -> list[str]:
    """Lines from ``vocabulary_overlap``: terms each source uses that no other source does."""
    if len(overlap) < 2:
        return ["- Only one source: there is no other source to compare its vocabulary with."]
    return [
        f"- {r.source} uses {r.n_only:,} of its {r.n_types:,} content words ({r.share_only:.0%}) "
        f"that no other source uses; {r.n_shared:,} are shared."
        for r in overlap.itertuples()
    ]


def variant_findings(variants: pd.DataFrame) -> list[str]:
    """Lines from ``variant_counts``: each non-canonical spelling a source uses."""
    rows = variants[variants["kind"] != "canonical"]
    if rows.empty:
        return ["- No source uses a spelling listed as a variant in data/variants.csv."]
    totals = variants.groupby(["source", "canonical"])["n"].sum()
    return [
        f"- {r.source} writes '{r.canonical}' as '{r.form}' in {r.n:,} of its "
        f"{totals[(r.source, r.canonical)]:,} uses ({r.share:.0%})."
        for r in rows.itertuples()
    ]


def absent_findings(key_counts: pd.DataFrame) -> list[str]:
    """Lines from ``count_phrases(tokens, KEY_TERMS)``: key terms a source never uses."""
    lines = []
    for source, group in key_counts.groupby("source", sort=True):
        missing = group.loc[group["n"] == 0, "label"].tolist()
        if len(missing) == len(group):
            lines.append(f"- {source} uses none of the key terms.")
        elif missing:
            lines.append(f"- {source} never uses {_quoted(missing)}.")
    return lines


def bounded(lines: list[str], more: int, what: str, where: str) -> list[str]:
    """``lines``, then "- ... and N more <what> (in <where>)." when ``more`` > 0: findings
    stay a few lines whatever the number of sources."""
    return lines + ([f"- ... and {more:,} more {what} (in {where})."] if more > 0 else [])
