"""The processes the project starts ask the kernel for no transparent huge pages
(``analysis.config.NO_HUGE_PAGES``; README "Performance" says why)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import NO_HUGE_PAGES, without_huge_pages

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
    env = without_huge_pages({"MIMALLOC_ALLOW_THP": "1", "PATH": "/bin"})
    assert env == {"MIMALLOC_ALLOW_THP": "1", "PATH": "/bin", "NUMPY_MADVISE_HUGEPAGE": "0"}
    assert set(without_huge_pages({})) == set(NO_HUGE_PAGES)


def _advised(env: dict) -> int:
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(not THP.exists() or "[madvise]" not in THP.read_text(), reason="THP policy is not madvise")
def test_a_process_started_with_the_settings_advises_no_huge_pages():
    base = {k: v for k, v in os.environ.items() if k not in NO_HUGE_PAGES}
    assert _advised(base) > 0  # the libraries' own default on this kernel: the probe can see it
    assert _advised(without_huge_pages(dict(base))) == 0
