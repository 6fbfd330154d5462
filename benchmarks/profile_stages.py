"""Where the pipeline's time goes: CPU seconds of each step of load + terms + TF-IDF + keyness.

    python -m benchmarks.profile_stages [--n 10000] [--repeats 3] [--corpus FOLDER]

Runs every step of ``load_corpus`` one after the other in this process (files, cleaning, the
engine's passes batch by batch, joining the batches, building the frames) and then the verbs,
with scikit-learn's ``TfidfVectorizer`` on the same texts in every round, and prints a Markdown
table of the median CPU seconds (this process and its threads).  Run one step at a time, the
sum is more than ``load_corpus`` costs in wall time (it overlaps reading with the engine on
threads) and says what each part would save.  Nothing is written; the table is for
``benchmarks/README.md``.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def profile(folder: Path, repeats: int) -> dict[str, list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis import add_source, count_terms, keyness, tfidf
    from analysis.corpus import engine, queries, sentences
    from analysis.corpus import load as loader
    from analysis.corpus.cleaning import clean_text
    from analysis.corpus.frames import corpus_frames
    from analysis.corpus.files import read_text_file
    from analysis.corpus.metadata import article_table

    engine.split_batch(["Warm up the patterns. Once."])
    seconds: dict[str, list[float]] = {}

    def timed(name, run):
        start = _cpu()
        out = run()
        seconds.setdefault(name, []).append(_cpu() - start)
        return out

    for _ in range(repeats):
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        timed("scikit-learn TfidfVectorizer (the baseline)", lambda: TfidfVectorizer().fit_transform(texts))
        table = timed("files: listing, metadata.csv", lambda: article_table(folder))
        rows = table.to_dict("records")
        raws = timed("files: reading, decoding", lambda: [read_text_file(folder / r["file"])[0] for r in rows])
        cleaned = timed("cleaning (Python rules per line)",
                        lambda: [clean_text(raw, title=r["title"])[0] for raw, r in zip(raws, rows)])
        batches, batch, size, first = [], [], 0, 0
        for i, text in enumerate(cleaned):
            batch.append(text)
            size += len(text)
            if size >= loader.BATCH_CHARS:
                batches.append((first, batch))
                first, batch, size = i + 1, [], 0
        if batch:
            batches.append((first, batch))
        steps = {"engine: paragraphs": 0.0, "engine: sentences": 0.0, "engine: tokens and their codes": 0.0}
        parts = []
        for first, texts_ in batches:
            frame = queries.text_frame(texts_)
            lengths = np.fromiter(map(len, texts_), dtype=np.int64)
            start = _cpu()
            paragraphs = sentences.paragraph_rows(lines := sentences.paragraph_lines(frame))
            steps["engine: paragraphs"] += _cpu() - start
            start = _cpu()
            sentences.sentence_rows(paragraphs, sentences.stops(frame, lines), len(texts_), lengths)
            steps["engine: sentences"] += _cpu() - start
            start = _cpu()
            engine.tokens(frame)
            steps["engine: tokens and their codes"] += _cpu() - start
            parts.append((first, engine.split_batch(texts_)))
        for name, value in steps.items():
            seconds.setdefault(name, []).append(value)
        split = timed("engine: joining the batches (one vocabulary)", lambda: engine.join(parts))
        ids = pd.Categorical(table["article_id"], categories=pd.Index(table["article_id"], dtype="str"))
        frames = timed("frames: columns, folding (lower, norm, stop words)",
                       lambda: corpus_frames(ids, split))
        articles = pd.DataFrame({"article_id": table["article_id"], "source": table["outlet"]})
        tokens = timed("add_source", lambda: add_source(frames["tokens"], articles))
        counts = timed("count_terms by source", lambda: count_terms(tokens, by="source"))
        timed("paragraph TF-IDF", lambda: tfidf(tokens, doc="paragraph"))
        timed("keyness, every source vs the rest", lambda: keyness(counts, total="total_tokens"))
    return seconds


def table(seconds: dict[str, list[float]]) -> str:
    baseline = statistics.median(seconds["scikit-learn TfidfVectorizer (the baseline)"])
    lines = ["| step | CPU s (median) | share of the baseline |", "|---|---:|---:|"]
    total = 0.0
    for name, values in seconds.items():
        value = statistics.median(values)
        if not name.startswith("scikit-learn"):
            total += value
        lines.append(f"| {name} | {value:.2f} | {value / baseline:.2f}x |")
    lines.append(f"| **sum of the steps** | **{total:.2f}** | **{total / baseline:.2f}x** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_stages", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the synthetic corpus")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder (default: generate one)")
    args = parser.parse_args(argv)
    if args.corpus:
        print(table(profile(args.corpus, args.repeats)))
        return 0
    from .generate import write_corpus

    with tempfile.TemporaryDirectory() as scratch:
        write_corpus(scratch, args.n, processes=2)
        print(table(profile(Path(scratch), args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
