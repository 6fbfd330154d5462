"""The processes the project starts ask the kernel for no transparent huge pages and glibc to
recycle large arrays (``analysis.config.MEMORY_SETTINGS``; README "Performance" says why)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import MALLOC_REUSE, MEMORY_SETTINGS, NO_HUGE_PAGES, with_memory_settings

THP = Path("/sys/kernel/mm/transparent_hugepage/enabled")

# allocate as the verbs do (a large numpy array, a large Arrow buffer), then count the
# mappings the process advised for huge pages ("hg" in smaps' VmFlags)
PROBE = """
import numpy as np, pyarrow as pa
a = np.ones(64 * 2**20 // 8)
b = pa.array(np.arange(16 * 2**20))
flags = [l for l in open("/proc/self/smaps") if l.startswith("VmFlags:")]
print(sum(" hg" in l for l in flags))
"""


def test_the_settings_are_added_to_an_environment_and_a_users_own_value_wins():
    env = with_memory_settings({"MIMALLOC_ALLOW_THP": "1", "PATH": "/bin"})
    assert env == {**MEMORY_SETTINGS, "MIMALLOC_ALLOW_THP": "1", "PATH": "/bin"}
    assert set(with_memory_settings({})) == set(NO_HUGE_PAGES) | set(MALLOC_REUSE)
    assert with_memory_settings({}, settings=NO_HUGE_PAGES) == NO_HUGE_PAGES


# a verb's temporaries: a 64 MB array made and freed again and again; count the page faults
# (fresh memory touched) of the repeats after the first
RECYCLE = """
import resource, numpy as np
a = np.ones(8 * 2**20); del a
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    a = np.ones(8 * 2**20); del a
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _run(probe: str, env: dict) -> int:
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(not THP.exists() or "[madvise]" not in THP.read_text(), reason="THP policy is not madvise")
def test_a_process_started_with_the_settings_advises_no_huge_pages():
    base = {k: v for k, v in os.environ.items() if k not in NO_HUGE_PAGES}
    assert _run(PROBE, base) > 0  # the libraries' own default on this kernel: the probe can see it
    assert _run(PROBE, with_memory_settings(dict(base))) == 0


def test_a_process_started_with_the_settings_recycles_large_arrays():
    base = {**{k: v for k, v in os.environ.items() if k not in MALLOC_REUSE}, **NO_HUGE_PAGES}  # 4 kB pages
    pages = 5 * 64 * 2**20 // os.sysconf("SC_PAGE_SIZE")
    assert _run(RECYCLE, base) > pages // 2  # glibc's defaults: each array mapped and faulted in anew
    assert _run(RECYCLE, with_memory_settings(dict(base))) < pages // 50


def test_make_exports_the_same_settings():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    exported = dict(re.findall(r"^export (\w+) \?= (\S+)$", makefile, flags=re.M))
    assert exported == MEMORY_SETTINGS
