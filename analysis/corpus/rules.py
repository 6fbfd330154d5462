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
from functools import lru_cache

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
    if word is None or (len(word) > 6 and word[-2] != "."):  # too long for any rule of _is_false_word
        return False
    return _is_false_word(text, word, after)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph), trimmed of white space."""
    end = len(text) if end is None else end
    cuts = [stop for stop in _true_boundaries(text, start, end) if stop < end]
    return _spans_between(text, start, end, cuts)


def _true_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """End offsets of the sentence-ending punctuation runs in ``text[start:end]``,
    abbreviations ("Mr.", "U.S. officials") left out (the rules as written; the loader
    applies them with ``boundary_stops``)."""
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


#: Characters of text per pass of ``text_spans`` when it splits the texts itself.
PASS_CHARS = 2_000_000


def text_spans(texts: list[str], cp: np.ndarray | None = None, space: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Paragraph rows ``(text, paragraph_id, start, end)`` and sentence rows ``(text,
    paragraph_id, sentence_id, start, end)`` of several texts (``text`` = index into
    ``texts``; ids from 1 and offsets within each text): ``paragraphs_and_sentences`` of
    each, found by ``paragraph_and_sentence_arrays`` over the texts joined by newlines.
    ``cp``/``space`` (``tokenizer.code_points`` of that joined text) are used if given;
    otherwise the texts are split in passes of about ``PASS_CHARS`` characters."""
    if cp is None or space is None:
        from .engine import code_points  # engine imports this module

        pars, sents, first, size = [], [], 0, 0
        for i, text in enumerate(texts + [""]):
            if i == len(texts) or (size and size + len(text) > PASS_CHARS):
                cp, tables = code_points("\n".join(texts[first:i]))
                par, sent = text_spans(texts[first:i], cp, tables["space"])
                pars.append(par + [first, 0, 0, 0])
                sents.append(sent + [first, 0, 0, 0, 0])
                first, size = i, 0
            size += len(text) + 1
        return np.concatenate(pars), np.concatenate(sents)
    joined = "\n".join(texts)
    bases = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    paragraphs, sentences = paragraph_and_sentence_arrays(joined, cp, space)
    p_art = np.searchsorted(bases, paragraphs[:, 0], side="right") - 1
    p_id = np.arange(len(paragraphs)) - np.searchsorted(p_art, p_art, side="left") + 1
    par = np.stack([p_art, p_id, paragraphs[:, 0] - bases[p_art], paragraphs[:, 1] - bases[p_art]],
                   axis=1).astype(np.int64).reshape(-1, 4)
    s_art = p_art[sentences[:, 0]]
    s_id = np.arange(len(sentences)) - np.searchsorted(s_art, s_art, side="left") + 1
    sent = np.stack([s_art, p_id[sentences[:, 0]], s_id, sentences[:, 1] - bases[s_art],
                     sentences[:, 2] - bases[s_art]], axis=1).astype(np.int64).reshape(-1, 5)
    return par, sent


