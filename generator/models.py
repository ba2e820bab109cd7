"""Pydantic v2 models through datamodel-code-generator, named by our naming module.

We pass our own class-name function and a complete field alias table so the
models, the client and the CLI cannot disagree about a name.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from generator import cache, naming
from generator.diagnostics import GeneratorError, escape_pointer_token
from generator.prose import replace_prose

if TYPE_CHECKING:
    from generator.background import Job, Warm
    from generator.load import Document

HEADER = "# Generated from the OpenAPI spec by `python -m generator`; do not edit."


_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def _property_maps(node: Any) -> list[dict[str, Any]]:
    """Every ``properties`` mapping of the spec's schemas (not of its examples or extensions)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node["properties"])
        for key, value in node.items():
            if str(key) not in _DATA_KEYS and not str(key).startswith("x-"):
                found += _property_maps(value)
    elif isinstance(node, list):
        for item in node:
            found += _property_maps(item)
    return found


def _field_aliases(data: dict[str, Any], models: tuple[naming.ModelName, ...]) -> dict[str, str]:
    """Python field names for the model generator: one per wire name, scoped where a schema needs its own."""
    names = {str(n) for props in _property_maps(data) for n in props}
    aliases = {name: naming.field_name(name) for name in sorted(names)}
    schemas = (data.get("components") or {}).get("schemas") or {}
    for model in models:
        props = schemas.get(model.schema, {}).get("properties") if isinstance(schemas.get(model.schema), dict) else None
        if isinstance(props, dict):
            for wire, py in naming.field_names(str(n) for n in props).items():
                if py != aliases.get(wire):
                    aliases[f"{model.class_name}.{wire}"] = py
    return aliases


def _class_names(models: tuple[naming.ModelName, ...]) -> tuple[dict[str, str], Callable[[str], str]]:
    """The registry as the model generator takes it: a name per schema path, and a namer for inline models.

    An inline model (a nested object, an enum) is named by ``naming.inline_class_name``
    from its parent's class and its own name, and never takes a component's name.
    """
    by_path = {f"#/components/schemas/{escape_pointer_token(m.schema)}": m.class_name for m in models}
    reserved = frozenset(by_path.values())

    def inline(name: str) -> str:
        from datamodel_code_generator.reference import get_singular_name  # only ever called inside its run

        return naming.inline_class_name(name, reserved, get_singular_name)

    return by_path, inline


def _declare_required(node: Any) -> Any:
    """Give every required-but-undeclared property an any-value schema.

    JSON Schema allows ``required`` to name a property that ``properties``
    does not describe; datamodel-code-generator would drop it, and the model
    would then accept a request the server refuses.
    """
    if isinstance(node, dict):
        props, required = node.get("properties"), node.get("required")
        if (
            isinstance(props, dict)
            and isinstance(required, list)
            and not any(k in node for k in ("allOf", "anyOf", "oneOf"))
        ):
            for name in required:
                if isinstance(name, str) and name not in props:
                    props[name] = {}
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum", "const") and not str(key).startswith("x-"):
                _declare_required(value)
    elif isinstance(node, list):
        for item in node:
            _declare_required(item)
    return node


_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_ONE = ("items", "not", "contains", "if", "then", "else", "propertyNames")


