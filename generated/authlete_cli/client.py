"""Typed httpx clients for the Authlete API: token, introspection and grant management: one method per operation.

Each method returns the parsed model; its ``*_raw`` twin returns a
RawResponse (status, headers and the model). Error statuses raise a subclass
of AuthleteApiError. Every method takes ``request_options`` (timeout, extra
headers, retries); the shared machinery lives in runtime/client_core.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, cast

import httpx

from . import models
from .runtime.client_core import (
    DEFAULT_MAX_RESPONSE_SIZE,
    AsyncCore,
    RawResponse,
    RequestOptions,
    SyncCore,
)
from .runtime.client_errors import ApiError as AuthleteApiError
from .runtime.client_errors import (
    BadRequestError,
    ForbiddenError,
    NotFoundError,
    RateLimitedError,
    RequestInfo,
    ResponseTooLargeError,
    ServerError,
    UnauthorizedError,
    UnexpectedStatusError,
)
from .runtime.paginate import PaginationError
from .runtime.retry import RetryPolicy

__all__ = [
    "AsyncAuthleteClient",
    "AuthleteApiError",
    "AuthleteClient",
    "BadRequestError",
    "ForbiddenError",
    "NotFoundError",
    "PaginationError",
    "RateLimitedError",
    "RawResponse",
    "RequestInfo",
    "RequestOptions",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedStatusError",
]


class AuthleteClient(SyncCore):
    """Blocking client; use as a context manager or call ``close()``.

    ``retries`` is the default retry policy (a RetryPolicy, a count, or False);
    ``timeout`` is the deadline of one call, every retry included;
    ``max_response_size`` the most bytes of decoded body an answer may have.
    """

    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        retries: RetryPolicy | int | bool | None = None,
        transport: httpx.BaseTransport | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        super().__init__(
            bearer,
            server_url=server_url,
            server=server,
            timeout=timeout,
            headers=headers,
            retries=retries,
            max_response_size=max_response_size,
        )
        self._http = httpx.Client(timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> AuthleteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def grant_management_process_request(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        return self.grant_management_process_request_raw(
            service_id, request, request_options=request_options
        ).parsed

    def grant_management_process_request_raw(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.GMResponse]:
        """Process Grant Management Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.GMResponse]",
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
                False,
                request_options,
            ),
        )

    def introspection_process(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        return self.introspection_process_raw(
            service_id, request, request_options=request_options
        ).parsed

    def introspection_process_raw(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IntrospectionResponse]:
        """Process Introspection Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.IntrospectionResponse]",
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
                True,
                request_options,
            ),
        )

    def introspection_standard_process(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        return self.introspection_standard_process_raw(
            service_id, request, request_options=request_options
        ).parsed

    def introspection_standard_process_raw(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.StandardIntrospectionResponse]:
        """Process OAuth 2.0 Introspection Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.StandardIntrospectionResponse]",
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
                True,
                request_options,
            ),
        )

    def token_fail(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        return self.token_fail_raw(service_id, request, request_options=request_options).parsed

    def token_fail_raw(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenFailResponse]:
        """Fail Token Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenFailResponse]",
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
                False,
                request_options,
            ),
        )

    def token_issue(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        return self.token_issue_raw(service_id, request, request_options=request_options).parsed

    def token_issue_raw(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenIssueResponse]:
        """Issue Token Response: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenIssueResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_batch_status(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        return self.token_management_batch_status_raw(
            service_id, token_batch_request_id, request_options=request_options
        ).parsed

    def token_management_batch_status_raw(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchStatusResponse]:
        """Get Batch Token Creation Status: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateBatchStatusResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_create(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        return self.token_management_create_raw(
            service_id, request, request_options=request_options
        ).parsed

    def token_management_create_raw(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateResponse]:
        """Create Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_create_batch(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchResponse:
        """Create Access Tokens in Batch (`authlete token management create-batch`)."""
        return self.token_management_create_batch_raw(
            service_id, request, batch_dry_run=batch_dry_run, request_options=request_options
        ).parsed

    def token_management_create_batch_raw(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchResponse]:
        """Create Access Tokens in Batch: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateBatchResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_delete(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        return self.token_management_delete_raw(
            access_token_identifier, service_id, request_options=request_options
        ).parsed

    def token_management_delete_raw(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Delete Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[None]",
            self._call(
                "DELETE",
                "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}",
                {
                    "path": {
                        "accessTokenIdentifier": access_token_identifier,
                        "serviceId": service_id,
                    },
                    "query": {},
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "204": None,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
                False,
                request_options,
            ),
        )

    def token_management_list(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> models.TokenGetListResponse:
        """List Issued Tokens (`authlete token management list`)."""
        return self.token_management_list_raw(
            service_id,
            client_identifier=client_identifier,
            end=end,
            start=start,
            subject=subject,
            request_options=request_options,
        ).parsed

    def token_management_list_raw(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenGetListResponse]:
        """List Issued Tokens: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenGetListResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_list_pages(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
        max_pages: int | None = None,
    ) -> Iterator[models.TokenGetListResponse]:
        """List Issued Tokens: page after page, each fetched when you take it; at most ``max_pages``."""
        return cast(
            "Iterator[models.TokenGetListResponse]",
            self._pages(
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
                False,
                request_options,
                {
                    "kind": "range",
                    "cursor": "start",
                    "limit": "end",
                    "results": ["accessTokens"],
                    "next_cursor": None,
                    "total": ["totalCount"],
                    "end": ["end"],
                    "num_pages": None,
                    "page_size": 100,
                },
                max_pages,
            ),
        )

    def token_management_reissue_id_token(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        return self.token_management_reissue_id_token_raw(
            service_id, request, request_options=request_options
        ).parsed

    def token_management_reissue_id_token_raw(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IdtokenReissueResponse]:
        """Reissue ID Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.IdtokenReissueResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_revoke(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        return self.token_management_revoke_raw(
            service_id, request, request_options=request_options
        ).parsed

    def token_management_revoke_raw(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenRevokeResponse]:
        """Revoke Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenRevokeResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_update(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        return self.token_management_update_raw(
            service_id, request, request_options=request_options
        ).parsed

    def token_management_update_raw(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenUpdateResponse]:
        """Update Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenUpdateResponse]",
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
                False,
                request_options,
            ),
        )

    def token_process(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        return self.token_process_raw(service_id, request, request_options=request_options).parsed

    def token_process_raw(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenResponse]:
        """Process Token Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenResponse]",
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
                False,
                request_options,
            ),
        )


class AsyncAuthleteClient(AsyncCore):
    """Asyncio client; use as an async context manager or await ``aclose()``."""

    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        retries: RetryPolicy | int | bool | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        super().__init__(
            bearer,
            server_url=server_url,
            server=server,
            timeout=timeout,
            headers=headers,
            retries=retries,
            max_response_size=max_response_size,
        )
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncAuthleteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def grant_management_process_request(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        return (
            await self.grant_management_process_request_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def grant_management_process_request_raw(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.GMResponse]:
        """Process Grant Management Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.GMResponse]",
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
                False,
                request_options,
            ),
        )

    async def introspection_process(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        return (
            await self.introspection_process_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def introspection_process_raw(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IntrospectionResponse]:
        """Process Introspection Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.IntrospectionResponse]",
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
                True,
                request_options,
            ),
        )

    async def introspection_standard_process(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        return (
            await self.introspection_standard_process_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def introspection_standard_process_raw(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.StandardIntrospectionResponse]:
        """Process OAuth 2.0 Introspection Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.StandardIntrospectionResponse]",
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
                True,
                request_options,
            ),
        )

    async def token_fail(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        return (
            await self.token_fail_raw(service_id, request, request_options=request_options)
        ).parsed

    async def token_fail_raw(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenFailResponse]:
        """Fail Token Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenFailResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_issue(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        return (
            await self.token_issue_raw(service_id, request, request_options=request_options)
        ).parsed

    async def token_issue_raw(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenIssueResponse]:
        """Issue Token Response: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenIssueResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_batch_status(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        return (
            await self.token_management_batch_status_raw(
                service_id, token_batch_request_id, request_options=request_options
            )
        ).parsed

    async def token_management_batch_status_raw(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchStatusResponse]:
        """Get Batch Token Creation Status: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateBatchStatusResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_create(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        return (
            await self.token_management_create_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def token_management_create_raw(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateResponse]:
        """Create Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_create_batch(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchResponse:
        """Create Access Tokens in Batch (`authlete token management create-batch`)."""
        return (
            await self.token_management_create_batch_raw(
                service_id, request, batch_dry_run=batch_dry_run, request_options=request_options
            )
        ).parsed

    async def token_management_create_batch_raw(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchResponse]:
        """Create Access Tokens in Batch: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenCreateBatchResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_delete(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        return (
            await self.token_management_delete_raw(
                access_token_identifier, service_id, request_options=request_options
            )
        ).parsed

    async def token_management_delete_raw(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Delete Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[None]",
            await self._call(
                "DELETE",
                "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}",
                {
                    "path": {
                        "accessTokenIdentifier": access_token_identifier,
                        "serviceId": service_id,
                    },
                    "query": {},
                    "header": {},
                    "cookie": {},
                },
                None,
                ("json", "application/json", "application/json"),
                {
                    "204": None,
                    "400": models.Result,
                    "401": models.Result,
                    "403": models.Result,
                    "500": models.Result,
                },
                False,
                request_options,
            ),
        )

    async def token_management_list(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> models.TokenGetListResponse:
        """List Issued Tokens (`authlete token management list`)."""
        return (
            await self.token_management_list_raw(
                service_id,
                client_identifier=client_identifier,
                end=end,
                start=start,
                subject=subject,
                request_options=request_options,
            )
        ).parsed

    async def token_management_list_raw(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenGetListResponse]:
        """List Issued Tokens: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenGetListResponse]",
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
                False,
                request_options,
            ),
        )

    def token_management_list_pages(
        self,
        service_id: str,
        *,
        client_identifier: str | None = None,
        end: int | None = None,
        start: int | None = None,
        subject: str | None = None,
        request_options: RequestOptions | None = None,
        max_pages: int | None = None,
    ) -> AsyncIterator[models.TokenGetListResponse]:
        """List Issued Tokens: page after page (``async for``), each fetched when you take it; at most ``max_pages``."""
        return cast(
            "AsyncIterator[models.TokenGetListResponse]",
            self._pages(
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
                False,
                request_options,
                {
                    "kind": "range",
                    "cursor": "start",
                    "limit": "end",
                    "results": ["accessTokens"],
                    "next_cursor": None,
                    "total": ["totalCount"],
                    "end": ["end"],
                    "num_pages": None,
                    "page_size": 100,
                },
                max_pages,
            ),
        )

    async def token_management_reissue_id_token(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        return (
            await self.token_management_reissue_id_token_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def token_management_reissue_id_token_raw(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IdtokenReissueResponse]:
        """Reissue ID Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.IdtokenReissueResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_revoke(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        return (
            await self.token_management_revoke_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def token_management_revoke_raw(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenRevokeResponse]:
        """Revoke Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenRevokeResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_management_update(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        return (
            await self.token_management_update_raw(
                service_id, request, request_options=request_options
            )
        ).parsed

    async def token_management_update_raw(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenUpdateResponse]:
        """Update Access Token: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenUpdateResponse]",
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
                False,
                request_options,
            ),
        )

    async def token_process(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        return (
            await self.token_process_raw(service_id, request, request_options=request_options)
        ).parsed

    async def token_process_raw(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenResponse]:
        """Process Token Request: status, headers and the parsed answer."""
        return cast(
            "RawResponse[models.TokenResponse]",
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
                False,
                request_options,
            ),
        )
