"""TF-IDF over small documents (paragraphs), per-source profiles and similarity.

With only a handful of articles as documents, idf is nearly useless: scikit-learn's
smoothed idf is ``ln((1 + N) / (1 + df)) + 1``, so with ``N = 2`` articles it takes
only two values (1.0 for a term in both, ``ln(3/2) + 1 = 1.405`` for a term in one).
Using paragraphs as documents gives idf something to measure.

Terms are the folded unigrams of ``terms.ngrams`` (stop words and numbers dropped by
default).  Vectors come from ``sklearn.feature_extraction.text.TfidfVectorizer`` with
the options given (defaults: ``sublinear_tf=True`` -> ``1 + ln(tf)``, ``norm="l2"``,
``min_df=1``, ``smooth_idf=True``).  A source's vector is the mean of its documents'
L2-normalised vectors (its centroid); cosine similarity is computed between centroids
and between single documents.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from .objects import object_addresses
from .counts import group_columns, keep_mask, ngrams

TFIDF_OPTIONS = {"sublinear_tf": True, "norm": "l2", "min_df": 1, "smooth_idf": True}

#: Options the direct path computes itself; any other option goes through the vectorizer.
_DIRECT_OPTIONS = {"sublinear_tf", "norm", "smooth_idf", "use_idf", "min_df", "max_df"}


def _identity(doc: list[str]) -> list[str]:
    """Analyzer for pre-tokenised documents."""
    return doc


def tfidf(
    tokens: pd.DataFrame,
    doc: str | list[str] = "paragraph",
    group: str = "source",
    drop_stop: bool = True,
    alpha_only: bool = True,
    **options,
) -> pd.DataFrame:
    """TF-IDF of every term in every document, tidy.

    ``doc``: the document unit ("paragraph", "sentence", "article" or columns);
    ``tokens`` needs the ``group`` column (``terms.add_source``).  ``options`` go to
    ``TfidfVectorizer`` over ``TFIDF_OPTIONS``.  One row per (document, term) with a
    non-zero weight: the document columns, ``group``, ``doc_index`` (0.. in document
    order), ``term``, ``n`` (raw count), ``df``, ``idf`` and ``tf_idf``.  Documents
    without any kept term are still numbered (they have no rows).  Sorted by document
    then ``term``.

    The count matrix is built directly from integer document and term codes and
    weighted with scikit-learn's ``TfidfTransformer``, exactly as ``TfidfVectorizer``
    would weight it (same matrix, same entry order within a row, so the same floats).
    Inputs or options outside what that path reproduces (``max_features``, ``binary``,
    a fixed ``vocabulary``, missing keys, mixed-type key columns, ...) and every error
    case go through ``TfidfVectorizer`` itself.
    """
    keys = group_columns(doc)
    settings = {**TFIDF_OPTIONS, **options}
    if _direct_settings(settings):
        out = _tfidf_direct(tokens, keys, group, drop_stop, alpha_only, settings)
        if out is not None:
            return out
    return _tfidf_vectorizer(tokens, keys, group, drop_stop, alpha_only, settings)


def _tfidf_vectorizer(tokens, keys, group, drop_stop, alpha_only, settings) -> pd.DataFrame:
    """The reference path: one list of terms per document through ``TfidfVectorizer``."""
    docs = tokens[keys + [group]].drop_duplicates().sort_values(keys, kind="stable").reset_index(drop=True)
    if docs.duplicated(keys).any():
        raise ValueError(f"a document ({', '.join(keys)}) spans more than one {group}")
    grams = ngrams(tokens, n=1, drop_stop=drop_stop, alpha_only=alpha_only)
    bags = grams.groupby(keys, sort=True)["term"].agg(list)
    index = pd.MultiIndex.from_frame(docs[keys]) if len(keys) > 1 else pd.Index(docs[keys[0]])
    texts = [bags.get(k, []) for k in index]
    vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, **settings)
    matrix = vectorizer.fit_transform(texts).tocoo()
    vocab = vectorizer.get_feature_names_out()
    idf = vectorizer.idf_
    counts = TfidfVectorizer(analyzer=_identity, lowercase=False, use_idf=False, norm=None,
                             vocabulary=vectorizer.vocabulary_).fit_transform(texts).tocoo()
    df = np.bincount(counts.col, minlength=len(vocab)) if counts.nnz else np.zeros(len(vocab), int)
    out = docs.iloc[matrix.row].reset_index(drop=True)
    out.insert(len(keys) + 1, "doc_index", matrix.row.astype("int64"))
    out["term"] = pd.Series(vocab[matrix.col], dtype="str")
    if np.array_equal(counts.row, matrix.row) and np.array_equal(counts.col, matrix.col):
        n_raw = counts.data  # same cells in the same order: no per-cell lookup needed
    else:
        raw = dict(zip(zip(counts.row, counts.col), counts.data))
        n_raw = [raw[(r, c)] for r, c in zip(matrix.row, matrix.col)]
    out["n"] = np.array(n_raw, dtype="int64")
    out["df"] = df[matrix.col].astype("int64")
    out["idf"] = idf[matrix.col]
    out["tf_idf"] = matrix.data
    return out.sort_values(["doc_index", "term"], kind="stable").reset_index(drop=True)


def _is_count(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)) and value >= 1


def _is_share(value) -> bool:
    return isinstance(value, (float, np.floating)) and 0.0 <= value <= 1.0


def _direct_settings(settings: dict) -> bool:
    """Whether the direct path reproduces these vectorizer settings (valid values only:
    invalid ones go to the vectorizer, which raises its own error)."""
    if set(settings) - _DIRECT_OPTIONS:
        return False
    return (
        type(settings.get("sublinear_tf", False)) is bool
        and type(settings.get("smooth_idf", True)) is bool
        and settings.get("use_idf", True) is True
        and settings.get("norm", "l2") in ("l1", "l2", None)
        and all(_is_count(settings.get(k, 1)) or _is_share(settings.get(k, 1)) for k in ("min_df", "max_df"))
    )


def _is_direct_key(values: np.ndarray) -> bool:
    return values.dtype.kind in "iub" or values.dtype == object


def _addresses(values: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
    """The object pointers of an object array (of ``values[where]`` if given), as integers:
    a copy, made without touching any object.

    Equal pointers mean the same object, hence equal values: the loader shares one string
    object between the rows of a repeated word or id, so most comparisons of a column's
    rows reduce to comparisons of these integers."""
    values = np.ascontiguousarray(values)
    view = object_addresses(values)  # valid while ``values`` lives: copied out below
    if view is None:  # an empty array
        return np.zeros(0, dtype=np.intp)
    return view.copy() if where is None else view[where]


def _runs(values: np.ndarray) -> np.ndarray:
    """Boolean of length ``len(values) - 1``: where the value changes from one row to the next."""
    if values.dtype != object:
        return values[1:] != values[:-1]
    pointers = _addresses(values)
    differ = np.flatnonzero(pointers[1:] != pointers[:-1])  # different objects, maybe equal values
    changes = np.zeros(len(values) - 1, dtype=bool)
    changes[differ] = values[differ + 1] != values[differ]
    return changes


def _first_seen_codes(values: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values[where])`` (codes in order of first appearance, uniques) for an
    object array, hashing object pointers and then only one value per distinct object."""
    if not where.any():
        return np.zeros(0, dtype=np.intp), values[:0]
    by_object, _ = pd.factorize(_addresses(values, where))
    running_max = np.maximum.accumulate(by_object)
    first = np.flatnonzero(np.r_[True, by_object[1:] > running_max[:-1]])  # where each object first appears
    by_value, uniques = pd.factorize(values[np.flatnonzero(where)[first]])
    return by_value[by_object], np.asarray(uniques, dtype=object)


