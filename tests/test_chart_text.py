"""Text from the data is bounded and literal in every chart (issue 17): an outlet named
``$x$`` or ``$\\frac$`` is not parsed as TeX (which crashed notebook 00), a
1,000,000-character word is not drawn whole (which stalled notebook 01), and the CSV
beside each chart neutralises formula cells.  The project's notebooks are run on such a
corpus once (``report_support.project_report``)."""
from __future__ import annotations

import csv
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis import (add_source, count_terms, country_mentions, dispersion, framing_rates, keyness,  # noqa: E402
                      load_corpus, load_framing_lexicon, mentions_table, scatter_frame, sentence_lengths,
                      source_similarity_matrix, tfidf, top_keyness, top_terms, article_summary)
from analysis.export import FORMULA_TRIGGERS  # noqa: E402
from analysis.plots.framing import plot_framing  # noqa: E402
from analysis.plots.keyness import plot_key_terms, plot_keyness  # noqa: E402
from analysis import check_positions, country_positions, load_alignments  # noqa: E402
from analysis.countries.sources import (mentions_by_source, placement_chart_frame, placements_by_source,  # noqa: E402
                                        sides_by_source, top_countries)
from analysis.plots.alignments import plot_mentions, plot_source_mentions, plot_source_placements  # noqa: E402
from analysis.plots.overview import plot_sizes  # noqa: E402
from analysis.plots.scatter import plot_frequency_scatter  # noqa: E402
from analysis.plots.similarity import plot_source_similarity  # noqa: E402
from analysis.plots.style import MAX_LABEL_CHARS, data_label, save_chart, use_style  # noqa: E402
from analysis.plots.terms import plot_dispersion, plot_top_terms  # noqa: E402
from report_support import project_notebooks, project_report  # noqa: E402

LONG_WORD = "x" * 1_000_000
TEX_OUTLET = r"$\frac{a}{b}$ Times"
SOURCES = {  # article id, file, outlet, text
    "=HYPERLINK(\"http://evil.example\")": ("a1.txt", "$x$ Daily",
        "The minister said the camps in Xinjiang were closed. Critics said the camps were prisons. "
        "France and Canada condemned the camps. " * 3 + LONG_WORD + " ended the story.\n"),
    "-cmd": ("a2.txt", "@SUM(1+1)",
        "Officials said the camps were vocational schools. China said the schools taught skills. "
        "Pakistan and Cuba praised China. " * 3 + "\n"),
    "a3": ("a3.txt", TEX_OUTLET,
        "Critics said the camps in Xinjiang were prisons. China rejected it. The camps remain.\n" * 3),
    "a4": ("a4.txt", "Emoji Wire", "\U0001F642\U0001F642 !!! \U0001F642 ...\n"),  # an outlet with no words
}


def hostile_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["article_id,file,outlet"]
    for article_id, (name, outlet, text) in SOURCES.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(",".join('"' + v.replace('"', '""') + '"' for v in (article_id, name, outlet)))
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return load_corpus(hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus"))


# --------------------------------------------------------------------------- data_label


def test_data_label_is_bounded_literal_and_linear():
    assert data_label("short") == "short"
    assert data_label("$x$") == r"\$x\$"
    assert data_label("line\nbreak\t tab") == "line break tab"
    capped = data_label("y" * 100)
    assert len(capped) == MAX_LABEL_CHARS and capped.endswith("…")
    started = time.perf_counter()
    assert len(data_label(LONG_WORD)) == MAX_LABEL_CHARS
    assert time.perf_counter() - started < 0.5
    assert len(data_label("$" * 100)) <= 2 * MAX_LABEL_CHARS, "escaping after cutting: every $ still escaped"
    assert data_label("$" * 100).count(r"\$") == MAX_LABEL_CHARS - 1


def drawn_texts(fig) -> list[Text]:
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_text()]


def assert_literal_and_bounded(fig, within: float = 20.0):
    started = time.perf_counter()
    texts = drawn_texts(fig)
    assert time.perf_counter() - started < within
    for text in texts:
        shown = text.get_text()
        assert len(shown) <= 4 * MAX_LABEL_CHARS, shown[:80]
        if shown.startswith(r"$\mathdefault{"):  # matplotlib's own log-axis tick labels
            continue
        assert text._preprocess_math(shown)[1] is False, f"parsed as TeX: {shown[:80]}"
    plt.close(fig)
    return [t.get_text() for t in texts]


