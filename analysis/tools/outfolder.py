"""The report's output folder: the report never deletes or overwrites what it did not write.

* ``check_out`` refuses an ``--out`` that is the corpus, holds it or lies inside it (or holds
  the notebooks), that is not a folder, or that holds files the report did not write.
* ``outlock.OutputLock`` keeps a second run off the same ``--out`` while the first runs.
* The report is built in ``new_build``'s temporary sibling ``.<name>.building-XXXXXXXX``
  and, only once complete, ``swap_in`` puts it in place of the previous report, whose own
  files (and only those) are then deleted.  Until then the previous report is untouched; a
  failed run's build is kept as ``<name>.failed`` (``keep_failed``); an interrupted one is
  removed.
* Every folder the report writes carries the marker file ``.news-framing-report``, a JSON
  manifest of the files the report wrote there; only files it lists are ever deleted.
  (A marker from before the manifest holds one line of text; such a folder's report files
  are recognised by the report's layout instead.)
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path

from .errors import ReportError

MARKER = ".news-framing-report"
WRITTEN_BY = "python -m analysis report"
ABOUT = (
    "The files listed here were written by the report; the next run on this folder deletes "
    "them (and only them) once its new report is complete."
)
#: Report files in a folder whose marker predates the manifest (one line of text).
LEGACY_LAYOUT = ("*.html", "notebooks/*.ipynb", "notebooks/*.kernel.log", "outputs/*")
SHOWN_FOREIGN = 3


def failed_path(out: Path) -> Path:
    return out.parent / f"{out.name}.failed"


def _building_prefix(out: Path) -> str:
    return f".{out.name}.building-"


def _previous_prefix(out: Path) -> str:
    return f".{out.name}.previous-"


# --------------------------------------------------------------------------- what is ours


def _entries(folder: Path) -> tuple[set[str], set[str]]:
    """Relative paths (POSIX) of the non-folders (files, symlinks, ...) and of the folders
    under ``folder``, without following symlinks."""
    files, dirs = set(), set()
    for root, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(root).relative_to(folder)
        for name in dirnames:
            (files if (Path(root) / name).is_symlink() else dirs).add((base / name).as_posix())
        files |= {(base / name).as_posix() for name in filenames}
    return files, dirs


def _plainly_inside(folder: Path, name: str) -> bool:
    """``name`` is a relative path below ``folder`` reached through no symlink (so deleting
    it cannot reach outside ``folder``, whatever a marker file says)."""
    relative = Path(name)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        return False
    path = folder
    for part in relative.parts[:-1]:
        path = path / part
        if path.is_symlink():
            return False
    return True


def written_files(folder: Path) -> set[str] | None:
    """The files the report wrote in ``folder`` (its marker included), from the marker's
    manifest; ``None`` when ``folder`` has no marker (it is not a report)."""
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        return None
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
        files = {str(name) for name in listed if _plainly_inside(folder, str(name))}
    except (ValueError, KeyError, TypeError):  # a marker written before the manifest
        present, _ = _entries(folder)
        files = {name for name in present if any(fnmatchcase(name, pattern) for pattern in LEGACY_LAYOUT)
                 and (folder / name).is_file() and not (folder / name).is_symlink()}
    return files | {MARKER}


def foreign_entries(folder: Path) -> list[str]:
    """What ``folder`` holds that the report did not write (sorted relative paths); everything
    if it holds no report."""
    if not folder.is_dir():
        return []
    present, dirs = _entries(folder)
    ours = written_files(folder)
    if ours is None:
        return sorted(present | dirs)
    needed = {parent.as_posix() for name in ours for parent in Path(name).parents if parent != Path(".")}
    empty_dirs = {d for d in dirs if d not in needed and not any((folder / d).iterdir())}
    return sorted((present - ours) | empty_dirs)


def _examples(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_FOREIGN])
    return shown + (f" and {len(names) - SHOWN_FOREIGN} more" if len(names) > SHOWN_FOREIGN else "")


def check_replaceable(out: Path) -> None:
    """Refuse an ``out`` that exists and holds anything the report did not write."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ReportError(f"{out}: --out is not a folder")
    foreign = foreign_entries(out)
    if not foreign:
        return
    if written_files(out) is None:
        raise ReportError(f"{out}: folder is not empty and holds no earlier report; choose another --out")
    raise ReportError(
        f"{out}: holds files the report did not write ({_examples(foreign)}); the report replaces "
        "only its own files, so move these out of the folder or choose another --out"
    )


