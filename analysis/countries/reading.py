"""Which side each article places each country on, for which event: ``country_positions``.

    from analysis import country_positions
    rows = country_positions(corpus)                    # against the shipped record
    rows = country_positions(corpus, record="my/record")  # a folder shaped like data/alignments

One row per (article, country, event, position) the text states, with the sentence and the
offsets of the first mention that states it, the verb (``action``) and the pattern (``rule``).
Nothing comes from the record but the *description* of its events (``events.catalogue``):
a row exists only because a sentence says so; ``contradictions`` then sets it beside the record.

How a sentence is read (cues: ``data/position_cues.csv``, each with its type and an example)
-------------------------------------------------------------------------------------------
1. Mentions (``country_mentions``, names and abbreviations) joined by commas, "and", "or",
   "as well as", "the" form a list; blocs (EU), territories (Hong Kong) and the subject
   (China) stay in the list as links but are never placed.  A pronoun subject ("It signed",
   "they joined", "Both joined") is a mention of the country or list it stands for
   (``anaphora.pronoun_mentions``: the one country, or one list, named before it in the
   sentence, else in the sentence before; ambiguous, passive or China: no one).
2. Clauses end at ";", a dash, ", while/whereas/although/where" and around ", which/who ...,".
   Cues match case-insensitively, the longest first ("did not sign" over "sign",
   "voted against" over "against", "welcoming the sanctions" over "sanctions").
3. A list takes the nearest cue of its clause (a tie goes to the cue before: "signed by
   A, B and C").  A list *before* its verb is its subject and also takes the verbs that follow
   up to the next list ("Turkey stayed out of the 2019 statement, then joined ..."), but not a
   passive "read by X" (X's act); a second verb is read from itself on ("read A and joined B").
4. Cue types: ``sign`` (signed, joined, read on behalf of, led, co-sponsored: the side of the
   event; a vote's sponsor is on the yes side), ``vote_yes`` (against), ``vote_no`` (support),
   ``abstain``, ``withdraw``, ``side_against`` / ``side_support`` (condemned / praised China;
   a cue with an ``event`` names an event the record does not hold: sanctioned ->
   ``sanctions-YYYY-MM``, hosted a conference -> ``un_event``, called it genocide ->
   ``genocide_determination``), ``endorse`` (welcoming a
   measure named before: its side and event), ``negation`` (places no one), ``linker``
   (included, were among, such as, joined by, "The 22 were": the clause's own verb, else the
   verb of the sentence before) and ``ditto`` ("so did", "as did": the verb before).
5. A clause that is only a list ("- Albania", a paragraph of names after "The signatories
   were:") takes the verb of the sentence before, so lists run over sentences, paragraphs
   and colons.  The carried verb lapses after two sentences with neither cue nor country.
6. The event is resolved by ``events.resolve`` from the words around the list and its verb,
   then the clause, the sentence (less what another clause says a country did *not* do) and
   the article's current event.  A verb with coordinated objects ("signed the 2019 letter and
   the 2020 statement", "the 2021 and 2022 statements") resolves one event per object
   (``anaphora.object_conjuncts``); an ordinal ("the first", "the second letter", "the
   latter") picks by date among the events the context leaves.  Praising or condemning China
   does not take the article's vote as its event.  A ``sign`` verb whose event cannot be
   resolved places a country only if the passage states a side, or, when its words leave
   several events, if the next sentence names one of them.  A vote left without an event takes
   the article's vote when the article ties its other votes to one.

Speed: a cue or feature pattern runs only on a sentence that holds one of the words it cannot
match without (``countries.literals``, read from the patterns themselves), each passage's
features are computed once per sentence (``events.Passages``), and a corpus of
``chunks.PARALLEL_FROM`` articles or more is read on several processes (``countries.chunks``);
none of this changes a row.

Limits: a pronoun is read only as the subject of a cue and only for one country or list
(a pronoun for a country two sentences back, or for an object, is not followed); a relative
clause ("Japan's ambassador, who had signed the first") is read apart from its head; a
relative time ("a year later") gives no year; a cue word used of something other than the
countries in its clause can still place them; lower-case "the council" is read as the Human
Rights Council.
"""
from __future__ import annotations

