"""The report's first step: read the corpus once, in a child process, before any notebook.

``check_corpus`` loads it (in memory) or runs its one partitioned pass (``partitioned.open_corpus``:
a scheduler given, or a large input), inside the report's cache so the notebooks read it back;
bad input raises here, naming the file and row.  ``path_note`` says how the corpus was read.
"""
from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import TextIO

from ..corpus import CorpusError, CorpusWarning, load_corpus
from ..corpus.files import resolve_corpus_path
from ..partitioned import choose_scheduler, open_corpus
from .errors import ReportError


def _load_and_warn(folder: str, columns: dict | None, scheduler: str | None = None) -> tuple[list[str], str | None]:
    """The input's warnings, and the scheduler the notebooks will use (None: in memory)."""
    chosen = choose_scheduler(folder, scheduler)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        if chosen is None:
            load_corpus(folder, columns=columns)
        else:  # the one partitioned pass, kept in the report's cache for the notebooks
            open_corpus(folder, columns, chosen)
    return [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)], chosen


def check_in_child(folder: str, columns_json: str, scheduler: str = "") -> None:
    """The child's side of ``check_corpus``: one JSON line, the warnings or the input's error."""
    try:
        given, chosen = _load_and_warn(folder, json.loads(columns_json), scheduler or None)
        result = {"warnings": given, "scheduler": chosen}
    except CorpusError as error:
        result = {"error": str(error)}
    print(json.dumps(result), flush=True)


_CHILD = ("import sys; from analysis.tools.corpuscheck import check_in_child; "
          "check_in_child(sys.argv[1], sys.argv[2], sys.argv[3])")


def check_corpus(corpus: str | Path | None, log: TextIO, columns: dict | None = None,
                 scheduler: str | None = None) -> tuple[Path, str | None]:
    """The corpus folder or table file, and the scheduler the notebooks will use (None: in
    memory), read once up front so bad input fails before any
    notebook runs (and, inside ``shared_cache``, kept for the notebooks): loaded, or, on the
    partitioned path (``scheduler``, or an input above ``PARTITIONED_ABOVE_BYTES``), measured
    in its one partitioned pass.  This runs in a child process, which hands its memory back
    when it ends (a process that has loaded and let go of 100,000 articles still holds about
    5 GB); Ctrl-C or SIGTERM stops it too."""
    folder = resolve_corpus_path(corpus).resolve()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder), json.dumps(columns), scheduler or ""],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate()
    except BaseException:
        child.kill()
        child.wait()
        raise
    lines = stdout.strip().splitlines()
    if child.returncode != 0 or not lines:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        raise ReportError(f"{folder.name}: reading the corpus failed in a child process (exit {child.returncode}): {last}")
    result = json.loads(lines[-1])
    if "error" in result:
        raise CorpusError(result["error"])
    for message in result["warnings"]:
        print(f"warning: {message}", file=log)
    return folder, result["scheduler"]


def path_note(scheduler: str | None) -> str:
    """How the notebooks read the corpus, in a few words (empty: in memory, as usual)."""
    if scheduler is None:
        return ""
    where = "a local Dask cluster" if scheduler.startswith("local") else "the Dask scheduler given"
    return f"partitioned on {where}: measures over every article, text sections on a fixed-seed sample"
