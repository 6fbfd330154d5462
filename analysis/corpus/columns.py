"""Which column of a table (or of ``metadata.csv``) holds what: found by common names.

Names are compared case-insensitively and with surrounding white space ignored; for each
field the first name of ``COLUMN_NAMES`` present wins.  ``columns={"text": "story"}``
overrides the guess for a field.  Every other column is kept as article metadata
(a "docvar"), under its own name, or ``doc_<name>`` when that name is one the loader
sets itself (``source``, ``n_chars``, ...).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from .errors import CorpusError

#: field -> the column names that hold it, in order of preference (documented in the README).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "article_text"),
    "article_id": ("article_id", "id", "stories_id", "doc_id", "guid"),
    "outlet": ("outlet", "source", "media_name", "publisher", "site_name", "domain"),
    "published": ("published", "date", "publish_date", "pubdate", "published_at", "datetime"),
    "title": ("title",),
    "url": ("url",),
    "author": ("author", "authors", "byline"),
    "file": ("file",),
    "notes": ("notes",),
}

#: Columns of ``corpus.articles`` that the loader sets; a docvar with one of these names is renamed.
RESERVED = {
    "article_id", "file", "outlet", "title", "author", "published", "url", "notes", "source",
    "encoding", "n_chars", "n_paragraphs", "n_sentences", "n_tokens", "n_removed_lines", "text",
    "raw_text", "published_date", "published_end", "published_precision",
}


def guess_columns(header: Sequence[str], overrides: Mapping[str, str] | None, where: str,
                  fields: Sequence[str] = tuple(COLUMN_NAMES)) -> dict[str, str]:
    """``{field: column}`` for the ``fields`` found in ``header`` (overrides first).

    An override naming a column that is not there, or an unknown field, is a ``CorpusError``.
    """
    by_key = {}
    for column in header:
        by_key.setdefault(str(column).strip().casefold(), column)
    found: dict[str, str] = {}
    for field, column in (overrides or {}).items():
        if field not in COLUMN_NAMES:
            raise CorpusError(f"columns={{{field!r}: ...}}: unknown field; use one of {', '.join(COLUMN_NAMES)}")
        key = str(column).strip().casefold()
        if key not in by_key:
            raise CorpusError(
                f"{where}: no column {column!r} (given for {field}); the columns are {', '.join(map(str, header))}"
            )
        found[field] = by_key[key]
    taken = set(found.values())
    for field in fields:
        if field in found:
            continue
        for name in COLUMN_NAMES[field]:
            if name in by_key and by_key[name] not in taken:
                found[field] = by_key[name]
                taken.add(by_key[name])
                break
    return found


def blank_columns(header: Sequence[str], where: str) -> list[int]:
    """The positions of the header's blank names (a trailing comma, an unnamed column), after
    refusing a header that names no column, or names one twice (one of them would be lost)."""
    names = [str(name).strip() for name in header]
    blank = [i for i, name in enumerate(names) if not name]
    if len(blank) == len(names):
        raise CorpusError(f"{where}: the header names no column (only commas or white space); "
                          "the first line must name the columns")
    seen, repeated = set(), []
    for name in names:
        if name and name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    if repeated:
        raise CorpusError(f"{where}: column name(s) repeated in the header: {', '.join(repeated)}; "
                          "give each column its own name")
    return blank


def require_text(found: Mapping[str, str], header: Sequence[str], where: str) -> None:
    if "text" not in found:
        raise CorpusError(
            f"{where}: no text column found; the columns are {', '.join(map(str, header)) or '(none)'}; "
            f"tried {', '.join(COLUMN_NAMES['text'])} (case-insensitive). Name it with "
            "load_corpus(path, columns={'text': 'your_column'})"
        )


def docvar_names(header: Sequence[str], found: Mapping[str, str]) -> dict[str, str]:
    """``{column: name in corpus.articles}`` of the columns kept as docvars."""
    used = set(found.values())
    names = {}
    for column in header:
        if column in used:
            continue
        name = str(column).strip()
        names[column] = f"doc_{name}" if name in RESERVED or name.startswith("doc_") and name[4:] in RESERVED else name
    return names


def as_text(value) -> str:
    """A cell as a string: blank for missing values, ISO for dates, ``; ``-joined lists."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(as_text(v) for v in value if as_text(v))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value).strip()
