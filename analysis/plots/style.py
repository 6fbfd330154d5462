"""Shared chart conventions: a colour-blind-safe palette, captions, saving chart + data,
and ``data_label`` for any text a chart takes from the data.

Every chart the notebooks draw is saved as ``<name>.png`` beside ``<name>.csv`` (the
frame it was drawn from) in the output folder, so readers can check each mark.  CSVs are
written by ``analysis.export.write_csv`` (cells a spreadsheet would evaluate are
neutralised).

Text from the data (outlets, article ids, words, phrases) is untrusted: a
1,000,000-character word as a tick label stalls the layout, and an outlet named ``$x$``
would be parsed as TeX (and ``$\\frac$`` crashes the drawing).  ``data_label`` caps its
length and escapes ``$``, and ``use_style`` turns ``text.usetex`` off; every ``plot_*``
function passes data text through ``data_label``.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..config import PROJECT_ROOT
from ..export import write_csv

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
#: Longest text (in characters) a chart draws from the data; longer text ends in "…".
MAX_LABEL_CHARS = 60
ELLIPSIS = "…"


def data_label(value, limit: int = MAX_LABEL_CHARS) -> str:
    """``value`` as chart text: white space (newlines included) collapsed to single spaces,
    at most ``limit`` characters (the last one ``…`` when cut) and every ``$`` escaped, so
    matplotlib draws it literally instead of parsing it as TeX.  Linear in the input and
    bounded in the output, whatever the data holds."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + ELLIPSIS
    return text.replace("$", r"\$")


def data_labels(values, limit: int = MAX_LABEL_CHARS) -> list[str]:
    """``data_label`` of each value."""
    return [data_label(value, limit) for value in values]


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
            "text.usetex": False,  # data text is drawn literally (see data_label)
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
    """Save ``fig`` as ``name.png`` and the frame behind it as ``name.csv`` (spreadsheet-safe)."""
    folder = output_dir(folder)
    fig.savefig(folder / f"{name}.png", bbox_inches="tight", metadata={"Software": None})
    write_csv(data, folder / f"{name}.csv")


def save_table(data: pd.DataFrame, name: str, folder: str | Path | None = None) -> Path:
    """Save a table without a chart as ``name.csv`` (spreadsheet-safe); returns its path."""
    return write_csv(data, output_dir(folder) / f"{name}.csv")
