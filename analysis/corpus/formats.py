"""The rows of one table file with a row per article: ``.csv``, ``.tsv``,
``.jsonl``/``.ndjson``, ``.json`` (a list of objects) or ``.parquet``, read as a stream
(``table_rows``); ``tables`` makes article records of them.

Nothing holds the whole file: CSV/TSV rows come one at a time from the ``csv`` module
(exact line numbers for errors, ragged rows found), JSON lines one line at a time, a JSON
list one object at a time (``json.JSONDecoder.raw_decode`` over a buffer of ``CHUNK_CHARS``),
Parquet in record batches of ``PARQUET_BATCH_ROWS`` rows (one row group decompressed at a
time).  The text encoding is checked first in blocks (UTF-8, with or without a byte-order
mark; Windows-1252 with a ``CorpusWarning``; anything else refused).

Rows are labelled in messages as ``row N`` (the N-th article row, header not counted; CSV
adds its ``line``), ``line N`` for JSON lines and ``item N`` for a JSON list.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .columns import blank_columns
from .encoding import file_encoding
from .errors import CorpusError

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
#: Largest text in one cell (characters): the same bound as one article file.
MAX_TEXT_CHARS = 5_000_000
CHUNK_CHARS = 1 << 20
PARQUET_BATCH_ROWS = 256


class Span(NamedTuple):
    """A part of a table file read on its own (``analysis.partitioned``): of a CSV/TSV or
    JSON-lines file, the bytes ``start`` to ``end`` (whole rows), whose first line is ``line``;
    of a Parquet file, the ``row_groups``.  ``number``: the article rows before it (so rows are
    numbered and labelled as in the whole file); ``encoding``, ``errors``: as ``file_encoding``
    found them for the whole file."""
    number: int
    encoding: str = "utf-8"
    errors: str = "strict"
    start: int = 0
    end: int = 0
    line: int = 1
    row_groups: tuple = ()


def span_text(path: Path, span: Span, newline: str | None = "") -> io.StringIO:
    """The text of a span of a CSV/TSV/JSON-lines file (a byte-order mark only at the start)."""
    with path.open("rb") as handle:
        handle.seek(span.start)
        data = handle.read(span.end - span.start)
    encoding = "utf-8" if span.encoding == "utf-8-sig" and span.start else span.encoding
    return io.StringIO(data.decode(encoding, span.errors), newline=newline)


def csv_rows(reader, name: str, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """``(line the row starts on, fields)`` for each row of a ``csv.reader`` (strict) that is not
    a blank line; a broken quote or other CSV error is a ``CorpusError`` naming ``name`` and the line.
    Shared by tables and ``metadata.csv``.  ``first_line``: the line the reader starts on."""
    start = first_line
    try:
        for row in reader:
            if len(row) > 1 or row and row[0].strip():
                yield start, row
            start = first_line + reader.line_num
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise CorpusError(f"{name}: line {start}: not valid CSV: a quote opened in this row is never closed "
                              "(a quoted field runs to the end of the file)") from None
        raise CorpusError(f"{name}: line {first_line - 1 + reader.line_num}: not valid CSV ({error})") from None


def _csv_rows(path: Path, encoding: str, delimiter: str, errors: str = "strict", span: Span | None = None):
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_TEXT_CHARS))
    handle = path.open(encoding=encoding, errors=errors, newline="")
    # the header is the first line that is not blank (a line of commas is a header naming nothing)
    rows = csv_rows(csv.reader(handle, delimiter=delimiter, strict=True), path.name)
    line, header = next(rows, (0, []))
    header = [h.strip() for h in header]
    if not header:
        handle.close()
        raise CorpusError(f"{path.name}: file is empty (no header row)")
    try:
        blank = blank_columns(header, f"{path.name}: line {line}")
    except CorpusError:
        handle.close()
        raise
    named = [i for i in range(len(header)) if i not in set(blank)]
    if span is not None:  # the header was read from the file's start; the rows come from the span
        handle.close()
        handle = span_text(path, span)
        rows = csv_rows(csv.reader(handle, delimiter=delimiter, strict=True), path.name, first_line=span.line)

    def body():
        with handle:
            number = span.number if span else 0
            for line, row in rows:
                if not any(cell.strip() for cell in row):
                    continue
                number += 1
                label = f"row {number} (line {line})"
                if len(row) != len(header):
                    raise CorpusError(f"{path.name}: {label} has {len(row)} fields, the header has {len(header)}")
                valued = [i + 1 for i in blank if row[i].strip()]
                if valued:
                    raise CorpusError(f"{path.name}: {label} has a value in column {valued[0]}, whose name in the "
                                      "header is blank; name the column")
                yield number, label, {header[i]: row[i] for i in named}
    return [header[i] for i in named], body()


def _jsonl_rows(path: Path, encoding: str, errors: str = "strict", span: Span | None = None):
    def objects(span):
        opened = path.open(encoding=encoding, errors=errors) if span is None else span_text(path, span, None)
        with opened as handle:
            number = span.number if span else 0
            for line_number, line in enumerate(handle, start=span.line if span else 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{path.name}: line {line_number}: not valid JSON ({error.msg})") from None
                if not isinstance(value, dict):
                    raise CorpusError(f"{path.name}: line {line_number}: a JSON {type(value).__name__}, "
                                      "not an object (one article per line, as {\"text\": ...})")
                number += 1
                yield number, f"line {line_number}", value
    header, rows = _peeked(path, objects(None))  # the header: the keys of the file's first object
    return (header, rows) if span is None else (header, objects(span))


def _json_list_rows(path: Path, encoding: str, errors: str = "strict"):
    decoder = json.JSONDecoder()

    def objects():
        with path.open(encoding=encoding, errors=errors) as handle:
            buffer, position, eof = "", 0, False

            def fill() -> bool:
                nonlocal buffer, position, eof
                chunk = handle.read(CHUNK_CHARS)
                eof = not chunk
                buffer, position = buffer[position:] + chunk, 0
                return bool(chunk)

            def skip_space() -> str:
                nonlocal position
                while True:
                    while position < len(buffer) and buffer[position] in " \t\r\n\ufeff":
                        position += 1
                    if position < len(buffer) or not fill():
                        return buffer[position] if position < len(buffer) else ""

            if skip_space() != "[":
                raise CorpusError(f"{path.name}: not a JSON list of objects (a .json file must start with "
                                  "'['; for one object per line name it .jsonl)")
            position += 1
            number = 0
            while True:
                char = skip_space()
                if char == "]":
                    position += 1
                    if skip_space():
                        raise CorpusError(f"{path.name}: text after the end of the JSON list")
                    return
                if number:
                    if char != ",":
                        raise CorpusError(f"{path.name}: item {number}: expected ',' or ']' after it")
                    position += 1
                    skip_space()
                while True:
                    try:
                        value, end = decoder.raw_decode(buffer, position)
                        break
                    except json.JSONDecodeError as error:
                        if eof or not fill():
                            raise CorpusError(f"{path.name}: item {number + 1}: not valid JSON ({error.msg})") from None
                number += 1
                if not isinstance(value, dict):
                    raise CorpusError(f"{path.name}: item {number}: a JSON {type(value).__name__}, not an object")
                position = end
                yield number, f"item {number}", value
    return _peeked(path, objects())


def _parquet_rows(path: Path, span: Span | None = None):
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise CorpusError(f"{path.name}: not a Parquet file ({error})") from None
    header = list(parquet.schema_arrow.names)
    blank_columns(header, path.name)  # a name repeated: one column would be lost

    def body():
        number = span.number if span else 0
        groups = list(span.row_groups) if span else None
        try:
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups):
                for row in batch.to_pylist():
                    number += 1
                    yield number, f"row {number}", row
        except (pa.ArrowException, OSError) as error:
            raise CorpusError(f"{path.name}: row {number + 1}: Parquet data cannot be read ({error})") from None
    return header, body()


def _peeked(path: Path, rows: Iterator):
    """The header (keys of the first object) and all the rows."""
    first = next(rows, None)
    if first is None:
        raise CorpusError(f"{path.name}: no articles (no objects in the file)")

    def body():
        yield first
        yield from rows
    return list(first[2]), body()


def table_rows(path: Path, span: Span | None = None):
    """``(header, rows, encoding)``: rows as ``(number, label, {column: value})``; with
    ``span``, only the rows of that part of the file (not for a JSON list)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return (*_parquet_rows(path, span), "utf-8")
    encoding, errors = file_encoding(path) if span is None else (span.encoding, span.errors)
    if suffix in (".csv", ".tsv"):
        return (*_csv_rows(path, encoding, "\t" if suffix == ".tsv" else ",", errors, span), encoding)
    if suffix in (".jsonl", ".ndjson"):
        return (*_jsonl_rows(path, encoding, errors, span), encoding)
    if span is not None:
        raise ValueError(f"{path.name}: a JSON list is read whole, not in spans")
    return (*_json_list_rows(path, encoding, errors), encoding)
