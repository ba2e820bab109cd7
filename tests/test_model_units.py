"""models.py from per-schema units: a warm or partly warm cache gives exactly the bytes of a run without one.

The premise (a class's text from a run of the model generator on its
schema's closure equals its text from a run on the whole spec) is checked
here on every spec the tests use: each unit in turn is dropped from the cache
and recomputed from its closure alone, and the result must equal a cold run.
Then each schema of those specs is edited in the ways specs are edited, and a
run warm from the previous version must equal a cold run of the new one.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import model_units, models, naming
from generator.background import ENV_SWITCH
from generator.cache import Cache, using
from generator.load import Document

COVER = sorted((ROOT / "tests" / "specs" / "cover").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


SPECS = {p.stem: _load(p) for p in [SPEC, *COVER] if (_load(p).get("components") or {}).get("schemas")}


@pytest.fixture(autouse=True)
def _in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model generator runs in this process: hundreds of runs, no interpreter started for each."""
    monkeypatch.setenv(ENV_SWITCH, "0")


class _Forgetful(Cache):
    """A cache that has lost some units."""

    def __init__(self, root: Path, forget: set[str]) -> None:
        super().__init__(root)
        self.forget = forget

    def get(self, stage: str, key: str) -> bytes | None:
        if key in self.forget or stage == models.RUN_STAGE:
            self.misses[stage] += 1
            return None
        return super().get(stage, key)


def _job(data: dict[str, Any], store: Cache, bases: dict[str, str] | None = None) -> models.ModelsJob:
    """models.py of ``data``; the first class by name gets a base class of our own, as responses do."""
    schemas = [str(s) for s in data["components"]["schemas"]]
    names = tuple(naming.model_names(schemas).values())
    if bases is None:
        bases = {names[0].class_name: "pkg.runtime.outcome.Outcome"} if names else {}
    with using(store):
        job = models.ModelsJob(Document("s.yaml", data, {}), names, bases)
        job.result()
    return job


def _text(data: dict[str, Any], store: Cache | None = None, bases: dict[str, str] | None = None) -> str:
    text = _job(data, store or Cache(None), bases).text
    assert text is not None
    return text


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_unit_from_its_closure_alone_equals_the_whole_run(name: str, tmp_path: Path) -> None:
    data = SPECS[name]
    cold = _text(data)
    first = _job(data, Cache(tmp_path))
    assert first.text == cold
    warm = _job(data, Cache(tmp_path))
    assert warm.text == cold and warm.runs == []  # every unit from the cache: no run at all
    if first.closure is None:
        pytest.fail(f"{name}: units are off for this spec")
    for schema in first.order:
        partial = _job(data, _Forgetful(tmp_path, {first.keys[schema]}))
        assert partial.text == cold, schema
        assert partial.runs == [first.closure[schema]], f"{name}/{schema}: fell back to a whole run"


def test_the_unit_order_is_the_specs_except_where_a_class_needs_another() -> None:
    text = _text(SPECS["authlete"])
    classes = [line.split("(")[0][6:] for line in text.splitlines() if line.startswith("class ")]
    schemas = list(SPECS["authlete"]["components"]["schemas"])
    component = {naming.class_name(s): i for i, s in enumerate(schemas)}
    ranks = [component[c] for c in classes if c in component]
    assert ranks == sorted(ranks)  # no base classes or defaults across units in our spec
    for prefix, inline in (
        ("TokenFailResponse", "TokenFailResponseAction"),
        ("TokenBatchStatus", "TokenBatchStatusResult"),
    ):
        assert classes.index(inline) == classes.index(prefix) - 1 or classes.index(inline) < classes.index(prefix)


ORDER: dict[str, Any] = yaml.safe_load("""
openapi: 3.0.3
info: {title: O, version: "1"}
paths: {}
components:
  schemas:
    child:
      allOf:
        - $ref: '#/components/schemas/base'
        - {type: object, properties: {extra: {type: string}}}
    holder:
      type: object
      properties:
        colors: {$ref: '#/components/schemas/palette'}
    palette:
      type: array
      items: {$ref: '#/components/schemas/shade'}
    base: {type: object, properties: {id: {type: integer}}}
    shade: {type: object, properties: {tone: {type: string, enum: [dark, light]}}}
""")


