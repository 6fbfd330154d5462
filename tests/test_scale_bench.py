"""``make bench-scale`` (``benchmarks.scale_bench``): its runs, sets of measures and report
(a tiny corpus on a real LocalCluster; no timing assertions)."""
from __future__ import annotations

import argparse
import json

import pytest

from benchmarks import scale_bench


def _run(n, measure_set, workers, pass_s, stages=None, rows=None):
    return {"n": n, "set": measure_set, "workers": workers, "memory_limit": "6GiB", "cluster_start_s": 1.0, "pass_s": pass_s,
            "keyness_s": 2.0, "pieces": n // 4000, "articles": n, "stages": stages or {"read": n / 1000},
            "worker_peaks": [1.5e9] * workers, "client_peak": 2e9, "load_before": [0.5, 0, 0],
            "load_after": [2.1, 0, 0], "worker_cpu_s": [pass_s * 0.75] * workers, "rows": rows or {"counts": 10}}


def _args(tmp_path):
    return argparse.Namespace(seed=1, outlets=20, years=3, partition_bytes=16_000_000,
                              out=tmp_path / "r.md")


def test_report_gives_speed_up_scaling_target_and_stages_per_thousand(tmp_path):
    runs = [_run(100_000, "core", 1, 160.0), _run(100_000, "core", 2, 80.0),
            _run(1_000_000, "core", 2, 880.0, stages={"read": 1000.0, "counts": 300.0}),
            _run(100_000, "positions", 2, 120.0, stages={"read": 100.0, "positions": 50.0})]
    text = scale_bench.report(runs, {100_000: 454e6, 1_000_000: 4.5e9}, _args(tmp_path))
    assert "| 100,000 | core | 454 | 2 | 6GiB | 25 | 80.0 | 2.0 | 1.0 | 1.50 | 2.00 | 2.00× | 0.5 → 2.1 | 120.0 | 0.75 |" in text
    assert "| core | 2 | 1,000,000 | 0.88 | 1.10× |" in text  # 0.88 s per 1,000 articles against 0.80
    assert "| 100,000 | positions | 2 | 1.00 |  | 0.50 | 1.50 |" in text  # read, counts, positions per 1,000
    assert "At 1,000,000 (2 workers): 882 s of pass and keyness, 1.50 GB per worker: met." in text
    assert "`positions`: core + country positions" in text


def test_report_says_when_1m_was_not_run(tmp_path):
    run = _run(100_000, "core", 1, 160.0)
    del run["worker_cpu_s"]  # a run kept before the CPU time was measured
    text = scale_bench.report([run], {100_000: 454e6}, _args(tmp_path))
    assert "Not run at 1,000,000 articles here" in text and "Scaling with N" not in text
    assert "| 0.5 → 2.1 |  |  |" in text


def test_every_set_runs_on_a_cluster_and_runs_accumulate(tmp_path):
    out = tmp_path / "results.md"
    common = ["--n", "300", "--outlets", "12", "--corpora", str(tmp_path / "corpora"), "--out", str(out)]
    assert scale_bench.main([*common, "--workers", "1", "--sets", "core", "report"]) == 0
    kept = json.loads(out.with_suffix(".json").read_text())
    assert [(r["set"], r["workers"]) for r in kept["runs"]] == [("core", 1), ("report", 1)]
    report_run = kept["runs"][1]
    assert set(report_run["stages"]) == {"read", "counts", "mentions", "attention", "positions", "bigrams",
                                         "trigrams", "framing"}
    assert all(report_run["rows"][name] > 0 for name in ("positions", "bigrams", "trigrams", "framing"))
    assert report_run["rows"]["counts"] == kept["runs"][0]["rows"]["counts"]
    assert all(p > 0 for p in report_run["worker_peaks"]) and report_run["articles"] == 300
    assert 0 < sum(report_run["worker_cpu_s"]) < 10 * report_run["pass_s"]
    # a second invocation adds its runs to the first's, replacing none of them
    assert scale_bench.main([*common, "--workers", "2", "--append"]) == 0
    kept = json.loads(out.with_suffix(".json").read_text())
    assert [(r["set"], r["workers"]) for r in kept["runs"]] == [("core", 1), ("core", 2), ("report", 1)]
    assert {r["memory_limit"] for r in kept["runs"]} == {"6GiB"}  # the default, kept with each run
    text = out.read_text()
    assert "| 300 | report | " in text and "× |" in text
    # runs kept apart (another --out) merge into this report
    apart = tmp_path / "apart.md"
    assert scale_bench.main([*common[:-1], str(apart), "--workers", "1", "--sets", "positions"]) == 0
    assert scale_bench.main([*common, "--n", "--append", "--merge", str(apart.with_suffix(".json"))]) == 0
    kept = json.loads(out.with_suffix(".json").read_text())
    assert [(r["set"], r["workers"]) for r in kept["runs"]] == [("core", 1), ("core", 2), ("positions", 1),
                                                                ("report", 1)]
    assert "| 300 | positions | " in out.read_text()
    with pytest.raises(SystemExit, match="other settings"):
        scale_bench.main([*common, "--workers", "2", "--append", "--partition-bytes", "1000000"])


def test_sampler_counts_children_except_for_processes_measured_alone():
    import os
    import subprocess
    import sys
    import time

    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(300_000_000); time.sleep(30)"])
    try:
        time.sleep(1.5)  # the child has its 300 MB
        me = os.getpid()
        with scale_bench.Sampler([me]) as tree, scale_bench.Sampler([me], alone=(me,)) as alone:
            time.sleep(3 * scale_bench.SAMPLE_SECONDS)
        assert tree.peaks[me] > alone.peaks[me] + 250_000_000
    finally:
        child.kill()
        child.wait()
