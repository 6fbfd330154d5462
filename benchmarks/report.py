"""Derived figures (MB/s, ratios, pairs, frame memory, scaling, targets) and the Markdown report."""
from __future__ import annotations

import math
import re
import statistics
from pathlib import Path

MB = 1024 * 1024
SKLEARN = "scikit-learn TfidfVectorizer"
READ = "read files (plain Python)"
COUNTRY = "country mentions"
COUNTRY_MIN_MBS = 5.0
#: Headline targets: the pipeline's median ratio to scikit-learn over the interleaved pairs.
WALL_LIMIT = 1.0
CPU_LIMIT = 1.5
#: The corpus frames in memory, at most this many times the text size.
FRAMES_LIMIT = 12.0
#: A stage's rise in RSS, at most this many times the text size plus its result.
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


# ----------------------------------------------------------------- interleaved pairs


def pair_row(i: int, baseline: dict, pipeline: dict) -> dict:
    """One pair: seconds and CPU seconds of each side and the pipeline / baseline ratios."""
    row = {"pair": i, "baseline": baseline, "pipeline": pipeline, "ok": baseline["status"] == pipeline["status"] == "ok"}
    if row["ok"]:
        row["ratio"] = pipeline["seconds"] / baseline["seconds"]
        row["cpu_ratio"] = pipeline["cpu_seconds"] / baseline["cpu_seconds"]
    return row


def spread(values: list[float]) -> dict | None:
    """Median, min and max of ``values`` (None if there are none)."""
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "k": len(values)}


def pair_summary(pairs: list[dict]) -> dict:
    """``{"wall": spread, "cpu": spread, "baseline": spread, "pipeline": spread}`` over the pairs that ran."""
    ok = [p for p in pairs if p["ok"]]
    return {
        "wall": spread([p["ratio"] for p in ok]),
        "cpu": spread([p["cpu_ratio"] for p in ok]),
        "baseline": spread([p["baseline"]["seconds"] for p in ok]),
        "pipeline": spread([p["pipeline"]["seconds"] for p in ok]),
    }


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summary_lines(n: int | None, summary: dict | None, frames: dict | None) -> list[str]:
    """The headline lines, printed and written to the report."""
    lines = []
    label = f"N={n:,}" if n else "N=?"
    for key, name, limit in (("wall", "wall", WALL_LIMIT), ("cpu", "CPU", CPU_LIMIT)):
        s = summary.get(key) if summary else None
        if s is None:
            lines.append(f"pipeline / scikit-learn, {name} ratio at {label}: not measured (no pair ran) "
                         f"— target ≤ {limit:.1f}x")
            continue
        lines.append(f"pipeline / scikit-learn, {name} ratio at {label}: median {s['median']:.2f}x "
                     f"(min {s['min']:.2f}x, max {s['max']:.2f}x, {s['k']} pairs) "
                     f"— target ≤ {limit:.1f}x: {_met(s['median'] <= limit)}")
    if frames is None:
        lines.append(f"corpus frames in memory at {label}: not measured (load_corpus did not run) "
                     f"— target ≤ {FRAMES_LIMIT:g}x text")
    else:
        lines.append(f"corpus frames in memory at {label}: {frames['total'] / MB:,.0f} MB for "
                     f"{frames['text'] / MB:.1f} MB of text = {frames['ratio']:.1f}x "
                     f"— target ≤ {FRAMES_LIMIT:g}x: {_met(frames['ratio'] <= FRAMES_LIMIT)}")
    return lines


# ----------------------------------------------------------------- corpus frames


def frames_row(n: int, text_bytes: int, record: dict | None) -> dict | None:
    """Per-frame bytes after ``load_corpus``, their total and the ratio to the text size."""
    if not record or record.get("status") != "ok" or "frames_bytes" not in record:
        return None
    sizes = record["frames_bytes"]
    total = sum(sizes.values())
    return {"n": n, "frames": sizes, "total": total, "text": text_bytes,
            "ratio": total / text_bytes if text_bytes else math.inf}


# ----------------------------------------------------------------- before/after


def read_previous(path: Path) -> dict[tuple[int, str], dict]:
    """``{(N, stage): {"seconds", "cpu"}}`` from an earlier ``results.md``'s stage table."""
    text = Path(path).read_text(encoding="utf-8")
    if "## Stages" not in text:
        return {}
    table = text.split("## Stages", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in table.splitlines() if line.startswith("|")]
    if len(lines) < 2:
        return {}
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    previous = {}
    for line in lines[2:]:
        cells = dict(zip(header, (c.strip() for c in line.strip("|").split("|"))))
        try:
            key = (int(cells["N"].replace(",", "")), cells["stage"])
            previous[key] = {"seconds": float(cells["seconds"]), "cpu": _number(cells.get("CPU s"))}
        except (KeyError, ValueError):
            continue  # a stage that did not run then
    return previous


def _number(cell: str | None) -> float | None:
    return float(cell) if cell and re.fullmatch(r"[0-9.]+", cell) else None


def exponent(t_small: float, t_large: float, n_small: int, n_large: int) -> float:
    """Scaling exponent k in t ~ N^k between two sizes."""
    return math.log(t_large / t_small) / math.log(n_large / n_small)


