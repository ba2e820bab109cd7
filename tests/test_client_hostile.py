"""The generated Python client against servers that misbehave: bounded memory, a deadline that
covers the body, and typed errors for answers the spec does not declare.

Each test starts its own loopback server (tests/hostile.py) that answers with raw bytes.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import zlib

import httpx
import pytest
from authlete_cli import (
    AsyncAuthleteClient,
    AuthleteApiError,
    AuthleteClient,
    RequestOptions,
    ResponseTooLargeError,
    UnexpectedStatusError,
    UnusableResponseError,
)
from hostile import Server, answer, trickle

BEARER = "BEARER-3xV9qLr7TgM2pZk8WcN4hJd6Yb1Fs5Ae"
OK_TOKEN = {"resultCode": "A050001", "resultMessage": "ok", "action": "OK"}
REQUEST = {"parameters": "grant_type=client_credentials"}


def _bomb(megabytes: int) -> bytes:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [squeeze.compress(b'{"resultMessage": "')]
    parts += [squeeze.compress(b"a" * (1 << 20)) for _ in range(megabytes)]
    return b"".join([*parts, squeeze.flush()])


def _peak(call):
    import tracemalloc

    tracemalloc.start()
    try:
        outcome = call()
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_compression_bomb_is_refused_within_a_small_margin_of_the_limit():
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
    with Server(answer(200, _bomb(300), headers)) as server:
        with AuthleteClient(BEARER, server_url=server.url, max_response_size=1 << 20) as client:

            def call():
                with pytest.raises(ResponseTooLargeError) as caught:
                    client.token_process("1", REQUEST)
                return caught.value

            error, peak = _peak(call)
    assert peak < 16 << 20, f"peak {peak >> 20} MiB"
    assert isinstance(error, AuthleteApiError)
    assert error.status_code == 200 and "1048576 bytes" in str(error)
    assert error.body == b""
    assert BEARER not in repr(error.request)
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


def test_a_large_plain_body_is_refused_by_the_async_client_and_per_call():
    body = json.dumps({**OK_TOKEN, "resultMessage": "z" * (3 << 20)}).encode()
    with Server(answer(200, body, [("Content-Type", "application/json")]), max_requests=2) as server:

        async def main():
            with_client = AsyncAuthleteClient(BEARER, server_url=server.url, max_response_size=1 << 20)
            try:
                with pytest.raises(ResponseTooLargeError):
                    await with_client.token_process("1", REQUEST)
                bigger = RequestOptions(max_response_size=8 << 20)
                return await with_client.token_process("1", REQUEST, request_options=bigger)
            finally:
                await with_client.aclose()

        parsed = asyncio.run(main())
    assert len(parsed.result_message) == 3 << 20


def test_the_default_limit_is_64_mib():
    client = AuthleteClient(BEARER, server_url="http://127.0.0.1:9")
    assert client.max_response_size == 64 << 20
    with pytest.raises(ValueError, match="max_response_size"):
        AuthleteClient(BEARER, server_url="http://127.0.0.1:9", max_response_size=0)


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_a_typed_error_and_never_followed(status):
    location = "http://elsewhere.invalid/steal"
    with Server(answer(status, b"", [("Location", location)])) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            with pytest.raises(UnexpectedStatusError) as caught:
                client.token_process("1", REQUEST)
    error = caught.value
    assert isinstance(error, AuthleteApiError)
    assert error.status_code == status
    assert location in str(error) and "not followed" in str(error)
    assert error.headers["location"] == location
    assert len(server.requests) == 1


def test_an_undeclared_2xx_is_a_typed_error_not_a_none_model():
    with Server(answer(201, OK_TOKEN)) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            with pytest.raises(UnexpectedStatusError) as caught:
                client.token_process("1", REQUEST)
    assert caught.value.status_code == 201
    assert "does not declare" in str(caught.value) and "200" in str(caught.value)
    assert json.loads(caught.value.body) == OK_TOKEN


def test_a_declared_204_is_still_success_and_an_undeclared_one_is_not():
    with Server(answer(204), max_requests=2) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            assert client.token_management_delete("abc", "1") is None
            with pytest.raises(UnexpectedStatusError):
                client.token_management_revoke("1", {"accessTokenIdentifier": "abc"})


def test_the_deadline_covers_a_trickling_body():
    """Each byte comes well within the read timeout; the whole body would take 7.5 s."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 150\r\nConnection: close\r\n\r\n"

    def handle(conn, seen):
        conn.sendall(head)
        trickle(b"", b"{" + b" " * 148 + b"}", interval=0.05)(conn, seen)

    with Server(handle) as server:
        with AuthleteClient(BEARER, server_url=server.url, timeout=1.0, retries=False) as client:
            start = time.monotonic()
            with pytest.raises(httpx.TimeoutException):
                client.token_process("1", REQUEST)
    assert time.monotonic() - start < 2.5


