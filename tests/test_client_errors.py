"""Typed exceptions, raw responses, per-call options and logging of the generated clients."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from authlete_cli import (
    AsyncAuthleteClient,
    AuthleteApiError,
    AuthleteClient,
    BadRequestError,
    ForbiddenError,
    NotFoundError,
    RateLimitedError,
    RawResponse,
    RequestOptions,
    ServerError,
    UnauthorizedError,
    models,
)
from loopback import Answer, Loopback, sequence

BEARER = "service-access-token-0123456789"
ERROR = {"resultCode": "A001201", "resultMessage": "[A001201] Something is wrong."}
OK = {"resultCode": "A056001", "resultMessage": "ok", "action": "OK", "usable": True}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, UnauthorizedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (429, RateLimitedError),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_each_error_status_has_its_class(status, cls):
    headers = {"X-Request-Id": "req-42", "Retry-After": "7"}
    with Loopback(sequence(Answer(status, ERROR, headers))) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(cls) as caught:
                client.introspection_process("715948317", {"token": "tok"})
    error = caught.value
    assert isinstance(error, AuthleteApiError)
    assert error.status_code == status == error.status
    assert error.headers["x-request-id"] == "req-42"
    assert f"HTTP {status}" in str(error) and "A001201" in str(error)
    # the spec declares 400, 401, 403 and 500 with a result model; others keep the decoded JSON
    if str(status) in {"400", "401", "403", "500"}:
        assert isinstance(error.result, models.Result)
        assert error.result.result_code == "A001201"
    else:
        assert error.result["resultCode"] == "A001201"
    assert error.request.method == "POST"
    assert error.request.url == f"{server.url}/api/715948317/auth/introspection"
    assert BEARER not in repr(error.request.headers)
    assert error.request.headers["Authorization"].startswith("Bearer serv")
    if cls is RateLimitedError:
        assert error.retry_after == 7.0


def test_an_undeclared_status_is_the_base_class():
    with Loopback(sequence(Answer(409, ERROR))) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            with pytest.raises(AuthleteApiError) as caught:
                client.introspection_process("1", {"token": "tok"})
    assert type(caught.value) is AuthleteApiError
    assert caught.value.status_code == 409


def test_error_with_a_body_that_is_not_json():
    with Loopback(sequence(Answer(502, b"<html>bad gateway</html>"))) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(ServerError) as caught:
                client.introspection_process("1", {"token": "tok"})
    assert caught.value.result is None
    assert caught.value.body == b"<html>bad gateway</html>"


def test_raw_variant_returns_status_headers_and_model():
    with Loopback(sequence(Answer(200, OK, {"X-Request-Id": "r-1"}))) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            raw = client.introspection_process_raw("1", {"token": "tok"})
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "r-1"
    assert isinstance(raw.parsed, models.IntrospectionResponse)
    assert raw.parsed.usable is True
    assert raw.request.method == "POST" and raw.attempts == 1
    assert BEARER not in repr(raw.request)


def test_raw_variant_async():
    async def main(url: str) -> RawResponse[models.IntrospectionResponse]:
        async with AsyncAuthleteClient(BEARER, server_url=url) as client:
            return await client.introspection_process_raw("1", {"token": "tok"})

    with Loopback(sequence(Answer(200, OK, {"X-Request-Id": "r-2"}))) as server:
        raw = asyncio.run(main(server.url))
    assert raw.status_code == 200 and raw.headers["x-request-id"] == "r-2" and raw.parsed.usable


def test_every_method_has_a_raw_twin_taking_request_options():
    import inspect

    for cls in (AuthleteClient, AsyncAuthleteClient):
        names = [n for n in vars(cls) if not n.startswith("_") and n not in ("close", "aclose")]
        plain = [n for n in names if not n.endswith(("_raw", "_pages"))]
        assert len(plain) == 14
        for name in plain:
            assert f"{name}_raw" in names, name
            for method in (name, f"{name}_raw"):
                assert "request_options" in inspect.signature(getattr(cls, method)).parameters, method


def test_per_call_headers_and_timeout():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=OK)

    with AuthleteClient(
        BEARER, server_url="http://api.test", headers={"X-A": "client"}, transport=httpx.MockTransport(handler)
    ) as client:
        client.introspection_process(
            "1", {"token": "t"}, request_options=RequestOptions(headers={"X-B": "call"}, timeout=2.5)
        )
        client.introspection_process("1", {"token": "t"})
    assert seen[0].headers["x-a"] == "client" and seen[0].headers["x-b"] == "call"
    assert "x-b" not in seen[1].headers
    assert seen[0].extensions["timeout"]["read"] <= 2.5
    assert seen[1].extensions["timeout"]["read"] > 2.5


def test_per_call_timeout_against_a_slow_server():
    def slow(number: int, _seen: object) -> Answer:
        import time

        time.sleep(1.5)
        return Answer(200, OK)

    with Loopback(slow) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(httpx.TimeoutException):
                client.introspection_process("1", {"token": "t"}, request_options=RequestOptions(timeout=0.3))


def test_logging_under_the_package_logger_with_secrets_masked(caplog):
    caplog.set_level(logging.DEBUG, logger="authlete_cli")
    with Loopback(sequence(Answer(503), Answer(200, OK))) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=2) as client:
            client.introspection_process("1", {"token": "tok"})
    records = [r for r in caplog.records if r.name == "authlete_cli"]
    text = "\n".join(r.getMessage() for r in records)
    assert "attempt 1: POST" in text and "attempt 2: POST" in text
    assert "HTTP 503" in text and "retrying in" in text
    assert any(r.levelno == logging.INFO and "retrying" in r.getMessage() for r in records)
    assert "Bearer serv" in text and BEARER not in text
