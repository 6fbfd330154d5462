"""Issue 17, the loader's part: nothing is read that should not be, nothing is silently wrong.

One test (or one parametrised group) per finding.  Each asserts the error (its class, the file
and the problem named) or the correct result, and that the input files are unchanged.  The
findings that concern text hold for every input form: a folder of ``.txt`` files, of ``.html``
pages, and the table files (CSV, TSV, JSON lines, JSON list, Parquet).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import time
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import (CorpusError, CorpusWarning, add_source, count_terms, dispersion, keyness, kwic, load_corpus,
                      tfidf, top_terms)
from analysis.corpus import rules

GOOD = "Officials met in Geneva on Monday. They discussed the letter.\n"
HEADER = "article_id,file,outlet\n"


# --------------------------------------------------------------------------- helpers


def snapshot(root: Path) -> dict:
    """Every regular file under ``root`` (links not followed) with its SHA-256."""
    if root.is_file():
        return {root.name: hashlib.sha256(root.read_bytes()).hexdigest()}
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(root))] = "-> " + os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def refused(path: Path, *fragments: str, watch: Path | None = None) -> str:
    """The ``CorpusError`` of loading ``path``: its message holds every fragment, has no
    traceback, and the files under ``watch`` (default ``path``) are unchanged."""
    watch = watch or path
    before = snapshot(watch)
    with pytest.raises(CorpusError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus(path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in message
    assert snapshot(watch) == before, "input files were modified"
    return message


def loaded(path: Path):
    """``(corpus, corpus warnings)`` of loading ``path``; the input files are unchanged."""
    before = snapshot(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    assert snapshot(path) == before, "input files were modified"
    return corpus, [w for w in caught if issubclass(w.category, CorpusWarning)]


def messages(caught) -> str:
    return "\n".join(str(w.message) for w in caught)


#: Every input form, written from ``{article_id: text}`` (bytes as given for the text forms).
def as_txt(folder: Path, texts: dict) -> Path:
    for i, text in texts.items():
        write(folder, f"{i}.txt", text)
    write(folder, "metadata.csv", HEADER + "".join(f"{i},{i}.txt,Outlet {i}\n" for i in texts))
    return folder


def as_html(folder: Path, texts: dict) -> Path:
    for i, text in texts.items():
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
        write(folder, f"{i}.html", f"<html><head><title>Story {i}</title></head><body><main><article>\n"
                                    f"<h1>Story {i}</h1>\n{body}</article></main></body></html>\n")
    write(folder, "metadata.csv", HEADER + "".join(f"{i},{i}.html,Outlet {i}\n" for i in texts))
    return folder


def _quoted(text: str, delimiter: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def as_csv(folder: Path, texts: dict, delimiter: str = ",", suffix: str = "csv") -> Path:
    lines = [delimiter.join(["id", "outlet", "text"])]
    lines += [delimiter.join([i, f"Outlet {i}", _quoted(t, delimiter)]) for i, t in texts.items()]
    return write(folder, f"articles.{suffix}", "\n".join(lines) + "\n")


def as_tsv(folder: Path, texts: dict) -> Path:
    return as_csv(folder, texts, "\t", "tsv")


def as_jsonl(folder: Path, texts: dict) -> Path:
    return write(folder, "articles.jsonl", "".join(json.dumps({"id": i, "outlet": f"Outlet {i}", "text": t},
                                                              ensure_ascii=False) + "\n" for i, t in texts.items()))


def as_json(folder: Path, texts: dict) -> Path:
    items = [{"id": i, "outlet": f"Outlet {i}", "text": t} for i, t in texts.items()]
    return write(folder, "articles.json", json.dumps(items, ensure_ascii=False))


def as_parquet(folder: Path, texts: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.parquet"
    pq.write_table(pa.table({"id": list(texts), "outlet": [f"Outlet {i}" for i in texts], "text": list(texts.values())}),
                   path)
    return path


FORMS = {"txt": as_txt, "html": as_html, "csv": as_csv, "tsv": as_tsv, "jsonl": as_jsonl, "json": as_json,
         "parquet": as_parquet}


def tokens_of(corpus, article_id: str) -> list[str]:
    rows = corpus.tokens[corpus.tokens["article_id"] == article_id]
    text = corpus.text(article_id)
    assert [text[s:e] for s, e in zip(rows["start"], rows["end"])] == list(rows["token"].astype(str))
    return list(rows["token"].astype(str))


# --------------------------------------------------------------------------- files outside the corpus


def test_an_unlisted_link_to_a_file_outside_the_folder_is_refused(tmp_path):
    outside = write(tmp_path, "secret.txt", "The password is swordfish.\n")
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    (corpus / "passwd.txt").symlink_to(outside)
    message = refused(corpus, "passwd.txt", "link to a file outside the corpus folder", watch=tmp_path)
    assert str(tmp_path) not in message  # the target's path is not printed


def test_a_listed_link_to_a_file_outside_the_folder_is_refused(tmp_path):
    outside = write(tmp_path, "secret.txt", "The password is swordfish.\n")
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    (corpus / "b.txt").symlink_to(outside)
    write(corpus, "metadata.csv", HEADER + "a,a.txt,X\nb,b.txt,Y\n")
    refused(corpus, "metadata.csv", "line 3", "b.txt", "outside the corpus folder", watch=tmp_path)


def test_a_link_to_another_article_is_the_same_file_twice(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    (tmp_path / "copy.txt").symlink_to("a.txt")
    refused(tmp_path, "a.txt and copy.txt are the same file")


def test_a_hard_link_is_the_same_file_twice(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,X\nb,b.txt,Y\n")
    refused(tmp_path, "a.txt and b.txt are the same file")


def test_one_file_listed_under_two_paths_is_refused(tmp_path):
    write(tmp_path, "sub/s.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "s1,sub/s.txt,X\ns2,sub/../sub/s.txt,Y\n")
    refused(tmp_path, "sub/s.txt and sub/../sub/s.txt are the same file")


def test_a_link_inside_the_folder_to_a_file_inside_it_is_read(tmp_path):
    write(tmp_path, "store/a.txt", GOOD)
    (tmp_path / "a.txt").symlink_to("store/a.txt")
    corpus, caught = loaded(tmp_path)
    assert list(corpus.articles["article_id"]) == ["a"]
    assert corpus.text("a") == GOOD.strip()


def test_a_metadata_csv_that_links_outside_is_refused(tmp_path):
    outside = write(tmp_path, "other.csv", HEADER + "a,a.txt,X\n")
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    (corpus / "metadata.csv").symlink_to(outside)
    refused(corpus, "metadata.csv", "outside the corpus folder", watch=tmp_path)


# --------------------------------------------------------------------------- FIFOs, folders


def test_a_fifo_named_in_metadata_is_refused_without_waiting(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,X\np,pipe.txt,Y\n")
    refused(tmp_path, "metadata.csv", "line 3", "pipe.txt", "FIFO")


def test_a_folder_named_in_metadata_is_refused(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    (tmp_path / "chapter").mkdir()
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,X\nc,chapter,Y\n")
    refused(tmp_path, "metadata.csv", "line 3", "chapter", "is a folder, not a file")


def test_unlisted_fifos_and_folders_named_like_articles_are_skipped_with_a_warning(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "notes.txt").mkdir()
    corpus, caught = loaded(tmp_path)
    assert list(corpus.articles["article_id"]) == ["a"]
    assert "2 entry(ies) named like articles skipped" in messages(caught)
    assert "notes.txt (is a folder, not a file)" in messages(caught)
    assert "pipe.txt (is a FIFO" in messages(caught)


def test_a_fifo_given_as_the_table_is_refused(tmp_path):
    os.mkfifo(tmp_path / "articles.csv")
    with pytest.raises(CorpusError, match="articles.csv: a FIFO"):
        load_corpus(tmp_path / "articles.csv")


# --------------------------------------------------------------------------- hangs and long tokens


def _seconds(text: str) -> float:
    from analysis.corpus.load import corpus_from_texts

    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        corpus_from_texts({"a": text})
        best = min(best, time.perf_counter() - started)
    return best


SHAPES = {"periods": lambda n: "." * n, "exclamations": lambda n: "!" * n,
          "spaces": lambda n: "Word." + " " * n + "Next.", "brackets": lambda n: "Word." + ")" * n + " Next.",
          "No. 5": lambda n: "No. 5 " * (n // 6), "initials": lambda n: "J. Smith " * (n // 9),
          "acronyms": lambda n: "U.S. Army " * (n // 10), "I.": lambda n: "you and I. Did " * (n // 15)}


@pytest.mark.parametrize("shape", SHAPES)
def test_long_runs_load_in_time_proportional_to_their_length(shape):
    """A paragraph of each shape that was quadratic (runs of periods or exclamation marks;
    abbreviations, initials, acronyms or "I." at every other word) or said to be slow (runs of
    spaces or closing brackets after a period): four times as long takes about four times as
    long (a quadratic cost would take sixteen; 800,000 characters of "No. 5 " took 8 s).  The
    fastest of three runs of each, so that a moment of a busy machine is not taken for cost."""
    _seconds("Warm up. The patterns.")
    short = min(_seconds(SHAPES[shape](100_000)) for _ in range(3))
    long = min(_seconds(SHAPES[shape](400_000)) for _ in range(3))
    assert long < 8 * short + 0.05, (short, long)


def test_a_token_over_the_maximum_length_is_kept_with_a_warning(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "blob.txt", "Data: " + "x" * 100_000 + " end.\n")
    corpus, caught = loaded(tmp_path)
    assert rules.MAX_TOKEN_CHARS == 100
    assert "x" * 100_000 in tokens_of(corpus, "blob")
    text = messages(caught)
    assert f"1 article(s) with a token over {rules.MAX_TOKEN_CHARS} characters" in text
    assert "blob (longest such token: 100,000 characters)" in text


# --------------------------------------------------------------------------- articles without words


def test_an_article_without_words_is_named_at_load_and_the_measures_run(tmp_path):
    texts = {"a": "Officials met in Geneva on Monday. The camps were discussed. Genocide was alleged.\n",
             "b": "The Ledger reported camps and genocide claims in Xinjiang. Officials denied it.\n",
             "e": "😀 😀 !!! 🎉\n", "p": "... --- !!!\n"}
    for i, text in texts.items():
        write(tmp_path, f"{i}.txt", text)
    # e shares a source with a; p is a source of its own with no words at all
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,Daily Planet\nb,b.txt,The Ledger\ne,e.txt,Daily Planet\n"
                                             "p,p.txt,Punctuation Post\n")
    corpus, caught = loaded(tmp_path)
    assert "2 article(s) with no word tokens (only punctuation, emoji or symbols): e, p" in messages(caught)
    assert corpus.articles.set_index("article_id").loc[["e", "p"], "n_tokens"].tolist() == [0, 0]
    # what notebooks 01 and 02 compute
    tokens = add_source(corpus.tokens, corpus.articles)
    counts = count_terms(tokens, by="source", n=1)
    assert set(counts["source"]) == {"Daily Planet", "The Ledger"}
    assert len(top_terms(counts, k=12)) > 0
    assert len(count_terms(tokens, by="source", n=2)) > 0
    assert set(tfidf(tokens, doc="article")["article_id"]) == {"a", "b"}
    assert len(tfidf(tokens, doc="paragraph", sublinear_tf=True, norm="l2", min_df=1)) > 0
    for source in sorted(tokens["source"].unique()):  # the sources that have words
        assert len(keyness(counts, source, total="total_tokens", min_count=1)) > 0
    with pytest.raises(KeyError, match="Punctuation Post"):  # a source without words is none of the groups
        keyness(counts, "Punctuation Post", total="total_tokens")
    assert len(kwic(tokens, corpus.articles, r"camps?", window=6, regex=True)) == 2
    assert len(kwic(tokens, corpus.articles, "genocide", window="sentence")) == 2
    assert set(dispersion(tokens, ["genocide", "camps"])["article_id"]) == {"a", "b"}


# --------------------------------------------------------------------------- metadata.csv and table headers


def test_metadata_with_a_repeated_column_name_is_refused(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", "article_id,file,title,title\na,a.txt,x,y\n")
    refused(tmp_path, "metadata.csv", "line 1", "column name(s) repeated", "title")


@pytest.mark.parametrize("content", [",,,\n,,,\n", ",,\n", "\n\n,,,\na,a.txt,X,\n"])
def test_metadata_of_only_commas_is_refused(tmp_path, content):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", content)
    refused(tmp_path, "metadata.csv", "the header names no column")


def test_metadata_column_without_a_name_is_dropped_when_empty_and_refused_when_not(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", "article_id,file,outlet,\na,a.txt,X,\n")
    corpus, _ = loaded(tmp_path)
    assert "" not in corpus.articles.columns and corpus.articles.at[0, "source"] == "X"
    write(tmp_path, "metadata.csv", "article_id,file,outlet,\na,a.txt,X,oops\n")
    refused(tmp_path, "metadata.csv", "line 2", "column 4", "blank")


@pytest.mark.parametrize("form", ["csv", "tsv"])
def test_a_table_with_a_repeated_column_name_is_refused(tmp_path, form):
    sep = "," if form == "csv" else "\t"
    path = write(tmp_path, f"a.{form}", sep.join(["id", "text", "text"]) + "\n" + sep.join(["1", "One.", "Two."]) + "\n")
    refused(path, f"a.{form}", "line 1", "column name(s) repeated", "text")


def test_a_parquet_table_with_a_repeated_column_name_is_refused(tmp_path):
    path = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array(["1"]), pa.array(["One."]), pa.array(["Two."])],
                                        names=["id", "text", "text"]), path)
    refused(path, "a.parquet", "column name(s) repeated", "text")


def test_a_csv_of_only_commas_is_refused(tmp_path):
    path = write(tmp_path, "a.csv", ",,,\n,,,\n")
    refused(path, "a.csv", "line 1", "the header names no column")


def test_a_csv_value_in_a_column_without_a_name_is_refused(tmp_path):
    path = write(tmp_path, "a.csv", "id,text,\n1,One.,\n2,Two.,stray\n")
    refused(path, "a.csv", "row 2 (line 3)", "column 3", "blank")


# --------------------------------------------------------------------------- silently wrong counts


@pytest.mark.parametrize("form", FORMS)
def test_soft_hyphens_and_zero_width_spaces_do_not_split_words(tmp_path, form):
    raw = "The geno\u00adcide claim and the geno\u200bcide claim\u2060s were denied.\n"
    path = FORMS[form](tmp_path / "in", {"a": raw, "b": GOOD})
    corpus, _ = loaded(path)
    assert tokens_of(corpus, "a") == ["The", "genocide", "claim", "and", "the", "genocide", "claims", "were", "denied"]
    assert not any(c in corpus.text("a") for c in "\u00ad\u200b\u2060")
    if form != "html":
        assert "geno\u00adcide" in corpus.articles.set_index("article_id").at["a", "raw_text"]


@pytest.mark.parametrize("form", FORMS)
def test_combining_marks_stay_inside_words(tmp_path, form):
    arabic = "مَدْرَسَةٌ كَبِيرَةٌ"  # vowel-marked Arabic: two words
    hindi = "हिन्दी भाषा"  # Devanagari with vowel signs and virama: two words
    path = FORMS[form](tmp_path / "in", {"a": f"{arabic}. {hindi}.\n", "b": GOOD})
    corpus, _ = loaded(path)
    assert tokens_of(corpus, "a") == ["مَدْرَسَةٌ", "كَبِيرَةٌ", "हिन्दी", "भाषा"]


@pytest.mark.parametrize("form", FORMS)
def test_han_and_kana_are_one_token_per_character_and_thai_is_warned(tmp_path, form):
    path = FORMS[form](tmp_path / "in", {"zh": "中国外交部发言人表示反对。\n", "ja": "東京でカタカナとひらがな。\n",
                                         "th": "กระทรวงการต่างประเทศไทยแถลง\n", "en": GOOD})
    corpus, caught = loaded(path)
    assert tokens_of(corpus, "zh") == list("中国外交部发言人表示反对")
    assert tokens_of(corpus, "ja") == list("東京でカタカナとひらがな")
    assert tokens_of(corpus, "th") == ["กระทรวงการต่างประเทศไทยแถลง"]
    assert "1 article(s) written in Thai, Lao, Khmer or Myanmar" in messages(caught)
    assert "word counts do not apply to th" in messages(caught)


def test_upper_case_suffixes_are_found(tmp_path):
    write(tmp_path, "A.TXT", GOOD)
    write(tmp_path, "b.Html", "<html><body><article><p>" + GOOD.strip() + " More was said in the long text here.</p>"
                              "</article></body></html>")
    corpus, caught = loaded(tmp_path)
    assert list(corpus.articles["file"]) == ["A.TXT", "b.Html"]
    assert corpus.text("A") == GOOD.strip()
    assert "2 article(s) loaded with blank metadata" in messages(caught)
    # a metadata.csv of ids alone finds <id>.TXT too
    write(tmp_path, "metadata.csv", "article_id,outlet\nA,X\nb,Y\n")
    corpus, _ = loaded(tmp_path)
    assert list(corpus.articles["file"]) == ["A.TXT", "b.Html"] and list(corpus.articles["source"]) == ["X", "Y"]


def test_metadata_is_read_as_csv_with_quoted_line_breaks(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD.replace("Geneva", "Vienna"))
    write(tmp_path, "metadata.csv", 'article_id,file,outlet,notes\na,a.txt,X,"first line\nsecond, line"\nb,b.txt,Y,\n')
    corpus, caught = loaded(tmp_path)
    assert corpus.articles.set_index("article_id").at["a", "notes"] == "first line\nsecond, line"
    assert list(corpus.articles["source"]) == ["X", "Y"]
    assert not caught


def test_an_unclosed_quote_in_metadata_names_the_line_where_it_opens(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD)
    write(tmp_path, "c.txt", GOOD)
    write(tmp_path, "metadata.csv", 'article_id,file,outlet\na,a.txt,X\nb,b.txt,"Y\nc,c.txt,Z\n')
    refused(tmp_path, "metadata.csv", "line 3", "quote", "never closed")


CUT = "Le café du ministère était fermé. Die Straße war leer. Конец".encode() + "ж".encode()[:1]


@pytest.mark.parametrize("form", ["txt", "csv", "tsv"])
def test_a_utf8_file_cut_inside_its_last_character_loses_only_that_character(tmp_path, form):
    """The file ends after the first byte of a two-byte character: that byte is dropped, with a
    warning; the rest is read as UTF-8 (before, the whole file was read as Windows-1252)."""
    if form == "txt":
        write(tmp_path, "a.txt", CUT)
        path = tmp_path
    else:
        sep = "," if form == "csv" else "\t"
        path = write(tmp_path, f"a.{form}", f"id{sep}text\nb{sep}{GOOD.strip()}\na{sep}".encode() + CUT)
    corpus, caught = loaded(path)
    assert "ends inside a character" in messages(caught) and "the last 1 byte(s)" in messages(caught)
    assert corpus.text("a") == CUT[:-1].decode()
    assert set(corpus.articles["encoding"]) == {"utf-8"}


@pytest.mark.parametrize("form", ["jsonl", "json"])
def test_a_json_file_cut_inside_its_last_character_is_broken_json(tmp_path, form):
    data = json.dumps({"id": "a", "text": "café"}, ensure_ascii=False).encode()
    path = write(tmp_path, f"a.{form}", (b"[" if form == "json" else b"") + data[:-2] + "ж".encode()[:1])
    refused(path, f"a.{form}", "not valid JSON")


def test_a_file_that_ends_in_a_lone_high_byte_and_is_otherwise_ascii_is_still_windows_1252(tmp_path):
    write(tmp_path, "a.txt", b"The envoy left the caf\xe9")
    corpus, caught = loaded(tmp_path)
    assert corpus.text("a") == "The envoy left the café"
    assert "cp1252" in messages(caught)


# --------------------------------------------------------------------------- determinism


def test_warnings_name_files_inside_the_corpus_never_a_path(tmp_path):
    folder = tmp_path / "my-corpus"
    write(folder, "a.txt", GOOD)
    write(folder, "e.txt", "😀\n")
    write(folder, "w.txt", "The caf\xe9 was closed.\n".encode("cp1252"))
    _, caught = loaded(folder)
    assert len(caught) == 3
    for w in caught:
        shown = warnings.formatwarning(w.message, w.category, w.filename, w.lineno)
        assert shown.startswith("<corpus my-corpus>:0: CorpusWarning: "), shown
        assert str(tmp_path) not in shown and "ipykernel" not in shown and str(os.getpid()) not in shown


@pytest.mark.parametrize("metadata, expected", [
    ("article_id,file,title,title\na,a.txt,x,y\n", "error: metadata.csv: line 1: column name(s) repeated in the header: title"),
    (",,,\n,,,\n", "error: metadata.csv: line 1: the header names no column"),
    ('article_id,file\na,"a.txt\n', "error: metadata.csv: line 2: not valid CSV: a quote opened in this row is never closed"),
])
def test_the_report_refuses_bad_metadata_in_one_line_with_exit_2(tmp_path, capsys, metadata, expected):
    from analysis.tools.cli import main

    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    write(corpus, "metadata.csv", metadata)
    before = snapshot(tmp_path)
    assert main(["report", "--corpus", str(corpus), "--out", str(tmp_path / "report")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1 and "Traceback" not in err, err
    assert snapshot(tmp_path) == before and not (tmp_path / "report").exists()
