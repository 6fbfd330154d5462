"""Derived figures (MB/s, ratios, scaling, targets) and the Markdown report."""
from __future__ import annotations

import math

MB = 1024 * 1024
#: Stages whose summed time must stay within ``PIPELINE_LIMIT`` x the scikit-learn baseline.
PIPELINE = ("load_corpus", "count_terms", "paragraph TF-IDF", "keyness")
PIPELINE_LIMIT = 1.5
SKLEARN = "scikit-learn TfidfVectorizer"
READ = "read files (plain Python)"
COUNTRY = "country mentions"
COUNTRY_MIN_MBS = 5.0
MEMORY_FACTOR = 3.0
#: A scaling exponent up to this counts as near-linear (N log N over a decade is ~1.1).
LINEAR_MAX = 1.15


def baseline_of(stage: str) -> str:
    """The baseline a stage's ratio is taken against."""
    return READ if stage in ("load_corpus", READ) else SKLEARN


def rows_for(n: int, text_bytes: int, records: dict[str, dict]) -> list[dict]:
    """One row per stage with seconds, MB/s, memory and the ratio to its baseline."""
    rows = []
    for name, rec in records.items():
        row = {"n": n, "stage": name, "status": rec["status"], "detail": rec.get("detail", "")}
        if rec["status"] == "ok":
            base = records.get(baseline_of(name), {})
            row.update(
                seconds=rec["seconds"],
                cpu=rec.get("cpu_seconds"),
                mb_s=text_bytes / MB / rec["seconds"] if rec["seconds"] > 0 else math.inf,
                peak_mb=rec["peak_rss"] / MB,
                over_mb=(rec["peak_rss"] - rec["before_rss"]) / MB,
                imports_mb=rec["imports_rss"] / MB,
                result_mb=rec["result_bytes"] / MB,
                workers_mb=rec.get("children_peak_rss", 0) / MB,
                ratio=rec["seconds"] / base["seconds"] if base.get("status") == "ok" and name != baseline_of(name) else None,
                baseline=baseline_of(name) if name != baseline_of(name) else "",
            )
        rows.append(row)
    return rows


def pipeline_row(n: int, text_bytes: int, records: dict[str, dict]) -> dict | None:
    """load + terms + TF-IDF + keyness summed, against the scikit-learn baseline."""
    parts = [records.get(s, {}) for s in PIPELINE]
    base = records.get(SKLEARN, {})
    if any(p.get("status") != "ok" for p in parts) or base.get("status") != "ok":
        return None
    seconds = sum(p["seconds"] for p in parts)
    cpu = sum(p["cpu_seconds"] for p in parts)
    return {"n": n, "seconds": seconds, "mb_s": text_bytes / MB / seconds, "ratio": seconds / base["seconds"],
            "cpu": cpu, "cpu_ratio": cpu / base["cpu_seconds"]}


def exponent(t_small: float, t_large: float, n_small: int, n_large: int) -> float:
    """Scaling exponent k in t ~ N^k between two sizes."""
    return math.log(t_large / t_small) / math.log(n_large / n_small)


def _fmt(value, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def markdown(machine: dict, command: str, sizes: dict[int, int], rows: list[dict], pipelines: list[dict],
             scaling: list[dict], targets: list[dict], notes: list[str]) -> str:
    """The whole ``results.md`` text."""
    out = ["# Benchmark results", "", f"Produced by `{command}` (see `benchmarks/README.md`).", "", "## Machine", ""]
    out += [f"- **{k}**: {v}" for k, v in machine.items()]
    out += ["", "## Corpora", "", "| N articles | text (MB) |", "|---:|---:|"]
    out += [f"| {n:,} | {b / MB:.1f} |" for n, b in sizes.items()]
    out += ["", "## Stages", "",
            "Each stage runs in a fresh subprocess; inputs are prepared before the clock starts. "
            "Seconds are wall-clock; CPU s is the CPU time of the stage process and of any worker "
            "processes it started (`load_corpus` uses one per core for corpora over 4 MB); it is "
            "steadier when the machine is shared. MB/s = corpus text size / seconds. Peak RSS is the "
            "stage process's peak during the stage; '+RSS' is the rise over the RSS just before it "
            "(interpreter, imports and inputs); 'worker peak' is the largest worker's own peak RSS. "
            "Ratio = seconds / the baseline's seconds in the same run (load_corpus against plain "
            "file reading, the others against scikit-learn's TfidfVectorizer).", "",
            "| N | stage | seconds | CPU s | MB/s | peak RSS (MB) | +RSS (MB) | worker peak (MB) | result (MB) | ratio | vs |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if r["status"] != "ok":
            out.append(f"| {r['n']:,} | {r['stage']} | {r['status']} | | | | | | | | {r['detail'].splitlines()[-1] if r['detail'] else ''} |")
            continue
        out.append(
            f"| {r['n']:,} | {r['stage']} | {r['seconds']:.3f} | {_fmt(r['cpu'], '.3f')} | {r['mb_s']:.1f} | {r['peak_mb']:.0f} | "
            f"{r['over_mb']:.0f} | {r['workers_mb']:.0f} | {r['result_mb']:.0f} | {_fmt(r['ratio'], '.2f')} | {r['baseline']} |"
        )
    out += ["", "## Pipeline: load + terms + TF-IDF + keyness", "",
            "| N | seconds | MB/s | ratio to scikit-learn | CPU s | CPU ratio |", "|---:|---:|---:|---:|---:|---:|"]
    out += [f"| {p['n']:,} | {p['seconds']:.2f} | {p['mb_s']:.1f} | {p['ratio']:.2f} | {p['cpu']:.2f} | "
            f"{p['cpu_ratio']:.2f} |" for p in pipelines]
    out += ["", "## Scaling", "", "Exponent k in seconds ~ N^k (1 = linear).", "",
            "| stage | from N | to N | k (wall) | k (CPU) |", "|---|---:|---:|---:|---:|"]
    out += [f"| {s['stage']} | {s['from']:,} | {s['to']:,} | {s['k']:.2f} | {_fmt(s.get('k_cpu'), '.2f')} |"
            for s in scaling]
    out += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    out += [f"| {t['target']} | {t['measured']} | {t['met']} |" for t in targets]
    if notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"
