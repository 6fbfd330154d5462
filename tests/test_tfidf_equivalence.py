"""The direct TF-IDF path (integer codes -> sparse counts -> TfidfTransformer) gives the
very same frame as the reference path through TfidfVectorizer, on small generated frames."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis.measures.tfidf as tf

WORDS = [f"w{i:02d}" for i in range(60)] + ["zeta", "alpha", "Émile", "émile", "b", "a"]
STOP = {"the", "of", "and"}


def token_frame(n_articles: int = 6, seed: int = 0, sources: str = "ABC") -> pd.DataFrame:
    """A tokens frame like ``load_corpus``'s, with ``source`` joined: articles of 1-5
    paragraphs of 1-3 sentences; words drawn so that documents share terms, repeat terms
    and meet them in a non-alphabetical order; stop words and numbers mixed in."""
    rng = np.random.default_rng(seed)
    rows = []
    for a in range(n_articles):
        article_id = f"art{a:03d}"
        token_id = 0
        sentence_id = 0
        for p in range(1, rng.integers(1, 6) + 1):
            for _ in range(rng.integers(1, 4)):
                sentence_id += 1
                for _ in range(rng.integers(1, 40)):
                    u = rng.random()
                    norm = str(sorted(STOP)[rng.integers(3)] if u < 0.2 else "1,200" if u < 0.25
                               else WORDS[min(int(rng.zipf(1.3)) - 1, len(WORDS) - 1)] if u < 0.6
                               else WORDS[rng.integers(len(WORDS))])
                    token_id += 1
                    rows.append((article_id, p, sentence_id, token_id, norm, norm in STOP, norm != "1,200",
                                 sources[a % len(sources)]))
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph_id", "sentence_id", "token_id", "norm",
                                        "is_stop", "is_alpha", "source"])
    frame["token"] = frame["lower"] = frame["norm"]
    frame["start"] = frame["end"] = frame["token_id"]
    frame = frame.astype({"article_id": "str", "norm": "str", "token": "str", "lower": "str", "source": "str"})
    return frame


VECTORIZER_PATH = tf._tfidf_vectorizer


def reference(tokens, doc="paragraph", group="source", drop_stop=True, alpha_only=True, **options):
    """The vectorizer path, which the direct path must reproduce."""
    keys = tf.group_columns(doc)
    return VECTORIZER_PATH(tokens, keys, group, drop_stop, alpha_only, {**tf.TFIDF_OPTIONS, **options})


def outcome(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except Exception as error:  # the same error, same message, is part of the behaviour
        return (type(error), str(error))


def assert_same(tokens, **kwargs):
    got, want = outcome(tf.tfidf, tokens, **kwargs), outcome(reference, tokens, **kwargs)
    if isinstance(want, tuple) or isinstance(got, tuple):
        assert got == want
        return
    assert list(got.columns) == list(want.columns)
    assert list(got.dtypes) == list(want.dtypes)
    assert isinstance(got.index, pd.RangeIndex) and got.index.equals(want.index)
    assert got.equals(want)  # tf_idf too, to the last bit


@pytest.fixture
def direct_only(monkeypatch):
    """Fail if ``tfidf`` falls back to the vectorizer path."""
    def refuse(*args, **kwargs):
        raise AssertionError("tfidf took the vectorizer path")
    monkeypatch.setattr(tf, "_tfidf_vectorizer", refuse)


OPTIONS = [
    {},
    {"doc": "sentence"},
    {"doc": "article"},
    {"doc": ["article_id", "sentence_id"]},
    {"drop_stop": False},
    {"alpha_only": False},
    {"sublinear_tf": False},
    {"norm": None},
    {"norm": "l1"},
    {"smooth_idf": False},
    {"min_df": 2},
    {"min_df": 3, "doc": "sentence"},
    {"max_df": 0.3},
    {"max_df": 2, "min_df": 1},
    {"min_df": 0.1},
]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_direct_path_gives_the_vectorizer_frame(seed, options, direct_only):
    tokens = token_frame(seed=seed)
    got = tf.tfidf(tokens, **options)
    want = reference(tokens, **options)
    assert list(got.dtypes) == list(want.dtypes) and isinstance(got.index, pd.RangeIndex)
    assert got.equals(want)


@pytest.mark.parametrize("options", [{}, {"doc": "sentence"}, {"doc": "article"}, {"min_df": 2}])
def test_row_order_and_index_do_not_matter(options, direct_only):
    tokens = token_frame(seed=3)
    want = reference(tokens, **options)
    shuffled = tokens.sample(frac=1.0, random_state=1)
    assert tf.tfidf(shuffled, **options).equals(want)
    labelled = tokens.set_axis([f"r{i}" for i in range(len(tokens))][::-1])
    assert tf.tfidf(labelled, **options).equals(want)
    backwards = tokens.sort_values(["article_id", "paragraph_id"], ascending=[True, False], kind="stable")
    assert tf.tfidf(backwards, **options).equals(want)


def test_documents_without_terms_keep_their_number(direct_only):
    tokens = token_frame(n_articles=3, seed=4)
    paragraph = (tokens["article_id"] == "art001") & (tokens["paragraph_id"] == 1)
    tokens.loc[paragraph, "norm"] = "the"
    tokens.loc[paragraph, "is_stop"] = True
    got = tf.tfidf(tokens)
    docs = tokens[["article_id", "paragraph_id"]].drop_duplicates()
    empty = int(np.flatnonzero((docs["article_id"] == "art001") & (docs["paragraph_id"] == 1))[0])
    assert empty not in set(got["doc_index"]) and {empty - 1, empty + 1} <= set(got["doc_index"])
    assert got.equals(reference(tokens))


def test_sum_of_squares_order_is_the_vectorizers():
    """L2 norms add a row's squares in first-seen term order, as CountVectorizer numbers
    terms; adding them in alphabetical order would change some weights in the last bit."""
    tokens = token_frame(n_articles=30, seed=5)
    got = tf.tfidf(tokens)
    assert got.equals(reference(tokens))
    raw = (1 + np.log(got["n"].to_numpy(float))) * got["idf"].to_numpy()
    alphabetical = pd.Series(raw ** 2).groupby(got["doc_index"].to_numpy()).sum() ** 0.5
    again = raw / alphabetical.reindex(got["doc_index"]).to_numpy()
    assert (again != got["tf_idf"].to_numpy()).any(), "data too easy to tell the two orders apart"


def test_a_document_in_two_groups_is_an_error():
    tokens = token_frame(n_articles=3, seed=6)
    tokens.loc[tokens.index[3], "source"] = "Z"
    for frame in (tokens, tokens.sample(frac=1.0, random_state=2)):
        with pytest.raises(ValueError, match=r"a document \(article_id, paragraph_id\) spans more than one source"):
            tf.tfidf(frame)


@pytest.mark.parametrize("options", [
    {"max_features": 5}, {"binary": True}, {"use_idf": False}, {"min_df": 10**6}, {"min_df": 3, "max_df": 2},
    {"min_df": 1.5}, {"norm": "l3"}, {"sublinear_tf": 1}, {"doc": "source"}, {"group": "missing"},
])
def test_other_options_and_errors_behave_as_before(options):
    assert_same(token_frame(seed=7), **options)


def test_no_terms_at_all_is_the_vectorizers_error():
    tokens = token_frame(n_articles=2, seed=8)
    assert_same(tokens.assign(is_stop=True))
    assert_same(tokens.iloc[0:0])
    assert_same(tokens.iloc[0:1])


def copies(values) -> list[str]:
    """Equal strings as distinct objects (for words of two or more letters)."""
    return [(v + "#")[:-1] for v in values]


def test_shared_and_unshared_strings_count_alike(direct_only):
    tokens = token_frame(seed=9)
    want = reference(tokens)
    half = tokens.index % 2 == 0  # every other row: a fresh copy of the same word and id
    for column in ("norm", "article_id", "source"):
        values = tokens[column].to_numpy(dtype=object).copy()
        values[half] = copies(values[half])
        tokens[column] = pd.array(values, dtype="str")
    norms = tokens["norm"].to_numpy(dtype=object)
    assert len({id(v) for v in norms}) > len(set(norms))  # equal words in distinct objects
    assert tf.tfidf(tokens).equals(want)


def test_helpers_agree_with_plain_numpy_and_pandas():
    words = ["bb", "aa", "bb", "cc", "aa", "aa", "dd", "bb"]
    values = np.array(words[:4] + copies(words[4:]), dtype=object)
    assert values[1] == values[4] and values[1] is not values[4]
    codes, uniques = tf._first_seen_codes(values, np.ones(len(values), dtype=bool))
    want_codes, want_uniques = pd.factorize(values)
    assert codes.tolist() == want_codes.tolist() and list(uniques) == list(want_uniques)
    assert tf._runs(values).tolist() == (values[1:] != values[:-1]).tolist()
    assert tf._runs(np.array([1, 1, 2])).tolist() == [False, True]
    assert len(tf._first_seen_codes(values, np.zeros(len(values), dtype=bool))[0]) == 0
    some = np.array([True, False, True, True, False, True, True, False])
    codes, uniques = tf._first_seen_codes(values, some)
    want_codes, want_uniques = pd.factorize(values[some])
    assert codes.tolist() == want_codes.tolist() and list(uniques) == list(want_uniques)
