"""Keyness statistics against values worked out by hand.

Worked example (from issue 4): 10 occurrences in 1,000 target tokens, 2 in 1,200
reference tokens.  Expected counts: E = 1000 * 12 / 2200 = 5.4545 and 1200 * 12 / 2200 =
6.5455 for the term, 994.5455 and 1193.4545 for the other tokens.
4-term G² = 2 * [10 ln(10/5.4545) + 2 ln(2/6.5455) + 990 ln(990/994.5455)
+ 1198 ln(1198/1193.4545)] = 2 * [6.0614 - 2.3713 - 4.5380 + 4.5571] = +7.4183
(the 2-term Rayson form, only the first two cells, gives 7.3802 -- a different number).
Log Ratio = log2((10/1000) / (2/1200)) = log2(6) = 2.5850.
Log-odds, prior scale 1 (alpha_w = 12, alpha_0 = 2200):
delta = ln(22/3178) - ln(14/3386) = 0.51538, var = 1/22 + 1/14 = 0.116883,
z = 0.51538 / 0.341882 = 1.5075.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis.measures.keyness import (
    KEYNESS_COLUMNS,
    adjust_p,
    bind_log_odds,
    g2_signed,
    keyness,
    log_odds_dirichlet,
    log_ratio,
    top_keyness,
    strongest_terms,
)
from analysis.measures.prior import prior_sensitivity


def example_counts() -> pd.DataFrame:
    """Target A: 1,000 tokens, 'camps' 10 times; reference B: 1,200 tokens, 'camps' twice."""
    rows = [("A", "camps", 10), ("A", "china", 5), ("A", "other", 985),
            ("B", "camps", 2), ("B", "beijing", 5), ("B", "other", 1193)]
    return pd.DataFrame(rows, columns=["source", "term", "n"])


# ------------------------------------------------------------------ scalar formulas


def test_g2_worked_example_is_4_term():
    assert float(g2_signed(10, 2, 1000, 1200)) == pytest.approx(7.4183, abs=5e-5)
    assert float(g2_signed(10, 2, 1000, 1200)) != pytest.approx(7.3802, abs=5e-4)  # not the 2-term form


def test_g2_matches_scipy_log_likelihood_table():
    for a, b, c, d in [(10, 2, 1000, 1200), (3, 7, 500, 400), (1, 0, 50, 60), (40, 39, 900, 880)]:
        expected = chi2_contingency([[a, b], [c - a, d - b]], correction=False, lambda_="log-likelihood")[0]
        assert abs(float(g2_signed(a, b, c, d))) == pytest.approx(expected, rel=1e-7, abs=1e-9)


def test_g2_is_signed_by_direction_and_zero_for_equal_rates():
    assert float(g2_signed(2, 10, 1200, 1000)) == pytest.approx(-7.4183, abs=5e-5)
    assert float(g2_signed(5, 10, 1000, 2000)) == 0.0


def test_g2_with_a_zero_count_by_hand():
    # a=5, b=0, c=1000, d=1200: E = 2.2727, 2.7273, 997.7273, 1197.2727
    # 2 * [5 ln(5/2.2727) + 0 + 995 ln(995/997.7273) + 1200 ln(1200/1197.2727)] = 7.8982
    assert float(g2_signed(5, 0, 1000, 1200)) == pytest.approx(7.8982, abs=5e-4)


def test_g2_rejects_counts_above_totals():
    with pytest.raises(ValueError):
        g2_signed(11, 0, 10, 10)


def test_log_ratio_worked_example_and_zero_substitution():
    assert float(log_ratio(10, 2, 1000, 1200)) == pytest.approx(2.5850, abs=5e-5)
    # zero replaced by 0.5: log2((5/1000) / (0.5/1200)) = log2(12) = 3.5850
    assert float(log_ratio(5, 0, 1000, 1200)) == pytest.approx(3.5850, abs=5e-5)
    assert float(log_ratio(0, 5, 1200, 1000)) == pytest.approx(-3.5850, abs=5e-5)


def test_log_odds_by_hand():
    z = float(log_odds_dirichlet(10, 2, 1000, 1200, alpha_w=12, alpha_0=2200))
    assert z == pytest.approx(1.5075, abs=5e-5)


def test_adjust_p_bonferroni_and_bh_by_hand():
    p = [0.01, 0.04, 0.03, 0.5]
    assert adjust_p(p, "bonferroni") == pytest.approx([0.04, 0.16, 0.12, 1.0])
    # BH: sorted p 0.01, 0.03, 0.04, 0.5 -> p*m/rank 0.04, 0.06, 0.0533, 0.5 -> cumulative min from the top
    assert adjust_p(p, "fdr_bh") == pytest.approx([0.04, 0.05333333, 0.05333333, 0.5])
    assert adjust_p(p, "none") == pytest.approx(p)
    with pytest.raises(ValueError):
        adjust_p(p, "holm")


# ------------------------------------------------------------------ tidy verbs


def test_keyness_table_for_worked_example():
    table = keyness(example_counts(), "A", min_count=1)
    assert list(table.columns) == KEYNESS_COLUMNS
    row = table.set_index("term").loc["camps"]
    assert (row.n_target, row.n_reference, row.total_target, row.total_reference) == (10, 2, 1000, 1200)
    assert row.rate_target == pytest.approx(100.0)  # per 10,000 tokens
    assert row.rate_reference == pytest.approx(16.6667, abs=5e-5)
    assert row.g2 == pytest.approx(7.4183, abs=5e-5)
    assert row.p_value == pytest.approx(0.006456, abs=5e-7)  # chi2.sf(7.4183, 1)
    assert row.log_ratio == pytest.approx(2.5850, abs=5e-5)
    assert row.log_odds_z == pytest.approx(1.5075, abs=5e-5)
    assert row.target == "A" and row.reference == "B"


def test_keyness_sorted_by_g2_with_term_tie_break():
    counts = pd.DataFrame({"source": ["A", "A", "A", "B"], "term": ["zeta", "alpha", "x", "x"], "n": [3, 3, 10, 10]})
    table = keyness(counts, "A", min_count=1)
    assert list(table["term"]) == ["alpha", "zeta", "x"]
    assert table["g2"].is_monotonic_decreasing


def test_keyness_reverse_comparison_flips_signs():
    counts = example_counts()
    ab = keyness(counts, "A", min_count=1).set_index("term").sort_index()
    ba = keyness(counts, "B", min_count=1).set_index("term").sort_index()
    np.testing.assert_allclose(ab["g2"], -ba["g2"])
    np.testing.assert_allclose(ab["log_ratio"], -ba["log_ratio"])
    np.testing.assert_allclose(ab["log_odds_z"], -ba["log_odds_z"])


def test_min_count_filters_on_combined_count_and_correction_counts_only_tested_terms():
    counts = pd.DataFrame({"source": ["A", "A", "A", "B", "B"], "term": ["once", "twice", "big", "twice", "big"],
                           "n": [1, 1, 50, 1, 20]})
    two = keyness(counts, "A", min_count=2, correction="bonferroni")
    assert set(two["term"]) == {"twice", "big"}
    np.testing.assert_allclose(two["p_adjusted"], np.minimum(two["p_value"] * 2, 1))
    assert set(keyness(counts, "A", min_count=1)["term"]) == {"once", "twice", "big"}


def test_total_column_used_as_denominator():
    counts = pd.DataFrame({"source": ["A", "B"], "term": ["camps", "camps"], "n": [10, 2], "total": [1000, 1200]})
    row = keyness(counts, "A", total="total", min_count=1).iloc[0]
    assert row.g2 == pytest.approx(7.4183, abs=5e-5)
    assert row.log_ratio == pytest.approx(2.5850, abs=5e-5)
    bad = counts.assign(total=[1000, 1200])
    bad = pd.concat([bad, pd.DataFrame({"source": ["A"], "term": ["x"], "n": [1], "total": [999]})])
    with pytest.raises(ValueError):
        keyness(bad, "A", total="total")


def test_one_vs_rest_pools_other_groups():
    counts = pd.DataFrame({"source": ["A", "B", "C", "A", "B", "C"], "term": ["camps"] * 3 + ["other"] * 3,
                           "n": [10, 1, 1, 990, 599, 599]})
    table = keyness(counts, "A", min_count=1).set_index("term")
    assert table.loc["camps", "n_reference"] == 2 and table.loc["camps", "total_reference"] == 1200
    assert table.loc["camps", "reference"] == "B + C"
    assert table.loc["camps", "g2"] == pytest.approx(7.4183, abs=5e-5)
    every = keyness(counts, min_count=1)
    assert sorted(every["target"].unique()) == ["A", "B", "C"]


def test_keyness_needs_two_groups_and_a_known_target():
    one = example_counts().query("source == 'A'")
    with pytest.raises(ValueError, match="two groups"):
        keyness(one, "A")
    with pytest.raises(KeyError):
        keyness(example_counts(), "Z")


def test_bind_log_odds_agrees_with_keyness_and_hand_value():
    bound = bind_log_odds(example_counts()).set_index(["source", "term"])
    assert bound.loc[("A", "camps"), "log_odds_z"] == pytest.approx(1.5075, abs=5e-5)
    assert bound.loc[("B", "camps"), "log_odds_z"] == pytest.approx(-1.5075, abs=5e-5)
    table = keyness(example_counts(), "A", min_count=1).set_index("term")
    assert bound.loc[("A", "china"), "log_odds_z"] == pytest.approx(table.loc["china", "log_odds_z"])


def test_tiny_prior_shrinks_one_sided_terms():
    # 'china' is seen 5 times in A only: by hand z = 1.0678 at scale 0.01, 1.3792 at scale 1
    sens = prior_sensitivity(example_counts(), "A", ["china", "camps"], scales=[0.01, 1.0]).set_index(["prior_scale", "term"])
    assert sens.loc[(0.01, "china"), "log_odds_z"] == pytest.approx(1.0678, abs=5e-4)
    assert sens.loc[(1.0, "china"), "log_odds_z"] == pytest.approx(1.3792, abs=5e-4)
    assert sens.loc[(0.01, "china"), "log_odds_z"] < sens.loc[(1.0, "china"), "log_odds_z"]
    assert list(sens.reset_index()["term"][:2]) == ["china", "camps"]
    with pytest.raises(ValueError):
        bind_log_odds(example_counts(), prior_scale=0)


def test_top_keyness_splits_directions():
    table = keyness(example_counts(), "A", min_count=1)
    top = top_keyness(table, k=1)
    assert list(top["direction"]) == ["target", "reference"]
    assert top.iloc[0]["g2"] > 0 > top.iloc[1]["g2"]
    assert math.isclose(top.iloc[0]["g2"], table["g2"].max())


def test_scatter_frame_places_zero_counts_at_the_half_count_rate_and_labels_ties():
    from analysis.measures.keyness import scatter_frame
    from analysis.plots.scatter import coincident_labels

    points = scatter_frame(keyness(example_counts(), "A", min_count=1), k=1).set_index("term")
    assert points.loc["china", "y_plot"] == pytest.approx(0.5 / 1200 * 10_000)  # 0 in B -> 0.5 count
    assert points.loc["china", "x_plot"] == pytest.approx(50.0)
    # china (5 vs 0) and beijing (0 vs 5) differ in |G²|; the single largest is labelled
    assert points["labelled"].sum() == 1
    same = pd.DataFrame({"term": ["b", "a", "c"], "x_plot": [1.0, 1.0, 2.0], "y_plot": [3.0, 3.0, 3.0]})
    assert coincident_labels(same)["label"].tolist() == ["a, b", "c"]


def test_strongest_terms_bounds_each_target_each_way_in_table_order():
    table = pd.DataFrame({
        "target": ["B"] * 5 + ["A"] * 4,
        "term": ["p", "q", "r", "s", "t", "p", "q", "r", "s"],
        "g2": [5.0, 3.0, -1.0, -4.0, 0.0, 2.0, 2.0, 7.0, -2.0],
    })
    out = strongest_terms(table, 1)
    assert out[["target", "term", "direction"]].values.tolist() == [
        ["B", "p", "target"], ["B", "s", "reference"], ["A", "r", "target"], ["A", "s", "reference"]]
    every = strongest_terms(table, None)
    assert len(every) == 8  # the zero score is left out
    assert every[every["target"] == "A"]["term"].tolist() == ["r", "p", "q", "s"]  # ties by term
    assert strongest_terms(table, 2)[lambda f: f["target"] == "B"]["term"].tolist() == ["p", "q", "s", "r"]
