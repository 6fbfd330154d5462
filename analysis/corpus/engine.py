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
* The sentence-boundary look-aheads (white space, opening quotes, a capital or digit; or,
  with no space, a capital and a lower-case letter) hold no ``.!?``, so they are consumed in
  the partition.  The decisions of ``rules.is_false_boundary`` (the word before a lone
  period in its 40-character window, list markers, ellipses, the word or digit after an
  abbreviation, acronym or time) are its own regular expressions and word lists, applied
  in one query to the few candidates whose word can matter (``_steps``); the rare rest (a
  lone "I", a bracket after the punctuation, dots closed by a bracket) is handed to the
  rule itself, as are the rare texts that may be hard-wrapped (``rules.is_hard_wrapped``,
  ``rules.paragraph_spans``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
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
        "sentences": rust_pattern(f"(?:{rules.BOUNDARY_CANDIDATE})|[^.!?]+|[.!?]"),
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
        "spaces": "".join(chr(c) for c in range(0x110000) if chr(c).isspace() and c != 10),
    }


@lru_cache(maxsize=None)
def _words(name: str) -> list[str]:
    """The word list ``rules.<name>``, sorted (built once)."""
    return sorted(getattr(rules, name))


@lru_cache(maxsize=None)
def _kinds() -> tuple[pl.Series, pl.Series]:
    """Each abbreviation and its kind: 1 a title (never ends a sentence), 2 before a number,
    3 may end a sentence (``rules.TITLES``, ``NUMBER_ABBREVIATIONS``, ``TERMINAL_ABBREVIATIONS``)."""
    kinds = {**{w: 1 for w in rules.TITLES}, **{w: 2 for w in rules.NUMBER_ABBREVIATIONS},
             **{w: 3 for w in rules.TERMINAL_ABBREVIATIONS}}
    return pl.Series(list(kinds), dtype=pl.String), pl.Series(list(kinds.values()), dtype=pl.Int8)


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


def _frame(texts: list[str]) -> pl.LazyFrame:
    """The texts with their index (``art``) and the offset of their start (``base``) in the
    texts laid end to end.  Every query below runs lazily: collecting releases the GIL, so
    batches split on threads overlap the Python work of reading the next files."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return pl.LazyFrame({"text": pl.Series(texts, dtype=pl.String), "base": _bases(lengths)}).with_row_index("art")


def _pieces(frame: pl.LazyFrame, pattern: str) -> pl.LazyFrame:
    """Every match of ``pattern`` with its text (``art``) and its offset in it (``offset``).
    ``pattern`` must partition the texts (its matches cover every character, in order), so
    the running sum of the pieces' lengths gives each one's offset."""
    size = pl.col("piece").str.len_chars().cast(pl.Int64)
    return (frame.select("art", "base", piece=pl.col("text").str.extract_all(pattern))
            .explode("piece")
            .with_columns(size=size)
            .with_columns(offset=pl.col("size").cum_sum() - pl.col("size") - pl.col("base")))


def _lines(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The non-blank lines of every text, without surrounding white space: ``art``, ``start``
    (offset in the text), ``text``, and ``lower`` (it starts with a lower-case letter)."""
    spaces = _patterns()["spaces"]
    line = pl.col("line")
    size = pl.col("size")
    return (frame.select("art", "base", line=pl.col("text").str.split("\n"))
            .explode("line")
            .with_columns(size=line.str.len_chars().cast(pl.Int64) + 1)
            .with_columns(stripped=line.str.strip_chars(spaces))
            .select("art",
                    start=size.cum_sum() - size - pl.col("base") - pl.col("art").cast(pl.Int64)
                    + size - 1 - line.str.strip_chars_start(spaces).str.len_chars().cast(pl.Int64),
                    text="stripped",  # lower: starts with [a-z] (rules.LINE_LOWER), compared as strings
                    lower=(pl.col("stripped") >= "a") & (pl.col("stripped") < "{"))
            .filter(pl.col("text") != ""))


def _paragraph_lines(frame: pl.LazyFrame) -> pl.DataFrame:
    """The paragraphs of every text (``rules.paragraph_spans``): ``art``, ``start`` and
    ``text``.  Lines, except in the rare hard-wrapped texts, which ``rules.paragraph_spans``
    itself splits; only texts with a line starting in lower case can be hard-wrapped, so
    only those are asked (``rules.is_hard_wrapped``)."""
    lines = _lines(frame).collect()
    lower = lines["art"].filter(lines["lower"]).unique()
    if not len(lower):
        return lines
    suspects = frame.filter(pl.col("art").is_in(lower.implode())).select("art", "text").collect()
    wrapped = [(art, text) for art, text in suspects.iter_rows() if rules.is_hard_wrapped(text)]
    if not wrapped:
        return lines
    blocks = [(art, start, text[start:end]) for art, text in wrapped for start, end in rules.paragraph_spans(text)]
    schema = {"art": lines.schema["art"], "start": lines.schema["start"], "text": pl.String}
    return (pl.concat([lines.filter(~pl.col("art").is_in([art for art, _ in wrapped])).select("art", "start", "text"),
                       pl.DataFrame(blocks, schema=schema, orient="row")])
            .sort("art", "start"))


