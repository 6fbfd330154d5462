"""Smoke test of ``make bench``: the whole benchmark at N = 20 (no timing assertions)."""
from __future__ import annotations

import hashlib

import pytest

from benchmarks import generate, report, run
from benchmarks.stages import BASELINES, STAGES
from analysis.corpus import load_corpus


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_generator_is_deterministic_and_prefix_stable(tmp_path):
    generate.write_corpus(tmp_path / "a", 12)
    generate.write_corpus(tmp_path / "b", 12)
    generate.write_corpus(tmp_path / "c", 5)
    a, b, c = _digest(tmp_path / "a"), _digest(tmp_path / "b"), _digest(tmp_path / "c")
    assert a == b
    assert {k: v for k, v in c.items() if k != "metadata.csv"} == {k: a[k] for k in c if k != "metadata.csv"}
    other = generate.write_corpus(tmp_path / "d", 12, seed=1)
    assert other > 0 and _digest(tmp_path / "d") != a


def test_generated_corpus_is_news_like(tmp_path):
    generate.write_corpus(tmp_path, 30)
    corpus = load_corpus(tmp_path)
    words = corpus.articles["n_tokens"]
    assert len(corpus.articles) == 30
    assert words.between(400, 1000).all()
    assert corpus.articles["outlet"].nunique() == len(generate.OUTLETS)
    assert (corpus.articles["n_sentences"] > 10).all()
    assert corpus.tokens["token"].isin(["U.S.", "U.K.", "U.N.", "E.U."]).any()
    assert len(corpus.removed) > 0  # headline, byline and "Recent Comments" lines are cleaned away


@pytest.fixture(scope="module")
def smoke_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "results.md"
    assert run.main(["--sizes", "10", "20", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_report_has_every_stage_and_section(smoke_report):
    table = smoke_report.split("## Stages", 1)[1].split("## Pipeline", 1)[0]
    for stage in BASELINES + STAGES:
        for n in ("10", "20"):
            assert f"| {n} | {stage.name} |" in table
    for section in ("## Machine", "## Corpora", "## Pipeline", "## Scaling", "## Targets"):
        assert section in smoke_report
    assert "CPU" in smoke_report and "Python" in smoke_report


def test_every_stage_ran(smoke_report):
    table = smoke_report.split("## Stages", 1)[1].split("## Pipeline", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| 20 |")]
    assert rows and all("| error |" not in r and "| timeout |" not in r for r in rows)


def test_derived_figures():
    assert report.exponent(1.0, 10.0, 1_000, 10_000) == pytest.approx(1.0)
    assert report.exponent(1.0, 100.0, 1_000, 10_000) == pytest.approx(2.0)
    records = {
        report.SKLEARN: {"status": "ok", "seconds": 2.0, "cpu_seconds": 2.0, "peak_rss": 0, "before_rss": 0,
                         "imports_rss": 0, "result_bytes": 0},
        "keyness": {"status": "ok", "seconds": 3.0, "cpu_seconds": 3.0, "peak_rss": 2 * report.MB,
                    "before_rss": report.MB, "imports_rss": 0, "result_bytes": 0},
    }
    rows = {r["stage"]: r for r in report.rows_for(10, 6 * report.MB, records)}
    assert rows["keyness"]["ratio"] == pytest.approx(1.5)
    assert rows["keyness"]["mb_s"] == pytest.approx(2.0)
    assert rows["keyness"]["over_mb"] == pytest.approx(1.0)
