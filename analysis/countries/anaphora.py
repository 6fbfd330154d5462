"""Words that stand for something named before: pronoun subjects ("It signed", "they joined",
"Both joined") for countries, and coordinated objects ("signed the 2019 letter and the 2020
statement", "the 2021 and 2022 statements") for events.  Used by ``countries.reading``.

Pronoun subjects (``pronoun_mentions``)
---------------------------------------
A pronoun is read only as the *subject of a cue*: "it", "they", "both", "the two" (and "both
countries" ...) followed, through at most a few adverbs or auxiliaries ("also", "then", "later",
"had", "did" ...), by a cue of ``countries.cues`` (a verb, a linker such as "was one of", a
negation).  "It was signed by 37 countries" (a passive: "was" is not an auxiliary here) and "It
was the first meeting" (no cue) are not read.  What the pronoun stands for:

* "it": the one country named before it in the same sentence; if none, the one country of the
  sentence before (a sentence naming two countries, or the subject China first, is ambiguous:
  no one is placed);
* "they", "both", "the two": the one list of two or more countries named before it in the same
  sentence, else the sentence before when that sentence names exactly that one list.

The pronoun becomes a mention of each country it stands for, at the pronoun's offsets, so the
list and cue rules of ``reading`` apply to it unchanged (its rows say ``(pronoun)`` in ``rule``).

Coordinated objects (``object_conjuncts``)
------------------------------------------
The words after a verb, up to the next cue or a new clause (", and", ", but", ";"), are split
at "and"/"as well as"/"," before "the"/"a"/"its" into noun phrases; when two or more of them name
a kind of event (letter, statement, vote, text), each is read as its own event.  A phrase that
coordinates years under one noun ("the 2021 and 2022 statements") is one phrase per year.
"""
from __future__ import annotations

import re

from .cues import VERBS, group_lists
from .events import Passages

PRONOUN = re.compile(
    r"\b(?:(?P<it>[Ii]t)|(?P<they>[Tt]hey|[Bb]oth(?: (?:countries|governments|states|nations))?|"
    r"[Tt]he two(?: (?:countries|governments|states|nations))?))\b")
FILLER = re.compile(
    r"(?:\s+(?:also|then|too|later|again|soon|duly|promptly|quickly|subsequently|eventually|once|twice|"
    r"had|has|have|did|would|will|each|all|both|themselves|itself|later on|in turn),?)*\s+")
SUBJECT_CUES = VERBS + ("linker", "negation", "ditto")
_OWN_SUBJECT = re.compile(r"(?:the|they|these|those)\b", re.I)  # "it the 22 were ...": a cue with its own subject
EVENT_NOUN = re.compile(r"\b(?:(?:counter-?)?letters?|statements?|declarations?|texts?|votes?|motions?|ones?)\b", re.I)
CLAUSE_END = re.compile(r",\s*(?:and|but|then|while|whereas|yet|so|when)\b|;|:|\.(?:\s|$)")
CONJUNCT = re.compile(r"(?:\s*,\s*|\s+)(?:(?:and|as well as|or)\s+)?(?:both\s+)?(?=(?:the|a|an|its|their)\b)", re.I)
YEARS = re.compile(r"\b(?P<years>(?:(?:19|20)\d{2}\s*,\s*)*(?:19|20)\d{2}\s*,?\s+(?:and|&)\s+(?:19|20)\d{2})\s+"
                   r"(?:[\w-]+\s+){0,2}?(?:statements|letters|votes|texts|declarations)\b")


def _subject_cue(body: str, end: int, cues: list[dict]) -> bool:
    """A cue follows the pronoun, through adverbs and auxiliaries only."""
    filler = FILLER.match(body, end)
    at = filler.end() if filler else end
    return any(c["start"] == at and c["type"] in SUBJECT_CUES and not _OWN_SUBJECT.match(body, at) for c in cues)


def _distinct(mentions: list[dict], subject: str) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m["iso3"] != subject and m["iso3"] not in seen:
            seen.append(m["iso3"])
    return seen


