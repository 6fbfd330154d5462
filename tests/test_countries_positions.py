"""Alignments and bloc sizes read from the text: hand-made gold on the seeds, and small sentences."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.config import DATA_DIR
from analysis.countries.positions import (
    ALIGNMENT_COLUMNS,
    BLOC_COLUMNS,
    cue_table,
    cue_alignments,
    stated_bloc_sizes,
)

GOLD = DATA_DIR / "gold"
KEY = ["article_id", "sentence_id", "iso3", "event", "position"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def alignments(corpus):
    return cue_alignments(corpus)


def text_rows(*paragraphs: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["t"], "text": ["\n".join(paragraphs)]})


def placed(*paragraphs: str) -> list[tuple[str, str, str]]:
    rows = cue_alignments(text_rows(*paragraphs))
    return list(zip(rows["iso3"], rows["position"], rows["event"]))


# --------------------------------------------------------------------------- seeds


def test_seed_alignments_match_gold_exactly(alignments):
    gold = pd.read_csv(GOLD / "alignments_seeds.csv", dtype={"article_id": str})
    got = alignments[KEY].reset_index(drop=True)
    want = gold[KEY].astype({"sentence_id": "int64"})
    pd.testing.assert_frame_equal(got, want)


def test_seed_alignment_rows_carry_their_evidence(corpus, alignments):
    assert list(alignments.columns) == ALIGNMENT_COLUMNS
    sentences = corpus.sentences.merge(corpus.articles[["article_id", "text"]], on="article_id")
    for row in alignments.itertuples():
        s = sentences[(sentences["article_id"] == row.article_id) & (sentences["sentence_id"] == row.sentence_id)].iloc[0]
        assert row.evidence == s["text"][s["start"]:s["end"]]
        assert row.surface in row.evidence and row.cue_text in row.evidence


def test_seed_expected_sides(alignments):
    def side(article_id, event, position):
        rows = alignments[(alignments["article_id"] == article_id) & (alignments["event"] == event)
                          & (alignments["position"] == position)]
        return set(rows["iso3"])

    assert side("003", "letter", "against") == {"GBR", "FRA", "DEU", "JPN"}
    assert side("003", "letter", "support") == {"PRK", "RUS", "MMR", "SAU", "SYR", "SDN"}
    assert side("000", "un_event", "against") == {"USA", "GBR", "DEU", "AUS", "CAN"}
    assert side("000", "sanctions", "against") == {"USA", "GBR", "EUU", "CAN", "AUS", "NZL"}
    assert side("000", "genocide_determination", "against") == {"USA", "CAN"}
    assert "CHN" not in set(alignments["iso3"])  # the subject is never placed on a side
    eu = alignments[alignments["iso3"] == "EUU"]
    assert eu["is_bloc"].all() and not alignments.loc[alignments["iso3"] != "EUU", "is_bloc"].any()
    dates = alignments.drop_duplicates(["article_id", "sentence_id"]).set_index(["article_id", "sentence_id"])["event_date"]
    assert dates[("000", 18)] == "March 22" and dates[("000", 17)] == "February 22"


def test_seed_bloc_sizes_match_gold(corpus):
    gold = pd.read_csv(GOLD / "bloc_sizes_seeds.csv", dtype={"article_id": str})
    got = stated_bloc_sizes(corpus)
    assert list(got.columns) == BLOC_COLUMNS
    cols = ["article_id", "sentence_id", "size", "approximate", "position", "event"]
    pd.testing.assert_frame_equal(got[cols], gold[cols].astype({"sentence_id": "int64", "size": "int64"}))
    assert not got["noun_phrase"].str.contains("camps|people").any()


# --------------------------------------------------------------------------- hand-written sentences


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("France and Spain condemned the detentions.", [("FRA", "against", "unspecified"), ("ESP", "against", "unspecified")]),
        ("The letter was signed by 12 countries such as Cuba and Pakistan, praising China.",
         [("CUB", "support", "letter"), ("PAK", "support", "letter")]),
        ("India abstained.", [("IND", "other", "unspecified")]),
        ("Indonesia declined to sign the letter.", [("IDN", "other", "letter")]),
        ("Lithuania's parliament declared the policy a genocide.", [("LTU", "against", "genocide_determination")]),
        ("Britain imposed sanctions on four officials.", [("GBR", "against", "sanctions")]),
        ("The Netherlands supported the sanctions.", [("NLD", "against", "sanctions")]),
        ("Chinese diplomats and Beijing praised the statement.", []),  # demonym and capital are not placed
        ("China praised Pakistan.", [("PAK", "support", "unspecified")]),  # the subject is never placed
        ("Canada and Norway met in Oslo.", []),  # no cue, no row
        ("Australia director Elaine Pearson condemned it.", []),  # a job title is not the country
        # two cues, two lists: each list takes the nearest cue
        ("Sweden and Denmark condemned China, while Egypt and Cuba came to China's defense.",
         [("SWE", "against", "unspecified"), ("DNK", "against", "unspecified"),
          ("EGY", "support", "unspecified"), ("CUB", "support", "unspecified")]),
        # a list moves as one: Sweden is nearer "praised" but its list ends at "condemned"
        ("Egypt praised China, while Sweden, Denmark, Finland and Norway condemned it.",
         [("EGY", "support", "unspecified"), ("SWE", "against", "unspecified"), ("DNK", "against", "unspecified"),
          ("FIN", "against", "unspecified"), ("NOR", "against", "unspecified")]),
    ],
)
def test_hand_written_sentences(sentence, expected):
    assert placed(sentence) == expected


def test_event_carries_over_within_a_paragraph_only():
    rows = placed(
        "Twenty countries signed a letter to the council. Belgium and Ireland condemned the camps.",
        "Austria condemned the camps.",
    )
    assert rows == [("BEL", "against", "letter"), ("IRL", "against", "letter"), ("AUT", "against", "unspecified")]


@pytest.mark.parametrize(
    "sentence, size, approximate",
    [
        ("More than 40 nations signed.", 40, True),
        ("Twenty-two countries signed a letter.", 22, False),
        ("A dozen governments condemned it.", 12, True),
        ("Some 50 member states joined.", 50, True),
    ],
)
def test_bloc_sizes_in_sentences(sentence, size, approximate):
    got = stated_bloc_sizes(text_rows(sentence))
    assert list(zip(got["size"], got["approximate"])) == [(size, approximate)]


@pytest.mark.parametrize(
    "sentence",
    ["There are some 1,200 camps.", "Xinjiang is home to 25 million people.", "It took 3 years.", "2 million Muslim states"],
)
def test_numbers_that_are_not_blocs(sentence):
    assert stated_bloc_sizes(text_rows(sentence)).empty


# --------------------------------------------------------------------------- data and input


def test_cue_lexicon_is_well_formed():
    cues = cue_table()
    assert cues["cue_id"].is_unique
    assert set(cues["position"]) <= {"against", "support", "other", ""}
    assert cues["example"].str.strip().ne("").all()


def test_bad_input_gives_clear_errors():
    with pytest.raises(ValueError, match="no articles"):
        cue_alignments(pd.DataFrame({"article_id": [], "text": []}))
    with pytest.raises(ValueError, match="no articles"):
        stated_bloc_sizes(pd.DataFrame({"article_id": [], "text": []}))
    with pytest.raises(TypeError, match="Corpus"):
        stated_bloc_sizes(["22 countries"])


def test_no_alignment_gives_empty_frames_with_columns():
    rows = cue_alignments(text_rows("Nothing here."))
    assert rows.empty and list(rows.columns) == ALIGNMENT_COLUMNS
    sizes = stated_bloc_sizes(text_rows("Nothing here."))
    assert sizes.empty and list(sizes.columns) == BLOC_COLUMNS
