"""One piece of a plan on a worker: read it into an ordinary ``Corpus``, measure it, drop it.

``run_piece(index, piece, source, measures)`` returns a ``PieceResult``: each measure's
partial result (small: counts, per-article rows, a sample), the facts the client needs to
check the whole input as ``load_corpus`` does (article ids and row labels, skipped rows,
unreadable dates), the warnings issued while reading, and the ``CorpusError`` that stopped
the piece, if any (returned, not raised, so the client raises the first in input order,
whichever worker finishes first).

``check_pieces(plan, results)`` then, on the client, re-issues the warnings in input order,
raises the first error, refuses an article id used in two pieces (the message of
``load_corpus``: the later row, ``also`` the earlier) and issues the whole input's warnings
about skipped rows, dates and words (articles without words, unspaced scripts, overlong
tokens), once each, as ``load_corpus`` does.
"""
from __future__ import annotations

import itertools
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.dates import warn_unparsed
from ..corpus.errors import CorpusError
from ..corpus.load import Corpus, folder_corpus, merge_word_flags, table_corpus, warn_words, word_flags
from ..corpus.tables import finish_table, table_records
from .plan import Plan, Source


@dataclass
class PieceResult:
    index: int
    partials: dict = field(default_factory=dict)
    ids: list = field(default_factory=list)  # (article_id, row label) in input order (tables)
    skipped: list = field(default_factory=list)
    bad_dates: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # (message, category, filename, lineno)
    words: dict = field(default_factory=dict)  # load.word_flags of its articles
    error: CorpusError | None = None
    whole: bool = False  # the piece was the whole input (its checks are done)
    seconds: dict = field(default_factory=dict)  # time spent reading it and on each measure
    articles: int = 0


def read_piece(source: Source, piece, result: PieceResult) -> Corpus | None:
    """The ``Corpus`` of one piece (a run of folder rows, a ``tables.Span`` or ``None`` for a
    whole table), with ``load_corpus``'s rules, errors and per-article warnings (those about
    words are kept in ``result.words``, to be issued once for the whole input); ``None`` when
    the piece holds no article (every row's text blank)."""
    target = Path(source.target)
    removed: list[dict] = []
    if source.kind == "folder":
        rows = [dict(row) for row in piece]
        corpus = folder_corpus(target, rows, list(source.docvars), removed, result.bad_dates, warn_dates=False)
        result.words = word_flags(corpus)
        return corpus
    result.whole = piece is None
    result.state = {}
    records = table_records(target, source.columns, removed, result.state, span=piece)
    first = next(records, None)
    if first is None:
        return None
    corpus = table_corpus(target, itertools.chain([first], records), removed, result.state)
    result.words = word_flags(corpus)
    return corpus


def run_piece(index: int, piece, source: Source, measures: tuple) -> PieceResult:
    """Read one piece and compute every measure's partial result on it (module docstring)."""
    result = PieceResult(index)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            start = time.perf_counter()
            corpus = read_piece(source, piece, result)
            result.seconds["read"] = time.perf_counter() - start
            if corpus is not None:
                result.articles = len(corpus.articles)
                for m in measures:
                    start = time.perf_counter()
                    result.partials[m.name] = m.part(corpus)
                    result.seconds[m.name] = time.perf_counter() - start
        except CorpusError as error:
            result.error = error
    result.warnings = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    state = result.__dict__.pop("state", None) or {}
    result.ids = list(state.get("seen", {}).items())
    result.skipped = state.get("skipped", [])
    result.bad_dates = state.get("bad_dates", result.bad_dates)
    return result


def check_pieces(plan: Plan, results: list[PieceResult]) -> None:
    """The whole input's checks, on the client, in input order (module docstring)."""
    results = sorted(results, key=lambda r: r.index)
    name, table = plan.source.name, plan.source.kind == "table" and not any(r.whole for r in results)
    shown, seen = set(), {}
    for result in results:
        for message, category, filename, lineno in result.warnings:
            if (message, category) not in shown:
                shown.add((message, category))
                warnings.warn_explicit(message, category, filename=filename, lineno=lineno)
        for article_id, label in result.ids if table else ():  # the rows before its error, if any
            if article_id in seen:
                raise CorpusError(f"{name}: {label}: duplicate article id {article_id!r} (also {seen[article_id]})")
            seen[article_id] = label
        if result.error is not None:
            raise result.error
    if plan.pending is not None:
        raise plan.pending
    bad_dates = [d for r in results for d in r.bad_dates]
    if plan.source.kind == "folder":
        warn_unparsed(bad_dates, name)
    elif table:
        finish_table(name, seen, [s for r in results for s in r.skipped], bad_dates)
    warn_words(merge_word_flags(r.words for r in results), name)
