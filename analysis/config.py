"""Project paths, anchored at the installed package (never the working directory), and the
units rates are given in, each named once."""
import os
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

#: Environment of the processes the project starts (notebook kernels, the report's corpus
#: check, Dask workers, benchmark stages; ``make`` exports it too): transparent huge pages
#: off for numpy's arrays (its documented ``NUMPY_MADVISE_HUGEPAGE``, read at import) and for
#: pyarrow's memory pool (mimalloc's ``MIMALLOC_ALLOW_THP``, read when it starts).  Where the
#: kernel compacts memory to hand out a huge page on the first touch (``defrag`` = madvise,
#: Ubuntu's default) and memory is fragmented, that first touch stalls: on this project's
#: machine it made up over half of the 10,000-article pipeline's time (benchmarks/README.md,
#: "Huge pages").
NO_HUGE_PAGES = {"NUMPY_MADVISE_HUGEPAGE": "0", "MIMALLOC_ALLOW_THP": "0"}
#: glibc's allocator (``mallopt(3)``, read when a process starts) keeps arrays of up to 256 MB
#: in its heap and hands freed memory back only once 256 MB of it lie free at the top, so the
#: verbs' temporaries (one number per token: 55 MB at 10,000 articles) are recycled instead of
#: mapped fresh and faulted in page by page each time (glibc's defaults map anything over
#: 32 MB anew).  Not for Dask workers: Dask sets their trimming itself (benchmarks/README.md,
#: "Fresh memory").
MALLOC_REUSE = {"MALLOC_MMAP_THRESHOLD_": str(256 * 2**20), "MALLOC_TRIM_THRESHOLD_": str(256 * 2**20)}
#: Both, as the project's processes get them.  Values already set in the environment are kept.
MEMORY_SETTINGS = {**NO_HUGE_PAGES, **MALLOC_REUSE}


def with_memory_settings(environ=None, settings: dict = MEMORY_SETTINGS) -> dict:
    """``environ`` (default ``os.environ``) with ``settings`` set where not already; call it
    before starting processes (it cannot change libraries already loaded here)."""
    environ = os.environ if environ is None else environ
    for name, value in settings.items():
        environ.setdefault(name, value)
    return environ
