"""Regeneration: stages keyed on what they depend on, run in the background, never a different result.

A documentation edit reruns neither the validator nor datamodel-code-generator;
a shape edit reruns both; every result equals a cold run with no cache, and
every diagnostic is located where it is now.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SPEC

from generator import background, models
from generator import cache as cache_mod
from generator.background import Job
from generator.cache import Cache, using
from generator.diagnostics import GeneratorError
from generator.pipeline import analyse, produce
from generator.prose import replace_prose
from generator.render import _model_bases
from generator.write import MARKER

BAD = ROOT / "tests" / "specs"
TOKEN_REQUEST = "    token_request:\n      type: object\n      description: A token request"


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache filled by one run over our spec."""
    root = tmp_path_factory.mktemp("warm")
    with using(Cache(root)):
        produce(SPEC)
    return root


def cached(spec: Path, root: Path) -> tuple[dict[str, str], Cache]:
    with using(Cache(root)) as store:
        files = produce(spec)[0]
    return files, store


def cold(spec: Path) -> dict[str, str]:
    with using(Cache(None)):
        return produce(spec)[0]


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SPEC.read_text(encoding="utf-8")
    assert old in text
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    return spec


def copied(warm: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(warm, tmp_path / "cache")
    return tmp_path / "cache"


def test_a_description_edit_reruns_neither_validator_nor_models(warm, tmp_path):
    spec = edited(tmp_path, TOKEN_REQUEST, TOKEN_REQUEST + ' (edited, with a \\ and a """ in it)')
    files, store = cached(spec, copied(warm, tmp_path))
    assert 'edited, with a \\\\ and a \\"\\"\\" in it' in files["authlete_cli/models.py"]
    assert store.hits["models"] and store.hits["validate"] == 1
    assert not store.misses["models"] and not store.misses["validate"]
    assert files == cold(spec)


def test_an_operation_summary_edit_reruns_neither(warm, tmp_path):
    text = SPEC.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("      summary: "))
    spec = edited(tmp_path, summary, summary + " Now longer")
    files, store = cached(spec, copied(warm, tmp_path))
    assert not store.misses["models"] and not store.misses["validate"]
    assert files == cold(spec)


def test_a_shape_edit_reruns_both(warm, tmp_path):
    property_ = "      properties:\n"
    text = SPEC.read_text(encoding="utf-8")
    at = text.index(TOKEN_REQUEST)
    at = text.index(property_, at) + len(property_)
    spec = tmp_path / "spec.yaml"
    added = "        benchExtra:\n          type: string\n          description: One more field.\n"
    spec.write_text(text[:at] + added + text[at:], encoding="utf-8")
    files, store = cached(spec, copied(warm, tmp_path))
    assert "bench_extra" in files["authlete_cli/models.py"]
    assert store.misses["models"] == 1 and store.misses["validate"] == 1  # token_request's unit alone
    assert files == cold(spec)


TRICKY = """\
openapi: 3.0.3
info: {title: Tricky, version: '1.0', description: Info prose.}
paths:
  /things:
    post:
      operationId: make_thing_api
      summary: Make a thing.
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/thing'}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing:
      type: object
      description: "Backslashes C:\\\\path\\\\x, \\"quotes\\" and a trailing quote\\""
      properties:
        plain: {type: string, description: Plain words.}
        same: {type: string, description: Plain words.}
        triple: {type: string, description: 'Holds \"\"\" three quotes'}
        multi:
          type: string
          description: |
            First line.

              Indented line.
            Last line.
        carriage: {type: string, description: "a\\rb"}
        nul: {type: string, description: "before\\0after"}
        blank: {type: string, description: "   "}
        empty: {type: string, description: ""}
        unicode: {type: string, description: café — ünïcode ✓}
        description: {type: string, description: A property named description.}
        kind: {$ref: '#/components/schemas/kind'}
        tags: {$ref: '#/components/schemas/tags'}
        nested:
          type: object
          description: An inline object.
          properties:
            inner: {type: integer, description: "Inner\\\\n, a backslash and an n"}
    kind: {type: string, description: An enum with prose., enum: [a, b]}
    tags: {type: array, description: A root model., items: {type: string}}
"""


