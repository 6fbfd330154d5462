"""The report: run every notebook on a corpus and render it as offline HTML.

``build_report(corpus, out)`` executes each numbered notebook with papermill into
``out/notebooks/`` (never over the sources), passing ``CORPUS`` and ``OUTPUT_DIR`` as
parameters, renders each executed notebook to a self-contained HTML page (images
inline, no script or stylesheet fetched from the network) and writes ``index.html``
listing the notebooks with their one-line summaries and key findings.

Layout of ``out``::

    index.html              the notebooks, summaries, findings, links
    NN-name.html            one page per notebook
    notebooks/NN-name.ipynb the executed notebooks (kept, partial, when one fails)
    outputs/                the charts (PNG) and the tables behind them (CSV)
"""
from __future__ import annotations

import ast
import re
import shutil
import sys
import time
import warnings
from pathlib import Path
from typing import Callable, TextIO

import nbformat

from ..config import NOTEBOOKS_DIR, PROJECT_ROOT
from ..corpus import CorpusWarning, load_corpus
from ..corpus.files import resolve_corpus_path
from .execute import execute, failure_message, kernel_log_path, notebook_paths, tagged_cells
from .render import NotebookPage, render_index, render_page

MARKER = ".news-framing-report"
PARAMETERS_TAG = "parameters"
FINDINGS_TAG = "findings"
REPORT_PARAMETERS = ("CORPUS", "OUTPUT_DIR")


class ReportError(Exception):
    """The report cannot start: bad notebooks folder, output folder or notebook layout."""


class NotebookFailed(ReportError):
    """A notebook raised while running; the partial executed notebook is kept."""


# --------------------------------------------------------------------------- reading


_FIRST_SENTENCE = re.compile(r"^(.+?[.?!])(?=\s+[A-Z0-9\"'“(]|\s*$)", re.S)


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph, on one line."""
    text = " ".join(paragraph.split())
    match = _FIRST_SENTENCE.match(text)
    return match.group(1) if match else text


def title_and_summary(nb: nbformat.NotebookNode, name: str) -> tuple[str, str]:
    """Title (the first heading, without ``#``) and the first sentence of its question."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if not lines or not lines[0].startswith("# "):
            break
        title = lines[0][2:].strip()
        paragraphs = re.split(r"\n\s*\n", "\n".join(lines[1:]).strip())
        summary = next((first_sentence(p) for p in paragraphs if p.strip() and not p.lstrip().startswith("#")), "")
        return title, summary
    raise ReportError(f"{name}: the first cell must be markdown starting with '# NN — Title'")


def findings(nb: nbformat.NotebookNode) -> list[str]:
    """The lines starting with ``- `` printed by the cell tagged ``findings`` (without the dash)."""
    lines = []
    for index in tagged_cells(nb, FINDINGS_TAG):
        for output in nb.cells[index].get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                lines += [line[2:].strip() for line in output.get("text", "").splitlines() if line.startswith("- ")]
    return lines


def assigned_names(source: str) -> set[str]:
    """Names assigned at the top level of a code cell."""
    names = set()
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def check_layout(path: Path, nb: nbformat.NotebookNode) -> None:
    """Refuse a notebook the report cannot pass a corpus to."""
    cells = tagged_cells(nb, PARAMETERS_TAG)
    if not cells:
        raise ReportError(
            f"{path.name}: no code cell tagged '{PARAMETERS_TAG}' (it must set CORPUS = None and "
            "OUTPUT_DIR = None), so the report could not pass it the corpus"
        )
    try:
        names = assigned_names(nb.cells[cells[0]].source)
    except SyntaxError as error:
        raise ReportError(f"{path.name}: the '{PARAMETERS_TAG}' cell is not valid Python ({error.msg})") from None
    missing = [name for name in REPORT_PARAMETERS if name not in names]
    if missing:
        raise ReportError(f"{path.name}: the '{PARAMETERS_TAG}' cell does not set {' or '.join(missing)}")


# --------------------------------------------------------------------------- the run


def prepare_out(out: Path, notebooks_dir: Path) -> None:
    """Empty ``out`` if it holds an earlier report; refuse any other non-empty folder."""
    out = out.resolve()
    if out == notebooks_dir.resolve() or notebooks_dir.resolve().is_relative_to(out):
        raise ReportError(f"{out}: the report folder must not hold the source notebooks")
    if out.exists():
        if not out.is_dir():
            raise ReportError(f"{out}: not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise ReportError(f"{out}: folder is not empty and holds no earlier report; choose another --out")
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    (out / "outputs").mkdir()
    (out / MARKER).write_text("written by python -m analysis report; emptied on the next run\n")


def check_corpus(corpus: str | Path | None, log: TextIO) -> Path:
    """The corpus folder or table file, loaded once up front so bad input fails before any notebook runs."""
    folder = resolve_corpus_path(corpus).resolve()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        load_corpus(folder)
    for warning in caught:
        print(f"warning: {warning.message}", file=log)
    return folder


def build_report(
    corpus: str | Path | None = None,
    out: str | Path = "build/report",
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    log: TextIO | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Path:
    """Run every notebook in ``notebooks_dir`` on ``corpus`` and write the report into ``out``.

    Returns the path of ``index.html``.  Raises ``CorpusError`` or ``ReportError`` for bad
    input and ``NotebookFailed`` when a notebook raises.
    """
    log = log or sys.stdout
    notebooks_dir = Path(notebooks_dir).resolve()
    if not notebooks_dir.is_dir():
        raise ReportError(f"{notebooks_dir}: notebooks folder not found")
    sources = notebook_paths(notebooks_dir)
    if not sources:
        raise ReportError(f"{notebooks_dir}: no numbered notebooks (NN-name.ipynb) found")
    folder = check_corpus(corpus, log)
    source_nbs = {path: nbformat.read(path, as_version=4) for path in sources}
    pages = []
    for path, nb in source_nbs.items():
        check_layout(path, nb)
        pages.append(NotebookPage(path, *title_and_summary(nb, path.name)))

    out = Path(out).resolve()
    prepare_out(out, notebooks_dir)
    replacements = {
        str(out / "outputs"): "outputs",
        str(folder): f".../{folder.name}",
        str(PROJECT_ROOT): "...",
    }
    width = max(len(p.name) for p in sources)
    print(f"report on corpus '{folder.name}': {len(sources)} notebooks", file=log, flush=True)
    started = clock()
    for page in pages:
        executed = out / "notebooks" / page.source.name
        print(f"  {page.source.name:<{width}}  ", end="", file=log, flush=True)
        t0 = clock()
        try:
            execute(page.source, executed, folder, out / "outputs")
        except Exception as error:  # noqa: BLE001 - every failure names the notebook
            print(f"FAILED {clock() - t0:6.1f} s", file=log, flush=True)
            message = failure_message(page.source.name, source_nbs[page.source], executed, error)
            if executed.exists():
                message += f"\n  partial output kept: {executed}"
            if kernel_log_path(executed).exists() and kernel_log_path(executed).stat().st_size:
                message += f"\n  kernel log: {kernel_log_path(executed)}"
            raise NotebookFailed(message) from error
        page.findings = findings(nbformat.read(executed, as_version=4))
        (out / page.html_name).write_text(render_page(executed, page, replacements), encoding="utf-8")
        page.seconds = clock() - t0
        print(f"ok     {page.seconds:6.1f} s", file=log, flush=True)
    index = out / "index.html"
    index.write_text(render_index(pages, folder.name), encoding="utf-8")
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    print(f"report written in {clock() - started:.1f} s: {shown}", file=log, flush=True)
    return index
