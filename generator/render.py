"""Render the IR into an in-memory tree ``{relative path: text}``.

Nothing here touches the output folder, so ``generate``, ``check`` and tests
share one code path. Templates receive precomputed strings (Python literals,
type annotations, option declarations) and only place them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import cache, naming
from generator.checks import ModelChecks
from generator.ir import Api, Group, Operation, Pagination
from generator.layout import INDENT, Brackets, docstring_text, lay_out, one_line_docstring
from generator.literal import literal, string, tuple_literal
from generator.load import Document
from generator.paths import TEMPLATES

if TYPE_CHECKING:
    import jinja2

RUNTIME = TEMPLATES / "runtime"
# Python types of a client method's parameters, by option kind.
_CLIENT_TYPES = {"integer": "int", "number": "float", "boolean": "bool", "json": "Any"}


# Names every generated client module exports beside the product-named ones (runtime/client_*.py).
_CLIENT_SHARED_NAMES = (
    "BadRequestError",
    "ForbiddenError",
    "NotFoundError",
    "PaginationError",
    "RateLimitedError",
    "RawResponse",
    "RequestInfo",
    "RequestOptions",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedStatusError",
    "UnusableResponseError",
)


def _client_names(api: Api) -> list[str]:
    """What the package exports: the clients, their error class, the shared names and the version."""
    prefix = api.identity.client_prefix
    return sorted(
        [f"Async{prefix}Client", f"{prefix}ApiError", f"{prefix}Client", *_CLIENT_SHARED_NAMES, "__version__"]
    )


def pyrepr(value: Any) -> str:
    """The one escaping filter: any value as a Python literal."""
    return repr(value)


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        bytecode_cache=cache.templates_bytecode(),  # compiled templates, kept in the stage cache
    )
    env.filters["pyrepr"] = pyrepr
    return env


class _Templates:
    """Templates rendered through the stage cache: Jinja is loaded only for a file that is not there.

    Every context a template gets is computed from the IR, except the request
    checks', which come from the models; so a rendered file is keyed on the
    IR's repr, the source of every template (one may include another), the
    values not derived from the IR (``extra``), Jinja's version and the
    generator's (which holds the filters and the context functions). A
    context is computed only on a miss. An edit that leaves the IR as it was
    (a schema's description, which only models.py holds) renders nothing.
    """

    def __init__(self, templates: Path, api: Api) -> None:
        self.templates = templates
        self.store = cache.current()
        self.env: jinja2.Environment | None = None
        self.base = ""
        if self.store.root is not None:
            sources = sorted(templates.rglob("*.j2"), key=lambda path: path.parts)
            self.base = cache.digest(
                "render",
                cache.generator_version(),
                cache.tool_version("jinja2"),
                *(part for path in sources for part in (path.relative_to(templates).as_posix(), path.read_bytes())),
                repr(api),
            )

    def render(self, name: str, context: Callable[[], dict[str, Any]], *extra: str) -> str:
        key = cache.digest(self.base, name, *extra) if self.base else ""
        hit = self.store.get_text("render", key) if key else None
        if hit is not None:
            return hit
        if self.env is None:
            self.env = environment(self.templates)
        text = self.env.get_template(name).render(**context())
        if key:
            self.store.put_text("render", key, text)
        return text


def render(api: Api, doc: Document, templates: Path = TEMPLATES) -> dict[str, str]:
    """All output files of the generated package, unformatted."""
    from generator.models import ModelsJob

    models = ModelsJob(doc, api.models, _model_bases(api))  # datamodel-code-generator runs meanwhile
    out = _Templates(templates, api)
    pkg = api.package
    files: dict[str, str] = {}
    files["pyproject.toml"] = out.render("pyproject.toml.j2", lambda: _context(api))
    files["README.md"] = out.render("README.md.j2", lambda: {**_context(api), "commands": _usage_lines(api)})
    files[f"{pkg}/__init__.py"] = out.render("package_init.py.j2", lambda: _init_context(api))
    files[f"{pkg}/__main__.py"] = out.render("package_main.py.j2", lambda: _context(api))
    files[f"{pkg}/_table.py"] = out.render("table.py.j2", lambda: {**_context(api), **_table(api)})
    files[f"{pkg}/client.py"] = out.render("client.py.j2", lambda: {**_context(api), **_client(api)})
    files[f"{pkg}/models.py"] = ""  # its place in the tree; the text comes last, when it is ready
    files[f"{pkg}/_outcomes.py"] = out.render("outcomes.py.j2", lambda: {**_context(api), **_outcomes(api)})
    files[f"{pkg}/commands/__init__.py"] = '"""Generated command modules, one per command group; imported lazily."""\n'
    files[f"{pkg}/checks/__init__.py"] = (
        '"""Request-body checks compiled from the models, one module per command group; imported lazily."""\n'
    )
    for group in api.groups:
        if group.operations:
            files[f"{pkg}/commands/{group.module}.py"] = out.render(
                "commands.py.j2", partial(_commands_context, api, group), group.module
            )
    for source in sorted(RUNTIME.glob("*.py"), key=lambda path: path.parts):
        files[f"{pkg}/runtime/{source.name}"] = source.read_text(encoding="utf-8")
    files[f"{pkg}/models.py"] = models.result()
    files.update(_checks(api, files[f"{pkg}/models.py"], out))
    return files


def _context(api: Api) -> dict[str, Any]:
    """What every template may place."""
    return {
        "api": api,
        "pkg": api.package,
        "dist": api.package.replace("_", "-"),
        "ident": api.identity,
        "client_names": _client_names(api),
        "title_doc": docstring_text(api.title),
        "version_doc": docstring_text(api.version),
    }


def _init_context(api: Api) -> dict[str, Any]:
    return {**_context(api), "version_literal": string(api.version), "names_literal": literal(_client_names(api))}


def _commands_context(api: Api, group: Group) -> dict[str, Any]:
    entries = {op.command: _command_entry(op) for op in group.operations}
    return {**_context(api), "prog": api.identity.prog, "words": _words(group), "commands_literal": literal(entries)}


def _words(group: Group) -> str:
    return "".join(" " + w for w in group.words)


def _checks(api: Api, models_text: str, out: _Templates) -> dict[str, str]:
    """checks/<group>.py of every group that sends a JSON or form body of a model: what the runtime
    checks bodies against without pydantic (generator/checks.py; empty where no model qualifies)."""
    checks = ModelChecks(models_text)
    files = {}
    for group in api.groups:
        models = sorted({op.body.model for op in group.operations if _checkable(op) and op.body and op.body.model})
        if models:
            found = {name: check for name in models if (check := checks.body(name)) is not None}
            checks_literal = literal(found)  # from the models, not the IR: part of the key
            files[f"{api.package}/checks/{group.module}.py"] = out.render(
                "checks.py.j2", partial(_checks_context, api, group, checks_literal), group.module, checks_literal
            )
    return files


def _checks_context(api: Api, group: Group, checks_literal: str) -> dict[str, Any]:
    return {**_context(api), "prog": api.identity.prog, "words": _words(group), "checks_literal": checks_literal}


def _checkable(op: Operation) -> bool:
    """A body the runtime validates against its model (runtime/command.py): JSON or form, of a model."""
    return bool(op.body and op.body.model and op.body.encoding in ("json", "form"))


def _pagination(pagination: Pagination | None) -> dict[str, Any] | None:
    """The pagination facts the runtime's pager reads (runtime/paginate.py)."""
    if pagination is None:
        return None
    return {
        "kind": pagination.kind,
        "cursor": pagination.cursor,
        "limit": pagination.limit,
        "results": list(pagination.results),
        "next_cursor": list(pagination.next_cursor) if pagination.next_cursor is not None else None,
        "total": list(pagination.total) if pagination.total is not None else None,
        "end": list(pagination.end) if pagination.end is not None else None,
        "num_pages": list(pagination.num_pages) if pagination.num_pages is not None else None,
        "page_size": pagination.page_size,
    }


def _table(api: Api) -> dict[str, str]:
    """The command index, as black-formatted literals: groups and servers; entries live per group."""
    groups = {
        " ".join(g.words): {
            "help": g.help,
            "module": g.module if g.operations else None,
            "commands": {op.name: _summary(op) for op in g.operations},
            "groups": {w[-1]: _group_help(api, w) for w in g.subgroups},
        }
        for g in api.groups
    }
    servers = [{"url": s.url, "name": s.name, "description": s.description} for s in api.servers]
    return {
        "prog": literal(api.identity.prog),
        "env_prefix": literal(api.identity.env_prefix),
        "config_dir": literal(api.identity.config_dir),
        "api_version": literal(api.version),
        "api_title": literal(api.title),
        "groups_literal": literal(groups),
        "servers_literal": literal(servers),
    }


def _outcomes(api: Api) -> dict[str, str]:
    """The x-http-response mappings and the x-cli-oauth switch, as Python literals."""
    mappings = {
        m.model: {
            "selector": m.selector,
            "actions": {
                a.action: {
                    "status": a.status,
                    "reason": a.reason,
                    "headers": [{"name": h.name, "source": h.source, "value": h.value} for h in a.headers],
                    "body": a.body,
                    "decide": a.decide,
                }
                for a in m.actions
            },
        }
        for m in api.http_mappings
    }
    assertions = "CLIENT_ASSERTION_COMMANDS: tuple[str, ...] = "
    return {
        "mappings_literal": literal(mappings),
        "oauth_literal": literal(api.oauth is not None),
        "assertion_literal": tuple_literal(api.oauth.commands if api.oauth else (), len(assertions)),
    }


def _model_bases(api: Api) -> dict[str, str]:
    """Response models with an x-http-response get the base class that gives them http_response()."""
    return {m.model: f"{api.package}.runtime.http_outcome.HttpOutcomeModel" for m in api.http_mappings}


def _group_help(api: Api, words: tuple[str, ...]) -> str:
    return next(g.help for g in api.groups if g.words == words)


def _summary(op: Operation) -> str:
    """The one-line summary; a deprecated operation says so first."""
    return f"[deprecated] {op.summary}".rstrip() if op.deprecated else op.summary


def _help(op: Operation) -> str:
    """The summary, then the description less a first paragraph that only repeats it.

    With no summary of its own an operation's summary is that first paragraph (build.py), and a
    spec may also write its summary again as the description's first paragraph: shown once.
    """
    paragraphs = op.description.split("\n\n") if op.description else []
    if paragraphs and paragraphs[0] == op.summary:
        paragraphs = paragraphs[1:]
    return "\n\n".join([_summary(op), *paragraphs])


def _command_entry(op: Operation) -> dict[str, Any]:
    """One command's entry (runtime/surface.py's ``Command``): the only description of the command."""
    return {
        "operation_id": op.operation_id,
        "method": op.method,
        "path": op.path,
        "summary": _summary(op),
        "help": _help(op),
        "example": op.example,
        "body": (
            None
            if op.body is None
            else {
                "model": op.body.model,
                "array": op.body.is_array,
                "required": op.body.required,
                "form_field": op.body.form_field,
                "encoding": op.body.encoding,
                "content_type": op.body.content_type,
            }
        ),
        "responses": {r.status: r.model for r in op.responses},
        "response_media": {r.status: r.media for r in op.responses if r.media != "json"},
        "accept": op.accept,
        "retry_safe": op.retry_safe,
        "pagination": _pagination(op.pagination),
        "options": [
            {
                "flag": o.flag,
                "short": o.short,
                "name": o.py_name,
                "in": o.location,
                "wire": o.wire_name,
                "kind": o.kind,
                "type": o.type_label,
                "repeatable": o.repeatable,
                "required": o.required,
                "choices": list(o.choices),
                "help": o.help,
                "format": o.int_format,  # int32 / int64: the CLI range-checks integers by it
            }
            for o in op.options
        ],
    }


@dataclass(frozen=True)
class ClientMethods:
    """One operation's client methods, every statement already in black's layout (generator/layout.py).

    ``sync`` and ``asynchronous`` each hold the method returning the model, its
    ``*_raw`` twin and, for a paginated operation, its ``*_pages`` walker.
    """

    sync: str
    asynchronous: str


def _client_methods(op: Operation, prog: str) -> ClientMethods:
    """Signature pieces of one client method: path parameters and the body positional, the rest keywords."""
    positional, keyword, optional = [], [], []
    names, keyword_names, optional_names = [], [], []
    params: dict[str, list[str]] = {"path": [], "query": [], "header": [], "cookie": []}
    for o in op.options:
        if o.location == "body":
            continue
        base = _CLIENT_TYPES.get(o.kind, "str")
        annotation = f"list[{base}]" if o.repeatable else base
        params[o.location].append(f"{string(o.wire_name)}: {o.py_name}")
        if o.location == "path":
            positional.append(f"{o.py_name}: {annotation}")
            names.append(o.py_name)
        elif o.required:
            keyword.append(f"{o.py_name}: {annotation}")
            keyword_names.append(o.py_name)
        else:
            optional.append(f"{o.py_name}: {annotation} | None = None")
            optional_names.append(o.py_name)
    keyword += optional
    keyword.append(f"{naming.REQUEST_OPTIONS}: RequestOptions | None = None")
    if op.body:
        positional.append(f"request: {_body_type(op)}" + ("" if op.body.required else " | None = None"))
        names.append("request")
    named = [*keyword_names, *optional_names, naming.REQUEST_OPTIONS]
    returns = _returns(op)
    name, raw_name = naming.method_name(op.words), naming.raw_method_name(op.words)
    signature = ("self", *positional, "*", *keyword)
    table = f"OPERATIONS[{string(name)}]"
    body = "request" if op.body else "None"
    args = Brackets(
        "params: Params = {", tuple(Brackets(f"{string(k)}: {{", tuple(v), "}") for k, v in params.items()), "}"
    )
    params_line = lay_out(args, 2)
    summary = _summary(op)
    texts = []
    for is_async in (False, True):
        define, wait = ("async def ", "await ") if is_async else ("def ", "")
        forward = Brackets(f"raw = {wait}self.{raw_name}(", (*names, *(f"{n}={n}" for n in named)), ")")
        methods = [
            [
                lay_out(Brackets(f"{define}{name}(", signature, f") -> {returns}:"), 1),
                INDENT * 2 + one_line_docstring(f"{summary} (`{prog} {op.command}`)."),
                lay_out(forward, 2),
                INDENT * 2 + "return raw.parsed",
            ],
            [
                lay_out(Brackets(f"{define}{raw_name}(", signature, f") -> RawResponse[{returns}]:"), 1),
                INDENT * 2 + one_line_docstring(f"{summary}: status, headers and the parsed answer."),
                params_line,
                lay_out(Brackets(f"return {wait}self._call(", (table, "params", body, "request_options"), ")"), 2),
            ],
        ]
        if op.pagination:
            walker = "AsyncIterator" if is_async else "Iterator"
            how = " (``async for``)" if is_async else ""
            pages = Brackets(
                f"def {naming.pages_method_name(op.words)}(",
                (*signature, "max_pages: int | None = None"),
                f") -> {walker}[{returns}]:",
            )
            call = Brackets("return self._pages(", (table, "params", body, "request_options", "max_pages"), ")")
            methods.append(
                [
                    lay_out(pages, 1),
                    INDENT * 2
                    + one_line_docstring(
                        f"{summary}: page after page{how}, each fetched when you take it; at most ``max_pages``."
                    ),
                    params_line,
                    lay_out(call, 2),
                ]
            )
        texts.append("\n\n".join("\n".join(lines) for lines in methods))
    return ClientMethods(texts[0], texts[1])


def _returns(op: Operation) -> str:
    """What a client method returns: the success model, or the body as text, bytes or JSON."""
    success = op.success
    if success and success.model:
        return f"models.{success.model}"
    if success and success.media in _RAW:
        return _RAW[success.media]
    return "None"


# An answer without a model: as text, bytes or JSON (runtime/client_core.py's answer_types).
_RAW = {"text": "str", "binary": "bytes", "json": "Any"}


def _operation_entry(op: Operation) -> dict[str, Any]:
    """An entry of client.py's OPERATIONS (runtime/client_core.py's ``Operation``)."""
    encoding, content_type = (op.body.encoding, op.body.content_type) if op.body else ("json", "application/json")
    return {
        "method": op.method,
        "path": op.path,
        "encoding": encoding,
        "content_type": content_type,
        "accept": op.accept,
        "models": {r.status: r.model for r in op.responses if r.model},
        "raw": {r.status: r.media if r.media in _RAW else "none" for r in op.responses if not r.model},
        "retry_safe": op.retry_safe,
        "pagination": _pagination(op.pagination),
    }


def _client(api: Api) -> dict[str, Any]:
    """What client.py.j2 places: the operation table and each operation's methods."""
    table = {naming.method_name(op.words): _operation_entry(op) for op in api.operations}
    return {
        "operations_literal": literal(table),
        "methods": [_client_methods(op, api.identity.prog) for op in api.operations],
        "all_literal": literal(sorted(n for n in _client_names(api) if n != "__version__")),
    }


def _body_type(op: Operation) -> str:
    """What a client method accepts as the request body."""
    assert op.body is not None
    if op.body.encoding == "binary":
        return "bytes"
    if op.body.encoding == "text":
        return "str"
    model = f"models.{op.body.model}" if op.body.model else "dict[str, Any]"
    item = f"{model} | dict[str, Any]" if op.body.model else model
    return f"list[{item}]" if op.body.is_array else item


def _usage_lines(api: Api) -> list[str]:
    return [f"{op.command}: {op.summary}" for op in api.operations]


def describe(api: Api) -> dict[str, Any]:
    """The commands a spec produces, for ``generator describe``."""
    return {
        "commands": [
            {
                "command": op.command,
                "operation_id": op.operation_id,
                "method": op.method,
                "path": op.path,
                "summary": op.summary,
                "flags": [o.flag for o in op.options] + _extra_flags(op),
            }
            for op in api.operations
        ]
    }


_EXTRA_METAVARS = {"--body": "JSON", "--param": "KEY=VALUE", "--all": "", "--max-pages": "N"}


def _extra_flags(op: Operation) -> list[str]:
    """Flags a command has beside its fields: --body and --param, --all and --max-pages."""
    flags = ["--all", "--max-pages"] if op.pagination else []
    if not op.body:
        return flags
    return ["--body"] + (["--param"] if op.body.form_field else []) + flags


def describe_text(api: Api) -> str:
    lines = []
    for op in api.operations:
        lines.append(f"{api.identity.prog} {op.command}  ({op.method} {op.path})")
        for o in op.options:
            short = f"{o.short}, " if o.short else ""
            req = " (required)" if o.required else ""
            lines.append(f"    {short}{o.flag} {o.type_label}{req}")
        for flag in _extra_flags(op):
            lines.append(f"    {flag} {_EXTRA_METAVARS[flag]}".rstrip())
    return "\n".join(lines) + "\n"


def describe_json(api: Api) -> str:
    return json.dumps(describe(api), indent=2) + "\n"
