import pandas as pd
import pytest
from handmade import make_corpus

from analysis.measures.phrases import PHRASE_COLUMNS, find_phrases, phrase_tokens


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(
        tmp_path,
        {
            "a": ("Alpha", "Uighurs are held in “re-education” camps. The camps are large.\n"
                           "Human rights groups object. Human. Rights are universal."),
            "b": ("Beta", "China's camps hold Uyghurs. Re-education camps, says China."),
        },
    )


def test_phrase_tokens_fold_like_the_corpus():
    assert phrase_tokens("Re-education Camps") == ("re-education", "camps")
    assert phrase_tokens("Uighur") == ("uyghur",)  # variants table
    assert phrase_tokens("China’s") == ("china",)  # possessive stripped
    with pytest.raises(ValueError):
        phrase_tokens(" -- ")


def test_longest_match_wins_and_matches_do_not_overlap(corpus):
    found = find_phrases(corpus.tokens, ["camps", "re-education camps"], articles=corpus.articles)
    assert list(found.columns) == PHRASE_COLUMNS
    # a: "re-education camps" (s1), "camps" (s2); b: "camps" (s1), "re-education camps" (s2)
    assert found[["article_id", "phrase"]].values.tolist() == [
        ["a", "re-education camps"],
        ["a", "camps"],
        ["b", "camps"],
        ["b", "re-education camps"],
    ]
    # the surface text keeps the quotes between the tokens
    assert found["matched"].tolist() == ["re-education” camps", "camps", "camps", "Re-education camps"]
    first = found.iloc[0]
    assert corpus.text("a")[first["start"] : first["end"]] == "re-education” camps"
    assert (first["first_token_id"], first["last_token_id"]) == (5, 6)


def test_phrases_never_cross_sentences(corpus):
    found = find_phrases(corpus.tokens, ["human rights"])
    # "Human rights groups" matches; "Human. Rights" spans two sentences and does not
    assert len(found) == 1
    assert found.loc[0, "matched"] == "Human rights"  # tokens joined when no articles given
    assert found.loc[0, "sentence_id"] == 3


def test_folded_match_and_labels(corpus):
    found = find_phrases(corpus.tokens, {"Uighurs": "Uyghur people", "China": "China"})
    assert found["label"].tolist() == ["Uyghur people", "China", "Uyghur people", "China"]
    assert found["phrase"].tolist() == ["Uighurs", "China", "Uighurs", "China"]
    assert found["matched"].tolist() == ["Uighurs", "China's", "Uyghurs", "China"]


def test_conflicting_labels_for_one_folded_phrase_raise():
    with pytest.raises(ValueError, match="fold to the same words"):
        find_phrases(pd.DataFrame(), {"Uighur": "x", "Uyghur": "y"})


def test_no_match_gives_an_empty_frame_with_the_columns(corpus):
    found = find_phrases(corpus.tokens, "genocide")
    assert found.empty
    assert list(found.columns) == PHRASE_COLUMNS
    assert found["start"].dtype == "int64"


def test_phrase_at_the_end_of_one_article_does_not_run_into_the_next(corpus):
    # a ends with "... universal." ; b begins "China's" -- different articles
    assert find_phrases(corpus.tokens, "universal china").empty


def test_count_phrases_fills_zeros_per_group_and_label(corpus):
    from analysis.measures.phrases import count_phrases
    from analysis.measures.counts import add_source

    tokens = add_source(corpus.tokens, corpus.articles)
    out = count_phrases(tokens, {"camps": "camps", "re-education camps": "camps", "genocide": "genocide"})
    # a has 6 + 4 + 4 + 1 + 3 = 18 tokens, b has 4 + 4 = 8; every camps word counts once under the label
    assert out.values.tolist() == [
        ["Alpha", "camps", 2, 18, pytest.approx(2000 / 18)],
        ["Alpha", "genocide", 0, 18, 0.0],
        ["Beta", "camps", 2, 8, 250.0],
        ["Beta", "genocide", 0, 8, 0.0],
    ]
    whole = count_phrases(tokens, "uyghurs", by=None)
    assert whole.values.tolist() == [["uyghurs", 2, 26, pytest.approx(2000 / 26)]]
