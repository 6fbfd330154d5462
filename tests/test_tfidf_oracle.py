"""``tfidf`` agrees with scikit-learn's ``TfidfVectorizer`` (the oracle: one list of
terms per document) to 1e-12, on the seeds, the fixtures and generated frames, with
plain-string and categorical columns alike; and its errors are the vectorizer's."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from handmade import encoded
from numpy.testing import assert_allclose
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import load_corpus
from analysis.config import PROJECT_ROOT
from analysis.measures.counts import add_source, group_columns, ngrams
from analysis.measures.tfidf import TFIDF_OPTIONS, tfidf

WORDS = [f"w{i:02d}" for i in range(60)] + ["zeta", "alpha", "Émile", "émile", "b", "a"]
STOP = ["and", "of", "the"]


def oracle(tokens, doc="paragraph", group="source", drop_stop=True, alpha_only=True, **options) -> pd.DataFrame:
    """The tidy frame from ``TfidfVectorizer`` over each document's list of terms."""
    keys = group_columns(doc)
    plain = tokens.astype({c: object for c in keys + [group] if isinstance(tokens[c].dtype, pd.CategoricalDtype)})
    docs = plain[keys + [group]].drop_duplicates().sort_values(keys, kind="stable").reset_index(drop=True)
    bags = ngrams(plain, 1, drop_stop, alpha_only).groupby(keys)["term"].agg(list)
    index = pd.MultiIndex.from_frame(docs[keys]) if len(keys) > 1 else pd.Index(docs[keys[0]])
    texts = [bags.get(key, []) for key in index]
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, lowercase=False, **{**TFIDF_OPTIONS, **options})
    weights = vectorizer.fit_transform(texts).tocoo()
    counts = TfidfVectorizer(analyzer=lambda terms: terms, lowercase=False, use_idf=False, norm=None,
                             vocabulary=vectorizer.vocabulary_).fit_transform(texts)
    out = docs.iloc[weights.row].reset_index(drop=True)
    out.insert(len(keys) + 1, "doc_index", weights.row.astype("int64"))
    out["term"] = vectorizer.get_feature_names_out()[weights.col]
    out["n"] = np.asarray(counts[weights.row, weights.col]).ravel().astype("int64")
    out["df"] = np.bincount(counts.tocoo().col, minlength=len(vectorizer.idf_))[weights.col].astype("int64")
    out["idf"] = vectorizer.idf_[weights.col]
    out["tf_idf"] = weights.data
    return out.sort_values(["doc_index", "term"], kind="stable").reset_index(drop=True)


def assert_agree(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    assert isinstance(got.index, pd.RangeIndex) and len(got) == len(want)
    for column in got.columns.drop(["idf", "tf_idf"]):
        assert got[column].astype(object).tolist() == want[column].astype(object).tolist(), column
    assert isinstance(got["term"].dtype, pd.CategoricalDtype)  # corpus-sized: encoded like the tokens
    assert got["term"].cat.categories.is_monotonic_increasing
    assert got["n"].dtype == got["df"].dtype == "int64"
    assert_allclose(got["idf"], want["idf"], rtol=0, atol=1e-12)
    assert_allclose(got["tf_idf"], want["tf_idf"], rtol=0, atol=1e-12)


def token_frame(n_articles: int = 6, seed: int = 0, sources: str = "ABC") -> pd.DataFrame:
    """A tokens frame with ``source``: articles of 1-5 paragraphs of 1-3 sentences, words
    met in a non-alphabetical order and repeated, stop words and numbers mixed in."""
    rng = np.random.default_rng(seed)
    rows = []
    for a in range(n_articles):
        token_id = sentence_id = 0
        for paragraph in range(1, rng.integers(1, 6) + 1):
            for _ in range(rng.integers(1, 4)):
                sentence_id += 1
                for _ in range(rng.integers(1, 40)):
                    u = rng.random()
                    norm = str(STOP[rng.integers(3)] if u < 0.2 else "1,200" if u < 0.25
                               else WORDS[min(int(rng.zipf(1.3)) - 1, len(WORDS) - 1)] if u < 0.6
                               else WORDS[rng.integers(len(WORDS))])
                    token_id += 1
                    rows.append((f"art{a:03d}", paragraph, sentence_id, token_id, norm, norm in STOP, norm != "1,200",
                                 sources[a % len(sources)]))
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph_id", "sentence_id", "token_id", "norm",
                                        "is_stop", "is_alpha", "source"])
    frame = frame.assign(token=frame["norm"], lower=frame["norm"], start=frame["token_id"], end=frame["token_id"])
    return frame.astype({c: "str" for c in ["article_id", "norm", "token", "lower", "source"]})


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    seeds = load_corpus()
    three = load_corpus(PROJECT_ROOT / "tests" / "fixtures" / "three_sources")
    return {
        "seeds": add_source(seeds.tokens, seeds.articles).astype({"source": "str"}),
        "fixtures": add_source(three.tokens, three.articles).astype({"source": "str"}),
        "generated": token_frame(seed=1),
        "generated, shuffled": token_frame(n_articles=20, seed=2).sample(frac=1.0, random_state=1),
    }


