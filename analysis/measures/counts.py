"""Term counts by any grouping: unigrams and n-grams, rates per 1,000 tokens, ranks.

Terms are the folded ``norm`` form of tokens (see ``corpus.normalise_token``), so
"Uighurs" and "Uyghurs" count as one term.

N-gram convention
-----------------
An n-gram is ``n`` *consecutive* tokens of one sentence, all of them kept.  Tokens
that are dropped (stop words when ``drop_stop``, numbers and other non-alphabetic
tokens when ``alpha_only``) are not skipped over: they break the sequence, like a
sentence boundary.  So with stop words dropped, "camps in Xinjiang" yields no bigram
(rather than a silent "camps xinjiang"), and no n-gram ever spans two sentences.

Rates
-----
``total_tokens`` is every token of the group (words and numbers, stop words included,
as in ``articles.n_tokens``); ``rate_per_1000 = 1000 * n / total_tokens`` for
unigrams and n-grams alike, so rates do not change with the stop-word setting.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from ..config import PER_THOUSAND
from ..corpus.normalize import spelling, variants_table
from .objects import object_addresses

#: Aliases for ``by``: a unit name -> the columns that identify it.
UNITS = {
    "corpus": [],
    "article": ["article_id"],
    "source": ["source"],
    "paragraph": ["article_id", "paragraph_id"],
    "sentence": ["article_id", "sentence_id"],
}
TOKEN_LEVEL = ["token_id", "start", "end", "token", "lower", "norm", "is_stop", "is_alpha"]
#: Output columns of ``count_terms`` besides the group columns (a group column of one of
#: these names takes the general path).
_COUNT_COLUMNS = ["term", "n", "total_tokens", "rate_per_1000", "rank", "_all"]
#: pandas' default string dtype ("str"), which ``ngrams`` gives its ``term`` column.
_STR = pd.Series([], dtype="str").dtype


# --------------------------------------------------------------------------- integer codes
#
# The fast paths below group on integer codes instead of strings.  ``_factorize`` codes a
# column by *value* with pandas' own ``factorize`` (so sorted codes follow exactly the
# order ``groupby(sort=True)`` and ``sort_values`` use), but factorises as few strings as it
# can: a column of long runs (``article_id``, ``source``) only at the start of each run,
# and a column of Python strings (``norm``) first by object identity -- the loader and
# ``add_source`` share one string object between equal values, so the identities number
# about as many as the distinct values -- then one string per identity.  Both shortcuts
# only ever *merge* rows whose values are equal, so the codes are the same whatever the
# sharing or order of the input; it is only slower when there is none.


def _factorize(column: pd.Series, rows: np.ndarray | None = None, sort: bool = True, runs: bool = True):
    """Codes of ``column`` (restricted to the positions ``rows`` if given) by value.

    Returns ``(codes, positions)``: ``codes[i]`` in ``0 .. k - 1`` (``-1`` for a missing
    value), equal exactly when the values are equal, in pandas' sort order when ``sort``;
    ``positions[j]`` is a position in ``column`` (not in ``rows``) holding value ``j``.
    ``runs``: look for runs of equal values first (worth it for ``article_id``-like
    columns).  ``None`` for dtypes this does not handle (the caller takes its general path).
    """
    array = column.array
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "python":
        raw = np.asarray(array)
        if raw.dtype != object:
            return None
    elif isinstance(dtype, np.dtype) and dtype.kind in "biufO":
        raw = column.to_numpy()
    else:
        return None
    source = array if isinstance(dtype, pd.StringDtype) else raw  # what pandas itself factorises

    def where(index):  # positions in ``column`` of positions in ``rows``
        return index if rows is None else rows[index]

    size = len(raw) if rows is None else len(rows)
    if size == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    addresses = object_addresses(raw) if raw.dtype == object else None
    if raw.dtype == object and addresses is None:
        at = where(np.arange(size))
        codes, _ = _values_factorize(source.take(at), sort)
        return codes, _first_positions(codes, at)
    keys = raw if addresses is None else addresses
    if rows is not None:
        keys = keys[rows]
    if runs:
        change = np.empty(size, dtype=bool)
        change[0] = True
        np.not_equal(keys[1:], keys[:-1], out=change[1:])
        starts = np.flatnonzero(change)
        del change
        if len(starts) <= size // 4:
            # long runs: one value per run
            heads = where(starts)
            run_codes = _values_factorize(source.take(heads), sort)[0]
            codes = np.repeat(run_codes.astype(_code_dtype(len(run_codes))), np.diff(np.append(starts, size)))
            return codes, _first_positions(run_codes, heads)
        del starts
    if addresses is not None:
        # one value per distinct object
        ids, _ = pd.factorize(keys, size_hint=min(size, 1 << 15))
        del keys
        sample = _first_positions(ids, rows)
        value_codes = _values_factorize(source.take(sample), sort)[0]
        codes = value_codes.astype(_code_dtype(len(value_codes)))[ids]
        return codes, _first_positions(value_codes, sample)
    codes, _ = pd.factorize(keys, sort=sort, size_hint=min(size, 1 << 15))
    return codes, _first_positions(codes, None if rows is None else rows)


#: ``_factorize`` for the other measures (keyness codes its groups and terms with it).
factorize = _factorize


def _values_factorize(values, sort: bool):
    """``pd.factorize(values, sort=sort)``, sorting distinct strings with ``sorted`` (the same
    order as pandas' sort of Python strings, several times faster than its object argsort)."""
    codes, uniques = pd.factorize(values, size_hint=min(len(values), 1 << 15))
    if not sort or len(uniques) < 2:
        return codes, uniques
    objects = np.asarray(uniques, dtype=object)
    if not isinstance(getattr(uniques, "dtype", None), pd.StringDtype) and not all(type(v) is str for v in objects):
        return pd.factorize(values, sort=True)
    order = np.array(sorted(range(len(objects)), key=objects.__getitem__), dtype=np.intp)
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return np.where(codes >= 0, rank[codes], -1), uniques.take(order)


def _code_dtype(count: int):
    return np.int32 if count < 2**31 - 1 else np.int64


def _first_positions(codes: np.ndarray, positions: np.ndarray | None) -> np.ndarray:
    """For each code ``0 .. max``, an entry of ``positions`` (``None``: ``0, 1, ...``) having
    it (codes -1 skipped): a representative row of each value.  Scattered in slices so that
    no index array the size of ``codes`` is made."""
    size = int(codes.max()) + 1 if len(codes) else 0
    out = np.zeros(max(size, 0), dtype=np.intp)
    step = 1 << 20
    for begin in range(0, len(codes), step):
        part = codes[begin : begin + step]
        at = positions[begin : begin + step] if positions is not None else np.arange(begin, begin + len(part))
        present = part >= 0
        if not present.all():
            part, at = part[present], at[present]
        out[part] = at
    return out


def _bincount(codes: np.ndarray, size: int) -> np.ndarray:
    """``np.bincount(codes, minlength=size)`` in slices (it copies int32 codes to intp)."""
    out = np.zeros(size, dtype=np.int64)
    step = 1 << 20
    for begin in range(0, len(codes), step):
        out += np.bincount(codes[begin : begin + step], minlength=size)
    return out


def _combine(codes: np.ndarray, cardinality: int, more: np.ndarray, more_cardinality: int):
    """Codes of the pairs ``(codes, more)``, in the pairs' lexicographic order, dense from 0."""
    pair = codes.astype(np.int64) * more_cardinality + more
    return _dense(pair, cardinality * more_cardinality)


def _dense(codes: np.ndarray, cardinality: int):
    """Renumber codes in ``0 .. cardinality - 1`` to the ones used, keeping their order."""
    if cardinality <= 4 * len(codes) + 1024:
        used = np.bincount(codes, minlength=cardinality) > 0
        number = np.cumsum(used) - 1
        return number.astype(_code_dtype(cardinality))[codes], int(used.sum())
    values, inverse = np.unique(codes, return_inverse=True)
    return inverse.astype(_code_dtype(len(values))), len(values)


def add_source(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` with the article's ``source`` column joined on ``article_id`` (rows kept in order)."""
    source = _source_of_tokens(tokens, articles)
    if source is None:
        return _add_source_general(tokens, articles)
    out = tokens.drop(columns=["source"], errors="ignore")
    out["source"] = pd.Series(source, index=tokens.index, copy=False)
    return out


def _source_of_tokens(tokens: pd.DataFrame, articles: pd.DataFrame):
    """The ``source`` of every token, looked up once per run of one ``article_id`` (the
    merge of ``_add_source_general`` without hashing millions of strings); ``None`` when
    the inputs need the merge itself (its errors, its key coercions)."""
    if not ({"article_id"} <= set(tokens.columns) and {"article_id", "source"} <= set(articles.columns)):
        return None
    if not (tokens.columns.is_unique and articles.columns.is_unique):
        return None
    keys = articles["article_id"]
    if tokens["article_id"].dtype != keys.dtype or not keys.is_unique:
        return None
    column = tokens["article_id"]
    runs = _runs(column)
    if runs is not None:
        starts, lengths = runs
        ids = column.array.take(starts)
    else:
        factorized = _factorize(column, sort=False, runs=False)
        if factorized is None:
            return None
        codes, positions = factorized
        ids = column.array.take(positions)
    if pd.isna(ids).any():
        return None  # a missing article_id: the merge's own matching rules
    where = pd.Index(keys.array).get_indexer(ids)
    per_id = articles["source"].array.take(where, allow_fill=True)
    lacking = pd.isna(per_id)
    if lacking.any():
        missing = sorted(set(ids[lacking]))
        raise ValueError(f"no article row (so no source) for article_id {', '.join(map(str, missing))}")
    return per_id.repeat(lengths) if runs is not None else per_id.take(codes)


def _runs(column: pd.Series):
    """``(starts, lengths)`` of the runs of equal values of a string or numeric column when
    there are few (at most a quarter of its length), else ``None``."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "python":
        raw = np.asarray(column.array)
    elif isinstance(dtype, np.dtype) and dtype.kind in "biufO":
        raw = column.to_numpy()
    else:
        return None
    size = len(raw)
    keys = object_addresses(raw) if raw.dtype == object else raw
    if keys is None or size == 0:
        return None
    change = np.empty(size, dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    if len(starts) > size // 4:
        return None
    return starts, np.diff(np.append(starts, size))


def _add_source_general(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    base = tokens.drop(columns=["source"], errors="ignore")
    out = base.merge(articles[["article_id", "source"]], on="article_id", how="left", validate="many_to_one")
    missing = sorted(out.loc[out["source"].isna(), "article_id"].unique())
    if missing:
        raise ValueError(f"no article row (so no source) for article_id {', '.join(map(str, missing))}")
    out.index = tokens.index
    return out


def group_columns(by: str | list[str] | None) -> list[str]:
    """Columns for ``by``: a unit name from ``UNITS``, a column name, a list of them, or None (whole corpus)."""
    if by is None:
        return []
    items = [by] if isinstance(by, str) else list(by)
    columns: list[str] = []
    for item in items:
        for column in UNITS.get(item, [item]):
            if column not in columns:
                columns.append(column)
    return columns


def _check_columns(tokens: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        hint = " (join it with terms.add_source(tokens, corpus.articles))" if "source" in missing else ""
        raise KeyError(f"tokens frame has no column(s) {', '.join(missing)}{hint}")


def keep_mask(tokens: pd.DataFrame, drop_stop: bool = True, alpha_only: bool = True) -> np.ndarray:
    """Boolean array: which tokens count as terms under the stop-word / alphabetic settings."""
    keep = np.ones(len(tokens), dtype=bool)
    if drop_stop:
        keep &= ~tokens["is_stop"].to_numpy(dtype=bool)
    if alpha_only:
        keep &= tokens["is_alpha"].to_numpy(dtype=bool)
    return keep


def ngrams(tokens: pd.DataFrame, n: int = 1, drop_stop: bool = True, alpha_only: bool = True) -> pd.DataFrame:
    """One row per n-gram occurrence (see the module's n-gram convention).

    Columns: the first token's non-token columns (``article_id``, ``paragraph_id``,
    ``sentence_id``, ``source`` if present, ...), ``first_token_id``, ``last_token_id``,
    ``start``, ``end`` (character offsets of the whole n-gram) and ``term`` (folded
    words joined by single spaces).
    """
    if n < 1:
        raise ValueError("n must be 1 or more")
    sequence = _sequence(tokens, n, drop_stop, alpha_only)
    if sequence is None:
        return _ngrams_general(tokens, n, drop_stop, alpha_only)
    order, first, keep = sequence
    at = first if order is None else order[first]  # rows of tokens holding each n-gram's first token
    last = at if n == 1 else (first + n - 1 if order is None else order[first + n - 1])
    carried = [c for c in tokens.columns if c not in TOKEN_LEVEL]
    out = tokens[carried].take(at).reset_index(drop=True)
    out["first_token_id"] = tokens["token_id"].to_numpy()[at]
    out["last_token_id"] = tokens["token_id"].to_numpy()[last]
    out["start"] = tokens["start"].to_numpy()[at]
    out["end"] = tokens["end"].to_numpy()[last]
    if n == 1 and tokens["norm"].dtype == _STR:
        terms = tokens["norm"].array.take(at)
    elif n == 1:
        terms = pd.array(tokens["norm"].to_numpy(dtype=object)[at], dtype="str")
    else:
        gram = _gram_codes(tokens, n, order, first, keep)
        if gram is None:
            return _ngrams_general(tokens, n, drop_stop, alpha_only)
        codes, strings = gram
        terms = pd.array(strings, dtype="str").take(codes)
    out["term"] = pd.Series(terms, dtype="str")
    return out


def _sequence(tokens: pd.DataFrame, n: int, drop_stop: bool, alpha_only: bool):
    """Where the n-grams are, without sorting or grouping the frame when it can be helped.

    Returns ``(order, first, keep)``: ``order`` the rows of ``tokens`` in (article_id,
    token_id) order (``None`` when they already are, the usual case), ``first`` the
    positions in that order where an n-gram starts, ``keep`` the ``keep_mask`` of the
    rows (in ``tokens``' order).  ``None`` for inputs left to the general path.
    """
    needed = ["article_id", "sentence_id", "token_id", "start", "end", "norm", "is_stop", "is_alpha"]
    if len(tokens) == 0 or not tokens.columns.is_unique or any(c not in tokens.columns for c in needed):
        return None
    token_id = tokens["token_id"]
    if not (isinstance(token_id.dtype, np.dtype) and token_id.dtype.kind in "iu"):
        return None
    factorized = _factorize(tokens["article_id"], sort=True)
    if factorized is None:
        return None
    article, _ = factorized
    if article.min() < 0:
        return None  # missing article ids sort last in the general path
    token_id = token_id.to_numpy()
    step = np.diff(article)
    in_order = bool((step >= 0).all() and ((step > 0) | (token_id[1:] >= token_id[:-1])).all())
    del step
    order = None if in_order else np.lexsort((token_id, article))
    sentence = tokens["sentence_id"]
    if isinstance(sentence.dtype, np.dtype) and sentence.dtype.kind in "iub":
        sentence = sentence.to_numpy()
    else:  # missing values form one sentence, as in groupby(dropna=False)
        sentence, _ = pd.factorize(sentence, use_na_sentinel=False)
    keep = keep_mask(tokens, drop_stop, alpha_only)
    if order is None:
        kept = keep
    else:
        article, sentence, kept = article[order], sentence[order], keep[order]
    size = len(tokens) - n + 1
    if size <= 0:
        return None
    valid = kept[:size].copy()
    if n > 1:
        # same_next[i]: tokens i and i + 1 (in order) are of one sentence of one article
        same_next = (article[1:] == article[:-1]) & (sentence[1:] == sentence[:-1])
        for k in range(1, n):
            valid &= kept[k : k + size] & same_next[k - 1 : k - 1 + size]
    first = np.flatnonzero(valid)
    if len(first) == 0:
        return None
    return order, first, keep


def _gram_codes(tokens: pd.DataFrame, n: int, order, first: np.ndarray, keep: np.ndarray):
    """Codes of the n-grams starting at ``first`` (positions in ``order``) and their
    strings: ``(codes, strings)`` with ``strings[codes[i]]`` the i-th n-gram's term
    (folded words joined by single spaces), ``strings`` sorted; ``None`` if the ``norm``
    column is not one of strings."""
    norm = tokens["norm"]
    rows = np.flatnonzero(keep)
    factorized = _factorize(norm, rows, sort=True, runs=False)
    if factorized is None:
        return None
    word, positions = factorized
    if len(word) and word.min() < 0:
        return None
    vocabulary = norm.to_numpy(dtype=object)[positions]  # sorted
    if norm.dtype != _STR and not all(isinstance(v, str) for v in vocabulary):
        return None
    size = len(vocabulary)
    per_row = np.full(len(tokens), -1, dtype=word.dtype)
    per_row[rows] = word
    del word, rows
    # the code of an n-gram orders n-grams like their word tuples (each step keeps the order)
    code = None
    cardinality = 1
    for k in range(n):
        at = first + k if order is None else order[first + k]
        part = per_row[at]
        if code is None:
            code, cardinality = part.astype(np.int64), size
        elif cardinality * size < 2**62:
            code, cardinality = code * size + part, cardinality * size
        else:
            code, cardinality = _dense(code, cardinality)
            code, cardinality = code.astype(np.int64) * size + part, cardinality * size
    inverse, distinct = pd.factorize(code, size_hint=min(len(code), 1 << 15))
    del code
    # Words with no character at or below the space (and not empty) join injectively and
    # in the order of their tuples, so the codes' order is the joined strings' order.
    simple = all(vocabulary) and min(map(min, vocabulary), default="!") > " "
    if simple:
        rank = np.empty(len(distinct), dtype=np.intp)
        rank[np.argsort(distinct, kind="stable")] = np.arange(len(distinct))
        inverse = rank[inverse]
        del rank, distinct
    sample = _first_positions(inverse, None)
    joined = None
    for k in range(n):
        at = first[sample] + k if order is None else order[first[sample] + k]
        words = vocabulary[per_row[at]]
        joined = words if joined is None else joined + " " + words
    if simple:
        return inverse, joined
    # equal strings from different word sequences (a norm holding a space) are one term
    term, strings = _values_factorize(joined, sort=True)
    return term[inverse], np.asarray(strings, dtype=object)


def _ngrams_general(tokens: pd.DataFrame, n: int, drop_stop: bool, alpha_only: bool) -> pd.DataFrame:
    if n < 1:
        raise ValueError("n must be 1 or more")
    ordered = tokens.sort_values(["article_id", "token_id"], kind="stable").reset_index(drop=True)
    keep = keep_mask(ordered, drop_stop, alpha_only)
    # sentence numbers without materialising one (article_id, sentence_id) tuple per token
    sentence = ordered.groupby(["article_id", "sentence_id"], sort=False, dropna=False).ngroup().to_numpy()
    size = len(ordered) - n + 1
    valid = np.zeros(max(size, 0), dtype=bool)
    if size > 0:
        valid = keep[:size].copy()
        for k in range(1, n):
            valid &= keep[k : k + size] & (sentence[k : k + size] == sentence[:size])
    first = np.flatnonzero(valid)
    last = first + n - 1
    norm = ordered["norm"].to_numpy(dtype=object)
    terms = norm[first] if n == 1 else [" ".join(norm[i : i + n]) for i in first]
    carried = [c for c in ordered.columns if c not in TOKEN_LEVEL]
    out = ordered.loc[first, carried].reset_index(drop=True)
    out["first_token_id"] = ordered["token_id"].to_numpy()[first]
    out["last_token_id"] = ordered["token_id"].to_numpy()[last]
    out["start"] = ordered["start"].to_numpy()[first]
    out["end"] = ordered["end"].to_numpy()[last]
    out["term"] = pd.Series(terms, dtype="str")
    return out


def count_terms(
    tokens: pd.DataFrame,
    by: str | list[str] | None = "source",
    n: int = 1,
    drop_stop: bool = True,
    alpha_only: bool = True,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Counts of each term (unigram or n-gram) per group, with rate and rank.

    ``by``: "source" (default), "article", "paragraph", "sentence", "corpus"/None, or
    column names.  Give ``articles`` to join ``source`` when ``tokens`` lacks it.
    Returns one row per (group, term): the group columns, ``term``, ``n`` (occurrences),
    ``total_tokens`` (all tokens of the group), ``rate_per_1000`` and ``rank`` (1 = most
    frequent in the group; ties share the best rank).  Sorted by group, ``n`` descending,
    then ``term``.
    """
    columns = group_columns(by)
    if articles is not None and "source" in columns and "source" not in tokens.columns:
        tokens = add_source(tokens, articles)
    _check_columns(tokens, columns)
    out = _count_terms_fast(tokens, columns, n, drop_stop, alpha_only)
    if out is None:
        out = _count_terms_general(tokens, columns, n, drop_stop, alpha_only)
    return out


def _count_terms_fast(tokens: pd.DataFrame, columns: list[str], n: int, drop_stop: bool, alpha_only: bool):
    """``count_terms`` on integer codes: the group and term of every counted n-gram as a
    code, counted with ``bincount`` (or ``unique``), and a frame built only from the
    distinct (group, term) rows.  ``None`` for inputs left to the general path (empty,
    missing values, unusual dtypes or column names)."""
    if n < 1 or len(tokens) == 0 or not tokens.columns.is_unique:
        return None
    if any(c in TOKEN_LEVEL or c in _COUNT_COLUMNS for c in columns):
        return None
    if "norm" not in tokens.columns or tokens["norm"].dtype != _STR:
        return None
    # terms first (the larger temporaries), then groups, so that the two do not add up
    if n == 1:
        rows = np.flatnonzero(keep_mask(tokens, drop_stop, alpha_only))  # the counted rows
        if len(rows) == 0:
            return None
        factorized = _factorize(tokens["norm"], rows, sort=True, runs=False)
        if factorized is None:
            return None
        term, positions = factorized
        if term.min() < 0:
            return None
        strings = tokens["norm"].array.take(positions)
        at = rows
        del rows
    else:
        sequence = _sequence(tokens, n, drop_stop, alpha_only)
        if sequence is None:
            return None
        order, first, keep = sequence
        gram = _gram_codes(tokens, n, order, first, keep)
        if gram is None:
            return None
        term, strings = gram
        strings = pd.array(strings, dtype="str")
        at = first if order is None else order[first]
        del order, first, keep
    # groups: one code per row, in the sorted order of the group columns
    group = None
    groups, sample = 1, np.zeros(1, dtype=np.intp)  # sample: a row of each group
    for column in columns:
        factorized = _factorize(tokens[column], sort=True)
        if factorized is None:
            return None
        codes, positions = factorized
        if codes.min() < 0:
            return None  # groupby drops missing keys: the general path does
        if group is None or groups == 1:
            group, sample = codes, positions
        else:
            group = _combine(group, groups, codes, len(positions))[0]
            sample = None
        groups = int(group.max()) + 1
        del codes
    if group is None:  # the whole corpus
        totals = np.array([len(tokens)])
        group = np.zeros(len(at), dtype=np.int32)
    else:
        if sample is None:
            sample = _first_positions(group, None)
        totals = _bincount(group, groups)
        group = group[at]
    del at
    words = len(strings)
    pair = group.astype(np.int64)
    del group
    pair *= words
    pair += term
    del term
    cells = groups * words
    if cells <= 4 * len(pair) + (1 << 20):
        count = np.bincount(pair, minlength=cells)
        cell = np.flatnonzero(count)
        count = count[cell]
    else:
        cell, count = np.unique(pair, return_counts=True)
    del pair
    group_of, term_of = np.divmod(cell, words)
    count = count.astype(np.int64)
    # group ascending, n descending, term ascending
    order = np.lexsort((-count, group_of))  # cells ascend: terms already in order within a group
    group_of, term_of, count = group_of[order], term_of[order], count[order]
    total = totals[group_of].astype(np.int64)
    # rank: 1 + rows of the group before the first one with this count ("min" ties)
    index = np.arange(len(count))
    new_group = np.ones(len(count), dtype=bool)
    new_group[1:] = group_of[1:] != group_of[:-1]
    new_count = new_group.copy()
    new_count[1:] |= count[1:] != count[:-1]
    rank = (
        np.maximum.accumulate(np.where(new_count, index, 0)) - np.maximum.accumulate(np.where(new_group, index, 0)) + 1
    )
    data = {c: tokens[c].array.take(sample[group_of]) for c in columns}
    data["term"] = pd.Series(strings.take(term_of), dtype="str")
    data["n"] = count
    data["total_tokens"] = total
    data["rate_per_1000"] = PER_THOUSAND * count / total
    data["rank"] = rank.astype(np.int64)
    return pd.DataFrame(data)


def _count_terms_general(
    tokens: pd.DataFrame, columns: list[str], n: int, drop_stop: bool, alpha_only: bool
) -> pd.DataFrame:
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    totals = frame.groupby(keys, sort=True).size().rename("total_tokens").reset_index()
    grams = ngrams(frame, n=n, drop_stop=drop_stop, alpha_only=alpha_only)
    counts = grams.groupby(keys + ["term"], sort=True).size().rename("n").reset_index()
    out = counts.merge(totals, on=keys, how="left")
    out["n"] = out["n"].astype("int64")
    out["total_tokens"] = out["total_tokens"].astype("int64")
    out["rate_per_1000"] = PER_THOUSAND * out["n"] / out["total_tokens"]
    out = out.sort_values(keys + ["n", "term"], ascending=[True] * len(keys) + [False, True], kind="stable")
    out["rank"] = out.groupby(keys, sort=False)["n"].rank(method="min", ascending=False).astype("int64")
    out = out.reset_index(drop=True)
    return out.drop(columns=["_all"]) if not columns else out


def top_terms(
    counts: pd.DataFrame, k: int = 10, by: str | list[str] | None = "source", min_n: int = 1
) -> pd.DataFrame:
    """The first ``k`` rows of each group of a ``count_terms`` frame (its order: n desc,
    term asc), leaving out terms seen fewer than ``min_n`` times."""
    columns = group_columns(by)
    counts = counts.loc[counts["n"] >= min_n]
    if not columns:
        return counts.head(k).reset_index(drop=True)
    return counts.groupby(columns, sort=False).head(k).reset_index(drop=True)


def vocabulary_overlap(counts: pd.DataFrame, by: str | list[str] = "source") -> pd.DataFrame:
    """Per group of a ``count_terms`` frame: ``n_types`` (distinct terms), ``n_shared``
    (also used by at least one other group), ``n_only`` (used by no other group; one
    group against the rest) and ``share_only`` (``n_only / n_types``)."""
    columns = group_columns(by)
    spread = counts.groupby("term")[columns[0]].transform("size") if columns else None
    frame = counts.assign(_only=(spread == 1) if columns else True)
    out = frame.groupby(columns, sort=True).agg(n_types=("term", "size"), n_only=("_only", "sum")).reset_index()
    out["n_shared"] = out["n_types"] - out["n_only"]
    out["share_only"] = out["n_only"] / out["n_types"]
    return out[columns + ["n_types", "n_shared", "n_only", "share_only"]].astype(
        {"n_types": "int64", "n_shared": "int64", "n_only": "int64"}
    )


def exclusive_terms(counts: pd.DataFrame, by: str | list[str] = "source") -> pd.DataFrame:
    """The rows of a ``count_terms`` frame whose term no other group uses (order kept)."""
    columns = group_columns(by)
    spread = counts.groupby("term")["term"].transform("size")
    return counts.loc[spread == 1].reset_index(drop=True) if columns else counts.iloc[0:0]


def variant_counts(
    tokens: pd.DataFrame, by: str | list[str] | None = "source", varied_only: bool = False
) -> pd.DataFrame:
    """How each group spells the words in the variants table (``data/variants.csv``).

    One row per (group, canonical, form) that occurs: ``form`` is the lower-cased
    spelling without possessive ("Uighurs'" -> "uighurs"), ``n`` its count, ``share``
    its fraction of the canonical word's count in that group, ``kind`` the table's kind
    for a variant ("canonical" for the canonical spelling itself).  ``varied_only`` keeps
    only words that some group writes in a non-canonical spelling.
    """
    columns = group_columns(by)
    _check_columns(tokens, columns)
    table = variants_table()
    canon = set(table["canonical"])
    hits = tokens.loc[tokens["norm"].isin(canon)]
    form = hits["lower"].map(spelling)
    frame = hits[columns].assign(canonical=hits["norm"], form=form)
    keys = columns + ["canonical", "form"]
    out = frame.groupby(keys, sort=True).size().rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    out["share"] = out["n"] / out.groupby(columns + ["canonical"])["n"].transform("sum")
    kinds = dict(zip(table["variant"], table["kind"]))
    out["kind"] = pd.Series([kinds.get(f, "canonical") for f in out["form"]], index=out.index, dtype="str")
    if varied_only:
        varied = out.loc[out["kind"] != "canonical", "canonical"].unique()
        out = out.loc[out["canonical"].isin(varied)]
    return out.sort_values(
        columns + ["canonical", "n", "form"], ascending=[True] * (len(columns) + 1) + [False, True], kind="stable"
    ).reset_index(drop=True)
