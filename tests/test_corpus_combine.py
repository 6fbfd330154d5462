"""Corpora with different vocabularies put together keep their encoding and their counts."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.combine import concat_corpora, concat_frames
from analysis.corpus.load import corpus_from_texts

TEXTS = {"a1": "Camps in Xinjiang. The camps grew.", "a2": "Sanctions followed in March.",
         "b1": "Uyghurs and camps. Beijing denied it."}


def test_concatenated_corpora_equal_one_corpus_of_all_texts():
    first = corpus_from_texts({k: TEXTS[k] for k in ("a1", "a2")})
    second = corpus_from_texts({"b1": TEXTS["b1"]})
    whole = corpus_from_texts(TEXTS)
    combined = concat_corpora([first, second])
    for name in ("articles", "paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(combined, name), getattr(whole, name), check_dtype=True)


def test_categories_are_unioned_and_sorted():
    left = pd.DataFrame({"w": pd.Categorical(["b", "a"], categories=["a", "b"])})
    right = pd.DataFrame({"w": pd.Categorical(["c"], categories=["c"])})
    out = concat_frames([left, right])
    assert isinstance(out["w"].dtype, pd.CategoricalDtype)
    assert list(out["w"].cat.categories) == ["a", "b", "c"]
    assert out["w"].tolist() == ["b", "a", "c"]


def test_repeated_article_ids_are_refused():
    one = corpus_from_texts({"x": "Some text here."})
    with pytest.raises(ValueError, match="x"):
        concat_corpora([one, one])