def _strictly_rising(values: np.ndarray, at: np.ndarray) -> bool:
    """Whether ``values[i] < values[i + 1]`` for every position ``i`` in ``at``."""
    return bool(np.all(values[at] < values[at + 1])) if len(at) else True


def _ordered_documents(columns: list[np.ndarray], n_keys: int) -> np.ndarray | None:
    """For rows sorted by ``columns`` (lexicographically, ties allowed), the boolean
    "a new document starts after this row" (length n - 1, documents = runs of equal values
    in the first ``n_keys`` columns); None when the rows are not in that order."""
    same = None  # rows i and i + 1 agree on every column so far
    new_doc = None
    for level, values in enumerate(columns):
        if level == n_keys:
            new_doc = ~same if same is not None else np.zeros(len(values) - 1, dtype=bool)
        changes = _runs(values)
        if values.dtype == object:
            if not _strictly_rising(values, np.flatnonzero(changes if same is None else changes & same)):
                return None
            starts = np.flatnonzero(changes) + 1
            firsts = values[np.r_[0, starts]] if len(values) else values
            if not all(type(v) is str for v in firsts):
                return None  # missing values or mixed types: not ordered the way the vectorizer path orders
        else:
            falls = values[1:] < values[:-1]
            if (falls if same is None else falls & same).any():
                return None
        same = ~changes if same is None else same & ~changes
    if new_doc is None:
        new_doc = ~same
    return new_doc


