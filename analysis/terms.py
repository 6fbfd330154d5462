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

from .corpus import spelling
from .lexicon import variants_table

#: Aliases for ``by``: a unit name -> the columns that identify it.
UNITS = {
    "corpus": [],
    "article": ["article_id"],
    "source": ["source"],
    "paragraph": ["article_id", "paragraph_id"],
    "sentence": ["article_id", "sentence_id"],
}
TOKEN_LEVEL = ["token_id", "start", "end", "token", "lower", "norm", "is_stop", "is_alpha"]


def add_source(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``tokens`` with the article's ``source`` column joined on ``article_id`` (rows kept in order)."""
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
    keys = columns or ["_all"]
    frame = tokens.assign(_all="all") if not columns else tokens
    totals = frame.groupby(keys, sort=True).size().rename("total_tokens").reset_index()
    grams = ngrams(frame, n=n, drop_stop=drop_stop, alpha_only=alpha_only)
    counts = grams.groupby(keys + ["term"], sort=True).size().rename("n").reset_index()
    out = counts.merge(totals, on=keys, how="left")
    out["n"] = out["n"].astype("int64")
    out["total_tokens"] = out["total_tokens"].astype("int64")
    out["rate_per_1000"] = 1000 * out["n"] / out["total_tokens"]
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
