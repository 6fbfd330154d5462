"""Country mentions and positions per article, computed per partition and concatenated.

Mentions are the largest rows a partitioned run combines (about 17 million at 1,000,000
articles, which the last merge and the client hold at once), so they travel compact
(``compact_mentions``: categories and 32-bit offsets) and are expanded to the verb's dtypes
at the end.  Positions keep one vote per article (``country_positions``), so they are exact
per partition.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..corpus.load import Corpus
from ..countries.mentions import country_mentions
from ..countries.reading import country_positions
from .measures import Rows


#: Columns of ``country_mentions`` with few distinct values: categories while combined.
MENTION_CATEGORIES = ("surface", "iso3", "country", "kind")
#: Its offsets: 32-bit while combined (when they fit).
MENTION_OFFSETS = ("sentence_id", "start", "end")


def compact_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """Country mentions in about a third of the memory while they are combined (about 17
    million rows at 1,000,000 articles, which the last merge and the client hold at once):
    ``MENTION_CATEGORIES`` as categories, ``MENTION_OFFSETS`` as int32 when they fit."""
    small = {c: "int32" for c in MENTION_OFFSETS if frame.empty or frame[c].max() < 2**31}
    return frame.astype({**{c: "category" for c in MENTION_CATEGORIES}, **small})


def concat_mentions(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    """Frames of ``compact_mentions`` concatenated, each category column kept a category over
    the union of the frames' categories (``pd.concat`` would turn it into strings)."""
    frames = [f for f in frames if f is not None]
    if not frames:
        return None
    out = pd.concat([f.drop(columns=list(MENTION_CATEGORIES)) for f in frames], ignore_index=True)
    for column in MENTION_CATEGORIES:
        out[column] = pd.api.types.union_categoricals([f[column] for f in frames], ignore_order=True)
    return out[list(frames[0].columns)]


def expand_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """``compact_mentions`` undone: the dtypes of ``country_mentions``."""
    return frame.astype({**{c: str for c in MENTION_CATEGORIES}, **{c: "int64" for c in MENTION_OFFSETS}})


@dataclass(frozen=True)
class CountryMentions(Rows):
    """``country_mentions``: one row per mention (combined as ``compact_mentions``)."""
    order: tuple = ("article_id", "start")
    name: str = "mentions"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return country_mentions(corpus)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return compact_mentions(country_mentions(corpus))

    def merge(self, partials: list[pd.DataFrame]) -> pd.DataFrame:
        return concat_mentions(partials)

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        return super().finish(expand_mentions(partial))


@dataclass(frozen=True)
class CountryPositions(Rows):
    """``country_positions``: one row per (article, country, event, position) stated."""
    record: str | None = None
    subject: str = "CHN"
    order: tuple = ("article_id", "start", "event")
    name: str = "positions"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return country_positions(corpus, self.record, self.subject)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return self.whole(corpus)
