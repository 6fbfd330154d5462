"""The report: run every notebook on a corpus and render it as offline HTML.

``build_report(corpus, out)`` executes each numbered notebook with papermill (never over
the sources), passing ``CORPUS`` and ``OUTPUT_DIR`` as parameters, renders each executed
notebook to a self-contained HTML page (images inline, no script or stylesheet fetched
from the network) and writes ``index.html`` listing the notebooks with their one-line
summaries and key findings.

The report never deletes or overwrites what it did not write (``outfolder``): ``out``
must not be, hold or lie inside the corpus; the run holds a lock on ``out``; the report is
built in a temporary sibling folder and replaces the previous one only when complete.  A
failed run keeps its partial build as ``<out>.failed``; an interrupted one (Ctrl-C,
SIGTERM) removes it; either way the previous report is left as it was.

Layout of ``out``::

    index.html              the notebooks, summaries, findings, links
    NN-name.html            one page per notebook
    notebooks/NN-name.ipynb the executed notebooks
    outputs/                the charts (PNG) and the tables behind them (CSV)
    .news-framing-report    the marker: the list of files the report wrote
"""
from __future__ import annotations

import ast
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, TextIO

import nbformat

from ..config import NOTEBOOKS_DIR, PROJECT_ROOT
from ..corpus.cache import shared_cache
from ..corpus.files import resolve_corpus_path
from .corpuscheck import check_corpus, path_note
from .errors import NotebookFailed, ReportBusy, ReportError, Terminated
from .execute import execute, failure_message, kernel_log_path, notebook_paths, tagged_cells
from .outlock import OutputLock
from .outfolder import (MARKER, check_out, check_replaceable, clean_stale, keep_failed, new_build,
                        signals_deferred, swap_in)
from .render import NotebookPage, render_index, render_page

__all__ = ["MARKER", "NotebookFailed", "ReportBusy", "ReportError", "Terminated", "build_report"]

PARAMETERS_TAG = "parameters"
FINDINGS_TAG = "findings"
REPORT_PARAMETERS = ("CORPUS", "OUTPUT_DIR")


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


def build_report(
    corpus: str | Path | None = None,
    out: str | Path = "build/report",
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    log: TextIO | None = None,
    clock: Callable[[], float] = time.perf_counter,
    columns: dict | None = None,
    scheduler: str | None = None,
) -> Path:
    """Run every notebook in ``notebooks_dir`` on ``corpus`` and write the report into ``out``.

    Returns the path of ``index.html``.  Raises ``CorpusError`` or ``ReportError`` for bad
    input (``ReportBusy`` when another run holds ``out``), ``NotebookFailed`` when a notebook
    raises, and lets ``KeyboardInterrupt`` (and ``Terminated``) through after removing the
    unfinished build; in every one of these cases the previous report is left as it was.
    ``scheduler``: passed to every notebook as ``SCHEDULER`` (``partitioned.open_corpus``):
    None (in memory, or partitioned above ``PARTITIONED_ABOVE_BYTES``), ``"local"``,
    ``"local:N"`` or a Dask scheduler's address.
    """
    log = log or sys.stdout
    notebooks_dir = Path(notebooks_dir).resolve()
    if not notebooks_dir.is_dir():
        raise ReportError(f"{notebooks_dir}: notebooks folder not found")
    sources = notebook_paths(notebooks_dir)
    if not sources:
        raise ReportError(f"{notebooks_dir}: no numbered notebooks (NN-name.ipynb) found")
    source_nbs = {path: nbformat.read(path, as_version=4) for path in sources}
    pages = []
    for path, nb in source_nbs.items():
        check_layout(path, nb)
        pages.append(NotebookPage(path, *title_and_summary(nb, path.name)))
    out = Path(out).resolve()
    check_out(out, resolve_corpus_path(corpus), notebooks_dir)  # before anything is read or written
    with shared_cache():  # the corpus is loaded once, here; the notebooks' kernels read it back
        return _build(corpus, out, pages, source_nbs, log, clock, columns, scheduler)


