"""Passage matching: each paragraph's most similar paragraphs from *other* sources, found
with a blocked sparse product, never a dense paragraph x paragraph matrix.

Similarity is the cosine of two documents' TF-IDF rows (``tfidf.tfidf``, sublinear tf):
the rows are L2-normalised here, so ``cosine(a, b) = x_a . x_b = sum_t x_at x_bt``.
``max_df`` leaves out of that sum the terms found in more than ``max_df`` documents (the
rows are normalised *before* the drop, so the score is the part of the full cosine that
the rarer terms give, never more than the cosine): a word in thousands of paragraphs says
little about two passages reporting the same fact, and the cap bounds the work (below).
Normalising after the drop instead would make two paragraphs whose one rare word is the
same score 1.0, however different the rest of them.

Algorithm, for rows ``B`` (a block) of the (document x term) CSR matrix ``X``:
``P = X[B] @ X.T`` is sparse (an entry only where two documents share a term); entries of
the same group (source) and cosines <= 0 are dropped; the ``k`` largest entries of each
row are kept (``_top_k_per_row``: a per-row histogram finds the cut; ties to the lower
document number).
Memory: a block of rows holds at most ``MAX_CELLS + n_docs`` entries (``row_blocks``
counts each row's products before multiplying).  Time: the products touch ``sum_t df_t^2``
pairs (``df_t``: documents with term ``t``), at most ``max_df x nnz(X)`` with the cap --
linear in the corpus for a fixed ``max_df``; without it, quadratic in the worst case.

Ties are deterministic: cosines are compared rounded to ``DECIMALS`` places, then by
document number (``doc_index``, document order).  Pairs overall are ordered by cosine
(descending), then the lower, then the higher ``doc_index``; with that order the top
``n <= k`` pairs overall are always among the per-document top ``k`` lists (a pair above
``(i, j)`` in ``i``'s list is above it overall), so ``passage_matches(...).head(n)`` is
exact for ``n <= k``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

#: Largest number of (document, document) entries one block of the product may hold.
MAX_CELLS = 2_000_000
#: Cosines are compared rounded to this many decimals (so ties are ties on every machine).
DECIMALS = 12
#: Bins of [0, 1] used to find each row's k-th largest cosine without sorting the row.
BINS = 256
NEIGHBOUR_COLUMNS = ["doc_index", "rank", "neighbour", "cosine"]


def unit_rows(weights: pd.DataFrame, max_df: int | None = None) -> sparse.csr_array:
    """The (document x term) matrix of a ``tfidf`` frame, rows L2-normalised over all their
    terms, then without the terms in more than ``max_df`` documents (``None``: keep every
    term).  Row ``i`` is ``doc_index`` ``i``; a document without weights is a zero row."""
    if max_df is not None and (isinstance(max_df, bool) or not isinstance(max_df, (int, np.integer)) or max_df < 1):
        raise ValueError(f"max_df must be an int of at least 1 or None, not {max_df!r}")
    rows = weights["doc_index"].to_numpy()
    terms = weights["term"]
    cols = (terms.cat.codes.to_numpy() if isinstance(terms.dtype, pd.CategoricalDtype)
            else pd.Index(sorted(terms.unique())).get_indexer(terms))
    values = weights["tf_idf"].to_numpy(dtype="float64")
    n_docs = int(rows.max()) + 1 if len(rows) else 0
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=n_docs))
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    keep = np.ones(len(weights), dtype=bool) if max_df is None else weights["df"].to_numpy() <= max_df
    n_terms = int(cols.max()) + 1 if len(cols) else 0
    return sparse.csr_array(((values * scale[rows])[keep], (rows[keep], cols[keep])), shape=(n_docs, n_terms))


def document_groups(weights: pd.DataFrame, group: str = "source") -> np.ndarray:
    """Each ``doc_index``'s group as an integer code (groups sorted); -1 for a document
    without weights."""
    docs = weights.drop_duplicates("doc_index")
    n_docs = int(weights["doc_index"].max()) + 1 if len(weights) else 0
    labels = pd.Index(sorted(docs[group].astype(str).unique()))
    out = np.full(n_docs, -1, dtype=np.int64)
    out[docs["doc_index"].to_numpy()] = labels.get_indexer(docs[group].astype(str))
    return out


def _top_k_per_row(indptr: np.ndarray, cols: np.ndarray, values: np.ndarray, k: int):
    """The ``k`` largest positive ``values`` (in [0, 1]) of each CSR row, ties to the lower
    column, as ``(row, rank, col, value)`` arrays ordered by row then rank.

    Linear in the entries: each row's values are counted in ``BINS`` equal bins of [0, 1];
    the bin holding the row's k-th largest value is the cut, and only the entries in or
    above it (about ``k`` of them) are sorted."""
    n_rows = len(indptr) - 1
    row = np.repeat(np.arange(n_rows), np.diff(indptr))
    live = values > 0
    row, cols, values = row[live], cols[live], values[live]
    bins = np.minimum((values * BINS).astype(np.int64), BINS - 1)
    counts = np.bincount(row * BINS + bins, minlength=n_rows * BINS).reshape(n_rows, BINS)
    at_or_above = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]  # entries in bin b or higher
    cut = np.maximum((at_or_above >= k).sum(axis=1) - 1, 0)  # highest bin with >= k entries
    near = bins >= cut[row]
    row, cols, values = row[near], cols[near], values[near]
    order = np.lexsort((cols, -values, row))
    row, cols, values = row[order], cols[order], values[order]
    first = np.searchsorted(row, row)  # where each row starts
    rank = np.arange(len(row)) - first + 1
    top = rank <= k
    return row[top], rank[top], cols[top], values[top]


def row_blocks(matrix: sparse.csr_array, max_cells: int = MAX_CELLS) -> list[tuple[int, int]]:
    """Consecutive row ranges ``(start, stop)`` of ``matrix`` whose product with
    ``matrix.T`` holds at most ``max_cells`` entries plus one row's (``n_docs``): a row's
    entries are at most ``sum_t df_t`` over its terms, counted before multiplying."""
    n_docs = matrix.shape[0]
    if not n_docs:
        return []
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.int64)
    cost = np.minimum(np.add.reduceat(np.append(df[matrix.indices], 0), matrix.indptr[:-1]) *
                      (np.diff(matrix.indptr) > 0), n_docs)
    before = np.cumsum(cost) - cost  # entries of the rows above each row
    block = before // max(int(max_cells), 1)
    starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    return list(zip(starts.tolist(), np.r_[starts[1:], n_docs].tolist()))


def nearest_passages(weights: pd.DataFrame, k: int = 5, group: str = "source", max_df: int | None = None,
                     max_cells: int = MAX_CELLS) -> pd.DataFrame:
    """For every document of a ``tfidf`` frame, its ``k`` most similar documents of
    another ``group`` (cosine > 0 only): ``doc_index``, ``rank`` (1 = most similar),
    ``neighbour`` (its ``doc_index``) and ``cosine``.  Sorted by ``doc_index``, ``rank``.
    See the module docstring for ``max_df``, the blocks and the ties."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be an int of at least 1, not {k!r}")
    matrix = unit_rows(weights, max_df)
    labels = document_groups(weights, group)
    transposed = sparse.csr_array(matrix.T)
    parts = []
    for start, stop in row_blocks(matrix, max_cells):
        product = sparse.csr_array(matrix[start:stop] @ transposed)
        rows = np.repeat(np.arange(stop - start), np.diff(product.indptr))
        other = labels[product.indices] != labels[start + rows]
        values = np.where(other, np.round(product.data, DECIMALS), 0.0)
        row, rank, col, value = _top_k_per_row(product.indptr, product.indices.astype(np.int64), values, int(k))
        parts.append((row + start, rank, col, value))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "cosine" else "int64") for c in NEIGHBOUR_COLUMNS})
    row, rank, col, value = (np.concatenate(p) for p in zip(*parts))
    return pd.DataFrame({"doc_index": row.astype(np.int64), "rank": rank.astype(np.int64),
                         "neighbour": col.astype(np.int64), "cosine": value}, columns=NEIGHBOUR_COLUMNS)


