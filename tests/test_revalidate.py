"""Validation of only the changed part of a spec: always exactly what validating the whole spec finds.

The contract is differential: for sequences of edits of the cover specs (valid
and invalid ones), the slow checks run the way the pipeline runs them (with
the outline remembered from the last version the validator passed) give the
same diagnostics, in the same order, as ``validate.content`` over the whole
document. Other tests pin when a slice is used and when the whole spec is
validated again.
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cache, revalidate, validate
from generator.cache import Cache, using
from generator.diagnostics import Diagnostic, GeneratorError
from generator.load import Document, load
from generator.pipeline import Validation
from generator.prose import replace_prose

COVER = sorted((ROOT / "tests" / "specs" / "cover").glob("*.yaml"))
Data = dict[str, Any]


def _doc(data: Data, folder: Path, name: str = "spec.yaml") -> Document:
    """``data`` written out and loaded back, so every node has a position as in a real run."""
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load(path)


def _ours(doc: Document) -> list[Diagnostic]:
    return sorted(set(validate._own_checks(doc)))


def _full(doc: Document) -> list[Diagnostic]:
    return validate.content(doc, _ours(doc))


def _incremental(doc: Document, previous: str | None) -> revalidate.Result:
    return revalidate.revalidate(doc, _ours(doc), replace_prose(doc.data, lambda _: ""), previous)


class Lineage:
    """The outline the pipeline would remember: replaced after each run the validator passed without a word."""

    def __init__(self) -> None:
        self.outline: str | None = None
        self.hows: list[str] = []

    def check(self, doc: Document) -> revalidate.Result:
        result = _incremental(doc, self.outline)
        assert result.found == _full(doc), result.how
        if result.how.startswith("slice"):  # the claim itself: a silent slice means a silent validator
            assert validate._upstream_errors(doc.data) == [], result.how
        self.hows.append(result.how)
        if result.outline is not None:
            self.outline = result.outline
        return result


# ------------------------------------------------------------------ edits of a spec


def _schemas(data: Data) -> list[dict[str, Any]]:
    """Every schema object under components/schemas that is a mapping (nested properties and members too)."""
    found: list[dict[str, Any]] = []
    stack = list((data.get("components") or {}).get("schemas", {}).values())
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        found.append(node)
        stack += (
            [v for v in (node.get("properties") or {}).values()] if isinstance(node.get("properties"), dict) else []
        )
        for key in ("allOf", "anyOf", "oneOf"):
            stack += node.get(key) or [] if isinstance(node.get(key), list) else []
        if isinstance(node.get("items"), dict):
            stack.append(node["items"])
    return found


def _ref_sites(data: Data) -> list[dict[str, Any]]:
    sites: list[dict[str, Any]] = []
    stack: list[Any] = [data.get("paths"), data.get("components")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                sites.append(node)
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return sites


def _operations(data: Data) -> list[dict[str, Any]]:
    return [
        op
        for item in (data.get("paths") or {}).values()
        if isinstance(item, dict)
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch") and isinstance(op, dict)
    ]


def _names(data: Data) -> list[str]:
    return list((data.get("components") or {}).get("schemas", {}))


def _fresh(data: Data, stem: str) -> str:
    n = 0
    while f"{stem}{n}" in _names(data) or f"/{stem}{n}" in (data.get("paths") or {}):
        n += 1
    return f"{stem}{n}"


Pick = Callable[[list[Any]], Any]  # chooses one of the options: hypothesis' draw, or always the first
Edit = Callable[[Data, Pick], None]


def _plain(data: Data) -> list[dict[str, Any]]:
    return [s for s in _schemas(data) if "$ref" not in s]


def add_property(data: Data, pick: Pick) -> None:
    schemas = [s for s in _plain(data) if isinstance(s.get("properties", {}), dict)]
    if schemas:
        props = pick(schemas).setdefault("properties", {})
        kind = pick(["string", "integer", "ref"])
        names = _names(data)
        prop = {"$ref": f"#/components/schemas/{pick(names)}"} if kind == "ref" and names else {"type": "string"}
        props[f"added{len(props)}"] = prop if kind != "integer" else {"type": "integer"}


def bad_type(data: Data, pick: Pick) -> None:
    if _plain(data):
        pick(_plain(data))["type"] = pick(["strin", 5, ["string", "integer"]])


def set_default(data: Data, pick: Pick) -> None:
    if _plain(data):
        target = pick(_plain(data))
        target["default"] = pick([5, "x", None, [1], {"a": 1}, True])
        if pick([False, True]):
            target["nullable"] = pick([True, False])


def set_example(data: Data, pick: Pick) -> None:
    if _plain(data):
        pick(_plain(data))["example"] = pick([5, "x", None, {"a": 1}])


def break_ref(data: Data, pick: Pick) -> None:
    sites = _ref_sites(data)
    if sites:
        pick(sites)["$ref"] = pick(["#/components/schemas/Nope", "#/components", "#/info", "other.yaml#/x", "#/paths"])


def drop_ref(data: Data, pick: Pick) -> None:
    sites = [s for s in _ref_sites(data) if "schemas/" in s["$ref"]]
    if sites:
        site = pick(sites)
        site.clear()
        site["type"] = "string"


def add_ref(data: Data, pick: Pick) -> None:
    names = _names(data)
    schemas = [s for s in _plain(data) if isinstance(s.get("properties", {}), dict)]
    if names and schemas:
        props = pick(schemas).setdefault("properties", {})
        props[f"link{len(props)}"] = {"$ref": f"#/components/schemas/{pick(names)}"}


def duplicate_operation_id(data: Data, pick: Pick) -> None:
    ops = _operations(data)
    if len(ops) >= 2:
        first, second = pick([(a, b) for a in ops for b in ops if a is not b])
        first["operationId"] = second["operationId"] = first.get("operationId", "same")


def path_parameter_missing(data: Data, pick: Pick) -> None:
    paths = data.get("paths") or {}
    if paths:
        key = pick(list(paths))
        data["paths"] = {(f"{k}/{{ghost}}" if k == key else k): v for k, v in paths.items()}


def remove_schema(data: Data, pick: Pick) -> None:
    if _names(data):
        del data["components"]["schemas"][pick(_names(data))]


def move_schema_last(data: Data, pick: Pick) -> None:
    if len(_names(data)) >= 2:
        schemas = data["components"]["schemas"]
        name = pick(_names(data))
        schemas[name] = schemas.pop(name)


def security_scheme(data: Data, pick: Pick) -> None:
    schemes = data.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["bearer"] = pick(
        [{"type": "http", "scheme": "bearer"}, {"type": "bogus"}, {"type": "apiKey", "in": "header"}]
    )


def top_level(data: Data, pick: Pick) -> None:
    choice = pick(["title", "server", "tag", "version"])
    if choice == "title":
        data.setdefault("info", {})["title"] = "Renamed"
    elif choice == "server":
        data["servers"] = [{"url": pick(["https://other.example.com", 5])}]
    elif choice == "tag":
        data["tags"] = [{"name": "Same"}, {"name": "Same"}]
    else:
        data.setdefault("info", {}).pop("version", None)


def allof_required(data: Data, pick: Pick) -> None:
    """required naming what no member defines: reported or not depending on which part visits the schema first."""
    if _plain(data):
        target = pick(_plain(data))
        inner = {k: target.pop(k) for k in list(target)}
        target["allOf"] = [inner or {"type": "object"}]
        target["required"] = [pick(["ghost", "name", "id"])]


def new_path(data: Data, pick: Pick) -> None:
    names = _names(data)
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{pick(names)}"} if names else {"type": "object"}
    name = _fresh(data, "extra")
    data.setdefault("paths", {})[f"/{name}"] = {
        "post": {
            "operationId": pick([name, "create_pet", "list_pets"]),
            "requestBody": {"content": {"application/json": {"schema": copy.deepcopy(schema)}}},
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}},
        }
    }


def new_schema(data: Data, pick: Pick) -> None:
    names = _names(data)
    members: list[Any] = [{"type": "object", "properties": {"own": {"type": "string"}}}]
    if names:
        members.append({"$ref": f"#/components/schemas/{pick(names)}"})
    schemas = data.setdefault("components", {}).setdefault("schemas", {})
    schemas[_fresh(data, "Extra")] = {"allOf": members, "required": [pick(["own", "ghost"])]}


def describe(data: Data, pick: Pick) -> None:
    if _schemas(data):
        pick(_schemas(data))["description"] = pick(["Reworded.", "Other words."])


EDITS: list[Edit] = [
    add_property,
    bad_type,
    set_default,
    set_example,
    break_ref,
    drop_ref,
    add_ref,
    duplicate_operation_id,
    path_parameter_missing,
    remove_schema,
    move_schema_last,
    security_scheme,
    top_level,
    allof_required,
    new_path,
    new_schema,
    describe,
]
# Edits that keep a spec the validator passes: most steps of a lineage are these, as in real editing.
BENIGN: list[Edit] = [add_property, add_ref, drop_ref, new_path, new_schema, move_schema_last, describe]


@settings(
    max_examples=int(os.environ.get("REVALIDATE_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_incremental_equals_full_over_edit_sequences(data: Any) -> None:
    """Any sequence of edits: the pipeline's way gives what a full validation gives, step after step."""
    spec = data.draw(st.sampled_from(COVER), label="spec")
    current = yaml.safe_load(spec.read_text(encoding="utf-8"))
    lineage = Lineage()

    def pick(options: list[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    with tempfile.TemporaryDirectory() as folder:
        lineage.check(_doc(current, Path(folder)))
        for _ in range(data.draw(st.integers(1, 4), label="steps")):
            edit = pick(BENIGN if pick([False, True]) else EDITS)
            edit(current, pick)
            lineage.check(_doc(current, Path(folder)))


# Cover specs with the shapes slicing cares about: allOf, references between components, path item
# parameters, OpenAPI 3.1, recursion, a spec the validator complains about. The property test uses all.
GRID = [
    ROOT / "tests" / "specs" / "cover" / f"{name}.yaml"
    for name in (
        "allof_merged",
        "component_refs",
        "petshop_identity",
        "path_item_params",
        "boolean_schemas_31",
        "null_types_31",
        "recursive",
        "oneof_discriminator",
        "upstream_required_undeclared",
    )
]


@pytest.mark.parametrize("spec", GRID, ids=[p.stem for p in GRID])
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_each_edit_of_each_cover_spec(spec: Path, edit: Edit, tmp_path: Path) -> None:
    """Every edit once on a cover spec (its first choice each time), after a run that left an outline."""
    current = yaml.safe_load(spec.read_text(encoding="utf-8"))
    lineage = Lineage()
    lineage.check(_doc(current, tmp_path))
    edit(current, lambda options: options[0])
    lineage.check(_doc(current, tmp_path))


# ------------------------------------------------------------------ the cases the reasoning rests on


ORDERED = {
    "openapi": "3.0.3",
    "info": {"title": "Order", "version": "1"},
    "paths": {
        "/a": {
            "post": {
                "operationId": "post_a",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}},
                "responses": {"200": {"description": "OK"}},
            }
        }
    },
    "components": {
        "schemas": {
            "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
            "B": {"allOf": [{"type": "object", "properties": {"x": {"type": "string"}}}], "required": ["ghost"]},
            "C": {"type": "object", "properties": {"y": {"type": "string"}}},
        },
        "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}},
    },
}


