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

import pandas as pd

from .cleaning import REMOVED_COLUMNS, clean_text
from .lexicon import stopwords, variant_map
from .paths import PROJECT_ROOT, SEEDS_DIR
from .segment import iter_tokens, paragraph_spans, sentence_spans

MAX_FILE_BYTES = 5_000_000
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
    paragraphs, sentences, tokens = [], [], []
    sentence_id = token_id = 0
    for paragraph_id, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        paragraphs.append((article_id, paragraph_id, p_start, p_end))
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            sentence_id += 1
            sentences.append((article_id, paragraph_id, sentence_id, s_start, s_end))
            for t_start, t_end, token in iter_tokens(text, s_start, s_end):
                token_id += 1
                tokens.append((article_id, paragraph_id, sentence_id, token_id, t_start, t_end, token))
    return paragraphs, sentences, tokens


def token_frame(rows: list[tuple]) -> pd.DataFrame:
    """Tokens with ``lower``, ``norm`` (folded), ``is_stop`` and ``is_alpha`` columns."""
    columns = ["article_id", "paragraph_id", "sentence_id", "token_id", "start", "end", "token"]
    tokens = pd.DataFrame(rows, columns=columns)
    for column in ["paragraph_id", "sentence_id", "token_id", "start", "end"]:
        tokens[column] = tokens[column].astype("int64")
    tokens["lower"] = tokens["token"].str.lower()
    uniques = pd.unique(tokens["lower"])
    norm = {u: normalise_token(u) for u in uniques}
    tokens["norm"] = tokens["lower"].map(norm)
    stop = stopwords()
    tokens["is_stop"] = tokens["norm"].isin(stop) | tokens["lower"].isin(stop)
    tokens["is_alpha"] = tokens["token"].str.contains(r"[^\W\d_]", regex=True) & ~tokens["token"].str.contains(
        r"\d", regex=True
    )
    return tokens


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus folder (default: the shipped ``seeds/``) into tidy frames."""
    folder = resolve_corpus_dir(path)
    table = article_table(folder)
    articles, removed, all_paragraphs, all_sentences, all_tokens = [], [], [], [], []
    for row in table.to_dict("records"):
        raw, encoding = read_text_file(folder / row["file"])
        text, dropped = clean_text(raw, title=row["title"])
        if not text:
            raise CorpusError(f"{row['file']}: no article text is left after cleaning (all lines matched a rule)")
        removed += [{"article_id": row["article_id"], "file": row["file"], **d} for d in dropped]
        paragraphs, sentences, tokens = _split_article(row["article_id"], text)
        all_paragraphs += paragraphs
        all_sentences += sentences
        all_tokens += tokens
        articles.append(
            {
                **{c: row[c] for c in METADATA_COLUMNS},
                "source": _source_label(row),
                "encoding": encoding,
                "n_paragraphs": len(paragraphs),
                "n_sentences": len(sentences),
                "n_tokens": len(tokens),
                "n_chars": len(text),
                "n_removed_lines": len(dropped),
                "text": text,
                "raw_text": raw,
            }
        )
    paragraphs = pd.DataFrame(all_paragraphs, columns=["article_id", "paragraph_id", "start", "end"])
    sentences = pd.DataFrame(all_sentences, columns=["article_id", "paragraph_id", "sentence_id", "start", "end"])
    return Corpus(
        path=folder,
        articles=pd.DataFrame(articles),
        paragraphs=paragraphs.astype({"paragraph_id": "int64", "start": "int64", "end": "int64"}),
        sentences=sentences.astype(
            {"paragraph_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64"}
        ),
        tokens=token_frame(all_tokens),
        removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
    )
