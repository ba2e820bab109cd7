"""The command surface as typed data: the one description of every command.

The generator writes it once: ``_table.py`` is the index (groups, their
commands' one-line summaries, servers) and ``commands/<group>.py`` holds the
full entries of one group. The CLI builds its click commands from these
entries, the runtime builds requests from them, ``--usage`` prints them and the
generator's drift report compares them, so they cannot disagree. Start-up
reads the index and only the group being run (runtime/groups.py), and never
this module: these types are for mypy and for readers.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from .groups import all_commands, command, commands_of

__all__ = ["all_commands", "command", "commands_of"]  # the loaders live in groups.py

Kind = Literal["string", "integer", "number", "boolean", "enum", "json", "file"]
Location = Literal["path", "query", "header", "cookie", "body"]

# "in" is a keyword, hence the functional form.
Option = TypedDict(
    "Option",
    {
        "flag": str,  # --access-token-duration
        "short": "str | None",  # -r
        "name": str,  # access_token_duration: the Python name of its value
        "in": Location,
        "wire": str,  # accessTokenDuration: the name the API knows
        "kind": Kind,
        "type": str,  # string, int, bool, stringArray, JSON, ...
        "repeatable": bool,
        "required": bool,
        "choices": "list[str]",
        "help": str,
        "format": "str | None",  # int32 / int64 of an integer option
    },
)


class Shape(TypedDict):
    """A value's type in a request check (runtime/request_check.py; generator/checks.py writes it)."""

    type: Literal[
        "string", "integer", "number", "boolean", "null", "any", "array", "map", "model", "enum"
    ]
    nullable: bool
    items: Shape | None  # the items of an array, the values of a map
    ref: str | None  # the model or enum class
    range: list[int | None] | None  # an integer's bounds (ge, le), from its format


class FieldCheck(TypedDict):
    wire: str  # the alias: the name in the request
    name: str  # the Python name, which the models also accept in input
    required: bool
    shape: Shape


class EnumCheck(TypedDict):
    values: list[str | int | float]  # the listed values
    open: bool  # any other value of a listed value's type is taken too (runtime/open_enum.py's OpenEnum)


class BodyCheck(TypedDict):
    """A request model as plain data, checked without pydantic (``checks/<group>.py``)."""

    root: str  # the model of the body (or of its items)
    models: dict[str, list[FieldCheck]]  # every model the root reaches, fields in order
    enums: dict[str, EnumCheck]  # every enum (or Literal) it reaches


class Body(TypedDict):
    model: str | None  # the pydantic model of the body (or of its items)
    array: bool
    required: bool
    form_field: str | None  # a form-encoded string field that --param fills
    encoding: Literal["json", "form", "multipart", "binary", "text"]  # how it goes on the wire
    content_type: str  # the media type it is sent as


class Pagination(TypedDict):
    """How --all and the clients' *_pages walk an operation's pages (runtime/paginate.py)."""

    kind: Literal["offset", "page", "cursor", "range"]
    cursor: str  # the query parameter that moves: offset, page number, cursor or range start
    limit: str | None  # the one that sizes a page (the range end for "range")
    results: list[str | int]  # path to the list each page holds
    next_cursor: list[str | int] | None
    total: list[str | int] | None
    end: list[str | int] | None
    num_pages: list[str | int] | None
    page_size: int


class Command(TypedDict):
    operation_id: str
    method: str
    path: str
    summary: str
    help: str
    example: str
    body: Body | None
    responses: dict[str, str | None]  # status -> model of its JSON body
    response_media: dict[
        str, str
    ]  # status -> "text", "binary" or "none" where the body is not JSON
    accept: str  # the Accept header: the media types the spec lists for the answers
    retry_safe: (
        bool  # the spec marks it safe to send twice (x-cli-retry-safe); see runtime/retry.py
    )
    pagination: Pagination | None  # --all and --max-pages when set
    options: list[Option]


class Group(TypedDict):
    help: str
    module: str | None  # commands/<module>.py holds this group's commands
    commands: dict[str, str]  # name -> one-line summary
    groups: dict[str, str]  # subgroup name -> help


class Server(TypedDict):
    url: str
    name: str | None
    description: str
