"""Tidy measures: a frame in, a frame out, never matplotlib.

Counts and n-grams (``counts``), phrase matching (``phrases``), keyword in context and
dispersion (``context``), keyness, TF-IDF, passage matching (nearest paragraphs of other sources,
``neighbours``), collocations, lexical diversity, framing shares and the corpus overview;
periods and words over time (``periods``, ``time``).
"""
