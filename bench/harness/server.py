"""A server process under test: started in its own process group, always killed as a group."""

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from . import procstat
from .systems import REPO, System

_DROP_ENV = ("PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT", "VIRTUAL_ENV")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StartError(Exception):
    pass


class Server:
    def __init__(self, system: System, env: dict[str, str], log_path: Path, startup_timeout: float | None = None):
        self.system = system
        self.startup_timeout = max(system.startup_timeout, startup_timeout or 0.0)
        self.port = free_port()
        self.log_path = log_path
        base = {k: v for k, v in os.environ.items() if k not in _DROP_ENV}
        self._env = {**base, "PYTHONPATH": str(REPO), **system.env, **env}
        self._proc: subprocess.Popen | None = None
        self._seen_pids: set[int] = set()

    def start(self) -> None:
        with open(self.log_path, "wb") as log:
            self._proc = subprocess.Popen(
                self.system.argv(self.port), cwd=REPO, env=self._env,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def wait_ready(self) -> None:
        """Until GET /health gets any HTTP answer; raises StartError if it exits or times out."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if (code := self._proc.poll()) is not None:
                raise StartError(f"exited with code {code} before listening")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/health")
                conn.getresponse().read()
                conn.close()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        raise StartError(f"not answering on port {self.port} after {self.startup_timeout:g} s")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def exit_code(self) -> int | None:
        return self._proc.poll() if self._proc else None

    def pids(self) -> list[int]:
        pids = procstat.tree(self._proc.pid) if self._proc and self._proc.poll() is None else []
        self._seen_pids.update(pids)
        return pids

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to the process group, SIGKILL after 5 s; also kills any stray child seen."""
        if self._proc is None:
            return
        self.pids()
        for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 2.0)):
            try:
                os.killpg(self._proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self._proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        for pid in self._seen_pids - {self._proc.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
