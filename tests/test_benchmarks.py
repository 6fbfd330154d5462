"""Smoke test of ``make bench``: the whole benchmark at N = 10 and 20 with two pairs (no timing assertions)."""
from __future__ import annotations

import hashlib
import re

import pandas as pd
import pytest

from analysis import load_corpus
from benchmarks import generate, report, run
from benchmarks.stages import BASELINES, FRAMES, STAGES


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_generator_is_deterministic_and_prefix_stable(tmp_path):
    generate.write_corpus(tmp_path / "a", 12)
    generate.write_corpus(tmp_path / "b", 12)
    generate.write_corpus(tmp_path / "c", 5)
    a, b, c = _digest(tmp_path / "a"), _digest(tmp_path / "b"), _digest(tmp_path / "c")
    assert a == b
    assert {k: v for k, v in c.items() if k != "metadata.csv"} == {k: a[k] for k in c if k != "metadata.csv"}
    parallel = generate.write_corpus(tmp_path / "e", 400, processes=2)
    assert parallel == generate.write_corpus(tmp_path / "f", 400)
    assert _digest(tmp_path / "e") == _digest(tmp_path / "f")
    other = generate.write_corpus(tmp_path / "d", 12, seed=1)
    assert other > 0 and _digest(tmp_path / "d") != a


def test_generated_corpus_is_news_like(tmp_path):
    generate.write_corpus(tmp_path, 30)
    corpus = load_corpus(tmp_path)
    words = corpus.articles["n_tokens"]
    assert len(corpus.articles) == 30
    assert words.between(400, 1000).all()
    assert set(corpus.articles["outlet"]) <= set(generate.OUTLETS)
    assert (corpus.articles["n_sentences"] > 10).all()
    assert corpus.tokens["token"].isin(["U.S.", "U.K.", "U.N.", "E.U."]).any()
    assert len(corpus.removed) > 0  # headline, byline and "Recent Comments" lines are cleaned away


