"""Find the countries an article names: one row per mention, with offsets into the cleaned text.

    from analysis.countries.mentions import country_mentions, name_mention_counts
    mentions = country_mentions(corpus)      # every recognised mention, all kinds
    counts = name_mention_counts(mentions)   # names + abbreviations per article and country

The forms, their kinds and the regular expression that finds them are in ``gazetteer``.

Matching rules
--------------
* One compiled regex (a character trie of every alias and every false-friend phrase), case
  sensitive, with word boundaries; the leftmost-longest form wins, so "Equatorial Guinea" is
  not also "Guinea", "South Sudan" not "Sudan", "Papua New Guinea" not "New Guinea", and
  "Nigeria"/"Niger", "Dominica"/"Dominican Republic" never collide.  Hyphens are boundaries:
  "pro-China" and "US-China" are name mentions; "[China]" is one too.
* Case: lower-case "turkey", "china", "chad", "jordan", "guinea pig" never match.  Words in
  ALL CAPS are not matched except the listed abbreviations (US, UK, EU, UAE, DPRK ...).
* False friends (``data/country_false_friends.csv``): phrases that must win the longest
  match and are then dropped ("New Mexico", "New Jersey", "Guinea pig", "Turkey sandwich",
  "China plates", "South China Sea", "Latin America", "Indian Ocean", "George Washington",
  "Atlanta, Georgia" ...), and context regexes for one surface each (Georgia the US state;
  Chad/Jordan/Georgia as a first name before a surname; "Michael Jordan"; "US$"; "LET US").
* Titles: a country name directly followed by a portfolio noun ("Australia director for
  Human Rights Watch", "China researcher", "Beijing correspondent") names a person's beat,
  not the country acting: kind ``title``, not counted.  A country's own office or body
  *is* the country: "U.S. President", "Canada's House of Commons" are name mentions.
* A capital directly followed by a capitalised word is part of a proper name ("Washington
  Post", "Beijing Olympics", "Paris Agreement") and is dropped.
* Ethnonyms shared with peoples inside China or across borders (Kazakh, Kyrgyz, Uzbek,
  Tajik, Mongol(ian), Korean, Arab, Kurd, Turk) are left out of the demonyms on purpose:
  "Uighurs, Kazakhs and other minorities" in Xinjiang are not citizens of Kazakhstan.  The
  civic forms (Kazakhstani ...) are in.  "Congolese" is ambiguous (COD/COG) and left out.

Known limits (documented, tested as such): a capitalised common word at a sentence start
("Turkey is the centrepiece of the meal."), a bare first name ("Chad said"), title-case
headlines ("Jordan Says It Will ..." reads as a person), all-caps country names ("CHINA"),
a bare "Congo" (ISO's COG; news often means COD), "Georgia" meaning the US state without
one of the listed cues, and "Washington" meaning the US state.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..corpus import Corpus
from ..corpus.engine import paragraphs_and_sentences
from .gazetteer import COUNTED_KINDS, KINDS, TERRITORIES, country_names, matcher

MENTION_COLUMNS = [
    "article_id", "sentence_id", "start", "end", "surface", "iso3", "country", "kind", "is_bloc",
]
COUNT_COLUMNS = ["article_id", "iso3", "country", "n_name_mentions"]

#: A portfolio noun after a country name makes it a job title ("Australia director").
_TITLE_AFTER = re.compile(
    r"[ \t]+(?:country[ \t]+|program[ \t]+|programme[ \t]+|bureau[ \t]+)?"
    r"(?:director|researcher|correspondent|bureau|editor|analyst|desk|expert|specialist|watcher|hand)s?\b",
    re.IGNORECASE,
)
#: A capitalised word after a capital makes it part of a proper name ("Washington Post").
_PROPER_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
#: A street, river or building named after a country is not the country ("Guinea-Bissau Street").
_PLACE_AFTER = re.compile(r"[ \t]+(?:Street|St\.|Road|Avenue|Square|Boulevard|Lane|River|Valley|Bridge|Station)\b")
_CONTEXT_WINDOW = 80


# --------------------------------------------------------------------------- matching


def _context_drop(text: str, start: int, end: int, rules: list[re.Pattern]) -> bool:
    lo, hi = max(0, start - _CONTEXT_WINDOW), min(len(text), end + _CONTEXT_WINDOW)
    for rule in rules:
        for m in rule.finditer(text, lo, hi):
            if m.start() <= start and m.end() >= end:
                return True
    return False


def find_mentions(text: str) -> list[tuple[int, int, str, str, str, str, bool]]:
    """``(start, end, surface, iso3, country, kind, is_bloc)`` for each mention in ``text``."""
    pattern, lookup, rules = matcher()
    out = []
    for m in pattern.finditer(text):
        surface = m.group()
        entry = lookup.get(surface)
        if entry is None:  # a false-friend phrase won the longest match
            continue
        start, end = m.span()
        iso3, country, kind, is_bloc = entry
        if surface in rules and _context_drop(text, start, end, rules[surface]):
            continue
        if kind == "capital" and _PROPER_AFTER.match(text, end):
            continue
        if _PLACE_AFTER.match(text, end):
            continue
        if kind in COUNTED_KINDS and _TITLE_AFTER.match(text, end):
            kind = "title"
        out.append((start, end, surface, iso3, country, kind, is_bloc))
    return out


def articles_and_sentences(corpus, purpose: str = "search") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check a ``Corpus`` or an articles frame (article_id, text) and return
    ``(articles, sentences)``; sentences (article_id, paragraph_id, sentence_id, start,
    end) are split as ``load_corpus`` does when only an articles frame is given.
    ``purpose`` completes the error for an empty corpus ("nothing to <purpose>")."""
    if isinstance(corpus, Corpus):
        articles, sentences = corpus.articles, corpus.sentences
    elif isinstance(corpus, pd.DataFrame):
        articles, sentences = corpus, None
    else:
        raise TypeError(
            f"expected a Corpus (analysis.load_corpus) or a frame with article_id and text, "
            f"got {type(corpus).__name__}"
        )
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise ValueError(f"the articles frame lacks column(s) {', '.join(missing)}")
    if articles.empty:
        raise ValueError(f"the corpus has no articles: nothing to {purpose}")
    if articles["article_id"].duplicated().any():
        raise ValueError("article_id values must be unique")
    bad = ~articles["text"].map(lambda t: isinstance(t, str))
    if bad.any():
        raise ValueError(f"article {articles.loc[bad, 'article_id'].iloc[0]!r} has no text (not a string)")
    if sentences is None:
        _, rows = paragraphs_and_sentences(articles["text"].tolist())
        sentences = pd.DataFrame(rows[:, 1:], columns=["paragraph_id", "sentence_id", "start", "end"])
        sentences.insert(0, "article_id", articles["article_id"].to_numpy()[rows[:, 0]])
    return articles, sentences


