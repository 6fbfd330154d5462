"""The rules of ``rules`` spelled for polars (Rust's regex engine), and the query pieces
the engine builds on.

* Python's ``\\w``, ``\\d`` and ``\\s`` are not Rust's: each is replaced by an explicit
  character class listing the code points that Python's own ``re`` matches (computed once
  from the running Python, so the two agree by construction, whatever the Unicode versions).
* Offsets: Rust's regex in polars gives matches, not positions.  A *partition* pattern cuts
  every text into consecutive pieces, so the running sum of the pieces' lengths (in code
  points, as Python indexes strings) is each piece's offset (``pieces``).  For tokens each
  piece is a token with the run of non-word characters before it (``patterns()["tokens"]``:
  every token starts with a word character, so that run is exactly the gap between two
  tokens), and the gap at a text's end.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import polars as pl

from . import rules
from .charclasses import every_character

_ESCAPES = {r"\w": r"\w+", r"\W": r"\w+", r"\d": r"\d+", r"\s": r"\s+"}


@lru_cache(maxsize=None)
def escape_ranges() -> dict[str, list[tuple[int, int]]]:
    """``{pattern: [(first, last), ...]}``: the runs of code points that Python's ``\\w+``,
    ``\\d+`` and ``\\s+`` match, from one string of every code point (built once: it is
    4 MB, and each scan of it costs a tenth of a second)."""
    every = every_character()
    return {pattern: [(m.start(), m.end() - 1) for m in re.finditer(pattern, every)]
            for pattern in sorted(set(_ESCAPES.values()))}


@lru_cache(maxsize=None)
def char_class(escape: str) -> str:
    """A Rust character class matching exactly what Python's ``escape`` matches."""
    ranges = escape_ranges()[_ESCAPES[escape]]
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    caret = "^" if escape == r"\W" else ""
    return f"[{caret}{body}]"


def rust_pattern(pattern: str) -> str:
    """``pattern`` (Python syntax, no look-around) for Rust's regex: ``\\w\\W\\d\\s``
    become explicit classes (inside brackets, a nested class, which Rust reads as a union:
    ``[^\\W\\d_]`` stays "a word character that is no digit and no underscore")."""
    return re.sub(r"\\[wWds]", lambda m: char_class(m.group()), pattern)


def contains(values: np.ndarray, pattern: str) -> np.ndarray:
    """Which of the strings ``values`` ``pattern`` (Python syntax, see ``rust_pattern``)
    finds: ``re.search`` of each, as one query."""
    found = pl.Series(values, dtype=pl.String).str.contains(rust_pattern(pattern))
    return found.fill_null(False).to_numpy().astype(bool, copy=False)


@lru_cache(maxsize=None)
def patterns() -> dict[str, str]:
    token = rust_pattern(rules.TOKEN_REGEX)
    return {
        # a token and the non-word run before it (a token starts with \w: rules.TOKEN_REGEX),
        # or the non-word run at the end of a text; the run is cut off again by "gap"
        "tokens": f"{char_class(chr(92) + 'W')}*(?:{token})|{char_class(chr(92) + 'W')}+$",
        "gap": "^" + char_class(r"\W") + "+",
        # a run of .!? that is no candidate is one piece: a candidate cannot start inside it
        # (rules._BOUNDARY), and trying one at each of its characters would be quadratic; a
        # period with no space after it that ends such a run, as in "..Ab", is a candidate
        # of the rules, but never a boundary (rules.TIGHT_BEFORE wants two letters before it)
        "sentences": rust_pattern(f"(?:{rules.BOUNDARY_CANDIDATE})|[^.!?]+|[.!?]+"),
        "stop": rust_pattern(f"^{rules.BOUNDARY_PUNCT}{rules.BOUNDARY_CLOSE}"),
        "after": rust_pattern(f"^{rules.BOUNDARY_PUNCT}{rules.BOUNDARY_CLOSE}\\s*"),
        "word_before": rules.WORD_BEFORE.pattern,
        "dotted": f"^(?:{rules.DOTTED.pattern})$",
        # a bracket after the punctuation (a citation?), or dots closed by a bracket ("[...]")
        "rare": r"\(|^" + rules.BRACKETED_ELLIPSIS.pattern,
        "short": r"\.|^[A-Za-z]$|^[ivxIVX]{1,4}$",  # dots, a letter, a roman numeral
        "tight_before": rules.TIGHT_BEFORE.pattern,
        "marker": rust_pattern(rules.LIST_MARKER.pattern),
        "spaced": rust_pattern(rules.SPACED_ELLIPSIS.pattern),
        "spaced_four": rust_pattern(rules.SPACED_FOUR.pattern),
        "word_after": rust_pattern("^" + rules.WORD_AFTER.pattern),
        "digit_after": rust_pattern("^" + rules.DIGIT_AFTER.pattern),
        # what str.strip() strips but the line break (re's \s is str.isspace: a test holds it)
        "spaces": "".join(chr(c) for a, b in escape_ranges()[r"\s+"] for c in range(a, b + 1) if c != 10),
    }


@lru_cache(maxsize=None)
def word_list(name: str) -> list[str]:
    """The word list ``rules.<name>``, sorted (built once)."""
    return sorted(getattr(rules, name))


@lru_cache(maxsize=None)
def kinds() -> tuple[pl.Series, pl.Series]:
    """Each abbreviation and its kind: 1 a title (never ends a sentence), 2 before a number,
    3 may end a sentence (``rules.TITLES``, ``NUMBER_ABBREVIATIONS``, ``TERMINAL_ABBREVIATIONS``)."""
    by_word = {**{w: 1 for w in rules.TITLES}, **{w: 2 for w in rules.NUMBER_ABBREVIATIONS},
             **{w: 3 for w in rules.TERMINAL_ABBREVIATIONS}}
    return pl.Series(list(by_word), dtype=pl.String), pl.Series(list(by_word.values()), dtype=pl.Int8)


def bases(lengths: np.ndarray) -> np.ndarray:
    lengths = np.asarray(lengths, dtype=np.int64)
    return np.cumsum(lengths) - lengths


def text_frame(texts: list[str]) -> pl.LazyFrame:
    """The texts with their index (``art``) and the offset of their start (``base``) in the
    texts laid end to end.  Every query below runs lazily: collecting releases the GIL, so
    batches split on threads overlap the Python work of reading the next files."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return pl.LazyFrame({"text": pl.Series(texts, dtype=pl.String), "base": bases(lengths)}).with_row_index("art")


def pieces(frame: pl.LazyFrame, pattern: str) -> pl.LazyFrame:
    """Every match of ``pattern`` with its text (``art``) and its offset in it (``offset``).
    ``pattern`` must partition the texts (its matches cover every character, in order), so
    the running sum of the pieces' lengths gives each one's offset."""
    size = pl.col("piece").str.len_chars().cast(pl.Int64)
    return (frame.select("art", "base", piece=pl.col("text").str.extract_all(pattern))
            .explode("piece")
            .with_columns(size=size)
            .with_columns(offset=pl.col("size").cum_sum() - pl.col("size") - pl.col("base")))
