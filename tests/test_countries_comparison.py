"""What the articles say beside the record, and the per-country tables it builds on, on a
small hand-made mentions frame (the charts drawn from these tables: test_plots_alignments)."""
import pandas as pd
import pytest

from analysis.countries.comparison import (
    bloc_size_table,
    coverage_summary,
    coverage_table,
    july_2019_evidence,
)
from analysis.countries.mentions import country_mentions_only, mentions_table, named_countries
from analysis.countries.record import alignment_matrix, documented_bloc_sizes, load_alignments
from analysis.findings.coverage import coverage_sentence

EMPTY = pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "surface", "iso3", "country", "kind"])


@pytest.fixture
def mentions():
    rows = [
        ("003", "GBR", "United Kingdom"), ("003", "FRA", "France"), ("003", "RUS", "Russia"),
        ("003", "QAT", "Qatar"), ("000", "GBR", "United Kingdom"), ("000", "USA", "United States"),
        ("000", "", "European Union"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "iso3", "country"]).assign(kind="name")


def test_blocs_are_left_out_of_country_tables(mentions):
    assert "European Union" not in set(country_mentions_only(mentions)["country"])
    bloc = pd.DataFrame({"article_id": ["a"], "iso3": ["EUU"], "country": ["European Union"], "kind": ["name"],
                         "is_bloc": [True]})
    assert country_mentions_only(bloc).empty
    demonym = mentions.assign(kind="demonym")
    assert country_mentions_only(demonym).empty
    assert len(country_mentions_only(demonym, kinds=None)) == 6
    assert named_countries(mentions) == {"GBR", "FRA", "RUS", "QAT", "USA"}
    assert country_mentions_only(EMPTY).empty
    assert country_mentions_only(None).empty


def test_mentions_table_sorted_by_total_then_name(mentions):
    table = mentions_table(mentions, ["000", "003"])
    assert table["country"].tolist() == ["United Kingdom", "France", "Qatar", "Russia", "United States"]
    assert table.loc[0, ["000", "003", "total"]].tolist() == [1, 1, 2]
    assert mentions_table(EMPTY, ["000"]).empty


def test_coverage_counts_and_sentence(mentions):
    summary = coverage_summary(coverage_table(mentions))
    assert summary[["listed", "named"]].values.tolist() == [[22, 2], [37, 2]]
    sentence = coverage_sentence(summary)
    assert sentence.startswith("the articles name 2 of the 22 ")
    assert ": France, United Kingdom;" in sentence and sentence.endswith(": Qatar, Russia")
    empty = coverage_summary(coverage_table(EMPTY))
    assert empty["named"].tolist() == [0, 0]
    assert "0 of the 22" in coverage_sentence(empty)


def test_documented_bloc_sizes():
    assert documented_bloc_sizes()["n"].tolist() == [22, 37, 50]
    stated = pd.DataFrame({"statement_id": ["A/HRC/41/G/17"], "article_id": ["003"], "n": [37]})
    table = bloc_size_table(stated)
    assert table["count_of"].tolist()[-1] == "stated in article 003"
    assert len(bloc_size_table(None)) == 3


def test_alignment_matrix_orders_blocs():
    matrix = alignment_matrix(load_alignments())
    assert len(matrix) == load_alignments()["iso3"].nunique()
    first, last = matrix.iloc[0], matrix.iloc[-1]
    assert first["2019 HRC letter (22)"] == "against"
    assert last["2019 HRC counter-letter"] == "support"
    assert matrix.columns.tolist()[2:4] == ["2019 HRC letter (22)", "2019 HRC counter-letter"]


def test_july_2019_gate_on_the_seeds_and_on_unrelated_text(tmp_path):
    from analysis import load_corpus

    evidence = july_2019_evidence(load_corpus())
    assert set(evidence["article_id"]) == {"003"}
    assert evidence["sentence"].str.contains("22 countries").any()
    (tmp_path / "a.txt").write_text("Germany and France met in Paris. They signed a trade letter in 2020.\n")
    (tmp_path / "metadata.csv").write_text("article_id,file\na,a.txt\n")
    assert july_2019_evidence(load_corpus(tmp_path)).empty


def test_stated_letter_sizes_and_comparison_with_record():
    from analysis.countries.comparison import compare_with_record, stated_letter_sizes

    stated = pd.DataFrame({
        "article_id": ["x", "x", "x", "y"], "sentence_id": [1, 4, 2, 1], "size": [22, 22, 36, 40],
        "approximate": [False, False, True, False], "noun_phrase": ["22 countries", "22 countries",
                                                                    "three dozen countries", "40 nations"],
        "position": ["against", "against", "support", "support"], "event": ["letter", "letter", "letter", "sanctions"],
    })
    sizes = stated_letter_sizes(stated, {"x", "y"})
    assert sizes[["statement_id", "n", "sentences"]].values.tolist() == [
        ["A/HRC/41/G/11", 22, "s1, s4"], ["A/HRC/41/G/17", 36, "s2"]]
    assert sizes["noun_phrase"].tolist()[1].startswith("≈ ")
    assert stated_letter_sizes(stated, {"y"}).empty
    table = bloc_size_table(sizes)
    assert table["count_of"].tolist()[1] == "stated in article x: 22 countries (s1, s4)"

    told = pd.DataFrame({
        "article_id": ["x"] * 4, "sentence_id": [1, 1, 2, 3], "iso3": ["GBR", "RUS", "QAT", "EUU"],
        "country": ["UK", "Russian Federation", "Qatar", "European Union"], "is_bloc": [False, False, False, True],
        "event": ["letter", "letter", "letter", "sanctions"], "position": ["against", "against", "support", "against"],
        "evidence": ["e1", "e1", "e2", "e3"],
    })
    out = compare_with_record(told, load_alignments()).set_index("iso3")
    assert out.at["GBR", "matches"] == "yes" and out.at["GBR", "country"] == "United Kingdom"
    assert out.at["RUS", "matches"] == "no" and out.at["RUS", "record_july_2019"] == "supports"
    assert out.at["QAT", "matches"] == "yes" and out.at["QAT", "record_july_2019"] == "withdrew"
    assert out.at["EUU", "matches"] == "n/a" and out.at["EUU", "camp_2019_2022"] == "not in the record"
    assert compare_with_record(told.iloc[:0], load_alignments()).empty
