"""Real terminal behaviour, driven through tmux: prompting for missing options and colour on a TTY.

Each test starts its own tmux server (a private socket), runs the CLI in a
pane with a clean environment, and polls ``tmux capture-pane`` until the
expected text appears or a deadline passes.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import GENERATED

SID = "715948317"
BEARER = "sat-terminal-test-bearer-0123456789"
PARAMETERS = "grant_type=authorization_code&code=Xv_su944auuBgc5mfUnxXayiiQU9Z4-T_Yae_UfExmo"
EXIT = re.compile(r"\[exit=(\d+)\]")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def tmux_binary() -> str:
    path = shutil.which("tmux")
    if path is None:
        pytest.fail("tmux is not installed; these terminal tests need it: apt-get install tmux", pytrace=False)
    return path


class Pane:
    """One tmux server on a private socket, one session running one CLI command."""

    def __init__(self, tmp_path: Path, args: list[str], env: dict[str, str] | None = None) -> None:
        self.tmux = tmux_binary()
        self.socket = f"authlete-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = f"cli-{uuid.uuid4().hex[:8]}"
        home = tmp_path / "home"
        home.mkdir(exist_ok=True)
        clean = {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(GENERATED),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            **(env or {}),
        }
        assignments = " ".join(shlex.quote(f"{k}={v}") for k, v in clean.items())
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "authlete_cli", *args])
        script = tmp_path / f"run-{self.session}.sh"
        # The pane outlives the CLI so its last screen can be read; kill-server ends it.
        script.write_text(f'#!/bin/sh\nenv -i {assignments} {command}\necho "[exit=$?]"\nexec sleep 600\n')
        script.chmod(0o755)
        self._tmux("new-session", "-d", "-s", self.session, "-x", "220", "-y", "60", str(script))

    def _tmux(self, *args: str) -> str:
        proc = subprocess.run([self.tmux, "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=20)  # fmt: skip
        assert proc.returncode == 0, f"tmux {' '.join(args)} failed: {proc.stderr}"
        return proc.stdout

    def capture(self, escapes: bool = False) -> str:
        flags = ["-p", "-J"] + (["-e"] if escapes else [])
        return self._tmux("capture-pane", *flags, "-t", self.session, "-S", "-200")

    def wait_for(self, pattern: str | re.Pattern[str], timeout: float = 30, escapes: bool = False) -> str:
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture(escapes)
            if regex.search(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{regex.pattern!r} did not appear within {timeout}s; the pane shows:\n{screen}")

    def wait_exit(self, timeout: float = 30, escapes: bool = False) -> tuple[int, str]:
        screen = self.wait_for(EXIT, timeout, escapes)
        match = EXIT.search(ESCAPE.sub("", screen))
        assert match is not None, screen
        return int(match.group(1)), screen

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", text)
        self._tmux("send-keys", "-t", self.session, "Enter")

    def close(self) -> None:
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


@pytest.fixture
def pane(tmp_path):
    opened: list[Pane] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Pane:
        opened.append(Pane(tmp_path, list(args), env))
        return opened[-1]

    try:
        yield start
    finally:
        for p in opened:
            p.close()


def test_tmux_is_installed():
    assert tmux_binary()


def test_prompts_for_missing_required_option(pane, prism):
    p = pane("token", "process", "-s", SID, "--server-url", prism.url, "--bearer", BEARER, "-o", "json")
    screen = p.wait_for(r"--parameters \(")  # the prompt, not the "missing option '--parameters'" error
    assert "[exit=" not in screen, "the CLI exited instead of prompting"
    p.type(PARAMETERS)
    code, screen = p.wait_exit()
    assert code == 0, screen
    assert '"resultCode": "A050001"' in screen
    assert '"accessToken": "C4SrUTijIj2IxqE1xBASr3dxQWgso3BpY49g8CyjGjQ"' in screen
    assert "Traceback" not in screen


def test_prompt_value_reaches_the_request(pane, prism):
    """What is typed at the prompt is what gets sent (seen through --dry-run)."""
    p = pane("token", "fail", "-s", SID, "--ticket", "83BNqKIhGMyrkvop", "--server-url", prism.url,
             "--bearer", BEARER, "--dry-run")  # fmt: skip
    p.wait_for(r"--reason \(")
    p.type("INVALID_TARGET")
    code, screen = p.wait_exit()
    assert code == 0, screen
    assert '"reason": "INVALID_TARGET"' in screen
    assert "Dry run: POST" in screen


def test_no_interactive_does_not_prompt(pane, prism):
    p = pane("token", "process", "-s", SID, "--server-url", prism.url, "--bearer", BEARER, "--no-interactive")
    code, screen = p.wait_exit()
    assert code == 2, screen
    assert "authlete: error: missing option '--parameters'" in screen
    assert "Traceback" not in screen
    lines = [line for line in screen.splitlines() if line.strip()]
    assert len(lines) == 2, screen  # the one error line, then our [exit=2]


def test_pretty_output_is_coloured_on_a_terminal(pane, prism):
    base = ["token", "process", "-s", SID, "--parameters", PARAMETERS, "--server-url", prism.url, "--bearer", BEARER]
    coloured = pane(*base)
    never = pane(*base, "--color", "never")
    no_color = pane(*base, env={"NO_COLOR": "1"})

    code, screen = coloured.wait_exit(escapes=True)
    assert code == 0, screen
    assert "\x1b[" in screen, "pretty output on a TTY should be coloured"
    assert '"resultCode"' in ESCAPE.sub("", screen)

    for quiet in (never, no_color):
        code, screen = quiet.wait_exit(escapes=True)
        assert code == 0, screen
        assert '"resultCode": "A050001"' in screen
        assert "\x1b[" not in screen, f"unexpected colour:\n{screen!r}"
