"""``python -m benchmarks.run``: time the package on synthetic corpora of N articles.

For each N a corpus is generated into a temporary folder (removed afterwards); every
stage and baseline then runs once in its own fresh subprocess (see ``measure``).  At the
headline size (N = 10,000 unless ``--sizes`` leaves it out) the pipeline is also timed
against scikit-learn in ``--pairs`` interleaved pairs.  The report goes to ``--out``
(Markdown) and a summary to stdout; progress shows on a terminal only.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from analysis.config import MALLOC_REUSE, NO_HUGE_PAGES, with_memory_settings

from . import report
from .generate import SEED, write_corpus
from .machine import describe
from .measure import context, measure
from .stages import BASELINES, PIPELINE, SKLEARN, STAGES

DEFAULT_SIZES = (100, 1_000, 10_000)
HEADLINE_N = 10_000
#: Pairs at the headline size: scikit-learn's time on this machine jumps between a fast and a slow
#: mode, so five pairs gave medians 0.94-1.09x for the same code (benchmarks/README, session 10).
DEFAULT_PAIRS = 15
DEFAULT_OUT = Path(__file__).resolve().parent / "results.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="corpus sizes N")
    parser.add_argument("--with-100k", action="store_true", help="also run N = 100,000 (slow)")
    parser.add_argument("--pairs", type=int, default=DEFAULT_PAIRS,
                        help=f"interleaved (scikit-learn, pipeline) pairs at the headline size (default: {DEFAULT_PAIRS})")
    parser.add_argument("--compare", type=Path, metavar="RESULTS_MD",
                        help="an earlier results.md: its stage times become 'before' columns")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown report (default: benchmarks/results.md)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a stage is stopped")
    parser.add_argument("--huge-pages", action="store_true",
                        help="leave numpy's and pyarrow's huge-page defaults (default: analysis.config.NO_HUGE_PAGES, "
                             "as make and the report run)")
    parser.add_argument("--glibc-defaults", action="store_true",
                        help="leave glibc's allocator defaults (default: analysis.config.MALLOC_REUSE, as make and the "
                             "report run)")
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    return args


def headline_size(sizes: list[int]) -> int:
    """Where the pairs run: N = 10,000, else the largest size below it, else the smallest."""
    return max((n for n in sizes if n <= HEADLINE_N), default=min(sizes))


def run_size(n: int, seed: int, timeout: float, pairs: int, bar: tqdm) -> tuple[int, dict[str, dict], list[dict]]:
    """Generate N articles, measure every baseline and stage once, then ``pairs`` interleaved
    (baseline, pipeline) pairs; returns (text bytes, records, pairs)."""
    records, pair_rows = {}, []
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        corpus, work = Path(tmp) / "corpus", Path(tmp) / "work"
        work.mkdir()
        bar.set_postfix_str(f"N={n:,}: generating")
        text_bytes = write_corpus(corpus, n, seed, processes=_cores(), context=context())
        for stage in BASELINES + STAGES:
            bar.set_postfix_str(f"N={n:,}: {stage.name}")
            records[stage.name] = measure(stage.name, corpus, work, timeout)
            bar.update()
        for i in range(1, pairs + 1):
            bar.set_postfix_str(f"N={n:,}: pair {i}/{pairs}")
            baseline = measure(SKLEARN, corpus, work, timeout)
            bar.update()
            pipeline = measure(PIPELINE.name, corpus, work, timeout)
            bar.update()
            pair_rows.append(report.pair_row(i, baseline, pipeline))
    return text_bytes, records, pair_rows


def summarise(sizes: dict[int, int], results: dict[int, dict[str, dict]], pair_n: int, summary: dict,
              frames: dict | None) -> tuple[list, list, list, list]:
    rows, scaling, targets, notes = [], [], [], []
    for n, records in results.items():
        rows += report.rows_for(n, sizes[n], records)
    ns = sorted(results)
    for a, b in zip(ns, ns[1:]):
        for name in results[b]:
            ra, rb = results[a].get(name, {}), results[b].get(name, {})
            if ra.get("status") == rb.get("status") == "ok" and ra["seconds"] > 0:
                k_cpu = (report.exponent(ra["cpu_seconds"], rb["cpu_seconds"], a, b)
                         if ra.get("cpu_seconds", 0) > 0 and rb.get("cpu_seconds", 0) > 0 else None)
                scaling.append({"stage": name, "from": a, "to": b,
                                "k": report.exponent(ra["seconds"], rb["seconds"], a, b), "k_cpu": k_cpu})
    for key, name, limit in (("wall", "wall", report.WALL_LIMIT), ("cpu", "CPU", report.CPU_LIMIT)):
        s = summary[key]
        targets.append({
            "target": f"load+terms+TF-IDF+keyness at N={pair_n:,} ≤ {limit:.1f}× scikit-learn, {name} time "
                      "(median of the pairs)",
            "measured": f"{s['median']:.2f}× (min {s['min']:.2f}, max {s['max']:.2f}, {s['k']} pairs)" if s
                        else "not measured (no pair ran)",
            "met": ("yes" if s["median"] <= limit else "**no**") if s else "–",
        })
    targets.append({
        "target": f"corpus frames in memory at N={pair_n:,} ≤ {report.FRAMES_LIMIT:g}× text size",
        "measured": f"{frames['total'] / report.MB:,.0f} MB = {frames['ratio']:.1f}× {frames['text'] / report.MB:.1f} MB"
                    if frames else "not measured (load_corpus did not run)",
        "met": ("yes" if frames["ratio"] <= report.FRAMES_LIMIT else "**no**") if frames else "–",
    })
    top = ns[-1]
    top_rows = [r for r in rows if r["n"] == top and r["status"] == "ok"]
    country = next((r for r in top_rows if r["stage"] == report.COUNTRY), None)
    targets.append({
        "target": f"country mentions ≥ {report.COUNTRY_MIN_MBS:g} MB/s at N={top:,}",
        "measured": f"{country['mb_s']:.1f} MB/s" if country else "not measured (stage did not run)",
        "met": ("yes" if country["mb_s"] >= report.COUNTRY_MIN_MBS else "**no**") if country else "–",
    })
    text_mb = sizes[top] / report.MB
    for r in top_rows:
        if r["stage"] in (report.READ, report.SKLEARN):
            continue
        limit = report.MEMORY_FACTOR * text_mb + r["result_mb"]
        used = r["over_mb"] + r.get("workers_mb", 0)  # a worker's peak counts on top (conservative)
        workers = f" + {r['workers_mb']:.0f} MB worker" if r.get("workers_mb") else ""
        targets.append({
            "target": f"{r['stage']}: +RSS (and worker peak) ≤ {report.MEMORY_FACTOR:g}× text + result at N={top:,}",
            "measured": f"{r['over_mb']:.0f} MB{workers} (limit {limit:.0f} MB)",
            "met": "yes" if used <= limit else "**no**",
        })
    for s in scaling:
        if s["to"] == top and s["from"] * 10 <= top and s["stage"] not in (report.READ, report.SKLEARN):
            targets.append({
                "target": f"{s['stage']}: near-linear (k ≤ {report.LINEAR_MAX}) from {s['from']:,} to {top:,}",
                "measured": f"k = {s['k']:.2f} wall" + (f", {s['k_cpu']:.2f} CPU" if s.get("k_cpu") else ""),
                "met": "yes" if s["k"] <= report.LINEAR_MAX else "**no**",
            })
    for r in rows:
        if r["status"] != "ok":
            notes.append(f"N={r['n']:,} {r['stage']}: {r['status']} — {_last_line(r['detail'])}")
    return rows, scaling, targets, notes


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _last_line(text: str) -> str:
    return text.strip().splitlines()[-1] if text.strip() else ""


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # before the fork server starts: every stage and baseline inherits them
    with_memory_settings()
    for flag, settings in ((args.huge_pages, NO_HUGE_PAGES), (args.glibc_defaults, MALLOC_REUSE)):
        for name in settings if flag else ():  # the libraries' defaults, whatever make exported
            os.environ.pop(name, None)
    sizes_wanted = sorted(set(args.sizes) | ({100_000} if args.with_100k else set()))
    pair_n = headline_size(sizes_wanted)
    previous = report.read_previous(args.compare) if args.compare else None  # read before --out is rewritten
    command = "python -m benchmarks.run" + (" " + " ".join(argv) if argv is not None else " " + " ".join(sys.argv[1:])).rstrip()
    results, sizes, pairs = {}, {}, []
    steps = len(sizes_wanted) * len(BASELINES + STAGES) + 2 * args.pairs
    started, load_before = time.perf_counter(), _load()
    with tqdm(total=steps, desc="bench", unit="run", disable=None, leave=False) as bar:
        for n in sizes_wanted:
            k = args.pairs if n == pair_n else 0
            sizes[n], results[n], found = run_size(n, args.seed, args.timeout, k, bar)
            pairs += found
    summary = report.pair_summary(pairs)
    frames_all = [f for n in sizes_wanted
                  if (f := report.frames_row(n, sizes[n], results[n].get("load_corpus"))) is not None]
    frames = next((f for f in frames_all if f["n"] == pair_n), None)
    headline = report.summary_lines(pair_n, summary, frames)
    rows, scaling, targets, notes = summarise(sizes, results, pair_n, summary, frames)
    for p in pairs:
        for side in ("baseline", "pipeline"):
            if p[side]["status"] != "ok":
                notes.append(f"pair {p['pair']} {side}: {p[side]['status']} — {_last_line(p[side].get('detail', ''))}")
    notes.append(f"Whole run: {time.perf_counter() - started:.0f} s (including corpus generation); "
                 f"load average (1, 5, 15 min) {load_before} at the start, {_load()} at the end.")
    text = report.markdown(describe(), command.strip(), sizes, rows, pair_n, pairs, summary, frames_all, headline,
                           scaling, targets, notes, previous)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    pair_table = text.split("## Pipeline against", 1)[1].split("\n## ", 1)[0]
    print("\n".join(line for line in pair_table.splitlines() if line.startswith("|")))
    for f in frames_all:
        if f["n"] == pair_n:
            print(f"frames at N={pair_n:,} (MB): " + ", ".join(f"{k} {v / report.MB:.1f}" for k, v in f["frames"].items()))
    print("\n".join(headline))
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
