"""Rendering the report: each executed notebook as a self-contained HTML page (images
inline, no script or stylesheet fetched from the network) and ``index.html`` listing the
notebooks with their summaries and key findings."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .execute import INJECTED_TAG, tagged_cells

REPORT_TITLE = "How the sources cover the story"


@dataclass
class NotebookPage:
    """One rendered notebook: where it came from and what the index shows for it."""

    source: Path
    title: str
    summary: str
    findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def html_name(self) -> str:
        return self.source.with_suffix(".html").name


_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style>
.report-nav { padding: 12px 0 0 30px; font: 14px sans-serif; }
.report-nav a { color: #0072B2; }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="report-nav"><a href="index.html">&larr; All notebooks</a></nav>
{%- endblock body_header -%}
"""


def html_exporter():
    """nbconvert's lab template without its CDN scripts (require.js, MathJax, mermaid,
    widgets); output images are already inline and ``embed_images`` inlines markdown ones."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    quiet = logging.getLogger("analysis.tools.render.nbconvert")  # not its alt-text warnings
    quiet.setLevel(logging.ERROR)
    return HTMLExporter(
        log=quiet,
        extra_loaders=[DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        embed_images=True,
        exclude_input_prompt=False,
    )


def shorten_paths(nb: nbformat.NotebookNode, replacements: dict[str, str]) -> None:
    """Replace machine-specific absolute paths in sources and text outputs (for the page only)."""
    ordered = sorted(replacements.items(), key=lambda kv: -len(kv[0]))

    def fix(text: str) -> str:
        for old, new in ordered:
            text = text.replace(old, new)
        return text

    for cell in nb.cells:
        cell.source = fix(cell.source)
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = fix(output["text"])
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in output.get("data", {}):
                    value = output["data"][mime]
                    output["data"][mime] = fix("".join(value) if isinstance(value, list) else value)
            if "traceback" in output:
                output["traceback"] = [fix(line) for line in output["traceback"]]


def render_page(executed: Path, page: NotebookPage, replacements: dict[str, str]) -> str:
    """The executed notebook as one self-contained HTML page."""
    nb = nbformat.read(executed, as_version=4)
    for index in tagged_cells(nb, INJECTED_TAG):
        nb.cells[index].source = "# Parameters passed by `python -m analysis report`\n" + nb.cells[index].source.split(
            "\n", 1
        )[-1]
    shorten_paths(nb, replacements)
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": page.title}})
    return body


_INDEX_CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       max-width: 880px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; }
.corpus { color: #555; margin-top: 0; }
section { border-top: 1px solid #ddd; padding: .6rem 0 .4rem; }
h2 { font-size: 1.2rem; margin: .4rem 0; }
h2 a { color: #0072B2; text-decoration: none; }
h2 a:hover { text-decoration: underline; }
.summary { margin: .2rem 0 .4rem; }
.findings { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
.none { color: #777; font-style: italic; }
footer { border-top: 1px solid #ddd; color: #555; font-size: .9rem; padding-top: .6rem; }
"""


def inline_markdown(text: str) -> str:
    """One line of markdown as HTML (bold, code, links), with raw HTML escaped."""
    import mistune

    rendered = mistune.create_markdown(escape=True)(text).strip()
    return rendered[3:-4] if rendered.startswith("<p>") and rendered.endswith("</p>") else html.escape(text)


#: Findings shown per notebook on the index page; the rest are on the notebook's own page.
INDEX_FINDINGS = 10


def render_index(pages: list[NotebookPage], corpus_name: str, path_note: str = "") -> str:
    """``index.html``: every notebook with its summary, key findings and a link; ``path_note``:
    how the corpus was read (e.g. partitioned on Dask), under the corpus's name."""
    esc = html.escape
    sections = []
    for page in pages:
        items = "".join(f"<li>{esc(line)}</li>" for line in page.findings[:INDEX_FINDINGS])
        rest = len(page.findings) - INDEX_FINDINGS
        if rest > 0:
            items += (f'<li class="more"><a href="{esc(page.html_name)}#Findings">… and {rest:,} more '
                      f'finding{"s" if rest > 1 else ""} in the notebook</a></li>')
        found = f'<ul class="findings">{items}</ul>' if items else '<p class="none">No findings printed.</p>'
        sections.append(
            f'<section>\n<h2><a href="{esc(page.html_name)}">{esc(page.title)}</a></h2>\n'
            f'<p class="summary">{inline_markdown(page.summary)}</p>\n{found}\n</section>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(REPORT_TITLE)} — {esc(corpus_name)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{esc(REPORT_TITLE)}</h1>\n"
        f'<p class="corpus">Corpus: <strong>{esc(corpus_name)}</strong> · {len(pages)} notebooks'
        + (f" · {esc(path_note)}" if path_note else "") + "</p>\n"
        + "\n".join(sections)
        + "\n<footer>Charts and the tables behind them are in <code>outputs/</code>; the executed "
        "notebooks are in <code>notebooks/</code>.</footer>\n</body>\n</html>\n"
    )
