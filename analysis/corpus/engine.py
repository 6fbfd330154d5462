"""The rules of ``rules`` applied to many texts at once by polars (Rust's regex engine).

``split_texts(texts)`` gives the paragraphs, sentences and tokens of several texts with
character offsets, exactly as the rules module defines them (``rules.paragraph_spans``,
``rules.sentence_spans``, ``rules.TOKEN_PATTERN``); a property test holds the two equal on
the corpora and on thousands of random strings.  ``queries`` spells the rules for Rust's
regex and cuts texts into pieces with offsets; ``sentences`` finds paragraphs and sentences;
this module finds the tokens, codes them, and joins the batches the loader splits on threads.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl

from .queries import bases, patterns, pieces, text_frame
from .sentences import paragraphs_and_sentences, rows

__all__ = ["Part", "Split", "join", "paragraphs_and_sentences", "split_batch", "split_texts", "tokens"]


@dataclass
class Split:
    """Arrays for several texts (``art`` = index into them; offsets within each text)."""

    paragraphs: np.ndarray  # rows (art, paragraph_id, start, end)
    sentences: np.ndarray  # rows (art, paragraph_id, sentence_id, start, end)
    token_sentence: np.ndarray  # each token's row in ``sentences``
    token_start: np.ndarray
    token_end: np.ndarray
    token_code: np.ndarray  # index into ``vocabulary``
    vocabulary: np.ndarray  # distinct tokens, sorted (object array of str)


@dataclass
class Part:
    """``split_texts`` of one batch of texts, tokens still as strings (see ``join``)."""

    paragraphs: np.ndarray
    sentences: np.ndarray
    token_sentence: np.ndarray
    token_start: np.ndarray
    token_end: np.ndarray
    token_code: np.ndarray  # index into ``vocabulary``
    vocabulary: np.ndarray  # this batch's distinct tokens, sorted


def tokens(frame: pl.LazyFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(art, start, end, code, vocabulary)`` of every token (``rules.TOKEN_PATTERN``):
    ``code`` into ``vocabulary``, the distinct tokens sorted (Python string order)."""
    p = patterns()
    tokens = (pieces(frame, p["pieces"])
              .filter(pl.col("piece").str.contains(p["word_start"]))
              .select(pl.col("art", "offset", "size").cast(pl.Int32),
                      code=pl.col("piece").cast(pl.Categorical).to_physical(), piece="piece")
              .collect())
    distinct = tokens.lazy().unique(subset="code").select("code", "piece").collect()
    ids = distinct["code"].to_numpy()
    values = distinct["piece"].to_numpy().astype(object)
    order = np.array(sorted(range(len(values)), key=values.__getitem__), dtype=np.int64)
    number = np.zeros(int(ids.max()) + 1 if len(ids) else 0, dtype=np.int32)
    number[ids[order]] = np.arange(len(order), dtype=np.int32)
    start = tokens["offset"].to_numpy()
    return (tokens["art"].to_numpy(), start, start + tokens["size"].to_numpy(),
            number[tokens["code"].to_numpy()], values[order])


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the strings ``values`` into their distinct values, sorted."""
    code, distinct = pd.factorize(values, sort=True)
    return code.astype(np.int32), np.asarray(distinct, dtype=object)


def split_batch(texts: list[str]) -> Part:
    """Paragraphs, sentences and tokens of ``texts`` (one batch; see ``join``)."""
    frame = text_frame(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    paragraphs, sentences = rows(frame, lengths)
    art, start, end, code, vocabulary = tokens(frame)
    at = bases(lengths + 1)  # texts laid end to end with a separator: global positions
    sentence = np.searchsorted(at[sentences[:, 0]] + sentences[:, 3], at[art] + start, side="right") - 1
    sentence = sentence.astype(np.int32)
    return Part(paragraphs, sentences, sentence, start, end, code, vocabulary)


def join(parts: list[tuple[int, Part]]) -> Split:
    """One ``Split`` from batches ``(index of the batch's first text, part)``, in order."""
    sentences, token_sentence, paragraphs, count = [], [], [], 0
    for first, part in parts:
        paragraphs.append(part.paragraphs + [first, 0, 0, 0])
        sentences.append(part.sentences + [first, 0, 0, 0, 0])
        token_sentence.append(part.token_sentence + count)
        count += len(part.sentences)
    # the batches' vocabularies coded into one: a batch's code -> its word's code in the whole
    words = np.concatenate([p.vocabulary for _, p in parts]) if parts else np.zeros(0, dtype=object)
    merged, vocabulary = _codes(words)
    code, offset = [], 0
    for _, part in parts:
        code.append(merged[offset: offset + len(part.vocabulary)][part.token_code])
        offset += len(part.vocabulary)
    return Split(
        paragraphs=np.concatenate(paragraphs).reshape(-1, 4),
        sentences=np.concatenate(sentences).reshape(-1, 5),
        token_sentence=np.concatenate(token_sentence),
        token_start=np.concatenate([p.token_start for _, p in parts]),
        token_end=np.concatenate([p.token_end for _, p in parts]),
        token_code=np.concatenate(code) if code else np.zeros(0, dtype=np.int32),
        vocabulary=vocabulary,
    )


def split_texts(texts: list[str]) -> Split:
    """Paragraphs, sentences and tokens of ``texts`` (see ``Split``)."""
    return join([(0, split_batch(texts))])
