"""Which documented statement, letter or vote a passage is about: the record's events and the
features a text gives of them.

Each event of the record (``record.load_alignments``) is described by what a news text can
say of it: year, month, day, forum (``hrc`` = the Human Rights Council, ``unga`` = the General
Assembly / Third Committee), kind (``letter``, ``statement``, ``vote``), side (``against``,
``support``, ``vote``), the sizes one may print (listed rows, original signatories, each vote
count), the country that read it (the ``-XXX`` suffix of UNGA statement ids) and its symbol.

``features(text, mentions)`` reads the same things from a passage: "October 2020", "6 Oct",
"39 countries", "the 22", "Third Committee", "counter-letter", "read by Germany", "Canada-led",
"Germany's statement", "A/HRC/51/L.6", "criticising" / "praising China".

``resolve`` narrows the record's events by the features, from the narrowest passage outwards
(the words around the list and its verb, then the clause, the sentence, and last the event the
article was talking about before).  Year, month, forum, kind, side, reader and symbol must
agree (a side does not filter votes), key by key from the most specific (symbol, reader, kind,
forum, side, year, month); a key that would leave no event is skipped ("Germany's statement had
39 signatories, none of which had signed in 2019" is still the 2020 statement).  A size or a
day only breaks ties, so a misstated size still finds its event (and is flagged by
``contradictions``).  Without any feature in the text
nothing is resolved: a lone "India abstained." is not tied to the only vote the record holds.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .gazetteer import alias_table, is_state
from .literals import Screen
from .positions import NUMBER, number_value

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
_DATE = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_RE})|(?P<m2>{_MONTH_RE})(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?)")
_YEAR = re.compile(r"(?<![\d/.])(?:19[5-9]\d|20[0-4]\d)(?![\d/])")
#: "<number> [two words] countries|nations|states|...": as ``positions.BLOC_PATTERN``, with the
#: nouns a size of signatories or voters takes in news ("22 ambassadors", "17 members").
BLOC_PATTERN = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?:(?!(?:million|billion|thousand|hundred|percent|per)\b)[A-Za-z][\w-]*\s+){{0,2}}?"
    r"(?:countries|nations|states|governments|signatories|signers|members|ambassadors|envoys|delegations|names)\b",
    re.IGNORECASE,
)
#: "the letter of 22", "a 23-nation statement"
_OF_N = re.compile(r"\b(?:letter|statement|group|bloc|coalition|list) of (\d{1,3})\b|\b(\d{1,3})-(?:nation|country|member|state|strong)\b", re.I)
_THE_N = re.compile(r"\b[Tt]he (?P<num>\d{1,3}|[a-z]+(?:-[a-z]+)?)(?= were\b| for\b|[,.;:)]| that\b| who\b| of\b)")
FORUMS = {
    "hrc": re.compile(r"Human Rights Council|\bHRC\b|(?<!Security )(?<!city )\b[Cc]ouncil\b"),
    "unga": re.compile(r"Third Committee|General Assembly|\bUNGA\b"),
}
KINDS = {
    "letter": re.compile(r"\b(?:counter-?)?letters?\b", re.I),
    "statement": re.compile(r"\bstatements?\b|\bdeclarations?\b", re.I),
    "vote": re.compile(r"\bvot(?:e|ed|es|ing)\b|\bmotion\b|\bdraft decision\b|\bin favou?r\b|\babstain\w*|\babstentions?\b", re.I),
}
_CHINA = r"(?:China|Beijing)"
SIDES = {
    "against": re.compile(rf"\bcritici[sz]\w*|\bcondemn\w*|\bdenounc\w*|\burg\w* {_CHINA}|\bcall\w* on {_CHINA}|"
                          r"\bconcerns?\b", re.I),
    "support": re.compile(rf"\b(?:counter-?|rebuttal |reactionary |rival |opposing |competing )(?:letter|statement)s?\b|\bletters? of their own\b|"
                          rf"\b(?:prais|commend|defen[cds])\w*(?=[^.;]{{0,60}}\b{_CHINA})|\b{_CHINA}['’]s defen[cs]e\b|"
                          rf"\b(?:backing|backed|supporting|siding with|in support of) {_CHINA}\b", re.I),
}
#: "the first", "the second letter", "the latter": an event by its order among those the context leaves
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "former": 1, "latter": -1, "last": -1}
_ORDINAL = re.compile(r"\bthe (first|second|third|fourth|former|latter|last)\b(?=\s*(?:[,.;:)]|$|(?:one|letter|statement|"
                      r"vote|text|declaration|of (?:the two|the three|them|these|those))\b))", re.I)
#: "the Cuban statement", "the German text": a demonym before a statement names its reader
_DEMONYM_TEXT = re.compile(r"\b([A-Z][a-z]+)(?:-(?:led|drafted|sponsored))?\s+(?:joint\s+|rival\s+)?(?:statement|text|declaration)\b")
_READER_AFTER = re.compile(r"(?:\s+then)?\s+(?:read|delivered|presented)\b|-led\b|['’]s (?:joint )?statement\b", re.I)
_READER_BEFORE = re.compile(r"\b(?:(?:read|delivered|presented|spoken)(?: out)? by|led by)\s+(?:the\s+)?$", re.I)
_SUFFIX = re.compile(r"-([A-Z]{3})$")
#: which of the patterns ``features`` runs could match a text (``literals.Screen``)
SCREEN = Screen([_YEAR, _DATE, BLOC_PATTERN, _THE_N, _OF_N, *FORUMS.values(), *KINDS.values(), *SIDES.values(),
                 _DEMONYM_TEXT, _ORDINAL, _READER_AFTER, _READER_BEFORE])
HARD = ("year", "month", "forum", "kind", "side", "reader", "symbol")
ORDER = ("symbol", "reader", "kind", "forum", "side", "year", "month")
IDENTIFYING = ("year", "month", "day", "size", "forum", "kind", "reader", "symbol")
CONTEXT_KEYS = ("year", "month", "forum", "kind", "side")


def _kind(label: str, file: str, side: str) -> str:
    if side == "vote":
        return "vote"
    return "letter" if "letter" in f"{label} {file}".lower() else "statement"


def catalogue(record: pd.DataFrame, unlisted: pd.DataFrame | None = None) -> list[dict]:
    """One descriptor per statement of the record (see the module docstring).  ``unlisted``
    (statement_id, date, label, side, reported_n: ``record.UNAVAILABLE``) adds statements whose
    membership was never published, so a passage about them is not read as another one."""
    events = []
    for row in ([] if unlisted is None else unlisted.to_dict("records")):
        date = pd.Timestamp(row["date"])
        reader = _SUFFIX.search(row["statement_id"])
        forum = "hrc" if "HRC" in row["statement_id"] else ("unga" if "UNGA" in row["statement_id"] else "")
        events.append({
            "event": row["statement_id"], "year": date.year, "month": date.month, "day": date.day, "forum": forum,
            "kind": _kind(row["label"], "", row["side"]), "side": row["side"], "sizes": {int(row["reported_n"])},
            "reader": reader.group(1) if reader else "", "symbol": row["statement_id"],
        })
    for sid, part in record.groupby("statement_id", sort=False):
        first = part.iloc[0]
        date = pd.Timestamp(first["date"])
        counts = part["position"].value_counts()
        sizes = {len(part), int((part["joined"] == "original").sum()) if "joined" in part else len(part)}
        sizes |= {int(n) for position, n in counts.items() if position != "support_withdrawn"}
        forum_text = f"{first.get('forum', '')} {sid}"
        forum = "hrc" if re.search(r"HRC|Human Rights Council", forum_text) else ("unga" if "UNGA" in forum_text else "")
        reader = _SUFFIX.search(sid)
        side = str(first.get("side", ""))
        events.append({
            "event": sid, "year": date.year, "month": date.month, "day": date.day, "forum": forum,
            "kind": _kind(str(first.get("label", "")), str(first.get("file", "")), side), "side": side,
            "sizes": sizes, "reader": reader.group(1) if reader else "", "symbol": sid,
        })
    return events


def features(body: str, mentions: list[dict] = (), offset: int = 0, symbols: tuple[str, ...] = (),
             lo: int = 0, hi: int | None = None) -> dict:
    """The event features the passage ``body[lo:hi]`` states (keys absent when it states none; see
    the module docstring).  ``mentions`` carry ``start``/``end`` into the article and ``offset``
    is ``body``'s start there; a reader is read with the words around the passage ("Canada-led")."""
    hi = len(body) if hi is None else hi
    text = body[lo:hi]
    can = SCREEN.possible(text, None if text == body else body)  # a pattern runs only on a text holding one of its words (``literals``)
    found: dict = {}
    years = {int(y) for y in _YEAR.findall(text)} if id(_YEAR) in can else set()
    if len(years) == 1:
        found["year"] = years.pop()
    dates = [(m.group("m1") or m.group("m2"), m.group("d1") or m.group("d2")) for m in _DATE.finditer(text)] \
        if id(_DATE) in can else []
    months = {MONTHS[next(k for k in MONTHS if k.startswith(name.lower().rstrip(".")[:3]))] for name, _ in dates}
    if len(months) == 1:
        found["month"] = months.pop()
        days = {int(d) for _, d in dates if d}
        if len(days) == 1:
            found["day"] = days.pop()
    sizes = {number_value(m.group("num")) for m in BLOC_PATTERN.finditer(text)} \
        if id(BLOC_PATTERN) in can else set()
    for m in (_THE_N.finditer(text) if id(_THE_N) in can else ()):
        try:
            sizes.add(number_value(m.group("num")))
        except (KeyError, ValueError):
            continue
    if id(_OF_N) in can:
        sizes |= {int(m.group(1) or m.group(2)) for m in _OF_N.finditer(text)}
    if sizes:
        found["size"] = sizes
    for key, table in (("forum", FORUMS), ("kind", KINDS), ("side", SIDES)):
        hits = [name for name, pattern in table.items() if id(pattern) in can and pattern.search(text)]
        if key == "kind" and "letter" in hits and "statement" in hits:
            hits = []  # both named: the passage does not say which
        if key == "kind" and "vote" in hits and len(hits) > 1:
            hits = ["vote"] if "letter" not in hits else hits
        if len(hits) == 1:
            found[key] = hits[0]
    whole = None  # the patterns that could match ``body`` (a reader is read around the passage)
    for mention in mentions:
        start, end = mention["start"] - offset, mention["end"] - offset
        if lo <= start and end <= hi:
            if whole is None:
                whole = can if text == body else SCREEN.possible(body)
            if ((id(_READER_AFTER) in whole and _READER_AFTER.match(body, end))
                    or (id(_READER_BEFORE) in whole and _READER_BEFORE.search(body[:start]))):
                found["reader"] = mention["iso3"]
    if "reader" not in found and id(_DEMONYM_TEXT) in can:
        readers = {_demonyms().get(m.group(1)) for m in _DEMONYM_TEXT.finditer(text)} - {None}
        if len(readers) == 1:
            found["reader"] = readers.pop()
    for symbol in symbols:
        if symbol in text:
            found["symbol"] = symbol
    ordinals = {ORDINALS[m.group(1).lower()] for m in _ORDINAL.finditer(text)} if id(_ORDINAL) in can else set()
    if len(ordinals) == 1:
        found["ordinal"] = ordinals.pop()
    return found


