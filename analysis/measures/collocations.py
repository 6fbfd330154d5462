"""Collocations: adjacent word pairs that occur together more than chance predicts.

Pairs follow the n-gram convention of ``counts.ngrams``: two consecutive kept tokens
of one sentence (with stop words dropped, a stop word breaks the pair rather than
being skipped).  For each pair ``w1 w2`` in a group, a 2x2 table is built from the
group's ``N`` pairs: ``O11`` = pairs ``w1 w2``; ``O12`` = pairs starting with ``w1``
but not ending with ``w2``; ``O21`` = pairs ending with ``w2`` but not starting with
``w1``; ``O22`` = the rest.  Expected counts ``E_ij = row_i * col_j / N``.

* ``g2``: Dunning's log-likelihood ratio, ``2 * sum(O * ln(O / E))`` (0 ln 0 = 0),
  signed negative when the pair is rarer than expected.  It is the ranking statistic:
  unlike PMI it does not favour pairs of rare words.  Under independence it is
  roughly chi-squared with 1 degree of freedom (3.84 ~ p = 0.05, 10.83 ~ p = 0.001),
  but that approximation is poor for counts this small: read it as a ranking.
* ``pmi``: pointwise mutual information, ``log2(O11 / E11)``, in bits.

``min_count`` (default 2) drops pairs seen fewer times; in a corpus of a few thousand
tokens a pair seen once cannot be told from chance.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import codes, group_codes
from .counts import group_columns
from .grams import grams


def _xlogx_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1) / e), 0.0)


def collocations(
    tokens: pd.DataFrame,
    by: str | list[str] | None = None,
    min_count: int = 2,
    drop_stop: bool = True,
    alpha_only: bool = True,
) -> pd.DataFrame:
    """Adjacent pairs per group scored by log-likelihood (``g2``) and PMI (``pmi``).

    Returns the group columns, ``w1``, ``w2``, ``term`` ("w1 w2"), ``n`` (O11),
    ``n_w1`` (pairs starting with w1), ``n_w2`` (pairs ending with w2), ``n_pairs``
    (N), ``expected`` (E11), ``g2``, ``pmi`` and ``rank`` (by g2 within the group).
    Only pairs with ``n >= min_count``; sorted by group, g2 descending, term.
    """
    columns = group_columns(by)
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    first, last, _, _ = grams(frame, n=2, drop_stop=drop_stop, alpha_only=alpha_only)
    word, vocabulary = codes(frame["norm"])
    group, group_keys = group_codes(frame, keys)
    v = max(len(vocabulary), 1)
    g, w1, w2 = group[first].astype(np.int64), word[first].astype(np.int64), word[last].astype(np.int64)
    present = g >= 0
    pair = np.sort(((g * v + w1) * v + w2)[present])  # sorted: group, w1, w2
    edges = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1], True]) if len(pair) else np.zeros(1, np.int64)
    pair, n = pair[edges[:-1]], np.diff(edges)
    g, w1, w2 = pair // (v * v), (pair // v) % v, pair % v
    first_of = pd.factorize(g * v + w1)[0]
    second_of = pd.factorize(g * v + w2)[0]
    out = group_keys.take(g).reset_index(drop=True)
    for column in keys:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(out[column].cat.categories.dtype)
    words = pd.Index(vocabulary, dtype="str")
    out["w1"] = pd.Series(words.take(w1), dtype="str")
    out["w2"] = pd.Series(words.take(w2), dtype="str")
    out["n"] = n
    out["n_w1"] = np.bincount(first_of, weights=n)[first_of]
    out["n_w2"] = np.bincount(second_of, weights=n)[second_of]
    out["n_pairs"] = np.bincount(g, weights=n, minlength=len(group_keys))[g]
    o11 = out["n"].to_numpy(dtype=float)
    r1, c1, n = (out[c].to_numpy(dtype=float) for c in ("n_w1", "n_w2", "n_pairs"))
    observed = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    expected = [r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n]
    g2 = 2 * sum(_xlogx_ratio(o, e) for o, e in zip(observed, expected))
    out["expected"] = expected[0]
    out["g2"] = np.where(o11 < expected[0], -g2, g2)
    out["pmi"] = np.log2(o11 / expected[0]) if len(out) else np.array([], dtype=float)
    out = out.loc[out["n"] >= min_count].copy()
    out["term"] = (out["w1"] + " " + out["w2"]).astype("str")
    out = out.sort_values(keys + ["g2", "term"], ascending=[True] * len(keys) + [False, True], kind="stable")
    out["rank"] = out.groupby(keys, sort=False).cumcount() + 1  # 1 = highest g2; ties by term
    out = out.astype({c: "int64" for c in ["n", "n_w1", "n_w2", "n_pairs", "rank"]})
    ordered = keys + ["w1", "w2", "term", "n", "n_w1", "n_w2", "n_pairs", "expected", "g2", "pmi", "rank"]
    out = out[ordered].reset_index(drop=True)
    return out.drop(columns=["_all"]) if not columns else out
