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

import csv
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from .cleaning import REMOVED_COLUMNS, clean_text
from .lexicon import stopwords, variant_map
from .paths import PROJECT_ROOT, SEEDS_DIR
from .segment import paragraph_spans, sentence_spans, token_spans

MAX_FILE_BYTES = 5_000_000
#: Seconds of loading before a progress bar appears (terminals only).
PROGRESS_DELAY = 2.0
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["article_id", "file", "outlet", "title", "author", "published", "url", "notes"]
REQUIRED_METADATA = ["article_id", "file"]


class CorpusError(ValueError):
    """A corpus folder or file that cannot be loaded; the message names the file."""


class CorpusWarning(UserWarning):
    """Something in the corpus was loaded, but not as the user may expect."""


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


# --------------------------------------------------------------------------- files


def resolve_corpus_dir(path: str | Path | None) -> Path:
    """The corpus folder: the shipped seeds by default; a relative path is tried
    against the working directory first, then against the project root."""
    if path is None:
        return SEEDS_DIR
    path = Path(path)
    if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).exists():
        path = PROJECT_ROOT / path
    if not path.exists():
        raise CorpusError(f"{path}: corpus folder not found")
    if not path.is_dir():
        raise CorpusError(f"{path}: not a folder; give the folder that holds the .txt articles")
    return path