class Passages:
    """``features`` of the passages of one sentence, each computed once: the reader asks for the
    same passage several times (the sentence, its one clause, the sentence less no other clause).
    ``passages(body, lo, hi)`` is ``features(body, mentions, offset, symbols, lo, hi)``."""

    def __init__(self, mentions: list[dict], offset: int, symbols: tuple[str, ...]):
        self.mentions, self.offset, self.symbols = mentions, offset, symbols
        self._seen: dict[tuple[str, int, int], dict] = {}

    def __call__(self, body: str, lo: int = 0, hi: int | None = None) -> dict:
        key = (body, lo, len(body) if hi is None else hi)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = features(body, self.mentions, self.offset, self.symbols, lo, hi)
        return found


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    table = alias_table()
    rows = table[(table["kind"] == "demonym") & table["iso3"].map(is_state)]
    return dict(zip(rows["alias"], rows["iso3"]))


def _filter(events: list[dict], feats: dict) -> list[dict]:
    out = []
    for event in events:
        ok = True
        for key in HARD:
            if key not in feats:
                continue
            if key == "side" and event["side"] == "vote":
                continue
            if key == "reader" and not event["reader"]:
                ok = False
            elif event[key] != feats[key]:
                ok = False
        if ok:
            out.append(event)
    return out


