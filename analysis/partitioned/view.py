"""What a notebook reads: the whole corpus in memory, or exact measures plus a sample.

``open_corpus(path, columns, scheduler)`` chooses the path (``scheduler.choose_scheduler``):

* **in memory** (no scheduler, input up to ``PARTITIONED_ABOVE_BYTES``): the corpus is loaded
  in this process (``load_corpus``); ``view.corpus`` is all of it and ``view.measure(m)`` runs
  the measure's ordinary verb on it (``m.whole``), exactly what the notebooks did before;
* **partitioned** (a scheduler given, or a larger input): one pass over every partition on the
  Dask scheduler computes the measures the notebooks take over every article
  (``REPORT_MEASURES``: every article's row without its text, term counts by source, framing
  rates, country mentions and positions) and, in the same pass, a fixed-seed sample of about
  ``SAMPLE_BYTES`` of articles (``ArticleSample``); ``view.measure(m)`` gives those exact
  results (a measure not computed in that pass costs one more pass), and ``view.corpus`` is
  the sample, for what needs the text itself (KWIC, dispersion, passages, n-grams, ...).

``view.articles`` is every article's row either way, and ``view.statement()`` says which path
was used, on how many articles, and what the sample is.

Inside a report, the pass's results are kept in the report's cache folder
(``corpus.cache.CACHE_ENV``), one file per measure, so the pass runs once per report and each
notebook reads back only the results it uses.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus.cache import CACHE_ENV, input_key
from ..corpus.combine import concat_corpora
from ..corpus.errors import CorpusWarning
from ..corpus.files import resolve_corpus_path
from ..corpus.load import Corpus, load_corpus
from ..measures.story import KEY_TERMS, STATE_NAMES
from .measures import Articles, FramingRates, PhraseCounts, Sizes, TermCounts
from .mentions import CountryMentions, CountryPositions
from .plan import PARTITION_BYTES
from .run import measure_partitioned
from .scheduler import choose_scheduler, client_for, input_bytes

#: Input bytes of the sample a partitioned notebook reads in memory: about the 10,000 articles
#: the in-memory report handles in three minutes and 3 GB (benchmarks/results-report.md).
SAMPLE_BYTES = 45_000_000
#: The sample's seed: the same articles for the same input, whatever the partitioning.
SAMPLE_SEED = 20240607

#: The measures every notebook of the report can take over all articles: computed in the one
#: partitioned pass (n-gram counts beyond single words are not: by source they grow with the
#: corpus almost as fast as the tokens; the notebooks take them from the sample).
REPORT_MEASURES = (
    Articles(),
    Sizes(),
    TermCounts(by="source", n=1),
    PhraseCounts(KEY_TERMS, by="source", name="key_terms"),
    PhraseCounts(STATE_NAMES, by="source", name="state_names"),
    FramingRates(by="source"),
    CountryMentions(),
    CountryPositions(),
)


def sample_hash(ids: pd.Series, seed: int) -> np.ndarray:
    """A 64-bit hash of each article id under ``seed``: it depends on the id alone."""
    return pd.util.hash_pandas_object(ids.astype("str"), index=False, hash_key=f"{seed:016d}"[-16:]).to_numpy()


def in_sample(ids: pd.Series, fraction: float, seed: int) -> np.ndarray:
    """Whether each article is in the fixed-seed sample of about ``fraction`` of the articles."""
    if fraction >= 1:
        return np.ones(len(ids), dtype=bool)
    return sample_hash(ids, seed) < np.uint64(int(fraction * 2.0 ** 64))


def article_subset(corpus: Corpus, keep: np.ndarray) -> Corpus:
    """The corpus of the articles where ``keep`` (aligned with ``corpus.articles``) holds;
    categorical columns keep only the categories their rows use."""
    ids = corpus.articles["article_id"][keep]

    def cut(frame: pd.DataFrame) -> pd.DataFrame:
        part = frame[frame["article_id"].isin(ids)] if len(frame) else frame
        for column in part.columns:
            if isinstance(part[column].dtype, pd.CategoricalDtype):
                part = part.assign(**{column: part[column].cat.remove_unused_categories()})
        return part.reset_index(drop=True)

    return Corpus(corpus.path, cut(corpus.articles), cut(corpus.paragraphs), cut(corpus.sentences),
                  cut(corpus.tokens), cut(corpus.removed))


@dataclass(frozen=True)
class ArticleSample:
    """The corpus of the articles whose id hashes (under ``seed``) below ``fraction`` of the
    hash range: about ``fraction`` of them, the same ones however the input is partitioned."""
    fraction: float
    seed: int = SAMPLE_SEED
    name: str = "sample"

    def whole(self, corpus: Corpus) -> Corpus:
        return article_subset(corpus, in_sample(corpus.articles["article_id"], self.fraction, self.seed))

    def part(self, corpus: Corpus) -> Corpus:
        return self.whole(corpus)

    def merge(self, partials: list[Corpus]) -> Corpus:
        return concat_corpora(partials)

    def finish(self, partial: Corpus) -> Corpus:
        return partial


def _spec(measure) -> str:
    """What a measure computes (its fields but its name): results are looked up by it."""
    fields = {f.name: getattr(measure, f.name) for f in dataclasses.fields(measure) if f.name != "name"}
    return f"{type(measure).__name__}{sorted(fields.items())!r}"


@dataclass
class CorpusView:
    """The corpus as a notebook reads it (module docstring)."""
    corpus: Corpus
    articles: pd.DataFrame
    scheduler: str | None = None
    source: tuple | None = None  # (path, columns) of a partitioned input
    results: dict = field(default_factory=dict)  # spec -> frame (partitioned, no report cache)

    @property
    def partitioned(self) -> bool:
        return self.scheduler is not None

    @property
    def sampled(self) -> bool:
        return self.partitioned and len(self.corpus.articles) < len(self.articles)

    def measure(self, measure) -> pd.DataFrame:
        """The measure over every article (module docstring)."""
        if not self.partitioned:
            return measure.whole(self.corpus)
        spec = _spec(measure)
        if spec not in self.results:
            path, columns = self.source
            stored = _stored(path, columns, [measure])
            if stored is None:
                with client_for(self.scheduler) as client:
                    stored = [measure_partitioned(path, [measure], client, columns)[measure.name]]
                _store(path, columns, [measure], stored)
            self.results[spec] = stored[0]
        return self.results[spec]

    def sample_note(self, what: str = "Drawn") -> str:
        """Nothing unless sampled; else a sentence for the captions of what the sample gives."""
        if not self.sampled:
            return ""
        return f" {what} from a fixed-seed sample of {len(self.corpus.articles):,} of the {len(self.articles):,} articles."

    def in_text(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` (with ``article_id``) whose article ``corpus`` holds: all of
        them in memory, the sample's when partitioned."""
        if not self.sampled:
            return frame
        return frame[frame["article_id"].isin(self.corpus.articles["article_id"])].reset_index(drop=True)

    def statement(self) -> str:
        """Which path this notebook used, in one line for its output."""
        n = len(self.articles)
        if not self.partitioned:
            return f"In memory: all {n:,} articles loaded in this process."
        where = "a local Dask cluster" if self.scheduler.startswith("local") else "the Dask scheduler given"
        m = len(self.corpus.articles)
        sample = (f"the sections that read the text itself use a fixed-seed sample of {m:,} of the {n:,} articles "
                  f"({m / n:.1%})" if n and m < n else f"the sample holds all {n:,} articles")
        return (f"Partitioned: counts by source, framing, country mentions and positions over all {n:,} articles, "
                f"computed partition by partition on {where} and combined exactly; {sample}.")


