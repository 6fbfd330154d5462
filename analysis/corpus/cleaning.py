"""Remove scraped boilerplate line by line, following ``data/cleaning_rules.csv``.

Cleaning never rewrites words: it drops whole lines that a rule matches and
reports each one (which line, which rule, why).  First it removes the invisible characters
that break words without being seen (``INVISIBLE``: soft hyphens, zero-width spaces, word
joiners, byte-order marks inside the text), so "geno\u00adcide" is one word, "genocide"; the
raw text keeps them, offsets index the cleaned text.  Kept lines are stripped of
surrounding white space, no-break and other Unicode spaces become plain spaces,
and the kept lines are joined with ``"\\n"``: one line is one paragraph.  In a hard-wrapped
text (``rules.is_hard_wrapped``: saved from a PDF or an e-mail, sentences broken across
lines) a run of blank lines is kept as one empty line, since there the blank lines, not the
lines, separate paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR
from .rules import LATER_LINE_LOWER, is_hard_wrapped

RULES_FILE = DATA_DIR / "cleaning_rules.csv"
RULE_KINDS = ("exact", "regex", "title")
#: No-break and other Unicode spaces, and the tab: each becomes a plain space.
SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\t"
#: Soft hyphen, zero-width space, word joiner, zero-width no-break space (byte-order mark).
INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
REMOVED_COLUMNS = ["article_id", "file", "line", "text", "rule", "reason"]


@dataclass(frozen=True)
class Rule:
    name: str
    match: str
    pattern: str
    reason: str
    compiled: re.Pattern | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.match == "regex" and self.compiled is None:
            object.__setattr__(self, "compiled", re.compile(self.pattern))

    def test(self, squashed_title: str):
        """``line -> truthy``: whether the rule matches a (normalised) line of the article whose
        squashed title is ``squashed_title``."""
        if self.match == "exact":
            return self.pattern.__eq__
        if self.match == "regex":
            return self.compiled.search  # (a match or None)
        # "title": the article's own headline, as given in its metadata; a squashed line
        # starts with its first character case-folded
        if not squashed_title:
            return lambda line: False
        return lambda line: squashed_title.startswith(line[0].casefold()) and _squash(line) == squashed_title


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=None)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """The cleaning rules, in the order they are tried (first match wins)."""
    table = pd.read_csv(path or RULES_FILE, dtype=str, keep_default_na=False)
    rules = []
    for row in table.itertuples(index=False):
        if row.match not in RULE_KINDS:
            raise ValueError(f"{path or RULES_FILE}: rule {row.rule!r} has unknown match kind {row.match!r}")
        rules.append(Rule(row.rule, row.match, row.pattern, row.reason))
    return tuple(rules)


def clean_text(raw: str, title: str = "", rules: tuple[Rule, ...] | None = None) -> tuple[str, list[dict]]:
    """Return the cleaned text and one record per removed line (1-based ``line``)."""
    rules = load_rules() if rules is None else tuple(rules)
    if not raw.isascii() and any(c in raw for c in INVISIBLE):  # (isascii costs nothing)
        raw = _INVISIBLE.sub("", raw)
    squashed_title = _squash(title) if title else ""
    tests = [(rule.test(squashed_title), rule) for rule in rules]  # first match wins
    kept, removed, blank_before = [], [], []
    blank = False
    # Unicode spaces and tabs become plain spaces, for the whole text at once (no line break
    # is one; looking for each is three times as fast as a regular expression's one pass);
    # each line is then stripped of surrounding white space
    for space in SPACES:
        if space in raw:
            raw = raw.replace(space, " ")
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.strip()
        if not line:
            blank = True
            continue
        for test, rule in tests:
            if test(line):
                removed.append({"line": number, "text": line, "rule": rule.name, "reason": rule.reason})
                break
        else:
            blank_before.append(blank and bool(kept))
            kept.append(line)
            blank = False
    text = "\n".join(kept)
    # (only a text with a line starting in lower case can be hard-wrapped: rules.is_hard_wrapped)
    if any(blank_before) and LATER_LINE_LOWER.search(text) is not None:
        spaced = "\n".join(("\n" if gap else "") + line for gap, line in zip(blank_before, kept))
        if is_hard_wrapped(spaced):
            return spaced, removed
    return text, removed
