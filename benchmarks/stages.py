"""The timed stages and baselines.  Each stage reads its inputs from the work folder
(untimed), runs (timed), and may leave its result there for later stages.

The package is imported only through its top-level names (``from analysis import ...``),
which stay stable while its modules move.  ``PIPELINE`` runs load + terms + TF-IDF +
keyness back to back in one process, as a user would; the runner times it in pairs
against ``SKLEARN``.
"""
from __future__ import annotations

import csv
import inspect
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class Stage:
    name: str
    kind: str  # "stage", "baseline" or "pipeline"
    run: Callable[[Path, Path], Any]  # (corpus folder, work folder) -> callable doing the timed work
    keep: str | None = None  # file name in the work folder for the result, if later stages need it
    inspect: Callable[[Any], dict] | None = None  # extra figures read from the result after the clock


def _load(work: Path, name: str):
    with open(work / name, "rb") as handle:
        return pickle.load(handle)


# ----------------------------------------------------------------- baselines


def read_plain(folder: Path) -> list[str]:
    """Every article as a string, plain Python: metadata.csv, then each listed file."""
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as handle:
        files = [row["file"] for row in csv.DictReader(handle)]
    texts = []
    for name in files:
        with open(folder / name, encoding="utf-8") as handle:
            texts.append(handle.read())
    return texts


def _plain(folder: Path, work: Path):
    return lambda: read_plain(folder)


def _sklearn(folder: Path, work: Path):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = read_plain(folder)
    return lambda: TfidfVectorizer().fit_transform(texts)


# ----------------------------------------------------------------- package stages


def _load_corpus(folder: Path, work: Path):
    from analysis import load_corpus

    return lambda: load_corpus(folder)


#: The corpus frames whose in-memory size is compared with the text size.
FRAMES = ("articles", "paragraphs", "sentences", "tokens", "removed")


def frame_memory(corpus) -> dict:
    """``{"frames_bytes": {frame: bytes}}``: ``memory_usage(deep=True).sum()`` of each corpus frame."""
    sizes = {}
    for name in FRAMES:
        frame = getattr(corpus, name, None)
        if frame is not None:
            sizes[name] = int(frame.memory_usage(deep=True).sum())
    return {"frames_bytes": sizes}


def _terms(folder: Path, work: Path):
    from analysis import add_source, count_terms

    corpus = _load(work, "corpus.pickle")

    def run():
        tokens = add_source(corpus.tokens, corpus.articles)
        return count_terms(tokens, by="source")

    return run


def _tfidf(folder: Path, work: Path):
    from analysis import add_source, tfidf

    corpus = _load(work, "corpus.pickle")
    return lambda: tfidf(add_source(corpus.tokens, corpus.articles), doc="paragraph")


def _keyness(folder: Path, work: Path):
    from analysis import keyness

    counts = _load(work, "counts.pickle")
    return lambda: keyness(counts, total="total_tokens")


def _countries(folder: Path, work: Path):
    from analysis import country_mentions
    corpus = _load(work, "corpus.pickle")
    first = next(iter(inspect.signature(country_mentions).parameters))
    arg = {"tokens": corpus.tokens, "articles": corpus.articles}.get(first, corpus)
    return lambda: country_mentions(arg)


def _pipeline(folder: Path, work: Path):
    from analysis import add_source, count_terms, keyness, load_corpus, tfidf

    def run():
        corpus = load_corpus(folder)
        tokens = add_source(corpus.tokens, corpus.articles)
        counts = count_terms(tokens, by="source")
        weights = tfidf(tokens, doc="paragraph")
        key = keyness(counts, total="total_tokens")
        return corpus, counts, weights, key  # returned, so freeing them is not timed

    return run


SKLEARN = "scikit-learn TfidfVectorizer"
BASELINES = [
    Stage("read files (plain Python)", "baseline", _plain),
    Stage(SKLEARN, "baseline", _sklearn),
]
STAGES = [
    Stage("load_corpus", "stage", _load_corpus, keep="corpus.pickle", inspect=frame_memory),
    Stage("count_terms", "stage", _terms, keep="counts.pickle"),
    Stage("paragraph TF-IDF", "stage", _tfidf),
    Stage("keyness", "stage", _keyness),
    Stage("country mentions", "stage", _countries),
]
PIPELINE = Stage("load + terms + TF-IDF + keyness", "pipeline", _pipeline)
ALL = {s.name: s for s in BASELINES + STAGES + [PIPELINE]}


def save(work: Path, name: str, value) -> None:
    """Pickle ``value`` into the work folder (atomically)."""
    tmp = work / f".{name}.{os.getpid()}"
    with open(tmp, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(work / name)
