"""Text encodings and file kinds: how the bytes of an article file or a table become text.

UTF-8 (with or without a byte-order mark) is read as it is; a UTF-8 file whose last
character is cut short loses that character, with a ``CorpusWarning``; a file that is not
UTF-8 but decodes as Windows-1252 is read as such, with a ``CorpusWarning``; UTF-16, binary
files (NUL bytes) and anything else are refused with a ``CorpusError`` naming the file.
"""
from __future__ import annotations

import codecs
import stat
from pathlib import Path

from .errors import CorpusError, warn

#: Bytes of a table checked for its encoding at a time.
BLOCK_BYTES = 1 << 22


def special_kind(mode: int) -> str:
    """What a path that is not a regular file is, from its ``st_mode``."""
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def _cp1252_warning(name: str, corpus: str | None = None) -> None:
    warn(f"{name}: not UTF-8; decoded as Windows-1252 (cp1252). Check its quotes and accents.", corpus or name)


def _cut_short_warning(name: str, size: int, corpus: str) -> None:
    warn(f"{name}: the file ends inside a character (cut short?); the last {size} byte(s), an incomplete "
         "UTF-8 character, were dropped", corpus)


def decode_text(data: bytes, name: str, corpus: str) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes: UTF-8; a UTF-8 text that holds non-ASCII
    characters and whose last character is cut short, without it (with a warning);
    otherwise Windows-1252 (with a warning); anything else is refused."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data) and not data[:error.start].isascii():
            _cut_short_warning(name, len(data) - error.start, corpus)
            return data[:error.start].decode("utf-8"), "utf-8"
        utf8_error = error
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise CorpusError(
            f"{name}: text is not UTF-8 (bad byte at position {utf8_error.start}) "
            "and not Windows-1252 either; save it as UTF-8"
        ) from None
    _cp1252_warning(name, corpus)
    return text, "cp1252"


def file_encoding(path: Path) -> tuple[str, str]:
    """``(encoding, errors)`` to read a table with: ``utf-8``, ``utf-8-sig`` or ``cp1252``
    (with a warning), checked block by block; ``errors`` is ``ignore`` when the file's
    only fault is its last UTF-8 character cut short (dropped, with a warning; see
    ``decode_text``), else ``strict``."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path.name}: file is UTF-16; save it as UTF-8")
    first_bad = None
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        position, ascii_before, previous = 0, True, b""
        try:
            with path.open("rb") as handle:
                while block := handle.read(BLOCK_BYTES):
                    if b"\x00" in block:
                        raise CorpusError(f"{path.name}: file is binary (contains NUL bytes), not text")
                    ascii_before = ascii_before and previous.isascii()  # the blocks before this one
                    decoder.decode(block)
                    position += len(block)
                    previous = block
        except UnicodeDecodeError as error:
            first_bad = position + error.start if first_bad is None else first_bad
            continue
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:  # the file ends inside a character
            pending = len(error.object)
            if encoding == "utf-8" and not (ascii_before and previous[:len(previous) - pending].isascii()):
                _cut_short_warning(path.name, pending, path.name)
                return ("utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"), "ignore"
            first_bad = position - pending if first_bad is None else first_bad
            continue
        if encoding == "cp1252":
            _cp1252_warning(path.name)
            return encoding, "strict"
        return ("utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"), "strict"
    raise CorpusError(f"{path.name}: text is not UTF-8 (bad byte at position {first_bad}) "
                      "and not Windows-1252 either; save it as UTF-8")
