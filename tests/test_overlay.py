"""Overlays (OpenAPI Overlay 1.0): update, remove, unmatched targets, located errors, the shipped overlay."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC

from generator.diagnostics import GeneratorError
from generator.pipeline import analyse
from generator.render import describe_text

MINIMAL = ROOT / "tests" / "specs" / "minimal.yaml"
SHIPPED = ROOT / "specs" / "overlays" / "authlete-cli.yaml"


def generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def overlay(tmp_path: Path, text: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text("overlay: 1.0.0\ninfo: {title: test, version: '1'}\nactions:\n" + text)
    return path


def test_update_merges_into_the_target(tmp_path: Path) -> None:
    ov = overlay(
        tmp_path,
        """\
  - target: $.paths['/items/{itemId}'].get
    update:
      x-cli-command: item show
      parameters:
        - {name: verbose, in: query, schema: {type: boolean}}
""",
    )
    _, api = analyse(MINIMAL, overlays=[ov])
    (op,) = api.operations
    assert op.command == "item show"
    # an array in the update is appended to the array it meets
    assert [o.flag for o in op.options] == ["--item-id", "--verbose"]
    assert api.notes == ()


def test_update_replaces_scalars_and_appends_to_a_selected_array(tmp_path: Path) -> None:
    ov = overlay(
        tmp_path,
        """\
  - target: $.components.schemas.item.properties.name
    update: {type: integer}
  - target: $.components.schemas.item.required
    update: size
  - target: $.components.schemas.item.properties
    update: {size: {type: string}}
""",
    )
    doc, _ = analyse(MINIMAL, overlays=[ov])
    item = doc.data["components"]["schemas"]["item"]
    assert item["properties"]["name"] == {"type": "integer"}
    assert item["required"] == ["name", "size"]


def test_remove_drops_every_match(tmp_path: Path) -> None:
    ov = overlay(
        tmp_path,
        """\
  - target: $.paths.*[?@.operationId == 'get_item_api']
    remove: true
""",
    )
    _, api = analyse(MINIMAL, overlays=[ov])
    assert api.operations == ()


def test_overlays_apply_in_order(tmp_path: Path) -> None:
    first = overlay(tmp_path, "  - target: $.paths.*.get\n    update: {x-cli-command: one}\n", "first.yaml")
    second = overlay(tmp_path, "  - target: $.paths.*[?@.x-cli-command == 'one']\n    update: {x-cli-command: two}\n")
    _, api = analyse(MINIMAL, overlays=[first, second])
    assert api.operations[0].command == "two"
    _, api = analyse(MINIMAL, overlays=[second, first])
    assert api.operations[0].command == "one"
    assert "matches nothing" in str(api.notes[0])


def test_a_target_that_matches_nothing_is_a_located_warning(tmp_path: Path) -> None:
    ov = overlay(tmp_path, "  - target: $.paths['/nope'].get\n    update: {summary: x}\n")
    proc = generator("describe", "--spec", str(MINIMAL), "--overlay", str(ov))
    assert proc.returncode == 0, proc.stderr
    assert (
        proc.stderr
        == f"{ov}:4:5 #/actions/0/target: warning: target $.paths['/nope'].get matches nothing in {MINIMAL.relative_to(ROOT)}\n"
        "1 warning; generation went on (--strict makes warnings errors)\n"
    )
    assert "authlete items get-item" in proc.stdout


def test_under_strict_an_unmatched_target_is_an_error(tmp_path: Path) -> None:
    ov = overlay(tmp_path, "  - target: $.paths['/nope'].get\n    update: {summary: x}\n")
    proc = generator(
        "generate", "--spec", str(MINIMAL), "--overlay", str(ov), "--strict", "--out", str(tmp_path / "out")
    )
    assert proc.returncode == 2
    assert f"{ov}:4:5 #/actions/0/target: target $.paths['/nope'].get matches nothing" in proc.stderr
    assert "warning:" not in proc.stderr
    assert proc.stderr.endswith("1 error; nothing was written\n")
    assert not (tmp_path / "out").exists()


def test_an_error_in_the_merged_document_points_into_the_overlay(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    text = MINIMAL.read_text().replace("$ref: '#/components/schemas/item'", "$ref: '#/components/schemas/gone'")
    spec.write_text(text)
    ov = overlay(
        tmp_path,
        """\
  - target: $.components.schemas.item.properties.name
    update:
      x-cli-short: '12'
