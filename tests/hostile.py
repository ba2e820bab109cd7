"""Small misbehaving HTTP servers for the tests, and an in-process way to run the CLI.

Each server listens on a free loopback port, answers a bounded number of
connections with a scripted handler, and stops after a bounded time even if
nobody closes it. It records what it saw (method, raw target, headers, body)
so a test can assert that bad input sent nothing at all.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from authlete_cli.runtime.app import main

AGENT_VARS = (
    "CLAUDECODE",
    "CLAUDE_CODE",
    "CURSOR_AGENT",
    "CODEX_SANDBOX",
    "GEMINI_CLI",
    "AIDER_MODEL",
    "CLINE_TASK",
    "AGENT_MODE_AUTHLETE",
)


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    target: str  # the raw request target, percent-encoding untouched
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Handler = Callable[[socket.socket, Seen], None]


def _read_request(conn: socket.socket) -> Seen | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk or len(data) > 1 << 20:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Seen(method, target, headers, rest[:length])


class Server:
    """A loopback server answering at most ``max_requests`` connections for at most ``life`` seconds."""

    def __init__(self, handler: Handler, max_requests: int = 3, life: float = 30.0) -> None:
        self.handler = handler
        self.requests: list[Seen] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(max_requests, life), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self, max_requests: int, life: float) -> None:
        end = time.monotonic() + life
        served = 0
        while served < max_requests and not self._stop.is_set() and time.monotonic() < end:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            served += 1
            with conn:
                conn.settimeout(5)
                try:
                    seen = _read_request(conn)
                    if seen is not None:
                        self.requests.append(seen)
                        self.handler(conn, seen)
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self.sock.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def raw_response(
    status: int, body: bytes = b"", headers: list[tuple[str, str]] | None = None, reason: str = "X"
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"]
    names = {k.lower() for k, _ in headers or []}
    all_headers = list(headers or [])
    if "content-length" not in names and "transfer-encoding" not in names:
        all_headers.append(("Content-Length", str(len(body))))
    all_headers.append(("Connection", "close"))
    lines += [f"{k}: {v}" for k, v in all_headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def answer(status: int, body: Any = b"", headers: list[tuple[str, str]] | None = None, reason: str = "X") -> Handler:
    """A handler that sends one fixed answer (a dict or list is sent as JSON)."""
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
        headers = [("Content-Type", "application/json"), *(headers or [])]

    def handle(conn: socket.socket, seen: Seen) -> None:
        conn.sendall(raw_response(status, body, headers, reason))

    return handle


def echo(status: int) -> Handler:
    """Answer with an error body that repeats the whole request back, as some servers do."""

    def handle(conn: socket.socket, seen: Seen) -> None:
        text = f"{seen.method} {seen.target} {json.dumps(seen.headers)} {seen.body.decode('utf-8', 'replace')}"
        body = json.dumps({"resultCode": "A001", "resultMessage": text}).encode()
        conn.sendall(raw_response(status, body, [("Content-Type", "application/json")]))

    return handle


def trickle(head: bytes, body: bytes, interval: float = 0.3) -> Handler:
    """Send ``head`` then ``body`` one byte at a time: each read is quick, the whole is slow."""

    def handle(conn: socket.socket, seen: Seen) -> None:
        for byte in head + body:
            conn.sendall(bytes([byte]))
            time.sleep(interval)

    return handle


def gzip_bomb(decoded_size: int) -> Handler:
    """A small gzip body that expands to ``decoded_size`` bytes of a JSON string."""
    payload = b'{"resultMessage": "' + b"a" * decoded_size + b'"}'
    compressed = gzip.compress(payload, compresslevel=9)

    def handle(conn: socket.socket, seen: Seen) -> None:
        headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
        conn.sendall(raw_response(200, compressed, headers))

    return handle


@dataclass
class Result:
    code: int
    out: str
    err: str
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.out + self.err


class InProcess:
    """Run ``main(argv)`` in this process with an isolated environment and captured output."""

    def __init__(self, home: Any, monkeypatch: Any, capsys: Any) -> None:
        self.home = home
        self.monkeypatch = monkeypatch
        self.capsys = capsys

    def __call__(self, *args: str, env: dict[str, str] | None = None, stdin: str | bytes = "") -> Result:
        mp = self.monkeypatch
        for name in list(os.environ):
            if name.startswith("AUTHLETE_") or name in AGENT_VARS or name in ("FORCE_COLOR", "NO_COLOR"):
                mp.delenv(name)
        mp.setenv("HOME", str(self.home))
        mp.setenv("XDG_CONFIG_HOME", str(self.home / ".config"))
        mp.setenv("COLUMNS", "120")
        for name, value in (env or {}).items():
            mp.setenv(name, value)
        raw = stdin.encode() if isinstance(stdin, str) else stdin
        mp.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        self.capsys.readouterr()
        start = time.monotonic()
        code = main(list(args))
        seconds = time.monotonic() - start
        out, err = self.capsys.readouterr()
        return Result(code, out, err, seconds)


def assert_clean(result: Result, *secrets: str) -> None:
    """No traceback, no internal error, and no secret in full (nor URL-encoded) anywhere."""
    from urllib.parse import quote, quote_plus

    text = result.text
    assert "Traceback" not in text, text
    assert "internal error" not in text, text
    for secret in secrets:
        for spelling in {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]}:
            assert spelling not in text, f"{secret!r} printed in full:\n{text}"