def _soft(events: list[dict], feats: dict) -> list[dict]:
    if "size" in feats:
        sized = [e for e in events if e["sizes"] & feats["size"]]
        events = sized or events
    if "day" in feats:
        dated = [e for e in events if e["day"] == feats["day"]]
        events = dated or events
    return events


def _by_ordinal(events: list[dict], stages: list[dict], last: dict | None, forced: dict | None) -> dict | None:
    """"the second": the n-th, by date, of the events the passage's and the article's year, month,
    forum and kind leave (not its side: "the second" of two letters is the other side's)."""
    keys = dict(forced or {})
    for layer in list(stages) + ([last] if last else []):
        keys.update({k: layer[k] for k in ("year", "month", "forum", "kind") if k in layer and k not in keys})
    pool = sorted(_filter(events, keys), key=lambda e: (e["year"], e["month"], e["day"], e["event"]))
    n = stages[0]["ordinal"]
    return pool[n - 1] if 0 < n <= len(pool) else (pool[-1] if n == -1 and pool else None)


def candidates(events: list[dict], stages: list[dict], last: dict | None = None, forced: dict | None = None) -> list[dict]:
    """The events the stages leave when they identify some but not one (``resolve`` returns None)."""
    return _narrow(events, stages, last, forced)[1]


def resolve(events: list[dict], stages: list[dict], last: dict | None = None, forced: dict | None = None) -> dict | None:
    """The one event the stages' features point to, or ``None``.

    ``stages`` go from the narrowest passage to the widest; a key set by a narrower stage is
    not overridden.  ``last`` (the event the article was talking about) adds its year, month,
    forum, kind and side as the widest stage and breaks remaining ties.  ``forced`` features
    (kind "vote" for a vote) filter but do not by themselves identify an event."""
    if stages and "ordinal" in stages[0]:
        return _by_ordinal(events, stages, last, forced)
    return _narrow(events, stages, last, forced)[0]


