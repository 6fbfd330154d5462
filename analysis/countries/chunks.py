"""Reading articles on several cores: the position and size readers read each article on its
own (nothing carries from one article to the next), so a large corpus is cut into runs of
consecutive articles, read in worker processes, and the rows put back together in article
order.  The rows are the same for any number of workers: only the cutting changes.

Workers are started by ``joblib`` with its ``loky`` backend (fresh interpreters, never a fork
of a process that holds polars' or pandas' threads); starting them and importing the package
in them costs a few seconds, so a corpus of fewer than ``PARALLEL_FROM`` articles (the seeds,
the test fixtures, the gold sets) is read in this process.
"""
from __future__ import annotations

import os

#: Articles from which the readers use worker processes (below: this process only).  At 1,000
#: generated articles the reading takes about 4 s, about what starting two workers costs.
PARALLEL_FROM = 2000
#: At most this many workers (and never more than the cores this process may use).
MAX_WORKERS = 4
#: Runs of articles per worker: more than one, so a worker that drew long articles is not left
#: working alone at the end.
CHUNKS_PER_WORKER = 4


def workers(n_articles: int) -> int:
    """How many processes read ``n_articles`` articles (1: this process)."""
    if n_articles < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def map_articles(function, items: list, *args) -> list:
    """``function(items, *args)`` (a list of rows), computed on consecutive runs of ``items`` in
    worker processes when there are enough of them, the rows concatenated in item order.
    ``function`` must be a module-level function (the workers import it)."""
    n = workers(len(items))
    if n == 1:
        return function(items, *args)
    from joblib import Parallel, delayed  # scikit-learn's dependency; imported only when used

    size = -(-len(items) // (n * CHUNKS_PER_WORKER))
    runs = [items[i:i + size] for i in range(0, len(items), size)]
    parts = Parallel(n_jobs=n, backend="loky")(delayed(function)(run, *args) for run in runs)
    return [row for part in parts for row in part]
