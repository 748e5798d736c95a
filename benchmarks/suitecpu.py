"""Where the test suite's CPU goes: ``.venv/bin/python -m benchmarks.suitecpu [pytest's arguments]``.

Runs pytest in this checkout (with the suite's options from pyproject.toml and
the arguments given, such as ``-m "not browser"``) and reads every process's
CPU from /proc five times a second until it ends. Prints the CPU seconds of
each kind of process (chromium's renderers, its browser and GPU processes,
``python -m dashboard`` serving, exporting or checking, the making process,
pytest and its workers, node), each under the kind that started it: the
renderers of the tests' own chromium apart from those of an export's.

A process that ends between two readings loses what it used since the last
one (at most 0.2 s each), and one that lives less than 0.2 s is not seen: the
figures are a floor. Processes that were running before the suite started
count only what they use while it runs.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.2
# The kinds a process is counted under when it starts others.
STARTERS = ("making", "dashboard export", "dashboard check", "dashboard serve", "pytest")


def kind_of(command: list[str]) -> str | None:
    """What a process is, from its command line; None for one that is none of the suite's."""
    text = " ".join(command)
    if "dashboard.web.making" in text:
        return "making"
    if "-m dashboard" in text:
        verb = next((word for word in ("export", "check", "bundle") if f" {word}" in text), "serve")
        return f"dashboard {verb}"
    if "pytest" in text or "exec(eval(sys.stdin" in text:  # pytest-xdist's workers start so
        return "pytest"
    if command and Path(command[0]).name == "node":
        return "node"
    if "chromium" in text:
        kind = text.split("--type=")[1].split()[0] if "--type=" in text else "browser"
        return f"chromium {kind}"
    if "nginx" in text:
        return "nginx"
    return None


class Sampler:
    """Every process's kind, parent and latest CPU seconds, read from /proc."""

    def __init__(self) -> None:
        self.kinds: dict[int, tuple[str | None, int]] = {}
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def read(self, starting: bool) -> None:
        for name in filter(str.isdigit, os.listdir("/proc")):
            pid = int(name)
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                cpu = (int(fields[11]) + int(fields[12])) / TICKS
                if pid not in self.kinds:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
                    self.kinds[pid] = (kind_of([word for word in command if word]), int(fields[1]))
                    self.first[pid] = cpu if starting else 0.0
            except (OSError, IndexError):
                continue
            self.last[pid] = cpu

    def starter(self, pid: int) -> str:
        """The kind of the nearest process above ``pid`` that starts others."""
        parent = self.kinds.get(pid, (None, 0))[1]
        while parent in self.kinds:
            kind, above = self.kinds[parent]
            if kind in STARTERS:
                return kind
            parent = above
        return "-"

    def totals(self) -> dict[str, float]:
        """CPU seconds by kind of process and the kind that started it, most first."""
        seconds: dict[str, float] = collections.defaultdict(float)
        for pid, (kind, _) in self.kinds.items():
            if kind is not None:
                seconds[f"{kind} (under {self.starter(pid)})"] += self.last[pid] - self.first[pid]
        return dict(sorted(seconds.items(), key=lambda item: -item[1]))


def main() -> None:
    sampler = Sampler()
    sampler.read(starting=True)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE_SECONDS):
            sampler.read(starting=False)

    thread = threading.Thread(target=sample)
    thread.start()
    started = time.perf_counter()
    code = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *sys.argv[1:]])
    wall = time.perf_counter() - started
    done.set()
    thread.join()
    totals = sampler.totals()
    print(f"\npytest exited {code} after {wall:.0f} s; CPU seconds by kind of process:")
    for kind, seconds in totals.items():
        if seconds >= 0.5:
            print(f"{seconds:8.1f}  {kind}")
    print(f"{sum(totals.values()):8.1f}  in all, {sum(totals.values()) / wall:.2f} cores on average")


if __name__ == "__main__":
    main()
