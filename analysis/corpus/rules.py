"""Split cleaned text into paragraphs, sentences and tokens, keeping character offsets.

Every span is a ``(start, end)`` pair into the text it came from, so that
``text[start:end]`` gives back exactly the paragraph, sentence or token.

Conventions
-----------
* A paragraph is a non-empty line of the cleaned text -- unless the text is *hard-wrapped*
  (``is_hard_wrapped``: more than half of the pairs of adjacent non-blank lines are a line
  ending without ``.!?`` (and closers) followed by a line starting with a lower-case letter,
  not a list item);
  then a paragraph is a run of non-blank lines between blank lines, line breaks kept inside.
* Sentences end at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) followed by
  white space and a capital letter, digit or opening quote, or -- scraped text with no space,
  "Tuesday.Mr. Smith" -- at a single period between two lower-case letters and a capital
  followed by a lower-case letter.  A period is no boundary after
  - a title or other abbreviation that never ends a sentence ("Mr.", "Gen.", "e.g.");
  - an abbreviation of a number ("No.", "p.", "Fig.") when a digit follows;
  - an abbreviation that may end a sentence ("Co.", "Inc.", "etc.", "Dec.", "Jr.") or a
    lower-case letter ("c. 1900", "b. 1950") unless a usual sentence opener ("The", "It",
    "He", "How", "Mr", ...) follows (a word after an apostrophe, "wasn't.", is none of these);
  - a dotted acronym ("U.S.", "U.K.") followed by a capitalised word that is not an opener
    ("U.S. Army"); a time ("6 p.m.") only before a day, month or time zone ("6 p.m. Friday");
  - an initial ("John F. Kennedy"); but "I" is the pronoun, ending a sentence, after a
    lower-case word ("you and I. Did") or before an opener;
  - a list marker: "1.", "a.", "ii.", "1.)" at the start of a paragraph (after a bullet),
    or a number after a colon, semicolon or a sentence ending in a lower-case word;
  - a spaced ellipsis ". . ." (four dots, ". . . .", end the sentence), an ellipsis in
    brackets ("[...]"), or punctuation followed by a citation in brackets and punctuation
    ('"..." (Smith 55).').
  Sentences never cross paragraphs.
  The rules look at most ``LOOKAHEAD_CHARS`` characters past a candidate boundary (for the
  word or digit after it, or a citation in brackets), so that a paragraph full of them
  ("No. 5 No. 5 ...") or a long run of spaces or brackets costs time in proportion to its
  length.
* Tokens are words and numbers; punctuation is not a token.  A word keeps
  internal hyphens and apostrophes ("re-education", "China's"); dotted acronyms
  stay whole ("U.S."); numbers keep thousands separators and decimals ("1,200").
  Combining marks (Unicode category M: Arabic vowel marks, Devanagari vowel signs, accents
  that did not compose) stay inside the word they follow, as do the zero-width (non-)joiners
  of Persian and Indic spelling; a mark that follows no word is no token.
* Scripts written without spaces between words: each Han (Chinese characters, Japanese
  kanji), Hiragana and Katakana character is a token of its own (``CHARACTER_RANGES``), as
  search engines index them (Unicode's word-boundary rules, UAX #29, split ideographs and
  kana one by one): counts of such tokens are counts of characters, not of words.  Thai,
  Lao, Khmer and Myanmar have no such fallback: a clause becomes one token, and the loader
  warns that word counts do not apply (``UNSPACED_SCRIPT``).  A token longer than
  ``MAX_TOKEN_CHARS`` is kept, with a warning: it is no word (a pasted blob, text glued
  together), and charts show at most 60 of its characters.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .charclasses import word_classes


#: Abbreviations (lower case, without the final period) after which a period never ends a
#: sentence: titles before a name, and words always followed by more of the sentence.
TITLES = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev hon pres mt ft
    vs cf e.g i.e approx est dept univ""".split()
)
#: Abbreviations that stand before a number: a period after them ends no sentence when a
#: digit follows ("No. 5", "p. 55"), and does otherwise ("He said no. Then").
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols fig figs p pp art ch sec para op".split())
#: Abbreviations that may end a sentence: the period ends one when a sentence opener follows
#: ("& Co. It closed", "in Dec. The"), not otherwise ("Dec. 5", "Smith Inc. Chief").
TERMINAL_ABBREVIATIONS = frozenset(
    """co corp inc ltd bros etc al jr sr st ave blvd ph.d
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun""".split()
)
ABBREVIATIONS = TITLES | NUMBER_ABBREVIATIONS | TERMINAL_ABBREVIATIONS