def test_the_async_deadline_covers_trickling_headers():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: " + b"a" * 60 + b"\r\n\r\n"
    with Server(trickle(head, b"", interval=0.05)) as server:

        async def main():
            async with AsyncAuthleteClient(BEARER, server_url=server.url, timeout=1.0, retries=False) as client:
                await client.token_process("1", REQUEST)

        start = time.monotonic()
        with pytest.raises(httpx.TimeoutException):
            asyncio.run(main())
    assert time.monotonic() - start < 2.5


def test_the_blocking_deadline_covers_trickling_headers():
    """One header byte every 50 ms: each read is quick, the headers alone would take over 12 s."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: " + b"a" * 200 + b"\r\n\r\n"
    with Server(trickle(head, b"", interval=0.05)) as server:
        with AuthleteClient(BEARER, server_url=server.url, timeout=1.0, retries=False) as client:
            start = time.monotonic()
            with pytest.raises(httpx.TimeoutException):
                client.token_process("1", REQUEST)
            elapsed = time.monotonic() - start
    assert elapsed < 6, f"{elapsed:.1f}s"  # the deadline is 1 s; the margin is for a busy machine


def test_the_blocking_deadline_is_per_call_when_threads_share_a_client():
    """The deadline of one call must not cut a quick call made at the same time on another thread."""
    import threading

    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: " + b"a" * 60 + b"\r\n\r\n"
    outcomes: dict[str, object] = {}
    with (
        Server(trickle(head, b"", interval=0.05), max_requests=1) as slow,
        Server(answer(200, OK_TOKEN), max_requests=1) as quick,
    ):
        with AuthleteClient(BEARER, server_url=slow.url, timeout=1.0, retries=False) as client:

            def call_slow():
                try:
                    client.token_process("1", REQUEST)
                except httpx.TimeoutException as exc:
                    outcomes["slow"] = exc

            worker = threading.Thread(target=call_slow)
            worker.start()
            time.sleep(0.3)
            quick_options = RequestOptions(timeout=30.0)
            client.base_url = quick.url  # the same pool, another server
            outcomes["quick"] = client.token_process("1", REQUEST, request_options=quick_options)
            worker.join(5)
    assert isinstance(outcomes.get("slow"), httpx.TimeoutException)
    assert outcomes["quick"].result_message == "ok"


@pytest.mark.parametrize("coding", ["br", "zstd", "gzip, br"])
def test_codings_that_cannot_be_bounded_are_refused(coding):
    headers = [("Content-Type", "application/json"), ("Content-Encoding", coding)]
    with Server(answer(200, gzip.compress(json.dumps(OK_TOKEN).encode()), headers)) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            with pytest.raises(httpx.DecodingError, match="br-encoded|zstd-encoded"):
                client.token_process("1", REQUEST)


def test_stacked_codings_are_decoded():
    payload = json.dumps(OK_TOKEN).encode()
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip, deflate")]
    with Server(answer(200, zlib.compress(gzip.compress(payload)), headers)) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            assert client.token_process("1", REQUEST).result_message == "ok"


def test_an_error_body_is_still_kept_and_parsed():
    error = {"resultCode": "A001", "resultMessage": "bad"}
    with Server(answer(400, error)) as server:
        with AuthleteClient(BEARER, server_url=server.url) as client:
            with pytest.raises(AuthleteApiError) as caught:
                client.token_process("1", REQUEST)
    assert caught.value.status_code == 400 and json.loads(caught.value.body) == error


def test_user_accept_encoding_is_not_doubled():
    with Server(answer(200, OK_TOKEN)) as server:
        with AuthleteClient(BEARER, server_url=server.url, headers={"accept-encoding": "identity"}) as client:
            client.token_process("1", REQUEST)
    assert server.requests[0].headers["accept-encoding"] == "identity"


@pytest.mark.parametrize("json_body", [True, False])
def test_an_error_echoing_the_request_does_not_put_the_bearer_in_the_message(json_body):
    """The message of an ApiError ends up in logs: the client's own credentials are masked in it."""

    def handle(conn, seen):
        from hostile import raw_response

        text = "x" * 100 + " " + seen.headers["authorization"] + " " + seen.headers["x-api-key"]
        body = json.dumps({"resultCode": "A001", "resultMessage": text}).encode() if json_body else text.encode()
        conn.sendall(raw_response(400, body, [("Content-Type", "application/json" if json_body else "text/plain")]))

    api_key = "APIKEY-Lq2Wz8Xc4Vb6Nm1Kj3"
    with Server(handle) as server:
        with AuthleteClient(BEARER, server_url=server.url, headers={"X-Api-Key": api_key}) as client:
            with pytest.raises(AuthleteApiError) as caught:
                client.token_process("1", REQUEST)
    message = str(caught.value)
    assert "HTTP 400" in message
    for secret in (BEARER, api_key):
        for start in range(len(secret) - 7):
            assert secret[start : start + 8] not in message, message
    assert BEARER.encode() in caught.value.body  # the raw body is the caller's data, as it came


