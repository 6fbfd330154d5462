"""The notebooks on the partitioned path give the in-memory numbers for every article (issue 18).

Every notebook runs twice on the same 300-article corpus: in memory, and with
``SCHEDULER="local:2"`` (a two-worker LocalCluster, the pass shared through the report's
cache) and a sample far smaller than the corpus.  The tables of what the partitioned path
measures over every article (sizes, counts by source, key terms and state names, keyness,
framing, country mentions and positions, attention, countries over time) must be the same
files; the sections that read the text run on the sample, which the notebooks say.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.config import NOTEBOOKS_DIR
from analysis.corpus.cache import shared_cache
from analysis.tools.execute import execute, notebook_paths
from benchmarks.generate import Shape, write_corpus

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

EXACT = [
    "00_sources", "01_top_terms_per_source", "01_state_names", "01_vocabulary_overlap", "01_exclusive_terms",
    "02_keyness", "02_keyness_pair_1", "02_framing_rates", "02_leading_phrases",
    "03_mention_kinds", "03_mentions_per_source", "03_mentions_per_article", "03_placements", "03_placements_by_source",
    "03_sides_by_source", "03_named_record", "04_attention", "04_country_mentions",
]
SAMPLE_BYTES = 300_000  # of 1.3 MB: about a quarter of the articles


def stdout(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", [])
                   if o.get("name") == "stdout")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, corpus_300):
    root = tmp_path_factory.mktemp("report-partitioned")
    corpus = corpus_300
    sources = notebook_paths(NOTEBOOKS_DIR)
    for folder in ("part", "mem", "part-out", "mem-out"):
        (root / folder).mkdir()
    with shared_cache():
        for source in sources:
            execute(source, root / "part" / source.name, corpus, root / "part-out",
                    {"SCHEDULER": "local:2", "SAMPLE_BYTES": SAMPLE_BYTES})
    for source in sources:
        execute(source, root / "mem" / source.name, corpus, root / "mem-out")
    return root, [s.name for s in sources]


@pytest.mark.parametrize("name", EXACT)
def test_what_is_measured_over_every_article_is_the_in_memory_table(runs, name):
    root, _ = runs
    part = pd.read_csv(root / "part-out" / f"{name}.csv", keep_default_na=False)
    mem = pd.read_csv(root / "mem-out" / f"{name}.csv", keep_default_na=False)
    assert len(mem) > 0, name
    assert_frame_equal(part, mem, check_exact=False, rtol=1e-9)


def test_every_notebook_says_which_path_it_used(runs):
    root, names = runs
    for name in names:
        part, mem = stdout(root / "part" / name), stdout(root / "mem" / name)
        assert "In memory: all 300 articles loaded in this process." in mem, name
        assert "Partitioned: " in part and "of the 300 articles" in part, name


def test_the_text_sections_read_the_sample(runs):
    root, _ = runs
    for name in ("01_kwic_camps", "00_removed_lines"):
        part = pd.read_csv(root / "part-out" / f"{name}.csv", keep_default_na=False)
        mem = pd.read_csv(root / "mem-out" / f"{name}.csv", keep_default_na=False)
        assert 0 < len(part) < len(mem), name
        assert set(map(tuple, part.to_numpy())) <= set(map(tuple, mem.to_numpy())), name  # the sampled articles' rows


def test_the_report_passes_the_scheduler_and_says_so(tmp_path):
    import io

    from analysis.tools.render import render_index
    from analysis.tools.report import build_report, path_note

    corpus = tmp_path / "c20"
    write_corpus(corpus, 20, shape=Shape(outlets=4, years=3))
    log = io.StringIO()
    index = build_report(corpus, tmp_path / "report", log=log, scheduler="local:2")
    page = index.read_text(encoding="utf-8")
    assert "partitioned on a local Dask cluster" in page and "partitioned on a local Dask cluster" in log.getvalue()
    for name in notebook_paths(NOTEBOOKS_DIR):
        assert "Partitioned: " in stdout(tmp_path / "report" / "notebooks" / name.name), name.name
    assert "partitioned" not in render_index([], "c20", path_note(None))  # in memory: nothing added
