"""Authlete API: token, introspection and grant management: generated CLI, models and client (API version 3.0.16).

Importing the package is cheap: the client and models load on first use.
"""

from typing import Any

__version__ = "3.0.16"
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
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from . import client

        return getattr(client, name)
    raise AttributeError(name)