def read_text_file(path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; line endings become ``\\n`` and text is NFC-normalised."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CorpusError(
            f"{path.name}: file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes "
            "for one article; split it or raise analysis.corpus.MAX_FILE_BYTES"
        )
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path.name}: file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise CorpusError(f"{path.name}: file is binary (contains NUL bytes), not plain text")
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(
                f"{path.name}: text is not UTF-8 (bad byte at position {utf8_error.start}) "
                "and not Windows-1252 either; save it as UTF-8"
            ) from None
        encoding = "cp1252"
        warnings.warn(
            f"{path.name}: not UTF-8; decoded as Windows-1252 (cp1252). Check its quotes and accents.",
            CorpusWarning,
            stacklevel=3,
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise CorpusError(f"{path.name}: file is empty or holds only white space")
    return text, encoding


def read_metadata(folder: Path) -> pd.DataFrame:
    """``metadata.csv`` as strings (blank where unknown), checked; empty if absent."""
    path = folder / METADATA_FILE
    if not path.exists():
        return pd.DataFrame(columns=METADATA_COLUMNS, dtype=str)
    text, _ = read_text_file(path)
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as error:
        raise CorpusError(f"{METADATA_FILE}: not valid CSV ({error})") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    header = [h.strip() for h in rows[0]]
    missing = [c for c in REQUIRED_METADATA if c not in header]
    if missing:
        raise CorpusError(f"{METADATA_FILE}: missing required column(s) {', '.join(missing)}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise CorpusError(
                f"{METADATA_FILE}: line {number} has {len(row)} fields, the header has {len(header)}"
            )
    meta = pd.DataFrame([[cell.strip() for cell in row] for row in rows[1:]], columns=header, dtype=str)
    for column in METADATA_COLUMNS:
        if column not in meta:
            meta[column] = ""
    for column in REQUIRED_METADATA:
        blank = meta.index[meta[column] == ""]
        if len(blank):
            raise CorpusError(f"{METADATA_FILE}: line {blank[0] + 2} has a blank {column}")
    for column in REQUIRED_METADATA:
        dupes = sorted(meta.loc[meta[column].duplicated(), column].unique())
        if dupes:
            raise CorpusError(f"{METADATA_FILE}: duplicate {column} value(s): {', '.join(dupes)}")
    root = folder.resolve()
    for number, name in enumerate(meta["file"], start=2):
        target = (folder / name).resolve()
        if Path(name).is_absolute() or not target.is_relative_to(root):
            raise CorpusError(f"{METADATA_FILE}: line {number}: file {name!r} is outside the corpus folder")
        if not target.is_file():
            raise CorpusError(f"{METADATA_FILE}: line {number}: file {name!r} does not exist")
    return meta


def article_table(folder: Path) -> pd.DataFrame:
    """One row per article file with its metadata, in a stable order (by article_id)."""
    meta = read_metadata(folder)
    listed = set(meta["file"])
    extra = sorted(p.name for p in folder.glob("*.txt") if p.is_file() and p.name not in listed)
    if extra and not (folder / METADATA_FILE).exists():
        warnings.warn(
            f"{folder.name}: no {METADATA_FILE}; {len(extra)} article(s) loaded with blank metadata "
            "(ids are the file names without .txt)",
            CorpusWarning,
            stacklevel=3,
        )
    else:
        for name in extra:
            warnings.warn(
                f"{name}: no row in {METADATA_FILE}; loaded with blank metadata", CorpusWarning, stacklevel=3
            )
    rows = [{"article_id": Path(name).stem, "file": name} for name in extra]
    table = pd.concat([meta, pd.DataFrame(rows, columns=["article_id", "file"])], ignore_index=True)
    table = table.fillna("")
    if table.empty:
        raise CorpusError(f"{folder.name}: no articles found (no .txt files and no {METADATA_FILE} rows)")
    dupes = sorted(table.loc[table["article_id"].duplicated(), "article_id"].unique())
    if dupes:
        raise CorpusError(
            f"{folder.name}: duplicate article id(s) {', '.join(dupes)} (a file without a metadata "
            "row takes its file name as id)"
        )
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- frames

_POSSESSIVE = re.compile(r"'s?$")


def spelling(lower: str) -> str:
    """A lower-cased token with straight apostrophes and no possessive ("China’s" -> "china").

    A final "'s" is dropped whether it marks a possessive or a contraction ("it's");
    "n't" contractions are kept.
    """
    folded = lower.replace("’", "'")
    if "'" in folded and not folded.endswith("n't"):
        folded = _POSSESSIVE.sub("", folded) or folded
    return folded


def normalise_token(lower: str) -> str:
    """Fold one lower-cased token: ``spelling`` then the variants table (Uighur -> Uyghur)."""
    folded = spelling(lower)
    return variant_map().get(folded, folded)


def _source_label(row: pd.Series) -> str:
    return row["outlet"] or f"unknown outlet ({row['article_id']})"


def _split_article(article_id: str, text: str) -> tuple[list, list, list]:
    """Paragraph, sentence and token rows (tuples) of one article."""
    paragraphs, sentences, columns = _split_columns(article_id, text)
    ids = [article_id] * len(columns["token"])
    tokens = list(zip(ids, *(columns[c].tolist() for c in _INT_COLUMNS), columns["token"]))
    return paragraphs, sentences, tokens


_INT_COLUMNS = ["paragraph_id", "sentence_id", "token_id", "start", "end"]
_TOKEN_COLUMNS = ["article_id", *_INT_COLUMNS, "token"]


def _split_columns(article_id: str, text: str, shared: dict | None = None) -> tuple[list, list, dict]:
    """Paragraph and sentence rows of one article, and its tokens as columns (arrays).

    ``shared`` (``{word: word}``, filled as it goes) makes repeated words across articles
    one string object: far less memory while a large corpus loads.

    Tokens are found in the whole text at once: no token holds white space, and
    sentences cover every non-space character of a paragraph, so each token falls in
    exactly one sentence -- the last one starting at or before it.
    """
    paragraphs, sentences = [], []
    sentence_id = 0
    for paragraph_id, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        paragraphs.append((article_id, paragraph_id, p_start, p_end))
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            sentence_id += 1
            sentences.append((article_id, paragraph_id, sentence_id, s_start, s_end))
    starts, ends, words = token_spans(text)
    if shared is not None:
        words = list(map(shared.setdefault, words, words))
    sentence_starts = np.fromiter((s[3] for s in sentences), dtype=np.int64, count=len(sentences))
    sentence_paragraph = np.fromiter((s[1] for s in sentences), dtype=np.int64, count=len(sentences))
    index = np.searchsorted(sentence_starts, starts, side="right") - 1
    columns = {
        "paragraph_id": sentence_paragraph[index],
        "sentence_id": index + 1,
        "token_id": np.arange(1, len(words) + 1, dtype=np.int64),
        "start": starts,
        "end": ends,
        "token": words,
    }
    return paragraphs, sentences, columns


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
    """The tokens frame from its seven base columns (see ``token_frame``).

    The folded columns are computed once per distinct token, and every occurrence of a
    token shares one string object (the ``token`` list is taken out of ``columns`` so
    its per-occurrence strings can be freed): far less memory on large corpora.
    """
    token = np.asarray(columns.pop("token"), dtype=object)
    if not len(token):
        return _empty_token_frame()
    codes, uniques = pd.factorize(token)
    del token
    frame = {"article_id": pd.array(np.asarray(columns["article_id"], dtype=object), dtype="str")}
    frame.update({c: np.asarray(columns[c], dtype=np.int64) for c in _INT_COLUMNS})
    frame["token"] = pd.array(uniques[codes], dtype="str")
    folded = _folded_columns(uniques)
    frame["lower"] = pd.array(folded["lower"][codes], dtype="str")
    frame["norm"] = pd.array(folded["norm"][codes], dtype="str")
    frame["is_stop"] = folded["is_stop"][codes]
    frame["is_alpha"] = folded["is_alpha"][codes]
    return pd.DataFrame(frame)


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


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus folder (default: the shipped ``seeds/``) into tidy frames.

    On a terminal a progress bar appears when loading takes more than a few seconds;
    notebooks and logs stay silent.
    """
    folder = resolve_corpus_dir(path)
    table = article_table(folder)
    articles, removed, all_paragraphs, all_sentences = [], [], [], []
    token_columns: dict[str, list] = {c: [] for c in _TOKEN_COLUMNS}
    shared_words: dict[str, str] = {}
    rows = table.to_dict("records")
    for row in tqdm(rows, desc="load_corpus", unit="article", disable=None, delay=PROGRESS_DELAY, leave=False):
        raw, encoding = read_text_file(folder / row["file"])
        text, dropped = clean_text(raw, title=row["title"])
        if not text:
            raise CorpusError(f"{row['file']}: no article text is left after cleaning (all lines matched a rule)")
        removed += [{"article_id": row["article_id"], "file": row["file"], **d} for d in dropped]
        paragraphs, sentences, columns = _split_columns(row["article_id"], text, shared_words)
        all_paragraphs += paragraphs
        all_sentences += sentences
        n_tokens = len(columns["token"])
        token_columns["article_id"].append(n_tokens)  # counts now; one shared id string per row later
        for column in _INT_COLUMNS:
            token_columns[column].append(columns[column])
        token_columns["token"] += columns["token"]
        articles.append(
            {
                **{c: row[c] for c in METADATA_COLUMNS},
                "source": _source_label(row),
                "encoding": encoding,
                "n_paragraphs": len(paragraphs),
                "n_sentences": len(sentences),
                "n_tokens": n_tokens,
                "n_chars": len(text),
                "n_removed_lines": len(dropped),
                "text": text,
                "raw_text": raw,
            }
        )
    token_columns["article_id"] = np.repeat(
        np.array(table["article_id"].tolist(), dtype=object), token_columns["article_id"]
    )
    for column in _INT_COLUMNS:
        token_columns[column] = np.concatenate(token_columns[column])
    paragraphs = pd.DataFrame(all_paragraphs, columns=["article_id", "paragraph_id", "start", "end"])
    sentences = pd.DataFrame(all_sentences, columns=["article_id", "paragraph_id", "sentence_id", "start", "end"])
    return Corpus(
        path=folder,
        articles=pd.DataFrame(articles),
        paragraphs=paragraphs.astype({"paragraph_id": "int64", "start": "int64", "end": "int64"}),
        sentences=sentences.astype(
            {"paragraph_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64"}
        ),
        tokens=_token_columns_frame(token_columns),
        removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
    )
