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

from .phrases import SPAN_COLUMNS, at_rows, in_text_order, match_rows

KWIC_COLUMNS = [*SPAN_COLUMNS, "left", "match", "right"]
DISPERSION_COLUMNS = ["article_id", "term", "phrase", "token_index", "n_tokens", "position", "start", "end"]


def _sentence_bounds(ordered: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``ordered``: the first and the last row of its sentence."""
    from .codes import codes

    article, _ = codes(ordered["article_id"])
    sentence = ordered["sentence_id"].to_numpy()
    n = len(ordered)
    new = np.r_[True, (article[1:] != article[:-1]) | (sentence[1:] != sentence[:-1])] if n else np.zeros(0, bool)
    starts = np.flatnonzero(new)
    sizes = np.diff(np.r_[starts, n])
    first = np.repeat(starts, sizes)
    return first, first + np.repeat(sizes, sizes) - 1


def _regex_matches(ordered: pd.DataFrame, pattern: str) -> tuple[np.ndarray, np.ndarray]:
    """``(first, last)`` row positions in ``ordered`` of whole-token regex matches: the
    pattern is searched in the folded tokens joined by spaces, sentences by newlines."""
    from .codes import codes

    compiled = re.compile(rf"(?<!\S)(?:{pattern})(?!\S)", re.IGNORECASE)
    word, vocabulary = codes(ordered["norm"])
    n = len(word)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    spelled = np.asarray(vocabulary, dtype=object)[word]
    s_first, _ = _sentence_bounds(ordered)
    gaps = np.where(s_first == np.arange(n), "\n", " ").astype(object)
    gaps[0] = ""
    pieces = np.empty(2 * n, dtype=object)
    pieces[0::2], pieces[1::2] = gaps, spelled
    lengths = vocabulary.str.len().to_numpy(dtype=np.int64)[word]
    starts = np.cumsum(lengths + 1) - lengths - 1  # one separator before every word but the first
    joined = "".join(pieces.tolist())
    spans = [m.span() for m in compiled.finditer(joined) if m.end() > m.start() and "\n" not in m.group()]
    if not spans:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    begin, finish = np.array(spans, dtype=np.int64).T
    first = np.searchsorted(starts, begin, side="right") - 1
    last = np.searchsorted(starts, finish - 1, side="right") - 1
    return first, last


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
    ``sort_kwic`` to sort by context.  Linear in the tokens plus the matches.
    """
    if not (window == "sentence" or (isinstance(window, int) and window >= 0)):
        raise ValueError('window must be a number of tokens (0 or more) or "sentence"')
    ordered = in_text_order(tokens)
    if regex:
        first, last = _regex_matches(ordered, pattern)
    else:
        first, last, _, _ = match_rows(ordered, pattern)
    s_first, s_last = _sentence_bounds(ordered)
    if window == "sentence":
        lo, hi = s_first[first], s_last[last]
    else:
        lo, hi = np.maximum(s_first[first], first - window), np.minimum(s_last[last], last + window)
    texts = dict(zip(articles["article_id"], articles["text"]))
    article = at_rows(ordered["article_id"], first)
    start, end = ordered["start"].to_numpy(), ordered["end"].to_numpy()
    lefts, matches, rights = [], [], []
    for a, f, l, low, high in zip(article, first, last, lo, hi):
        text = texts[a]
        lefts.append(text[start[low] : start[f]].strip() if low < f else "")
        matches.append(text[start[f] : end[l]])
        rights.append(text[end[l] : end[high]].strip() if high > l else "")
    columns = KWIC_COLUMNS[:1] + (["source"] if "source" in ordered else []) + KWIC_COLUMNS[1:]
    out = pd.DataFrame(
        {
            "article_id": pd.Series(article, dtype="str"),
            "sentence_id": ordered["sentence_id"].to_numpy()[first],
            "first_token_id": ordered["token_id"].to_numpy()[first],
            "last_token_id": ordered["token_id"].to_numpy()[last],
            "start": start[first],
            "end": end[last],
            "left": pd.Series(lefts, dtype="str"),
            "match": pd.Series(matches, dtype="str"),
            "right": pd.Series(rights, dtype="str"),
        }
    )
    if "source" in ordered:
        out["source"] = pd.Series(at_rows(ordered["source"], first), dtype="str")
    out = out.astype({c: "int64" for c in ["sentence_id", "first_token_id", "last_token_id", "start", "end"]})
    return out[columns].sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


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
    from .codes import codes

    ordered = in_text_order(tokens)
    first, last, phrase, label = match_rows(ordered, terms)
    article, _ = codes(ordered["article_id"])
    n = len(article)
    starts = np.flatnonzero(np.r_[True, article[1:] != article[:-1]]) if n else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[starts, n])
    out = pd.DataFrame(
        {
            "article_id": pd.Series(at_rows(ordered["article_id"], first), dtype="str"),
            "term": pd.Series(label, dtype="str"),
            "phrase": pd.Series(phrase, dtype="str"),
            "token_index": (first - np.repeat(starts, sizes)[first]).astype("int64"),
            "n_tokens": np.repeat(sizes, sizes)[first].astype("int64"),
            "start": ordered["start"].to_numpy()[first].astype("int64"),
            "end": ordered["end"].to_numpy()[last].astype("int64"),
        }
    )
    span = (out["n_tokens"] - 1).where(out["n_tokens"] > 1, 1)
    out["position"] = out["token_index"] / span
    columns = list(DISPERSION_COLUMNS)
    if "source" in ordered:
        out["source"] = pd.Series(at_rows(ordered["source"], first), dtype="str")
        columns.insert(1, "source")
    out = out.sort_values(["article_id", "token_index", "term"], kind="stable").reset_index(drop=True)
    return out[columns]


