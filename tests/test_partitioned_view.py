"""``open_corpus``: the notebooks' choice between the in-memory and the partitioned path (issue 18).

In memory, ``view.measure`` is the ordinary verb on the whole corpus; partitioned (a
two-worker LocalCluster, the input in several pieces), it gives the same numbers over every
article, the sample is a fixed-seed set of whole articles that does not depend on the
partitioning, and inside a report the pass runs once: later notebooks read its results back.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import add_source, count_terms, load_corpus
from analysis.corpus.cache import shared_cache
from analysis.partitioned import CountryMentions, CountryPositions, FramingRates, TermCounts, view
from analysis.partitioned.view import REPORT_MEASURES, ArticleSample, article_subset, in_sample, open_corpus

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PIECE_BYTES = 400_000  # the 300 articles (1.3 MB) in 4 pieces


@pytest.fixture(scope="module")
def whole(corpus_300):
    return load_corpus(corpus_300)


@pytest.fixture(scope="module")
def partitioned(corpus_300):
    return open_corpus(corpus_300, scheduler="local:2", sample_bytes=300_000, partition_bytes=PIECE_BYTES)


def test_in_memory_view_is_the_whole_corpus_and_the_verbs(corpus_300, whole):
    v = open_corpus(corpus_300)
    assert not v.partitioned and not v.sampled
    assert_frame_equal(v.corpus.tokens, whole.tokens)
    counts = v.measure(TermCounts(by="source", n=2))
    assert_frame_equal(counts, count_terms(add_source(whole.tokens, whole.articles), by="source", n=2))
    assert v.statement() == "In memory: all 300 articles loaded in this process."


def test_partitioned_view_measures_every_article_exactly(partitioned, whole):
    assert partitioned.partitioned and partitioned.sampled
    assert len(partitioned.articles) == 300
    assert partitioned.articles["article_id"].tolist() == whole.articles["article_id"].tolist()
    for measure in REPORT_MEASURES[1:]:
        part, mem = partitioned.measure(measure), measure.whole(whole)
        assert len(part) == len(mem) > 0, measure
        floats = [c for c in mem.columns if pd.api.types.is_float_dtype(mem[c])]
        assert_frame_equal(part.drop(columns=floats), mem.drop(columns=floats), check_dtype=False, check_categorical=False)
        for column in floats:
            np.testing.assert_allclose(part[column].to_numpy(), mem[column].to_numpy(), rtol=1e-12)


def test_the_sample_is_whole_articles_fixed_by_the_seed(partitioned, whole):
    sample = partitioned.corpus
    fraction = ArticleSample(300_000 / sum(p.stat().st_size for p in whole.path.glob("*.txt"))).fraction
    expected = article_subset(whole, in_sample(whole.articles["article_id"], fraction, view.SAMPLE_SEED))
    assert 0 < len(sample.articles) < 300
    for name in ("articles", "paragraphs", "sentences", "tokens", "removed"):
        assert_frame_equal(getattr(sample, name), getattr(expected, name), check_categorical=False, obj=name)
    statement = partitioned.statement()
    assert statement.startswith("Partitioned: ") and f"sample of {len(sample.articles)} of the 300 articles" in statement


def test_the_sample_does_not_depend_on_the_partitioning(corpus_300, partitioned):
    one_piece = open_corpus(corpus_300, scheduler="local:1", sample_bytes=300_000, partition_bytes=10**9)
    assert one_piece.corpus.articles["article_id"].tolist() == partitioned.corpus.articles["article_id"].tolist()
    assert_frame_equal(one_piece.corpus.tokens, partitioned.corpus.tokens, check_categorical=False)


def test_in_a_report_the_pass_runs_once(corpus_300, monkeypatch):
    calls = []
    real = view.measure_partitioned

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(view, "measure_partitioned", counted)
    with shared_cache():
        first = open_corpus(corpus_300, scheduler="local:2", sample_bytes=300_000, partition_bytes=PIECE_BYTES)
        second = open_corpus(corpus_300, scheduler="local:2", sample_bytes=300_000, partition_bytes=PIECE_BYTES)
        assert len(calls) == 1
        assert_frame_equal(second.measure(CountryMentions()), first.measure(CountryMentions()))
        assert len(calls) == 1  # read back, not computed
        framing = second.measure(FramingRates(by="source"))
        assert len(calls) == 1 and not framing.empty
        second.measure(TermCounts(by="source", n=2))  # not in the pass: one more pass, then kept
        first.measure(TermCounts(by="source", n=2))
        assert len(calls) == 2
    assert_frame_equal(second.corpus.tokens, first.corpus.tokens)


def test_a_large_input_chooses_the_partitioned_path(corpus_300, monkeypatch):
    monkeypatch.setattr(view, "choose_scheduler", lambda path, scheduler: scheduler or "local:2")
    v = open_corpus(corpus_300, sample_bytes=10**9, partition_bytes=PIECE_BYTES)
    assert v.partitioned and not v.sampled
    assert "the sample holds all 300 articles" in v.statement()
    assert not v.measure(CountryPositions()).empty
