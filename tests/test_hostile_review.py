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
    assert f"{coding}-encoded" in r.err and "not decoded" in r.err
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


# --------------------------------------------------------------------------- secrets


def _echo_in_success(conn, seen):
    """A 200 answer whose resultMessage repeats the request body, as a careless server might."""
    from hostile import raw_response

    body = json.dumps({**OK_TOKEN, "resultMessage": seen.body.decode()}).encode()
    conn.sendall(raw_response(200, body, [("Content-Type", "application/json")]))


def test_a_client_assertion_echoed_in_the_answer_is_masked_on_stdout(run, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = tmp_path / "k.pem"
    private = ec.generate_private_key(ec.SECP256R1())
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with Server(_echo_in_success) as server:
        r = run(
            *TP,
            "--param",
            "grant_type=client_credentials",
            "--param",
            "client_id=c-1",
            "--client-assertion-key",
            str(key),
            "--client-assertion-audience",
            "https://as.example.com/token",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "-o",
            "json",
        )
    assert r.code == 0, r.err
    sent = json.loads(server.requests[0].body)["parameters"]
    assertion = next(v for k, v in __import__("urllib.parse").parse.parse_qsl(sent) if k == "client_assertion")
    assert assertion.count(".") == 2
    assert "client_assertion=" in r.out  # the echo is shown, the assertion is not
    assert_clean(r, assertion, BEARER)


def _non_json_echo(prefix: str):
    def handle(conn, seen):
        from hostile import raw_response

        text = prefix + seen.headers.get("authorization", "") + " " + seen.headers.get("x-auth-token", "")
        conn.sendall(raw_response(400, text.encode(), [("Content-Type", "text/plain")]))

    return handle


def _no_long_piece(text: str, secret: str, size: int = 8) -> None:
    for start in range(len(secret) - size + 1):
        assert secret[start : start + size] not in text, f"{secret[start:start + size]!r} of a secret printed:\n{text}"


def test_an_echoed_secret_cut_short_by_the_message_leaves_nothing(run):
    """The error names the first 120 characters of a non-JSON body: a bearer at 100 was half shown."""
    with Server(_non_json_echo("x" * 90 + " ")) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url)
    assert r.code == 3, r.err
    assert "not JSON" in r.err
    _no_long_piece(r.text, BEARER.removeprefix("BEARER-"))


def test_a_custom_token_header_is_masked_in_dry_run_and_answers(run):
    token = "XAUTH-Zq8Lm3Vt7Rk2Wd9Pf4Hs6Nc1"
    with Server(_non_json_echo("bad: ")) as server:
        dry = run(*TP, "--parameters", "a=b", "-H", f"X-Auth-Token: {token}", "--server-url", server.url, "--dry-run")
        sent = run(
            *TP,
            "--parameters",
            "a=b",
            "-H",
            f"X-Auth-Token: {token}",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "-d",
        )
    assert dry.code == 0 and "X-Auth-Token: XAUT…" in dry.err, dry.err
    assert sent.code == 3, sent.err
    assert server.requests[0].headers["x-auth-token"] == token
    assert_clean(dry, token)
    assert_clean(sent, token)


def test_the_secret_inside_a_basic_header_is_masked_when_echoed_decoded(run):
    import base64

    secret = "s3cr3t-Bq7Xk2Lp9Vz4"
    basic = base64.b64encode(f"client-1:{secret}".encode()).decode()

    def handle(conn, seen):
        from hostile import raw_response

        user, _, password = base64.b64decode(seen.headers["authorization"].split()[1]).decode().partition(":")
        body = {"resultCode": "A001", "resultMessage": f"client {user}: secret {password} is wrong"}
        conn.sendall(raw_response(401, json.dumps(body).encode(), [("Content-Type", "application/json")]))

    with Server(handle) as server:
        r = run(*TP, "--parameters", "a=b", "-H", f"Authorization: Basic {basic}", "--server-url", server.url)
    assert r.code == 3, r.err
    assert "client client-1: secret" in r.err
    assert_clean(r, secret, basic)


def test_a_slash_escaped_echo_is_masked(run):
    """PHP's json_encode writes '/' as '\\/': a token with a '/' echoed that way must still be masked."""
    bearer = "Ab/Cd+Ef/Gh12Ij34Kl56Mn78Op90"

    def handle(conn, seen):
        from hostile import raw_response

        token = seen.headers["authorization"].split()[1].replace("/", "\\/")
        body = f'<pre>{{"bearer":"{token}"}}</pre>'.encode()
        conn.sendall(raw_response(400, body, [("Content-Type", "text/html")]))

    with Server(handle) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", bearer, "--server-url", server.url, "-d")
    assert r.code == 3, r.err
    assert "Ab\\/Cd" not in r.text, r.text
    assert_clean(r, bearer)


