"""Pydantic v2 models through datamodel-code-generator, named by our naming module.

We pass our own class-name function and a complete field alias table so the
models, the client and the CLI cannot disagree about a name.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import json
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import cache, model_units, naming
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


def _class_names(models: tuple[naming.ModelName, ...]) -> tuple[dict[str, str], Callable[[str], str]]:
    """The registry as the model generator takes it: a name per schema path, and a namer for inline models.

    An inline model (a nested object, an enum) is named by ``naming.inline_class_name``
    from its parent's class and its own name, and never takes a component's name.
    """
    by_path = {model_units.schema_path(m.schema): m.class_name for m in models}
    reserved = frozenset(by_path.values())

    def inline(name: str) -> str:
        return naming.inline_class_name(name, reserved)

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


_DATA = frozenset({"example", "examples", "default", "enum", "const"})  # values, never schemas
_ALIAS_CLASH = re.compile(r"Alias '[^']*' for field '([^']*)' conflicts with another field")


def _rejected(doc: Document, exc: Exception) -> GeneratorError:
    """The model generator refused the spec: a located error, never an internal one."""
    message = " ".join(str(exc).split()) or exc.__class__.__name__
    clash = _ALIAS_CLASH.search(message)
    found = _same_field(doc, clash.group(1)) if clash else []
    if found:
        return GeneratorError(
            [
                doc.diag(
                    f"{ptr}/properties/{escape_pointer_token(other)}",
                    f"properties {other!r} and {name!r} of this inline object would both be the Python field "
                    f"{naming.field_name(other)}; rename one with an --overlay (a component schema keeps both)",
                )
                for ptr, name, other in found
            ]
        )
    match = _SCHEMA_PATH.search(message)
    ptr = match.group(1) if match else "/components/schemas"
    return GeneratorError([doc.diag(ptr, f"datamodel-code-generator cannot generate models: {message[:300]}")])


def _same_field(doc: Document, name: str) -> list[tuple[str, str, str]]:
    """(pointer, ``name``, other) for each object under the components' schemas that has ``name`` and
    another property of the same Python field name: what the model generator's alias clash is about."""
    found = []
    stack: list[tuple[str, Any]] = [("/components/schemas", (doc.data.get("components") or {}).get("schemas"))]
    while stack:
        ptr, node = stack.pop()
        if isinstance(node, list):
            stack += [(f"{ptr}/{i}", v) for i, v in enumerate(node)]
            continue
        if not isinstance(node, dict):
            continue
        props = node.get("properties")
        if isinstance(props, dict) and name in props:
            field = naming.field_name(name)
            found += [(ptr, name, str(k)) for k in props if k != name and naming.field_name(str(k)) == field]
        stack += [(f"{ptr}/{escape_pointer_token(str(k))}", v) for k, v in node.items() if k not in _DATA]
    return sorted(found)


def _generate(
    source: str,
    models: tuple[naming.ModelName, ...],
    aliases: dict[str, str],
    bases: dict[str, str],
    components: frozenset[str] = frozenset(),
) -> tuple[str, list[str]]:
    """One call of the model generator with our names and options (its models defer building).

    ``models`` are the schemas of ``source``; ``components`` every component
    class of the spec, which no inline class may take. Returns the text and
    every class name our namer gave out (see ``model_units.split``).

    Runs in a background process (``generator.background``), so it takes and
    returns plain data; a spec it refuses raises, and is reported by the parent.
    """
    import datamodel_code_generator
    from datamodel_code_generator.reference import get_singular_name

    dcg: Any = datamodel_code_generator  # its typing of these options is looser than its runtime
    by_path, _ = _class_names(models)
    reserved = components | frozenset(by_path.values())
    issued: list[str] = []

    def inline(name: str) -> str:
        given = naming.inline_class_name(name, reserved, get_singular_name)
        issued.extend((given, get_singular_name(given)))
        return given

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
    return _defer_build(text), sorted(set(issued))


# One call's result: its text, the class names our namer gave out, and its units (None if it cannot be
# cut into units; absent when not yet cut, as for a whole run served from the cache).
Run = tuple[str, list[str], "dict[str, model_units.Unit] | None", bool]
# One call's arguments: the model generator's input, its models, aliases, base classes and every component class.
Call = tuple[str, "tuple[naming.ModelName, ...]", "dict[str, str]", "dict[str, str]", "frozenset[str]"]


