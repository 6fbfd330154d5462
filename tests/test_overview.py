"""Notebook 00's helpers on a hand-made corpus whose answers are known."""
import pytest

from analysis import load_corpus
from analysis.measures.overview import article_summary, removal_summary, variant_usage

HEADER = "article_id,file,outlet,title,author,published,url,notes\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The Uighur envoy spoke. Uyghurs listened.\nUighurs cheered loudly today.\nRecent Comments\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Sinkiang is Xinjiang. Beijing agreed.\nRead More: Other Story\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(HEADER + "a,a.txt,Paper A,,,,,\nb,b.txt,Paper B,,,,,\n", encoding="utf-8")
    return load_corpus(tmp_path)


def test_article_summary_counts(corpus):
    s = article_summary(corpus).set_index("article_id")
    assert s.at["a", "n_tokens"] == 10 and s.at["a", "n_sentences"] == 3 and s.at["a", "n_paragraphs"] == 2
    assert s.at["a", "mean_sentence_tokens"] == round(10 / 3, 1)
    assert s.at["b", "n_removed_lines"] == 1


def test_removal_summary(corpus):
    r = removal_summary(corpus)
    assert list(zip(r["article_id"], r["rule"], r["lines"])) == [("a", "comments_widget", 1), ("b", "read_more", 1)]
    assert r.loc[r["rule"] == "read_more", "characters"].item() == len("Read More: Other Story")


def test_variant_usage_counts_spellings_per_source(corpus):
    v = variant_usage(corpus)
    rows = {(r.source, r.canonical, r.spelling): (r.n, r.family_n, r.share, r.is_variant) for r in v.itertuples()}
    assert rows[("Paper A", "uyghurs", "uighurs")] == (1, 2, 0.5, True)
    assert rows[("Paper A", "uyghurs", "uyghurs")] == (1, 2, 0.5, False)
    assert rows[("Paper A", "uyghur", "uighur")] == (1, 1, 1.0, True)
    assert rows[("Paper B", "xinjiang", "sinkiang")] == (1, 2, 0.5, True)
    # beijing is never spelled 'peking' here, so the family is left out by default ...
    assert "beijing" not in set(v["canonical"])
    # ... and kept when asked for every family.
    assert "beijing" in set(variant_usage(corpus, only_varying=False)["canonical"])
