"""Country mentions and placements aggregated per source, and bounded selections of the rows
behind them, so notebook 03 reads the same at 2 articles and at 10,000 from 20 outlets.

    by_source = mentions_by_source(mentions, corpus.articles)   # source x country
    verdicts = placements_by_source(checked, corpus.articles)   # one row per source
    sides = sides_by_source(checked, corpus.articles)           # source x country x side
    shown = first_per_source(rows, k=3, max_sources=5)          # a bounded, ordered sample

``articles`` is ``corpus.articles`` (or any frame with ``article_id`` and ``source``).  Every
function is one pass of ``groupby`` over its input (linear in the rows), and every sort has a
tie-break on names, so the same corpus gives the same tables.

* ``agreement_rate`` = agrees / (agrees + contradicts): the share of a source's placements that
  the record can check (an event with a published list) and confirms; ``NaN`` when none can be
  checked (``no list`` and ``n/a`` placements are not counted either way).
* A source's ``side`` on a country is ``against`` or ``support`` when all its placements of that
  country say so, ``mixed`` when they say both, ``other`` when only ``withdrew``/``abstained``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .mentions import country_mentions_only

BY_SOURCE_COLUMNS = ["source", "iso3", "country", "n_articles", "n_mentions", "source_articles",
                     "share_of_articles", "mentions_per_article"]
ARTICLE_COLUMNS = ["article_id", "source", "n_countries", "n_name_mentions", "most_named"]
VERDICTS = ["agrees", "contradicts", "no list", "n/a"]
VERDICT_COLUMNS = ["source", "articles", "articles_placing", "placements", "countries", "agrees", "contradicts",
                   "no_list", "n_a", "checkable", "agreement_rate"]
SIDE_COLUMNS = ["source", "iso3", "country", "against", "support", "other", "placements", "agrees", "contradicts",
                "side"]
CHART_COLUMNS = ["panel", "source", "iso3", "country", "measure", "value"]


def sources_of(articles: pd.DataFrame) -> pd.Series:
    """``article_id`` -> ``source``, checked (both columns present, ids unique)."""
    missing = [c for c in ("article_id", "source") if c not in articles.columns]
    if missing:
        raise ValueError(f"the articles frame lacks column(s) {', '.join(missing)}")
    if articles["article_id"].duplicated().any():
        raise ValueError("article_id values must be unique")
    return pd.Series(articles["source"].astype("str").to_numpy(), index=articles["article_id"].astype("str"))


def with_source(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with ``article_id``) with a ``source`` column after it; an id that is not in
    ``articles`` is an error naming it."""
    source = sources_of(articles)
    ids = frame["article_id"].astype("str")
    unknown = sorted(set(ids) - set(source.index))
    if unknown:
        raise ValueError(f"article_id(s) not in the articles frame: {', '.join(unknown[:5])}"
                         + (f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""))
    out = frame.copy()
    out.insert(int(out.columns.get_loc("article_id")) + 1, "source", ids.map(source).to_numpy())
    return out