def test_a_class_comes_after_the_classes_its_creation_needs_else_in_the_specs_order(tmp_path: Path) -> None:
    """A base class and a RootModel's item type come first; the rest keeps the spec's order; it imports."""
    text = _text(ORDER, bases={})
    classes = [line.split("(")[0][6:] for line in text.splitlines() if line.startswith("class ")]
    assert classes == ["Holder", "Base", "Child", "ShadeTone", "Shade", "Palette"]
    assert _job(ORDER, Cache(tmp_path), {}).text == text == _job(ORDER, Cache(tmp_path), {}).text
    module = text.replace("from .runtime.open_enum import OpenEnum", "from enum import Enum as OpenEnum")
    (tmp_path / "ordered_models.py").write_text(module, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ordered_models", tmp_path / "ordered_models.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules["ordered_models"] = loaded
    try:
        spec.loader.exec_module(loaded)
        assert loaded.Palette.model_validate([{"tone": "dark"}]).root[0].tone.value == "dark"
        assert loaded.Child.model_validate({"id": 1, "extra": "x"}).id_ == 1  # a base class of its own
    finally:
        del sys.modules["ordered_models"]


# ---------------------------------------------------------------- edits


def _schemas(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["components"]["schemas"]
    return result


def _object(data: dict[str, Any]) -> str | None:
    return next(
        (n for n, s in _schemas(data).items() if isinstance(s, dict) and isinstance(s.get("properties"), dict)), None
    )


def add_property(data: dict[str, Any], name: str) -> None:
    _schemas(data)[name].setdefault("properties", {})["addedField"] = {"type": "string", "description": "Added."}


def remove_property(data: dict[str, Any], name: str) -> None:
    props = _schemas(data)[name].get("properties")
    if isinstance(props, dict) and props:
        props.pop(next(iter(props)))
        required = _schemas(data)[name].get("required")
        if isinstance(required, list):
            _schemas(data)[name]["required"] = [r for r in required if r in props]


def add_enum_value(data: dict[str, Any], name: str) -> None:
    for node in _walk(_schemas(data)[name]):
        if isinstance(node.get("enum"), list) and all(isinstance(v, str) for v in node["enum"]):
            node["enum"].append("ADDED_VALUE")
            return
    _schemas(data)[name].setdefault("properties", {})["mode"] = {"type": "string", "enum": ["one", "two"]}


def change_description(data: dict[str, Any], name: str) -> None:
    _schemas(data)[name]["description"] = 'A description written again, with "quotes" and a \\ backslash.'


def add_schema(data: dict[str, Any], name: str) -> None:
    schemas = _schemas(data)
    schemas["zz_added"] = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a"]}}}
    schemas[name].setdefault("properties", {})["added"] = {"$ref": "#/components/schemas/zz_added"}


def remove_schema(data: dict[str, Any], name: str) -> None:
    """Drop a schema nothing refers to (or, if all are referred to, do nothing)."""
    text = json.dumps(data)
    if f'"#/components/schemas/{name}"' not in text and len(_schemas(data)) > 1:
        del _schemas(data)[name]


def rename_schema(data: dict[str, Any], name: str) -> None:
    schemas = _schemas(data)
    text = json.dumps(data).replace(f'"#/components/schemas/{name}"', f'"#/components/schemas/{name}_renamed"')
    data.clear()
    data.update(json.loads(text))
    schemas = _schemas(data)
    items = [(f"{k}_renamed" if k == name else k, v) for k, v in schemas.items()]
    schemas.clear()
    schemas.update(items)


def retarget_ref(data: dict[str, Any], name: str) -> None:
    others = [n for n in _schemas(data) if n != name]
    for node in _walk(_schemas(data)[name]):
        if isinstance(node.get("$ref"), str) and others:
            target = node["$ref"].rsplit("/", 1)[-1]
            node["$ref"] = (
                "#/components/schemas/" + others[(others.index(target) + 1) % len(others) if target in others else 0]
            )
            return


def change_base(data: dict[str, Any], name: str) -> None:
    schemas = _schemas(data)
    schemas["zz_base"] = {"type": "object", "properties": {"baseField": {"type": "integer"}}}
    schema = schemas[name]
    if isinstance(schema.get("allOf"), list):
        schema["allOf"] = [{"$ref": "#/components/schemas/zz_base"}, *schema["allOf"][1:]]
    elif schema.get("type") == "object":
        schemas[name] = {"allOf": [{"$ref": "#/components/schemas/zz_base"}, schema]}


EDITS: list[Callable[[dict[str, Any], str], None]] = [
    add_property,
    remove_property,
    add_enum_value,
    change_description,
    add_schema,
    remove_schema,
    rename_schema,
    retarget_ref,
    change_base,
]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _cases() -> Iterator[tuple[str, str, str]]:
    """Every edit on every spec, each on a schema picked in turn (every schema gets its share)."""
    for spec, data in sorted(SPECS.items()):
        names = [n for n, s in _schemas(data).items() if isinstance(s, dict)]
        for index, edit in enumerate(EDITS):
            if names:
                yield spec, edit.__name__, names[index % len(names)]


@pytest.mark.parametrize(("spec", "edit", "schema"), list(_cases()))
def test_an_edit_warm_from_the_previous_version_equals_a_cold_run(
    spec: str, edit: str, schema: str, tmp_path: Path
) -> None:
    before = SPECS[spec]
    after = copy.deepcopy(before)
    globals()[edit](after, schema)
    _job(before, Cache(tmp_path))
    warm = _job(after, Cache(tmp_path))
    assert warm.text == _text(after)


def test_a_warm_run_after_one_property_reruns_only_that_schemas_closure(tmp_path: Path) -> None:
    before = SPECS["authlete"]
    after = copy.deepcopy(before)
    add_property(after, "token_request")
    _job(before, Cache(tmp_path))
    warm = _job(after, Cache(tmp_path))
    assert warm.runs == [warm.closure["token_request"]] == [("token_request",)] or len(warm.runs[0]) <= 3
    assert "added_field" in (warm.text or "")


# ---------------------------------------------------------------- the unit key, part by part


def _unit_keys(data: dict[str, Any], bases: dict[str, str] | None = None) -> dict[str, str]:
    schemas = [str(s) for s in data["components"]["schemas"]]
    names = tuple(naming.model_names(schemas).values())
    with tempfile.TemporaryDirectory() as root, using(Cache(Path(root))):
        job = models.ModelsJob(Document("s.yaml", data, {}), names, bases or {})
        job.__exit__()
    return job.keys


BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "k", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "order": {
                "type": "object",
                "description": "An order.",
                "properties": {
                    "line": {"$ref": "#/components/schemas/line"},
                    "state": {"type": "string", "enum": ["a"]},
                },
            },
            "line": {"type": "object", "properties": {"qty": {"type": "integer"}}},
            "other": {"type": "object", "properties": {"x-y": {"type": "string"}}},
        }
    },
}


