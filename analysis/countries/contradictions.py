"""What an article gets wrong, set against the record: a country placed on a side the record
contradicts for that event, and a stated size that differs from the documented one.

    from analysis import country_positions, check_positions, stated_sizes
    checked = check_positions(country_positions(corpus), record)
    sizes = stated_sizes(corpus, record)

``record`` is ``load_alignments()`` (or ``load_alignments(folder)`` for another record with the
same schema).  Verdicts:

* ``agrees``: the record lists the country on that side of that event (a yes vote is
  ``against``, a no vote ``support``; a signature later withdrawn agrees with both
  ``support`` and ``withdrew``).
* ``contradicts``: the record lists the country with another position for that event, or
  the event has a full list and the country is not on it (``record_position`` says which).
* ``no list``: the event is one whose membership was never published (``UNAVAILABLE``).
* ``n/a``: no event, or an event the record does not hold (the March 2021 sanctions).

A stated size ("39 countries", "the 22") is read with the event its sentence is about (a size
only breaks ties between events the other words allow, so a wrong size cannot pick another
event; with no other words it stays unresolved: ``no event``); it ``agrees`` when it
equals one of the sizes the record documents for that event (rows, original signatories, a
vote count), ``agrees (approximately)`` when a hedged or round size ("three dozen", "some 40")
is within 10% (at least 2) of one, and ``differs`` otherwise.  Sizes with "more", "other", "additional" ("35 other
states", "fourteen more countries") count part of a bloc and are not checked.
"""
from __future__ import annotations

import re

import pandas as pd

from .chunks import map_articles
from .events import SCREEN, catalogue, features, resolve
from .literals import Alternatives, could_match
from .mentions import articles_and_sentences, country_mentions, records_by_article
from .positions import NUMBER, number_value
from .record import UNAVAILABLE

CHECK_COLUMNS = ["article_id", "iso3", "country", "position", "event", "record_position", "verdict", "sentence_id",
                 "evidence"]
SIZE_COLUMNS = ["article_id", "sentence_id", "size", "approximate", "stated", "event", "documented", "verdict",
                "evidence"]
_AGREES = {
    "against": {"against", "yes"},
    "support": {"support", "support_withdrawn", "no"},
    "withdrew": {"support_withdrawn"},
    "abstained": {"abstain"},
}
_SIZE = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?P<mods>(?:(?!(?:million|billion|thousand|hundred|percent|per)\b)[A-Za-z][\w-]*\s+){{0,2}}?)"
    r"(?:countries|nations|states|governments|signatories|members|ambassadors)\b|"
    rf"\b[Tt]he (?P<the>\d{{1,3}}|[a-z]+-[a-z]+)(?= were\b| for\b| that\b| who\b|[,.;:)])",
    re.IGNORECASE,
)
_HEDGE = re.compile(r"\b(?:about|around|some|nearly|almost|roughly|approximately|close to|more than|over|at least|"
                    r"fewer than|less than|up to)\s+$", re.I)
_PARTIAL = re.compile(r"\b(?:more|other|additional|further|remaining|new|extra)\b", re.I)


