"""Keyness: which terms one group (a source) uses more or less than the rest.

Verbs take a tidy counts frame -- one row per ``(group, term)`` with a count ``n`` and,
optionally, a column giving the group's total token count -- and return tidy frames.

Statistics (target = the group under study, reference = every other group pooled)::

    a, b   count of the term in target and reference
    c, d   total tokens in target and reference
    E1 = c (a + b) / (c + d),  E2 = d (a + b) / (c + d)           expected counts

* ``g2`` -- Dunning's (1993) log-likelihood on the full 2 x 2 table (the "4-term" G²)::

      G² = 2 * sum(O * ln(O / E))  over the cells  a, b, c - a, d - b

  (``0 * ln 0 = 0``), signed ``+`` when the term's rate in the target exceeds the
  reference's and ``-`` when it is below.  ``p_value`` is the upper tail of chi² with
  1 degree of freedom; ``p_adjusted`` corrects it over all terms tested in one
  comparison (Benjamini-Hochberg false discovery rate by default, or Bonferroni).
* ``log_ratio`` -- Hardie's (2014) Log Ratio, ``log2((a / c) / (b / d))`` with a zero
  count replaced by 0.5 (so a term seen only in one group gets a finite value).
  +1 means twice as frequent in the target.
* ``log_odds_z`` -- the weighted log-odds ratio with an informative Dirichlet prior of
  Monroe, Colaresi & Quinn (2008), "Fightin' Words", *Political Analysis* 16(4),
  as a z-score.  As everything here, it compares the target with the other groups
  pooled (``a``, ``c`` against ``b``, ``d``), not with the whole corpus::

      delta = ln((a + aw) / (c + a0 - a - aw)) - ln((b + aw) / (d + a0 - b - aw))
      var   = 1 / (a + aw) + 1 / (b + aw),    z = delta / sqrt(var)

  The prior comes from the pooled counts of all groups: ``aw = s * (a + b)``, the
  term's pooled count, and ``a0 = s * (c + d)``, the pooled token total, with
  ``s = prior_scale`` (1 by default).  (Released tidylo, 0.2, compares each group with
  the whole corpus, target included, so its z-scores differ from these.)  A small ``s``
  leaves the raw counts nearly untouched but makes the variance of a term absent from
  one group explode (``1 / aw``), so terms seen only in one article are shrunk hard
  towards ``z = 0``; a large ``s`` pulls every log-odds towards the pooled corpus.

Small corpora: with a few thousand tokens almost no G² survives a multiple-testing
correction; read the tables as a ranking, not as evidence of difference.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import xlogy
from scipy.stats import chi2, false_discovery_control

from ..config import PER_TEN_THOUSAND
from .codes import codes

#: Keyness rates are per this many tokens.
RATE_BASE = PER_TEN_THOUSAND
#: Hardie's substitute for a zero count in Log Ratio.
ZERO_SUBSTITUTE = 0.5
CORRECTIONS = ("fdr_bh", "bonferroni", "none")

KEYNESS_COLUMNS = [
    "target", "reference", "term", "n_target", "n_reference", "total_target", "total_reference",
    "rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio", "log_odds_z",
]


# --------------------------------------------------------------------------- scalar maths


def g2_signed(a, b, c, d) -> np.ndarray:
    """Signed 4-term log-likelihood G² for counts ``a``/``b`` in totals ``c``/``d`` (arrays ok)."""
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    if np.any(a > c) or np.any(b > d) or np.any(np.minimum(a, b) < 0):
        raise ValueError("counts must be non-negative and no larger than their totals")
    total = c + d
    row = a + b
    cells = [(a, c * row / total), (b, d * row / total),
             (c - a, c * (total - row) / total), (d - b, d * (total - row) / total)]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(xlogy(o, o) - xlogy(o, e) for o, e in cells)
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-15 for identical rates
    sign = np.sign(a / c - b / d)
    return sign * g2


def log_ratio(a, b, c, d, zero: float = ZERO_SUBSTITUTE) -> np.ndarray:
    """Hardie's Log Ratio: ``log2((a/c) / (b/d))``, a zero count replaced by ``zero``."""
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    a = np.where(a == 0, zero, a)
    b = np.where(b == 0, zero, b)
    return np.log2((a / c) / (b / d))


def log_odds_dirichlet(a, b, c, d, alpha_w, alpha_0) -> np.ndarray:
    """Monroe et al. (2008) z-score of the log-odds ratio, prior ``alpha_w``/``alpha_0``.

    ``delta = ln((a + aw) / (c + a0 - a - aw)) - ln((b + aw) / (d + a0 - b - aw))``,
    ``var = 1 / (a + aw) + 1 / (b + aw)``, ``z = delta / sqrt(var)``.
    """
    a, b, c, d, aw, a0 = (np.asarray(x, dtype="float64") for x in (a, b, c, d, alpha_w, alpha_0))
    delta = np.log((a + aw) / (c + a0 - a - aw)) - np.log((b + aw) / (d + a0 - b - aw))
    variance = 1 / (a + aw) + 1 / (b + aw)
    return delta / np.sqrt(variance)


