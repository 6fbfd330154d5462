"""The rendered report in headless Chromium: no console errors, no broken images, no network.

Needs Debian's ``chromium`` (``/usr/bin/chromium``, or $CHROMIUM); skips without it.
Screenshots go to ``build/screenshots/`` (copy index.png to docs/report-screenshot.png).
"""
from __future__ import annotations

import pytest

from analysis.config import PROJECT_ROOT
from cdp import CHROMIUM, Browser, chromium_available
from report_support import THREE_SOURCES, dummy_notebook, project_notebooks, project_report, write_notebooks

pytestmark = pytest.mark.skipif(
    not chromium_available(),
    reason=f"headless Chromium not found at {CHROMIUM}: install Debian's 'chromium' package "
    "(.ci/run does) to run the browser check",
)
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The project's report on the three-source fixture (a stand-in notebook before any exist)."""
    if project_notebooks():
        return project_report(THREE_SOURCES)[0]
    from analysis.tools.report import build_report

    base = tmp_path_factory.mktemp("browser")
    nbs = write_notebooks(base / "nbs", ("00-dummy.ipynb", dummy_notebook()))
    build_report(THREE_SOURCES, base / "report", nbs)
    return base / "report"


def offsite(requests: list[str]) -> list[str]:
    # blob: is an object URL made in the page from inlined code (itables' offline bundle), not the network
    return [url for url in requests if not url.startswith(("file:", "data:", "about:", "blob:"))]


def test_index_and_a_notebook_page_render_offline_without_errors(report):
    pages = sorted(p for p in report.glob("[0-9][0-9]-*.html"))
    with_images = [p for p in pages if "data:image/" in p.read_text()]
    assert with_images, "no notebook page shows a chart"
    with Browser() as browser:
        index = browser.open(report / "index.html", screenshot=SCREENSHOTS / "index.png")
        links = browser.send(
            "Runtime.evaluate", expression="document.querySelectorAll('section h2 a').length", returnByValue=True
        )["result"]["value"]
        page = browser.open(with_images[0], screenshot=SCREENSHOTS / "notebook.png")
        interactive = browser.send(  # browse() tables turned into DataTables, offline
            "Runtime.evaluate", expression="document.querySelectorAll('table.dataTable').length", returnByValue=True
        )["result"]["value"]
    assert links == len(pages)
    for result in (index, page):
        assert result.console_errors == [], result.url
        assert result.broken_images == [], result.url
        assert offsite(result.requests) == [], result.url
    assert page.image_count >= 1
    if "browse(" in (PROJECT_ROOT / "notebooks" / with_images[0].with_suffix(".ipynb").name).read_text():
        assert interactive >= 1, "no interactive table was drawn"
    for name in ("index.png", "notebook.png"):
        assert (SCREENSHOTS / name).read_bytes().startswith(PNG_MAGIC)


def test_the_check_catches_errors_and_broken_images(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><body><img src="missing.png" alt="x">'
        '<script>console.error("boom"); undefinedFunction();</script></body></html>'
    )
    with Browser() as browser:
        result = browser.open(bad)
    assert result.broken_images == ["missing.png"]
    assert any("boom" in e for e in result.console_errors)
    assert any("undefinedFunction" in e for e in result.console_errors)
