"""Words a pattern cannot match without: a cheap test that skips a regular expression on a text
it cannot match (``could_match``), derived from the pattern's own source so the patterns stay
the only definition of what is read.

Python's ``re`` scans every position of a text for a pattern that starts with ``\\b`` or a
group, so a sentence costs each of the readers' patterns (the cue table, the event features)
a full scan even when it holds none of their words; most sentences hold none.  Here the
source of a pattern is read once for its *required literals*: a set of lower-case ASCII
strings, one of which every match contains.  ``could_match(pattern, lowered)`` is then a few
substring tests on the lower-cased text, and the pattern runs only when it says yes, so the
results are those of running every pattern everywhere.

How the set is found: ``required`` (conservative: when in doubt, no set, and the pattern
always runs).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .required import alternatives, required_literals

#: what ``str.lower()`` leaves of the characters ``re.IGNORECASE`` matches to an ASCII letter
#: other than that letter: dotless i, long s, and the combining dot of a lower-cased dotted I
#: (the Kelvin sign lower-cases to k)
FOLD_TRAPS = ("\u0131", "\u017f", "\u0307")


class Alternatives:
    """A pattern ``A|B|...`` with, for a text, the alternatives that cannot match it left out:
    ``Alternatives(pattern).for_text(lowered)`` is the pattern itself, the pattern with each
    impossible alternative replaced by one that fails at once (keeping its groups, so group
    numbers and names stay), or None when no alternative can match.  An alternative that
    cannot match anywhere in a text fails at every position there, as its stand-in does, so
    ``finditer`` finds the same matches with the same groups.  ``parts`` are the alternatives:
    ``pattern.search`` finds a match exactly when one of them does."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.sources = alternatives(pattern.pattern)
        self.parts = [re.compile(source, pattern.flags) for source in self.sources]
        self._variants: dict[tuple[bool, ...], re.Pattern | None] = {}

    def _stand_in(self, part: re.Pattern) -> str:
        names = {index: name for name, index in part.groupindex.items()}
        return "(?!)" + "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, part.groups + 1))

    def possible(self, lowered: str) -> tuple[bool, ...]:
        """Which alternatives could match the text whose ``str.lower()`` is ``lowered``."""
        return tuple(could_match(part, lowered) for part in self.parts)

    def for_text(self, lowered: str, within: tuple[bool, ...] | None = None) -> re.Pattern | None:
        """The pattern for the text whose ``str.lower()`` is ``lowered`` (``could_match`` each
        part); ``within``: ``possible`` of a text this one is a slice of (its article)."""
        if within is None:
            key = self.possible(lowered)
        else:
            key = tuple(ok and could_match(part, lowered) for part, ok in zip(self.parts, within))
        if key not in self._variants:
            if all(key):
                variant = self.pattern
            elif not any(key):
                variant = None
            else:
                variant = re.compile("|".join(source if ok else self._stand_in(part)
                                              for source, part, ok in zip(self.sources, self.parts, key)),
                                     self.pattern.flags)
            self._variants[key] = variant
        return self._variants[key]


_LOOKED_FOR: dict[int, tuple[re.Pattern, tuple[str, ...] | None]] = {}


def could_match(pattern: re.Pattern, lowered: str) -> bool:
    """False only when ``pattern`` cannot match the text whose ``str.lower()`` is ``lowered``
    (one substring test per required literal: for one or two patterns, or a long text, where a
    ``Screen`` costs more)."""
    kept = _LOOKED_FOR.get(id(pattern))
    if kept is None or kept[0] is not pattern:
        needed = None if pattern.flags & re.VERBOSE else required_literals(pattern.pattern)
        kept = _LOOKED_FOR[id(pattern)] = (pattern, None if needed is None else needed + FOLD_TRAPS)
    return kept[1] is None or any(word in lowered for word in kept[1])


@lru_cache(maxsize=None)
def _slices(length: int) -> tuple[slice, ...]:
    return tuple(slice(i, i + 3) for i in range(length - 2))