def adjust_p(p: Iterable[float], method: str = "fdr_bh") -> np.ndarray:
    """Multiple-testing correction over one family of p-values (each row of a 2-D array
    is a family): BH FDR, Bonferroni or none."""
    p = np.asarray(list(p) if not isinstance(p, (np.ndarray, pd.Series)) else p, dtype="float64")
    if method not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, not {method!r}")
    if p.size == 0 or method == "none":
        return p.copy()
    if method == "bonferroni":
        return np.minimum(p * p.shape[-1], 1.0)
    return false_discovery_control(p, method="bh", axis=-1)


# --------------------------------------------------------------------------- tidy verbs


def group_totals(counts: pd.DataFrame, group: str = "source", n: str = "n", total: str | None = None) -> pd.Series:
    """Total tokens per group: the ``total`` column if given (one value per group), else the sum of ``n``."""
    if total is None:
        return counts.groupby(group, sort=True)[n].sum().astype("float64")
    per_group = counts.groupby(group, sort=True)[total].agg(["min", "max"])
    bad = per_group.index[per_group["min"] != per_group["max"]]
    if len(bad):
        raise ValueError(f"column {total!r} varies within group(s) {', '.join(map(str, bad))}")
    return per_group["min"].astype("float64")


def _check(counts: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in counts]
    if missing:
        raise KeyError(f"counts frame lacks column(s) {', '.join(missing)}")
    if (counts[columns[-1]] < 0).any():
        raise ValueError("counts must be non-negative")


