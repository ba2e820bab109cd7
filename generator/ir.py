"""The output-shaped intermediate representation the templates read.

It is frozen and sorted at construction, so rendering is a pure function of it
and output is byte-identical whatever the dict order or hash seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.diagnostics import Diagnostic
from generator.naming import ModelName

Location = Literal["path", "query", "header", "cookie", "body"]
Kind = Literal["string", "integer", "number", "boolean", "enum", "json", "file"]
Encoding = Literal["json", "form", "multipart", "binary", "text"]


@dataclass(frozen=True)
class Option:
    """One command-line flag and the request part it fills."""

    flag: str  # --access-token-duration
    short: str | None  # -r
    py_name: str  # access_token_duration
    location: Location
    wire_name: str  # accessTokenDuration
    kind: Kind
    repeatable: bool
    required: bool
    choices: tuple[str, ...]
    help: str
    type_label: str  # string, int, bool, stringArray, JSON, ...
    sample: str = ""  # a value the schema accepts, as typed on the command line (for examples)
    renamed: bool = False  # flag differs from its natural name to avoid a clash
    pointer: str = ""  # where the spec describes it, for diagnostics
    int_format: str | None = None  # int32 / int64 of an integer option, for range checks


@dataclass(frozen=True)
class Body:
    """The request body of an operation."""

    schema: str | None  # component schema name, None for inline
    model: str | None  # Python class name of the body (or of its items)
    is_array: bool
    required: bool
    media_types: tuple[str, ...]
    form_field: str | None  # name of a form-encoded 'parameters' field, if any
    encoding: Encoding = "json"  # how the body goes on the wire
    content_type: str = "application/json"  # the media type it is sent as


@dataclass(frozen=True)
class Response:
    """One documented response status and the model of its JSON body."""

    status: str
    model: str | None
    media: Literal["json", "text", "binary", "none"] = "json"  # what the body is, by the spec
    media_types: tuple[str, ...] = ()  # as the spec lists them


PageKind = Literal["offset", "page", "cursor", "range"]
JsonPath = tuple[str | int, ...]  # keys and list indexes into an answer; -1 is the last item


@dataclass(frozen=True)
class Pagination:
    """How to fetch every page of a paginated operation (x-speakeasy-pagination or x-cli-pagination).

    ``cursor`` is the query parameter that moves from page to page (the
    offset, page number, cursor or range start); ``limit`` the one that sizes
    a page (the range end for ``range``).
    """

    kind: PageKind
    cursor: str
    limit: str | None
    results: JsonPath
    next_cursor: JsonPath | None = None  # cursor kind: where the next cursor is
    total: JsonPath | None = None  # range kind: the number of items across all pages
    end: JsonPath | None = None  # range kind: where an answer says its page ends
    num_pages: JsonPath | None = None  # page kind: the number of pages, when the answer says
    page_size: int = 100  # range kind: items asked for per page when the command line gives no range


@dataclass(frozen=True)
class Operation:
    """One API operation and the command that calls it."""

    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    words: tuple[str, ...]  # ("token", "management", "list")
    options: tuple[Option, ...]
    body: Body | None
    responses: tuple[Response, ...]
    tags: tuple[str, ...]
    example: str  # one runnable example invocation
    pointer: str
    deprecated: bool = False
    # The spec marks it safe to send twice (x-cli-retry-safe: true); idempotent
    # methods are safe anyway, a rule kept in templates/runtime/retry.py.
    retry_safe: bool = False
    pagination: Pagination | None = None

    @property
    def group(self) -> tuple[str, ...]:
        return self.words[:-1]

    @property
    def name(self) -> str:
        return self.words[-1]

    @property
    def command(self) -> str:
        return " ".join(self.words)

    @property
    def accept(self) -> str:
        """The Accept header: every media type the spec says the responses come in."""
        kinds = sorted({m for r in self.responses for m in r.media_types}) or ["application/json"]
        return ", ".join(kinds)

    @property
    def success(self) -> Response | None:
        return next((r for r in self.responses if r.status.startswith("2")), None)


@dataclass(frozen=True)
class Group:
    """A command group and the module that defines its leaf commands."""

    words: tuple[str, ...]
    help: str
    module: str
    operations: tuple[Operation, ...]
    subgroups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Server:
    url: str
    name: str | None
    description: str


@dataclass(frozen=True)
class HeaderRule:
    """One header of an HTTP response to send: a fixed value or a copy of a response field."""

    name: str  # DPoP-Nonce
    source: Literal["value", "field"]
    value: str  # the fixed text, or the field's wire name (left out when the field is empty)


@dataclass(frozen=True)
class ActionOutcome:
    """What one selector value (an Authlete action) asks the caller to answer its own client."""

    action: str
    status: int | None  # None: the server must decide (see ``decide``)
    reason: str  # "Bad Request"
    headers: tuple[HeaderRule, ...]
    body: str | None  # wire name of the field that is the body, None for no body
    decide: str  # what the server must do next, when status is None


@dataclass(frozen=True)
class HttpMapping:
    """A response schema's x-http-response: its model and the outcome of each action."""

    schema: str  # token_response
    model: str  # TokenResponse
    selector: str  # wire name: action
    selector_attr: str  # python attribute: action
    actions: tuple[ActionOutcome, ...]
    unmapped: tuple[str, ...]  # enum values without an outcome (reported as a warning)


@dataclass(frozen=True)
class OAuthHelpers:
    """The root x-cli-oauth: the oauth commands are on; these commands take --client-assertion-key."""

    client_assertion: tuple[str, ...]  # operationIds as written in the spec
    commands: tuple[str, ...] = ()  # the same as command paths ("token process"), filled by build


@dataclass(frozen=True)
class Identity:
    """The product the generated package speaks for: never hard-coded in templates or runtime."""

    prog: str  # the command: petshop
    env_prefix: str  # PETSHOP (variables are PETSHOP_BEARER, ...)
    client_prefix: str  # Petshop (PetshopClient, AsyncPetshopClient, PetshopApiError)
    config_dir: str  # ~/.config/petshop
    title: str  # the API's title, for help text


@dataclass(frozen=True)
class Api:
    """Everything the templates need, sorted."""

    title: str
    version: str
    package: str
    identity: Identity
    servers: tuple[Server, ...]
    operations: tuple[Operation, ...]
    groups: tuple[Group, ...]
    models: tuple[ModelName, ...] = ()  # the class of every component schema, handed to the model generator
    notes: tuple[Diagnostic, ...] = ()  # things a user should know that did not stop generation
    http_mappings: tuple[HttpMapping, ...] = ()  # x-http-response, sorted by schema
    oauth: OAuthHelpers | None = None  # x-cli-oauth; None: no oauth commands
