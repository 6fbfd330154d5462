"""The fast tokeniser path of ``load_corpus`` gives exactly the per-sentence tokens."""
from __future__ import annotations

import pytest

from analysis.corpus.load import _split_columns, load_corpus
from analysis.corpus.rules import iter_tokens, paragraph_spans, sentence_spans
from benchmarks.generate import write_corpus

TRICKY = [
    "U.S. officials met Mr. Li. “Go,” he said! 1,200.5 people; re-education it’s U.K.-based e.g. x",
    "Gen. Smith left at 3.5 p.m. Then John F. Kennedy spoke. In the U.S. The end?",
    "...",
    "a",
    "  spaced   out  \n\n second  line.  ",
    "don't, won’t — ‘quoted’ (brackets) [x] «y» 10,000,000 3.14.15 A.B.C.D. end.",
]


def _per_sentence(text):
    rows, sentence_id = [], 0
    for paragraph_id, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            sentence_id += 1
            rows += [(paragraph_id, sentence_id, s, e, t) for s, e, t in iter_tokens(text, s_start, s_end)]
    return rows


@pytest.mark.parametrize("text", TRICKY)
def test_split_columns_match_per_sentence_tokens(text):
    _, _, c = _split_columns("x", text)
    got = list(zip(c["paragraph_id"].tolist(), c["sentence_id"].tolist(), c["start"].tolist(),
                   c["end"].tolist(), c["token"]))
    assert got == _per_sentence(text)


def test_loaded_tokens_match_per_sentence_tokens(tmp_path):
    write_corpus(tmp_path, 8)
    corpus = load_corpus(tmp_path)
    for article_id, text in zip(corpus.articles["article_id"], corpus.articles["text"]):
        part = corpus.tokens[corpus.tokens["article_id"] == article_id]
        got = list(zip(part["paragraph_id"], part["sentence_id"], part["start"], part["end"], part["token"]))
        assert got == _per_sentence(text)
        assert part["token_id"].tolist() == list(range(1, len(part) + 1))


def test_load_corpus_progress_is_silent_off_a_terminal(monkeypatch, capsys):
    import analysis.corpus.load as corpus_module

    monkeypatch.setattr(corpus_module, "PROGRESS_DELAY", 0)
    load_corpus()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize(
    "text", ["a.b.c.", "..", " U.S.", "x" * 50 + ".", "Mr.", "3.", "e.g.", "...A.", "Ab..", "Dr. No.", "(Gen.", "é."]
)
def test_word_before_matches_the_regex(text):
    from analysis.corpus.rules import _WORD_BEFORE, _word_before

    for end in range(1, len(text) + 1):
        match = _WORD_BEFORE.search(text, max(0, end - 40), end)
        assert _word_before(text, end) == (match.group(1) if match else None)


def _per_paragraph(text):
    """Paragraphs, and sentences by ``sentence_spans`` paragraph by paragraph (the rules as written)."""
    paragraphs = paragraph_spans(text)
    sentences = [(pid, s, e) for pid, (p_start, p_end) in enumerate(paragraphs, start=1)
                 for s, e in sentence_spans(text, p_start, p_end)]
    return paragraphs, sentences


def _arrays(text):
    from analysis.corpus.rules import paragraph_and_sentence_arrays
    from analysis.corpus.engine import code_points

    cp, tables = code_points(text)
    paragraphs, sentences = paragraph_and_sentence_arrays(text, cp, tables["space"])
    return [tuple(r) for r in paragraphs.tolist()], [(p + 1, s, e) for p, s, e in sentences.tolist()]


@pytest.mark.parametrize("text", TRICKY + ["", "\n\n", "Mr.\nSmith. U.S.\nThe end. e.g. ..A. Ab.. x" + "y" * 45 + ". Z"])
def test_sentence_arrays_match_the_per_paragraph_splitter(text):
    assert _arrays(text) == _per_paragraph(text)


def test_sentence_arrays_match_on_random_text():
    import random

    rng = random.Random(11)
    alphabet = list("ab AZ.!?\"'”’)]»“‘([«\n\t 19") + ["U.S.", "Mr.", "e.g.", " The", " He", "F.", "x" * 8, "🙂",
                                                    "U.S. Smith", "\u00a0", "\u2028"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _arrays(text) == _per_paragraph(text), repr(text)


@pytest.mark.parametrize("text", TRICKY)
def test_paragraphs_and_sentences_match_the_per_paragraph_splitter(text):
    from analysis.corpus.rules import paragraphs_and_sentences

    assert paragraphs_and_sentences(text) == _per_paragraph(text)
