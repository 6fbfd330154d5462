"""Notebook 03's charts draw from their tables."""
import re

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


def _many_sources(n_sources=20, n_countries=25):
    """Mentions and placements from ``n_sources`` outlets with long names (the report's worst case)."""
    from analysis.countries.sources import mentions_by_source, placements_by_source, sides_by_source

    iso = ["USA"] + [f"X{chr(65 + c // 26)}{chr(65 + c % 26)}" for c in range(1, n_countries)]
    sources = [f"Outlet {i:02d} " + "with a very long masthead name " * 4 for i in range(n_sources)]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(n_sources)], "source": sources})
    mentions = pd.DataFrame([(f"a{s}", iso[c], f"Country {c}", "name")
                             for s in range(n_sources) for c in range(n_countries) if (s + c) % 3],
                            columns=["article_id", "iso3", "country", "kind"])
    checked = pd.DataFrame([{"article_id": f"a{s}", "iso3": iso[c], "country": f"Country {c}",
                             "position": ["against", "support", "withdrew"][(s + c) % 3], "event": "E",
                             "record_position": "", "verdict": ["agrees", "contradicts", "n/a", "no list"][(s * c) % 4],
                             "sentence_id": 1, "evidence": "x"}
                            for s in range(n_sources) for c in range(n_countries) if (s + 2 * c) % 4])
    return (mentions_by_source(mentions, articles), placements_by_source(checked, articles),
            sides_by_source(checked, articles), sources)


def test_source_charts_stay_readable_at_twenty_sources():
    from analysis.countries.sources import placement_chart_frame, top_countries
    from analysis.plots.alignments import SOURCE_LABEL_CHARS, plot_source_mentions, plot_source_placements

    by_source, verdicts, sides, sources = _many_sources()
    countries = top_countries(sides, 25, ("placements",))
    fig = plot_source_placements(placement_chart_frame(sides, verdicts, sources, countries), sources, countries)
    left, right = fig.axes[:2]
    assert left.get_title(loc="left") and right.get_xlabel() == "placements (count)"
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert len(labels) == 20 and all(len(t) <= SOURCE_LABEL_CHARS for t in labels)  # cut by data_label
    assert labels[0].endswith("…")
    rates = [t.get_text() for t in right.texts]
    assert len(rates) == 20 and all(re.fullmatch(r"\d+% agree \(of \d+\)|none checkable", t) for t in rates)
    assert fig.get_figheight() <= 12  # 20 rows stay on one screen-sized figure
    plt.close(fig)
    named = top_countries(by_source, 25)
    fig = plot_source_mentions(by_source, sources, named)
    ax = fig.axes[0]
    assert len(ax.get_xticklabels()) == 20 and len(ax.get_yticklabels()) == 25
    assert all(len(t.get_text()) <= SOURCE_LABEL_CHARS + 6 for t in ax.get_xticklabels())  # + " (1)"
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    plt.close(fig)


def test_source_mentions_numbers_are_the_table_s_mentions():
    from analysis.countries.sources import mentions_by_source
    from analysis.plots.alignments import plot_source_mentions

    articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["S1", "S2"]})
    mentions = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "iso3": ["CHN", "CHN", "USA", "USA"],
                             "country": ["China", "China", "United States", "United States"], "kind": "name"})
    by_source = mentions_by_source(mentions, articles)
    fig = plot_source_mentions(by_source, ["S1", "S2"], ["CHN", "USA"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "2"]  # China not named by S2: blank
    plt.close(fig)


def test_source_placements_agreement_text_and_side_colours():
    from analysis.countries.sources import placement_chart_frame, placements_by_source, sides_by_source
    from analysis.plots.alignments import SIDE_COLORS, plot_source_placements

    articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["S1", "S2"]})
    checked = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "iso3": ["GBR", "FRA", "RUS", "GBR"],
                            "country": ["United Kingdom", "France", "Russia", "United Kingdom"],
                            "position": ["against", "against", "support", "support"], "event": "L",
                            "record_position": "", "verdict": ["agrees", "agrees", "contradicts", "n/a"],
                            "sentence_id": 1, "evidence": "x"})
    sides, verdicts = sides_by_source(checked, articles), placements_by_source(checked, articles)
    chart = placement_chart_frame(sides, verdicts, ["S1", "S2"], ["GBR", "FRA", "RUS"])
    fig = plot_source_placements(chart, ["S1", "S2"], ["GBR", "FRA", "RUS"])
    left, right = fig.axes[:2]
    assert [t.get_text() for t in right.texts] == ["67% agree (of 3)", "none checkable"]
    colours = {matplotlib.colors.to_hex(p.get_facecolor()) for p in left.patches}
    assert colours == {SIDE_COLORS["against"][0].lower(), SIDE_COLORS["support"][0].lower()}
    plt.close(fig)
