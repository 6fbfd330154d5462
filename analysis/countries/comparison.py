"""What the articles say, set beside the documented record: whether they talk about the July
2019 letters, which signatories they name, the bloc sizes they state, and the sides they
place countries on.

Inputs: ``mentions`` as ``mentions.country_mentions`` returns it (rows without a
three-letter ``iso3``, such as the EU bloc, are left out of the per-country tables);
``record`` as ``record.load_alignments()`` returns it; ``told`` and ``stated`` as
``positions.country_alignments`` and ``positions.stated_bloc_sizes`` return them.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .mentions import country_mentions_only
from .record import LETTER_AGAINST, LETTER_SUPPORT, STATEMENT_INFO, country_record, documented_bloc_sizes, july_2019_letters

#: Cues that an article talks about the July 2019 letters (a heuristic gate, shown with evidence).
_LETTER_CUES = [
    re.compile(r"\b(?:22|37|twenty-two|thirty-seven)\s+(?:[A-Za-z-]+\s+)?(?:countries|nations|states|signatories)\b", re.I),
    re.compile(r"\bletters?\b.*\bHuman Rights Council\b|\bHuman Rights Council\b.*\bletters?\b", re.I),
    re.compile(r"\bletters?\b.*\bJuly\b.*\b2019\b|\bJuly\b.*\b2019\b.*\bletters?\b", re.I),
]


#: Every cue above needs one of these words, so an article without any is not scanned sentence by sentence.
_ANY_CUE = re.compile(r"22|37|twenty-two|thirty-seven|letter", re.I)


def july_2019_evidence(corpus) -> pd.DataFrame:
    """Sentences that suggest an article talks about the July 2019 letters (a number of
    22 or 37 countries, or a letter with the Human Rights Council or July 2019):
    article_id, sentence_id, sentence.  Empty if no article does.  Only the sentences of
    articles holding a cue's key word are tested (one scan of each text first)."""
    texts = {a: t for a, t in zip(corpus.articles["article_id"], corpus.articles["text"]) if _ANY_CUE.search(t)}
    sentences = corpus.sentences[corpus.sentences["article_id"].isin(list(texts))]
    rows = []
    for article_id, sentence_id, start, end in zip(sentences["article_id"].tolist(), sentences["sentence_id"].tolist(),
                                                   sentences["start"].tolist(), sentences["end"].tolist()):
        sentence = texts[article_id][start:end]
        if any(cue.search(sentence) for cue in _LETTER_CUES):
            rows.append((article_id, sentence_id, " ".join(sentence.split())))
    frame = pd.DataFrame(rows, columns=["article_id", "sentence_id", "sentence"])
    return frame.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- coverage


BLOC_22 = "the 22 (letter against)"
BLOC_37 = "the 37 (counter-letter, 12 Jul)"


#: ``coverage_table`` lists at most this many article ids per country (then "and N more").
COVERAGE_IDS = 10


def _first_ids(ids: pd.Series) -> str:
    unique = sorted(set(ids))
    more = f" and {len(unique) - COVERAGE_IDS:,} more" if len(unique) > COVERAGE_IDS else ""
    return ", ".join(unique[:COVERAGE_IDS]) + more


