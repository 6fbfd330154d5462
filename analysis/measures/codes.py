"""Rows as integer codes: the one step every counting verb starts from.

A column's codes number its distinct values in sorted order (a categorical's own codes when
its categories are sorted, as the loader makes them; ``pd.factorize(sort=True)`` otherwise),
so groups come out in the order ``groupby`` would give and only distinct values are ever
turned back into strings.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse


def codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``(codes, categories)``: each row's position in the column's distinct values,
    sorted (``-1`` for a missing value).  A categorical's own codes (re-ranked if its
    categories are not in sorted order); integers by ``dense``; else
    ``pd.factorize(sort=True)``."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        array = values.to_numpy() if isinstance(values.dtype, np.dtype) else None  # (numpy's own integers)
        if array is not None and array.dtype.kind in "iu" and len(array) \
                and small(int(array.max()) - int(array.min()) + 1, len(array)):
            low = array.min()
            code, distinct = dense(np.subtract(array, low, dtype=np.int64), int(array.max()) - int(low) + 1)
            return code, pd.Index(np.add(distinct, low, dtype=array.dtype, casting="unsafe"))
        code, categories = pd.factorize(values, sort=True)
        return code, pd.Index(categories)
    code = values.cat.codes.to_numpy()
    categories = values.cat.categories
    if not categories.is_monotonic_increasing:
        order = categories.argsort()
        rank = np.empty(len(order), dtype=code.dtype)
        rank[order] = np.arange(len(order))
        code, categories = np.where(code >= 0, rank[code], -1), categories.take(order)
    return code, categories


def small(bound: int, rows: int) -> bool:
    """Whether a table of ``bound`` entries costs no more than a few passes over ``rows``."""
    return bound <= 4 * rows + 1024


def dense(code: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``(renumbered, distinct)``: ``code`` (values in ``0 .. bound - 1``, ``-1`` for missing)
    renumbered ``0 .. k - 1`` in the same order (``-1`` stays), and the ``k`` distinct values
    used, sorted: by a table of the values when ``bound`` is ``small``, else by sorting them."""
    if small(bound, len(code)):
        # with missing values, bin 0 counts them; number[-1] (the appended -1) is their number
        if has_missing(code):
            used = np.flatnonzero(np.bincount(code + 1, minlength=bound + 1)[1:])
        else:
            used = np.flatnonzero(np.bincount(code, minlength=bound))
        if len(used) == bound:  # every value is used: the codes are their own numbers
            return code.astype(np.int64, copy=False), used
        number = np.full(bound + 1, -1, dtype=np.int64)
        number[used] = np.arange(len(used))
        return number[code], used
    present = code >= 0
    out = np.full(len(code), -1, dtype=np.int64)
    out[present], distinct = pd.factorize(code[present], sort=True)
    return out, np.asarray(distinct)


def has_missing(code: np.ndarray) -> bool:
    """Whether any code is ``-1`` (a missing value)."""
    return bool(len(code)) and int(code.min()) < 0


def group_codes(tokens: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """``(group, keys)``: each row's group as a code ``0 .. k - 1`` numbering the groups
    in the sorted order of their values (``-1`` where a value is missing, as ``groupby``
    drops it), and ``keys``, the ``columns`` of the ``k`` groups.  No columns: one group.

    Column by column, a row's group so far and its code in the next column make one number,
    renumbered by ``dense``; each group's values are read back from those numbers (a few
    steps per group, none per row)."""
    if not columns:
        return np.zeros(len(tokens), dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1 if len(tokens) else 0))
    group, size, levels = None, 1, []
    for column in columns:
        code, categories = codes(tokens[column])
        if group is None:
            joined = code
        elif has_missing(group) or has_missing(code):
            joined = np.where((group < 0) | (code < 0), -1, group * len(categories) + code)
        else:
            joined = group * len(categories) + code
        group, distinct = dense(joined, size * len(categories))
        size = len(distinct)
        levels.append((distinct, categories))
    # each group's number at a level is (its group at the level before) * width + its code
    keys, parent = {}, np.arange(size)
    for column, (distinct, categories) in zip(reversed(columns), reversed(levels)):
        parent, code = np.divmod(distinct[parent], len(categories))
        keys[column] = categories.take(code)
    return group, pd.DataFrame({c: keys[c] for c in columns}, index=pd.RangeIndex(size))


def count_matrix(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> sparse.csr_array:
    """How often each ``(row, column)`` pair occurs, as a sparse matrix (sorted indices):
    the pairs counted in a table of every cell when there are few cells (``small``: groups
    by source), else sorted."""
    cells = rows.astype(np.int64) * shape[1] + columns
    if small(shape[0] * shape[1], len(cells)):
        count = np.bincount(cells, minlength=shape[0] * shape[1])
        cell = np.flatnonzero(count)
        count = count[cell]
    else:
        cell, count = np.unique(cells, return_counts=True)
    row, column = np.divmod(cell, shape[1])
    starts = np.searchsorted(row, np.arange(shape[0] + 1))
    return sparse.csr_array((count, column, starts), shape=shape)
