"""Bad input gets a CorpusError naming the file and the problem; input files are never modified."""
import hashlib
import shutil
import warnings

import pytest

from analysis import CorpusError, CorpusWarning, load_corpus
from analysis.corpus import files as corpus_files
from analysis.corpus import metadata as corpus_metadata
from analysis.config import SEEDS_DIR

GOOD = "Officials met in Geneva on Monday. They discussed the letter.\n"
HEADER = "article_id,file,outlet,title,author,published,url,notes\n"


def snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def expect_error(folder, *fragments):
    before = snapshot(folder) if folder.is_dir() else None
    with pytest.raises(CorpusError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus(folder)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in message
    if before is not None:
        assert snapshot(folder) == before, "input files were modified"
    return message


def test_corpus_error_is_a_value_error():
    assert issubclass(CorpusError, ValueError)


def test_missing_folder(tmp_path):
    expect_error(tmp_path / "nope", "nope", "not found")


def test_a_file_instead_of_a_folder(tmp_path):
    path = write(tmp_path, "a.txt", GOOD)
    expect_error(path, "a.txt", "not a folder")


def test_folder_with_no_articles(tmp_path):
    write(tmp_path, "readme.md", "not an article")
    expect_error(tmp_path, tmp_path.name, "no articles")


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_or_whitespace_file(tmp_path, content):
    write(tmp_path, "blank.txt", content)
    expect_error(tmp_path, "blank.txt", "empty")


def test_binary_file(tmp_path):
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    expect_error(tmp_path, "image.txt", "binary")


def test_utf16_file(tmp_path):
    write(tmp_path, "wide.txt", GOOD.encode("utf-16"))
    expect_error(tmp_path, "wide.txt", "UTF-16")


def test_cp1252_text_loads_with_a_warning(tmp_path):
    write(tmp_path, "win.txt", "The envoy’s “letter” was read. It was long.\n".encode("cp1252"))
    write(tmp_path, "metadata.csv", HEADER + "win,win.txt,,,,,,\n")
    with pytest.warns(CorpusWarning, match="win.txt.*cp1252"):
        corpus = load_corpus(tmp_path)
    assert corpus.text("win") == "The envoy’s “letter” was read. It was long."
    assert corpus.articles.at[0, "encoding"] == "cp1252"


def test_undecodable_text_is_refused(tmp_path):
    # 0x81 and 0x8d are undefined in cp1252 and invalid as UTF-8.
    write(tmp_path, "bad.txt", b"Caf\x81 \x8d society met.\n")
    expect_error(tmp_path, "bad.txt", "not UTF-8")


def test_bom_and_crlf_load_correctly(tmp_path):
    write(tmp_path, "win.txt", b"\xef\xbb\xbfFirst line here.\r\nSecond line, Mr. Lee said.\r\n")
    write(tmp_path, "metadata.csv", b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode() + b"win,win.txt,,,,,,\r\n")
    corpus = load_corpus(tmp_path)
    assert corpus.text("win") == "First line here.\nSecond line, Mr. Lee said."
    assert list(corpus.paragraphs["paragraph_id"]) == [1, 2]
    assert corpus.tokens.iloc[0]["token"] == "First"


def test_metadata_row_whose_file_is_missing(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,,,,,,\nb,b.txt,,,,,,\n")
    expect_error(tmp_path, "metadata.csv", "b.txt", "does not exist")


def test_article_without_metadata_row_loads_with_blank_metadata_and_a_warning(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "extra.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,Daily Planet,,,,,\n")
    with pytest.warns(CorpusWarning, match="extra.txt"):
        corpus = load_corpus(tmp_path)
    row = corpus.articles.set_index("article_id").loc["extra"]
    assert row["outlet"] == "" and row["title"] == "" and row["source"] == "unknown outlet (extra)"


def test_folder_without_metadata_loads_every_txt_with_one_warning(tmp_path):
    write(tmp_path, "b.txt", GOOD)
    write(tmp_path, "a.txt", GOOD)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    assert list(corpus.articles["article_id"]) == ["a", "b"]
    assert [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)] == [
        f"{tmp_path.name}: no metadata.csv; 2 article(s) loaded with blank metadata (ids are the file names without .txt)"
    ]


def test_duplicate_article_ids(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "x,a.txt,,,,,,\nx,b.txt,,,,,,\n")
    expect_error(tmp_path, "metadata.csv", "duplicate", "x")


def test_file_without_metadata_clashing_with_an_id(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "b,a.txt,,,,,,\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        expect_error(tmp_path, "duplicate article id", "b")


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/hostname"])
def test_metadata_file_escaping_the_folder(tmp_path, name):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    write(tmp_path, "outside.txt", GOOD)
    write(corpus_dir, "a.txt", GOOD)
    write(corpus_dir, "metadata.csv", HEADER + f"a,a.txt,,,,,,\nz,{name},,,,,,\n")
    expect_error(corpus_dir, "metadata.csv", name, "outside the corpus folder")


def test_metadata_missing_required_column(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", "outlet,title\nX,Y\n")
    expect_error(tmp_path, "metadata.csv", "missing required column", "article_id or file", "outlet, title")


def test_metadata_ragged_row(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,too,many,fields,here,x,y,z\n")
    expect_error(tmp_path, "metadata.csv", "line 2")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_files, "MAX_FILE_BYTES", 100)
    write(tmp_path, "big.txt", "word " * 50)
    expect_error(tmp_path, "big.txt", "over the limit")


def test_metadata_larger_than_one_article_is_read(tmp_path, monkeypatch):
    """A 100,000-article folder's metadata.csv is about 14 MB: the per-article limit is not its limit."""
    monkeypatch.setattr(corpus_files, "MAX_FILE_BYTES", 300)
    rows = "".join(f"a{i},a{i}.txt,Outlet {i % 3},Title {i},,2021-03-{1 + i % 28:02d},,\n" for i in range(20))
    write(tmp_path, "metadata.csv", HEADER + rows)
    for i in range(20):
        write(tmp_path, f"a{i}.txt", GOOD)
    assert (tmp_path / "metadata.csv").stat().st_size > 300
    assert len(load_corpus(tmp_path).articles) == 20
    monkeypatch.setattr(corpus_metadata, "MAX_METADATA_BYTES", 300)
    expect_error(tmp_path, "metadata.csv", "over the limit of 300 bytes for a metadata file", "MAX_METADATA_BYTES")


def test_file_that_is_only_boilerplate(tmp_path):
    write(tmp_path, "junk.txt", "Recent Comments\nRead More: Something Else\n")
    expect_error(tmp_path, "junk.txt", "no article text")


def test_loading_the_seeds_from_a_copy_leaves_them_untouched(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    before = snapshot(copy)
    load_corpus(copy)
    assert snapshot(copy) == before


# ---------------------------------------------------------------- table files and HTML pages

ARTICLE = "Officials met in Geneva on Monday. They discussed the letter."


def expect_file_error(path, *fragments):
    """``expect_error`` for a table file: the message names the file; the file is unchanged."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(CorpusError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus(path)
    message = str(info.value)
    for fragment in (path.name, *fragments):
        assert fragment in message, message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "input file was modified"
    return message


def test_a_file_that_is_neither_a_folder_nor_a_table(tmp_path):
    expect_error(write(tmp_path, "notes.docx", "x"), "notes.docx", "not a folder or a table file")


def test_table_without_a_text_column_lists_the_columns_and_the_names_tried(tmp_path):
    path = write(tmp_path, "a.csv", "id,headline,story\n1,Hi,Officials met.\n")
    expect_file_error(path, "no text column", "id, headline, story", "body", "article_text", "columns={'text'")


def test_explicit_column_that_is_not_there(tmp_path):
    path = write(tmp_path, "a.csv", "id,text\n1,Officials met.\n")
    with pytest.raises(CorpusError, match="a.csv: no column 'story' \\(given for text\\)"):
        load_corpus(path, columns={"text": "story"})


def test_rows_with_blank_text_are_skipped_with_a_warning_naming_them(tmp_path):
    path = write(tmp_path, "a.csv", f"id,text\n1,{ARTICLE}\n2,\n3,  \n4,{ARTICLE}\n")
    with pytest.warns(CorpusWarning, match=r"a.csv: 2 row\(s\) with blank text skipped: row 2 \(line 3\), row 3 \(line 4\)"):
        corpus = load_corpus(path)
    assert corpus.articles["article_id"].tolist() == ["1", "4"]


def test_table_whose_every_text_is_blank(tmp_path):
    expect_file_error(write(tmp_path, "a.csv", "id,text\n1,\n"), "no articles")


def test_duplicate_ids_in_a_table(tmp_path):
    path = write(tmp_path, "a.jsonl", f'{{"id": 7, "text": "{ARTICLE}"}}\n{{"id": 7, "text": "{ARTICLE}"}}\n')
    expect_file_error(path, "line 2", "duplicate article id '7'", "also line 1")


@pytest.mark.parametrize("row", ["2,x,extra", "2"])
def test_ragged_csv_row(tmp_path, row):
    path = write(tmp_path, "a.csv", f"id,text\n1,{ARTICLE}\n{row}\n")
    expect_file_error(path, "row 2 (line 3)", "fields, the header has 2")


def test_unterminated_quote_in_csv(tmp_path):
    path = write(tmp_path, "a.csv", f'id,text\n1,"{ARTICLE}\n2,More text.\n')
    expect_file_error(path, "line 2", "not valid CSV", "never closed")


def test_json_line_that_is_not_an_object(tmp_path):
    path = write(tmp_path, "a.jsonl", f'{{"text": "{ARTICLE}"}}\n["a", "list"]\n')
    expect_file_error(path, "line 2", "JSON list, not an object")


def test_json_line_that_is_not_json(tmp_path):
    path = write(tmp_path, "a.jsonl", f'{{"text": "{ARTICLE}"}}\n{{"text": oops}}\n')
    expect_file_error(path, "line 2", "not valid JSON")


@pytest.mark.parametrize("content, fragment", [
    ('{"text": "x"}', "must start with '['"),
    (f'[{{"text": "{ARTICLE}"}}, 3]', "item 2: a JSON int, not an object"),
    (f'[{{"text": "{ARTICLE}"}}, {{"text": ', "item 2: not valid JSON"),
    (f'[{{"text": "{ARTICLE}"}} {{"text": "x"}}]', "expected ',' or ']'"),
])
def test_malformed_json_list(tmp_path, content, fragment):
    expect_file_error(write(tmp_path, "a.json", content), fragment)


def test_json_list_read_in_small_chunks(tmp_path, monkeypatch):
    from analysis.corpus import formats

    monkeypatch.setattr(formats, "CHUNK_CHARS", 7)
    items = ",\n ".join(f'{{"id": "{i}", "text": "{ARTICLE} Number {i}."}}' for i in range(5))
    corpus = load_corpus(write(tmp_path, "a.json", f"[\n {items}\n]\n"))
    assert corpus.articles["article_id"].tolist() == ["0", "1", "2", "3", "4"]
    assert corpus.text("3").endswith("Number 3.")


def test_a_parquet_file_that_is_not_parquet(tmp_path):
    expect_file_error(write(tmp_path, "a.parquet", f"id,text\n1,{ARTICLE}\n"), "not a Parquet file")


def test_html_page_with_no_main_text(tmp_path):
    write(tmp_path, "page.html", "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        expect_error(tmp_path, "page.html", "no main text")


def test_cp1252_table_loads_with_a_warning_and_bom_is_dropped(tmp_path):
    path = write(tmp_path, "win.csv", "id,text\nw,The envoy’s “letter” was read.\n".encode("cp1252"))
    with pytest.warns(CorpusWarning, match="win.csv.*cp1252"):
        corpus = load_corpus(path)
    assert corpus.text("w") == "The envoy’s “letter” was read." and corpus.articles.at[0, "encoding"] == "cp1252"
    bom = write(tmp_path, "bom.tsv", b"\xef\xbb\xbfID\tBody\r\nb\tFirst line.\r\n")
    assert load_corpus(bom).text("b") == "First line."


@pytest.mark.parametrize("data, fragment", [
    (b"id,text\n1,Caf\x81 \x8d society met.\n", "not UTF-8"),
    ("id,text\n1,x\n".encode("utf-16"), "UTF-16"),
    (b"id,text\n1,a\x00b\n", "binary"),
])
def test_undecodable_tables(tmp_path, data, fragment):
    expect_file_error(write(tmp_path, "a.csv", data), fragment)