import warnings
from bisect import bisect_left

import pandas as pd

from .anaphora import pronoun_mentions, stage_sets
from .chunks import map_articles
from .cues import (FIXED, REMOVE_QUIET, VERBS, clauses, cue_screen, distance, find_cues, governing, group_lists,
                   list_like, passage, position_cues, relative_clause)
from .events import SCREEN, Passages, candidates, catalogue, resolve
from .gazetteer import COUNTED_KINDS, is_state
from .mentions import articles_and_sentences, country_mentions, records_by_article
from .record import UNAVAILABLE, load_alignments

POSITION_COLUMNS = ["article_id", "iso3", "country", "position", "action", "event", "sentence_id", "start", "end",
                    "evidence", "rule"]
__all__ = ["POSITION_COLUMNS", "country_alignments", "country_positions", "position_cues"]
_VOTE_ACTIONS = ("voted yes", "voted no", "abstained")


def _one_vote_per_article(frame: pd.DataFrame, events: list[dict]) -> pd.DataFrame:
    """A vote whose event stays blank ("Somalia voted to hold the debate", the date given only in
    the next sentence) is the article's vote when the article ties its other votes to exactly one."""
    votes = {e["event"] for e in events if e["kind"] == "vote"}
    blank = frame["action"].isin(_VOTE_ACTIONS) & (frame["event"] == "")
    for article_id in frame.loc[blank, "article_id"].unique():
        named = set(frame.loc[(frame["article_id"] == article_id) & frame["event"].isin(votes), "event"])
        if len(named) == 1:
            mask = blank & (frame["article_id"] == article_id)
            frame.loc[mask, "event"] = named.pop()
            frame.loc[mask, "rule"] += " (the article's vote)"
    return frame


def _labelled(name: str, stages: list[dict], last: dict | None, side: str = "against") -> dict:
    """An event the record does not hold, named by its cue ("sanctions"), with the year and
    month the passage gives ("sanctions-2021-03"), or the article's current one of that name."""
    year = next((s["year"] for s in stages if "year" in s), None)
    month = next((s["month"] for s in stages if "month" in s), None)
    if year is None and last and last.get("kind") == name:
        return last
    label = name + (f"-{year}" if year else "") + (f"-{month:02d}" if year and month else "")
    return {"event": label, "kind": name, "side": side, **({"year": year} if year else {}),
            **({"month": month} if month else {})}


def _place(verb: dict, stages: list[dict], events: list[dict], last: dict | None,
           carried_event: dict | None) -> tuple[str, dict | None] | None:
    """(position, event) for one verb and its passage, or None when it places no one."""
    kind = verb["type"]
    context = carried_event or last
    if kind in ("side_against", "side_support") and context and context.get("kind") == "vote":
        context = None  # praising or condemning is not a vote: the article's vote is not its event
    if verb.get("event"):
        return FIXED[kind], _labelled(verb["event"], stages, last, FIXED[kind])
    if kind == "endorse":
        return (context.get("side"), context) if context and context.get("side") in ("against", "support") else None
    forced = {"kind": "vote"} if kind in ("vote_yes", "vote_no", "abstain") else {}
    if kind in ("side_against", "side_support"):
        forced = {"side": FIXED[kind]}
    event = resolve(events, stages, context, forced)
    if event is None and carried_event is not None and not forced:
        event = carried_event
    if kind in FIXED:
        return FIXED[kind], event
    side = event["side"] if event else next((s["side"] for s in stages if "side" in s), None)
    if side == "vote":
        return ("against", event) if verb["cue_id"] == "sponsored" else None
    return (side, event) if side in ("against", "support") else None


def _row(article_id, sent, body, m, position, event, verb, rule) -> dict:
    return {"article_id": article_id, "iso3": m["iso3"], "country": m["country"], "position": position,
            "action": verb["action"], "event": event["event"] if event else "", "sentence_id": int(sent["sentence_id"]),
            "start": int(m["start"]), "end": int(m["end"]), "evidence": body,
            "rule": rule + (" (pronoun)" if m.get("pronoun") else "")}


def _placed_ones(group, subject):
    return [m for m in group if m["iso3"] != subject and is_state(m["iso3"])]


