"""Helpers for comparing how news sources cover the same story.

    from analysis import load_corpus
    corpus = load_corpus()          # the shipped seeds; or load_corpus("path/to/folder")
"""
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "load_corpus"]
