"""Exit codes and the one exception type the CLI turns into a one-line message."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1  # unexpected failure inside the CLI
EXIT_USAGE = 2  # bad command line or invalid input; nothing was sent
EXIT_API = 3  # the API answered with an error status (4xx or 5xx)
EXIT_NETWORK = 4  # no answer: connection refused, DNS, TLS or timeout
EXIT_RESPONSE = 5  # the API answered 2xx with a body that is not what the spec says

CODE_NAMES = {
    EXIT_FAILURE: "internal_error",
    EXIT_USAGE: "usage_error",
    EXIT_API: "api_error",
    EXIT_NETWORK: "network_error",
    EXIT_RESPONSE: "invalid_response",
}


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