def test_every_chart_draws_hostile_data_literally_and_briefly(corpus, tmp_path):
    use_style()
    tokens = add_source(corpus.tokens, corpus.articles)
    sources = sorted(corpus.articles["source"].unique())
    shown = []
    top = top_terms(count_terms(tokens, by="source", n=1), k=12)
    assert top["term"].str.len().max() == len(LONG_WORD), "the long word is among the top terms"
    shown += assert_literal_and_bounded(plot_top_terms(top, sources, "t"))
    shown += assert_literal_and_bounded(plot_sizes(article_summary(corpus), sentence_lengths(corpus)))
    shown += assert_literal_and_bounded(plot_dispersion(dispersion(tokens, {"camps": "camps"}), corpus.articles,
                                                        ["camps"], "t"))
    counts = count_terms(tokens, by="source")
    table = keyness(counts, sources[0], total="total_tokens", min_count=1)
    shown += assert_literal_and_bounded(plot_keyness(top_keyness(table, 5)))
    shown += assert_literal_and_bounded(plot_frequency_scatter(scatter_frame(table, k=5), sources[0],
                                                               table["reference"].iloc[0]))
    every = keyness(counts, None, total="total_tokens", min_count=1)
    shown += assert_literal_and_bounded(plot_key_terms(every[every["g2"] > 0].groupby("target").head(5), sources))
    weights = tfidf(tokens, doc="paragraph")
    shown += assert_literal_and_bounded(plot_source_similarity(source_similarity_matrix(weights)))
    rates = framing_rates(tokens, load_framing_lexicon())
    shown += assert_literal_and_bounded(plot_framing(rates))
    labels = {row.article_id: f"{row.article_id} ({row.source})" for row in corpus.articles.itertuples()}
    table = mentions_table(country_mentions(corpus), list(labels))
    fig = plot_mentions(table, labels)
    save_chart(fig, table, "mentions", tmp_path)
    shown += assert_literal_and_bounded(fig)
    by_source = mentions_by_source(country_mentions(corpus), corpus.articles)
    shown += assert_literal_and_bounded(plot_source_mentions(by_source, sources, top_countries(by_source, 25)))
    checked = check_positions(country_positions(corpus), load_alignments())
    assert not checked.empty, "the hostile outlets place countries on a side"
    verdicts, sides = placements_by_source(checked, corpus.articles), sides_by_source(checked, corpus.articles)
    placed = top_countries(sides, 25, ("placements",))
    shown += assert_literal_and_bounded(
        plot_source_placements(placement_chart_frame(sides, verdicts, sources, placed), sources, placed))
    assert any(text.startswith("x" * 50) and text.endswith("…") for text in shown), "the long word, cut"
    assert any(r"\$x\$ Daily" in text for text in shown), "the outlet, drawn literally"


# --------------------------------------------------------------------------- the notebooks on it

needs_notebooks = pytest.mark.skipif(not project_notebooks(), reason="no notebooks in notebooks/ yet")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    started = time.perf_counter()
    out, log = project_report(hostile_corpus(tmp_path_factory.mktemp("hostile-report") / "hostile"))
    return out, log, time.perf_counter() - started


@needs_notebooks
def test_notebooks_run_on_tex_outlets_and_a_million_character_word(hostile_report):
    out, log, seconds = hostile_report
    for notebook in project_notebooks():
        assert f"{notebook.name}" in log and (out / notebook.with_suffix(".html").name).is_file()
    assert seconds < 240, f"the report took {seconds:.0f} s"


@needs_notebooks
def test_no_csv_of_the_report_holds_a_formula_cell(hostile_report):
    out, *_ = hostile_report
    tables = sorted((out / "outputs").glob("*.csv"))
    assert len(tables) >= 10
    seen_payloads = 0
    csv.field_size_limit(2_000_000)  # the million-character word is a cell of 01_top_terms.csv
    for path in tables:
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.reader(stream):
                for cell in row:
                    if cell.startswith(FORMULA_TRIGGERS):
                        float(cell)  # only a number may start with - or +
                    seen_payloads += cell.startswith(("'=HYPERLINK", "'@SUM", "'-cmd"))
    assert seen_payloads > 0, "the hostile ids and outlets reach the CSVs, neutralised"
    keyness_table = pd.read_csv(out / "outputs" / "02_keyness.csv")
    assert (keyness_table["g2"] < 0).any() and keyness_table["g2"].dtype.kind == "f", "negative numbers stay numbers"
