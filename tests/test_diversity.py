import pytest
from handmade import make_corpus

from analysis.measures.diversity import diversity, moving_ttr


def test_moving_ttr_by_hand():
    words = "dog dog cat dog dog".split()
    assert moving_ttr(words, 2).tolist() == [0.5, 1.0, 1.0, 0.5]
    assert moving_ttr(words, 5).tolist() == [0.4]
    assert moving_ttr(words, 9).tolist() == [0.4]  # shorter than the window: its TTR
    with pytest.raises(ValueError):
        moving_ttr(words, 0)


def test_diversity_per_article_and_source(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {"a": ("Alpha", "Dog dog cat dog dog."), "b": ("Alpha", "Uighur 12 Uyghur fox."), "c": ("Beta", "Fox.")},
    )
    out = diversity(corpus.tokens, by="article", window=2)
    assert out.columns.tolist() == ["article_id", "n_tokens", "n_types", "ttr", "mattr", "window", "short"]
    # b: the number is not counted; Uighur/Uyghur is one type -> windows [1/2, 2/2]
    assert out[["article_id", "n_tokens", "n_types", "short"]].values.tolist() == [
        ["a", 5, 2, False], ["b", 3, 2, False], ["c", 1, 1, True]
    ]
    assert out["ttr"].tolist() == pytest.approx([0.4, 2 / 3, 1.0])
    assert out["mattr"].tolist() == pytest.approx([0.75, 0.75, 1.0])
    # a source's windows stay inside each article and are pooled: (4 windows of a + 2 of b)
    src = diversity(corpus.tokens.merge(corpus.articles[["article_id", "source"]]), by="source", window=2)
    alpha = src[src["source"] == "Alpha"].iloc[0]
    assert (alpha["n_tokens"], alpha["n_types"]) == (8, 4)  # dog cat uyghur fox
    assert alpha["mattr"] == pytest.approx((0.5 + 1 + 1 + 0.5 + 0.5 + 1) / 6)
