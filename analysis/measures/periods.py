"""Periods: each article placed in a week, month, quarter or year, or honestly left undated.

A period is just another grouping column.  ``place_articles`` gives every article its
``period`` label; ``attention`` counts articles per source and period; ``count_by_period``
counts the rows of any per-article frame (phrase matches, country mentions, placements)
per period; ``side_of_cut`` splits the articles before and after a date.

Placing dates honestly
----------------------
``published`` is an interval ``[published_date, published_end)`` (``corpus.dates``): a day
is one day long, a month-only date (``2019-07``) one month, a time an instant.  An article
is placed in a period only when its whole interval lies inside that period: a day in its
week, month, quarter and year; a month-only date in its month, quarter and year but in no
week (a month spans several weeks); a year-only date only in its year.  Otherwise it is
*undated at that unit*, with the reason: ``no date``, ``open interval`` (the seeds'
``2021-03-23/..``: that day or later, so no period can hold it), or ``spans more than one
<unit>``.  Nothing is spread or guessed.

Labels: ``YYYY``; ``YYYY-Qn``; ``YYYY-MM``; ISO weeks ``YYYY-Www`` (Monday to Sunday,
numbered in the ISO year, so 2021-01-01 is in ``2020-W53``).  Labels sort in time order.

Choosing the unit: the finest of week, month, quarter and year that gives at most
``MAX_PERIODS`` periods between the first and the last dated article (by start date).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

UNITS = ("week", "month", "quarter", "year")
#: pandas period frequency of each unit (ISO weeks run Monday to Sunday).
FREQUENCIES = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
#: The automatic unit is the finest with at most this many periods over the span.
MAX_PERIODS = 40
PERIOD_COLUMNS = ["article_id", "source", "period", "period_start", "undated_reason"]
ATTENTION_COLUMNS = ["source", "period", "n_articles", "share"]
SIDES = ("before", "after")


def _check_dates(articles: pd.DataFrame) -> None:
    missing = [c for c in ("article_id", "source", "published_date", "published_end") if c not in articles]
    if missing:
        raise KeyError(f"articles frame lacks column(s) {', '.join(missing)} (load it with load_corpus)")


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")


def _naive(values: pd.Series) -> pd.Series:
    """Timestamps as naive UTC (periods are counted in UTC, as the loader stores dates)."""
    values = pd.to_datetime(values, utc=True)
    return values.dt.tz_convert(None)


def period_starts(values: pd.Series, unit: str) -> pd.Series:
    """The start (naive UTC) of the ``unit`` holding each timestamp; ``NaT`` stays ``NaT``."""
    _check_unit(unit)
    return _naive(values).dt.to_period(FREQUENCIES[unit]).dt.start_time


def period_labels(starts: pd.Series, unit: str) -> pd.Series:
    """``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-Www`` (ISO year and week) of period starts."""
    _check_unit(unit)
    starts = pd.Series(pd.to_datetime(starts), copy=False)
    known = starts.notna()
    out = pd.Series(pd.NA, index=starts.index, dtype="str")
    if not known.any():
        return out
    s = starts[known]
    if unit == "year":
        text = s.dt.strftime("%Y")
    elif unit == "quarter":
        text = s.dt.strftime("%Y") + "-Q" + s.dt.quarter.astype(str)
    elif unit == "month":
        text = s.dt.strftime("%Y-%m")
    else:
        iso = s.dt.isocalendar()
        text = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    out[known] = text.astype("str")
    return out


def period_label(value, unit: str) -> str:
    """The label of the ``unit`` holding one date or timestamp (a naive one is taken as UTC)."""
    return period_labels(period_starts(pd.Series([pd.Timestamp(value)]), unit), unit).iloc[0]


def choose_unit(articles: pd.DataFrame, max_periods: int = MAX_PERIODS) -> str:
    """The finest unit giving at most ``max_periods`` periods from the first to the last
    article start date (``year`` when no article has one)."""
    _check_dates(articles)
    dates = articles["published_date"].dropna()
    if dates.empty:
        return "year"
    for unit in UNITS:
        first, last = period_starts(pd.Series([dates.min(), dates.max()]), unit)
        n = len(pd.period_range(first, last, freq=FREQUENCIES[unit]))
        if n <= max_periods:
            return unit
    return "year"


def place_articles(articles: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Each article's period at ``unit`` (module docstring), one row per article in
    ``articles`` order: ``article_id``, ``source``, ``period`` (label, ``NA`` when undated),
    ``period_start`` (naive UTC) and ``undated_reason`` (blank when placed)."""
    _check_dates(articles)
    _check_unit(unit)
    start, end = pd.to_datetime(articles["published_date"], utc=True), pd.to_datetime(articles["published_end"], utc=True)
    last = end.where(end <= start, end - pd.Timedelta(microseconds=1))  # end is exclusive; an instant is its own end
    first_period, last_period = period_starts(start, unit), period_starts(last, unit)
    placed = (first_period == last_period).to_numpy() & start.notna().to_numpy() & end.notna().to_numpy()
    reason = np.where(start.isna() & end.isna(), "no date",
                      np.where(start.isna() | end.isna(), "open interval", f"spans more than one {unit}"))
    period_start = first_period.where(placed)
    return pd.DataFrame({
        "article_id": articles["article_id"].astype("str").to_numpy(),
        "source": articles["source"].astype("str").to_numpy(),
        "period": period_labels(period_start, unit).to_numpy(),
        "period_start": period_start.to_numpy(),
        "undated_reason": pd.array(np.where(placed, "", reason), dtype="str"),
    }, columns=PERIOD_COLUMNS)


