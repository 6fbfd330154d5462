"""The report never deletes or overwrites what it did not write (issue 17).

Each case asserts the refusal (exit code, one line naming the problem, no traceback) or the
correct result, and that the inputs and the previous report are unchanged.  The runs use
the stand-in notebook of ``report_support`` (a few seconds each); the slow notebook that
the interruption and lock cases need sleeps in a cell until it is stopped.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell

from analysis.tools.cli import main
from analysis.tools.errors import ReportBusy
from analysis.tools.outfolder import MARKER
from analysis.tools.outlock import OutputLock, lock_path
from report_support import ONE_ARTICLE, THREE_SOURCES, dummy_notebook, write_notebooks


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too; symlinks not followed) with the SHA-256
    of its bytes (a symlink: of its target's name)."""
    files = {}
    for root, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if (Path(root) / d).is_symlink()]:
            path = Path(root) / name
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            files[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return dict(sorted(files.items()))


def report(corpus: Path, out: Path, notebooks: Path) -> list[str]:
    return ["report", "--corpus", str(corpus), "--out", str(out), "--notebooks", str(notebooks)]


def cli(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=180, **kw)


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    """A one-notebook folder and a finished report of it on the one-article corpus."""
    base = tmp_path_factory.mktemp("safety")
    nbs = write_notebooks(base / "nbs", ("00-only.ipynb", dummy_notebook()))
    out = base / "previous"
    assert main(report(ONE_ARTICLE, out, nbs)) == 0
    return base, nbs, out


@pytest.fixture
def previous(quick, tmp_path):
    """A private copy of the finished report (so each test may run over it)."""
    _, nbs, out = quick
    copy = tmp_path / "report"
    shutil.copytree(out, copy, symlinks=True)
    return nbs, copy


def corpus_copy(tmp_path: Path, where: Path) -> Path:
    shutil.copytree(THREE_SOURCES, where)
    return where


def refused(args: list[str], capsys) -> str:
    """Run the command in this process; it must exit 2 with one line on stderr, returned."""
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    return one_error_line(err)


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# --------------------------------------------------------------------------- the corpus is never the output


def test_out_holding_the_corpus_is_refused_and_nothing_is_touched(previous, tmp_path):
    """The issue's data loss: the articles kept inside the report folder (``--corpus R/articles --out R``);
    run as a command, so the exit code and the absence of a traceback are the process's own."""
    nbs, out = previous
    corpus_copy(tmp_path, out / "articles")
    before = snapshot(out)
    result = cli(report(out / "articles", out, nbs), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    assert line == (f"error: {out}: --out holds the corpus ({out / 'articles'}); the report would replace it. "
                    "Choose a report folder outside the corpus")
    assert snapshot(out) == before, "the articles and the previous report are untouched"


@pytest.mark.parametrize("relation", ["same", "inside", "holds-via-symlink"])
def test_out_that_is_or_lies_inside_the_corpus_is_refused(tmp_path, quick, relation, capsys):
    _, nbs, _ = quick
    corpus = corpus_copy(tmp_path, tmp_path / "articles")
    if relation == "same":
        out, expected = corpus, "--out holds the corpus"
    elif relation == "inside":
        out, expected = corpus / "report", "--out is inside the corpus"
    else:
        (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
        out, expected = tmp_path / "link", "--out holds the corpus"
    before = snapshot(tmp_path)
    assert expected in refused(report(corpus, out, nbs), capsys)
    assert snapshot(tmp_path) == before and not (corpus / "report").exists()


def test_out_with_files_the_report_did_not_write_is_refused(previous, capsys):
    nbs, out = previous
    (out / "notes.txt").write_text("mine")
    (out / "outputs" / "my_chart.png").write_bytes(b"mine")
    before = snapshot(out)
    line = refused(report(ONE_ARTICLE, out, nbs), capsys)
    assert "holds files the report did not write (notes.txt, outputs/my_chart.png)" in line
    assert snapshot(out) == before


def test_a_folder_that_is_not_a_report_is_refused(tmp_path, quick, capsys):
    _, nbs, _ = quick
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me")
    assert "holds no earlier report" in refused(report(ONE_ARTICLE, precious, nbs), capsys)
    assert (precious / "thesis.txt").read_text() == "keep me" and len(list(precious.iterdir())) == 1


def test_the_marker_lists_exactly_the_files_the_report_wrote(quick):
    _, _, out = quick
    listed = json.loads((out / MARKER).read_text())["files"]
    assert sorted(listed) == sorted(name for name in snapshot(out) if name != MARKER)
    assert {"index.html", "00-only.html", "notebooks/00-only.ipynb", "outputs/dummy_words.csv"} <= set(listed)


def test_a_report_with_an_old_marker_is_replaced_but_only_its_report_files(tmp_path, previous, capsys):
    """A report written before the manifest (its marker one line of text) is recognised by its layout."""
    nbs, out = previous
    (out / MARKER).write_text("written by python -m analysis report; emptied on the next run\n")
    assert main(report(THREE_SOURCES, out, nbs)) == 0
    assert "three_sources" in (out / "index.html").read_text()
    (out / MARKER).write_text("written by python -m analysis report; emptied on the next run\n")
    (out / "articles").mkdir()
    (out / "articles" / "a.txt").write_text("an article")
    before = snapshot(out)
    assert "holds files the report did not write (articles/a.txt)" in refused(report(ONE_ARTICLE, out, nbs), capsys)
    assert snapshot(out) == before


# --------------------------------------------------------------------------- the previous report stays until the new one is complete


def test_a_run_builds_beside_the_report_and_swaps_it_in_at_the_end(tmp_path, quick):
    """While the notebooks run, ``out`` still holds the previous report, complete."""
    _, _, finished = quick
    out = tmp_path / "report"
    shutil.copytree(finished, out)
    before = snapshot(out)
    nb = dummy_notebook()
    probe = tmp_path / "seen.json"
    nb.cells.insert(2, new_code_cell(
        "import json, os, pathlib\n"
        f"out = pathlib.Path({str(out)!r})\n"
        f"pathlib.Path({str(probe)!r}).write_text(json.dumps({{'output_dir': OUTPUT_DIR, "
        "'previous_index': (out / 'index.html').read_text()}))"
    ))
    nbs = write_notebooks(tmp_path / "nbs", ("00-only.ipynb", nb))
    assert main(report(THREE_SOURCES, out, nbs)) == 0
    seen = json.loads(probe.read_text())
    assert not seen["output_dir"].startswith(str(out) + os.sep), "notebooks write into the temporary build"
    assert Path(seen["output_dir"]).parent.parent == out.parent
    assert seen["previous_index"] == (finished / "index.html").read_text(), "previous report intact during the run"
    assert snapshot(out) != before and "three_sources" in (out / "index.html").read_text()
    executed = (out / "notebooks" / "00-only.ipynb").read_text()
    assert str(out / "outputs") in executed and seen["output_dir"] not in executed, "the kept notebook names --out"


# --------------------------------------------------------------------------- one run at a time; interruptions


def slow_notebooks(folder: Path) -> Path:
    nb = dummy_notebook()
    nb.cells.insert(3, new_code_cell("import time\ntime.sleep(120)"))
    return write_notebooks(folder, ("00-slow.ipynb", nb))


def start_slow_run(tmp_path: Path, out: Path) -> subprocess.Popen:
    """``python -m analysis report`` in its own process group (as a terminal runs it), returned
    once its notebook is running (so it holds the lock and builds beside ``out``)."""
    nbs = slow_notebooks(tmp_path / "slow")
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", *report(THREE_SOURCES, out, nbs)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    seen, deadline = "", time.monotonic() + 120
    while "00-slow.ipynb" not in seen:
        char = proc.stdout.read(1)
        if not char or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the slow run did not start: {seen}{proc.communicate()[1]}")
        seen += char
    time.sleep(1)  # the kernel is starting or sleeping in its cell
    return proc


def finish(proc: subprocess.Popen) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.parametrize(
    "how, code, word",
    [("ctrl-c", 130, "interrupted"), ("sigterm", 143, "terminated")],
)
def test_a_second_run_is_refused_and_an_interrupted_run_ends_cleanly(previous, tmp_path, how, code, word, capsys):
    nbs, out = previous
    before = snapshot(out)
    proc = start_slow_run(tmp_path, out)
    try:
        # a second run on the same --out, meanwhile: refused, nothing touched
        line = refused(report(ONE_ARTICLE, out, nbs), capsys)
        assert f"another report run (process {proc.pid}) is writing this folder" in line
        assert snapshot(out) == before
        building = [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.building-")]
        assert len(building) == 1 and lock_path(out).exists()
        # Ctrl-C in a terminal signals the whole foreground process group; SIGTERM the process
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGTERM)
        stdout, stderr = finish(proc)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == code
    line = one_error_line(stderr)
    assert line == f"{word}: the report run stopped; the previous report in {out} is unchanged"
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "slow"], "build folder and lock removed"


def test_a_crash_and_a_failed_run_leave_the_previous_report_intact(previous, tmp_path, capsys):
    """What a killed run leaves (its lock file, its build folder, the report it had just moved
    aside) does not block the next run, which puts the report back and removes the rest; a
    run whose notebook fails keeps its build as ``report.failed`` and leaves the report as it
    was; the next good run replaces the report and removes ``report.failed``."""
    nbs, out = previous
    before = snapshot(out)
    holder = subprocess.Popen(  # holds the lock as a run does (flock), then is killed
        [sys.executable, "-c",
         "import fcntl, os, time\n"
         f"fd = os.open({str(lock_path(out))!r}, os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, b'%d\\n' % os.getpid())\n"
         "print('locked', flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ReportBusy, match=f"another report run \\(process {holder.pid}\\)"):
            OutputLock(out).acquire()
    finally:
        holder.kill()
        holder.wait()
    assert lock_path(out).exists(), "the killed run left its lock file"
    stale = tmp_path / ".report.building-crashed"
    shutil.copytree(out, stale)
    aside = tmp_path / ".report.previous-crashed"
    out.rename(aside)
    other = tmp_path / ".other.building-crashed"  # another --out's: not touched
    shutil.copytree(stale, other)

    failing = write_notebooks(tmp_path / "broken", ("00-only.ipynb", dummy_notebook(fail=True)))
    assert main(report(THREE_SOURCES, out, failing)) == 1
    err = capsys.readouterr().err
    assert snapshot(out) == before, "the report moved aside was put back, then left alone"
    assert f"the previous report in {out} is unchanged" in err
    failed = tmp_path / "report.failed"
    assert f"partial output kept: {failed}/notebooks/00-only.ipynb" in err
    assert json.loads((failed / MARKER).read_text())["files"], "the failed build is sealed as the report's own"
    assert not stale.exists() and not aside.exists() and other.exists() and not lock_path(out).exists()

    assert main(report(THREE_SOURCES, out, nbs)) == 0
    assert not failed.exists() and "three_sources" in (out / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.building-crashed", "broken", "report"]


def test_an_unwritable_parent_is_one_line_not_a_traceback(tmp_path, quick):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    _, nbs, _ = quick
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = cli(report(ONE_ARTICLE, locked / "r", nbs), cwd=tmp_path)
    assert result.returncode == 2 and "Permission denied" in one_error_line(result.stderr)


def test_files_added_to_the_previous_report_during_a_run_stop_the_swap(previous, tmp_path, capsys):
    nbs, out = previous
    nb = dummy_notebook()
    nb.cells.insert(2, new_code_cell(f"import pathlib\npathlib.Path({str(out / 'added.txt')!r}).write_text('mine')"))
    adding = write_notebooks(tmp_path / "adding", ("00-only.ipynb", nb))
    before = snapshot(out)
    assert main(report(THREE_SOURCES, out, adding)) == 2
    assert "holds files the report did not write (added.txt)" in one_error_line(capsys.readouterr().err)
    assert snapshot(out) == {**before, "added.txt": hashlib.sha256(b"mine").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adding", "report"], "the new build was discarded"


def test_a_marker_cannot_make_the_report_delete_outside_its_folder(tmp_path):
    from analysis.tools.outfolder import remove_report

    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.csv").write_text("keep")
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "outputs").symlink_to(elsewhere, target_is_directory=True)
    (folder / "index.html").write_text("ours")
    files = ["index.html", "../victim.txt", str(victim), "outputs/x.csv"]
    (folder / MARKER).write_text(json.dumps({"files": files}))
    assert remove_report(folder) == ["outputs"]
    assert victim.read_text() == "keep" and (elsewhere / "x.csv").read_text() == "keep"
    assert not (folder / "index.html").exists()