@pytest.mark.parametrize("bearer", [BEARER + "\n", BEARER + "\r", BEARER[:10] + "é" + BEARER[10:]])
def test_a_bearer_httpx_cannot_send_is_refused_without_quoting_it(bearer):
    """A token read from a file keeps its line break: httpx's error would quote the whole token."""
    with pytest.raises(ValueError) as caught:
        AuthleteClient(bearer, server_url="http://127.0.0.1:9")
    assert "bearer" in str(caught.value) and "character" in str(caught.value)
    assert BEARER[:8] not in str(caught.value) and BEARER[-8:] not in str(caught.value)


def test_a_per_call_header_httpx_cannot_send_is_refused_without_quoting_it():
    secret = "SECRET-Kq3Lx8Vm2Zr7Pw4"
    with AuthleteClient(BEARER, server_url="http://127.0.0.1:9", retries=False) as client:
        with pytest.raises(ValueError) as caught:
            client.token_process(
                "1", REQUEST, request_options=RequestOptions(headers={"X-Api-Key": secret + "\r\nX: 1"})
            )
        with pytest.raises(ValueError, match="max_response_size"):
            client.token_process("1", REQUEST, request_options=RequestOptions(max_response_size=-1))
    assert "header X-Api-Key" in str(caught.value) and "carriage return" in str(caught.value)
    assert secret not in str(caught.value)


@pytest.mark.parametrize("shape", ["result", "problem", "text"])
def test_a_flood_of_error_text_gives_a_short_message_without_the_bearer(shape):
    """An ApiError's message goes to logs: server text is masked, made one line, then cut."""

    def handle(conn, seen):
        from hostile import raw_response

        text = "x" * 280 + seen.headers["authorization"] + "\r\nX-Injected: 1 " + "y" * 200_000
        body = json.dumps(
            {"resultCode": "A001", "resultMessage": text} if shape == "result" else {"title": "Bad", "detail": text}
        )
        ctype = "application/json" if shape != "text" else "text/plain"
        conn.sendall(
            raw_response(
                400, body.encode() if shape != "text" else text.encode(), [("Content-Type", ctype)], reason="R" * 3000
            )
        )

    with Server(handle) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(AuthleteApiError) as caught:
                client.token_process("1", REQUEST)
    message = str(caught.value)
    assert len(message) < 600 and "\n" not in message and "…" in message, message[:200]
    for start in range(len(BEARER) - 7):
        assert BEARER[start : start + 8] not in message, message
    assert len(caught.value.body) > 200_000  # the raw body is still the caller's, whole


