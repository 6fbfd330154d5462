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

How it is computed (linear in the tokens, no loop over windows): the number of types
in a window is the number of its tokens whose word does not occur earlier in the same
window, i.e. tokens ``i`` whose previous occurrence ``p(i)`` in the article lies before
the window's start.  Token ``i`` is such a "first in window" for the windows starting
at ``s`` with ``max(p(i) + 1, i - window + 1) <= s <= min(i, L - window)`` (positions
within an article of ``L`` words), so summing those counts over the tokens gives the
sum of the windows' type counts.  ``moving_ttr`` is the plain sliding-window reference.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .codes import codes, group_codes
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


def _window_sums(article: np.ndarray, word: np.ndarray, window: int):
    """Per article (codes ``0..A-1``, tokens in text order): the sum of its windows'
    TTRs and its number of windows (see the module docstring)."""
    n = len(article)
    position = np.arange(n)
    starts = np.flatnonzero(np.r_[True, article[1:] != article[:-1]]) if n else np.array([], dtype=np.int64)
    sizes = np.diff(np.r_[starts, n])
    local = position - np.repeat(starts, sizes)  # position within the article
    length = np.repeat(sizes, sizes)
    # previous occurrence of the same word in the same article (local index, -1: none)
    order = np.argsort(article.astype(np.int64) * (int(word.max(initial=0)) + 1) + word, kind="stable")
    same = np.r_[False, (article[order][1:] == article[order][:-1]) & (word[order][1:] == word[order][:-1])]
    previous = np.full(n, -1, dtype=np.int64)
    previous[order[same]] = local[order[np.flatnonzero(same) - 1]]
    short = length <= window
    # long articles: windows counted as in the docstring; short ones: one window, the whole article
    low = np.maximum(previous + 1, local - window + 1)
    high = np.minimum(local, length - window)
    first_in = np.where(short, previous < 0, np.maximum(high - low + 1, 0))
    width = np.where(short, length, window).astype(float)
    group = np.repeat(np.arange(len(starts)), sizes)
    ttr_sum = np.bincount(group, weights=first_in / width, minlength=len(starts))
    n_windows = np.where(sizes <= window, 1, sizes - window + 1)
    return ttr_sum, n_windows, sizes


def diversity(
    tokens: pd.DataFrame, by: str | list[str] = "article", window: int = DEFAULT_WINDOW
) -> pd.DataFrame:
    """Per group: ``n_tokens`` (words counted), ``n_types``, ``ttr``, ``mattr``,
    ``window`` (tokens per MATTR window) and ``short`` (some article in the group is
    shorter than the window, so its MATTR is its TTR).  Groups with no words are left out."""
    if window < 1:
        raise ValueError("window must be 1 or more")
    columns = group_columns(by)
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    needed = list(dict.fromkeys(keys + ["article_id", "token_id", "norm"]))
    words = frame[needed].loc[frame["is_alpha"].to_numpy(dtype=bool)]  # only the columns used: less to copy
    if not words["article_id"].is_monotonic_increasing or not _ordered_within(words):
        words = words.sort_values(["article_id", "token_id"], kind="stable")
    article, _ = codes(words["article_id"])
    word, _ = codes(words["norm"])
    ttr_sum, n_windows, sizes = _window_sums(article, word, window)
    first_rows = np.r_[0, np.cumsum(sizes)[:-1]] if len(sizes) else np.array([], dtype=np.int64)
    per_article = words.iloc[first_rows][keys].reset_index(drop=True)
    per_article = per_article.assign(_ttr_sum=ttr_sum, _windows=n_windows, _short=sizes < window)
    grouped = per_article.groupby(keys, sort=True, observed=True)
    out = grouped.agg(_ttr_sum=("_ttr_sum", "sum"), _windows=("_windows", "sum"), short=("_short", "any"))
    group, _ = group_codes(words, keys)  # the same groups, in the same sorted order
    v = max(int(word.max(initial=0)) + 1, 1)
    pairs = np.sort(group.astype(np.int64) * v + word)  # sorting, not np.unique's hashing: faster here
    distinct = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    out["n_types"] = np.bincount(distinct // v, minlength=len(out))
    out["n_tokens"] = np.bincount(group, minlength=len(out))
    out = out.reset_index()
    out["ttr"] = out["n_types"] / out["n_tokens"]
    out["mattr"] = out["_ttr_sum"] / out["_windows"]
    out["window"] = window
    out = out[keys + ["n_tokens", "n_types", "ttr", "mattr", "window", "short"]]
    out = out.astype({"n_tokens": "int64", "n_types": "int64", "window": "int64", "short": "bool"})
    for column in keys:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(out[column].cat.categories.dtype)
    return out.drop(columns=["_all"]) if not columns else out


def _ordered_within(words: pd.DataFrame) -> bool:
    """Token ids increase within each article (articles already in order)."""
    article, _ = codes(words["article_id"])
    token = words["token_id"].to_numpy()
    return bool(np.all((article[1:] != article[:-1]) | (token[1:] > token[:-1])))
