"""Every input form (folder of .txt, CSV, TSV, JSON lines, JSON list, Parquet, HTML pages) of the
same articles gives the same frames; column names are guessed or given; dates keep their precision."""
import warnings

import pandas as pd
import pytest

from analysis import CorpusWarning, load_corpus
from analysis.corpus.dates import parse_published
from analysis.config import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"

FORMS = FIXTURES / "forms"
TABLES = ["articles.csv", "articles.tsv", "articles.jsonl", "articles.json", "articles.parquet"]
PER_FILE = ["file", "raw_text", "encoding"]


@pytest.fixture(scope="module")
def folder():
    return load_corpus(FIXTURES / "three_sources")


@pytest.mark.parametrize("name", TABLES)
def test_each_table_form_gives_the_same_frames_as_the_folder(folder, name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        corpus = load_corpus(FORMS / name)
    pd.testing.assert_frame_equal(corpus.articles.drop(columns=PER_FILE), folder.articles.drop(columns=PER_FILE))
    assert (corpus.articles["file"] == name).all()
    for frame in ("paragraphs", "sentences", "tokens"):
        pd.testing.assert_frame_equal(getattr(corpus, frame), getattr(folder, frame))
    pd.testing.assert_frame_equal(corpus.removed.drop(columns="file"), folder.removed.drop(columns="file"))


def test_html_pages_give_the_same_text_and_metadata_from_the_pages(folder):
    with pytest.warns(CorpusWarning, match="no metadata.csv; 3 article.*HTML page gives its own title"):
        corpus = load_corpus(FORMS / "html")
    same = ["article_id", "outlet", "title", "author", "published", "published_date", "published_precision",
            "source", "text", "n_chars", "n_paragraphs", "n_sentences", "n_tokens"]
    pd.testing.assert_frame_equal(corpus.articles[same], folder.articles[same])
    pd.testing.assert_frame_equal(corpus.tokens, folder.tokens)
    boiler = corpus.removed[corpus.removed["rule"] == "html_boilerplate"]
    for page in ["a1.html", "a2.html", "a3.html"]:
        dropped = set(boiler.loc[boiler["file"] == page, "text"])
        assert {"Home", "Subscribe", "Most read", "Privacy policy"} <= dropped, dropped
        assert any(t.startswith("Copyright 2024") for t in dropped)
    assert not any("footbridge" in t.lower() and len(t) > 80 for t in boiler["text"])


def test_published_keeps_its_precision_on_the_seeds():
    a = load_corpus().articles.set_index("article_id")
    assert a.at["000", "published"] == "2021-03-23/.." and a.at["003", "published"] == "2019-07"
    assert str(a["published_date"].dtype) == "datetime64[us, UTC]"
    assert a.at["000", "published_date"] == pd.Timestamp("2021-03-23", tz="UTC")
    assert pd.isna(a.at["000", "published_end"]) and a.at["000", "published_precision"] == "day"
    assert a.at["003", "published_date"] == pd.Timestamp("2019-07-01", tz="UTC")
    assert a.at["003", "published_end"] == pd.Timestamp("2019-08-01", tz="UTC")
    assert a.at["003", "published_precision"] == "month"


@pytest.mark.parametrize("text, start, end, precision", [
    ("2021", "2021-01-01", "2022-01-01", "year"),
    ("2021-03", "2021-03-01", "2021-04-01", "month"),
    ("2021-03-23", "2021-03-23", "2021-03-24", "day"),
    ("2021-03-23T10:30:00+02:00", "2021-03-23 08:30", "2021-03-23 08:30", "time"),
    ("2021-03-23 10:30", "2021-03-23 10:30", "2021-03-23 10:30", "time"),
    ("Tue, 23 Mar 2021 10:30:00 GMT", "2021-03-23 10:30", "2021-03-23 10:30", "time"),
    ("March 23, 2021", "2021-03-23", "2021-03-24", "day"),
    ("2021-03-23/..", "2021-03-23", None, "day"),
    ("../2021-03", None, "2021-04-01", "month"),
    ("2021-03-01/2021-03-15", "2021-03-01", "2021-03-16", "day"),
])
def test_published_forms(text, start, end, precision):
    got = parse_published(text)
    stamp = lambda v: pd.NaT if v is None else pd.Timestamp(v, tz="UTC")  # noqa: E731
    assert got[0] is stamp(start) or got[0] == stamp(start)
    assert got[1] is stamp(end) or got[1] == stamp(end)
    assert got[2] == precision


@pytest.mark.parametrize("text", ["yesterday", "2021-13", "2021-02-30", "../..", "2021-05-01/2021-04-01"])
def test_unreadable_published_values(text):
    assert parse_published(text) is None


def test_unparseable_dates_warn_naming_the_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,date,text\nx,2021-05-01,Officials met on Monday.\ny,soon,Officials met again.\n"
                    "z,2021-02-30,They met once more.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"a.csv: published date not understood in 2 .*row 2 .*'soon'.*row 3"):
        corpus = load_corpus(path)
    assert corpus.articles["published"].tolist() == ["2021-05-01", "soon", "2021-02-30"]
    assert corpus.articles["published_date"].isna().tolist() == [False, True, True]


def test_explicit_columns_override_the_guess_and_other_columns_are_docvars(tmp_path):
    path = tmp_path / "stories.csv"
    path.write_text("Stories_ID,Media_Name,section,text,story\n"
                    "2,Planet,World,ignored,The envoy left on Monday.\n"
                    "1,Star,Local,ignored,The mayor spoke on Friday.\n", encoding="utf-8")
    corpus = load_corpus(path, columns={"text": "story"})
    a = corpus.articles
    assert a["article_id"].tolist() == ["1", "2"]  # sorted, as from a folder
    assert a["source"].tolist() == ["Star", "Planet"] and a["section"].tolist() == ["Local", "World"]
    assert a["doc_text"].tolist() == ["ignored", "ignored"]  # a docvar named like a corpus column
    assert corpus.text("2") == "The envoy left on Monday."
    assert corpus.tokens["article_id"].cat.categories.tolist() == ["1", "2"]
    assert corpus.tokens.groupby("article_id", observed=True).size().tolist() == [5, 5]
    assert corpus.tokens["article_id"].is_monotonic_increasing


def test_a_table_without_ids_numbers_its_rows(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"body": "First story here."}\n\n{"body": "Second story here."}\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.articles["article_id"].tolist() == ["000001", "000002"]


def test_metadata_without_ids_takes_them_from_file_names(tmp_path):
    (tmp_path / "first-article.txt").write_text("Officials met in Geneva on Monday.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,title,author,date,url,desk\nfirst-article.txt,Daily Planet,Head,Jane Doe,2021-05-12,,World\n",
        encoding="utf-8")
    a = load_corpus(tmp_path).articles
    assert a.at[0, "article_id"] == "first-article" and a.at[0, "published"] == "2021-05-12"
    assert a.at[0, "published_precision"] == "day" and a.at[0, "desk"] == "World"


def test_metadata_without_file_column_finds_the_file_by_id(tmp_path):
    (tmp_path / "a1.txt").write_text("Officials met in Geneva on Monday.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("ID,Outlet\na1,Daily Planet\n", encoding="utf-8")
    a = load_corpus(tmp_path).articles
    assert a.at[0, "file"] == "a1.txt" and a.at[0, "source"] == "Daily Planet"


def test_columns_apply_to_a_folder_metadata_file(tmp_path):
    (tmp_path / "a1.txt").write_text("Officials met in Geneva on Monday.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("key,paper,when\na1,Daily Planet,2021-05\n", encoding="utf-8")
    a = load_corpus(tmp_path, columns={"article_id": "key", "outlet": "paper", "published": "when"}).articles
    assert a.at[0, "source"] == "Daily Planet" and a.at[0, "published_precision"] == "month"