def check_out(out: Path, corpus: Path, notebooks_dir: Path) -> None:
    """Refuse an ``--out`` the report could not replace without destroying an input.
    All paths are resolved (symlinks followed) before they are compared."""
    out, corpus, notebooks_dir = out.resolve(), corpus.resolve(), notebooks_dir.resolve()
    if out == corpus or corpus.is_relative_to(out):
        raise ReportError(
            f"{out}: --out holds the corpus ({corpus}); the report would replace it. "
            "Choose a report folder outside the corpus"
        )
    if out.is_relative_to(corpus):
        raise ReportError(
            f"{out}: --out is inside the corpus ({corpus}); choose a report folder outside the corpus"
        )
    if out == notebooks_dir or notebooks_dir.is_relative_to(out):
        raise ReportError(f"{out}: the report folder must not hold the source notebooks")
    check_replaceable(out)


# --------------------------------------------------------------------------- build, swap, remove


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def seal(folder: Path) -> None:
    """Write the marker with the manifest of every file now in ``folder``."""
    files, _ = _entries(folder)
    manifest = {"written_by": WRITTEN_BY, "about": ABOUT, "files": sorted(files - {MARKER})}
    (folder / MARKER).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def new_build(out: Path) -> Path:
    """A new, empty, sealed folder beside ``out`` to build the report in (with the usual
    permissions, not ``mkdtemp``'s 0700)."""
    build = Path(tempfile.mkdtemp(prefix=_building_prefix(out), dir=out.parent))
    build.chmod(0o777 & ~_umask())
    seal(build)
    return build


def remove_report(folder: Path) -> list[str]:
    """Delete the files the report wrote in ``folder`` (per its marker), then the folders
    left empty; returns what is left (nothing unless someone added files since the check)."""
    ours = written_files(folder)
    if ours is None:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            return []
        return foreign_entries(folder)
    for name in sorted(ours - {MARKER}, reverse=True):
        path = folder / name
        if path.is_symlink() or path.is_file():
            path.unlink()
    left = foreign_entries(folder)
    (folder / MARKER).unlink(missing_ok=True)
    for root, _, _ in sorted(os.walk(folder), key=lambda item: -len(item[0])):
        try:
            Path(root).rmdir()
        except OSError:
            pass
    return left


def clean_stale(out: Path) -> None:
    """Remove what a crashed earlier run left beside ``out`` (its building folder, or the
    previous report it was about to delete).  Called with the lock held."""
    for path in sorted(out.parent.glob(_building_prefix(out) + "*")):
        if path.is_dir() and not path.is_symlink() and written_files(path) is not None:
            shutil.rmtree(path)
    previous = [path for path in sorted(out.parent.glob(_previous_prefix(out) + "*"), key=os.path.getmtime)
                if path.is_dir() and not path.is_symlink()]
    if previous and not (out.exists() or out.is_symlink()) and written_files(previous[-1]) is not None:
        os.rename(previous.pop(), out)  # the crash came between the two renames: put it back
    for path in previous:
        remove_report(path)


@contextmanager
def signals_deferred(discard: bool = False):
    """Hold SIGINT and SIGTERM while folders are renamed or removed: their handlers run on
    exit, or, with ``discard``, not at all (the work they would have stopped is done by
    then).  Python handlers, swapped for a recorder (signal masks would not do: the signal
    goes to another thread of the process); outside the main thread this does nothing."""
    caught: list[int] = []
    try:
        handlers = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum))
                    for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        if caught and not discard:
            handler = handlers[caught[0]]
            if callable(handler):
                handler(caught[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(caught[0])


def swap_in(build: Path, out: Path) -> list[str]:
    """Put the complete report ``build`` in place of ``out``, then delete the previous
    report's files and an earlier run's ``<name>.failed``.  Returns the paths of anything
    left in the previous report's folder because the report did not write it (normally
    nothing: ``out`` is checked just before)."""
    seal(build)
    left: list[str] = []
    with signals_deferred(discard=True):  # once swapped, the report is written: Ctrl-C then is moot
        if out.exists() or out.is_symlink():
            check_replaceable(out)  # again: files may have been added during the run
            previous = Path(tempfile.mkdtemp(prefix=_previous_prefix(out), dir=out.parent))
            os.rename(out, previous)  # onto the empty folder mkdtemp reserved
            try:
                os.rename(build, out)
            except BaseException:
                os.rename(previous, out)
                raise
            left = [str(previous / name) for name in remove_report(previous)]
        else:
            os.rename(build, out)
        failed = failed_path(out)
        if failed.is_dir() and not failed.is_symlink() and written_files(failed) is not None:
            remove_report(failed)
    return left


def keep_failed(build: Path, out: Path) -> Path:
    """Keep a failed run's build, for inspection, as ``<name>.failed`` beside ``out``
    (replacing an earlier failed run's); where that name is taken by something else, the
    build stays where it is.  Returns the kept folder."""
    seal(build)
    failed = failed_path(out)
    with signals_deferred():
        if failed.exists() or failed.is_symlink():
            if failed.is_symlink() or not failed.is_dir() or foreign_entries(failed):
                return build
            remove_report(failed)
            if failed.exists():
                return build
        os.rename(build, failed)
    return failed
