"""Load a folder of plain-text articles into tidy frames.

``load_corpus(path)`` reads every ``*.txt`` file in ``path`` (not sub-folders) and the
optional ``metadata.csv`` beside them, cleans each article (see ``cleaning``), and
splits it into paragraphs, sentences and tokens (see ``segment``).  Every span is a
``start``/``end`` character offset into the article's cleaned ``text``.

Input rules (each broken rule raises ``CorpusError`` naming the file):

* files must be UTF-8 (a byte-order mark and CRLF line endings are fine).  Text that is
  not UTF-8 but decodes as Windows-1252 is loaded with a ``CorpusWarning``; anything
  else is refused.
* files must be non-empty text, without NUL bytes, and at most ``MAX_FILE_BYTES``.
* ``metadata.csv`` needs the columns ``article_id`` and ``file``; ids and files are
  unique; every ``file`` exists inside the folder.  An article without a metadata row
  loads with blank metadata (its id is the file name without ``.txt``) and a warning.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import warnings
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .cleaning import REMOVED_COLUMNS, clean_text
from .errors import CorpusError
from .files import METADATA_COLUMNS, article_table, read_text_file, resolve_corpus_dir
from .normalize import normalise_token, stopwords
from .rules import text_spans
from .engine import char_tables, code_points, token_codes

#: Seconds of loading before a progress bar appears (terminals only).
PROGRESS_DELAY = 2.0


@dataclass
class Corpus:
    """The corpus as tidy frames; offsets index into ``articles.text``."""

    path: Path
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


# --------------------------------------------------------------------------- frames

def _source_label(row: pd.Series) -> str:
    return row["outlet"] or f"unknown outlet ({row['article_id']})"


_INT_COLUMNS = ["paragraph_id", "sentence_id", "token_id", "start", "end"]
_TOKEN_COLUMNS = ["article_id", *_INT_COLUMNS, "token"]


def _split_texts(texts: list[str]) -> dict:
    """Paragraphs, sentences and tokens of several articles as arrays (``art`` = index
    into ``texts``), with tokens as ``code`` into ``vocab`` (distinct tokens, first-seen order).

    The texts are joined with newlines and tokenised in one go by ``tokenizer.token_codes``
    (no token holds white space, so none crosses a join; no Python work per token).
    Sentences cover every non-space character of a paragraph, so each token falls in
    exactly one sentence -- the last one starting at or before it.
    """
    joined = "\n".join(texts)
    bases = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    cp, tables = code_points(joined)
    par, sent = text_spans(texts, cp, tables["space"])
    starts, ends, codes, words = token_codes(joined, cp, tables)
    sentence = np.searchsorted(bases[sent[:, 0]] + sent[:, 3], starts, side="right") - 1
    base = bases[sent[sentence, 0]]
    return {  # compact (int32 where it fits): a worker sends this back through a pipe
        "paragraphs": par,
        "sentences": sent,
        "sentence": sentence.astype(np.int32),
        "start": _narrow(starts - base),
        "end": _narrow(ends - base),
        "code": codes.astype(np.int32),
        "vocab": words,
    }


def _narrow(values: np.ndarray) -> np.ndarray:
    """int32 when the values fit (offsets into one article always do below 2 GB)."""
    return values.astype(np.int32) if not len(values) or values.max() < 2**31 else values


def _token_ids(sent: np.ndarray, sentence: np.ndarray, n_articles: int) -> dict[str, np.ndarray]:
    """``art``, ``paragraph_id``, ``sentence_id``, ``token_id`` of tokens given the sentence
    rows ``sent`` (article, paragraph_id, sentence_id, start, end) and each token's row."""
    art = sent[:, 0].take(sentence)
    counts = np.bincount(art, minlength=n_articles)
    first_token = np.cumsum(counts) - counts  # tokens are in article order
    return {
        "art": art,
        "paragraph_id": sent[:, 1].take(sentence),
        "sentence_id": sent[:, 2].take(sentence),
        "token_id": np.arange(1, len(sentence) + 1, dtype=np.int64) - first_token.take(art),
    }


def _split_columns(article_id: str, text: str) -> tuple[list, list, dict]:
    """Paragraph and sentence rows (tuples) of one article, and its tokens as columns."""
    split = _split_texts([text])
    paragraphs = [(article_id, *row[1:]) for row in split["paragraphs"].tolist()]
    sentences = [(article_id, *row[1:]) for row in split["sentences"].tolist()]
    columns = _token_ids(split["sentences"], split["sentence"], 1)
    columns.update({c: split[c].astype(np.int64) for c in ("start", "end")})
    columns["token"] = [split["vocab"][c] for c in split["code"].tolist()]
    return paragraphs, sentences, columns


