"""`-o http` and the models' http_response(): every action of every mapped API.

The expected responses below are written from Authlete's documentation of each
API (not read from our spec), so the spec's x-http-response is checked against
them. A small loopback server started here plays Authlete and returns one
answer per test; Prism covers the spec's own example.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from authlete_cli import AuthleteClient, models
from authlete_cli.runtime.http_outcome import HttpResponse, ServerDecides, UnmappedAction

SID = "715948317"
JSON_BODY = '{"error":"invalid_request","error_description":"[A001] wrong"}'
BEARER_ERROR = 'Bearer error="invalid_token", error_description="[A065] expired"'
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
JSON_HEADERS = {"Content-Type": "application/json", **NO_STORE}

# (command, model, action) -> (status line, headers, body); None: the server must decide.
Expected = tuple[str, dict[str, str], str | None] | None
TOKEN = ("token", "process", "--parameters", "grant_type=client_credentials")
ISSUE = ("token", "issue", "--ticket", "t-1", "--subject", "john")
FAIL = ("token", "fail", "--ticket", "t-1", "--reason", "INVALID_RESOURCE_OWNER_CREDENTIALS")
INTROSPECT = ("introspection", "process", "--token", "at-1")
STANDARD = ("introspection", "standard-process", "--parameters", "token=at-1")
GM = ("grant-management", "process-request", "--access-token", "at-1", "--gm-action", "QUERY", "--grant-id", "g1")

CASES: dict[tuple[tuple[str, ...], str], dict[str, Expected]] = {
    (TOKEN, "/auth/token"): {
        "OK": ("HTTP/1.1 200 OK", JSON_HEADERS, JSON_BODY),
        "ID_TOKEN_REISSUABLE": ("HTTP/1.1 200 OK", JSON_HEADERS, JSON_BODY),
        "BAD_REQUEST": ("HTTP/1.1 400 Bad Request", JSON_HEADERS, JSON_BODY),
        "INVALID_CLIENT": (
            "HTTP/1.1 401 Unauthorized",
            {"WWW-Authenticate": 'Basic realm="token"', **JSON_HEADERS},
            JSON_BODY,
        ),
        "INTERNAL_SERVER_ERROR": ("HTTP/1.1 500 Internal Server Error", JSON_HEADERS, JSON_BODY),
        "PASSWORD": None,
        "TOKEN_EXCHANGE": None,
        "JWT_BEARER": None,
        "NATIVE_SSO": None,
    },
    (ISSUE, "/auth/token/issue"): {
        "OK": ("HTTP/1.1 200 OK", JSON_HEADERS, JSON_BODY),
        "INTERNAL_SERVER_ERROR": ("HTTP/1.1 500 Internal Server Error", JSON_HEADERS, JSON_BODY),
    },
    (FAIL, "/auth/token/fail"): {
        "BAD_REQUEST": ("HTTP/1.1 400 Bad Request", JSON_HEADERS, JSON_BODY),
        "INTERNAL_SERVER_ERROR": ("HTTP/1.1 500 Internal Server Error", JSON_HEADERS, JSON_BODY),
    },
    (INTROSPECT, "/auth/introspection"): {
        "BAD_REQUEST": ("HTTP/1.1 400 Bad Request", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "UNAUTHORIZED": ("HTTP/1.1 401 Unauthorized", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "FORBIDDEN": ("HTTP/1.1 403 Forbidden", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "INTERNAL_SERVER_ERROR": (
            "HTTP/1.1 500 Internal Server Error",
            {"WWW-Authenticate": BEARER_ERROR, **NO_STORE},
            None,
        ),
        "OK": None,
    },
    (STANDARD, "/auth/introspection/standard"): {
        "OK": ("HTTP/1.1 200 OK", JSON_HEADERS, JSON_BODY),
        "JWT": ("HTTP/1.1 200 OK", {"Content-Type": "application/token-introspection+jwt", **NO_STORE}, "eyJ.x.y"),
        "BAD_REQUEST": ("HTTP/1.1 400 Bad Request", JSON_HEADERS, JSON_BODY),
        "INTERNAL_SERVER_ERROR": ("HTTP/1.1 500 Internal Server Error", JSON_HEADERS, JSON_BODY),
    },
    (GM, "/gm"): {
        "OK": ("HTTP/1.1 200 OK", JSON_HEADERS, JSON_BODY),
        "NO_CONTENT": ("HTTP/1.1 204 No Content", NO_STORE, None),
        "UNAUTHORIZED": ("HTTP/1.1 401 Unauthorized", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "FORBIDDEN": ("HTTP/1.1 403 Forbidden", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "NOT_FOUND": ("HTTP/1.1 404 Not Found", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "CALLER_ERROR": ("HTTP/1.1 500 Internal Server Error", {"WWW-Authenticate": BEARER_ERROR, **NO_STORE}, None),
        "AUTHLETE_ERROR": (
            "HTTP/1.1 500 Internal Server Error",
            {"WWW-Authenticate": BEARER_ERROR, **NO_STORE},
            None,
        ),
    },
}
DPOP_APIS = {"/auth/token", "/auth/introspection", "/gm"}  # the answers that carry dpopNonce


class FakeAuthlete:
    """A loopback HTTP server that answers every request with ``self.answer`` and records the paths."""

    def __init__(self) -> None:
        self.answer: dict[str, Any] = {}
        self.paths: list[str] = []
        self.bodies: list[bytes] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                owner.bodies.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                owner.paths.append(self.path)
                body = json.dumps(owner.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeAuthlete:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeAuthlete]:
    with FakeAuthlete() as server:
        yield server


def answer_for(action: str, api: str, expected: Expected, dpop: bool) -> dict[str, Any]:
    body = expected[2] if expected else None
    www = expected[1].get("WWW-Authenticate") if expected else None
    content = body if body is not None else (www if www and not www.startswith("Basic") else "Bearer error=x")
    answer: dict[str, Any] = {"resultCode": "A000", "resultMessage": "[A000] done", "action": action}
    answer["responseContent"] = content
    if action == "NO_CONTENT":
        answer.pop("responseContent")
    if action == "PASSWORD":
        answer.update({"ticket": "tk-1", "username": "john"})
    if dpop:
        answer["dpopNonce"] = "nonce-42"
    return answer


def every_case(dpop_for_all: bool = True) -> Iterator[Any]:
    """Every action of every API; with and without dpopNonce (only for the first action, in a CLI run)."""
    for (args, api), actions in CASES.items():
        for index, (action, expected) in enumerate(actions.items()):
            with_dpop = api in DPOP_APIS and (dpop_for_all or index == 0)
            for dpop in (False, True) if with_dpop else (False,):
                yield pytest.param(args, api, action, expected, dpop, id=f"{api}-{action}{'-dpop' if dpop else ''}")


def parse_http(text: str) -> tuple[str, dict[str, str], str]:
    head, sep, body = text.partition("\n\n")
    assert sep, f"no blank line after the headers: {text!r}"
    status, *lines = head.split("\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return status, headers, body


@pytest.mark.parametrize(("args", "api", "action", "expected", "dpop"), list(every_case(dpop_for_all=False)))
def test_o_http_for_every_action(cli, fake, args, api, action, expected, dpop) -> None:
    fake.answer = answer_for(action, api, expected, dpop)
    result = cli(*args, "-s", SID, "--server-url", fake.url, "--bearer", "b", "-o", "http")
    assert fake.paths[-1] == f"/api/{SID}{api}"
    assert "Traceback" not in result.err
    if expected is None:
        assert result.code == 10, result.err
        assert result.err.startswith(f"authlete: next step (action {action}): ")
        assert json.loads(result.out)["action"] == action  # the answer, for the server's own decision
        return
    assert result.code == 0, result.err
    status, headers, body = parse_http(result.out)
    want_headers = dict(expected[1])
    if dpop:
        want_headers["DPoP-Nonce"] = "nonce-42"
    assert status == expected[0]
    assert headers == want_headers
    assert body == (expected[2] or "")  # exactly responseContent: no newline added in a pipe


@pytest.mark.parametrize(("args", "api", "action", "expected", "dpop"), list(every_case()))
def test_model_http_response_for_every_action(args, api, action, expected, dpop) -> None:
    model = {
        "/auth/token": models.TokenResponse,
        "/auth/token/issue": models.TokenIssueResponse,
        "/auth/token/fail": models.TokenFailResponse,
        "/auth/introspection": models.IntrospectionResponse,
        "/auth/introspection/standard": models.StandardIntrospectionResponse,
        "/gm": models.GMResponse,
    }[api]
    result = model.model_validate(answer_for(action, api, expected, dpop)).http_response()
    if expected is None:
        assert isinstance(result, ServerDecides) and result.action == action and result.next_step
        return
    assert isinstance(result, HttpResponse)
    want = dict(expected[1], **({"DPoP-Nonce": "nonce-42"} if dpop else {}))
    assert (result.status_line(), result.headers, result.body) == (expected[0], want, expected[2])


def test_password_tells_the_next_step(cli, fake) -> None:
    fake.answer = {"action": "PASSWORD", "ticket": "tk-9", "username": "john", "password": "pw"}
    result = cli(*TOKEN, "-s", SID, "--server-url", fake.url, "--bearer", "b", "-o", "http")
    assert result.code == 10
    assert "`token issue`" in result.err and "`token fail`" in result.err
    assert result.err.count("\n") == 1
    assert json.loads(result.out)["ticket"] == "tk-9"


def test_an_unknown_action_is_an_unmapped_action_not_a_crash(cli, fake) -> None:
    fake.answer = {"action": "SOMETHING_NEW", "responseContent": "{}"}
    result = cli(*TOKEN, "-s", SID, "--server-url", fake.url, "--bearer", "b", "-o", "http")
    assert result.code == 5
    assert "'SOMETHING_NEW', which has no HTTP response" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    # the other formats show such an answer as it is
    shown = cli(*TOKEN, "-s", SID, "--server-url", fake.url, "--bearer", "b", "-o", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["action"] == "SOMETHING_NEW"


def test_o_http_on_a_command_without_a_mapping_fails_before_sending(cli) -> None:
    result = cli(
        "token", "management", "list", "-s", SID, "--server-url", "http://127.0.0.1:9", "--bearer", "b", "-o", "http"
    )
    assert result.code == 2
    assert "has no HTTP response mapping" in result.err


def test_o_http_refuses_jq(cli) -> None:
    result = cli(
        *TOKEN, "-s", SID, "--server-url", "http://127.0.0.1:9", "--bearer", "b", "-o", "http", "-q", ".action"
    )
    assert result.code == 2 and "--jq" in result.err


def test_o_http_against_prism_example(cli, prism) -> None:
    result = cli(*TOKEN, "-s", SID, "--server-url", prism.url, "--bearer", "b", "-o", "http")
    assert result.code == 0, result.err
    status, headers, body = parse_http(result.out)
    assert status == "HTTP/1.1 200 OK"
    assert headers == JSON_HEADERS
    assert json.loads(body)["access_token"] == "C4SrUTijIj2IxqE1xBASr3dxQWgso3BpY49g8CyjGjQ"


def test_client_turns_an_answer_into_the_response_to_send() -> None:
    answer = {
        "action": "INVALID_CLIENT",
        "responseContent": '{"error":"invalid_client"}',
        "dpopNonce": "n-1",
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    with AuthleteClient("b", transport=httpx.MockTransport(handler)) as client:
        verdict = client.token_process(SID, {"parameters": "grant_type=client_credentials"})
    response = verdict.http_response()
    assert isinstance(response, HttpResponse)
    assert response.status == 401 and response.reason == "Unauthorized"
    assert response.headers == {
        "Content-Type": "application/json",
        "WWW-Authenticate": 'Basic realm="token"',
        "Cache-Control": "no-store",
        "Pragma": "no-cache",
        "DPoP-Nonce": "n-1",
    }
    assert response.body == '{"error":"invalid_client"}'
    assert response.message() == (
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
        'WWW-Authenticate: Basic realm="token"\r\nCache-Control: no-store\r\nPragma: no-cache\r\n'
        'DPoP-Nonce: n-1\r\n\r\n{"error":"invalid_client"}'
    )


def test_client_unknown_action_gives_an_unmapped_result() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"action": "FUTURE_ACTION", "responseContent": "x"})

    with AuthleteClient("b", transport=httpx.MockTransport(handler)) as client:
        verdict = client.grant_management_process_request(SID, {"accessToken": "at", "gmAction": "QUERY"})
    result = verdict.http_response()
    assert isinstance(result, UnmappedAction)
    assert result.action == "FUTURE_ACTION" and "no HTTP response" in result.message
    assert verdict.model_dump(mode="json", by_alias=True, exclude_unset=True)["action"] == "FUTURE_ACTION"


def test_other_enum_errors_still_fail_validation() -> None:
    with pytest.raises(Exception, match="action"):
        models.TokenResponse.model_validate({"action": 3})


def test_next_step_is_json_in_agent_mode(cli, fake) -> None:
    fake.answer = {"action": "JWT_BEARER", "assertion": "eyJ.a.b"}
    result = cli(*TOKEN, "-s", SID, "--server-url", fake.url, "--bearer", "b", "-o", "http", "--agent-mode")
    assert result.code == 10
    step = json.loads(result.err)["next_step"]
    assert step["action"] == "JWT_BEARER" and step["exit_code"] == 10 and "signature" in step["message"]
