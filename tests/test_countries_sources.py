"""Mentions and placements per source, and the bounded selections notebook 03 prints, on small
hand-made frames (the charts drawn from them: test_plots_alignments)."""
import numpy as np
import pandas as pd
import pytest

from analysis.countries.comparison import bloc_size_table, stated_size_summary
from analysis.countries.sources import (
    CHART_COLUMNS,
    article_mentions,
    first_per_source,
    mentions_by_source,
    placement_chart_frame,
    placements_by_source,
    sides_by_source,
    source_sizes,
    top_countries,
    top_sources,
    with_source,
)
from analysis.findings.positions import (
    bounded_list,
    contradiction_sentences,
    placement_line,
    placements_overview,
    source_placement_sentence,
)

ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "a3", "b1", "c1"],
                         "source": ["Ledger", "Ledger", "Ledger", "Wire", "Post"]})


@pytest.fixture
def mentions():
    rows = [
        ("a1", "CHN", "China", "name"), ("a1", "CHN", "China", "name"), ("a1", "USA", "United States", "abbreviation"),
        ("a2", "CHN", "China", "name"), ("a2", "CHN", "China", "demonym"),
        ("b1", "USA", "United States", "name"), ("b1", "GBR", "United Kingdom", "name"),
        ("b1", "EUU", "European Union", "name"),
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "iso3", "country", "kind"])
    return frame.assign(is_bloc=frame["iso3"] == "EUU")


def _placement(article, iso3, country, position, event, verdict, sentence=1):
    return {"article_id": article, "iso3": iso3, "country": country, "position": position, "event": event,
            "record_position": {"agrees": position, "contradicts": "not listed"}.get(verdict, ""), "verdict": verdict,
            "sentence_id": sentence, "evidence": f"sentence {sentence} of {article}"}


@pytest.fixture
def checked():
    return pd.DataFrame([
        _placement("a1", "GBR", "United Kingdom", "against", "L1", "agrees", 1),
        _placement("a1", "FRA", "France", "against", "L1", "agrees", 1),
        _placement("a2", "GBR", "United Kingdom", "support", "L2", "contradicts", 3),
        _placement("a3", "RUS", "Russia", "support", "L2", "agrees", 2),
        _placement("a3", "RUS", "Russia", "withdrew", "", "n/a", 4),
        _placement("b1", "GBR", "United Kingdom", "against", "S", "no list", 1),
    ])


def test_with_source_adds_the_column_after_article_id_and_names_unknown_ids():
    out = with_source(pd.DataFrame({"article_id": ["b1", "a1"], "x": [1, 2]}), ARTICLES)
    assert out.columns.tolist() == ["article_id", "source", "x"]
    assert out["source"].tolist() == ["Wire", "Ledger"]
    with pytest.raises(ValueError, match="zz"):
        with_source(pd.DataFrame({"article_id": ["zz"]}), ARTICLES)
    with pytest.raises(ValueError, match="source"):
        with_source(pd.DataFrame({"article_id": ["a1"]}), ARTICLES[["article_id"]])


def test_source_sizes_largest_first_ties_by_name():
    assert source_sizes(ARTICLES).values.tolist() == [["Ledger", 3], ["Post", 1], ["Wire", 1]]


def test_mentions_by_source_counts_articles_and_mentions_of_names_only(mentions):
    table = mentions_by_source(mentions, ARTICLES)
    rows = {(r.source, r.iso3): r for r in table.itertuples()}
    china = rows[("Ledger", "CHN")]
    assert (china.n_articles, china.n_mentions, china.source_articles) == (2, 3, 3)  # the demonym is not counted
    assert china.share_of_articles == pytest.approx(2 / 3) and china.mentions_per_article == pytest.approx(1.0)
    assert ("Wire", "EUU") not in rows  # a bloc is not a country
    assert "Post" not in set(table["source"])  # names nothing
    assert table["source"].tolist() == ["Ledger", "Ledger", "Wire", "Wire"]
    assert table.loc[table["source"] == "Ledger", "iso3"].tolist() == ["CHN", "USA"]  # most articles first
    assert mentions_by_source(mentions.iloc[0:0], ARTICLES).empty


