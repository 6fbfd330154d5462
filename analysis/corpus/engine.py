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
import polars as pl
import pyarrow.compute as pc

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
    vocabulary: np.ndarray  # distinct tokens, sorted in code point order (object array of str)


@dataclass
class Part:
    """``split_texts`` of one batch of texts, tokens still as strings (see ``join``)."""

    paragraphs: np.ndarray
    sentences: np.ndarray
    token_sentence: np.ndarray
    token_start: np.ndarray
    token_end: np.ndarray
    token_code: np.ndarray  # index into ``vocabulary``
    vocabulary: pl.Series  # this batch's distinct tokens, sorted


def tokens(frame: pl.LazyFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, pl.Series]:
    """``(art, start, end, code, vocabulary)`` of every token (``rules.TOKEN_PATTERN``):
    ``code`` into ``vocabulary``, the distinct tokens sorted (code point order, as Python
    sorts strings).

    Each text is cut into pieces, a token with the gap before it (``patterns()["tokens"]``);
    the running sum of the pieces' lengths is where each token ends.  The pieces are coded
    (Arrow dictionary-encodes them, for this batch), and the gap is cut off each *distinct* piece, so
    the work per token is a few array look-ups."""
    p = patterns()
    rows = (frame.select(pl.col("art").cast(pl.Int32), "base", piece=pl.col("text").str.extract_all(p["tokens"]))
            .explode("piece")
            .drop_nulls("piece")  # (a text without pieces)
            .collect())
    # coded by Arrow's hash table on one thread: polars' categorical cast spent twice the CPU
    # on two threads for the same codes (benchmarks/README, "Coding the pieces")
    coded = pc.dictionary_encode(rows["piece"].to_arrow(compat_level=pl.CompatLevel.newest()))
    distinct = pl.Series(coded.dictionary)  # by code
    words = distinct.str.replace(p["gap"], "")  # "" for a text's last gap
    size = distinct.str.len_chars().cast(pl.Int64).to_numpy()
    word_size = words.str.len_chars().cast(pl.Int64).to_numpy()
    # the distinct words (a piece's word: its code there), sorted; "" sorts first, and its
    # pieces are dropped below, so a word's code is its rank, less one if "" is among them
    word = pc.dictionary_encode(words.to_arrow(compat_level=pl.CompatLevel.newest()))
    unique = pl.Series(word.dictionary)
    order = unique.arg_sort().to_numpy()
    empty = int(len(order) > 0 and unique[int(order[0])] == "")
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(-empty, len(order) - empty, dtype=np.int32)
    word_code = rank[word.indices.to_numpy()]
    vocabulary = unique.gather(order[empty:])
    piece = coded.indices.to_numpy()
    end = np.cumsum(size[piece]) - rows["base"].to_numpy()
    length = word_size[piece]
    kept = np.flatnonzero(length)
    end = end[kept].astype(np.int32)
    return (rows["art"].to_numpy()[kept], end - length[kept].astype(np.int32), end,
            word_code[piece[kept]], vocabulary)


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
    # the batches' vocabularies coded into one: each batch's words laid end to end, coded by
    # one hash table, whose distinct words are then sorted; a batch's code -> that rank
    words = pc.dictionary_encode(pl.concat([p.vocabulary for _, p in parts]).to_arrow(compat_level=pl.CompatLevel.newest()))
    distinct = pl.Series(words.dictionary)
    order = distinct.arg_sort().to_numpy()  # (UTF-8 bytes sort as code points, as Python's str)
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    ranked = rank[words.indices.to_numpy()]
    starts = bases([len(p.vocabulary) for _, p in parts])
    code = [ranked[at:at + len(part.vocabulary)][part.token_code] for at, (_, part) in zip(starts, parts)]
    vocabulary = distinct.gather(order)
    return Split(
        paragraphs=np.concatenate(paragraphs).reshape(-1, 4),
        sentences=np.concatenate(sentences).reshape(-1, 5),
        token_sentence=np.concatenate(token_sentence),
        token_start=np.concatenate([p.token_start for _, p in parts]),
        token_end=np.concatenate([p.token_end for _, p in parts]),
        token_code=np.concatenate(code) if code else np.zeros(0, dtype=np.int32),
        vocabulary=vocabulary.to_numpy().astype(object, copy=False),
    )


def split_texts(texts: list[str]) -> Split:
    """Paragraphs, sentences and tokens of ``texts`` (see ``Split``)."""
    return join([(0, split_batch(texts))])
