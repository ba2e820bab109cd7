"""Send one request with httpx; imported only when a request is really sent."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from .errors import EXIT_NETWORK, CliError
from .settings import Settings
from .wire import Call, Reply


def send(call: Call, cfg: Settings, transport: httpx.BaseTransport | None = None) -> Reply:
    """Send ``call``; network failures become one-line CliErrors (exit 4)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(call.url))
    try:
        with httpx.Client(timeout=cfg.timeout, transport=transport) as client:
            response = client.request(
                call.method, call.url, headers=call.headers, content=call.content()
            )
    except httpx.TimeoutException:
        raise CliError(
            f"timed out after {_seconds(cfg.timeout)} waiting for {origin}",
            EXIT_NETWORK,
            "raise it with --timeout",
        ) from None
    except httpx.ConnectError as exc:
        reason = _reason(exc)
        raise CliError(
            f"cannot connect to {origin}: {reason}",
            EXIT_NETWORK,
            "check --server-url and your network",
        ) from None
    except httpx.HTTPError as exc:
        raise CliError(f"request to {origin} failed: {_reason(exc)}", EXIT_NETWORK) from None
    return Reply(
        response.status_code,
        response.reason_phrase,
        list(response.headers.multi_items()),
        response.content,
        response.http_version,
    )


def _reason(exc: Exception) -> str:
    text = str(exc) or exc.__class__.__name__
    if "refused" in text.lower():
        return "connection refused"
    if "name or service not known" in text.lower() or "nodename nor servname" in text.lower():
        return "unknown host"
    return " ".join(text.split())[:160]


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f}ms" if value < 1 else f"{value:g}s"
