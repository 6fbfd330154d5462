"""Every notebook on a corpus shaped like real coverage: 300 articles from 12 outlets over three years.

The corpus comes from the benchmark generator (deterministic: the same files on every run),
written once per test run.  No timing is asserted (that is ``make bench-report``'s job); what is
asserted is that each notebook runs and that what a reader sees stays bounded: the findings on
the index page, the lines a cell prints and the charts a notebook draws do not grow with the
number of articles or outlets.
"""
from __future__ import annotations

import re

import nbformat
import pytest

from benchmarks.generate import Shape, write_corpus
from report_support import offline_problems, project_notebooks, project_report, scratch

N_ARTICLES = 300
N_OUTLETS = 12
#: Bounds on what a reader sees, far below what one line per article or per pair of sources gives.
MAX_FINDINGS = 12
MAX_LINES_PER_OUTPUT = 80
MAX_CHARTS_PER_NOTEBOOK = 16
MAX_TABLE_ROWS = 60


@pytest.fixture(scope="module")
def many():
    corpus = scratch("many_outlets")
    if not corpus.exists():
        write_corpus(corpus, N_ARTICLES, shape=Shape(outlets=N_OUTLETS, years=3))
    out, log = project_report(corpus)
    return corpus, out, log


def _executed(out):
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted((out / "notebooks").glob("*.ipynb"))}


def test_every_notebook_runs_on_300_articles_from_12_outlets(many):
    corpus, out, log = many
    names = [p.stem for p in project_notebooks()]
    assert sorted(_executed(out)) == names
    assert all((out / f"{name}.html").is_file() for name in names)
    assert log.count(" ok ") == len(names), log


def test_index_findings_stay_short(many):
    _, out, _ = many
    index = (out / "index.html").read_text()
    for block in re.findall(r'<ul class="findings">(.*?)</ul>', index, flags=re.S):
        assert block.count("<li>") <= MAX_FINDINGS, block[:500]
    assert "many_outlets" in index


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


def test_outputs_are_bounded(many):
    _, out, _ = many
    for name, nb in _executed(out).items():
        charts = 0
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                lines = _text(output).count("\n")
                assert lines <= MAX_LINES_PER_OUTPUT, f"{name} cell {index}: {lines} lines"
                html = output.get("data", {}).get("text/html", "")
                rows = html.count("<tr")
                assert rows <= MAX_TABLE_ROWS + 2, f"{name} cell {index}: a table of {rows} rows"
                charts += "image/png" in output.get("data", {})
        assert charts <= MAX_CHARTS_PER_NOTEBOOK, f"{name}: {charts} charts"


def test_pages_stay_offline(many):
    _, out, _ = many
    for page in sorted(out.glob("*.html")):
        assert offline_problems(page.read_text()) == [], page.name
