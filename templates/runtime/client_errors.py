"""Exceptions of the generated clients: one class per error status a caller may want to catch.

Every class is an ``ApiError`` (exported by the client under the product's
name, ``<Product>ApiError``), so one ``except`` still catches them all.
No HTTP library is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import redact


@dataclass(frozen=True)
class RequestInfo:
    """The request behind an answer, safe to log: secret headers are masked, the body is not kept."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def masked(cls, method: str, url: str, headers: Mapping[str, str]) -> RequestInfo:
        return cls(
            method, url, {name: redact.header(name, value) for name, value in headers.items()}
        )


class ApiError(Exception):
    """The API answered with an error status, or with an answer that cannot be taken as success.

    ``result`` is the parsed body: a model when the spec describes the status,
    else the decoded JSON, else None. ``headers`` are the answer's headers and
    ``request`` what was sent (secrets masked).
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        result: Any = None,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        request: RequestInfo | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.result = result
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.request = request

    @property
    def status(self) -> int:
        return self.status_code


class BadRequestError(ApiError):
    """400: the request was malformed or failed validation."""


class UnauthorizedError(ApiError):
    """401: the bearer token is missing, wrong or expired."""


class ForbiddenError(ApiError):
    """403: the token may not call this operation or service."""


class NotFoundError(ApiError):
    """404: the service or resource does not exist."""


class RateLimitedError(ApiError):
    """429: too many requests; ``retry_after`` is the wait the server asked for, in seconds, if any."""

    @property
    def retry_after(self) -> float | None:
        from .retry import retry_after

        value = next((v for k, v in self.headers.items() if k.lower() == "retry-after"), None)
        return retry_after(value)


class ServerError(ApiError):
    """5xx: the server failed; retried automatically where that is safe."""


class UnexpectedStatusError(ApiError):
    """A status the spec does not declare for the operation: a redirect (never followed, so the
    bearer token does not travel to another host) or an unexpected 2xx. Whether the request
    took effect is unknown; ``headers`` hold the Location of a redirect."""


class ResponseTooLargeError(ApiError):
    """The body, once decoded, is larger than the client's ``max_response_size``: it was not
    kept (``body`` is empty), so a server cannot exhaust memory, compressed or not."""


class UnusableResponseError(ApiError, ValueError):
    """A declared success status whose body cannot be used: not JSON (or not UTF-8, or nested
    too deeply), or not what the spec describes for it.

    A ValueError too, so ``except ValueError``, which caught the plain
    ValueError and pydantic's ValidationError raised here before, still
    catches it; the ValidationError, when there is one, is its ``__cause__``.
    ``excerpt`` is the start of the body, one line, secrets masked; ``body``
    the bytes as they came.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        excerpt: str,
        body: bytes = b"",
        headers: Mapping[str, str] | None = None,
        request: RequestInfo | None = None,
    ) -> None:
        super().__init__(status_code, message, None, body, headers, request)
        self.excerpt = excerpt


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitedError,
}


def error_class(status: int) -> type[ApiError]:
    """The most specific exception class for an error status."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, ApiError)
