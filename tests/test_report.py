"""``python -m analysis report``: runs every notebook on a corpus into build/, renders offline HTML."""
from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from analysis.tools.cli import main
from analysis.config import PROJECT_ROOT
from analysis.tools.render import inline_markdown
from analysis.tools.report import first_sentence, title_and_summary
from report_support import (
    ONE_ARTICLE,
    THREE_SOURCES,
    dummy_notebook,
    inline_images,
    offline_problems,
    project_notebooks,
    project_report,
    write_notebooks,
)


@pytest.fixture(scope="module")
def dummy_run(tmp_path_factory):
    """Two stand-in notebooks run through the CLI on the three-source fixture."""
    base = tmp_path_factory.mktemp("dummy")
    nbs = write_notebooks(
        base / "nbs",
        ("00-first.ipynb", dummy_notebook("00", "first")),
        ("01-second.ipynb", dummy_notebook("01", "second")),
    )
    before = {p.name: p.read_bytes() for p in nbs.iterdir()}
    out = base / "report"
    code = main(["report", "--corpus", str(THREE_SOURCES), "--out", str(out), "--notebooks", str(nbs)])
    return code, nbs, before, out


def test_report_runs_every_notebook_into_out(dummy_run, capsys):
    code, nbs, before, out = dummy_run
    assert code == 0
    assert {p.name: p.read_bytes() for p in nbs.iterdir()} == before, "source notebooks must never be written"
    for name in ("00-first", "01-second"):
        assert (out / f"{name}.html").is_file()
        executed = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert str(THREE_SOURCES.resolve()) in injected[0].source
        assert str((out / "outputs").resolve()) in injected[0].source
        assert "start_time" not in nbformat.writes(executed), "executed notebooks keep no timestamps"
    assert (out / "outputs" / "dummy_words.png").is_file() and (out / "outputs" / "dummy_words.csv").is_file()


def test_index_lists_notebooks_with_summaries_and_findings(dummy_run):
    *_, out = dummy_run
    index = (out / "index.html").read_text()
    assert 'href="00-first.html"' in index and 'href="01-second.html"' in index
    assert "00 — Dummy: words per source" in index
    assert index.count("How many words does each source print?") == 2
    assert "<li>Valley Courier prints" in index and "<li>Harbour Daily prints" in index
    assert "three_sources" in index
    assert str(THREE_SOURCES.parent) not in index, "the index names the corpus folder only"


def test_pages_are_offline_and_free_of_local_paths(dummy_run):
    *_, out = dummy_run
    for page in sorted(out.glob("*.html")):
        text = page.read_text()
        assert offline_problems(text) == [], page.name
        assert str(PROJECT_ROOT) not in text and str(out) not in text, page.name
    assert inline_images((out / "00-first.html").read_text()), "the chart is inline"


def test_report_is_deterministic(dummy_run, tmp_path):
    _, nbs, _, out = dummy_run
    again = tmp_path / "again"
    assert main(["report", "--corpus", str(THREE_SOURCES), "--out", str(again), "--notebooks", str(nbs)]) == 0
    for page in sorted(out.glob("*.html")):
        assert (again / page.name).read_bytes() == page.read_bytes(), page.name


def test_progress_one_line_per_notebook(tmp_path, capfd):
    nb = dummy_notebook()
    nb.cells[1].source = "CORPUS = None  # folder; None = seeds\nOUTPUT_DIR = None  # None = build/outputs"
    nbs = write_notebooks(tmp_path / "nbs", ("00-only.ipynb", nb))
    assert main(["report", "--corpus", str(ONE_ARTICLE), "--out", str(tmp_path / "r"), "--notebooks", str(nbs)]) == 0
    captured = capfd.readouterr()
    assert "IPKernelApp" not in captured.out + captured.err, "kernel chatter stays off the terminal"
    assert "parameter" not in captured.out + captured.err, "no papermill parameter warnings"
    lines = captured.out.splitlines()
    progress = [line for line in lines if "00-only.ipynb" in line]
    assert len(progress) == 1 and " ok " in progress[0] and progress[0].endswith(" s")
    assert lines[-1].endswith(f"{tmp_path.name}/r/index.html")


