"""Fixtures shared by several test modules."""
from __future__ import annotations

import pytest

from benchmarks.generate import Shape, write_corpus


@pytest.fixture(scope="session")
def corpus_300(tmp_path_factory):
    """A generated corpus folder of 300 articles (1.3 MB) from 12 outlets over three years:
    big enough to be cut into several partitions and sampled, small enough to run every
    notebook on.  Read only."""
    folder = tmp_path_factory.mktemp("generated") / "c300"
    write_corpus(folder, 300, shape=Shape(outlets=12, years=3))
    return folder
