"""The generation server's side (see generator/daemon.py): warm up once, then fork a child per run.

A child becomes its client's process for one run: its standard streams (the
descriptors the client sent), working folder, environment and umask; it runs
``generator.cli.main`` and reports the exit code on the connection. The
server stays single-threaded, so that forking it is safe, and it never reads
anything but JSON from the socket.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from generator.daemon import (
    GRACE,
    MAX_REQUEST,
    Plan,
    ensure_folder,
    identity,
    peer_uid,
    plan,
)

if TYPE_CHECKING:
    from collections.abc import Callable

IDLE_ENV = "AUTHLETE_CODEGEN_DAEMON_IDLE"
IDLE_SECONDS = 30 * 60
MAX_RUNS = 8  # children at once; a client beyond that runs locally
CHECK_EVERY = 5.0  # seconds between the server's checks of its cache folder and socket
IDENTITY_EVERY = 30.0  # seconds between checks that its own sources are unchanged
LOG_LIMIT = 1 << 20


def serve(cache_dir: str) -> int:
    """Run the server of ``cache_dir`` until it is stopped, goes stale or idles out."""
    import contextlib
    import fcntl
    import time

    chosen = plan(cache_dir)
    if not os.path.isdir(cache_dir) or not ensure_folder(chosen.folder):
        return 1
    lock = os.open(chosen.lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        return 0  # another one runs or starts
    os.ftruncate(lock, 0)
    os.write(lock, str(os.getpid()).encode())
    _log_to(chosen.log)
    began = time.monotonic()
    try:
        server = _Server(chosen, lock)
        if not server.warm():
            if not server.stopping:
                _fail(chosen)
            return 1
        _say(f"ready in {time.monotonic() - began:.2f} s: {chosen.socket}")
        with contextlib.suppress(OSError):
            os.unlink(chosen.failed)
        server.loop()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        with contextlib.suppress(OSError):
            os.unlink(chosen.lock)  # no lock files pile up; a rare twin finds its socket replaced and leaves
        os.close(lock)


def _fail(chosen: Plan) -> None:
    try:
        with open(chosen.failed, "w", encoding="ascii") as handle:
            handle.write(str(os.getpid()))
    except OSError:
        pass


def _log_to(path: str) -> None:
    """The server's stdout and stderr go to a log in its cache folder (kept under LOG_LIMIT bytes)."""
    try:
        if os.path.getsize(path) > LOG_LIMIT:
            os.replace(path, path + ".1")
    except OSError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _say(line: str) -> None:
    import time

    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} [{os.getpid()}] {line}", file=sys.stderr, flush=True)


class _Child(NamedTuple):
    conn: socket.socket
    started: float
    command: str


