"""`python -m dashboard` and `python -m dashboard check`, as a user runs them."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from dashboard.__main__ import main
from tests.test_briefing import TUNISIA_VALUE_LINE

ROOT = Path(__file__).resolve().parent.parent


def dashboard(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def break_data(data_dir: Path) -> None:
    """Two problems in two files: both must be reported."""
    figures = data_dir / "figures.yaml"
    figures.write_text(figures.read_text().replace("value: 3000", "value: -3000", 1))
    (data_dir / "population.yaml").unlink()


def test_check_passes_on_the_shipped_data():
    result = dashboard("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 49 figures")


@pytest.mark.parametrize("before", [False, True])
def test_check_lists_every_problem_and_fails(data_dir, before):
    break_data(data_dir)
    options = ("--data", str(data_dir))
    result = dashboard(*options, "check") if before else dashboard("check", *options)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    where = f"figures.yaml:{TUNISIA_VALUE_LINE}: figure 3 (TUN foreign_fighters)"
    assert f"{where}: field 'value': must not be negative, got -3000" in lines
    assert "population.yaml: file is missing" in lines
    assert lines[-1] == f"2 problems in {data_dir}"
    assert "Traceback" not in result.stderr


def test_the_server_does_not_start_on_bad_data(data_dir):
    break_data(data_dir)
    result = dashboard("--data", str(data_dir), "--port", "0")
    assert result.returncode == 2
    assert "field 'value': must not be negative" in result.stderr
    assert "The dashboard did not start" in result.stderr
    assert "Traceback" not in result.stderr


READY = re.compile(r"Dandelion ready in [0-9.]+ s: http://127\.0\.0\.1:([0-9]+)/")
# Servers started here are about the command line and serving: no chromium run for the hand-out or the
# first map's pictures (tests/test_serving.py and tests/test_first_paint.py test those).
NO_CHROMIUM = "/nonexistent/chromium"


def start(*command: str, cwd: Path = ROOT, **env: str) -> subprocess.Popen:
    """``command`` (a server told ``--port 0``), its output (stderr too) readable line by line."""
    return subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "DANDELION_CHROMIUM": NO_CHROMIUM, **env},
    )  # fmt: skip


def ready_port(line: str) -> int:
    """The port a server started with ``--port 0`` says, on its ready line, that it took."""
    match = READY.search(line)
    assert match, f"not a ready line: {line!r}"
    port = int(match.group(1))
    assert port != 0
    return port


def test_the_server_prints_its_address_and_serves_the_page():
    process = start(sys.executable, "-m", "dashboard", "--port", "0")
    try:
        port = ready_port(process.stdout.readline())
        # Bound before it said ready: the first request is answered, with no waiting on our side.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert "<title>Dandelion" in response.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_port_in_use_is_said_plainly_and_nothing_claims_to_be_ready():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = dashboard("--port", str(taken.getsockname()[1]))
    assert result.returncode == 3
    assert "is already in use" in result.stderr and "--port" in result.stderr
    assert "ready" not in result.stdout and "Traceback" not in result.stderr


def test_a_data_option_that_is_no_folder_is_one_clear_line(tmp_path):
    a_file = tmp_path / "figures.yaml"
    a_file.write_text("[]")
    for path, reason in ((a_file, "is a file, not a folder"), (tmp_path / "nowhere", "folder not found")):
        result = dashboard("check", "--data", str(path))
        assert result.returncode == 2
        assert result.stderr.splitlines() == [f"{path}: {reason}", f"1 problem in {path}"]


@pytest.mark.parametrize(
    "arguments, error",
    [
        (["--request-deadline", "0"], "argument --request-deadline: '0' is not a number of seconds above 0"),
        (["--request-deadline", "soon"], "argument --request-deadline: 'soon' is not a number of seconds above 0"),
        (["--request-deadline", "5", "--workers", "2"], "--request-deadline is for one process"),
    ],
)
def test_a_request_deadline_that_cannot_be_kept_is_one_clear_line(capsys, arguments, error):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2 and error in capsys.readouterr().err


def descendants(pid: int) -> str:
    """``ps``'s lines of process ``pid`` and every process under it: state, what it waits in, command."""
    lines = subprocess.run(
        ["ps", "-eo", "pid,ppid,ni,stat,wchan:24,etime,args"], capture_output=True, text=True
    ).stdout.splitlines()
    family, kept = {pid}, [lines[0]]
    for line in lines[1:]:  # ps lists a parent before its children
        child, parent = map(int, line.split()[:2])
        if child in family or parent in family:
            family.add(child)
            kept.append(line[:200])
    return "\n".join(kept)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_dev_py_run_passes_signals_on_and_stops_cleanly(signum):
    process = start(sys.executable, "dev.py", "run", "--port", "0")
    # dev.py may first install (when pyproject.toml changed), saying so at length.
    port = ready_port(next((line for line in process.stdout if "Dandelion ready" in line), ""))
    process.send_signal(signum)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        # Say which process did not stop, and in what state (a run started in the background ignored Ctrl-C in
        # every process it started, until conftest.py's pytest_configure set it back).
        left = descendants(process.pid)
        process.kill()
        pytest.fail(f"not stopped 30 s after the signal; still running:\n{left}")
    assert process.returncode == 0
    assert "Dandelion stopped." in output and "Traceback" not in output
    with socket.socket() as probe:  # nothing is left listening
        assert probe.connect_ex(("127.0.0.1", port)) != 0
