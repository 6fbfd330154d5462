"""The sentences notebook 03 prints about country positions and the gold-set scores."""
from __future__ import annotations

import pandas as pd


def placement_sentence(article_id: str, checked: pd.DataFrame) -> str:
    """"Article X places N countries on a side (M placements): a agree with the record, c contradict
    it (...), ..." from ``check_positions`` rows of one article."""
    counts = checked["verdict"].value_counts()
    parts = [f"{int(counts.get(v, 0))} {label}" for v, label in
             [("agrees", "agree with the record"), ("contradicts", "contradict it"),
              ("no list", "concern a statement with no published list"), ("n/a", "concern no event the record holds")]
             if counts.get(v, 0)]
    wrong = checked[checked["verdict"] == "contradicts"]
    detail = ""
    if not wrong.empty:
        detail = " (" + "; ".join(f"{r.country} {r.position} on {r.event}, record: {r.record_position}"
                                  for r in wrong.itertuples()) + ")"
    return (f"Article {article_id} places {checked['iso3'].nunique()} countries on a side ({len(checked)} placements): "
            + ", ".join(parts) + detail)


def score_sentence(positions: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """The development gold set's overall scores and the weakest style, from ``score_gold_set``."""
    total = positions.set_index("style").loc["all"]
    styles = positions[(positions["style"] != "all") & positions["recall"].notna()]
    weakest = styles.sort_values(["f1", "style"]).iloc[0] if not styles.empty else None
    m = mentions.set_index("style").loc["all"]
    text = (f"On the development gold set (24 synthetic articles) positions score precision {total.precision:.3f}, "
            f"recall {total.recall:.3f} ({int(total.true_pos)} of {int(total.n_gold)}; {int(total.false_pos)} added, "
            f"{int(total.false_neg)} missed); name mentions F1 {m.f1:.3f}")
    if weakest is not None:
        text += f"; weakest style: {weakest['style']} (precision {weakest.precision:.3f}, recall {weakest.recall:.3f})"
    return text