def _split_article(article_id: str, text: str) -> tuple[list, list, list]:
    """Paragraph, sentence and token rows (tuples) of one article."""
    paragraphs, sentences, columns = _split_columns(article_id, text)
    ids = [article_id] * len(columns["token"])
    tokens = list(zip(ids, *(columns[c].tolist() for c in _INT_COLUMNS), columns["token"]))
    return paragraphs, sentences, tokens


def _folded_columns(uniques: np.ndarray) -> dict[str, np.ndarray]:
    """``lower``, ``norm``, ``is_stop``, ``is_alpha`` of each distinct token."""
    lower = np.array([u.lower() for u in uniques], dtype=object)
    folded = {w: normalise_token(w) for w in set(lower)}
    norm = np.array([folded[w] for w in lower], dtype=object)
    stop = stopwords()
    is_stop = np.array([n in stop or w in stop for w, n in zip(lower, norm)], dtype=bool)
    is_alpha = np.array(
        [_LETTER.search(u) is not None and _DIGIT.search(u) is None for u in uniques], dtype=bool
    )
    return {"lower": lower, "norm": norm, "is_stop": is_stop, "is_alpha": is_alpha}


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def _token_columns_frame(columns: dict) -> pd.DataFrame:
    """The tokens frame from its seven base columns (see ``token_frame``).  The folded
    columns are computed once per distinct token, and string columns are taken from the
    (small) arrays of distinct strings."""
    token = np.asarray(columns.pop("token"), dtype=object)
    if not len(token):
        return _empty_token_frame()
    codes, uniques = pd.factorize(token)
    del token
    frame = {"article_id": pd.array(np.asarray(columns["article_id"], dtype=object), dtype="str")}
    frame.update({c: np.asarray(columns[c], dtype=np.int64) for c in _INT_COLUMNS})
    folded = _folded_columns(uniques)
    folded["token"] = uniques
    frame.update({c: pd.array(folded[c], dtype="str").take(codes) for c in ("token", "lower", "norm")})
    frame.update({c: folded[c][codes] for c in ("is_stop", "is_alpha")})
    return pd.DataFrame(frame, copy=False)


def _empty_token_frame() -> pd.DataFrame:
    """No tokens: the frame (and dtypes) that pandas gives for an empty row list."""
    frame = pd.DataFrame([], columns=_TOKEN_COLUMNS).astype({c: "int64" for c in _INT_COLUMNS})
    frame["lower"] = frame["token"].str.lower()
    frame["norm"] = frame["lower"].map({})
    frame["is_stop"] = np.zeros(0, dtype=bool)
    frame["is_alpha"] = np.zeros(0, dtype=bool)
    return frame


def token_frame(rows: list[tuple]) -> pd.DataFrame:
    """Tokens with ``lower``, ``norm`` (folded), ``is_stop`` and ``is_alpha`` columns.

    ``rows`` are ``(article_id, paragraph_id, sentence_id, token_id, start, end, token)``.
    """
    if not rows:
        return _empty_token_frame()
    return _token_columns_frame(dict(zip(_TOKEN_COLUMNS, (list(c) for c in zip(*rows)))))


#: Corpora of more bytes than this are loaded by several processes (when the machine has them).
PARALLEL_MIN_BYTES = 4_000_000
#: Bytes of article files per batch (one unit of work for a process).
BATCH_BYTES = 2_000_000
#: How worker processes start: forked on Linux (no re-import, inherits the character
#: tables); elsewhere the platform's default (spawn on macOS and Windows).
START_METHOD = "fork" if sys.platform.startswith("linux") else None


def _batches(folder: Path, rows: list[dict]) -> tuple[list[list[dict]], int]:
    """Consecutive runs of ``rows`` of about ``BATCH_BYTES`` of files each, and the bytes of all files."""
    batches, size, total = [[]], 0, 0
    for row in rows:
        if batches[-1] and size >= BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(row)
        try:
            bytes_ = os.stat(folder / row["file"]).st_size
        except OSError:  # read_text_file reports it, in order
            bytes_ = 0
        size += bytes_
        total += bytes_
    return batches, total


