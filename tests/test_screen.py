"""generator/screen.py: jsonschema-rs may only ever spare a Python check, never change a verdict or an error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS31Validator
from openapi_schema_validator._format import oas31_format_checker
from openapi_spec_validator.schemas import schema_v30, schema_v31
from openapi_spec_validator.schemas.backend.jsonschema import create_validator

from generator import screen, validate
from generator.diagnostics import GeneratorError
from generator.load import load

SPECS = Path(__file__).parent / "specs"


def _python_meta_ok(schema: Any) -> bool:
    """openapi-spec-validator's own 3.1 meta-schema check (keywords.OpenAPIV31SchemaValidator)."""
    try:
        OAS31Validator.check_schema(schema, format_checker=oas31_format_checker)
    except Exception:
        return False
    return True


def _doc(version: str) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/items/{id}": {
                "get": {
                    "operationId": "getItem",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}}}},
    }


def test_the_screen_is_on_in_the_project_environment() -> None:
    # jsonschema-rs is a pinned dependency: without it every check below would pass by running Python only.
    assert screen.enabled()


# Schemas an author might write, right and wrong: the places where the two engines could differ
# (regex dialects, formats, numbers, booleans as schemas, 3.0 habits in a 3.1 document).
_PATTERNS = st.sampled_from(["^a+$", r"\p{L}", "(?<name>a)", "(?P<name>a)", "[", r"\d{2,}", "a{,3}", r"(?i)x", ""])
_LEAVES = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "number", "null", "strin", "object"])}),
    st.fixed_dictionaries({"type": st.just("string"), "pattern": _PATTERNS}),
    st.fixed_dictionaries({"format": st.sampled_from(["date", "uuid", "int32", "regex", "weird"])}),
    st.fixed_dictionaries({"exclusiveMinimum": st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False))}),
    st.fixed_dictionaries({"minLength": st.one_of(st.integers(-2, 3), st.floats(0, 2), st.text(max_size=2))}),
    st.fixed_dictionaries({"$ref": st.sampled_from(["#/components/schemas/Item", "x y", "#/a%20b", ""])}),
    st.fixed_dictionaries({"nullable": st.booleans()}),
    st.fixed_dictionaries(
        {"discriminator": st.fixed_dictionaries({"propertyName": st.one_of(st.text(max_size=3), st.integers())})}
    ),
    st.fixed_dictionaries({"$anchor": st.sampled_from(["ok", "1bad", "a b"])}),
    st.fixed_dictionaries({"enum": st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=2)), max_size=3)}),
    st.booleans(),
)
_SCHEMAS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.fixed_dictionaries({"properties": st.dictionaries(st.sampled_from(["a", "b", "$c"]), inner, max_size=2)}),
        st.fixed_dictionaries({"allOf": st.lists(inner, max_size=2)}),
        st.fixed_dictionaries({"oneOf": st.lists(inner, max_size=2)}),
        st.fixed_dictionaries({"items": inner}),
        st.fixed_dictionaries({"additionalProperties": inner}),
        st.fixed_dictionaries({"type": st.lists(st.sampled_from(["string", "null", "bogus"]), max_size=2)}),
        st.builds(lambda a, b: {**a, **b} if isinstance(a, dict) and isinstance(b, dict) else a, inner, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(_SCHEMAS)
def test_the_meta_screen_never_passes_a_schema_python_rejects(schema: Any) -> None:
    fast = screen._says_valid(screen._meta_screen_31(), schema)
    assert not fast or _python_meta_ok(schema), schema


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "pattern": r"\p{L}"},  # ECMA regex takes it, Python's re does not
        {"type": "string", "pattern": "(?<name>a)"},  # likewise
        {"exclusiveMinimum": True},  # 3.0's boolean form
        {"type": "strin"},
        {"properties": {"a": {"type": 5}}},
    ],
)
def test_what_python_rejects_the_screen_does_not_pass(schema: Any) -> None:
    assert not _python_meta_ok(schema)
    assert not screen._says_valid(screen._meta_screen_31(), schema)


def test_formats_python_does_not_assert_are_not_asserted_by_the_screen() -> None:
    # "uri-reference" has no function in the 3.1 checker: a $id that is no URI reference passes both.
    schema = {"$id": "not a uri\\", "type": "string"}
    assert _python_meta_ok(schema)
    assert screen._says_valid(screen._meta_screen_31(), schema)


