"""``python -m benchmarks.run``: time the package on synthetic corpora of N articles.

For each N a corpus is generated into a temporary folder (removed afterwards); every
stage and baseline then runs in its own fresh subprocess (see ``measure``).  The report
goes to ``--out`` (Markdown) and a summary to stdout; progress shows on a terminal only.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from . import report
from .generate import SEED, write_corpus
from .machine import describe
from .measure import measure
from .stages import BASELINES, STAGES

DEFAULT_SIZES = (100, 1_000, 10_000)
DEFAULT_OUT = Path(__file__).resolve().parent / "results.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="corpus sizes N")
    parser.add_argument("--with-100k", action="store_true", help="also run N = 100,000 (slow)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown report (default: benchmarks/results.md)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a stage is stopped")
    return parser.parse_args(argv)


def run_size(n: int, seed: int, timeout: float, bar: tqdm) -> tuple[int, dict[str, dict]]:
    """Generate N articles and measure every baseline and stage; returns (text bytes, records)."""
    records = {}
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        corpus, work = Path(tmp) / "corpus", Path(tmp) / "work"
        work.mkdir()
        bar.set_postfix_str(f"N={n:,}: generating")
        text_bytes = write_corpus(corpus, n, seed)
        for stage in BASELINES + STAGES:
            bar.set_postfix_str(f"N={n:,}: {stage.name}")
            records[stage.name] = measure(stage.name, corpus, work, timeout)
            bar.update()
    return text_bytes, records


def summarise(sizes: dict[int, int], results: dict[int, dict[str, dict]]) -> tuple[list, list, list, list, list]:
    rows, pipelines, scaling, notes = [], [], [], []
    for n, records in results.items():
        rows += report.rows_for(n, sizes[n], records)
        if (p := report.pipeline_row(n, sizes[n], records)) is not None:
            pipelines.append(p)
    ns = sorted(results)
    pairs = [(a, b) for a, b in zip(ns, ns[1:])]
    for a, b in pairs:
        for name in results[b]:
            ra, rb = results[a].get(name, {}), results[b].get(name, {})
            if ra.get("status") == rb.get("status") == "ok" and ra["seconds"] > 0:
                k_cpu = (report.exponent(ra["cpu_seconds"], rb["cpu_seconds"], a, b)
                         if ra.get("cpu_seconds", 0) > 0 and rb.get("cpu_seconds", 0) > 0 else None)
                scaling.append({"stage": name, "from": a, "to": b,
                                "k": report.exponent(ra["seconds"], rb["seconds"], a, b), "k_cpu": k_cpu})
    top = ns[-1]
    top_rows = [r for r in rows if r["n"] == top and r["status"] == "ok"]
    targets = []
    pipe = next((p for p in pipelines if p["n"] == top), None)
    targets.append({
        "target": f"load+terms+TF-IDF+keyness at N={top:,} ≤ {report.PIPELINE_LIMIT}× scikit-learn",
        "measured": f"{pipe['ratio']:.2f}× wall ({pipe['cpu_ratio']:.2f}× CPU)" if pipe else "not measured (a stage is missing)",
        "met": ("yes" if pipe["ratio"] <= report.PIPELINE_LIMIT else "**no**") if pipe else "–",
    })
    country = next((r for r in top_rows if r["stage"] == report.COUNTRY), None)
    targets.append({
        "target": f"country mentions ≥ {report.COUNTRY_MIN_MBS:g} MB/s at N={top:,}",
        "measured": f"{country['mb_s']:.1f} MB/s" if country else "not measured (stage unavailable)",
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
            notes.append(f"N={r['n']:,} {r['stage']}: {r['status']} — {r['detail'].strip().splitlines()[-1]}")
    return rows, pipelines, scaling, targets, notes


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes_wanted = sorted(set(args.sizes) | ({100_000} if args.with_100k else set()))
    command = "python -m benchmarks.run" + (" " + " ".join(argv) if argv else " " + " ".join(sys.argv[1:])).rstrip()
    results, sizes = {}, {}
    steps = len(sizes_wanted) * len(BASELINES + STAGES)
    started = time.perf_counter()
    with tqdm(total=steps, desc="bench", unit="stage", disable=None, leave=False) as bar:
        for n in sizes_wanted:
            sizes[n], results[n] = run_size(n, args.seed, args.timeout, bar)
    rows, pipelines, scaling, targets, notes = summarise(sizes, results)
    notes.append(f"Whole run: {time.perf_counter() - started:.0f} s (including corpus generation).")
    text = report.markdown(describe(), command.strip(), sizes, rows, pipelines, scaling, targets, notes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    for line in text.split("## Stages", 1)[1].splitlines():
        if line.startswith("|"):
            print(line)
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
