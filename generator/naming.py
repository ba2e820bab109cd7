"""The one place that turns spec names into Python, CLI and file names.

Every other module asks here; nothing else lowercases, splits or escapes a
name. Collisions are never settled by traversal-order numeric suffixes: they
are resolved by a documented rule or reported as errors.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")

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
    | {
        "self",
        "ctx",
        "typer",
        "annotations",
        "click",
        "run",
        "app",
        "models",
        "cast",
        "httpx",
        "request",
        "body",
        "param",
        "request_options",
        "all_pages",
        "max_pages",
    }
)

# Keyword every client method takes for per-call timeout, headers and retries.
REQUEST_OPTIONS = "request_options"

# Options every generated command already has; a spec-derived flag must not
# reuse them (see command_flag for how a clash is resolved).
GLOBAL_LONG_FLAGS = frozenset(
    {
        "--agent-mode",
        "--all",
        "--bearer",
        "--body",
        "--color",
        "--debug",
        "--dry-run",
        "--header",
        "--help",
        "--include-headers",
        "--jq",
        "--max-pages",
        "--no-interactive",
        "--output-format",
        "--no-retries",
        "--param",
        "--retries",
        "--server",
        "--server-url",
        "--timeout",
        "--usage",
        "--version",
    }
)
GLOBAL_SHORT_FLAGS = frozenset({"-d", "-H", "-h", "-o", "-q"})


def ascii_text(name: str) -> str:
    """Accents dropped (``café`` -> ``cafe``); letters with no ASCII form are left out."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def words(name: str) -> list[str]:
    """Split camelCase, PascalCase, snake_case, kebab-case or spaced text into words."""
    return _WORD.findall(ascii_text(name))


def snake(name: str) -> str:
    """``accessTokenDuration`` -> ``access_token_duration``."""
    return "_".join(w.lower() for w in words(name))


def kebab(name: str) -> str:
    """``standardProcess`` -> ``standard-process``."""
    return "-".join(w.lower() for w in words(name))


def pascal(name: str) -> str:
    """``g_m_request`` -> ``GMRequest``; each word's first letter is upper-cased."""
    return "".join(w[:1].upper() + w[1:] for w in words(name))


# A leading sign is part of a number's meaning: GitHub's reactions have both ``+1`` and ``-1``.
_SIGN_WORDS = {"+": "plus", "-": "minus"}


def _sign_word(name: str) -> str | None:
    """``plus`` for ``+1``, ``minus`` for ``-1``: the word a signed number's name starts with."""
    text = name.strip()
    return _SIGN_WORDS.get(text[:1]) if text[1:2].isdigit() else None


def identifier(name: str) -> str:
    """A snake_case Python identifier that shadows no keyword, builtin or model attribute.

    A name with no ASCII letters at all keeps its characters as code points
    (``名前`` -> ``u540d_u524d``), so two such names never meet as ``value``; a
    number's sign is a word (``+1`` -> ``plus_1``, ``-1`` -> ``minus_1``), so those two differ.
    """
    ident = snake(name) or "_".join(f"u{ord(c):04x}" for c in name if c.isalnum()) or "value"
    if ident[0].isdigit():
        ident = f"{_sign_word(name) or 'n'}_{ident}"
    if ident in _RESERVED_IDENTIFIERS:
        ident += "_"
    return ident


def field_name(wire_name: str) -> str:
    """Python attribute name of a schema property (models, client and CLI agree)."""
    return identifier(wire_name)


def class_name(schema_name: str) -> str:
    """The natural Python class name of a schema name (see ``model_names`` for collisions)."""
    name = pascal(schema_name) or _verbatim(schema_name)
    if name[0].isdigit():
        name = f"M{name}"
    if name in _MODEL_MODULE_NAMES:
        name += "Model"
    return name if not keyword.iskeyword(name) else name + "_"


# Names models.py imports or that pydantic code relies on: a model class must not shadow them.
_MODEL_MODULE_NAMES = frozenset(
    {
        "Annotated",
        "Any",
        "AnyUrl",
        "AwareDatetime",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "Discriminator",
        "Enum",
        "Field",
        "IntEnum",
        "Literal",
        "Optional",
        "RootModel",
        "StrEnum",
        "Tag",
        "UUID",
        "Union",
        "Models",
    }
)


@dataclass(frozen=True)
class ModelName:
    """The class of one component schema, and why it is not the natural one (empty if it is)."""

    schema: str
    class_name: str
    reason: str = ""


def _verbatim(schema_name: str) -> str:
    """The schema's own spelling as a class name: ``item_request`` -> ``Item_request``."""
    name = re.sub(r"\W", "_", schema_name) or "Model"
    if name[0].isdigit():
        name = "M" + name
    return name[0].upper() + name[1:]


