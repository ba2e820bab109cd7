"""Every failure exits with its documented code and explains itself in one stderr line.

0 ok, 1 internal, 2 usage/bad input, 3 API error status, 4 network failure or
timeout, 5 a 2xx answer whose body is not JSON or not what the spec says.
A tiny local HTTP server plays the misbehaving API; its behaviour is chosen by
the service ID in the request path (``-s MODE`` -> ``/api/MODE/...``).
"""

from __future__ import annotations

import copy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SPEC, Prism

RESULT_400 = {"resultCode": "A001201", "resultMessage": "[A001201] bad"}
TOKEN_OK = {"resultCode": "A050001", "resultMessage": "[A050001] ok", "action": "OK", "accessToken": "tok"}

# mode -> (delay seconds, status, content type, body bytes)
MODES: dict[str, tuple[float, int, str, bytes]] = {
    "ok": (0, 200, "application/json", json.dumps(TOKEN_OK).encode()),
    "held": (0, 200, "application/json", json.dumps(TOKEN_OK).encode()),
    "result400": (0, 400, "application/json", json.dumps(RESULT_400).encode()),
    "html502": (0, 502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
    "text200": (0, 200, "text/plain", b"hello, not json"),
    "badaction": (0, 200, "application/json", json.dumps({"action": "NOT_AN_ACTION"}).encode()),
    "wrongtype": (0, 200, "application/json", json.dumps({"accessTokenDuration": "soon"}).encode()),
    "array200": (0, 200, "application/json", b"[1, 2, 3]"),
    "empty200": (0, 200, "application/json", b""),
    "problem404": (
        0,
        404,
        "application/problem+json",
        json.dumps({"title": "Not Found", "detail": "no such service"}).encode(),
    ),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append((self.command, self.path, dict(self.headers), body))  # type: ignore[attr-defined]
        parts = self.path.split("/")
        mode = parts[2] if len(parts) > 2 else ""
        delay, status, ctype, content = MODES.get(mode, (0, 418, "text/plain", b"unknown mode"))
        if mode == "held":  # answer only once the test lets go (or after 5 s, so nothing hangs)
            self.server.held.set()  # type: ignore[attr-defined]
            self.server.release.wait(5)  # type: ignore[attr-defined]
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture(scope="module")
def fake_api():
    server = _Server(("127.0.0.1", 0), _Handler)
    server.requests = []  # type: ignore[attr-defined]
    server.held = threading.Event()  # type: ignore[attr-defined]  # a "held" request arrived
    server.release = threading.Event()  # type: ignore[attr-defined]  # answer held requests now
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def call(cli, fake_api):
    """``call(MODE, *extra)`` runs ``token process`` against the fake API in MODE."""

    def run(mode: str, *extra: str, command: tuple[str, ...] = ("token", "process"), **kwargs: Any):
        args = [*command, "-s", mode]
        if command == ("token", "process"):
            args += ["--parameters", "grant_type=client_credentials"]
        return cli(*args, "--server-url", fake_api.url, "--bearer", "test-bearer", *extra, **kwargs)

    return run


def one_error_line(result, code: int) -> str:
    """Assert the documented failure shape and return the message after 'authlete: error: '."""
    assert result.code == code, f"exit {result.code}, want {code}; stderr: {result.err!r}"
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, f"want one stderr line, got {len(lines)}:\n{result.err}"
    assert lines[0].startswith("authlete: error: "), lines[0]
    assert result.out == ""
    return lines[0][len("authlete: error: ") :]


def free_closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------------
# 0: the fake API itself works, so the failures below are the CLI's doing
# ---------------------------------------------------------------------------


def test_fake_api_success(call):
    result = call("ok", "-o", "json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == TOKEN_OK


# ---------------------------------------------------------------------------
# 4: network
# ---------------------------------------------------------------------------


def test_connection_refused(cli):
    port = free_closed_port()
    result = cli("token", "process", "-s", "1", "--parameters", "a=b",
                 "--server-url", f"http://127.0.0.1:{port}", "--bearer", "t")  # fmt: skip
    message = one_error_line(result, 4)
    assert f"127.0.0.1:{port}" in message
    assert "connection refused" in message.lower()


def test_timeout(call, fake_api):
    """The server holds its answer until the CLI is done: only the CLI's own deadline can end it.

    A server that answers after a fixed delay raced the CLI on a busy machine,
    and so did counting the requests the moment the CLI exited; here the
    answer waits for the test (a CLI that ignored --timeout would get it after
    5 s and exit 0), and the request is awaited, not assumed, at the server.
    """
    before = len(fake_api.requests)
    fake_api.held.clear()
    fake_api.release.clear()
    try:
        result = call("held", "--timeout", "100ms")
        message = one_error_line(result, 4)
        assert "timed out after 100ms" in message
        assert fake_api.held.wait(10), "the request never reached the server"
    finally:
        fake_api.release.set()
    assert len(fake_api.requests) == before + 1  # it was sent once (a POST is never retried), then abandoned


def test_unresolvable_host(cli):
    result = cli("token", "process", "-s", "1", "--parameters", "a=b",
                 "--server-url", "http://no-such-host.invalid", "--bearer", "t", "--timeout", "5s")  # fmt: skip
    message = one_error_line(result, 4)
    assert "no-such-host.invalid" in message


# ---------------------------------------------------------------------------
# 3: the API answered with an error status
# ---------------------------------------------------------------------------


def test_4xx_with_authlete_result(call):
    message = one_error_line(call("result400"), 3)
    assert message.startswith("HTTP 400 Bad Request: ")
    assert "resultCode A001201" in message
    assert "[A001201] bad" in message


def test_5xx_html_body(call):
    message = one_error_line(call("html502"), 3)
    assert message.startswith("HTTP 502 Bad Gateway")
    assert "not JSON" in message


def test_problem_details_body(call):
    message = one_error_line(call("problem404"), 3)
    assert message.startswith("HTTP 404 Not Found")
    assert "no such service" in message


def test_error_status_with_debug_keeps_one_error_line(call):
    """--debug adds diagnostics, but the error itself is still exactly one 'authlete: error:' line."""
    result = call("result400", "-d")
    assert result.code == 3
    errors = [line for line in result.err.splitlines() if line.startswith("authlete: error:")]
    assert len(errors) == 1 and "resultCode A001201" in errors[0]
    assert "Traceback" not in result.err


# ---------------------------------------------------------------------------
# 5: a 2xx answer that is not what the spec says
# ---------------------------------------------------------------------------


def test_200_not_json(call):
    message = one_error_line(call("text200"), 5)
    assert "invalid response" in message
    assert "not JSON" in message


@pytest.mark.parametrize("mode, where", [("wrongtype", "accessTokenDuration")])
def test_200_violates_response_model(call, mode, where):
    message = one_error_line(call(mode), 5)
    assert "invalid response" in message
    assert where in message


def test_200_with_an_action_the_spec_does_not_list_is_shown(call):
    """Response enums are open: the API may add actions; the answer is printed as it came."""
    result = call("badaction")
    assert result.code == 0, result.err
    assert "NOT_AN_ACTION" in result.out


def test_200_json_of_wrong_shape(call):
    message = one_error_line(call("array200"), 5)
    assert "invalid response" in message


def test_200_empty_body_where_spec_promises_json(call):
    """The spec gives token process's 200 a JSON body; an empty answer is not a success."""
    message = one_error_line(call("empty200"), 5)
    assert "invalid response" in message


# ---------------------------------------------------------------------------
# 3: Prism's own 422, for an operation that defines no 400 response
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prism_without_400(tmp_path_factory):
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    stripped = copy.deepcopy(spec)
    del stripped["paths"]["/api/{serviceId}/auth/token/create"]["post"]["responses"]["400"]
    path = Path(tmp_path_factory.mktemp("spec")) / "authlete-no400.yaml"
    path.write_text(yaml.safe_dump(stripped, sort_keys=False), encoding="utf-8")
    with Prism(path) as server:
        yield server


def test_prism_422(cli, prism_without_400):
    # clientId/grantType pass the CLI's checks; Prism insists resources[] are URIs (format: uri).
    base = ["token", "management", "create", "-s", "715948317", "--grant-type", "CLIENT_CREDENTIALS",
            "--client-id", "26478243745571", "--server-url", prism_without_400.url, "--bearer", "t"]  # fmt: skip
    good = cli(*base, "--resources", "https://rs.example.com/", "-o", "json")
    assert good.code == 0, good.err

    result = cli(*base, "--resources", "not a uri")
    message = one_error_line(result, 3)
    assert message.startswith("HTTP 422 Unprocessable Entity")


# ---------------------------------------------------------------------------
# 2: bad input; nothing is sent
# ---------------------------------------------------------------------------


def test_bad_jq_expression(call, fake_api):
    before = len(fake_api.requests)
    message = one_error_line(call("ok", "-q", ".[ | nope"), 2)
    assert message.startswith("--jq:")
    assert len(fake_api.requests) == before


def test_unknown_output_format(call, fake_api):
    before = len(fake_api.requests)
    message = one_error_line(call("ok", "-o", "xml"), 2)
    assert "xml" in message and "--output-format" in message
    assert len(fake_api.requests) == before


@pytest.mark.parametrize(
    "args, flag",
    [
        (["--cimd-options", "{alwaysRetrieved: true"], "--cimd-options"),
        (["--body", "{not json"], "--body"),
        (["--body", "[]"], "--body"),
        (["--cimd-options", '{"alwaysRetrieved": "maybe"}'], "--cimd-options"),
        (["--access-token-duration", "soon"], "--access-token-duration"),
    ],
    ids=["bad-json-option", "bad-json-body", "body-not-object", "wrong-type-in-json", "not-an-int"],
)
def test_bad_input(call, fake_api, args, flag):
    before = len(fake_api.requests)
    message = one_error_line(call("ok", *args), 2)
    assert flag in message
    assert len(fake_api.requests) == before


def test_bad_body_file(call, fake_api, tmp_path):
    missing = tmp_path / "nope.json"
    message = one_error_line(call("ok", "--body", f"@{missing}"), 2)
    assert f"@{missing}" in message


def test_missing_required_option(cli, fake_api):
    result = cli("token", "fail", "-s", "ok", "--ticket", "t", "--server-url", fake_api.url, "--bearer", "b")
    message = one_error_line(result, 2)
    assert "--reason" in message


def test_missing_bearer(cli, fake_api):
    before = len(fake_api.requests)
    result = cli("token", "process", "-s", "ok", "--parameters", "a=b", "--server-url", fake_api.url)
    message = one_error_line(result, 2)
    assert "bearer" in message.lower()
    assert len(fake_api.requests) == before


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--timeout", "soon"], "--timeout"),
        (["-H", "no colon here"], "--header"),
        (["--server-url", "ftp://example.com"], "--server-url"),
        (["--reason", "SOMETHING"], "--reason"),
        (["--no-such-flag"], "--no-such-flag"),
    ],
    ids=["timeout", "header", "server-url", "enum", "unknown-flag"],
)
def test_bad_global_and_command_options(cli, fake_api, args, needle):
    command = ["token", "fail", "-s", "ok", "--ticket", "t"]
    if "--reason" not in args:
        command += ["--reason", "UNKNOWN"]
    server = [] if "--server-url" in args else ["--server-url", fake_api.url]
    result = cli(*command, *server, "--bearer", "b", *args)
    message = one_error_line(result, 2)
    assert needle in message


# ---------------------------------------------------------------------------
# Agent mode: the same errors as one JSON object
# ---------------------------------------------------------------------------


def agent_error(result) -> dict[str, Any]:
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    payload = json.loads(lines[0])
    assert set(payload) == {"error"}
    return payload["error"]


def test_agent_mode_api_error(call):
    result = call("result400", "--agent-mode")
    assert result.code == 3
    error = agent_error(result)
    assert error["code"] == "api_error"
    assert error["exit_code"] == 3
    assert "resultCode A001201" in error["message"]
    assert "[A001201] bad" in error["message"]


def test_agent_mode_from_environment(call):
    detected = call("result400", env={"CLAUDECODE": "1"})
    assert detected.code == 3
    assert agent_error(detected)["code"] == "api_error"

    turned_off = call("result400", "--agent-mode=false", env={"CLAUDECODE": "1"})
    assert one_error_line(turned_off, 3).startswith("HTTP 400 Bad Request")


@pytest.mark.parametrize(
    "mode, extra, code, name",
    [
        ("ok", ["-o", "xml"], 2, "usage_error"),
        ("text200", [], 5, "invalid_response"),
    ],
)
def test_agent_mode_other_codes(call, mode, extra, code, name):
    result = call(mode, "--agent-mode", *extra)
    assert result.code == code
    error = agent_error(result)
    assert (error["code"], error["exit_code"]) == (name, code)


def test_agent_mode_network_error(cli):
    port = free_closed_port()
    result = cli("token", "process", "-s", "1", "--parameters", "a=b", "--agent-mode",
                 "--server-url", f"http://127.0.0.1:{port}", "--bearer", "t")  # fmt: skip
    assert result.code == 4
    error = agent_error(result)
    assert (error["code"], error["exit_code"]) == ("network_error", 4)
