"""``make bench``: start-up and generation speed, reported as ratios so they travel between machines.

- CLI start-up for `--help` against a bare `python -c pass` (the floor no CLI can beat);
- the same against an eager start that imports every command module, the models and
  httpx up front (what the static table and lazy imports save);
- a dry run of `token process` (builds and validates a request; no network);
- one full generation (load, validate, IR, render, black) in-process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "generated"), "NO_COLOR": "1"}
EAGER = (
    "import importlib, sys, httpx, authlete_cli.models, authlete_cli.client;"
    "[importlib.import_module('authlete_cli.commands.' + m) for m in ('token', 'token_management', 'introspection', 'grant_management')];"
    "from authlete_cli.runtime.app import main; sys.exit(main(['token', 'process', '--help']))"
)


def timed(argv: list[str], runs: int) -> float:
    """Median wall time of ``runs`` fresh processes, after one warm-up."""
    samples = []
    for index in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if index:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "15"))
    py = sys.executable
    floor = timed([py, "-c", "pass"], runs)
    cases = {
        "authlete --help": [py, "-m", "authlete_cli", "--help"],
        "authlete token process --help": [py, "-m", "authlete_cli", "token", "process", "--help"],
        "same, eager imports (baseline)": [py, "-c", EAGER],
        "authlete token process --dry-run": [
            py,
            "-m",
            "authlete_cli",
            "token",
            "process",
            "-s",
            "1",
            "--parameters",
            "grant_type=client_credentials",
            "--dry-run",
        ],
    }
    results = {name: timed(argv, runs) for name, argv in cases.items()}
    print(f"median of {runs} runs; 1.0x = `python -c pass` ({floor * 1000:.0f} ms on this machine)")
    for name, seconds in results.items():
        print(f"  {name:<36} {seconds / floor:5.1f}x")
    lazy, eager = results["authlete token process --help"], results["same, eager imports (baseline)"]
    print(f"  lazy start-up takes {lazy / eager:.2f} of the eager start-up's time")
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import DEFAULT_SPEC, produce

    start = time.perf_counter()
    produce(DEFAULT_SPEC)
    generation = time.perf_counter() - start
    print(f"  one full generation                  {generation / floor:5.0f}x  ({generation:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
