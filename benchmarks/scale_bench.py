"""``python -m benchmarks.scale_bench`` (``make bench-scale``): the partitioned path at scale.

A synthetic corpus of N articles (100,000 by default; 1,000,000 too with ``--with-1m``; 20
outlets, 3 years) is generated once as one Parquet table into ``--corpora`` (row groups of
1,000 articles; reused while its shape is unchanged).  On a ``LocalCluster`` of this machine
(single-threaded worker processes, ``--memory-limit`` each), ``analysis.partitioned`` reads
it in partitions and computes term counts by source, country mentions per article and
attention over time; keyness then runs on the client from the combined counts (the ordinary
``keyness``).  Each size runs with 1 and with 2 workers (``--workers``), a fresh cluster each.

Measured: wall time of the partitioned pass (cluster start apart) and of keyness; the time
the workers spent per stage (reading a piece into a ``Corpus``, and each measure), summed
over pieces; the peak resident memory of each worker process (sampled every
``SAMPLE_SECONDS`` from here with psutil) and of this (client) process; the speed-up from
1 to 2 workers.  Results go to ``--out`` (``benchmarks/results-scale.md``).  The issue's
target: 1,000,000 articles in at most 30 minutes with at most 8 GB per worker.
"""
from __future__ import annotations

import argparse
import json
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil

from .generate import ROW_GROUP_ARTICLES, SEED, Shape, write_parquet
from .machine import describe

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent / "results-scale.md"
DEFAULT_CORPORA = ROOT / "build" / "bench-corpora"
SAMPLE_SECONDS = 0.2
GB = 1e9
STAGES = ("read", "counts", "mentions", "attention")
TARGET = (1_000_000, 30 * 60, 8 * GB)


def corpus_for(n: int, shape: Shape, seed: int, folder: Path, processes: int = 2) -> Path:
    """The Parquet table of ``n`` articles of this shape, generated unless an identical one
    is there (row groups written by ``processes`` processes, in order)."""
    target = folder / f"n{n}-o{shape.outlets}-y{shape.years}-s{seed}.parquet"
    stamp = target.with_suffix(".json")
    wanted = {"n": n, "outlets": shape.outlets, "start": shape.start, "years": shape.years, "seed": seed,
              "row_group": ROW_GROUP_ARTICLES}
    if target.is_file() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    _write_in_parts(target, n, seed, shape, processes)
    stamp.write_text(json.dumps(wanted))
    return target


def _part(args) -> str:
    path, start, stop, seed, shape = args
    from . import generate

    generate.write_parquet(path, stop - start, seed, shape, first=start)
    return path


