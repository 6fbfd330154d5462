"""Lexical diversity per article (or any grouping): type-token ratio and MATTR.

Counted tokens are words (``is_alpha``; numbers excluded), stop words included, and
types are distinct folded forms (``norm``), so "Uighur"/"Uyghur" is one type.

* ``ttr`` = types / tokens.  It falls as a text gets longer, so it cannot compare
  texts of different lengths.
* ``mattr`` (moving-average TTR, Covington & McFall 2010) = the mean TTR of every
  window of ``window`` consecutive tokens, sliding one token at a time.  It does not
  depend on text length once a text is longer than the window.  Windows stay inside
  one article; a group of several articles averages all their windows.  An article
  shorter than the window contributes one window, the whole article (its TTR), and
  the row's ``short`` flag says so.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .counts import group_columns

DEFAULT_WINDOW = 50


def moving_ttr(words: list[str], window: int = DEFAULT_WINDOW) -> np.ndarray:
    """TTR of each window of ``window`` consecutive ``words`` (one value if fewer words)."""
    if window < 1:
        raise ValueError("window must be 1 or more")
    if len(words) <= window:
        return np.array([len(set(words)) / len(words)]) if words else np.array([])
    counts = Counter(words[:window])
    values = [len(counts)]
    for out_word, in_word in zip(words, words[window:]):
        counts[in_word] += 1
        counts[out_word] -= 1
        if counts[out_word] == 0:
            del counts[out_word]
        values.append(len(counts))
    return np.array(values, dtype=float) / window


def diversity(
    tokens: pd.DataFrame, by: str | list[str] = "article", window: int = DEFAULT_WINDOW
) -> pd.DataFrame:
    """Per group: ``n_tokens`` (words counted), ``n_types``, ``ttr``, ``mattr``,
    ``window`` (tokens per MATTR window) and ``short`` (some article in the group is
    shorter than the window, so its MATTR is its TTR).  Groups with no words are left out."""
    columns = group_columns(by)
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    words = frame.loc[frame["is_alpha"]].sort_values(["article_id", "token_id"], kind="stable")
    rows = []
    for key, group in words.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        windows, short = [], False
        for _, article in group.groupby("article_id", sort=True):
            seq = article["norm"].tolist()
            windows.append(moving_ttr(seq, window))
            short |= len(seq) < window
        ttrs = np.concatenate(windows)
        rows.append(
            (*key, len(group), group["norm"].nunique(), group["norm"].nunique() / len(group), ttrs.mean(), window, short)
        )
    out = pd.DataFrame(rows, columns=keys + ["n_tokens", "n_types", "ttr", "mattr", "window", "short"])
    out = out.astype({"n_tokens": "int64", "n_types": "int64", "window": "int64", "short": "bool"})
    return out.drop(columns=["_all"]) if not columns else out
