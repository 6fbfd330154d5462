"""A deterministic synthetic news corpus: ``write_corpus(folder, n)``.

Each article is 400-900 words in 4-12 paragraphs of 2-5 sentences.  Words come from a
Zipf-distributed vocabulary (common English words first, then news words, then
pseudo-words built from syllables so the vocabulary keeps growing with the corpus, as
real news does).  Sentences start with a capital and end with a period (some with "?"
or a closing quote); some carry numbers ("1,200"), possessives ("China's"), hyphenated
words, honorifics ("Mr. Li") and country names or "U.S."/"U.N." so the sentence
splitter and a country matcher do real work.  Some articles open with their headline
and a byline and end with a "Recent Comments" line, which the cleaning rules remove.

Outlets and dates are configurable (``outlets``, ``start``, ``years``): outlet ``k`` of
``outlets`` carries a few signature words of its own (so keyness has something to find),
publishes with its own weight (some outlets are large, some small), and dates cluster around
three events of the story (mid-2019, March 2021, May 2021) over a background spread evenly
across the span; about 2% of articles carry only a month (``2020-05``) and 1% no date at all,
as real exports do.

Article ``i`` depends only on ``(seed, i)`` and the shape, so a corpus of 100 articles is the
first 100 articles of a corpus of 10,000, and the same seed gives byte-identical files.
"""
from __future__ import annotations

import csv
import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEED = 20240607
OUTLETS = ("Daily Ledger", "Global Wire", "Harbour Times", "Metro Post", "The Observer Review")
#: Names for outlets beyond the first five: a place and a masthead word, in a fixed order.
PLACES = ("Northern", "Coastal", "Capital", "Valley", "Island", "Lakeside", "Central", "Western",
          "Eastern", "Highland", "River", "Southern", "Union", "Prairie", "Harbour", "Pacific")
MASTHEADS = ("Herald", "Courier", "Gazette", "Chronicle", "Tribune", "Sentinel", "Dispatch",
             "Journal", "Record", "Bulletin", "Examiner", "Star")
#: Dates of the story's events that coverage clusters around (the 2019 letters, the March 2021
#: sanctions, the May 2021 UN event) and the spread of coverage around each, in days.
EVENTS = ("2019-07-10", "2021-03-22", "2021-05-12")
EVENT_SPREAD_DAYS = 12
AUTHORS = ("A. Chen", "Maria Lopez", "Sam Okafor", "Priya Nair", "Tom Weber", "Li Wei", "Jane Doe")

COMMON = """the of and to a in that is was he for it with as his on be at by i this had not are but
from or have an they which one you were her all she there would their we him been has when who
will more no if out so said what up its about into than them can only other new some could time
these two may then do first any my now such like our over man me even most made after also did
many before must through back years where much your way well down should because each just those
people how too little state good very make world still own see men work long get here between both
life being under never day same another know while last might us great old year off come since
against go came right used take three""".split()

NEWS = """government officials report statement minister president country countries policy human
rights camps region police security economic trade sanctions talks council meeting ministry
foreign spokesman press agency crisis election vote law court military forces border conflict
market prices growth investment workers company companies industry energy oil climate health
public national international global local support response criticism concerns evidence
investigation allegations detention facilities education training programme program families
residents community citizens leaders parliament opposition party campaign protest protests
journalists media interview analysts experts data survey percent million billion week month
monday tuesday wednesday thursday friday saturday sunday morning evening agreement deal
negotiations summit delegation embassy ambassador resolution letter signatories declaration
assembly commission committee inquiry testimony witnesses documents records sources reports
officials authorities regime administration cabinet treasury budget taxes spending debt bank
central financial markets shares stocks investors exports imports tariffs supply chain cotton
factories labour labor forced surveillance technology cameras database religious mosques
culture language schools children students universities scholars research study findings""".split()

COUNTRIES = """China Russia France Germany Japan India Brazil Canada Australia Turkey Iran Egypt
Pakistan Nigeria Kenya Mexico Argentina Italy Spain Poland Sweden Norway Cuba Venezuela Syria
Israel Ukraine Belarus Kazakhstan Uzbekistan Indonesia Malaysia Vietnam Thailand Myanmar
Bangladesh Ethiopia Algeria Morocco Qatar""".split() + [
    "Saudi Arabia", "the United States", "the United Kingdom", "New Zealand", "South Africa",
    "North Korea", "the Netherlands", "the United Arab Emirates",
]
ACRONYMS = ("U.S.", "U.K.", "U.N.", "E.U.")
PEOPLE = ("Mr. Li", "Ms. Bachelet", "Dr. Zenz", "Gen. Smith", "Sen. Rubio", "Mrs. Wong")
ONSETS = ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
          "br", "ch", "cr", "dr", "gr", "pl", "pr", "sh", "st", "th", "tr")
NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io")
CODAS = ("", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng")
N_PSEUDO = 40_000
ZIPF_EXPONENT = 1.05


@lru_cache(maxsize=None)
def vocabulary(seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """``(words, cdf)``: the ranked vocabulary and its cumulative Zipf probabilities."""
    rng = np.random.default_rng([seed, 0])
    pseudo, seen = [], set(COMMON) | set(NEWS)
    while len(pseudo) < N_PSEUDO:
        n_syll = int(rng.integers(1, 4))
        word = "".join(
            ONSETS[rng.integers(len(ONSETS))] + NUCLEI[rng.integers(len(NUCLEI))] + CODAS[rng.integers(len(CODAS))]
            for _ in range(n_syll)
        )
        if word not in seen:
            seen.add(word)
            pseudo.append(word)
    words = np.array(list(dict.fromkeys(COMMON + NEWS)) + pseudo, dtype=object)
    weights = 1.0 / np.arange(1, len(words) + 1) ** ZIPF_EXPONENT
    return words, np.cumsum(weights) / weights.sum()


@dataclass(frozen=True)
class Shape:
    """How many outlets, and the span of dates the articles fall in."""

    outlets: int = len(OUTLETS)
    start: str = "2019-01-01"
    years: int = 3

    def outlet_names(self) -> tuple[str, ...]:
        extra = [f"{p} {m}" for m in MASTHEADS for p in PLACES]
        names = (list(OUTLETS) + extra)[: self.outlets]
        if len(names) < self.outlets or self.outlets < 1:
            raise ValueError(f"outlets must be between 1 and {len(OUTLETS) + len(extra)}")
        return tuple(names)


def outlet_weights(n: int) -> np.ndarray:
    """Cumulative publishing weights of ``n`` outlets: outlet k publishes in proportion to
    1/(k+1)^0.6, so the first outlets are large and the last small."""
    weights = 1.0 / np.arange(1, n + 1) ** 0.6
    return np.cumsum(weights) / weights.sum()


def signature_words(k: int) -> tuple[str, ...]:
    """Three words outlet ``k`` uses more than the others (from the news vocabulary)."""
    return tuple(NEWS[(7 * k + j * 31) % len(NEWS)] for j in range(3))


def published(rng: np.random.Generator, shape: Shape) -> str:
    """A date in the shape's span: 60% near an event inside the span, the rest spread evenly;
    2% give only the month and 1% are empty."""
    start = dt.date.fromisoformat(shape.start)
    days = 365 * shape.years
    events = [(dt.date.fromisoformat(e) - start).days for e in EVENTS]
    events = [e for e in events if 0 <= e < days]
    u = rng.random(3)
    if events and u[0] < 0.6:
        offset = events[int(u[1] * len(events))] + rng.normal(0, EVENT_SPREAD_DAYS)
    else:
        offset = u[1] * days
    day = start + dt.timedelta(days=int(min(max(offset, 0), days - 1)))
    if u[2] < 0.01:
        return ""
    return day.strftime("%Y-%m") if u[2] < 0.03 else day.isoformat()


def _sentence(rng: np.random.Generator, words: np.ndarray, cdf: np.ndarray, signature=()) -> tuple[str, int]:
    n = int(rng.integers(8, 30))
    picked = list(words[np.searchsorted(cdf, rng.random(n), side="right").clip(0, len(words) - 1)])
    if signature and rng.random() < 0.25:
        picked[int(rng.integers(1, n))] = signature[int(rng.integers(len(signature)))]
    extras = rng.random(6)
    if extras[0] < 0.35:
        picked[int(rng.integers(1, n))] = COUNTRIES[rng.integers(len(COUNTRIES))] + ("'s" if extras[5] < 0.2 else "")
    if extras[1] < 0.15:
        picked[int(rng.integers(1, n))] = ACRONYMS[rng.integers(len(ACRONYMS))]
    if extras[2] < 0.12:
        picked[int(rng.integers(1, n))] = f"{int(rng.integers(1, 90))},{int(rng.integers(0, 1000)):03d}"
    if extras[3] < 0.10:
        picked.insert(int(rng.integers(1, n)), PEOPLE[rng.integers(len(PEOPLE))])
    if extras[4] < 0.10:
        i = int(rng.integers(0, n - 1))
        picked[i] = f"{picked[i]}-{picked[i + 1]}"
        del picked[i + 1]
    if extras[5] > 0.8:
        picked[int(rng.integers(0, len(picked) - 1))] += ","
    first = picked[0]
    picked[0] = first[0].upper() + first[1:]
    end = "?" if extras[4] > 0.95 else "."
    sentence = " ".join(picked) + end
    if extras[3] > 0.93:
        sentence = "“" + sentence + "”"
    return sentence, len(picked)


def article(i: int, seed: int = SEED, shape: Shape = Shape()) -> tuple[str, dict]:
    """The text of article ``i`` and its metadata row."""
    words, cdf = vocabulary(seed)
    rng = np.random.default_rng([seed, 1, i])
    target = int(rng.integers(400, 901))
    title = " ".join(w.capitalize() for w in words[np.searchsorted(cdf, rng.random(6), side="right")])
    names = shape.outlet_names()
    k = int(np.searchsorted(outlet_weights(len(names)), rng.random(), side="right").clip(0, len(names) - 1))
    outlet = names[k]
    signature = signature_words(k)
    author = AUTHORS[int(rng.integers(len(AUTHORS)))]
    date = published(rng, shape)
    paragraphs, n_words = [], 0
    while n_words < target:
        sentences = []
        for _ in range(int(rng.integers(2, 6))):
            sentence, n = _sentence(rng, words, cdf, signature)
            sentences.append(sentence)
            n_words += n
        paragraphs.append(" ".join(sentences))
    furniture = rng.random() < 0.3
    lines = ([title, f"By {author}"] if furniture else []) + paragraphs + (["Recent Comments"] if furniture else [])
    meta = {
        "article_id": f"a{i:06d}",
        "file": f"a{i:06d}.txt",
        "outlet": outlet,
        "title": title,
        "author": author,
        "published": date,
        "url": f"https://example.org/{outlet.lower().replace(' ', '-')}/{i}",
        "notes": "synthetic",
    }
    return "\n\n".join(lines) + "\n", meta


def _write_articles(folder: Path, start: int, stop: int, seed: int, shape: Shape) -> tuple[list[dict], int]:
    """Write articles ``start..stop-1``; return their metadata rows and bytes."""
    rows, total = [], 0
    for i in range(start, stop):
        text, meta = article(i, seed, shape)
        data = text.encode("utf-8")
        (folder / meta["file"]).write_bytes(data)
        total += len(data)
        rows.append(meta)
    return rows, total


def write_corpus(folder: str | Path, n: int, seed: int = SEED, processes: int = 1, context=None,
                 shape: Shape = Shape()) -> int:
    """Write ``n`` articles and ``metadata.csv`` into ``folder``; return the article files' bytes.

    With ``processes`` > 1 the articles are written by that many worker processes (from the
    ``multiprocessing`` ``context`` given); the files are the same, since article ``i`` depends
    only on ``(seed, i)``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if processes > 1 and n >= 100 * processes:
        bounds = np.linspace(0, n, 4 * processes + 1).astype(int).tolist()
        starts, stops = bounds[:-1], bounds[1:]
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            parts = list(pool.map(_write_articles, [folder] * len(starts), starts, stops, [seed] * len(starts),
                                   [shape] * len(starts)))
    else:
        parts = [_write_articles(folder, 0, n, seed, shape)]
    rows = [row for part_rows, _ in parts for row in part_rows]
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["article_id", "file"])
        writer.writeheader()
        writer.writerows(rows)
    return sum(total for _, total in parts)


#: Articles per Parquet row group (``write_parquet``): about 4 MB of text, so a partition of
#: the partitioned path (``analysis.partitioned.PARTITION_BYTES``) holds several.
ROW_GROUP_ARTICLES = 1_000
TABLE_COLUMNS = ["article_id", "outlet", "title", "author", "published", "url", "notes", "text"]


def write_parquet(path: str | Path, n: int, seed: int = SEED, shape: Shape = Shape(),
                  row_group: int = ROW_GROUP_ARTICLES, first: int = 0) -> int:
    """Write ``n`` articles (from article ``first``) as one Parquet table (a row per article:
    ``TABLE_COLUMNS``, the text as ``write_corpus`` would write its file), ``row_group``
    articles per row group, generated and written one row group at a time; return the
    texts' bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = pa.schema([(c, pa.string()) for c in TABLE_COLUMNS])
    total = 0
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(first, first + n, row_group):
            rows = {c: [] for c in TABLE_COLUMNS}
            for i in range(start, min(first + n, start + row_group)):
                text, meta = article(i, seed, shape)
                total += len(text.encode("utf-8"))
                for c in TABLE_COLUMNS:
                    rows[c].append(text if c == "text" else meta[c])
            writer.write_table(pa.table(rows, schema=schema))
    return total


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.generate FOLDER N [--outlets K] [--years Y] [--start DATE] [--seed S]``
    (FOLDER ending in ``.parquet``: one Parquet table, ``write_parquet``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=main.__doc__)
    parser.add_argument("folder")
    parser.add_argument("n", type=int)
    parser.add_argument("--outlets", type=int, default=Shape.outlets)
    parser.add_argument("--years", type=int, default=Shape.years)
    parser.add_argument("--start", default=Shape.start)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    shape = Shape(outlets=args.outlets, start=args.start, years=args.years)
    if args.folder.lower().endswith(".parquet"):  # one table instead of a folder
        size = write_parquet(args.folder, args.n, args.seed, shape=shape)
    else:
        size = write_corpus(args.folder, args.n, args.seed, processes=args.processes, shape=shape)
    print(f"{args.n} articles from {args.outlets} outlets, {size / 1e6:.1f} MB, in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