def test_a_secret_flag_value_starting_with_a_dash_is_remembered():
    from authlete_cli.runtime import redact

    redact.forget_all()
    try:
        redact.remember_argv(["token", "process", "--client-secret", "-Nq8Vx3Lp7Rt2", "--bearer", "-Zk4Wm9Hs1Jd6Pf"])
        shown = redact.scrub("got -Nq8Vx3Lp7Rt2 and -Zk4Wm9Hs1Jd6Pf")
    finally:
        redact.forget_all()
    assert "Nq8Vx3" not in shown and "Zk4Wm9" not in shown, shown


# --------------------------------------------------------------------------- oauth helpers


@pytest.fixture(scope="module")
def rsa_key(tmp_path_factory):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    path = tmp_path_factory.mktemp("keys") / "rsa.pem"
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(path)


def test_pkce_prints_the_verifier_it_was_given(cli):
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    result = cli("oauth", "pkce", "--verifier", verifier)
    assert result.code == 0, result.err
    assert result.json()["code_verifier"] == verifier


@pytest.mark.parametrize(
    "url",
    ["https://user:hunter2pass@as.example.com/token", "https://hunter2pass@as.example.com/token"],
)
@pytest.mark.parametrize("command", ["dpop-proof", "client-assertion"])
def test_a_password_in_htu_or_audience_is_refused_not_signed(cli, rsa_key, url, command):
    if command == "dpop-proof":
        args = ("--htm", "POST", "--htu", url)
    else:
        args = ("--client-id", "c", "--audience", url)
    result = cli("oauth", command, "--key", rsa_key, *args, "-d")
    assert result.code == 2, result.err
    assert result.out == "" and result.err.count("\n") == 1
    assert "user name or password" in result.err
    assert "hunter2pass" not in result.err


@pytest.mark.parametrize("url", ["https://as.example.com:99999/token", "https://as.example.com:0/token"])
def test_a_bad_port_in_htu_is_bad_input(cli, rsa_key, url):
    result = cli("oauth", "dpop-proof", "--key", rsa_key, "--htm", "POST", "--htu", url)
    assert result.code == 2, result.err
    assert "--htu" in result.err and result.err.count("\n") == 1


@pytest.mark.parametrize("token", ["tökén-123", "Bearer abc", "abc def", "a\tb"])
def test_a_bad_access_token_for_ath_is_bad_input(cli, rsa_key, token):
    result = cli(
        "oauth", "dpop-proof", "--key", rsa_key, "--htm", "GET", "--htu", "https://rs.example/x", "--ath", token
    )
    assert result.code == 2, result.err
    assert "--ath" in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err and "internal error" not in result.err


def test_a_huge_key_file_is_refused_without_reading_it_all(cli, tmp_path):
    big = tmp_path / "big.pem"
    big.write_bytes(b"-----BEGIN PRIVATE KEY-----\n" + b"A" * (3 << 20))
    result = cli(
        "oauth", "client-assertion", "--key", str(big), "--client-id", "c", "--audience", "https://as.example/t"
    )
    assert result.code == 2, result.err
    assert "too large" in result.err and result.err.count("\n") == 1


# --------------------------------------------------------------------------- nested integers

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (
            ("--authorization-details", f'{{"elements": [{{"type": "x", "n": {HUGE}}}]}}'),
            "--authorization-details.elements[0].n",
        ),
        (("--properties", f'[{{"key": "k", "value": "v", "n": -{HUGE}}}]'), "--properties[0].n"),
        (("--body", f'{{"extra": {{"deep": [1, {HUGE}]}}}}'), "--body .extra.deep[1]"),
    ],
)
def test_nested_integers_are_range_checked_before_sending(run, args, where):
    with Server(answer(200, {})) as server:
        r = run(
            "token",
            "management",
            "create",
            "-s",
            "1",
            "--grant-type",
            "PASSWORD",
            "--client-id",
            "1",
            *args,
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
        )
    assert r.code == 2, r.err
    assert f"{where}: " in r.err and "out of range for int64" in r.err, r.err
    assert r.err.count("\n") == 1
    assert server.requests == []


def test_nested_int64_bounds_are_accepted(run):
    details = '{"elements": [{"type": "x", "n": 9223372036854775807, "m": -9223372036854775808}]}'
    r = run(
        "token",
        "management",
        "create",
        "-s",
        "1",
        "--grant-type",
        "PASSWORD",
        "--client-id",
        "1",
        "--authorization-details",
        details,
        "--server-url",
        "http://127.0.0.1:9",
        "--dry-run",
    )
    assert r.code == 0, r.err
    assert "9223372036854775807" in r.err


# --------------------------------------------------------------------------- -o http


@pytest.mark.parametrize("nonce", ["n1\r\nSet-Cookie: stolen=1", "n1\nX-Evil: 1", "n1\x00"])
def test_o_http_never_prints_a_header_with_a_line_break_from_the_answer(run, nonce):
    """A hostile answer must not add headers to the response your server relays verbatim."""
    body = {**OK_TOKEN, "responseContent": '{"access_token":"x"}', "dpopNonce": nonce}
    with Server(answer(200, body)) as server:
        r = _send(run, server, "-o", "http")
    assert r.code == 5, r.err
    assert r.out == ""
    assert "DPoP-Nonce" in r.err and "dpopNonce" in r.err
    assert r.err.count("\n") == 1


