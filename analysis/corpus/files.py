"""The corpus path and its article files: found, read and checked (``metadata.csv`` and
the listing of a folder's articles: ``metadata``).

* a corpus is a folder of ``.txt`` and/or ``.html``/``.htm`` files (with an optional
  ``metadata.csv``), or one table file (``formats.TABLE_SUFFIXES``, read by ``tables``).
* files must be UTF-8 (a byte-order mark and CRLF line endings are fine).  Text that is
  not UTF-8 but decodes as Windows-1252 is loaded with a ``CorpusWarning``; anything
  else is refused.
* files must be non-empty text, without NUL bytes, and at most ``MAX_FILE_BYTES``.  A UTF-8
  file whose last character is cut short (the file ends inside it) loses that character,
  with a warning, when the rest holds other non-ASCII characters (otherwise the bytes may
  as well be Windows-1252, and are read so).
* only regular files inside the corpus folder are read: a file (or ``metadata.csv`` row)
  reached through a link that leaves the folder is refused, as is a metadata row naming a
  folder, a FIFO or another special file; an unlisted folder or special file with an
  article's name is skipped with a warning.  One file reached twice (a link to another
  article, a hard link, ``sub/../sub/a.txt`` beside ``sub/a.txt``) is refused.  Article
  files are found by their suffix in any case (``.TXT``, ``.Html``).

Each broken rule raises ``CorpusError`` naming the file.  Input files are only ever
opened for reading.
"""
from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from ..config import PROJECT_ROOT, SEEDS_DIR
from .errors import CorpusError
from .encoding import decode_text, special_kind
from .formats import TABLE_SUFFIXES

MAX_FILE_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def resolve_corpus_path(path: str | Path | None) -> Path:
    """The corpus folder or table file: the shipped seeds by default; a relative path is
    tried against the working directory first, then against the project root."""
    if path is None:
        return SEEDS_DIR
    path = Path(path)
    if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).exists():
        path = PROJECT_ROOT / path
    if not path.exists():
        raise CorpusError(f"{path}: corpus folder not found (nor a table file of that name)")
    if not path.is_dir() and path.suffix.lower() not in TABLE_SUFFIXES:
        raise CorpusError(
            f"{path}: not a folder or a table file; give the folder that holds the .txt/.html articles, "
            f"or one table ({', '.join(TABLE_SUFFIXES)})"
        )
    if not path.is_dir() and not stat.S_ISREG(mode := path.stat().st_mode):
        raise CorpusError(f"{path}: {special_kind(mode)}; a table must be a regular file")
    return path


def resolve_corpus_dir(path: str | Path | None) -> Path:
    """The corpus folder (``resolve_corpus_path`` refusing a table file)."""
    path = resolve_corpus_path(path)
    if not path.is_dir():
        raise CorpusError(f"{path}: not a folder")
    return path


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_text_file(path: str | os.PathLike, name: str | None = None, corpus: str | None = None,
                   limit: tuple[int, str, str] | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; line endings become ``\\n`` and text is NFC-normalised.

    ``name`` is the file's name in messages (relative to the corpus folder), ``corpus`` the
    corpus's name in warnings.  Only a regular file is read (opened without blocking, so a
    FIFO is refused, not waited on).  ``limit``: ``(bytes, what, setting)`` for a file that is
    not one article (default: ``MAX_FILE_BYTES`` for one article); ``setting`` is the name
    of the limit, qualified by its module."""
    name = name or os.path.basename(path)
    most, what, setting = limit or (MAX_FILE_BYTES, "one article", f"{__name__}.MAX_FILE_BYTES")
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise CorpusError(f"{name}: does not exist") from None
    except OSError as error:
        raise CorpusError(f"{name}: cannot be read ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise CorpusError(f"{name}: {special_kind(info.st_mode)}; only regular files are read")
        if info.st_size > most:
            raise CorpusError(
                f"{name}: file is {info.st_size:,} bytes, over the limit of {most:,} bytes "
                f"for {what}; split it or raise {setting}"
            )
        data = handle.read()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{name}: file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise CorpusError(f"{name}: file is binary (contains NUL bytes), not plain text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text, encoding = decode_text(data, name, corpus or name)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise CorpusError(f"{name}: file is empty or holds only white space")
    return text, encoding


def locate(root: Path, folder: Path, name: str) -> tuple[str | None, tuple[int, int] | None]:
    """``(problem, identity)`` of the file ``name`` (relative to ``folder``, whose resolved
    path is ``root``): what keeps it from being read (``None`` if nothing), and the
    ``(device, inode)`` of the regular file it reaches.  A plain name that is not a link
    needs one ``lstat``; anything else is resolved."""
    if os.path.isabs(name):
        return "is outside the corpus folder", None
    plain = os.sep not in name and "/" not in name and name not in (".", "..")
    link = False
    if plain:
        try:
            info = os.lstat(os.path.join(root, name))
        except FileNotFoundError:
            return "does not exist", None
        except OSError as error:
            return f"cannot be read ({error.strerror})", None
        link = stat.S_ISLNK(info.st_mode)
        if not link:
            if not stat.S_ISREG(info.st_mode):
                return f"is {special_kind(info.st_mode)}", None
            return None, (info.st_dev, info.st_ino)
    target = Path(os.path.realpath(folder / name))
    if not target.is_relative_to(root):
        return ("is a link to a file outside the corpus folder (only files inside it are read; copy the file in)"
                if link else "is outside the corpus folder"), None
    try:
        info = os.stat(target)
    except OSError:
        return ("is a link to nothing" if link else "does not exist"), None
    if not stat.S_ISREG(info.st_mode):
        return f"is {special_kind(info.st_mode)}", None
    return None, (info.st_dev, info.st_ino)