def direct(spec: Path) -> tuple[str, str, models.ModelsJob]:
    """models.py from datamodel-code-generator run on the descriptions as written, and from our placeholders."""
    doc, api = analyse(spec)
    bases = _model_bases(api)
    with using(Cache(None)):
        raw = models.ModelsJob(doc, api.models, bases, placeholders=False).result()
        job = models.ModelsJob(doc, api.models, bases)
        ours = job.result()
    return raw, ours, job


@pytest.mark.parametrize("extra", ["", "        odd: {type: string, description: Mentions Zq9Prose0_ itself}\n"])
def test_descriptions_put_back_equal_a_direct_run(tmp_path, extra):
    """Escaping, indentation, blank and repeated descriptions, enums, root models: byte for byte."""
    spec = tmp_path / "tricky.yaml"
    text = TRICKY.replace("        plain:", extra + "        plain:") if extra else TRICKY
    spec.write_text(text, encoding="utf-8")
    expected, ours, job = direct(spec)
    assert ours == expected
    assert 'Holds \\"\\"\\" three quotes' in ours and "before\\x00after" in ours
    assert bool(job.prose) is not bool(extra)  # the spec's own placeholder text turns placeholders off


def test_our_spec_goes_through_placeholders_and_equals_a_direct_run():
    expected, ours, job = direct(SPEC)
    assert job.prose and ours == expected


def test_prose_is_only_descriptions_and_summaries_of_objects_and_schemas():
    spec = {
        "info": {"title": "T", "description": "prose"},
        "paths": {
            "/a": {"get": {"summary": "prose", "description": "prose", "parameters": [{"description": "prose"}]}}
        },
        "components": {
            "schemas": {
                "S": {
                    "description": "prose",
                    "example": {"description": "data"},
                    "default": {"summary": "data"},
                    "x-doc": {"description": "extension"},
                    "discriminator": {"propertyName": "k", "mapping": {"description": "#/components/schemas/D"}},
                    "properties": {"description": {"type": "string", "description": "prose"}},
                }
            },
            "securitySchemes": {"o": {"flows": {"implicit": {"scopes": {"summary": "a scope"}}}}},
            "links": {"L": {"description": "prose", "parameters": {"description": "$request.body#/x"}}},
        },
    }
    out = replace_prose(spec, lambda text: "P")
    assert out["info"] == {"title": "T", "description": "P"}
    op = out["paths"]["/a"]["get"]
    assert op["summary"] == op["description"] == op["parameters"][0]["description"] == "P"
    schema = out["components"]["schemas"]["S"]
    assert schema["description"] == "P" and schema["properties"]["description"]["description"] == "P"
    assert schema["example"] == {"description": "data"} and schema["default"] == {"summary": "data"}
    assert schema["x-doc"] == {"description": "extension"}
    assert schema["discriminator"]["mapping"] == {"description": "#/components/schemas/D"}
    assert out["components"]["securitySchemes"]["o"]["flows"]["implicit"]["scopes"] == {"summary": "a scope"}
    assert out["components"]["links"]["L"] == {"description": "P", "parameters": {"description": "$request.body#/x"}}
    assert spec["info"]["description"] == "prose"  # a copy: the document itself is untouched


WARNED = """\
openapi: 3.0.3
info: {title: W, version: '1.0'}
paths:
  /a:
    get:
      operationId: a_api
      description: One line.
      parameters:
        - {name: n, in: query, schema: {type: integer}, example: ten}
      responses:
        '200': {description: ok}
"""


