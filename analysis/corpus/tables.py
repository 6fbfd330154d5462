"""Article records of one table file with a row per article (its rows read by ``formats``):
the columns found (``columns``), each text cleaned, dates read, ids checked.

A row whose text is blank is skipped with one warning naming the rows; everything else that
is wrong is a ``CorpusError`` naming the file, the row (``row N``, ``line N`` or ``item N``:
see ``formats``) and the problem.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

from .cleaning import clean_text
from .columns import as_text, docvar_names, guess_columns, require_text
from .dates import date_fields, warn_unparsed
from .errors import CorpusError, shown, warn
from .formats import MAX_TEXT_CHARS, Span, table_rows

META_FIELDS = ["outlet", "title", "author", "published", "url", "notes"]


def _text(value) -> str:
    if value is None or isinstance(value, float):
        return ""
    text = value if isinstance(value, str) else as_text(value)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def table_records(path: Path, columns: Mapping[str, str] | None, removed: list, state: dict,
                  span: Span | None = None):
    """Article records of a table file (see ``load.build_corpus``), in file order.

    ``state`` receives ``docvars``, the names of the metadata columns kept.  With ``span``
    (one part of the file), the checks that need the whole file are left to the caller:
    ``state`` also receives ``seen`` (``{article_id: row label}``), ``skipped`` (labels of
    rows with blank text) and ``bad_dates``, filled as the rows are read (so they hold the
    rows before an error too), and nothing is warned about at the end."""
    name = path.name
    header, rows, encoding = table_rows(path, span)
    encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    found = guess_columns(header, columns, name)
    require_text(found, header, name)
    names = docvar_names(header, found)
    used = set(found.values())
    state["docvars"] = list(names.values())
    seen: dict[str, str] = {}
    skipped, bad_dates = [], []
    if span is not None:
        state.update(seen=seen, skipped=skipped, bad_dates=bad_dates)
    for number, label, row in rows:
        raw = _text(row.get(found["text"]))
        if not raw.strip():
            skipped.append(label)
            continue
        if len(raw) > MAX_TEXT_CHARS:
            raise CorpusError(f"{name}: {label}: text is {len(raw):,} characters, over the limit of "
                              f"{MAX_TEXT_CHARS:,} for one article")
        article_id = as_text(row.get(found["article_id"])) if "article_id" in found else f"{number:06d}"
        if not article_id:
            raise CorpusError(f"{name}: {label} has a blank {found['article_id']}")
        if article_id in seen:
            raise CorpusError(f"{name}: {label}: duplicate article id {article_id!r} (also {seen[article_id]})")
        seen[article_id] = label
        meta = {field: as_text(row.get(found[field])) if field in found else "" for field in META_FIELDS}
        text, dropped = clean_text(raw, title=meta["title"])
        if not text:
            raise CorpusError(f"{name}: {label}: no article text is left after cleaning (all lines matched a rule)")
        removed.extend({"article_id": article_id, "file": name, **d} for d in dropped)
        extra = {}
        for column, value in row.items():
            if not str(column).strip():  # a column without a name: nothing to keep, unless it holds a value
                if as_text(value):
                    raise CorpusError(f"{name}: {label} has a value in a column whose name is blank; name the column")
                continue
            if column not in used:
                if column not in names:
                    names[column] = docvar_names([column], {})[column]
                    state["docvars"].append(names[column])
                extra[names[column]] = as_text(value)
        yield {"article_id": article_id, "file": name, **meta, **date_fields(meta["published"], bad_dates, label),
               **extra, "source": meta["outlet"] or f"unknown outlet ({article_id})", "encoding": encoding,
               "n_chars": len(text), "n_removed_lines": len(dropped), "text": text, "raw_text": raw}
    if span is not None:
        return
    finish_table(name, seen, skipped, bad_dates)


def finish_table(name: str, seen: Mapping[str, str], skipped: list[str], bad_dates: list) -> None:
    """The checks at the end of a table: warn about the rows skipped (blank text) and the
    dates not understood; refuse a table without any article."""
    if skipped:
        warn(f"{name}: {len(skipped)} row(s) with blank text skipped: {shown(skipped)}", name)
    warn_unparsed(bad_dates, name)
    if not seen:
        raise CorpusError(f"{name}: no articles (every row's text is blank)")
