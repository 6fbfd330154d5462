"""Executing notebooks: the committed ones in place (``make notebooks``), or a copy with
parameters for the report (``execute``, with papermill).

Notebooks run with the working directory set to ``notebooks/`` (as nbval runs them),
the ``python3`` kernel, and no per-cell timing metadata, so that re-running an
unchanged notebook changes nothing but what the code prints.
"""
from __future__ import annotations

import logging
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from ..config import NOTEBOOKS_DIR

KERNEL = "python3"
TIMEOUT_SECONDS = 600
INJECTED_TAG = "injected-parameters"


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks in reading order."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def execute_in_place(path: Path) -> None:
    """Run ``path`` top to bottom and write it back with its outputs."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=TIMEOUT_SECONDS,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    CoalesceStreamsPreprocessor().preprocess(nb, {})  # one print, one output, however the kernel flushed it
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, path)


def tagged_cells(nb: nbformat.NotebookNode, tag: str) -> list[int]:
    """Indexes of the cells carrying ``tag``."""
    return [i for i, cell in enumerate(nb.cells) if tag in cell.get("metadata", {}).get("tags", [])]


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


def execute(source: Path, executed: Path, corpus: Path, outputs: Path, parameters: dict | None = None) -> None:
    """Run ``source`` with papermill into ``executed``, cwd = the notebook's folder.
    ``parameters`` are passed on top of CORPUS and OUTPUT_DIR (e.g. notebook 03's RECORD).

    The kernel's stderr goes to ``<executed>.kernel.log``, removed when the run succeeds.
    """
    import papermill

    # papermill warns about parameter comments it cannot parse; check_layout checks them instead
    chatter = logging.getLogger("papermill")
    chatter.setLevel(max(chatter.level, logging.ERROR))
    kernel_log = kernel_log_path(executed)
    papermill.execute_notebook(
        str(source),
        str(executed),
        parameters={"CORPUS": str(corpus), "OUTPUT_DIR": str(outputs), **(parameters or {})},
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
