"""Words over time (notebook 04): term and framing rates per period, change across periods,
keyness before vs after a date, on small hand-made dated corpora."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis import (changing_terms, count_terms, find_phrases, framing_over_time, keyness, keyness_summary,
                      load_corpus, period_keyness, place_articles, side_of_cut, term_rates, with_article_column)
from analysis.measures.time import period_g2, sentences_with


def dated_corpus(folder, rows):
    """Load ``(id, source, published, text)`` rows written as a CSV table."""
    path = folder / "articles.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "source", "date", "text"])
        writer.writerows(rows)
    return load_corpus(path)


@pytest.fixture
def corpus(tmp_path):
    return dated_corpus(tmp_path, [
        ("a1", "Ledger", "2021-01-05", "Camps were called re-education camps. Camps again."),
        ("a2", "Ledger", "2021-02-10", "Concentration camps in the region. Officials denied it."),
        ("a3", "Wire", "2021-02", "Re-education camps and concentration camps were named."),
        ("a4", "Wire", "", "Concentration camps, said the report."),
        ("a5", "Wire", "2021-01-20", "Nothing of the kind here."),
    ])


PHRASES = ["re-education camps", "concentration camps"]


def test_term_rates_count_uses_articles_and_tokens_per_source_and_period(corpus):
    periods = place_articles(corpus.articles, "month")
    rates = term_rates(corpus.tokens, corpus.articles, periods, PHRASES)
    n_tokens = corpus.articles.set_index("article_id")["n_tokens"]
    rows = {(r.source, r.period, r.label): r for r in rates.itertuples()}
    jan = rows[("Ledger", "2021-01", "re-education camps")]
    assert (jan.n, jan.n_articles_with, jan.n_articles, jan.total_tokens) == (1, 1, 1, n_tokens["a1"])
    assert jan.rate_per_10k == pytest.approx(10_000 / n_tokens["a1"])
    assert rows[("Ledger", "2021-01", "concentration camps")].n == 0  # zero rows kept
    wire_jan = rows[("Wire", "2021-01", "concentration camps")]
    assert (wire_jan.n, wire_jan.n_articles) == (0, 1)  # a5 is counted in the totals
    feb = rows[("Wire", "2021-02", "concentration camps")]
    assert (feb.n, feb.n_articles) == (1, 1)  # a4 (no date) is nowhere
    assert rates["n"].sum() == 4
    assert list(rates.groupby(["source", "period"], sort=False).size()) == [2, 2, 2, 2]


def test_pooled_rates_add_up_the_sources(corpus):
    periods = place_articles(corpus.articles, "month")
    pooled = term_rates(corpus.tokens, corpus.articles, periods, PHRASES, by=None)
    by_source = term_rates(corpus.tokens, corpus.articles, periods, PHRASES)
    assert set(pooled["source"]) == {"all sources"}
    summed = by_source.groupby(["period", "label"], sort=True)[["n", "n_articles_with", "total_tokens"]].sum()
    assert pooled.set_index(["period", "label"]).sort_index()[["n", "n_articles_with", "total_tokens"]].equals(summed)


def test_longer_phrase_wins_and_labels_merge_spellings(corpus):
    periods = place_articles(corpus.articles, "year")
    rates = term_rates(corpus.tokens, corpus.articles, periods, {"camps": "camps", "re-education camps": "re-education"},
                       by=None)
    n = rates.set_index("label")["n"]
    assert n["re-education"] == 2 and n["camps"] == 4  # "re-education camps" is not also "camps"


def test_prefiltered_sentences_find_the_same_matches(corpus):
    phrases = ["re-education camps", "concentration camps", "said the report"]
    full = find_phrases(corpus.tokens, phrases)
    part = find_phrases(sentences_with(corpus.tokens, phrases), phrases)
    assert len(sentences_with(corpus.tokens, phrases)) < len(corpus.tokens)
    pd.testing.assert_frame_equal(full.reset_index(drop=True), part.reset_index(drop=True))


def test_framing_over_time_shares_within_concept(corpus):
    periods = place_articles(corpus.articles, "month")
    lexicon = pd.DataFrame({"concept": ["facilities"] * 3, "phrase": ["re-education camps", "concentration camps", "camps"],
                            "note": ""})
    framing = framing_over_time(corpus.tokens, corpus.articles, periods, lexicon, by=None)
    feb = framing[framing["period"] == "2021-02"].set_index("label")
    assert feb["n"].to_dict() == {"re-education camps": 1, "concentration camps": 2, "camps": 0}
    assert feb["share"]["concentration camps"] == pytest.approx(2 / 3)
    assert (feb["concept_n"] == 3).all()


def test_period_g2_matches_scipy_log_likelihood():
    observed = np.array([[3, 0, 7, 1], [10, 12, 9, 11], [0, 0, 5, 0]])
    totals = np.array([500, 400, 650, 300])
    ours = period_g2(observed, totals)
    for row, g2 in zip(observed, ours):
        table = np.vstack([row, totals - row])
        reference = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert g2 == pytest.approx(reference, rel=1e-10)


def test_changing_terms_ranks_the_burst_and_needs_two_periods(corpus, tmp_path):
    burst = dated_corpus(tmp_path, [
        ("b1", "S", "2021-01-05", "Vote on trade. Trade talks. Market news."),
        ("b2", "S", "2021-02-05", "Sanctions sanctions sanctions sanctions. Trade talks. Market news."),
        ("b3", "S", "2021-03-05", "Trade talks. Market news. Vote today."),
    ])
    periods = place_articles(burst.articles, "month")
    counts = count_terms(with_article_column(burst.tokens, periods, "period"), by="period")
    change = changing_terms(counts, k=3, min_count=2)
    assert change["term"].iloc[0] == "sanctions"
    top = change.iloc[0]
    assert (top.peak_period, top.low_rate_per_10k, top.df, top.n) == ("2021-02", 0.0, 2, 4)
    single = place_articles(burst.articles, "year")
    one = count_terms(with_article_column(burst.tokens, single, "period"), by="period")
    assert changing_terms(one).empty


def test_period_keyness_equals_keyness_on_the_sides(corpus):
    cut = "2021-02-01"
    table = period_keyness(corpus.tokens, corpus.articles, cut, min_count=1)
    sides = side_of_cut(corpus.articles, cut)
    counts = count_terms(with_article_column(corpus.tokens, sides, "side"), by="side")
    expected = keyness(counts, "after", group="side", total="total_tokens", min_count=1)
    pooled = table[table["source"] == "all sources"].drop(columns="source").reset_index(drop=True)
    pd.testing.assert_frame_equal(pooled, expected)
    # Ledger has a1 before and a2 after; Wire has a5 before and a3 after (a4 has no date)
    assert list(dict.fromkeys(table["source"])) == ["all sources", "Ledger", "Wire"]
    summary = keyness_summary(table, k=2)
    assert summary["source"].tolist() == ["all sources", "Ledger", "Wire"]


def test_period_keyness_skips_sources_on_one_side(corpus):
    table = period_keyness(corpus.tokens, corpus.articles, "2021-01-15", min_count=1)
    # Ledger: a1 before, a2 after; Wire: a5 and a3 after only (a3's month starts after the cut)
    assert list(dict.fromkeys(table["source"])) == ["all sources", "Ledger"]
    nothing = period_keyness(corpus.tokens, corpus.articles, "2030-01-01")
    assert nothing.empty and "g2" in nothing.columns


def test_with_article_column_marks_undated_tokens_missing(corpus):
    periods = place_articles(corpus.articles, "month")
    tokens = with_article_column(corpus.tokens, periods, "period")
    assert isinstance(tokens["period"].dtype, pd.CategoricalDtype)
    by_article = tokens.groupby("article_id", observed=True)["period"].first()
    assert pd.isna(by_article["a4"]) and by_article["a1"] == "2021-01"
    assert len(tokens) == len(corpus.tokens)


def test_pooling_sources_equals_counting_all_sources(corpus):
    from analysis import pool_sources

    periods = place_articles(corpus.articles, "month")
    by_source = term_rates(corpus.tokens, corpus.articles, periods, PHRASES)
    pd.testing.assert_frame_equal(pool_sources(by_source), term_rates(corpus.tokens, corpus.articles, periods, PHRASES,
                                                                      by=None))
    lexicon = pd.DataFrame({"concept": ["facilities"] * 2, "phrase": PHRASES, "note": ""})
    framing = framing_over_time(corpus.tokens, corpus.articles, periods, lexicon)
    pd.testing.assert_frame_equal(pool_sources(framing),
                                  framing_over_time(corpus.tokens, corpus.articles, periods, lexicon, by=None))


def test_single_word_prefilter_keeps_only_the_words(corpus):
    kept = sentences_with(corpus.tokens, ["camps", "region"])
    assert set(kept["norm"].astype(str)) == {"camps", "region"}
    assert len(find_phrases(kept, ["camps", "region"])) == len(find_phrases(corpus.tokens, ["camps", "region"]))
