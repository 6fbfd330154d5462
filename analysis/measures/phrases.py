"""Find words and multi-word phrases in the tokens frame, on the folded ``norm`` form.

A phrase such as ``"re-education camps"`` is tokenised like the articles (see
``corpus.rules.iter_tokens``) and each word folded with ``corpus.normalize.normalise_token``, so
``"Uighur camps"`` finds "Uyghur camps" and ``"China's"`` finds "China".

Matching rules
--------------
* A match is a run of consecutive tokens inside one sentence (never across a
  sentence boundary).  Punctuation is not a token, so "“re-education” camps"
  matches ``"re-education camps"``.
* Leftmost-longest, non-overlapping: scanning each sentence left to right, the
  longest phrase that starts at the current token wins and the scan resumes after
  it.  A "re-education camps" match is therefore never also a bare "camps" match.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..config import PER_THOUSAND
from ..corpus.normalize import normalise_token
from ..corpus.rules import iter_tokens

#: Where a match of one or more tokens lies (shared by phrase matches and KWIC lines).
SPAN_COLUMNS = ["article_id", "sentence_id", "first_token_id", "last_token_id", "start", "end"]
PHRASE_COLUMNS = [*SPAN_COLUMNS, "phrase", "label", "matched"]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The folded tokens of ``phrase``: ``"Re-education Camps"`` -> ``("re-education", "camps")``."""
    words = tuple(normalise_token(token.lower()) for _, _, token in iter_tokens(phrase))
    if not words:
        raise ValueError(f"phrase {phrase!r} holds no word or number to match")
    return words


def _phrase_table(phrases: str | Iterable[str] | Mapping[str, str]) -> dict[tuple[str, ...], tuple[str, str]]:
    """``{folded tokens: (phrase, label)}``; two phrases that fold alike must share a label."""
    if isinstance(phrases, str):
        phrases = [phrases]
    pairs = list(phrases.items()) if isinstance(phrases, Mapping) else [(p, p) for p in phrases]
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for phrase, label in pairs:
        key = phrase_tokens(phrase)
        if key in table and table[key][1] != label:
            raise ValueError(
                f"phrases {table[key][0]!r} and {phrase!r} fold to the same words "
                f"({' '.join(key)}) but have different labels"
            )
        table.setdefault(key, (phrase, label))
    return table


