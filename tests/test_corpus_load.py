"""The corpus as tidy frames: offsets, sentences, tokens, cleaning, variants."""
import hashlib

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.corpus.normalize import normalise_token
from analysis.config import SEEDS_DIR
from analysis.corpus.rules import iter_tokens, sentence_spans


@pytest.fixture(scope="module")
def seeds():
    return load_corpus()


def sentences_of(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_default_corpus_is_the_shipped_seeds_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = load_corpus()
    assert corpus.path == SEEDS_DIR
    assert list(corpus.articles["article_id"]) == ["000", "003"]
    # A relative "seeds" also works from outside the project (falls back to the project root).
    assert list(load_corpus("seeds").articles["article_id"]) == ["000", "003"]


def test_metadata_is_what_the_text_evidences(seeds):
    a = seeds.articles.set_index("article_id")
    assert a.at["003", "outlet"] == "Global Citizen"
    assert a.at["003", "author"] == "Gabrielle Deonath"
    assert a.at["003", "title"] == "22 Countries Call on China to Close Muslim Uighur Camps"
    assert a.at["000", "outlet"] == ""  # unknown, left blank
    assert a.at["000", "source"] == "unknown outlet (000)"
    assert "Demand Equity" in a.at["003", "notes"]


@pytest.mark.parametrize("frame", ["paragraphs", "sentences", "tokens"])
def test_offsets_round_trip_on_the_seeds(seeds, frame):
    texts = dict(zip(seeds.articles["article_id"], seeds.articles["text"]))
    rows = getattr(seeds, frame)
    assert len(rows) > 0
    for row in rows.itertuples():
        span = texts[row.article_id][row.start : row.end]
        assert span.strip() == span and span
        if frame == "tokens":
            assert span == row.token


def test_tokens_nest_inside_their_sentence_and_paragraph(seeds):
    merged = seeds.tokens.merge(
        seeds.sentences, on=["article_id", "sentence_id"], suffixes=("", "_s")
    ).merge(seeds.paragraphs, on=["article_id", "paragraph_id"], suffixes=("", "_p"))
    assert len(merged) == len(seeds.tokens)
    assert (merged["start"] >= merged["start_s"]).all() and (merged["end"] <= merged["end_s"]).all()
    assert (merged["start_s"] >= merged["start_p"]).all() and (merged["end_s"] <= merged["end_p"]).all()
    assert (merged["paragraph_id"] == merged["paragraph_id_s"]).all()


def test_ids_are_consecutive_per_article(seeds):
    for frame, col in [(seeds.paragraphs, "paragraph_id"), (seeds.sentences, "sentence_id"), (seeds.tokens, "token_id")]:
        for _, ids in frame.groupby("article_id")[col]:
            assert list(ids) == list(range(1, len(ids) + 1))


def test_article_counts_match_the_frames(seeds):
    a = seeds.articles.set_index("article_id")
    for aid in a.index:
        assert a.at[aid, "n_tokens"] == (seeds.tokens["article_id"] == aid).sum()
        assert a.at[aid, "n_sentences"] == (seeds.sentences["article_id"] == aid).sum()
        assert a.at[aid, "n_paragraphs"] == (seeds.paragraphs["article_id"] == aid).sum()


def test_seed_files_are_not_modified_by_loading():
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS_DIR.iterdir()}
    load_corpus()
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS_DIR.iterdir()}
    assert before == after


