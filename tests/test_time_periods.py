"""Periods (notebook 04): labels, honest placement of imprecise dates, attention, the cut."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import (attention, choose_unit, count_by_period, default_cut, group_sources, period_label,
                      place_articles, sample_per_period, side_of_cut, top_sources, undated_summary,
                      with_period_share)
from analysis.corpus.dates import parse_published
from analysis.measures.periods import ATTENTION_COLUMNS, period_labels


def dated(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """An articles frame from ``(article_id, source, published)`` as the loader reads the dates."""
    parsed = [parse_published(p) for _, _, p in rows]
    return pd.DataFrame({
        "article_id": [a for a, _, _ in rows],
        "source": [s for _, s, _ in rows],
        "published": [p for _, _, p in rows],
        "published_date": pd.to_datetime([d[0] for d in parsed], utc=True),
        "published_end": pd.to_datetime([d[1] for d in parsed], utc=True),
        "published_precision": [d[2] for d in parsed],
    })


@pytest.mark.parametrize("value, unit, label", [
    ("2021-01-01", "week", "2020-W53"),  # ISO year, not the calendar year
    ("2019-12-30", "week", "2020-W01"),
    ("2021-03-23", "week", "2021-W12"),
    ("2021-03-23", "month", "2021-03"),
    ("2021-03-23", "quarter", "2021-Q1"),
    ("2021-10-01", "quarter", "2021-Q4"),
    ("2021-03-23", "year", "2021"),
])
def test_period_labels(value, unit, label):
    assert period_label(value, unit) == label


def test_labels_sort_in_time_order():
    starts = pd.Series(pd.date_range("2019-11-01", "2021-02-01", freq="7D"))
    for unit in ("week", "month", "quarter", "year"):
        labels = period_labels(starts, unit).tolist()
        assert labels == sorted(labels)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="unit must be one of"):
        place_articles(dated([("a", "S", "2021-03-23")]), "fortnight")


def test_articles_are_placed_only_when_the_precision_allows():
    frame = dated([
        ("day", "S", "2021-03-23"),
        ("month", "S", "2019-07"),
        ("year", "S", "2021"),
        ("open", "S", "2021-03-23/.."),
        ("blank", "S", ""),
        ("time", "S", "2021-03-31T23:30:00-02:00"),  # 2021-04-01 01:30 UTC
        ("short", "S", "2021-03-02/2021-03-05"),  # Tuesday to Friday of one week
        ("across", "S", "2021-03-30/2021-04-02"),  # two months, one ISO week (Tuesday to Friday)
    ])
    expected = {
        "week": ["2021-W12", None, None, None, None, "2021-W13", "2021-W09", "2021-W13"],
        "month": ["2021-03", "2019-07", None, None, None, "2021-04", "2021-03", None],
        "quarter": ["2021-Q1", "2019-Q3", None, None, None, "2021-Q2", "2021-Q1", None],
        "year": ["2021", "2019", "2021", None, None, "2021", "2021", "2021"],
    }
    for unit, periods in expected.items():
        placed = place_articles(frame, unit)
        assert [None if pd.isna(p) else p for p in placed["period"]] == periods, unit
    month = place_articles(frame, "month").set_index("article_id")["undated_reason"]
    assert month["open"] == "open interval" and month["blank"] == "no date"
    assert month["year"] == "spans more than one month" and month["across"] == "spans more than one month"
    assert month["day"] == ""
    week = place_articles(frame, "week").set_index("article_id")["undated_reason"]
    assert week["month"] == "spans more than one week"


def test_unit_is_chosen_from_the_span():
    def span(first, last):
        return dated([("a", "S", first), ("b", "S", last)])
    assert choose_unit(span("2021-03-01", "2021-05-01")) == "week"
    assert choose_unit(span("2019-01-05", "2021-12-20")) == "month"  # 36 months
    assert choose_unit(span("2015-01-05", "2021-12-20")) == "quarter"
    assert choose_unit(span("1980-01-05", "2021-12-20")) == "year"
    assert choose_unit(dated([("a", "S", "")])) == "year"


def test_attention_counts_and_shares_with_empty_periods():
    frame = dated([("1", "A", "2021-01-03"), ("2", "A", "2021-01-20"), ("3", "B", "2021-01-09"),
                   ("4", "B", "2021-03-02"), ("5", "B", ""), ("6", "A", "2021")])
    att = attention(frame, "month")
    assert list(att.columns) == ATTENTION_COLUMNS
    assert att["period"].tolist() == ["2021-01", "2021-02", "2021-03"] * 2
    assert att["n_articles"].tolist() == [2, 0, 0, 1, 0, 1]
    jan = att[att["period"] == "2021-01"].set_index("source")["share"]
    assert jan["A"] == pytest.approx(2 / 3) and jan["B"] == pytest.approx(1 / 3)
    assert att.loc[att["period"] == "2021-02", "share"].isna().all()  # no article: no share
    assert att.loc[att["period"] == "2021-03", "share"].tolist() == [0.0, 1.0]
    undated = undated_summary(place_articles(frame, "month"))
    assert undated.to_dict("records") == [{"source": "A", "undated_reason": "spans more than one month", "n_articles": 1},
                                          {"source": "B", "undated_reason": "no date", "n_articles": 1}]


def test_attention_with_nothing_dated_is_empty_not_an_error():
    att = attention(dated([("1", "A", ""), ("2", "B", "2021-03-23/..")]))
    assert att.empty and list(att.columns) == ATTENTION_COLUMNS


def test_sides_of_a_cut():
    frame = dated([("before", "S", "2021-02"), ("after", "S", "2021-03-05"), ("holds", "S", "2021-02-20/2021-03-05"),
                   ("open", "S", "2021-03-23/.."), ("blank", "S", ""), ("ends", "S", "../2021-02-10"),
                   ("instant", "S", "2021-02-28T23:00:00Z"), ("edge", "S", "2021-03-01")])
    sides = side_of_cut(frame, "2021-03-01").set_index("article_id")
    got = {k: (None if pd.isna(v) else v) for k, v in sides["side"].items()}
    assert got == {"before": "before", "after": "after", "holds": None, "open": "after", "blank": None,
                   "ends": "before", "instant": "before", "edge": "after"}
    assert sides.loc["holds", "undated_reason"] == "holds the cut" and sides.loc["blank", "undated_reason"] == "no date"


def test_default_cut_is_the_period_of_the_upper_median():
    frame = dated([("1", "S", "2019-07"), ("2", "S", "2021-03-23/..")])  # the seeds' dates
    assert default_cut(frame, "month") == pd.Timestamp("2021-03-01")
    three = dated([("1", "S", "2020-01-10"), ("2", "S", "2020-05-17"), ("3", "S", "2021-01-01")])
    assert default_cut(three, "month") == pd.Timestamp("2020-05-01")
    assert default_cut(dated([("1", "S", "")]), "month") is None


def test_count_by_period_leaves_out_undated_articles():
    frame = dated([("1", "A", "2021-01-03"), ("2", "B", "2021-01-09"), ("3", "B", "")])
    periods = place_articles(frame, "month")
    rows = pd.DataFrame({"article_id": ["1", "1", "2", "3"], "country": ["France", "France", "France", "Japan"]})
    out = count_by_period(rows, periods, ["country"], by=None)
    assert out.to_dict("records") == [{"period": "2021-01", "country": "France", "n": 3, "n_articles": 2}]
    shared = with_period_share(out, periods)
    assert shared["share_of_articles"].tolist() == [1.0]
    by_source = count_by_period(rows, periods, ["country"])
    assert by_source[["source", "n", "n_articles"]].values.tolist() == [["A", 2, 1], ["B", 1, 1]]


def test_with_period_share_completes_zero_rows():
    frame = dated([("1", "A", "2021-01-03"), ("2", "B", "2021-02-09")])
    periods = place_articles(frame, "month")
    counts = count_by_period(pd.DataFrame({"article_id": ["1"], "country": ["Chad"]}), periods, ["country"], by=None)
    out = with_period_share(counts, periods, complete="country")
    assert out[["period", "n", "share_of_articles"]].values.tolist() == [["2021-01", 1, 1.0], ["2021-02", 0, 0.0]]


def test_sample_is_bounded_spread_and_repeatable():
    rows = [(f"a{i:03d}", "S", "2021-01-10") for i in range(60)] + [(f"b{i:03d}", "S", "2021-02-10") for i in range(5)]
    periods = place_articles(dated(rows), "month")
    sample = sample_per_period(periods, 20)
    assert len(sample) <= 20
    assert sample["period"].value_counts().to_dict() == {"2021-01": 15, "2021-02": 5}
    assert sample["article_id"].tolist() == sample_per_period(periods, 20)["article_id"].tolist()
    assert len(sample_per_period(periods, 100)) == 65


def test_sources_beyond_the_largest_are_pooled():
    frame = dated([("1", "A", ""), ("2", "A", ""), ("3", "B", ""), ("4", "C", ""), ("5", "D", "")])
    keep = top_sources(frame, 2)
    assert keep == ["A", "B"]  # ties broken by name
    grouped = group_sources(frame, keep)
    assert grouped["source"].tolist() == ["A", "A", "B", "other sources (2)", "other sources (2)"]
    assert group_sources(frame, ["A", "B", "C", "D"]) is frame


def test_missing_date_columns_are_named():
    with pytest.raises(KeyError, match="published_date"):
        place_articles(pd.DataFrame({"article_id": ["1"], "source": ["S"]}), "month")



def test_a_cut_that_is_not_a_date_is_named():
    with pytest.raises(ValueError, match="cut date 'after the sanctions' is not a date"):
        side_of_cut(dated([("a", "S", "2021-03-23")]), "after the sanctions")
