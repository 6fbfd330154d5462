"""JupyterLab for this project (``make lab``): loopback only, with a token, the venv's kernel.

The server replaces the current process (so stopping this process stops the server),
binds to 127.0.0.1, opens no browser, serves the project root and starts notebooks on
the ``python3`` kernel installed into the venv by ``make``.
"""
from __future__ import annotations

import os
import secrets
import sys

from .execute import KERNEL
from ..config import PROJECT_ROOT

HOST = "127.0.0.1"


def lab_command(port: int, token: str) -> list[str]:
    """The ``jupyter lab`` command line for ``port`` and ``token``."""
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={PROJECT_ROOT}",
        f"--IdentityProvider.token={token}",
        f"--MappingKernelManager.default_kernel_name={KERNEL}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    return argv


def lab_environment() -> dict[str, str]:
    """The environment for the server: kernels from the venv before the user's own."""
    return {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1"}


def run_lab(port: int, token: str | None = None) -> None:
    """Replace this process with the JupyterLab server (never returns)."""
    token = token or os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(24)
    print(f"JupyterLab: http://{HOST}:{port}/lab?token={token}", flush=True)
    argv = lab_command(port, token)
    os.execve(argv[0], argv, lab_environment())
