"""The rules of ``rules`` applied to many texts at once by polars (Rust's regex engine).

``split_texts(texts)`` gives the paragraphs, sentences and tokens of several texts with
character offsets, exactly as the rules module defines them (``rules.paragraph_spans``,
``rules.sentence_spans``, ``rules.TOKEN_PATTERN``); a property test holds the two equal on
the corpora and on thousands of random strings.

How the rules are translated
----------------------------
* Python's ``\\w``, ``\\d`` and ``\\s`` are not Rust's: each is replaced by an explicit
  character class listing the code points that Python's own ``re`` matches (computed once
  from the running Python, so the two agree by construction, whatever the Unicode versions).
* Offsets: Rust's regex in polars gives matches, not positions.  A *partition* pattern
  (``TOKEN | non-word run``) cuts every text into consecutive pieces, so the running sum of
  the pieces' lengths (in code points, as Python indexes strings) is each piece's offset.
* The sentence-boundary look-ahead (white space, opening quotes, a capital or digit) holds
  no ``.!?``, so it is consumed in the partition; the abbreviation rules (the word before a
  lone period, the word after a dotted acronym) are the same regular expressions applied to
  a 40-character window on each side of the few candidate periods.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import polars as pl

from . import rules

_ESCAPES = {r"\w": r"\w+", r"\W": r"\w+", r"\d": r"\d+", r"\s": r"\s+"}


@lru_cache(maxsize=None)
def _class(escape: str) -> str:
    """A Rust character class matching exactly what Python's ``escape`` matches."""
    every = "".join(map(chr, range(0x110000)))
    ranges = [(m.start(), m.end() - 1) for m in re.finditer(_ESCAPES[escape], every)]
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    caret = "^" if escape == r"\W" else ""
    return f"[{caret}{body}]"


def rust_pattern(pattern: str) -> str:
    """``pattern`` (Python syntax, no look-around, ``\\w\\W\\d\\s`` only outside brackets)
    for Rust's regex: those escapes become explicit classes."""
    return re.sub(r"\\[wWds]", lambda m: _class(m.group()), pattern)


@lru_cache(maxsize=None)
def _patterns() -> dict[str, str]:
    token = rust_pattern(rules.TOKEN_REGEX)
    return {
        "pieces": f"{_class(chr(92) + 'W')}+|{token}",  # the two never start alike
        "word_start": "^" + _class(r"\w"),
        "sentences": rust_pattern(f"{rules.BOUNDARY_CANDIDATE}|[^.!?]+|[.!?]"),
        "stop": rust_pattern(f"^{rules.BOUNDARY_PUNCT}{rules.BOUNDARY_CLOSE}"),
        "after": rust_pattern(f"^{rules.BOUNDARY_PUNCT}{rules.BOUNDARY_CLOSE}\\s+"),
        "word_before": rules.WORD_BEFORE.pattern,
        "dotted": f"^(?:{rules.DOTTED.pattern})$",
        "spaces": "".join(chr(c) for c in range(0x110000) if chr(c).isspace() and c != 10),
    }


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


def _bases(lengths: np.ndarray) -> np.ndarray:
    lengths = np.asarray(lengths, dtype=np.int64)
    return np.cumsum(lengths) - lengths


def _pieces(texts: pl.Series, pattern: str) -> tuple[pl.Series, np.ndarray, np.ndarray]:
    """Every match of ``pattern`` in the texts, with its text's index and its offset in it.
    ``pattern`` must partition the texts (its matches cover every character in order)."""
    lists = texts.str.extract_all(pattern)
    counts = lists.list.len().to_numpy()
    pieces = lists.explode(empty_as_null=False)
    size = pieces.str.len_chars().to_numpy().astype(np.int64)
    art = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    start = np.cumsum(size) - size  # over all texts laid end to end
    start -= np.repeat(_bases(np.bincount(art, weights=size, minlength=len(texts)).astype(np.int64)), counts)
    return pieces, art, start


def _paragraphs(texts: pl.Series) -> np.ndarray:
    """``rules.paragraph_spans`` of every text: its lines without surrounding white space."""
    spaces = _patterns()["spaces"]
    lists = texts.str.split("\n")
    counts = lists.list.len().to_numpy()
    lines = lists.explode(empty_as_null=False)
    size = lines.str.len_chars().to_numpy().astype(np.int64)
    lead = size - lines.str.strip_chars_start(spaces).str.len_chars().to_numpy()
    kept = lines.str.strip_chars(spaces).str.len_chars().to_numpy().astype(np.int64)
    art = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    start = np.cumsum(size + 1) - (size + 1)
    start -= np.repeat(_bases(np.bincount(art, weights=size + 1, minlength=len(texts)).astype(np.int64)), counts)
    start += lead
    keep = kept > 0
    art, start, end = art[keep], start[keep], (start + kept)[keep]
    pid = np.arange(len(art)) - np.searchsorted(art, art) + 1
    return np.stack([art, pid, start, end], axis=1).reshape(-1, 4)


