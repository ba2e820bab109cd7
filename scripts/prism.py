"""Start Stoplight Prism (from node_modules) on a free loopback port and stop it after.

Used by the tests and by ``make demo``; nothing needs to be running beforehand.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRISM = ROOT / "node_modules" / ".bin" / "prism"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _PortTaken(Exception):
    pass


class Prism:
    """``with Prism(spec) as prism: prism.url`` is a running mock server."""

    def __init__(self, spec: Path, timeout: float = 90.0) -> None:
        self.spec = Path(spec)
        self.timeout = timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.mkstemp(prefix="prism-", suffix=".log")[1])

    def __enter__(self) -> Prism:
        if not PRISM.exists():
            raise RuntimeError(f"{PRISM} is missing; run `make setup`")
        for _attempt in range(5):
            with self.log.open("wb") as log:
                self.process = subprocess.Popen(
                    [str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(self.port), str(self.spec)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,
                    cwd=ROOT,
                )
            try:
                self._wait()
                return self
            except _PortTaken:
                # another program took the port between free_port() and Prism binding it
                self.port = free_port()
                self.url = f"http://127.0.0.1:{self.port}"
        raise RuntimeError(f"Prism found no free port in 5 attempts:\n{self.tail()}")

    def _wait(self) -> None:
        """Until our own Prism says it listens: an answer on the port could come from another program's server."""
        deadline = time.monotonic() + self.timeout
        listening = f"Prism is listening on {self.url}"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                if "EADDRINUSE" in self.tail(200):
                    raise _PortTaken()
                raise RuntimeError(f"Prism exited with {self.process.returncode}:\n{self.tail()}")
            if listening in self.log.read_text(errors="replace"):
                try:
                    urllib.request.urlopen(self.url + "/", timeout=1)
                    return
                except urllib.error.HTTPError:
                    return  # any HTTP answer means it is serving
                except OSError:
                    pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Prism did not answer on {self.url} within {self.timeout:.0f}s:\n{self.tail()}")

    def tail(self, lines: int = 20) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.log.unlink(missing_ok=True)
