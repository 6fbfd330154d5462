"""Loading a corpus once per report: loaded corpora kept on disk for the kernels that follow.

The report checks the corpus by loading it, then runs every notebook in a kernel of its own,
and each notebook loads the corpus again: six loads of the same files (about 12 s each at
10,000 articles).  While the report runs, the environment variable ``ANALYSIS_CORPUS_CACHE``
names a folder that the report created (``shared_cache``) and removes when it ends; the
kernels inherit it.  ``load_corpus`` then keeps what it loaded there (a pickle, with the
warnings the load gave) under a key made from the input: the corpus's resolved path, the
``columns`` mapping, and the name, size, modification time and type of the table file or of
every entry of the folder.  A later load of the same input reads the pickle back and gives
the same warnings again; an input that changed in between gets a new key and is loaded
afresh.  Without the variable (notebooks run by hand, tests, scripts) nothing is cached.

Only the report's own temporary folder is ever read this way, never anything in the corpus.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

#: The environment variable that names the cache folder (set by the report for its kernels).
CACHE_ENV = "ANALYSIS_CORPUS_CACHE"

T = TypeVar("T")


def _entry(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:  # a broken link, a file removed meanwhile: the loader will say what it is
        return f"{path.name}\0missing"
    return f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_mode}"


def input_key(target: Path, columns: Mapping[str, str] | None) -> str:
    """A key that changes when the input ``load_corpus`` would read changes (see the module
    docstring): the table file, or the entries of the folder (the loader reads no subfolder)."""
    digest = hashlib.sha256(json.dumps([str(target.resolve()), sorted((columns or {}).items())]).encode())
    if target.is_dir():
        with os.scandir(target) as scan:
            names = sorted(entry.name for entry in scan)
        entries = [target / name for name in names]
    else:
        entries = [target]
    for path in entries:
        digest.update(_entry(path).encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()[:40]


def cached_load(target: Path, columns: Mapping[str, str] | None, load: Callable[[], T]) -> T:
    """``load()``, or what an earlier ``load()`` of the same input left in the folder named by
    ``CACHE_ENV`` (when it is set), giving the same warnings either way."""
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return load()
    path = Path(folder) / f"{input_key(target, columns)}.pickle"
    if path.is_file():
        with path.open("rb") as stream:
            result, given = pickle.load(stream)
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = load()
        given = [(str(w.message), w.category, w.filename, w.lineno) for w in caught]
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
        with partial.open("wb") as stream:
            pickle.dump((result, given), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    for message, category, filename, lineno in given:
        warnings.warn_explicit(message, category, filename, lineno)
    return result


@contextlib.contextmanager
def shared_cache() -> Iterator[Path]:
    """A new temporary cache folder named in ``CACHE_ENV`` for the duration of the block (so
    that kernels started inside it share loaded corpora); removed, and the variable restored,
    afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="news-framing-corpora-"))
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = previous
        shutil.rmtree(folder, ignore_errors=True)
