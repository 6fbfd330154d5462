import pandas as pd
import pytest
from handmade import encoded, make_corpus

from analysis.measures.counts import (
    add_source,
    count_terms,
    exclusive_terms,
    group_columns,
    ngrams,
    top_terms,
    variant_counts,
    vocabulary_overlap,
)

# a: 17 tokens in 3 sentences (2 paragraphs); b: 4 tokens in 2 sentences.
TEXT_A = "Human rights matter. The camps in Xinjiang hold 1,200 people.\nHuman rights groups object to the camps."
TEXT_B = "Uighur camps. Uyghur camps!"


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path, {"a": ("Alpha", TEXT_A), "b": ("Beta", TEXT_B)})


@pytest.fixture
def tokens(corpus):
    return add_source(corpus.tokens, corpus.articles)


def test_add_source_joins_without_reordering(corpus):
    out = add_source(corpus.tokens, corpus.articles)
    assert len(out) == 21
    assert out["source"].tolist() == ["Alpha"] * 17 + ["Beta"] * 4
    assert out.index.equals(corpus.tokens.index)
    assert list(out["source"].cat.categories) == ["Alpha", "Beta"]
    shuffled = corpus.tokens.sample(frac=1, random_state=1)
    assert add_source(shuffled, corpus.articles)["source"].tolist() == out["source"].loc[shuffled.index].tolist()
    assert add_source(out, corpus.articles).equals(out)  # an existing source column is replaced
    coded = encoded(corpus.tokens)
    coded["article_id"] = coded["article_id"].cat.add_categories(["no such article"])
    assert add_source(coded, corpus.articles)["source"].tolist() == out["source"].tolist()
    with pytest.raises(ValueError, match="no article row .* for article_id b$"):
        add_source(corpus.tokens, corpus.articles.iloc[:1])
    with pytest.raises(ValueError, match="more than one article row for article_id a$"):
        add_source(corpus.tokens, pd.concat([corpus.articles, corpus.articles.iloc[:1]]))


def test_group_columns_aliases():
    assert group_columns("paragraph") == ["article_id", "paragraph_id"]
    assert group_columns(["source", "article"]) == ["source", "article_id"]
    assert group_columns(None) == []


def test_unigram_counts_rates_and_ranks(tokens):
    counts = count_terms(tokens, by="source")
    assert list(counts.columns) == ["source", "term", "n", "total_tokens", "rate_per_1000", "rank"]
    alpha = counts[counts["source"] == "Alpha"]
    # stop words (the, in, to) and the number 1,200 are not terms; ties ordered by term
    assert alpha["term"].tolist() == [
        "camps", "human", "rights", "groups", "hold", "matter", "object", "people", "xinjiang"
    ]
    assert alpha["n"].tolist() == [2, 2, 2, 1, 1, 1, 1, 1, 1]
    assert alpha["rank"].tolist() == [1, 1, 1, 4, 4, 4, 4, 4, 4]
    assert set(alpha["total_tokens"]) == {17}
    assert alpha["rate_per_1000"].iloc[0] == pytest.approx(2000 / 17)
    beta = counts[counts["source"] == "Beta"]
    # Uighur and Uyghur fold to one term
    assert beta[["term", "n", "rank"]].values.tolist() == [["camps", 2, 1], ["uyghur", 2, 1]]
    assert beta["rate_per_1000"].tolist() == [500.0, 500.0]


def test_bigrams_break_at_removed_words_and_sentences(tokens):
    bigrams = count_terms(tokens, by="source", n=2)
    alpha = bigrams[bigrams["source"] == "Alpha"]
    assert alpha[["term", "n"]].values.tolist() == [
        ["human rights", 2],
        ["groups object", 1],
        ["rights groups", 1],
        ["rights matter", 1],
        ["xinjiang hold", 1],
    ]
    # "camps in Xinjiang" does not silently become "camps xinjiang"
    assert "camps xinjiang" not in set(bigrams["term"])
    # "Uighur camps. Uyghur camps!" -- "camps uyghur" would cross a sentence boundary
    assert bigrams.loc[bigrams["source"] == "Beta", "term"].tolist() == ["uyghur camps"]


def test_ngrams_with_stop_words_kept(tokens):
    trigrams = count_terms(tokens, by="article", n=3, drop_stop=False)
    a = trigrams[trigrams["article_id"] == "a"].set_index("term")["n"]
    assert a["camps in xinjiang"] == 1
    assert a["to the camps"] == 1
    assert "matter the camps" not in a.index  # sentence boundary
    assert "hold 1,200 people" not in a.index  # numbers break n-grams (alpha_only)
    bigrams = count_terms(tokens, by="corpus", n=2, drop_stop=False, alpha_only=False)
    assert bigrams.set_index("term").loc["hold 1,200", "n"] == 1
    assert bigrams.set_index("term").loc["the camps", "n"] == 2
    assert set(bigrams["total_tokens"]) == {21}


