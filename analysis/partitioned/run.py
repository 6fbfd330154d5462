"""Measure a corpus on a Dask scheduler, partition by partition, and combine exactly.

``measure_partitioned(path, measures, client)``: the plan (``plan.plan_corpus``) becomes a
``dask.bag`` with one piece per partition; each piece is read and measured on a worker
(``pieces.run_piece``: the corpus never leaves it), the partial results are merged in a tree
on the workers (``Bag.reduction``), and the client receives one merged partial per measure
plus each piece's checks (ids, skipped rows, warnings, the error if any), never a token.

``measure_corpus(path, measures, scheduler)`` is the one entry point: ``scheduler=None``
loads the corpus in this process and runs the ordinary verbs (``measure.whole``).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import pandas as pd

from ..corpus.load import load_corpus
from .pieces import PieceResult, check_pieces, run_piece
from .plan import PARTITION_BYTES, plan_corpus
from .scheduler import client_for

#: How many partials one merge step combines (the fan-in of the reduction tree).
SPLIT_EVERY = 8


def _checks(result: PieceResult) -> PieceResult:
    """The piece's result without its partials (those travel through the reduction)."""
    return dataclasses.replace(result, partials={})


def _merger(measures: tuple):
    def merge(items) -> dict:
        """Partials of a run of pieces (in input order) merged into one per measure."""
        items = sorted((i for i in items if i is not None), key=lambda i: i[0])
        merged = {}
        for m in measures:
            parts = [partials[m.name] for _, partials in items if m.name in partials]
            if parts:
                merged[m.name] = m.merge(parts)
        return (items[0][0], merged) if items else None

    def per_partition(results) -> tuple | None:
        return merge([(r.index, r.partials) for r in results if r.error is None])

    return per_partition, merge


def measure_partitioned(path, measures: Sequence, client=None, columns: Mapping[str, str] | None = None,
                        partition_bytes: int = PARTITION_BYTES, pieces_out: list | None = None) -> dict[str, pd.DataFrame]:
    """Every measure of the corpus at ``path``, computed per partition on ``client`` (a
    ``distributed.Client``; None: Dask's synchronous scheduler, in this process) and
    combined (module docstring).  Errors and warnings are those of ``load_corpus``.
    ``pieces_out``: a list that receives each piece's ``PieceResult`` without its partials
    (articles, seconds spent reading it and on each measure), for benchmarks."""
    import dask
    import dask.bag as db

    measures = tuple(measures)
    names = [m.name for m in measures]
    if len(set(names)) != len(names):
        raise ValueError(f"two measures share a name: {names}")
    plan = plan_corpus(path, columns, partition_bytes)
    pieces = db.from_sequence(list(enumerate(plan.pieces)), npartitions=len(plan.pieces))
    results = pieces.starmap(run_piece, source=plan.source, measures=measures)
    per_partition, merge = _merger(measures)
    reduced = results.reduction(per_partition, merge, split_every=SPLIT_EVERY)
    checks = results.map(_checks)
    if client is None:
        checked, partial = dask.compute(checks, reduced, scheduler="synchronous")
    else:
        checked, partial = client.compute([checks, reduced], sync=True)
    check_pieces(plan, list(checked))
    if pieces_out is not None:
        pieces_out.extend(sorted(checked, key=lambda r: r.index))
    merged = partial[1] if partial else {}
    return {m.name: m.finish(merged[m.name]) for m in measures}


def measure_corpus(path, measures: Sequence, scheduler: str | None = None, columns: Mapping[str, str] | None = None,
                   partition_bytes: int = PARTITION_BYTES) -> dict[str, pd.DataFrame]:
    """Every measure of the corpus at ``path``: in this process (``scheduler=None``, the
    ordinary verbs on ``load_corpus``), or partitioned on a Dask scheduler (``"local"``,
    ``"local:N"`` or an address; see ``scheduler.client_for``)."""
    if scheduler is None:
        corpus = load_corpus(path, columns)
        return {m.name: m.whole(corpus) for m in measures}
    with client_for(scheduler) as client:
        return measure_partitioned(path, measures, client, columns, partition_bytes)
