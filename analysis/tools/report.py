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
import html
import logging
import re
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

import nbformat

from ..corpus import CorpusWarning, load_corpus
from ..corpus.files import resolve_corpus_dir
from .execute import KERNEL, TIMEOUT_SECONDS, notebook_paths
from ..config import NOTEBOOKS_DIR, PROJECT_ROOT

MARKER = ".news-framing-report"
PARAMETERS_TAG = "parameters"
FINDINGS_TAG = "findings"
INJECTED_TAG = "injected-parameters"
REPORT_PARAMETERS = ("CORPUS", "OUTPUT_DIR")
REPORT_TITLE = "How the sources cover the story"


class ReportError(Exception):
    """The report cannot start: bad notebooks folder, output folder or notebook layout."""


class NotebookFailed(ReportError):
    """A notebook raised while running; the partial executed notebook is kept."""


@dataclass
class NotebookPage:
    """One rendered notebook: where it came from and what the index shows for it."""

    source: Path
    title: str
    summary: str
    findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def html_name(self) -> str:
        return self.source.with_suffix(".html").name


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


def tagged_cells(nb: nbformat.NotebookNode, tag: str) -> list[int]:
    """Indexes of the cells carrying ``tag``."""
    return [i for i, cell in enumerate(nb.cells) if tag in cell.get("metadata", {}).get("tags", [])]


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


# --------------------------------------------------------------------------- running


def strip_volatile(nb: nbformat.NotebookNode) -> None:
    """Drop timing metadata so an executed notebook holds no timestamps."""
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        cell.get("metadata", {}).pop("papermill", None)
    for key in ("start_time", "end_time", "duration", "exception", "input_path", "output_path"):
        nb.metadata.get("papermill", {}).pop(key, None)


def failure_message(name: str, source: nbformat.NotebookNode, executed: Path, error: Exception) -> str:
    """``notebook NN-x.ipynb failed in cell 7: KeyError: 'x'`` (cell numbers count from 1 in the source)."""
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(error, PapermillExecutionError):
        return f"notebook {name} failed: {type(error).__name__}: {error}".rstrip()
    cell_number = error.cell_index + 1
    try:  # map the failing cell back to the source notebook (papermill adds cells)
        failed = [
            cell.get("id")
            for cell in nbformat.read(executed, as_version=4).cells
            if any(output.get("output_type") == "error" for output in cell.get("outputs", []))
        ]
        ids = [cell.get("id") for cell in source.cells]
        if failed and failed[0] in ids:
            cell_number = ids.index(failed[0]) + 1
    except Exception:  # noqa: BLE001 - the message stays useful without the mapping
        pass
    evalue = " ".join(str(error.evalue).split())
    return f"notebook {name} failed in cell {cell_number} (execution count {error.exec_count}): {error.ename}: {evalue}"


def _kernel_manager(stderr_path: Path):
    """A kernel manager that sends the kernel process's own stderr (start-up and shutdown
    chatter, crash messages) to ``stderr_path`` instead of the terminal."""
    from jupyter_client.manager import AsyncKernelManager

    class FileStderrKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            with stderr_path.open("ab") as stream:
                await super()._async_launch_kernel(kernel_cmd, **{**kw, "stderr": stream})

    return FileStderrKernelManager


