"""Command line: ``python -m analysis <command>``.

Commands
--------
report [--corpus PATH] [--out PATH] [--notebooks DIR] [--columns F=C,...] [--scheduler S]
                                   run every notebook on a corpus; render the HTML report
execute-notebooks [NOTEBOOK ...]   re-run committed notebooks in place (default: all)
lab [--port N] [--token-file F]    JupyterLab on 127.0.0.1 with a token (never on a command line)
score-positions [--gold DIR] [--record DIR]
                                   country positions and mentions against a gold set, per style
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from ..corpus import CorpusError
from .errors import Terminated
from .execute import execute_in_place, notebook_paths
from ..config import NOTEBOOKS_DIR, with_memory_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="run every notebook on a corpus and render the HTML report")
    report.add_argument("--corpus", default="seeds", help="folder of .txt/.html articles, or one .csv/.tsv/.jsonl/.json/.parquet table (default: seeds)")
    report.add_argument("--out", default="build/report", type=Path, help="report folder (default: build/report)")
    report.add_argument("--notebooks", default=NOTEBOOKS_DIR, type=Path, help="folder of NN-*.ipynb notebooks")
    report.add_argument("--columns", default=None, type=_columns,
                        help="column names load_corpus cannot guess, as FIELD=COLUMN pairs: text=story,article_id=uid")
    report.add_argument("--scheduler", default=None,
                        help="the partitioned path on Dask: 'local' (a cluster of this machine), 'local:N' (N workers) "
                             "or a scheduler address (tcp://host:8786); default: in memory, partitioned above 100 MB")
    run = sub.add_parser("execute-notebooks", help="re-run committed notebooks in place")
    run.add_argument("notebooks", nargs="*", type=Path)
    lab = sub.add_parser("lab", help="JupyterLab on 127.0.0.1 with a token")
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument(
        "--token-file", default=None, type=Path,
        help="file holding the token, readable by you alone (chmod 600); default: $JUPYTER_TOKEN or a random one",
    )
    score = sub.add_parser("score-positions", help="score country_positions and mentions on a gold set, per style")
    score.add_argument("--gold", default=None, type=Path, help="gold folder (default: data/gold/positions)")
    score.add_argument("--record", default=None, type=Path, help="record folder (default: data/alignments)")
    return parser


def _score_positions(gold: Path | None, record: Path | None) -> None:
    import pandas as pd

    from ..countries.scoring import GOLD_DIR, score_gold_set

    result = score_gold_set(gold or GOLD_DIR, record)
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.precision", 3):
        print("Positions (article, country, position, event):")
        print(result.positions.to_string(index=False))
        print("\nName mentions (states):")
        print(result.mentions.to_string(index=False))
        print(f"\nDisagreements ({len(result.disagreements)} positions, {len(result.mention_disagreements)} mention counts):")
        for row in result.disagreements.itertuples():
            print(f"  {row.kind:6} {row.article_id} ({row.style}) {row.iso3} {row.position} {row.event or '(no event)'}"
                  f"  rule={row.rule or '-'} gold_action={row.gold_action or '-'}")
        for row in result.mention_disagreements.itertuples():
            print(f"  mentions {row.article_id} {row.iso3}: gold {row.n_gold}, found {row.n_predicted}")


def _columns(value: str) -> dict[str, str]:
    """``text=story,article_id=uid`` -> ``{"text": "story", "article_id": "uid"}``."""
    pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
    if not pairs or any(len(pair) != 2 or not pair[0].strip() or not pair[1].strip() for pair in pairs):
        raise argparse.ArgumentTypeError(f"{value!r}: give FIELD=COLUMN pairs separated by commas, e.g. text=story")
    return {field.strip(): column.strip() for field, column in pairs}


def _raise_terminated(signum, frame):
    raise Terminated()


def _report(args) -> int:
    """Exit codes: 0 written, 1 a notebook failed, 2 bad input or refused ``--out``,
    130 Ctrl-C, 143 SIGTERM; every failure is reported in one line, without a traceback."""
    from .report import NotebookFailed, ReportError, build_report, interrupted_message

    try:  # SIGTERM ends the run like Ctrl-C (only possible in the main thread)
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:
        previous = None
    # When a run is stopped, nbclient logs "Kernel died while waiting for execute reply." and
    # asyncio "Task exception was never retrieved" (a kernel shut down under a pending cell):
    # the one line below says what happened; a notebook that fails is reported by the report.
    for name in ("papermill", "traitlets", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        build_report(args.corpus, args.out, args.notebooks, columns=args.columns, scheduler=args.scheduler)
    except NotebookFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (CorpusError, ReportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. no permission to write beside --out
        print(f"error: {error.filename or args.out}: {error.strerror or error}", file=sys.stderr)
        return 2
    except Terminated:
        print(interrupted_message(args.out, "terminated"), file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print(interrupted_message(args.out), file=sys.stderr)
        return 128 + signal.SIGINT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with_memory_settings()  # for the kernels, the corpus check and Dask workers started from here
    if args.command == "report":
        return _report(args)
    elif args.command == "execute-notebooks":
        for path in args.notebooks or notebook_paths():
            print(f"executing {path.name}", file=sys.stderr)
            execute_in_place(path.resolve())
    elif args.command == "lab":
        from .lab import TokenFileError, run_lab

        try:
            run_lab(args.port, args.token_file)
        except TokenFileError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    elif args.command == "score-positions":
        _score_positions(args.gold, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
