"""Long tables a reader can sort and search, in JupyterLab and in the HTML report.

``browse(frame, name)`` writes the whole frame to ``name.csv`` (``style.save_table``) and
shows at most ``max_rows`` of its rows as an interactive table (itables: DataTables'
sorting, search and paging), with the note "showing k of N rows" naming the CSV.  The
caller chooses which rows come first (a ranking, a fixed-seed sample); ``browse`` only
cuts.

Offline and deterministic on purpose:

* ``browse_setup()`` (once, in a notebook's first cells) inlines itables' JavaScript and
  CSS into that cell's output (``init_notebook_mode(connected=False)``), so the notebook
  and the HTML report fetch nothing from the network;
* each table's HTML id is derived from ``name`` (itables draws a random one otherwise),
  so re-executing a notebook gives the same outputs byte for byte (strict nbval compares
  ``text/html`` too);
* cells are shown as text, never as HTML (itables escapes them): outlets, titles and
  words come from scraped pages;
* the plain-text view (what nbval also compares, and what a terminal shows) is the note
  and the first ``TEXT_ROWS`` rows.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .style import save_table

#: Most rows a table embeds in a notebook output (the CSV holds them all).
MAX_ROWS = 200
#: Rows of the plain-text view.
TEXT_ROWS = 10
#: Per-page choices offered by the interactive table.
PAGE_LENGTHS = [10, 25, 100, MAX_ROWS]


def browse_setup():
    """Load itables' JavaScript into the notebook, inline (no network): call once, before
    the first ``browse``.  Displays the script as this cell's output."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


def table_id(name: str) -> str:
    """A stable HTML id for the table saved as ``name``: ``itables_`` and ``name`` with
    every character outside ``[A-Za-z0-9_]`` replaced by ``_``."""
    return "itables_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def browse_note(shown: int, total: int, csv_name: str) -> str:
    """"showing 200 of 12,345 rows (all in NAME.csv)", or "all 12 rows (also in NAME.csv)"."""
    if shown < total:
        return f"showing {shown:,} of {total:,} rows (all of them in {csv_name})"
    return f"all {total:,} rows (also in {csv_name})"


class BrowsableTable:
    """What ``browse`` returns: shown as an interactive table (``_repr_html_``) or as the
    note and the first rows (``repr``)."""

    def __init__(self, frame: pd.DataFrame, total: int, name: str, csv_name: str):
        self.frame = frame
        self.total = total
        self.name = name
        self.note = browse_note(len(frame), total, csv_name)

    def _repr_html_(self) -> str:
        from itables import to_html_datatable

        return to_html_datatable(
            self.frame,
            caption=self.note,
            table_id=table_id(self.name),
            connected=False,
            showIndex=False,
            allow_html=False,
            maxBytes=0,  # rows are already bounded by browse; never downsample further
            maxRows=0,
            lengthMenu=PAGE_LENGTHS,
            pageLength=10,
            display_logo_when_loading=False,
            warn_on_unexpected_types=False,
        )

    def __repr__(self) -> str:
        head = self.frame.head(TEXT_ROWS).to_string(index=False, max_colwidth=60)
        more = len(self.frame) - TEXT_ROWS
        tail = f"\n... {more:,} more row(s) in the interactive table" if more > 0 else ""
        return f"{self.name}: {self.note}\n{head}{tail}"


def browse(
    frame: pd.DataFrame, name: str, folder: str | Path | None = None, max_rows: int = MAX_ROWS
) -> BrowsableTable:
    """Save all of ``frame`` as ``name.csv`` in the output folder and return its first
    ``max_rows`` rows as a sortable, searchable table with a "showing k of N rows" note.
    The frame's index is dropped (make a column of anything it should show)."""
    if max_rows < 1:
        raise ValueError("max_rows must be 1 or more")
    path = save_table(frame, name, folder)
    shown = frame.head(max_rows).reset_index(drop=True)
    return BrowsableTable(shown, len(frame), name, path.name)
