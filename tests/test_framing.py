"""Framing lexicon: loading, no double counting, shares within a concept."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus.load import corpus_from_texts
from analysis.measures.framing import framing_matches, framing_rates, leading_phrases, load_framing_lexicon, share_table


def make_tokens(texts: dict[tuple[str, str], str]) -> pd.DataFrame:
    """Tokens (with ``source``) for ``{(article_id, source): text}``."""
    sources = {a: s for a, s in texts}
    tokens = corpus_from_texts({a: t for (a, _), t in texts.items()}).tokens
    tokens["source"] = tokens["article_id"].map(sources).astype("str")
    return tokens


LEXICON = pd.DataFrame(
    {
        "concept": ["facilities", "facilities", "facilities", "state", "state", "state"],
        "phrase": ["re-education camps", "concentration camps", "camps", "Chinese Communist Party", "Communist Party", "China"],
        "note": [""] * 6,
    }
)


def test_longer_phrase_is_not_also_counted_as_the_shorter_one():
    tokens = make_tokens({("1", "A"): "Re-education camps and camps and the Chinese Communist Party, the Communist Party."})
    rates = framing_rates(tokens, LEXICON).set_index("phrase")
    assert rates.loc["re-education camps", "n"] == 1
    assert rates.loc["camps", "n"] == 1  # the bare one only
    assert rates.loc["Chinese Communist Party", "n"] == 1
    assert rates.loc["Communist Party", "n"] == 1
    assert rates.loc["camps", "concept_n"] == 2


def test_shares_within_concept_rates_and_zero_rows():
    tokens = make_tokens(
        {
            ("1", "A"): "China built concentration camps; China denies the camps.",
            ("2", "B"): "Nothing about it here at all.",
        }
    )
    rates = framing_rates(tokens, LEXICON)
    assert len(rates) == 2 * len(LEXICON)  # every group x phrase, zeros included
    a = rates[rates["source"] == "A"].set_index("phrase")
    assert a.loc["concentration camps", "share"] == pytest.approx(0.5)
    assert a.loc["camps", "share"] == pytest.approx(0.5)
    assert a.loc["China", "share"] == pytest.approx(1.0)
    assert a.loc["China", "rate_per_10k"] == pytest.approx(10_000 * 2 / 8)  # 8 tokens
    b = rates[rates["source"] == "B"]
    assert (b["n"] == 0).all() and b["share"].isna().all()  # no framing phrases: shares undefined
    assert list(rates["phrase"][: len(LEXICON)]) == list(LEXICON["phrase"])  # lexicon order kept


def test_matching_is_on_the_folded_form():
    lexicon = pd.DataFrame({"concept": ["people"], "phrase": ["Uyghurs"], "note": [""]})
    tokens = make_tokens({("1", "A"): "Uighurs and UYGHURS and Uyghurs' homes."})
    assert framing_rates(tokens, lexicon)["n"].tolist() == [3]


def test_leading_phrase_per_concept():
    tokens = make_tokens({("1", "A"): "China and China and the Communist Party and camps."})
    lead = leading_phrases(framing_rates(tokens, LEXICON)).set_index("concept")
    assert lead.loc["state", "phrase"] == "China"
    assert lead.loc["state", "share"] == pytest.approx(2 / 3)
    assert lead.loc["facilities", "phrase"] == "camps"


def test_shipped_lexicon_loads_and_rejects_duplicates(tmp_path):
    lexicon = load_framing_lexicon()
    assert {"Chinese state", "facilities", "people", "acts"} <= set(lexicon["concept"])
    for phrase in ["Chinese Communist Party", "CCP", "concentration camps", "vocational training centers",
                   "Uyghurs", "ethnic minorities", "genocide", "human rights violations"]:
        assert phrase in set(lexicon["phrase"])
    bad = tmp_path / "lex.csv"
    bad.write_text("concept,phrase,note\na,Uyghurs,\nb,Uighurs,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="listed twice"):
        load_framing_lexicon(bad)
    blank = tmp_path / "blank.csv"
    blank.write_text("concept,phrase\na,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="blank"):
        load_framing_lexicon(blank)


def test_matches_carry_concept():
    tokens = make_tokens({("1", "A"): "The camps."})
    matches = framing_matches(tokens, LEXICON)
    assert matches[["phrase", "concept"]].values.tolist() == [["camps", "facilities"]]


def test_leading_phrase_reports_ties_and_share_table_keeps_lexicon_order():
    tokens = make_tokens({("1", "A"): "Re-education camps and concentration camps."})
    rates = framing_rates(tokens, LEXICON)
    lead = leading_phrases(rates).set_index("concept")
    assert lead.loc["facilities", "phrase"] == "re-education camps"
    assert lead.loc["facilities", "tied_with"] == "concentration camps"
    wide = share_table(rates)
    assert list(wide.index.get_level_values("phrase")) == list(LEXICON["phrase"])
    assert wide.loc[("facilities", "concentration camps"), "A"] == pytest.approx(50.0)
