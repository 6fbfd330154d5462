"""``count_terms`` and ``ngrams`` agree with a naive oracle written here (a Python loop
over each sentence's tokens, then a plain pandas ``groupby``), on the seeds, the fixtures
and hand-made frames with edge cases, with plain-string and categorical columns alike."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from handmade import encoded

from analysis import load_corpus
from analysis.config import PROJECT_ROOT
from analysis.measures.counts import TOKEN_LEVEL, add_source, count_terms, group_columns, ngrams

COLUMNS = ["article_id", "paragraph_id", "sentence_id", "token_id", "start", "end",
           "token", "lower", "norm", "is_stop", "is_alpha"]
STOP = {"the", "in", "of", "a"}
OPTIONS = [(True, True), (False, False)]  # (drop_stop, alpha_only)


# --------------------------------------------------------------------------- the oracle


def naive_ngrams(tokens: pd.DataFrame, n: int, drop_stop: bool = True, alpha_only: bool = True) -> pd.DataFrame:
    """Every window of ``n`` kept tokens of one sentence, read row by row."""
    plain = tokens.astype({c: object for c in tokens.columns if isinstance(tokens[c].dtype, pd.CategoricalDtype)})
    rows = plain.sort_values(["article_id", "token_id"], kind="stable").to_dict("records")
    carried = [c for c in tokens.columns if c not in TOKEN_LEVEL]
    out = []
    for i in range(len(rows) - n + 1):
        window = rows[i : i + n]
        if any((drop_stop and r["is_stop"]) or (alpha_only and not r["is_alpha"]) for r in window):
            continue
        if len({(r["article_id"], r["sentence_id"]) for r in window}) > 1:
            continue
        first, last = window[0], window[-1]
        out.append({**{c: first[c] for c in carried}, "first_token_id": first["token_id"],
                    "last_token_id": last["token_id"], "start": first["start"], "end": last["end"],
                    "term": " ".join(r["norm"] for r in window)})
    return pd.DataFrame(out, columns=carried + ["first_token_id", "last_token_id", "start", "end", "term"])


def naive_counts(tokens: pd.DataFrame, by, n: int, drop_stop: bool = True, alpha_only: bool = True) -> pd.DataFrame:
    """Count the oracle's n-grams with ``groupby``; rank with ``rank(method="min")``."""
    keys = group_columns(by) or ["_all"]
    frame = tokens.assign(_all="all").astype({c: object for c in group_columns(by)})
    totals = frame.groupby(keys).size().rename("total_tokens").reset_index()
    grams = naive_ngrams(frame, n, drop_stop, alpha_only)
    counts = grams.groupby(keys + ["term"]).size().rename("n").reset_index()
    out = counts.merge(totals, on=keys).astype({"n": "int64", "total_tokens": "int64"})
    out["rate_per_1000"] = 1000 * out["n"] / out["total_tokens"]
    out = out.sort_values(keys + ["n", "term"], ascending=[True] * len(keys) + [False, True], kind="stable")
    out["rank"] = out.groupby(keys)["n"].rank(method="min", ascending=False).astype("int64")
    return out.drop(columns=["_all"], errors="ignore").reset_index(drop=True)


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Same columns, values and order; strings as pandas' "str"; counts as int64."""
    assert list(got.columns) == list(want.columns)
    for column in got.columns:
        if want[column].dtype == object or isinstance(want[column].dtype, pd.StringDtype):
            assert got[column].dtype == "str", column
        elif column in ("n", "total_tokens", "rank"):
            assert got[column].dtype == "int64", column
    assert isinstance(got.index, pd.RangeIndex)
    pd.testing.assert_frame_equal(got, want.astype(got.dtypes.to_dict()), check_exact=True)


# --------------------------------------------------------------------------- the frames


def hand_tokens(articles: dict[str, list[list[str]]]) -> pd.DataFrame:
    """A tokens frame from ``{article_id: [sentence words, ...]}``, two sentences a paragraph."""
    rows = []
    for article_id, sentences in articles.items():
        token_id, offset = 0, 0
        for sentence_id, words in enumerate(sentences, start=1):
            for word in words:
                token_id += 1
                rows.append([article_id, (sentence_id + 1) // 2, sentence_id, token_id, offset, offset + len(word),
                             word, word.lower(), word.lower(), word.lower() in STOP, word.replace(" ", "").isalpha()])
                offset += len(word) + 1
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({c: "str" for c in ["article_id", "token", "lower", "norm"]})
    return frame.assign(source=frame["article_id"].map({"a": "Alpha", "b": "Beta", "c": "Alpha"}).astype("str"))


