"""Reading a corpus folder into tidy frames.

``rules`` holds the token and sentence rules (the specification), ``engine`` applies them
fast, ``cleaning`` drops boilerplate lines, ``normalize`` folds spellings and knows the stop
words, and ``load`` builds the frames (``load_corpus``).
"""
from .load import Corpus, CorpusError, CorpusWarning, load_corpus

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "load_corpus"]