def period_range(periods: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Every period from the first to the last placed article, gaps included:
    ``period`` and ``period_start``, in time order (empty when nothing is placed)."""
    starts = periods["period_start"].dropna()
    if starts.empty:
        return pd.DataFrame({"period": pd.Series([], dtype="str"), "period_start": pd.Series([], dtype="datetime64[us]")})
    span = pd.period_range(starts.min(), starts.max(), freq=FREQUENCIES[unit]).start_time
    span = pd.Series(span.astype("datetime64[us]"))
    return pd.DataFrame({"period": period_labels(span, unit), "period_start": span})


def attention(articles: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """Articles per source per period and each source's share of the period's articles.

    One row per source x period from the first to the last placed period (zeros included):
    ``source``, ``period``, ``n_articles``, ``share`` (= the source's articles / all placed
    articles of the period; NaN for a period with none).  ``unit`` None: ``choose_unit``.
    Undated articles are left out (count them with ``undated_summary``).  Sources sorted,
    periods in time order."""
    unit = unit or choose_unit(articles)
    periods = place_articles(articles, unit)
    span = period_range(periods, unit)
    sources = pd.Series(sorted(periods["source"].unique()), dtype="str", name="source")
    grid = pd.DataFrame({"source": sources}).merge(span[["period"]], how="cross")
    placed = periods[periods["period"].notna()]
    n = placed.groupby(["source", "period"], sort=False).size().rename("n_articles")
    out = grid.join(n, on=["source", "period"])
    out["n_articles"] = out["n_articles"].fillna(0).astype("int64")
    total = out.groupby("period", sort=False)["n_articles"].transform("sum")
    out["share"] = out["n_articles"] / total.where(total > 0)
    return out[ATTENTION_COLUMNS].reset_index(drop=True)


def undated_summary(periods: pd.DataFrame) -> pd.DataFrame:
    """Articles left undated by ``place_articles``, per source and reason: ``source``,
    ``undated_reason``, ``n_articles`` (sorted by source, then reason)."""
    undated = periods[periods["period"].isna()]
    out = undated.groupby(["source", "undated_reason"], sort=True).size().rename("n_articles").reset_index()
    return out.astype({"n_articles": "int64"})


def top_sources(articles: pd.DataFrame, k: int = 12) -> list[str]:
    """The ``k`` sources with the most articles (ties by name), to keep charts to ``k`` lines."""
    n = articles.groupby("source", sort=True).size()
    return sorted(n.sort_values(ascending=False, kind="stable").index[:k])


def group_sources(articles: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """``articles`` with every source not in ``keep`` renamed ``"other sources (N)"``, so
    any verb then counts them pooled as one line."""
    others = sorted(set(articles["source"]) - set(keep))
    if not others:
        return articles
    label = f"other sources ({len(others)})"
    return articles.assign(source=articles["source"].where(articles["source"].isin(keep), label))


def count_by_period(rows: pd.DataFrame, periods: pd.DataFrame, columns: list[str], by: str | None = "source") -> pd.DataFrame:
    """Rows of a per-article frame (phrase matches, country mentions, placements: anything
    with ``article_id``) counted per (``by``, ``period``, ``columns``): ``n`` (rows) and
    ``n_articles`` (distinct articles).  Rows of undated articles are left out.  ``by``
    None pools the sources.  Sorted by the keys, periods in time order."""
    keys = ([by] if by else []) + ["period"] + list(columns)
    placed = periods.loc[periods["period"].notna(), ["article_id", "source", "period"]]
    joined = rows[["article_id", *columns]].astype({"article_id": "str"}).merge(placed, on="article_id", how="inner")
    out = joined.groupby(keys, sort=True).agg(n=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    return out.astype({"n": "int64", "n_articles": "int64"})


def as_cut(value) -> pd.Timestamp:
    """A cut date as a UTC timestamp (a date string is its UTC midnight); a clear error
    naming the value when it is not a date."""
    try:
        cut = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"cut date {value!r} is not a date: write it as YYYY-MM-DD") from error
    if cut is pd.NaT:
        raise ValueError(f"cut date {value!r} is not a date: write it as YYYY-MM-DD")
    return cut.tz_localize("UTC") if cut.tzinfo is None else cut.tz_convert("UTC")


def side_of_cut(articles: pd.DataFrame, cut) -> pd.DataFrame:
    """Each article ``before`` or ``after`` the date ``cut`` (UTC midnight of a date string):
    before when its interval ends at or before the cut, after when it starts at or after
    it (an open-ended interval starting after the cut is after), else ``NA`` with the
    reason (``no date``, ``holds the cut``; an interval open towards the cut holds it).
    Columns: ``article_id``, ``source``, ``side``, ``undated_reason``."""
    _check_dates(articles)
    cut = as_cut(cut)
    start, end = pd.to_datetime(articles["published_date"], utc=True), pd.to_datetime(articles["published_end"], utc=True)
    instant = start.notna() & (end == start)
    before = (end.notna() & (end <= cut) & ~instant) | (instant & (start < cut))
    after = start.notna() & (start >= cut)
    side = np.where(before, "before", np.where(after, "after", None))
    reason = np.where(side != None, "", np.where(start.isna() & end.isna(), "no date", "holds the cut"))  # noqa: E711
    return pd.DataFrame({
        "article_id": articles["article_id"].astype("str").to_numpy(),
        "source": articles["source"].astype("str").to_numpy(),
        "side": pd.array(side, dtype="str"),
        "undated_reason": pd.array(reason, dtype="str"),
    })


def default_cut(articles: pd.DataFrame, unit: str) -> pd.Timestamp | None:
    """The default date to compare before and after: the start of the ``unit`` holding the
    (upper) median start date of the dated articles (so about half fall on each side, on a period
    boundary); None when no article has a date."""
    dates = pd.to_datetime(articles["published_date"], utc=True).dropna()
    if dates.empty:
        return None
    median = dates.sort_values(kind="stable").iloc[len(dates) // 2]  # the upper median
    return period_starts(pd.Series([median]), unit).iloc[0]


def sample_per_period(periods: pd.DataFrame, n_max: int) -> pd.DataFrame:
    """At most ``n_max`` placed articles, spread evenly over the periods (the same number
    from each, a smaller period giving all it has), chosen by a fixed hash of
    ``article_id`` so the sample is the same on every run; all placed articles when there
    are at most ``n_max``.  In ``periods`` order."""
    placed = periods[periods["period"].notna()]
    if len(placed) <= n_max:
        return placed
    key = pd.util.hash_pandas_object(placed["article_id"], index=False).to_numpy()
    ranked = placed.assign(_key=key).sort_values(["period", "_key"], kind="stable")
    rank = ranked.groupby("period", sort=False).cumcount().to_numpy()
    sizes = np.sort(placed.groupby("period").size().to_numpy())
    # the largest per-period quota q with sum(min(size, q)) <= n_max
    quota = 0
    for q in range(1, int(sizes.max()) + 1):
        if np.minimum(sizes, q).sum() > n_max:
            break
        quota = q
    chosen = set(ranked.loc[rank < quota, "article_id"])
    return placed[placed["article_id"].isin(chosen)]


def with_period_share(counts: pd.DataFrame, periods: pd.DataFrame, complete: str | None = None) -> pd.DataFrame:
    """``counts`` (from ``count_by_period`` with ``by=None``) with ``articles_in_period`` and
    ``share_of_articles`` = ``n_articles / articles_in_period``.  ``complete`` (a column of
    ``counts``): add a zero row for each of its values in every period with placed articles
    where it is absent.  Sorted by period, then the other keys."""
    sizes = periods[periods["period"].notna()].groupby("period").size().rename("articles_in_period")
    if complete is not None:
        grid = pd.DataFrame({"period": pd.Series(sizes.index, dtype="str")}).merge(
            pd.DataFrame({complete: pd.Series(sorted(counts[complete].unique()), dtype="str")}), how="cross")
        counts = grid.merge(counts, on=["period", complete], how="left")
        counts[["n", "n_articles"]] = counts[["n", "n_articles"]].fillna(0).astype("int64")
    out = counts.join(sizes, on="period")
    out["articles_in_period"] = out["articles_in_period"].astype("int64")
    out["share_of_articles"] = out["n_articles"] / out["articles_in_period"]
    return out
