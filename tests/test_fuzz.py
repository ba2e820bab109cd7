"""Fuzzing the generated CLI in-process: its options, and the answers it parses.

Fixed seed (derandomize) and a bounded number of examples, so CI runs the same
few hundred cases every time in seconds. Whatever the input: never a
traceback, never "internal error", never a secret the user gave in full.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import Any

import pytest
from authlete_cli import _table
from authlete_cli.runtime import transport
from authlete_cli.runtime.app import main
from authlete_cli.runtime.wire import Reply
from hostile import Server, echo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BEARER = "FUZZBEARER-p0O9i8U7y6T5r4E3w2Q1"
CLIENT_SECRET = "FUZZSECRET-a1S2d3F4g5H6j7K8l9"
PASSWORD = "FUZZPASSWORD-z1X2c3V4b5N6m7"
SECRETS = (BEARER, CLIENT_SECRET, PASSWORD)
HOSTILE_TEXT = [
    "",
    " ",
    "..",
    ".",
    "a/../b",
    "%",
    "%zz",
    "\r",
    "\r\n",
    "\x00",
    "\x1b[31m",
    "\x9b2J",
    "[bold]x[/]",
    "[/x]",
    "é",
    "²",
    "𝔘",
    "\u202e",
    "9" * 5000,
    str(2**70),
    "-1",
    "0",
    "1e999",
    "[" * 300,
    '{"a": ' * 300,
    "http://[::1",
    "http://127.0.0.1:99999",
    "http://u:p@127.0.0.1:9",
    "99999999999999999999h",
    "1ms",
    "a=b&c",
    "password:x",
    "Authorization Bearer x",
    "X(: a",
    "Authorization: Bearer " + BEARER,
    BEARER + "\r",  # the bearer is always given too, so it must be masked wherever it lands
    "null",
    "[]",
    "{}",
    '{"parameters": 1}',
    "--usage",
    "--",
]
JQ = [
    ".",
    ".action",
    ".resultMessage",
    ".[]?",
    "range(5)",
    ".x + 1",
    'error("e")',
    "..",
    "tostring",
    ".scopes[]?",
    "$__loc__",
]
FORMATS = ["pretty", "json", "yaml", "table", "toon"]
ALLOWED_EXITS = {0, 2, 3, 4, 5, 6}

texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))


def _environment(monkeypatch: Any, home: Any) -> None:
    for name in ("AUTHLETE_BEARER", "AUTHLETE_SERVER_URL", "AUTHLETE_SERVICE_ID", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name in (
        "CLAUDECODE",
        "CLAUDE_CODE",
        "CURSOR_AGENT",
        "CODEX_SANDBOX",
        "GEMINI_CLI",
        "AIDER_MODEL",
        "CLINE_TASK",
        "AGENT_MODE_AUTHLETE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


def _assert_clean(code: int, text: str, args: Any, given: tuple[str, ...] = SECRETS) -> None:
    assert code in ALLOWED_EXITS, (code, args, text)
    assert "Traceback" not in text, (args, text)
    assert "internal error" not in text, (args, text)
    for secret in given:
        assert secret not in text, (secret, args, text)


@st.composite
def command_lines(draw: Any) -> list[str]:
    """A command and a random mix of its own and the global options, values often hostile."""
    name = draw(st.sampled_from(sorted(_table.COMMANDS)))
    entry = _table.COMMANDS[name]
    flags = [o["flag"] for o in entry["options"]]
    if entry["body"]:
        flags += ["--body"] + (["--param"] if entry["body"]["form_field"] else [])
    globals_ = ["-o", "-q", "-H", "--timeout", "--max-response-size", "--color", "--bearer", "--server-url", "-s"]
    switches = ["-d", "--dry-run", "--include-headers", "--agent-mode", "--agent-mode=false", "--usage"]
    args = name.split()
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flag", "global", "switch", "secret"]))
        if kind == "switch":
            args.append(draw(st.sampled_from(switches)))
            continue
        if kind == "secret":
            args += draw(
                st.sampled_from(
                    [
                        ["--client-secret", CLIENT_SECRET],
                        ["--parameters", f"password={PASSWORD}"],
                        ["-H", f"Authorization: Bearer {BEARER}"],
                    ]
                )
            )
            continue
        flag = draw(st.sampled_from(flags if kind == "flag" and flags else globals_))
        if flag == "-o":
            value = draw(st.sampled_from(FORMATS))
        elif flag == "-q":
            value = draw(st.sampled_from(JQ))
        else:
            value = draw(texts.filter(lambda v: not v.startswith("@")))
        args += [flag, value]
    return args


@pytest.fixture(scope="module")
def server():
    with Server(echo(400), max_requests=400, life=300) as running:
        yield running


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=command_lines())
def test_fuzz_command_lines(server, monkeypatch, tmp_path, args):
    _environment(monkeypatch, tmp_path)
    # Last occurrences win: always our bearer and the local server, never the internet.
    full = [*args, "--no-interactive", "--bearer", BEARER, "--server-url", server.url, "--timeout", "5s", "--"]
    if "--" in args:
        full = [
            *args[: args.index("--")],
            "--no-interactive",
            "--bearer",
            BEARER,
            "--server-url",
            server.url,
            "--timeout",
            "5s",
            *args[args.index("--") :],
        ]
    code, text = _run(full)
    _assert_clean(code, text, full)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | texts
    | st.sampled_from(SECRETS),  # echoed secrets
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            [
                "resultCode",
                "resultMessage",
                "action",
                "accessToken",
                "jwtAccessToken",
                "ticket",
                "scopes",
                "responseContent",
                "x",
            ]
        )
        | st.text(max_size=8),
        children,
        max_size=5,
    ),
    max_leaves=20,
)
bodies = st.one_of(
    st.binary(max_size=120),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {
            "resultCode": texts,
            "resultMessage": st.sampled_from(SECRETS) | texts,
            "action": st.sampled_from(["OK", "PASSWORD", "BAD", "x"]),
        }
    ).map(lambda v: json.dumps(v).encode()),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
)
header_values = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=30) | st.sampled_from(
    ["a\x9bb", BEARER, "http://elsewhere.invalid/x"]
)


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    status=st.sampled_from([200, 201, 204, 301, 302, 307, 400, 401, 404, 500, 503]) | st.integers(100, 599),
    body=bodies,
    headers=st.lists(
        st.tuples(
            st.sampled_from(["Location", "Content-Type", "X-Evil", "Set-Cookie", "sl-violations"]), header_values
        ),
        max_size=4,
    ),
    fmt=st.sampled_from(FORMATS),
    jq=st.none() | st.sampled_from(JQ),
    debug=st.booleans(),
    include_headers=st.booleans(),
    command=st.sampled_from(
        ["token process", "token management delete", "introspection process", "token management list"]
    ),
)
def test_fuzz_answers(monkeypatch, tmp_path, status, body, headers, fmt, jq, debug, include_headers, command):
    _environment(monkeypatch, tmp_path)
    monkeypatch.setattr(
        transport, "send", lambda call, cfg, transport=None: Reply(status, "Reason\x1b[2J", headers, body)
    )
    args = [*command.split(), "-s", "1", "--bearer", BEARER, "-o", fmt, "--no-interactive"]
    args += {
        "token process": ["--client-secret", CLIENT_SECRET, "--parameters", f"grant_type=password&password={PASSWORD}"],
        "token management delete": ["--access-token-identifier", "abc"],
        "introspection process": ["--token", "abc"],
        "token management list": [],
    }[command]
    given = SECRETS if command == "token process" else (BEARER,)
    args += (["-q", jq] if jq else []) + (["-d"] if debug else []) + (["--include-headers"] if include_headers else [])
    code, text = _run(args)
    _assert_clean(code, text, (status, body[:80], headers, args), given)
    assert "\x1b[2J" not in text and "\x9b" not in text