def check_positions(positions: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Each position of ``country_positions`` with the record's position and a verdict (module docstring)."""
    listed = {(r.statement_id, r.iso3): r.position for r in record.itertuples()}
    with_list = set(record["statement_id"])
    unlisted = set(UNAVAILABLE["statement_id"])
    rows = []
    for row in positions.itertuples():
        recorded = listed.get((row.event, row.iso3), "")
        if row.event in with_list:
            verdict = "agrees" if recorded in _AGREES.get(row.position, set()) else "contradicts"
            recorded = recorded or "not listed"
        elif row.event in unlisted:
            verdict, recorded = "no list", "no published list"
        else:
            verdict, recorded = "n/a", ""
        rows.append({"article_id": row.article_id, "iso3": row.iso3, "country": row.country, "position": row.position,
                     "event": row.event, "record_position": recorded, "verdict": verdict,
                     "sentence_id": row.sentence_id, "evidence": row.evidence})
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


_SIZES = Alternatives(_SIZE)


def _states_a_size(text: str) -> bool:
    """``_SIZE.search(text)``, one alternative at a time, each only where its words are
    (``literals``); "the 22" first: the cheaper search, and one most articles that state a size match."""
    lowered = text.lower()
    return any(could_match(part, lowered) and part.search(text) for part in reversed(_SIZES.parts))


def _sizes_of(articles, sentences, mentions, events, documented, symbols) -> list[dict]:
    """The stated sizes of the articles (article_id, text), by article_id; ``sentences`` and
    ``mentions``: frames holding at least theirs.  An article in which no size is stated at
    all (``_SIZE`` finds nothing in it) has no row; the event features are read only up to an
    article's last stated size."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    by_article = records_by_article(mentions)
    rows = []
    for article_id, part in records_by_article(sentences[sentences["article_id"].isin(list(texts))]).items():
        text, found = texts[article_id], by_article.get(article_id, [])
        within = _SIZES.possible(text.lower())
        states = True if within[-1] and _SIZES.parts[-1].search(text) else None  # "the 22" in the article
        if states is None and not any(within[:-1]):
            continue  # no "the 22", and not the words of the other forms: _SIZE finds nothing in it
        stated = []  # the sentences with their size matches, up to the last that has one
        for sent in part:
            body = text[sent["start"]:sent["end"]]
            sizes_here = _SIZES.for_text(body.lower(), within) if any(within) else None
            stated.append((sent, body, list(sizes_here.finditer(body)) if sizes_here else []))
        while stated and not stated[-1][2]:
            stated.pop()  # the sentences after the last size only move the event along
        if not stated or not (states or _states_a_size(text)):
            continue  # no size in any sentence: no row, whatever the article as a whole says
        SCREEN.prepare(text, [(sent["start"], sent["end"]) for sent, _, _ in stated])  # the feature screens at once
        last = None
        for sent, body, matches in stated:
            start, end = sent["start"], sent["end"]
            here = [m for m in found if start <= m["start"] < end]
            feats = features(body, here, start, symbols)
            event = resolve(events, [feats], last) if feats else last
            for m in matches:
                if m.group("mods") and _PARTIAL.search(m.group("mods")):
                    continue
                if _PARTIAL.search(body[max(0, m.start() - 12):m.start()]):
                    continue
                try:
                    size = number_value(m.group("num") or m.group("the"))
                except (KeyError, ValueError):
                    continue
                sizes = documented.get(event["event"], set()) if event else set()
                approximate = (m.group("num") or "").lower().endswith("dozen") or bool(_HEDGE.search(body[:m.start()]))
                verdict = "no event" if event is None else ("agrees" if size in sizes else "differs")
                if verdict == "differs" and approximate and any(abs(size - n) <= max(2, round(0.1 * n)) for n in sizes):
                    verdict = "agrees (approximately)"
                rows.append({"article_id": article_id, "sentence_id": int(sent["sentence_id"]), "size": size,
                             "approximate": approximate,
                             "stated": m.group(), "event": event["event"] if event else "",
                             "documented": ", ".join(str(s) for s in sorted(sizes)), "verdict": verdict,
                             "evidence": body})
            if feats:
                last = resolve(events, [feats], last) or last
    return rows


def stated_sizes(corpus, record: pd.DataFrame, shipped: bool = True, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every size of a bloc the articles state, with its event and a verdict (module docstring).
    ``shipped``: the record is the shipped one, so its unpublished statements are known too.
    ``mentions``: ``country_mentions(corpus)`` when the caller has it already (else computed).
    Articles are read on several processes from ``chunks.PARALLEL_FROM`` articles (same rows)."""
    articles, sentences = articles_and_sentences(corpus, "read sizes from")
    events = catalogue(record, UNAVAILABLE if shipped else None)
    documented = {e["event"]: e["sizes"] for e in events}
    symbols = tuple(e["symbol"] for e in events)
    mentions = country_mentions(corpus) if mentions is None else mentions
    ordered = articles[["article_id", "text"]].sort_values("article_id", kind="stable")
    rows = map_articles(_sizes_of, ordered, (sentences, mentions), events, documented, symbols)
    frame = pd.DataFrame(rows, columns=SIZE_COLUMNS)
    return frame.astype({"sentence_id": "int64", "size": "int64", "approximate": bool})