# ---------------------------------------------------------------- sentence splitting


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials in the U.S. State Department agreed. Others did not.",
         ["Officials in the U.S. State Department agreed.", "Others did not."]),
        ("Talks in the U.K. Parliament ended. Then a vote came.",
         ["Talks in the U.K. Parliament ended.", "Then a vote came."]),
        ("The report came out on Dec. 12 and was read widely. It was long.",
         ["The report came out on Dec. 12 and was read widely.", "It was long."]),
        ("Mr. Smith met Dr. Jones. They spoke.", ["Mr. Smith met Dr. Jones.", "They spoke."]),
        ("A letter from John F. Kennedy arrived. It was brief.",
         ["A letter from John F. Kennedy arrived.", "It was brief."]),
        ('He said: "We condemn it." The envoy left.', ['He said: "We condemn it."', "The envoy left."]),
        ("“It is wrong,” she said. “We object.” Nobody replied.",
         ["“It is wrong,” she said.", "“We object.”", "Nobody replied."]),
        ("It moved to the U.S. The talks failed.", ["It moved to the U.S.", "The talks failed."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("They said it was “genocide.” Beijing denied it.", ["They said it was “genocide.”", "Beijing denied it."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences_of(text) == expected


def test_seed_sentences_do_not_break_on_us_or_quotes(seeds):
    text = seeds.text("000")
    sentences = [text[s:e] for s, e in zip(seeds.sentences.start, seeds.sentences.end)][:0]
    s = seeds.sentences[seeds.sentences.article_id == "000"]
    sentences = [text[a:b] for a, b in zip(s.start, s.end)]
    assert any(x.startswith("Before former U.S. President Donald Trump left office") for x in sentences)
    assert any(x.startswith("The U.S., British and German ambassadors") for x in sentences)
    assert len(sentences) == 19


# ---------------------------------------------------------------- tokens


def test_tokenizer_keeps_acronyms_numbers_hyphens_and_apostrophes():
    text = "The U.S. held 1,200 people in re-education camps; China’s (CCP's) “claims” — denied."
    assert [t for _, _, t in iter_tokens(text)] == [
        "The", "U.S.", "held", "1,200", "people", "in", "re-education", "camps",
        "China’s", "CCP's", "claims", "denied",
    ]


@pytest.mark.parametrize(
    "lower, norm",
    [("uighurs", "uyghurs"), ("uighur", "uyghur"), ("china’s", "china"), ("ccp's", "ccp"),
     ("rogues'", "rogues"), ("condeming", "condemning"), ("don't", "don't"), ("u.s.", "u.s.")],
)
def test_norm_folds_possessives_and_variants(lower, norm):
    assert normalise_token(lower) == norm


def test_variants_fold_into_norm_but_text_is_unchanged(seeds):
    t = seeds.tokens
    uighur = t[t["lower"] == "uighurs"]
    assert len(uighur) > 0 and (uighur["norm"] == "uyghurs").all()
    assert "Uighurs" in seeds.text("000")  # the text itself is never rewritten


def test_stop_and_alpha_flags(seeds):
    t = seeds.tokens.drop_duplicates("lower").set_index("lower")
    assert t.at["the", "is_stop"] and t.at["said", "is_stop"]
    assert not t.at["genocide", "is_stop"]
    assert t.at["genocide", "is_alpha"] and t.at["u.s.", "is_alpha"]
    assert not t.at["1,200", "is_alpha"] and not t.at["12th", "is_alpha"]


# ---------------------------------------------------------------- cleaning


def test_cleaning_removes_boilerplate_and_reports_each_line(seeds):
    removed = seeds.removed
    assert set(removed.columns) >= {"article_id", "file", "line", "text", "rule", "reason"}
    by_rule = removed.groupby("rule")["text"].apply(list).to_dict()
    assert by_rule["comments_widget"] == ["Recent Comments"]
    assert len(by_rule["read_more"]) == 2
    assert by_rule["byline"] == ["By Gabrielle Deonath"]
    assert by_rule["headline"] == ["22 Countries Call on China to Close Muslim Uighur Camps"]
    assert set(by_rule["section_label_care"] + by_rule["section_label_issue"]) == {
        "Why Global Citizens Should Care", "Demand Equity"}
    assert by_rule["call_to_action"][0].endswith("Join us in taking action here")
    for aid, text in zip(seeds.articles["article_id"], seeds.articles["text"]):
        assert "Read More" not in text and "Recent Comments" not in text and "Join us" not in text
    # every removed line is a line of the raw text
    raw = dict(zip(seeds.articles["article_id"], seeds.articles["raw_text"]))
    for row in removed.itertuples():
        assert raw[row.article_id].split("\n")[row.line - 1].replace("\xa0", " ").strip() == row.text


def test_cleaned_text_keeps_article_body(seeds):
    text = seeds.text("003")
    assert text.startswith("A coalition of predominantly Western countries")
    assert text.endswith("could be the first step to a peaceful solution.")
    assert "\xa0" not in text


def test_cleaning_drops_a_line_by_the_first_matching_rule_and_normalises_spaces():
    from analysis.corpus.cleaning import Rule, clean_text

    rules = (Rule("late", "regex", r"^Share\b", "second"), Rule("exact", "exact", "Share this", "first"),
             Rule("headline", "title", "", "headline"))
    raw = "Share\tthis\nGreat  Story\nKept\u00a0line \u2003\n\nShare it"
    text, removed = clean_text(raw, title="great story", rules=rules)
    assert text == "Kept line"
    assert [(r["line"], r["rule"], r["text"]) for r in removed] == [
        (1, "late", "Share this"), (2, "headline", "Great  Story"), (5, "late", "Share it")]
    assert clean_text("Share this", rules=rules[1:])[1][0]["rule"] == "exact"


@pytest.mark.parametrize("extra", [None, r"^(\w+) \1$", r"(?i)^shout$"])
def test_every_line_is_dropped_by_the_first_rule_that_matches_it(extra):
    """Every kind of rule wins where it comes first: exact lines, regular expressions (also
    with a back-reference or a global flag), the headline; the kept lines are the rest."""
    import random

    from analysis.corpus.cleaning import Rule, clean_text

    rules = [Rule("same", "exact", "Tags: none", "exact"), Rule("tag", "regex", r"^Tags?:", "tags"),
             Rule("head", "title", "", "headline"), Rule("word", "regex", r"\bsubscribe\b", "subscribe"),
             Rule("widget", "exact", "Recent Comments", "widget")]
    if extra:
        rules.insert(1, Rule("extra", "regex", extra, "extra"))
    rules = tuple(rules)
    pieces = ["Tags: none", "Tag: x", "Subscribe now", "please subscribe", "A Title", "echo echo", "SHOUT",
              "shout", "kept text", "tags: y", "subscribers", "Recent Comments"]
    rng = random.Random(7)
    lines = [rng.choice(pieces) for _ in range(400)]
    text, removed = clean_text("\n".join(lines), title="a title", rules=rules)
    tests = [(rule.test("a title"), rule) for rule in rules]
    want = [(number, next((rule.name for test, rule in tests if test(line)), None))
            for number, line in enumerate(lines, start=1)]
    assert [(r["line"], r["rule"]) for r in removed] == [(n, name) for n, name in want if name]
    assert text == "\n".join(line for (n, name), line in zip(want, lines) if not name)
