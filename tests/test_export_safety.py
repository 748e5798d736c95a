"""Exports that cannot be turned against the analyst who makes them (issue 19).

A story or source file from someone else must not make an export write
outside its folder, overwrite a folder it did not make, run a formula in a
spreadsheet, or leave a broken file where a good one was.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import zipfile
from pathlib import Path

import pytest

from dashboard.__main__ import main
from dashboard.model.briefing import load_briefing
from dashboard.model.files import write_atomically
from dashboard.model.validation import DataError
from dashboard.outputs.delivery import SITE_MARK, FolderNotOurs, export_site
from dashboard.outputs.exports import cell, data_package, sources_csv
from tests.conftest import add_later_count
from tests.test_cli import dashboard

FORMULA = '=HYPERLINK("https://evil.example/","click")'


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_briefing(data_dir)
    return [str(problem) for problem in caught.value.problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("step_id", ["x/../../escaped", "..", "a b", "étape", "x\\y"])
def test_check_refuses_a_step_id_that_is_no_file_name(data_dir, step_id, capsys):
    """Issue 19: `id: "x/../../escaped"` passed check, and export slides wrote its PNG two folders up."""
    replace_in(data_dir / "story.yaml", "  - id: maghreb", f"  - id: {step_id!r}".replace("'", '"'))
    assert main(["check", "--data", str(data_dir)]) == 2  # as `python -m dashboard check` runs it (tests/test_cli.py)
    stderr = capsys.readouterr().err
    assert "story.yaml:" in stderr
    assert "step 2" in stderr and "field 'id': must be letters, digits, - and _ only" in stderr


def test_check_refuses_a_layer_id_that_is_no_file_name(data_dir):
    replace_in(data_dir / "layers.yaml", "  - id: flows", '  - id: "../flows"')
    assert any(
        "layers.yaml:" in p and "field 'id': must be letters, digits, - and _ only" in p for p in problems_of(data_dir)
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "//evil.example/"])
def test_check_refuses_a_source_url_that_is_not_a_web_address(data_dir, url):
    replace_in(
        data_dir / "sources.yaml",
        'url: "http://www.atahq.org/ata-policy-focus/fall-raqqa-middle-east-security-brief/"',
        f'url: "{url}"',
    )
    assert any(
        p.startswith("sources.yaml:") and "field 'url': must be a web address (https:// or http://)" in p
        for p in problems_of(data_dir)
    )


def test_a_cell_a_spreadsheet_would_run_is_neutralised():
    for text in ("=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"):
        assert cell(text) == "'" + text
    assert cell("3,000") == "3,000" and cell(-3) == -3 and cell(None) == ""


def test_the_csv_and_the_data_package_carry_a_formula_as_text(data_dir):
    data_dir = add_later_count(data_dir)
    replace_in(
        data_dir / "sources.yaml", 'publisher: "an analyst\'s example source"', f"note: '{FORMULA}'\n    publisher: x"
    )
    briefing = load_briefing(data_dir)

    def notes(data: bytes) -> list[str]:
        return [row["note"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))) if row["note"]]

    assert "'" + FORMULA in notes(sources_csv(briefing))
    with zipfile.ZipFile(io.BytesIO(data_package(briefing))) as package:
        packaged = notes(package.read("dandelion-data/sources.csv"))
    assert "'" + FORMULA in packaged and FORMULA not in packaged


def test_an_export_to_a_symlink_replaces_the_link_not_its_target(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "figures.csv"
    link.symlink_to(target)
    result = dashboard("export", "csv", str(link))
    assert result.returncode == 0, result.stderr
    assert target.read_text() == "keep me"
    assert not link.is_symlink() and link.read_bytes().startswith("\ufeff".encode())


def test_a_write_that_fails_leaves_the_old_file_whole_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "dandelion.csv"
    path.write_bytes(b"the good one")

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(path, b"x" * 100_000)
    assert path.read_bytes() == b"the good one"
    assert [p.name for p in tmp_path.iterdir()] == ["dandelion.csv"]


def test_export_site_refuses_a_folder_with_files_it_did_not_write(tmp_path):
    folder = tmp_path / "mine"
    (folder / "static").mkdir(parents=True)
    (folder / "static" / "logo.png").write_bytes(b"png")
    (folder / "index.html").write_text("my own page")
    result = dashboard("export", "site", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"cannot write {folder}: it has files that export site did not write" in result.stderr
    assert "--force" in result.stderr
    assert (folder / "static" / "logo.png").read_bytes() == b"png"
    assert (folder / "index.html").read_text() == "my own page"


def test_export_site_replaces_its_own_files_and_with_force_writes_beside_others(app, tmp_path):
    folder = tmp_path / "site"
    export_site(app, folder)
    first = set((folder / SITE_MARK).read_text().splitlines())
    stale = folder / "static" / "old.0123456789ab.js"
    stale.write_text("from an earlier version")
    (folder / SITE_MARK).write_text("\n".join([*first, "static/old.0123456789ab.js"]) + "\n")
    export_site(app, folder)  # its own folder: no --force needed, and what it no longer writes goes
    assert not stale.exists() and (folder / "index.html").is_file()
    (folder / "README.txt").write_text("someone else's")
    (folder / SITE_MARK).unlink()
    with pytest.raises(FolderNotOurs):
        export_site(app, folder)
    export_site(app, folder, force=True)
    assert (folder / "README.txt").read_text() == "someone else's"
