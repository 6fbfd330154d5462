"""Which side the articles put each country on, and the bloc sizes they state -- read from the text.

*Superseded:* ``country_positions`` (``countries.reading``) reads positions per event of the
record, with lists over sentences, negation, withdrawal and votes; ``analysis.country_alignments``
is now its old name (an alias that warns).  ``cue_alignments`` here is the earlier one-sentence
cue reader, kept with its seed gold (``data/gold/alignments_seeds.csv``) for ``stated_bloc_sizes``'
sentence events and as a baseline.

    from analysis.countries.positions import cue_alignments, stated_bloc_sizes
    rows = cue_alignments(corpus)        # article_id, iso3, event, position, evidence ...
    sizes = stated_bloc_sizes(corpus)    # "22 countries", "37 countries", "three dozen countries"

Nothing here comes from a typed-in table of who signed what: a row exists only because a
sentence of the article says so.  The reference record is ``data/alignments`` (``countries.record``).

Rules (the cue lexicon is ``data/stance_cues.csv``: cue_id, regex, position, event, priority)
---------------------------------------------------------------------------------------------
1. Work sentence by sentence (the corpus's own sentences).  Cues are matched case-insensitively;
   where two position cues overlap the longer wins ("supporting the sanctions" over "support").
2. Candidates are the sentence's country *name mentions* (``analysis.countries``, kinds name and
   abbreviation, blocs included).  The subject country (China, ``subject="CHN"``) is never
   placed on a side; demonyms ("British ambassadors"), capitals ("Beijing") and job titles
   ("Australia director") are not candidates.
3. List structures: mentions joined only by commas, "and", "or" and "the" form one list
   ("the United States, the United Kingdom, the European Union, Canada, Australia and New
   Zealand"; "such as North Korea, Russia, and Myanmar").  Each list takes the position of the
   *nearest* position cue in the same sentence (character distance; a tie goes to the cue
   before).  A sentence without a position cue places no one.
4. Event: the cue's own event if it has one ("sanction", "rebuttal letter", "host a
   conference", the genocide determination); else the highest-priority event cue in the same
   sentence (genocide 5 > sanctions 4 > letter 3 > UN event 2 > statement 1); else the latest
   event cue earlier in the same paragraph; else ``unspecified``.  ``event_date`` is the first
   "Month day" the sentence prints (the year is never printed in the seeds: not guessed).
5. Positions: ``against`` (critical of China's Xinjiang policy), ``support`` (backing China),
   ``other`` (abstained, declined to sign) -- the same words as ``data/alignments``.

Limits: negation is not parsed ("none of the 22 countries ... were Muslim-majority" places no
one only because it names no country); a list split across sentences loses its cue;
countries named only by a demonym are not placed.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..corpus import Corpus
from .gazetteer import COUNTED_KINDS
from .mentions import articles_and_sentences, country_mentions
from ..config import DATA_DIR

CUES_FILE = DATA_DIR / "stance_cues.csv"
POSITIONS = ("against", "support", "other")
UNSPECIFIED = "unspecified"
ALIGNMENT_COLUMNS = [
    "article_id", "sentence_id", "iso3", "country", "is_bloc", "surface", "event", "event_date",
    "position", "cue", "cue_text", "evidence",
]
BLOC_COLUMNS = [
    "article_id", "sentence_id", "size", "approximate", "noun_phrase", "position", "event", "cue", "evidence",
]

_LIST_GLUE = re.compile(r"(?:\s*,\s*|\s+)(?:(?:and|or)\s+)?(?:the\s+)?", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+\d{4})?\b"
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+|\d+|(?:a|one|two|three|four|five|six) dozen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
)
#: "<number> [up to two modifiers] countries|nations|states|governments|signatories"; camps,
#: people, years ... are not blocs.  Modifiers may not be number words ("2 million people").
BLOC_PATTERN = re.compile(
    r"\b(?P<approx>(?:about|around|some|nearly|almost|roughly|more than|over|at least|fewer than|less than)\s+)?"
    rf"(?P<num>{_NUMBER})\s+"
    r"(?P<mods>(?:(?!(?:million|billion|thousand|hundred|percent|per)\b)[A-Za-z][\w-]*\s+){0,2}?)"
    r"(?P<noun>countries|nations|states|governments|signatories)\b",
    re.IGNORECASE,
)


class StanceDataError(ValueError):
    """The cue lexicon is malformed (the message names the row)."""


@lru_cache(maxsize=None)
def cue_table() -> pd.DataFrame:
    """``data/stance_cues.csv`` checked: every regex compiles, positions are known."""
    table = pd.read_csv(CUES_FILE, dtype=str, keep_default_na=False)
    needed = {"cue_id", "pattern", "position", "event", "priority", "note", "example"}
    missing = needed - set(table.columns)
    if missing:
        raise StanceDataError(f"{CUES_FILE.name}: missing column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(table.to_dict("records"), start=2):
        if row["position"] not in POSITIONS + ("",):
            raise StanceDataError(f"{CUES_FILE.name}: line {number}: unknown position {row['position']!r}")
        if not row["position"] and not row["event"]:
            raise StanceDataError(f"{CUES_FILE.name}: line {number}: a cue needs a position or an event")
        try:
            re.compile(row["pattern"])
        except re.error as error:
            raise StanceDataError(f"{CUES_FILE.name}: line {number}: bad regex ({error})") from None
    table["priority"] = pd.to_numeric(table["priority"], errors="raise").astype("int64")
    return table


@lru_cache(maxsize=None)
def _compiled() -> tuple[list, list]:
    table = cue_table()
    positions, events = [], []
    for row in table.to_dict("records"):
        pattern = re.compile(row["pattern"], re.IGNORECASE)
        if row["position"]:
            positions.append((row["cue_id"], pattern, row["position"], row["event"]))
        if row["event"]:
            events.append((row["event"], pattern, row["priority"]))
    return positions, events


def _position_cues(sentence: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, cue_id, position, event) in the sentence; overlapping cues: the longer wins."""
    found = []
    for cue_id, pattern, position, event in _compiled()[0]:
        found += [(m.start(), m.end(), cue_id, position, event) for m in pattern.finditer(sentence)]
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    kept: list = []
    for cue in found:
        if all(cue[1] <= k[0] or cue[0] >= k[1] for k in kept):
            kept.append(cue)
    return sorted(kept)


