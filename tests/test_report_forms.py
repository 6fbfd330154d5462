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


@pytest.mark.skipif(not project_notebooks(), reason="no notebooks in notebooks/ yet")
def test_papermill_passes_columns_for_a_table_the_loader_cannot_guess(tmp_path):
    import csv

    import papermill

    from analysis.config import NOTEBOOKS_DIR

    table = tmp_path / "stories.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["uid", "paper", "story"])
        writer.writerow(["s1", "Valley Courier", "The bridge opened on Thursday. Walkers crossed it."])
        writer.writerow(["s2", "Harbour Daily", "The council defended the cost. Residents asked why."])
    out = tmp_path / "00.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "00-corpus.ipynb"), str(out), kernel_name="python3", cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
        parameters={"CORPUS": str(table), "OUTPUT_DIR": str(tmp_path / "outputs"),
                    "COLUMNS": {"text": "story", "article_id": "uid", "outlet": "paper"}},
    )
    assert "<Corpus: 2 articles, 4 sentences" in out.read_text()
