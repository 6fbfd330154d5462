"""Counts in findings prose carry thousands separators (a 100,000-article corpus prints
"12,345 articles", not "12345 articles")."""
from analysis.findings.positions import count_noun


def test_count_noun_groups_thousands():
    assert count_noun(1, "article") == "1 article"
    assert count_noun(12345, "article") == "12,345 articles"
    assert count_noun(1_000_000, "country", "countries") == "1,000,000 countries"


def test_bounded_lists_count_the_rest_with_separators():
    from analysis.findings.comparison import listed
    from analysis.findings.positions import bounded_list

    assert bounded_list([f"a{i}" for i in range(1302)], 4).endswith("a3 and 1,298 more")
    assert listed([f"s{i}" for i in range(2003)], 3) == "s0, s1, s2 and 2,000 more"
