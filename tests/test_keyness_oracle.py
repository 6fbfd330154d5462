"""``keyness`` (all targets at once, from codes) agrees with an oracle written here: one
pivot table per target, the statistics applied to its two columns."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy.stats import chi2

from analysis import load_corpus
from analysis.measures.keyness import (
    CORRECTIONS,
    KEYNESS_COLUMNS,
    RATE_BASE,
    adjust_p,
    g2_signed,
    group_totals,
    keyness,
    log_odds_dirichlet,
    log_ratio,
)
from analysis.config import PROJECT_ROOT
from analysis.measures.counts import add_source, count_terms


def oracle_one(counts, target, group="source", term="term", n="n", total=None, min_count=2, correction="fdr_bh",
               prior_scale=1.0) -> pd.DataFrame:
    """One target against the rest pooled, from a pivot table of the two sides."""
    totals = group_totals(counts, group, n, total)
    side = np.where(counts[group] == target, "n_target", "n_reference")
    wide = (counts.assign(_side=side).pivot_table(index=term, columns="_side", values=n, aggfunc="sum", fill_value=0)
            .reindex(columns=["n_target", "n_reference"], fill_value=0).astype("int64").rename_axis(columns=None)
            .reset_index())
    wide = wide[wide["n_target"] + wide["n_reference"] >= min_count].reset_index(drop=True)
    others = [g for g in totals.index if g != target]
    c, d = float(totals[target]), float(totals[others].sum())
    a, b = wide["n_target"].to_numpy("float64"), wide["n_reference"].to_numpy("float64")
    g2 = g2_signed(a, b, c, d)
    out = wide.rename(columns={term: "term"}).assign(
        target=str(target), reference=" + ".join(map(str, others)), total_target=int(c), total_reference=int(d),
        rate_target=a / c * RATE_BASE, rate_reference=b / d * RATE_BASE, g2=g2, p_value=chi2.sf(np.abs(g2), df=1),
        p_adjusted=adjust_p(chi2.sf(np.abs(g2), df=1), correction), log_ratio=log_ratio(a, b, c, d),
        log_odds_z=log_odds_dirichlet(a, b, c, d, prior_scale * (a + b), prior_scale * (c + d)),
    )[KEYNESS_COLUMNS]
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def oracle(counts, target=None, **options) -> pd.DataFrame:
    groups = group_totals(counts, options.get("group", "source"), options.get("n", "n"), options.get("total")).index
    targets = list(groups) if target is None else [target]
    return pd.concat([oracle_one(counts, t, **options) for t in targets], ignore_index=True)


def assert_agree(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == KEYNESS_COLUMNS and isinstance(got.index, pd.RangeIndex)
    floats = ["rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio", "log_odds_z"]
    pd.testing.assert_frame_equal(got.drop(columns=floats), want.drop(columns=floats).astype(
        {c: got[c].dtype for c in got.columns if c not in floats}), check_exact=True)
    assert [str(t) for t in got.dtypes[["target", "reference", "term"]]] == ["str"] * 3
    for column in floats:
        assert_allclose(got[column], want[column], rtol=1e-12, atol=0, err_msg=column)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    seeds = load_corpus()
    three = load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "three_sources")
    tokens = add_source(three.tokens, three.articles)
    by_article = count_terms(seeds.tokens, by="article").rename(columns={"article_id": "source"})
    return {
        "seeds by article": by_article,
        "fixtures by source": count_terms(tokens, by="source"),
        "fixtures bigrams by source": count_terms(tokens, by="source", n=2, drop_stop=False),
        # repeated (group, term) rows are summed; ties in g2; rows in no order
        "hand-made": pd.DataFrame({"source": ["B", "A", "A", "A", "B", "A", "B", "C"],
                                   "term": ["x", "zeta", "alpha", "x", "y", "y", "y", "x"],
                                   "n": [10, 3, 3, 10, 2, 1, 1, 4]}),
    }


@pytest.mark.parametrize("min_count", [0, 2])
@pytest.mark.parametrize("total", [None, "total_tokens"])
def test_keyness_matches_per_target_pivot_tables(tables, total, min_count):
    for name, counts in tables.items():
        if total and total not in counts:
            continue
        for correction, scale in zip(CORRECTIONS, (1.0, 0.1, 10.0)):
            options = dict(total=total, min_count=min_count, correction=correction, prior_scale=scale)
            assert_agree(keyness(counts, **options), oracle(counts, **options))
            last = group_totals(counts, total=total).index[-1]
            assert_agree(keyness(counts, last, **options), oracle(counts, last, **options))


def test_categorical_columns_and_unused_categories(tables):
    counts = tables["fixtures by source"]
    coded = counts.astype({"source": "category", "term": "category"})
    coded["term"] = coded["term"].cat.add_categories(["zzz-unused"])
    coded["source"] = coded["source"].cat.add_categories(["Unused outlet"])
    for min_count in (0, 2):
        assert_agree(keyness(coded, total="total_tokens", min_count=min_count),
                     oracle(counts, total="total_tokens", min_count=min_count))


def test_float_counts_and_a_target_with_nothing_to_test(tables):
    counts = tables["hand-made"]
    floats = counts.assign(n=counts["n"].astype(float))
    assert_agree(keyness(floats, min_count=1), oracle(counts, min_count=1))
    empty = keyness(counts, "A", min_count=100)
    assert empty.empty and list(empty.columns) == KEYNESS_COLUMNS
