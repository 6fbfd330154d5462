"""``python -m analysis <command>``: the command line of ``analysis.tools.cli``."""
from .tools.cli import main

raise SystemExit(main())