def test_generator_shape_sets_outlets_and_dates(tmp_path):
    shape = generate.Shape(outlets=20, start="2019-01-01", years=3)
    generate.write_corpus(tmp_path, 600, shape=shape)
    meta = pd.read_csv(tmp_path / "metadata.csv", dtype=str, keep_default_na=False)
    counts = meta["outlet"].value_counts()
    assert len(counts) == 20 and counts.iloc[0] > 3 * counts.iloc[-1], "outlets of unequal size"
    dated = meta["published"][meta["published"].str.len() == 10]
    assert dated.min() >= "2019-01-01" and dated.max() <= "2021-12-31"
    assert dated.str[:4].nunique() == 3
    assert (meta["published"].str.len() == 7).any() and (meta["published"] == "").any()
    # signature words: outlet 0's first word is used more by outlet 0 than by the others
    word = generate.signature_words(0)[0]
    texts = {f: (tmp_path / f).read_text() for f in meta["file"]}
    own = meta["outlet"] == generate.OUTLETS[0]
    rate = lambda rows: sum(texts[f].count(f" {word} ") for f in meta["file"][rows]) / rows.sum()
    assert rate(own) > 2 * rate(~own)
    with pytest.raises(ValueError, match="outlets"):
        generate.Shape(outlets=0).outlet_names()


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(scope="module")
def smoke_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "results.md"
    assert run.main(["--sizes", "10", "20", "--pairs", "2", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_report_has_every_stage_and_section(smoke_report):
    table = _section(smoke_report, "Stages")
    for stage in BASELINES + STAGES:
        for n in ("10", "20"):
            assert f"| {n} | {stage.name} |" in table
    for section in ("## Summary", "## Machine", "## Corpora", "## Pipeline against scikit-learn",
                    "## Corpus frames in memory", "## Stages", "## Scaling", "## Targets"):
        assert section in smoke_report
    assert "CPU" in smoke_report and "Python" in smoke_report


def test_every_stage_ran(smoke_report):
    table = _section(smoke_report, "Stages")
    for n in ("10", "20"):
        rows = [line for line in table.splitlines() if line.startswith(f"| {n} |")]
        assert len(rows) == len(BASELINES + STAGES)
        assert all(row.split("|")[3].strip() not in ("error", "timeout") for row in rows)
    assert "## Notes" not in smoke_report or "error" not in _section(smoke_report, "Notes")


def test_report_has_the_pair_table_and_its_spread(smoke_report):
    pairs = _section(smoke_report, "Pipeline against scikit-learn")
    assert "At N=20, each pair" in pairs
    rows = [line for line in pairs.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [row.split("|")[1].strip() for row in rows] == ["1", "2"]
    for row in rows:  # every cell is a number: both sides of every pair ran
        for cell in row.strip("|").split("|"):
            float(cell)
    for label in ("wall ratio", "CPU ratio"):
        assert re.search(rf"- {label}: median [0-9.]+, min [0-9.]+, max [0-9.]+", pairs)
    summary = _section(smoke_report, "Summary")
    for name, limit in (("wall", "1.0"), ("CPU", "1.5")):
        assert re.search(rf"{name} ratio at N=20: median [0-9.]+x \(min [0-9.]+x, max [0-9.]+x, 2 pairs\) "
                         rf"— target ≤ {limit}x: (met|MISSED)", summary)


def test_report_has_the_memory_of_every_frame(smoke_report):
    frames = _section(smoke_report, "Corpus frames in memory")
    header = next(line for line in frames.splitlines() if line.startswith("| N |"))
    for name in FRAMES:
        assert f"| {name} |" in header
    row = next(line for line in frames.splitlines() if line.startswith("| 20 |"))
    assert "–" not in row and row.rstrip(" |").endswith("x")
    assert re.search(r"corpus frames in memory at N=20: [0-9,]+ MB for [0-9.]+ MB of text = [0-9.]+x "
                     r"— target ≤ 12x: (met|MISSED)", _section(smoke_report, "Summary"))


def test_compare_adds_before_columns(smoke_report, tmp_path):
    previous = tmp_path / "before.md"
    previous.write_text(smoke_report, encoding="utf-8")
    before = report.read_previous(previous)
    assert {stage.name for stage in BASELINES + STAGES} <= {name for n, name in before if n == 20}
    assert all(v["seconds"] >= 0 for v in before.values())


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


def test_pair_summary_is_the_median_and_spread_of_the_pairs():
    def rec(seconds, cpu):
        return {"status": "ok", "seconds": seconds, "cpu_seconds": cpu}

    pairs = [report.pair_row(1, rec(2.0, 2.0), rec(4.0, 5.0)),
             report.pair_row(2, rec(4.0, 4.0), rec(4.0, 4.0)),
             report.pair_row(3, rec(1.0, 1.0), rec(1.5, 3.0)),
             report.pair_row(4, {"status": "timeout"}, rec(1.0, 1.0))]
    summary = report.pair_summary(pairs)
    assert summary["wall"] == {"median": 1.5, "min": 1.0, "max": 2.0, "k": 3}
    assert summary["cpu"] == {"median": 2.5, "min": 1.0, "max": 3.0, "k": 3}
    assert report.pair_summary([pairs[-1]])["wall"] is None


def test_headline_size_is_ten_thousand_when_run():
    assert run.headline_size([100, 1_000, 10_000, 100_000]) == 10_000
    assert run.headline_size([10, 20]) == 20
    assert run.headline_size([100_000]) == 100_000


def test_report_bench_reads_progress_and_writes_targets():
    from benchmarks import report_bench as rb

    stdout = "report on corpus 'x': 2 notebooks\n  00-corpus.ipynb              ok       10.2 s\n" \
             "  01-term-frequency.ipynb      ok        3.0 s\n"
    assert rb.notebook_times(stdout) == [("00-corpus.ipynb", "ok", 10.2), ("01-term-frequency.ipynb", "ok", 3.0)]
    fast = rb.Run(seconds=100.0, peak_tree=2 * rb.GIB, kernels=[rb.GIB, rb.GIB // 2], stdout=stdout)
    slow = rb.Run(seconds=200.0, peak_tree=2 * rb.GIB, kernels=[rb.GIB], stdout=stdout)
    load = rb.Run(seconds=10.0)
    page = rb.markdown([{"n": 10_000, "text_bytes": 43_000_000, "loads": [load], "reports": [fast]},
                        {"n": 100_000, "text_bytes": 430_000_000, "loads": [load], "reports": [slow, slow]}],
                       rb.Shape(outlets=20), rb.SEED)
    assert "| 10,000 | 43.0 | 1 | 100.0 | 10.0 | 10.0× | 2.00 | ≤ 3 min, ≤ 4 GB | met |" in page
    assert "| 100,000 | 430.0 | 2 | 200.0 | 10.0 | 20.0× | 2.00 | ≤ 20 min, ≤ 16 GB | met |" in page
    assert "| 10,000 | 01-term-frequency.ipynb | ok | 3.0 | 0.50 |" in page
    over = rb.Run(seconds=181.0, peak_tree=rb.GIB, stdout=stdout)
    assert "| missed |" in rb.markdown([{"n": 10_000, "text_bytes": 1, "loads": [load], "reports": [over]}],
                                       rb.Shape(), rb.SEED)


def test_report_bench_reuses_a_generated_corpus(tmp_path):
    from benchmarks import report_bench as rb

    shape = rb.Shape(outlets=3, years=1)
    first = rb.corpus_for(12, shape, rb.SEED, tmp_path)
    marker = first / "a000000.txt"
    stamp = marker.stat().st_mtime_ns
    assert rb.corpus_for(12, shape, rb.SEED, tmp_path) == first and marker.stat().st_mtime_ns == stamp
    other = rb.corpus_for(12, rb.Shape(outlets=4, years=1), rb.SEED, tmp_path)
    assert other != first and len(list(other.glob("*.txt"))) == 12
