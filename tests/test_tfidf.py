"""Paragraph TF-IDF, source profiles and similarities on hand-made documents."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.corpus.load import corpus_from_texts
from analysis.measures.tfidf import idf_values, source_profile, source_similarity, source_similarity_matrix, tfidf


def make_corpus(articles: dict[tuple[str, str], list[str]]):
    """``{(article_id, source): [paragraph, ...]}`` -> (tokens with source, paragraphs, articles)."""
    sources = {a: s for a, s in articles}
    corpus = corpus_from_texts({a: "\n".join(paras) for (a, _), paras in articles.items()}, sources)
    frame = corpus.tokens
    frame["source"] = frame["article_id"].map(sources).astype("str")
    return frame, corpus.paragraphs, corpus.articles[["article_id", "source", "text"]]


def test_two_articles_give_only_two_idf_values():
    tokens, _, _ = make_corpus({("1", "A"): ["Camps in Xinjiang. Camps again."], ("2", "B"): ["Camps and China."]})
    values = idf_values(tfidf(tokens, doc="article"))
    assert values["idf"].round(6).tolist() == [1.405465, 1.0]  # ln(3/2) + 1 for df=1; 1 for df=2
    assert values["df"].tolist() == [1, 2]


def test_paragraph_weights_by_hand():
    # docs: "camps camps china" | "china" | "uyghurs"; N = 3
    # idf(camps) = ln(4/2) + 1 = 1.693147, idf(china) = ln(4/3) + 1 = 1.287682
    # doc 1, sublinear tf: camps 1 + ln 2 = 1.693147, china 1
    # raw: camps 2.866748, china 1.287682; L2 norm 3.142669 -> camps 0.912202, china 0.409742
    tokens, _, _ = make_corpus({("1", "A"): ["Camps camps China.", "China."], ("2", "B"): ["Uyghurs."]})
    w = tfidf(tokens).set_index(["doc_index", "term"])
    assert w.loc[(0, "camps"), "tf_idf"] == pytest.approx(0.912202, abs=1e-6)
    assert w.loc[(0, "china"), "tf_idf"] == pytest.approx(0.409742, abs=1e-6)
    assert w.loc[(0, "camps"), "n"] == 2 and w.loc[(0, "china"), "df"] == 2
    assert w.loc[(1, "china"), "tf_idf"] == pytest.approx(1.0)
    raw = tfidf(tokens, sublinear_tf=False).set_index(["doc_index", "term"])
    # plain tf: camps 2 * 1.693147 = 3.386294, china 1.287682 -> 0.934702 after L2
    assert raw.loc[(0, "camps"), "tf_idf"] == pytest.approx(0.934702, abs=1e-6)


def test_min_df_is_passed_to_the_vectorizer():
    tokens, _, _ = make_corpus({("1", "A"): ["Camps China.", "China."], ("2", "B"): ["Uyghurs."]})
    assert set(tfidf(tokens, min_df=2)["term"]) == {"china"}


def test_source_similarity_identical_and_disjoint():
    same, _, _ = make_corpus({("1", "A"): ["Camps China."], ("2", "B"): ["Camps China."], ("3", "C"): ["Uyghurs."]})
    sim = source_similarity(tfidf(same)).set_index(["source_a", "source_b"])["cosine"]
    assert sim[("A", "B")] == pytest.approx(1.0)
    assert sim[("A", "C")] == pytest.approx(0.0)
    assert len(sim) == 3  # every pair of three sources


def test_source_profile_mean_over_paragraphs():
    tokens, _, _ = make_corpus({("1", "A"): ["Camps camps China.", "China."], ("2", "B"): ["Uyghurs."]})
    profile = source_profile(tfidf(tokens)).set_index(["source", "term"])
    assert profile.loc[("A", "china"), "mean_tf_idf"] == pytest.approx((0.409742 + 1.0) / 2, abs=1e-6)
    assert profile.loc[("A", "camps"), "mean_tf_idf"] == pytest.approx(0.912202 / 2, abs=1e-6)
    assert profile.loc[("A", "china"), "rank"] == 1 and profile.loc[("A", "china"), "n_docs_with"] == 2


def test_source_similarity_matrix_is_square_symmetric_and_matches_the_pairs():
    tokens, _, _ = make_corpus({
        ("1", "A"): ["Camps China.", "Uyghurs held."], ("2", "B"): ["Camps China."], ("3", "C"): ["Bridges open."],
    })
    weights = tfidf(tokens)
    square = source_similarity_matrix(weights)
    assert list(square.index) == list(square.columns) == ["A", "B", "C"]
    assert np.allclose(square.to_numpy(), square.to_numpy().T) and np.diag(square).tolist() == [1.0, 1.0, 1.0]
    # A's centroid: (camps-china row + uyghurs-held row) / 2, B's: the camps-china row -> cos = 1 / sqrt(2)
    assert square.loc["A", "B"] == pytest.approx(1 / np.sqrt(2))
    assert square.loc["A", "C"] == 0.0
    pairs = source_similarity(weights).set_index(["source_a", "source_b"])["cosine"]
    assert pairs[("A", "B")] == square.loc["A", "B"] and len(pairs) == 3
    one, _, _ = make_corpus({("1", "A"): ["Camps China."]})
    assert source_similarity_matrix(tfidf(one)).shape == (1, 1) and source_similarity(tfidf(one)).empty