def passage_matches(neighbours: pd.DataFrame, weights: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """The distinct document pairs of ``nearest_passages`` (a pair found from both ends
    counted once), best first (cosine descending, then the lower, then the higher
    ``doc_index``): ``rank``, ``cosine``, ``doc_a``, ``doc_b`` and each side's key columns
    and ``group`` suffixed ``_a``/``_b``; side ``a`` is the one whose ``group`` sorts first."""
    low = np.minimum(neighbours["doc_index"], neighbours["neighbour"]).to_numpy()
    high = np.maximum(neighbours["doc_index"], neighbours["neighbour"]).to_numpy()
    pairs = pd.DataFrame({"low": low, "high": high, "cosine": neighbours["cosine"].to_numpy()})
    pairs = pairs.drop_duplicates(["low", "high"])
    pairs = pairs.sort_values(["cosine", "low", "high"], ascending=[False, True, True], kind="stable")
    keys = [c for c in weights.columns[: list(weights.columns).index("doc_index")] if c != group]
    docs = weights.drop_duplicates("doc_index").set_index("doc_index")[keys + [group]]
    lows, highs = docs.loc[pairs["low"].to_numpy()], docs.loc[pairs["high"].to_numpy()]
    swap = lows[group].astype(str).to_numpy() > highs[group].astype(str).to_numpy()
    doc_a = np.where(swap, pairs["high"], pairs["low"])
    doc_b = np.where(swap, pairs["low"], pairs["high"])
    out = {"rank": np.arange(1, len(pairs) + 1, dtype=np.int64), "cosine": pairs["cosine"].to_numpy(),
           "doc_a": doc_a.astype(np.int64), "doc_b": doc_b.astype(np.int64)}
    side_a, side_b = docs.loc[doc_a], docs.loc[doc_b]
    for column in [group] + keys:
        out[f"{column}_a"] = side_a[column].to_numpy()
        out[f"{column}_b"] = side_b[column].to_numpy()
    return pd.DataFrame(out)


def pair_counts(matches: pd.DataFrame, group: str = "source") -> pd.DataFrame:
    """Per pair of groups in a ``passage_matches`` frame: ``n_pairs`` matched and the best
    ``max_cosine``; most pairs first (ties: best cosine, then the groups' names)."""
    a, b = f"{group}_a", f"{group}_b"
    out = matches.groupby([a, b], sort=True, observed=True).agg(
        n_pairs=("cosine", "size"), max_cosine=("cosine", "max")).reset_index()
    out = out.sort_values(["n_pairs", "max_cosine", a, b], ascending=[False, False, True, True], kind="stable")
    return out.astype({"n_pairs": "int64"}).reset_index(drop=True)


def shorten(text: str, width: int = 160) -> str:
    """``text`` on one line (white space collapsed), at most ``width`` characters, the
    last one ``…`` when cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def paragraph_label(article_ids, paragraph_ids) -> list[str]:
    """Labels such as "000 ¶3"."""
    return [f"{a} ¶{int(p)}" for a, p in zip(article_ids, paragraph_ids)]


def shared_terms(weights: pd.DataFrame, doc_a: int, doc_b: int, k: int = 6) -> list[str]:
    """Terms in both documents, by the product of their weights (ties by term);
    ``weights`` sorted by ``doc_index`` as ``tfidf`` returns it."""
    index = weights["doc_index"].to_numpy()

    def of(doc):
        lo, hi = np.searchsorted(index, [doc, doc + 1])
        part = weights.iloc[lo:hi]
        return pd.Series(part["tf_idf"].to_numpy(), index=part["term"].astype(str).to_numpy())

    both = (of(doc_a) * of(doc_b)).dropna()
    both = both.rename_axis("term").reset_index(name="w")
    both = both.sort_values(["w", "term"], ascending=[False, True], kind="stable")
    return list(both["term"].head(k))


def with_texts(matches: pd.DataFrame, weights: pd.DataFrame, paragraphs: pd.DataFrame, articles: pd.DataFrame,
               width: int = 160, n_terms: int = 6) -> pd.DataFrame:
    """Paragraph ``passage_matches`` rows with ``paragraph_a``/``paragraph_b`` labels
    ("000 ¶3"), ``shared_terms`` (the ``n_terms`` weighing most in both) and each text
    shortened to ``width`` characters.  For a bounded number of rows (a top ``n``)."""
    texts = articles.set_index("article_id")["text"]
    spans = paragraphs.set_index(["article_id", "paragraph_id"])[["start", "end"]]

    def text(article_id, paragraph_id):
        start, end = spans.loc[(article_id, paragraph_id)]
        return shorten(texts[article_id][int(start):int(end)], width)

    out = matches.copy()
    out["paragraph_a"] = paragraph_label(out["article_id_a"], out["paragraph_id_a"])
    out["paragraph_b"] = paragraph_label(out["article_id_b"], out["paragraph_id_b"])
    out["shared_terms"] = [", ".join(shared_terms(weights, a, b, n_terms)) for a, b in zip(out["doc_a"], out["doc_b"])]
    out["text_a"] = [text(a, p) for a, p in zip(out["article_id_a"], out["paragraph_id_a"])]
    out["text_b"] = [text(a, p) for a, p in zip(out["article_id_b"], out["paragraph_id_b"])]
    return out