def model_names(schemas: Iterable[str]) -> dict[str, ModelName]:
    """Class names of all component schemas, each distinct, the same every run.

    Schemas whose natural names meet (``item_request`` and ``ItemRequest`` both
    give ``ItemRequest``) keep it in this order: the one already spelled that
    way, then by name; the others take their own spelling (``Item_request``),
    with ``_`` appended while that is taken. Never a number from traversal order.
    """
    ordered = sorted(set(schemas))
    natural = {s: class_name(s) for s in ordered}
    result: dict[str, ModelName] = {}
    taken: set[str] = set()
    by_natural: dict[str, list[str]] = {}
    for schema in ordered:
        by_natural.setdefault(natural[schema], []).append(schema)
    losers = []
    for name, group in sorted(by_natural.items()):
        group.sort(key=lambda s: (s != name, s))
        result[group[0]] = ModelName(group[0], name)
        taken.add(name)
        losers += [(s, group[0]) for s in group[1:]]
    for schema, winner in sorted(losers):
        candidate = _verbatim(schema)
        while candidate in taken or candidate in _MODEL_MODULE_NAMES or keyword.iskeyword(candidate):
            candidate += "_"
        taken.add(candidate)
        reason = f"schemas {winner!r} and {schema!r} would both be class {natural[schema]}"
        result[schema] = ModelName(schema, candidate, reason)
    return result


# What an inline class's name gets while it would be a component's class.
INLINE_SUFFIX = "Inline"


def inline_class_name(
    path_name: str, component_classes: frozenset[str], singular: Callable[[str], str] = lambda name: name
) -> str:
    """The class of an inline model (a nested object, an inline enum): its parent's class, then its own name.

    The model generator names an inline model ``<parent class>_<property>``
    (its "parent-prefixed" strategy): ``token_fail_response.action`` is
    ``TokenFailResponseAction``, an object nested in it ``TokenFailResponseActionDetail``.
    So an inline name depends only on where the model sits, never on how many
    inline models come before it elsewhere in the spec (numbered names like
    ``Action3`` would change meaning when a spec adds one earlier).

    Collisions, by rule:

    - a name that is a component's class, or whose singular is (the model
      generator makes the name of an array's items singular: ``FooItems`` ->
      ``FooItem``), gets ``INLINE_SUFFIX`` appended until neither is:
      ``token_request.action`` beside a component ``token_request_action`` is
      ``TokenRequestActionInline``. ``class_name`` already keeps it off the
      names models.py imports;
    - a name whose last word is a lone ``S`` (a property ``s``) gets ``Items``
      appended, since its singular would be its parent's name;
    - two inline models of one parent whose names fold together (``a_b`` and
      ``aB``) are numbered by the model generator in property order: the only
      numbers, and they stay within that one parent.
    """
    natural = class_name(path_name)
    if words(natural)[-1:] == ["S"]:
        natural += "Items"
    while natural in component_classes or singular(natural) in component_classes:
        natural += INLINE_SUFFIX
    return natural


def field_names(properties: Iterable[str]) -> dict[str, str]:
    """Python attribute of each property of one schema, distinct within it.

    ``a-b`` and ``a_b`` would both be ``a_b``: the first by name keeps it and
    the other gets ``_`` appended (the alias keeps the wire name exact).
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    for wire in sorted(set(properties)):
        name = field_name(wire)
        while name in taken:
            name += "_"
        taken.add(name)
        result[wire] = name
    return result


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
    """``--`` plus the kebab-case name: ``jwtAtClaims`` -> ``--jwt-at-claims``, ``-1`` -> ``--minus-1``."""
    sign = _sign_word(wire_name)
    return "--" + (f"{sign}-" if sign else "") + kebab(wire_name)


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


def raw_method_name(command_words: tuple[str, ...]) -> str:
    """The client method that returns status, headers and model: ``token_process_raw``."""
    return method_name(command_words) + "_raw"


def pages_method_name(command_words: tuple[str, ...]) -> str:
    """The client method that iterates over every page: ``token_management_list_pages``."""
    return method_name(command_words) + "_pages"


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


# Request media types in the order we prefer to send them when a body offers several.
_ENCODING_ORDER = ("json", "form", "multipart", "text", "binary")


def encoding_of(media_type: str) -> Literal["json", "form", "multipart", "text", "binary"]:
    """How a body of this media type is put on the wire."""
    media = media_type.split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media == "application/x-www-form-urlencoded":
        return "form"
    if media.startswith("multipart/"):
        return "multipart"
    if media.startswith("text/") or media in ("application/xml", "application/yaml") or media.endswith("+xml"):
        return "text"
    return "binary"


def pick_media_type(media_types: Iterable[str]) -> str | None:
    """The one media type a request body is sent as: JSON first, then a form, multipart, text, bytes."""
    ranked = sorted(media_types, key=lambda m: (_ENCODING_ORDER.index(encoding_of(m)), m != "application/json", m))
    return ranked[0] if ranked else None


def program_name(package: str) -> str:
    """The command a package installs when the spec does not name it: ``petshop_cli`` -> ``petshop``."""
    parts = [w.lower() for w in words(package)]
    if len(parts) > 1 and parts[-1] == "cli":
        parts.pop()
    return "-".join(parts) or "api"


def env_prefix(prog: str) -> str:
    """``pet-shop`` -> ``PET_SHOP`` (then ``PET_SHOP_BEARER``)."""
    return "_".join(w.upper() for w in words(prog)) or "API"
