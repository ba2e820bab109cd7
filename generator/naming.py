"""The one place that turns spec names into Python, CLI and file names.

Every other module asks here; nothing else lowercases, splits or escapes a
name. Collisions are never settled by traversal-order numeric suffixes: they
are resolved by a documented rule or reported as errors.
"""

from __future__ import annotations

import builtins
import keyword
import re

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

# Attributes of pydantic's BaseModel (and its deprecated v1 API) that a field
# must not shadow; listed rather than imported so naming stays dependency-free.
_MODEL_ATTRIBUTES = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
        "fields",
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
    }
)
_RESERVED_IDENTIFIERS = (
    frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | frozenset(dir(builtins))
    | _MODEL_ATTRIBUTES
    | {"self", "ctx", "typer", "annotations"}
)

# Options every generated command already has; a spec-derived flag must not
# reuse them (see command_flag for how a clash is resolved).
GLOBAL_LONG_FLAGS = frozenset(
    {
        "--agent-mode",
        "--bearer",
        "--body",
        "--color",
        "--debug",
        "--dry-run",
        "--header",
        "--help",
        "--include-headers",
        "--jq",
        "--no-interactive",
        "--output-format",
        "--param",
        "--server",
        "--server-url",
        "--timeout",
        "--usage",
        "--version",
    }
)
GLOBAL_SHORT_FLAGS = frozenset({"-d", "-H", "-h", "-o", "-q"})


def words(name: str) -> list[str]:
    """Split camelCase, PascalCase, snake_case, kebab-case or spaced text into words."""
    return _WORD.findall(name)


def snake(name: str) -> str:
    """``accessTokenDuration`` -> ``access_token_duration``."""
    return "_".join(w.lower() for w in words(name))


def kebab(name: str) -> str:
    """``standardProcess`` -> ``standard-process``."""
    return "-".join(w.lower() for w in words(name))


def pascal(name: str) -> str:
    """``g_m_request`` -> ``GMRequest``; each word's first letter is upper-cased."""
    return "".join(w[:1].upper() + w[1:] for w in words(name))


def identifier(name: str) -> str:
    """A snake_case Python identifier that shadows no keyword, builtin or model attribute."""
    ident = snake(name) or "value"
    if ident[0].isdigit():
        ident = f"n_{ident}"
    if ident in _RESERVED_IDENTIFIERS:
        ident += "_"
    return ident


def field_name(wire_name: str) -> str:
    """Python attribute name of a schema property (models, client and CLI agree)."""
    return identifier(wire_name)


def class_name(schema_name: str) -> str:
    """Python class name of a component schema."""
    name = pascal(schema_name) or "Model"
    if name[0].isdigit():
        name = f"M{name}"
    return name if not keyword.iskeyword(name) else name + "_"


def operation_id(method: str, path: str, operation: dict[str, object]) -> str:
    """The operation's own operationId, else one derived from where it is.

    ``GET /api/lifecycle/healthcheck`` -> ``get_api_lifecycle_healthcheck``;
    a path parameter reads as ``by_<name>`` so ``/pets/{id}`` and ``/pets`` differ.
    """
    explicit = operation.get("operationId")
    if isinstance(explicit, str) and explicit.strip():
        return explicit
    parts = [method.lower()]
    for segment in path.split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            parts += ["by", snake(segment[1:-1])]
        elif segment:
            parts.append(snake(segment))
    return "_".join(p for p in parts if p)


def command_word(name: str) -> str:
    """A CLI command or group word: ``processRequest`` -> ``process-request``."""
    return kebab(name)


def long_flag(wire_name: str) -> str:
    """``--`` plus the kebab-case name: ``jwtAtClaims`` -> ``--jwt-at-claims``."""
    return "--" + kebab(wire_name)


def command_flag(wire_name: str, location: str, override: str | None = None) -> tuple[str, bool]:
    """The long flag of a parameter or body field, and whether a clash renamed it.

    A flag that would collide with a global option is prefixed with where its
    value goes (``--query-dry-run``), so the global option keeps its meaning.
    """
    flag = "--" + override.lstrip("-") if override else long_flag(wire_name)
    if flag in GLOBAL_LONG_FLAGS:
        return f"--{location}-{flag[2:]}", True
    return flag, False


def module_name(command_words: tuple[str, ...]) -> str:
    """Module that holds a command group's commands: ``token management`` -> ``token_management``."""
    return "_".join(snake(w) for w in command_words) or "root"


def method_name(command_words: tuple[str, ...]) -> str:
    """Client method for a command: ``token management list`` -> ``token_management_list``."""
    return identifier("_".join(snake(w) for w in command_words))


def function_name(command_word_: str) -> str:
    """Python function behind one leaf command."""
    return (snake(command_word_) or "run") + "_command"


def group_words_from_speakeasy(group: str) -> tuple[str, ...]:
    """``token.management`` -> ``("token", "management")``; ``grantManagement`` -> ``("grant-management",)``."""
    return tuple(command_word(part) for part in group.split(".") if part)


_TAG_NOISE = {"endpoint", "endpoints", "api", "apis", "operations", "operation"}


def group_word_from_tag(tag: str) -> str:
    """``Token Endpoint`` -> ``token``: trailing noise words are dropped."""
    parts = [w.lower() for w in words(tag)]
    while len(parts) > 1 and parts[-1] in _TAG_NOISE:
        parts.pop()
    return "-".join(parts)


def command_word_from_operation_id(operation_id: str) -> str:
    """``auth_token_fail_api`` -> ``auth-token-fail``: a trailing ``api`` is dropped."""
    parts = [w.lower() for w in words(operation_id)]
    if len(parts) > 1 and parts[-1] == "api":
        parts.pop()
    return "-".join(parts)
