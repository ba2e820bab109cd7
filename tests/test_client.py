"""The generated Python clients, against httpx.MockTransport (no network)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from authlete_cli import AsyncAuthleteClient, AuthleteApiError, AuthleteClient, models
from authlete_cli._table import SERVERS

BEARER = "service-access-token-0123456789"

TOKEN_RESPONSE = {
    "resultCode": "A050001",
    "resultMessage": "[A050001] The token request (grant_type=authorization_code) was processed successfully.",
    "action": "OK",
    "responseContent": '{"access_token":"C4Sr","token_type":"Bearer"}',
    "accessToken": "C4SrUTijIj2IxqE1xBASr3dxQWgso3BpY49g8CyjGjQ",
    "accessTokenDuration": 86400,
    "clientId": 26478243745571,
    "subject": "john",
    "scopes": ["history.read"],
}
LIST_RESPONSE = {"start": 0, "end": 5, "totalCount": 1, "subject": "john", "accessTokens": []}
BAD_REQUEST = {"resultCode": "A001203", "resultMessage": "[A001203] The request body is malformed."}


class Recorder:
    """A MockTransport handler that records requests and answers from a fixed reply."""

    def __init__(
        self, status: int = 200, body: Any = None, content: bytes | None = None, headers: dict[str, str] | None = None
    ) -> None:
        self.requests: list[httpx.Request] = []
        self.status = status
        self.body = body
        self.content = content
        self.headers = headers or {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.content is not None:
            return httpx.Response(self.status, content=self.content, headers=self.headers)
        if self.body is None:
            return httpx.Response(self.status, headers=self.headers)
        return httpx.Response(self.status, json=self.body, headers=self.headers)

    @property
    def last(self) -> httpx.Request:
        assert self.requests, "no request was sent"
        return self.requests[-1]

    def json(self) -> Any:
        return json.loads(self.last.content)

    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(str(self.last.url)).query, keep_blank_values=True))


def sync_client(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> AuthleteClient:
    return AuthleteClient(BEARER, transport=httpx.MockTransport(handler), **kwargs)


def run_async(
    handler: Callable[[httpx.Request], httpx.Response], call: Callable[[AsyncAuthleteClient], Any], **kwargs: Any
) -> Any:
    async def main() -> Any:
        async with AsyncAuthleteClient(BEARER, transport=httpx.MockTransport(handler), **kwargs) as client:
            return await call(client)

    return asyncio.run(main())


def _check_token_request(rec: Recorder, base: str = "https://us.authlete.com") -> None:
    req = rec.last
    assert req.method == "POST"
    assert str(req.url) == f"{base}/api/715948317/auth/token"
    assert req.headers["Authorization"] == f"Bearer {BEARER}"
    assert req.headers["Content-Type"].startswith("application/json")
    assert rec.json() == {
        "parameters": "grant_type=authorization_code&code=abc",
        "clientId": "26478243745571",
        "accessTokenDuration": 3600,
        "dpopNonceRequired": False,
    }


def _token_request() -> models.TokenRequest:
    return models.TokenRequest(
        parameters="grant_type=authorization_code&code=abc",
        client_id="26478243745571",
        access_token_duration=3600,
        dpop_nonce_required=False,
    )


def _check_token_response(result: Any) -> None:
    assert isinstance(result, models.TokenResponse)
    assert result.result_code == "A050001"
    assert result.access_token == TOKEN_RESPONSE["accessToken"]
    assert result.access_token_duration == 86400
    assert result.client_id == 26478243745571
    assert result.scopes == ["history.read"]
    action = result.action.value if hasattr(result.action, "value") else result.action
    assert action == "OK"


# --------------------------------------------------------------------------- token_process


def test_token_process_sync():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec) as client:
        result = client.token_process("715948317", _token_request())
    _check_token_request(rec)
    _check_token_response(result)


def test_token_process_async():
    rec = Recorder(200, TOKEN_RESPONSE)
    result = run_async(rec, lambda c: c.token_process("715948317", _token_request()))
    _check_token_request(rec)
    _check_token_response(result)


def test_unset_fields_are_not_sent():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec) as client:
        client.token_process("1", models.TokenRequest(parameters="a=b"))
    assert rec.json() == {"parameters": "a=b"}


def test_model_accepts_wire_names_too():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec) as client:
        client.token_process(
            "1", models.TokenRequest(parameters="a=b", clientSecret="s", cimdOptions={"httpPermitted": True})
        )
    assert rec.json() == {"parameters": "a=b", "clientSecret": "s", "cimdOptions": {"httpPermitted": True}}


def test_dict_request_sync():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec) as client:
        result = client.token_process("715948317", {"parameters": "grant_type=client_credentials", "clientId": "c"})
    assert rec.json() == {"parameters": "grant_type=client_credentials", "clientId": "c"}
    assert isinstance(result, models.TokenResponse)


def test_dict_request_async():
    rec = Recorder(200, TOKEN_RESPONSE)
    result = run_async(rec, lambda c: c.token_process("715948317", {"parameters": "a=b"}))
    assert rec.json() == {"parameters": "a=b"}
    assert isinstance(result, models.TokenResponse)


def test_path_parameter_is_percent_encoded():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec) as client:
        client.token_process("a/b c", {"parameters": "a=b"})
    assert rec.last.url.raw_path.decode().startswith("/api/a%2Fb%20c/auth/token")


# --------------------------------------------------------------------------- query parameters


def test_token_management_list_query_sync():
    rec = Recorder(200, LIST_RESPONSE)
    with sync_client(rec) as client:
        result = client.token_management_list("715948317", start=0, end=5, subject="john")
    req = rec.last
    assert req.method == "GET"
    assert urlsplit(str(req.url)).path == "/api/715948317/auth/token/get/list"
    assert rec.query() == {"start": "0", "end": "5", "subject": "john"}  # 0 is a value, None is absent
    assert req.content == b""
    assert isinstance(result, models.TokenGetListResponse)
    assert result.total_count == 1
    assert result.subject == "john"


def test_token_management_list_query_async():
    rec = Recorder(200, LIST_RESPONSE)
    result = run_async(rec, lambda c: c.token_management_list("1", client_identifier="my client&x", end=5))
    assert rec.query() == {"clientIdentifier": "my client&x", "end": "5"}
    assert isinstance(result, models.TokenGetListResponse)


def test_token_management_list_without_filters_has_no_query():
    rec = Recorder(200, LIST_RESPONSE)
    with sync_client(rec) as client:
        client.token_management_list("1")
    assert urlsplit(str(rec.last.url)).query == ""


def test_create_batch_dry_run_and_array_body():
    rec = Recorder(200, {"resultCode": "A329001", "requestId": "r1"})
    batch = [
        models.TokenCreateRequest(grant_type=models.GrantType.CLIENT_CREDENTIALS, client_id=1, scopes=["a"]),
        {"grantType": "PASSWORD", "clientId": 2, "subject": "john"},
    ]
    with sync_client(rec) as client:
        result = client.token_management_create_batch("1", batch, batch_dry_run=True)
    assert rec.query() == {"dryRun": "true"}
    assert rec.json() == [
        {"grantType": "CLIENT_CREDENTIALS", "clientId": 1, "scopes": ["a"]},
        {"grantType": "PASSWORD", "clientId": 2, "subject": "john"},
    ]
    assert isinstance(result, models.TokenCreateBatchResponse)


# --------------------------------------------------------------------------- delete: 204


def test_token_management_delete_returns_none_on_204_sync():
    rec = Recorder(204)
    with sync_client(rec) as client:
        assert client.token_management_delete("a/b", "715948317") is None
    req = rec.last
    assert req.method == "DELETE"
    assert req.url.raw_path.decode() == "/api/715948317/auth/token/delete/a%2Fb"
    assert req.headers["Authorization"] == f"Bearer {BEARER}"
    assert req.content == b""


def test_token_management_delete_returns_none_on_204_async():
    rec = Recorder(204)
    assert run_async(rec, lambda c: c.token_management_delete("tok", "1")) is None
    assert rec.last.method == "DELETE"


# --------------------------------------------------------------------------- errors


def test_400_raises_api_error_with_result_sync():
    rec = Recorder(400, BAD_REQUEST)
    with sync_client(rec) as client, pytest.raises(AuthleteApiError) as info:
        client.token_process("1", {"parameters": "a=b"})
    error = info.value
    assert error.status_code == 400
    assert error.result.result_code == "A001203"
    assert "A001203" in str(error)
    assert json.loads(error.body) == BAD_REQUEST


def test_400_raises_api_error_with_result_async():
    rec = Recorder(400, BAD_REQUEST)
    with pytest.raises(AuthleteApiError) as info:
        run_async(rec, lambda c: c.token_process("1", {"parameters": "a=b"}))
    assert info.value.status_code == 400
    assert info.value.result.result_code == "A001203"


@pytest.mark.parametrize("status", [401, 403, 500])
def test_other_error_statuses(status):
    rec = Recorder(status, {"resultCode": "A001202", "resultMessage": "[A001202] no"})
    with sync_client(rec) as client, pytest.raises(AuthleteApiError) as info:
        client.introspection_process("1", {"token": "t"})
    assert info.value.status_code == status
    assert info.value.result.result_code == "A001202"


def test_error_with_non_json_body():
    rec = Recorder(502, content=b"<html>bad gateway</html>", headers={"Content-Type": "text/html"})
    with sync_client(rec) as client, pytest.raises(AuthleteApiError) as info:
        client.token_process("1", {"parameters": "a=b"})
    assert info.value.status_code == 502
    assert info.value.body == b"<html>bad gateway</html>"


def test_api_error_is_an_exception():
    assert issubclass(AuthleteApiError, Exception)


# --------------------------------------------------------------------------- servers


@pytest.mark.parametrize(
    ("kwargs", "base"),
    [
        ({}, "https://us.authlete.com"),
        ({"server": "jp"}, "https://jp.authlete.com"),
        ({"server": "eu"}, "https://eu.authlete.com"),
        ({"server": 3}, "https://br.authlete.com"),
        ({"server": 1}, "https://jp.authlete.com"),
        ({"server_url": "http://localhost:4010/"}, "http://localhost:4010"),
        ({"server_url": "http://localhost:4010", "server": "jp"}, "http://localhost:4010"),
    ],
)
def test_server_selection(kwargs, base):
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec, **kwargs) as client:
        client.token_process("715948317", _token_request())
    _check_token_request(rec, base)


def test_server_selection_async():
    rec = Recorder(200, TOKEN_RESPONSE)
    run_async(rec, lambda c: c.token_process("715948317", _token_request()), server="jp")
    _check_token_request(rec, "https://jp.authlete.com")


@pytest.mark.parametrize("server", ["zz", 9, len(SERVERS)])
def test_unknown_server_is_rejected(server):
    with pytest.raises(ValueError):
        AuthleteClient(BEARER, server=server, transport=httpx.MockTransport(Recorder()))


def test_extra_headers_are_sent():
    rec = Recorder(200, TOKEN_RESPONSE)
    with sync_client(rec, headers={"X-Trace": "1"}) as client:
        client.token_process("1", {"parameters": "a=b"})
    assert rec.last.headers["X-Trace"] == "1"
    assert rec.last.headers["Authorization"] == f"Bearer {BEARER}"


def test_package_exports_are_lazy_and_match_client_module():
    import authlete_cli
    from authlete_cli import client as module

    assert authlete_cli.AuthleteClient is module.AuthleteClient
    assert authlete_cli.AsyncAuthleteClient is module.AsyncAuthleteClient
    assert authlete_cli.AuthleteApiError is module.AuthleteApiError
