"""``analysis.measures.codes``: rows as integer codes, the step every counting verb starts from.
The oracle is ``pd.factorize(sort=True)`` and ``groupby``'s own numbering."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.measures.codes import codes, dense, group_codes


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint16", "uint64"])
def test_integer_codes_number_the_sorted_distinct_values_as_factorize_does(dtype):
    rng = np.random.default_rng(0)
    low = np.iinfo(dtype).min if dtype != "uint64" else np.iinfo(dtype).max - 200  # a range crossing 0, or high up
    values = pd.Series(np.array([int(low) + 7 + 3 * int(x) for x in rng.integers(0, 40, 2_000)], dtype=dtype))
    code, categories = codes(values)
    want_code, want_categories = pd.factorize(values, sort=True)
    np.testing.assert_array_equal(code, want_code)
    assert categories.equals(pd.Index(want_categories)) and categories.dtype == values.dtype


def test_integer_codes_over_a_range_wider_than_the_rows_and_at_the_extremes():
    for values in (pd.Series([10**12, -5, 10**12, 3]), pd.Series([np.iinfo("int64").min, np.iinfo("int64").max, 0])):
        code, categories = codes(values)
        np.testing.assert_array_equal(code, pd.factorize(values, sort=True)[0])
        assert list(categories) == sorted(set(values))


def test_dense_keeps_missing_codes_and_lists_the_values_used():
    code = np.array([5, -1, 2, 5, 9, -1])
    for bound in (10, 10**9):  # by a table, by sorting
        renumbered, used = dense(code, bound)
        np.testing.assert_array_equal(renumbered, [1, -1, 0, 1, 2, -1])
        np.testing.assert_array_equal(used, [2, 5, 9])
    renumbered, used = dense(np.array([-1, -1]), 0)
    np.testing.assert_array_equal(renumbered, [-1, -1]) and len(used) == 0


def test_group_codes_number_groups_in_the_sorted_order_of_their_values_and_drop_missing_ones():
    frame = pd.DataFrame({"article_id": pd.Categorical(["b", "a", "b", None, "a"], categories=["b", "a"]),
                          "paragraph_id": np.array([2, 1, 1, 1, 1], dtype=np.int32)})
    group, keys = group_codes(frame, ["article_id", "paragraph_id"])
    np.testing.assert_array_equal(group, [2, 0, 1, -1, 0])
    assert keys.astype({"article_id": "str"}).to_dict("list") == {"article_id": ["a", "b", "b"],
                                                                  "paragraph_id": [1, 1, 2]}  # sorted by value
    group, keys = group_codes(frame, [])
    np.testing.assert_array_equal(group, np.zeros(5)) and len(keys) == 1


def test_dense_leaves_codes_that_use_every_value_as_they_are():
    code = np.array([2, 0, 1, 1, 2], dtype=np.int16)
    renumbered, used = dense(code, 3)
    np.testing.assert_array_equal(renumbered, code) and renumbered.dtype == np.int64
    np.testing.assert_array_equal(used, [0, 1, 2])


def test_group_codes_of_three_columns_are_groupbys_numbering_and_keys():
    rng = np.random.default_rng(3)
    n = 3_000
    frame = pd.DataFrame({
        "article_id": pd.Categorical(rng.choice(["c", "a", "b", "d"], n), categories=["d", "c", "b", "a", "unused"]),
        "paragraph_id": rng.integers(1, 9, n).astype(np.int32),
        "label": pd.array(rng.choice(["x", "y", None], n, p=[0.45, 0.45, 0.1]), dtype="str"),
    })
    columns = ["article_id", "paragraph_id", "label"]
    group, keys = group_codes(frame, columns)
    plain = frame.astype({"article_id": "str"})  # groups in the sorted order of the values, not the categories
    want = plain.groupby(columns, sort=True, dropna=True).ngroup().to_numpy()
    np.testing.assert_array_equal(group, np.where(frame["label"].isna(), -1, want))
    expected = plain.dropna().groupby(columns, sort=True).size().reset_index()[columns]
    assert keys.astype({"article_id": "str"}).to_dict("list") == expected.to_dict("list")
