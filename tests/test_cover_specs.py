"""Every spec of tests/specs/cover/ end to end: generate, mypy --strict, import, every --help, every
operation's help example against Prism serving that spec, with no request-validation violation.

The expensive steps are batched: generation two at a time, ONE mypy run over all packages, all
Prisms started at once, and one driver process per package (tests/cover_driver.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from prism import Prism

from generator import background

COVER = ROOT / "tests" / "specs" / "cover"
SPECS = sorted(COVER.glob("*.yaml"))
PACKAGES = {"petshop_identity": "petshop"}  # the rest are named after their spec


def package_of(spec: Path) -> str:
    return PACKAGES.get(spec.stem, spec.stem)


def has_operations(spec: Path) -> bool:
    return bool(yaml.safe_load(spec.read_text(encoding="utf-8")).get("paths"))


# One process generates every spec through the generator's own CLI entry point, so the
# interpreter and datamodel-code-generator are imported once, not once per spec.
_GENERATE_ALL = """
import contextlib, io, json, sys
from generator.cli import main
results = {}
for name, args in json.loads(sys.argv[1]).items():
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    results[name] = {"code": code, "out": out.getvalue(), "err": err.getvalue()}
print(json.dumps(results))
"""


class Built:
    """All cover specs generated into one folder each."""

    def __init__(self, base: Path) -> None:
        self.base = base
        jobs = {
            spec.stem: ["generate", "--spec", str(spec), "--out", str(self.out(spec)), "--package", package_of(spec)]
            for spec in SPECS
        }
        proc = subprocess.run(
            [sys.executable, "-c", _GENERATE_ALL, json.dumps(jobs)],
            env={**os.environ, background.ENV_SWITCH: "0"},  # datamodel-code-generator in this process, once
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        self.results: dict[str, dict[str, Any]] = json.loads(proc.stdout)

    def out(self, spec: Path | str) -> Path:
        return self.base / (spec.stem if isinstance(spec, Path) else spec)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(tmp_path_factory.mktemp("cover"))


@pytest.fixture(scope="module")
def prisms() -> Iterator[dict[str, str]]:
    """A Prism per spec that has operations, all started at once."""
    servers = {spec.stem: Prism(spec, timeout=180) for spec in SPECS if has_operations(spec)}
    with ExitStack() as stack:
        with ThreadPoolExecutor(len(servers)) as pool:
            started = list(pool.map(lambda p: p.__enter__(), servers.values()))
        for server in started:
            stack.callback(server.stop)
        yield {name: server.url for name, server in servers.items()}


@pytest.fixture(scope="module")
def reports(built: Built, prisms: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run the driver for every package (two at a time) in a folder with the files examples upload."""
    work = tmp_path_factory.mktemp("cover-run")
    (work / "file.bin").write_bytes(b"\x00\x01cover file\n")
    (work / "request.bin").write_bytes(b"\x89PNG cover bytes")
    (work / "request.txt").write_text("hello from the cover test\n")

    def drive(spec: Path) -> Any:
        env = {
            **{k: v for k, v in os.environ.items() if not k.endswith("_BEARER")},
            "PYTHONPATH": str(built.out(spec)),
            "HOME": str(work),
            "XDG_CONFIG_HOME": str(work / ".config"),
            "NO_COLOR": "1",
            "COLUMNS": "120",
        }
        args = [sys.executable, str(ROOT / "tests" / "cover_driver.py"), package_of(spec)]
        if spec.stem in prisms:
            args.append(prisms[spec.stem])
        proc = subprocess.run(
            args, cwd=work, capture_output=True, text=True, env=env, timeout=600, stdin=subprocess.DEVNULL
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        return json.loads(proc.stdout)

    with ThreadPoolExecutor(2) as pool:
        return dict(zip((s.stem for s in SPECS), pool.map(drive, SPECS), strict=True))


def test_there_are_at_least_thirty_specs_of_our_own() -> None:
    assert len(SPECS) >= 30
    for spec in SPECS:
        assert spec.read_text(encoding="utf-8").startswith("# "), f"{spec.name}: say what it exercises"


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_generates_without_errors(built: Built, spec: Path) -> None:
    result = built.results[spec.stem]
    assert result["code"] == 0, result["err"]
    assert "internal error" not in result["err"]
    for line in result["err"].splitlines():
        assert ": note: " in line or ": warning: " in line or "generation went on" in line, line


def test_every_generated_python_file_is_what_black_makes_of_it(built: Built) -> None:
    """Black over each whole generated file changes nothing, though most of it never went through black.

    runtime/ is the same for every package and is checked once, in test_surface.
    """
    import black

    from generator.fmt import mode

    checked = 0
    for spec in SPECS:
        for path in sorted((built.out(spec) / package_of(spec)).rglob("*.py")):
            if "runtime" not in path.parts:
                text = path.read_text(encoding="utf-8")
                assert black.format_str(text, mode=mode()) == text, path
                checked += 1
    assert checked > 5 * len(SPECS)


def test_one_mypy_strict_run_over_every_package(built: Built, tmp_path: Path) -> None:
    targets = [str(built.out(spec) / package_of(spec)) for spec in SPECS]
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports", "--cache-dir", str(tmp_path), *targets],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_every_help_and_every_operation(reports: dict[str, Any], spec: Path) -> None:
    report = reports[spec.stem]
    for item in report["help"]:
        assert item["code"] == 0, (item["args"], item["err"])
        assert "internal error" not in item["err"] and "Traceback" not in item["err"]
    if not has_operations(spec):
        assert report["runs"] == []
        return
    assert report["runs"], "no operation was run"
    for run in report["runs"]:
        assert run["code"] == 0, (run["args"], run["err"], run["out"][:2000])
        assert request_violations(run["out"]) == [], run["args"]


def request_violations(output: str) -> list[Any]:
    """What Prism found wrong with the request (its sl-violations header, printed by --include-headers)."""
    found = []
    for line in output.split("\n\n", 1)[0].splitlines():
        name, _, value = line.partition(": ")
        if name.lower() == "sl-violations":
            found += [v for v in json.loads(value) if (v.get("location") or [""])[0] == "request"]
    return found


def helps(report: dict[str, Any]) -> dict[str, str]:
    return {" ".join(h["args"][:-1]): h["out"] for h in report["help"]}


def run_of(report: dict[str, Any], command: str) -> dict[str, Any]:
    return next(r for r in report["runs"] if r["command"] == command)


def package_text(built: Built, spec: str, package: str) -> str:
    root = built.out(spec)
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".pyc"
    )


