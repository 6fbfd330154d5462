"""World map: the committed shapes, the -99 patch, undrawable small states, the map frame."""
import warnings

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.countries.record import july_2019_letters  # noqa: E402
from analysis.plots.maps import (  # noqa: E402
    ISO3_PATCH,
    NOT_LISTED,
    WORLD_FILE,
    draw_groups_map,
    load_world,
    map_frame,
    patch_iso3,
    undrawable,
)
from analysis.config import DATA_DIR  # noqa: E402


def test_world_file_is_committed_inside_the_repository():
    assert WORLD_FILE.is_file()
    assert WORLD_FILE.is_relative_to(DATA_DIR)
    assert (WORLD_FILE.parent / "PROVENANCE.md").is_file()


def test_world_has_unique_codes_and_no_minus_99():
    world = load_world()
    assert isinstance(world, gpd.GeoDataFrame)
    assert world.crs.to_epsg() == 4326
    assert not world["iso3"].duplicated().any()
    assert "-99" not in set(world["iso3"])
    assert "ATA" not in set(world["iso3"])
    assert len(world) == 176  # 177 shapes minus Antarctica


def test_patch_applies_only_where_natural_earth_says_minus_99():
    frame = pd.DataFrame(
        {"name": ["France", "Norway", "Kosovo", "Germany", "Atlantis"], "iso_a3": ["-99", "-99", "-99", "DEU", "-99"]}
    )
    assert patch_iso3(frame).tolist() == ["FRA", "NOR", "XKX", "DEU", "-99"]
    frame = pd.DataFrame({"name": ["France"], "iso_a3": ["FRA"]})
    assert patch_iso3(frame).tolist() == ["FRA"]
    assert ISO3_PATCH["France"] == "FRA" and ISO3_PATCH["Norway"] == "NOR"
    world = load_world().set_index("name")
    assert world.at["France", "iso3"] == "FRA" and world.at["Norway", "iso3"] == "NOR"
    assert world.at["Kosovo", "iso3"] == "XKX"


def test_small_signatories_cannot_be_drawn():
    missing = undrawable(july_2019_letters())
    assert missing["country"].tolist() == ["Bahrain", "Comoros"]
    assert set(missing["group"]) == {"supports"}
    assert undrawable(pd.DataFrame({"iso3": ["SGP", "MLT", "FRA"]}))["iso3"].tolist() == ["MLT", "SGP"]


def test_map_frame_groups_and_named():
    letters = july_2019_letters()
    frame = map_frame(letters[["iso3", "group"]], named={"GBR", "RUS", "QAT"})
    assert len(frame) == len(load_world())
    by_iso = frame.set_index("iso3")
    assert by_iso.at["GBR", "group"] == "against"
    assert by_iso.at["RUS", "group"] == "supports"
    assert by_iso.at["QAT", "group"] == "withdrew"
    assert by_iso.at["IRN", "group"] == "supports (joined later)"
    assert by_iso.at["USA", "group"] == NOT_LISTED
    assert sorted(frame.loc[frame["named"], "iso3"]) == ["GBR", "QAT", "RUS"]
    drawn = frame[frame["group"] != NOT_LISTED]
    assert len(drawn) == len(letters) - 2  # all but Bahrain and Comoros


def test_map_frame_rejects_two_groups_for_one_country():
    with pytest.raises(ValueError, match="one group per country"):
        map_frame(pd.DataFrame({"iso3": ["FRA", "FRA"], "group": ["against", "supports"]}))


def test_draw_map_without_warnings_and_without_named_countries():
    letters = july_2019_letters()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw_groups_map(map_frame(letters[["iso3", "group"]], named=set()), title="t")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "named in the articles" not in labels
    assert len(labels) == 5
    plt.close(fig)