_ISSUED = "ISSUED-Tq8Wm3Zx7Lp2Vr6Kc4Nb"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html>" + BEARER.encode() + b" " + b"z" * 50_000 + b"</html>", "body is not JSON"),
        (b"\xff\xfe{}", "body is not UTF-8"),
        (b"[" * 300 + b"]" * 300, "nested more than 200 levels"),
        ("\ufeff{}".encode(), "body is not JSON (line 1 column 1: it starts with a byte order mark)"),
        (
            json.dumps({"action": "OK", "accessToken": _ISSUED, "accessTokenDuration": "soon" * 10_000}).encode(),
            "not what the spec describes (TokenResponse): accessTokenDuration: Input should be a valid integer",
        ),
    ],
    ids=["html", "latin1", "deep", "bom", "schema"],
)
def test_an_unusable_2xx_body_is_a_typed_error_with_a_short_masked_excerpt(body, why):
    from pydantic import ValidationError

    with Server(answer(200, body, [("Content-Type", "application/json")]), max_requests=2) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(ValueError) as caught:  # what callers caught before still works
                client.token_process("1", REQUEST)

            async def main():
                async with AsyncAuthleteClient(BEARER, server_url=server.url, retries=False) as aclient:
                    await aclient.token_process("1", REQUEST)

            with pytest.raises(UnusableResponseError) as async_caught:
                asyncio.run(main())
    error = caught.value
    assert isinstance(error, UnusableResponseError) and isinstance(error, AuthleteApiError)
    assert error.status_code == 200 and error.body == body
    assert why in str(error), str(error)
    assert str(error) == str(async_caught.value)
    assert len(str(error)) < 600 and "\n" not in str(error)
    assert error.excerpt and error.excerpt in str(error)
    for secret in (BEARER, _ISSUED):
        for start in range(len(secret) - 7):
            assert secret[start : start + 8] not in str(error), str(error)
    if "schema" in why or "spec" in why:
        assert isinstance(error.__cause__, ValidationError)
        assert f"ISSU…({len(_ISSUED)} chars)" in error.excerpt  # the issued token is masked by its name
    else:
        assert isinstance(error.__cause__, ValueError) and not isinstance(error.__cause__, UnusableResponseError)


@pytest.mark.parametrize("bearer", ["Zk4tQ", "Zk4tQ9mX"])
def test_a_short_bearer_echoed_in_an_error_is_masked_by_the_same_rule_as_the_cli(bearer):
    def handle(conn, seen):
        from hostile import raw_response

        text = "you sent " + seen.headers["authorization"].split()[1] + ", a token we do not know"
        body = json.dumps({"resultCode": "A001", "resultMessage": text}).encode()
        conn.sendall(raw_response(401, body, [("Content-Type", "application/json")]))

    with Server(handle) as server:
        with AuthleteClient(bearer, server_url=server.url, retries=False) as client:
            with pytest.raises(AuthleteApiError) as caught:
                client.token_process("1", REQUEST)
    message = str(caught.value)
    assert bearer not in message and "you sent ****" in message, message
    assert ", a token we do not know" in message


def test_a_nan_in_a_request_is_refused_before_sending():
    with Server(answer(200, OK_TOKEN), max_requests=1, life=5) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(ValueError, match="NaN or infinite"):
                client.token_process("1", {**REQUEST, "accessTokenDuration": float("inf")})
    assert server.requests == []


@pytest.mark.parametrize("number", [b"NaN", b"-Infinity", b"1e999"])
def test_a_2xx_body_with_a_number_json_has_not_is_unusable(number):
    body = b'{"action": "OK", "resultMessage": "ok", "accessTokenDuration": ' + number + b"}"
    with Server(answer(200, body, [("Content-Type", "application/json")])) as server:
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(UnusableResponseError, match="not usable JSON"):
                client.token_process("1", REQUEST)


@pytest.mark.parametrize("name", ["X-A\r\nX-Evil", "X A", "Bad:Name", ""])
def test_a_header_name_that_is_not_a_token_is_refused_before_sending(name):
    with Server(answer(200, OK_TOKEN), max_requests=1, life=5) as server:
        with pytest.raises(ValueError, match="is not an HTTP token") as at_init:
            AuthleteClient(BEARER, server_url=server.url, headers={name: "v"})
        with AuthleteClient(BEARER, server_url=server.url, retries=False) as client:
            with pytest.raises(ValueError, match="is not an HTTP token") as per_call:
                client.token_process("1", REQUEST, request_options=RequestOptions(headers={name: "v"}))
    assert "\n" not in str(at_init.value) and "\n" not in str(per_call.value)
    assert server.requests == []