def _changed(edit: Callable[[dict[str, Any]], None], bases: dict[str, str] | None = None) -> set[str]:
    after = copy.deepcopy(BASE)
    edit(after)
    old, new = _unit_keys(BASE), _unit_keys(after, bases)
    return {s for s in old if s in new and old[s] != new[s]}


def test_the_key_follows_the_closure() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["components"]["schemas"]["line"]["properties"]["price"] = {"type": "number"}

    assert _changed(edit) == {"order", "line"}  # order refers to line; other does not


def test_the_key_ignores_the_words_of_a_description() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["components"]["schemas"]["order"]["description"] = "Another text."

    assert _changed(edit) == set()


def test_the_key_follows_a_discriminator_onto_its_targets() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["components"]["schemas"]["pick"] = {
            "oneOf": [{"$ref": "#/components/schemas/line"}],
            "discriminator": {"propertyName": "kind", "mapping": {"l": "#/components/schemas/line"}},
        }

    assert "line" in _changed(edit)


def test_the_key_follows_class_names_bases_and_openapi_version() -> None:
    assert _changed(lambda d: None, {"Line": "pkg.Base"}) == {"order", "line"}
    assert _changed(lambda d: d.update(openapi="3.1.0")) == {"order", "line", "other"}

    def rename(d: dict[str, Any]) -> None:  # a component named like order's inline enum steers its name
        d["components"]["schemas"]["order_state"] = {"type": "string"}

    assert "order" in _changed(rename) and "line" not in _changed(rename)