def test_identity_comes_from_the_package_name(built: Built, reports: dict[str, Any]) -> None:
    report = reports["petshop_identity"]
    assert report["prog"] == "petshop"
    text = package_text(built, "petshop_identity", "petshop")
    assert "authlete" not in text.lower()
    assert "class PetshopClient(" in text and "class AsyncPetshopClient(" in text
    assert 'petshop = "petshop.runtime.app:run"' in text
    root_help = helps(report)[""]
    assert "Usage: petshop" in root_help
    assert "$PETSHOP_BEARER" in helps(report)["pets list-pets"]


def test_identity_comes_from_x_cli_name(built: Built, reports: dict[str, Any]) -> None:
    report = reports["x_cli_name"]
    assert report["prog"] == "store-admin"
    text = package_text(built, "x_cli_name", "x_cli_name")
    assert "class StoreAdminClient(" in text
    assert "$STORE_ADMIN_BEARER" in helps(report)["stores get-store"]
    assert "CONFIG_DIR = 'store-admin'" in text or 'CONFIG_DIR = "store-admin"' in text


def test_no_operations_gives_a_cli_that_says_so(reports: dict[str, Any]) -> None:
    assert "no operations" in helps(reports["no_operations"])[""]


def test_deprecated_operations_are_kept_and_marked(reports: dict[str, Any]) -> None:
    report = reports["deprecated_ops"]
    assert "[deprecated] List things the old way." in helps(report)["things"]
    assert helps(report)["things list-things-v1"].count("[deprecated]") == 1


def test_read_only_fields_have_no_request_flag(reports: dict[str, Any]) -> None:
    text = helps(reports["read_write_only"])["accounts create-account"]
    assert "--login" in text and "--password" in text
    assert "--id " not in text and "--created-at" not in text


def test_open_response_enum_accepts_an_unlisted_value(reports: dict[str, Any]) -> None:
    run = run_of(reports["enums_open"], "orders list-orders")
    assert "shipped-by-drone" in run["out"]


