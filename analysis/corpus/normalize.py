"""How tokens are folded into terms, and which are stop words.

``normalise_token`` gives a lower-cased token its ``norm``: straight apostrophes, no final
"'s", and spelling variants folded through ``data/variants.csv`` (Uighur -> Uyghur).  Stop
words are scikit-learn's English list plus ``data/stopwords_project.csv``.  Both word lists
are plain CSV files that users may edit; every row says why it is there.
"""
from __future__ import annotations

import re
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


_POSSESSIVE = re.compile(r"'s?$")


def spelling(lower: str) -> str:
    """A lower-cased token with straight apostrophes and no possessive ("China’s" -> "china").

    A final "'s" is dropped whether it marks a possessive or a contraction ("it's");
    "n't" contractions are kept.
    """
    folded = lower.replace("’", "'")
    if "'" in folded and not folded.endswith("n't"):
        folded = _POSSESSIVE.sub("", folded) or folded
    return folded


def normalise_token(lower: str) -> str:
    """Fold one lower-cased token: ``spelling`` then the variants table (Uighur -> Uyghur)."""
    folded = spelling(lower)
    return variant_map().get(folded, folded)
