"""Run one stage in a fresh subprocess and measure seconds and peak RSS.

Children are forked from a ``forkserver`` that has imported pandas and scikit-learn once (a
``spawn`` child where there is no forkserver), so no stage inherits another's memory.
In the child: import the package, prepare the stage's inputs (untimed), then reset the
kernel's peak-RSS mark (``/proc/self/clear_refs``; on other systems the peak is
``ru_maxrss`` over the child's life), run the stage, and read the peak.  Memory
figures are reported as the peak and as the increase over the RSS just before the
stage (interpreter, imports and inputs).
"""
from __future__ import annotations

import contextlib
import gc
import io
import multiprocessing as mp
import os
import resource
import sys
import time
import traceback
from pathlib import Path

MB = 1024 * 1024


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def current_rss() -> int:
    """Resident set size of this process, bytes."""
    kb = _status_kb("VmRSS")
    if kb is not None:
        return kb * 1024
    import psutil

    return psutil.Process().memory_info().rss


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux); False if unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_rss() -> int:
    """Peak resident set size since the last reset (or process start), bytes."""
    kb = _status_kb("VmHWM")
    if kb is None:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kb * 1024


def frame_bytes(value) -> int:
    """Deep memory of the DataFrames in ``value`` (a frame, a dataclass of frames, ...)."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=True).sum())
    if hasattr(value, "__dataclass_fields__"):
        return sum(frame_bytes(getattr(value, f)) for f in value.__dataclass_fields__)
    if hasattr(value, "data") and hasattr(value, "indices"):  # scipy sparse matrix
        return int(value.data.nbytes + value.indices.nbytes + value.indptr.nbytes)
    if isinstance(value, list):
        return sum(sys.getsizeof(v) for v in value) + sys.getsizeof(value)
    return 0


def _children_cpu() -> float:
    """CPU seconds of this process's finished child processes (``load_corpus`` workers)."""
    times = os.times()
    return times.children_user + times.children_system


def _children_peak() -> int:
    """Peak RSS in bytes of the largest finished child process."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def _child(name: str, corpus: str, work: str, conn) -> None:
    try:
        import analysis  # noqa: F401  (the package and its heavy imports: pandas, sklearn)
        import pandas  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401

        from . import stages

        gc.collect()
        imports_rss = current_rss()
        stage = stages.ALL[name]
        work_fn = stage.run(Path(corpus), Path(work))
        gc.collect()
        exact = reset_peak()
        before = current_rss()
        start, cpu_start, children_start = time.perf_counter(), time.process_time(), _children_cpu()
        with contextlib.redirect_stderr(io.StringIO()):  # the runner's bar is the only one shown
            result = work_fn()
        seconds = time.perf_counter() - start
        children_cpu = _children_cpu() - children_start
        cpu_seconds = time.process_time() - cpu_start + children_cpu
        peak = peak_rss()
        record = {
            "status": "ok",
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "children_cpu": children_cpu,
            "children_peak_rss": _children_peak() if children_cpu else 0,
            "imports_rss": imports_rss,
            "before_rss": before,
            "peak_rss": peak,
            "exact_peak": exact,
            "result_bytes": frame_bytes(result),
        }
        if stage.inspect:
            record.update(stage.inspect(result))
        if stage.keep:
            stages.save(Path(work), stage.keep, result)
        conn.send(record)
    except BaseException:  # report any failure to the parent instead of dying silently
        conn.send({"status": "error", "detail": traceback.format_exc(limit=8)})
    finally:
        conn.close()


#: Imported once by the fork server.  Not the package: it imports polars, whose thread pool
#: does not survive a fork (a child forked after importing it ran the engine on one thread:
#: load_corpus 8.0 s wall = 8.2 s CPU, against 6.7-7.4 s wall for 8.2-9.0 s CPU in a fresh
#: process), and users run it in fresh processes and kernels.  Each child imports it, untimed.
PRELOAD = ["pandas", "sklearn.feature_extraction.text"]


def context():
    """The subprocess context: a fork server with ``PRELOAD`` imported (spawn where there is none)."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)  # missing modules are skipped
        return ctx
    return mp.get_context("spawn")


def measure(name: str, corpus: Path, work: Path, timeout: float) -> dict:
    """Run stage ``name`` in a fresh subprocess; the record has ``status`` ok/error/timeout."""
    ctx = context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(name, str(corpus), str(work), child))
    process.start()
    child.close()
    record = {"status": "error", "detail": "the subprocess ended without a report"}
    if parent.poll(timeout):
        try:
            record = parent.recv()
        except EOFError:
            pass
    else:
        process.kill()
        record = {"status": "timeout", "detail": f"stopped after {timeout:.0f} s"}
    process.join()
    return record
