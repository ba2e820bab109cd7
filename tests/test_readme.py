"""Every `authlete ...` example in README.md runs as written against the mock server."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

from conftest import ROOT, clean_env
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

FENCE = re.compile(r"```sh\n(.*?)```", re.S)


def readme_lines() -> list[str]:
    """The authlete command lines of the README's shell blocks, continuation lines joined."""
    examples = []
    for block in FENCE.findall((ROOT / "README.md").read_text()):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #")[0].strip() if not line.lstrip().startswith("#") else ""
            if line.startswith("authlete "):
                examples.append(line)
    return examples


def readme_examples() -> list[list[str]]:
    return [shlex.split(line)[1:] for line in readme_lines()]


def test_readme_has_cli_examples():
    commands = {" ".join(words[:2]) for words in readme_examples()}
    assert {
        "token process",
        "introspection process",
        "grant-management process-request",
        "token management",
    } <= commands


def test_readme_examples_work_as_written(prism, tmp_path):
    """Each line runs in a shell (pipes included), in a folder holding the key files the examples name."""
    for name, private in (
        ("client.pem", rsa.generate_private_key(65537, 2048)),
        ("dpop.pem", ec.generate_private_key(ec.SECP256R1())),
    ):
        encoding = serialization.Encoding.PEM
        (tmp_path / name).write_bytes(
            private.private_bytes(encoding, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )
    env = clean_env(
        tmp_path, AUTHLETE_BEARER="readme-token", AUTHLETE_SERVICE_ID="715948317", AUTHLETE_SERVER_URL=prism.url
    )
    prelude = f'set -o pipefail; authlete() {{ {shlex.quote(sys.executable)} -m authlete_cli "$@"; }}; '
    for line in readme_lines():
        proc = subprocess.run(
            ["bash", "-c", prelude + line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"{line}\n{proc.stderr}"
        assert proc.stdout.strip(), f"{line} printed nothing"
        assert "Traceback" not in proc.stderr
