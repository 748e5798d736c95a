"""The wheel carries everything the map needs: installed outside the
repository, it checks its data and serves the whole page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.test_cli import ready_port, start

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, unpacked into a folder of its own (dependencies from .venv)."""
    # Built from a copy: setuptools leaves build/ in the folder it builds.
    source = tmp_path_factory.mktemp("source") / "dandelion"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__"))
    build = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(build)], check=True)
    (wheel,) = build.glob("*.whl")
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)  # fmt: skip
    return target


def run_installed(installed: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(installed))
    return subprocess.run([sys.executable, *args], cwd=installed.parent, env=env, text=True, capture_output=True,
                          **kwargs)  # fmt: skip


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    where = run_installed(installed, "-c", "import dashboard.model.resources as r; print(r.shipped('geodata'))")
    assert where.stdout.strip() == str(installed / "dashboard" / "geodata")


def test_the_installed_package_checks_its_data(installed):
    result = run_installed(installed, "-m", "dashboard", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_the_installed_package_serves_the_map(installed):
    process = start(sys.executable, "-m", "dashboard", "--port", "0", cwd=installed.parent, PYTHONPATH=str(installed))
    try:
        base = f"http://127.0.0.1:{ready_port(process.stdout.readline())}"
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            assert "dandelion.js" in response.read().decode()
        with urllib.request.urlopen(base + "/_dash-layout", timeout=10) as response:
            base_map = json.loads(re.search(r'"topojsonURL": ?("[^"]+")', response.read().decode()).group(1))
        for path in ("/assets/dandelion.js", f"/{base_map}world_50m.json", "/assets/style.css"):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        process.terminate()
        process.wait(timeout=10)