def paragraphs_and_sentences(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """``paragraph_spans(text)`` and ``(paragraph_id, start, end)`` of every sentence,
    paragraphs numbered from 1: the spans of ``sentence_spans`` over each paragraph (by
    ``text_spans``, the loader's way)."""
    par, sent = text_spans([text])
    return [(s, e) for s, e in par[:, 2:].tolist()], [(p, s, e) for p, s, e in sent[:, [1, 3, 4]].tolist()]


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, token)`` for each word or number in ``text[start:end]``."""
    end = len(text) if end is None else end
    for match in TOKEN_PATTERN.finditer(text, start, end):
        yield match.start(), match.end(), match.group()



def _skip(cp: np.ndarray, positions: np.ndarray, table: np.ndarray, step: int = 1,
          limit: np.ndarray | None = None) -> np.ndarray:
    """From each position, move by ``step`` while the character there (``step`` = 1) or
    before it (``step`` = -1, not below ``limit``) is in ``table`` (per code point)."""
    positions = positions.copy()
    active = np.arange(len(positions))
    while active.size:
        here = positions[active] if step > 0 else positions[active] - 1
        keep = table[cp[here]]
        if limit is not None:
            keep &= here >= limit[active]
        active = active[keep]
        positions[active] += step
    return positions


@lru_cache(maxsize=4)
def _class_tables(size: int) -> dict[str, np.ndarray]:
    """Per code point below ``size``: sentence punctuation, closers, openers, ASCII capitals
    and digits, ASCII letters and the period."""
    tables = {}
    for name, chars in (("punct", ".!?"), ("closer", _CLOSERS), ("opener", _OPENERS),
                        ("upper_digit", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), ("letter_dot", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")):
        table = np.zeros(size, dtype=bool)
        table[[ord(c) for c in chars]] = True
        tables[name] = table
    return tables


def boundary_stops(text: str, cp: np.ndarray, space: np.ndarray) -> np.ndarray:
    """``_true_boundaries(text)`` computed with numpy: ``cp`` are the text's code points
    and ``space`` the white-space table per code point (``tokenizer.char_tables``).

    The boundary regex always takes a whole run of ``.!?`` (a shorter run ends at the same
    place and fails alike), so each run is one candidate; its closers, white space, openers
    and the capital or digit after are checked in arrays, and only the word before a lone
    period is looked at in Python."""
    tables = _class_tables(len(space))
    cpp = np.append(cp, np.uint32(0))  # a sentinel in no class
    punct = tables["punct"][cp]
    run_start = np.flatnonzero(punct & ~np.concatenate(([False], punct[:-1])))
    run_end = np.flatnonzero(punct & ~np.concatenate((punct[1:], [False]))) + 1
    stop = _skip(cpp, run_end, tables["closer"])
    ok = space[cpp[stop]]
    after = _skip(cpp, _skip(cpp, stop[ok], space), tables["opener"])
    ok[ok] = tables["upper_digit"][cpp[after]]
    periods = np.flatnonzero(ok & (run_end - run_start == 1) & (cpp[run_start] == ord(".")))
    period_at = run_start[periods]
    word_start = _skip(cpp, period_at, tables["letter_dot"], step=-1, limit=np.maximum(period_at - 39, 0))
    # no rule of _is_false_boundary takes a word over 6 letters unless it is dotted
    # (a dot just before its last letter); a leading dot is stripped, so look at those too
    short = (period_at - word_start <= 6) | (cpp[period_at - 2] == ord(".")) | (cpp[word_start] == ord("."))
    look = np.flatnonzero(short & (word_start < period_at))
    decided: dict[str, bool] = {}
    for index, begin, end, after_stop in zip(periods[look].tolist(), word_start[look].tolist(),
                                            period_at[look].tolist(), stop[periods[look]].tolist()):
        word = text[begin:end]
        false = decided.get(word)
        if false is None:
            stripped = word.lstrip(".")
            false = bool(stripped) and _is_false_word(text, stripped, after_stop)
            if "." not in word:  # only dotted acronyms depend on the next word
                decided[word] = false
        if false:
            ok[index] = False
    return stop[ok]


def _is_false_word(text: str, word: str, after: int) -> bool:
    """``_is_false_boundary`` once the word before the period is known."""
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in word and _DOTTED.fullmatch(word):  # dotted acronym: U.S / U.K
        nxt = _WORD_AFTER.match(text, after)
        return nxt is not None and nxt.group(1).lower() not in SENTENCE_OPENERS
    return False


def paragraph_and_sentence_arrays(text: str, cp: np.ndarray, space: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``paragraphs_and_sentences`` for a long text (several articles joined by newlines),
    in arrays: paragraph ``(start, end)`` rows and sentence ``(paragraph row, start, end)``
    rows, offsets into ``text``.  ``cp``/``space`` as for ``boundary_stops``.

    A paragraph's pieces run from its start or a boundary inside it to the next boundary
    or its end; they are trimmed with the positions of non-space characters."""
    paragraphs = np.array(paragraph_spans(text), dtype=np.int64).reshape(-1, 2)
    p_start, p_end = paragraphs[:, 0], paragraphs[:, 1]
    stops = boundary_stops(text, cp, space).astype(np.int64)
    row = np.searchsorted(p_start, stops, side="right") - 1
    cuts = stops[(row >= 0) & (stops < p_end[np.maximum(row, 0)])]  # a stop at a paragraph's end is its end
    starts = np.sort(np.concatenate((p_start, cuts)), kind="stable")
    ends = np.sort(np.concatenate((cuts, p_end)), kind="stable")
    solid = np.flatnonzero(~space[cp])
    if not len(solid):
        return paragraphs, np.zeros((0, 3), dtype=np.int64)
    first = np.searchsorted(solid, starts)  # first non-space at or after the start
    begin = solid[np.minimum(first, len(solid) - 1)]
    finish = solid[np.maximum(np.searchsorted(solid, ends) - 1, 0)] + 1  # after the last non-space before the end
    keep = (first < len(solid)) & (begin < ends)
    begin, finish = begin[keep], finish[keep]
    sentences = np.stack([np.searchsorted(p_start, begin, side="right") - 1, begin, finish], axis=1)
    return paragraphs, sentences
