"""Worker processes: normal exit, a hung worker stopped by `wait` with its children, `running`, kill and restart.

The workers are tiny Python snippets (no TensorFlow), so the whole file runs in a few seconds.
"""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from utils.processes import describe, free_port, kill, log_tail, running, start_python, stop, wait

try:
    import psutil
except ImportError:  # psutil is optional: fall back on os.kill and /proc
    psutil = None

SLEEPER = "import time; time.sleep(1000)"
PARENT_OF_SLEEPER = f"""
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", {SLEEPER!r}])
print("child", child.pid, flush=True)
time.sleep(1000)
"""


def is_running(pid):
    """Whether process `pid` exists and is not a zombie (dead, waiting for its parent to collect it)."""
    if psutil is not None:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return sys.platform != "linux"


def assert_gone(pid, within=2.0):
    """Asserts that process `pid` has ended, allowing `within` seconds for the signal to land."""
    deadline = time.monotonic() + within
    while is_running(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not is_running(pid), f"process {pid} is still running"


def child_pid(handle, within=5.0):
    """The pid that a `PARENT_OF_SLEEPER` worker logs once its child has started."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for line in log_tail(handle).splitlines():
            if line.startswith("child "):
                return int(line.split()[1])
        time.sleep(0.02)
    raise AssertionError(f"{describe(handle)} logged no child pid:\n{log_tail(handle)}")


def test_a_worker_that_exits_gives_its_return_code_and_its_log(tmp_path):
    code = "import os, sys; print('args', sys.argv[1:], os.environ['AE_WORKER'], os.environ['HOME'] != '')"
    handle = start_python(code, args=("--epochs", 3, tmp_path), env={"AE_WORKER": "first"},
                          log_path=tmp_path / "first.log")
    assert wait(handle, timeout=10) == 0
    assert handle.log_path == tmp_path / "first.log"
    assert log_tail(handle) == f"args ['--epochs', '3', '{tmp_path}'] first True"
    assert stop(handle) == 0                                  # idempotent: nothing left to stop


def test_wait_on_several_workers_returns_each_return_code(tmp_path):
    script = tmp_path / "exit_with.py"
    script.write_text("import sys; print('bye', file=sys.stderr); sys.exit(int(sys.argv[1]))")
    handles = [start_python(script, args=(status,)) for status in (0, 3)]
    assert wait(handles, timeout=10) == [0, 3]
    assert handles[1].name == "exit_with.py" and log_tail(handles[1]) == "bye"   # stderr goes to the log too
    assert start_python(str(script), args=(4,)).wait(10) == 4                      # a path given as a string


def test_wait_stops_a_hung_worker_and_its_children_and_names_it():
    handle = start_python(PARENT_OF_SLEEPER, name="hung-worker")
    child = child_pid(handle)
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="hung-worker") as raised:
        wait(handle, timeout=1)
    assert time.monotonic() - started < 5
    assert f"pid {handle.pid}" in str(raised.value) and f"child {child}" in str(raised.value)   # the log's tail
    assert handle.returncode == -signal.SIGTERM
    assert_gone(handle.pid)
    assert_gone(child)


def test_wait_reports_only_the_hung_worker_and_stops_them_all():
    finished = start_python("print('done')", name="quick")
    hung = start_python(SLEEPER, name="slow")
    with pytest.raises(TimeoutError, match="1 of 2") as raised:
        wait([finished, hung], timeout=1)
    assert "'slow'" in str(raised.value) and "'quick'" not in str(raised.value)
    assert finished.returncode == 0 and hung.returncode is not None


def test_stop_kills_a_worker_that_ignores_sigterm_after_the_grace_period():
    code = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready'); time.sleep(1000)"
    handle = start_python(code)
    deadline = time.monotonic() + 5
    while log_tail(handle) != "ready" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert stop(handle, grace=0.3) == -signal.SIGKILL
    assert stop(handle, grace=0.3) == -signal.SIGKILL          # idempotent


def test_running_stops_every_held_worker_when_the_body_raises():
    first = start_python(PARENT_OF_SLEEPER)
    with pytest.raises(RuntimeError, match="body failed"):
        with running(first, grace=1) as held:
            second = start_python(SLEEPER)
            held.append(second)                                 # started inside the block: held too
            child = child_pid(first)
            raise RuntimeError("body failed")
    for pid in (first.pid, second.pid, child):
        assert_gone(pid)
    assert first.returncode == second.returncode == -signal.SIGTERM


def test_kill_then_restart_resumes(tmp_path):
    attempts = tmp_path / "attempts.txt"
    code = f"""
import pathlib, time
attempts = pathlib.Path({str(attempts)!r})
with attempts.open("a") as log:
    log.write("attempt\\n")
if len(attempts.read_text().splitlines()) == 1:
    time.sleep(1000)   # the first run hangs until it is killed
"""
    with running() as held:
        held.append(start_python(code, name="job"))
        deadline = time.monotonic() + 5
        while not attempts.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert kill(held[0]) == -signal.SIGKILL
        assert_gone(held[0].pid)
        assert kill(held[0]) == -signal.SIGKILL                 # killing a dead worker changes nothing
        held.append(start_python(code, name="job"))
        assert wait(held[1], timeout=10) == 0
    assert attempts.read_text().splitlines() == ["attempt", "attempt"]


def test_free_port_can_be_bound():
    port = free_port()
    assert isinstance(port, int) and 0 < port < 65536
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("localhost", port))


@pytest.mark.parametrize("call, shown", [
    pytest.param(lambda handle: wait(handle, timeout=-1), "-1", id="negative timeout"),
    pytest.param(lambda handle: wait(handle, timeout=0), "0", id="zero timeout"),
    pytest.param(lambda handle: wait(handle, timeout="10"), "'10'", id="string timeout"),
    pytest.param(lambda handle: stop(handle, grace=-0.5), "-0.5", id="negative grace"),
    pytest.param(lambda handle: wait("worker", timeout=1), "'worker'", id="string handle"),
    pytest.param(lambda handle: wait([handle, 42], timeout=1), "42", id="int among handles"),
    pytest.param(lambda handle: kill(1234), "1234", id="pid instead of handle"),
    pytest.param(lambda handle: log_tail(handle, lines=0), "0", id="zero lines"),
    pytest.param(lambda handle: running(handle, "oops").__enter__(), "'oops'", id="string held"),
])
def test_bad_arguments_to_the_process_functions_raise_value_error_with_the_value(call, shown):
    handle = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        with pytest.raises(ValueError, match="got") as raised:
            call(handle)
        assert shown in str(raised.value)
    finally:
        handle.wait(10)


@pytest.mark.parametrize("arguments, shown", [
    ({"script_path_or_code": "missing_script.py"}, "'missing_script.py'"),
    ({"script_path_or_code": 42}, "42"),
    ({"script_path_or_code": "   "}, "'   '"),
    ({"script_path_or_code": "pass", "args": "--epochs"}, "'--epochs'"),
    ({"script_path_or_code": "pass", "args": (None,)}, "None"),
    ({"script_path_or_code": "pass", "env": {"AE_WORKER": 1}}, "1"),
    ({"script_path_or_code": "pass", "env": ["AE_WORKER"]}, "['AE_WORKER']"),
    ({"script_path_or_code": "pass", "name": ""}, "''"),
    ({"script_path_or_code": "pass", "log_path": 3.5}, "3.5"),
])
def test_bad_arguments_to_start_python_raise_value_error_with_the_value(arguments, shown):
    with pytest.raises(ValueError, match="got") as raised:
        start_python(**arguments)
    assert shown in str(raised.value)
