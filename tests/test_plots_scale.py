"""Charts of notebooks 00 and 01 stay readable and bounded at any number of sources."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.findings.corpus import cleaning_findings, corpus_findings, listing, variant_lines  # noqa: E402
from analysis.findings.terms import bounded  # noqa: E402
from analysis.plots.overview import MAX_SOURCES, plot_sizes  # noqa: E402
from analysis.plots.terms import (MAX_HEATMAP_SOURCES, MAX_SUMMARY_SOURCES, SMALL_MULTIPLES_MAX,  # noqa: E402
                                  plot_dispersion_summary, plot_term_heatmap, term_chart_kind)


def _sources(n):
    return [f"S{i:02d}" for i in range(n)]


def test_size_chart_draws_at_most_the_largest_sources():
    sources = _sources(MAX_SOURCES + 5)
    summary = pd.DataFrame({"source": sources * 2, "n_tokens": range(2 * len(sources))})
    lengths = pd.DataFrame({"source": sources * 3, "tokens": range(3 * len(sources))})
    fig = plot_sizes(summary, lengths, sources)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == sources[:MAX_SOURCES]
    assert any("5 more not drawn" in t.get_text() for t in fig.texts)
    plt.close(fig)
    fig = plot_sizes(summary.head(1), lengths.head(1), sources[:1])  # one source, one article
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["S00"]
    plt.close(fig)


def test_chart_kind_by_number_of_sources_and_heatmap_bounded():
    assert term_chart_kind(1) == term_chart_kind(SMALL_MULTIPLES_MAX) == "panels"
    assert term_chart_kind(SMALL_MULTIPLES_MAX + 1) == "heatmap"
    sources = _sources(MAX_HEATMAP_SOURCES + 3)
    counts = pd.DataFrame({"source": sources, "term": "x", "rate_per_1000": 1.0})
    fig = plot_term_heatmap(counts, sources, ["x", "never"], "t")
    image = fig.axes[0].images[0].get_array()
    assert image.shape == (MAX_HEATMAP_SOURCES, 2) and image[:, 1].sum() == 0  # unused term: 0
    assert "3 more not drawn" in fig._suptitle.get_text()
    plt.close(fig)


def test_dispersion_summary_chart_bounded():
    sources = _sources(MAX_SUMMARY_SOURCES + 2)
    summary = pd.DataFrame({"source": sources, "term": "x", "n": 3, "share_first": 0.5, "share_middle": 0.5,
                            "share_last": 0.0})
    fig = plot_dispersion_summary(summary, sources, ["x", "y"], "t")
    assert len(fig.axes[0].patches) == 3 * MAX_SUMMARY_SOURCES
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == sources[:MAX_SUMMARY_SOURCES]
    plt.close(fig)


def test_findings_stay_short():
    assert listing(["a", "b", "c", "d", "e"], 2) == "a, b and 3 more"
    many = pd.DataFrame({"source": _sources(50), "articles": 2, "tokens": 10, "sentences": 1})
    lines = corpus_findings(many)
    assert len(lines) == 2 and "and 47 more" in lines[1] and "100 articles from 50 sources" in lines[0]
    rules = pd.DataFrame({"source": "S", "rule": list("abcde"), "lines": [5, 4, 3, 2, 1], "articles": 1})
    assert cleaning_findings(rules, 3) == [
        "- Cleaning removed 15 lines from the 3 articles; by rule: a (5 lines in 1 article), "
        "b (4 lines in 1 article), c (3 lines in 1 article) and 2 more."
    ]
    variants = pd.DataFrame({"source": "S", "canonical": "c", "spelling": list("pqrstuv"), "n": 1, "family_n": 7,
                             "share": 1 / 7, "is_variant": True})
    assert len(variant_lines(variants, limit=5)) == 6
    assert bounded(["- x"], 1240, "sources", "f.csv") == ["- x", "- ... and 1,240 more sources (in f.csv)."]
    assert bounded(["- x"], 0, "sources", "f.csv") == ["- x"]


def test_dispersion_strip_without_articles_says_so():
    from analysis.plots.terms import plot_dispersion

    disp = pd.DataFrame(columns=["article_id", "term", "position"])
    fig = plot_dispersion(disp, pd.DataFrame(columns=["article_id", "source"]), ["x"], "t")
    assert any("no article to draw" in t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)
