"""Header and cookie parameters cannot smuggle in another header or another cookie.

A ``;`` in a cookie parameter would end that cookie and start one of the
caller's choosing (``--session 'abc; admin=1'``); a line break in a header
parameter would start another header. Both are refused before anything is
sent, by the CLI (exit 2, one line naming the flag) and by the client
(ValueError naming the parameter); the value itself is never echoed, it may
be a session secret. A spec of our own with header and cookie parameters is
generated once for the module; a loopback server records what arrives.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hostile import Server, answer

SPEC = """\
openapi: 3.0.3
info: {title: Params, version: '1'}
servers: [{url: https://params.example.com}]
paths:
  /who:
    get:
      operationId: who_am_i
      tags: [Who]
      parameters:
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: X-Tags, in: header, schema: {type: array, items: {type: string}}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: prefs, in: cookie, schema: {type: array, items: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {user: {type: string}}}
"""
SESSION = "SESSION-9fK2mQ7xLp4Wz"
BAD_COOKIES = [
    (f"{SESSION}; admin=1", "';'"),
    (f"{SESSION},admin=1", "','"),
    (f"{SESSION} admin", "a space"),
    (f"{SESSION}\tadmin", "a tab"),
    (f'{SESSION}"x', "'\"'"),
    (f"{SESSION}\\x", "'\\\\'"),
    (f"{SESSION}\r\nX-Evil: 1", "a carriage return"),
]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("params")
    spec = root / "spec.yaml"
    spec.write_text(SPEC)
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), "--package", "params"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def client_module(package: Path):
    sys.path.insert(0, str(package))
    try:
        yield importlib.import_module("params.client")
    finally:
        sys.path.remove(str(package))
        for name in [n for n in sys.modules if n == "params" or n.startswith("params.")]:
            del sys.modules[name]


def _run(cli, package: Path, server: Server, *args: str):
    return cli(
        "who", "who-am-i", *args, "--server-url", server.url, "--bearer", "t0k3n-xyz", "--no-retries",
        package="params", env={"PYTHONPATH": str(package)},
    )  # fmt: skip


@pytest.mark.parametrize(("value", "what"), BAD_COOKIES)
def test_the_cli_refuses_a_cookie_value_that_would_add_a_cookie(cli, package, value, what):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        result = _run(cli, package, server, "--session", value)
    assert result.code == 2, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("params: error: --session (cookie session): the value contains"), lines[0]
    assert what in lines[0] and f"character {len(SESSION) + 1}" in lines[0]
    assert SESSION not in result.err and "admin" not in result.err
    assert "Traceback" not in result.err and result.out == ""
    assert server.requests == []


def test_the_cli_refuses_a_bad_item_of_a_cookie_list(cli, package):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        result = _run(cli, package, server, "--prefs", "dark", "--prefs", "a;b=c")
    assert result.code == 2, result.err
    assert "--prefs (cookie prefs): the value contains ';' at character 2" in result.err
    assert server.requests == []


def test_the_cli_refuses_a_line_break_in_a_header_parameter(cli, package):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        result = _run(cli, package, server, "--x-trace", "abc\r\nX-Evil: 1")
    assert result.code == 2, result.err
    assert result.err.startswith("params: error: --x-trace (header X-Trace): the value contains a carriage return")
    assert server.requests == []


def test_the_cli_sends_good_values_as_openapi_styles_them(cli, package):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        result = _run(
            cli, package, server, "--session", f'"{SESSION}"', "--prefs", "dark", "--prefs", "wide",
            "--x-tags", "a", "--x-tags", "b", "-o", "json",
        )  # fmt: skip
    assert result.code == 0, result.err
    seen = server.requests[0].headers
    assert seen["cookie"] == f'prefs=dark; prefs=wide; session="{SESSION}"'
    assert seen["x-tags"] == "a,b"  # the simple style, not a Python list


@pytest.mark.parametrize(("value", "what"), BAD_COOKIES)
def test_the_client_refuses_a_cookie_value_that_would_add_a_cookie(client_module, value, what):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        with client_module.ParamsClient("t0k3n-xyz", server_url=server.url, retries=False) as client:
            with pytest.raises(ValueError) as caught:
                client.who_who_am_i(session=value)
    message = str(caught.value)
    assert message.startswith("cookie parameter 'session': the value has"), message
    assert what in message and f"character {len(SESSION) + 1}" in message
    assert SESSION not in message and "admin" not in message
    assert server.requests == []


def test_the_client_refuses_a_line_break_in_a_header_parameter(client_module):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        with client_module.ParamsClient("t0k3n-xyz", server_url=server.url, retries=False) as client:
            with pytest.raises(ValueError, match="header X-Trace: the value has a carriage return at character 4"):
                client.who_who_am_i(x_trace="abc\r\nX-Evil: 1")
    assert server.requests == []


def test_the_client_sends_lists_as_openapi_styles_them(client_module):
    with Server(answer(200, {"user": "u"}), max_requests=1, life=5) as server:
        with client_module.ParamsClient("t0k3n-xyz", server_url=server.url, retries=False) as client:
            client.who_who_am_i(session=SESSION, prefs=["dark", "wide"], x_tags=["a", "b"])
    seen = server.requests[0].headers
    assert seen["cookie"] == f"prefs=dark; prefs=wide; session={SESSION}"
    assert seen["x-tags"] == "a,b"