class _Server:
    """The single-threaded loop: accept, fork a child per run, reap, and leave when it should."""

    def __init__(self, chosen: Plan, lock_fd: int) -> None:
        import signal

        self.plan = chosen
        self.lock_fd = lock_fd
        self.children: dict[int, _Child] = {}
        self.interrupted: dict[int, float] = {}
        self.served = 0
        self.stopping = False
        self.idle = _idle_seconds()
        self.listener: socket.socket | None = None
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        os.set_blocking(self.wake_r, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the loop (through the wakeup fd)
        signal.signal(signal.SIGTERM, self._terminate)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    def _terminate(self, *_: object) -> None:
        self.stopping = True

    def warm(self) -> bool:
        """Import every stage and tool and run the pipeline once, so that children start warm."""
        try:
            _warm_up()
        except Exception as exc:
            _say(f"warming up failed: {exc.__class__.__name__}: {exc}")
            return False
        if identity() != self.plan.identity:
            _say("the generator changed while the server started; leaving")
            return False
        if self.stopping:
            return False
        import gc

        gc.collect()
        gc.freeze()  # children share the warm heap instead of copying what the collector touches
        path = self.plan.socket
        try:
            os.unlink(path)  # a dead server's (we hold the lock)
        except FileNotFoundError:
            pass
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(64)
        self.inode = os.stat(path).st_ino
        return True

    def loop(self) -> None:
        import selectors
        import time

        assert self.listener is not None
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        self.selector.register(self.wake_r, selectors.EVENT_READ, "wake")
        last = time.monotonic()
        checked = identified = last
        try:
            while True:
                now = time.monotonic()
                if self.stopping:
                    self._close_listener()
                    if not self.children:
                        return
                elif not self.children and now - last > self.idle:
                    _say(f"idle for {self.idle} s; leaving")
                    return
                if now - checked > CHECK_EVERY:
                    checked = now
                    self._check()
                if now - identified > IDENTITY_EVERY and not self.stopping:
                    identified = now
                    if identity() != self.plan.identity:
                        _say("the generator changed; leaving")
                        self.stopping = True
                timeout = min(CHECK_EVERY, max(0.0, self.idle - (now - last)) + 0.01)
                if self.interrupted:
                    timeout = min(timeout, 0.2)
                for key, _ in self.selector.select(timeout):
                    if key.data == "accept":
                        self._accept()
                    elif key.data == "wake":
                        _drain(self.wake_r)
                    else:
                        self._client_spoke(key.data)
                self._reap()
                self._escalate()
                if self.children:
                    last = time.monotonic()
        finally:
            self._close_listener()

    def _check(self) -> None:
        """Leave when the cache folder is gone or our socket is no longer ours (nobody could reach us)."""
        if not os.path.isdir(self.plan.cache_dir):
            _say("the cache folder is gone; leaving")
            self.stopping = True
            return
        try:
            if os.stat(self.plan.socket).st_ino == self.inode:
                return
        except OSError:
            pass
        if self.listener is not None:
            _say("the socket was removed or replaced; leaving")
            self.stopping = True

    def _close_listener(self) -> None:
        if self.listener is None:
            return
        try:
            if os.stat(self.plan.socket).st_ino == self.inode:
                os.unlink(self.plan.socket)
        except OSError:
            pass
        if hasattr(self, "selector"):
            self.selector.unregister(self.listener)
        self.listener.close()
        self.listener = None

    def _accept(self) -> None:
        assert self.listener is not None
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        fds: list[int] = []
        try:
            conn.settimeout(5.0)
            if peer_uid(conn) != os.getuid():
                conn.close()
                return
            request, fds = _receive(conn)
            self._answer(conn, request, fds)
        except (OSError, ValueError):
            conn.close()
        finally:
            for fd in fds:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def _answer(self, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
        op = request.get("op")
        if op == "status":
            answer = {
                "pid": os.getpid(),
                "identity": self.plan.identity,
                "served": self.served,
                "children": sorted(self.children),
                "idle": self.idle,
                "log": self.plan.log,
            }
            conn.sendall(json.dumps(answer).encode() + b"\n")
            conn.close()
        elif op == "stop":
            _say("asked to stop")
            self.stopping = True
            conn.sendall(b'{"stopping": true}\n')
            conn.close()
        elif op == "run":
            reason = self._refusal(request, fds)
            if reason:
                conn.sendall(json.dumps({"refused": reason}).encode() + b"\n")
                conn.close()
                return
            self._fork(conn, request, fds)
        else:
            conn.close()

    def _refusal(self, request: dict[str, Any], fds: list[int]) -> str:
        import threading

        if self.stopping:
            return "stopping"
        if request.get("identity") != self.plan.identity:
            return "another generator"
        if len(fds) != 3:
            return "no standard streams"
        if len(self.children) >= MAX_RUNS:
            return "busy"
        if threading.active_count() != 1:
            return "not single-threaded"
        shape = (
            isinstance(request.get("argv"), list)
            and all(isinstance(a, str) for a in request["argv"])
            and isinstance(request.get("cwd"), str)
            and isinstance(request.get("env"), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in request["env"].items())
            and isinstance(request.get("umask"), int)
            and isinstance(request.get("argv0"), str)
        )
        return "" if shape else "malformed"

    def _fork(self, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
        import selectors
        import time

        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        try:
            pid = os.fork()
        except OSError:
            conn.sendall(b'{"refused": "fork"}\n')
            conn.close()
            return
        if pid == 0:
            _child(conn, request, fds, self._closables(conn))
        self.served += 1
        self.children[pid] = _Child(conn, time.monotonic(), request["argv"][0] if request["argv"] else "")
        self.selector.register(conn, selectors.EVENT_READ, pid)  # readable: the client hung up or was interrupted

    def _closables(self, keep: socket.socket) -> list[Callable[[], None]]:
        """What a child must close: the server's socket, selector, wakeup pipe and other clients' connections."""
        found: list[Callable[[], None]] = [self.selector.close, lambda: os.close(self.wake_r)]
        found += [lambda: os.close(self.wake_w), lambda: os.close(self.lock_fd)]
        if self.listener is not None:
            found.append(self.listener.close)  # closing never unlinks the socket's path
        found += [child.conn.close for child in self.children.values() if child.conn is not keep]
        return found

    def _client_spoke(self, pid: int) -> None:
        """Anything from a client after its run started, EOF included, means: stop the run."""
        import signal
        import time

        child = self.children.get(pid)
        if child is None:
            return
        try:
            data = child.conn.recv(4096, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if pid not in self.interrupted:
            self.interrupted[pid] = time.monotonic()
            _signal_group(pid, signal.SIGINT)
        if not data:
            self.selector.unregister(child.conn)

    def _reap(self) -> None:
        import time

        while self.children:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            child = self.children.pop(pid, None)
            self.interrupted.pop(pid, None)
            if child is None:
                continue
            took = time.monotonic() - child.started
            cpu = usage.ru_utime + usage.ru_stime
            code = os.waitstatus_to_exitcode(status)
            _say(f"run {pid} ({child.command}): exit status {code} after {took:.3f} s, {cpu:.3f} s of CPU")
            if os.WIFSIGNALED(status):  # it could not say so itself
                try:
                    conn = child.conn
                    conn.settimeout(1.0)
                    conn.sendall(json.dumps({"exit": 128 + os.WTERMSIG(status)}).encode() + b"\n")
                except OSError:
                    pass
            _signal_group(pid, 9, reaped=True)  # anything the run left in its process group
            try:
                self.selector.unregister(child.conn)
            except (KeyError, ValueError):
                pass
            child.conn.close()

    def _escalate(self) -> None:
        import signal
        import time

        now = time.monotonic()
        for pid, when in list(self.interrupted.items()):
            if now - when > GRACE:
                _signal_group(pid, signal.SIGKILL)


def _signal_group(pid: int, sig: int, reaped: bool = False) -> None:
    """Signal a child's process group; or the child alone, if it is not yet reaped and has no group yet."""
    try:
        os.killpg(pid, sig)
    except OSError:
        if reaped:  # its pid may belong to someone else now; its group id cannot while the group lives
            return
        try:
            os.kill(pid, sig)
        except OSError:
            pass


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass


def _idle_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get(IDLE_ENV, IDLE_SECONDS)))
    except ValueError:
        return float(IDLE_SECONDS)


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """One request line and the descriptors that came with it."""
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    buffer = data
    while b"\n" not in buffer:
        if not data or len(buffer) > MAX_REQUEST:
            raise ValueError("incomplete request")
        data = conn.recv(65536)
        buffer += data
    try:
        request = json.loads(buffer.partition(b"\n")[0].decode("utf-8", "surrogateescape"))
    except (ValueError, UnicodeDecodeError):
        for fd in fds:
            os.close(fd)
        raise ValueError("not JSON") from None
    if not isinstance(request, dict):
        raise ValueError("not an object")
    return request, list(fds)


# ---------------------------------------------------------------- a run in a child


def _child(
    conn: socket.socket, request: dict[str, Any], fds: list[int], closables: list[Callable[[], None]]
) -> NoReturn:
    """Become the client's process (its streams, folder, environment, umask), run, report, and leave."""
    code = 3
    try:
        try:
            _become(request, fds, closables)
        except Exception as exc:
            conn.sendall(json.dumps({"refused": f"{exc.__class__.__name__}: {exc}"}).encode() + b"\n")
            os._exit(0)
        conn.settimeout(None)
        conn.sendall(b'{"started": true}\n')
        code = _run(request["argv"])
    except BaseException:
        code = 3
    finally:
        try:
            conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        except BaseException:
            pass
        os._exit(code & 0xFF)


def _become(request: dict[str, Any], fds: list[int], closables: list[Callable[[], None]]) -> None:
    import signal

    os.setpgid(0, 0)  # the run and whatever it starts can be stopped as one group
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for close in closables:
        try:
            close()
        except OSError:
            pass
    os.chdir(request["cwd"])
    os.umask(request["umask"])
    os.environ.clear()
    os.environ.update(request["env"])
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    sys.argv = [request["argv0"], *request["argv"]]
    if not getattr(sys.flags, "safe_path", False):  # -P or -I: no working folder on the path
        sys.path[0] = request["cwd"]  # as `python -m` would have it
    _fresh_streams()
    _fresh_state()


def _fresh_streams() -> None:
    """Standard streams as a new interpreter builds them on these descriptors (buffering follows isatty)."""
    import io

    made = []
    for fd, name, old in (
        (0, "<stdin>", sys.__stdin__),
        (1, "<stdout>", sys.__stdout__),
        (2, "<stderr>", sys.__stderr__),
    ):
        assert old is not None
        write = fd != 0
        unbuffered = write and bool(getattr(sys.__stdout__, "write_through", False))
        buffer: Any = open(fd, "wb" if write else "rb", buffering=0 if unbuffered else -1, closefd=False)
        raw = buffer if unbuffered else buffer.raw
        raw.name = name
        line_buffering = not unbuffered and (raw.isatty() or fd == 2)
        stream = io.TextIOWrapper(
            buffer, old.encoding, old.errors, newline="\n", line_buffering=line_buffering, write_through=unbuffered
        )
        stream.mode = "w" if write else "r"  # type: ignore[misc]
        made.append(stream)
    sys.stdin, sys.stdout, sys.stderr = made
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = made  # type: ignore[misc]


def _fresh_state() -> None:
    """Forget what warming up left that a fresh process would not have: warnings shown, listings, temp folder."""
    import warnings

    kept = list(warnings.filters)
    warnings.resetwarnings()  # also invalidates every "already warned" registry
    live: Any = warnings.filters  # the very list the C side reads
    live.extend(kept)
    tempfile: Any = sys.modules.get("tempfile")
    if tempfile is not None:
        tempfile.tempdir = None  # found again from this run's TMPDIR
    from generator import background, cache

    cache.path_listing.cache_clear()
    cache.tool_version.cache_clear()
    background.fork_only()


def _run(argv: list[str]) -> int:
    """``main(argv)`` with the exit a Python process would make of it."""
    from generator.cli import main

    try:
        code: object = main(argv)
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        code = 130
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            if stream is sys.stdout:  # what Python prints when it cannot flush stdout at exit
                try:
                    print(f"Exception ignored in: {stream!r}\n{exc.__class__.__name__}: {exc}", file=sys.stderr)
                    sys.stderr.flush()
                except (OSError, ValueError):
                    pass
                code = 120
    return code


# ---------------------------------------------------------------- warming up

_WARM_SPEC = """\
openapi: 3.0.3
info: {title: Warm, version: "1.0"}
servers: [{url: "https://example.com"}]
paths:
  /things/{thingId}:
    post:
      operationId: thing_update
      summary: Update a thing.
      tags: [thing]
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: integer, format: int64}}
        - {name: verbose, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/thing_request"}
            example: {name: box, sizes: [1, 2], kind: small}
      responses:
        "200":
          description: The thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/thing"}
components:
  schemas:
    thing_request:
      type: object
      description: A change to a thing.
      required: [name]
      properties:
        name: {type: string, description: Its name., example: box}
        sizes: {type: array, items: {type: integer, format: int32}}
        kind: {type: string, enum: [small, large]}
        extra: {type: object, additionalProperties: {type: string}}
    thing:
      type: object
      properties:
        id: {type: integer, format: int64}
        name: {type: string}
        created: {type: string, format: date-time}
        parts:
          type: array
          items:
            type: object
            properties:
              label: {type: string}
              weight: {type: number}
"""


def _warm_up() -> None:
    """Import the whole generator and its tools, and run generate and check on a small spec in this process.

    Everything runs here (no background process), so that the lazy caches of
    the validator, the model generator, pydantic and black are built in the
    server, which every child then starts from.
    """
    import contextlib
    import importlib
    import pkgutil
    import shutil
    import tempfile

    import generator

    for module in pkgutil.iter_modules(generator.__path__):
        if module.name not in ("__main__", "daemon"):
            importlib.import_module(f"generator.{module.name}")
    for name in (
        "black",
        "datamodel_code_generator",
        "datamodel_code_generator.parser.openapi",
        "datamodel_code_generator.model.pydantic_v2",
        "openapi_spec_validator",
        "jsonschema",
        "jinja2",
        "yaml",
        "difflib",
    ):
        importlib.import_module(name)
    from generator import background
    from generator.cli import main

    work = tempfile.mkdtemp(prefix="authlete-codegen-warm-")
    saved = os.environ.get(background.ENV_SWITCH)
    os.environ[background.ENV_SWITCH] = "0"
    try:
        spec = os.path.join(work, "warm.yaml")
        with open(spec, "w", encoding="utf-8") as handle:
            handle.write(_WARM_SPEC)
        common = ["--spec", spec, "--out", os.path.join(work, "out"), "--package", "warm"]
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            for argv in (
                ["generate", *common, "--cache-dir", os.path.join(work, "cache")],
                ["check", *common, "--no-cache"],
            ):
                code = main(argv)
                if code != 0:
                    raise RuntimeError(f"{' '.join(argv[:1])} of the warm-up spec exited {code}")
    finally:
        if saved is None:
            os.environ.pop(background.ENV_SWITCH, None)
        else:
            os.environ[background.ENV_SWITCH] = saved
        shutil.rmtree(work, ignore_errors=True)