def source_sizes(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per source: ``source, articles``, largest first (ties by name)."""
    counts = sources_of(articles).value_counts().rename("articles").rename_axis("source").reset_index()
    return counts.sort_values(["articles", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def mentions_by_source(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per source and country named (names and abbreviations of states): ``n_articles`` of the
    source that name it, ``n_mentions``, the source's article count, ``share_of_articles`` and
    ``mentions_per_article`` (over all the source's articles).  Sorted by source, then articles
    naming it (most first), then country."""
    rows = country_mentions_only(mentions)
    if rows.empty:
        return pd.DataFrame(columns=BY_SOURCE_COLUMNS)
    rows = with_source(rows[["article_id", "iso3", "country"]], articles)
    grouped = rows.groupby(["source", "iso3"], sort=False)
    out = pd.DataFrame({
        "country": grouped["country"].first(),
        "n_articles": grouped["article_id"].nunique(),
        "n_mentions": grouped.size(),
    }).reset_index()
    sizes = source_sizes(articles).set_index("source")["articles"]
    out["source_articles"] = out["source"].map(sizes).astype("int64")
    out["share_of_articles"] = out["n_articles"] / out["source_articles"]
    out["mentions_per_article"] = out["n_mentions"] / out["source_articles"]
    out = out.astype({"n_articles": "int64", "n_mentions": "int64"})
    out = out.sort_values(["source", "n_articles", "n_mentions", "country"], ascending=[True, False, False, True],
                          kind="stable")
    return out[BY_SOURCE_COLUMNS].reset_index(drop=True)


def top_countries(frame: pd.DataFrame, k: int, weights: tuple[str, ...] = ("n_articles", "n_mentions")) -> list[str]:
    """The ``k`` iso3 codes with the largest sums of ``weights`` over all sources (compared in
    order; ties by country name): named in the most articles for ``mentions_by_source``,
    ``weights=("placements",)`` for ``sides_by_source``."""
    if frame.empty:
        return []
    totals = frame.groupby(["iso3", "country"], as_index=False)[list(weights)].sum()
    totals = totals.sort_values([*weights, "country"], ascending=[False] * len(weights) + [True], kind="stable")
    return totals["iso3"].head(k).tolist()


def top_sources(frame: pd.DataFrame, k: int, weight: str | None = None) -> list[str]:
    """The ``k`` sources with the most rows of ``frame`` (or the largest sum of ``weight``), ties by name."""
    if frame.empty:
        return []
    sizes = frame.groupby("source")[weight].sum() if weight else frame.groupby("source").size()
    table = sizes.rename("n").reset_index().sort_values(["n", "source"], ascending=[False, True], kind="stable")
    return table["source"].head(k).tolist()


def article_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Per article that names a country: ``n_countries``, ``n_name_mentions`` and ``most_named``
    (its ``top`` countries by mentions, "China 12, United States 5").  Sorted by source, then
    countries named (most first), then article_id."""
    rows = country_mentions_only(mentions)
    if rows.empty:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    counts = rows.groupby(["article_id", "iso3", "country"], as_index=False).size()
    counts = counts.sort_values(["article_id", "size", "country"], ascending=[True, False, True], kind="stable")
    counts["label"] = counts["country"] + " " + counts["size"].astype("str")
    grouped = counts.groupby("article_id", sort=True)
    out = pd.DataFrame({
        "n_countries": grouped.size(),
        "n_name_mentions": grouped["size"].sum(),
        "most_named": grouped["label"].agg(lambda s: ", ".join(s.head(top)) + (", …" if len(s) > top else "")),
    }).reset_index()
    out = with_source(out, articles).astype({"n_countries": "int64", "n_name_mentions": "int64"})
    out = out.sort_values(["source", "n_countries", "n_name_mentions", "article_id"],
                          ascending=[True, False, False, True], kind="stable")
    return out[ARTICLE_COLUMNS].reset_index(drop=True)


def first_per_source(frame: pd.DataFrame, k: int, max_sources: int | None = None,
                     order: list[str] | None = None) -> pd.DataFrame:
    """A bounded sample of ``frame`` (with ``source``): the first ``k`` rows of each source in
    ``order`` (default: the frame's order), for the ``max_sources`` sources with the most rows
    (ties by name; ``None`` = all).  Rows come out grouped by source in that ranking."""
    if k < 0 or (max_sources is not None and max_sources < 0):
        raise ValueError("k and max_sources must be >= 0")
    if frame.empty:
        return frame.copy()
    ordered = frame.sort_values(order, kind="stable") if order else frame
    ranking = top_sources(frame, len(frame) if max_sources is None else max_sources)
    rank = {s: i for i, s in enumerate(ranking)}
    kept = ordered[ordered["source"].isin(rank)]
    kept = kept[kept.groupby("source", sort=False).cumcount() < k]
    by_rank = kept["source"].map(rank).to_numpy()
    return kept.iloc[np.argsort(by_rank, kind="stable")].reset_index(drop=True)


# --------------------------------------------------------------------------- placements


def _verdict_counts(checked: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = pd.crosstab([checked[k] for k in keys], checked["verdict"])
    return counts.reindex(columns=VERDICTS, fill_value=0)


def placements_by_source(checked: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per source of ``articles`` (sources placing no one included): its articles, the
    articles that place a country, placements, countries placed, the count per verdict of
    ``check_positions``, ``checkable`` (agrees + contradicts) and ``agreement_rate``.  Sorted by
    placements (most first), then source."""
    sizes = source_sizes(articles).set_index("source")
    out = pd.DataFrame(index=sizes.index)
    out["articles"] = sizes["articles"]
    if checked is not None and not checked.empty:
        rows = with_source(checked, articles)
        grouped = rows.groupby("source")
        out["articles_placing"] = grouped["article_id"].nunique()
        out["placements"] = grouped.size()
        out["countries"] = grouped["iso3"].nunique()
        counts = _verdict_counts(rows, ["source"])
        counts.columns = ["agrees", "contradicts", "no_list", "n_a"]
        out = out.join(counts)
    out = out.reindex(columns=VERDICT_COLUMNS[1:10]).fillna(0).astype("int64")
    out["checkable"] = out["agrees"] + out["contradicts"]
    out["agreement_rate"] = out["agrees"] / out["checkable"].where(out["checkable"] > 0)
    out = out.rename_axis("source").reset_index()
    out = out.sort_values(["placements", "source"], ascending=[False, True], kind="stable")
    return out[VERDICT_COLUMNS].reset_index(drop=True)


def sides_by_source(checked: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per source and country placed: placements ``against``, ``support``, ``other`` (withdrew,
    abstained), how many the record ``agrees`` with or ``contradicts``, and the source's ``side``
    (module docstring).  Sorted by source, then placements (most first), then country."""
    if checked is None or checked.empty:
        return pd.DataFrame(columns=SIDE_COLUMNS)
    rows = with_source(checked, articles)
    position = rows["position"].where(rows["position"].isin(["against", "support"]), "other")
    keys = [rows["source"], rows["iso3"]]
    sides = pd.crosstab(keys, position).reindex(columns=["against", "support", "other"], fill_value=0)
    verdicts = _verdict_counts(rows, ["source", "iso3"])[["agrees", "contradicts"]]
    out = sides.join(verdicts)
    out.insert(3, "placements", out[["against", "support", "other"]].sum(axis=1))
    out = out.reset_index()
    out.columns.name = None
    names = rows.drop_duplicates("iso3").set_index("iso3")["country"]
    out.insert(2, "country", out["iso3"].map(names))
    out["side"] = np.select(
        [(out["against"] > 0) & (out["support"] > 0), out["against"] > 0, out["support"] > 0],
        ["mixed", "against", "support"], default="other")
    out = out.sort_values(["source", "placements", "country"], ascending=[True, False, True], kind="stable")
    return out[SIDE_COLUMNS].reset_index(drop=True)


def placement_chart_frame(sides: pd.DataFrame, verdicts: pd.DataFrame, sources: list[str],
                          countries: list[str]) -> pd.DataFrame:
    """The data of ``plots.alignments.plot_source_placements`` as one tidy frame: panel ``side``
    (one row per drawn source x country cell: measure = the side, value = placements) and panel
    ``record`` (per drawn source: each verdict's count, ``checkable`` and ``agreement_rate``)."""
    cells = sides[sides["source"].isin(sources) & sides["iso3"].isin(countries)]
    side_rows = pd.DataFrame({"panel": "side", "source": cells["source"], "iso3": cells["iso3"],
                              "country": cells["country"], "measure": cells["side"],
                              "value": cells["placements"].astype("float64")})
    per = verdicts.set_index("source").reindex(sources)
    record_rows = []
    for measure, column in [("agrees", "agrees"), ("contradicts", "contradicts"), ("no list", "no_list"),
                            ("n/a", "n_a"), ("checkable", "checkable"), ("agreement_rate", "agreement_rate")]:
        record_rows.append(pd.DataFrame({"panel": "record", "source": per.index, "iso3": "", "country": "",
                                         "measure": measure, "value": per[column].astype("float64").to_numpy()}))
    out = pd.concat([side_rows, *record_rows], ignore_index=True)
    return out[CHART_COLUMNS]