def test_top_countries_by_articles_then_mentions_then_name(mentions):
    table = mentions_by_source(mentions, ARTICLES)
    assert top_countries(table, 3) == ["CHN", "USA", "GBR"]  # CHN: 2 articles, 3 mentions; USA: 2 and 2
    assert top_countries(table, 1) == ["CHN"]
    assert top_countries(table.iloc[0:0], 3) == []


def test_article_mentions_lists_the_most_named_first(mentions):
    table = article_mentions(mentions, ARTICLES, top=1)
    assert table["article_id"].tolist() == ["a1", "a2", "b1"]
    first = table.iloc[0]
    assert (first.n_countries, first.n_name_mentions, first.most_named) == (2, 3, "China 2, …")
    assert table.iloc[2]["most_named"] == "United Kingdom 1, …"  # ties by name


def test_first_per_source_is_bounded_and_ordered():
    frame = pd.DataFrame({"source": ["B", "A", "B", "C", "B", "A"], "k": [5, 4, 3, 2, 1, 0]})
    shown = first_per_source(frame, 2, order=["k"])
    assert shown.values.tolist() == [["B", 1], ["B", 3], ["A", 0], ["A", 4], ["C", 2]]  # most rows first
    assert first_per_source(frame, 1, max_sources=2)["source"].tolist() == ["B", "A"]
    assert first_per_source(frame, 0).empty and first_per_source(frame.iloc[0:0], 3).empty
    assert top_sources(frame, 2) == ["B", "A"]
    big = pd.DataFrame({"source": np.repeat([f"s{i:02d}" for i in range(50)], 100), "k": np.arange(5000)})
    assert len(first_per_source(big, 3, 5)) == 15
    with pytest.raises(ValueError):
        first_per_source(frame, -1)


def test_placements_by_source_counts_verdicts_and_agreement_rate(checked):
    table = placements_by_source(checked, ARTICLES).set_index("source")
    ledger = table.loc["Ledger"]
    assert ledger[["articles", "articles_placing", "placements", "countries", "agrees", "contradicts", "no_list",
                   "n_a", "checkable"]].tolist() == [3, 3, 5, 3, 3, 1, 0, 1, 4]
    assert ledger["agreement_rate"] == pytest.approx(0.75)
    assert np.isnan(table.loc["Wire", "agreement_rate"])  # only a 'no list' placement: nothing checkable
    assert table.loc["Post", "placements"] == 0  # a source placing no one keeps its row
    assert table.index.tolist() == ["Ledger", "Wire", "Post"]
    empty = placements_by_source(checked.iloc[0:0], ARTICLES)
    assert empty["placements"].sum() == 0 and len(empty) == 3


def test_sides_by_source_marks_mixed_sides(checked):
    sides = sides_by_source(checked, ARTICLES).set_index(["source", "iso3"])
    assert sides.loc[("Ledger", "GBR"), "side"] == "mixed"
    assert sides.loc[("Ledger", "GBR"), ["against", "support", "agrees", "contradicts"]].tolist() == [1, 1, 1, 1]
    assert sides.loc[("Ledger", "RUS"), ["support", "other", "placements", "side"]].tolist() == [1, 1, 2, "support"]
    assert sides.loc[("Wire", "GBR"), "side"] == "against"
    assert top_countries(sides.reset_index(), 1, ("placements",)) == ["GBR"]
    assert sides_by_source(checked.iloc[0:0], ARTICLES).empty


def test_placement_chart_frame_holds_every_drawn_mark(checked):
    sides = sides_by_source(checked, ARTICLES)
    verdicts = placements_by_source(checked, ARTICLES)
    chart = placement_chart_frame(sides, verdicts, ["Ledger", "Wire"], ["GBR"])
    assert chart.columns.tolist() == CHART_COLUMNS
    cells = chart[chart["panel"] == "side"]
    assert sorted(zip(cells["source"], cells["measure"], cells["value"])) == [("Ledger", "mixed", 2.0),
                                                                              ("Wire", "against", 1.0)]
    record = chart[chart["panel"] == "record"].set_index(["source", "measure"])["value"]
    assert record[("Ledger", "agrees")] == 3 and record[("Ledger", "agreement_rate")] == pytest.approx(0.75)
    assert record[("Ledger", "checkable")] == 4
    assert set(chart["source"]) == {"Ledger", "Wire"}


