"""TF-IDF over small documents (paragraphs), per-source profiles and similarity.

With only a handful of articles as documents, idf is nearly useless: scikit-learn's
smoothed idf is ``ln((1 + N) / (1 + df)) + 1``, so with ``N = 2`` articles it takes
only two values (1.0 for a term in both, ``ln(3/2) + 1 = 1.405`` for a term in one).
Using paragraphs as documents gives idf something to measure.

Terms are the folded unigrams of ``counts.ngrams`` (stop words and numbers dropped by
default).  The (document x term) count matrix is built from integer codes and weighted
with scikit-learn's ``TfidfTransformer`` (defaults: ``sublinear_tf=True`` ->
``1 + ln(tf)``, ``norm="l2"``, ``smooth_idf=True``); ``min_df``, ``max_df`` and
``max_features`` select terms as ``TfidfVectorizer`` does, so the weights are
``TfidfVectorizer``'s (to rounding: a row's squares are summed in term order).  A
source's vector is the mean of its documents' L2-normalised vectors (its centroid);
cosine similarity is computed between centroids here, between single documents (each
one's nearest documents of other sources) in ``neighbours``.
"""
from __future__ import annotations

from numbers import Integral, Real

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from .codes import codes, count_matrix, group_codes, has_missing
from .counts import group_columns
from .grams import grams

TFIDF_OPTIONS = {"sublinear_tf": True, "norm": "l2", "min_df": 1, "smooth_idf": True}
#: What ``tfidf`` passes to ``TfidfTransformer`` (the other options choose terms).
_WEIGHTING = ("sublinear_tf", "norm", "smooth_idf")
_OPTIONS = _WEIGHTING + ("min_df", "max_df", "max_features")


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
    ``tokens`` needs the ``group`` column (``counts.add_source``).  ``options`` over
    ``TFIDF_OPTIONS``: ``sublinear_tf``, ``norm``, ``smooth_idf`` (the weighting),
    ``min_df``, ``max_df``, ``max_features`` (which terms), with ``TfidfVectorizer``'s
    meanings.  One row per (document, term) with a non-zero weight: the document
    columns, ``group``, ``doc_index`` (0.. in document order), ``term``, ``n`` (raw
    count), ``df``, ``idf`` and ``tf_idf``.  Documents without any kept term are still
    numbered (they have no rows).  Sorted by document then ``term``.
    """
    settings = {**TFIDF_OPTIONS, **options}
    unknown = sorted(set(settings) - set(_OPTIONS))
    if unknown:
        raise TypeError(f"tfidf got unexpected option(s) {', '.join(unknown)}; it takes {', '.join(_OPTIONS)}")
    keys = group_columns(doc)
    if not keys or group in keys:
        raise ValueError(f"documents ({', '.join(keys)}) must be identified by columns other than {group!r}")
    missing = [c for c in keys + [group] if c not in tokens.columns]
    if missing:
        raise KeyError(f"tokens frame has no column(s) {', '.join(missing)}")
    document, docs = group_codes(tokens, keys)
    label, labels = codes(tokens[group])
    present = document >= 0
    rows_in_docs, row_labels = (document[present], label[present]) if has_missing(document) else (document, label)
    if has_missing(row_labels):
        raise ValueError(f"some tokens have no {group}")
    # each document's group, read from any of its rows, must be the group of all its rows
    doc_label = np.zeros(len(docs), dtype=np.int64)
    doc_label[rows_in_docs] = row_labels
    if (doc_label[rows_in_docs] != row_labels).any():
        raise ValueError(f"a document ({', '.join(keys)}) spans more than one {group}")
    first, _, term, terms = grams(tokens, 1, drop_stop, alpha_only)
    if has_missing(document):
        counted = present[first]
        first, term = first[counted], term[counted]
    counts = count_matrix(document[first], term, (len(docs), len(terms)))
    counts, terms = _select_terms(counts, terms, settings)
    weigher = TfidfTransformer(**{k: settings[k] for k in _WEIGHTING})
    weights = weigher.fit_transform(counts)  # the same entries as counts, in the same places
    row = np.repeat(np.arange(len(docs)), np.diff(counts.indptr))
    col = counts.indices
    # corpus-sized: the text columns are categoricals over the distinct values, as in the tokens
    out = {key: _encoded(docs[key], row) for key in keys}
    out[group] = pd.Categorical.from_codes(doc_label[row], dtype=pd.CategoricalDtype(labels))
    out["doc_index"] = row.astype(np.int64)
    out["term"] = pd.Categorical.from_codes(col, dtype=pd.CategoricalDtype(terms))
    out["n"] = counts.data.astype(np.int64)
    out["df"] = np.bincount(col, minlength=len(terms)).astype(np.int64)[col]
    out["idf"] = weigher.idf_[col]
    out["tf_idf"] = weights.data
    return pd.DataFrame(out, copy=False)


def _encoded(values: pd.Series, rows: np.ndarray):
    """``values.take(rows)``; strings as a categorical over the distinct values (sorted)."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not isinstance(values.dtype, pd.CategoricalDtype):
        return values.to_numpy().take(rows)
    code, categories = codes(values)
    return pd.Categorical.from_codes(code.take(rows), dtype=pd.CategoricalDtype(categories))


