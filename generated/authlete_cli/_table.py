"""The command index: groups, one-line summaries and servers, read at every start.

A group's full entries (options, body, responses) are in ``commands/<group>.py``
and are read only when one of its commands runs or shows its help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runtime.surface import Command, Group, Server

PROG = "authlete"
ENV_PREFIX = "AUTHLETE"
CONFIG_DIR = "authlete"
CLI_VERSION = "3.0.16"
TITLE = "Authlete API: token, introspection and grant management"
API_VERSION = "3.0.16"

SERVERS: list[Server] = [
    {
        "url": "https://us.authlete.com",
        "name": "us",
        "description": "Authlete cluster hosted in the United States.",
    },
    {
        "url": "https://jp.authlete.com",
        "name": "jp",
        "description": "Authlete cluster hosted in Japan.",
    },
    {
        "url": "https://eu.authlete.com",
        "name": "eu",
        "description": "Authlete cluster hosted in the European Union.",
    },
    {
        "url": "https://br.authlete.com",
        "name": "br",
        "description": "Authlete cluster hosted in Brazil.",
    },
]

GROUPS: dict[str, Group] = {
    "": {
        "help": "The subset of the Authlete API that an authorization server or resource server calls at runtime: handing token requests to Authlete, finishing or rejecting password-grant flows, checking access tokens, answering grant management requests, and managing issued tokens directly (listing, creating, updating, revoking, deleting, reissuing ID tokens). Every call is scoped to one service and authenticated with a bearer token.",
        "module": None,
        "commands": {},
        "groups": {
            "grant-management": "Serve Grant Management for OAuth 2.0 requests (query or revoke grants).",
            "introspection": "Validate access tokens for resource servers and introspection endpoints.",
            "token": "Delegate token endpoint requests to Authlete and manage issued tokens.",
        },
    },
    "grant-management": {
        "help": "Serve Grant Management for OAuth 2.0 requests (query or revoke grants).",
        "module": "grant_management",
        "commands": {
            "process-request": "Process Grant Management Request",
        },
        "groups": {},
    },
    "introspection": {
        "help": "Validate access tokens for resource servers and introspection endpoints.",
        "module": "introspection",
        "commands": {
            "process": "Process Introspection Request",
            "standard-process": "Process OAuth 2.0 Introspection Request",
        },
        "groups": {},
    },
    "token": {
        "help": "Delegate token endpoint requests to Authlete and manage issued tokens.",
        "module": "token",
        "commands": {
            "fail": "Fail Token Request",
            "issue": "Issue Token Response",
            "process": "Process Token Request",
        },
        "groups": {
            "management": "List, create, update, revoke and delete access tokens, or reissue ID tokens.",
        },
    },
    "token management": {
        "help": "List, create, update, revoke and delete access tokens, or reissue ID tokens.",
        "module": "token_management",
        "commands": {
            "batch-status": "Get Batch Token Creation Status",
            "create": "Create Access Token",
            "create-batch": "Create Access Tokens in Batch",
            "delete": "Delete Access Token",
            "list": "List Issued Tokens",
            "reissue-id-token": "Reissue ID Token",
            "revoke": "Revoke Access Token",
            "update": "Update Access Token",
        },
        "groups": {},
    },
}


def __getattr__(name: str) -> Any:
    """``COMMANDS``: every command's entry, for tools and tests (the CLI reads one group at a time)."""
    if name == "COMMANDS":
        from .runtime.groups import all_commands

        commands: dict[str, Command] = all_commands()
        return commands
    raise AttributeError(name)
