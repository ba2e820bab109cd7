"""The breaking-change report: one spec mutation per rule, both directions where it matters."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC

from generator.breaking import Change, report
from generator.pipeline import analyse, render_tree
from generator.surface import from_spec, from_tree

Spec = dict[str, Any]

BASE: Spec = yaml.safe_load("""\
openapi: 3.0.3
info: {title: Things, version: '1'}
paths:
  /things/{thingId}:
    post:
      operationId: thing_update_api
      x-cli-command: thing update
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: string}, x-cli-short: t}
        - {name: verbose, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/thing_request'}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing_response'}
  /things:
    get:
      operationId: thing_list_api
      x-cli-command: thing list
      responses:
        '200': {description: Nothing to read.}
components:
  schemas:
    thing_request:
      type: object
      required: [name]
      properties:
        name: {type: string, description: Its name.}
        size: {type: integer}
        shade: {type: string, enum: [red, green]}
    thing_response:
      type: object
      required: [thingId]
      properties:
        thingId: {type: string}
        state: {$ref: '#/components/schemas/state'}
        count: {type: integer}
    state:
      type: string
      enum: [NEW, OLD]
    spare:
      type: object
      properties:
        note: {type: string}
""")


def op(spec: Spec) -> Spec:
    return spec["paths"]["/things/{thingId}"]["post"]


def request(spec: Spec) -> Spec:
    return spec["components"]["schemas"]["thing_request"]


def response(spec: Spec) -> Spec:
    return spec["components"]["schemas"]["thing_response"]


def changes_between(tmp_path: Path, old: Spec, new: Spec) -> list[Change]:
    paths = []
    for name, spec in (("old", old), ("new", new)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False))
        paths.append(path)
    sides = [analyse(p) for p in paths]
    return list(report(from_spec(sides[0][1], sides[0][0]), from_spec(sides[1][1], sides[1][0])).changes)


def summary(changes: list[Change]) -> set[tuple[str, bool, str, str]]:
    return {(c.change, c.breaking, c.kind, c.where) for c in changes}


def mutated(edit: Callable[[Spec], None]) -> Spec:
    spec = copy.deepcopy(BASE)
    edit(spec)
    return spec


def add_optional_field(spec: Spec) -> None:
    request(spec)["properties"]["weight"] = {"type": "number"}


def add_required_field(spec: Spec) -> None:
    add_optional_field(spec)
    request(spec)["required"].append("weight")


def size_required(spec: Spec) -> None:
    request(spec)["required"].append("size")


def retype_size(spec: Spec) -> None:
    request(spec)["properties"]["size"] = {"type": "string"}


def drop_green(spec: Spec) -> None:
    request(spec)["properties"]["shade"]["enum"] = ["red"]


def add_state(spec: Spec) -> None:
    spec["components"]["schemas"]["state"]["enum"].append("ARCHIVED")


def drop_count(spec: Spec) -> None:
    del response(spec)["properties"]["count"]


def thing_id_optional(spec: Spec) -> None:
    del response(spec)["required"]


def rename_command(spec: Spec) -> None:
    op(spec)["x-cli-command"] = "thing change"


def add_short(spec: Spec) -> None:
    request(spec)["properties"]["size"]["x-cli-short"] = "z"


def change_short(spec: Spec) -> None:
    op(spec)["parameters"][0]["x-cli-short"] = "i"


def add_query(spec: Spec) -> None:
    op(spec)["parameters"].append({"name": "limit", "in": "query", "schema": {"type": "integer"}})


def add_required_query(spec: Spec) -> None:
    op(spec)["parameters"].append({"name": "limit", "in": "query", "required": True, "schema": {"type": "integer"}})


def body_optional(spec: Spec) -> None:
    op(spec)["requestBody"]["required"] = False


def new_response_model(spec: Spec) -> None:
    op(spec)["responses"]["200"]["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/spare"}


def move_endpoint(spec: Spec) -> None:
    spec["paths"]["/things/{thingId}/update"] = spec["paths"].pop("/things/{thingId}")


def drop_spare(spec: Spec) -> None:
    del spec["components"]["schemas"]["spare"]


def reword(spec: Spec) -> None:
    request(spec)["properties"]["name"]["description"] = "What the thing is called."
    op(spec)["summary"] = "Change a thing."


CMD = "authlete thing update"
METHOD = "AuthleteClient.thing_update"
RULES: list[tuple[str, Callable[[Spec], None], set[tuple[str, bool, str, str]]]] = [
    (
        "optional request field added",
        add_optional_field,
        {
            ("added", False, "flag", f"{CMD} --weight"),
            ("added", False, "field", "models.ThingRequest.weight"),
        },
    ),
    (
        "required request field added",
        add_required_field,
        {
            ("added", True, "flag", f"{CMD} --weight"),
            ("added", True, "field", "models.ThingRequest.weight"),
        },
    ),
    (
        "request field became required",
        size_required,
        {
            ("changed", True, "flag", f"{CMD} --size"),
            ("changed", True, "field", "models.ThingRequest.size"),
        },
    ),
    (
        "request field type changed",
        retype_size,
        {
            ("changed", True, "flag", f"{CMD} --size"),
            ("changed", True, "field", "models.ThingRequest.size"),
        },
    ),
    (
        "request enum value removed",
        drop_green,
        {
            ("removed", True, "enum-value", f"{CMD} --shade"),
            ("removed", True, "enum-value", "models.ThingRequest.shade"),
        },
    ),
    ("response enum value added", add_state, {("added", False, "enum-value", "models.State")}),
    ("response field removed", drop_count, {("removed", True, "field", "models.ThingResponse.count")}),
    (
        "response field became optional",
        thing_id_optional,
        {("changed", True, "field", "models.ThingResponse.thing_id")},
    ),
    (
        "command renamed",
        rename_command,
        {
            ("removed", True, "command", CMD),
            ("added", False, "command", "authlete thing change"),
            ("removed", True, "method", METHOD),
            ("added", False, "method", "AuthleteClient.thing_change"),
        },
    ),
    ("short flag added", add_short, {("added", False, "short-flag", f"{CMD} --size")}),
    ("short flag changed", change_short, {("changed", True, "short-flag", f"{CMD} --thing-id")}),
    (
        "optional query parameter added",
        add_query,
        {
            ("added", False, "flag", f"{CMD} --limit"),
            ("added", False, "parameter", f"{METHOD}(limit)"),
        },
    ),
    (
        "required query parameter added",
        add_required_query,
        {
            ("added", True, "flag", f"{CMD} --limit"),
            ("added", False, "parameter", f"{METHOD}(limit)"),  # the client takes query values as keywords
        },
    ),
    ("request body became optional", body_optional, {("changed", False, "parameter", f"{METHOD}(request)")}),
    ("response model changed", new_response_model, {("changed", True, "method", METHOD)}),
    ("endpoint moved", move_endpoint, {("changed", False, "endpoint", CMD)}),
    ("model class removed", drop_spare, {("removed", True, "model", "models.Spare")}),
    ("descriptions only", reword, set()),
]

INVERSE: dict[str, set[tuple[str, bool, str, str]]] = {
    "optional request field added": {
        ("removed", True, "flag", f"{CMD} --weight"),
        ("removed", True, "field", "models.ThingRequest.weight"),
    },
    "request field became required": {
        ("changed", False, "flag", f"{CMD} --size"),
        ("changed", False, "field", "models.ThingRequest.size"),
    },
    "request enum value removed": {
        ("added", False, "enum-value", f"{CMD} --shade"),
        ("added", False, "enum-value", "models.ThingRequest.shade"),
    },
    "response enum value added": {("removed", True, "enum-value", "models.State")},
    "response field removed": {("added", False, "field", "models.ThingResponse.count")},
    "response field became optional": {("changed", False, "field", "models.ThingResponse.thing_id")},
    "short flag added": {("removed", True, "short-flag", f"{CMD} --size")},
    "optional query parameter added": {
        ("removed", True, "flag", f"{CMD} --limit"),
        ("removed", True, "parameter", f"{METHOD}(limit)"),
    },
    "request body became optional": {("changed", True, "parameter", f"{METHOD}(request)")},
    "model class removed": {("added", False, "model", "models.Spare")},
}


@pytest.mark.parametrize(("name", "edit", "expected"), RULES, ids=[r[0] for r in RULES])
def test_each_rule(tmp_path: Path, name: str, edit: Callable[[Spec], None], expected: set[Any]) -> None:
    assert summary(changes_between(tmp_path, BASE, mutated(edit))) == expected


@pytest.mark.parametrize("name", sorted(INVERSE))
def test_each_rule_backwards(tmp_path: Path, name: str) -> None:
    edit = next(e for n, e, _ in RULES if n == name)
    assert summary(changes_between(tmp_path, mutated(edit), BASE)) == INVERSE[name]


def test_changes_name_the_spec_line(tmp_path: Path) -> None:
    (change,) = [c for c in changes_between(tmp_path, BASE, mutated(retype_size)) if c.kind == "field"]
    text = (tmp_path / "new.yaml").read_text().splitlines()
    assert change.at is not None
    assert change.at.file == str(tmp_path / "new.yaml")
    assert text[change.at.line - 1].strip() == "size:"
    assert change.detail == "type int -> str"


# ---------------------------------------------------------------- the command


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def write(tmp_path: Path, name: str, spec: Spec) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def test_exit_codes_and_json(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    same = generator("diff", str(base), str(write(tmp_path, "reworded.yaml", mutated(reword))), "--format", "json")
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout) == {"changes": [], "breaking": False, "bump": "patch"}
    identical = generator("diff", str(base), str(base), "--format", "json")
    assert (identical.returncode, json.loads(identical.stdout)["bump"]) == (0, "none")
    compatible = generator("diff", str(base), str(write(tmp_path, "c.yaml", mutated(add_state))), "--format", "json")
    assert compatible.returncode == 1, compatible.stderr
    assert json.loads(compatible.stdout) == {
        "changes": [
            {
                "change": "added",
                "breaking": False,
                "kind": "enum-value",
                "where": "models.State",
                "detail": "value 'ARCHIVED' added",
            }
        ],
        "breaking": False,
        "bump": "minor",
    }
    breaking = generator("diff", str(base), str(write(tmp_path, "b.yaml", mutated(drop_count))))
    assert breaking.returncode == 4, breaking.stderr
    assert breaking.stdout.splitlines() == [
        "- field models.ThingResponse.count: field removed (int)  [breaking]",
        "1 change to the surface, 1 breaking (bump: major)",
    ]


def test_bad_input_exits_2(tmp_path: Path) -> None:
    missing = generator("diff", str(tmp_path / "nope.yaml"), str(SPEC))
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"{tmp_path / 'nope.yaml'}:0:0: no such file")
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: [\n")
    broken = generator("diff", str(SPEC), str(bad))
    assert broken.returncode == 2
    assert f"{bad}:" in broken.stderr and "invalid YAML" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_github_annotations_point_at_the_spec_line(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    new = write(tmp_path, "new.yaml", mutated(add_required_field))
    proc = generator("diff", str(base), str(new), "--format", "github")
    assert proc.returncode == 4
    line = next(i for i, text in enumerate(new.read_text().splitlines(), 1) if text.strip() == "weight:")
    annotations = [a for a in proc.stdout.splitlines() if a.startswith("::")]
    assert f"::error file={new},line={line},title=breaking change%3A field added::" in "\n".join(annotations)
    assert all(a.startswith("::error ") for a in annotations)


def test_overlays_per_side(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE)
    ov = tmp_path / "ov.yaml"
    ov.write_text(
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n"
        "  - target: $.components.schemas.thing_response.properties.count\n    remove: true\n"
    )
    proc = generator("diff", str(base), str(base), "--new-overlay", str(ov))
    assert proc.returncode == 4
    assert "- field models.ThingResponse.count" in proc.stdout
    both = generator("diff", str(base), str(base), "--overlay", str(ov))
    assert both.returncode == 0, both.stdout
    # an overlay target that matches nothing is reported by diff too, and stops it under --strict
    stale = generator("diff", str(base), str(base), "--overlay", str(ov), "--overlay", str(ov))
    assert stale.returncode == 0, stale.stderr
    assert (
        f"{ov}:4:5 #/actions/0/target: warning: target $.components.schemas.thing_response.properties.count "
        "matches nothing" in stale.stderr
    )
    strict = generator("diff", str(base), str(base), "--overlay", str(ov), "--overlay", str(ov), "--strict")
    assert strict.returncode == 2


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two generated trees (before and after a breaking edit) and the edited spec."""
    root = tmp_path_factory.mktemp("trees")
    old_spec = write(root, "old.yaml", BASE)
    new_spec = write(root, "new.yaml", mutated(lambda s: (drop_count(s), add_optional_field(s))))
    for name, spec in (("old", old_spec), ("new", new_spec)):
        proc = generator("generate", "--spec", str(spec), "--out", str(root / name), "--package", "things")
        assert proc.returncode == 0, proc.stderr
    return root / "old", root / "new", new_spec


