"""Term counts by any grouping: unigrams and n-grams, rates per 1,000 tokens, ranks.

Terms are the folded ``norm`` form of tokens (see ``corpus.normalise_token``), so
"Uighurs" and "Uyghurs" count as one term.

Codes
-----
Every verb works on integer codes: ``codes(column)`` gives each row's code into the
column's distinct values, sorted.  A ``Categorical`` column (as the loader makes
``token``, ``lower``, ``norm`` and ``article_id``) already holds them; any other
column is factorised once.  Counting is then ``bincount`` and sparse matrices over
codes, and only the distinct values of a result are turned back into strings.

N-grams follow the convention in ``grams`` (consecutive kept tokens of one sentence).

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
from .codes import codes, count_matrix, group_codes, has_missing
from .grams import grams

#: Aliases for ``by``: a unit name -> the columns that identify it.
UNITS = {
    "corpus": [],
    "article": ["article_id"],
    "source": ["source"],
    "paragraph": ["article_id", "paragraph_id"],
    "sentence": ["article_id", "sentence_id"],
}
TOKEN_LEVEL = ["token_id", "start", "end", "token", "lower", "norm", "is_stop", "is_alpha"]


# --------------------------------------------------------------------------- tokens


def add_source(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` with the article's ``source`` column (a categorical) joined on
    ``article_id`` (rows kept in order; an existing ``source`` is replaced)."""
    article, ids = codes(tokens["article_id"])
    if not articles["article_id"].is_unique:
        twice = sorted(set(articles.loc[articles["article_id"].duplicated(), "article_id"]))
        raise ValueError(f"more than one article row for article_id {', '.join(map(str, twice))}")
    source, sources = codes(articles["source"])
    at = pd.Index(articles["article_id"]).get_indexer(ids)
    per_id = np.append(source, -1)[at]  # each id's source code (-1: none)
    lacking = per_id < 0
    used = np.bincount(article[article >= 0] if has_missing(article) else article, minlength=len(ids)) > 0 \
        if lacking.any() else lacking  # (only an id without an article row needs the check)
    missing = ids[used & lacking]
    if len(missing):
        raise ValueError(f"no article row (so no source) for article_id {', '.join(map(str, sorted(missing)))}")
    out = tokens.drop(columns=["source"], errors="ignore")
    source_of = np.where(article >= 0, per_id[article], -1) if has_missing(article) else per_id[article]
    out["source"] = pd.Categorical.from_codes(source_of, categories=sources, validate=False)  # (in range: codes())
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


def _plain(values: pd.Series) -> pd.Series:
    """A categorical column as its plain values (strings as pandas' "str")."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype(values.cat.categories.dtype)
    return values


def ngrams(tokens: pd.DataFrame, n: int = 1, drop_stop: bool = True, alpha_only: bool = True) -> pd.DataFrame:
    """One row per n-gram occurrence (see the module's n-gram convention).

    Columns: the first token's non-token columns (``article_id``, ``paragraph_id``,
    ``sentence_id``, ``source`` if present, ...), ``first_token_id``, ``last_token_id``,
    ``start``, ``end`` (character offsets of the whole n-gram) and ``term`` (folded
    words joined by single spaces).  In (article_id, token_id) order.
    """
    first, last, term, terms = grams(tokens, n, drop_stop, alpha_only)
    carried = [c for c in tokens.columns if c not in TOKEN_LEVEL]
    out = tokens[carried].take(first).reset_index(drop=True)
    out = out.assign(**{c: _plain(out[c]) for c in carried})
    out["first_token_id"] = tokens["token_id"].to_numpy()[first]
    out["last_token_id"] = tokens["token_id"].to_numpy()[last]
    out["start"] = tokens["start"].to_numpy()[first]
    out["end"] = tokens["end"].to_numpy()[last]
    out["term"] = pd.Series(terms.take(term), dtype="str")
    return out


# --------------------------------------------------------------------------- counts


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
    first, _, term, terms = grams(tokens, n, drop_stop, alpha_only)
    group, keys = group_codes(tokens, columns)
    totals = np.bincount(group[group >= 0], minlength=len(keys))
    group_first = group[first]
    counted = group_first >= 0
    matrix = count_matrix(group_first[counted], term[counted], (len(keys), len(terms)))  # group x term
    group_of = np.repeat(np.arange(len(keys)), np.diff(matrix.indptr))
    term_of, count = matrix.indices, matrix.data
    order = np.lexsort((term_of, -count, group_of))  # group, n descending, term
    group_of, term_of, count = group_of[order], term_of[order], count[order]
    out = keys.take(group_of).reset_index(drop=True)
    out["term"] = pd.Series(terms.take(term_of), dtype="str")
    out["n"] = count.astype(np.int64)
    out["total_tokens"] = totals[group_of].astype(np.int64)
    return with_rate_and_rank(out, group_of)


def with_rate_and_rank(out: pd.DataFrame, group_of: np.ndarray) -> pd.DataFrame:
    """A counts frame (group columns, ``term``, ``n``, ``total_tokens``, sorted by group, ``n``
    descending, ``term``; ``group_of``: each row's group code) with ``rate_per_1000`` and
    ``rank``: the last step of ``count_terms``, shared with combining partitions' counts."""
    out["rate_per_1000"] = PER_THOUSAND * out["n"] / out["total_tokens"]
    out["rank"] = out.groupby(group_of, sort=False)["n"].rank(method="min", ascending=False).astype(np.int64)
    return out


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
    hits = tokens.loc[tokens["norm"].isin(canon), list(dict.fromkeys(columns + ["norm", "lower"]))]
    hits = hits.assign(**{c: _plain(hits[c]) for c in hits.columns})
    frame = hits[columns].assign(canonical=hits["norm"], form=hits["lower"].map(spelling))
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


def overall_terms(counts: pd.DataFrame, k: int = 25, min_n: int = 1) -> list[str]:
    """The ``k`` most frequent terms of a ``count_terms`` frame over all its groups (``n``
    summed; ties alphabetical), leaving out terms seen fewer than ``min_n`` times in all.
    The same terms as ``count_terms(by=None)`` would rank first, without a second pass
    over the tokens."""
    totals = counts.groupby("term", sort=True)["n"].sum()
    totals = totals[totals >= min_n].reset_index()
    ordered = totals.sort_values(["n", "term"], ascending=[False, True], kind="stable")
    return ordered["term"].head(k).tolist()
