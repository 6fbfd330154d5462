"""Character classes of Python's ``re`` as explicit code point ranges, computed from the
running Python: the word classes of the token rule (``rules.TOKEN_REGEX``) and, for the
engine, every code point in one string (``queries.char_class`` spells ``\\w``, ``\\d``, ``\\s``
for Rust's regex from it).
"""
from __future__ import annotations

import array
import re
import sys
import unicodedata


def _char_class(ranges) -> str:
    """A regex character class of the code point ranges ``ranges`` (``(first, last)``),
    written as literal characters (none is ASCII punctuation), which Python's ``re`` and
    Rust's regex read alike."""
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and merged[-1][1] >= first - 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in merged) + "]"


def _runs(pattern: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end() - 1) for m in re.finditer(pattern, text)]


def every_character() -> str:
    """Every code point, in order (surrogates included), as one string."""
    points = array.array("I", range(0x110000))
    return points.tobytes().decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")


def word_classes(ranges) -> tuple[str, str, str]:
    """``(start, part, character)``: the characters that start a word (Python's ``\\w``
    outside the code point ``ranges``, ``(first, last)`` pairs), that continue it (those and
    the combining marks, Unicode category M), and that are tokens one by one (``\\w`` inside
    ``ranges``)."""
    every = every_character()
    word = _runs(r"\w+", every)
    start, character = [], []
    for first, last in word:  # cut each run of word characters at the edges of ranges
        cuts = sorted({first, last + 1} | {e for a, b in ranges for e in (a, b + 1) if first < e <= last})
        for a, b in zip(cuts, cuts[1:]):
            inside = any(lo <= a <= hi for lo, hi in ranges)
            (character if inside else start).append((a, b - 1))
    # two letters per code point: "Mn", "Mc", "Me" are the marks, which lie in planes 0 and 1
    # and among the variation selectors of plane 14 (the other planes hold none)
    marks = []
    for base, end in ((0, 0x20000), (0xE0000, 0xE1000)):
        categories = "".join(map(unicodedata.category, every[base:end]))
        marks += [(base + a // 2, base + (b - 1) // 2) for a, b in _runs("(?:M[nce])+", categories)]
    return _char_class(start), _char_class(start + marks), _char_class(character)