#: Thirds of an article for ``dispersion_summary``: position in [0, 1/3), [1/3, 2/3), [2/3, 1].
THIRDS = ["first", "middle", "last"]


def dispersion_summary(disp: pd.DataFrame, by: str | list[str] | None = "source") -> pd.DataFrame:
    """Where in the articles each term falls, per group of a ``dispersion`` frame: one row
    per (group, term) with ``n`` (occurrences), ``articles`` (articles using it) and
    ``share_first`` / ``share_middle`` / ``share_last``, the fractions of its occurrences
    whose position is in the first, middle and last third of their article (they sum
    to 1).  ``by=None``: the whole corpus.  Sorted by group, then term."""
    columns = [] if by is None else ([by] if isinstance(by, str) else list(by))
    third = np.minimum((disp["position"].to_numpy(dtype=float) * 3).astype(np.int64), 2)
    frame = disp[columns + ["term", "article_id"]].assign(
        **{f"share_{name}": (third == i).astype(float) for i, name in enumerate(THIRDS)}
    )
    keys = columns + ["term"]
    out = frame.groupby(keys, sort=True).agg(
        n=("term", "size"), articles=("article_id", "nunique"),
        **{f"share_{name}": (f"share_{name}", "mean") for name in THIRDS},
    ).reset_index()
    return out.astype({"n": "int64", "articles": "int64"})


def choose_articles(disp: pd.DataFrame, sources: list[str], k: int = 4) -> list[str]:
    """A bounded, deterministic choice of articles to draw one by one: for each of the
    first ``k`` of ``sources`` (give them largest first), its article with the most
    occurrences in ``disp`` (ties: the smallest article id).  Sources without any
    occurrence are skipped."""
    counts = disp.groupby(["source", "article_id"], sort=True).size().rename("n").reset_index()
    counts = counts.sort_values(["source", "n", "article_id"], ascending=[True, False, True], kind="stable")
    best = counts.drop_duplicates("source").set_index("source")["article_id"]
    return [best[s] for s in sources[:k] if s in best.index]