def in_text_order(tokens: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` in (article_id, token_id) order with a fresh 0..n-1 index; the frame
    is not sorted again when it already is (as ``load_corpus`` makes it)."""
    from .codes import codes  # codes imports nothing from here

    article, _ = codes(tokens["article_id"])
    token = tokens["token_id"].to_numpy()
    ordered = bool(
        np.all((article[1:] > article[:-1]) | ((article[1:] == article[:-1]) & (token[1:] > token[:-1])))
    )
    if ordered:
        return tokens if isinstance(tokens.index, pd.RangeIndex) and tokens.index.start == 0 and tokens.index.step == 1 \
            else tokens.reset_index(drop=True)
    return tokens.sort_values(["article_id", "token_id"], kind="stable").reset_index(drop=True)


def at_rows(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """``column``'s values at row positions ``rows``, as plain values (a categorical or
    Arrow column is cut before it is converted, not converted whole)."""
    taken = column.iloc[rows]
    if isinstance(taken.dtype, pd.CategoricalDtype):
        taken = taken.astype(taken.cat.categories.dtype)
    return taken.to_numpy(dtype=object)


def match_rows(ordered: pd.DataFrame, phrases: str | Iterable[str] | Mapping[str, str]):
    """The matches of ``phrases`` in ``ordered`` (an ``in_text_order`` frame) as row
    positions: ``(first, last, phrase, label)``, arrays in text order."""
    table = _phrase_table(phrases)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(table, key=lambda k: (-len(k), k)):  # longest first
        by_first.setdefault(key[0], []).append(key)
    from .codes import codes

    word, vocabulary = codes(ordered["norm"])
    article, _ = codes(ordered["article_id"])
    sentence = ordered["sentence_id"].to_numpy()
    code_of = {w: i for w, i in zip(vocabulary, range(len(vocabulary)))}
    wanted = np.array([code_of[w] for w in by_first if w in code_of], dtype=np.int64)
    candidates = np.flatnonzero(np.isin(word, wanted))
    # each phrase as its tuple of codes (None if one of its words never occurs)
    coded = {key: tuple(code_of.get(w, -2) for w in key) for key in table}
    first_words = {code_of[w]: keys for w, keys in by_first.items() if w in code_of}

    rows = []
    next_free = 0  # first index not yet covered by a match
    n = len(word)
    for i in candidates.tolist():
        if i < next_free:
            continue
        for key in first_words[int(word[i])]:
            j = i + len(key)  # one past the last token
            if j > n:
                continue
            if article[j - 1] != article[i] or sentence[j - 1] != sentence[i]:
                continue
            if len(key) == 1 or tuple(word[i:j].tolist()) == coded[key]:
                rows.append((i, j - 1, *table[key]))
                next_free = j
                break
    first = np.array([r[0] for r in rows], dtype=np.int64)
    last = np.array([r[1] for r in rows], dtype=np.int64)
    return first, last, [r[2] for r in rows], [r[3] for r in rows]


def find_phrases(
    tokens: pd.DataFrame,
    phrases: str | Iterable[str] | Mapping[str, str],
    *,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every match of ``phrases`` in ``tokens``, one row per match.

    ``phrases`` is a phrase, a list of phrases, or a mapping ``phrase -> label`` (to
    count several spellings or names as one; ``label`` is the phrase itself otherwise).
    ``tokens`` needs ``article_id``, ``sentence_id``, ``token_id``, ``start``, ``end``,
    ``token`` and ``norm``.  ``start``/``end`` are character offsets into the article's
    cleaned text; ``matched`` is that exact text when ``articles`` (``article_id``,
    ``text``) is given, else the matched tokens joined by single spaces.
    Rows are ordered by article and position.
    """
    _phrase_table(phrases)  # a bad phrase list is refused before the tokens are read
    ordered = in_text_order(tokens)
    first, last, phrase, label = match_rows(ordered, phrases)
    out = pd.DataFrame(
        {
            "article_id": at_rows(ordered["article_id"], first),
            "sentence_id": ordered["sentence_id"].to_numpy()[first],
            "first_token_id": ordered["token_id"].to_numpy()[first],
            "last_token_id": ordered["token_id"].to_numpy()[last],
            "start": ordered["start"].to_numpy()[first],
            "end": ordered["end"].to_numpy()[last],
            "phrase": pd.Series(phrase, dtype="str"),
            "label": pd.Series(label, dtype="str"),
        }
    )
    out = out.astype({c: "int64" for c in ["sentence_id", "first_token_id", "last_token_id", "start", "end"]})
    out["article_id"] = out["article_id"].astype("str")
    if articles is not None:
        texts = dict(zip(articles["article_id"], articles["text"]))
        matched = [texts[a][s:e] for a, s, e in zip(out["article_id"], out["start"], out["end"])]
    else:
        surface = ordered["token"]
        matched = [" ".join(map(str, surface.iloc[a : b + 1])) for a, b in zip(first, last)]
    out["matched"] = pd.Series(matched, dtype="str")
    return out[PHRASE_COLUMNS]


def count_phrases(
    tokens: pd.DataFrame,
    phrases: str | Iterable[str] | Mapping[str, str],
    by: str | list[str] | None = "source",
) -> pd.DataFrame:
    """Matches of ``phrases`` per group and label, zeros included: one row for every
    group in ``tokens`` times every label.  Columns: the group columns, ``label``,
    ``n``, ``total_tokens`` (all tokens of the group) and ``rate_per_1000``.
    ``by`` as in ``counts.group_columns``.  Sorted by group, then labels in the order given."""
    from .counts import group_columns  # counts imports nothing from here; avoids a cycle later

    columns = group_columns(by)
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    labels = list(dict.fromkeys(v for _, v in _phrase_table(phrases).values()))
    totals = frame.groupby(keys, sort=True, observed=True).size().rename("total_tokens").reset_index()
    ordered = in_text_order(frame)
    first, _, _, found = match_rows(ordered, phrases)
    hits = pd.DataFrame({k: at_rows(ordered[k], first) for k in keys}).assign(label=pd.Series(found, dtype="str"))
    hits = hits.astype({k: totals[k].dtype for k in keys})
    counts = hits.groupby(keys + ["label"], sort=False).size().rename("n").reset_index()
    grid = totals.merge(pd.DataFrame({"label": pd.Series(labels, dtype="str")}), how="cross")
    out = grid.merge(counts, on=keys + ["label"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["total_tokens"] = out["total_tokens"].astype("int64")
    out["rate_per_1000"] = PER_THOUSAND * out["n"] / out["total_tokens"]
    out["_order"] = out["label"].map({label: i for i, label in enumerate(labels)})
    out = out.sort_values(keys + ["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
    out = out[keys + ["label", "n", "total_tokens", "rate_per_1000"]]
    return out.drop(columns=["_all"]) if not columns else out
