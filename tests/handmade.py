"""Tiny hand-made corpora for unit tests: write .txt files + metadata.csv, load them."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis import Corpus, load_corpus


def make_corpus(folder: Path, articles: dict[str, tuple[str, str]]) -> Corpus:
    """``articles`` is ``{article_id: (outlet, text)}``; returns the loaded corpus."""
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "file", "outlet"])
        for article_id, (outlet, text) in articles.items():
            (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
            writer.writerow([article_id, f"{article_id}.txt", outlet])
    return load_corpus(folder)


#: Columns the loader stores as categoricals (categories sorted), and its int32 columns.
CODED = ["token", "lower", "norm", "article_id"]
INT32 = ["paragraph_id", "sentence_id", "token_id", "start", "end"]


def encoded(tokens: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """``tokens`` in the loader's encoding: ``CODED`` (and ``extra``) columns as
    categoricals whose categories are the distinct values sorted, ``INT32`` as int32."""
    out = tokens.copy()
    for column in [c for c in CODED + list(extra) if c in out]:
        out[column] = pd.Categorical(out[column], categories=sorted(out[column].dropna().unique()))
    return out.astype({c: "int32" for c in INT32 if c in out})
