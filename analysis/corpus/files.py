"""The corpus path, its article files and ``metadata.csv``: found, read and checked.

* a corpus is a folder of ``.txt`` and/or ``.html``/``.htm`` files (with an optional
  ``metadata.csv``), or one table file (``tables.TABLE_SUFFIXES``, read by ``tables``).
* files must be UTF-8 (a byte-order mark and CRLF line endings are fine).  Text that is
  not UTF-8 but decodes as Windows-1252 is loaded with a ``CorpusWarning``; anything
  else is refused.
* files must be non-empty text, without NUL bytes, and at most ``MAX_FILE_BYTES``.
* ``metadata.csv`` columns are found by the names of ``columns.COLUMN_NAMES``
  (case-insensitive).  It needs a ``file`` or an id column: without ids, a row's id is
  its file name without the extension; without ``file``, the file is ``<id>.txt``,
  ``<id>.html`` or ``<id>.htm``.  Ids and files are unique; every file exists inside the
  folder.  Other columns are kept as docvars.  An article without a metadata row loads
  with blank metadata (its id is the file name without extension) and a warning.

Each broken rule raises ``CorpusError`` naming the file.  Input files are only ever
opened for reading.
"""
from __future__ import annotations

import csv
import os
import stat
import unicodedata
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ..config import PROJECT_ROOT, SEEDS_DIR
from .columns import docvar_names, guess_columns
from .errors import CorpusError, CorpusWarning
from .tables import TABLE_SUFFIXES

MAX_FILE_BYTES = 5_000_000
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["article_id", "file", "outlet", "title", "author", "published", "url", "notes"]
REQUIRED_METADATA = ["article_id", "file"]
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def resolve_corpus_path(path: str | Path | None) -> Path:
    """The corpus folder or table file: the shipped seeds by default; a relative path is
    tried against the working directory first, then against the project root."""
    if path is None:
        return SEEDS_DIR
    path = Path(path)
    if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).exists():
        path = PROJECT_ROOT / path
    if not path.exists():
        raise CorpusError(f"{path}: corpus folder not found (nor a table file of that name)")
    if not path.is_dir() and path.suffix.lower() not in TABLE_SUFFIXES:
        raise CorpusError(
            f"{path}: not a folder or a table file; give the folder that holds the .txt/.html articles, "
            f"or one table ({', '.join(TABLE_SUFFIXES)})"
        )
    return path


def resolve_corpus_dir(path: str | Path | None) -> Path:
    """The corpus folder (``resolve_corpus_path`` refusing a table file)."""
    path = resolve_corpus_path(path)
    if not path.is_dir():
        raise CorpusError(f"{path}: not a folder")
    return path