def _load_batch(folder: Path, rows: list[dict]) -> dict:
    """Read, clean and split a batch of articles; warnings are recorded, not shown, so
    that the calling process shows them in article order (this may run in a worker)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles, removed, texts = [], [], []
        for row in rows:
            raw, encoding = read_text_file(folder / row["file"])
            text, dropped = clean_text(raw, title=row["title"])
            if not text:
                raise CorpusError(f"{row['file']}: no article text is left after cleaning (all lines matched a rule)")
            removed += [{"article_id": row["article_id"], "file": row["file"], **d} for d in dropped]
            texts.append(text)
            articles.append(
                {
                    **{c: row[c] for c in METADATA_COLUMNS},
                    "source": _source_label(row),
                    "encoding": encoding,
                    "n_chars": len(text),
                    "n_removed_lines": len(dropped),
                    "text": text,
                    "raw_text": raw,
                }
            )
        split = _split_texts(texts)
    split["articles"], split["removed"] = articles, removed
    split["warnings"] = [(str(w.message), w.category) for w in caught]
    return split


def _worker_count(total_bytes: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, int(workers))
    if total_bytes < PARALLEL_MIN_BYTES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 8))


def _run_batches(folder: Path, batches: list[list[dict]], workers: int) -> Iterator[dict]:
    """``_load_batch`` of each batch, in order: in this process, or shared between this
    process and ``workers - 1`` worker processes.  This process also assembles the frames
    as results arrive (about half the work of splitting them, measured at 10,000
    articles), so with two processes it splits every third batch itself, with more none."""
    if workers == 1 or len(batches) == 1:
        yield from (_load_batch(folder, b) for b in batches)
        return
    char_tables()  # built once here, inherited by forked workers
    context = multiprocessing.get_context(START_METHOD)
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context)
    try:
        mine = range(0, len(batches), 3) if workers == 2 else range(0)
        futures = {i: pool.submit(_load_batch, folder, b) for i, b in enumerate(batches) if i not in mine}
        for i, batch in enumerate(batches):
            yield _load_batch(folder, batch) if i in mine else futures[i].result()
    finally:  # on an error, do not wait for the batches after it
        pool.shutdown(wait=True, cancel_futures=True)


def load_corpus(path: str | Path | None = None, workers: int | None = None) -> Corpus:
    """Load a corpus folder (default: the shipped ``seeds/``) into tidy frames.

    ``workers``: processes to use; by default one for corpora under ``PARALLEL_MIN_BYTES``
    and one per core (up to 8) above.  The frames are the same whatever the number.
    On a terminal a progress bar appears when loading takes more than a few seconds;
    notebooks and logs stay silent.
    """
    folder = resolve_corpus_dir(path)
    table = article_table(folder)
    rows = table.to_dict("records")
    batches, total_bytes = _batches(folder, rows)
    assembler = _Assembler(table, total_bytes)
    with _cyclic_gc_paused(), tqdm(total=len(rows), desc="load_corpus", unit="article", disable=None,
                                   delay=PROGRESS_DELAY, leave=False) as bar:
        for batch, result in zip(batches, _run_batches(folder, batches, _worker_count(total_bytes, workers))):
            for message, category in result.pop("warnings"):
                warnings.warn(message, category, stacklevel=2)
            assembler.add(result)  # while the workers go on with later batches
            bar.update(len(batch))
        return assembler.corpus(folder)


@contextmanager
def _cyclic_gc_paused():
    """Loading makes millions of objects (records, lists, strings) but no reference cycles
    to free, so the cyclic garbage collector's repeated scans only cost time (about 0.3 s
    at 10,000 articles); it is paused meanwhile (forked workers inherit the pause) and
    restored after, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _string_array(values: np.ndarray, wrap: bool = True):
    """An object array of str as pandas' "str" array.  With pandas' own (python) string
    storage the array is wrapped as it is (every value is a str by construction, so checking
    each of millions again is wasted); with pyarrow storage (or ``wrap=False``) pandas
    converts and checks it."""
    template = pd.array(np.zeros(0, dtype=object), dtype="str")
    storage = getattr(template.dtype, "storage", None)
    if wrap and storage == "python" and callable(getattr(template, "_from_backing_data", None)):
        return template._from_backing_data(values)
    return pd.array(values, dtype="str")


class _Columns:
    """Columns of fixed dtypes filled batch by batch into arrays that grow by doubling, so
    that no concatenation (which for strings touches every object again) is left for the
    end: the frame takes views of the filled parts."""

    def __init__(self, dtypes: dict[str, object], capacity: int = 0):
        self.arrays = {c: np.empty(capacity, dtype=d) for c, d in dtypes.items()}
        self.size = 0

    def next(self, count: int) -> slice:
        """The slice for ``count`` more rows (growing the arrays if needed)."""
        need = self.size + count
        capacity = len(next(iter(self.arrays.values())))
        if need > capacity:
            for column, values in self.arrays.items():
                grown = np.empty(max(need, 2 * capacity, 1024), dtype=values.dtype)
                grown[: self.size] = values[: self.size]
                self.arrays[column] = grown
        part = slice(self.size, need)
        self.size = need
        return part

    def __getitem__(self, column: str) -> np.ndarray:
        return self.arrays[column][: self.size]


_STRING_COLUMNS = ("token", "lower", "norm")
_FLAG_COLUMNS = ("is_stop", "is_alpha")


