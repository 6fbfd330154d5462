"""JupyterLab for this project (``make lab``): loopback only, with a token, the venv's kernel.

The server replaces the current process (so stopping this process stops the server),
binds to 127.0.0.1, opens no browser, serves the project root and starts notebooks on
the ``python3`` kernel installed into the venv by ``make``.

The token is never on a command line (any local user can read those with ``ps``): it
reaches the server in its environment (``JUPYTER_TOKEN``), which only its owner can read.
It comes from ``$JUPYTER_TOKEN``, from ``--token-file`` (a file only its owner may read or
write: mode 0600 or stricter, else refused), or is generated at random.
"""
from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path

from .execute import KERNEL
from ..config import PROJECT_ROOT

HOST = "127.0.0.1"


class TokenFileError(ValueError):
    """The token file is missing, empty, or readable by other users."""


def lab_command(port: int) -> list[str]:
    """The ``jupyter lab`` command line for ``port`` (no token: see ``lab_environment``)."""
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={PROJECT_ROOT}",
        f"--MappingKernelManager.default_kernel_name={KERNEL}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    return argv


def read_token_file(path: str | Path) -> str:
    """The token in ``path`` (surrounding white space removed); refused unless the file is
    a regular file owned by this user that no other user can read or write (0600)."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as error:
        raise TokenFileError(f"{path}: token file not readable ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise TokenFileError(f"{path}: token file is not a regular file")
    if info.st_mode & 0o077 or info.st_uid != os.getuid():
        raise TokenFileError(
            f"{path}: token file can be read or written by other users (mode {stat.filemode(info.st_mode)}); "
            f"make it yours alone: chmod 600 {path}"
        )
    token = path.read_text(encoding="utf-8").strip()
    if not token:
        raise TokenFileError(f"{path}: token file is empty")
    return token


def lab_environment(token: str) -> dict[str, str]:
    """The environment for the server: the token, and kernels from the venv before the
    user's own.  ``JUPYTER_TOKEN_FILE`` is dropped (the token given here wins)."""
    env = {key: value for key, value in os.environ.items() if key != "JUPYTER_TOKEN_FILE"}
    return {**env, "JUPYTER_PREFER_ENV_PATH": "1", "JUPYTER_TOKEN": token}


def choose_token(token_file: str | Path | None = None) -> tuple[str, str]:
    """``(token, where it came from)``: ``token_file``, else ``$JUPYTER_TOKEN``, else random."""
    if token_file is not None:
        return read_token_file(token_file), f"from {token_file}"
    if os.environ.get("JUPYTER_TOKEN"):
        return os.environ["JUPYTER_TOKEN"], "from $JUPYTER_TOKEN"
    return secrets.token_hex(24), "generated"


def run_lab(port: int, token_file: str | Path | None = None) -> None:
    """Replace this process with the JupyterLab server (never returns)."""
    token, origin = choose_token(token_file)
    if origin == "generated":
        print(f"JupyterLab: http://{HOST}:{port}/lab?token={token}", flush=True)
    else:
        print(f"JupyterLab: http://{HOST}:{port}/lab (token {origin})", flush=True)
    argv = lab_command(port)
    os.execve(argv[0], argv, lab_environment(token))
