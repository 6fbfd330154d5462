"""The documented record: counts, codes, sources, and the original/later split of the 37."""
import pandas as pd
import pycountry
import pytest

from analysis.countries.record import (
    ALIGNMENTS_DIR,
    COLUMNS,
    HRC_VOTE_2022,
    LETTER_AGAINST,
    LETTER_SUPPORT,
    STATEMENT_INFO,
    UNAVAILABLE,
    july_2019_letters,
    load_alignments,
    statements,
    the_22_and_the_37,
)


@pytest.fixture(scope="module")
def record():
    return load_alignments()


def test_tidy_frame_columns_and_one_row_per_country_and_statement(record):
    assert list(record.columns) == COLUMNS
    assert not record.duplicated(["statement_id", "iso3"]).any()
    assert set(record["statement_id"]) == set(STATEMENT_INFO)
    assert record["date"].dtype.kind == "M"


def test_letter_of_22_against(record):
    rows = record[record["statement_id"] == LETTER_AGAINST]
    assert len(rows) == 22
    assert set(rows["position"]) == {"against"}
    assert "ITA" not in set(rows["iso3"])  # one source says Italy added its name; the README leaves it out
    assert "USA" not in set(rows["iso3"])


def test_counter_letter_37_originals_including_qatar(record):
    rows = record[record["statement_id"] == LETTER_SUPPORT]
    assert len(rows) == 51
    originals = rows[rows["joined"] == "original"]
    assert len(originals) == 37
    assert "QAT" in set(originals["iso3"])
    later = rows[rows["joined"] == "later"]
    assert len(later) == 14  # 13 reported for 26 July + Yemen
    assert {"BGD", "IRN", "IRQ", "PSE", "NPL", "MOZ", "SRB", "UZB", "ZMB", "LKA", "GNQ", "UGA", "DJI", "YEM"} == set(
        later["iso3"]
    )
    # the document as issued: the 37 minus Qatar plus 13 plus Yemen = 50
    assert (rows["position"] == "support").sum() == 50


def test_qatar_withdrew(record):
    qatar = record[(record["statement_id"] == LETTER_SUPPORT) & (record["iso3"] == "QAT")]
    assert qatar["position"].tolist() == ["support_withdrawn"]
    assert (record["position"] == "support_withdrawn").sum() == 1


def test_2022_hrc_vote_17_19_11(record):
    vote = record[record["statement_id"] == HRC_VOTE_2022]["position"].value_counts()
    assert vote.to_dict() == {"no": 19, "yes": 17, "abstain": 11}


def test_iso3_codes_valid(record):
    invalid = sorted({c for c in record["iso3"] if c != "PSE" and pycountry.countries.get(alpha_3=c) is None})
    assert invalid == []
    assert record["iso3"].str.fullmatch(r"[A-Z]{3}").all()


def test_every_row_has_a_source(record):
    assert (record["source_url"].str.strip() != "").all()
    assert record["source_url"].str.split(" | ", regex=False).map(lambda urls: all(u.startswith("http") for u in urls)).all()


def test_statements_summary(record):
    summary = statements(record)
    assert summary["statement_id"].tolist()[:2] == [LETTER_AGAINST, LETTER_SUPPORT]
    row = summary.set_index("statement_id").loc[LETTER_SUPPORT]
    assert (row["n"], row["n_original"], row["support"], row["support_withdrawn"]) == (51, 37, 50, 1)
    assert summary["date"].is_monotonic_increasing
    assert summary["n"].sum() == len(record)


def test_unavailable_statements_have_no_rows(record):
    assert not set(UNAVAILABLE["statement_id"]) & set(record["statement_id"])


def test_july_2019_groups():
    letters = july_2019_letters()
    assert letters["group"].value_counts().to_dict() == {
        "supports": 36, "against": 22, "supports (joined later)": 14, "withdrew": 1,
    }
    blocs = the_22_and_the_37()
    assert (len(blocs["22"]), len(blocs["37"])) == (22, 37)


def test_shipped_files_are_the_copied_ones():
    names = sorted(p.name for p in ALIGNMENTS_DIR.iterdir())
    assert "README.md" in names and "PROVENANCE.md" in names
    assert len([n for n in names if n.endswith(".csv")]) == 8


def test_load_returns_a_fresh_copy(record):
    again = load_alignments()
    again.loc[0, "country"] = "changed"
    assert load_alignments().loc[0, "country"] != "changed"
    pd.testing.assert_frame_equal(load_alignments(), record)