class _Assembler:
    """Builds the corpus frames batch by batch, in article order, as results arrive.

    Token codes are made global through one growing vocabulary; the folded columns are
    computed once per new distinct token; string columns are taken from the arrays of
    distinct strings straight into the growing token columns."""

    def __init__(self, table: pd.DataFrame, total_bytes: int):
        self.id_objects = np.array(table["article_id"].tolist(), dtype=object)
        self.ids = pd.array(self.id_objects, dtype="str")
        self.total_bytes = total_bytes
        self.vocab: defaultdict[str, int] = defaultdict(count().__next__)  # word -> global code
        self.distinct = _Columns({**{c: object for c in _STRING_COLUMNS}, **{c: bool for c in _FLAG_COLUMNS}})
        self.tokens: _Columns | None = None  # sized from the first batch's tokens per byte
        self.paragraphs, self.sentences, self.articles, self.removed = [], [], [], []
        self.offset = 0

    def _codes(self, words: list[str], codes: np.ndarray) -> np.ndarray:
        before = len(self.vocab)
        remap = np.fromiter(map(self.vocab.__getitem__, words), dtype=np.int64, count=len(words))
        new = np.flatnonzero(remap >= before)  # in code order: codes are given in order of first look-up
        if len(new):
            uniques = np.empty(len(new), dtype=object)
            uniques[:] = [words[i] for i in new.tolist()]
            folded = _folded_columns(uniques)
            folded["token"] = uniques
            part = self.distinct.next(len(new))
            for column, values in self.distinct.arrays.items():
                values[part] = folded[column]
        return remap[codes]

    def add(self, result: dict) -> None:
        n_articles = len(result["articles"])
        codes = self._codes(result["vocab"], result["code"])
        ids = _token_ids(result["sentences"], result["sentence"], n_articles)
        if self.tokens is None:
            chars = max(sum(a["n_chars"] for a in result["articles"]), 1)
            capacity = int(len(codes) / chars * self.total_bytes * 1.05) + 1024
            self.tokens = _Columns({"article_id": object, **{c: np.int64 for c in _INT_COLUMNS},
                                    **{c: object for c in _STRING_COLUMNS}, **{c: bool for c in _FLAG_COLUMNS}},
                                   capacity)
        part = self.tokens.next(len(codes))
        out = self.tokens.arrays
        np.take(self.id_objects, ids["art"] + self.offset, out=out["article_id"][part], mode="clip")
        for column in ("paragraph_id", "sentence_id", "token_id"):
            out[column][part] = ids[column]
        out["start"][part] = result["start"]
        out["end"][part] = result["end"]
        for column in (*_STRING_COLUMNS, *_FLAG_COLUMNS):
            np.take(self.distinct[column], codes, out=out[column][part], mode="clip")
        self.paragraphs.append(result["paragraphs"] + [self.offset, 0, 0, 0])
        self.sentences.append(result["sentences"] + [self.offset, 0, 0, 0, 0])
        n_paragraphs = np.bincount(result["paragraphs"][:, 0], minlength=n_articles)
        n_sentences = np.bincount(result["sentences"][:, 0], minlength=n_articles)
        n_tokens = np.bincount(ids["art"], minlength=n_articles)
        for i, record in enumerate(result["articles"]):
            head = {k: record[k] for k in [*METADATA_COLUMNS, "source", "encoding"]}
            counts = {"n_paragraphs": int(n_paragraphs[i]), "n_sentences": int(n_sentences[i]),
                      "n_tokens": int(n_tokens[i])}
            tail = {k: record[k] for k in ["n_chars", "n_removed_lines", "text", "raw_text"]}
            self.articles.append({**head, **counts, **tail})
        self.removed += result["removed"]
        self.offset += n_articles

    def corpus(self, folder: Path) -> Corpus:
        par = np.concatenate(self.paragraphs)
        sent = np.concatenate(self.sentences)
        paragraphs = pd.DataFrame({"article_id": self.ids.take(par[:, 0]), "paragraph_id": par[:, 1],
                                   "start": par[:, 2], "end": par[:, 3]})
        sentences = pd.DataFrame({"article_id": self.ids.take(sent[:, 0]), "paragraph_id": sent[:, 1],
                                  "sentence_id": sent[:, 2], "start": sent[:, 3], "end": sent[:, 4]})
        if self.tokens is None or not self.tokens.size:
            tokens = _empty_token_frame()
        else:
            strings = ("article_id", *_STRING_COLUMNS)
            tokens = pd.DataFrame({c: _string_array(self.tokens[c]) if c in strings else self.tokens[c]
                                   for c in self.tokens.arrays}, copy=False)
        return Corpus(
            path=folder,
            articles=pd.DataFrame(self.articles),
            paragraphs=paragraphs,
            sentences=sentences,
            tokens=tokens,
            removed=pd.DataFrame(self.removed, columns=REMOVED_COLUMNS),
        )
