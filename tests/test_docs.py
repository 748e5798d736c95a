"""The reference pages in docs/ are what the code gives, and every page the README points to is there."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.test_cli import ROOT


def test_the_generated_pages_are_current():
    """A changed option or a new module fails here until `python3 dev.py docs` is run."""
    result = subprocess.run([sys.executable, "docs/generate.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_link_in_the_readme_and_docs_reaches_a_file():
    for page in [ROOT / "README.md", *ROOT.joinpath("docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to {target}, which is missing"
