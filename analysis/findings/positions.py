"""The sentences notebook 03 prints about country positions and the gold-set scores; the
per-source ones stay bounded whatever the number of articles and sources (the first ``k``,
then "and N more")."""
from __future__ import annotations

import pandas as pd


def placement_sentence(article_id: str, checked: pd.DataFrame) -> str:
    """"Article X places N countries on a side (M placements): a agree with the record, c contradict
    it (...), ..." from ``check_positions`` rows of one article."""
    counts = checked["verdict"].value_counts()
    parts = [f"{int(counts.get(v, 0)):,} {label}" for v, label in
             [("agrees", "agree with the record"), ("contradicts", "contradict it"),
              ("no list", "concern a statement with no published list"), ("n/a", "concern no event the record holds")]
             if counts.get(v, 0)]
    wrong = checked[checked["verdict"] == "contradicts"]
    detail = ""
    if not wrong.empty:
        detail = " (" + "; ".join(f"{r.country} {r.position} on {r.event}, record: {r.record_position}"
                                  for r in wrong.itertuples()) + ")"
    return (f"Article {article_id} places {checked['iso3'].nunique()} countries on a side ({len(checked)} placements): "
            + ", ".join(parts) + detail)


def score_sentence(positions: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """The development gold set's overall scores and the weakest style, from ``score_gold_set``."""
    total = positions.set_index("style").loc["all"]
    styles = positions[(positions["style"] != "all") & positions["recall"].notna()]
    weakest = styles.sort_values(["f1", "style"]).iloc[0] if not styles.empty else None
    m = mentions.set_index("style").loc["all"]
    text = (f"On the development gold set (24 synthetic articles) positions score precision {total.precision:.3f}, "
            f"recall {total.recall:.3f} ({int(total.true_pos)} of {int(total.n_gold)}; {int(total.false_pos)} added, "
            f"{int(total.false_neg)} missed); name mentions F1 {m.f1:.3f}")
    if weakest is not None:
        text += f"; weakest style: {weakest['style']} (precision {weakest.precision:.3f}, recall {weakest.recall:.3f})"
    return text


def bounded_list(items, k: int, more: str = "more") -> str:
    """The first ``k`` items joined with ", ", then "and N more" when there are more."""
    items = [str(i) for i in items]
    shown = ", ".join(items[:k])
    if len(items) > k:
        shown += f" and {len(items) - k:,} {more}"
    return shown


def placement_line(part: pd.DataFrame, k: int = 12) -> str:
    """The placements of one sentence (``check_positions`` rows): "Germany: against, un_event
    (record: -; n/a); ..." (blank event: ``no event``; blank record position: ``-``); the first
    ``k``, then "and N more" (a vote report can place fifty countries in one sentence)."""
    line = "; ".join(f"{r.country}: {r.position}, {r.event or 'no event'} (record: {r.record_position or '-'}; {r.verdict})"
                     for r in part.head(k).itertuples())
    return line + (f"; and {len(part) - k:,} more" if len(part) > k else "")


#: Longest evidence sentence printed whole (characters); the CSVs keep every sentence whole.
SENTENCE_CHARS = 400


def short_sentence(text: str, limit: int = SENTENCE_CHARS) -> str:
    """``text`` with white space collapsed, cut to ``limit`` characters (ending in "…")."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def count_noun(n: int, word: str, many: str | None = None) -> str:
    """"1 article", "2 articles" (``many``: an irregular plural)."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {many or word + 's'}"


def source_placement_sentence(row) -> str:
    """One row of ``countries.sources.placements_by_source`` as a sentence: "Global Citizen
    (1 article) places 10 countries on a side (10 placements): 10 agree with the record, ...;
    agreement rate 100% (10 of 10 checkable)"."""
    head = f"{row.source} ({count_noun(int(row.articles), 'article')})"
    if not row.placements:
        return f"{head} places no country on a side"
    parts = [f"{int(n):,} {label}" for n, label in
             [(row.agrees, "agree with the record"), (row.contradicts, "contradict it"),
              (row.no_list, "concern a statement with no published list"),
              (row.n_a, "concern no event the record holds")] if n]
    rate = ("no placement the record can check" if not row.checkable else
            f"agreement rate {row.agreement_rate:.0%} ({int(row.agrees)} of {int(row.checkable)} checkable)")
    return (f"{head} places {count_noun(int(row.countries), 'country', 'countries')} on a side "
            f"({count_noun(int(row.placements), 'placement')}): " + ", ".join(parts) + f"; {rate}")


def placements_overview(verdicts: pd.DataFrame, k: int = 5) -> list[str]:
    """Findings about placements whatever the number of sources: one overall sentence, then one
    per source for the ``k`` sources with the most placements, the last ending "and N more
    sources" (at most ``k + 1`` lines)."""
    total = verdicts[["articles", "articles_placing", "placements", "agrees", "contradicts", "no_list", "n_a",
                      "checkable"]].sum()
    if not total["placements"]:
        return ["The articles place no country on a side."]
    rate = (f"{total['agrees'] / total['checkable']:.0%} of the {int(total['checkable']):,} the record can check agree"
            if total["checkable"] else "none of them can be checked against the record")
    lines = [f"{count_noun(int(total['articles_placing']), 'article')} of {int(total['articles']):,} "
             f"(from {int((verdicts['placements'] > 0).sum()):,} of {len(verdicts):,} sources) place countries on a side: "
             f"{count_noun(int(total['placements']), 'placement')}, {int(total['contradicts']):,} contradicting the record; "
             f"{rate}"]
    placing = verdicts[verdicts["placements"] > 0]
    lines += [source_placement_sentence(row) for row in placing.head(k).itertuples()]
    if len(placing) > k:
        lines[-1] += f"; and {len(placing) - k:,} more sources that place countries (all in the table)"
    return lines


def contradiction_sentences(contradictions: pd.DataFrame, k: int = 5) -> list[str]:
    """The first ``k`` contradicted placements (``check_positions`` rows with ``source``), then
    "and N more"."""
    lines = [f"{r.source}, article {r.article_id} s{r.sentence_id}: {r.country} {r.position} on {r.event}, "
             f"record: {r.record_position}" for r in contradictions.head(k).itertuples()]
    if len(contradictions) > k:
        lines.append(f"and {len(contradictions) - k:,} more")
    return lines
