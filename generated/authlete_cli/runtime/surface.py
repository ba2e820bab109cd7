"""The command surface as typed data: the one description of every command.

The generator writes it once: ``_table.py`` is the index (groups, their
commands' one-line summaries, servers) and ``commands/<group>.py`` holds the
full entries of one group. The CLI builds its click commands from these
entries, the runtime builds requests from them, ``--usage`` prints them and the
generator's drift report compares them, so they cannot disagree. Start-up
reads the index and only the group being run.
"""

from __future__ import annotations

import importlib
from typing import Literal, TypedDict

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


_PACKAGE = __name__.rsplit(".", 2)[0]


def commands_of(module: str) -> dict[str, Command]:
    """The entries of one group module, keyed by the whole command ('token process')."""
    loaded = importlib.import_module(f"{_PACKAGE}.commands.{module}")
    table: dict[str, Command] = loaded.COMMANDS
    return table


def command(words: str) -> Command:
    """The entry of one command, reading only its own group's module."""
    from .. import _table

    *parents, _ = words.split(" ")
    group = _table.GROUPS[" ".join(parents)]
    if group["module"] is None:
        raise KeyError(words)
    return commands_of(group["module"])[words]


def all_commands() -> dict[str, Command]:
    """Every command (``--usage`` and tools need them all; a single command never does)."""
    from .. import _table

    out: dict[str, Command] = {}
    for group in _table.GROUPS.values():
        if group["module"] is not None:
            out.update(commands_of(group["module"]))
    return dict(sorted(out.items()))
