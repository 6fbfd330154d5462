"""The sentence development set (``tests/gold/sentences.jsonl``) and its scoring.

Each line is ``{"category", "text", "sentences"}``: a text and the sentences expected from
it.  A case passes when a splitter gives exactly those sentences, compared with white space
squeezed (a sentence of hard-wrapped text keeps its line breaks inside; pySBD keeps trailing
spaces).  Plain Python, so that another splitter can be scored from its own environment::

    /tmp/sbd/bin/python tests/sentence_gold.py --pysbd
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold" / "sentences.jsonl"


def cases() -> list[dict]:
    with open(GOLD, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def squeeze(sentences: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in sentences if s.strip()]


def passes(split: Callable[[str], list[str]], case: dict) -> bool:
    return squeeze(split(case["text"])) == squeeze(case["sentences"])


def scores(split: Callable[[str], list[str]]) -> dict[str, tuple[int, int]]:
    """``{category: (passed, cases)}`` plus ``"all"``."""
    passed, total = Counter(), Counter()
    for case in cases():
        for key in (case["category"], "all"):
            total[key] += 1
            passed[key] += passes(split, case)
    return {key: (passed[key], total[key]) for key in total}


def table(result: dict[str, tuple[int, int]]) -> str:
    return "\n".join(f"{key:24} {p:3}/{n:<3} {100 * p / n:5.1f}%" for key, (p, n) in result.items())


if __name__ == "__main__":
    if "--pysbd" in sys.argv:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        print(table(scores(segmenter.segment)))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from analysis.corpus import rules

        def split(text: str) -> list[str]:
            return [text[s:e] for p_start, p_end in rules.paragraph_spans(text)
                    for s, e in rules.sentence_spans(text, p_start, p_end)]

        print(table(scores(split)))
