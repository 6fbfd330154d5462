"""Helpers for the report tests: a stand-in notebook, a cached report run, HTML checks."""
from __future__ import annotations

import atexit
import io
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.tools.execute import notebook_paths
from analysis.config import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.tools.report import build_report

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
THREE_SOURCES = FIXTURES / "three_sources"
ONE_ARTICLE = FIXTURES / "one_article"


def dummy_notebook(number: str = "00", name: str = "dummy", fail: bool = False, parameters: bool = True):
    """A small notebook following the project's conventions (title, parameters, chart, findings)."""
    params = new_code_cell("CORPUS = None\nOUTPUT_DIR = None")
    params.metadata["tags"] = ["parameters"]
    cells = [
        new_markdown_cell(
            f"# {number} — Dummy: words per source\n\nHow many words does each source print? "
            "A stand-in notebook for the report tests.\n\n## Method\n\nCount tokens."
        ),
        *([params] if parameters else []),
        new_code_cell(
            "import matplotlib.pyplot as plt\n"
            "from analysis import load_corpus\nfrom analysis.plots.style import save_chart, use_style\n"
            "corpus = load_corpus(CORPUS)\nuse_style()\ncorpus"
        ),
        new_code_cell(
            "words = corpus.articles.groupby('source', as_index=False)['n_tokens'].sum()\n"
            "fig, ax = plt.subplots(figsize=(4, 2))\nax.barh(words['source'], words['n_tokens'])\n"
            "save_chart(fig, words, 'dummy_words', OUTPUT_DIR)\nplt.show()"
        ),
        new_code_cell("raise KeyError('no_such_column')" if fail else "print(len(words), 'sources')"),
    ]
    findings = new_code_cell(
        "for row in words.itertuples():\n    print(f'- {row.source} prints {row.n_tokens} words.')"
    )
    findings.metadata["tags"] = ["findings"]
    cells.append(findings)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_notebooks(folder: Path, *notebooks: tuple[str, nbformat.NotebookNode]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for filename, nb in notebooks:
        nbformat.write(nb, folder / filename)
    return folder


_TMP = Path(tempfile.mkdtemp(prefix="report-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


_RUNS: dict[Path, tuple[Path, str] | BaseException] = {}


def scratch(name: str) -> Path:
    """A folder path under this test run's temporary folder (removed at exit)."""
    return _TMP / name


def project_report(corpus: Path) -> tuple[Path, str]:
    """The report of the project's own notebooks on ``corpus``, built once per test run
    (a failure is remembered too, so it is reported, not re-run, by each test that needs it).

    Returns ``(report folder, terminal log)``.
    """
    if corpus not in _RUNS:
        out = _TMP / f"report-{corpus.name}"
        log = io.StringIO()
        try:
            build_report(corpus, out, NOTEBOOKS_DIR, log=log)
            _RUNS[corpus] = (out, log.getvalue())
        except Exception as error:  # noqa: BLE001 - re-raised below
            _RUNS[corpus] = error
    result = _RUNS[corpus]
    if isinstance(result, BaseException):
        raise result
    return result


def project_notebooks() -> list[Path]:
    return notebook_paths(NOTEBOOKS_DIR)


_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_REMOTE_CSS = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?\s*(?:https?:)?//", re.I)
_REMOTE_IMPORT = re.compile(r"\bimport\s*\(\s*[\"'](?:https?:)?//", re.I)
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']*)[\"']", re.I)


def offline_problems(page: str) -> list[str]:
    """Why an HTML page would need the network or a file beside it (empty list: none)."""
    problems = []
    for name, pattern in [
        ("remote script", _REMOTE_SCRIPT),
        ("remote stylesheet", _REMOTE_LINK),
        ("remote CSS import or url()", _REMOTE_CSS),
        ("remote module import", _REMOTE_IMPORT),
    ]:
        problems += [f"{name}: {m.group(0)[:80]}" for m in pattern.finditer(page)]
    problems += [f"image not inline: {src[:80]}" for src in _IMG_SRC.findall(page) if not src.startswith("data:")]
    return problems


def inline_images(page: str) -> list[str]:
    return [src for src in _IMG_SRC.findall(page) if src.startswith("data:image/")]
