"""The corpus cache the report shares with its kernels (analysis.corpus.cache)."""
from __future__ import annotations

import os
import shutil
import warnings

import pandas as pd
import pytest

from analysis import CorpusError, CorpusWarning, load_corpus
from analysis.config import SEEDS_DIR
from analysis.corpus import load as load_module
from analysis.corpus.cache import CACHE_ENV, input_key, shared_cache


@pytest.fixture
def reads(monkeypatch):
    """Count the loader's real reads of the input."""
    calls = []
    real = load_module._read_corpus

    def counting(target, columns):
        calls.append(target.name)
        return real(target, columns)

    monkeypatch.setattr(load_module, "_read_corpus", counting)
    return calls


def assert_same_corpus(a, b):
    for name in ("articles", "paragraphs", "sentences", "tokens", "removed"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.path == b.path


def test_without_the_variable_nothing_is_cached(reads, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    load_corpus()
    load_corpus()
    assert reads == ["seeds", "seeds"]


def test_a_report_run_reads_the_corpus_once_and_gives_the_same_frames(reads, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    fresh = load_corpus()
    with shared_cache() as folder:
        assert os.environ[CACHE_ENV] == str(folder)
        first = load_corpus()
        second = load_corpus(SEEDS_DIR)  # the same folder, named another way
        assert len(list(folder.glob("*.pickle"))) == 1
    assert reads == ["seeds", "seeds"]  # the fresh load, then one inside the block
    assert_same_corpus(first, fresh)
    assert_same_corpus(second, fresh)
    assert second.tokens is not first.tokens


def test_the_folder_is_removed_and_the_variable_restored(monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "/somewhere/else")
    with shared_cache() as folder:
        assert folder.is_dir()
    assert not folder.exists()
    assert os.environ[CACHE_ENV] == "/somewhere/else"
    monkeypatch.delenv(CACHE_ENV)
    with pytest.raises(RuntimeError), shared_cache() as folder:
        raise RuntimeError("a notebook failed")
    assert not folder.exists() and CACHE_ENV not in os.environ


@pytest.mark.filterwarnings("ignore:extra.txt. no row in metadata.csv")
def test_a_changed_input_is_read_again(reads, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    with shared_cache():
        before = load_corpus(corpus)
        article = sorted(corpus.glob("*.txt"))[0]
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence about Xinjiang.\n",
                           encoding="utf-8")
        after = load_corpus(corpus)
        (corpus / "extra.txt").write_text("A new article about the camps.\n", encoding="utf-8")
        added = load_corpus(corpus)
    assert reads == ["corpus", "corpus", "corpus"]
    assert len(after.tokens) > len(before.tokens)
    assert len(added.articles) == len(before.articles) + 1


def test_the_columns_mapping_is_part_of_the_key(tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text("story,outlet\nThe letter was signed by 22 countries.,A\n", encoding="utf-8")
    assert input_key(table, None) != input_key(table, {"text": "story"})
    assert input_key(table, {"text": "story"}) == input_key(table, {"text": "story"})


def test_warnings_are_given_again_from_the_cache(reads, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Twenty-two countries signed the letter.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("!!! ??? ...\n", encoding="utf-8")  # no word token: a CorpusWarning
    with shared_cache():
        given = []
        for _ in range(2):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                load_corpus(corpus)
            given.append([(w.category, str(w.message), w.filename, w.lineno) for w in caught])
    assert reads == ["corpus"]
    assert given[0] and given[0] == given[1]
    assert any(category is CorpusWarning and "no word tokens" in message for category, message, *_ in given[1])


def test_bad_input_is_not_cached(reads, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\xff\xfe\x00bad")
    with shared_cache() as folder:
        for _ in range(2):
            with pytest.raises(CorpusError, match="a.txt"):
                load_corpus(corpus)
        assert not list(folder.iterdir())
    assert reads == ["corpus", "corpus"]
