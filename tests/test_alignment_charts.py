"""Notebook 03's tables and charts, on a small hand-made mentions frame."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.alignment_charts import (  # noqa: E402
    alignment_matrix,
    bloc_size_table,
    country_mentions_only,
    coverage_sentence,
    coverage_summary,
    coverage_table,
    documented_bloc_sizes,
    mentions_table,
    plot_alignment_matrix,
    plot_bloc_sizes,
    plot_coverage,
    plot_mentions,
)
from analysis.alignments import load_alignments  # noqa: E402

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
    assert "(France, United Kingdom)" in sentence and "(Qatar, Russia)" in sentence
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


def test_charts_draw(mentions):
    figs = [
        plot_mentions(mentions_table(mentions, ["000", "003"]), {"000": "a", "003": "b"}),
        plot_coverage(coverage_summary(coverage_table(mentions))),
        plot_bloc_sizes(bloc_size_table(None)),
        plot_alignment_matrix(alignment_matrix(load_alignments()), {"GBR"}),
    ]
    assert all(f.axes[0].get_title(loc="left") for f in figs)
    for f in figs:
        plt.close(f)
