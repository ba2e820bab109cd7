"""Every `authlete ...` example in README.md runs as written against the mock server."""

from __future__ import annotations

import re
import shlex

from conftest import ROOT

FENCE = re.compile(r"```sh\n(.*?)```", re.S)


def readme_examples() -> list[list[str]]:
    """The authlete command lines of the README's shell blocks, continuation lines joined."""
    examples = []
    for block in FENCE.findall((ROOT / "README.md").read_text()):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #")[0].strip() if not line.lstrip().startswith("#") else ""
            if line.startswith("authlete "):
                examples.append(shlex.split(line)[1:])
    return examples


def test_readme_has_cli_examples():
    commands = {" ".join(words[:2]) for words in readme_examples()}
    assert {
        "token process",
        "introspection process",
        "grant-management process-request",
        "token management",
    } <= commands


def test_readme_examples_work_as_written(cli, prism):
    env = {"AUTHLETE_BEARER": "readme-token", "AUTHLETE_SERVICE_ID": "715948317", "AUTHLETE_SERVER_URL": prism.url}
    for args in readme_examples():
        result = cli(*args, env=env)
        assert result.code == 0, f"authlete {shlex.join(args)}\n{result.err}"
        assert result.out.strip(), f"authlete {shlex.join(args)} printed nothing"
        assert "Traceback" not in result.err
