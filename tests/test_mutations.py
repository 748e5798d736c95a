"""What `check` accepts, the app builds: seeded mutations of a copy of geodata/, each either refused by
the loader with a located problem or built into the whole app (issue 18, analyst safety)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from dashboard.model.briefing import DEFAULT_DATA_DIR, load_briefing
from dashboard.model.validation import DataError
from dashboard.web.app import create_app

SEED = 18
FIGURE_FIELDS = ("value", "qualifier", "as_of", "since", "source", "country", "measure", "coverage", "quote", "lower")
ODD_VALUES = ('""', "null", "-5", "0", '"2099-01"', '"late-2017"', '"mid-2016"', '"x"', "[]", '"2011"', "1e9")
# Mutations that change the structure rather than one value: each is valid data an analyst may write.
PLACE = (
    '{"type": "Feature", "id": "added-place", "geometry": {"type": "Point", "coordinates": [%s]},'
    ' "properties": {"name": "An added place", "kind": "%s", "symbol": "square", "description": "Added.",'
    ' "date": "2017-10", "source": "briefing", "confidence": "low", "status": "approximate", "uncertainty_km": 10}},\n'
)
STRUCTURAL = [
    ("layers/return_routes.geojson", "place", "38.5, 35.5"),
    ("layers/flows.geojson", "place", "3.0, 30.0"),
    ("layers/niger_drone_base.geojson", "flow", "8.0, 17.0"),
    ("layers/barrier.geojson", "place", "10.5, 33.0"),
    ("layers/us_forces_tunisia.geojson", "origin", "9.5, 36.5"),
]


def figure_mutations(rng: random.Random, count: int) -> list[tuple[int, str, str]]:
    """(record index, field, new YAML value), seeded."""
    return [(rng.randrange(40), rng.choice(FIGURE_FIELDS), rng.choice(ODD_VALUES)) for _ in range(count)]


def set_field(text: str, index: int, field: str, value: str) -> str:
    """figures.yaml with record ``index``'s ``field`` set to ``value`` (added when missing)."""
    head, *records = text.split("\n  - country: ")
    record = records[index % len(records)]
    lines = record.split("\n")
    prefix = f"    {field}: "
    for number, line in enumerate(lines):
        if line.startswith(prefix):
            lines[number] = prefix + value
            break
    else:
        lines.insert(1, prefix + value)
    records[index % len(records)] = "\n".join(lines)
    return "\n  - country: ".join([head, *records])


def outcome(data_dir: Path) -> str:
    """'refused' when the loader reports problems (each located in a file), 'built' when the app builds."""
    try:
        load_briefing(data_dir)
    except DataError as error:
        assert error.problems and all(problem.file for problem in error.problems)
        return "refused"
    create_app(data_dir)  # any exception here fails the test: check said ok, the app must build
    return "built"


@pytest.fixture
def fresh(tmp_path: Path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(DEFAULT_DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
        return target

    return copy


def test_every_mutation_is_refused_or_built(fresh):
    rng = random.Random(SEED)
    outcomes = []
    for number, (index, field, value) in enumerate(figure_mutations(rng, 60)):
        data_dir = fresh(f"figure-{number}")
        path = data_dir / "figures.yaml"
        path.write_text(set_field(path.read_text(encoding="utf-8"), index, field, value), encoding="utf-8")
        outcomes.append(outcome(data_dir))
    for number, (file, kind, point) in enumerate(STRUCTURAL):
        data_dir = fresh(f"layer-{number}")
        path = data_dir / file
        text = path.read_text(encoding="utf-8")
        start = text.index('{"type": "Feature"')
        path.write_text(text[:start] + PLACE % (point, kind) + text[start:], encoding="utf-8")
        outcomes.append(outcome(data_dir))
    # Not vacuous: the mutations both break the data and make valid data the app must draw.
    assert len(outcomes) >= 65
    assert outcomes.count("refused") >= 20 and outcomes.count("built") >= 5, outcomes
