"""The corpus-level measures, each computed per partition and combined exactly.

A measure is a small, picklable description (``TermCounts(by="source")``) with four steps:

* ``part(corpus)``: the ordinary verb of the package on one partition's ``Corpus``, cut to
  what combines (counts, not rates; rows per article; a sample);
* ``merge(partials)``: partials of several partitions into one (run in a tree on the
  workers, so only one small result reaches the client; associative);
* ``finish(partial)``: the result, by the same code as the verb's last step
  (``counts.with_rate_and_rank``, ``framing.rates_from_counts``, ``keyness`` itself);
* ``whole(corpus)``: the ordinary verb on the whole corpus: the in-memory path, which the
  tests hold the partitioned one equal to.

How each combines: term and n-gram counts by any grouping sum their ``n`` per group and
term and the groups' token totals (numerators and denominators, never rates); keyness is
the ordinary ``keyness`` of the combined counts; framing rates sum matches and token totals
per group and phrase; country mentions, positions (``country_positions`` keeps one vote per
article, so it is exact per article) and the per-article rows behind corpus sizes and
attention over time are concatenated (a partition holds whole articles) and sorted as the
verb sorts them; a KWIC sample keeps the ``k`` matches with the smallest hash of
``(article_id, start)`` under ``seed`` in every partition and again when combining, so it is
the same sample whatever the partitioning.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..corpus.load import Corpus
from ..measures.codes import group_codes
from ..measures.context import kwic
from ..config import PER_THOUSAND
from ..measures.counts import add_source, count_terms, group_columns, with_rate_and_rank
from ..measures.framing import framing_rates, load_framing_lexicon, rates_from_counts
from ..measures.phrases import count_phrases
from ..measures.keyness import keyness
from ..measures.overview import source_summary
from ..measures.periods import attention, place_articles
from ..measures.time import with_article_column

ARTICLE_LEVEL = ("article_id", "paragraph_id", "sentence_id")


def tokens_by(corpus: Corpus, columns: list[str], unit: str | None = None) -> pd.DataFrame:
    """The corpus's tokens with the article-level columns ``columns`` name (``source``, an
    article column, or ``period`` at ``unit``) joined on."""
    tokens, articles = corpus.tokens, corpus.articles
    for column in columns:
        if column in tokens:
            continue
        if column == "source":
            tokens = add_source(tokens, articles)
        elif column == "period":
            if unit is None:
                raise ValueError('counting by "period" needs its unit (unit="month", ...): the same for every partition')
            tokens = with_article_column(tokens, place_articles(articles, unit), "period")
        else:
            if column not in articles:  # a JSON-lines column no row of this partition has
                articles = articles.assign(**{column: ""})
            tokens = with_article_column(tokens, articles, column)
    return tokens


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None]
    return pd.concat(frames, ignore_index=True) if frames else None


@dataclass(frozen=True)
class TermCounts:
    """``count_terms`` by any grouping (a unit, token or article columns, ``period``)."""
    by: str | tuple | None = "source"
    n: int = 1
    drop_stop: bool = True
    alpha_only: bool = True
    unit: str | None = None
    name: str = "counts"

    @property
    def columns(self) -> list[str]:
        return group_columns(list(self.by) if isinstance(self.by, tuple) else self.by)

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        tokens = tokens_by(corpus, self.columns, self.unit)
        return count_terms(tokens, self.columns, self.n, self.drop_stop, self.alpha_only)

    def part(self, corpus: Corpus) -> dict:
        tokens = tokens_by(corpus, self.columns, self.unit)
        counts = count_terms(tokens, self.columns, self.n, self.drop_stop, self.alpha_only)
        group, keys = group_codes(tokens, self.columns)  # every token of each group, as count_terms counts them
        keys["total_tokens"] = np.bincount(group[group >= 0], minlength=len(keys)).astype(np.int64)
        return {"counts": counts[[*self.columns, "term", "n"]], "totals": keys}

    def merge(self, partials: list[dict]) -> dict:
        counts = _concat([p["counts"] for p in partials])
        totals = _concat([p["totals"] for p in partials])
        counts = counts.groupby([*self.columns, "term"], sort=False, observed=True)["n"].sum().reset_index()
        if self.columns:
            totals = totals.groupby(self.columns, sort=False, observed=True)["total_tokens"].sum().reset_index()
        else:
            totals = pd.DataFrame({"total_tokens": [totals["total_tokens"].sum()]})
        return {"counts": counts, "totals": totals}

    def finish(self, partial: dict) -> pd.DataFrame:
        counts, totals = partial["counts"], partial["totals"]
        out = counts.merge(totals, on=self.columns, how="left") if self.columns else counts.assign(
            total_tokens=totals["total_tokens"].iloc[0])
        order = [*self.columns, "n", "term"]
        out = out.sort_values(order, ascending=[True] * len(self.columns) + [False, True], kind="stable")
        out = out.reset_index(drop=True).astype({"n": np.int64, "total_tokens": np.int64})
        group, _ = group_codes(out, self.columns)
        return with_rate_and_rank(out, group)


@dataclass(frozen=True)
class Keyness:
    """``keyness`` of the combined ``count_terms`` by ``by`` (one group per value)."""
    by: str = "source"
    n: int = 1
    target: str | None = None
    min_count: int = 2
    correction: str = "fdr_bh"
    name: str = "keyness"

    @property
    def counts(self) -> TermCounts:
        return TermCounts(by=self.by, n=self.n)

    def _keyness(self, counts: pd.DataFrame) -> pd.DataFrame:
        return keyness(counts, self.target, group=self.by, min_count=self.min_count, correction=self.correction)

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return self._keyness(self.counts.whole(corpus))

    def part(self, corpus: Corpus) -> dict:
        return self.counts.part(corpus)

    def merge(self, partials: list[dict]) -> dict:
        return self.counts.merge(partials)

    def finish(self, partial: dict) -> pd.DataFrame:
        return self._keyness(self.counts.finish(partial))


@dataclass(frozen=True)
class PhraseCounts:
    """``count_phrases`` by any grouping; ``phrases``: phrase -> label (a mapping, kept as
    its items so the measure stays hashable)."""
    phrases: tuple
    by: str | tuple | None = "source"
    name: str = "phrases"

    def __post_init__(self):
        if isinstance(self.phrases, dict):
            object.__setattr__(self, "phrases", tuple(self.phrases.items()))

    @property
    def columns(self) -> list[str]:
        return group_columns(list(self.by) if isinstance(self.by, tuple) else self.by)

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return count_phrases(tokens_by(corpus, self.columns), dict(self.phrases), self.columns or None)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return self.whole(corpus).drop(columns="rate_per_1000")

    def merge(self, partials: list[pd.DataFrame]) -> pd.DataFrame:
        keys = [*self.columns, "label"]
        return _concat(partials).groupby(keys, sort=False, observed=True)[["n", "total_tokens"]].sum().reset_index()

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        order = {label: i for i, label in enumerate(dict.fromkeys(label for _, label in self.phrases))}
        out = partial.astype({"n": "int64", "total_tokens": "int64"})
        out["rate_per_1000"] = PER_THOUSAND * out["n"] / out["total_tokens"]
        out = out.assign(_order=out["label"].map(order)).sort_values([*self.columns, "_order"], kind="stable")
        return out.drop(columns="_order").reset_index(drop=True)


@dataclass(frozen=True)
class FramingRates:
    """``framing_rates`` by ``by`` (an article column); ``lexicon``: a CSV path or None."""
    by: str = "source"
    lexicon: str | None = None
    name: str = "framing"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return framing_rates(corpus.tokens, load_framing_lexicon(self.lexicon), self.by, articles=corpus.articles)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return self.whole(corpus)[[self.by, "phrase", "n", "total_tokens"]]

    def merge(self, partials: list[pd.DataFrame]) -> pd.DataFrame:
        return _concat(partials).groupby([self.by, "phrase"], sort=False)[["n", "total_tokens"]].sum().reset_index()

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        lexicon = load_framing_lexicon(self.lexicon).reset_index(names="_row")[["_row", "concept", "phrase"]]
        grid = partial.merge(lexicon, on="phrase", how="left", validate="many_to_one")
        return rates_from_counts(grid.astype({"n": "int64", "total_tokens": "int64"}), self.by)


@dataclass(frozen=True)
class Rows:
    """A per-article verb whose rows concatenate; ``order``: the verb's sort."""
    order: tuple = ("article_id",)

    def merge(self, partials: list[pd.DataFrame]) -> pd.DataFrame:
        return _concat(partials)

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        return partial.sort_values(list(self.order), kind="stable").reset_index(drop=True)