def read_text_file(path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; line endings become ``\\n`` and text is NFC-normalised."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CorpusError(
            f"{path.name}: file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes "
            "for one article; split it or raise analysis.corpus.files.MAX_FILE_BYTES"
        )
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path.name}: file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise CorpusError(f"{path.name}: file is binary (contains NUL bytes), not plain text")
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(
                f"{path.name}: text is not UTF-8 (bad byte at position {utf8_error.start}) "
                "and not Windows-1252 either; save it as UTF-8"
            ) from None
        encoding = "cp1252"
        warnings.warn(
            f"{path.name}: not UTF-8; decoded as Windows-1252 (cp1252). Check its quotes and accents.",
            CorpusWarning,
            stacklevel=3,
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise CorpusError(f"{path.name}: file is empty or holds only white space")
    return text, encoding


def read_metadata(folder: Path, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``metadata.csv`` as strings (blank where unknown), checked; empty if absent."""
    path = folder / METADATA_FILE
    if not path.exists():
        return pd.DataFrame(columns=METADATA_COLUMNS, dtype=str)
    text, _ = read_text_file(path)
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as error:
        raise CorpusError(f"{METADATA_FILE}: not valid CSV ({error})") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return pd.DataFrame(columns=METADATA_COLUMNS, dtype=str)
    header = [h.strip() for h in rows[0]]
    overrides = {field: name for field, name in (columns or {}).items() if field != "text"}
    found = guess_columns(header, overrides, METADATA_FILE, fields=METADATA_COLUMNS)
    if not any(c in found for c in REQUIRED_METADATA):
        raise CorpusError(
            f"{METADATA_FILE}: missing required column(s) article_id or file (the columns are "
            f"{', '.join(header)}); an id column may also be named id, doc_id, stories_id or guid"
        )
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise CorpusError(
                f"{METADATA_FILE}: line {number} has {len(row)} fields, the header has {len(header)}"
            )
    meta = pd.DataFrame([[cell.strip() for cell in row] for row in rows[1:]], columns=header, dtype=str)
    names = {column: field for field, column in found.items()} | docvar_names(header, found)
    meta = meta.rename(columns=names)
    for column in METADATA_COLUMNS:
        if column not in meta:
            meta[column] = ""
    if "file" not in found:
        meta["file"] = [_file_of_id(folder, i) for i in meta["article_id"]]
    blank = meta.index[meta["file"] == ""]
    if len(blank):
        raise CorpusError(f"{METADATA_FILE}: line {blank[0] + 2} has a blank {found.get('file', 'article_id')}")
    if "article_id" not in found:
        meta["article_id"] = [Path(name).stem for name in meta["file"]]
    for column in REQUIRED_METADATA:
        blank = meta.index[meta[column] == ""]
        if len(blank):
            raise CorpusError(f"{METADATA_FILE}: line {blank[0] + 2} has a blank {column}")
    for column in REQUIRED_METADATA:
        dupes = sorted(meta.loc[meta[column].duplicated(), column].unique())
        if dupes:
            raise CorpusError(f"{METADATA_FILE}: duplicate {column} value(s): {', '.join(dupes)}")
    root = folder.resolve()
    for number, name in enumerate(meta["file"], start=2):
        inside, is_file = _locate(root, folder, name)
        if not inside:
            raise CorpusError(f"{METADATA_FILE}: line {number}: file {name!r} is outside the corpus folder")
        if not is_file:
            raise CorpusError(f"{METADATA_FILE}: line {number}: file {name!r} does not exist")
    return meta


def _file_of_id(folder: Path, article_id: str) -> str:
    """``<id>.txt``, ``<id>.html`` or ``<id>.htm``, whichever exists (``<id>.txt`` if none)."""
    if not article_id:
        return ""
    for suffix in ARTICLE_SUFFIXES:
        if (folder / f"{article_id}{suffix}").is_file():
            return f"{article_id}{suffix}"
    return f"{article_id}.txt"


def _locate(root: Path, folder: Path, name: str) -> tuple[bool, bool]:
    """Whether metadata file ``name`` lies inside the (resolved) ``root`` and is a file.
    A plain name that is not a link needs one ``lstat``; anything else is resolved."""
    if os.sep not in name and "/" not in name and name not in (".", ".."):
        try:
            mode = os.lstat(os.path.join(root, name)).st_mode
        except OSError:
            return True, False
        if not stat.S_ISLNK(mode):
            return True, stat.S_ISREG(mode)
    target = (folder / name).resolve()
    return not Path(name).is_absolute() and target.is_relative_to(root), target.is_file()


def article_table(folder: Path, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per article file with its metadata, in a stable order (by article_id)."""
    meta = read_metadata(folder, columns)
    listed = set(meta["file"])
    extra = sorted(p.name for p in folder.iterdir()
                   if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file() and p.name not in listed)
    if extra and not (folder / METADATA_FILE).exists():
        warnings.warn(
            f"{folder.name}: no {METADATA_FILE}; {len(extra)} article(s) loaded with blank metadata "
            + ("(ids are the file names without .txt)" if all(n.endswith(".txt") for n in extra) else
               "(ids are the file names without extension; an HTML page gives its own title, author, "
               "date and site name)"),
            CorpusWarning,
            stacklevel=3,
        )
    else:
        for name in extra:
            warnings.warn(
                f"{name}: no row in {METADATA_FILE}; loaded with blank metadata", CorpusWarning, stacklevel=3
            )
    rows = [{"article_id": Path(name).stem, "file": name} for name in extra]
    table = pd.concat([meta, pd.DataFrame(rows, columns=["article_id", "file"])], ignore_index=True)
    table = table.fillna("")
    if table.empty:
        raise CorpusError(f"{folder.name}: no articles found (no .txt or .html files and no {METADATA_FILE} rows)")
    dupes = sorted(table.loc[table["article_id"].duplicated(), "article_id"].unique())
    if dupes:
        raise CorpusError(
            f"{folder.name}: duplicate article id(s) {', '.join(dupes)} (a file without a metadata "
            "row takes its file name as id)"
        )
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)
