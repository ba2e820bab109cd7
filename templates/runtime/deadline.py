"""One deadline for a whole blocking exchange: connect, send, headers and body.

httpx's timeouts bound each network wait, so a server that sends one byte
of its headers every few seconds never trips them. Here every wait of a
connection is clipped to what is left of the deadline of the call that
waits: the blocking clients (the CLI's ``transport`` and ``SyncCore``) wrap
the network backend of their httpx pools (``install``) and run each call
under ``within(deadline)``. The deadline lives in a context variable, so a
pooled connection reused by the next call, or a client shared by threads,
always obeys the deadline of the call that is using it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from time import monotonic
from typing import Any

import httpcore
import httpx

from .retry import Deadline

_current: ContextVar[Deadline | None] = ContextVar("deadline", default=None)


class DeadlineExceeded(httpcore.ReadTimeout):
    """Raised inside httpcore when the call's whole deadline has passed (httpx: ReadTimeout)."""


@contextmanager
def within(deadline: Deadline) -> Iterator[None]:
    """Network waits on this thread (and task) end by ``deadline`` while the block runs."""
    token = enter(deadline)
    try:
        yield
    finally:
        leave(token)


def enter(deadline: Deadline) -> Token[Deadline | None]:
    """``within`` without a context manager, for a call's hot path: ``leave`` in a ``finally``."""
    return _current.set(deadline)


def leave(token: Token[Deadline | None]) -> None:
    _current.reset(token)


def clip(timeout: float | None) -> float | None:
    """A network wait of at most ``timeout`` and never past the current deadline."""
    deadline = _current.get()
    if deadline is None:
        return timeout
    left = (
        deadline.end - monotonic()
    )  # Deadline.remaining, inlined: this runs for every read and write
    if left <= 0:
        raise DeadlineExceeded("the deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every read and write is clipped to the deadline of the call using it."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, clip(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Opens connections as the wrapped backend does, each wait clipped to the deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        """Resolve within the deadline, then try each address in turn (TLS still checks ``host``)."""
        if _current.get() is None:
            return _Stream(
                self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
            )
        failure: Exception | None = None
        for address in _resolve(host, port):
            try:
                stream = self._inner.connect_tcp(
                    address, port, clip(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return _Stream(stream)
        raise failure or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, clip(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        deadline = _current.get()
        self._inner.sleep(seconds if deadline is None else min(seconds, deadline.remaining()))


def _resolve(host: str, port: int) -> list[str]:
    """The addresses of ``host``; a resolver that hangs cannot outlast the deadline.

    The lookup runs in a daemon thread because getaddrinfo has no timeout of its own;
    an IP address needs none (and a thread may take long to start on a busy machine).
    """
    import ipaddress

    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
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
    worker.join(clip(None))
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took longer than the deadline")
    if problem:
        raise httpcore.ConnectError(str(problem[0]))
    return found


def install(client: httpx.Client) -> bool:
    """Put every connection pool of ``client`` (proxies included) under the call's deadline.

    httpx has no public hook for its network backend, so this reaches into
    the pools it builds. If their shape ever changes, or the transport is one
    of the caller's own without a pool, nothing fails here: it returns False,
    and the deadline is still kept by the per-read timeouts and the deadline
    check of the body loop.
    """
    try:
        transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    except (AttributeError, TypeError):
        return False
    applied = False
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, _Backend):
            applied = True
        elif isinstance(backend, httpcore.NetworkBackend):
            try:
                pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
            except (AttributeError, TypeError):
                continue
            applied = True
    return applied