def _tfidf_direct(tokens, keys, group, drop_stop, alpha_only, settings) -> pd.DataFrame | None:
    """The count matrix from integer codes, weighted like ``TfidfVectorizer``; None when
    this input needs the vectorizer path (unusual columns, errors)."""
    needed = keys + [group, "article_id", "token_id", "norm"]
    needed += ["is_stop"] * drop_stop + ["is_alpha"] * alpha_only
    if not keys or group in keys or not tokens.columns.is_unique or any(c not in tokens.columns for c in needed):
        return None
    if len(tokens) < 2:
        return None
    # The vectorizer path sees documents in key order and each document's terms in
    # (article_id, token_id) order: that order fixes its first-seen term numbering and so
    # the order in which it sums a row's squares.  Sort only when not already so.
    order_columns = list(dict.fromkeys(keys + ["article_id", "token_id"]))
    columns = [np.asarray(tokens[c].array) if not isinstance(tokens[c].dtype, pd.CategoricalDtype) else None
               for c in order_columns]
    if any(v is None or not _is_direct_key(v) for v in columns):
        return None
    try:
        new_doc = _ordered_documents(columns, len(keys))
        position = None
        if new_doc is None:
            position = tokens[order_columns].reset_index(drop=True).sort_values(order_columns, kind="stable").index.to_numpy()
            columns = [v[position] for v in columns]
            new_doc = _ordered_documents(columns, len(keys))
            if new_doc is None:
                return None
        del columns
        grouping = np.asarray(tokens[group].array)
        if position is not None:
            grouping = grouping[position]
        if (_runs(grouping) & ~new_doc).any():
            return None  # a document with two groups (or a missing group): the vectorizer path decides
    except TypeError:
        return None
    del grouping
    first_rows = np.r_[0, np.flatnonzero(new_doc) + 1]
    del new_doc
    n_docs = len(first_rows)
    keep = keep_mask(tokens, drop_stop, alpha_only)
    norm = np.asarray(tokens["norm"].array)
    if position is not None:
        keep = keep[position]
        norm = norm[position]
    if norm.dtype != object:
        return None
    kept_per_doc = np.add.reduceat(keep, first_rows, dtype=np.int64)
    first_seen, vocab = _first_seen_codes(norm, keep)
    del norm, keep
    if not len(vocab) or (first_seen < 0).any() or not all(type(t) is str for t in vocab):
        return None
    # count matrix as CountVectorizer builds it: a row per document (kept tokens in order),
    # columns numbered by first appearance, entries summed and in column order
    counts = sparse.csr_array(
        (np.ones(len(first_seen)), first_seen, np.r_[0, np.cumsum(kept_per_doc)]),
        shape=(n_docs, len(vocab)),
    )
    counts.sum_duplicates()
    del first_seen
    max_df, min_df = settings.get("max_df", 1.0), settings.get("min_df", 1)
    high = max_df if isinstance(max_df, (int, np.integer)) else max_df * n_docs
    low = min_df if isinstance(min_df, (int, np.integer)) else min_df * n_docs
    if high < low:
        return None
    df = np.bincount(counts.indices, minlength=len(vocab))
    kept = (df <= high) & (df >= low)
    if not kept.any():
        return None
    if not kept.all():
        columns_kept = np.flatnonzero(kept)
        counts = sparse.csr_array(counts[:, columns_kept])
        vocab, df = vocab[columns_kept], df[columns_kept]
    # then numbered in term order, leaving each row's entries where they are
    rank = np.array(sorted(range(len(vocab)), key=vocab.__getitem__), dtype=np.intp)
    new_number = np.empty(len(vocab), dtype=counts.indices.dtype)
    new_number[rank] = np.arange(len(vocab), dtype=counts.indices.dtype)
    counts.indices = new_number.take(counts.indices)
    vocab, df = vocab[rank], df[rank]
    counts.has_sorted_indices = False
    n = counts.data.astype(np.int64)
    weigher = TfidfTransformer(
        norm=settings.get("norm", "l2"), use_idf=True,
        smooth_idf=settings.get("smooth_idf", True), sublinear_tf=settings.get("sublinear_tf", False),
    )
    weights = weigher.fit(counts).transform(counts, copy=False)
    # entries in term order within each row (the tidy frame's order)
    within = sparse.csr_array((np.arange(weights.nnz, dtype=np.int64), weights.indices, weights.indptr),
                              shape=weights.shape)
    within.has_sorted_indices = False
    within.sort_indices()
    entry = within.data
    col = within.indices.astype(np.intp)
    row = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(within.indptr))
    doc_rows = first_rows if position is None else position[first_rows]
    docs = tokens[keys + [group]].iloc[doc_rows]
    data = {c: docs[c].array.take(row) for c in keys + [group]}
    data["doc_index"] = row
    data["term"] = pd.array(vocab, dtype="str").take(col)
    data["n"] = n[entry]
    data["df"] = df.astype(np.int64)[col]
    data["idf"] = weigher.idf_[col]
    data["tf_idf"] = weights.data[entry]
    return pd.DataFrame(data, copy=False)


