"""How the log-odds prior moves the ranking: the same keyness table at several prior scales.

``keyness``'s ``log_odds_z`` uses an informative Dirichlet prior scaled by ``prior_scale``
(Monroe, Colaresi & Quinn 2008); a small scale leaves terms seen in one group only near the
top, a large one pulls every term towards the pooled corpus.  These two verbs show that
choice's effect instead of hiding it.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .keyness import keyness


def prior_sensitivity(
    counts: pd.DataFrame,
    target: str,
    terms: Iterable[str],
    scales: Iterable[float] = (0.01, 0.1, 1.0, 10.0),
    **kwargs,
) -> pd.DataFrame:
    """``log_odds_z`` of ``terms`` (target vs rest) for each prior scale: one row per
    ``(prior_scale, term)`` with the two counts, for showing how the prior shrinks."""
    wanted = list(terms)
    rows = []
    for scale in scales:
        table = keyness(counts, target, min_count=0, prior_scale=scale, **kwargs)
        table = table[table["term"].isin(wanted)]
        rows.append(table[["term", "n_target", "n_reference", "log_ratio", "log_odds_z"]].assign(prior_scale=float(scale)))
    out = pd.concat(rows, ignore_index=True)
    order = {t: i for i, t in enumerate(wanted)}
    out = out.assign(_o=out["term"].map(order)).sort_values(["prior_scale", "_o"], kind="stable")
    return out.drop(columns="_o")[["prior_scale", "term", "n_target", "n_reference", "log_ratio", "log_odds_z"]].reset_index(drop=True)


def prior_effect(counts: pd.DataFrame, target: str, scales: Iterable[float] = (0.001, 0.01, 0.1, 1.0, 10.0),
                 k: int = 10, **kwargs) -> pd.DataFrame:
    """Per prior scale, the ``k`` terms with the largest |``log_odds_z``| (target vs rest;
    ties by term) and whether each is ``one_sided`` (count 0 in target or reference).
    ``kwargs`` go to ``keyness`` (e.g. ``total=``, ``min_count=``)."""
    rows = []
    for scale in scales:
        table = keyness(counts, target, prior_scale=scale, **kwargs)
        table = table.assign(_a=table["log_odds_z"].abs().round(10))
        table = table.sort_values(["_a", "term"], ascending=[False, True], kind="stable").head(k)
        rows.append(table.assign(prior_scale=float(scale), rank=np.arange(1, len(table) + 1)))
    out = pd.concat(rows, ignore_index=True)
    out["one_sided"] = (out["n_target"] == 0) | (out["n_reference"] == 0)
    return out[["prior_scale", "rank", "term", "n_target", "n_reference", "one_sided", "log_odds_z"]]
