"""Bad input gets a CorpusError naming the file and the problem; input files are never modified."""
import hashlib
import shutil
import warnings

import pytest

from analysis import CorpusError, CorpusWarning, load_corpus
from analysis.corpus import files as corpus_files
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
    write(tmp_path, "metadata.csv", "id,outlet\na,X\n")
    expect_error(tmp_path, "metadata.csv", "missing required column", "article_id")


def test_metadata_ragged_row(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "metadata.csv", HEADER + "a,a.txt,too,many,fields,here,x,y,z\n")
    expect_error(tmp_path, "metadata.csv", "line 2")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_files, "MAX_FILE_BYTES", 100)
    write(tmp_path, "big.txt", "word " * 50)
    expect_error(tmp_path, "big.txt", "over the limit")


def test_file_that_is_only_boilerplate(tmp_path):
    write(tmp_path, "junk.txt", "Recent Comments\nRead More: Something Else\n")
    expect_error(tmp_path, "junk.txt", "no article text")


def test_loading_the_seeds_from_a_copy_leaves_them_untouched(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    before = snapshot(copy)
    load_corpus(copy)
    assert snapshot(copy) == before
