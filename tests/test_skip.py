"""Nothing is dropped silently: an operation is left out only when skipped by name, and that is reported."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SPEC = """\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    head:
      operationId: head_a
      responses: {'200': {description: ok}}
    get:
      operationId: get_a
      parameters:
        - {name: sid, in: cookie, schema: {type: string}}
      responses: {'200': {description: ok}}
    post:
      operationId: post_a
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object}
      responses: {'200': {description: ok}}
"""


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cookie_parameters_and_multipart_bodies_are_generated(tmp_path, cli):
    """Once unsupported, now sent: a cookie parameter as a Cookie header, a multipart body as multipart."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    result = generator("generate", "--spec", str(spec), "--out", str(out), "--package", "sk")
    assert result.returncode == 0, result.stderr
    env = {"PYTHONPATH": str(out)}
    dry = cli("get-a", "--sid", "abc", "--dry-run", "--server-url", "http://127.0.0.1:1", package="sk", env=env)
    assert dry.code == 0, dry.err
    assert "Cookie: ****" in dry.err.splitlines()  # sent, and masked like every cookie


def test_skipped_operations_are_reported_and_the_rest_generated(tmp_path, cli):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    result = generator(
        "generate", "--spec", str(spec), "--out", str(out), "--package", "sk", "--skip", "get_a", "--skip", "post_a"
    )
    assert result.returncode == 0, result.stderr
    assert f"{spec}:8:5 #/paths/~1a/get: note: operation get_a skipped as asked (--skip)" in result.stderr.splitlines()
    help_text = cli("--help", package="sk", env={"PYTHONPATH": str(out)})
    assert help_text.code == 0
    assert "head-a" in help_text.out and "get-a" not in help_text.out and "post-a" not in help_text.out
    dry = cli("head-a", "--dry-run", "--server-url", "http://127.0.0.1:1", package="sk", env={"PYTHONPATH": str(out)})
    assert dry.code == 0, dry.err
    assert "HEAD http://127.0.0.1:1/a" in dry.err


def test_skipping_an_unknown_operation_is_an_error(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    result = generator("validate", "--spec", str(spec), "--skip", "get_a", "--skip", "post_a", "--skip", "nope")
    assert result.returncode == 2
    assert "--skip nope: no operation has this operationId" in result.stderr
