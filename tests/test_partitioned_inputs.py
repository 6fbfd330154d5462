"""Tables and folders read in pieces give load_corpus's ids, errors and warnings (issue 18).

Small inputs, cut into many pieces, measured on Dask's synchronous scheduler (the pieces
are read by the same code on a cluster; tests/test_partitioned.py runs a cluster).  Each bad
input is put in a *later* piece, so the error or warning must travel from it and keep the
whole input's row numbering.
"""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import CorpusError, CorpusWarning, load_corpus
from analysis.partitioned import Articles, CountryMentions, TermCounts, measure_partitioned, plan_corpus

PIECE = 600  # bytes: a few rows per piece
MEASURES = [Articles(), TermCounts(by="source"), CountryMentions()]


def _rows(n: int = 40) -> list[dict]:
    outlets = ("Daily Ledger", "Global Wire", "Metro Post")
    return [{"id": f"r{i:03d}", "outlet": outlets[i % 3], "published": f"2021-0{1 + i % 9}-1{i % 10}",
             "text": f"China and France met in Geneva on day {i}.\n\nThe talks on trade went on."}
            for i in range(n)]


def _write(path, rows):
    frame = pd.DataFrame(rows)
    if path.suffix == ".parquet":
        frame.to_parquet(path, row_group_size=4, index=False)
    elif path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _same_outcome(path, **kwargs):
    """load_corpus and the partitioned path raise the same error, or give the same rows and
    the same warnings."""
    with warnings.catch_warnings(record=True) as seen_whole:
        warnings.simplefilter("always")
        try:
            corpus, whole_error = load_corpus(path, **kwargs), None
        except CorpusError as error:
            whole_error = str(error)
    with warnings.catch_warnings(record=True) as seen_part:
        warnings.simplefilter("always")
        try:
            part, part_error = measure_partitioned(path, MEASURES, None, partition_bytes=PIECE, **kwargs), None
        except CorpusError as error:
            part_error = str(error)
    assert part_error == whole_error
    messages = lambda seen: [str(w.message) for w in seen if issubclass(w.category, CorpusWarning)]  # noqa: E731
    assert messages(seen_part) == messages(seen_whole)
    if whole_error is None:
        for m in MEASURES:
            assert_frame_equal(part[m.name], m.whole(corpus))
    return whole_error, messages(seen_whole)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_good_tables_in_many_pieces(tmp_path, suffix):
    path = _write(tmp_path / f"t{suffix}", _rows())
    assert len(plan_corpus(path, partition_bytes=PIECE).pieces) >= 3
    error, _ = _same_outcome(path)
    assert error is None


def test_rows_without_ids_are_numbered_across_pieces(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "id"} for r in _rows()]
    path = _write(tmp_path / "noid.csv", rows)
    _same_outcome(path)