#: Words that, capitalised after an abbreviation or a dotted acronym such as "U.S.", signal a
#: new sentence: pronouns, articles, question words, conjunctions, quantifiers, titles.
SENTENCE_OPENERS = frozenset(
    """the a an it he she they we i you in on at but and or so this that these those there
    however meanwhile still yet after before when while if as its his her their our my your
    how what why who whom whose where which now then since although though because both
    several many some most all each every no not one later earlier instead also even only
    mr mrs ms dr prof""".split()
)
#: Dotted times, and the words that continue a sentence after them ("6 p.m. Friday").
TIMES = frozenset(["a.m", "p.m"])
TIME_FOLLOWERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest eastern central
    pacific mountain local""".split()
)

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_BULLETS = "•▪●◦‣*–-"
#: The sentence-boundary rule in parts (the engine consumes the look-ahead, which holds no ``.!?``).
BOUNDARY_PUNCT = r"[.!?]+"
BOUNDARY_CLOSE = rf"[{re.escape(_CLOSERS)}]*"
BOUNDARY_AHEAD = rf"\s+[{re.escape(_OPENERS)}]*[A-Z0-9]"
#: No space after a single period (scraped text): a capital followed by a lower-case letter.
TIGHT_AHEAD = rf"[{re.escape(_OPENERS)}]*[A-Z][a-z]"
BOUNDARY_CANDIDATE = rf"{BOUNDARY_PUNCT}{BOUNDARY_CLOSE}{BOUNDARY_AHEAD}|\.{BOUNDARY_CLOSE}{TIGHT_AHEAD}"
#: (The first alternative is tried only where a run of punctuation starts: inside a run it
#: would fail just the same, and trying it there would take time quadratic in the run.)
_BOUNDARY = re.compile(rf"(?<![.!?])({BOUNDARY_PUNCT}){BOUNDARY_CLOSE}(?={BOUNDARY_AHEAD})"
                       rf"|(\.){BOUNDARY_CLOSE}(?={TIGHT_AHEAD})")
#: Characters past a candidate boundary in which the word or digit after it, or a citation
#: in brackets, is looked for.
LOOKAHEAD_CHARS = 200
#: The word before a period, the dotted-acronym shape, and the word (or digit) after it.
#: (not after an apostrophe: "wasn't.", "Bangladesh's." end sentences)
WORD_BEFORE = re.compile(r"(?:^|[^'’A-Za-z.])([A-Za-z][A-Za-z.]*)\.$")
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
WORD_AFTER = re.compile(rf"\s*[{re.escape(_OPENERS)}]*([A-Za-z]+)")
DIGIT_AFTER = re.compile(rf"\s*[{re.escape(_OPENERS)}]*[0-9]")
#: On the 40 characters up to a lone period: no space after it needs two lower-case letters
#: before it; a list marker; a spaced ellipsis (three dots, not four).
TIGHT_BEFORE = re.compile(r"[a-z]{2}\.$")
LIST_MARKER = re.compile(
    rf"(?:^[{re.escape(_BULLETS)}]?\s*(?:[0-9]{{1,3}}|[A-Za-z]|[ivxIVX]{{1,4}})|(?:[:;]|[a-z]{{3}}[.!?])\s+[0-9]{{1,3}})\.$")
#: Dots closed by a bracket: with an opening bracket before them, an ellipsis ("[...]").
BRACKETED_ELLIPSIS = re.compile(r"\.\.+[)\]]")
SPACED_ELLIPSIS = re.compile(r"\.\s\.\s\.$")
SPACED_FOUR = re.compile(r"\.\s\.\s\.\s\.$")
#: A citation in brackets after the punctuation, itself followed by punctuation: '"..." (Smith 55).'
CITATION = re.compile(r"\s+\([^()]*\)[.!?,;:]")
#: The word before a lone "I" (the pronoun after a lower-case word: "you and I.").
PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
#: A line that ends a sentence, one that starts in lower case, and a list item ("b. ...", "ii) ...").
LINE_END = re.compile(rf"[.!?][{re.escape(_CLOSERS)}]*$")
LINE_LOWER = re.compile(r"[a-z]")
LATER_LINE_LOWER = re.compile(r"\n\s*[a-z]")
LINE_ITEM = re.compile(r"[a-z]{1,4}[.)](?:\s|$)")

#: Scripts whose characters are tokens one by one (Han, Hiragana, Katakana): code point ranges.
CHARACTER_RANGES = (
    (0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B),  # iteration mark, ideographic numbers
    (0x3041, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F), (0x1B000, 0x1B16F),  # kana
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF),  # Han
)
#: Thai, Lao, Myanmar and Khmer: written without spaces between words, and with no
#: per-character fallback; a token holding one of these is a clause, not a word.
UNSPACED_SCRIPT = re.compile("[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u19E0-\u19FF\uA9E0-\uA9FF\uAA60-\uAA7F]")
#: A token longer than this is no word; it is kept, and the loader warns.
MAX_TOKEN_CHARS = 100
#: Joiners inside a word: hyphens, apostrophes, zero-width non-joiner and joiner.
JOINERS = "-'’\u200c\u200d"


WORD_START, WORD_PART, CHARACTER = word_classes(CHARACTER_RANGES)

#: Tokens: dotted acronyms (U.S., U.K.), numbers with separators (1,200  3.5), words with
#: internal hyphens/apostrophes/joiners and combining marks, single Han or kana characters --
#: tried in this order (the first alternative that matches wins).  Every token starts with a
#: character of Python's ``\w``, and every such character starts one.
TOKEN_REGEX = "|".join([
    r"(?:[A-Za-z]\.){2,}",
    r"\d+(?:[.,]\d+)+",
    rf"{WORD_START}{WORD_PART}*(?:[{JOINERS}]{WORD_START}{WORD_PART}*)*",
    CHARACTER,
])
TOKEN_PATTERN = re.compile(TOKEN_REGEX)


def is_hard_wrapped(text: str) -> bool:
    """Whether ``text`` is hard-wrapped (saved from a PDF or an e-mail, sentences broken across
    lines): of the pairs of adjacent non-blank lines, more than half are a line that ends
    without ``.!?`` (and closers) followed by one that starts with a lower-case letter and is
    not a list item ("b. ...", "ii) ...")."""
    if LATER_LINE_LOWER.search(text) is None:  # (no line after the first starts in lower case)
        return False
    pairs = wrapped = 0
    previous = ""
    for line in text.split("\n"):
        line = line.strip()
        if previous and line:
            pairs += 1
            wrapped += (not LINE_END.search(previous) and LINE_LOWER.match(line) is not None
                        and LINE_ITEM.match(line) is None)
        previous = line
    return 2 * wrapped > pairs


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: its non-empty lines, or in a hard-wrapped text
    (``is_hard_wrapped``) its runs of non-blank lines; leading/trailing blanks excluded."""
    spans, pos = [], 0
    for line in text.split("\n"):
        size = len(line)
        if size and not line[0].isspace() and not line[-1].isspace():  # already trimmed
            spans.append((pos, pos + size))
        elif stripped := line.strip():
            start = pos + size - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        pos += size + 1
    if len(spans) > 1 and is_hard_wrapped(text):
        blocks = [list(spans[0])]
        for s, e in spans[1:]:
            if text.count("\n", blocks[-1][1], s) > 1:  # a blank line between: a new paragraph
                blocks.append([s, e])
            else:
                blocks[-1][1] = e
        spans = [(s, e) for s, e in blocks]
    return spans


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph), trimmed of white space."""
    end = len(text) if end is None else end
    cuts = [start + stop for stop in _true_boundaries(text[start:end]) if start + stop < end]
    return _spans_between(text, start, end, cuts)


def _true_boundaries(paragraph: str) -> list[int]:
    """End offsets of the sentence-ending punctuation runs (and closers) in ``paragraph``,
    abbreviations ("Mr.", "U.S. officials"), list markers and the like left out."""
    out = []
    for match in _BOUNDARY.finditer(paragraph):
        punct = 1 if match.group(1) is not None else 2
        if not is_false_boundary(paragraph, match.start(punct), match.end(punct), match.end()):
            out.append(match.end())
    return out


def is_false_boundary(paragraph: str, punct_start: int, punct_end: int, close_end: int) -> bool:
    """Whether the candidate boundary in ``paragraph`` whose punctuation run is
    ``paragraph[punct_start:punct_end]`` (closers up to ``close_end``) ends no sentence."""
    if CITATION.match(paragraph, close_end, close_end + LOOKAHEAD_CHARS):
        return True
    if paragraph[punct_start:punct_end] != ".":  # "!", "?!", "...": only an ellipsis in brackets
        return (BRACKETED_ELLIPSIS.match(paragraph, punct_start, punct_end + 1) is not None and punct_start > 0
                and paragraph[punct_start - 1] in "[(")
    window = paragraph[max(0, punct_end - 40):punct_end]
    if not paragraph[close_end].isspace() and not TIGHT_BEFORE.search(window):
        return True  # no space after the period, and not a word's end: "U.S.Trade", "3.Four"
    if LIST_MARKER.search(window):
        return True
    if SPACED_ELLIPSIS.search(window) and not SPACED_FOUR.search(window):
        return True
    word = WORD_BEFORE.search(window)
    return word is not None and is_false_word(paragraph, word.group(1), punct_start, close_end)


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


def is_false_word(text: str, word: str, period: int, after: int) -> bool:
    """Whether a period (at ``period``) after ``word`` (the letters and dots before it) ends no
    sentence: an abbreviation, an initial, a list letter, or a dotted acronym followed by a
    capitalised word that is not a usual sentence opener (``after``: the position after the
    period and closers, where the next word is looked for)."""
    if "." in word and word.lower() not in ABBREVIATIONS and not DOTTED.fullmatch(word):
        word = word.rsplit(".", 1)[1]  # "Tuesday.Mr": the word after the last period
    low = word.lower()
    nxt = WORD_AFTER.match(text, after, after + LOOKAHEAD_CHARS)
    following = nxt.group(1).lower() if nxt else None
    opener = following in SENTENCE_OPENERS
    if low in TITLES:
        return True
    if low in NUMBER_ABBREVIATIONS:
        return DIGIT_AFTER.match(text, after, after + LOOKAHEAD_CHARS) is not None
    if low in TERMINAL_ABBREVIATIONS:
        return not opener
    if "." in word:  # a dotted acronym ("U.S") or time ("p.m")
        if low in TIMES:
            return following in TIME_FOLLOWERS
        return following is not None and not opener
    if len(word) == 1:
        if word == "I":  # the pronoun after a lower-case word or before an opener
            before = PREVIOUS_WORD.search(text, max(0, period - 41), period - 1)
            return not (opener or (before is not None and before.group(1).islower()))
        return word.isupper() or not opener  # an initial; "p. 55", "c. 1900"
    return False
