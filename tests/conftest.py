"""Shared fixtures: paths, an isolated way to run the generated CLI, and a Prism mock server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "authlete.yaml"
GENERATED = ROOT / "generated"
sys.path.insert(0, str(ROOT / "scripts"))
# No test may leave a generation server behind: every generator run is local unless a test (test_daemon.py)
# switches the server on for itself, with its own cache and socket folders, and stops it.
os.environ["AUTHLETE_CODEGEN_DAEMON"] = "0"

from prism import Prism  # noqa: E402

# "Options inherited from parent commands" of seed 000, except --usage (root only here).
SEED_GLOBAL_OPTIONS = {
    "--agent-mode": None,
    "--bearer": None,
    "--color": None,
    "--debug": "-d",
    "--dry-run": None,
    "--header": "-H",
    "--include-headers": None,
    "--jq": "-q",
    "--no-interactive": None,
    "--output-format": "-o",
    "--server": None,
    "--server-url": None,
    "--timeout": None,
}
# Global options this CLI adds to the seed's (--usage is also accepted, hidden, after the command words);
# --no-retries is the Authlete CLI's own name.
ADDED_GLOBAL_OPTIONS = {"--max-response-size": None, "--no-retries": None, "--retries": None}
GLOBAL_OPTIONS = {**SEED_GLOBAL_OPTIONS, **ADDED_GLOBAL_OPTIONS}

AGENT_VARS = (
    "CLAUDECODE",
    "CLAUDE_CODE",
    "CURSOR_AGENT",
    "CODEX_SANDBOX",
    "GEMINI_CLI",
    "AIDER_MODEL",
    "CLINE_TASK",
    "AGENT_MODE_AUTHLETE",
)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no Authlete settings, no agent markers and no colour."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AUTHLETE_") and k not in AGENT_VARS and k not in ("FORCE_COLOR", "NO_COLOR")
    }
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "PYTHONPATH": str(GENERATED),
            "COLUMNS": "120",
            # never the real keychain: keyring's always-failing backend unless a test picks its own
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
    )
    env.update(extra)
    return env


@pytest.fixture
def cli(tmp_path: Path):
    """Run ``authlete ARGS`` as a user would (a fresh process); returns code, stdout, stderr."""

    def run(
        *args: str,
        input: str | None = None,
        env: dict[str, str] | None = None,
        package: str = "authlete_cli",
        timeout: float = 60,
    ) -> Result:
        merged = clean_env(tmp_path, **(env or {}))
        proc = subprocess.run(
            [sys.executable, "-m", package, *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env=merged,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(scope="session")
def prism():
    """Prism serving our spec on a free loopback port for the whole test session."""
    with Prism(SPEC) as server:
        yield server
