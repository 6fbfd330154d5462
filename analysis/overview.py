"""What a corpus holds: per-article sizes, what cleaning removed, variant spellings used."""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus, spelling
from .lexicon import variants_table

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
    """For each word family in the variants table that a source uses, how it spells it.

    With ``only_varying`` (default) only families in which some source uses a listed
    variant are kept (e.g. Uyghur/Uighur), each with all its spellings in every source.

    Returns source, canonical (the folded form), spelling (as written, lower case, no
    possessive), n (tokens), family_n (tokens of the family in that source), share
    (n / family_n, 0-1), and
    ``is_variant`` (the spelling is a listed variant rather than the canonical form).
    """
    table = variants_table()
    families = set(table["canonical"]) | set(table["variant"])
    tokens = corpus.tokens.merge(corpus.articles[["article_id", "source"]], on="article_id")
    tokens = tokens[tokens["norm"].isin(families)].copy()
    tokens["spelling"] = tokens["lower"].map(spelling)
    counts = tokens.groupby(["source", "norm", "spelling"]).size().rename("n").reset_index()
    counts = counts.rename(columns={"norm": "canonical"})
    counts["family_n"] = counts.groupby(["source", "canonical"])["n"].transform("sum")
    counts["share"] = (counts["n"] / counts["family_n"]).round(3)
    counts["is_variant"] = counts["spelling"].isin(set(table["variant"]))
    if only_varying:
        varying = set(counts.loc[counts["is_variant"], "canonical"])
        counts = counts[counts["canonical"].isin(varying)]
    return counts.sort_values(["canonical", "source", "n", "spelling"], ascending=[True, True, False, True],
                              kind="stable").reset_index(drop=True)