def test_findings_stay_bounded_whatever_the_number_of_sources(checked):
    many = pd.concat([checked.assign(article_id=f"x{i}") for i in range(40)], ignore_index=True)
    articles = pd.DataFrame({"article_id": [f"x{i}" for i in range(40)], "source": [f"S{i:02d}" for i in range(40)]})
    verdicts = placements_by_source(many, articles)
    lines = placements_overview(verdicts, k=3)
    assert len(lines) == 4 and lines[-1].endswith("; and 37 more sources that place countries (all in the table)")
    assert lines[0].startswith("40 articles of 40 (from 40 of 40 sources) place countries on a side: 240 placements")
    assert "75% of the 160 the record can check agree" in lines[0]
    assert source_placement_sentence(verdicts.iloc[0]).startswith("S00 (1 article) places 3 countries on a side")
    wrong = with_source(many[many["verdict"] == "contradicts"], articles)
    said = contradiction_sentences(wrong, 2)
    assert len(said) == 3 and said[-1] == "and 38 more"
    assert said[0] == "S00, article x0 s3: United Kingdom support on L2, record: not listed"
    assert placements_overview(placements_by_source(checked.iloc[0:0], ARTICLES)) == [
        "The articles place no country on a side."]
    assert bounded_list(["a", "b", "c"], 2) == "a, b and 1 more" and bounded_list(["a"], 2) == "a"


def test_placement_line(checked):
    assert placement_line(checked.iloc[3:5]) == ("Russia: support, L2 (record: support; agrees); "
                                                 "Russia: withdrew, no event (record: -; n/a)")


def test_stated_size_summary_counts_articles_per_size_and_bounds_the_rows():
    told = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "b1", "c1", "c1"],
        "sentence_id": [4, 2, 1, 7, 1, 2],
        "size": [22, 22, 22, 23, 37, 37],
        "stated": ["22 countries", "the 22", "22 nations", "23 countries", "37 countries", "37 countries"],
        "event": ["A/HRC/41/G/11"] * 4 + ["A/HRC/41/G/17", "other"],
    })
    sources = ARTICLES.set_index("article_id")["source"]
    rows, left_out = stated_size_summary(told, ["a1", "a2", "b1", "c1"], sources)
    assert left_out == 0
    first = rows.iloc[0]
    assert (first.n, first.n_articles, first.n_sources, first.article_id) == (22, 2, 1, "a1")
    assert (first.noun_phrase, first.sentences) == ("the 22, 22 countries", "s2, s4")
    assert rows[["statement_id", "n"]].values.tolist() == [["A/HRC/41/G/11", 22], ["A/HRC/41/G/11", 23],
                                                           ["A/HRC/41/G/17", 37]]
    rows1, left_out1 = stated_size_summary(told, ["a1", "a2", "b1", "c1"], sources, k=1)
    assert left_out1 == 1 and len(rows1) == 2
    assert stated_size_summary(told, ["zz"])[0].empty
    table = bloc_size_table(rows)
    said = table.loc[table["count_of"].str.startswith("stated"), "count_of"].tolist()
    assert said[0] == "stated in 2 articles, e.g. article a1: the 22, 22 countries (s2, s4)"
    assert "stated in article b1: 23 countries (s7)" in said


def test_coverage_table_lists_a_bounded_number_of_articles():
    from analysis.countries.comparison import COVERAGE_IDS, coverage_table

    mentions = pd.DataFrame({"article_id": [f"a{i:03d}" for i in range(40)], "iso3": "GBR",
                             "country": "United Kingdom", "kind": "name"})
    row = coverage_table(mentions).set_index("iso3").loc["GBR"]
    assert (row["n_mentions"], row["n_articles"]) == (40, 40)
    assert row["articles"] == ", ".join(f"a{i:03d}" for i in range(COVERAGE_IDS)) + f" and {40 - COVERAGE_IDS} more"


def test_printed_sentences_and_placement_lines_are_bounded(checked):
    from analysis.findings.positions import short_sentence

    assert short_sentence("a  b\nc") == "a b c"
    long = short_sentence("word " * 1000, limit=50)
    assert len(long) == 50 and long.endswith("…")
    many = pd.concat([checked.iloc[[0]]] * 30, ignore_index=True)
    line = placement_line(many, k=3)
    assert line.count("United Kingdom") == 3 and line.endswith("; and 27 more")
