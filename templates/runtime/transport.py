"""Send one request with httpx; imported only when a request is really sent.

Two limits protect the CLI from a server that misbehaves:

- ``--timeout`` is a deadline for the whole exchange (connect, send, every
  read of the headers and the body). A server that trickles a byte at a time
  cannot keep a command alive: each network wait is clipped to what is left
  of the deadline (``Deadline``), and the body loop checks it too.
- ``--max-response-size`` caps the decoded body, so a small compressed answer
  cannot expand into gigabytes of memory.

Redirects are never followed: the answer comes back as it is, and the caller
reports a 3xx as an error.

A failed connection or a 408, 429, 502, 503 or 504 answer is retried as
``--retries`` allows, where replaying is safe (runtime/retry.py); every
attempt and every wait fits in the one ``--timeout`` deadline.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from . import redact
from .errors import EXIT_NETWORK, EXIT_RESPONSE, EXIT_USAGE, CliError
from .retry import RetryPolicy, next_wait, replay_safe
from .settings import Settings
from .wire import Call, Reply


class DeadlineExceeded(httpcore.ReadTimeout):
    """Raised inside httpcore when the whole exchange ran out of time."""


class Deadline:
    """The moment one exchange (every attempt of it) must be over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def clip(self, timeout: float | None) -> float:
        """A network wait of at most ``timeout`` and never past the deadline."""
        left = self.remaining()
        if left <= 0:
            raise DeadlineExceeded("the deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write is clipped to the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, self._deadline.clip(timeout)),
            self._deadline,
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections as the wrapped backend does, clipped to the deadline."""

    def __init__(self, inner: httpcore.NetworkBackend, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        """Resolve within the deadline, then try each address in turn (TLS still checks ``host``)."""
        failure: Exception | None = None
        for address in _resolve(host, port, self._deadline):
            try:
                stream = self._inner.connect_tcp(
                    address, port, self._deadline.clip(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise failure or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.connect_unix_socket(path, self._deadline.clip(timeout), socket_options),
            self._deadline,
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(min(seconds, max(self._deadline.remaining(), 0)))


def _resolve(host: str, port: int, deadline: Deadline) -> list[str]:
    """The addresses of ``host``; a resolver that hangs cannot outlast the deadline.

    The lookup runs in a daemon thread because getaddrinfo has no timeout of its own.
    """
    found: list[str] = []
    problem: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except (OSError, UnicodeError) as exc:
            problem.append(exc)

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(deadline.clip(None))
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took longer than the deadline")
    if problem:
        raise httpcore.ConnectError(str(problem[0]))
    return found


def _apply_deadline(client: httpx.Client, deadline: Deadline) -> bool:
    """Put every connection pool of ``client`` (proxies included) under ``deadline``.

    httpx has no public hook for its network backend, so this reaches into
    the pools it builds. If their shape ever changes, nothing fails here: it
    returns False and the deadline is still kept by the per-read timeouts
    (each at most ``--timeout``) and the deadline check of the body loop.
    """
    try:
        transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    except (AttributeError, TypeError):
        return False
    applied = False
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, _DeadlineBackend):
            applied = True
        elif isinstance(backend, httpcore.NetworkBackend):
            try:
                pool._network_backend = _DeadlineBackend(backend, deadline)  # type: ignore[union-attr]
            except (AttributeError, TypeError):
                continue
            applied = True
    return applied


def send(call: Call, cfg: Settings, transport: httpx.BaseTransport | None = None) -> Reply:
    """Send ``call`` within ``cfg.timeout``, retrying where safe; failures become one-line CliErrors."""
    deadline = Deadline(cfg.timeout)
    origin = redact.url("{0.scheme}://{0.netloc}".format(urlsplit(call.url)))
    policy = RetryPolicy.of(cfg.retries)
    safe = replay_safe(call.method, call.retry_safe)
    attempt = 0
    from .body import ACCEPT_ENCODING

    try:
        with httpx.Client(
            timeout=cfg.timeout,
            transport=transport,
            follow_redirects=False,
            headers={"Accept-Encoding": ACCEPT_ENCODING},  # only what runtime/body.py decodes
        ) as client:
            if not _apply_deadline(client, deadline) and cfg.debug and transport is None:
                sys.stderr.write(
                    "* the deadline covers each network wait, not the whole exchange\n"
                )
            while True:
                attempt += 1
                try:
                    reply = _attempt(client, call, deadline, cfg.max_response_size)
                except httpx.TransportError as exc:
                    wait = _wait_after_error(exc, policy, attempt, safe)
                    if wait is None or wait >= deadline.remaining():
                        raise
                    _pause(cfg, attempt, policy, wait, _reason(exc))
                    continue
                asked = dict((k.lower(), v) for k, v in reply.headers).get("retry-after")
                wait = next_wait(
                    policy, attempt, safe, status=reply.status, retry_after_header=asked
                )
                if wait is None or wait >= deadline.remaining():
                    return reply
                _pause(cfg, attempt, policy, wait, f"HTTP {reply.status} {reply.reason}".strip())
    except httpx.TimeoutException:
        raise CliError(
            f"timed out after {_seconds(cfg.timeout)} waiting for {origin}{_tries(attempt)}",
            EXIT_NETWORK,
            "raise it with --timeout",
        ) from None
    except httpx.ConnectError as exc:
        raise CliError(
            f"cannot connect to {origin}: {_reason(exc)}{_tries(attempt)}",
            EXIT_NETWORK,
            "check --server-url and your network",
        ) from None
    except httpx.DecodingError as exc:
        raise CliError(
            f"invalid response from {origin}: the body cannot be decoded: {_reason(exc)}",
            EXIT_RESPONSE,
        ) from None
    except httpx.LocalProtocolError as exc:
        raise CliError(f"the request cannot be sent as given: {_reason(exc)}", EXIT_USAGE) from None
    except httpx.HTTPError as exc:
        raise CliError(
            f"request to {origin} failed: {_reason(exc)}{_tries(attempt)}", EXIT_NETWORK
        ) from None
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise CliError(f"the request cannot be sent as given: {_reason(exc)}", EXIT_USAGE) from None


def _attempt(client: httpx.Client, call: Call, deadline: Deadline, limit: int) -> Reply:
    """One request and its whole answer."""
    request = client.build_request(
        call.method, call.url, headers=call.headers, **call.send_arguments()
    )
    response = client.send(request, stream=True)
    try:
        content = _read_body(response, deadline, limit)
    finally:
        response.close()
    return Reply(
        response.status_code,
        response.reason_phrase,
        list(response.headers.multi_items()),
        content,
        response.http_version,
    )


def _wait_after_error(
    exc: httpx.TransportError, policy: RetryPolicy, attempt: int, safe: bool
) -> float | None:
    """The wait before retrying a failed exchange, or None: timeouts spent the deadline, a bad request stays bad."""
    if isinstance(
        exc, (httpx.TimeoutException, httpx.LocalProtocolError, httpx.UnsupportedProtocol)
    ):
        return None
    return next_wait(policy, attempt, safe, sent=not isinstance(exc, httpx.ConnectError))


def _pause(cfg: Settings, attempt: int, policy: RetryPolicy, wait: float, why: str) -> None:
    """Wait before the next attempt, saying so under --debug."""
    if cfg.debug:
        sys.stderr.write(
            f"* attempt {attempt} of {policy.retries + 1}: {why}; retrying in {wait:.2f}s\n"
        )
    time.sleep(wait)


def _tries(attempts: int) -> str:
    return f" ({attempts} attempts)" if attempts > 1 else ""


def _read_body(response: httpx.Response, deadline: Deadline, limit: int) -> bytes:
    """The decoded body, refused past ``limit`` bytes or past the deadline."""
    chunks: list[bytes] = []
    size = 0
    from .body import decoded

    for chunk in decoded(response):
        size += len(chunk)
        if size > limit:
            raise CliError(
                f"invalid response (HTTP {response.status_code}): the body is larger than {format_size(limit)} once decoded",
                EXIT_RESPONSE,
                "raise the limit with --max-response-size",
            )
        chunks.append(chunk)
        if deadline.remaining() <= 0:
            raise httpx.ReadTimeout("the deadline passed")
    return b"".join(chunks)


def format_size(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _reason(exc: Exception) -> str:
    """A library's message, one line, secrets masked before it is shortened (a cut secret
    would no longer be recognised)."""
    text = redact.scrub(str(exc)) or exc.__class__.__name__
    if "refused" in text.lower():
        return "connection refused"
    if "name or service not known" in text.lower() or "nodename nor servname" in text.lower():
        return "unknown host"
    return " ".join(text.split())[:160]


def _seconds(value: float) -> str:
    return f"{value * 1000:g}ms" if value < 1 else f"{value:g}s"
