"""The HTTP response an authorization server sends its client for one of the API's answers.

The mapping comes from the spec's ``x-http-response`` extension, emitted into the
package's ``_outcomes`` module. The same function serves ``-o http`` in the CLI
and the ``http_response()`` method of the response models, so both always agree.
Three results: an :class:`HttpResponse` to send, :class:`ServerDecides` when the
action needs the server's own judgement, :class:`UnmappedAction` for an action
the spec does not know (a newer API): never an exception.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, TypedDict, Union

from pydantic import BaseModel

EXIT_SERVER_DECIDES = 10  # documented in the README's exit-code table


class HeaderSpec(TypedDict):
    """One header: a fixed value, or a copy of a field (left out when the field is empty)."""

    name: str
    source: Literal["value", "field"]
    value: str


class ActionSpec(TypedDict):
    status: int | None  # None: the server must decide
    reason: str
    headers: list[HeaderSpec]
    body: str | None  # wire name of the field that is the body
    decide: str


class MappingSpec(TypedDict):
    selector: str  # wire name of the field whose value picks the action
    actions: dict[str, ActionSpec]


@dataclass(frozen=True)
class HttpResponse:
    """The response to send: status, headers in order, and the body exactly as the answer holds it."""

    action: str
    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None

    def status_line(self) -> str:
        return f"HTTP/1.1 {self.status} {self.reason}".rstrip()

    def message(self) -> str:
        """The whole HTTP/1.1 message as text: status line, headers, blank line, body."""
        head = [self.status_line(), *(f"{k}: {v}" for k, v in self.headers.items())]
        return "\r\n".join(head) + "\r\n\r\n" + (self.body or "")


@dataclass(frozen=True)
class ServerDecides:
    """The action needs the server's own judgement; ``next_step`` says what to do."""

    action: str
    next_step: str


@dataclass(frozen=True)
class UnmappedAction:
    """No response can be built: the answer's action has no mapping in the spec this package was
    generated from, or a field a header copies holds a line break (``message`` says which)."""

    action: str | None
    message: str


Outcome = Union[HttpResponse, ServerDecides, UnmappedAction]


def outcome(mapping: MappingSpec, data: dict[str, Any]) -> Outcome:
    """The outcome of an answer given as its JSON object (wire names)."""
    raw = data.get(mapping["selector"])
    value = raw.value if isinstance(raw, Enum) else raw
    action = value if isinstance(value, str) else None
    spec = mapping["actions"].get(action) if action is not None else None
    if action is None or spec is None:
        shown = repr(action) if action is not None else "missing"
        return UnmappedAction(
            action,
            f"the answer's {mapping['selector']} is {shown}, which has no HTTP response in the spec this client was generated from",
        )
    if spec["status"] is None:
        return ServerDecides(action, spec["decide"])
    headers: dict[str, str] = {}
    for header in spec["headers"]:
        value = header["value"] if header["source"] == "value" else data.get(header["value"])
        if isinstance(value, str) and value != "":
            bad = _unsafe_in_header(value)
            if bad:  # relayed verbatim, it would add headers (or a body) of the answer's choosing
                return UnmappedAction(
                    action,
                    f"the answer's {header['value']} holds {bad}, which cannot go in the {header['name']} header; no response is built from it",
                )
            headers[header["name"]] = value
    body = data.get(spec["body"]) if spec["body"] else None
    return HttpResponse(
        action, spec["status"], spec["reason"], headers, body if isinstance(body, str) else None
    )


def _unsafe_in_header(value: str) -> str | None:
    """What in ``value`` an HTTP header cannot carry: a line break or another control character."""
    for char in value:
        if char in "\r\n":
            return "a line break"
        if (ord(char) < 32 and char != "\t") or ord(char) == 127:
            return "a control character"
    return None


def mapping_for(model_name: str | None) -> MappingSpec | None:
    from .. import _outcomes

    return _outcomes.MAPPINGS.get(model_name) if model_name else None


class HttpOutcomeModel(BaseModel):
    """Base of every response model with an ``x-http-response``: its ``http_response()``.

    Unlisted enum values need nothing here: every enum of models.py is an
    OpenEnum (runtime/open_enum.py), which pydantic asks for them itself.
    """

    def http_response(self) -> Outcome:
        """The HTTP response to send your own client for this answer (see the spec's x-http-response)."""
        mapping = mapping_for(type(self).__name__)
        if mapping is None:
            return UnmappedAction(None, f"{type(self).__name__} has no x-http-response mapping")
        return outcome(mapping, self.model_dump(mode="json", by_alias=True))


# --- the CLI side: -o http ---------------------------------------------------------------


def require_mapping(
    command: str, responses: dict[str, str | None], prog: str, jq: str | None = None
) -> None:
    """Fail before sending anything when ``-o http`` cannot apply to this command."""
    from .errors import EXIT_USAGE, CliError

    if jq:
        raise CliError(
            "-o http prints the response to send as it is; it does not take --jq", EXIT_USAGE
        )
    success = next(
        (model for status, model in sorted(responses.items()) if status.startswith("2")), None
    )
    if mapping_for(success) is None:
        raise CliError(
            f"-o http: the answer of '{prog} {command}' has no HTTP response mapping (x-http-response in the spec)",
            EXIT_USAGE,
            "use -o json, yaml, table or toon",
        )


def emit_http(model_name: str | None, data: Any, prog: str, agent: bool = False) -> None:
    """Print the HTTP response for ``data``, or tell the server what to do next and exit 10.

    In agent mode the next step is one JSON object on stderr, like errors are.
    """
    import click

    from .errors import EXIT_RESPONSE, CliError

    mapping = mapping_for(model_name)
    if mapping is None or not isinstance(data, dict):
        raise CliError(
            "-o http: the answer is not an object with an HTTP response mapping", EXIT_RESPONSE
        )
    result = outcome(mapping, data)
    if isinstance(result, UnmappedAction):
        newer = result.action not in mapping["actions"]
        hint = "a newer API? " if newer else ""
        raise CliError(result.message, EXIT_RESPONSE, f"{hint}see the whole answer with -o json")
    if isinstance(result, ServerDecides):
        import json

        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        if agent:
            step = {
                "next_step": {
                    mapping["selector"]: result.action,
                    "message": result.next_step,
                    "exit_code": EXIT_SERVER_DECIDES,
                }
            }
            sys.stderr.write(json.dumps(step) + "\n")
        else:
            sys.stderr.write(
                f"{prog}: next step ({mapping['selector']} {result.action}): {result.next_step}\n"
            )
        raise click.exceptions.Exit(EXIT_SERVER_DECIDES)
    head = [result.status_line(), *(f"{k}: {v}" for k, v in result.headers.items())]
    text = "\n".join(head) + "\n\n" + (result.body or "")
    if sys.stdout.isatty():  # relayed verbatim to a pipe; escape sequences never act on a terminal
        from .safe_text import neutralise

        text = neutralise(text)
    sys.stdout.write(text)
    if result.body and sys.stdout.isatty() and not result.body.endswith("\n"):
        sys.stdout.write("\n")
