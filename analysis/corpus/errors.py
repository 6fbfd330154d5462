"""The errors and warnings of reading a corpus."""


class CorpusError(ValueError):
    """A corpus folder or file that cannot be loaded; the message names the file."""


class CorpusWarning(UserWarning):
    """Something in the corpus was loaded, but not as the user may expect."""