def _paragraphs(lines: pl.DataFrame) -> np.ndarray:
    """Paragraph rows ``(art, paragraph_id, start, end)`` of ``_lines``."""
    art = lines["art"].to_numpy().astype(np.int64)
    start = lines["start"].to_numpy()
    end = start + lines.lazy().select(pl.col("text").str.len_chars().cast(pl.Int64)).collect()["text"].to_numpy()
    pid = np.arange(len(art)) - np.searchsorted(art, art) + 1
    return np.stack([art, pid, start, end], axis=1).reshape(-1, 4)


@lru_cache(maxsize=None)
def _steps() -> dict[str, tuple]:
    """The steps of the sentence-boundary queries in ``_stops``, each ``("with", {column:
    expression})`` or ``("filter", expression)``, built once (building polars expressions
    costs Python time that would otherwise be spent on every batch)."""
    p = _patterns()
    piece, w, last, window = pl.col("piece"), pl.col("word"), pl.col("last"), pl.col("window")
    whole, kind, following = pl.col("whole"), pl.col("kind"), pl.col("following")
    low = (pl.col("offset") - 39).clip(lower_bound=0)
    tight = pl.col("after") == pl.col("stop")
    kinds = _kinds()
    return {
        # every run of .!? that may end a sentence: where it stops, where the next starts
        "candidates": (
            ("filter", (pl.col("size") > 1) & piece.str.contains("^[.!?]")),
            ("select", {"row": pl.col("art"), "offset": pl.col("offset"), "lone": piece.str.contains(r"^\.[^.!?]"),
                        "stop": piece.str.extract(p["stop"], 0).str.len_chars().cast(pl.Int64),
                        "after": piece.str.extract(p["after"], 0).str.len_chars().cast(pl.Int64),
                        "rare": piece.str.contains(p["rare"])}),
        ),
        # a lone period: the rule's own window of 40 characters before it, the word there;
        # most words ("said.") decide nothing: only no word (a number, an ellipsis), an
        # abbreviation, a letter, a roman numeral, dots, or no space after go on
        "words": (
            ("with", {"window": pl.col("text").str.slice(low, pl.col("offset") + 1 - low)}),
            ("with", {"word": window.str.extract(p["word_before"], 1)}),
            ("filter", w.is_null() | w.str.to_lowercase().is_in(_words("ABBREVIATIONS")) | w.str.contains(p["short"]) | tight),
            ("with", {"whole": w.str.to_lowercase().replace_strict(*kinds, default=0, return_dtype=pl.Int8)}),
        ),
        # a title ("Mr.", whole == 1) ends no sentence whatever follows; the others, each rule
        # of ``rules.is_false_boundary`` and ``rules.is_false_word`` in turn
        "lone": (
            ("filter", whole != 1),
            ("with", {"quick": (tight & ~window.str.contains(p["tight_before"])) | window.str.contains(p["marker"])
                      | (window.str.contains(p["spaced"]) & ~window.str.contains(p["spaced_four"])),
                      "last": pl.when(w.str.contains(".", literal=True) & (whole == 0) & ~w.str.contains(p["dotted"]))
                      .then(w.str.extract("([A-Za-z]*)$", 1)).otherwise(w)}),
            ("with", {"kind": last.str.to_lowercase().replace_strict(*kinds, default=0, return_dtype=pl.Int8),
                      "single": (last.str.len_chars() == 1).fill_null(False),
                      "dotted": last.str.contains(".", literal=True).fill_null(False)}),
            ("with", {"ask": ~pl.col("quick") & (last == "I").fill_null(False)}),
            ("filter", pl.col("quick") | pl.col("ask") | (kind > 0) | pl.col("single") | pl.col("dotted")),
            ("with", {"rest": pl.col("text").str.slice(pl.col("offset") + pl.col("stop"))}),
            ("with", {"following": pl.col("rest").str.extract(p["word_after"], 1).str.to_lowercase(),
                      "digit": pl.col("rest").str.contains(p["digit_after"])}),
            ("with", {"opener": following.is_in(_words("SENTENCE_OPENERS")).fill_null(False)}),
            ("with", {"false": (pl.col("quick") | (~pl.col("ask") & (
                (kind == 1) | ((kind == 2) & pl.col("digit")) | ((kind == 3) & ~pl.col("opener"))
                | ((kind == 0) & pl.col("dotted") & pl.when(last.str.to_lowercase().is_in(_words("TIMES")))
                   .then(following.is_in(_words("TIME_FOLLOWERS")).fill_null(False))
                   .otherwise(following.is_not_null() & ~pl.col("opener")))
                | ((kind == 0) & ~pl.col("dotted") & pl.col("single") & (last.str.contains("^[A-Z]$") | ~pl.col("opener")))))
                       ).fill_null(False)}),
            ("select", {c: pl.col(c) for c in ("i", "false", "ask")}),
        ),
    }


