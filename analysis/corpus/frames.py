"""The paragraphs, sentences and tokens frames of texts split by the engine.

Encoding: words and ids are stored once.  In ``tokens``, ``token``, ``lower``, ``norm`` and
``article_id`` are pandas categoricals whose categories are the corpus's distinct values,
sorted (so sorting a column sorts it as strings); positions are int32.  The folded forms
(``lower``, ``norm``, ``is_stop``, ``is_alpha``) are computed once per distinct token.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .engine import Split
from .queries import contains
from .normalize import normalise_token, stopwords

#: ``is_alpha``: a token holds a letter (``LETTER``) and no digit (``DIGIT``).
LETTER = r"[^\W\d_]"
DIGIT = r"\d"


def categorical(codes: np.ndarray, values: np.ndarray) -> pd.Categorical:
    """A categorical column from int32 ``codes`` into ``values`` (distinct strings, sorted).
    The codes come from the engine, in range by construction: not checked again, row by row."""
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(values, dtype="str")), validate=False)


def encode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, distinct)`` of an object array of strings, ``distinct`` sorted:
    ``distinct[codes] == values``.  (Factorized as Arrow strings: hashing and sorting them
    there takes half the time it takes as Python objects.)"""
    codes, distinct = pd.factorize(pd.array(values, dtype="str"), sort=True)
    return codes.astype(np.int32), np.asarray(distinct, dtype=object)


def folded_columns(vocabulary: np.ndarray, codes: np.ndarray) -> dict:
    """``token``, ``lower``, ``norm`` (categoricals) and ``is_stop``, ``is_alpha`` (bool) of
    tokens given as codes into ``vocabulary`` (sorted); folding is done once per distinct token."""
    lower = np.array([u.lower() for u in vocabulary], dtype=object)
    lower_code, lower_values = encode(lower)
    norm = np.array([normalise_token(w) for w in lower_values], dtype=object)
    norm_code, norm_values = encode(norm)
    stop = stopwords()
    is_stop = np.array([n in stop or w in stop for w, n in zip(lower_values, norm)], dtype=bool)
    is_alpha = contains(vocabulary, LETTER) & ~contains(vocabulary, DIGIT)
    return {
        "token": categorical(codes, vocabulary),
        "lower": categorical(lower_code[codes], lower_values),
        "norm": categorical(norm_code[lower_code][codes], norm_values),  # norm of each token's lower
        "is_stop": is_stop[lower_code][codes],
        "is_alpha": is_alpha[codes],
    }


def narrow(values: np.ndarray) -> np.ndarray:
    """int32 when the values fit (offsets into one article always do below 2 GB of text)."""
    fits = not len(values) or values.max() < 2**31
    return values.astype(np.int32 if fits else np.int64, copy=False)


TOKEN_COLUMNS = ["article_id", "paragraph_id", "sentence_id", "token_id", "start", "end",
                 "token", "lower", "norm", "is_stop", "is_alpha"]


def corpus_frames(ids: pd.Categorical, split: Split) -> dict[str, pd.DataFrame]:
    """The paragraphs, sentences and tokens frames of split texts (``ids``: one per text)."""
    par, sent = split.paragraphs, split.sentences
    codes = np.asarray(ids.codes, dtype=np.int32)
    in_order = bool(np.array_equal(codes, np.arange(len(codes))))  # (as the loader numbers them)
    article = (lambda text: text) if in_order else (lambda text: codes[text])  # each text's id code
    sent = sent.astype(np.int32)
    paragraphs = pd.DataFrame({
        "article_id": pd.Categorical.from_codes(article(par[:, 0]), dtype=ids.dtype, validate=False),
        "paragraph_id": narrow(par[:, 1]), "start": narrow(par[:, 2]), "end": narrow(par[:, 3])})
    sentences = pd.DataFrame({
        "article_id": pd.Categorical.from_codes(article(sent[:, 0]), dtype=ids.dtype, validate=False),
        "paragraph_id": narrow(sent[:, 1]), "sentence_id": narrow(sent[:, 2]),
        "start": narrow(sent[:, 3]), "end": narrow(sent[:, 4])})
    row = split.token_sentence
    art = sent[row, 0]
    first = np.searchsorted(art, np.arange(len(ids), dtype=np.int32)).astype(np.int32)
    tokens = {
        "article_id": pd.Categorical.from_codes(article(art), dtype=ids.dtype, validate=False),
        "paragraph_id": narrow(sent[row, 1]),
        "sentence_id": narrow(sent[row, 2]),
        "token_id": np.arange(1, len(row) + 1, dtype=np.int32) - first[art],
        "start": narrow(split.token_start),
        "end": narrow(split.token_end),
        **folded_columns(split.vocabulary, split.token_code),
    }
    return {"paragraphs": paragraphs, "sentences": sentences, "tokens": pd.DataFrame(tokens, copy=False)}


def per_text(ids_count: int, rows: np.ndarray) -> np.ndarray:
    """How many of ``rows`` (each a text's index) each of the ``ids_count`` texts has."""
    return np.bincount(rows, minlength=ids_count).astype(np.int64)
