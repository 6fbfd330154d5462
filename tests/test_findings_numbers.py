"""Counts in findings prose carry thousands separators (a 100,000-article corpus prints
"12,345 articles", not "12345 articles")."""
from analysis.findings.positions import count_noun


def test_count_noun_groups_thousands():
    assert count_noun(1, "article") == "1 article"
    assert count_noun(12345, "article") == "12,345 articles"
    assert count_noun(1_000_000, "country", "countries") == "1,000,000 countries"
