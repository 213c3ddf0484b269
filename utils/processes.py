"""Run Python worker processes from a notebook: start, wait with a timeout, stop, kill, and always clean up.

A notebook uses these to run training jobs beside its kernel: two `MultiWorkerMirroredStrategy` workers on free
localhost ports, or a job that it kills with SIGKILL (a simulated crash) and restarts from its checkpoint. Each worker
runs `sys.executable` (the kernel's own Python) in a process group of its own, with stdout and stderr in a log file, so
that stopping a worker also stops every process it started, and a hung worker is reported with the end of its log::

    ports = [free_port(), free_port()]
    with running() as held:
        for index in range(2):
            held.append(start_python("worker.py", args=(index, *ports), name=f"worker-{index}"))
        return_codes = wait(held, timeout=600)   # TimeoutError naming the hung worker, and its log's tail
    # leaving the block stopped every worker still running, even if the body raised

    job = start_python("train.py")
    kill(job)                                    # SIGKILL, as a crash would
    job = start_python("train.py")               # resumes from its checkpoint

POSIX only (process groups and signals). Worker output is unbuffered (`python -u`), so the log is current.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from utils import validation

DEFAULT_GRACE = 5.0  # seconds between SIGTERM and SIGKILL
LOG_TAIL_LINES = 20
_POLL_INTERVAL = 0.02


def _script_or_code(script_path_or_code):
    """The interpreter arguments that run a script file (`[path]`) or a code string (`["-c", code]`)."""
    if isinstance(script_path_or_code, os.PathLike):
        path = Path(script_path_or_code)
        if not path.is_file():
            raise ValueError(f"script_path_or_code must name an existing script, got {script_path_or_code!r}.")
        return [str(path)]
    if not isinstance(script_path_or_code, str) or not script_path_or_code.strip():
        raise ValueError(f"script_path_or_code must be a script path or a string of Python code, "
                         f"got {script_path_or_code!r}.")
    if os.path.isfile(script_path_or_code):
        return [script_path_or_code]
    if script_path_or_code.endswith(".py") and not any(char.isspace() for char in script_path_or_code):
        raise ValueError(f"script_path_or_code looks like a script path but names no file, "
                         f"got {script_path_or_code!r}.")
    return ["-c", script_path_or_code]


def _arguments(args):
    """`args` as a list of command-line strings; each entry a string, a number or a path."""
    if isinstance(args, (str, bytes)) or not hasattr(args, "__iter__"):
        raise ValueError(f"args must be a sequence of arguments (e.g. ('--epochs', 3)), got {args!r}.")
    arguments = []
    for arg in args:
        if isinstance(arg, os.PathLike):
            arguments.append(os.fspath(arg))
        elif isinstance(arg, (str, int, float)) and not isinstance(arg, bool):
            arguments.append(str(arg))
        else:
            raise ValueError(f"every entry of args must be a string, a number or a path, got {arg!r}.")
    return arguments


def _environment(env):
    """`os.environ` with the string pairs of `env` (a mapping, or `None`) set over it."""
    if env is None:
        return dict(os.environ)
    if not isinstance(env, Mapping):
        raise ValueError(f"env must be a mapping of names to strings, or None, got {env!r}.")
    for key, value in env.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(f"every entry of env must map a string to a string, got {key!r}: {value!r}.")
    return {**os.environ, **env}


def _handles(handle_or_handles, name="handle_or_handles"):
    """The handles as a list, and whether a single one was given (rather than a sequence)."""
    if isinstance(handle_or_handles, subprocess.Popen):
        return [handle_or_handles], True
    if isinstance(handle_or_handles, (str, bytes)) or not hasattr(handle_or_handles, "__iter__"):
        raise ValueError(f"{name} must be a process started by start_python or a sequence of them, "
                         f"got {handle_or_handles!r}.")
    handles = list(handle_or_handles)
    for handle in handles:
        if not isinstance(handle, subprocess.Popen):
            raise ValueError(f"every entry of {name} must be a process started by start_python, got {handle!r}.")
    return handles, False


def _handle(handle):
    """`handle` when it is one process started by `start_python`, else `ValueError`."""
    if not isinstance(handle, subprocess.Popen):
        raise ValueError(f"handle must be a process started by start_python, got {handle!r}.")
    return handle


def _timeout(value, name):
    """`None` (no limit) or a positive number of seconds."""
    return None if value is None else validation.positive_real(value, name)


def start_python(script_path_or_code, args=(), env=None, log_path=None, name=None):
    """Starts `sys.executable` on a script or a code string, in a new process group, logging to a file.

    Args:
        script_path_or_code: the path of a script (a `pathlib.Path`, or a string naming an existing file), or a
            string of Python code, run as `python -c code`.
        args: command-line arguments (`sys.argv[1:]` in the worker); strings, numbers or paths.
        env: environment variables set over a copy of `os.environ`, e.g. `{"TF_CONFIG": json.dumps(...)}`.
        log_path: where the worker's stdout and stderr go (overwritten); `None` for a new temporary file.
        name: what messages call the worker; `None` for the script's file name, or `"python -c"` for code.

    Returns:
        The `subprocess.Popen` handle, with two more attributes: `name` and `log_path` (a `pathlib.Path`).
    """
    command = [sys.executable, "-u", *_script_or_code(script_path_or_code), *_arguments(args)]
    environment = _environment(env)
    if name is None:
        name = "python -c" if command[2] == "-c" else Path(command[2]).name
    elif not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string or None, got {name!r}.")
    if log_path is None:
        descriptor, log_path = tempfile.mkstemp(prefix="worker-", suffix=".log")
        os.close(descriptor)
    elif not isinstance(log_path, (str, os.PathLike)):
        raise ValueError(f"log_path must be a path or None, got {log_path!r}.")
    log_path = Path(log_path)
    with open(log_path, "wb") as log:
        handle = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                  env=environment, start_new_session=True)
    handle.name, handle.log_path = name, log_path
    return handle


def log_tail(handle, lines=LOG_TAIL_LINES):
    """The last `lines` lines of a worker's log, as one string (empty when there is no log yet).

    Args:
        handle: a process started by `start_python`.
        lines: how many lines, a positive integer.

    Returns:
        The lines, joined with newlines.
    """
    handle = _handle(handle)
    lines = validation.positive_int(lines, "lines")
    try:
        text = Path(handle.log_path).read_text(errors="replace")
    except (AttributeError, FileNotFoundError):
        return ""
    return "\n".join(text.splitlines()[-lines:])


def describe(handle):
    """A one-line description of a worker for messages: its name, process id and log file."""
    handle = _handle(handle)
    return f"{getattr(handle, 'name', handle.args)!r} (pid {handle.pid}, log {getattr(handle, 'log_path', None)})"


def _signal_group(handle, signum):
    """Sends `signum` to the worker's process group (the worker and whatever it started), if any of it is left.

    The group's id is the worker's pid; Linux does not reuse it while any member of the group lives, so the signal
    reaches only the worker's own processes. After a SIGKILL the group is marked done and never signalled again.
    """
    if getattr(handle, "_group_killed", False):
        return
    try:
        os.killpg(handle.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass  # the whole group has already exited (PermissionError: macOS, for a group of zombies)
    if signum == signal.SIGKILL:
        handle._group_killed = True


def _wait_until(handles, deadline):
    """Waits for every handle up to `deadline` (a `time.monotonic()` value, or `None`); returns those still running."""
    for handle in handles:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        with contextlib.suppress(subprocess.TimeoutExpired):
            handle.wait(remaining)
    return [handle for handle in handles if handle.poll() is None]


def stop(handle_or_handles, grace=DEFAULT_GRACE):
    """Stops workers: SIGTERM to each process group, then SIGKILL to all of it after `grace` seconds.

    Idempotent: stopping a worker that has exited (or was stopped) only cleans up whatever it left running.

    Args:
        handle_or_handles: a process started by `start_python`, or a sequence of them (stopped together).
        grace: seconds the workers get to exit after SIGTERM (save, close files) before SIGKILL; 0 kills at once.

    Returns:
        The return code (a negative one `-N` means "ended by signal N"), or a list of them for a sequence.
    """
    handles, single = _handles(handle_or_handles)
    grace = validation.non_negative_real(grace, "grace")
    alive = [handle for handle in handles if handle.poll() is None]
    if grace > 0:
        for handle in alive:
            _signal_group(handle, signal.SIGTERM)
        _wait_until(alive, time.monotonic() + grace)
    for handle in handles:
        _signal_group(handle, signal.SIGKILL)  # the workers still running, and children left by those that exited
    return_codes = [handle.wait() for handle in handles]
    return return_codes[0] if single else return_codes


def kill(handle):
    """Kills a worker and its process group with SIGKILL at once, as a crash would (no clean-up runs).

    Args:
        handle: a process started by `start_python`.

    Returns:
        The worker's return code: `-signal.SIGKILL` (-9) if it was still running.
    """
    handle = _handle(handle)
    _signal_group(handle, signal.SIGKILL)
    return handle.wait()


def wait(handle_or_handles, timeout):
    """Waits for workers to exit; stops them all and raises `TimeoutError` if any is still running at `timeout`.

    Args:
        handle_or_handles: a process started by `start_python`, or a sequence of them.
        timeout: seconds to wait for all of them together (a positive number), or `None` for no limit.

    Returns:
        The return code, or a list of them for a sequence (0: success; `-N`: ended by signal N).

    Raises:
        TimeoutError: naming each worker still running at `timeout`, with the end of its log.
    """
    handles, single = _handles(handle_or_handles)
    timeout = _timeout(timeout, "timeout")
    hung = _wait_until(handles, None if timeout is None else time.monotonic() + timeout)
    if hung:
        stop(handles, grace=min(DEFAULT_GRACE, timeout))
        reports = [f"{describe(handle)} was still running; its log ends with:\n{log_tail(handle)}" for handle in hung]
        raise TimeoutError(f"{len(hung)} of {len(handles)} worker(s) did not finish within {timeout:g} s, so all "
                           "were stopped.\n" + "\n".join(reports))
    return_codes = [handle.returncode for handle in handles]
    return return_codes[0] if single else return_codes


@contextlib.contextmanager
def running(*handles, grace=DEFAULT_GRACE):
    """A context that stops every worker it holds when it exits, even when its body raises.

    Args:
        *handles: processes started by `start_python`.
        grace: seconds between SIGTERM and SIGKILL when stopping them.

    Yields:
        The list of held handles; append a worker started inside the block (a restart) to have it stopped too.
    """
    held, _ = _handles(handles, "handles")
    grace = validation.non_negative_real(grace, "grace")
    try:
        yield held
    finally:
        stop(held, grace=grace)


def free_port():
    """A TCP port on localhost that is free now (the OS picks it); another process may take it before it is used.

    Returns:
        The port number, an `int`.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]
