"""Build the corpus frames: articles, paragraphs, sentences, tokens and the cleaning report.

``load_corpus(path)`` reads a corpus folder of ``.txt``/``.html`` files (``files``,
``metadata``, ``html``) or one table file (``tables``), cleans each article (``cleaning``),
reads its date (``dates``) and has the engine split the cleaned texts into paragraphs,
sentences and tokens (``engine`` applying ``rules``), of which ``frames`` builds the frames.
Every span is a ``start``/``end`` character offset into the article's cleaned ``text``.

Words and ids are stored once, as categoricals (``frames``): every verb groups on their
codes; ``combine.concat_corpora`` puts corpora with different vocabularies together.

Input files are only ever opened for reading.  After loading, one ``CorpusWarning`` each names
the articles with no word token, those in a script written without spaces (``rules.UNSPACED_SCRIPT``)
and those with a token over ``rules.MAX_TOKEN_CHARS`` (``warn_about_words``).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from . import engine
from .cache import cached_load
from .cleaning import REMOVED_COLUMNS, clean_text
from .engine import Split
from .frames import corpus_frames, per_text
from .dates import date_fields, date_frame_columns, warn_unparsed
from .errors import CorpusError, shown, warn
from .files import read_text_file, resolve_corpus_path
from .metadata import METADATA_COLUMNS, article_table, table_rows
from .rules import MAX_TOKEN_CHARS, UNSPACED_SCRIPT
from .html import HTML_SUFFIXES, extract_page
from .tables import table_records

#: Seconds of loading before a progress bar appears (terminals only).
PROGRESS_DELAY = 2.0


@dataclass
class Corpus:
    """The corpus as tidy frames; offsets index into ``articles.text``."""

    path: Path | None
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    removed: pd.DataFrame

    def text(self, article_id: str) -> str:
        """The cleaned text of one article."""
        return self.articles.set_index("article_id").at[article_id, "text"]

    def __repr__(self) -> str:  # short and free of paths, for notebook output
        return (
            f"<Corpus: {len(self.articles)} articles, {len(self.sentences)} sentences, "
            f"{len(self.tokens)} tokens>"
        )


# --------------------------------------------------------------------------- the engine, in batches

#: Characters of text per batch that the engine splits (batches run on threads while the
#: files of the next are read and cleaned: the engine releases the GIL).  Batches of 4, 8 and
#: 16 M characters loaded 10,000 articles in the same time within the machine's noise
#: (interleaved fresh processes); smaller ones cost more (a fixed share of query building per
#: batch), larger ones leave a longer last batch after the reading.
BATCH_CHARS = 4_000_000


def split_in_batches(records: Iterable[dict], meanwhile: Callable[[list[dict]], Any]) -> tuple[Any, Split]:
    """``meanwhile(rows)`` of the records (each with a cleaned ``text``), and their texts split
    by the engine, in batches of about ``BATCH_CHARS`` submitted to threads as soon as they
    are full, so that producing the records (reading, cleaning) overlaps the splitting, and
    ``meanwhile`` overlaps the splitting of the last batches."""
    rows, parts, batch, first, size = [], [], [], 0, 0
    with ThreadPoolExecutor(max_workers=max(1, min(os.cpu_count() or 1, 8))) as pool:
        for record in records:
            rows.append(record)
            batch.append(record["text"])
            size += len(record["text"])
            if size >= BATCH_CHARS:
                parts.append((first, pool.submit(engine.split_batch, batch)))
                first, batch, size = len(rows), [], 0
        if batch or not parts:
            parts.append((first, pool.submit(engine.split_batch, batch)))
        result = meanwhile(rows)
        done = [(start, future.result()) for start, future in parts]
    return result, engine.join(done)


def build_corpus(records: Iterable[dict], removed: list[dict], path: Path | None = None) -> Corpus:
    """A ``Corpus`` from article records (dicts in ``article_id`` order, each with at least
    ``article_id``, ``source``, ``n_chars`` and the cleaned ``text``; best produced lazily,
    see ``split_in_batches``) and the cleaning report (one dict per removed line, filled
    while the records are produced)."""
    articles, split = split_in_batches(records, pd.DataFrame)
    ids = pd.Categorical.from_codes(np.arange(len(articles), dtype=np.int32),
                                    categories=pd.Index(articles["article_id"], dtype="str"))
    frames = corpus_frames(ids, split)
    n = len(articles)
    counts = {
        "n_paragraphs": per_text(n, split.paragraphs[:, 0]),
        "n_sentences": per_text(n, split.sentences[:, 0]),
        "n_tokens": per_text(n, split.sentences[split.token_sentence, 0]),
    }
    position = list(articles.columns).index("n_chars")
    for offset, (column, values) in enumerate(counts.items()):
        articles.insert(position + offset, column, values)
    return Corpus(path=path, articles=articles, removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS), **frames)


def corpus_from_texts(texts: Mapping[str, str], sources: Mapping[str, str] | None = None) -> Corpus:
    """A corpus from in-memory texts ``{article_id: text}`` (taken as already clean; ``sources``
    optional ``{article_id: outlet}``): the same frames as ``load_corpus`` would give."""
    sources = sources or {}
    records = ({"article_id": i, "source": sources.get(i) or f"unknown outlet ({i})",
                "n_chars": len(texts[i]), "text": texts[i]} for i in sorted(texts))
    return build_corpus(records, [], path=None)


def _source_label(row: dict) -> str:
    return row["outlet"] or f"unknown outlet ({row['article_id']})"


def load_corpus(path: str | Path | None = None, columns: Mapping[str, str] | None = None) -> Corpus:
    """Load a corpus (default: the shipped ``seeds/``) into tidy frames.

    ``path`` is a folder of ``.txt`` and/or ``.html``/``.htm`` articles (with an optional
    ``metadata.csv``) or one table file with a row per article (``.csv``, ``.tsv``,
    ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``).  ``columns`` maps fields to a table's
    column names where the guess (``columns.COLUMN_NAMES``) is wrong: ``{"text": "story"}``
    (for a folder, the mapping applies to ``metadata.csv``).

    Files are read and cleaned in this process (a progress bar appears on a terminal when
    that takes more than a few seconds; notebooks and logs stay silent); the texts are then
    split by the engine, which runs on several threads.  While a report runs, a corpus loaded
    once is kept for the notebooks that follow (``cache``).
    """
    target = resolve_corpus_path(path)
    return cached_load(target, columns, lambda: _read_corpus(target, columns))


def _read_corpus(target: Path, columns: Mapping[str, str] | None) -> Corpus:
    removed: list[dict] = []
    if target.is_file():
        state: dict = {}
        records = tqdm(table_records(target, columns, removed, state), desc="load_corpus", unit="article",
                       disable=None, delay=PROGRESS_DELAY, leave=False)
        return warn_about_words(table_corpus(target, records, removed, state), target.name)
    table = article_table(target, columns)
    docvars = [c for c in table.columns if c not in METADATA_COLUMNS]
    bad_dates: list = []
    rows = tqdm(table_rows(table), desc="load_corpus", unit="article", disable=None,
                delay=PROGRESS_DELAY, leave=False)
    corpus = folder_corpus(target, rows, docvars, removed, bad_dates)
    return warn_about_words(corpus, target.name)


def folder_records(target: Path, rows: Iterable[dict], removed: list, bad_dates: list):
    """Article records (see ``build_corpus``) of rows of ``metadata.article_table(target)``:
    each file read, its page extracted (HTML) and cleaned; removed lines go to ``removed``,
    unreadable dates to ``bad_dates``."""
    folder = os.fspath(target)  # (paths joined as strings: a Path per file costs more than its lstat)
    for row in rows:
        docvars = [c for c in row if c not in METADATA_COLUMNS]
        raw, encoding = read_text_file(os.path.join(folder, row["file"]), row["file"], target.name)
        page_dropped: list[dict] = []
        if os.path.splitext(row["file"])[1].lower() in HTML_SUFFIXES:
            raw, page, page_dropped = extract_page(raw, row["file"])
            row.update({k: v for k, v in page.items() if not row[k]})
        text, dropped = clean_text(raw, title=row["title"])
        if not text:
            raise CorpusError(f"{row['file']}: no article text is left after cleaning (all lines matched a rule)")
        dropped = page_dropped + dropped
        removed.extend({"article_id": row["article_id"], "file": row["file"], **d} for d in dropped)
        yield {**{c: row[c] for c in METADATA_COLUMNS}, **date_fields(row["published"], bad_dates, row["file"]),
               **{c: row[c] for c in docvars}, "source": _source_label(row), "encoding": encoding,
               "n_chars": len(text), "n_removed_lines": len(dropped), "text": text, "raw_text": raw}


def folder_corpus(target: Path, rows: Iterable[dict], docvars: list[str], removed: list, bad_dates: list,
                  warn_dates: bool = True) -> Corpus:
    """The corpus of rows of ``metadata.article_table(target)`` (all of them in ``load_corpus``; a
    partition's in ``analysis.partitioned``), before ``warn_about_words``.  ``warn_dates``:
    warn about the unreadable dates here (else the caller does, from ``bad_dates``)."""
    def records():
        yield from folder_records(target, rows, removed, bad_dates)
        if warn_dates:
            warn_unparsed(bad_dates, target.name)

    return _finish(build_corpus(records(), removed, path=target), docvars)


def table_corpus(target: Path, records: Iterable[dict], removed: list, state: dict) -> Corpus:
    """The corpus of article records of a table file (``tables.table_records``, or a
    partition's records), before ``warn_about_words``."""
    corpus = build_corpus(records, removed, path=target)
    return _finish(corpus, state.get("docvars", []))



#: The kinds of article ``word_flags`` finds, and how ``warn_words`` names them.
WORD_FLAGS = {
    "empty": "with no word tokens (only punctuation, emoji or symbols):",
    "unspaced": "written in Thai, Lao, Khmer or Myanmar, without spaces between words: a token there is a "
                "clause, so word counts do not apply to",
    "long": f"with a token over {MAX_TOKEN_CHARS} characters, which is no word (text without spaces, a "
            "pasted code or link); it is kept, counted as one word, in",
}


def word_flags(corpus: Corpus) -> dict[str, tuple[list[str], int]]:
    """``{kind: (article ids, sorted; longest such token)}`` for the kinds of ``WORD_FLAGS``
    that occur: articles with no word token at all, articles in a script written without
    spaces (``rules.UNSPACED_SCRIPT``), articles with a token over ``rules.MAX_TOKEN_CHARS``.
    The vocabulary is searched, not the texts, so this costs little.  Flags of several parts
    of a corpus combine by ``merge_word_flags``."""
    articles = corpus.articles
    flags = {}
    empty = sorted(articles.loc[articles["n_tokens"] == 0, "article_id"].astype(str))
    if empty:
        flags["empty"] = (empty, 0)
    tokens = corpus.tokens["token"]
    vocabulary = tokens.cat.categories
    if not len(vocabulary):
        return flags
    lengths = np.asarray(vocabulary.str.len(), dtype=np.int64)  # (Arrow kernels: no Python loop)
    unspaced = np.asarray(vocabulary.str.contains(UNSPACED_SCRIPT.pattern), dtype=bool)
    long = (lengths > MAX_TOKEN_CHARS) & ~unspaced
    codes = tokens.cat.codes.to_numpy()
    for kind, flagged in (("unspaced", unspaced), ("long", long)):
        if flagged.any():
            hit = flagged[codes]
            ids = sorted(set(corpus.tokens["article_id"].to_numpy()[hit].astype(str)))
            flags[kind] = (ids, int(lengths[flagged].max()))
    return flags


def merge_word_flags(parts: Iterable[dict]) -> dict[str, tuple[list[str], int]]:
    """``word_flags`` of parts of a corpus (disjoint articles) as those of the whole."""
    merged: dict[str, tuple[list[str], int]] = {}
    for part in parts:
        for kind, (ids, longest) in part.items():
            before, most = merged.get(kind, ([], 0))
            merged[kind] = (before + ids, max(most, longest))
    return {kind: (sorted(merged[kind][0]), merged[kind][1]) for kind in WORD_FLAGS if kind in merged}


def warn_words(flags: dict[str, tuple[list[str], int]], name: str) -> None:
    """One ``CorpusWarning`` per kind of ``word_flags``, naming the articles."""
    for kind, (ids, longest) in flags.items():
        if kind == "empty":
            warn(f"{name}: {len(ids)} article(s) {WORD_FLAGS[kind]} {shown(ids)}; they are loaded, with no words "
                 "to count", name)
        else:
            warn(f"{name}: {len(ids)} article(s) {WORD_FLAGS[kind]} {shown(ids)} (longest such token: "
                 f"{longest:,} characters)", name)


def warn_about_words(corpus: Corpus, name: str) -> Corpus:
    """Warn (one ``CorpusWarning`` each, naming the articles) about the articles ``word_flags``
    finds: with no word token at all, written in a script without spaces between words and
    without a per-character fallback, with a token longer than ``rules.MAX_TOKEN_CHARS``."""
    warn_words(word_flags(corpus), name)
    return corpus


def _finish(corpus: Corpus, docvars: list[str]) -> Corpus:
    """Dtypes of the date columns, blank (not missing) docvars, frames in ``article_id`` order."""
    articles = corpus.articles
    date_frame_columns(articles)
    for column in docvars:
        if column in articles:
            articles[column] = articles[column].fillna("").astype(str)
    if "published_precision" in articles:
        articles["published_precision"] = articles["published_precision"].fillna("")
    if docvars and "source" in articles:  # docvars first seen in a later row come after the counts
        rest = [c for c in articles.columns if c not in docvars]
        at = rest.index("source")
        corpus.articles = articles = articles[rest[:at] + [c for c in docvars if c in articles] + rest[at:]]
    ids = articles["article_id"]
    if ids.is_monotonic_increasing:
        return corpus
    order = sorted(ids)
    corpus.articles = articles.sort_values("article_id", kind="stable").reset_index(drop=True)
    for name in ("paragraphs", "sentences", "tokens"):
        frame = getattr(corpus, name)
        frame["article_id"] = frame["article_id"].cat.reorder_categories(order)
        setattr(corpus, name, frame.sort_values("article_id", kind="stable").reset_index(drop=True))
    if len(corpus.removed):
        corpus.removed = corpus.removed.sort_values("article_id", kind="stable").reset_index(drop=True)
    return corpus
