"""Cut a corpus into partitions that are read on their own, by the package's own loader.

``plan_corpus(path, columns, partition_bytes)`` looks at the input once, cheaply, on the
client, and returns a ``Plan``: the input (``Source``) and its partitions (``pieces``), each
small enough to send to a worker.

* a folder of ``.txt``/``.html`` files: ``metadata.article_table`` (the metadata rules of
  ``load_corpus``, with its errors and warnings) gives the article rows in ``article_id``
  order; a piece is a run of consecutive rows holding about ``partition_bytes`` of files.
* a Parquet table: a piece is a run of row groups (from the file's footer).
* a CSV/TSV or JSON-lines table: a piece is a byte range of whole rows.  Its boundaries are
  found by one pass over the file here: for CSV, by the ``csv`` module itself (through
  ``tables.csv_rows``), since a quoted field may hold line breaks, so a line break is not
  always a row break; for JSON lines, at line breaks.  The pass also counts the lines and
  the article rows before each piece, so a piece numbers and labels its rows (``row N (line
  L)``, ``line L``) as the whole file does, and an error names the same row.
* a JSON list (``.json``): one piece (it has no cheap row boundaries).

Every piece is read by ``tables.table_records`` (a ``tables.Span`` of the file) or
``load.folder_records`` (a run of folder rows): the same code as ``load_corpus``.
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.errors import CorpusError
from ..corpus.files import resolve_corpus_path
from ..corpus.metadata import METADATA_COLUMNS, article_table
from ..corpus.encoding import file_encoding
from ..corpus.formats import MAX_TEXT_CHARS, Span, csv_rows, table_rows

#: Default size of a partition: bytes of input (files, or a table's bytes).  A loaded corpus
#: takes about 20 times its input in memory (tokens, sentences, the texts themselves), so a
#: piece of 16 MB needs well under 1 GB on its worker while it is read and measured
#: (benchmarks/results-scale.md gives the measured peak per worker).
PARTITION_BYTES = 16_000_000
_LINE_BREAKS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


@dataclass(frozen=True)
class Source:
    """The input, as a worker needs it to read a piece."""
    target: str
    kind: str  # "folder" or "table"
    columns: Mapping[str, str] | None = None
    docvars: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return Path(self.target).name


@dataclass(frozen=True)
class Plan:
    """The input and its pieces; ``pending``: an error the planning pass met after the
    last piece (raised when no piece fails before it)."""
    source: Source
    pieces: tuple
    pending: CorpusError | None = field(default=None, compare=False)


def plan_corpus(path, columns: Mapping[str, str] | None = None, partition_bytes: int = PARTITION_BYTES) -> Plan:
    """The partitions of a corpus folder or table file (module docstring)."""
    if partition_bytes <= 0:
        raise ValueError("partition_bytes must be positive")
    target = resolve_corpus_path(path).resolve()
    if target.is_dir():
        return _folder_plan(target, columns, partition_bytes)
    suffix = target.suffix.lower()
    if suffix == ".parquet":
        return _parquet_plan(target, columns, partition_bytes)
    if suffix in (".csv", ".tsv", ".jsonl", ".ndjson"):
        return _text_table_plan(target, columns, partition_bytes, suffix)
    return Plan(Source(str(target), "table", columns), (None,))  # a JSON list: read whole


def _chunks(sizes: list[int], limit: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, stop)`` index ranges whose sizes add up to about ``limit``."""
    out, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= limit:
            out.append((start, i + 1))
            start, total = i + 1, 0
    if start < len(sizes) or not out:
        out.append((start, len(sizes)))
    return out


def _folder_plan(target: Path, columns, partition_bytes: int) -> Plan:
    table = article_table(target, columns)
    docvars = tuple(c for c in table.columns if c not in METADATA_COLUMNS)
    rows = table.to_dict("records")
    sizes = []
    for row in rows:
        try:
            sizes.append(os.stat(target / row["file"]).st_size)
        except OSError:
            sizes.append(0)  # the piece that reads it reports the problem, as load_corpus does
    pieces = tuple(tuple(rows[a:b]) for a, b in _chunks(sizes, partition_bytes))
    return Plan(Source(str(target), "folder", columns, docvars), pieces)


def _parquet_plan(target: Path, columns, partition_bytes: int) -> Plan:
    import pyarrow.parquet as pq

    table_rows(target)  # the file's own errors (not Parquet, a repeated column name), as load_corpus
    meta = pq.ParquetFile(target).metadata
    sizes = [meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)]
    counts = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    pieces = []
    for a, b in _chunks(sizes, partition_bytes):
        pieces.append(Span(number=sum(counts[:a]), row_groups=tuple(range(a, b))))
    return Plan(Source(str(target), "table", columns), tuple(pieces))


