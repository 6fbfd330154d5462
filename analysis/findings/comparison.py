"""Notebook 02's findings (source comparison), computed from its frames and bounded
whatever the number of sources: at most ``MAX_LINES`` sources are named one per line,
then "and N more"."""
from __future__ import annotations

import pandas as pd

#: Sources named one per line at most (the largest first); the rest are counted.
MAX_LINES = 5
#: Names listed in one sentence at most.
MAX_NAMES = 3


def listed(names: list[str], limit: int = MAX_NAMES) -> str:
    """``a, b and c``; past ``limit`` names: ``a, b, c and 4 more``."""
    names = [str(n) for n in names]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit:,} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def more_line(n_more: int, what: str) -> list[str]:
    """``["- and N more sources (see FILE)."]`` when ``n_more`` > 0."""
    return [f"- … and {n_more:,} more source{'s' if n_more != 1 else ''} ({what})."] if n_more > 0 else []


def profile_findings(profile: pd.DataFrame, sources: list[str], k: int = 5, where: str = "02_profile.csv") -> list[str]:
    """Each of the first ``MAX_LINES`` ``sources``' top ``k`` terms of a ``source_profile``."""
    lines = [f"- Most characteristic terms of {s} (mean paragraph TF-IDF): "
             f"{', '.join(profile.loc[profile['source'] == s, 'term'].astype(str).head(k))}."
             for s in sources[:MAX_LINES]]
    return lines + more_line(len(sources) - MAX_LINES, f"see {where}")


def similarity_findings(similarity: pd.DataFrame) -> list[str]:
    """The most and least similar pair of sources (``source_similarity``; ties: the first
    pair by name), in one line; the one pair's cosine when there is one."""
    if similarity.empty:
        return []
    ranked = similarity.sort_values(["cosine", "source_a", "source_b"], ascending=[False, True, True], kind="stable")
    least = similarity.sort_values(["cosine", "source_a", "source_b"], kind="stable")
    best, worst = ranked.iloc[0], least.iloc[0]  # ties: the first pair by name
    if len(ranked) == 1:
        return [f"- Cosine similarity of {best.source_a} and {best.source_b} (paragraph TF-IDF centroids): "
                f"{best.cosine:.2f}."]
    return [f"- Of {len(ranked)} pairs of sources, {best.source_a} and {best.source_b} are the most alike "
            f"(cosine {best.cosine:.2f} of their paragraph TF-IDF centroids), {worst.source_a} and "
            f"{worst.source_b} the least ({worst.cosine:.2f})."]


def passage_findings(passages: pd.DataFrame, n: int = 2) -> list[str]:
    """The ``n`` best-matching passage pairs of a ``with_texts`` frame."""
    if passages.empty:
        return ["- No paragraph shares a term with a paragraph of another source."]
    return [f"- Matching passages {r.paragraph_a} ({r.source_a}) ~ {r.paragraph_b} ({r.source_b}), cosine "
            f"{r.cosine:.2f}, share: {r.shared_terms}." for r in passages.head(n).itertuples()]


def keyness_findings(table: pd.DataFrame, sources: list[str], correction: str, k: int = 5,
                     where: str = "02_keyness.csv") -> list[str]:
    """Each of the first ``MAX_LINES`` ``sources``' top ``k`` key terms against the rest
    (a stacked ``keyness`` table), with how many tested terms pass the correction."""
    lines = []
    for s in sources[:MAX_LINES]:
        t = table[table["target"] == s]
        over = t[t["g2"] > 0].head(k)
        terms = ", ".join(f"{r.term} ({r.n_target:,} vs {r.n_reference:,}, G² {r.g2:+.1f})" for r in over.itertuples())
        lines.append(f"- Key terms of {s} vs the rest (G²): {terms or 'none'}; {(t['p_adjusted'] < 0.05).sum():,} of "
                     f"{len(t):,} tested terms have adjusted p < 0.05 ({correction}).")
    return lines + more_line(len(sources) - MAX_LINES, f"see {where}")


def framing_findings(leading: pd.DataFrame, by: str = "source") -> list[str]:
    """Per concept of a ``leading_phrases`` frame: which phrase leads in how many sources
    (most sources first, at most ``MAX_NAMES`` phrases and sources named)."""
    lines = []
    for concept in pd.unique(leading["concept"]):
        part = leading[leading["concept"] == concept]
        order = {p: i for i, p in enumerate(pd.unique(part["phrase"]))}
        groups = part.groupby("phrase", sort=False)[by].agg(list)
        ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), order[item[0]]))
        shown = [f"\"{phrase}\" by {names[0]}" if len(names) == 1
                 else f"\"{phrase}\" by {len(names)} sources ({listed(sorted(names))})"
                 for phrase, names in ranked[:MAX_NAMES]]
        rest = len(ranked) - MAX_NAMES
        tail = f"; {rest:,} more phrase{'s' if rest != 1 else ''}" if rest > 0 else ""
        lines.append(f"- '{concept}' is named most often as {'; '.join(shown)}{tail}.")
    return lines
