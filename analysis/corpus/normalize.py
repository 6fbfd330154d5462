"""Word lists shipped in ``data/``: spelling variants and stop words.

Both are plain CSV files that users may edit; every row says why it is there.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import DATA_DIR

VARIANTS_FILE = DATA_DIR / "variants.csv"
PROJECT_STOPWORDS_FILE = DATA_DIR / "stopwords_project.csv"


@lru_cache(maxsize=None)
def variants_table() -> pd.DataFrame:
    """The variants table: one row per variant -> canonical (lower case), with kind and note."""
    table = pd.read_csv(VARIANTS_FILE, dtype=str, keep_default_na=False)
    table["variant"] = table["variant"].str.lower()
    table["canonical"] = table["canonical"].str.lower()
    return table


@lru_cache(maxsize=None)
def variant_map() -> dict[str, str]:
    """``{variant: canonical}`` for folding lower-cased tokens."""
    table = variants_table()
    return dict(zip(table["variant"], table["canonical"]))


@lru_cache(maxsize=None)
def project_stopwords() -> frozenset[str]:
    """The project's own stop words (``data/stopwords_project.csv``)."""
    table = pd.read_csv(PROJECT_STOPWORDS_FILE, dtype=str, keep_default_na=False)
    return frozenset(table["word"].str.lower())


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """scikit-learn's English stop words plus the project list."""
    return frozenset(ENGLISH_STOP_WORDS) | project_stopwords()