def test_first_visit_through_a_removed_reference_is_seen(tmp_path: Path) -> None:
    """B's required names a property no member has: the validator says so only when B is first visited as a component.

    While A references B, B is visited from inside A and nothing is reported;
    once A stops referencing it, B (unchanged) is reported. The slice must
    keep B although neither B nor anything referencing it changed.
    """
    data = copy.deepcopy(ORDERED)
    lineage = Lineage()
    first = lineage.check(_doc(data, tmp_path))
    assert first.found == [] and first.outline is not None
    data["components"]["schemas"]["A"]["properties"]["b"] = {"type": "string"}
    lineage.check(_doc(data, tmp_path))  # a silent slice here would fail Lineage's own claim
    # the validator's finding itself: our own check reports it, located, so it is no diagnostic of its own
    raw = validate._upstream_errors(data)
    assert any("Required list has not defined properties" in e.message for e in raw)


def test_first_visit_through_an_added_reference_is_seen(tmp_path: Path) -> None:
    """The other way round: C starts referencing B (reported as a component) and B is now visited from inside C."""
    data = copy.deepcopy(ORDERED)
    data["components"]["schemas"]["A"]["properties"]["b"] = {"type": "string"}
    data["components"]["schemas"]["B"]["required"] = ["x"]  # a pass, so an outline is remembered
    lineage = Lineage()
    assert lineage.check(_doc(data, tmp_path)).outline is not None
    data["components"]["schemas"]["B"]["required"] = ["ghost"]
    data["components"]["schemas"]["A"]["properties"]["b"] = {"$ref": "#/components/schemas/B"}
    assert lineage.check(_doc(data, tmp_path)).found == []
    assert lineage.hows[-1].startswith("slice")


