"""Exit codes, the one exception type the CLI turns into a one-line message, and warnings."""

from __future__ import annotations

import json
import sys

EXIT_OK = 0
EXIT_FAILURE = 1  # unexpected failure inside the CLI
EXIT_USAGE = 2  # bad command line or invalid input; nothing was sent
EXIT_API = 3  # the API answered with an error status (4xx or 5xx)
EXIT_NETWORK = 4  # no answer: connection refused, DNS, TLS or timeout
EXIT_RESPONSE = (
    5  # the API answered with a body the CLI cannot use (not JSON, not the spec's shape, too large)
)
EXIT_UNDECLARED = (
    6  # the API answered with a status the spec does not declare (a redirect, a 204 ...)
)

CODE_NAMES = {
    EXIT_FAILURE: "internal_error",
    EXIT_USAGE: "usage_error",
    EXIT_API: "api_error",
    EXIT_NETWORK: "network_error",
    EXIT_RESPONSE: "invalid_response",
    EXIT_UNDECLARED: "undeclared_response",
}

# Set by the entry point once it knows: messages are JSON objects for AI agents.
agent_mode = False


class CliError(Exception):
    """A failure to report on one line and exit with ``exit_code``."""

    def __init__(
        self,
        message: str,
        exit_code: int = EXIT_USAGE,
        hint: str | None = None,
        details: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.hint = hint
        self.details = details


def warn(message: str, code: str = "warning", hint: str | None = None) -> None:
    """One warning line on stderr (a JSON object in agent mode); the run goes on."""
    from .._table import PROG

    message = " ".join(message.split())
    if agent_mode:
        sys.stderr.write(
            json.dumps({"warning": {"code": code, "message": message, "hint": hint}}) + "\n"
        )
    else:
        sys.stderr.write(f"{PROG}: warning: {message}" + (f" ({hint})" if hint else "") + "\n")
