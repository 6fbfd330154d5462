"""The sentence that says how many signatories of the July 2019 letters the articles name."""
from __future__ import annotations

import pandas as pd

from ..countries.comparison import BLOC_22, BLOC_37

BLOC_PHRASES = {
    BLOC_22: "signatories of the letter against China's policy",
    BLOC_37: "original signatories of the counter-letter (Qatar included)",
}


def coverage_sentence(summary: pd.DataFrame, subject: str = "the articles") -> str:
    """"the articles name k of 22 … and m of 37 …" from ``coverage_summary``."""
    parts = []
    for row in summary.itertuples():
        names = f": {row.named_countries}" if row.named else ""
        parts.append(f"{row.named:,} of the {row.listed:,} {BLOC_PHRASES.get(row.bloc, row.bloc)}{names}")
    verb = "name" if subject.endswith("s") else "names"
    return f"{subject} {verb} " + "; and ".join(parts)
