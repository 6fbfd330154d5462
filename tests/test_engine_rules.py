"""The engine (polars, Rust's regex) gives exactly the spans of the rules as written.

``analysis.corpus.rules`` defines paragraphs, sentences and tokens with Python's ``re``
one text at a time; ``engine.split_texts`` applies the same rules to many texts at once.
This is the one place where two implementations are allowed, so it is checked on the
shipped corpora and on thousands of random strings built to hit the rules' edge cases.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from analysis.config import PROJECT_ROOT
from analysis.corpus import rules
from analysis.corpus.charclasses import every_character
from analysis.corpus.engine import paragraphs_and_sentences, split_texts
from analysis.corpus.frames import DIGIT, LETTER
from analysis.corpus.queries import char_class, contains, patterns, rust_pattern
from analysis.corpus.sentences import LONG_PARAGRAPH

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


def by_rules(texts: list[str]):
    """Paragraph, sentence and token rows of ``texts`` by the rules module, text by text."""
    paragraphs, sentences, tokens = [], [], []
    for art, text in enumerate(texts):
        sentence_id = 0
        for paragraph_id, (start, end) in enumerate(rules.paragraph_spans(text), start=1):
            paragraphs.append((art, paragraph_id, start, end))
            for s, e in rules.sentence_spans(text, start, end):
                sentence_id += 1
                sentences.append((art, paragraph_id, sentence_id, s, e))
        tokens += [(art, s, e, token) for s, e, token in rules.iter_tokens(text)]
    return paragraphs, sentences, tokens


def by_engine(texts: list[str]):
    split = split_texts(texts)
    art = split.sentences[split.token_sentence, 0]
    tokens = list(zip(art.tolist(), split.token_start.tolist(), split.token_end.tolist(),
                      split.vocabulary[split.token_code].tolist()))
    return ([tuple(r) for r in split.paragraphs.tolist()], [tuple(r) for r in split.sentences.tolist()], tokens)


def assert_same(texts: list[str]) -> None:
    expected, got = by_rules(texts), by_engine(texts)
    for what, want, have in zip(("paragraphs", "sentences", "tokens"), expected, got):
        if want != have:
            first = next((i for i, (a, b) in enumerate(zip(want, have)) if a != b), min(len(want), len(have)))
            row = (want + have)[first] if first < len(want) else have[first]
            raise AssertionError(f"{what} differ at row {first}: rules {want[first:first + 1]}, "
                                 f"engine {have[first:first + 1]}; text {texts[row[0]]!r}")


def corpus_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.txt"))]


@pytest.mark.parametrize("folder", [PROJECT_ROOT / "seeds", FIXTURES / "three_sources", FIXTURES / "one_article"],
                         ids=lambda p: p.name)
def test_engine_equals_rules_on_the_corpora(folder):
    assert_same(corpus_texts(folder))


#: Pieces chosen to meet every rule: abbreviations (titles, before numbers, ending
#: sentences), initials and "I", dotted acronyms and times before openers and other capitals,
#: lower-case letters, list markers and bullets, ellipses (spaced, bracketed), citations,
#: periods without a space, quotes and brackets around boundaries, numbers with separators,
#: hyphens and apostrophes, Unicode letters, digits, marks and spaces, emoji, blank lines.
PIECES = [
    "a", "A", "b", "Z", "x", "word", "The", "It", "Officials", "said", " ", "  ", "\n", "\n\n", " \n ", "\t",
    ".", "!", "?", "...", "?!", ",", ";", "-", "'", "’", "\"", "“", "”", "(", ")", "[", "]", "«", "»",
    "Mr.", "Dr.", "Gen.", "Dec.", "e.g.", "etc.", "U.S.", "U.K.", "U.N.", "J.", "F.", "i.", "No.", "co.",
    "1", "42", "1,200", "3.5", "2019", "re-education", "China’s", "don't", "Xinjiang's",
    "é", "e\u0301", "ß", "Ω", "中国", "٣", "²", "½", "Ⅻ", "_", "\u00a0", "\u2028", "\u3000", "\x0c", "😀", "\u200b",
    "Co.", "Inc.", "Dec.", "Jr.", "p.", "pp.", "c.", "no.", "Fig.", "I", "I.", "and", "you", "How", "Mrs.", "Several",
    "Beijing", "Friday", "a.m.", "p.m.", "P.M.", "E.U.", "1.)", "2.", "10.", "ii.", "b)", "•", "–", ":", ". . .",
    ". . . .", "[...]", "(...)", "(Smith 55).", "(Reuters),", "Tuesday.Mr.", "said.The", "day.“It", "U.S.Trade",
    "the", "of", "line\n", "wrapped\nline", "\n \n",
    # combining marks, joiners, scripts without spaces, invisible characters
    "مَدْرَسَة", "हिन्दी", "\u0301", "\u093f", "a\u0308", "می\u200cخواهم", "\u200d", "\u200c", "中国人", "ひらがな",
    "カタカナー", "々", "〇", "ภาษาไทย", "ខ្មែរ", "\u00ad", "geno\u00adcide", "\ufeff", "\u2060", "re-\u0301x",
    "ab\u0301-c", "中-文", "x中", "١٢٣", "…", "....", "!!!", ".)", ")))", "  .  ",
]


def random_texts(seed: int, count: int, longest: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, longest)))
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_engine_equals_rules_on_random_texts(seed):
    assert_same(random_texts(seed, count=1000, longest=40))


def test_engine_equals_rules_on_long_paragraphs():
    """Paragraphs longer than ``sentences.LONG_PARAGRAPH``, whose candidate boundaries are
    decided on the part of the paragraph around them, and long runs of punctuation, spaces
    and brackets."""
    rng = random.Random(13)
    texts = [" ".join(random_texts(seed, count=80, longest=40)).replace("\n", " ") for seed in range(20, 30)]
    texts += ["." * 5000, "a" + "?." * 3000 + "b", "x." + ")" * 5000 + " Y", "No. 5 " * 800, "J. Smith " * 600,
              "you and I. Did " * 400, "A. (B " * 900, "Mr." + " " * 3000 + "Smith. The end.", "U.S. Army " * 500]
    texts += ["".join(rng.choice(["No. ", "5 ", "Dec. ", "The ", "I. ", "(x). ", "   ", ")))", "..", "U.S. "])
                      for _ in range(1500)) for _ in range(10)]
    assert min(map(len, texts)) > LONG_PARAGRAPH
    assert_same(texts)


def test_engine_equals_rules_on_random_hard_wrapped_texts():
    """Lines of lower-case words, some ending a sentence, some paragraphs between blank lines:
    about half of the texts are hard-wrapped, the rest split in lines."""
    rng = random.Random(5)
    words = ["the", "policy", "was", "and", "of", "said", "U.S.", "Mr.", "I", "It", "The", "p.", "55", "1.", "a.", "•", "Co."]
    texts = []
    for _ in range(600):
        lines = []
        for _ in range(rng.randint(1, 8)):
            line = rng.choice(["the", "of", "and", ""]) + " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
            lines.append(line + rng.choice(["", "", "", ".", ". ", "?\"", " "]))
            if rng.random() < 0.2:
                lines.append(rng.choice(["", " ", "\t"]))
        texts.append("\n".join(lines))
    assert 50 < sum(map(rules.is_hard_wrapped, texts)) < 550
    assert_same(texts)


def test_engine_equals_rules_on_random_characters():
    """Any code point (outside the surrogates), so Python's \\w, \\d and \\s meet Rust's."""
    rng = random.Random(7)
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = ["".join(chr(rng.choice(points)) if rng.random() < 0.3 else rng.choice("aZ .!?\n1,") for _ in range(30))
             for _ in range(1000)]
    assert_same(texts)


def test_no_token_starts_with_a_non_word_character():
    """The engine cuts a text into pieces, each a token and the run of non-word characters
    before it (``queries.patterns()["tokens"]``), and drops that run: exact only because no
    token can start with a non-word character.  Every non-word code point is tried where a
    token would start, followed by what each kind of token continues with (a dotted acronym,
    a number with separators, a word)."""
    nonword = [c for c in re.findall(r"\W", every_character()) if c != "\n"]
    assert len(nonword) > 900_000
    at_line_start = re.compile(rf"(?m)^(?:{rules.TOKEN_REGEX})")  # a token at a line's start
    assert at_line_start.search(".\n1,2") and not at_line_start.search("-a\n.A.B.")
    for suffix in [".A.B.", ",2", "a"]:
        found = at_line_start.search("\n".join(c + suffix for c in nonword))
        assert found is None, f"a token starts with {found.group()[0]!r}"


def test_character_classes_are_pythons():
    """The classes spelled for Rust hold exactly the code points Python's ``\\w``, ``\\d``,
    ``\\s`` match, and the spaces stripped from lines are those ``str.strip()`` strips (but
    the line break)."""
    every = every_character()
    for escape in (r"\w", r"\W", r"\d", r"\s"):
        listed = re.findall(r"\\x\{([0-9A-F]+)\}(?:-\\x\{([0-9A-F]+)\})?", char_class(escape))
        points = {c for a, b in listed for c in range(int(a, 16), int(b or a, 16) + 1)}
        if escape == r"\W":
            points = set(range(0x110000)) - points
        assert points == {m.start() for m in re.finditer(escape, every)}, escape
    assert patterns()["spaces"] == "".join(c for c in every if c.isspace() and c != "\n")


def test_contains_is_re_search():
    """``queries.contains`` (Rust's regex over many strings) finds what ``re.search`` finds,
    for the word tests of the frames (``is_alpha``: ``LETTER``, ``DIGIT``) on every code point
    alone and after a letter, and for classes nested in brackets."""
    every = every_character()
    values = [c for c in every if not "\ud800" <= c <= "\udfff"]  # (polars holds valid UTF-8)
    values += ["a" + c for c in values[::7]] + ["", "12th", "1,200", "u.s.", "x²", "_a", "Ⅻ"]
    array = np.array(values, dtype=object)
    for pattern in (LETTER, DIGIT, r"[\s\d]", r"[^\w]"):
        expected = np.array([re.search(pattern, v) is not None for v in values])
        assert (contains(array, pattern) == expected).all(), pattern


def test_texts_with_gaps_at_either_end():
    """Non-word runs before the first token, after the last, between adjacent tokens
    (Han characters) and texts with no token at all."""
    texts = ["", " ", "...", "“Hello,” she said.", "中文 (x) 。", "  word  ", "a", "a.", "\u0301a", "-a-",
             "«»", "x中y", "U.S.A.", "1,200.", "re-", "'twas", "\u200cword\u200c"]
    assert_same(texts)
    assert_same(["".join(texts)])


def test_paragraphs_and_sentences_alone_equal_the_split():
    texts = random_texts(11, count=200, longest=30)
    paragraphs, sentences = paragraphs_and_sentences(texts)
    split = split_texts(texts)
    assert paragraphs.tolist() == split.paragraphs.tolist()
    assert sentences.tolist() == split.sentences.tolist()


def test_no_text_and_empty_texts():
    assert by_engine([]) == ([], [], [])
    assert_same(["", " ", "\n\n", "..."])


def test_python_classes_are_spelled_out_for_rust():
    pattern = rust_pattern(r"\w+\s\d")
    assert r"\w" not in pattern and r"\s" not in pattern and r"\d" not in pattern
    assert pattern.count("[") == 3
