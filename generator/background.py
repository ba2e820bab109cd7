"""Run a stage in a fresh Python process while this one goes on with the next stages.

The validator and datamodel-code-generator are the two heaviest stages, in
time and in memory, and neither needs the other's result. Each runs in a
process of its own, started as soon as its input is known and joined where
its result is needed; the parent meanwhile builds, renders and formats.

The validator's child is a fork taken right after loading: it already holds
the spec, and starts no interpreter. The model generator's child is a fresh
interpreter: its libraries are the largest in memory, and a fresh process
holds them without the parent's spec, templates and black beside them.

Background work never changes a result, only when it is computed: a process
that cannot be started or that dies without an answer (the machine is out of
processes, memory, or a tool crashed) makes ``result`` run the same call in
this process, where any error is reported as it would have been anyway.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import subprocess

T = TypeVar("T")

# Set to "0" to run every stage in this process (for debugging, or where processes are scarce).
ENV_SWITCH = "AUTHLETE_CODEGEN_BACKGROUND"
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
# Set by the generation server's children (generator/daemon.py): they hold every library already, so
# a stage forks from them instead of starting an interpreter that would import it all again.
_FORK_ONLY = False


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") != "0"


def fork_only() -> None:
    """From now on every Job forks and no Warm interpreter starts (this process is already warm)."""
    global _FORK_ONLY
    _FORK_ONLY = True


class Job(Generic[T]):
    """``function(*args)`` computed in a child process; ``result()`` waits for it.

    ``function`` must be a module-level function whose result pickles (and,
    unless ``fork``, its arguments too). ``fork`` runs it in a copy of this
    process: nothing to start or import, but the child starts as large as the
    parent is now; without it a fresh interpreter imports only what the call
    needs; a process running other threads (an embedding program) never
    forks. Use as a context manager so a run that stops early (an error, ^C)
    never leaves the child behind.
    """

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool = False, warm: Warm | None = None) -> None:
        self._function = function
        self._warm = warm
        self._args = args
        self._proc: subprocess.Popen[bytes] | None = None
        self._pid = 0
        self._pipe: int | None = None
        self._input: str | None = None
        self._done = False
        self._value: T | None = None
        if not enabled():
            return
        if (fork or _FORK_ONLY) and hasattr(os, "fork") and _single_threaded():
            self._fork()
        else:
            self._spawn()

    def _fork(self) -> None:
        try:
            read, write = os.pipe()
        except OSError:
            return
        for stream in (sys.stdout, sys.stderr):  # or the child would inherit, and repeat, what is buffered
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: answer, then leave without running the parent's exit handlers
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    out.write(_answer(self._function, self._args))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._pipe = pid, read

    def _spawn(self) -> None:
        import subprocess

        call = (self._function.__module__, self._function.__qualname__, self._args)
        try:
            fd, self._input = tempfile.mkstemp(prefix="authlete-codegen-", suffix=".job")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(call, handle, protocol=pickle.HIGHEST_PROTOCOL)
            worker = self._warm.take() if self._warm is not None else None
            if worker is not None and worker.stdin is not None:
                try:
                    worker.stdin.write(self._input.encode() + b"\n")
                    worker.stdin.close()
                    worker.stdin = None
                    self._proc = worker
                    return
                except OSError:  # it died meanwhile: a fresh one below
                    worker.kill()
                    worker.wait()
            self._proc = subprocess.Popen(
                [sys.executable, "-X", "no_debug_ranges", "-m", "generator.background", self._input],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_child_env(),
            )
        except (OSError, pickle.PicklingError, ValueError, TypeError, AttributeError):
            self._cleanup()  # no child: ``result`` computes in this process

    def _answer(self) -> tuple[bool, Any] | None:
        out = b""
        try:
            if self._proc is not None:
                out, _ = self._proc.communicate()
                if self._proc.returncode != 0:
                    return None
            elif self._pipe is not None:
                with os.fdopen(self._pipe, "rb") as pipe:
                    self._pipe = None
                    out = pipe.read()
                _, status = os.waitpid(self._pid, 0)
                self._pid = 0
                if status != 0:
                    return None
            answer: tuple[bool, Any] | None = pickle.loads(out) if out else None  # our own child wrote it
            return answer
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def result(self) -> T:
        """The call's value, from the child when it gave one, else computed here."""
        if self._done:
            return self._value  # type: ignore[return-value]
        answer = self._answer()
        self._cleanup()
        self._done = True
        if answer is not None and answer[0]:
            self._value = answer[1]
            return answer[1]  # type: ignore[no-any-return]
        self._value = self._function(*self._args)  # raises here, located, as it would have inline
        return self._value

    def _cleanup(self) -> None:
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = 0
        if self._input is not None:
            try:
                os.unlink(self._input)
            except OSError:
                pass
            self._input = None

    def __del__(self) -> None:  # a run that failed before joining must not leave a child behind
        try:
            self._cleanup()
        except Exception:
            pass

    def __enter__(self) -> Job[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._cleanup()


class Warm:
    """A fresh interpreter started before its call is known, importing ``modules`` while this process works.

    ``Job(..., warm=this)`` hands it the call; until then it only imports. One
    that is never given a call is stopped by ``close``.
    """

    def __init__(self, *modules: str) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        if not enabled() or _FORK_ONLY:
            return
        import subprocess

        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-X", "no_debug_ranges", "-m", "generator.background", "--warm", *modules],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_child_env(),
            )
        except (OSError, ValueError, TypeError):
            self.proc = None

    def take(self) -> subprocess.Popen[bytes] | None:
        """The waiting process, now the caller's to feed and reap; None if there is none."""
        proc, self.proc = self.proc, None
        return proc

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self.proc = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def _child_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [_PACKAGE_PARENT, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def _single_threaded() -> bool:
    """A fork copies only the calling thread: with others running, a lock one of them holds would never be freed."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _answer(function: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    """The pickled ``(True, value)`` of the call, or ``(False, None)``: the parent then redoes it and reports."""
    try:
        return pickle.dumps((True, function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps((False, None))


def _child(path: str) -> int:
    """Run the pickled call in ``path``; its answer goes to stdout."""
    with open(path, "rb") as handle:
        module, name, args = pickle.load(handle)
    function: Any = importlib.import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    sys.stdout.buffer.write(_answer(function, args))
    sys.stdout.buffer.flush()
    return 0


def _warm(modules: list[str]) -> int:
    """Import ``modules`` now, then run the call whose file the parent names on stdin (none: just leave)."""
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:
            pass  # the call will fail to import it too, and the parent then computes it itself
    path = sys.stdin.readline().strip()
    return _child(path) if path else 0


if __name__ == "__main__":
    sys.exit(_warm(sys.argv[2:]) if sys.argv[1] == "--warm" else _child(sys.argv[1]))