def test_cached_findings_are_located_where_they_are_now(tmp_path):
    """A warning served from the cache points at its line in the edited file, not where it was."""
    spec = tmp_path / "w.yaml"
    spec.write_text(WARNED, encoding="utf-8")
    root = tmp_path / "cache"
    with using(Cache(root)):
        before = analyse(spec)[1].notes
    assert [d.line for d in before] == [9]
    spec.write_text(WARNED.replace("One line.", "|\n        Three\n        more\n        lines."), encoding="utf-8")
    with using(Cache(root)) as store:
        after = analyse(spec)[1].notes
    assert store.hits["validate"] == 1
    with using(Cache(None)):
        assert after == analyse(spec)[1].notes
    assert [d.line for d in after] == [12]


def test_an_overlaid_spec_is_validated_once_and_located_in_the_overlay(tmp_path):
    spec = tmp_path / "w.yaml"
    spec.write_text(WARNED, encoding="utf-8")
    overlay = tmp_path / "o.yaml"
    overlay.write_text(
        "overlay: 1.0.0\ninfo: {title: O, version: '1'}\nactions:\n"
        "  - target: $.paths['/a'].get\n    update:\n      summary: From the overlay.\n"
        "      parameters:\n        - {name: m, in: query, schema: {type: integer}, example: eleven}\n",
        encoding="utf-8",
    )
    root = tmp_path / "cache"
    runs = []
    for _ in range(2):
        with using(Cache(root)) as store:
            runs.append((analyse(spec, overlays=[overlay])[1].notes, dict(store.hits)))
    assert runs[0][1].get("validate") is None and runs[1][1]["validate"] == 1
    assert runs[0][0] == runs[1][0]
    assert any(d.file == str(overlay) and "'eleven'" in d.message for d in runs[1][0])


@pytest.mark.parametrize("tool", ["openapi-spec-validator", "openapi-schema-validator", "jsonschema"])
def test_a_new_validator_version_validates_again(warm, tmp_path, monkeypatch, tool):
    real = cache_mod.tool_version
    monkeypatch.setattr(cache_mod, "tool_version", lambda name: "99.0" if name == tool else real(name))
    _, store = cached(SPEC, copied(warm, tmp_path))
    assert store.misses["validate"] == 1 and not store.hits["validate"]
    assert store.hits["models"] and not store.misses["models"]


