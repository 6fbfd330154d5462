"""Find the countries an article names: one row per mention, with offsets into the cleaned text.

    from analysis.countries import country_mentions, name_mention_counts
    mentions = country_mentions(corpus)      # every recognised mention, all kinds
    counts = name_mention_counts(mentions)   # names + abbreviations per article and country

Gazetteer (``gazetteer()``)
---------------------------
* ISO 3166-1 short, official and common names from ``pycountry`` (installed, offline).  Names
  that ISO writes inverted ("Korea, Republic of") are left out (the alias table has their news
  forms) and a parenthesis is dropped ("Falkland Islands (Malvinas)" -> "Falkland Islands").  ISO 3166-1 also codes territories (Hong Kong HKG,
  Macao MAC, Taiwan TWN, Puerto Rico PRI): they are matched under their own codes.
* ``data/country_aliases.csv``: news forms (U.S., Britain, Burma, Ivory Coast, DR Congo,
  Palestine ...), demonyms and capitals, each row with a note and a source.
* Generated spelling variants: straight/curly apostrophe, accents folded (Türkiye ->
  Turkiye, Côte -> Cote), "Saint" -> "St."/"St".
* Blocs are kept apart: the European Union is ``EUU`` (the World Bank's code) with
  ``is_bloc`` True.  The UN is *not* recognised: it is the forum in these stories, not a
  party that takes a side (the term modules count "UN" as a word).

Kinds: ``name`` and ``abbreviation`` are *name mentions* (``COUNTED_KINDS``, what
``name_mention_counts`` and the gold files count).  ``demonym`` ("Chinese", "British",
"Saudi"), ``capital`` ("Beijing", "Washington", also "Kremlin" and "Brussels" -> EUU as
metonyms) and ``title`` are recognised but not counted by default.

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
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd
import pycountry

from ..corpus import Corpus
from ..config import DATA_DIR
from ..corpus.engine import paragraphs_and_sentences

ALIASES_FILE = DATA_DIR / "country_aliases.csv"
FALSE_FRIENDS_FILE = DATA_DIR / "country_false_friends.csv"

KINDS = ("name", "abbreviation", "demonym", "capital", "title")
COUNTED_KINDS = ("name", "abbreviation")
BLOCS = {"EUU": "European Union"}
NON_ISO = {"XKX": "Kosovo"}
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
_CONTEXT_WINDOW = 80
#: ISO names written inverted ("Korea, Republic of"); the alias table has their news forms.
_INVERTED = re.compile(
    r", (?:[Tt]he |State of|Republic of|Islamic|Plurinational|Bolivarian|United Republic|Federated|"
    r"Democratic|Province of|British|U\.S\.)"
)
_DISPLAY_OVERRIDES = {"COD": "Democratic Republic of the Congo"}


class CountryDataError(ValueError):
    """The alias or false-friend table is inconsistent (the message names the row)."""


# --------------------------------------------------------------------------- gazetteer


def _display_name(country) -> str:
    code = country.alpha_3
    if code in _DISPLAY_OVERRIDES:
        return _DISPLAY_OVERRIDES[code]
    common = getattr(country, "common_name", None)
    if common:
        return common
    if "," not in country.name:
        return country.name
    official = getattr(country, "official_name", None)
    if official and "," not in official:
        return re.sub(r"^the ", "", official)
    return country.name


@lru_cache(maxsize=None)
def country_names() -> dict[str, str]:
    """``{iso3: display name}`` for every ISO 3166-1 country plus the blocs and Kosovo."""
    names = {c.alpha_3: _display_name(c) for c in pycountry.countries}
    names.update(NON_ISO)
    names.update(BLOCS)
    return names


def _pycountry_rows() -> list[dict]:
    rows = []
    for c in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(c, field, None)
            if not value or _INVERTED.search(value):
                continue
            value = re.sub(r"^the ", "", re.sub(r"\s*\([^)]*\)", "", value))
            rows.append(
                {"alias": value, "iso3": c.alpha_3, "kind": "name",
                 "note": f"ISO 3166-1 {field}", "source": "pycountry (ISO 3166-1)"}
            )
    return rows


def _variants(alias: str) -> set[str]:
    """Spelling variants of one alias: apostrophes, folded accents, 'Saint' -> 'St.'."""
    out = {alias}
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "’"))
        if "’" in form:
            out.add(form.replace("’", "'"))
    for form in list(out):
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", form) if not unicodedata.combining(ch))
        out.add(unicodedata.normalize("NFC", folded))
    for form in list(out):
        if form.startswith("Saint "):
            out.add("St. " + form[6:])
            out.add("St " + form[6:])
    return out


@lru_cache(maxsize=None)
def alias_table() -> pd.DataFrame:
    """``data/country_aliases.csv`` checked: known kinds and codes, no blank alias."""
    table = pd.read_csv(ALIASES_FILE, dtype=str, keep_default_na=False)
    missing = {"alias", "iso3", "kind", "note", "source"} - set(table.columns)
    if missing:
        raise CountryDataError(f"{ALIASES_FILE.name}: missing column(s) {', '.join(sorted(missing))}")
    names = country_names()
    for number, row in enumerate(table.to_dict("records"), start=2):
        if not row["alias"].strip():
            raise CountryDataError(f"{ALIASES_FILE.name}: line {number} has a blank alias")
        if row["kind"] not in KINDS:
            raise CountryDataError(f"{ALIASES_FILE.name}: line {number}: unknown kind {row['kind']!r}")
        if row["iso3"] not in names:
            raise CountryDataError(f"{ALIASES_FILE.name}: line {number}: unknown code {row['iso3']!r}")
        if not row["source"].strip():
            raise CountryDataError(f"{ALIASES_FILE.name}: line {number} has no source")
    return table


@lru_cache(maxsize=None)
def false_friends_table() -> pd.DataFrame:
    """``data/country_false_friends.csv``: phrases that win and are dropped, and context regexes."""
    table = pd.read_csv(FALSE_FRIENDS_FILE, dtype=str, keep_default_na=False)
    for number, row in enumerate(table.to_dict("records"), start=2):
        if row["match"] not in ("phrase", "regex"):
            raise CountryDataError(f"{FALSE_FRIENDS_FILE.name}: line {number}: match must be phrase or regex")
        if row["match"] == "regex":
            if not row["applies_to"].strip():
                raise CountryDataError(f"{FALSE_FRIENDS_FILE.name}: line {number}: a regex needs applies_to")
            try:
                re.compile(row["pattern"])
            except re.error as error:
                raise CountryDataError(f"{FALSE_FRIENDS_FILE.name}: line {number}: bad regex ({error})") from None
    return table


@lru_cache(maxsize=None)
def gazetteer() -> pd.DataFrame:
    """Every matchable form: alias, iso3, country, kind, is_bloc, note, source (one row per form).

    The alias table wins over pycountry where both give a form; one form maps to one
    code only (a conflict raises ``CountryDataError``).
    """
    rows = []
    for row in alias_table().to_dict("records") + _pycountry_rows():
        for form in sorted(_variants(row["alias"])):
            rows.append({**row, "alias": form})
    table = pd.DataFrame(rows).drop_duplicates("alias", keep="first")
    grouped = pd.DataFrame(rows).groupby("alias")["iso3"].nunique()
    conflicts = sorted(grouped[grouped > 1].index)
    if conflicts:
        raise CountryDataError(f"aliases mapped to more than one code: {', '.join(conflicts)}")
    names = country_names()
    table["country"] = table["iso3"].map(names)
    table["is_bloc"] = table["iso3"].isin(list(BLOCS))
    table = table[["alias", "iso3", "country", "kind", "is_bloc", "note", "source"]]
    return table.sort_values(["iso3", "kind", "alias"], kind="stable").reset_index(drop=True)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, prefix-shared so the engine does not try each in turn;
    greedy, so the longest word that fits is tried first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=None)
def _matcher():
    gaz = gazetteer()
    lookup = {
        row["alias"]: (row["iso3"], row["country"], row["kind"], bool(row["is_bloc"]))
        for row in gaz.to_dict("records")
    }
    friends = false_friends_table()
    for phrase in friends.loc[friends["match"] == "phrase", "pattern"]:
        for form in _variants(phrase):
            if form in lookup:
                raise CountryDataError(f"false-friend phrase {form!r} is also a country alias")
            lookup[form] = None
    rules: dict[str, list[re.Pattern]] = {}
    for row in friends[friends["match"] == "regex"].to_dict("records"):
        for surface in row["applies_to"].split():
            rules.setdefault(surface, []).append(re.compile(row["pattern"]))
    words = sorted(lookup, key=lambda w: (-len(w), w))
    # The look-ahead on the possible first letters lets the engine skip most positions fast.
    first = "[" + "".join(re.escape(ch) for ch in sorted({w[0] for w in words})) + "]"
    pattern = re.compile(rf"(?={first})(?<!\w)(?:" + _trie_pattern(words) + r")(?!\w)")
    return pattern, lookup, rules


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
    pattern, lookup, rules = _matcher()
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