def records_by_article(frame: pd.DataFrame, order: tuple[str, ...] = ("article_id", "start")) -> dict[str, list[dict]]:
    """``article_id`` -> that article's rows as dicts (``to_dict("records")`` per article), in
    ``order``.  Built from whole columns in one pass: a ``groupby`` with a ``to_dict`` per
    article costs a few milliseconds per article (a minute and more at 10,000 articles)."""
    ordered = frame.sort_values(list(order), kind="stable") if len(frame) else frame
    columns = {name: ordered[name].tolist() for name in ordered.columns}
    out: dict[str, list[dict]] = {}
    for values in zip(*columns.values()):
        row = dict(zip(columns, values))
        out.setdefault(row["article_id"], []).append(row)
    return out


def country_mentions(corpus: Corpus | pd.DataFrame) -> pd.DataFrame:
    """One row per country or bloc mention, sorted by article_id, start.

    Columns: article_id, sentence_id, start, end (offsets into the cleaned text),
    surface, iso3, country, kind (name | abbreviation | demonym | capital | title), is_bloc.
    ``corpus`` is a ``Corpus`` or a frame with ``article_id`` and ``text`` (sentences are
    then split as ``load_corpus`` does).  Rules and limits: see the module docstring.
    """
    articles, sentences = articles_and_sentences(corpus, "search for country mentions")
    ordered = sentences.sort_values(["article_id", "start"], kind="stable")
    all_starts = ordered["start"].to_numpy(dtype="int64")
    ids, first_rows = np.unique(ordered["article_id"].to_numpy(dtype=object), return_index=True)
    cuts = sorted(first_rows) + [len(ordered)]
    by_first = dict(zip(first_rows.tolist(), ids.tolist()))
    # article -> its sentence starts, sliced from one array (no pandas groupby per article)
    starts = {by_first[lo]: all_starts[lo:hi] for lo, hi in zip(cuts[:-1], cuts[1:])}
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        found = find_mentions(text)
        if not found:
            continue
        offsets = np.fromiter((f[0] for f in found), dtype="int64", count=len(found))
        sent_starts = starts.get(article_id, np.array([0], dtype="int64"))
        index = np.searchsorted(sent_starts, offsets, side="right")
        sentence_ids = np.maximum(index, 1)  # sentence ids count from 1 in start order
        rows.extend((article_id, int(s), *f) for s, f in zip(sentence_ids, found))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    frame = frame.astype(
        {"article_id": str, "sentence_id": "int64", "start": "int64", "end": "int64",
         "surface": str, "iso3": str, "country": str, "kind": str, "is_bloc": bool}
    )
    return frame.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- counts and scores


