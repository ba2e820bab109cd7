"""Loading: the one-pass walk builds exactly what PyYAML's constructor builds, with the same positions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load as load_mod
from generator.diagnostics import GeneratorError
from generator.load import load


def reference(path: Path) -> tuple[Any, dict[str, tuple[int, int]]]:
    """What ``load`` built before the one-pass walk: positions by ``_positions``, data by PyYAML."""
    loader = load_mod._Loader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        positions: dict[str, tuple[int, int]] = {}
        load_mod._positions(node, "", positions)
        return loader.construct_document(node), positions
    finally:
        loader.dispose()


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True would not do)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


SPECS = sorted(
    p
    for folder in (
        ROOT / "specs",
        ROOT / "specs" / "overlays",
        ROOT / "tests" / "specs",
        ROOT / "tests" / "specs" / "cover",
    )
    for p in folder.glob("*.yaml")
    if not p.name.startswith("bad_") and p.name != "empty.yaml"
)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_spec_of_the_repository_loads_as_pyyaml_reads_it(path: Path) -> None:
    data, positions = reference(path)
    doc = load(path)
    assert same(doc.data, data)
    assert list(doc.positions.items()) == list(positions.items())


UNUSUAL = {
    "aliases": "a: &x {k: [1, 2]}\nb: *x\nc: &s text\nd: *s\n",
    "scalar types": (
        "i: 12\nh: 0x1f\nf: 1.5\ninf: .inf\nb: yes\nn: ~\nt: 2001-12-14t21:59:43.10-05:00\nd: 2002-12-14\n"
        "bin: !!binary aGVsbG8=\nq: '12'\nexplicit: !!str 12\n"
    ),
    "non-string keys": "200: ok\n'201': created\ntrue: yes\n~: none\n1.5: f\n",
    "merge keys": "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",
    "a set": "s: !!set {a, b}\n",
    "ordered pairs": "o: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}, {a: 2}]\n",
    "a complex key": "? [a, b]\n: v\n",
    "an alias inside a sequence": "list: [&a {x: 1}, *a, *a]\n",
    "nested aliases": "a: &a {b: &b [1, {c: &c z}]}\nd: [*a, *b, *c]\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_yaml_gives_the_same_data_and_positions(tmp_path: Path, text: str) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        data, positions = reference(path)
    except yaml.YAMLError as exc:  # a complex key: PyYAML refuses it, and so does load
        with pytest.raises(GeneratorError):
            load(path)
        assert "unhashable" in str(exc) or "found" in str(exc)
        return
    doc = load(path)
    assert same(doc.data, data)
    assert list(doc.positions.items()) == list(positions.items())


def test_aliases_share_one_object_as_pyyaml_makes_them() -> None:
    loader = load_mod._Loader("a: &x {k: [1]}\nb: *x\nc: [*x]\n")
    try:
        data = load_mod._construct(loader, loader.get_single_node(), {})
    finally:
        loader.dispose()
    assert data["a"] is data["b"] is data["c"][0]


def _outcome(path: Path) -> str:
    """What ``load`` makes of ``path``: its data and positions, or the error it reports."""
    try:
        doc = load(path)
    except GeneratorError as exc:
        return str(exc)
    except Exception as exc:  # what the pipeline would report as an internal error
        return f"{type(exc).__name__}: {exc}"
    return f"loaded {(doc.data, doc.positions)!r}"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: {c: 1, c: 2}\n",  # a duplicate key, reported where the second one is
        "a: !!str {b: 1}\n",  # a tag that does not fit its node
        "a: !custom 1\n",  # a tag the safe loader does not know
        "a: 2001-13-45\nb: 1\nb: 2\n",  # an impossible date before a duplicate key
    ],
    ids=["duplicate key", "misfit tag", "unknown tag", "bad date then duplicate"],
)
def test_what_pyyaml_refuses_is_refused_the_same_way(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    fast = _outcome(path)

    def unusual(*args: Any) -> Any:
        raise load_mod._Unusual

    monkeypatch.setattr(load_mod, "_construct", unusual)  # PyYAML's way, as load always went
    assert fast == _outcome(path) and not fast.startswith("loaded")


def test_a_spec_takes_the_one_pass_walk() -> None:
    """Our spec has none of the shapes left to PyYAML: the walk does all of it."""
    loader = load_mod._Loader((ROOT / "specs" / "authlete.yaml").read_text(encoding="utf-8"))
    try:
        positions: dict[str, tuple[int, int]] = {}
        data = load_mod._construct(loader, loader.get_single_node(), positions)
    finally:
        loader.dispose()
    assert data["openapi"].startswith("3.") and len(positions) > 1000


def test_a_timestamp_is_the_text_written(tmp_path: Path) -> None:
    """JSON has no dates: an unquoted ``2024-01-02`` in a YAML spec is that string, key or value."""
    path = tmp_path / "spec.yaml"
    path.write_text("a: 2024-01-02T03:04:05Z\nb: [2024-01-02]\n2024-01-03: day\n", encoding="utf-8")
    assert load(path).data == {"a": "2024-01-02T03:04:05Z", "b": ["2024-01-02"], "2024-01-03": "day"}


def test_a_number_with_an_exponent_and_no_dot_is_a_number(tmp_path: Path) -> None:
    """JSON's ``1e-05`` (and YAML 1.2's) is a number; YAML 1.1 made it the string '1e-05'."""
    spec = tmp_path / "spec.json"
    spec.write_text('{"minimum": 1e-05, "maximum": 1E5, "step": -2e+3, "label": "1e5"}', encoding="utf-8")
    data = load(spec).data
    assert data == {"minimum": 1e-05, "maximum": 100000.0, "step": -2000.0, "label": "1e5"}
    assert [type(v) for v in data.values()] == [float, float, float, str]
    yaml_spec = tmp_path / "spec.yaml"
    yaml_spec.write_text("minimum: 1e-05\nversion: 1.2.3\n", encoding="utf-8")
    assert load(yaml_spec).data == {"minimum": 1e-05, "version": "1.2.3"}


# ---------------------------------------------------------------- JSON, read by the json module's scanner


def _as_json(path: Path, tmp_path: Path, indent: int | None) -> Path:
    data, _ = reference(path)
    out = tmp_path / f"{path.stem}.json"
    out.write_text(json.dumps(data, indent=indent, ensure_ascii=False, default=str), encoding="utf-8")
    return out


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "indented"])
@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_a_json_spec_is_read_as_the_yaml_way_reads_it(path: Path, indent: int | None, tmp_path: Path) -> None:
    spec = _as_json(path, tmp_path, indent)
    data, positions = reference(spec)
    text = spec.read_text(encoding="utf-8")
    fast = load_mod._load_json_fast(str(spec), text)
    assert fast is not None  # the fast way took it
    assert same(fast.data, data)
    assert list(fast.positions.items()) == list(positions.items())


def _json_values(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(10**30), max_value=10**30)
        | st.floats(allow_nan=False, allow_infinity=False)
        | text
    )
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=30
    )


# Text YAML reads back too: it refuses control characters written raw and \u escapes of surrogate pairs.
_YAML_TEXT = st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs", "Cc")), max_size=6)
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)


def _pointers(node: Any, ptr: str = "") -> list[str]:
    """Every node's pointer, in document order, a parent before its children."""
    found = [ptr]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _pointers(value, f"{ptr}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _pointers(value, f"{ptr}/{index}")
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(_YAML_TEXT, _json_values(_YAML_TEXT), max_size=5),
    indent=st.sampled_from([None, 0, 1, 4]),
    ascii_only=st.booleans(),
)
def test_any_json_object_gets_the_yaml_ways_data_and_positions(
    tmp_path: Path, data: dict[str, Any], indent: int | None, ascii_only: bool
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(data, indent=indent, ensure_ascii=ascii_only), encoding="utf-8")
    fast = load_mod._load_json_fast(str(spec), spec.read_text(encoding="utf-8"))
    want, positions = reference(spec)
    assert fast is not None and same(fast.data, data) and same(want, data)
    assert list(fast.positions.items()) == list(positions.items())


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(_ANY_TEXT, _json_values(_ANY_TEXT), max_size=5), indent=st.sampled_from([None, 2]))
def test_any_json_object_is_read_as_json_reads_it_each_node_placed(data: dict[str, Any], indent: int | None) -> None:
    """Also what YAML cannot read: raw control characters, escaped astral characters (an emoji as ``\\ud83d..``)."""
    text = json.dumps(data, indent=indent)
    fast = load_mod._load_json_fast("spec.json", text)
    assert fast is not None and same(fast.data, json.loads(text))
    assert list(fast.positions) == _pointers(data)
    lines = text.split("\n")
    for ptr, (line, col) in fast.positions.items():
        if ptr:  # a member at its key's opening quote, an item at its first character
            assert lines[line - 1][col - 1] in '"[{-0123456789tfn', ptr


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1,\n "b": {"c": 1, "c": 2}}',  # a duplicate key
        '{"a": NaN}',  # the json module's, not JSON's
        "{a: 1, b: [x, y]}",  # a YAML flow mapping
        '\ufeff{"a": 1}',  # a byte-order mark
        '{"a": 010}',  # a leading zero: YAML 1.1's octal
        '{"a": 1} trailing',
        '{"a": [1, 2,]}',
        '{"a": "unterminated}',
        '["a list"]',
        "",
    ],
)
def test_json_the_fast_way_refuses_reads_as_the_yaml_way_did(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(text, encoding="utf-8")
    fast = _outcome(spec)
    monkeypatch.setattr(load_mod, "_load_json_fast", lambda name, text: None)
    assert fast == _outcome(spec)


def test_a_json_spec_never_reaches_libyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _as_json(ROOT / "specs" / "authlete.yaml", tmp_path, 2)
    want = load(spec)

    def refuse(*args: Any) -> Any:
        raise AssertionError("composed by YAML")

    monkeypatch.setattr(load_mod, "_Loader", refuse)
    doc = load(spec)
    assert same(doc.data, want.data) and doc.positions == want.positions and doc.digest == want.digest


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_spec_nested_past_the_limit_is_refused_where_it_goes_too_deep(tmp_path: Path, suffix: str) -> None:
    """Not a RecursionError somewhere later ("internal error", exit 3): a located error at the node."""
    limit = load_mod.MAX_DEPTH
    deepest = tmp_path / f"ok{suffix}"
    deepest.write_text('{"x": ' + "[" * limit + "]" * limit + "}", encoding="utf-8")  # "" is level 0
    assert load(deepest).positions["/x" + "/0" * (limit - 2)]
    spec = tmp_path / f"deep{suffix}"
    spec.write_text('{"openapi": "3.0.3",\n "x": ' + "[" * (limit + 5) + "]" * (limit + 5) + "}", encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load(spec)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.col) == (2, 7 + limit)
    assert diagnostic.pointer == "/x" + "/0" * limit
    assert diagnostic.message == f"nested more than {limit} levels deep; the generator reads no deeper"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("spec.json", '{"openapi": "3.0.3",\n "x": [1, NUMBER]}', (2, 11, "/x/1")),
        ("spec.yaml", "openapi: 3.0.3\nx: [1, NUMBER]\n", (2, 8, "/x/1")),
        ("spec.yaml", "openapi: 3.0.3\nx:\n  ? NUMBER\n  : key\n", (3, 5, "/x/NUMBER")),
    ],
    ids=["json", "yaml", "yaml key"],
)
def test_an_integer_python_cannot_read_is_refused_where_it_is(
    tmp_path: Path, name: str, text: str, where: tuple[int, int, str]
) -> None:
    """Python reads no integer of more than 4300 digits (CVE-2020-10735): once an internal error, exit 3."""
    import sys

    number = "9" * (sys.get_int_max_str_digits() + 1)
    spec = tmp_path / name
    spec.write_text(text.replace("NUMBER", number), encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load(spec)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.col, diagnostic.pointer) == (*where[:2], where[2].replace("NUMBER", number))
    assert (
        diagnostic.message
        == f"an integer of more than {sys.get_int_max_str_digits()} digits; Python reads no longer ones"
    )
    spec.write_text(text.replace("NUMBER", number[1:]), encoding="utf-8")
    assert number[1:] in str(load(spec).data) or int(number[1:]) in load(spec).data["x"]


@pytest.mark.parametrize(("raw", "code"), [("\x00", "U+0000 ('\\x00')"), ("\x7f", "U+007F ('\\x7f')")])
def test_a_character_yaml_forbids_is_a_located_error(tmp_path: Path, raw: str, code: str) -> None:
    """libyaml's ReaderError has no mark, only an offset: it was an internal error, exit 3, on two lines."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"openapi: 3.0.3\ninfo:\n  title: 'a{raw}b'\n", encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        load(spec)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{spec}:3:12 #: invalid YAML: the character {code} is not allowed in YAML (control characters are not allowed)"
    ]
