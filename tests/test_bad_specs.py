"""Bad specs: located diagnostics on stderr, exit 2, no traceback, and the output folder untouched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPEC
from test_golden import reference_tree

SPECS = Path(__file__).resolve().parent / "specs"
MINIMAL = SPECS / "minimal.yaml"

# file:line:col #/json/pointer: message -- the pointer is '#' alone only for the document root,
# which is where problems that have no node (syntax errors, an empty file) are reported.
DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+) #(?P<pointer>/\S*)?: (?P<message>.+)$")
SUMMARY = re.compile(r"^(?P<count>\d+) errors?; nothing was written$")


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def run(*args: str) -> tuple[int, str, str]:
    proc = start(*args)
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def shown(path: Path) -> str:
    """How the generator names a spec file: relative to its working folder (ROOT) when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def resolve(data: Any, pointer: str) -> bool:
    """Whether a JSON pointer names a node of data."""
    node = data
    for raw in pointer.lstrip("/").split("/") if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """A bad spec, the diagnostic it must produce at `pointer` and how many errors it has."""

    name: str
    make: Callable[[Path], Path]  # tmp folder -> spec path
    line: int
    col: int
    pointer: str | None  # None: the line has no pointer part (a file that cannot be read)
    message: str  # part of the message of the diagnostic at `pointer`
    count: int | None = 1  # None: any number of errors


def fixture(name: str) -> Callable[[Path], Path]:
    return lambda tmp: SPECS / name


def edited(source: Path, old: str, new: str, suffix: str = ".yaml") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        text = source.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path = tmp / f"spec{suffix}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return make


