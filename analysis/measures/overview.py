"""What a corpus holds: per-article and per-sentence sizes, what cleaning removed, variant
spellings used."""
from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from .counts import add_source, variant_counts

SUMMARY_COLUMNS = [
    "article_id", "source", "title", "author", "published",
    "n_paragraphs", "n_sentences", "n_tokens", "n_removed_lines",
]


def article_summary(corpus: Corpus) -> pd.DataFrame:
    """One row per article: metadata and sizes (paragraphs, sentences, word/number tokens)."""
    summary = corpus.articles[SUMMARY_COLUMNS].copy()
    sentence_tokens = corpus.tokens.groupby(["article_id", "sentence_id"]).size()
    summary["mean_sentence_tokens"] = (
        sentence_tokens.groupby("article_id").mean().round(1).reindex(summary["article_id"]).to_numpy()
    )
    return summary


def removal_summary(corpus: Corpus) -> pd.DataFrame:
    """Lines removed by cleaning, counted per article and rule (with the rule's reason)."""
    removed = corpus.removed
    counts = (
        removed.groupby(["article_id", "rule", "reason"], sort=True)
        .agg(lines=("line", "size"), characters=("text", lambda t: int(t.str.len().sum())))
        .reset_index()
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
    counts = corpus.tokens.groupby(["article_id", "sentence_id"]).size().rename("tokens").reset_index()
    return counts.merge(corpus.articles[["article_id", "source"]], on="article_id")[
        ["article_id", "source", "sentence_id", "tokens"]
    ]
