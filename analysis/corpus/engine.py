"""The tokens of ``segment.TOKEN_PATTERN``, found with numpy over code points.

``token_codes(text)`` gives the same tokens, in the same order, as
``segment.TOKEN_PATTERN.finditer(text)``, but spends no Python work per token, so a large
corpus loads several times faster.  Each token comes as its ``start``/``end`` offsets and a
``code`` into a list of the distinct token strings.

How it stays exact
------------------
The pattern's three alternatives (dotted acronyms, numbers with separators, words with
inner hyphens or apostrophes) all start with a word character (``\\w``) and never hold
white space, so the text can be tokenised chunk by chunk, a chunk being a run of non-space
characters.  In a chunk without a dotted acronym ("U.S.") and without a number with a
separator ("1,200"), every token is a run of word characters, joined to the next run by
a single hyphen or apostrophe: numpy finds these.  The few chunks holding an acronym or
such a number are handed to the regular expression itself.

Distinct tokens are found by hashing each token's code points (two independent 64-bit
polynomial hashes and its length); if two different strings ever shared a first hash,
the codes are rebuilt from the strings themselves, so a collision can cost time but
never merge two words.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .rules import TOKEN_PATTERN

_CODE_POINTS = 0x110000
_JOINERS = np.array([ord("-"), ord("'"), ord("’")], dtype=np.uint32)
_SEPARATORS = np.array([ord("."), ord(",")], dtype=np.uint32)
_DOT = ord(".")
#: Odd multipliers of the two polynomial hashes (any odd 64-bit numbers will do).
_BASES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)


#: Code points covered by the first, quick character tables (the Basic Multilingual Plane).
_BMP = 0x10000


@lru_cache(maxsize=None)
def char_tables(size: int = _BMP) -> dict[str, np.ndarray]:
    """Per code point below ``size``: ``word`` (``\\w``), ``digit`` (``\\d``), ``space``
    (``\\s``) and ``ascii_letter`` ([A-Za-z]), taken from Python's ``re`` itself (runs of
    matches over the code points, so it is quick and agrees with the regular expression
    by construction).  Texts with characters beyond the BMP (emoji) use the full tables."""
    every = "".join(map(chr, range(size)))
    tables = {}
    for name, pattern in (("word", r"\w+"), ("digit", r"\d+"), ("space", r"\s+"), ("ascii_letter", r"[A-Za-z]+")):
        table = np.zeros(size, dtype=bool)
        for match in re.finditer(pattern, every):
            table[match.start(): match.end()] = True
        tables[name] = table
    return tables


_POWERS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _powers(base: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``base**j`` and ``base**-j`` modulo 2**64 for j = 0..n-1 (numpy wraps uint64),
    kept between calls and grown as needed."""
    have = _POWERS.get(base)
    if have is None or len(have[0]) < n:
        size = max(n, 2 * len(have[0]) if have else 1 << 16)
        up = np.full(size, base, dtype=np.uint64)
        down = np.full(size, pow(base, -1, 2**64), dtype=np.uint64)
        up[0] = down[0] = 1
        _POWERS[base] = have = (np.cumprod(up), np.cumprod(down))
    return have[0][:n], have[1][:n]