def _generate_units(
    source: str,
    models: tuple[naming.ModelName, ...],
    aliases: dict[str, str],
    bases: dict[str, str],
    components: frozenset[str],
) -> Run:
    """``_generate``, and its output cut into units in the same process (off the parent's path)."""
    text, issued = _generate(source, models, aliases, bases, components)
    return text, issued, _split(text, issued, {m.schema: m.class_name for m in models}), True


def _generate_batches(calls: list[Call]) -> Run:
    """``_generate_units`` on each call in turn: the units of them all, or None where any is not clear-cut.

    A schema read by several calls must come out of each the same, or its
    units are not what a run on the whole spec would give.
    """
    units: dict[str, model_units.Unit] = {}
    for index, call in enumerate(calls):
        if index:
            gc.collect()  # the previous run's cycles, freed before this one needs the memory
        _, _, found, _ = _generate_units(*call)
        if found is None or any(units.setdefault(name, unit) != unit for name, unit in found.items()):
            return "", [], None, True
    return "", [], units, True


def _split(text: str, issued: list[str], classes: dict[str, str]) -> dict[str, model_units.Unit] | None:
    out = model_units.read(text)
    return None if out is None else model_units.split(out, classes, frozenset(issued))


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
    last = re.search(
        r"^from (?!__future__).*\n(?!from )", text, flags=re.MULTILINE
    )  # the end of the imports: ours goes last
    if last is None:  # no imports at all: black sorts out where this lands
        first = text.index("\nclass ")
        return text[:first] + "\n" + _OPEN_ENUM_IMPORT + text[first:]
    return text[: last.end()] + _OPEN_ENUM_IMPORT + text[last.end() :]


_OPEN_ENUM_IMPORT = "from .runtime.open_enum import OpenEnum\n"


def render_models(doc: Document, models: tuple[naming.ModelName, ...], bases: dict[str, str] | None = None) -> str:
    """The text of models.py for the spec's component schemas, with the classes the IR names.

    ``bases`` maps a class name to the dotted path of its base class (instead of BaseModel).
    """
    with ModelsJob(doc, models, bases) as job:
        return job.result()


# Stands for a description while datamodel-code-generator runs; put back by ``_restore``. The token
# after it names the schema (a digest of its name) and the description's place among that schema's,
# so a unit's input and output never depend on descriptions elsewhere in the spec.
_PLACEHOLDER = "Zq9Prose"
_SLOT = re.compile(r'"""\n( *)' + _PLACEHOLDER + r"([0-9a-z]+)_\n\1" + '"""')
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


# Cache stages: a unit's classes, and one whole run of the model generator (text and names given out).
UNIT_STAGE = "models"
RUN_STAGE = "models-run"
# The most schema text (in bytes, as the model generator reads it) one of its runs reads when the spec
# can be cut into units: its memory grows with its input, about 25 MB for Authlete's 145 kB of schemas.
RUN_BYTES = 64_000