def _fmt(value, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def _seconds(record: dict, key: str = "seconds") -> str:
    return f"{record[key]:.2f}" if record.get("status") == "ok" else record.get("status", "–")


def markdown(machine: dict, command: str, sizes: dict[int, int], rows: list[dict], pair_n: int | None,
             pairs: list[dict], summary: dict, frames: list[dict], headline: list[str], scaling: list[dict],
             targets: list[dict], notes: list[str], previous: dict | None = None) -> str:
    """The whole ``results.md`` text."""
    out = ["# Benchmark results", "", f"Produced by `{command}` (see `benchmarks/README.md`).", "", "## Summary", ""]
    out += [f"- {line}" for line in headline]
    out += ["", "## Machine", ""]
    out += [f"- **{k}**: {v}" for k, v in machine.items()]
    out += ["", "## Corpora", "", "| N articles | text (MB) |", "|---:|---:|"]
    out += [f"| {n:,} | {b / MB:.1f} |" for n, b in sizes.items()]

    where = f"At N={pair_n:,}, each" if pair_n else "Each"
    out += ["", "## Pipeline against scikit-learn, interleaved pairs", "",
            f"{where} pair runs scikit-learn's `TfidfVectorizer().fit_transform` on the texts already in memory "
            "(the baseline), then load + terms + TF-IDF + keyness back to back in one process (the pipeline: "
            "`load_corpus`, `add_source` and `count_terms` by source, paragraph `tfidf`, `keyness` with "
            "`total=\"total_tokens\"`), each in a fresh subprocess. Ratio = pipeline / baseline within the pair; "
            "the headline is the median over the pairs, with min and max as the spread. CPU s includes "
            "worker processes.", "",
            "| pair | baseline s | baseline CPU s | pipeline s | pipeline CPU s | wall ratio | CPU ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    for p in pairs:
        b, q = p["baseline"], p["pipeline"]
        out.append(f"| {p['pair']} | {_seconds(b)} | {_seconds(b, 'cpu_seconds')} | {_seconds(q)} | "
                   f"{_seconds(q, 'cpu_seconds')} | {_fmt(p.get('ratio'), '.2f')} | {_fmt(p.get('cpu_ratio'), '.2f')} |")
    out.append("")
    for key, label in (("wall", "wall ratio"), ("cpu", "CPU ratio"), ("baseline", "baseline s"),
                       ("pipeline", "pipeline s")):
        s = summary.get(key)
        if s:
            out.append(f"- {label}: median {s['median']:.2f}, min {s['min']:.2f}, max {s['max']:.2f}")

    out += ["", "## Corpus frames in memory", "",
            "After `load_corpus`: `DataFrame.memory_usage(deep=True).sum()` of each frame, in MB; "
            "ratio = all frames / the article files' bytes.", "",
            "| N | articles | paragraphs | sentences | tokens | removed | all frames | text | ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for f in frames:
        cells = " | ".join(_fmt(f["frames"][k] / MB if k in f["frames"] else None, ".1f")
                           for k in ("articles", "paragraphs", "sentences", "tokens", "removed"))
        out.append(f"| {f['n']:,} | {cells} | {f['total'] / MB:.1f} | {f['text'] / MB:.1f} | {f['ratio']:.1f}x |")

    before = previous is not None
    out += ["", "## Stages", "",
            "Single runs, each stage in a fresh subprocess; inputs are prepared before the clock starts. "
            "Seconds are wall-clock; CPU s is the CPU time of the stage process and of any worker "
            "processes it started. MB/s = corpus text size / seconds. Peak RSS is the "
            "stage process's peak during the stage; '+RSS' is the rise over the RSS just before it "
            "(interpreter, imports and inputs); 'worker peak' is the largest worker's own peak RSS. "
            "Ratio = seconds / the baseline's seconds in the same run (load_corpus against plain "
            "file reading, the others against scikit-learn's TfidfVectorizer)."
            + (" 'before' columns come from the report given to `--compare`." if before else ""), ""]
    head = "| N | stage | seconds | CPU s |"
    rule = "|---:|---|---:|---:|"
    if before:
        head += " before s | before CPU s |"
        rule += "---:|---:|"
    head += " MB/s | peak RSS (MB) | +RSS (MB) | worker peak (MB) | result (MB) | ratio | vs |"
    out += [head, rule + "---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        old = (previous or {}).get((r["n"], r["stage"]), {})
        was = f" {_fmt(old.get('seconds'), '.3f')} | {_fmt(old.get('cpu'), '.3f')} |" if before else ""
        if r["status"] != "ok":
            cells = [f"{r['n']:,}", r["stage"], r["status"]] + [""] * (head.count("|") - 5)
            cells.append(r["detail"].strip().splitlines()[-1] if r["detail"].strip() else "")
            out.append("| " + " | ".join(cells) + " |")
            continue
        out.append(
            f"| {r['n']:,} | {r['stage']} | {r['seconds']:.3f} | {_fmt(r['cpu'], '.3f')} |{was} {r['mb_s']:.1f} | "
            f"{r['peak_mb']:.0f} | {r['over_mb']:.0f} | {r['workers_mb']:.0f} | {r['result_mb']:.0f} | "
            f"{_fmt(r['ratio'], '.2f')} | {r['baseline']} |"
        )
    out += ["", "## Scaling", "", "Exponent k in seconds ~ N^k (1 = linear).", "",
            "| stage | from N | to N | k (wall) | k (CPU) |", "|---|---:|---:|---:|---:|"]
    out += [f"| {s['stage']} | {s['from']:,} | {s['to']:,} | {s['k']:.2f} | {_fmt(s.get('k_cpu'), '.2f')} |"
            for s in scaling]
    out += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    out += [f"| {t['target']} | {t['measured']} | {t['met']} |" for t in targets]
    if notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"