def article_rows(corpus: Corpus) -> pd.DataFrame:
    """The articles frame without the texts: one small row per article."""
    return corpus.articles.drop(columns=["text", "raw_text"], errors="ignore")


@dataclass(frozen=True)
class Articles(Rows):
    """The articles frame without the texts (metadata and sizes of every article)."""
    name: str = "articles"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return article_rows(corpus)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return article_rows(corpus)


@dataclass(frozen=True)
class Attention(Rows):
    """``attention``: articles per source per period (``unit`` None: ``choose_unit`` on
    every article's date, as the verb does)."""
    unit: str | None = None
    name: str = "attention"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return attention(corpus.articles, self.unit)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return corpus.articles[["article_id", "source", "published_date", "published_end"]]

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        return attention(super().finish(partial), self.unit)


@dataclass(frozen=True)
class Sizes(Rows):
    """``source_summary``: articles, tokens and sentences per source."""
    name: str = "sizes"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        return source_summary(corpus)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return corpus.articles[["article_id", "source", "n_sentences", "n_tokens", "n_removed_lines"]]

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        empty = pd.DataFrame()
        return source_summary(Corpus(None, super().finish(partial), empty, empty, empty, empty))


def sample_matches(frame: pd.DataFrame, k: int, seed: int) -> pd.DataFrame:
    """The ``k`` rows with the smallest hash of ``(article_id, start)`` under ``seed`` (ties:
    article_id, start), in article and position order: the same rows whatever the
    partitioning, since each row's hash depends on the row alone."""
    key = pd.util.hash_pandas_object(
        pd.DataFrame({"article_id": frame["article_id"].astype("str"), "start": frame["start"].astype("int64")}),
        index=False, hash_key=f"{seed:016d}"[-16:])
    ranked = frame.assign(_key=key.to_numpy(), _id=frame["article_id"].astype("str"))
    ranked = ranked.sort_values(["_key", "_id", "start"], kind="stable").head(k)
    return ranked.sort_values(["_id", "start"], kind="stable").drop(columns=["_key", "_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class KwicSample:
    """A sample of ``k`` rows of ``kwic`` (with ``source``), fixed by ``seed``."""
    pattern: str
    window: int | str = 5
    regex: bool = False
    k: int = 20
    seed: int = 0
    name: str = "kwic"

    def whole(self, corpus: Corpus) -> pd.DataFrame:
        frame = kwic(add_source(corpus.tokens, corpus.articles), corpus.articles, self.pattern, self.window, self.regex)
        return sample_matches(frame, self.k, self.seed)

    def part(self, corpus: Corpus) -> pd.DataFrame:
        return self.whole(corpus)

    def merge(self, partials: list[pd.DataFrame]) -> pd.DataFrame:
        return sample_matches(_concat(partials), self.k, self.seed)

    def finish(self, partial: pd.DataFrame) -> pd.DataFrame:
        return partial.reset_index(drop=True)