def _read_article(article_id, text, sentences, mentions, events, symbols, subject) -> list[dict]:
    rows, last, carried, quiet, previous, pending = [], None, None, 0, ([], ""), []
    starts = [m["start"] for m in mentions]
    bounds = [(sent["start"], sent["end"]) for sent in sentences]
    cue_screen().prepare(text, bounds)  # the sentences screened for cues and features at once
    SCREEN.prepare(text, bounds)
    for sent in sentences:
        s0, body = sent["start"], text[sent["start"]:sent["end"]]
        found = [{**m, "s": m["start"] - s0, "e": m["end"] - s0}
                 for m in mentions[bisect_left(starts, s0):bisect_left(starts, sent["end"])]]
        cues = find_cues(body)
        found = pronoun_mentions(body, found, cues, previous, s0, subject)
        previous = (found, body)
        passages = Passages(found, s0, symbols)
        sentence_feats = passages(body)
        if not cues and not found:
            quiet += 1
            carried = None if quiet >= REMOVE_QUIET else carried
            last = (resolve(events, [sentence_feats], last) or last) if sentence_feats else last
            pending = []
            continue
        quiet, clause_verb, placed_events, waiting = 0, None, [], []
        per_clause = []
        for lo, hi in clauses(body):
            here = [m for m in found if lo <= m["s"] < hi]
            per_clause.append((lo, hi, group_lists(here, body), [c for c in cues if lo <= c["start"] < hi]))
        listy = list_like(body, [g for *_, groups, _ in per_clause for g in groups])
        for index, (lo, hi, groups, ccues) in enumerate(per_clause):
            masked = body  # the sentence less the other clauses that name countries of their own
            for j, (olo, ohi, ogroups, _) in enumerate(per_clause):
                acts = [c for c in per_clause[j][3] if c["type"] not in ("negation", "linker", "ditto")]
                if j != index and ogroups and acts and not (j == index + 1 and relative_clause(body, (0, hi), per_clause, index)):
                    masked = masked[:olo] + " " * (ohi - olo) + masked[ohi:]
                elif j != index and ogroups and not acts:  # what another clause did *not* do names no event here
                    negated = [c["start"] for c in per_clause[j][3] if c["type"] == "negation"]
                    if negated:
                        masked = masked[:negated[0]] + " " * (ohi - negated[0]) + masked[ohi:]
            wider = [passages(body, lo, hi), passages(masked)]
            verbs_here = [c for c in ccues if c["type"] in VERBS]
            for group in groups:
                span = (group[0]["s"], group[-1]["e"])
                others = [(g[0]["s"], g[-1]["e"]) for g in groups if g is not group]
                taken, clo, chi, cues_here = governing(span, ccues, others), lo, hi, ccues
                relative = relative_clause(body, span, per_clause, index)
                if not taken and relative is not None:
                    clo, chi, cues_here = relative[0], relative[1], relative[3]
                    taken = governing(span, cues_here, [])
                if not taken and listy and (clause_verb or carried):
                    taken = [{"type": "ditto", "cue_id": "list", "start": span[0], "end": span[0]}]
                for number, cue in enumerate(taken):
                    if cue["type"] == "negation":
                        continue
                    verb, inherited, via = cue, None, ""
                    if cue["type"] in ("linker", "ditto"):
                        own = [c for c in verbs_here if cue["type"] == "linker"]
                        if own:
                            verb = min(own, key=lambda c: (*distance(span, c), c["start"]))
                            via = f" via {cue['cue_id']}"
                        elif clause_verb:
                            (verb, inherited), via = clause_verb, f" via {cue['cue_id']} (verb of the clause before)"
                        elif carried:
                            (verb, inherited), via = carried, f" via {cue['cue_id']} (verb of the sentence before)"
                        else:
                            continue
                    a, b = passage(body, span, cue, verb, cues_here, clo, chi, number > 0 and cue["start"] >= span[1])
                    for stages in stage_sets(body, passages, verb, span, a, b, chi, cues_here, wider):
                        placed = _place(verb, stages, events, last, inherited)
                        if placed is None:
                            if verb["type"] == "sign" and not verb.get("event"):
                                ids = {e["event"] for e in candidates(events, stages, inherited or last)}
                                if len(ids) >= 2:
                                    waiting.append((group, verb, verb["cue_id"] + via, sent, body, ids))
                            continue
                        position, event = placed
                        if event is not None:
                            placed_events.append(event)
                        if verb["type"] in VERBS and verb in ccues:
                            clause_verb = (verb, event)
                        rows += [_row(article_id, sent, body, m, position, event, verb, verb["cue_id"] + via)
                                 for m in _placed_ones(group, subject)]
        own_verbs = [c for c in cues if c["type"] in VERBS]
        if placed_events:
            last = placed_events[-1]
        elif own_verbs or sentence_feats:
            alone = resolve(events, [sentence_feats], last)
            last = alone or last
        rows += _settle(pending, placed_events + ([last] if last else []), article_id, subject)
        pending = waiting
        if own_verbs:
            verb = own_verbs[-1]
            carried = (verb, clause_verb[1] if clause_verb and clause_verb[0] is verb else
                       (_labelled(verb["event"], [sentence_feats], last) if verb.get("event") else resolve(events, [sentence_feats], last)) or last)
    return rows