def test_first_visit_from_an_unchanged_path_is_seen(tmp_path: Path) -> None:
    """/q (unchanged) names S directly, so visiting S from /q reports it; until A changed, /p reached S earlier.

    The slice must keep /q, which neither changed nor reaches a changed part:
    without it, /r (kept: it reaches A through B) would be first to reach S,
    from inside B, and the slice would be silent where the whole spec is not.
    """

    def body(name: str) -> dict[str, Any]:  # a response: the validator never looks into request bodies
        schema = {"$ref": f"#/components/schemas/{name}"}
        return {"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}}

    data: Data = {
        "openapi": "3.0.3",
        "info": {"title": "Order", "version": "1"},
        "paths": {f"/{p}": {"post": {"operationId": p, **body(s)}} for p, s in (("p", "A"), ("q", "S"), ("r", "B"))},
        "components": {
            "schemas": {
                "A": {"type": "object", "properties": {"toS": {"$ref": "#/components/schemas/S"}}},
                "B": {
                    "type": "object",
                    "properties": {
                        "toA": {"$ref": "#/components/schemas/A"},
                        "toS": {"$ref": "#/components/schemas/S"},
                    },
                },
                "S": {"allOf": [{"type": "object", "properties": {"own": {"type": "string"}}}], "required": ["ghost"]},
            }
        },
    }
    lineage = Lineage()
    assert lineage.check(_doc(data, tmp_path)).found == []
    del data["components"]["schemas"]["A"]["properties"]["toS"]
    lineage.check(_doc(data, tmp_path))  # a silent slice here would fail Lineage's own claim
    assert validate._upstream_errors(data) != []  # (our own check reports it, so it is no diagnostic here)


@pytest.mark.parametrize(
    "uses",
    [
        {"allOf": [{"$ref": "#/components/schemas/D"}], "default": {"n": 1}},
        {"allOf": [{"$ref": "#/components/schemas/D"}], "required": ["n"]},
    ],
    ids=["default", "required"],
)
def test_an_unchanged_schema_checked_through_a_changed_one_is_kept(uses: dict[str, Any], tmp_path: Path) -> None:
    """C's default is checked against D, and C's required against D's properties: editing D can make C wrong."""
    data: Data = {
        "openapi": "3.0.3",
        "info": {"title": "Through", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "C": uses,
                "D": {"type": "object", "properties": {"n": {"type": "integer"}}},
                "E": {"type": "string"},
            }
        },
    }
    lineage = Lineage()
    assert lineage.check(_doc(data, tmp_path)).found == []
    data["components"]["schemas"]["D"]["properties"] = {"m": {"type": "string"}, "n": {"type": "string"}}
    if "required" in uses:
        del data["components"]["schemas"]["D"]["properties"]["n"]
    result = lineage.check(_doc(data, tmp_path))
    assert result.how == "full: the slice has something to report"
    # the validator's word on a default is reported; on a required name no member declares, our own
    # located check speaks instead (validate._check_schema), so it is no diagnostic of the validator's
    assert (result.found != []) == ("default" in uses)


