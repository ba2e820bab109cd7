"""Send one request with httpx; imported only when a request is really sent.

Two limits protect the CLI from a server that misbehaves:

- ``--timeout`` is a deadline for the whole exchange (connect, send, every
  read of the headers and the body). A server that trickles a byte at a time
  cannot keep a command alive: each network wait is clipped to what is left
  of the deadline (runtime/deadline.py), and the body loop checks it too.
- ``--max-response-size`` caps the decoded body, so a small compressed answer
  cannot expand into gigabytes of memory.

Redirects are never followed: the answer comes back as it is, and the caller
reports a 3xx as an error.

A failed connection or a 408, 429, 502, 503 or 504 answer is retried as
``--retries`` allows, where replaying is safe (runtime/retry.py); every
attempt and every wait fits in the one ``--timeout`` deadline.
"""

from __future__ import annotations

import sys
import time
from urllib.parse import urlsplit

import httpx

from . import deadline as deadlines
from . import redact
from .errors import EXIT_NETWORK, EXIT_RESPONSE, EXIT_USAGE, CliError
from .retry import Deadline, RetryPolicy, next_wait, replay_safe
from .settings import Settings
from .wire import Call, Reply


def send(call: Call, cfg: Settings, transport: httpx.BaseTransport | None = None) -> Reply:
    """Send ``call`` within ``cfg.timeout``, retrying where safe; failures become one-line CliErrors.

    The deadline starts once the httpx client is built (loading the CA
    certificates takes a while on a busy machine): it measures the exchange
    with the server, not the CLI's own set-up.
    """
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
            deadline = Deadline(cfg.timeout)
            if not deadlines.install(client) and cfg.debug and transport is None:
                sys.stderr.write(
                    "* the deadline covers each network wait, not the whole exchange\n"
                )
            while True:
                attempt += 1
                try:
                    with deadlines.within(deadline):
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