def execute(source: Path, executed: Path, corpus: Path, outputs: Path) -> None:
    """Run ``source`` with papermill into ``executed``, cwd = the notebook's folder.

    The kernel's stderr goes to ``<executed>.kernel.log``, removed when the run succeeds.
    """
    import papermill

    # papermill warns about parameter comments it cannot parse; check_layout checks them instead
    logging.getLogger("papermill").setLevel(logging.ERROR)
    kernel_log = kernel_log_path(executed)
    papermill.execute_notebook(
        str(source),
        str(executed),
        parameters={"CORPUS": str(corpus), "OUTPUT_DIR": str(outputs)},
        kernel_name=KERNEL,
        cwd=str(source.parent),
        progress_bar=False,
        log_output=False,
        execution_timeout=TIMEOUT_SECONDS,
        kernel_manager_class=_kernel_manager(kernel_log),
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    kernel_log.unlink(missing_ok=True)
    nb = nbformat.read(executed, as_version=4)
    strip_volatile(nb)
    for index in tagged_cells(nb, INJECTED_TAG):  # papermill gives it a random id
        nb.cells[index]["id"] = INJECTED_TAG
    nbformat.write(nb, executed)


def kernel_log_path(executed: Path) -> Path:
    return executed.with_suffix(".kernel.log")


# --------------------------------------------------------------------------- rendering

_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style>
.report-nav { padding: 12px 0 0 30px; font: 14px sans-serif; }
.report-nav a { color: #0072B2; }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="report-nav"><a href="index.html">&larr; All notebooks</a></nav>
{%- endblock body_header -%}
"""


def html_exporter():
    """nbconvert's lab template without its CDN scripts (require.js, MathJax, mermaid,
    widgets); output images are already inline and ``embed_images`` inlines markdown ones."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    quiet = logging.getLogger("analysis.report.nbconvert")  # not its alt-text warnings
    quiet.setLevel(logging.ERROR)
    return HTMLExporter(
        log=quiet,
        extra_loaders=[DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        embed_images=True,
        exclude_input_prompt=False,
    )


def shorten_paths(nb: nbformat.NotebookNode, replacements: dict[str, str]) -> None:
    """Replace machine-specific absolute paths in sources and text outputs (for the page only)."""
    ordered = sorted(replacements.items(), key=lambda kv: -len(kv[0]))

    def fix(text: str) -> str:
        for old, new in ordered:
            text = text.replace(old, new)
        return text

    for cell in nb.cells:
        cell.source = fix(cell.source)
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = fix(output["text"])
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in output.get("data", {}):
                    value = output["data"][mime]
                    output["data"][mime] = fix("".join(value) if isinstance(value, list) else value)
            if "traceback" in output:
                output["traceback"] = [fix(line) for line in output["traceback"]]


def render_page(executed: Path, page: NotebookPage, replacements: dict[str, str]) -> str:
    """The executed notebook as one self-contained HTML page."""
    nb = nbformat.read(executed, as_version=4)
    for index in tagged_cells(nb, INJECTED_TAG):
        nb.cells[index].source = "# Parameters passed by `python -m analysis report`\n" + nb.cells[index].source.split(
            "\n", 1
        )[-1]
    shorten_paths(nb, replacements)
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": page.title}})
    return body


_INDEX_CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 880px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
.corpus { color: #555; margin-top: 0; }
section { border-top: 1px solid #ddd; padding: .6rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: .4rem 0; }
h2 a { color: #0072B2; text-decoration: none; }
h2 a:hover { text-decoration: underline; }
.summary { margin: .2rem 0 .4rem; }
.findings { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
.none { color: #777; font-style: italic; }
footer { border-top: 1px solid #ddd; color: #555; font-size: .9rem; padding-top: .6rem; }
"""


def inline_markdown(text: str) -> str:
    """One line of markdown as HTML (bold, code, links), with raw HTML escaped."""
    import mistune

    rendered = mistune.create_markdown(escape=True)(text).strip()
    return rendered[3:-4] if rendered.startswith("<p>") and rendered.endswith("</p>") else html.escape(text)


def render_index(pages: list[NotebookPage], corpus_name: str) -> str:
    """``index.html``: every notebook with its summary, key findings and a link."""
    esc = html.escape
    sections = []
    for page in pages:
        items = "".join(f"<li>{esc(line)}</li>" for line in page.findings)
        found = f'<ul class="findings">{items}</ul>' if items else '<p class="none">No findings printed.</p>'
        sections.append(
            f'<section>\n<h2><a href="{esc(page.html_name)}">{esc(page.title)}</a></h2>\n'
            f'<p class="summary">{inline_markdown(page.summary)}</p>\n{found}\n</section>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(REPORT_TITLE)} — {esc(corpus_name)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{esc(REPORT_TITLE)}</h1>\n"
        f'<p class="corpus">Corpus: <strong>{esc(corpus_name)}</strong> · {len(pages)} notebooks</p>\n'
        + "\n".join(sections)
        + "\n<footer>Charts and the tables behind them are in <code>outputs/</code>; the executed "
        "notebooks are in <code>notebooks/</code>.</footer>\n</body>\n</html>\n"
    )


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
    """The corpus folder, loaded once up front so bad input fails before any notebook runs."""
    folder = resolve_corpus_dir(corpus).resolve()
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
