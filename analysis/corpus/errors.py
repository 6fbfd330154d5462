"""The errors and warnings of reading a corpus."""
from __future__ import annotations

import warnings


class CorpusError(ValueError):
    """A corpus folder or file that cannot be loaded; the message names the file."""


class CorpusWarning(UserWarning):
    """Something in the corpus was loaded, but not as the user may expect."""


def warn(message: str, corpus: str) -> None:
    """Issue a ``CorpusWarning`` shown as ``<corpus NAME>:0: CorpusWarning: message``.

    Python shows a warning with the file and line of the code that caused it: in a notebook
    that is the kernel's temporary file, whose path holds its process id, and would change
    the page at every run.  The corpus's name (its folder's or table file's name, never a
    path) stands in for it; messages name files relative to the corpus folder."""
    warnings.warn_explicit(message, CorpusWarning, filename=f"<corpus {corpus}>", lineno=0)


def shown(items: list[str], limit: int = 10, sep: str = ", ") -> str:
    """The first ``limit`` items of a message's list, then "and N more"."""
    return sep.join(items[:limit]) + (f" and {len(items) - limit:,} more" if len(items) > limit else "")
