"""Execute the committed notebooks in place, reproducibly (``make notebooks``).

Notebooks run with the working directory set to ``notebooks/`` (as nbval runs them),
the ``python3`` kernel, and no per-cell timing metadata, so that re-running an
unchanged notebook changes nothing but what the code prints.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..config import NOTEBOOKS_DIR

KERNEL = "python3"
TIMEOUT_SECONDS = 600


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
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, path)