def test_a_template_change_reruns_neither_validator_nor_models(warm, tmp_path):
    """Templates shape the rendered files, not the spec's checks or the models' input."""
    import shutil

    from generator.render import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    client = templates / "client.py.j2"
    client.write_text(client.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    with using(Cache(copied(warm, tmp_path))) as store:
        files = produce(SPEC, templates=templates)[0]
    assert "# one more line" in files["authlete_cli/client.py"]
    assert store.hits["models"] and not store.misses["models"] and store.hits["validate"] == 1


def generator_run(*args: str, background_on: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, background.ENV_SWITCH: "1" if background_on else "0"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


INVALID_UPSTREAM = """\
openapi: 3.0.3
info: {version: 1}
paths:
  /a:
    get:
      operationId: a_api
      parameters:
        - {name: n, in: query, schema: {type: integer}, example: ten}
components:
  schemas:
    A: {type: object, properties: {x: {type: integer}}}
"""


@pytest.mark.parametrize(
    "case", ["invalid-upstream", "dangling-ref", "bad-type", "warnings", "warnings-strict", "minimal"]
)
def test_background_stages_change_nothing_a_user_sees(tmp_path, case):
    """Exit code, messages and the output folder are those of running every stage in order, in one process."""
    spec = {
        "invalid-upstream": tmp_path / "invalid.yaml",
        "dangling-ref": BAD / "bad_dangling_ref.yaml",
        "bad-type": BAD / "bad_type.yaml",
        "warnings": tmp_path / "w.yaml",
        "warnings-strict": tmp_path / "w.yaml",
        "minimal": BAD / "minimal.yaml",
    }[case]
    (tmp_path / "invalid.yaml").write_text(INVALID_UPSTREAM, encoding="utf-8")
    (tmp_path / "w.yaml").write_text(WARNED, encoding="utf-8")
    strict = ["--strict"] if case == "warnings-strict" else []
    seen = []
    for on in (True, False):
        out = tmp_path / f"out-{on}"
        out.mkdir()
        (out / "keep.txt").write_text("untouched", encoding="utf-8")
        (out / "pyproject.toml").write_text(MARKER + "\n", encoding="utf-8")  # a tree generate may replace
        args = ["generate", "--spec", str(spec), "--out", str(out), "--package", "p", "--no-cache", *strict]
        proc = generator_run(*args, background_on=on)
        tree = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        seen.append((proc.returncode, proc.stdout.replace(str(out), "OUT"), proc.stderr, tree))
    assert seen[0] == seen[1]
    assert (seen[0][0] == 0) is (case in ("warnings", "minimal")), seen[0]
    if case == "invalid-upstream":
        assert "'title' is a required property" in seen[0][2] and "'responses' is a required property" in seen[0][2]


def _in_child_exit() -> int:
    if os.getpid() != PARENT:
        os._exit(5)
    return 42


def _raises() -> int:
    raise GeneratorError([])


PARENT = os.getpid()


def test_a_child_that_dies_is_replaced_by_the_call_in_this_process():
    assert Job(_in_child_exit, fork=True).result() == 42


def test_a_child_that_cannot_import_the_call_falls_back(monkeypatch):
    # tests/ is not importable from a fresh interpreter: the spawned child fails, the parent computes
    assert Job(_in_child_exit).result() == 42


def test_an_error_in_the_child_is_raised_by_the_parent_as_it_would_be_inline():
    with pytest.raises(GeneratorError):
        Job(_raises, fork=True).result()


def test_a_spawned_child_answers(tmp_path):
    job = Job(models._restore, 'x\n    """\n    Zq9Prose0_\n    """\n', {"0": "put back"})
    assert job._proc is not None  # it really runs in a child
    assert job.result() == 'x\n    """\n    put back\n    """\n'


def test_switching_background_off_runs_inline(monkeypatch):
    monkeypatch.setenv(background.ENV_SWITCH, "0")
    job = Job(_in_child_exit, fork=True)
    assert job._pid == 0 and job._proc is None
    assert job.result() == 42


@pytest.mark.parametrize(
    "tool", ["black", "datamodel-code-generator", "openapi-spec-validator", "openapi-schema-validator", "jsonschema"]
)
def test_tool_versions_are_the_installed_ones(tool):
    from importlib import metadata

    assert cache_mod._dist_info_version(tool) == metadata.version(tool)


def test_compiled_templates_are_kept_and_checked(warm, tmp_path):
    root = copied(warm, tmp_path)
    entries = [p for p in (root / "jinja").rglob("*") if p.is_file()]
    assert entries  # the warm run kept them
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-8] + b"tampered")
    shutil.rmtree(root / "render")  # or every file would come rendered from the cache, Jinja unasked
    files, store = cached(SPEC, root)
    assert files == cold(SPEC) and not store.hits["jinja"] and store.misses["jinja"]


def test_every_part_of_the_validation_key_counts(tmp_path, monkeypatch):
    """Same data, other node positions known (a JSON fallback load) or other structural findings: checked again."""
    from dataclasses import replace as with_

    from generator import pipeline
    from generator.load import load

    spec = tmp_path / "w.yaml"
    spec.write_text(WARNED, encoding="utf-8")
    doc = load(spec)
    with using(Cache(tmp_path / "cache")) as store:
        with pipeline.Validation(doc) as first:
            first.result()
        with pipeline.Validation(doc) as again:
            again.result()
        assert store.hits["validate"] == 1
        with pipeline.Validation(with_(doc, positions={"": (1, 1)})) as fewer:
            fewer.result()
        assert store.misses["validate"] == 2
        real = pipeline.structural
        note = doc.diag("/info", "one more finding", "note")
        monkeypatch.setattr(pipeline, "structural", lambda d: [*real(d), note])
        with pipeline.Validation(doc) as more:
            assert note in more.result()
        assert store.misses["validate"] == 3 and store.hits["validate"] == 1


