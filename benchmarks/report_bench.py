"""``python -m benchmarks.report_bench`` (``make bench-report``): the whole report on synthetic corpora.

For each N (1,000 and 10,000 articles; 100,000 with ``--with-100k``) a corpus of ``--outlets``
outlets with dates over ``--years`` years is generated once into ``--corpora`` (reused while its
shape is unchanged), then ``python -m analysis report`` runs on it in a fresh process, every
notebook with its own kernel, exactly as a user's ``make report CORPUS=...`` does.  While it runs,
the process tree is sampled every ``SAMPLE_SECONDS``: the peak of the whole tree's resident memory
(report process plus kernel) and each kernel's own peak, kernels matched to notebooks in the order
they start (the report runs notebooks one after another).  Beside each report run, in the same
process layout and interleaved with it, a baseline runs: ``load_corpus`` alone in a fresh Python
process, so the report's time is also given as a ratio to loading the corpus once.

Results go to ``--out`` (Markdown, ``benchmarks/results-report.md``); the targets are the issue's:
10,000 articles in at most 3 minutes and 4 GB, 100,000 in at most 20 minutes and 16 GB.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from .generate import SEED, Shape, write_corpus
from .machine import describe

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent / "results-report.md"
DEFAULT_CORPORA = ROOT / "build" / "bench-corpora"
SAMPLE_SECONDS = 0.1
GIB = 1024**3
#: (articles, seconds, bytes): the issue's targets.
TARGETS = {10_000: (180.0, 4 * GIB), 100_000: (1200.0, 16 * GIB)}
_PROGRESS = re.compile(r"^\s+(\S+\.ipynb)\s+(\w+)\s+([\d.]+) s$")
LOAD_SCRIPT = "import sys; from analysis import load_corpus; c = load_corpus(sys.argv[1]); print(len(c.articles))"


@dataclass
class Run:
    """One measured process tree: wall seconds, peak memory of the tree and of each kernel."""

    seconds: float = 0.0
    peak_tree: int = 0
    kernels: list[int] = field(default_factory=list)
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""


def corpus_for(n: int, shape: Shape, seed: int, folder: Path) -> Path:
    """The corpus of ``n`` articles of this shape, generated unless an identical one is there."""
    target = folder / f"n{n}-o{shape.outlets}-y{shape.years}-s{seed}"
    stamp = target / ".shape.json"
    wanted = {"n": n, "outlets": shape.outlets, "start": shape.start, "years": shape.years, "seed": seed}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return target
    if target.exists():
        shutil.rmtree(target)
    write_corpus(target, n, seed, processes=2, shape=shape)
    stamp.write_text(json.dumps(wanted))
    return target


def _is_kernel(proc: psutil.Process) -> bool:
    try:
        return any("ipykernel" in part for part in proc.cmdline())
    except psutil.Error:
        return False


def measured(command: list[str], cwd: Path) -> Run:
    """Run ``command``, sampling its process tree's memory until it ends."""
    run = Run()
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    kernels: dict[int, int] = {}  # pid -> peak rss, in order of first sight
    outputs: dict[str, str] = {}

    def drain(name: str, stream) -> None:
        outputs[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(name, stream)) for name, stream in
               (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for reader in readers:
        reader.start()
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            tree = []
        total = 0
        for member in tree:
            try:
                rss = member.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            if member.pid != root.pid and (member.pid in kernels or _is_kernel(member)):
                kernels[member.pid] = max(kernels.get(member.pid, 0), rss)
        run.peak_tree = max(run.peak_tree, total)
        time.sleep(SAMPLE_SECONDS)
    run.seconds = time.perf_counter() - start
    for reader in readers:
        reader.join()
    run.returncode = proc.returncode
    run.stdout, run.stderr = outputs.get("stdout", ""), outputs.get("stderr", "")
    run.kernels = list(kernels.values())
    return run


def notebook_times(stdout: str) -> list[tuple[str, str, float]]:
    """``(notebook, status, seconds)`` from the report's progress lines."""
    return [(m.group(1), m.group(2), float(m.group(3))) for m in map(_PROGRESS.match, stdout.splitlines()) if m]


def run_size(n: int, shape: Shape, seed: int, corpora: Path, work: Path, repeats: int) -> dict:
    """Interleave ``repeats`` (load baseline, report) pairs on the corpus of ``n`` articles."""
    corpus = corpus_for(n, shape, seed, corpora)
    text_bytes = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    loads, reports = [], []
    for i in range(repeats):
        loads.append(measured([sys.executable, "-c", LOAD_SCRIPT, str(corpus)], ROOT))
        out = work / f"report-{n}-{i}"
        reports.append(measured([sys.executable, "-m", "analysis", "report", "--corpus", str(corpus),
                                 "--out", str(out)], ROOT))
        if reports[-1].returncode != 0:
            break
    return {"n": n, "text_bytes": text_bytes, "loads": loads, "reports": reports}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def markdown(results: list[dict], shape: Shape, seed: int) -> str:
    lines = [
        "# Report benchmark: every notebook on synthetic corpora",
        "",
        "Written by `make bench-report` (`python -m benchmarks.report_bench`); do not edit by hand.",
        f"Corpora: `benchmarks/generate.py`, seed {seed}, {shape.outlets} outlets, dates over {shape.years} years "
        f"from {shape.start}. Each size runs the report (`python -m analysis report`, a kernel per notebook) in "
        "a fresh process, interleaved with a baseline (`load_corpus` alone in a fresh process). Memory is the "
        f"peak resident set of the process tree (report + kernel), sampled every {SAMPLE_SECONDS} s.",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in describe().items()],
        "",
        "## Whole report",
        "",
        "| articles | text MB | runs | report wall s (median) | load_corpus s (median) | report / load | peak tree GB (max) | target | verdict |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for res in results:
        ok = [r for r in res["reports"] if r.returncode == 0]
        if not ok:
            lines.append(f"| {res['n']:,} | {res['text_bytes'] / 1e6:.1f} | 0 | failed | | | | | failed |")
            continue
        wall = _median([r.seconds for r in ok])
        load = _median([r.seconds for r in res["loads"]])
        peak = max(r.peak_tree for r in ok)
        target = TARGETS.get(res["n"])
        goal = f"≤ {target[0] / 60:.0f} min, ≤ {target[1] / GIB:.0f} GB" if target else ""
        verdict = ("met" if wall <= target[0] and peak <= target[1] else "missed") if target else ""
        lines.append(f"| {res['n']:,} | {res['text_bytes'] / 1e6:.1f} | {len(ok)} | {wall:.1f} | {load:.1f} | "
                     f"{wall / load:.1f}× | {peak / GIB:.2f} | {goal} | {verdict} |")
    lines += ["", "## Per notebook (the last run of each size)", "",
              "| articles | notebook | status | seconds | kernel peak GB |", "| ---: | --- | --- | ---: | ---: |"]
    for res in results:
        last = res["reports"][-1]
        times = notebook_times(last.stdout)
        for i, (name, status, seconds) in enumerate(times):
            peak = f"{last.kernels[i] / GIB:.2f}" if i < len(last.kernels) else ""
            lines.append(f"| {res['n']:,} | {name} | {status} | {seconds:.1f} | {peak} |")
        if last.returncode != 0:
            tail = (last.stderr.strip().splitlines() or ["(no message)"])[-1]
            lines.append(f"| {res['n']:,} | (report failed, exit {last.returncode}) | {tail[:120]} | | |")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--with-100k", action="store_true", help="also run N = 100,000 (about 20 minutes)")
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=2, help="interleaved (load, report) pairs per size")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="where generated corpora are kept")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-report")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    shape = Shape(outlets=args.outlets, years=args.years)
    sizes = sorted(set(args.sizes) | ({100_000} if args.with_100k else set()))
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        res = run_size(n, shape, args.seed, args.corpora, args.work, args.repeats)
        results.append(res)
        for r in res["reports"]:
            print(f"N={n:,}: report {r.seconds:.1f} s, peak {r.peak_tree / GIB:.2f} GB, exit {r.returncode}",
                  flush=True)
    args.out.write_text(markdown(results, shape, args.seed), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if all(r.returncode == 0 for res in results for r in res["reports"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