def _boolean_schemas(node: Any) -> Any:
    """3.1 boolean schemas as the model generator reads them: ``true`` is ``{}``, ``false`` only null.

    The model generator ignores ``not``, so ``false`` would become "any value"; as ``type: null`` an
    optional field can only be left out (or be null), which is as close as a model field gets.

    ``additionalProperties: true/false`` keeps its boolean, which the generator understands.
    """

    def fix(value: Any) -> Any:
        if value is True:
            return {}
        if value is False:
            return {"type": "null"}
        return _boolean_schemas(value)

    if isinstance(node, list):
        return [_boolean_schemas(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA_KEYS or str(key).startswith("x-"):
            out[key] = value
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [fix(v) for v in value]
        elif key in _SUBSCHEMA_ONE or (key == "schema" and isinstance(value, bool)):
            out[key] = fix(value)
        elif key in ("properties", "patternProperties", "schemas", "$defs") and isinstance(value, dict):
            out[key] = {k: fix(v) for k, v in value.items()}
        else:
            out[key] = _boolean_schemas(value)
    return out


_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _int_ranges(node: Any) -> Any:
    """``format: int32`` / ``int64`` as bounds the models check (the model generator ignores the format)."""
    if isinstance(node, list):
        for item in node:
            _int_ranges(item)
    elif isinstance(node, dict):
        bounds = _INT_RANGES.get(str(node.get("format"))) if node.get("type") == "integer" else None
        if bounds:
            node.setdefault("minimum", bounds[0])
            node.setdefault("maximum", bounds[1])
        for key, value in node.items():
            if key not in _DATA_KEYS and not str(key).startswith("x-"):
                _int_ranges(value)
    return node


_SCHEMA_PATH = re.compile(r"schema path '#(/[^']*)'")


def _rejected(doc: Document, exc: Exception) -> GeneratorError:
    """The model generator refused the spec: a located error, never an internal one."""
    message = " ".join(str(exc).split()) or exc.__class__.__name__
    match = _SCHEMA_PATH.search(message)
    ptr = match.group(1) if match else "/components/schemas"
    return GeneratorError([doc.diag(ptr, f"datamodel-code-generator cannot generate models: {message[:300]}")])


def _generate(
    source: str,
    models: tuple[naming.ModelName, ...],
    aliases: dict[str, str],
    bases: dict[str, str],
) -> str:
    """One call of the model generator with our names and options (its models defer building).

    Runs in a background process (``generator.background``), so it takes and
    returns plain data; a spec it refuses raises, and is reported by the parent.
    """
    import datamodel_code_generator

    dcg: Any = datamodel_code_generator  # its typing of these options is looser than its runtime
    by_path, inline = _class_names(models)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = str(
            dcg.generate(
                source,
                input_file_type=dcg.InputFileType.OpenAPI,
                output_model_type=dcg.DataModelType.PydanticV2BaseModel,
                target_python_version=dcg.PythonVersion.PY_310,
                model_name_map=by_path,
                custom_class_name_generator=inline,
                naming_strategy=dcg.NamingStrategy.ParentPrefixed,
                aliases=aliases,
                snake_case_field=True,
                capitalise_enum_members=True,
                use_annotated=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_schema_description=True,
                use_field_description=True,
                allow_population_by_field_name=True,
                allow_extra_fields=True,
                type_mappings=["string+uri=string", "string+email=string", "string+idn-email=string"],
                disable_timestamp=True,
                custom_file_header=HEADER,
                formatters=[],  # black runs once, over the whole package, in fmt
                base_class_map=bases or None,
            )
        )
    return _defer_build(text)


_CONFIG = re.compile(r"^(    model_config = ConfigDict\(\n)", re.MULTILINE)


def _defer_build(text: str) -> str:
    """Build each model's validator on first use, not at import: a command validates one request model.

    Every model datamodel-code-generator writes for us has a ``model_config``
    (extra fields and population by name are switched on); a test checks that
    each one defers.
    """
    return _CONFIG.sub(r"\1        defer_build=True,\n", text)


def _open_enums(text: str) -> str:
    """Make every generated enum open (the model generator has no option for it): runtime/open_enum.py."""
    if "(Enum):" not in text:
        return text
    text = re.sub(r"^(class \w+)\(Enum\):", r"\1(OpenEnum):", text, flags=re.MULTILINE)
    text, found = re.subn(
        r"^from enum import .*\n", lambda m: m.group(0) + _OPEN_ENUM_IMPORT, text, count=1, flags=re.M
    )
    if not found:  # not the model generator's usual opening: black sorts out where this lands
        first = text.index("\nclass ")
        text = text[:first] + "\n" + _OPEN_ENUM_IMPORT + text[first:]
    return text


_OPEN_ENUM_IMPORT = "from .runtime.open_enum import OpenEnum\n"


def render_models(doc: Document, models: tuple[naming.ModelName, ...], bases: dict[str, str] | None = None) -> str:
    """The text of models.py for the spec's component schemas, with the classes the IR names.

    ``bases`` maps a class name to the dotted path of its base class (instead of BaseModel).
    """
    with ModelsJob(doc, models, bases) as job:
        return job.result()


# Stands for a description while datamodel-code-generator runs; put back by ``_restore``.
_PLACEHOLDER = "Zq9Prose"
_SLOT = re.compile(r'"""\n( *)' + _PLACEHOLDER + r'(\d+)_\n\1"""')
# A description with none of these is written into its docstring as it is.
_NEEDS_ESCAPING = ("\\", '"""', "\0", "\n", "\r")


# A model generator's process started early (``prewarm``), waiting for ModelsJob's call.
_WARM: contextvars.ContextVar[Warm | None] = contextvars.ContextVar("models_warm", default=None)
_WARM_MODULES = (
    "generator.models",
    "datamodel_code_generator",
    "datamodel_code_generator.parser.openapi",
    "datamodel_code_generator.model.pydantic_v2",
)


@contextlib.contextmanager
def prewarm(doc: Document) -> Iterator[None]:
    """Start datamodel-code-generator's process now, importing, if this run will likely need it.

    Likely means: no cache, or no cached result for this spec's schemas with
    any prose (a hint only: a wrong guess costs a process that imported in
    vain, never a different output). Within the block, ModelsJob hands its
    call to that process instead of starting one.
    """
    if not (doc.data.get("components") or {}).get("schemas"):
        yield
        return
    store = cache.current()
    hint = ""
    if store.root is not None:
        spec = {k: v for k, v in doc.data.items() if k != "paths"}
        hint = cache.digest("models-hint", cache.generator_version(), repr(replace_prose(spec, lambda _: "")))
    known = bool(hint) and store.get("models-hint", hint) is not None
    warm = None
    if not known:
        from generator import background  # only here: a run served by the cache starts no process

        warm = background.Warm(*_WARM_MODULES)
    token = _WARM.set(warm)
    try:
        yield
    finally:
        _WARM.reset(token)
        if warm is not None:
            warm.close()
        if hint and not known:
            store.put("models-hint", hint, b"")


class ModelsJob:
    """models.py, with datamodel-code-generator started at once in the background and joined by ``result``.

    The model generator sees the spec without its paths and with every
    description replaced by a numbered placeholder, which its docstrings then
    hold; we put the descriptions back, escaped and indented as it does. Its
    result is cached by that input, the class names, the bases, its version
    and the generator's, so an edit of a description never reruns it. Should
    a placeholder land anywhere but a docstring, the model generator reruns on
    the spec as written: the output is the same either way.
    """

    def __init__(self, doc: Document, models: tuple[naming.ModelName, ...], bases: dict[str, str] | None) -> None:
        self.doc = doc
        self.models = models
        self.base_map = dict(sorted((bases or {}).items()))
        self.text: str | None = None
        self.job: Job[str] | None = None
        self.prose: list[str] = []
        schemas = (doc.data.get("components") or {}).get("schemas")
        if not schemas:
            self.text = f'{HEADER}\n\n"""This spec defines no component schemas."""\n'
            return
        self.spec = {k: v for k, v in doc.data.items() if k != "paths"}
        self.spec["paths"] = {}
        self.placed = 0
        source = _source(self.spec, self._placeholder)
        if source.count(_PLACEHOLDER) != self.placed:  # the spec's own text holds it: no placeholders then
            self.prose = []
            source = _source(self.spec, lambda text: text)
        self.source = source
        self.raw = self._start(source)

    def _placeholder(self, text: str) -> str:
        if not text.strip():
            return text  # no docstring at all: keep it as it is
        self.placed += 1
        try:
            index = self.prose.index(text)
        except ValueError:
            index = len(self.prose)
            self.prose.append(text)
        return f"{_PLACEHOLDER}{index}_"

    def _key(self, source: str) -> str:
        names = [[m.schema, m.class_name] for m in self.models]
        version = cache.tool_version("datamodel-code-generator")
        return cache.digest(
            "models", cache.generator_version(), version, source, json.dumps(self.base_map), json.dumps(names)
        )

    def _start(self, source: str) -> str | None:
        """The cached text for ``source``, or None with the model generator started on it."""
        hit = cache.current().get_text("models", self._key(source))
        if hit is None:
            aliases = _field_aliases(self.doc.data, self.models)
            from generator.background import Job

            self.job = Job(_generate, source, self.models, aliases, self.base_map, warm=_WARM.get())
        return hit

    def _join(self, source: str) -> str:
        raw = self.raw
        if raw is None:
            assert self.job is not None
            try:
                raw = self.job.result()
            except Exception as exc:
                import datamodel_code_generator as dcg

                refused = (dcg.Error, ValueError, TypeError, KeyError, AttributeError, RecursionError)
                if isinstance(exc, refused):
                    raise _rejected(self.doc, exc) from None
                raise
            finally:
                self.job.__exit__()
                self.job = None
            cache.current().put_text("models", self._key(source), raw)
        return raw

    def result(self) -> str:
        if self.text is not None:
            return self.text
        raw = self._join(self.source)
        text = _restore(raw, self.prose) if self.prose else raw
        if text is None:  # a description went somewhere else than a docstring: run on the spec as written
            self.source = _source(self.spec, lambda text: text)
            self.prose = []
            self.raw = self._start(self.source)
            text = self._join(self.source)
        self.text = _checked(self.doc, self.models, _open_enums(text))
        return self.text

    def __enter__(self) -> ModelsJob:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.job is not None:
            self.job.__exit__()
            self.job = None


def _source(spec: dict[str, Any], prose: Callable[[str], str]) -> str:
    """The model generator's input: our spec, its prose passed through ``prose``, adjusted (see above)."""
    return json.dumps(_int_ranges(_boolean_schemas(_declare_required(replace_prose(spec, prose)))))


def _restore(text: str, prose: list[str]) -> str | None:
    """``text`` with each placeholder docstring holding its description again; None if one is left elsewhere."""

    def put(match: re.Match[str]) -> str:
        indent, value = match.group(1), prose[int(match.group(2))]
        if not any(c in value for c in _NEEDS_ESCAPING):
            return f'"""\n{indent}{value}\n{indent}"""'
        from datamodel_code_generator._python_syntax import format_docstring  # its own escaping and layout

        return str(format_docstring(value, len(indent)))

    try:
        out = _SLOT.sub(put, text)
    except (ImportError, IndexError):
        return None
    return None if _PLACEHOLDER in out else out


def _checked(doc: Document, models: tuple[naming.ModelName, ...], text: str) -> str:
    """``text``, once each class the IR names is known to be in it."""
    missing = [m for m in models if f"class {m.class_name}(" not in text]
    if missing:  # the IR would point at a class that is not there: stop rather than miscompile
        raise GeneratorError(
            [
                doc.diag(
                    f"/components/schemas/{escape_pointer_token(m.schema)}",
                    f"no model class {m.class_name} was generated for this schema",
                )
                for m in missing
            ]
        )
    return text
