"""Tidy measures: a frame in, a frame out, never matplotlib.

Counts and n-grams (``counts``), phrase matching (``phrases``), keyword in context and
dispersion (``context``), keyness, TF-IDF, collocations, lexical diversity, framing shares
and the corpus overview; periods and words over time (``periods``, ``time``).
"""