def test_text_and_binary_responses_are_printed_as_they_came(reports: dict[str, Any]) -> None:
    assert run_of(reports["text_plain"], "echo echo-text")["out"].rstrip().endswith("hello")
    assert run_of(reports["octet_stream"], "blobs get-blob")["code"] == 0


def test_help_example_has_path_item_parameters(reports: dict[str, Any]) -> None:
    text = helps(reports["path_item_params"])["teams get-team"]
    assert "--org-id acme" in text and "--team-id 42" in text


def test_colliding_schema_names_are_kept_apart() -> None:
    """`item_request` and `ItemRequest` get distinct classes and each operation points at its own."""
    from generator.pipeline import analyse

    api = analyse(COVER / "model_name_collision.yaml", "collide")[1]
    bodies = {op.operation_id: op.body.model if op.body else None for op in api.operations}
    assert bodies == {"create_item": "Item_request", "replace_item": "ItemRequest"}
    assert {m.schema: m.class_name for m in api.models} == {
        "ItemRequest": "ItemRequest",
        "holder": "Holder",
        "item_request": "Item_request",
    }
    assert [n.message for n in api.notes] == [
        "schemas 'ItemRequest' and 'item_request' would both be class ItemRequest; this one is class Item_request"
    ]


def test_models_and_client_of_the_collision_spec(built: Built) -> None:
    probe = (
        "from model_name_collision import models as m, client as c; import inspect;"
        "print(sorted(m.Item_request.model_fields), sorted(m.ItemRequest.model_fields), sorted(m.Holder.model_fields));"
        "print(inspect.signature(c.ModelNameCollisionClient.items_create_item).parameters['request'].annotation)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(built.out("model_name_collision"))},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "['name'] ['count'] ['a_b', 'a_b_', 'item_request']",
        "models.Item_request | dict[str, Any]",
    ]


