import pytest
from handmade import make_corpus

from analysis.measures.context import DISPERSION_COLUMNS, dispersion
from analysis.measures.counts import add_source


@pytest.fixture
def corpus(tmp_path):
    # a: 6 tokens: Camps(0) here(1) Re-education(2) camps(3) there(4) Camps(5)
    return make_corpus(
        tmp_path,
        {
            "a": ("Alpha", "Camps here. Re-education camps there. Camps."),
            "b": ("Beta", "Nothing relevant."),
            "c": ("Gamma", "Camps."),
        },
    )


def test_positions_are_normalised_and_longest_phrase_wins(corpus):
    out = dispersion(corpus.tokens, ["camps", "re-education camps"])
    assert list(out.columns) == DISPERSION_COLUMNS
    a = out[out["article_id"] == "a"]
    assert a[["term", "token_index", "n_tokens", "position"]].values.tolist() == [
        ["camps", 0, 6, 0.0],
        ["re-education camps", 2, 6, 0.4],
        ["camps", 5, 6, 1.0],
    ]
    # an article without the terms has no rows; a one-token article sits at 0
    assert "b" not in set(out["article_id"])
    assert out.loc[out["article_id"] == "c", "position"].tolist() == [0.0]


def test_labels_and_source(corpus):
    tokens = add_source(corpus.tokens, corpus.articles)
    out = dispersion(tokens, {"camps": "camp words", "re-education camps": "camp words"})
    assert set(out["term"]) == {"camp words"}
    assert out["source"].tolist() == ["Alpha", "Alpha", "Alpha", "Gamma"]
    assert out["phrase"].tolist() == ["camps", "re-education camps", "camps", "camps"]
