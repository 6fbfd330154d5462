"""Why a report run stops (the command line turns each into one line and an exit code)."""
from __future__ import annotations


class ReportError(Exception):
    """The report cannot start or cannot be written: bad notebooks folder, output folder or
    notebook layout (exit code 2)."""


class ReportBusy(ReportError):
    """Another report run holds the output folder's lock (exit code 2)."""


class NotebookFailed(ReportError):
    """A notebook raised while running; the partial executed notebook is kept (exit code 1)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same clean-up runs (exit code 143)."""
