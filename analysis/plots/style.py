"""Shared chart conventions: a colour-blind-safe palette, captions, saving chart + data.

Every chart the notebooks draw is saved as ``<name>.png`` beside ``<name>.csv`` (the
frame it was drawn from) in the output folder, so readers can check each mark.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..config import PROJECT_ROOT

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "black")]
DEFAULT_OUTPUT_DIR = PROJECT_ROOT / "build" / "outputs"


def use_style() -> None:
    """Readable defaults for charts rendered at notebook width."""
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.labelsize": 10,
            "axes.prop_cycle": plt.cycler(color=PALETTE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "news-framing",
        }
    )


def source_colors(sources: list[str]) -> dict[str, str]:
    """A stable colour per source, in the order given."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}


def add_caption(fig: plt.Figure, text: str) -> None:
    """A source/method caption under the chart."""
    fig.text(0.01, -0.02, text, ha="left", va="top", fontsize=8, wrap=True, color="#333333")


def output_dir(path: str | Path | None = None) -> Path:
    """Where notebooks write charts and tables (default ``build/outputs``), created if needed."""
    folder = Path(path) if path is not None else DEFAULT_OUTPUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_chart(fig: plt.Figure, data: pd.DataFrame, name: str, folder: str | Path | None = None) -> None:
    """Save ``fig`` as ``name.png`` and the frame behind it as ``name.csv``."""
    folder = output_dir(folder)
    fig.savefig(folder / f"{name}.png", bbox_inches="tight", metadata={"Software": None})
    data.to_csv(folder / f"{name}.csv", index=False)
