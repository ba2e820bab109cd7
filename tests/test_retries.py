"""Retries in the CLI and both clients, against a scripted loopback server (tests/loopback.py)."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest
from authlete_cli import AsyncAuthleteClient, AuthleteClient, RequestOptions, RetryPolicy, ServerError
from authlete_cli.runtime import retry
from loopback import Answer, Loopback, sequence

OK = {"resultCode": "A056001", "resultMessage": "ok", "action": "OK", "usable": True}
ISSUED = {"resultCode": "A040001", "resultMessage": "ok", "action": "OK", "accessToken": "abcdefghijklmnopq"}
# A fast policy for the client tests: same rules, short waits.
QUICK = RetryPolicy(retries=3, initial_backoff=0.01, max_backoff=0.05)


def introspect(cli, url: str, *extra: str):
    return cli(
        "introspection", "process", "-s", "1", "--token", "tok", "--bearer", "secret-bearer", "--server-url", url,
        "-o", "json", *extra,
    )  # fmt: skip


# --------------------------------------------------------------------------- policy


def test_retry_after_seconds_and_http_date():
    assert retry.retry_after("3") == 3.0
    when = datetime.now(timezone.utc) + timedelta(seconds=30)
    assert 25 <= retry.retry_after(format_datetime(when, usegmt=True)) <= 30
    assert retry.retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: go now
    assert retry.retry_after("soon") is None
    assert retry.retry_after(None) is None


def test_backoff_grows_with_jitter_and_a_cap():
    policy = RetryPolicy(retries=10, initial_backoff=1.0, max_backoff=4.0)
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (6, 4.0)):
        waits = {retry.backoff(policy, attempt) for _ in range(20)}
        assert all(ceiling / 2 <= w <= ceiling for w in waits), (attempt, waits)
        assert len(waits) > 1, "no jitter"


def test_which_failures_are_retried():
    p = RetryPolicy(retries=2)
    assert retry.next_wait(p, 1, safe=True, status=503) is not None
    for status in (408, 429, 502, 504):
        assert retry.next_wait(p, 1, safe=True, status=status) is not None, status
    for status in (400, 401, 404, 500, 501):
        assert retry.next_wait(p, 1, safe=True, status=status) is None, status
    assert retry.next_wait(p, 1, safe=False, status=503) is None  # a POST that may mint twice
    assert retry.next_wait(p, 1, safe=False, sent=False) is not None  # never left: always safe
    assert retry.next_wait(p, 1, safe=False, sent=True) is None
    assert retry.next_wait(p, 3, safe=True, status=503) is None  # retries used up
    assert retry.next_wait(p, 1, safe=True, status=429, retry_after_header="61") is None  # beyond the cap
    assert retry.next_wait(p, 1, safe=True, status=429, retry_after_header="60") == 60.0
    assert retry.replay_safe("GET", False) and retry.replay_safe("POST", True) and not retry.replay_safe("POST", False)


# --------------------------------------------------------------------------- CLI


def test_cli_503_twice_then_200(cli):
    with Loopback(sequence(Answer(503), Answer(503), Answer(200, OK))) as server:
        r = introspect(cli, server.url, "--debug")
    assert r.code == 0, r.err
    assert r.json()["usable"] is True
    assert len(server.seen) == 3
    assert r.err.count("HTTP 503 Service Unavailable; retrying in") == 2
    assert "* attempt 1 of 4" in r.err and "* attempt 2 of 4" in r.err
    assert "secret-bearer" not in r.err


def test_cli_honours_retry_after(cli):
    with Loopback(sequence(Answer(429, headers={"Retry-After": "1"}), Answer(200, OK))) as server:
        r = introspect(cli, server.url)
    assert r.code == 0, r.err
    assert len(server.seen) == 2
    assert server.seen[1].at - server.seen[0].at >= 1.0


def test_cli_never_replays_a_post_that_mints_tokens(cli):
    with Loopback(sequence(Answer(503), Answer(200, ISSUED))) as server:
        r = cli(
            "token",
            "issue",
            "-s",
            "1",
            "--ticket",
            "t",
            "--subject",
            "john",
            "--bearer",
            "b",
            "--server-url",
            server.url,
        )
    assert r.code == 3
    assert "HTTP 503" in r.err
    assert len(server.seen) == 1


def test_cli_no_retries(cli):
    with Loopback(sequence(Answer(503), Answer(200, OK))) as server:
        r = introspect(cli, server.url, "--no-retries")
    assert r.code == 3 and "HTTP 503" in r.err
    assert len(server.seen) == 1


def test_cli_retries_n_bounds_the_attempts(cli):
    with Loopback(sequence(Answer(502))) as server:
        r = introspect(cli, server.url, "--retries", "1")
    assert r.code == 3 and "HTTP 502" in r.err
    assert len(server.seen) == 2


def test_cli_get_is_retried_by_default(cli):
    page = {"start": 0, "end": 5, "totalCount": 0, "accessTokens": []}
    with Loopback(sequence(Answer(504), Answer(200, page))) as server:
        r = cli("token", "management", "list", "-s", "1", "--bearer", "b", "--server-url", server.url, "-o", "json")
    assert r.code == 0, r.err
    assert len(server.seen) == 2


def test_cli_retry_after_beyond_the_cap_is_not_waited_for(cli):
    with Loopback(sequence(Answer(503, headers={"Retry-After": "3600"}), Answer(200, OK))) as server:
        started = time.monotonic()
        r = introspect(cli, server.url)
    assert r.code == 3 and "HTTP 503" in r.err
    assert len(server.seen) == 1
    assert time.monotonic() - started < 30


def test_cli_timeout_covers_every_attempt(cli):
    """Retry-After 1 cannot fit in a 500ms deadline: the answer is reported at once."""
    with Loopback(sequence(Answer(503, headers={"Retry-After": "1"}), Answer(200, OK))) as server:
        r = introspect(cli, server.url, "--timeout", "500ms")
    assert r.code == 3
    assert len(server.seen) == 1


def test_cli_refused_connection_is_retried_then_reported(cli):
    with Loopback(sequence(Answer(200, OK))) as server:
        url = server.url  # the port is free again once the server has stopped
    r = introspect(cli, url, "--debug", "--retries", "2", "--timeout", "20s")
    assert r.code == 4
    assert "connection refused" in r.err and "(3 attempts)" in r.err
    assert r.err.count("retrying in") == 2


def test_cli_retries_must_be_a_small_count(cli):
    r = cli("introspection", "process", "--retries", "-1", "--dry-run", "-s", "1", "--token", "t")
    assert r.code == 2
    assert "--retries" in r.err


# --------------------------------------------------------------------------- clients


def test_client_503_twice_then_200():
    with Loopback(sequence(Answer(503), Answer(503), Answer(200, OK))) as server:
        with AuthleteClient("b", server_url=server.url, retries=QUICK) as client:
            raw = client.introspection_process_raw("1", {"token": "t"})
    assert raw.parsed.usable is True
    assert raw.attempts == 3
    assert len(server.seen) == 3


def test_client_honours_retry_after():
    with Loopback(sequence(Answer(429, headers={"Retry-After": "1"}), Answer(200, OK))) as server:
        with AuthleteClient("b", server_url=server.url, retries=QUICK) as client:
            client.introspection_process("1", {"token": "t"})
    assert len(server.seen) == 2
    assert server.seen[1].at - server.seen[0].at >= 1.0


def test_client_never_replays_token_issue():
    with Loopback(sequence(Answer(503), Answer(200, ISSUED))) as server:
        with AuthleteClient("b", server_url=server.url, retries=QUICK) as client:
            with pytest.raises(ServerError) as caught:
                client.token_issue("1", {"ticket": "t", "subject": "john"})
    assert caught.value.status_code == 503
    assert len(server.seen) == 1


def test_client_retry_unsafe_policy_replays_a_post():
    with Loopback(sequence(Answer(503), Answer(200, ISSUED))) as server:
        with AuthleteClient("b", server_url=server.url) as client:
            policy = RetryPolicy(retries=1, initial_backoff=0.01, retry_unsafe=True)
            answer = client.token_issue(
                "1", {"ticket": "t", "subject": "john"}, request_options=RequestOptions(retries=policy)
            )
    assert answer.access_token == ISSUED["accessToken"]
    assert len(server.seen) == 2


@pytest.mark.parametrize("per_call", [False, 0, RetryPolicy(retries=0)])
def test_client_retries_off_per_call(per_call):
    with Loopback(sequence(Answer(503), Answer(200, OK))) as server:
        with AuthleteClient("b", server_url=server.url, retries=QUICK) as client:
            with pytest.raises(ServerError):
                client.introspection_process("1", {"token": "t"}, request_options=RequestOptions(retries=per_call))
    assert len(server.seen) == 1


def test_client_retries_off_per_client():
    with Loopback(sequence(Answer(503), Answer(200, OK))) as server:
        with AuthleteClient("b", server_url=server.url, retries=False) as client:
            with pytest.raises(ServerError):
                client.introspection_process("1", {"token": "t"})
    assert len(server.seen) == 1


def test_client_refused_connection_is_retried_even_for_a_post():
    """Nothing was sent, so even token issue may be tried again; the error is httpx's."""
    with Loopback(sequence(Answer(200))) as server:
        url = server.url
    calls = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("connection refused", request=request)

    with AuthleteClient("b", server_url=url, retries=QUICK, transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(httpx.ConnectError):
            client.token_issue("1", {"ticket": "t", "subject": "john"})
    assert len(calls) == 4


def test_client_read_error_on_a_post_is_not_retried():
    calls = []

    def drop(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadError("connection reset", request=request)

    with AuthleteClient(
        "b", server_url="http://api.test", retries=QUICK, transport=httpx.MockTransport(drop)
    ) as client:
        with pytest.raises(httpx.ReadError):
            client.token_issue("1", {"ticket": "t", "subject": "john"})
    assert len(calls) == 1


def test_async_client_503_twice_then_200():
    async def main() -> None:
        async with AsyncAuthleteClient("b", server_url=server.url, retries=QUICK) as client:
            raw = await client.introspection_process_raw("1", {"token": "t"})
        assert raw.parsed.usable is True

    with Loopback(sequence(Answer(503), Answer(503), Answer(200, OK))) as server:
        asyncio.run(main())
    assert len(server.seen) == 3


def test_client_timeout_covers_every_attempt():
    with Loopback(sequence(Answer(503, headers={"Retry-After": "2"}), Answer(200, OK))) as server:
        with AuthleteClient("b", server_url=server.url, timeout=1.0) as client:
            with pytest.raises(ServerError):
                client.introspection_process("1", {"token": "t"})
    assert len(server.seen) == 1