def _stands_for(kind: str, before: list[dict], body: str, previous: tuple[list[dict], str], subject: str) -> list[dict]:
    """The mentions a pronoun stands for (empty when none or ambiguous; see the module docstring)."""
    if before:
        if kind == "it":
            codes = _distinct(before, subject)
            return [next(m for m in reversed(before) if m["iso3"] == codes[0])] if len(codes) == 1 else []
        groups = [g for g in group_lists(before, body) if len(_distinct(g, subject)) >= 2]
        return groups[-1] if groups else []
    found, text = previous
    if not found or found[0]["iso3"] == subject:
        return []  # nothing before, or China is the sentence's subject ("China rejected it. It said ...")
    codes = _distinct(found, subject)
    if kind == "it":
        return [next(m for m in found if m["iso3"] == codes[0])] if len(codes) == 1 else []
    groups = [g for g in group_lists([m for m in found if m["iso3"] != subject], text)]
    return groups[0] if len(groups) == 1 and len(codes) >= 2 else []


def pronoun_mentions(body: str, found: list[dict], cues: list[dict], previous: tuple[list[dict], str],
                     offset: int, subject: str) -> list[dict]:
    """``found`` (the sentence's mentions, with ``s``/``e`` offsets in ``body``) plus one mention
    per country each pronoun subject stands for, in text order.  ``previous`` is the sentence
    before: (its mentions with pronouns resolved, its text)."""
    out = list(found)
    for match in PRONOUN.finditer(body):
        if not _subject_cue(body, match.end(), cues):
            continue
        before = [m for m in out if m["e"] <= match.start()]
        for m in _stands_for("it" if match.group("it") else "they", before, body, previous, subject):
            out.append({**m, "s": match.start(), "e": match.end(), "start": offset + match.start(),
                        "end": offset + match.end(), "pronoun": True})
        out.sort(key=lambda m: (m["s"], m["e"]))
    return out


def object_conjuncts(body: str, lo: int, hi: int) -> list[tuple[int, int, int | None]]:
    """(start, end, year) of each coordinated event phrase in ``body[lo:hi]`` (the words after a
    verb), or [] when there are fewer than two (module docstring).  ``year`` is set for one year
    of a phrase that coordinates years under one noun, else None."""
    stop = CLAUSE_END.search(body, lo, hi)
    hi = stop.start() if stop else hi
    cuts = [lo] + [m.start() for m in CONJUNCT.finditer(body, lo, hi) if m.start() > lo] + [hi]
    pieces: list[list[int]] = []
    for a, b in zip(cuts[:-1], cuts[1:]):
        if pieces and not EVENT_NOUN.search(body, a, b):
            pieces[-1][1] = b  # "the statement read by the United States": one phrase
        else:
            pieces.append([a, b])
    pieces = [p for p in pieces if EVENT_NOUN.search(body, p[0], p[1])]
    out: list[tuple[int, int, int | None]] = []
    for a, b in pieces:
        years = YEARS.search(body, a, b)
        if years:
            out += [(a, b, int(y)) for y in re.findall(r"\d{4}", years.group("years"))]
        else:
            out.append((a, b, None))
    return out if len(out) >= 2 else []


def stage_sets(body, passages: Passages, verb, span, a, b, hi, ccues, wider) -> list[list[dict]]:
    """The stages to resolve a verb's event with: one set, or one per coordinated object
    (``passages``: the sentence's ``events.Passages``)."""
    narrow = passages(body, a, b)
    if verb in ccues and verb["start"] >= span[1]:
        end = min([c["start"] for c in ccues if c["start"] > verb["start"]] + [hi])
        parts = object_conjuncts(body, verb["end"], end)
        if parts:
            head = passages(body, a, verb["end"])
            return [[{**head, **passages(body, lo, up), **({"year": year} if year else {})}, *wider]
                    for lo, up, year in parts]
    return [[narrow, *wider]]
