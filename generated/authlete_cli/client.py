"""Typed httpx clients for the Authlete API: token, introspection and grant management: one method per operation."""

from __future__ import annotations

from typing import Any, cast

import httpx
from pydantic import BaseModel, ValidationError

from . import models
from ._table import SERVERS
from .runtime.wire import Call, decode_json, error_message, url


class AuthleteApiError(Exception):
    """The API answered with an error status; ``result`` is its parsed body when the spec describes one."""

    def __init__(
        self, status_code: int, message: str, result: Any = None, body: bytes = b""
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.result = result
        self.body = body


def _base_url(server_url: str | None, server: int | str) -> str:
    if server_url:
        return server_url.rstrip("/")
    for index, entry in enumerate(SERVERS):
        if server in (index, entry.get("name")):
            return str(entry["url"])
    raise ValueError(
        f"unknown server {server!r}; known: {[s.get('name') or i for i, s in enumerate(SERVERS)]}"
    )


def _header(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _dump(body: Any, mode: str = "json") -> Any:
    """A request model as wire data; multipart keeps bytes as bytes (``mode='python'``)."""
    if isinstance(body, BaseModel):
        return body.model_dump(mode=mode, by_alias=True, exclude_unset=True)
    if isinstance(body, list):
        return [_dump(item, mode) for item in body]
    return body


class _Base:
    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.base_url = _base_url(server_url, server)
        self.timeout = timeout
        self.headers = {
            "Authorization": f"Bearer {bearer}",
            "Accept": "application/json",
            **(headers or {}),
        }

    def _request(
        self,
        method: str,
        path: str,
        params: dict[str, dict[str, Any]],
        body: Any,
        media: tuple[str, str, str],
    ) -> tuple[Call, dict[str, Any]]:
        """The request and httpx's keyword arguments for its body, encoded as the spec says (JSON, form, multipart, bytes, text)."""
        headers = {
            **self.headers,
            **{k: _header(v) for k, v in params["header"].items() if v is not None},
        }
        cookies = "; ".join(
            f"{k}={_header(v)}" for k, v in params["cookie"].items() if v is not None
        )
        if cookies:
            headers["Cookie"] = cookies
        encoding, content_type, accept = media
        headers["Accept"] = accept
        call = Call(
            method,
            url(self.base_url, path, params["path"], params["query"]),
            headers,
            None if body is None else _dump(body, "python" if encoding == "multipart" else "json"),
            encoding,
            content_type,
        )
        if body is not None and encoding != "multipart":
            call.headers["Content-Type"] = content_type
        return call, call.send_arguments()

    @staticmethod
    def _read(response: httpx.Response, models_by_status: dict[str, Any]) -> Any:
        status = str(response.status_code)
        model = models_by_status.get(status)
        if response.status_code >= 400:
            message, parsed = error_message(
                response.status_code, response.reason_phrase, response.content
            )
            result = parsed
            if model is not None and isinstance(parsed, dict):
                try:
                    result = model.model_validate(parsed)
                except ValidationError:
                    result = parsed
            raise AuthleteApiError(response.status_code, message, result, response.content)
        if model is bytes:  # a binary or text body, as the spec describes it
            return response.content
        if model is str:
            return response.text
        if model is object:  # JSON the spec describes without a named schema
            return decode_json(response.content) if response.content.strip() else None
        if model is None or not response.content.strip():
            return None
        return model.model_validate(decode_json(response.content))


class AuthleteClient(_Base):
    """Blocking client; use as a context manager or call ``close()``."""

    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            bearer, server_url=server_url, server=server, timeout=timeout, headers=headers
        )
        self._http = httpx.Client(timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AuthleteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(
        self,
        method: str,
        path: str,
        params: dict[str, dict[str, Any]],
        body: Any,
        media: tuple[str, str, str],
        models_by_status: dict[str, Any],
    ) -> Any:
        call, arguments = self._request(method, path, params, body, media)
        return self._read(
            self._http.request(method, call.url, headers=call.headers, **arguments),
            models_by_status,
        )

    def grant_management_process_request(
        self, service_id: str, request: models.GMRequest | dict[str, Any]
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        return cast(
            models.GMResponse,
            self._call(
                "POST",
                "/api/{serviceId}/gm",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.GMResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def introspection_process(
        self, service_id: str, request: models.IntrospectionRequest | dict[str, Any]
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        return cast(
            models.IntrospectionResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/introspection",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.IntrospectionResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def introspection_standard_process(
        self, service_id: str, request: models.StandardIntrospectionRequest | dict[str, Any]
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        return cast(
            models.StandardIntrospectionResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/introspection/standard",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.StandardIntrospectionResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_fail(
        self, service_id: str, request: models.TokenFailRequest | dict[str, Any]
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        return cast(
            models.TokenFailResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/fail",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenFailResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_issue(
        self, service_id: str, request: models.TokenIssueRequest | dict[str, Any]
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        return cast(
            models.TokenIssueResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/issue",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenIssueResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_batch_status(
        self, service_id: str, token_batch_request_id: str
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        return cast(
            models.TokenCreateBatchStatusResponse,
            self._call(
                "GET",
                "/api/{serviceId}/auth/token/create/batch/status/{tokenBatchRequestId}",
                {
                    "path": {
                        "serviceId": service_id,
                        "tokenBatchRequestId": token_batch_request_id,
                    },
                    "query": {},
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateBatchStatusResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_create(
        self, service_id: str, request: models.TokenCreateRequest | dict[str, Any]
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        return cast(
            models.TokenCreateResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/create",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_create_batch(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
    ) -> models.TokenCreateBatchResponse:
        """Create Access Tokens in Batch (`authlete token management create-batch`)."""
        return cast(
            models.TokenCreateBatchResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/create/batch",
                {
                    "path": {"serviceId": service_id},
                    "query": {"dryRun": batch_dry_run},
                    "header": {},
                    "cookie": {},
                },
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateBatchResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_delete(self, access_token_identifier: str, service_id: str) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        self._call(
            "DELETE",
            "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}",
            {
                "path": {"accessTokenIdentifier": access_token_identifier, "serviceId": service_id},
                "query": {},
                "header": {},
                "cookie": {},
            },
            None,
            ("json", "application/json", "application/json"),
            {
                "400": models.Result,
                "401": models.Result,
                "403": models.Result,
                "500": models.Result,
            },
        )

    def token_management_list(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
    ) -> models.TokenGetListResponse:
        """List Issued Tokens (`authlete token management list`)."""
        return cast(
            models.TokenGetListResponse,
            self._call(
                "GET",
                "/api/{serviceId}/auth/token/get/list",
                {
                    "path": {"serviceId": service_id},
                    "query": {
                        "clientIdentifier": client_identifier,
                        "end": end,
                        "start": start,
                        "subject": subject,
                    },
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenGetListResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_reissue_id_token(
        self, service_id: str, request: models.IdtokenReissueRequest | dict[str, Any] | None = None
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        return cast(
            models.IdtokenReissueResponse,
            self._call(
                "POST",
                "/api/{serviceId}/idtoken/reissue",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.IdtokenReissueResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_revoke(
        self, service_id: str, request: models.TokenRevokeRequest | dict[str, Any]
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        return cast(
            models.TokenRevokeResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/revoke",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenRevokeResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "404": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_management_update(
        self, service_id: str, request: models.TokenUpdateRequest | dict[str, Any]
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        return cast(
            models.TokenUpdateResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token/update",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenUpdateResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    def token_process(
        self, service_id: str, request: models.TokenRequest | dict[str, Any]
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        return cast(
            models.TokenResponse,
            self._call(
                "POST",
                "/api/{serviceId}/auth/token",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )


class AsyncAuthleteClient(_Base):
    """Asyncio client; use as an async context manager or await ``aclose()``."""

    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            bearer, server_url=server_url, server=server, timeout=timeout, headers=headers
        )
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncAuthleteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        params: dict[str, dict[str, Any]],
        body: Any,
        media: tuple[str, str, str],
        models_by_status: dict[str, Any],
    ) -> Any:
        call, arguments = self._request(method, path, params, body, media)
        return self._read(
            await self._http.request(method, call.url, headers=call.headers, **arguments),
            models_by_status,
        )

    async def grant_management_process_request(
        self, service_id: str, request: models.GMRequest | dict[str, Any]
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        return cast(
            models.GMResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/gm",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.GMResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def introspection_process(
        self, service_id: str, request: models.IntrospectionRequest | dict[str, Any]
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        return cast(
            models.IntrospectionResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/introspection",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.IntrospectionResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def introspection_standard_process(
        self, service_id: str, request: models.StandardIntrospectionRequest | dict[str, Any]
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        return cast(
            models.StandardIntrospectionResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/introspection/standard",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.StandardIntrospectionResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_fail(
        self, service_id: str, request: models.TokenFailRequest | dict[str, Any]
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        return cast(
            models.TokenFailResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/fail",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenFailResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_issue(
        self, service_id: str, request: models.TokenIssueRequest | dict[str, Any]
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        return cast(
            models.TokenIssueResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/issue",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenIssueResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_batch_status(
        self, service_id: str, token_batch_request_id: str
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        return cast(
            models.TokenCreateBatchStatusResponse,
            await self._call(
                "GET",
                "/api/{serviceId}/auth/token/create/batch/status/{tokenBatchRequestId}",
                {
                    "path": {
                        "serviceId": service_id,
                        "tokenBatchRequestId": token_batch_request_id,
                    },
                    "query": {},
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateBatchStatusResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_create(
        self, service_id: str, request: models.TokenCreateRequest | dict[str, Any]
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        return cast(
            models.TokenCreateResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/create",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_create_batch(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
    ) -> models.TokenCreateBatchResponse:
        """Create Access Tokens in Batch (`authlete token management create-batch`)."""
        return cast(
            models.TokenCreateBatchResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/create/batch",
                {
                    "path": {"serviceId": service_id},
                    "query": {"dryRun": batch_dry_run},
                    "header": {},
                    "cookie": {},
                },
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenCreateBatchResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_delete(self, access_token_identifier: str, service_id: str) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        await self._call(
            "DELETE",
            "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}",
            {
                "path": {"accessTokenIdentifier": access_token_identifier, "serviceId": service_id},
                "query": {},
                "header": {},
                "cookie": {},
            },
            None,
            ("json", "application/json", "application/json"),
            {
                "400": models.Result,
                "401": models.Result,
                "403": models.Result,
                "500": models.Result,
            },
        )

    async def token_management_list(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
    ) -> models.TokenGetListResponse:
        """List Issued Tokens (`authlete token management list`)."""
        return cast(
            models.TokenGetListResponse,
            await self._call(
                "GET",
                "/api/{serviceId}/auth/token/get/list",
                {
                    "path": {"serviceId": service_id},
                    "query": {
                        "clientIdentifier": client_identifier,
                        "end": end,
                        "start": start,
                        "subject": subject,
                    },
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenGetListResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_reissue_id_token(
        self, service_id: str, request: models.IdtokenReissueRequest | dict[str, Any] | None = None
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        return cast(
            models.IdtokenReissueResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/idtoken/reissue",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.IdtokenReissueResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_revoke(
        self, service_id: str, request: models.TokenRevokeRequest | dict[str, Any]
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        return cast(
            models.TokenRevokeResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/revoke",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenRevokeResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "404": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_management_update(
        self, service_id: str, request: models.TokenUpdateRequest | dict[str, Any]
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        return cast(
            models.TokenUpdateResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token/update",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenUpdateResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )

    async def token_process(
        self, service_id: str, request: models.TokenRequest | dict[str, Any]
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        return cast(
            models.TokenResponse,
            await self._call(
                "POST",
                "/api/{serviceId}/auth/token",
                {"path": {"serviceId": service_id}, "query": {}, "header": {}, "cookie": {}},
                request,
                ("json", "application/json", "application/json"),
                {
                    "200": models.TokenResponse,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
            ),
        )
