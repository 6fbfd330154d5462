"""Where the n-grams of a tokens frame are, as row numbers and term codes (``grams``): the
one step under ``counts.ngrams``, ``count_terms``, TF-IDF and collocations.

N-gram convention
-----------------
An n-gram is ``n`` *consecutive* tokens of one sentence, all of them kept.  Tokens
that are dropped (stop words when ``drop_stop``, numbers and other non-alphabetic
tokens when ``alpha_only``) are not skipped over: they break the sequence, like a
sentence boundary.  So with stop words dropped, "camps in Xinjiang" yields no bigram
(rather than a silent "camps xinjiang"), and no n-gram ever spans two sentences.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import codes, dense


def keep_mask(tokens: pd.DataFrame, drop_stop: bool = True, alpha_only: bool = True) -> np.ndarray:
    """Boolean array: which tokens count as terms under the stop-word / alphabetic settings."""
    stop = tokens["is_stop"].to_numpy(dtype=bool) if drop_stop else None
    alpha = tokens["is_alpha"].to_numpy(dtype=bool) if alpha_only else None
    if stop is not None and alpha is not None:
        return alpha & ~stop
    if stop is not None:
        return ~stop
    return alpha.copy() if alpha is not None else np.ones(len(tokens), dtype=bool)


def grams(tokens: pd.DataFrame, n: int = 1, drop_stop: bool = True, alpha_only: bool = True):
    """Where the n-grams are and what they say: ``(first, last, term, terms)``.

    ``first``/``last``: the rows of each n-gram's first and last token, in (article_id,
    token_id) order; ``term``: its code into ``terms``, the distinct n-grams (folded
    words joined by single spaces), sorted.
    """
    if n < 1:
        raise ValueError("n must be 1 or more")
    article, _ = codes(tokens["article_id"])
    token_id = tokens["token_id"].to_numpy()
    later = article[1:] > article[:-1]
    later |= (article[1:] == article[:-1]) & (token_id[1:] >= token_id[:-1])
    in_order = bool(later.all())  # as the loader gives them: no sort needed
    order = None if in_order else np.lexsort((token_id, article))  # (stable)
    ordered = (lambda values: values) if in_order else (lambda values: values[order])  # (no copy in order)
    row = (lambda at: at) if in_order else (lambda at: order[at])  # the row of a position in that order
    word, vocabulary = codes(tokens["norm"])
    word, article = ordered(word), ordered(article)
    sentence = ordered(tokens["sentence_id"].to_numpy())
    kept = ordered(keep_mask(tokens, drop_stop, alpha_only)) & (word >= 0)
    size = max(len(tokens) - n + 1, 0)
    valid = kept[:size].copy() if n > 1 else kept
    for k in range(1, n):  # token k of the n-gram: kept, same article, same sentence
        same = (article[k : k + size] == article[:size]) & (sentence[k : k + size] == sentence[:size])
        valid &= kept[k : k + size] & same
    start = np.flatnonzero(valid)
    # each n-gram as its tuple of word codes, numbered; then spelled once per distinct tuple
    gram, cardinality = word[start].astype(np.int64), len(vocabulary)
    for k in range(1, n):
        if cardinality * len(vocabulary) >= 2**63:
            gram, distinct = pd.factorize(gram)
            cardinality = len(distinct)
        gram, cardinality = gram * len(vocabulary) + word[start + k], cardinality * len(vocabulary)
    gram, distinct = dense(gram, cardinality)  # (unigrams: by a table of the words used, no hashing)
    if n == 1:  # the distinct unigrams are the words used, in the vocabulary's (sorted) order
        return row(start), row(start), gram, pd.Index(vocabulary.take(distinct), dtype="str")
    example = np.zeros(len(distinct), dtype=np.intp)
    example[gram] = start
    # distinct n-grams in the order of their word codes (the vocabulary is sorted), which is
    # the order of their spelled strings unless a word holds a character sorting before " "
    by_codes = np.lexsort([word[example + k] for k in reversed(range(n))]) if len(example) else example
    example = example[by_codes]
    rank = np.empty(len(by_codes), dtype=np.int64)
    rank[by_codes] = np.arange(len(by_codes))
    words = np.asarray(vocabulary, dtype=object)
    spelled = words[word[example]]
    for k in range(1, n):
        spelled = spelled + " " + words[word[example + k]]
    if len(spelled) < 2 or bool(np.all(spelled[1:] > spelled[:-1])):
        return row(start), row(start + n - 1), rank[gram], pd.Index(spelled, dtype="str")
    # equal strings from different tuples (a norm holding a space) are one term
    term_of_gram, terms = pd.factorize(spelled, sort=True)
    return row(start), row(start + n - 1), term_of_gram[rank[gram]], pd.Index(terms, dtype="str")
