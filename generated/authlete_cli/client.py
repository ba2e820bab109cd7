"""Typed httpx clients for the Authlete API: token, introspection and grant management: one method per operation.

Each method returns the parsed model; its ``*_raw`` twin returns a
RawResponse (status, headers and the model). Error statuses raise a subclass
of AuthleteApiError. Every method takes ``request_options`` (timeout, extra
headers, retries). This module only lists the operations (OPERATIONS) and their
methods; the machinery lives in runtime/client_core.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from . import models
from .runtime.client_core import (
    AsyncCore,
    Operation,
    Params,
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
    UnusableResponseError,
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
    "UnusableResponseError",
]

# Method name -> what a call of the operation needs beside its arguments.
OPERATIONS: dict[str, Operation] = {
    "grant_management_process_request": {
        "method": "POST",
        "path": "/api/{serviceId}/gm",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "GMResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "introspection_process": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/introspection",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "IntrospectionResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": True,
        "pagination": None,
    },
    "introspection_standard_process": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/introspection/standard",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "StandardIntrospectionResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": True,
        "pagination": None,
    },
    "token_fail": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/fail",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenFailResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_issue": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/issue",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenIssueResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_batch_status": {
        "method": "GET",
        "path": "/api/{serviceId}/auth/token/create/batch/status/{tokenBatchRequestId}",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenCreateBatchStatusResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_create": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/create",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenCreateResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_create_batch": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/create/batch",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenCreateBatchResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_delete": {
        "method": "DELETE",
        "path": "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {
            "204": "none",
        },
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_list": {
        "method": "GET",
        "path": "/api/{serviceId}/auth/token/get/list",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenGetListResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": {
            "kind": "range",
            "cursor": "start",
            "limit": "end",
            "results": [
                "accessTokens",
            ],
            "next_cursor": None,
            "total": [
                "totalCount",
            ],
            "end": [
                "end",
            ],
            "num_pages": None,
            "page_size": 100,
        },
    },
    "token_management_reissue_id_token": {
        "method": "POST",
        "path": "/api/{serviceId}/idtoken/reissue",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "IdtokenReissueResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_revoke": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/revoke",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenRevokeResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "404": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_management_update": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token/update",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenUpdateResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
    "token_process": {
        "method": "POST",
        "path": "/api/{serviceId}/auth/token",
        "encoding": "json",
        "content_type": "application/json",
        "accept": "application/json",
        "models": {
            "200": "TokenResponse",
            "400": "Result",
            "401": "Result",
            "403": "Result",
            "500": "Result",
        },
        "raw": {},
        "retry_safe": False,
        "pagination": None,
    },
}


class AuthleteClient(SyncCore):
    """Blocking client; use as a context manager or call ``close()``.

    ``retries`` is the default retry policy (a RetryPolicy, a count, or False);
    ``timeout`` is the deadline of one call, every retry included;
    ``max_response_size`` the most bytes of decoded body an answer may have.
    """

    def grant_management_process_request(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        raw = self.grant_management_process_request_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    def grant_management_process_request_raw(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.GMResponse]:
        """Process Grant Management Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(
            OPERATIONS["grant_management_process_request"],
            params,
            request,
            request_options,
        )

    def introspection_process(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        raw = self.introspection_process_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def introspection_process_raw(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IntrospectionResponse]:
        """Process Introspection Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["introspection_process"], params, request, request_options)

    def introspection_standard_process(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        raw = self.introspection_standard_process_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    def introspection_standard_process_raw(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.StandardIntrospectionResponse]:
        """Process OAuth 2.0 Introspection Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(
            OPERATIONS["introspection_standard_process"],
            params,
            request,
            request_options,
        )

    def token_fail(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        raw = self.token_fail_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_fail_raw(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenFailResponse]:
        """Fail Token Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_fail"], params, request, request_options)

    def token_issue(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        raw = self.token_issue_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_issue_raw(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenIssueResponse]:
        """Issue Token Response: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_issue"], params, request, request_options)

    def token_management_batch_status(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        raw = self.token_management_batch_status_raw(
            service_id,
            token_batch_request_id,
            request_options=request_options,
        )
        return raw.parsed

    def token_management_batch_status_raw(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchStatusResponse]:
        """Get Batch Token Creation Status: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id, "tokenBatchRequestId": token_batch_request_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(
            OPERATIONS["token_management_batch_status"],
            params,
            None,
            request_options,
        )

    def token_management_create(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        raw = self.token_management_create_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_management_create_raw(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateResponse]:
        """Create Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_management_create"], params, request, request_options)

    def token_management_create_batch(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchResponse:
        """Create Access Tokens in Batch (`authlete token management create-batch`)."""
        raw = self.token_management_create_batch_raw(
            service_id,
            request,
            batch_dry_run=batch_dry_run,
            request_options=request_options,
        )
        return raw.parsed

    def token_management_create_batch_raw(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchResponse]:
        """Create Access Tokens in Batch: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {"dryRun": batch_dry_run},
            "header": {},
            "cookie": {},
        }
        return self._call(
            OPERATIONS["token_management_create_batch"],
            params,
            request,
            request_options,
        )

    def token_management_delete(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        raw = self.token_management_delete_raw(
            access_token_identifier,
            service_id,
            request_options=request_options,
        )
        return raw.parsed

    def token_management_delete_raw(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Delete Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"accessTokenIdentifier": access_token_identifier, "serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_management_delete"], params, None, request_options)

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
        raw = self.token_management_list_raw(
            service_id,
            client_identifier=client_identifier,
            end=end,
            start=start,
            subject=subject,
            request_options=request_options,
        )
        return raw.parsed

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
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {
                "clientIdentifier": client_identifier,
                "end": end,
                "start": start,
                "subject": subject,
            },
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_management_list"], params, None, request_options)

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
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {
                "clientIdentifier": client_identifier,
                "end": end,
                "start": start,
                "subject": subject,
            },
            "header": {},
            "cookie": {},
        }
        return self._pages(
            OPERATIONS["token_management_list"],
            params,
            None,
            request_options,
            max_pages,
        )

    def token_management_reissue_id_token(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        raw = self.token_management_reissue_id_token_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    def token_management_reissue_id_token_raw(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IdtokenReissueResponse]:
        """Reissue ID Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(
            OPERATIONS["token_management_reissue_id_token"],
            params,
            request,
            request_options,
        )

    def token_management_revoke(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        raw = self.token_management_revoke_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_management_revoke_raw(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenRevokeResponse]:
        """Revoke Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_management_revoke"], params, request, request_options)

    def token_management_update(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        raw = self.token_management_update_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_management_update_raw(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenUpdateResponse]:
        """Update Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_management_update"], params, request, request_options)

    def token_process(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        raw = self.token_process_raw(service_id, request, request_options=request_options)
        return raw.parsed

    def token_process_raw(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenResponse]:
        """Process Token Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return self._call(OPERATIONS["token_process"], params, request, request_options)


class AsyncAuthleteClient(AsyncCore):
    """Asyncio client; use as an async context manager or await ``aclose()``."""

    async def grant_management_process_request(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.GMResponse:
        """Process Grant Management Request (`authlete grant-management process-request`)."""
        raw = await self.grant_management_process_request_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def grant_management_process_request_raw(
        self,
        service_id: str,
        request: models.GMRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.GMResponse]:
        """Process Grant Management Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["grant_management_process_request"],
            params,
            request,
            request_options,
        )

    async def introspection_process(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IntrospectionResponse:
        """Process Introspection Request (`authlete introspection process`)."""
        raw = await self.introspection_process_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def introspection_process_raw(
        self,
        service_id: str,
        request: models.IntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IntrospectionResponse]:
        """Process Introspection Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["introspection_process"],
            params,
            request,
            request_options,
        )

    async def introspection_standard_process(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.StandardIntrospectionResponse:
        """Process OAuth 2.0 Introspection Request (`authlete introspection standard-process`)."""
        raw = await self.introspection_standard_process_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def introspection_standard_process_raw(
        self,
        service_id: str,
        request: models.StandardIntrospectionRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.StandardIntrospectionResponse]:
        """Process OAuth 2.0 Introspection Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["introspection_standard_process"],
            params,
            request,
            request_options,
        )

    async def token_fail(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenFailResponse:
        """Fail Token Request (`authlete token fail`)."""
        raw = await self.token_fail_raw(service_id, request, request_options=request_options)
        return raw.parsed

    async def token_fail_raw(
        self,
        service_id: str,
        request: models.TokenFailRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenFailResponse]:
        """Fail Token Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(OPERATIONS["token_fail"], params, request, request_options)

    async def token_issue(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenIssueResponse:
        """Issue Token Response (`authlete token issue`)."""
        raw = await self.token_issue_raw(service_id, request, request_options=request_options)
        return raw.parsed

    async def token_issue_raw(
        self,
        service_id: str,
        request: models.TokenIssueRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenIssueResponse]:
        """Issue Token Response: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(OPERATIONS["token_issue"], params, request, request_options)

    async def token_management_batch_status(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateBatchStatusResponse:
        """Get Batch Token Creation Status (`authlete token management batch-status`)."""
        raw = await self.token_management_batch_status_raw(
            service_id,
            token_batch_request_id,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_batch_status_raw(
        self,
        service_id: str,
        token_batch_request_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchStatusResponse]:
        """Get Batch Token Creation Status: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id, "tokenBatchRequestId": token_batch_request_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_batch_status"],
            params,
            None,
            request_options,
        )

    async def token_management_create(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenCreateResponse:
        """Create Access Token (`authlete token management create`)."""
        raw = await self.token_management_create_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_create_raw(
        self,
        service_id: str,
        request: models.TokenCreateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateResponse]:
        """Create Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_create"],
            params,
            request,
            request_options,
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
        raw = await self.token_management_create_batch_raw(
            service_id,
            request,
            batch_dry_run=batch_dry_run,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_create_batch_raw(
        self,
        service_id: str,
        request: list[models.TokenCreateRequest | dict[str, Any]],
        *,
        batch_dry_run: bool | None = None,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenCreateBatchResponse]:
        """Create Access Tokens in Batch: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {"dryRun": batch_dry_run},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_create_batch"],
            params,
            request,
            request_options,
        )

    async def token_management_delete(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Delete Access Token (`authlete token management delete`)."""
        raw = await self.token_management_delete_raw(
            access_token_identifier,
            service_id,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_delete_raw(
        self,
        access_token_identifier: str,
        service_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Delete Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"accessTokenIdentifier": access_token_identifier, "serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_delete"],
            params,
            None,
            request_options,
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
        raw = await self.token_management_list_raw(
            service_id,
            client_identifier=client_identifier,
            end=end,
            start=start,
            subject=subject,
            request_options=request_options,
        )
        return raw.parsed

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
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {
                "clientIdentifier": client_identifier,
                "end": end,
                "start": start,
                "subject": subject,
            },
            "header": {},
            "cookie": {},
        }
        return await self._call(OPERATIONS["token_management_list"], params, None, request_options)

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
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {
                "clientIdentifier": client_identifier,
                "end": end,
                "start": start,
                "subject": subject,
            },
            "header": {},
            "cookie": {},
        }
        return self._pages(
            OPERATIONS["token_management_list"],
            params,
            None,
            request_options,
            max_pages,
        )

    async def token_management_reissue_id_token(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> models.IdtokenReissueResponse:
        """Reissue ID Token (`authlete token management reissue-id-token`)."""
        raw = await self.token_management_reissue_id_token_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_reissue_id_token_raw(
        self,
        service_id: str,
        request: models.IdtokenReissueRequest | dict[str, Any] | None = None,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.IdtokenReissueResponse]:
        """Reissue ID Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_reissue_id_token"],
            params,
            request,
            request_options,
        )

    async def token_management_revoke(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenRevokeResponse:
        """Revoke Access Token (`authlete token management revoke`)."""
        raw = await self.token_management_revoke_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_revoke_raw(
        self,
        service_id: str,
        request: models.TokenRevokeRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenRevokeResponse]:
        """Revoke Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_revoke"],
            params,
            request,
            request_options,
        )

    async def token_management_update(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenUpdateResponse:
        """Update Access Token (`authlete token management update`)."""
        raw = await self.token_management_update_raw(
            service_id,
            request,
            request_options=request_options,
        )
        return raw.parsed

    async def token_management_update_raw(
        self,
        service_id: str,
        request: models.TokenUpdateRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenUpdateResponse]:
        """Update Access Token: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(
            OPERATIONS["token_management_update"],
            params,
            request,
            request_options,
        )

    async def token_process(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> models.TokenResponse:
        """Process Token Request (`authlete token process`)."""
        raw = await self.token_process_raw(service_id, request, request_options=request_options)
        return raw.parsed

    async def token_process_raw(
        self,
        service_id: str,
        request: models.TokenRequest | dict[str, Any],
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[models.TokenResponse]:
        """Process Token Request: status, headers and the parsed answer."""
        params: Params = {
            "path": {"serviceId": service_id},
            "query": {},
            "header": {},
            "cookie": {},
        }
        return await self._call(OPERATIONS["token_process"], params, request, request_options)
