"""What both generated clients share: request building, retries, answers, errors and logging.

The generated ``client.py`` only lists the operations: a table of their facts
(``OPERATIONS``, typed by ``Operation`` here) and one method per operation that
hands its arguments and its table entry to ``_call``. The blocking and the asyncio client differ
only in how they send and sleep; every decision is made by ``_Exchange``.
Logging goes to the logger named after the package (``logging.getLogger("<package>")``)
with secret headers masked.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypedDict, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from .._table import SERVERS
from . import redact
from .body import ACCEPT_ENCODING, adecoded, decoded
from .client_errors import (
    ApiError,
    RequestInfo,
    ResponseTooLargeError,
    UnexpectedStatusError,
    UnusableResponseError,
    error_class,
)
from .deadline import enter, install, leave
from .paginate import Pager
from .retry import RETRY_STATUSES, Deadline, RetryPolicy, next_wait, replay_safe
from .surface import Pagination
from .wire import (
    COOKIE_VALUE_RULE,
    HEADER_NAME,
    SNIPPET_LIMIT,
    Call,
    cookie_items,
    cookie_value_problem,
    decode_json,
    error_message,
    header_text,
    header_value_problem,
    schema_mismatch,
    url,
)

T = TypeVar("T")
SyncClient = TypeVar("SyncClient", bound="SyncCore")
AsyncClient = TypeVar("AsyncClient", bound="AsyncCore")
Params = dict[str, dict[str, Any]]  # "path", "query", "header", "cookie" -> wire name -> value


class Operation(TypedDict):
    """One operation as client.py's table lists it: everything a call needs beside its arguments."""

    method: str
    path: str
    encoding: str  # of the request body: json, form, multipart, binary or text
    content_type: str
    accept: str
    models: dict[str, str]  # status -> the model class (in the package's models) of its answer
    raw: dict[str, str]  # status -> "text", "binary", "json" or "none": an answer without a model
    retry_safe: bool
    pagination: Pagination | None


_RAW_TYPES: dict[str, Any] = {"text": str, "binary": bytes, "json": object, "none": None}


def answer_types(operation: Operation) -> dict[str, Any]:
    """Every declared status -> what its body is parsed as: a model class, str, bytes, object
    (plain JSON), or None where there is no body to parse. Worked out once per operation
    (the table of client.py is fixed); the caller must not change it."""
    known = _ANSWERS.get(id(operation))
    if known is not None and known[0] is operation:
        return known[1]
    from .. import models

    found: dict[str, Any] = {
        status: getattr(models, name) for status, name in operation["models"].items()
    }
    found.update((status, _RAW_TYPES[kind]) for status, kind in operation["raw"].items())
    _ANSWERS[id(operation)] = (operation, found)  # the operation kept, so its id is never reused
    return found


_ANSWERS: dict[int, tuple[Operation, dict[str, Any]]] = {}


logger = logging.getLogger(__name__.split(".")[0])
DEFAULT_MAX_RESPONSE_SIZE = 64 << 20  # bytes of decoded body, as the CLI's --max-response-size
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
)  # failed before the request left: always safe to retry


@dataclass(frozen=True)
class RequestOptions:
    """Per-call settings that override the client's: a deadline, extra headers, a retry policy,
    the largest body accepted.

    ``retries`` takes a RetryPolicy, a number of retries, or False for none.
    """

    timeout: float | None = None
    headers: Mapping[str, str] | None = None
    retries: RetryPolicy | int | bool | None = None
    max_response_size: int | None = None


class RawResponse(Generic[T]):
    """An answer in full: status, headers and the parsed model together (``*_raw`` methods).

    ``request`` (method, URL and masked headers) is built when first read, so
    a call that never looks at it does not pay for masking.
    """

    __slots__ = ("status_code", "headers", "parsed", "content", "attempts", "_exchange", "_request")

    def __init__(
        self,
        status_code: int,
        headers: httpx.Headers,
        parsed: T,
        content: bytes,
        exchange: _Exchange,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.parsed = parsed
        self.content = content
        self.attempts = exchange.attempt
        self._exchange = exchange
        self._request: RequestInfo | None = None

    @property
    def request(self) -> RequestInfo:
        if self._request is None:
            self._request = self._exchange.request_info()
        return self._request

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, parsed={self.parsed!r}, attempts={self.attempts}, request={self.request!r})"


