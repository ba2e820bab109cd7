"""Standard streams a user can break: stdout closed or full, stdin closed or unreadable.

None of these is a bug of the CLI, so none may come out as 'internal error ... please report':
each is one located stderr line and a non-zero exit, and output that could not be written is
never a silent success.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import clean_env

BAD_URL = ["--server-url", "http://127.0.0.1:9", "--bearer", "test-bearer-0123456789"]


def run(tmp_path: Path, *args: str, close: int | None = None, stdout=subprocess.PIPE, stdin=None):
    """The CLI in a fresh process, with file descriptor ``close`` (0 or 1) closed before it starts."""

    def closer() -> None:
        if close is not None:
            os.close(close)

    return subprocess.run(
        [sys.executable, "-m", "authlete_cli", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(tmp_path),
        preexec_fn=closer,
        timeout=60,
    )


def only_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("authlete: error: "), lines[0]
    assert "internal error" not in lines[0] and "please report" not in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [["oauth", "pkce"], ["--version"], ["token", "process", "--help"]],
    ids=["pkce", "version", "help"],
)
def test_stdout_closed_is_a_located_failure(tmp_path, args):
    proc = run(tmp_path, *args, close=1, stdout=None)
    assert proc.returncode == 1
    assert "cannot write to standard output" in only_line(proc.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["oauth", "pkce"], ["--version"]], ids=["pkce", "version"])
def test_stdout_full_is_a_located_failure(tmp_path, args):
    with open("/dev/full", "w") as full:
        proc = run(tmp_path, *args, stdout=full)
    assert proc.returncode == 1
    line = only_line(proc.stderr)
    assert "cannot write to standard output: No space left on device" in line


@pytest.mark.parametrize("args", [["--usage"], ["--version"], ["oauth", "pkce"], ["--help"]], ids=str)
def test_stdout_to_a_reader_that_left_is_a_quiet_success(tmp_path, args):
    """`| head` that has read enough: exit 0 and nothing on stderr, as for an API answer."""
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w") as pipe:
        proc = run(tmp_path, *args, stdout=pipe)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_body_from_closed_stdin_is_bad_input(tmp_path):
    proc = run(tmp_path, "token", "process", "-s", "1", "--body", "-", "--dry-run", *BAD_URL, close=0)
    assert proc.returncode == 2
    assert "--body (stdin): standard input is closed" in only_line(proc.stderr)
    assert proc.stdout == ""


def test_body_from_stdin_still_works(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "authlete_cli", "token", "process", "-s", "1", "--body", "-"] + ["--dry-run", *BAD_URL],
        input='{"parameters": "grant_type=client_credentials"}',
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"parameters": "grant_type=client_credentials"' in proc.stderr
