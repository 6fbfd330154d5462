"""``published`` as a date with its precision kept.

The ``published`` string is kept as given.  Beside it, each article gets the interval the
value allows:

* ``published_date`` — its start (UTC, ``datetime64``); ``NaT`` when blank, unparseable
  or an interval open at the start (``../2021-03-23``);
* ``published_end`` — its end, exclusive (UTC): the next day for a day, the next month
  for a month (``2019-07``), the next year for a year, the instant itself for a time;
  ``NaT`` for an interval open at the end (the seeds' ``2021-03-23/..`` = that day or later);
* ``published_precision`` — ``time``, ``day``, ``month`` or ``year`` (of the start, or of
  the end when the start is open), blank when there is no date.

Times with a zone are converted to UTC; times without one are taken as UTC.  Values
understood: ISO 8601 / EDTF dates (``2021``, ``2021-03``, ``2021-03-23``, with a time),
EDTF intervals (``A/B``, ``A/..``, ``../B``), e-mail style dates (``Tue, 23 Mar 2021
10:00:00 GMT``) and what pandas reads unambiguously (``March 23, 2021``).
"""
from __future__ import annotations

import re
import warnings
from email.utils import parsedate_to_datetime
from functools import lru_cache

import pandas as pd

from .errors import shown, warn

DATE_COLUMNS = ["published_date", "published_end", "published_precision"]
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_HAS_TIME = re.compile(r"\d:\d\d")
_OPEN = {"..", ""}
NONE = (pd.NaT, pd.NaT, "")


def _utc(value: pd.Timestamp) -> pd.Timestamp:
    return value.tz_localize("UTC") if value.tzinfo is None else value.tz_convert("UTC")


def _point(text: str) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """``(start, end, precision)`` of one date or time, or None if it is not one."""
    text = text.strip()
    try:
        if m := _YEAR.match(text):
            start = pd.Timestamp(int(m[1]), 1, 1, tz="UTC")
            return start, start + pd.DateOffset(years=1), "year"
        if m := _MONTH.match(text):
            start = pd.Timestamp(int(m[1]), int(m[2]), 1, tz="UTC")
            return start, start + pd.DateOffset(months=1), "month"
        if m := _DAY.match(text):
            start = pd.Timestamp(int(m[1]), int(m[2]), int(m[3]), tz="UTC")
            return start, start + pd.Timedelta(days=1), "day"
    except ValueError:  # 2021-13, 2021-02-30
        return None
    value = None
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        try:
            value = pd.Timestamp(text)
        except ValueError:
            return None
    if value is None and re.match(r"^[A-Za-z]{3}, ", text):
        try:
            value = pd.Timestamp(parsedate_to_datetime(text))
        except (TypeError, ValueError):
            value = None
    if value is None and re.search(r"[A-Za-z]{3}", text) and re.search(r"\d{4}", text):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = pd.Timestamp(pd.to_datetime(text))
        except (ValueError, OverflowError, TypeError):
            return None
    if value is None or value is pd.NaT:
        return None
    value = _utc(value)
    if _HAS_TIME.search(text):
        return value, value, "time"
    value = value.normalize()
    return value, value + pd.Timedelta(days=1), "day"


@lru_cache(maxsize=100_000)
def parse_published(text: str) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """``(start, end, precision)`` of a ``published`` value; ``NONE`` when blank, None when
    it cannot be read."""
    text = text.strip()
    if not text:
        return NONE
    if "/" in text and not re.search(r"[A-Za-z]{3}", text):
        first, _, last = text.partition("/")
        if first.strip() in _OPEN and last.strip() in _OPEN:
            return None
        start = None if first.strip() in _OPEN else _point(first)
        end = None if last.strip() in _OPEN else _point(last)
        if (first.strip() not in _OPEN and start is None) or (last.strip() not in _OPEN and end is None):
            return None
        if start and end and end[1] < start[0]:
            return None
        return (start[0] if start else pd.NaT, end[1] if end else pd.NaT, (start or end)[2])
    return _point(text)


def date_fields(text: str, bad: list, label) -> dict:
    """The ``published_*`` fields of one article; an unreadable value is recorded in ``bad``."""
    parsed = parse_published(text)
    if parsed is None:
        bad.append((label, text))
        parsed = NONE
    return dict(zip(DATE_COLUMNS, parsed))


def warn_unparsed(bad: list, where: str) -> None:
    """One warning naming the articles whose ``published`` could not be read."""
    if not bad:
        return
    listed = shown([f"{label}: {text!r}" for label, text in bad], sep="; ")
    warn(f"{where}: published date not understood in {len(bad)} article(s) ({listed}); "
         "their published_date is empty (the published text is kept)", where)


def date_frame_columns(articles: pd.DataFrame) -> None:
    """Give the ``published_*`` columns their dtypes (in place)."""
    for column in ("published_date", "published_end"):
        if column in articles:
            articles[column] = pd.to_datetime(articles[column], utc=True).astype("datetime64[us, UTC]")
