"""Passage matching (``measures.neighbours``): each paragraph's nearest paragraphs of other
sources, by hand on small documents and against a dense brute-force oracle (every pair of
paragraphs, ``X @ X.T``) on the three-source fixture, generated frames and with tiny blocks."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_tfidf import make_corpus
from test_tfidf_oracle import token_frame

from analysis import load_corpus
from analysis.config import PROJECT_ROOT
from analysis.measures.counts import add_source
from analysis.measures.neighbours import (DECIMALS, nearest_passages, pair_counts, passage_matches, row_blocks,
                                          shorten, unit_rows, with_texts)
from analysis.measures.tfidf import tfidf


def dense_oracle(weights: pd.DataFrame, k: int, max_df: int | None = None, group: str = "source") -> pd.DataFrame:
    """Every pair of documents at once (dense), then each row sorted by rounded cosine
    descending and document number: the definition, quadratic, for small corpora only."""
    n_docs = int(weights["doc_index"].max()) + 1
    terms = pd.Index(sorted(weights["term"].astype(str).unique()))
    dense = np.zeros((n_docs, len(terms)))
    dense[weights["doc_index"].to_numpy(), terms.get_indexer(weights["term"].astype(str))] = weights["tf_idf"]
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    unit = np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)
    if max_df is not None:  # the common terms' part of the sum left out, rows not re-normalised
        df = (dense > 0).sum(axis=0)
        unit[:, df > max_df] = 0.0
    cosine = np.round(unit @ unit.T, DECIMALS)
    label = np.full(n_docs, "", dtype=object)
    docs = weights.drop_duplicates("doc_index")
    label[docs["doc_index"].to_numpy()] = docs[group].astype(str).to_numpy()
    rows = []
    for i in range(n_docs):
        candidates = [(-cosine[i, j], j) for j in range(n_docs) if label[j] != label[i] and cosine[i, j] > 0]
        for rank, (minus, j) in enumerate(sorted(candidates)[:k], start=1):
            rows.append((i, rank, j, -minus))
    return pd.DataFrame(rows, columns=["doc_index", "rank", "neighbour", "cosine"]).astype(
        {"doc_index": "int64", "rank": "int64", "neighbour": "int64", "cosine": "float64"})


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    for column in ["doc_index", "rank", "neighbour"]:
        assert got[column].tolist() == want[column].tolist(), column
    np.testing.assert_allclose(got["cosine"], want["cosine"], rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def fixture_weights():
    three = load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "three_sources")
    return tfidf(add_source(three.tokens, three.articles))


@pytest.mark.parametrize("k", [1, 3, 50])
@pytest.mark.parametrize("max_cells", [1, 7, 10**7])
def test_three_source_fixture_matches_the_dense_oracle(fixture_weights, k, max_cells):
    assert_same(nearest_passages(fixture_weights, k=k, max_cells=max_cells), dense_oracle(fixture_weights, k))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("max_df", [None, 2, 5])
def test_generated_frames_match_the_dense_oracle(seed, max_df):
    weights = tfidf(token_frame(n_articles=24, seed=seed, sources="ABCD"))
    for k in (1, 4):
        assert_same(nearest_passages(weights, k=k, max_df=max_df, max_cells=50), dense_oracle(weights, k, max_df))


def test_ties_go_to_the_lower_document_and_same_source_is_never_a_neighbour():
    # paragraphs of B and C are identical to A's first paragraph: the same cosine, B's first
    tokens, _, _ = make_corpus({
        ("1", "A"): ["Camps in Xinjiang.", "Camps in Xinjiang."],
        ("2", "B"): ["Camps in Xinjiang."],
        ("3", "C"): ["Camps in Xinjiang."],
    })
    got = nearest_passages(tfidf(tokens), k=2)
    first = got[got["doc_index"] == 0]
    assert first["neighbour"].tolist() == [2, 3] and first["cosine"].tolist() == pytest.approx([1.0, 1.0])
    assert 1 not in set(got.loc[got["doc_index"] == 0, "neighbour"]), "the same source's paragraph is left out"
    b = got[got["doc_index"] == 2]
    assert b["neighbour"].tolist() == [0, 1], "ties: the lower document number first"


def test_no_neighbour_without_a_shared_term_or_another_source():
    tokens, _, _ = make_corpus({("1", "A"): ["Camps in Xinjiang.", "Uyghurs held."], ("2", "B"): ["Bridges open."]})
    assert nearest_passages(tfidf(tokens)).empty
    one, _, _ = make_corpus({("1", "A"): ["Camps in Xinjiang."], ("2", "A"): ["Camps in Xinjiang."]})
    got = nearest_passages(tfidf(one))
    assert got.empty and list(got.columns) == ["doc_index", "rank", "neighbour", "cosine"]
    assert passage_matches(got, tfidf(one)).empty


def test_max_df_leaves_common_terms_out_of_the_sum_without_renormalising():
    tokens, _, _ = make_corpus({
        ("1", "A"): ["Germany camps conference."], ("2", "B"): ["Germany camps."], ("3", "C"): ["Camps bridges."],
    })
    weights = tfidf(tokens)
    full, capped = unit_rows(weights), unit_rows(weights, max_df=2)  # "camps" (in 3 paragraphs) dropped
    assert np.asarray(full.multiply(full).sum(axis=1)).ravel() == pytest.approx([1.0, 1.0, 1.0])
    w = weights.set_index(["doc_index", "term"])["tf_idf"]
    assert np.asarray(capped.multiply(capped).sum(axis=1)).ravel() == pytest.approx(
        [1 - w[(0, "camps")] ** 2, 1 - w[(1, "camps")] ** 2, 1 - w[(2, "camps")] ** 2])
    got = nearest_passages(weights, k=1, max_df=2)
    everything = nearest_passages(weights, k=1)
    b = got[got["doc_index"] == 1].iloc[0]
    assert b.neighbour == 0 and b.cosine == pytest.approx(w[(0, "germany")] * w[(1, "germany")])
    assert b.cosine < everything.loc[everything["doc_index"] == 1, "cosine"].iloc[0], "a part of the cosine"
    assert 2 not in set(got["doc_index"]), "C shares only the dropped term"
    with pytest.raises(ValueError, match="max_df"):
        nearest_passages(weights, max_df=0)
    with pytest.raises(ValueError, match="k must be"):
        nearest_passages(weights, k=0)


def test_blocks_cover_every_row_once_and_respect_the_budget(fixture_weights):
    matrix = unit_rows(fixture_weights)
    for budget in (1, 10, 100, 10**6):
        blocks = row_blocks(matrix, budget)
        assert [b[0] for b in blocks][1:] == [b[1] for b in blocks][:-1]
        assert blocks[0][0] == 0 and blocks[-1][1] == matrix.shape[0]
        for start, stop in blocks:
            entries = (matrix[start:stop] @ matrix.T).nnz
            assert entries <= budget + matrix.shape[0]


def test_matches_are_distinct_ordered_pairs_and_counted_per_source_pair():
    tokens, paras, meta = make_corpus({
        ("1", "A"): ["Germany hosts a Xinjiang conference.", "Nothing else here today."],
        ("2", "B"): ["A conference on Xinjiang in Germany.", "Unrelated words only."],
        ("3", "C"): ["Xinjiang conference news."],
    })
    weights = tfidf(tokens)
    neighbours = nearest_passages(weights, k=3)
    matches = passage_matches(neighbours, weights)
    assert not matches[["doc_a", "doc_b"]].duplicated().any()
    assert (matches["source_a"] < matches["source_b"]).all()
    assert matches["cosine"].is_monotonic_decreasing and matches["rank"].tolist() == list(range(1, len(matches) + 1))
    best = matches.iloc[0]
    assert (best.source_a, best.article_id_a, best.paragraph_id_a) == ("A", "1", 1)
    assert (best.source_b, best.article_id_b, best.paragraph_id_b) == ("B", "2", 1)
    counts = pair_counts(matches)
    assert counts["n_pairs"].sum() == len(matches)
    assert counts.set_index(["source_a", "source_b"]).loc[("A", "B"), "max_cosine"] == pytest.approx(best.cosine)
    shown = with_texts(matches.head(1), weights, paras, meta, width=20)
    row = shown.iloc[0]
    assert (row.paragraph_a, row.paragraph_b) == ("1 ¶1", "2 ¶1")
    assert row.text_a == "Germany hosts a Xin…" and len(row.text_a) == 20
    assert set(row.shared_terms.split(", ")) == {"germany", "xinjiang", "conference"}


def test_top_pairs_overall_equal_the_oracles_for_n_up_to_k():
    weights = tfidf(token_frame(n_articles=30, seed=7, sources="ABC"))
    k = 4
    everything = passage_matches(dense_oracle(weights, k=10**6), weights)
    got = passage_matches(nearest_passages(weights, k=k), weights)
    for column in ["doc_a", "doc_b"]:
        assert got[column].head(k).tolist() == everything[column].head(k).tolist()


def test_shorten():
    assert shorten("a  b\nc") == "a b c"
    assert shorten("x" * 10, width=5) == "xxxx…"