def _build(corpus, out: Path, pages, source_nbs, log: TextIO, clock, columns: dict | None,
           scheduler: str | None = None) -> Path:
    folder, chosen = check_corpus(corpus, log, columns, scheduler)
    if chosen is not None:
        print(path_note(chosen), file=log)
    parameters = {**({"COLUMNS": columns} if columns else {}), **({"SCHEDULER": scheduler} if scheduler else {})}
    with OutputLock(out):
        clean_stale(out)
        check_replaceable(out)
        build = new_build(out)
        started = clock()
        try:
            _run(pages, source_nbs, folder, build, out, log, clock, parameters, path_note(chosen))
        except NotebookFailed as error:
            kept = keep_failed(build, out)
            partial = kept / "notebooks" / Path(error.notebook).name
            message = str(error).replace(str(build), str(kept))
            if partial.exists():
                message += f"\n  partial output kept: {partial}"
            if kernel_log_path(partial).exists() and kernel_log_path(partial).stat().st_size:
                message += f"\n  kernel log: {kernel_log_path(partial)}"
            message += f"\n  {_previous_state(out)}"
            raise NotebookFailed(message) from error.__cause__
        except BaseException:
            _discard(build)
            raise
        try:
            left = swap_in(build, out)
        except BaseException:  # e.g. files were added to the previous report during the run
            _discard(build)
            raise
    index = out / "index.html"
    for name in left:
        print(f"warning: kept {name}: not written by the report (added to the previous one at the last moment)",
              file=log)
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    print(f"report written in {clock() - started:.1f} s: {shown}", file=log, flush=True)
    return index


def _discard(build: Path) -> None:
    """Remove an unfinished build (a folder this run created); a second Ctrl-C waits."""
    with signals_deferred():
        shutil.rmtree(build, ignore_errors=True)


def _previous_state(out: Path) -> str:
    return f"the previous report in {out} is unchanged" if out.exists() else f"no report was written to {out}"


def interrupted_message(out: str | Path, signal_name: str = "interrupted") -> str:
    """The one line printed when a run is stopped by Ctrl-C or SIGTERM."""
    return f"{signal_name}: the report run stopped; {_previous_state(Path(out).resolve())}"


def _run(pages, source_nbs, folder: Path, build: Path, out: Path, log: TextIO, clock, parameters: dict,
         note: str = "") -> None:
    """Execute and render every notebook into ``build``; write its index."""
    (build / "notebooks").mkdir()
    (build / "outputs").mkdir()
    replacements = {  # the executed notebooks name ``out`` (see _point_at_final_folder)
        str(out / "outputs"): "outputs",
        str(out): f".../{out.name}",
        str(build / "outputs"): "outputs",
        str(build): f".../{out.name}",
        str(folder): f".../{folder.name}",
        str(PROJECT_ROOT): "...",
    }
    width = max(len(p.source.name) for p in pages)
    print(f"report on corpus '{folder.name}': {len(pages)} notebooks", file=log, flush=True)
    for page in pages:
        executed = build / "notebooks" / page.source.name
        print(f"  {page.source.name:<{width}}  ", end="", file=log, flush=True)
        t0 = clock()
        try:
            execute(page.source, executed, folder, build / "outputs", parameters or None)
        except KeyboardInterrupt:
            print(f"STOPPED {clock() - t0:5.1f} s", file=log, flush=True)
            raise
        except Exception as error:  # noqa: BLE001 - every failure names the notebook
            print(f"FAILED {clock() - t0:6.1f} s", file=log, flush=True)
            failure = NotebookFailed(failure_message(page.source.name, source_nbs[page.source], executed, error))
            failure.notebook = page.source.name
            raise failure from error
        _point_at_final_folder(executed, build, out)
        page.findings = findings(nbformat.read(executed, as_version=4))
        (build / page.html_name).write_text(render_page(executed, page, replacements), encoding="utf-8")
        page.seconds = clock() - t0
        print(f"ok     {page.seconds:6.1f} s", file=log, flush=True)
    (build / "index.html").write_text(render_index(pages, folder.name, note), encoding="utf-8")


def _point_at_final_folder(executed: Path, build: Path, out: Path) -> None:
    """The executed notebook names ``out`` (where it will be), not the temporary build folder:
    in its cells, its outputs and papermill's record of the parameters."""
    escaped = [json.dumps(str(path), ensure_ascii=False)[1:-1] for path in (build, out)]
    text = executed.read_text(encoding="utf-8")
    executed.write_text(text.replace(escaped[0], escaped[1]), encoding="utf-8")