def _sentence_event(sentence: str) -> str:
    best = (0, "")
    for event, pattern, priority in _compiled()[1]:
        if priority > best[0] and pattern.search(sentence):
            best = (priority, event)
    return best[1]


def _sentences(corpus) -> pd.DataFrame:
    """article_id, paragraph_id, sentence_id, start, end, text for a Corpus or an articles frame."""
    articles, sentences = articles_and_sentences(corpus, "read alignments from")
    texts = dict(zip(articles["article_id"], articles["text"]))
    out = sentences[["article_id", "paragraph_id", "sentence_id", "start", "end"]].copy()
    out["text"] = [texts[a][s:e] for a, s, e in zip(out["article_id"], out["start"], out["end"])]
    return out.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)


def _lists(mentions: list[dict], sentence: str, offset: int) -> list[list[dict]]:
    """Group mentions joined only by commas / and / or / the into lists."""
    groups: list[list[dict]] = []
    for mention in mentions:
        if groups:
            gap = sentence[groups[-1][-1]["end"] - offset: mention["start"] - offset]
            if _LIST_GLUE.fullmatch(gap):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _nearest(span: tuple[int, int], cues: list) -> tuple | None:
    if not cues:
        return None
    def distance(cue):
        if cue[1] <= span[0]:
            return (span[0] - cue[1], 0)
        if cue[0] >= span[1]:
            return (cue[0] - span[1], 1)
        return (0, 0)
    return min(cues, key=lambda cue: (*distance(cue), cue[0]))


def _events_by_sentence(sentences: pd.DataFrame) -> dict[tuple[str, int], str]:
    """The event each sentence is about: its own best event cue, else the paragraph's latest."""
    events, carried, current = {}, None, ""
    for row in sentences.itertuples():
        key = (row.article_id, row.paragraph_id)
        if key != carried:
            carried, current = key, ""
        own = _sentence_event(row.text)
        current = own or current
        events[(row.article_id, row.sentence_id)] = current or UNSPECIFIED
    return events