def test_the_model_gives_no_response_with_a_broken_header():
    from authlete_cli import models
    from authlete_cli.runtime.http_outcome import HttpResponse, UnmappedAction

    answer_ = {**OK_TOKEN, "responseContent": "{}", "dpopNonce": "a\r\nb: c"}
    result = models.TokenResponse.model_validate(answer_).http_response()
    assert isinstance(result, UnmappedAction) and not isinstance(result, HttpResponse)
    assert "line break" in result.message or "control character" in result.message
    fine = models.TokenResponse.model_validate({**answer_, "dpopNonce": "a-b_c"}).http_response()
    assert isinstance(fine, HttpResponse) and fine.headers["DPoP-Nonce"] == "a-b_c"


@pytest.mark.parametrize("form", ["pem", "jwk"])
def test_a_weak_rsa_key_is_refused(cli, tmp_path, form):
    """RFC 7518 requires 2048 bits for RS*/PS*: a 1024-bit key must not sign silently."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from joserfc import jwk

    private = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    path = tmp_path / f"weak.{form}"
    if form == "pem":
        path.write_bytes(
            private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    else:
        import warnings

        with warnings.catch_warnings():  # joserfc warns of the very weakness tested here
            warnings.simplefilter("ignore")
            path.write_text(json.dumps(jwk.RSAKey.import_key(private).as_dict(private=True)))
    result = cli(
        "oauth", "client-assertion", "--key", str(path), "--client-id", "c", "--audience", "https://as.example/t"
    )
    assert result.code == 2, result.err
    assert result.out == "" and result.err.count("\n") == 1
    assert "1024-bit RSA key" in result.err and "2048" in result.err


def test_thousands_of_stacked_codings_are_refused(run):
    """Each coding is one more decoder in a chain: 1200 of them would exhaust the stack."""
    import gzip

    body = json.dumps(OK_TOKEN).encode()
    for _ in range(1200):
        body = gzip.compress(body, 1)
    headers = [("Content-Type", "application/json"), ("Content-Encoding", ", ".join(["gzip"] * 1200))]
    with Server(answer(200, body, headers)) as server:
        r = _send(run, server)
    assert r.code == 5, r.err
    assert "1200 content codings" in r.err and r.err.count("\n") == 1


@pytest.mark.parametrize("nonce", ["a b", 'a"b', "a\\\\b", "", "nonce\u00e9"])
def test_a_nonce_outside_rfc_9449_is_bad_input(cli, rsa_key, nonce):
    result = cli(
        "oauth", "dpop-proof", "--key", rsa_key, "--htm", "GET", "--htu", "https://rs.example/x", "--nonce", nonce
    )
    assert result.code == 2, result.err
    assert "--nonce" in result.err and result.err.count("\n") == 1


# --------------------------------------------------------------------------- floods of server text


def _flooding_error(shape: str, offset: int):
    """A 400 whose message holds the request's bearer at ``offset``, then 100 000 more characters."""

    def handle(conn, seen):
        from hostile import raw_response

        text = "x" * offset + seen.headers["authorization"].split()[1] + "\nnext line " + "y" * 100_000
        body = {"resultCode": "A001" + "9" * 5000, "resultMessage": text}
        if shape == "problem":
            body = {"title": "Bad", "detail": text}
        headers = [("Content-Type", "application/json")]
        conn.sendall(raw_response(400, json.dumps(body).encode(), headers, reason="R" * 2000))

    return handle


@pytest.mark.parametrize("shape", ["result", "problem"])
@pytest.mark.parametrize("offset", [262, 280, 295])
def test_a_flood_of_json_error_text_is_one_short_line_without_a_piece_of_a_secret(run, shape, offset):
    """Masked first, then cut: a bearer across the cut is neither shown nor half shown."""
    with Server(_flooding_error(shape, offset)) as server:
        r = _send(run, server)
    assert r.code == 3, r.err[:300]
    assert r.err.count("\n") == 1 and r.out == ""
    assert len(r.err) < 600, f"{len(r.err)} characters"
    assert r.err.startswith("authlete: error: HTTP 400 RRRR") and "…" in r.err
    assert "\\n" not in r.err  # the line break became a space
    _no_long_piece(r.text, BEARER.removeprefix("BEARER-"))


def test_a_schema_mismatch_at_a_key_the_server_chose_stays_one_short_line():
    """pydantic's location holds map keys from the answer: a 100 000-character key is cut."""
    from authlete_cli.runtime.wire import schema_mismatch

    errors = [
        {"loc": ("extra", "k" * 100_000, 0), "msg": "Input should be a valid integer\n" + "m" * 5000},
        {"loc": ("other",), "msg": "Field required"},
    ]
    text = schema_mismatch(errors)
    assert len(text) < 300 and "\n" not in text, text
    assert text.startswith("extra.kkk") and "…: Input should be a valid integer m" in text
    assert text.endswith("… (and 1 more)")
