"""Where the partitioned path runs: ``client_for(scheduler)``, and when to choose it.

``scheduler``:

* ``None``: no Dask at all; the corpus is loaded in this process (``load_corpus``), as
  the notebooks and the report do today;
* ``"local"``: a ``distributed.LocalCluster`` sized to this machine: one single-threaded
  worker process per core (``local_workers``), each with an equal share of the memory
  (``memory_limit="auto"``), closed when the ``with`` block ends;
* ``"local:N"``: the same with ``N`` workers;
* anything else: the address of a running Dask scheduler (``tcp://host:8786``), e.g. one
  started by ``dask-jobqueue`` on an HPC cluster or by the Dask Kubernetes operator; the
  workers must see the corpus at the same path (a shared file system).

``choose_scheduler(path, scheduler)`` gives the scheduler to use: the one asked for, else
``"local"`` when the input is larger than ``PARTITIONED_ABOVE_BYTES``, else ``None``.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from ..config import MALLOC_REUSE, NO_HUGE_PAGES, with_memory_settings
from ..corpus.files import ARTICLE_SUFFIXES, resolve_corpus_path

#: Input bytes (article files, or a table file) above which the partitioned path is the
#: one to choose.  In memory the whole report takes about 67 times its input at its peak
#: (benchmarks/results-report.md: 3.04 GB for 45.3 MB of text at 10,000 articles), a loaded
#: corpus alone about 20 times (``load_corpus`` of 10,000 articles): 100 MB of input (about 22,000
#: articles) is some 6.7 GB in one process, the most a 16 GB laptop should give it.  Above it
#: a worker holds one partition (``plan.PARTITION_BYTES``) at a time.
PARTITIONED_ABOVE_BYTES = 100_000_000


def input_bytes(path) -> int:
    """The size of a corpus's input: its article files' bytes, or the table file's."""
    target = resolve_corpus_path(path)
    if not target.is_dir():
        return target.stat().st_size
    with os.scandir(target) as scan:
        return sum(e.stat().st_size for e in scan
                   if os.path.splitext(e.name)[1].lower() in ARTICLE_SUFFIXES and e.is_file())


def choose_scheduler(path, scheduler: str | None = None) -> str | None:
    """The scheduler asked for, else ``"local"`` above ``PARTITIONED_ABOVE_BYTES``, else None."""
    if scheduler is not None:
        return scheduler
    return "local" if input_bytes(path) > PARTITIONED_ABOVE_BYTES else None


def local_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def client_for(scheduler: str | None, n_workers: int | None = None, memory_limit: str | int = "auto"):
    """A ``distributed.Client`` for ``scheduler`` (module docstring), closed on leaving;
    ``None`` for ``None`` (the in-memory path).  Starting workers sets variables in this
    process's environment for them to inherit (``OMP_NUM_THREADS=1``, ``PYTHONHASHSEED``,
    ...); they are put back on leaving, so processes started later (a report's kernels) do
    not inherit them."""
    if scheduler is None:
        yield None
        return
    saved = dict(os.environ)
    try:
        with _client(scheduler, n_workers, memory_limit) as client:
            yield client
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _client(scheduler: str, n_workers: int | None, memory_limit: str | int):
    from distributed import Client, LocalCluster

    if scheduler == "local" or scheduler.startswith("local:"):
        # inherited by the workers; client_for puts the environment back.  Their glibc trimming is
        # Dask's own (distributed.nanny.pre-spawn-environ): its memory limit reads their size.
        with_memory_settings(settings=NO_HUGE_PAGES)
        for name in MALLOC_REUSE:
            os.environ.pop(name, None)
        workers = n_workers or (int(scheduler.split(":", 1)[1]) if ":" in scheduler else local_workers())
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                          dashboard_address=":0", local_directory=_scratch()) as cluster, Client(cluster) as client:
            yield client
        return
    with Client(scheduler) as client:
        yield client


def _scratch() -> str:
    """Workers' spill folder: the system's temporary folder (never the corpus folder)."""
    import tempfile

    return str(Path(tempfile.gettempdir()) / "news-framing-dask")