def test_ngram_rows_carry_offsets(corpus, tokens):
    grams = ngrams(tokens, n=2)
    first = grams.iloc[0]
    assert (first["term"], first["source"], first["sentence_id"]) == ("human rights", "Alpha", 1)
    assert corpus.text("a")[first["start"] : first["end"]] == "Human rights"
    assert (first["first_token_id"], first["last_token_id"]) == (1, 2)
    assert len(ngrams(tokens.iloc[:0], n=2)) == 0


def test_counts_by_paragraph_and_source_from_articles(corpus):
    counts = count_terms(corpus.tokens, by="paragraph", n=1)
    p2 = counts[(counts["article_id"] == "a") & (counts["paragraph_id"] == 2)]
    assert p2[["term", "n"]].values.tolist() == [["camps", 1], ["groups", 1], ["human", 1], ["object", 1], ["rights", 1]]
    assert set(p2["total_tokens"]) == {7}
    with pytest.raises(KeyError, match="add_source"):
        count_terms(corpus.tokens, by="source")
    joined = count_terms(corpus.tokens, by="source", articles=corpus.articles)
    assert set(joined["source"]) == {"Alpha", "Beta"}


def test_top_terms_takes_k_per_group(tokens):
    top = top_terms(count_terms(tokens), k=2)
    assert top[["source", "term"]].values.tolist() == [
        ["Alpha", "camps"], ["Alpha", "human"], ["Beta", "camps"], ["Beta", "uyghur"]
    ]
    frequent = top_terms(count_terms(tokens, n=2), k=5, min_n=2)
    assert frequent[["source", "term"]].values.tolist() == [["Alpha", "human rights"], ["Beta", "uyghur camps"]]
    assert top_terms(count_terms(tokens, n=2), k=5, min_n=3).empty


def test_vocabulary_overlap_and_exclusive_terms(tokens):
    counts = count_terms(tokens)
    overlap = vocabulary_overlap(counts)
    assert overlap.values.tolist() == [["Alpha", 9, 1, 8, 8 / 9], ["Beta", 2, 1, 1, 0.5]]
    only = exclusive_terms(counts)
    assert only.loc[only["source"] == "Beta", "term"].tolist() == ["uyghur"]
    assert "camps" not in set(only["term"])


def test_variant_counts(tokens):
    out = variant_counts(tokens)
    beta = out[out["source"] == "Beta"]
    assert beta[["canonical", "form", "n", "share", "kind"]].values.tolist() == [
        ["uyghur", "uighur", 1, 0.5, "transliteration"],
        ["uyghur", "uyghur", 1, 0.5, "canonical"],
    ]
    assert out.loc[out["source"] == "Alpha", "canonical"].tolist() == ["xinjiang"]
    varied = variant_counts(tokens, varied_only=True)
    assert set(varied["canonical"]) == {"uyghur"}


def test_bigrams_never_join_two_articles_with_the_same_sentence_id(tmp_path):
    # both articles are one sentence (sentence_id 1): "rights rights" would join them
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "Human rights"), "b": ("Beta", "rights matter")})
    tokens = add_source(corpus.tokens, corpus.articles)
    assert sorted(ngrams(tokens, n=2)["term"]) == ["human rights", "rights matter"]
    assert sorted(count_terms(tokens, by=None, n=2)["term"]) == ["human rights", "rights matter"]
    interleaved = tokens.iloc[[0, 2, 1, 3]]
    assert ngrams(interleaved, n=2)["term"].tolist() == ["human rights", "rights matter"]


def test_unigram_terms_are_the_folded_tokens(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "Uighur camps in Xinjiang. China's camps.")})
    grams = ngrams(corpus.tokens, n=1)
    assert grams["term"].tolist() == ["uyghur", "camps", "xinjiang", "china", "camps"]
    assert str(grams["term"].dtype) == "str"
    assert str(ngrams(encoded(corpus.tokens), n=1)["article_id"].dtype) == "str"


def test_ties_share_the_best_rank_and_a_norm_with_a_space_is_its_lookalike(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "q p r p q s t t t")})
    counts = count_terms(corpus.tokens, by="article")
    assert counts[["term", "n", "rank"]].values.tolist() == [
        ["t", 3, 1], ["p", 2, 2], ["q", 2, 2], ["r", 1, 4], ["s", 1, 4]
    ]
    # ("new york", "city") and ("new", "york city") spell the same bigram
    tokens = corpus.tokens.iloc[:4].assign(norm=["new york", "city", "new", "york city"], sentence_id=[1, 1, 2, 2])
    assert count_terms(tokens, by=None, n=2)[["term", "n"]].values.tolist() == [["new york city", 2]]
