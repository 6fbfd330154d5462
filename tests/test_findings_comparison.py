"""Notebook 02's findings stay bounded whatever the number of sources ("and N more")."""
import pandas as pd

from analysis.findings.comparison import (MAX_LINES, MAX_NAMES, framing_findings, keyness_findings, listed,
                                          passage_findings, profile_findings, similarity_findings)

SOURCES = [f"S{i:02d}" for i in range(20)]


def test_listed():
    assert listed(["a"]) == "a"
    assert listed(["a", "b", "c"]) == "a, b and c"
    assert listed(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"


def test_profile_and_keyness_lines_are_bounded():
    profile = pd.DataFrame({"source": [s for s in SOURCES for _ in range(3)], "term": ["x", "y", "z"] * 20})
    lines = profile_findings(profile, SOURCES)
    assert len(lines) == MAX_LINES + 1 and lines[-1] == f"- … and {20 - MAX_LINES} more sources (see 02_profile.csv)."
    assert profile_findings(profile, SOURCES[:2]) == [
        "- Most characteristic terms of S00 (mean paragraph TF-IDF): x, y, z.",
        "- Most characteristic terms of S01 (mean paragraph TF-IDF): x, y, z."]
    table = pd.DataFrame({"target": SOURCES, "term": "camps", "n_target": 3, "n_reference": 1, "g2": 2.5,
                          "p_adjusted": 0.01})
    lines = keyness_findings(table, SOURCES, "fdr_bh")
    assert len(lines) == MAX_LINES + 1 and "15 more sources" in lines[-1]
    assert lines[0] == ("- Key terms of S00 vs the rest (G²): camps (3 vs 1, G² +2.5); 1 of 1 tested terms have "
                        "adjusted p < 0.05 (fdr_bh).")


def test_similarity_names_the_extremes_only():
    pairs = pd.DataFrame([(a, b, (i * 7 % 13) / 13) for i, (a, b) in
                          enumerate((a, b) for j, a in enumerate(SOURCES) for b in SOURCES[j + 1:])],
                         columns=["source_a", "source_b", "cosine"])
    lines = similarity_findings(pairs)
    best, worst = pairs.loc[pairs["cosine"].idxmax()], pairs.loc[pairs["cosine"].idxmin()]
    assert len(lines) == 1 and lines[0].startswith("- Of 190 pairs of sources, ")
    assert f"{best.source_a} and {best.source_b} are the most alike" in lines[0]
    assert f"{worst.source_a} and {worst.source_b} the least" in lines[0]
    one = similarity_findings(pairs.head(1))
    assert one == [f"- Cosine similarity of S00 and S01 (paragraph TF-IDF centroids): {pairs.cosine[0]:.2f}."]
    assert similarity_findings(pairs.head(0)) == []


def test_passages_without_matches_say_so():
    assert passage_findings(pd.DataFrame()) == ["- No paragraph shares a term with a paragraph of another source."]


def test_framing_groups_sources_by_leading_phrase():
    leading = pd.DataFrame({
        "source": SOURCES, "concept": "Chinese state",
        "phrase": ["China"] * 12 + ["Beijing"] * 5 + ["CCP", "Chinese state", "Communist Party"]})
    (line,) = framing_findings(leading)
    assert line == ("- 'Chinese state' is named most often as \"China\" by 12 sources (S00, S01, S02 and 9 more); "
                    "\"Beijing\" by 5 sources (S12, S13, S14 and 2 more); \"CCP\" by S17; 2 more phrases.")
    assert MAX_NAMES == 3
    two = framing_findings(leading.iloc[[0, 12]])
    assert two == ["- 'Chinese state' is named most often as \"China\" by S00; \"Beijing\" by S12."]
