"""Notebook 01's findings (the sentences it prints), from term frames of a hand-made corpus."""
import pytest
from handmade import make_corpus

from analysis.findings.terms import (
    KEY_TERMS,
    STATE_NAMES,
    absent_findings,
    naming_findings,
    overlap_findings,
    top_term_findings,
    variant_findings,
)
from analysis.measures.counts import add_source, count_terms, variant_counts, vocabulary_overlap
from analysis.measures.phrases import count_phrases

TEXTS = {
    "a": ("Alpha", "The CCP runs Uighur camps. The Chinese Communist Party denies it. Camps again."),
    "b": ("Beta", "China and the Chinese government deny the camps. Beijing agrees. Bridge."),
    "c": ("Gamma", "A bridge opened. Bridge walkers cheered. Walkers left."),
}


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path, TEXTS)


@pytest.fixture
def tokens(corpus):
    return add_source(corpus.tokens, corpus.articles)


def test_top_term_findings(tokens):
    lines = top_term_findings(count_terms(tokens))
    assert lines == [
        "- Alpha's most frequent content word is 'camps' (2 times, 153.8 per 1,000 tokens).",  # 13 tokens
        "- Beta uses no content word more than once.",
        "- Gamma's most frequent content words are 'bridge' and 'walkers' (2 times each, 250.0 per 1,000 tokens).",
    ]
    many = top_term_findings(count_terms(tokens[tokens["source"] == "Beta"].assign(source="B2")).assign(n=2), max_ties=2)
    assert many[0].startswith("- B2's most frequent content words are 'agrees', 'beijing' and 6 more (2 times each")


def test_naming_findings_split_party_and_state(tokens):
    lines = naming_findings(count_phrases(tokens, STATE_NAMES))
    assert lines == [
        "- Alpha names the ruling party 2 times and China / its government 0 times (Chinese Communist Party 1, CCP 1).",
        "- Beta names the ruling party 0 times and China / its government 3 times (China 1, Chinese government 1, Beijing 1).",
        "- Gamma names the ruling party 0 times and China / its government 0 times (none).",
    ]
    gamma = count_phrases(tokens[tokens["source"] == "Gamma"], STATE_NAMES)
    assert naming_findings(gamma) == ["- No source names the Chinese state with any of the listed names."]


def test_absent_overlap_and_variant_findings(tokens):
    absent = absent_findings(count_phrases(tokens, KEY_TERMS))
    assert absent[-1] == "- Gamma uses none of the key terms."
    assert absent[0].startswith("- Alpha never uses 'Xinjiang', 'detention / detained'")
    overlap = vocabulary_overlap(count_terms(tokens))
    assert overlap_findings(overlap)[2] == "- Gamma uses 4 of its 5 content words (80%) that no other source uses; 1 are shared."
    assert overlap_findings(overlap.iloc[:1]) == ["- Only one source: there is no other source to compare its vocabulary with."]
    variants = variant_counts(tokens)
    assert variant_findings(variants) == ["- Alpha writes 'uyghur' as 'uighur' in 1 of its 1 uses (100%)."]
    assert variant_findings(variants[variants["source"] == "Beta"])[0].startswith("- No source uses")


def test_large_counts_are_printed_with_thousands_separators(tokens):
    counts = count_terms(tokens)
    top = top_term_findings(counts.assign(n=counts["n"] * 1000))
    assert "(2,000 times, 153.8 per 1,000 tokens)" in top[0]
    names = count_phrases(tokens, STATE_NAMES)
    lines = naming_findings(names.assign(n=names["n"] * 1000))
    assert lines[0] == ("- Alpha names the ruling party 2,000 times and China / its government 0 times "
                        "(Chinese Communist Party 1,000, CCP 1,000).")
    variants = variant_counts(tokens)
    assert variant_findings(variants.assign(n=variants["n"] * 1234)) == [
        "- Alpha writes 'uyghur' as 'uighur' in 1,234 of its 1,234 uses (100%)."]
