"""The corpus-level measures on a Dask cluster: the same numbers beyond one machine.

``plan`` cuts the input into partitions read by the package's own loader, ``pieces``
reads and measures one partition on a worker and checks the whole input as ``load_corpus``
does, ``measures`` (``mentions`` for the countries) describes each measure's per-partition
step and exact combination, ``run`` drives them on a scheduler that ``scheduler`` chooses (``client_for``).

    from analysis.partitioned import measure_corpus, TermCounts, Keyness, Attention
    out = measure_corpus("big.parquet", [TermCounts(by="source"), Keyness(), Attention()],
                         scheduler="local")

``view.open_corpus`` is what the notebooks call: the whole corpus in memory, or (a scheduler
given, or a large input) these measures over every article plus a fixed-seed sample.
"""
from .mentions import CountryMentions, CountryPositions
from .measures import (Articles, Attention, FramingRates, KwicSample, Keyness,
                       PhraseCounts, Sizes, TermCounts, sample_matches)
from .plan import PARTITION_BYTES, plan_corpus
from .run import measure_corpus, measure_partitioned
from .scheduler import PARTITIONED_ABOVE_BYTES, choose_scheduler, client_for, input_bytes
from .view import REPORT_MEASURES, SAMPLE_BYTES, ArticleSample, CorpusView, open_corpus

__all__ = [
    "measure_corpus", "measure_partitioned", "plan_corpus", "client_for", "choose_scheduler", "input_bytes",
    "PARTITION_BYTES", "PARTITIONED_ABOVE_BYTES",
    "TermCounts", "Keyness", "FramingRates", "CountryMentions", "CountryPositions", "Articles", "Attention", "Sizes",
    "KwicSample", "PhraseCounts", "sample_matches",
    "open_corpus", "CorpusView", "ArticleSample", "REPORT_MEASURES", "SAMPLE_BYTES",
]
