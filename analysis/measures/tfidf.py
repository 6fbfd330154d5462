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
cosine similarity is computed between centroids and between single documents.
"""
from __future__ import annotations

from itertools import combinations
from numbers import Integral, Real

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from .codes import codes, count_matrix, group_codes
from .counts import grams, group_columns

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
    if (label[present] < 0).any():
        raise ValueError(f"some tokens have no {group}")
    # each document's group, read from any of its rows, must be the group of all its rows
    doc_label = np.zeros(len(docs), dtype=np.int64)
    doc_label[document[present]] = label[present]
    if (doc_label[document[present]] != label[present]).any():
        raise ValueError(f"a document ({', '.join(keys)}) spans more than one {group}")
    first, _, term, terms = grams(tokens, 1, drop_stop, alpha_only)
    counted = present[first]
    counts = count_matrix(document[first[counted]], term[counted], (len(docs), len(terms)))
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
