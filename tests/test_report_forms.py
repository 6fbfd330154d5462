"""The report runs on every input form: a table file as --corpus, and a folder of HTML pages."""
import pytest

from analysis.tools.cli import main
from report_support import FIXTURES, dummy_notebook, project_notebooks, project_report, write_notebooks

FORMS = FIXTURES / "forms"


# One table form stands for all (the report only resolves the path; test_corpus_forms
# checks that every form loads the same), and the HTML folder.
@pytest.mark.parametrize("name", ["articles.csv", "html"])
def test_the_cli_report_takes_every_form(tmp_path, capsys, name):
    nbs = write_notebooks(tmp_path / "nbs", ("00-first.ipynb", dummy_notebook("00", "first")))
    out = tmp_path / "report"
    assert main(["report", "--corpus", str(FORMS / name), "--out", str(out), "--notebooks", str(nbs)]) == 0
    assert f"report on corpus '{name}'" in capsys.readouterr().out
    page = (out / "00-first.html").read_text()
    assert "Valley Courier" in page and str(FORMS) not in page


@pytest.mark.skipif(not project_notebooks(), reason="no notebooks in notebooks/ yet")
def test_every_project_notebook_runs_on_a_json_lines_file():
    out, log = project_report(FORMS / "articles.jsonl")
    for notebook in project_notebooks():
        assert (out / notebook.with_suffix(".html").name).is_file(), f"{notebook.name} not rendered"
        assert notebook.name in log
