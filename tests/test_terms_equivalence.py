"""The fast paths of ``terms`` and ``keyness`` (integer codes, no sort when the tokens are
in order, one pass for every keyness target) give exactly the frames of the general
pandas paths they replace, on small hand-made frames built to trip them up."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from handmade import make_corpus

from analysis.measures import keyness as kn
from analysis.measures import counts as terms
from analysis.measures.counts import add_source, count_terms, ngrams

COLUMNS = ["article_id", "paragraph_id", "sentence_id", "token_id", "start", "end",
           "token", "lower", "norm", "is_stop", "is_alpha"]
STOP = {"the", "in", "of", "a"}


def hand_tokens(articles: dict[str, list[list[str]]]) -> pd.DataFrame:
    """A tokens frame from ``{article_id: [sentence words, ...]}`` (one paragraph each).
    Words are built with ``join`` so that equal words are *different* string objects."""
    rows = []
    for article_id, sentences in articles.items():
        token_id, offset = 0, 0
        for sentence_id, words in enumerate(sentences, start=1):
            for word in words:
                token_id += 1
                norm = "".join(list(word.lower()))
                rows.append([article_id, 1, sentence_id, token_id, offset, offset + len(word), word,
                             word.lower(), norm, norm in STOP, word.replace(" ", "").isalpha()])
                offset += len(word) + 1
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({c: "str" for c in ["article_id", "token", "lower", "norm"]})


def general_counts(tokens, by="source", n=1, drop_stop=True, alpha_only=True):
    return terms._count_terms_general(tokens, terms.group_columns(by), n, drop_stop, alpha_only)


def assert_identical(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    assert list(fast.columns) == list(slow.columns)
    assert fast.dtypes.equals(slow.dtypes)
    assert type(fast.index) is type(slow.index) and fast.index.equals(slow.index)
    assert fast.equals(slow)


@pytest.fixture
def tokens() -> pd.DataFrame:
    # two articles whose sentences share ids, repeated words for ties, a number, stop words
    frame = hand_tokens({
        "b": [["Camps", "in", "Xinjiang", "camps"], ["Rights", "rights", "groups"], ["Xinjiang", "1,200", "camps"]],
        "a": [["Human", "rights", "matter"], ["The", "camps", "hold", "people", "camps"]],
        "c": [["camps"]],
    })
    return frame.assign(source=frame["article_id"].map({"a": "Alpha", "b": "Beta", "c": "Alpha"}))


BYS = ["source", "article", "paragraph", "sentence", None, ["source", "article"], ["source", "paragraph_id"]]
OPTIONS = [(True, True), (False, True), (True, False), (False, False)]


@pytest.mark.parametrize("by", BYS, ids=str)
@pytest.mark.parametrize("n", [1, 2, 3])
def test_count_terms_fast_path_equals_general_path(tokens, by, n):
    for drop_stop, alpha_only in OPTIONS:
        fast = count_terms(tokens, by=by, n=n, drop_stop=drop_stop, alpha_only=alpha_only)
        assert_identical(fast, general_counts(tokens, by, n, drop_stop, alpha_only))
        # the fast path really ran (a None here would hide a regression behind the general path)
        assert terms._count_terms_fast(tokens, terms.group_columns(by), n, drop_stop, alpha_only) is not None


@pytest.mark.parametrize("n", [1, 2, 3])
def test_unsorted_input_gives_the_sorted_result(tokens, n):
    shuffled = tokens.sample(frac=1, random_state=3)
    shuffled.index = np.arange(len(shuffled))[::-1] * 10 + 5  # neither in order nor a range
    for by in ["source", "sentence", None]:
        assert_identical(count_terms(shuffled, by=by, n=n), count_terms(tokens, by=by, n=n))
        assert_identical(count_terms(shuffled, by=by, n=n), general_counts(shuffled, by, n))
    assert_identical(ngrams(shuffled, n=n), ngrams(tokens, n=n))
    assert_identical(ngrams(shuffled, n=n), terms._ngrams_general(shuffled, n, True, True))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_ngrams_fast_path_equals_general_path_with_extra_columns(tokens, n):
    extra = tokens.assign(weight=np.arange(len(tokens)) % 3)
    extra.insert(0, "first", "x")
    for drop_stop, alpha_only in OPTIONS:
        assert_identical(ngrams(extra, n, drop_stop, alpha_only), terms._ngrams_general(extra, n, drop_stop, alpha_only))
        assert terms._sequence(extra, n, drop_stop, alpha_only) is not None  # the fast path ran


def test_ngrams_never_cross_sentences_or_articles(tokens):
    # "camps" ends article b's last sentence and article a's; "camps human" / "camps camps" would cross
    bigrams = set(ngrams(tokens, n=2, drop_stop=False, alpha_only=False)["term"])
    assert "camps human" not in bigrams and "camps camps" not in bigrams
    assert "camps rights" not in bigrams  # b: sentence 1 -> 2
    assert "rights rights" in bigrams
    trigrams = count_terms(tokens, by=None, n=3, drop_stop=False, alpha_only=False)
    assert set(trigrams["term"]) == {
        "camps in xinjiang", "in xinjiang camps", "rights rights groups", "xinjiang 1,200 camps",
        "human rights matter", "the camps hold", "camps hold people", "hold people camps",
    }


def test_interleaved_articles_with_the_same_sentence_ids_do_not_join():
    one = hand_tokens({"x": [["alpha", "beta"]], "y": [["gamma", "delta"]]})
    interleaved = one.iloc[[0, 2, 1, 3]].reset_index(drop=True)
    assert ngrams(interleaved, n=2)["term"].tolist() == ["alpha beta", "gamma delta"]
    assert_identical(count_terms(interleaved, by=None, n=2), general_counts(interleaved, None, 2))


def test_ties_and_ranks():
    frame = hand_tokens({"a": [["q", "p", "r", "p", "q", "s", "t", "t", "t"]]})
    counts = count_terms(frame, by="article")
    assert counts[["term", "n", "rank"]].values.tolist() == [
        ["t", 3, 1], ["p", 2, 2], ["q", 2, 2], ["r", 1, 4], ["s", 1, 4]
    ]
    assert_identical(counts, general_counts(frame, "article"))


def test_a_norm_with_a_space_is_one_term_with_its_lookalike():
    # ("new york", "city") and ("new", "york city") are the same bigram string
    frame = hand_tokens({"a": [["new york", "city"], ["new", "york city"]]})
    fast = count_terms(frame, by=None, n=2, alpha_only=False)
    assert fast[["term", "n"]].values.tolist() == [["new york city", 2]]
    assert_identical(fast, general_counts(frame, None, 2, True, False))


def test_group_keys_of_other_dtypes_and_odd_inputs_fall_back_identically(tokens):
    numbered = tokens.assign(outlet=tokens["source"].map({"Alpha": 2, "Beta": 1}))
    assert_identical(count_terms(numbered, by="outlet"), general_counts(numbered, "outlet"))
    flagged = tokens.assign(flag=tokens["token_id"] % 2 == 0)
    assert_identical(count_terms(flagged, by="flag", n=2), general_counts(flagged, "flag", 2))
    holes = tokens.assign(source=tokens["source"].where(tokens["token_id"] != 2))
    assert_identical(count_terms(holes, by="source"), general_counts(holes, "source"))
    assert_identical(count_terms(tokens.iloc[:0]), general_counts(tokens.iloc[:0]))
    only_stop = tokens[tokens["norm"] == "in"]
    assert_identical(count_terms(only_stop, n=2), general_counts(only_stop, "source", 2))
    assert_identical(ngrams(tokens.iloc[:1], n=2), terms._ngrams_general(tokens.iloc[:1], 2, True, True))


def test_add_source_fast_path_equals_merge(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "Human rights. Camps."), "b": ("Beta", "Rights matter.")})
    fast = add_source(corpus.tokens, corpus.articles)
    assert_identical(fast, terms._add_source_general(corpus.tokens, corpus.articles))
    shuffled = corpus.tokens.sample(frac=1, random_state=1)
    assert_identical(add_source(shuffled, corpus.articles), terms._add_source_general(shuffled, corpus.articles))
    again = add_source(fast, corpus.articles)  # an existing source column is replaced
    assert_identical(again, fast)
    with pytest.raises(ValueError, match="no article row .* for article_id b$"):
        add_source(corpus.tokens, corpus.articles.iloc[:1])
    twice = pd.concat([corpus.articles, corpus.articles.iloc[:1]])
    with pytest.raises(pd.errors.MergeError):
        add_source(corpus.tokens, twice)


def keyness_general(counts, target=None, **options):
    defaults = dict(group="source", term="term", n="n", total=None, min_count=2, correction="fdr_bh", prior_scale=1.0)
    defaults.update(options)
    totals = kn.group_totals(counts, defaults["group"], defaults["n"], defaults["total"])
    targets = totals.index if target is None else [target]
    return pd.concat([kn._keyness_one(counts, totals, g, **defaults) for g in targets], ignore_index=True)


@pytest.mark.parametrize("total", [None, "total_tokens"])
@pytest.mark.parametrize("min_count", [0, 1, 2])
def test_keyness_fast_path_equals_per_target_pivots(tokens, total, min_count):
    counts = count_terms(tokens.assign(source=tokens["article_id"]), by="source")
    for correction in kn.CORRECTIONS:
        for scale in (0.1, 1.0):
            fast = kn.keyness(counts, total=total, min_count=min_count, correction=correction, prior_scale=scale)
            slow = keyness_general(counts, total=total, min_count=min_count, correction=correction, prior_scale=scale)
            assert_identical(fast, slow)
            totals = kn.group_totals(counts, "source", "n", total)
            assert kn._keyness_fast(counts, totals, list(totals.index), group="source", term="term", n="n", total=total,
                                    min_count=min_count, correction=correction, prior_scale=scale) is not None
            one = kn.keyness(counts, "b", total=total, min_count=min_count, correction=correction, prior_scale=scale)
            assert_identical(one, keyness_general(counts, "b", total=total, min_count=min_count,
                                                  correction=correction, prior_scale=scale))


def test_keyness_ties_unsorted_rows_and_duplicate_rows():
    counts = pd.DataFrame({"source": ["B", "A", "A", "A", "B", "A", "B"],
                           "term": ["x", "zeta", "alpha", "x", "y", "y", "y"],
                           "n": [10, 3, 3, 10, 2, 1, 1]})  # (B, y) twice: summed like the pivot table
    fast = kn.keyness(counts, min_count=1)
    assert_identical(fast, keyness_general(counts, min_count=1))
    a = fast[fast["target"] == "A"]
    assert a["term"].tolist()[:2] == ["alpha", "zeta"]  # equal g2, by term
    assert a.set_index("term").loc["y", "n_reference"] == 3
    # a target with no tested term, float counts: the general path, same frames
    assert_identical(kn.keyness(counts, min_count=100), keyness_general(counts, min_count=100))
    floats = counts.assign(n=counts["n"].astype(float))
    assert_identical(kn.keyness(floats, min_count=1), keyness_general(floats, min_count=1))