def test_two_generated_trees(trees: tuple[Path, Path, Path]) -> None:
    old, new, _ = trees
    proc = generator("diff", str(old), str(new), "--format", "json")
    assert proc.returncode == 4, proc.stderr
    found = {(c["change"], c["breaking"], c["kind"], c["where"]) for c in json.loads(proc.stdout)["changes"]}
    assert found == {
        ("removed", True, "field", "models.ThingResponse.count"),
        ("added", False, "field", "models.ThingRequest.weight"),
        ("added", False, "flag", f"{CMD} --weight"),
    }


def test_a_tree_against_a_spec_is_located_in_the_spec(trees: tuple[Path, Path, Path]) -> None:
    old, _, new_spec = trees
    proc = generator("diff", str(old), str(new_spec), "--format", "github")
    assert proc.returncode == 4, proc.stderr
    line = next(i for i, text in enumerate(new_spec.read_text().splitlines(), 1) if text.strip() == "weight:")
    assert f"::notice file={new_spec},line={line},title=compatible change%3A flag added::" in proc.stdout


def test_both_extractors_see_the_same_cli_and_client() -> None:
    doc, api = analyse(SPEC)
    spec_side = from_spec(api, doc)
    tree_side = from_tree(render_tree(api, doc), api.package)

    def plain(surface: Any) -> Any:
        commands = {
            n: (c.method, c.path, {f: (x.short, x.type, x.required, x.choices) for f, x in c.flags.items()})
            for n, c in surface.commands.items()
        }
        methods = {
            n: (m.returns, {p: (x.type, x.required) for p, x in m.params.items()}) for n, m in surface.methods.items()
        }
        return commands, methods

    assert plain(spec_side) == plain(tree_side)
    # every component schema is a model class (the tree adds classes for inline enums)
    assert set(spec_side.models) <= set(tree_side.models)
    assert {n for n, m in spec_side.models.items() if m.request} >= {"TokenRequest", "GMRequest"}
    assert {n for n, m in tree_side.models.items() if m.response} >= {"TokenResponse", "Result"}


def test_the_engine_passes_mypy_strict(tmp_path: Path) -> None:
    """Past the IR, data is typed: the surface, the rules, the overlay and the diff driver."""
    modules = ["generator/surface.py", "generator/breaking.py", "generator/overlay.py", "generator/diff.py"]
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--cache-dir", str(tmp_path), *modules],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
