"""Writing tables as CSV files that are safe to open in a spreadsheet.

Outlets, titles, article ids and words come from scraped text, so a cell may hold
``=HYPERLINK(…)`` or ``@SUM(…)``, which Excel, LibreOffice and Google Sheets would evaluate
as a formula ("CSV injection").  Every CSV the package or a notebook writes goes through
``write_csv``, which applies OWASP's rule to each text cell (and column name): a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``,
so the spreadsheet shows it as text.  Numbers are never changed: ``-3.5`` in a numeric
column is data, not a formula.  To get the original text back, drop a leading ``'`` that
is followed by one of those characters (``restore_cell``).

This module sits in the lowest layer (beside ``config``) so every layer can use it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

#: First characters that make a spreadsheet evaluate a cell (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise_cell(value):
    """``value`` with a leading ``'`` if it is text starting with a formula trigger;
    anything else (numbers, missing values, other text) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def restore_cell(value):
    """Undo ``neutralise_cell`` (for reading an exported CSV back as data)."""
    if isinstance(value, str) and value.startswith(ESCAPE) and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _is_text_column(column: pd.Series) -> bool:
    dtype = column.dtype
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are neutralised (see the module
    docstring); numeric, boolean and date columns are left as they are."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _is_text_column(column):
            values = column.astype(object) if isinstance(column.dtype, pd.CategoricalDtype) else column
            safe.isetitem(position, values.map(neutralise_cell))
    safe.columns = [neutralise_cell(name) for name in safe.columns]
    return safe


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` (without its index) to ``path`` as UTF-8 CSV with every text cell
    neutralised; returns the path.  The one way this project writes a CSV."""
    path = Path(path)
    spreadsheet_safe(frame).to_csv(path, index=False)
    return path
