"""Split cleaned text into paragraphs, sentences and tokens, keeping character offsets.

Every span is a ``(start, end)`` pair into the text it came from, so that
``text[start:end]`` gives back exactly the paragraph, sentence or token.

Conventions
-----------
* A paragraph is a non-empty line of the cleaned text.
* Sentences end at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets)
  followed by white space and a capital letter, digit or opening quote -- except
  after a known abbreviation ("Mr.", "Dec.", "Gen.", ...), a single-letter initial
  ("John F. Kennedy"), or a dotted acronym ("U.S.", "U.K.") that is followed by a
  capitalised word other than a common sentence opener ("The", "He", "It", ...).
  Sentences never cross paragraphs.
* Tokens are words and numbers; punctuation is not a token.  A word keeps
  internal hyphens and apostrophes ("re-education", "China's"); dotted acronyms
  stay whole ("U.S."); numbers keep thousands separators and decimals ("1,200").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

#: Abbreviations (lower case, without the final period) after which a period
#: does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no nos vol fig approx est dept univ corp inc ltd co bros vs etc al cf e.g i.e
    mt ft ave blvd""".split()
)

#: Words that, capitalised after a dotted acronym such as "U.S.", signal a new sentence.
SENTENCE_OPENERS = frozenset(
    """the a an it he she they we i in on at but and or so this that these those there
    however meanwhile still yet after before when while if as its his her their our""".split()
)

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_BOUNDARY = re.compile(rf"([.!?]+)[{re.escape(_CLOSERS)}]*(?=\s+[{re.escape(_OPENERS)}]*[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WORD_AFTER = re.compile(rf"\s+[{re.escape(_OPENERS)}]*([A-Za-z]+)")

TOKEN_PATTERN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}                 # dotted acronyms: U.S., U.K., U.N.
    | \d+(?:[.,]\d+)+                  # numbers with separators: 1,200  3.5
    | \w+(?:[-'’]\w+)*                 # words with internal hyphens/apostrophes
    """,
    re.VERBOSE,
)
#: ``TOKEN_PATTERN`` as one capture group, for ``token_spans`` (``re.split`` keeps the tokens).
#: Every token starts with a word character; the lookahead lets the engine skip gaps faster.
_TOKEN_SPLIT = re.compile(f"((?=\\w)(?:{TOKEN_PATTERN.pattern}\n))", re.VERBOSE)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text`` (leading/trailing blanks excluded)."""
    spans, pos = [], 0
    for line in text.split("\n"):
        size = len(line)
        if size and not line[0].isspace() and not line[-1].isspace():  # already trimmed
            spans.append((pos, pos + size))
        elif stripped := line.strip():
            start = pos + size - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        pos += size + 1
    return spans


_RUN = re.compile(r"[A-Za-z.]*")


def _word_before(text: str, end_of_period: int) -> str | None:
    """What ``_WORD_BEFORE`` finds in the 40 characters before ``end_of_period``, by one
    match on the reversed window (the regex tries every start position of the window)."""
    lo, last = max(0, end_of_period - 40), end_of_period - 1
    if last < lo or text[last] != ".":
        before = _WORD_BEFORE.search(text, lo, end_of_period)
        return before.group(1) if before else None
    run = _RUN.match(text[lo:last][::-1]).end()
    return text[last - run:last].lstrip(".") or None


def _is_false_boundary(text: str, end_of_period: int, after: int) -> bool:
    """True when the period ending at ``end_of_period`` belongs to an abbreviation."""
    word = _word_before(text, end_of_period)
    if word is None or (len(word) > 6 and word[-2] != "."):  # too long for any rule below
        return False
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if _DOTTED.fullmatch(word):  # dotted acronym: U.S / U.K
        nxt = _WORD_AFTER.match(text, after)
        return nxt is not None and nxt.group(1).lower() not in SENTENCE_OPENERS
    return False


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph), trimmed of white space."""
    end = len(text) if end is None else end
    cuts = [stop for stop in _true_boundaries(text, start, end) if stop < end]
    return _spans_between(text, start, end, cuts)


def _true_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """End offsets of the sentence-ending punctuation runs in ``text[start:end]``,
    abbreviations ("Mr.", "U.S. officials") left out."""
    end = len(text) if end is None else end
    stops = []
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(1) == "." and _is_false_boundary(text, match.end(1), match.end()):
            continue
        stops.append(match.end())
    return stops


_LEADING_SPACE = re.compile(r"\s*")


def _spans_between(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The non-blank pieces of ``text[start:end]`` cut at ``cuts`` (increasing, inside), trimmed."""
    out = []
    for s, e in zip([start, *cuts], [*cuts, end]):
        if s < e and text[s].isspace():
            s = _LEADING_SPACE.match(text, s, e).end()
        if s < e and text[e - 1].isspace():
            e = s + len(text[s:e].rstrip())
        if e > s:
            out.append((s, e))
    return out


def paragraphs_and_sentences(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """``paragraph_spans(text)`` and ``(paragraph_id, start, end)`` of every sentence,
    paragraphs numbered from 1: the spans of ``sentence_spans`` over each paragraph, found
    by one scan of the whole text (punctuation runs never cross a line, and a boundary at
    a paragraph's end is that paragraph's end anyway)."""
    paragraphs = paragraph_spans(text)
    stops = _true_boundaries(text)
    sentences, i = [], 0
    for paragraph_id, (p_start, p_end) in enumerate(paragraphs, start=1):
        while i < len(stops) and stops[i] <= p_start:
            i += 1
        cuts = []
        while i < len(stops) and stops[i] < p_end:
            cuts.append(stops[i])
            i += 1
        sentences += [(paragraph_id, s, e) for s, e in _spans_between(text, p_start, p_end, cuts)]
    return paragraphs, sentences


def sentence_table(text: str) -> list[tuple[int, int, int]]:
    """``(paragraph_id, start, end)`` of every sentence of ``text`` (see ``paragraphs_and_sentences``)."""
    return paragraphs_and_sentences(text)[1]


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, token)`` for each word or number in ``text[start:end]``."""
    end = len(text) if end is None else end
    for match in TOKEN_PATTERN.finditer(text, start, end):
        yield match.start(), match.end(), match.group()


def token_spans(text: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(starts, ends, tokens)`` of every token in ``text``: the same tokens as ``iter_tokens``,
    found by one ``re.split`` (no Python work per token), so loading large corpora is fast."""
    parts = _TOKEN_SPLIT.split(text)  # [gap, token, gap, token, ..., gap]
    ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    tokens = parts[1::2]
    token_ends = ends[1::2]
    return token_ends - np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)), token_ends, tokens
