"""A corpus folder's ``metadata.csv`` and the table of its articles (``article_table``).

* ``metadata.csv`` is read as CSV (quoted fields may hold commas and line breaks; a quote
  never closed is an error naming the line where it opens).  Its header must name every
  column once: a repeated name is an error; a column with a blank name is dropped when it
  is empty and an error when it holds a value.  Columns are found by the names of ``columns.COLUMN_NAMES``
  (case-insensitive).  It needs a ``file`` or an id column: without ids, a row's id is
  its file name without the extension; without ``file``, the file is ``<id>.txt``,
  ``<id>.html`` or ``<id>.htm``.  Ids and files are unique; every file exists inside the
  folder.  Other columns are kept as docvars.  An article without a metadata row loads
  with blank metadata (its id is the file name without extension) and a warning.

An article file with no row is listed with blank metadata (``article_table``).  Each broken
rule raises ``CorpusError`` naming the file.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .columns import blank_columns, docvar_names, guess_columns
from .errors import CorpusError, shown, warn
from .files import ARTICLE_SUFFIXES, locate, read_text_file
from .formats import csv_rows

#: Largest ``metadata.csv`` read (one row per article: about 150 bytes each, so 14 MB at 100,000
#: articles; the per-article limit ``files.MAX_FILE_BYTES`` does not apply to it).
MAX_METADATA_BYTES = 1 << 30
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["article_id", "file", "outlet", "title", "author", "published", "url", "notes"]
REQUIRED_METADATA = ["article_id", "file"]


def read_metadata(folder: Path, columns: Mapping[str, str] | None = None,
                  names: Mapping[str, str] | None = None,
                  entries: Mapping[str, os.DirEntry] | None = None) -> pd.DataFrame:
    """``metadata.csv`` as strings (blank where unknown), checked; empty if absent.
    ``names``: ``{(stem, lower-case suffix): file name}`` of the folder's files (``_file_of_id``);
    ``entries``: ``{name: os.DirEntry}`` of the folder's listing (a regular file listed
    there needs no ``lstat`` of its own).
    The frame's ``_line`` column is each row's line in the file (for messages)."""
    path = folder / METADATA_FILE
    empty_frame = pd.DataFrame(columns=[*METADATA_COLUMNS, "_line", "_identity"], dtype=str)
    if not os.path.lexists(path):
        return empty_frame
    root = folder.resolve()
    problem, _ = locate(root, folder, METADATA_FILE)
    if problem:
        raise CorpusError(f"{METADATA_FILE}: {problem}")
    text, _ = read_text_file(path, corpus=folder.name,
                             limit=(MAX_METADATA_BYTES, "a metadata file", f"{__name__}.MAX_METADATA_BYTES"))
    rows = list(csv_rows(csv.reader(io.StringIO(text, newline=""), strict=True), METADATA_FILE))
    if not rows:
        return empty_frame
    header_line, header = rows[0][0], [h.strip() for h in rows[0][1]]
    rows = [(line, row) for line, row in rows[1:] if any(cell.strip() for cell in row)]
    for line, row in rows:
        if len(row) != len(header):
            raise CorpusError(f"{METADATA_FILE}: line {line} has {len(row)} fields, the header has {len(header)}")
    blank = blank_columns(header, f"{METADATA_FILE}: line {header_line}")
    for line, row in rows:
        valued = [i + 1 for i in blank if row[i].strip()]
        if valued:
            raise CorpusError(f"{METADATA_FILE}: line {line} has a value in column {valued[0]}, whose name in "
                              "the header is blank; name the column")
    keep = [i for i in range(len(header)) if i not in set(blank)]
    header = [header[i] for i in keep]
    overrides = {field: name for field, name in (columns or {}).items() if field != "text"}
    found = guess_columns(header, overrides, METADATA_FILE, fields=METADATA_COLUMNS)
    if not any(c in found for c in REQUIRED_METADATA):
        raise CorpusError(
            f"{METADATA_FILE}: missing required column(s) article_id or file (the columns are "
            f"{', '.join(header)}); an id column may also be named id, doc_id, stories_id or guid"
        )
    meta = pd.DataFrame([[row[i].strip() for i in keep] for _, row in rows], columns=header, dtype=str)
    lines = [line for line, _ in rows]
    renamed = {column: field for field, column in found.items()} | docvar_names(header, found)
    meta = meta.rename(columns=renamed)
    for column in METADATA_COLUMNS:
        if column not in meta:
            meta[column] = ""
    if "file" not in found:
        meta["file"] = [_file_of_id(names or {}, i) for i in meta["article_id"]]
    empty = meta.index[meta["file"] == ""]
    if len(empty):
        raise CorpusError(f"{METADATA_FILE}: line {lines[empty[0]]} has a blank {found.get('file', 'article_id')}")
    if "article_id" not in found:
        meta["article_id"] = [Path(name).stem for name in meta["file"]]
    for column in REQUIRED_METADATA:
        empty = meta.index[meta[column] == ""]
        if len(empty):
            raise CorpusError(f"{METADATA_FILE}: line {lines[empty[0]]} has a blank {column}")
    for column in REQUIRED_METADATA:
        dupes = sorted(meta.loc[meta[column].duplicated(), column].unique())
        if dupes:
            raise CorpusError(f"{METADATA_FILE}: duplicate {column} value(s): {', '.join(dupes)}")
    identities, device = [], None
    for line, name in zip(lines, meta["file"]):
        entry = (entries or {}).get(name)
        if entry is not None and entry.is_file(follow_symlinks=False):  # (as the listing saw it)
            device = device if device is not None else os.stat(folder).st_dev
            identities.append((device, entry.inode()))
            continue
        problem, identity = locate(root, folder, name)
        if problem:
            raise CorpusError(f"{METADATA_FILE}: line {line}: file {name!r} {problem}")
        identities.append(identity)
    meta["_line"] = lines
    meta["_identity"] = identities
    return meta


def _file_of_id(names: Mapping[tuple[str, str], str], article_id: str) -> str:
    """``<id>.txt``, ``<id>.html`` or ``<id>.htm`` (suffix in any case), whichever exists
    (``<id>.txt`` if none)."""
    if not article_id:
        return ""
    for suffix in ARTICLE_SUFFIXES:
        if (article_id, suffix) in names:
            return names[(article_id, suffix)]
    return f"{article_id}.txt"


def article_table(folder: Path, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per article file with its metadata, in a stable order (by article_id)."""
    corpus = folder.name
    root = folder.resolve()
    with os.scandir(folder) as scan:
        found = [(os.path.splitext(e.name), e) for e in scan]
    entries = sorted((e.name, e) for (_, suffix), e in found if suffix.lower() in ARTICLE_SUFFIXES)
    names = {(stem, suffix.lower()): e.name for (stem, suffix), e in found if suffix.lower() in ARTICLE_SUFFIXES}
    meta = read_metadata(folder, columns, names, {e.name: e for _, e in found})
    listed = {os.path.normpath(name) for name in meta["file"]}
    extra, identities, skipped = [], [], []
    device = None
    for name, entry in entries:
        if name in listed:
            continue
        if entry.is_file(follow_symlinks=False):  # a regular file here: its inode is known
            device = device if device is not None else os.stat(folder).st_dev
            extra.append(name)
            identities.append((device, entry.inode()))
            continue
        problem, identity = locate(root, folder, name)
        if problem and "outside" in problem:
            raise CorpusError(f"{name}: {problem}")
        if problem:
            skipped.append(f"{name} ({problem})")
        else:
            extra.append(name)
            identities.append(identity)
    if skipped:
        warn(f"{corpus}: {len(skipped)} entry(ies) named like articles skipped, not regular files: "
             + shown(skipped), corpus)
    if extra and not (folder / METADATA_FILE).exists():
        warn(f"{corpus}: no {METADATA_FILE}; {len(extra)} article(s) loaded with blank metadata "
             + ("(ids are the file names without .txt)" if all(n.lower().endswith(".txt") for n in extra) else
                "(ids are the file names without extension; an HTML page gives its own title, author, "
                "date and site name)"), corpus)
    else:
        for name in extra:
            warn(f"{name}: no row in {METADATA_FILE}; loaded with blank metadata", corpus)
    _refuse_repeats(list(meta["file"]) + extra, list(meta["_identity"]) + identities)
    rows = [{"article_id": Path(name).stem, "file": name} for name in extra]
    table = pd.concat([meta.drop(columns=["_line", "_identity"], errors="ignore"),
                       pd.DataFrame(rows, columns=["article_id", "file"])], ignore_index=True)
    table = table.fillna("")
    if table.empty:
        raise CorpusError(f"{corpus}: no articles found (no .txt or .html files and no {METADATA_FILE} rows)")
    dupes = sorted(table.loc[table["article_id"].duplicated(), "article_id"].unique())
    if dupes:
        raise CorpusError(
            f"{corpus}: duplicate article id(s) {', '.join(dupes)} (a file without a metadata "
            "row takes its file name as id)"
        )
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)



def _refuse_repeats(names: list[str], identities: list) -> None:
    """Refuse one file reached under two names (a link, a hard link, another path to it)."""
    first: dict = {}
    for name, identity in zip(names, identities):
        if identity is None:
            continue
        if identity in first:
            raise CorpusError(f"{first[identity]} and {name} are the same file (a link, or another path to it); "
                              "an article is read once: keep one of them")
        first[identity] = name


def table_rows(table: pd.DataFrame) -> list[dict]:
    """``table.to_dict("records")``, from each column's list (pandas boxes the string
    columns' values one by one: 0.13 s against 0.01 s for 10,000 articles)."""
    columns = list(table.columns)
    return [dict(zip(columns, values)) for values in zip(*(table[c].tolist() for c in columns))]
