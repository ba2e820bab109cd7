"""The compiled request check (runtime/request_check.py) agrees with pydantic, body for body.

For the repo's spec and cover specs of many shapes, hypothesis (fixed seed) draws request bodies
from each command's compiled check: well-typed ones, and ones with wrong types, nulls, unlisted
enum values, big and integral-float numbers, text numbers, fields under their Python names,
missing required fields and extra junk. For every body:

- ``normalise`` either vouches for it (and then returns exactly pydantic's
  ``dump_python(mode="json", by_alias=True, exclude_unset=True)``, key order and number types
  included) or declines, never anything else;
- the CLI's ``_validated`` (the fast check, then pydantic) accepts exactly what pydantic accepts,
  sends what pydantic dumps and, on a rejection, names the same flag or ``--body`` path;
- a well-typed body is never declined, so the fast path is the one a dry run takes.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

COVER = ROOT / "tests" / "specs" / "cover"
SPECS = {
    "authlete": ROOT / "specs" / "authlete.yaml",
    **{
        name: COVER / f"{name}.yaml"
        for name in (
            "additional_properties",
            "allof_merged",
            "arrays_nested",
            "boolean_schemas_31",
            "component_refs",
            "enums_open",
            "formats",
            "null_types_31",
            "nullable_30",
            "python_names",
            "read_write_only",
            "recursive",
            "upstream_required_undeclared",
        )
    },
}
# Request models the subset must cover (a check is compiled for them), by spec.
CHECKED = {
    "authlete": {"TokenRequest", "TokenCreateRequest", "GMRequest", "IntrospectionRequest", "TokenUpdateRequest"},
    "additional_properties": {"Store"},
    "arrays_nested": {"Grid"},
    "boolean_schemas_31": {"Bag"},
    "component_refs": {"Book"},
    "enums_open": {"Order"},
    "null_types_31": {"Note"},
    "nullable_30": {"Profile"},
    "python_names": {"M2FaSettings"},
    "recursive": {"Node"},
    "upstream_required_undeclared": {"GrantRequest"},
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every spec generated into one folder (in this process: one import of the generator)."""
    from generator.cli import main

    base = tmp_path_factory.mktemp("request_check")
    for name, spec in SPECS.items():
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(["generate", "--spec", str(spec), "--out", str(base / name), "--package", f"rc_{name}"])
        assert code == 0, name
        sys.path.insert(0, str(base / name))
    return {name: f"rc_{name}" for name in SPECS}


def body_commands(package: str) -> dict[str, Any]:
    groups = importlib.import_module(f"{package}.runtime.groups")
    return {
        words: entry
        for words, entry in groups.all_commands().items()
        if entry["body"] and entry["body"]["model"] and entry["body"]["encoding"] in ("json", "form")
    }


def check_of(package: str, words: str, entry: Any) -> Any:
    """The compiled check of a command's request model, from its group's checks module (None: pydantic's)."""
    return importlib.import_module(f"{package}.runtime.groups").checks_of(words).get(entry["body"]["model"])


def test_the_subset_covers_the_plain_request_models(packages: dict[str, str]) -> None:
    for name, models in CHECKED.items():
        checked = {
            e["body"]["model"] for w, e in body_commands(packages[name]).items() if check_of(packages[name], w, e)
        }
        assert models <= checked, name


@pytest.mark.parametrize("spec", ["formats", "read_write_only", "allof_merged"])
def test_models_outside_the_subset_are_left_to_pydantic(packages: dict[str, str], spec: str) -> None:
    """Formats pydantic parses (date-time, uuid, byte), constraints such as minLength, and model
    inheritance are pydantic's: no check is compiled, and the CLI validates with the model."""
    entries = body_commands(packages[spec])
    assert entries and not any(check_of(packages[spec], w, e) for w, e in entries.items())


def test_checks_are_data_in_blacks_layout(packages: dict[str, str]) -> None:
    """checks/<group>.py is never run through black (generator/pipeline.py), so it must already be black's."""
    import black

    from generator.fmt import mode

    seen = 0
    for package in packages.values():
        folder = Path(importlib.import_module(f"{package}.checks").__file__ or "").parent
        for source in sorted(folder.glob("*.py")):
            text = source.read_text(encoding="utf-8")
            assert black.format_str(text, mode=mode()) == text, source
            seen += 1
    assert seen > len(packages)