def _hashes(cp: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[np.ndarray]:
    """Two polynomial hashes of each ``cp[start:end]``, independent of where it sits."""
    out = []
    wide = cp.astype(np.uint64)
    prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
    for base in _BASES:
        up, down = _powers(base, len(cp) + 1)
        np.cumsum(np.multiply(wide, up[: len(cp)]), out=prefix[1:])
        out.append((prefix[ends] - prefix[starts]) * down[starts])
    return out


def _simple_tokens(text: str, cp: np.ndarray, tables: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token spans of the chunks that hold no acronym or separated number, and the
    ``(start, end)`` of the other chunks (for the regular expression)."""
    n = len(cp)
    word = tables["word"][cp]
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    run_start = np.flatnonzero(edges == 1)
    run_end = np.flatnonzero(edges == -1)
    padded = np.append(cp, np.array([32, 32], dtype=np.uint32))  # spaces after the end
    after = padded[run_end]  # the character after each run
    touching = np.append(run_start[1:] == run_end[:-1] + 1, False)  # next run starts one after this one ends
    # dotted acronym: two "X." pairs in a row (one ASCII letter, then a period)
    letter_dot = (run_end - run_start == 1) & (after == _DOT) & tables["ascii_letter"][cp[run_start]]
    acronym = letter_dot & np.append(letter_dot[1:], False) & touching
    # separated number: a run of decimal digits, then "." or ",", then a digit
    number = np.isin(after, _SEPARATORS) & tables["digit"][padded[run_end + 1]]
    candidates = np.flatnonzero(number)
    number[candidates] = [text[s:e].isdecimal() for s, e in zip(run_start[candidates].tolist(),
                                                                 run_end[candidates].tolist())]
    # chunks: runs of non-space characters, numbered by the spaces before them
    space_at = np.flatnonzero(tables["space"][cp])
    chunk = np.searchsorted(space_at, run_start)
    hard = np.isin(chunk, chunk[acronym | number])
    # easy chunks: runs joined by one hyphen or apostrophe make one token
    joined = touching & np.isin(after, _JOINERS)
    first = np.concatenate(([True], ~joined[:-1])) & ~hard
    last = ~joined & ~hard
    hard_chunks = np.unique(chunk[hard])
    # chunk k lies between the k-th space (if any) and the next one (or the end)
    chunk_start = np.concatenate(([0], space_at + 1))[hard_chunks]
    chunk_end = np.append(space_at, n)[hard_chunks]
    return run_start[first], run_end[last], np.stack([chunk_start, chunk_end], axis=1).reshape(-1, 2)


def code_points(text: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The text's code points (uint32) and character tables that cover them."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return cp, char_tables() if not len(cp) or cp.max() < _BMP else char_tables(_CODE_POINTS)


def token_codes(text: str, cp: np.ndarray | None = None, tables: dict | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """``(starts, ends, codes, vocabulary)``: every token of ``text`` in order, as offsets
    and an index into ``vocabulary`` (the distinct tokens, in order of first use).
    ``cp`` and ``tables`` may be given if already computed (``code_points``)."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, []
    if cp is None or tables is None:
        cp, tables = code_points(text)
    starts, ends, hard = _simple_tokens(text, cp, tables)
    if len(hard):
        spans = [m.span() for s, e in hard.tolist() for m in TOKEN_PATTERN.finditer(text, s, e)]
        more = np.array(spans, dtype=np.int64).reshape(-1, 2)
        starts = np.concatenate((starts, more[:, 0]))
        ends = np.concatenate((ends, more[:, 1]))
        order = np.argsort(starts, kind="stable")
        starts, ends = starts[order], ends[order]
    starts = starts.astype(np.int64)
    ends = ends.astype(np.int64)
    h1, h2 = _hashes(cp, starts, ends)
    length = (ends - starts).astype(np.uint64)
    codes, _ = pd.factorize(h1)  # numbered in order of first occurrence
    first = _first_occurrences(codes)
    if not (np.array_equal(h2[first][codes], h2) and np.array_equal(length[first][codes], length)):
        words = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]  # a first-hash collision
        codes, _ = pd.factorize(np.array(words, dtype=object))
        first = _first_occurrences(codes)
    vocabulary = [text[s:e] for s, e in zip(starts[first].tolist(), ends[first].tolist())]
    return starts, ends, codes.astype(np.int64), vocabulary


def _first_occurrences(codes: np.ndarray) -> np.ndarray:
    """Where each code first occurs, for codes numbered in order of first occurrence."""
    seen = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
    return np.flatnonzero(codes > seen)
