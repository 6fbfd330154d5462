"""Notebook 04's charts (bounded, labelled) and findings (computed from the frames)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.findings.time import (attention_findings, change_findings, country_findings, dating_findings,  # noqa: E402
                                    framing_findings, keyness_findings, placement_findings, rate_findings)
from analysis.plots.time import MAX_TICKS, line_styles, plot_attention, plot_period_heatmap, plot_rates_over_time  # noqa: E402


def attention_frame(n_periods: int, sources: list[str]) -> pd.DataFrame:
    periods = [f"2021-W{i:02d}" for i in range(1, n_periods + 1)]
    rows = [(s, p, (i + j) % 3) for i, s in enumerate(sources) for j, p in enumerate(periods)]
    frame = pd.DataFrame(rows, columns=["source", "period", "n_articles"])
    total = frame.groupby("period")["n_articles"].transform("sum")
    return frame.assign(share=frame["n_articles"] / total.where(total > 0))


def test_attention_chart_has_both_panels_labelled_and_thinned_ticks():
    sources = [f"Outlet {i}" for i in range(12)]
    fig = plot_attention(attention_frame(52, sources), sources, "Articles per week", "week")
    top, bottom = fig.axes[0], fig.axes[1]
    assert top.get_title() == "Articles per week" and top.get_ylabel() == "articles per week"
    assert bottom.get_xlabel() == "week (UTC)"
    assert len(bottom.get_xticks()) <= MAX_TICKS
    assert [t.get_text() for t in bottom.get_yticklabels()] == sources
    assert abs(top.get_position().width - bottom.get_position().width) < 1e-6  # the colour bar does not shrink one panel
    plt.close(fig)


def test_rate_lines_one_per_source_hollow_when_thin():
    rates = pd.DataFrame({
        "source": ["A", "A", "B", "B"], "period": ["2021-01", "2021-02"] * 2, "label": "genocide",
        "n": [1, 0, 2, 3], "n_articles_with": [1, 0, 1, 2], "n_articles": [2, 6, 6, 6],
        "total_tokens": [1000] * 4, "rate_per_10k": [10.0, 0.0, 20.0, 30.0]})
    fig = plot_rates_over_time(rates, ["genocide", "sanctions"], ["A", "B"], "Named terms", min_articles=5, unit="month")
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 2 and ax.get_ylabel() == "per 10,000 tokens"
    hollow = [c for c in ax.collections if len(c.get_offsets()) and (c.get_facecolors()[:, :3] == 1).all()]
    assert sum(len(c.get_offsets()) for c in hollow) == 1  # A in 2021-01 rests on 2 articles
    assert any(t.get_text() == "not used" for t in fig.axes[1].texts)
    plt.close(fig)


def test_more_sources_than_colours_get_other_line_styles():
    styles = line_styles([f"s{i}" for i in range(12)])
    assert len(set(styles.values())) == 12


def test_heatmap_rows_in_the_order_given():
    frame = pd.DataFrame({"period": ["2021-01", "2021-02", "2021-01"], "country": ["Chad", "Chad", "Peru"],
                          "share_of_articles": [0.5, 0.25, 1.0]})
    fig = plot_period_heatmap(frame, "country", "share_of_articles", "Countries", "share", rows=["Peru", "Chad"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Peru", "Chad"]
    assert fig.axes[0].get_title() == "Countries"
    plt.close(fig)


def periods_frame(placed: list[str | None], reasons: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [str(i) for i in range(len(placed))], "source": "S",
                         "period": pd.array(placed, dtype="str"), "undated_reason": reasons})


def test_dating_findings_say_plainly_when_there_is_no_trend():
    lines = dating_findings(periods_frame(["2019-07", None], ["", "open interval"]), "month")
    assert lines[0] == "- 1 of 2 articles can be placed in a month; 1 undated at that precision (1 open interval)."
    assert "no trend to read" in lines[1]
    many = dating_findings(periods_frame(["2019-07"] * 3, [""] * 3), "month")
    assert many == ["- 3 of 3 articles can be placed in a month."]


def test_attention_findings_are_bounded():
    lines = attention_findings(attention_frame(4, [f"Outlet {i:02d}" for i in range(20)]), k=5)
    assert len(lines) == 1 + 5 + 1 and lines[-1].startswith("- ... and 15 smaller sources")


def test_rate_peak_prefers_periods_with_enough_articles():
    rates = pd.DataFrame({"source": "all sources", "period": ["2021-01", "2021-02"], "label": "genocide",
                          "n": [2, 5], "n_articles_with": [1, 4], "n_articles": [1, 40],
                          "total_tokens": [100, 20_000], "rate_per_10k": [200.0, 2.5]})
    line = rate_findings(rates, ["genocide", "sanctions"], min_articles=5)
    assert "2021-02, 2.5 per 10,000 tokens (5 uses in 4 of 40 articles)" in line[0] and "at least 5 articles" in line[0]
    assert line[1] == "- 'sanctions' is never used in the dated articles."


def test_keyness_and_framing_findings_handle_one_sided_cuts():
    sides = pd.DataFrame({"side": pd.array(["before", None], dtype="str")})
    empty = pd.DataFrame(columns=["source", "g2", "term", "n_target", "n_reference", "p_adjusted"])
    assert "skipped" in keyness_findings(empty, "2021-03-01", sides)[0]
    framing = pd.DataFrame({"period": "before", "concept": "facilities", "label": ["camps", "re-education camps"],
                            "n": [2, 2]})
    line = framing_findings(framing, "2021-03-01")[0]
    assert line == ("- 'facilities' is named most often as 'camps' before 2021-03-01 (2 of 4 mentions, tied with "
                    "'re-education camps'); no article dated after 2021-03-01.")


def test_change_country_and_placement_findings():
    assert "no term can change" in change_findings(pd.DataFrame())[0]
    named = pd.DataFrame({"period": ["2021-01", "2021-02"], "country": "Chad", "n": [1, 3], "n_articles": [1, 3],
                          "articles_in_period": [1, 10], "share_of_articles": [1.0, 0.3]})
    line = country_findings(named, min_articles=5)[0]
    assert "Chad (4 articles; highest share in 2021-02, 3 of 10 articles)" in line
    placed = pd.DataFrame({"period": ["2021-01", "2021-02"], "position": ["against", "support"], "n": [3, 1],
                           "n_articles": [2, 1]})
    assert placement_findings(placed, 300, 10_000)[0] == (
        "- Placements of countries on a side (300 of 10,000 dated articles read): 3 against, 1 support, "
        "from 2021-01 to 2021-02.")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_findings_with_nothing_dated_say_so_once():
    lines = dating_findings(periods_frame([None], ["no date"]), "year")
    assert lines[1] == "- No article can be placed in time, so nothing here changes over time."
    empty = pd.DataFrame(columns=["source", "period", "label", "n", "n_articles_with", "n_articles", "rate_per_10k"])
    assert rate_findings(empty, ["genocide", "sanctions"], 5) == [
        "- No dated article, so the named terms cannot be followed over time."]
    assert placement_findings(pd.DataFrame(), 0, 0) == ["- No dated article, so no placement can be put in time."]