def idf_values(weights: pd.DataFrame) -> pd.DataFrame:
    """The distinct idf values of a ``tfidf`` frame: ``df``, ``idf``, ``n_terms`` with it."""
    terms = weights.drop_duplicates("term")
    out = terms.groupby(["df", "idf"], sort=True).size().rename("n_terms").reset_index()
    return out.astype({"df": "int64", "n_terms": "int64"})


def _matrix(weights: pd.DataFrame) -> tuple[sparse.csr_matrix, pd.Index]:
    vocab = pd.Index(sorted(weights["term"].unique()))
    n_docs = int(weights["doc_index"].max()) + 1 if len(weights) else 0
    m = sparse.csr_matrix(
        (weights["tf_idf"].to_numpy(), (weights["doc_index"].to_numpy(), vocab.get_indexer(weights["term"]))),
        shape=(n_docs, len(vocab)),
    )
    return m, vocab


def documents(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """One row per document that has weights: ``doc_index``, its key columns and ``group``."""
    keys = list(weights.columns[: list(weights.columns).index("doc_index")])
    return weights.drop_duplicates("doc_index")[["doc_index"] + keys].reset_index(drop=True)


def docs_per_group(weights: pd.DataFrame, group: str = "source") -> pd.Series:
    """Number of documents with at least one weighted term, per group (sorted)."""
    return weights.groupby(group, sort=True)["doc_index"].nunique().astype("int64")


def source_profile(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Per group and term: ``mean_tf_idf`` over the group's documents (those with any
    kept term), ``n_docs_with`` (documents using the term), ``n_docs`` and ``n`` (count).
    Sorted by group, ``mean_tf_idf`` descending, then ``term``; ``rank`` 1 = most characteristic."""
    agg = weights.groupby([group, "term"], sort=True).agg(
        tf_idf_sum=("tf_idf", "sum"), n_docs_with=("doc_index", "nunique"), n=("n", "sum")
    ).reset_index()
    agg["n_docs"] = agg[group].map(docs_per_group(weights, group)).astype("int64")
    agg["mean_tf_idf"] = agg["tf_idf_sum"] / agg["n_docs"]
    agg = agg.sort_values([group, "mean_tf_idf", "term"], ascending=[True, False, True], kind="stable")
    agg["rank"] = agg.groupby(group, sort=False).cumcount().astype("int64") + 1
    cols = [group, "rank", "term", "mean_tf_idf", "n_docs_with", "n_docs", "n"]
    return agg[cols].astype({"n_docs_with": "int64", "n": "int64"}).reset_index(drop=True)


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = (a @ b.T) / (na * nb.T)
    return np.nan_to_num(sim, nan=0.0)


def source_similarity(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Cosine similarity of every pair of group centroids (the mean of the group's
    L2-normalised document vectors): ``group_a``, ``group_b`` (sorted, a < b), ``cosine``."""
    n_docs = docs_per_group(weights, group)
    m, _ = _matrix(weights)
    doc_group = weights.drop_duplicates("doc_index").set_index("doc_index")[group]
    groups = sorted(n_docs.index)
    centroids = []
    for g in groups:
        rows = doc_group.index[doc_group == g].to_numpy()
        centroids.append(np.asarray(m[rows].sum(axis=0)).ravel() / n_docs[g])
    sims = _cosine(np.vstack(centroids), np.vstack(centroids)) if groups else np.zeros((0, 0))
    rows = [(a, b, sims[i, j]) for (i, a), (j, b) in combinations(enumerate(groups), 2)]
    return pd.DataFrame(rows, columns=[f"{group}_a", f"{group}_b", "cosine"])


def document_similarity(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Cosine similarity of every pair of documents from *different* groups (tidy): the
    ``_a`` document's group sorts before the ``_b`` one's; columns ``doc_a``, ``doc_b``,
    the key columns suffixed ``_a``/``_b``, ``cosine``.  Sorted by ``doc_a``, ``doc_b``."""
    m, _ = _matrix(weights)
    docs = documents(weights, group).sort_values("doc_index")
    sims = _cosine(m.toarray(), m.toarray())
    frames = []
    groups = sorted(docs[group].unique())
    for ga, gb in combinations(groups, 2):
        da = docs[docs[group] == ga]
        db = docs[docs[group] == gb]
        ia, ib = np.meshgrid(da["doc_index"].to_numpy(), db["doc_index"].to_numpy(), indexing="ij")
        left = da.set_index("doc_index").loc[ia.ravel()].reset_index().add_suffix("_a")
        right = db.set_index("doc_index").loc[ib.ravel()].reset_index().add_suffix("_b")
        pair = pd.concat([left, right], axis=1)
        pair["cosine"] = sims[ia.ravel(), ib.ravel()]
        frames.append(pair)
    if not frames:
        return pd.DataFrame(columns=["doc_index_a", "doc_index_b", "cosine"])
    out = pd.concat(frames, ignore_index=True).rename(columns={"doc_index_a": "doc_a", "doc_index_b": "doc_b"})
    return out.sort_values(["doc_a", "doc_b"], kind="stable").reset_index(drop=True)


def shared_terms(weights: pd.DataFrame, doc_a: int, doc_b: int, k: int = 6) -> list[str]:
    """Terms in both documents, by the product of their weights (ties by term)."""
    a = weights[weights["doc_index"] == doc_a].set_index("term")["tf_idf"]
    b = weights[weights["doc_index"] == doc_b].set_index("term")["tf_idf"]
    both = (a * b).dropna()
    both = both.reset_index(name="w").sort_values(["w", "term"], ascending=[False, True], kind="stable")
    return list(both["term"].head(k))


def passage_pairs(
    similarity: pd.DataFrame,
    weights: pd.DataFrame,
    paragraphs: pd.DataFrame,
    articles: pd.DataFrame,
    top: int = 5,
    group: str = "source",
) -> pd.DataFrame:
    """The ``top`` most similar cross-group paragraph pairs with their text.

    ``similarity`` from ``document_similarity`` on paragraph weights.  Columns: ``rank``,
    ``cosine``, both groups, ``paragraph_a``/``paragraph_b`` labels ("000 ¶3"),
    ``shared_terms`` (comma-separated) and ``text_a``/``text_b``.  Ties by document order.
    """
    best = similarity.sort_values(["cosine", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable")
    best = best[best["cosine"] > 0].head(top).reset_index(drop=True)
    texts = dict(zip(articles["article_id"], articles["text"]))
    spans = paragraphs.set_index(["article_id", "paragraph_id"])

    def text(article_id, paragraph_id):
        s, e = spans.loc[(article_id, paragraph_id), ["start", "end"]]
        return texts[article_id][int(s):int(e)]

    out = pd.DataFrame({
        "rank": np.arange(1, len(best) + 1, dtype="int64"),
        "cosine": best["cosine"],
        f"{group}_a": best[f"{group}_a"],
        "paragraph_a": paragraph_label(best["article_id_a"], best["paragraph_id_a"]),
        f"{group}_b": best[f"{group}_b"],
        "paragraph_b": paragraph_label(best["article_id_b"], best["paragraph_id_b"]),
        "shared_terms": [", ".join(shared_terms(weights, a, b)) for a, b in zip(best["doc_a"], best["doc_b"])],
        "text_a": [text(a, p) for a, p in zip(best["article_id_a"], best["paragraph_id_a"])],
        "text_b": [text(a, p) for a, p in zip(best["article_id_b"], best["paragraph_id_b"])],
    })
    return out


def paragraph_label(article_ids, paragraph_ids) -> list[str]:
    """Labels such as "000 ¶3"."""
    return [f"{a} ¶{int(p)}" for a, p in zip(article_ids, paragraph_ids)]


def similarity_grid(similarity: pd.DataFrame, group_a: str, group_b: str, group: str = "source") -> pd.DataFrame:
    """The paragraph x paragraph cosine matrix of two groups (rows: ``group_a``'s
    paragraphs, columns: ``group_b``'s), labelled "000 ¶3"."""
    part = similarity[(similarity[f"{group}_a"] == group_a) & (similarity[f"{group}_b"] == group_b)].copy()
    part["row"] = paragraph_label(part["article_id_a"], part["paragraph_id_a"])
    part["col"] = paragraph_label(part["article_id_b"], part["paragraph_id_b"])
    grid = part.pivot(index="row", columns="col", values="cosine")
    rows = list(pd.unique(part.sort_values("doc_a", kind="stable")["row"]))
    cols = list(pd.unique(part.sort_values("doc_b", kind="stable")["col"]))
    return grid.reindex(index=rows, columns=cols)
