"""``make bench``: every row of the speed goals, measured side by side in one run.

Each row is a ratio of two medians taken over alternating runs (A, B, A, B, ...),
so a busy machine slows both sides alike; the ratio is printed next to its goal.

    python scripts/bench.py [--upstream PATH] [--runs N] [--gen-runs N]

Rows that need Authlete's published 88-operation spec (``--upstream``, or
``UPSTREAM=...`` through make) are reported as skipped without it. That file is
the vendor's text: it is read from where it lies and patched in a temporary
copy, never copied into the repository. openapi-python-client comes from a
bench-only virtualenv (``.bench/venv``, created by ``make bench``).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "authlete.yaml"
BENCH_VENV = ROOT / ".bench" / "venv"
PY = sys.executable

HELLO = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = typer.Option("world", help="Who to greet.")) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def goodbye(name: str = typer.Option("world", help="Who to see off.")) -> None:
    """Say goodbye."""
    print(f"goodbye {name}")


if __name__ == "__main__":
    app()
'''

DRY_RUN = ["token", "process", "-s", "1", "--parameters", "grant_type=client_credentials", "--dry-run"]


@dataclass
class Row:
    what: str
    goal: float
    ratio: float | None = None
    detail: str = ""
    note: str = ""

    def line(self) -> str:
        if self.ratio is None:
            return f"  {self.what:<64} {'skipped':>8}   goal <= {self.goal:.2f}x  ({self.note})"
        verdict = "ok" if self.ratio <= self.goal else "MISSED"
        return f"  {self.what:<64} {self.ratio:7.2f}x   goal <= {self.goal:.2f}x  {verdict:<6} {self.detail}"


# ---------------------------------------------------------------- measuring


def run_once(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB, the largest process of the run) of one command."""
    elapsed, _, rss = measure(argv, env, cwd)
    return elapsed, rss


