"""World maps of country alignments, drawn from the committed Natural Earth 1:110m file.

* ``load_world()`` reads ``data/naturalearth/ne_110m_admin0_countries.geojson`` (public
  domain; see its PROVENANCE.md) with an ``iso3`` column: the file's ``iso_a3``, patched by
  ``ISO3_PATCH`` where the file says ``-99``.  Antarctica is left out of the maps.
* ``map_frame(groups, named)`` joins a frame of ``iso3, group`` onto the world shapes and
  flags the countries the articles name.
* ``undrawable(groups)`` lists the countries of ``groups`` that have no shape at this scale
  (small states); every map prints that list under it.
* ``draw_groups_map(frame, ...)`` draws the map: one colour-blind-safe colour per group, the
  named countries outlined thick black and hatched.
"""
from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .style import OKABE_ITO, data_label
from ..config import DATA_DIR

WORLD_FILE = DATA_DIR / "naturalearth" / "ne_110m_admin0_countries.geojson"
MISSING_ISO = "-99"
#: Natural Earth codes some countries -99 (this copy: Kosovo; other releases: France,
#: Norway).  Applied only where the file says -99.  XKX is the user-assigned code the EU
#: and the IMF use for Kosovo; it is not part of ISO 3166-1.
ISO3_PATCH = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
LEFT_OUT = ["ATA"]  # Antarctica: no country takes a position; it would take a fifth of the map
NOT_LISTED = "not listed"
NOT_LISTED_COLOR = "#DDDDDD"

#: The July 2019 letters: group -> colour (Okabe-Ito).
LETTER_COLORS = {
    "against": OKABE_ITO["blue"],
    "supports": OKABE_ITO["orange"],
    "supports (joined later)": OKABE_ITO["yellow"],
    "withdrew": OKABE_ITO["reddish_purple"],
}
LETTER_LABELS = {
    "against": "signed the letter of 22 against (8 Jul)",
    "supports": "signed the counter-letter of 37 (12 Jul)",
    "supports (joined later)": "joined the counter-letter later (26 Jul or after)",
    "withdrew": "signed the counter-letter, then withdrew",
}
ROBINSON = "ESRI:54030"
#: Listed countries smaller than this (about Lebanon's size) also get a dot, so they can be seen.
SMALL_AREA_M2 = 12_000 * 1e6
MAX_TITLE_CHARS = 120


def patch_iso3(world: pd.DataFrame) -> pd.Series:
    """``iso_a3`` with ``-99`` replaced from ``ISO3_PATCH`` by ``name`` (else left ``-99``)."""
    iso3 = world["iso_a3"].astype("str")
    missing = iso3 == MISSING_ISO
    return iso3.where(~missing, world["name"].map(ISO3_PATCH).fillna(MISSING_ISO).astype("str"))


@lru_cache(maxsize=1)
def _world() -> gpd.GeoDataFrame:
    world = gpd.read_file(WORLD_FILE)
    world["iso3"] = patch_iso3(world)
    world = world[~world["iso3"].isin(LEFT_OUT)]
    return world[["name", "iso_a3", "iso3", "continent", "geometry"]].sort_values("iso3", kind="stable").reset_index(drop=True)


def load_world() -> gpd.GeoDataFrame:
    """World shapes with ``name``, ``iso_a3`` (as in the file), ``iso3`` (patched), geometry."""
    return _world().copy()


def undrawable(groups: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``groups`` (needs ``iso3``) whose country has no shape in the 1:110m map."""
    drawn = set(_world()["iso3"])
    missing = groups[~groups["iso3"].isin(drawn)]
    sort = [c for c in ["group", "country", "iso3"] if c in missing.columns]
    return missing.sort_values(sort, kind="stable").reset_index(drop=True)


def map_frame(groups: pd.DataFrame, named: set[str] | list[str] = ()) -> gpd.GeoDataFrame:
    """World shapes with ``group`` (from ``groups``: iso3 -> group; else ``not listed``) and
    ``named`` (True where the iso3 is in ``named``)."""
    if groups["iso3"].duplicated().any():
        raise ValueError("map_frame: one group per country (iso3 values repeat)")
    world = load_world()
    lookup = groups.set_index("iso3")["group"]
    world["group"] = world["iso3"].map(lookup).fillna(NOT_LISTED).astype("str")
    world["named"] = world["iso3"].isin(set(named))
    return world


def draw_groups_map(
    frame: gpd.GeoDataFrame,
    colors: dict[str, str] = LETTER_COLORS,
    labels: dict[str, str] | None = LETTER_LABELS,
    title: str = "",
    named_label: str = "named in the articles",
) -> plt.Figure:
    """A Robinson-projection map: one colour per group, named countries outlined and hatched;
    listed countries smaller than ``SMALL_AREA_M2`` also get a dot of their colour."""
    labels = labels or {}
    projected = frame.to_crs(ROBINSON)
    fig, ax = plt.subplots(figsize=(11, 5.6))
    handles = []
    labels = {NOT_LISTED: "not listed / no position", **labels}
    for group, color in [(NOT_LISTED, NOT_LISTED_COLOR), *colors.items()]:
        part = projected[projected["group"] == group]
        if len(part):
            part.plot(ax=ax, color=color, edgecolor="white", linewidth=0.3)
        handles.append(Patch(facecolor=color, edgecolor="#999999", label=data_label(labels.get(group, group))))
    small = projected[(projected["group"] != NOT_LISTED) & (projected.area < SMALL_AREA_M2)]
    for group, part in small.groupby("group", sort=True):
        points = part.representative_point()
        ax.scatter(points.x, points.y, s=22, color=colors.get(group, NOT_LISTED_COLOR), edgecolor="black",
                   linewidth=0.6, zorder=3)
    named = projected[projected["named"]]
    if len(named):
        named.plot(ax=ax, facecolor="none", edgecolor="black", linewidth=1.6, hatch="///")
        handles.append(Patch(facecolor="white", edgecolor="black", linewidth=1.6, hatch="///", label=named_label))
    ax.set_axis_off()
    ax.set_title(data_label(title, MAX_TITLE_CHARS), loc="left")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    fig.set_size_inches(11, 11 * (y1 - y0) / (x1 - x0) + 0.4)
    fig.subplots_adjust(left=0.0, right=1.0, bottom=0.0, top=0.94)
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False, bbox_to_anchor=(0.0, -0.02))
    return fig