def test_the_key_follows_aliases() -> None:
    """A property whose field name is scoped (two wire names meet) changes the aliases of its schema only."""

    def edit(d: dict[str, Any]) -> None:
        d["components"]["schemas"]["other"]["properties"]["x_y"] = {"type": "string"}

    assert _changed(edit) == {"other"}


def test_units_turn_off_for_a_reference_into_a_schema() -> None:
    data = copy.deepcopy(BASE)
    data["components"]["schemas"]["other"]["properties"]["q"] = {"$ref": "#/components/schemas/line/properties/qty"}
    refs = {name: model_units.schema_refs(schema) for name, schema in data["components"]["schemas"].items()}
    assert refs["other"] is None and model_units.closures(refs) is None
    with tempfile.TemporaryDirectory() as root:
        cold = _job(data, Cache(Path(root)))
        warm = _job(data, Cache(Path(root)))
    assert cold.closure is None and cold.runs == [cold.order] and not cold.keys
    assert warm.text == cold.text == _text(data) and warm.runs == []  # the whole run, from the cache


def test_import_order_is_fixed() -> None:
    lines = model_units._import_lines(
        [
            ("typing", "Any"),
            ("pydantic", "Field"),
            ("pkg.runtime.outcome", "Outcome"),
            ("enum", "Enum"),
            ("typing", "Annotated"),
        ],
        frozenset({"pkg.runtime.outcome"}),
    )
    assert lines == (
        "from enum import Enum\nfrom typing import Annotated, Any\nfrom pydantic import Field\nfrom pkg.runtime.outcome import Outcome\n"
    )


# ---------------------------------------------------------------- what a unit cannot see on its own


def _spec(schemas: str) -> dict[str, Any]:
    head = 'openapi: 3.0.3\ninfo: {title: U, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'
    data: dict[str, Any] = yaml.safe_load(head + schemas)
    return data


ALLOF_BASE = """\
    Owner:
      type: object
      properties:
        pet: {$ref: '#/components/schemas/Pet'}
    Pet:
      type: object
      required: [petType]
      properties:
        petType: {type: string}
      discriminator: {propertyName: petType}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - {type: object, properties: {lives: {type: integer}}}
"""
BIRD = """\
    Bird:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - {type: object, properties: {wings: {type: integer}}}
"""
NAMES_APART = """\
    A:
      type: object
      properties:
        b_c: {type: string, enum: [x]}
    AB:
      type: object
      properties:
        d: {type: string}
"""
NAMES_MEET = NAMES_APART + "        c: {type: string, enum: [y]}\n"
DATE_TYPE = """\
    A:
      type: object
      properties:
        when: {type: string, format: date}
    B:
      type: object
      properties:
        other: {type: string}
"""
DATE_FIELD = DATE_TYPE + "        date: {type: string}\n"
VARIANTS = """\
    A:
      type: object
      properties:
        variant:
          oneOf:
            - {type: object, properties: {k: {type: string, enum: [one]}}}
            - {type: object, properties: {j: {type: integer}}}
    B: {type: object, properties: {x: {type: integer}}}
"""
VARIANTS_ELSEWHERE = VARIANTS + "    a_variant: {type: string, enum: [taken]}\n"