def cpu_once(argv: list[str], env: dict[str, str] | None = None) -> float:
    """CPU time (user + system) of one command: what a start-up costs, however busy the machine is."""
    return measure(argv, env)[1]


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall time, CPU time and peak resident memory (KiB) of one command, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def alternate(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` over ``runs`` alternating rounds, after one untimed round."""
    a()
    b()
    times_a, times_b = [], []
    for index in range(runs):
        first, second = (a, b) if index % 2 == 0 else (b, a)
        x, y = first(), second()
        if index % 2:
            x, y = y, x
        times_a.append(x)
        times_b.append(y)
    return statistics.median(times_a), statistics.median(times_b)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


# ---------------------------------------------------------------- setup


def patched_upstream(source: Path, work: Path) -> Path:
    """A copy of the vendor's spec with the problems our generator still refuses patched out.

    Each patch is applied only when the generator refuses the unpatched text, so
    the bench keeps working, untouched, once the generator accepts the original.
    """
    target = work / "upstream.yaml"
    text = source.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    if _generator_accepts(target):
        return target
    healthcheck = "  /api/lifecycle/healthcheck:\n    get:\n"
    if healthcheck in text and "lifecycle_healthcheck_api" not in text:
        text = text.replace(healthcheck, healthcheck + "      operationId: lifecycle_healthcheck_api\n", 1)
    clash = "          name: clientId\n          schema:\n            type: string\n          required: true\n"
    update = text.find("  /api/{serviceId}/client/update/{clientId}:\n")
    at = text.find(clash, update)
    if update >= 0 and 0 <= at < update + 800:
        text = text[: at + len(clash)] + "          x-cli-flag: path-client-id\n" + text[at + len(clash) :]
    schema = text.find("\n    g_m_request:\n")
    required = text.find("      required:\n        - token\n", schema)
    if schema >= 0 and 0 <= required < schema + 400:
        text = text[:required] + "      required:\n        - accessToken\n" + text[required + 32 :]
    target.write_text(text, encoding="utf-8")
    if not _generator_accepts(target):
        raise SystemExit(
            f"bench: the generator refuses {source} even patched; run `python -m generator validate --spec {target}`"
        )
    return target


def _generator_accepts(spec: Path) -> bool:
    proc = subprocess.run([PY, "-m", "generator", "validate", "--spec", str(spec)], cwd=ROOT, capture_output=True)
    return proc.returncode == 0


def opc() -> Path | None:
    tool = BENCH_VENV / "bin" / "openapi-python-client"
    return tool if tool.exists() else None


def opc_env() -> dict[str, str]:
    """openapi-python-client's environment: its ruff (a dependency in the bench venv) on PATH, so
    that it formats its output as it does for its users; without it, it skips formatting."""
    return {**os.environ, "PATH": f"{BENCH_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def generate(spec: Path, out: Path, package: str, *extra: str) -> list[str]:
    return [PY, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), "--package", package, *extra]


# ---------------------------------------------------------------- rows


def cold_rows(upstream: Path | None, work: Path, runs: int, rows: dict[str, Row]) -> None:
    cold, memory = rows["cold"], rows["memory"]
    tool = opc()
    if upstream is None or tool is None:
        note = "no --upstream spec given" if upstream is None else "openapi-python-client missing: run `make bench`"
        cold.note = memory.note = note
        return
    ours_rss: list[int] = []
    theirs_rss: list[int] = []

    def ours() -> float:
        seconds, rss = run_once(generate(upstream, work / "ours", "authlete_cli", "--no-cache"), cwd=ROOT)
        ours_rss.append(rss)
        return seconds

    argv = [str(tool), "generate", "--path", str(upstream), "--output-path", str(work / "opc"), "--overwrite"]
    env = opc_env()
    formats = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True)
    if formats.returncode != 0 or "ruff is not in PATH" in formats.stdout + formats.stderr:
        raise SystemExit(f"bench: openapi-python-client did not generate and format:\n{formats.stdout[-2000:]}")

    def theirs() -> float:
        seconds, rss = run_once(argv, env=env, cwd=work)
        theirs_rss.append(rss)
        return seconds

    a, b = alternate(ours, theirs, runs)
    cold.ratio, cold.detail = a / b, f"({ms(a)} vs {ms(b)})"
    mine, other = max(ours_rss), max(theirs_rss)
    memory.ratio, memory.detail = mine / other, f"({mine // 1024} MiB vs {other // 1024} MiB)"


def served_env() -> dict[str, str]:
    """The environment of a user's cached run: the warm generation server (generator/daemon.py) switched on."""
    return {**os.environ, "AUTHLETE_CODEGEN_DAEMON": "1"}


def wait_for_server(cache: Path, timeout: float = 120) -> None:
    """Until the server of ``cache`` (started by a first cached run) reports ready, as it is for a user's next run."""
    deadline = time.monotonic() + timeout
    status = [PY, "-m", "generator", "daemon", "status", "--cache-dir", str(cache)]
    while subprocess.run(status, cwd=ROOT, env=served_env(), capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            raise SystemExit(f"bench: the generation server of {cache} never became ready; see {cache}/daemon.log")
        time.sleep(0.2)


def stop_server(cache: Path) -> None:
    subprocess.run(
        [PY, "-m", "generator", "daemon", "stop", "--cache-dir", str(cache)],
        cwd=ROOT,
        env=served_env(),
        capture_output=True,
    )


def incremental_rows(work: Path, runs: int, rows: dict[str, Row]) -> None:
    """Regeneration after a one-field change, and `check` with nothing changed, against cold generation.

    The cached runs go through the warm generation server, as a user's do: the
    first one starts it, and timing begins once it reports ready. Cold runs
    (``--no-cache``) never use it.
    """
    cache = work / "cache"
    try:
        _incremental_rows(work, runs, rows)
    finally:
        stop_server(cache)


def _incremental_rows(work: Path, runs: int, rows: dict[str, Row]) -> None:
    spec = work / "authlete.yaml"
    original = SPEC.read_text(encoding="utf-8")
    anchor = "    token_request:\n      type: object\n      description: A token request"
    if anchor not in original or "      properties:\n" not in original[original.find(anchor) :]:
        missing = "specs/authlete.yaml no longer has the token_request anchor"
        rows["regen"].note = rows["shape"].note = rows["check"].note = missing
        return
    out, cache = work / "small", work / "cache"
    counter = iter(range(1_000_000))
    properties = original.index("      properties:\n", original.index(anchor)) + len("      properties:\n")

    def change() -> None:
        """A fresh one-field change each time, so the cache never already holds the result."""
        spec.write_text(original.replace(anchor, anchor + f" (bench {next(counter)})", 1), encoding="utf-8")

    def change_shape() -> None:
        """A fresh property added to token_request: the validator and the model generator must rerun."""
        field = f"        benchField{next(counter)}:\n          type: string\n"
        spec.write_text(original[:properties] + field + original[properties:], encoding="utf-8")

    def cold() -> float:
        change()
        return run_once(generate(spec, out, "authlete_cli", "--no-cache"), cwd=ROOT)[0]

    def regen() -> float:
        change()
        return run_once(generate(spec, out, "authlete_cli", "--cache-dir", str(cache)), env=served_env(), cwd=ROOT)[0]

    def check() -> float:
        return run_once(
            [PY, "-m", "generator", "check", "--spec", str(spec), "--out", str(out), "--cache-dir", str(cache)],
            env=served_env(),
            cwd=ROOT,
        )[0]

    regen()  # the first cached run: it starts the server
    wait_for_server(cache)

    cold_time, regen_time = alternate(cold, regen, runs)
    rows["regen"].ratio, rows["regen"].detail = regen_time / cold_time, f"({ms(regen_time)} vs {ms(cold_time)})"

    def regen_shape() -> float:
        change_shape()
        argv = generate(spec, out, "authlete_cli", "--cache-dir", str(cache))
        return run_once(argv, env=served_env(), cwd=ROOT)[0]

    cold_time, shape_time = alternate(cold, regen_shape, runs)
    rows["shape"].ratio, rows["shape"].detail = shape_time / cold_time, f"({ms(shape_time)} vs {ms(cold_time)})"
    regen()  # the output now matches the spec
    cold_time, check_time = alternate(
        lambda: run_once(generate(spec, work / "cold", "authlete_cli", "--no-cache"), cwd=ROOT)[0], check, runs
    )
    rows["check"].ratio, rows["check"].detail = check_time / cold_time, f"({ms(check_time)} vs {ms(cold_time)})"


def compile_tree(tree: Path) -> None:
    """Byte-compile our sources (a generated CLI, the generator) as installing or a first run would,
    so that no timed run measures compiling them: with PYTHONDONTWRITEBYTECODE set, every run would,
    while typer's, black's and openapi-python-client's installed modules are compiled."""
    subprocess.run([PY, "-m", "compileall", "-q", str(tree)], check=True, stdout=subprocess.DEVNULL)


def startup_rows(upstream: Path | None, work: Path, runs: int, rows: dict[str, Row]) -> None:
    hello = work / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    small = work / "small14"
    run_once(generate(SPEC, small, "authlete_cli"), cwd=ROOT)
    compile_tree(small)
    env = {
        **os.environ,
        "PYTHONPATH": str(small),
        "NO_COLOR": "1",
        "HOME": str(work),
        "XDG_CONFIG_HOME": str(work / "cfg"),
    }
    for name in (
        "CLAUDECODE",
        "CLAUDE_CODE",
        "CURSOR_AGENT",
        "CODEX_SANDBOX",
        "GEMINI_CLI",
        "AIDER_MODEL",
        "CLINE_TASK",
        "AGENT_MODE_AUTHLETE",
    ):
        env.pop(name, None)
    cli = [PY, "-m", "authlete_cli"]

    def timed(argv: list[str], environ: dict[str, str] = env) -> Callable[[], float]:
        # Start-ups are single-threaded: their CPU time is their wall time on an idle machine, and
        # unlike wall time it does not grow when other work shares the cores.
        return lambda: cpu_once(argv, env=environ)

    ours, theirs = alternate(timed(cli + DRY_RUN), timed([PY, str(hello), "hello", "--name", "bench"]), runs)
    rows["dry"].ratio, rows["dry"].detail = ours / theirs, f"({ms(ours)} vs {ms(theirs)})"
    ours, theirs = alternate(
        timed(cli + ["token", "process", "--help"]), timed([PY, str(hello), "hello", "--help"]), runs
    )
    rows["help"].ratio, rows["help"].detail = ours / theirs, f"({ms(ours)} vs {ms(theirs)})"
    if upstream is None:
        rows["scale"].note = "no --upstream spec given"
        return
    big = work / "big88"
    naming = naming_overlay(work)
    run_once(generate(upstream, big, "authlete_cli", "--overlay", str(naming)), cwd=ROOT)
    compile_tree(big)
    big_env = {**env, "PYTHONPATH": str(big)}
    command, why = same_command(upstream, naming)
    ours, theirs = alternate(
        timed(cli + [*command, "--help"], big_env), timed(cli + ["token", "process", "--help"]), runs
    )
    lines = [help_lines(cli + [*command, "--help"], big_env), help_lines(cli + ["token", "process", "--help"], env)]
    rows["scale"].ratio, rows["scale"].detail = ours / theirs, (
        f"({ms(ours)} vs {ms(theirs)}; {why}; it prints {lines[0]} help lines there, {lines[1]} here)"
    )


def help_lines(argv: list[str], env: dict[str, str]) -> int:
    """How long a help text is: upstream's longer descriptions make more lines to wrap and print."""
    shown = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return len(shown.stdout.splitlines())


def naming_overlay(work: Path) -> Path:
    """Our overlay's naming only: the actions that set ``x-cli-command``, and none of those that drop operations.

    Without an overlay our naming calls upstream's token endpoint (operationId
    ``auth_token_api``) ``token auth-token``; the overlay names it ``token process``,
    as Authlete's SDKs do. With just the naming, the 88-operation CLI has every
    operation and the very command the 14-operation CLI is timed on.
    """
    import yaml

    overlay = yaml.safe_load((ROOT / "specs" / "overlays" / "authlete-cli.yaml").read_text(encoding="utf-8"))
    actions = [a for a in overlay["actions"] if isinstance(a.get("update"), dict) and "x-cli-command" in a["update"]]
    target = work / "naming-overlay.yaml"
    target.write_text(yaml.safe_dump({**overlay, "actions": actions}, sort_keys=False), encoding="utf-8")
    return target


def same_command(spec: Path, overlay: Path) -> tuple[list[str], str]:
    """``token process`` when the 88-operation CLI has it; else the upstream-named command, and why."""
    described = subprocess.run(
        [PY, "-m", "generator", "describe", "--spec", str(spec), "--overlay", str(overlay), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    commands = {c["command"] for c in json.loads(described.stdout)["commands"]}
    if "token process" in commands:
        return ["token", "process"], "`token process` in both; the 88-op CLI named by our overlay's x-cli-command"
    return ["token", "auth-token"], (
        "`token auth-token` there: our overlay's naming no longer gives upstream's token endpoint "
        "the name `token process`, so the 88-op CLI has no command of that name"
    )


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every POST like Authlete's token endpoint would, at once."""

    body = json.dumps({"resultCode": "A001", "resultMessage": "ok", "action": "OK", "responseContent": "{}"}).encode()
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else delayed ACKs, not the client, decide the time per call

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def client_row(work: Path, runs: int, rows: dict[str, Row]) -> None:
    """Per-call time of the generated client against a bare httpx call, both against a local server."""
    sys.path.insert(0, str(work / "small14"))
    import httpx
    from authlete_cli import AuthleteClient
    from authlete_cli.models import TokenRequest

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    calls = 200
    try:
        with AuthleteClient("bench-token", server_url=base) as client, httpx.Client(timeout=30.0) as bare:
            request = TokenRequest(parameters="grant_type=client_credentials")
            headers = {"Authorization": "Bearer bench-token", "Accept": "application/json"}

            def ours() -> float:
                start = time.perf_counter()
                for _ in range(calls):
                    client.token_process("1", request)
                return (time.perf_counter() - start) / calls

            def theirs() -> float:
                start = time.perf_counter()
                for _ in range(calls):
                    reply = bare.post(
                        f"{base}/api/1/auth/token",
                        json={"parameters": "grant_type=client_credentials"},
                        headers=headers,
                    )
                    reply.json()
                return (time.perf_counter() - start) / calls

            a, b = alternate(ours, theirs, runs)
    finally:
        server.shutdown()
    rows["client"].ratio, rows["client"].detail = a / b, f"({a * 1e6:.0f} us vs {b * 1e6:.0f} us per call)"


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", type=Path, help="Authlete's published spec (88 operations)")
    parser.add_argument(
        "--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "11")), help="rounds for start-up rows"
    )
    parser.add_argument(
        "--gen-runs", type=int, default=int(os.environ.get("BENCH_GEN_RUNS", "3")), help="rounds for generation rows"
    )
    args = parser.parse_args(argv)
    rows = {
        "cold": Row("cold generation of the 88-op spec, ours / openapi-python-client", 1.0),
        "regen": Row("regeneration after a one-field change (its description) / cold", 0.25),
        "shape": Row("regeneration after a one-field change (a property added) / cold", 0.25),
        "check": Row("`check` with nothing changed / cold generation", 0.15),
        "dry": Row("`token process --dry-run` / typer hello-world command", 1.2),
        "help": Row("`token process --help` / typer hello-world --help", 0.6),
        "scale": Row("`--help` of a command, 88-op CLI / 14-op CLI", 1.1),
        "client": Row("client call against a local server / bare httpx call", 1.15),
        "memory": Row("peak memory of cold generation (88 ops), ours / openapi-python-client", 1.0),
    }
    upstream = args.upstream.resolve() if args.upstream else None
    if upstream is not None and not upstream.is_file():
        print(f"bench: --upstream {upstream}: no such file", file=sys.stderr)
        return 2
    # Only the regeneration rows use the warm generation server, and they stop it; no other run starts one.
    os.environ["AUTHLETE_CODEGEN_DAEMON"] = "0"
    work = Path(tempfile.mkdtemp(prefix="authlete-bench-"))
    compile_tree(ROOT / "generator")  # as a first run writes them, unless PYTHONDONTWRITEBYTECODE is set
    try:
        spec = patched_upstream(upstream, work) if upstream else None
        startup_rows(spec, work, args.runs, rows)
        client_row(work, args.runs, rows)
        incremental_rows(work, args.gen_runs, rows)
        cold_rows(spec, work, args.gen_runs, rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"medians of alternating runs ({args.runs} rounds for start-up and calls, {args.gen_runs} for generation);")
    print("start-up rows compare CPU time (user + system), generation rows wall time")
    for row in rows.values():
        print(row.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
