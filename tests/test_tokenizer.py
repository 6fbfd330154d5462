"""``tokenizer.token_codes`` gives exactly the tokens of ``segment.TOKEN_PATTERN``, and
the loader gives the same frames whatever the number of processes."""
from __future__ import annotations

import random
import warnings

import numpy as np
import pytest

import analysis.corpus.engine as tokenizer
from analysis.corpus import CorpusError, CorpusWarning, load_corpus
from analysis.corpus.rules import TOKEN_PATTERN
from analysis.corpus.engine import token_codes
from benchmarks.generate import write_corpus

CASES = [
    "",
    " ",
    "...",
    "a",
    "U.S. officials met Mr. Li. “Go,” he said! 1,200.5 people; re-education it’s U.K.-based e.g. x",
    "Gen. Smith left at 3.5 p.m. Then John F. Kennedy spoke. In the U.S. The end?",
    "don't, won’t — ‘quoted’ (brackets) [x] «y» 10,000,000 3.14.15 A.B.C.D. end.",
    "1,200abc 3.5x a-b.c. a-b a--b a- -b 'a' x’s 1-2 ١٢٣,٤ 2019, 22 U.S.-China ab.cd.",
    "emoji 🙂 and 𝔘𝔖 letters, snake_case, İstanbul ß straße\u00a0nbsp\u2028line",
]


def tokens_by_regex(text):
    return [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


def tokens_by_codes(text):
    starts, ends, codes, vocabulary = token_codes(text)
    return list(zip(starts.tolist(), ends.tolist(), [vocabulary[c] for c in codes.tolist()]))


@pytest.mark.parametrize("text", CASES)
def test_same_tokens_as_the_regular_expression(text):
    assert tokens_by_codes(text) == tokens_by_regex(text)


def test_same_tokens_on_random_strings():
    rng = random.Random(7)
    alphabet = list("ab AZ.,-'’19_\n\t\u00e9\u0663\u00a0ßİ!?\"()") + ["U.S.", "1,200", "3.5", "e.g.", "🙂"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        assert tokens_by_codes(text) == tokens_by_regex(text), repr(text)


def test_vocabulary_is_distinct_and_in_order_of_first_use():
    _, _, codes, vocabulary = token_codes("b a b c a")
    assert vocabulary == ["b", "a", "c"] and codes.tolist() == [0, 1, 0, 2, 1]


def test_a_hash_collision_falls_back_to_the_strings(monkeypatch):
    # every token gets the same first hash: the codes must still tell the words apart
    real = tokenizer._hashes

    def colliding(cp, starts, ends):
        h1, h2 = real(cp, starts, ends)
        return [np.zeros_like(h1), h2]

    monkeypatch.setattr(tokenizer, "_hashes", colliding)
    text = "rights camps rights Xinjiang camps"
    assert tokens_by_codes(text) == tokens_by_regex(text)
    assert token_codes(text)[3] == ["rights", "camps", "Xinjiang"]


FRAMES = ["articles", "paragraphs", "sentences", "tokens", "removed"]


def test_frames_do_not_depend_on_the_number_of_processes(tmp_path, monkeypatch):
    import analysis.corpus.load as corpus_module

    write_corpus(tmp_path, 40)
    monkeypatch.setattr(corpus_module, "BATCH_BYTES", 20_000)  # several batches
    one = load_corpus(tmp_path, workers=1)
    two = load_corpus(tmp_path, workers=2)
    for name in FRAMES:
        a, b = getattr(one, name), getattr(two, name)
        assert a.equals(b) and list(a.dtypes) == list(b.dtypes), name
    assert one.tokens["token_id"].groupby(one.tokens["article_id"]).min().eq(1).all()


def _bad_corpus(folder):
    write_corpus(folder, 12)
    (folder / "a000004.txt").write_bytes("caf\xe9 in cp1252\n".encode("cp1252"))
    (folder / "a000009.txt").write_bytes("another caf\xe9\n".encode("cp1252"))


@pytest.mark.parametrize("workers", [1, 2])
def test_warnings_come_in_article_order_from_any_process(tmp_path, monkeypatch, workers):
    import analysis.corpus.load as corpus_module

    _bad_corpus(tmp_path)
    monkeypatch.setattr(corpus_module, "BATCH_BYTES", 5_000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_corpus(tmp_path, workers=workers)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert [m.split(":")[0] for m in messages] == ["a000004.txt", "a000009.txt"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_first_bad_file_is_reported_from_any_process(tmp_path, monkeypatch, workers):
    import analysis.corpus.load as corpus_module

    write_corpus(tmp_path, 12)
    (tmp_path / "a000003.txt").write_bytes(b"\x00binary")
    (tmp_path / "a000010.txt").write_text("")
    monkeypatch.setattr(corpus_module, "BATCH_BYTES", 5_000)
    with pytest.raises(CorpusError, match=r"^a000003\.txt: file is binary"):
        load_corpus(tmp_path, workers=workers)


def test_string_columns_are_the_same_with_the_checked_conversion():
    import numpy as np
    import pandas as pd

    from analysis.corpus.load import _string_array

    words = np.array(["camps", "Xinjiang", "camps"], dtype=object)
    fast, checked = _string_array(words), _string_array(words, wrap=False)
    assert fast is not checked and fast.dtype == checked.dtype == "str"
    assert pd.Series(fast).equals(pd.Series(checked))


def test_loading_restores_the_garbage_collector(tmp_path):
    import gc

    write_corpus(tmp_path, 3)
    assert gc.isenabled()
    load_corpus(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_corpus(tmp_path)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    (tmp_path / "a000001.txt").write_text("")
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)
    assert gc.isenabled()  # also after an error


def test_workers_started_by_spawn_give_the_same_frames(tmp_path, monkeypatch):
    # macOS and Windows start workers with "spawn" (a fresh interpreter), not "fork"
    import analysis.corpus.load as corpus_module

    write_corpus(tmp_path, 12)
    monkeypatch.setattr(corpus_module, "BATCH_BYTES", 10_000)
    one = load_corpus(tmp_path, workers=1)
    monkeypatch.setattr(corpus_module, "START_METHOD", "spawn")
    spawned = load_corpus(tmp_path, workers=3)
    for name in FRAMES:
        assert getattr(one, name).equals(getattr(spawned, name)), name
