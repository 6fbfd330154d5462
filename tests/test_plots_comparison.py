"""Notebook 02's charts at any number of sources: one S x S similarity heatmap, small
multiples of key terms (bounded panels), the framing heatmap (a column per source)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from handmade import make_corpus  # noqa: E402

from analysis.measures.counts import add_source, count_terms  # noqa: E402
from analysis.measures.framing import framing_rates, load_framing_lexicon  # noqa: E402
from analysis.measures.keyness import keyness  # noqa: E402
from analysis.measures.tfidf import source_similarity_matrix, tfidf  # noqa: E402
from analysis.plots.framing import plot_framing  # noqa: E402
from analysis.plots.keyness import MAX_PANELS, plot_key_terms  # noqa: E402
from analysis.plots.similarity import ANNOTATE_UP_TO, LABEL_CHARS, plot_source_similarity  # noqa: E402

TEXTS = {
    "a": ("Alpha", "The CCP runs Uighur camps. The Chinese Communist Party denies it. Camps again."),
    "b": ("Beta", "China and the Chinese government deny the camps. Beijing agrees. Bridge."),
    "c": ("Gamma", "A bridge opened. Bridge walkers cheered. Walkers left."),
}


@pytest.fixture
def tokens(tmp_path):
    corpus = make_corpus(tmp_path, TEXTS)
    return add_source(corpus.tokens, corpus.articles)


def square(n: int) -> pd.DataFrame:
    names = [f"Outlet number {i:02d} with a very long masthead name" for i in range(n)]
    rng = np.random.default_rng(0)
    values = rng.random((n, n))
    values = (values + values.T) / 2
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=names, columns=names)


@pytest.mark.parametrize("n", [2, 20, 30])
def test_one_similarity_heatmap_for_any_number_of_sources(n):
    fig = plot_source_similarity(square(n))
    ax = fig.axes[0]
    assert len(ax.get_xticklabels()) == len(ax.get_yticklabels()) == n
    assert all(len(t.get_text()) <= LABEL_CHARS for t in ax.get_yticklabels())
    assert len(ax.texts) == (n * (n - 1) if n <= ANNOTATE_UP_TO else 0), "values in the cells, diagonal blank"
    assert np.ma.is_masked(ax.images[0].get_array()[0, 0])
    plt.close(fig)


def test_similarity_heatmap_of_real_weights(tokens):
    fig = plot_source_similarity(source_similarity_matrix(tfidf(tokens)))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Alpha", "Beta", "Gamma"]
    plt.close(fig)


def test_key_terms_has_a_panel_per_source_and_refuses_too_many(tokens):
    table = keyness(count_terms(tokens, by="source"), None, total="total_tokens", min_count=1)
    top = table[table["g2"] > 0].groupby("target").head(3)
    fig = plot_key_terms(top, ["Gamma", "Alpha", "Beta"])
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["Gamma", "Alpha", "Beta"]
    assert len({ax.get_xlim() for ax in visible}) == 1, "shared scale"
    gamma = [t.get_text() for t in visible[0].get_yticklabels()]
    assert gamma[-1] == top[top["target"] == "Gamma"]["term"].iloc[0], "the largest G² at the top"
    plt.close(fig)
    with pytest.raises(ValueError, match="at most"):
        plot_key_terms(top, [f"s{i}" for i in range(MAX_PANELS + 1)])


def test_framing_heatmap_has_a_column_per_source_and_a_row_per_used_phrase(tokens):
    rates = framing_rates(tokens, load_framing_lexicon())
    fig = plot_framing(rates)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alpha", "Beta", "Gamma"]
    used = rates.groupby("phrase", sort=False)["n"].sum()
    assert [t.get_text() for t in ax.get_yticklabels()] == [p for p in used.index if used[p] > 0]
    values = ax.images[0].get_array()
    assert values.mask[:, 2].all(), "Gamma names no concept: its column is blank"
    concepts = {t.get_text() for t in ax.texts if t.get_fontweight() == "bold"}
    assert concepts <= set(rates["concept"]) and len(concepts) >= 2
    plt.close(fig)
