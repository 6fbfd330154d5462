"""Notebook 01's measures at any size: dispersion thirds per source, the chosen articles, and
MATTR held to the plain sliding-window reference."""
import numpy as np
import pandas as pd
import pytest

from analysis.measures.context import choose_articles, dispersion_summary
from analysis.measures.diversity import diversity, moving_ttr


def test_dispersion_summary_thirds_per_source():
    disp = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "c"],
            "source": ["S", "S", "S", "S", "T"],
            "term": ["x", "x", "y", "x", "x"],
            "position": [0.0, 0.5, 1.0, 0.34, 2 / 3],
        }
    )
    out = dispersion_summary(disp).set_index(["source", "term"])
    assert out.loc[("S", "x"), ["n", "articles"]].tolist() == [3, 2]
    assert out.loc[("S", "x"), ["share_first", "share_middle", "share_last"]].tolist() == pytest.approx([1 / 3, 2 / 3, 0])
    assert out.loc[("S", "y"), "share_last"] == 1.0  # position 1 is in the last third
    assert out.loc[("T", "x"), "share_last"] == 1.0  # 2/3 starts the last third
    whole = dispersion_summary(disp, by=None).set_index("term")
    assert whole.loc["x", "n"] == 4 and whole.columns.tolist()[:2] == ["n", "articles"]


def test_choose_articles_bounded_and_deterministic():
    disp = pd.DataFrame({"source": ["S", "S", "S", "T", "T", "U"], "article_id": ["b", "b", "a", "d", "c", "e"]})
    assert choose_articles(disp, ["S", "T", "U"], k=2) == ["b", "c"]  # T: tie of one hit each -> smallest id
    assert choose_articles(disp, ["V", "U"], k=4) == ["e"]  # a source without hits is skipped


def _tokens(articles):
    rows = []
    for aid, (source, words) in articles.items():
        for i, w in enumerate(words):
            rows.append((aid, source, i, w, True))
    rows.append(("zz", "S", 0, "7", False))  # a number: not a word
    return pd.DataFrame(rows, columns=["article_id", "source", "token_id", "norm", "is_alpha"])


def test_mattr_equals_the_sliding_window_reference():
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(12)]
    articles = {f"a{i}": ("S" if i % 2 else "T", list(rng.choice(vocab, size=int(rng.integers(1, 40)))))
                for i in range(25)}
    tokens = _tokens(articles).sample(frac=1, random_state=1)  # any row order
    for window in (1, 5, 17):
        out = diversity(tokens, by="article", window=window).set_index("article_id")
        for aid, (_, words) in articles.items():
            assert out.loc[aid, "mattr"] == pytest.approx(moving_ttr(words, window).mean()), (aid, window)
            assert out.loc[aid, "n_types"] == len(set(words)) and out.loc[aid, "short"] == (len(words) < window)
        per_source = diversity(tokens, by="source", window=window).set_index("source")
        for source in ("S", "T"):
            windows = np.concatenate([moving_ttr(w, window) for s, w in articles.values() if s == source])
            assert per_source.loc[source, "mattr"] == pytest.approx(windows.mean())
            assert per_source.loc[source, "n_types"] == len({x for s, w in articles.values() if s == source for x in w})


def test_overall_terms_sums_the_groups():
    from analysis.measures.counts import overall_terms

    counts = pd.DataFrame({"source": ["A", "A", "B", "B"], "term": ["z", "y", "y", "x"], "n": [3, 1, 2, 4]})
    assert overall_terms(counts, k=2) == ["x", "y"]  # x: 4; y: 1 + 2 = 3 ties z: 3, alphabetical
    assert overall_terms(counts, k=3) == ["x", "y", "z"]
    assert overall_terms(counts, k=5, min_n=4) == ["x"]


def test_matches_do_not_depend_on_the_order_of_the_token_rows(tmp_path):
    from handmade import make_corpus

    from analysis.findings.terms import KEY_TERMS
    from analysis.measures.context import dispersion, kwic
    from analysis.measures.phrases import find_phrases

    corpus = make_corpus(tmp_path, {
        "a": ("Alpha", "Human rights groups saw the camps. Camps in Xinjiang grew.\nThe UN asked about human rights."),
        "b": ("Beta", "Uighur camps, and more camps. Rights."),
    })
    shuffled = corpus.tokens.sample(frac=1, random_state=7)
    assert find_phrases(shuffled, KEY_TERMS).equals(find_phrases(corpus.tokens, KEY_TERMS))
    assert dispersion(shuffled, KEY_TERMS).equals(dispersion(corpus.tokens, KEY_TERMS))
    regex = kwic(shuffled, corpus.articles, r"human rights|camps?", window=2, regex=True)
    assert regex.equals(kwic(corpus.tokens, corpus.articles, r"human rights|camps?", window=2, regex=True))
    assert regex["match"].tolist() == ["Human rights", "camps", "Camps", "human rights", "camps", "camps"]
    assert regex["left"].tolist()[2] == ""  # the previous sentence is not context