class ModelsJob:
    """models.py, with datamodel-code-generator started at once in the background and joined by ``result``.

    The model generator sees the spec's component schemas with every
    description replaced by a placeholder, which its docstrings then hold; we
    put the descriptions back, escaped and indented as it does, so an edit of a
    description never reruns it. Its output is kept as one unit per schema
    (``model_units``), each cached under a digest of what its text depends on:
    a first run gives every unit from one call on the whole spec (from runs of
    at most ``RUN_BYTES`` each, in one process, where the spec is larger), a
    later run calls it only on the schemas of the units the cache lacks, and models.py is
    composed from the units the same way either way. Should a unit's text not
    be clearly its own, the model generator's output for the whole spec is
    used as it is; should a placeholder land anywhere but a docstring, it
    reruns on the spec as written. The output is the same either way.
    """

    def __init__(
        self,
        doc: Document,
        models: tuple[naming.ModelName, ...],
        bases: dict[str, str] | None,
        *,
        placeholders: bool = True,
    ) -> None:
        """``placeholders=False`` shows the model generator the descriptions as written (tests compare both)."""
        self.doc = doc
        self.models = models
        self.base_map = dict(sorted((bases or {}).items()))
        self.text: str | None = None
        self.job: Job[Run] | None = None
        self.running: tuple[str, ...] = ()  # the schemas of the call in progress
        self.batched = False  # that call is several runs (``_run_batches``)
        self.runs: list[tuple[str, ...]] = []  # the schemas of each call made (for tests and the curious)
        self.prose: dict[str, str] = {}
        schemas = (doc.data.get("components") or {}).get("schemas")
        if not schemas:
            self.text = f'{HEADER}\n\n"""This spec defines no component schemas."""\n'
            return
        self.schemas: dict[str, Any] = {str(k): v for k, v in schemas.items()}
        self.order = tuple(self.schemas)
        self.by_schema = {m.schema: m for m in models}
        self.components = frozenset(m.class_name for m in models)
        self.openapi = json.dumps(doc.data.get("openapi"))
        self.sources = self._prepare(placeholders)
        refs = {name: p.refs for name, p in self.prepared.items()}
        self.closure = model_units.closures(refs) if set(self.order) <= set(self.by_schema) else None
        self.units: dict[str, model_units.Unit | None] = {}
        self.keys: dict[str, str] = {}
        self.whole: Run | None = None
        self._start()

    # ---- the model generator's input

    def _prepare(self, placeholders: bool) -> dict[str, str]:
        """Each schema as the model generator reads it (see ``_prepared``), its prose as placeholders or not."""
        self.prepared = {name: _prepare_schema(name, self.schemas[name], placeholders) for name in self.order}
        if placeholders and not all(p.clean for p in self.prepared.values()):
            return self._prepare(placeholders=False)  # the spec's own text holds the placeholder word
        self.prose = {token: text for p in self.prepared.values() for token, text in p.prose}
        if len(self.prose) != sum(len(p.prose) for p in self.prepared.values()):
            return self._prepare(placeholders=False)  # two schemas' tags met: tokens would not say whose
        return {name: p.source for name, p in self.prepared.items()}

    def _aliases(self, names: tuple[str, ...]) -> dict[str, str]:
        """Python field names for the model generator: one per wire name, scoped where a schema needs its own.

        Only those of ``names``, the schemas of one call (they follow from the schemas' sources).
        """
        aliases = {p: naming.field_name(p) for p in sorted({p for n in names for p in self.prepared[n].properties})}
        for n in names:
            model = self.by_schema.get(n)
            if model is not None and self.prepared[n].own_fields:
                for wire, py in naming.field_names(self.prepared[n].own_fields).items():
                    if py != aliases.get(wire):
                        aliases[f"{model.class_name}.{wire}"] = py
        return aliases

    def _input(self, names: tuple[str, ...]) -> str:
        """The document the model generator reads for ``names``: our schemas and the OpenAPI version only."""
        schemas = ", ".join(f"{json.dumps(n)}: {self.sources[n]}" for n in names)
        return f'{{"openapi": {self.openapi}, "info": {{"title": "models", "version": "0"}}, "paths": {{}}, "components": {{"schemas": {{{schemas}}}}}}}'

    # ---- running it

    def _start(self) -> None:
        """Take what the cache has; start the model generator on what it lacks."""
        store = cache.current()
        self.units = dict.fromkeys(self.order)
        if self.closure is None:  # no units to find: straight to the whole run
            self._run(self.order)
            return
        if store.root is not None:
            classes = {n: m.class_name for n, m in self.by_schema.items()}
            digests = {n: p.digest for n, p in self.prepared.items()}
            for name in self.order:
                self.keys[name] = model_units.unit_key(
                    name, self.closure[name], digests, classes, self.base_map, self.components, self.openapi
                )
                hit = store.get_text(UNIT_STAGE, self.keys[name])
                self.units[name] = model_units.Unit.load(hit) if hit is not None else None
        missing = [n for n, unit in self.units.items() if unit is None]
        if missing:
            sizes = {n: len(self.sources[n]) for n in self.order}
            plan = model_units.batches(missing, self.closure, sizes, RUN_BYTES if self._cuttable() else sys.maxsize)
            if len(plan) > 1:
                self._run_batches(plan)
            else:
                self._run(plan[0])

    def _cuttable(self) -> bool:
        """Whether a run may be cut into runs of bounded size: not where a discriminator is.

        A discriminator can leave an enum that no class uses, which
        ``model_units.split`` places by its name alone; in a spec whose class
        names start with one another (Anthropic's published spec) that fails, and
        the whole spec is run again after all. Such a spec is run at once from
        the start, as it was before runs were bounded.
        """
        return not any(p.refs and (p.refs.discriminates or p.refs.discriminated) for p in self.prepared.values())

    def _run_key(self, names: tuple[str, ...]) -> str:
        classes = [[n, self.by_schema[n].class_name] for n in names if n in self.by_schema]
        return cache.digest(
            RUN_STAGE,
            cache.generator_version(),
            cache.tool_version("datamodel-code-generator"),
            self._input(names),
            json.dumps(self.base_map),
            json.dumps(classes),
            json.dumps(sorted(self.components)),
        )

    def _run(self, names: tuple[str, ...]) -> None:
        """Start the model generator on ``names`` (served by the cache for a whole spec seen before)."""
        self.running, self.batched = names, False
        if names == self.order:
            hit = cache.current().get_text(RUN_STAGE, self._run_key(names))
            if hit is not None:
                data = json.loads(hit)
                self.whole = (str(data["text"]), [str(n) for n in data["issued"]], None, False)
                return
        from generator.background import Job

        self.runs.append(names)
        self.job = Job(_generate_units, *self._call(names), warm=_WARM.get())

    def _run_batches(self, plan: list[tuple[str, ...]]) -> None:
        """Start the model generator on each run of ``plan`` in turn, in one process (``model_units.batches``)."""
        from generator.background import Job

        wanted = {n for names in plan for n in names}
        self.running, self.batched = tuple(n for n in self.order if n in wanted), True
        self.runs.extend(plan)
        self.job = Job(_generate_batches, [self._call(names) for names in plan], warm=_WARM.get())

    def _call(self, names: tuple[str, ...]) -> Call:
        models = tuple(self.by_schema[n] for n in names if n in self.by_schema)
        return self._input(names), models, self._aliases(names), self.base_map, self.components

    def _whole_run(self) -> bool:
        return self.running == self.order and not self.batched

    def _join(self) -> Run:
        """The call in progress, or the whole spec's cached run; a spec the model generator refuses raises."""
        if self.job is None:
            assert self.whole is not None
            return self.whole
        try:
            result = self.job.result()
        except Exception as exc:
            import datamodel_code_generator as dcg

            refused = (dcg.Error, ValueError, TypeError, KeyError, AttributeError, RecursionError)
            if isinstance(exc, refused):
                if not self._whole_run():  # judged on the whole spec, as a first run would be
                    self.job.__exit__()
                    self.job = None
                    self._run(self.order)
                    return self._join()
                raise _rejected(self.doc, exc) from None
            raise
        finally:
            if self.job is not None:
                self.job.__exit__()
                self.job = None
        if self._whole_run():
            self.whole = result
            payload = json.dumps({"text": result[0], "issued": result[1]})  # its units are kept one by one
            cache.current().put_text(RUN_STAGE, self._run_key(self.order), payload)
        return result

    # ---- the result

    def _units_from(self, names: tuple[str, ...], run: Run) -> dict[str, model_units.Unit] | None:
        text, issued, units, cut = run
        return units if cut else _split(text, issued, {n: self.by_schema[n].class_name for n in names})

    def _composed(self) -> str | None:
        """models.py from the units (run the model generator on those the cache lacks); None: use a whole run."""
        if self.closure is None:
            return None
        missing = [n for n in self.order if self.units[n] is None]
        if missing and not self._whole_run():
            found = self._units_from(self.running, self._join())
            if found is not None and all(n in found for n in missing):
                self._keep({n: found[n] for n in missing})
                text = self._compose()
                if text is not None:
                    return text
            self._run(self.order)  # not clear-cut from a partial run: do what a first run does
        elif not missing:
            text = self._compose()
            if text is not None:
                return text
            self._run(self.order)
        found = self._units_from(self.order, self._join())
        if found is None:
            return None
        self._keep(found)
        return self._compose()

    def _keep(self, found: dict[str, model_units.Unit]) -> None:
        store = cache.current()
        for name, unit in found.items():
            self.units[name] = unit
            if name in self.keys:
                store.put_text(UNIT_STAGE, self.keys[name], unit.dump())

    def _compose(self) -> str | None:
        units = [self.units[n] for n in self.order]
        if any(u is None for u in units):
            return None
        first_party = frozenset(path.rpartition(".")[0] for path in self.base_map.values())
        return model_units.compose(HEADER, [u for u in units if u is not None], first_party)

    def result(self) -> str:
        if self.text is not None:
            return self.text
        text = self._composed() or self._join()[0]  # units, or else the whole spec's run as it came
        restored = _restore(text, self.prose) if self.prose else text
        if restored is None:  # a description went somewhere else than a docstring: run on the spec as written
            self.sources = self._prepare(placeholders=False)
            self.units, self.keys, self.whole = {}, {}, None
            self._start()
            restored = self._composed() or self._join()[0]
        self.text = _checked(self.doc, self.models, _open_enums(restored))
        return self.text

    def __enter__(self) -> ModelsJob:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.job is not None:
            self.job.__exit__()
            self.job = None


