"""country_positions: the development gold set (targets per style), the structures news uses,
the record as a parameter, and the contradictions with it."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import check_positions, country_alignments, country_positions, load_alignments, load_corpus, stated_sizes
from analysis.config import PROJECT_ROOT
from analysis.countries.gazetteer import is_state
from analysis.countries.mentions import country_mentions, country_mentions_only
from analysis.countries.reading import POSITION_COLUMNS, position_cues
from analysis.countries.scoring import GOLD_DIR, score_gold_set

OTHER_RECORD = PROJECT_ROOT / "tests" / "fixtures" / "other_record"
OTHER_STORY = PROJECT_ROOT / "tests" / "fixtures" / "other_story"


@pytest.fixture(scope="module")
def gold_scores():
    return score_gold_set()


def read(*paragraphs: str, record=None) -> list[tuple[str, str, str]]:
    rows = country_positions(pd.DataFrame({"article_id": ["t"], "text": ["\n".join(paragraphs)]}), record)
    return sorted(zip(rows["iso3"], rows["position"], rows["event"]))


G11, G17, V22 = "A/HRC/41/G/11", "A/HRC/41/G/17", "A/HRC/51/L.6"
U20, C20, U22 = "UNGA75-C3-2020-10-06-DEU", "UNGA75-C3-2020-10-06-CUB", "UNGA77-C3-2022-10-31-CAN"


# --------------------------------------------------------------------------- the gold set


def test_gold_set_is_complete_and_labelled_synthetic():
    meta = pd.read_csv(GOLD_DIR / "articles" / "metadata.csv", dtype=str)
    styles = pd.read_csv(GOLD_DIR / "styles.csv", dtype=str)
    assert len(meta) >= 24 and meta["notes"].str.startswith("SYNTHETIC").all()
    assert set(styles["style"]) >= {"wire", "feature", "opinion", "scraped", "vote_report", "list_heavy", "prose_heavy", "trap"}
    gold = pd.read_csv(GOLD_DIR / "positions.csv", dtype=str, keep_default_na=False)
    assert set(gold["position"]) <= {"against", "support", "withdrew", "abstained"}
    assert gold["iso3"].map(is_state).all() and "CHN" not in set(gold["iso3"])
    trap = styles.loc[styles["style"] == "trap", "article_id"]
    assert not gold["article_id"].isin(trap).any(), "the trap article states no position"


def test_gold_set_facts_come_from_the_record():
    """Every gold position of an event with a list agrees with the record."""
    gold = pd.read_csv(GOLD_DIR / "positions.csv", dtype=str, keep_default_na=False)
    gold["country"], gold["sentence_id"], gold["evidence"] = "", 0, ""
    checked = check_positions(gold, load_alignments())
    assert set(checked["verdict"]) <= {"agrees", "n/a"}, checked[checked["verdict"] != "agrees"]


def test_positions_meet_the_targets_per_style(gold_scores):
    scores = gold_scores.positions.set_index("style")
    assert scores.loc["all", "precision"] >= 0.95 and scores.loc["all", "recall"] >= 0.90
    scored = scores.dropna(subset=["precision", "recall"])
    assert (scored["precision"] >= 0.95).all() and (scored["recall"] >= 0.90).all(), scored
    assert scores.loc["trap", "n_predicted"] == 0


def test_mentions_meet_the_target(gold_scores):
    assert gold_scores.mentions.set_index("style").loc["all", "f1"] >= 0.99
    assert (gold_scores.mentions["f1"] >= 0.99).all()


def test_every_disagreement_is_listed_with_its_kind(gold_scores):
    rows = gold_scores.disagreements
    total = gold_scores.positions.set_index("style").loc["all"]
    assert len(rows) == total["false_pos"] + total["false_neg"]
    assert set(rows["kind"]) <= {"added", "missed"}


def test_output_columns_and_evidence(gold_scores):
    rows = gold_scores.predicted
    assert list(rows.columns) == POSITION_COLUMNS
    corpus = load_corpus(GOLD_DIR / "articles")
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    for row in rows.itertuples():
        assert texts[row.article_id][row.start:row.end] in row.evidence
        assert row.rule and row.action
    assert not rows.duplicated(["article_id", "iso3", "event", "position"]).any()


# --------------------------------------------------------------------------- structures


@pytest.mark.parametrize("paragraphs, expected", [
    (["The July 8, 2019 letter criticising China was signed by Spain, Sweden and Japan."],
     [("ESP", "against", G11), ("JPN", "against", G11), ("SWE", "against", G11)]),
    (["Spain, Sweden and Japan signed the July 8, 2019 letter."],
     [("ESP", "against", G11), ("JPN", "against", G11), ("SWE", "against", G11)]),
    (["Germany read the statement on behalf of 39 countries in October 2020, including Poland and Palau."],
     [("DEU", "against", U20), ("PLW", "against", U20), ("POL", "against", U20)]),
    (["Cuba spoke for 45 countries backing China in October 2020.", "The signatories were: Angola, Nepal and Togo."],
     [("AGO", "support", C20), ("CUB", "support", C20), ("NPL", "support", C20), ("TGO", "support", C20)]),
    (["In October 2022 the Human Rights Council voted on a debate.", "Voting yes were Paraguay and Somalia.",
      "Abstaining: Brazil, Malawi."],
     [("BRA", "abstained", V22), ("MWI", "abstained", V22), ("PRY", "against", V22), ("SOM", "against", V22)]),
    (["Fifty countries joined the Canada-led statement of October 2022. They were joined by Israel and Ukraine."],
     [("CAN", "against", U22), ("ISR", "against", U22), ("UKR", "against", U22)]),
    (["The counter-letter of July 2019 was signed by 37 states:", "- Oman", "- Kuwait"],
     [("KWT", "support", G17), ("OMN", "support", G17)]),
    (["The United States did not sign the July 2019 letter, and neither did Italy."], []),
    (["Qatar withdrew its signature from the July 2019 counter-letter."], [("QAT", "withdrew", G17)]),
    (["In July 2019 Somalia signed the counter-letter backing China; in October 2022 it was Somalia that voted yes "
      "at the Human Rights Council."], [("SOM", "against", V22), ("SOM", "support", G17)]),
    (["Lao People's Democratic Republic, the Sudan and the Syrian Arab Republic signed the counter-letter of July 12, 2019."],
     [("LAO", "support", G17), ("SDN", "support", G17), ("SYR", "support", G17)]),
    (["Lao PDR signed the counter-letter of July 12, 2019."], [("LAO", "support", G17)]),
    (["The European Union, Hong Kong and Britain condemned China."], [("GBR", "against", "")]),
    (["India abstained."], [("IND", "abstained", "")]),  # no date, forum or size: no event guessed
    (["Canada and Norway met in Oslo."], []),
    (["Belarus read a statement backing China in October 2019 on behalf of 54 countries."],
     [("BLR", "support", "UNGA74-C3-2019-10-29-BLR")]),  # no published list, still not the 2020 statement
    (["On March 22, 2021 Britain and Canada imposed sanctions.", "Australia welcomed the sanctions."],
     [("AUS", "against", "sanctions-2021-03"), ("CAN", "against", "sanctions-2021-03"), ("GBR", "against", "sanctions-2021-03")]),
])
def test_structures(paragraphs, expected):
    assert read(*paragraphs) == sorted(expected)


def test_blocs_and_territories_are_never_positions():
    rows = country_positions(load_corpus(GOLD_DIR / "articles"))
    assert not rows["iso3"].isin(["EUU", "HKG", "MAC", "TWN", "CHN"]).any()


@pytest.mark.parametrize("text, codes", [
    ("Lao PDR and the Sudan", ["LAO", "SDN"]),
    ("Turkey legs sold out at the fair in Macon, Georgia.", []),
    ("Georgia lawmakers met. Georgia and Armenia signed.", ["GEO", "ARM"]),
    ("Hong Kong and the EU", []),
])
def test_mention_misses_fixed(text, codes):
    found = country_mentions_only(country_mentions(pd.DataFrame({"article_id": ["t"], "text": [text]})))
    assert list(found["iso3"]) == codes


def test_cue_table_examples_match_their_patterns():
    for row in position_cues().itertuples():
        assert re.search(row.pattern, row.example, re.I), row.cue_id


def test_old_name_is_an_alias_that_warns():
    corpus = load_corpus()
    with pytest.warns(DeprecationWarning, match="country_positions"):
        old = country_alignments(corpus)
    pd.testing.assert_frame_equal(old, country_positions(corpus))


# --------------------------------------------------------------------------- words that refer back

U19, U21 = "UNGA74-C3-2019-10-29-GBR", "UNGA76-C3-2021-10-21-FRA"


@pytest.mark.parametrize("paragraphs, expected", [
    # a pronoun subject stands for the one country (or the one list) named before
    (["Norway signed the July 2019 letter criticising China. It also joined the Canada-led statement of 2022."],
     [("CAN", "against", U22), ("NOR", "against", G11), ("NOR", "against", U22)]),
    (["Oman and Kuwait are Gulf monarchies. They signed the counter-letter of July 12, 2019."],
     [("KWT", "support", G17), ("OMN", "support", G17)]),
    (["Mexico abstained in the Human Rights Council vote of October 2022, and later it signed nothing."],
     [("MEX", "abstained", V22)]),
    (["Gabon and Cameroon sit far apart. Both voted no at the Human Rights Council in October 2022."],
     [("CMR", "support", V22), ("GAB", "support", V22)]),
    # ... and places no one when it is ambiguous, a passive, or not the subject of a cue
    (["Norway and Chile met in Geneva. It signed the July 2019 letter criticising China."], []),
    (["Iceland asked about the letter. It was signed by 22 countries in July 2019."], []),
    (["China rejected the letter. It said the 22 signatories had interfered."], []),
    # coordinated objects and years: one event each
    (["Spain signed the 2019 letter of 22 and the 2020 statement of 39."], [("ESP", "against", G11), ("ESP", "against", U20)]),
    (["Sweden joined the 2021 and 2022 statements criticising China."], [("SWE", "against", U21), ("SWE", "against", U22)]),
    # ordinals: by date among the events the context leaves
    (["Two letters on Xinjiang went to the Human Rights Council in July 2019.",
      "Spain signed the first, and Nepal signed the second letter."], [("ESP", "against", G11), ("NPL", "support", G17)]),
    (["The second round of talks between Spain and Nepal took place in July 2019."], []),
    # an event named only in the next sentence
    (["Croatia and Bulgaria joined in October 2021.", "That statement, read by France, had 43 signatories."],
     [("BGR", "against", U21), ("FRA", "against", U21), ("HRV", "against", U21)]),
    # a habitual stance does not take the article's vote
    (["In October 2022 Nepal voted no at the Human Rights Council.", "Egypt, as always, praised China."],
     [("EGY", "support", ""), ("NPL", "support", V22)]),
    # "read by X" is X's act, not the subject's
    (["Togo signed the 2020 statement read by Cuba."], [("CUB", "support", C20), ("TGO", "support", C20)]),
    # a demonym before "statement" names its reader
    (["Norway signed the German statement of 2020."], [("NOR", "against", U20)]),
])
def test_words_that_refer_back(paragraphs, expected):
    assert read(*paragraphs) == sorted(expected)


def test_pronoun_rows_point_at_the_pronoun():
    rows = country_positions(pd.DataFrame({"article_id": ["t"], "text": [
        "Norway met officials. It signed the July 2019 letter criticising China."]}))
    row = rows.iloc[0]
    assert (row["iso3"], row["start"], row["end"]) == ("NOR", 22, 24) and row["rule"].endswith("(pronoun)")


# --------------------------------------------------------------------------- the structures set

STRUCTURES = GOLD_DIR.parent / "positions_structures"


def test_structures_set_is_labelled_synthetic_and_from_the_record():
    meta = pd.read_csv(STRUCTURES / "articles" / "metadata.csv", dtype=str)
    styles = pd.read_csv(STRUCTURES / "styles.csv", dtype=str)
    assert len(meta) >= 8 and meta["notes"].str.startswith("SYNTHETIC").all()
    assert styles["structure"].str.len().gt(0).all()
    gold = pd.read_csv(STRUCTURES / "positions.csv", dtype=str, keep_default_na=False)
    gold["country"], gold["sentence_id"], gold["evidence"] = "", 0, ""
    assert set(check_positions(gold, load_alignments())["verdict"]) <= {"agrees", "n/a"}


def test_structures_set_meets_the_targets():
    scores = score_gold_set(STRUCTURES)
    total = scores.positions.set_index("style").loc["all"]
    assert total["precision"] >= 0.95 and total["recall"] >= 0.90, scores.disagreements
    assert scores.positions.set_index("style").loc["trap", "n_predicted"] == 0
    assert scores.mentions.set_index("style").loc["all", "f1"] >= 0.99


# --------------------------------------------------------------------------- another record


def test_another_record_and_its_contradictions():
    record = load_alignments(OTHER_RECORD)
    corpus = load_corpus(OTHER_STORY)
    rows = country_positions(corpus, OTHER_RECORD)
    checked = check_positions(rows, record)
    right = checked[checked["article_id"] == "o1"]
    assert len(right) == 12 and (right["verdict"] == "agrees").all()
    wrong = checked[(checked["article_id"] == "o2") & (checked["verdict"] == "contradicts")]
    assert sorted(zip(wrong["iso3"], wrong["record_position"])) == [("IND", "abstain"), ("OMN", "not listed")]
    sizes = stated_sizes(corpus, record, shipped=False)
    assert sorted(zip(sizes["article_id"], sizes["size"], sizes["verdict"])) == [
        ("o1", 3, "agrees"), ("o1", 5, "agrees"), ("o2", 7, "differs")]


def test_notebook_03_runs_on_another_record(tmp_path):
    import nbformat

    from analysis.config import NOTEBOOKS_DIR
    from analysis.tools.execute import execute

    out = tmp_path / "03.ipynb"
    execute(NOTEBOOKS_DIR / "03-country-alignments.ipynb", out, OTHER_STORY, tmp_path / "outputs",
            {"RECORD": str(OTHER_RECORD)})
    text = "".join(o.get("text", "") for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", []))
    assert "contradicts" in text and "SYN-2024-03-01-NOR" in text


def test_seed_positions_match_their_gold():
    gold = pd.read_csv(PROJECT_ROOT / "data" / "gold" / "positions_seeds.csv", dtype=str, keep_default_na=False)
    rows = country_positions(load_corpus())
    key = ["article_id", "iso3", "position", "event"]
    assert sorted(map(tuple, rows[key].values)) == sorted(map(tuple, gold[key].values))
    firsts = dict(zip(map(tuple, gold[key].values), gold["sentence_id"].astype(int)))
    assert all(firsts[tuple(r[key])] == r["sentence_id"] for _, r in rows.iterrows())


def test_heldout_set_stays_above_the_targets():
    """The later set (data/gold/positions_heldout): its scores after the fixes it showed, as a floor."""
    scores = score_gold_set(GOLD_DIR.parent / "positions_heldout")
    total = scores.positions.set_index("style").loc["all"]
    assert total["precision"] >= 0.95 and total["recall"] >= 0.90
    assert scores.mentions.set_index("style").loc["all", "f1"] >= 0.99


def test_seed_sizes_a_round_figure_agrees_approximately():
    sizes = stated_sizes(load_corpus(), load_alignments())
    dozen = sizes[sizes["stated"].str.contains("dozen")].iloc[0]
    assert dozen["approximate"] and dozen["event"] == G17 and dozen["verdict"] == "agrees (approximately)"
    assert set(sizes["verdict"]) == {"agrees", "agrees (approximately)"}