def _stops(texts: pl.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(art, stop, next_start)`` of the true sentence boundaries: where a sentence ends
    (after the punctuation and closers) and where the next one starts (after the spaces)."""
    p = _patterns()
    pieces, art, start = _pieces(texts, p["sentences"])
    candidate = pieces.str.len_chars().to_numpy() > 1
    candidate &= pieces.str.contains("^[.!?]").to_numpy()
    cand = pl.DataFrame({"art": art[candidate], "offset": start[candidate], "piece": pieces.filter(candidate)})
    cand = cand.with_columns(
        run=pl.col("piece").str.extract("^([.!?]+)", 1).str.len_chars(),
        stop=pl.col("piece").str.extract(p["stop"], 0).str.len_chars(),
        after=pl.col("piece").str.extract(p["after"], 0).str.len_chars(),
    )
    lone = cand.filter((pl.col("run") == 1) & pl.col("piece").str.starts_with("."))
    # the abbreviation rules, on the rule's own window of 40 characters before a lone period
    low = (lone["offset"] - 39).clip(lower_bound=0)
    word = texts.gather(lone["art"]).str.slice(low, lone["offset"] + 1 - low).str.extract(p["word_before"], 1)
    lone = lone.with_columns(word=word)
    w = pl.col("word")
    false = (w.str.to_lowercase().is_in(sorted(rules.ABBREVIATIONS))
             | ((w.str.len_chars() == 1) & w.str.contains("^[A-Z]$"))).fill_null(False)
    dropped = lone.filter(false).select("art", "offset")
    # a dotted acronym ("U.S.") depends on the whole next word: the rule itself decides
    dotted = lone.filter(~false & w.str.contains(p["dotted"]).fill_null(False))
    raw = texts.to_list() if len(dotted) else []
    is_false = [rules.is_false_word(raw[a], word, o + stop)
                for a, word, o, stop in dotted.select("art", "word", "offset", "stop").iter_rows()]
    dropped = pl.concat([dropped, dotted.filter(pl.Series(is_false, dtype=pl.Boolean)).select("art", "offset")])
    kept = cand.join(dropped, on=["art", "offset"], how="anti", maintain_order="left")
    art = kept["art"].to_numpy().astype(np.int64)
    offset = kept["offset"].to_numpy().astype(np.int64)
    return art, offset + kept["stop"].to_numpy(), offset + kept["after"].to_numpy()


def _sentences(paragraphs: np.ndarray, stops: tuple, n_texts: int, lengths: np.ndarray) -> np.ndarray:
    """Sentence rows: each paragraph cut at the boundaries strictly inside it."""
    bases = _bases(lengths + 1)
    p_art, p_id, p_start, p_end = paragraphs.T
    g_start, g_end = bases[p_art] + p_start, bases[p_art] + p_end
    s_art, stop, nxt = stops
    g_stop = bases[s_art] + stop
    row = np.searchsorted(g_start, g_stop, side="right") - 1
    inside = (row >= 0) & (g_stop < g_end[np.maximum(row, 0)])
    row, g_stop, g_next = row[inside], g_stop[inside], (bases[s_art] + nxt)[inside]
    starts = np.concatenate((g_start, g_next))
    ends = np.concatenate((g_stop, g_end))
    owner = np.concatenate((np.arange(len(g_start)), row))
    order = np.argsort(starts, kind="stable")
    starts, owner = starts[order], owner[order]
    ends = np.sort(ends, kind="stable")
    art = p_art[owner]
    sid = np.arange(len(art)) - np.searchsorted(art, art) + 1
    return np.stack([art, p_id[owner], sid, starts - bases[art], ends - bases[art]], axis=1).reshape(-1, 5)


def _tokens(texts: pl.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, pl.Series]:
    """``(art, start, end, string)`` of every token (``rules.TOKEN_PATTERN``)."""
    p = _patterns()
    pieces, art, start = _pieces(texts, p["pieces"])
    is_token = pieces.str.contains(p["word_start"]).to_numpy()
    tokens = pieces.filter(is_token)
    start = start[is_token]
    return art[is_token], start, start + tokens.str.len_chars().to_numpy(), tokens


def _codes(strings: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of ``strings`` into their distinct values, sorted (Python string order)."""
    if not len(strings):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    categorical = strings.cast(pl.Categorical)
    physical = categorical.to_physical().to_numpy()
    distinct = categorical.unique()
    ids = distinct.to_physical().to_numpy()
    values = distinct.cast(pl.String).to_numpy().astype(object)
    order = np.array(sorted(range(len(values)), key=values.__getitem__), dtype=np.int64)
    number = np.zeros(int(ids.max()) + 1, dtype=np.int64)
    number[ids[order]] = np.arange(len(order))
    return number[physical].astype(np.int32), values[order]


def split_batch(texts: list[str]) -> Part:
    """Paragraphs, sentences and tokens of ``texts`` (one batch; see ``join``)."""
    series = pl.Series("text", texts, dtype=pl.String)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    paragraphs = _paragraphs(series)
    sentences = _sentences(paragraphs, _stops(series), len(texts), lengths)
    art, start, end, strings = _tokens(series)
    bases = _bases(lengths + 1)  # texts laid end to end with a separator: global positions
    sentence = np.searchsorted(bases[sentences[:, 0]] + sentences[:, 3], bases[art] + start, side="right") - 1
    return Part(paragraphs, sentences, sentence, start, end, *_codes(strings))


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
    merged, vocabulary = _codes(pl.Series(words, dtype=pl.String))
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


def paragraphs_and_sentences(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Only the paragraph rows ``(art, paragraph_id, start, end)`` and sentence rows ``(art,
    paragraph_id, sentence_id, start, end)`` of ``texts`` (no tokens)."""
    series = pl.Series("text", texts, dtype=pl.String)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    paragraphs = _paragraphs(series)
    return paragraphs, _sentences(paragraphs, _stops(series), len(texts), lengths)


def split_texts(texts: list[str]) -> Split:
    """Paragraphs, sentences and tokens of ``texts`` (see ``Split``)."""
    return join([(0, split_batch(texts))])
