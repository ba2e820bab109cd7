"""The generated package passes mypy --strict, so its users get precise types."""

from __future__ import annotations

import subprocess
import sys

from conftest import GENERATED, ROOT


def test_generated_package_passes_mypy_strict(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--ignore-missing-imports",
            "--cache-dir",
            str(tmp_path),
            "authlete_cli",
        ],
        cwd=GENERATED,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout


def test_generator_passes_mypy_strict(tmp_path):
    """The generator itself is checked as strictly as what it generates (settings in pyproject.toml)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "generator"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
