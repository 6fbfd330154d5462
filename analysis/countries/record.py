"""Country alignments on Xinjiang at the UN, 2019-2022, as the documented record shows.

The reference data live in ``data/alignments/`` (one CSV per letter, statement or vote,
copied with its ``README.md`` and a ``PROVENANCE.md``).  ``load_alignments()`` returns them
as one tidy frame, one row per country and statement::

    country, iso3, position, statement_id, date, forum, label, short_label, side,
    joined, source_url, note, file

* ``position`` is as in the CSVs: ``against`` / ``support`` / ``support_withdrawn`` for the
  letters and joint statements, ``yes`` / ``no`` / ``abstain`` for the 2022 HRC vote.
* ``side`` is the side of the statement (``against``, ``support``) or ``vote``.
* ``joined`` is ``original`` or ``later``.  Only the July 2019 counter-letter
  (A/HRC/41/G/17) records later joiners: its CSV has 51 rows, the 37 original signatories
  of 12 July (Qatar included, coded ``support_withdrawn``), the 13 reported to have joined on
  26 July and Yemen (in the document as issued, joining date unknown).  The rule reads the
  ``note`` column: a G/17 row is ``original`` only if its note says "original signatory".
  Every row of the other files is ``original`` (their notes record no later joining).

``statements()`` summarises each statement (id, date, label, count per position), and
``UNAVAILABLE`` lists the statements whose membership was never published (no CSV).
``documented_bloc_sizes()`` gives the sizes of the July 2019 letters, ``alignment_matrix()``
countries × statements, and ``country_record()`` each country's camp over all statements.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DATA_DIR

ALIGNMENTS_DIR = DATA_DIR / "alignments"
CSV_COLUMNS = ["country", "iso3", "position", "statement_id", "date", "source_url", "note"]
COLUMNS = [
    "country", "iso3", "position", "statement_id", "date", "forum", "label", "short_label",
    "side", "joined", "source_url", "note", "file",
]
POSITIONS = ["against", "support", "support_withdrawn", "yes", "no", "abstain"]

LETTER_AGAINST = "A/HRC/41/G/11"
LETTER_SUPPORT = "A/HRC/41/G/17"
HRC_VOTE_2022 = "A/HRC/51/L.6"

#: What each statement is (from ``data/alignments/README.md``), in date order.
STATEMENT_INFO = {
    LETTER_AGAINST: ("HRC 41", "against", "Letter of 22 to the HRC (8 Jul 2019)", "2019 HRC letter (22)"),
    LETTER_SUPPORT: ("HRC 41", "support", "Counter-letter of 37 to the HRC (12 Jul 2019)", "2019 HRC counter-letter"),
    "UNGA74-C3-2019-10-29-GBR": ("UNGA Third Committee", "against", "UNGA 3rd Committee statement read by the UK (29 Oct 2019)", "2019 UNGA3, UK-led"),
    "UNGA75-C3-2020-10-06-DEU": ("UNGA Third Committee", "against", "UNGA 3rd Committee statement read by Germany (6 Oct 2020)", "2020 UNGA3, Germany-led"),
    "UNGA75-C3-2020-10-06-CUB": ("UNGA Third Committee", "support", "UNGA 3rd Committee statement read by Cuba (6 Oct 2020)", "2020 UNGA3, Cuba-led"),
    "UNGA76-C3-2021-10-21-FRA": ("UNGA Third Committee", "against", "UNGA 3rd Committee statement read by France (21 Oct 2021)", "2021 UNGA3, France-led"),
    HRC_VOTE_2022: ("HRC 51", "vote", "HRC vote on holding a debate on Xinjiang (6 Oct 2022)", "2022 HRC vote"),
    "UNGA77-C3-2022-10-31-CAN": ("UNGA Third Committee", "against", "UNGA 3rd Committee statement read by Canada (31 Oct 2022)", "2022 UNGA3, Canada-led"),
}

#: Statements whose membership lists were never published (README, items 4, 8, 10): no CSV.
UNAVAILABLE = pd.DataFrame(
    [
        ("UNGA74-C3-2019-10-29-BLR", "2019-10-29", "UNGA 3rd Committee statement read by Belarus (29 Oct 2019)", "support", 54),
        ("UNGA76-C3-2021-10-21-CUB", "2021-10-21", "UNGA 3rd Committee statement read by Cuba (21 Oct 2021)", "support", 62),
        ("UNGA77-C3-2022-10-31-CUB", "2022-10-31", "UNGA 3rd Committee statement read by Cuba (31 Oct 2022)", "support", 66),
    ],
    columns=["statement_id", "date", "label", "side", "reported_n"],
)

_ORIGINAL_NOTE = "original signatory"


class AlignmentDataError(ValueError):
    """The reference data do not have the shape this module relies on."""


def _joined(row: pd.Series) -> str:
    if row["statement_id"] != LETTER_SUPPORT:
        return "original"
    return "original" if _ORIGINAL_NOTE in row["note"].lower() else "later"


def _statement_info(data: pd.DataFrame) -> dict[str, tuple[str, str, str, str]]:
    """``STATEMENT_INFO`` for the shipped statements; for another record's statements
    (``load_alignments(folder)``) the same four fields read from the CSVs: forum from the id
    ("HRC"/"UNGA"), side from the positions (yes/no/abstain = ``vote``), label = the id."""
    info = {}
    for sid, part in data.groupby("statement_id", sort=False):
        if sid in STATEMENT_INFO:
            info[sid] = STATEMENT_INFO[sid]
            continue
        positions = set(part["position"])
        side = "vote" if positions & {"yes", "no", "abstain"} else ("support" if positions <= {"support", "support_withdrawn"} else "against")
        forum = "HRC" if "HRC" in sid.upper() else ("UNGA Third Committee" if "UNGA" in sid.upper() else "")
        info[sid] = (forum, side, f"{sid} ({part['date'].iloc[0]})", sid)
    return info


@lru_cache(maxsize=8)
def _load(folder: str | None = None) -> pd.DataFrame:
    directory = ALIGNMENTS_DIR if folder is None else Path(folder)
    if not directory.is_dir():
        raise AlignmentDataError(f"record folder not found: {directory}")
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise AlignmentDataError(f"no reference CSVs in {directory.name}/")
    frames = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [c for c in CSV_COLUMNS if c not in frame]
        if missing:
            raise AlignmentDataError(f"{path.name}: missing column(s) {', '.join(missing)}")
        frame["file"] = path.name
        frames.append(frame[CSV_COLUMNS + ["file"]])
    data = pd.concat(frames, ignore_index=True)
    if folder is None:
        unknown = sorted(set(data["statement_id"]) - set(STATEMENT_INFO))
        if unknown:
            raise AlignmentDataError(f"statement(s) without a description in STATEMENT_INFO: {', '.join(unknown)}")
    bad = sorted(set(data["position"]) - set(POSITIONS))
    if bad:
        raise AlignmentDataError(f"unknown position value(s): {', '.join(bad)}")
    info = data["statement_id"].map(_statement_info(data))
    for i, column in enumerate(["forum", "side", "label", "short_label"]):
        data[column] = info.str[i].astype("str")
    data["joined"] = data.apply(_joined, axis=1)
    data["date"] = pd.to_datetime(data["date"], format="%Y-%m-%d")
    order = {sid: i for i, sid in enumerate(STATEMENT_INFO)}
    data["_order"] = data["statement_id"].map(order).fillna(len(order))
    data = data.sort_values(["date", "_order", "country"], kind="stable")
    return data[COLUMNS].reset_index(drop=True)


def load_alignments(folder=None) -> pd.DataFrame:
    """The documented record as one tidy frame (a fresh copy; see the module docstring).

    ``folder``: another record with the same CSV schema as ``data/alignments/`` (notebook 03's
    ``RECORD`` parameter); ``None`` = the shipped record."""
    return _load(None if folder is None else str(Path(folder).resolve())).copy()


def statements(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement: id, date, forum, label, side, n (listed rows) and n per position."""
    frame = load_alignments() if frame is None else frame
    counts = pd.crosstab(frame["statement_id"], frame["position"])
    counts = counts.reindex(columns=[p for p in POSITIONS if p in counts.columns], fill_value=0)
    later = frame[frame["joined"] == "later"].groupby("statement_id").size()
    meta = frame.drop_duplicates("statement_id").set_index("statement_id")
    out = meta[["date", "forum", "short_label", "label", "side"]].join(counts)
    out.insert(5, "n", frame.groupby("statement_id").size())
    out.insert(6, "n_original", out["n"] - later.reindex(out.index, fill_value=0))
    out = out.reset_index()
    out["_order"] = out["statement_id"].map({sid: i for i, sid in enumerate(STATEMENT_INFO)}).fillna(len(STATEMENT_INFO))
    out = out.sort_values(["date", "_order", "statement_id"], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def july_2019_letters(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The July 2019 letters, one row per listed country, with a map ``group``:

    ``against`` (the 22 of A/HRC/41/G/11), ``supports`` (an original signatory of
    A/HRC/41/G/17), ``supports (joined later)``, ``withdrew`` (Qatar).
    """
    frame = load_alignments() if frame is None else frame
    rows = frame[frame["statement_id"].isin([LETTER_AGAINST, LETTER_SUPPORT])].copy()
    group = pd.Series("supports", index=rows.index)
    group[rows["position"] == "against"] = "against"
    group[(rows["position"] == "support") & (rows["joined"] == "later")] = "supports (joined later)"
    group[rows["position"] == "support_withdrawn"] = "withdrew"
    rows["group"] = group
    both = rows["iso3"].duplicated(keep=False)
    if both.any():
        raise AlignmentDataError(f"countries on both July 2019 letters: {', '.join(sorted(rows.loc[both, 'iso3'].unique()))}")
    columns = ["country", "iso3", "group", "position", "joined", "statement_id", "source_url"]
    return rows[columns].sort_values(["group", "country"], kind="stable").reset_index(drop=True)


def the_22_and_the_37() -> dict[str, pd.DataFrame]:
    """``{"22": ..., "37": ...}``: the 22 signatories of the letter against and the 37 original
    signatories of the counter-letter (Qatar included), as the articles count them."""
    letters = july_2019_letters()
    return {
        "22": letters[letters["group"] == "against"].reset_index(drop=True),
        "37": letters[letters["group"].isin(["supports", "withdrew"])].reset_index(drop=True),
    }


#: Score of each position in the alignment matrix: +1 for the critical statements or a yes
#: vote, -1 for the statements backing China or a no vote, 0 otherwise ('' = not listed).
POSITION_SCORES = {"": 0, "against": 1, "yes": 1, "abstain": 0, "support_withdrawn": 0, "no": -1, "support": -1}


def documented_bloc_sizes() -> pd.DataFrame:
    """The documented sizes of the July 2019 letters: original signatories and as issued."""
    letters = july_2019_letters()
    n = letters["group"].value_counts()
    return pd.DataFrame(
        [
            (LETTER_AGAINST, "letter against (8 Jul 2019)", "documented: signatories", int(n.get("against", 0))),
            (LETTER_SUPPORT, "counter-letter (12 Jul 2019)", "documented: original signatories (12 Jul)",
             int(n.get("supports", 0) + n.get("withdrew", 0))),
            (LETTER_SUPPORT, "counter-letter (12 Jul 2019)", "documented: in the document as issued",
             int(n.get("supports", 0) + n.get("supports (joined later)", 0))),
        ],
        columns=["statement_id", "letter", "count_of", "n"],
    )


def alignment_matrix(record: pd.DataFrame) -> pd.DataFrame:
    """Countries × statements (columns in date order, short labels), cells = position
    ('' = not listed).  Rows are ordered so blocs are visible: by score (+1 critical
    statement or yes, −1 backing China or no), then by how many statements list the
    country, then by the first statement that lists it, then by name."""
    dated = record.drop_duplicates("statement_id").sort_values("date", kind="stable")
    order = list(STATEMENT_INFO) + [sid for sid in dated["statement_id"] if sid not in STATEMENT_INFO]
    labels = dict(zip(dated["statement_id"], dated["short_label"]))
    present = [sid for sid in order if sid in set(record["statement_id"])]
    wide = record.pivot(index=["country", "iso3"], columns="statement_id", values="position")
    wide = wide.reindex(columns=present).fillna("").astype("str")
    score = wide.apply(lambda col: col.map(lambda v: POSITION_SCORES[v])).sum(axis=1)
    listed = (wide != "").sum(axis=1)
    first = (wide != "").values.argmax(axis=1)
    keys = pd.DataFrame({"score": score.values, "listed": listed.values, "first": first,
                         "name": wide.index.get_level_values("country")}, index=wide.index)
    keys = keys.sort_values(["score", "listed", "first", "name"], ascending=[False, False, True, True],
                            kind="stable")
    wide = wide.loc[keys.index].rename(columns=labels).reset_index()
    wide.columns.name = None
    return wide


def country_record(record: pd.DataFrame, iso3s: set[str] | list[str]) -> pd.DataFrame:
    """Per country (of ``iso3s`` that appear in the record): how many critical statements it
    joined (``n_against``), how many statements backing China (``n_support``, withdrawn
    signatures excluded), its 2022 HRC vote, and a ``camp``: ``critical``, ``backing China``,
    ``both`` or ``vote only``.  Sorted by camp, then country."""
    rows = record[record["iso3"].isin(set(iso3s))]
    columns = ["country", "iso3", "n_against", "n_support", "withdrew", "vote_2022", "camp"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(["country", "iso3"])
    out = pd.DataFrame({
        "n_against": grouped["position"].agg(lambda p: int((p == "against").sum())),
        "n_support": grouped["position"].agg(lambda p: int((p == "support").sum())),
        "withdrew": grouped["position"].agg(lambda p: bool((p == "support_withdrawn").any())),
        "vote_2022": grouped.apply(lambda g: ", ".join(g.loc[g["side"] == "vote", "position"]), include_groups=False),
    }).reset_index()
    camp = np.select(
        [(out["n_against"] > 0) & (out["n_support"] > 0), out["n_against"] > 0, out["n_support"] > 0],
        ["both", "critical", "backing China"], default="vote only",
    )
    out["camp"] = camp
    order = {"critical": 0, "backing China": 1, "both": 2, "vote only": 3}
    out["_c"] = out["camp"].map(order)
    out = out.sort_values(["_c", "country"], kind="stable").drop(columns="_c")
    return out[columns].reset_index(drop=True)