def base_url(server_url: str | None, server: int | str) -> str:
    """The URL given, else the spec's server picked by index or name."""
    if server_url:
        return server_url.rstrip("/")
    for index, entry in enumerate(SERVERS):
        if server in (index, entry.get("name")):
            return str(entry["url"])
    raise ValueError(
        f"unknown server {server!r}; known: {[s.get('name') or i for i, s in enumerate(SERVERS)]}"
    )


def dump(body: Any, mode: str = "json") -> Any:
    """A request model as wire data; multipart keeps bytes as bytes (``mode='python'``)."""
    if isinstance(body, BaseModel):
        return body.model_dump(mode=mode, by_alias=True, exclude_unset=True)
    if isinstance(body, list):
        return [dump(item, mode) for item in body]
    return body


def _check_headers(headers: Mapping[str, str]) -> None:
    """Values HTTP can carry, checked before sending: httpx's own error would quote the whole
    value, a bearer token read from a file with its line break included."""
    for name, value in headers.items():
        if not HEADER_NAME.match(name):
            plain = name.isascii() and name.isprintable() and len(name) <= 40
            shown = (
                repr(name)
                if plain
                else "(not shown: long, or with control or non-ASCII characters)"
            )
            raise ValueError(
                f"header name {shown} is not an HTTP token (letters, digits and !#$%&'*+.^_`|~- only)"
            )
        found = header_value_problem(value)
        if found is not None:
            where = "bearer" if name.lower() == "authorization" else f"header {name}"
            raise ValueError(
                f"{where}: the value has {found[1]} at character {found[0]}; "
                "HTTP headers take printable ASCII only (the value is not shown: it may be a secret)"
            )


def _cookie_header(cookies: dict[str, Any]) -> str:
    """The Cookie header of the cookie parameters; a value that would add or split a cookie
    (a ';', a ',', a space ...) is refused, never sent."""
    pairs = cookie_items(cookies)
    for name, text in pairs:
        found = cookie_value_problem(text)
        if found is not None:
            raise ValueError(
                f"cookie parameter {name!r}: the value has {found[1]} at character {found[0]}; "
                f"{COOKIE_VALUE_RULE} (the value is not shown: it may be a secret)"
            )
    return "; ".join(f"{name}={text}" for name, text in pairs)


