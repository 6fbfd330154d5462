"""``make lab``: JupyterLab on 127.0.0.1 with a token, serving the project, whose kernel imports analysis."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import websocket

from analysis.tools.lab import TokenFileError, choose_token, lab_command, lab_environment, read_token_file
from analysis.tools.execute import notebook_paths
from analysis.config import PROJECT_ROOT

HOST = "127.0.0.1"
START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def api(port: int, path: str, token: str | None, method: str = "GET", body: dict | None = None):
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}"} if token else {},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        return response.status, (json.loads(raw) if raw else None)


def run_code(port: int, token: str, kernel_id: str, code: str, timeout: float = 60) -> tuple[str, str]:
    """Execute ``code`` over the kernel's websocket; return (reply status, stdout)."""
    ws = websocket.create_connection(
        f"ws://{HOST}:{port}/api/kernels/{kernel_id}/channels?token={token}", timeout=timeout
    )
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True},
            }
        )
    )
    stdout, status, deadline = "", None, time.monotonic() + timeout
    try:
        while status is None and time.monotonic() < deadline:
            message = json.loads(ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
                stdout += message["content"]["text"]
            elif message["msg_type"] == "error":
                stdout += "\n".join(message["content"]["traceback"])
            elif message["msg_type"] == "execute_reply":
                status = message["content"]["status"]
    finally:
        ws.close()
    return status, stdout


@pytest.fixture
def lab(tmp_path):
    port, token = free_port(), uuid.uuid4().hex
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }
    env.pop("JUPYTER_TOKEN", None)
    token_file = tmp_path / "token"
    token_file.touch(mode=0o600)
    token_file.write_text(token + "\n")
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "lab", "--port", str(port), "--token-file", str(token_file)],
        cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"lab exited with {proc.returncode}:\n{(tmp_path / 'lab.log').read_text()[-3000:]}")
            try:
                api(port, "/api/status", token)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"/api/status did not answer in {START_SECONDS} s")
                time.sleep(0.5)
        yield port, token, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_lab_serves_the_notebooks_and_its_kernel_imports_analysis(lab):
    port, token, pid = lab
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    assert "jupyterlab" in cmdline and token not in cmdline, "the token must not be on the command line (ps)"
    status, body = api(port, "/api/status", token)
    assert status == 200 and "started" in body
    with pytest.raises(urllib.error.HTTPError) as refused:
        api(port, "/api/contents/notebooks", None)
    assert refused.value.code == 403, "the server must require the token"

    _, listing = api(port, "/api/contents/notebooks", token)
    listed = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    assert listed == sorted(p.name for p in PROJECT_ROOT.glob("notebooks/*.ipynb"))
    assert {p.name for p in notebook_paths()} <= set(listed)

    _, kernel = api(port, "/api/kernels", token, "POST", {"name": "python3"})
    try:
        status, stdout = run_code(port, token, kernel["id"], "import analysis, sys\nprint(analysis.__file__)\nprint(sys.prefix)")
        assert status == "ok", stdout
        module_file, prefix = stdout.split()[:2]
        assert module_file == str(PROJECT_ROOT / "analysis" / "__init__.py")
        assert prefix == sys.prefix, "the kernel runs in the project's venv"
    finally:
        api(port, f"/api/kernels/{kernel['id']}", token, "DELETE")


def test_lab_command_is_loopback_only_and_holds_no_token(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_TOKEN", "secret-from-env")
    argv = lab_command(8899)
    assert "--ServerApp.ip=127.0.0.1" in argv
    assert "--ServerApp.open_browser=False" in argv and f"--ServerApp.root_dir={PROJECT_ROOT}" in argv
    assert ("--allow-root" in argv) == (os.geteuid() == 0)
    assert not any("token" in arg.lower() for arg in argv), "no token (nor token option) on the command line"
    token, origin = choose_token()
    assert (token, origin) == ("secret-from-env", "from $JUPYTER_TOKEN")
    assert lab_environment(token)["JUPYTER_TOKEN"] == "secret-from-env"
    monkeypatch.delenv("JUPYTER_TOKEN")
    generated, origin = choose_token()
    assert origin == "generated" and len(generated) == 48 and choose_token()[0] != generated


def test_token_file_must_be_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "token"
    path.write_text("  s3cret\n")
    path.chmod(0o600)
    before = path.read_bytes()
    assert read_token_file(path) == "s3cret" and choose_token(path) == ("s3cret", f"from {path}")
    env = lab_environment(read_token_file(path))
    assert env["JUPYTER_TOKEN"] == "s3cret" and "JUPYTER_TOKEN_FILE" not in env
    for mode in (0o644, 0o640, 0o604, 0o620):
        path.chmod(mode)
        with pytest.raises(TokenFileError, match="can be read or written by other users.*chmod 600"):
            read_token_file(path)
    path.chmod(0o600)
    assert path.read_bytes() == before, "the token file is never changed"
    path.write_text("\n")
    with pytest.raises(TokenFileError, match="empty"):
        read_token_file(path)
    with pytest.raises(TokenFileError, match="not readable"):
        read_token_file(tmp_path / "missing")
    with pytest.raises(TokenFileError, match="not a regular file"):
        read_token_file(tmp_path)


def test_lab_refuses_a_token_file_others_can_read(tmp_path):
    path = tmp_path / "token"
    path.write_text("s3cret")
    path.chmod(0o644)
    result = subprocess.run([sys.executable, "-m", "analysis", "lab", "--token-file", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {path}: token file can be read or written by other users (mode -rw-r--r--); "
        f"make it yours alone: chmod 600 {path}"
    ]