def _prepared(schema: Any, prose: Callable[[str], str], name: str) -> Any:
    """One component schema as the model generator reads it: prose through ``prose``, adjusted (see above)."""
    wrapped = _boolean_schemas({"schemas": {name: _declare_required(replace_prose(schema, prose))}})
    return _int_ranges(wrapped["schemas"][name])


@dataclass(frozen=True)
class _Schema:
    """One component schema, ready for the model generator, and what the keys and the call need of it."""

    source: str  # JSON, as the model generator reads it
    digest: str
    clean: bool  # no placeholder but ours in it
    prose: tuple[tuple[str, str], ...]  # placeholder token, description
    properties: tuple[str, ...]  # every property name in it, nested ones too
    own_fields: tuple[str, ...]  # its own properties
    refs: model_units.Refs | None


# Schemas prepared by this process (a long-lived one, like the generation server, meets them again).
_SCHEMAS: dict[tuple[str, bool, str], _Schema] = {}
_SCHEMAS_KEPT = 4096


def _prose_tag(name: str) -> str:
    """The part of a placeholder that names its schema."""
    return cache.digest("prose", name)[:10]


def _prepare_schema(name: str, schema: Any, placeholders: bool) -> _Schema:
    """``_Schema`` of one schema; each description becomes a placeholder named after the schema and its place."""
    key = (name, placeholders, json.dumps(schema))
    known = _SCHEMAS.get(key)
    if known is not None:
        return known
    tag = _prose_tag(name)
    tokens: dict[str, str] = {}
    placed: list[str] = []

    def placeholder(text: str) -> str:
        if not text.strip():
            return text  # no docstring at all: keep it as it is
        token = tokens.setdefault(text, f"{tag}x{len(tokens)}")
        placed.append(token)
        return f"{_PLACEHOLDER}{token}_"

    prepared = _prepared(schema, placeholder if placeholders else (lambda text: text), name)
    source = json.dumps(prepared)
    top = prepared.get("properties") if isinstance(prepared, dict) else None
    result = _Schema(
        source,
        cache.digest(source),
        source.count(_PLACEHOLDER) == len(placed),
        tuple((token, text) for text, token in tokens.items()),
        tuple(sorted({str(p) for props in _property_maps(prepared) for p in props})),
        tuple(str(p) for p in top) if isinstance(top, dict) else (),
        model_units.schema_refs(prepared),
    )
    if len(_SCHEMAS) >= _SCHEMAS_KEPT:
        _SCHEMAS.clear()
    _SCHEMAS[key] = result
    return result


def _restore(text: str, prose: dict[str, str]) -> str | None:
    """``text`` with each placeholder docstring holding its description again; None if one is left elsewhere."""

    def put(match: re.Match[str]) -> str:
        indent, value = match.group(1), prose[match.group(2)]
        if not any(c in value for c in _NEEDS_ESCAPING):
            return f'"""\n{indent}{value}\n{indent}"""'
        from datamodel_code_generator._python_syntax import format_docstring  # its own escaping and layout

        return str(format_docstring(value, len(indent)))

    try:
        out = _SLOT.sub(put, text)
    except (ImportError, KeyError):
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
