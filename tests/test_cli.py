"""`python -m dashboard` and `python -m dashboard check`, as a user runs them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_briefing import TUNISIA_LINE

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
    assert result.stdout.startswith("ok: 11 figures")


@pytest.mark.parametrize("before", [False, True])
def test_check_lists_every_problem_and_fails(data_dir, before):
    break_data(data_dir)
    options = ("--data", str(data_dir))
    result = dashboard(*options, "check") if before else dashboard("check", *options)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    where = f"figures.yaml:{TUNISIA_LINE}: figure 3 (TUN foreign_fighters)"
    assert f"{where}: field 'value': must not be negative, got -3000" in lines
    assert "population.yaml: file is missing" in lines
    assert lines[-1] == f"2 problems in {data_dir}"
    assert "Traceback" not in result.stderr


def test_the_server_does_not_start_on_bad_data(data_dir):
    break_data(data_dir)
    result = dashboard("--data", str(data_dir), "--port", "1")
    assert result.returncode == 2
    assert "field 'value': must not be negative" in result.stderr
    assert "The dashboard did not start" in result.stderr
    assert "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(process: subprocess.Popen, url: str, seconds: float = 60) -> str:
    """The page at ``url`` once the server started as ``process`` answers."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)


def test_the_server_prints_its_address_and_serves_the_page():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        first_line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first_line
        assert "<title>Dandelion" in wait_for_page(process, f"http://127.0.0.1:{port}/")
    finally:
        process.terminate()
        process.wait(timeout=10)