SCENARIOS = {
    # a base whose discriminator has no mapping takes its variants from the schemas that refer to it
    "a variant added to an allOf base": (ALLOF_BASE, ALLOF_BASE + BIRD),
    "a variant removed from an allOf base": (ALLOF_BASE + BIRD, ALLOF_BASE),
    # A.b_c and AB.c both want class ABC: the model generator numbers one, by the order of the whole spec
    "two schemas' inline names come to meet": (NAMES_APART, NAMES_MEET),
    "two schemas' inline names part": (NAMES_MEET, NAMES_APART),
    # a field named date beside a date type: the model generator aliases the import in the whole module
    "a field named like an import another schema uses": (DATE_TYPE, DATE_FIELD),
    "that field removed again": (DATE_FIELD, DATE_TYPE),
    # the two inline variants of a oneOf are AVariant and AVariant1, unless a component is AVariant
    "a component takes a numbered inline name": (VARIANTS, VARIANTS_ELSEWHERE),
    "that component removed again": (VARIANTS_ELSEWHERE, VARIANTS),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_what_only_the_whole_spec_shows_is_never_missed(scenario: str, tmp_path: Path) -> None:
    """Edits whose effect reaches past a unit's closure: warm from the old version equals cold, both ways."""
    before, after = (_spec(text) for text in SCENARIOS[scenario])
    for data in (before, after):
        first = _job(data, Cache(tmp_path / "whole"))
        assert first.text == _text(data) == _job(data, Cache(tmp_path / "whole")).text
    _job(before, Cache(tmp_path / "edit"))
    assert _job(after, Cache(tmp_path / "edit")).text == _text(after)


@pytest.mark.parametrize("text", [ALLOF_BASE + BIRD, VARIANTS, NAMES_APART, DATE_TYPE])
def test_each_unit_of_these_specs_from_its_closure_alone_equals_the_whole_run(text: str, tmp_path: Path) -> None:
    data = _spec(text)
    cold = _text(data)
    first = _job(data, Cache(tmp_path))
    assert first.closure is not None and first.text == cold
    for schema in first.order:
        partial = _job(data, _Forgetful(tmp_path, {first.keys[schema]}))
        assert partial.text == cold and partial.runs == [first.closure[schema]], schema


def test_a_spec_whose_models_cannot_be_cut_is_the_whole_run_every_time(tmp_path: Path) -> None:
    data = _spec(NAMES_MEET)
    cold = _job(data, Cache(tmp_path))
    assert "class ABC1(" in (cold.text or "")  # numbered by the model generator: no units
    again = _job(data, Cache(tmp_path))
    assert again.text == cold.text and again.runs == []  # served by the whole run's cache entry


def test_placeholders_of_two_schemas_never_stand_for_each_others_descriptions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were two schemas' placeholder tags the same, descriptions would swap: they are shown as written then."""
    data = _spec(NAMES_APART)
    data["components"]["schemas"]["A"]["description"] = "Only A says this."
    data["components"]["schemas"]["AB"]["description"] = "Only AB says this."
    expected = _text(data)
    monkeypatch.setattr(models, "_prose_tag", lambda name: "same")
    monkeypatch.setattr(models, "_SCHEMAS", {})
    job = _job(data, Cache(None))
    assert job.text == expected and not job.prose


# ---------------------------------------------------------------- runs of bounded size


def _budget(data: dict[str, Any], parts: int) -> int:
    """A run budget that cuts ``data``'s schemas into about ``parts`` runs."""
    job = _job(data, Cache(None))
    return max(1, sum(len(source) for source in job.sources.values()) // parts)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_a_spec_cut_into_runs_of_bounded_size_equals_the_whole_run(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = SPECS[name]
    whole = _job(data, Cache(None))
    monkeypatch.setattr(models, "RUN_BYTES", _budget(data, 3))
    for store in (Cache(None), Cache(tmp_path)):
        cut = _job(data, store)
        assert cut.text == whole.text
        assert cut.batched == (len(cut.runs) > 1)
        assert not (cut.batched and cut.runs[-1] == cut.order), f"{name}: fell back to a whole run"
        covered = {n for run in cut.runs for n in run}
        assert covered == set(cut.order)
    assert whole.closure is not None
    if not whole._cuttable():
        assert cut.runs == [cut.order], f"{name}: has a discriminator, so one run"
    elif all(whole.closure[n] != whole.order for n in whole.order):  # no schema reaches every other
        assert len(cut.runs) > 1, f"{name}: never cut"
    warm = _job(data, Cache(tmp_path))
    assert warm.text == whole.text and warm.runs == []


@pytest.mark.parametrize("text", [NAMES_MEET, DATE_FIELD, VARIANTS_ELSEWHERE])
def test_runs_that_only_the_whole_spec_would_tell_apart_fall_back_to_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each closure in a run of its own: names that meet, or an import a field shadows, show when composing."""
    data = _spec(text)
    whole = _text(data)
    monkeypatch.setattr(models, "RUN_BYTES", 1)
    cut = _job(data, Cache(None))
    assert cut.text == whole
    assert len(cut.runs) > 1


def test_a_spec_with_a_discriminator_is_never_cut_into_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its enums left unused are placed by name, which may need the whole spec: one run from the start."""
    monkeypatch.setattr(models, "RUN_BYTES", 1)
    data = _spec(ALLOF_BASE + BIRD + DATE_TYPE)
    cut = _job(data, Cache(None))
    assert not cut._cuttable() and cut.runs == [cut.order]
    plain = _job(_spec(DATE_TYPE + NAMES_APART.replace("    A:", "    C:").replace("    AB:", "    CD:")), Cache(None))
    assert plain._cuttable() and len(plain.runs) > 1


def test_the_meeting_names_are_seen_only_in_the_whole_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "RUN_BYTES", 1)
    cut = _job(_spec(NAMES_MEET), Cache(None))
    assert cut.runs[:-1] == [("A",), ("AB",)] and cut.runs[-1] == cut.order  # one run each, then the whole spec
    assert "class ABC1(" in (cut.text or "")


def test_a_schema_that_two_runs_write_differently_is_not_taken_from_either(monkeypatch: pytest.MonkeyPatch) -> None:
    """The premise of cutting (a unit depends on its closure alone) is checked where runs overlap."""
    first = model_units.Unit(("class A(BaseModel):\n    x: int",), (), (), ("x",))
    second = model_units.Unit(("class A(BaseModel):\n    x: str",), (), (), ("x",))
    answers = iter([{"A": first}, {"A": second}])
    monkeypatch.setattr(models, "_generate_units", lambda *call: ("", [], next(answers), True))
    call: models.Call = ("{}", (), {}, {}, frozenset())
    assert models._generate_batches([call, call])[2] is None
    answers = iter([{"A": first}, {"A": first}])
    assert models._generate_batches([call, call])[2] == {"A": first}


@st.composite
def _reference_webs(draw: st.DrawFn) -> tuple[dict[str, tuple[str, ...]], dict[str, int], list[str], int]:
    names = [f"s{i}" for i in range(draw(st.integers(1, 12)))]
    refs = {
        n: model_units.Refs(frozenset(draw(st.sets(st.sampled_from(names), max_size=3))), frozenset(), False)
        for n in names
    }
    closure = model_units.closures(dict(refs))
    assert closure is not None
    sizes = {n: draw(st.integers(1, 50)) for n in names}
    roots = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
    return closure, sizes, roots, draw(st.integers(1, 200))


@settings(max_examples=300, deadline=None)
@given(_reference_webs())
def test_runs_hold_whole_closures_within_the_budget(
    web: tuple[dict[str, tuple[str, ...]], dict[str, int], list[str], int],
) -> None:
    closure, sizes, roots, budget = web
    plan = model_units.batches(roots, closure, sizes, budget)
    order = list(closure)
    assert plan == model_units.batches(list(reversed(roots)), closure, sizes, budget)  # the roots' order is no input
    for run in plan:
        assert list(run) == sorted(run, key=order.index)
        mine = [r for r in roots if set(closure[r]) <= set(run)]
        assert mine and set(run) == {n for r in mine for n in closure[r]}  # nothing but whole closures of roots
        assert sum(sizes[n] for n in run) <= budget or any(set(run) == set(closure[r]) for r in mine)
    for root in roots:
        assert any(set(closure[root]) <= set(run) for run in plan)
    assert [run[0] for run in plan] == sorted((run[0] for run in plan), key=order.index)
