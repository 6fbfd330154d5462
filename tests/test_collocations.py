import math

import pytest
from handmade import make_corpus

from analysis.measures.collocations import collocations
from analysis.measures.counts import add_source

# 4 pairs: red fox (2), red hen (1), old fox (1)
TEXT = "Red fox. Red fox. Red hen. Old fox."


@pytest.fixture
def tokens(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ("Alpha", TEXT), "b": ("Beta", "Blue sky and blue sky.")})
    return add_source(corpus.tokens, corpus.articles)


def test_g2_and_pmi_from_the_two_by_two_table(tokens):
    out = collocations(tokens[tokens["article_id"] == "a"], min_count=1)
    # red fox: O = [2, 1, 1, 0], E = [2.25, .75, .75, .25] -> rarer than expected, negative
    # old fox: O = [1, 0, 2, 1], E = [.75, .25, 2.25, .75]; red hen is its mirror image
    g2 = 2 * (2 * math.log(1 / 0.75) + 2 * math.log(2 / 2.25))
    assert out["term"].tolist() == ["old fox", "red hen", "red fox"]
    assert out["g2"].tolist() == pytest.approx([g2, g2, -g2])
    assert out["pmi"].tolist() == pytest.approx([math.log2(1 / 0.75), math.log2(1 / 0.75), math.log2(2 / 2.25)])
    assert out[["n", "n_w1", "n_w2", "n_pairs", "rank"]].values.tolist() == [
        [1, 1, 3, 4, 1],
        [1, 3, 1, 4, 2],
        [2, 3, 3, 4, 3],
    ]
    assert out["expected"].tolist() == pytest.approx([0.75, 0.75, 2.25])


def test_min_count_and_groups(tokens):
    out = collocations(tokens, by="source", min_count=2)
    # "blue sky" twice; "and" is a stop word, so "sky blue" is never a pair
    assert out[["source", "term", "n"]].values.tolist() == [["Alpha", "red fox", 2], ["Beta", "blue sky", 2]]
    # Beta alone: the only pair type is blue sky, so the table is O = [2, 0, 0, 0]: g2 = 0
    assert out.loc[1, "g2"] == pytest.approx(0.0)
    assert out.loc[1, "pmi"] == pytest.approx(0.0)
    assert collocations(tokens, by="source", min_count=3).empty