def test_unrelated_change_is_validated_on_a_slice(tmp_path: Path) -> None:
    data = copy.deepcopy(ORDERED)
    data["components"]["schemas"]["B"]["required"] = ["x"]
    lineage = Lineage()
    lineage.check(_doc(data, tmp_path))
    data["components"]["schemas"]["C"]["properties"]["z"] = {"type": "integer", "default": "not a number"}
    result = lineage.check(_doc(data, tmp_path))
    assert result.how.startswith("full: the slice has something to report")
    assert any(d.pointer.endswith("/z/default") for d in result.found)
    data["components"]["schemas"]["C"]["properties"]["z"] = {"type": "integer", "default": 3}
    result = lineage.check(_doc(data, tmp_path))
    assert result.how == "slice: 1 of 5 parts" and result.found == []


def test_a_property_added_to_token_request_is_a_slice_of_our_spec(tmp_path: Path) -> None:
    """The benchmark's edit: the slice is a fraction of the spec, and finds what the whole spec gives."""
    text = SPEC.read_text(encoding="utf-8")
    lineage = Lineage()
    lineage.check(load(SPEC))
    anchor = "    token_request:\n      type: object\n"
    at = text.index("      properties:\n", text.index(anchor)) + len("      properties:\n")
    edited = tmp_path / "authlete.yaml"
    edited.write_text(text[:at] + "        addedField:\n          type: string\n" + text[at:], encoding="utf-8")
    result = lineage.check(load(edited))
    kept, _, total = result.how.removeprefix("slice: ").removesuffix(" parts").partition(" of ")
    assert int(kept) * 2 < int(total), result.how


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: d["info"].update(title="New"), "the top-level fields changed"),
        (lambda d: d["components"]["securitySchemes"]["basic"].update(scheme="digest"), "a security scheme changed"),
        (
            lambda d: d["paths"]["/a"]["post"].update(operationId="post_a")
            or d["paths"].update({"/b": copy.deepcopy(d["paths"]["/a"])}),
            "two operations share an operationId",
        ),
        (lambda d: d["components"]["schemas"].update(D={"$ref": "#/info"}), "does not point into a part"),
        (lambda d: d["components"]["schemas"].update(D={"$id": "urn:x", "type": "string"}), "$id or an anchor"),
        (lambda d: d["components"]["schemas"].update(A=d["components"]["schemas"].pop("A")), "parts were reordered"),
    ],
)
def test_global_changes_validate_the_whole_spec(edit: Callable[[Data], Any], reason: str, tmp_path: Path) -> None:
    data = copy.deepcopy(ORDERED)
    data["components"]["schemas"]["B"]["required"] = ["x"]
    lineage = Lineage()
    lineage.check(_doc(data, tmp_path))
    edit(data)
    result = lineage.check(_doc(data, tmp_path))
    assert result.how.startswith("full: ") and reason in result.how, result.how