def bind_log_odds(
    counts: pd.DataFrame,
    group: str = "source",
    term: str = "term",
    n: str = "n",
    total: str | None = None,
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Add ``log_odds_z``: each group against all other groups pooled (Monroe et al. 2008).

    Prior from the pooled corpus: ``alpha_w = prior_scale * pooled count of the term``,
    ``alpha_0 = prior_scale * pooled token total`` (see the module docstring).
    Needs at least two groups.  Rows keep their order.
    """
    _check(counts, [group, term, n])
    if prior_scale <= 0:
        raise ValueError("prior_scale must be positive")
    totals = group_totals(counts, group, n, total)
    if len(totals) < 2:
        raise ValueError("log-odds needs at least two groups to compare")
    out = counts.copy()
    pooled_term = out.groupby(term, sort=False)[n].transform("sum").astype("float64")
    grand = float(totals.sum())
    c = out[group].map(totals).astype("float64")
    a = out[n].astype("float64")
    out["log_odds_z"] = log_odds_dirichlet(
        a, pooled_term - a, c, grand - c, prior_scale * pooled_term, prior_scale * grand
    )
    return out


def keyness(
    counts: pd.DataFrame,
    target: str | None = None,
    *,
    group: str = "source",
    term: str = "term",
    n: str = "n",
    total: str | None = None,
    min_count: int = 2,
    correction: str = "fdr_bh",
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Keyness of every term: ``target`` group vs. all other groups pooled.

    ``counts`` has one row per ``(group, term)`` with count ``n`` (repeated rows are
    summed); the token total of a group is its ``total`` column if named, else the sum
    of its ``n``.  A term is tested when its count in target + reference (its pooled
    count) is at least ``min_count``; the correction (``"fdr_bh"``, ``"bonferroni"`` or
    ``"none"``) runs over the tested terms of each target.  ``target=None`` runs
    one-vs-rest for every group and stacks the tables.

    Returns ``KEYNESS_COLUMNS``; rates are per ``RATE_BASE`` (10,000) tokens; each
    target's rows sorted by ``g2`` descending, ties by ``term``.
    """
    _check(counts, [group, term, n])
    totals = group_totals(counts, group, n, total)
    if len(totals) < 2:
        raise ValueError("keyness needs at least two groups (sources) to compare")
    if target is not None and target not in totals.index:
        raise KeyError(f"target {target!r} is not one of the groups: {', '.join(map(str, totals.index))}")
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, not {correction!r}")
    targets = list(totals.index) if target is None else [target]
    # the (group x term) count matrix, from codes
    group_code = totals.index.get_indexer(counts[group])
    term_code, terms = codes(counts[term])
    rows = (group_code >= 0) & (term_code >= 0)
    shape = (len(totals), len(terms))
    matrix = sparse.coo_array((counts[n].to_numpy()[rows], (group_code[rows], term_code[rows])), shape=shape).tocsr()
    pooled = matrix.sum(axis=0)
    seen = np.bincount(term_code[rows], minlength=len(terms)) > 0
    tested = np.flatnonzero(seen & (pooled >= min_count))
    # one row per target, one column per tested term
    n_target = matrix[totals.index.get_indexer(targets)][:, tested].toarray().astype(np.int64)
    n_reference = pooled[tested].astype(np.int64) - n_target
    a, b = n_target.astype("float64"), n_reference.astype("float64")
    c = totals[targets].to_numpy()[:, None]
    d = float(totals.sum()) - c
    g2 = g2_signed(a, b, c, d)
    distinct, at = np.unique(np.abs(g2), return_inverse=True)  # few distinct (a, b): compute each once
    p_value = chi2.sf(distinct, df=1)[at].reshape(g2.shape)
    stats = {
        "n_target": n_target, "n_reference": n_reference,
        "total_target": np.broadcast_to(c, a.shape).astype(np.int64),
        "total_reference": np.broadcast_to(d, a.shape).astype(np.int64),
        "rate_target": a / c * RATE_BASE, "rate_reference": b / d * RATE_BASE,
        "g2": g2, "p_value": p_value, "p_adjusted": adjust_p(p_value, correction),
        "log_ratio": log_ratio(a, b, c, d),
        "log_odds_z": log_odds_dirichlet(a, b, c, d, prior_scale * (a + b), prior_scale * (c + d)),
    }
    which = np.repeat(np.arange(len(targets)), len(tested))  # each cell's target
    column = np.tile(tested, len(targets))  # and term code
    order = np.lexsort((column, -g2.ravel(), which))  # target, g2 descending, term
    others = [" + ".join(str(g) for g in totals.index if g != t) for t in targets]
    out = {
        "target": pd.array([str(t) for t in targets], dtype="str").take(which[order]),
        "reference": pd.array(others, dtype="str").take(which[order]),
        "term": pd.array(terms.take(column[order]), dtype="str"),
    }
    out.update({name: values.ravel()[order] for name, values in stats.items()})
    return pd.DataFrame(out, columns=KEYNESS_COLUMNS)


def top_keyness(table: pd.DataFrame, k: int = 10, by: str = "g2") -> pd.DataFrame:
    """The ``k`` most over-used (``direction = "target"``) and ``k`` most under-used
    (``"reference"``) terms of one keyness table, by ``by``; zero scores are dropped."""
    over = table[table[by] > 0].sort_values([by, "term"], ascending=[False, True], kind="stable").head(k)
    under = table[table[by] < 0].sort_values([by, "term"], ascending=[True, True], kind="stable").head(k)
    out = pd.concat([over.assign(direction="target"), under.assign(direction="reference")], ignore_index=True)
    return out


def strongest_terms(table: pd.DataFrame, k: int | None, by: str = "g2") -> pd.DataFrame:
    """Every target's ``k`` most over-used and ``k`` most under-used terms (``top_keyness``
    per target, all columns kept, ``direction`` added), targets in the order they first appear;
    ``k = None`` keeps every term with a non-zero score.  Bounds a table written in full at
    any corpus size (20 sources x 40,000 terms is 800,000 rows at 10,000 articles)."""
    order = pd.Index(table["target"].drop_duplicates())
    parts = []
    for direction, sign in (("target", 1), ("reference", -1)):
        side = table[np.sign(table[by]) == sign].assign(direction=direction, _rank=lambda f: -sign * f[by])
        side = side.sort_values(["target", "_rank", "term"], kind="stable")
        parts.append(side if k is None else side.groupby("target", sort=False, observed=True).head(k))
    out = pd.concat(parts, ignore_index=True).drop(columns="_rank")
    position = pd.Series(np.arange(len(order)), index=order)
    out = out.assign(_order=position.loc[out["target"]].to_numpy(), _side=(out["direction"] == "reference"))
    return out.sort_values(["_order", "_side"], kind="stable").drop(columns=["_order", "_side"]).reset_index(drop=True)


# --------------------------------------------------------------------------- charts


def scatter_frame(table: pd.DataFrame, k: int = 12) -> pd.DataFrame:
    """Data for a two-source frequency scatter from one keyness table: per term the rates
    per 10,000 tokens (a zero count drawn at Hardie's 0.5 substitute, ``x_plot``/``y_plot``,
    so it fits a log axis) and ``labelled`` for the ``k`` terms with the largest |G²|
    (plus any tied with the k-th); ``direction`` says where the term is key."""
    out = table[["term", "n_target", "n_reference", "rate_target", "rate_reference", "g2", "log_ratio"]].copy()
    c, d = table["total_target"].iloc[0], table["total_reference"].iloc[0]
    out["x_plot"] = np.where(out["n_target"] == 0, ZERO_SUBSTITUTE, out["n_target"]) / c * RATE_BASE
    out["y_plot"] = np.where(out["n_reference"] == 0, ZERO_SUBSTITUTE, out["n_reference"]) / d * RATE_BASE
    strength = out["g2"].abs().round(10)
    cut = strength.sort_values(ascending=False).iloc[k - 1] if len(out) >= k else 0.0
    out["labelled"] = (strength >= cut) & (strength > 0)
    out["direction"] = np.where(out["g2"] > 0, "target", np.where(out["g2"] < 0, "reference", "neither"))
    return out.sort_values("term", kind="stable").reset_index(drop=True)
