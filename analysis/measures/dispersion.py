"""Lexical dispersion: where in each article each term occurs.

A term may be a word or a multi-word phrase; matches come from
``phrases.find_phrases`` (folded, within sentences, leftmost-longest, no overlaps),
so with terms "camps" and "re-education camps" each occurrence counts once, under
the longer term.

Position of a match = ``token_index / (n_tokens - 1)``, where ``token_index`` is the
0-based place of its first token among the article's tokens (words and numbers) and
``n_tokens`` their count: 0 is the first token, 1 the last (0 for a one-token article).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from .phrases import find_phrases

DISPERSION_COLUMNS = ["article_id", "term", "phrase", "token_index", "n_tokens", "position", "start", "end"]


def dispersion(tokens: pd.DataFrame, terms: str | Iterable[str] | Mapping[str, str]) -> pd.DataFrame:
    """One row per occurrence of each term: article, ``term`` (the label when ``terms`` is
    a mapping ``phrase -> label``, else the phrase), the ``phrase`` matched, its 0-based
    ``token_index``, the article's ``n_tokens``, ``position`` in 0-1 and character
    offsets.  A ``source`` column in ``tokens`` is kept.  Articles without any of the
    terms have no rows.  Ordered by article, position, term."""
    ordered = tokens.sort_values(["article_id", "token_id"], kind="stable").reset_index(drop=True)
    index = ordered.groupby("article_id", sort=False).cumcount()
    place = dict(zip(zip(ordered["article_id"], ordered["token_id"]), index))
    sizes = ordered.groupby("article_id", sort=False).size()
    hits = find_phrases(ordered, terms)
    out = pd.DataFrame(
        {
            "article_id": hits["article_id"],
            "term": hits["label"],
            "phrase": hits["phrase"],
            "token_index": [place[k] for k in zip(hits["article_id"], hits["first_token_id"])],
            "n_tokens": hits["article_id"].map(sizes).to_numpy(),
            "start": hits["start"],
            "end": hits["end"],
        }
    )
    out = out.astype({"token_index": "int64", "n_tokens": "int64"})
    span = (out["n_tokens"] - 1).where(out["n_tokens"] > 1, 1)
    out["position"] = out["token_index"] / span
    columns = list(DISPERSION_COLUMNS)
    if "source" in ordered:
        sources = dict(zip(ordered["article_id"], ordered["source"]))
        out["source"] = out["article_id"].map(sources).astype("str")
        columns.insert(1, "source")
    out = out.sort_values(["article_id", "token_index", "term"], kind="stable").reset_index(drop=True)
    return out[columns]
