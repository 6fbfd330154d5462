"""Where terms occur: keyword in context and lexical dispersion.

``kwic``: every match of a word, phrase or regular expression, with the text around it.

Matching is on the folded ``norm`` column (see ``corpus.normalize.normalise_token``), so
"Uighur" finds "Uyghur" and "China's" finds "China":

* a word or phrase (``regex=False``) is folded like the corpus and matched with
  ``phrases.find_phrases`` (consecutive tokens of one sentence; punctuation between
  them is ignored);
* a regular expression (``regex=True``) is searched, case-insensitively, in each
  sentence written as its folded tokens joined by single spaces, and must match whole
  tokens: ``r"camps?"`` finds "camp" and "camps" but not "encampment".

Context is the cleaned article text, cut at token boundaries: ``window`` tokens
either side, or ``window="sentence"`` for the rest of the sentence.  Context never
runs into the next or previous sentence.

``dispersion``: where in each article each term occurs.  A term may be a word or a
multi-word phrase; matches come from ``phrases.find_phrases`` (folded, within sentences,
leftmost-longest, no overlaps), so with terms "camps" and "re-education camps" each
occurrence counts once, under the longer term.  Position of a match =
``token_index / (n_tokens - 1)``, where ``token_index`` is the 0-based place of its first
token among the article's tokens (words and numbers) and ``n_tokens`` their count: 0 is
the first token, 1 the last (0 for a one-token article).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .phrases import SPAN_COLUMNS, find_phrases

KWIC_COLUMNS = [*SPAN_COLUMNS, "left", "match", "right"]
DISPERSION_COLUMNS = ["article_id", "term", "phrase", "token_index", "n_tokens", "position", "start", "end"]


def _regex_matches(ordered: pd.DataFrame, pattern: str) -> list[tuple[int, int]]:
    """``(first, last)`` row positions in ``ordered`` of whole-token regex matches."""
    compiled = re.compile(rf"(?<!\S)(?:{pattern})(?!\S)", re.IGNORECASE)
    norm = ordered["norm"].to_numpy(dtype=object)
    sentence = pd.MultiIndex.from_frame(ordered[["article_id", "sentence_id"]]).factorize()[0]
    new_sentence = np.r_[True, sentence[1:] != sentence[:-1]] if len(norm) else np.array([], dtype=bool)
    pieces, starts, cursor = [], [], 0
    for i, word in enumerate(norm):
        if i and new_sentence[i]:
            pieces.append("\n")
            cursor += 1
        elif i:
            pieces.append(" ")
            cursor += 1
        starts.append(cursor)
        pieces.append(word)
        cursor += len(word)
    joined = "".join(pieces)
    starts = np.array(starts, dtype=np.int64)
    found = []
    for match in compiled.finditer(joined):
        if match.end() == match.start() or "\n" in match.group():
            continue  # empty, or spans two sentences
        first = int(np.searchsorted(starts, match.start(), side="right") - 1)
        last = int(np.searchsorted(starts, match.end() - 1, side="right") - 1)
        found.append((first, last))
    return found


def kwic(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
    pattern: str,
    window: int | str = 5,
    regex: bool = False,
) -> pd.DataFrame:
    """One row per match of ``pattern``: where it is and its left/right context.

    ``tokens`` is the corpus tokens frame (a ``source`` column, if present, is kept);
    ``articles`` gives each article's cleaned ``text``.  ``start``/``end`` are the
    match's character offsets in that text; ``match`` is its exact surface text;
    ``left``/``right`` are up to ``window`` tokens (or the rest of the sentence) of
    surrounding text, trimmed of white space.  Ordered by article and position; see
    ``sort_kwic`` to sort by context.
    """
    if not (window == "sentence" or (isinstance(window, int) and window >= 0)):
        raise ValueError('window must be a number of tokens (0 or more) or "sentence"')
    ordered = tokens.sort_values(["article_id", "token_id"], kind="stable").reset_index(drop=True)
    if regex:
        pairs = _regex_matches(ordered, pattern)
    else:
        hits = find_phrases(ordered, pattern)
        position = {key: i for i, key in enumerate(zip(ordered["article_id"], ordered["token_id"]))}
        pairs = [
            (position[(a, f)], position[(a, l)])
            for a, f, l in zip(hits["article_id"], hits["first_token_id"], hits["last_token_id"])
        ]

    texts = dict(zip(articles["article_id"], articles["text"]))
    article = ordered["article_id"].to_numpy(dtype=object)
    sentence = ordered["sentence_id"].to_numpy()
    start = ordered["start"].to_numpy()
    end = ordered["end"].to_numpy()
    same = pd.MultiIndex.from_frame(ordered[["article_id", "sentence_id"]]).factorize()[0]
    # first and last row position of each token's sentence
    s_first = pd.Series(np.arange(len(ordered))).groupby(same).transform("min").to_numpy()
    s_last = pd.Series(np.arange(len(ordered))).groupby(same).transform("max").to_numpy()

    rows = []
    for first, last in pairs:
        text = texts[article[first]]
        if window == "sentence":
            lo, hi = s_first[first], s_last[last]
        else:
            lo, hi = max(s_first[first], first - window), min(s_last[last], last + window)
        left = text[start[lo] : start[first]] if lo < first else ""
        right = text[end[last] : end[hi]] if hi > last else ""
        rows.append(
            {
                "article_id": article[first],
                "sentence_id": sentence[first],
                "first_token_id": ordered["token_id"].iat[first],
                "last_token_id": ordered["token_id"].iat[last],
                "start": start[first],
                "end": end[last],
                "left": left.strip(),
                "match": text[start[first] : end[last]],
                "right": right.strip(),
                **({"source": ordered["source"].iat[first]} if "source" in ordered else {}),
            }
        )
    columns = KWIC_COLUMNS[:1] + (["source"] if "source" in ordered else []) + KWIC_COLUMNS[1:]
    out = pd.DataFrame(rows, columns=columns)
    ints = ["sentence_id", "first_token_id", "last_token_id", "start", "end"]
    out = out.astype({c: "int64" for c in ints} | {c: "str" for c in columns if c not in ints})
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def _context_key(text: str, reverse: bool) -> str:
    words = re.findall(r"\w+(?:[-'’]\w+)*", text.lower())
    return " ".join(reversed(words) if reverse else words)


def sort_kwic(frame: pd.DataFrame, by: str = "right") -> pd.DataFrame:
    """A ``kwic`` frame sorted alphabetically by context, ignoring case and punctuation:
    ``by="right"`` by the words after the match, ``by="left"`` by the words before it
    read outward from the match (nearest word first); ties by article and position."""
    if by not in ("left", "right"):
        raise ValueError('by must be "left" or "right"')
    key = frame[by].map(lambda t: _context_key(t, reverse=(by == "left")))
    order = pd.DataFrame({"key": key, "article_id": frame["article_id"], "start": frame["start"]})
    index = order.sort_values(["key", "article_id", "start"], kind="stable").index
    return frame.loc[index].reset_index(drop=True)


def dispersion(tokens: pd.DataFrame, terms: str | Iterable[str] | Mapping[str, str]) -> pd.DataFrame:
    """One row per occurrence of each term: article, ``term`` (the label when ``terms`` is
    a mapping ``phrase -> label``, else the phrase), the ``phrase`` matched, its 0-based
    ``token_index``, the article's ``n_tokens``, ``position`` in 0-1 and character
    offsets.  A ``source`` column in ``tokens`` is kept.  Articles without any of the
    terms have no rows.  Ordered by article, position, term."""
    ordered = tokens.sort_values(["article_id", "token_id"], kind="stable").reset_index(drop=True)
    index = ordered.groupby("article_id", sort=False).cumcount()
    place = dict(zip(zip(ordered["article_id"], ordered["token_id"]), index))
    sizes = ordered.groupby("article_id", sort=False).size()
    hits = find_phrases(ordered, terms)
    out = pd.DataFrame(
        {
            "article_id": hits["article_id"],
            "term": hits["label"],
            "phrase": hits["phrase"],
            "token_index": [place[k] for k in zip(hits["article_id"], hits["first_token_id"])],
            "n_tokens": hits["article_id"].map(sizes).to_numpy(),
            "start": hits["start"],
            "end": hits["end"],
        }
    )
    out = out.astype({"token_index": "int64", "n_tokens": "int64"})
    span = (out["n_tokens"] - 1).where(out["n_tokens"] > 1, 1)
    out["position"] = out["token_index"] / span
    columns = list(DISPERSION_COLUMNS)
    if "source" in ordered:
        sources = dict(zip(ordered["article_id"], ordered["source"]))
        out["source"] = out["article_id"].map(sources).astype("str")
        columns.insert(1, "source")
    out = out.sort_values(["article_id", "token_index", "term"], kind="stable").reset_index(drop=True)
    return out[columns]
