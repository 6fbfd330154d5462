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

import multiprocessing
import os

import numpy as np
import pandas as pd

#: Articles from which the readers use worker processes (below: this process only).  At 1,000
#: generated articles the reading takes about 4 s, about what starting two workers costs.
PARALLEL_FROM = 2000
#: At most this many workers (and never more than the cores this process may use).
MAX_WORKERS = 4
#: Runs of articles per worker: more than one, so a worker that drew long articles is not left
#: working alone at the end.
CHUNKS_PER_WORKER = 4


def workers(n_articles: int) -> int:
    """How many processes read ``n_articles`` articles (1: this process).  A daemonic process
    (a Dask worker reading one partition, a pool's worker) cannot start processes: 1."""
    if n_articles < PARALLEL_FROM or multiprocessing.current_process().daemon:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def map_articles(function, articles: pd.DataFrame, frames: tuple[pd.DataFrame, ...], *args) -> list:
    """``function(articles, *frames, *args)`` (a list of rows), computed on runs of consecutive
    ``articles`` in worker processes when there are enough of them, each run with the rows of
    ``frames`` (sentences, mentions: frames with an ``article_id``) of its articles; the rows
    are concatenated in article order.  ``function`` must be a module-level function (the
    workers import it) that reads each article on its own."""
    n = workers(len(articles))
    if n == 1:
        return function(articles, *frames, *args)
    from joblib import Parallel, delayed  # scikit-learn's dependency; imported only when used

    size = -(-len(articles) // (n * CHUNKS_PER_WORKER))
    run_of = np.arange(len(articles)) // size
    runs = [articles.iloc[k * size:(k + 1) * size] for k in range(int(run_of[-1]) + 1)]
    lookup = dict(zip(articles["article_id"], run_of))
    codes = [frame["article_id"].map(lookup).to_numpy(dtype="float64", na_value=np.nan) for frame in frames]
    tasks = (delayed(function)(run, *(frame[code == k] for frame, code in zip(frames, codes)), *args)
             for k, run in enumerate(runs))
    parts = Parallel(n_jobs=n, backend="loky")(tasks)
    return [row for part in parts for row in part]