def written(name: str, text: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def several(tmp: Path) -> Path:
    """Three independent problems: every one is reported in the same run."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("          required: true\n", "          required: true\n          x-cli-short: ab\n")
    text = text.replace("schemas/item'", "schemas/nope'")
    text = text.replace("        name:\n          type: string", "        name:\n          type: strin")
    path = tmp / "several.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


ITEM = "#/paths/~1items~1{itemId}/get"

CASES = [
    Case(
        "yaml-syntax",
        fixture("bad_yaml_syntax.yaml"),
        10,
        16,
        "",
        "invalid YAML: found character '@' that cannot start any token",
    ),
    Case(
        "yaml-tab",
        edited(MINIMAL, "      tags: [Items]", "\ttags: [Items]"),
        9,
        1,
        "",
        "invalid YAML: found character '\\t'",
    ),
    Case(
        "duplicate-key",
        fixture("bad_duplicate_key.yaml"),
        10,
        7,
        "/paths/~1items~1{itemId}/get/operationId",
        "duplicate key 'operationId'",
    ),
    Case(
        "dangling-ref",
        fixture("bad_dangling_ref.yaml"),
        22,
        17,
        "/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/$ref",
        "$ref '#/components/schemas/itme' points to nothing in this document",
    ),
    Case(
        "external-ref",
        edited(MINIMAL, "'#/components/schemas/item'", "'other.yaml#/item'"),
        22,
        17,
        "/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/$ref",
        "only local references ('#/...') are supported; found 'other.yaml#/item'",
    ),
    Case("version-2", fixture("bad_version.yaml"), 1, 1, "/openapi", "only OpenAPI 3.x is supported; found '2.0.0'"),
    Case(
        "swagger",
        edited(MINIMAL, "openapi: 3.0.3", "swagger: '2.0'"),
        1,
        1,
        "/openapi",
        "only OpenAPI 3.x is supported; found nothing",
    ),
    Case(
        "duplicate-operation-id",
        fixture("bad_duplicate_operation_id.yaml"),
        25,
        7,
        "/paths/~1other/get/operationId",
        f"operationId 'get_item_api' is also used at {ITEM}",
    ),
    Case(
        "short-taken",
        fixture("bad_short.yaml"),
        14,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-short",
        "x-cli-short 'h' is taken by a global option (-d, -H, -h, -o, -q)",
    ),
    Case(
        "short-not-a-letter",
        edited(
            MINIMAL,
            "        name:\n          type: string",
            "        name:\n          type: string\n          x-cli-short: 7",
        ),
        31,
        11,
        "/components/schemas/item/properties/name/x-cli-short",
        "x-cli-short must be one letter; found 7",
    ),
    Case(
        "short-two-letters",
        edited(MINIMAL, "          required: true\n", "          required: true\n          x-cli-short: ab\n"),
        14,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-short",
        "x-cli-short must be one letter; found 'ab'",
    ),
    Case(
        "type-strin",
        fixture("bad_type.yaml"),
        30,
        11,
        "/components/schemas/item/properties/name/type",
        "unknown schema type 'strin'; expected one of array, boolean, integer, number, object, string",
    ),
    Case("missing-file", lambda tmp: SPECS / "no-such-spec.yaml", 0, 0, None, "no such file"),
    Case("directory", lambda tmp: tmp, 0, 0, None, "cannot read: Is a directory"),
    Case("empty", fixture("empty.yaml"), 1, 1, "", "the file is empty"),
    Case("not-a-mapping", written("list.yaml", "- a\n- b\n"), 1, 1, "", "the spec must be a mapping at the top level"),
    Case("json-syntax", fixture("bad_json_syntax.json"), 5, 5, "", "invalid JSON: Expecting ',' delimiter"),
    Case(
        "json-dangling-ref",
        fixture("bad_json_ref.json"),
        30,
        19,
        "/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/$ref",
        "$ref '#/components/schemas/itme' points to nothing in this document",
    ),
    Case(
        "openapi-schema",
        edited(MINIMAL, "          description: The item.\n", ""),
        17,
        9,
        "/paths/~1items~1{itemId}/get/responses/200",
        "not valid OpenAPI 3.0.3: 'description' is a required property",
    ),
    Case(
        "several-problems",
        several,
        14,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-short",
        "x-cli-short must be one letter",
        count=3,
    ),
    # Malformed shapes that our own checks must report, not crash on (exit 3 would be an internal error).
    Case(
        "parameters-not-a-list",
        edited(
            MINIMAL,
            "      parameters:\n        - name: itemId\n          in: path\n          required: true\n          schema:\n            type: string\n",
            "      parameters: 5\n",
        ),
        10,
        7,
        "/paths/~1items~1{itemId}/get/parameters",
        "",
        count=None,
    ),
    Case(
        "x-cli-flag-not-a-string",
        edited(MINIMAL, "          required: true\n", "          required: true\n          x-cli-flag: 5\n"),
        14,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-flag",
        "x-cli-flag",
        count=None,
    ),
    Case(
        "x-cli-flag-with-a-space",
        edited(MINIMAL, "          required: true\n", "          required: true\n          x-cli-flag: item id\n"),
        14,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0/x-cli-flag",
        "x-cli-flag",
        count=None,
    ),
    Case(
        "header-name-not-a-token",
        edited(
            MINIMAL,
            "            type: string\n      responses:",
            '            type: string\n        - {name: "X-Trace\\r\\nX-Evil", in: header, schema: {type: string}}\n'
            "      responses:",
        ),
        16,
        12,
        "/paths/~1items~1{itemId}/get/parameters/1/name",
        "header parameter name 'X-Trace\\r\\nX-Evil' is not an HTTP token",  # the line break, escaped
    ),
    Case(
        "cookie-name-not-a-token",
        edited(
            MINIMAL,
            "            type: string\n      responses:",
            "            type: string\n        - {name: 'sid; admin', in: cookie, schema: {type: string}}\n      responses:",
        ),
        16,
        12,
        "/paths/~1items~1{itemId}/get/parameters/1/name",
        "cookie parameter name 'sid; admin' is not an HTTP token",
    ),
    Case(
        "path-parameter-not-declared",
        edited(MINIMAL, "  /items/{itemId}:\n", "  /items/{itemId}/{other}:\n"),
        7,
        5,
        "/paths/~1items~1{itemId}~1{other}/get",
        "path parameter {other} of /items/{itemId}/{other} is not declared in parameters",
    ),
    Case(
        "path-parameter-not-required",
        edited(MINIMAL, "          required: true\n", "          required: false\n"),
        11,
        11,
        "/paths/~1items~1{itemId}/get/parameters/0",
        "path parameter 'itemId' must have required: true",
    ),
    Case(
        "path-parameter-not-in-path",
        edited(MINIMAL, "  /items/{itemId}:\n", "  /items/{id}:\n"),
        7,
        5,
        "/paths/~1items~1{id}/get",
        "path parameter {id} of /items/{id} is not declared",
        count=2,
    ),
    Case(
        "invalid-status",
        edited(MINIMAL, "        '200':\n", "        '20x':\n"),
        17,
        9,
        "/paths/~1items~1{itemId}/get/responses/20x",
        "invalid response status '20x'; expected a code such as 200, a range such as 4XX, or default",
    ),
    Case(
        "circular-ref",
        edited(
            MINIMAL,
            "    item:\n      type: object\n",
            "    loop:\n      $ref: '#/components/schemas/item'\n    item:\n      $ref: '#/components/schemas/loop'\n      type: object\n",
        ),
        22,
        17,
        "/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/$ref",
        "circular $ref with no way out",
        count=None,
    ),
    Case(
        "required-not-a-list",
        edited(MINIMAL, "required: [name]", "required: name"),
        27,
        7,
        "/components/schemas/item/required",
        "required must be a list of property names",
        count=None,
    ),
    Case(
        "duplicate-parameter",
        edited(
            MINIMAL,
            "            type: string\n      responses:",
            "            type: string\n        - name: itemId\n          in: path\n          required: true\n"
            "          schema:\n            type: string\n      responses:",
        ),
        16,
        11,
        "/paths/~1items~1{itemId}/get/parameters/1",
        "path parameter 'itemId' is also declared at #/paths/~1items~1{itemId}/get/parameters/0",
    ),
    # OpenAPI 3.1 hands schemas to JSON Schema's own dialect: the validator then says where inside
    # the schema it checked, never which schema; the diagnostic must still name the very node
    Case(
        "inside-a-3.1-schema",
        written(
            "v31.yaml",
            MINIMAL.read_text(encoding="utf-8")
            .replace("openapi: 3.0.3", "openapi: 3.1.0")
            .replace(
                "        name:\n          type: string\n",
                "        name:\n          type: string\n        count:\n          type: integer\n"
                "          exclusiveMinimum: true\n",
            ),
        ),
        33,
        11,
        "/components/schemas/item/properties/count/exclusiveMinimum",
        "not valid OpenAPI 3.1.0: True is not of type 'number'",
    ),
    Case(
        "inline-properties-of-one-python-name",
        written(
            "inline_clash.yaml",
            open(SPECS / "minimal.yaml", encoding="utf-8")
            .read()
            .replace(
                "        name:\n          type: string\n",
                "        name:\n          type: string\n        inner:\n          type: object\n"
                "          properties:\n            ID:\n              type: string\n            id:\n"
                "              type: integer\n",
            ),
        ),
        34,
        13,
        "/components/schemas/item/properties/inner/properties/ID",
        "properties 'ID' and 'id' of this inline object would both be the Python field id_; rename one",
    ),
    Case(
        "empty-one-of-in-a-3.1-schema",
        written(
            "v31-one-of.yaml",
            MINIMAL.read_text(encoding="utf-8")
            .replace("openapi: 3.0.3", "openapi: 3.1.0")
            .replace("        name:\n          type: string\n", "        name:\n          oneOf: []\n"),
        ),
        30,
        11,
        "/components/schemas/item/properties/name/oneOf",
        "[] should be non-empty",
    ),
]


# --------------------------------------------------------------------------- the output folder


class Output:
    """A folder generated from the good spec (and one from its JSON form), shared by every case."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        base = tmp_path_factory.mktemp("bad-specs")
        self.out = base / "out"
        self.json_spec = base / "authlete.json"
        self.json_spec.write_text(
            json.dumps(yaml.safe_load(SPEC.read_text(encoding="utf-8")), indent=2), encoding="utf-8"
        )
        self.json_out = base / "out-json"
        job = start("generate", "--spec", str(self.json_spec), "--out", str(self.json_out))
        shutil.copytree(reference_tree(tmp_path_factory), self.out)
        out, err = job.communicate(timeout=300)
        assert job.returncode == 0, err
        assert out == f"{self.json_out}: {len(snapshot(self.out))} files, {len(snapshot(self.out))} changed\n"
        self.before = snapshot(self.out)
        assert len(self.before) > 10

    def restore(self) -> None:
        """Put the folder back as generated, so one failing case cannot spoil the others."""
        if snapshot(self.out) == self.before:
            return
        shutil.rmtree(self.out, ignore_errors=True)
        for rel, data in self.before.items():
            (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.out / rel).write_bytes(data)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Output:
    return Output(tmp_path_factory)


def check_report(spec: Path, code: int, out: str, err: str, case: Case) -> list[re.Match[str]]:
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert lines, "nothing on stderr"
    summary = SUMMARY.match(lines[-1])
    assert summary, lines[-1]
    assert int(summary["count"]) == len(lines) - 1 >= 1, err
    if case.count is not None:
        assert len(lines) - 1 == case.count, err
    if case.pointer is None:
        assert lines[:-1] == [f"{shown(spec)}:0:0: {case.message}"]
        return []
    matches = []
    for line in lines[:-1]:
        match = DIAGNOSTIC.match(line)
        assert match, f"not file:line:col #/pointer: message -- {line!r}"
        assert match["file"] == shown(spec)
        matches.append(match)
    at_pointer = [m for m in matches if (m["pointer"] or "") == case.pointer]
    assert at_pointer, f"no diagnostic at #{case.pointer}:\n{err}"
    first = at_pointer[0]
    assert (int(first["line"]), int(first["col"])) == (case.line, case.col), first.string
    assert case.message in first["message"], first.string
    return matches


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_spec(case: Case, output: Output, tmp_path: Path) -> None:
    spec = case.make(tmp_path)
    try:
        code, out, err = run("generate", "--spec", str(spec), "--out", str(output.out))
        after = snapshot(output.out)
    finally:
        output.restore()
    matches = check_report(spec, code, out, err, case)
    # every pointer names a node that exists, at a real position of the file
    if spec.is_file() and case.pointer:
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        n_lines = len(spec.read_text(encoding="utf-8").splitlines())
        for match in matches:
            # a pointer may name a missing member ('found nothing') but never a node that is elsewhere
            missing_ok = "found nothing" in match["message"]
            assert missing_ok or resolve(data, match["pointer"] or ""), f"pointer names nothing: {match.string}"
            assert 1 <= int(match["line"]) <= n_lines
    # nothing was written, nothing was left beside the folder
    assert after == output.before
    assert sorted(p.name for p in output.out.parent.iterdir()) == ["authlete.json", "out", "out-json"]


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    spec = several(tmp_path)
    code, _, err = run("validate", "--spec", str(spec))
    assert code == 2
    lines = err.splitlines()
    assert lines[-1] == "3 errors; nothing was written"
    assert [line.split(" ", 1)[0].rsplit(":", 2)[1:] for line in lines[:-1]] == [
        ["14", "11"],
        ["23", "17"],
        ["31", "11"],
    ]
    assert "x-cli-short must be one letter" in lines[0]
    assert "$ref '#/components/schemas/nope' points to nothing" in lines[1]
    assert "unknown schema type 'strin'" in lines[2]


@pytest.mark.parametrize("command", ["validate", "describe", "check"])
def test_every_command_reports_a_bad_spec_the_same_way(command: str, output: Output) -> None:
    spec = SPECS / "bad_dangling_ref.yaml"
    args = [command, "--spec", str(spec)] + (["--out", str(output.out)] if command == "check" else [])
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err == (
        "tests/specs/bad_dangling_ref.yaml:22:17 "
        "#/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/$ref: "
        "$ref '#/components/schemas/itme' points to nothing in this document\n"
        "1 error; nothing was written\n"
    )


def test_bad_spec_into_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "never"
    code, _, err = run("generate", "--spec", str(SPECS / "bad_type.yaml"), "--out", str(out))
    assert code == 2, err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_json_spec_generates_the_same_tree(output: Output) -> None:
    assert snapshot(output.json_out) == snapshot(output.out)


def test_minimal_fixtures_are_valid() -> None:
    for name in ("minimal.yaml", "minimal.json"):
        code, out, err = run("validate", "--spec", str(SPECS / name))
        assert code == 0, err
        assert re.fullmatch(rf"tests/specs/{re.escape(name)}: valid; 1 operations?\n", out), out


def test_fixtures_stay_small() -> None:
    for path in SPECS.rglob("*"):
        assert path.is_dir() or path.stat().st_size < 4000, path


def test_bad_fixtures_are_small_edits_of_minimal() -> None:
    """Guard the fixtures themselves: each bad YAML fixture differs from minimal.yaml in one place."""
    good = MINIMAL.read_text(encoding="utf-8").splitlines()
    for path in sorted(SPECS.glob("bad_*.yaml")):
        bad = path.read_text(encoding="utf-8").splitlines()
        assert bad != good, path
        assert abs(len(bad) - len(good)) <= 7, path
    assert os.path.getsize(SPECS / "empty.yaml") == 0


def test_two_commands_that_would_share_a_client_method(tmp_path: Path) -> None:
    """``items-list`` and ``items list`` are two commands but one ``items_list()``; ``list-raw`` is ``list``'s raw twin."""
    spec = tmp_path / "clash.yaml"
    ops = {"/a": ("listItems", "items list"), "/b": ("listItemsRaw", "items list-raw"), "/c": ("c", "items-list")}
    paths = {
        path: {"get": {"operationId": op_id, "x-cli-command": words, "responses": {"200": {"description": "ok"}}}}
        for path, (op_id, words) in ops.items()
    }
    spec.write_text(yaml.safe_dump({"openapi": "3.0.3", "info": {"title": "Clash", "version": "1"}, "paths": paths}))
    code, _, err = run("validate", "--spec", str(spec))
    assert code == 2
    lines = err.splitlines()
    assert lines[-1] == "2 errors; nothing was written"
    assert (
        "#/paths/~1b/get: client method items_list_raw() is produced by both 'items list' and 'items list-raw'" in err
    )
    assert "#/paths/~1c/get: client method items_list() is produced by both 'items list' and 'items-list'" in err
    # what to do about it, as a stranger to the spec can: GitHub's markdown/render-raw is such a twin
    assert "set x-cli-command on one of them (an --overlay can), or leave this one out with --skip listItemsRaw" in err