def test_yaml_alias_shared_by_two_parts_links_them(tmp_path: Path) -> None:
    """An anchor used in two parts is one object to the validator: each part counts as referencing the other."""
    text = (
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {type: object, properties: {s: &shared {allOf: [{type: object}], required: [ghost]}}}\n"
        "    B: {type: object, properties: {s: *shared}}\n"
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    doc = load(tmp_path / "spec.yaml")
    found = revalidate.outline(doc.data, replace_prose(doc.data, lambda _: ""))
    assert found.refs["/components/schemas/A"] == ["/components/schemas/B"]
    assert found.refs["/components/schemas/B"] == ["/components/schemas/A"]


# ------------------------------------------------------------------ the outline's cache key, through the pipeline


def _pipeline(spec: Path, root: Path) -> Validation:
    with using(Cache(root)):
        validation = Validation(load(spec))
        with validation:
            try:
                validation.result()
            except GeneratorError:
                pass
    return validation


@pytest.fixture
def edited(tmp_path: Path) -> Callable[[int], Path]:
    """Our spec's path with a property named after ``n`` added to token_request (n=0: the spec as it is)."""
    text = SPEC.read_text(encoding="utf-8")
    anchor = "    token_request:\n      type: object\n"
    at = text.index("      properties:\n", text.index(anchor)) + len("      properties:\n")

    def write(n: int) -> Path:
        path = tmp_path / "authlete.yaml"
        added = f"        added{n}:\n          type: string\n" if n else ""
        path.write_text(text[:at] + added + text[at:], encoding="utf-8")
        return path

    return write


def test_pipeline_slices_after_a_clean_run(edited: Callable[[int], Path], tmp_path: Path) -> None:
    root = tmp_path / "cache"
    assert _pipeline(edited(0), root).how.startswith("full: no outline")
    assert _pipeline(edited(0), root).how == "cached"
    assert _pipeline(edited(1), root).how.startswith("slice: ")
    assert _pipeline(edited(2), root).how.startswith("slice: ")  # the outline moved on with each pass


@pytest.mark.parametrize("tool", ["openapi-spec-validator", "jsonschema", "jsonschema-path"])
def test_a_new_validator_version_validates_the_whole_spec(
    tool: str, edited: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    _pipeline(edited(0), root)
    real = cache.tool_version
    monkeypatch.setattr(cache, "tool_version", lambda name: "99.0" if name == tool else real(name))
    how = _pipeline(edited(1), root).how
    assert how.startswith("full: "), how


def test_a_new_generator_version_validates_the_whole_spec(
    edited: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    _pipeline(edited(0), root)
    monkeypatch.setattr(cache, "generator_version", lambda: "another generator")
    assert _pipeline(edited(1), root).how == "full: no outline of a previous version"


def test_an_unanalysed_validator_version_never_slices(
    edited: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with an outline at hand: the list of local checks was read in one version's source."""
    root = tmp_path / "cache"
    _pipeline(edited(0), root)
    monkeypatch.setattr(revalidate, "ANALYSED_VERSIONS", frozenset({"0.0.1"}))
    assert "not a version this module was checked against" in _pipeline(edited(1), root).how


def test_a_run_with_something_to_report_leaves_no_outline(tmp_path: Path) -> None:
    """A spec the validator complains about (here, a default) is never a base: the next run validates it all."""
    data = copy.deepcopy(ORDERED)
    data["components"]["schemas"]["B"]["required"] = ["x"]
    data["components"]["schemas"]["C"]["properties"]["z"] = {"type": "integer", "default": "not a number"}
    root = tmp_path / "cache"
    _doc(data, tmp_path)
    first = _pipeline(tmp_path / "spec.yaml", root)
    assert first.how.startswith("full: no outline")
    data["components"]["schemas"]["C"]["properties"]["w"] = {"type": "string"}
    _doc(data, tmp_path)
    assert _pipeline(tmp_path / "spec.yaml", root).how == "full: no outline of a previous version"


def test_a_changed_spec_slices_only_against_its_own_lineage(edited: Callable[[int], Path], tmp_path: Path) -> None:
    """The outline is kept per spec file: another file's runs neither use nor replace it."""
    root = tmp_path / "cache"
    _pipeline(edited(0), root)
    other = tmp_path / "other.yaml"
    other.write_text(edited(3).read_text(encoding="utf-8"), encoding="utf-8")
    assert _pipeline(other, root).how.startswith("full: no outline")
    assert _pipeline(edited(1), root).how.startswith("slice: ")


def test_the_locked_validator_is_an_analysed_version() -> None:
    """Upgrading openapi-spec-validator turns slicing off until its checks are read again (module docstring)."""
    assert cache.tool_version("openapi-spec-validator") in revalidate.ANALYSED_VERSIONS


# ------------------------------------------------------------------ a web of references, where visiting order matters


@st.composite
def webs(draw: Any) -> Data:
    """A spec of a few schemas referencing each other, some whose required names what no allOf member defines.

    Whether the validator reports such a schema depends on the first part that
    reaches it; paths reach schemas through bodies, responses and parameters.
    """
    count = draw(st.integers(2, 6))
    names = [f"S{i}" for i in range(count)]
    schemas: dict[str, Any] = {}
    for index, name in enumerate(names):
        props = {
            f"to{t}": {"$ref": f"#/components/schemas/{t}"}
            for t in draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
        }
        props["own"] = {"type": "string"}
        if draw(st.booleans()):
            members: list[Any] = [{"type": "object", "properties": props}]
            if index and draw(st.booleans()):  # required and default checked through an earlier schema too
                # (earlier only: the validator collects allOf's properties without noting where it has been,
                # so allOf cycles cost it exponential time)
                members.append({"$ref": f"#/components/schemas/{draw(st.sampled_from(names[:index]))}"})
            # mostly a schema the validator passes: a lineage only starts from one
            schemas[name] = {"allOf": members, "required": [draw(st.sampled_from(["own", "own", "own", "ghost"]))]}
            if draw(st.booleans()):
                schemas[name]["default"] = {"own": "text"}
        else:
            schemas[name] = {"type": "object", "properties": props}
    paths: dict[str, Any] = {}
    for i in range(draw(st.integers(0, 3))):
        target = {"$ref": f"#/components/schemas/{draw(st.sampled_from(names))}"}
        where = draw(st.sampled_from(["body", "response", "parameter"]))
        op: dict[str, Any] = {"operationId": f"op{i}", "responses": {"200": {"description": "OK"}}}
        if where == "body":
            op["requestBody"] = {"content": {"application/json": {"schema": target}}}
        elif where == "response":
            op["responses"]["200"]["content"] = {"application/json": {"schema": target}}
        else:
            op["parameters"] = [{"name": "q", "in": "query", "schema": target}]
        paths[f"/p{i}"] = {"post": op}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Web", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _rewire(data: Data, pick: Pick) -> None:
    """Point one reference elsewhere, drop or add one, flip a schema between plain and allOf+required, retype a property."""
    schemas = data["components"]["schemas"]
    names = list(schemas)
    name = pick(names)
    schema = schemas[name]
    props = schema["allOf"][0]["properties"] if "allOf" in schema else schema["properties"]
    action = pick(["retarget", "drop", "add", "flip", "required", "path", "own"])
    if action == "own":  # a default elsewhere may be checked against this
        props["own"] = {"type": "integer" if props["own"]["type"] == "string" else "string"}
        return
    if action == "path" and data["paths"]:
        op = data["paths"][pick(list(data["paths"]))]["post"]
        sites = [n for n in _ref_sites({"paths": {"/": op}}) if n["$ref"].startswith("#/components/schemas/")]
        if sites:
            sites[0]["$ref"] = f"#/components/schemas/{pick(names)}"
        return
    links = [k for k in props if k.startswith("to")]
    if action == "retarget" and links:
        props[pick(links)] = {"$ref": f"#/components/schemas/{pick(names)}"}
    elif action == "drop" and links:
        del props[pick(links)]
    elif action == "add":
        props[f"to{pick(names)}x"] = {"$ref": f"#/components/schemas/{pick(names)}"}
    elif action == "flip":
        schemas[name] = (
            {"type": "object", "properties": props}
            if "allOf" in schema
            else {"allOf": [{"type": "object", "properties": props}], "required": ["ghost"]}
        )
    elif "allOf" in schema:
        schema["required"] = [pick(["own", "ghost"])]


@settings(
    max_examples=int(os.environ.get("REVALIDATE_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(webs(), st.data())
def test_incremental_equals_full_on_webs_of_references(web: Data, data: Any) -> None:
    lineage = Lineage()

    def pick(options: list[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    with tempfile.TemporaryDirectory() as folder:
        lineage.check(_doc(web, Path(folder)))
        for _ in range(data.draw(st.integers(1, 5), label="steps")):
            _rewire(web, pick)
            lineage.check(_doc(web, Path(folder)))