def _narrow(events, stages, last, forced) -> tuple[dict | None, list[dict]]:
    merged: dict = dict(forced or {})
    previous = _filter(events, merged)
    layers = list(stages) + ([{k: last[k] for k in CONTEXT_KEYS if k in last}] if last else [])
    identified = False
    for number, layer in enumerate(layers):
        if number == 0 and any(k in layer for k in HARD):
            # the narrowest passage must agree with itself: "Belarus ... in 2019" is not Cuba's 2020 statement
            own = {k: layer[k] for k in HARD if k in layer and k not in merged}
            previous = _filter(events, {**merged, **own})
            if not previous:
                return None, []
            merged.update(own)
        for key in ORDER:  # the most specific first; a key that would leave no event is skipped
            if key in layer and key not in merged:
                left = _filter(events, {**merged, key: layer[key]})
                if left:
                    merged[key], previous = layer[key], left
        for key in ("size", "day"):
            if key in layer and key not in merged:
                merged[key] = layer[key]
        identified = identified or any(k in merged for k in IDENTIFYING if not (forced and k in forced))
        narrowed = _soft(previous, merged)
        if identified and len(narrowed) == 1:
            return narrowed[0], narrowed
    if not identified:
        return None, []
    narrowed = _soft(previous, merged)
    if last and any(e["event"] == last["event"] for e in narrowed):
        return next(e for e in narrowed if e["event"] == last["event"]), narrowed
    return (narrowed[0] if len(narrowed) == 1 else None), narrowed