def _write_in_parts(target: Path, n: int, seed: int, shape: Shape, processes: int) -> None:
    """Parts of the table written side by side, then joined row group by row group."""
    import pyarrow.parquet as pq

    step = max(ROW_GROUP_ARTICLES, -(-n // (4 * processes)) // ROW_GROUP_ARTICLES * ROW_GROUP_ARTICLES)
    jobs = [(str(target) + f".part{k}", start, min(n, start + step), seed, shape)
            for k, start in enumerate(range(0, n, step))]
    with ProcessPoolExecutor(processes) as pool:
        parts = list(pool.map(_part, jobs))
    schema = pq.ParquetFile(parts[0]).schema_arrow
    with pq.ParquetWriter(target, schema) as writer:
        for part in parts:
            source = pq.ParquetFile(part)
            for i in range(source.num_row_groups):
                writer.write_table(source.read_row_group(i))
            os.remove(part)


class Sampler:
    """The peak resident memory of some processes, sampled on a thread."""

    def __init__(self, pids: list[int]):
        self.procs = {pid: psutil.Process(pid) for pid in pids}
        self.peaks = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for pid, proc in self.procs.items():
                try:
                    self.peaks[pid] = max(self.peaks[pid], proc.memory_info().rss)
                except psutil.Error:
                    pass
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_once(path: Path, workers: int, memory_limit: str, partition_bytes: int) -> dict:
    """One partitioned pass on a fresh LocalCluster of ``workers`` workers, measured."""
    from distributed import Client, LocalCluster

    from analysis import keyness
    from analysis.partitioned import Attention, CountryMentions, TermCounts, measure_partitioned

    measures = [TermCounts(by="source"), CountryMentions(), Attention()]
    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        ready = time.perf_counter()
        pids = list(client.run(os.getpid).values())
        pieces: list = []
        with Sampler([*pids, os.getpid()]) as sampler:
            t0 = time.perf_counter()
            out = measure_partitioned(path, measures, client, partition_bytes=partition_bytes, pieces_out=pieces)
            t1 = time.perf_counter()
            key = keyness(out["counts"])
            t2 = time.perf_counter()
    stages = {s: sum(p.seconds.get(s, 0.0) for p in pieces) for s in STAGES}
    return {
        "workers": workers, "cluster_start_s": ready - started, "pass_s": t1 - t0, "keyness_s": t2 - t1,
        "pieces": len(pieces), "articles": sum(p.articles for p in pieces), "stages": stages,
        "worker_peaks": [sampler.peaks[p] for p in pids], "client_peak": sampler.peaks[os.getpid()],
        "rows": {"counts": len(out["counts"]), "keyness": len(key), "mentions": len(out["mentions"]),
                 "attention": len(out["attention"])},
    }


def report(results: list[dict], sizes: dict[int, float], args) -> str:
    lines = [
        "# Scale benchmark: the partitioned path (Dask) on synthetic corpora",
        "",
        "Written by `make bench-scale` (`python -m benchmarks.scale_bench`); do not edit by hand.",
        f"Corpora: `benchmarks/generate.py` as one Parquet table (row groups of {ROW_GROUP_ARTICLES:,} articles), "
        f"seed {args.seed}, {args.outlets} outlets, dates over {args.years} years. Measures: term counts by source, "
        "country mentions per article, attention over time (per partition on the workers, combined), then keyness "
        "of the combined counts on the client. A fresh `LocalCluster` per run: single-threaded worker processes, "
        f"memory limit {args.memory_limit} each, partitions of about {args.partition_bytes / 1e6:.0f} MB of input. "
        f"Memory: peak resident set of each worker process and of the client, sampled every {SAMPLE_SECONDS} s.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in describe().items()],
        "",
        "## Runs",
        "",
        "| articles | text MB | workers | pieces | pass wall s | keyness s | cluster start s | peak per worker GB "
        "(max) | client peak GB | speed-up vs 1 worker |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    one = {r["n"]: r["pass_s"] for r in results if r["workers"] == 1}
    for r in results:
        speed = f"{one[r['n']] / r['pass_s']:.2f}×" if r["n"] in one and r["workers"] != 1 else ""
        lines.append(f"| {r['n']:,} | {sizes[r['n']] / 1e6:,.0f} | {r['workers']} | {r['pieces']} | "
                     f"{r['pass_s']:.1f} | {r['keyness_s']:.1f} | {r['cluster_start_s']:.1f} | "
                     f"{max(r['worker_peaks']) / GB:.2f} | {r['client_peak'] / GB:.2f} | {speed} |")
    lines += ["", "## Worker time per stage (summed over pieces, seconds)", "",
              "| articles | workers | " + " | ".join(STAGES) + " | per 1,000 articles |",
              "| ---: | ---: | " + " | ".join("---:" for _ in STAGES) + " | ---: |"]
    for r in results:
        total = sum(r["stages"].values())
        lines.append(f"| {r['n']:,} | {r['workers']} | " + " | ".join(f"{r['stages'][s]:.1f}" for s in STAGES)
                     + f" | {1000 * total / r['n']:.2f} |")
    lines += ["", "## Result sizes (rows)", "", "| articles | counts | keyness | mentions | attention |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    seen = set()
    for r in results:
        if r["n"] not in seen:
            seen.add(r["n"])
            c = r["rows"]
            lines.append(f"| {r['n']:,} | {c['counts']:,} | {c['keyness']:,} | {c['mentions']:,} | {c['attention']:,} |")
    n, seconds, memory = TARGET
    lines += ["", f"Target (issue 18): {n:,} articles in at most {seconds // 60} minutes with at most "
              f"{memory / GB:.0f} GB per worker."]
    done = [r for r in results if r["n"] == n]
    if done:
        best = min(done, key=lambda r: r["pass_s"])
        met = best["pass_s"] + best["keyness_s"] <= seconds and max(best["worker_peaks"]) <= memory
        lines.append(f"At {n:,}: {best['pass_s'] + best['keyness_s']:.0f} s, "
                     f"{max(best['worker_peaks']) / GB:.2f} GB per worker: {'met' if met else 'missed'}.")
    else:
        lines.append(f"Not run at {n:,} articles here (`--with-1m`).")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100_000], help="corpus sizes (articles)")
    parser.add_argument("--with-1m", action="store_true", help="also 1,000,000 articles (about 4.3 GB of text)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--memory-limit", default="6GiB", help="per worker")
    parser.add_argument("--partition-bytes", type=int, default=16_000_000)
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    shape = Shape(outlets=args.outlets, years=args.years)
    sizes_n = sorted(set(args.n + ([1_000_000] if args.with_1m else [])))
    results, sizes = [], {}
    for n in sizes_n:
        started = time.perf_counter()
        path = corpus_for(n, shape, args.seed, args.corpora)
        print(f"{n:,} articles: {path.name} ready in {time.perf_counter() - started:.0f} s", flush=True)
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        sizes[n] = sum(pc.sum(pc.binary_length(batch.column(0))).as_py()
                       for batch in pq.ParquetFile(path).iter_batches(columns=["text"]))
        for workers in args.workers:
            r = run_once(path, workers, args.memory_limit, args.partition_bytes)
            r["n"] = n
            results.append(r)
            print(f"  {workers} worker(s): pass {r['pass_s']:.1f} s, keyness {r['keyness_s']:.1f} s, peak per worker "
                  f"{max(r['worker_peaks']) / GB:.2f} GB, stages " +
                  ", ".join(f"{s} {r['stages'][s]:.0f} s" for s in STAGES), flush=True)
    args.out.write_text(report(results, sizes, args), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