OPTIONS = [
    {},
    {"doc": "sentence"},
    {"doc": "article", "drop_stop": False, "alpha_only": False},
    {"doc": ["article_id", "sentence_id"], "sublinear_tf": False, "norm": None},
    {"norm": "l1", "smooth_idf": False},
    {"min_df": 2, "max_df": 0.5},
    {"min_df": 0.1, "max_df": 3},
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_tfidf_matches_the_vectorizer_plain_and_encoded(frames, options):
    for tokens in frames.values():
        try:
            want = oracle(tokens, **options)
        except ValueError as error:  # then tfidf raises the same error
            with pytest.raises(ValueError, match=re.escape(str(error))):
                tfidf(tokens, **options)
            continue
        assert_agree(tfidf(tokens, **options), want)
        assert_agree(tfidf(encoded(tokens, extra=("source",)), **options), want)


def test_documents_without_terms_keep_their_number_and_unused_categories_are_ignored():
    tokens = token_frame(n_articles=3, seed=4)
    paragraph = (tokens["article_id"] == "art001") & (tokens["paragraph_id"] == 1)
    tokens.loc[paragraph, "is_stop"] = True
    got = tfidf(tokens)
    assert_agree(got, oracle(tokens))
    docs = tokens[["article_id", "paragraph_id"]].drop_duplicates()
    empty = int(np.flatnonzero((docs["article_id"] == "art001") & (docs["paragraph_id"] == 1))[0])
    assert empty not in set(got["doc_index"]) and {empty - 1, empty + 1} <= set(got["doc_index"])
    coded = encoded(tokens, extra=("source",))
    for column in ["norm", "article_id", "source"]:
        coded[column] = coded[column].cat.add_categories(["zzz"])
    assert_agree(tfidf(coded), oracle(tokens))


def test_max_features_keeps_the_most_frequent_terms_ties_by_term():
    tokens = token_frame(seed=5)
    got = tfidf(tokens, max_features=5)
    totals = ngrams(tokens).groupby("term").size()
    top = totals.reset_index(name="n").sort_values(["n", "term"], ascending=[False, True]).head(5)
    assert sorted(set(got["term"])) == sorted(top["term"])
    if totals.sort_values().iloc[-5] > totals.sort_values().iloc[-6]:  # no tie at the cut: as the vectorizer
        assert_agree(got, oracle(tokens, max_features=5))


def raised(function, *args, **kwargs) -> tuple[type, str]:
    with pytest.raises(Exception) as info:
        function(*args, **kwargs)
    return type(info.value), str(info.value)


@pytest.mark.parametrize("options", [
    {"is_stop": True}, {"rows": 0}, {"min_df": 1.0, "doc": "sentence"}, {"min_df": 10**6}, {"min_df": 3, "max_df": 2},
])
def test_errors_are_the_vectorizers(options):
    tokens = token_frame(n_articles=3, seed=6)
    if "is_stop" in options:
        tokens = tokens.assign(is_stop=options.pop("is_stop"))
    tokens = tokens.iloc[: options.pop("rows", len(tokens))]
    kind, message = raised(oracle, tokens, **options)
    assert raised(tfidf, tokens, **options) == (ValueError, message)


def test_other_errors():
    tokens = token_frame(n_articles=3, seed=6)
    with pytest.raises(ValueError, match="min_df"):
        tfidf(tokens, min_df=1.5)
    with pytest.raises(ValueError, match="norm"):
        tfidf(tokens, norm="l3")
    with pytest.raises(TypeError, match="binary"):
        tfidf(tokens, binary=True)
    with pytest.raises(KeyError, match="missing"):
        tfidf(tokens, group="missing")
    with pytest.raises(ValueError, match="other than 'source'"):
        tfidf(tokens, doc="source")
    tokens.loc[tokens.index[3], "source"] = "Z"
    for frame in (tokens, tokens.sample(frac=1.0, random_state=2)):
        with pytest.raises(ValueError, match=r"a document \(article_id, paragraph_id\) spans more than one source"):
            tfidf(frame)


def test_tokens_without_a_group_are_refused():
    """A token with no source is refused, whether or not some tokens also lack a document."""
    tokens = token_frame(n_articles=3, seed=6)
    tokens["source"] = tokens["source"].astype(object)
    tokens.loc[tokens.index[5], "source"] = None
    with pytest.raises(ValueError, match="some tokens have no source"):
        tfidf(tokens)
    tokens["paragraph_id"] = tokens["paragraph_id"].astype("float64")
    tokens.loc[tokens.index[0], "paragraph_id"] = float("nan")
    with pytest.raises(ValueError, match="some tokens have no source"):
        tfidf(tokens)
