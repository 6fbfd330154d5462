"""Project paths, anchored at the installed package (never the working directory), and the
units rates are given in, each named once."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: Term and phrase counts give ``rate_per_1000``: occurrences per this many tokens.
PER_THOUSAND = 1_000
#: Keyness (``rate_target``, ``rate_reference``) and framing (``rate_per_10k``) rates are per
#: this many tokens.
PER_TEN_THOUSAND = 10_000
