"""The cue table and the sentence structure ``country_positions`` reads: cues (``data/position_cues.csv``),
clauses, lists of mentions, and which cues govern a list (rules 1-3 of ``countries.reading``)."""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR
from .literals import Screen

CUES_FILE = DATA_DIR / "position_cues.csv"
TYPES = ("sign", "vote_yes", "vote_no", "abstain", "withdraw", "side_against", "side_support", "endorse",
         "negation", "linker", "ditto")
FIXED = {"vote_yes": "against", "vote_no": "support", "abstain": "abstained", "withdraw": "withdrew",
         "side_against": "against", "side_support": "support"}
VERBS = tuple(t for t in TYPES if t not in ("negation", "linker", "ditto"))
GLUE = re.compile(r"(?:\s*[,&]\s*|\s+)(?:(?:and|or|as well as)\s+)?(?:the\s+)?", re.I)
BOUNDARY = re.compile(r";|\s[—–-]{1,2}\s|,\s+(?=(?:while|whereas|although|though|yet|but|which|who|where)\b)")
REMOVE_QUIET = 2
_DETERMINER = re.compile(r"\b(?:[Tt]he|an?|its|their)\b")


class PositionDataError(ValueError):
    """``data/position_cues.csv`` is malformed (the message names the row)."""


@lru_cache(maxsize=None)
def position_cues() -> pd.DataFrame:
    """The cue table, checked: known types, compiling patterns, an action for every verb."""
    table = pd.read_csv(CUES_FILE, dtype=str, keep_default_na=False)
    missing = {"cue_id", "type", "action", "event", "pattern", "note", "example"} - set(table.columns)
    if missing:
        raise PositionDataError(f"{CUES_FILE.name}: missing column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(table.to_dict("records"), start=2):
        if row["type"] not in TYPES:
            raise PositionDataError(f"{CUES_FILE.name}: line {number}: unknown type {row['type']!r}")
        if row["type"] in VERBS and not row["action"]:
            raise PositionDataError(f"{CUES_FILE.name}: line {number}: a {row['type']} cue needs an action")
        try:
            re.compile(row["pattern"])
        except re.error as error:
            raise PositionDataError(f"{CUES_FILE.name}: line {number}: bad regex ({error})") from None
    return table


@lru_cache(maxsize=None)
def _compiled() -> list[tuple]:
    return [(r["cue_id"], r["type"], r["action"], r["event"], re.compile(r["pattern"], re.I))
            for r in position_cues().to_dict("records")]


@lru_cache(maxsize=None)
def cue_screen() -> Screen:
    """Which cue patterns could match a sentence (``literals.Screen``)."""
    return Screen(pattern for *_, pattern in _compiled())


@lru_cache(maxsize=None)
def _order() -> dict[int, int]:
    """Each cue pattern's row in the table, by the pattern's ``id`` (as ``literals.Screen`` answers)."""
    return {id(pattern): k for k, (*_, pattern) in enumerate(_compiled())}


def find_cues(sentence: str) -> list[dict]:
    """Cues in a sentence, non-overlapping, the longest first: start, end, cue_id, type, action."""
    compiled, order = _compiled(), _order()
    can = cue_screen().possible(sentence)  # a pattern runs only on a sentence holding one of its words (``literals``)
    found = [
        {"start": m.start(), "end": m.end(), "cue_id": cue_id, "type": kind, "action": action, "event": label,
         "passive": m.group().rstrip().lower().endswith(" by")}
        for cue_id, kind, action, label, pattern in (compiled[k] for k in sorted(order[i] for i in can if i in order))
        for m in pattern.finditer(sentence) if m.end() > m.start()
    ]
    found.sort(key=lambda c: (-(c["end"] - c["start"]), c["start"]))
    kept: list[dict] = []
    for cue in found:
        if all(cue["end"] <= k["start"] or cue["start"] >= k["end"] for k in kept):
            kept.append(cue)
    return sorted(kept, key=lambda c: c["start"])


def clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence (see the module docstring, rule 2)."""
    cuts = {0, len(sentence)}
    for m in BOUNDARY.finditer(sentence):
        cuts.add(m.start())
        if re.match(r"\s*(?:which|who)\b", sentence[m.end():]):
            comma = sentence.find(",", m.end())
            if comma > 0:
                cuts.add(comma)
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points[:-1], points[1:]) if b > a]


def group_lists(mentions: list[dict], text: str) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for mention in mentions:
        if groups and (mention["s"] < groups[-1][-1]["e"] or GLUE.fullmatch(text[groups[-1][-1]["e"]:mention["s"]])):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def distance(span: tuple[int, int], cue: dict) -> tuple[int, int]:
    if cue["end"] <= span[0]:
        return (span[0] - cue["end"], 0)
    if cue["start"] >= span[1]:
        return (cue["start"] - span[1], 1)
    return (0, 0)


def governing(span, cues, other_lists) -> list[dict]:
    """The cues a list takes: the nearest, and for a subject the verbs that follow (rule 3)."""
    if not cues:
        return []
    nearest = min(cues, key=lambda c: (*distance(span, c), c["start"]))
    chosen = [nearest]
    if nearest["start"] >= span[1]:
        for cue in cues:
            if cue["start"] <= nearest["start"] or (cue["type"] in ("side_against", "side_support") and not cue["event"]):
                continue  # a later "praising China" describes the letter, not the list's act
            if cue.get("passive"):
                continue  # "read by Cuba": the act of the list after it
            if any(span[1] <= lst[0] < cue["start"] for lst in other_lists):
                break
            chosen.append(cue)
    return chosen


def list_like(body: str, groups: list[list[dict]]) -> bool:
    """A sentence that is little but a list ("- Albania", "and New Zealand, Norway and Palau.")."""
    rest = body
    for group in sorted(groups, key=lambda g: -g[0]["s"]):
        rest = rest[:group[0]["s"]] + rest[group[-1]["e"]:]
    words = re.findall(r"[A-Za-z]+", rest)
    n = sum(len(g) for g in groups)
    return bool(groups) and (len(words) <= 1 or (n >= 2 and len(body) - len(rest) >= 0.5 * len(body.strip())))


def relative_clause(body: str, span, per_clause, index):
    """The clause after a list when it is the list's relative clause ("Qatar, which later withdrew,")."""
    if index + 1 < len(per_clause) and re.fullmatch(r"\s*", body[span[1]:per_clause[index][1]]):
        following = per_clause[index + 1]
        if re.match(r",\s+(?:which|who)\b", body[following[0]:]):
            return following
    return None


def passage(body, span, cue, verb, ccues, lo, hi, follows: bool) -> tuple[int, int]:
    """The narrowest passage of a list and its verb (with, for "read by X", the phrase before; for
    a subject's second verb, from that verb on: "Britain read A and joined B")."""
    a = min(span[0], cue["start"], verb["start"] if verb in ccues else span[0])
    if follows:
        a = cue["start"]
    b = max(span[1], cue["end"], verb["end"] if verb in ccues else span[1])
    if cue["start"] >= span[1]:
        later = [c["start"] for c in ccues if c["start"] > cue["start"]] + [hi]
        b = max(b, min(later))
    elif cue["end"] <= span[0] and cue.get("passive"):
        phrases = [m.start() for m in _DETERMINER.finditer(body, lo, cue["start"])]
        a = min(a, phrases[-1]) if phrases else a
    return a, b
