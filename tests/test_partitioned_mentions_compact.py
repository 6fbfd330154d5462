"""Country mentions are combined compact (categories, 32-bit offsets) and come out exactly as
``country_mentions`` gives them: the 1,000,000-article run of ``make bench-scale`` needed it
(the last merge of 17 million rows as strings passed 8 GB on a worker)."""
from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from analysis import load_corpus
from analysis.countries.mentions import country_mentions
from analysis.partitioned.mentions import CountryMentions, compact_mentions, concat_mentions, expand_mentions
from benchmarks import generate


def test_compact_pieces_concatenate_and_expand_to_the_same_rows(tmp_path):
    generate.write_corpus(tmp_path, 40)
    mentions = country_mentions(load_corpus(tmp_path))
    assert len(mentions) > 20 and mentions["iso3"].nunique() > 3
    ids = mentions["article_id"].unique()
    # pieces with different categories (each its own articles), one empty, in input order
    pieces = [mentions[mentions["article_id"].isin(ids[k::3])] for k in range(3)] + [mentions.iloc[:0]]
    compact = [compact_mentions(p) for p in pieces]
    assert compact[0]["iso3"].dtype == "category" and compact[0]["start"].dtype == "int32"
    assert set(compact[0]["iso3"].cat.categories) != set(compact[1]["iso3"].cat.categories)
    merged = concat_mentions([concat_mentions(compact[:2]), None, concat_mentions(compact[2:])])
    assert merged["country"].dtype == "category"  # still compact after two levels of merging
    assert merged.memory_usage(deep=True).sum() < 0.6 * mentions.memory_usage(deep=True).sum()
    measure = CountryMentions()
    assert_frame_equal(measure.finish(merged), mentions)
    assert_frame_equal(expand_mentions(compact_mentions(mentions)), mentions)


def test_offsets_too_large_for_32_bits_stay_64():
    row = pd.DataFrame({"article_id": ["a"], "sentence_id": [1], "start": [2**31], "end": [2**31 + 5],
                        "surface": ["China"], "iso3": ["CHN"], "country": ["China"], "kind": ["name"],
                        "is_bloc": [False]})
    compact = compact_mentions(row)
    assert compact["start"].dtype == "int64" and compact["sentence_id"].dtype == "int32"
    assert expand_mentions(compact)["start"].iloc[0] == 2**31
