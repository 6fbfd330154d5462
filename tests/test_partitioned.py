"""The partitioned path on a two-worker LocalCluster equals the in-memory verbs (issue 18).

One 1,000-article generated corpus (20 outlets, 3 years) is measured twice: in memory
(``measure.whole``: the ordinary verbs on ``load_corpus``) and partitioned in at least three
pieces on a ``LocalCluster`` of two single-threaded worker processes.  Counts must be equal
exactly, statistics to 1e-12.  The same cluster reads a Parquet, a CSV and a JSON-lines
table of 300 articles in pieces, and meets a bad file in a later piece.
"""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import CorpusError, load_corpus
from analysis.partitioned import (Articles, Attention, CountryMentions, CountryPositions, FramingRates, Keyness,
                                  KwicSample, PhraseCounts, Sizes, TermCounts, client_for, measure_partitioned,
                                  plan_corpus)
from analysis.measures.story import KEY_TERMS
from benchmarks.generate import Shape, write_corpus

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MEASURES = [
    TermCounts(by="source"),
    TermCounts(by="source", n=2, name="bigrams"),
    TermCounts(by=None, name="corpus_counts"),
    TermCounts(by="article", name="article_counts"),
    TermCounts(by=("source", "period"), unit="year", name="period_counts"),
    Keyness(),
    FramingRates(),
    CountryMentions(),
    CountryPositions(),
    Articles(),
    Attention(),
    Sizes(),
    KwicSample("china", k=15, seed=3),
    PhraseCounts(KEY_TERMS, by="source", name="key_terms"),
    PhraseCounts({"China": "China", "Beijing": "Beijing", "human rights": "rights"}, by=None, name="corpus_phrases"),
]
PIECE_BYTES = 1_200_000  # the 1,000 articles (4.5 MB) in 4 pieces


def assert_same(whole: pd.DataFrame, part: pd.DataFrame) -> None:
    """Integer columns exactly, floats to 1e-12 (relative), same order and dtypes."""
    assert list(part.columns) == list(whole.columns)
    assert len(part) == len(whole)
    floats = [c for c in whole.columns if pd.api.types.is_float_dtype(whole[c])]
    assert_frame_equal(part.drop(columns=floats), whole.drop(columns=floats), check_exact=True)
    for column in floats:
        np.testing.assert_allclose(part[column].to_numpy(), whole[column].to_numpy(), rtol=1e-12, atol=0)


@pytest.fixture(scope="module")
def corpus_1k(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partitioned") / "c1k"
    write_corpus(folder, 1000, shape=Shape(outlets=20, years=3))
    return folder


@pytest.fixture(scope="module")
def client():
    with client_for("local:2") as client:
        yield client


@pytest.fixture(scope="module")
def folder_results(corpus_1k, client):
    corpus = load_corpus(corpus_1k)
    whole = {m.name: m.whole(corpus) for m in MEASURES}
    part = measure_partitioned(corpus_1k, MEASURES, client, partition_bytes=PIECE_BYTES)
    return whole, part


def test_the_cluster_has_two_single_threaded_workers(client):
    workers = client.scheduler_info()["workers"].values()
    assert len(workers) == 2 and all(w["nthreads"] == 1 for w in workers)


def _memory_settings() -> dict:
    import os

    from analysis.config import MEMORY_SETTINGS

    return {k: os.environ.get(k) for k in MEMORY_SETTINGS}


def test_local_workers_ask_for_no_huge_pages_and_keep_dasks_own_trimming(client):
    from analysis.config import MALLOC_REUSE, NO_HUGE_PAGES

    for env in client.run(_memory_settings).values():
        assert {k: env[k] for k in NO_HUGE_PAGES} == NO_HUGE_PAGES
        assert env["MALLOC_MMAP_THRESHOLD_"] is None
        assert env["MALLOC_TRIM_THRESHOLD_"] != MALLOC_REUSE["MALLOC_TRIM_THRESHOLD_"]


def test_the_folder_is_read_in_at_least_three_pieces(corpus_1k):
    pieces = plan_corpus(corpus_1k, partition_bytes=PIECE_BYTES).pieces
    assert len(pieces) >= 3
    ids = [row["article_id"] for piece in pieces for row in piece]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) == 1000
    assert max(len(p) for p in pieces) < 1000


@pytest.mark.parametrize("name", [m.name for m in MEASURES])
def test_partitioned_equals_in_memory(folder_results, name):
    whole, part = folder_results
    assert len(whole[name]) > 0, "an empty result would prove nothing"
    assert_same(whole[name], part[name])


def test_groups_span_pieces_so_combining_is_tested(folder_results, corpus_1k):
    """Every source has articles in more than one piece: summing per group is exercised."""
    whole, _ = folder_results
    pieces = plan_corpus(corpus_1k, partition_bytes=PIECE_BYTES).pieces
    outlets = [{row["outlet"] for row in piece} for piece in pieces]
    spread = {o: sum(o in s for s in outlets) for o in whole["sizes"]["source"]}
    assert min(spread.values()) >= 2


def _table(folder, n: int) -> pd.DataFrame:
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False).head(n)
    texts = [(folder / f).read_text(encoding="utf-8") for f in meta["file"]]
    section = [("world", "politics", "business")[i % 3] for i in range(len(meta))]
    return meta.drop(columns=["file"]).assign(section=section, text=texts)


@pytest.fixture(scope="module")
def tables(corpus_1k, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    frame = _table(corpus_1k, 300)
    frame.to_parquet(folder / "c300.parquet", row_group_size=40, index=False)
    frame.to_csv(folder / "c300.csv", index=False)  # texts hold line breaks: quoted fields span lines
    frame.to_json(folder / "c300.jsonl", orient="records", lines=True, force_ascii=False)
    return folder


TABLE_MEASURES = [TermCounts(by="source"), TermCounts(by="section", name="by_section"), Articles(),
                  CountryMentions(), KwicSample("china", k=10)]


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
def test_tables_in_pieces_equal_in_memory(tables, client, suffix):
    path = tables / f"c300.{suffix}"
    plan = plan_corpus(path, partition_bytes=200_000)
    assert len(plan.pieces) >= 3
    corpus = load_corpus(path)
    part = measure_partitioned(path, TABLE_MEASURES, client, partition_bytes=200_000)
    for m in TABLE_MEASURES:
        assert_same(m.whole(corpus), part[m.name])


def test_a_bad_file_in_a_later_piece_is_the_same_error_on_the_cluster(corpus_1k, client, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(corpus_1k, folder)
    (folder / "a000900.txt").write_bytes(b"text with a \x00 byte\n")
    with pytest.raises(CorpusError) as whole:
        load_corpus(folder)
    assert "a000900.txt" in str(whole.value)
    with pytest.raises(CorpusError) as part:
        measure_partitioned(folder, [TermCounts()], client, partition_bytes=PIECE_BYTES)
    assert str(part.value) == str(whole.value)