def _sub_lines(raw: bytes, encoding: str, errors: str, newline_any: bool) -> list[str]:
    """One line of bytes (ending at ``\\n``) as the lines a text-mode reader sees: split
    also at a lone ``\\r`` (as ``open(newline="")`` and universal newlines do)."""
    text = raw.decode(encoding, errors)
    if "\r" not in text:
        return [text]
    return _LINE_BREAKS.findall(text) if newline_any else [text]


def _text_table_plan(target: Path, columns, partition_bytes: int, suffix: str) -> Plan:
    encoding, errors = file_encoding(target)
    table_rows(target, Span(0, encoding, errors))  # the header's errors (no header, blank or repeated names)
    boundaries, pending = (_jsonl_boundaries if suffix in (".jsonl", ".ndjson") else _csv_boundaries)(
        target, encoding, errors, partition_bytes, "\t" if suffix == ".tsv" else ",")
    if boundaries is None:
        return Plan(Source(str(target), "table", columns), (None,), pending)
    pieces = []
    for (start, line, number), (end, _, _) in zip(boundaries, boundaries[1:]):
        if end > start:
            pieces.append(Span(number=number, encoding=encoding, errors=errors, start=start, end=end, line=line))
    if not pieces:  # only a header: the reader gives load_corpus's error for a table without rows
        start, line, number = boundaries[0]
        pieces.append(Span(number=number, encoding=encoding, errors=errors, start=start, end=start, line=line))
    return Plan(Source(str(target), "table", columns), tuple(pieces), pending)


class _Lines:
    """The text lines of a file read in binary, tracking the byte offset after the last
    whole binary line handed out and whether the lines of that binary line are all out."""

    def __init__(self, handle, encoding: str, errors: str, newline_any: bool):
        self.handle, self.encoding, self.errors, self.newline_any = handle, encoding, errors, newline_any
        self.offset, self.pending = 0, []

    def __iter__(self):
        first = True
        for raw in self.handle:
            encoding = self.encoding if first or self.encoding != "utf-8-sig" else "utf-8"
            first = False
            self.pending = _sub_lines(raw, encoding, self.errors, self.newline_any)
            self.offset += len(raw)
            while self.pending:
                yield self.pending.pop(0)

    @property
    def at_line_end(self) -> bool:
        return not self.pending


def _csv_boundaries(target: Path, encoding: str, errors: str, limit: int, delimiter: str):
    """``[(byte offset, first line, article rows before), ...]`` at row breaks about ``limit``
    bytes apart, from the header's end to the file's end; and the CSV error met, if any (the
    boundaries then stop after the last whole row before it).  ``None`` when the header does
    not end a line (a lone ``\\r`` ends it): the file is then read whole."""
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_TEXT_CHARS))
    with target.open("rb") as handle:
        lines = _Lines(handle, encoding, errors, newline_any=True)
        reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
        rows = csv_rows(reader, target.name)
        boundaries, pending, number = [], None, 0
        try:
            for _, row in rows:
                if not boundaries:  # the header
                    if not lines.at_line_end:
                        return None, None
                    boundaries.append((lines.offset, reader.line_num + 1, 0))
                    good = boundaries[0]
                    continue
                if any(cell.strip() for cell in row):
                    number += 1
                if lines.at_line_end:
                    good = (lines.offset, reader.line_num + 1, number)
                    if lines.offset - boundaries[-1][0] >= limit:
                        boundaries.append(good)
        except CorpusError as error:
            pending = error
        if not boundaries:  # no header at all: the reader gives load_corpus's error
            return None, pending
        end = good if pending is not None else (os.path.getsize(target), 0, number)
        if boundaries[-1][0] != end[0]:
            boundaries.append(end)
    return boundaries, pending


def _jsonl_boundaries(target: Path, encoding: str, errors: str, limit: int, _delimiter: str):
    """As ``_csv_boundaries``, for JSON lines (a JSON value never holds a raw line break)."""
    with target.open("rb") as handle:
        lines = _Lines(handle, encoding, errors, newline_any=True)
        boundaries, line_number, number, last = [(0, 1, 0)], 0, 0, 0
        for text in lines:
            line_number += 1
            if text.strip():
                number += 1
            if lines.at_line_end and lines.offset - last >= limit:
                boundaries.append((lines.offset, line_number + 1, number))
                last = lines.offset
    end = os.path.getsize(target)
    if boundaries[-1][0] != end:
        boundaries.append((end, 0, number))
    return boundaries, None
