"""Saved HTML pages: the main text and the page's own metadata, extracted by trafilatura.

``extract_page(html, name)`` returns the main text (one paragraph per line, then cleaned
by the same rules as a ``.txt`` file), the page's title, author, date and site name, and
the text blocks of the page that were left out (navigation, footers, share buttons...),
each reported in ``corpus.removed`` with the rule ``html_boilerplate``; their ``line`` is
the block's position among the page's visible text blocks (1-based).  Nothing is fetched
from the network.  A page with no main text (nothing extracted, or only the texts of links,
buttons and the page title, which trafilatura falls back to) is a ``CorpusError``.
"""
from __future__ import annotations

import logging

from .errors import CorpusError

HTML_SUFFIXES = (".html", ".htm")
BOILERPLATE_RULE = "html_boilerplate"
BOILERPLATE_REASON = "not part of the page's main text (trafilatura's extraction left it out)"
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "section",
           "article", "aside", "main", "blockquote", "pre", "tr", "td", "th", "dt", "dd", "figcaption",
           "br", "ul", "ol", "table", "form", "button", "address", "time", "span", "a", "label", "title")
_INVISIBLE = "//script|//style|//noscript|//template|//svg|//head"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _tree(html: str):
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def link_texts(html: str) -> set[str]:
    """The texts of the page's links and of its ``<title>``: alone, they are no article."""
    tree = _tree(html)
    if tree is None:
        return set()
    return {_squash(element.text_content()) for element in tree.iter("a", "title", "button", "label")}


def page_blocks(html: str) -> list[str]:
    """The visible text of the page, one block (element text between block boundaries) per item."""
    tree = _tree(html)
    if tree is None:
        return []
    for element in tree.xpath(_INVISIBLE):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return [line for line in (_squash(part) for part in tree.text_content().split("\n")) if line]


def extract_page(html: str, name: str) -> tuple[str, dict, list[dict]]:
    """``(main text, {title, author, published, outlet}, dropped blocks)`` of one page."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=False,
            deduplicate=False,
        )
    except Exception as error:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise CorpusError(f"{name}: the HTML page could not be read ({type(error).__name__}: {error})") from None
    text = (getattr(document, "text", None) or "") if document is not None else ""
    lines = [_squash(line) for line in text.split("\n") if line.strip()]
    if not lines or set(lines) <= link_texts(html):  # trafilatura falls back to the menu
        raise CorpusError(f"{name}: no main text found in the HTML page (only navigation or boilerplate, "
                          "or no text at all); save the article's own page, or its text as .txt")
    text = "\n".join(lines)
    kept, joined = set(lines), "\n".join(lines)
    dropped = [
        {"line": number, "text": block, "rule": BOILERPLATE_RULE, "reason": BOILERPLATE_REASON}
        for number, block in enumerate(page_blocks(html), start=1)
        if block not in kept and not (len(block) >= 20 and block in joined)
    ]
    meta = {
        "title": getattr(document, "title", None) or "",
        "author": getattr(document, "author", None) or "",
        "published": getattr(document, "date", None) or "",
        "outlet": getattr(document, "sitename", None) or "",
    }
    return text, {k: _squash(str(v)) for k, v in meta.items()}, dropped