def _read_articles(articles, sentences, mentions, events, symbols, subject) -> list[dict]:
    """The rows of the articles (article_id, text), in their order; ``sentences`` and
    ``mentions``: frames holding at least theirs."""
    by_article, sent_by = records_by_article(mentions), records_by_article(sentences)
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        rows += _read_article(article_id, text, sent_by.get(article_id, []), by_article.get(article_id, []),
                              events, symbols, subject)
    return rows


def _settle(pending, resolved, article_id, subject) -> list[dict]:
    """Verbs of the sentence before whose event was one of several: the one this sentence names."""
    rows = []
    for group, verb, rule, sent, body, ids in pending:
        hits = {e["event"]: e for e in resolved if e["event"] in ids and e.get("side") in ("against", "support")}
        if len(hits) == 1:
            event = hits.popitem()[1]
            rows += [_row(article_id, sent, body, m, event["side"], event, verb, rule + " (event in the next sentence)")
                     for m in _placed_ones(group, subject)]
    return rows


def country_positions(corpus, record=None, subject: str = "CHN", mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (article, country, event, position) the articles state (module docstring).

    Columns: article_id, iso3, country, position (against | support | withdrew | abstained),
    action (signed, joined, read on behalf of, voted yes, ...), event (the record's
    statement_id, ``sanctions-YYYY-MM``, or blank), sentence_id, start, end (the first
    mention that states it), evidence (the sentence), rule (the cue, and the linker or
    carried verb it went through).  ``record``: None (``data/alignments``), a folder with
    the same schema, or a frame from ``load_alignments``.  ``mentions``: ``country_mentions(corpus)``
    when the caller has it already (else it is computed).
    """
    articles, sentences = articles_and_sentences(corpus, "read positions from")
    events = catalogue(load_alignments(), UNAVAILABLE) if record is None else catalogue(
        record if isinstance(record, pd.DataFrame) else load_alignments(record))
    symbols = tuple(e["symbol"] for e in events)
    mentions = country_mentions(corpus) if mentions is None else mentions
    counted = mentions[mentions["kind"].isin(COUNTED_KINDS)]
    rows = map_articles(_read_articles, articles[["article_id", "text"]], (sentences, counted), events, symbols, subject)
    frame = _one_vote_per_article(pd.DataFrame(rows, columns=POSITION_COLUMNS), events)
    frame = frame.drop_duplicates(["article_id", "iso3", "event", "position"], keep="first")
    frame = frame.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
    return frame.sort_values(["article_id", "start", "event"], kind="stable").reset_index(drop=True)


def country_alignments(corpus, record=None, subject: str = "CHN") -> pd.DataFrame:
    """The old name of ``country_positions`` (same arguments, same rows), kept as an alias until
    every caller has moved; it warns with a ``DeprecationWarning``."""
    warnings.warn("country_alignments is the old name of country_positions; call country_positions",
                  DeprecationWarning, stacklevel=2)
    return country_positions(corpus, record, subject)