def test_csv_row_with_too_many_fields_in_a_later_piece(tmp_path):
    path = _write(tmp_path / "t.csv", _rows())
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("r033,"))
    lines[at] = lines[at].replace(",", ",extra,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    error, _ = _same_outcome(path)
    assert "t.csv: row" in error and "fields, the header has 4" in error


def test_csv_quote_never_closed_near_the_end(tmp_path):
    path = _write(tmp_path / "t.csv", _rows())
    path.write_text(path.read_text(encoding="utf-8") + 'r999,Global Wire,2021-01-01,"never closed\n', encoding="utf-8")
    error, _ = _same_outcome(path)
    assert "quote opened in this row is never closed" in error


def test_jsonl_bad_line_in_a_later_piece(tmp_path):
    path = _write(tmp_path / "t.jsonl", _rows())
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[33] = '{"id": "bad", "text": '
    path.write_text("\n".join(lines), encoding="utf-8")
    error, _ = _same_outcome(path)
    assert error.startswith("t.jsonl: line 34: not valid JSON")


def test_duplicate_id_across_pieces(tmp_path):
    rows = _rows()
    rows[35]["id"] = rows[2]["id"]
    path = _write(tmp_path / "t.parquet", rows)
    error, _ = _same_outcome(path)
    assert error == "t.parquet: row 36: duplicate article id 'r002' (also row 3)"


def test_blank_texts_and_bad_dates_in_several_pieces_warn_once(tmp_path):
    rows = _rows()
    for i in (3, 21, 37):
        rows[i]["text"] = "  "
    for i in (5, 30):
        rows[i]["published"] = "sometime"
    path = _write(tmp_path / "t.csv", rows)
    error, messages = _same_outcome(path)
    assert error is None
    assert any("3 row(s) with blank text skipped" in m for m in messages)
    assert any("published date not understood in 2 article(s)" in m for m in messages)


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_articles_without_words_or_with_overlong_tokens_in_several_pieces_warn_once(tmp_path, suffix):
    rows = _rows()
    for i in (2, 19, 38):
        rows[i]["text"] = "!!! ... ???"  # no word token
    for i in (7, 33):
        rows[i]["text"] += " " + "x" * (150 + i)  # a token over MAX_TOKEN_CHARS
    path = _write(tmp_path / f"t{suffix}", rows)
    error, messages = _same_outcome(path)
    assert error is None
    assert sum("with no word tokens" in m for m in messages) == 1
    assert any("3 article(s) with no word tokens (only punctuation, emoji or symbols): r002, r019, r038" in m
               for m in messages)
    assert any("2 article(s) with a token over 100 characters" in m and "r007, r033 (longest such token: 183" in m
               for m in messages)


def test_folder_with_a_bad_file_and_bad_dates(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    rows = _rows(24)
    for r in rows:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    meta = pd.DataFrame([{"article_id": r["id"], "outlet": r["outlet"], "published": r["published"]} for r in rows])
    meta.loc[[4, 20], "published"] = "sometime"
    meta.to_csv(folder / "metadata.csv", index=False)
    assert len(plan_corpus(folder, partition_bytes=300).pieces) >= 3
    error, messages = _same_outcome(folder)
    assert error is None and any("2 article(s)" in m for m in messages)
    (folder / "r019.txt").write_bytes(b"\xff\xfe not utf-16 really")
    error, _ = _same_outcome(folder)
    assert error == "r019.txt: file is UTF-16; save it as UTF-8"


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_with_line_breaks_inside_fields(tmp_path, ending):
    path = tmp_path / "endings.csv"
    pd.DataFrame(_rows()).to_csv(path, index=False, lineterminator=ending)
    assert ending.encode() in path.read_bytes()
    _same_outcome(path)


def test_scheduler_choice_by_input_size(tmp_path, monkeypatch):
    from analysis.partitioned import scheduler

    path = _write(tmp_path / "t.csv", _rows())
    assert scheduler.input_bytes(path) == path.stat().st_size
    assert scheduler.choose_scheduler(path) is None  # small: in memory
    assert scheduler.choose_scheduler(path, "tcp://10.0.0.1:8786") == "tcp://10.0.0.1:8786"
    monkeypatch.setattr(scheduler, "PARTITIONED_ABOVE_BYTES", path.stat().st_size - 1)
    assert scheduler.choose_scheduler(path) == "local"
    with scheduler.client_for(None) as client:
        assert client is None


def test_measure_corpus_without_a_scheduler_is_the_ordinary_path(tmp_path):
    from analysis.partitioned import measure_corpus

    path = _write(tmp_path / "t.jsonl", _rows())
    out = measure_corpus(path, [Articles(), TermCounts(by="source")])
    corpus = load_corpus(path)
    assert_frame_equal(out["articles"], corpus.articles.drop(columns=["text", "raw_text"]))
    assert out["counts"]["n"].sum() > 0


def test_generated_parquet_holds_the_generated_articles(tmp_path):
    import pyarrow.parquet as pq

    from benchmarks.generate import article, write_parquet

    path = tmp_path / "g.parquet"
    write_parquet(path, 7, row_group=3, first=5)
    table = pq.ParquetFile(path)
    assert table.metadata.num_row_groups == 3
    rows = table.read().to_pylist()
    assert [r["article_id"] for r in rows] == [f"a{i:06d}" for i in range(5, 12)]
    assert rows[2]["text"] == article(7)[0]
