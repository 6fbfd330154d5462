"""Put corpora (or frames) with different vocabularies together.

The loader stores words and ids as categoricals whose categories are the corpus's own
distinct values, sorted.  Concatenating two such columns with plain ``pd.concat`` would give
object columns (the categories differ); ``concat_frames`` unions the categories instead, so
the result is encoded like a corpus loaded in one go.
"""
from __future__ import annotations

import pandas as pd
from pandas.api.types import union_categoricals


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of ``frames`` one after another (same columns); a column that is categorical in
    every frame stays categorical, with the union of the categories, sorted."""
    if not frames:
        raise ValueError("nothing to concatenate")
    columns = list(frames[0].columns)
    for frame in frames[1:]:
        if list(frame.columns) != columns:
            raise ValueError(f"frames have different columns: {columns} and {list(frame.columns)}")
    out = {}
    for column in columns:
        parts = [frame[column] for frame in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            out[column] = pd.Series(union_categoricals(parts, sort_categories=True, ignore_order=True))
        else:
            out[column] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(out)


def concat_corpora(corpora: list) -> "Corpus":
    """One ``Corpus`` from several (article ids must not repeat); offsets stay per article."""
    from .load import Corpus

    ids = pd.concat([c.articles["article_id"].astype("str") for c in corpora], ignore_index=True)
    repeated = sorted(set(ids[ids.duplicated()]))
    if repeated:
        raise ValueError(f"article id(s) in more than one corpus: {', '.join(repeated[:10])}")
    frames = {name: concat_frames([getattr(c, name) for c in corpora])
              for name in ("articles", "paragraphs", "sentences", "tokens", "removed")}
    return Corpus(path=None, **frames)
