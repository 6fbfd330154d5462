"""Command line: ``python -m analysis <command>``.

Commands
--------
execute-notebooks [NOTEBOOK ...]   re-run committed notebooks in place (default: all)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .notebooks import execute_in_place, notebook_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute-notebooks", help="re-run committed notebooks in place")
    run.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "execute-notebooks":
        for path in args.notebooks or notebook_paths():
            print(f"executing {path.name}", file=sys.stderr)
            execute_in_place(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
