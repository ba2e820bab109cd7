"""Loading: the one-pass walk builds exactly what PyYAML's constructor builds, with the same positions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

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

    def outcome() -> str:
        try:
            load(path)
        except GeneratorError as exc:
            return str(exc)
        except Exception as exc:  # what the pipeline would report as an internal error
            return f"{type(exc).__name__}: {exc}"
        return "loaded"

    fast = outcome()

    def unusual(*args: Any) -> Any:
        raise load_mod._Unusual

    monkeypatch.setattr(load_mod, "_construct", unusual)  # PyYAML's way, as load always went
    assert fast == outcome() != "loaded"


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