def cue_alignments(corpus: Corpus | pd.DataFrame, subject: str = "CHN") -> pd.DataFrame:
    """One row per country the text places on a side, per sentence that does so.

    Columns: article_id, sentence_id, iso3, country, is_bloc, surface, event, event_date,
    position (against | support | other), cue (cue_id), cue_text, evidence (the sentence).
    Sorted by article_id, sentence_id and position in the sentence.  A country placed
    twice (two sentences) gets two rows; ``drop_duplicates(["article_id", "iso3", "event",
    "position"])`` gives one per claim.  Rules: module docstring.
    """
    sentences = _sentences(corpus)
    mentions = country_mentions(corpus)
    mentions = mentions[mentions["kind"].isin(COUNTED_KINDS) & (mentions["iso3"] != subject)]
    by_sentence: dict[tuple, list[dict]] = {}
    for mention in mentions.to_dict("records"):
        by_sentence.setdefault((mention["article_id"], mention["sentence_id"]), []).append(mention)
    events = _events_by_sentence(sentences)
    rows = []
    for sent in sentences.itertuples():
        found = by_sentence.get((sent.article_id, sent.sentence_id))
        if not found:
            continue
        cues = _position_cues(sent.text)
        if not cues:
            continue
        date = _MONTH_DAY.search(sent.text)
        for group in _lists(found, sent.text, sent.start):
            span = (group[0]["start"] - sent.start, group[-1]["end"] - sent.start)
            c_start, c_end, cue_id, position, cue_event = _nearest(span, cues)
            event = cue_event or events[(sent.article_id, sent.sentence_id)]
            for mention in group:
                rows.append({
                    "article_id": sent.article_id, "sentence_id": int(sent.sentence_id),
                    "iso3": mention["iso3"], "country": mention["country"], "is_bloc": bool(mention["is_bloc"]),
                    "surface": mention["surface"], "event": event,
                    "event_date": date.group() if date else "", "position": position,
                    "cue": cue_id, "cue_text": sent.text[c_start:c_end], "evidence": sent.text,
                    "_start": mention["start"],
                })
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS + ["_start"])
    frame = frame.sort_values(["article_id", "sentence_id", "_start"], kind="stable")
    frame = frame.drop(columns="_start").reset_index(drop=True)
    return frame.astype({"sentence_id": "int64", "is_bloc": bool})


def _number_value(text: str) -> int:
    lower = text.lower()
    if lower[0].isdigit():
        return int(lower.replace(",", ""))
    if lower.endswith("dozen"):
        head = lower.split()[0]
        return 12 * (1 if head == "a" else _WORD_NUMBERS[head])
    parts = lower.split("-")
    return sum(_WORD_NUMBERS[p] for p in parts)


#: Public names for the number forms and their values (``events`` reads sizes with them).
NUMBER = _NUMBER
number_value = _number_value


def stated_bloc_sizes(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Every "<number> countries/nations/states/governments/signatories" the text states.

    Columns: article_id, sentence_id, size (int), approximate (a "dozen" count or a hedge such
    as "some", "more than"), noun_phrase (as printed), position and cue (the nearest position
    cue in the sentence, blank if none), event (as for alignments), evidence (the sentence).
    "1,200 camps" or "25 million people" are not blocs: the noun decides.
    """
    sentences = _sentences(corpus)
    events = _events_by_sentence(sentences)
    rows = []
    for sent in sentences.itertuples():
        matches = list(BLOC_PATTERN.finditer(sent.text))
        if not matches:
            continue
        cues = _position_cues(sent.text)
        for m in matches:
            cue = _nearest(m.span(), cues)
            num = m.group("num")
            rows.append({
                "article_id": sent.article_id, "sentence_id": int(sent.sentence_id),
                "size": _number_value(num),
                "approximate": bool(m.group("approx")) or num.lower().endswith("dozen"),
                "noun_phrase": m.group(), "position": cue[3] if cue else "",
                "event": (cue[4] if cue and cue[4] else events[(sent.article_id, sent.sentence_id)]),
                "cue": cue[2] if cue else "", "evidence": sent.text,
            })
    frame = pd.DataFrame(rows, columns=BLOC_COLUMNS)
    return frame.astype({"sentence_id": "int64", "size": "int64", "approximate": bool}).reset_index(drop=True)
