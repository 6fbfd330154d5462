"""Remove scraped boilerplate line by line, following ``data/cleaning_rules.csv``.

Cleaning never rewrites words: it drops whole lines that a rule matches and
reports each one (which line, which rule, why).  Kept lines are stripped of
surrounding white space, no-break and other Unicode spaces become plain spaces,
and the kept lines are joined with ``"\\n"``: one line is one paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .paths import DATA_DIR

RULES_FILE = DATA_DIR / "cleaning_rules.csv"
RULE_KINDS = ("exact", "regex", "title")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
REMOVED_COLUMNS = ["article_id", "file", "line", "text", "rule", "reason"]


@dataclass(frozen=True)
class Rule:
    name: str
    match: str
    pattern: str
    reason: str

    def matches(self, line: str, title: str) -> bool:
        if self.match == "exact":
            return line == self.pattern
        if self.match == "regex":
            return re.search(self.pattern, line) is not None
        # "title": the article's own headline, as given in its metadata.
        return bool(title) and _squash(line) == _squash(title)


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
        if row.match == "regex":
            re.compile(row.pattern)
        rules.append(Rule(row.rule, row.match, row.pattern, row.reason))
    return tuple(rules)


def normalise_line(line: str) -> str:
    """Plain spaces for Unicode spaces and tabs; no surrounding white space."""
    return _SPACES.sub(" ", line).strip()


def clean_text(raw: str, title: str = "", rules: tuple[Rule, ...] | None = None) -> tuple[str, list[dict]]:
    """Return the cleaned text and one record per removed line (1-based ``line``)."""
    rules = load_rules() if rules is None else rules
    kept, removed = [], []
    for number, line in enumerate(raw.split("\n"), start=1):
        line = normalise_line(line)
        if not line:
            continue
        rule = next((r for r in rules if r.matches(line, title)), None)
        if rule is None:
            kept.append(line)
        else:
            removed.append({"line": number, "text": line, "rule": rule.name, "reason": rule.reason})
    return "\n".join(kept), removed