def test_signed_number_names_stay_apart(built: Built, reports: dict[str, Any]) -> None:
    """``+1`` and ``-1`` (a reaction tally) are fields plus_1 and minus_1 and flags --plus-1 and --minus-1."""
    text = helps(reports["signed_names"])["comments add-votes"]
    assert "--plus-1 int" in text and "--minus-1 int" in text
    probe = (
        "from signed_names import models as m;"
        "print(m.Tally.model_validate({'+1': 3, '-1': 1}).model_dump(by_alias=True, exclude_none=True));"
        "print(m.CommentVotes.model_validate({'+1': 2, '-1': 5}).minus_1)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(built.out("signed_names"))},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["{'+1': 3, '-1': 1}", "5"]


def test_nullable_and_string_unions_are_typed_flags(reports: dict[str, Any]) -> None:
    """3.1's nullable spellings are the type beside null; a union of strings is a string, not JSON."""
    lines = helps(reports["nullable_unions_31"])["prompts create-prompt"].splitlines()
    flags = {line.split()[0]: line.split()[1] for line in lines if line.startswith("  --") and len(line.split()) > 1}
    assert flags["--model"] == "string" and flags["--note"] == "string" and flags["--limit"] == "int"
    assert flags["--level"] == "low|high"
    assert flags["--system"] == "JSON"  # a string or a list of objects: only JSON says which


def test_python_names_and_typed_parameters(built: Built, reports: dict[str, Any]) -> None:
    text = helps(reports["python_names"])["name-checks name-check-all"]
    for flag in ("--class", "--from", "--self", "--x-trace-id", "--type", "--format", "--json", "--model-config"):
        assert flag in text, flag
    client = (built.out("typed_path_params") / "typed_path_params" / "client.py").read_text(encoding="utf-8")
    assert (
        "def tiles_get_tile(self, retina: bool, style: str, x: float, y: float, zoom: int,"
        " *, request_options: RequestOptions | None = None)"
    ) in " ".join(client.split()).replace("( ", "(").replace(", )", ")")
    headers = (built.out("cookie_header_params") / "cookie_header_params" / "client.py").read_text(encoding="utf-8")
    flat = " ".join(headers.split())
    assert (
        "*, session: str, x_request_id: str, theme: str | None = None, x_retry_count: int | None = None,"
        " request_options: RequestOptions | None = None, ) -> Any:" in flat
    )


@pytest.mark.parametrize("seed", ["1", "4242"])
def test_generation_is_identical_under_any_hash_seed(built: Built, tmp_path: Path, seed: str) -> None:
    names = ["python_names", "model_name_collision", "oneof_discriminator", "flag_collisions"]
    jobs = {
        name: ["generate", "--spec", str(COVER / f"{name}.yaml"), "--out", str(tmp_path / name), "--package", name]
        for name in names
    }
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", _GENERATE_ALL, json.dumps(jobs)], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in names:
        assert tree(tmp_path / name) == tree(built.out(name)), name


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_integer_formats_are_range_checked(built: Built) -> None:
    probe = (
        "from formats.models import Event; import pydantic\n"
        "base = {'id': '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'at': '2024-01-02T03:04:05Z', 'count': 5}\n"
        "for extra in ({'count': 1001}, {'total': 2**63}, {'total': 2**63 - 1}):\n"
        "    try:\n"
        "        Event.model_validate({**base, **extra}); print('ok')\n"
        "    except pydantic.ValidationError:\n"
        "        print('rejected')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(built.out("formats"))},
    )
    assert proc.stdout.split() == ["rejected", "rejected", "ok"], proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weight", "nan"], "Invalid value for '--weight': 'nan' is not a finite number"),
        (["--ratio", "-inf"], "Invalid value for '--ratio': '-inf' is not a finite number"),
        (["--weight", "1e999"], "Invalid value for '--weight': '1e999' is not a finite number"),
        (["--body", '{"weight": NaN}'], "--body: input is not usable JSON: NaN is not a number JSON allows"),
        (["--body", '{"ratio": 1e400}'], "--body: input is not usable JSON: 1e400 is too large"),
    ],
)
def test_numbers_json_cannot_carry_are_bad_input(built: Built, args: list[str], message: str) -> None:
    """NaN and the infinities were sent as NaN/Infinity, which no JSON parser has to accept."""
    required = ["--id", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "--at", "2024-01-02T03:04:05Z", "--count", "5"]
    proc = subprocess.run(
        [sys.executable, "-m", "formats", "events", "record-event", *required, *args, "--dry-run", "--bearer", "t"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(built.out("formats")), "NO_COLOR": "1"},
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "NaN" not in proc.stdout


def test_discriminator_gives_a_discriminated_union(built: Built) -> None:
    models = (built.out("oneof_discriminator") / "oneof_discriminator" / "models.py").read_text(encoding="utf-8")
    assert 'root: Annotated[Circle | Square, Field(discriminator="kind")]' in models


def test_dry_run_shows_a_form_body_as_it_is_sent(built: Built) -> None:
    env = {**os.environ, "PYTHONPATH": str(built.out("form_urlencoded_only")), "NO_COLOR": "1"}
    args = ["--grant-type", "client_credentials", "--scope", "a b&c", "--audience", "x", "--audience", "y"]
    proc = subprocess.run(
        [sys.executable, "-m", "form_urlencoded_only", "token", "request-token", *args, "--dry-run", "--bearer", "t"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Content-Type: application/x-www-form-urlencoded" in proc.stderr
    assert proc.stderr.rstrip().endswith("audience=x&audience=y&grant_type=client_credentials&scope=a+b%26c")


def test_a_false_schema_gets_no_flag_and_no_value(built: Built) -> None:
    """`never: {allOf: [false]}` can hold no value: no flag offers one and the model refuses one."""
    env = {**os.environ, "PYTHONPATH": str(built.out("boolean_schemas_31")), "NO_COLOR": "1", "COLUMNS": "200"}
    run = [sys.executable, "-m", "boolean_schemas_31", "bags", "create-bag"]
    shown = subprocess.run([*run, "--help"], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert shown.returncode == 0 and "--anything" in shown.stdout and "--never" not in shown.stdout
    sent = subprocess.run(
        [*run, "--body", '{"name": "b", "never": 1}', "--dry-run", "--bearer", "t"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert sent.returncode == 2 and "never" in sent.stderr, sent.stderr


def test_output_http_is_offered_only_where_the_spec_maps_answers(built: Built) -> None:
    spec = COVER / "petshop_identity.yaml"
    env = {**os.environ, "PYTHONPATH": str(built.out(spec)), "NO_COLOR": "1", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", package_of(spec), "--help"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0 and "[pretty|json|yaml|table|toon]" in proc.stdout, proc.stdout
