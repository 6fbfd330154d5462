"""Notebook 03's charts draw from their tables."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.countries.comparison import bloc_size_table, coverage_summary, coverage_table  # noqa: E402
from analysis.countries.mentions import mentions_table  # noqa: E402
from analysis.countries.record import alignment_matrix, load_alignments  # noqa: E402
from analysis.plots.alignments import (  # noqa: E402
    plot_alignment_matrix,
    plot_bloc_sizes,
    plot_coverage,
    plot_mentions,
)


@pytest.fixture
def mentions():
    rows = [
        ("003", "GBR", "United Kingdom"), ("003", "FRA", "France"), ("003", "RUS", "Russia"),
        ("003", "QAT", "Qatar"), ("000", "GBR", "United Kingdom"), ("000", "USA", "United States"),
        ("000", "", "European Union"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "iso3", "country"]).assign(kind="name")


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
