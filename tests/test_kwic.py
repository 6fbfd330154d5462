import pytest
from handmade import make_corpus

from analysis.measures.context import KWIC_COLUMNS, kwic, sort_kwic
from analysis.measures.counts import add_source

TEXT = (
    "The Uighur camps grew fast. Officials deny the camps exist. Zoned big camps are closing.\n"
    "The camp near Urumqi is an encampment."
)


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path, {"a": ("Alpha", TEXT), "b": ("Beta", "Nothing to see.")})


def test_word_with_token_window_stays_in_its_sentence(corpus):
    out = kwic(corpus.tokens, corpus.articles, "camps", window=2)
    assert list(out.columns) == KWIC_COLUMNS
    assert out[["left", "match", "right"]].values.tolist() == [
        ["The Uighur", "camps", "grew fast"],
        ["deny the", "camps", "exist"],  # "Zoned" is in the next sentence
        ["Zoned big", "camps", "are closing"],
    ]
    assert out["sentence_id"].tolist() == [1, 2, 3]
    row = out.iloc[1]
    assert TEXT[row["start"] : row["end"]] == "camps"


def test_phrase_matches_on_the_folded_form(corpus):
    out = kwic(corpus.tokens, corpus.articles, "Uyghur camps", window=1)
    assert out[["left", "match", "right"]].values.tolist() == [["The", "Uighur camps", "grew"]]
    assert (out.loc[0, "first_token_id"], out.loc[0, "last_token_id"]) == (2, 3)


def test_sentence_window(corpus):
    out = kwic(corpus.tokens, corpus.articles, "deny", window="sentence")
    assert out[["left", "match", "right"]].values.tolist() == [["Officials", "deny", "the camps exist"]]
    with pytest.raises(ValueError):
        kwic(corpus.tokens, corpus.articles, "deny", window="paragraph")


def test_regex_matches_whole_tokens_only(corpus):
    out = kwic(corpus.tokens, corpus.articles, r"camps?", window=0, regex=True)
    # four matches: camps x3 and camp; not "encampment"
    assert out["match"].tolist() == ["camps", "camps", "camps", "camp"]
    assert out["left"].tolist() == ["", "", "", ""]
    # matched on the folded form: a regex for "uyghur" finds "Uighur"
    assert kwic(corpus.tokens, corpus.articles, r"uy\w+", regex=True)["match"].tolist() == ["Uighur"]
    # a multi-token regex may not span a sentence boundary
    assert kwic(corpus.tokens, corpus.articles, r"fast officials", regex=True).empty
    assert kwic(corpus.tokens, corpus.articles, r"grew fast", regex=True)["match"].tolist() == ["grew fast"]


def test_no_match_and_source_column(corpus):
    tokens = add_source(corpus.tokens, corpus.articles)
    out = kwic(tokens, corpus.articles, "genocide")
    assert out.empty and "source" in out.columns
    assert kwic(tokens, corpus.articles, "see")["source"].tolist() == ["Beta"]


def test_sort_by_right_and_by_left_context(corpus):
    out = kwic(corpus.tokens, corpus.articles, "camps", window=2)
    by_right = sort_kwic(out, "right")
    assert by_right["right"].tolist() == ["are closing", "exist", "grew fast"]
    by_left = sort_kwic(out, "left")
    # left context read outward from the match: "big zoned" < "the deny" < "uighur the"
    assert by_left["left"].tolist() == ["Zoned big", "deny the", "The Uighur"]
    with pytest.raises(ValueError):
        sort_kwic(out, "middle")
