"""Helpers for comparing how news sources cover the same story.

    from analysis import load_corpus, count_terms, keyness
    corpus = load_corpus()          # the shipped seeds; or load_corpus("path/to/folder")

The names below are the stable public API: notebooks and users import them from here.
Charts live in ``analysis.plots`` and the sentences the notebooks print in
``analysis.findings`` (neither is imported here, so computing needs no matplotlib);
``analysis.tools`` runs the notebooks and the report.
"""
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .measures.counts import (add_source, count_terms, exclusive_terms, ngrams, top_terms, variant_counts,
                              vocabulary_overlap)
from .measures.phrases import count_phrases, find_phrases
from .measures.context import dispersion, kwic, sort_kwic
from .measures.collocations import collocations
from .measures.diversity import diversity
from .measures.keyness import keyness, scatter_frame, strongest_terms, top_keyness
from .measures.prior import prior_effect, prior_sensitivity
from .measures.tfidf import idf_values, source_profile, source_similarity, source_similarity_matrix, tfidf
from .measures.neighbours import nearest_passages, pair_counts, passage_matches, with_texts
from .measures.framing import framing_rates, leading_phrases, load_framing_lexicon, share_table
from .measures.periods import (as_cut, attention, choose_unit, count_by_period, default_cut, group_sources,
                               period_label, place_articles, sample_per_period, side_of_cut, top_sources,
                               undated_summary, with_period_share)
from .measures.time import (changing_terms, framing_over_time, keyness_summary, period_keyness, pool_sources,
                            term_rates, with_article_column)
from .measures.overview import article_summary, removal_summary, sentence_lengths, variant_usage
from .countries.mentions import country_mentions, mentions_table, named_countries, precision_recall
from .countries.positions import stated_bloc_sizes
from .countries.reading import country_alignments, country_positions
from .countries.contradictions import check_positions, stated_sizes
from .countries.record import (UNAVAILABLE, alignment_matrix, country_record, july_2019_letters, load_alignments,
                               statements)
from .countries.comparison import (bloc_size_table, compare_with_record, coverage_summary, coverage_table,
                                   july_2019_evidence, stated_letter_sizes)

__all__ = [
    # reading
    "Corpus", "CorpusError", "CorpusWarning", "load_corpus",
    # measures
    "add_source", "count_terms", "ngrams", "top_terms", "exclusive_terms", "vocabulary_overlap", "variant_counts",
    "count_phrases", "find_phrases", "kwic", "sort_kwic", "dispersion", "collocations", "diversity",
    "keyness", "top_keyness", "strongest_terms", "scatter_frame", "prior_effect", "prior_sensitivity",
    "tfidf", "idf_values", "source_profile", "source_similarity", "source_similarity_matrix",
    "nearest_passages", "passage_matches", "pair_counts", "with_texts",
    "load_framing_lexicon", "framing_rates", "share_table", "leading_phrases",
    "article_summary", "removal_summary", "sentence_lengths", "variant_usage",
    # time (notebook 04)
    "choose_unit", "period_label", "place_articles", "attention", "undated_summary", "top_sources", "group_sources",
    "count_by_period", "with_period_share", "sample_per_period", "as_cut", "side_of_cut", "default_cut",
    "with_article_column", "term_rates", "framing_over_time", "pool_sources", "changing_terms", "period_keyness",
    "keyness_summary",
    # countries
    "country_mentions", "precision_recall", "named_countries", "mentions_table",
    "country_positions", "check_positions", "stated_sizes",
    "country_alignments", "stated_bloc_sizes",  # country_alignments: the old name of country_positions (warns)
    "load_alignments", "statements", "UNAVAILABLE", "july_2019_letters", "alignment_matrix", "country_record",
    "july_2019_evidence", "coverage_table", "coverage_summary", "stated_letter_sizes", "bloc_size_table",
    "compare_with_record",
]