""",
    )
    proc = generator("validate", "--spec", str(spec), "--overlay", str(ov))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    ref_line = text.splitlines().index("                $ref: '#/components/schemas/gone'") + 1
    assert (
        f"{ov}:6:7 #/components/schemas/item/properties/name/x-cli-short: x-cli-short must be one letter; found '12'"
        in lines
    )
    # the spec's own nodes still point into the spec
    assert any(line.startswith(f"{spec}:{ref_line}:17 ") and "points to nothing" in line for line in lines), lines
    assert lines[-1] == "2 errors; nothing was written"


def test_positions_survive_a_removal_that_shifts_a_list(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    data = yaml.safe_load(MINIMAL.read_text())
    params = data["paths"]["/items/{itemId}"]["get"]["parameters"]
    params.append({"name": "limit", "in": "query", "schema": {"type": "integer"}, "x-cli-short": "!"})
    spec.write_text(yaml.safe_dump(data, sort_keys=False))
    short_line = next(i for i, line in enumerate(spec.read_text().splitlines(), 1) if "x-cli-short" in line)
    ov = overlay(tmp_path, "  - target: $.paths.*.get.parameters[?@.name == 'itemId']\n    remove: true\n")
    with pytest.raises(GeneratorError) as caught:
        analyse(spec, overlays=[ov])
    # the removal also leaves {itemId} undeclared, reported on its own line
    (error,) = [d for d in caught.value.diagnostics if "x-cli-short" in d.pointer]
    assert (error.file, error.line, error.pointer) == (
        str(spec),
        short_line,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-short",
    )


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ("  - target: $.paths[\n    remove: true\n", "4:5 #/actions/0/target: invalid JSONPath '$.paths['"),
        ("  - target: paths\n    remove: true\n", "4:5 #/actions/0/target: an action needs a target"),
        ("  - target: $.paths\n", "4:5 #/actions/0: this action does nothing"),
        ("  - target: $.paths\n    remove: 'yes'\n", "5:5 #/actions/0/remove: remove must be true or false"),
        ("  - target: $.paths\n    updates: {}\n", "5:5 #/actions/0/updates: unknown action field 'updates'"),
        ("  - target: $.info.title\n    update: {a: 1}\n", "5:5 #/actions/0/update: target $.info.title selects a str"),
    ],
)
def test_bad_overlays_get_located_errors(tmp_path: Path, actions: str, message: str) -> None:
    ov = overlay(tmp_path, actions)
    proc = generator("validate", "--spec", str(MINIMAL), "--overlay", str(ov))
    assert proc.returncode == 2
    assert f"{ov}:{message}" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_overlay_needs_its_header(tmp_path: Path) -> None:
    ov = tmp_path / "bad.yaml"
    ov.write_text("overlay: 2.0.0\nactions: []\n")
    proc = generator("describe", "--spec", str(MINIMAL), "--overlay", str(ov))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"{ov}:1:1 #/info: an overlay needs info.title and info.version (strings)",
        f"{ov}:1:1 #/overlay: an overlay needs 'overlay: 1.0.x' (Overlay 1.0); found '2.0.0'",
        f"{ov}:2:1 #/actions: an overlay needs a non-empty list of actions",
        "3 errors; nothing was written",
    ]


def test_every_generator_command_takes_overlays(tmp_path: Path) -> None:
    ov = overlay(tmp_path, "  - target: $.paths.*.get\n    update: {x-cli-command: item show}\n")
    out = tmp_path / "out"
    for command in (["generate", "--out", str(out)], ["check", "--out", str(out)], ["validate"], ["describe"]):
        proc = generator(*command, "--spec", str(MINIMAL), "--overlay", str(ov), "--package", "mini")
        if command[0] in ("validate", "describe"):
            proc = generator(*command, "--spec", str(MINIMAL), "--overlay", str(ov))
        assert proc.returncode == 0, (command, proc.stderr)
    assert '    "item show": {' in (out / "mini" / "commands" / "item.py").read_text()


# ------------------------------------------------------------------ the shipped overlay


def upstream_shape(ours: dict[str, Any]) -> dict[str, Any]:
    """Our spec dressed the way Authlete publishes its own.

    Built from our own text so the vendor's never enters the repository:
    none of our extensions (x-cli-*, x-http-response), the service ID written inline in every operation,
    the g_m_request defect, operations, schemas, links and tags outside the
    CLI's scope, and an operation without an operationId.
    """
    spec = copy.deepcopy(ours)

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if not str(k).startswith(("x-cli-", "x-http-"))}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    spec = strip(spec)
    service_id = {"in": "path", "name": "serviceId", "required": True, "schema": {"type": "string"}}
    for item in spec["paths"].values():
        for op in item.values():
            op["parameters"] = [
                dict(service_id) if p == {"$ref": "#/components/parameters/serviceId"} else p for p in op["parameters"]
            ]
            success = next(code for code in op["responses"] if str(code).startswith("2"))
            op["responses"][success]["links"] = {"next": {"$ref": "#/components/links/service_get"}}
    del spec["components"]["parameters"]
    spec["components"]["schemas"]["g_m_request"]["required"] = ["token"]
    spec["components"]["schemas"]["service"] = {"type": "object", "properties": {"number": {"type": "integer"}}}
    spec["components"]["links"] = {"service_get": {"operationId": "service_get_api"}}
    spec["tags"].append({"name": "Service Management", "description": "Services."})
    spec["servers"] = [{"url": s["url"], "description": "A cluster."} for s in spec["servers"]]
    spec["paths"]["/api/{serviceId}/service/get"] = {
        "get": {
            "operationId": "service_get_api",
            "tags": ["Service Management"],
            "parameters": [dict(service_id)],
            "responses": {
                "200": {
                    "description": "The service.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/service"}}},
                }
            },
        }
    }
    spec["paths"]["/api/lifecycle/healthcheck"] = {"get": {"responses": {"200": {"description": "Alive."}}}}
    return spec


def test_upstream_plus_the_shipped_overlay_describes_our_cli(tmp_path: Path) -> None:
    ours = yaml.safe_load(SPEC.read_text())
    upstream = tmp_path / "upstream.yaml"
    upstream.write_text(yaml.safe_dump(upstream_shape(ours), sort_keys=False))
    # without the overlay, upstream's shape is not our CLI, and its g_m_request defect is a warning
    _, raw = analyse(upstream)
    assert describe_text(raw) != describe_text(analyse(SPEC)[1])
    assert any("required property 'token'" in str(note) for note in raw.notes)
    # strict: every action of the shipped overlay must find its target
    _, merged = analyse(upstream, overlays=[SHIPPED], strict=True)
    _, expected = analyse(SPEC)
    assert describe_text(merged) == describe_text(expected)
    # our extensions beyond commands and flags: the oauth helpers and the action-to-HTTP mappings
    assert merged.oauth == expected.oauth
    assert merged.http_mappings == expected.http_mappings
    assert merged.http_mappings and merged.oauth
    assert [s.name for s in merged.servers] == ["us", "jp", "eu", "br"]
    assert len(merged.operations) == 14


def test_make_regenerate_upstream_reports_then_generates_through_the_overlay() -> None:
    proc = subprocess.run(
        ["make", "-n", "regenerate", "UPSTREAM=upstream.yaml"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "-m generator" in line]
    assert [line.split("-m generator ", 1)[1] for line in lines] == [
        "diff generated upstream.yaml --new-overlay specs/overlays/authlete-cli.yaml",
        "generate --spec upstream.yaml --overlay specs/overlays/authlete-cli.yaml",
    ]