def _cache_file(path, columns, measure) -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    key = input_key(resolve_corpus_path(path).resolve(), columns)
    digest = hashlib.sha256(_spec(measure).encode()).hexdigest()[:16]
    return Path(folder) / f"{key}-{digest}.measure.pickle"


def _stored(path, columns, measures: Sequence) -> list | None:
    """The results of ``measures`` a previous notebook of this report left, if all are there."""
    files = [_cache_file(path, columns, m) for m in measures]
    if not files or any(f is None or not f.is_file() for f in files):
        return None
    out = []
    for file in files:
        with file.open("rb") as stream:
            out.append(pickle.load(stream))
    return out


def _store(path, columns, measures: Sequence, results: Sequence) -> None:
    for measure, result in zip(measures, results):
        file = _cache_file(path, columns, measure)
        if file is None:
            return
        partial = file.with_name(f"{file.name}.{os.getpid()}.partial")
        with partial.open("wb") as stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, file)


def open_corpus(path=None, columns: Mapping[str, str] | None = None, scheduler: str | None = None,
                sample_bytes: int = SAMPLE_BYTES, partition_bytes: int = PARTITION_BYTES) -> CorpusView:
    """The corpus at ``path`` as a notebook reads it, in memory or partitioned (module docstring).
    ``scheduler``: None (partitioned only above ``PARTITIONED_ABOVE_BYTES``), ``"local"``,
    ``"local:N"`` or a Dask scheduler's address."""
    chosen = choose_scheduler(path, scheduler)
    if chosen is None:
        corpus = load_corpus(path, columns)
        return CorpusView(corpus, corpus.articles)
    target = resolve_corpus_path(path).resolve()
    sample = ArticleSample(min(1.0, sample_bytes / max(input_bytes(target), 1)))
    measures = [*REPORT_MEASURES, sample]
    results = {}
    if not all(f is not None and f.is_file() for f in (_cache_file(target, columns, m) for m in measures)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with client_for(chosen) as client:
                computed = measure_partitioned(target, measures, client, columns, partition_bytes)
        given = [(str(w.message), w.category, w.filename, w.lineno) for w in caught
                 if issubclass(w.category, CorpusWarning)]  # the input's, not the cluster's
        computed[sample.name] = (computed[sample.name], given)  # the warnings travel with the sample
        _store(target, columns, measures, [computed[m.name] for m in measures])
        if os.environ.get(CACHE_ENV) is None:  # no report cache: this view keeps them
            results = {_spec(m): computed[m.name] for m in measures}
    if not results:  # read back only what every notebook needs; the rest when asked for
        results = dict(zip(map(_spec, [Articles(), sample]), _stored(target, columns, [Articles(), sample])))
    corpus, given = results.pop(_spec(sample))
    for message, category, filename, lineno in given:  # the input's warnings, in every notebook
        warnings.warn_explicit(message, category, filename, lineno)
    corpus = dataclasses.replace(corpus, path=target)
    return CorpusView(corpus, results[_spec(Articles())], chosen, (target, columns), results)