class _Exchange:
    """One call: its request, its deadline and its retry decisions (no I/O here)."""

    def __init__(
        self,
        method: str,
        target: str,
        headers: dict[str, str],
        arguments: dict[str, Any],
        policy: RetryPolicy,
        retry_safe: bool,
        timeout: float,
        max_response_size: int,
        answers: Mapping[str, Any],
    ) -> None:
        self.method = method
        self.url = target
        self.headers = headers
        self.arguments = arguments  # httpx's body arguments: content=, or files= for multipart
        self.policy = policy
        self.safe = replay_safe(method, retry_safe)
        self.timeout = timeout
        self.deadline = Deadline(timeout)
        self.attempt = 0
        self.started = time.monotonic()
        self.max_response_size = max_response_size
        self.answers = answers  # status -> what its body is parsed as (answer_types)
        self._credentials: redact.Registry | None = None  # built on the first error

    def request(self, http: httpx.Client | httpx.AsyncClient) -> tuple[httpx.Request, float]:
        """Count an attempt: its request, and the time left for it."""
        self.attempt += 1
        if logger.isEnabledFor(logging.DEBUG):
            shown = {k: redact.header(k, v) for k, v in self.headers.items()}
            logger.debug("attempt %d: %s %s headers=%s", self.attempt, self.method, self.url, shown)
        budget = max(self.deadline.remaining(), 0.001)
        built = http.build_request(
            self.method, self.url, headers=self.headers, timeout=budget, **self.arguments
        )
        return built, budget

    def next_step(
        self, outcome: tuple[httpx.Response, bytes] | httpx.HTTPError
    ) -> RawResponse[Any] | float:
        """After an attempt: the answer to return, or the seconds to wait before the next one.

        A failure that is not retried is raised again here.
        """
        if isinstance(outcome, httpx.HTTPError):
            wait = self.wait_after_error(outcome)
            if wait is None:
                raise outcome
            return wait
        response, content = outcome
        wait = self.wait_after_answer(response)
        return self.finish(response, content) if wait is None else wait

    def wait_after_error(self, exc: httpx.HTTPError) -> float | None:
        """Seconds to wait before retrying a failed exchange, or None to give up."""
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            return None  # the whole deadline is spent
        wait = next_wait(self.policy, self.attempt, self.safe, sent=not isinstance(exc, _NOT_SENT))
        return self._checked(wait, f"{exc.__class__.__name__}: {exc}")

    def wait_after_answer(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying this answer, or None to keep it."""
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "attempt %d: HTTP %d %s after %.0fms",
                self.attempt,
                response.status_code,
                response.reason_phrase,
                (time.monotonic() - self.started) * 1000,
            )
        status = response.status_code
        asked = response.headers.get("retry-after") if status in RETRY_STATUSES else None
        wait = next_wait(
            self.policy, self.attempt, self.safe, status=status, retry_after_header=asked
        )
        return self._checked(wait, f"HTTP {response.status_code}")

    def _checked(self, wait: float | None, why: str) -> float | None:
        if wait is None or not self.deadline.allows(wait):
            return None
        logger.info(
            "%s %s: %s on attempt %d of %d; retrying in %.2fs",
            self.method,
            self.url,
            why,
            self.attempt,
            self.policy.retries + 1,
            wait,
        )
        return wait

    def request_info(self) -> RequestInfo:
        return RequestInfo.masked(self.method, self.url, self.headers)

    def _without_credentials(self, content: bytes) -> bytes:
        """``content`` with this call's own credentials (bearer, secret headers) masked, by
        redact's rule for free text (see its docstring for short secrets)."""
        if self._credentials is None:
            self._credentials = redact.Registry()
            for name, value in self.headers.items():
                if redact.is_secret_header(name):
                    self._credentials.add(value, "token", credential=True)
                    self._credentials.add(value.partition(" ")[2], "token", credential=True)
        text = content.decode("utf-8", "surrogateescape")
        return self._credentials.scrub(text).encode("utf-8", "surrogateescape")

    def reader(self, response: httpx.Response) -> _BodyReader:
        return _BodyReader(self, response)

    def finish(self, response: httpx.Response, content: bytes) -> RawResponse[Any]:
        """The parsed answer, or the typed ApiError its status calls for.

        A status the spec does not declare for the operation (a redirect, an
        unexpected 2xx) is never taken for success: it raises UnexpectedStatusError.
        """
        status = response.status_code
        code = str(status)
        declared = next(
            (k for k in (code, f"{code[0]}XX", f"{code[0]}xx", "default") if k in self.answers),
            None,
        )
        model = self.answers.get(declared) if declared else None
        if status >= 400:
            info = self.request_info()
            message, parsed = error_message(status, response.reason_phrase, content)
            shown = self._without_credentials(content)
            if shown != content:  # an answer that echoes the request: the message is logged
                message = error_message(status, response.reason_phrase, shown)[0]
            result = parsed
            if (
                model is not None
                and isinstance(model, type)
                and issubclass(model, BaseModel)
                and isinstance(parsed, dict)
            ):
                try:
                    result = model.model_validate(parsed)
                except ValidationError:
                    result = parsed
            logger.debug("%s %s failed: %s", self.method, self.url, message)
            raise error_class(status)(status, message, result, content, response.headers, info)
        if declared is None:
            raise UnexpectedStatusError(
                status,
                _undeclared(response, self.answers),
                None,
                content,
                response.headers,
                self.request_info(),
            )
        parsed_body: Any = None
        if model is bytes:  # a binary or text body, as the spec describes it
            parsed_body = content
        elif model is str:
            parsed_body = content.decode(response.encoding or "utf-8", "replace")
        elif model is not None and content.strip():
            parsed_body = self._parsed(response, content, model)
        return RawResponse(status, response.headers, parsed_body, content, self)

    def _parsed(self, response: httpx.Response, content: bytes, model: Any) -> Any:
        """A success body as JSON (``model is object``) or as its model, else UnusableResponseError."""
        status = response.status_code
        data: Any = _NOT_JSON
        try:
            data = decode_json(content)
            return data if model is object else model.model_validate(data)
        except ValidationError as exc:
            what = (
                f"not what the spec describes ({model.__name__}): {schema_mismatch(exc.errors())}"
            )
            cause: Exception = exc
        except ValueError as exc:
            what, cause = str(exc), exc
        excerpt = self._excerpt(content, data)
        raise UnusableResponseError(
            status,
            f"HTTP {status}: unusable answer: {what}; the body starts: {excerpt}",
            excerpt,
            content,
            response.headers,
            self.request_info(),
        ) from cause

    def _excerpt(self, content: bytes, data: Any) -> str:
        """The start of a body for a message, one line and short. JSON has its secret members
        masked by name (tokens, secrets, ``parameters``); any text has the call's credentials
        masked."""
        if data is not _NOT_JSON:
            text = json.dumps(redact.data(data), ensure_ascii=False)
        else:
            text = content[:4096].decode("utf-8", "replace")
        shown = self._without_credentials(text.encode()).decode("utf-8", "replace")
        return redact.clip_line(shown, SNIPPET_LIMIT)


_NOT_JSON = object()  # a body decode_json refused


def _undeclared(response: httpx.Response, models_by_status: Mapping[str, Any]) -> str:
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if 300 <= response.status_code < 400:
        location = response.headers.get("location")
        where = f" to {redact.url(location)}" if location else " (no Location header)"
        return f"{status}: the server redirects{where}; redirects are not followed"
    declared = ", ".join(sorted(models_by_status)) or "none"
    return (
        f"{status}: an answer the spec does not declare for this operation (declared: {declared})"
    )


class _BodyReader:
    """One answer's decoded body, kept within ``max_response_size`` and the deadline."""

    def __init__(self, exchange: _Exchange, response: httpx.Response) -> None:
        self.exchange = exchange
        self.response = response
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        limit = self.exchange.max_response_size
        if self.size > limit:
            status = self.response.status_code
            raise ResponseTooLargeError(
                status,
                f"HTTP {status}: the body is larger than {limit} bytes once decoded (max_response_size)",
                None,
                b"",
                self.response.headers,
                self.exchange.request_info(),
            )
        self.chunks.append(piece)
        if self.exchange.deadline.remaining() <= 0:
            raise httpx.ReadTimeout("the deadline passed", request=self.response.request)

    def content(self) -> bytes:
        return b"".join(self.chunks)


class ClientCore:
    """Settings shared by the blocking and the asyncio client."""

    def __init__(
        self,
        bearer: str,
        *,
        server_url: str | None = None,
        server: int | str = 0,
        timeout: float = 30.0,
        headers: dict[str, str] | None = None,
        retries: RetryPolicy | int | bool | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self.base_url = base_url(server_url, server)
        self.timeout = timeout
        self.headers = {
            "Authorization": f"Bearer {bearer}",
            "Accept": "application/json",
            **(headers or {}),
        }
        _check_headers(self.headers)
        if not any(name.lower() == "accept-encoding" for name in self.headers):
            self.headers["Accept-Encoding"] = ACCEPT_ENCODING  # only what runtime/body.py decodes
        self.retries = RetryPolicy.of(retries)
        if max_response_size <= 0:
            raise ValueError(
                f"max_response_size must be a positive number of bytes, not {max_response_size!r}"
            )
        self.max_response_size = max_response_size

    def _exchange(
        self, operation: Operation, params: Params, body: Any, options: RequestOptions | None
    ) -> _Exchange:
        """The request as the spec encodes it (JSON, form, multipart, bytes, text) and its retry rules."""
        options = options or _NO_OPTIONS
        headers = dict(self.headers)
        if params["header"]:
            headers.update(
                (k, header_text(v)) for k, v in params["header"].items() if v is not None
            )
        if params["cookie"]:
            cookies = _cookie_header(params["cookie"])
            if cookies:
                headers["Cookie"] = cookies
        encoding, content_type = operation["encoding"], operation["content_type"]
        headers["Accept"] = operation["accept"]
        data = None if body is None else dump(body, "python" if encoding == "multipart" else "json")
        call = Call(
            operation["method"],
            url(self.base_url, operation["path"], params["path"], params["query"]),
            headers,
            data,
            encoding,
            content_type,
        )
        if body is not None and encoding != "multipart":
            call.headers["Content-Type"] = content_type
        call.headers.update(options.headers or {})
        _check_headers(call.headers)
        if options.max_response_size is not None and options.max_response_size <= 0:
            raise ValueError(
                f"max_response_size must be a positive number of bytes, not {options.max_response_size!r}"
            )
        return _Exchange(
            call.method,
            call.url,
            call.headers,
            call.send_arguments(),
            RetryPolicy.of(options.retries, self.retries),
            operation["retry_safe"],
            options.timeout if options.timeout is not None else self.timeout,
            options.max_response_size or self.max_response_size,
            answer_types(operation),
        )


_NO_OPTIONS = RequestOptions()


def _pager(operation: Operation, params: Params, max_pages: int | None) -> Pager:
    """The page walk of a paginated operation, started from the caller's own query."""
    assert operation["pagination"] is not None, "only a paginated operation has *_pages"
    return Pager(operation["pagination"], params["query"], max_pages)


def _page(params: Params, pager: Pager) -> Params:
    """The parameters of the next page: the caller's, with the pager's query on top."""
    assert pager.query is not None
    return {**params, "query": {**params["query"], **pager.query}}


def _page_data(raw: RawResponse[Any]) -> Any:
    return decode_json(raw.content) if raw.content.strip() else None


class SyncCore(ClientCore):
    """Sending and waiting for the blocking client.

    Every network wait (connect, send, each read of the headers and the body)
    is clipped to what is left of the call's deadline (runtime/deadline.py),
    so a server that trickles its answer cannot outlast ``timeout``. With a
    transport of the caller's own that has no httpx connection pool, each
    read is bounded by what was left when the attempt began, and the body
    loop checks the deadline.
    """

    _http: httpx.Client

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
        install(self._http)

    def close(self) -> None:
        self._http.close()

    def __enter__(self: SyncClient) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(
        self, operation: Operation, params: Params, body: Any, options: RequestOptions | None
    ) -> RawResponse[Any]:
        """One call of ``operation`` (an entry of client.py's table), retries included."""
        exchange = self._exchange(operation, params, body, options)
        while True:
            request, _budget = exchange.request(self._http)
            try:
                outcome: tuple[httpx.Response, bytes] | httpx.HTTPError = self._attempt(
                    exchange, request
                )
            except httpx.HTTPError as exc:
                outcome = exc
            step = exchange.next_step(outcome)
            if isinstance(step, RawResponse):
                return step
            time.sleep(step)

    def _attempt(self, exchange: _Exchange, request: httpx.Request) -> tuple[httpx.Response, bytes]:
        """One attempt, its whole answer read within the limits and the deadline."""
        token = enter(exchange.deadline)
        try:
            response = self._http.send(request, stream=True)
            try:  # read here, within the limits, not by httpx all at once
                reader = exchange.reader(response)
                for piece in decoded(response):
                    reader.add(piece)
                return response, reader.content()
            finally:
                response.close()
        finally:
            leave(token)

    def _pages(
        self,
        operation: Operation,
        params: Params,
        body: Any,
        options: RequestOptions | None,
        max_pages: int | None,
    ) -> Iterator[Any]:
        """The pages of ``operation``, as its ``*_pages`` method returns them: each fetched
        only when the previous one has been taken."""
        pager = _pager(operation, params, max_pages)
        while pager.query is not None:
            raw = self._call(operation, _page(params, pager), body, options)
            pager.add(_page_data(raw))
            yield raw.parsed


class AsyncCore(ClientCore):
    """Sending and waiting for the asyncio client."""

    _http: httpx.AsyncClient

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

    async def __aenter__(self: AsyncClient) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _call(
        self, operation: Operation, params: Params, body: Any, options: RequestOptions | None
    ) -> RawResponse[Any]:
        """One call of ``operation`` (an entry of client.py's table), retries included."""
        import asyncio

        exchange = self._exchange(operation, params, body, options)
        while True:
            request, budget = exchange.request(self._http)
            try:
                outcome: tuple[httpx.Response, bytes] | httpx.HTTPError = await self._attempt(
                    exchange, request, budget
                )
            except httpx.HTTPError as exc:
                outcome = exc
            step = exchange.next_step(outcome)
            if isinstance(step, RawResponse):
                return step
            await asyncio.sleep(step)

    async def _attempt(
        self, exchange: _Exchange, request: httpx.Request, budget: float
    ) -> tuple[httpx.Response, bytes]:
        """One attempt, its whole answer read within the limits; a server that trickles its
        headers or body cannot outlast the deadline."""
        import asyncio

        async def attempt() -> tuple[httpx.Response, bytes]:
            response = await self._http.send(request, stream=True)
            try:
                reader = exchange.reader(response)
                async for piece in adecoded(response):
                    reader.add(piece)
                return response, reader.content()
            finally:
                await response.aclose()

        try:
            return await asyncio.wait_for(attempt(), budget)
        except asyncio.TimeoutError:
            raise httpx.ReadTimeout("the deadline passed", request=request) from None

    async def _pages(
        self,
        operation: Operation,
        params: Params,
        body: Any,
        options: RequestOptions | None,
        max_pages: int | None,
    ) -> AsyncIterator[Any]:
        """The pages of ``operation``, as its ``*_pages`` method returns them (``async for``):
        each fetched only when the previous one has been taken."""
        pager = _pager(operation, params, max_pages)
        while pager.query is not None:
            raw = await self._call(operation, _page(params, pager), body, options)
            pager.add(_page_data(raw))
            yield raw.parsed


__all__ = [
    "ApiError",
    "AsyncCore",
    "Operation",
    "Params",
    "RawResponse",
    "RequestOptions",
    "RetryPolicy",
    "SyncCore",
]