def _run(query: pl.LazyFrame, steps: tuple) -> pl.DataFrame:
    for how, what in steps:
        query = query.filter(what) if how == "filter" else getattr(query, "with_columns" if how == "with" else how)(**what)
    return query.collect()


def _stops(frame: pl.LazyFrame, lines: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(art, stop, next_start)`` of the sentence boundaries inside paragraphs: where a
    sentence ends (after the punctuation and closers) and the next starts (after the spaces).
    A boundary at a paragraph's end is none (sentences never cross paragraphs), so each
    paragraph is searched alone and short windows are cut from it cheaply.  The common
    cases of ``rules.is_false_boundary`` are decided here by its own regular expressions and
    word lists (``_steps``); the rare ones ("I", a bracket after the punctuation, a bracketed
    ellipsis) are asked of it."""
    steps = _steps()
    texts = lines["text"]
    length = texts.str.len_chars().cast(pl.Int64).to_numpy()
    paragraphs = pl.LazyFrame({"text": texts, "base": _bases(length)}).with_row_index("art")
    cand = _run(_pieces(paragraphs, _patterns()["sentences"]), steps["candidates"])
    row, offset, stop, after, lone, rare = (cand[c].to_numpy() for c in ("row", "offset", "stop", "after", "lone", "rare"))
    inside = offset + stop < length[row]  # not at the paragraph's end
    looked = np.flatnonzero(inside & lone & ~rare)
    words = _run(pl.LazyFrame({"i": looked, "offset": offset[looked], "stop": stop[looked], "after": after[looked],
                               "text": texts.gather(row[looked])}), steps["words"])
    decided = _run(words.lazy(), steps["lone"])
    dropped = np.zeros(len(row), dtype=bool)
    dropped[words["i"].to_numpy()[words["whole"].to_numpy() == 1]] = True
    i = decided["i"].to_numpy()
    dropped[i[decided["false"].to_numpy()]] = True
    # the rare cases: the rule itself decides, on the paragraph
    asked = np.concatenate([np.flatnonzero(inside & rare), i[decided["ask"].to_numpy()]])
    if len(asked):
        punct = re.compile(rules.BOUNDARY_PUNCT)
        for k, text in zip(asked.tolist(), texts.gather(row[asked]).to_list()):
            at = int(offset[k])
            dropped[k] = rules.is_false_boundary(text, at, punct.match(text, at).end(), at + int(stop[k]))
    kept = inside & ~dropped
    row, start = row[kept], lines["start"].to_numpy()[row[kept]] + offset[kept]
    return lines["art"].to_numpy().astype(np.int64)[row], start + stop[kept], start + after[kept]


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


def _tokens(frame: pl.LazyFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(art, start, end, code, vocabulary)`` of every token (``rules.TOKEN_PATTERN``):
    ``code`` into ``vocabulary``, the distinct tokens sorted (Python string order)."""
    p = _patterns()
    tokens = (_pieces(frame, p["pieces"])
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
    frame = _frame(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    lines = _paragraph_lines(frame)
    paragraphs = _paragraphs(lines)
    sentences = _sentences(paragraphs, _stops(frame, lines), len(texts), lengths)
    art, start, end, code, vocabulary = _tokens(frame)
    bases = _bases(lengths + 1)  # texts laid end to end with a separator: global positions
    sentence = np.searchsorted(bases[sentences[:, 0]] + sentences[:, 3], bases[art] + start, side="right") - 1
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


def paragraphs_and_sentences(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Only the paragraph rows ``(art, paragraph_id, start, end)`` and sentence rows ``(art,
    paragraph_id, sentence_id, start, end)`` of ``texts`` (no tokens)."""
    frame = _frame(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    lines = _paragraph_lines(frame)
    paragraphs = _paragraphs(lines)
    return paragraphs, _sentences(paragraphs, _stops(frame, lines), len(texts), lengths)


def split_texts(texts: list[str]) -> Split:
    """Paragraphs, sentences and tokens of ``texts`` (see ``Split``)."""
    return join([(0, split_batch(texts))])
