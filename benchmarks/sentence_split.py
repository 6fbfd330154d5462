"""Time sentence splitting alone (the engine's paragraphs and sentence boundaries) on a corpus,
for one or more versions of the package, interleaved so that the machine's drift hits all alike.

    git archive <commit> analysis data | tar -x -C /tmp/before
    python -m benchmarks.sentence_split CORPUS_DIR /tmp/before .   # before, after

Each version's ``engine.paragraphs_and_sentences`` (public in every version since the polars
engine) runs on the corpus's cleaned texts in the loader's batches; prints the median
and spread of wall and CPU seconds (CPU counts every thread) per version, over ``--reps`` rounds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def _engine(root: str):
    """The ``analysis.corpus.engine`` module of the package under ``root``."""
    for name in [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]:
        del sys.modules[name]
    sys.path.insert(0, str(Path(root).resolve()))
    try:
        from analysis.corpus import engine
    finally:
        sys.path.pop(0)
    return engine


def _batches(texts: list[str], size: int) -> list[list[str]]:
    out, current, chars = [], [], 0
    for text in texts:
        current.append(text)
        chars += len(text)
        if chars >= size:
            out.append(current)
            current, chars = [], 0
    return out + ([current] if current else [])


def _split(engine, batches: list[list[str]]) -> tuple[float, float, int]:
    wall, cpu, sentences = time.perf_counter(), time.process_time(), 0
    for batch in batches:
        sentences += len(engine.paragraphs_and_sentences(batch)[1])
    return time.perf_counter() - wall, time.process_time() - cpu, sentences


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("roots", nargs="+", help="folders holding an `analysis` package")
    parser.add_argument("--reps", type=int, default=11)
    args = parser.parse_args(argv)
    from analysis.corpus.cleaning import clean_text
    from analysis.corpus.load import BATCH_CHARS

    texts = [clean_text(p.read_text(encoding="utf-8-sig"))[0] for p in sorted(Path(args.corpus).glob("*.txt"))]
    batches = _batches(texts, BATCH_CHARS)
    engines = [_engine(root) for root in args.roots]
    for engine in engines:  # warm up: regex classes, compiled patterns
        _split(engine, batches)
    walls, cpus, counts = ([[] for _ in engines] for _ in range(3))
    for rep in range(args.reps):
        order = range(len(engines)) if rep % 2 == 0 else reversed(range(len(engines)))
        for k in order:
            wall, cpu, n = _split(engines[k], batches)
            walls[k].append(wall)
            cpus[k].append(cpu)
            counts[k].append(n)
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters, {len(batches)} batches, {args.reps} rounds")
    for root, wall, cpu, n in zip(args.roots, walls, cpus, counts):
        print(f"{root}: wall {statistics.median(wall):.3f} s ({min(wall):.3f}-{max(wall):.3f}), "
              f"CPU {statistics.median(cpu):.3f} s ({min(cpu):.3f}-{max(cpu):.3f}), {n[0]:,} sentences")


if __name__ == "__main__":
    main()