# --------------------------------------------------------------------------- strategies

JUNK_TEXT = st.sampled_from(["5", "5.0", " 7 ", "1e3", "true", "false", "no", "", "null", "\udcff", "é"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, -(2**63) - 1, 2**31, 2**63 - 1, 2**53 + 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5.0, 1e20, 2.0**63, 0.5]),
    st.text(max_size=4),
    JUNK_TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


def well_typed(check: Any, shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of a shape's own type: what a correct request holds."""
    kind = shape["type"]
    if kind == "string":
        base: st.SearchStrategy[Any] = st.text(max_size=6)
    elif kind == "integer":
        low, high = shape["range"] or (None, None)
        base = st.integers(min_value=low, max_value=high)
    elif kind == "number":
        base = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**40), 2**40)
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "null":
        base = st.none()
    elif kind == "any":
        base = JSON.filter(lambda v: "nan" not in json.dumps(v).lower() and "infinity" not in json.dumps(v).lower())
    elif kind == "array":
        base = st.lists(well_typed(check, shape["items"], depth + 1), max_size=0 if depth > 2 else 3)
    elif kind == "map":
        base = st.dictionaries(
            st.text(max_size=3), well_typed(check, shape["items"], depth + 1), max_size=0 if depth > 2 else 3
        )
    elif kind == "enum":
        values = check["enums"][shape["ref"]]["values"]
        base = st.sampled_from(values)
        if check["enums"][shape["ref"]]["open"]:
            base |= st.text(max_size=4) if isinstance(values[0], str) else st.integers()
    else:
        base = model_body(check, shape["ref"], depth + 1, junk=False)
    return base | st.none() if shape["nullable"] else base


NEAR = {  # values one lax coercion away from a type, or just short of it
    "string": st.integers(-3, 3) | st.booleans() | st.floats(-2, 2),
    "integer": st.sampled_from([5.0, -0.0, 1e20, 2.0**63, 0.5, True, False, "5", " 7", "5.0"])
    | st.integers(-(2**70), 2**70),
    "number": st.sampled_from([True, False, "1.5", "5", 2**53, 2**53 + 1, 2**70, float("nan")]) | st.integers(),
    "boolean": st.sampled_from([0, 1, 2, 0.0, 1.0, "true", "no", "1", "off"]),
}


@st.composite
def any_value(draw: Any, check: Any, shape: Any, depth: int) -> Any:
    """Mostly well-typed; now and then a value one coercion away from the type, or any JSON at all."""
    roll = draw(st.integers(0, 4))
    if roll == 0:
        return draw(JSON)
    if roll == 1 and shape["type"] in NEAR:
        return draw(NEAR[shape["type"]])
    if roll == 2 and shape["type"] == "enum":
        return draw(SCALARS)
    if roll >= 3 and shape["type"] == "model":
        return draw(model_body(check, shape["ref"], depth + 1, junk=True))
    if roll == 3 and shape["type"] in ("array", "map") and shape["items"]["type"] in NEAR:
        near = NEAR[shape["items"]["type"]]
        return draw(
            st.lists(near, max_size=2)
            if shape["type"] == "array"
            else st.dictionaries(st.text(max_size=2), near, max_size=2)
        )
    return draw(well_typed(check, shape, depth))


