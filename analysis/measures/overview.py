"""What a corpus holds: per-article, per-sentence and per-source sizes, what cleaning
removed (per article, per source and rule, a bounded sample of the lines), variant
spellings used, and which sources are largest (the ones a bounded chart or table shows).

Every function is one or two grouped passes over a frame (no loop over articles), so a
corpus of 100,000 articles costs what its rows cost.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus import Corpus
from .codes import codes
from .counts import add_source, variant_counts

SUMMARY_COLUMNS = [
    "article_id", "source", "title", "author", "published",
    "n_paragraphs", "n_sentences", "n_tokens", "n_removed_lines",
]


def sentence_token_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Tokens per sentence: ``article_id``, ``sentence_id``, ``tokens`` (sentences with
    tokens only), in article and sentence order.  One pass over codes: the run lengths
    of (article, sentence) when the tokens are in that order, as the loader makes them."""
    article, ids = codes(tokens["article_id"])
    sentence = tokens["sentence_id"].to_numpy(dtype=np.int64)
    key = article.astype(np.int64) * (int(sentence.max(initial=0)) + 1) + sentence
    if len(key) and not bool(np.all(key[1:] >= key[:-1])):
        key = np.sort(key)
    edges = np.flatnonzero(np.r_[True, key[1:] != key[:-1], True]) if len(key) else np.zeros(1, np.int64)
    first = key[edges[:-1]]
    per = int(sentence.max(initial=0)) + 1
    return pd.DataFrame(
        {
            "article_id": pd.Series(ids.take(first // per), dtype="str"),
            "sentence_id": (first % per).astype("int64"),
            "tokens": np.diff(edges).astype("int64"),
        }
    )


def article_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per article: metadata and sizes (paragraphs, sentences, word/number tokens)."""
    summary = corpus.articles[SUMMARY_COLUMNS].copy()
    per_sentence = sentence_token_counts(corpus.tokens)
    summary["mean_sentence_tokens"] = (
        per_sentence.groupby("article_id")["tokens"].mean().round(1).reindex(summary["article_id"]).to_numpy()
    )
    return summary


def removal_summary(corpus: Corpus) -> pd.DataFrame:
    """Lines removed by cleaning, counted per article and rule (with the rule's reason)."""
    removed = corpus.removed.assign(_chars=corpus.removed["text"].str.len())
    counts = (
        removed.groupby(["article_id", "rule", "reason"], sort=True, observed=True)
        .agg(lines=("line", "size"), characters=("_chars", "sum"))
        .reset_index()
        .astype({"lines": "int64", "characters": "int64"})
    )
    return counts.sort_values(["article_id", "rule"], kind="stable").reset_index(drop=True)


def variant_usage(corpus: Corpus, only_varying: bool = True) -> pd.DataFrame:
    """How each source spells the word families of the variants table (Uyghur/Uighur, ...).

    A per-source view of ``counts.variant_counts``: source, canonical (the folded form),
    spelling (as written, lower case, no possessive), n (tokens), family_n (tokens of the
    family in that source), share (n / family_n, 0-1, 3 decimals) and ``is_variant``.
    With ``only_varying`` (default) only families in which some source uses a listed
    variant are kept, each with all its spellings in every source.
    """
    tokens = add_source(corpus.tokens, corpus.articles)
    counts = variant_counts(tokens, by="source", varied_only=only_varying)
    out = counts.rename(columns={"form": "spelling"})
    out["family_n"] = out.groupby(["source", "canonical"])["n"].transform("sum")
    out["share"] = out["share"].round(3)
    out["is_variant"] = out["kind"] != "canonical"
    columns = ["source", "canonical", "spelling", "n", "family_n", "share", "is_variant"]
    return out[columns].sort_values(
        ["canonical", "source", "n", "spelling"], ascending=[True, True, False, True], kind="stable"
    ).reset_index(drop=True)


def sentence_lengths(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence: article_id, source, sentence_id, tokens (word/number tokens)."""
    counts = sentence_token_counts(corpus.tokens)
    sources = dict(zip(corpus.articles["article_id"], corpus.articles["source"]))
    counts.insert(1, "source", counts["article_id"].map(sources).astype("str"))
    return counts


def length_distribution(summary: pd.DataFrame, lengths: pd.DataFrame) -> pd.DataFrame:
    """How many articles and sentences of each length each source has: ``source``,
    ``unit`` ("article" or "sentence"), ``tokens`` and ``count``.  The data of the size
    chart in a form whose size does not grow with the corpus (sources x lengths)."""
    parts = []
    for unit, frame, column in [("article", summary, "n_tokens"), ("sentence", lengths, "tokens")]:
        counted = frame.groupby(["source", column], sort=True, observed=True).size().rename("count").reset_index()
        parts.append(counted.rename(columns={column: "tokens"}).assign(unit=unit))
    out = pd.concat(parts, ignore_index=True)[["source", "unit", "tokens", "count"]]
    out["source"] = out["source"].astype("str")
    return out.astype({"tokens": "int64", "count": "int64"})


def largest_sources(articles: pd.DataFrame, k: int | None = None) -> list[str]:
    """Sources ordered by number of articles, then tokens (both descending), then name;
    the first ``k`` (all when ``k`` is None).  The order every bounded chart and table uses."""
    sizes = articles.groupby("source", sort=False, observed=True).agg(
        articles=("article_id", "size"), tokens=("n_tokens", "sum")
    ).reset_index()
    sizes["source"] = sizes["source"].astype("str")
    ordered = sizes.sort_values(["articles", "tokens", "source"], ascending=[False, False, True], kind="stable")
    names = ordered["source"].tolist()
    return names if k is None else names[:k]


def source_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per source, largest first (``largest_sources``): ``articles``, ``tokens``,
    ``share_tokens`` (of the corpus, 0-1), ``sentences``, tokens per article (``median_tokens``,
    ``min_tokens``, ``max_tokens``), ``removed_lines`` and ``articles_cleaned`` (articles
    that lost at least one line)."""
    a = corpus.articles
    out = a.groupby("source", observed=True).agg(
        articles=("article_id", "size"),
        tokens=("n_tokens", "sum"),
        sentences=("n_sentences", "sum"),
        median_tokens=("n_tokens", "median"),
        min_tokens=("n_tokens", "min"),
        max_tokens=("n_tokens", "max"),
        removed_lines=("n_removed_lines", "sum"),
        articles_cleaned=("n_removed_lines", lambda s: int((s > 0).sum())),
    )
    out = out.reindex(largest_sources(a)).rename_axis("source").reset_index()
    total = out["tokens"].sum()
    out.insert(3, "share_tokens", (out["tokens"] / total).round(3) if total else 0.0)
    ints = ["articles", "tokens", "sentences", "min_tokens", "max_tokens", "removed_lines", "articles_cleaned"]
    return out.astype({c: "int64" for c in ints})


def removal_by_source(corpus: Corpus) -> pd.DataFrame:
    """Lines removed by cleaning per source and rule: ``source``, ``rule``, ``reason``,
    ``articles`` (articles the rule removed lines from), ``share_articles`` (of the
    source's articles, 0-1), ``lines`` and ``characters``.  Sources in ``largest_sources``
    order, then rules by lines removed (descending) and name."""
    sources = corpus.articles[["article_id", "source"]]
    removed = corpus.removed.merge(sources, on="article_id", how="left")
    removed = removed.assign(_chars=removed["text"].str.len(), source=removed["source"].astype("str"))
    out = removed.groupby(["source", "rule", "reason"], sort=True).agg(
        articles=("article_id", "nunique"), lines=("line", "size"), characters=("_chars", "sum")
    ).reset_index()
    per_source = sources.groupby("source", observed=True).size()
    per_source.index = per_source.index.astype("str")
    out["share_articles"] = out["articles"] / out["source"].map(per_source).to_numpy()
    rank = {s: i for i, s in enumerate(largest_sources(corpus.articles))}
    out = out.assign(_rank=out["source"].map(rank)).sort_values(
        ["_rank", "lines", "rule"], ascending=[True, False, True], kind="stable"
    )
    columns = ["source", "rule", "reason", "articles", "share_articles", "lines", "characters"]
    return out[columns].astype({"articles": "int64", "lines": "int64", "characters": "int64"}).reset_index(drop=True)


def sample_rows(frame: pd.DataFrame, k: int, by: str | list[str] | None = None, seed: int = 0) -> pd.DataFrame:
    """At most ``k`` rows of ``frame`` per group of ``by`` (of the whole frame when None):
    all rows of a group that has ``k`` or fewer, else a sample drawn with ``seed`` (the
    same rows for the same frame, every run).  Rows keep the frame's order."""
    if k < 0:
        raise ValueError("k must be 0 or more")
    key = pd.Series(np.random.default_rng(seed).random(len(frame)), index=frame.index)
    if by is None:
        rank = key.rank(method="first")
    else:
        rank = key.groupby([frame[c] for c in ([by] if isinstance(by, str) else by)], observed=True).rank(
            method="first"
        )
    return frame.loc[(rank <= k).to_numpy()]


def removed_sample(corpus: Corpus, per_rule: int = 3, seed: int = 0) -> pd.DataFrame:
    """A bounded look at what cleaning removed: at most ``per_rule`` removed lines per
    rule (a fixed-seed sample when the rule removed more), with ``source``, in rule then
    article and line order.  ``corpus.removed`` holds them all."""
    removed = corpus.removed.merge(corpus.articles[["article_id", "source"]], on="article_id", how="left")
    removed = removed.sort_values(["rule", "article_id", "line"], kind="stable").reset_index(drop=True)
    out = sample_rows(removed, per_rule, by="rule", seed=seed)
    return out[["rule", "source", "article_id", "line", "text"]].reset_index(drop=True)
