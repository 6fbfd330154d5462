"""Notebook 01's charts: a panel per source (and per article for dispersion), shared scales."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from handmade import make_corpus  # noqa: E402

from analysis.findings.terms import KEY_TERMS  # noqa: E402
from analysis.measures.context import dispersion  # noqa: E402
from analysis.measures.counts import add_source, count_terms, top_terms  # noqa: E402
from analysis.plots.terms import plot_dispersion, plot_top_terms  # noqa: E402

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


def test_charts_have_a_panel_per_source_and_article(corpus, tokens):
    sources = ["Alpha", "Beta", "Gamma"]
    top = top_terms(count_terms(tokens), k=3, min_n=2)  # Beta has no term seen twice
    fig = plot_top_terms(top, sources, "t")
    assert len(fig.axes) == 3
    assert any(t.get_text() == "no terms" for t in fig.axes[1].texts)
    xlims = {ax.get_xlim() for ax in fig.axes}
    assert len(xlims) == 1  # shared scale
    plt.close(fig)
    fig = plot_top_terms(top.iloc[0:0].assign(ngram="2-grams"), sources, "empty", row="ngram")
    assert len(fig.axes) == 3 and fig.axes[0].get_xlim() == (0.0, 1.0)
    plt.close(fig)
    labels = list(dict.fromkeys(KEY_TERMS.values()))
    fig = plot_dispersion(dispersion(tokens, KEY_TERMS), corpus.articles, labels, "d")
    assert len(fig.axes) == 3
    assert any(t.get_text() == "none of the key terms" for t in fig.axes[2].texts)
    plt.close(fig)