def test_values_jsonschema_rs_cannot_take_leave_the_verdict_to_python() -> None:
    assert screen._says_valid(screen._meta_screen_31(), {"properties": {1: {}}}) is False
    assert screen._says_valid(screen._meta_screen_31(), {"type": {"string"}}) is False
    assert not _python_meta_ok({"type": {"string"}})
    # where the value is data nothing constrains, both pass it
    assert screen._says_valid(screen._meta_screen_31(), {"default": {1, 2}}) is _python_meta_ok({"default": {1, 2}})


def _mutations(version: str) -> list[dict[str, Any]]:
    out = []
    for edit in (
        lambda d: d["info"].update(bogus=1),
        lambda d: d["paths"]["/items/{id}"]["get"].update(responses=5),
        lambda d: d.update(paths=[]),
        lambda d: d["components"]["schemas"].update({"bad name!": {}}),
        lambda d: d["paths"]["/items/{id}"]["get"]["parameters"][0].update({"in": "body"}),
        lambda d: d["info"].pop("title"),
        lambda d: None,
    ):
        doc = _doc(version)
        edit(doc)
        out.append(doc)
    return out


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_document_errors_are_python_jsonschemas_own(version: str) -> None:
    python = create_validator(dict(schema_v31 if version.startswith("3.1") else schema_v30))
    screened = screen.spec_validator({"openapi": version}).schema_validator
    for doc in _mutations(version):
        want = [(list(e.absolute_path), e.message) for e in python.iter_errors(doc)]
        got = [(list(e.absolute_path), e.message) for e in screened.iter_errors(copy.deepcopy(doc))]
        assert got == want, doc


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_clean_document_never_reaches_python(version: str, monkeypatch: pytest.MonkeyPatch) -> None:
    validator_cls = screen.spec_validator({"openapi": version})
    real = validator_cls.schema_validator.python
    called = []

    class Spy:
        def iter_errors(self, instance: Any) -> Any:
            called.append(1)
            return real.iter_errors(instance)

    monkeypatch.setattr(validator_cls.schema_validator, "python", Spy())
    assert list(validator_cls(_doc(version)).iter_errors()) == []
    assert called == []
    broken = _doc(version)
    broken["info"]["bogus"] = 1
    assert len(list(validator_cls(broken).iter_errors())) == 1
    assert called == [1]  # a doubt goes to Python


def test_a_clean_31_schema_skips_pythons_meta_check(monkeypatch: pytest.MonkeyPatch) -> None:
    called = []
    real = screen._python_meta_errors
    monkeypatch.setattr(screen, "_python_meta_errors", lambda *a: called.append(1) or real(*a))
    doc = _doc("3.1.0")
    doc["components"]["schemas"]["Bad"] = {"type": "string", "pattern": r"\p{L}"}
    errors = list(screen.spec_validator(doc)(doc).iter_errors())
    assert len(called) == 1  # only the schema the screen doubted
    assert any("is not a 'regex'" in str(e) for e in errors)


def test_without_jsonschema_rs_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = load(SPECS / "cover" / "boolean_schemas_31.yaml")
    doc.data["components"].setdefault("schemas", {})["Bad"] = {"type": "string", "pattern": "(?<x>a)"}
    with pytest.raises(GeneratorError) as fast:
        validate.validate(doc)
    monkeypatch.setattr(screen, "_rust", lambda: None)
    screen._classes.cache_clear()
    try:
        assert not screen.enabled()
        with pytest.raises(GeneratorError) as slow:
            validate.validate(doc)
    finally:
        monkeypatch.undo()
        screen._classes.cache_clear()
    assert [str(d) for d in fast.value.diagnostics] == [str(d) for d in slow.value.diagnostics]
    assert any("regex" in str(d) for d in fast.value.diagnostics)


_TWO_FAULTS = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Limits"}
components:
  schemas:
    Limits:
      type: object
      properties:
        alpha: {type: number, exclusiveMinimum: true}
        beta: {type: number, exclusiveMinimum: true}
        gamma: {type: number, exclusiveMaximum: true}
        delta: {oneOf: [{type: string}, {type: number, exclusiveMinimum: true}]}
"""


def test_which_error_a_schema_gets_does_not_depend_on_string_hashing(tmp_path: Path) -> None:
    # Upstream reports python-jsonschema's first error, whose order follows PYTHONHASHSEED.
    import os
    import subprocess
    import sys

    spec = tmp_path / "two.yaml"
    spec.write_text(_TWO_FAULTS, encoding="utf-8")
    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        run = subprocess.run(
            [sys.executable, "-m", "generator", "check", "--spec", str(spec), "--no-cache", "--no-daemon"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).parent.parent,
        )
        assert run.returncode == 2, run.stderr
        seen.add(run.stderr)
    assert len(seen) == 1, seen
    assert "#/components/schemas/Limits/properties/alpha/exclusiveMinimum" in seen.pop()
