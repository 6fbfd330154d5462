"""The required literals of a regular expression, read from its source
(``required_literals``): a set of lower-case ASCII strings one of which every match
contains, or none.  ``literals`` screens texts with them.

How the set is found (conservative: when in doubt, no set, and the pattern always runs)
-------------------------------------------------------------------------------------
* A pattern is a list of alternatives; each alternative must have a set, and the pattern's
  set is their union.
* An alternative is a sequence of items.  A run of literal characters at its top level (not
  inside a group, not under a quantifier: the last letter of ``signs?`` is optional, so the
  run is ``sign``) is required; so is a group that is not quantified, and then its set is
  that of its alternatives.  Of the candidates the one whose shortest string is longest wins.
* Classes (``[...]``), ``.``, escapes that stand for a class (``\\d``, ``\\w``, ``\\s`` ...),
  anchors, lookarounds and back-references are not literals and end a run.  A non-ASCII
  literal ends a run too (case folding outside ASCII is not simple), and so does anything
  this reader does not know (inline flags, ``\\x``/``\\u`` escapes, a ``{`` that is not a
  quantifier): that part of the pattern gives no candidate.
* Letters are compared lower-cased, which holds with and without ``re.IGNORECASE``.  A text
  with one of the few characters that ``re.IGNORECASE`` equates with an ASCII letter but
  whose lower case is another character (dotless and dotted I, long s, the Kelvin sign) is
  not filtered.
"""
from __future__ import annotations

import re
from functools import lru_cache

_SPECIAL = set("\\.^$*+?{}[]|()")
_CLASS_ESCAPES = set("dDsSwWbBAZ0123456789")
_LITERAL_ESCAPES = set(".^$*+?{}[]|()\\-/'\"&,;:!#%<>=@`~ ")
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")


class _Unknown(Exception):
    """A construct this reader does not follow: no set for the part that holds it."""


def _structure(source: str, i: int = 0):
    """``(index, char, depth)`` of each ``(``, ``)`` and ``|`` of ``source`` from ``i``, outside
    escapes and classes; ``depth``: the groups open after an opening bracket, before a closing
    one (so a group opened at ``i`` closes where ``char == ")"`` and ``depth == 0``)."""
    depth, j = 0, i
    while j < len(source):
        char = source[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            j = _class_end(source, j)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char in "()|":
            yield j, char, depth
        j += 1


def _group_end(source: str, i: int) -> int:
    """The index just after the ``)`` closing the group opened at ``source[i] == "("``."""
    for j, char, depth in _structure(source, i):
        if char == ")" and depth == 0:
            return j + 1
    raise _Unknown("unbalanced group")


def _class_end(source: str, i: int) -> int:
    """The index just after the ``]`` closing the class opened at ``source[i] == "["``."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
            continue
        if source[j] == "]":
            return j + 1
        j += 1
    raise _Unknown("unclosed class")


def _quantifier_at(source: str, j: int) -> int:
    """The length of the quantifier at ``source[j]`` (with a lazy or possessive ``?``/``+``), 0 if none."""
    if j >= len(source):
        return 0
    if source[j] in "*+?":
        n = 1
    elif source[j] == "{":
        m = _QUANTIFIER.match(source, j)
        if not m or not (m.group(1) or m.group(2)):
            raise _Unknown("a brace that is not a quantifier")
        n = m.end() - j
    else:
        return 0
    if j + n < len(source) and source[j + n] in "?+":
        n += 1
    return n


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of the pattern ``source``."""
    parts, start = [], 0
    for j, char, depth in _structure(source):
        if char == "|" and depth == 0:
            parts.append(source[start:j])
            start = j + 1
    parts.append(source[start:])
    return parts


def _best(candidates: list[frozenset]) -> frozenset | None:
    return max(candidates, key=lambda s: min(map(len, s)), default=None)


def _alternative(source: str) -> frozenset | None:
    """The required literals of one alternative (None: none found)."""
    candidates: list[frozenset] = []
    run: list[str] = []

    def close():
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    j = 0
    while j < len(source):
        char = source[j]
        if char == "(":
            end = _group_end(source, j)
            inner = source[j + 1:end - 1]
            quantified = _quantifier_at(source, end)
            close()
            if inner.startswith("?"):
                if inner.startswith(("?:",)):
                    body = inner[2:]
                elif inner.startswith("?P<"):
                    body = inner[inner.index(">") + 1:]
                elif inner.startswith(("?=", "?!", "?<=", "?<!", "?#")):
                    body = None  # a lookaround or comment consumes nothing of the match
                else:
                    raise _Unknown("inline flags or a conditional")
            else:
                body = inner
            if body is not None and not quantified:
                found = _literals(body)
                if found is not None:
                    candidates.append(found)
            j = end + quantified
            continue
        if char == "[":
            close()
            j = _class_end(source, j)
            j += _quantifier_at(source, j)
            continue
        if char == "\\":
            if j + 1 >= len(source):
                raise _Unknown("a trailing backslash")
            escaped = source[j + 1]
            if escaped in _CLASS_ESCAPES:
                close()
                j += 2
                j += _quantifier_at(source, j)
                continue
            if escaped not in _LITERAL_ESCAPES:
                raise _Unknown(f"the escape \\{escaped}")
            literal, width = escaped, 2
        elif char in _SPECIAL:
            if char in ".^$":
                close()
                j += 1
                j += _quantifier_at(source, j)
                continue
            raise _Unknown(f"an unexpected {char!r}")
        else:
            literal, width = char, 1
        quantified = _quantifier_at(source, j + width)
        if quantified or not literal.isascii():
            close()  # "signs?": the s may be absent; a non-ASCII letter may fold unexpectedly
        else:
            run.append(literal.lower())
        j += width + quantified
    close()
    return _best([c for c in candidates if all(c)])


def _literals(source: str) -> frozenset | None:
    union: set[str] = set()
    for part in alternatives(source):
        found = _alternative(part)
        if found is None:
            return None
        union |= found
    return frozenset(union)


@lru_cache(maxsize=None)
def required_literals(source: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of the pattern ``source`` contains, or
    None when none can be read from it (see the module docstring)."""
    try:
        found = _literals(source)
    except _Unknown:
        return None
    return tuple(sorted(found)) if found else None
