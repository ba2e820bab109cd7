"""The generated CLI against servers that misbehave and input that is odd on purpose.

Every test starts its own small server (tests/hostile.py) on a free loopback
port and asserts three things: the exit code, that no secret the user gave
appears in full in stdout or stderr, and what the server saw (nothing at all
for bad input).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GENERATED, clean_env
from hostile import InProcess, Server, answer, assert_clean, echo, gzip_bomb, trickle

BEARER = "BEARER-3xV9qLr7TgM2pZk8WcN4hJd6Yb1Fs5Ae"
CLIENT_SECRET = "CLIENTSECRET-u7Hq2Lk9Vz4Rm1Xc8Tb3Ny6Wd5"
PASSWORD = "PASSWORD-hunter2-Q8w7E6r5T4y3"
HEADER_TOKEN = "HEADERTOKEN-k2Jd8Vn4Xq7Ls1Mz6Pc3Rb9"
SECRETS = (BEARER, CLIENT_SECRET, PASSWORD, HEADER_TOKEN)
TP = ("token", "process", "-s", "1")
OK_TOKEN = {"resultCode": "A050001", "resultMessage": "ok", "action": "OK"}


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    return InProcess(tmp_path, monkeypatch, capsys)


def _secret_args(url: str) -> list[str]:
    return [
        *TP,
        "--parameters",
        f"grant_type=password&username=john&password={PASSWORD}",
        "--client-secret",
        CLIENT_SECRET,
        "--bearer",
        BEARER,
        "-H",
        f"X-Api-Key: {HEADER_TOKEN}",
        "--server-url",
        url,
    ]


# --------------------------------------------------------------------------- silent success


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_is_an_error_naming_status_and_location(run, status):
    with Server(answer(status, b"", [("Location", "http://elsewhere.invalid/steal")])) as server:
        r = run(*_secret_args(server.url))
    assert r.code == 6, r.err
    assert str(status) in r.err and "http://elsewhere.invalid/steal" in r.err
    assert "not followed" in r.err
    assert len(server.requests) == 1  # nothing went to the other host
    assert r.out == ""
    assert_clean(r, *SECRETS)


def test_undeclared_204_is_an_error(run):
    # `token management revoke` declares 200 (and errors), not 204
    with Server(answer(204)) as server:
        r = run(
            "token",
            "management",
            "revoke",
            "-s",
            "1",
            "--access-token-identifier",
            "abc",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
        )
    assert r.code == 6, r.err
    assert "204" in r.err and "does not declare" in r.err
    assert len(server.requests) == 1
    assert_clean(r, BEARER)


def test_declared_204_is_success(run):
    with Server(answer(204)) as server:
        r = run(
            "token",
            "management",
            "delete",
            "-s",
            "1",
            "--access-token-identifier",
            "abc",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
        )
    assert r.code == 0, r.err
    assert server.requests[0].method == "DELETE"


def test_undeclared_2xx_with_body_is_an_error(run):
    with Server(answer(201, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url)
    assert r.code == 6, r.err
    assert "201" in r.err


# --------------------------------------------------------------------------- secrets


@pytest.mark.parametrize("agent", [False, True])
@pytest.mark.parametrize("debug", [False, True])
def test_error_body_echoing_the_request_is_masked(run, agent, debug):
    with Server(echo(400)) as server:
        args = _secret_args(server.url) + (["-d"] if debug else []) + (["--agent-mode"] if agent else [])
        r = run(*args)
    assert r.code == 3, r.err
    assert len(server.requests) == 1
    seen = server.requests[0]
    assert seen.headers["authorization"] == f"Bearer {BEARER}"  # the real values were sent
    assert seen.json()["clientSecret"] == CLIENT_SECRET
    assert_clean(r, *SECRETS)
    assert "A001" in r.err
    if agent:
        assert json.loads(r.err.strip().splitlines()[-1])["error"]["exit_code"] == 3


def test_problem_detail_and_non_json_body_are_masked(run):
    detail = {"title": "Bad", "detail": f"got secret {CLIENT_SECRET} and bearer {BEARER}"}
    with Server(answer(400, detail)) as server:
        r = run(*_secret_args(server.url))
    assert r.code == 3
    assert_clean(r, *SECRETS)
    body = f"<html>{BEARER} {PASSWORD}</html>".encode()
    with Server(answer(500, body, [("Content-Type", "text/html")])) as server:
        r = run(*_secret_args(server.url), "-d")
    assert r.code == 3
    assert_clean(r, *SECRETS)


def test_success_body_echoing_secrets_is_masked(run):
    echoed = {**OK_TOKEN, "responseContent": json.dumps({"note": f"{BEARER} {PASSWORD} {CLIENT_SECRET}"})}
    with Server(answer(200, echoed)) as server:
        r = run(*_secret_args(server.url), "-o", "json", "-d")
    assert r.code == 0, r.err
    assert_clean(r, *SECRETS)


def test_authorization_header_flag_is_masked(run):
    with Server(echo(401)) as server:
        r = run(
            *TP, "--parameters", "a=b", "-H", f"Authorization: Bearer {HEADER_TOKEN}", "--server-url", server.url, "-d"
        )
    assert r.code == 3
    assert server.requests[0].headers["authorization"] == f"Bearer {HEADER_TOKEN}"
    assert_clean(r, HEADER_TOKEN)


@pytest.mark.parametrize(
    "bearer", [BEARER + "\r", BEARER + "\r\n", "BEARER-é-" + BEARER, BEARER[:10] + "\x00" + BEARER[10:]]
)
def test_bearer_with_bad_characters_is_bad_input(run, bearer):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", bearer, "--server-url", server.url)
        results = [r]
        if "\x00" not in bearer:  # an environment variable cannot hold a NUL
            results.append(run(*TP, "--parameters", "a=b", "--server-url", server.url, env={"AUTHLETE_BEARER": bearer}))
    for result in results:
        assert result.code == 2, result.err
        assert_clean(result, BEARER, bearer.strip())
    assert "carriage return" in r.err or "character" in r.err
    assert server.requests == []


def test_userinfo_in_server_url_is_refused_and_masked(run):
    with Server(answer(200, OK_TOKEN)) as server:
        url = server.url.replace("http://", f"http://john:{PASSWORD}@")
        for mode in ([], ["--dry-run"], ["-d"]):
            r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", url, *mode)
            assert r.code == 2, r.err
            assert "--bearer" in r.err  # says what to do instead of silently using Basic auth
            assert_clean(r, PASSWORD, BEARER)
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, env={"AUTHLETE_SERVER_URL": url})
        assert r.code == 2
        assert_clean(r, PASSWORD)
    assert server.requests == []


def test_userinfo_in_unreachable_server_url_is_masked(run):
    r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", f"http://john:{PASSWORD}@127.0.0.1:9")
    assert r.code == 2
    assert_clean(r, PASSWORD, BEARER)


@pytest.mark.parametrize(
    "args",
    [
        ["-H", f"Authorization Bearer {HEADER_TOKEN}"],
        ["-H", f"Authorization={HEADER_TOKEN}"],
        ["--param", f"password:{PASSWORD}"],
        ["--param", f"password {PASSWORD}"],
        ["-H", f"X(: {HEADER_TOKEN}"],
    ],
)
def test_malformed_header_and_param_do_not_echo(run, args):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, *args)
    assert r.code == 2, r.err
    assert_clean(r, HEADER_TOKEN, PASSWORD, BEARER)
    assert server.requests == []


def test_debug_masks_jwt_access_token_and_ticket(run):
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqb2huIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
    ticket = "TICKET-a8Sd7Fg6Hj5Kl4"
    body = {**OK_TOKEN, "jwtAccessToken": jwt, "ticket": ticket, "accessToken": "ACCESS-z9x8c7v6b5n4m3"}
    with Server(answer(200, body)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-d", "-o", "json")
    assert r.code == 0, r.err
    for value in (jwt, ticket, "ACCESS-z9x8c7v6b5n4m3"):
        assert value not in r.err
        assert value in r.out  # the answer itself is the user's data
    assert_clean(r, BEARER)


def test_token_path_parameter_masked_in_dry_run(run):
    token = "IDENTIFIER-Wq3Er5Ty7Ui9Op1As"
    r = run("token", "management", "delete", "-s", "1", "--access-token-identifier", token, "--dry-run")
    assert r.code == 0, r.err
    assert "/auth/token/delete/" in r.err
    assert_clean(r, token)


def test_passwords_and_secrets_show_no_characters(run):
    r = run(
        *TP,
        "--parameters",
        f"grant_type=password&password={PASSWORD}",
        "--client-secret",
        CLIENT_SECRET,
        "--bearer",
        BEARER,
        "--dry-run",
    )
    assert r.code == 0, r.err
    assert "password=****" in r.err
    assert '"clientSecret": "****"' in r.err
    assert "Bearer BEAR" in r.err  # tokens keep a prefix to tell them apart
    for secret in (PASSWORD, CLIENT_SECRET):
        assert secret[:4] not in r.err
    assert_clean(r, *SECRETS)


# --------------------------------------------------------------------------- injection


def test_table_output_is_literal(run):
    body = {
        "resultCode": "[openid] profile",
        "resultMessage": "[bold red]X[/] and [/x]",
        "action": "OK",
        "subject": "[link=http://evil.invalid]click[/link]",
        "username": ":smile: \\[escaped]",
    }
    with Server(answer(200, body)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-o", "table")
    assert r.code == 0, r.err
    assert "[openid] profile" in r.out
    assert "[bold red]X[/]" in r.out and "[/x]" in r.out and "[link=http://evil.invalid]" in r.out
    assert ":smile:" in r.out
    assert "\x1b" not in r.out


def test_control_characters_from_the_server_are_neutralised(run):
    evil = "\x1b]0;owned\x07\x1b[31mred\x1b[0m\r\x9b2J\u202eabc"
    headers = [("X-Evil", "a\x9bb"), ("Content-Type", "application/json")]
    body = json.dumps({"resultCode": "E", "resultMessage": evil}).encode()
    for args in ([], ["-d"], ["--include-headers"], ["-d", "--agent-mode"]):
        with Server(answer(400, body, headers)) as server:
            r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, *args)
        assert r.code == 3, r.err
        for char in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
            assert char not in r.text, (args, r.text)
        assert "\\x1b" in r.err or "\\u001b" in r.err
        assert_clean(r, BEARER)


def test_control_characters_in_a_success_answer_reach_no_terminal(run, monkeypatch):
    body = {**OK_TOKEN, "resultMessage": "\x1b]8;;http://evil.invalid\x1b\\hi\x1b]8;;\x1b\\"}
    with Server(answer(200, body)) as server:
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        r = run(
            *TP,
            "--parameters",
            "a=b",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "-q",
            ".resultMessage",
            "--color",
            "never",
        )
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\\x1b" in r.out


# --------------------------------------------------------------------------- limits


def test_timeout_is_a_deadline_for_a_trickling_body(run):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
    with Server(trickle(head, b'{"resultCode": "xxxxxxxxxxxxxxxxxxxxx"}', 0.2), max_requests=1) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "--timeout", "1s")
    assert r.code == 4, r.err
    assert "timed out after 1s" in r.err
    assert r.seconds < 6  # the whole answer would take over 20 s
    assert_clean(r, BEARER)


def test_timeout_is_a_deadline_for_trickling_headers(run):
    head = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Pad-%d: y\r\n" % i for i in range(20)) + b"\r\n"
    with Server(trickle(head, b"", 0.2), max_requests=1) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "--timeout", "1s")
    assert r.code == 4, r.err
    assert r.seconds < 6


def test_decoded_size_is_capped(run):
    with Server(gzip_bomb(8 << 20), max_requests=2) as server:
        r = run(
            *TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "--max-response-size", "1MB"
        )
        assert r.code == 5, r.err
        assert "--max-response-size" in r.err and "1 MiB" in r.err
        raised = run(
            *TP,
            "--parameters",
            "a=b",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "--max-response-size",
            "16MB",
            "-q",
            ".resultMessage | length",
        )
    assert raised.code == 0, raised.err
    assert raised.out.strip() == str(8 << 20)


def test_bad_max_response_size_is_bad_input(run):
    r = run(*TP, "--parameters", "a=b", "--max-response-size", "lots", "--dry-run")
    assert r.code == 2 and "--max-response-size" in r.err


def test_jq_results_are_streamed(tmp_path):
    """The first results of an endless filter arrive at once (collecting them all would never end)."""
    with Server(answer(200, OK_TOKEN), max_requests=1) as server:
        args = [*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-q", "range(1e9)"]
        proc = subprocess.Popen(
            [sys.executable, "-m", "authlete_cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(tmp_path),
            text=True,
        )
        try:
            lines = [proc.stdout.readline() for _ in range(3)]
            proc.stdout.close()  # as `| head -3` does: the CLI must stop, quietly
            code = proc.wait(timeout=30)
            err = proc.stderr.read()
        finally:
            proc.kill()
            proc.communicate(timeout=30)
    assert [line.strip() for line in lines] == ["0", "1", "2"]
    assert code == 0 and err == ""


@pytest.mark.parametrize("value", [str(2**70), str(-(2**63) - 1), str(2**63)])
def test_int64_range_checked_before_sending(run, value):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(
            *TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "--access-token-duration", value
        )
        assert r.code == 2, r.err
        assert "out of range" in r.err and "--access-token-duration" in r.err
        body = json.dumps({"parameters": "a=b", "accessTokenDuration": int(value)})
        r = run(*TP, "--bearer", BEARER, "--server-url", server.url, "--body", body)
        assert r.code == 2, r.err
    assert server.requests == []


def test_int64_bounds_are_accepted(run):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(
            *TP,
            "--parameters",
            "a=b",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "--access-token-duration",
            str(2**63 - 1),
        )
    assert r.code == 0, r.err
    assert server.requests[0].json()["accessTokenDuration"] == 2**63 - 1


@pytest.mark.parametrize("value", ["..", ".", "../..", "a/../b"])
def test_path_values_never_walk_the_url(run, value):
    with Server(answer(204)) as server:
        r = run(
            "token",
            "management",
            "delete",
            "-s",
            "1",
            "--access-token-identifier",
            value,
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
        )
    assert r.code == 0, r.err
    target = server.requests[0].target
    assert target.startswith("/api/1/auth/token/delete/"), target
    segment = target.removeprefix("/api/1/auth/token/delete/")
    assert "/" not in segment and segment not in (".", "..")


# --------------------------------------------------------------------------- no "internal error"


@pytest.mark.parametrize("expression", [".resultCode + 1", 'error("boom")', ".action | tonumber"])
def test_jq_runtime_errors_are_user_errors(run, expression):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-q", expression)
    assert r.code == 2, r.err
    assert "--jq" in r.err
    assert_clean(r, BEARER)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--server-url", "http://[::1"], "--server-url"),
        (["--server-url", "http://127.0.0.1:99999"], "--server-url"),
        (["--server-url", "http://127.0.0.1:0"], "--server-url"),
        (["--server-url", "http://exa mple.com"], "--server-url"),
        (["--server", "²"], "--server"),
        (["--timeout", "99999999999999999999h"], "--timeout"),
        (["-H", "X(: a"], "--header"),
        (["-H", "X-Name: é"], "--header"),
        (["-H", "X-Name: a\x01b"], "--header"),
        (["--body", '{"parameters": "a=b", "accessTokenDuration": ' + "9" * 5000 + "}"], "--body"),
        (["--body", "[" * 100_000 + "]" * 100_000], "--body"),
        (["--body", '{"parameters": "a=b", "properties": ' + "[" * 500 + "]" * 500 + "}"], "--body"),
        (["--cimd-options", "[" * 5000], "--cimd-options"),
    ],
)
def test_ordinary_bad_input_is_exit_2(run, args, needle):
    with Server(answer(200, OK_TOKEN)) as server:
        base = [*TP, "--bearer", BEARER]
        if "--body" not in args:
            base += ["--parameters", "a=b"]
        if "--server-url" not in args and "--server" not in args:
            base += ["--server-url", server.url]
        r = run(*base, *args)
    assert r.code == 2, r.err
    assert needle in r.err
    assert "refused" not in r.err
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert_clean(r, BEARER)
    assert server.requests == []


def test_non_utf8_body_file_and_stdin(run, tmp_path):
    path = tmp_path / "body.json"
    path.write_bytes(b'{"parameters": "a=\xff"}')
    r = run(*TP, "--body", f"@{path}", "--dry-run")
    assert r.code == 2 and "UTF-8" in r.err, r.err
    r = run(*TP, "--body", "-", "--dry-run", stdin=b'{"parameters": "\xfe"}')
    assert r.code == 2 and "UTF-8" in r.err, r.err


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000 + b"]" * 100_000, b'{"resultCode": ' + b"7" * 5000 + b"}", b"\xff\xfe", b"{not json"],
)
def test_unusable_answers_are_exit_5(run, body):
    with Server(answer(200, body, [("Content-Type", "application/json")])) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-d")
    assert r.code == 5, r.err
    assert_clean(r, BEARER)


def test_unusable_error_answer_is_reported(run):
    with Server(answer(400, b"[" * 100_000, [("Content-Type", "application/json")])) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url)
    assert r.code == 3, r.err
    assert_clean(r, BEARER)


def test_bad_gzip_is_exit_5(run):
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
    with Server(answer(200, b"this is not gzip", headers)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url)
    assert r.code == 5, r.err
    assert_clean(r, BEARER)


def test_invalid_port_is_not_connection_refused(run):
    r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", "http://127.0.0.1:99999")
    assert r.code == 2
    assert "refused" not in r.err and "port" in r.err.lower()


# --------------------------------------------------------------------------- the config file


def _config(home: Path, text: str | bytes, mode: int = 0o600) -> Path:
    path = home / ".config" / "authlete" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    path.chmod(mode)
    return path


@pytest.mark.parametrize("text", ["bearer: [unclosed\n", b"bearer: \xff\xfe\n", "- a list\n", "bearer: {a: 1}\n"])
def test_broken_config_blocks_only_what_needs_it(run, tmp_path, text):
    path = _config(tmp_path, text)
    with Server(answer(200, OK_TOKEN)) as server:
        given = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url)
        assert given.code == 0, given.err  # every value on the command line: the file is not needed
        needed = run(*TP, "--parameters", "a=b", "--server-url", server.url)
    assert needed.code == 2, needed.err
    assert str(path) in needed.err and "configure" in needed.err
    assert run("--help").code == 0
    fixed = run("configure", "--bearer", BEARER, "--no-interactive")
    assert fixed.code == 0, fixed.err
    assert "bearer" in path.read_text()
    assert run("configure", "--show").code == 0
    for result in (given, needed, fixed):
        assert_clean(result, BEARER)


def test_config_error_names_the_problem(run, tmp_path):
    _config(tmp_path, "bearer: x\n  service_id: : 3\n")
    r = run(*TP, "--parameters", "a=b", "--dry-run")
    assert r.code == 2
    assert re.search(r"config\.yaml:\d+:\d+: .*not valid YAML: \w+", r.err), r.err


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("service_id: {a: 1}\n", "service_id"),
        ("service_id: [1, 2]\n", "service_id"),
        ("server_url: 42\n", "server_url"),
        ("bearer: true\n", "bearer"),
    ],
)
def test_config_values_of_the_wrong_type(run, tmp_path, text, key):
    _config(tmp_path, text)
    with Server(answer(200, OK_TOKEN)) as server:
        args = ["token", "process", "--parameters", "a=b"] + (
            [] if key == "server_url" else ["--server-url", server.url]
        )
        args += [] if key == "bearer" else ["--bearer", BEARER]
        args += [] if key == "service_id" else ["-s", "1"]
        r = run(*args)
    assert r.code == 2, r.err
    assert f"'{key}' must be" in r.err
    assert server.requests == []


def test_config_readable_by_others_warns_like_ssh(run, tmp_path):
    path = _config(tmp_path, f"bearer: {BEARER}\n", mode=0o644)
    r = run(*TP, "--parameters", "a=b", "--dry-run")
    assert r.code == 0, r.err
    assert "warning" in r.err and "0644" in r.err and f"chmod 600 '{path}'" in r.err
    assert_clean(r, BEARER)
    r = run(*TP, "--parameters", "a=b", "--dry-run", "--agent-mode")
    warning = json.loads(r.err.splitlines()[0])["warning"]
    assert warning["code"] == "config_permissions" and "chmod 600" in warning["hint"]
    path.chmod(0o600)
    assert "warning" not in run(*TP, "--parameters", "a=b", "--dry-run").err


# --------------------------------------------------------------------------- smaller


@pytest.mark.parametrize(("value", "colour"), [("0", False), ("false", False), ("1", True), ("3", True), ("", False)])
def test_force_color_convention(run, value, colour):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, env={"FORCE_COLOR": value})
    assert r.code == 0, r.err
    assert ("\x1b[" in r.out) == colour


def test_yaml_scalar_has_no_document_end_marker(run):
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(
            *TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-o", "yaml", "-q", ".action"
        )
    assert r.code == 0, r.err
    assert r.out == "OK\n"


def test_agent_mode_parameters_warning_is_json(run):
    r = run(*TP, "--parameters", "grant_type=x y", "--dry-run", "--agent-mode")
    assert r.code == 0, r.err
    warning = json.loads(r.err.splitlines()[0])
    assert warning["warning"]["code"] == "form_encoding"


def test_token_process_properties_is_a_string_as_upstream(run):
    help_text = run("token", "process", "--help").out
    flag = re.search(r"--properties\s+string\s+(.+?)(?=\n  -)", help_text, re.S)
    assert flag and "array" not in flag.group(1).lower(), help_text
    value = '[{"key": "k", "value": "v"}]'
    with Server(answer(200, OK_TOKEN)) as server:
        r = run(*TP, "--parameters", "a=b", "--properties", value, "--bearer", BEARER, "--server-url", server.url)
    assert r.code == 0, r.err
    assert server.requests[0].json()["properties"] == value  # the string, as given


def test_usage_counts_only_where_it_is_an_option(run):
    r = run(*TP, "--parameters", "--usage", "--dry-run")
    assert r.code == 0, r.err
    assert '"parameters": "--usage"' in r.err and "cmd " not in r.out
    r = run(*TP, "--parameters", "a=b", "--dry-run", "--", "--usage")
    assert r.code == 2 and "cmd " not in r.out
    r = run("token", "process", "--usage")
    assert r.code == 0 and r.out.startswith("name ")


def test_a_real_process_masks_too(tmp_path):
    """The same guarantees outside this process: a fresh interpreter, real stdout and stderr."""
    with Server(echo(400)) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "authlete_cli", *_secret_args(server.url), "-d"],
            capture_output=True,
            text=True,
            env={**clean_env(tmp_path), "PYTHONPATH": str(GENERATED)},
            timeout=60,
        )
    assert proc.returncode == 3, proc.stderr
    for secret in SECRETS:
        assert secret not in proc.stdout + proc.stderr
    assert os.path.isdir(GENERATED)


def test_int32_range_checked_by_format(run):
    with Server(answer(200, {"start": 0})) as server:
        r = run(
            "token",
            "management",
            "list",
            "-s",
            "1",
            "--start",
            str(2**31),
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
        )
        assert r.code == 2, r.err
        assert "int32" in r.err and "--start" in r.err
    assert server.requests == []


@pytest.mark.parametrize("fmt", ["table", "yaml", "toon", "pretty"])
def test_echoed_credential_masked_even_when_folded(run, fmt):
    """A table or YAML folds long strings across lines; the secret must be masked before that."""
    body = {**OK_TOKEN, "resultMessage": "x" * 50 + BEARER + "y" * 50 + PASSWORD}
    with Server(answer(200, body)) as server:
        r = run(*_secret_args(server.url), "-o", fmt)
    assert r.code == 0, r.err
    flat = re.sub(r"[\s|+-]", "", r.out)
    for secret in (BEARER, PASSWORD):
        assert re.sub(r"[\s|+-]", "", secret)[4:] not in flat, r.out
    assert_clean(r, *SECRETS)


def test_http_outcome_neutralised_on_a_terminal_only(run, monkeypatch):
    body = {**OK_TOKEN, "responseContent": '{"x": "\x1b[2J\x1b]0;owned\x07"}'}
    with Server(answer(200, body), max_requests=2) as server:
        piped = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-o", "http")
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        tty = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-o", "http")
    assert piped.code == 0 and tty.code == 0, (piped.err, tty.err)
    assert "\x1b[2J" in piped.out  # relayed verbatim to a pipe
    assert "\x1b" not in tty.out and "\\x1b[2J" in tty.out


def test_timeout_bounds_a_hanging_name_lookup(run, monkeypatch):
    import socket
    import time as time_module

    real = socket.getaddrinfo

    def slow(host, *args, **kwargs):
        if host == "slow.invalid":
            time_module.sleep(4)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", "http://slow.invalid", "--timeout", "500ms")
    assert r.code == 4, r.err
    assert "timed out after 500ms" in r.err
    assert r.seconds < 3


def test_unknown_host_and_every_address_tried(run):
    r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", "http://no-such-host.invalid")
    assert r.code == 4 and "unknown host" in r.err, r.err
    with Server(answer(200, OK_TOKEN)) as server:
        url = server.url.replace("127.0.0.1", "localhost")  # ::1 first on many systems, then 127.0.0.1
        r = run(*TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", url)
    assert r.code == 0, r.err


def test_a_compression_bomb_is_stopped_within_a_small_margin_of_the_limit(run):
    """300 MB of gzip-compressed data (about 300 KB on the wire) never sits in memory."""
    import tracemalloc
    import zlib

    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"a" * (1 << 20)
    body = b"".join(
        [squeeze.compress(b'{"resultMessage": "'), *(squeeze.compress(block) for _ in range(300)), squeeze.flush()]
    )
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
    with Server(answer(200, body, headers)) as server:
        tracemalloc.start()
        try:
            r = run(
                *TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "--max-response-size", "1MB"
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert r.code == 5, r.err
    assert "1 MiB" in r.err
    assert peak < 16 << 20, f"peak {peak >> 20} MiB"


@pytest.mark.parametrize("wbits", [31, 15, -15], ids=["gzip", "zlib-deflate", "raw-deflate"])
def test_compressed_answers_are_decoded(run, wbits):
    import zlib

    squeeze = zlib.compressobj(6, zlib.DEFLATED, wbits)
    body = squeeze.compress(json.dumps({**OK_TOKEN, "resultMessage": "z" * 200_000}).encode()) + squeeze.flush()
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip" if wbits == 31 else "deflate")]
    with Server(answer(200, body, headers)) as server:
        r = run(
            *TP, "--parameters", "a=b", "--bearer", BEARER, "--server-url", server.url, "-q", ".resultMessage | length"
        )
    assert r.code == 0, r.err
    assert r.out.strip() == "200000"
