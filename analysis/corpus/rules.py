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
#: The sentence-boundary rule in parts (the engine consumes the look-ahead, which holds no ``.!?``).
BOUNDARY_PUNCT = r"[.!?]+"
BOUNDARY_CLOSE = rf"[{re.escape(_CLOSERS)}]*"
BOUNDARY_AHEAD = rf"\s+[{re.escape(_OPENERS)}]*[A-Z0-9]"
BOUNDARY_CANDIDATE = BOUNDARY_PUNCT + BOUNDARY_CLOSE + BOUNDARY_AHEAD
_BOUNDARY = re.compile(rf"({BOUNDARY_PUNCT}){BOUNDARY_CLOSE}(?={BOUNDARY_AHEAD})")
#: The word before a period, the dotted-acronym shape, and the word after it.
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
WORD_AFTER = re.compile(rf"\s+[{re.escape(_OPENERS)}]*([A-Za-z]+)")

#: Tokens: dotted acronyms (U.S., U.K.), numbers with separators (1,200  3.5), words with
#: internal hyphens/apostrophes -- tried in this order (the first alternative that matches wins).
TOKEN_REGEX = "|".join([
    r"(?:[A-Za-z]\.){2,}",
    r"\d+(?:[.,]\d+)+",
    r"\w+(?:[-'’]\w+)*",
])
TOKEN_PATTERN = re.compile(TOKEN_REGEX)


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


def _word_before(text: str, end_of_period: int) -> str | None:
    """The word (letters and dots) ending at the period that ends at ``end_of_period``,
    looked for in the 40 characters before it."""
    before = WORD_BEFORE.search(text, max(0, end_of_period - 40), end_of_period)
    return before.group(1) if before else None


def _is_false_boundary(text: str, end_of_period: int, after: int) -> bool:
    """True when the period ending at ``end_of_period`` belongs to an abbreviation."""
    word = _word_before(text, end_of_period)
    return word is not None and is_false_word(text, word, after)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph), trimmed of white space."""
    end = len(text) if end is None else end
    cuts = [stop for stop in _true_boundaries(text, start, end) if stop < end]
    return _spans_between(text, start, end, cuts)


def _true_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """End offsets of the sentence-ending punctuation runs in ``text[start:end]``,
    abbreviations ("Mr.", "U.S. officials") left out."""
    end = len(text) if end is None else end
    return [match.end() for match in _BOUNDARY.finditer(text, start, end)
            if match.group(1) != "." or not _is_false_boundary(text, match.end(1), match.end())]


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


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, token)`` for each word or number in ``text[start:end]``."""
    end = len(text) if end is None else end
    for match in TOKEN_PATTERN.finditer(text, start, end):
        yield match.start(), match.end(), match.group()


def is_false_word(text: str, word: str, after: int) -> bool:
    """Whether a period after ``word`` (the letters and dots before it) ends no sentence:
    an abbreviation, an initial, or a dotted acronym followed by a capitalised word that is
    not a usual sentence opener (``after``: the position after the period and closers)."""
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in word and DOTTED.fullmatch(word):  # dotted acronym: U.S / U.K
        nxt = WORD_AFTER.match(text, after)
        return nxt is not None and nxt.group(1).lower() not in SENTENCE_OPENERS
    return False
