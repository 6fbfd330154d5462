"""Helpers for comparing how news sources cover the same story.

    from analysis import load_corpus, count_terms, keyness
    corpus = load_corpus()          # the shipped seeds; or load_corpus("path/to/folder")

The names below are the stable public API: notebooks and users import them from here.
Charts live in ``analysis.plots`` (not imported here, so computing needs no matplotlib).
"""
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .measures.counts import add_source, count_terms, ngrams, top_terms
from .measures.keyness import keyness
from .measures.tfidf import tfidf
from .measures.context import dispersion, kwic
from .measures.collocations import collocations
from .measures.diversity import diversity
from .countries.mentions import country_mentions
from .countries.positions import country_alignments, stated_bloc_sizes

__all__ = [
    "Corpus", "CorpusError", "CorpusWarning", "load_corpus",
    "add_source", "count_terms", "ngrams", "top_terms",
    "keyness", "tfidf", "kwic", "dispersion", "collocations", "diversity",
    "country_mentions", "country_alignments", "stated_bloc_sizes",
]
