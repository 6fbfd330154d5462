"""Paragraphs and sentences of many texts at once, as ``rules.paragraph_spans`` and
``rules.sentence_spans`` define them, in polars queries.

The sentence-boundary look-aheads (white space, opening quotes, a capital or digit; or, with
no space, a capital and a lower-case letter) hold no ``.!?``, so they are consumed in the
partition.  The decisions of ``rules.is_false_boundary`` (the word before a lone period in
its 40-character window, list markers, ellipses, the word or digit after an abbreviation,
acronym or time) are its own regular expressions and word lists, applied in one query to the
few candidates whose word can matter (``_steps``); the rare rest (a lone "I", a bracket after
the punctuation, dots closed by a bracket) is handed to the rule itself, as are the rare texts
that may be hard-wrapped (``rules.is_hard_wrapped``, ``rules.paragraph_spans``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import polars as pl

from . import rules
from .queries import bases, kinds, patterns, pieces, text_frame, word_list


def text_lines(frame: pl.LazyFrame) -> pl.LazyFrame:
    """The non-blank lines of every text, without surrounding white space: ``art``, ``start``
    (offset in the text), ``text``, and ``lower`` (it starts with a lower-case letter)."""
    spaces = patterns()["spaces"]
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


def paragraph_lines(frame: pl.LazyFrame) -> pl.DataFrame:
    """The paragraphs of every text (``rules.paragraph_spans``): ``art``, ``start`` and
    ``text``.  Lines, except in the rare hard-wrapped texts, which ``rules.paragraph_spans``
    itself splits; only texts with a line starting in lower case can be hard-wrapped, so
    only those are asked (``rules.is_hard_wrapped``)."""
    lines = text_lines(frame).collect()
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


def paragraph_rows(lines: pl.DataFrame) -> np.ndarray:
    """Paragraph rows ``(art, paragraph_id, start, end)`` of ``lines``."""
    art = lines["art"].to_numpy().astype(np.int64)
    start = lines["start"].to_numpy()
    end = start + lines.lazy().select(pl.col("text").str.len_chars().cast(pl.Int64)).collect()["text"].to_numpy()
    pid = np.arange(len(art)) - np.searchsorted(art, art) + 1
    return np.stack([art, pid, start, end], axis=1).reshape(-1, 4)


@lru_cache(maxsize=None)
def _steps() -> dict[str, tuple]:
    """The steps of the sentence-boundary queries in ``stops``, each ``("with", {column:
    expression})`` or ``("filter", expression)``, built once (building polars expressions
    costs Python time that would otherwise be spent on every batch)."""
    p = patterns()
    piece, w, last, window = pl.col("piece"), pl.col("word"), pl.col("last"), pl.col("window")
    whole, kind, following = pl.col("whole"), pl.col("kind"), pl.col("following")
    low = (pl.col("offset") - 39).clip(lower_bound=0)
    tight = pl.col("after") == pl.col("stop")
    abbreviation_kinds = kinds()
    return {
        # every run of .!? that may end a sentence: where it stops, where the next starts
        "candidates": (
            # (a run of .!? with nothing after it is no candidate: see queries.patterns)
            ("filter", (pl.col("size") > 1) & piece.str.contains("^[.!?]+[^.!?]")),
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
            ("filter", w.is_null() | w.str.to_lowercase().is_in(word_list("ABBREVIATIONS")) | w.str.contains(p["short"]) | tight),
            ("with", {"whole": w.str.to_lowercase().replace_strict(*abbreviation_kinds, default=0, return_dtype=pl.Int8)}),
        ),
        # a title ("Mr.", whole == 1) ends no sentence whatever follows; the others, each rule
        # of ``rules.is_false_boundary`` and ``rules.is_false_word`` in turn
        "lone": (
            ("filter", whole != 1),
            ("with", {"quick": (tight & ~window.str.contains(p["tight_before"])) | window.str.contains(p["marker"])
                      | (window.str.contains(p["spaced"]) & ~window.str.contains(p["spaced_four"])),
                      "last": pl.when(w.str.contains(".", literal=True) & (whole == 0) & ~w.str.contains(p["dotted"]))
                      .then(w.str.extract("([A-Za-z]*)$", 1)).otherwise(w)}),
            ("with", {"kind": last.str.to_lowercase().replace_strict(*abbreviation_kinds, default=0, return_dtype=pl.Int8),
                      "single": (last.str.len_chars() == 1).fill_null(False),
                      "dotted": last.str.contains(".", literal=True).fill_null(False)}),
            ("with", {"ask": ~pl.col("quick") & (last == "I").fill_null(False)}),
            ("filter", pl.col("quick") | pl.col("ask") | (kind > 0) | pl.col("single") | pl.col("dotted")),
            ("with", {"rest": pl.col("text").str.slice(pl.col("offset") + pl.col("stop"), rules.LOOKAHEAD_CHARS)}),
            ("with", {"following": pl.col("rest").str.extract(p["word_after"], 1).str.to_lowercase(),
                      "digit": pl.col("rest").str.contains(p["digit_after"])}),
            ("with", {"opener": following.is_in(word_list("SENTENCE_OPENERS")).fill_null(False)}),
            ("with", {"false": (pl.col("quick") | (~pl.col("ask") & (
                (kind == 1) | ((kind == 2) & pl.col("digit")) | ((kind == 3) & ~pl.col("opener"))
                | ((kind == 0) & pl.col("dotted") & pl.when(last.str.to_lowercase().is_in(word_list("TIMES")))
                   .then(following.is_in(word_list("TIME_FOLLOWERS")).fill_null(False))
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


#: Paragraphs longer than this (characters) are cut around each candidate boundary in Python
#: (``local_texts``): polars slices strings by characters from their start, so cutting a
#: window at every candidate of a long paragraph would take time quadratic in its length.
LONG_PARAGRAPH = 2_000


def local_texts(texts: pl.Series, length: np.ndarray, row: np.ndarray, offset: np.ndarray, stop: np.ndarray,
                everywhere: bool = False) -> tuple[pl.Series, np.ndarray]:
    """The text each candidate boundary is decided on, and the candidate's offset in it: its
    paragraph (``texts[row]``), or, in a paragraph longer than ``LONG_PARAGRAPH`` (or
    ``everywhere``), only the part the rules look at: from 41 characters before the
    punctuation to ``rules.LOOKAHEAD_CHARS`` after the closers."""
    long = (length[row] > LONG_PARAGRAPH) | everywhere
    text = texts.gather(row)
    if not long.any():
        return text, offset
    low = np.where(long, np.maximum(offset - 41, 0), 0)
    where = np.flatnonzero(long)
    paragraphs = dict(zip(np.unique(row[where]).tolist(), texts.gather(np.unique(row[where])).to_list()))
    end = offset + stop + rules.LOOKAHEAD_CHARS
    parts = [paragraphs[r][a:b] for r, a, b in zip(row[where].tolist(), low[where].tolist(), end[where].tolist())]
    return text.scatter(where, pl.Series(parts, dtype=pl.String)), offset - low


def stops(frame: pl.LazyFrame, lines: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    paragraphs = pl.LazyFrame({"text": texts, "base": bases(length)}).with_row_index("art")
    cand = _run(pieces(paragraphs, patterns()["sentences"]), steps["candidates"])
    row, offset, stop, after, lone, rare = (cand[c].to_numpy() for c in ("row", "offset", "stop", "after", "lone", "rare"))
    inside = offset + stop < length[row]  # not at the paragraph's end
    looked = np.flatnonzero(inside & lone & ~rare)
    text, at = local_texts(texts, length, row[looked], offset[looked], stop[looked])
    words = _run(pl.LazyFrame({"i": looked, "offset": at, "stop": stop[looked], "after": after[looked], "text": text}),
                 steps["words"])
    decided = _run(words.lazy(), steps["lone"])
    dropped = np.zeros(len(row), dtype=bool)
    dropped[words["i"].to_numpy()[words["whole"].to_numpy() == 1]] = True
    i = decided["i"].to_numpy()
    dropped[i[decided["false"].to_numpy()]] = True
    # the rare cases: the rule itself decides, on the part of the paragraph it looks at
    asked = np.concatenate([np.flatnonzero(inside & rare), i[decided["ask"].to_numpy()]])
    if len(asked):
        punct = re.compile(rules.BOUNDARY_PUNCT)
        text, at = local_texts(texts, length, row[asked], offset[asked], stop[asked], everywhere=True)
        for k, part, start in zip(asked.tolist(), text.to_list(), at.tolist()):
            dropped[k] = rules.is_false_boundary(part, start, punct.match(part, start).end(), start + int(stop[k]))
    kept = inside & ~dropped
    row, start = row[kept], lines["start"].to_numpy()[row[kept]] + offset[kept]
    return lines["art"].to_numpy().astype(np.int64)[row], start + stop[kept], start + after[kept]


def sentence_rows(paragraphs: np.ndarray, stops: tuple, n_texts: int, lengths: np.ndarray) -> np.ndarray:
    """Sentence rows: each paragraph cut at the boundaries strictly inside it."""
    at = bases(lengths + 1)
    p_art, p_id, p_start, p_end = paragraphs.T
    g_start, g_end = at[p_art] + p_start, at[p_art] + p_end
    s_art, stop, nxt = stops
    g_stop = at[s_art] + stop
    row = np.searchsorted(g_start, g_stop, side="right") - 1
    inside = (row >= 0) & (g_stop < g_end[np.maximum(row, 0)])
    row, g_stop, g_next = row[inside], g_stop[inside], (at[s_art] + nxt)[inside]
    starts = np.concatenate((g_start, g_next))
    ends = np.concatenate((g_stop, g_end))
    owner = np.concatenate((np.arange(len(g_start)), row))
    order = np.argsort(starts, kind="stable")
    starts, owner = starts[order], owner[order]
    ends = np.sort(ends, kind="stable")
    art = p_art[owner]
    sid = np.arange(len(art)) - np.searchsorted(art, art) + 1
    return np.stack([art, p_id[owner], sid, starts - at[art], ends - at[art]], axis=1).reshape(-1, 5)


def rows(frame: pl.LazyFrame, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paragraph rows ``(art, paragraph_id, start, end)`` and sentence rows ``(art,
    paragraph_id, sentence_id, start, end)`` of the texts in ``frame`` (``text_frame``)."""
    lines = paragraph_lines(frame)
    paragraphs = paragraph_rows(lines)
    return paragraphs, sentence_rows(paragraphs, stops(frame, lines), len(lengths), lengths)


def paragraphs_and_sentences(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` of ``texts`` (no tokens)."""
    return rows(text_frame(texts), np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