@st.composite
def model_body(draw: Any, check: Any, name: str, depth: int = 0, junk: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    fields = check["models"][name]
    victim = draw(st.integers(-1, len(fields) - 1)) if junk else -1  # at most one field goes wrong
    for index, field in enumerate(fields):
        if depth > 3 and not field["required"]:
            continue
        choices = ["set", "skip"] if not field["required"] else ["set"]
        if index == victim and draw(st.booleans()):
            choices = ["python", "skip", "both"] if field["name"] != field["wire"] else ["skip"]
        mode = draw(st.sampled_from(choices))
        hostile = index == victim
        value = draw(any_value(check, field["shape"], depth) if hostile else well_typed(check, field["shape"], depth))
        if mode in ("set", "both"):
            out[field["wire"]] = value
        if mode in ("python", "both"):
            out[field["name"]] = value
    if junk and draw(st.booleans()):
        out.update(draw(st.dictionaries(st.text(max_size=4), JSON, max_size=2)))
    else:
        extras = st.dictionaries(
            st.text(min_size=1, max_size=4).map(lambda k: "x-" + k), st.text(max_size=3), max_size=1
        )
        out.update(draw(extras))
    return out


def body_of(check: Any, array: bool, junk: bool) -> st.SearchStrategy[Any]:
    one = model_body(check, check["root"], junk=junk)
    return st.lists(one, max_size=3) if array else one


# --------------------------------------------------------------------------- the comparison


def exact(value: Any) -> str:
    """A comparison that tells 5 from 5.0 and True from 1, and sees key order."""
    return json.dumps(value, allow_nan=True)


def pydantic_outcome(package: str, entry: Any, body: Any) -> tuple[str, Any]:
    from pydantic import TypeAdapter, ValidationError

    model = getattr(importlib.import_module(f"{package}.models"), entry["body"]["model"])
    adapter = TypeAdapter(list[model] if entry["body"]["array"] else model)
    try:
        return "ok", adapter.dump_python(adapter.validate_python(body), mode="json", by_alias=True, exclude_unset=True)
    except ValidationError as exc:
        return "error", exc.errors()[0]


def compare(package: str, words: str, entry: Any, body: Any, junk: bool) -> None:
    check_mod = importlib.import_module(f"{package}.runtime.request_check")
    command = importlib.import_module(f"{package}.runtime.command")
    errors = importlib.import_module(f"{package}.runtime.errors")
    expected = pydantic_outcome(package, entry, body)
    try:
        fast: Any = check_mod.normalise(check_of(package, words, entry), body, entry["body"]["array"])
    except check_mod.Unsure:
        fast = None
        assert junk, f"a well-typed body was declined: {body!r}"
    if fast is not None:
        assert expected[0] == "ok", f"fast check accepted what pydantic rejects: {body!r} ({expected[1]})"
        assert exact(fast) == exact(expected[1]), body
    try:
        sent = command._validated(words, entry, body)
    except errors.CliError as exc:
        assert expected[0] == "error", body
        where = command._where(entry, expected[1]["loc"])
        assert exc.message == f"{where}: {expected[1]['msg']}"
    else:
        assert expected[0] == "ok", body
        assert exact(sent) == exact(expected[1]), body


@pytest.mark.parametrize("junk", [False, True], ids=["well-typed", "hostile"])
@pytest.mark.parametrize("spec", sorted(CHECKED))
def test_fast_check_agrees_with_pydantic(packages: dict[str, str], spec: str, junk: bool) -> None:
    package = packages[spec]
    cases = sorted((w, e) for w, e in body_commands(package).items() if check_of(package, w, e))

    @settings(
        max_examples=300 if junk else 60,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(st.data())
    def run(data: Any) -> None:
        words, entry = data.draw(st.sampled_from(cases))
        body = data.draw(body_of(check_of(package, words, entry), entry["body"]["array"], junk))
        compare(package, words, entry, body, junk)

    run()


def test_the_generator_writes_the_check_types_the_runtime_reads() -> None:
    """generator/checks.py and runtime/surface.py each declare the check types; they must stay one shape."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def shapes(path: Path) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        body = ast.parse(path.read_text(encoding="utf-8")).body
        aliases = {  # module-level type aliases, written out where they are used
            node.targets[0].id: ast.unparse(node.value)
            for node in body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        }
        for node in body:
            if isinstance(node, ast.ClassDef) and node.name in {"Shape", "FieldCheck", "EnumCheck", "BodyCheck"}:
                found[node.name] = {
                    item.target.id: aliases.get(ast.unparse(item.annotation), ast.unparse(item.annotation))
                    for item in node.body
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                }
        return found

    ours = shapes(root / "generator" / "checks.py")
    theirs = shapes(root / "templates" / "runtime" / "surface.py")
    assert set(ours) == {"Shape", "FieldCheck", "EnumCheck", "BodyCheck"}
    assert ours == theirs
