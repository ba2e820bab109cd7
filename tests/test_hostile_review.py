"""The generated CLI against servers that misbehave in ways a first review missed.

Compression codings httpx would decode without a bound, stacked codings, a
change inside httpx that the deadline relies on, secrets cut in half by a
shortened message, and values nested in JSON flags. Each test starts its own
loopback server (tests/hostile.py) and checks the exit code, what was printed
and what the server saw.
"""

from __future__ import annotations

import json
import zlib

import httpx
import pytest
from hostile import InProcess, Server, answer, assert_clean

BEARER = "BEARER-3xV9qLr7TgM2pZk8WcN4hJd6Yb1Fs5Ae"
TP = ("token", "process", "-s", "1")
OK_TOKEN = {"resultCode": "A050001", "resultMessage": "ok", "action": "OK"}


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    return InProcess(tmp_path, monkeypatch, capsys)


def _bomb(megabytes: int, wbits: int = 31) -> bytes:
    """A JSON body of ``megabytes`` MiB, compressed (about a thousandth of that on the wire)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b"a" * (1 << 20)
    parts = [squeeze.compress(b'{"resultMessage": "')]
    parts += [squeeze.compress(block) for _ in range(megabytes)]
    return b"".join([*parts, squeeze.flush()])


def _peak_of(call):
    import tracemalloc

    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _send(run, server, *extra):
    return run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, *extra)


def test_stacked_gzip_bomb_is_stopped_within_a_small_margin_of_the_limit(run):
    """gzip over gzip: httpx would expand each network read whole (tens of MiB at once)."""
    inner = _bomb(400)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = squeeze.compress(inner) + squeeze.flush()
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip, gzip")]
    with Server(answer(200, body, headers)) as server:
        r, peak = _peak_of(lambda: _send(run, server, "--max-response-size", "1MB"))
    assert r.code == 5, r.err
    assert "1 MiB" in r.err
    assert peak < 16 << 20, f"peak {peak >> 20} MiB"
    assert_clean(r, BEARER)


def test_stacked_codings_are_decoded(run):
    payload = json.dumps({**OK_TOKEN, "resultMessage": "z" * 100_000}).encode()
    body = zlib.compress(zlib.compress(payload), 9)  # deflate (zlib), then deflate again
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "deflate, identity, deflate")]
    with Server(answer(200, body, headers)) as server:
        r = _send(run, server, "-q", ".resultMessage | length")
    assert r.code == 0, r.err
    assert r.out.strip() == "100000"


class _UnboundedDecoder:
    """What httpx does with br or zstd when brotli or zstandard is installed: each read decoded whole."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj(31)

    def decode(self, data: bytes) -> bytes:
        return self._inner.decompress(data)

    def flush(self) -> bytes:
        return self._inner.flush()


@pytest.mark.parametrize("coding", ["br", "zstd"])
def test_codings_httpx_decodes_without_bound_are_refused(run, monkeypatch, coding):
    """With brotli or zstandard installed, a br or zstd bomb would bypass the size guard."""
    from httpx import _client, _decoders

    monkeypatch.setitem(_decoders.SUPPORTED_DECODERS, coding, _UnboundedDecoder)
    monkeypatch.setattr(_client, "ACCEPT_ENCODING", f"gzip, deflate, {coding}")
    headers = [("Content-Type", "application/json"), ("Content-Encoding", coding)]
    with Server(answer(200, _bomb(300), headers)) as server:
        r, peak = _peak_of(lambda: _send(run, server, "--max-response-size", "1MB"))
    assert r.code == 5, r.err
    assert f"{coding}-encoded" in r.err and "does not decode" in r.err
    assert peak < 16 << 20, f"peak {peak >> 20} MiB"
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"  # never asked for
    assert_clean(r, BEARER)


@pytest.mark.parametrize("coding", ["compress", "x-custom", "gzip, br"])
def test_unknown_codings_are_named(run, coding):
    headers = [("Content-Type", "application/json"), ("Content-Encoding", coding)]
    with Server(answer(200, json.dumps(OK_TOKEN).encode(), headers)) as server:
        r = _send(run, server)
    assert r.code == 5, r.err
    assert f"{coding.split(', ')[-1]}-encoded" in r.err
    assert r.err.count("\n") == 1 and r.out == ""


def test_a_changed_httpx_client_does_not_break_the_deadline_code(run, monkeypatch):
    """The deadline reaches into httpx's private pool; if httpx renames it, requests still work."""
    from authlete_cli.runtime import transport

    class Renamed(httpx.Client):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._transports = [self.__dict__.pop("_transport"), *self.__dict__.pop("_mounts").values()]

        def _transport_for_url(self, url):
            return self._transports[0]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            for inner in self._transports:
                if inner is not None:
                    inner.close()

    monkeypatch.setattr(transport.httpx, "Client", Renamed)
    with Server(answer(200, OK_TOKEN)) as server:
        r = _send(run, server, "-d")
    assert r.code == 0, r.err
    assert "internal error" not in r.err
    assert "the deadline covers each network wait" in r.err


def test_a_library_message_is_masked_before_it_is_shortened():
    """A message cut at 160 characters must not leave the start of a secret behind."""
    from authlete_cli.runtime import redact, transport

    redact.forget_all()
    try:
        redact.remember(BEARER, "token", credential=True)
        shown = transport._reason(ValueError("x" * 150 + " " + BEARER))
    finally:
        redact.forget_all()
    assert BEARER[:8] not in shown, shown
