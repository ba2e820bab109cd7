"""openapi-spec-validator with a fast first pass: jsonschema-rs may say "valid", never anything else.

openapi-spec-validator makes two JSON Schema checks with python-jsonschema: the
document against the OpenAPI schema, and (3.1) each Schema Object against its
dialect's meta-schema. On a 3.1 document both resolve ``$dynamicRef`` at every
step, which is most of a cold generation of a large 3.1 spec (about 4 s of
Anthropic's 5). jsonschema-rs answers the same questions in milliseconds.

Its answer is trusted only when it is "valid": anything else, or jsonschema-rs
missing, runs the Python check, whose errors (with their context and location)
are the ones reported, so what a user reads never depends on the screen. A
screen that said "valid" where Python would not would hide an error; so the
Rust side asserts exactly the formats the Python checker asserts, with the
Python checker's own functions (a ``pattern`` that Python's ``re`` rejects is
rejected whatever ECMA regex allows), and the openapi-spec-validator versions
this was checked against are pinned in ``CHECKED_VERSIONS``. The verdicts are compared
on generated schemas in tests/test_screen.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from generator import cache

# openapi-spec-validator versions whose keyword checks this module was read against; with another,
# the screen steps aside and the plain validator runs.
CHECKED_VERSIONS = frozenset({"0.9.0"})


def spec_validator(data: Any) -> Any:
    """The openapi-spec-validator class for the document's OpenAPI version, screened when it can be."""
    version = str(data.get("openapi", "")) if isinstance(data, dict) else ""
    return _classes()["3.1" if version.startswith("3.1") else "3.0"]


def enabled() -> bool:
    """Whether the screen runs: jsonschema-rs importable, openapi-spec-validator a version read for it."""
    return _rust() is not None and cache.tool_version("openapi-spec-validator") in CHECKED_VERSIONS


@functools.cache
def _rust() -> Any:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs


class Screened:
    """A JSON Schema validator whose ``iter_errors`` asks jsonschema-rs first and Python only on a doubt."""

    def __init__(self, python: Any, fast: Any) -> None:
        self.python = python
        self.fast = fast
        self.schema = python.schema

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        if self.fast is not None and _says_valid(self.fast, instance):
            return iter(())
        return iter(self.python.iter_errors(instance))


def _says_valid(fast: Any, instance: Any) -> bool:
    """jsonschema-rs's verdict; False when it cannot read the value (a YAML date, a set), so Python decides."""
    try:
        return bool(fast.is_valid(instance))
    except Exception:  # a value type it does not take: not a verdict
        return False


@functools.cache
def _classes() -> dict[str, Any]:
    """Subclasses of the 3.0 and 3.1 validators with the screened checks, built once per process."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v30, schema_v31
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    # The python-jsonschema validators by name: with jsonschema-rs installed, openapi-spec-validator's own
    # default ("auto") would check with jsonschema-rs and lose where an error is.
    on = enabled()
    v30 = Screened(create_validator(dict(schema_v30)), _document_screen(dict(schema_v30)) if on else None)
    v31 = Screened(create_validator(dict(schema_v31)), _document_screen(dict(schema_v31)) if on else None)
    keywords31 = {**OpenAPIV31SpecValidator.keyword_validators, "schema": _schema_keyword_31(on)}
    return {
        "3.0": type("ScreenedOpenAPIV30SpecValidator", (OpenAPIV30SpecValidator,), {"schema_validator": v30}),
        "3.1": type(
            "ScreenedOpenAPIV31SpecValidator",
            (OpenAPIV31SpecValidator,),
            {"schema_validator": v31, "keyword_validators": keywords31},
        ),
    }


def _document_screen(schema: dict[str, Any]) -> Any:
    # The document check asserts no format (openapi-spec-validator passes no format checker).
    return _rust().validator_for(schema, validate_formats=False)


def _schema_keyword_31(screened: bool) -> type:
    """openapi-spec-validator's 3.1 Schema Object check: its meta-schema check screened, and its verdict stable.

    Upstream reports the first error python-jsonschema yields for a schema, and
    that order follows string hashing: the same spec got a different error per
    run (OpenAI's, one ``exclusiveMinimum: true`` or another). Every error is
    collected here and the first by place and message is the one reported.
    """
    from jsonschema.exceptions import SchemaError
    from openapi_schema_validator import OAS31_BASE_DIALECT_ID
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator

    class StableSchemaValidator(OpenAPIV31SchemaValidator):
        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            try:
                dialect = self._get_schema_dialect_id(schema, schema_value)
                checked = self._get_validator_class_for_dialect(dialect)
            except Exception:  # an unknown dialect: upstream says so in its words
                return super()._validate_schema_meta(schema, schema_value)
            if checked is None:
                return super()._validate_schema_meta(schema, schema_value)
            if screened and dialect == OAS31_BASE_DIALECT_ID and _says_valid(_meta_screen_31(), schema_value):
                return None
            errors = _python_meta_errors(checked, self.schema_validator_format_checker, schema_value)
            if not errors:
                return None
            first = min(errors, key=lambda e: (tuple(str(p) for p in e.absolute_path), e.message))
            return OpenAPIValidationError.create_from(SchemaError.create_from(first))

    return StableSchemaValidator


def _python_meta_errors(checked: Any, format_checker: Any, schema_value: Any) -> list[Any]:
    """Every error python-jsonschema finds in a Schema Object against its dialect's meta-schema."""
    from jsonschema.validators import validator_for
    from openapi_schema_validator._specifications import REGISTRY

    meta = checked.META_SCHEMA
    validator = validator_for(meta, default=checked)(meta, format_checker=format_checker, registry=REGISTRY)
    return list(validator.iter_errors(schema_value))


@functools.cache
def _meta_screen_31() -> Any:
    """jsonschema-rs over the OAS 3.1 base dialect's meta-schema, asserting formats as the Python check does.

    The Python check is ``check_schema`` with openapi-schema-validator's 3.1
    format checker: a format it has a function for is asserted by that very
    function, any other (``uri``, ``iri``...) is not asserted at all.
    """
    from openapi_schema_validator import OAS31Validator
    from openapi_schema_validator._format import oas31_format_checker
    from openapi_schema_validator._specifications import REGISTRY

    rust = _rust()
    registry = rust.Registry([(uri, REGISTRY.contents(uri)) for uri in REGISTRY])
    names: set[str] = set()
    for uri in REGISTRY:
        _formats_in(REGISTRY.contents(uri), names)
    asserted = oas31_format_checker.checkers
    formats = {name: _conforms(oas31_format_checker, name) if name in asserted else _anything for name in names}
    return rust.validator_for(OAS31Validator.META_SCHEMA, registry=registry, validate_formats=True, formats=formats)


def _conforms(checker: Any, name: str) -> Callable[[Any], bool]:
    return lambda value: bool(checker.conforms(value, name))


def _anything(value: Any) -> bool:
    return True


def _formats_in(node: Any, out: set[str]) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "format" and isinstance(value, str):
                out.add(value)
            _formats_in(value, out)
    elif isinstance(node, list):
        for value in node:
            _formats_in(value, out)
