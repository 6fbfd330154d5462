"""browse(): a long frame shown bounded, sortable and searchable, offline, the same bytes every run."""
import re

import pandas as pd
import pytest
from report_support import offline_problems

from analysis.plots.tables import MAX_ROWS, browse, table_id


@pytest.fixture
def frame():
    return pd.DataFrame({"term": [f"w{i:03d}" for i in range(500)], "n": range(500, 0, -1), "rate": [i / 7 for i in range(500)]})


def test_bounded_with_a_note_and_the_whole_table_in_csv(frame, tmp_path):
    table = browse(frame, "01_terms", tmp_path, max_rows=25)
    assert len(table.frame) == 25 and table.frame["term"].tolist() == frame["term"].head(25).tolist()
    assert table.note == "showing 25 of 500 rows (all of them in 01_terms.csv)"
    assert len(pd.read_csv(tmp_path / "01_terms.csv")) == 500
    page = table._repr_html_()
    assert "showing 25 of 500 rows" in page and "w024" in page and "w025" not in page
    assert repr(table).startswith("01_terms: showing 25 of 500 rows")
    assert len(browse(frame, "x", tmp_path).frame) == MAX_ROWS
    small = browse(frame.head(3), "small", tmp_path)
    assert small.note == "all 3 rows (also in small.csv)"


def test_same_bytes_every_run_and_ids_from_the_name(frame, tmp_path):
    first = browse(frame, "00_sources", tmp_path)._repr_html_()
    assert first == browse(frame, "00_sources", tmp_path)._repr_html_()
    assert table_id("00_sources") == "itables_00_sources" and table_id("a b/c") == "itables_a_b_c"
    ids = set(re.findall(r'id="([^"]+)"', first))
    assert ids and all(i.startswith("itables_00_sources") for i in ids)
    assert first != browse(frame, "other", tmp_path)._repr_html_()


def test_offline_and_cells_shown_as_text(tmp_path, monkeypatch):
    import IPython.display

    from analysis.plots.tables import browse_setup

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj._repr_html_()))

    hostile = pd.DataFrame({"outlet": ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]})
    page = browse(hostile, "hostile", tmp_path)._repr_html_()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    browse_setup()
    setup = "".join(shown)
    assert len(setup) > 100_000  # the DataTables bundle itself, inlined
    for html in (page, setup):
        assert offline_problems(html) == []
        assert "unpkg" not in html and not re.search(r"""from\s+['"]https?:""", html)


def test_refuses_no_rows(frame, tmp_path):
    with pytest.raises(ValueError, match="max_rows"):
        browse(frame, "x", tmp_path, max_rows=0)