def test_every_part_of_the_models_key_counts(tmp_path):
    """Other class names or other base classes: the model generator runs again (on the units they touch).

    tests/test_model_units.py checks each part of a unit's key on its own.
    """
    from dataclasses import replace as with_

    doc, api = analyse(SPEC)
    with using(Cache(tmp_path / "cache")) as store:
        plain = models.render_models(doc, api.models, {})
        first = store.misses["models"]
        models.render_models(doc, api.models, {})
        assert store.hits["models"] == first == len(api.models) and store.misses["models"] == first
        one = api.models[0]
        base = {one.class_name: "some.place.OtherBase"}
        assert f"class {one.class_name}(OtherBase)" in models.render_models(doc, api.models, base) != plain
        assert store.misses["models"] > first
        before = store.misses["models"]
        renamed = (with_(one, class_name=one.class_name + "Renamed"), *api.models[1:])
        assert f"class {one.class_name}Renamed(" in models.render_models(doc, renamed, {})
        assert store.misses["models"] > before


def test_what_the_model_generator_refuses_is_a_located_error_from_its_process(tmp_path):
    doc, api = analyse(SPEC)
    with using(Cache(tmp_path / "cache")), pytest.raises(GeneratorError) as refused:
        models.render_models(doc, api.models, {api.models[0].class_name: "a.class.Keyword"})
    [problem] = refused.value.diagnostics
    assert problem.pointer == "/components/schemas" and problem.line > 1
    assert "datamodel-code-generator cannot generate models: base_class_map" in problem.message


def test_a_process_with_other_threads_spawns_instead_of_forking():
    import threading

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        job = Job(models._restore, 'x\n    """\n    Zq9Prose0_\n    """\n', {"0": "back"}, fork=True)
        assert job._pid == 0 and job._proc is not None
        assert job.result() == 'x\n    """\n    back\n    """\n'
    finally:
        stop.set()
        worker.join()
    if threading.active_count() == 1:  # other tests may have left a daemon thread behind
        forked = Job(models._restore, 'x\n    """\n    Zq9Prose0_\n    """\n', {"0": "back"}, fork=True)
        assert forked._pid != 0 and forked.result() == 'x\n    """\n    back\n    """\n'


def test_a_warm_process_runs_the_call_it_is_handed():
    warm = background.Warm("generator.models")
    proc = warm.proc
    assert proc is not None
    job = Job(models._restore, 'x\n    """\n    Zq9Prose0_\n    """\n', {"0": "warm"}, warm=warm)
    assert job._proc is proc and warm.proc is None
    assert job.result() == 'x\n    """\n    warm\n    """\n'


def test_a_warm_process_never_handed_a_call_is_stopped():
    warm = background.Warm("generator.models")
    proc = warm.proc
    assert proc is not None
    warm.close()
    assert proc.poll() is not None and warm.proc is None


def test_the_model_generator_is_started_early_only_when_it_will_likely_run(warm, tmp_path, monkeypatch):
    started = []
    real = background.Warm

    def counting(*modules: str) -> background.Warm:
        started.append(modules)
        return real(*modules)

    monkeypatch.setattr(background, "Warm", counting)
    root = copied(warm, tmp_path)
    cached(edited(tmp_path, TOKEN_REQUEST, TOKEN_REQUEST + " (prose only)"), root)
    assert started == []  # its result is cached: nothing to start
    text = SPEC.read_text(encoding="utf-8")
    at = text.index("      properties:\n", text.index(TOKEN_REQUEST)) + len("      properties:\n")
    spec = tmp_path / "shape.yaml"
    spec.write_text(text[:at] + "        warmField:\n          type: string\n" + text[at:], encoding="utf-8")
    files, store = cached(spec, root)
    assert len(started) == 1 and store.misses["models"] == 1
    assert files == cold(spec)
