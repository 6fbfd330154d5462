"""The gazetteer: every form that names a country or bloc, and the one regular expression
that finds them (``matcher``); ``mentions`` applies it to the articles.

Sources (``gazetteer()``)
-------------------------
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

The matcher is one compiled regex: a character trie of every form and of every false-friend
phrase of ``data/country_false_friends.csv`` (the matching rules are in ``mentions``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd
import pycountry

from ..config import DATA_DIR

ALIASES_FILE = DATA_DIR / "country_aliases.csv"
FALSE_FRIENDS_FILE = DATA_DIR / "country_false_friends.csv"

KINDS = ("name", "abbreviation", "demonym", "capital", "title")
COUNTED_KINDS = ("name", "abbreviation")
BLOCS = {"EUU": "European Union"}
NON_ISO = {"XKX": "Kosovo"}
#: ISO 3166-1 entries that are neither UN member states nor observer states (territories,
#: dependencies, Antarctica; Taiwan and Kosovo, which are not UN members, are here too):
#: they are found as mentions under their own code but are never a *state's* mention or
#: position (``is_state``).  193 members + 2 observers (VAT, PSE) + 54 of these = the 249 ISO codes;
#: Kosovo (XKX, not in ISO 3166-1) is the 55th.
TERRITORIES = frozenset(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM "
    "HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA "
    "TKL TWN UMI VGB VIR WLF XKX".split()
)

#: ISO names written inverted ("Korea, Republic of"); the alias table has their news forms.
_INVERTED = re.compile(
    r", (?:[Tt]he |State of|Republic of|Islamic|Plurinational|Bolivarian|United Republic|Federated|"
    r"Democratic|Province of|British|U\.S\.)"
)
_DISPLAY_OVERRIDES = {"COD": "Democratic Republic of the Congo"}


class CountryDataError(ValueError):
    """The alias or false-friend table is inconsistent (the message names the row)."""


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


def is_state(iso3: str) -> bool:
    """True for a UN member or observer state (not a bloc such as the EU, not a territory)."""
    return isinstance(iso3, str) and iso3 in country_names() and iso3 not in BLOCS and iso3 not in TERRITORIES


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
def matcher():
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
