"""``python -m benchmarks.scale_bench`` (``make bench-scale``): the partitioned path at scale.

A synthetic corpus of N articles (100,000 by default; 1,000,000 too with ``--with-1m``; 20
outlets, 3 years) is generated once as one Parquet table into ``--corpora`` (row groups of
1,000 articles; reused while its shape is unchanged).  On a ``LocalCluster`` of this machine
(single-threaded worker processes, ``--memory-limit`` each), ``analysis.partitioned`` reads
it in partitions and computes term counts by source, country mentions per article and
attention over time (the ``core`` set: the measures of the issue's target); keyness then
runs on the client from the combined counts (the ordinary ``keyness``).  ``--sets`` adds other
sets of measures (``MEASURE_SETS``: ``positions`` adds country positions, ``report`` every
corpus-level measure the report needs); 1,000,000 articles run the ``core`` set only.  Each
size and set runs with 1 and with 2 workers (``--workers``; ``--workers-1m`` at 1,000,000), a
fresh cluster each.

Measured: wall time of the partitioned pass (cluster start apart) and of keyness; the time
the workers spent per stage (reading a piece into a ``Corpus``, and each measure), summed
over pieces; the peak resident memory of each worker process (sampled every
``SAMPLE_SECONDS`` from here with psutil, with the processes it starts) and of this (client)
process; the load average of the machine before and after each pass (it is shared); the
speed-up from 1 to 2 workers.  Each run is kept in a JSON file beside ``--out`` and the report
rewritten after every run (``--append`` keeps the runs of earlier invocations, so the sizes can
run apart).  Results go to ``--out`` (``benchmarks/results-scale.md``).  The issue's
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
TARGET = (1_000_000, 30 * 60, 8 * GB)
CORE = "core"


def core_measures() -> list:
    from analysis.partitioned import Attention, CountryMentions, TermCounts

    return [TermCounts(by="source"), CountryMentions(), Attention()]


def positions_measures() -> list:
    from analysis.partitioned import CountryPositions

    return [*core_measures(), CountryPositions()]


def report_measures() -> list:
    from analysis.partitioned import FramingRates, TermCounts

    return [*positions_measures(), TermCounts(by="source", n=2, name="bigrams"),
            TermCounts(by="source", n=3, name="trigrams"), FramingRates()]


#: The sets of measures a run can compute (each with keyness of the ``counts`` on the client):
#: ``core``, the issue's target (term counts by source, country mentions, attention over time);
#: ``positions``, the same and country positions; ``report``, every corpus-level measure the
#: report's notebooks compute (also n-gram counts, n = 2 and 3, by source, and framing rates).
MEASURE_SETS = {
    CORE: ("term counts by source, country mentions, attention over time", core_measures),
    "positions": ("core + country positions", positions_measures),
    "report": ("positions + n-gram counts (n = 2, 3) by source + framing rates", report_measures),
}


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
    """The peak resident memory of some processes, each with the processes it started (a
    reader's own worker processes count towards its worker), sampled on a thread; ``alone``:
    processes measured without their children (the client: its children are the workers)."""

    def __init__(self, pids: list[int], alone: tuple[int, ...] = ()):
        self.procs = {pid: psutil.Process(pid) for pid in pids}
        self.alone = set(alone)
        self.peaks = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for pid, proc in self.procs.items():
                self.peaks[pid] = max(self.peaks[pid], tree_rss(proc, children=pid not in self.alone))
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def tree_rss(proc: psutil.Process, children: bool = True) -> int:
    """Resident memory of a process and (``children``) of the processes it started (0 once
    it is gone)."""
    total = 0
    try:
        total = proc.memory_info().rss
        children = proc.children(recursive=True) if children else []
    except psutil.Error:
        return total
    for child in children:
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return total


def tree_cpu(proc: psutil.Process) -> float:
    """CPU seconds (user + system) of a process and of the processes it started, those still
    running and those it has waited for."""
    total = 0.0
    try:
        for p in [proc, *proc.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    except psutil.Error:
        pass
    return total


def run_once(path: Path, workers: int, memory_limit: str, partition_bytes: int, measure_set: str = CORE) -> dict:
    """One partitioned pass of the ``measure_set`` on a fresh LocalCluster of ``workers``
    workers, then keyness of its counts on the client, measured."""
    from distributed import Client, LocalCluster

    from analysis import keyness
    from analysis.partitioned import measure_partitioned

    measures = MEASURE_SETS[measure_set][1]()
    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        ready = time.perf_counter()
        pids = list(client.run(os.getpid).values())
        pieces: list = []
        with Sampler([*pids, os.getpid()], alone=(os.getpid(),)) as sampler:
            load_before = os.getloadavg()
            cpu_before = [tree_cpu(sampler.procs[p]) for p in pids]
            t0 = time.perf_counter()
            out = measure_partitioned(path, measures, client, partition_bytes=partition_bytes, pieces_out=pieces)
            t1 = time.perf_counter()
            cpu = [tree_cpu(sampler.procs[p]) - before for p, before in zip(pids, cpu_before)]
            key = keyness(out["counts"])
            t2 = time.perf_counter()
            load_after = os.getloadavg()
    stages = {s: sum(p.seconds.get(s, 0.0) for p in pieces) for s in ["read", *(m.name for m in measures)]}
    rows = {name: len(frame) for name, frame in out.items()}
    rows["keyness"] = len(key)
    return {
        "set": measure_set, "workers": workers, "memory_limit": memory_limit, "cluster_start_s": ready - started, "pass_s": t1 - t0,
        "keyness_s": t2 - t1, "pieces": len(pieces), "articles": sum(p.articles for p in pieces), "stages": stages,
        "worker_peaks": [sampler.peaks[p] for p in pids], "client_peak": sampler.peaks[os.getpid()],
        "worker_cpu_s": cpu, "load_before": list(load_before), "load_after": list(load_after), "rows": rows,
    }


def _order(r: dict) -> tuple:
    return r["n"], list(MEASURE_SETS).index(r["set"]), r["workers"]


def _cell(value, fmt: str = "{:.1f}") -> str:
    return "" if value is None else fmt.format(value)


def report(results: list[dict], sizes: dict[int, float], args) -> str:
    results = sorted(results, key=_order)
    sets = [name for name in MEASURE_SETS if any(r["set"] == name for r in results)]
    present = {s for r in results for s in r["stages"]}
    order = ["read", *(m.name for m in report_measures())]  # every set's measures, in the sets' order
    stages = [s for s in order if s in present] + sorted(present - set(order))
    lines = [
        "# Scale benchmark: the partitioned path (Dask) on synthetic corpora",
        "",
        "Written by `make bench-scale` (`python -m benchmarks.scale_bench`); do not edit by hand.",
        f"Corpora: `benchmarks/generate.py` as one Parquet table (row groups of {ROW_GROUP_ARTICLES:,} articles), "
        f"seed {args.seed}, {args.outlets} outlets, dates over {args.years} years. Sets of measures (per partition "
        "on the workers, combined; then keyness of the combined counts on the client): "
        + "; ".join(f"`{name}`: {MEASURE_SETS[name][0]}" for name in sets) + ". "
        "A fresh `LocalCluster` per run: single-threaded worker processes, "
        f"a memory limit each (per run), partitions of about {args.partition_bytes / 1e6:.0f} MB of input. "
        f"Memory: peak resident set of each worker process (with the processes it starts) and of the client, "
        f"sampled every {SAMPLE_SECONDS} s. Load: the machine's 1-minute load average before and after the pass "
        "(the machine is shared; above the worker count, others were running). Worker CPU s: CPU time of the worker "
        "processes (and their children) during the pass, summed; CPU share: that over wall time × workers (1.00: "
        "each worker had a core to itself), so a pass slowed by other load can be told apart.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in describe().items()],
        "",
        "## Runs",
        "",
        "| articles | set | text MB | workers | memory limit | pieces | pass wall s | keyness s | cluster start s | peak per worker GB "
        "(max) | client peak GB | speed-up vs 1 worker | load before → after | worker CPU s | CPU share |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    one = {(r["n"], r["set"]): r["pass_s"] for r in results if r["workers"] == 1}
    for r in results:
        key = (r["n"], r["set"])
        speed = f"{one[key] / r['pass_s']:.2f}×" if key in one and r["workers"] != 1 else ""
        cpu = sum(r["worker_cpu_s"]) if "worker_cpu_s" in r else None
        lines.append(f"| {r['n']:,} | {r['set']} | {sizes[r['n']] / 1e6:,.0f} | {r['workers']} | "
                     f"{r.get('memory_limit', '')} | {r['pieces']} | "
                     f"{r['pass_s']:.1f} | {r['keyness_s']:.1f} | {r['cluster_start_s']:.1f} | "
                     f"{max(r['worker_peaks']) / GB:.2f} | {r['client_peak'] / GB:.2f} | {speed} | "
                     f"{r['load_before'][0]:.1f} → {r['load_after'][0]:.1f} | {_cell(cpu)} | "
                     f"{_cell(None if cpu is None else cpu / (r['pass_s'] * r['workers']), '{:.2f}')} |")
    for title, scale in (("Worker time per stage (summed over pieces, seconds)", None),
                         ("Worker time per stage per 1,000 articles (seconds)", 1000)):
        lines += ["", f"## {title}", "",
                  "| articles | set | workers | " + " | ".join(stages) + " | total |",
                  "| ---: | --- | ---: | " + " | ".join("---:" for _ in stages) + " | ---: |"]
        for r in results:
            factor = scale / r["n"] if scale else 1
            cells = [_cell(None if s not in r["stages"] else r["stages"][s] * factor, "{:.2f}" if scale else "{:.1f}")
                     for s in stages]
            total = _cell(sum(r["stages"].values()) * factor, "{:.2f}" if scale else "{:.1f}")
            lines.append(f"| {r['n']:,} | {r['set']} | {r['workers']} | " + " | ".join(cells) + f" | {total} |")
    scaling = [r for r in results if sum(q["set"] == r["set"] and q["workers"] == r["workers"] for q in results) > 1]
    if scaling:
        lines += ["", "## Scaling with N (same set and workers)", "",
                  "| set | workers | articles | pass s per 1,000 articles | vs the smallest size |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for r in sorted(scaling, key=lambda r: (list(MEASURE_SETS).index(r["set"]), r["workers"], r["n"])):
            smallest = min((q for q in scaling if q["set"] == r["set"] and q["workers"] == r["workers"]),
                           key=lambda q: q["n"])
            rate, base = 1000 * r["pass_s"] / r["n"], 1000 * smallest["pass_s"] / smallest["n"]
            lines.append(f"| {r['set']} | {r['workers']} | {r['n']:,} | {rate:.2f} | {rate / base:.2f}× |")
    names = list(dict.fromkeys(name for r in results for name in r["rows"]))
    lines += ["", "## Result sizes (rows)", "", "| articles | set | " + " | ".join(names) + " |",
              "| ---: | --- | " + " | ".join("---:" for _ in names) + " |"]
    seen = set()
    for r in results:
        if (r["n"], r["set"]) not in seen:
            seen.add((r["n"], r["set"]))
            lines.append(f"| {r['n']:,} | {r['set']} | "
                         + " | ".join(_cell(r["rows"].get(name), "{:,}") for name in names) + " |")
    n, seconds, memory = TARGET
    lines += ["", f"Target (issue 18): {n:,} articles through the `{CORE}` set in at most {seconds // 60} minutes "
              f"with at most {memory / GB:.0f} GB per worker."]
    done = [r for r in results if r["n"] == n and r["set"] == CORE]
    if done:
        best = min(done, key=lambda r: r["pass_s"])
        met = best["pass_s"] + best["keyness_s"] <= seconds and max(best["worker_peaks"]) <= memory
        lines.append(f"At {n:,} ({best['workers']} workers): {best['pass_s'] + best['keyness_s']:.0f} s of pass "
                     f"and keyness, {max(best['worker_peaks']) / GB:.2f} GB per worker: {'met' if met else 'missed'}.")
    else:
        lines.append(f"Not run at {n:,} articles here (`--with-1m`).")
    return "\n".join(lines) + "\n"


SETTINGS = ("seed", "outlets", "years", "partition_bytes")


def load_runs(path: Path, args) -> tuple[list[dict], dict[int, float]]:
    """The runs kept at ``path`` by an earlier invocation with the same settings."""
    if not path.is_file():
        return [], {}
    kept = json.loads(path.read_text(encoding="utf-8"))
    ours = {k: getattr(args, k) for k in SETTINGS}
    if kept["settings"] != ours:
        raise SystemExit(f"{path}: its runs used other settings ({kept['settings']}, here {ours}): "
                         "run without --append, or with the same settings")
    return kept["runs"], {int(n): size for n, size in kept["sizes"].items()}


def save(results: list[dict], sizes: dict[int, float], args) -> None:
    """The report and its runs (JSON beside it), rewritten after every run."""
    results = sorted(results, key=_order)
    kept = {"settings": {k: getattr(args, k) for k in SETTINGS}, "sizes": {str(n): sizes[n] for n in sorted(sizes)},
            "runs": results}
    args.out.with_suffix(".json").write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
    args.out.write_text(report(results, sizes, args), encoding="utf-8")


def text_bytes(path: Path) -> int:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    return sum(pc.sum(pc.binary_length(batch.column(0))).as_py()
               for batch in pq.ParquetFile(path).iter_batches(columns=["text"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="*", default=[100_000], help="corpus sizes (articles)")
    parser.add_argument("--with-1m", action="store_true",
                        help="also 1,000,000 articles (about 4.3 GB of text), the core set only")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workers-1m", type=int, nargs="+", default=None,
                        help="workers at 1,000,000 articles (default: --workers)")
    parser.add_argument("--sets", nargs="+", default=[CORE], choices=list(MEASURE_SETS),
                        help="sets of measures at the sizes of --n (MEASURE_SETS)")
    parser.add_argument("--memory-limit", default="6GiB", help="per worker")
    parser.add_argument("--partition-bytes", type=int, default=16_000_000)
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--append", action="store_true",
                        help="keep the runs of an earlier invocation (the JSON beside --out), replacing the same ones")
    parser.add_argument("--merge", type=Path, nargs="*", default=[],
                        help="also the runs kept in these JSON files (invocations run apart, same settings)")
    args = parser.parse_args(argv)
    shape = Shape(outlets=args.outlets, years=args.years)
    plan = [(n, s, w) for n in sorted(set(args.n)) for s in args.sets for w in args.workers]
    if args.with_1m:
        plan += [(1_000_000, CORE, w) for w in args.workers_1m or args.workers]
    results, sizes = load_runs(args.out.with_suffix(".json"), args) if args.append else ([], {})
    for other in args.merge:
        runs, other_sizes = load_runs(other, args)
        keys = {(r["n"], r["set"], r["workers"]) for r in runs}
        results = [r for r in results if (r["n"], r["set"], r["workers"]) not in keys] + runs
        sizes.update(other_sizes)
    if results and not plan:
        save(results, sizes, args)
    paths = {}
    for n, measure_set, workers in plan:
        if n not in paths:
            started = time.perf_counter()
            paths[n] = corpus_for(n, shape, args.seed, args.corpora)
            print(f"{n:,} articles: {paths[n].name} ready in {time.perf_counter() - started:.0f} s", flush=True)
            with ProcessPoolExecutor(1) as pool:  # reading every text would stay in this (client) process's peak
                sizes[n] = pool.submit(text_bytes, paths[n]).result()
        r = run_once(paths[n], workers, args.memory_limit, args.partition_bytes, measure_set)
        r["n"] = n
        results = [q for q in results if (q["n"], q["set"], q["workers"]) != (n, measure_set, workers)] + [r]
        save(results, sizes, args)
        print(f"  {n:,} {measure_set}, {workers} worker(s): pass {r['pass_s']:.1f} s, keyness {r['keyness_s']:.1f} s, "
              f"peak per worker {max(r['worker_peaks']) / GB:.2f} GB, client {r['client_peak'] / GB:.2f} GB, "
              "stages " + ", ".join(f"{s} {t:.0f} s" for s, t in r["stages"].items()), flush=True)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
