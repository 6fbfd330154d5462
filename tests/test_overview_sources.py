"""Notebook 00 at any size: per-source summaries, cleaning per source and rule, bounded samples."""
import numpy as np
import pandas as pd
import pytest
from handmade import make_corpus

from analysis.measures.overview import (largest_sources, length_distribution, removal_by_source, removed_sample,
                                        sample_rows, sentence_lengths, sentence_token_counts, source_summary,
                                        article_summary)

TEXTS = {
    "a1": ("Alpha", "One two three. Four five.\nRecent Comments\n"),
    "a2": ("Alpha", "Six seven eight nine.\nRecent Comments\n"),
    "b1": ("Beta", "Ten eleven twelve thirteen fourteen fifteen.\nRead More: Other Story\nRecent Comments\n"),
    "c1": ("Gamma", "Sixteen."),
}


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path, TEXTS)


def test_largest_sources_by_articles_then_tokens_then_name(corpus):
    assert largest_sources(corpus.articles) == ["Alpha", "Beta", "Gamma"]  # Alpha: 2 articles
    assert largest_sources(corpus.articles, 1) == ["Alpha"]
    tied = pd.DataFrame({"article_id": ["x", "y", "z"], "source": ["B", "A", "C"], "n_tokens": [5, 5, 9]})
    assert largest_sources(tied) == ["C", "A", "B"]


def test_source_summary(corpus):
    s = source_summary(corpus).set_index("source")
    assert s.index.tolist() == ["Alpha", "Beta", "Gamma"]
    assert s.loc["Alpha", ["articles", "tokens", "sentences", "min_tokens", "max_tokens"]].tolist() == [2, 9, 3, 4, 5]
    assert s.loc["Alpha", "median_tokens"] == 4.5
    assert s.loc["Beta", ["removed_lines", "articles_cleaned"]].tolist() == [2, 1]
    assert s.loc["Gamma", ["removed_lines", "articles_cleaned"]].tolist() == [0, 0]
    assert s["share_tokens"].sum() == pytest.approx(1.0, abs=1e-3)
    assert s.loc["Beta", "share_tokens"] == round(6 / 16, 3)


def test_removal_by_source_and_rule(corpus):
    r = removal_by_source(corpus)
    rows = {(x.source, x.rule): (x.articles, x.share_articles, x.lines) for x in r.itertuples()}
    assert rows[("Alpha", "comments_widget")] == (2, 1.0, 2)
    assert rows[("Beta", "read_more")] == (1, 1.0, 1)
    assert r["source"].tolist()[:1] == ["Alpha"] and "Gamma" not in set(r["source"])
    assert r.loc[r["rule"] == "read_more", "characters"].item() == len("Read More: Other Story")


def test_sample_rows_bounded_deterministic_and_in_order():
    frame = pd.DataFrame({"g": ["a"] * 10 + ["b"] * 2, "i": range(12)})
    one = sample_rows(frame, 3, by="g", seed=1)
    assert one.groupby("g").size().to_dict() == {"a": 3, "b": 2}
    assert one.equals(sample_rows(frame, 3, by="g", seed=1))  # the same rows every run
    assert one["i"].is_monotonic_increasing  # frame order kept
    assert len(sample_rows(frame, 5)) == 5 and len(sample_rows(frame, 0)) == 0
    assert not sample_rows(frame, 3, by="g", seed=1).equals(sample_rows(frame, 3, by="g", seed=2))
    with pytest.raises(ValueError):
        sample_rows(frame, -1)


def test_removed_sample_is_bounded_per_rule(corpus):
    s = removed_sample(corpus, per_rule=1)
    assert s["rule"].tolist() == ["comments_widget", "read_more"]
    assert s.columns.tolist() == ["rule", "source", "article_id", "line", "text"]
    assert len(removed_sample(corpus, per_rule=5)) == len(corpus.removed) == 4


def test_sentence_counts_and_length_distribution(corpus):
    counts = sentence_token_counts(corpus.tokens)
    naive = corpus.tokens.groupby(["article_id", "sentence_id"], observed=True).size()
    assert counts["tokens"].tolist() == naive.tolist()
    shuffled = corpus.tokens.sample(frac=1, random_state=0)
    assert sentence_token_counts(shuffled).equals(counts)  # order of the rows does not matter
    lengths = sentence_lengths(corpus)
    assert lengths.columns.tolist() == ["article_id", "source", "sentence_id", "tokens"]
    dist = length_distribution(article_summary(corpus), lengths)
    alpha = dist[(dist["source"] == "Alpha") & (dist["unit"] == "sentence")]
    assert dict(zip(alpha["tokens"], alpha["count"])) == {2: 1, 3: 1, 4: 1}
    assert dist.groupby("unit")["count"].sum().to_dict() == {"article": 4, "sentence": len(counts)}
    assert np.array_equal(article_summary(corpus)["mean_sentence_tokens"], [2.5, 4.0, 6.0, 1.0])