@pytest.fixture(scope="module")
def hand() -> pd.DataFrame:
    # articles whose sentences share ids, repeated words (ties), a number, stop words,
    # a norm holding a space ("new york" + "city" is "new" + "york city"), rows shuffled
    frame = hand_tokens({
        "b": [["Camps", "in", "Xinjiang", "camps"], ["Rights", "rights", "groups"], ["Xinjiang", "1,200", "camps"],
              ["new york", "city"], ["new", "york city"]],
        "a": [["Human", "rights", "matter"], ["The", "camps", "hold", "people", "camps"]],
        "c": [["camps"]],
    })
    shuffled = frame.sample(frac=1, random_state=3)
    return shuffled.set_axis(np.arange(len(frame))[::-1] * 10 + 5)


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    corpus = load_corpus()
    return add_source(corpus.tokens, corpus.articles).astype({"source": "str"})


@pytest.fixture(scope="module")
def fixtures() -> pd.DataFrame:
    corpus = load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "three_sources")
    return add_source(corpus.tokens, corpus.articles).astype({"source": "str"})


BYS = ["source", "article", "paragraph", "sentence", None, ["source", "paragraph_id"]]


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("name", ["hand", "seeds", "fixtures"])
def test_counts_and_ngrams_match_the_oracle_plain_and_encoded(name, n, request):
    tokens = request.getfixturevalue(name)
    coded = encoded(tokens, extra=("source",))
    for drop_stop, alpha_only in OPTIONS:
        want = naive_ngrams(tokens, n, drop_stop, alpha_only)
        assert_same(ngrams(tokens, n, drop_stop, alpha_only), want)
        assert_same(ngrams(coded, n, drop_stop, alpha_only), want)
        for by in BYS:
            want = naive_counts(tokens, by, n, drop_stop, alpha_only)
            got = count_terms(tokens, by=by, n=n, drop_stop=drop_stop, alpha_only=alpha_only)
            assert_same(got, want)
            # categorical columns give the very same frame (int32 ids aside)
            from_codes = count_terms(coded, by=by, n=n, drop_stop=drop_stop, alpha_only=alpha_only)
            pd.testing.assert_frame_equal(from_codes, got, check_dtype=False, check_exact=True)
            same_dtype = from_codes.dtypes != "int32"
            assert list(from_codes.dtypes[same_dtype]) == list(got.dtypes[same_dtype])


def test_unused_categories_empty_groups_and_missing_keys_are_left_out(hand):
    coded = encoded(hand, extra=("source",))
    for column, extra in [("norm", "zzz"), ("article_id", "zz"), ("source", "Omega")]:
        coded[column] = coded[column].cat.add_categories([extra])  # in the categories, in no row
    assert_same(count_terms(coded, by=["source", "article"]), naive_counts(hand, ["source", "article"], 1))
    assert_same(count_terms(coded, by="source", n=2), naive_counts(hand, "source", 2))
    # unsorted categories are read in sorted order
    coded["norm"] = coded["norm"].cat.reorder_categories(coded["norm"].cat.categories[::-1])
    assert_same(count_terms(coded, by="article"), naive_counts(hand, "article", 1))
    # rows with a missing group are not counted (as groupby drops them)
    holes = hand.assign(source=hand["source"].where(hand["token_id"] != 2))
    assert_same(count_terms(holes, by="source"), naive_counts(holes, "source", 1))
    # nothing to count
    assert count_terms(hand[hand["is_stop"]], by="source", n=2).empty
    assert count_terms(hand.iloc[:0], by="source").empty
    assert ngrams(hand.iloc[:1], n=2).empty


def test_group_keys_of_other_dtypes(hand):
    numbered = hand.assign(outlet=hand["source"].map({"Alpha": 2, "Beta": 1}), flag=hand["token_id"] % 2 == 0)
    for by in ["outlet", "flag", ["flag", "outlet"]]:
        assert_same(count_terms(numbered, by=by, n=2, drop_stop=False), naive_counts(numbered, by, 2, False))


def test_extra_columns_are_carried_by_ngrams(hand):
    extra = hand.assign(weight=hand["token_id"] % 3)
    extra.insert(0, "first", "x")
    assert_same(ngrams(extra, 2, False, False), naive_ngrams(extra, 2, False, False))


def test_long_ngrams_whose_word_tuples_outgrow_64_bits(seeds):
    # 465 distinct words: 465 ** 8 > 2 ** 63, so the tuple codes are renumbered on the way
    assert seeds["norm"].nunique() ** 8 > 2**63
    want = naive_counts(seeds, "article", 8, False, False)
    assert len(want) > 100
    assert_same(count_terms(encoded(seeds), by="article", n=8, drop_stop=False, alpha_only=False), want)