def name_mention_counts(mentions: pd.DataFrame, kinds: tuple[str, ...] = COUNTED_KINDS) -> pd.DataFrame:
    """Mentions of the given kinds per article and code: article_id, iso3, country, n_name_mentions."""
    missing = [c for c in ("article_id", "iso3", "kind") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions frame lacks column(s) {', '.join(missing)}")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    kept = mentions[mentions["kind"].isin(kinds)]
    counts = kept.groupby(["article_id", "iso3"]).size().rename("n_name_mentions").reset_index()
    counts["country"] = counts["iso3"].map(country_names())
    counts["n_name_mentions"] = counts["n_name_mentions"].astype("int64")
    return counts[COUNT_COLUMNS].sort_values(["article_id", "iso3"]).reset_index(drop=True)


def _as_counts(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    if "n_name_mentions" in frame.columns:
        counts = frame
    elif "kind" in frame.columns:
        counts = name_mention_counts(frame)
    else:
        raise ValueError(f"{what}: give mentions (with kind) or counts (with n_name_mentions)")
    missing = [c for c in ("article_id", "iso3", "n_name_mentions") if c not in counts.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {', '.join(missing)}")
    counts = counts.astype({"article_id": str, "iso3": str})
    return counts.groupby(["article_id", "iso3"], as_index=False)["n_name_mentions"].sum()


def compare_counts(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Per article and code: n_gold, n_predicted, true_pos (the smaller), false_pos, false_neg."""
    pred = _as_counts(predicted, "predicted").rename(columns={"n_name_mentions": "n_predicted"})
    want = _as_counts(gold, "gold").rename(columns={"n_name_mentions": "n_gold"})
    both = want.merge(pred, on=["article_id", "iso3"], how="outer").fillna(0)
    both = both.astype({"n_gold": "int64", "n_predicted": "int64"})
    both["true_pos"] = np.minimum(both["n_gold"], both["n_predicted"])
    both["false_pos"] = both["n_predicted"] - both["true_pos"]
    both["false_neg"] = both["n_gold"] - both["true_pos"]
    both["country"] = both["iso3"].map(country_names()).fillna("")
    columns = ["article_id", "iso3", "country", "n_gold", "n_predicted", "true_pos", "false_pos", "false_neg"]
    return both[columns].sort_values(["article_id", "iso3"]).reset_index(drop=True)


def precision_recall(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of name-mention counts, per article and overall (article_id 'all').

    ``predicted`` is ``country_mentions`` output (counted kinds are kept) or counts;
    ``gold`` has article_id, iso3, n_name_mentions.  Counts are matched per (article, code):
    true positives are the smaller of the two counts.  Columns: article_id, n_gold,
    n_predicted, true_pos, false_pos, false_neg, precision, recall, f1.
    """
    table = compare_counts(predicted, gold)
    sums = ["n_gold", "n_predicted", "true_pos", "false_pos", "false_neg"]
    per_article = table.groupby("article_id", as_index=False)[sums].sum()
    total = pd.DataFrame([{"article_id": "all", **{c: int(table[c].sum()) for c in sums}}])
    out = pd.concat([per_article, total], ignore_index=True)
    tp = out["true_pos"].astype(float)
    out["precision"] = (tp / out["n_predicted"].where(out["n_predicted"] > 0)).astype(float)
    out["recall"] = (tp / out["n_gold"].where(out["n_gold"] > 0)).astype(float)
    out["f1"] = 2 * out["precision"] * out["recall"] / (out["precision"] + out["recall"])
    return out


# --------------------------------------------------------------------------- per country

#: Mention kinds that *name* a country (the gold files count these).
NAME_KINDS = COUNTED_KINDS


def country_mentions_only(mentions: pd.DataFrame, kinds: tuple[str, ...] | None = NAME_KINDS) -> pd.DataFrame:
    """Mentions of a state (a three-letter ``iso3``, not a bloc such as the EU, not a territory
    such as Hong Kong) of the given kinds (``None`` = every kind, demonyms and capitals included)."""
    if mentions is None or mentions.empty or "iso3" not in mentions:
        return pd.DataFrame(columns=["article_id", "iso3", "country", "kind"])
    keep = mentions["iso3"].fillna("").astype("str").str.fullmatch(r"[A-Z]{3}")
    keep &= ~mentions["iso3"].isin(list(TERRITORIES))
    if "is_bloc" in mentions:
        keep &= ~mentions["is_bloc"].astype(bool)
    if kinds is not None and "kind" in mentions:
        keep &= mentions["kind"].isin(kinds)
    return mentions[keep].reset_index(drop=True)


def named_countries(mentions: pd.DataFrame) -> set[str]:
    """ISO3 codes the articles *name* (name or abbreviation; no demonyms, capitals, titles, blocs)."""
    return set(country_mentions_only(mentions)["iso3"])


def mentions_table(mentions: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Mentions per country per article (wide: one column per article, plus ``total``),
    sorted by total (descending), then country name."""
    rows = country_mentions_only(mentions)
    if rows.empty:
        return pd.DataFrame(columns=["country", "iso3", *article_ids, "total"])
    wide = pd.crosstab([rows["country"], rows["iso3"]], rows["article_id"])
    wide = wide.reindex(columns=article_ids, fill_value=0)
    wide["total"] = wide.sum(axis=1)
    wide = wide.reset_index()
    wide.columns.name = None
    return wide.sort_values(["total", "country"], ascending=[False, True], kind="stable").reset_index(drop=True)
