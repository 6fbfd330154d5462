"""CSV outputs are safe to open in a spreadsheet: text cells a spreadsheet would evaluate
get a leading ``'`` (OWASP), numbers are untouched, and it is the only way CSVs are written."""
from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest

from analysis.config import PROJECT_ROOT
from analysis.export import FORMULA_TRIGGERS, neutralise_cell, restore_cell, spreadsheet_safe, write_csv

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "-cmd|' /C calc'!A0", "+1+1", "=1+1",
            "\tlead tab", "\rlead return"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_cells_get_a_leading_quote(payload):
    assert neutralise_cell(payload) == "'" + payload
    assert restore_cell(neutralise_cell(payload)) == payload


@pytest.mark.parametrize("value", ["Daily Planet", "", "a=b", " =1+1", "'quoted", "'=already", "—dash", "−5"])
def test_other_text_is_unchanged(value):
    assert neutralise_cell(value) == value


@pytest.mark.parametrize("value", [-3.5, -1, 0, np.int64(-7), np.float64(-0.25), None, np.nan, True])
def test_numbers_and_missing_values_are_data_not_formulas(value):
    assert neutralise_cell(value) is value


def test_write_csv_neutralises_every_text_cell_and_header_and_keeps_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "source": pd.Series(["=HYPERLINK(\"http://x\")", "Daily Planet", "@SUM(A1)"], dtype="str"),
            "article_id": ["-cmd", "a2", "+1"],
            "outlet": pd.Categorical(["=1+1", "ok", "=1+1"]),
            "mixed": ["=x", 5, None],
            "g2": [-7.25, 3.0, -0.5],
            "n": [-1, 2, 3],
            "flag": [True, False, True],
            "=head": [1, 2, 3],
        }
    )
    original = frame.copy(deep=True)
    path = write_csv(frame, tmp_path / "t.csv")
    pd.testing.assert_frame_equal(frame, original)  # the caller's frame is not changed
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert rows[0] == ["source", "article_id", "outlet", "mixed", "g2", "n", "flag", "'=head"]
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "Daily Planet", "'@SUM(A1)"]
    assert [r[1] for r in rows[1:]] == ["'-cmd", "a2", "'+1"]
    assert [r[2] for r in rows[1:]] == ["'=1+1", "ok", "'=1+1"]
    assert [r[3] for r in rows[1:]] == ["'=x", "5", ""]
    assert [r[4] for r in rows[1:]] == ["-7.25", "3.0", "-0.5"], "negative numbers are data"
    assert [r[5] for r in rows[1:]] == ["-1", "2", "3"]
    back = pd.read_csv(path)
    assert back["g2"].tolist() == [-7.25, 3.0, -0.5] and back["n"].tolist() == [-1, 2, 3]
    assert back["source"].map(restore_cell).tolist() == frame["source"].tolist()


def test_no_cell_of_a_safe_frame_starts_a_formula():
    frame = pd.DataFrame({"a": [p for p in PAYLOADS], "b": range(len(PAYLOADS))})
    safe = spreadsheet_safe(frame)
    assert not any(str(v).startswith(FORMULA_TRIGGERS) for v in safe["a"])
    assert safe["b"].tolist() == list(range(len(PAYLOADS)))


def test_every_csv_is_written_through_write_csv():
    """One function writes CSVs: no other ``to_csv`` in the package or the notebooks."""
    offenders = []
    for path in sorted([*(PROJECT_ROOT / "analysis").rglob("*.py"), *(PROJECT_ROOT / "notebooks").glob("*.ipynb")]):
        if path.name == "export.py" and path.parent.name == "analysis":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(PROJECT_ROOT)}: {m.group(0)}" for m in re.finditer(r"\.to_csv\(", text)]
    assert offenders == [], "write CSVs with analysis.export.write_csv (or plots.style.save_chart/save_table)"
