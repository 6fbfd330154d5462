"""Tiny hand-made corpora for unit tests: write .txt files + metadata.csv, load them."""
from __future__ import annotations

import csv
from pathlib import Path

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