class Screen:
    """Which of the patterns added to it could match a text: ``screen.possible(text)``.

    Every required literal of every pattern is looked for in the text, and a pattern is
    possible when one of its literals is there (a pattern without a set always is).  Where to
    look is narrowed three ways, none of which changes an answer:

    * ``within``: a text that ``text`` is a slice of (a clause's sentence, a sentence's
      article): only the literals found in it are looked for;
    * ``prepare(article, bounds)`` screens all the sentences of an article at once, finding
      each literal's occurrences in the article and giving them to the sentence they fall in;
    * otherwise the literals are indexed by their first three letters, and only those whose
      three letters are among the text's are looked for.

    The answers for the latest texts are kept (a sentence is screened for its cues and then for
    its features; most clauses are whole sentences).  ``cues.cue_screen()`` screens for the
    cue table's patterns, ``events.SCREEN`` for the event features'."""

    KEEP = 512

    def __init__(self, patterns=()):
        self.patterns: list[re.Pattern] = []
        self.add(patterns)

    def add(self, patterns) -> None:
        """Screen these patterns too (each pattern once)."""
        known = set(map(id, self.patterns))
        for pattern in patterns:
            if id(pattern) not in known:
                known.add(id(pattern))
                self.patterns.append(pattern)
        self.always: frozenset[int] = frozenset()
        self.short: list[tuple[str, frozenset]] = []
        self.index: dict[str, list[tuple[str, frozenset]]] = {}
        by_literal: dict[str, set[int]] = {}
        always = set()
        for pattern in self.patterns:
            needed = None if pattern.flags & re.VERBOSE else required_literals(pattern.pattern)
            if needed is None:
                always.add(id(pattern))
            for word in needed or ():
                by_literal.setdefault(word, set()).add(id(pattern))
        self.always = frozenset(always)
        self.entries = [(word, frozenset(by_literal[word])) for word in sorted(by_literal)]
        for entry in self.entries:
            if len(entry[0]) < 3:
                self.short.append(entry)
            else:
                self.index.setdefault(entry[0][:3], []).append(entry)
        self.everything = frozenset(known)
        self._kept: dict[str, tuple[frozenset, list]] = {}

    def _keep(self, text: str, answer: tuple[frozenset, list]) -> tuple[frozenset, list]:
        if len(self._kept) >= self.KEEP:
            self._kept.clear()
        self._kept[text] = answer
        return answer

    def _answer(self, held: list[tuple[str, frozenset]]) -> tuple[frozenset, list]:
        ids = set(self.always)
        for _, owners in held:
            ids |= owners
        return frozenset(ids), held

    def _screen(self, text: str, within: str | None) -> tuple[frozenset, list]:
        """(pattern ids, literals held) of ``text``."""
        kept = self._kept.get(text)
        if kept is not None:
            return kept
        lowered = text.lower()
        if any(trap in lowered for trap in FOLD_TRAPS):
            return self._keep(text, (self.everything, self.entries))
        if within is not None:
            candidates = self._screen(within, None)[1]
        else:
            pieces = set(map(lowered.__getitem__, _slices(len(lowered))))
            candidates = [entry for piece in sorted(pieces.intersection(self.index)) for entry in self.index[piece]]
            candidates += self.short
        return self._keep(text, self._answer([entry for entry in candidates if entry[0] in lowered]))

    def possible(self, text: str, within: str | None = None) -> frozenset:
        """The ``id`` of each pattern that could match ``text`` (ids: a compiled pattern hashes
        its whole code).  A pattern not added to the screen is never in the answer.
        ``within``: a text that ``text`` is a slice of, when the caller has it (its sentence,
        its article): only the literals it holds are looked for."""
        return self._screen(text, within)[0]

    def prepare(self, article: str, bounds) -> None:
        """Screen the sentences ``article[start:end]`` for each (start, end) of ``bounds`` (in
        order, not overlapping) at once: each literal is found in the article and given to the
        sentence it falls in; later ``possible`` calls for those sentences are then answered
        from what is kept.  (Not done when lower-casing changes the article's length, or when
        it holds a fold trap: the sentences are then screened one by one.)"""
        lowered = article.lower()
        bounds = list(bounds)
        if (len(lowered) != len(article) or len(bounds) > self.KEEP // 2
                or any(end > start for (_, end), (start, _) in zip(bounds, bounds[1:]))
                or any(trap in lowered for trap in FOLD_TRAPS)):
            return
        if len(self._kept) + len(bounds) > self.KEEP:
            self._kept.clear()
        starts = [start for start, _ in bounds]
        held: list[list] = [[] for _ in bounds]
        for entry in self.entries:
            word = entry[0]
            at = lowered.find(word)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                if k >= 0 and at + len(word) <= bounds[k][1]:
                    held[k].append(entry)
                    at = lowered.find(word, bounds[k][1])  # the next sentence on
                else:
                    at = lowered.find(word, at + 1)
        for (start, end), found in zip(bounds, held):
            self._keep(article[start:end], self._answer(found))

