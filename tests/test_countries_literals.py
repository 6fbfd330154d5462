"""The speed-ups of the position and size readers change no row: the literal screen never
skips a pattern that would match (``countries.literals``), the passages' features are those of
``features``, and worker processes give the rows of one process (``countries.chunks``)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import country_positions, load_alignments, load_corpus, stated_sizes
from analysis.countries import chunks, contradictions, cues, events
from analysis.countries.literals import Alternatives, Screen, could_match, required_literals
from analysis.countries.mentions import articles_and_sentences
from analysis.countries.scoring import GOLD_DIR


@pytest.mark.parametrize("source, expected", [
    (r"\bsigns?\b", ("sign",)),                                      # the optional s is not required
    (r"\b(?:co-?)?sign(?:ed|s|ing)?\b", ("sign",)),                  # an optional group is skipped
    (r"\bsanction(?:s|ed)?\b|\bcondemn\w*", ("condemn", "sanction")),  # one set per alternative
    (r"\b(?:did not|never)\s+(?:sign|join)", ("did not", "never")),  # the set with the longer words
    (r"(?<=\w)-led\b", ("-led",)),                                   # a lookbehind consumes nothing
    (r"\b[Tt]he (?P<n>\d+)(?= were)", ("he ",)),                     # a class ends a run
    (r"Human Rights Council|\bHRC\b", ("hrc", "human rights council")),
    (r"\bvot(?:e|ed)\b|\d+ votes", (" votes", "vot")),                # "\d+ votes": " votes" is required...
    (r"\d+|foo", None),                                              # ...but an alternative of digits has none
    (r"(?i)foo", None),                                              # inline flags: not followed
    (r"a{x}", None),                                                 # a brace that is no quantifier
])
def test_required_literals(source, expected):
    assert required_literals(source) == expected


def _texts() -> list[str]:
    """Sentences from the seeds and the gold sets, and each in upper case and title case."""
    out = []
    for corpus in (load_corpus(), load_corpus(GOLD_DIR / "articles"), load_corpus(GOLD_DIR.parent / "positions_structures" / "articles")):
        articles, sentences = articles_and_sentences(corpus)
        texts = dict(zip(articles["article_id"], articles["text"]))
        out += [texts[a][s:e] for a, s, e in zip(sentences["article_id"], sentences["start"], sentences["end"])]
    out += list(cues.position_cues()["example"])
    return out + [t.upper() for t in out] + [t.title() for t in out]


def _patterns() -> list[re.Pattern]:
    return ([pattern for *_, pattern in cues._compiled()] + list(events.SCREEN.patterns)
            + [contradictions._SIZE])


def test_the_screen_never_skips_a_pattern_that_matches():
    texts, patterns = _texts(), _patterns()
    screen = Screen(patterns)
    matched = 0
    for text in texts:
        possible = screen.possible(text)
        for pattern in patterns:
            if pattern.search(text):
                matched += 1
                assert id(pattern) in possible, (pattern.pattern, text)
                assert could_match(pattern, text.lower()), (pattern.pattern, text)
    assert matched > 1000  # the texts exercise the patterns


def test_the_screen_skips_patterns_whose_words_are_absent():
    sanctioned = next(p for cue_id, *_, p in cues._compiled() if cue_id == "sanctioned")
    assert id(sanctioned) not in Screen([sanctioned]).possible("Canada signed the letter.")
    assert id(sanctioned) in Screen([sanctioned]).possible("Canada imposed SANCTIONS.")


@pytest.mark.parametrize("text", ["Canada \u0131mposed sanct\u0131ons", "SANCT\u0130ONS", "\u017fanctions"])
def test_letters_that_fold_to_ascii_under_ignorecase_are_not_screened_out(text):
    pattern = re.compile(r"\bsanctions\b", re.I)
    assert pattern.search(text)
    assert id(pattern) in Screen([pattern]).possible(text)
    assert could_match(pattern, text.lower())


def test_an_article_or_a_sentence_narrows_the_screen_to_the_same_answer():
    articles, sentences = articles_and_sentences(load_corpus(GOLD_DIR / "articles"))
    texts = dict(zip(articles["article_id"], articles["text"]))
    plain, narrowed, prepared = Screen(_patterns()), Screen(_patterns()), Screen(_patterns())
    checked = 0
    for article_id, part in sentences.groupby("article_id", sort=False):
        text = texts[article_id]
        bounds = list(zip(part["start"], part["end"]))
        prepared.prepare(text, bounds)
        for s, e in bounds:
            expected = plain.possible(text[s:e])
            assert narrowed.possible(text[s:e], text) == expected
            assert prepared.possible(text[s:e]) == expected
            assert narrowed.possible(text[s:e][5:60], text[s:e]) == plain.possible(text[s:e][5:60])
            checked += bool(expected - plain.always)
    assert checked > 100


def test_alternatives_left_out_give_the_same_matches():
    sizes = Alternatives(contradictions._SIZE)
    seen = 0
    for text in _texts():
        variant = sizes.for_text(text.lower())
        expected = [(m.span(), m.groupdict()) for m in contradictions._SIZE.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in (variant.finditer(text) if variant else ())] == expected
        assert bool(contradictions._SIZE.search(text)) == contradictions._states_a_size(text)
        seen += bool(expected)
    assert seen > 20


def test_passages_are_the_features_of_each_passage():
    body = "Germany read the 2020 statement on behalf of 39 countries; Cuba read the other one."
    mentions = [{"start": 100, "end": 107, "iso3": "DEU"}, {"start": 159, "end": 163, "iso3": "CUB"}]
    passages = events.Passages(mentions, 100, ("A/HRC/41/G/11",))
    for lo, hi in [(0, None), (0, 58), (59, len(body)), (0, len(body)), (5, 200)]:
        assert passages(body, lo, hi) == events.features(body, mentions, 100, ("A/HRC/41/G/11",), lo, hi)
    masked = body[:58] + " " * (len(body) - 58)
    assert passages(masked) == events.features(masked, mentions, 100, ("A/HRC/41/G/11",))


def test_worker_processes_give_the_rows_of_one_process(monkeypatch):
    corpus = load_corpus(GOLD_DIR / "articles")
    record = load_alignments()
    alone = country_positions(corpus), stated_sizes(corpus, record)
    monkeypatch.setattr(chunks, "workers", lambda n: 2)  # two workers even on one core
    parallel = country_positions(corpus), stated_sizes(corpus, record)
    pd.testing.assert_frame_equal(parallel[0], alone[0])
    pd.testing.assert_frame_equal(parallel[1], alone[1])
    assert len(alone[0]) > 100


def test_small_corpora_stay_in_this_process():
    assert chunks.workers(chunks.PARALLEL_FROM - 1) == 1
    assert chunks.workers(chunks.PARALLEL_FROM) >= 1


def test_a_daemonic_process_reads_alone():
    """A Dask worker (daemonic) reading a partition of many articles does not ask joblib for
    processes it may not start (joblib would warn "setting n_jobs=1" on every partition)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:  # a pool's workers are daemonic
        assert pool.apply(chunks.workers, (10 * chunks.PARALLEL_FROM,)) == 1


def test_one_scanner_finds_alternatives_and_groups_past_escapes_and_classes():
    """``required.alternatives`` and the group ends share one scan: a ``|`` or a bracket in
    a class, after a backslash or inside a group is no top-level structure."""
    from analysis.countries.required import alternatives

    assert alternatives(r"a|(b|c)|[|)]|\|d|(?:e(f|g))h") == ["a", "(b|c)", "[|)]", r"\|d", "(?:e(f|g))h"]
    assert alternatives("") == [""]
    assert required_literals(r"(?:sign|\(sign\)|[(]signs)ed") == ("(sign)", "sign", "signs")
    assert required_literals(r"(a|b") is None  # unbalanced: no set, the pattern always runs