def test_rerun_replaces_an_earlier_report(tmp_path):
    out = tmp_path / "r"
    first = write_notebooks(tmp_path / "first", ("00-only.ipynb", dummy_notebook()))
    second = write_notebooks(tmp_path / "second", ("01-other.ipynb", dummy_notebook("01", "other")))
    assert main(["report", "--corpus", str(ONE_ARTICLE), "--out", str(out), "--notebooks", str(first)]) == 0
    (out / "index.html").write_text("old")  # the report's own file, edited: replaced
    assert main(["report", "--corpus", str(ONE_ARTICLE), "--out", str(out), "--notebooks", str(second)]) == 0
    assert not (out / "00-only.html").exists() and not (out / "notebooks" / "00-only.ipynb").exists()
    assert (out / "01-other.html").is_file() and "01-other.html" in (out / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "r", "second"], "nothing left beside the report"


def test_failing_notebook_stops_the_run_and_keeps_partial_output(tmp_path, capsys):
    nbs = write_notebooks(
        tmp_path / "nbs",
        ("00-fine.ipynb", dummy_notebook("00")),
        ("01-broken.ipynb", dummy_notebook("01", fail=True)),
        ("02-later.ipynb", dummy_notebook("02")),
    )
    out = tmp_path / "r"
    code = main(["report", "--corpus", str(THREE_SOURCES), "--out", str(out), "--notebooks", str(nbs)])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 01-broken.ipynb failed in cell 5" in err and "KeyError" in err and "no_such_column" in err
    partial = tmp_path / "r.failed" / "notebooks" / "01-broken.ipynb"
    assert str(partial) in err and partial.is_file()
    errors = [o for c in nbformat.read(partial, as_version=4).cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "KeyError"
    assert not (partial.parent / "02-later.ipynb").exists() and not (partial.parent.parent / "index.html").exists()
    assert not out.exists() and f"no report was written to {out}" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--corpus", "no/such/folder"], "corpus folder not found"),
        (["--notebooks", "no/such/notebooks"], "notebooks folder not found"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, args, message):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--out", str(tmp_path / "r"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_notebook_without_parameters_cell_is_refused(tmp_path, capsys):
    nbs = write_notebooks(tmp_path / "nbs", ("00-noparams.ipynb", dummy_notebook(parameters=False)))
    assert main(["report", "--corpus", str(THREE_SOURCES), "--out", str(tmp_path / "r"), "--notebooks", str(nbs)]) == 2
    assert "00-noparams.ipynb: no code cell tagged 'parameters'" in capsys.readouterr().err


def test_refuses_to_empty_a_folder_that_is_not_a_report(tmp_path, capsys):
    nbs = write_notebooks(tmp_path / "nbs", ("00-only.ipynb", dummy_notebook()))
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me")
    assert main(["report", "--out", str(precious), "--notebooks", str(nbs)]) == 2
    assert (precious / "thesis.txt").read_text() == "keep me"
    assert "holds no earlier report" in capsys.readouterr().err


def test_offline_checker_catches_remote_assets():
    assert offline_problems('<script src="https://cdn.example/require.js"></script>')
    assert offline_problems('<link rel="stylesheet" href="//cdn.example/x.css">')
    assert offline_problems("<style>@import url('https://fonts.example/css');</style>")
    assert offline_problems('<img src="outputs/chart.png">')
    assert not offline_problems('<img src="data:image/png;base64,AAAA"><script>var a = 1;</script>')


def test_summary_markdown_is_rendered_and_escaped():
    assert inline_markdown("**Question:** is <b> `x` safe?") == "<strong>Question:</strong> is &lt;b&gt; <code>x</code> safe?"


def test_title_and_first_sentence():
    nb = dummy_notebook("03", "x")
    assert title_and_summary(nb, "03-x.ipynb") == ("03 — Dummy: words per source", "How many words does each source print?")
    assert first_sentence("Do the U.S. outlets differ?  Yes. More.") == "Do the U.S. outlets differ?"
    assert first_sentence("One line\nwrapped. Next.") == "One line wrapped."


# ------------------------------------------------------------ the project's own notebooks

needs_notebooks = pytest.mark.skipif(not project_notebooks(), reason="no notebooks in notebooks/ yet")


@needs_notebooks
@pytest.mark.parametrize("corpus", [THREE_SOURCES, ONE_ARTICLE], ids=lambda p: p.name)
def test_every_project_notebook_runs_on_a_foreign_corpus(corpus):
    out, log = project_report(corpus)
    index = (out / "index.html").read_text()
    for notebook in project_notebooks():
        page = out / notebook.with_suffix(".html").name
        assert page.is_file(), f"{notebook.name} not rendered"
        assert f'href="{page.name}"' in index
        assert offline_problems(page.read_text()) == [], page.name
        assert str(PROJECT_ROOT) not in page.read_text(), f"{page.name} shows a machine path"
        assert f"{notebook.name}" in log
    assert offline_problems(index) == []


def test_parameters_cell_must_set_corpus_and_output_dir(tmp_path, capsys):
    nb = dummy_notebook()
    nb.cells[1].source = "CORPUS = None  # folder; None = seeds"
    nbs = write_notebooks(tmp_path / "nbs", ("00-half.ipynb", nb))
    assert main(["report", "--corpus", str(THREE_SOURCES), "--out", str(tmp_path / "r"), "--notebooks", str(nbs)]) == 2
    assert "00-half.ipynb: the 'parameters' cell does not set OUTPUT_DIR" in capsys.readouterr().err


def test_columns_name_what_the_loader_cannot_guess(tmp_path, capfd):
    """``--columns text=story`` reaches the loader's check and every notebook (as COLUMNS)."""
    table = tmp_path / "stories.csv"
    table.write_text("uid,paper,story\n1,Daily Planet,The bridge opened. Crowds came.\n"
                     "2,The Ledger,The bridge closed. Nobody came.\n", encoding="utf-8")
    nb = dummy_notebook()
    nb.cells[1].source = "CORPUS = None\nCOLUMNS = None\nOUTPUT_DIR = None"
    nb.cells[2].source = nb.cells[2].source.replace("load_corpus(CORPUS)", "load_corpus(CORPUS, columns=COLUMNS)")
    nbs = write_notebooks(tmp_path / "nbs", ("00-only.ipynb", nb))
    args = ["report", "--corpus", str(table), "--out", str(tmp_path / "r"), "--notebooks", str(nbs)]
    assert main(args) == 2  # no text column under a name the loader knows
    assert "story" in capfd.readouterr().err
    assert main(args + ["--columns", "text=story,article_id=uid,outlet=paper"]) == 0
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "Daily Planet prints" in page and "The Ledger prints" in page
    with pytest.raises(SystemExit):
        main(args + ["--columns", "text"])


def test_index_shows_the_first_findings_and_links_to_the_rest():
    from pathlib import Path

    from analysis.tools.render import INDEX_FINDINGS, NotebookPage, render_index

    many = NotebookPage(source=Path("01-x.ipynb"), title="01 — X", summary="Which?",
                        findings=[f"finding {i}" for i in range(INDEX_FINDINGS + 7)])
    few = NotebookPage(source=Path("02-y.ipynb"), title="02 — Y", summary="What?", findings=["only one"])
    index = render_index([many, few], "corpus")
    assert index.count("<li>finding ") == INDEX_FINDINGS and f"finding {INDEX_FINDINGS}<" not in index
    assert '<a href="01-x.html#Findings">… and 7 more findings in the notebook</a>' in index
    assert "<li>only one</li>" in index and index.count("more finding") == 1
