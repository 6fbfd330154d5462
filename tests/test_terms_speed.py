"""``terms.ngrams`` numbers sentences per article (its fast path must not merge articles)."""
from __future__ import annotations

from handmade import make_corpus

from analysis.measures.counts import add_source, count_terms, ngrams


def test_bigrams_never_join_two_articles_with_the_same_sentence_id(tmp_path):
    # both articles are one sentence (sentence_id 1): "rights rights" would join them
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "Human rights"), "b": ("Beta", "rights matter")})
    tokens = add_source(corpus.tokens, corpus.articles)
    assert sorted(ngrams(tokens, n=2)["term"]) == ["human rights", "rights matter"]
    assert sorted(count_terms(tokens, by=None, n=2)["term"]) == ["human rights", "rights matter"]


def test_unigram_terms_are_the_folded_tokens(tmp_path):
    corpus = make_corpus(tmp_path, {"a": ("Alpha", "Uighur camps in Xinjiang. China's camps.")})
    grams = ngrams(corpus.tokens, n=1)
    assert grams["term"].tolist() == ["uyghur", "camps", "xinjiang", "china", "camps"]
    assert str(grams["term"].dtype) == "str"