def coverage_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """The 22 signatories of the letter against and the 37 original signatories of the
    counter-letter, each with ``named`` (any article mentions it), ``n_mentions``,
    ``n_articles`` and ``articles`` (the first ``COVERAGE_IDS`` ids, then "and N more");
    sorted by bloc, named first, then country."""
    letters = july_2019_letters()
    blocs = {
        BLOC_22: letters["group"] == "against",
        BLOC_37: letters["group"].isin(["supports", "withdrew"]),
    }
    rows = country_mentions_only(mentions)
    counts = rows.groupby("iso3").size()
    n_articles = rows.groupby("iso3")["article_id"].nunique()
    where = rows.groupby("iso3")["article_id"].agg(_first_ids)
    frames = []
    for bloc, mask in blocs.items():
        part = letters.loc[mask, ["country", "iso3", "group"]].copy()
        part.insert(0, "bloc", bloc)
        part["n_mentions"] = [int(counts.get(i, 0)) for i in part["iso3"]]
        part["named"] = part["n_mentions"] > 0
        part["n_articles"] = [int(n_articles.get(i, 0)) for i in part["iso3"]]
        part["articles"] = [str(where.get(i, "")) for i in part["iso3"]]
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["_bloc"] = out["bloc"].map({b: i for i, b in enumerate(blocs)})
    out = out.sort_values(["_bloc", "named", "country"], ascending=[True, False, True], kind="stable")
    return out.drop(columns="_bloc").reset_index(drop=True)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per bloc: ``listed``, ``named``, ``not_named`` and the names the articles use."""
    rows = []
    for bloc, part in coverage.groupby("bloc", sort=False):
        named = part[part["named"]]
        rows.append({
            "bloc": bloc, "listed": len(part), "named": len(named), "not_named": len(part) - len(named),
            "named_countries": ", ".join(named["country"]),
        })
    return pd.DataFrame(rows, columns=["bloc", "listed", "named", "not_named", "named_countries"])


# --------------------------------------------------------------------------- bloc sizes


def stated_letter_sizes(stated: pd.DataFrame, article_ids: set[str] | list[str]) -> pd.DataFrame:
    """``positions.stated_bloc_sizes`` rows about a letter, from the given articles, as
    ``statement_id, article_id, n`` (+ ``noun_phrase``, ``sentences``): a stated size on the
    critical side is read as the letter of 22, on the supporting side as the counter-letter."""
    columns = ["statement_id", "article_id", "n", "noun_phrase", "sentences"]
    if stated is None or stated.empty:
        return pd.DataFrame(columns=columns)
    rows = stated[(stated["event"] == LETTER_EVENT) & stated["article_id"].isin(set(article_ids))
                  & stated["position"].isin(["against", "support"])].copy()
    rows["statement_id"] = np.where(rows["position"] == "against", LETTER_AGAINST, LETTER_SUPPORT)
    rows["n"] = rows["size"].astype("int64")
    rows["noun_phrase"] = np.where(rows["approximate"], "≈ ", "") + rows["noun_phrase"].astype("str")
    grouped = rows.groupby(["statement_id", "article_id", "n", "noun_phrase"], sort=True)["sentence_id"]
    out = grouped.agg(lambda s: ", ".join(f"s{i}" for i in sorted(s))).rename("sentences").reset_index()
    return out[columns]


#: Columns of ``stated_size_summary``.
SIZE_SUMMARY_COLUMNS = ["statement_id", "n", "n_articles", "n_sources", "article_id", "noun_phrase", "sentences"]


def stated_size_summary(sizes_told: pd.DataFrame, article_ids, sources: pd.Series | None = None,
                        k: int = 5) -> tuple[pd.DataFrame, int]:
    """The sizes the given articles state for the July 2019 letters (``stated_sizes`` rows whose
    event is either letter), one row per letter and size: ``n_articles`` (and ``n_sources`` when
    ``sources`` maps article_id -> source) stating it, and the first such article (by id) with
    its words and sentences, as an example.  The ``k`` sizes stated by the most articles per
    letter (ties: smaller size first); returns ``(rows, number of sizes left out)``.  Linear in
    the rows, bounded in the output whatever the corpus size."""
    if sizes_told is None or sizes_told.empty:
        return pd.DataFrame(columns=SIZE_SUMMARY_COLUMNS), 0
    rows = sizes_told[sizes_told["event"].isin([LETTER_AGAINST, LETTER_SUPPORT])
                      & sizes_told["article_id"].isin(set(article_ids))]
    if rows.empty:
        return pd.DataFrame(columns=SIZE_SUMMARY_COLUMNS), 0
    rows = rows.assign(statement_id=rows["event"], n=rows["size"].astype("int64"),
                       source=rows["article_id"].map(sources) if sources is not None else "")
    rows = rows.sort_values(["statement_id", "n", "article_id", "sentence_id"], kind="stable")
    grouped = rows.groupby(["statement_id", "n"], sort=True)
    out = pd.DataFrame({"n_articles": grouped["article_id"].nunique(), "n_sources": grouped["source"].nunique(),
                        "article_id": grouped["article_id"].first()}).reset_index()
    example = rows.merge(out[["statement_id", "n", "article_id"]], on=["statement_id", "n", "article_id"])
    words = example.groupby(["statement_id", "n"], sort=True).agg(
        noun_phrase=("stated", lambda s: ", ".join(dict.fromkeys(s))),
        sentences=("sentence_id", lambda s: ", ".join(f"s{i}" for i in s)))
    out = out.merge(words.reset_index(), on=["statement_id", "n"])
    if sources is None:
        out["n_sources"] = 0
    out = out.sort_values(["statement_id", "n_articles", "n"], ascending=[True, False, True], kind="stable")
    kept = out.groupby("statement_id", sort=False).head(k)
    return kept[SIZE_SUMMARY_COLUMNS].reset_index(drop=True), len(out) - len(kept)


def _stated_count_of(stated: pd.DataFrame) -> pd.Series:
    if "n_articles" in stated:  # stated_size_summary: how many articles, and the first as an example
        many = stated["n_articles"] > 1
        head = np.where(many, "stated in " + stated["n_articles"].astype("str") + " articles, e.g. ",
                        "stated in ") + "article " + stated["article_id"].astype("str")
        return head + ": " + stated["noun_phrase"] + " (" + stated["sentences"] + ")"
    count_of = "stated in article " + stated["article_id"].astype("str")
    if "noun_phrase" in stated:
        count_of += ": " + stated["noun_phrase"] + " (" + stated["sentences"] + ")"
    return count_of


def bloc_size_table(stated: pd.DataFrame) -> pd.DataFrame:
    """Stated sizes (``statement_id``, ``article_id``, ``n``; or ``stated_size_summary`` rows,
    one per size with its number of articles) beside the documented ones."""
    documented = documented_bloc_sizes()
    letter_names = dict(zip(documented["statement_id"], documented["letter"]))
    if stated is None or stated.empty:
        return documented
    stated = stated[stated["statement_id"].isin(letter_names)].copy()
    stated["letter"] = stated["statement_id"].map(letter_names)
    stated["count_of"] = _stated_count_of(stated)
    out = pd.concat([documented, stated[documented.columns]], ignore_index=True)
    order = {sid: i for i, sid in enumerate(STATEMENT_INFO)}
    out["_s"] = out["statement_id"].map(order)
    out["_k"] = ~out["count_of"].str.startswith("documented")
    out = out.sort_values(["_s", "_k"], kind="stable").drop(columns=["_s", "_k"])
    return out.drop_duplicates().reset_index(drop=True)


# --------------------------------------------------------------------------- as told vs record

#: ``positions`` event that can refer to the July 2019 letters.
LETTER_EVENT = "letter"
_TOLD_TO_GROUPS = {
    "against": {"against"},
    "support": {"supports", "supports (joined later)", "withdrew"},
}


def compare_with_record(told: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Each side an article places a country on (``positions.country_alignments``) beside the
    record: for the ``letter`` event, the country's July 2019 group and ``matches``
    (``yes``/``no``); for events the record holds no list for, ``matches`` is ``n/a``.
    ``camp_2019_2022`` is the country's camp over all documented statements."""
    columns = ["article_id", "sentence_id", "country", "iso3", "event", "position", "record_july_2019",
               "matches", "camp_2019_2022", "evidence"]
    if told is None or told.empty:
        return pd.DataFrame(columns=columns)
    letters = july_2019_letters(record).set_index("iso3")
    camps = country_record(record, set(told["iso3"])).set_index("iso3")["camp"]
    out = told.copy()
    out["country"] = [letters["country"].get(i, c) for i, c in zip(out["iso3"], out["country"])]
    blocs = out["is_bloc"].astype(bool) if "is_bloc" in out else pd.Series(False, index=out.index)
    out["record_july_2019"] = [
        "a bloc: not in the record" if bloc else letters["group"].get(i, "signed neither letter")
        for i, bloc in zip(out["iso3"], blocs)
    ]
    matches = []
    for event, position, group in zip(out["event"], out["position"], out["record_july_2019"]):
        if event != LETTER_EVENT or position not in _TOLD_TO_GROUPS:
            matches.append("n/a")
        else:
            matches.append("yes" if group in _TOLD_TO_GROUPS[position] else "no")
    out["matches"] = matches
    out["camp_2019_2022"] = [camps.get(i, "not in the record") for i in out["iso3"]]
    out = out.sort_values(["article_id", "sentence_id", "iso3"], kind="stable")
    return out[columns].reset_index(drop=True)