def _document_count(value, name: str, n_docs: int) -> float:
    """``min_df``/``max_df`` as a number of documents (an int as is, a float as a share)."""
    if isinstance(value, Integral) and not isinstance(value, bool) and value >= 1:
        return int(value)
    if isinstance(value, Real) and not isinstance(value, (bool, Integral)) and 0.0 <= value <= 1.0:
        return value * n_docs
    raise ValueError(f"{name} must be a float in [0.0, 1.0] or an int of at least 1, not {value!r}")


def _select_terms(counts: sparse.csr_array, terms: pd.Index, settings: dict):
    """The columns of terms in at least ``min_df`` and at most ``max_df`` documents, then
    the ``max_features`` most frequent of them (ties by term), as ``TfidfVectorizer``."""
    if not len(terms):
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    low = _document_count(settings["min_df"], "min_df", counts.shape[0])
    high = _document_count(settings.get("max_df", 1.0), "max_df", counts.shape[0])
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    df = np.bincount(counts.indices, minlength=len(terms))
    keep = np.flatnonzero((df >= low) & (df <= high))
    limit = settings.get("max_features")
    if limit is not None:
        if not (isinstance(limit, Integral) and not isinstance(limit, bool) and limit >= 1):
            raise ValueError(f"max_features must be an int of at least 1 or None, not {limit!r}")
        frequency = counts.sum(axis=0)[keep]
        keep = np.sort(keep[np.argsort(-frequency, kind="stable")[:limit]])
    if not len(keep):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    if len(keep) == len(terms):  # (every term kept, as by default: no copy)
        return counts, terms
    return sparse.csr_array(counts[:, keep]), terms.take(keep)


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
    docs = weights.drop_duplicates("doc_index")
    return docs.groupby(group, sort=True, observed=True).size().astype("int64").rename("doc_index")


def source_profile(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Per group and term: ``mean_tf_idf`` over the group's documents (those with any
    kept term), ``n_docs_with`` (documents using the term), ``n_docs`` and ``n`` (count).
    Sorted by group, ``mean_tf_idf`` descending, then ``term``; ``rank`` 1 = most characteristic."""
    # one row per (document, term), so a term's rows in a group count the documents using it
    agg = weights.groupby([group, "term"], sort=True, observed=True).agg(
        tf_idf_sum=("tf_idf", "sum"), n_docs_with=("doc_index", "size"), n=("n", "sum")
    ).reset_index()
    agg["n_docs"] = agg[group].map(docs_per_group(weights, group)).astype("int64")
    agg["mean_tf_idf"] = agg["tf_idf_sum"] / agg["n_docs"]
    agg = agg.sort_values([group, "mean_tf_idf", "term"], ascending=[True, False, True], kind="stable")
    agg["rank"] = agg.groupby(group, sort=False).cumcount().astype("int64") + 1
    cols = [group, "rank", "term", "mean_tf_idf", "n_docs_with", "n_docs", "n"]
    return agg[cols].astype({"n_docs_with": "int64", "n": "int64"}).reset_index(drop=True)


def source_similarity_matrix(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Cosine similarity of the group centroids (the mean of each group's L2-normalised
    document vectors), as a square frame: index and columns the groups (sorted), 1.0 on
    the diagonal (0.0 for a group without weights).  Groups x terms, never documents x
    documents."""
    n_docs = docs_per_group(weights, group)
    groups = pd.Index(sorted(n_docs.index, key=str), name=f"{group}_a")
    if not len(groups):
        return pd.DataFrame(np.zeros((0, 0)), index=groups, columns=groups.rename(f"{group}_b"))
    m, _ = _matrix(weights)
    docs = weights.drop_duplicates("doc_index")
    member = sparse.csr_matrix(
        (1.0 / n_docs.reindex(docs[group].to_numpy()).to_numpy(dtype="float64"), (groups.get_indexer(docs[group]), docs["doc_index"].to_numpy())),
        shape=(len(groups), m.shape[0]),
    )
    centroids = sparse.csr_matrix(member @ m)
    norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1))).ravel()
    scale = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))
    unit = scale @ centroids
    sims = np.clip((unit @ unit.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(sims, 1.0)
    return pd.DataFrame(sims, index=groups, columns=groups.rename(f"{group}_b"))


def source_similarity(weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Cosine similarity of every pair of group centroids (``source_similarity_matrix``),
    tidy: ``group_a``, ``group_b`` (sorted, a < b), ``cosine``; S (S - 1) / 2 rows."""
    square = source_similarity_matrix(weights, group)
    upper = np.triu_indices(len(square), k=1)
    return pd.DataFrame({f"{group}_a": square.index.take(upper[0]), f"{group}_b": square.columns.take(upper[1]),
                         "cosine": square.to_numpy()[upper]})
