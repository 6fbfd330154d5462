"""Reading a corpus folder into tidy frames.

``files`` finds and reads the article files and ``metadata.csv``, ``cleaning`` drops
boilerplate lines, ``rules`` holds the token and sentence rules (the specification),
``engine`` applies them fast, ``normalize`` folds spellings and knows the stop words, and
``load`` builds the frames (``load_corpus``).
"""
from .errors import CorpusError, CorpusWarning
from .load import Corpus, load_corpus

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "load_corpus"]
