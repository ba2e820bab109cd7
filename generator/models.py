"""Pydantic v2 models through datamodel-code-generator, named by our naming module.

We pass our own class-name function and a complete field alias table so the
models, the client and the CLI cannot disagree about a name.
"""

from __future__ import annotations

import copy
import json
import re
import warnings
from typing import Any

from generator import cache, naming
from generator.load import Document

HEADER = "# Generated from the OpenAPI spec by `python -m generator`; do not edit."


def _field_aliases(data: dict[str, Any]) -> dict[str, str]:
    names: set[str] = set()
    for schema in ((data.get("components") or {}).get("schemas") or {}).values():
        if isinstance(schema, dict):
            names.update((schema.get("properties") or {}).keys())
    return {name: naming.field_name(name) for name in sorted(names)}


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


def render_models(doc: Document, bases: dict[str, str] | None = None) -> str:
    """The text of models.py for the spec's component schemas (unformatted: fmt runs black).

    ``bases`` maps a class name to the dotted path of its base class (instead of BaseModel).
    datamodel-code-generator runs only when its input changed: its result is
    cached by the spec without its paths, the bases, its version and the generator's.
    """
    schemas = (doc.data.get("components") or {}).get("schemas")
    if not schemas:
        return f'{HEADER}\n\n"""This spec defines no component schemas."""\n'
    spec = {k: v for k, v in doc.data.items() if k != "paths"}
    spec["paths"] = {}
    spec = _declare_required(copy.deepcopy(spec))
    source = json.dumps(spec)
    store = cache.current()
    base_map = dict(sorted((bases or {}).items()))
    key = cache.digest(
        "models",
        cache.generator_version(),
        cache.tool_version("datamodel-code-generator"),
        source,
        json.dumps(base_map),
    )
    text = store.get_text("models", key)
    if text is None:
        text = _generate(source, doc.data, base_map)
        store.put_text("models", key, text)
    return text


def _generate(source: str, data: dict[str, Any], bases: dict[str, str]) -> str:
    import datamodel_code_generator as dcg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = dcg.generate(
            source,
            input_file_type=dcg.InputFileType.OpenAPI,
            output_model_type=dcg.DataModelType.PydanticV2BaseModel,
            target_python_version=dcg.PythonVersion.PY_310,
            custom_class_name_generator=naming.class_name,
            aliases=_field_aliases(data),
            snake_case_field=True,
            capitalise_enum_members=True,
            use_annotated=True,
            use_standard_collections=True,
            use_union_operator=True,
            use_schema_description=True,
            use_field_description=True,
            allow_population_by_field_name=True,
            allow_extra_fields=True,
            type_mappings=["string+uri=string"],
            disable_timestamp=True,
            custom_file_header=HEADER,
            formatters=[],  # black runs once, over the whole package, in fmt
            base_class_map=bases or None,
        )
    return _defer_build(str(text))


_CONFIG = re.compile(r"^(    model_config = ConfigDict\(\n)", re.MULTILINE)


def _defer_build(text: str) -> str:
    """Build each model's validator on first use, not at import: a command validates one request model.

    Every model datamodel-code-generator writes for us has a ``model_config``
    (extra fields and population by name are switched on); a test checks that
    each one defers.
    """
    return _CONFIG.sub(r"\1        defer_build=True,\n", text)
